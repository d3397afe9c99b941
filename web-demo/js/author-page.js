// Author pages (issue 16): one person's articles over time, co-authors, kinds, affiliations and the
// spellings of the name seen in the archive. A person is what the engine says it is (personKey:
// case, accents, honorifics and initials beside a full name folded, then the alias table), so every
// spelling of a name opens the same page. Any element with data-author-page="Name" opens it.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const MAX_ARTICLES = 2000; // read for one page; the count says when a person has more
  const $ = (id) => document.getElementById(id);
  const state = () => ns.state.state;

  const personKey = (name) => state().engine.call('personKey', { name });

  // Values with counts, most frequent first, then alphabetical.
  function ranked(map) {
    return [...map.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  }

  function yearOf(article) {
    const m = /^(\d{4})/.exec(article.date || '');
    return m ? m[1] : 'undated';
  }

  // Everything the page shows, from the person's hits: which of an article's authors is the person
  // is decided by the engine's key, not by the spelling.
  async function collect(name) {
    const key = await personKey(name);
    const query = `author:"${name.replace(/"/g, '')}"`;
    const results = await state().engine.search(query, { limit: MAX_ARTICLES, facets: true, snippetBytes: 0, sort: 'date_asc' });
    const keys = new Map();
    for (const hit of results.hits) {
      for (const a of hit.article.authors || []) if (a.name && !keys.has(a.name)) keys.set(a.name, await personKey(a.name));
    }
    const page = { key, query, total: results.total, articles: [], years: new Map(), spellings: new Map(),
      affiliations: new Map(), kinds: results.facets ? results.facets.kind : [], coauthors: new Map() };
    for (const hit of results.hits) {
      const article = hit.article;
      const mine = (article.authors || []).filter((a) => a.name && keys.get(a.name) === key);
      if (mine.length === 0) continue; // matched a name that only contains the person's words
      page.articles.push(hit);
      page.years.set(yearOf(article), (page.years.get(yearOf(article)) || 0) + 1);
      for (const a of mine) {
        page.spellings.set(a.name, (page.spellings.get(a.name) || 0) + 1);
        if (a.affiliation) page.affiliations.set(a.affiliation, (page.affiliations.get(a.affiliation) || 0) + 1);
      }
      for (const a of article.authors || []) {
        const k = a.name && keys.get(a.name);
        if (!k || k === key) continue;
        const c = page.coauthors.get(k) || { count: 0, names: new Map() };
        c.count += 1;
        c.names.set(a.name, (c.names.get(a.name) || 0) + 1);
        page.coauthors.set(k, c);
      }
    }
    page.name = page.spellings.size ? ranked(page.spellings)[0][0] : name;
    return page;
  }

  function section(title, body) {
    return el('section', { class: 'author-section' }, el('h3', null, title), body);
  }

  function countList(entries, render) {
    if (entries.length === 0) return el('p', { class: 'muted small' }, 'None recorded.');
    return el('ul', { class: 'count-list' }, entries.map(([value, count]) =>
      el('li', null, render ? render(value) : el('span', null, String(value)), ' ', el('span', { class: 'count' }, String(count)))));
  }

  function timeline(years) {
    const rows = ranked(years).sort((a, b) => (a[0] === 'undated') - (b[0] === 'undated') || a[0].localeCompare(b[0]));
    const most = Math.max(1, ...rows.map((r) => r[1]));
    return el('table', { class: 'author-years' },
      el('caption', { class: 'visually-hidden' }, 'Articles per year'),
      el('tbody', null, rows.map(([year, n]) => el('tr', { 'data-year': year },
        el('th', { scope: 'row' }, year),
        el('td', null, el('span', { class: 'author-bar', style: `width:${Math.round((100 * n) / most)}%` })),
        el('td', { class: 'count' }, String(n))))));
  }

  function render(page) {
    const body = $('author-page-body');
    $('author-page-title').textContent = page.name;
    const years = [...page.years.keys()].filter((y) => y !== 'undated').sort();
    const span = years.length ? (years[0] === years[years.length - 1] ? years[0] : `${years[0]}–${years[years.length - 1]}`) : 'undated';
    const n = page.articles.length;
    body.replaceChildren(
      el('p', { class: 'author-summary' }, `${n} article${n === 1 ? '' : 's'}, ${span}`,
        page.total > MAX_ARTICLES ? ` (the first ${MAX_ARTICLES} read)` : ''),
      el('button', {
        type: 'button', class: 'button subtle author-filter-button',
        onclick: () => { close(); if (!ns.filters.isFilterActive('author', page.name)) ns.filters.toggleFilter('author', page.name); },
      }, 'Show these articles in the results'),
      section('Articles over time', timeline(page.years)),
      section('Name spellings seen', countList(ranked(page.spellings))),
      section('Affiliations', countList(ranked(page.affiliations))),
      section('Kinds', countList(page.kinds.map((k) => [k.value, k.count]))),
      section('Co-authors', countList(ranked(new Map([...page.coauthors.values()].map((c) => [ranked(c.names)[0][0], c.count]))),
        (name) => link(name))),
      section('Articles', el('ol', { class: 'author-articles' }, page.articles.map((hit) =>
        el('li', null, el('button', {
          type: 'button', class: 'link author-article', 'data-id': hit.id,
          onclick: () => { close(); ns.articleView.openHit(hit, null); },
        }, ns.dom.displayTitle ? ns.dom.displayTitle(hit.article) : (hit.article.title || hit.id)),
        ' ', el('span', { class: 'muted small' }, [hit.article.date || 'undated', hit.article.kind].filter(Boolean).join(', ')))))),
    );
  }

  // A button that opens a person's page (used for co-authors here, and by the results, the article
  // view and the author facet through data-author-page).
  function link(name, cls) {
    return el('button', { type: 'button', class: cls || 'link author-link', 'data-author-page': name,
      title: `Author page: ${name}` }, name);
  }

  function dialog() {
    let d = $('author-page');
    if (d) return d;
    d = el('dialog', { id: 'author-page', class: 'author-page article-view', 'aria-labelledby': 'author-page-title' },
      el('div', { class: 'author-page-head' },
        el('h2', { id: 'author-page-title', tabindex: '-1' }),
        el('button', { type: 'button', id: 'author-page-close', class: 'button subtle', onclick: () => close() }, 'Close')),
      el('div', { id: 'author-page-body', class: 'author-page-body', 'aria-live': 'polite' }));
    document.body.append(d);
    return d;
  }

  async function open(name) {
    const d = dialog();
    const article = $('article-view');
    if (article && article.open) article.close();
    $('author-page-title').textContent = name;
    $('author-page-body').replaceChildren(el('p', { class: 'muted' }, 'Collecting the articles…'));
    if (!d.open) d.showModal();
    try {
      const page = await collect(name);
      render(page);
      d.dataset.person = page.key;
      document.dispatchEvent(new CustomEvent('caci:author-page', { detail: { name: page.name, key: page.key } }));
    } catch (err) {
      $('author-page-body').replaceChildren(el('p', { class: 'query-error' }, `Could not open the author page: ${err.message}`));
    }
    $('author-page-close').focus();
  }

  function close() {
    const d = $('author-page');
    if (d && d.open) d.close();
  }

  // One listener for every author name on the page.
  document.addEventListener('click', (e) => {
    const target = e.target.closest && e.target.closest('[data-author-page]');
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    open(target.dataset.authorPage);
  }, true);

  ns.authorPage = { open, close, link };
})(window.CaciDemo = window.CaciDemo || {});
