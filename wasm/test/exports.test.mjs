// wasm/exports.txt covers the C ABI: every caci_* function declared in caci.h is exported, or
// listed in wasm/exports_excluded.txt with a reason; every caci_wasm_* glue function is exported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, distDir, skipUnlessCI } from './helpers.mjs';

const read = (...p) => readFileSync(join(repoRoot, ...p), 'utf8');
const lines = (text) => text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

const headerFunctions = new Set(
  [...read('capi', 'include', 'caci', 'caci.h').matchAll(/CACI_API\s+[^;(]*?\b(caci_\w+)\s*\(/g)].map((m) => m[1]));
const exported = lines(read('wasm', 'exports.txt'));
const excluded = new Map(lines(read('wasm', 'exports_excluded.txt')).map((l) => {
  const [name, ...reason] = l.split(/\s+/);
  return [name, reason.join(' ')];
}));
const glueFunctions = new Set(
  ['caci_wasm.c', 'alloc_fault.cpp'].flatMap((f) =>
    [...read('wasm', 'glue', f).matchAll(/CACI_WASM_API\s+[^;(]*?\b(caci_wasm_\w+)\s*\(/g)].map((m) => m[1])));

test('caci.h declares functions (the header scan works)', () => {
  assert.ok(headerFunctions.size > 50, `found ${headerFunctions.size}`);
  assert.ok(headerFunctions.has('caci_doc_parse'));
});

test('every caci.h function is exported or excluded with a reason', () => {
  const missing = [...headerFunctions].filter((f) => !exported.includes(f) && !excluded.has(f));
  assert.deepEqual(missing, [], 'add them to wasm/exports.txt or wasm/exports_excluded.txt');
  for (const [name, reason] of excluded) assert.ok(reason.length > 10, `${name} needs a reason`);
});

test('nothing is both exported and excluded, and nothing stale is listed', () => {
  assert.deepEqual(exported.filter((f) => excluded.has(f)), []);
  const unknown = [...exported.filter((f) => f.startsWith('caci_') && !f.startsWith('caci_wasm_')), ...excluded.keys()]
    .filter((f) => !headerFunctions.has(f));
  assert.deepEqual(unknown, [], 'not declared in caci.h');
  assert.equal(new Set(exported).size, exported.length, 'duplicates in exports.txt');
});

test('the glue functions and exports.txt agree', () => {
  const listedGlue = exported.filter((f) => f.startsWith('caci_wasm_'));
  assert.deepEqual([...glueFunctions].filter((f) => !listedGlue.includes(f)), [], 'glue not exported');
  assert.deepEqual(listedGlue.filter((f) => !glueFunctions.has(f)), [], 'exported but not defined in wasm/glue');
});

test('exports.txt + exports_excluded.txt cover the native library symbol list (capi/abi)', {
  skip: skipUnlessCI(!existsSync(join(repoRoot, 'capi', 'abi', 'exported_symbols.txt')) && 'no capi/abi/exported_symbols.txt'),
}, () => {
  const native = new Set(lines(read('capi', 'abi', 'exported_symbols.txt')));
  const covered = new Set([...exported.filter((f) => f.startsWith('caci_') && !f.startsWith('caci_wasm_')), ...excluded.keys()]);
  assert.deepEqual([...native].filter((f) => !covered.has(f)).sort(), [], 'native symbols neither exported nor excluded');
  assert.deepEqual([...covered].filter((f) => !native.has(f)).sort(), [], 'listed but not exported by the native library');
});

const distSkip = skipUnlessCI(!existsSync(join(distDir, 'caci.mjs')) && 'wasm/dist/caci.mjs not built');

test('the built module exports every listed function', { skip: distSkip }, () => {
  const text = readFileSync(join(distDir, 'caci.mjs'), 'utf8');
  const absent = exported.filter((f) => !text.includes(`Module["_${f}"]`));
  assert.deepEqual(absent, []);
});

test('the dist is newer than its sources (rebuild with wasm/build.sh)', { skip: distSkip }, () => {
  const built = statSync(join(distDir, 'caci.mjs')).mtimeMs;
  const sources = [
    ...walk(join(repoRoot, 'core', 'src')), ...walk(join(repoRoot, 'core', 'include')), ...walk(join(repoRoot, 'capi', 'src')),
    ...walk(join(repoRoot, 'capi', 'include')), ...walk(join(repoRoot, 'wasm', 'js')), ...walk(join(repoRoot, 'wasm', 'glue')),
    join(repoRoot, 'wasm', 'exports.txt'), join(repoRoot, 'wasm', 'CMakeLists.txt'), join(repoRoot, 'wasm', 'tools', 'bundle.mjs'),
  ];
  const newer = sources.filter((f) => statSync(f).mtimeMs > built).map((f) => f.slice(repoRoot.length + 1));
  assert.deepEqual(newer, [], 'changed after the last wasm/build.sh');
});

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
}
