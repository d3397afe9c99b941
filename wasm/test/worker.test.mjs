// The worker protocol: the message handler called directly, and the real dist/caci-worker.mjs in a
// node worker_threads Worker driven by CaciWorker (dist/caci-worker-client.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCaci, distDir, page, FOOTER } from './helpers.mjs';

let Caci;
let createWorkerHandler;
before(async () => {
  ({ Caci } = await loadCaci());
  ({ createWorkerHandler } = await import('../js/worker-handler.mjs'));
});

const encode = (s) => new TextEncoder().encode(s);
const files = () => [
  { name: 'one.txt', bytes: encode(page({ author: 'Jane Doe' }) + page({ author: 'Shared Author' }) + FOOTER) },
  { name: 'two.txt', bytes: encode(page({ author: 'Shared Author' }) + page({ author: 'John Roe', lead: 'Georgian ports.' }) + FOOTER) },
];

test('the handler answers requests and reports progress per file', async () => {
  const posted = [];
  const handle = createWorkerHandler(Caci, (message, transfer) => posted.push({ message, transfer }));
  await handle({ id: 1, op: 'addFiles', args: { files: files() } });
  const progress = posted.filter((p) => p.message.progress).map((p) => p.message.progress);
  assert.deepEqual(progress.map((p) => [p.done, p.total, p.file]), [[1, 2, 'one.txt'], [2, 2, 'two.txt']]);
  const reply = posted.at(-1).message;
  assert.equal(reply.id, 1);
  assert.equal(reply.ok, true);
  assert.equal(reply.result.added, 3);
  assert.equal(reply.result.size, 3);
  assert.equal(reply.result.stats.duplicates, 1);

  posted.length = 0;
  await handle({ id: 2, op: 'search', args: { query: 'georgian' } });
  assert.equal(posted[0].message.result.total, 1);
  await handle({ id: 3, op: 'search', args: { query: '(' } });
  assert.equal(posted[1].message.ok, false);
  assert.equal(posted[1].message.error.statusName, 'CACI_EQUERY');
  assert.equal(typeof posted[1].message.error.offset, 'number');
  await handle({ id: 4, op: 'save' });
  assert.ok(posted[2].message.result instanceof Uint8Array);
  assert.deepEqual(posted[2].transfer, [posted[2].message.result.buffer]);
  await handle({ id: 5, op: 'nonsense' });
  assert.equal(posted[3].message.ok, false);
});

test('CaciWorker drives dist/caci-worker.mjs in a worker thread', async (t) => {
  const { CaciWorker, CaciError } = await import(pathToFileURL(join(distDir, 'caci-worker-client.mjs')));
  const worker = new CaciWorker(new Worker(new URL(pathToFileURL(join(distDir, 'caci-worker.mjs')))));
  t.after(() => worker.terminate());
  const progress = [];
  worker.addEventListener('progress', (event) => progress.push(event.detail));
  const added = await worker.addFiles(files());
  assert.equal(added.added, 3);
  assert.equal(added.size, 3);
  assert.deepEqual(progress.map((p) => p.file), ['one.txt', 'two.txt']);
  assert.equal(progress[0].bytes, files()[0].bytes.length);

  const results = await worker.search('georgian', { limit: 5 });
  assert.equal(results.total, 1);
  const id = results.hits[0].id;
  assert.equal((await worker.get(id)).id, id);
  await assert.rejects(worker.search('('), (e) => e instanceof CaciError && e.statusName === 'CACI_EQUERY');

  const saved = await worker.save();
  assert.ok(saved.length > 0);
  assert.equal(await worker.remove(id), true);
  assert.equal(await worker.size(), 2);
  assert.deepEqual(await worker.load(saved), { size: 3 });
  assert.equal(await worker.size(), 3);
  await worker.clear();
  assert.equal(await worker.size(), 0);
  const { version } = await worker.version();
  assert.equal(version, Caci.version());
});
