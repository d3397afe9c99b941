// Index::save / load / open_file / load_view / verify: the format dispatch (layouts:
// index_file.hpp, index_file_v2.cpp, index_file_v3.cpp).
#include "index_file.hpp"

#include "../alloc_guard.hpp"
#include "lazy_text.hpp"

#include "../text/utf8.hpp"

#include "caci/core/normalize.hpp"
#include "caci/core/versions.hpp"

#include "varint.hpp"

#include <cstring>

namespace caci {

namespace detail {

const char *tokenizer_unicode_version() {
  return unicode_version();
}

Status corrupt(std::string *err, const std::string &why) {
  if (err) *err = "corrupt index: " + why;
  return Status::ecorrupt;
}

Status reindex_for_unicode(const IndexImpl &ix, const std::string &unicode,
                           std::unique_ptr<IndexImpl> &out, std::string *err) {
  for (const Article &a : ix.store.articles)
    if (!a.deleted && (a.flags & flag_text_omitted)) {
      if (err)
        *err = "index built with Unicode " + unicode +
               " without article text cannot be re-indexed for Unicode " +
               tokenizer_unicode_version() + "; rebuild the index from the pages";
      return Status::eversion;
    }
  std::unique_ptr<IndexImpl> fresh(new IndexImpl(ix.opts));
  fresh->author_aliases = ix.author_aliases;
  for (const Article &a : ix.store.articles)
    if (!a.deleted) {
      Status st = fresh->add_article(ix.store, a);
      if (st == Status::enomem) return st;
      if (failed(st) && st != Status::done)
        return corrupt(err,
                       "an article cannot be re-indexed (" + std::string(status_str(st)) + ")");
    }
  fresh->finalize();
  link_versions(fresh->store);
  out = std::move(fresh);
  return Status::ok;
}

namespace {

class StringSink final : public SizedSink {
public:
  explicit StringSink(std::string &out) : out_(out) {}
  void expect(uint64_t total_bytes) override {
    if (total_bytes <= out_.max_size() - out_.size()) out_.reserve(out_.size() + total_bytes);
  }
  bool write(const char *data, size_t n) override {
    out_.append(data, n);
    return true;
  }

private:
  std::string &out_;
};

// Checks the magic and the versions; the format version in *version.
Status check_header(std::string_view bytes, uint32_t *version, std::string *err) {
  const auto *b = reinterpret_cast<const uint8_t *>(bytes.data());
  if (bytes.size() < 8 || std::memcmp(b, kIndexMagic, 8) != 0)
    return corrupt(err, "not a libcaci index (bad magic)");
  if (bytes.size() < kHeaderSize) return corrupt(err, "truncated header");
  *version = get_u32le(b + 8);
  const uint32_t min_reader = get_u32le(b + 12);
  if (min_reader > kReaderVersion) {
    if (err)
      *err = "index format version " + std::to_string(*version) + " needs a reader of version " +
             std::to_string(min_reader) + "; this library is a reader of version " +
             std::to_string(kReaderVersion) + " (formats " + std::to_string(kOldestReadVersion) +
             " to " + std::to_string(kFormatVersion) + ")" +
             "; upgrade libcaci or rebuild the index with `caci index -o INDEX PAGES...`";
    return Status::eversion;
  }
  if (*version < kOldestReadVersion) {
    if (err)
      *err = "index format version " + std::to_string(*version) +
             " is too old for this library (it reads " + std::to_string(kOldestReadVersion) +
             " to " + std::to_string(kFormatVersion) +
             "); rebuild it from the pages with `caci index -o INDEX PAGES...`";
    return Status::eversion;
  }
  return Status::ok;
}

// Opens `file` in place (format 3) or decodes it (format 2).
Status open_bytes(std::shared_ptr<const FileBytes> file, std::unique_ptr<IndexImpl> &out,
                  std::string *err) {
  uint32_t version = 0;
  Status st = check_header(file->view(), &version, err);
  if (failed(st)) return st;
  // A format-2 reader (min reader 2) may meet a newer file: it is read as format 2 then. This
  // library writes 3 and reads both.
  if (version >= 3) return open_v3(std::move(file), out, err);
  st = load_v2(file->view(), out, err);
  if (st == Status::ok) link_versions(out->store);  // format 2 did not store them
  return st;
}

}  // namespace

}  // namespace detail

using namespace detail;

namespace {

// Whether every body reference of `store` starts and ends on a character boundary of `body` (valid
// UTF-8 as a whole). An opened file's views are checked as they are read (LazyText::text); once its
// text is copied into memory nothing checks them, so a forged reference that cuts a character is
// caught here.
bool body_refs_whole_characters(const ArticleStore &store, std::string_view body) {
  auto cuts = [&](TextRef r) { return text::cuts_character(body, r.offset, r.length); };
  for (const TextRef &p : store.paragraphs)
    if (cuts(p)) return false;
  for (const Article &a : store.articles)
    if (cuts(a.title) || cuts(a.text)) return false;
  return true;
}

}  // namespace

Status IndexImpl::make_mutable() {
  if (!file) return Status::ok;
  // Built aside, swapped in at the end: a failure leaves the index as it was.
  std::string body;
  if (store.lazy_body) {
    const size_t n = store.lazy_body->size();
    body.resize(n);
    const std::string_view all = store.body_text(TextRef{0, static_cast<uint32_t>(n)});
    if (all.size() != n) return Status::ecorrupt;
    std::memcpy(&body[0], all.data(), n);
    if (!body_refs_whole_characters(store, body)) return Status::ecorrupt;
  }
  TermDictionary owned_terms = terms;
  owned_terms.thaw();
  TermLists owned_term_lists;
  owned_term_lists.assign(owned_terms.size());
  std::vector<PostingList> owned_lists;
  owned_lists.reserve(file->list_count);
  for (uint32_t t = 0; t < owned_terms.size(); ++t)
    for (int f = 0; f < kFieldCount; ++f) {
      const uint32_t l = list_of(t, static_cast<Field>(f));
      if (l == kNoList) continue;
      owned_term_lists.at(t, f) = static_cast<uint32_t>(owned_lists.size());
      owned_lists.push_back(list(l));
    }
  std::string owned_pool(file->pool);
  std::unordered_map<std::string, uint32_t> owned_file_ids;
  for (uint32_t f = 0; f < store.files.size(); ++f) owned_file_ids.emplace(store.files[f], f);
  std::vector<uint32_t> owned_len(file->field_len_count);
  for (size_t k = 0; k < owned_len.size(); ++k) owned_len[k] = file->field_length_at(k);
  if (store.lazy_body) {
    store.lazy_body.reset();
    store.body.swap(body);
  }
  terms = std::move(owned_terms);
  term_lists.swap(owned_term_lists);
  lists.swap(owned_lists);
  list_count = static_cast<uint32_t>(lists.size());
  pool.swap(owned_pool);
  field_len.swap(owned_len);
  file_ids.swap(owned_file_ids);
  file.reset();
  return Status::ok;
}

Status Index::save(std::string &out, const SaveOptions &opts) const {
  StringSink sink(out);
  return save_to(sink, opts);
}

Status Index::save_to(ByteSink &sink, const SaveOptions &opts) const {
  return enomem_on_alloc_failure(
      [&] {
        IndexImpl &ix = *impl_;
        std::lock_guard<std::mutex> lock(ix.finalize_mutex);
        // An opened file saved unchanged is its own bytes (a search-only file stays one).
        if (ix.file && ix.file->unchanged) {
          const bool search_only =
              ix.store.articles.empty() || (ix.store.articles[0].flags & flag_text_omitted);
          if (opts.store_text || search_only) {
            const std::string_view bytes = ix.file->bytes->view();
            return sink.write(bytes.data(), bytes.size()) ? Status::ok : Status::eio;
          }
        }
        Status st = ix.make_mutable();
        if (failed(st)) return st;
        ix.finalize();
        // Compaction re-tokenises the live articles' text: articles loaded from a search-only file
        // have none, so such an index is written as it is, removed articles kept as tombstones.
        bool text_missing = false;
        for (const Article &a : ix.store.articles)
          text_missing = text_missing || (!a.deleted && (a.flags & flag_text_omitted));
        if (ix.live == ix.store.articles.size() || text_missing) return write_v3(ix, opts, sink);
        // Compact: re-index the live articles into a fresh index and save that.
        IndexImpl fresh(ix.opts);
        fresh.author_aliases = ix.author_aliases;
        for (const Article &a : ix.store.articles) {
          if (a.deleted) continue;
          st = fresh.add_article(ix.store, a);
          if (failed(st)) return st;
        }
        fresh.finalize();
        link_versions(fresh.store);
        return write_v3(fresh, opts, sink);
      },
      [] {});
}

// Each opening keeps `out` as it was unless the new index opened.
Status Index::load(std::string_view bytes, Index &out, std::string *err) {
  std::unique_ptr<IndexImpl> impl;
  const Status st = enomem_on_alloc_failure(
      [&] {
        std::shared_ptr<const FileBytes> copy;
        const Status copied = FileBytes::copy(bytes.data(), bytes.size(), copy);
        return failed(copied) ? copied : open_bytes(std::move(copy), impl, err);
      },
      [] {});
  if (!failed(st)) out.impl_ = std::move(impl);
  return st;
}

Status Index::load_view(std::string_view bytes, Index &out, std::string *err) {
  std::unique_ptr<IndexImpl> impl;
  const Status st = enomem_on_alloc_failure(
      [&] { return open_bytes(FileBytes::borrow(bytes.data(), bytes.size()), impl, err); }, [] {});
  if (!failed(st)) out.impl_ = std::move(impl);
  return st;
}

Status Index::open_file(const std::string &path, Index &out, std::string *err) {
  std::unique_ptr<IndexImpl> impl;
  const Status st = enomem_on_alloc_failure(
      [&] {
        std::shared_ptr<const FileBytes> file;
        const Status mapped = FileBytes::map_file(path, file, err);
        return failed(mapped) ? mapped : open_bytes(std::move(file), impl, err);
      },
      [] {});
  if (!failed(st)) out.impl_ = std::move(impl);
  return st;
}

Status Index::verify(std::string *err) const {
  return enomem_on_alloc_failure([&] { return verify_v3(*impl_, err); }, [] {});
}

}  // namespace caci
