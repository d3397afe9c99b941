// Versions: an excerpt or a teaser linked to the full article it was cut from, so a reader finds
// the whole text ("Also in the archive as") and a search can show one hit for all of them.
//
// The rule is conservative (a false link would send a researcher to the wrong article):
// a short entry S (kind excerpt or teaser) is a version of a full article F (kind article) when
//   1. S and F share an author (the same person: names compared by their person key, so
//      "Dr. S. Frederick Starr" = "Frederick Starr"), and
//   2. their dates do not disagree (equal when both are known to the day; equal year and month when
//      both have them), and
//   3. either S's text is a prefix of F's: S's first paragraphs, word for word (case and
//      punctuation folded), at least kMinPrefixWords words, S's last word left out when S is
//      an excerpt or cut off (listing excerpts stop mid-word: "in the U."); or S's title (its own
//      or its PDF link's) equals F's title, word for word, and has at least kMinTitleWords words.
//   4. S matches exactly one full article. Two candidates are ambiguous: S stays unlinked.
// Same author and date alone never link: two articles by one person in one issue stay apart.
//
// A full article and its short versions form a group; each member's Article::versions lists the
// others (store indexes: the full article first, then the short ones in store order).
#pragma once

#include "caci/core/article.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace caci {

constexpr size_t kMinPrefixWords = 8;
constexpr size_t kMinTitleWords = 3;

// Recomputes Article::versions for every live article of `store` (deleted ones get none). Linear in
// the number of articles; reads only titles, link titles, the first paragraphs and author names.
void link_versions(ArticleStore &store);

// The same, incrementally, for a store that only grows (a Document parsed page by page): each
// update() keys the articles added since the last one and rematches only the short entries they
// concern, so parsing N pages does not relink N times. A different store, or one that shrank
// (cleared), starts over.
class VersionLinker {
public:
  VersionLinker();
  ~VersionLinker();
  VersionLinker(const VersionLinker &) = delete;
  VersionLinker &operator=(const VersionLinker &) = delete;
  void update(ArticleStore &store);

private:
  struct State;
  std::unique_ptr<State> state_;
};

// Collapses versions among a search's hits: of each group of versions present in `docs` (store
// indexes, ascending, with their scores), only the best-scored member stays (ties: the full
// article, then the lowest index). Keeps `docs` ascending and `score` parallel to it.
void collapse_versions(const ArticleStore &store, std::vector<uint32_t> &docs,
                       std::vector<double> &score);

}  // namespace caci
