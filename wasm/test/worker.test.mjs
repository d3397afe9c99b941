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

test('the worker completes prefixes, finds related articles and suggests corrected queries', async () => {
  const posted = [];
  const handle = createWorkerHandler(Caci, (message) => posted.push(message));
  const reply = async (id, op, args) => { await handle({ id, op, args }); return posted.find((m) => m.id === id && !m.progress); };
  await reply(1, 'addFiles', { files: files() });
  const completed = await reply(2, 'complete', { prefix: 'caspian pip', n: 5 });
  assert.equal(completed.ok, true);
  assert.ok(completed.result.length > 0);
  assert.ok(completed.result.every((c) => c.term.startsWith('pip') && c.articles > 0), JSON.stringify(completed.result));
  // Related reads the rarer terms: a dozen articles on two topics.
  let text = '';
  for (let i = 0; i < 12; i++) {
    const lead = i % 2 ? 'Parliamentary elections and ballots in Tbilisi.' : 'Pipelines carry Caspian oil to refineries.';
    text += page({ author: ['Ann Poe', 'Bob Lee', 'Cy Dunn'][i % 3], date: `May ${i + 1}, 2023`, lead: `${lead} Report ${i}.` });
  }
  await reply(3, 'addFiles', { files: [{ name: 'topics.txt', bytes: encode(text + FOOTER) }] });
  const ballots = (await reply(30, 'search', { query: 'ballots' })).result.hits[0].id;
  const related = await reply(4, 'related', { id: ballots, n: 5 });
  assert.equal(related.ok, true);
  assert.ok(related.result.hits.length > 0);
  assert.ok(related.result.hits.every((h) => h.id !== ballots && /ballots/.test(h.article.text)));
  const unknown = await reply(5, 'related', { id: '0000000000001234', n: 5 });
  assert.equal(unknown.ok, false);
  assert.equal(unknown.error.statusName, 'CACI_ENOTFOUND');
  const suggested = await reply(6, 'search', { query: 'pipelinez', options: { suggest: true } });
  assert.equal(suggested.result.total, 0);
  assert.ok(suggested.result.suggestions.some((s) => s.query === 'pipelines' && s.total > 0), JSON.stringify(suggested.result.suggestions));
});

test('addFiles in pieces (more: true) gives one document: the same articles, duplicates merged across the pieces; Blob bytes are read', async () => {
  const run = async (calls) => {
    const posted = [];
    const handle = createWorkerHandler(Caci, (message) => posted.push(message));
    for (const [i, args] of calls.entries()) await handle({ id: i + 1, op: 'addFiles', args });
    return posted;
  };
  const [one, two] = files();
  const whole = (await run([{ files: [one, two] }])).at(-1).result;
  // The second piece's bytes as a Blob (a browser File): the worker reads it.
  const blob = { name: two.name, bytes: new Blob([two.bytes]) };
  const pieces = await run([{ files: [one], more: true, total: 2 }, { files: [blob], done: 1, total: 2 }]);
  assert.deepEqual(pieces.find((m) => m.id === 1 && !m.progress).result, { parsed: 1 });
  const last = pieces.at(-1).result;
  assert.equal(last.added, whole.added);
  assert.equal(last.size, whole.size);
  assert.equal(last.stats.duplicates, 1);
  assert.deepEqual(last.stats, whole.stats);
  assert.deepEqual(pieces.filter((m) => m.progress).map((m) => [m.progress.done, m.progress.total]), [[1, 2], [2, 2]]);
  assert.equal(pieces.filter((m) => m.progress)[1].progress.bytes, two.bytes.length);
  // A clear between the pieces drops the pages parsed before it.
  const posted = [];
  const handle = createWorkerHandler(Caci, (message) => posted.push(message));
  await handle({ id: 1, op: 'addFiles', args: { files: [one], more: true } });
  await handle({ id: 2, op: 'clear' });
  await handle({ id: 3, op: 'addFiles', args: { files: [two] } });
  assert.equal(posted.at(-1).result.size, 2);
  assert.equal(posted.at(-1).result.stats.duplicates, 0);
});

test('save({ blob: true }) gives a Blob made in the worker, and load() takes a Blob', async () => {
  const posted = [];
  const handle = createWorkerHandler(Caci, (message, transfer) => posted.push({ message, transfer }));
  await handle({ id: 1, op: 'addFiles', args: { files: files() } });
  await handle({ id: 2, op: 'save', args: { blob: true } });
  const saved = posted.at(-1);
  assert.ok(saved.message.result instanceof Blob);
  assert.equal(saved.transfer, undefined);
  await handle({ id: 3, op: 'save', args: {} });
  const bytes = posted.at(-1).message.result;
  assert.deepEqual(new Uint8Array(await saved.message.result.arrayBuffer()), bytes, 'the same bytes as a Uint8Array save');
  await handle({ id: 4, op: 'clear' });
  await handle({ id: 5, op: 'load', args: { bytes: saved.message.result } });
  assert.deepEqual(posted.at(-1).message.result, { size: 3 });
  await handle({ id: 6, op: 'load', args: { bytes: new Blob([new Uint8Array([1, 2, 3])]) } });
  assert.equal(posted.at(-1).message.ok, false, 'a Blob that is not an index is refused');
});
