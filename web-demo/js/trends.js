// Trends: up to five queries over time. Per year (or per month inside a range of at most ten
// years), the share of that period's articles that match, or the raw count of matching articles,
// or the occurrences (the highlighted matches the keyword-in-context view lists). Every count
// comes from the engine in the worker: the year facet of each query, `date:YYYY-MM` counts for
// months, and for occurrences every hit with full-length highlights. Undated articles cannot be
// placed on a time axis: they are reported as their own count (caption, table row, CSV row).
// The chart is hand-drawn SVG with its styles inline, so the downloaded SVG looks the same.
'use strict';
(function (ns) {
  const { el, svg, plural } = ns.dom;
  const $ = (id) => document.getElementById(id);
  const MAX_SERIES = 5;
  const MAX_MONTH_YEARS = 10;
  const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B'];   // Okabe-Ito, colour-blind safe
  const FULL_SNIPPET = 1 << 20;
  const MEASURES = { share: 'Share of the period’s articles (%)', count: 'Matching articles', occurrences: 'Occurrences' };

  // ------------------------------------------------------------------------- pure helpers
  function periodsFor(from, to, period) {
    const out = [];
    for (let y = from; y <= to; y++) {
      if (period === 'month') for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
      else out.push(String(y));
    }
    return out;
  }

  const periodLabel = (p) => {
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    return m ? `${ns.dom.formatDate({ date: `${p}-01` }).replace(/^1 /, '')}` : p === 'undated' ? 'undated' : p;
  };

  // The value of a point for a measure (null: nothing to show, e.g. a share of a period without articles).
  function value(series, i, measure, all) {
    if (measure === 'occurrences') return series.occurrences ? series.occurrences[i] : null;
    if (measure === 'count') return series.counts[i];
    return all[i] ? (100 * series.counts[i]) / all[i] : null;
  }

  const round = (x) => (x === null || x === undefined ? '' : String(Number(x.toFixed(4))));

  // The series as CSV: one row per period, then one for the undated articles.
  function csv(data) {
    const X = ns.export;
    const head = ['period', 'all_articles'];
    for (const s of data.series) {
      head.push(`${s.query} | articles`, `${s.query} | share_percent`);
      if (s.occurrences) head.push(`${s.query} | occurrences`);
    }
    const line = (f) => f.map(X.csvField).join(',') + '\r\n';
    let out = line(head);
    data.periods.forEach((p, i) => {
      const row = [p, data.all[i]];
      for (const s of data.series) {
        row.push(s.counts[i], round(value(s, i, 'share', data.all)));
        if (s.occurrences) row.push(s.occurrences[i]);
      }
      out += line(row);
    });
    const undated = ['undated', data.allUndated];
    for (const s of data.series) {
      undated.push(s.undated, '');
      if (s.occurrences) undated.push(s.undatedOccurrences);
    }
    return out + line(undated);
  }

  function niceMax(max) {
    if (!(max > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(max)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
    return 10 * p;
  }

  // The chart: an <svg> with inline styles (fonts, colours), so it stands alone when downloaded.
  function chart(data, measure, width, onPoint) {
    const W = Math.max(320, Math.round(width || 720));
    const legendRows = Math.ceil(data.series.length / Math.max(1, Math.floor(W / 240)));
    const top = 16 + legendRows * 18 + 8, left = 52, right = 16, bottom = 40, plotH = 220;
    const H = top + plotH + bottom;
    const n = data.periods.length;
    const x = (i) => left + (n <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (n - 1));
    const values = data.series.map((s) => data.periods.map((p, i) => value(s, i, measure, data.all)));
    const max = niceMax(Math.max(0, ...values.flat().filter((v) => v !== null)));
    const y = (v) => top + plotH - (v / max) * plotH;
    const font = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
    const root = svg('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H,
      role: 'img', 'aria-label': `${MEASURES[measure]} per ${data.period} for ${data.series.map((s) => s.query).join(', ')}`,
      'font-family': font, 'font-size': 11 });
    root.append(svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }));
    // Legend.
    const perRow = Math.max(1, Math.floor(W / 240));
    data.series.forEach((s, k) => {
      const lx = left + (k % perRow) * 240, ly = 14 + Math.floor(k / perRow) * 18;
      root.append(svg('g', { class: 'legend', 'data-series': k },
        svg('line', { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, stroke: COLORS[k], 'stroke-width': 3 }),
        svg('text', { x: lx + 24, y: ly, fill: '#222222', 'font-size': 12 }, s.query.length > 32 ? s.query.slice(0, 31) + '…' : s.query)));
    });
    // Grid and axes.
    for (let t = 0; t <= 4; t++) {
      const v = (max * t) / 4;
      const gy = y(v);
      root.append(svg('line', { x1: left, x2: W - right, y1: gy, y2: gy, stroke: t ? '#e3e3e3' : '#888888', 'stroke-width': 1 }));
      const label = measure === 'share' ? `${Number(v.toFixed(1))}%` : String(Number(v.toFixed(2)));
      root.append(svg('text', { x: left - 6, y: gy + 4, 'text-anchor': 'end', fill: '#555555' }, label));
    }
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((W - left - right) / 56))));
    data.periods.forEach((p, i) => {
      if (i % every) return;
      root.append(svg('line', { x1: x(i), x2: x(i), y1: top + plotH, y2: top + plotH + 4, stroke: '#888888' }));
      root.append(svg('text', { x: x(i), y: top + plotH + 17, 'text-anchor': 'middle', fill: '#555555' },
        data.period === 'month' ? (p.endsWith('-01') || every >= 12 ? p.slice(0, 4) + (every < 12 ? ' Jan' : '') : p.slice(5)) : p));
    });
    root.append(svg('text', { x: left + (W - left - right) / 2, y: H - 6, 'text-anchor': 'middle', fill: '#555555' },
      `${data.period === 'month' ? 'month' : 'year'} · ${MEASURES[measure]}`));
    // Lines (broken where there is no value) and points.
    values.forEach((vals, k) => {
      let d = '';
      let pen = false;
      vals.forEach((v, i) => {
        if (v === null) { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      });
      if (d) root.append(svg('path', { d, fill: 'none', stroke: COLORS[k], 'stroke-width': 2, 'stroke-linejoin': 'round', class: 'series', 'data-series': k }));
      vals.forEach((v, i) => {
        if (v === null) return;
        const s = data.series[k];
        const text = `${s.query}, ${periodLabel(data.periods[i])}: ${describe(s, i, measure, data.all)}`;
        const pt = svg('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: n > 120 ? 2.5 : 4, fill: COLORS[k], stroke: '#ffffff', 'stroke-width': 1,
          class: 'point', 'data-series': k, 'data-period': data.periods[i], 'data-value': round(v), cursor: 'pointer' }, svg('title', null, text));
        if (onPoint) pt.addEventListener('click', () => onPoint(k, i));
        root.append(pt);
      });
    });
    return root;
  }

  function describe(s, i, measure, all) {
    const count = s.counts[i];
    if (measure === 'occurrences') return `${plural(s.occurrences ? s.occurrences[i] : 0, 'occurrence')} in ${plural(count, 'article')}`;
    if (measure === 'count') return `${plural(count, 'article')} of ${all[i].toLocaleString('en')}`;
    return all[i] ? `${round((100 * count) / all[i])}% (${count.toLocaleString('en')} of ${plural(all[i], 'article')})` : 'no articles';
  }

  function svgText(node) {
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(node) + '\n';
  }

  // ---------------------------------------------------------------------------- computing
  const app = () => ns.app;
  const engine = () => ns.app.state.engine;

  function yearCounts(facets) {
    const map = new Map();
    for (const v of (facets && facets.year) || []) if (/^\d{4}$/.test(v.value)) map.set(v.value, v.count);
    return map;
  }

  // The archive's articles per year (and the undated ones), for the denominators and the range.
  async function archiveYears() {
    const r = await engine().search('', { limit: 0, facets: true, snippetBytes: 0 });
    const years = yearCounts(r.facets);
    const dated = [...years.values()].reduce((a, b) => a + b, 0);
    return { years, total: r.total || 0, undated: (r.total || 0) - dated };
  }

  const withFilter = (q, filter) => (q.trim() ? `(${q}) ${filter}` : filter);

  async function compute(queries, measure, fromIn, toIn, periodIn, onProgress) {
    const base = await archiveYears();
    const known = [...base.years.keys()].map(Number).sort((a, b) => a - b);
    if (!known.length) return { empty: true, allUndated: base.undated };
    let from = Number.isInteger(fromIn) ? fromIn : known[0];
    let to = Number.isInteger(toIn) ? toIn : known[known.length - 1];
    if (from > to) [from, to] = [to, from];
    let period = periodIn;
    let note = '';
    if (period === 'month' && to - from + 1 > MAX_MONTH_YEARS) {
      period = 'year';
      note = `Months need a range of at most ${MAX_MONTH_YEARS} years (this one has ${to - from + 1}): shown per year. Narrow From and To for months.`;
    }
    const periods = periodsFor(from, to, period);
    let all;
    if (period === 'year') all = periods.map((p) => base.years.get(p) || 0);
    else {
      all = [];
      for (const p of periods) all.push(base.years.get(p.slice(0, 4)) ? (await engine().search(`date:${p}`, { limit: 0, snippetBytes: 0 })).total : 0);
    }
    const series = [];
    for (const [k, query] of queries.entries()) {
      onProgress && onProgress(`Counting “${query}” (${k + 1} of ${queries.length})…`);
      let r;
      try { r = await engine().search(query, { limit: 0, facets: true, snippetBytes: 0 }); } catch (err) { err.query = query; throw err; }
      const years = yearCounts(r.facets);
      const dated = [...years.values()].reduce((a, b) => a + b, 0);
      const s = { query, total: r.total || 0, undated: (r.total || 0) - dated, counts: [] };
      if (period === 'year') s.counts = periods.map((p) => years.get(p) || 0);
      else {
        for (const p of periods) {
          s.counts.push(years.get(p.slice(0, 4)) ? (await engine().search(withFilter(query, `date:${p}`), { limit: 0, snippetBytes: 0 })).total : 0);
        }
      }
      s.outside = dated - s.counts.reduce((a, b) => a + b, 0);
      if (measure === 'occurrences') {
        const at = new Map(periods.map((p, i) => [p, i]));
        s.occurrences = periods.map(() => 0);
        s.undatedOccurrences = 0;
        s.totalOccurrences = 0;
        await app().allHits(query, { sort: 'date_asc', snippetBytes: FULL_SNIPPET }, (hits, done, total) => {
          onProgress && onProgress(`Counting occurrences of “${query}”: ${done.toLocaleString('en')} of ${plural(total, 'hit')}…`);
          for (const h of hits) {
            const a = h.article || {};
            const n = ns.kwic.occurrences(a.text || '', h.highlights).length;
            s.totalOccurrences += n;
            const d = a.date_parts || {};
            if (!d.year) { s.undatedOccurrences += n; continue; }
            const key = period === 'month' ? `${d.year}-${String(d.month || 0).padStart(2, '0')}` : String(d.year);
            if (at.has(key)) s.occurrences[at.get(key)] += n;
          }
        });
      }
      series.push(s);
    }
    return { periods, period, from, to, all, allUndated: base.undated, series, measure, note };
  }

  // ---------------------------------------------------------------------------------- view
  const view = { data: null, seq: 0, drawnFor: null };

  function rows() { return [...$('trend-rows').querySelectorAll('input.trend-q')]; }

  function addRow(text, focus) {
    const list = $('trend-rows');
    const k = list.children.length;
    if (k >= MAX_SERIES) return null;
    const input = el('input', { type: 'search', class: 'trend-q', spellcheck: 'false', value: text || '',
      'aria-label': `Query ${k + 1}`, placeholder: ['e.g. border', 'e.g. pipeline OR gas', 'e.g. kazakh*', 'e.g. author:vasstrand', 'e.g. "border talks"'][k] });
    input.value = text || '';
    const remove = el('button', { type: 'button', class: 'button subtle small-button trend-remove', 'aria-label': `Remove query ${k + 1}` }, '×');
    const li = el('li', { class: 'trend-row' }, el('span', { class: 'swatch', style: `background:${COLORS[k]}`, 'aria-hidden': 'true' }), input, remove);
    remove.addEventListener('click', () => {
      li.remove();
      renumber();
      const left = rows();
      (left[Math.min(k, left.length - 1)] || $('trend-add')).focus();
      if (!left.length) addRow('', false);
    });
    list.append(li);
    renumber();
    if (focus) input.focus();
    return input;
  }

  function renumber() {
    [...$('trend-rows').children].forEach((li, k) => {
      li.querySelector('.swatch').style.background = COLORS[k];
      li.querySelector('input').setAttribute('aria-label', `Query ${k + 1}`);
      li.querySelector('.trend-remove').setAttribute('aria-label', `Remove query ${k + 1}`);
    });
    $('trend-add').disabled = $('trend-rows').children.length >= MAX_SERIES;
  }

  const measure = () => (document.querySelector('input[name=trend-measure]:checked') || {}).value || 'share';
  const yearInput = (id) => { const v = $(id).value.trim(); return /^\d{4}$/.test(v) ? Number(v) : null; };

  async function draw() {
    const queries = rows().map((i) => i.value.trim()).filter(Boolean).slice(0, MAX_SERIES);
    const seq = ++view.seq;
    const status = $('trend-status');
    $('trend-hits').hidden = true;
    if (!queries.length) {
      status.textContent = 'Type a query (up to five) and press Draw: each becomes a line over time.';
      $('trend-figure').hidden = true; $('trend-data').hidden = true;
      view.data = null;
      return;
    }
    status.textContent = 'Counting…';
    $('trends').setAttribute('aria-busy', 'true');
    try {
      const data = await compute(queries, measure(), yearInput('trend-from'), yearInput('trend-to'), $('trend-period').value,
        (msg) => { if (seq === view.seq) status.textContent = msg; });
      if (seq !== view.seq) return;
      if (data.empty) {
        status.textContent = `No dated articles in the archive${data.allUndated ? ` (${plural(data.allUndated, 'undated article')})` : ''}.`;
        $('trend-figure').hidden = true; $('trend-data').hidden = true;
        return;
      }
      view.data = data;
      view.drawnFor = `${app().state.size}`;
      if (!$('trend-from').value) $('trend-from').placeholder = String(data.from);
      if (!$('trend-to').value) $('trend-to').placeholder = String(data.to);
      render();
      const parts = data.series.map((s) => `“${s.query}”: ${plural(s.total, 'hit')}` + (data.measure === 'occurrences' ? `, ${plural(s.totalOccurrences, 'occurrence')}` : ''));
      status.textContent = `${parts.join('; ')}.` + (data.note ? ` ${data.note}` : '');
    } catch (err) {
      if (seq !== view.seq) return;
      const which = err.query ? ` in “${err.query}”` : '';
      status.textContent = err.statusName === 'CACI_EQUERY' ? `Query error${which}: ${err.message}` : `Could not draw the trends: ${err.message}`;
      $('trend-figure').hidden = true; $('trend-data').hidden = true;
    } finally {
      if (seq === view.seq) $('trends').removeAttribute('aria-busy');
    }
  }

  function render() {
    const data = view.data;
    if (!data) return;
    const m = data.measure;
    $('trend-figure').hidden = false;
    const box = $('trend-chart');
    box.replaceChildren(chart(data, m, box.clientWidth || 720, listHits));
    const undated = data.series.map((s) => `“${s.query}” ${s.undated.toLocaleString('en')}` +
      (m === 'occurrences' ? ` (${plural(s.undatedOccurrences, 'occurrence')})` : '')).join(', ');
    const outside = data.series.filter((s) => s.outside > 0).map((s) => `“${s.query}” ${s.outside.toLocaleString('en')}`).join(', ');
    $('trend-caption').textContent = `${MEASURES[m]} per ${data.period}, ${data.from}–${data.to}. ` +
      `Undated articles are not on the time axis: ${plural(data.allUndated, 'undated article')} in the archive; undated hits: ${undated}.` +
      (outside ? ` Hits dated outside ${data.from}–${data.to}: ${outside}.` : '') + ' Click a point to list its hits.';
    renderTable(data);
  }

  // The data behind the chart; each value cell is a button (one tab stop, arrow keys move).
  function renderTable(data) {
    const m = data.measure;
    const table = $('trend-table');
    const head = el('tr', null, el('th', { scope: 'col' }, data.period === 'month' ? 'Month' : 'Year'), el('th', { scope: 'col' }, 'All articles'),
      data.series.map((s, k) => el('th', { scope: 'col' }, el('span', { class: 'swatch', style: `background:${COLORS[k]}`, 'aria-hidden': 'true' }), ` ${s.query}`)));
    const body = [];
    const cell = (k, i, text, label) => el('td', null, el('button', { type: 'button', class: 'trend-cell', tabindex: '-1',
      'data-series': String(k), 'data-index': String(i), 'aria-label': label, onclick: () => listHits(k, i) }, text));
    data.periods.forEach((p, i) => {
      body.push(el('tr', { 'data-period': p }, el('th', { scope: 'row' }, periodLabel(p)), el('td', null, data.all[i].toLocaleString('en')),
        data.series.map((s, k) => {
          const v = value(s, i, m, data.all);
          const text = m === 'share' ? (v === null ? '–' : `${round(v)}% (${s.counts[i]})`) : String(v);
          return cell(k, i, text, `${s.query}, ${periodLabel(p)}: ${describe(s, i, m, data.all)}`);
        })));
    });
    body.push(el('tr', { 'data-period': 'undated', class: 'undated' }, el('th', { scope: 'row' }, 'undated'), el('td', null, data.allUndated.toLocaleString('en')),
      data.series.map((s, k) => cell(k, -1, m === 'occurrences' ? `${s.undatedOccurrences} (${s.undated})` : String(s.undated),
        `${s.query}, undated: ${plural(s.undated, 'article')}`))));
    table.replaceChildren(el('thead', null, head), el('tbody', null, body));
    const first = table.querySelector('.trend-cell');
    if (first) first.setAttribute('tabindex', '0');
    $('trend-data').hidden = false;
  }

  function onTableKey(e) {
    const b = e.target.closest && e.target.closest('.trend-cell');
    if (!b) return;
    const td = b.parentElement, tr = td.parentElement;
    const col = [...tr.children].indexOf(td);
    let target = null;
    if (e.key === 'ArrowRight') target = td.nextElementSibling;
    else if (e.key === 'ArrowLeft') target = td.previousElementSibling;
    else if (e.key === 'ArrowDown') target = tr.nextElementSibling && tr.nextElementSibling.children[col];
    else if (e.key === 'ArrowUp') target = tr.previousElementSibling && tr.previousElementSibling.children[col];
    else return;
    e.preventDefault();
    const next = target && target.querySelector('.trend-cell');
    if (!next) return;
    for (const c of $('trend-table').querySelectorAll('.trend-cell')) c.setAttribute('tabindex', c === next ? '0' : '-1');
    next.focus();
  }

  // Lists the hits behind one point (index -1: the undated hits).
  async function listHits(k, i) {
    const data = view.data;
    if (!data) return;
    const s = data.series[k];
    const p = i < 0 ? 'undated' : data.periods[i];
    const filter = i < 0 ? '-year:..9999' : data.period === 'month' ? `date:${p}` : `year:${p}`;
    const text = withFilter(s.query, filter);
    const list = $('trend-hit-list');
    $('trend-hits').hidden = false;
    $('trend-hits-title').textContent = `Hits for “${s.query}”, ${periodLabel(p)}: counting…`;
    try {
      const r = await engine().search(text, { limit: 100, sort: 'date_asc', snippetBytes: FULL_SNIPPET });
      $('trend-hits-title').textContent = `Hits for “${s.query}”, ${periodLabel(p)}: ${plural(r.total, 'article')}` +
        (r.total > r.hits.length ? ` (the first ${r.hits.length})` : '');
      list.replaceChildren(...r.hits.map((h) => {
        const a = h.article || {};
        const open = el('button', { type: 'button', class: 'hit-open' }, ns.dom.displayTitle(a));
        open.addEventListener('click', () => app().openHit(h, open));
        const date = ns.dom.formatDate(a);
        return el('li', { 'data-id': h.id }, open, el('span', { class: 'muted small' }, [ns.dom.authorNames(a), date].filter(Boolean).map((t) => ` · ${t}`).join('')));
      }));
      view.listed = { query: s.query, period: p, filter, period_kind: data.period };
      $('trend-hits-title').focus({ preventScroll: true });
      $('trend-hits').scrollIntoView({ block: 'nearest' });
    } catch (err) {
      $('trend-hits-title').textContent = `Could not list the hits: ${err.message}`;
    }
  }

  function showListedInResults() {
    const l = view.listed;
    if (!l) return;
    if (l.period_kind === 'year' && l.period !== 'undated') app().showInResults(l.query, [{ field: 'year', value: l.period }]);
    else if (l.period === 'undated') app().showInResults(l.query, [{ field: 'year', value: ns.query.UNDATED }]);
    else app().showInResults(withFilter(l.query, l.filter), []);
    ns.views.setView('results', true);
  }

  // The first visit starts from the Results query.
  function shown() {
    if (!rows().length) addRow(app().state.userQuery.trim(), false);
    const changed = view.data && view.drawnFor !== `${app().state.size}`;
    if ((!view.data && rows().some((i) => i.value.trim())) || changed) draw();
    else if (view.data) render();   // the width may have changed while hidden
  }

  function wire() {
    $('trends-form').addEventListener('submit', (e) => { e.preventDefault(); draw(); });
    $('trend-add').addEventListener('click', () => addRow('', true));
    for (const r of document.querySelectorAll('input[name=trend-measure]')) r.addEventListener('change', () => { if (view.data) draw(); });
    $('trend-period').addEventListener('change', () => { if (view.data) draw(); });
    $('trend-table').addEventListener('keydown', onTableKey);
    $('trend-csv').addEventListener('click', () => view.data && app().download(`caci-trends-${view.data.period}.csv`, csv(view.data), 'text/csv;charset=utf-8'));
    $('trend-svg').addEventListener('click', () => {
      if (!view.data) return;
      const node = chart(view.data, view.data.measure, $('trend-chart').clientWidth || 720, null);
      app().download(`caci-trends-${view.data.period}.svg`, svgText(node), 'image/svg+xml');
    });
    $('trend-in-results').addEventListener('click', showListedInResults);
    window.addEventListener('resize', ns.dom.debounce(() => { if (!$('trends').hidden && view.data) render(); }, 150));
  }

  ns.trends = { wire, shown, draw, addRow, compute, csv, chart, periodsFor, value, view, COLORS, MAX_SERIES };
})(window.CaciDemo = window.CaciDemo || {});
