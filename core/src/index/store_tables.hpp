// Internal to the stored-article codec (store_codec.cpp): the checked decoder of references, and
// format 3's tables of fixed-size records (store_tables.cpp).
#pragma once

#include "byte_io.hpp"

#include "caci/core/article.hpp"

#include "../text/utf8.hpp"

#include <string>
#include <string_view>

namespace caci::detail {

class MetaStrings;  // meta_strings.hpp

struct Decoder {
  ByteReader &r;
  ArticleStore &s;
  std::string &why;
  uint64_t lazy_body_size = 0;  // the body is decoded on demand: refs are checked against its size

  bool bad(const char *what) {
    if (why.empty()) why = what;
    r.fail();
    return false;
  }
  // A text reference into `buffer` (valid UTF-8): in range, and not cutting a character in two, so
  // that every view the API hands out is valid UTF-8 even from a forged file.
  TextRef ref_at(std::string_view buffer, TextRef t, const char *what) {
    const uint64_t end = static_cast<uint64_t>(t.offset) + t.length;
    if (end > buffer.size() || text::cuts_character(buffer, t.offset, t.length)) bad(what);
    return t;
  }
  TextRef ref(std::string_view buffer, const char *what) {
    TextRef t;
    t.offset = r.var32();
    t.length = r.var32();
    if (!r.ok) return t;
    return ref_at(buffer, t, what);
  }
  // A reference into the body: as ref(), or only in range when the body is decoded on demand (the
  // lazy text then checks each view it hands out).
  TextRef body_ref_at(TextRef t, const char *what) {
    if (!s.lazy_body) return ref_at(s.body, t, what);
    if (static_cast<uint64_t>(t.offset) + t.length > lazy_body_size) bad(what);
    return t;
  }
  TextRef body_ref(const char *what) {
    TextRef t;
    t.offset = r.var32();
    t.length = r.var32();
    if (!r.ok) return t;
    return body_ref_at(t, what);
  }
  Range range_at(Range x, size_t array_size, const char *what) {
    if (static_cast<uint64_t>(x.begin) + x.count > array_size) bad(what);
    return x;
  }
  Range range(size_t array_size, const char *what) {
    Range x;
    x.begin = r.var32();
    x.count = r.var32();
    if (!r.ok) return x;
    return range_at(x, array_size, what);
  }
  SourceRef source_at(SourceRef x) {
    if (x.file >= s.files.size() && !(x.file == 0 && s.files.empty()))
      bad("source file out of range");
    if (x.byte_start > x.byte_end) bad("bad source byte range");
    return x;
  }
  SourceRef source() {
    SourceRef x;
    x.file = r.var32();
    x.line = r.var32();
    x.byte_start = r.var();
    x.byte_end = r.var();
    if (!r.ok) return x;
    return source_at(x);
  }
};

// Writes the store's arrays (paragraphs to duplicates) as format 3's tables, after the text size,
// meta bytes and file names; with `meta`, references into s.meta point into meta->bytes().
void encode_tables(const ArticleStore &s, std::string &out, const MetaStrings *meta = nullptr);
// Reads them into d.s (whose meta, files and lazy body are set); false with d.why on any
// inconsistency.
bool decode_tables(Decoder &d);

}  // namespace caci::detail
