// The structs behind the opaque C handles, and the conversions between C and core types.
#pragma once

#include "caci/caci.h"
#include "caci/core/article.hpp"
#include "caci/core/index.hpp"

#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

// A document: the core Document plus the buffer caci_doc_to_json() hands out views of.
struct caci_doc {
  caci::Document doc;
  std::string json;
  // The text memory the last caci_doc_reserve() set aside, for caci_doc_prefault(), which may run
  // on another thread while the document is parsed and so must not look at the document itself.
  const char *prefault_begin = nullptr;
  size_t prefault_bytes = 0;
};

// The detail of a failed query.
struct caci_query_error {
  std::string message;
  size_t offset = 0;
};

// An index: the core Index plus per-handle output buffers and the last error (lesson 4: error
// detail lives on the handle). Searches may run on many threads at once, so the last query error
// is kept per thread, on the handle.
struct caci_index {
  explicit caci_index(caci::Index ix) : index(std::move(ix)) {}

  caci::Index index;
  std::string out;  // caci_index_save() / caci_index_article_json() result
  std::mutex errors_mutex;
  std::unordered_map<std::thread::id, caci_query_error> errors;  // last query error per thread

  void set_error(std::string message, size_t offset) {
    std::lock_guard<std::mutex> lock(errors_mutex);
    caci_query_error &e = errors[std::this_thread::get_id()];
    e.message = std::move(message);
    e.offset = offset;
  }
  // The calling thread's last query error on this index, or nullptr.
  const caci_query_error *error() const {
    std::lock_guard<std::mutex> lock(const_cast<std::mutex &>(errors_mutex));
    auto it = errors.find(std::this_thread::get_id());
    return it == errors.end() ? nullptr : &it->second;
  }
};

// One page of search results. Borrows the index (articles, texts).
struct caci_results {
  const caci_index *owner = nullptr;
  caci::SearchResults results;
};

namespace caci::capi {

// caci_article is the core Article itself; Article::store leads back to its owner's text.
inline const Article *article_of(const caci_article *a) noexcept {
  return reinterpret_cast<const Article *>(a);
}
inline const caci_article *to_c(const Article *a) noexcept {
  return reinterpret_cast<const caci_article *>(a);
}

inline caci_str null_str() noexcept {
  return caci_str{nullptr, 0};
}
// A present (possibly empty) string. data() of a std::string is never NULL.
inline caci_str str_of(std::string_view s) noexcept {
  return caci_str{s.data(), s.size()};
}
inline caci_str str_of(const char *s) noexcept {
  return s ? caci_str{s, std::char_traits<char>::length(s)} : null_str();
}

// Body/meta text as a view; the empty ref is a present empty string (paragraphs).
inline caci_str body_str(const ArticleStore &st, TextRef r) noexcept {
  if (!st.body_in_range(r)) return null_str();
  // An opened index decodes the text here; a chunk that does not decode reads as empty.
  const std::string_view v = st.body_text(r);
  return caci_str{v.data() ? v.data() : "", v.size()};
}
inline caci_str meta_str(const ArticleStore &st, TextRef r) noexcept {
  if (size_t(r.offset) + r.length > st.meta.size()) return null_str();
  return caci_str{st.meta.data() + r.offset, r.length};
}
// Optional text: an empty ref means null (title, photo credit, affiliation).
inline caci_str optional_body_str(const ArticleStore &st, TextRef r) noexcept {
  return r.empty() ? null_str() : body_str(st, r);
}
inline caci_str optional_meta_str(const ArticleStore &st, TextRef r) noexcept {
  return r.empty() ? null_str() : meta_str(st, r);
}

// Options conversions; each returns CACI_OK or the status the C function must return.
caci_status parse_options_from_c(const caci_parse_options *opts, ParseOptions &out) noexcept;
caci_status index_options_from_c(const caci_index_options *opts, IndexOptions &out) noexcept;
caci_status search_options_from_c(const caci_search_options *opts, SearchOptions &out) noexcept;

}  // namespace caci::capi
