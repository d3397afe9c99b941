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
  addFiles(files: { name: string; bytes: Uint8Array }[]): Promise<AddFilesResult>;
  search(query: string, opts?: SearchOptions): Promise<SearchResults>;
  /** Author alias table (lines `Name = Other Name`, `#` comments); kept across clear and load. */
  setAuthorAliases(text: string): Promise<null>;
  personKey(name: string): Promise<string>;
  get(id: string): Promise<Article | null>;
  remove(id: string): Promise<boolean>;
  size(): Promise<number>;
  save(opts?: { text?: boolean }): Promise<Uint8Array>;
  load(bytes: Uint8Array): Promise<{ size: number }>;
  clear(): Promise<void>;
  configure(options: IndexOptions): Promise<{ size: number }>;
  version(): Promise<{ version: string; unicodeVersion: string }>;
  terminate(): void;
  addEventListener(type: 'progress', listener: (event: CustomEvent<ProgressDetail>) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}

export function createCaciWorker(url?: string | URL, opts?: { type?: 'module' | 'classic' }): CaciWorker;
