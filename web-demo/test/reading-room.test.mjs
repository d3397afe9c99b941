// Browser tests of issue 16's fixes (the demo as a research reading room): each was written to fail
// before its fix. A fresh browser context, so the IndexedDB cache starts empty.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemo, screenshot, skipWithoutChromium } from '../testlib/harness.mjs';
import { hitCount, searchFor, settle, typeQuery, waitArticles, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

const page1 = (name, word, date = '3/5/2003') => `By ${name} (${date} issue of the CACI Analyst)\n` +
  `BACKGROUND: The ${word} delegation met to discuss melon exports and the river treaty.\n` +
  'CONCLUSIONS: The treaty is a small step.\n';

function tempDir(files) {
  const dir = mkdtempSync(join(tmpdir(), 'caci-room-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function confirmDialog(page, accept) {
  await page.waitForSelector('#confirm-dialog[open]', { timeout: TIMEOUT });
  await page.click(accept ? '#confirm-ok' : '#confirm-cancel');
  await page.waitForSelector('#confirm-dialog', { state: 'hidden' });
}

describe('reading room (issue 16) in Chromium', { skip }, () => {
  let server, browser, context, page;
  const errors = [];

  before(async () => {
    ({ server, browser, context, page } = await openDemo(errors));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  // ------------------------------------------------------------------------- fix 1: samples
  it('fix 1: labels the samples, replaces them with your pages, clears only after a confirmation', async () => {
    const ready = await waitReady(page);
    assert.match(ready.text, /sample articles from \d+ sample pages/, ready.text);
    await searchFor(page, '');
    assert.equal(await page.locator('#results .hit .sample-badge').count(), await page.locator('#results .hit').count(),
      'every result is labelled as a sample');
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    assert.match(await page.textContent('#article-body .sample-note'), /sample/i);
    await page.keyboard.press('Escape');

    const dir = tempDir({ 'own-page.txt': page1('Owna Pagerova', 'ownpageian') });
    try {
      await page.setInputFiles('#add-files', join(dir, 'own-page.txt'));
      const mine = await waitArticles(page, (n) => n === 1);
      assert.match(mine.text, /^ready: 1 article from 1 page/, mine.text);
      assert.doesNotMatch(mine.text, /^ready: [\d,]+ sample/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
    assert.equal(await searchFor(page, ''), 1, 'the samples are gone');
    assert.equal(await page.locator('#results .sample-badge').count(), 0);

    // Clear archive asks first; Cancel keeps everything.
    await page.click('#clear-archive');
    await page.waitForSelector('#confirm-dialog[open]');
    await screenshot(page, 'room-confirm');
    await confirmDialog(page, false);
    assert.equal((await waitReady(page)).articles, 1);
    await page.click('#clear-archive');
    await confirmDialog(page, true);
    const cleared = await waitArticles(page, (n) => n === 0);
    assert.match(cleared.text, /empty/);
    assert.equal(await page.evaluate(() => window.CaciDemo.app.state.size), 0);

    // Reset to samples and Load index ask too when they would replace your own pages.
    const dir2 = tempDir({ 'own-page.txt': page1('Owna Pagerova', 'ownpageian') });
    try {
      await page.setInputFiles('#add-files', join(dir2, 'own-page.txt'));
      await waitArticles(page, (n) => n === 1);
      await page.click('#reset');
      await confirmDialog(page, false);
      assert.equal((await waitReady(page)).articles, 1);
      writeFileSync(join(dir2, 'x.caci'), 'not an index');
      await page.setInputFiles('#load-index', join(dir2, 'x.caci'));
      await confirmDialog(page, false);
      assert.equal((await waitReady(page)).articles, 1);
      await page.click('#reset');
      await confirmDialog(page, true);
      const samples = await waitArticles(page, (n) => n > 1);
      assert.match(samples.text, /sample/);
    } finally { rmSync(dir2, { recursive: true, force: true }); }
    await screenshot(page, 'room-samples');
  });

  // ---------------------------------------------------------------- fix 4: ready means usable
  it('fix 4: searches before caching, so "ready" comes with current results; a typed query shows as pending', async () => {
    await waitReady(page);
    await searchFor(page, 'readyquokkian');
    assert.equal(await hitCount(page), 0);
    // A slow cache write must not hold back the results.
    await page.evaluate(() => {
      const cache = window.CaciDemo.cache;
      const slow = cache.saveIndex;
      cache.saveIndex = (entry) => new Promise((resolve) => setTimeout(() => resolve(slow(entry)), 5000));
    });
    const dir = tempDir({ 'ready.txt': page1('Reada Testova', 'readyquokkian') });
    try {
      await page.setInputFiles('#add-files', join(dir, 'ready.txt'));
      await page.waitForFunction(() => /^ready: /.test(document.getElementById('status').textContent) &&
        document.getElementById('status').textContent.includes('ready.txt'), null, { timeout: TIMEOUT });
    } finally { rmSync(dir, { recursive: true, force: true }); }
    assert.equal(await hitCount(page), 1, 'results are current when the status says ready');
    // Typing shows a pending state until the results arrive.
    await page.fill('#q', 'treaty');
    assert.equal(await page.getAttribute('#results', 'aria-busy'), 'true');
    assert.match(await page.textContent('#hit-count'), /Searching/);
    await page.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') !== 'true', null, { timeout: TIMEOUT });
    assert.ok(await hitCount(page) >= 1);
  });

  // ------------------------------------------------------------- fix 6: folders, skipped files
  it('fix 6: a dropped folder is added with its subfolders, and skipped files are reported', async () => {
    const before = (await waitReady(page)).articles;
    await page.evaluate(({ a, c }) => {
      const file = (name, text) => ({ isFile: true, isDirectory: false, name, fullPath: '/' + name,
        file: (ok) => ok(new File([text], name, { type: 'text/plain' })) });
      const dir = (name, children) => ({ isFile: false, isDirectory: true, name, createReader() {
        let done = false;
        return { readEntries(ok) { ok(done ? [] : children); done = true; } };
      } });
      const root = dir('dropped-folder', [file('a.txt', a), file('page.htm', '<p>not a page</p>'),
        dir('sub', [file('c.txt', c)])]);
      const data = { types: ['Files'], files: [new File([], 'dropped-folder')], dropEffect: 'none',
        items: [{ kind: 'file', webkitGetAsEntry: () => root, getAsFile: () => new File([], 'dropped-folder') }] };
      for (const type of ['dragenter', 'dragover', 'drop']) {
        const ev = new Event(type, { bubbles: true, cancelable: true });
        Object.defineProperty(ev, 'dataTransfer', { value: data });
        document.body.dispatchEvent(ev);
      }
    }, { a: page1('Dropa Foldova', 'folddropian'), c: page1('Subba Foldova', 'folddropian', '4/5/2003') });
    const after = await waitArticles(page, (n, want) => n === want, before + 2);
    assert.equal(after.articles, before + 2, after.text);
    assert.match(after.text, /skipped 1 file/);
    assert.match(after.text, /page\.htm/);
    assert.equal(await searchFor(page, 'folddropian'), 2);
    // A picked folder reports its skipped files too.
    const dir = tempDir({ 'pick-a.txt': page1('Picka Foldova', 'pickfoldian'), 'index.html': '<html></html>', 'notes.md': '# x' });
    try {
      await page.setInputFiles('#add-folder', dir);
      const picked = await waitArticles(page, (n, want) => n === want, before + 3);
      assert.match(picked.text, /skipped 2 files/);
      assert.match(picked.text, /index\.html/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  // ---------------------------------------------------------- fix 10: re-adding the same pages
  it('fix 10: re-adding the same pages counts them once and lists their warnings once', async () => {
    const bad = Buffer.concat([Buffer.from(page1('Twica Addova', 'twiceaddian')), Buffer.from([0xff, 0x0a])]);
    const dir = tempDir({ 'twice.txt': bad });
    try {
      const before = await waitReady(page);
      await page.setInputFiles('#add-files', join(dir, 'twice.txt'));
      const once = await waitArticles(page, (n, want) => n === want, before.articles + 1);
      const diags = await page.textContent('#diagnostics-summary');
      await page.setInputFiles('#add-files', join(dir, 'twice.txt'));
      await page.waitForFunction(() => /already/.test(document.getElementById('status').textContent), null, { timeout: TIMEOUT });
      const twice = await waitReady(page);
      assert.equal(twice.pages, once.pages, twice.text);
      assert.equal(twice.articles, once.articles);
      assert.equal(await page.textContent('#diagnostics-summary'), diags);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('logged no console errors', () => {
    assert.deepEqual(errors, []);
  });
});

const facetCount = async (item) => Number((await item.locator('.count').textContent()).replace(/,/g, ''));
const active = (page) => page.evaluate(() => {
  const n = document.activeElement;
  return { field: n.dataset.field || null, value: n.dataset.value || null, year: n.getAttribute('data-year'),
    cls: n.getAttribute('class'), text: n.textContent.trim().slice(0, 40) };
});

describe('reading room on the bundled samples (issue 16)', { skip }, () => {
  let server, browser, context, page;
  const errors = [];

  before(async () => {
    ({ server, browser, context, page } = await openDemo(errors));
    await waitReady(page);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  // --------------------------------------------------------------------- fix 3: undated bucket
  it('fix 3: undated articles have a year-facet bucket and a timeline bar; the counts add up', async () => {
    const total = await searchFor(page, '');
    const items = page.locator('.facet[data-field=year] .facet-item');
    if (await page.locator('.facet[data-field=year] .more').count()) await page.locator('.facet[data-field=year] .more').click();
    let sum = 0;
    for (const item of await items.all()) sum += await facetCount(item);
    assert.equal(sum, total, 'year counts add up to the total');
    const undated = page.locator('.facet[data-field=year] .facet-item[data-value=undated]');
    assert.equal(await undated.count(), 1);
    const n = await facetCount(undated);
    assert.ok(n > 0);
    assert.equal(await page.locator('#timeline [data-year=undated]').count(), 1, 'an undated bar');
    await screenshot(page, 'room-undated');
    await settle(page, () => undated.click());
    assert.equal(await hitCount(page), n);
    const hits = await page.evaluate(() => window.CaciDemo.app.state.hits.map((h) => h.article.date));
    assert.ok(hits.every((d) => !d), JSON.stringify(hits));
    await settle(page, () => page.locator('#chips .chip').first().click());
  });

  // ---------------------------------------------------------------------- fix 9: OR in a group
  it('fix 9: values of one facet are ORed, filters clear at once, and "No hits" says when filters cause it', async () => {
    await searchFor(page, '');
    const y = (v) => page.locator(`.facet[data-field=year] .facet-item[data-value="${v}"]`);
    const a = await facetCount(y('2002'));
    const b = await facetCount(y('2003'));
    await settle(page, () => y('2002').click());
    assert.equal(await y('2003').count(), 1, 'the other years stay pickable');
    await settle(page, () => y('2003').click());
    assert.equal(await hitCount(page), a + b, '2002 or 2003');
    assert.equal(await page.locator('#chips .chip').count(), 2);
    await settle(page, () => page.click('#clear-filters'));
    assert.equal(await page.locator('#chips .chip').count(), 0);
    await settle(page, () => y('2014').click());
    assert.equal(await searchFor(page, 'aluminium'), 0);
    const text = await page.textContent('#hit-count');
    assert.match(text, /filter/i, text);
    assert.match(text, /1 hit without/, text);
    await screenshot(page, 'room-nohits-filters');
    await settle(page, () => page.click('#clear-filters'));
    assert.equal(await hitCount(page), 1);
  });

  // ------------------------------------------------------------------------- fix 5: focus
  it('fix 5: focus stays in place after a facet, a chip, "Show all" or a timeline bar; the timeline is one tab stop', async () => {
    await searchFor(page, '');
    await page.focus('.facet[data-field=year] .facet-item[data-value="2002"]');
    await settle(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(await active(page).then((x) => [x.field, x.value]), ['year', '2002']);
    await page.focus('.facet[data-field=kind] .facet-item[data-value="article"]');
    await settle(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(await active(page).then((x) => [x.field, x.value]), ['kind', 'article']);
    // Removing a chip moves focus to the next chip, not to the top of the page.
    await page.focus('#chips .chip[data-field=year]');
    await settle(page, () => page.keyboard.press('Enter'));
    assert.match((await active(page)).cls || '', /chip/);
    await settle(page, () => page.keyboard.press('Enter'));
    assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
    // Show all keeps focus on its button.
    await searchFor(page, '');
    const more = page.locator('.facet[data-field=author] .more');
    await more.focus();
    await page.keyboard.press('Enter');
    assert.match((await active(page)).text, /Show fewer/);
    // The timeline: one tab stop, arrow keys move between bars, Enter filters and keeps focus.
    assert.equal(await page.locator('#timeline [tabindex="0"]').count(), 1);
    const bars = await page.locator('#timeline .bar-group').evaluateAll((n) => n.map((b) => b.getAttribute('data-year')));
    await page.locator('#timeline [tabindex="0"]').focus();
    const first = (await active(page)).year;
    await page.keyboard.press('ArrowRight');
    const second = (await active(page)).year;
    assert.equal(second, bars[bars.indexOf(first) + 1]);
    await settle(page, () => page.keyboard.press('Enter'));
    assert.equal((await active(page)).year, second);
    assert.match(await page.textContent('#chips'), new RegExp(second === 'undated' ? 'undated' : second));
    await settle(page, () => page.click('#clear-filters'));
  });

  // ------------------------------------------------------- fix 2: every match highlighted
  it('fix 2: the article view highlights every occurrence, with next/previous match navigation', async () => {
    await searchFor(page, 'the');
    const hit = await page.evaluate(() => window.CaciDemo.app.state.hits[0]);
    const occurrences = (hit.article.text.match(/\bthe\b/gi) || []).length;
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    await page.waitForFunction(() => /of \d+/.test(document.getElementById('match-position').textContent), null, { timeout: TIMEOUT });
    const marks = await page.locator('#article-body mark').count();
    assert.ok(marks > hit.highlights.length, `${marks} marks, the hit had ${hit.highlights.length}`);
    assert.ok(marks >= occurrences - 2, `${marks} marks for ${occurrences} occurrences (a title may be shown apart)`);
    assert.match(await page.textContent('#match-position'), new RegExp(`^1 of ${marks}`));
    await page.click('#next-match');
    assert.match(await page.textContent('#match-position'), new RegExp(`^2 of ${marks}`));
    assert.equal(await page.locator('#article-body mark.current').count(), 1);
    await page.click('#prev-match');
    await page.click('#prev-match');
    assert.match(await page.textContent('#match-position'), new RegExp(`^${marks} of ${marks}`), 'wraps around');
    await screenshot(page, 'room-matches');
    await page.keyboard.press('Escape');
  });

  // ------------------------------------------------------- fix 7: one display title, citation
  it('fix 7: one display title in results and article view, a citation with page and line, citation_* meta tags', async () => {
    await searchFor(page, 'customs');
    const hits = await page.evaluate(() => window.CaciDemo.app.state.hits);
    const index = hits.findIndex((h) => !h.article.title);
    assert.ok(index >= 0, 'an untitled hit');
    const article = hits[index].article;
    const inResults = (await page.locator('#results .hit-open').nth(index).textContent()).trim();
    assert.doesNotMatch(inResults, /…\s*…|\.\.\.\s*…|…\s*\.\.\./);
    assert.match(await page.locator('#results .hit').nth(index).locator('.title-note').textContent(), /opening words/i);
    await page.locator('#results .hit-open').nth(index).click();
    await page.waitForSelector('#article-view[open]');
    const inView = (await page.textContent('#article-title .display-title')).trim();
    assert.equal(inView, (await page.locator('#results .hit-open').nth(index).locator('.display-title').textContent()).trim());
    assert.ok(inResults.includes(inView));
    const cite = await page.evaluate((a) => window.CaciDemo.render.citation(a), article);
    assert.ok(cite.includes(article.authors[0].name), cite);
    assert.ok(cite.includes(inView.replace(/…$/, '').trim().slice(0, 20)), cite);
    assert.ok(cite.includes(`${article.source.file}, line ${article.source.line}`), cite);
    assert.doesNotMatch(cite, /…\s*…|…\.”|\.\.\.…/);
    const meta = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('meta[name^=citation_]')]
      .map((m) => [m.name, m.content])));
    assert.equal(meta.citation_title, inView);
    assert.equal(meta.citation_author, article.authors[0].name);
    assert.equal(meta.citation_journal_title, 'Central Asia-Caucasus Analyst');
    assert.match(meta.citation_publication_date || '', /^\d{4}\/\d{2}\/\d{2}$/);
    await screenshot(page, 'room-untitled-article');
    await page.keyboard.press('Escape');
    // The dialog's close event (which removes the tags) is a task queued after the key press.
    await page.waitForFunction(() => document.querySelectorAll('meta[name^=citation_]').length === 0, null, { timeout: 3000 })
      .catch(() => {});
    assert.equal(await page.locator('meta[name^=citation_]').count(), 0, 'meta tags go with the article view');
    // A teaser is named by its PDF title, marked as such.
    await searchFor(page, 'kind:teaser');
    assert.match(await page.locator('#results .hit').first().locator('.title-note').textContent(), /PDF/);
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    assert.match(await page.textContent('#article-body .title-note'), /PDF/);
    await page.keyboard.press('Escape');
  });

  // ------------------------------------------------------------------ fix 8: the examples
  it('fix 8: every example query (Syntax panel and placeholder) hits the samples; the examples are clickable', async () => {
    await page.click('#help-toggle');
    const buttons = page.locator('#help button.example');
    const examples = await buttons.allTextContents();
    assert.ok(examples.length >= 12, `${examples.length} clickable examples`);
    for (let i = 0; i < examples.length; i++) {
      await settle(page, () => buttons.nth(i).click());
      assert.equal(await page.inputValue('#q'), examples[i]);
      assert.ok(await hitCount(page) > 0, `no hits for the example ${examples[i]}`);
    }
    const placeholder = (await page.getAttribute('#q', 'placeholder')).replace(/^e\.g\.\s*/, '').split(/,\s*/);
    assert.ok(placeholder.length >= 3);
    for (const q of placeholder) assert.ok(await searchFor(page, q) > 0, `no hits for the placeholder example ${q}`);
    await page.click('#help-toggle');
  });

  // ---------------------------------------------------------------- fix 10: paging and state
  it('fix 10: paging scrolls to the results, keeps the page over a reload, clamps an offset past the end', async () => {
    await searchFor(page, '');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await settle(page, () => page.click('#next-page'));
    assert.match(await page.textContent('#page-info'), /^Page 2 of/);
    const top = await page.evaluate(() => document.getElementById('hit-count').getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `the results start in view after Next (top ${top})`);
    await page.waitForFunction(() => !window.CaciDemo.app.state.cachePending, null, { timeout: TIMEOUT });
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => /^Page/.test(document.getElementById('page-info').textContent), null, { timeout: TIMEOUT });
    assert.match(await page.textContent('#page-info'), /^Page 2 of/, 'the page survives a reload');
    await settle(page, () => page.evaluate(() => { location.hash = 'from=100000'; }));
    await page.waitForFunction(() => !/from=100000/.test(location.hash), null, { timeout: TIMEOUT });
    const info = await page.textContent('#page-info');
    const m = /^Page (\d+) of (\d+)/.exec(info);
    assert.ok(m && m[1] === m[2], `an offset past the end shows the last page: ${info}`);
    assert.ok(await page.locator('#results .hit').count() > 0);
  });

  it('fix 10: a query error shows after a pause, not on every keystroke, and is announced once', async () => {
    await searchFor(page, '');
    await page.evaluate(() => {
      window.__errorShown = 0;
      const box = document.getElementById('query-error');
      new MutationObserver(() => { if (!box.hidden) window.__errorShown++; }).observe(box, { attributes: true, childList: true, subtree: true });
    });
    await page.click('#q');
    await page.keyboard.type('"border talks"', { delay: 250 });
    await page.waitForTimeout(1200);
    assert.equal(await page.evaluate(() => window.__errorShown), 0, 'no error flashed while typing a phrase');
    assert.ok(await hitCount(page) >= 1);
    await page.fill('#q', '');
    await page.keyboard.type('"border', { delay: 250 });
    await page.waitForSelector('#query-error:not([hidden])', { timeout: TIMEOUT });
    await page.waitForTimeout(1000);
    const shown = await page.evaluate(() => window.__errorShown);
    assert.ok(shown >= 1 && shown <= 3, `the error box changed ${shown} times`);
  });

  // -------------------------------------------------------------------- fix 11: phone layout
  it('fix 11: on a phone the filters open from a Filters button near the top', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await searchFor(page, '');
    assert.equal(await page.isVisible('#filters-toggle'), true);
    assert.equal(await page.isVisible('#facets'), false, 'the filters wait behind the button');
    const buttonTop = await page.evaluate(() => document.getElementById('filters-toggle').getBoundingClientRect().top + window.scrollY);
    assert.ok(buttonTop < 900, `Filters button at ${buttonTop}px`);
    await page.click('#filters-toggle');
    assert.equal(await page.isVisible('#facets'), true);
    const top = await page.evaluate(() => document.querySelector('#facets').getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 400, `the filters open in view (${top}px)`);
    await settle(page, () => page.locator('.facet[data-field=kind] .facet-item').first().click());
    assert.equal(await page.isVisible('#facets'), true, 'picking a filter keeps the panel open');
    await screenshot(page, 'room-phone-filters');
    await page.click('#filters-close');
    assert.equal(await page.isVisible('#facets'), false);
    assert.equal(await page.locator('#chips .chip').count(), 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    await settle(page, () => page.click('#clear-filters'));
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await page.isVisible('#filters-toggle'), false);
    assert.equal(await page.isVisible('#facets'), true);
  });

  it('logged no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
