// libcaci for JavaScript: parse the CACI Analyst archive and search it, in browsers, workers and
// node. Layers on the C ABI (caci.h) through the emscripten module; never on the C++ core.
// API declarations: caci.d.ts.
import createCaciModule from './caci_wasm.mjs';
import { WASM_GZIP_BASE64 } from './caci_wasm_payload.mjs';
import { Marshal } from './marshal.mjs';
import { ByteToUtf16 } from './offsets.mjs';
import { CaciError, CACI_OK, CACI_DONE, CACI_EINVAL, CACI_ENOMEM, CACI_EQUERY, CACI_ENOTFOUND, CACI_EINTERNAL } from './errors.mjs';
import { disposeSymbol, track, untrack, liveHandles } from './finalizer.mjs';

const CACI_PARSE_STRICT = 0x1;
const CACI_PARSE_FOLD_QUOTES = 0x2;
const CACI_JSON = 0;
const CACI_SEARCH_FACETS = 0x1;
const CACI_SEARCH_NO_SNIPPETS = 0x2;
const CACI_SEARCH_COLLAPSE_VERSIONS = 0x4;
const CACI_SEARCH_SUGGEST = 0x8;
const SORTS = { relevance: 0, date_desc: 1, date_asc: 2 };
// BEGIN GENERATED: facets (tools/gen_tables.py; edit core/tables, not this)
const FACETS = ['author', 'year', 'kind', 'category', 'country']; // CACI_FACET_* order
// END GENERATED: facets
const STR_TEXT = 11; // CACI_WASM_STR_TEXT in wasm/glue/caci_wasm.c
const SEVERITIES = ['warning', 'error'];

let M = null; // the emscripten module once initialised
let io = null; // Marshal bound to M
let initializing = null;

// Wrappers adopt C pointers only when handed this token, which never leaves this module.
const ADOPT = Symbol('caci.adopt');
let documentHandle; // (doc) => caci_doc pointer; set by Document's static block

function requireInit() {
  if (!M) throw new Error('caci: call `await Caci.init()` first');
}

// Status names, copied from caci_status_str() once at init.
const statusNames = new Map();
function statusName(status) {
  return statusNames.get(status) ?? io.cString(M._caci_status_str(status));
}

function fail(status, message, offset) {
  throw new CaciError(status, statusName(status), message, offset);
}

function check(status, message) {
  if (status < 0) fail(status, message);
  return status;
}

const ID_RE = /^[0-9a-fA-F]{16}$/;
function splitId(id) {
  if (typeof id !== 'string' || !ID_RE.test(id)) fail(CACI_EINVAL, `article id must be 16 hex digits, got ${JSON.stringify(id)}`);
  return [parseInt(id.slice(8), 16), parseInt(id.slice(0, 8), 16)]; // low, high
}
function hex8(n) {
  return n.toString(16).padStart(8, '0');
}
function articleIdOf(articlePtr) {
  M._caci_wasm_article_id(articlePtr);
  return hex8(io.word(1)) + hex8(io.word(0));
}
function articleText(articlePtr) {
  M._caci_wasm_article_str(articlePtr, STR_TEXT, 0, 0);
  return io.str(0) ?? '';
}

function parseFlags(opts) {
  return (opts?.strict ? CACI_PARSE_STRICT : 0) | (opts?.foldQuotes ? CACI_PARSE_FOLD_QUOTES : 0);
}

/** A set of parsed pages (owns a caci_doc): articles with duplicates merged, diagnostics, stats. */
export class Document {
  #ptr = 0;

  static {
    // Index reads a document's handle without exposing it publicly.
    documentHandle = (doc) => {
      if (!(doc instanceof Document) || doc.#ptr === 0) fail(CACI_EINVAL, 'document is freed or not a Document');
      return doc.#ptr;
    };
  }

  constructor(opts) {
    requireInit();
    check(M._caci_wasm_doc_new(parseFlags(opts)), 'cannot create a document');
    this.#ptr = io.word(0);
    track(this, M._caci_doc_free, this.#ptr);
  }

  #handle() {
    if (this.#ptr === 0) fail(CACI_EINVAL, 'document is freed');
    return this.#ptr;
  }

  /** Parses one page and appends its articles; throws CaciError (CACI_EUTF8) under `strict`. */
  parse(input, opts) {
    const doc = this.#handle();
    if (typeof input !== 'string' && !ArrayBuffer.isView(input) && !(input instanceof ArrayBuffer)) {
      throw new TypeError('caci: parse() takes a string or a Uint8Array');
    }
    const status = io.withInput(opts?.file ?? null, (filePtr, fileLen) =>
      io.withInput(input, (ptr, len) => M._caci_doc_parse(doc, filePtr, fileLen, ptr, len)));
    check(status, opts?.file ? `while parsing ${opts.file}` : 'while parsing');
  }

  /** A speed hint: room for the text of `inputBytes` of pages about to be parsed (caci_doc_reserve). */
  reserve(inputBytes) {
    const n = Number(inputBytes);
    const doc = this.#handle();
    if (!(n > 0)) return;
    // A hint: without the room, parsing still works (and reports its own out-of-memory).
    const status = M._caci_wasm_doc_reserve(doc, Math.min(n, 0xffffffff) >>> 0);
    if (status !== CACI_ENOMEM) check(status, 'reserving room for the pages');
  }

  /** Records that a file could not be read (an "io_error" diagnostic naming it), as the CLI does. */
  addIoError(file, message) {
    const doc = this.#handle();
    const status = io.withInput(file ?? null, (filePtr, fileLen) =>
      io.withInput(message ?? null, (ptr, len) => M._caci_doc_add_io_error(doc, filePtr, fileLen, ptr, len)));
    check(status, 'recording an I/O error');
  }

  get articleCount() {
    return M._caci_doc_article_count(this.#handle()) >>> 0;
  }

  /** The articles (JSON contract objects plus `text`). */
  articles() {
    const doc = this.#handle();
    const articles = this.toJSON().articles;
    const texts = new Map();
    const count = M._caci_doc_article_count(doc) >>> 0;
    for (let i = 0; i < count; i++) {
      const a = M._caci_doc_article(doc, i);
      texts.set(articleIdOf(a), articleText(a));
    }
    for (const article of articles) article.text = texts.get(article.id) ?? '';
    return articles;
  }

  diagnostics() {
    const doc = this.#handle();
    const count = M._caci_doc_diagnostic_count(doc) >>> 0;
    const out = [];
    for (let i = 0; i < count; i++) {
      check(M._caci_wasm_doc_diagnostic(doc, i), 'diagnostic');
      out.push({
        file: io.str(0), line: io.word(2), column: io.word(3),
        severity: SEVERITIES[io.word(8)] ?? 'error', code: io.str(9) ?? '', message: io.str(11) ?? '',
        byte_start: io.u64(4), byte_end: io.u64(6),
      });
    }
    return out;
  }

  stats() {
    check(M._caci_wasm_doc_stats(this.#handle()), 'stats');
    return {
      bytes: io.u64(0), articles: io.u64(2), duplicates: io.u64(4),
      bytes_articles: io.u64(6), bytes_boilerplate: io.u64(8), bytes_unclassified: io.u64(10),
    };
  }

  /** The whole caci-archive/1 document, exactly as `caci parse --format json` prints it. */
  toJSON() {
    check(M._caci_wasm_doc_to_json(this.#handle(), CACI_JSON), 'serialising the document');
    return JSON.parse(io.str(0) ?? 'null');
  }

  free() {
    if (this.#ptr === 0) return;
    untrack(this);
    M._caci_doc_free(this.#ptr);
    this.#ptr = 0;
  }

  [disposeSymbol]() {
    this.free();
  }
}

/** A search index (owns a caci_index). */
export class Index {
  #ptr = 0;
  #aliases = '';
  // An index opened from saved bytes reads them in place: its copy in the wasm heap lives as long
  // as the index.
  #fileBytes = 0;

  constructor(opts, token, ptr, fileBytes = 0) {
    requireInit();
    if (token === ADOPT) {
      this.#ptr = ptr;
      this.#fileBytes = fileBytes;
    } else {
      const w = opts?.fieldWeights ?? [];
      const num = (v) => (typeof v === 'number' ? v : NaN); // NaN keeps the C default
      // CACI_INDEX_NO_STEMMING, CACI_INDEX_NO_NAME_VARIANTS: saved with the index, as natively.
      const flags = (opts?.stemming === false ? 0x1 : 0) | (opts?.nameVariants === false ? 0x2 : 0);
      check(M._caci_wasm_index_new(num(opts?.k1), num(opts?.b), num(w[0]), num(w[1]), num(w[2]), num(w[3]), num(w[4]), flags),
        'cannot create an index');
      this.#ptr = io.word(0);
    }
    const bytes = this.#fileBytes;
    track(this, bytes ? (p) => { M._caci_index_free(p); lazyFileAt(bytes)?.forget(); M._free(bytes); } : M._caci_index_free, this.#ptr);
  }

  // Every byte of a file opened by loadBlob in place, before a call that may read the file's bytes
  // without the core asking for them (changing the index copies its postings; saving an unchanged
  // index writes its file's bytes).
  #inPlace() {
    if (this.#fileBytes) lazyFileAt(this.#fileBytes)?.fillAll();
  }

  #handle() {
    if (this.#ptr === 0) fail(CACI_EINVAL, 'index is freed');
    return this.#ptr;
  }

  /** Adds a parsed Document, or parses and adds one page. Returns the number of articles added. */
  add(source, opts) {
    this.#inPlace();
    const index = this.#handle();
    if (source instanceof Document) {
      check(M._caci_wasm_index_add_doc(index, documentHandle(source)), 'adding to the index');
      return io.word(0);
    }
    const doc = new Document();
    try {
      doc.parse(source, opts);
      check(M._caci_wasm_index_add_doc(index, documentHandle(doc)), 'adding to the index');
      return io.word(0);
    } finally {
      doc.free();
    }
  }

  /** Removes an article by id; false if it was not there. */
  remove(id) {
    this.#inPlace();
    const [low, high] = splitId(id);
    const status = M._caci_wasm_index_remove(this.#handle(), low, high);
    if (status === CACI_ENOTFOUND) return false;
    check(status, `removing ${id}`);
    return true;
  }

  get size() {
    return M._caci_index_article_count(this.#handle()) >>> 0;
  }

  /** Sets the author alias table (caci.h "People": lines `Name = Other Name`, `#` comments): the
   *  author facet and `author:"Name"` then treat the names of a line as one person. A malformed
   *  line throws CaciError CACI_EINVAL ("aliases line N: ...") and keeps the previous table. */
  setAuthorAliases(text) {
    this.#inPlace();
    const index = this.#handle();
    if (typeof text !== 'string') throw new TypeError('caci: setAuthorAliases() takes a string');
    const status = io.withInput(text, (ptr, len) => M._caci_index_set_author_aliases(index, ptr, len));
    if (status === CACI_EINVAL) {
      M._caci_wasm_index_error(index);
      fail(CACI_EINVAL, io.str(0) ?? 'malformed author alias table');
    }
    check(status, 'setting the author aliases');
    this.#aliases = text;
  }

  /** The alias text last set on this object ('' if none). */
  get authorAliases() {
    return this.#aliases;
  }

  /** The person key of an author name ("Dr. S. Frederick Starr" -> "frederick starr"), after the
   *  alias table: two names are one person when their keys are equal. */
  personKey(name) {
    const index = this.#handle();
    if (typeof name !== 'string') throw new TypeError('caci: personKey() takes a string');
    check(io.withInput(name, (ptr, len) => M._caci_index_person_key(index, ptr, len, M._caci_wasm_transfer())),
      'person key');
    return io.str(0) ?? '';
  }

  #article(low, high, articlePtr) {
    check(M._caci_wasm_index_article_json(this.#ptr, low, high), 'article JSON');
    const article = JSON.parse(io.str(0));
    article.text = articleText(articlePtr);
    return article;
  }

  get(id) {
    const [low, high] = splitId(id);
    const a = M._caci_wasm_index_find(this.#handle(), low, high);
    return a === 0 ? null : this.#article(low, high, a);
  }

  search(query, opts) {
    const index = this.#handle();
    if (typeof query !== 'string') throw new TypeError('caci: search() takes a query string');
    const sort = SORTS[opts?.sort ?? 'relevance'];
    if (sort === undefined) fail(CACI_EINVAL, `unknown sort ${JSON.stringify(opts.sort)}`);
    const count = (name, fallback) => {
      const v = opts?.[name] ?? fallback;
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) fail(CACI_EINVAL, `${name} must be a non-negative integer, got ${v}`);
      return v;
    };
    const limit = count('limit', 10);
    const offset = count('offset', 0);
    const snippetBytes = count('snippetBytes', 200);
    const flags = (opts?.facets ? CACI_SEARCH_FACETS : 0) | (snippetBytes === 0 ? CACI_SEARCH_NO_SNIPPETS : 0) |
      (opts?.collapseVersions ? CACI_SEARCH_COLLAPSE_VERSIONS : 0) | (opts?.suggest ? CACI_SEARCH_SUGGEST : 0);
    const status = io.withInput(query, (ptr, len) =>
      M._caci_wasm_index_search(index, ptr, len, limit, offset, sort, flags, snippetBytes));
    if (status === CACI_EQUERY) {
      M._caci_wasm_index_error(index);
      const message = io.str(0) ?? 'malformed query';
      fail(CACI_EQUERY, message, new ByteToUtf16(query).map(io.word(2)));
    }
    check(status, 'search');
    const results = io.word(0);
    try {
      return this.#collect(results, flags);
    } finally {
      M._caci_results_free(results);
    }
  }

  #collect(results, flags) {
    const total = M._caci_wasm_results_total(results);
    const count = M._caci_results_count(results) >>> 0;
    const hits = [];
    for (let i = 0; i < count; i++) {
      const a = M._caci_results_article(results, i);
      M._caci_wasm_article_id(a);
      const low = io.word(0);
      const high = io.word(1);
      const score = M._caci_results_score(results, i);
      const article = this.#article(low, high, a);
      const toUtf16 = new ByteToUtf16(article.text);
      let snippet = { text: '', start: 0, end: 0 };
      if (!(flags & CACI_SEARCH_NO_SNIPPETS) && M._caci_wasm_results_snippet(results, i) === CACI_OK) {
        const start = toUtf16.map(io.word(0));
        const end = toUtf16.map(io.word(1));
        snippet = { text: article.text.slice(start, end), start, end };
      }
      const highlights = [];
      const nh = M._caci_results_highlight_count(results, i) >>> 0;
      for (let j = 0; j < nh; j++) {
        if (M._caci_wasm_results_highlight(results, i, j) !== CACI_OK) continue;
        const start = toUtf16.map(io.word(0));
        highlights.push({ start, end: toUtf16.map(io.word(1)) });
      }
      hits.push({ id: article.id, score, article, snippet, highlights });
    }
    const out = { total, hits };
    if (flags & CACI_SEARCH_SUGGEST) {
      out.suggestions = [];
      const n = M._caci_results_suggestion_count(results) >>> 0;
      for (let j = 0; j < n; j++) {
        if (M._caci_wasm_results_suggestion(results, j) !== CACI_OK) continue;
        out.suggestions.push({ query: io.str(0) ?? '', total: io.u64(2) });
      }
    }
    if (flags & CACI_SEARCH_FACETS) {
      out.facets = {};
      FACETS.forEach((name, facet) => {
        const n = M._caci_results_facet_count(results, facet) >>> 0;
        const values = [];
        for (let j = 0; j < n; j++) {
          if (M._caci_wasm_results_facet(results, facet, j) !== CACI_OK) continue;
          values.push({ value: io.str(0) ?? '', count: io.u64(2) });
        }
        out.facets[name] = values;
      });
    }
    return out;
  }

  /** The index as bytes (versioned, checksummed); Index.load() reads them back. { text: false }:
   *  a search-only file without the article paragraphs (same hits and scores, empty snippets). */
  save(opts) {
    const flags = opts && opts.text === false ? 1 : 0;  // CACI_SAVE_OMIT_TEXT
    const index = this.#handle();
    this.#inPlace();
    check(M._caci_wasm_index_save(index, flags), 'saving the index');
    return io.copyBytes(io.word(0), io.word(1));
  }

  /** Completions: up to n indexed terms starting with the last word of prefix, most frequent
   *  first, as [{ term, articles }]. */
  complete(prefix, n = 10) {
    const index = this.#handle();
    if (typeof prefix !== 'string') throw new TypeError('caci: complete() takes a string');
    if (!Number.isInteger(n) || n < 0) fail(CACI_EINVAL, `n must be a non-negative integer, got ${n}`);
    check(io.withInput(prefix, (ptr, len) => M._caci_wasm_index_complete(index, ptr, len, n)), 'completing');
    const terms = io.word(0);
    try {
      const out = [];
      const count = M._caci_terms_count(terms) >>> 0;
      for (let i = 0; i < count; i++) {
        if (M._caci_wasm_terms_get(terms, i) !== CACI_OK) continue;
        out.push({ term: io.str(0) ?? '', articles: io.u64(2) });
      }
      return out;
    } finally {
      M._caci_terms_free(terms);
    }
  }

  /** Articles related to the one with this id (more like this), best first: { total, hits } as
   *  search() without snippets. Throws CaciError CACI_ENOTFOUND for an unknown id. */
  related(id, n = 10) {
    const index = this.#handle();
    if (!Number.isInteger(n) || n < 0) fail(CACI_EINVAL, `n must be a non-negative integer, got ${n}`);
    const [low, high] = splitId(id);
    const status = M._caci_wasm_index_related(index, low, high, n);
    if (status === CACI_ENOTFOUND) fail(CACI_ENOTFOUND, `no article with id ${id}`);
    check(status, 'related articles');
    const results = io.word(0);
    try {
      return this.#collect(results, CACI_SEARCH_NO_SNIPPETS);
    } finally {
      M._caci_results_free(results);
    }
  }

  /** Loads saved bytes; throws CaciError (CACI_ECORRUPT, CACI_EVERSION). */
  static load(bytes, opts) {
    requireInit();
    if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer)) throw new TypeError('caci: Index.load() takes a Uint8Array');
    // One copy into the heap, then the index reads it in place (terms, postings and article text
    // are decoded when a search needs them): opening is about as fast as the copy.
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength);
    const ptr = M._malloc(u8.length || 1);
    if (ptr === 0) fail(CACI_ENOMEM, 'no wasm memory for the index');
    M.HEAPU8.set(u8, ptr);
    const status = M._caci_wasm_index_load_view(ptr, u8.length);
    if (status < 0) {
      M._free(ptr);
      fail(status, io.cString(M._caci_last_load_error()));
    }
    return new Index(opts, ADOPT, io.word(0), ptr);
  }

  /**
   * Opens an index file held in a Blob (a File, or a Blob from IndexedDB). In a worker, where
   * FileReaderSync can read a slice on demand, the article text (the file's last and largest part)
   * is not read before the index opens: a text chunk is read when a search first needs it (a
   * snippet, an article) and the rest in the background, so a reopen reads about a third of the
   * file first (files of 4 MiB and more; opts.lazy: true or false decides instead). Elsewhere the
   * whole file is read, then opened as by load(). Returns a Promise.
   * `blob` may instead be a FileSystemSyncAccessHandle (an origin private file system file, in a
   * worker): read the same way, synchronously and straight into wasm memory; the index owns the
   * handle and closes it once the whole file is read (or when it is freed).
   */
  static async loadBlob(blob, opts) {
    if (!isBlob(blob)) return loadHandle(blob, opts);
    const lazy = opts?.lazy ?? blob.size >= LAZY_MIN_BYTES;
    const plan = lazy && typeof FileReaderSync === 'function' ? await lazyPlan(blob) : null;
    if (!plan) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      await Caci.init();
      return Index.load(bytes, opts);
    }
    const eager = plan.eager.map(([a, b]) => blob.slice(a, b).arrayBuffer());
    await Caci.init();
    const ptr = M._malloc(blob.size || 1);
    if (ptr === 0) fail(CACI_ENOMEM, 'no wasm memory for the index');
    const file = new LazyFile(blobReader(blob), ptr, plan);
    try {
      for (const [k, read] of eager.entries()) M.HEAPU8.set(new Uint8Array(await read), ptr + plan.eager[k][0]);
    } catch (error) {
      M._free(ptr);
      throw error;
    }
    lazyFiles.add(file);
    const status = M._caci_wasm_index_load_view(ptr, blob.size);
    if (status < 0) {
      lazyFiles.delete(file);
      M._free(ptr);
      fail(status, io.cString(M._caci_last_load_error()));
    }
    const index = new Index(opts, ADOPT, io.word(0), ptr);
    setTimeout(() => file.fillInBackground(), LAZY_BACKGROUND_DELAY_MS);
    return index;
  }

  /** Checks every checksum of an opened index (postings pages, text chunks); throws CaciError
   *  (CACI_ECORRUPT) naming the first problem. */
  verify() {
    const index = this.#handle();
    this.#inPlace();
    const status = M._caci_wasm_index_verify(index);
    if (status < 0) fail(status, io.str(0) || 'corrupt index');
  }

  free() {
    if (this.#ptr === 0) return;
    untrack(this);
    M._caci_index_free(this.#ptr);
    this.#ptr = 0;
    if (this.#fileBytes) {
      lazyFileAt(this.#fileBytes)?.forget();
      M._free(this.#fileBytes);
    }
    this.#fileBytes = 0;
  }

  [disposeSymbol]() {
    this.free();
  }
}

// A file opened by Index.loadBlob, in the heap at `ptr`: its small sections were read before the
// open; the postings and the text chunks (lazy ranges) are read in blocks of LAZY_BLOCK bytes when
// the core is about to read them (caciBytesNeeded, wasm/glue/lazy_bytes.c: a postings page's or a
// text chunk's first read), and the rest in the background a little later, so the index soon no
// longer needs the Blob.
// 16 KiB: a text chunk of a file the wasm build wrote is 16 KiB before compression (lz), and the
// first search after an open reads the chunks of its hits' articles, scattered through the file.
const LAZY_BLOCK = 1 << 14;
const LAZY_BACKGROUND_DELAY_MS = 1500;
const LAZY_MIN_BYTES = 1 << 22; // a smaller file is read whole: its few reads would cost more
const lazyFiles = new Set();
const lazyFileAt = (ptr) => [...lazyFiles].find((f) => f.ptr === ptr);

// A file's bytes for LazyFile: size, read(offset, length) -> ArrayBuffer (synchronous), and
// readAsync (a Promise of the same), or into(offset, destination) for a reader that reads straight
// into the heap; close() when the index no longer needs it.
const blobReader = (blob) => ({
  size: blob.size,
  read: (a, b) => new FileReaderSync().readAsArrayBuffer(blob.slice(a, b)),
  readAsync: (a, b) => blob.slice(a, b).arrayBuffer(),
  close() {},
});

// A FileSystemSyncAccessHandle (an origin private file system file, in a worker): every read is
// synchronous and lands in the wasm heap directly. The index owns the handle and closes it once
// every byte is in place (or when the index is freed), which frees the file for others.
function handleReader(handle) {
  const into = (at, dest) => {
    for (let done = 0; done < dest.length;) {
      const n = handle.read(dest.subarray(done), { at: at + done });
      if (n <= 0) throw new Error('caci: the index file is shorter than it was');
      done += n;
    }
  };
  return { size: handle.getSize(), into, close: () => handle.close() };
}

async function loadHandle(handle, opts) {
  await Caci.init();
  const reader = handleReader(handle);
  const size = reader.size;
  let ptr = 0;
  try {
    const head = new Uint8Array(Math.min(size, 1 << 16));
    reader.into(0, head);
    const layout = (opts?.lazy ?? size >= LAZY_MIN_BYTES) ? fileLayout(new DataView(head.buffer), size) : null;
    let plan = null;
    if (layout) {
      const word = new Uint8Array(4);
      reader.into(layout.dictionaryWordAt, word);
      plan = filePlan(layout, new DataView(word.buffer).getUint32(0, true));
    }
    ptr = M._malloc(size || 1);
    if (ptr === 0) fail(CACI_ENOMEM, 'no wasm memory for the index');
    for (const [a, b] of plan ? plan.eager : [[0, size]]) reader.into(a, M.HEAPU8.subarray(ptr + a, ptr + b));
    const file = plan ? new LazyFile(reader, ptr, plan) : null;
    if (file) lazyFiles.add(file);
    else reader.close();
    const status = M._caci_wasm_index_load_view(ptr, size);
    if (status < 0) {
      file?.forget();
      fail(status, io.cString(M._caci_last_load_error()));
    }
    const index = new Index(opts, ADOPT, io.word(0), ptr);
    ptr = 0;
    if (file) setTimeout(() => file.fillInBackground(), LAZY_BACKGROUND_DELAY_MS);
    return index;
  } catch (error) {
    if (ptr) M._free(ptr);
    try { reader.close(); } catch { /* closed already */ }
    throw error;
  }
}

class LazyFile {
  constructor(reader, ptr, plan) {
    this.reader = reader;
    this.ptr = ptr;
    this.size = reader.size;
    // Per block: 1 once its bytes are in place. A block inside an eager range is in place already.
    this.filled = new Uint8Array(Math.ceil(this.size / LAZY_BLOCK)).fill(1);
    this.missing = 0;
    for (const [a, b] of plan.lazy) {
      for (let k = Math.floor(a / LAZY_BLOCK); k < Math.ceil(b / LAZY_BLOCK); k++) {
        if (this.filled[k]) this.missing++;
        this.filled[k] = 0;
      }
    }
  }

  // Reads blocks [first, last) synchronously and puts the missing ones in place.
  #read(first, last) {
    const a = first * LAZY_BLOCK, b = Math.min(last * LAZY_BLOCK, this.size);
    if (this.reader.into) {
      // Straight into the heap; blocks already there are read again with the same bytes.
      this.reader.into(a, M.HEAPU8.subarray(this.ptr + a, this.ptr + b));
      this.#place(first, last, null);
      return;
    }
    this.#place(first, last, this.reader.read(a, b));
  }

  // Copies the bytes of blocks [first, last) (read as `buffer`; null: read in place already) where
  // they are still missing.
  #place(first, last, buffer) {
    for (let k = first; k < last; k++) {
      if (this.filled[k]) continue;
      const a = k * LAZY_BLOCK, b = Math.min(a + LAZY_BLOCK, this.size);
      if (buffer) M.HEAPU8.set(new Uint8Array(buffer, a - first * LAZY_BLOCK, b - a), this.ptr + a);
      this.filled[k] = 1;
      this.missing--;
    }
    if (this.missing === 0) this.forget();
  }

  // Reads what is missing of file bytes [start, end), synchronously, one read per run of missing
  // blocks (reading ahead was tried: 14 reads of 8 MB took longer than 20 reads of 2 MB).
  fill(start, end) {
    const last = Math.ceil(Math.min(end, this.size) / LAZY_BLOCK);
    for (let k = Math.floor(Math.max(0, start) / LAZY_BLOCK); k < last; k++) {
      if (this.filled[k]) continue;
      let e = k + 1;
      while (e < last && !this.filled[e]) e++;
      this.#read(k, e);
      k = e;
    }
  }

  fillAll() {
    this.fill(0, this.size);
  }

  // The remaining blocks, 1 MiB at a time; each read is asynchronous and its copy runs between
  // requests (never inside wasm code).
  // (A synchronous reader: 4 MiB per task, each read about a millisecond.)
  async fillInBackground() {
    const sync = Boolean(this.reader.into);
    const STEP = (sync ? 4 << 20 : 1 << 20) / LAZY_BLOCK;
    for (let k = 0; k < this.filled.length && lazyFiles.has(this); k += STEP) {
      const e = Math.min(k + STEP, this.filled.length);
      if (this.filled.subarray(k, e).every((f) => f)) continue;
      try {
        if (sync) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (lazyFiles.has(this)) this.fill(k * LAZY_BLOCK, e * LAZY_BLOCK);
          continue;
        }
        const buffer = await this.reader.readAsync(k * LAZY_BLOCK, Math.min(e * LAZY_BLOCK, this.size));
        if (lazyFiles.has(this)) this.#place(k, e, buffer);
      } catch {
        return; // read on demand instead
      }
    }
  }

  forget() {
    if (!lazyFiles.delete(this)) return;
    try { this.reader.close(); } catch { /* closed already */ }
  }
}

// Called from inside the core (a noexcept decode holding a lock): never throws. A block that cannot
// be read (its Blob gone) stays missing, fails its checksum, and the core treats that postings page
// or text chunk as corrupt (no hits from it, an empty snippet) instead of aborting the module.
function bytesNeeded(ptr, len) {
  for (const file of lazyFiles) {
    if (ptr + len > file.ptr && ptr < file.ptr + file.size) {
      try {
        file.fill(ptr - file.ptr, ptr - file.ptr + len);
      } catch {
        // left missing: see above
      }
    }
  }
}

// Which parts of a format 3 file (index_file_v3_layout.hpp) the open reads: everything but the
// postings (section 5) and the text chunks (section 11 after its dictionary, lazy_text.hpp), both
// checksummed piece by piece on first read, when they are the file's last sections in that order.
// null: read the whole file first.
async function lazyPlan(blob) {
  const layout = fileLayout(new DataView(await blob.slice(0, 1 << 16).arrayBuffer()), blob.size);
  if (!layout) return null;
  const at = layout.dictionaryWordAt;
  return filePlan(layout, new DataView(await blob.slice(at, at + 4).arrayBuffer()).getUint32(0, true));
}

// Where the lazily read sections of a file of `size` bytes lie, from its first 64 KiB (head), and
// the offset of the 32-bit word that gives the text dictionary's size; null: not a file to read
// lazily.
function fileLayout(head, size) {
  if (head.byteLength < 56 || head.getUint32(8, true) !== 3) return null;
  const count = head.getUint32(48, true);
  if (56 + count * 32 > head.byteLength) return null;
  const sections = new Map();
  let end = 0;
  for (let i = 0; i < count; i++) {
    const e = 56 + i * 32;
    const off = Number(head.getBigUint64(e + 8, true));
    const len = Number(head.getBigUint64(e + 16, true));
    sections.set(head.getUint32(e, true), { off, len });
    end = Math.max(end, off + len);
  }
  const postings = sections.get(5), data = sections.get(11), table = sections.get(10);
  if (!postings || !data || !table || table.len < 24 || end !== size || data.off + data.len !== size ||
      postings.off + postings.len > data.off) return null;
  for (const [id, s] of sections) if (id !== 5 && id !== 11 && s.off >= postings.off && s.off < data.off && s.off < postings.off + postings.len) return null;
  return { size, postings, data, dictionaryWordAt: table.off + 20 };
}

// The plan of a file laid out as `layout`, whose text dictionary is `dictionary` bytes.
function filePlan(layout, dictionary) {
  const { size, postings, data } = layout;
  const textFrom = data.off + dictionary;
  if (textFrom > size) return null;
  return {
    eager: [[0, postings.off], [postings.off + postings.len, textFrom]],
    lazy: [[postings.off, postings.off + postings.len], [textFrom, size]],
  };
}

const isBlob = (x) => typeof Blob !== 'undefined' && x instanceof Blob;

// The wasm ships inside this file as base64 of its gzip stream (wasm/tools/bundle.mjs).
async function inlinedWasm() {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('caci: this engine lacks DecompressionStream; pass Caci.init({ wasmBinary })');
  }
  // Decoded natively: atob and a loop over its 300,000 characters took ~40 ms of a worker's
  // start, which also held back the messages waiting for it (an index's load).
  let gz;
  if (typeof Uint8Array.fromBase64 === 'function') gz = Uint8Array.fromBase64(WASM_GZIP_BASE64);
  else gz = await (await fetch(`data:application/octet-stream;base64,${WASM_GZIP_BASE64}`)).blob();
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const Caci = {
  /** Instantiates the wasm module (once; later calls return the same promise). */
  init(opts) {
    if (M) return Promise.resolve();
    initializing ??= Promise.resolve(opts?.wasmBinary ?? inlinedWasm())
      .then((wasmBinary) => createCaciModule({ wasmBinary }))
      .then((module) => {
        io = new Marshal(module);
        M = module;
        M.caciBytesNeeded = bytesNeeded;
        for (let status = CACI_EINTERNAL; status <= CACI_DONE; status++) statusNames.set(status, statusName(status));
      }, (error) => {
        initializing = null;
        throw error;
      });
    return initializing;
  },
  get ready() {
    return M !== null;
  },
  version() {
    requireInit();
    return io.cString(M._caci_version_string());
  },
  unicodeVersion() {
    requireInit();
    return io.cString(M._caci_unicode_version());
  },
  /** Parses one page into plain data (no handle to free). */
  parse(input, opts) {
    const doc = new Document(opts);
    try {
      doc.parse(input, opts);
      return { articles: doc.articles(), diagnostics: doc.diagnostics(), stats: doc.stats() };
    } finally {
      doc.free();
    }
  },
  /**
   * Testing aid: the n-th allocation of the engine from now on fails with out-of-memory, once
   * (n = 0 disarms). Returns how many allocations were still to go before this call, 0 when the
   * armed failure has happened. Every call then either throws CaciError CACI_ENOMEM or returns
   * its normal result, and the module stays usable.
   */
  failAllocation(n) {
    requireInit();
    const left = M._caci_wasm_allocations_left();
    M._caci_wasm_fail_allocation(n > 0 ? n : 0);
    return left;
  },
  /** Heap size and live handle count: for leak checks. */
  memoryStats() {
    requireInit();
    return { heapBytes: M.HEAPU8.length, liveHandles: liveHandles() };
  },
  Document,
  Index,
  CaciError,
};

export { CaciError };
export default Caci;
