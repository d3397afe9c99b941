// Links excerpts and teasers to their full articles (rule in caci/core/versions.hpp).
//
// One pass keys every full article by its title and by its first kMinPrefixWords words; each
// short entry looks its own title and first words up there, and only those candidates are checked
// in full (authors as people, dates, the whole prefix). Texts are compared as folded words: ASCII
// letters lowercased, digits kept, any byte of a multi-byte character kept as it is, everything
// else a separator, which is enough to compare two copies of one text from the same site. Text is
// read through body_text() only (an opened index decodes it there); the stores linked are the
// parser's and the index's, whose references are checked when articles enter them.
#include "caci/core/versions.hpp"

#include "../index/people.hpp"
#include "keyed_lists.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace caci {

namespace {

// A prefix longer than this is compared on its first kMaxCompareWords words only.
constexpr size_t kMaxCompareWords = 400;

bool is_short(const Article &a) {
  return !a.deleted && (a.kind == ArticleKind::excerpt || a.kind == ArticleKind::teaser);
}
bool is_full(const Article &a) {
  return !a.deleted && a.kind == ArticleKind::article;
}

// Each byte as fold_words() writes it: ASCII letters lowercased, digits and bytes from 0x80 kept,
// 0 for a separator. One load per byte instead of four range tests.
struct FoldTable {
  unsigned char to[256] = {};
  constexpr FoldTable() {
    for (int c = '0'; c <= '9'; ++c) to[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) to[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) to[c] = static_cast<unsigned char>(c - 'A' + 'a');
    for (int c = 0x80; c < 0x100; ++c) to[c] = static_cast<unsigned char>(c);
  }
};
constexpr FoldTable kFold;

// Appends the folded words of `text` to `out` (space separated) until `out` holds `max_words`;
// `words` counts them. Written through a pointer into room made first (the folded text of a slice
// is at most one byte longer than the slice), not appended a byte at a time: that was most of
// version linking's time in wasm, where every append is a call. The room is made a slice at a
// time: the first kMinPrefixWords words of a full article's first paragraph are a few dozen bytes,
// and making room for all of the paragraph zeroed it whole.
void fold_words(std::string_view text, size_t max_words, std::string &out, size_t &words) {
  constexpr size_t kSlice = 256;
  bool in_word = false;
  for (size_t from = 0; from < text.size(); from += kSlice) {
    const size_t len = std::min(kSlice, text.size() - from);
    const size_t base = out.size();
    out.resize(base + len + 1);
    char *const begin = &out[0];
    char *d = begin + base;
    bool full = false;
    for (size_t k = from; k < from + len; ++k) {
      const unsigned char c = kFold.to[static_cast<unsigned char>(text[k])];
      if (!c) {
        in_word = false;
        continue;
      }
      if (!in_word) {
        if (words == max_words) {
          full = true;
          break;
        }
        if (d != begin) *d++ = ' ';
        ++words;
        in_word = true;
      }
      *d++ = static_cast<char>(c);
    }
    out.resize(static_cast<size_t>(d - begin));
    if (full) return;
  }
}

// The first `max_words` folded words of an article's paragraphs: lead, then sections (never the
// title or the bio).
size_t body_words(const ArticleStore &s, const Article &a, size_t max_words, std::string &out) {
  out.clear();
  size_t words = 0;
  auto paragraphs = [&](Range r) {
    for (uint32_t i = 0; i < r.count && words < max_words; ++i) {
      const size_t k = static_cast<size_t>(r.begin) + i;
      if (k >= s.paragraphs.size()) return;
      fold_words(s.body_text(s.paragraphs[k]), max_words, out, words);
    }
  };
  paragraphs(a.lead);
  for (uint32_t i = 0; i < a.sections.count && words < max_words; ++i) {
    const size_t k = static_cast<size_t>(a.sections.begin) + i;
    if (k >= s.sections.size()) break;
    paragraphs(s.sections[k].paragraphs);
  }
  return words;
}

std::string title_key(std::string_view title) {
  std::string out;
  size_t words = 0;
  fold_words(title, kMaxCompareWords, out, words);
  return words >= kMinTitleWords ? out : std::string();
}

// The folded titles a short entry is known by: its title and its links' titles.
std::vector<std::string> short_titles(const ArticleStore &s, const Article &a) {
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
      keys.push_back(std::move(key));
  };
  if (!a.title.empty()) add(title_key(s.body_text(a.title)));
  for (uint32_t i = 0; i < a.links.count; ++i) {
    const size_t k = static_cast<size_t>(a.links.begin) + i;
    if (k >= s.links.size()) break;
    const TextRef r = s.links[k].title;
    if (!r.empty() && static_cast<uint64_t>(r.offset) + r.length <= s.meta.size())
      add(title_key(s.meta_text(r)));
  }
  return keys;
}

std::vector<std::string> person_keys(const ArticleStore &s, const Article &a) {
  std::vector<std::string> keys;
  for (uint32_t i = 0; i < a.authors.count; ++i) {
    const size_t k = static_cast<size_t>(a.authors.begin) + i;
    if (k >= s.authors.size()) break;
    const TextRef r = s.authors[k].name;
    if (static_cast<uint64_t>(r.offset) + r.length > s.meta.size()) continue;
    std::string key = detail::author_key(s.meta_text(r));
    if (!key.empty()) keys.push_back(std::move(key));
  }
  return keys;
}

bool dates_agree(const Date &x, const Date &y) {
  if (x.year && y.year && x.year != y.year) return false;
  if (x.month && y.month && x.month != y.month) return false;
  if (x.day && y.day && x.day != y.day) return false;
  return true;
}

// Whether the folded words `prefix` begin the folded words `text`.
bool word_prefix(const std::string &prefix, const std::string &text) {
  if (prefix.empty() || text.size() < prefix.size()) return false;
  if (text.compare(0, prefix.size(), prefix) != 0) return false;
  return text.size() == prefix.size() || text[prefix.size()] == ' ';
}

// The folded first words of a short entry used as a prefix (its possibly cut last word dropped).
size_t short_prefix(const ArticleStore &s, const Article &a, std::string &out) {
  size_t words = body_words(s, a, kMaxCompareWords + 1, out);
  const bool maybe_cut = a.kind == ArticleKind::excerpt || (a.flags & flag_truncated) != 0;
  if ((maybe_cut || words > kMaxCompareWords) && words > 0) {
    const size_t space = out.rfind(' ');
    out.resize(space == std::string::npos ? 0 : space);
    --words;
  }
  return words;
}

std::string first_words(const std::string &folded, size_t n) {
  size_t at = 0;
  for (size_t w = 0; w < n; ++w) {
    at = folded.find(' ', at);
    if (at == std::string::npos) return folded;
    if (w + 1 < n) ++at;
  }
  return folded.substr(0, at);
}

constexpr uint32_t kNone = UINT32_MAX;

// Full articles by their title key and by their first kMinPrefixWords folded words.
struct FullKeys {
  parse::KeyedLists by_title, by_head;
};

// The single full article that short entry `d` is a version of, or kNone.
uint32_t match_full(const ArticleStore &store, uint32_t d, const FullKeys &fulls) {
  const Article &s = store.articles[d];
  std::vector<uint32_t> candidates;
  for (const std::string &key : short_titles(store, s))
    fulls.by_title.for_each(key, [&](uint32_t f) { candidates.push_back(f); });
  std::string prefix, text;
  if (short_prefix(store, s, prefix) >= kMinPrefixWords) {
    fulls.by_head.for_each(first_words(prefix, kMinPrefixWords), [&](uint32_t f) {
      body_words(store, store.articles[f], kMaxCompareWords + 1, text);
      if (word_prefix(prefix, text)) candidates.push_back(f);
    });
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  if (candidates.empty()) return kNone;
  const std::vector<std::string> people = person_keys(store, s);
  uint32_t match = kNone;
  size_t matches = 0;
  for (uint32_t f : candidates) {
    const Article &full = store.articles[f];
    if (!is_full(full) || !dates_agree(s.date, full.date)) continue;
    bool shared = false;
    for (const std::string &p : person_keys(store, full))
      shared = shared || std::find(people.begin(), people.end(), p) != people.end();
    if (!shared) continue;
    match = f;
    ++matches;
  }
  return matches == 1 ? match : kNone;
}

}  // namespace

struct VersionLinker::State {
  const ArticleStore *store = nullptr;
  size_t seen = 0;
  FullKeys fulls;
  // Short entries by their title keys and by their first kMinPrefixWords words, so a full article
  // arriving after them finds them.
  parse::KeyedLists shorts_by_title, shorts_by_head;
  std::vector<uint32_t> full_of;                                  // per article, or kNone
  std::unordered_map<uint32_t, std::vector<uint32_t>> shorts_of;  // full -> shorts, store order
};

VersionLinker::VersionLinker() = default;
VersionLinker::~VersionLinker() = default;

void VersionLinker::update(ArticleStore &store) {
  if (!state_ || state_->store != &store || store.articles.size() < state_->seen) {
    for (Article &a : store.articles) a.versions.clear();
    state_ = std::make_unique<State>();
    state_->store = &store;
  }
  State &st = *state_;
  auto &arts = store.articles;
  const size_t n = arts.size();
  if (st.seen == n) return;
  st.full_of.resize(n, kNone);

  // Key the new articles; the short entries to (re)match are the new ones and the older ones a
  // new full article may open or title.
  std::vector<uint32_t> recheck;
  std::string folded;
  for (uint32_t d = static_cast<uint32_t>(st.seen); d < n; ++d) {
    const Article &a = arts[d];
    if (is_full(a)) {
      std::string title;
      if (!a.title.empty()) title = title_key(store.body_text(a.title));
      const bool head = body_words(store, a, kMinPrefixWords, folded) == kMinPrefixWords;
      auto add_recheck = [&](uint32_t s) { recheck.push_back(s); };
      if (!title.empty()) {
        st.shorts_by_title.for_each(title, add_recheck);
        st.fulls.by_title.add(title, d);
      }
      if (head) {
        st.shorts_by_head.for_each(folded, add_recheck);
        st.fulls.by_head.add(folded, d);
      }
    } else if (is_short(a)) {
      for (const std::string &key : short_titles(store, a)) st.shorts_by_title.add(key, d);
      if (short_prefix(store, a, folded) >= kMinPrefixWords)
        st.shorts_by_head.add(first_words(folded, kMinPrefixWords), d);
      recheck.push_back(d);
    }
  }
  st.seen = n;
  std::sort(recheck.begin(), recheck.end());
  recheck.erase(std::unique(recheck.begin(), recheck.end()), recheck.end());

  // Rematch them; the groups whose members changed are rebuilt.
  std::vector<uint32_t> changed;  // full articles whose group changed
  for (uint32_t d : recheck) {
    const uint32_t now = match_full(store, d, st.fulls), before = st.full_of[d];
    if (now == before) continue;
    if (before != kNone) {
      std::vector<uint32_t> &g = st.shorts_of[before];
      g.erase(std::remove(g.begin(), g.end(), d), g.end());
      changed.push_back(before);
    }
    if (now != kNone) {
      std::vector<uint32_t> &g = st.shorts_of[now];
      g.insert(std::upper_bound(g.begin(), g.end(), d), d);
      changed.push_back(now);
    }
    st.full_of[d] = now;
    arts[d].versions.clear();  // an entry left without a group keeps no versions
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  for (uint32_t full : changed) {
    const std::vector<uint32_t> &group = st.shorts_of[full];
    arts[full].versions = group;
    for (uint32_t s : group) {
      std::vector<uint32_t> &v = arts[s].versions;
      v.clear();
      v.push_back(full);
      for (uint32_t other : group)
        if (other != s) v.push_back(other);
    }
  }
}

void link_versions(ArticleStore &store) {
  VersionLinker linker;
  linker.update(store);
}

void collapse_versions(const ArticleStore &store, std::vector<uint32_t> &docs,
                       std::vector<double> &score) {
  const auto &arts = store.articles;
  // Position of each hit doc in `docs`, for the group members that are hits too.
  std::unordered_map<uint32_t, size_t> hit;
  for (size_t i = 0; i < docs.size(); ++i)
    if (docs[i] < arts.size() && !arts[docs[i]].versions.empty()) hit.emplace(docs[i], i);
  if (hit.empty()) return;
  auto better = [&](uint32_t a, size_t ia, uint32_t b, size_t ib) {
    if (score[ia] != score[ib]) return score[ia] > score[ib];
    const bool fa = arts[a].kind == ArticleKind::article, fb = arts[b].kind == ArticleKind::article;
    if (fa != fb) return fa;
    return a < b;
  };
  std::vector<char> drop(docs.size(), 0);
  for (const auto &[doc, i] : hit) {
    for (uint32_t other : arts[doc].versions) {
      auto it = hit.find(other);
      if (it != hit.end() && better(other, it->second, doc, i)) {
        drop[i] = 1;
        break;
      }
    }
  }
  size_t out = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (drop[i]) continue;
    docs[out] = docs[i];
    score[out] = score[i];
    ++out;
  }
  docs.resize(out);
  score.resize(out);
}

}  // namespace caci
