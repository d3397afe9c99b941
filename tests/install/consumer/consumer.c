/* Installed-library consumer: checks the header/library versions match, parses a made-up page and
 * prints "articles: N". Exit status 1 on any failure. */
#include <caci/caci.h>

#include <stdio.h>
#include <string.h>

static const char page[] = "By Jane Examplewoman\n"
                           "January 29, 2025\n"
                           "A made-up lead paragraph about pipelines across the Caspian.\n"
                           "BACKGROUND: Invented background text.\n"
                           "IMPLICATIONS: Invented implications.\n"
                           "CONCLUSIONS: Invented conclusion.\n"
                           "AUTHOR BIO: Jane Examplewoman is a fictional analyst.\n"
                           "By Tom Placeholder\n"
                           "February 12, 2025\n"
                           "Another lead paragraph about energy markets.\n"
                           "BACKGROUND: More invented text.\n"
                           "CONCLUSIONS: Short conclusion.\n"
                           "AUTHOR BIO: Tom Placeholder is an invented person.\n";

int main(void) {
  caci_doc *doc = NULL;
  caci_status st;
  if (caci_version_number() != CACI_VERSION_NUMBER) {
    printf("version mismatch: header %d, library %u\n", CACI_VERSION_NUMBER,
           (unsigned)caci_version_number());
    return 1;
  }
  st = caci_doc_new(NULL, &doc);
  if (st != CACI_OK) {
    printf("caci_doc_new: %s\n", caci_status_str(st));
    return 1;
  }
  st = caci_doc_parse(doc, "page.txt", 8, page, strlen(page));
  if (st != CACI_OK) {
    printf("caci_doc_parse: %s\n", caci_status_str(st));
    caci_doc_free(doc);
    return 1;
  }
  printf("libcaci %s\narticles: %u\n", caci_version_string(),
         (unsigned)caci_doc_article_count(doc));
  caci_doc_free(doc);
  return 0;
}
