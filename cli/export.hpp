// The formats of `caci export`. Each renders a whole article set into one buffer, which
// cmd_export.cpp then writes atomically (write_file): a failure never leaves a partial file.
#pragma once

#include "article_set.hpp"

#include <string>

namespace cli {

// The CSV columns, in order (stable: new columns are only ever appended).
extern const char *const kCsvColumns[];
extern const size_t kCsvColumnCount;

// CSV (RFC 4180: CRLF record ends, quotes doubled, fields with a comma, quote, CR or LF quoted),
// UTF-8, a header row, one row per article.
void render_csv(const ArticleSet &set, std::string &out);

// A SQLite database file (articles, authors, links, diagnostics, articles_fts). Returns false with
// `error` when SQLite fails or is not built in.
bool render_sqlite(const ArticleSet &set, std::string &out, std::string &error);

// Citations: BibTeX @article entries, RIS records, a CSL-JSON array.
void render_bibtex(const ArticleSet &set, std::string &out);
void render_ris(const ArticleSet &set, std::string &out);
void render_csljson(const ArticleSet &set, std::string &out);

// The journal every citation names.
inline constexpr const char kJournal[] = "Central Asia-Caucasus Analyst";

}  // namespace cli
