// Filters: the chips of the active filters, the facet lists and the timeline beside the results
// (counts that add up to the total), and keeping keyboard focus in place when they are redrawn.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const { renderFacets, renderTimeline } = ns.render;
  const { state } = ns.state;
  const searchAtOnce = () => ns.search.searchSoon.flush();
  const $ = (id) => document.getElementById(id);

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
    searchAtOnce();
  }

  function clearFilters() {
    if (state.filters.length === 0) return;
    state.filters = [];
    state.offset = 0;
    renderChips();
    $('q').focus();
    searchAtOnce();
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

  // Facet counts for a field with active filters come from the query without that field's filters
  // (so 2008 stays pickable next to 2007), and the year facet gets an "undated" bucket: the articles
  // without a known year (total minus the dated ones), so the counts add up to the total.
  async function sideFacets(results) {
    const facets = Object.assign({}, results.facets);
    const totals = { year: results.total || 0 };
    for (const field of new Set(state.filters.map((f) => f.field))) {
      const text = ns.query.compose(state.userQuery, state.filters.filter((f) => f.field !== field)).text;
      try {
        const r = await state.engine.search(text, { limit: 0, facets: true, snippetBytes: 0, collapseVersions: ns.versions.collapse() });
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

  // Phone layout: the filters open as a panel over the page from the Filters button.
  function setFiltersOpen(open) {
    document.body.classList.toggle('filters-open', open);
    $('filters-toggle').setAttribute('aria-expanded', String(open));
    if (open) { $('side').scrollTop = 0; $('filters-close').focus(); }
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

  ns.filters = { isFilterActive, toggleFilter, clearFilters, restoreFocus, renderChips, sideFacets, renderSide,
    setFiltersOpen };
})(window.CaciDemo = window.CaciDemo || {});
