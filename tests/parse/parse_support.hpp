// Helpers for the parser tests: read fixtures, parse, and look at articles as plain strings.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace caci_test {

inline std::string read_file(const std::string &path, bool *ok = nullptr) {
  std::ifstream f(path, std::ios::binary);
  if (ok) *ok = bool(f);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string fixture_path(const std::string &name) {
  return std::string(CACI_TEST_DATA_DIR) + "/fixtures/" + name;
}

inline std::string fixture(const std::string &name) {
  bool ok = false;
  std::string s = read_file(fixture_path(name), &ok);
  EXPECT_TRUE(ok) << "missing fixture " << name;
  return s;
}

// Every input byte is in an article span, boilerplate or an unclassified diagnostic.
inline void expect_accounted(const caci::Document &doc) {
  const caci::Stats &s = doc.stats;
  EXPECT_EQ(s.bytes, s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified)
      << "articles " << s.bytes_articles << " boilerplate " << s.bytes_boilerplate
      << " unclassified " << s.bytes_unclassified;
  uint64_t unc = 0;
  for (const caci::Diagnostic &d : doc.diagnostics)
    if (d.code == caci::DiagCode::unclassified) unc += d.byte_end - d.byte_start;
  EXPECT_EQ(unc, s.bytes_unclassified);
}

// Article spans of one file are contiguous-disjoint and inside the input.
inline void expect_spans_disjoint(const caci::Document &doc, uint32_t file, uint64_t size) {
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const caci::Article &a : doc.store.articles) {
    if (a.source.file == file) spans.emplace_back(a.source.byte_start, a.source.byte_end);
    for (const caci::SourceRef &d : a.duplicates)
      if (d.file == file) spans.emplace_back(d.byte_start, d.byte_end);
  }
  std::sort(spans.begin(), spans.end());
  uint64_t prev = 0;
  for (auto &sp : spans) {
    EXPECT_LE(prev, sp.first);
    EXPECT_LE(sp.first, sp.second);
    EXPECT_LE(sp.second, size);
    prev = sp.second;
  }
}

struct Parsed {
  caci::Document doc;
  caci::Status status = caci::Status::ok;
  std::string input;

  const caci::ArticleStore &st() const { return doc.store; }
  size_t size() const { return doc.store.articles.size(); }
  const caci::Article &at(size_t i) const { return doc.store.articles.at(i); }

  std::string title(size_t i) const { return std::string(st().body_text(at(i).title)); }
  std::string text(size_t i) const { return std::string(st().body_text(at(i).text)); }
  std::vector<std::string> authors(size_t i) const {
    std::vector<std::string> v;
    const caci::Article &a = at(i);
    for (uint32_t k = 0; k < a.authors.count; ++k)
      v.emplace_back(st().meta_text(st().authors[a.authors.begin + k].name));
    return v;
  }
  std::vector<std::string> honorifics(size_t i, size_t author) const {
    std::vector<std::string> v;
    const caci::Author &au = st().authors.at(at(i).authors.begin + author);
    for (uint32_t k = 0; k < au.honorifics.count; ++k)
      v.emplace_back(st().meta_text(st().honorifics[au.honorifics.begin + k]));
    return v;
  }
  std::string affiliation(size_t i, size_t author) const {
    return std::string(st().meta_text(st().authors.at(at(i).authors.begin + author).affiliation));
  }
  std::vector<std::string> paras(caci::Range r) const {
    std::vector<std::string> v;
    for (uint32_t k = 0; k < r.count; ++k)
      v.emplace_back(st().body_text(st().paragraphs[r.begin + k]));
    return v;
  }
  std::vector<std::string> lead(size_t i) const { return paras(at(i).lead); }
  std::vector<std::string> bio(size_t i) const { return paras(at(i).bio); }
  size_t section_count(size_t i) const { return at(i).sections.count; }
  const caci::Section &section(size_t i, size_t k) const {
    return st().sections.at(at(i).sections.begin + k);
  }
  std::string heading(size_t i, size_t k) const {
    return std::string(st().meta_text(section(i, k).heading));
  }
  std::vector<std::string> section_paras(size_t i, size_t k) const {
    return paras(section(i, k).paragraphs);
  }
  std::string photo(size_t i) const { return std::string(st().meta_text(at(i).photo_credit)); }
  std::vector<std::string> links(size_t i) const {
    std::vector<std::string> v;
    const caci::Article &a = at(i);
    for (uint32_t k = 0; k < a.links.count; ++k)
      v.emplace_back(st().meta_text(st().links[a.links.begin + k].title));
    return v;
  }
  bool flag(size_t i, uint32_t f) const { return (at(i).flags & f) != 0; }
  size_t diag_count(caci::DiagCode c) const {
    size_t n = 0;
    for (const caci::Diagnostic &d : doc.diagnostics) n += d.code == c;
    return n;
  }
  const caci::Diagnostic *diag(caci::DiagCode c, size_t nth = 0) const {
    for (const caci::Diagnostic &d : doc.diagnostics)
      if (d.code == c && nth-- == 0) return &d;
    return nullptr;
  }
  std::string message(const caci::Diagnostic &d) const {
    return std::string(st().meta_text(d.message));
  }
};

inline void date_is(const caci::Article &a, int y, int m, int d) {
  EXPECT_EQ(a.date.year, y);
  EXPECT_EQ(a.date.month, m);
  EXPECT_EQ(a.date.day, d);
}

inline Parsed parse_bytes(const std::string &bytes, const std::string &name = "input.txt",
                          uint32_t flags = 0) {
  Parsed p;
  p.input = bytes;
  p.doc.options.flags = flags;
  p.status = caci::parse_page(p.doc, name, p.input);
  expect_accounted(p.doc);
  expect_spans_disjoint(p.doc, 0, p.input.size());
  return p;
}

inline Parsed parse_fixture(const std::string &name, uint32_t flags = 0) {
  return parse_bytes(fixture(name), name, flags);
}

}  // namespace caci_test
