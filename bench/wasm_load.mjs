// Index.load() in Node: the median time to open an index file already read into memory (the
// whole-process benchmark's wasm row). Prints {"file", "bytes", "median_ms", "runs", "articles"}.
//   node bench/wasm_load.mjs --module wasm/dist/caci.mjs --index FILE [--runs 5]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = { runs: 5 };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const { Caci } = await import(pathToFileURL(resolve(args.module)).href);
await Caci.init();
const bytes = new Uint8Array(readFileSync(args.index));
const times = [];
let articles = 0;
for (let r = 0; r < Number(args.runs); r++) {
  const t0 = performance.now();
  const index = Caci.Index.load(bytes);
  times.push(performance.now() - t0);
  articles = index.size;
  index.free();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ file: args.index, bytes: bytes.length, median_ms: times[times.length >> 1], runs: times.length, articles }));
