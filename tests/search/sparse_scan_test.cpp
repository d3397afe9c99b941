// Tokenizer::run_sparse (the snippet highlighter's scan) must find exactly the tokens run() finds
// whose folded term is wanted, with the same offsets, on any input.
#include "../../core/src/index/tokenizer.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using Found = std::vector<std::tuple<std::string, uint32_t, uint32_t>>;

Found by_run(std::string_view text, const std::set<std::string> &wanted) {
  caci::detail::Tokenizer tok;
  Found out;
  tok.run(text, [&](std::string_view t, uint32_t s, uint32_t e) {
    if (wanted.count(std::string(t))) out.emplace_back(std::string(t), s, e);
  });
  return out;
}

Found by_sparse(std::string_view text, const std::set<std::string> &wanted) {
  uint8_t stop[256] = {};
  for (int c = 0x80; c < 256; ++c) stop[c] = 1;
  for (const std::string &w : wanted) {
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (c < 0x80) {
      stop[c] = 1;
      if (c >= 'a' && c <= 'z') stop[c - 'a' + 'A'] = 1;
    }
  }
  caci::detail::Tokenizer tok;
  Found out;
  tok.run_sparse(
      text, caci::detail::WordStarts(stop), [](const char *, size_t) { return true; },
      [&](std::string_view t, uint32_t s, uint32_t e) {
        if (wanted.count(std::string(t))) out.emplace_back(std::string(t), s, e);
      });
  return out;
}

void expect_same(std::string_view text, const std::set<std::string> &wanted) {
  EXPECT_EQ(by_sparse(text, wanted), by_run(text, wanted)) << text;
}

TEST(SparseScan, SameTokensAsFullTokenizer) {
  const std::set<std::string> wanted = {"pipeline", "susa", "turkiye", "ozturk", "the",
                                        "t",        "s",    "2003",    "gas",    "e"};
  const char *texts[] = {
      "The pipeline, the PIPELINE and pipelines.",
      "T\u00fcrkiye and \u015eu\u015fa; \u00d6zt\u00fcrk met Turkiye.",
      "don\u2019t stop: it\u2019s the gas\u2014the gas",
      "caf\u00e9s e\u0301 e\u0301te the",  // NFD marks
      "x\xff"
      "the \xc3"
      "the \xe2\x80"
      "gas \x80\x80the",  // invalid bytes
      "2003 a2003 2003a the2003 the",
      "\u00e9the \u00e9 the the\u00e9 s\u00e9 s",
      "",
      "t",
      "  the",
      "pipeline\u00e9s pipe\u0301line",
  };
  for (const char *t : texts) expect_same(t, wanted);
}

TEST(SparseScan, EveryPrefixOfMixedText) {
  const std::string text = "Gas \u015eu\u015fa the\u2019s T\u00fcrkiye\xff"
                           "e gas\u0301 the";
  const std::set<std::string> wanted = {"gas", "susa", "the", "s", "turkiye", "e"};
  for (size_t a = 0; a < text.size(); ++a)
    for (size_t b = a; b <= text.size(); ++b)
      expect_same(std::string_view(text).substr(a, b - a), wanted);
}

// Random text over an alphabet rich in word starts, word breaks and non-ASCII letters, with wanted
// sets of few first letters (the 16-byte scan) and of many (the byte-by-byte scan).
TEST(SparseScan, RandomTextSameAsFullTokenizer) {
  const char *pieces[] = {"a",       "b",    "s",    "t",  "T",  "S",      "0",      "9",
                          " ",       ",",    "'",    "-",  "\n", "\u00fc", "\u015e", "\u2014",
                          "e\u0301", "\x11", "\xff", "sa", "ta", "the",    "susa"};
  const std::set<std::string> few = {"s", "susa", "the", "t9", "a"};
  const std::set<std::string> many = {"a", "b", "c", "d", "e",   "f", "g",
                                      "h", "i", "s", "t", "the", "0", "9a"};
  uint32_t seed = 12345;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int len = static_cast<int>(seed % 97);
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
    }
    expect_same(text, few);
    expect_same(text, many);
  }
}

}  // namespace
