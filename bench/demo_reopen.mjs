// The web demo reopening a cached index in Chromium (issue 13: results <= 300 ms after navigation):
// loads ARCHIVE_DIR into the demo once (parse, index, cache in IndexedDB; minutes for 20,000
// articles), then navigates to the demo again with a query in the URL and reports the time from
// navigation start to the first frame showing results, over several reopens.
//   web-demo/build.sh && node bench/demo_reopen.mjs ARCHIVE_DIR [--query security] [--runs 3]
// --index FILE skips the minutes of loading the archive: FILE (an index the wasm module saved, e.g.
// Index.save() of ARCHIVE_DIR's pages) is put in the demo's cache as the demo puts its own.
// --dist DIR serves that demo build instead of web-demo/dist; --dwell MS (3000) is the time each
// reopen stays on the page after its results (what the browser caches for the next visit).
// Each reopen also prints the demo's stage marks (performance.mark 'caci:*', ms after navigation).
// The demo is served as a static file server does (Last-Modified, 304 when unchanged, `no-cache`),
// so the browser keeps what it compiled of the scripts with its cached copies as for a user;
// --no-revalidate sends every file with no-store instead, as the tests' server does and as this
// script did before (nothing compiled on one visit could be reused on the next).
import { CHROMIUM_ARGS, chromiumPath, distDir as builtDir, serve } from '../web-demo/testlib/harness.mjs';
import { installProbes, loadArchive } from '../web-demo/testlib/perf.mjs';
import { waitReady } from '../web-demo/testlib/page.mjs';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node bench/demo_reopen.mjs ARCHIVE_DIR [--query Q] [--runs N]'); process.exit(2); }
const opt = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const query = opt('query', 'security');
const runs = Number(opt('runs', 3));
const dwell = Number(opt('dwell', 3000)); // ms on the page after the results, before the next reopen
// --dist DIR serves another build of the demo (an A/B run against an older tree's web-demo/dist).
const distDir = resolve(opt('dist', builtDir));
const server = await serve(distDir, { revalidate: !process.argv.includes('--no-revalidate') });
// A profile on disk, as a user's browser has: an incognito-like context (browser.newPage) keeps
// no code cache, so a reopen there never finds the compiled code of the previous visit.
// --flags '...' adds Chromium flags (e.g. --js-flags=--no-liftoff, to learn what the tiers cost).
const profile = mkdtempSync(join(tmpdir(), 'caci-reopen-'));
const { chromium } = await import('playwright-core');
const extra = opt('flags', '').split(' ').filter(Boolean);
const browser = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true,
  args: [...CHROMIUM_ARGS, ...extra], viewport: { width: 1280, height: 900 } });
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(30 * 60000);
  await installProbes(page);
  if (process.env.CACI_DEBUG_CONSOLE) {
    page.on('console', (m) => { if (m.text().startsWith('caci-dbg')) console.log('   ', m.text()); });
    page.on('worker', (w) => w.on('console', (m) => { if (m.text().startsWith('caci-dbg')) console.log('   [w]', m.text()); }));
  }
  // Each status line the page shows, with its time since navigation: the stages of a reopen.
  await page.addInitScript(() => {
    window.__statusLog = [];
    const watch = () => {
      const el = document.getElementById('status');
      if (!el) return;
      let last = '';
      new MutationObserver(() => {
        const text = el.textContent.trim();
        if (text !== last) window.__statusLog.push([Math.round(performance.now()), (last = text).slice(0, 60)]);
      }).observe(el, { childList: true, characterData: true, subtree: true });
    };
    document.addEventListener('DOMContentLoaded', watch);
  });
  await page.goto(server.url);
  let load;
  const indexFile = opt('index', null);
  if (indexFile) {
    await waitReady(page);
    // Served next to the page for one fetch (a link in web-demo/dist, removed at once).
    const seed = join(distDir, '__seed.caci');
    rmSync(seed, { force: true });
    symlinkSync(resolve(indexFile), seed);
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    const articles = await page.evaluate(async (names) => {
      const blob = await (await fetch('/__seed.caci')).blob();
      const engine = window.CaciDemo.app.state.engine;
      const { size } = await engine.load(blob);
      const saved = await window.CaciDemo.cache.saveIndex({ blob, size, pages: names.length, diagnostics: [],
        samples: false, files: names.map((n) => [n, '']), savedAt: new Date().toISOString() });
      if (!saved.ok) throw new Error(saved.message);
      return size;
    }, files).finally(() => rmSync(seed, { force: true }));
    load = { articles };
    console.log(`seeded the cache with ${indexFile}: ${articles} articles`);
  } else {
    load = await loadArchive(page, dir);
    console.log(`loaded ${load.articles} articles; ready after ${(load.readyMs / 1000).toFixed(1)} s, cached after ${(load.cachedMs / 1000).toFixed(1)} s`);
  }
  const url = `${server.url}#q=${encodeURIComponent(query)}`;
  const times = [];
  for (let r = 0; r < runs; r++) {
    await page.goto('about:blank');
    await page.goto(url);
    // performance.now() counts from the navigation's start (timeOrigin).
    const h = await page.waitForFunction((n) => {
      const ready = /^ready: ([\d,]+)/.exec(document.getElementById('status')?.textContent ?? '');
      const shown = document.querySelectorAll('#results > li').length > 0;
      return ready && Number(ready[1].replace(/,/g, '')) === n && shown ? performance.now() : false;
    }, load.articles, { polling: 'raf', timeout: 5 * 60000 });
    times.push(await h.jsonValue());
    const log = await page.evaluate(() => window.__statusLog);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('caci:'))
      .map((m) => `${m.name.replace(/^caci:/, '')} ${Math.round(m.startTime)}`).join(', '));
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n ? `responseEnd ${Math.round(n.responseEnd)}, domContentLoaded ${Math.round(n.domContentLoadedEventStart)}` : ''; });
    console.log(`  marks: ${nav}, ${marks}`);
    console.log(`  status: ${log.map(([t, text]) => `${t} ms '${text}'`).join(', ')}`);
    console.log(`reopen ${r + 1}: results for '${query}' shown ${times[r].toFixed(0)} ms after navigation`);
    // A user reads the results before leaving; the browser writes what it caches for the next
    // visit (compiled scripts, a streamed wasm module's optimized code) after a delay, so a visit
    // cut short at the first frame would leave less behind than a real one.
    await page.waitForTimeout(dwell);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ articles: load.articles, query, runs, median_ms: times[times.length >> 1], min_ms: times[0] }));
} finally {
  await browser.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
