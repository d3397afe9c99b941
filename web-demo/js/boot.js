// Starts what reopening the page waits for the moment the page starts loading, before the rest of
// its scripts arrive: the worker (which then compiles the engine), the read of the cached index
// from IndexedDB, and the index's load in the worker. js/app.js takes them over when the page is
// ready. Loaded without defer, with
// js/engine.js and js/cache.js, from the <head>.
'use strict';
(function (ns) {
  performance.mark('caci:start');
  const engine = ns.engine.createEngine();
  engine.catch(() => {}); // reported by js/app.js
  const cached = ns.cache.loadIndex().then((entry) => {
    performance.mark('caci:cache-read');
    return entry;
  });
  // A cached index goes to the worker as soon as both are there (js/app.js shows it when ready).
  const loading = Promise.all([engine, cached]).then(([e, entry]) => (entry ? e.load(entry.bytes) : null));
  loading.catch(() => {}); // reported by js/archive.js loadIndexBytes
  ns.boot = { engine, cached, loading };
})(window.CaciDemo = window.CaciDemo || {});
