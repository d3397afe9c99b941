// Versions in the demo: the article view's "Also in the archive as" (the full article an excerpt
// or teaser was cut from, and its other excerpts and teasers; linked by the core, README
// "Versions"), and the "one hit per article" switch that collapses them in the results.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const $ = (id) => document.getElementById(id);
  const KIND_LABEL = { article: 'full article', excerpt: 'excerpt', teaser: 'teaser', digest: 'news digest item' };

  // Appends the versions of `article` to the article view (after its text); each opens in the view.
  async function showVersions(container, article) {
    const versions = (article && article.versions) || [];
    if (!versions.length) return;
    const items = [];
    for (const v of versions) {
      let other = null;
      try { other = await ns.app.state.engine.get(v.id); } catch (err) { /* listed by id */ }
      const label = other ? ns.dom.displayTitle(other) : v.id;
      const open = el('button', { type: 'button', class: 'link-button version-open', 'data-id': v.id },
        label);
      open.addEventListener('click', () => { if (other) ns.articleView.openHit({ id: v.id, article: other }, open); });
      items.push(el('li', null, open, el('span', { class: 'muted' }, ` (${KIND_LABEL[v.kind] || v.kind}${other && other.date ? ', ' + ns.dom.formatDate(other) : ''})`)));
    }
    if (!container.isConnected) return;
    container.append(el('section', { class: 'versions', 'aria-label': 'Other versions' },
      el('h3', null, 'Also in the archive as'), el('ul', null, items)));
  }

  // The "one hit per article" switch: its state goes with every search of the page.
  function collapse() {
    const box = $('collapse-versions');
    return Boolean(box && box.checked);
  }

  ns.versions = { showVersions, collapse };
})(window.CaciDemo = window.CaciDemo || {});
