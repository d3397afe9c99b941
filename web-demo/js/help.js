// The Syntax panel: drawn from globalThis.CACI_SYNTAX, which web-demo/build.sh generates from the
// query language's reference (core/src/search/QUERY.md, via tools/syntax.mjs), so the panel says
// what `caci search --help` and README.md say. Code spans that find articles in the bundled samples
// are example buttons (js/app.js runs them).
'use strict';
(function (ns) {
  const { el } = ns.dom;

  function segments(list) {
    return (list || []).map((s) => {
      if (s.strong !== undefined) return el('strong', null, s.strong);
      if (s.code === undefined) return s.text || '';
      const code = el('code', null, s.code);
      return s.example ? el('button', { type: 'button', class: 'example', 'data-query': s.code }, code) : code;
    });
  }

  function renderSyntax(panel, syntax) {
    const parts = [];
    for (const group of syntax.groups || []) {
      if (group.variants) {
        parts.push(el('details', { class: 'syntax-variants' },
          el('summary', null, el('h3', null, `${group.title} (${group.variants.length} places and peoples)`)),
          el('p', { class: 'small' }, segments(group.note)),
          el('ul', { class: 'variant-list' }, group.variants.map((v) => el('li', null, v.join(' = '))))));
        continue;
      }
      parts.push(el('h3', null, group.title));
      parts.push(el('dl', { class: 'syntax' }, group.rows.map((row) => [
        el('dt', null, segments(row.term)), el('dd', null, segments(row.meaning))])));
    }
    panel.replaceChildren(...parts);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const panel = document.getElementById('syntax-panel');
    const syntax = globalThis.CACI_SYNTAX;
    if (!syntax) { panel.textContent = 'The syntax reference (syntax.js) did not load: run web-demo/build.sh.'; return; }
    renderSyntax(panel, syntax);
  });
  ns.help = { renderSyntax };
})(window.CaciDemo = window.CaciDemo || {});
