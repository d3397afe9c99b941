// caci export --format csv: one row per article (columns: kCsvColumns, documented in
// `caci export --help` and the README).
#include "article_fields.hpp"
#include "export.hpp"

namespace cli {

const char *const kCsvColumns[] = {"id",          "kind",       "category", "title",
                                   "authors",     "date",       "year",     "date_partial",
                                   "date_source", "lead",       "text",     "source_file",
                                   "source_line", "byte_start", "byte_end", "duplicates"};
const size_t kCsvColumnCount = sizeof kCsvColumns / sizeof kCsvColumns[0];

namespace {

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
void append_field(std::string &out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_number(std::string &out, uint64_t v) {
  out += std::to_string(v);
}

}  // namespace

void render_csv(const ArticleSet &set, std::string &out) {
  for (size_t i = 0; i < kCsvColumnCount; ++i) {
    if (i) out += ',';
    out += kCsvColumns[i];
  }
  out += "\r\n";
  for (const caci_article *a : set.articles) {
    caci_date d = caci_article_date(a);
    caci_source src = caci_article_source(a);
    const char *kind = caci_kind_name(caci_article_kind(a));
    const char *date_source = caci_date_source_name(caci_article_date_source(a));
    append_field(out, article_id_hex(a));
    out += ',';
    append_field(out, kind ? kind : "");
    out += ',';
    append_field(out, view(caci_article_category(a)));
    out += ',';
    append_field(out, view(caci_article_title(a)));
    out += ',';
    append_field(out, joined_authors(a, "; "));
    out += ',';
    append_field(out, complete_date(d));
    out += ',';
    if (d.year) append_number(out, uint64_t(d.year));
    out += ',';
    append_field(out, partial_date(d));
    out += ',';
    append_field(out, date_source ? date_source : "");
    out += ',';
    append_field(out, joined_lead(a, "\n\n"));
    out += ',';
    append_field(out, article_text(a));
    out += ',';
    append_field(out, view(src.file));
    out += ',';
    append_number(out, src.line);
    out += ',';
    append_number(out, src.byte_start);
    out += ',';
    append_number(out, src.byte_end);
    out += ',';
    append_number(out, caci_article_duplicate_count(a));
    out += "\r\n";
  }
}

}  // namespace cli
