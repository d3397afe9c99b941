// Issue 17 item 1 in the demo: when the browser refuses to cache a new archive (its storage quota
// exceeded), the archive cached before stays byte for byte, it is what opens next time, and the
// page says so instead of failing silently.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo, distDir, launch, serve, skipWithoutChromium, watchErrors } from '../testlib/harness.mjs';
import { waitArticles, waitReady, TIMEOUT } from '../testlib/page.mjs';

const skip = skipWithoutChromium();

// What the cache holds: its size in articles and when it was saved (read from IndexedDB directly).
const cachedEntry = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('caci-demo', 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('cache').objectStore('cache').get('last-index');
    get.onsuccess = () => {
      const e = get.result;
      // The index bytes are kept in pieces the entry names (js/cache.js): their total length.
      resolve(e ? { size: e.size, samples: Boolean(e.samples), bytes: e.byteLength, savedAt: e.savedAt } : null);
      open.result.close();
    };
    get.onerror = () => reject(get.error);
  };
}));

describe('a refused cache save (quota exceeded) in Chromium', { skip }, () => {
  let server, browser, context, page, dir;
  const errors = [];

  before(async () => {
    buildDemo();
    server = await serve(distDir);
    browser = await launch();
    context = await browser.newContext();
    page = await context.newPage();
    watchErrors(page, errors);
    dir = mkdtempSync(join(tmpdir(), 'caci-quota-'));
    writeFileSync(join(dir, 'own.txt'), 'By Owna Pagerova (3/5/2003 issue of the CACI Analyst)\n' +
      'BACKGROUND: The quotaian delegation met to discuss melon exports.\n');
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the previously cached archive, opens it next time, and tells the user', async () => {
    await page.goto(server.url);
    const samples = await waitReady(page);
    // The samples get cached in the background.
    await page.waitForFunction(() => !window.CaciDemo.app.state.cachePending, null, { timeout: TIMEOUT });
    const before = await cachedEntry(page);
    assert.ok(before && before.samples, 'the samples were cached first');
    assert.equal(before.size, samples.articles);

    // From now on this page's storage is full: IndexedDB refuses every put.
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.setInputFiles('#add-files', join(dir, 'own.txt'));
    await waitArticles(page, (n) => n === 1);
    await page.waitForFunction(() => !window.CaciDemo.app.state.cachePending, null, { timeout: TIMEOUT });
    const status = await page.textContent('#status');
    assert.match(status, /not cached in this browser \(the browser's storage for this page is full\)/, status);
    assert.match(status, /the archive cached .* is kept and opens next time/, status);
    assert.ok(await page.locator('#status.error').count(), 'shown as a problem, not as plain progress');
    assert.deepEqual(await cachedEntry(page), before, 'the cached archive is unchanged');

    // Next visit: the archive cached before (the samples) opens, not an empty page.
    await page.reload();
    const reopened = await waitReady(page);
    assert.equal(reopened.articles, samples.articles);
    assert.match(reopened.text, /sample/);
    assert.deepEqual(errors, []);
  });
});
