// Moving strings and bytes across the wasm boundary, and reading the glue's transfer area
// (wasm/glue/caci_wasm.c). Heap views are re-read on every access: memory growth replaces them.

import { CACI_ENOMEM, CaciError } from './errors.mjs';

const decoder = new TextDecoder('utf-8');
const EXPECTED_TRANSFER_VERSION = 1;

export class Marshal {
  #m;
  #transferWord;
  constructor(module) {
    this.#m = module;
    const version = module._caci_wasm_transfer_version();
    if (version !== EXPECTED_TRANSFER_VERSION) {
      throw new Error(`caci: transfer area version ${version}, expected ${EXPECTED_TRANSFER_VERSION}`);
    }
    this.#transferWord = module._caci_wasm_transfer() >>> 2;
  }

  /** Word i of the transfer area (unsigned). */
  word(i) {
    return this.#m.HEAPU32[this.#transferWord + i];
  }
  /** Signed 32-bit word. */
  int(i) {
    return this.#m.HEAPU32[this.#transferWord + i] | 0;
  }
  /** 64-bit value stored as (low, high) words, as a number (exact below 2^53). */
  u64(i) {
    return this.word(i + 1) * 0x100000000 + this.word(i);
  }
  /** (pointer, length) words as a string; null when the pointer is 0. */
  str(i) {
    const ptr = this.word(i);
    return ptr === 0 ? null : this.decode(ptr, this.word(i + 1));
  }

  /** UTF-8 bytes at [ptr, ptr + len) as a string. */
  decode(ptr, len) {
    return len === 0 ? '' : decoder.decode(this.#m.HEAPU8.subarray(ptr, ptr + len));
  }
  /** A copy of the bytes at [ptr, ptr + len). */
  copyBytes(ptr, len) {
    return this.#m.HEAPU8.slice(ptr, ptr + len);
  }
  /** NUL-terminated static string. */
  cString(ptr) {
    return ptr === 0 ? null : this.#m.UTF8ToString(ptr);
  }

  /**
   * Copies `input` (string -> UTF-8, or bytes) into wasm memory, calls fn(ptr, byteLength) and frees
   * the copy, even when fn throws. null/undefined pass as (0, 0).
   */
  withInput(input, fn) {
    if (input === null || input === undefined) return fn(0, 0);
    const m = this.#m;
    let len;
    let ptr;
    if (typeof input === 'string') {
      len = m.lengthBytesUTF8(input);
      ptr = m._malloc(len + 1);
      if (ptr === 0) throw new CaciError(CACI_ENOMEM, 'CACI_ENOMEM', 'no wasm memory for the input');
      m.stringToUTF8(input, ptr, len + 1);
    } else {
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer ?? input, input.byteOffset ?? 0, input.byteLength);
      len = bytes.length;
      ptr = m._malloc(len || 1);
      if (ptr === 0) throw new CaciError(CACI_ENOMEM, 'CACI_ENOMEM', 'no wasm memory for the input');
      m.HEAPU8.set(bytes, ptr);
    }
    try {
      return fn(ptr, len);
    } finally {
      m._free(ptr);
    }
  }
}
