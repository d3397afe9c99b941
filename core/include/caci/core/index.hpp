// Full-text index over articles, with the query language, BM25 ranking, facets, snippets and the
// versioned index file. See README.md "Query language" for the syntax.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caci {

// BEGIN GENERATED: fields (tools/gen_tables.py; edit core/tables, not this)
enum class Field : uint8_t { title = 0, authors = 1, lead = 2, sections = 3, bio = 4 };
constexpr int kFieldCount = 5;
// A set of fields is a mask with bit f for Field f (query leaves, the index file).
constexpr uint8_t kAllFieldsMask = (1u << kFieldCount) - 1;
// END GENERATED: fields

struct IndexOptions {
  float k1 = 1.2f;
  float b = 0.75f;
  // BEGIN GENERATED: field_weights (tools/gen_tables.py; edit core/tables, not this)
  float field_weights[kFieldCount] = {3.0f, 2.0f, 1.5f, 1.0f, 0.5f};
  // END GENERATED: field_weights
  // A query word also matches the words of the same Snowball English stem (never in author
  // names), and the regional spellings of a place (Kazakstan, Alma-Ata), each ranked below the
  // word itself (QUERY.md). `=word` turns both off for one word.
  bool stemming = true;
  bool name_variants = true;
};

enum class SortOrder : uint8_t { relevance = 0, date_desc = 1, date_asc = 2 };

struct SearchOptions {
  uint32_t limit = 10;
  uint32_t offset = 0;
  SortOrder sort = SortOrder::relevance;
  bool facets = false;
  bool snippets = true;
  uint32_t snippet_bytes = 200;  // target snippet length
  bool suggest = false;          // "did you mean": SearchResults::suggestions (suggest.cpp)
  bool explain = false;          // per-hit score breakdown: SearchResults::explain (explain.cpp)
  // One hit per group of versions (an excerpt or teaser and its full article; versions.hpp): the
  // best-ranked member; total and facets count the groups.
  bool collapse_versions = false;
};

struct Highlight {
  uint32_t start = 0;  // byte offsets into the article text (Article::text)
  uint32_t end = 0;
};

struct Hit {
  uint32_t article = 0;  // index into Index::store().articles
  double score = 0;
  uint32_t snippet_start = 0;  // byte range of the snippet in the article text
  uint32_t snippet_end = 0;
  uint32_t highlight_begin = 0;  // [begin, begin+count) into SearchResults::highlights
  uint32_t highlight_count = 0;
  uint32_t explain_begin = 0;  // [begin, begin+count) into SearchResults::explain
  uint32_t explain_count = 0;
};

// A corrected query for a query word with no or few hits, and how many articles it matches.
struct Suggestion {
  std::string query;
  uint64_t total = 0;
};

// One query element's share of a hit's score in one field (BM25F). An element (a word, a phrase,
// a NEAR group) scores idf * T * (k1 + 1) / (T + k1), T = sum over fields of weight * tf /
// length_norm; that score is shared among its fields in proportion to weight * tf / length_norm,
// so the contributions of a hit add up to its score.
struct ExplainPart {
  std::string element;  // the element as a query: pipeline, "border talks", title:gas*
  Field field = Field::title;
  double tf = 0;           // occurrences in the field (phrase/NEAR matches for a group)
  double idf = 0;          // of the element over the whole index
  double length_norm = 0;  // 1 - b + b * field length / average field length
  double weight = 0;       // the field's weight
  double contribution = 0;
};

// An indexed term and the number of live articles containing it (completions).
struct TermCount {
  std::string term;
  uint64_t docs = 0;
};

// author: one value per person (people, not spellings), shown as the person's most frequent
// spelling among the hits. country: the countries of the region the hits are about (gazetteer.hpp).
// BEGIN GENERATED: facets (tools/gen_tables.py; edit core/tables, not this)
enum class FacetKind : uint8_t { author = 0, year = 1, kind = 2, category = 3, country = 4 };
constexpr int kFacetKindCount = 5;
// END GENERATED: facets

struct FacetValue {
  std::string value;  // author name, "2003", "article", "Field Reports", "Kazakhstan"
  uint64_t count = 0;
};

struct SearchResults {
  uint64_t total = 0;  // exact number of matching articles
  std::vector<Hit> hits;
  std::vector<Highlight> highlights;
  std::vector<FacetValue> facets[kFacetKindCount];  // sorted by count desc, then value asc
  std::vector<Suggestion> suggestions;              // SearchOptions::suggest; best first
  std::vector<ExplainPart> explain;                 // SearchOptions::explain
  void clear();
};

struct QueryError {
  uint32_t offset = 0;  // byte offset into the query
  std::string message;
};

// What Index::save writes.
struct SaveOptions {
  // false: a search-only file. Articles keep their metadata, title, authors and links, but not the
  // lead, section and bio paragraphs (flag_text_omitted is set on them once loaded). Searches of
  // the loaded index give the same hits, totals, scores and facets; snippets are empty.
  bool store_text = true;
  // 0 or 1: the stored text is compressed on the calling thread. N > 1: on up to N threads,
  // started and joined inside save (never left running); the file is the same byte for byte.
  unsigned threads = 0;
};

class IndexImpl;

// Where Index::save_to streams an index file. write() returns false on failure (saving stops
// with eio).
class ByteSink {
public:
  virtual ~ByteSink() = default;
  virtual bool write(const char *data, size_t n) = 0;
};

class Index {
public:
  Index();
  explicit Index(const IndexOptions &opts);
  ~Index();
  Index(Index &&) noexcept;
  Index &operator=(Index &&) noexcept;

  const IndexOptions &options() const;
  // Replaces the ranking options (k1, b, field weights): they apply at search time, so no
  // re-indexing is needed. Saved with the index.
  void set_options(const IndexOptions &opts);

  // Adds every live article of `src` not already present (same id). `added` may be null.
  Status add_document(const Document &src, size_t *added);
  // Same result as add_document, but `src` is consumed: into an empty index its store is adopted
  // instead of copied (no second copy of the article text); otherwise its articles are copied.
  // `src` is left empty (cleared) in every case. On enomem the index is left empty.
  Status take_document(Document &src, size_t *added);
  // take_document for an index that will be saved with `will_save` (may be null: as above). With
  // its text stored, the text is compressed into the saved file's chunks as the articles are
  // indexed (on a thread of its own when will_save->threads > 1) and freed as it goes: the index
  // then serves its text from the chunks, and a save writes them as they are.
  Status take_document(Document &src, size_t *added, const SaveOptions *will_save);
  // Adds one article (copying its content into the index's own store). Returns done if present.
  Status add_article(const ArticleStore &src, const Article &a);
  // Removes by id; enotfound if absent.
  Status remove(uint64_t id);

  size_t size() const;  // live articles
  // Stored articles (tombstoned ones have deleted == true).
  const ArticleStore &store() const;
  // Live article with this id, or nullptr.
  const Article *find(uint64_t id) const;

  // People (rules and file format in core/src/index/people.hpp): replaces the author alias table.
  // A malformed line gives einval, keeps the previous table and fills `err` (may be null) with
  // "aliases line N: ..." and the line's byte offset. An empty text clears the table.
  Status set_author_aliases(std::string_view text, QueryError *err);
  // The alias text last set (empty if none).
  const std::string &author_aliases() const;
  // The canonical key of an author name ("Dr. S. Frederick Starr" -> "frederick starr"), after
  // the alias table: two names are one person when their keys are equal.
  std::string person_key(std::string_view name) const;

  // Runs `query`. On equery fills `err` (may be null).
  Status search(std::string_view query, const SearchOptions &opts, SearchResults &out,
                QueryError *err) const;

  // Completions (complete.cpp): the indexed terms starting with the last word of `prefix` (folded
  // like a query), most frequent first (live articles containing them), at most n. A prefix that
  // ends in a space or punctuation, is empty, or is longer than kMaxCompletePrefix gives none.
  static constexpr size_t kMaxCompletePrefix = 1024;
  Status complete(std::string_view prefix, size_t n, std::vector<TermCount> &out) const;
  // More like this (related.cpp): up to n live articles sharing the top tf-idf terms of article
  // `id`, best first, never the article itself nor another copy of it (same title and first
  // author). `out.total` is the number of articles sharing any of those terms. enotfound if `id`
  // is not a live article.
  Status related(uint64_t id, size_t n, SearchResults &out) const;

  // Index file: versioned, checksummed, little-endian (layout: src/index/index_file.hpp). save()
  // appends to `out`; save_to() streams it. An opened index saved unchanged writes its own bytes.
  Status save(std::string &out, const SaveOptions &opts = SaveOptions()) const;
  Status save_to(ByteSink &sink, const SaveOptions &opts = SaveOptions()) const;
  // Loads from bytes, copied once (`bytes` need not outlive the call). ecorrupt / eversion with a
  // message in `err` (may be null). Format 3 is then read in place from the copy: terms, postings
  // and article text are decoded when a search or a reader needs them.
  static Status load(std::string_view bytes, Index &out, std::string *err);
  // The same without the copy: `bytes` must stay valid and unchanged until `out` is destroyed or
  // loaded again.
  static Status load_view(std::string_view bytes, Index &out, std::string *err);
  // Maps the file at `path` (read-only) and reads it in place. enotfound / eio for a file that
  // cannot be read, then as load().
  static Status open_file(const std::string &path, Index &out, std::string *err);
  // Checks every byte of an opened file that opening left for later (posting pages, text
  // chunks, term order): ok, or ecorrupt with a message. Other indexes are always ok.
  Status verify(std::string *err) const;

private:
  std::unique_ptr<IndexImpl> impl_;
};

// Reference tokenizer, shared by index and query: Unicode letters/digits runs, full case folding,
// diacritics removed, NFKC-compatible. Appends (term, byte_start, byte_end) for each token of
// `text`.
struct Token {
  std::string term;
  uint32_t start = 0;
  uint32_t end = 0;
};
void tokenize(std::string_view text, std::vector<Token> &out);

}  // namespace caci
