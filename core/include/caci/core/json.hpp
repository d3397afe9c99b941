#pragma once

#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <string>

namespace caci {

enum class JsonFormat { json, jsonl };

// Writes the FORMAT.md section 3 contract ("caci-archive/1"). `json` is one document with
// articles, diagnostics and stats; `jsonl` is one article object per line (diagnostics and stats
// omitted). Deleted (tombstoned) articles are skipped.
void write_document_json(const Document &doc, JsonFormat format, std::string &out);
// One article object, as it appears in the "articles" array.
void write_article_json(const ArticleStore &store, const Article &a, std::string &out);
// Appends a JSON string literal (quotes included) for UTF-8 `s`.
void write_json_string(std::string &out, std::string_view s);

}  // namespace caci
