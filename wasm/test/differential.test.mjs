// Native and wasm parse the same bytes the same way: every spec example (tests/spec/*.md) and
// seeded mutations of each (bytes flipped, removed, duplicated, or replaced by tokens the parser
// cares about) go through `caci parse --format json` natively and through wasm, and the two JSON
// documents must be identical. One CLI run parses all files, in the order wasm parses them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, loadCaci, nativeCli, repoRoot, skipUnlessCI } from './helpers.mjs';
import { readSpec } from './spec-file.mjs';

const cli = nativeCli();
const skip = skipUnlessCI(!existsSync(join(distDir, 'caci.mjs')) ? 'wasm/dist/caci.mjs not built (wasm/build.sh)'
  : !cli ? 'native CLI not found (build it, or set CACI_NATIVE_CLI)' : false);

const MUTATIONS_PER_EXAMPLE = 6;
const TOKENS = ['By ', 'By empty ', '(4/9/2003 issue of the CACI Analyst)', '\n', '\r\n', 'BACKGROUND: ', 'AUTHOR BIO: ',
  'Published in News Digest\n', '13 May News Digest\n', 'Read ', ' (PDF)', '\xE2\x80\x99', '\x92', '\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2',
  'Wednesday, 14 August 2002\n', 'VOL. 15 NO 9, 07 May 2013\n', '\xEF\xBB\xBF', '\x00', '\xFF', 'Image: ', ' 800\n', 'Hot Topics '];

// A small seeded generator (xorshift32), so a failure names an input that can be made again.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

function mutate(bytes, seed) {
  const next = rng(seed);
  let b = Array.from(bytes);
  const steps = 1 + next(4);
  for (let s = 0; s < steps; ++s) {
    const at = b.length ? next(b.length + 1) : 0;
    switch (next(4)) {
      case 0: if (b.length) b[Math.min(at, b.length - 1)] = next(256); break;
      case 1: b.splice(at, 1 + next(8)); break;
      case 2: b.splice(at, 0, ...b.slice(at, at + 1 + next(40))); break;
      default: b.splice(at, 0, ...Buffer.from(TOKENS[next(TOKENS.length)], 'latin1')); break;
    }
  }
  return Uint8Array.from(b);
}

let Document;
before(async () => {
  if (skip) return;
  ({ Document } = await loadCaci());
});

test('spec examples and their mutations: wasm JSON equals native JSON', { skip }, () => {
  const inputs = [];
  for (const name of ['layouts.md', 'regressions.md']) {
    const examples = readSpec(readFileSync(join(repoRoot, 'tests', 'spec', name), 'utf8'));
    for (const ex of examples) {
      inputs.push(ex.input);
      for (let m = 0; m < MUTATIONS_PER_EXAMPLE; ++m) inputs.push(mutate(ex.input, ex.number * 1000 + m + name.length));
    }
  }
  assert.ok(inputs.length > 800, `${inputs.length} inputs`);
  const dir = mkdtempSync(join(tmpdir(), 'caci-diff-'));
  try {
    const names = inputs.map((bytes, i) => {
      const name = `in${String(i).padStart(5, '0')}.txt`;
      writeFileSync(join(dir, name), bytes);
      return name;
    });
    const native = JSON.parse(execFileSync(cli, ['parse', '--format', 'json', ...names],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }));
    const doc = new Document();
    try {
      inputs.forEach((bytes, i) => doc.parse(bytes, { file: names[i] }));
      const wasm = doc.toJSON();
      assert.equal(wasm.articles.length, native.articles.length);
      wasm.articles.forEach((a, i) => assert.deepEqual(a, native.articles[i], `article ${i} of ${a.source.file}`));
      assert.deepEqual(wasm.diagnostics, native.diagnostics);
      assert.deepEqual(wasm.stats, native.stats);
    } finally {
      doc.free();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
