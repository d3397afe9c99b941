// Out-of-memory is a status in wasm too: with each allocation of parse, index add, search, save
// and load failing in turn (Caci.failAllocation), every call either throws CaciError CACI_ENOMEM
// or returns exactly its normal result, and the module keeps working afterwards. The native
// counterpart is tests/capi/capi_oom_test.cpp.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci, page, FOOTER } from './helpers.mjs';

let Caci, Document, Index, CaciError;
before(async () => {
  ({ Caci, Document, Index, CaciError } = await loadCaci());
});

const input = page({ author: 'Jane Doe' }) + page({ author: 'John Roe', lead: 'Talks on water in Tashkent.' }) + FOOTER;

function build() {
  const doc = new Document();
  try {
    doc.parse(input, { file: 'oom.txt' });
    const index = new Index();
    try {
      index.add(doc);
    } catch (e) {
      index.free();
      throw e;
    }
    return index;
  } finally {
    doc.free();
  }
}

// Runs `op` with the n-th allocation failing, for n = 1, 2, ... until it completes without
// reaching the failure. Returns how many calls ended in CACI_ENOMEM.
function failEachAllocation(op, expected) {
  let enomem = 0;
  for (let n = 1; n < 20000; n++) {
    Caci.failAllocation(n);
    let result;
    let error = null;
    try {
      result = op();
    } catch (e) {
      error = e;
    }
    const left = Caci.failAllocation(0);
    if (error) {
      assert.ok(error instanceof CaciError, `allocation ${n}: ${error}`);
      assert.equal(error.statusName, 'CACI_ENOMEM', `allocation ${n}: ${error.message}`);
      ++enomem;
    } else {
      // A failure the engine absorbed must not change the answer.
      assert.deepEqual(result, expected, `allocation ${n} failed silently and changed the result`);
      if (left > 0) return enomem;  // the operation did not reach the n-th allocation: all covered
    }
    // The module is still usable.
    assert.equal(Caci.parse(page({ author: 'Ana Lobo' })).articles.length, 1);
  }
  assert.fail('the operation kept allocating');
}

test('parse: every failed allocation is CACI_ENOMEM, never an abort', () => {
  const expected = JSON.stringify(Caci.parse(input));
  const enomem = failEachAllocation(() => JSON.stringify(Caci.parse(input)), expected);
  assert.ok(enomem > 10, `${enomem} failures seen`);
});

test('index add, search, save and load: every failed allocation is CACI_ENOMEM', () => {
  const reference = build();
  const hits = (ix) => ix.search('caspian OR tashkent', { facets: true }).hits.map((h) => [h.id, h.score]);
  const expectedHits = JSON.stringify(hits(reference));
  const bytes = reference.save();

  const handles = Caci.memoryStats().liveHandles;
  let enomem = failEachAllocation(() => {
    const ix = build();
    try {
      return JSON.stringify(hits(ix));
    } finally {
      ix.free();
    }
  }, expectedHits);
  assert.ok(enomem > 10, `build and search: ${enomem} failures seen`);

  enomem = failEachAllocation(() => JSON.stringify(hits(reference)), expectedHits);
  assert.ok(enomem > 0, `search: ${enomem} failures seen`);

  enomem = failEachAllocation(() => Buffer.from(reference.save()).toString('base64'), Buffer.from(bytes).toString('base64'));
  assert.ok(enomem > 0, `save: ${enomem} failures seen`);

  enomem = failEachAllocation(() => {
    const ix = Index.load(bytes);
    try {
      return JSON.stringify(hits(ix));
    } finally {
      ix.free();
    }
  }, expectedHits);
  assert.ok(enomem > 0, `load: ${enomem} failures seen`);
  assert.equal(Caci.memoryStats().liveHandles, handles, 'every handle of a failed call was freed');
  reference.free();
});
