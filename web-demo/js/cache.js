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

  // The index bytes are stored in pieces of CHUNK (256 KB) bytes, one transaction each: IndexedDB copies what
  // it stores on the main thread, and a 100 MB index copied at once would freeze the page for most
  // of a second (issue 16: no main-thread task over 50 ms while caching). The entry under KEY is a
  // small manifest naming its pieces, written last, so a save that fails half way (the storage
  // quota exceeded, say) leaves the entry cached before it whole; the old pieces go afterwards.
  const CHUNK = 1 << 18;
  const chunkKey = (generation, i) => `${KEY}:${generation}:${i}`;

  // entry: { bytes: Uint8Array, size, pages, files: [names], savedAt: ISO string, ... }
  // Returns { ok: true }, or { ok: false, quota, message } when the browser refused it.
  async function saveIndex(entry) {
    try {
      await withDb(async (db) => {
        const { bytes, ...rest } = entry;
        const previous = await inTransaction(db, 'readonly', (store) => store.get(KEY));
        const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        const chunks = Math.ceil(bytes.length / CHUNK);
        try {
          for (let i = 0; i < chunks; i++) {
            // slice, not subarray: a view would be stored with its whole buffer.
            const piece = bytes.slice(i * CHUNK, (i + 1) * CHUNK);
            await inTransaction(db, 'readwrite', (store) => store.put(piece, chunkKey(generation, i)));
          }
          await inTransaction(db, 'readwrite', (store) => store.put(Object.assign(rest,
            { generation, chunks, byteLength: bytes.length }), KEY));
        } catch (err) {
          await removeChunks(db, generation, chunks).catch(() => {});
          throw err;
        }
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

  // The cached entry with its bytes put together again (piece by piece, one read each), or null.
  async function loadIndex() {
    try {
      return await withDb(async (db) => {
        const entry = await inTransaction(db, 'readonly', (store) => store.get(KEY));
        if (!entry) return null;
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
