#pragma once

#include "../index/term_dictionary.hpp"

#include <string_view>
#include <vector>

namespace caci::detail {

// Appends the ids of every dictionary term within `max_edits` (Levenshtein distance over code
// points: insert, delete, substitute) of `term`. A depth-first walk of the sorted dictionary as an
// implicit trie, carrying one row of the edit-distance matrix per prefix and pruning a subtree as
// soon as the row's minimum exceeds max_edits (the Levenshtein-automaton walk, without building
// the automaton), so it visits only prefixes that can still match.
void fuzzy_terms(const TermDictionary &dict, std::string_view term, unsigned max_edits,
                 std::vector<uint32_t> &out);

// Levenshtein distance between two UTF-8 strings over code points (reference/test helper).
unsigned edit_distance(std::string_view a, std::string_view b);

}  // namespace caci::detail
