// caci::Index: thin forwarding to IndexImpl.
#include "index_impl.hpp"
#include "lazy_text.hpp"
#include "text_stream.hpp"

#include "caci/core/versions.hpp"

#include "../alloc_guard.hpp"

#include <cstring>
#include <exception>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace caci {

namespace {

// Excerpts and teasers are linked to their full articles again after every change of the article
// set (versions.hpp). The links are derived: out of memory, the change stands (its status is
// returned) and the articles list no versions, rather than undoing an addition that succeeded.
Status relink_versions(IndexImpl &ix, Status result) {
  enomem_on_alloc_failure(
      [&] {
        link_versions(ix.store);
        return Status::ok;
      },
      [&] {
        for (Article &a : ix.store.articles) std::vector<uint32_t>().swap(a.versions);
      });
  return result;
}

// A parsed document's text is reserved for its whole input (pages hold more than article text) and
// callers may fault all of it in up front: the index never writes past the text it adopts, so the
// pages of the unused capacity go back to the system. No copy (unlike shrink_to_fit); an append
// later faults fresh zero pages in. Best effort; nothing off Linux.
void release_unused_capacity(std::string &s) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_DONTNEED)
  constexpr uintptr_t kPage = 4096;
  const uintptr_t data = reinterpret_cast<uintptr_t>(s.data());
  const uintptr_t begin = (data + s.size() + 1 + kPage - 1) & ~(kPage - 1);  // after the NUL
  const uintptr_t end = (data + s.capacity()) & ~(kPage - 1);
  if (end > begin + (uintptr_t(1) << 20))
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
#else
  (void)s;
#endif
}

// A built index whose text was compressed as it was built (take_document with save options)
// serves it from its chunks; before articles are added it decodes it back into its own buffer.
Status own_built_text(IndexImpl &ix) {
  if (ix.file || !ix.store.lazy_body) return Status::ok;
  const size_t n = ix.store.lazy_body->size();
  std::string body;
  body.resize(n);
  const std::string_view all = ix.store.body_text(TextRef{0, static_cast<uint32_t>(n)});
  if (all.size() != n) return Status::ecorrupt;
  std::memcpy(&body[0], all.data(), n);
  ix.store.lazy_body.reset();
  ix.store.body.swap(body);
  return Status::ok;
}

// The store adopted from a parsed document rewritten in the layout add_document builds (what
// write_v3 writes for an adopted store), when that layout keeps the text exactly as it is (the
// parser's output does: every article's text in order, nothing between): then the text is not
// copied but moved, and the index holds a canonical store. false leaves the store as it was.
bool canonicalize_adopted(IndexImpl &ix) {
  ArticleStore &s = ix.store;
  ArticleStore canonical;
  detail::TextPieces pieces;
  std::unordered_map<std::string, uint32_t> file_ids;
  pieces.base = s.body;
  canonical.articles.reserve(s.articles.size());
  canonical.paragraphs.reserve(s.paragraphs.size());
  canonical.authors.reserve(s.authors.size());
  canonical.honorifics.reserve(s.honorifics.size());
  canonical.sections.reserve(s.sections.size());
  canonical.links.reserve(s.links.size());
  canonical.meta.reserve(s.meta.size());
  for (const Article &a : s.articles) {
    uint32_t doc = 0;
    if (failed(IndexImpl::copy_article_to(canonical, file_ids, s, a, &doc, &pieces))) return false;
    canonical.articles.back().deleted = a.deleted;
  }
  const bool same_text =
      pieces.size == s.body.size() &&
      (pieces.src.empty() || (pieces.src.size() == 1 && pieces.src[0].offset == 0));
  if (!same_text) return false;
  canonical.body = std::move(s.body);
  s = std::move(canonical);
  for (Article &a : s.articles) a.store = &s;
  ix.file_ids = std::move(file_ids);
  ix.store_adopted = false;
  return true;
}

}  // namespace

Index::Index() : impl_(new IndexImpl(IndexOptions{})) {}
Index::Index(const IndexOptions &opts) : impl_(new IndexImpl(opts)) {}
Index::~Index() = default;
Index::Index(Index &&) noexcept = default;
Index &Index::operator=(Index &&) noexcept = default;

const IndexOptions &Index::options() const {
  return impl_->opts;
}

void Index::set_options(const IndexOptions &opts) {
  impl_->opts = opts;
  if (impl_->file) impl_->file->unchanged = false;
}

Status Index::add_document(const Document &src, size_t *added) {
  size_t n = 0;
  Status result = enomem_on_alloc_failure(
      [&] {
        Status st = impl_->make_mutable();
        if (failed(st)) return st;
        st = own_built_text(*impl_);
        if (failed(st)) return st;
        impl_->reserve_for(src.store);
        IndexImpl::BulkBuild bulk(*impl_);
        for (const Article &a : src.store.articles) {
          if (a.deleted) continue;
          st = impl_->add_article(src.store, a);
          if (st == Status::ok)
            ++n;
          else if (failed(st))
            return st;
        }
        return Status::ok;
      },
      [] {});
  if (added) *added = n;
  if (n) result = relink_versions(*impl_, result);
  return result;
}

namespace {

// Whether a store can be adopted as it is: every reference of every article and every paragraph,
// author and link in range (the parser's output always is; anything else is copied instead, which
// checks and drops per article).
bool adoptable(const ArticleStore &s) {
  auto in_body = [&](TextRef r) {
    return static_cast<uint64_t>(r.offset) + r.length <= s.body.size();
  };
  auto in_meta = [&](TextRef r) {
    return static_cast<uint64_t>(r.offset) + r.length <= s.meta.size();
  };
  for (const TextRef &p : s.paragraphs)
    if (!in_body(p)) return false;
  for (const Author &au : s.authors)
    if (!in_meta(au.name) || !in_meta(au.affiliation) ||
        static_cast<uint64_t>(au.honorifics.begin) + au.honorifics.count > s.honorifics.size())
      return false;
  for (const TextRef &h : s.honorifics)
    if (!in_meta(h)) return false;
  for (const Section &x : s.sections)
    if (!in_meta(x.heading) ||
        static_cast<uint64_t>(x.paragraphs.begin) + x.paragraphs.count > s.paragraphs.size())
      return false;
  for (const Link &l : s.links)
    if (!in_meta(l.title)) return false;
  for (const Article &a : s.articles) {
    if (!IndexImpl::article_refs_ok(s, a)) return false;
    if (a.source.file >= s.files.size() && !s.files.empty()) return false;
    for (const SourceRef &d : a.duplicates)
      if (d.file >= s.files.size() && !s.files.empty()) return false;
  }
  return s.body.size() <= 0xffffffffu && s.articles.size() < 0xfffffff0u;
}

}  // namespace

Status Index::take_document(Document &src, size_t *added) {
  return take_document(src, added, nullptr);
}

Status Index::take_document(Document &src, size_t *added, const SaveOptions *will_save) {
  IndexImpl &ix = *impl_;
  if (ix.file) {
    Status st = ix.make_mutable();
    if (failed(st)) {
      if (added) *added = 0;
      return st;
    }
  }
  if (!ix.store.articles.empty() || ix.has_unfolded() || !adoptable(src.store)) {
    Status st = add_document(src, added);
    src.clear();
    return st;
  }
  size_t n = 0;
  detail::TextChunkStream stream;
  bool streamed = false;
  const Status st = enomem_on_alloc_failure(
      [&] {
        ix.store = std::move(src.store);
        ix.store_adopted = true;
        src.clear();
        ArticleStore &s = ix.store;
        release_unused_capacity(s.body);
        for (Article &a : s.articles) a.store = &s;
        // To be saved with its text: the text is compressed into the file's chunks as the
        // articles are indexed, and freed as it is (issue 13: the text is never held twice).
        streamed = will_save && will_save->store_text && canonicalize_adopted(ix);
        // The text is final: its compression, the build's longest chain, starts now (the ids and
        // the versions' links below only read the text, which nothing releases before
        // stream.consumed()).
        if (streamed)
          if (const Status started = stream.start(s.body, will_save->threads); failed(started))
            return started;
        if (!streamed)
          for (uint32_t f = 0; f < s.files.size(); ++f) ix.file_ids.emplace(s.files[f], f);
        ix.reserve_for(s, false);
        IndexImpl::BulkBuild bulk(ix, /*folds_yield=*/streamed && will_save->threads > 1);
        for (uint32_t d = 0; d < s.articles.size(); ++d) {
          Article &a = s.articles[d];
          if (a.deleted) continue;
          // The same id twice: keep the first, like add_document.
          if (!ix.by_id.insert(d, s.articles)) {
            a.deleted = true;
            continue;
          }
          ++ix.live;
          if (!streamed) {
            ix.index_article(d);
            ++n;
          }
        }
        if (streamed) {
          // Whatever reads the text other than indexing reads it before it is released: the
          // versions' links now, every article's countries as it is indexed (below).
          relink_versions(ix, Status::ok);
          // Articles after d start where d's text (and any piece of it copied out) ends.
          auto text_end = [&s](uint32_t d) -> size_t {
            return d + 1 < s.articles.size() ? s.articles[d + 1].text.offset : s.body.size();
          };
          // Every article's countries too, while its text is here: index_article counts them
          // from its tokens (a removed article's from its text).
          ix.countries_while_indexing = true;
          for (uint32_t d = 0; d < s.articles.size(); ++d) {
            if (!s.articles[d].deleted) {
              ix.index_article(d);
              ++n;
            } else {
              auto lock = ix.facts.lock();
              ix.facts.countries(s, d);
            }
            stream.consumed(text_end(d));
          }
          ix.countries_while_indexing = false;
          // The final fold of the postings now, while the text's last chunks are compressed on
          // the other thread, rather than by the save after it has waited for them.
          ix.finalize();
          std::shared_ptr<const detail::LazyText> text;
          if (const Status finished = stream.finish(text); failed(finished)) return finished;
          s.lazy_body = std::move(text);
        }
        // Per-doc lengths for every doc, removed ones included (the file format expects them all).
        ix.field_len.resize(s.articles.size() * kFieldCount, 0);
        return Status::ok;
      },
      [&] {
        stream.stop();
        ix.reset();
        n = 0;
      });
  if (failed(st)) {
    stream.stop();
    ix.reset();
    if (added) *added = 0;
    return st;
  }
  if (added) *added = n;
  return streamed ? Status::ok : relink_versions(ix, Status::ok);
}

Status Index::add_article(const ArticleStore &src, const Article &a) {
  return enomem_on_alloc_failure(
      [&] {
        Status st = impl_->make_mutable();
        if (failed(st)) return st;
        st = own_built_text(*impl_);
        if (failed(st)) return st;
        return relink_versions(*impl_, impl_->add_article(src, a));
      },
      [] {});
}

Status Index::remove(uint64_t id) {
  Status st = impl_->remove(id);
  return failed(st) ? st : relink_versions(*impl_, st);
}
size_t Index::size() const {
  return impl_->live;
}
const ArticleStore &Index::store() const {
  return impl_->store;
}

const Article *Index::find(uint64_t id) const {
  const uint32_t doc = impl_->by_id.find(id, impl_->store.articles);
  return doc == detail::IdTable::kAbsent ? nullptr : &impl_->store.articles[doc];
}

}  // namespace caci
