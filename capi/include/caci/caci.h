/**
 * @file caci.h
 * @brief libcaci: parse, normalise and search the Central Asia-Caucasus Analyst text archive.
 *
 * The only header an application includes. Conventions:
 * - Every fallible call returns a ::caci_status (CACI_OK == 0, errors negative, pinned values).
 * - Handles are opaque, made by one constructor and released by one `_free` that accepts NULL.
 * - Text goes in as pointer + length (NUL bytes allowed) and comes out as borrowed ::caci_str views
 *   whose lifetime each function states. A ::caci_str with ptr == NULL means "null" (absent).
 * - All offsets are byte offsets: into the caller's input for sources and diagnostics, into the
 *   article text (caci_article_text()) for snippets and highlights.
 * - The library never prints, never aborts and reports out-of-memory as CACI_ENOMEM.
 * - Threads: distinct handles can be used from distinct threads. One index can be searched from
 *   many threads at once: caci_index_search(), the caci_results_* and caci_article_* getters of
 *   its articles and caci_index_error() (which reports the calling thread's last query error) only
 *   read the index. Everything else that takes a caci_index or caci_doc (adding, removing,
 *   loading into, saving, caci_index_article_json()) needs the handle to itself: no search may
 *   run on the index meanwhile. A caci_results belongs to the thread that uses it. One document's
 *   JSON can be written on many threads at once: caci_doc_json_split() and
 *   caci_doc_to_json_range() only read the document.
 */
#ifndef CACI_H
#define CACI_H

#include <stddef.h>
#include <stdint.h>

#include "caci/caci_export.h"
#include "caci/caci_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ===================================================================================== Version */

/** Runtime version, CACI_VERSION_NUMBER of the library actually linked
 * (major*10000+minor*100+patch). Compare with the header's CACI_VERSION_NUMBER at startup to detect
 * a mismatched library. */
CACI_API uint32_t caci_version_number(void);
/** Runtime version string, e.g. "1.0.0". Static storage. */
CACI_API const char *caci_version_string(void);
/** Unicode version of the normaliser and tokenizer, e.g. "15.0.0". Static storage. */
CACI_API const char *caci_unicode_version(void);

/* ====================================================================================== Status */

typedef int caci_status;
/* BEGIN GENERATED: status (tools/gen_tables.py; edit core/tables, not this) */
#define CACI_OK 0
#define CACI_DONE 1          /**< nothing (more) to do; not an error */
#define CACI_EINVAL (-1)     /**< invalid argument: NULL handle, index out of range, bad version */
#define CACI_ENOMEM (-2)     /**< out of memory; the handle is left in its previous valid state */
#define CACI_EIO (-3)        /**< a file could not be read or written */
#define CACI_EUTF8 (-4)      /**< invalid UTF-8 under CACI_PARSE_STRICT */
#define CACI_ECORRUPT (-5)   /**< index bytes truncated, checksum mismatch or invalid structure */
#define CACI_EVERSION (-6)   /**< unsupported index format or options version */
#define CACI_EQUERY (-7)     /**< malformed query; see caci_index_error() */
#define CACI_EBUFS (-8)      /**< caller buffer too small */
#define CACI_ENOTFOUND (-9)  /**< no such article */
#define CACI_ERANGE (-10)    /**< input exceeds a format limit (e.g. 4 GiB of text) */
#define CACI_EINTERNAL (-11) /**< internal error (a bug); the handle stays usable */
/* END GENERATED: status */

/** Static name of a status ("CACI_OK", "CACI_EQUERY", ...); "CACI_UNKNOWN" otherwise. */
CACI_API const char *caci_status_str(caci_status status);

/** Borrowed UTF-8 text. ptr == NULL means null/absent; len excludes any terminator. */
typedef struct caci_str {
  const char *ptr;
  size_t len;
} caci_str;

/* ===================================================================================== Options */

#define CACI_PARSE_OPTIONS_VERSION 1
#define CACI_PARSE_STRICT 0x1u      /**< invalid UTF-8 makes caci_doc_parse() return CACI_EUTF8 */
#define CACI_PARSE_FOLD_QUOTES 0x2u /**< fold typographic quotes and apostrophes to ASCII */

/** Parse options. Initialise with CACI_PARSE_OPTIONS_INIT or caci_parse_options_init(); fields are
 *  only ever appended in later versions. */
typedef struct caci_parse_options {
  uint32_t version; /**< CACI_PARSE_OPTIONS_VERSION */
  uint32_t flags;   /**< CACI_PARSE_* bits */
} caci_parse_options;
#define CACI_PARSE_OPTIONS_INIT                                                                    \
  { CACI_PARSE_OPTIONS_VERSION, 0u }
/** Fills defaults for `version`. CACI_EINVAL if opts is NULL, CACI_EVERSION if unknown. */
CACI_API caci_status caci_parse_options_init(caci_parse_options *opts, uint32_t version);

/* ==================================================================================== Document */

/** A set of parsed pages: articles (duplicates merged), diagnostics and statistics. */
typedef struct caci_doc caci_doc;
/** An article, owned by a caci_doc or a caci_index. */
typedef struct caci_article caci_article;

/** Creates an empty document. opts may be NULL (defaults). CACI_EINVAL, CACI_EVERSION, CACI_ENOMEM.
 */
CACI_API caci_status caci_doc_new(const caci_parse_options *opts, caci_doc **out);
/** Frees the document and everything borrowed from it. Accepts NULL. */
CACI_API void caci_doc_free(caci_doc *doc);
/** Removes all content, keeping allocated memory for reuse. Invalidates borrowed views. */
CACI_API void caci_doc_clear(caci_doc *doc);

/**
 * Parses one archive page and appends its articles and diagnostics; articles equal to earlier ones
 * (same id) are merged as duplicates. Never fails on content: unrecognised bytes become
 * `unclassified` diagnostics. file_name (may be NULL with len 0) names the source in output.
 * Returns CACI_OK; CACI_EUTF8 under CACI_PARSE_STRICT when the page had invalid UTF-8 (the page is
 * still parsed, with U+FFFD); CACI_EINVAL, CACI_ERANGE, CACI_ENOMEM.
 * Invalidates views and article pointers previously borrowed from doc.
 */
CACI_API caci_status caci_doc_parse(caci_doc *doc, const char *file_name, size_t file_name_len,
                                    const char *bytes, size_t len);

/**
 * Sizes doc for about input_bytes more bytes of pages, so parsing them grows no buffer (and, on
 * Linux, the text lands in huge pages): a hint for callers that know their input's size, such as
 * the CLI, which adds up its files' sizes first. Parsing is correct without it. CACI_EINVAL (NULL
 * doc), CACI_ERANGE (over 4 GiB, more than a document holds), CACI_ENOMEM (doc unchanged).
 */
CACI_API caci_status caci_doc_reserve(caci_doc *doc, uint64_t input_bytes);

/**
 * Maps up to max_bytes more of the memory the last caci_doc_reserve() set aside for the text, so
 * that the parser writes to pages that are already there instead of faulting each fresh one in (on
 * some virtual machines that zeroing costs as much as the parsing). Each call goes on where the
 * last one stopped, in 2 MiB steps; returns the bytes it covered, 0 once nothing is left (or NULL
 * doc, or not Linux, or a kernel without MADV_POPULATE_WRITE). A hint, like caci_doc_reserve():
 * blocking, for as long as the kernel takes. It neither reads nor changes the document's content,
 * so it may run on another thread while that thread's caller parses into doc (the CLI's page
 * reader calls it while it waits for the parser); it must not run concurrently with itself,
 * caci_doc_reserve(), caci_doc_clear() or caci_doc_free(). The library starts no thread.
 */
CACI_API size_t caci_doc_prefault(caci_doc *doc, size_t max_bytes);

/**
 * Appends src's pages to dst, after dst's own, and empties src (as caci_doc_clear()): dst ends up
 * as if every page had been parsed into it in that order. Its articles, their duplicates and
 * versions, its diagnostics (file, line, column, message), statistics and JSON are those of the
 * single parse: an article of src equal to one of dst is merged into dst's, with the `duplicate`
 * warning the single parse gives it, and versions are linked across both. So pages may be parsed
 * in consecutive runs, one document per run, each on a thread of its own, and the runs appended in
 * page order. src must have been filled by caci_doc_parse(), caci_doc_add_io_error() and
 * caci_doc_append(), with the same parse options as dst. Invalidates views and article pointers
 * borrowed from either document. CACI_EINVAL (NULL, dst == src, different options), CACI_ERANGE
 * (the result over a document's 32-bit offsets), CACI_ENOMEM; on error both documents are
 * unchanged. Single-threaded itself; dst and src must not be in use on another thread during the
 * call.
 */
CACI_API caci_status caci_doc_append(caci_doc *dst, caci_doc *src);

/**
 * Records that a file could not be read, as an error diagnostic with code "io_error", line and
 * column 0 (the whole file), so the document's output names every input, read or not. For callers
 * that read files themselves (the CLI). file_name and message may be NULL with length 0.
 * CACI_EINVAL, CACI_ERANGE, CACI_ENOMEM (the document is then unchanged).
 * Invalidates views previously borrowed from doc.
 */
CACI_API caci_status caci_doc_add_io_error(caci_doc *doc, const char *file_name,
                                           size_t file_name_len, const char *message,
                                           size_t message_len);

/** Number of articles (distinct; duplicates are merged). 0 for NULL. */
CACI_API size_t caci_doc_article_count(const caci_doc *doc);
/** The i-th article, or NULL when out of range. Valid until the next parse/clear/free of doc. */
CACI_API const caci_article *caci_doc_article(const caci_doc *doc, size_t i);

#define CACI_SEVERITY_WARNING 0
#define CACI_SEVERITY_ERROR 1

/** One diagnostic. Views are valid until the next parse/clear/free of the document. */
typedef struct caci_diagnostic {
  caci_str file;
  uint32_t line;   /**< 1-based */
  uint32_t column; /**< 1-based byte column */
  uint64_t byte_start;
  uint64_t byte_end;
  int severity;  /**< CACI_SEVERITY_* */
  caci_str code; /**< "invalid_utf8", "unclassified", ... (static) */
  caci_str message;
} caci_diagnostic;

CACI_API size_t caci_doc_diagnostic_count(const caci_doc *doc);
/** Fills *out with the i-th diagnostic. CACI_EINVAL if NULL or out of range. */
CACI_API caci_status caci_doc_diagnostic(const caci_doc *doc, size_t i, caci_diagnostic *out);

/** Byte accounting. bytes == bytes_articles + bytes_boilerplate + bytes_unclassified. */
typedef struct caci_stats {
  uint64_t bytes;
  uint64_t articles;
  uint64_t duplicates;
  uint64_t bytes_articles;
  uint64_t bytes_boilerplate;
  uint64_t bytes_unclassified;
} caci_stats;
/** CACI_EINVAL if an argument is NULL. */
CACI_API caci_status caci_doc_stats(const caci_doc *doc, caci_stats *out);

#define CACI_JSON 0  /**< one document: {"schema", "articles", "diagnostics", "stats"} */
#define CACI_JSONL 1 /**< one article object per line */
/** Serialises the document to the caci-archive/1 JSON contract. *out is valid until the next call
 *  on doc. CACI_EINVAL, CACI_ENOMEM. */
CACI_API caci_status caci_doc_to_json(caci_doc *doc, int format, caci_str *out);
/**
 * The same JSON in pieces, for writing it out as it is produced instead of holding all of it (a
 * 160 MB archive's JSON is ~165 MB). Set *cursor = 0, then call until out->len == 0 (done;
 * *cursor is unchanged from then on). Each piece holds whole articles (diagnostics), about 1 MB;
 * it is valid until the next call on doc. The concatenated pieces equal caci_doc_to_json()'s output
 * as long as doc does not change in between. CACI_EINVAL (NULL argument, unknown format, a cursor
 * that no call returned), CACI_ENOMEM.
 */
CACI_API caci_status caci_doc_to_json_next(caci_doc *doc, int format, uint64_t *cursor,
                                           caci_str *out);
/**
 * For producing one document's JSON on several threads: cuts the pieces of caci_doc_to_json_next()
 * into `parts` ranges of about equal size (estimated from the articles' text), as parts + 1
 * cursors written to cursors[0..parts]: range i runs from cursors[i] to cursors[i + 1], cursors[0]
 * is 0 and cursors[parts] the end. A range may be empty. Reads doc only. CACI_EINVAL (NULL
 * argument, parts 0 or over 1,048,576, unknown format).
 */
CACI_API caci_status caci_doc_json_split(const caci_doc *doc, int format, size_t parts,
                                         uint64_t *cursors);
/**
 * caci_doc_to_json_next() for one range of caci_doc_json_split(): the next piece from *cursor,
 * none past `end`; out->len == 0 once the range is done. The piece is in a buffer of the calling
 * thread's own, valid until the same thread's next call of this function (the buffer lives until
 * the thread exits). The call only reads doc: several threads may write ranges of one document at
 * once, as long as nothing changes the document meanwhile. The ranges' pieces, in order, equal
 * caci_doc_to_json()'s output. CACI_EINVAL (NULL argument, unknown format, a cursor or end that
 * no call returned, end before *cursor), CACI_ENOMEM.
 */
CACI_API caci_status caci_doc_to_json_range(const caci_doc *doc, int format, uint64_t *cursor,
                                            uint64_t end, caci_str *out);

/* ===================================================================================== Article */
/* Getters never fail: a NULL article or an index out of range yields 0 / a null caci_str. */

/* BEGIN GENERATED: article_kinds (tools/gen_tables.py; edit core/tables, not this) */
#define CACI_KIND_ARTICLE 0
#define CACI_KIND_EXCERPT 1
#define CACI_KIND_TEASER 2
#define CACI_KIND_DIGEST 3
/* END GENERATED: article_kinds */

/* BEGIN GENERATED: section_kinds (tools/gen_tables.py; edit core/tables, not this) */
#define CACI_SECTION_BACKGROUND 0
#define CACI_SECTION_IMPLICATIONS 1
#define CACI_SECTION_CONCLUSIONS 2
/* END GENERATED: section_kinds */

/* BEGIN GENERATED: flags (tools/gen_tables.py; edit core/tables, not this) */
/** E-mail cloaking text dropped. */
#define CACI_FLAG_EMAIL_REDACTED 0x1u
/** Backslash escapes undone. */
#define CACI_FLAG_UNESCAPED 0x2u
/** The byline was glued to the previous paragraph. */
#define CACI_FLAG_GLUED_BYLINE 0x4u
/** U+FFFD replaced invalid bytes inside the article. */
#define CACI_FLAG_INVALID_UTF8 0x8u
/** The text was not NFC in the input. */
#define CACI_FLAG_NFC_CHANGED 0x10u
/** The date came from a weekday group header. */
#define CACI_FLAG_DATE_FROM_HEADER 0x20u
/** The day/month order could not be confirmed. */
#define CACI_FLAG_DATE_AMBIGUOUS 0x40u
/** An excerpt cut off (old listing pages). */
#define CACI_FLAG_TRUNCATED 0x80u
/** Typographic quotes folded to ASCII (CACI_PARSE_FOLD_QUOTES). */
#define CACI_FLAG_QUOTES_FOLDED 0x100u
/** The article came from an index saved with CACI_SAVE_OMIT_TEXT: it has its metadata, title,
 *  authors, links and photo credit, but no lead, sections or bio (counts 0), an empty text and
 *  empty snippets. */
#define CACI_FLAG_TEXT_OMITTED 0x200u
/** "By empty (...)": the site printed this placeholder for unsigned items; the entry has no
 *  authors. */
#define CACI_FLAG_PLACEHOLDER_AUTHOR 0x400u
/** The category was inferred from the BACKGROUND / IMPLICATIONS structure, not read from a line. */
#define CACI_FLAG_CATEGORY_INFERRED 0x800u
/** A lone Windows-1252 byte (0x92 and friends) was decoded as its character. */
#define CACI_FLAG_CP1252_DECODED 0x1000u
/** UTF-8 that had been read as Windows-1252 and saved again was repaired. */
#define CACI_FLAG_MOJIBAKE_REPAIRED 0x2000u
/** The title is the title of the entry's PDF link (a teaser with no other title). */
#define CACI_FLAG_TITLE_FROM_LINK 0x4000u
/* END GENERATED: flags */

/** Where an article's date came from (caci_article_date_source). */
/* BEGIN GENERATED: date_sources (tools/gen_tables.py; edit core/tables, not this) */
/** No date. */
#define CACI_DATE_SOURCE_NONE 0
/** "(4/24/2002 issue of the CACI Analyst)". */
#define CACI_DATE_SOURCE_BYLINE 1
/** A date line under the byline ("January 29, 2025"). */
#define CACI_DATE_SOURCE_DATE_LINE 2
/** A weekday group header above the entry ("Wednesday, 14 August 2002"). */
#define CACI_DATE_SOURCE_HEADER 3
/** A front page's issue header ("VOL. 15 NO 9, 07 May 2013"). */
#define CACI_DATE_SOURCE_ISSUE_HEADER 4
/** A News Digest heading ("29 September 2010 News Digest"). */
#define CACI_DATE_SOURCE_DIGEST_HEADING 5
/* END GENERATED: date_sources */

/** Date; year == 0 with month != 0 is a partial date (no year); month == 0 means no date. */
typedef struct caci_date {
  int32_t year;
  int32_t month;
  int32_t day;
} caci_date;

/** Where an article (or a duplicate of it) is in its input. */
typedef struct caci_source {
  caci_str file;
  uint32_t line;
  uint64_t byte_start;
  uint64_t byte_end;
} caci_source;

/** Content id (hash of the normalised content, stable across runs and machines). */
CACI_API uint64_t caci_article_id(const caci_article *a);
/** Writes the id as 16 lowercase hex digits plus a NUL into out (17 bytes). */
CACI_API void caci_id_format(uint64_t id, char out[17]);
CACI_API int caci_article_kind(const caci_article *a);
/** "article", "excerpt", "teaser", "digest"; NULL if unknown. Static. */
CACI_API const char *caci_kind_name(int kind);
/** "Analytical Articles", "Field Reports", "News Digest", or null. */
CACI_API caci_str caci_article_category(const caci_article *a);
CACI_API caci_str caci_article_title(const caci_article *a);
CACI_API caci_date caci_article_date(const caci_article *a);
/** CACI_DATE_SOURCE_*: which line of the page the date was read from. */
CACI_API int caci_article_date_source(const caci_article *a);
/** "byline", "date_line", "header", "issue_header", "digest_heading"; NULL for none or unknown.
 * Static. */
CACI_API const char *caci_date_source_name(int source);
/** Where a sister-site publication appeared ("The National Interest"); null if none. */
CACI_API caci_str caci_article_outlet(const caci_article *a);
/** The countries of the region the article is about, most prominent first: a country named (or
 *  one of its places: capital, cities, old names and transliterations) in the title, or named
 *  often in the text. Writes up to `capacity` static names ("Kazakhstan") to names_out (which may
 *  be NULL when capacity is 0) and returns how many there are (at most 15). Computed from the
 *  article's text on each call. */
CACI_API size_t caci_article_countries(const caci_article *a, const char **names_out,
                                       size_t capacity);
CACI_API size_t caci_article_author_count(const caci_article *a);
CACI_API caci_str caci_article_author_name(const caci_article *a, size_t i);
/** Affiliation or location after the name; null if none. */
CACI_API caci_str caci_article_author_affiliation(const caci_article *a, size_t i);
CACI_API size_t caci_article_author_honorific_count(const caci_article *a, size_t i);
CACI_API caci_str caci_article_author_honorific(const caci_article *a, size_t i, size_t j);
CACI_API size_t caci_article_lead_count(const caci_article *a);
CACI_API caci_str caci_article_lead(const caci_article *a, size_t i);
CACI_API caci_str caci_article_photo_credit(const caci_article *a);
CACI_API size_t caci_article_section_count(const caci_article *a);
/** CACI_SECTION_*, or -1 when out of range. */
CACI_API int caci_article_section_kind(const caci_article *a, size_t i);
CACI_API caci_str caci_article_section_heading(const caci_article *a, size_t i);
CACI_API size_t caci_article_section_paragraph_count(const caci_article *a, size_t i);
CACI_API caci_str caci_article_section_paragraph(const caci_article *a, size_t i, size_t j);
CACI_API size_t caci_article_bio_count(const caci_article *a);
CACI_API caci_str caci_article_bio(const caci_article *a, size_t i);
CACI_API size_t caci_article_link_count(const caci_article *a);
/** Title of the i-th link (the PDF paper a teaser points to). */
CACI_API caci_str caci_article_link_title(const caci_article *a, size_t i);
CACI_API uint32_t caci_article_flags(const caci_article *a);
/** Name of one CACI_FLAG_* bit ("email_redacted", ...), NULL if unknown. Static. */
CACI_API const char *caci_flag_name(uint32_t flag);
CACI_API caci_source caci_article_source(const caci_article *a);
CACI_API size_t caci_article_duplicate_count(const caci_article *a);
CACI_API caci_source caci_article_duplicate(const caci_article *a, size_t i);
/** Versions: the other entries of the same document or index that are versions of this article
 *  (the full article an excerpt or teaser was cut from, and its other excerpts and teasers; the
 *  full article first). Linked when a page is parsed or a document added, by a conservative rule:
 *  the same person, dates that do not disagree, and a text prefix or the same title (README
 *  "Versions"). Same author and date alone never link. */
CACI_API size_t caci_article_version_count(const caci_article *a);
/** The i-th version (owned like a), NULL if out of range. */
CACI_API const caci_article *caci_article_version(const caci_article *a, size_t i);
/** The article text: title, lead, section and bio paragraphs, each followed by '\n'. Snippet and
 *  highlight offsets are byte offsets into it. */
CACI_API caci_str caci_article_text(const caci_article *a);

/* ======================================================================================= Index */

typedef struct caci_index caci_index;

/* BEGIN GENERATED: fields (tools/gen_tables.py; edit core/tables, not this) */
#define CACI_FIELD_TITLE 0    /**< title: default weight 3 */
#define CACI_FIELD_AUTHORS 1  /**< author:, authors: default weight 2 */
#define CACI_FIELD_LEAD 2     /**< lead: default weight 1.5 */
#define CACI_FIELD_SECTIONS 3 /**< sections:, section: default weight 1 */
#define CACI_FIELD_BIO 4      /**< bio: default weight 0.5 */
#define CACI_FIELD_COUNT 5
/* END GENERATED: fields */

/** Version 2 appended `flags`; version 1 callers (without it) are still accepted. */
#define CACI_INDEX_OPTIONS_VERSION 2
/** A query word matches only its own form, not the others of its Snowball English stem. */
#define CACI_INDEX_NO_STEMMING 0x1u
/** A place name matches only its own spelling, not its regional variants (Kazakstan, Alma-Ata). */
#define CACI_INDEX_NO_NAME_VARIANTS 0x2u
/** BM25 parameters, per-field weights and query expansion switches. */
typedef struct caci_index_options {
  uint32_t version;                      /**< CACI_INDEX_OPTIONS_VERSION */
  float k1;                              /**< default 1.2 */
  float b;                               /**< default 0.75 */
  float field_weights[CACI_FIELD_COUNT]; /**< default title 3, authors 2, lead 1.5, sections 1, bio
                                            0.5 */
  uint32_t flags; /**< version 2: CACI_INDEX_NO_* bits, default 0 (stemming and name variants on;
                       the query language's `=word` turns both off for one word) */
} caci_index_options;
/** Fills defaults; for version 1, only the fields version 1 has. CACI_EINVAL, CACI_EVERSION. */
CACI_API caci_status caci_index_options_init(caci_index_options *opts, uint32_t version);

/** Creates an empty index; opts may be NULL. CACI_EINVAL, CACI_EVERSION, CACI_ENOMEM. */
CACI_API caci_status caci_index_new(const caci_index_options *opts, caci_index **out);
/** Frees the index. Accepts NULL. Results from it must be freed first. */
CACI_API void caci_index_free(caci_index *index);
/** Adds every article of doc not already in the index (by id); the index copies what it needs, so
 *  doc may be freed afterwards. added_out (may be NULL) receives the number added. */
CACI_API caci_status caci_index_add_doc(caci_index *index, const caci_doc *doc, size_t *added_out);
/** caci_index_add_doc() for a document that is no longer needed: into an empty index the parsed
 *  text is adopted rather than copied (faster, half the memory). Afterwards doc is empty, as after
 *  caci_doc_clear() (every view and article pointer from it is invalid), and must still be freed.
 *  On CACI_ENOMEM the index is left empty. */
CACI_API caci_status caci_index_take_doc(caci_index *index, caci_doc *doc, size_t *added_out);
/** Removes the article with this id. CACI_ENOTFOUND if absent. */
CACI_API caci_status caci_index_remove(caci_index *index, uint64_t id);
/** Number of live articles. */
CACI_API size_t caci_index_article_count(const caci_index *index);
/** Stored article by id, or NULL. Valid until the index is modified or freed. */
CACI_API const caci_article *caci_index_find(const caci_index *index, uint64_t id);
/** Serialises the index (versioned, checksummed, little-endian). *out is valid until the next call
 *  on index. CACI_EINVAL, CACI_ENOMEM. */
CACI_API caci_status caci_index_save(caci_index *index, caci_str *out);
#define CACI_SAVE_OMIT_TEXT                                                                        \
  0x1u /**< search-only file: no lead/section/bio text (see CACI_FLAG_TEXT_OMITTED) */

#define CACI_SAVE_OPTIONS_VERSION 2
/** What caci_index_save_with() and caci_index_save_to() write, and how. Version 1 (still
 *  accepted) ends after flags. */
typedef struct caci_save_options {
  uint32_t version; /**< CACI_SAVE_OPTIONS_VERSION (or 1) */
  uint32_t flags;   /**< CACI_SAVE_*; default 0 (everything, like caci_index_save) */
  /** Since version 2. Threads that compress the stored article text: 0 or 1 (the default) = on
   *  the calling thread; N > 1 = on up to N threads, started and joined inside the call (none is
   *  left running; one that cannot start leaves its work to the others and the calling thread).
   *  The file is byte for byte the same whatever the count. */
  uint32_t threads;
} caci_save_options;
#define CACI_SAVE_OPTIONS_INIT                                                                     \
  { CACI_SAVE_OPTIONS_VERSION, 0u, 0u }
/** Fills defaults; for version 1, only the fields version 1 has. CACI_EINVAL, CACI_EVERSION. */
CACI_API caci_status caci_save_options_init(caci_save_options *opts, uint32_t version);
/** caci_index_save() with options; opts may be NULL (defaults). With CACI_SAVE_OMIT_TEXT the file
 *  is search-only and much smaller (no article paragraphs): loaded, it gives the same hits, totals,
 *  scores and facets, with empty snippets. An index that holds such articles is saved without
 *  compaction (removed articles stay as tombstones), since their text cannot be re-indexed.
 *  CACI_EINVAL, CACI_EVERSION, CACI_ENOMEM. */
CACI_API caci_status caci_index_save_with(caci_index *index, const caci_save_options *opts,
                                          caci_str *out);
/** caci_index_take_doc() for an index that will be saved with opts (NULL: caci_index_take_doc()).
 *  Unless opts has CACI_SAVE_OMIT_TEXT, the article text is compressed into the saved file's
 *  chunks while the articles are indexed (on a thread of its own, started and joined inside the
 *  call, when opts->threads > 1) and freed as it goes, so the text is never held twice: the index
 *  then reads its text from those chunks (as an opened file does), and saving it writes them as
 *  they are. Same results and saved bytes as caci_index_take_doc(). CACI_EINVAL,
 *  CACI_EVERSION, CACI_ENOMEM (the index is then left empty). */
CACI_API caci_status caci_index_take_doc_with(caci_index *index, caci_doc *doc,
                                              const caci_save_options *opts, size_t *added_out);
/** Receives a file that caci_index_save_to() streams: its bytes in order, in pieces of any size
 *  (len > 0; data is valid only during the call). Returns 0 when all len bytes were written,
 *  nonzero on failure. userdata is the caller's pointer, passed through unchanged. */
typedef int (*caci_write_fn)(void *userdata, const void *data, size_t len);
/** caci_index_save_with() streamed: the file goes to write() piece by piece as it is produced,
 *  without the whole file in memory, so a caller writing it to a file holds no copy of it. The
 *  bytes are exactly those caci_index_save_with() returns. A nonzero return from write() stops the
 *  save with CACI_EIO at once (no further call; what write() received is an incomplete file, to be
 *  discarded); the index is unchanged either way and can be saved again. write() must not call
 *  the library on this index. opts may be NULL (defaults). CACI_EINVAL (NULL index or write),
 *  CACI_EVERSION, CACI_ENOMEM, CACI_EIO. */
CACI_API caci_status caci_index_save_to(caci_index *index, const caci_save_options *opts,
                                        caci_write_fn write, void *userdata);
/** Loads an index saved by caci_index_save() from memory (bytes are not retained). opts: NULL keeps
 *  the ranking options saved in the file; otherwise its k1, b and field weights replace them
 *  (they apply at search time: nothing is re-indexed). CACI_ECORRUPT
 *  (truncated, checksum or structure), CACI_EVERSION (format too new/old), CACI_EINVAL,
 * CACI_ENOMEM. On failure *out is NULL; the reason is available from caci_last_load_error(). */
CACI_API caci_status caci_index_load(const void *bytes, size_t len, const caci_index_options *opts,
                                     caci_index **out);
/** caci_index_load() without the copy: the index reads bytes in place (format 3: terms, postings
 *  and article text are decoded when a search or an accessor needs them). bytes must stay valid
 *  and unchanged until the index is freed. Same statuses as caci_index_load(). */
CACI_API caci_status caci_index_load_view(const void *bytes, size_t len,
                                          const caci_index_options *opts, caci_index **out);
/** Opens the index file at path (NUL-terminated) read-only and reads it in place (memory-mapped
 *  where the platform can): opening touches only the small sections, so it takes milliseconds
 *  whatever the file size. Same statuses as caci_index_load(), plus CACI_ENOTFOUND / CACI_EIO for
 *  a file that cannot be read. The file must not be rewritten in place while the index is open
 *  (caci's own outputs are replaced by rename, which is safe). */
CACI_API caci_status caci_index_open_file(const char *path, const caci_index_options *opts,
                                          caci_index **out);
/** Checks everything an opened file left for later (the checksum of every postings page and text
 *  chunk, the term order): CACI_OK, or CACI_ECORRUPT with a message in *message_out (valid until
 *  the next call on index; may be NULL). An index built in memory is always CACI_OK. */
CACI_API caci_status caci_index_verify(caci_index *index, caci_str *message_out);
/** Message of the last failed caci_index_load(), caci_index_load_view() or caci_index_open_file()
 *  on this thread (static storage, never NULL). */
CACI_API const char *caci_last_load_error(void);
/** Last error detail of the index on the calling thread (a query error): message and byte offset
 *  into the query. The message view is valid until this thread's next failed query on index. */
CACI_API caci_status caci_index_error(const caci_index *index, caci_str *message_out,
                                      size_t *offset_out);
/** Serialises one stored article to the caci-archive/1 article object. Valid until the next call on
 *  index. */
CACI_API caci_status caci_index_article_json(caci_index *index, uint64_t id, caci_str *out);

/* ------------------------------------------------------------------------------------- People */
/* An author is a person, not a spelling: names are compared by a key that folds case,
 * diacritics, honorifics, degrees and initials beside a full name ("Dr. S. Frederick Starr" =
 * "Frederick Starr", accents and case ignored; "J. Smith" and "A. Smith" stay two
 * people). The author facet counts people (shown as their most frequent spelling among the hits),
 * and `author:"Name"` matches every spelling of that person. An alias table merges what the rules
 * cannot. Its text format, one person per line:
 *
 *     # comment
 *     Erkin Akhmadov = Erkin Ahmadov
 *     Fred Starr = S. Frederick Starr = F. Starr
 */

/** Replaces the index's alias table with `text` (len bytes, UTF-8; empty clears it). It applies to
 *  searches from now on and is saved with the index. A malformed line (no '=', an empty name)
 *  gives CACI_EINVAL, keeps the previous table, and caci_index_error() gives "aliases line N: ..."
 *  with the byte offset of that line. CACI_EINVAL (NULL index, NULL text with len > 0),
 *  CACI_ERANGE (over 64 MiB), CACI_ENOMEM. */
CACI_API caci_status caci_index_set_author_aliases(caci_index *index, const char *text, size_t len);
/** The alias text last set (empty view if none); valid until the table is next set. */
CACI_API caci_str caci_index_author_aliases(const caci_index *index);
/** The person key of an author name ("frederick starr"), after the alias table: two names are one
 *  person when their keys are equal. Valid until the next call on index. CACI_EINVAL, CACI_ENOMEM.
 */
CACI_API caci_status caci_index_person_key(caci_index *index, const char *name, size_t len,
                                           caci_str *out);

/* ====================================================================================== Search */

typedef struct caci_results caci_results;

#define CACI_SORT_RELEVANCE 0
#define CACI_SORT_DATE_DESC 1
#define CACI_SORT_DATE_ASC 2

#define CACI_SEARCH_FACETS 0x1u      /**< compute facet counts over the whole hit set */
#define CACI_SEARCH_NO_SNIPPETS 0x2u /**< skip snippet generation */
/** One hit per group of versions (an excerpt or teaser and its full article, see
 *  caci_article_version()): the best-ranked member stays; the total and facets count groups. */
#define CACI_SEARCH_COLLAPSE_VERSIONS 0x4u
/** "Did you mean": for query words with no or few hits, corrected queries with their totals
 *  (caci_results_suggestion()). */
#define CACI_SEARCH_SUGGEST 0x8u
/** Per-hit score breakdown (caci_results_explain()). Costs a few searches more per query. */
#define CACI_SEARCH_EXPLAIN 0x10u

#define CACI_SEARCH_OPTIONS_VERSION 1
typedef struct caci_search_options {
  uint32_t version;       /**< CACI_SEARCH_OPTIONS_VERSION */
  uint32_t limit;         /**< hits per page; default 10 */
  uint32_t offset;        /**< hits to skip (paging); default 0 */
  uint32_t sort;          /**< CACI_SORT_*; default relevance */
  uint32_t flags;         /**< CACI_SEARCH_* */
  uint32_t snippet_bytes; /**< target snippet length; default 200 */
} caci_search_options;
#define CACI_SEARCH_OPTIONS_INIT                                                                   \
  { CACI_SEARCH_OPTIONS_VERSION, 10u, 0u, 0u, 0u, 200u }
CACI_API caci_status caci_search_options_init(caci_search_options *opts, uint32_t version);

/**
 * Runs a query (syntax: README "Query language"). opts may be NULL. On CACI_EQUERY, *out is NULL
 * and caci_index_error() gives the message and byte offset of the problem. The results borrow the
 * index: free them before modifying or freeing it. CACI_EINVAL, CACI_EQUERY, CACI_ENOMEM.
 */
CACI_API caci_status caci_index_search(caci_index *index, const char *query, size_t query_len,
                                       const caci_search_options *opts, caci_results **out);
CACI_API void caci_results_free(caci_results *results);
/** Exact number of matching articles (all pages). */
CACI_API uint64_t caci_results_total(const caci_results *results);
/** Number of hits in this page. */
CACI_API size_t caci_results_count(const caci_results *results);
/** The i-th hit's article (owned by the index), NULL if out of range. */
CACI_API const caci_article *caci_results_article(const caci_results *results, size_t i);
CACI_API double caci_results_score(const caci_results *results, size_t i);
/** Snippet of the i-th hit as a byte range [start, end) of caci_article_text(). */
CACI_API caci_status caci_results_snippet(const caci_results *results, size_t i,
                                          uint64_t *start_out, uint64_t *end_out);
CACI_API size_t caci_results_highlight_count(const caci_results *results, size_t i);
/** j-th highlighted match of the i-th hit as a byte range of caci_article_text(). */
CACI_API caci_status caci_results_highlight(const caci_results *results, size_t i, size_t j,
                                            uint64_t *start_out, uint64_t *end_out);

/* BEGIN GENERATED: facets (tools/gen_tables.py; edit core/tables, not this) */
/** One value per person, shown as their most frequent spelling among the hits. */
#define CACI_FACET_AUTHOR 0
/** Publication year. */
#define CACI_FACET_YEAR 1
/** Article kind. */
#define CACI_FACET_KIND 2
/** Category. */
#define CACI_FACET_CATEGORY 3
/** The countries the hits are about (caci_article_countries). */
#define CACI_FACET_COUNTRY 4
#define CACI_FACET_COUNT 5
/* END GENERATED: facets */
/** Number of distinct values of a facet (CACI_SEARCH_FACETS only), sorted by count desc. */
CACI_API size_t caci_results_facet_count(const caci_results *results, int facet);
/** j-th value of a facet and its count. */
CACI_API caci_status caci_results_facet(const caci_results *results, int facet, size_t j,
                                        caci_str *value_out, uint64_t *count_out);

/* ============================================ Suggestions, completions, related, explain */

/** Number of "did you mean" queries (CACI_SEARCH_SUGGEST only; 0 when every word was found in
 *  enough articles or no close indexed term is commoner), best first. */
CACI_API size_t caci_results_suggestion_count(const caci_results *results);
/** j-th suggestion: the whole query with its misspelled words corrected (operators and fields as
 *  typed) and the number of articles it matches. Views valid until the results are freed.
 *  CACI_EINVAL if an argument is NULL or j is out of range. */
CACI_API caci_status caci_results_suggestion(const caci_results *results, size_t j,
                                             caci_str *query_out, uint64_t *total_out);

/** One query element's share of a hit's score in one field (CACI_SEARCH_EXPLAIN). An element (a
 *  word, a phrase, a NEAR group) scores idf * T * (k1 + 1) / (T + k1) with T = the sum over fields
 *  of weight * tf / length_norm; that score is shared among its fields in proportion to
 *  weight * tf / length_norm, so the contributions of a hit add up to caci_results_score(). */
typedef struct caci_explain {
  caci_str element;    /**< the element as query text: pipeline, "border talks", title:gas* */
  int field;           /**< CACI_FIELD_* */
  double tf;           /**< occurrences in the field (matches, for a phrase or NEAR group) */
  double idf;          /**< inverse document frequency of the element */
  double length_norm;  /**< 1 - b + b * field length / average field length */
  double weight;       /**< the field's weight */
  double contribution; /**< this part of the hit's score */
} caci_explain;
/** Number of parts of the i-th hit's explanation (0 without CACI_SEARCH_EXPLAIN). */
CACI_API size_t caci_results_explain_count(const caci_results *results, size_t i);
/** j-th part of the i-th hit's explanation; views valid until the results are freed. CACI_EINVAL
 *  if an argument is NULL or out of range. */
CACI_API caci_status caci_results_explain(const caci_results *results, size_t i, size_t j,
                                          caci_explain *out);

/** Indexed terms with their document counts (completions). */
typedef struct caci_terms caci_terms;
/**
 * Completions: up to n indexed terms starting with the last word of prefix (folded like a query
 * word), most frequent first, with the number of live articles containing each. A prefix that is
 * empty, ends in a space or punctuation, or is over 1024 bytes, and n == 0, give an empty list
 * (CACI_OK). n is capped at 1000. Reads the index like caci_index_search() (threads alike).
 * CACI_EINVAL (NULL index or out, NULL prefix with a length), CACI_ENOMEM.
 */
CACI_API caci_status caci_index_complete(caci_index *index, const char *prefix, size_t prefix_len,
                                         size_t n, caci_terms **out);
CACI_API void caci_terms_free(caci_terms *terms);
CACI_API size_t caci_terms_count(const caci_terms *terms);
/** i-th term and its article count; the view is valid until terms is freed. CACI_EINVAL. */
CACI_API caci_status caci_terms_get(const caci_terms *terms, size_t i, caci_str *term_out,
                                    uint64_t *docs_out);

/**
 * Related articles (more like this): up to n articles sharing the top tf-idf terms of article id,
 * best first, as results (caci_results_article(), caci_results_score(); no snippets). Never the
 * article itself nor another copy of it (the same title and first author: a teaser and its full
 * text). caci_results_total() is the number of articles sharing any of those terms. n == 0 gives
 * no hits; n is capped at 1000. CACI_ENOTFOUND (no live article with that id), CACI_EINVAL,
 * CACI_ENOMEM. Reads the index like caci_index_search().
 */
CACI_API caci_status caci_index_related(caci_index *index, uint64_t id, size_t n,
                                        caci_results **out);

#ifdef __cplusplus
}
#endif

#endif /* CACI_H */
