#include "caci/caci.h"

#include "caci/core/normalize.hpp"
#include "caci/core/status.hpp"

extern "C" {

uint32_t caci_version_number(void) { return CACI_VERSION_NUMBER; }
const char *caci_version_string(void) { return CACI_VERSION_STRING; }
const char *caci_unicode_version(void) { return caci::unicode_version(); }
const char *caci_status_str(caci_status status) {
  return caci::status_str(static_cast<caci::Status>(status));
}

} // extern "C"
