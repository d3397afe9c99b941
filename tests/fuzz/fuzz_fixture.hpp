// A small made-up archive page and the index built from it, shared by the search, index-load and
// call-sequence targets (and the seed generator).
#pragma once

#include "caci/caci.h"

#include <string_view>

namespace caci_fuzz {

inline constexpr std::string_view kFixturePage =
    "Published in Analytical Articles\n"
    "By Jane Examplewoman and Bob Sampleton\n"
    "January 29, 2025\n"
    "A made-up lead paragraph about pipelines across the Caspian and energy markets.\n"
    "BACKGROUND: The first paragraph of the background mentions Kazakhstan and Uzbekistan.\n"
    "IMPLICATIONS: Pipeline politics in the Caspian region shape energy markets.\n"
    "CONCLUSIONS: The conclusion paragraph.\n"
    "AUTHOR BIO: Jane Examplewoman is a fictional analyst.\n"
    "By Dr. Tom Placeholder, Some University, Tbilisi (4/24/2002 issue of the CACI Analyst)\n"
    "BACKGROUND: Georgia\\'s invented parliament debated the budget and Tbilisi traffic.\n"
    "IMPLICATIONS: Caf\xc3\xa9 owners in Tbilisi expect Swanstr\xc3\xb6m to visit.\n"
    "CONCLUSIONS: Done.\n"
    "Analyst Author\n"
    "March 3, 2025\n"
    "A teaser lead for a paper on the Silk Road.\n"
    "Read A Made-Up Silk Road Paper (PDF)\n"
    "The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus "
    "Institute.\n"
    "Sign up for upcoming events, latest news and articles from the CACI Analyst";

// Builds an index from kFixturePage; returns NULL on failure (e.g. not implemented yet).
inline caci_index *build_fixture_index() {
  caci_doc *doc = nullptr;
  if (caci_doc_new(nullptr, &doc) != CACI_OK) return nullptr;
  caci_index *index = nullptr;
  if (caci_doc_parse(doc, "fixture.txt", 11, kFixturePage.data(), kFixturePage.size()) == CACI_OK &&
      caci_index_new(nullptr, &index) == CACI_OK) {
    if (caci_index_add_doc(index, doc, nullptr) != CACI_OK) {
      caci_index_free(index);
      index = nullptr;
    }
  }
  caci_doc_free(doc);
  return index;
}

}  // namespace caci_fuzz
