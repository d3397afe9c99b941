// One test per layout family of FORMAT.md sections 1-2, on the fixtures in tests/data/fixtures.
#include "parse_support.hpp"

using namespace caci;
using namespace caci_test;
using V = std::vector<std::string>;

TEST(Layout, OldDatedBylineWithCapsTitleAndPublishedInBefore) {
  Parsed p = parse_fixture("2002-dated-byline.txt");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.title(0), "KAZAKHSTAN: NEW PIPELINE TALKS STALL");  // a COUNTRY: title, not a section
  EXPECT_EQ(p.authors(0), V{"Anna Veldt"});
  date_is(p.at(0), 2002, 4, 24);
  EXPECT_FALSE(p.flag(0, flag_date_ambiguous));
  EXPECT_EQ(p.at(0).category, Category::analytical_articles);
  EXPECT_EQ(p.at(0).kind, ArticleKind::article);
  ASSERT_EQ(p.section_count(0), 3u);
  EXPECT_EQ(p.heading(0, 0), "BACKGROUND");
  EXPECT_EQ(p.section(0, 1).kind, SectionKind::implications);
  EXPECT_EQ(p.section_paras(0, 1), V{"The delay leaves the region's producers dependent on "
                                     "existing routes for at least another year."});
  EXPECT_EQ(p.section(0, 2).kind, SectionKind::conclusions);
  EXPECT_EQ(p.heading(0, 2), "CONCLUSIONS");
  EXPECT_EQ(p.section_paras(0, 2),
            V{"A compromise on tariffs remains possible, but not before the autumn."});
  EXPECT_EQ(p.bio(0), V{"Anna Veldt is a researcher at an imaginary institute in Uppsala."});
  EXPECT_TRUE(p.lead(0).empty());

  EXPECT_EQ(p.title(1), "THE ROAD TO TERMEZ");
  EXPECT_EQ(p.at(1).category, Category::field_reports);
  EXPECT_EQ(p.authors(1), V{"Piet Marlow"});
  EXPECT_EQ(p.honorifics(1, 0), (V{"Dr.", "Ph.D."}));
  date_is(p.at(1), 2003, 3, 12);  // zero-padded month-first
  EXPECT_EQ(p.heading(1, 0), "BACKROUND");
  EXPECT_EQ(p.section(1, 0).kind, SectionKind::background);
  // Category lines are boilerplate; the article span starts at the title.
  EXPECT_EQ(p.at(0).source.line, 2u);
  EXPECT_EQ(p.at(0).source.byte_start, 33u);
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
}

TEST(Layout, ArticleTextIsTitleLeadSectionsBioInOrder) {
  Parsed p = parse_fixture("2002-dated-byline.txt");
  EXPECT_EQ(p.text(0), "KAZAKHSTAN: NEW PIPELINE TALKS STALL\n"
                       "Talks between Astana and its partners on a second export pipeline stalled "
                       "this month after the parties failed to agree on tariffs.\n"
                       "The consortium had hoped to sign a framework deal before the summer.\n"
                       "The delay leaves the region's producers dependent on existing routes for "
                       "at least another year.\n"
                       "A compromise on tariffs remains possible, but not before the autumn.\n"
                       "Anna Veldt is a researcher at an imaginary institute in Uppsala.\n");
}

TEST(Layout, TheMeansDayFirstConfirmedByWednesday) {
  Parsed p = parse_fixture("2014-day-first.txt");
  ASSERT_EQ(p.size(), 3u);
  date_is(p.at(0), 2014, 2, 5);  // 05/02/2014 day-first: Wednesday 5 February
  EXPECT_FALSE(p.flag(0, flag_date_ambiguous));
  date_is(p.at(1), 2014, 4, 3);  // 03/04/2014: neither reading is a Wednesday
  EXPECT_TRUE(p.flag(1, flag_date_ambiguous));
  // No "By", only the dated parenthesis; two authors.
  EXPECT_EQ(p.authors(2), (V{"Lena Orbeli", "Temur Rashidov"}));
  date_is(p.at(2), 2014, 3, 19);
  EXPECT_FALSE(p.flag(2, flag_date_ambiguous));  // 19 cannot be a month
}

TEST(Layout, WeekdayHeadersGiveDatesAndMixedCaseTitles) {
  Parsed p = parse_fixture("weekday-headers.txt");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.title(0), "Herders Return to the High Pastures");
  date_is(p.at(0), 2002, 8, 14);
  EXPECT_TRUE(p.flag(0, flag_date_from_header));
  EXPECT_EQ(p.title(1), "Second Entry Under Its Own Header");  // header with " 00:00"
  date_is(p.at(1), 2002, 8, 28);
  EXPECT_EQ(p.section_count(1), 0u);
  EXPECT_EQ(p.lead(1), V{"Field report text without any headings, written as a single paragraph."});
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
  EXPECT_GT(p.doc.stats.bytes_boilerplate, 50u);  // both headers and the blank line
}

TEST(Layout, CategoryAfterEntryAndAnalystDates) {
  Parsed p = parse_fixture("2015-category-after.txt");
  ASSERT_EQ(p.size(), 2u);
  date_is(p.at(0), 2015, 10, 12);
  EXPECT_EQ(p.at(0).category, Category::analytical_articles);
  EXPECT_EQ(p.lead(0), V{"A new cabinet was sworn in on Monday after weeks of negotiation."});
  EXPECT_EQ(p.at(1).category, Category::field_reports);
  // "December 2nd, the CACI Analyst": a partial date, never a guessed year.
  EXPECT_EQ(p.at(1).date.year, 0);
  EXPECT_EQ(p.at(1).date.month, 12);
  EXPECT_EQ(p.at(1).date.day, 2);
  EXPECT_TRUE(p.at(1).date.partial());
  ASSERT_EQ(p.diag_count(DiagCode::year_less_date), 1u);
  EXPECT_EQ(p.diag(DiagCode::year_less_date)->line, 9u);
}

TEST(Layout, NewsDigestItems) {
  Parsed p = parse_fixture("news-digest.txt");
  ASSERT_EQ(p.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(p.at(i).kind, ArticleKind::digest);
    EXPECT_EQ(p.at(i).category, Category::news_digest);
    EXPECT_EQ(p.section_count(i), 0u);
    EXPECT_TRUE(p.authors(i).empty());
  }
  EXPECT_EQ(p.title(0), "KAZAKHSTAN AND KYRGYZSTAN SIGN WATER ACCORD");
  date_is(p.at(0), 2002, 8, 13);  // day and month; year from the dated heading
  EXPECT_TRUE(p.flag(0, flag_date_from_header));
  EXPECT_EQ(p.lead(0), V{"The two governments signed an agreement on sharing the waters of a "
                         "border river. (Imaginary News Agency)"});
  EXPECT_EQ(p.title(1), "Georgian parliament debates new tax code");
  date_is(p.at(1), 2002, 8, 12);
}

TEST(Layout, ExcerptListingAndTruncation) {
  Parsed p = parse_fixture("excerpt-listing.txt");
  ASSERT_EQ(p.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(p.at(i).kind, ArticleKind::excerpt);
    EXPECT_EQ(p.at(i).category, Category::analytical_articles);
  }
  EXPECT_TRUE(p.flag(0, flag_truncated));   // "... of the U."
  EXPECT_FALSE(p.flag(1, flag_truncated));  // a full sentence
  EXPECT_TRUE(p.flag(2, flag_truncated));   // "i.e."
  EXPECT_EQ(p.title(1), "A QUIET ELECTION");
}

// An ALL CAPS title that starts with a number or a quote still ends the excerpt above it: it was
// read as a second BACKGROUND paragraph, which turned the excerpt into an article.
TEST(Layout, TitleStartingWithDigitOrQuoteEndsTheExcerptAbove) {
  Parsed p = parse_fixture("excerpt-numeric-title.txt");
  ASSERT_EQ(p.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(p.at(i).kind, ArticleKind::excerpt) << i;
    EXPECT_EQ(p.section_count(i), 1u) << i;
    EXPECT_EQ(p.section_paras(i, 0).size(), 1u) << i;
    EXPECT_TRUE(p.flag(i, flag_truncated)) << i;  // "of the U.", "...", "i.e."
  }
  EXPECT_EQ(p.authors(0), V{"Daniyar Omarov"});
  EXPECT_EQ(p.affiliation(0, 0), "Almaty");
  EXPECT_EQ(p.at(0).category, Category::analytical_articles);
  EXPECT_EQ(p.title(1), "1000 DAYS OF THE NEW CUSTOMS REGIME");
  EXPECT_EQ(p.title(2), "\"STABILITY\" AS A CAMPAIGN SLOGAN");
  // The title line starts the next entry; the blank lines before it are not part of the excerpt.
  EXPECT_EQ(p.at(1).source.byte_start, p.input.find("1000 DAYS"));
  EXPECT_EQ(p.at(0).source.byte_end, p.input.find("U.\n") + 3);
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
}

TEST(Layout, GluedBylinesSplitMidLine) {
  Parsed p = parse_fixture("glued-byline.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.section_paras(0, 0), V{"The first article ends here with a full sentence."});
  EXPECT_FALSE(p.flag(0, flag_glued_byline));
  EXPECT_EQ(p.authors(1), V{"Jonas Eklund"});
  date_is(p.at(1), 2003, 3, 17);
  EXPECT_TRUE(p.flag(1, flag_glued_byline));
  // The glued byline's bytes belong to the new article.
  const std::string &in = p.input;
  EXPECT_EQ(in.compare(size_t(p.at(1).source.byte_start), 16, "By Jonas Eklund "), 0);
  EXPECT_EQ(p.at(0).source.byte_end, p.at(1).source.byte_start);
  EXPECT_EQ(p.at(1).source.line, 2u);
  EXPECT_EQ(p.section_paras(1, 1), V{"Nothing else is glued here."});
  EXPECT_EQ(p.authors(2), V{"Marta Kowal"});
  EXPECT_TRUE(p.flag(2, flag_glued_byline));
}

// "...the pipeline has. By A. Author (06/19/2002 issue of the CACI Analyst)": a byline glued after
// a space is split too when the dated parenthesis ends the line; ". By " in prose is not.
TEST(Layout, GluedBylinesAfterASpace) {
  Parsed p = parse_fixture("glued-byline-spaced.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(
      p.section_paras(0, 0),
      V{"Construction slowed after the spring floods, and the consortium says the pipeline has."});
  EXPECT_FALSE(p.flag(0, flag_glued_byline));

  EXPECT_EQ(p.authors(1), V{"Jonas Eklund"});
  date_is(p.at(1), 2002, 6, 19);
  EXPECT_TRUE(p.flag(1, flag_glued_byline));
  EXPECT_EQ(p.at(1).source.line, 2u);
  EXPECT_EQ(p.at(1).source.byte_start, p.input.find("By Jonas Eklund"));
  EXPECT_EQ(p.at(0).source.byte_end, p.at(1).source.byte_start);
  EXPECT_EQ(p.section_paras(1, 0),
            V{"The second article starts after a byline glued with a space."});

  // Two spaces before "By", two authors and a location.
  EXPECT_EQ(p.authors(2), (V{"Marta Kowal", "Ilya Brandt"}));
  EXPECT_EQ(p.affiliation(2, 1), "Tbilisi");
  date_is(p.at(2), 2002, 7, 3);
  EXPECT_TRUE(p.flag(2, flag_glued_byline));
  EXPECT_EQ(p.at(2).source.byte_start, p.input.find("By Marta Kowal"));
  // Prose with ". By " and no dated parenthesis stays in the paragraph, even "By <Name>".
  ASSERT_EQ(p.section_count(2), 2u);
  EXPECT_EQ(p.section_paras(2, 0),
            V{"The third article follows a byline glued with two spaces. By then the talks had "
              "stalled. By March the border was closed. By Selin Kaya"});
  EXPECT_EQ(p.section_paras(2, 1), V{"Prose with a full stop before By stays. By Selin Kaya of the "
                                     "ministry (quoted in the press)."});
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
}

TEST(Layout, TeaserListing2025) {
  Parsed p = parse_fixture("teaser-2025.txt");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.at(0).kind, ArticleKind::teaser);
  EXPECT_EQ(p.authors(0), V{"Rustam Qodirov"});  // an author line with no "By", then a date line
  date_is(p.at(0), 2025, 1, 29);
  EXPECT_EQ(p.links(0), V{"Thirsty Fields: Water and Farming in the Lower Basin"});
  EXPECT_EQ(p.st().links[p.at(0).links.begin].kind, LinkKind::pdf);
  EXPECT_EQ(p.lead(0).size(), 1u);
  EXPECT_EQ(p.authors(1), V{"Elif Yavuz"});
  EXPECT_EQ(p.links(1), V{"Ports and Corridors"});
  // A teaser with no title of its own takes its PDF's title (FORMAT.md 3); the id does not change.
  EXPECT_EQ(p.title(1), "Ports and Corridors");
  EXPECT_TRUE(p.flag(1, flag_title_from_link));
  EXPECT_EQ(p.text(1), "Ports and Corridors\nA short lead for a second teaser on the page.\n");
}

TEST(Layout, ProseStartingWithByIsNotAByline) {
  Parsed p = parse_fixture("by-prose.txt");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0),
            V{"By mid-October, journalists had left the region and the roads were closed."});
  EXPECT_EQ(p.section_paras(0, 0), (V{"By the end of the year the situation had stabilised.",
                                      "By 2005 the project was finished.",
                                      "By contrast, the northern provinces saw no fighting."}));
}

TEST(Layout, CoauthorsHonorificsAffiliations) {
  Parsed p = parse_fixture("coauthors-honorifics.txt");
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p.authors(0), (V{"Aliya Serikbayeva", "Ruslan Tokhtarov"}));
  EXPECT_EQ(p.honorifics(0, 0), V{"Dr."});
  EXPECT_EQ(p.honorifics(0, 1), (V{"Col.", "PhD"}));
  EXPECT_EQ(p.authors(1), V{"Nino Kapanadze"});
  EXPECT_EQ(p.affiliation(1, 0), "Georgia");
  date_is(p.at(1), 2003, 6, 4);
  EXPECT_EQ(p.authors(2), V{"Azamat Jumabaev"});
  EXPECT_EQ(p.affiliation(2, 0), "student, Some University, Bishkek");
  EXPECT_EQ(p.authors(3), (V{"Ivan Petrov", "Sara Lind"}));
  EXPECT_EQ(p.authors(4), (V{"Jon Ek", "Mia Berg", "Eva Holm"}));
  EXPECT_TRUE(p.affiliation(4, 2).empty());
}

TEST(Layout, PhotoCredits) {
  Parsed p = parse_fixture("photo-credits.txt");
  ASSERT_EQ(p.size(), 4u);
  // The credit holds what follows the label, without the final full stop.
  EXPECT_EQ(p.photo(0), "Kamil Ibragimov");
  EXPECT_EQ(p.photo(1), "Ministry of Transport");
  EXPECT_EQ(p.photo(2), "Svetlana Orlova");
  EXPECT_EQ(p.photo(3),
            "Imaginary Wire | Protesters gather outside parliament");  // pipe caption kept whole
  // Credits and image file names are not article text.
  EXPECT_EQ(p.text(3), "A lead paragraph.\nText.\n");
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
}

TEST(Layout, FooterGluedToLastParagraph) {
  for (const char *name : {"footers.txt", "footer-signup-glued.txt"}) {
    Parsed p = parse_fixture(name);
    ASSERT_EQ(p.size(), 1u) << name;
    EXPECT_EQ(p.bio(0), V{"Timur Akhmedov is an invented analyst."}) << name;
    EXPECT_EQ(p.at(0).source.byte_end, p.input.find("is an invented analyst.") + 23) << name;
    EXPECT_EQ(p.doc.stats.bytes_boilerplate, p.input.size() - p.at(0).source.byte_end) << name;
    EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u) << name;
  }
}

TEST(Layout, BlankAndWhitespaceLines) {
  Parsed p = parse_fixture("blank-lines.txt");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.authors(0), V{"Selin Kaya"});
  EXPECT_EQ(p.lead(0), V{"A lead paragraph with double spaces."});
  EXPECT_EQ(p.section_paras(0, 0), V{"After blank lines."});
  EXPECT_EQ(p.section_paras(0, 1), V{"Text."});
  EXPECT_EQ(p.at(0).source.line, 3u);
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, 4u);  // two leading and two trailing newlines
}

TEST(Layout, SameEntryTwiceInARow) {
  Parsed p = parse_fixture("duplicates-in-row.txt");
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(p.at(0).duplicates.size(), 1u);
  EXPECT_EQ(p.at(0).duplicates[0].line, 4u);
  EXPECT_EQ(p.at(0).duplicates[0].byte_start, 100u);
  EXPECT_EQ(p.doc.stats.duplicates, 1u);
  EXPECT_EQ(p.doc.stats.articles, 1u);
  EXPECT_EQ(p.diag_count(DiagCode::duplicate), 1u);
  // The discarded copy left nothing behind in the store.
  EXPECT_EQ(p.st().paragraphs.size(), 2u);
  EXPECT_EQ(p.st().body.size(), p.at(0).text.length);
}

TEST(Layout, EscapesAndDecomposedNames) {
  Parsed p = parse_fixture("escapes-nfd.txt");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.authors(0), (V{"Maria Londo\u00f1o", "Sven Swanstr\u00f6m"}));
  EXPECT_EQ(p.lead(0),
            V{"Georgia's leaders called the move \"historic\" and backslashes \\ stay single."});
  EXPECT_EQ(p.section_paras(0, 0), V{"The towns of A\u011fdam and \u015eu\u015fa appear in "
                                     "decomposed form; T\u00fcrkiye is precomposed."});
  EXPECT_TRUE(p.flag(0, flag_unescaped));
  EXPECT_TRUE(p.flag(0, flag_nfc_changed));
}

TEST(Layout, TextBeforeFirstBylineIsUnclassified) {
  Parsed p = parse_fixture("unclassified.txt");
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(p.diag_count(DiagCode::unclassified), 1u);
  const Diagnostic *d = p.diag(DiagCode::unclassified);
  EXPECT_EQ(d->line, 1u);
  EXPECT_EQ(d->column, 1u);
  EXPECT_EQ(d->byte_start, 0u);
  EXPECT_EQ(d->byte_end, p.input.find("By Lars"));
  EXPECT_EQ(p.doc.stats.bytes_unclassified, d->byte_end);
}

TEST(Layout, SectionNameAtTopOfPage) {
  Parsed p = parse_fixture("page-section-top.txt");
  ASSERT_EQ(p.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(p.at(i).category, Category::field_reports);
    EXPECT_EQ(p.at(i).kind, ArticleKind::article);
    EXPECT_EQ(p.section_count(i), 0u);
  }
  EXPECT_EQ(p.lead(0).size(), 2u);
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, 14u);  // "Field Reports\n"
}

TEST(Layout, TyposStay) {
  Parsed p = parse_fixture("typos-kept.txt");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(
      p.lead(0),
      V{"The railway promises to enhance trade across Central xAsia. China' has remained silent."});
}

TEST(Layout, FoldQuotesOption) {
  Parsed p = parse_bytes("By Ana Lobo\n\u2018Quoted\u2019 and \u201cdouble\u201d with `ticks`.\n",
                         "q.txt", parse_fold_quotes);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0), V{"'Quoted' and \"double\" with 'ticks'."});
  EXPECT_TRUE(p.flag(0, flag_quotes_folded));
  Parsed q = parse_bytes("By Ana Lobo\n\u2018Quoted\u2019 text.\n");
  EXPECT_EQ(q.lead(0), V{"\u2018Quoted\u2019 text."});  // typographic quotes are kept by default
}

TEST(Layout, IdsAreStableAndContentBased) {
  Parsed a = parse_fixture("2002-dated-byline.txt");
  Parsed b = parse_fixture("2002-dated-byline.txt");
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.at(i).id, b.at(i).id);
    EXPECT_EQ(a.at(i).id, content_id(a.st(), a.at(i)));
    EXPECT_EQ(a.at(i).store, &a.st());
  }
  EXPECT_NE(a.at(0).id, a.at(1).id);
}

TEST(Layout, FileNameRegisteredOncePerPage) {
  Parsed p = parse_fixture("teaser-2025.txt");
  ASSERT_EQ(p.st().files.size(), 1u);
  EXPECT_EQ(p.st().files[0], "teaser-2025.txt");
  for (const Article &a : p.st().articles) EXPECT_EQ(a.source.file, 0u);
}
