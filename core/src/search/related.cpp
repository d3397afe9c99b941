// Related articles: Index::related, more-like-this. The article's terms are weighted by tf-idf
// (tf summed over its fields with the field weights, so title words count most), the top
// kRelatedTerms become a weighted OR query scored by the search's own BM25F evaluator, and the
// article itself and every other copy of it (the same title and first author: a teaser and its
// full text, a re-published version) are left out.
#include "caci/core/index.hpp"

#include "evaluator.hpp"
#include "term_stats.hpp"

#include "../alloc_guard.hpp"
#include "../index/index_impl.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace caci {

using namespace detail;

namespace {

constexpr size_t kRelatedTerms = 25;
constexpr size_t kMaxRelated = 1000;

bool all_digits(std::string_view t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What makes two entries copies of one piece: the folded title words and the first author.
std::string copy_key(const ArticleStore &s, const Article &a) {
  std::string key;
  Tokenizer tok;
  auto add = [&](std::string_view text) {
    tok.run(text, [&](std::string_view term, uint32_t, uint32_t) {
      key += term;
      key += ' ';
    });
  };
  if (!a.title.empty() && s.body_in_range(a.title)) add(s.body_text(a.title));
  if (key.empty()) return key;  // untitled entries are never taken for copies
  key += '|';
  if (a.authors.count && a.authors.begin < s.authors.size()) {
    TextRef r = s.authors[a.authors.begin].name;
    if (static_cast<uint64_t>(r.offset) + r.length <= s.meta.size()) add(s.meta_text(r));
  }
  return key;
}

}  // namespace

Status Index::related(uint64_t id, size_t n, SearchResults &out) const {
  out.clear();
  return enomem_on_alloc_failure(
      [&]() -> Status {
        {
          std::lock_guard<std::mutex> lock(impl_->finalize_mutex);
          impl_->finalize();
        }
        const IndexImpl &ix = *impl_;
        const uint32_t self = ix.by_id.find(id, ix.store.articles);
        if (self == detail::IdTable::kAbsent || !ix.is_live(self)) return Status::enotfound;
        if (n == 0) return Status::ok;
        n = std::min(n, kMaxRelated);
        const ArticleStore &s = ix.store;
        const Article &art = s.articles[self];

        // Weighted term frequencies of the article.
        std::unordered_map<std::string, double> tf;
        Tokenizer tok;
        for_each_field_piece(s, art, [&](Field f, std::string_view text, uint32_t) {
          const double w = ix.opts.field_weights[static_cast<int>(f)];
          tok.run(text, [&](std::string_view term, uint32_t, uint32_t) {
            if (term.size() < 3 || all_digits(term)) return;
            tf[std::string(term)] += w;
          });
        });
        const double ndocs = static_cast<double>(ix.live);
        std::vector<std::pair<double, uint32_t>> weighted;  // (tf-idf, term id)
        for (const auto &[term, w] : tf) {
          const uint32_t t = ix.terms.find(term);
          if (t == kNoTerm || w <= 0) continue;
          const double df = static_cast<double>(term_doc_upper_bound(ix, t));
          if (df <= 1 || df > ndocs / 2) continue;  // only here, or everywhere
          const double idf = std::log(1.0 + (ndocs - df + 0.5) / (df + 0.5));
          weighted.emplace_back((1.0 + std::log(w)) * idf, t);
        }
        std::sort(weighted.begin(), weighted.end(), [&](const auto &a, const auto &b) {
          return a.first != b.first ? a.first > b.first
                                    : ix.terms.term(a.second) < ix.terms.term(b.second);
        });
        if (weighted.size() > kRelatedTerms) weighted.resize(kRelatedTerms);
        if (weighted.empty()) return Status::ok;

        // Score every article by the weighted terms, as a search of them would.
        const uint32_t ndoc_ids = static_cast<uint32_t>(s.articles.size());
        std::vector<double> score(ndoc_ids, 0.0);
        const double k1 = ix.opts.k1;
        const double top = weighted.front().first;
        Evaluator ev(ix);
        for (const auto &[w, t] : weighted) {
          QueryNode leaf;
          leaf.type = QueryNode::leaf;
          QueryElement e;
          e.term = std::string(ix.terms.term(t));
          leaf.elements.push_back(std::move(e));
          ev.resolve(leaf);  // the term as a query word: its variants too, as a search would
          ev.eval(leaf, false);
          const ScoringUnit &u = ev.units().back();
          for (size_t j = 0; j < u.docs.size(); ++j) {
            const double x = u.tfw[j];
            score[u.docs[j]] += (w / top) * u.idf * x * (k1 + 1.0) / (x + k1);
          }
        }
        const std::string self_key = copy_key(s, art);
        std::vector<uint32_t> docs;
        for (uint32_t d = 0; d < ndoc_ids; ++d) {
          if (score[d] <= 0 || d == self || !ix.is_live(d)) continue;
          if (!self_key.empty() && copy_key(s, s.articles[d]) == self_key) continue;
          docs.push_back(d);
        }
        out.total = docs.size();
        auto better = [&](uint32_t a, uint32_t b) {
          return score[a] != score[b] ? score[a] > score[b] : a < b;
        };
        const size_t want = std::min(n, docs.size());
        std::partial_sort(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(want),
                          docs.end(), better);
        for (size_t i = 0; i < want; ++i) {
          Hit h;
          h.article = docs[i];
          h.score = score[docs[i]];
          out.hits.push_back(h);
        }
        return Status::ok;
      },
      [&] { out.clear(); });
}

}  // namespace caci
