// Bad input: invalid UTF-8, control bytes, BOM, CRLF, empty and blank pages. Never a crash; every
// byte accounted for; diagnostics carry file, line, 1-based byte column and byte span.
#include "parse_support.hpp"

using namespace caci;
using namespace caci_test;
using V = std::vector<std::string>;

namespace {
const char kArticle[] = "By Nora Holm\nA lead paragraph.\nBACKGROUND: Text.\n";
}

TEST(BadInput, LoneCp1252ApostropheIsDecodedAsItsCharacter) {
  std::string in = "By Nora Holm\nGeorgia\x92s lead paragraph.\nBACKGROUND: Text.\n";
  Parsed p = parse_bytes(in, "cp1252.txt");
  EXPECT_EQ(p.status, Status::ok);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0), V{"Georgia\u2019s lead paragraph."});  // FORMAT.md 2b: 0x92 is ’, not U+FFFD
  EXPECT_TRUE(p.flag(0, flag_cp1252_decoded));
  EXPECT_FALSE(p.flag(0, flag_invalid_utf8));
  EXPECT_EQ(p.diag_count(DiagCode::invalid_utf8), 0u);
  ASSERT_EQ(p.diag_count(DiagCode::cp1252_decoded), 1u);
  const Diagnostic *d = p.diag(DiagCode::cp1252_decoded);
  EXPECT_EQ(d->line, 2u);
  EXPECT_EQ(d->column, 8u);
  EXPECT_EQ(d->byte_start, in.find('\x92'));
  EXPECT_EQ(d->byte_end, d->byte_start + 1);
  EXPECT_EQ(d->severity, Severity::warning);
  EXPECT_NE(p.message(*d).find("0x92"), std::string::npos);
  EXPECT_EQ(p.st().file_name(d->file), "cp1252.txt");
}

TEST(BadInput, StrictParsesFullyButReturnsEutf8) {
  std::string in = "By Nora Holm\nGeorgia\x92s lead.\nBACKGROUND: Text.\n";
  Parsed p = parse_bytes(in, "strict.txt", parse_strict);
  EXPECT_EQ(p.status, Status::eutf8);
  ASSERT_EQ(p.size(), 1u);
  ASSERT_NE(p.diag(DiagCode::cp1252_decoded), nullptr);  // not UTF-8, even if it decodes
  EXPECT_EQ(p.diag(DiagCode::cp1252_decoded)->severity, Severity::error);
  Parsed ok = parse_bytes(kArticle, "strict-ok.txt", parse_strict);
  EXPECT_EQ(ok.status, Status::ok);
}

TEST(BadInput, DoubleEncodedRunStopsAtInvalidUtf8) {
  // C3 89 C2 8F is a double-encoded U+024F. The C3 C2 after it is not a character (C2 is no
  // continuation byte), so it must not be read as the next repaired sequence, C3 C2 C2 A0 taken
  // for a double-encoded U+00A0 (found by fuzz_parse: strict parsing returned OK for it).
  std::string in = "By Nora Holm\nA \xC3\x89\xC2\x8F\xC3\xC2\xC2\xA0 lead.\nBACKGROUND: Text.\n";
  Parsed p = parse_bytes(in, "run.txt");
  EXPECT_EQ(p.status, Status::ok);
  ASSERT_EQ(p.size(), 1u);
  // Each invalid byte one U+FFFD; C2 A0 (U+00A0) is normalised to a space.
  EXPECT_EQ(p.lead(0), V{"A \u024F\uFFFD\uFFFD lead."});
  ASSERT_EQ(p.diag_count(DiagCode::mojibake_repaired), 1u);
  ASSERT_EQ(p.diag_count(DiagCode::invalid_utf8), 1u);
  const Diagnostic *d = p.diag(DiagCode::invalid_utf8);
  EXPECT_EQ(d->byte_start, in.find("\xC3\xC2"));
  EXPECT_EQ(d->byte_end, d->byte_start + 2);
  EXPECT_TRUE(p.flag(0, flag_invalid_utf8));
  EXPECT_EQ(parse_bytes(in, "run.txt", parse_strict).status, Status::eutf8);
}

TEST(BadInput, MaximalInvalidSubpartsEachGetOneReplacement) {
  // E2 82 is a truncated 3-byte sequence (one U+FFFD); C0 and FF are invalid alone (one each).
  std::string in = std::string("By Nora Holm\nA\xE2\x82 B\xC0\xFF C.\n");
  Parsed p = parse_bytes(in);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0), V{"A\uFFFD B\uFFFD\uFFFD C."});
  // Adjacent bad sequences share one diagnostic whose span covers them all.
  ASSERT_EQ(p.diag_count(DiagCode::invalid_utf8), 2u);
  EXPECT_EQ(p.diag(DiagCode::invalid_utf8, 0)->byte_end -
                p.diag(DiagCode::invalid_utf8, 0)->byte_start,
            2u);
  EXPECT_EQ(p.diag(DiagCode::invalid_utf8, 1)->column, 6u);
  EXPECT_EQ(p.diag(DiagCode::invalid_utf8, 1)->byte_end -
                p.diag(DiagCode::invalid_utf8, 1)->byte_start,
            2u);
}

TEST(BadInput, TruncatedMultibyteAtEndOfFile) {
  std::string in = std::string(kArticle) + "More text \xE2\x80";
  Parsed p = parse_bytes(in);
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(p.diag_count(DiagCode::invalid_utf8), 1u);
  EXPECT_EQ(p.diag(DiagCode::invalid_utf8)->byte_end, in.size());
  EXPECT_EQ(p.section_paras(0, 0), (V{"Text.", "More text \uFFFD"}));
}

TEST(BadInput, NulAndControlBytes) {
  static const char raw[] = "By Nora Holm\nA\0B lead\x01 text.\n";
  std::string in(raw, sizeof raw - 1);
  Parsed p = parse_bytes(in);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0), V{"A\uFFFDB lead text."});
  ASSERT_EQ(p.diag_count(DiagCode::nul_byte), 1u);
  EXPECT_EQ(p.diag(DiagCode::nul_byte)->column, 2u);
  EXPECT_EQ(p.diag_count(DiagCode::control_char), 1u);
}

TEST(BadInput, EmptyFile) {
  Parsed p = parse_bytes("");
  EXPECT_EQ(p.status, Status::ok);
  EXPECT_EQ(p.size(), 0u);
  EXPECT_EQ(p.doc.stats.bytes, 0u);
  EXPECT_TRUE(p.doc.diagnostics.empty());
  EXPECT_EQ(p.st().files.size(), 1u);
}

TEST(BadInput, OnlyWhitespace) {
  Parsed p = parse_bytes("  \n\t\n\xC2\xA0\n\n   ");
  EXPECT_EQ(p.size(), 0u);
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, p.doc.stats.bytes);
  EXPECT_TRUE(p.doc.diagnostics.empty());
}

TEST(BadInput, BomAndCrlf) {
  std::string in = "\xEF\xBB\xBF"
                   "By Nora Holm\r\nA lead paragraph.\r\nBACKGROUND: Text.\r\n";
  Parsed p = parse_bytes(in);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.authors(0), V{"Nora Holm"});
  EXPECT_EQ(p.lead(0), V{"A lead paragraph."});
  EXPECT_EQ(p.at(0).source.byte_start, 3u);
  EXPECT_EQ(p.at(0).source.line, 1u);
  EXPECT_EQ(p.diag_count(DiagCode::bom), 1u);
  EXPECT_EQ(p.diag_count(DiagCode::crlf), 1u);  // once per file
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, 3u);
  // Same content as the LF version: same id.
  Parsed q = parse_bytes(kArticle);
  EXPECT_EQ(p.at(0).id, q.at(0).id);
}

TEST(BadInput, LoneCarriageReturnsEndLines) {
  Parsed p = parse_bytes("By Nora Holm\rA lead paragraph.\rBACKGROUND: Text.\r");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.lead(0), V{"A lead paragraph."});
  EXPECT_EQ(p.diag_count(DiagCode::crlf), 1u);
}

TEST(BadInput, BylineWithNoBody) {
  Parsed p = parse_bytes("By Nora Holm\nBy Per Dahl\nA lead.\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.diag_count(DiagCode::empty_article), 1u);
}

TEST(BadInput, InvalidBytesInsideGluedBylineLine) {
  std::string in = "By Nora Holm\nBACKGROUND: Caf\xE9 text.By Per Dahl (3/12/2003 issue of the "
                   "CACI Analyst)\nBACKGROUND: More.\n";
  Parsed p = parse_bytes(in);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.section_paras(0, 0), V{"Caf\uFFFD text."});
  EXPECT_TRUE(p.flag(1, flag_glued_byline));
  EXPECT_EQ(in.compare(size_t(p.at(1).source.byte_start), 3, "By "), 0);
}

TEST(BadInput, RandomBytesNeverBreakAccounting) {
  uint64_t x = 0x9e3779b97f4a7c15ull;
  for (int round = 0; round < 200; ++round) {
    std::string in;
    size_t n = size_t(round * 7 % 600);
    for (size_t i = 0; i < n; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      static const char *const pieces[] = {"By ",
                                           "Ana Lobo",
                                           "\n",
                                           "\r\n",
                                           "BACKGROUND: ",
                                           "\xE2\x80\x99",
                                           "\x92",
                                           "(4/24/2002 issue of the CACI Analyst)",
                                           ". ",
                                           "AUTHOR BIO: ",
                                           "Wednesday, 14 August 2002",
                                           "\xC2\xA0",
                                           "Read X (PDF)",
                                           "\0",
                                           "13 August",
                                           "TITLE"};
      const char *pc = pieces[x % 16];
      if (x % 16 == 13)
        in.push_back('\0');
      else
        in += pc;
      if (x % 5 == 0) in.push_back(char(x >> 24));
    }
    Parsed p = parse_bytes(in);  // asserts accounting and disjoint spans
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

TEST(BadInput, OneLetterLines) {
  // Regression (fuzzing): a line holding only "B" was read past its end.
  for (const char *in :
       {"B", "B\n", "By", "By \n", "A\nB\nC\nI\nP\nR\nT\nS\nF\nN\n", "By Ana Lobo\nB\n"}) {
    Parsed p = parse_bytes(in);
    EXPECT_EQ(p.status, Status::ok) << in;
  }
}

TEST(BadInput, GarbagePagesGetBoundedDiagnostics) {
  std::string in;
  for (int i = 0; i < 5000; ++i) in += "x\xFF\n";
  Parsed p = parse_bytes(in);
  EXPECT_EQ(p.status, Status::ok);
  // 200 listed one by one, then one summary carrying the count and the span of the rest.
  ASSERT_EQ(p.diag_count(DiagCode::invalid_utf8), 201u);
  const Diagnostic *last = p.diag(DiagCode::invalid_utf8, 200);
  EXPECT_NE(p.message(*last).find("4800 more"), std::string::npos) << p.message(*last);
  EXPECT_EQ(last->line, 201u);
  EXPECT_EQ(last->byte_end, in.size() - 1);
}

TEST(BadInput, FileOfLoneCarriageReturns) {
  Parsed p = parse_bytes(std::string(100000, '\r'));
  EXPECT_EQ(p.size(), 0u);
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, 100000u);
}
