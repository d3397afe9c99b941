#pragma once

#include "../index/index_impl.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace caci::detail {

// Term id -> bit mask of the fields in which a positive query element matched it.
using HighlightTerms = std::unordered_map<uint32_t, uint8_t>;

// The highlight terms as folded strings, to find them in article text without a dictionary lookup
// per token (the dictionary is large and cold; the query's terms are few). Cheap filters on the
// token length and first byte reject most ASCII tokens before they are even lowercased.
class HighlightMatcher {
public:
  HighlightMatcher(const TermDictionary &dict, const HighlightTerms &terms);
  bool empty() const { return by_term_.empty(); }
  // Where Tokenizer::run_sparse stops: bytes >= 0x80 and both cases of each ASCII first byte.
  const WordStarts &starts() const { return starts_; }
  // Whether an all-ASCII token (raw bytes) may be a highlight term.
  bool may_match_ascii(const char *raw, size_t len) const {
    const size_t l = len < 63 ? len : 63;
    if (!((len_mask_ >> l) & 1u)) return false;
    const unsigned char c = kAsciiWordLower[static_cast<unsigned char>(raw[0]) & 0x7f];
    return (first_mask_[c >> 6] >> (c & 63)) & 1u;
  }
  // Term id and field mask of a folded token; false if it is not a highlight term.
  bool find(std::string_view term, uint32_t *id, uint8_t *fields) const {
    auto it = by_term_.find(term);
    if (it == by_term_.end()) return false;
    *id = it->second.first;
    *fields = it->second.second;
    return true;
  }

private:
  std::unordered_map<std::string_view, std::pair<uint32_t, uint8_t>> by_term_;
  uint64_t len_mask_ = 0;        // bit min(length, 63) of each term's byte length
  uint64_t first_mask_[4] = {};  // bit per first byte of each term
  WordStarts starts_;
};

// Fills hit's snippet range and appends its highlights (every occurrence of a highlight term in
// the snippet) to `highlights`. Offsets are bytes into the article text.
void make_snippet(const IndexImpl &ix, const HighlightMatcher &terms, uint32_t snippet_bytes,
                  Tokenizer &tok, Hit &hit, std::vector<Highlight> &highlights);

}  // namespace caci::detail
