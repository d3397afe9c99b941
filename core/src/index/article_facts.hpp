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
  // An author entry: article `doc`, slot `slot` of store.authors.
  struct AuthorSlot {
    uint32_t doc, slot;
  };
  // Resolves the person of every author slot of the store (so find_person() knows every stored
  // name) and groups the slots by person, in store order, removed articles included (callers skip
  // them). Built once for the store and the alias table it was built with: an `author:` query
  // reads one person's entries instead of tokenizing every name of the index (the caller holds
  // lock()).
  void group_people(const ArticleStore &store, const AuthorAliases &aliases);
  // Person p's author slots; group_people() first. Empty for an unknown id.
  const std::vector<AuthorSlot> &slots_of(uint32_t p) const;
  // The store was emptied (an index reset): what was grouped for it no longer holds.
  void forget_store() { grouped_for_ = {}; }
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
  std::vector<std::vector<AuthorSlot>> slots_by_person_;
  // What slots_by_person_ was grouped from: the store's articles, author slots and name bytes;
  // all zero when nothing is grouped (the alias table clears it too).
  struct Grouped {
    size_t articles = 0, slots = 0, meta_bytes = 0;
    bool operator==(const Grouped &o) const {
      return articles == o.articles && slots == o.slots && meta_bytes == o.meta_bytes;
    }
  } grouped_for_;
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
