#pragma once

#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <cstdint>
#include <string>

namespace caci {

enum class JsonFormat { json, jsonl };

// Writes the FORMAT.md section 3 contract ("caci-archive/1"). `json` is one document with
// articles, diagnostics and stats; `jsonl` is one article object per line (diagnostics and stats
// omitted). Deleted (tombstoned) articles are skipped.
void write_document_json(const Document &doc, JsonFormat format, std::string &out);
// The same output in pieces, so it can be written out as it is produced instead of held whole.
// Start with cursor = 0; each call appends whole articles (diagnostics) to `out` until it grew by
// at least `min_bytes` or the document is done, and advances `cursor`. Done when
// json_part_done(doc, format, cursor). The concatenated pieces equal write_document_json()'s
// output as long as the document does not change in between. False (nothing appended) for a cursor
// that no call returned.
bool write_document_json_part(const Document &doc, JsonFormat format, uint64_t &cursor,
                              size_t min_bytes, std::string &out);
// True when the cursor is past the last piece.
bool json_part_done(const Document &doc, JsonFormat format, uint64_t cursor);
// One article object, as it appears in the "articles" array.
void write_article_json(const ArticleStore &store, const Article &a, std::string &out);
// Appends a JSON string literal (quotes included) for UTF-8 `s`.
void write_json_string(std::string &out, std::string_view s);

}  // namespace caci
