// The dist files in Chromium: the ES modules (with a module worker) over http, and the classic
// bundles (with a Blob worker from caci-worker-source.js) from file://, as the web demo uses them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir, repoRoot, page, FOOTER, skipUnlessCI } from './helpers.mjs';

const pageFunction = page.toString();

const chromium = process.env.CACI_CHROMIUM ?? '/usr/bin/chromium';
const playwrightPath = join(repoRoot, 'node_modules', 'playwright-core', 'index.mjs');
const skip = skipUnlessCI(!existsSync(chromium) ? `no Chromium at ${chromium}`
  : !existsSync(playwrightPath) ? 'playwright-core is not installed (npm install)' : false);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--allow-file-access-from-files'];

const pageText = page({ author: 'Jane Doe', lead: 'Pipelines across the Caspian Sea.' }) +
  page({ author: 'John Roe', lead: 'Georgian ports on the Black Sea.' }) + FOOTER;

// Runs in the page: the main-thread API, then the worker. Returns plain data.
const scenario = `
async function scenario(api, text) {
  const { Caci, createCaciWorker } = api;
  await Caci.init();
  const parsed = Caci.parse(text, { file: 'page.txt' });
  const index = new Caci.Index();
  index.add(text, { file: 'page.txt' });
  const hits = index.search('caspian').hits.map((h) => h.article.text.slice(h.highlights[0].start, h.highlights[0].end));
  index.free();
  const worker = createCaciWorker();
  const progress = [];
  worker.addEventListener('progress', (e) => progress.push(e.detail.file));
  const added = await worker.addFiles([{ name: 'w.txt', bytes: new TextEncoder().encode(text) }]);
  const found = await worker.search('georgian');
  worker.terminate();
  return { version: Caci.version(), articles: parsed.articles.length, hits, added: added.added, progress,
           workerHits: found.hits.map((h) => h.article.authors[0].name) };
}`;

let browser, context, dir, server, baseUrl;
before(async () => {
  if (skip) return;
  const { chromium: pw } = await import(playwrightPath);
  dir = mkdtempSync(join(tmpdir(), 'caci-browser-'));
  context = await pw.launchPersistentContext(join(dir, 'profile'), { executablePath: chromium, headless: true, args: ARGS });
  server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    if (name === 'module.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><body>module</body>');
      return;
    }
    const file = join(distDir, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': extname(file) === '.mjs' || extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
});
after(async () => {
  await context?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const expectScenario = (result) => {
  assert.match(result.version, /^\d+\.\d+\.\d+$/);
  assert.equal(result.articles, 2);
  assert.deepEqual(result.hits, ['Caspian']);
  assert.equal(result.added, 2);
  assert.deepEqual(result.progress, ['w.txt']);
  assert.deepEqual(result.workerHits, ['John Roe']);
};

test('ES modules over http: caci.mjs and a module worker', { skip, timeout: 60000 }, async () => {
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(baseUrl + 'module.html');
  const result = await tab.evaluate(`(async () => {
    ${scenario}
    const { Caci } = await import('${baseUrl}caci.mjs');
    const { createCaciWorker } = await import('${baseUrl}caci-worker-client.mjs');
    return scenario({ Caci, createCaciWorker }, ${JSON.stringify(pageText)});
  })()`);
  expectScenario(result);
  assert.deepEqual(errors, []);
  await tab.close();
});

test('classic scripts from file://: caci.bundle.js and a Blob worker', { skip, timeout: 60000 }, async () => {
  for (const f of ['caci.bundle.js', 'caci-worker-source.js']) writeFileSync(join(dir, f), readFileSync(join(distDir, f)));
  writeFileSync(join(dir, 'classic.html'), `<!doctype html><meta charset="utf-8">
<script src="caci-worker-source.js"></script><script src="caci.bundle.js"></script>
<script>${scenario}
window.result = scenario(window.caci, ${JSON.stringify(pageText)}).catch((e) => ({ error: String(e && e.stack || e) }));
</script>`);
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(pathToFileURL(join(dir, 'classic.html')).href);
  const result = await tab.evaluate('window.result');
  assert.equal(result.error, undefined, result.error);
  expectScenario(result);
  assert.deepEqual(errors, []);
  await tab.close();
});

// Index.loadBlob in a worker reads the postings and the article text only when a search first
// needs them (FileReaderSync, through the core's caci_wasm_bytes_needed): the same hits, snippets,
// articles and saved bytes as Index.load of the whole file.
// The same from a file of the origin private file system through a FileSystemSyncAccessHandle
// (what the web demo's cache opens): each read lands in wasm memory directly; freeing the index
// closes the handle, so the file can be opened again.
for (const from of ['Blob', 'sync access handle']) {
test(`a worker opens an index ${from} reading its postings and text on demand`, { skip, timeout: 120000 }, async () => {
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(baseUrl + 'module.html');
  const result = await tab.evaluate(`(async () => {
    const { Caci } = await import('${baseUrl}caci.mjs');
    await Caci.init();
    const pageOf = ${pageFunction};
    let text = '';
    for (let i = 0; i < 1000; i++) {
      const names = ['Jane Doe', 'John Roe', 'Anna Berg', 'Ivan Petrov', 'Lena Ortiz', 'Omar Haddad', 'Mira Sato'];
      text += pageOf({ author: names[i % names.length], date: 'January ' + (1 + i % 28) + ', ' + (2000 + i % 20),
        lead: 'Lead ' + i + ' on Caspian pipelines and the port of Poti, item ' + (i * 7919 % 10007) + '.',
        background: 'Background ' + i + ': ' + 'energy corridors and border talks '.repeat(1 + i % 9) });
    }
    const built = new Caci.Index();
    built.add(text + ${JSON.stringify(FOOTER)}, { file: 'many.txt' });
    const bytes = built.save();
    built.free();
    const queries = ['caspian', 'border talks', 'poti', 'lead 999', 'author:"Anna Berg"'];
    const answer = (index) => queries.map((q) => index.search(q, { limit: 20, facets: true }));
    const whole = Caci.Index.load(bytes.slice());
    const expected = { answers: answer(whole), first: whole.search('caspian').hits.map((h) => whole.get(h.article.id).text) };
    whole.free();
    const source = "import { Caci } from '${baseUrl}caci.mjs';" +
      "onmessage = async (e) => { const { blob, queries, opfs } = e.data; let source = blob, file = null;" +
      " if (opfs) { file = await (await navigator.storage.getDirectory()).getFileHandle('t.caci', { create: true });" +
      "   const w = await file.createSyncAccessHandle(); w.truncate(0); w.write(new Uint8Array(await blob.arrayBuffer()), { at: 0 }); w.close();" +
      "   source = await file.createSyncAccessHandle(); }" +
      " const index = await Caci.Index.loadBlob(source, { lazy: true });" +
      " const answers = queries.map((q) => index.search(q, { limit: 20, facets: true }));" +
      " const first = index.search('caspian').hits.map((h) => index.get(h.article.id).text);" +
      " const saved = index.save(); index.free(); let reopened = true;" +
      " if (file) { try { (await file.createSyncAccessHandle()).close(); } catch { reopened = false; } }" +
      " postMessage({ answers, first, saved, reopened }); };";
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
    const got = await new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ blob: new Blob([bytes]), queries, opfs: ${JSON.stringify(from !== 'Blob')} });
    });
    worker.terminate();
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    return { size: bytes.length, total: expected.answers[0].total, answers: same(got.answers, expected.answers),
      first: same(got.first, expected.first), saved: got.saved.length === bytes.length && got.saved.every((b, i) => b === bytes[i]),
      reopened: got.reopened };
  })()`);
  assert.ok(result.size > 4 << 16, `an index of many read blocks (${result.size} bytes)`);
  assert.ok(result.total > 0);
  assert.equal(result.answers, true, 'the same search answers');
  assert.equal(result.first, true, 'the same article texts');
  assert.equal(result.saved, true, 'save() writes the file it opened, byte for byte');
  assert.equal(result.reopened, true, 'the freed index closed its handle');
  assert.deepEqual(errors, []);
  await tab.close();
});
}
