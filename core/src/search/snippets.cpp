// Snippets: the window of about snippet_bytes of the article text holding the most highlighted
// matches, widened to show some context before the first one, cut on word and UTF-8 boundaries.
#include "snippets.hpp"

#include <algorithm>
#include <unordered_map>

namespace caci::detail {

namespace {

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c < 0x80 && kAsciiWordLower[c]);
}
bool is_continuation(unsigned char c) {
  return (c & 0xc0) == 0x80;
}

}  // namespace

HighlightMatcher::HighlightMatcher(const TermDictionary &dict, const HighlightTerms &terms) {
  by_term_.reserve(terms.size());
  uint8_t stop[256] = {};
  for (int c = 0x80; c < 256; ++c) stop[c] = 1;
  for (const auto &kv : terms) {
    if (kv.first >= dict.size()) continue;
    const std::string_view t = dict.term(kv.first);
    if (t.empty()) continue;
    by_term_.emplace(t, std::make_pair(kv.first, kv.second));
    len_mask_ |= uint64_t{1} << (t.size() < 63 ? t.size() : 63);
    const unsigned char c = static_cast<unsigned char>(t[0]);
    first_mask_[c >> 6] |= uint64_t{1} << (c & 63);
    if (c < 0x80) {
      stop[c] = 1;
      if (c >= 'a' && c <= 'z') stop[c - 'a' + 'A'] = 1;
    }
  }
  starts_ = WordStarts(stop);
}

void make_snippet(const IndexImpl &ix, const HighlightMatcher &terms, uint32_t snippet_bytes,
                  Tokenizer &tok, Hit &hit, std::vector<Highlight> &highlights) {
  const Article &a = ix.store.articles[hit.article];
  const std::string_view text = ix.store.body_text(a.text);
  const uint32_t len = static_cast<uint32_t>(text.size());
  if (snippet_bytes == 0) snippet_bytes = 200;

  std::vector<Highlight> all;
  std::vector<uint32_t> all_terms;  // term id of each highlight (parallel to `all` once sorted)
  if (!terms.empty()) {
    for_each_field_piece(ix.store, a, [&](Field f, std::string_view piece, uint32_t rel) {
      if (rel == kNoOffset || static_cast<uint64_t>(rel) + piece.size() > len) return;
      const uint8_t bit = static_cast<uint8_t>(1u << static_cast<int>(f));
      auto keep = [&](const char *raw, size_t n) { return terms.may_match_ascii(raw, n); };
      tok.run_sparse(piece, terms.starts(), keep,
                     [&](std::string_view term, uint32_t s, uint32_t e) {
                       uint32_t id = 0;
                       uint8_t fields = 0;
                       if (terms.find(term, &id, &fields) && (fields & bit)) {
                         all.push_back(Highlight{rel + s, rel + e});
                         all_terms.push_back(id);
                       }
                     });
    });
    // Pieces come in text order (title, lead, sections, bio), so `all` is normally sorted already.
    if (!std::is_sorted(all.begin(), all.end(),
                        [](const Highlight &x, const Highlight &y) { return x.start < y.start; })) {
      std::vector<std::pair<Highlight, uint32_t>> both;
      for (size_t k = 0; k < all.size(); ++k) both.emplace_back(all[k], all_terms[k]);
      std::sort(both.begin(), both.end(),
                [](const auto &x, const auto &y) { return x.first.start < y.first.start; });
      for (size_t k = 0; k < all.size(); ++k) {
        all[k] = both[k].first;
        all_terms[k] = both[k].second;
      }
    }
  }

  // Window of highlights that fits in snippet_bytes with the most distinct matched terms, then the
  // most matches (two pointers; counts per term id of the highlights inside the window).
  size_t best_i = 0, best_j = 0, best_distinct = 0;  // [best_i, best_j)
  std::unordered_map<uint32_t, uint32_t> in_window;
  size_t distinct = 0;
  for (size_t i = 0, j = 0; i < all.size(); ++i) {
    if (j < i) j = i;
    while (j < all.size() && all[j].end - all[i].start <= snippet_bytes) {
      if (in_window[all_terms[j]]++ == 0) ++distinct;
      ++j;
    }
    if (distinct > best_distinct || (distinct == best_distinct && j - i > best_j - best_i)) {
      best_i = i;
      best_j = j;
      best_distinct = distinct;
    }
    if (j > i && --in_window[all_terms[i]] == 0) --distinct;
  }
  if (best_j == best_i && !all.empty())
    best_j = best_i + 1;  // a single match longer than the window
  uint32_t start = 0, end = std::min(len, snippet_bytes);
  if (best_j > best_i) {
    uint32_t first = all[best_i].start;
    uint32_t last = all[best_j - 1].end;
    if (best_j == best_i + 1 && last - first > snippet_bytes)
      last = first + snippet_bytes;  // one huge token
    uint32_t room = snippet_bytes > last - first ? snippet_bytes - (last - first) : 0;
    start = first > room / 3 ? first - room / 3 : 0;
    end = std::min<uint64_t>(len, static_cast<uint64_t>(start) + snippet_bytes) > last
              ? static_cast<uint32_t>(
                    std::min<uint64_t>(len, static_cast<uint64_t>(start) + snippet_bytes))
              : last;
    // Do not start in the middle of a word: move forward to the next word (never past `first`).
    if (start > 0 && start < first && is_word_byte(static_cast<unsigned char>(text[start - 1]))) {
      while (start < first && is_word_byte(static_cast<unsigned char>(text[start]))) ++start;
    }
    while (start < first && (text[start] == ' ' || text[start] == '\n')) ++start;
    // Do not end in the middle of a word: move back (never before `last`).
    if (end < len && end > last && is_word_byte(static_cast<unsigned char>(text[end]))) {
      uint32_t e = end;
      while (e > last && is_word_byte(static_cast<unsigned char>(text[e - 1]))) --e;
      if (e > last) end = e;
    }
  } else if (end < len) {
    uint32_t e = end;
    while (e > 0 && is_word_byte(static_cast<unsigned char>(text[e - 1])) &&
           is_word_byte(static_cast<unsigned char>(text[e])))
      --e;
    if (e > 0) end = e;
  }
  while (start > 0 && start < len && is_continuation(static_cast<unsigned char>(text[start])))
    --start;
  while (end < len && end > start && is_continuation(static_cast<unsigned char>(text[end]))) --end;
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;

  hit.snippet_start = start;
  hit.snippet_end = end;
  hit.highlight_begin = static_cast<uint32_t>(highlights.size());
  for (const Highlight &h : all)
    if (h.start >= start && h.end <= end) highlights.push_back(h);
  hit.highlight_count = static_cast<uint32_t>(highlights.size()) - hit.highlight_begin;
}

}  // namespace caci::detail
