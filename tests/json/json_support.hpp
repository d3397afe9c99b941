// Helpers for the JSON writer tests: build stores by hand, and compare a parsed JSON article (read
// back with simdjson, an independent parser) field by field with the in-memory article.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/json.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace json_test {

// Appends text to a store buffer and returns its reference.
inline caci::TextRef put(std::string &buf, std::string_view s) {
  caci::TextRef r{static_cast<uint32_t>(buf.size()), static_cast<uint32_t>(s.size())};
  buf.append(s);
  return r;
}

// Builds articles in a store the way the parser lays them out: the article text is the title then
// the paragraphs, each followed by '\n'.
struct ArticleBuilder {
  caci::ArticleStore &st;
  caci::Article a;
  uint32_t text_begin;

  explicit ArticleBuilder(caci::ArticleStore &store) : st(store) {
    a.store = &st;
    text_begin = static_cast<uint32_t>(st.body.size());
  }
  caci::TextRef line(std::string_view s) {
    caci::TextRef r = put(st.body, s);
    st.body.push_back('\n');
    return r;
  }
  ArticleBuilder &title(std::string_view s) {
    a.title = line(s);
    return *this;
  }
  caci::Range paragraphs(std::vector<std::string_view> ps) {
    caci::Range r{static_cast<uint32_t>(st.paragraphs.size()), static_cast<uint32_t>(ps.size())};
    for (auto p : ps) st.paragraphs.push_back(line(p));
    return r;
  }
  ArticleBuilder &author(std::string_view name, std::vector<std::string_view> honorifics = {},
                         std::string_view affiliation = {}) {
    if (a.authors.count == 0) a.authors.begin = static_cast<uint32_t>(st.authors.size());
    caci::Author au;
    au.name = put(st.meta, name);
    au.honorifics = {static_cast<uint32_t>(st.honorifics.size()),
                     static_cast<uint32_t>(honorifics.size())};
    for (auto h : honorifics) st.honorifics.push_back(put(st.meta, h));
    if (!affiliation.empty()) au.affiliation = put(st.meta, affiliation);
    st.authors.push_back(au);
    ++a.authors.count;
    return *this;
  }
  ArticleBuilder &lead(std::vector<std::string_view> ps) {
    a.lead = paragraphs(std::move(ps));
    return *this;
  }
  ArticleBuilder &section(caci::SectionKind kind, std::string_view heading,
                          std::vector<std::string_view> ps) {
    if (a.sections.count == 0) a.sections.begin = static_cast<uint32_t>(st.sections.size());
    caci::Section s;
    s.kind = kind;
    s.heading = put(st.meta, heading);
    s.paragraphs = paragraphs(std::move(ps));
    st.sections.push_back(s);
    ++a.sections.count;
    return *this;
  }
  ArticleBuilder &bio(std::vector<std::string_view> ps) {
    a.bio = paragraphs(std::move(ps));
    return *this;
  }
  ArticleBuilder &link(std::string_view title) {
    if (a.links.count == 0) a.links.begin = static_cast<uint32_t>(st.links.size());
    caci::Link l;
    l.title = put(st.meta, title);
    st.links.push_back(l);
    ++a.links.count;
    return *this;
  }
  ArticleBuilder &photo(std::string_view credit) {
    a.photo_credit = put(st.meta, credit);
    return *this;
  }
  // Finishes the article: text span, id, and appends it to the store.
  caci::Article &done() {
    a.text = {text_begin, static_cast<uint32_t>(st.body.size()) - text_begin};
    a.id = caci::content_id(st, a);
    st.articles.push_back(a);
    return st.articles.back();
  }
};

inline std::string_view str(simdjson::dom::element e) {
  return std::string_view(e.get_string());
}

inline void expect_string_or_null(simdjson::dom::element e, std::string_view expected, bool present,
                                  const char *what) {
  if (present) {
    ASSERT_TRUE(e.is_string()) << what;
    EXPECT_EQ(str(e), expected) << what;
  } else {
    EXPECT_TRUE(e.is_null()) << what;
  }
}

inline void expect_paragraphs(simdjson::dom::element e, const caci::ArticleStore &st, caci::Range r,
                              const char *what) {
  simdjson::dom::array arr = e.get_array();
  ASSERT_EQ(arr.size(), r.count) << what;
  size_t i = 0;
  for (simdjson::dom::element p : arr) {
    EXPECT_EQ(str(p), st.body_text(st.paragraphs[r.begin + i])) << what << " #" << i;
    ++i;
  }
}

inline void expect_source(simdjson::dom::element e, const caci::ArticleStore &st,
                          const caci::SourceRef &s) {
  EXPECT_EQ(str(e["file"]), st.file_name(s.file));
  EXPECT_EQ(uint64_t(e["line"]), s.line);
  EXPECT_EQ(uint64_t(e["byte_start"]), s.byte_start);
  EXPECT_EQ(uint64_t(e["byte_end"]), s.byte_end);
}

inline std::string date_string(const caci::Date &d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// Every contract field (and the extras) of one article object.
inline void expect_article_json(simdjson::dom::element o, const caci::ArticleStore &st,
                                const caci::Article &a) {
  char id[16];
  caci::format_id(a.id, id);
  EXPECT_EQ(str(o["id"]), std::string_view(id, 16));
  EXPECT_EQ(str(o["kind"]), caci::kind_name(a.kind));
  const char *category = caci::category_name(a.category);
  expect_string_or_null(o["category"], category ? category : "", category != nullptr, "category");
  expect_string_or_null(o["title"], st.body_text(a.title), !a.title.empty(), "title");

  simdjson::dom::array authors = o["authors"].get_array();
  ASSERT_EQ(authors.size(), a.authors.count);
  size_t i = 0;
  for (simdjson::dom::element au : authors) {
    const caci::Author &m = st.authors[a.authors.begin + i];
    EXPECT_EQ(str(au["name"]), st.meta_text(m.name));
    simdjson::dom::array hs = au["honorifics"].get_array();
    ASSERT_EQ(hs.size(), m.honorifics.count);
    size_t j = 0;
    for (simdjson::dom::element h : hs)
      EXPECT_EQ(str(h), st.meta_text(st.honorifics[m.honorifics.begin + j++]));
    expect_string_or_null(au["affiliation"], st.meta_text(m.affiliation), !m.affiliation.empty(),
                          "affiliation");
    ++i;
  }

  const caci::Date &d = a.date;
  bool full = d.year && d.month && d.day;
  expect_string_or_null(o["date"], full ? date_string(d) : "", full, "date");
  bool partial = !d.year && d.month && d.day;
  char pbuf[16];
  std::snprintf(pbuf, sizeof pbuf, "--%02d-%02d", d.month, d.day);
  expect_string_or_null(o["date_partial"], pbuf, partial, "date_partial");
  if (d.month) {
    simdjson::dom::element parts = o["date_parts"];
    if (d.year)
      EXPECT_EQ(int64_t(parts["year"]), d.year);
    else
      EXPECT_TRUE(parts["year"].is_null());
    EXPECT_EQ(int64_t(parts["month"]), d.month);
    if (d.day)
      EXPECT_EQ(int64_t(parts["day"]), d.day);
    else
      EXPECT_TRUE(parts["day"].is_null());
  } else {
    EXPECT_TRUE(o["date_parts"].is_null());
  }

  expect_paragraphs(o["lead"], st, a.lead, "lead");
  expect_string_or_null(o["photo_credit"], st.meta_text(a.photo_credit), !a.photo_credit.empty(),
                        "photo_credit");

  simdjson::dom::array sections = o["sections"].get_array();
  ASSERT_EQ(sections.size(), a.sections.count);
  i = 0;
  for (simdjson::dom::element s : sections) {
    const caci::Section &m = st.sections[a.sections.begin + i++];
    EXPECT_EQ(str(s["kind"]), caci::section_kind_name(m.kind));
    EXPECT_EQ(str(s["heading"]), st.meta_text(m.heading));
    expect_paragraphs(s["paragraphs"], st, m.paragraphs, "section paragraphs");
  }
  expect_paragraphs(o["bio"], st, a.bio, "bio");

  simdjson::dom::array links = o["links"].get_array();
  ASSERT_EQ(links.size(), a.links.count);
  i = 0;
  for (simdjson::dom::element l : links) {
    EXPECT_EQ(str(l["kind"]), "pdf");
    EXPECT_EQ(str(l["title"]), st.meta_text(st.links[a.links.begin + i++].title));
  }

  std::vector<std::string_view> flags;
  for (simdjson::dom::element f : o["flags"].get_array()) flags.push_back(str(f));
  std::vector<std::string_view> expected_flags;
  for (int bit = 0; bit < 32; ++bit)
    if ((a.flags >> bit) & 1u)
      if (const char *n = caci::flag_name(1u << bit)) expected_flags.push_back(n);
  EXPECT_EQ(flags, expected_flags);

  expect_source(o["source"], st, a.source);
  simdjson::dom::array dups = o["duplicates"].get_array();
  ASSERT_EQ(dups.size(), a.duplicates.size());
  i = 0;
  for (simdjson::dom::element dup : dups) expect_source(dup, st, a.duplicates[i++]);
  EXPECT_EQ(uint64_t(o["text_bytes"]), a.text.length);
}

// Checks a whole json-format document against `doc`.
inline void expect_document_json(std::string_view json, const caci::Document &doc) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  auto err = parser.parse(padded).get(root);
  ASSERT_EQ(err, simdjson::SUCCESS) << simdjson::error_message(err);
  EXPECT_EQ(str(root["schema"]), "caci-archive/1");
  const caci::ArticleStore &st = doc.store;
  std::vector<const caci::Article *> live;
  for (const caci::Article &a : st.articles)
    if (!a.deleted) live.push_back(&a);
  simdjson::dom::array articles = root["articles"].get_array();
  ASSERT_EQ(articles.size(), live.size());
  size_t i = 0;
  for (simdjson::dom::element o : articles) {
    SCOPED_TRACE("article " + std::to_string(i));
    expect_article_json(o, st, *live[i++]);
  }
  simdjson::dom::array diags = root["diagnostics"].get_array();
  ASSERT_EQ(diags.size(), doc.diagnostics.size());
  i = 0;
  for (simdjson::dom::element d : diags) {
    const caci::Diagnostic &m = doc.diagnostics[i++];
    EXPECT_EQ(str(d["file"]), st.file_name(m.file));
    EXPECT_EQ(uint64_t(d["line"]), m.line);
    EXPECT_EQ(uint64_t(d["column"]), m.column);
    EXPECT_EQ(str(d["severity"]), m.severity == caci::Severity::error ? "error" : "warning");
    EXPECT_EQ(str(d["code"]), caci::diag_code_name(m.code));
    EXPECT_EQ(str(d["message"]), st.meta_text(m.message));
    EXPECT_EQ(uint64_t(d["byte_start"]), m.byte_start);
    EXPECT_EQ(uint64_t(d["byte_end"]), m.byte_end);
  }
  simdjson::dom::element s = root["stats"];
  EXPECT_EQ(uint64_t(s["bytes"]), doc.stats.bytes);
  EXPECT_EQ(uint64_t(s["articles"]), doc.stats.articles);
  EXPECT_EQ(uint64_t(s["duplicates"]), doc.stats.duplicates);
  EXPECT_EQ(uint64_t(s["bytes_articles"]), doc.stats.bytes_articles);
  EXPECT_EQ(uint64_t(s["bytes_boilerplate"]), doc.stats.bytes_boilerplate);
  EXPECT_EQ(uint64_t(s["bytes_unclassified"]), doc.stats.bytes_unclassified);
}

}  // namespace json_test
