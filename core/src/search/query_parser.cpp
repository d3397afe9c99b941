// Query language parser (recursive descent, depth-limited). The grammar, also in QUERY.md:
//
//   query    := or_expr?                      empty query = every article
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := unary ( "AND"? unary )*       juxtaposition means AND
//   unary    := ( "NOT" | "-" ) unary | near
//   near     := primary ( "NEAR/" N primary )*   N in 0..32 words between; operands: words/phrases
//   primary  := "(" or_expr ")" | field ":" primary | meta ":" value | "\"" phrase "\"" | word
//   word     := text | text "*" | text "~" [1|2]   (prefix / fuzzy with up to 2 edits)
//             | "=" text | "=" "\"" phrase "\""   (exact forms only: no stems, no name variants)
//   field    := title | author | authors | lead | sections | section | bio
//   meta     := kind:(article|excerpt|teaser|digest) | category:"Field Reports"
//             | year:Y | year:Y1..Y2 | date:D | date:D1..D2   (either bound may be omitted)
//
// Keywords (OR AND NOT NEAR/N) are upper case; "or" is an ordinary word. A word that tokenizes to
// several tokens (O'Brien, Ul-Haq, North-South) is the phrase of its tokens.
#include "query_ast.hpp"

#include "../index/tokenizer.hpp"
#include "caci/core/gazetteer.hpp"

#include <cstring>

namespace caci::detail {

namespace {

enum class TokType : uint8_t {
  end,
  lparen,
  rparen,
  word,
  quoted,
  field,
  op_or,
  op_and,
  op_not,
  op_near,
  minus
};

struct Tok {
  TokType type = TokType::end;
  uint32_t offset = 0;
  std::string_view text;  // word text, quoted content, or field name
  uint32_t near_n = 0;
  bool exact_only = false;  // `=word`, `="phrase"`
};

constexpr uint32_t kMaxNearChain = 8;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_word_end(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '"';
}

// A field filter's name: the text fields are 0 .. kFieldCount - 1 (their Field), the metadata
// filters follow.
enum FieldId { f_kind = kFieldCount, f_category, f_year, f_date, f_country, f_unknown };

int field_id(std::string_view name) {
  char low[16];
  if (name.size() >= sizeof low) return f_unknown;
  for (size_t i = 0; i < name.size(); ++i) low[i] = static_cast<char>(name[i] | 0x20);
  std::string_view n(low, name.size());
  for (const FieldFilterName &f : kFieldFilterNames)
    if (n == f.name) return static_cast<int>(f.field);
  if (n == "kind") return f_kind;
  if (n == "category") return f_category;
  if (n == "year") return f_year;
  if (n == "date") return f_date;
  if (n == "country") return f_country;
  return f_unknown;
}

class Parser {
public:
  Parser(std::string_view q, QueryError &err) : q_(q), err_(err) {}

  bool run(QueryNode &out) {
    if (!advance()) return false;
    bool empty = true;
    if (!parse_or(out, empty, kAllFieldsMask, 0)) return false;
    if (tok_.type == TokType::rparen) return fail(tok_.offset, "unmatched ')'");
    if (tok_.type != TokType::end) return fail(tok_.offset, "unexpected text");
    if (empty) out = QueryNode{};
    return true;
  }

private:
  bool fail(uint32_t offset, const char *msg) {
    if (!failed_) {
      err_.offset = offset;
      err_.message = msg;
      failed_ = true;
    }
    return false;
  }

  // Lexer. value_mode: the token right after "field:" (no keywords, fields or minus).
  bool advance(bool value_mode = false) {
    const size_t n = q_.size();
    if (!value_mode)
      while (pos_ < n && is_space(q_[pos_])) ++pos_;
    tok_ = Tok{};
    tok_.offset = static_cast<uint32_t>(pos_);
    if (pos_ >= n) return true;
    char c = q_[pos_];
    if (c == '(') {
      tok_.type = TokType::lparen;
      ++pos_;
      return true;
    }
    if (c == ')') {
      tok_.type = TokType::rparen;
      ++pos_;
      return true;
    }
    if (c == '=' && pos_ + 1 < n && q_[pos_ + 1] == '"') {  // ="a phrase": exact forms only
      tok_.exact_only = true;
      c = q_[++pos_];
    }
    if (c == '"') {
      size_t close = q_.find('"', pos_ + 1);
      if (close == std::string_view::npos) return fail(tok_.offset, "unterminated quote");
      tok_.type = TokType::quoted;
      tok_.text = q_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      return true;
    }
    if (!value_mode && c == '-' && pos_ + 1 < n && !is_space(q_[pos_ + 1]) && q_[pos_ + 1] != ')') {
      tok_.type = TokType::minus;
      ++pos_;
      return true;
    }
    size_t b = pos_;
    while (pos_ < n && !is_word_end(q_[pos_])) ++pos_;
    std::string_view w = q_.substr(b, pos_ - b);
    tok_.type = TokType::word;
    tok_.text = w;
    if (w.size() > 1 && w[0] == '=') {  // =word: exact forms only
      tok_.exact_only = true;
      tok_.text = w.substr(1);
      return true;
    }
    if (value_mode) return true;
    if (w == "OR")
      tok_.type = TokType::op_or;
    else if (w == "AND")
      tok_.type = TokType::op_and;
    else if (w == "NOT")
      tok_.type = TokType::op_not;
    else if (w.substr(0, 5) == "NEAR/") {
      std::string_view num = w.substr(5);
      uint32_t v = 0;
      if (num.empty() || num.size() > 4)
        return fail(tok_.offset, "NEAR needs a distance, e.g. NEAR/3");
      for (char d : num) {
        if (d < '0' || d > '9') return fail(tok_.offset, "NEAR needs a distance, e.g. NEAR/3");
        v = v * 10 + static_cast<uint32_t>(d - '0');
      }
      if (v > kMaxNear) return fail(tok_.offset, "NEAR distance is at most 32");
      tok_.type = TokType::op_near;
      tok_.near_n = v;
    } else {
      size_t colon = w.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        bool letters = true;
        for (size_t i = 0; i < colon; ++i) {
          char l = static_cast<char>(w[i] | 0x20);
          if (l < 'a' || l > 'z') letters = false;
        }
        if (letters) {
          if (field_id(w.substr(0, colon)) == f_unknown)
            return fail(
                tok_.offset,
                "unknown field (known: title author lead sections bio kind category year date "
                "country)");
          tok_.type = TokType::field;
          tok_.text = w.substr(0, colon);
          pos_ = b + colon + 1;
        }
      }
    }
    return true;
  }

  bool parse_or(QueryNode &out, bool &empty, uint8_t mask, uint32_t depth) {
    QueryNode first;
    bool first_empty = true;
    if (tok_.type == TokType::op_or) return fail(tok_.offset, "OR needs a term before it");
    if (!parse_and(first, first_empty, mask, depth)) return false;
    if (tok_.type != TokType::op_or) {
      out = std::move(first);
      empty = first_empty;
      return true;
    }
    QueryNode node;
    node.type = QueryNode::or_;
    node.offset = first.offset;
    if (first_empty) return fail(tok_.offset, "OR needs a term before it");
    node.children.push_back(std::move(first));
    while (tok_.type == TokType::op_or) {
      uint32_t at = tok_.offset;
      if (!advance()) return false;
      QueryNode rhs;
      bool rhs_empty = true;
      if (!parse_and(rhs, rhs_empty, mask, depth)) return false;
      if (rhs_empty) return fail(at, "OR needs a term after it");
      node.children.push_back(std::move(rhs));
    }
    out = std::move(node);
    empty = false;
    return true;
  }

  bool parse_and(QueryNode &out, bool &empty, uint8_t mask, uint32_t depth) {
    QueryNode node;
    node.type = QueryNode::and_;
    node.offset = tok_.offset;
    for (;;) {
      if (tok_.type == TokType::end || tok_.type == TokType::rparen || tok_.type == TokType::op_or)
        break;
      bool explicit_and = false;
      uint32_t at = tok_.offset;
      if (tok_.type == TokType::op_and) {
        if (node.children.empty()) return fail(at, "AND needs a term before it");
        explicit_and = true;
        if (!advance()) return false;
        if (tok_.type == TokType::end || tok_.type == TokType::rparen ||
            tok_.type == TokType::op_or || tok_.type == TokType::op_and)
          return fail(at, "AND needs a term after it");
      }
      QueryNode child;
      bool child_empty = true;
      if (!parse_unary(child, child_empty, mask, depth)) return false;
      if (child_empty) {
        if (explicit_and) return fail(at, "AND needs a term after it");
        continue;
      }
      node.children.push_back(std::move(child));
    }
    empty = node.children.empty();
    if (node.children.size() == 1)
      out = std::move(node.children[0]);
    else
      out = std::move(node);
    return true;
  }

  bool parse_unary(QueryNode &out, bool &empty, uint8_t mask, uint32_t depth) {
    if (tok_.type == TokType::op_not || tok_.type == TokType::minus) {
      uint32_t at = tok_.offset;
      if (depth + 1 > kMaxQueryDepth) return fail(at, "query nested too deeply");
      if (!advance()) return false;
      QueryNode child;
      bool child_empty = true;
      if (tok_.type == TokType::end || tok_.type == TokType::rparen ||
          tok_.type == TokType::op_or || tok_.type == TokType::op_and)
        return fail(at, "NOT needs a term after it");
      if (!parse_unary(child, child_empty, mask, depth + 1)) return false;
      if (child_empty) return fail(at, "NOT needs a searchable term after it");
      out = QueryNode{};
      out.type = QueryNode::not_;
      out.offset = at;
      out.children.push_back(std::move(child));
      empty = false;
      return true;
    }
    return parse_near(out, empty, mask, depth);
  }

  static bool positional(const QueryNode &n) {
    return n.type == QueryNode::leaf || n.type == QueryNode::near;
  }

  bool parse_near(QueryNode &out, bool &empty, uint8_t mask, uint32_t depth) {
    if (!parse_primary(out, empty, mask, depth)) return false;
    uint32_t chain = 0;
    while (tok_.type == TokType::op_near) {
      if (++chain > kMaxNearChain)
        return fail(tok_.offset, "too many NEAR operators in a row (at most 8)");
      uint32_t at = tok_.offset;
      uint32_t n = tok_.near_n;
      if (empty || !positional(out)) return fail(at, "NEAR needs a word or phrase before it");
      if (depth + 1 > kMaxQueryDepth) return fail(at, "query nested too deeply");
      if (!advance()) return false;
      QueryNode rhs;
      bool rhs_empty = true;
      if (!parse_primary(rhs, rhs_empty, mask, depth + 1)) return false;
      if (rhs_empty || !positional(rhs)) return fail(at, "NEAR needs a word or phrase after it");
      QueryNode node;
      node.type = QueryNode::near;
      node.offset = at;
      node.distance = n;
      node.children.push_back(std::move(out));
      node.children.push_back(std::move(rhs));
      out = std::move(node);
    }
    return true;
  }

  bool parse_primary(QueryNode &out, bool &empty, uint8_t mask, uint32_t depth) {
    empty = true;
    switch (tok_.type) {
    case TokType::lparen: {
      uint32_t at = tok_.offset;
      if (depth + 1 > kMaxQueryDepth) return fail(at, "query nested too deeply");
      if (!advance()) return false;
      if (!parse_or(out, empty, mask, depth + 1)) return false;
      if (tok_.type != TokType::rparen) return fail(at, "missing ')'");
      if (empty) return fail(at, "empty parentheses");
      return advance();
    }
    case TokType::rparen: return fail(tok_.offset, "unmatched ')'");
    case TokType::op_or: return fail(tok_.offset, "OR needs a term before it");
    case TokType::op_and: return fail(tok_.offset, "AND needs a term before it");
    case TokType::op_near: return fail(tok_.offset, "NEAR needs a word or phrase before it");
    case TokType::end: return fail(tok_.offset, "missing term");
    case TokType::field: return parse_field(out, empty, depth);
    case TokType::word: {
      Tok t = tok_;
      if (!make_word(t, mask, out, empty)) return false;
      return advance();
    }
    case TokType::quoted: {
      Tok t = tok_;
      if (!make_phrase(t, mask, out, empty)) return false;
      return advance();
    }
    default: return fail(tok_.offset, "unexpected term");
    }
  }

  bool parse_field(QueryNode &out, bool &empty, uint32_t depth) {
    Tok f = tok_;
    const int id = field_id(f.text);
    if (!advance(true)) return false;
    if (tok_.type == TokType::end || (tok_.type == TokType::word && tok_.text.empty()))
      return fail(f.offset, "missing value after field:");
    if (id < kFieldCount) {
      if (tok_.type == TokType::rparen) return fail(f.offset, "missing value after field:");
      uint8_t mask = static_cast<uint8_t>(1u << id);
      if (!parse_primary(out, empty, mask, depth + 1)) return false;
      if (empty) return fail(f.offset, "nothing searchable after field:");
      return true;
    }
    if (tok_.type != TokType::word && tok_.type != TokType::quoted)
      return fail(tok_.offset, "expected a value");
    out = QueryNode{};
    out.type = QueryNode::meta;
    out.offset = f.offset;
    std::string_view v = tok_.text;
    uint32_t vat = tok_.offset + (tok_.type == TokType::quoted ? 1 : 0);
    bool ok = true;
    switch (id) {
    case f_kind: ok = parse_kind(v, vat, out); break;
    case f_category: ok = parse_category(v, vat, out); break;
    case f_year: ok = parse_range(v, vat, out, true); break;
    case f_country: ok = parse_country(v, vat, out); break;
    default: ok = parse_range(v, vat, out, false); break;
    }
    if (!ok) return false;
    empty = false;
    return advance();
  }

  bool parse_kind(std::string_view v, uint32_t at, QueryNode &out) {
    out.meta_kind = MetaKind::kind;
    for (uint32_t k = 0; k < kArticleKindCount; ++k) {
      std::string_view name = kind_name(static_cast<ArticleKind>(k));
      if (v.size() == name.size()) {
        bool same = true;
        for (size_t i = 0; i < v.size(); ++i)
          if ((v[i] | 0x20) != name[i]) same = false;
        if (same) {
          out.value = k;
          return true;
        }
      }
    }
    std::string msg = "unknown kind (";
    for (int k = 0; k < kArticleKindCount; ++k)
      msg += std::string(k ? ", " : "") + kind_name(static_cast<ArticleKind>(k));
    return fail(at, (msg + ")").c_str());
  }

  // Category names compare as their folded tokens: "Field Reports", field_reports, field-reports.
  bool parse_category(std::string_view v, uint32_t at, QueryNode &out) {
    out.meta_kind = MetaKind::category;
    std::string want;
    join_terms(v, want);
    for (uint32_t c = 1; c < kCategoryCount; ++c) {
      std::string name;
      join_terms(category_name(static_cast<Category>(c)), name);
      if (name == want) {
        out.value = c;
        return true;
      }
    }
    std::string msg = "unknown category (";
    for (int c = 1; c < kCategoryCount; ++c)
      msg += std::string(c > 1 ? ", \"" : "\"") + category_name(static_cast<Category>(c)) + "\"";
    return fail(at, (msg + ")").c_str());
  }

  // A country by its name or a name of its places (gazetteer.hpp): country:kazakstan,
  // country:Turkiye.
  bool parse_country(std::string_view v, uint32_t at, QueryNode &out) {
    out.meta_kind = MetaKind::country;
    const int id = find_country(v);
    if (id < 0) {
      std::string msg = "unknown country (";
      for (int c = 0; c < kCountryCount; ++c) msg += std::string(c ? ", " : "") + country_name(c);
      msg += ")";
      return fail(at, msg.c_str());
    }
    out.value = static_cast<uint32_t>(id);
    return true;
  }

  void join_terms(std::string_view text, std::string &out) {
    tokenizer_.run(text, [&](std::string_view term, uint32_t, uint32_t) {
      if (!out.empty()) out += ' ';
      out.append(term.data(), term.size());
    });
  }

  // YYYY[-MM[-DD]] -> [lo, hi] date keys. false on syntax error.
  static bool parse_date_spec(std::string_view s, bool year_only, uint32_t &lo, uint32_t &hi) {
    auto num = [](std::string_view d, uint32_t &v) {
      if (d.empty() || d.size() > 4) return false;
      v = 0;
      for (char c : d) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<uint32_t>(c - '0');
      }
      return true;
    };
    uint32_t y = 0, m = 0, d = 0;
    size_t d1 = s.find('-');
    if (!num(s.substr(0, d1), y) || y == 0 || s.substr(0, d1).size() != 4) return false;
    if (d1 != std::string_view::npos) {
      if (year_only) return false;
      std::string_view rest = s.substr(d1 + 1);
      size_t d2 = rest.find('-');
      if (!num(rest.substr(0, d2), m) || m < 1 || m > 12 || rest.substr(0, d2).size() > 2)
        return false;
      if (d2 != std::string_view::npos) {
        std::string_view ds = rest.substr(d2 + 1);
        if (!num(ds, d) || d < 1 || d > 31 || ds.size() > 2) return false;
      }
    }
    lo = y * 10000 + m * 100 + d;
    hi = y * 10000 + (m ? m : 12) * 100 + (d ? d : 99);
    return true;
  }

  bool parse_range(std::string_view v, uint32_t at, QueryNode &out, bool year) {
    out.meta_kind = year ? MetaKind::year : MetaKind::date;
    const char *what =
        year ? "expected a year (2003) or a range (2001..2004)"
             : "expected a date (2003, 2003-03, 2003-03-17) or a range (2003-01..2003-06)";
    size_t dots = v.find("..");
    uint32_t lo = 0, hi = 0, tmp = 0;
    if (dots == std::string_view::npos) {
      if (!parse_date_spec(v, year, lo, hi)) return fail(at, what);
    } else {
      std::string_view a = v.substr(0, dots), b = v.substr(dots + 2);
      if (a.empty() && b.empty()) return fail(at, what);
      lo = 1;
      hi = 99999999;
      if (!a.empty() && !parse_date_spec(a, year, lo, tmp)) return fail(at, what);
      if (!b.empty() && !parse_date_spec(b, year, tmp, hi))
        return fail(at + static_cast<uint32_t>(dots) + 2, what);
      if (lo > hi) return fail(at, "empty range: the start is after the end");
    }
    out.lo = lo;
    out.hi = hi;
    return true;
  }

  bool count_leaf(uint32_t at) {
    if (++leaves_ > kMaxQueryLeaves) return fail(at, "too many terms in the query");
    return true;
  }

  bool make_word(const Tok &t, uint8_t mask, QueryNode &out, bool &empty) {
    std::string_view w = t.text;
    QueryElement::Kind kind = QueryElement::exact;
    uint8_t edits = 0;
    size_t tilde = w.rfind('~');
    if (!w.empty() && w.back() == '*') {
      while (!w.empty() && w.back() == '*') w.remove_suffix(1);
      kind = QueryElement::prefix;
    } else if (tilde != std::string_view::npos) {
      std::string_view digits = w.substr(tilde + 1);
      bool all_digits = true;
      for (char c : digits)
        if (c < '0' || c > '9') all_digits = false;
      if (all_digits) {
        if (digits.empty() || digits == "1")
          edits = 1;
        else if (digits == "2")
          edits = 2;
        else
          return fail(t.offset + static_cast<uint32_t>(tilde), "fuzzy edits must be ~1 or ~2");
        kind = QueryElement::fuzzy;
        w = w.substr(0, tilde);
      }
    }
    out = QueryNode{};
    out.type = QueryNode::leaf;
    out.offset = t.offset;
    out.field_mask = mask;
    tokenizer_.run(w, [&](std::string_view term, uint32_t, uint32_t) {
      QueryElement e;
      e.term.assign(term.data(), term.size());
      e.exact_only = t.exact_only;
      out.elements.push_back(std::move(e));
    });
    if (out.elements.empty()) {
      if (kind == QueryElement::prefix) return fail(t.offset, "a prefix needs a word before *");
      if (kind == QueryElement::fuzzy) return fail(t.offset, "fuzzy search needs a word before ~");
      empty = true;
      return true;
    }
    if (kind == QueryElement::fuzzy && out.elements.size() != 1)
      return fail(t.offset, "fuzzy search applies to a single word");
    out.elements.back().kind = kind;
    out.elements.back().edits = edits;
    empty = false;
    return count_leaf(t.offset);
  }

  bool make_phrase(const Tok &t, uint8_t mask, QueryNode &out, bool &empty) {
    out = QueryNode{};
    out.type = QueryNode::leaf;
    out.offset = t.offset;
    out.field_mask = mask;
    std::string_view text = t.text;
    tokenizer_.run(text, [&](std::string_view term, uint32_t, uint32_t end) {
      QueryElement e;
      e.term.assign(term.data(), term.size());
      e.exact_only = t.exact_only;
      if (end < text.size() && text[end] == '*') e.kind = QueryElement::prefix;
      out.elements.push_back(std::move(e));
    });
    empty = out.elements.empty();
    return empty || count_leaf(t.offset);
  }

  std::string_view q_;
  QueryError &err_;
  size_t pos_ = 0;
  Tok tok_;
  bool failed_ = false;
  uint32_t leaves_ = 0;
  Tokenizer tokenizer_;
};

}  // namespace

bool parse_query(std::string_view query, QueryNode &out, QueryError &err) {
  Parser p(query, err);
  return p.run(out);
}

}  // namespace caci::detail
