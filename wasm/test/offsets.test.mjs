// Byte <-> UTF-16 offset conversion (wasm/js/offsets.mjs): pure JavaScript, no wasm needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteToUtf16, byteToUtf16, utf16ToByte, utf8Length } from '../js/offsets.mjs';

const encoder = new TextEncoder();

// Reference: decode the byte prefix and measure it in UTF-16 units.
function reference(text, byteOffset) {
  const bytes = encoder.encode(text);
  let b = Math.min(byteOffset, bytes.length);
  while (b > 0 && b < bytes.length && (bytes[b] & 0xc0) === 0x80) b--; // back to a code point start
  return new TextDecoder().decode(bytes.subarray(0, b)).length;
}

const samples = {
  ascii: 'Kazakhstan and Azerbaijan',
  twoByte: 'Swanstr\u00f6m and Londo\u00f1o',
  threeByte: 'Corridor\u2014a \u201cnarrow\u201d strip',
  astral: 'map \u{1F5FA}\u{FE0F} of \u{1D4D2}aspian \u{1F30D}',
  mixed: '\u00e9\u2014\u{1F600}a\u00df\u{10348}',
};

for (const [name, text] of Object.entries(samples)) {
  test(`byteToUtf16 matches a decoder-based reference (${name})`, () => {
    const length = encoder.encode(text).length;
    assert.equal(utf8Length(text), length);
    const mapper = new ByteToUtf16(text);
    for (let b = 0; b <= length + 2; b++) {
      assert.equal(byteToUtf16(text, b), reference(text, b), `byte ${b}`);
      assert.equal(mapper.map(b), reference(text, b), `byte ${b} (incremental)`);
    }
  });

  test(`utf16ToByte round-trips at code point boundaries (${name})`, () => {
    let units = 0;
    for (const ch of text) {
      const bytes = utf16ToByte(text, units);
      assert.equal(bytes, encoder.encode(text.slice(0, units)).length);
      assert.equal(byteToUtf16(text, bytes), units);
      units += ch.length;
    }
    assert.equal(utf16ToByte(text, text.length), encoder.encode(text).length);
  });
}

test('the incremental mapper restarts when offsets go backwards', () => {
  const text = samples.mixed;
  const mapper = new ByteToUtf16(text);
  assert.equal(mapper.map(9), 4); // after the emoji: 2 + 3 + 4 bytes, 1 + 1 + 2 units
  assert.equal(mapper.map(2), 1);
  assert.equal(mapper.map(0), 0);
  assert.equal(mapper.map(100), text.length);
});

test('an offset inside a multi-byte sequence maps to the start of its code point', () => {
  assert.equal(byteToUtf16('\u{1F600}x', 1), 0);
  assert.equal(byteToUtf16('\u{1F600}x', 3), 0);
  assert.equal(byteToUtf16('\u{1F600}x', 4), 2);
  assert.equal(byteToUtf16('a\u00e9b', 2), 1);
});

test('a lone surrogate counts as U+FFFD (3 bytes), like TextEncoder', () => {
  const text = 'a\ud800b';
  assert.equal(utf8Length(text), encoder.encode(text).length);
  assert.equal(byteToUtf16(text, 4), 2);
});
