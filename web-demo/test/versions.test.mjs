// Versions in the demo (issue 16, "Add"): a teaser and the full article it opens, on made-up
// pages. The article view lists the other version under "Also in the archive as" and opens it;
// "One hit per article" collapses the two into one hit, kept in the URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemo, screenshot, skipWithoutChromium } from '../testlib/harness.mjs';
import { hitCount, searchFor, settle, waitArticles, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

const OPENING = "Kazakhstan's new nuclear power plant will be built by an international consortium led by a " +
  'state company, the government announced in March after two years of talks.';
const FULL = `By Farida Akhmetova\n${OPENING}\nThe decision ends a long debate about which partner would supply the reactors.\n`;
const TEASERS = `By Farida Akhmetova\nMarch 12, 2025\n${OPENING}\nRead Atoms and Alliances: Kazakhstan's Nuclear Choice (PDF)\n` +
  'By Farida Akhmetova\nMarch 12, 2025\nWater shortages in the lower reaches of the rivers have become a political ' +
  'issue between upstream and downstream states this year.\nRead Rivers Without Borders (PDF)\n';

describe('versions in Chromium', { skip }, () => {
  let server, browser, page, dir;
  const errors = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caci-versions-'));
    writeFileSync(join(dir, 'full.txt'), FULL);
    writeFileSync(join(dir, 'teasers.txt'), TEASERS);
    ({ server, browser, page } = await openDemo(errors));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a teaser names its full article, which opens from the article view, and back', async () => {
    await waitReady(page);
    await page.setInputFiles('#add-files', [join(dir, 'full.txt'), join(dir, 'teasers.txt')]);
    await waitArticles(page, (n) => n === 3);
    assert.equal(await searchFor(page, 'nuclear consortium'), 2);
    const teaser = page.locator('#results .hit', { hasText: 'Atoms and Alliances' });
    await teaser.locator('.hit-open').click();
    await page.waitForSelector('#article-view[open] .versions', { timeout: TIMEOUT });
    assert.match(await page.textContent('#article-body .versions h3'), /Also in the archive as/);
    const link = page.locator('#article-body .versions .version-open');
    assert.equal(await link.count(), 1);
    assert.match(await page.textContent('#article-body .versions li'), /full article/);
    await screenshot(page, 'versions-teaser');
    await link.click();
    await page.waitForFunction(() => /nuclear power plant/.test(document.getElementById('article-title').textContent) &&
      document.querySelector('#article-body .versions li'), null, { timeout: TIMEOUT });
    assert.match(await page.textContent('#article-body .versions li'), /Atoms and Alliances.*teaser/);
    await page.keyboard.press('Escape');
    // The other teaser (same author, same date, another paper) has no versions.
    await searchFor(page, 'water shortages');
    await page.locator('#results .hit-open').first().click();
    await page.waitForSelector('#article-view[open]');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#article-body .versions').count(), 0);
    await page.keyboard.press('Escape');
  });

  it('"One hit per article" collapses the teaser and its full article, and stays in the URL', async () => {
    assert.equal(await searchFor(page, 'nuclear consortium'), 2);
    await settle(page, () => page.check('#collapse-versions'));
    assert.equal(await hitCount(page), 1);
    assert.match(await page.evaluate(() => location.hash), /versions=one/);
    await settle(page, () => page.uncheck('#collapse-versions'));
    assert.equal(await hitCount(page), 2);
    assert.doesNotMatch(await page.evaluate(() => location.hash), /versions=/);
    // The switch comes back with the URL. (The reopened index is read from the browser's cache:
    // its versions are linked again only once the index file reader does so, see README.)
    await page.evaluate(() => { location.hash = location.hash + '&versions=one'; });
    await page.reload();
    await waitReady(page);
    assert.equal(await page.isChecked('#collapse-versions'), true);
    assert.deepEqual(errors, []);
  });
});
