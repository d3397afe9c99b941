// People, not spellings: the canonical key of an author name, and the alias table that merges
// keys the rules cannot (a transliteration, a changed surname).
//
// Key rules (author_key), applied to the name's tokens as the tokenizer folds them (case,
// diacritics and compatibility forms folded; hyphens and apostrophes separate words):
//   1. Honorifics before the name (Dr, Prof, Professor, Mr, Amb, Gen, ...) and degrees after it
//      (PhD, Ph D, MD, MA, DPhil, ...) are dropped: `Dr. Svante Cornell, Ph.D.` = `Svante Cornell`.
//   2. Initials (one-letter words) are dropped when at least two longer words remain:
//      `S. Frederick Starr` = `Frederick Starr` = `Frederick S. Starr`. A name that is only
//      initials and a surname keeps them, so `J. Smith` and `A. Smith` stay two people (and
//      neither is merged with `John Smith`: the alias table can say so).
//   3. The remaining words joined by one space: `Slavomir Horak` (any accents) -> `slavomir horak`,
//      `Ul-Haq` = `Ul Haq`.
//
// Alias file (caci_index_set_author_aliases, `caci ... --aliases FILE`): UTF-8 text, one merge per
// line, `Name = Other Name [= Third Name ...]`; every name on the line is the same person. Blank
// lines and lines starting with `#` are ignored (a `#` elsewhere is part of a name). Merges are
// transitive across lines. A line without `=`, or with a side that has no letters, is an error
// that names the line: `aliases line 3: expected "Name = Other Name"`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caci {
class IndexImpl;
}

namespace caci::detail {

// The key of `name` by the rules above; empty when the name has no letters or digits.
std::string author_key(std::string_view name);

class AuthorAliases {
public:
  // Replaces the table with the merges of `text`. On a malformed line returns false, leaves the
  // table unchanged and sets `why` ("aliases line N: ...") and `line_offset` (byte offset of the
  // line in `text`).
  bool parse(std::string_view text, std::string &why, size_t &line_offset);
  // The canonical key of a key: the key the alias table merges it into (itself if none).
  std::string resolve(const std::string &key) const;
  // The text the table was set from (what is persisted), empty if none.
  const std::string &text() const { return text_; }
  bool empty() const { return canonical_.empty(); }
  // Bumped on every successful parse, so caches derived from the table know it changed.
  uint64_t generation() const { return generation_; }

private:
  std::string text_;
  std::unordered_map<std::string, std::string> canonical_;  // key -> canonical key (merged only)
  uint64_t generation_ = 0;
};

// Index file section s_author_aliases: the alias text as given (length-prefixed, little-endian).
void encode_author_aliases(const IndexImpl &ix, std::string &out);
bool decode_author_aliases(std::string_view bytes, IndexImpl &ix, std::string &why);

}  // namespace caci::detail
