#pragma once

#include "byte_io.hpp"

#include "caci/core/article.hpp"

#include <string>

namespace caci::detail {

// Serialises every article of a store with all its fields (flags, source, duplicates, tombstones).
void encode_store(const ArticleStore &s, std::string &out);
// Decodes and validates (every reference inside its buffer or array, every enum in range).
// Returns false with a message on any inconsistency.
bool decode_store(ByteReader &r, ArticleStore &s, std::string &why);

} // namespace caci::detail
