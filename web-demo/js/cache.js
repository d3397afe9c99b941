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

  // Over http(s) the index bytes go to a file of the origin private file system instead, named by
  // the entry (`file`): the worker reads that file in place through a synchronous access handle
  // (wasm/js/worker-handler.mjs), each on-demand read of a search straight into its memory, where
  // a Blob from IndexedDB costs a round trip to the browser per read. The file is written before
  // the entry that names it; a refused entry removes it, a stored one removes the files before it.
  const FILE_PREFIX = 'caci-index-';

  async function privateDir() {
    if (!/^https?:$/.test(location.protocol) || !(navigator.storage && navigator.storage.getDirectory)) return null;
    try { return await navigator.storage.getDirectory(); } catch (err) { return null; }
  }

  async function writeFile(dir, blob) {
    const name = `${FILE_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.caci`;
    const handle = await dir.getFileHandle(name, { create: true });
    try {
      const writable = await handle.createWritable();
      await writable.write(blob);
      await writable.close();
    } catch (err) {
      await dir.removeEntry(name).catch(() => {});
      throw err;
    }
    return name;
  }

  // Every index file but `keep` (one still open in a worker is locked and stays until next time).
  async function removeFiles(dir, keep) {
    if (!dir) return;
    const names = [];
    for await (const name of dir.keys()) if (name.startsWith(FILE_PREFIX) && name !== keep) names.push(name);
    for (const name of names) await dir.removeEntry(name).catch(() => {});
  }

  // entry: { blob: Blob, size, pages, diagnostics, files: [names], savedAt: ISO string, ... }
  // Returns { ok: true }, or { ok: false, quota, message } when the browser refused it.
  async function saveIndex(entry) {
    let dir = null;
    let file = null;
    try {
      const { blob, diagnostics, files, ...rest } = entry;
      dir = await privateDir();
      if (dir) {
        try {
          file = await writeFile(dir, blob);
        } catch (err) {
          if (err && err.name === 'QuotaExceededError') throw err;
          file = null;   // kept in IndexedDB instead
        }
      }
      await withDb(async (db) => {
        // The diagnostics and file names (thousands of small objects on a big archive) go as one
        // JSON string: IndexedDB clones a string in one copy, but a list of objects one by one.
        rest.listsJson = JSON.stringify({ diagnostics: diagnostics || [], files: files || [] });
        const previous = await inTransaction(db, 'readonly', (store) => store.get(KEY));
        const bytes = file ? { file } : { blob };
        await inTransaction(db, 'readwrite', (store) => store.put(Object.assign(rest, bytes, { byteLength: blob.size }), KEY));
        if (previous && previous.generation) await removeChunks(db, previous.generation, previous.chunks).catch(() => {});
      });
      await removeFiles(dir, file).catch(() => {});
      return { ok: true };
    } catch (err) {
      if (file) await dir.removeEntry(file).catch(() => {});
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
        if (typeof entry.file === 'string') {   // opened by the worker (js/archive.js loadIndexBytes)
          entry.bytes = { opfs: entry.file, size: entry.byteLength };
          return entry;
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
    try { await removeFiles(await privateDir(), null); } catch (err) { /* nothing cached */ }
  }

  ns.cache = { saveIndex, loadIndex, clearIndex, savedAt };
})(window.CaciDemo = window.CaciDemo || {});
