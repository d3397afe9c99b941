// Native and wasm parse the same bytes the same way: every spec example (tests/spec/*.md) and
// seeded mutations of each (bytes flipped, removed, duplicated, or replaced by tokens the parser
// cares about) go through `caci parse --format json` natively and through wasm, and the two JSON
// documents must be identical. One CLI run parses all files, in the order wasm parses them.
// And they search the same way: seeded queries made of the fixtures' own words and inflected
// forms of them (stemmed natively by Debian's libstemmer, in wasm by the same Snowball sources)
// give the same totals, hits and scores.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, loadCaci, nativeCli, parityFixtures, repoRoot, skipUnlessCI } from './helpers.mjs';
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

let Document, Index;
before(async () => {
  if (skip) return;
  ({ Document, Index } = await loadCaci());
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

// Word forms the stemmer must relate (or not): endings added to, or swapped on, a word.
const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'ation', 'er', 'ly', 'ness', 'ies', 'ment'];
function inflect(word, next) {
  const e = ENDINGS[next(ENDINGS.length)];
  if (e === 'ies' && word.endsWith('y')) return word.slice(0, -1) + 'ies';
  if (e !== '' && word.endsWith('e')) return word.slice(0, -1) + e;
  return word + e;
}

test('seeded stemmed queries from the fixtures\' words: wasm hits equal native hits', { skip }, () => {
  const fixtures = parityFixtures();
  assert.ok(fixtures.length > 0, 'no fixtures');
  const names = fixtures.map((f) => (f.startsWith(repoRoot + '/') ? f.slice(repoRoot.length + 1) : f));
  const doc = new Document();
  const index = new Index();
  const dir = mkdtempSync(join(tmpdir(), 'caci-diff-search-'));
  try {
    fixtures.forEach((f, i) => doc.parse(readFileSync(f), { file: names[i] }));
    index.add(doc);
    const words = new Set();
    for (const a of doc.articles()) {
      for (const w of (a.text.toLowerCase().match(/[a-z]{4,14}/g) ?? [])) words.add(w);
    }
    const vocab = [...words].sort();
    assert.ok(vocab.length > 500, `${vocab.length} words`);
    const next = rng(20261206);
    const pick = () => vocab[next(vocab.length)];
    const queries = [];
    for (let i = 0; i < 60; ++i) {
      switch (next(7)) {
        case 0: queries.push(`${inflect(pick(), next)} ${inflect(pick(), next)}`); break;
        case 1: queries.push(`"${inflect(pick(), next)} ${inflect(pick(), next)}"`); break;
        case 2: queries.push(`=${inflect(pick(), next)} OR ${inflect(pick(), next)}`); break;
        case 3: queries.push(`title:${inflect(pick(), next)} OR ${inflect(pick(), next)}`); break;
        default: queries.push(inflect(pick(), next)); break;
      }
    }
    const file = join(dir, 'fixtures.caci');
    execFileSync(cli, ['index', '-q', '-o', file, ...names], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let withHits = 0;
    for (const q of queries) {
      const native = JSON.parse(execFileSync(cli, ['search', file, q, '--json', '--limit', '10'],
        { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }));
      const wasm = index.search(q, { limit: 10 });
      assert.equal(wasm.total, native.total, `total for ${q}`);
      assert.deepEqual(wasm.hits.map((h) => h.id), native.hits.map((h) => h.id), `hits for ${q}`);
      wasm.hits.forEach((h, i) => assert.equal(Number(h.score.toPrecision(6)), native.hits[i].score, `score ${q} #${i}`));
      if (native.total > 0) ++withHits;
    }
    assert.ok(withHits >= 15, `only ${withHits} of ${queries.length} queries had hits`);
  } finally {
    index.free();
    doc.free();
    rmSync(dir, { recursive: true, force: true });
  }
});
