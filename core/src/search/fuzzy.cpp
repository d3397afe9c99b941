#include "fuzzy.hpp"

#include <algorithm>

namespace caci::detail {

namespace {

// Length of the UTF-8 sequence starting with byte c (1 for stray continuation bytes).
size_t seq_len(unsigned char c) {
  if (c < 0xc0) return 1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  return 4;
}

void code_points(std::string_view s, std::vector<std::string_view> &out) {
  for (size_t i = 0; i < s.size();) {
    size_t n = std::min(seq_len(static_cast<unsigned char>(s[i])), s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
}

struct Walk {
  const TermDictionary &dict;
  const std::vector<uint32_t> &sorted;
  std::vector<std::string_view> query;  // code points of the query term
  unsigned k;
  std::vector<uint32_t> &out;

  std::string_view term_at(size_t i) const { return dict.term(sorted[i]); }

  // Terms [lo, hi) share the byte prefix of length `depth` whose edit row is `row`.
  void visit(size_t lo, size_t hi, size_t depth, const std::vector<unsigned> &row) {
    size_t i = lo;
    if (i < hi && term_at(i).size() == depth) {  // the prefix itself is a term (sorts first)
      if (row.back() <= k) out.push_back(sorted[i]);
      ++i;
    }
    std::vector<unsigned> next(row.size());
    while (i < hi) {
      std::string_view t = term_at(i);
      // Only a term table out of order (a corrupt file whose order is checked by `caci verify`,
      // not on open) puts a term no longer than the prefix here: skipped, never read past.
      if (t.size() <= depth) {
        ++i;
        continue;
      }
      size_t n = std::min(seq_len(static_cast<unsigned char>(t[depth])), t.size() - depth);
      std::string_view edge = t.substr(depth, n);
      // End of the run of terms continuing with the same code point.
      size_t j = static_cast<size_t>(
          std::partition_point(sorted.begin() + static_cast<std::ptrdiff_t>(i),
                               sorted.begin() + static_cast<std::ptrdiff_t>(hi),
                               [&](uint32_t id) {
                                 std::string_view u = dict.term(id);
                                 return u.size() >= depth + n && u.compare(depth, n, edge) == 0;
                               }) -
          sorted.begin());
      next[0] = row[0] + 1;
      unsigned best = next[0];
      for (size_t q = 1; q < row.size(); ++q) {
        unsigned sub = row[q - 1] + (query[q - 1] == edge ? 0u : 1u);
        next[q] = std::min({row[q] + 1, next[q - 1] + 1, sub});
        best = std::min(best, next[q]);
      }
      if (best <= k) visit(i, j, depth + n, next);
      i = j;
    }
  }
};

}  // namespace

void fuzzy_terms(const TermDictionary &dict, std::string_view term, unsigned max_edits,
                 std::vector<uint32_t> &out) {
  const std::vector<uint32_t> &sorted = dict.sorted();
  Walk w{dict, sorted, {}, max_edits, out};
  code_points(term, w.query);
  std::vector<unsigned> row(w.query.size() + 1);
  for (size_t q = 0; q < row.size(); ++q) row[q] = static_cast<unsigned>(q);
  w.visit(0, sorted.size(), 0, row);
}

unsigned edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::string_view> x, y;
  code_points(a, x);
  code_points(b, y);
  std::vector<unsigned> row(y.size() + 1), next(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    next[0] = static_cast<unsigned>(i);
    for (size_t j = 1; j <= y.size(); ++j)
      next[j] =
          std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] == y[j - 1] ? 0u : 1u)});
    row.swap(next);
  }
  return row[y.size()];
}

}  // namespace caci::detail
