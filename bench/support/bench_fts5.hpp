// The SQLite FTS5 baseline: one row per article (rowid = article index + 1) with the columns the
// caci index has (title, authors, lead, sections, bio), unicode61 with diacritics removed, in an
// in-memory database, one transaction, one prepared statement.
#pragma once

#include "bench_archive.hpp"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace caci_bench {

struct Fts5Row {
  int64_t rowid = 0;
  std::string columns[5];  // title, authors, lead, sections, bio
};

// Rows are built once, outside any timing, so the FTS5 figures cover only SQLite's own work.
inline std::vector<Fts5Row> fts5_rows(const caci::ArticleStore &st) {
  std::vector<Fts5Row> rows;
  rows.reserve(st.articles.size());
  auto join_paragraphs = [&](caci::Range r, std::string &out) {
    for (uint32_t i = 0; i < r.count; ++i) {
      if (!out.empty()) out += '\n';
      out += st.body_text(st.paragraphs[r.begin + i]);
    }
  };
  for (size_t i = 0; i < st.articles.size(); ++i) {
    const caci::Article &a = st.articles[i];
    if (a.deleted) continue;
    Fts5Row row;
    row.rowid = static_cast<int64_t>(i) + 1;
    row.columns[0] = std::string(st.body_text(a.title));
    for (uint32_t k = 0; k < a.authors.count; ++k) {
      if (k) row.columns[1] += ", ";
      row.columns[1] += st.meta_text(st.authors[a.authors.begin + k].name);
    }
    join_paragraphs(a.lead, row.columns[2]);
    for (uint32_t k = 0; k < a.sections.count; ++k)
      join_paragraphs(st.sections[a.sections.begin + k].paragraphs, row.columns[3]);
    join_paragraphs(a.bio, row.columns[4]);
    rows.push_back(std::move(row));
  }
  return rows;
}

inline void sqlite_check(sqlite3 *db, int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    die(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

inline void sqlite_exec(sqlite3 *db, const char *sql) {
  char *err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    die(std::string(sql) + ": " + m);
  }
}

// Opens a fresh in-memory database and fills the FTS5 table. The caller closes it.
inline sqlite3 *fts5_build(const std::vector<Fts5Row> &rows) {
  sqlite3 *db = nullptr;
  sqlite_check(db, sqlite3_open(":memory:", &db), "sqlite3_open");
  sqlite_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, authors, lead, sections, bio, "
                  "tokenize='unicode61 remove_diacritics 2')");
  sqlite_exec(db, "BEGIN");
  sqlite3_stmt *ins = nullptr;
  sqlite_check(db,
               sqlite3_prepare_v2(db,
                                  "INSERT INTO t(rowid, title, authors, lead, sections, bio) "
                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                  -1, &ins, nullptr),
               "prepare insert");
  for (const Fts5Row &r : rows) {
    sqlite3_bind_int64(ins, 1, r.rowid);
    for (int c = 0; c < 5; ++c)
      sqlite3_bind_text(ins, c + 2, r.columns[c].data(), static_cast<int>(r.columns[c].size()),
                        SQLITE_STATIC);
    sqlite_check(db, sqlite3_step(ins), "insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite_exec(db, "COMMIT");
  return db;
}

inline int64_t sqlite_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st = nullptr;
  sqlite_check(db, sqlite3_prepare_v2(db, sql, -1, &st, nullptr), sql);
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  return v;
}

// Size of the whole database (content and index) in bytes.
inline int64_t sqlite_bytes(sqlite3 *db) {
  return sqlite_int(db, "PRAGMA page_count") * sqlite_int(db, "PRAGMA page_size");
}

}  // namespace caci_bench
