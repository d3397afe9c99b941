// Writes one article at a time into the document's store: normalised text into `body` in article
// order (title, lead, sections, bio), metadata into `meta`. On close the content id is computed
// and a duplicate is merged into its first occurrence, rolling the store back so that memory does
// not grow with repeated entries.
#pragma once

#include "byline.hpp"
#include "caci/core/article.hpp"
#include "caci/core/normalize.hpp"
#include "caci/core/status.hpp"
#include "page.hpp"

#include <string_view>

namespace caci {
namespace parse {

class Builder {
public:
  enum class Part : uint8_t { lead, section, bio };

  Builder(Document &doc, Scratch &s, uint32_t file);

  bool is_open() const { return open_; }
  bool has_authors() const { return a_.authors.count != 0; }
  bool has_body() const { return paragraphs_ != 0 || a_.links.count != 0; }
  bool has_date() const { return a_.date.known(); }
  bool has_title() const { return !a_.title.empty(); }
  bool has_outlet() const { return !a_.outlet.empty(); }
  DateSource date_source() const { return a_.date_source; }
  bool has_photo() const { return !a_.photo_credit.empty(); }
  bool is_digest() const { return a_.kind == ArticleKind::digest; }
  Part part() const { return part_; }
  Status status() const { return status_; }
  uint32_t flags() const { return a_.flags; }

  void open(uint64_t start, uint32_t line, ArticleKind kind, Category category);
  void title(std::string_view text);
  void authors(const Byline &b);
  void date(Date d, DateSource source, uint32_t extra_flags = 0);
  void outlet(std::string_view text);
  void paragraph(std::string_view text);
  void section(SectionKind kind, std::string_view heading, std::string_view first);
  void bio(std::string_view first);
  void link(std::string_view title);
  void photo(std::string_view credit);
  void add_flags(uint32_t f) { a_.flags |= f; }
  void set_category(Category c) { a_.category = c; }
  Category category() const { return a_.category; }
  // Marks [line start, line next) as part of the article span.
  void extend(uint64_t next) { last_end_ = next; }
  // Finishes the article. Returns the number of trailing bytes (blank lines after the last content
  // line, up to `at`) that the caller counts as boilerplate.
  // `header_date` (with its source) dates an entry that has no date of its own.
  uint64_t close(uint64_t at, Date header_date, DateSource header_source);

private:
  bool append_text(std::string &buf, std::string_view in, TextRef *out);
  void push_paragraph(TextRef r);
  void finish_kind();
  void title_from_link();
  void infer_category();
  void rollback();

  Document &doc_;
  ArticleStore &st_;
  Scratch &s_;
  uint32_t file_;
  NormalizeOptions nopt_;
  Status status_ = Status::ok;
  bool open_ = false;
  Article a_;
  Part part_ = Part::lead;
  uint32_t paragraphs_ = 0;
  uint64_t start_ = 0, last_end_ = 0;
  uint32_t line_ = 0;
  size_t body0_ = 0, meta0_ = 0, par0_ = 0, auth0_ = 0, hon0_ = 0, sec0_ = 0, link0_ = 0;
};

}  // namespace parse
}  // namespace caci
