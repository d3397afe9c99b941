// Main-thread side of the worker: CaciWorker turns the message protocol of worker-handler.mjs into
// promises, and re-dispatches progress messages as 'progress' events.
import { CaciError } from './errors.mjs';

export class CaciWorker extends EventTarget {
  #endpoint;
  #next = 1;
  #pending = new Map();
  #terminated = false;

  /** endpoint: a Worker (browser) or a node worker_threads Worker. */
  constructor(endpoint) {
    super();
    this.#endpoint = endpoint;
    const onMessage = (data) => this.#receive(data);
    const onError = (error) => this.#failAll(error instanceof Error ? error : new Error(error?.message ?? 'caci worker failed'));
    if (typeof endpoint.addEventListener === 'function') {
      endpoint.addEventListener('message', (event) => onMessage(event.data));
      endpoint.addEventListener('error', (event) => {
        event.preventDefault?.();
        onError(event.error ?? new Error(event.message || 'caci worker failed to start'));
      });
      endpoint.addEventListener('messageerror', () => onError(new Error('caci worker: message could not be deserialised')));
    } else {
      endpoint.on('message', onMessage);
      endpoint.on('error', onError);
      endpoint.on('exit', (code) => onError(new Error(`caci worker exited (${code})`)));
    }
  }

  #receive(data) {
    const pending = this.#pending.get(data?.id);
    if (!pending) return;
    if (data.progress) {
      this.dispatchEvent(new CustomEvent('progress', { detail: data.progress }));
      return;
    }
    this.#pending.delete(data.id);
    if (data.ok) pending.resolve(data.result);
    else pending.reject(data.error?.name === 'CaciError' ? CaciError.fromJSON(data.error) : Object.assign(new Error(data.error?.message), { name: data.error?.name ?? 'Error' }));
  }

  #failAll(error) {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }

  #call(op, args, transfer) {
    if (this.#terminated) return Promise.reject(new Error('caci worker is terminated'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#endpoint.postMessage({ id, op, args }, transfer ?? []);
    });
  }

  /** Parses files (each {name, bytes}) as one document and adds its articles to the index.
   *  opts.more: parse only, keep the document for the next call (a folder sent in pieces stays one
   *  document); opts.done/opts.total number the progress events across such calls. */
  addFiles(files, opts) {
    return this.#call('addFiles', { files, more: Boolean(opts?.more), done: opts?.done ?? 0, total: opts?.total });
  }
  search(query, options) {
    return this.#call('search', { query, options });
  }
  /** Author alias table (lines `Name = Other Name`); kept when the index is cleared or loaded. */
  setAuthorAliases(text) {
    return this.#call('setAuthorAliases', { text });
  }
  personKey(name) {
    return this.#call('personKey', { name });
  }
  get(id) {
    return this.#call('get', { id });
  }
  /** Index.complete() in the worker: [{ term, articles }]. */
  complete(prefix, n) {
    return this.#call('complete', { prefix, n });
  }
  /** Index.related() in the worker: { total, hits }. */
  related(id, n) {
    return this.#call('related', { id, n });
  }
  remove(id) {
    return this.#call('remove', { id });
  }
  size() {
    return this.#call('size', {});
  }
  /** opts.blob: resolve to a Blob made in the worker instead of a Uint8Array. */
  save(opts = {}) {
    return this.#call('save', { text: opts.text, blob: Boolean(opts.blob) });
  }
  /** bytes: a Uint8Array, or a Blob (a File) the worker reads. */
  load(bytes) {
    return this.#call('load', { bytes });
  }
  clear() {
    return this.#call('clear', {});
  }
  /** Replaces the index by an empty one with these options ({k1, b, fieldWeights}). */
  configure(options) {
    return this.#call('configure', { options });
  }
  version() {
    return this.#call('version', {});
  }
  terminate() {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#failAll(new Error('caci worker is terminated'));
    this.#endpoint.terminate();
  }
}

/**
 * Starts the worker. With `url`, that script (a module worker unless opts.type is 'classic').
 * Without: the classic bundle from globalThis.CACI_WORKER_SOURCE (set by caci-worker-source.js)
 * through a Blob URL when present (works from file://), else caci-worker.mjs next to this module.
 */
export function createCaciWorker(url, opts) {
  if (url) return new CaciWorker(new Worker(url, { type: opts?.type ?? 'module' }));
  if (typeof globalThis.CACI_WORKER_SOURCE === 'string') {
    const blob = new Blob([globalThis.CACI_WORKER_SOURCE], { type: 'text/javascript' });
    const blobUrl = URL.createObjectURL(blob);
    const worker = new Worker(blobUrl);
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10000);
    return new CaciWorker(worker);
  }
  if (typeof location !== 'undefined' && location.protocol === 'file:') {
    throw new Error('caci: a page opened from file:// cannot start a module worker; load caci-worker-source.js first');
  }
  return new CaciWorker(new Worker(new URL('./caci-worker.mjs', import.meta.url), { type: 'module' }));
}

export { CaciError };
