// The Diagnostics list: what the parser said about the pages (skipped lines, guessed fields), kept
// with the cached index. A huge archive can produce thousands: the first ones are listed, all counted.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const { state } = ns.state;
  const MAX_LISTED_DIAGNOSTICS = 2000;
  const $ = (id) => document.getElementById(id);

  function addDiagnostics(list) {
    if (!list || list.length === 0) return;
    const target = $('diagnostics-list');
    const frag = document.createDocumentFragment();
    const room = Math.max(0, MAX_LISTED_DIAGNOSTICS - state.diagnostics.length);
    for (const d of list.slice(0, room)) frag.append(ns.render.diagnosticItem(d));
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

  ns.diagnostics = { addDiagnostics, clearDiagnostics, updateDiagnosticsSummary };
})(window.CaciDemo = window.CaciDemo || {});
