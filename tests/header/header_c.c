/* caci.h must compile alone, as C99 and C11, with -Wall -Wextra -pedantic -Werror (lesson 10b).
 * Nothing but the public header is included. */
#include "caci/caci.h"

static const caci_parse_options parse_defaults = CACI_PARSE_OPTIONS_INIT;
static const caci_search_options search_defaults = CACI_SEARCH_OPTIONS_INIT;

int header_probe(void);
int header_probe(void) {
  caci_str s = {0, 0};
  caci_status (*parse)(caci_doc *, const char *, size_t, const char *, size_t) = caci_doc_parse;
  (void)parse;
  return (int)(parse_defaults.version + search_defaults.limit + s.len) + CACI_OK +
         CACI_FIELD_COUNT + CACI_VERSION_NUMBER;
}
