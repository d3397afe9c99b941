// Status names. The core enum and the C constants share their values (checked below).
#include "caci/caci.h"

#include "caci/core/status.hpp"

namespace {
using caci::Status;
static_assert(int(Status::ok) == CACI_OK && int(Status::done) == CACI_DONE);
static_assert(int(Status::einval) == CACI_EINVAL && int(Status::enomem) == CACI_ENOMEM);
static_assert(int(Status::eio) == CACI_EIO && int(Status::eutf8) == CACI_EUTF8);
static_assert(int(Status::ecorrupt) == CACI_ECORRUPT && int(Status::eversion) == CACI_EVERSION);
static_assert(int(Status::equery) == CACI_EQUERY && int(Status::ebufs) == CACI_EBUFS);
static_assert(int(Status::enotfound) == CACI_ENOTFOUND && int(Status::erange) == CACI_ERANGE);
static_assert(int(Status::einternal) == CACI_EINTERNAL);
}  // namespace

extern "C" {

const char *caci_status_str(caci_status status) {
  return caci::status_str(static_cast<caci::Status>(status));
}

}  // extern "C"
