// Pathological inputs for the normaliser (internal core API): huge whitespace runs, long runs of
// combining marks (canonical reordering is where normalisers go quadratic), escape storms.
#include "caci/core/normalize.hpp"
#include "fuzz_support.hpp"
#include "pathological_support.hpp"

#include <string>

using namespace caci_patho;

namespace {

std::string normalized(const std::string &in, bool fold = false) {
  caci::NormalizeOptions opts;
  opts.fold_quotes = fold;
  std::string out;
  caci::normalize_append(out, in, opts, nullptr);
  return out;
}

void check_linear_normalize(const std::string &what, const std::string &unit, size_t large_count) {
  const std::string large = repeat(unit, large_count);
  const std::string small = repeat(unit, large_count / 10);
  const std::string out = normalized(large);
  EXPECT_TRUE(caci_fuzz::utf8_valid(out)) << what;
  EXPECT_EQ(normalized(out), out) << what << ": idempotent";
  expect_linear(
      "normalize " + what, [&] { normalized(small); }, [&] { normalized(large); });
}

}  // namespace

TEST(PathologicalNormalize, WhitespaceRuns) {
  EXPECT_EQ(normalized(repeat(" \t\n\xc2\xa0", 1000000)), "");
  check_linear_normalize("whitespace", " \xc2\xa0\t", 1000000);
  check_linear_normalize("words", "word  \xc2\xa0 ", 1000000);
}

TEST(PathologicalNormalize, CombiningMarkRuns) {
  // One base letter followed by a long run of marks of different combining classes: canonical
  // ordering must not be quadratic.
  const std::string marks = "\xcc\x81\xcc\xa3\xcd\x85\xcc\x88";  // U+0301 U+0323 U+0345 U+0308
  // (Sizes stay modest so that a quadratic implementation fails in seconds, not hours.)
  const std::string large = "a" + repeat(marks, 6000);
  const std::string small = "a" + repeat(marks, 600);
  const std::string out = normalized(large);
  EXPECT_TRUE(caci_fuzz::utf8_valid(out));
  expect_linear(
      "combining marks", [&] { normalized(small); }, [&] { normalized(large); });
  check_linear_normalize("decomposable letters", "e\xcc\x81 \xe1\x84\x80\xe1\x85\xa1 ", 300000);
}

TEST(PathologicalNormalize, EscapesAndQuotes) {
  check_linear_normalize("backslashes", "\\", 2000000);
  check_linear_normalize("escaped quotes", "\\'\\\"", 500000);
  const std::string quotes = repeat("\xe2\x80\x9c\xe2\x80\x98`\xe2\x80\x99\xe2\x80\x9d", 200000);
  const std::string folded = normalized(quotes, true);
  EXPECT_EQ(folded.find('\xe2'), std::string::npos) << "all typographic quotes folded";
}
