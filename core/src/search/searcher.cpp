// Index::search: parse, evaluate (exact hit set), score (BM25F), order, page, then snippets and
// facets.
#include "evaluator.hpp"
#include "explain.hpp"
#include "facets.hpp"
#include "people_search.hpp"
#include "snippets.hpp"
#include "suggest.hpp"

#include "caci/core/versions.hpp"

#include "../alloc_guard.hpp"

#include <algorithm>

namespace caci {

using namespace detail;

void SearchResults::clear() {
  total = 0;
  hits.clear();
  highlights.clear();
  for (auto &f : facets) f.clear();
  suggestions.clear();
  explain.clear();
}

namespace {

void collect_highlight_terms(const QueryNode &n, bool negated, HighlightTerms &out) {
  if (n.type == QueryNode::not_) {
    collect_highlight_terms(n.children[0], !negated, out);
    return;
  }
  for (const QueryNode &c : n.children) collect_highlight_terms(c, negated, out);
  if (n.type != QueryNode::leaf || negated) return;
  for (const QueryElement &e : n.elements)
    for (uint32_t id : e.ids) out[id] |= n.field_mask;
}

}  // namespace

Status Index::search(std::string_view query, const SearchOptions &opts, SearchResults &out,
                     QueryError *err) const {
  out.clear();
  return enomem_on_alloc_failure(
      [&]() -> Status {
        QueryNode root;
        QueryError local;
        if (!parse_query(query, root, local)) {
          if (err) *err = local;
          return Status::equery;
        }
        // Additions are folded in by the first search after them; the rest of a search only reads
        // the index (per-call and per-thread scratch), so searches run in parallel.
        {
          std::lock_guard<std::mutex> lock(impl_->finalize_mutex);
          impl_->finalize();
        }
        const IndexImpl &ix = *impl_;

        Evaluator ev(ix);
        expand_people(ix, root);
        ev.resolve(root);
        std::vector<uint32_t> docs = ev.eval(root, false);
        out.total = docs.size();

        std::vector<double> score(docs.size(), 0.0);
        const double k1 = ix.opts.k1;
        for (const ScoringUnit &u : ev.units()) {
          size_t j = 0;
          for (size_t i = 0; i < docs.size() && j < u.docs.size(); ++i) {
            while (j < u.docs.size() && u.docs[j] < docs[i]) ++j;
            if (j < u.docs.size() && u.docs[j] == docs[i]) {
              double t = u.tfw[j];
              score[i] += u.idf * t * (k1 + 1.0) / (t + k1);
            }
          }
        }

        if (opts.collapse_versions) {
          collapse_versions(ix.store, docs, score);
          out.total = docs.size();
        }

        std::vector<uint32_t> order(docs.size());
        for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        const auto &arts = ix.store.articles;
        auto by_relevance = [&](uint32_t a, uint32_t b) {
          return score[a] != score[b] ? score[a] > score[b] : docs[a] < docs[b];
        };
        auto by_date = [&](uint32_t a, uint32_t b, bool desc) {
          uint32_t ka = date_key(arts[docs[a]].date), kb = date_key(arts[docs[b]].date);
          if (ka != kb) {
            if (!ka || !kb) return ka != 0;  // undated last in both orders
            return desc ? ka > kb : ka < kb;
          }
          return docs[a] < docs[b];
        };
        const uint64_t want =
            std::min<uint64_t>(static_cast<uint64_t>(opts.offset) + opts.limit, order.size());
        auto mid = order.begin() + static_cast<std::ptrdiff_t>(want);
        switch (opts.sort) {
        case SortOrder::date_desc:
          std::partial_sort(order.begin(), mid, order.end(),
                            [&](uint32_t a, uint32_t b) { return by_date(a, b, true); });
          break;
        case SortOrder::date_asc:
          std::partial_sort(order.begin(), mid, order.end(),
                            [&](uint32_t a, uint32_t b) { return by_date(a, b, false); });
          break;
        default: std::partial_sort(order.begin(), mid, order.end(), by_relevance); break;
        }

        HighlightTerms hl;
        if (opts.snippets) collect_highlight_terms(root, false, hl);
        const HighlightMatcher matcher(ix.terms, hl);
        Tokenizer tok;
        for (uint64_t i = opts.offset; i < want; ++i) {
          Hit h;
          h.article = docs[order[i]];
          h.score = score[order[i]];
          if (opts.snippets) make_snippet(ix, matcher, opts.snippet_bytes, tok, h, out.highlights);
          out.hits.push_back(h);
        }
        if (opts.facets) count_facets(ix, docs, out.facets);
        if (opts.explain) explain_hits(ix, root, out);
        if (opts.suggest) suggest_queries(ix, query, root, out.total, out.suggestions);
        return Status::ok;
      },
      [&] { out.clear(); });
}

}  // namespace caci
