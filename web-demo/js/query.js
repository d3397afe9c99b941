// Facet filters as query text: the user's words stay in the search box, filters are chips, and the
// query sent to the engine is "(words) filter filter".
'use strict';
(function (ns) {
  const FIELDS = { author: 'Author', year: 'Year', kind: 'Kind', category: 'Category' };

  function quoteValue(value) {
    const v = String(value).replace(/"/g, '');
    return /^[\p{L}\p{N}_.-]+$/u.test(v) ? v : `"${v}"`;
  }

  function filterText(filter) {
    return `${filter.field}:${quoteValue(filter.value)}`;
  }

  // Returns { text, userOffset }: (offset in text) - userOffset = offset in the search box, so a
  // query error can be pointed at where the user typed it (userOffset null: no user text).
  function compose(userQuery, filters) {
    const words = userQuery.trim();
    const lead = userQuery.length - userQuery.trimStart().length;
    const tail = filters.map(filterText).join(' ');
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

  ns.query = { compose, filterText, sameFilter, label, FIELDS };
})(window.CaciDemo = window.CaciDemo || {});
