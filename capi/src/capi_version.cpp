// Version: the runtime counterparts of the caci_version.h macros (lesson 8).
#include "caci/caci.h"

#include "caci/core/normalize.hpp"

extern "C" {

uint32_t caci_version_number(void) {
  return CACI_VERSION_NUMBER;
}
const char *caci_version_string(void) {
  return CACI_VERSION_STRING;
}
const char *caci_unicode_version(void) {
  return caci::unicode_version();
}

}  // extern "C"
