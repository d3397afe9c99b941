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
// Cuts the pieces into `parts` (> 0) ranges of about equal output, for writing them on several
// threads: cursors[0] = 0, range i runs from cursors[i] to cursors[i + 1], cursors[parts] is past
// the last piece. The sizes are estimated from the articles' text; a range may be empty.
void split_document_json(const Document &doc, JsonFormat format, size_t parts, uint64_t *cursors);
// write_document_json_part() stopping at `end` (a cursor of split_document_json()): nothing
// past it is appended. Reads the document only. False (nothing appended) for a cursor or an end
// that no call returned, or an end before the cursor.
bool write_document_json_range(const Document &doc, JsonFormat format, uint64_t &cursor,
                               uint64_t end, size_t min_bytes, std::string &out);
// One article object, as it appears in the "articles" array.
void write_article_json(const ArticleStore &store, const Article &a, std::string &out);
// Appends a JSON string literal (quotes included) for UTF-8 `s`.
void write_json_string(std::string &out, std::string_view s);

}  // namespace caci
