// Completions: Index::complete. The terms starting with the prefix are ranked by a cheap upper
// bound of their document frequency (list entries summed over fields); exact counts are then read
// in that order, and the walk stops once the n-th best exact count is at least the next upper
// bound (the threshold algorithm), so a short prefix reads only the postings of its top terms.
#include "caci/core/index.hpp"

#include "term_stats.hpp"

#include "../alloc_guard.hpp"
#include "../index/index_impl.hpp"

#include <algorithm>

namespace caci {

using namespace detail;

namespace {

constexpr size_t kMaxCompletions = 1000;

// The folded last word of `prefix`, empty when the prefix does not end inside a word.
std::string last_word(std::string_view prefix) {
  std::string word;
  uint32_t end = 0;
  Tokenizer tok;
  tok.run(prefix, [&](std::string_view term, uint32_t, uint32_t e) {
    word.assign(term);
    end = e;
  });
  return end == prefix.size() ? word : std::string();
}

}  // namespace

Status Index::complete(std::string_view prefix, size_t n, std::vector<TermCount> &out) const {
  out.clear();
  if (n == 0 || prefix.size() > kMaxCompletePrefix) return Status::ok;
  n = std::min(n, kMaxCompletions);
  return enomem_on_alloc_failure(
      [&]() -> Status {
        {
          std::lock_guard<std::mutex> lock(impl_->finalize_mutex);
          impl_->finalize();
        }
        const IndexImpl &ix = *impl_;
        const std::string word = last_word(prefix);
        if (word.empty()) return Status::ok;
        std::vector<uint32_t> ids;
        ix.terms.prefix_terms(word, ids);
        std::vector<std::pair<uint64_t, uint32_t>> bound;  // (upper bound, term id)
        bound.reserve(ids.size());
        for (uint32_t id : ids) bound.emplace_back(term_doc_upper_bound(ix, id), id);
        std::sort(bound.begin(), bound.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        std::vector<std::pair<uint64_t, uint32_t>> exact;  // (live docs, term id)
        auto better = [&](const auto &a, const auto &b) {
          return a.first != b.first ? a.first > b.first
                                    : ix.terms.term(a.second) < ix.terms.term(b.second);
        };
        for (const auto &b : bound) {
          if (exact.size() >= n) {
            std::partial_sort(exact.begin(), exact.begin() + static_cast<std::ptrdiff_t>(n),
                              exact.end(), better);
            exact.resize(n);
            if (exact.back().first > b.first) break;  // no later term can enter the top n
          }
          const uint64_t docs = term_live_docs(ix, b.second);
          if (docs) exact.emplace_back(docs, b.second);
        }
        std::sort(exact.begin(), exact.end(), better);
        if (exact.size() > n) exact.resize(n);
        for (const auto &e : exact)
          out.push_back(TermCount{std::string(ix.terms.term(e.second)), e.first});
        return Status::ok;
      },
      [&] { out.clear(); });
}

}  // namespace caci
