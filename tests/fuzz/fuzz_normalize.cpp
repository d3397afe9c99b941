// Fuzz target: caci::normalize_append (internal core API). The first byte selects options: bit 0
// fold quotes, bit 1 no backslash unescaping. The rest is made valid UTF-8 (normalize_append's
// precondition) by replacing invalid sequences with U+FFFD.
// Oracles: output is valid UTF-8 with no leading, trailing or doubled spaces; normalising the
// output again changes nothing (idempotence, lesson 15); caci::utf8_valid agrees with an
// independent validator on the raw input (differential check).
#include "caci/core/normalize.hpp"
#include "fuzz_support.hpp"

#include <string>
#include <string_view>

using namespace caci_fuzz;

// Replaces each maximal invalid subsequence's first byte with U+FFFD and moves on one byte.
static std::string make_valid(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (c >= 0xC0) len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c >= 0x80 && (i + len > in.size() || !utf8_valid(in.substr(i, len)))) {
      out += "\xEF\xBF\xBD";
      i += 1;
      continue;
    }
    out.append(in.substr(i, len));
    i += len;
  }
  return out;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const std::string_view raw(reinterpret_cast<const char *>(data) + 1, size - 1);
  caci::NormalizeOptions opts;
  opts.fold_quotes = data[0] & 1;
  opts.unescape = !(data[0] & 2);

  FUZZ_CHECK(caci::utf8_valid(raw) == utf8_valid(raw));
  const std::string input = make_valid(raw);
  FUZZ_CHECK(utf8_valid(input));

  std::string once;
  caci::NormalizeReport report;
  caci::normalize_append(once, input, opts, &report);
  FUZZ_CHECK(utf8_valid(once));
  FUZZ_CHECK(once.empty() || (once.front() != ' ' && once.back() != ' '));
  FUZZ_CHECK(once.find("  ") == std::string::npos);

  // Unescaping is deliberately not part of the second pass: `\\'` unescapes to `\'` and then to
  // `'`, so only whitespace, NFC and quote folding can be idempotent.
  caci::NormalizeOptions again = opts;
  again.unescape = false;
  std::string twice;
  caci::NormalizeReport report2;
  caci::normalize_append(twice, once, again, &report2);
  if (twice != once) {
    std::fprintf(stderr, "not idempotent:\n  once:  [%s]\n  twice: [%s]\n", once.c_str(),
                 twice.c_str());
  }
  FUZZ_CHECK(twice == once);
  FUZZ_CHECK(!report2.nfc_changed);

  // Appending keeps what was in the buffer.
  std::string appended = "prefix";
  caci::normalize_append(appended, input, opts, nullptr);
  FUZZ_CHECK(appended.compare(0, 6, "prefix") == 0 && appended.substr(6) == once);
  return 0;
}
