// The Diagnostics list: what the parser said about the pages (skipped lines, guessed fields), kept
// with the cached index. A huge archive can produce thousands: the first ones are listed, all counted.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const { state } = ns.state;
  const MAX_LISTED_DIAGNOSTICS = 2000;
  const $ = (id) => document.getElementById(id);

  // The list items are made 50 at a time, one task each: a big archive's 1,500 diagnostics drawn
  // at once held the main thread for a sixth of a second (issue 16: no task over 50 ms).
  const SLICE = 50;
  let generation = 0;

  function addDiagnostics(list) {
    if (!list || list.length === 0) return;
    const target = $('diagnostics-list');
    const room = Math.max(0, MAX_LISTED_DIAGNOSTICS - state.diagnostics.length);
    const shown = list.slice(0, room);
    const more = list.length > room;
    state.diagnostics = state.diagnostics.concat(list);
    updateDiagnosticsSummary();
    const gen = generation;
    const draw = (from) => {
      if (gen !== generation) return;   // cleared meanwhile
      const frag = document.createDocumentFragment();
      for (const d of shown.slice(from, from + SLICE)) frag.append(ns.render.diagnosticItem(d));
      const done = from + SLICE >= shown.length;
      if (done && more) {
        target.querySelector('.more-diagnostics')?.remove();
        frag.append(el('li', { class: 'more-diagnostics muted' },
          `… only the first ${MAX_LISTED_DIAGNOSTICS.toLocaleString('en')} are listed`));
      }
      target.append(frag);
      if (!done) setTimeout(() => draw(from + SLICE), 0);
    };
    if (shown.length <= SLICE) draw(0); else setTimeout(() => draw(0), 0);
  }

  function clearDiagnostics() {
    generation++;
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
