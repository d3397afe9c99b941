// TypeScript declarations of the libcaci JavaScript API (dist/caci.mjs). Hand-written; checked by
// wasm/test/types.test.mjs with `tsc --noEmit`.

// BEGIN GENERATED: kinds (tools/gen_tables.py; edit core/tables, not this)
export type ArticleKind = 'article' | 'excerpt' | 'teaser' | 'digest';
export type SectionKind = 'background' | 'implications' | 'conclusions';
// END GENERATED: kinds

export interface Author {
  name: string;
  honorifics: string[];
  affiliation: string | null;
}
export interface Section {
  kind: SectionKind;
  heading: string;
  paragraphs: string[];
}
export interface Link {
  kind: string;
  title: string;
}
/** Another version of an article (Article.versions). */
export interface Version {
  id: string;
  kind: ArticleKind;
}
export interface Source {
  file: string | null;
  line: number;
  byte_start: number;
  byte_end?: number;
}
/** The caci-archive/1 article object (FORMAT.md section 3) plus the article text. */
export interface Article {
  id: string;
  kind: ArticleKind;
  category: string | null;
  title: string | null;
  authors: Author[];
  date: string | null;
  date_partial: string | null;
  lead: string[];
  photo_credit: string | null;
  sections: Section[];
  bio: string[];
  links: Link[];
  flags: string[];
  source: Source;
  duplicates: Source[];
  /** The other versions of this article: the full article an excerpt or teaser was cut from, and
   *  its other excerpts and teasers (full article first). Fetch one with Index.get(id). */
  versions: Version[];
  /** Title, lead, section and bio paragraphs, each followed by "\n"; hit offsets index into it. */
  text: string;
  [field: string]: unknown;
}
export interface Diagnostic {
  file: string | null;
  /** 1-based */
  line: number;
  /** 1-based byte column */
  column: number;
  severity: 'warning' | 'error';
  code: string;
  message: string;
  byte_start: number;
  byte_end: number;
}
export interface Stats {
  bytes: number;
  articles: number;
  duplicates: number;
  bytes_articles: number;
  bytes_boilerplate: number;
  bytes_unclassified: number;
}
export interface ParseResult {
  articles: Article[];
  diagnostics: Diagnostic[];
  stats: Stats;
}
export interface ParseOptions {
  /** Invalid UTF-8 throws CaciError CACI_EUTF8 (the page is still parsed, with U+FFFD). */
  strict?: boolean;
  /** Fold typographic quotes and apostrophes to ASCII. */
  foldQuotes?: boolean;
}
export interface IndexOptions {
  k1?: number;
  b?: number;
  /** title, authors, lead, sections, bio */
  fieldWeights?: number[];
  /** false: a query word matches only its own form, not its other Snowball English forms
   *  (CACI_INDEX_NO_STEMMING; saved with the index). Default true. */
  stemming?: boolean;
  /** false: a place name matches only its own spelling, not its regional variants
   *  (CACI_INDEX_NO_NAME_VARIANTS; saved with the index). Default true. */
  nameVariants?: boolean;
}
export interface SearchOptions {
  limit?: number;
  offset?: number;
  facets?: boolean;
  sort?: 'relevance' | 'date_desc' | 'date_asc';
  /** Target snippet length in bytes; 0 disables snippets. */
  snippetBytes?: number;
  /** One hit per group of versions (an excerpt or teaser and its full article): the best ranked;
   *  total and facets count groups. */
  collapseVersions?: boolean;
  /** "Did you mean": when a query word is rare or unknown, corrected whole queries with their
   *  totals in results.suggestions. */
  suggest?: boolean;
}
/** [start, end) in UTF-16 code units of article.text. */
export interface Range {
  start: number;
  end: number;
}
export interface Hit {
  id: string;
  score: number;
  article: Article;
  snippet: Range & { text: string };
  highlights: Range[];
}
export interface FacetValue {
  value: string;
  count: number;
}
export interface Facets {
  author: FacetValue[];
  year: FacetValue[];
  kind: FacetValue[];
  category: FacetValue[];
  /** The countries of the region the hits are about (Kazakhstan, ...). */
  country: FacetValue[];
}
export interface SearchResults {
  total: number;
  hits: Hit[];
  facets?: Facets;
  /** With { suggest: true }: corrected queries, best first. */
  suggestions?: { query: string; total: number }[];
}

export class CaciError extends Error {
  readonly name: 'CaciError';
  /** The caci_status (negative). */
  readonly status: number;
  /** "CACI_EQUERY", ... */
  readonly statusName: string;
  /** The library's message without the status name. */
  readonly detail: string;
  /** Query errors: UTF-16 index into the query string. */
  readonly offset?: number;
}

export class Document {
  constructor(opts?: ParseOptions);
  parse(input: string | Uint8Array, opts?: { file?: string }): void;
  /**
   * A speed hint before parsing pages of `inputBytes` bytes in all: makes room for their text at
   * once, so the document does not grow (copying its text) page after page. Parsing 160 MB of
   * pages, it saves about a third of the time.
   */
  reserve(inputBytes: number): void;
  /** Records that a file could not be read: an "io_error" diagnostic naming it. */
  addIoError(file: string, message?: string): void;
  readonly articleCount: number;
  articles(): Article[];
  diagnostics(): Diagnostic[];
  stats(): Stats;
  /** The whole caci-archive/1 document. */
  toJSON(): { schema: string; articles: Omit<Article, 'text'>[]; diagnostics: object[]; stats: object };
  free(): void;
  [Symbol.dispose](): void;
}

export class Index {
  constructor(opts?: IndexOptions);
  /** Adds a Document, or parses one page and adds it. Returns the number of articles added. */
  add(source: Document | string | Uint8Array, opts?: { file?: string }): number;
  /** id: 16 hex digits. */
  remove(id: string): boolean;
  readonly size: number;
  get(id: string): Article | null;
  search(query: string, opts?: SearchOptions): SearchResults;
  /** Author alias table: lines `Name = Other Name`, `#` comments. Throws CaciError (CACI_EINVAL,
   *  "aliases line N: ...") on a malformed line, keeping the previous table. */
  setAuthorAliases(text: string): void;
  readonly authorAliases: string;
  /** Person key of an author name ("frederick starr"), after the alias table. */
  personKey(name: string): string;
  /** text: false writes a search-only file (metadata and titles, no paragraphs; flag 'text_omitted'
   *  on its articles once loaded; empty snippets). */
  save(opts?: { text?: boolean }): Uint8Array;
  /** Opens saved bytes: one copy into the wasm heap, then read in place (terms, postings and
   *  article text are decoded when a search needs them). */
  static load(bytes: Uint8Array, opts?: object): Index;
  /**
   * Opens an index file held in a Blob or File. In a worker (FileReaderSync) the article text is
   * read when first needed and in the background, so the index opens after reading about a third
   * of the file; elsewhere the whole file is read first. `lazy` (default: files of 4 MiB and more)
   * chooses whether a worker reads the text and postings on demand. In a worker `blob` may also be
   * a FileSystemSyncAccessHandle (origin private file system): read synchronously straight into
   * wasm memory; the index closes it once the whole file is read, or when freed.
   */
  static loadBlob(blob: Blob | { getSize(): number; read(buffer: Uint8Array, opts: { at: number }): number; close(): void },
    opts?: { lazy?: boolean }): Promise<Index>;
  /** Up to n indexed terms starting with the last word of prefix, most frequent first. */
  complete(prefix: string, n?: number): { term: string; articles: number }[];
  /** Articles related to article id (16 hex digits), best first; no snippets. */
  related(id: string, n?: number): SearchResults;
  /** Checks every checksum the opening left for later; throws CaciError (CACI_ECORRUPT). */
  verify(): void;
  free(): void;
  [Symbol.dispose](): void;
}

export interface CaciApi {
  /** Instantiates the wasm module; idempotent. */
  init(opts?: { wasmBinary?: Uint8Array }): Promise<void>;
  readonly ready: boolean;
  version(): string;
  unicodeVersion(): string;
  parse(input: string | Uint8Array, opts?: ParseOptions & { file?: string }): ParseResult;
  /** Heap size and the number of live handles (leak checks). */
  /** Testing aid: the n-th engine allocation from now fails once with CACI_ENOMEM (0 disarms);
   *  returns how many allocations were still to go before this call. */
  failAllocation(n: number): number;
  memoryStats(): { heapBytes: number; liveHandles: number };
  Document: typeof Document;
  Index: typeof Index;
  CaciError: typeof CaciError;
}
export const Caci: CaciApi;
export default Caci;
