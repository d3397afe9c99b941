// Facet filters as query text: the user's words stay in the search box, filters are chips, and the
// query sent to the engine is "(words) filter filter".
'use strict';
(function (ns) {
  const FIELDS = { author: 'Author', year: 'Year', kind: 'Kind', category: 'Category', country: 'Country' };

  function quoteValue(value) {
    const v = String(value).replace(/"/g, '');
    return /^[\p{L}\p{N}_.-]+$/u.test(v) ? v : `"${v}"`;
  }

  // "undated": articles without a known year (they never match year:, so exclude every year).
  const UNDATED = 'undated';

  function filterText(filter) {
    if (filter.field === 'year' && String(filter.value) === UNDATED) return '-year:..9999';
    return `${filter.field}:${quoteValue(filter.value)}`;
  }

  // Values of one field are alternatives (2007 OR 2008); fields narrow each other.
  function filtersText(filters) {
    const groups = new Map();
    for (const f of filters) {
      if (!groups.has(f.field)) groups.set(f.field, []);
      groups.get(f.field).push(filterText(f));
    }
    return [...groups.values()].map((g) => (g.length === 1 ? g[0] : `(${g.join(' OR ')})`)).join(' ');
  }

  // Returns { text, userOffset }: (offset in text) - userOffset = offset in the search box, so a
  // query error can be pointed at where the user typed it (userOffset null: no user text).
  function compose(userQuery, filters) {
    const words = userQuery.trim();
    const lead = userQuery.length - userQuery.trimStart().length;
    const tail = filtersText(filters);
    if (!tail) return { text: words, userOffset: -lead, userLength: words.length };
    if (!words) return { text: tail, userOffset: null, userLength: 0 };
    return { text: `(${words}) ${tail}`, userOffset: 1 - lead, userLength: words.length };
  }

  function sameFilter(a, b) {
    return a.field === b.field && String(a.value) === String(b.value);
  }

  function label(filter) {
    return `${FIELDS[filter.field] || filter.field}: ${filter.value}`;
  }

  ns.query = { compose, filterText, filtersText, sameFilter, label, FIELDS, UNDATED };
})(window.CaciDemo = window.CaciDemo || {});
