// Index file format (placeholder until the real format lands in this file).
#include "index_impl.hpp"

namespace caci {

Status Index::save(std::string &out) const { return Status::einternal; }

Status Index::load(std::string_view bytes, Index &out, std::string *err) {
  if (err) *err = "index files are not supported yet";
  return Status::eversion;
}

} // namespace caci
