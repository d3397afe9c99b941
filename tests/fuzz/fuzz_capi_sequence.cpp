// Fuzz target: random sequences of C API calls. The input drives a small interpreter over a few
// handle slots (documents, indexes, results, saved index bytes). The interpreter itself keeps the
// documented lifetime rules (results are freed before their index changes), so any crash, leak or
// broken invariant is the library's.
// Each instruction is one opcode byte (op % 14) followed by operand bytes.
#include "fuzz_capi_checks.hpp"
#include "fuzz_fixture.hpp"

#include <cstring>
#include <string>
#include <string_view>

using namespace caci_fuzz;

namespace {

constexpr int kSlots = 3;

class Reader {
public:
  Reader(const uint8_t *data, size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::string_view bytes(size_t n) {
    n = n < size_ - pos_ ? n : size_ - pos_;
    std::string_view out(reinterpret_cast<const char *>(data_) + pos_, n);
    pos_ += n;
    return out;
  }

private:
  const uint8_t *data_;
  size_t size_;
  size_t pos_ = 0;
};

struct Machine {
  caci_doc *docs[kSlots] = {};
  caci_index *indexes[kSlots] = {};
  caci_results *results[kSlots] = {};  // results[i] borrows indexes[i]
  std::string saved[kSlots];

  ~Machine() {
    for (int i = 0; i < kSlots; ++i) {
      caci_results_free(results[i]);
      caci_index_free(indexes[i]);
      caci_doc_free(docs[i]);
    }
  }
  void drop_results(int i) {
    caci_results_free(results[i]);
    results[i] = nullptr;
  }
  // Some article id present in the slot's document, or a made-up one.
  uint64_t pick_id(Reader &in) {
    caci_doc *doc = docs[in.byte() % kSlots];
    const size_t n = caci_doc_article_count(doc);
    const uint8_t k = in.byte();
    if (n == 0 || k == 0xFF) return 0x0123456789abcdefull;
    return caci_article_id(caci_doc_article(doc, k % n));
  }
  static bool allowed(caci_status st) { return st == CACI_OK || st == CACI_ENOMEM; }

  // The document's JSON written in 1 to 8 ranges (caci_doc_json_split, caci_doc_to_json_range)
  // equals `whole`; a range from a forged cursor fails with CACI_EINVAL or gives some JSON
  // (never a crash, never an endless range).
  static void check_json_ranges(const caci_doc *doc, uint8_t how, const std::string &whole) {
    const int format = how & 1;
    const size_t parts = 1 + (how >> 1) % 8;
    uint64_t cursors[9] = {};
    const caci_status split = caci_doc_json_split(doc, format, parts, cursors);
    FUZZ_CHECK(split == CACI_OK);
    FUZZ_CHECK(cursors[0] == 0);
    std::string joined;
    for (size_t i = 0; i < parts; ++i) {
      FUZZ_CHECK(cursors[i] <= cursors[i + 1]);
      uint64_t cursor = cursors[i];
      for (;;) {
        caci_str piece{};
        const caci_status st = caci_doc_to_json_range(doc, format, &cursor, cursors[i + 1], &piece);
        if (st == CACI_ENOMEM) return;
        FUZZ_CHECK(st == CACI_OK);
        if (piece.len == 0) break;
        joined.append(piece.ptr, piece.len);
      }
    }
    FUZZ_CHECK(joined == whole);
    // A cursor no call returned: one of the split's with its low bits changed, or any number.
    uint64_t cursor = how & 0x80 ? cursors[(how >> 4) % (parts + 1)] ^ ((how >> 1) & 7)
                                 : uint64_t(how) * 0x9E3779B97F4A7C15ull >> (how % 61);
    for (int pieces = 0; pieces < 1 << 16; ++pieces) {
      caci_str piece{};
      const caci_status st = caci_doc_to_json_range(doc, format, &cursor, cursors[parts], &piece);
      FUZZ_CHECK(st == CACI_OK || st == CACI_EINVAL || st == CACI_ENOMEM);
      if (st != CACI_OK || piece.len == 0) return;
      FUZZ_CHECK(view_ok(piece.ptr, piece.len));
    }
    FUZZ_CHECK(!"a range from a forged cursor did not end");
  }

  void step(Reader &in) {
    const uint8_t op = in.byte() % 14;
    const int s = in.byte() % kSlots;
    switch (op) {
    case 0: {  // doc_new
      caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
      opts.flags = in.byte() & 3;
      caci_doc *doc = nullptr;
      const caci_status st = caci_doc_new(&opts, &doc);
      FUZZ_CHECK(allowed(st));
      if (st == CACI_OK) {
        caci_doc_free(docs[s]);
        docs[s] = doc;
      }
      break;
    }
    case 1: {  // doc_parse: the fixture page, a slice of it, or raw input bytes
      if (!docs[s]) break;
      const uint8_t how = in.byte();
      std::string_view text;
      if (how < 64)
        text = kFixturePage;
      else if (how < 128)
        text = kFixturePage.substr(in.byte() * kFixturePage.size() / 256);
      else
        text = in.bytes(in.byte());
      const caci_status st = caci_doc_parse(docs[s], "seq.txt", 7, text.data(), text.size());
      FUZZ_CHECK(st == CACI_OK || st == CACI_EUTF8 || st == CACI_ENOMEM);
      break;
    }
    case 2:  // doc_clear
      caci_doc_clear(docs[s]);
      FUZZ_CHECK(caci_doc_article_count(docs[s]) == 0);
      break;
    case 3:  // doc_free (indexes copy what they need, so this is always allowed)
      caci_doc_free(docs[s]);
      docs[s] = nullptr;
      break;
    case 4: {  // index_new
      caci_index *index = nullptr;
      const caci_status st = caci_index_new(nullptr, &index);
      FUZZ_CHECK(allowed(st));
      if (st == CACI_OK) {
        drop_results(s);
        caci_index_free(indexes[s]);
        indexes[s] = index;
      }
      break;
    }
    case 5: {  // index_add_doc
      caci_doc *doc = docs[in.byte() % kSlots];
      if (!indexes[s] || !doc) break;
      drop_results(s);
      const size_t before = caci_index_article_count(indexes[s]);
      size_t added = 0;
      const caci_status st = caci_index_add_doc(indexes[s], doc, &added);
      FUZZ_CHECK(allowed(st));
      if (st == CACI_OK) {
        FUZZ_CHECK(caci_index_article_count(indexes[s]) == before + added);
        FUZZ_CHECK(added <= caci_doc_article_count(doc));
      }
      break;
    }
    case 6: {  // index_remove
      const uint64_t id = pick_id(in);
      if (!indexes[s]) break;
      drop_results(s);
      const size_t before = caci_index_article_count(indexes[s]);
      const bool present = caci_index_find(indexes[s], id) != nullptr;
      const caci_status st = caci_index_remove(indexes[s], id);
      if (present) {
        FUZZ_CHECK(st == CACI_OK);
        FUZZ_CHECK(caci_index_article_count(indexes[s]) == before - 1);
        FUZZ_CHECK(caci_index_find(indexes[s], id) == nullptr);
      } else {
        FUZZ_CHECK(st == CACI_ENOTFOUND);
      }
      break;
    }
    case 7: {  // search
      static const char *const queries[] = {"caspian",
                                            "energy markets",
                                            "author:examplewoman",
                                            "\"pipeline politics\"",
                                            "tbilisi OR silk",
                                            "year:2025",
                                            "NOT budget",
                                            "pipe*",
                                            "(",
                                            "caf\xc3\xa9"};
      const uint8_t which = in.byte();
      std::string_view query =
          which < 200 ? std::string_view(queries[which % 10]) : in.bytes(in.byte() % 32);
      caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
      opts.flags = in.byte() & 3;
      opts.sort = in.byte() % 3;
      if (!indexes[s]) break;
      drop_results(s);
      const caci_status st =
          caci_index_search(indexes[s], query.data(), query.size(), &opts, &results[s]);
      FUZZ_CHECK(st == CACI_OK || st == CACI_EQUERY || st == CACI_ENOMEM);
      if (st == CACI_OK)
        check_results(results[s], opts.limit);
      else
        FUZZ_CHECK(results[s] == nullptr);
      break;
    }
    case 8:  // results_free
      drop_results(s);
      break;
    case 9: {  // save into a byte slot
      if (!indexes[s]) break;
      caci_str out{};
      const caci_status st = caci_index_save(indexes[s], &out);
      FUZZ_CHECK(allowed(st));
      if (st == CACI_OK) saved[in.byte() % kSlots].assign(out.ptr, out.len);
      break;
    }
    case 10: {  // load from a byte slot, optionally with one byte flipped
      std::string bytes = saved[in.byte() % kSlots];
      const uint8_t flip = in.byte();
      if (flip & 1 && !bytes.empty())
        bytes[in.byte() % bytes.size()] ^= static_cast<char>(flip | 1);
      caci_index *index = nullptr;
      const caci_status st = caci_index_load(bytes.data(), bytes.size(), nullptr, &index);
      FUZZ_CHECK(st == CACI_OK || st == CACI_ECORRUPT || st == CACI_EVERSION || st == CACI_ENOMEM);
      FUZZ_CHECK((st == CACI_OK) == (index != nullptr));
      if (index) {
        drop_results(s);
        caci_index_free(indexes[s]);
        indexes[s] = index;
      }
      break;
    }
    case 11:  // index_free
      drop_results(s);
      caci_index_free(indexes[s]);
      indexes[s] = nullptr;
      break;
    case 12: {  // inspect a document
      if (!docs[s]) break;
      for (size_t i = 0, n = caci_doc_article_count(docs[s]); i < n; ++i)
        check_article(caci_doc_article(docs[s], i));
      // One byte, as before the ranges were checked (a saved input replays the same calls): its
      // low bit is the format, the rest the ranges' count and a forged cursor.
      const uint8_t how = in.byte();
      caci_str json{};
      const caci_status st = caci_doc_to_json(docs[s], how & 1, &json);
      FUZZ_CHECK(allowed(st));
      if (st == CACI_OK) check_json_ranges(docs[s], how, std::string(json.ptr, json.len));
      caci_stats stats{};
      FUZZ_CHECK(caci_doc_stats(docs[s], &stats) == CACI_OK);
      FUZZ_CHECK(stats.bytes ==
                 stats.bytes_articles + stats.bytes_boilerplate + stats.bytes_unclassified);
      break;
    }
    case 13: {  // find + article json
      const uint64_t id = pick_id(in);
      if (!indexes[s]) break;
      const caci_article *a = caci_index_find(indexes[s], id);
      if (a) {
        check_article(a);
        FUZZ_CHECK(caci_article_id(a) == id);
      }
      caci_str json{};
      const caci_status st = caci_index_article_json(indexes[s], id, &json);
      if (a) {
        FUZZ_CHECK(allowed(st));
        if (st == CACI_OK) FUZZ_CHECK(json_valid(std::string_view(json.ptr, json.len)));
      } else {
        FUZZ_CHECK(st == CACI_ENOTFOUND || st == CACI_ENOMEM);
      }
      break;
    }
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Reader in(data, size);
  Machine machine;
  for (int steps = 0; steps < 64 && !in.done(); ++steps) machine.step(in);
  return 0;
}
