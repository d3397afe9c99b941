// The search engine runs in a Web Worker so parsing and indexing never freeze the page.
// Over http(s) the worker is caci/caci-worker.bundle.js itself (the browser caches it; the page
// never parses its 450 KB). From file://, where browsers refuse `new Worker('file:///...')`, it is
// started from a Blob URL of the same script's text, which caci/caci-worker-source.js (a classic
// script, loaded only then) puts in globalThis.CACI_WORKER_SOURCE.
'use strict';
(function (ns) {
  class EngineError extends Error {
    constructor(info) {
      super((info && info.message) || 'engine error');
      this.name = 'CaciError';
      this.status = info && info.status;
      this.statusName = info && info.statusName;
      if (info && typeof info.offset === 'number') this.offset = info.offset;
    }
  }

  // Speaks the caci worker protocol of wasm/js/worker-handler.mjs ({id, op, args} requests;
  // {id, ok, result | error} replies; {id, progress} events) and exposes the CaciWorker API of
  // JSAPI.md. (wasm/dist/caci-worker-client.mjs is an ES module, which a file:// page cannot load.)
  class Engine extends EventTarget {
    constructor(worker) {
      super();
      this.worker = worker;
      this.nextId = 1;
      this.pending = new Map();
      worker.addEventListener('message', (event) => this.onMessage(event.data));
      worker.addEventListener('error', (event) => this.failAll(event.message || 'worker failed to start'));
      worker.addEventListener('messageerror', () => this.failAll('worker message could not be decoded'));
    }

    onMessage(msg) {
      if (!msg || typeof msg !== 'object') return;
      if (msg.progress) {
        this.dispatchEvent(new CustomEvent('progress', { detail: msg.progress }));
        return;
      }
      const entry = this.pending.get(msg.id);
      if (!entry) return;
      this.pending.delete(msg.id);
      if (msg.ok === false || msg.error) entry.reject(new EngineError(msg.error));
      else entry.resolve(msg.result);
    }

    failAll(message) {
      this.failed = message;
      for (const entry of this.pending.values()) entry.reject(new EngineError({ message }));
      this.pending.clear();
    }

    call(op, args, transfer) {
      if (this.failed) return Promise.reject(new EngineError({ message: this.failed }));
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage({ id, op, args }, transfer || []);
      });
    }

    // The byte buffers move to the worker (transferred, not copied): callers must not reuse them.
    // opts { more, done, total }: a folder sent in pieces (wasm/js/worker-handler.mjs): with more,
    // the pages are parsed and kept for the next call; the call without more adds them all.
    // A file's bytes may be a File (Blob): it is posted as a handle and the worker reads it.
    // opts.inputBytes: all the pages' bytes, so the worker makes room for their text at once.
    addFiles(files, opts) {
      const buffers = new Set(files.filter((f) => f.bytes instanceof Uint8Array).map((f) => f.bytes.buffer));
      const list = files.map((f) => ({ name: f.name, bytes: f.bytes }));
      const o = opts || {};
      return this.call('addFiles', { files: list, more: Boolean(o.more), done: o.done || 0, total: o.total, inputBytes: o.inputBytes || 0 }, [...buffers]);
    }
    complete(prefix, n) { return this.call('complete', { prefix, n }); }
    related(id, n) { return this.call('related', { id, n }); }
    search(query, options) { return this.call('search', { query, options: options || {} }); }
    get(id) { return this.call('get', { id }); }
    remove(id) { return this.call('remove', { id }); }
    // opts.blob: a Blob made in the worker (nothing copied on this thread).
    save(opts) { return this.call('save', { blob: Boolean(opts && opts.blob) }); }
    // bytes: a Uint8Array (moved to the worker) or a Blob/File the worker reads.
    // The reply has the worker's stage times (js/archive.js marks them).
    load(bytes) { return this.call('load', { bytes, timings: true }, bytes instanceof Uint8Array ? [bytes.buffer] : []); }
    clear() { return this.call('clear', {}); }
    version() { return this.call('version', {}); }
    terminate() { this.worker.terminate(); this.failAll('worker terminated'); }
  }

  function loadScript(src) {
    return new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = script.onerror = () => resolve();
      document.head.append(script);
    });
  }

  // Resolves to the Engine; rejects when the worker's script is missing.
  async function createEngine() {
    if (/^https?:$/.test(location.protocol)) {
      return new Engine(new Worker(new URL('caci/caci-worker.bundle.js', document.baseURI), { name: 'caci' }));
    }
    if (typeof globalThis.CACI_WORKER_SOURCE !== 'string') await loadScript('caci/caci-worker-source.js');
    const source = globalThis.CACI_WORKER_SOURCE;
    if (typeof source !== 'string' || source.length === 0) {
      throw new Error('caci/caci-worker-source.js did not load: run web-demo/build.sh after wasm/build.sh');
    }
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'caci' });
    // The worker keeps its own copy of the script; the URL can go once it has started.
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return new Engine(worker);
  }

  ns.engine = { createEngine, EngineError };
})(window.CaciDemo = window.CaciDemo || {});
