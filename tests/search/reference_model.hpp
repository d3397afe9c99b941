// Test support: a brute-force reference for the query language. Queries are built as small trees
// that render to query strings for the index and are evaluated here by definition over the
// tokenized fields of every article (no index, no shared code beyond caci::tokenize() and the
// name variant table's data). A word matches by definition: the same term; or, outside author
// names and unless written `=word`, a term with the same Snowball English stem (libstemmer called
// directly, not the index's prefix-range search) or a spelling of the same name variant group.
#pragma once

#include "test_corpus.hpp"

#include "../../core/src/search/name_variants.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace caci_test {

// Positions jump by more than NEAR's 32 between paragraphs of a field.
constexpr uint32_t kGap = 33;

struct RefDoc {
  uint64_t id = 0;
  bool live = true;
  caci::ArticleKind kind{};
  caci::Category category{};
  caci::Date date;
  std::map<uint32_t, std::string> field[caci::kFieldCount];  // position -> term
  std::set<std::string> all_terms[caci::kFieldCount];
};

inline std::vector<RefDoc> reference_docs(const caci::ArticleStore &s) {
  std::vector<RefDoc> out;
  for (const caci::Article &a : s.articles) {
    RefDoc d;
    d.id = a.id;
    d.live = !a.deleted;
    d.kind = a.kind;
    d.category = a.category;
    d.date = a.date;
    uint32_t next[caci::kFieldCount] = {};
    bool started[caci::kFieldCount] = {};
    auto piece = [&](int f, std::string_view text) {
      if (started[f]) next[f] += kGap;
      started[f] = true;
      std::vector<caci::Token> toks;
      caci::tokenize(text, toks);
      for (auto &t : toks) {
        d.field[f][next[f]++] = t.term;
        d.all_terms[f].insert(t.term);
      }
    };
    if (!a.title.empty()) piece(0, s.body_text(a.title));
    // Link titles are title text too, unless the title is the link's.
    for (uint32_t i = 0; i < a.links.count; ++i) {
      std::string_view link = s.meta_text(s.links[a.links.begin + i].title);
      if (!link.empty() && link != s.body_text(a.title)) piece(0, link);
    }
    for (uint32_t i = 0; i < a.authors.count; ++i)
      piece(1, s.meta_text(s.authors[a.authors.begin + i].name));
    for (uint32_t i = 0; i < a.lead.count; ++i)
      piece(2, s.body_text(s.paragraphs[a.lead.begin + i]));
    for (uint32_t k = 0; k < a.sections.count; ++k) {
      const caci::Section &sec = s.sections[a.sections.begin + k];
      for (uint32_t i = 0; i < sec.paragraphs.count; ++i)
        piece(3, s.body_text(s.paragraphs[sec.paragraphs.begin + i]));
    }
    for (uint32_t i = 0; i < a.bio.count; ++i) piece(4, s.body_text(s.paragraphs[a.bio.begin + i]));
    out.push_back(std::move(d));
  }
  return out;
}

inline std::vector<uint32_t> code_points(const std::string &s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : (c & (0x7f >> n));
    for (size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(cp);
    i += n;
  }
  return out;
}

inline unsigned levenshtein(const std::string &a, const std::string &b) {
  std::vector<uint32_t> x = code_points(a), y = code_points(b);
  std::vector<unsigned> row(y.size() + 1), nxt(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    nxt[0] = static_cast<unsigned>(i);
    for (size_t j = 1; j <= y.size(); ++j)
      nxt[j] =
          std::min({row[j] + 1, nxt[j - 1] + 1, row[j - 1] + (x[i - 1] == y[j - 1] ? 0u : 1u)});
    row.swap(nxt);
  }
  return row[y.size()];
}

struct Q {
  enum T { word, phrase, near, and_, or_, not_, year, date, kind, category } t = word;
  std::string text;    // word or phrase text as typed
  char suffix = 0;     // word: '*' prefix or '~' fuzzy
  bool exact = false;  // word or phrase written `=word`, `="a phrase"`
  int edits = 1;
  int field = -1;  // -1: all text fields
  std::vector<Q> kids;
  int n = 0;           // near distance
  std::string lo, hi;  // year/date bounds as typed ("" = open)
  int value = 0;       // kind / category
};

inline Q W(std::string t, int field = -1) {
  Q q;
  q.text = std::move(t);
  q.field = field;
  return q;
}
inline Q Pre(std::string t, int field = -1) {
  Q q = W(std::move(t), field);
  q.suffix = '*';
  return q;
}
inline Q Fz(std::string t, int edits) {
  Q q = W(std::move(t));
  q.suffix = '~';
  q.edits = edits;
  return q;
}
inline Q P(std::string t, int field = -1) {
  Q q = W(std::move(t), field);
  q.t = Q::phrase;
  return q;
}
inline Q Exact(Q q) {  // `=word`, `="a phrase"`
  q.exact = true;
  return q;
}
inline Q Near(Q a, Q b, int n) {
  Q q;
  q.t = Q::near;
  q.n = n;
  q.kids = {std::move(a), std::move(b)};
  return q;
}
inline Q And(std::vector<Q> k) {
  Q q;
  q.t = Q::and_;
  q.kids = std::move(k);
  return q;
}
inline Q Or(std::vector<Q> k) {
  Q q;
  q.t = Q::or_;
  q.kids = std::move(k);
  return q;
}
inline Q Not(Q a) {
  Q q;
  q.t = Q::not_;
  q.kids = {std::move(a)};
  return q;
}
inline Q Year(std::string lo, std::string hi) {
  Q q;
  q.t = Q::year;
  q.lo = std::move(lo);
  q.hi = std::move(hi);
  return q;
}
inline Q DateR(std::string lo, std::string hi) {
  Q q = Year(std::move(lo), std::move(hi));
  q.t = Q::date;
  return q;
}
inline Q Kind(int k) {
  Q q;
  q.t = Q::kind;
  q.value = k;
  return q;
}
inline Q Cat(int c) {
  Q q;
  q.t = Q::category;
  q.value = c;
  return q;
}

inline const char *field_prefix(int f) {
  static const char *names[] = {"title:", "author:", "lead:", "sections:", "bio:"};
  return f < 0 ? "" : names[f];
}

inline std::string render(const Q &q) {
  switch (q.t) {
  case Q::word: {
    std::string s = std::string(field_prefix(q.field)) + (q.exact ? "=" : "") + q.text;
    if (q.suffix == '*') s += '*';
    if (q.suffix == '~') s += "~" + std::to_string(q.edits);
    return s;
  }
  case Q::phrase:
    return std::string(field_prefix(q.field)) + (q.exact ? "=" : "") + "\"" + q.text + "\"";
  case Q::near: {
    // NEAR is left-associative: a right operand that is itself a NEAR needs parentheses.
    const Q &r = q.kids[1];
    std::string right = r.t == Q::near ? "(" + render(r) + ")" : render(r);
    return render(q.kids[0]) + " NEAR/" + std::to_string(q.n) + " " + right;
  }
  case Q::and_:
  case Q::or_: {
    std::string s = "(";
    for (size_t i = 0; i < q.kids.size(); ++i) {
      if (i) s += q.t == Q::or_ ? " OR " : " ";
      s += render(q.kids[i]);
    }
    return s + ")";
  }
  case Q::not_: {
    const Q &k = q.kids[0];
    if (k.t == Q::near) return "NOT (" + render(k) + ")";
    return (k.t == Q::word && k.field < 0 ? "-" : "NOT ") + render(k);
  }
  case Q::year:
  case Q::date: {
    std::string s = q.t == Q::year ? "year:" : "date:";
    if (q.lo == q.hi) return s + q.lo;
    return s + q.lo + ".." + q.hi;
  }
  case Q::kind:
    return std::string("kind:") + caci::kind_name(static_cast<caci::ArticleKind>(q.value));
  case Q::category:
    return std::string("category:\"") + caci::category_name(static_cast<caci::Category>(q.value)) +
           "\"";
  }
  return "";
}

// The Snowball English stem of a folded word of ASCII letters ("" for other words: not stemmed).
inline const std::string &ref_stem(const std::string &w) {
  static std::map<std::string, std::string> cache;
  auto it = cache.find(w);
  if (it != cache.end()) return it->second;
  std::string st;
  bool letters = w.size() >= 2 && w.size() <= 64;
  for (char c : w) letters = letters && c >= 'a' && c <= 'z';
  if (letters) {
    static sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
    const sb_symbol *r =
        sb_stemmer_stem(sb, reinterpret_cast<const sb_symbol *>(w.data()), int(w.size()));
    st.assign(reinterpret_cast<const char *>(r), size_t(sb_stemmer_length(sb)));
  }
  return cache.emplace(w, st).first->second;
}

// The spellings of the name variant group of `tokens` (each as folded tokens), or none.
// Memoized: the model asks for every query word once per article and field.
inline const std::vector<std::vector<std::string>> &
ref_variants(const std::vector<std::string> &tokens) {
  static std::map<std::vector<std::string>, std::vector<std::vector<std::string>>> cache;
  auto cached = cache.find(tokens);
  if (cached != cache.end()) return cached->second;
  std::vector<std::vector<std::string>> found;
  for (const auto &g : caci::detail::kNameVariants) {
    std::vector<std::vector<std::string>> all;
    bool member = false;
    for (std::string_view sp : g.spellings) {
      if (sp.empty()) continue;
      std::vector<caci::Token> toks;
      caci::tokenize(sp, toks);
      std::vector<std::string> terms;
      for (auto &t : toks) terms.push_back(t.term);
      member = member || terms == tokens;
      all.push_back(std::move(terms));
    }
    if (member) {
      found = std::move(all);
      break;
    }
  }
  return cache.emplace(tokens, std::move(found)).first->second;
}

// The folded terms of a query text (memoized like ref_variants).
inline const std::vector<std::string> &ref_terms(const std::string &text) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto cached = cache.find(text);
  if (cached != cache.end()) return cached->second;
  std::vector<caci::Token> toks;
  caci::tokenize(text, toks);
  std::vector<std::string> terms;
  for (auto &t : toks) terms.push_back(t.term);
  return cache.emplace(text, std::move(terms)).first->second;
}

struct Elem {
  std::string term;
  char kind = 0;  // 0 exact, '*' prefix, '~' fuzzy
  int edits = 0;
  bool exact_only = false;
  std::vector<std::string> variants;  // one-word name variants (exact kind, not exact_only)
  // In field f: author names never match stems or variants.
  bool matches(const std::string &t, int f) const {
    if (kind == 0 && t != term && !exact_only && f != 1) {
      for (const std::string &v : variants)
        if (t == v) return true;
      const std::string &st = ref_stem(term);
      return !st.empty() && ref_stem(t) == st;
    }
    return matches(t);
  }
  bool matches(const std::string &t) const {
    if (kind == '*') return t.compare(0, term.size(), term) == 0;
    if (kind == '~') {
      static std::map<std::pair<std::string, std::string>, unsigned>
          cache;  // the scan repeats terms
      auto key = std::make_pair(term, t);
      auto it = cache.find(key);
      if (it == cache.end()) it = cache.emplace(key, levenshtein(term, t)).first;
      return it->second <= static_cast<unsigned>(edits);
    }
    return t == term;
  }
};

inline std::vector<Elem> compute_elements(const Q &q) {
  std::vector<Elem> out;
  for (const std::string &t : ref_terms(q.text)) {
    Elem e{t, 0, 0, q.exact, {}};
    if (!q.exact)
      for (const auto &sp : ref_variants({t}))
        if (sp.size() == 1 && sp[0] != t) e.variants.push_back(sp[0]);
    out.push_back(std::move(e));
  }
  if (q.t == Q::word && !out.empty() && q.suffix) {
    out.back().kind = q.suffix;
    out.back().edits = q.edits;
    out.back().variants.clear();
  }
  return out;
}

// Memoized: asked once per article and field.
inline const std::vector<Elem> &elements_of(const Q &q) {
  static std::map<std::tuple<std::string, bool, bool, char, int>, std::vector<Elem>> cache;
  auto key = std::make_tuple(q.text, q.exact, q.t == Q::word, q.suffix, q.edits);
  auto cached = cache.find(key);
  if (cached != cache.end()) return cached->second;
  return cache.emplace(key, compute_elements(q)).first->second;
}

struct RSpan {
  uint32_t s, e;
  bool operator<(const RSpan &o) const { return s != o.s ? s < o.s : e < o.e; }
};

inline int field_mask(const Q &q) {
  if (q.t == Q::near) return field_mask(q.kids[0]) & field_mask(q.kids[1]);
  return q.field < 0 ? int(caci::kAllFieldsMask) : 1 << q.field;
}

inline std::set<RSpan> spans(const Q &q, const RefDoc &d, int f) {
  std::set<RSpan> out;
  if (q.t == Q::near) {
    auto a = spans(q.kids[0], d, f), b = spans(q.kids[1], d, f);
    for (auto &x : a)
      for (auto &y : b) {
        // at most n words between, overlap allowed
        int64_t gap = y.s > x.e ? int64_t(y.s) - x.e : (x.s > y.e ? int64_t(x.s) - y.e : 0);
        if (gap <= q.n + 1) out.insert(RSpan{std::min(x.s, y.s), std::max(x.e, y.e)});
      }
    return out;
  }
  const std::vector<Elem> &el = elements_of(q);
  if (el.empty()) return out;
  // Cheap rejection: every element must match some term of the field.
  for (const Elem &e : el) {
    if (e.kind == 0 && d.all_terms[f].count(e.term)) continue;
    bool any = false;
    for (const std::string &t : d.all_terms[f])
      if ((any = e.matches(t, f))) break;
    if (!any) return out;
  }
  for (auto &kv : d.field[f]) {
    bool ok = true;
    for (size_t i = 0; i < el.size() && ok; ++i) {
      auto it = d.field[f].find(kv.first + static_cast<uint32_t>(i));
      ok = it != d.field[f].end() && el[i].matches(it->second, f);
    }
    if (ok) out.insert(RSpan{kv.first, kv.first + static_cast<uint32_t>(el.size() - 1)});
  }
  return out;
}

inline uint32_t ref_key(const caci::Date &d) {
  if (d.year <= 0 || d.month == 0) return 0;
  return static_cast<uint32_t>(d.year) * 10000 + d.month * 100u + d.day;
}

// "2003" "2003-04" "2003-04-05" -> [lo, hi] keys
inline void spec_bounds(const std::string &s, uint32_t &lo, uint32_t &hi) {
  int y = 0, m = 0, d = 0;
  std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d);
  lo = y * 10000u + m * 100u + d;
  hi = y * 10000u + (m ? m : 12) * 100u + (d ? d : 99);
}

inline bool ref_match(const Q &q, const RefDoc &d) {
  switch (q.t) {
  case Q::word:
  case Q::phrase:
    // A word or phrase (not a NEAR operand) spelling a name with several-word variants also
    // matches those (Almaty: "Alma-Ata"), and a several-word spelling matches every variant.
    if (!q.exact && !q.suffix) {
      const std::vector<std::string> &terms = ref_terms(q.text);
      for (const auto &sp : ref_variants(terms)) {
        if (sp == terms || (sp.size() == 1 && terms.size() == 1)) continue;
        std::string text;
        for (const auto &t : sp) text += (text.empty() ? "" : " ") + t;
        Q alt = Exact(P(text, q.field));
        for (int f = 0; f < caci::kFieldCount; ++f)  // never in author names
          if (f != 1 && (field_mask(q) & (1 << f)) && !spans(alt, d, f).empty()) return true;
      }
    }
    [[fallthrough]];
  case Q::near: {
    int mask = field_mask(q);
    for (int f = 0; f < caci::kFieldCount; ++f)
      if ((mask & (1 << f)) && !spans(q, d, f).empty()) return true;
    return false;
  }
  case Q::and_:
    for (auto &k : q.kids)
      if (!ref_match(k, d)) return false;
    return true;
  case Q::or_:
    for (auto &k : q.kids)
      if (ref_match(k, d)) return true;
    return false;
  case Q::not_: return !ref_match(q.kids[0], d);
  case Q::year:
  case Q::date: {
    uint32_t key = ref_key(d.date), lo = 1, hi = 99999999, tmp;
    if (!q.lo.empty()) spec_bounds(q.lo, lo, tmp);
    if (!q.hi.empty()) spec_bounds(q.hi, tmp, hi);
    return key && key >= lo && key <= hi;
  }
  case Q::kind: return static_cast<int>(d.kind) == q.value;
  case Q::category: return static_cast<int>(d.category) == q.value;
  }
  return false;
}

inline std::vector<uint64_t> ref_ids(const Q &q, const std::vector<RefDoc> &docs) {
  std::vector<uint64_t> out;
  for (auto &d : docs)
    if (d.live && ref_match(q, d)) out.push_back(d.id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace caci_test
