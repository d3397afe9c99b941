// Browser test of the hit exports (issue 15 item 6): each export button downloads every hit of the
// current query and filters (more than one page), and the file holds what js/export.js gives for
// those articles (export.test.mjs checks that against `caci export`); the article view copies its
// BibTeX entry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { demoDir, openDemo, screenshot, skipWithoutChromium } from '../testlib/harness.mjs';
import { searchFor, settle, waitReady } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

function loadExport() {
  const context = { window: {}, TextEncoder, TextDecoder };
  vm.createContext(context);
  vm.runInContext(readFileSync(join(demoDir, 'js', 'export.js'), 'utf8'), context);
  return context.window.CaciDemo.export;
}
const X = loadExport();

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('hit exports in Chromium', { skip }, () => {
  let server, browser, context, page;
  const errors = [];

  before(async () => {
    ({ server, browser, context, page } = await openDemo(errors, { permissions: ['clipboard-read', 'clipboard-write'] }));
    await waitReady(page);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  // Every article of the query in the order shown (the engine asked directly).
  const expected = (query) => page.evaluate(async (q) => {
    const s = window.CaciDemo.app.state;
    const r = await s.engine.search(q, { limit: 100000, sort: 'date_desc', snippetBytes: 0 });
    return r.hits.map((h) => h.article);
  }, query);

  it('exports every hit of the query and filters as CSV, BibTeX, RIS and CSL-JSON (not just the page shown)', async () => {
    const total = await searchFor(page, '');
    assert.ok(total > 10, 'more hits than one page');
    assert.equal(await page.locator('#results .hit').count(), 10);
    const articles = await expected('');
    assert.equal(articles.length, total);
    const files = {};
    for (const format of ['csv', 'bibtex', 'ris', 'csljson']) {
      const file = await downloaded(page, `.export-format[data-format=${format}]`);
      assert.equal(file.name, `caci-hits-${total}.${X.FORMATS[format].ext}`);
      assert.equal(file.text, X.render(format, articles), `${format} file content`);
      files[format] = file.text;
    }
    assert.equal(files.csv.split('\r\n').length - 2, total, 'a header and one CSV row per hit');
    assert.match(files.csv, /^id,kind,category,title,authors,date,year,date_partial,date_source,lead,text,/);
    assert.equal((files.bibtex.match(/^@article\{/gm) || []).length, total);
    assert.equal((files.bibtex.match(/journal = \{Central Asia-Caucasus Analyst\}/g) || []).length, total);
    assert.equal((files.ris.match(/^TY {2}- JOUR\r$/gm) || []).length, total);
    assert.equal((files.ris.match(/^ER {2}- \r$/gm) || []).length, total);
    const items = JSON.parse(files.csljson);
    assert.equal(items.length, total);
    assert.ok(items.every((i) => i.type === 'article-journal'));
    assert.ok(items.some((i) => i.issued && i.issued.literal), 'a year-less date is a literal');
    assert.ok(items.some((i) => !i.issued), 'an undated article has no invented date');
    const jsonl = await downloaded(page, '#export-hits');
    assert.equal(jsonl.text.trim().split('\n').length, total);

    // With a filter: only the filtered hits.
    await settle(page, () => page.locator('.facet[data-field=year] .facet-item[data-value="2002"]').click());
    const filtered = await page.evaluate(() => window.CaciDemo.app.state.total);
    const ris = await downloaded(page, '.export-format[data-format=ris]');
    assert.equal((ris.text.match(/^TY {2}- JOUR\r$/gm) || []).length, filtered);
    assert.equal((ris.text.match(/^PY {2}- 2002\r$/gm) || []).length, filtered);
    await screenshot(page, 'export-buttons');
    await settle(page, () => page.click('#clear-filters'));
  });

  it('the article view shows the citation and copies its BibTeX entry', async () => {
    await searchFor(page, 'border talks');
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    const article = await page.evaluate(() => window.CaciDemo.app.state.openArticle);
    const cite = await page.textContent('#article-body .cite-as');
    assert.match(cite, /Central Asia-Caucasus Analyst, \d+ \w+ \d{4}\. Archive page [^,]+, line \d+\.$/);
    assert.match(cite, new RegExp((await page.textContent('#article-title .display-title')).slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.click('#copy-bibtex');
    await page.waitForFunction(() => /BibTeX copied/.test(document.getElementById('article-note').textContent));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, X.bibtex([article]));
    assert.match(clip, /^@article\{vasstrand2002kyrgyzstan,\n/);
    await screenshot(page, 'export-article-cite');
    await page.keyboard.press('Escape');
  });

  it('logged no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
