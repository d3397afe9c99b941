// People: the author alias table of an index and person keys (caci.h, "People").
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include <string>
#include <string_view>

using caci::capi::guard;
using caci::capi::str_of;

namespace {
// An alias file is a list of names; anything this large is a mistake, not a table.
constexpr size_t kMaxAliasBytes = size_t(64) << 20;
}  // namespace

extern "C" {

caci_status caci_index_set_author_aliases(caci_index *index, const char *text, size_t len) {
  if (!index || (!text && len > 0)) return CACI_EINVAL;
  if (len > kMaxAliasBytes) return CACI_ERANGE;
  return guard([&]() -> caci_status {
    caci::QueryError err;
    const caci::Status st =
        index->index.set_author_aliases(std::string_view(text ? text : "", len), &err);
    if (st == caci::Status::einval) index->set_error(std::move(err.message), err.offset);
    return static_cast<caci_status>(st);
  });
}

caci_str caci_index_author_aliases(const caci_index *index) {
  if (!index) return caci::capi::null_str();
  return str_of(index->index.author_aliases());
}

caci_status caci_index_person_key(caci_index *index, const char *name, size_t len, caci_str *out) {
  if (out) *out = caci::capi::null_str();
  if (!index || !out || (!name && len > 0)) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    index->out = index->index.person_key(std::string_view(name ? name : "", len));
    *out = str_of(index->out);
    return CACI_OK;
  });
}

}  // extern "C"
