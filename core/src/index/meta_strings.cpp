#include "meta_strings.hpp"

namespace caci::detail {

MetaStrings::MetaStrings(const ArticleStore &s) : meta_(s.meta) {
  for (TextRef h : s.honorifics) add(h);
  for (const Author &a : s.authors) {
    add(a.name);
    add(a.affiliation);
  }
  for (const Section &x : s.sections) add(x.heading);
  for (const Link &l : s.links) add(l.title);
  for (const Article &a : s.articles) {
    add(a.outlet);
    add(a.photo_credit);
  }
}

void MetaStrings::add(TextRef r) {
  if (r.length == 0 || static_cast<uint64_t>(r.offset) + r.length > meta_.size()) return;
  const std::string_view text(meta_.data() + r.offset, r.length);
  if (offset_.find(text) != offset_.end()) return;
  offset_.emplace(text, static_cast<uint32_t>(bytes_.size()));
  bytes_.append(text);
}

TextRef MetaStrings::at(TextRef r) const {
  if (r.length == 0 || static_cast<uint64_t>(r.offset) + r.length > meta_.size()) return TextRef{};
  const auto it = offset_.find(std::string_view(meta_.data() + r.offset, r.length));
  return it == offset_.end() ? TextRef{} : TextRef{it->second, r.length};
}

}  // namespace caci::detail
