// Oracles shared by the fuzz targets: a strict UTF-8 validator, a JSON syntax checker, and
// FUZZ_CHECK, which reports a broken invariant the way a fuzzer understands (print, then abort).
// Test-only code: printing and aborting here is the point.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                           \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);            \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)

// The oracles are not what is fuzzed: they are kept out of the coverage instrumentation (and not
// inlined into a caller that has it), so their branches cost no trace hooks (a third of
// fuzz_parse's time was the JSON checker's comparisons) and never count as new coverage.
#if defined(__clang__)
#define CACI_FUZZ_ORACLES_BEGIN                                                                    \
  _Pragma("clang attribute push(__attribute__((no_sanitize(\"coverage\"))), apply_to = function)") \
      _Pragma("clang attribute push(__attribute__((noinline)), apply_to = function)")
#define CACI_FUZZ_ORACLES_END _Pragma("clang attribute pop") _Pragma("clang attribute pop")
#else
#define CACI_FUZZ_ORACLES_BEGIN
#define CACI_FUZZ_ORACLES_END
#endif

namespace caci_fuzz {
CACI_FUZZ_ORACLES_BEGIN

// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool utf8_valid(std::string_view s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    i += len;
  }
  return true;
}

// Minimal JSON (RFC 8259) syntax checker: true if `s` is exactly one JSON value (plus whitespace).
class JsonChecker {
public:
  explicit JsonChecker(std::string_view s) : s_(s) {}
  bool document() {
    ws();
    if (!value(0)) return false;
    ws();
    return pos_ == s_.size();
  }

private:
  std::string_view s_;
  size_t pos_ = 0;
  bool eof() const { return pos_ >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[pos_]; }
  void ws() {
    while (!eof() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool string() {
    if (peek() != '"') return false;
    ++pos_;
    size_t start = pos_;
    while (!eof()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        bool ok = utf8_valid(s_.substr(start, pos_ - start));
        ++pos_;
        return ok;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++pos_;
        if (eof()) return false;
        char e = s_[pos_];
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k) {
            if (pos_ + k >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_ + k])))
              return false;
          }
          pos_ += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++pos_;
    }
    return false;
  }
  bool number() {
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0')
      ++pos_;
    else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else
      return false;
    if (peek() == '.') {
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    return pos_ > start;
  }
  bool value(int depth) {
    if (depth > 64) return false;
    ws();
    switch (peek()) {
    case '{': {
      ++pos_;
      ws();
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      for (;;) {
        ws();
        if (!string()) return false;
        ws();
        if (peek() != ':') return false;
        ++pos_;
        if (!value(depth + 1)) return false;
        ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        if (peek() == '}') {
          ++pos_;
          return true;
        }
        return false;
      }
    }
    case '[': {
      ++pos_;
      ws();
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      for (;;) {
        if (!value(depth + 1)) return false;
        ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        if (peek() == ']') {
          ++pos_;
          return true;
        }
        return false;
      }
    }
    case '"': return string();
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default: return number();
    }
  }
};

inline bool json_valid(std::string_view s) {
  return JsonChecker(s).document();
}

// Every line of JSON Lines output is one JSON value (an empty output has no lines).
inline bool jsonl_valid(std::string_view s) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    if (!json_valid(s.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

// Reads every byte of a view (so ASan sees a bad pointer/length) and checks it is valid UTF-8.
inline bool view_ok(const char *ptr, size_t len) {
  if (ptr == nullptr) return len == 0;
  volatile unsigned sum = 0;
  for (size_t i = 0; i < len; ++i) sum += static_cast<unsigned char>(ptr[i]);
  (void)sum;
  return utf8_valid(std::string_view(ptr, len));
}

CACI_FUZZ_ORACLES_END
}  // namespace caci_fuzz
