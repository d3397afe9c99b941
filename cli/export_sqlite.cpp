// caci export --format sqlite: a SQLite database of the articles, built in memory and serialised,
// so cmd_export.cpp writes it like every other format (a temporary file in the target directory,
// fsync, rename: never a partial database). Only the CLI links libsqlite3, never libcaci (a ctest
// checks the library's symbols).
//
// Schema (user_version 1):
//   articles(id, kind, category, title, authors, date, year, date_partial, date_source, lead, text,
//            source_file, source_line, byte_start, byte_end, duplicates, sections, bio)
//            the CSV columns, typed (NULL where the CSV has an empty field), plus the section and
//            bio paragraphs for full-text search; rowid 1..n in export order
//   authors(article_id, position, name, honorifics, affiliation, canonical_key)
//   links(article_id, position, kind, title)
//   diagnostics(file, line, column, severity, code, message, byte_start, byte_end)
//   articles_fts  FTS5 over title, authors, lead, sections, bio (external content: articles,
//                 tokenizer porter unicode61 remove_diacritics 2)
//   export_info(key, value)  schema name, libcaci version, input kind
#include "article_fields.hpp"
#include "export.hpp"

#if CACI_CLI_SQLITE
#include <sqlite3.h>
#endif

namespace cli {

#if CACI_CLI_SQLITE

namespace {

const char kSchema[] =
    "PRAGMA user_version = 1;"
    "CREATE TABLE export_info(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE articles("
    " id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, category TEXT, title TEXT, authors TEXT,"
    " date TEXT, year INTEGER, date_partial TEXT, date_source TEXT, lead TEXT, text TEXT,"
    " source_file TEXT, source_line INTEGER, byte_start INTEGER, byte_end INTEGER,"
    " duplicates INTEGER NOT NULL, sections TEXT, bio TEXT);"
    "CREATE TABLE authors("
    " article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,"
    " name TEXT NOT NULL, honorifics TEXT, affiliation TEXT, canonical_key TEXT,"
    " PRIMARY KEY (article_id, position));"
    "CREATE INDEX authors_canonical_key ON authors(canonical_key);"
    "CREATE TABLE links("
    " article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,"
    " kind TEXT NOT NULL, title TEXT, PRIMARY KEY (article_id, position));"
    "CREATE TABLE diagnostics("
    " file TEXT, line INTEGER, column INTEGER, severity TEXT NOT NULL, code TEXT NOT NULL,"
    " message TEXT, byte_start INTEGER, byte_end INTEGER);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, authors, lead, sections, bio,"
    " content='articles', content_rowid='rowid',"
    " tokenize='porter unicode61 remove_diacritics 2');";

// A prepared statement with positional binding helpers.
class Statement {
public:
  Statement(sqlite3 *db, const char *sql) : db_(db) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;

  bool ok() const { return ok_; }
  // Text; an empty view is NULL when `empty_is_null`.
  void text(int i, std::string_view s, bool empty_is_null = true) {
    if (!ok_) return;
    if (s.empty() && empty_is_null)
      bind(sqlite3_bind_null(stmt_, i));
    else
      bind(sqlite3_bind_text64(stmt_, i, s.empty() ? "" : s.data(), s.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8));
  }
  void null_text(int i, caci_str s) {  // a caci_str: NULL stays NULL, "" stays ""
    if (s.ptr)
      text(i, view(s), false);
    else if (ok_)
      bind(sqlite3_bind_null(stmt_, i));
  }
  void integer(int i, int64_t v) {
    if (ok_) bind(sqlite3_bind_int64(stmt_, i, v));
  }
  void null(int i) {
    if (ok_) bind(sqlite3_bind_null(stmt_, i));
  }
  // Runs the statement once and resets it for the next row.
  bool step() {
    if (!ok_) return false;
    ok_ = sqlite3_step(stmt_) == SQLITE_DONE;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return ok_;
  }

private:
  void bind(int rc) {
    if (rc != SQLITE_OK) ok_ = false;
  }
  sqlite3 *db_;
  sqlite3_stmt *stmt_ = nullptr;
  bool ok_ = false;
};

std::string joined_honorifics(const caci_article *a, size_t i) {
  std::string out;
  size_t n = caci_article_author_honorific_count(a, i);
  for (size_t j = 0; j < n; ++j) {
    if (j) out += "; ";
    out += view(caci_article_author_honorific(a, i, j));
  }
  return out;
}

bool insert_articles(sqlite3 *db, const ArticleSet &set) {
  Statement art(db, "INSERT INTO articles(rowid, id, kind, category, title, authors, date, year,"
                    " date_partial, date_source, lead, text, source_file, source_line, byte_start,"
                    " byte_end, duplicates, sections, bio)"
                    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)");
  Statement aut(db, "INSERT INTO authors VALUES (?1,?2,?3,?4,?5,?6)");
  Statement lnk(db, "INSERT INTO links VALUES (?1,?2,?3,?4)");
  if (!art.ok() || !aut.ok() || !lnk.ok()) return false;
  int64_t rowid = 0;
  for (const caci_article *a : set.articles) {
    const std::string id = article_id_hex(a);
    caci_date d = caci_article_date(a);
    caci_source src = caci_article_source(a);
    const char *kind = caci_kind_name(caci_article_kind(a));
    const char *date_source = caci_date_source_name(caci_article_date_source(a));
    art.integer(1, ++rowid);
    art.text(2, id);
    art.text(3, kind ? kind : "unknown");
    art.null_text(4, caci_article_category(a));
    art.null_text(5, caci_article_title(a));
    art.text(6, joined_authors(a, "; "));
    art.text(7, complete_date(d));
    if (d.year)
      art.integer(8, d.year);
    else
      art.null(8);
    art.text(9, partial_date(d));
    art.text(10, date_source ? date_source : "");
    art.text(11, joined_lead(a, "\n\n"), false);
    art.text(12, article_text(a), false);
    art.null_text(13, src.file);
    art.integer(14, src.line);
    art.integer(15, int64_t(src.byte_start));
    art.integer(16, int64_t(src.byte_end));
    art.integer(17, int64_t(caci_article_duplicate_count(a)));
    art.text(18, joined_sections(a, "\n\n"), false);
    art.text(19, joined_bio(a, "\n\n"), false);
    if (!art.step()) return false;
    size_t na = caci_article_author_count(a);
    for (size_t i = 0; i < na; ++i) {
      std::string_view name = view(caci_article_author_name(a, i));
      aut.text(1, id);
      aut.integer(2, int64_t(i) + 1);
      aut.text(3, name, false);
      aut.text(4, joined_honorifics(a, i));
      aut.null_text(5, caci_article_author_affiliation(a, i));
      aut.text(6, canonical_author_key(name));
      if (!aut.step()) return false;
    }
    size_t nl = caci_article_link_count(a);
    for (size_t i = 0; i < nl; ++i) {
      lnk.text(1, id);
      lnk.integer(2, int64_t(i) + 1);
      lnk.text(3, "pdf");  // the only link kind of the contract (the C ABI has no kind getter)
      lnk.null_text(4, caci_article_link_title(a, i));
      if (!lnk.step()) return false;
    }
  }
  return true;
}

bool insert_diagnostics(sqlite3 *db, const ArticleSet &set) {
  if (!set.doc) return true;  // an index file keeps no diagnostics
  Statement st(db, "INSERT INTO diagnostics VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!st.ok()) return false;
  size_t n = caci_doc_diagnostic_count(set.doc);
  for (size_t i = 0; i < n; ++i) {
    caci_diagnostic d;
    if (caci_doc_diagnostic(set.doc, i, &d) != CACI_OK) continue;
    st.null_text(1, d.file);
    st.integer(2, d.line);
    st.integer(3, d.column);
    st.text(4, d.severity == CACI_SEVERITY_ERROR ? "error" : "warning");
    st.text(5, view(d.code), false);
    st.null_text(6, d.message);
    st.integer(7, int64_t(d.byte_start));
    st.integer(8, int64_t(d.byte_end));
    if (!st.step()) return false;
  }
  return true;
}

bool insert_info(sqlite3 *db, const ArticleSet &set) {
  Statement st(db, "INSERT INTO export_info VALUES (?1, ?2)");
  const std::pair<const char *, std::string> rows[] = {
      {"schema", "caci-export-sqlite/1"},
      {"journal", kJournal},
      {"libcaci_version", caci_version_string()},
      {"input", set.index ? "index" : "pages"},
      {"articles", std::to_string(set.articles.size())},
  };
  for (const auto &row : rows) {
    st.text(1, row.first);
    st.text(2, row.second, false);
    if (!st.step()) return false;
  }
  return true;
}

}  // namespace

bool render_sqlite(const ArticleSet &set, std::string &out, std::string &error) {
  sqlite3 *db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    error = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return false;
  }
  bool ok = sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) == SQLITE_OK &&
            sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK &&
            insert_info(db, set) && insert_articles(db, set) && insert_diagnostics(db, set) &&
            sqlite3_exec(db,
                         "INSERT INTO articles_fts(articles_fts) VALUES('rebuild');"
                         "INSERT INTO articles_fts(articles_fts) VALUES('optimize');"
                         "COMMIT",
                         nullptr, nullptr, nullptr) == SQLITE_OK;
  if (ok) {
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(db, "main", &size, 0);
    if (bytes) {
      out.assign(reinterpret_cast<const char *>(bytes), size_t(size));
      sqlite3_free(bytes);
    } else {
      ok = false;
    }
  }
  if (!ok) error = std::string("SQLite: ") + sqlite3_errmsg(db);
  sqlite3_close(db);
  return ok;
}

#else

bool render_sqlite(const ArticleSet &, std::string &, std::string &error) {
  error = "this caci was built without SQLite (install libsqlite3-dev and rebuild)";
  return false;
}

#endif

}  // namespace cli
