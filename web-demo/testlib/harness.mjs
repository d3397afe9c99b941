// Shared by web-demo/test/*.test.mjs (kept outside test/ so `node --test web-demo/test/` does not
// run it as a test): builds the demo, serves web-demo/dist on 127.0.0.1, launches the system
// Chromium through playwright-core with the flags from TOOLCHAIN.md.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { skipUnlessCI } from '../../wasm/test/helpers.mjs';

export const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const rootDir = resolve(demoDir, '..');
export const distDir = join(demoDir, 'dist');
export const screenshotDir = join(rootDir, 'build', 'screenshots');
export const chromiumPath = process.env.CACI_CHROMIUM || '/usr/bin/chromium';
export const chromiumMissing = existsSync(chromiumPath) ? false : `Chromium not found at ${chromiumPath}`;
// The browser tests' `skip` option: skipped without Chromium, except under CI=true (a failure).
export const skipWithoutChromium = () => skipUnlessCI(chromiumMissing);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// node --test may run several test files at once: the first builds web-demo/dist, the others wait
// for it (a lock directory) and reuse a build that is newer than every source.
export function buildDemo() {
  const lock = join(demoDir, '.build-lock');
  const stamp = join(distDir, 'index.html');
  const sources = () => ['index.html', 'style.css', 'build.sh', 'js', 'tools'].map((f) => join(demoDir, f))
    .concat([join(rootDir, 'wasm', 'dist'), join(rootDir, 'samples'), join(rootDir, 'core', 'src', 'search', 'QUERY.md')]);
  const newest = (path) => {
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
  };
  const deadline = Date.now() + 120000;
  for (;;) {
    try { mkdirSync(lock); break; } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (Date.now() > deadline) { rmSync(lock, { recursive: true, force: true }); continue; }
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    const fresh = existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources().map(newest)) &&
      Date.now() - statSync(stamp).mtimeMs < 600000;
    if (!fresh) execFileSync(join(demoDir, 'build.sh'), { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// The sample pages the build bundles, as build.sh chooses them.
export function samplePages() {
  const dir = join(rootDir, 'samples');
  const pick = (d) => (existsSync(d) ? execFileSync('ls', [d]).toString().split('\n').filter((f) => f.endsWith('.txt')).map((f) => join(d, f)) : []);
  return pick(dir).sort();
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.ts': 'text/plain' };

// The tests' server keeps the browser from caching anything (each test sees the build as it is).
// opts.revalidate: as a static file server does instead (python3 -m http.server of demo.sh, a
// CDN): a validator (Last-Modified) on every file, and 304 Not Modified when the browser's copy is
// current, so what a browser keeps with its cached copy (compiled scripts and wasm) is reused; with
// `no-cache`, every visit still asks, so a rebuilt file is never served stale.
export function serve(dir, { revalidate = false } = {}) {
  return new Promise((resolveServer) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(dir, rel));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404); res.end('not found'); return;
      }
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (revalidate) {
        const modified = new Date(Math.floor(statSync(file).mtimeMs / 1000) * 1000);
        Object.assign(headers, { 'cache-control': 'no-cache', 'last-modified': modified.toUTCString() });
        const since = Date.parse(req.headers['if-modified-since'] ?? '');
        if (since >= modified.getTime()) { res.writeHead(304, headers); res.end(); return; }
      }
      res.writeHead(200, headers);
      res.end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => {
      resolveServer({ server, url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

// Records console errors and uncaught exceptions of a page.
export function watchErrors(page, sink) {
  page.on('console', (msg) => { if (msg.type() === 'error') sink.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => sink.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => sink.push(`requestfailed: ${req.url()} ${req.failure() && req.failure().errorText}`));
}

// The demo built, served on 127.0.0.1 and open in a fresh Chromium page (1280x900, downloads
// accepted) whose errors go to `errors`: where each browser suite starts. `beforeGoto(page)` runs
// before the first navigation (probes, routes). On a failure nothing is left running.
export async function openDemo(errors, { permissions = [], beforeGoto = null } = {}) {
  buildDemo();
  const server = await serve(distDir);
  let browser = null;
  try {
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    if (permissions.length) await context.grantPermissions(permissions, { origin: server.url.replace(/\/$/, '') });
    const page = await context.newPage();
    watchErrors(page, errors);
    if (beforeGoto) await beforeGoto(page);
    await page.goto(server.url);
    return { server, browser, context, page };
  } catch (err) {
    await browser?.close();
    await server.close();
    throw err;
  }
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `web-demo-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const fileUrl = (path) => pathToFileURL(path).href;
