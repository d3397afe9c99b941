// Index: add, search (snippets, highlights, facets, paging, sort), remove, save/load, errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci, page, FOOTER } from './helpers.mjs';

let Caci, CaciError, Document, Index;
before(async () => {
  ({ Caci, CaciError, Document, Index } = await loadCaci());
});

const pages = () => [
  page({ author: 'Jane Doe', date: 'January 29, 2025', lead: 'Pipelines across the Caspian Sea.', background: 'Kazakhstan ships oil through the Caspian.' }),
  page({ author: 'John Roe', date: 'March 5, 2024', lead: 'Georgian ports and the Middle Corridor.', background: 'Poti and Anaklia compete.' }),
  page({ author: 'Ana Swanstr\u00f6m', date: 'May 1, 2023', lead: 'Caf\u00e9 diplomacy \u2014 \u201cCaspian\u201d summits.', background: 'Leaders met in Baku \u{1F30D} for the Caspian summit.' }),
].join('') + FOOTER;

function buildIndex() {
  const index = new Index();
  assert.equal(index.add(pages(), { file: 'made-up.txt' }), 3);
  return index;
}

test('add and size; adding the same articles again adds nothing', () => {
  const index = buildIndex();
  try {
    assert.equal(index.size, 3);
    assert.equal(index.add(pages(), { file: 'again.txt' }), 0);
    const doc = new Document();
    doc.parse(page({ author: 'New Person', lead: 'Something else entirely.' }), { file: 'n.txt' });
    assert.equal(index.add(doc), 1);
    doc.free();
    assert.equal(index.size, 4);
  } finally {
    index.free();
  }
});

test('search returns hits with articles, UTF-16 snippets and highlights', () => {
  const index = buildIndex();
  try {
    const results = index.search('caspian');
    assert.equal(results.total, 2);
    assert.equal(results.hits.length, 2);
    for (const hit of results.hits) {
      assert.match(hit.id, /^[0-9a-f]{16}$/);
      assert.equal(hit.article.id, hit.id);
      assert.ok(hit.score > 0);
      const { text } = hit.article;
      assert.equal(hit.snippet.text, text.slice(hit.snippet.start, hit.snippet.end));
      assert.ok(hit.highlights.length > 0);
      for (const h of hit.highlights) {
        assert.equal(text.slice(h.start, h.end).toLowerCase(), 'caspian', `highlight ${JSON.stringify(text.slice(h.start, h.end))}`);
      }
    }
    // The non-ASCII article: offsets must be UTF-16 (the text has 2-, 3- and 4-byte characters).
    const nonAscii = results.hits.find((h) => h.article.authors[0].name === 'Ana Swanstr\u00f6m');
    assert.ok(nonAscii);
    assert.ok(nonAscii.highlights.length >= 2);
  } finally {
    index.free();
  }
});

test('get returns the stored article; unknown ids give null; malformed ids throw', () => {
  const index = buildIndex();
  try {
    const [hit] = index.search('georgian').hits;
    const article = index.get(hit.id);
    assert.deepEqual(article, hit.article);
    assert.equal(index.get('0000000000000000'), null);
    assert.throws(() => index.get('xyz'), (e) => e instanceof CaciError && e.statusName === 'CACI_EINVAL');
  } finally {
    index.free();
  }
});

test('remove takes an article out of the index and its results', () => {
  const index = buildIndex();
  try {
    const [hit] = index.search('georgian').hits;
    assert.equal(index.remove(hit.id), true);
    assert.equal(index.remove(hit.id), false);
    assert.equal(index.size, 2);
    assert.equal(index.search('georgian').total, 0);
    assert.equal(index.get(hit.id), null);
  } finally {
    index.free();
  }
});

test('paging, sorting and facets', () => {
  const index = buildIndex();
  try {
    const all = index.search('caspian', { limit: 10 });
    const first = index.search('caspian', { limit: 1 });
    const second = index.search('caspian', { limit: 1, offset: 1 });
    assert.equal(first.total, 2);
    assert.deepEqual([first.hits[0].id, second.hits[0].id], all.hits.map((h) => h.id));
    const newest = index.search('caspian', { sort: 'date_desc' }).hits.map((h) => h.article.date);
    const oldest = index.search('caspian', { sort: 'date_asc' }).hits.map((h) => h.article.date);
    assert.deepEqual(newest, ['2025-01-29', '2023-05-01']);
    assert.deepEqual(oldest, ['2023-05-01', '2025-01-29']);
    const { facets } = index.search('caspian', { facets: true });
    assert.ok(facets);
    assert.deepEqual(Object.keys(facets), ['author', 'year', 'kind', 'category', 'country']);
    assert.deepEqual(facets.year.map((v) => v.value).sort(), ['2023', '2025']);
    assert.equal(facets.kind[0].value, 'article');
    assert.equal(facets.kind[0].count, 2);
    assert.equal(index.search('caspian').facets, undefined);
    const noSnippets = index.search('caspian', { snippetBytes: 0 });
    assert.equal(noSnippets.hits[0].snippet.text, '');
    assert.throws(() => index.search('caspian', { sort: 'sideways' }), CaciError);
    assert.throws(() => index.search('caspian', { limit: -1 }), (e) => e.statusName === 'CACI_EINVAL');
    assert.throws(() => index.search('caspian', { offset: 1.5 }), (e) => e.statusName === 'CACI_EINVAL');
  } finally {
    index.free();
  }
});

test('a malformed query throws CACI_EQUERY with a UTF-16 offset into the query', () => {
  const index = buildIndex();
  try {
    for (const query of ['caspian AND (', '\u00e9\u{1F600} "unclosed']) {
      assert.throws(() => index.search(query), (e) => {
        assert.ok(e instanceof CaciError);
        assert.equal(e.statusName, 'CACI_EQUERY');
        assert.equal(e.status, -7);
        assert.equal(typeof e.offset, 'number');
        assert.ok(e.offset >= 0 && e.offset <= query.length, `offset ${e.offset}`);
        assert.ok(e.message.length > 'CACI_EQUERY'.length);
        return true;
      });
    }
    // The offset is in UTF-16 units: the quote of '\u00e9\u{1F600} "unclosed' is at index 4.
    try {
      index.search('\u00e9\u{1F600} "unclosed');
    } catch (e) {
      assert.ok(e.offset === 4 || e.offset === 'é😀 "unclosed'.length, `offset ${e.offset}`);
    }
  } finally {
    index.free();
  }
});

test('save and load round-trip; results are the same', () => {
  const index = buildIndex();
  let loaded;
  try {
    const bytes = index.save();
    assert.ok(bytes instanceof Uint8Array && bytes.length > 0);
    loaded = Index.load(bytes);
    assert.equal(loaded.size, index.size);
    loaded.verify();  // every checksum matches
    assert.deepEqual(loaded.search('caspian'), index.search('caspian'));
    assert.deepEqual(loaded.save(), bytes);
  } finally {
    index.free();
    loaded?.free();
  }
});

test('a search-only save ({ text: false }) is smaller and gives the same hits and scores, without snippets', () => {
  const index = buildIndex();
  let loaded;
  try {
    const full = index.save();
    const small = index.save({ text: false });
    assert.ok(small.length < full.length);
    loaded = Index.load(small);
    assert.equal(loaded.size, index.size);
    for (const q of ['caspian', '"middle corridor"', 'swanstrom', 'poti OR baku']) {
      const a = index.search(q), b = loaded.search(q);
      assert.equal(b.total, a.total, q);
      assert.deepEqual(b.hits.map((h) => [h.id, h.score]), a.hits.map((h) => [h.id, h.score]), q);
      for (const h of b.hits) {
        assert.equal(h.snippet.text, '');
        assert.deepEqual(h.highlights, []);
        assert.ok(h.article.flags.includes('text_omitted'));
        assert.equal(h.article.title, a.hits.find((x) => x.id === h.id).article.title);
      }
    }
  } finally {
    index.free();
    loaded?.free();
  }
});

test('corrupted or truncated index bytes throw CaciError (CACI_ECORRUPT / CACI_EVERSION)', () => {
  const index = buildIndex();
  const bytes = index.save();
  index.free();
  const flipped = bytes.slice();
  flipped[Math.floor(flipped.length / 2)] ^= 0x55;
  for (const bad of [flipped, bytes.slice(0, bytes.length - 7), bytes.slice(0, 4), new Uint8Array(0), new TextEncoder().encode('not an index at all, just text')]) {
    // Opening checks the header and small sections; verify() checks the postings pages and text
    // chunks that opening leaves for later.
    const openAndVerify = () => {
      const ix = Index.load(bad);
      try { ix.verify(); } finally { ix.free(); }
    };
    assert.throws(openAndVerify, (e) => {
      assert.ok(e instanceof CaciError, String(e));
      assert.ok(['CACI_ECORRUPT', 'CACI_EVERSION'].includes(e.statusName), e.statusName);
      assert.ok(e.detail.length > 0, 'has the load error message');
      return true;
    });
  }
});

test('index options are accepted', () => {
  const index = new Index({ k1: 1.5, b: 0.5, fieldWeights: [5, 1, 1, 1, 0.1] });
  try {
    index.add(pages(), { file: 'x.txt' });
    assert.equal(index.search('caspian').total, 2);
  } finally {
    index.free();
  }
});
