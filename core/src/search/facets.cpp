#include "facets.hpp"

#include "caci/core/gazetteer.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace caci::detail {

namespace {

void emit(std::unordered_map<std::string_view, uint64_t> &counts, std::vector<FacetValue> &out) {
  out.clear();
  out.reserve(counts.size());
  for (const auto &kv : counts) out.push_back(FacetValue{std::string(kv.first), kv.second});
  std::sort(out.begin(), out.end(), [](const FacetValue &a, const FacetValue &b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
}

// Articles per person, each shown as its most frequent spelling among the hits (ties: the
// smallest spelling, so the value is stable).
class People {
public:
  void next_article() { ++article_; }
  void add(uint32_t person, std::string_view spelling) {
    if (person == ArticleFacts::kNoPerson) return;
    Person &p = people_[person];
    if (p.last_article == article_) return;  // one article counts once per person
    p.last_article = article_;
    ++p.articles;
    ++p.spellings[spelling];
  }
  void emit(std::vector<FacetValue> &out) const {
    out.clear();
    out.reserve(people_.size());
    for (const auto &kv : people_) {
      const Person &p = kv.second;
      std::string_view best;
      uint64_t best_count = 0;
      for (const auto &sc : p.spellings)
        if (sc.second > best_count || (sc.second == best_count && sc.first < best)) {
          best = sc.first;
          best_count = sc.second;
        }
      out.push_back(FacetValue{std::string(best), p.articles});
    }
    std::sort(out.begin(), out.end(), [](const FacetValue &a, const FacetValue &b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }

private:
  struct Person {
    uint64_t articles = 0;
    uint64_t last_article = 0;
    std::unordered_map<std::string_view, uint64_t> spellings;
  };
  std::unordered_map<uint32_t, Person> people_;
  uint64_t article_ = 0;
};

}  // namespace

void count_facets(const IndexImpl &ix, const std::vector<uint32_t> &docs,
                  std::vector<FacetValue> out[kFacetKindCount]) {
  People people;
  uint64_t years[10000] = {};
  uint64_t kinds[4] = {}, categories[kCategoryCount] = {};
  uint64_t countries[kCountryCount] = {};
  const ArticleStore &s = ix.store;
  auto lock = ix.facts.lock();
  for (uint32_t d : docs) {
    const Article &a = s.articles[d];
    people.next_article();
    for (uint32_t i = 0; i < a.authors.count; ++i) {
      size_t k = static_cast<size_t>(a.authors.begin) + i;
      if (k >= s.authors.size()) break;
      std::string_view name = s.meta_text(s.authors[k].name);
      if (!name.empty()) people.add(ix.facts.person(s, ix.author_aliases, k), name);
    }
    for (uint32_t bits = ix.facts.countries(s, d), c = 0; bits; bits >>= 1, ++c)
      if (bits & 1) ++countries[c];
    if (a.date.year > 0 && a.date.year < 10000) ++years[a.date.year];
    ++kinds[static_cast<size_t>(a.kind) & 3];
    if (a.category != Category::none && static_cast<size_t>(a.category) < kCategoryCount)
      ++categories[static_cast<size_t>(a.category)];
  }
  people.emit(out[static_cast<int>(FacetKind::author)]);
  std::unordered_map<std::string_view, uint64_t> tmp;
  std::vector<std::string> year_names;
  year_names.reserve(64);
  for (int y = 1; y < 10000; ++y)
    if (years[y]) year_names.push_back(std::to_string(y));
  size_t yi = 0;
  for (int y = 1; y < 10000; ++y)
    if (years[y]) tmp[year_names[yi++]] = years[y];
  emit(tmp, out[static_cast<int>(FacetKind::year)]);
  tmp.clear();
  for (uint32_t k = 0; k < 4; ++k)
    if (kinds[k]) tmp[kind_name(static_cast<ArticleKind>(k))] = kinds[k];
  emit(tmp, out[static_cast<int>(FacetKind::kind)]);
  tmp.clear();
  for (uint32_t c = 1; c < kCategoryCount; ++c)
    if (categories[c]) tmp[category_name(static_cast<Category>(c))] = categories[c];
  emit(tmp, out[static_cast<int>(FacetKind::category)]);
  tmp.clear();
  for (int c = 0; c < kCountryCount; ++c)
    if (countries[c]) tmp[country_name(c)] = countries[c];
  emit(tmp, out[static_cast<int>(FacetKind::country)]);
}

}  // namespace caci::detail
