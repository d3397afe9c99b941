// Cached people and countries of stored articles; see article_facts.hpp.
#include "article_facts.hpp"

#include "byte_io.hpp"
#include "huge_pages.hpp"
#include "index_impl.hpp"

#include "caci/core/gazetteer.hpp"

#include <functional>

namespace caci::detail {

void ArticleFacts::sync_aliases(const AuthorAliases &aliases) {
  if (aliases.generation() == alias_generation_) return;
  alias_generation_ = aliases.generation();
  slots_.clear();
  by_name_.clear();
  by_key_.clear();
  keys_.clear();
  slots_by_person_.clear();
  grouped_for_ = {};
}

void ArticleFacts::group_people(const ArticleStore &store, const AuthorAliases &aliases) {
  sync_aliases(aliases);
  const Grouped now{store.articles.size(), store.authors.size(), store.meta.size()};
  if (now == grouped_for_ && now.articles != 0) return;
  for (std::vector<AuthorSlot> &v : slots_by_person_) v.clear();
  for (uint32_t d = 0; d < store.articles.size(); ++d) {
    const Article &a = store.articles[d];
    for (uint32_t i = 0; i < a.authors.count; ++i) {
      const uint32_t k = a.authors.begin + i;
      const uint32_t p = person(store, aliases, k);
      if (p == kNoPerson) continue;
      if (slots_by_person_.size() <= p) slots_by_person_.resize(p + 1);
      slots_by_person_[p].push_back(AuthorSlot{d, k});
    }
  }
  grouped_for_ = now;
}

const std::vector<ArticleFacts::AuthorSlot> &ArticleFacts::slots_of(uint32_t p) const {
  static const std::vector<AuthorSlot> none;
  return p < slots_by_person_.size() ? slots_by_person_[p] : none;
}

uint32_t ArticleFacts::person_of_key(std::string key) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  const uint32_t p = static_cast<uint32_t>(keys_.size());
  keys_.push_back(key);
  by_key_.emplace(std::move(key), p);
  return p;
}

uint32_t ArticleFacts::person(const ArticleStore &store, const AuthorAliases &aliases, size_t k) {
  sync_aliases(aliases);
  if (k >= store.authors.size()) return kNoPerson;
  const TextRef r = store.authors[k].name;
  if (static_cast<uint64_t>(r.offset) + r.length > store.meta.size()) return kNoPerson;
  const std::string_view name = store.meta_text(r);
  const uint64_t hash = std::hash<std::string_view>()(name);
  if (slots_.size() < store.authors.size()) slots_.resize(store.authors.size());
  Slot &slot = slots_[k];
  if (slot.person != kNoPerson && slot.name_hash == hash) return slot.person;
  std::string spelling(name);
  auto it = by_name_.find(spelling);
  uint32_t p;
  if (it != by_name_.end()) {
    p = it->second;
  } else {
    p = person_of_key(aliases.resolve(author_key(name)));
    by_name_.emplace(std::move(spelling), p);
  }
  slot.name_hash = hash;
  slot.person = p;
  return p;
}

uint32_t ArticleFacts::find_person(const AuthorAliases &aliases, std::string_view name) {
  sync_aliases(aliases);
  std::string key = author_key(name);
  if (key.empty()) return kNoPerson;
  auto it = by_key_.find(aliases.resolve(key));
  return it == by_key_.end() ? kNoPerson : it->second;
}

uint32_t ArticleFacts::countries(const ArticleStore &store, uint32_t doc) {
  if (doc >= store.articles.size()) return 0;
  if (countries_.size() < store.articles.size()) {
    if (countries_.empty()) reserve_populated(countries_, store.articles.size());
    countries_.resize(store.articles.size());
  }
  const Article &a = store.articles[doc];
  Countries &c = countries_[doc];
  if (c.done && c.id == a.id) return c.bits;
  int ids[kCountryCount];
  const int n = article_countries(store, a, ids);
  c.bits = 0;
  for (int i = 0; i < n; ++i) c.bits |= 1u << ids[i];
  c.id = a.id;
  c.done = true;
  return c.bits;
}

void ArticleFacts::set_countries(const ArticleStore &store, uint32_t doc, uint32_t bits) {
  if (doc >= store.articles.size()) return;
  if (countries_.size() < store.articles.size()) {
    if (countries_.empty()) reserve_populated(countries_, store.articles.size());
    countries_.resize(store.articles.size());
  }
  countries_[doc] = Countries{store.articles[doc].id, bits, true};
}

void encode_article_countries(const IndexImpl &ix, std::string &out) {
  ByteWriter w{out};
  const ArticleStore &s = ix.store;
  auto lock = ix.facts.lock();
  w.var(s.articles.size());
  for (uint32_t d = 0; d < s.articles.size(); ++d) w.var(ix.facts.countries(s, d));
}

bool decode_article_countries(std::string_view bytes, IndexImpl &ix, std::string &why) {
  ByteReader r(reinterpret_cast<const uint8_t *>(bytes.data()),
               reinterpret_cast<const uint8_t *>(bytes.data()) + bytes.size());
  const ArticleStore &s = ix.store;
  const uint64_t n = r.var();
  if (!r.ok || n != s.articles.size()) {
    why = "article countries section: article count differs from the store";
    return false;
  }
  auto lock = ix.facts.lock();
  for (uint32_t d = 0; d < n; ++d) {
    const uint64_t bits = r.var();
    if (!r.ok || bits >= (uint64_t(1) << kCountryCount)) {
      why = "article countries section: truncated or unknown country";
      return false;
    }
    ix.facts.set_countries(s, d, static_cast<uint32_t>(bits));
  }
  if (r.left() != 0) {
    why = "article countries section: trailing bytes";
    return false;
  }
  return true;
}

}  // namespace caci::detail
