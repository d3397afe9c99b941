// `author:` names a person, not a spelling: a phrase restricted to the authors field whose words
// are a person of the index (same key after the alias table, people.hpp) also matches every other
// spelling of that person seen in the index (`author:"Erkin Akhmadov"` finds "Erkin Ahmadov" when
// the alias table merges them; `author:"Frederick Starr"` finds "S. Frederick Starr" by the key
// rules). Prefix and fuzzy names, and names inside NEAR, are left as typed.
#pragma once

#include "query_ast.hpp"

namespace caci {
class IndexImpl;
}

namespace caci::detail {

// At most this many other spellings are added per `author:` phrase.
constexpr size_t kMaxPersonSpellings = 64;

// Rewrites each such `author:` leaf of `root` into (leaf OR spelling2 OR spelling3 ...). Call
// before Evaluator::resolve.
void expand_people(const IndexImpl &ix, QueryNode &root);

}  // namespace caci::detail
