// Versions, status names, options versioning, and NULL arguments on every function of caci.h.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <set>

namespace {

using capi_test::view;

TEST(CapiVersion, RuntimeMatchesHeader) {
  EXPECT_EQ(caci_version_number(), uint32_t(CACI_VERSION_NUMBER));
  EXPECT_STREQ(caci_version_string(), CACI_VERSION_STRING);
  EXPECT_EQ(CACI_VERSION_NUMBER,
            CACI_VERSION_MAJOR * 10000 + CACI_VERSION_MINOR * 100 + CACI_VERSION_PATCH);
  std::string expected = std::to_string(CACI_VERSION_MAJOR) + "." +
                         std::to_string(CACI_VERSION_MINOR) + "." +
                         std::to_string(CACI_VERSION_PATCH);
  EXPECT_EQ(expected, caci_version_string());
}

TEST(CapiVersion, UnicodeVersionLooksLikeAVersion) {
  const char *v = caci_unicode_version();
  ASSERT_NE(v, nullptr);
  EXPECT_GE(std::strlen(v), 5u);
  EXPECT_NE(std::strchr(v, '.'), nullptr);
}

TEST(CapiStatus, NamesArePinnedAndStatic) {
  EXPECT_STREQ(caci_status_str(CACI_OK), "CACI_OK");
  EXPECT_STREQ(caci_status_str(CACI_DONE), "CACI_DONE");
  EXPECT_STREQ(caci_status_str(CACI_EINVAL), "CACI_EINVAL");
  EXPECT_STREQ(caci_status_str(CACI_ENOMEM), "CACI_ENOMEM");
  EXPECT_STREQ(caci_status_str(CACI_EIO), "CACI_EIO");
  EXPECT_STREQ(caci_status_str(CACI_EUTF8), "CACI_EUTF8");
  EXPECT_STREQ(caci_status_str(CACI_ECORRUPT), "CACI_ECORRUPT");
  EXPECT_STREQ(caci_status_str(CACI_EVERSION), "CACI_EVERSION");
  EXPECT_STREQ(caci_status_str(CACI_EQUERY), "CACI_EQUERY");
  EXPECT_STREQ(caci_status_str(CACI_EBUFS), "CACI_EBUFS");
  EXPECT_STREQ(caci_status_str(CACI_ENOTFOUND), "CACI_ENOTFOUND");
  EXPECT_STREQ(caci_status_str(CACI_ERANGE), "CACI_ERANGE");
  EXPECT_STREQ(caci_status_str(CACI_EINTERNAL), "CACI_EINTERNAL");
  EXPECT_STREQ(caci_status_str(-100), "CACI_UNKNOWN");
  EXPECT_STREQ(caci_status_str(42), "CACI_UNKNOWN");
  // Pinned values (the ABI).
  EXPECT_EQ(CACI_OK, 0);
  EXPECT_EQ(CACI_DONE, 1);
  EXPECT_EQ(CACI_EINVAL, -1);
  EXPECT_EQ(CACI_EINTERNAL, -11);
}

TEST(CapiNames, KindsFlagsAndIds) {
  EXPECT_STREQ(caci_kind_name(CACI_KIND_ARTICLE), "article");
  EXPECT_STREQ(caci_kind_name(CACI_KIND_EXCERPT), "excerpt");
  EXPECT_STREQ(caci_kind_name(CACI_KIND_TEASER), "teaser");
  EXPECT_STREQ(caci_kind_name(CACI_KIND_DIGEST), "digest");
  EXPECT_EQ(caci_kind_name(-1), nullptr);
  EXPECT_EQ(caci_kind_name(4), nullptr);
  std::set<std::string> names;
  for (uint32_t bit = 0; bit < 32; ++bit) {
    const char *n = caci_flag_name(1u << bit);
    if (n) names.insert(n);
  }
  EXPECT_EQ(names.size(), 15u);  // bits 0-14, each with its own name
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_TEXT_OMITTED), "text_omitted");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_EMAIL_REDACTED), "email_redacted");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_GLUED_BYLINE), "glued_byline");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_QUOTES_FOLDED), "quotes_folded");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_PLACEHOLDER_AUTHOR), "placeholder_author");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_CATEGORY_INFERRED), "category_inferred");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_CP1252_DECODED), "cp1252_decoded");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_MOJIBAKE_REPAIRED), "mojibake_repaired");
  EXPECT_STREQ(caci_flag_name(CACI_FLAG_TITLE_FROM_LINK), "title_from_link");
  EXPECT_STREQ(caci_date_source_name(CACI_DATE_SOURCE_BYLINE), "byline");
  EXPECT_STREQ(caci_date_source_name(CACI_DATE_SOURCE_DIGEST_HEADING), "digest_heading");
  EXPECT_EQ(caci_date_source_name(CACI_DATE_SOURCE_NONE), nullptr);
  EXPECT_EQ(caci_date_source_name(6), nullptr);
  EXPECT_EQ(caci_date_source_name(-1), nullptr);
  EXPECT_EQ(caci_article_date_source(nullptr), CACI_DATE_SOURCE_NONE);
  EXPECT_EQ(caci_article_outlet(nullptr).ptr, nullptr);
  EXPECT_EQ(caci_flag_name(0), nullptr);
  EXPECT_EQ(caci_flag_name(CACI_FLAG_UNESCAPED | CACI_FLAG_TRUNCATED), nullptr);

  char id[17];
  std::memset(id, 'x', sizeof id);
  caci_id_format(0x0123456789abcdefull, id);
  EXPECT_STREQ(id, "0123456789abcdef");
  caci_id_format(0, id);
  EXPECT_STREQ(id, "0000000000000000");
  caci_id_format(1, nullptr);  // no crash
}

TEST(CapiOptions, InitFillsDefaults) {
  caci_parse_options po;
  std::memset(&po, 0xff, sizeof po);
  ASSERT_EQ(caci_parse_options_init(&po, CACI_PARSE_OPTIONS_VERSION), CACI_OK);
  EXPECT_EQ(po.version, uint32_t(CACI_PARSE_OPTIONS_VERSION));
  EXPECT_EQ(po.flags, 0u);

  caci_index_options io;
  ASSERT_EQ(caci_index_options_init(&io, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  EXPECT_FLOAT_EQ(io.k1, 1.2f);
  EXPECT_FLOAT_EQ(io.b, 0.75f);
  EXPECT_FLOAT_EQ(io.field_weights[CACI_FIELD_TITLE], 3.0f);
  EXPECT_FLOAT_EQ(io.field_weights[CACI_FIELD_AUTHORS], 2.0f);
  EXPECT_FLOAT_EQ(io.field_weights[CACI_FIELD_LEAD], 1.5f);
  EXPECT_FLOAT_EQ(io.field_weights[CACI_FIELD_SECTIONS], 1.0f);
  EXPECT_FLOAT_EQ(io.field_weights[CACI_FIELD_BIO], 0.5f);

  caci_search_options so;
  ASSERT_EQ(caci_search_options_init(&so, CACI_SEARCH_OPTIONS_VERSION), CACI_OK);
  caci_search_options init = CACI_SEARCH_OPTIONS_INIT;
  EXPECT_EQ(std::memcmp(&so, &init, sizeof so), 0);
  EXPECT_EQ(so.limit, 10u);
  EXPECT_EQ(so.snippet_bytes, 200u);
}

TEST(CapiOptions, UnknownVersionsAreRejected) {
  caci_parse_options po = CACI_PARSE_OPTIONS_INIT;
  caci_index_options io;
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  EXPECT_EQ(caci_parse_options_init(&po, 0), CACI_EVERSION);
  EXPECT_EQ(caci_parse_options_init(&po, CACI_PARSE_OPTIONS_VERSION + 1), CACI_EVERSION);
  EXPECT_EQ(caci_index_options_init(&io, 99), CACI_EVERSION);
  EXPECT_EQ(caci_search_options_init(&so, 2), CACI_EVERSION);
  EXPECT_EQ(caci_parse_options_init(nullptr, 1), CACI_EINVAL);
  EXPECT_EQ(caci_index_options_init(nullptr, 1), CACI_EINVAL);
  EXPECT_EQ(caci_search_options_init(nullptr, 1), CACI_EINVAL);

  caci_doc *doc = reinterpret_cast<caci_doc *>(&po);  // must be overwritten with NULL
  po.version = 2;
  EXPECT_EQ(caci_doc_new(&po, &doc), CACI_EVERSION);
  EXPECT_EQ(doc, nullptr);
  po.version = CACI_PARSE_OPTIONS_VERSION;
  po.flags = 0x80000000u;  // a flag this library does not know
  EXPECT_EQ(caci_doc_new(&po, &doc), CACI_EINVAL);
  EXPECT_EQ(doc, nullptr);

  ASSERT_EQ(caci_index_options_init(&io, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  caci_index *index = nullptr;
  io.version = 7;
  EXPECT_EQ(caci_index_new(&io, &index), CACI_EVERSION);
  EXPECT_EQ(index, nullptr);
  io.version = CACI_INDEX_OPTIONS_VERSION;
  io.b = 2.0f;
  EXPECT_EQ(caci_index_new(&io, &index), CACI_EINVAL);
  io.b = 0.75f;
  io.k1 = -1.0f;
  EXPECT_EQ(caci_index_new(&io, &index), CACI_EINVAL);
  EXPECT_EQ(index, nullptr);
}

TEST(CapiOptions, NullOptionsMeanDefaults) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  ASSERT_NE(doc, nullptr);
  caci_doc_free(doc);
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  ASSERT_NE(index, nullptr);
  caci_index_free(index);
}

TEST(CapiNull, FreeAcceptsNull) {
  caci_doc_free(nullptr);
  caci_index_free(nullptr);
  caci_results_free(nullptr);
  caci_doc_clear(nullptr);
}

TEST(CapiNull, DocumentFunctions) {
  EXPECT_EQ(caci_doc_new(nullptr, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_parse(nullptr, "f", 1, "x", 1), CACI_EINVAL);
  EXPECT_EQ(caci_doc_add_io_error(nullptr, "f", 1, "m", 1), CACI_EINVAL);
  EXPECT_EQ(caci_doc_article_count(nullptr), 0u);
  EXPECT_EQ(caci_doc_article(nullptr, 0), nullptr);
  EXPECT_EQ(caci_doc_diagnostic_count(nullptr), 0u);
  caci_diagnostic d;
  EXPECT_EQ(caci_doc_diagnostic(nullptr, 0, &d), CACI_EINVAL);
  caci_stats s;
  EXPECT_EQ(caci_doc_stats(nullptr, &s), CACI_EINVAL);
  caci_str json;
  EXPECT_EQ(caci_doc_to_json(nullptr, CACI_JSON, &json), CACI_EINVAL);

  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  EXPECT_EQ(caci_doc_parse(doc, nullptr, 3, "x", 1), CACI_EINVAL);
  EXPECT_EQ(caci_doc_parse(doc, "f", 1, nullptr, 5), CACI_EINVAL);
  EXPECT_EQ(caci_doc_parse(doc, nullptr, 0, nullptr, 0), CACI_OK);  // an empty, unnamed page
  EXPECT_EQ(caci_doc_add_io_error(doc, nullptr, 2, "m", 1), CACI_EINVAL);
  EXPECT_EQ(caci_doc_add_io_error(doc, "f", 1, nullptr, 1), CACI_EINVAL);
  EXPECT_EQ(caci_doc_diagnostic(doc, 0, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_diagnostic(doc, 1000, &d), CACI_EINVAL);
  EXPECT_EQ(caci_doc_stats(doc, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json(doc, CACI_JSON, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_to_json(doc, 7, &json), CACI_EINVAL);
  EXPECT_EQ(caci_doc_article(doc, 1000), nullptr);
  caci_doc_free(doc);
}

TEST(CapiNull, ArticleGettersYieldZeroAndNull) {
  const caci_article *a = nullptr;
  EXPECT_EQ(caci_article_id(a), 0u);
  EXPECT_EQ(caci_article_kind(a), 0);
  EXPECT_EQ(caci_article_category(a).ptr, nullptr);
  EXPECT_EQ(caci_article_title(a).ptr, nullptr);
  caci_date d = caci_article_date(a);
  EXPECT_EQ(d.year, 0);
  EXPECT_EQ(d.month, 0);
  EXPECT_EQ(d.day, 0);
  EXPECT_EQ(caci_article_author_count(a), 0u);
  EXPECT_EQ(caci_article_author_name(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_author_affiliation(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_author_honorific_count(a, 0), 0u);
  EXPECT_EQ(caci_article_author_honorific(a, 0, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_lead_count(a), 0u);
  EXPECT_EQ(caci_article_lead(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_photo_credit(a).ptr, nullptr);
  EXPECT_EQ(caci_article_section_count(a), 0u);
  EXPECT_EQ(caci_article_section_kind(a, 0), -1);
  EXPECT_EQ(caci_article_section_heading(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_section_paragraph_count(a, 0), 0u);
  EXPECT_EQ(caci_article_section_paragraph(a, 0, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_bio_count(a), 0u);
  EXPECT_EQ(caci_article_bio(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_link_count(a), 0u);
  EXPECT_EQ(caci_article_link_title(a, 0).ptr, nullptr);
  EXPECT_EQ(caci_article_flags(a), 0u);
  caci_source s = caci_article_source(a);
  EXPECT_EQ(s.file.ptr, nullptr);
  EXPECT_EQ(s.line, 0u);
  EXPECT_EQ(caci_article_duplicate_count(a), 0u);
  EXPECT_EQ(caci_article_duplicate(a, 0).file.ptr, nullptr);
  EXPECT_EQ(caci_article_text(a).ptr, nullptr);
}

TEST(CapiNull, IndexFunctions) {
  EXPECT_EQ(caci_index_new(nullptr, nullptr), CACI_EINVAL);
  size_t added = 99;
  EXPECT_EQ(caci_index_add_doc(nullptr, nullptr, &added), CACI_EINVAL);
  EXPECT_EQ(added, 0u);
  EXPECT_EQ(caci_index_remove(nullptr, 1), CACI_EINVAL);
  EXPECT_EQ(caci_index_article_count(nullptr), 0u);
  EXPECT_EQ(caci_index_find(nullptr, 1), nullptr);
  caci_str out;
  EXPECT_EQ(caci_index_save(nullptr, &out), CACI_EINVAL);
  caci_index *loaded = reinterpret_cast<caci_index *>(&out);
  EXPECT_EQ(caci_index_load(nullptr, 10, nullptr, &loaded), CACI_EINVAL);
  EXPECT_EQ(loaded, nullptr);
  EXPECT_EQ(caci_index_load("x", 1, nullptr, nullptr), CACI_EINVAL);
  EXPECT_NE(caci_last_load_error(), nullptr);
  size_t offset;
  EXPECT_EQ(caci_index_error(nullptr, &out, &offset), CACI_EINVAL);
  EXPECT_EQ(caci_index_article_json(nullptr, 1, &out), CACI_EINVAL);

  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  EXPECT_EQ(caci_index_add_doc(index, nullptr, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_save(index, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_article_json(index, 1, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_error(index, nullptr, nullptr), CACI_OK);
  caci_index_free(index);
}

TEST(CapiNull, SearchAndResultFunctions) {
  caci_results *r = reinterpret_cast<caci_results *>(&r);
  EXPECT_EQ(caci_index_search(nullptr, "x", 1, nullptr, &r), CACI_EINVAL);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(caci_index_search(nullptr, "x", 1, nullptr, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_results_total(nullptr), 0u);
  EXPECT_EQ(caci_results_count(nullptr), 0u);
  EXPECT_EQ(caci_results_article(nullptr, 0), nullptr);
  EXPECT_EQ(caci_results_score(nullptr, 0), 0.0);
  uint64_t s, e;
  EXPECT_EQ(caci_results_snippet(nullptr, 0, &s, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_highlight_count(nullptr, 0), 0u);
  EXPECT_EQ(caci_results_highlight(nullptr, 0, 0, &s, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_facet_count(nullptr, CACI_FACET_AUTHOR), 0u);
  caci_str v;
  uint64_t c;
  EXPECT_EQ(caci_results_facet(nullptr, CACI_FACET_AUTHOR, 0, &v, &c), CACI_EINVAL);

  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  EXPECT_EQ(caci_index_search(index, nullptr, 4, nullptr, &r), CACI_EINVAL);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.version = 0;
  EXPECT_EQ(caci_index_search(index, "x", 1, &so, &r), CACI_EVERSION);
  so.version = CACI_SEARCH_OPTIONS_VERSION;
  so.sort = 9;
  EXPECT_EQ(caci_index_search(index, "x", 1, &so, &r), CACI_EINVAL);
  so.sort = CACI_SORT_RELEVANCE;
  so.flags = 0x100;
  EXPECT_EQ(caci_index_search(index, "x", 1, &so, &r), CACI_EINVAL);
  EXPECT_EQ(r, nullptr);
  caci_index_free(index);
}

}  // namespace

TEST(CapiNames, ArticleCountries) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  const std::string page = "GEORGIA: PORTS\nBy Nora Holm\nBaku and Ganja; Batumi too.\n";
  ASSERT_EQ(caci_doc_parse(doc, "p.txt", 5, page.data(), page.size()), CACI_OK);
  const caci_article *a = caci_doc_article(doc, 0);
  ASSERT_NE(a, nullptr);
  const char *names[4] = {};
  const size_t n = caci_article_countries(a, names, 4);
  ASSERT_EQ(n, 2u);
  EXPECT_STREQ(names[0], "Georgia");
  EXPECT_STREQ(names[1], "Azerbaijan");
  EXPECT_EQ(caci_article_countries(a, nullptr, 0), 2u);  // count only
  const char *one[1] = {};
  EXPECT_EQ(caci_article_countries(a, one, 1), 2u);  // truncated to the capacity
  EXPECT_STREQ(one[0], "Georgia");
  EXPECT_EQ(caci_article_countries(nullptr, names, 4), 0u);
  EXPECT_EQ(caci_article_countries(a, nullptr, 4), 0u);  // NULL buffer with a capacity
  caci_doc_free(doc);
}
