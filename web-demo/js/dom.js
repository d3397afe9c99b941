// Small DOM and formatting helpers shared by the demo's scripts. Classic script (no modules), so
// the page also works when opened straight from disk: everything hangs off window.CaciDemo.
'use strict';
(function (ns) {
  // Builds an element; children are nodes or strings (always inserted as text, never as HTML).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else if (key in node && typeof value !== 'string') node[key] = value;
        else node.setAttribute(key, value === true ? '' : value);
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    append(node, children);
    return node;
  }

  // Appends text to parent with the ranges [start, end) (sorted or not, possibly overlapping) wrapped
  // in <mark>. Offsets are UTF-16 indexes into text.
  // base: the offset of text in the article text; each <mark> gets data-at = its offset there.
  function appendMarked(parent, text, ranges, base) {
    const sorted = (ranges || [])
      .map((r) => [Math.max(0, r.start), Math.min(text.length, r.end)])
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [s, e] of sorted) {
      if (e <= pos) continue;
      const from = Math.max(s, pos);
      if (from > pos) parent.append(text.slice(pos, from));
      parent.append(el('mark', typeof base === 'number' ? { 'data-at': String(base + from) } : null, text.slice(from, e)));
      pos = e;
    }
    if (pos < text.length) parent.append(text.slice(pos));
    return parent;
  }

  function debounce(fn, ms) {
    let timer = 0;
    const wrapped = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
    wrapped.flush = (...args) => { clearTimeout(timer); return fn(...args); };
    wrapped.cancel = () => clearTimeout(timer);
    return wrapped;
  }

  function base64ToBytes(b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];

  // "2003-03-17" -> "17 March 2003"; "--12-02" -> "2 December (year unknown)". Done by hand so no
  // time zone can shift the day.
  function formatDate(article) {
    const full = article && article.date;
    if (full) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(full);
      if (!m) return full;
      return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] || m[2]} ${m[1]}`;
    }
    const partial = article && article.date_partial;
    if (partial) {
      const m = /^--(\d{2})-(\d{2})$/.exec(partial);
      if (!m) return partial;
      return `${Number(m[2])} ${MONTHS[Number(m[1]) - 1] || m[1]} (year unknown)`;
    }
    return '';
  }

  function authorNames(article) {
    const names = (article.authors || []).map((a) => a.name).filter(Boolean);
    if (names.length <= 1) return names.join('');
    return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
  }

  // The one name of an article, used by the results, the article view and the citation:
  // { text, from: 'title' | 'pdf' | 'opening' | 'none' }. The real title; else a teaser's PDF title
  // (the parser puts it in title with flag title_from_link); else the first words, marked as such,
  // with one ellipsis however the words end.
  const TITLE_WORDS = 12;
  function titleInfo(article) {
    if (article.title) {
      return { text: article.title, from: (article.flags || []).includes('title_from_link') ? 'pdf' : 'title' };
    }
    const source = (article.lead && article.lead[0]) ||
      (article.sections && article.sections[0] && article.sections[0].paragraphs[0]) ||
      (article.bio && article.bio[0]) || article.text || '';
    const parts = source.replace(/^[A-Z’']+:\s*/, '').split(/\s+/).filter(Boolean);
    if (parts.length === 0) return { text: '(untitled)', from: 'none' };
    const cut = parts.length > TITLE_WORDS;
    let text = parts.slice(0, TITLE_WORDS).join(' ');
    if (cut) text = text.replace(/(?:\s*(?:…|\.\.\.|[.,;:!?\-–—]))+$/u, '') + ' …';
    else text = text.replace(/(?:\s*(?:…|\.\.\.))+$/u, ' …');
    return { text, from: 'opening' };
  }

  function displayTitle(article) { return titleInfo(article).text; }

  const TITLE_NOTES = { pdf: 'title from the PDF link', opening: 'untitled: opening words', none: 'untitled' };

  function plural(n, one, many) {
    return `${n.toLocaleString('en')} ${n === 1 ? one : (many || one + 's')}`;
  }

  function formatBytes(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
    return `${(n / 1024 / 1024).toFixed(1)} MB`;
  }

  // Gives the focus back to what opened a dialog, from the dialog's close event, unless the user
  // has moved it on: that event comes a task after the dialog closed (and the browser put the
  // focus back), so keys pressed in between may already have moved it, and taking it back would
  // undo them.
  function refocusOpener(dialog, opener) {
    const now = document.activeElement;
    const adrift = !now || now === document.body || dialog.contains(now);
    if (adrift && opener && opener.isConnected && opener.focus) opener.focus();
  }

  ns.dom = { el, append, svg, appendMarked, debounce, base64ToBytes, formatDate, authorNames,
    displayTitle, titleInfo, TITLE_NOTES, plural, formatBytes, refocusOpener };
})(window.CaciDemo = window.CaciDemo || {});
