// Native parity: the same pages and queries through the native CLI (build/cli/caci) and through
// wasm must give identical JSON documents and identical hit lists.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ByteToUtf16 } from '../js/offsets.mjs';
import { loadCaci, nativeCli, parityFixtures, repoRoot, skipUnlessCI } from './helpers.mjs';

const cli = nativeCli();
const fixtures = parityFixtures();
const skip = skipUnlessCI(!cli ? 'native CLI not found (build it, or set CACI_NATIVE_CLI)'
  : fixtures.length === 0 ? 'no fixtures (samples/, tests/data/fixtures/, corpus)' : false);

// Both builds stem query words with Snowball English (wasm: the same Snowball 2.2.0 compiled from
// Debian's source package) and apply the name variants: plain words, inflected forms, variants
// and `=word` (exact forms only) must give the same hits, scores, snippets and facets.
const QUERIES = [
  'afghanistan', 'china pakistan', '"central asia"', 'taliban AND uzbekistan', 'russia OR iran',
  'kazakhstan NOT china', 'econom*', 'author:abazov', 'corridors', 'energy', 'wakhan', 'green economy',
  'negotiations', 'countries', 'developing', 'elections', 'investing', 'securities', '"border talks"',
  'title:relations', 'kazakstan', 'alma-ata', 'tbilsi~1', 'water NEAR/5 valley', '=afghanistan',
  '=china =pakistan', '="central asia"', '=corridor', '=corridors', '=energy', 'title:=talks',
  'china AND (', 'NOT', '"unclosed phrase',
];

let Caci, Document, Index;
before(async () => {
  if (skip) return;
  ({ Caci, Document, Index } = await loadCaci());
});

// The CLI names files as given on its command line: run it from the repository root with
// relative paths, and give wasm the same names.
const names = fixtures.map((f) => (f.startsWith(repoRoot + '/') ? f.slice(repoRoot.length + 1) : f));
const runCli = (args) => execFileSync(cli, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

function wasmDocument() {
  const doc = new Document();
  for (const [i, f] of fixtures.entries()) doc.parse(readFileSync(f), { file: names[i] });
  return doc;
}

test('parse: wasm JSON equals native `caci parse --format json`', { skip }, () => {
  const native = JSON.parse(runCli(['parse', '--format', 'json', ...names]));
  const doc = wasmDocument();
  try {
    const wasm = doc.toJSON();
    assert.equal(wasm.articles.length, native.articles.length);
    wasm.articles.forEach((a, i) => assert.deepEqual(a, native.articles[i], `article ${i} (${a.id})`));
    assert.deepEqual(wasm.diagnostics, native.diagnostics);
    assert.deepEqual(wasm, native);
  } finally {
    doc.free();
  }
});

test('parse per file: each fixture alone gives the native output', { skip }, () => {
  for (const [i, name] of names.entries()) {
    const native = JSON.parse(runCli(['parse', '--format', 'json', name]));
    const doc = new Document();
    try {
      doc.parse(readFileSync(fixtures[i]), { file: name });
      assert.deepEqual(doc.toJSON(), native, basename(name));
    } finally {
      doc.free();
    }
  }
});

test('parse --fold-quotes: wasm equals native', { skip }, () => {
  const native = JSON.parse(runCli(['parse', '--format', 'json', '--fold-quotes', ...names]));
  const doc = new Document({ foldQuotes: true });
  try {
    for (const [i, f] of fixtures.entries()) doc.parse(readFileSync(f), { file: names[i] });
    assert.deepEqual(doc.toJSON(), native);
  } finally {
    doc.free();
  }
});

// Compares one wasm search with the CLI's --json output for the same query and options.
function compareSearch(index, query, wasmOptions, cliArgs) {
  let native;
  try {
    native = JSON.parse(runCli(['search', ...names, query, '--json', ...cliArgs]));
  } catch (e) {
    // The native CLI rejected the query (exit 2): wasm must reject it too.
    assert.throws(() => index.search(query, wasmOptions), (err) => err.statusName === 'CACI_EQUERY', query);
    return;
  }
  const wasm = index.search(query, wasmOptions);
  assert.equal(wasm.total, native.total, `total for ${query}`);
  assert.deepEqual(wasm.hits.map((h) => h.id), native.hits.map((h) => h.id), `hits for ${query}`);
  wasm.hits.forEach((hit, i) => {
    const n = native.hits[i];
    assert.equal(Number(hit.score.toPrecision(6)), Number(n.score.toPrecision(6)), `score ${query} #${i}`);
    const { text, ...article } = hit.article;
    assert.deepEqual(article, n.article, `article ${query} #${i}`);
    assert.equal(hit.snippet.text, n.snippet, `snippet ${query} #${i}`);
    const toUtf16 = new ByteToUtf16(text);
    const nativeHighlights = n.highlights.map(([s, e]) => ({ start: toUtf16.map(s), end: toUtf16.map(e) }));
    assert.deepEqual(hit.highlights, nativeHighlights, `highlights ${query} #${i}`);
  });
  if (native.facets) assert.deepEqual(wasm.facets, native.facets, `facets for ${query}`);
}

test('search with paging, date sorting and short snippets: same as the CLI', { skip }, () => {
  const doc = wasmDocument();
  const index = new Index();
  try {
    index.add(doc);
    for (const query of ['=china', '="central asia"', 'econom*', 'negotiations', 'kazakstan']) {
      compareSearch(index, query, { limit: 3, offset: 2, sort: 'date_desc', snippetBytes: 80 },
        ['--limit', '3', '--offset', '2', '--sort', 'date', '--snippet-bytes', '80']);
      compareSearch(index, query, { limit: 5, sort: 'date_asc' }, ['--limit', '5', '--sort', 'date-asc']);
    }
  } finally {
    index.free();
    doc.free();
  }
});

test('search: the same hits, scores, snippets and highlights as `caci search --json`', { skip }, () => {
  const doc = wasmDocument();
  const index = new Index();
  try {
    index.add(doc);
    for (const query of QUERIES) {
      compareSearch(index, query, { limit: 20, facets: true }, ['--limit', '20', '--facets']);
    }
  } finally {
    index.free();
    doc.free();
  }
});

test('index files are portable: native-built loads in wasm, wasm-saved loads natively', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'caci-parity-'));
  const doc = wasmDocument();
  const index = new Index();
  let fromNative;
  try {
    index.add(doc);
    const nativeFile = join(dir, 'native.caci');
    runCli(['index', '-o', nativeFile, ...names]);
    const nativeBytes = new Uint8Array(readFileSync(nativeFile));
    fromNative = Index.load(nativeBytes);
    assert.equal(fromNative.size, index.size);
    // wasm writes its stored text with lz (it only decodes zstd, to fit its download budget), so
    // the files differ in that section; each side reads the other's and answers alike.
    const wasmBytes = index.save();
    assert.equal(wasmBytes.length > 0 && nativeBytes.length > 0, true);
    const nativeSearchOnly = join(dir, 'native-search-only.caci');
    runCli(['index', '--no-text', '-o', nativeSearchOnly, ...names]);
    const searchOnly = Index.load(new Uint8Array(readFileSync(nativeSearchOnly)));
    try {
      assert.equal(searchOnly.size, index.size);
      assert.equal(searchOnly.search('=china').total, index.search('=china').total);
    } finally {
      searchOnly.free();
    }
    const wasmFile = join(dir, 'wasm.caci');
    writeFileSync(wasmFile, wasmBytes);
    for (const query of ['=china', '="central asia"', 'econom*', 'corridors', 'negotiations', 'kazakstan']) {
      const native = JSON.parse(runCli(['search', wasmFile, query, '--json', '--limit', '20']));
      const wasm = fromNative.search(query, { limit: 20 });
      assert.equal(wasm.total, native.total, query);
      assert.deepEqual(wasm.hits.map((h) => h.id), native.hits.map((h) => h.id), query);
    }
  } finally {
    fromNative?.free();
    index.free();
    doc.free();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stemming: a word finds its other forms in wasm as natively, and `=word` only its own', { skip }, () => {
  const doc = wasmDocument();
  const index = new Index();
  try {
    index.add(doc);
    let stemmedMore = 0;
    for (const word of ['corridors', 'negotiations', 'countries', 'elections', 'relations']) {
      const stemmed = index.search(word).total;
      const exact = index.search(`=${word}`).total;
      assert.ok(stemmed >= exact, word);
      if (stemmed > exact) ++stemmedMore;
      const native = JSON.parse(runCli(['search', ...names, word, '--json', '--limit', '0']));
      assert.equal(stemmed, native.total, word);
    }
    assert.ok(stemmedMore > 0, 'no word found more articles with its other forms: is wasm stemming?');
  } finally {
    index.free();
    doc.free();
  }
});

test('the stemming and name-variant options are saved by wasm as natively, and obeyed', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'caci-options-'));
  const doc = wasmDocument();
  const plain = new Index({ stemming: false, nameVariants: false });
  const both = new Index();
  let reloaded;
  try {
    plain.add(doc);
    both.add(doc);
    // An index without stemming answers a word like `=word`, in wasm and natively from its file.
    for (const query of ['corridors', 'negotiations', 'kazakstan']) {
      assert.equal(plain.search(query).total, both.search(`=${query}`).total, query);
    }
    const plainFile = join(dir, 'plain.caci');
    writeFileSync(plainFile, plain.save());
    const bothFile = join(dir, 'both.caci');
    writeFileSync(bothFile, both.save());
    reloaded = Index.load(new Uint8Array(readFileSync(plainFile)));
    for (const query of ['corridors', 'negotiations', 'kazakstan', 'econom*']) {
      const nativePlain = JSON.parse(runCli(['search', plainFile, query, '--json', '--limit', '20']));
      assert.equal(nativePlain.total, plain.search(query).total, `native reads the saved options: ${query}`);
      assert.deepEqual(nativePlain.hits.map((h) => h.id), plain.search(query, { limit: 20 }).hits.map((h) => h.id), query);
      assert.equal(reloaded.search(query).total, plain.search(query).total, `wasm reads them back: ${query}`);
      const nativeBoth = JSON.parse(runCli(['search', bothFile, query, '--json', '--limit', '20']));
      assert.equal(nativeBoth.total, both.search(query).total, query);
    }
    // The option bytes of the file: the same as a native index built with the same options
    // (the native CLI builds with the defaults, stemming and variants on).
    const nativeFile = join(dir, 'native.caci');
    runCli(['index', '-o', nativeFile, ...names]);
    const nativeLoaded = Index.load(new Uint8Array(readFileSync(nativeFile)));
    try {
      for (const query of ['corridors', 'kazakstan']) assert.equal(nativeLoaded.search(query).total, both.search(query).total, query);
    } finally {
      nativeLoaded.free();
    }
  } finally {
    reloaded?.free();
    plain.free();
    both.free();
    doc.free();
    rmSync(dir, { recursive: true, force: true });
  }
});

// wasm validates UTF-8 with wasm/glue/simdjson_utf8.cpp, native with simdjson: the edge cases
// must be classified the same way.
const UTF8_EDGE_CASES = {
  valid4: [0xf0, 0x9f, 0x98, 0x80], overlong2: [0xc0, 0x80], overlong3: [0xe0, 0x80, 0x80],
  overlong4: [0xf0, 0x80, 0x80, 0x80], surrogate: [0xed, 0xa0, 0x80], tooBig: [0xf4, 0x90, 0x80, 0x80],
  f5: [0xf5, 0x80, 0x80, 0x80], loneContinuation: [0x80], truncated3: [0xe2, 0x82], truncatedEnd: [0xf0, 0x9f, 0x98],
  maxValid: [0xf4, 0x8f, 0xbf, 0xbf], bom: [0xef, 0xbb, 0xbf],
};

test('UTF-8 edge cases: wasm and native agree (parse JSON, strict exit status)', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'caci-utf8-'));
  try {
    for (const [name, seq] of Object.entries(UTF8_EDGE_CASES)) {
      const text = new TextEncoder().encode('By Jane Doe\nJanuary 29, 2025\nLead paragraph ');
      const tail = new TextEncoder().encode(' about the Caspian.\nBACKGROUND: Text.\n');
      const bytes = new Uint8Array([...text, ...seq, ...tail]);
      const file = join(dir, `${name}.txt`);
      writeFileSync(file, bytes);
      const native = JSON.parse(runCli(['parse', '--format', 'json', file]));
      const doc = new Document();
      try {
        doc.parse(bytes, { file });
        assert.deepEqual(doc.toJSON(), native, name);
      } finally {
        doc.free();
      }
      let nativeStrictFailed = false;
      try {
        runCli(['parse', '--strict', '--format', 'json', file]);
      } catch {
        nativeStrictFailed = true;
      }
      const strict = new Document({ strict: true });
      let wasmStrictFailed = false;
      try {
        strict.parse(bytes, { file });
      } catch (e) {
        wasmStrictFailed = e.statusName === 'CACI_EUTF8';
      } finally {
        strict.free();
      }
      assert.equal(wasmStrictFailed, nativeStrictFailed, `${name}: strict`);
      assert.equal(wasmStrictFailed, !['valid4', 'maxValid', 'bom'].includes(name), `${name}: expected validity`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
