// Keyword in context: every occurrence of the current query (the engine's highlights, asked for
// with snippets as long as the article, as the article view does) with N words either side, for
// the query's hits with its filters. Sortable by the left or right context word, paged; a row opens
// the article scrolled to that occurrence. The engine work (paging through every hit) runs in the
// worker; the page only cuts context strings and sorts them.
'use strict';
(function (ns) {
  const { el, plural } = ns.dom;
  const $ = (id) => document.getElementById(id);
  const ROWS = 25;
  const FULL_SNIPPET = 1 << 20;   // bytes: longer than any article, so every occurrence is highlighted

  // ------------------------------------------------------------------------- pure helpers
  // The highlights of one hit as occurrences: sorted, overlaps merged, and ranges separated only by
  // spaces or punctuation joined (the words of a phrase are one occurrence: "border talks").
  function occurrences(text, highlights) {
    const sorted = (highlights || []).map((h) => [h.start, h.end]).filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const [s, e] of sorted) {
      const last = out[out.length - 1];
      if (last && (s <= last[1] || /^[^\p{L}\p{N}\n]{1,3}$/u.test(text.slice(last[1], s)))) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    return out;
  }

  const WORD = /\S+/g;

  // The row of one occurrence: up to n words either side, within its paragraph (a line of text).
  function contextRow(text, start, end, n) {
    const from = text.lastIndexOf('\n', start - 1) + 1;
    let to = text.indexOf('\n', end);
    if (to < 0) to = text.length;
    const leftWords = text.slice(from, start).match(WORD) || [];
    const rightWords = text.slice(end, to).match(WORD) || [];
    const left = leftWords.slice(-n), right = rightWords.slice(0, n);
    // A match inside a word (a prefix) keeps the word's rest attached.
    const glueLeft = start > from && !/\s/.test(text[start - 1]);
    const glueRight = end < to && !/\s/.test(text[end]);
    return {
      left: (leftWords.length > n ? '… ' : '') + left.join(' ') + (left.length && !glueLeft ? ' ' : ''),
      match: text.slice(start, end),
      right: (right.length && !glueRight ? ' ' : '') + right.join(' ') + (rightWords.length > n ? ' …' : ''),
      leftKey: sortKey(left.slice().reverse()),
      rightKey: sortKey(right),
    };
  }

  // Words folded for sorting: lowercase, diacritics and punctuation removed; nearest word first.
  function sortKey(words) {
    return words.map((w) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))
      .filter(Boolean).join(' ');
  }

  // Rows for hits (in hit order), each { hit, rank, start, end, left, match, right, leftKey, rightKey }.
  function rowsFor(hits, n) {
    const rows = [];
    hits.forEach((hit, rank) => {
      const text = (hit.article && hit.article.text) || '';
      for (const [start, end] of occurrences(text, hit.highlights)) {
        rows.push(Object.assign({ hit, rank, start, end }, contextRow(text, start, end, n)));
      }
    });
    return rows;
  }

  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  function sortRows(rows, by) {
    const order = (a, b) => a.rank - b.rank || a.start - b.start;
    // Rows without a context word on the sorted side go last.
    if (by === 'left') return rows.slice().sort((a, b) => (!a.leftKey - !b.leftKey) || cmp(a.leftKey, b.leftKey) || order(a, b));
    if (by === 'right') return rows.slice().sort((a, b) => (!a.rightKey - !b.rightKey) || cmp(a.rightKey, b.rightKey) || order(a, b));
    return rows.slice().sort(order);
  }

  function csv(rows) {
    const X = ns.export;
    const head = ['left', 'match', 'right', 'article_id', 'title', 'date', 'source_file', 'source_line', 'offset'];
    const line = (f) => f.map(X.csvField).join(',') + '\r\n';
    let out = line(head);
    for (const r of rows) {
      const a = r.hit.article || {};
      out += line([r.left.trim(), r.match, r.right.trim(), a.id, ns.dom.displayTitle(a), a.date || a.date_partial || '',
        (a.source && a.source.file) || '', (a.source && a.source.line) || '', r.start]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- view
  const view = { key: null, hits: [], rows: [], sorted: [], page: 0, seq: 0, loading: false };

  function app() { return ns.app; }

  // Recomputes the occurrences when the query, its filters, the order or the archive changed.
  async function refresh(force) {
    const { state } = app();
    const composed = ns.query.compose(state.userQuery, state.filters);
    const key = `${composed.text}\u0000${app().effectiveSort()}\u0000${state.size}\u0000${state.seqArchive || 0}`;
    if (!force && key === view.key) { render(); return; }
    view.key = key;
    view.page = 0;
    const seq = ++view.seq;
    if (!state.userQuery.trim()) {
      view.hits = []; view.rows = []; view.sorted = []; view.articles = 0; view.orders = {};
      view.message = 'Type a query above: this view lists every occurrence of its words in the hits, with the words around it.';
      render();
      return;
    }
    view.loading = true;
    $('kwic-count').textContent = 'Collecting occurrences…';
    $('kwic').setAttribute('aria-busy', 'true');
    try {
      const hits = await app().allHits(composed.text, { sort: app().effectiveSort(), snippetBytes: FULL_SNIPPET }, (chunk, done, total) => {
        if (seq === view.seq && total > 250) $('kwic-count').textContent = `Collecting occurrences… ${done.toLocaleString('en')} of ${plural(total, 'hit')}`;
      });
      if (seq !== view.seq) return;
      view.hits = hits;
      view.message = '';
      rebuild();
    } catch (err) {
      if (seq !== view.seq) return;
      view.hits = []; view.rows = []; view.sorted = []; view.articles = 0; view.orders = {};
      view.message = err.statusName === 'CACI_EQUERY' ? `Query error: ${err.message}` : `Could not collect the occurrences: ${err.message}`;
    } finally {
      if (seq === view.seq) { view.loading = false; $('kwic').removeAttribute('aria-busy'); render(); }
    }
  }

  function rebuild() {
    view.rows = rowsFor(view.hits, Number($('kwic-width').value) || 5);
    view.sorted = sortRows(view.rows, $('kwic-sort').value);
    // Counted once here, not on every page turn or sort (tens of thousands of rows on a big archive).
    view.articles = new Set(view.rows.map((r) => r.hit.id)).size;
    // The other orders are sorted while the page is idle, so switching Sort by only draws a page.
    view.orders = { [$('kwic-sort').value]: view.sorted };
    const rows = view.rows;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(fn, 50));
    for (const by of ['hits', 'left', 'right']) {
      idle(() => { if (view.rows === rows && !view.orders[by]) view.orders[by] = sortRows(rows, by); });
    }
  }

  function render() {
    const body = $('kwic-rows');
    const rows = view.sorted;
    const pages = Math.max(1, Math.ceil(rows.length / ROWS));
    view.page = Math.min(view.page, pages - 1);
    const first = view.page * ROWS;
    const shown = rows.slice(first, first + ROWS);
    const articles = view.articles || 0;
    if (view.message) $('kwic-count').textContent = view.message;
    else if (!rows.length) $('kwic-count').textContent = view.hits.length ? `${plural(view.hits.length, 'hit')}, but no highlighted occurrences (a query of filters or NOT only).` : 'No hits.';
    else $('kwic-count').textContent = `${plural(rows.length, 'occurrence')} in ${plural(articles, 'article')}` +
      (rows.length > ROWS ? ` · showing ${first + 1}–${first + shown.length}` : '');
    $('kwic-csv').disabled = rows.length === 0;
    body.replaceChildren(...shown.map((r, i) => {
      const a = r.hit.article || {};
      const date = ns.dom.formatDate(a);
      const open = el('button', { type: 'button', class: 'kwic-open', 'data-row': String(first + i),
        'aria-label': `${r.left}${r.match}${r.right} — open “${ns.dom.displayTitle(a)}” at this match` }, r.match);
      const tr = el('tr', { class: 'kwic-row', 'data-id': r.hit.id, 'data-start': String(r.start) },
        el('td', { class: 'kwic-left' }, el('span', null, r.left)),
        el('td', { class: 'kwic-key' }, open),
        el('td', { class: 'kwic-right' }, el('span', null, r.right)),
        el('td', { class: 'kwic-src' }, el('span', { class: 'kwic-title', title: ns.dom.displayTitle(a) }, ns.dom.displayTitle(a)), date ? el("span", { class: "muted" }, date) : null));
      tr.addEventListener('click', (e) => { if (!window.getSelection().toString() || e.target === open) openRow(r, open); });
      return tr;
    }));
    $('kwic-table').hidden = shown.length === 0;
    $('kwic-pager').hidden = pages <= 1;
    $('kwic-page-info').textContent = `Page ${view.page + 1} of ${pages}`;
    $('kwic-prev').disabled = view.page <= 0;
    $('kwic-next').disabled = view.page >= pages - 1;
  }

  function openRow(row, opener) {
    app().openHit(row.hit, opener, { at: row.start });
  }

  function turn(delta) {
    view.page += delta;
    render();
    const first = $('kwic-rows').querySelector('.kwic-open');
    if ($('kwic').getBoundingClientRect().top < 0) $('kwic').scrollIntoView({ block: 'start' });
    if (first && document.activeElement && document.activeElement.closest('#kwic-pager')) { /* keep focus on the pager */ }
  }

  function onKey(e) {
    const buttons = [...$('kwic-rows').querySelectorAll('.kwic-open')];
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next].focus();
  }

  function wire() {
    $('kwic-width').addEventListener('change', () => { rebuild(); render(); });
    $('kwic-sort').addEventListener('change', () => {
      const by = $('kwic-sort').value;
      view.orders = view.orders || {};
      view.sorted = view.orders[by] || (view.orders[by] = sortRows(view.rows, by));
      view.page = 0;
      render();
    });
    $('kwic-prev').addEventListener('click', () => turn(-1));
    $('kwic-next').addEventListener('click', () => turn(+1));
    $('kwic-rows').addEventListener('keydown', onKey);
    $('kwic-filters').addEventListener('click', () => $('filters-toggle').click());   // phone layout
    $('kwic-csv').addEventListener('click', () => app().download(`caci-kwic-${view.sorted.length}.csv`, csv(view.sorted), 'text/csv;charset=utf-8'));
  }

  ns.kwic = { wire, refresh, render, occurrences, contextRow, rowsFor, sortRows, csv, view, ROWS };
})(window.CaciDemo = window.CaciDemo || {});
