// Wires the page together: the controls of every module (js/state.js, archive.js, drop.js,
// search.js, filters.js, article-view.js), keyboard navigation, and the start (cache, else samples).
'use strict';
(function (ns) {
  const { debounce, refocusOpener } = ns.dom;
  const { state, PAGE_SIZE, setStatus, readyText, reportFailure, setBusy, showProgress, download, effectiveSort,
    saveHash, restoreHash } = ns.state;
  const { runSearch, searchSoon: search, markTyping, allHits, exportHits, showInResults } = ns.search;
  const { renderSide, setFiltersOpen } = ns.filters;
  const { openHit, closeArticle, gotoMatch, copyCitation, copyBibtex, downloadArticle } = ns.articleView;
  const { addUserFiles, addPageFiles, clearArchive, openIndexFile, saveIndexFile, resetToSamples, loadIndexBytes,
    loadSamples } = ns.archive;
  const $ = (id) => document.getElementById(id);

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

  // ------------------------------------------------------------------------------ start
  function wire() {
    const q = $('q');
    q.addEventListener('input', () => { state.userQuery = q.value; state.offset = 0; markTyping(); search(); });
    q.addEventListener('keydown', (event) => {
      if (ns.complete.onKey(event)) return;   // the completions list is open and used the key
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
    $('collapse-versions').addEventListener('change', () => { state.offset = 0; search.flush(); });
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
      refocusOpener($('article-view'), opener);
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
    ns.drop.setupDrop();
    window.addEventListener('resize', debounce(() => { if (state.lastResults) renderSide(state.lastResults); }, 150));
  }

  // The worker and the cache read started in js/boot.js, as the page began to load (a reopen is
  // these two plus the index's open; js/archive.js loadIndexBytes).
  const { engine: engineStarting, cached: cacheReading } = ns.boot;

  async function start() {
    wire();
    restoreHash();
    ns.diagnostics.updateDiagnosticsSummary();
    try {
      state.engine = await engineStarting;
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
    const cached = await cacheReading;
    if (cached) {
      const when = cached.savedAt ? new Date(cached.savedAt).toLocaleString('en') : 'earlier';
      const label = `from this browser's cache, ${when}` + (cached.samples ? '; made-up examples, not real Analyst articles' : '');
      if (await loadIndexBytes(cached.bytes, label, cached, ns.boot.loading)) return;
      await ns.cache.clearIndex();
    }
    await loadSamples();
  }

  ns.app = { state, runSearch, allHits, download, openHit, effectiveSort, saveHash, setStatus, readyText,
    reportFailure, showInResults, setBusy, showProgress };
  document.addEventListener('DOMContentLoaded', start);
})(window.CaciDemo = window.CaciDemo || {});
