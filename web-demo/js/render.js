// Rendering of results, the article view, facets, the timeline and diagnostics. Article text only
// ever reaches the DOM through text nodes (textContent / <mark>), never as HTML.
'use strict';
(function (ns) {
  const { el, svg, appendMarked, formatDate, authorNames, displayTitle, titleInfo, TITLE_NOTES } = ns.dom;

  // ---------------------------------------------------------------------------------- results
  function snippetNode(hit) {
    const p = el('p', { class: 'snippet' });
    const article = hit.article || {};
    let snip = hit.snippet;
    if (snip && typeof snip.text === 'string') {
      let start = snip.start || 0;
      let text = snip.text;
      // article.text starts with the title, which the heading already shows (highlighted).
      const titleEnd = titleLength(article) + 1;
      let bodyStart = 0;
      if (titleEnd > 1 && start < titleEnd && start + text.length > titleEnd) {
        text = text.slice(titleEnd - start);
        start = bodyStart = titleEnd;
      }
      snip = { text, start };
      const ranges = (hit.highlights || [])
        .filter((h) => h.end > start && h.start < start + snip.text.length)
        .map((h) => ({ start: h.start - start, end: h.end - start }));
      const before = start > bodyStart ? '… ' : '';
      const after = article.text && start + snip.text.length < article.text.trimEnd().length ? ' …' : '';
      if (before) p.append(before);
      appendMarked(p, snip.text.replace(/\n/g, ' '), ranges);
      if (after) p.append(after);
    } else {
      p.append(displayTitle(article));
    }
    return p;
  }

  const SAMPLE_TITLE = 'A made-up example page bundled with the demo, not a real Analyst article';

  function metaLine(article, cls, sample) {
    const parts = [];
    if (sample) parts.push(el('span', { class: 'tag sample-badge', title: SAMPLE_TITLE }, 'sample'));
    if (authorNames(article)) parts.push(el('span', { class: 'authors-line' }, authorLinks(article)));
    const date = formatDate(article);
    if (date) parts.push(el('span', null, date));
    if (article.kind) parts.push(el('span', { class: 'tag' }, article.kind));
    if (article.category) parts.push(el('span', { class: 'tag' }, article.category));
    return el('p', { class: cls }, parts);
  }

  // Length of the title at the start of article.text (0 when the article has no title).
  function titleLength(article) {
    const title = article.title;
    return title && article.text && article.text.startsWith(title + '\n') ? title.length : 0;
  }

  // The display title (highlighted where the query matched the real title) and its note.
  function titleNode(article, highlights) {
    const info = titleInfo(article);
    const node = el('span', { class: 'display-title' + (info.from === 'opening' || info.from === 'none' ? ' untitled' : '') });
    const tlen = titleLength(article);
    if (tlen) appendMarked(node, article.title, (highlights || []).filter((h) => h.start < tlen), 0);
    else node.append(info.text);
    return node;
  }

  function titleNote(article) {
    const note = TITLE_NOTES[titleInfo(article).from];
    return note ? el('span', { class: 'title-note' }, ` (${note})`) : null;
  }

  function renderResults(list, hits, onOpen, opts = {}) {
    list.replaceChildren();
    hits.forEach((hit, index) => {
      const article = hit.article || {};
      const open = el('button', {
        type: 'button', class: 'hit-open', 'data-id': hit.id, 'data-index': String(index),
      });
      open.append(titleNode(article, hit.highlights));
      const item = el('li', { class: 'hit', 'data-id': hit.id },
        el('h3', null, open, titleNote(article)), metaLine(article, 'hit-meta', opts.sample), snippetNode(hit));
      item.addEventListener('click', (event) => {
        if (event.target.closest('button') !== open && window.getSelection().toString()) return;
        onOpen(hit, open);
      });
      list.append(item);
    });
  }

  // ------------------------------------------------------------------------------ article view
  // Wraps the hit's highlights (offsets into article.text) around the paragraph strings, which
  // appear in article.text in reading order.
  function highlighter(article, highlights) {
    const text = article.text || '';
    let cursor = 0;
    return function paragraph(tag, str, attrs) {
      const node = el(tag, attrs);
      const at = highlights && highlights.length ? text.indexOf(str, cursor) : -1;
      if (at < 0) { node.append(str); return node; }
      cursor = at + str.length;
      const ranges = highlights
        .filter((h) => h.end > at && h.start < at + str.length)
        .map((h) => ({ start: h.start - at, end: h.end - at }));
      return appendMarked(node, str, ranges, at);
    };
  }

  // The authors as "A, B and C", each name a link to its author page (author-page.js).
  function authorLinks(article) {
    const names = (article.authors || []).map((a) => a.name).filter(Boolean);
    const out = [];
    names.forEach((name, i) => {
      if (i > 0) out.push(i === names.length - 1 ? ' and ' : ', ');
      out.push(el('button', { type: 'button', class: 'link author-link', 'data-author-page': name, title: `Author page: ${name}` }, name));
    });
    return out;
  }

  function authorItem(author, onAuthor) {
    const li = el('li');
    // Titles read before the name (Dr., Col.), degrees after it (Ph.D.).
    const hon = author.honorifics || [];
    const after = hon.filter((h) => /^(Ph\.?\s?D\.?|M\.?A\.?|M\.?Sc\.?|Jr\.?|Sr\.?)$/i.test(h));
    const before = hon.filter((h) => !after.includes(h));
    if (before.length) li.append(el('span', { class: 'hon' }, before.join(' ')), ' ');
    if (author.name && onAuthor) {
      li.append(el('button', {
        type: 'button', class: 'name author-filter', title: `Show only articles by ${author.name}`,
        onclick: () => onAuthor(author.name),
      }, author.name));
    } else {
      li.append(el('span', { class: 'name' }, author.name || '(unknown)'));
    }
    if (author.name) {
      li.append(' ', el('button', { type: 'button', class: 'link author-page-link', 'data-author-page': author.name,
        'aria-label': `Author page: ${author.name}` }, 'author page'));
    }
    if (after.length) li.append(el('span', { class: 'hon' }, ', ' + after.join(', ')));
    if (author.affiliation) li.append(el('span', { class: 'aff' }, ', ' + author.affiliation));
    return li;
  }

  function sectionParagraphs(section) {
    // The heading word starts the first paragraph in the source ("BACKGROUND: ..."); it is shown
    // as a heading, so do not repeat it.
    const paras = (section.paragraphs || []).slice();
    if (paras.length && section.heading) {
      const prefix = new RegExp('^' + section.heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*:\\s*', 'i');
      paras[0] = paras[0].replace(prefix, '');
    }
    return paras;
  }

  function renderArticle(container, article, highlights, onAuthor, opts = {}) {
    container.replaceChildren();
    if (opts.sample) {
      container.append(el('p', { class: 'sample-note', role: 'note' },
        el('strong', null, 'Sample article. '), 'Made up for this demo from the bundled sample pages: it is not a real ',
        el('i', null, 'Central Asia-Caucasus Analyst'), ' article and must not be cited.'));
    }
    const para = highlighter(article, highlights);
    // The same name as in the results: the title, the PDF title, or the opening words (marked).
    container.append(el('h2', { id: 'article-title' }, titleNode(article, highlights), titleNote(article)));
    if (titleLength(article)) para('span', article.title);   // moves the paragraph cursor past the title
    if (article.authors && article.authors.length) {
      container.append(el('ul', { class: 'authors', 'aria-label': 'Authors' }, article.authors.map((a) => authorItem(a, onAuthor))));
    }
    const meta = [];
    const date = formatDate(article);
    if (date) meta.push(el('span', { class: 'date' }, date));
    if (article.kind) meta.push(el('span', { class: 'tag kind' }, article.kind));
    if (article.category) meta.push(el('span', { class: 'tag category' }, article.category));
    container.append(el('p', { class: 'article-meta' }, meta));

    if (article.lead && article.lead.length) {
      container.append(el('div', { class: 'lead' }, article.lead.map((p) => para('p', p))));
    }
    if (article.photo_credit) {
      const credit = article.photo_credit;
      container.append(el('p', { class: 'photo-credit' }, /^(photo|credit)/i.test(credit) ? credit : `Photo: ${credit}`));
    }
    for (const section of article.sections || []) {
      const paras = sectionParagraphs(section);
      container.append(el('section', { class: 'article-section', 'data-kind': section.kind || '' },
        el('h3', null, section.heading || section.kind || ''),
        paras.map((p) => para('p', p))));
    }
    if (article.bio && article.bio.length) {
      // The first bio paragraph may still carry its "AUTHOR BIO:" label; the heading replaces it.
      const bio = article.bio.map((p, i) => (i === 0 ? p.replace(/^AUTHORS?(?:[’']S|S[’'])? BIO:\s*/i, '') : p));
      container.append(el('section', { class: 'bio' }, el('h3', null, 'Author bio'),
        bio.map((p) => para('p', p))));
    }

    const facts = [];
    const fact = (name, value) => { if (value) facts.push(el('dt', null, name), el('dd', null, value)); };
    if (article.links && article.links.length) {
      fact('Links', el('ul', null, article.links.map((l) =>
        el('li', null, l.title || '(untitled)', l.kind ? ` (${l.kind.toUpperCase()})` : ''))));
    }
    if (article.flags && article.flags.length) {
      fact('Flags', el('span', { class: 'flags' }, article.flags.map((f) => [el('span', { class: 'tag' }, f), ' '])));
    }
    const src = article.source;
    if (src) fact('Source', `${src.file} line ${src.line}` + (src.byte_end != null ? ` (bytes ${src.byte_start}–${src.byte_end})` : ''));
    if (article.duplicates && article.duplicates.length) {
      fact('Duplicates', el('ul', null, article.duplicates.map((d) =>
        el('li', null, `${d.file} line ${d.line}`))));
    }
    fact('Id', el('code', null, article.id || ''));
    fact('Cite as', el('span', { class: 'cite-as' }, citation(article)));
    container.append(el('dl', { class: 'facts' }, facts));
  }

  // ---------------------------------------------------------------------------------- facets
  const FACET_ORDER = ['year', 'kind', 'category', 'country', 'author'];
  const FACET_TITLES = { author: 'Author', year: 'Year', kind: 'Kind', category: 'Category', country: 'Country' };
  const FACET_LIMIT = 8;

  function renderFacets(container, facets, isActive, onPick, expanded) {
    container.replaceChildren();
    if (!facets) return;
    for (const field of FACET_ORDER) {
      let values = (facets[field] || []).filter((v) => v.value !== '' && v.value != null);
      if (values.length === 0) continue;
      // Years newest first; the undated bucket last.
      if (field === 'year') values = values.slice().sort((a, b) => (a.value === 'undated') - (b.value === 'undated') || String(b.value).localeCompare(String(a.value)));
      const showAll = expanded.has(field);
      const shown = showAll ? values : values.slice(0, FACET_LIMIT);
      const list = el('ul', null, shown.map((v) => {
        const active = isActive(field, v.value);
        return el('li', null, el('button', {
          type: 'button', class: 'facet-item', 'aria-pressed': active ? 'true' : 'false',
          'data-field': field, 'data-value': String(v.value),
          'aria-label': `${FACET_TITLES[field]} ${v.value}: ${v.count}${active ? ' (active filter)' : ''}`,
          onclick: () => onPick(field, String(v.value)),
        }, el('span', { class: 'label' }, String(v.value)), el('span', { class: 'count' }, v.count.toLocaleString('en'))),
        // An author (a person: its most frequent spelling) also links to its page.
        field === 'author' ? el('button', { type: 'button', class: 'link facet-author-page', 'data-author-page': String(v.value),
          'aria-label': `Author page: ${v.value}`, title: `Author page: ${v.value}` }, '›') : null);
      }));
      const section = el('section', { class: 'facet', 'data-field': field },
        el('h3', null, FACET_TITLES[field]), list);
      if (values.length > FACET_LIMIT) {
        section.append(el('button', {
          type: 'button', class: 'more', 'aria-expanded': showAll ? 'true' : 'false',
          onclick: () => { if (showAll) expanded.delete(field); else expanded.add(field); onPick(null); },
        }, showAll ? 'Show fewer' : `Show all ${values.length}`));
      }
      container.append(section);
    }
  }

  // -------------------------------------------------------------------------------- timeline
  // Bars of articles per year, drawn by hand in SVG; empty years between the first and the last
  // are drawn as gaps so the time axis stays true, and undated articles get their own bar after a
  // gap. The bars are one tab stop (roving tabindex): arrow keys, Home and End move between them.
  function renderTimeline(container, yearFacet, activeYears, onPick) {
    container.replaceChildren();
    const counts = new Map();
    let undated = 0;
    for (const v of yearFacet || []) {
      if (v.value === 'undated') { undated += v.count; continue; }
      const y = Number(v.value);
      if (Number.isInteger(y) && y > 1900 && y < 2200) counts.set(y, (counts.get(y) || 0) + v.count);
    }
    if (counts.size === 0 && !undated) return false;
    const years = counts.size ? [...counts.keys()] : [new Date().getFullYear()];
    let first = Math.min(...years), last = Math.max(...years);
    if (last - first < 4) { first -= Math.floor((4 - (last - first)) / 2); last = first + 4; }
    const extra = undated ? 2 : 0;   // a gap, then the undated bar
    const n = last - first + 1 + extra;
    const max = Math.max(undated, ...counts.values());
    // Drawn at the container's pixel width so labels keep their size on narrow screens.
    const W = Math.max(260, Math.round(container.clientWidth || 600)), H = 120, top = 14, bottom = 18, left = 4, right = 4;
    const slot = (W - left - right) / n;
    const barW = Math.max(2, Math.min(28, slot * 0.72));
    const chartH = H - top - bottom;
    const labelEvery = Math.ceil(n / Math.max(1, Math.floor((W - 8) / 34)));
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': 'Articles per year (arrow keys move between years)' });
    root.append(svg('line', { class: 'axis', x1: left, x2: W - right, y1: H - bottom + 0.5, y2: H - bottom + 0.5 }));
    const groups = [];
    const bar = (i, key, count, label) => {
      const x = left + i * slot + (slot - barW) / 2;
      const h = Math.max(2, (count / max) * chartH);
      const active = activeYears.has(key);
      const g = svg('g', {
        class: 'bar-group' + (active ? ' active' : '') + (key === 'undated' ? ' undated' : ''), tabindex: -1, role: 'button',
        'data-year': key, 'aria-label': `${label}: ${count} ${count === 1 ? 'article' : 'articles'}`,
        'aria-pressed': active ? 'true' : 'false',
        onclick: () => onPick(key),
        onkeydown: (e) => onBarKey(e, g, groups, onPick),
      },
      svg('title', null, `${label}: ${count}`),
      svg('rect', { class: 'bar-hit', x: left + i * slot, y: top - 12, width: slot, height: chartH + 12 }),
      svg('rect', { class: 'bar', x, y: top + chartH - h, width: barW, height: h, rx: 2 }));
      if (slot >= 18) g.append(svg('text', { x: x + barW / 2, y: top + chartH - h - 3, 'text-anchor': 'middle' }, String(count)));
      root.append(g);
      groups.push(g);
    };
    for (let i = 0; i < n - extra; i++) {
      const year = first + i;
      const count = counts.get(year) || 0;
      if (count) bar(i, String(year), count, String(year));
      if (i % labelEvery === 0) {
        root.append(svg('text', { x: left + i * slot + slot / 2, y: H - 4, 'text-anchor': 'middle' }, String(year)));
      }
    }
    if (undated) {
      bar(n - 1, 'undated', undated, 'Undated');
      root.append(svg('text', { x: left + (n - 1) * slot + slot / 2, y: H - 4, 'text-anchor': 'middle' }, slot >= 40 ? 'undated' : 'n.d.'));
    }
    const tabStop = groups.find((g) => g.classList.contains('active')) || groups[0];
    if (tabStop) tabStop.setAttribute('tabindex', '0');
    container.append(root);
    return true;
  }

  function onBarKey(e, g, groups, onPick) {
    const i = groups.indexOf(g);
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = Math.min(groups.length - 1, i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = groups.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(g.getAttribute('data-year')); return; }
    if (next < 0) return;
    e.preventDefault();
    for (const b of groups) b.setAttribute('tabindex', b === groups[next] ? '0' : '-1');
    groups[next].focus();
  }

  // ----------------------------------------------------------------------------- diagnostics
  function diagnosticItem(d) {
    const sev = d.severity || 'warning';
    const loc = `${d.file || '?'}:${d.line || 0}:${d.column || 0}`;
    return el('li', { class: 'diagnostic', 'data-code': d.code || '' },
      el('div', { class: 'diag-loc' }, loc),
      el('div', null, el('span', { class: 'diag-sev ' + sev }, sev), el('code', null, d.code || ''), ' ', d.message || ''));
  }

  // A Chicago-style reference with where it came from:
  // Author and Other. “Title.” Central Asia-Caucasus Analyst, 17 March 2003. Archive page FILE, line N.
  // Untitled entries are cited by their opening words, marked as such.
  function outletName(article) { return article.outlet || 'Central Asia-Caucasus Analyst'; }

  function citation(article) {
    const parts = [];
    const names = authorNames(article);
    if (names) parts.push(/[.]$/.test(names) ? names : names + '.');
    const info = titleInfo(article);
    const title = info.text;
    const closed = /[.?!…]$/.test(title) ? title : title + '.';
    parts.push(`“${closed}”` + (info.from === 'opening' ? ' [untitled; opening words]' : ''));
    const date = article.date || article.date_partial ? formatDate(article).replace(' (year unknown)', '') : 'n.d.';
    parts.push(`${outletName(article)}, ${date}.`);
    const src = article.source;
    if (src && src.file) parts.push(`Archive page ${src.file}, line ${src.line}.`);
    return parts.join(' ');
  }

  // citation_* meta tags (Highwire Press, read by Zotero and Google Scholar) for the open article.
  function citationMeta(article) {
    const tags = [['citation_title', titleInfo(article).text]];
    for (const a of article.authors || []) if (a.name) tags.push(['citation_author', a.name]);
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(article.date || '');
    if (d) tags.push(['citation_publication_date', `${d[1]}/${d[2]}/${d[3]}`]);
    tags.push(['citation_journal_title', outletName(article)]);
    if (article.kind) tags.push(['citation_article_type', article.kind]);
    if (article.id) tags.push(['citation_id', article.id]);
    return tags;
  }

  function setCitationMeta(article) {
    for (const m of document.head.querySelectorAll('meta[name^="citation_"]')) m.remove();
    if (!article) return;
    for (const [name, content] of citationMeta(article)) document.head.append(el('meta', { name, content }));
  }

  ns.render = { citation, setCitationMeta, titleNode, renderResults, renderArticle, renderFacets, renderTimeline, diagnosticItem };
})(window.CaciDemo = window.CaciDemo || {});
