// Browser tests of the Trends and Keyword-in-context views (issue 16, "Add"), on the bundled
// samples, served over http:// and opened from file://. Expected numbers come from the engine
// (facets, totals) or from the article texts, not from the views' own code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo, distDir, fileUrl, launch, openDemo, screenshot, skipWithoutChromium, watchErrors } from '../testlib/harness.mjs';
import { searchFor, settle, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

// Waits until the KWIC view has finished collecting for the current query.
async function kwicSettled(page) {
  await page.waitForFunction(() => {
    const k = document.getElementById('kwic');
    return !k.hidden && k.getAttribute('aria-busy') !== 'true' && !/Collecting/.test(document.getElementById('kwic-count').textContent) &&
      !document.body.classList.contains('busy');
  }, null, { timeout: TIMEOUT });
}

async function kwicCount(page) {
  const text = await page.textContent('#kwic-count');
  const m = /^([\d,]+) occurrences? in ([\d,]+) articles?/.exec(text);
  assert.ok(m, `kwic count: ${text}`);
  return { rows: Number(m[1].replace(/,/g, '')), articles: Number(m[2].replace(/,/g, '')) };
}

// A query word also matches its other forms (Snowball English stemming, QUERY.md "Word forms"), and
// KWIC lists every match: the forms of `border` (`borders` is in the samples).
const BORDER_FORMS = ['border', 'borders', 'bordered', 'bordering'];

// Occurrences of whole words (any case) in the article texts of a query's hits: what KWIC must list.
const wordCount = (page, query, words) => page.evaluate(async ([q, ws]) => {
  const r = await window.CaciDemo.app.state.engine.search(q, { limit: 100000, snippetBytes: 0 });
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ws.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  let n = 0, articles = 0;
  for (const h of r.hits) { const k = (h.article.text.match(re) || []).length; n += k; if (k) articles++; }
  return { n, articles, total: r.total };
}, [query, words]);

// The article view is closed and its close event handled (js/app.js: focus back to the opener,
// state.opener forgotten).
async function closed(page) {
  await page.waitForFunction(() => !document.getElementById('article-view').open && window.CaciDemo.app.state.opener === null,
    null, { timeout: TIMEOUT });
}

async function trendsDrawn(page) {
  await page.waitForFunction(() => {
    const t = document.getElementById('trends');
    return t.getAttribute('aria-busy') !== 'true' && !/Counting/.test(document.getElementById('trend-status').textContent);
  }, null, { timeout: TIMEOUT });
}

const points = (page, series) => page.locator(`#trend-chart circle.point[data-series="${series}"]`)
  .evaluateAll((n) => n.map((c) => [c.getAttribute('data-period'), Number(c.getAttribute('data-value'))]));

const yearFacet = (page, query) => page.evaluate(async (q) => {
  const r = await window.CaciDemo.app.state.engine.search(q, { limit: 0, facets: true });
  const years = Object.fromEntries(r.facets.year.map((v) => [v.value, v.count]));
  return { years, total: r.total, undated: r.total - r.facets.year.reduce((a, v) => a + v.count, 0) };
}, query);

describe('Keyword in context and Trends in Chromium', { skip }, () => {
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

  it('KWIC: every occurrence with N words either side, filtered by the query\'s filters', async () => {
    await searchFor(page, 'border');
    await page.click('#tab-kwic');
    assert.match(await page.evaluate(() => location.hash), /view=kwic/);
    await kwicSettled(page);
    const want = await wordCount(page, 'border', BORDER_FORMS);
    const got = await kwicCount(page);
    assert.equal(got.rows, want.n, 'one row per occurrence of the word in the hits');
    assert.equal(got.articles, want.articles);
    assert.equal(await page.isVisible('#results'), false, 'the results list gives way to the rows');
    const rows = page.locator('#kwic-rows tr');
    assert.equal(await rows.count(), Math.min(25, want.n));
    for (const m of await page.locator('#kwic-rows .kwic-open').allTextContents()) assert.match(m, /^border(?:s|ed|ing)?$/i);
    // N words either side.
    await page.selectOption('#kwic-width', '3');
    for (const row of await rows.all()) {
      const left = (await row.locator('.kwic-left').textContent()).replace(/^… /, '').trim();
      const right = (await row.locator('.kwic-right').textContent()).replace(/ …$/, '').trim();
      assert.ok(left.split(/\s+/).filter(Boolean).length <= 3, left);
      assert.ok(right.split(/\s+/).filter(Boolean).length <= 3, right);
    }
    await page.selectOption('#kwic-width', '8');
    const wide = (await page.locator('#kwic-rows .kwic-left').allTextContents())
      .map((t) => t.trim().split(/\s+/).filter((w) => w && w !== '…').length);
    assert.ok(Math.max(...wide) > 3 && Math.max(...wide) <= 8, `8 words: ${wide.join(' ')}`);
    // The query's filters: a year facet narrows the rows to that year's articles.
    await settle(page, () => page.locator('.facet[data-field=year] .facet-item[data-value="2002"]').click());
    await kwicSettled(page);
    const want2002 = await wordCount(page, 'border year:2002', BORDER_FORMS);
    assert.ok(want2002.n < want.n && want2002.n > 0);
    assert.equal((await kwicCount(page)).rows, want2002.n);
    await screenshot(page, 'kwic-border-2002');
    await settle(page, () => page.click('#clear-filters'));
    await kwicSettled(page);
    assert.equal((await kwicCount(page)).rows, want.n);
    await page.selectOption('#kwic-width', '5');
  });

  it('KWIC: sorts by the left or right context word, pages, and exports CSV', async () => {
    const query = 'of';
    await searchFor(page, query);
    await kwicSettled(page);
    const want = await wordCount(page, query, ['of']);
    const { rows: total } = await kwicCount(page);
    assert.equal(total, want.n);
    assert.ok(total > 25, `more than one page (${total})`);
    const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    const sideWords = (side) => page.locator(`#kwic-rows .kwic-${side}`).allTextContents()
      .then((t) => t.map((s) => s.replace(/^… | …$/g, '').trim().split(/\s+/).filter(Boolean)));
    await page.selectOption('#kwic-sort', 'left');
    const lefts = (await sideWords('left')).map((w) => fold(w[w.length - 1] || '')).filter(Boolean);
    assert.deepEqual(lefts, lefts.slice().sort(), 'sorted by the word left of the match');
    await page.selectOption('#kwic-sort', 'right');
    const rights = (await sideWords('right')).map((w) => fold(w[0] || '')).filter(Boolean);
    assert.deepEqual(rights, rights.slice().sort(), 'sorted by the word right of the match');
    // Paging.
    assert.match(await page.textContent('#kwic-page-info'), /^Page 1 of \d+/);
    const firstPage = await page.locator('#kwic-rows tr').evaluateAll((n) => n.map((r) => r.dataset.id + r.dataset.start));
    await page.click('#kwic-next');
    assert.match(await page.textContent('#kwic-page-info'), /^Page 2 of/);
    assert.match(await page.textContent('#kwic-count'), /showing 26–/);
    const second = await page.locator('#kwic-rows tr').evaluateAll((n) => n.map((r) => r.dataset.id + r.dataset.start));
    assert.equal(second.filter((r) => firstPage.includes(r)).length, 0, 'page 2 has other rows');
    await page.click('#kwic-prev');
    assert.match(await page.textContent('#kwic-page-info'), /^Page 1 of/);
    await screenshot(page, 'kwic-sorted-right');
    // CSV of every row (not just the page).
    const file = await downloaded(page, '#kwic-csv');
    const lines = file.text.split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'left,match,right,article_id,title,date,source_file,source_line,offset');
    assert.equal(lines.length - 1, total);
    await page.selectOption('#kwic-sort', 'hits');
  });

  it('KWIC: a row opens the article scrolled to that occurrence; keyboard works', async () => {
    await searchFor(page, 'border');
    await kwicSettled(page);
    const rows = page.locator('#kwic-rows tr');
    const n = await rows.count();
    // A later occurrence of an article with several (not its first).
    const pick = await rows.evaluateAll((r) => {
      const seen = new Map();
      for (let i = 0; i < r.length; i++) {
        const id = r[i].dataset.id;
        seen.set(id, (seen.get(id) || 0) + 1);
        if (seen.get(id) === 3) return i;
      }
      return r.length - 1;
    });
    assert.ok(n > pick);
    const start = Number(await rows.nth(pick).getAttribute('data-start'));
    const id = await rows.nth(pick).getAttribute('data-id');
    await rows.nth(pick).locator('.kwic-open').click();
    await page.waitForSelector('#article-view[open]');
    // The view is drawn and scrolled to its current match (not a fixed wait).
    await page.waitForFunction((want) => window.CaciDemo.app.state.openArticle && window.CaciDemo.app.state.openArticle.id === want &&
      document.querySelector('#article-body mark.current'), id, { timeout: TIMEOUT });
    assert.equal(await page.evaluate(() => window.CaciDemo.app.state.openArticle.id), id);
    const current = await page.evaluate(() => {
      const m = document.querySelector('#article-body mark.current');
      const r = m.getBoundingClientRect();
      const d = document.getElementById('article-view').getBoundingClientRect();
      return { at: Number(m.dataset.at), text: m.textContent, inView: r.top >= d.top && r.bottom <= d.bottom };
    });
    assert.equal(current.at, start, 'the current match is the clicked occurrence');
    assert.match(current.text, /border/i);
    assert.ok(current.inView, 'scrolled into view');
    assert.match(await page.textContent('#match-position'), /^\d+ of \d+ match/);
    await screenshot(page, 'kwic-opened');
    await page.keyboard.press('Escape');
    // The dialog's close event, whose handler gives the focus back to the row (and forgets the
    // opener), is queued after the key: wait until it has run. Otherwise it can run after the
    // page.focus() below and move the focus back to this row, so ↓ lands two rows further.
    await closed(page);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('kwic-open')), true, 'focus returns to the row');
    // Keyboard: arrow keys move between rows, Enter opens.
    await page.focus('#kwic-rows .kwic-open');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.row), '1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#article-view[open]');
    await page.keyboard.press('Escape');
    await closed(page);
    // Tabs by keyboard.
    await page.focus('#tab-kwic');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-trends');
    assert.equal(await page.isVisible('#trends'), true);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.isVisible('#results'), true);
  });

  it('Trends: share of each year\'s articles for two queries, raw counts, undated reported apart', async () => {
    await searchFor(page, 'border');
    await page.click('#tab-trends');
    await trendsDrawn(page);
    assert.equal(await page.inputValue('#trend-rows input >> nth=0'), 'border', 'starts from the Results query');
    await page.click('#trend-add');
    await page.fill('#trend-rows input >> nth=1', 'gas');
    await page.click('#trend-draw');
    await trendsDrawn(page);
    const all = await yearFacet(page, '');
    const border = await yearFacet(page, 'border');
    const gas = await yearFacet(page, 'gas');
    const years = Object.keys(all.years).map(Number);
    const span = Math.max(...years) - Math.min(...years) + 1;
    const shares = await points(page, 0);
    assert.equal(shares.length, Object.keys(all.years).length, 'a point for every year with articles');
    for (const [year, v] of shares) {
      const want = 100 * (border.years[year] || 0) / all.years[year];
      assert.ok(Math.abs(v - want) < 1e-3, `${year}: ${v} vs ${want}`);
    }
    assert.equal((await points(page, 1)).length, shares.length);
    assert.equal(await page.locator('#trend-chart path.series').count(), 2);
    const caption = await page.textContent('#trend-caption');
    assert.match(caption, new RegExp(`${all.undated} undated articles? in the archive`), caption);
    assert.match(caption, new RegExp(`“border” ${border.undated}, “gas” ${gas.undated}`), caption);
    assert.equal(await page.locator('#trend-table tbody tr').count(), span + 1, 'a row per year and one for undated');
    await screenshot(page, 'trends-share');
    // Raw counts.
    await page.check('input[name=trend-measure][value=count]');
    await trendsDrawn(page);
    const counts = await points(page, 1);
    assert.equal(counts.length, span);
    for (const [year, v] of counts) assert.equal(v, gas.years[year] || 0, `gas in ${year}`);
    assert.equal(counts.reduce((a, [, v]) => a + v, 0) + gas.undated, gas.total, 'dated + undated = every hit');
  });

  it('Trends: occurrences match the KWIC rows; months inside a range; a point lists its hits', async () => {
    await page.check('input[name=trend-measure][value=occurrences]');
    await trendsDrawn(page);
    const occ = await points(page, 0);
    const undatedOcc = Number(await page.locator('#trend-table tr[data-period=undated] .trend-cell[data-series="0"]')
      .textContent().then((t) => t.split(' ')[0]));
    const want = await wordCount(page, 'border', BORDER_FORMS);
    assert.equal(occ.reduce((a, [, v]) => a + v, 0) + undatedOcc, want.n, 'occurrences over all years + undated = the KWIC rows');
    // Months inside a year range.
    await page.check('input[name=trend-measure][value=count]');
    await trendsDrawn(page);
    await page.fill('#trend-from', '2002');
    await page.fill('#trend-to', '2003');
    await page.selectOption('#trend-period', 'month');
    await trendsDrawn(page);
    const months = await points(page, 0);
    assert.equal(months.length, 24);
    assert.ok(months.every(([p]) => /^200[23]-\d{2}$/.test(p)));
    const border = await yearFacet(page, 'border');
    const sum = (y) => months.filter(([p]) => p.startsWith(y)).reduce((a, [, v]) => a + v, 0);
    assert.equal(sum('2002'), border.years['2002'] || 0);
    assert.equal(sum('2003'), border.years['2003'] || 0);
    await screenshot(page, 'trends-months');
    // Clicking a point lists its hits.
    const [period, count] = months.find(([, v]) => v > 0);
    await page.locator(`#trend-chart circle.point[data-series="0"][data-period="${period}"]`).click();
    await page.waitForFunction(() => /: \d+ article/.test(document.getElementById('trend-hits-title').textContent), null, { timeout: TIMEOUT });
    assert.equal(await page.locator('#trend-hit-list li').count(), count);
    assert.match(await page.textContent('#trend-hits-title'), new RegExp(`${count} articles?`));
    await page.locator('#trend-hit-list .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    const date = await page.evaluate(() => window.CaciDemo.app.state.openArticle.date);
    assert.ok(date.startsWith(period), `${date} in ${period}`);
    await page.keyboard.press('Escape');
    await closed(page);
    await screenshot(page, 'trends-point-hits');
    // Keyboard: the data table is one tab stop; arrows move, Enter lists.
    await page.click('#trend-data summary');
    await page.focus('#trend-table .trend-cell[tabindex="0"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /February 2002: /.test(document.getElementById('trend-hits-title').textContent), null, { timeout: TIMEOUT });
  });

  it('Trends: the series exports as CSV and as an SVG chart', async () => {
    await page.fill('#trend-from', '');
    await page.fill('#trend-to', '');
    await page.selectOption('#trend-period', 'year');
    await trendsDrawn(page);
    const all = await yearFacet(page, '');
    const border = await yearFacet(page, 'border');
    const gas = await yearFacet(page, 'gas');
    const csv = await downloaded(page, '#trend-csv');
    assert.equal(csv.name, 'caci-trends-year.csv');
    const lines = csv.text.split('\r\n').filter(Boolean).map((l) => l.split(','));
    assert.deepEqual(lines[0], ['period', 'all_articles', 'border | articles', 'border | share_percent', 'gas | articles', 'gas | share_percent']);
    const byYear = Object.fromEntries(lines.slice(1).map((l) => [l[0], l]));
    for (const [year, n] of Object.entries(all.years)) {
      assert.equal(Number(byYear[year][1]), n);
      assert.equal(Number(byYear[year][2]), border.years[year] || 0);
      assert.ok(Math.abs(Number(byYear[year][3]) - 100 * (border.years[year] || 0) / n) < 1e-3);
      assert.equal(Number(byYear[year][4]), gas.years[year] || 0);
    }
    assert.deepEqual(byYear.undated.slice(0, 3), ['undated', String(all.undated), String(border.undated)]);
    const svgFile = await downloaded(page, '#trend-svg');
    assert.equal(svgFile.name, 'caci-trends-year.svg');
    assert.match(svgFile.text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svgFile.text.match(/<path /g) || []).length, 2, 'one line per query');
    assert.equal((svgFile.text.match(/<circle /g) || []).length, 2 * (await points(page, 0)).length);
    assert.match(svgFile.text, />border<\/text>/);
    assert.match(svgFile.text, />gas<\/text>/);
    assert.doesNotMatch(svgFile.text, /var\(--/, 'styles are inline, not page CSS variables');
    // The SVG renders on its own.
    const check = await context.newPage();
    await check.setContent(`<img id="i" src="data:image/svg+xml;base64,${Buffer.from(svgFile.text).toString('base64')}">`);
    await check.waitForFunction(() => document.getElementById('i').complete);
    assert.ok(await check.evaluate(() => document.getElementById('i').naturalWidth) > 300);
    await check.close();
  });

  it('logged no console errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('Trends and KWIC from file://', { skip }, () => {
  let browser, page;
  const errors = [];
  before(async () => {
    buildDemo();
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
    watchErrors(page, errors);
  });
  after(async () => { if (browser) await browser.close(); });

  it('opens each view from disk with the view in the URL', async () => {
    await page.goto(fileUrl(join(distDir, 'index.html')) + '#q=border&view=kwic');
    await waitReady(page);
    await kwicSettled(page);
    assert.ok((await kwicCount(page)).rows > 0);
    await page.goto(fileUrl(join(distDir, 'index.html')) + '#q=gas&view=trends');
    await page.reload();
    await waitReady(page);
    await trendsDrawn(page);
    await page.waitForSelector('#trend-chart circle.point', { timeout: TIMEOUT });
    assert.equal(await page.inputValue('#trend-rows input >> nth=0'), 'gas');
    assert.deepEqual(errors, []);
  });
});
