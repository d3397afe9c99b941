#include "evaluator.hpp"

#include "query_expansion.hpp"

#include "../index/postings.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace caci::detail {

void intersect_into(std::vector<uint32_t> &a, const std::vector<uint32_t> &b) {
  size_t w = 0, j = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    while (j < b.size() && b[j] < a[i]) ++j;
    if (j == b.size()) break;
    if (b[j] == a[i]) a[w++] = a[i];
  }
  a.resize(w);
}

std::vector<uint32_t> union_of(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b) {
  std::vector<uint32_t> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void subtract_into(std::vector<uint32_t> &a, const std::vector<uint32_t> &b) {
  size_t w = 0, j = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    while (j < b.size() && b[j] < a[i]) ++j;
    if (j < b.size() && b[j] == a[i]) continue;
    a[w++] = a[i];
  }
  a.resize(w);
}

Evaluator::Evaluator(const IndexImpl &ix)
    : ix_(ix), ndocs_(static_cast<uint32_t>(ix.store.articles.size())),
      any_removed_(ix.live != ndocs_) {
  for (int f = 0; f < kFieldCount; ++f) {
    double avg =
        ix.live ? static_cast<double>(ix.field_len_total[f]) / static_cast<double>(ix.live) : 0.0;
    avg_len_[f] = avg > 0 ? static_cast<float>(avg) : 1.0f;
  }
}

void Evaluator::resolve(QueryNode &node) const {
  if (ix_.opts.name_variants) add_phrase_variants(node);
  EnglishStemmer stemmer;
  resolve_terms(node, stemmer);
}

void Evaluator::resolve_terms(QueryNode &node, EnglishStemmer &stemmer) const {
  for (QueryNode &c : node.children) resolve_terms(c, stemmer);
  for (QueryElement &e : node.elements) expand_element(ix_, stemmer, e);
}

std::vector<uint32_t> Evaluator::all_docs() const {
  std::vector<uint32_t> out;
  out.reserve(ix_.live);
  for (uint32_t d = 0; d < ndocs_; ++d)
    if (!ix_.store.articles[d].deleted) out.push_back(d);
  return out;
}

std::vector<uint32_t> Evaluator::eval_meta(const QueryNode &node) const {
  std::vector<uint32_t> out;
  std::unique_lock<std::mutex> facts_lock;
  if (node.meta_kind == MetaKind::country) facts_lock = ix_.facts.lock();
  for (uint32_t d = 0; d < ndocs_; ++d) {
    const Article &a = ix_.store.articles[d];
    if (a.deleted) continue;
    bool match = false;
    switch (node.meta_kind) {
    case MetaKind::kind: match = static_cast<uint32_t>(a.kind) == node.value; break;
    case MetaKind::category: match = static_cast<uint32_t>(a.category) == node.value; break;
    case MetaKind::country: match = (ix_.facts.countries(ix_.store, d) >> node.value) & 1u; break;
    case MetaKind::year:
    case MetaKind::date: {
      uint32_t k = date_key(a.date);
      match = k != 0 && k >= node.lo && k <= node.hi;
      break;
    }
    }
    if (match) out.push_back(d);
  }
  return out;
}

std::vector<uint32_t> Evaluator::eval(const QueryNode &node, bool negated) {
  switch (node.type) {
  case QueryNode::all: return all_docs();
  case QueryNode::meta: return eval_meta(node);
  case QueryNode::leaf:
  case QueryNode::near: return eval_unit(node, !negated);
  case QueryNode::not_: {
    std::vector<uint32_t> out = all_docs();
    subtract_into(out, eval(node.children[0], !negated));
    return out;
  }
  case QueryNode::or_: {
    std::vector<uint32_t> out;
    for (const QueryNode &c : node.children) {
      std::vector<uint32_t> r = eval(c, negated);
      out = out.empty() ? std::move(r) : union_of(out, r);
    }
    return out;
  }
  case QueryNode::and_: {
    std::vector<std::vector<uint32_t>> pos;
    std::vector<std::vector<uint32_t>> neg;
    for (const QueryNode &c : node.children) {
      if (c.type == QueryNode::not_)
        neg.push_back(eval(c.children[0], !negated));
      else
        pos.push_back(eval(c, negated));
    }
    std::vector<uint32_t> out;
    if (pos.empty()) {
      out = all_docs();
    } else {
      std::sort(pos.begin(), pos.end(),
                [](const auto &a, const auto &b) { return a.size() < b.size(); });
      out = std::move(pos[0]);
      for (size_t i = 1; i < pos.size() && !out.empty(); ++i) intersect_into(out, pos[i]);
    }
    for (const auto &n : neg) subtract_into(out, n);
    return out;
  }
  }
  return {};
}

float Evaluator::contribution(uint32_t doc, int f, float tf) const {
  const IndexOptions &o = ix_.opts;
  float len = static_cast<float>(ix_.field_length(doc, f));
  float norm = 1.0f - o.b + o.b * len / avg_len_[f];
  if (norm < 1e-3f) norm = 1e-3f;
  return o.field_weights[f] * tf / norm;
}

std::vector<uint32_t> Evaluator::term_docs(const QueryElement &e, int f) const {
  std::vector<uint32_t> out;
  const size_t n = e.ids_in(f);
  for (size_t i = 0; i < n; ++i) {
    uint32_t l = ix_.list_of(e.ids[i], static_cast<Field>(f));
    if (l == kNoList) continue;
    PostingCursor c(ix_.postings(), ix_.list(l), ndocs_);
    size_t before = out.size();
    while (c.next())
      if (live(c.doc())) out.push_back(c.doc());
    if (before)
      std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
  }
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

uint8_t Evaluator::positional_mask(const QueryNode &node) {
  if (node.type == QueryNode::leaf) return node.field_mask;
  uint8_t m = kAllFieldsMask;
  for (const QueryNode &c : node.children) m &= positional_mask(c);
  return m;
}

std::vector<uint32_t> Evaluator::candidates(const QueryNode &node, int f) const {
  std::vector<uint32_t> out;
  if (node.type == QueryNode::leaf) {
    for (size_t i = 0; i < node.elements.size(); ++i) {
      std::vector<uint32_t> d = term_docs(node.elements[i], f);
      if (i == 0)
        out = std::move(d);
      else
        intersect_into(out, d);
      if (out.empty()) break;
    }
    return out;
  }
  out = candidates(node.children[0], f);
  if (!out.empty()) intersect_into(out, candidates(node.children[1], f));
  return out;
}

namespace {

// A match of a phrase or NEAR group; weight: the product of the weights of the terms in it.
struct Span {
  uint32_t start, end;
  float weight = 1.0f;
  bool operator<(const Span &o) const {
    if (start != o.start) return start < o.start;
    if (end != o.end) return end < o.end;
    return weight > o.weight;  // the best weight first, kept by unique()
  }
  bool operator==(const Span &o) const { return start == o.start && end == o.end; }
};

// Position cursors for every element of a positional subtree in one field, in DFS order, with
// the weight of each cursor's term (weighted: some term's weight is not 1).
struct ElementCursors {
  std::vector<PostingCursor> cursors;
  std::vector<float> weights;
  bool weighted = false;
};

void open_cursors(const IndexImpl &ix, const QueryNode &node, int f, uint32_t ndocs,
                  std::vector<ElementCursors> &out) {
  if (node.type == QueryNode::leaf) {
    for (const QueryElement &e : node.elements) {
      ElementCursors ec;
      const size_t n = e.ids_in(f);
      for (size_t i = 0; i < n; ++i) {
        uint32_t l = ix.list_of(e.ids[i], static_cast<Field>(f));
        if (l == kNoList) continue;
        ec.cursors.emplace_back(ix.postings(), ix.list(l), ndocs);
        ec.weights.push_back(e.weights[i] * node.weight);
        ec.weighted = ec.weighted || ec.weights.back() != 1.0f;
      }
      out.push_back(std::move(ec));
    }
    return;
  }
  for (const QueryNode &c : node.children) open_cursors(ix, c, f, ndocs, out);
}

void element_positions(ElementCursors &ec, uint32_t doc, std::vector<uint32_t> &out) {
  out.clear();
  for (PostingCursor &c : ec.cursors)
    if (c.seek(doc) && c.doc() == doc) c.positions(out);
  if (ec.cursors.size() > 1) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
}

// The same with each position's weight (that of the term found there), ascending by position.
struct WeightedPos {
  uint32_t pos;
  float weight;
  bool operator<(const WeightedPos &o) const { return pos < o.pos; }
};
void element_weighted_positions(ElementCursors &ec, uint32_t doc, std::vector<WeightedPos> &out) {
  static thread_local std::vector<uint32_t> one;
  out.clear();
  for (size_t k = 0; k < ec.cursors.size(); ++k) {
    PostingCursor &c = ec.cursors[k];
    if (!c.seek(doc) || c.doc() != doc) continue;
    one.clear();
    c.positions(one);
    for (uint32_t p : one) out.push_back(WeightedPos{p, ec.weights[k]});
  }
  std::sort(out.begin(), out.end());
}

// Positions below this go into a bitset (512 KB at most); larger ones (an odd or corrupt index)
// are merged instead.
constexpr uint64_t kBitsetLimit = uint64_t{1} << 22;

// Keeps the phrase starts s for which s + offset is in `pos` (ascending). A bitset of `pos` makes
// this branch-free: with common words (`"of the"`: ~40 and ~80 positions per doc, thousands of
// docs) the merge's unpredictable branches cost more than decoding the positions.
void keep_starts_followed_by(std::vector<uint32_t> &starts, const uint32_t *pos, size_t npos,
                             uint32_t offset, std::vector<uint64_t> &bits) {
  if (starts.empty()) return;
  if (npos == 0) {
    starts.clear();
    return;
  }
  const uint32_t last = pos[npos - 1];
  if (last >= kBitsetLimit) {
    size_t w = 0, j = 0;
    for (uint32_t s : starts) {
      const uint64_t want = static_cast<uint64_t>(s) + offset;
      while (j < npos && pos[j] < want) ++j;
      if (j == npos) break;
      if (pos[j] == want) starts[w++] = s;
    }
    starts.resize(w);
    return;
  }
  const size_t words = last / 64 + 1;
  if (bits.size() < words) bits.resize(words, 0);
  uint64_t *b = bits.data();
  for (size_t k = 0; k < npos; ++k) b[pos[k] >> 6] |= uint64_t{1} << (pos[k] & 63);
  size_t w = 0;
  for (uint32_t s : starts) {
    const uint64_t t = static_cast<uint64_t>(s) + offset;
    const bool keep = t <= last && ((b[t >> 6] >> (t & 63)) & 1u);
    starts[w] = s;
    w += keep;
  }
  starts.resize(w);
  std::memset(b, 0, words * sizeof(uint64_t));
}

// One doc's positions of a term as PostingCursor::position_gaps gives them.
struct GapList {
  uint32_t first = 0, count = 0;
  const uint32_t *gaps = nullptr;
};

uint32_t count_followed_by_merge(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb) {
  uint32_t m = 0, j = 0;
  for (uint32_t i = 0; i < na; ++i) {
    const uint64_t want = static_cast<uint64_t>(a[i]) + 1;
    while (j < nb && b[j] < want) ++j;
    if (j == nb) break;
    m += b[j] == want;
  }
  return m;
}

constexpr uint32_t kTooSparse = 0xffffffffu;

// How many positions s of a have s + 1 among the positions of b: a two-word phrase in one doc.
// The smaller side goes into a bitset as its positions are summed from the gaps; the larger side
// is summed and tested in the same pass, and stops once past the bitset. kTooSparse for
// positions past kBitsetLimit (an odd or corrupt index): the caller merges instead.
uint32_t count_followed_by(const GapList &a, const GapList &b, std::vector<uint64_t> &bits) {
  if (a.count == 0 || b.count == 0) return 0;
  const bool a_small = a.count <= b.count;
  const GapList &small = a_small ? a : b, &large = a_small ? b : a;
  const uint64_t shift = a_small ? 1 : 0;  // a's positions are tested as s + 1
  uint64_t last = small.first;
  for (uint32_t k = 0; k + 1 < small.count; ++k) last += static_cast<uint64_t>(small.gaps[k]) + 1;
  last += shift;
  if (last >= kBitsetLimit) return kTooSparse;
  const size_t words = static_cast<size_t>(last / 64 + 1);
  if (bits.size() < words) bits.resize(words, 0);
  uint64_t *w = bits.data();
  uint64_t p = small.first + shift;
  w[p >> 6] |= uint64_t{1} << (p & 63);
  for (uint32_t k = 0; k + 1 < small.count; ++k) {
    p += static_cast<uint64_t>(small.gaps[k]) + 1;
    w[p >> 6] |= uint64_t{1} << (p & 63);
  }
  const uint64_t other_shift = 1 - shift;  // b is tested as is, a as s + 1
  uint32_t m = 0;
  uint64_t q = large.first + other_shift;
  for (uint32_t k = 0;; ++k) {
    if (q > last) break;  // ascending: nothing further can be in the bitset
    m += static_cast<uint32_t>((w[q >> 6] >> (q & 63)) & 1u);
    if (k + 1 >= large.count) break;
    q += static_cast<uint64_t>(large.gaps[k]) + 1;
  }
  std::memset(w, 0, words * sizeof(uint64_t));
  return m;
}

// Phrase matches of a leaf of n elements whose terms do not all weigh 1 (stem relatives, name
// variants, prefix or fuzzy expansions): a merge that carries each start's weight.
void weighted_spans_of_leaf(size_t n, std::vector<ElementCursors> &cursors, size_t &next,
                            uint32_t doc, std::vector<Span> &out) {
  static thread_local std::vector<WeightedPos> starts, pos;
  element_weighted_positions(cursors[next], doc, starts);
  for (size_t i = 1; i < n && !starts.empty(); ++i) {
    element_weighted_positions(cursors[next + i], doc, pos);
    size_t w = 0, j = 0;
    for (const WeightedPos &s : starts) {
      const uint64_t want = static_cast<uint64_t>(s.pos) + i;
      while (j < pos.size() && pos[j].pos < want) ++j;
      if (j == pos.size()) break;
      if (pos[j].pos == want) starts[w++] = WeightedPos{s.pos, s.weight * pos[j].weight};
    }
    starts.resize(w);
  }
  next += n;
  for (const WeightedPos &s : starts)
    out.push_back(Span{s.pos, s.pos + static_cast<uint32_t>(n - 1), s.weight});
}

// Spans of `node` in the current doc. `next` walks the DFS-ordered element cursors.
void spans_of(const QueryNode &node, std::vector<ElementCursors> &cursors, size_t &next,
              uint32_t doc, std::vector<Span> &out) {
  out.clear();
  if (node.type == QueryNode::leaf) {
    const size_t n = node.elements.size();
    bool weighted = false;
    for (size_t i = 0; i < n; ++i) weighted = weighted || cursors[next + i].weighted;
    if (weighted) {
      weighted_spans_of_leaf(n, cursors, next, doc, out);
      return;
    }
    // Phrase starts: the first element's positions, kept while element i occurs at start + i
    // (buffers reused across docs: this runs once per candidate doc).
    static thread_local std::vector<uint32_t> starts, pos;
    static thread_local std::vector<uint64_t> bits;
    element_positions(cursors[next], doc, starts);
    for (size_t i = 1; i < n && !starts.empty(); ++i) {
      element_positions(cursors[next + i], doc, pos);
      keep_starts_followed_by(starts, pos.data(), pos.size(), static_cast<uint32_t>(i), bits);
    }
    next += n;
    for (uint32_t s : starts) out.push_back(Span{s, s + static_cast<uint32_t>(n - 1)});
    return;
  }
  std::vector<Span> left, right;
  spans_of(node.children[0], cursors, next, doc, left);
  spans_of(node.children[1], cursors, next, doc, right);
  const uint64_t limit = static_cast<uint64_t>(node.distance) + 1;
  for (const Span &a : left)
    for (const Span &b : right) {
      uint64_t gap = b.start > a.end ? b.start - a.end : (a.start > b.end ? a.start - b.end : 0);
      if (gap <= limit)
        out.push_back(
            Span{std::min(a.start, b.start), std::max(a.end, b.end), a.weight * b.weight});
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// A phrase of single terms in field f (the fast path); weight: the product of their weights.
bool is_plain_phrase(const QueryNode &node, int f, float &weight) {
  if (node.type != QueryNode::leaf || node.elements.size() < 2) return false;
  weight = node.weight;
  for (const QueryElement &e : node.elements) {
    if (e.ids.size() != 1 || e.ids_in(f) != 1) return false;
    weight *= e.weights[0];
  }
  return true;
}

}  // namespace

void Evaluator::phrase_in_field(const QueryNode &node, int f, float weight,
                                std::vector<std::pair<uint32_t, float>> &acc) {
  const size_t n = node.elements.size();
  // One cursor per distinct list: a phrase may repeat a word (or be a megabyte of two words).
  std::vector<std::pair<uint32_t, uint32_t>> list_element(n);  // (list, element), sorted by list
  for (size_t i = 0; i < n; ++i) {
    const uint32_t l = ix_.list_of(node.elements[i].ids[0], static_cast<Field>(f));
    if (l == kNoList) return;
    list_element[i] = {l, static_cast<uint32_t>(i)};
  }
  std::sort(list_element.begin(), list_element.end());
  std::vector<PostingCursor> cur;
  std::vector<uint32_t> cursor_of(n);  // element -> index into cur
  size_t rarest = 0;
  for (size_t k = 0; k < n; ++k) {
    const uint32_t l = list_element[k].first;
    if (k == 0 || l != list_element[k - 1].first) {
      cur.emplace_back(ix_.postings(), ix_.list(l), ndocs_);
      if (ix_.list(l).count < cur[rarest].count_hint()) rarest = cur.size() - 1;
    }
    cursor_of[list_element[k].second] = static_cast<uint32_t>(cur.size() - 1);
  }
  // Leapfrog on doc ids, led by the rarest list, then the positions of the docs holding all.
  PostingCursor &lead = cur[rarest];
  // At most one entry per doc of the rarest list: room for them all at once (a phrase of two
  // common words matches most docs, and growing the vector by doubling copied it a dozen times).
  acc.reserve(acc.size() + lead.count_hint());
  if (!lead.next()) return;
  uint32_t target = lead.doc();
  static thread_local std::vector<uint32_t> starts;
  static thread_local std::vector<uint64_t> bits;
  for (;;) {
    bool aligned = true;
    for (size_t i = 0; i < cur.size(); ++i) {
      if (i == rarest) continue;
      if (!cur[i].seek(target)) return;
      if (cur[i].doc() != target) {
        aligned = false;
        target = cur[i].doc();
        break;
      }
    }
    if (!aligned) {
      if (!lead.seek(target)) return;
      target = lead.doc();
      continue;
    }
    if (live(target) && n == 2) {  // the common case: count without building a start list
      GapList a, b;
      uint32_t m = 0;
      if (cur[cursor_of[0]].position_gaps(&a.first, &a.gaps, &a.count) &&
          cur[cursor_of[1]].position_gaps(&b.first, &b.gaps, &b.count)) {
        m = count_followed_by(a, b, bits);
        if (m == kTooSparse) {  // huge positions: a plain merge of the materialised lists
          uint32_t na = 0, nb = 0;
          const uint32_t *pa = cur[cursor_of[0]].positions(&na);
          const uint32_t *pb = cur[cursor_of[1]].positions(&nb);
          m = count_followed_by_merge(pa, na, pb, nb);
        }
      }
      if (m) acc.emplace_back(target, contribution(target, f, weight * static_cast<float>(m)));
    } else if (live(target)) {
      uint32_t count = 0;
      const uint32_t *first = cur[cursor_of[0]].positions(&count);
      starts.assign(first, first + count);
      for (size_t i = 1; i < n && !starts.empty(); ++i) {
        const uint32_t *p = cur[cursor_of[i]].positions(&count);
        keep_starts_followed_by(starts, p, count, static_cast<uint32_t>(i), bits);
      }
      if (!starts.empty())
        acc.emplace_back(target,
                         contribution(target, f, weight * static_cast<float>(starts.size())));
    }
    if (!lead.next()) return;
    target = lead.doc();
  }
}

std::vector<uint32_t> Evaluator::eval_unit(const QueryNode &node, bool record) {
  std::vector<std::pair<uint32_t, float>> acc;
  const bool simple = node.type == QueryNode::leaf && node.elements.size() == 1;
  const uint8_t mask = simple ? node.field_mask : positional_mask(node);
  if (simple) {  // one allocation for every entry of the lists about to be read
    size_t entries = 0;
    for (int f = 0; f < kFieldCount; ++f)
      if (mask & (1u << f))
        for (size_t i = 0; i < node.elements[0].ids_in(f); ++i) {
          uint32_t l = ix_.list_of(node.elements[0].ids[i], static_cast<Field>(f));
          if (l != kNoList) entries += ix_.list(l).count;
        }
    acc.reserve(entries);
  }
  for (int f = 0; f < kFieldCount; ++f) {
    if (!(mask & (1u << f))) continue;
    if (simple) {
      const QueryElement &e = node.elements[0];
      for (size_t i = 0; i < e.ids_in(f); ++i) {
        uint32_t l = ix_.list_of(e.ids[i], static_cast<Field>(f));
        if (l == kNoList) continue;
        const float w = e.weights[i] * node.weight;
        PostingCursor c(ix_.postings(), ix_.list(l), ndocs_);
        while (c.next())
          if (live(c.doc()))
            acc.emplace_back(c.doc(), contribution(c.doc(), f, w * static_cast<float>(c.freq())));
      }
      continue;
    }
    float phrase_weight = 1.0f;
    if (is_plain_phrase(node, f, phrase_weight)) {
      phrase_in_field(node, f, phrase_weight, acc);
      continue;
    }
    std::vector<uint32_t> cand = candidates(node, f);
    if (cand.empty()) continue;
    std::vector<ElementCursors> cursors;
    open_cursors(ix_, node, f, ndocs_, cursors);
    std::vector<Span> spans;
    for (uint32_t doc : cand) {
      size_t next = 0;
      spans_of(node, cursors, next, doc, spans);
      float tf = 0;
      for (const Span &sp : spans) tf += sp.weight;
      if (!spans.empty()) acc.emplace_back(doc, contribution(doc, f, tf));
    }
  }
  ScoringUnit u;
  if (acc.size() > ndocs_ / 8) {
    // Many entries (a common word, a wide prefix): sum per doc in a dense array, then one ordered
    // sweep, instead of sorting every (doc, contribution) pair.
    std::vector<float> dense(ndocs_, 0.0f);
    std::vector<uint8_t> seen(ndocs_, 0);
    size_t distinct = 0;
    for (const auto &e : acc) {
      dense[e.first] += e.second;
      distinct += !seen[e.first];
      seen[e.first] = 1;
    }
    // Sized once: grown by doubling, each step copied into fresh pages.
    u.docs.reserve(distinct);
    u.tfw.reserve(distinct);
    for (uint32_t d = 0; d < ndocs_; ++d)
      if (seen[d]) {
        u.docs.push_back(d);
        u.tfw.push_back(dense[d]);
      }
  } else {
    std::stable_sort(acc.begin(), acc.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (size_t i = 0; i < acc.size();) {
      uint32_t d = acc[i].first;
      float s = 0;
      for (; i < acc.size() && acc[i].first == d; ++i) s += acc[i].second;
      u.docs.push_back(d);
      u.tfw.push_back(s);
    }
  }
  std::vector<uint32_t> docs = u.docs;
  if (record) {
    double n = static_cast<double>(ix_.live);
    double df = static_cast<double>(u.docs.size());
    u.idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    units_.push_back(std::move(u));
  }
  return docs;
}

}  // namespace caci::detail
