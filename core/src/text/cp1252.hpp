// Windows-1252 in a UTF-8 archive: lone bytes 0x80-0x9F that are cp1252 characters (0x92 is
// U+2019), and UTF-8 that was read as cp1252 and saved again (""a-circumflex euro trade-mark"" for
// U+2019, ""A-tilde pilcrow"" for o-umlaut).
#pragma once

#include <cstddef>
#include <cstdint>

namespace caci {
namespace text {

// The character of cp1252 byte `b` in 0x80-0x9F; 0 for the five bytes cp1252 leaves undefined
// and for bytes outside that range.
uint32_t cp1252_char(unsigned char b) noexcept;

// The UTF-8 length of `cp1252_char(b)` (2 or 3), or 0 when it is undefined.
size_t cp1252_utf8_length(unsigned char b) noexcept;

// Double-encoded UTF-8 at p[0]: the characters there, taken as cp1252 bytes, form one valid UTF-8
// sequence of two to four bytes. Returns the number of input bytes the double-encoded sequence
// spans (0 when there is none) and the character it stands for in *cp. Any bytes: only valid
// UTF-8 is read as a double-encoded sequence.
size_t mojibake_at(const unsigned char *p, size_t n, uint32_t *cp) noexcept;

// True when valid UTF-8 `p` holds a double-encoded sequence somewhere (mojibake_at). Cheap on
// clean text: memchr for the 0xC3 byte that every such sequence starts with.
bool may_hold_mojibake(const unsigned char *p, size_t n) noexcept;

}  // namespace text
}  // namespace caci
