#include "facets.hpp"

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

}  // namespace

void count_facets(const IndexImpl &ix, const std::vector<uint32_t> &docs,
                  std::vector<FacetValue> out[kFacetKindCount]) {
  std::unordered_map<std::string_view, uint64_t> authors;
  uint64_t years[10000] = {};
  uint64_t kinds[4] = {}, categories[kCategoryCount] = {};
  const ArticleStore &s = ix.store;
  for (uint32_t d : docs) {
    const Article &a = s.articles[d];
    for (uint32_t i = 0; i < a.authors.count; ++i) {
      size_t k = static_cast<size_t>(a.authors.begin) + i;
      if (k >= s.authors.size()) break;
      std::string_view name = s.meta_text(s.authors[k].name);
      if (!name.empty()) ++authors[name];
    }
    if (a.date.year > 0 && a.date.year < 10000) ++years[a.date.year];
    ++kinds[static_cast<size_t>(a.kind) & 3];
    if (a.category != Category::none && static_cast<size_t>(a.category) < kCategoryCount)
      ++categories[static_cast<size_t>(a.category)];
  }
  emit(authors, out[static_cast<int>(FacetKind::author)]);
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
}

}  // namespace caci::detail
