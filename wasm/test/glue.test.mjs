// The C glue (wasm/glue/caci_wasm.c) against the JSON contract: every caci_wasm_* getter that the
// JavaScript API does not use directly still gives the same values as caci_doc_to_json. Loads the
// raw emscripten module from wasm/build/release (before bundling).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, parityFixtures, page, FOOTER, skipUnlessCI } from './helpers.mjs';

const modulePath = join(repoRoot, 'wasm', 'build', 'release', 'caci_wasm.mjs');
const skip = skipUnlessCI(!existsSync(modulePath) && 'wasm/build/release/caci_wasm.mjs not built');

const STR = { CATEGORY: 0, TITLE: 1, AUTHOR_NAME: 2, AUTHOR_AFFILIATION: 3, AUTHOR_HONORIFIC: 4, LEAD: 5,
  PHOTO_CREDIT: 6, SECTION_HEADING: 7, SECTION_PARAGRAPH: 8, BIO: 9, LINK_TITLE: 10, TEXT: 11 };
const SECTION_KINDS = ['background', 'implications', 'conclusions'];

let M, T;
const word = (i) => M.HEAPU32[(T >>> 2) + i];
const u64 = (i) => word(i + 1) * 2 ** 32 + word(i);
const str = (i) => (word(i) === 0 ? null : new TextDecoder().decode(M.HEAPU8.subarray(word(i), word(i) + word(i + 1))));
const get = (a, which, i = 0, j = 0) => {
  M._caci_wasm_article_str(a, which, i, j);
  return str(0);
};

before(async () => {
  if (skip) return;
  const { default: create } = await import(pathToFileURL(modulePath));
  M = await create();
  T = M._caci_wasm_transfer();
});

function withDoc(fn) {
  M._caci_wasm_doc_new(0);
  const doc = word(0);
  try {
    return fn(doc);
  } finally {
    M._caci_doc_free(doc);
  }
}

function parse(doc, name, bytes) {
  const n = M.lengthBytesUTF8(name);
  const np = M._malloc(n + 1);
  M.stringToUTF8(name, np, n + 1);
  const bp = M._malloc(bytes.length || 1);
  M.HEAPU8.set(bytes, bp);
  M._caci_doc_parse(doc, np, n, bp, bytes.length);
  M._free(bp);
  M._free(np);
}

test('article getters through caci_wasm_article_* equal the JSON document', { skip }, () => {
  const inputs = parityFixtures().map((f) => [f.slice(f.lastIndexOf('/') + 1), readFileSync(f)]);
  inputs.push(['made-up.txt', new TextEncoder().encode(page() + page({ author: 'Dr. Ana Swanstr\u00f6m, Uppsala' }) + FOOTER)]);
  withDoc((doc) => {
    for (const [name, bytes] of inputs) parse(doc, name, bytes);
    assert.equal(M._caci_wasm_doc_to_json(doc, 0), 0);
    const json = JSON.parse(str(0));
    const count = M._caci_doc_article_count(doc);
    assert.equal(count, json.articles.length);
    for (let i = 0; i < count; i++) {
      const a = M._caci_doc_article(doc, i);
      const expected = json.articles[i];
      M._caci_wasm_article_id(a);
      assert.equal(word(1).toString(16).padStart(8, '0') + word(0).toString(16).padStart(8, '0'), expected.id);
      const idOut = M._malloc(17);
      M._caci_wasm_id_format(word(0), word(1), idOut);
      assert.equal(M.UTF8ToString(idOut), expected.id);
      M._free(idOut);
      assert.equal(get(a, STR.CATEGORY), expected.category);
      assert.equal(get(a, STR.TITLE), expected.title);
      assert.equal(get(a, STR.PHOTO_CREDIT), expected.photo_credit);
      expected.authors.forEach((au, k) => {
        assert.equal(get(a, STR.AUTHOR_NAME, k), au.name);
        assert.equal(get(a, STR.AUTHOR_AFFILIATION, k), au.affiliation);
        assert.equal(M._caci_article_author_honorific_count(a, k), au.honorifics.length);
        au.honorifics.forEach((h, j) => assert.equal(get(a, STR.AUTHOR_HONORIFIC, k, j), h));
      });
      assert.equal(M._caci_article_lead_count(a), expected.lead.length);
      expected.lead.forEach((p, k) => assert.equal(get(a, STR.LEAD, k), p));
      assert.equal(M._caci_article_section_count(a), expected.sections.length);
      expected.sections.forEach((s, k) => {
        assert.equal(SECTION_KINDS[M._caci_article_section_kind(a, k)], s.kind);
        assert.equal(get(a, STR.SECTION_HEADING, k), s.heading);
        s.paragraphs.forEach((p, j) => assert.equal(get(a, STR.SECTION_PARAGRAPH, k, j), p));
      });
      expected.bio.forEach((p, k) => assert.equal(get(a, STR.BIO, k), p));
      expected.links.forEach((l, k) => assert.equal(get(a, STR.LINK_TITLE, k), l.title));
      assert.equal(M.UTF8ToString(M._caci_kind_name(M._caci_article_kind(a))), expected.kind);
      M._caci_wasm_article_date(a);
      const [y, m, d] = [word(0) | 0, word(1) | 0, word(2) | 0];
      if (expected.date) assert.equal(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, expected.date);
      else if (!expected.date_partial) assert.equal(m, 0);
      M._caci_wasm_article_source(a, -1);
      assert.equal(str(0), expected.source.file);
      assert.equal(word(2), expected.source.line);
      assert.equal(u64(3), expected.source.byte_start);
      if ('byte_end' in expected.source) assert.equal(u64(5), expected.source.byte_end);
      assert.equal(M._caci_article_duplicate_count(a), expected.duplicates.length);
      expected.duplicates.forEach((dup, k) => {
        M._caci_wasm_article_source(a, k);
        assert.equal(str(0), dup.file);
        assert.equal(word(2), dup.line);
        assert.equal(u64(3), dup.byte_start);
      });
      assert.ok(get(a, STR.TEXT).length > 0);
    }
  });
});

test('out-of-range and NULL arguments give null views and error statuses, not crashes', { skip }, () => {
  assert.equal(get(0, STR.TITLE), null);
  assert.equal(get(0, 99), null);
  withDoc((doc) => {
    assert.equal(M._caci_wasm_doc_diagnostic(doc, 5), -1);
    assert.equal(M._caci_doc_article(doc, 3), 0);
  });
  assert.ok(M._caci_wasm_index_load(0, 0) < 0);
  assert.equal(word(0), 0);
});
