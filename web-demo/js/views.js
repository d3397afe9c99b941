// The three views of the page: Results (the search), Trends and Keyword in context. A tab list
// (arrow keys move between the tabs); the view is kept in the URL hash (view=trends|kwic).
'use strict';
(function (ns) {
  const $ = (id) => document.getElementById(id);
  const VIEWS = ['results', 'trends', 'kwic'];

  function setView(view, focusTab) {
    const state = ns.app.state;
    if (!VIEWS.includes(view)) view = 'results';
    state.view = view;
    document.body.dataset.view = view;
    for (const tab of document.querySelectorAll('.view-tab')) {
      const on = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(on));
      tab.setAttribute('tabindex', on ? '0' : '-1');
      if (on && focusTab) tab.focus();
    }
    $('results-panel').hidden = view !== 'results';
    $('kwic').hidden = view !== 'kwic';
    $('trends').hidden = view !== 'trends';
    ns.app.saveHash();
    if (view === 'kwic') ns.kwic.refresh();
    if (view === 'trends') ns.trends.shown();
  }

  function onTabKey(e) {
    const tabs = [...document.querySelectorAll('.view-tab')];
    const i = tabs.indexOf(e.target);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setView(tabs[next].dataset.view, true);
  }

  function start() {
    ns.kwic.wire();
    ns.trends.wire();
    for (const tab of document.querySelectorAll('.view-tab')) tab.addEventListener('click', () => setView(tab.dataset.view, true));
    document.querySelector('.view-tabs').addEventListener('keydown', onTabKey);
    // The keyword-in-context rows follow the query and its filters.
    document.addEventListener('caci:results', () => { if (ns.app.state.view === 'kwic') ns.kwic.refresh(); });
    document.addEventListener('caci:view', (e) => { if (e.detail.view !== document.body.dataset.view) setView(e.detail.view, false); });
    // The first view comes from the URL; its work waits for the engine's first results.
    document.body.dataset.view = ns.app.state.view;
    const first = ns.app.state.view;
    $('results-panel').hidden = first !== 'results';
    $('kwic').hidden = first !== 'kwic';
    $('trends').hidden = first !== 'trends';
    for (const tab of document.querySelectorAll('.view-tab')) {
      const on = tab.dataset.view === first;
      tab.setAttribute('aria-selected', String(on));
      tab.setAttribute('tabindex', on ? '0' : '-1');
    }
    if (first !== 'results') {
      const once = () => { document.removeEventListener('caci:results', once); setView(ns.app.state.view, false); };
      document.addEventListener('caci:results', once);
    }
  }

  ns.views = { setView, VIEWS };
  document.addEventListener('DOMContentLoaded', start);
})(window.CaciDemo = window.CaciDemo || {});
