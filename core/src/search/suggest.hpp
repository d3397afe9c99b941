// Did you mean: corrected queries for query words with no or few hits (SearchOptions::suggest).
#pragma once

#include "query_ast.hpp"

#include "../index/index_impl.hpp"

#include <string_view>
#include <vector>

namespace caci::detail {

constexpr size_t kMaxSuggestions = 3;
// A word with at most this many articles is worth correcting (if a close term is much commoner).
constexpr uint64_t kFewHits = 2;

// Appends up to kMaxSuggestions corrected queries to `out`, best first, each matching more
// articles than `total` (the query's own). `root` is the resolved query.
void suggest_queries(const IndexImpl &ix, std::string_view query, const QueryNode &root,
                     uint64_t total, std::vector<Suggestion> &out);

// Number of live articles matching `query`; 0 for a malformed one.
uint64_t count_matches(const IndexImpl &ix, std::string_view query);

}  // namespace caci::detail
