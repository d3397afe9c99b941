// Query evaluation: turns a parsed query into the exact set of matching live articles, and
// records, for every positive scoring unit (a word/phrase leaf or a NEAR group not under NOT), the
// docs it matched with their field-weighted, length-normalised term frequency for BM25F.
#pragma once

#include "query_ast.hpp"
#include "stemmer.hpp"

#include "../index/index_impl.hpp"

#include <vector>

namespace caci::detail {

// NEAR/k never matches across paragraphs because positions jump by more than any k there.
static_assert(kParagraphGap > kMaxNear, "a paragraph gap must exceed every NEAR distance");

struct ScoringUnit {
  std::vector<uint32_t> docs;  // ascending
  std::vector<float> tfw;      // sum over fields of weight * tf / length norm
  double idf = 0;
};

class Evaluator {
public:
  explicit Evaluator(const IndexImpl &ix);
  // Resolves the terms of every element (exact lookup, prefix range, fuzzy walk, stem relatives
  // and name variants: query_expansion.hpp), after adding the several-word name variants.
  void resolve(QueryNode &node) const;
  // Matching live docs, ascending. Positive units are appended to units().
  std::vector<uint32_t> eval(const QueryNode &node, bool negated);
  std::vector<ScoringUnit> &units() { return units_; }

private:
  void resolve_terms(QueryNode &node, EnglishStemmer &stemmer) const;
  std::vector<uint32_t> all_docs() const;
  std::vector<uint32_t> eval_meta(const QueryNode &node) const;
  std::vector<uint32_t> eval_unit(const QueryNode &node, bool record);
  // Docs of `node` (a leaf or near) that may match in field f (every element present).
  std::vector<uint32_t> candidates(const QueryNode &node, int f) const;
  std::vector<uint32_t> term_docs(const QueryElement &e, int f) const;
  // Matches of a phrase whose elements are single terms, in field f, appended as (doc, weight).
  void phrase_in_field(const QueryNode &node, int f, float weight,
                       std::vector<std::pair<uint32_t, float>> &acc);
  static uint8_t positional_mask(const QueryNode &node);
  // Weighted BM25F term frequency: tf counts each occurrence with its term's match weight.
  float contribution(uint32_t doc, int f, float tf) const;

  // Whether doc d is not removed. Without removals (the usual case) this skips a load from the
  // large Article array per posting.
  bool live(uint32_t d) const { return !any_removed_ || !ix_.store.articles[d].deleted; }

  const IndexImpl &ix_;
  uint32_t ndocs_;
  bool any_removed_;
  float avg_len_[kFieldCount];
  std::vector<ScoringUnit> units_;
};

void intersect_into(std::vector<uint32_t> &a, const std::vector<uint32_t> &b);
std::vector<uint32_t> union_of(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b);
void subtract_into(std::vector<uint32_t> &a, const std::vector<uint32_t> &b);

}  // namespace caci::detail
