// Handles are released: explicit free() keeps the heap flat over many create/free cycles, and the
// FinalizationRegistry safety net frees handles that were dropped without free().
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadCaci, page, FOOTER } from './helpers.mjs';

let Caci, Document, Index;
before(async () => {
  ({ Caci, Document, Index } = await loadCaci());
});

const input = page({ author: 'Jane Doe' }) + page({ author: 'John Roe' }) + FOOTER;

function cycle() {
  const doc = new Document();
  doc.parse(input, { file: 'm.txt' });
  doc.articles();
  const index = new Index();
  index.add(doc);
  index.search('caspian OR corridor', { facets: true });
  const bytes = index.save();
  const loaded = Index.load(bytes);
  loaded.free();
  index.free();
  doc.free();
  Caci.parse(input);
}

test('explicit free keeps the heap flat over 2000 cycles', () => {
  const start = Caci.memoryStats().liveHandles;
  for (let i = 0; i < 100; i++) cycle(); // warm up: allocator pools reach their steady size
  const warm = Caci.memoryStats().heapBytes;
  for (let i = 0; i < 2000; i++) cycle();
  const after = Caci.memoryStats();
  assert.equal(after.liveHandles, start);
  // The wasm heap only grows. A leak of even a few hundred bytes per cycle would add > 500 KB.
  assert.ok(after.heapBytes <= warm + 512 * 1024, `heap grew from ${warm} to ${after.heapBytes}`);
});

test('the finalizer frees handles that were never freed', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const start = Caci.memoryStats().liveHandles;
  (() => {
    for (let i = 0; i < 200; i++) {
      const doc = new Document();
      doc.parse(input, { file: 'f.txt' });
    }
  })();
  assert.equal(Caci.memoryStats().liveHandles, start + 200);
  for (let round = 0; round < 50 && Caci.memoryStats().liveHandles > start; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(Caci.memoryStats().liveHandles, start, 'the collector released every dropped Document');
  // The memory went back to the allocator: more documents fit without growing the heap.
  const heap = Caci.memoryStats().heapBytes;
  for (let i = 0; i < 200; i++) new Document().free();
  assert.equal(Caci.memoryStats().heapBytes, heap);
});
