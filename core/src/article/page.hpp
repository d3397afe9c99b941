// One page split into lines: terminators (LF, CRLF, lone CR), the BOM, invalid UTF-8 and control
// characters handled once, in one pass over the bytes. Lines keep their offsets in the original
// input; a line whose bytes needed repair carries its repaired text in `Page::fixed`.
#pragma once

#include "caci/core/article.hpp"
#include "classify.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace caci {
namespace parse {

struct Line {
  uint64_t start = 0;   // first byte of the content (original input offsets)
  uint64_t end = 0;     // one past the content (terminator excluded)
  uint64_t next = 0;    // one past the terminator
  uint32_t number = 0;  // 1-based line number
  uint32_t fixed_offset = 0;
  uint32_t fixed_length = 0;
  bool fixed = false;        // text is in Page::fixed (bytes were replaced or removed)
  uint32_t column_base = 0;  // bytes of the physical line before `start` (split lines)
  bool glued = false;        // split off the end of the previous line (glued byline or footer)
  LineRecord rec;
  uint8_t repairs = 0;  // RepairKind bits: what the byte repair did on this line
};

// What the byte repair did to a line; the builder turns these into article flags.
enum RepairKind : uint8_t {
  repair_invalid = 1u << 0,   // invalid UTF-8 or NUL replaced by U+FFFD
  repair_cp1252 = 1u << 1,    // a lone Windows-1252 byte decoded as its character
  repair_mojibake = 1u << 2,  // double-encoded UTF-8 (""a-circumflex euro trade-mark"") repaired
};

struct PendingDiag {
  uint32_t line = 0;
  uint32_t column = 0;
  uint64_t byte_start = 0;
  uint64_t byte_end = 0;
  Severity severity = Severity::warning;
  DiagCode code = DiagCode::unclassified;
  uint32_t message_offset = 0;  // into Scratch::diag_text
  uint32_t message_length = 0;
  // For appending the document to another (caci/core/append.hpp): a `duplicate` warning names
  // `article`; a slot marks where article `article`'s warning would go (it is no diagnostic).
  enum class Role : uint8_t { none, duplicate_of, slot };
  Role role = Role::none;
  uint32_t article = 0;
};

// Byte-repair diagnostics beyond the per-page limit, summarised in one diagnostic.
struct RepairTally {
  uint32_t reported = 0;
  uint64_t more = 0;
  uint32_t line = 0, column = 0;
  uint64_t start = 0, end = 0;
  Severity severity = Severity::warning;
};

// Reused across pages (thread_local), so a steady stream of pages allocates nothing.
struct Scratch {
  RepairTally tally[5];  // invalid_utf8, nul_byte, control_char, cp1252_decoded, mojibake_repaired
  std::vector<Line> lines;
  BylineTable bylines;  // parsed bylines, indexed by LineRecord::byline
  std::string fixed;
  std::vector<PendingDiag> diags;
  std::string diag_text;
  std::string text;     // assembled paragraph text (e-mail cloaking removed)
  std::string message;  // a diagnostic message being assembled
  void clear() {
    lines.clear();
    bylines.clear();
    fixed.clear();
    diags.clear();
    diag_text.clear();
    text.clear();
    for (RepairTally &t : tally) t = RepairTally();
  }
};

Scratch &thread_scratch();

struct PageScan {
  bool bom = false;
  bool invalid = false;             // some bytes were not UTF-8 (and not a Windows-1252 character)
  bool mojibake = false;            // the page holds ""a-circumflex euro"" or "A-tilde" sequences:
                                    // double-encoded UTF-8 likely
  bool controls = false;            // some C0 control other than TAB, LF, CR
  uint64_t footer_at = UINT64_MAX;  // where a footer glued to a paragraph starts
};

// Splits `bytes` into s.lines, classifying each line and splitting glued bylines/footers off.
// Appends diagnostics (bom, crlf, invalid_utf8, nul_byte, control_char) to s.diags.
void scan_page(std::string_view bytes, bool strict, Scratch &s, PageScan *scan);

// Offset in the original input of position `pos` of a repaired line's text (`l.fixed`): repairs
// change lengths (an invalid byte becomes a 3-byte U+FFFD, a control character disappears).
uint64_t original_offset(std::string_view bytes, const Line &l, size_t pos);

// Text of a line (repaired if needed).
inline std::string_view line_text(std::string_view bytes, const Scratch &s, const Line &l) {
  if (l.fixed) return std::string_view(s.fixed).substr(l.fixed_offset, l.fixed_length);
  return bytes.substr(size_t(l.start), size_t(l.end - l.start));
}

void add_diag(Scratch &s, DiagCode code, Severity sev, uint32_t line, uint32_t column, uint64_t bs,
              uint64_t be, std::string_view message);

}  // namespace parse
}  // namespace caci
