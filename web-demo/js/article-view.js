// The article view: the whole article with every occurrence of the query highlighted, next and
// previous match, citation, BibTeX and JSON download.
'use strict';
(function (ns) {
  const { state, effectiveSort, download } = ns.state;
  const $ = (id) => document.getElementById(id);

  // opts.at: a text offset (an occurrence from the keyword-in-context view) to scroll to.
  async function openHit(hit, opener, opts = {}) {
    state.opener = opener || null;
    const dialog = $('article-view');
    let article = hit.article;
    if (!article || !article.text) {
      try { article = (await state.engine.get(hit.id)) || article; } catch (err) { /* keep the hit's copy */ }
    }
    state.openArticle = article || {};
    $('article-note').textContent = '';
    const highlights = await allHighlights(hit);
    ns.render.renderArticle($('article-body'), state.openArticle, highlights, (name) => {
      closeArticle();
      if (!ns.filters.isFilterActive('author', name)) ns.filters.toggleFilter('author', name);
    }, { sample: state.samples });
    ns.render.setCitationMeta(state.openArticle);
    // Slots keep the order (versions, then related articles) whichever answer comes first.
    const versionsSlot = ns.dom.el('div', { class: 'versions-slot' });
    const relatedSlot = ns.dom.el('div', { class: 'related-slot' });
    $('article-body').append(versionsSlot, relatedSlot);
    ns.versions.showVersions(versionsSlot, state.openArticle);
    ns.related.showRelated(relatedSlot, state.openArticle);
    if (!dialog.open) dialog.showModal();
    $('article-body').scrollTop = 0;
    dialog.scrollTop = 0;
    setupMatches();
    if (typeof opts.at === 'number') {
      const i = (state.matches || []).findIndex((m) => Number(m.dataset.at) + m.textContent.length > opts.at);
      if (i >= 0) gotoMatch(i);
    }
    $('article-close').focus();
  }

  // A hit's highlights cover its snippet only; the article view asks the engine for the same hit
  // again (same query, sort and rank) with a snippet as long as the article, which highlights every
  // occurrence of every query word.
  async function allHighlights(hit) {
    const rank = state.hits.indexOf(hit);
    const words = state.userQuery.trim();
    if (rank < 0 || !words) return hit.highlights || [];
    try {
      const composed = ns.query.compose(state.userQuery, state.filters);
      const text = (hit.article && hit.article.text) || '';
      const res = await state.engine.search(composed.text, { limit: 1, offset: state.offset + rank, sort: effectiveSort(),
        snippetBytes: Math.max(1024, text.length * 4 + 64), collapseVersions: ns.versions.collapse() });
      const again = res.hits && res.hits[0];
      if (again && again.id === hit.id) return again.highlights || [];
    } catch (err) { /* fall back to the snippet's highlights */ }
    return hit.highlights || [];
  }

  // Next/previous match in the article view.
  function setupMatches() {
    const marks = [...$('article-body').querySelectorAll('mark')];
    state.matches = marks;
    state.match = -1;
    $('match-nav').hidden = marks.length === 0;
    if (marks.length) gotoMatch(0, false);
  }

  function gotoMatch(i, scroll = true) {
    const marks = state.matches || [];
    if (!marks.length) return;
    const n = marks.length;
    const next = ((i % n) + n) % n;
    if (state.match >= 0 && marks[state.match]) marks[state.match].classList.remove('current');
    state.match = next;
    marks[next].classList.add('current');
    $('match-position').textContent = `${next + 1} of ${n} ${n === 1 ? 'match' : 'matches'}`;
    if (scroll) marks[next].scrollIntoView({ block: 'center' });
  }

  async function copyText(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      $('article-note').textContent = done;
    } catch (err) {
      // No clipboard (permissions, insecure context): show it, selected, for a manual copy.
      $('article-note').textContent = text;
      const range = document.createRange();
      range.selectNodeContents($('article-note'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  const copyCitation = () => copyText(ns.render.citation(state.openArticle || {}), 'Citation copied');
  const copyBibtex = () => copyText(ns.export.bibtex([state.openArticle || {}]), 'BibTeX copied');

  function downloadArticle() {
    const { text, ...article } = state.openArticle || {};
    download(`caci-article-${article.id || 'unknown'}.json`, JSON.stringify(article, null, 2) + '\n', 'application/json');
  }

  function closeArticle() {
    const dialog = $('article-view');
    if (dialog.open) dialog.close();
    ns.render.setCitationMeta(null);
  }

  ns.articleView = { openHit, closeArticle, gotoMatch, copyCitation, copyBibtex, downloadArticle };
})(window.CaciDemo = window.CaciDemo || {});
