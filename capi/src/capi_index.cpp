// Index handles: build from documents, remove, look up, save and load.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include "caci/core/json.hpp"

#include <memory>
#include <string>

using caci::capi::guard;
using caci::capi::str_of;

namespace {
// Reason of the last failed caci_index_load() on this thread. A load has no handle to carry the
// error (it failed to make one), hence the one piece of thread-local state in the ABI.
thread_local std::string t_last_load_error;

void set_load_error(const char *msg) noexcept {
  caci::capi::guard_void([&] { t_last_load_error.assign(msg); });
}
}  // namespace

namespace {

// The loaders share everything but how the bytes are reached.
template <class Open>
caci_status load_index(const caci_index_options *opts, caci_index **out, Open &&open) {
  caci_status status = guard([&]() -> caci_status {
    caci::IndexOptions io;
    caci_status st = caci::capi::index_options_from_c(opts, io);
    if (st != CACI_OK) {
      t_last_load_error = st == CACI_EVERSION ? "unsupported caci_index_options version"
                                              : "invalid caci_index_options";
      return st;
    }
    std::unique_ptr<caci_index> index(new caci_index(caci::Index(io)));
    std::string err;
    caci::Status ls = open(index->index, err);
    if (ls != caci::Status::ok) {
      t_last_load_error = err.empty() ? caci::status_str(ls) : err;
      return caci::capi::to_c(ls);
    }
    if (opts) index->index.set_options(io);  // NULL keeps the options saved in the file
    *out = index.release();
    return CACI_OK;
  });
  if (status == CACI_ENOMEM)
    set_load_error("out of memory");
  else if (status == CACI_EINTERNAL)
    set_load_error("internal error");
  return status;
}

}  // namespace

extern "C" {

caci_status caci_index_new(const caci_index_options *opts, caci_index **out) {
  if (!out) return CACI_EINVAL;
  *out = nullptr;
  return guard([&]() -> caci_status {
    caci::IndexOptions io;
    caci_status st = caci::capi::index_options_from_c(opts, io);
    if (st != CACI_OK) return st;
    auto *index = new caci_index(caci::Index(io));
    *out = index;
    return CACI_OK;
  });
}

void caci_index_free(caci_index *index) {
  delete index;
}

caci_status caci_index_add_doc(caci_index *index, const caci_doc *doc, size_t *added_out) {
  if (added_out) *added_out = 0;
  if (!index || !doc) return CACI_EINVAL;
  return guard([&] { return index->index.add_document(doc->doc, added_out); });
}

caci_status caci_index_take_doc(caci_index *index, caci_doc *doc, size_t *added_out) {
  if (added_out) *added_out = 0;
  if (!index || !doc) return CACI_EINVAL;
  return guard([&] {
    doc->json.clear();
    return index->index.take_document(doc->doc, added_out);
  });
}

caci_status caci_index_remove(caci_index *index, uint64_t id) {
  if (!index) return CACI_EINVAL;
  return guard([&] { return index->index.remove(id); });
}

size_t caci_index_article_count(const caci_index *index) {
  return index ? caci::capi::guard_value<size_t>(0, [&] { return index->index.size(); }) : 0;
}

const caci_article *caci_index_find(const caci_index *index, uint64_t id) {
  if (!index) return nullptr;
  return caci::capi::guard_value<const caci_article *>(
      nullptr, [&] { return caci::capi::to_c(index->index.find(id)); });
}

}  // extern "C"

namespace {

// Version 1 of caci_save_options ends before `threads`.
caci_status save_options_from_c(const caci_save_options *opts, caci::SaveOptions &so) {
  if (!opts) return CACI_OK;
  if (opts->version != CACI_SAVE_OPTIONS_VERSION && opts->version != 1) return CACI_EVERSION;
  if (opts->flags & ~static_cast<uint32_t>(CACI_SAVE_OMIT_TEXT)) return CACI_EINVAL;
  so.store_text = !(opts->flags & CACI_SAVE_OMIT_TEXT);
  so.threads = opts->version >= 2 ? opts->threads : 0;
  return CACI_OK;
}

// The caller's write callback as the core's sink: the first failure stops the save (eio).
class CallbackSink : public caci::ByteSink {
public:
  CallbackSink(caci_write_fn write, void *userdata) : write_(write), userdata_(userdata) {}
  bool write(const char *data, size_t n) override {
    if (failed_) return false;
    if (n == 0) return true;
    failed_ = write_(userdata_, data, n) != 0;
    return !failed_;
  }

private:
  caci_write_fn write_;
  void *userdata_;
  bool failed_ = false;
};

}  // namespace

extern "C" {

caci_status caci_index_take_doc_with(caci_index *index, caci_doc *doc,
                                     const caci_save_options *opts, size_t *added_out) {
  if (added_out) *added_out = 0;
  if (!index || !doc) return CACI_EINVAL;
  caci::SaveOptions so;
  if (caci_status st = save_options_from_c(opts, so); st != CACI_OK) return st;
  return guard([&] {
    doc->json.clear();
    return index->index.take_document(doc->doc, added_out, opts ? &so : nullptr);
  });
}

caci_status caci_index_save(caci_index *index, caci_str *out) {
  return caci_index_save_with(index, nullptr, out);
}

caci_status caci_index_save_with(caci_index *index, const caci_save_options *opts, caci_str *out) {
  if (out) *out = caci::capi::null_str();
  if (!index || !out) return CACI_EINVAL;
  caci::SaveOptions so;
  if (caci_status st = save_options_from_c(opts, so); st != CACI_OK) return st;
  return guard([&]() -> caci_status {
    index->out.clear();
    caci::Status st = index->index.save(index->out, so);
    if (st != caci::Status::ok) return caci::capi::to_c(st);
    *out = str_of(index->out);
    return CACI_OK;
  });
}

caci_status caci_index_save_to(caci_index *index, const caci_save_options *opts,
                               caci_write_fn write, void *userdata) {
  if (!index || !write) return CACI_EINVAL;
  caci::SaveOptions so;
  if (caci_status st = save_options_from_c(opts, so); st != CACI_OK) return st;
  return guard([&]() -> caci_status {
    CallbackSink sink(write, userdata);
    return caci::capi::to_c(index->index.save_to(sink, so));
  });
}

namespace {

// caci_index_load and caci_index_load_view differ only in whether the index copies the bytes.
caci_status load_bytes(const void *bytes, size_t len, const caci_index_options *opts,
                       caci_index **out,
                       caci::Status (*load)(std::string_view, caci::Index &, std::string *)) {
  if (out) *out = nullptr;
  if (!out || (!bytes && len)) {
    set_load_error("invalid argument: NULL out or NULL bytes with a non-zero length");
    return CACI_EINVAL;
  }
  const std::string_view view(bytes ? static_cast<const char *>(bytes) : "", len);
  return load_index(opts, out,
                    [&](caci::Index &ix, std::string &err) { return load(view, ix, &err); });
}

}  // namespace

caci_status caci_index_load(const void *bytes, size_t len, const caci_index_options *opts,
                            caci_index **out) {
  return load_bytes(bytes, len, opts, out, &caci::Index::load);
}

caci_status caci_index_load_view(const void *bytes, size_t len, const caci_index_options *opts,
                                 caci_index **out) {
  return load_bytes(bytes, len, opts, out, &caci::Index::load_view);
}

caci_status caci_index_open_file(const char *path, const caci_index_options *opts,
                                 caci_index **out) {
  if (out) *out = nullptr;
  if (!out || !path) {
    set_load_error("invalid argument: NULL path or out");
    return CACI_EINVAL;
  }
  return load_index(opts, out, [&](caci::Index &ix, std::string &err) {
    return caci::Index::open_file(path, ix, &err);
  });
}

caci_status caci_index_verify(caci_index *index, caci_str *message_out) {
  if (message_out) *message_out = caci::capi::null_str();
  if (!index) return CACI_EINVAL;
  return guard([&]() -> caci_status {
    index->out.clear();
    caci::Status st = index->index.verify(&index->out);
    if (st != caci::Status::ok && message_out) *message_out = str_of(index->out);
    return caci::capi::to_c(st);
  });
}

const char *caci_last_load_error(void) {
  return t_last_load_error.c_str();
}

caci_status caci_index_error(const caci_index *index, caci_str *message_out, size_t *offset_out) {
  if (!index) return CACI_EINVAL;
  const caci_query_error *e = index->error();
  if (message_out)
    *message_out = !e || e->message.empty() ? caci::capi::null_str() : str_of(e->message);
  if (offset_out) *offset_out = e ? e->offset : 0;
  return CACI_OK;
}

caci_status caci_index_article_json(caci_index *index, uint64_t id, caci_str *out) {
  if (!index || !out) return CACI_EINVAL;
  *out = caci::capi::null_str();
  return guard([&]() -> caci_status {
    const caci::Article *a = index->index.find(id);
    if (!a) return CACI_ENOTFOUND;
    index->out.clear();
    caci::write_article_json(index->index.store(), *a, index->out);
    *out = str_of(index->out);
    return CACI_OK;
  });
}

}  // extern "C"
