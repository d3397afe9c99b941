// Completions under the search box as you type (issue 14 item 6): the most frequent indexed terms
// starting with the word being typed (the engine's Index.complete() in the worker). The ARIA 1.2
// combobox pattern: focus never leaves the box; ↓/↑ move the active option (aria-activedescendant),
// Enter takes it, Escape closes the list; typing goes on while the worker answers, and an answer
// for a word no longer being typed is dropped.
'use strict';
(function (ns) {
  const { el, debounce, plural } = ns.dom;
  const $ = (id) => document.getElementById(id);
  const COUNT = 8;
  const MIN_LETTERS = 2;
  const MAX_LETTERS = 64;
  // Fields whose values are not indexed words (a year, a date, a kind, a category, a country).
  const METADATA = /(?:^|[\s(])-?(?:year|date|kind|category|country):=?"?[^\s"]*$/i;
  const OPERATORS = new Set(['OR', 'AND', 'NOT', 'NEAR']);

  let asked = 0;       // the latest request; older answers are dropped
  let items = [];      // [{ term, articles }] shown
  let word = null;     // { start, end } of the word they complete
  let active = -1;

  // The word ending at the caret (letters and digits), unless the caret is inside a word, the word
  // is an operator or too short, or it is a metadata field's value.
  function wordAtCaret(input) {
    const value = input.value;
    const caret = input.selectionStart == null ? value.length : input.selectionStart;
    if (input.selectionEnd != null && input.selectionEnd !== caret) return null;
    if (/^[\p{L}\p{N}\p{M}]/u.test(value.slice(caret))) return null;
    const before = value.slice(0, caret);
    const m = /[\p{L}\p{N}\p{M}]+$/u.exec(before);
    if (!m || m[0].length < MIN_LETTERS || m[0].length > MAX_LETTERS) return null;
    if (OPERATORS.has(m[0]) || /^\p{N}+$/u.test(m[0])) return null;
    if (METADATA.test(before) || /NEAR\/\d*$/.test(before)) return null;
    return { text: m[0], start: m.index, end: caret };
  }

  function isOpen() { return !$('q-completions').hidden; }

  function close() {
    asked++;
    items = [];
    word = null;
    active = -1;
    const list = $('q-completions');
    list.hidden = true;
    list.replaceChildren();
    $('q').setAttribute('aria-expanded', 'false');
    $('q').removeAttribute('aria-activedescendant');
  }

  async function refresh() {
    const input = $('q');
    const engine = ns.app && ns.app.state.engine;
    const at = wordAtCaret(input);
    if (!engine || !at || document.activeElement !== input) { close(); return; }
    const ticket = ++asked;
    let got;
    try {
      got = await engine.complete(at.text, COUNT + 1);
    } catch (err) {
      if (ticket === asked) close();
      return;
    }
    if (ticket !== asked || document.activeElement !== input) return;
    const now = wordAtCaret(input);
    if (!now || now.text !== at.text || now.start !== at.start) return;
    const folded = at.text.toLowerCase();
    show(at, (got || []).filter((c) => c.term && c.term !== folded).slice(0, COUNT));
  }

  function show(at, list) {
    if (list.length === 0) { close(); return; }
    items = list;
    word = at;
    active = -1;
    const box = $('q-completions');
    box.replaceChildren(...list.map((c, i) => {
      const typed = c.term.startsWith(at.text.toLowerCase()) ? at.text.length : 0;
      const option = el('li', { id: `q-option-${i}`, role: 'option', 'aria-selected': 'false', 'data-term': c.term },
        el('span', { class: 'term' }, el('b', null, c.term.slice(0, typed)), c.term.slice(typed)),
        el('span', { class: 'count' }, plural(c.articles || 0, 'article')));
      // mousedown would move the focus out of the box: keep it there.
      option.addEventListener('mousedown', (e) => e.preventDefault());
      option.addEventListener('click', () => accept(i));
      return option;
    }));
    box.hidden = false;
    $('q').setAttribute('aria-expanded', 'true');
    $('q').removeAttribute('aria-activedescendant');
  }

  function setActive(i) {
    const options = [...$('q-completions').children];
    active = i;
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && options[i]) {
      $('q').setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      $('q').removeAttribute('aria-activedescendant');
    }
  }

  // Replaces the word being typed by the term and searches at once.
  function accept(i) {
    const c = items[i];
    const at = word;
    if (!c || !at) return;
    const input = $('q');
    const value = input.value;
    input.value = value.slice(0, at.start) + c.term + value.slice(at.end);
    const caret = at.start + c.term.length;
    input.setSelectionRange(caret, caret);
    close();
    const state = ns.app.state;
    state.userQuery = input.value;
    state.offset = 0;
    ns.search.searchSoon.flush();
  }

  // Called first by the box's keydown handler (js/app.js); true when the key was used here.
  function onKey(event) {
    if (!isOpen() || event.altKey || event.ctrlKey || event.metaKey) return false;
    const n = items.length;
    if (event.key === 'ArrowDown') setActive(active + 1 >= n ? 0 : active + 1);
    else if (event.key === 'ArrowUp') setActive(active <= 0 ? n - 1 : active - 1);
    else if (event.key === 'Enter' && active >= 0) accept(active);
    else if (event.key === 'Escape') close();   // (and keeps the search box's text)
    else {
      if (event.key === 'Enter' || event.key === 'Tab') close();
      return false;
    }
    event.preventDefault();
    return true;
  }

  const refreshSoon = debounce(refresh, 60);

  function wire() {
    const input = $('q');
    input.addEventListener('input', () => { asked++; refreshSoon(); });
    input.addEventListener('blur', () => { refreshSoon.cancel(); close(); });
    // The caret moved (click, ←/→): the list follows the word at the caret.
    input.addEventListener('click', () => { if (isOpen()) refreshSoon(); });
  }

  document.addEventListener('DOMContentLoaded', wire);
  ns.complete = { onKey, close, wordAtCaret };
})(window.CaciDemo = window.CaciDemo || {});
