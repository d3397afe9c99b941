// Explain: the per-field breakdown of each hit's score (SearchOptions::explain).
#pragma once

#include "query_ast.hpp"

#include "../index/index_impl.hpp"

#include <string>

namespace caci::detail {

// Fills out.explain and each hit's explain range for the hits already in `out`. `root` is the
// resolved query the hits were scored with.
void explain_hits(const IndexImpl &ix, const QueryNode &root, SearchResults &out);

// The scoring element as query text: pipeline, "border talks", title:gas*, a NEAR/3 b.
std::string element_label(const QueryNode &node);

}  // namespace caci::detail
