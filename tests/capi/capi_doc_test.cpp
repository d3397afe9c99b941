// Parsing through the C API: articles, diagnostics with positions, statistics, JSON, duplicates,
// I/O errors and the lifetime of borrowed views. Fixture pages are made up (capi_fixtures.hpp).
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

namespace {

using capi_test::Doc;
using capi_test::kPage;
using capi_test::kPageInvalidUtf8;
using capi_test::view;

const caci_article *find_by_author(const caci_doc *doc, std::string_view author) {
  for (size_t i = 0; i < caci_doc_article_count(doc); ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    for (size_t j = 0; j < caci_article_author_count(a); ++j)
      if (view(caci_article_author_name(a, j)) == author) return a;
  }
  return nullptr;
}

TEST(CapiDoc, ParsesArticlesOfA2025Page) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  EXPECT_EQ(caci_doc_article_count(d.doc), 3u);

  const caci_article *a = find_by_author(d.doc, "Firstname Lastname");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(caci_article_kind(a), CACI_KIND_ARTICLE);
  caci_date date = caci_article_date(a);
  EXPECT_EQ(date.year, 2025);
  EXPECT_EQ(date.month, 1);
  EXPECT_EQ(date.day, 29);
  ASSERT_EQ(caci_article_lead_count(a), 1u);
  EXPECT_EQ(view(caci_article_lead(a, 0)),
            "A lead paragraph about pipelines across the Caspian and the politics of transit.");
  EXPECT_NE(view(caci_article_photo_credit(a)).find("Someone"), std::string_view::npos);
  ASSERT_EQ(caci_article_section_count(a), 3u);
  EXPECT_EQ(caci_article_section_kind(a, 0), CACI_SECTION_BACKGROUND);
  EXPECT_EQ(caci_article_section_kind(a, 1), CACI_SECTION_IMPLICATIONS);
  EXPECT_EQ(caci_article_section_kind(a, 2), CACI_SECTION_CONCLUSIONS);
  EXPECT_EQ(view(caci_article_section_heading(a, 0)), "BACKGROUND");
  EXPECT_EQ(caci_article_section_paragraph_count(a, 0), 2u);
  EXPECT_EQ(caci_article_section_kind(a, 3), -1);
  EXPECT_EQ(caci_article_section_paragraph(a, 0, 2).ptr, nullptr);
  EXPECT_EQ(caci_article_bio_count(a), 1u);
  EXPECT_EQ(caci_article_title(a).ptr, nullptr);
  EXPECT_EQ(caci_article_author_affiliation(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_author_name(a, 5).ptr, nullptr);

  const caci_article *teaser = find_by_author(d.doc, "Third Author");
  ASSERT_NE(teaser, nullptr);
  EXPECT_EQ(caci_article_kind(teaser), CACI_KIND_TEASER);
  ASSERT_EQ(caci_article_link_count(teaser), 1u);
  EXPECT_EQ(view(caci_article_link_title(teaser, 0)), "A Paper About Water");
  EXPECT_EQ(caci_article_section_count(teaser), 0u);
}

TEST(CapiDoc, SourcesPointIntoTheInput) {
  Doc d(kPage, "p.txt");
  ASSERT_EQ(d.status, CACI_OK);
  const caci_article *a = find_by_author(d.doc, "Other Person");
  ASSERT_NE(a, nullptr);
  caci_source s = caci_article_source(a);
  EXPECT_EQ(view(s.file), "p.txt");
  const char *start = std::strstr(kPage, "By Other Person");
  EXPECT_EQ(s.byte_start, uint64_t(start - kPage));
  EXPECT_EQ(s.line, 10u);
  EXPECT_GT(s.byte_end, s.byte_start);
  EXPECT_LE(s.byte_end, std::strlen(kPage));
}

TEST(CapiDoc, ArticleTextIsParagraphsEachEndingInNewline) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  for (size_t i = 0; i < caci_doc_article_count(d.doc); ++i) {
    const caci_article *a = caci_doc_article(d.doc, i);
    std::string_view text = view(caci_article_text(a));
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    std::string expected;
    if (caci_article_title(a).ptr) expected.append(view(caci_article_title(a))).push_back('\n');
    for (size_t j = 0; j < caci_article_lead_count(a); ++j)
      expected.append(view(caci_article_lead(a, j))).push_back('\n');
    for (size_t s = 0; s < caci_article_section_count(a); ++s)
      for (size_t j = 0; j < caci_article_section_paragraph_count(a, s); ++j)
        expected.append(view(caci_article_section_paragraph(a, s, j))).push_back('\n');
    for (size_t j = 0; j < caci_article_bio_count(a); ++j)
      expected.append(view(caci_article_bio(a, j))).push_back('\n');
    EXPECT_EQ(text, expected);
  }
}

TEST(CapiDoc, IdsAreStableAndFormatted) {
  Doc d1(kPage), d2(kPage, "other-name.txt");
  ASSERT_EQ(d1.status, CACI_OK);
  ASSERT_EQ(d2.status, CACI_OK);
  ASSERT_EQ(caci_doc_article_count(d1.doc), caci_doc_article_count(d2.doc));
  for (size_t i = 0; i < caci_doc_article_count(d1.doc); ++i) {
    uint64_t id = caci_article_id(caci_doc_article(d1.doc, i));
    EXPECT_NE(id, 0u);
    EXPECT_EQ(id, caci_article_id(caci_doc_article(d2.doc, i)));
  }
}

TEST(CapiDoc, StatsAddUp) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(d.doc, &s), CACI_OK);
  EXPECT_EQ(s.bytes, std::strlen(kPage));
  EXPECT_EQ(s.bytes, s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified);
  EXPECT_EQ(s.articles, caci_doc_article_count(d.doc));
  EXPECT_EQ(s.duplicates, 0u);
  EXPECT_GT(s.bytes_boilerplate, 0u);  // the footer
}

TEST(CapiDoc, DuplicatesAcrossPagesAreMerged) {
  Doc d(kPage, "a.txt");
  ASSERT_EQ(d.status, CACI_OK);
  size_t n = caci_doc_article_count(d.doc);
  ASSERT_EQ(caci_doc_parse(d.doc, "b.txt", 5, kPage, std::strlen(kPage)), CACI_OK);
  EXPECT_EQ(caci_doc_article_count(d.doc), n);
  for (size_t i = 0; i < n; ++i) {
    const caci_article *a = caci_doc_article(d.doc, i);
    ASSERT_EQ(caci_article_duplicate_count(a), 1u);
    caci_source dup = caci_article_duplicate(a, 0);
    EXPECT_EQ(view(dup.file), "b.txt");
    EXPECT_EQ(dup.byte_start, caci_article_source(a).byte_start);
    EXPECT_EQ(view(caci_article_source(a).file), "a.txt");
    EXPECT_EQ(caci_article_duplicate(a, 1).file.ptr, nullptr);
  }
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(d.doc, &s), CACI_OK);
  EXPECT_EQ(s.duplicates, n);
  EXPECT_EQ(s.bytes, 2 * std::strlen(kPage));
  EXPECT_EQ(s.bytes, s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified);
}

TEST(CapiDoc, InvalidUtf8GetsADiagnosticWithPosition) {
  Doc d(kPageInvalidUtf8, "bad.txt");
  ASSERT_EQ(d.status, CACI_OK);  // not strict: replaced with U+FFFD
  bool found = false;
  for (size_t i = 0; i < caci_doc_diagnostic_count(d.doc); ++i) {
    caci_diagnostic diag;
    ASSERT_EQ(caci_doc_diagnostic(d.doc, i, &diag), CACI_OK);
    if (view(diag.code) != "invalid_utf8") continue;
    found = true;
    EXPECT_EQ(view(diag.file), "bad.txt");
    EXPECT_EQ(diag.line, 3u);
    EXPECT_EQ(diag.column, 6u);
    uint64_t offset = uint64_t(std::strchr(kPageInvalidUtf8, '\xFF') - kPageInvalidUtf8);
    EXPECT_EQ(diag.byte_start, offset);
    EXPECT_EQ(diag.byte_end, offset + 1);
    EXPECT_EQ(diag.severity, CACI_SEVERITY_WARNING);
    EXPECT_FALSE(view(diag.message).empty());
  }
  EXPECT_TRUE(found);
  ASSERT_GE(caci_doc_article_count(d.doc), 1u);
  const caci_article *a = caci_doc_article(d.doc, 0);
  EXPECT_TRUE(caci_article_flags(a) & CACI_FLAG_INVALID_UTF8);
  EXPECT_NE(view(caci_article_text(a)).find("China\xEF\xBF\xBDs"), std::string_view::npos);
}

TEST(CapiDoc, StrictRejectsInvalidUtf8ButStillParses) {
  Doc d(kPageInvalidUtf8, "bad.txt", CACI_PARSE_STRICT);
  EXPECT_EQ(d.status, CACI_EUTF8);
  EXPECT_GE(caci_doc_article_count(d.doc), 1u);
  Doc ok(kPage, "good.txt", CACI_PARSE_STRICT);
  EXPECT_EQ(ok.status, CACI_OK);
}

TEST(CapiDoc, IoErrorNamesTheFile) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  const char msg[] = "cannot read file: No such file or directory";
  ASSERT_EQ(caci_doc_add_io_error(doc, "missing.txt", 11, msg, std::strlen(msg)), CACI_OK);
  ASSERT_EQ(caci_doc_diagnostic_count(doc), 1u);
  caci_diagnostic diag;
  ASSERT_EQ(caci_doc_diagnostic(doc, 0, &diag), CACI_OK);
  EXPECT_EQ(view(diag.file), "missing.txt");
  EXPECT_EQ(view(diag.code), "io_error");
  EXPECT_EQ(diag.severity, CACI_SEVERITY_ERROR);
  EXPECT_EQ(view(diag.message), msg);
  caci_str json;
  ASSERT_EQ(caci_doc_to_json(doc, CACI_JSON, &json), CACI_OK);
  EXPECT_NE(view(json).find("\"code\":\"io_error\""), std::string_view::npos);
  EXPECT_NE(view(json).find("missing.txt"), std::string_view::npos);
  caci_doc_free(doc);
}

TEST(CapiDoc, JsonFollowsTheContract) {
  Doc d(kPage, "page.txt");
  ASSERT_EQ(d.status, CACI_OK);
  caci_str json;
  ASSERT_EQ(caci_doc_to_json(d.doc, CACI_JSON, &json), CACI_OK);
  std::string_view j = view(json);
  EXPECT_EQ(j.rfind("{\"schema\":\"caci-archive/1\"", 0), 0u);
  for (const char *field : {"\"articles\":",
                            "\"diagnostics\":",
                            "\"stats\":",
                            "\"id\":",
                            "\"kind\":\"article\"",
                            "\"kind\":\"teaser\"",
                            "\"category\":",
                            "\"title\":null",
                            "\"authors\":",
                            "\"honorifics\":",
                            "\"affiliation\":",
                            "\"date\":\"2025-01-29\"",
                            "\"date_partial\":null",
                            "\"lead\":",
                            "\"photo_credit\":",
                            "\"sections\":",
                            "\"heading\":\"BACKGROUND\"",
                            "\"kind\":\"background\"",
                            "\"paragraphs\":",
                            "\"bio\":",
                            "\"links\":",
                            "{\"kind\":\"pdf\",\"title\":\"A Paper About Water\"}",
                            "\"flags\":",
                            "\"source\":",
                            "\"file\":\"page.txt\"",
                            "\"duplicates\":",
                            "\"bytes_boilerplate\":",
                            "\"bytes_unclassified\":"})
    EXPECT_NE(j.find(field), std::string_view::npos) << field;
  char id[17];
  caci_id_format(caci_article_id(caci_doc_article(d.doc, 0)), id);
  EXPECT_NE(j.find(std::string("\"id\":\"") + id + "\""), std::string_view::npos);
}

TEST(CapiDoc, JsonLinesHasOneLinePerArticle) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_str json;
  ASSERT_EQ(caci_doc_to_json(d.doc, CACI_JSONL, &json), CACI_OK);
  std::string_view j = view(json);
  EXPECT_EQ(size_t(std::count(j.begin(), j.end(), '\n')), caci_doc_article_count(d.doc));
  EXPECT_EQ(j.find("\"schema\""), std::string_view::npos);
  EXPECT_EQ(j.front(), '{');
}

TEST(CapiDoc, ClearEmptiesTheDocument) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_doc_clear(d.doc);
  EXPECT_EQ(caci_doc_article_count(d.doc), 0u);
  EXPECT_EQ(caci_doc_diagnostic_count(d.doc), 0u);
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(d.doc, &s), CACI_OK);
  EXPECT_EQ(s.bytes, 0u);
  // Reusable after clear.
  ASSERT_EQ(caci_doc_parse(d.doc, "x", 1, kPage, std::strlen(kPage)), CACI_OK);
  EXPECT_EQ(caci_doc_article_count(d.doc), 3u);
}

TEST(CapiDoc, EmptyAndNulBytesNeverFail) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  EXPECT_EQ(caci_doc_parse(doc, "", 0, "", 0), CACI_OK);
  const char with_nul[] = "By A. Author\nJanuary 1, 2020\nText\0with a NUL byte.\n";
  EXPECT_EQ(caci_doc_parse(doc, "nul.txt", 7, with_nul, sizeof with_nul - 1), CACI_OK);
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(doc, &s), CACI_OK);
  EXPECT_EQ(s.bytes, sizeof with_nul - 1);
  EXPECT_EQ(s.bytes, s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified);
  caci_doc_free(doc);
}

TEST(CapiLifetime, JsonViewStaysValidUntilTheNextCall) {
  Doc d(kPage);
  ASSERT_EQ(d.status, CACI_OK);
  caci_str first;
  ASSERT_EQ(caci_doc_to_json(d.doc, CACI_JSON, &first), CACI_OK);
  std::string copy(first.ptr, first.len);
  // Reading articles does not invalidate it.
  for (size_t i = 0; i < caci_doc_article_count(d.doc); ++i)
    (void)caci_article_text(caci_doc_article(d.doc, i));
  EXPECT_EQ(view(first), copy);
  caci_str second;
  ASSERT_EQ(caci_doc_to_json(d.doc, CACI_JSON, &second), CACI_OK);
  EXPECT_EQ(view(second), copy);  // deterministic
}

TEST(CapiLifetime, IndexCopiesArticlesSoTheDocumentCanBeFreed) {
  caci_index *index = nullptr;
  uint64_t id = 0;
  std::string text;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  {
    Doc d(kPage);
    ASSERT_EQ(d.status, CACI_OK);
    size_t added = 0;
    ASSERT_EQ(caci_index_add_doc(index, d.doc, &added), CACI_OK);
    EXPECT_EQ(added, caci_doc_article_count(d.doc));
    const caci_article *a = caci_doc_article(d.doc, 0);
    id = caci_article_id(a);
    text = std::string(view(caci_article_text(a)));
  }  // document freed
  const caci_article *stored = caci_index_find(index, id);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(view(caci_article_text(stored)), text);
  EXPECT_EQ(caci_article_id(stored), id);
  caci_index_free(index);
}

}  // namespace
