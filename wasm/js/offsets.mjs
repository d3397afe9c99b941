// Byte offsets (the C ABI's unit: UTF-8 bytes) <-> UTF-16 code-unit indices (JavaScript strings).
// The one place that converts: snippets, highlights and query-error offsets all go through here.

// UTF-8 length of the code point starting at code unit i of `text`, and how many code units it
// spans. A lone surrogate counts as U+FFFD (3 bytes), as TextEncoder writes it.
function codePointAt(text, i) {
  const unit = text.charCodeAt(i);
  if (unit < 0x80) return 1;
  if (unit < 0x800) return 2;
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 4;
  }
  return 3;
}

/** Number of UTF-8 bytes needed for `text`. */
export function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const n = codePointAt(text, i);
    bytes += n;
    i += n === 4 ? 2 : 1;
  }
  return bytes;
}

/**
 * Maps byte offsets of the UTF-8 encoding of `text` to UTF-16 indices. Cheap for offsets asked in
 * increasing order (it resumes from the last position); a smaller offset restarts from the start.
 * An offset inside a multi-byte sequence maps to the start of that code point; an offset past the
 * end maps to text.length.
 */
export class ByteToUtf16 {
  #text;
  #unit = 0;
  #byte = 0;
  constructor(text) {
    this.#text = text;
  }
  map(byteOffset) {
    if (byteOffset < this.#byte) {
      this.#unit = 0;
      this.#byte = 0;
    }
    const text = this.#text;
    while (this.#unit < text.length) {
      const n = codePointAt(text, this.#unit);
      if (this.#byte + n > byteOffset) break;
      this.#byte += n;
      this.#unit += n === 4 ? 2 : 1;
    }
    return this.#unit;
  }
}

/** UTF-16 index in `text` of a byte offset into its UTF-8 encoding. */
export function byteToUtf16(text, byteOffset) {
  return new ByteToUtf16(text).map(byteOffset);
}

/** Byte offset in the UTF-8 encoding of `text` of a UTF-16 index (a split pair counts whole). */
export function utf16ToByte(text, index) {
  let bytes = 0;
  for (let i = 0; i < text.length && i < index; ) {
    const n = codePointAt(text, i);
    bytes += n;
    i += n === 4 ? 2 : 1;
  }
  return bytes;
}
