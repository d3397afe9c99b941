#pragma once

#include "../index/index_impl.hpp"

#include <vector>

namespace caci::detail {

// Counts author (people: article_facts.hpp), year, kind, category and country values over every
// hit; each list sorted by count descending, then value ascending. Articles without a value (no
// year, no category, no country) are not counted for that facet.
void count_facets(const IndexImpl &ix, const std::vector<uint32_t> &docs,
                  std::vector<FacetValue> out[kFacetKindCount]);

}  // namespace caci::detail
