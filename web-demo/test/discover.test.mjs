// Search v2 in the demo (issue 14 items 5-7, issue 16 "Add"), on the bundled samples in Chromium:
// "Did you mean" under the hit count, completions under the search box (the ARIA combobox
// pattern, focus kept in the box), related articles in the article view, and the Syntax panel
// generated from core/src/search/QUERY.md. Expected values come from the engine (through the
// page's worker) or from QUERY.md, never from the demo's own code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDemo, rootDir, screenshot, skipWithoutChromium } from '../testlib/harness.mjs';
import { hitCount, searchFor, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();
const engine = (page, op, args) => page.evaluate(([o, a]) => window.CaciDemo.app.state.engine.call(o, a), [op, args]);

describe('did you mean, completions, related articles and the Syntax panel in Chromium', { skip }, () => {
  let server, browser, page;
  const errors = [];
  before(async () => {
    ({ server, browser, page } = await openDemo(errors));
    await waitReady(page);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('did you mean: a misspelled query shows the engine\'s corrections with their totals; a click runs one', async () => {
    const typo = 'bordr';
    const expected = await engine(page, 'search', { query: typo, options: { limit: 0, suggest: true } });
    assert.ok(expected.suggestions.length > 0, `the engine suggests something for ${typo}`);
    assert.equal(await searchFor(page, typo), 0);
    await page.waitForSelector('#did-you-mean:not([hidden]) button.suggestion', { timeout: TIMEOUT });
    const line = (await page.textContent('#did-you-mean')).replace(/\s+/g, ' ');
    assert.match(line, /^Did you mean: /);
    const shown = await page.locator('#did-you-mean button.suggestion').allTextContents();
    assert.deepEqual(shown, expected.suggestions.map((s) => s.query));
    for (const s of expected.suggestions) assert.ok(line.includes(`${s.query} (${s.total.toLocaleString('en')} hit`), `${line} names ${s.query} with ${s.total}`);
    await screenshot(page, 'did-you-mean');
    const first = expected.suggestions[0];
    const before = await page.evaluate(() => window.CaciDemo.app.state.seq);
    await page.click('#did-you-mean button.suggestion >> nth=0');
    await page.waitForFunction((n) => window.CaciDemo.app.state.seq > n && document.getElementById('results').getAttribute('aria-busy') !== 'true', before, { timeout: TIMEOUT });
    assert.equal(await page.inputValue('#q'), first.query);
    assert.equal(await hitCount(page), first.total);
    assert.equal(await page.isHidden('#did-you-mean'), true, 'a query with enough hits suggests nothing');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  });

  it('did you mean keeps the filters: the suggestion is the box\'s part, its total counts under the filters', async () => {
    await searchFor(page, 'border');
    await page.click('.facet[data-field="year"] .facet-item >> nth=0');
    await page.waitForSelector('#chips .chip', { timeout: TIMEOUT });
    await searchFor(page, 'bordr');
    const sent = await page.evaluate(() => window.CaciDemo.query.compose('bordr', window.CaciDemo.app.state.filters).text);
    assert.match(sent, /^\(bordr\) /);
    const expected = await engine(page, 'search', { query: sent, options: { limit: 0, suggest: true } });
    if (expected.suggestions.length) {
      await page.waitForSelector('#did-you-mean:not([hidden])', { timeout: TIMEOUT });
      const shown = await page.locator('#did-you-mean button.suggestion').allTextContents();
      assert.deepEqual(shown, expected.suggestions.map((s) => s.query.replace(/^\((.*)\) .*$/, '$1')));
    }
    await page.click('#clear-filters');
    await page.waitForFunction(() => document.querySelectorAll('#chips .chip').length === 0, null, { timeout: TIMEOUT });
  });

  it('completions: the last word\'s most frequent terms under the box; arrows, Enter and Escape; focus stays in the box', async () => {
    await searchFor(page, '');
    await page.focus('#q');
    await page.keyboard.type('oil kaz');
    await page.waitForSelector('#q-completions:not([hidden]) [role=option]', { timeout: TIMEOUT });
    const expected = (await engine(page, 'complete', { prefix: 'kaz', n: 9 })).filter((c) => c.term !== 'kaz').slice(0, 8);
    const options = await page.locator('#q-completions [role=option]').evaluateAll((n) => n.map((o) => o.dataset.term));
    assert.deepEqual(options, expected.map((c) => c.term));
    assert.ok(options.every((t) => t.startsWith('kaz')));
    const counts = await page.locator('#q-completions .count').allTextContents();
    assert.deepEqual(counts, expected.map((c) => `${c.articles} article${c.articles === 1 ? '' : 's'}`));
    assert.equal(await page.getAttribute('#q', 'role'), 'combobox');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
    assert.equal(await page.getAttribute('#q', 'aria-controls'), 'q-completions');
    assert.equal(await page.getAttribute('#q-completions', 'role'), 'listbox');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'the list never takes the focus');
    await screenshot(page, 'completions');

    // ↓ twice, ↑ once: the first option is active (aria-activedescendant), the focus still in the box.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const activeId = await page.getAttribute('#q', 'aria-activedescendant');
    assert.equal(await page.getAttribute(`#${activeId}`, 'aria-selected'), 'true');
    assert.equal(await page.getAttribute(`#${activeId}`, 'data-term'), options[0]);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    // Enter takes it: the word is replaced, the list closes, the query runs.
    const before = await page.evaluate(() => window.CaciDemo.app.state.seq);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.CaciDemo.app.state.seq > n && document.getElementById('results').getAttribute('aria-busy') !== 'true', before, { timeout: TIMEOUT });
    assert.equal(await page.inputValue('#q'), `oil ${options[0]}`);
    assert.equal(await page.isHidden('#q-completions'), true);
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
    assert.equal(await hitCount(page), (await engine(page, 'search', { query: `oil ${options[0]}`, options: { limit: 0 } })).total);

    // Escape closes the list and keeps the text (a search box would clear itself).
    await page.keyboard.type(' bor');
    await page.waitForSelector('#q-completions:not([hidden]) [role=option]', { timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    assert.equal(await page.isHidden('#q-completions'), true);
    assert.equal(await page.inputValue('#q'), `oil ${options[0]} bor`);
    assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), null);
  });

  it('completions never block typing: keys typed while the list is open all land in the box', async () => {
    await page.fill('#q', '');
    await page.focus('#q');
    await page.keyboard.type('bor');
    await page.waitForSelector('#q-completions:not([hidden]) [role=option]', { timeout: TIMEOUT });
    await page.keyboard.type('der gas', { delay: 5 });
    assert.equal(await page.inputValue('#q'), 'border gas');
    // A word too short, an operator or a year value asks for nothing.
    await page.keyboard.type(' OR');
    await page.waitForFunction(() => document.getElementById('q-completions').hidden, null, { timeout: TIMEOUT });
    await page.fill('#q', 'year:20');
    assert.equal(await page.evaluate(() => window.CaciDemo.complete.wordAtCaret(document.getElementById('q'))), null);
    await page.fill('#q', 'kind:art');
    assert.equal(await page.evaluate(() => window.CaciDemo.complete.wordAtCaret(document.getElementById('q'))), null);
    await page.waitForFunction(() => document.getElementById('q-completions').hidden, null, { timeout: TIMEOUT });
    // A click on an option takes it without moving the focus out of the box.
    await page.fill('#q', 'kaz');
    await page.waitForSelector('#q-completions:not([hidden]) [role=option]', { timeout: TIMEOUT });
    const term = await page.getAttribute('#q-completions [role=option] >> nth=0', 'data-term');
    await page.click('#q-completions [role=option] >> nth=0');
    assert.equal(await page.inputValue('#q'), term);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    await page.keyboard.press('Tab');
    assert.equal(await page.isHidden('#q-completions'), true);
  });

  it('related articles: the article view lists the engine\'s related articles (title, date, author), each opens', async () => {
    assert.ok(await searchFor(page, 'border') > 0);
    const id = await page.evaluate(() => window.CaciDemo.app.state.hits[0].id);
    const expected = await engine(page, 'related', { id, n: 5 });
    assert.ok(expected.hits.length > 0, 'the engine relates the first hit to something');
    assert.ok(expected.hits.every((h) => h.id !== id));
    await page.click('#results .hit-open >> nth=0');
    await page.waitForSelector('#article-view[open] .related li', { timeout: TIMEOUT });
    assert.equal(await page.textContent('#article-body .related h3'), 'Related articles');
    const ids = await page.locator('#article-body .related .related-open').evaluateAll((n) => n.map((b) => b.dataset.id));
    assert.deepEqual(ids, expected.hits.map((h) => h.id));
    const items = await page.locator('#article-body .related li').allTextContents();
    const meta = await page.evaluate((hits) => hits.map((h) => [window.CaciDemo.dom.displayTitle(h.article),
      window.CaciDemo.dom.formatDate(h.article), window.CaciDemo.dom.authorNames(h.article)]), expected.hits);
    meta.forEach(([title, date, authors], i) => {
      assert.ok(items[i].startsWith(title), `${items[i]} starts with ${title}`);
      if (date) assert.ok(items[i].includes(date), `${items[i]} has ${date}`);
      if (authors) assert.ok(items[i].includes(authors), `${items[i]} has ${authors}`);
    });
    await screenshot(page, 'related');
    // Opening one shows that article, with its own related list.
    await page.click('#article-body .related .related-open >> nth=0');
    await page.waitForFunction((want) => window.CaciDemo.app.state.openArticle && window.CaciDemo.app.state.openArticle.id === want,
      expected.hits[0].id, { timeout: TIMEOUT });
    assert.ok((await page.textContent('#article-title')).trim().startsWith(meta[0][0]), 'the article view shows the related article');
    await page.waitForSelector('#article-view[open] .related li', { timeout: TIMEOUT });
    const next = await page.locator('#article-body .related .related-open').evaluateAll((n) => n.map((b) => b.dataset.id));
    assert.ok(!next.includes(expected.hits[0].id), 'an article is never related to itself');
    await page.keyboard.press('Escape');
  });

  it('the Syntax panel is QUERY.md: word forms, =word exact forms, name variants, every operator and field', async () => {
    const md = readFileSync(join(rootDir, 'core', 'src', 'search', 'QUERY.md'), 'utf8');
    await page.click('#help-toggle');
    const text = (await page.textContent('#help')).replace(/\s+/g, ' ');
    for (const name of ['Word forms', 'Name variants', 'Exact forms only']) {
      const m = new RegExp(`^- \\*\\*${name}\\*\\*:? ((?:.|\\n  )*)`, 'm').exec(md);
      assert.ok(m, `QUERY.md has the rule ${name}`);
      const sentence = m[1].replace(/\s+/g, ' ').replace(/`|\*\*/g, '');
      assert.ok(text.includes(sentence), `the panel has the rule "${name}": ${sentence}`);
    }
    // Every row of the Operators and Field filters tables, by its syntax column.
    const rows = (title) => {
      const part = md.slice(md.indexOf(`### ${title}`)).split(/\n### /)[0];
      return part.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split(' | ')[0].replace(/^\| /, '').replace(/`/g, ''));
    };
    for (const syntax of [...rows('Operators'), ...rows('Field filters')]) assert.ok(text.includes(syntax), `the panel lists ${syntax}`);
    assert.ok(text.includes('=talks'), 'the panel shows =word');
    assert.ok(text.includes('Kazakhstan = Kazakstan'), 'the panel lists the name variants table');
    // Its examples run (js/app.js): =word gives the exact form only.
    const exact = page.locator('#help button.example', { hasText: /^=/ });
    assert.ok(await exact.count() > 0, 'an =word example finds articles in the samples');
    const q = (await exact.first().textContent()).trim();
    const before = await page.evaluate(() => window.CaciDemo.app.state.seq);
    await exact.first().click();
    await page.waitForFunction((n) => window.CaciDemo.app.state.seq > n && document.getElementById('results').getAttribute('aria-busy') !== 'true', before, { timeout: TIMEOUT });
    assert.equal(await page.inputValue('#q'), q);
    assert.equal(await hitCount(page), (await engine(page, 'search', { query: q, options: { limit: 0 } })).total);
    await screenshot(page, 'syntax');
    await page.click('#help-toggle');
    assert.deepEqual(errors, []);
  });
});
