// Facts derived from the stored articles on first use and cached: the person behind each author
// name (people.hpp: key, then the alias table) and the countries each article is about
// (gazetteer.hpp). Searches are const and may run in parallel, so every reader holds lock().
//
// Each cached entry remembers what it was computed from (the name's bytes, the article's id), and
// is recomputed when that changed (articles added, an index reset and refilled); a new alias
// table drops the people.
#pragma once

#include "people.hpp"

#include "caci/core/article.hpp"

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caci {
class IndexImpl;
}

namespace caci::detail {

class ArticleFacts {
public:
  std::unique_lock<std::mutex> lock() const { return std::unique_lock<std::mutex>(mutex_); }

  // Person id of the author name in slot `k` of store.authors (the caller holds lock()).
  uint32_t person(const ArticleStore &store, const AuthorAliases &aliases, size_t k);
  // Person id of a name not necessarily in the store (a query's `author:"..."`); kNoPerson if
  // no stored name is that person.
  static constexpr uint32_t kNoPerson = 0xffffffffu;
  uint32_t find_person(const AuthorAliases &aliases, std::string_view name);
  // The canonical key of a person id.
  const std::string &person_key(uint32_t p) const { return keys_[p]; }
  // Countries of article `doc` as a bit set (bit i: country id i), computed on first use.
  uint32_t countries(const ArticleStore &store, uint32_t doc);
  // Records the countries of `doc` as read from an index file (decode_article_countries).
  void set_countries(const ArticleStore &store, uint32_t doc, uint32_t bits);

private:
  void sync_aliases(const AuthorAliases &aliases);
  uint32_t person_of_key(std::string key);

  mutable std::mutex mutex_;
  uint64_t alias_generation_ = 0;
  struct Slot {
    uint64_t name_hash = 0;
    uint32_t person = kNoPerson;
  };
  std::vector<Slot> slots_;                            // per store.authors slot
  std::unordered_map<std::string, uint32_t> by_name_;  // spelling -> person
  std::unordered_map<std::string, uint32_t> by_key_;   // canonical key -> person
  std::vector<std::string> keys_;                      // person -> canonical key
  struct Countries {
    uint64_t id = 0;
    uint32_t bits = 0;
    bool done = false;
  };
  std::vector<Countries> countries_;  // per doc
};

// Index file (a section for the lead to assign): every article's country bits, computed from its
// text when saved, so that a search-only file (no text) keeps them and an opened file never reads
// an article's text for its countries. Layout: varint article count, then a varint per article.
void encode_article_countries(const IndexImpl &ix, std::string &out);
bool decode_article_countries(std::string_view bytes, IndexImpl &ix, std::string &why);

}  // namespace caci::detail
