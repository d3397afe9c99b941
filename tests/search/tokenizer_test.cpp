#include "caci/core/index.hpp"

#include <gtest/gtest.h>

#include <random>

using caci::Token;

namespace {

std::vector<std::string> terms(std::string_view text) {
  std::vector<Token> toks;
  caci::tokenize(text, toks);
  std::vector<std::string> out;
  for (auto &t : toks) out.push_back(t.term);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, AsciiWordsAndOffsets) {
  std::vector<Token> toks;
  caci::tokenize("Hello, World 2003!", toks);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].term, "hello");
  EXPECT_EQ(toks[0].start, 0u);
  EXPECT_EQ(toks[0].end, 5u);
  EXPECT_EQ(toks[1].term, "world");
  EXPECT_EQ(toks[1].start, 7u);
  EXPECT_EQ(toks[2].term, "2003");
  EXPECT_EQ(toks[2].end, 17u);
}

TEST(Tokenizer, CaseFoldingAndDiacritics) {
  EXPECT_EQ(terms("Stra\u00dfe"), V{"strasse"});
  EXPECT_EQ(terms("T\u00fcrkiye"), V{"turkiye"});
  EXPECT_EQ(terms("A\u011fdam \u015eu\u015fa"), (V{"agdam", "susa"}));
  EXPECT_EQ(terms("Swanstr\u00f6m"), V{"swanstrom"});
  EXPECT_EQ(terms("\u00c7AL\u0130\u015eKAN"), V{"caliskan"});
  EXPECT_EQ(terms("\u0410\u0441\u0442\u0430\u043d\u0430"),
            V{"\u0430\u0441\u0442\u0430\u043d\u0430"});
}

TEST(Tokenizer, NfdEqualsNfc) {
  EXPECT_EQ(terms("Tu\u0308rkiye"), terms("T\u00fcrkiye"));
  std::vector<Token> toks;
  caci::tokenize("a Tu\u0308rkiye b", toks);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[1].start, 2u);
  EXPECT_EQ(toks[1].end, 2u + 9u);  // the combining mark belongs to the token
}

TEST(Tokenizer, CompatibilityForms) {
  EXPECT_EQ(terms("\ufb01nal"), V{"final"});         // fi ligature
  EXPECT_EQ(terms("\uff21\uff22\uff23"), V{"abc"});  // fullwidth
}

TEST(Tokenizer, ApostrophesAndHyphensSplit) {
  EXPECT_EQ(terms("O'Brien"), (V{"o", "brien"}));
  EXPECT_EQ(terms("O\u2019Brien"), (V{"o", "brien"}));
  EXPECT_EQ(terms("Ul-Haq North\u2013South"), (V{"ul", "haq", "north", "south"}));
}

TEST(Tokenizer, InvalidUtf8IsASeparator) {
  EXPECT_EQ(terms("ab\xff"
                  "cd\xc3"),
            (V{"ab", "cd"}));
  EXPECT_TRUE(terms("").empty());
  EXPECT_TRUE(terms("\u0301\u0301 ,;").empty());
}

// ASCII tokens are taken 16 bytes at a time where the text allows: tokens of every length around
// 16, ending at every ASCII byte next to the letter and digit ranges, running into an accented
// letter (the same token) or the text's end, give what the character-by-character rule gives.
TEST(Tokenizer, BlockSizedAsciiTokensFollowTheCharacterRule) {
  const std::vector<std::string> separators = {" ", ",", "\n", "@", "[",
                                               "`", "{", "/",  ":", "\x7f"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::vector<Token> want;
    const int words = 1 + static_cast<int>(rng() % 6);
    for (int w = 0; w < words; ++w) {
      text += separators[rng() % separators.size()];
      Token t;
      t.start = static_cast<uint32_t>(text.size());
      const size_t len = 1 + rng() % 34;
      for (size_t k = 0; k < len; ++k) {
        const unsigned r = rng() % 64;
        if (r < 26) {
          text += static_cast<char>('a' + r);
          t.term += static_cast<char>('a' + r);
        } else if (r < 52) {
          text += static_cast<char>('A' + (r - 26));
          t.term += static_cast<char>('a' + (r - 26));
        } else if (r < 62) {
          text += static_cast<char>('0' + (r - 52));
          t.term += static_cast<char>('0' + (r - 52));
        } else {
          text += "\xc3\xa9";  // é folds to e
          t.term += 'e';
        }
      }
      t.end = static_cast<uint32_t>(text.size());
      want.push_back(t);
    }
    if (rng() % 2) text += separators[rng() % separators.size()];
    std::vector<Token> got;
    caci::tokenize(text, got);
    ASSERT_EQ(got.size(), want.size()) << text;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].term, want[i].term) << text;
      EXPECT_EQ(got[i].start, want[i].start) << text;
      EXPECT_EQ(got[i].end, want[i].end) << text;
    }
  }
}

}  // namespace
