// The npm package of the wasm build (wasm/package.json, packed from wasm/ with wasm/dist/): its
// metadata, `npm pack`, an offline install into a temporary consumer project, an ESM import from
// node that parses a page (and runs the worker script in a worker thread), and a strict TypeScript
// type-check of a consumer against the packed declarations (tsc from the repository's
// devDependencies, as in types.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distDir, repoRoot, skipUnlessCI, page, FOOTER } from './helpers.mjs';

const wasmDir = join(repoRoot, 'wasm');
const pkg = JSON.parse(readFileSync(join(wasmDir, 'package.json'), 'utf8'));
const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('npm-cli.js') ? process.env.npm_execpath : null;

function npm(args, cwd) {
  const cmd = npmCli ? process.execPath : 'npm';
  const argv = npmCli ? [npmCli, ...args] : args;
  // No registry is reachable on purpose: everything here must work offline.
  const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false' };
  return execFileSync(cmd, argv, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function hasNpm() {
  try {
    npm(['--version'], repoRoot);
    return true;
  } catch {
    return false;
  }
}

const missingDist = !existsSync(join(distDir, 'caci.mjs')) && 'the wasm build is missing (wasm/build.sh)';
const skipPack = skipUnlessCI(missingDist || (!hasNpm() && 'npm is not installed'));
const skipTsc = skipUnlessCI(missingDist || (!existsSync(tsc) && 'typescript is not installed (npm install)'));

test('wasm/package.json: name, the version of CMakeLists.txt, ESM exports with types, files, license, engines, no dependencies', () => {
  const cmake = readFileSync(join(repoRoot, 'CMakeLists.txt'), 'utf8');
  const m = cmake.match(/project\(\s*libcaci\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)/);
  assert.ok(m, 'project(libcaci VERSION x.y.z) not found in CMakeLists.txt');
  assert.equal(pkg.version, m[1], 'wasm/package.json "version" must equal project(VERSION) in CMakeLists.txt');
  assert.equal(pkg.name, 'libcaci');
  assert.equal(pkg.private, undefined, 'the package must be publishable');
  assert.equal(pkg.type, 'module');
  assert.deepEqual(pkg.exports['.'], { types: './dist/caci.d.mts', default: './dist/caci.mjs' });
  assert.deepEqual(pkg.exports['./worker'], { types: './dist/caci-worker-client.d.mts', default: './dist/caci-worker-client.mjs' });
  assert.equal(pkg.types, './dist/caci.d.ts');
  assert.equal(pkg.main, './dist/caci.mjs');
  for (const target of [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))])
    if (target !== './package.json') assert.ok(pkg.files.includes(target.slice(2)), `${target} is exported but not in "files"`);
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'scripts'])
    assert.equal(pkg[key], undefined, `"${key}": the package installs offline with nothing else`);
  // The license field says what the repository says: no license file means no licence granted.
  const licenseFile = readdirSync(repoRoot).find((f) => /^(LICEN[CS]E|COPYING)/i.test(f));
  if (licenseFile) assert.notEqual(pkg.license, 'UNLICENSED', `${licenseFile} exists: name its SPDX id`);
  else assert.equal(pkg.license, 'UNLICENSED');
  assert.match(pkg.engines?.node ?? '', /^>=\s*18/);
});

test('npm pack, offline install into a consumer, ESM import from node, tsc --strict over a consumer', { skip: skipPack }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'caci-npm-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  // Pack wasm/ itself; when the tests run on another build (CACI_WASM_DIST), a copy of wasm/ with
  // that dist/ instead.
  let packDir = wasmDir;
  if (resolve(distDir) !== join(wasmDir, 'dist')) {
    packDir = join(work, 'stage');
    mkdirSync(packDir);
    cpSync(join(wasmDir, 'package.json'), join(packDir, 'package.json'));
    cpSync(join(wasmDir, 'README.md'), join(packDir, 'README.md'));
    cpSync(distDir, join(packDir, 'dist'), { recursive: true });
  }
  const packDest = join(work, 'pack');
  mkdirSync(packDest);
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packDest, '--cache', join(work, 'cache')], packDir));
  assert.equal(packed.name, 'libcaci');
  assert.equal(packed.version, pkg.version);
  const tarball = join(packDest, packed.filename);
  assert.ok(existsSync(tarball), `${packed.filename} was not written`);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), ['README.md', 'package.json', ...pkg.files].sort(),
    'the tarball holds exactly package.json, README.md and the files of "files"');

  // A consumer project, installed with no registry and an empty cache.
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'caci-consumer', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache2'), tarball], consumer);
  const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', 'libcaci', 'package.json'), 'utf8'));
  assert.equal(installed.version, pkg.version);
  assert.deepEqual(readdirSync(join(consumer, 'node_modules')).filter((d) => !d.startsWith('.')), ['libcaci'], 'no other package installed');

  const text = page({ author: 'Jane Doe', lead: 'A lead about Caspian pipelines.' }) + FOOTER;
  writeFileSync(join(consumer, 'main.mjs'), `
import Caci, { CaciError, Document, Index } from 'libcaci';
import { CaciWorker, createCaciWorker } from 'libcaci/worker';
import { Worker } from 'node:worker_threads';
await Caci.init();
const parsed = Caci.parse(${JSON.stringify(text)}, { file: 'page.txt' });
const index = new Index();
index.add(${JSON.stringify(text)}, { file: 'page.txt' });
const hits = index.search('caspian').total;
index.free();
let encapsulated = false;
try { await import('libcaci/dist/caci.mjs'); } catch (e) { encapsulated = e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'; }
const worker = new CaciWorker(new Worker(new URL(import.meta.resolve('libcaci/worker-script'))));
const added = await worker.addFiles([{ name: 'w.txt', bytes: new TextEncoder().encode(${JSON.stringify(text)}) }]);
const workerHits = (await worker.search('pipelines')).total;
worker.terminate();
console.log(JSON.stringify({
  version: Caci.version(), articles: parsed.articles.length, author: parsed.articles[0]?.authors[0]?.name,
  file: parsed.articles[0]?.source?.file, hits, encapsulated, added: added.added, workerHits,
  types: [typeof CaciError, typeof Document, typeof createCaciWorker],
  resolved: import.meta.resolve('libcaci'),
}));
`);
  const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: consumer, encoding: 'utf8' }));
  assert.equal(out.articles, 1);
  assert.equal(out.author, 'Jane Doe');
  assert.equal(out.file, 'page.txt');
  assert.equal(out.hits, 1);
  assert.equal(out.added, 1);
  assert.equal(out.workerHits, 1);
  assert.ok(out.version.length > 0);
  assert.equal(out.encapsulated, true, 'paths outside "exports" must not be importable');
  assert.deepEqual(out.types, ['function', 'function', 'function']);
  assert.match(out.resolved, /\/node_modules\/libcaci\/dist\/caci\.mjs$/);

  // TypeScript: the consumer type-checks against the installed package under --strict, with
  // node's ESM resolution (nodenext) and a bundler's.
  if (skipTsc) {
    t.diagnostic(`tsc check skipped: ${skipTsc}`);
    return;
  }
  writeFileSync(join(consumer, 'consumer.mts'), `
import Caci, { CaciError, Index, type Article, type SearchResults } from 'libcaci';
import { createCaciWorker, type CaciWorker } from 'libcaci/worker';

export async function titles(text: string): Promise<string[]> {
  await Caci.init();
  const articles: Article[] = Caci.parse(text, { file: 'page.txt' }).articles;
  const index = new Index();
  index.add(text, { file: 'page.txt' });
  let results: SearchResults;
  try {
    results = index.search('caspian', { limit: 5, facets: true });
  } catch (e) {
    if (e instanceof CaciError) return [e.statusName];
    throw e;
  } finally {
    index.free();
  }
  const worker: CaciWorker = createCaciWorker();
  worker.terminate();
  return articles.map((a) => a.title ?? '').concat(results.hits.map((h) => h.article.id));
}
`);
  // Type errors must be caught: a wrong use fails.
  writeFileSync(join(consumer, 'wrong.mts'), `
import Caci from 'libcaci';
const n: number = Caci.parse('x').articles;
export default n;
`);
  const tscRun = (file, resolution) => {
    const moduleKind = resolution === 'bundler' ? 'esnext' : 'nodenext';
    return execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', moduleKind,
      '--moduleResolution', resolution, '--lib', 'es2022,dom,esnext.disposable', file], { cwd: consumer, encoding: 'utf8' });
  };
  for (const resolution of ['nodenext', 'bundler']) {
    try {
      tscRun('consumer.mts', resolution);
    } catch (e) {
      assert.fail(`tsc (${resolution}) failed on the consumer:\n${e.stdout}${e.stderr}`);
    }
    assert.throws(() => tscRun('wrong.mts', resolution), (e) => /TS2322/.test(e.stdout), `tsc (${resolution}) accepted a type error`);
  }
});
