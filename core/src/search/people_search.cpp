// People in search: the alias table of an index, person keys, and `author:` matching every
// spelling of the person it names.
#include "people_search.hpp"

#include "../index/index_impl.hpp"

#include <algorithm>

namespace caci {

using namespace detail;

Status Index::set_author_aliases(std::string_view text, QueryError *err) {
  std::string why;
  size_t at = 0;
  AuthorAliases next = impl_->author_aliases;
  if (!next.parse(text, why, at)) {
    if (err) {
      err->message = why;
      err->offset = static_cast<uint32_t>(std::min<size_t>(at, 0xffffffffu));
    }
    return Status::einval;
  }
  auto lock = impl_->facts.lock();  // a search running now reads the table under this lock
  impl_->author_aliases = std::move(next);
  return Status::ok;
}

const std::string &Index::author_aliases() const {
  return impl_->author_aliases.text();
}

std::string Index::person_key(std::string_view name) const {
  auto lock = impl_->facts.lock();
  return impl_->author_aliases.resolve(author_key(name));
}

namespace detail {

namespace {

// A spelling of a person's name as folded tokens.
using Spelling = std::vector<std::string>;

// Whether `part` occurs as consecutive words of `whole`: the phrase already matches that name.
bool contains_words(const std::vector<std::string> &whole, const std::vector<std::string> &part) {
  if (part.empty() || part.size() > whole.size()) return false;
  return std::search(whole.begin(), whole.end(), part.begin(), part.end()) != whole.end();
}

struct Expander {
  const IndexImpl &ix;
  ArticleFacts &facts;

  // Tokens of every distinct spelling of person p in live articles, in store order (the caller
  // holds facts' lock, and has grouped the people).
  std::vector<Spelling> spellings_of(uint32_t p) {
    const ArticleStore &s = ix.store;
    std::vector<Spelling> out;
    std::vector<std::string_view> seen;
    Tokenizer tok;
    for (const ArticleFacts::AuthorSlot &e : facts.slots_of(p)) {
      if (e.doc >= s.articles.size() || s.articles[e.doc].deleted) continue;
      const std::string_view name = s.meta_text(s.authors[e.slot].name);
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      Spelling words;
      tok.run(name, [&](std::string_view t, uint32_t, uint32_t) { words.emplace_back(t); });
      out.push_back(std::move(words));
    }
    return out;
  }

  void expand(QueryNode &node) {
    if (node.type == QueryNode::near) return;  // NEAR operands stay single phrases
    for (QueryNode &c : node.children) expand(c);
    if (node.type != QueryNode::leaf || node.field_mask != 1u << static_cast<int>(Field::authors))
      return;
    std::vector<std::string> words;
    std::string name;
    for (const QueryElement &e : node.elements) {
      if (e.kind != QueryElement::exact) return;  // a prefix or fuzzy name is not a person
      words.push_back(e.term);
      name += (name.empty() ? "" : " ") + e.term;
    }
    facts.group_people(ix.store, ix.author_aliases);
    const uint32_t p = facts.find_person(ix.author_aliases, name);
    if (p == ArticleFacts::kNoPerson) return;
    QueryNode any;
    any.type = QueryNode::or_;
    any.offset = node.offset;
    for (const Spelling &spelling : spellings_of(p)) {
      if (contains_words(spelling, words)) continue;
      if (any.children.size() >= kMaxPersonSpellings) break;
      QueryNode alt;
      alt.type = QueryNode::leaf;
      alt.offset = node.offset;
      alt.field_mask = node.field_mask;
      for (const std::string &w : spelling) {
        QueryElement e;
        e.term = w;
        alt.elements.push_back(std::move(e));
      }
      if (!alt.elements.empty()) any.children.push_back(std::move(alt));
    }
    if (any.children.empty()) return;
    any.children.insert(any.children.begin(), std::move(node));
    node = std::move(any);
  }
};

}  // namespace

void expand_people(const IndexImpl &ix, QueryNode &root) {
  auto lock = ix.facts.lock();
  Expander x{ix, ix.facts};
  x.expand(root);
}

}  // namespace detail

}  // namespace caci
