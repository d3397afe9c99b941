// write_json_string: every string the writer emits must read back (with simdjson) as the same
// text, be valid UTF-8 and safe to embed in JavaScript source.
#include "json_support.hpp"

namespace {

std::string encode(std::string_view s) {
  std::string out;
  caci::write_json_string(out, s);
  return out;
}

// Parses a JSON string literal back.
std::string decode(const std::string &literal) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(literal);
  simdjson::dom::element e;
  auto err = parser.parse(padded).get(e);
  EXPECT_EQ(err, simdjson::SUCCESS) << literal;
  if (err) return "<error>";
  return std::string(std::string_view(e.get_string()));
}

TEST(JsonEscape, PlainAsciiIsCopied) {
  EXPECT_EQ(encode("By A. Author"), "\"By A. Author\"");
  EXPECT_EQ(encode(""), "\"\"");
}

TEST(JsonEscape, QuotesAndBackslashes) {
  EXPECT_EQ(encode("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(encode("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(decode(encode("Georgia\\'s \"quoted\"")), "Georgia\\'s \"quoted\"");
}

TEST(JsonEscape, ControlCharactersAreEscaped) {
  EXPECT_EQ(encode("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
  EXPECT_EQ(encode(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
  std::string nul("a\0b", 3);
  EXPECT_EQ(encode(nul), "\"a\\u0000b\"");
  EXPECT_EQ(decode(encode(nul)), nul);
  // Every C0 control survives a round trip.
  std::string all;
  for (int c = 0; c < 0x20; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(decode(encode(all)), all);
}

TEST(JsonEscape, Utf8IsKeptAsIs) {
  const std::string s = "Swanstr\u00f6m, Londo\u00f1o \u2014 \u201cquoted\u201d \xF0\x9F\x98\x80";
  EXPECT_EQ(encode(s), "\"" + s + "\"");
  EXPECT_EQ(decode(encode(s)), s);
}

TEST(JsonEscape, LineAndParagraphSeparatorsAreEscapedForJavaScript) {
  const std::string s = "a\u2028b\u2029c";
  EXPECT_EQ(encode(s), "\"a\\u2028b\\u2029c\"");
  EXPECT_EQ(decode(encode(s)), s);
}

TEST(JsonEscape, InvalidUtf8BecomesReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  // A Windows-1252 apostrophe, as in the archive.
  EXPECT_EQ(decode(encode("China\x92s")), "China" + fffd + "s");
  // Truncated sequence at the end, overlong encoding, surrogate, beyond U+10FFFF.
  EXPECT_EQ(decode(encode("x\xE2\x80")), "x" + fffd + fffd);
  EXPECT_EQ(decode(encode("\xC0\x80")), fffd + fffd);
  EXPECT_EQ(decode(encode("\xED\xA0\x80")), fffd + fffd + fffd);
  EXPECT_EQ(decode(encode("\xF4\x90\x80\x80")), fffd + fffd + fffd + fffd);
  // A lone continuation byte between valid characters.
  EXPECT_EQ(decode(encode("\u00e9\x80\u00e9")), "\u00e9" + fffd + "\u00e9");
}

// A byte-at-a-time reference for ASCII plus the escapes (the writer skips plain runs 8 bytes at a
// time; special bytes at every position of a word must still be caught).
std::string reference(std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xf]);
    } else
      out.push_back(static_cast<char>(c));
  }
  return out + "\"";
}

// Lengths up to 80 cover both ways through the writer: strings of 48 bytes or more that are valid
// UTF-8 are scanned sixteen bytes a step, shorter or invalid ones byte by byte.
TEST(JsonEscape, SpecialBytesAtEveryPositionOfAWord) {
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\t"};
  for (const std::string &special : specials) {
    for (size_t len = 1; len <= 80; ++len) {
      for (size_t pos = 0; pos < len; ++pos) {
        std::string s(len, 'a');
        s.replace(pos, 1, special);
        ASSERT_EQ(encode(s), reference(s)) << "len " << len << " pos " << pos;
      }
    }
  }
  // Non-ASCII and invalid bytes at every position read back as themselves / U+FFFD.
  for (size_t len = 1; len <= 80; ++len) {
    for (size_t pos = 0; pos < len; ++pos) {
      std::string s(len, 'b');
      s.replace(pos, 1, "\u00e9");
      ASSERT_EQ(encode(s), "\"" + s + "\"");
      std::string bad(len, 'c');
      bad[pos] = '\x92';
      std::string expected = bad;
      expected.replace(pos, 1, "\xEF\xBF\xBD");
      ASSERT_EQ(decode(encode(bad)), expected);
    }
  }
}

TEST(JsonEscape, LongTextWithSeparatorsDashesAndQuotesAtEveryPosition) {
  // U+2014 and U+201C start with the same byte as U+2028/U+2029; only the separators are escaped.
  const std::string pieces[] = {"\u2014", "\u201c", "\u2028", "\u2029", "\U0001F600", "\u00e9"};
  for (const std::string &piece : pieces) {
    for (size_t pos = 0; pos < 70; ++pos) {
      std::string s(70, 'd');
      s.replace(pos, 1, piece);
      s.replace(std::min<size_t>(69, (pos + 17) % 70), 1, "\"");
      std::string expected = "\"";
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"') {
          expected += "\\\"";
        } else if (s.compare(i, 3, "\u2028") == 0 || s.compare(i, 3, "\u2029") == 0) {
          expected += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          expected += s[i];
        }
      }
      expected += "\"";
      ASSERT_EQ(encode(s), expected) << "pos " << pos;
      ASSERT_EQ(decode(encode(s)), s) << "pos " << pos;
    }
  }
}

TEST(JsonEscape, AppendsWithoutTouchingExistingContent) {
  std::string out = "prefix:";
  caci::write_json_string(out, "v");
  EXPECT_EQ(out, "prefix:\"v\"");
}

}  // namespace
