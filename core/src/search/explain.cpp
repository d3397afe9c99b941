// Explain. Each scoring element (a word or phrase leaf, or a NEAR group, not under NOT) is
// evaluated again on its own, once over all its fields and once per field, by the same Evaluator
// the search uses; so the breakdown follows whatever the evaluator does (expansions, weights) and
// its element scores are computed exactly as Index::search computes them. The element's score is
// then shared among its fields in proportion to their weighted, length-normalised frequency.
#include "explain.hpp"

#include "evaluator.hpp"

#include <algorithm>
#include <cmath>

namespace caci::detail {

namespace {

// Scoring elements in the order the evaluator meets them (negation flips at NOT).
void collect_units(const QueryNode &n, bool negated, std::vector<const QueryNode *> &out) {
  switch (n.type) {
  case QueryNode::leaf:
  case QueryNode::near:
    if (!negated) out.push_back(&n);
    return;
  case QueryNode::not_: collect_units(n.children[0], !negated, out); return;
  case QueryNode::and_:
  case QueryNode::or_:
    for (const QueryNode &c : n.children) collect_units(c, negated, out);
    return;
  default: return;
  }
}

void restrict_fields(QueryNode &n, uint8_t mask) {
  n.field_mask &= mask;
  for (QueryNode &c : n.children) restrict_fields(c, mask);
}

// The unit the evaluator records for `node` alone.
ScoringUnit unit_of(const IndexImpl &ix, const QueryNode &node) {
  Evaluator ev(ix);
  ev.eval(node, false);
  if (ev.units().empty()) return ScoringUnit();
  return std::move(ev.units().back());
}

// Index of doc in the unit's ascending docs, or -1.
long find_doc(const ScoringUnit &u, uint32_t doc) {
  auto it = std::lower_bound(u.docs.begin(), u.docs.end(), doc);
  return it != u.docs.end() && *it == doc ? static_cast<long>(it - u.docs.begin()) : -1;
}

}  // namespace

std::string element_label(const QueryNode &node) {
  if (node.type == QueryNode::near) {
    if (node.children.size() != 2) return std::string();
    return element_label(node.children[0]) + " NEAR/" + std::to_string(node.distance) + " " +
           element_label(node.children[1]);
  }
  std::string s;
  for (int f = 0; f < kFieldCount; ++f)
    if (node.field_mask == (1u << f)) s = std::string(kFieldQueryName[f]) + ":";
  const bool phrase = node.elements.size() > 1;
  if (phrase) s += '"';
  for (size_t i = 0; i < node.elements.size(); ++i) {
    const QueryElement &e = node.elements[i];
    if (i) s += ' ';
    s += e.term;
    if (e.kind == QueryElement::prefix) s += '*';
    if (e.kind == QueryElement::fuzzy) s += "~" + std::to_string(e.edits);
  }
  if (phrase) s += '"';
  return s;
}

void explain_hits(const IndexImpl &ix, const QueryNode &root, SearchResults &out) {
  std::vector<const QueryNode *> nodes;
  collect_units(root, false, nodes);
  const IndexOptions &o = ix.opts;
  float avg_len[kFieldCount];
  for (int f = 0; f < kFieldCount; ++f) {  // as the Evaluator computes it
    double avg =
        ix.live ? static_cast<double>(ix.field_len_total[f]) / static_cast<double>(ix.live) : 0.0;
    avg_len[f] = avg > 0 ? static_cast<float>(avg) : 1.0f;
  }
  struct Unit {
    std::string label;
    ScoringUnit all;
    ScoringUnit per_field[kFieldCount];
  };
  std::vector<Unit> units(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) {
    units[k].label = element_label(*nodes[k]);
    units[k].all = unit_of(ix, *nodes[k]);
    for (int f = 0; f < kFieldCount; ++f) {
      QueryNode one = *nodes[k];
      restrict_fields(one, static_cast<uint8_t>(1u << f));
      units[k].per_field[f] = unit_of(ix, one);
    }
  }
  const double k1 = o.k1;
  for (Hit &h : out.hits) {
    h.explain_begin = static_cast<uint32_t>(out.explain.size());
    for (const Unit &u : units) {
      long j = find_doc(u.all, h.article);
      if (j < 0) continue;
      const double t = u.all.tfw[static_cast<size_t>(j)];
      const double unit_score = u.all.idf * t * (k1 + 1.0) / (t + k1);
      double tfw[kFieldCount] = {};
      double sum = 0;
      for (int f = 0; f < kFieldCount; ++f) {
        long i = find_doc(u.per_field[f], h.article);
        if (i >= 0) tfw[f] = u.per_field[f].tfw[static_cast<size_t>(i)];
        sum += tfw[f];
      }
      if (sum <= 0) continue;
      for (int f = 0; f < kFieldCount; ++f) {
        if (tfw[f] <= 0) continue;
        ExplainPart p;
        p.element = u.label;
        p.field = static_cast<Field>(f);
        p.idf = u.all.idf;
        float len = static_cast<float>(ix.field_length(h.article, f));
        float norm = 1.0f - o.b + o.b * len / avg_len[f];
        if (norm < 1e-3f) norm = 1e-3f;
        p.length_norm = norm;
        p.weight = o.field_weights[f];
        p.tf = p.weight > 0 ? tfw[f] * p.length_norm / p.weight : 0;
        const double whole = std::round(p.tf);  // undo float rounding of an integer count
        if (std::fabs(p.tf - whole) < 1e-3 * std::max(1.0, whole)) p.tf = whole;
        p.contribution = unit_score * tfw[f] / sum;
        out.explain.push_back(std::move(p));
      }
    }
    h.explain_count = static_cast<uint32_t>(out.explain.size()) - h.explain_begin;
  }
}

}  // namespace caci::detail
