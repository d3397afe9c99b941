// caci parse: pages -> caci-archive/1 JSON.
#include "atomic_file.hpp"
#include "cli.hpp"
#include "help.hpp"
#include "progress.hpp"

#include <chrono>
#include <cstring>

namespace cli {

namespace {

// Prints the invalid_utf8 diagnostics, file:line:column, for --strict.
void report_invalid_utf8(const caci_doc *doc) {
  size_t n = caci_doc_diagnostic_count(doc);
  for (size_t i = 0; i < n; ++i) {
    caci_diagnostic d;
    if (caci_doc_diagnostic(doc, i, &d) != CACI_OK || view(d.code) != "invalid_utf8") continue;
    std::fprintf(stderr, "%.*s:%u:%u: error: %.*s\n", int(d.file.len), d.file.ptr, d.line, d.column,
                 int(d.message.len), d.message.ptr);
  }
}

}  // namespace

int cmd_parse(int argc, char **argv) {
  int format = CACI_JSON;
  uint32_t flags = 0;
  bool summary = false, quiet = false;
  std::string output;
  ArgWalker args(argc, argv, "parse");
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--format") {
      if (!args.value(v))
        return usage_error("parse", "%s needs a value (json or jsonl)", "--format");
      if (v == "json")
        format = CACI_JSON;
      else if (v == "jsonl")
        format = CACI_JSONL;
      else
        return usage_error("parse", "unknown format '%s' (json or jsonl)", std::string(v).c_str());
    } else if (o.name == "-o" || o.name == "--output") {
      if (!args.value(v)) return usage_error("parse", "%s needs a file name", "-o");
      output = std::string(v);
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else if (a == "--summary") {
      summary = true;
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      return usage_error("parse", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  std::vector<std::string> &files = args.operands();
  if (files.empty())
    return usage_error("parse", "%s", "no input files (use '-' for standard input)");

  Progress progress("parse", quiet);
  PageSet ps;
  if (!load_pages(files, flags, ps, &progress)) return ps.exit_status;
  int exit_status = ps.exit_status;

  if (ps.invalid_utf8) {
    progress.finish();
    if (summary) print_summary(ps);
    // --strict rejects the input: say where, and print no JSON.
    report_invalid_utf8(ps.doc);
    caci_doc_free(ps.doc);
    return exit_status;
  }
  // The JSON goes out in ~1 MB pieces as it is produced: never all of it in memory at once, and
  // writing overlaps nothing but stays in cache. The output file is still replaced atomically.
  // Standard output may be the same terminal: the progress line goes before the JSON does.
  if (output.empty() || output == "-")
    progress.finish();
  else
    progress.phase("writing the JSON");
  AtomicFile file;
  std::string error;
  caci_status st = CACI_OK;
  bool written = file.open(output, error);
  size_t json_bytes = 0;
  double json_seconds = 0;
  for (uint64_t cursor = 0; written;) {
    caci_str piece{};
    auto t0 = std::chrono::steady_clock::now();
    st = caci_doc_to_json_next(ps.doc, format, &cursor, &piece);
    json_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (st != CACI_OK || piece.len == 0) break;
    json_bytes += piece.len;
    written = file.write(view(piece), error);
  }
  if (written && st == CACI_OK) written = file.commit(error);
  progress.finish();
  if (summary) print_summary(ps, json_bytes, json_seconds);
  if (st != CACI_OK) {
    exit_status = worse_exit(exit_status, report_status("cannot serialise the document", st));
  } else if (!written) {
    std::fprintf(stderr, "caci: cannot write '%s': %s\n",
                 output.empty() || output == "-" ? "<stdout>" : output.c_str(), error.c_str());
    exit_status = worse_exit(exit_status, exit_io);
  }
  caci_doc_free(ps.doc);
  return exit_status;
}

}  // namespace cli
