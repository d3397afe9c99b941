// Browser tests of the author pages and the country facet (issues 14 items 9-10, 16 "Author
// pages") on the bundled samples, over http:// and from file://. Expected numbers come from the
// engine (search totals, facets, person keys), not from the page's own code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildDemo, distDir, fileUrl, launch, screenshot, serve, skipWithoutChromium, watchErrors } from '../testlib/harness.mjs';
import { searchFor, settle, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

const engine = (page, op, args) => page.evaluate(([o, a]) => window.CaciDemo.app.state.engine.call(o, a), [op, args]);
const search = (page, query, opts) => page.evaluate(([q, o]) => window.CaciDemo.app.state.engine.search(q, o), [query, opts]);

async function authorPageShown(page, name) {
  await page.waitForFunction((n) => {
    const d = document.getElementById('author-page');
    return d && d.open && document.getElementById('author-page-title').textContent === n &&
      !/Collecting/.test(document.getElementById('author-page-body').textContent);
  }, name, { timeout: TIMEOUT });
}

// What the page must show for `name`, from the engine: the person's articles are the hits of
// author:"name" with an author of the same person key.
async function expected(page, name) {
  return page.evaluate(async (n) => {
    const e = window.CaciDemo.app.state.engine;
    const key = await e.call('personKey', { name: n });
    const r = await e.search(`author:"${n}"`, { limit: 10000, snippetBytes: 0 });
    const articles = [];
    const spellings = new Set();
    const coauthors = new Set();
    for (const h of r.hits) {
      let mine = false;
      for (const a of h.article.authors) if (await e.call('personKey', { name: a.name }) === key) { mine = true; spellings.add(a.name); }
      if (!mine) continue;
      articles.push(h.id);
      for (const a of h.article.authors) if (await e.call('personKey', { name: a.name }) !== key) coauthors.add(a.name);
    }
    return { key, articles: articles.sort(), spellings: [...spellings].sort(), coauthors: [...coauthors].sort() };
  }, name);
}

async function shown(page) {
  return page.evaluate(() => {
    const body = document.getElementById('author-page-body');
    const section = (title) => [...body.querySelectorAll('.author-section')].find((s) => s.querySelector('h3').textContent === title);
    const values = (title) => [...section(title).querySelectorAll('li')].map((li) => li.firstChild.textContent).sort();
    return {
      summary: body.querySelector('.author-summary').textContent,
      articles: [...body.querySelectorAll('.author-article')].map((b) => b.dataset.id).sort(),
      years: [...body.querySelectorAll('.author-years tr')].reduce((n, tr) => n + Number(tr.querySelector('.count').textContent), 0),
      spellings: values('Name spellings seen'),
      coauthors: values('Co-authors'),
      kinds: values('Kinds'),
    };
  });
}

for (const via of ['http', 'file']) {
  describe(`Author pages and the country facet in Chromium (${via})`, { skip }, () => {
    let server, browser, page;
    const errors = [];

    before(async () => {
      buildDemo();
      browser = await launch();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      watchErrors(page, errors);
      if (via === 'http') {
        server = await serve(distDir);
        await page.goto(server.url);
      } else {
        await page.goto(fileUrl(join(distDir, 'index.html')));
      }
      await waitReady(page);
    });

    after(async () => {
      if (browser) await browser.close();
      if (server) await server.close();
    });

    it('an author name in the results opens the person\'s page: articles, years, spellings, kinds, co-authors', async () => {
      await searchFor(page, 'border');
      const link = page.locator('#results .author-link').first();
      const name = await link.textContent();
      await link.click();
      await authorPageShown(page, name);
      const want = await expected(page, name);
      const got = await shown(page);
      assert.ok(want.articles.length >= 1);
      assert.deepEqual(got.articles, want.articles);
      assert.equal(got.years, want.articles.length, 'the years add up to the articles');
      assert.match(got.summary, new RegExp(`^${want.articles.length} articles?, `));
      assert.deepEqual(got.spellings, want.spellings);
      assert.deepEqual(got.coauthors, want.coauthors);
      assert.ok(got.kinds.length >= 1);
      if (via === 'http') await screenshot(page, 'author-page');
      await page.click('#author-page-close');
      assert.equal(await page.evaluate(() => document.getElementById('author-page').open), false);
    });

    it('the article view and the author facet link to the same page', async () => {
      await searchFor(page, '');
      await page.locator('#results .hit-open').first().click();
      await page.waitForFunction(() => document.getElementById('article-view').open, null, { timeout: TIMEOUT });
      const fromArticle = page.locator('#article-body .author-page-link').first();
      const name = await fromArticle.evaluate((b) => b.dataset.authorPage);
      await fromArticle.click();
      await authorPageShown(page, name);
      assert.equal(await page.evaluate(() => document.getElementById('article-view').open), false, 'the article view gave way');
      await page.click('#author-page-close');
      const facetLink = page.locator('.facet[data-field="author"] .facet-author-page').first();
      const facetName = await facetLink.evaluate((b) => b.dataset.authorPage);
      await facetLink.click();
      await authorPageShown(page, facetName);
      assert.deepEqual((await shown(page)).articles, (await expected(page, facetName)).articles);
      await page.click('#author-page-close');
    });

    it('an alias table makes two names one person: one page lists both spellings', async () => {
      const names = ['Jonas Ekholm', 'Jonas Eklund'];
      assert.equal((await search(page, `author:"${names[0]}"`, { limit: 10 })).total, 1);
      await engine(page, 'setAuthorAliases', { text: `# test\n${names[0]} = ${names[1]}\n` });
      await page.evaluate((n) => window.CaciDemo.authorPage.open(n), names[1]);
      await authorPageShown(page, names[0]); // a 1:1 tie shows the smaller spelling
      const got = await shown(page);
      assert.deepEqual(got.spellings, names);
      assert.equal(got.articles.length, 2);
      await page.click('#author-page-close');
      const bad = await page.evaluate(() => window.CaciDemo.app.state.engine.call('setAuthorAliases', { text: 'no equals\n' })
        .then(() => 'accepted', (err) => err.message));
      assert.match(bad, /aliases line 1/);
      await engine(page, 'setAuthorAliases', { text: '' });
    });

    it('the country facet filters by country with a chip, and its counts come from the engine', async () => {
      await searchFor(page, '');
      const facet = page.locator('.facet[data-field="country"] .facet-item');
      assert.ok(await facet.count() >= 2);
      const r = await search(page, '', { limit: 0, facets: true });
      const first = r.facets.country[0];
      const label = await facet.first().locator('.label').textContent();
      assert.equal(label, first.value);
      assert.equal(Number(await facet.first().locator('.count').textContent()), first.count);
      await settle(page, () => facet.first().click());
      assert.equal(await page.textContent('#chips .chip span'), `Country: ${first.value}`);
      const want = (await search(page, `country:${first.value}`, { limit: 0 })).total;
      assert.equal(want, first.count);
      assert.match(await page.textContent('#hit-count'), new RegExp(`^${want} (hits?|articles?)`));
      await settle(page, () => page.click('#chips .chip'));
      assert.equal(await page.locator('#chips .chip').count(), 0);
      assert.deepEqual(errors, []);
    });
  });
}
