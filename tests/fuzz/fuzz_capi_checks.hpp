// Invariants of what the C ABI hands out, shared by the fuzz targets that use caci.h.
#pragma once

#include "caci/caci.h"
#include "fuzz_support.hpp"

#include <cmath>

namespace caci_fuzz {
CACI_FUZZ_ORACLES_BEGIN

inline bool str_ok(caci_str s) {
  return view_ok(s.ptr, s.len);
}

// Walks every getter of an article; all views must be readable, valid UTF-8 text.
inline void check_article(const caci_article *a) {
  FUZZ_CHECK(a != nullptr);
  char id[17];
  caci_id_format(caci_article_id(a), id);
  FUZZ_CHECK(id[16] == '\0');
  const int kind = caci_article_kind(a);
  FUZZ_CHECK(kind >= CACI_KIND_ARTICLE && kind <= CACI_KIND_DIGEST);
  FUZZ_CHECK(caci_kind_name(kind) != nullptr);
  FUZZ_CHECK(str_ok(caci_article_category(a)));
  FUZZ_CHECK(str_ok(caci_article_title(a)));
  const caci_date d = caci_article_date(a);
  FUZZ_CHECK(d.month >= 0 && d.month <= 12 && d.day >= 0 && d.day <= 31);
  for (size_t i = 0, n = caci_article_author_count(a); i < n; ++i) {
    FUZZ_CHECK(str_ok(caci_article_author_name(a, i)));
    FUZZ_CHECK(str_ok(caci_article_author_affiliation(a, i)));
    for (size_t j = 0, m = caci_article_author_honorific_count(a, i); j < m; ++j)
      FUZZ_CHECK(str_ok(caci_article_author_honorific(a, i, j)));
  }
  FUZZ_CHECK(caci_article_author_name(a, caci_article_author_count(a)).ptr == nullptr);
  for (size_t i = 0, n = caci_article_lead_count(a); i < n; ++i)
    FUZZ_CHECK(str_ok(caci_article_lead(a, i)));
  FUZZ_CHECK(str_ok(caci_article_photo_credit(a)));
  for (size_t i = 0, n = caci_article_section_count(a); i < n; ++i) {
    const int sk = caci_article_section_kind(a, i);
    FUZZ_CHECK(sk >= CACI_SECTION_BACKGROUND && sk <= CACI_SECTION_CONCLUSIONS);
    FUZZ_CHECK(str_ok(caci_article_section_heading(a, i)));
    for (size_t j = 0, m = caci_article_section_paragraph_count(a, i); j < m; ++j)
      FUZZ_CHECK(str_ok(caci_article_section_paragraph(a, i, j)));
  }
  FUZZ_CHECK(caci_article_section_kind(a, caci_article_section_count(a)) == -1);
  for (size_t i = 0, n = caci_article_bio_count(a); i < n; ++i)
    FUZZ_CHECK(str_ok(caci_article_bio(a, i)));
  for (size_t i = 0, n = caci_article_link_count(a); i < n; ++i)
    FUZZ_CHECK(str_ok(caci_article_link_title(a, i)));
  const uint32_t flags = caci_article_flags(a);
  for (uint32_t bit = 1; bit != 0; bit <<= 1)
    if (flags & bit) FUZZ_CHECK(caci_flag_name(bit) != nullptr);
  const caci_source src = caci_article_source(a);
  FUZZ_CHECK(str_ok(src.file));
  FUZZ_CHECK(src.byte_start <= src.byte_end);
  for (size_t i = 0, n = caci_article_duplicate_count(a); i < n; ++i) {
    const caci_source dup = caci_article_duplicate(a, i);
    FUZZ_CHECK(str_ok(dup.file));
    FUZZ_CHECK(dup.byte_start <= dup.byte_end);
  }
  FUZZ_CHECK(str_ok(caci_article_text(a)));
}

// Checks a page of search results against the index they came from.
inline void check_results(const caci_results *r, uint32_t limit) {
  const size_t count = caci_results_count(r);
  FUZZ_CHECK(count <= caci_results_total(r));
  FUZZ_CHECK(count <= limit);
  FUZZ_CHECK(caci_results_article(r, count) == nullptr);
  for (size_t i = 0; i < count; ++i) {
    const caci_article *a = caci_results_article(r, i);
    check_article(a);
    FUZZ_CHECK(std::isfinite(caci_results_score(r, i)));
    const uint64_t text_len = caci_article_text(a).len;
    uint64_t start = 0, end = 0;
    if (caci_results_snippet(r, i, &start, &end) == CACI_OK)
      FUZZ_CHECK(start <= end && end <= text_len);
    for (size_t j = 0, m = caci_results_highlight_count(r, i); j < m; ++j) {
      FUZZ_CHECK(caci_results_highlight(r, i, j, &start, &end) == CACI_OK);
      FUZZ_CHECK(start <= end && end <= text_len);
    }
  }
  for (int facet = CACI_FACET_AUTHOR; facet <= CACI_FACET_CATEGORY; ++facet) {
    uint64_t previous = UINT64_MAX;
    for (size_t j = 0, m = caci_results_facet_count(r, facet); j < m; ++j) {
      caci_str value{};
      uint64_t n = 0;
      FUZZ_CHECK(caci_results_facet(r, facet, j, &value, &n) == CACI_OK);
      FUZZ_CHECK(str_ok(value));
      FUZZ_CHECK(n >= 1 && n <= previous);
      previous = n;
    }
  }
}

CACI_FUZZ_ORACLES_END
}  // namespace caci_fuzz
