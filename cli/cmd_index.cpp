// caci index: pages -> a saved search index file.
#include "atomic_file.hpp"
#include "author_aliases.hpp"
#include "cli.hpp"
#include "help.hpp"
#include "progress.hpp"

#include <algorithm>
#include <thread>

namespace cli {

namespace {

// caci_index_save_to() writes the file straight into the atomically replaced output: no copy of
// the whole file in memory. The first failure is kept with its reason.
struct FileWriter {
  AtomicFile file;
  std::string error;
  uint64_t bytes = 0;
  bool failed = false;

  static int write(void *self, const void *data, size_t len) {
    auto &w = *static_cast<FileWriter *>(self);
    if (!w.file.write(std::string_view(static_cast<const char *>(data), len), w.error)) {
      w.failed = true;
      return 1;
    }
    w.bytes += len;
    return 0;
  }
};

}  // namespace

int cmd_index(int argc, char **argv) {
  std::string output;
  uint32_t flags = 0;
  bool summary = false, quiet = false;
  caci_save_options save_opts = CACI_SAVE_OPTIONS_INIT;
  // The stored text is compressed on every core (up to 4; issue 13): about 1 s of CPU on one
  // thread for the 20,000-article archive. The file is the same whatever the count.
  save_opts.threads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  std::string aliases_path;
  ArgWalker args(argc, argv, "index");
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    if (o.name == "-o" || o.name == "--output") {
      std::string_view v;
      if (!args.value(v)) return usage_error("index", "%s needs a file name", "-o");
      output = std::string(v);
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else if (a == "--summary") {
      summary = true;
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else if (a == "--no-text") {
      save_opts.flags |= CACI_SAVE_OMIT_TEXT;
    } else if (o.name == "--aliases") {
      std::string_view v;
      if (!args.value(v)) return usage_error("index", "%s needs a file name", "--aliases");
      aliases_path = std::string(v);
    } else {
      return usage_error("index", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  const std::vector<std::string> &files = args.operands();
  if (output.empty()) return usage_error("index", "%s", "missing -o OUT.caci");
  if (files.empty()) return usage_error("index", "%s", "no input pages");

  Progress progress("index", quiet);
  PageSet ps;
  // Two threads parse (batches appended in page order, the same document as one thread makes):
  // the text it holds is still each article's in order, which the build compresses as it indexes.
  if (!load_pages_parallel(files, flags, ps, &progress, default_parse_threads()))
    return ps.exit_status;
  if (summary) {
    progress.clear();
    print_summary(ps);
  }
  int exit_status = ps.exit_status;
  if (ps.invalid_utf8) {
    caci_doc_free(ps.doc);
    return exit_status;
  }
  // With no page read (a mistyped glob, a directory), an index would be empty: replacing the
  // user's existing file with it would destroy it.
  if (ps.unreadable == ps.files) {
    progress.clear();
    std::fprintf(stderr, "caci: no input page could be read; '%s' was not written\n",
                 output.c_str());
    caci_doc_free(ps.doc);
    return worse_exit(exit_status, exit_io);
  }

  caci_index *index = nullptr;
  size_t added = 0;
  progress.phase("building the index");
  caci_status st = caci_index_new(nullptr, &index);
  if (st == CACI_OK && !aliases_path.empty()) {
    if (int bad = apply_author_aliases(index, aliases_path); bad != exit_ok) {
      caci_doc_free(ps.doc);
      caci_index_free(index);
      return bad;
    }
  }
  if (st == CACI_OK)
    // The parse is not needed after; the text is compressed for the file as the index is built
    // (on a second thread) and freed as it goes, so it is never held twice (issue 13).
    st = caci_index_take_doc_with(index, ps.doc, &save_opts, &added);
  caci_doc_free(ps.doc);
  FileWriter out;
  bool written = false;
  if (st == CACI_OK) {
    progress.phase("saving the index");
    written = out.file.open(output, out.error);
    if (written) {
      st = caci_index_save_to(index, &save_opts, &FileWriter::write, &out);
      written = st == CACI_OK && out.file.commit(out.error);
    }
  }
  progress.finish();
  if (st != CACI_OK && !(st == CACI_EIO && out.failed)) {
    exit_status = worse_exit(exit_status, report_status("cannot build the index", st));
  } else if (!written) {
    std::fprintf(stderr, "caci: cannot write '%s': %s\n", output.c_str(), out.error.c_str());
    exit_status = worse_exit(exit_status, exit_io);
  } else if (!quiet) {
    std::fprintf(stderr,
                 "caci: indexed %zu articles from %zu files (%llu bytes) into %s (%llu bytes)\n",
                 added, ps.files - ps.unreadable, static_cast<unsigned long long>(ps.bytes),
                 output.c_str(), static_cast<unsigned long long>(out.bytes));
  }
  caci_index_free(index);
  return exit_status;
}

}  // namespace cli
