// Loading an archive: the bundled samples, the user's pages, index files and the browser's cache
// (written in the background once the page is usable); saving, resetting and clearing it.
'use strict';
(function (ns) {
  const { base64ToBytes, plural, formatBytes, refocusOpener } = ns.dom;
  const { state, setStatus, readyText, reportFailure, setBusy, showProgress, download } = ns.state;
  const { addDiagnostics, clearDiagnostics } = ns.diagnostics;
  const runSearch = (opts) => ns.search.runSearch(opts);
  const $ = (id) => document.getElementById(id);

  // Text pages are .txt (or .text); anything else in a picked or dropped folder is skipped, and said.
  const isPageName = (name) => /\.(txt|text)$/i.test(name);
  const isIndexName = (name) => /\.caci$/i.test(name);
  const fileSignature = (file) => `${file.size}:${file.lastModified || 0}`;

  function listNames(names) {
    const shown = names.slice(0, 3).join(', ');
    return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
  }

  // Pages go to the worker in pieces of at most PIECE_BYTES or PIECE_FILES, and a picked File goes
  // as it is (a handle: the worker reads its bytes). Reading 160 MB of pages on the page and posting
  // them in one message held the main thread for 70-230 ms at a time (the post, and the garbage
  // collections of the page buffers). The worker keeps the pieces as one document (duplicates
  // merged across them) and adds it with the last piece.
  const PIECE_BYTES = 4 * 1024 * 1024;
  const PIECE_FILES = 64;

  // files: [{ name, signature, size, bytes: Uint8Array | File }]. The bundled samples are made up:
  // your first pages replace them instead of being mixed with them.
  async function indexFiles(files, originLabel, notes, asSamples) {
    if (files.length === 0) return;
    setBusy(+1);
    const sizeOf = (f) => (f.bytes instanceof Uint8Array ? f.bytes.length : f.size || 0);
    const totalBytes = files.reduce((n, f) => n + sizeOf(f), 0);
    showProgress(0, files.length, `Parsing ${plural(files.length, 'page')} (${formatBytes(totalBytes)})…`);
    setStatus(`indexing ${plural(files.length, 'page')}…`);
    try {
      let replaced = false;
      if (!asSamples && state.samples) {
        await state.engine.clear();
        forgetArchive();
        replaced = true;
      }
      let result = null;
      for (let start = 0; start < files.length;) {
        let end = start + 1;
        let bytes = sizeOf(files[start]);
        while (end < files.length && end - start < PIECE_FILES && bytes + sizeOf(files[end]) <= PIECE_BYTES) bytes += sizeOf(files[end++]);
        const more = end < files.length;
        result = await state.engine.addFiles(files.slice(start, end), { more, done: start, total: files.length, inputBytes: totalBytes });
        start = end;
      }
      state.size = result.size;
      for (const f of files) state.files.set(f.name, f.signature || '');
      state.pages = state.files.size;
      state.samples = Boolean(asSamples);
      state.origin = originLabel || '';
      addDiagnostics(result.diagnostics);
      if (!state.restoring) state.offset = 0;
      state.restoring = false;
      await runSearch();   // the results are current before the page says ready
      const all = (notes || []).slice();
      if (replaced) all.unshift('replaced the bundled sample pages');
      setStatus(readyText() + (all.length ? ' — ' + all.join('; ') : ''));
      scheduleRemember();
    } catch (err) {
      reportFailure('could not index the pages', err);
    } finally {
      setBusy(-1);
    }
  }

  // records: [{ file: File, path }]. Keeps the pages, skips (and reports) other files and pages
  // already in the archive (same name, size and date).
  async function addPageFiles(records, originLabel) {
    const notes = [];
    const skipped = records.filter((r) => !isPageName(r.path) && !isIndexName(r.path)).map((r) => r.path);
    const pages = records.filter((r) => isPageName(r.path));
    const fresh = pages.filter((r) => state.samples || state.files.get(r.path) !== fileSignature(r.file));
    const freshSet = new Set(fresh);
    const again = pages.filter((r) => !freshSet.has(r)).map((r) => r.path);
    if (skipped.length) notes.push(`skipped ${plural(skipped.length, 'file')} that ${skipped.length === 1 ? 'is' : 'are'} not a .txt page: ${listNames(skipped)}`);
    if (again.length) notes.push(`${plural(again.length, 'page')} already in the archive: ${listNames(again)}`);
    if (fresh.length === 0) {
      setStatus(`${readyText()}${notes.length ? ' — ' + notes.join('; ') : ' — no .txt pages to add'}`);
      return;
    }
    const files = fresh.map((r) => ({ name: r.path, bytes: r.file, size: r.file.size, signature: fileSignature(r.file) }));
    await indexFiles(files, originLabel || (files.length === 1 ? `added ${files[0].name}` : 'your pages'), notes, false);
  }

  async function loadSamples() {
    const samples = globalThis.CACI_SAMPLES || [];
    const files = samples.map((s) => ({ name: s.name, bytes: base64ToBytes(s.base64), signature: 'sample' }));
    if (files.length === 0) { setStatus('ready: 0 articles — no bundled sample pages; add your own'); return; }
    state.samples = true;
    await indexFiles(files, 'made-up examples bundled with the demo, not real Analyst articles', [], true);
  }

  // Forgets what described the previous archive (after the engine was cleared or replaced).
  function forgetArchive() {
    state.size = 0; state.pages = 0; state.origin = ''; state.samples = false;
    state.files = new Map();
    clearDiagnostics();
  }

  // bytes: a Uint8Array, or a Blob/File that the worker reads (the page never copies it).
  // loading: the engine's load of these bytes when it was already asked for (js/boot.js).
  async function loadIndexBytes(bytes, originLabel, cached, loading) {
    setBusy(+1);
    showProgress(0, 1, `Loading index (${formatBytes(bytes instanceof Uint8Array ? bytes.length : bytes.size)})…`);
    try {
      const result = await (loading || state.engine.load(bytes));
      markStages(result.timings);
      forgetArchive();
      state.size = result.size;
      state.samples = Boolean(cached && cached.samples);
      state.files = new Map((cached && cached.files) || []);
      state.pages = (cached && cached.pages) || null;
      state.origin = originLabel;
      if (!state.restoring) state.offset = 0;
      state.restoring = false;
      if (cached) addDiagnostics(cached.diagnostics || []);
      // The first hits are on screen before the facets (js/search.js runSearch): the page is
      // ready then.
      let shown = false;
      const ready = () => {
        if (shown) return;
        shown = true;
        setStatus(readyText());
        performance.mark('caci:results');
      };
      await runSearch({ quick: ready });
      ready();
      performance.mark('caci:results-complete');
      return true;
    } catch (err) {
      reportFailure(`could not load the index ${originLabel.replace(/^index /, '')}`, err);
      return false;
    } finally {
      setBusy(-1);
    }
  }

  // The worker's stage times (epoch milliseconds) as marks on this page's timeline.
  function markStages(timings) {
    if (!timings || typeof performance.mark !== 'function') return;
    for (const [name, at] of Object.entries(timings)) {
      if (at > 0) performance.mark(`caci:worker:${name}`, { startTime: Math.max(0, at - performance.timeOrigin) });
    }
  }

  // Keeps the current index in IndexedDB for an instant reopen. Written in the background once the
  // page is usable (and not while the user is busy searching a big archive: a save ties up the
  // worker for a moment).
  let rememberTimer = 0;
  function scheduleRemember() {
    clearTimeout(rememberTimer);
    state.cachePending = true;
    rememberTimer = setTimeout(() => { rememberTimer = 0; remember(); }, 600);
  }

  async function remember() {
    state.cachePending = true;
    try {
      if (state.size === 0) { await ns.cache.clearIndex(); return; }
      // A Blob made in the worker: the 100 MB of a big archive are never copied on this thread.
      const blob = await state.engine.save({ blob: true });
      const saved = await ns.cache.saveIndex({ blob, size: state.size, pages: state.pages, diagnostics: state.diagnostics,
        samples: state.samples, files: [...state.files], savedAt: new Date().toISOString() });
      if (!saved.ok) {
        // The browser refused the new archive; the one cached before stays, and the user is told
        // which one will open next time.
        const previous = await ns.cache.savedAt();
        const why = saved.quota ? "the browser's storage for this page is full" : saved.message;
        const kept = previous
          ? `the archive cached ${new Date(previous).toLocaleString('en')} is kept and opens next time`
          : 'nothing is cached, so the page will start from the samples next time';
        setStatus(`${readyText()} — not cached in this browser (${why}): ${kept}. Use "Save index" to keep this archive in a file.`, true);
      }
    } catch (err) {
      console.warn('index not cached:', err.message);
    } finally {
      if (!rememberTimer) state.cachePending = false;
    }
  }

  async function saveIndexFile() {
    setBusy(+1);
    try {
      const blob = await state.engine.save({ blob: true });
      download(`caci-archive-${state.size}.caci`, blob, 'application/octet-stream');
      setStatus(`${readyText()} — saved index (${formatBytes(blob.size)})`);
    } catch (err) {
      reportFailure('could not save the index', err);
    } finally {
      setBusy(-1);
    }
  }

  // Your own pages are only replaced after a yes (the samples are replaced without asking).
  function hasOwnPages() { return state.size > 0 && !state.samples; }

  function askConfirm(message, okLabel) {
    const dialog = $('confirm-dialog');
    $('confirm-message').textContent = message;
    $('confirm-ok').textContent = okLabel;
    const opener = document.activeElement;
    return new Promise((resolve) => {
      dialog.returnValue = '';
      dialog.addEventListener('close', () => {
        resolve(dialog.returnValue === 'ok');
        refocusOpener(dialog, opener);
      }, { once: true });
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  const archiveWords = () => `the ${plural(state.size, 'article')}${state.pages ? ' from ' + plural(state.pages, 'page') : ''} now loaded`;

  async function openIndexFile(file) {
    if (hasOwnPages() && !(await askConfirm(`Load the index ${file.name}? It replaces ${archiveWords()}.`, 'Load index'))) return;
    if (await loadIndexBytes(file, `index ${file.name}`, null)) scheduleRemember();
  }

  async function resetToSamples() {
    if (hasOwnPages() && !(await askConfirm(`Reset to the bundled sample pages? This removes ${archiveWords()}.`, 'Reset to samples'))) return;
    setBusy(+1);
    try {
      await ns.cache.clearIndex();
      await state.engine.clear();
      forgetArchive();
      state.filters = [];
      ns.filters.renderChips();
      await loadSamples();
    } finally {
      setBusy(-1);
    }
  }

  async function clearArchive() {
    if (state.size > 0 && !(await askConfirm(`Clear the archive? This removes ${archiveWords()}${state.samples ? ' (the bundled samples)' : ''} from this page and from this browser's cache. Save the index first if you want to keep it.`, 'Clear archive'))) return;
    setBusy(+1);
    try {
      clearTimeout(rememberTimer); rememberTimer = 0;
      await state.engine.clear();
      await ns.cache.clearIndex();
      state.cachePending = false;
      forgetArchive();
      state.offset = 0;
      await runSearch();
      setStatus(readyText());
    } catch (err) {
      reportFailure('could not clear the archive', err);
    } finally {
      setBusy(-1);
    }
  }

  async function addUserFiles(records) {
    const indexes = records.filter((r) => isIndexName(r.path));
    if (indexes.length) await openIndexFile(indexes[0].file);
    const rest = records.filter((r) => !isIndexName(r.path));
    if (rest.length) await addPageFiles(rest);
  }


  ns.archive = { isPageName, isIndexName, indexFiles, addPageFiles, addUserFiles, loadSamples, loadIndexBytes,
    openIndexFile, saveIndexFile, resetToSamples, clearArchive, scheduleRemember };
})(window.CaciDemo = window.CaciDemo || {});
