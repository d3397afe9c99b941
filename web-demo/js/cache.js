// Keeps the last built index in IndexedDB so the demo reopens instantly. Every failure (private
// mode, storage disabled, file:// quirks) degrades to "no cache" rather than an error.
'use strict';
(function (ns) {
  const DB_NAME = 'caci-demo';
  const STORE = 'cache';
  const KEY = 'last-index';

  function open() {
    return new Promise((resolve, reject) => {
      if (!globalThis.indexedDB) { reject(new Error('IndexedDB unavailable')); return; }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB blocked'));
    });
  }

  // One transaction on an open database; resolves with the request's result.
  function inTransaction(db, mode, fn) {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req && req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    });
  }

  async function withDb(fn) {
    const db = await open();
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  }

  // The index is stored as a Blob the worker made (js/archive.js): IndexedDB keeps a Blob by
  // reference, so neither the put nor the read copies the 100 MB of a big archive on the main
  // thread (issue 16: no main-thread task over 50 ms while caching), and the entry (a small
  // manifest with its Blob) is written in one put: a refused put (the storage quota exceeded)
  // leaves the entry cached before it whole. Entries of earlier versions of the demo (the bytes
  // whole, or in 256 KB pieces named by the manifest) are still read, and their pieces removed.
  const chunkKey = (generation, i) => `${KEY}:${generation}:${i}`;
  const CHUNK = 1 << 18;

  // entry: { blob: Blob, size, pages, diagnostics, files: [names], savedAt: ISO string, ... }
  // Returns { ok: true }, or { ok: false, quota, message } when the browser refused it.
  async function saveIndex(entry) {
    try {
      await withDb(async (db) => {
        const { blob, diagnostics, files, ...rest } = entry;
        // The diagnostics and file names (thousands of small objects on a big archive) go as one
        // JSON string: IndexedDB clones a string in one copy, but a list of objects one by one.
        rest.listsJson = JSON.stringify({ diagnostics: diagnostics || [], files: files || [] });
        const previous = await inTransaction(db, 'readonly', (store) => store.get(KEY));
        await inTransaction(db, 'readwrite', (store) => store.put(Object.assign(rest, { blob, byteLength: blob.size }), KEY));
        if (previous && previous.generation) await removeChunks(db, previous.generation, previous.chunks).catch(() => {});
      });
      return { ok: true };
    } catch (err) {
      const name = err && err.name;
      return { ok: false, quota: name === 'QuotaExceededError', message: (err && err.message) || String(err) };
    }
  }

  function removeChunks(db, generation, count) {
    return inTransaction(db, 'readwrite', (store) => {
      for (let i = 0; i < count; i++) store.delete(chunkKey(generation, i));
    });
  }

  // When the cached entry was saved (ISO string), or null; reads the manifest only.
  async function savedAt() {
    try {
      const entry = await withDb((db) => inTransaction(db, 'readonly', (store) => store.get(KEY)));
      return entry ? entry.savedAt || null : null;
    } catch (err) {
      return null;
    }
  }

  // The cached entry, or null. Its bytes: the stored Blob (the worker reads it), or those of an
  // older entry put together again (piece by piece, one read each).
  async function loadIndex() {
    try {
      return await withDb(async (db) => {
        const entry = await inTransaction(db, 'readonly', (store) => store.get(KEY));
        if (!entry) return null;
        if (typeof entry.listsJson === 'string') {
          const lists = JSON.parse(entry.listsJson);
          delete entry.listsJson;
          entry.diagnostics = lists.diagnostics;
          entry.files = lists.files;
        }
        if (entry.blob instanceof Blob) {   // read by the worker (js/archive.js loadIndexBytes)
          entry.bytes = entry.blob;
          delete entry.blob;
          return entry;
        }
        if (entry.bytes) {   // saved whole, by an earlier version of the demo
          if (!(entry.bytes instanceof Uint8Array)) entry.bytes = new Uint8Array(entry.bytes);
          return entry;
        }
        if (!entry.generation) return null;
        const bytes = new Uint8Array(entry.byteLength);
        for (let i = 0; i < entry.chunks; i++) {
          const piece = await inTransaction(db, 'readonly', (store) => store.get(chunkKey(entry.generation, i)));
          if (!piece) return null;
          bytes.set(piece instanceof Uint8Array ? piece : new Uint8Array(piece), i * CHUNK);
        }
        entry.bytes = bytes;
        return entry;
      });
    } catch (err) {
      return null;
    }
  }

  async function clearIndex() {
    try { await withDb((db) => inTransaction(db, 'readwrite', (store) => store.clear())); } catch (err) { /* nothing cached */ }
  }

  ns.cache = { saveIndex, loadIndex, clearIndex, savedAt };
})(window.CaciDemo = window.CaciDemo || {});
