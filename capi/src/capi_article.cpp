// Article getters. They never fail: a NULL article or an index out of range yields 0 or a null
// view. Every view points into the owning store's body/meta buffers.
#include "capi_guard.hpp"
#include "capi_handles.hpp"

#include "caci/core/gazetteer.hpp"

using caci::Article;
using caci::ArticleStore;
using caci::capi::article_of;
using caci::capi::null_str;

namespace {

// The article and its store, or nulls for a NULL / detached article.
struct Ref {
  const Article *a;
  const ArticleStore *st;
  explicit operator bool() const { return a && st; }
};
Ref ref(const caci_article *p) {
  const Article *a = article_of(p);
  return Ref{a, a ? a->store : nullptr};
}

const caci::Author *author_at(const Ref &r, size_t i) {
  if (!r || i >= r.a->authors.count) return nullptr;
  size_t k = size_t(r.a->authors.begin) + i;
  return k < r.st->authors.size() ? &r.st->authors[k] : nullptr;
}

const caci::Section *section_at(const Ref &r, size_t i) {
  if (!r || i >= r.a->sections.count) return nullptr;
  size_t k = size_t(r.a->sections.begin) + i;
  return k < r.st->sections.size() ? &r.st->sections[k] : nullptr;
}

caci_str paragraph_at(const Ref &r, caci::Range range, size_t i) {
  if (!r || i >= range.count) return null_str();
  size_t k = size_t(range.begin) + i;
  if (k >= r.st->paragraphs.size()) return null_str();
  return caci::capi::body_str(*r.st, r.st->paragraphs[k]);
}

caci_source source_of(const ArticleStore &st, const caci::SourceRef &s) {
  caci_source out;
  out.file = caci::capi::str_of(st.file_name(s.file));
  out.line = s.line;
  out.byte_start = s.byte_start;
  out.byte_end = s.byte_end;
  return out;
}

}  // namespace

extern "C" {

uint64_t caci_article_id(const caci_article *a) {
  return a ? article_of(a)->id : 0;
}

void caci_id_format(uint64_t id, char out[17]) {
  if (!out) return;
  caci::format_id(id, out);
  out[16] = '\0';
}

int caci_article_kind(const caci_article *a) {
  return a ? int(article_of(a)->kind) : 0;
}

const char *caci_kind_name(int kind) {
  if (kind < 0 || kind >= caci::kArticleKindCount) return nullptr;
  return caci::kind_name(static_cast<caci::ArticleKind>(kind));
}

caci_str caci_article_category(const caci_article *a) {
  return a ? caci::capi::str_of(caci::category_name(article_of(a)->category)) : null_str();
}

caci_str caci_article_title(const caci_article *a) {
  Ref r = ref(a);
  return r ? caci::capi::optional_body_str(*r.st, r.a->title) : null_str();
}

int caci_article_date_source(const caci_article *a) {
  return a ? int(article_of(a)->date_source) : 0;
}

const char *caci_date_source_name(int source) {
  if (source < 0 || source >= caci::kDateSourceCount) return nullptr;
  return caci::date_source_name(static_cast<caci::DateSource>(source));
}

caci_str caci_article_outlet(const caci_article *a) {
  Ref r = ref(a);
  return r ? caci::capi::optional_meta_str(*r.st, r.a->outlet) : null_str();
}

size_t caci_article_countries(const caci_article *a, const char **names_out, size_t capacity) {
  Ref r = ref(a);
  if (!r || (!names_out && capacity)) return 0;
  return caci::capi::guard_value(size_t(0), [&]() -> size_t {
    int ids[caci::kCountryCount];
    const int n = caci::article_countries(*r.st, *r.a, ids);
    for (int i = 0; i < n && size_t(i) < capacity; ++i) names_out[i] = caci::country_name(ids[i]);
    return size_t(n);
  });
}

caci_date caci_article_date(const caci_article *a) {
  caci_date d{0, 0, 0};
  if (!a) return d;
  const caci::Date &src = article_of(a)->date;
  d.year = src.year;
  d.month = src.month;
  d.day = src.day;
  return d;
}

size_t caci_article_author_count(const caci_article *a) {
  return a ? article_of(a)->authors.count : 0;
}

caci_str caci_article_author_name(const caci_article *a, size_t i) {
  Ref r = ref(a);
  const caci::Author *au = author_at(r, i);
  return au ? caci::capi::meta_str(*r.st, au->name) : null_str();
}

caci_str caci_article_author_affiliation(const caci_article *a, size_t i) {
  Ref r = ref(a);
  const caci::Author *au = author_at(r, i);
  return au ? caci::capi::optional_meta_str(*r.st, au->affiliation) : null_str();
}

size_t caci_article_author_honorific_count(const caci_article *a, size_t i) {
  const caci::Author *au = author_at(ref(a), i);
  return au ? au->honorifics.count : 0;
}

caci_str caci_article_author_honorific(const caci_article *a, size_t i, size_t j) {
  Ref r = ref(a);
  const caci::Author *au = author_at(r, i);
  if (!au || j >= au->honorifics.count) return null_str();
  size_t k = size_t(au->honorifics.begin) + j;
  if (k >= r.st->honorifics.size()) return null_str();
  return caci::capi::meta_str(*r.st, r.st->honorifics[k]);
}

size_t caci_article_lead_count(const caci_article *a) {
  return a ? article_of(a)->lead.count : 0;
}

caci_str caci_article_lead(const caci_article *a, size_t i) {
  Ref r = ref(a);
  return r ? paragraph_at(r, r.a->lead, i) : null_str();
}

caci_str caci_article_photo_credit(const caci_article *a) {
  Ref r = ref(a);
  return r ? caci::capi::optional_meta_str(*r.st, r.a->photo_credit) : null_str();
}

size_t caci_article_section_count(const caci_article *a) {
  return a ? article_of(a)->sections.count : 0;
}

int caci_article_section_kind(const caci_article *a, size_t i) {
  const caci::Section *s = section_at(ref(a), i);
  return s ? int(s->kind) : -1;
}

caci_str caci_article_section_heading(const caci_article *a, size_t i) {
  Ref r = ref(a);
  const caci::Section *s = section_at(r, i);
  return s ? caci::capi::meta_str(*r.st, s->heading) : null_str();
}

size_t caci_article_section_paragraph_count(const caci_article *a, size_t i) {
  const caci::Section *s = section_at(ref(a), i);
  return s ? s->paragraphs.count : 0;
}

caci_str caci_article_section_paragraph(const caci_article *a, size_t i, size_t j) {
  Ref r = ref(a);
  const caci::Section *s = section_at(r, i);
  return s ? paragraph_at(r, s->paragraphs, j) : null_str();
}

size_t caci_article_bio_count(const caci_article *a) {
  return a ? article_of(a)->bio.count : 0;
}

caci_str caci_article_bio(const caci_article *a, size_t i) {
  Ref r = ref(a);
  return r ? paragraph_at(r, r.a->bio, i) : null_str();
}

size_t caci_article_link_count(const caci_article *a) {
  return a ? article_of(a)->links.count : 0;
}

caci_str caci_article_link_title(const caci_article *a, size_t i) {
  Ref r = ref(a);
  if (!r || i >= r.a->links.count) return null_str();
  size_t k = size_t(r.a->links.begin) + i;
  if (k >= r.st->links.size()) return null_str();
  return caci::capi::meta_str(*r.st, r.st->links[k].title);
}

uint32_t caci_article_flags(const caci_article *a) {
  return a ? article_of(a)->flags : 0;
}

const char *caci_flag_name(uint32_t flag) {
  return caci::flag_name(flag);
}

caci_source caci_article_source(const caci_article *a) {
  Ref r = ref(a);
  if (!r) return caci_source{null_str(), 0, 0, 0};
  return source_of(*r.st, r.a->source);
}

size_t caci_article_duplicate_count(const caci_article *a) {
  return a ? article_of(a)->duplicates.size() : 0;
}

caci_source caci_article_duplicate(const caci_article *a, size_t i) {
  Ref r = ref(a);
  if (!r || i >= r.a->duplicates.size()) return caci_source{null_str(), 0, 0, 0};
  return source_of(*r.st, r.a->duplicates[i]);
}

size_t caci_article_version_count(const caci_article *a) {
  return a ? article_of(a)->versions.size() : 0;
}

const caci_article *caci_article_version(const caci_article *a, size_t i) {
  Ref r = ref(a);
  if (!r || i >= r.a->versions.size()) return nullptr;
  const uint32_t v = r.a->versions[i];
  return v < r.st->articles.size() ? caci::capi::to_c(&r.st->articles[v]) : nullptr;
}

caci_str caci_article_text(const caci_article *a) {
  Ref r = ref(a);
  return r ? caci::capi::body_str(*r.st, r.a->text) : null_str();
}

}  // extern "C"
