// caci.h must compile alone as C++17 with -Wall -Wextra -pedantic -Werror (lesson 10b), and its
// declarations must have C linkage.
#include "caci/caci.h"

#include <type_traits>

static_assert(std::is_standard_layout<caci_str>::value, "caci_str is a C struct");
static_assert(std::is_trivial<caci_parse_options>::value, "options are plain C structs");
static_assert(CACI_OK == 0 && CACI_EINVAL < 0 && CACI_DONE > 0, "status convention");

extern "C" caci_status (*const header_probe_parse)(caci_doc *, const char *, size_t, const char *,
                                                   size_t);
extern "C" caci_status (*const header_probe_parse)(caci_doc *, const char *, size_t, const char *,
                                                   size_t) = caci_doc_parse;

int header_probe_cxx() {
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  caci_search_options search = CACI_SEARCH_OPTIONS_INIT;
  return static_cast<int>(opts.version + search.limit);
}
