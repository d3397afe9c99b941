// Page scanning: one pass that finds line ends with memchr, checks UTF-8 once per page (simdjson,
// through utf8_valid), and only on a page that needs it walks bytes to repair them.
#include "page.hpp"

#include "../text/cp1252.hpp"
#include "../text/find_byte.hpp"
#include "../text/utf8.hpp"
#include "byline.hpp"
#include "caci/core/normalize.hpp"
#include "lexicon.hpp"

#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace caci {
namespace parse {

Scratch &thread_scratch() {
  thread_local Scratch s;
  return s;
}

void add_diag(Scratch &s, DiagCode code, Severity sev, uint32_t line, uint32_t column, uint64_t bs,
              uint64_t be, std::string_view message) {
  PendingDiag d;
  d.code = code;
  d.severity = sev;
  d.line = line;
  d.column = column;
  d.byte_start = bs;
  d.byte_end = be;
  d.message_offset = uint32_t(s.diag_text.size());
  d.message_length = uint32_t(message.size());
  s.diag_text.append(message.data(), message.size());
  s.diags.push_back(d);
}

namespace {

void push_line(std::string_view bytes, Scratch &s, Line l, bool needs_repair, bool strict,
               PageScan *scan);

// Which C0 bytes the page holds besides LF: CR (line ends) and other controls (repair). Eight bytes
// per step: only a word holding a byte below 0x20 is looked at byte by byte, and LF is the only
// such byte in ordinary text.
void scan_controls(const unsigned char *p, size_t n, bool *any_cr, bool *controls) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i max_ctl = _mm_set1_epi8(0x1F), lf = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, max_ctl), v);  // v <= 0x1F
    int m = _mm_movemask_epi8(_mm_andnot_si128(_mm_cmpeq_epi8(v, lf), ctl));
    if (!m) continue;
    for (size_t k = 0; k < 16; ++k) {
      unsigned char c = p[i + k];
      if (c < 0x20 && c != '\n') {
        if (c == '\r')
          *any_cr = true;
        else if (c != '\t')
          *controls = true;
      }
    }
  }
#elif defined(__wasm_simd128__)
  const v128_t max_ctl = wasm_i8x16_splat(0x1F), lf = wasm_i8x16_splat('\n');
  for (; i + 32 <= n; i += 32) {
    const v128_t a = wasm_v128_load(p + i), b = wasm_v128_load(p + i + 16);
    // v <= 0x1F and v != LF, for both halves
    const v128_t ca = wasm_v128_andnot(wasm_u8x16_le(a, max_ctl), wasm_i8x16_eq(a, lf));
    const v128_t cb = wasm_v128_andnot(wasm_u8x16_le(b, max_ctl), wasm_i8x16_eq(b, lf));
    if (!wasm_v128_any_true(wasm_v128_or(ca, cb))) continue;
    for (size_t k = 0; k < 32; ++k) {
      unsigned char c = p[i + k];
      if (c < 0x20 && c != '\n') {
        if (c == '\r')
          *any_cr = true;
        else if (c != '\t')
          *controls = true;
      }
    }
  }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, nl = ones * '\n';
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, p + i, 8);
    uint64_t low = (x - ones * 0x20) & ~x & high;  // some byte below 0x20 (lowest flag exact)
    if (!low) continue;
    uint64_t y = x ^ nl;  // LF bytes become zero; a word whose only low bytes are LF is skipped
    uint64_t t = ((y & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | y;
    uint64_t is_nl = ~(t | 0x7F7F7F7F7F7F7F7Full);
    if ((low & ~is_nl) == 0) continue;
    for (size_t k = 0; k < 8; ++k) {
      unsigned char c = p[i + k];
      if (c < 0x20 && c != '\n') {
        if (c == '\r')
          *any_cr = true;
        else if (c != '\t')
          *controls = true;
      }
    }
  }
#endif
  for (; i < n; ++i) {
    unsigned char c = p[i];
    if (c < 0x20 && c != '\n') {
      if (c == '\r')
        *any_cr = true;
      else if (c != '\t')
        *controls = true;
    }
  }
}

void hex_byte(char *out, unsigned char b) {
  static const char d[] = "0123456789ABCDEF";
  out[0] = '0';
  out[1] = 'x';
  out[2] = d[b >> 4];
  out[3] = d[b & 15];
}

// Repairs one line: invalid sequences and NUL -> U+FFFD, other C0 controls removed. Diagnostics
// are emitted here, once, for the original bytes.
// Byte repair reports at most kMaxRepairDiags diagnostics per page and code; the rest are counted
// into one summary diagnostic (a page of garbage must not produce a diagnostic per byte).
constexpr uint32_t kMaxRepairDiags = 200;

void repair_diag(Scratch &s, DiagCode code, Severity sev, const Line &l, uint64_t from, uint64_t to,
                 uint32_t count, const char *msg) {
  const int k = code == DiagCode::invalid_utf8     ? 0
                : code == DiagCode::nul_byte       ? 1
                : code == DiagCode::control_char   ? 2
                : code == DiagCode::cp1252_decoded ? 3
                                                   : 4;
  RepairTally &t = s.tally[k];
  t.severity = sev;
  if (t.reported < kMaxRepairDiags) {
    ++t.reported;
    add_diag(s, code, sev, l.number, uint32_t(l.column_base + (from - l.start) + 1), from, to, msg);
    return;
  }
  if (t.more == 0) {
    t.line = l.number;
    t.column = uint32_t(l.column_base + (from - l.start) + 1);
    t.start = from;
  }
  t.more += count;
  t.end = to;
}

// Repairs one line: invalid sequences and NUL -> U+FFFD, other C0 controls removed. Diagnostics
// are emitted here, once, for the original bytes; adjacent bad sequences share one diagnostic.
void repair_line(std::string_view bytes, Scratch &s, Line &l, bool strict, bool *invalid) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
  uint64_t a = l.start, b = l.end;
  uint32_t off = uint32_t(s.fixed.size());
  bool changed = false;
  uint64_t i = a;
  const Severity bad_sev = strict ? Severity::error : Severity::warning;
  while (i < b) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80) {
      uint64_t j = i + 1;
      while (j < b && p[j] >= 0x20 && p[j] < 0x80) ++j;
      s.fixed.append(bytes.data() + i, size_t(j - i));
      i = j;
      continue;
    }
    if (c < 0x20) {
      if (c == '\t') {
        s.fixed.push_back('\t');
        ++i;
        continue;
      }
      uint64_t j = i;
      while (j < b && p[j] == c) ++j;  // a run of the same control byte: one diagnostic
      uint32_t count = uint32_t(j - i);
      char msg[80];
      if (c == 0) {
        for (uint32_t k = 0; k < count; ++k) s.fixed.append("\xEF\xBF\xBD");
        std::snprintf(
            msg, sizeof msg,
            count == 1 ? "NUL byte replaced by U+FFFD" : "%u NUL bytes replaced by U+FFFD", count);
        l.repairs |= repair_invalid;
        repair_diag(s, DiagCode::nul_byte, Severity::warning, l, i, j, count, msg);
      } else {
        std::snprintf(msg, sizeof msg, "control character 0x%02X removed (%u)", c, count);
        repair_diag(s, DiagCode::control_char, Severity::warning, l, i, j, count, msg);
      }
      changed = true;
      i = j;
      continue;
    }
    size_t len = text::utf8_sequence_length(p + i, size_t(b - i));
    if (len) {
      uint32_t cp = 0;
      const size_t moji = c == 0xC3 ? text::mojibake_at(p + i, size_t(b - i), &cp) : 0;
      if (moji) {
        // Double-encoded UTF-8: one diagnostic per line run of such sequences.
        uint64_t j = i;
        uint32_t count = 0;
        while (j < b && p[j] == 0xC3) {
          const size_t m = text::mojibake_at(p + j, size_t(b - j), &cp);
          if (!m) break;
          text::append_utf8(s.fixed, cp);
          j += m;
          ++count;
        }
        char msg[96];
        std::snprintf(msg, sizeof msg,
                      count == 1 ? "double-encoded UTF-8 repaired"
                                 : "%u double-encoded UTF-8 sequences repaired",
                      count);
        repair_diag(s, DiagCode::mojibake_repaired, Severity::warning, l, i, j, count, msg);
        l.repairs |= repair_mojibake;
        changed = true;
        i = j;
        continue;
      }
      s.fixed.append(bytes.data() + i, len);
      i += len;
      continue;
    }
    if (text::cp1252_char(c) != 0 && text::utf8_invalid_length(p + i, size_t(b - i)) == 1) {
      // A lone Windows-1252 byte (0x92 is U+2019): that character, not U+FFFD.
      const uint32_t cp = text::cp1252_char(c);
      text::append_utf8(s.fixed, cp);
      char hx[5] = {};
      hex_byte(hx, c);
      char msg[96];
      std::snprintf(msg, sizeof msg, "Windows-1252 byte %s decoded as U+%04X", hx, unsigned(cp));
      repair_diag(s, DiagCode::cp1252_decoded, bad_sev, l, i, i + 1, 1, msg);
      l.repairs |= repair_cp1252;
      *invalid = true;
      changed = true;
      ++i;
      continue;
    }
    // A run of adjacent ill-formed sequences: each becomes one U+FFFD, the run one diagnostic.
    uint64_t j = i;
    uint32_t count = 0;
    while (j < b && p[j] >= 0x80) {
      if (text::utf8_sequence_length(p + j, size_t(b - j))) break;
      if (j > i && text::cp1252_char(p[j]) != 0 &&
          text::utf8_invalid_length(p + j, size_t(b - j)) == 1)
        break;
      j += text::utf8_invalid_length(p + j, size_t(b - j));
      s.fixed.append("\xEF\xBF\xBD");
      ++count;
    }
    char hx[4][5] = {};
    size_t shown = size_t(j - i) < 4 ? size_t(j - i) : 4;
    for (size_t k = 0; k < shown; ++k) {
      hex_byte(hx[k], p[i + k]);
      hx[k][4] = 0;
    }
    char msg[128];
    if (count == 1)
      std::snprintf(msg, sizeof msg, "invalid UTF-8 (%s%s%s%s%s%s%s) replaced by U+FFFD", hx[0],
                    shown > 1 ? " " : "", hx[1], shown > 2 ? " " : "", hx[2], shown > 3 ? " " : "",
                    hx[3]);
    else
      std::snprintf(msg, sizeof msg, "%u invalid UTF-8 sequences (%s %s%s) each replaced by U+FFFD",
                    count, hx[0], hx[1], shown > 2 ? " ..." : "");
    repair_diag(s, DiagCode::invalid_utf8, bad_sev, l, i, j, count, msg);
    l.repairs |= repair_invalid;
    *invalid = true;
    changed = true;
    i = j;
  }
  if (changed) {
    l.fixed = true;
    l.fixed_offset = off;
    l.fixed_length = uint32_t(s.fixed.size() - off);
  } else {
    s.fixed.resize(off);
  }
}

}  // namespace

// Original offset of position `pos` of a repaired line's text (walks the same repair rules).
uint64_t original_offset(std::string_view bytes, const Line &l, size_t pos) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
  uint64_t i = l.start;
  size_t out = 0;
  while (i < l.end && out < pos) {
    unsigned char c = p[i];
    if (c < 0x20 && c != '\t') {
      out += c == 0 ? 3 : 0;
      ++i;
      continue;
    }
    size_t len = c < 0x80 ? 1 : text::utf8_sequence_length(p + i, size_t(l.end - i));
    uint32_t cp = 0;
    const size_t moji = c == 0xC3 && len ? text::mojibake_at(p + i, size_t(l.end - i), &cp) : 0;
    if (moji) {
      out += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += moji;
    } else if (len) {
      out += len;
      i += len;
    } else if (text::cp1252_char(c) != 0 &&
               text::utf8_invalid_length(p + i, size_t(l.end - i)) == 1) {
      out += text::cp1252_utf8_length(c);
      ++i;
    } else {
      out += 3;
      i += text::utf8_invalid_length(p + i, size_t(l.end - i));
    }
  }
  return i;
}

namespace {

void push_line(std::string_view bytes, Scratch &s, Line l, bool needs_repair, bool strict,
               PageScan *scan) {
  // A footer glued to the end of the last paragraph: split there first, then treat both parts
  // as lines of their own (columns stay relative to the physical line).
  if (scan->footer_at > l.start && scan->footer_at < l.end) {
    Line head = l, tail = l;
    head.end = head.next = scan->footer_at;
    tail.start = scan->footer_at;
    tail.glued = true;
    tail.column_base = uint32_t(l.column_base + (scan->footer_at - l.start));
    push_line(bytes, s, head, needs_repair, strict, scan);
    push_line(bytes, s, tail, needs_repair, strict, scan);
    return;
  }
  if (needs_repair) {
    // Only on a page known to need it, and only lines that do: simdjson checks each line first,
    // so one stray byte does not send the whole page through the byte-by-byte repair.
    const auto *lp = reinterpret_cast<const unsigned char *>(bytes.data()) + l.start;
    const size_t ln = size_t(l.end - l.start);
    bool cr = false, ctl = false;
    if (scan->controls) scan_controls(lp, ln, &cr, &ctl);
    if (ctl || !utf8_valid(bytes.substr(size_t(l.start), ln)) ||
        (scan->mojibake && text::may_hold_mojibake(lp, ln)))
      repair_line(bytes, s, l, strict, &scan->invalid);
  }
  std::string_view t = line_text(bytes, s, l);
  l.rec = classify_line(t, s.bylines);
  if ((l.rec.kind == LineKind::paragraph || l.rec.kind == LineKind::section ||
       l.rec.kind == LineKind::bio) &&
      !t.empty()) {
    // A byline glued to the end of a paragraph ends with a letter, an initial or ")".
    unsigned char last = uint8_t(t.back());
    bool maybe = last == ')' || (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
                 last == '.' || last >= 0x80;
    if (maybe && last == '.')
      maybe = t.size() >= 3 &&
              t[t.size() - 3] == ' ';  // "By A. B. Author" ends "r"; an initial ends ". X."
    size_t at = maybe ? find_glued_byline(t) : std::string_view::npos;
    if (at != std::string_view::npos && at > 0) {
      uint64_t orig = l.fixed ? original_offset(bytes, l, at) : l.start + at;
      Line head = l, tail = l;
      head.end = orig;
      head.next = orig;
      tail.start = orig;
      tail.glued = true;
      if (l.fixed) {
        head.fixed_length = uint32_t(at);
        tail.fixed_offset = uint32_t(l.fixed_offset + at);
        tail.fixed_length = uint32_t(l.fixed_length - at);
      }
      head.rec = classify_line(line_text(bytes, s, head), s.bylines);
      tail.rec = classify_line(line_text(bytes, s, tail), s.bylines);
      s.lines.push_back(head);
      s.lines.push_back(tail);
      return;
    }
  }
  s.lines.push_back(l);
}

}  // namespace

void scan_page(std::string_view bytes, bool strict, Scratch &s, PageScan *scan) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
  const uint64_t n = bytes.size();
  uint64_t pos = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
    scan->bom = true;
    pos = 3;
    add_diag(s, DiagCode::bom, Severity::warning, 1, 1, 0, 3, "UTF-8 byte-order mark skipped");
  }
  bool valid = utf8_valid(bytes);
  bool controls = false, any_cr = false;
  scan_controls(p, size_t(n), &any_cr, &controls);
  scan->mojibake = text::may_hold_mojibake(p, size_t(n));
  bool slow = !valid || controls || scan->mojibake;
  scan->controls = controls;

  // Footer near the end (possibly glued to the last paragraph): look in the last few KiB only.
  {
    uint64_t from = n > 8192 ? n - 8192 : 0;
    std::string_view tail = bytes.substr(size_t(from));
    size_t a = tail.find(lexicon::kFooterAnalyst);
    size_t b = tail.find(lexicon::kFooterSignup);
    size_t f = a < b ? a : b;
    if (f != std::string_view::npos) scan->footer_at = from + f;
  }

  bool crlf_reported = false;
  uint32_t number = 1;
  uint64_t lf_at = 0;     // next LF at or after pos (n: none); kept across lone-CR lines so that a
  bool lf_known = false;  // file of CRs only is not rescanned to its end for every line
  while (pos < n) {
    Line l;
    l.start = pos;
    l.number = number;
    if (!lf_known || lf_at < pos) {
      const unsigned char *nlp = text::find_byte(p + pos, size_t(n - pos), '\n');
      lf_at = nlp ? uint64_t(nlp - p) : n;
      lf_known = true;
    }
    const bool nl = lf_at < n;
    uint64_t e = lf_at;
    uint64_t next = nl ? e + 1 : n;
    if (any_cr) {
      const unsigned char *cr = text::find_byte(p + pos, size_t(e - pos), '\r');
      if (cr) {
        uint64_t c = uint64_t(cr - p);
        bool crlf = c + 1 == e && nl;
        if (!crlf) {  // a lone CR ends the line here
          e = c;
          next = c + 1;
        } else {
          e = c;
        }
        if (!crlf_reported) {
          crlf_reported = true;
          add_diag(s, DiagCode::crlf, Severity::warning, number, uint32_t(c - pos + 1), c, next,
                   crlf ? "CRLF line ends" : "CR line ends");
        }
      }
    }
    l.end = e;
    l.next = next;
    push_line(bytes, s, l, slow, strict, scan);
    pos = next;
    ++number;
  }
  static const DiagCode codes[5] = {DiagCode::invalid_utf8, DiagCode::nul_byte,
                                    DiagCode::control_char, DiagCode::cp1252_decoded,
                                    DiagCode::mojibake_repaired};
  static const char *const what[5] = {"invalid UTF-8 sequences replaced by U+FFFD",
                                      "NUL bytes replaced by U+FFFD", "control characters removed",
                                      "Windows-1252 bytes decoded",
                                      "double-encoded UTF-8 sequences repaired"};
  for (int k = 0; k < 5; ++k) {
    const RepairTally &t = s.tally[k];
    if (t.more == 0) continue;
    char msg[128];
    std::snprintf(msg, sizeof msg, "%llu more %s in this file, not listed one by one",
                  (unsigned long long)t.more, what[k]);
    add_diag(s, codes[k], t.severity, t.line, t.column, t.start, t.end, msg);
  }
}

}  // namespace parse
}  // namespace caci
