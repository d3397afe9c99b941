// Copies an article, with all its text, from any ArticleStore into the index's own store. The body
// text is copied as one block (the article text) and every body reference inside it is relocated,
// so the copy keeps the "article text = title, lead, sections, bio" layout that snippet offsets
// rely on.
#include "index_impl.hpp"
#include "lazy_text.hpp"

#include "../text/utf8.hpp"

namespace caci {

namespace {

bool in_bounds(TextRef r, size_t size) {
  return static_cast<uint64_t>(r.offset) + r.length <= size;
}
bool range_ok(Range r, size_t size) {
  return static_cast<uint64_t>(r.begin) + r.count <= size;
}

}  // namespace

bool IndexImpl::article_refs_ok(const ArticleStore &src, const Article &a) {
  return in_bounds(a.text, src.body_size()) && in_bounds(a.title, src.body_size()) &&
         in_bounds(a.photo_credit, src.meta.size()) && range_ok(a.authors, src.authors.size()) &&
         range_ok(a.lead, src.paragraphs.size()) && range_ok(a.sections, src.sections.size()) &&
         range_ok(a.bio, src.paragraphs.size()) && range_ok(a.links, src.links.size());
}

Status IndexImpl::copy_article(const ArticleStore &src, const Article &a, uint32_t *doc) {
  return copy_article_to(store, file_ids, src, a, doc);
}

Status IndexImpl::copy_article_to(ArticleStore &store,
                                  std::unordered_map<std::string, uint32_t> &file_ids,
                                  const ArticleStore &src, const Article &a, uint32_t *doc,
                                  detail::TextPieces *pieces) {
  if (!article_refs_ok(src, a)) return Status::einval;
  // With `pieces`, the body text is not copied: its ranges of src.body are recorded instead.
  auto body_size = [&]() -> uint64_t { return pieces ? pieces->size : store.body.size(); };
  if (body_size() + static_cast<uint64_t>(a.text.length) > 0xffffffffu ||
      store.articles.size() >= 0xfffffff0u)
    return Status::erange;
  if (pieces && pieces->base.data() != src.body.data()) return Status::einternal;

  const uint32_t text_base = static_cast<uint32_t>(body_size());
  // body_text(): the source may be an opened index whose text is decoded on demand.
  const std::string_view text = src.body_text(a.text);
  if (text.size() != a.text.length) return Status::ecorrupt;
  if (pieces)
    pieces->add(a.text.offset, a.text.length);
  else
    store.body.append(text.data(), text.size());
  // Body references inside the article text move with it; any outside it get their own copy.
  auto body_ref = [&](TextRef r) -> TextRef {
    if (r.empty()) return TextRef{};
    if (!in_bounds(r, src.body_size())) return TextRef{};
    if (r.offset >= a.text.offset && static_cast<uint64_t>(r.offset) + r.length <=
                                         static_cast<uint64_t>(a.text.offset) + a.text.length) {
      // The text is valid UTF-8; a forged reference that cuts a character would hand out a view
      // that is not (an opened file checks its views as it reads them, a copy does not).
      const size_t from = r.offset - a.text.offset, to = from + r.length;
      if (text::cuts_character(text, from, to - from)) return TextRef{};
      return TextRef{text_base + static_cast<uint32_t>(from), r.length};
    }
    const std::string_view piece = src.body_text(r);
    TextRef out{static_cast<uint32_t>(body_size()), static_cast<uint32_t>(piece.size())};
    if (pieces)
      pieces->add(r.offset, r.length);
    else
      store.body.append(piece.data(), piece.size());
    return out;
  };
  auto meta_ref = [&](TextRef r) -> TextRef {
    if (r.empty() || !in_bounds(r, src.meta.size())) return TextRef{};
    TextRef out{static_cast<uint32_t>(store.meta.size()), r.length};
    store.meta.append(src.meta, r.offset, r.length);
    return out;
  };
  auto paragraphs = [&](Range r) -> Range {
    Range out{static_cast<uint32_t>(store.paragraphs.size()), r.count};
    for (uint32_t i = 0; i < r.count; ++i)
      store.paragraphs.push_back(body_ref(src.paragraphs[r.begin + i]));
    return out;
  };
  auto file_id = [&](uint32_t f) -> uint32_t {
    std::string name(src.file_name(f));
    auto it = file_ids.find(name);
    if (it != file_ids.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(store.files.size());
    store.files.push_back(name);
    file_ids.emplace(std::move(name), id);
    return id;
  };

  Article c;
  c.store = &store;
  c.id = a.id;
  c.kind = a.kind;
  c.category = a.category;
  c.flags = a.flags;
  c.date = a.date;
  c.date_source = a.date_source;
  c.text = TextRef{text_base, a.text.length};
  c.title = body_ref(a.title);
  c.authors = Range{static_cast<uint32_t>(store.authors.size()), a.authors.count};
  for (uint32_t i = 0; i < a.authors.count; ++i) {
    const Author &sa = src.authors[a.authors.begin + i];
    Author da;
    da.name = meta_ref(sa.name);
    da.affiliation = meta_ref(sa.affiliation);
    Range h = range_ok(sa.honorifics, src.honorifics.size()) ? sa.honorifics : Range{};
    da.honorifics = Range{static_cast<uint32_t>(store.honorifics.size()), h.count};
    for (uint32_t k = 0; k < h.count; ++k)
      store.honorifics.push_back(meta_ref(src.honorifics[h.begin + k]));
    store.authors.push_back(da);
  }
  c.lead = paragraphs(a.lead);
  c.photo_credit = meta_ref(a.photo_credit);
  c.outlet = meta_ref(a.outlet);
  c.sections = Range{static_cast<uint32_t>(store.sections.size()), a.sections.count};
  for (uint32_t i = 0; i < a.sections.count; ++i) {
    const Section &ss = src.sections[a.sections.begin + i];
    Section ds;
    ds.kind = ss.kind;
    ds.heading = meta_ref(ss.heading);
    ds.paragraphs =
        range_ok(ss.paragraphs, src.paragraphs.size()) ? paragraphs(ss.paragraphs) : Range{};
    // Sections are pushed after their paragraphs; keep the range pointing at this section.
    store.sections.push_back(ds);
  }
  c.bio = paragraphs(a.bio);
  c.links = Range{static_cast<uint32_t>(store.links.size()), a.links.count};
  for (uint32_t i = 0; i < a.links.count; ++i) {
    const Link &sl = src.links[a.links.begin + i];
    store.links.push_back(Link{sl.kind, meta_ref(sl.title)});
  }
  c.source = a.source;
  c.source.file = file_id(a.source.file);
  c.duplicates = a.duplicates;
  for (SourceRef &d : c.duplicates) d.file = file_id(d.file);
  c.deleted = false;
  *doc = static_cast<uint32_t>(store.articles.size());
  store.articles.push_back(std::move(c));
  return Status::ok;
}

}  // namespace caci
