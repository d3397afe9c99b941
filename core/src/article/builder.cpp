// Article assembly and duplicate merging.
#include "builder.hpp"

#include "id_table.hpp"
#include "lexicon.hpp"

#include <cstdio>

namespace caci {
namespace parse {

Builder::Builder(Document &doc, Scratch &s, uint32_t file)
    : doc_(doc), st_(doc.store), s_(s), file_(file) {
  nopt_.fold_quotes = (doc.options.flags & parse_fold_quotes) != 0;
  nopt_.unescape = true;
}

bool Builder::append_text(std::string &buf, std::string_view in, TextRef *out) {
  // NFC can triple a byte count at most (and the "\n" separator): refuse before offsets overflow.
  if (buf.size() + uint64_t(in.size()) * 3 + 8 > UINT32_MAX) {
    status_ = Status::erange;
    *out = TextRef();
    return false;
  }
  size_t before = buf.size();
  NormalizeReport rep;
  normalize_append(buf, in, nopt_, &rep);
  if (rep.unescaped) a_.flags |= flag_unescaped;
  if (rep.nfc_changed) a_.flags |= flag_nfc_changed;
  if (rep.quotes_folded) a_.flags |= flag_quotes_folded;
  out->offset = uint32_t(before);
  out->length = uint32_t(buf.size() - before);
  return true;
}

void Builder::open(uint64_t start, uint32_t line, ArticleKind kind, Category category) {
  open_ = true;
  a_ = Article();
  a_.store = &st_;
  a_.kind = kind;
  a_.category = category;
  part_ = Part::lead;
  paragraphs_ = 0;
  start_ = start;
  last_end_ = start;
  line_ = line;
  body0_ = st_.body.size();
  meta0_ = st_.meta.size();
  par0_ = st_.paragraphs.size();
  auth0_ = st_.authors.size();
  hon0_ = st_.honorifics.size();
  sec0_ = st_.sections.size();
  link0_ = st_.links.size();
  a_.text.offset = uint32_t(body0_);
  a_.lead.begin = a_.bio.begin = uint32_t(par0_);
  a_.authors.begin = uint32_t(auth0_);
  a_.sections.begin = uint32_t(sec0_);
  a_.links.begin = uint32_t(link0_);
}

void Builder::title(std::string_view text) {
  TextRef r;
  if (!append_text(st_.body, text, &r) || r.empty()) return;
  st_.body.push_back('\n');
  a_.title = r;
}

void Builder::authors(const Byline &b) {
  for (int i = 0; i < b.count; ++i) {
    const BylineAuthor &ba = b.authors[i];
    Author au;
    if (!append_text(st_.meta, ba.name, &au.name)) return;
    au.honorifics.begin = uint32_t(st_.honorifics.size());
    for (int k = 0; k < ba.honorific_count; ++k) {
      TextRef h;
      if (!append_text(st_.meta, ba.honorifics[k], &h)) return;
      st_.honorifics.push_back(h);
      ++au.honorifics.count;
    }
    if (!ba.affiliation.empty() && !append_text(st_.meta, ba.affiliation, &au.affiliation)) return;
    st_.authors.push_back(au);
    ++a_.authors.count;
  }
  if (b.placeholder) a_.flags |= flag_placeholder_author;
  if (b.has_date) {
    a_.date = b.date;
    a_.date_source = DateSource::byline;
    if (b.date_ambiguous) a_.flags |= flag_date_ambiguous;
  }
}

void Builder::date(Date d, DateSource source, uint32_t extra_flags) {
  a_.date = d;
  a_.date_source = source;
  a_.flags |= extra_flags;
}

void Builder::outlet(std::string_view text) {
  append_text(st_.meta, text, &a_.outlet);
}

void Builder::push_paragraph(TextRef r) {
  st_.paragraphs.push_back(r);
  ++paragraphs_;
  switch (part_) {
  case Part::lead: ++a_.lead.count; break;
  case Part::section: ++st_.sections.back().paragraphs.count; break;
  case Part::bio: ++a_.bio.count; break;
  }
}

void Builder::paragraph(std::string_view text) {
  TextRef r;
  if (!append_text(st_.body, text, &r)) return;
  if (r.empty()) return;  // whitespace only after normalisation
  st_.body.push_back('\n');
  push_paragraph(r);
}

void Builder::section(SectionKind kind, std::string_view heading, std::string_view first) {
  Section sec;
  sec.kind = kind;
  if (!append_text(st_.meta, heading, &sec.heading)) return;
  sec.paragraphs.begin = uint32_t(st_.paragraphs.size());
  st_.sections.push_back(sec);
  ++a_.sections.count;
  part_ = Part::section;
  if (!first.empty()) paragraph(first);
}

void Builder::bio(std::string_view first) {
  part_ = Part::bio;
  a_.bio.begin = uint32_t(st_.paragraphs.size());
  a_.bio.count = 0;
  if (!first.empty()) paragraph(first);
}

void Builder::link(std::string_view title) {
  Link l;
  l.kind = LinkKind::pdf;
  if (!append_text(st_.meta, title, &l.title)) return;
  st_.links.push_back(l);
  ++a_.links.count;
}

void Builder::photo(std::string_view credit) {
  append_text(st_.meta, credit, &a_.photo_credit);
}

namespace {

bool ends_sentence(std::string_view p) {
  // Strip closing quotes and brackets, then look for . ! ? or an ellipsis.
  while (!p.empty()) {
    unsigned char c = uint8_t(p.back());
    if (c == '"' || c == '\'' || c == ')') {
      p.remove_suffix(1);
    } else if (p.size() >= 3 && uint8_t(p[p.size() - 3]) == 0xE2 &&
               uint8_t(p[p.size() - 2]) == 0x80 && (c == 0x9D || c == 0x99)) {
      p.remove_suffix(3);
    } else {
      break;
    }
  }
  if (p.empty()) return false;
  char c = p.back();
  if (c == '!' || c == '?') return true;
  if (c != '.') return false;
  if (p.size() >= 3 && p.compare(p.size() - 3, 3, "...") == 0) return false;  // cut off
  // "the U." / "i.e." / "Mr.": an abbreviation, not a sentence end.
  size_t sp = p.rfind(' ');
  std::string_view last = sp == std::string_view::npos ? p : p.substr(sp + 1);
  if (last.size() == 2 && last[0] >= 'A' && last[0] <= 'Z') return false;
  return !lexicon::contains(lexicon::kAbbreviations, last);
}

}  // namespace

// A teaser with no title of its own takes its PDF's title. The title leads the article text, so it
// is inserted before the paragraphs already written, whose offsets move by its length.
void Builder::title_from_link() {
  if (!a_.title.empty() || a_.links.count == 0 || a_.kind != ArticleKind::teaser) return;
  const TextRef link = st_.links[a_.links.begin].title;
  if (link.empty()) return;
  const std::string_view title = st_.meta_text(link);  // meta: not moved by inserting into body
  if (st_.body.size() + title.size() + 1 > UINT32_MAX) return;
  st_.body.insert(a_.text.offset, 1, '\n');
  st_.body.insert(a_.text.offset, title.data(), title.size());
  const uint32_t shift = uint32_t(title.size() + 1);
  for (size_t k = par0_; k < st_.paragraphs.size(); ++k) st_.paragraphs[k].offset += shift;
  a_.title = TextRef{a_.text.offset, uint32_t(title.size())};
  a_.flags |= flag_title_from_link;
}

// An entry with the BACKGROUND / IMPLICATIONS / CONCLUSIONS structure is an Analytical Article;
// without a category line that is an inference, and it is flagged as one.
void Builder::infer_category() {
  if (a_.category != Category::none || a_.sections.count == 0) return;
  if (st_.sections[a_.sections.begin].kind != SectionKind::background) return;
  a_.category = Category::analytical_articles;
  a_.flags |= flag_category_inferred;
}

void Builder::finish_kind() {
  if (a_.kind == ArticleKind::digest) {
    if (a_.category == Category::none) a_.category = Category::news_digest;
    return;
  }
  if (a_.links.count > 0 && a_.sections.count == 0) {
    a_.kind = ArticleKind::teaser;
    return;
  }
  if (a_.category == Category::news_digest && a_.sections.count == 0) {
    a_.kind = ArticleKind::digest;  // a News Digest item signed "By empty" or by its author
    return;
  }
  if (a_.sections.count == 1 && a_.bio.count == 0 && a_.lead.count == 0) {
    const Section &sec = st_.sections[a_.sections.begin];
    if (sec.kind == SectionKind::background && sec.paragraphs.count == 1) {
      a_.kind = ArticleKind::excerpt;
      const TextRef &p = st_.paragraphs[sec.paragraphs.begin];
      if (!ends_sentence(st_.body_text(p))) a_.flags |= flag_truncated;
      return;
    }
  }
  a_.kind = ArticleKind::article;
}

void Builder::rollback() {
  st_.body.resize(body0_);
  st_.meta.resize(meta0_);
  st_.paragraphs.resize(par0_);
  st_.authors.resize(auth0_);
  st_.honorifics.resize(hon0_);
  st_.sections.resize(sec0_);
  st_.links.resize(link0_);
}

uint64_t Builder::close(uint64_t at, Date header_date, DateSource header_source) {
  if (!open_) return 0;
  open_ = false;
  uint64_t end = last_end_ > start_ ? last_end_ : start_;
  uint64_t trailing = at > end ? at - end : 0;
  if (status_ != Status::ok) {
    rollback();
    doc_.stats.bytes_unclassified += end - start_;
    add_diag(s_, DiagCode::unclassified, Severity::error, line_, 1, start_, end,
             "article dropped: text limit reached");
    return trailing;
  }
  if (!a_.date.known() && header_source != DateSource::none && header_date.known()) {
    a_.date = header_date;
    a_.date_source = header_source;
    if (header_source == DateSource::header) a_.flags |= flag_date_from_header;
  }
  finish_kind();
  infer_category();
  title_from_link();
  a_.text.length = uint32_t(st_.body.size() - a_.text.offset);
  a_.source.file = file_;
  a_.source.line = line_;
  a_.source.byte_start = start_;
  a_.source.byte_end = end;
  doc_.stats.bytes_articles += end - start_;
  if (paragraphs_ == 0 && a_.title.empty() && a_.links.count == 0 && a_.kind != ArticleKind::digest)
    add_diag(s_, DiagCode::empty_article, Severity::warning, line_, 1, start_, end,
             "entry has a byline but no text");
  a_.id = content_id(st_, a_);
  uint32_t first = find_article_id(doc_, a_.id);
  if (first != UINT32_MAX) {
    Article &orig = st_.articles[first];
    orig.duplicates.push_back(a_.source);
    rollback();
    ++doc_.stats.duplicates;
    char num[16];
    int len = std::snprintf(num, sizeof num, "%u", unsigned(orig.source.line));
    std::string &msg = s_.message;  // reused: a page of repeated entries allocates nothing here
    msg.assign("duplicate of the entry at ");
    msg.append(st_.file_name(orig.source.file));
    msg.push_back(':');
    msg.append(num, size_t(len > 0 ? len : 0));
    msg.append(", merged into it");
    add_diag(s_, DiagCode::duplicate, Severity::warning, line_, 1, start_, end, msg);
    s_.diags.back().role = PendingDiag::Role::duplicate_of;
    s_.diags.back().article = first;
    return trailing;
  }
  // Where this article's `duplicate` warning goes should it repeat an article of a document this
  // one is appended to (append.hpp): exactly where the warning above would be, were it one.
  PendingDiag slot;
  slot.line = line_;
  slot.column = 1;
  slot.byte_start = start_;
  slot.byte_end = end;
  slot.role = PendingDiag::Role::slot;
  slot.article = uint32_t(st_.articles.size());
  s_.diags.push_back(slot);
  st_.articles.push_back(a_);
  insert_article_id(doc_, a_.id, uint32_t(st_.articles.size() - 1));
  ++doc_.stats.articles;
  return trailing;
}

}  // namespace parse
}  // namespace caci
