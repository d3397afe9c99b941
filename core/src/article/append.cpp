// append_document(): one parsed document after another (see caci/core/append.hpp).
#include "caci/core/append.hpp"
#include "../reserve_more.hpp"
#include "caci/core/versions.hpp"

#include "../alloc_guard.hpp"
#include "id_table.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace caci {

void AppendLog::truncate(size_t articles, size_t diagnostics) {
  if (dup_slot.size() > articles) dup_slot.resize(articles);
  while (!dup_refs.empty() && dup_refs.back().diagnostic >= diagnostics) dup_refs.pop_back();
}

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Offsets of everything `dst` held before the append: src's references move by these.
struct Base {
  uint32_t body, meta, file, par, auth, hon, sec, link;

  void text(TextRef &r, uint32_t base) const { r.offset += base; }
  void range(Range &r, uint32_t base) const { r.begin += base; }
  void source(SourceRef &s) const { s.file += file; }
};

// The message a single parse gives a duplicate of `orig` (builder.cpp, Builder::close).
void append_duplicate_message(const ArticleStore &st, const Article &orig, std::string &out) {
  char num[16];
  const int len = std::snprintf(num, sizeof num, "%u", unsigned(orig.source.line));
  out.append("duplicate of the entry at ");
  out.append(st.file_name(orig.source.file));
  out.push_back(':');
  out.append(num, size_t(len > 0 ? len : 0));
  out.append(", merged into it");
}

// A merged article's text in src's body, [begin, end), and the bytes cut up to its end.
struct BodyCut {
  uint32_t begin, end, cut_through;
};

bool fits_u32(uint64_t a, uint64_t b) {
  return a + b <= UINT32_MAX;
}

}  // namespace

Status append_document(Document &dst, Document &src) {
  ArticleStore &ds = dst.store;
  ArticleStore &ss = src.store;
  if (&dst == &src || dst.options.flags != src.options.flags || ds.lazy_body || ss.lazy_body)
    return Status::einval;
  const size_t n = ss.articles.size();
  AppendLog empty_log;
  const AppendLog &slog = src.append_log ? *src.append_log : empty_log;
  if (n != 0 && slog.dup_slot.size() != n) return Status::einval;  // not filled by parse_page()
  // The merged articles' warnings add at most one message each, of bounded length per file name.
  uint64_t message_bytes = 0;
  for (const std::string &f : ds.files) message_bytes = std::max<uint64_t>(message_bytes, f.size());
  message_bytes = (message_bytes + 64) * (n + slog.dup_refs.size());
  if (!fits_u32(ds.body.size(), ss.body.size()) ||
      !fits_u32(ds.meta.size(), ss.meta.size() + message_bytes) ||
      !fits_u32(ds.files.size(), ss.files.size()) || !fits_u32(ds.articles.size(), n + 1) ||
      !fits_u32(ds.paragraphs.size(), ss.paragraphs.size()) ||
      !fits_u32(ds.authors.size(), ss.authors.size()) ||
      !fits_u32(ds.honorifics.size(), ss.honorifics.size()) ||
      !fits_u32(ds.sections.size(), ss.sections.size()) ||
      !fits_u32(ds.links.size(), ss.links.size()) ||
      !fits_u32(dst.diagnostics.size(), src.diagnostics.size() + n))
    return Status::erange;

  const Base base{uint32_t(ds.body.size()),     uint32_t(ds.meta.size()),
                  uint32_t(ds.files.size()),    uint32_t(ds.paragraphs.size()),
                  uint32_t(ds.authors.size()),  uint32_t(ds.honorifics.size()),
                  uint32_t(ds.sections.size()), uint32_t(ds.links.size())};
  const size_t diag0 = dst.diagnostics.size();

  // Which of src's articles repeat one of dst's: those are merged, the rest appended.
  std::vector<uint32_t> merged_into(n, kNone);
  size_t merged = 0;
  for (size_t i = 0; i < n; ++i) {
    const Article &a = ss.articles[i];
    if (a.deleted) continue;
    merged_into[i] = parse::find_article_id(dst, a.id);
    if (merged_into[i] != kNone) ++merged;
  }

  // The merged articles' text is left out of the body, as a single parse rolls it back: the body
  // stays every article's text in order, nothing between, which `caci index` compresses while it
  // indexes instead of at the save (issue 13). Their other parts (meta, paragraphs, authors, ...)
  // stay, unreferenced. Texts out of order (not the parser's layout) are all copied.
  std::vector<BodyCut> cuts;
  cuts.reserve(merged);
  for (size_t i = 0; i < n; ++i) {
    if (merged_into[i] == kNone) continue;
    const TextRef t = ss.articles[i].text;
    const uint32_t begin = cuts.empty() ? 0 : cuts.back().end;
    if (t.length == 0) continue;
    if (t.offset < begin || uint64_t(t.offset) + t.length > ss.body.size()) {
      cuts.clear();
      break;
    }
    cuts.push_back(BodyCut{t.offset, t.offset + t.length, 0});
  }
  uint32_t cut_total = 0;
  for (BodyCut &c : cuts) {
    cut_total += c.end - c.begin;
    c.cut_through = cut_total;
  }
  reserve_more(ds.body, ss.body.size() - cut_total);
  for (size_t k = 0, from = 0; k <= cuts.size(); ++k) {
    const size_t to = k < cuts.size() ? cuts[k].begin : ss.body.size();
    ds.body.append(ss.body, from, to - from);
    if (k < cuts.size()) from = cuts[k].end;
  }
  // Where src's body offset `off` is now in dst's body (inside a cut: where the cut was).
  auto body_at = [&](uint32_t off) -> uint32_t {
    auto after = std::upper_bound(cuts.begin(), cuts.end(), off,
                                  [](uint32_t o, const BodyCut &c) { return o < c.end; });
    uint32_t removed = after == cuts.begin() ? 0 : (after - 1)->cut_through;
    if (after != cuts.end() && off >= after->begin) off = after->begin;
    return base.body + off - removed;
  };
  auto move_body_ref = [&](TextRef &r) {
    if (cuts.empty()) {
      base.text(r, base.body);
      return;
    }
    const uint32_t end = body_at(r.offset + r.length);
    r.offset = body_at(r.offset);
    r.length = end - r.offset;
  };
  ds.meta.append(ss.meta);
  ds.files.insert(ds.files.end(), ss.files.begin(), ss.files.end());
  reserve_more(ds.paragraphs, ss.paragraphs.size());
  for (TextRef r : ss.paragraphs) {
    move_body_ref(r);
    ds.paragraphs.push_back(r);
  }
  reserve_more(ds.authors, ss.authors.size());
  for (Author au : ss.authors) {
    base.text(au.name, base.meta);
    base.text(au.affiliation, base.meta);
    base.range(au.honorifics, base.hon);
    ds.authors.push_back(au);
  }
  reserve_more(ds.honorifics, ss.honorifics.size());
  for (TextRef r : ss.honorifics) {
    base.text(r, base.meta);
    ds.honorifics.push_back(r);
  }
  reserve_more(ds.sections, ss.sections.size());
  for (Section x : ss.sections) {
    base.text(x.heading, base.meta);
    base.range(x.paragraphs, base.par);
    ds.sections.push_back(x);
  }
  reserve_more(ds.links, ss.links.size());
  for (Link l : ss.links) {
    base.text(l.title, base.meta);
    ds.links.push_back(l);
  }

  // Articles.
  std::vector<uint32_t> new_index(n, kNone);
  reserve_more(ds.articles, n - merged);
  for (size_t i = 0; i < n; ++i) {
    const Article &a = ss.articles[i];
    SourceRef at = a.source;
    base.source(at);
    if (merged_into[i] != kNone) {
      // A single parse would have merged this occurrence, then its own repeats, into the first.
      std::vector<SourceRef> &dups = ds.articles[merged_into[i]].duplicates;
      dups.push_back(at);
      for (SourceRef d : a.duplicates) {
        base.source(d);
        dups.push_back(d);
      }
      continue;
    }
    Article c = a;  // a copy: src stays as it was until the end, should an allocation fail
    c.store = &ds;
    c.source = at;
    for (SourceRef &d : c.duplicates) base.source(d);
    move_body_ref(c.title);
    move_body_ref(c.text);
    base.text(c.outlet, base.meta);
    base.text(c.photo_credit, base.meta);
    base.range(c.authors, base.auth);
    base.range(c.lead, base.par);
    base.range(c.bio, base.par);
    base.range(c.sections, base.sec);
    base.range(c.links, base.link);
    c.versions.clear();  // src's indexes; relinked below
    const uint64_t id = c.id;
    ds.articles.push_back(std::move(c));
    new_index[i] = uint32_t(ds.articles.size() - 1);
    parse::insert_article_id(dst, id, new_index[i]);
  }

  // Diagnostics, with the merged articles' `duplicate` warnings where a single parse gives them,
  // and src's warnings about repeats of a merged article naming the article they now repeat.
  if (!dst.append_log) dst.append_log = std::make_shared<AppendLog>();
  AppendLog &dlog = *dst.append_log;
  dlog.dup_slot.resize(ds.articles.size() - (n - merged), 0);
  const size_t diagnostics_after = diag0 + src.diagnostics.size() + merged;
  if (diagnostics_after > dst.diagnostics.size())
    reserve_more(dst.diagnostics, diagnostics_after - dst.diagnostics.size());
  size_t next_article = 0, next_ref = 0;
  auto merged_warning = [&](uint32_t orig, const SourceRef &at) {
    Diagnostic d;
    d.file = at.file;
    d.line = at.line;
    d.column = 1;
    d.byte_start = at.byte_start;
    d.byte_end = at.byte_end;
    d.severity = Severity::warning;
    d.code = DiagCode::duplicate;
    const size_t before = ds.meta.size();
    append_duplicate_message(ds, ds.articles[orig], ds.meta);
    d.message = TextRef{uint32_t(before), uint32_t(ds.meta.size() - before)};
    dlog.dup_refs.push_back({uint32_t(dst.diagnostics.size()), orig});
    dst.diagnostics.push_back(d);
  };
  // The articles whose slot is at or before diagnostic `j` of src, in article order.
  auto articles_up_to = [&](size_t j) {
    for (; next_article < n && slog.dup_slot[next_article] <= j; ++next_article) {
      const uint32_t i = uint32_t(next_article);
      if (merged_into[i] != kNone) {
        SourceRef at = ss.articles[i].source;
        base.source(at);
        merged_warning(merged_into[i], at);
      } else {
        dlog.dup_slot.push_back(uint32_t(dst.diagnostics.size()));
      }
    }
  };
  for (size_t j = 0; j < src.diagnostics.size(); ++j) {
    articles_up_to(j);
    Diagnostic d = src.diagnostics[j];
    d.file += base.file;
    d.message.offset += base.meta;
    if (next_ref < slog.dup_refs.size() && slog.dup_refs[next_ref].diagnostic == j) {
      const uint32_t named = slog.dup_refs[next_ref++].article;
      uint32_t now = named < n ? new_index[named] : kNone;
      if (named < n && merged_into[named] != kNone) {
        now = merged_into[named];
        const size_t before = ds.meta.size();
        append_duplicate_message(ds, ds.articles[now], ds.meta);
        d.message = TextRef{uint32_t(before), uint32_t(ds.meta.size() - before)};
      }
      if (now != kNone) dlog.dup_refs.push_back({uint32_t(dst.diagnostics.size()), now});
    }
    dst.diagnostics.push_back(d);
  }
  articles_up_to(SIZE_MAX);

  // Statistics: src's, less the merged articles, which count as duplicates.
  dst.stats.bytes += src.stats.bytes;
  dst.stats.articles += src.stats.articles - merged;
  dst.stats.duplicates += src.stats.duplicates + merged;
  dst.stats.bytes_articles += src.stats.bytes_articles;
  dst.stats.bytes_boilerplate += src.stats.bytes_boilerplate;
  dst.stats.bytes_unclassified += src.stats.bytes_unclassified;

  // Versions, as parse_page() links them (out of memory, the articles list none).
  enomem_on_alloc_failure(
      [&] {
        if (!dst.version_linker) dst.version_linker = std::make_shared<VersionLinker>();
        dst.version_linker->update(ds);
        return Status::ok;
      },
      [&] {
        dst.version_linker.reset();
        for (Article &a : ds.articles) std::vector<uint32_t>().swap(a.versions);
      });
  src.clear();
  return Status::ok;
}

}  // namespace caci
