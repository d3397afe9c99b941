// Text normalisation: backslash escapes, whitespace, NFC, optional quote folding.
//
// The common case (ASCII runs, curly quotes, dashes) is a straight copy. Only a stretch that holds
// a code point which NFC could change or combine (a combining mark, a precomposed letter, a Hangul
// jamo, a composition "second") is handed to utf8proc, together with the starter before it.
#include "caci/core/normalize.hpp"

#include "utf8.hpp"

#include <utf8proc.h>

#include <cstring>
#include <vector>

#include "simd16.hpp"

namespace caci {

const char *unicode_version() noexcept {
  return utf8proc_unicode_version();
}

namespace {

// True when the code point can be copied verbatim: NFC leaves it unchanged and it never combines
// with, or reorders against, the code point before it. Everything else goes through utf8proc.
bool nfc_inert(uint32_t cp, bool *nonstarter) noexcept {
  *nonstarter = false;
  if (cp < 0x300) {
    // Latin-1 letters with a canonical decomposition (U+00C0..U+00FF minus a few) are NFC-stable
    // alone, but a following combining mark may still reorder against them: that mark is itself
    // not inert and pulls this starter into its segment, so treating them as inert is correct.
    return true;
  }
  if (cp >= 0x2010 && cp <= 0x2027)
    return true;  // dashes, quotes, bullets, ellipsis: the common case
  if (cp >= 0x1100 && cp <= 0x11FF) return false;  // conjoining Hangul jamo
  if (cp >= 0xAC00 && cp <= 0xD7A3) return true;   // precomposed Hangul syllables (NFC)
  const utf8proc_property_t *p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0) {
    *nonstarter = true;
    return false;
  }
  if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
    // Canonical decomposition: NFC keeps it only if it is not excluded from composition.
    // Singletons (U+212B ANGSTROM SIGN) and excluded forms change; be conservative.
    if (p->comp_exclusion) return false;
    return false;  // rare outside Latin-1: let utf8proc decide
  }
  if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return false;  // composes backwards
  return true;
}

constexpr uint32_t kMaxNonStarters = 30;

uint32_t fold_quote(uint32_t cp) noexcept {
  switch (cp) {
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B:
  case 0x2032:
  case '`': return '\'';
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x2033: return '"';
  default: return 0;
  }
}

inline bool ascii_space(unsigned char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

struct Normalizer {
  std::string &out;
  const NormalizeOptions &opts;
  NormalizeReport rep;
  size_t base;          // out.size() at the start: trimming and NFC never reach before it
  size_t last_starter;  // position in out of the last code point with combining class 0
  size_t nfc_from = std::string::npos;  // start of a pending segment that needs utf8proc
  bool pending_space = false;
  uint32_t nonstarters = 0;  // consecutive non-starters in the input (stream-safe limit)

  Normalizer(std::string &o, const NormalizeOptions &op)
      : out(o), opts(op), base(o.size()), last_starter(o.size()) {}

  void flush_space() {
    if (pending_space) {
      pending_space = false;
      if (out.size() > base && out.back() == ' ') return;  // a run already ended with one
      if (nfc_from != std::string::npos) flush_nfc();
      last_starter = out.size();
      out.push_back(' ');
    }
  }

  void space() {
    pending_space = out.size() > base;
    nonstarters = 0;
  }

  void flush_nfc();

  // Appends an inert code point (or ASCII run) after closing any pending utf8proc segment.
  void inert(const char *p, size_t n) {
    nonstarters = 0;
    flush_space();
    if (nfc_from != std::string::npos) flush_nfc();
    if (opts.unescape && out.size() > base && out.back() == '\\') {
      // Escapes are undone on the output side, so a second pass finds nothing to undo: a run of
      // backslashes before a quote disappears, and a run elsewhere becomes one backslash.
      if (p[0] == '\'' || p[0] == '"') {
        while (out.size() > base && out.back() == '\\') out.pop_back();
        rep.unescaped = true;
      } else if (p[0] == '\\' && n == 1) {
        rep.unescaped = true;
        return;
      }
    }
    last_starter = out.size();
    out.append(p, n);
  }

  // inert() for a stretch of inert code points (copyable_end()): every one is a starter, so a
  // segment handed to utf8proc later starts at the last of them rather than at the stretch's
  // first byte (a mark after a long line normalised the whole line).
  void inert_run(const char *p, size_t n) {
    inert(p, n);
    size_t last = n - 1;
    while (last > 0 && (static_cast<unsigned char>(p[last]) & 0xC0) == 0x80) --last;
    last_starter = out.size() - n + last;
  }

  void inert_cp(uint32_t cp) {
    flush_space();
    if (nfc_from != std::string::npos) flush_nfc();
    last_starter = out.size();
    append_utf8_cp(cp);
  }

  void append_utf8_cp(uint32_t cp) { text::append_utf8(out, cp); }

  void needs_nfc(const char *p, size_t n) {
    flush_space();
    if (nfc_from == std::string::npos) nfc_from = last_starter;
    out.append(p, n);
  }
};

thread_local std::vector<utf8proc_int32_t> tl_cps;
thread_local std::string tl_nfc_out;

void Normalizer::flush_nfc() {
  size_t from = nfc_from;
  nfc_from = std::string::npos;
  const auto *src = reinterpret_cast<const utf8proc_uint8_t *>(out.data() + from);
  utf8proc_ssize_t len = static_cast<utf8proc_ssize_t>(out.size() - from);
  const utf8proc_option_t o = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  std::vector<utf8proc_int32_t> &cps = tl_cps;
  if (cps.size() < size_t(len) + 8) cps.resize(size_t(len) + 8);
  utf8proc_ssize_t n = utf8proc_decompose(src, len, cps.data(), utf8proc_ssize_t(cps.size()), o);
  if (n > utf8proc_ssize_t(cps.size())) {
    cps.resize(size_t(n));
    n = utf8proc_decompose(src, len, cps.data(), utf8proc_ssize_t(cps.size()), o);
  }
  if (n < 0) return;  // invalid input cannot reach here (callers pass valid UTF-8); keep as is
  n = utf8proc_normalize_utf32(cps.data(), n, o);
  if (n < 0) return;
  // Re-encode into a small local buffer first, then compare: most segments are already NFC.
  std::string &tmp = tl_nfc_out;
  tmp.clear();
  size_t last_start = 0;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    uint32_t cp = uint32_t(cps[size_t(i)]);
    if (opts.fold_quotes) {
      uint32_t f = fold_quote(cp);
      if (f) {
        cp = f;
        rep.quotes_folded = true;
      }
    }
    if (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class == 0)
      last_start = tmp.size();
    text::append_utf8(tmp, cp);
  }
  if (tmp.size() != out.size() - from || out.compare(from, tmp.size(), tmp) != 0) {
    rep.nfc_changed = true;
    out.resize(from);
    out += tmp;
  }
  last_starter = from + last_start;
}

// Bytes that need no care: 0x20..0x7E except backslash and backtick, with no two spaces in a row.
inline bool plain(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '\\' && c != '`';
}

inline uint64_t load64(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Exact mask of the high bit of every byte of x that equals zero.
inline uint64_t zero_bytes(uint64_t x) {
  const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full;
  uint64_t t = ((x & lo7) + lo7) | x;
  return ~(t | lo7);
}

inline uint64_t bcast(unsigned char c) {
  return 0x0101010101010101ull * c;
}

#if CACI_SIMD16
// One bit per byte of q[0, 16) that ends a plain run: below 0x20 or from 0x80 (a signed compare
// puts those below 0x20 too), 0x7F, '\\', '`', or a space followed by a space (reads q[16]).
inline unsigned block_mask(const unsigned char *q) {
  using namespace simd16;
  const Bytes v = load(q), w = load(q + 1), sp = splat(' ');
  const Bytes odd =
      or_(or_(lt(v, splat(0x20)), eq(v, splat(0x7F))), or_(eq(v, splat('\\')), eq(v, splat('`'))));
  return mask(or_(odd, and_(eq(v, sp), eq(w, sp))));
}
#endif

// End of the run of plain bytes starting at i (the byte at i is plain). Sixteen bytes per step
// with SSE2 or SIMD128, eight on other little-endian machines; a byte loop elsewhere and for the
// tail.
size_t plain_run_end(const unsigned char *p, size_t i, size_t n) {
  size_t j = i + 1;
#if CACI_SIMD16
  while (j + 17 <= n) {
    const unsigned m = block_mask(p + j);
    if (m) return j + size_t(__builtin_ctz(m));
    j += 16;
  }
  // The last bytes (most runs end where the line does): one block ending at the last byte, the
  // bits of what the loop checked shifted out, then the last byte alone (no pair after it).
  if (j < n && n >= 17) {
    const size_t b = n - 17;
    const unsigned m = block_mask(p + b) >> (j - b);
    if (m) return j + size_t(__builtin_ctz(m));
    return plain(p[n - 1]) ? n : n - 1;
  }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t high = 0x8080808080808080ull;
  while (j + 9 <= n) {
    uint64_t x = load64(p + j);
    // Below 0x20 (controls, and also >= 0x80 via the high bit), 0x7F, '\\', '`', or a space
    // followed by a space (the next word shifted by one byte checks the pair).
    uint64_t low = (x - bcast(0x20)) & ~x & high;
    uint64_t special = low | (x & high) | zero_bytes(x ^ bcast(0x7F)) |
                       zero_bytes(x ^ bcast('\\')) | zero_bytes(x ^ bcast('`'));
    uint64_t sp = zero_bytes(x ^ bcast(' ')) & zero_bytes(load64(p + j + 1) ^ bcast(' '));
    special |= sp;
    if (special) {
      j += size_t(__builtin_ctzll(special) >> 3);
      // The shifted pair test flags the first space of a pair; the run ends before it.
      return j;
    }
    j += 8;
  }
#endif
  while (j < n) {
    unsigned char d = p[j];
    if (!plain(d) || (d == ' ' && j + 1 < n && p[j + 1] == ' ')) break;
    ++j;
  }
  return j;
}

// Length of the UTF-8 sequence at p (p[0] >= 0x80) when it is a code point the loop below would
// copy as it is: U+00A1..U+02FF but U+0085 and U+00A0 (spaces), and U+2010..U+2027 (dashes,
// quotes, ellipsis; without the quotes when they are folded). 0 for anything else, which takes
// the general path. Letting these extend a plain run keeps one copy per line of text: accented
// names and curly quotes ended the run and cost a call each, a third of the function's time.
inline size_t inert_sequence_length(const unsigned char *p, size_t n, bool fold_quotes) {
  const unsigned char lead = p[0];
  if (lead >= 0xC2 && lead <= 0xCB) {  // U+0080..U+02FF
    if (n < 2 || (p[1] & 0xC0) != 0x80) return 0;
    if (lead == 0xC2 && p[1] < 0xA1) return 0;  // C1 controls, NEL, NBSP
    return 2;
  }
  if (lead == 0xE2) {  // U+2010..U+2027
    if (n < 3 || p[1] != 0x80 || p[2] < 0x90 || p[2] > 0xA7) return 0;
    if (fold_quotes && p[2] >= 0x98 && p[2] <= 0x9E) return 0;  // U+2018..U+201E
    return 3;
  }
  return 0;
}

// End of the stretch starting at i (the byte at i is plain and not a space) that can be copied
// as it is: plain runs joined by the sequences inert_sequence_length() accepts.
size_t copyable_end(const unsigned char *p, size_t i, size_t n, bool fold_quotes) {
  size_t j = plain_run_end(p, i, n);
  while (j < n && p[j] >= 0x80) {
    const size_t len = inert_sequence_length(p + j, n - j, fold_quotes);
    if (len == 0) break;
    j += len;
    // The run goes on from a plain byte; a space pair ends it before the pair, as inside a run.
    if (j >= n || !plain(p[j]) || (p[j] == ' ' && j + 1 < n && p[j + 1] == ' ')) break;
    j = plain_run_end(p, j, n);
  }
  return j;
}

}  // namespace

void normalize_append(std::string &out, std::string_view in, const NormalizeOptions &opts,
                      NormalizeReport *report) {
  Normalizer nz(out, opts);
  const auto *p = reinterpret_cast<const unsigned char *>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c > 0x20 && c < 0x7F && c != '\\' && c != '`') {
        // ASCII fast path: printable bytes with single interior spaces, found 8 at a time. The run
        // starts on a non-space, so every space pair inside it is seen by plain_run_end().
        size_t j = copyable_end(p, i, n, opts.fold_quotes);
        nz.inert_run(in.data() + i, j - i);
        i = j;
        continue;
      }
      if (c == '`' && opts.fold_quotes) {
        nz.rep.quotes_folded = true;
        nz.inert("'", 1);
        ++i;
        continue;
      }
      if (c == '\\') {
        nz.inert("\\", 1);
        ++i;
        continue;
      }
      if (ascii_space(c)) {
        nz.space();
        ++i;
        continue;
      }
      if (c == 0x7F || c < 0x20) {  // other C0 controls and DEL carry no text
        ++i;
        continue;
      }
      nz.inert(in.data() + i, 1);  // a backtick kept as is
      ++i;
      continue;
    }
    size_t start = i;
    size_t len = text::utf8_sequence_length(p + i, n - i);
    if (len == 0) {  // invalid input despite the contract: substitute, never read past the end
      i += text::utf8_invalid_length(p + i, n - i);
      nz.rep.had_invalid = true;
      nz.inert("\xEF\xBF\xBD", 3);
      continue;
    }
    size_t k = i;
    uint32_t cp = text::decode_valid(p, n, &k);
    i = start + len;
    if (text::is_unicode_space(cp)) {
      nz.space();
      continue;
    }
    if (cp == 0xFFFD) nz.rep.had_invalid = true;
    if (opts.fold_quotes) {
      uint32_t f = fold_quote(cp);
      if (f) {
        nz.rep.quotes_folded = true;
        char q = char(f);
        nz.inert(&q, 1);
        continue;
      }
    }
    bool nonstarter = false;
    if (nfc_inert(cp, &nonstarter)) {
      nz.inert(in.data() + start, len);
      continue;
    }
    if (!nonstarter) {
      nz.nonstarters = 0;
    } else if (++nz.nonstarters > kMaxNonStarters) {
      // Unicode Stream-Safe Text Format (UAX #15): after 30 non-starters insert U+034F COMBINING
      // GRAPHEME JOINER, a starter that blocks reordering, so canonical ordering of an endless run
      // of marks stays linear. A second pass finds runs of at most 30: idempotent.
      nz.inert("\xCD\x8F", 2);
      nz.nonstarters = 1;
    }
    nz.needs_nfc(in.data() + start, len);
  }
  if (nz.nfc_from != std::string::npos) nz.flush_nfc();
  if (out.size() > nz.base && out.back() == ' ') out.pop_back();  // a run may end with one space
  if (report) {
    report->unescaped |= nz.rep.unescaped;
    report->nfc_changed |= nz.rep.nfc_changed;
    report->quotes_folded |= nz.rep.quotes_folded;
    report->had_invalid |= nz.rep.had_invalid;
  }
}

}  // namespace caci
