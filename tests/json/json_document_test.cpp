// The document writer on hand-built documents: every contract field, null handling, dates,
// jsonl, tombstones. Independent of the parser.
#include "json_support.hpp"

#include <algorithm>
#include <sstream>

namespace {

using json_test::ArticleBuilder;

caci::Document sample_document() {
  caci::Document doc;
  caci::ArticleStore &st = doc.store;
  st.files = {"page1.txt", "page2.txt"};
  {
    ArticleBuilder b(st);
    b.author("Firstname Lastname", {"Dr."}, "Some University, Bishkek")
        .author("Other Person")
        .lead({"A lead paragraph with \"quotes\" and \u2014 a dash."})
        .photo("Someone")
        .section(caci::SectionKind::background, "BACKGROUND",
                 {"Background one.", "Background two."})
        .section(caci::SectionKind::implications, "IMPLICATIONS", {"Implications."})
        .section(caci::SectionKind::conclusions, "CONCLUSIONS", {"Conclusion."})
        .bio({"Firstname Lastname is a researcher."});
    b.a.kind = caci::ArticleKind::article;
    b.a.category = caci::Category::analytical_articles;
    b.a.date = {2025, 1, 29};
    b.a.flags = caci::flag_email_redacted | caci::flag_unescaped;
    b.a.source = {0, 1, 0, 1234};
    b.a.duplicates.push_back({1, 7, 500, 1734});
    b.done();
  }
  {
    ArticleBuilder b(st);
    b.title("A PDF PAPER").author("Third Author").lead({"Teaser lead."}).link("A Paper Title");
    b.a.kind = caci::ArticleKind::teaser;
    b.a.date = {0, 12, 2};  // a day without a year
    b.a.source = {1, 40, 2000, 2300};
    b.done();
  }
  {
    ArticleBuilder b(st);
    b.lead({"Month precision only."});
    b.a.kind = caci::ArticleKind::digest;
    b.a.category = caci::Category::news_digest;
    b.a.date = {2003, 3, 0};
    b.a.source = {1, 50, 2300, 2400};
    b.done();
  }
  caci::Diagnostic d;
  d.file = 1;
  d.line = 3;
  d.column = 7;
  d.byte_start = 42;
  d.byte_end = 43;
  d.severity = caci::Severity::warning;
  d.code = caci::DiagCode::invalid_utf8;
  d.message = json_test::put(st.meta, "invalid UTF-8 byte 0x92 replaced by U+FFFD");
  doc.diagnostics.push_back(d);
  doc.stats = {2400, 3, 1, 2100, 250, 50};
  return doc;
}

simdjson::dom::element parse(simdjson::dom::parser &parser, const std::string &json) {
  simdjson::dom::element root;
  auto err = parser.parse(json).get(root);
  EXPECT_EQ(err, simdjson::SUCCESS) << json;
  return root;
}

TEST(JsonDocument, EveryFieldMatchesTheModel) {
  caci::Document doc = sample_document();
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::json, out);
  json_test::expect_document_json(out, doc);
}

TEST(JsonDocument, ContractShapes) {
  caci::Document doc = sample_document();
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::json, out);
  simdjson::dom::parser parser;
  auto root = parse(parser, out);
  simdjson::dom::array articles = root["articles"].get_array();
  auto first = articles.at(0);
  EXPECT_EQ(json_test::str(first["date"]), "2025-01-29");
  EXPECT_TRUE(first["date_partial"].is_null());
  EXPECT_TRUE(first["title"].is_null());
  EXPECT_EQ(json_test::str(first["category"]), "Analytical Articles");
  EXPECT_EQ(json_test::str(first["authors"].at(0)["honorifics"].at(0)), "Dr.");
  EXPECT_TRUE(first["authors"].at(1)["affiliation"].is_null());
  EXPECT_EQ(json_test::str(first["sections"].at(2)["kind"]), "conclusions");
  EXPECT_EQ(json_test::str(first["flags"].at(0)), "email_redacted");
  EXPECT_EQ(json_test::str(first["flags"].at(1)), "unescaped");
  EXPECT_EQ(json_test::str(first["duplicates"].at(0)["file"]), "page2.txt");
  EXPECT_EQ(uint64_t(first["duplicates"].at(0)["line"]), 7u);

  auto teaser = articles.at(1);
  EXPECT_EQ(json_test::str(teaser["kind"]), "teaser");
  EXPECT_TRUE(teaser["date"].is_null());
  EXPECT_EQ(json_test::str(teaser["date_partial"]), "--12-02");
  EXPECT_TRUE(teaser["category"].is_null());
  EXPECT_EQ(json_test::str(teaser["title"]), "A PDF PAPER");
  EXPECT_EQ(json_test::str(teaser["links"].at(0)["kind"]), "pdf");
  EXPECT_EQ(json_test::str(teaser["links"].at(0)["title"]), "A Paper Title");

  auto digest = articles.at(2);
  EXPECT_TRUE(digest["date"].is_null());
  EXPECT_TRUE(digest["date_partial"].is_null());
  EXPECT_EQ(int64_t(digest["date_parts"]["year"]), 2003);
  EXPECT_EQ(int64_t(digest["date_parts"]["month"]), 3);
  EXPECT_TRUE(digest["date_parts"]["day"].is_null());

  auto diag = root["diagnostics"].at(0);
  EXPECT_EQ(json_test::str(diag["severity"]), "warning");
  EXPECT_EQ(json_test::str(diag["code"]), "invalid_utf8");
  auto stats = root["stats"];
  EXPECT_EQ(uint64_t(stats["bytes"]), uint64_t(stats["bytes_articles"]) +
                                          uint64_t(stats["bytes_boilerplate"]) +
                                          uint64_t(stats["bytes_unclassified"]));
}

TEST(JsonDocument, IdIsSixteenLowercaseHexDigits) {
  caci::Document doc = sample_document();
  std::string out;
  caci::write_article_json(doc.store, doc.store.articles[0], out);
  simdjson::dom::parser parser;
  auto root = parse(parser, out);
  std::string_view id = json_test::str(root["id"]);
  ASSERT_EQ(id.size(), 16u);
  for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
  uint64_t back = 0;
  ASSERT_TRUE(caci::parse_id(id, &back));
  EXPECT_EQ(back, doc.store.articles[0].id);
}

TEST(JsonDocument, JsonLinesHasOneArticlePerLine) {
  caci::Document doc = sample_document();
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::jsonl, out);
  std::istringstream lines(out);
  std::string line;
  size_t n = 0;
  simdjson::dom::parser parser;
  while (std::getline(lines, line)) {
    SCOPED_TRACE(line);
    auto root = parse(parser, line);
    json_test::expect_article_json(root, doc.store, doc.store.articles[n]);
    ++n;
  }
  EXPECT_EQ(n, doc.store.articles.size());
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
}

TEST(JsonDocument, DeletedArticlesAreSkipped) {
  caci::Document doc = sample_document();
  doc.store.articles[1].deleted = true;
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::json, out);
  json_test::expect_document_json(out, doc);
  std::string lines;
  caci::write_document_json(doc, caci::JsonFormat::jsonl, lines);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
}

TEST(JsonDocument, EmptyDocument) {
  caci::Document doc;
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::json, out);
  json_test::expect_document_json(out, doc);
  std::string lines;
  caci::write_document_json(doc, caci::JsonFormat::jsonl, lines);
  EXPECT_EQ(lines, "");
}

TEST(JsonDocument, AppendsToTheBufferAndIsDeterministic) {
  caci::Document doc = sample_document();
  std::string a, b = "x";
  caci::write_document_json(doc, caci::JsonFormat::json, a);
  caci::write_document_json(doc, caci::JsonFormat::json, b);
  EXPECT_EQ("x" + a, b);
}

TEST(JsonDocument, InvalidUtf8InFileNamesStillGivesValidJson) {
  caci::Document doc = sample_document();
  doc.store.files[0] = "bad\x92name.txt";
  std::string out;
  caci::write_document_json(doc, caci::JsonFormat::json, out);
  simdjson::dom::parser parser;
  auto root = parse(parser, out);
  EXPECT_EQ(json_test::str(root["articles"].at(0)["source"]["file"]), "bad\xEF\xBF\xBDname.txt");
}

}  // namespace
