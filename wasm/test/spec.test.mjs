// The spec files (tests/spec/*.md) through the WebAssembly build: the same examples and the same
// expectations as tests/spec/spec_test.cpp runs natively through the C ABI. The file format is
// described in tests/spec/spec_file.hpp.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir, loadCaci, repoRoot, skipUnlessCI } from './helpers.mjs';
import { readSpec } from './spec-file.mjs';

const skip = skipUnlessCI(existsSync(join(distDir, 'caci.mjs')) ? false : 'wasm/dist/caci.mjs not built (wasm/build.sh)');
// `want` is a part of `got` (the same rules as the native runner).
function matches(want, got, path) {
  if (want === null) return got === null ? null : `${path}: expected null (got ${JSON.stringify(got)})`;
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${path}: expected ${want.length} elements (got ${JSON.stringify(got)})`;
    for (let i = 0; i < want.length; ++i) {
      const why = matches(want[i], got[i], `${path}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (typeof want === 'object') {
    if (typeof got !== 'object' || got === null || Array.isArray(got)) return `${path}: expected an object`;
    for (const key of Object.keys(want)) {
      if (!(key in got)) return `${path}: missing key ${key}`;
      const why = matches(want[key], got[key], `${path}.${key}`);
      if (why) return why;
    }
    return null;
  }
  return want === got ? null : `${path}: expected ${JSON.stringify(want)} (got ${JSON.stringify(got)})`;
}

function check(Document, ex) {
  const doc = new Document({ strict: ex.strict, foldQuotes: ex.foldQuotes });
  let out;
  try {
    try {
      doc.parse(ex.input, { file: 'spec.txt' });
    } catch (e) {
      if (!(ex.strict && e.statusName === 'CACI_EUTF8')) throw e;
    }
    out = doc.toJSON();
  } finally {
    doc.free();
  }
  let next = 0;
  for (const e of ex.expectations) {
    const sp = e.indexOf(' ');
    const verb = sp < 0 ? e : e.slice(0, sp);
    const arg = sp < 0 ? '' : e.slice(sp + 1);
    if (verb === 'no-diagnostic') {
      const d = out.diagnostics.find((x) => x.code === arg);
      if (d) return `unexpected diagnostic ${JSON.stringify(d)}`;
      continue;
    }
    const want = JSON.parse(arg);
    if (verb === 'article') {
      if (next >= out.articles.length) return `fewer articles than expected: ${out.articles.length}`;
      const why = matches(want, out.articles[next], `article ${next + 1}`);
      if (why) return why;
      ++next;
    } else if (verb === 'stats') {
      const why = matches(want, out.stats, 'stats');
      if (why) return why;
    } else if (verb === 'diagnostic') {
      if (!out.diagnostics.some((d) => !matches(want, d, 'diagnostic'))) {
        return `no diagnostic matches ${arg} in ${JSON.stringify(out.diagnostics)}`;
      }
    } else {
      return `unknown expectation: ${e}`;
    }
  }
  if (next !== out.articles.length) return `expected ${next} articles, got ${out.articles.length}`;
  const s = out.stats;
  if (s.bytes !== s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified) return `bytes not accounted for: ${JSON.stringify(s)}`;
  return null;
}

let Document;
before(async () => {
  if (skip) return;
  ({ Document } = await loadCaci());
});

for (const [name, atLeast] of [['layouts.md', 120], ['regressions.md', 1]]) {
  test(`spec ${name}: every example passes in wasm`, { skip }, () => {
    const examples = readSpec(readFileSync(join(repoRoot, 'tests', 'spec', name), 'utf8'));
    assert.ok(examples.length >= atLeast, `${examples.length} examples, want at least ${atLeast}`);
    const failures = [];
    for (const ex of examples) {
      const why = check(Document, ex);
      if (why) failures.push(`${name}:${ex.line}: example ${ex.number} (${ex.section}): ${why}`);
    }
    assert.deepEqual(failures, []);
  });
}
