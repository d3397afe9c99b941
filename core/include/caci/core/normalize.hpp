#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caci {

struct NormalizeOptions {
  bool fold_quotes = false;  // typographic quotes/apostrophes/backticks -> ASCII
  bool unescape = true;      // undo literal backslash escapes (\' \" \\)
};

struct NormalizeReport {
  bool unescaped = false;
  bool nfc_changed = false;
  bool quotes_folded = false;
  bool had_invalid = false;  // input contained U+FFFD (already replaced upstream)
};

// Appends the normalised form of `in` (valid UTF-8) to `out`: backslash escapes undone, runs of
// whitespace (including NBSP) collapsed to one space and trimmed, NFC (utf8proc; an ASCII/NFC quick
// check keeps the common case a copy), optional quote folding. Idempotent:
// normalize(normalize(x)) == normalize(x).
void normalize_append(std::string &out, std::string_view in, const NormalizeOptions &opts,
                      NormalizeReport *report);

// Valid-UTF-8 check (simdjson). Returns true when all of `in` is valid.
bool utf8_valid(std::string_view in) noexcept;

// Unicode version the normaliser and tokenizer were built with ("15.0.0").
const char *unicode_version() noexcept;

}  // namespace caci
