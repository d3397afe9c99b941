// normalize_append: escapes, whitespace, NFC, quote folding, idempotence; utf8_valid.
#include "caci/core/normalize.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace caci;

namespace {

std::string norm(const std::string &in, bool fold = false, NormalizeReport *rep = nullptr) {
  NormalizeOptions o;
  o.fold_quotes = fold;
  std::string out;
  normalize_append(out, in, o, rep);
  return out;
}

const std::vector<std::string> &samples() {
  static const std::vector<std::string> v = {
      "",
      "   ",
      "plain ASCII text.",
      "  leading and trailing  ",
      "double  spaces\tand\ttabs\nand newlines",
      "no\u00a0break\u00a0\u00a0space and \u2003em space and \u3000ideographic",
      "\u00a0\u00a0",
      "Georgia\\'s \\\"quoted\\\" and a back\\\\slash",
      "\\\\\\'",
      "\\ \\\\ \\",
      "trailing backslash \\",
      "Londo\u006e\u0303o Swanstro\u0308m",
      "A\u0306gdam S\u0327us\u0327a",
      "e\u0301\u0323 e\u0323\u0301",
      "\u0301 leading combining mark",
      "a \u0301 space before a mark",
      "\u212b angstrom sign and \u2126 ohm sign",
      "\u1100\u1161\u11a8 conjoining jamo",
      "\uac00\u11a8 syllable plus jamo",
      "\u2018single\u2019 \u201cdouble\u201d `back` \u2032prime\u2033",
      "mixed \u2019quotes\u2019 and 'straight' ones",
      "\u0915\u093c Devanagari nukta",
      "\u0b47\u0b3e Oriya two-part vowel",
      "T\u00fcrkiye \u015eu\u015fa A\u011fdam",
      "\x01control\x7f chars",
      "\ufffd replacement",
      "emoji \U0001F600 and \u00e9\u0301",
      "\u1fef varia",
      "x\\\u00a0'y",
  };
  return v;
}

}  // namespace

TEST(Normalize, AsciiIsCopied) {
  EXPECT_EQ(norm("Plain text, with punctuation: (1) [2] {3}."),
            "Plain text, with punctuation: (1) [2] {3}.");
}

TEST(Normalize, WhitespaceCollapsedAndTrimmed) {
  EXPECT_EQ(norm("  a  b\t\tc \n d  "), "a b c d");
  EXPECT_EQ(norm("a\u00a0\u00a0b\u2003c\u202fd\u3000e"), "a b c d e");
  EXPECT_EQ(norm(" \u00a0 "), "");
  EXPECT_EQ(norm("end.  Next"), "end. Next");
}

TEST(Normalize, AppendsWithoutTouchingExistingContent) {
  std::string out = "prefix ";
  normalize_append(out, "  body  ", NormalizeOptions(), nullptr);
  EXPECT_EQ(out, "prefix body");
  std::string o2 = "e";
  normalize_append(o2, "\u0301x", NormalizeOptions(),
                   nullptr);  // never composes across the boundary
  EXPECT_EQ(o2, "e\u0301x");
}

TEST(Normalize, BackslashEscapesUndone) {
  NormalizeReport rep;
  EXPECT_EQ(norm("Georgia\\'s \\\"plan\\\"", false, &rep), "Georgia's \"plan\"");
  EXPECT_TRUE(rep.unescaped);
  EXPECT_EQ(norm("a\\\\b"), "a\\b");
  NormalizeReport none;
  EXPECT_EQ(norm("C:\\dir", false, &none), "C:\\dir");  // a lone backslash stays
  EXPECT_FALSE(none.unescaped);
  NormalizeOptions keep;
  keep.unescape = false;
  std::string out;
  normalize_append(out, "Georgia\\'s", keep, nullptr);
  EXPECT_EQ(out, "Georgia\\'s");
}

TEST(Normalize, DecomposedInputComesOutNfc) {
  NormalizeReport rep;
  EXPECT_EQ(norm("Londo\u006e\u0303o", false, &rep), "Londo\u00f1o");
  EXPECT_TRUE(rep.nfc_changed);
  EXPECT_EQ(norm("Swanstro\u0308m"), "Swanstr\u00f6m");
  EXPECT_EQ(norm("A\u0306gdam"), "\u0102gdam");
  EXPECT_EQ(norm("Ag\u0306dam S\u0327us\u0327a"), "A\u011fdam \u015eu\u015fa");
  EXPECT_EQ(norm("e\u0323\u0301"), "\u1eb9\u0301");  // canonical reordering then composition
  EXPECT_EQ(norm("e\u0301\u0323"), "\u1eb9\u0301");
  EXPECT_EQ(norm("\u212b"), "\u00c5");              // singleton
  EXPECT_EQ(norm("\u1100\u1161\u11a8"), "\uac01");  // Hangul
  EXPECT_EQ(norm("\uac00\u11a8"), "\uac01");
  EXPECT_EQ(norm("\u0b47\u0b3e"), "\u0b4b");  // a starter that composes backwards
  NormalizeReport same;
  EXPECT_EQ(norm("T\u00fcrkiye \u2019quoted\u2019 \u2014 dash", false, &same),
            "T\u00fcrkiye \u2019quoted\u2019 \u2014 dash");
  EXPECT_FALSE(same.nfc_changed);
}

TEST(Normalize, QuoteFolding) {
  NormalizeReport rep;
  EXPECT_EQ(
      norm("\u2018a\u2019 \u201ab\u201b \u201cc\u201d \u201ed\u201e `e` \u2032f\u2033", true, &rep),
      "'a' 'b' \"c\" \"d\" 'e' 'f\"");
  EXPECT_TRUE(rep.quotes_folded);
  EXPECT_EQ(norm("\u2018a\u2019"), "\u2018a\u2019");
}

TEST(Normalize, ControlCharactersDropped) {
  EXPECT_EQ(norm("a\x01"
                 "b\x7f"
                 "c"),
            "abc");
}

TEST(Normalize, ReportsReplacementCharacter) {
  NormalizeReport rep;
  norm("bad \ufffd byte", false, &rep);
  EXPECT_TRUE(rep.had_invalid);
}

TEST(Normalize, InvalidInputIsReplacedNotRead) {
  NormalizeReport rep;
  EXPECT_EQ(norm(std::string("a\x92"
                             "b\xe2\x80",
                             5),
                 false, &rep),
            "a\ufffdb\ufffd");
  EXPECT_TRUE(rep.had_invalid);
}

TEST(Normalize, Idempotent) {
  for (bool fold : {false, true}) {
    for (const std::string &s : samples()) {
      std::string once = norm(s, fold);
      EXPECT_EQ(norm(once, fold), once) << "input: " << s << " fold " << fold;
      EXPECT_TRUE(utf8_valid(once));
    }
  }
}

TEST(Normalize, IdempotentOnGeneratedMixtures) {
  const std::vector<std::string> atoms = {"a",  "e",      " ",      "  ",     "\\",     "'",
                                          "\"", "\u00a0", "\u0301", "\u0323", "\u0308", "\u2019",
                                          "`",  "\u1100", "\u1161", "\u11a8", "\u212b", "o",
                                          "\t", "\u0b47", "\u0b3e", "\u201c", "\u2003", "\ufffd"};
  uint64_t x = 88172645463325252ull;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int len = 1 + round % 12;
    for (int i = 0; i < len; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      s += atoms[x % atoms.size()];
    }
    for (bool fold : {false, true}) {
      std::string once = norm(s, fold);
      ASSERT_EQ(norm(once, fold), once) << "round " << round << " fold " << fold;
    }
  }
}

TEST(Normalize, Utf8Valid) {
  EXPECT_TRUE(utf8_valid(""));
  EXPECT_TRUE(utf8_valid("ascii"));
  EXPECT_TRUE(utf8_valid("Swanstr\u00f6m \u2019 \U0001F600"));
  EXPECT_FALSE(utf8_valid("\x92"));
  EXPECT_FALSE(utf8_valid("\xe2\x80"));
  EXPECT_FALSE(utf8_valid("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(utf8_valid("\xc0\xaf"));      // overlong
}

TEST(Normalize, UnicodeVersion) {
  std::string v = unicode_version();
  EXPECT_FALSE(v.empty());
  EXPECT_EQ(v.find('.') != std::string::npos, true);
}

// Conformance with the Unicode NormalizationTest.txt NFC column (package unicode-data), on lines
// without whitespace or quotes (those the normaliser rewrites on purpose).
TEST(Normalize, UnicodeNormalizationTestNfc) {
  FILE *f = popen("bzcat /usr/share/unicode/NormalizationTest.txt.bz2 2>/dev/null", "r");
  if (!f) GTEST_SKIP() << "NormalizationTest.txt not available";
  char line[4096];
  size_t checked = 0;
  auto parse_col = [](const char *&p, std::string &out) {
    out.clear();
    while (*p && *p != ';') {
      while (*p == ' ') ++p;
      if (*p == ';') break;
      unsigned cp = 0;
      int n = 0;
      if (std::sscanf(p, "%x%n", &cp, &n) != 1) return false;
      p += n;
      if (cp < 0x80)
        out.push_back(char(cp));
      else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
      }
    }
    if (*p == ';') ++p;
    return true;
  };
  std::string c1, c2, c3;
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '@' || line[0] == '\n') continue;
    const char *p = line;
    if (!parse_col(p, c1) || !parse_col(p, c2) || !parse_col(p, c3)) continue;
    bool skip = false;
    for (const std::string *s : {&c1, &c2, &c3})
      for (char c : *s)
        if (c == ' ' || c == '\'' || c == '"' || c == '\\' || c == '`') skip = true;
    if (skip) continue;
    // Unicode spaces (which the normaliser collapses) appear in a few compatibility lines.
    if (norm(c2) != c2) continue;
    ASSERT_EQ(norm(c1), c2) << line;
    ASSERT_EQ(norm(c3), c2) << line;
    ++checked;
  }
  pclose(f);
  if (checked == 0) GTEST_SKIP() << "NormalizationTest.txt not available";
  EXPECT_GT(checked, 15000u);
}

namespace {

// Straightforward model of the ASCII rules, byte by byte, to check the vectorised fast path.
std::string reference_ascii(const std::string &in) {
  std::string out;
  bool pending = false;
  for (unsigned char c : in) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      pending = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    if (pending) {
      if (out.back() != ' ') out.push_back(' ');
      pending = false;
    }
    if (!out.empty() && out.back() == '\\') {
      if (c == '\'' || c == '"') {
        while (!out.empty() && out.back() == '\\') out.pop_back();
      } else if (c == '\\') {
        continue;
      }
    }
    out.push_back(char(c));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

TEST(Normalize, FastPathMatchesByteModelOnLongInputs) {
  const char alphabet[] = {'a', 'b', ' ',  ' ',    ' ', '\t', '\\',  '\'',
                           '"', '`', '\n', '\x01', '.', 'Z',  '\x7f'};
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    size_t len = size_t(round % 97) + (round % 3 == 0 ? 40 : 0);
    for (size_t i = 0; i < len; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      // Mostly letters, so long plain runs reach the 8- and 16-byte steps.
      s.push_back((x >> 32) % 4 ? char('a' + x % 26) : alphabet[(x >> 8) % sizeof alphabet]);
    }
    ASSERT_EQ(norm(s), reference_ascii(s)) << "round " << round << " input [" << s << "]";
  }
}

TEST(Normalize, LongRunsOfMarksAreStreamSafe) {
  std::string in = "a";
  for (int i = 0; i < 1000; ++i) in += "\u0301\u0323\u0345\u0308";
  std::string once = norm(in);
  EXPECT_EQ(norm(once), once);
  EXPECT_NE(once.find("\u034f"), std::string::npos);  // U+034F inserted after 30 non-starters
  std::string short_run = "a\u0301\u0323";
  EXPECT_EQ(norm(short_run).find("\u034f"), std::string::npos);
}

// Accented letters and typographic punctuation are copied inside a line's run (the fast path);
// the code points around them that are not plain text must still be seen there.
TEST(Normalize, LettersAndQuotesInsideRunsKeepTheRules) {
  std::string prefix;
  for (int i = 0; i < 40; ++i) prefix += "Şuşa “ağ” ü – ";
  // A decomposed letter after a long run composes with the letter just before it.
  NormalizeReport rep;
  EXPECT_EQ(norm(prefix + "Gu\u0308mru\u0308", false, &rep), prefix + "Gümrü");
  EXPECT_TRUE(rep.nfc_changed);
  // Unicode spaces and space pairs after a multi-byte letter are one space.
  EXPECT_EQ(norm("Gümrü\u00a0\u00a0Tbilisi\u0085Baku ü  ü “  ”"), "Gümrü Tbilisi Baku ü ü “ ”");
  // Quotes inside a run are folded when asked, other punctuation kept.
  EXPECT_EQ(norm("“Şuşa” isn’t ‘far’ – 20 km…", true), "\"Şuşa\" isn't 'far' – 20 km…");
  EXPECT_EQ(norm("“Şuşa” isn’t ‘far’ – 20 km…"), "“Şuşa” isn’t ‘far’ – 20 km…");
  // An escape right after a multi-byte letter is undone.
  EXPECT_EQ(norm("Gümrü\\'s \\\"ağ\\\""), "Gümrü's \"ağ\"");
  // A replacement character inside a line is still reported.
  rep = NormalizeReport();
  EXPECT_EQ(norm("ağ\ufffdağ", false, &rep), "ağ\ufffdağ");
  EXPECT_TRUE(rep.had_invalid);
}
