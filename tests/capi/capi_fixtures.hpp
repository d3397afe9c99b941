// Made-up archive pages (FORMAT.md layouts) shared by the C API tests, and small helpers.
// Only caci.h is used here.
#pragma once

#include "caci/caci.h"

#include <string>
#include <string_view>

namespace capi_test {

// Two full 2025-layout articles, a teaser, and the site footer.
inline const char kPage[] =
    "By Firstname Lastname\n"
    "January 29, 2025\n"
    "A lead paragraph about pipelines across the Caspian and the politics of transit.\n"
    "Photo by Someone.\n"
    "BACKGROUND: The first background paragraph explains the pipeline context in Kazakhstan.\n"
    "A second background paragraph about gas exports.\n"
    "IMPLICATIONS: What it means for the region and for Azerbaijan.\n"
    "CONCLUSIONS: A closing paragraph.\n"
    "AUTHOR'S BIO: Firstname Lastname is a researcher at Some Institute.\n"
    "By Other Person\n"
    "March 12, 2003\n"
    "A lead paragraph about elections in Georgia and the opposition.\n"
    "BACKGROUND: Background on the Georgian parliament and its speaker.\n"
    "IMPLICATIONS: Implications for Tbilisi.\n"
    "CONCLUSIONS: The end of the second article.\n"
    "AUTHOR'S BIO: Other Person is a journalist.\n"
    "By Third Author\n"
    "February 12, 2025\n"
    "A teaser lead for a paper on water in Central Asia.\n"
    "Read A Paper About Water (PDF)\n"
    "The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus "
    "Institute.\n"
    "Sign up for upcoming events, latest news and articles from the CACI Analyst";

// A page with one invalid byte (a Windows-1252 apostrophe) on line 3.
inline const char kPageInvalidUtf8[] = "By Firstname Lastname\n"
                                       "January 29, 2025\n"
                                       "China\xFFs lead paragraph about trade.\n"
                                       "BACKGROUND: Some background.\n";

inline std::string_view view(caci_str s) {
  return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
}

// A document with `page` parsed as `name` (asserting in the caller is up to the test).
struct Doc {
  caci_doc *doc = nullptr;
  caci_status status = CACI_OK;
  explicit Doc(const char *page, const char *name = "page.txt", uint32_t flags = 0) {
    caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
    opts.flags = flags;
    status = caci_doc_new(&opts, &doc);
    if (status == CACI_OK)
      status = caci_doc_parse(doc, name, std::char_traits<char>::length(name), page,
                              std::char_traits<char>::length(page));
  }
  ~Doc() { caci_doc_free(doc); }
  Doc(const Doc &) = delete;
  Doc &operator=(const Doc &) = delete;
};

// An index holding the articles of `page`.
struct Index {
  caci_index *index = nullptr;
  caci_status status = CACI_OK;
  explicit Index(const char *page = kPage) {
    Doc d(page);
    status = d.status;
    if (status == CACI_OK) status = caci_index_new(nullptr, &index);
    if (status == CACI_OK) status = caci_index_add_doc(index, d.doc, nullptr);
  }
  ~Index() { caci_index_free(index); }
  Index(const Index &) = delete;
  Index &operator=(const Index &) = delete;
};

}  // namespace capi_test
