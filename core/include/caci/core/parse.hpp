#pragma once

#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <cstdint>
#include <string_view>

namespace caci {

// Parses one archive page and appends its articles, diagnostics and stats to `doc`. Never fails on
// content: every byte ends up in an article, boilerplate, or an `unclassified` diagnostic.
// Returns ok, eutf8 (only with parse_strict, after a complete parse), erange (input over 4 GiB or
// the document's text over its 32-bit offsets), or enomem.
Status parse_page(Document &doc, std::string_view file_name, std::string_view bytes);

// Sizes `doc` for about `input_bytes` more bytes of pages, so parsing them grows no buffer (and, on
// Linux, the article text lands in huge pages). A hint: parsing is correct without it. May throw
// std::bad_alloc.
void reserve_for_input(Document &doc, uint64_t input_bytes);

}  // namespace caci
