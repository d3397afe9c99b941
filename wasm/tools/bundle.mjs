// Bundles the hand-written ES modules of wasm/js/ (and the emscripten module) into wasm/dist/.
// A deliberately small bundler for code written in one style: single-line `import ... from
// './x.mjs'` statements, and `export` in front of declarations, `export { a, b };` or
// `export default name;`. Each module becomes a function scope returning its exports, so names
// never collide; no circular imports.
//   node wasm/tools/bundle.mjs --core build/release/caci_wasm.mjs --js wasm/js --out wasm/dist
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
for (const required of ['core', 'js', 'out']) {
  if (!args[required]) throw new Error(`bundle.mjs: --${required} is required`);
}
const jsDir = resolve(args.js);
const outDir = resolve(args.out);
const corePath = resolve(args.core);
const CORE_SPECIFIER = './caci_wasm.mjs';
const PAYLOAD_SPECIFIER = './caci_wasm_payload.mjs';
const payloadPath = join(jsDir, '<generated>', 'caci_wasm_payload.mjs');

// The emscripten module inlines the wasm as base64 (-sSINGLE_FILE). Base64 of raw wasm compresses
// poorly and bloats the file: the wasm is moved out of it, gzipped, and inlined as base64 of the
// gzip stream in a payload module; caci.mjs inflates it with DecompressionStream and hands it to the
// module factory as wasmBinary (the factory then never reads its own, now empty, data URI).
const DATA_URI_RE = /(data:application\/octet-stream;base64,)([A-Za-z0-9+/=]+)/;

// The gzip stream is written by zopfli (Debian's zopfli, installed by scripts/setup.sh wasm): the
// same format DecompressionStream reads, 5% smaller than zlib at level 9 (267.0 KB against 281.9
// KB for the 789 KB module), for about 2 s of build time. Checked: it must inflate to the module.
function gzipSmallest(wasm) {
  const dir = mkdtempSync(join(tmpdir(), 'caci-bundle-'));
  const file = join(dir, 'caci.wasm');
  let gz;
  try {
    writeFileSync(file, wasm);  // zopfli reads a named file only
    gz = execFileSync('zopfli', ['--i15', '-c', file], { maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('bundle.mjs: zopfli not found (scripts/setup.sh wasm installs it)');
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!gunzipSync(gz).equals(wasm)) throw new Error('bundle.mjs: zopfli output does not inflate to the module');
  if (gz.length > gzipSync(wasm, { level: zlibConstants.Z_BEST_COMPRESSION }).length)
    throw new Error('bundle.mjs: zopfli output larger than zlib level 9');
  return gz;
}
const generated = new Map();
{
  const core = readFileSync(corePath, 'utf8');
  const match = core.match(DATA_URI_RE);
  if (!match) throw new Error(`bundle.mjs: no inlined wasm in ${corePath} (is -sSINGLE_FILE=1 set?)`);
  const wasm = Buffer.from(match[2], 'base64');
  const gz = gzipSmallest(wasm);
  generated.set(corePath, core.replace(DATA_URI_RE, '$1'));
  generated.set(payloadPath,
    `// gzip of the libcaci wasm (${wasm.length} bytes), base64\nexport const WASM_GZIP_BASE64 = ${JSON.stringify(gz.toString('base64'))};\n`);
}

const IMPORT_RE = /^import\s+(.+?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_DECL_RE = /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST_RE = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
const EXPORT_DEFAULT_RE = /^export\s+default\s+([A-Za-z_$][\w$]*);?[ \t]*$/gm;

// Whole-line comments and JSDoc blocks of wasm/js/ (documentation lives in the sources and in
// caci.d.ts; shipping it costs bytes). Only comments that own their lines are removed, so
// strings and code are never touched.
function stripComments(text) {
  return text.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '').replace(/^[ \t]*\/\/.*\n/gm, '');
}

function resolveSpecifier(specifier, fromFile) {
  if (specifier === CORE_SPECIFIER) return corePath;
  if (specifier === PAYLOAD_SPECIFIER) return payloadPath;
  if (!specifier.startsWith('.')) throw new Error(`bundle.mjs: bare import '${specifier}' in ${fromFile}`);
  return resolve(dirname(fromFile), specifier);
}

// Parses `{ a, b as c }`, `name` or `* as ns` into bindings [{imported, local}] / namespace.
function parseImportClause(clause) {
  clause = clause.trim();
  if (clause.startsWith('* as ')) return { namespace: clause.slice(5).trim(), bindings: [] };
  const bindings = [];
  const braced = clause.match(/\{([^}]*)\}/);
  const defaultPart = clause.replace(/\{[^}]*\}/, '').replace(',', '').trim();
  if (defaultPart) bindings.push({ imported: 'default', local: defaultPart });
  if (braced) {
    for (const item of braced[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const [imported, local] = item.split(/\s+as\s+/);
      bindings.push({ imported, local: local ?? imported });
    }
  }
  return { namespace: null, bindings };
}

function transformModule(file, text, moduleVar) {
  const imports = [];
  let body = text.replace(IMPORT_RE, (_, clause, specifier) => {
    imports.push({ ...parseImportClause(clause), specifier, path: resolveSpecifier(specifier, file) });
    return '';
  });
  const exported = [];
  body = body.replace(EXPORT_DECL_RE, (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(EXPORT_LIST_RE, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, as] = item.split(/\s+as\s+/);
      exported.push([as ?? local, local]);
    }
    return '';
  });
  body = body.replace(EXPORT_DEFAULT_RE, (_, name) => {
    exported.push(['default', name]);
    return '';
  });
  if (/^\s*export\s/m.test(body)) throw new Error(`bundle.mjs: unsupported export form in ${file}`);
  if (/^\s*import\s/m.test(body)) throw new Error(`bundle.mjs: unsupported import form in ${file}`);
  return { file, moduleVar, imports, exported, body };
}

// Collects the module graph from `entry` in dependency order; `externals` maps a specifier to
// an ES import kept as is (ESM output only).
function collect(entry, externals) {
  const order = [];
  const seen = new Map();
  const visiting = new Set();
  let counter = 0;
  const visit = (file) => {
    if (seen.has(file)) return seen.get(file);
    if (visiting.has(file)) throw new Error(`bundle.mjs: circular import through ${file}`);
    visiting.add(file);
    const text = generated.get(file) ?? stripComments(readFileSync(file, 'utf8'));
    const mod = transformModule(file, text, `__caci_module_${counter++}`);
    for (const imp of mod.imports) {
      if (!externals.has(imp.specifier)) visit(imp.path);
    }
    visiting.delete(file);
    seen.set(file, mod);
    order.push(mod);
    return mod;
  };
  visit(entry);
  return { order, seen };
}

function emitModule(mod, seen, externals) {
  const lines = [];
  for (const imp of mod.imports) {
    const source = externals.has(imp.specifier) ? externals.get(imp.specifier) : seen.get(imp.path).moduleVar;
    if (imp.namespace) lines.push(`const ${imp.namespace} = ${source};`);
    for (const b of imp.bindings) lines.push(`const ${b.local} = ${source}[${JSON.stringify(b.imported)}];`);
  }
  const ret = mod.exported.map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  const rel = mod.file === corePath ? 'emscripten module (wasm/build.sh)'
    : mod.file === payloadPath ? 'wasm payload (generated)' : mod.file.slice(jsDir.length + 1);
  return `// ---- ${rel}\nconst ${mod.moduleVar} = (() => {\n${lines.join('\n')}\n${mod.body}\nreturn { ${ret} };\n})();\n`;
}

const IMPORT_META_CLASSIC = '__caci_script_url';
const CLASSIC_SCRIPT_URL =
  `const ${IMPORT_META_CLASSIC} = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) ||` +
  ` (typeof self !== 'undefined' && self.location && self.location.href) || undefined;\n`;

function bundle(entryFile, { format, externals = new Map(), globalName = null }) {
  const externalVars = new Map();
  let head = '';
  let i = 0;
  for (const [specifier, target] of externals) {
    const v = `__caci_external_${i++}`;
    head += `import * as ${v} from ${JSON.stringify(target)};\n`;
    externalVars.set(specifier, v);
  }
  const { order, seen } = collect(resolve(entryFile), externalVars);
  let code = order.map((m) => emitModule(m, seen, externalVars)).join('\n');
  const entry = order[order.length - 1];
  const banner = '// libcaci WebAssembly/JavaScript API. Generated by wasm/build.sh from wasm/js/; do not edit.\n';
  if (format === 'esm') {
    const names = entry.exported.map(([name]) => name).filter((n) => n !== 'default');
    const tail = names.map((n) => `const ${n} = ${entry.moduleVar}.${n};`).join('\n') +
      `\nexport { ${names.join(', ')} };\n` +
      (entry.exported.some(([n]) => n === 'default') ? `export default ${entry.moduleVar}.default;\n` : '');
    return banner + head + code + tail;
  }
  // Classic script: no import/export, import.meta replaced by the script's own URL.
  code = code.replaceAll('import.meta.url', IMPORT_META_CLASSIC);
  const publish = globalName ? `globalThis[${JSON.stringify(globalName)}] = ${entry.moduleVar};\n` : '';
  return `${banner}(function () {\n'use strict';\n${CLASSIC_SCRIPT_URL}${code}${publish}})();\n`;
}

mkdirSync(outDir, { recursive: true });
const write = (name, text) => writeFileSync(join(outDir, name), text);
write('caci.mjs', bundle(join(jsDir, 'caci.mjs'), { format: 'esm' }));
write('caci-worker.mjs', bundle(join(jsDir, 'caci-worker.mjs'), {
  format: 'esm', externals: new Map([['./caci.mjs', './caci.mjs']]),
}));
write('caci-worker-client.mjs', bundle(join(jsDir, 'caci-worker-client.mjs'), { format: 'esm' }));
write('caci.bundle.js', bundle(join(jsDir, 'caci-global.mjs'), { format: 'classic', globalName: 'caci' }));
const workerBundle = bundle(join(jsDir, 'caci-worker.mjs'), { format: 'classic' });
write('caci-worker.bundle.js', workerBundle);
write('caci-worker-source.js',
  '// Sets globalThis.CACI_WORKER_SOURCE to the classic worker script, so a page opened from file://\n' +
  '// can start the worker from a Blob URL (createCaciWorker() does this when it is defined).\n' +
  `globalThis.CACI_WORKER_SOURCE = ${JSON.stringify(workerBundle)};\n`);
