#pragma once

#include "byte_io.hpp"

#include "caci/core/article.hpp"

#include <string>

namespace caci::detail {

struct TextPieces;  // lazy_text.hpp
class MetaStrings;  // meta_strings.hpp

// Serialises every article of a store with all its fields (flags, source, duplicates, tombstones).
// Format 2 holds the text inline (LZ); format 3 only its size (the text has sections of its own).
enum class StoreText { inline_lz, separate };
// `text_size` (separate only): the size of the text when it is not s.body (TextPieces).
// `meta` (separate only): the meta bytes written instead of s.meta, every reference moved there.
void encode_store(const ArticleStore &s, std::string &out, StoreText text,
                  const uint64_t *text_size = nullptr, const MetaStrings *meta = nullptr);
// A copy of `src` for a search-only index file: every article keeps its metadata, title, authors,
// links and photo credit; lead, sections and bio are dropped, its text is empty and
// flag_text_omitted is set. Body = the titles only.
// `pieces`: the text of `src` when its body is not in src.body (see TextPieces).
void strip_text(const ArticleStore &src, ArticleStore &dst, const TextPieces *pieces = nullptr);
// Decodes and validates (every reference inside its buffer or array, every enum in range).
// Returns false with a message on any inconsistency. A store whose lazy_body is set reads the
// format-3 layout (text size only).
bool decode_store(ByteReader &r, ArticleStore &s, std::string &why);

// Article fields added after format 2 (date source, outlet), in a section of their own that older
// readers skip; a file without it gives every article the defaults (no date source, no outlet).
void encode_store_extras(const ArticleStore &s, std::string &out,
                         const MetaStrings *meta = nullptr);
bool decode_store_extras(ByteReader &r, ArticleStore &s, std::string &why);

}  // namespace caci::detail
