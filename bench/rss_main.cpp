// caci_bench_rss: one parse(+index) run in its own process, for peak memory (getrusage ru_maxrss)
// and for profiling under callgrind. Prints one JSON object.
//
//   caci_bench_rss --archive DIR --mode parse|document|streaming
//
// Pages are read from disk one at a time, as a command-line tool would, so the input never sits in
// memory all at once:
//   parse      parse every page into one Document (no index)
//   document   parse every page into one Document, then Index::take_document with the save's
//              options and Index::save_to, as `caci index` does: the text is compressed while it is
//              indexed and freed as it goes, and the file is streamed out (here to a sink that
//              counts its bytes; `caci index` writes them to the output file)
//   streaming  parse each page into a reused Document, add it to the index, clear it; then save
// The process's baseline RSS (before reading anything) and the peak before Index::save are
// reported too.

#include "bench_archive.hpp"

#include "caci/core/index.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstring>

namespace {

long max_rss_kib() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;  // KiB on Linux
}

int usage() {
  std::fprintf(stderr, "usage: caci_bench_rss --archive DIR --mode parse|document|streaming\n");
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  std::string dir, mode;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--archive"))
      dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--mode"))
      mode = argv[i + 1];
    else
      return usage();
  }
  if (dir.empty() || (mode != "parse" && mode != "document" && mode != "streaming")) return usage();

  long baseline_kib = max_rss_kib();
  auto t0 = std::chrono::steady_clock::now();
  auto manifest = caci_bench::read_manifest(dir);
  uint64_t pages = manifest["pages"], input_bytes = 0;
  caci::Document doc;
  caci::Index index;
  std::string page;
  for (uint64_t i = 1; i <= pages; ++i) {
    std::string name = caci_bench::page_name(i);
    page.clear();
    if (!caci_bench::read_file(dir + "/" + name, page)) caci_bench::die("cannot read " + name);
    input_bytes += page.size();
    caci::Status s = caci::parse_page(doc, name, page);
    if (caci::failed(s)) caci_bench::die(std::string("parse_page: ") + caci::status_str(s));
    if (mode == "streaming") {
      s = index.add_document(doc, nullptr);
      if (caci::failed(s)) caci_bench::die(std::string("add_document: ") + caci::status_str(s));
      doc.clear();
    }
  }
  page = std::string();  // release the read buffer
  uint64_t parsed_articles = doc.stats.articles;
  caci::SaveOptions save_opts;
  save_opts.threads = 2;  // as `caci index` on a two-core machine
  if (mode == "document") {
    caci::Status s = index.take_document(doc, nullptr, &save_opts);
    if (caci::failed(s)) caci_bench::die(std::string("take_document: ") + caci::status_str(s));
  }
  // The target is about parse + index; the peak is taken before the save and after it.
  long before_save_kib = max_rss_kib();
  uint64_t index_bytes = 0;
  if (mode == "document") {
    struct Counter : caci::ByteSink {
      uint64_t bytes = 0;
      bool write(const char *, size_t n) override {
        bytes += n;
        return true;
      }
    } sink;
    caci::Status s = index.save_to(sink, save_opts);
    if (caci::failed(s)) caci_bench::die(std::string("save: ") + caci::status_str(s));
    index_bytes = sink.bytes;
  } else if (mode == "streaming") {
    std::string saved;
    caci::Status s = index.save(saved);
    if (caci::failed(s)) caci_bench::die(std::string("save: ") + caci::status_str(s));
    index_bytes = saved.size();
  }
  double seconds = caci_bench::seconds_since(t0);
  long peak_kib = max_rss_kib();
  if (input_bytes != manifest["bytes"]) caci_bench::die("input size differs from the manifest");
  uint64_t articles = mode == "parse" ? parsed_articles : index.size();
  std::printf(
      "{\"mode\": \"%s\", \"input_bytes\": %llu, \"articles\": %llu, \"expected_articles\": %llu, "
      "\"index_bytes\": %llu, \"seconds\": %.3f, \"baseline_rss_bytes\": %lld, "
      "\"peak_rss_bytes\": %lld, \"peak_rss_to_input\": %.4f, "
      "\"peak_above_baseline_to_input\": %.4f, \"peak_rss_before_save_bytes\": %lld, "
      "\"peak_rss_before_save_to_input\": %.4f}\n",
      mode.c_str(), static_cast<unsigned long long>(input_bytes),
      static_cast<unsigned long long>(articles),
      static_cast<unsigned long long>(manifest["articles"]),
      static_cast<unsigned long long>(index_bytes), seconds, baseline_kib * 1024LL,
      peak_kib * 1024LL, static_cast<double>(peak_kib) * 1024.0 / static_cast<double>(input_bytes),
      static_cast<double>(peak_kib - baseline_kib) * 1024.0 / static_cast<double>(input_bytes),
      before_save_kib * 1024LL,
      static_cast<double>(before_save_kib) * 1024.0 / static_cast<double>(input_bytes));
  return 0;
}
