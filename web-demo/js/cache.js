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

  async function run(mode, fn) {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req && req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
      });
    } finally {
      db.close();
    }
  }

  // entry: { bytes: Uint8Array, size, pages, files: [names], savedAt: ISO string, label }
  // Returns { ok: true }, or { ok: false, quota, message } when the browser refused it. The put is
  // one transaction: a refused save (the storage quota exceeded, say) leaves the entry cached
  // before it untouched.
  async function saveIndex(entry) {
    try {
      await run('readwrite', (store) => store.put(entry, KEY));
      return { ok: true };
    } catch (err) {
      const name = err && err.name;
      return { ok: false, quota: name === 'QuotaExceededError', message: (err && err.message) || String(err) };
    }
  }

  // When the cached entry was saved (ISO string), or null: without loading its bytes' worth of
  // archive into the page twice, as far as IndexedDB allows (the entry is read whole).
  async function savedAt() {
    const entry = await loadIndex();
    return entry ? entry.savedAt || null : null;
  }

  async function loadIndex() {
    try {
      const entry = await run('readonly', (store) => store.get(KEY));
      if (!entry || !entry.bytes) return null;
      if (!(entry.bytes instanceof Uint8Array)) entry.bytes = new Uint8Array(entry.bytes);
      return entry;
    } catch (err) {
      return null;
    }
  }

  async function clearIndex() {
    try { await run('readwrite', (store) => store.delete(KEY)); } catch (err) { /* nothing cached */ }
  }

  ns.cache = { saveIndex, loadIndex, clearIndex, savedAt };
})(window.CaciDemo = window.CaciDemo || {});
