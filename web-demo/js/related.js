// Related articles in the article view (issue 14 item 7, issue 16 "Add"): the engine's "more like
// this" (Index.related() in the worker: the article's top tf-idf terms, never the article itself
// or its copies), each listed with its title, date and authors, and opened in the same view.
'use strict';
(function (ns) {
  const { el } = ns.dom;
  const COUNT = 5;

  // Fills `slot` (a placeholder in the article view) once the worker answers, unless the view has
  // moved on to another article meanwhile.
  async function showRelated(slot, article) {
    const state = ns.app.state;
    if (!article || !article.id) return;
    let res;
    try {
      res = await state.engine.related(article.id, COUNT);
    } catch (err) {
      return;   // an unknown id (a stale view): nothing to list
    }
    if (!slot.isConnected || state.openArticle !== article) return;
    const hits = (res && res.hits) || [];
    if (!hits.length) return;
    const items = hits.map((hit) => {
      const other = hit.article || {};
      const open = el('button', { type: 'button', class: 'related-open', 'data-id': hit.id }, ns.dom.displayTitle(other));
      open.addEventListener('click', () => ns.articleView.openHit({ id: hit.id, article: other }, open));
      const meta = [ns.dom.formatDate(other), ns.dom.authorNames(other)].filter(Boolean).join(' · ');
      return el('li', null, open, meta ? el('span', { class: 'muted related-meta' }, ` — ${meta}`) : null);
    });
    slot.replaceChildren(el('section', { class: 'related', 'aria-label': 'Related articles' },
      el('h3', null, 'Related articles'), el('ul', null, items)));
  }

  ns.related = { showRelated, COUNT };
})(window.CaciDemo = window.CaciDemo || {});
