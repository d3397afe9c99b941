#include "query_expansion.hpp"

#include "fuzzy.hpp"
#include "name_variants.hpp"

#include "../index/tokenizer.hpp"

#include <algorithm>
#include <string>

namespace caci::detail {

namespace {

// Snowball English's exceptional forms whose stem is not a prefix of the word (the rest of its
// exception list, e.g. gently/gentl, only/onli, keep the stem as a prefix).
struct Irregular {
  std::string_view stem, word;
};
constexpr Irregular kIrregular[] = {
    {"die", "dying"}, {"lie", "lying"}, {"tie", "tying"}, {"sky", "skies"}};

// The name variant table as folded token sequences, built once.
struct VariantTable {
  struct Spelling {
    std::vector<std::string> tokens;
    uint32_t group = 0;
  };
  std::vector<Spelling> spellings;
  VariantTable() {
    Tokenizer tok;
    for (uint32_t g = 0; g < sizeof kNameVariants / sizeof kNameVariants[0]; ++g)
      for (std::string_view s : kNameVariants[g].spellings) {
        if (s.empty()) continue;
        Spelling sp;
        sp.group = g;
        tok.run(s, [&](std::string_view t, uint32_t, uint32_t) { sp.tokens.emplace_back(t); });
        if (!sp.tokens.empty()) spellings.push_back(std::move(sp));
      }
  }
  // The group whose spelling is exactly `tokens`, or -1.
  long group_of(const std::vector<std::string_view> &tokens) const {
    for (const Spelling &s : spellings)
      if (s.tokens.size() == tokens.size() &&
          std::equal(s.tokens.begin(), s.tokens.end(), tokens.begin()))
        return static_cast<long>(s.group);
    return -1;
  }
};

const VariantTable &variant_table() {
  static const VariantTable t;
  return t;
}

void add_id(QueryElement &e, uint32_t id, float w) {
  for (size_t i = 0; i < e.ids.size(); ++i)
    if (e.ids[i] == id) {
      e.weights[i] = std::max(e.weights[i], w);
      return;
    }
  e.ids.push_back(id);
  e.weights.push_back(w);
}

}  // namespace

void stem_relatives(const TermDictionary &dict, EnglishStemmer &stemmer, std::string_view word,
                    std::vector<uint32_t> &out) {
  std::string stem, other;
  if (!stemmer.stem(word, stem) || stem.empty()) return;
  std::string prefixes[5];
  size_t n = 0;
  const char last = stem.back();
  const bool ends_bl = stem.size() >= 2 && stem.compare(stem.size() - 2, 2, "bl") == 0;
  if (last == 'e' || last == 'i' || ends_bl) {
    // The stem's last letter may stand for another in the word: hope/hoping, happi/happy,
    // relate/relational, agence/agency, capabl/capability.
    const std::string_view replaced = last == 'e' ? "eiyoa" : last == 'i' ? "iy" : "li";
    for (char c : replaced) {
      prefixes[n] = stem;
      prefixes[n++].back() = c;
    }
  } else {
    prefixes[n++] = stem;
  }
  std::vector<uint32_t> cand;
  for (size_t i = 0; i < n; ++i) dict.prefix_terms(prefixes[i], cand);
  for (const Irregular &ir : kIrregular)
    if (ir.stem == stem) {
      uint32_t id = dict.find(ir.word);
      if (id != kNoTerm) cand.push_back(id);
    }
  for (uint32_t id : cand) {
    std::string_view t = dict.term(id);
    if (t == word) continue;
    if (stemmer.stem(t, other) && other == stem) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void single_word_variants(std::string_view word, std::vector<std::string_view> &out) {
  const VariantTable &t = variant_table();
  const long g = t.group_of({word});
  if (g < 0) return;
  for (const VariantTable::Spelling &s : t.spellings)
    if (static_cast<long>(s.group) == g && s.tokens.size() == 1 && s.tokens[0] != word)
      out.push_back(s.tokens[0]);
}

void expand_element(const IndexImpl &ix, EnglishStemmer &stemmer, QueryElement &e) {
  e.ids.clear();
  e.weights.clear();
  const TermDictionary &dict = ix.terms;
  std::vector<uint32_t> found;
  switch (e.kind) {
  case QueryElement::exact: {
    uint32_t id = dict.find(e.term);
    if (id != kNoTerm) add_id(e, id, MatchWeight::word);
    break;
  }
  case QueryElement::prefix:
    dict.prefix_terms(e.term, found);
    for (uint32_t id : found)
      add_id(e, id, dict.term(id) == e.term ? MatchWeight::word : MatchWeight::prefix);
    break;
  case QueryElement::fuzzy:
    fuzzy_terms(dict, e.term, e.edits, found);
    for (uint32_t id : found) {
      float w = MatchWeight::word;
      for (unsigned d = edit_distance(dict.term(id), e.term); d > 0; --d)
        w *= MatchWeight::fuzzy_edit;
      add_id(e, id, w);
    }
    break;
  }
  e.name_ids = static_cast<uint32_t>(e.ids.size());
  if (e.kind != QueryElement::exact || e.exact_only) return;
  if (ix.opts.name_variants) {
    std::vector<std::string_view> spellings;
    single_word_variants(e.term, spellings);
    for (std::string_view s : spellings) {
      uint32_t id = dict.find(s);
      if (id != kNoTerm) add_id(e, id, MatchWeight::name_variant);
    }
  }
  if (ix.opts.stemming) {
    found.clear();
    stem_relatives(dict, stemmer, e.term, found);
    for (uint32_t id : found) add_id(e, id, MatchWeight::stem);
  }
}

void add_phrase_variants(QueryNode &node) {
  if (node.type == QueryNode::near) return;  // NEAR operands stay positional leaves
  for (QueryNode &c : node.children) add_phrase_variants(c);
  if (node.type != QueryNode::leaf || node.elements.empty()) return;
  std::vector<std::string_view> tokens;
  for (const QueryElement &e : node.elements) {
    if (e.kind != QueryElement::exact || e.exact_only) return;
    tokens.push_back(e.term);
  }
  // Name variants never match author names.
  const uint8_t mask =
      node.field_mask & ~static_cast<uint8_t>(1u << static_cast<int>(Field::authors));
  const VariantTable &t = variant_table();
  const long g = mask ? t.group_of(tokens) : -1;
  if (g < 0) return;
  std::vector<QueryNode> alternatives;
  for (const VariantTable::Spelling &s : t.spellings) {
    // A one-word leaf matches the one-word spellings through expand_element already.
    if (static_cast<long>(s.group) != g || (s.tokens.size() < 2 && tokens.size() < 2)) continue;
    if (std::equal(s.tokens.begin(), s.tokens.end(), tokens.begin(), tokens.end())) continue;
    // "Alma-Ata" and "Alma Ata" fold to the same words: one alternative.
    bool seen = false;
    for (const QueryNode &a : alternatives) {
      seen = a.elements.size() == s.tokens.size();
      for (size_t k = 0; seen && k < s.tokens.size(); ++k) seen = a.elements[k].term == s.tokens[k];
      if (seen) break;
    }
    if (seen) continue;
    QueryNode alt;
    alt.type = QueryNode::leaf;
    alt.offset = node.offset;
    alt.field_mask = mask;
    alt.weight = node.weight * MatchWeight::name_variant;
    for (const std::string &tok : s.tokens) {
      QueryElement e;
      e.term = tok;
      e.exact_only = true;
      alt.elements.push_back(std::move(e));
    }
    alternatives.push_back(std::move(alt));
  }
  if (alternatives.empty()) return;
  QueryNode leaf = std::move(node);
  node = QueryNode{};
  node.type = QueryNode::or_;
  node.offset = leaf.offset;
  node.field_mask = leaf.field_mask;
  node.children.push_back(std::move(leaf));
  for (QueryNode &a : alternatives) node.children.push_back(std::move(a));
}

}  // namespace caci::detail
