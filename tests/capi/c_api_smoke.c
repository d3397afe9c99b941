/* A C99 consumer of caci.h alone: parse, iterate articles and diagnostics, serialise JSON, build an
 * index, search, save and load, and free everything. Exits non-zero on any failure. */
#include "caci/caci.h"

#include <stdio.h>
#include <string.h>

static const char page[] =
    "By Firstname Lastname\n"
    "January 29, 2025\n"
    "A lead paragraph about pipelines across the Caspian.\n"
    "BACKGROUND: Background on gas exports from Kazakhstan.\n"
    "IMPLICATIONS: What it means for Azerbaijan.\n"
    "CONCLUSIONS: A closing paragraph.\n"
    "AUTHOR'S BIO: Firstname Lastname is a researcher.\n"
    "By Other Person\n"
    "March 12, 2003\n"
    "A lead about elections in Georgia.\n"
    "BACKGROUND: Background on the Georgian parliament.\n"
    "The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus "
    "Institute.\n"
    "Sign up for upcoming events, latest news and articles from the CACI Analyst";

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
      failures++;                                                                                  \
      goto done;                                                                                   \
    }                                                                                              \
  } while (0)

int main(void) {
  int failures = 0;
  caci_doc *doc = NULL;
  caci_index *index = NULL, *loaded = NULL;
  caci_results *results = NULL;
  caci_parse_options popts = CACI_PARSE_OPTIONS_INIT;
  caci_search_options sopts;
  caci_stats stats;
  caci_str json, saved;
  size_t i, added = 0, count;
  char id[17];

  CHECK(caci_version_number() == CACI_VERSION_NUMBER);
  CHECK(strcmp(caci_status_str(CACI_EQUERY), "CACI_EQUERY") == 0);

  CHECK(caci_doc_new(&popts, &doc) == CACI_OK);
  CHECK(caci_doc_parse(doc, "page.txt", 8, page, sizeof page - 1) == CACI_OK);
  count = caci_doc_article_count(doc);
  CHECK(count == 2);
  for (i = 0; i < count; ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    caci_str text = caci_article_text(a);
    caci_source src = caci_article_source(a);
    CHECK(a != NULL && text.ptr != NULL && text.len > 0);
    CHECK(caci_kind_name(caci_article_kind(a)) != NULL);
    CHECK(caci_article_author_count(a) == 1);
    CHECK(src.file.len == 8 && memcmp(src.file.ptr, "page.txt", 8) == 0);
    caci_id_format(caci_article_id(a), id);
    CHECK(strlen(id) == 16);
  }
  for (i = 0; i < caci_doc_diagnostic_count(doc); ++i) {
    caci_diagnostic d;
    CHECK(caci_doc_diagnostic(doc, i, &d) == CACI_OK);
    CHECK(d.code.ptr != NULL && d.line >= 1);
  }
  CHECK(caci_doc_stats(doc, &stats) == CACI_OK);
  CHECK(stats.bytes == sizeof page - 1);
  CHECK(stats.bytes == stats.bytes_articles + stats.bytes_boilerplate + stats.bytes_unclassified);
  CHECK(caci_doc_to_json(doc, CACI_JSON, &json) == CACI_OK);
  CHECK(json.len > 30 && memcmp(json.ptr, "{\"schema\":\"caci-archive/1\"", 26) == 0);

  CHECK(caci_index_new(NULL, &index) == CACI_OK);
  CHECK(caci_index_add_doc(index, doc, &added) == CACI_OK);
  CHECK(added == 2);
  caci_doc_free(doc);
  doc = NULL;

  CHECK(caci_search_options_init(&sopts, CACI_SEARCH_OPTIONS_VERSION) == CACI_OK);
  sopts.flags = CACI_SEARCH_FACETS;
  CHECK(caci_index_search(index, "georgia", 7, &sopts, &results) == CACI_OK);
  CHECK(caci_results_total(results) == 1 && caci_results_count(results) == 1);
  {
    uint64_t s = 0, e = 0;
    CHECK(caci_results_snippet(results, 0, &s, &e) == CACI_OK && s < e);
    CHECK(caci_results_highlight_count(results, 0) >= 1);
    CHECK(caci_results_facet_count(results, CACI_FACET_KIND) == 1);
  }
  caci_results_free(results);
  results = NULL;

  CHECK(caci_index_save(index, &saved) == CACI_OK);
  if (caci_index_load(saved.ptr, saved.len, NULL, &loaded) != CACI_OK)
    fprintf(stderr, "load: %s\n", caci_last_load_error());
  CHECK(loaded != NULL);
  CHECK(caci_index_article_count(loaded) == 2);
  CHECK(caci_index_search(loaded, "pipelines", 9, NULL, &results) == CACI_OK);
  CHECK(caci_results_count(results) == 1);

done:
  caci_results_free(results);
  caci_index_free(loaded);
  caci_index_free(index);
  caci_doc_free(doc);
  if (failures == 0) printf("c_api_smoke: ok\n");
  return failures == 0 ? 0 : 1;
}
