// TypeScript declarations of dist/caci-worker-client.mjs.
import type { Article, Diagnostic, IndexOptions, SearchOptions, SearchResults, Stats } from './caci.mjs';
export { CaciError } from './caci.mjs';

export interface ProgressDetail {
  done: number;
  total: number;
  file: string;
  bytes: number;
}
export interface AddFilesResult {
  added: number;
  size: number;
  diagnostics: Diagnostic[];
  stats: Stats;
}

export class CaciWorker extends EventTarget {
  /** endpoint: a browser Worker or a node worker_threads Worker running caci-worker.mjs. */
  constructor(endpoint: Worker | { postMessage(message: unknown, transfer?: unknown[]): void; on(event: string, fn: (...args: any[]) => void): unknown; terminate(): unknown });
  /** opts.more: parse only and keep the document for the next call (resolves to { parsed });
   *  the call without more adds it. done/total number the progress events across the calls. */
  addFiles(files: { name: string; bytes: Uint8Array }[], opts?: { more?: false; done?: number; total?: number }): Promise<AddFilesResult>;
  addFiles(files: { name: string; bytes: Uint8Array }[], opts: { more: true; done?: number; total?: number }): Promise<{ parsed: number }>;
  search(query: string, opts?: SearchOptions): Promise<SearchResults>;
  /** Author alias table (lines `Name = Other Name`, `#` comments); kept across clear and load. */
  setAuthorAliases(text: string): Promise<null>;
  personKey(name: string): Promise<string>;
  get(id: string): Promise<Article | null>;
  /** Index.complete() in the worker: the most frequent indexed terms starting with prefix's last word. */
  complete(prefix: string, n?: number): Promise<{ term: string; articles: number }[]>;
  /** Index.related() in the worker: articles like this one, best first (no snippets). */
  related(id: string, n?: number): Promise<SearchResults>;
  remove(id: string): Promise<boolean>;
  size(): Promise<number>;
  save(opts?: { text?: boolean; blob?: false }): Promise<Uint8Array>;
  /** blob: the bytes as a Blob made in the worker (nothing copied on the caller's thread). */
  save(opts: { text?: boolean; blob: true }): Promise<Blob>;
  /** bytes: a Uint8Array, a Blob (a browser File) the worker reads, or { opfs: name }, a file of
   *  the origin private file system the worker reads in place (Index.loadBlob with its handle). */
  load(bytes: Uint8Array | Blob | { opfs: string }): Promise<{ size: number }>;
  clear(): Promise<void>;
  configure(options: IndexOptions): Promise<{ size: number }>;
  version(): Promise<{ version: string; unicodeVersion: string }>;
  terminate(): void;
  addEventListener(type: 'progress', listener: (event: CustomEvent<ProgressDetail>) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}

export function createCaciWorker(url?: string | URL, opts?: { type?: 'module' | 'classic' }): CaciWorker;
