// The search as you type: runs the query with its filters in the engine, shows the pending state,
// query errors (after a pause), the hit count, the results and the pager; every hit of a query
// (paged through the engine) for the exports and the other views.
'use strict';
(function (ns) {
  const { el, debounce, plural } = ns.dom;
  const { state, PAGE_SIZE, setStatus, readyText, reportFailure, setBusy, showProgress, download, effectiveSort,
    saveHash } = ns.state;
  const $ = (id) => document.getElementById(id);

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

  // opts.quick(): the first search after an index opens (js/archive.js). The engine's first
  // search runs cold (its code not yet optimized, the postings and text it reads fetched on
  // demand), so the hits are asked for alone first and shown, quick() is called, and the facets,
  // the suggestions and the count follow from a second call.
  async function runSearch(opts) {
    if (!state.engine) return;
    const seq = ++state.seq;
    setPending(true);
    try {
      await searchNow(seq, opts && opts.quick);
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

  // The hits of a first search, shown before its facets (runSearch's opts.quick).
  async function showHitsFirst(seq, composed, opts, quick) {
    let results;
    try {
      results = await state.engine.search(composed.text, Object.assign({}, opts, { facets: false, suggest: false }));
    } catch (err) {
      return null;   // the full search below reports it
    }
    if (seq !== state.seq || !results.hits || results.hits.length === 0) return null;
    state.hits = results.hits;
    state.total = results.total || 0;
    ns.render.renderResults($('results'), state.hits, ns.articleView.openHit, { sample: state.samples });
    renderCount(composed.text, results);
    renderPager();
    quick();
    return results.hits;
  }

  const sameHits = (a, b) => Boolean(a && b) && a.length === b.length && a.every((h, i) => h.id === b[i].id && h.score === b[i].score);

  async function searchNow(seq, quick) {
    const composed = ns.query.compose(state.userQuery, state.filters);
    const opts = { limit: PAGE_SIZE, offset: state.offset, facets: true, sort: effectiveSort(), snippetBytes: 240,
      collapseVersions: ns.versions.collapse(), suggest: composed.userLength > 0 };
    const shown = quick && composed.text !== '' ? await showHitsFirst(seq, composed, opts, quick) : null;
    if (seq !== state.seq) return;
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
      return searchNow(seq, quick);
    }
    if (results.facets) results.facets = await ns.filters.sideFacets(results);
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
    // The same hits as the quick search's are already on screen (and may hold the focus).
    if (!sameHits(shown, state.hits)) ns.render.renderResults($('results'), state.hits, ns.articleView.openHit, { sample: state.samples });
    renderCount(composed.text, results);
    renderSuggestions(composed, results);
    renderPager();
    ns.filters.renderSide(results);
    const focus = state.pendingFocus;
    state.pendingFocus = null;
    if (focus && focus.type !== 'chip') ns.filters.restoreFocus(focus);
    document.dispatchEvent(new CustomEvent('caci:results', { detail: { query: composed.text } }));
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


  // "Did you mean": the engine's corrected queries (for words with no or few hits), each with its
  // total under the current filters; a click runs it. The engine corrects the whole query sent,
  // filters included: the box gets the user's part back.
  function userPart(suggestion, composed) {
    const tail = ns.query.filtersText(state.filters);
    if (!tail) return suggestion.trim();
    const end = `) ${tail}`;
    if (suggestion.startsWith('(') && suggestion.endsWith(end)) return suggestion.slice(1, -end.length).trim();
    return null;   // not in the shape sent: not offered
  }

  function renderSuggestions(composed, results) {
    const line = $('did-you-mean');
    line.replaceChildren();
    const list = (results.suggestions || [])
      .map((s) => ({ query: userPart(s.query || '', composed), total: s.total || 0 }))
      .filter((s) => s.query && s.query !== state.userQuery.trim());
    line.hidden = list.length === 0 || Boolean(results.failed);
    if (line.hidden) return;
    line.append('Did you mean: ');
    list.forEach((s, i) => {
      if (i) line.append(', ');
      const button = el('button', { type: 'button', class: 'link-button suggestion', 'data-query': s.query }, s.query);
      button.addEventListener('click', () => {
        $('q').value = s.query;
        state.userQuery = s.query;
        state.offset = 0;
        $('q').focus();
        searchSoon.flush();
      });
      line.append(button, el('span', { class: 'muted suggestion-total' }, ` (${plural(s.total, 'hit')})`));
    });
    line.append('?');
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

  const searchSoon = debounce(runSearch, 180);

  // message is huge and the page stays responsive). onChunk(hits, done, total) sees each page.
  const CHUNK = 250;
  async function allHits(text, options, onChunk) {
    const out = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += CHUNK) {
      const res = await state.engine.search(text, Object.assign({ snippetBytes: 0, collapseVersions: ns.versions.collapse() }, options,
        { limit: CHUNK, offset }));
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

  // Runs a query in the Results view (the trends view's "show these hits in Results").
  function showInResults(query, filters) {
    state.userQuery = query;
    $('q').value = query;
    state.filters = filters || [];
    state.offset = 0;
    ns.filters.renderChips();
    return searchSoon.flush();
  }

  ns.search = { runSearch, searchSoon, markTyping, allHits, exportHits, showInResults };
})(window.CaciDemo = window.CaciDemo || {});
