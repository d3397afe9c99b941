// Shared by the benchmark executables: loads a generated archive (caci_gen_archive output) into
// memory, parses it once and checks the result against the generator's manifest, and builds the
// SQLite FTS5 comparison table. Header-only: each benchmark is one translation unit.
//
// The archive directory comes from the CACI_BENCH_ARCHIVE environment variable.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/parse.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caci_bench {

struct Archive {
  std::string dir;
  std::map<std::string, uint64_t> manifest;
  std::vector<std::string> names;       // page file names, in order
  std::string all;                      // every page, concatenated
  std::vector<std::string_view> pages;  // views into `all`
  uint64_t expect(const char *key) const {
    auto it = manifest.find(key);
    return it == manifest.end() ? 0 : it->second;
  }
};

[[noreturn]] inline void die(const std::string &message) {
  std::fprintf(stderr, "caci bench: %s\n", message.c_str());
  std::exit(1);
}

inline bool read_file(const std::string &path, std::string &out) {
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

inline std::string archive_dir() {
  const char *dir = std::getenv("CACI_BENCH_ARCHIVE");
  if (!dir || !*dir) die("set CACI_BENCH_ARCHIVE to a directory written by caci_gen_archive");
  return dir;
}

inline std::map<std::string, uint64_t> read_manifest(const std::string &dir) {
  std::string text;
  if (!read_file(dir + "/manifest.txt", text)) die("cannot read " + dir + "/manifest.txt");
  std::map<std::string, uint64_t> m;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    size_t sp = line.find(' ');
    if (sp != std::string::npos)
      m[line.substr(0, sp)] = std::strtoull(line.c_str() + sp + 1, nullptr, 10);
    pos = eol + 1;
  }
  return m;
}

inline std::string page_name(uint64_t i) {
  char name[64];
  std::snprintf(name, sizeof name, "page_%05llu.txt", static_cast<unsigned long long>(i));
  return name;
}

// Loads once per process.
inline const Archive &archive() {
  static const Archive a = [] {
    Archive r;
    r.dir = archive_dir();
    r.manifest = read_manifest(r.dir);
    uint64_t pages = r.expect("pages");
    r.all.reserve(r.expect("bytes"));
    std::vector<size_t> starts;
    for (uint64_t i = 1; i <= pages; ++i) {
      r.names.push_back(page_name(i));
      starts.push_back(r.all.size());
      if (!read_file(r.dir + "/" + r.names.back(), r.all)) die("cannot read " + r.names.back());
    }
    starts.push_back(r.all.size());
    for (size_t i = 0; i + 1 < starts.size(); ++i)
      r.pages.emplace_back(r.all.data() + starts[i], starts[i + 1] - starts[i]);
    if (r.all.size() != r.expect("bytes")) die("archive size differs from manifest");
    return r;
  }();
  return a;
}

// Parses every page of the archive into `doc` (cleared first). Returns the first failing status.
inline caci::Status parse_archive(const Archive &a, caci::Document &doc) {
  doc.clear();
  caci::Status result = caci::Status::ok;
  for (size_t i = 0; i < a.pages.size(); ++i) {
    caci::Status s = caci::parse_page(doc, a.names[i], a.pages[i]);
    if (caci::failed(s) && result == caci::Status::ok) result = s;
  }
  return result;
}

// What the checks found: hard failures stop the benchmark; mismatches with the manifest are
// reported (the parser and the generator may disagree on a construct) but do not stop timing.
struct ParseCheck {
  bool ok = true;                  // hard checks passed
  std::string failure;             // first hard failure
  std::vector<std::string> notes;  // mismatches with the manifest
  uint64_t kinds[4] = {};
};

inline ParseCheck check_parse(const Archive &a, const caci::Document &doc, caci::Status status) {
  ParseCheck c;
  auto fail = [&](const std::string &m) {
    if (c.ok) {
      c.ok = false;
      c.failure = m;
    }
  };
  const caci::Stats &s = doc.stats;
  if (caci::failed(status)) fail(std::string("parse_page returned ") + caci::status_str(status));
  if (s.bytes != a.all.size())
    fail("stats.bytes " + std::to_string(s.bytes) + " != input " + std::to_string(a.all.size()));
  if (s.bytes != s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified)
    fail("stats do not add up: bytes " + std::to_string(s.bytes) + " != articles " +
         std::to_string(s.bytes_articles) + " + boilerplate " +
         std::to_string(s.bytes_boilerplate) + " + unclassified " +
         std::to_string(s.bytes_unclassified));
  uint64_t live = 0;
  for (const caci::Article &art : doc.store.articles) {
    if (art.deleted) continue;
    ++live;
    c.kinds[static_cast<int>(art.kind) & 3]++;
  }
  if (live != s.articles)
    fail("stats.articles " + std::to_string(s.articles) + " != live articles " +
         std::to_string(live));
  if (live == 0) fail("no articles parsed");
  auto note = [&](const char *what, uint64_t expected, uint64_t got) {
    if (expected != got)
      c.notes.push_back(std::string(what) + ": expected " + std::to_string(expected) + ", parsed " +
                        std::to_string(got));
  };
  note("articles", a.expect("articles"), s.articles);
  note("duplicates", a.expect("duplicates"), s.duplicates);
  note("kind article", a.expect("kind_article"), c.kinds[0]);
  note("kind excerpt", a.expect("kind_excerpt"), c.kinds[1]);
  note("kind teaser", a.expect("kind_teaser"), c.kinds[2]);
  note("kind digest", a.expect("kind_digest"), c.kinds[3]);
  if (s.bytes_unclassified)
    c.notes.push_back("unclassified bytes: " + std::to_string(s.bytes_unclassified));
  return c;
}

inline void print_check(const char *who, const ParseCheck &c) {
  std::fprintf(stderr, "%s: parse check %s%s%s\n", who,
               c.ok ? "ok" : "FAILED: ", c.ok ? "" : c.failure.c_str(),
               c.notes.empty() ? "" : " (with manifest mismatches)");
  for (const std::string &n : c.notes) std::fprintf(stderr, "  mismatch: %s\n", n.c_str());
}

// The Document parsed once per process, checked. Exits when a hard check fails.
inline const caci::Document &parsed_document(const char *who) {
  static const caci::Document *doc = [&] {
    auto *d = new caci::Document();
    const Archive &a = archive();
    caci::Status s = parse_archive(a, *d);
    ParseCheck c = check_parse(a, *d, s);
    print_check(who, c);
    if (!c.ok) die("parse output failed its checks; not timing it");
    return d;
  }();
  return *doc;
}

// Bytes of article text (title, lead, sections, bio) of live articles: what gets indexed.
inline uint64_t text_bytes(const caci::ArticleStore &store) {
  uint64_t n = 0;
  for (const caci::Article &a : store.articles)
    if (!a.deleted) n += a.text.length;
  return n;
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// p-th percentile (0..100) of `v` by nearest rank; sorts `v`.
inline double percentile(std::vector<double> &v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  if (rank == 0) rank = 1;
  return v[std::min(rank, v.size()) - 1];
}

}  // namespace caci_bench
