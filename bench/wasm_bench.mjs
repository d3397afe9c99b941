// The WebAssembly side of the benchmarks, under Node: parses the same generated archive through the
// JS API (wasm/dist/caci.mjs), builds the index, and runs the same queries as the native query
// benchmark (read from the query check file that caci_bench_query wrote in the same run), checking
// that every query's total equals the native one. Prints one JSON object.
//
//   node bench/wasm_bench.mjs [--module caci.mjs] --archive DIR --queries QUERY_CHECK.json [--reps N] [--query-reps N]
//   (--module defaults to wasm/dist/caci.mjs)
//
// Timings are process CPU time (process.cpuUsage), as the native benchmarks use CPU time on this
// shared machine; wall-clock figures are reported too.
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (!args.archive || !args.queries) {
  console.error('usage: node bench/wasm_bench.mjs --archive DIR --queries QUERY_CHECK.json [--reps N] [--query-reps N]');
  process.exit(2);
}
const reps = Number(args.reps ?? 3);
const queryReps = Number(args['query-reps'] ?? 5);

const modulePath = args.module ?? join(here, '..', 'wasm', 'dist', 'caci.mjs');
const { Caci } = await import(pathToFileURL(resolve(modulePath)).href);
await Caci.init();

const manifest = Object.fromEntries(readFileSync(join(args.archive, 'manifest.txt'), 'utf8')
  .split('\n').filter(Boolean).map((l) => { const [k, v] = l.split(' '); return [k, Number(v)]; }));
const pages = [];
let bytes = 0;
for (let i = 1; i <= manifest.pages; i++) {
  const name = `page_${String(i).padStart(5, '0')}.txt`;
  const data = new Uint8Array(readFileSync(join(args.archive, name)));
  pages.push({ name, data });
  bytes += data.length;
}
if (bytes !== manifest.bytes) throw new Error(`archive size ${bytes} != manifest ${manifest.bytes}`);

function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function parseAll() {
  const doc = new Caci.Document();
  for (const p of pages) doc.parse(p.data, { file: p.name });
  return doc;
}

// Warm-up and check.
let doc = parseAll();
const stats = doc.stats();
if (stats.bytes !== bytes) throw new Error(`stats.bytes ${stats.bytes} != ${bytes}`);
const parsedArticles = doc.articleCount;
doc.free();

const parseCpu = [], parseWall = [];
for (let r = 0; r < reps; r++) {
  const c0 = cpuMicros(), w0 = process.hrtime.bigint();
  doc = parseAll();
  parseWall.push(Number(process.hrtime.bigint() - w0) / 1e9);
  parseCpu.push((cpuMicros() - c0) / 1e6);
  if (doc.articleCount !== parsedArticles) throw new Error('parse is not deterministic');
  if (r + 1 < reps) doc.free();
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

// Index build over the parsed document.
let c0 = cpuMicros(), w0 = process.hrtime.bigint();
const index = new Caci.Index();
const added = index.add(doc);
const indexWall = Number(process.hrtime.bigint() - w0) / 1e9;
const indexCpu = (cpuMicros() - c0) / 1e6;
if (added !== parsedArticles || index.size !== parsedArticles) throw new Error(`index holds ${index.size}, parsed ${parsedArticles}`);
doc.free();

// Queries: the same set, totals checked against the native run.
const check = JSON.parse(readFileSync(args.queries, 'utf8'));
const queries = check.queries.filter((q) => q.caci_total !== null);
const mismatches = [];
for (const q of queries) {
  const res = index.search(q.caci, { limit: 10 });
  if (res.total !== q.caci_total) mismatches.push({ query: q.caci, wasm: res.total, native: q.caci_total });
}
const qCpu = [], qWall = [];
for (let r = 0; r < queryReps; r++) {
  for (const q of queries) {
    const qc = cpuMicros(), qw = process.hrtime.bigint();
    index.search(q.caci, { limit: 10 });
    qWall.push(Number(process.hrtime.bigint() - qw) / 1e3);
    qCpu.push(cpuMicros() - qc);
  }
}
qCpu.sort((a, b) => a - b);
qWall.sort((a, b) => a - b);
let savedBytes = null, saveCpu = null;
try {
  // Saving copies and compresses what the build made: it should cost about as much as the build
  // (a save that copied its whole output per chunk once took 100 s here).
  const sc = cpuMicros();
  savedBytes = index.save().length;
  saveCpu = (cpuMicros() - sc) / 1e6;
} catch (e) {
  console.error(`wasm bench: index.save() failed: ${String(e.message ?? e).slice(0, 200)}`);
}
index.free();

console.log(JSON.stringify({
  node: process.version,
  caci_version: Caci.version(),
  input_bytes: bytes,
  pages: pages.length,
  articles: parsedArticles,
  expected_articles: manifest.articles,
  parse_reps: reps,
  parse_cpu_seconds_median: median(parseCpu),
  parse_wall_seconds_median: median(parseWall),
  parse_bytes_per_second: bytes / median(parseCpu),
  parse_wall_bytes_per_second: bytes / median(parseWall),
  index_build_cpu_seconds: indexCpu,
  index_build_wall_seconds: indexWall,
  index_bytes: savedBytes,
  index_save_cpu_seconds: saveCpu,
  queries: queries.length,
  query_reps: queryReps,
  query_p50_us: percentile(qCpu, 50),
  query_p99_us: percentile(qCpu, 99),
  query_wall_p50_us: percentile(qWall, 50),
  query_wall_p99_us: percentile(qWall, 99),
  query_total_mismatches: mismatches,
}, null, 2));
