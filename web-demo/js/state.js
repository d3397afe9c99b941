// The page's shared state (what is loaded, the query, filters, sort, page and view), the status
// line and progress bar, and the URL hash that keeps a search across reloads and links.
'use strict';
(function (ns) {
  const { el, plural } = ns.dom;
  const PAGE_SIZE = 10;
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

  // Starts a download of text (or bytes) through a Blob URL.
  function download(name, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  // Without words every hit scores the same: newest first reads better than index order.
  function effectiveSort() {
    return state.sort === 'relevance' && state.userQuery.trim() === '' ? 'date_desc' : state.sort;
  }

  // ------------------------------------------------------------------------------- the URL
  // The query, filters, sort and page live in the URL hash, so a search can be bookmarked or shared
  // (for the same pages) and survives a reload.
  function saveHash() {
    const params = new URLSearchParams();
    if (state.userQuery.trim()) params.set('q', state.userQuery.trim());
    for (const f of state.filters) params.append('f', `${f.field}:${f.value}`);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    if (state.offset) params.set('from', String(state.offset));
    if (state.view && state.view !== 'results') params.set('view', state.view);
    if (ns.versions.collapse()) params.set('versions', 'one');
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
    $('collapse-versions').checked = params.get('versions') === 'one';
    const view = params.get('view');
    state.view = view === 'trends' || view === 'kwic' ? view : 'results';
    ns.filters.renderChips();
  }

  ns.state = { state, PAGE_SIZE, setStatus, reportFailure, readyText, setBusy, showProgress, download, effectiveSort,
    saveHash, restoreHash };
})(window.CaciDemo = window.CaciDemo || {});
