// Did you mean. For each plain query word (not a prefix or fuzzy word) found in at most kFewHits
// articles, the dictionary is walked for terms within one edit (two for words of five or more
// code points that are not indexed at all; fuzzy.cpp), ranked by document frequency with a tenfold
// penalty per edit. A word that is indexed is only corrected to a term at least ten times as
// common. The words of the query text are then replaced (so its syntax, fields and operators
// stay as typed), each candidate query is run for its total, and those that match more than the
// original are kept.
#include "suggest.hpp"

#include "evaluator.hpp"
#include "fuzzy.hpp"
#include "term_stats.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace caci::detail {

namespace {

constexpr size_t kMaxWordsToCorrect = 4;
constexpr size_t kCandidatesPerWord = 3;
constexpr size_t kMaxSuggestQueryBytes = 4096;  // longer queries are not corrected

struct Candidate {
  std::string term;
  unsigned edits = 0;
  double rank = 0;
};

struct Word {
  std::string term;
  std::vector<Candidate> candidates;  // best first
};

void collect_words(const QueryNode &n, bool negated, std::vector<std::string> &out) {
  if (n.type == QueryNode::not_) {
    collect_words(n.children[0], !negated, out);
    return;
  }
  for (const QueryNode &c : n.children) collect_words(c, negated, out);
  if (n.type != QueryNode::leaf || negated) return;
  for (const QueryElement &e : n.elements)
    if (e.kind == QueryElement::exact && std::find(out.begin(), out.end(), e.term) == out.end())
      out.push_back(e.term);
}

size_t code_point_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

std::vector<Candidate> candidates_for(const IndexImpl &ix, const std::string &word,
                                      uint64_t word_docs) {
  const unsigned max_edits = word_docs == 0 && code_point_count(word) >= 5 ? 2 : 1;
  std::vector<uint32_t> ids;
  fuzzy_terms(ix.terms, word, max_edits, ids);
  std::vector<Candidate> out;
  for (uint32_t id : ids) {
    std::string_view t = ix.terms.term(id);
    if (t == word) continue;
    const uint64_t docs = term_doc_upper_bound(ix, id);  // cheap: no posting is read
    if (docs == 0 || (word_docs > 0 && docs < 10 * word_docs)) continue;
    Candidate c;
    c.term = std::string(t);
    c.edits = edit_distance(word, t);
    if (c.edits == 0 || c.edits > max_edits) continue;
    c.rank = std::log(1.0 + static_cast<double>(docs)) - std::log(10.0) * (c.edits - 1);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
    return a.rank != b.rank ? a.rank > b.rank : a.term < b.term;
  });
  if (out.size() > kCandidatesPerWord) out.resize(kCandidatesPerWord);
  return out;
}

// The query text with every token that folds to a word of `replace` swapped for its correction
// (capitalised like the typed word).
std::string rewrite(std::string_view query,
                    const std::vector<std::pair<std::string, std::string>> &replace) {
  std::string out;
  size_t copied = 0;
  Tokenizer tok;
  tok.run(query, [&](std::string_view term, uint32_t start, uint32_t end) {
    for (const auto &r : replace) {
      if (term != r.first) continue;
      out.append(query.substr(copied, start - copied));
      std::string word = r.second;
      const char first = query[start];
      if (first >= 'A' && first <= 'Z' && !word.empty() && word[0] >= 'a' && word[0] <= 'z')
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      out += word;
      copied = end;
      return;
    }
  });
  out.append(query.substr(copied));
  return out;
}

}  // namespace

uint64_t count_matches(const IndexImpl &ix, std::string_view query) {
  QueryNode root;
  QueryError err;
  if (!parse_query(query, root, err)) return 0;
  Evaluator ev(ix);
  ev.resolve(root);
  return ev.eval(root, false).size();
}

void suggest_queries(const IndexImpl &ix, std::string_view query, const QueryNode &root,
                     uint64_t total, std::vector<Suggestion> &out) {
  if (query.size() > kMaxSuggestQueryBytes) return;
  std::vector<std::string> terms;
  collect_words(root, false, terms);
  std::vector<Word> words;
  for (const std::string &t : terms) {
    if (words.size() == kMaxWordsToCorrect) break;
    const uint32_t id = ix.terms.find(t);
    if (id != kNoTerm && term_doc_upper_bound(ix, id) > kFewHits * kFieldCount) continue;
    const uint64_t docs = id == kNoTerm ? 0 : term_live_docs(ix, id);
    if (docs > kFewHits) continue;
    Word w{t, candidates_for(ix, t, docs)};
    if (!w.candidates.empty()) words.push_back(std::move(w));
  }
  if (words.empty()) return;
  // The best correction of every word, then each other candidate of one word with the rest best.
  std::vector<std::vector<size_t>> choices;
  choices.push_back(std::vector<size_t>(words.size(), 0));
  for (size_t w = 0; w < words.size(); ++w)
    for (size_t c = 1; c < words[w].candidates.size(); ++c) {
      std::vector<size_t> pick(words.size(), 0);
      pick[w] = c;
      choices.push_back(std::move(pick));
    }
  struct Scored {
    Suggestion s;
    unsigned edits = 0;
  };
  std::vector<Scored> found;
  std::set<std::string> seen;
  for (const auto &pick : choices) {
    std::vector<std::pair<std::string, std::string>> replace;
    unsigned edits = 0;
    for (size_t w = 0; w < words.size(); ++w) {
      replace.emplace_back(words[w].term, words[w].candidates[pick[w]].term);
      edits += words[w].candidates[pick[w]].edits;
    }
    Scored sc;
    sc.s.query = rewrite(query, replace);
    if (sc.s.query == query || !seen.insert(sc.s.query).second) continue;
    sc.s.total = count_matches(ix, sc.s.query);
    sc.edits = edits;
    if (sc.s.total > total) found.push_back(std::move(sc));
  }
  // Fewest edits first, then most hits; the first choice (every word's best) wins ties.
  std::stable_sort(found.begin(), found.end(), [](const Scored &a, const Scored &b) {
    return a.edits != b.edits ? a.edits < b.edits : a.s.total > b.s.total;
  });
  for (size_t i = 0; i < found.size() && out.size() < kMaxSuggestions; ++i)
    out.push_back(std::move(found[i].s));
}

}  // namespace caci::detail
