// Query expansion: what a query word matches besides itself, and how much each form counts.
//
// A word matches, best first: the word itself; its regional name variants (Kazakstan for
// Kazakhstan, name_variants.hpp); the words of the same Snowball English stem (negotiation,
// negotiated, negotiating for negotiations); then the prefix and fuzzy expansions the query asks
// for. Each form's occurrences count with its weight below in the BM25F term frequency, so that,
// all else equal, an article with the word itself ranks above one with only a variant.
//
// Stem relatives are found at query time, so the index does not grow: the Snowball English stem
// of a word is the word with at most its last letter changed (a final `y` becomes `i`; an `e` is
// added after removing -ing/-ed or by a suffix rule such as -ational -> -ate; -bility becomes
// -bl), so every word of stem S starts with S, or with S minus its last letter followed by one of
// the letters those rules replace (checked over 106,000 English words). Those few prefix ranges of
// the sorted dictionary are stemmed and compared; the stemmer's irregular forms (dying/die,
// lying/lie, tying/tie, skies/sky) are added by name.
#pragma once

#include "query_ast.hpp"
#include "stemmer.hpp"

#include "../index/index_impl.hpp"

#include <string_view>
#include <vector>

namespace caci::detail {

struct MatchWeight {
  static constexpr float word = 1.0f;
  static constexpr float name_variant = 0.9f;
  static constexpr float stem = 0.7f;
  static constexpr float prefix = 0.5f;      // a longer word than the prefix itself
  static constexpr float fuzzy_edit = 0.5f;  // per edit: 0.5 at one edit, 0.25 at two
};

// Appends the ids of dictionary terms other than `word` whose stem is the stem of `word`.
void stem_relatives(const TermDictionary &dict, EnglishStemmer &stemmer, std::string_view word,
                    std::vector<uint32_t> &out);

// The single-word spellings of `word`'s name variant group, other than `word` (folded).
void single_word_variants(std::string_view word, std::vector<std::string_view> &out);

// Fills e.ids, e.weights and e.name_ids for the index's options.
void expand_element(const IndexImpl &ix, EnglishStemmer &stemmer, QueryElement &e);

// With name variants on: rewrites, in place, a word or phrase leaf (not inside NEAR) that spells
// a member of a group having several-word spellings ("alma ata" for almaty, "nur sultan" for
// astana) into an OR of the leaf and a phrase leaf per other several-word spelling, weighted as a
// name variant. Single-word spellings are matched by expand_element instead.
void add_phrase_variants(QueryNode &node);

}  // namespace caci::detail
