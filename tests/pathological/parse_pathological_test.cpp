// Generated pathological pages: each must parse without a crash, in linear time (checked against a
// 10x smaller input in the same run), with every byte accounted for and valid JSON output.
#include "pathological_support.hpp"

#include <string>

using namespace caci_patho;

namespace {

constexpr size_t kMB = 1024 * 1024;

// A distinct capitalised name for each i ("Baa", "Bab", ...): names with digits are not bylines.
std::string letters_name(size_t i) {
  std::string name = "B";
  for (int k = 0; k < 4; ++k, i /= 26) name.push_back(static_cast<char>('a' + i % 26));
  return name;
}

std::string numbered_bylines(size_t n) {
  std::string s;
  s.reserve(n * 40);
  for (size_t i = 0; i < n; ++i) {
    s += "By Firstname";
    s += std::to_string(i);
    s += " Lastname (4/24/2002 issue of the CACI Analyst)\n";
  }
  return s;
}

const std::string kEntry = "By Jane Examplewoman\n"
                           "January 29, 2025\n"
                           "A made-up lead paragraph about pipelines.\n"
                           "BACKGROUND: Invented background text.\n"
                           "IMPLICATIONS: Invented implications.\n"
                           "CONCLUSIONS: Invented conclusion.\n"
                           "AUTHOR BIO: Jane Examplewoman is fictional.\n";

}  // namespace

TEST(PathologicalParse, EmptyFile) {
  const ParseOutcome r = parse_checked("");
  EXPECT_EQ(r.status, CACI_OK);
  EXPECT_EQ(r.articles, 0u);
  EXPECT_EQ(r.stats.bytes, 0u);
}

TEST(PathologicalParse, TenMegabyteSingleLine) {
  const std::string unit = "lorem ipsum dolor sit amet, BACKGROUND: By (x) \\' ";
  const std::string large = repeat(unit, 10 * kMB / unit.size());
  const std::string small = large.substr(0, large.size() / 10);
  ParseOutcome r = parse_checked(large);
  EXPECT_EQ(r.status, CACI_OK);
  expect_linear(
      "10 MB single line", [&] { parse_checked(small, 0, false); },
      [&] { parse_checked(large, 0, false); });
}

TEST(PathologicalParse, MillionBylineLines) {
  const std::string large = numbered_bylines(1000000);
  const std::string small = numbered_bylines(100000);
  const ParseOutcome r = parse_checked(large);
  EXPECT_EQ(r.status, CACI_OK);
  EXPECT_LE(r.articles, 1000000u);
  expect_linear(
      "a million bylines", [&] { parse_checked(small, 0, false); },
      [&] { parse_checked(large, 0, false); });
}

TEST(PathologicalParse, MillionProseLinesStartingWithBy) {
  const std::string large = repeat("By mid-October, journalists wrote more.\n", 1000000);
  const std::string small = repeat("By mid-October, journalists wrote more.\n", 100000);
  EXPECT_EQ(parse_checked(large).status, CACI_OK);
  expect_linear(
      "a million 'By' prose lines", [&] { parse_checked(small, 0, false); },
      [&] { parse_checked(large, 0, false); });
}

TEST(PathologicalParse, UnbalancedQuotesAndParentheses) {
  const char *const units[] = {"(",
                               ")",
                               "\"",
                               "\xe2\x80\x9c",
                               "By A. Author (the 05/02/2014 issue of ",
                               "\\",
                               "\\'",
                               "By (",
                               "((((By X (4/24/2002 issue of the CACI Analyst"};
  for (const char *unit : units) {
    const std::string large = repeat(unit, 2 * kMB / std::string_view(unit).size());
    const std::string small = large.substr(0, large.size() / 10);
    SCOPED_TRACE(unit);
    EXPECT_EQ(parse_checked(large).status, CACI_OK);
    expect_linear(
        std::string("unbalanced ") + unit, [&] { parse_checked(small, 0, false); },
        [&] { parse_checked(large, 0, false); });
  }
}

TEST(PathologicalParse, OnlyInvalidBytes) {
  std::string large;
  for (size_t i = 0; i < kMB / 4; ++i) large.push_back(static_cast<char>(0x80 + i % 0x80));
  const std::string small = large.substr(0, large.size() / 10);
  const ParseOutcome r = parse_checked(large);
  EXPECT_EQ(r.status, CACI_OK) << "invalid bytes become U+FFFD with a diagnostic, not a failure";
  EXPECT_GE(r.diagnostics, 1u);
  // Sane output: a run of bad bytes is reported, not echoed a hundredfold (no output
  // amplification).
  EXPECT_LE(r.json_bytes, 16 * large.size() + 65536)
      << r.diagnostics << " diagnostics for " << large.size() << " invalid bytes";
  EXPECT_EQ(parse_checked(small, CACI_PARSE_STRICT).status, CACI_EUTF8);
  expect_linear(
      "invalid bytes", [&] { parse_checked(small, 0, false); },
      [&] { parse_checked(large, 0, false); });
}

TEST(PathologicalParse, OnlyLineBreaksAndWhitespace) {
  // Lone CRs (old Mac line ends) included: each line break must not rescan the rest of the file.
  const char *const units[] = {"\n", "\r\n", "\r", " \xc2\xa0\t\n", "\r\r\n"};
  for (const char *unit : units) {
    SCOPED_TRACE(unit);
    const std::string large = repeat(unit, 400000 / std::string_view(unit).size());
    const std::string small = large.substr(0, large.size() / 10);
    const ParseOutcome r = parse_checked(large);
    EXPECT_EQ(r.status, CACI_OK);
    EXPECT_EQ(r.articles, 0u);
    expect_linear(
        "line breaks", [&] { parse_checked(small, 0, false); },
        [&] { parse_checked(large, 0, false); });
  }
}

TEST(PathologicalParse, ThousandsOfIdenticalEntries) {
  const std::string large = repeat(kEntry, 20000);
  const std::string small = repeat(kEntry, 2000);
  const ParseOutcome r = parse_checked(large);
  EXPECT_EQ(r.status, CACI_OK);
  EXPECT_EQ(r.articles, 1u) << "identical entries merge into one article";
  EXPECT_EQ(r.stats.duplicates, 19999u);
  expect_linear(
      "identical entries", [&] { parse_checked(small, 0, false); },
      [&] { parse_checked(large, 0, false); });
}

TEST(PathologicalParse, ManyDistinctEntriesInTwoFiles) {
  // Same page twice: every article of the second file is a duplicate of the first.
  std::string page;
  for (int i = 0; i < 3000; ++i) {
    page += "By " + letters_name(i) + " Person\nJanuary 29, 2025\nLead number " +
            std::to_string(i) + ".\nBACKGROUND: Text " + std::to_string(i) + ".\n";
  }
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  ASSERT_EQ(caci_doc_parse(doc, "a.txt", 5, page.data(), page.size()), CACI_OK);
  const size_t once = caci_doc_article_count(doc);
  ASSERT_EQ(caci_doc_parse(doc, "b.txt", 5, page.data(), page.size()), CACI_OK);
  EXPECT_EQ(caci_doc_article_count(doc), once);
  caci_stats stats{};
  ASSERT_EQ(caci_doc_stats(doc, &stats), CACI_OK);
  EXPECT_EQ(stats.bytes, 2 * page.size());
  EXPECT_EQ(stats.duplicates, once);
  EXPECT_EQ(once, 3000u);
  caci_doc_free(doc);
}
