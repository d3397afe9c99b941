// The index the wasm module saves for an archive directory, as the demo's worker makes it (one
// document, all pages, then add and save): what bench/demo_reopen.mjs --index puts in the demo's
// cache. Prints {"added", "size", "bytes"}.
//   node bench/wasm_make_index.mjs MODULE ARCHIVE_DIR OUT.caci
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [mod, dir, out] = process.argv.slice(2);
const { Caci } = await import(pathToFileURL(resolve(mod)).href);
await Caci.init();
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const doc = new Caci.Document();
for (const f of files) doc.parse(new Uint8Array(readFileSync(join(dir, f))), { file: f });
const index = new Caci.Index();
const added = index.add(doc);
doc.free();
const bytes = index.save();
writeFileSync(out, bytes);
console.log(JSON.stringify({ added, size: index.size, bytes: bytes.length }));
