// The structs behind the opaque C handles, and the conversions between C and core types.
#pragma once

#include "caci/caci.h"
#include "caci/core/article.hpp"
#include "caci/core/index.hpp"

#include <string>
#include <string_view>

// A document: the core Document plus the buffer caci_doc_to_json() hands out views of.
struct caci_doc {
  caci::Document doc;
  std::string json;
};

// An index: the core Index plus per-handle output buffers and the last error (lesson 4: error
// detail lives on the handle, not in thread-local state).
struct caci_index {
  caci::Index index;
  std::string out;            // caci_index_save() / caci_index_article_json() result
  std::string error_message;  // last error (query errors)
  size_t error_offset = 0;
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
  if (size_t(r.offset) + r.length > st.body.size()) return null_str();
  return caci_str{st.body.data() + r.offset, r.length};
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
