// Wires the page together: loading (cache, bundled samples, user files, index files), search as you
// type, facets and timeline, the article view, and keyboard navigation.
'use strict';
(function (ns) {
  const { el, debounce, base64ToBytes, plural, formatBytes } = ns.dom;
  const { renderResults, renderArticle, renderFacets, renderTimeline, diagnosticItem } = ns.render;
  const PAGE_SIZE = 10;
  const MAX_LISTED_DIAGNOSTICS = 2000;
  const $ = (id) => document.getElementById(id);

  const state = {
    engine: null,
    size: 0,
    pages: 0,            // page files indexed since the last reset (null: unknown, index loaded)
    files: new Map(),    // page name -> "size:lastModified" of every page indexed (re-adding is skipped)
    samples: false,      // the archive is the bundled (made-up) sample pages only
    restoring: true,     // the first load keeps the page number of the URL
    cachePending: false,
    origin: '',          // where the index came from, for the status line
    busy: 0,
    userQuery: '',
    filters: [],
    sort: 'relevance',
    offset: 0,
    hits: [],
    total: 0,
    seq: 0,
    expanded: new Set(),
    diagnostics: [],     // every diagnostic listed, kept with the cached index
    opener: null,
    view: 'results',     // results | trends | kwic (js/views.js)
  };

  // ------------------------------------------------------------------------------- status
  function setStatus(text, isError) {
    const node = $('status');
    node.textContent = text;
    node.classList.toggle('error', Boolean(isError));
  }

  // A failed action leaves the previous index in place: say so, then what went wrong.
  function reportFailure(what, err) {
    const message = `${what}: ${err && err.message ? err.message : err}`;
    setStatus(state.engine && !state.engine.failed ? `${readyText()} — ${message}` : message, true);
  }

  function readyText() {
    if (state.size === 0) return 'ready: 0 articles — the archive is empty: add pages, load an index, or reset to the samples';
    const sample = state.samples ? 'sample ' : '';
    const from = state.pages ? ` from ${plural(state.pages, sample + 'page')}` : '';
    const origin = state.origin ? ` (${state.origin})` : '';
    return `ready: ${plural(state.size, sample + 'article')}${from}${origin}`;
  }

  function setBusy(delta) {
    state.busy += delta;
    const busy = state.busy > 0;
    document.body.classList.toggle('busy', busy);
    $('save-index').disabled = busy || state.size === 0;
    if (!busy) $('progress').hidden = true;
  }

  function showProgress(done, total, label) {
    $('progress').hidden = false;
    const bar = $('progress-bar');
    bar.max = Math.max(1, total);
    bar.value = Math.min(done, total);
    $('progress-label').textContent = label;
  }

  // --------------------------------------------------------------------------- diagnostics
  function addDiagnostics(list) {
    if (!list || list.length === 0) return;
    const target = $('diagnostics-list');
    const frag = document.createDocumentFragment();
    // A huge archive can produce thousands: list the first ones, count them all.
    const room = Math.max(0, MAX_LISTED_DIAGNOSTICS - state.diagnostics.length);
    for (const d of list.slice(0, room)) frag.append(diagnosticItem(d));
    if (list.length > room) {
      target.querySelector('.more-diagnostics')?.remove();
      frag.append(el('li', { class: 'more-diagnostics muted' },
        `… only the first ${MAX_LISTED_DIAGNOSTICS.toLocaleString('en')} are listed`));
    }
    target.append(frag);
    state.diagnostics = state.diagnostics.concat(list);
    updateDiagnosticsSummary();
  }

  function clearDiagnostics() {
    $('diagnostics-list').replaceChildren();
    state.diagnostics = [];
    updateDiagnosticsSummary();
  }

  function updateDiagnosticsSummary() {
    const n = state.diagnostics.length;
    $('diagnostics-summary').textContent = n ? `Diagnostics (${n.toLocaleString('en')})` : 'Diagnostics (none)';
  }

  // ------------------------------------------------------------------------------ loading
  // Text pages are .txt (or .text); anything else in a picked or dropped folder is skipped, and said.
  const isPageName = (name) => /\.(txt|text)$/i.test(name);
  const isIndexName = (name) => /\.caci$/i.test(name);
  const fileSignature = (file) => `${file.size}:${file.lastModified || 0}`;

  function listNames(names) {
    const shown = names.slice(0, 3).join(', ');
    return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
  }

  // files: [{ name, bytes, signature }]. The bundled samples are made up: your first pages replace
  // them instead of being mixed with them.
  async function indexFiles(files, originLabel, notes, asSamples) {
    if (files.length === 0) return;
    setBusy(+1);
    const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
    showProgress(0, files.length, `Parsing ${plural(files.length, 'page')} (${formatBytes(totalBytes)})…`);
    setStatus(`indexing ${plural(files.length, 'page')}…`);
    try {
      let replaced = false;
      if (!asSamples && state.samples) {
        await state.engine.clear();
        forgetArchive();
        replaced = true;
      }
      const result = await state.engine.addFiles(files);
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
    const again = pages.filter((r) => !fresh.includes(r)).map((r) => r.path);
    if (skipped.length) notes.push(`skipped ${plural(skipped.length, 'file')} that ${skipped.length === 1 ? 'is' : 'are'} not a .txt page: ${listNames(skipped)}`);
    if (again.length) notes.push(`${plural(again.length, 'page')} already in the archive: ${listNames(again)}`);
    if (fresh.length === 0) {
      setStatus(`${readyText()}${notes.length ? ' — ' + notes.join('; ') : ' — no .txt pages to add'}`);
      return;
    }
    const files = [];
    for (const r of fresh) {
      files.push({ name: r.path, bytes: new Uint8Array(await r.file.arrayBuffer()), signature: fileSignature(r.file) });
    }
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

  async function loadIndexBytes(bytes, originLabel, cached) {
    setBusy(+1);
    showProgress(0, 1, `Loading index (${formatBytes(bytes.length)})…`);
    try {
      const result = await state.engine.load(bytes);
      forgetArchive();
      state.size = result.size;
      state.samples = Boolean(cached && cached.samples);
      state.files = new Map((cached && cached.files) || []);
      state.pages = (cached && cached.pages) || null;
      state.origin = originLabel;
      if (!state.restoring) state.offset = 0;
      state.restoring = false;
      if (cached) addDiagnostics(cached.diagnostics || []);
      await runSearch();
      setStatus(readyText());
      return true;
    } catch (err) {
      reportFailure(`could not load the index ${originLabel.replace(/^index /, '')}`, err);
      return false;
    } finally {
      setBusy(-1);
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
      const bytes = await state.engine.save();
      const saved = await ns.cache.saveIndex({ bytes, size: state.size, pages: state.pages, diagnostics: state.diagnostics,
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
      const bytes = await state.engine.save();
      download(`caci-archive-${state.size}.caci`, bytes, 'application/octet-stream');
      setStatus(`${readyText()} — saved index (${formatBytes(bytes.length)})`);
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
        if (opener && opener.isConnected && opener.focus) opener.focus();
      }, { once: true });
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  const archiveWords = () => `the ${plural(state.size, 'article')}${state.pages ? ' from ' + plural(state.pages, 'page') : ''} now loaded`;

  async function openIndexFile(file) {
    if (hasOwnPages() && !(await askConfirm(`Load the index ${file.name}? It replaces ${archiveWords()}.`, 'Load index'))) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (await loadIndexBytes(bytes, `index ${file.name}`, null)) scheduleRemember();
  }

  async function resetToSamples() {
    if (hasOwnPages() && !(await askConfirm(`Reset to the bundled sample pages? This removes ${archiveWords()}.`, 'Reset to samples'))) return;
    setBusy(+1);
    try {
      await ns.cache.clearIndex();
      await state.engine.clear();
      forgetArchive();
      state.filters = [];
      renderChips();
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

  // A drop's items must be read during the drop event; folders are walked afterwards.
  function droppedItems(data) {
    const out = [];
    const items = data.items ? Array.from(data.items) : [];
    for (const item of items) {
      if (item.kind && item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      out.push({ entry, file: item.getAsFile ? item.getAsFile() : null });
    }
    if (items.length === 0) for (const file of Array.from(data.files || [])) out.push({ entry: null, file });
    return out;
  }

  async function walkEntry(entry, prefix, out) {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        for (const child of batch) await walkEntry(child, prefix + entry.name + '/', out);
      }
    }
  }

  async function addDropped(items) {
    const records = [];
    try {
      for (const { entry, file } of items) {
        if (entry && entry.isDirectory) await walkEntry(entry, '', records);
        else if (file) records.push({ file, path: file.name });
        else if (entry) await walkEntry(entry, '', records);
      }
    } catch (err) {
      reportFailure('could not read the dropped files', err);
      return;
    }
    if (records.length === 0) { setStatus(`${readyText()} — nothing to add in what was dropped`); return; }
    await addUserFiles(records);
  }

  // ------------------------------------------------------------------------------- search
  function isFilterActive(field, value) {
    return state.filters.some((f) => f.field === field && String(f.value) === String(value));
  }

  function toggleFilter(field, value) {
    const focus = focusKey();
    if (field === null) { renderSide(state.lastResults); restoreFocus(focus); return; } // "show all" toggled
    const filter = { field, value };
    if (isFilterActive(field, value)) state.filters = state.filters.filter((f) => !ns.query.sameFilter(f, filter));
    else state.filters = state.filters.concat([filter]);
    state.offset = 0;
    renderChips();
    state.pendingFocus = focus;
    if (focus && focus.type === 'chip') restoreFocus(focus);
    search.flush();
  }

  function clearFilters() {
    if (state.filters.length === 0) return;
    state.filters = [];
    state.offset = 0;
    renderChips();
    $('q').focus();
    search.flush();
  }

  // Re-rendering facets, chips or the timeline must not send keyboard focus to the top of the page:
  // remember what had focus and find its counterpart in the new DOM.
  function focusKey() {
    const n = document.activeElement;
    if (!n || n === document.body) return null;
    if (n.classList.contains('facet-item')) return { type: 'facet', field: n.dataset.field, value: n.dataset.value };
    if (n.classList.contains('more')) return { type: 'more', field: n.closest('.facet').dataset.field };
    if (n.classList.contains('chip')) {
      return { type: 'chip', field: n.dataset.field, value: n.dataset.value, index: [...$('chips').querySelectorAll('.chip')].indexOf(n) };
    }
    if (n.classList && n.classList.contains('bar-group')) return { type: 'bar', year: n.getAttribute('data-year') };
    return null;
  }

  function restoreFocus(key) {
    if (!key) return;
    const esc = (v) => CSS.escape(String(v));
    let target = null;
    if (key.type === 'facet') target = document.querySelector(`.facet-item[data-field="${esc(key.field)}"][data-value="${esc(key.value)}"]`) ||
      document.querySelector(`.facet[data-field="${esc(key.field)}"] .facet-item`);
    else if (key.type === 'more') target = document.querySelector(`.facet[data-field="${esc(key.field)}"] .more`);
    else if (key.type === 'bar') target = document.querySelector(`#timeline .bar-group[data-year="${esc(key.year)}"]`);
    else if (key.type === 'chip') {
      const chips = [...$('chips').querySelectorAll('.chip')];
      target = chips.find((c) => c.dataset.field === key.field && c.dataset.value === key.value) ||
        chips[Math.min(key.index, chips.length - 1)] || $('q');
    }
    if (!target) return;
    if (target.getAttribute('tabindex') === '-1' && target.classList.contains('bar-group')) {
      for (const b of document.querySelectorAll('#timeline .bar-group')) b.setAttribute('tabindex', b === target ? '0' : '-1');
    }
    target.focus({ preventScroll: true });
  }

  function renderChips() {
    const box = $('chips');
    const chips = state.filters.map((f) => {
      const label = f.field === 'year' && String(f.value) === ns.query.UNDATED ? 'Year: undated' : ns.query.label(f);
      return el('button', {
        type: 'button', class: 'chip', 'data-field': f.field, 'data-value': String(f.value),
        'aria-label': `Remove filter ${label}`,
        onclick: () => toggleFilter(f.field, f.value),
      }, el('span', null, label), el('span', { class: 'x', 'aria-hidden': 'true' }, '×'));
    });
    if (chips.length) {
      chips.push(el('button', { type: 'button', id: 'clear-filters', class: 'clear-filters', onclick: clearFilters },
        chips.length > 1 ? 'Clear all filters' : 'Clear filter'));
    }
    box.replaceChildren(...chips);
  }

  const ERROR_PAUSE_MS = 900;
  let errorTimer = 0;

  function showQueryError(err, composed) {
    const box = $('query-error');
    const key = `${err.message}@${err.offset}@${$('q').value}`;
    if (!box.hidden && state.errorShown === key) return;   // announced once
    state.errorShown = key;
    box.replaceChildren();
    box.hidden = false;
    box.append(el('strong', null, 'Query error: '), err.message || String(err));
    if (typeof err.offset === 'number') {
      const typed = $('q').value;
      const pos = composed.userOffset === null ? -1 : err.offset - composed.userOffset;
      if (pos >= 0 && pos <= typed.length) {
        box.append(` (at character ${pos + 1})`);
        box.append(el('pre', { 'aria-hidden': 'true' }, typed + '\n' + ' '.repeat(pos) + '^'));
      } else {
        box.append(` (at character ${err.offset + 1} of “${composed.text}”)`);
      }
    }
  }

  async function runSearch() {
    if (!state.engine) return;
    const seq = ++state.seq;
    setPending(true);
    try {
      await searchNow(seq);
    } finally {
      if (seq === state.seq) setPending(false);
    }
  }

  // A typed query shows as pending (dimmed results, "Searching…") until its results arrive.
  function setPending(on) {
    const list = $('results');
    if (on) list.setAttribute('aria-busy', 'true'); else list.removeAttribute('aria-busy');
    list.classList.toggle('pending', on);
  }

  function markTyping() {
    setPending(true);
    $('hit-count').textContent = 'Searching…';
  }

  async function searchNow(seq) {
    const composed = ns.query.compose(state.userQuery, state.filters);
    const opts = { limit: PAGE_SIZE, offset: state.offset, facets: true, sort: effectiveSort(), snippetBytes: 240 };
    let results;
    try {
      results = await state.engine.search(composed.text, opts);
    } catch (err) {
      if (seq !== state.seq) return;
      if (err.statusName === 'CACI_EQUERY' && composed.text !== '') {
        // While typing (a phrase is invalid until its closing quote) the error waits for a pause;
        // Enter shows it at once.
        clearTimeout(errorTimer);
        const now = state.errorNow;
        state.errorNow = false;
        if (now) showQueryError(err, composed);
        else errorTimer = setTimeout(() => { if (seq === state.seq) showQueryError(err, composed); }, ERROR_PAUSE_MS);
        $('results').classList.add('stale');
        $('hit-count').textContent = 'Query incomplete: showing the last results';
        return;
      }
      $('query-error').hidden = true;
      results = { total: 0, hits: [], facets: null, failed: err };
    }
    if (seq !== state.seq) return;   // a newer query is already on its way
    // An offset past the end (an old link, a shrunken archive) shows the last page instead.
    const lastOffset = Math.max(0, Math.floor(((results.total || 0) - 1) / PAGE_SIZE) * PAGE_SIZE);
    if (!results.failed && state.offset > lastOffset) {
      state.offset = lastOffset;
      return searchNow(seq);
    }
    if (results.facets) results.facets = await sideFacets(results);
    if (seq !== state.seq) return;
    let unfiltered = null;
    if (!results.failed && (results.total || 0) === 0 && state.filters.length) {
      try { unfiltered = (await state.engine.search(ns.query.compose(state.userQuery, []).text, { limit: 0 })).total; } catch (err) { /* no hint */ }
      if (seq !== state.seq) return;
    }
    results.unfiltered = unfiltered;
    clearTimeout(errorTimer);
    state.errorNow = false;
    state.errorShown = '';
    $('query-error').hidden = true;
    $('results').classList.remove('stale');
    saveHash();
    state.lastResults = results;
    state.hits = results.hits || [];
    state.total = results.total || 0;
    renderResults($('results'), state.hits, openHit, { sample: state.samples });
    renderCount(composed.text, results);
    renderPager();
    renderSide(results);
    const focus = state.pendingFocus;
    state.pendingFocus = null;
    if (focus && focus.type !== 'chip') restoreFocus(focus);
    document.dispatchEvent(new CustomEvent('caci:results', { detail: { query: composed.text } }));
  }

  // Facet counts for a field with active filters come from the query without that field's filters
  // (so 2008 stays pickable next to 2007), and the year facet gets an "undated" bucket: the articles
  // without a known year (total minus the dated ones), so the counts add up to the total.
  async function sideFacets(results) {
    const facets = Object.assign({}, results.facets);
    const totals = { year: results.total || 0 };
    for (const field of new Set(state.filters.map((f) => f.field))) {
      const text = ns.query.compose(state.userQuery, state.filters.filter((f) => f.field !== field)).text;
      try {
        const r = await state.engine.search(text, { limit: 0, facets: true, snippetBytes: 0 });
        facets[field] = (r.facets && r.facets[field]) || [];
        totals[field] = r.total || 0;
      } catch (err) { /* keep the drill-down counts */ }
    }
    const year = (facets.year || []).filter((v) => v.value !== ns.query.UNDATED);
    const dated = year.reduce((n, v) => n + v.count, 0);
    if (totals.year > dated) year.push({ value: ns.query.UNDATED, count: totals.year - dated });
    facets.year = year;
    return facets;
  }

  function renderCount(text, results) {
    const node = $('hit-count');
    $('export-group').hidden = true;
    if (results.failed && text === '') { node.textContent = 'Type a query to search the archive.'; return; }
    if (results.failed) { node.textContent = `Search failed: ${results.failed.message}`; return; }
    const total = results.total || 0;
    if (total === 0 && results.unfiltered) {
      node.textContent = `No hits with ${state.filters.length > 1 ? 'these filters' : 'this filter'} (${plural(results.unfiltered, 'hit')} without ${state.filters.length > 1 ? 'them' : 'it'}: clear the filters to see ${results.unfiltered === 1 ? 'it' : 'them'}).`;
      return;
    }
    if (total === 0) { node.textContent = text === '' ? 'The archive is empty.' : 'No hits.'; return; }
    const from = state.offset + 1;
    const to = state.offset + (results.hits || []).length;
    const what = text === '' ? plural(total, 'article') : plural(total, 'hit');
    node.textContent = total > PAGE_SIZE ? `${what} · showing ${from}–${to}` : what;
    $('export-group').hidden = false;
  }

  // Phone layout: the filters open as a panel over the page from the Filters button.
  function setFiltersOpen(open) {
    document.body.classList.toggle('filters-open', open);
    $('filters-toggle').setAttribute('aria-expanded', String(open));
    if (open) { $('side').scrollTop = 0; $('filters-close').focus(); }
  }

  function renderPager() {
    const pages = Math.ceil(state.total / PAGE_SIZE);
    $('pager').hidden = pages <= 1;
    if (pages <= 1) return;
    const page = Math.floor(state.offset / PAGE_SIZE) + 1;
    $('page-info').textContent = `Page ${page} of ${pages}`;
    $('prev-page').disabled = page <= 1;
    $('next-page').disabled = page >= pages;
  }

  function renderSide(results) {
    const facets = results && results.facets;
    renderFacets($('facets'), facets, isFilterActive, toggleFilter, state.expanded);
    if (!facets || !$('facets').childElementCount) {
      $('facets').replaceChildren(el('p', { class: 'muted small' }, 'No facets for the current hits.'));
    }
    const activeYears = new Set(state.filters.filter((f) => f.field === 'year').map((f) => String(f.value)));
    $('timeline').hidden = false;   // measured while visible, so the chart gets its real width
    const drawn = renderTimeline($('timeline-chart'), facets && facets.year, activeYears, (y) => toggleFilter('year', y));
    $('timeline').hidden = !drawn;
  }

  const search = debounce(runSearch, 180);

  // Without words every hit scores the same: newest first reads better than index order.
  function effectiveSort() {
    return state.sort === 'relevance' && state.userQuery.trim() === '' ? 'date_desc' : state.sort;
  }

  // The query, filters, sort and page live in the URL hash, so a search can be bookmarked or shared
  // (for the same pages) and survives a reload.
  function saveHash() {
    const params = new URLSearchParams();
    if (state.userQuery.trim()) params.set('q', state.userQuery.trim());
    for (const f of state.filters) params.append('f', `${f.field}:${f.value}`);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    if (state.offset) params.set('from', String(state.offset));
    if (state.view && state.view !== 'results') params.set('view', state.view);
    const hash = params.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function restoreHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    state.userQuery = params.get('q') || '';
    $('q').value = state.userQuery;
    state.filters = params.getAll('f').map((f) => {
      const at = f.indexOf(':');
      return at > 0 ? { field: f.slice(0, at), value: f.slice(at + 1) } : null;
    }).filter((f) => f && ns.query.FIELDS[f.field]);
    const sort = params.get('sort');
    if (sort && [...$('sort').options].some((o) => o.value === sort)) { state.sort = sort; $('sort').value = sort; }
    const from = Math.max(0, Math.floor(Number(params.get('from')) || 0));
    state.offset = from - (from % PAGE_SIZE);
    const view = params.get('view');
    state.view = view === 'trends' || view === 'kwic' ? view : 'results';
    renderChips();
  }

  // Starts a download of text (or bytes) through a Blob URL.
  function download(name, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  // Every hit of a query, paged through the engine in the worker (CHUNK hits a call, so no single
  // message is huge and the page stays responsive). onChunk(hits, done, total) sees each page.
  const CHUNK = 250;
  async function allHits(text, options, onChunk) {
    const out = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += CHUNK) {
      const res = await state.engine.search(text, Object.assign({ snippetBytes: 0 }, options, { limit: CHUNK, offset }));
      total = res.total || 0;
      const hits = res.hits || [];
      if (onChunk) onChunk(hits, offset + hits.length, total);
      for (const h of hits) out.push(h);
      if (hits.length === 0) break;
    }
    return out;
  }

  // Downloads every hit of the current query and filters (not only this page), in the order shown:
  // JSON Lines (caci-archive/1 article objects) or the formats of `caci export` (js/export.js).
  async function exportHits(format) {
    setBusy(+1);
    try {
      const composed = ns.query.compose(state.userQuery, state.filters);
      const hits = await allHits(composed.text, { sort: effectiveSort() }, (chunk, done, total) => {
        if (total > CHUNK) showProgress(done, total, `Exporting ${done.toLocaleString('en')} of ${plural(total, 'hit')}…`);
      });
      const articles = hits.map((h) => h.article || {});
      if (format === 'jsonl') {
        const lines = articles.map(({ text, ...article }) => JSON.stringify(article));
        download(`caci-hits-${lines.length}.jsonl`, lines.join('\n') + (lines.length ? '\n' : ''), 'application/x-ndjson');
      } else {
        const f = ns.export.FORMATS[format];
        download(`caci-hits-${articles.length}.${f.ext}`, f.render(articles), f.type);
      }
      setStatus(`${readyText()} — exported ${plural(articles.length, 'hit')} as ${format === 'jsonl' ? 'JSON Lines' : ns.export.FORMATS[format].label}`);
    } catch (err) {
      reportFailure('could not export the hits', err);
    } finally {
      setBusy(-1);
    }
  }

  // ------------------------------------------------------------------------- article view
  // opts.at: a text offset (an occurrence from the keyword-in-context view) to scroll to.
  async function openHit(hit, opener, opts = {}) {
    state.opener = opener || null;
    const dialog = $('article-view');
    let article = hit.article;
    if (!article || !article.text) {
      try { article = (await state.engine.get(hit.id)) || article; } catch (err) { /* keep the hit's copy */ }
    }
    state.openArticle = article || {};
    $('article-note').textContent = '';
    const highlights = await allHighlights(hit);
    renderArticle($('article-body'), state.openArticle, highlights, (name) => {
      closeArticle();
      if (!isFilterActive('author', name)) toggleFilter('author', name);
    }, { sample: state.samples });
    ns.render.setCitationMeta(state.openArticle);
    if (!dialog.open) dialog.showModal();
    $('article-body').scrollTop = 0;
    dialog.scrollTop = 0;
    setupMatches();
    if (typeof opts.at === 'number') {
      const i = (state.matches || []).findIndex((m) => Number(m.dataset.at) + m.textContent.length > opts.at);
      if (i >= 0) gotoMatch(i);
    }
    $('article-close').focus();
  }

  // A hit's highlights cover its snippet only; the article view asks the engine for the same hit
  // again (same query, sort and rank) with a snippet as long as the article, which highlights every
  // occurrence of every query word.
  async function allHighlights(hit) {
    const rank = state.hits.indexOf(hit);
    const words = state.userQuery.trim();
    if (rank < 0 || !words) return hit.highlights || [];
    try {
      const composed = ns.query.compose(state.userQuery, state.filters);
      const text = (hit.article && hit.article.text) || '';
      const res = await state.engine.search(composed.text, { limit: 1, offset: state.offset + rank, sort: effectiveSort(),
        snippetBytes: Math.max(1024, text.length * 4 + 64) });
      const again = res.hits && res.hits[0];
      if (again && again.id === hit.id) return again.highlights || [];
    } catch (err) { /* fall back to the snippet's highlights */ }
    return hit.highlights || [];
  }

  // Next/previous match in the article view.
  function setupMatches() {
    const marks = [...$('article-body').querySelectorAll('mark')];
    state.matches = marks;
    state.match = -1;
    $('match-nav').hidden = marks.length === 0;
    if (marks.length) gotoMatch(0, false);
  }

  function gotoMatch(i, scroll = true) {
    const marks = state.matches || [];
    if (!marks.length) return;
    const n = marks.length;
    const next = ((i % n) + n) % n;
    if (state.match >= 0 && marks[state.match]) marks[state.match].classList.remove('current');
    state.match = next;
    marks[next].classList.add('current');
    $('match-position').textContent = `${next + 1} of ${n} ${n === 1 ? 'match' : 'matches'}`;
    if (scroll) marks[next].scrollIntoView({ block: 'center' });
  }

  async function copyText(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      $('article-note').textContent = done;
    } catch (err) {
      // No clipboard (permissions, insecure context): show it, selected, for a manual copy.
      $('article-note').textContent = text;
      const range = document.createRange();
      range.selectNodeContents($('article-note'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  const copyCitation = () => copyText(ns.render.citation(state.openArticle || {}), 'Citation copied');
  const copyBibtex = () => copyText(ns.export.bibtex([state.openArticle || {}]), 'BibTeX copied');

  function downloadArticle() {
    const { text, ...article } = state.openArticle || {};
    download(`caci-article-${article.id || 'unknown'}.json`, JSON.stringify(article, null, 2) + '\n', 'application/json');
  }

  function closeArticle() {
    const dialog = $('article-view');
    if (dialog.open) dialog.close();
    ns.render.setCitationMeta(null);
  }

  // -------------------------------------------------------------------------- keyboard
  function resultButtons() {
    return Array.from($('results').querySelectorAll('.hit-open'));
  }

  function onResultsKey(event) {
    const buttons = resultButtons();
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    let next = -2;
    if (event.key === 'ArrowDown') next = Math.min(buttons.length - 1, index + 1);
    else if (event.key === 'ArrowUp') next = index - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === -2) return;
    event.preventDefault();
    if (next < 0) $('q').focus();
    else {
      buttons[next].focus();
      buttons[next].closest('.hit').scrollIntoView({ block: 'nearest' });
    }
  }

  function onGlobalKey(event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || $('article-view').open) return;
    event.preventDefault();
    $('q').focus();
    $('q').select();
  }

  // ----------------------------------------------------------------------- drag and drop
  function setupDrop() {
    const overlay = $('drop-overlay');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
    window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (depth === 0) overlay.hidden = true; });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      addDropped(droppedItems(e.dataTransfer));
    });
  }

  // ------------------------------------------------------------------------------ start
  function wire() {
    const q = $('q');
    q.addEventListener('input', () => { state.userQuery = q.value; state.offset = 0; markTyping(); search(); });
    q.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        const first = resultButtons()[0];
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === 'Enter') {
        event.preventDefault();
        state.userQuery = q.value; state.offset = 0; state.errorNow = true; search.flush();
      }
    });
    $('search-form').addEventListener('submit', (e) => e.preventDefault());
    $('sort').addEventListener('change', () => { state.sort = $('sort').value; state.offset = 0; search.flush(); });
    $('help-toggle').addEventListener('click', () => {
      const help = $('help');
      help.hidden = !help.hidden;
      $('help-toggle').setAttribute('aria-expanded', String(!help.hidden));
    });
    $('results').addEventListener('keydown', onResultsKey);
    $('help').addEventListener('click', (e) => {
      const example = e.target.closest('button.example');
      if (!example) return;
      $('q').value = example.dataset.query;
      state.userQuery = example.dataset.query; state.offset = 0;
      search.flush();
    });
    // After paging, the new page is read from its top.
    const turnPage = async (delta) => {
      state.offset = Math.max(0, state.offset + delta);
      await search.flush();
      const head = document.querySelector('.results-head');
      if (head.getBoundingClientRect().top < 0) head.scrollIntoView({ block: 'start' });
    };
    $('prev-page').addEventListener('click', () => turnPage(-PAGE_SIZE));
    $('next-page').addEventListener('click', () => turnPage(PAGE_SIZE));
    $('filters-toggle').addEventListener('click', () => setFiltersOpen(!document.body.classList.contains('filters-open')));
    $('filters-close').addEventListener('click', () => { setFiltersOpen(false); $('filters-toggle').focus(); });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && document.body.classList.contains('filters-open') && !$('article-view').open) {
        setFiltersOpen(false); $('filters-toggle').focus();
      }
    });
    $('article-close').addEventListener('click', closeArticle);
    $('copy-citation').addEventListener('click', copyCitation);
    $('copy-bibtex').addEventListener('click', copyBibtex);
    $('download-article').addEventListener('click', downloadArticle);
    $('next-match').addEventListener('click', () => gotoMatch(state.match + 1));
    $('prev-match').addEventListener('click', () => gotoMatch(state.match - 1));
    $('article-view').addEventListener('close', () => {
      ns.render.setCitationMeta(null);
      const opener = state.opener;
      state.opener = null;
      if (opener && opener.isConnected) opener.focus();
    });
    $('article-view').addEventListener('click', (e) => { if (e.target === $('article-view')) closeArticle(); });
    document.addEventListener('keydown', onGlobalKey);
    const picked = (input) => {
      const records = Array.from(input.files || []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
      input.value = '';
      return records;
    };
    $('add-files').addEventListener('change', (e) => addUserFiles(picked(e.target)));
    $('add-folder').addEventListener('change', (e) => addPageFiles(picked(e.target)));
    $('clear-archive').addEventListener('click', clearArchive);
    $('confirm-dialog').addEventListener('cancel', () => { $('confirm-dialog').returnValue = 'cancel'; });
    $('load-index').addEventListener('change', async (e) => {
      const file = e.target.files && e.target.files[0];
      e.target.value = '';
      if (file) await openIndexFile(file);
    });
    $('save-index').addEventListener('click', saveIndexFile);
    $('export-hits').addEventListener('click', () => exportHits('jsonl'));
    for (const b of document.querySelectorAll('.export-format')) b.addEventListener('click', () => exportHits(b.dataset.format));
    window.addEventListener('hashchange', () => {
      restoreHash();
      document.dispatchEvent(new CustomEvent('caci:view', { detail: { view: state.view } }));
      search.flush();
    });
    $('reset').addEventListener('click', resetToSamples);
    setupDrop();
    window.addEventListener('resize', debounce(() => { if (state.lastResults) renderSide(state.lastResults); }, 150));
  }

  async function start() {
    wire();
    restoreHash();
    updateDiagnosticsSummary();
    try {
      state.engine = ns.engine.createEngine();
    } catch (err) {
      setStatus(err.message, true);
      return;
    }
    state.engine.addEventListener('progress', (event) => {
      const d = event.detail || {};
      if (!state.busy) return;
      const total = d.total || 1;
      showProgress(d.done || 0, total, `${d.file ? d.file + ' — ' : ''}${d.done || 0} of ${total}`);
    });
    state.engine.version().then((v) => {
      $('about-text').append(` libcaci ${v.version}, Unicode ${v.unicodeVersion}, running as WebAssembly in a Web Worker.`);
    }, () => {});
    const cached = await ns.cache.loadIndex();
    if (cached) {
      const when = cached.savedAt ? new Date(cached.savedAt).toLocaleString('en') : 'earlier';
      const label = `from this browser's cache, ${when}` + (cached.samples ? '; made-up examples, not real Analyst articles' : '');
      if (await loadIndexBytes(cached.bytes, label, cached)) return;
      await ns.cache.clearIndex();
    }
    await loadSamples();
  }

  // Runs a query in the Results view (the trends view's "show these hits in Results").
  function showInResults(query, filters) {
    state.userQuery = query;
    $('q').value = query;
    state.filters = filters || [];
    state.offset = 0;
    renderChips();
    return search.flush();
  }

  ns.app = { state, runSearch, allHits, download, openHit, effectiveSort, saveHash, setStatus, readyText,
    reportFailure, showInResults, setBusy, showProgress };
  document.addEventListener('DOMContentLoaded', start);
})(window.CaciDemo = window.CaciDemo || {});
