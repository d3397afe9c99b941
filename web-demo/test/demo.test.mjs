// Browser tests of the web demo: the system Chromium (playwright-core) drives web-demo/dist served
// from 127.0.0.1 and opened straight from disk. Skips only when Chromium is missing (fails under
// CI=true).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { distDir, fileUrl, openDemo, samplePages, screenshot, skipWithoutChromium, watchErrors } from '../testlib/harness.mjs';
import { hitCount, searchFor, settle, typeQuery, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

// ----------------------------------------------------------------------------- sample facts
// Queries are derived from the articles the library parsed out of the bundled pages, so the tests
// hold for whatever samples exist (boilerplate words, for instance, are not searchable).
async function sampleFacts(page) {
  const articles = await page.evaluate(async () =>
    (await window.CaciDemo.app.state.engine.search('', { limit: 100000 })).hits.map((h) => h.article));
  const plain = /^[a-z]{5,}$/;
  let phrase = null;
  for (const article of articles) {
    const words = article.text.split(/\s+/);
    for (let i = 1; i + 1 < words.length && !phrase; i++) {
      if (plain.test(words[i]) && plain.test(words[i + 1])) phrase = [words[i], words[i + 1]];
    }
    if (phrase) break;
  }
  // The word in the most articles (but not in all, so facets can narrow): broad enough for facets.
  const df = new Map();
  for (const article of articles) {
    for (const w of new Set(article.text.toLowerCase().match(/\b[a-z]{6,}\b/g) || [])) df.set(w, (df.get(w) || 0) + 1);
  }
  const ranked = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const common = (ranked.find(([, n]) => n < articles.length) || ranked[0])[0];
  return { pages: samplePages(), articles: articles.length, phrase, common };
}

const MADE_UP_PAGE = Buffer.concat([
  Buffer.from('By Testa Madeupova (3/5/2003 issue of the CACI Analyst)\n' +
    'BACKGROUND: The zyxwvutian delegation visited Qwertystan to discuss melon exports and the river treaty.\n' +
    'IMPLICATIONS: Officials said the agreement'),
  Buffer.from([0xff]),
  Buffer.from('s terms would favour the zyxwvutian growers.\n' +
    'CONCLUSIONS: The treaty is a small step.\n'),
]);
const MADE_UP_LINE_OF_BAD_BYTE = 3;

// -------------------------------------------------------------------------------------- tests
describe('web demo in Chromium', { skip }, () => {
  let server, browser, context, page, facts, ready;
  const errors = [];

  before(async () => {
    ({ server, browser, context, page } = await openDemo(errors));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });

  it('loads the bundled samples in a worker and reports the article count', async () => {
    ready = await waitReady(page);
    facts = await sampleFacts(page);
    assert.ok(ready.articles > 0, ready.text);
    assert.equal(ready.articles, facts.articles);
    assert.equal(ready.pages, facts.pages.length, ready.text);
    assert.equal(await page.isVisible('#progress'), false, 'progress bar hidden once ready');
    await screenshot(page, 'ready');
  });

  it('searches a phrase as you type, highlights it and counts hits', async () => {
    assert.ok(facts.phrase, 'found a phrase in the samples');
    const total = await searchFor(page, `"${facts.phrase.join(' ')}"`, { enter: false });
    assert.ok(total >= 1, `hits for "${facts.phrase.join(' ')}"`);
    const items = await page.locator('#results .hit').count();
    assert.equal(items, Math.min(total, 10));
    const marks = (await page.locator('#results .hit').first().locator('mark').allTextContents())
      .map((m) => m.toLowerCase());
    assert.ok(marks.length >= 1, 'title or snippet has highlights');
    for (const word of facts.phrase) {
      assert.ok(marks.some((m) => m.includes(word)), `a <mark> contains "${word}": ${JSON.stringify(marks)}`);
    }
    assert.equal(await page.getAttribute('#hit-count', 'aria-live'), 'polite');
    await screenshot(page, 'phrase');
  });

  it('shows query errors inline with their position', async () => {
    await typeQuery(page, 'pipeline (oil OR');
    await page.waitForSelector('#query-error:not([hidden])', { timeout: TIMEOUT });
    const text = await page.textContent('#query-error');
    assert.match(text, /Query error/);
    assert.match(text, /at character \d+/);
    assert.ok(await page.locator('#results.stale').count() === 1 || (await page.locator('#results .hit').count()) === 0,
      'the last results stay, dimmed');
    await searchFor(page, facts.common);
    assert.equal(await page.isVisible('#query-error'), false);
  });

  it('filters by a facet, shows a removable chip and redraws the timeline', async () => {
    const total = await searchFor(page, facts.common);
    assert.ok(total >= 1, `hits for ${facts.common}`);
    assert.ok(await page.isVisible('#timeline svg'), 'timeline drawn');
    const bars = await page.locator('#timeline .bar-group').count();
    assert.ok(bars >= 1);
    const facet = page.locator('.facet[data-field=year] .facet-item').first();
    const year = await facet.getAttribute('data-value');
    const count = Number((await facet.locator('.count').textContent()).replace(/,/g, ''));
    await settle(page, () => facet.click());
    const chip = page.locator('#chips .chip');
    assert.equal(await chip.count(), 1);
    assert.match(await chip.textContent(), new RegExp(`Year: ${year}`));
    const narrowed = await hitCount(page);
    assert.equal(narrowed, count, 'hit count equals the facet count');
    assert.ok(narrowed <= total);
    for (const meta of await page.locator('#results .hit-meta').allTextContents()) assert.match(meta, new RegExp(year));
    await screenshot(page, 'facet');
    await settle(page, () => chip.click());
    assert.equal(await page.locator('#chips .chip').count(), 0);
    assert.equal(await hitCount(page), total);
    // Every facet's filter query matches exactly the articles it counted.
    for (const field of ['author', 'kind', 'category']) {
      await searchFor(page, '');
      const item = page.locator(`.facet[data-field=${field}] .facet-item`).last();
      if (await item.count() === 0) continue;
      const value = await item.getAttribute('data-value');
      const expected = Number((await item.locator('.count').textContent()).replace(/,/g, ''));
      await settle(page, () => item.click());
      assert.equal(await hitCount(page), expected, `${field}:${value}`);
      await settle(page, () => page.locator('#chips .chip').click());
    }
    await searchFor(page, facts.common);
    // A timeline bar filters by its year too.
    const bar = page.locator('#timeline .bar-group').first();
    const barYear = await bar.getAttribute('data-year');
    await settle(page, () => bar.click());
    assert.match(await page.textContent('#chips'), new RegExp(`Year: ${barYear}`));
    await settle(page, () => page.locator('#chips .chip').click());
  });

  it('opens an article with its fields and closes it with Escape', async () => {
    await searchFor(page, facts.common);
    const hit = await page.evaluate(() => window.CaciDemo.app.state.hits[0]);
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    const body = await page.textContent('#article-body');
    const article = hit.article;
    for (const a of article.authors || []) assert.ok(body.includes(a.name), `author ${a.name}`);
    if (article.lead && article.lead[0]) assert.ok(body.includes(article.lead[0].slice(0, 40)), 'lead shown');
    for (const s of article.sections || []) assert.ok(body.includes(s.heading || ''), `section ${s.heading}`);
    assert.ok(body.includes(article.source.file), 'source file shown');
    assert.match(body, new RegExp(`line ${article.source.line}`));
    assert.ok(body.includes(article.id));
    if (article.kind) assert.equal(await page.textContent('#article-body .kind'), article.kind);
    assert.ok((await page.textContent('#article-title')).trim().length > 0);
    await screenshot(page, 'article');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#article-view', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('hit-open')), true, 'focus back on the result');
  });

  it('cites, downloads, and filters by an author from the article view', async () => {
    await searchFor(page, facts.common);
    const index = await page.evaluate(() => window.CaciDemo.app.state.hits.findIndex((h) => h.article.authors.length > 0));
    assert.ok(index >= 0, 'a hit with an author');
    const hit = await page.evaluate((i) => window.CaciDemo.app.state.hits[i], index);
    await page.locator('#results .hit-open').nth(index).click();
    await page.waitForSelector('#article-view[open]');
    await page.click('#copy-citation');
    await page.waitForFunction(() => document.getElementById('article-note').textContent.length > 0);
    const note = await page.textContent('#article-note');
    if (note !== 'Citation copied') assert.ok(note.includes(hit.article.authors[0].name) && note.includes('Central Asia-Caucasus Analyst'), note);
    const downloadPromise = page.waitForEvent('download');
    await page.click('#download-article');
    const download = await downloadPromise;
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-'));
    try {
      const path = join(dir, 'a.json');
      await download.saveAs(path);
      const json = JSON.parse(readFileSync(path, 'utf8'));
      assert.equal(json.id, hit.id);
      assert.deepEqual(json.authors, hit.article.authors);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const name = hit.article.authors[0].name;
    await settle(page, () => page.locator('#article-body .author-filter').first().click());
    assert.equal(await page.isVisible('#article-view'), false);
    assert.match(await page.textContent('#chips'), new RegExp(`Author: ${name}`));
    const total = await hitCount(page);
    assert.ok(total >= 1);
    for (const meta of await page.locator('#results .hit-meta').allTextContents()) assert.ok(meta.includes(name), meta);
    await settle(page, () => page.locator('#chips .chip').click());
  });

  it('adds a page from the file picker (it replaces the samples), indexes it and lists its invalid byte', async () => {
    const beforeCount = (await waitReady(page)).articles;
    assert.match((await waitReady(page)).text, /sample/);
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-'));
    const file = join(dir, 'made-up-page.txt');
    writeFileSync(file, MADE_UP_PAGE);
    try {
      await page.setInputFiles('#add-files', file);
      await page.waitForFunction((n) => {
        const m = /^ready: ([\d,]+)/.exec(document.getElementById('status').textContent);
        return m && Number(m[1].replace(/,/g, '')) !== n && !document.body.classList.contains('busy');
      }, beforeCount, { timeout: TIMEOUT });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const after = await waitReady(page);
    assert.equal(after.articles, 1, 'your first page replaces the made-up samples');
    assert.equal(after.pages, 1);
    assert.match(after.text, /replaced the bundled sample pages/);
    const diag = page.locator('#diagnostics-list .diagnostic[data-code=invalid_utf8]', { hasText: 'made-up-page.txt' }).first();
    await page.locator('#diagnostics summary').click();
    const loc = await diag.locator('.diag-loc').textContent();
    assert.match(loc, new RegExp(`^made-up-page\\.txt:${MADE_UP_LINE_OF_BAD_BYTE}:\\d+$`));
    assert.match(await diag.textContent(), /utf|byte/i);
    assert.equal(await searchFor(page, 'zyxwvutian'), 1);
    await screenshot(page, 'added');
  });

  it('adds the .txt pages of a folder', async () => {
    const before = (await waitReady(page)).articles;
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-folder-'));
    try {
      writeFileSync(join(dir, 'folder-a.txt'), 'By Folda Uno (2/4/2004 issue of the CACI Analyst)\n' +
        'BACKGROUND: The vlorkian customs union met again to discuss tariffs.\nCONCLUSIONS: Nothing changed.\n');
      writeFileSync(join(dir, 'folder-b.txt'), 'By Folda Due (3/3/2004 issue of the CACI Analyst)\n' +
        'BACKGROUND: The vlorkian railway reached the border town.\nCONCLUSIONS: Trade may grow.\n');
      writeFileSync(join(dir, 'notes.md'), '# not a page\n');
      await page.setInputFiles('#add-folder', dir);
      await page.waitForFunction((n) => {
        const m = /^ready: ([\d,]+)/.exec(document.getElementById('status').textContent);
        return m && Number(m[1].replace(/,/g, '')) > n;
      }, before, { timeout: TIMEOUT });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((await waitReady(page)).articles, before + 2);
    assert.equal(await searchFor(page, 'vlorkian'), 2);
    facts.sampleCommon = facts.common;
    facts.common = 'vlorkian';   // the samples are gone: the tests below search your pages
  });

  it('adds pages dropped on the window', async () => {
    const before = (await waitReady(page)).articles;
    await page.evaluate(() => {
      const text = 'By Dropa Testerova (6/11/2003 issue of the CACI Analyst)\n' +
        'BACKGROUND: The qwxzian ministry dropped its plan for a new dam on the upper river.\n' +
        'CONCLUSIONS: The region waits.\n';
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped-page.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    });
    await page.waitForFunction((n) => {
      const m = /^ready: ([\d,]+)/.exec(document.getElementById('status').textContent);
      return m && Number(m[1].replace(/,/g, '')) > n;
    }, before, { timeout: TIMEOUT });
    assert.equal((await waitReady(page)).articles, before + 1);
    assert.equal(await page.isVisible('#drop-overlay'), false);
    assert.equal(await searchFor(page, 'qwxzian'), 1);
  });

  it('saves the index as a download and loads it back with the same hits', async () => {
    const size = (await waitReady(page)).articles;
    const hits = await searchFor(page, facts.common);
    const downloadPromise = page.waitForEvent('download');
    await page.click('#save-index');
    const download = await downloadPromise;
    assert.match(download.suggestedFilename(), /\.caci$/);
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-'));
    const saved = join(dir, download.suggestedFilename());
    try {
      await download.saveAs(saved);
      assert.ok(readFileSync(saved).length > 0);
      // Back to the samples only (after a confirmation), then load the saved index.
      await page.click('#reset');
      await page.click('#confirm-ok');
      await page.waitForFunction((n) => {
        const m = /^ready: ([\d,]+) sample articles? from/.exec(document.getElementById('status').textContent);
        return m && Number(m[1].replace(/,/g, '')) !== n && !document.body.classList.contains('busy');
      }, size, { timeout: TIMEOUT });
      await page.setInputFiles('#load-index', saved);
      await page.waitForFunction((name) => document.getElementById('status').textContent.includes(name), basename(saved), { timeout: TIMEOUT });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((await waitReady(page)).articles, size);
    assert.equal(await searchFor(page, facts.common), hits);
  });

  it('exports every hit of the query as JSON Lines', async () => {
    const total = await searchFor(page, facts.common);
    const downloadPromise = page.waitForEvent('download');
    await page.click('#export-hits');
    const download = await downloadPromise;
    assert.match(download.suggestedFilename(), /\.jsonl$/);
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-'));
    try {
      const path = join(dir, 'hits.jsonl');
      await download.saveAs(path);
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, total);
      for (const article of lines) assert.match(article.id, /^[0-9a-f]{16}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a corrupt index file and keeps the current index', async () => {
    const size = (await waitReady(page)).articles;
    const hits = await searchFor(page, facts.common);
    const dir = mkdtempSync(join(tmpdir(), 'caci-demo-'));
    try {
      const bad = join(dir, 'broken.caci');
      writeFileSync(bad, Buffer.from('this is not an index'));
      await page.setInputFiles('#load-index', bad);
      await page.click('#confirm-ok');   // it would replace your pages: the demo asks first
      await page.waitForSelector('#status.error', { timeout: TIMEOUT });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.match(await page.textContent('#status'), /could not load the index/);
    await typeQuery(page, facts.phrase[0]);
    assert.equal(await searchFor(page, facts.common), hits);
    assert.equal(await page.evaluate(() => window.CaciDemo.app.state.size), size);
  });

  it('reopens instantly from the IndexedDB cache, with the query from the URL', async () => {
    const size = (await waitReady(page)).articles;
    const hits = await searchFor(page, facts.common);
    assert.match(page.url(), new RegExp(`#q=${facts.common}`));
    const diagnostics = await page.textContent('#diagnostics-summary');
    const shownHits = () => page.$$eval('#results > li', (items) => items.map((li) => li.textContent));
    const listed = await shownHits();
    await page.waitForFunction(() => !window.CaciDemo.app.state.cachePending, null, { timeout: TIMEOUT });
    await page.reload();
    const again = await waitReady(page);
    assert.match(again.text, /cache/);
    assert.equal(again.articles, size);
    assert.equal(await page.inputValue('#q'), facts.common);
    assert.equal(await page.textContent('#diagnostics-summary'), diagnostics);
    await page.waitForFunction(() => /^\d/.test(document.getElementById('hit-count').textContent));
    assert.equal(await hitCount(page), hits);
    // The same first page of hits as before the reload, in the same order.
    assert.deepEqual(await shownHits(), listed);
  });

  it('is usable from the keyboard', async () => {
    await page.click('body', { position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    await settle(page, () => page.keyboard.type(facts.common));
    const total = await hitCount(page);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '0');
    if (total > 1) {
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
    }
    const id = await page.evaluate(() => document.activeElement.dataset.id);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#article-view[open]');
    assert.ok((await page.textContent('#article-body')).includes(id));
    await page.keyboard.press('Escape');
    await page.waitForSelector('#article-view', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), id);
    // Each arrow moves the focus one hit up, and from the first hit into the box. The focus moves
    // in the page's key handler: on a loaded machine it can land after the press.
    const FOCUSED = `(() => { const a = document.activeElement;
      return a.id ? '#' + a.id : a.dataset.index !== undefined ? 'hit ' + a.dataset.index : a.tagName; })()`;
    const focusReaches = async (want) => {
      await page.waitForFunction(`${FOCUSED} === ${JSON.stringify(want)}`, null, { timeout: TIMEOUT })
        .catch(() => {});
      assert.equal(await page.evaluate(FOCUSED), want);
    };
    if (total > 1) {
      await page.keyboard.press('ArrowUp');
      await focusReaches('hit 0');
    }
    await page.keyboard.press('ArrowUp');
    await focusReaches('#q');
  });

  it('closing an article leaves the focus where keys moved it before the close event', async () => {
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    // The dialog's close event comes a task after close(): a key handled in between (here, the
    // focus moved to the box) must not be undone by the handler that refocuses the opener.
    const after = await page.evaluate(async () => {
      document.getElementById('article-view').close();
      document.getElementById('q').focus();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return document.activeElement.id;
    });
    assert.equal(after, 'q');
  });

  it('labels every control', async () => {
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, button'))
      .filter((n) => !(n.labels && n.labels.length) && !n.getAttribute('aria-label') && !n.textContent.trim())
      .map((n) => n.outerHTML.slice(0, 80)));
    assert.deepEqual(unlabelled, []);
  });

  it('fits a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await searchFor(page, facts.common);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    await screenshot(page, 'narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('works opened straight from disk (file://)', async () => {
    const diskPage = await context.newPage();
    const diskErrors = [];
    watchErrors(diskPage, diskErrors);
    await diskPage.goto(fileUrl(join(distDir, 'index.html')));
    const state = await waitReady(diskPage);
    assert.ok(state.articles > 0);
    const total = await searchFor(diskPage, facts.sampleCommon);   // another origin: the samples
    assert.ok(total >= 1);
    await screenshot(diskPage, 'file-url');
    await diskPage.close();
    assert.deepEqual(diskErrors, []);
  });

  it('logged no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
