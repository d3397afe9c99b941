// Parsed query tree. See QUERY.md for the language.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/index.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace caci::detail {

// BEGIN GENERATED: query_fields (tools/gen_tables.py; edit core/tables, not this)
// The field filters of the query language (title:, author:, ...); several names may name
// one field. kFieldQueryName is each field's first name (how explain prints it).
struct FieldFilterName {
  const char *name;
  Field field;
};
// clang-format off
constexpr FieldFilterName kFieldFilterNames[] = {
    {"title", Field::title},
    {"author", Field::authors},
    {"authors", Field::authors},
    {"lead", Field::lead},
    {"sections", Field::sections},
    {"section", Field::sections},
    {"bio", Field::bio},
};
// clang-format on
constexpr const char *kFieldQueryName[kFieldCount] = {"title", "author", "lead", "sections", "bio"};
// END GENERATED: query_fields

// One word position of a phrase: an exact term, a prefix, or a fuzzy term (all folded).
struct QueryElement {
  enum Kind : uint8_t { exact, prefix, fuzzy } kind = exact;
  uint8_t edits = 0;        // fuzzy only: 1 or 2
  bool exact_only = false;  // `=word`, `="a phrase"`: no stems, no name variants
  std::string term;         // folded
  // Filled by the searcher (query_expansion.hpp): the term ids it expands to, each with its
  // weight (1 for the word itself, less for a stem relative, a name variant, a prefix or fuzzy
  // expansion). ids[0, name_ids) match in every field; the rest (stem relatives and name
  // variants) never match author names.
  std::vector<uint32_t> ids;
  std::vector<float> weights;
  uint32_t name_ids = 0;
  size_t ids_in(int field) const;  // ids usable in that field
};

enum class MetaKind : uint8_t { kind, category, year, date, country };

struct QueryNode {
  enum Type : uint8_t { all, and_, or_, not_, leaf, near, meta } type = all;
  uint32_t offset = 0;              // byte offset in the query, for errors
  std::vector<QueryNode> children;  // and_/or_: 2+, not_: 1, near: 2
  // leaf: a phrase of 1+ elements searched in the fields of field_mask (bit per Field)
  std::vector<QueryElement> elements;
  uint8_t field_mask = kAllFieldsMask;
  float weight = 1.0f;    // leaf: scales its contribution (below 1 for a name variant's phrase)
  uint32_t distance = 0;  // near: at most this many words between the operands
  // meta: kind/category/country value, or an inclusive range of date keys
  // (year*10000+month*100+day)
  MetaKind meta_kind = MetaKind::kind;
  uint32_t value = 0;
  uint32_t lo = 0, hi = 0;
};

inline size_t QueryElement::ids_in(int field) const {
  return field == static_cast<int>(Field::authors) ? name_ids : ids.size();
}

constexpr uint32_t kMaxQueryDepth = 64;
constexpr uint32_t kMaxNear = 32;  // must stay below kParagraphGap (index_impl.hpp)
constexpr uint32_t kMaxQueryLeaves = 1024;

// Parses `query`. Returns false and fills err on a malformed query. An empty query (nothing
// searchable) gives a node of type `all`.
bool parse_query(std::string_view query, QueryNode &out, QueryError &err);

// Sort/filter key of a date: year*10000 + month*100 + day (day 0 = month precision); 0 = none.
inline uint32_t date_key(const Date &d) {
  if (d.year <= 0 || d.month == 0) return 0;
  return static_cast<uint32_t>(d.year) * 10000u + d.month * 100u + d.day;
}

}  // namespace caci::detail
