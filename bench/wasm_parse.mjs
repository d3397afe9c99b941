// wasm parse throughput under Node: Document.parse over every page of a generated archive
// (caci_gen_archive), median of several runs, process CPU time (as the native parse benchmark
// measures). Each run's Document first reserves room for the whole archive's text
// (Document.reserve, caci_doc_reserve), as the native benchmark parses into a Document whose
// capacity a warm-up parse has sized: without it, the document's text grows and copies itself
// page after page (a third of the time). --no-reserve leaves that out. Prints {"module", "bytes", "articles", "median_cpu_s", "mb_per_s"}.
//   node bench/wasm_parse.mjs --module wasm/dist/caci.mjs --archive DIR [--runs 5]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = { runs: 5, module: 'wasm/dist/caci.mjs' };
const reserve = !process.argv.includes('--no-reserve');
const argv = process.argv.filter((a) => a !== '--no-reserve');
for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
if (!args.archive) {
  console.error('usage: node bench/wasm_parse.mjs [--module caci.mjs] --archive DIR [--runs N]');
  process.exit(2);
}
const { Caci } = await import(pathToFileURL(resolve(args.module)).href);
await Caci.init();
const pages = readdirSync(args.archive).filter((n) => /^page_\d+\.txt$/.test(n)).sort()
  .map((name) => ({ name, data: new Uint8Array(readFileSync(join(args.archive, name))) }));
const bytes = pages.reduce((s, p) => s + p.data.length, 0);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const times = [];
let articles = 0;
for (let r = 0; r <= Number(args.runs); r++) {  // run 0 warms up
  const doc = new Caci.Document();
  const c0 = cpu();
  if (reserve && typeof doc.reserve === 'function') doc.reserve(bytes);
  for (const p of pages) doc.parse(p.data, { file: p.name });
  const t = cpu() - c0;
  articles = doc.articleCount;
  doc.free();
  if (r > 0) times.push(t);
}
times.sort((a, b) => a - b);
const median = times[times.length >> 1];
console.log(JSON.stringify({ module: args.module, reserve, bytes, articles, median_cpu_s: median, mb_per_s: bytes / 1e6 / median }));
