// The stored-text codecs compiled for wasm (zstd from Debian's libzstd sources, and lz): runs
// caci_wasm_text_codec_check (wasm/test/text_codec_check.cpp, built next to the module by
// wasm/build.sh), which round-trips every codec with and without a dictionary, checks that
// truncated, wrong-size and unknown-codec chunks are refused, and reports decode speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, skipUnlessCI } from './helpers.mjs';

const variant = process.env.CACI_WASM_DIST && /debug/.test(process.env.CACI_WASM_DIST) ? 'debug' : 'release';
const program = join(repoRoot, 'wasm', 'build', variant, 'caci_wasm_text_codec_check.cjs');
const skip = skipUnlessCI(!existsSync(program) && `${program} not built (wasm/build.sh)`);

test('lz and zstd chunks round-trip in wasm and corrupt chunks are refused', { skip }, (t) => {
  const out = execFileSync(process.execPath, [program], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) t.diagnostic(line);
  assert.match(out, /^zstd\+dict: ratio [0-9.]+, decode [0-9]+ MB\/s$/m);
  assert.doesNotMatch(out, /^FAIL/m);
  assert.match(out, /\nok\n$/);
});
