// Download size of what a page loads: caci.mjs + caci-worker-client.mjs, gzip -9. The budget is
// 300 KiB (issue 13 raised it from 200 KB to spend on speed and on wasm exception handling), and
// this test fails past it. Measured with node's zlib at level 9 and, when the gzip program is
// installed, with `gzip -9` as wasm/README.md states the sizes (the two differ by a few hundred
// bytes); the larger of the two must fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { distDir, skipUnlessCI } from './helpers.mjs';

const BUDGET = 300 * 1024;
const files = ['caci.mjs', 'caci-worker-client.mjs'];
const skip = skipUnlessCI(process.env.CACI_WASM_DIST ? 'CACI_WASM_DIST is set (the budget is for the release wasm/dist)'
  : !files.every((f) => existsSync(join(distDir, f))) && 'wasm/dist not built');

// `gzip -9 -c` of the bytes, or null when there is no gzip program.
function gzipProgram(raw) {
  try {
    return execFileSync('gzip', ['-9', '-c'], { input: raw, maxBuffer: 64 << 20 }).length;
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

test('caci.mjs + caci-worker-client.mjs gzipped size is within the 300 KiB budget', { skip }, (t) => {
  let zlibTotal = 0;
  let gzipTotal = 0;
  for (const f of files) {
    const raw = readFileSync(join(distDir, f));
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
    const cli = gzipProgram(raw);
    zlibTotal += gz;
    gzipTotal = gzipTotal === null || cli === null ? null : gzipTotal + cli;
    t.diagnostic(`${f}: ${raw.length} bytes, ${gz} zlib level 9${cli === null ? '' : `, ${cli} gzip -9`}`);
  }
  const total = Math.max(zlibTotal, gzipTotal ?? 0);
  const left = BUDGET - total;
  t.diagnostic(`total ${total} bytes = ${(total / 1024).toFixed(1)} KiB gzip -9 (budget ${BUDGET} bytes = ${BUDGET / 1024} KiB: ` +
    `${left >= 0 ? `${left} bytes left` : `OVER BUDGET by ${-left} bytes`})`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped is over the ${BUDGET / 1024} KiB budget by ${-left} bytes`);
});
