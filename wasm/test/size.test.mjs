// Download size of what a page loads: caci.mjs + caci-worker-client.mjs, gzip -9. The budget is
// 300 KB (reported; issue 13 raised it from 200 KB to spend on speed and on wasm exception
// handling); the test fails only past a hard ceiling that catches a broken size measure
// (the gzip-inlined wasm, or the simdjson stand-in, lost), not the core's normal growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { distDir, skipUnlessCI } from './helpers.mjs';

const BUDGET = 300 * 1024;
const CEILING = 330 * 1024;
const files = ['caci.mjs', 'caci-worker-client.mjs'];
const skip = skipUnlessCI(process.env.CACI_WASM_DIST ? 'CACI_WASM_DIST is set (the budget is for the release wasm/dist)'
  : !files.every((f) => existsSync(join(distDir, f))) && 'wasm/dist not built');

test('caci.mjs + caci-worker-client.mjs gzipped size', { skip }, (t) => {
  let total = 0;
  for (const f of files) {
    const raw = readFileSync(join(distDir, f));
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
    total += gz;
    t.diagnostic(`${f}: ${raw.length} bytes, ${gz} gzip -9`);
  }
  t.diagnostic(`total ${(total / 1024).toFixed(1)} KB gzip -9 (budget ${BUDGET / 1024} KB${total > BUDGET ? ': OVER BUDGET' : ''})`);
  assert.ok(total <= CEILING, `${total} bytes gzipped is past the ${CEILING / 1024} KB ceiling`);
});
