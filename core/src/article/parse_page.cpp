// parse_page(): scan the page into line records, run the page parser over them, then move the
// page's diagnostics, in input order, into the document.
#include "caci/core/append.hpp"
#include "caci/core/parse.hpp"
#include "caci/core/versions.hpp"

#include "../alloc_guard.hpp"
#include "page.hpp"
#include "page_parser.hpp"

#include <algorithm>

namespace caci {

Status parse_page(Document &doc, std::string_view file_name, std::string_view bytes) {
  using namespace parse;
  if (bytes.size() > UINT32_MAX) return Status::erange;
  if (doc.store.files.size() >= UINT32_MAX ||
      doc.store.meta.size() + file_name.size() + 4096 > UINT32_MAX)
    return Status::erange;
  const uint32_t file = uint32_t(doc.store.files.size());
  doc.store.files.emplace_back(file_name);
  Scratch &s = thread_scratch();
  s.clear();
  PageScan scan;
  const bool strict = (doc.options.flags & parse_strict) != 0;
  scan_page(bytes, strict, s, &scan);
  doc.stats.bytes += bytes.size();
  if (scan.bom) doc.stats.bytes_boilerplate += 3;
  PageParser p(doc, s, bytes, file);
  p.run();
  // Excerpts and teasers of this page, or of earlier ones, meet their full articles.
  // Derived links: out of memory, the page stays parsed and the articles list no versions (the
  // next page links everything again).
  enomem_on_alloc_failure(
      [&] {
        if (!doc.version_linker) doc.version_linker = std::make_shared<VersionLinker>();
        doc.version_linker->update(doc.store);
        return Status::ok;
      },
      [&] {
        doc.version_linker.reset();
        for (Article &a : doc.store.articles) std::vector<uint32_t>().swap(a.versions);
      });
  // Diagnostics in input order, messages into the document's meta buffer.
  std::stable_sort(s.diags.begin(), s.diags.end(), [](const PendingDiag &a, const PendingDiag &b) {
    return a.byte_start < b.byte_start;
  });
  Status st = p.status();
  if (!doc.append_log) doc.append_log = std::make_shared<AppendLog>();
  AppendLog &log = *doc.append_log;
  log.dup_slot.resize(doc.store.articles.size(), 0);
  for (const PendingDiag &pd : s.diags) {
    if (pd.role == PendingDiag::Role::slot) {  // not a diagnostic
      if (pd.article < log.dup_slot.size())
        log.dup_slot[pd.article] = uint32_t(doc.diagnostics.size());
      continue;
    }
    if (pd.role == PendingDiag::Role::duplicate_of)
      log.dup_refs.push_back({uint32_t(doc.diagnostics.size()), pd.article});
    Diagnostic d;
    d.file = file;
    d.line = pd.line;
    d.column = pd.column;
    d.byte_start = pd.byte_start;
    d.byte_end = pd.byte_end;
    d.severity = pd.severity;
    d.code = pd.code;
    if (doc.store.meta.size() + pd.message_length > UINT32_MAX) {
      st = Status::erange;
      break;
    }
    d.message.offset = uint32_t(doc.store.meta.size());
    d.message.length = pd.message_length;
    doc.store.meta.append(s.diag_text, pd.message_offset, pd.message_length);
    doc.diagnostics.push_back(d);
  }
  if (st != Status::ok) return st;
  if (strict && scan.invalid) return Status::eutf8;
  return Status::ok;
}

}  // namespace caci
