// Smaller traps from FORMAT.md, each on an inline page.
#include "parse_support.hpp"

using namespace caci;
using namespace caci_test;
using V = std::vector<std::string>;

TEST(Traps, EmailCloakingWithoutEmailLabel) {
  Parsed p = parse_bytes("By Ana Lobo\nLead.\nAUTHOR BIO: Ana Lobo is an analyst. This email "
                         "address is being protected from spambots. "
                         "You need JavaScript enabled to view it.\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.bio(0), V{"Ana Lobo is an analyst."});
  EXPECT_TRUE(p.flag(0, flag_email_redacted));
  ASSERT_EQ(p.diag_count(DiagCode::email_redacted), 1u);
  const Diagnostic *d = p.diag(DiagCode::email_redacted);
  EXPECT_EQ(d->line, 3u);
  EXPECT_EQ(p.input.compare(size_t(d->byte_start), 10, "This email"), 0);
}

TEST(Traps, BioHeadingVariants) {
  for (const char *head : {"AUTHOR BIO:", "AUTHOR'S BIO:", "AUTHORS' BIO:", "AUTHOR\u2019S BIO:",
                           "AUTHORS\u2019 BIO:", "AUTHOR BIO :"}) {
    Parsed p = parse_bytes(std::string("By Ana Lobo\nLead.\n") + head + " Ana Lobo writes.\n");
    ASSERT_EQ(p.size(), 1u) << head;
    EXPECT_EQ(p.bio(0), V{"Ana Lobo writes."}) << head;
    EXPECT_EQ(p.lead(0), V{"Lead."}) << head;
  }
}

TEST(Traps, SectionHeadingSpacing) {
  Parsed p = parse_bytes("By Ana Lobo\nBACKGROUND:Zero.\nIMPLICATIONS: One.\nCONCLUSION:  Two.\n");
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(p.section_count(0), 3u);
  EXPECT_EQ(p.section_paras(0, 0), V{"Zero."});
  EXPECT_EQ(p.section_paras(0, 1), V{"One."});
  EXPECT_EQ(p.section_paras(0, 2), V{"Two."});
  EXPECT_EQ(p.heading(0, 2), "CONCLUSION");
}

TEST(Traps, HeadingAloneOnItsLine) {
  Parsed p = parse_bytes("By Ana Lobo\nBACKGROUND:\nFirst paragraph.\nIMPLICATIONS:\nSecond.\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.section_paras(0, 0), V{"First paragraph."});
  EXPECT_EQ(p.section_paras(0, 1), V{"Second."});
}

TEST(Traps, ShortLineBeforeFirstBylineIsNotATitle) {
  // Mixed-case titles only follow a date header or a category line.
  Parsed p = parse_bytes("Home page navigation\nBy Ana Lobo\nLead.\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(p.title(0).empty());
  EXPECT_EQ(p.diag_count(DiagCode::unclassified), 1u);
  Parsed q = parse_bytes("Published in Field Reports\nA Mixed Case Title\nBy Ana Lobo\nLead.\n");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q.title(0), "A Mixed Case Title");
  EXPECT_EQ(q.at(0).category, Category::field_reports);
}

TEST(Traps, CapsTitleEndsThePreviousArticle) {
  Parsed p = parse_bytes(
      "By Ana Lobo\nBACKGROUND: One.\nUZBEKISTAN: A NEW LAW\nBy Per Dahl\nBACKGROUND: Two.\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.section_paras(0, 0), V{"One."});
  EXPECT_EQ(p.title(1), "UZBEKISTAN: A NEW LAW");
  EXPECT_EQ(p.at(1).source.line, 3u);
}

TEST(Traps, CapsLineInsideArticleStaysText) {
  Parsed p = parse_bytes("By Ana Lobo\nBACKGROUND: One.\nNATO AND THE EU\nMore text.\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.section_paras(0, 0), (V{"One.", "NATO AND THE EU", "More text."}));
}

TEST(Traps, DigestItemsWithFullDates) {
  Parsed p = parse_bytes("News Digest\nPIPELINE TALKS RESUME\nAugust 13, 2002\nText of the item. "
                         "(Wire)\nSECOND ITEM\nAugust 12, 2002\nMore. (Wire)\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.at(0).kind, ArticleKind::digest);
  date_is(p.at(0), 2002, 8, 13);
  EXPECT_FALSE(p.flag(0, flag_date_from_header));
  EXPECT_EQ(p.title(1), "SECOND ITEM");
}

TEST(Traps, DigestWithoutHeaderYearIsPartial) {
  Parsed p =
      parse_bytes("News Digest\nPIPELINE TALKS RESUME\n13 August\nText of the item. (Wire)\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(p.at(0).date.partial());
  EXPECT_EQ(p.diag_count(DiagCode::year_less_date), 1u);
}

TEST(Traps, DigestYearRollsBackAcrossNewYear) {
  Parsed p = parse_bytes(
      "News Digest\nWednesday, 8 January 2003\nITEM FROM DECEMBER\n30 December\nText. (Wire)\n");
  ASSERT_EQ(p.size(), 1u);
  date_is(p.at(0), 2002, 12, 30);
}

TEST(Traps, HeaderDateDoesNotOverrideOwnDate) {
  Parsed p = parse_bytes("Wednesday, 14 August 2002\nBy Ana Lobo (8/21/2002 issue of the CACI "
                         "Analyst)\nBACKGROUND: Text.\n");
  ASSERT_EQ(p.size(), 1u);
  date_is(p.at(0), 2002, 8, 21);
  EXPECT_FALSE(p.flag(0, flag_date_from_header));
}

TEST(Traps, TwoDigitYearAndMonthOnlyDates) {
  Parsed p = parse_bytes("By Ana Lobo (4/24/02 issue of the CACI Analyst)\nBACKGROUND: Text.\n");
  ASSERT_EQ(p.size(), 1u);
  date_is(p.at(0), 2002, 4, 24);
}

TEST(Traps, BylineLookalikesStayProse) {
  Parsed p = parse_bytes("By Ana Lobo\nLead.\nBy Tuesday, the talks had collapsed.\nBy The Way Of "
                         "Comparison, prices rose.\nBy 2010.\n"
                         "by now everyone knew.\nBy Ana\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0).size(), 6u);
}

TEST(Traps, HonorificsAreNotNames) {
  Parsed p = parse_bytes("By Prof. Dr. Anna Berg, PhD, and Lt. Col. Per Lind (ret.)\nLead.\n");
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(p.authors(0), (V{"Anna Berg", "Per Lind"}));
  EXPECT_EQ(p.honorifics(0, 0), (V{"Prof.", "Dr.", "PhD"}));
  EXPECT_EQ(p.honorifics(0, 1), (V{"Lt.", "Col.", "(ret.)"}));
}

TEST(Traps, ImageFileNamesAreDropped) {
  Parsed p = parse_bytes("By Ana Lobo\nLead.\nphoto_2019-05.JPG\nBACKGROUND: Text.\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.text(0), "Lead.\nText.\n");
  EXPECT_TRUE(p.photo(0).empty());
  EXPECT_EQ(p.doc.stats.bytes_articles, p.input.size());
}

TEST(Traps, FooterLineVariants) {
  for (const char *footer :
       {"Sign up for upcoming events, latest news, and articles from the CACI Analyst.",
        "Sign up for upcoming events, latest news and articles from the CACI Analyst",
        "Sign up for upcoming events, latest news and articles from the CACI Analyst\n"}) {
    Parsed p = parse_bytes(std::string("By Ana Lobo\nLead.\n") + footer);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p.text(0), "Lead.\n");
    EXPECT_EQ(p.doc.stats.bytes_boilerplate, std::string(footer).size());
  }
}

TEST(Traps, ManyPagesIntoOneDocumentKeepIdsUnique) {
  Document doc;
  std::vector<std::string> pages;
  for (int i = 0; i < 300; ++i)
    pages.push_back("By Ana Lobo\nArticle number " + std::to_string(i % 150) +
                    ".\nBACKGROUND: Text.\n");
  for (size_t i = 0; i < pages.size(); ++i)
    ASSERT_EQ(parse_page(doc, "p" + std::to_string(i), pages[i]), Status::ok);
  EXPECT_EQ(doc.store.articles.size(), 150u);
  EXPECT_EQ(doc.stats.duplicates, 150u);
  for (const Article &a : doc.store.articles) EXPECT_EQ(a.duplicates.size(), 1u);
  expect_accounted(doc);
}
