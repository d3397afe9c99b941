// The meta bytes an index file stores: author names, affiliations, honorifics, section headings,
// link titles, outlets and photo credits, each distinct string once. A store holds one copy per
// article (parsing appends as it goes), and the same few headings and names repeat across
// thousands of articles: 0.91 MB of meta for the 20,000-article archive, most of it repeats.
#pragma once

#include "caci/core/article.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace caci::detail {

class MetaStrings {
public:
  // Every meta reference of `s`, in a fixed order (honorifics, authors, sections, links, articles),
  // so that the same store always gives the same bytes. May throw std::bad_alloc.
  explicit MetaStrings(const ArticleStore &s);
  const std::string &bytes() const { return bytes_; }
  // Where reference `r` (into s.meta) lies in bytes(); an empty one is {0, 0}.
  TextRef at(TextRef r) const;

private:
  void add(TextRef r);

  const std::string &meta_;
  std::string bytes_;
  std::unordered_map<std::string_view, uint32_t> offset_;  // a string of meta_ -> its offset
};

}  // namespace caci::detail
