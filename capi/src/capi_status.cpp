// Status names, and the checks that the C constants of caci.h equal the core's values (both are
// generated from core/tables; the checks catch a hand edit of either).
#include "caci/caci.h"

#include "caci/core/article.hpp"
#include "caci/core/index.hpp"
#include "caci/core/status.hpp"

namespace {
// BEGIN GENERATED: checks (tools/gen_tables.py; edit core/tables, not this)
static_assert(CACI_OK == int(caci::Status::ok));
static_assert(CACI_DONE == int(caci::Status::done));
static_assert(CACI_EINVAL == int(caci::Status::einval));
static_assert(CACI_ENOMEM == int(caci::Status::enomem));
static_assert(CACI_EIO == int(caci::Status::eio));
static_assert(CACI_EUTF8 == int(caci::Status::eutf8));
static_assert(CACI_ECORRUPT == int(caci::Status::ecorrupt));
static_assert(CACI_EVERSION == int(caci::Status::eversion));
static_assert(CACI_EQUERY == int(caci::Status::equery));
static_assert(CACI_EBUFS == int(caci::Status::ebufs));
static_assert(CACI_ENOTFOUND == int(caci::Status::enotfound));
static_assert(CACI_ERANGE == int(caci::Status::erange));
static_assert(CACI_EINTERNAL == int(caci::Status::einternal));
static_assert(CACI_KIND_ARTICLE == int(caci::ArticleKind::article));
static_assert(CACI_KIND_EXCERPT == int(caci::ArticleKind::excerpt));
static_assert(CACI_KIND_TEASER == int(caci::ArticleKind::teaser));
static_assert(CACI_KIND_DIGEST == int(caci::ArticleKind::digest));
static_assert(CACI_KIND_DIGEST + 1 == caci::kArticleKindCount);
static_assert(CACI_SECTION_BACKGROUND == int(caci::SectionKind::background));
static_assert(CACI_SECTION_IMPLICATIONS == int(caci::SectionKind::implications));
static_assert(CACI_SECTION_CONCLUSIONS == int(caci::SectionKind::conclusions));
static_assert(CACI_FLAG_EMAIL_REDACTED == caci::flag_email_redacted);
static_assert(CACI_FLAG_UNESCAPED == caci::flag_unescaped);
static_assert(CACI_FLAG_GLUED_BYLINE == caci::flag_glued_byline);
static_assert(CACI_FLAG_INVALID_UTF8 == caci::flag_invalid_utf8);
static_assert(CACI_FLAG_NFC_CHANGED == caci::flag_nfc_changed);
static_assert(CACI_FLAG_DATE_FROM_HEADER == caci::flag_date_from_header);
static_assert(CACI_FLAG_DATE_AMBIGUOUS == caci::flag_date_ambiguous);
static_assert(CACI_FLAG_TRUNCATED == caci::flag_truncated);
static_assert(CACI_FLAG_QUOTES_FOLDED == caci::flag_quotes_folded);
static_assert(CACI_FLAG_TEXT_OMITTED == caci::flag_text_omitted);
static_assert(CACI_FLAG_PLACEHOLDER_AUTHOR == caci::flag_placeholder_author);
static_assert(CACI_FLAG_CATEGORY_INFERRED == caci::flag_category_inferred);
static_assert(CACI_FLAG_CP1252_DECODED == caci::flag_cp1252_decoded);
static_assert(CACI_FLAG_MOJIBAKE_REPAIRED == caci::flag_mojibake_repaired);
static_assert(CACI_FLAG_TITLE_FROM_LINK == caci::flag_title_from_link);
static_assert(CACI_DATE_SOURCE_NONE == int(caci::DateSource::none));
static_assert(CACI_DATE_SOURCE_BYLINE == int(caci::DateSource::byline));
static_assert(CACI_DATE_SOURCE_DATE_LINE == int(caci::DateSource::date_line));
static_assert(CACI_DATE_SOURCE_HEADER == int(caci::DateSource::header));
static_assert(CACI_DATE_SOURCE_ISSUE_HEADER == int(caci::DateSource::issue_header));
static_assert(CACI_DATE_SOURCE_DIGEST_HEADING == int(caci::DateSource::digest_heading));
static_assert(CACI_FIELD_TITLE == int(caci::Field::title));
static_assert(CACI_FIELD_AUTHORS == int(caci::Field::authors));
static_assert(CACI_FIELD_LEAD == int(caci::Field::lead));
static_assert(CACI_FIELD_SECTIONS == int(caci::Field::sections));
static_assert(CACI_FIELD_BIO == int(caci::Field::bio));
static_assert(CACI_FIELD_COUNT == caci::kFieldCount);
static_assert(CACI_FACET_AUTHOR == int(caci::FacetKind::author));
static_assert(CACI_FACET_YEAR == int(caci::FacetKind::year));
static_assert(CACI_FACET_KIND == int(caci::FacetKind::kind));
static_assert(CACI_FACET_CATEGORY == int(caci::FacetKind::category));
static_assert(CACI_FACET_COUNTRY == int(caci::FacetKind::country));
static_assert(CACI_FACET_COUNT == caci::kFacetKindCount);
// END GENERATED: checks
}  // namespace

extern "C" {

const char *caci_status_str(caci_status status) {
  return caci::status_str(static_cast<caci::Status>(status));
}

}  // extern "C"
