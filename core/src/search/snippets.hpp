#pragma once

#include "../index/index_impl.hpp"

#include <unordered_map>
#include <vector>

namespace caci::detail {

// Term id -> bit mask of the fields in which a positive query element matched it.
using HighlightTerms = std::unordered_map<uint32_t, uint8_t>;

// Fills hit's snippet range and appends its highlights (every occurrence of a highlight term in
// the snippet) to `highlights`. Offsets are bytes into the article text.
void make_snippet(const IndexImpl &ix, const HighlightTerms &terms, uint32_t snippet_bytes, Tokenizer &tok,
                  Hit &hit, std::vector<Highlight> &highlights);

} // namespace caci::detail
