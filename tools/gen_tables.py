#!/usr/bin/env python3
"""Writes every copy of the enumerated concepts from their tables (core/tables/*.tsv).

Each concept (statuses, article flags, diagnostic codes, article kinds, categories, date sources,
section kinds, facet kinds, text fields) has one table. This script renders the C++ enums and name
functions, the C constants of caci.h and their static checks, the query field names, the
JavaScript and Python constants and the docs, as marked blocks inside ordinary files:

    <comment> BEGIN GENERATED: <block> ...
    ... generated lines ...
    <comment> END GENERATED: <block>

Usage: gen_tables.py [--check] [--root DIR]. Without --check the blocks are rewritten in place;
with --check nothing is written and the exit status is 1 when a block is out of date (the ctest
`generated_tables_current`). Python 3 standard library only.
"""
import argparse
import os
import re
import sys
import textwrap

COLUMNS = 100


# ----------------------------------------------------------------------------------- tables


def read_table(root, name):
    """Rows of core/tables/<name>.tsv as dicts; `value` is the row order unless given."""
    path = os.path.join(root, "core", "tables", name + ".tsv")
    rows, cols = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cols is None:
                cols = cells
                continue
            if len(cells) > len(cols):
                raise SystemExit(f"{path}: more cells than columns: {line!r}")
            row = dict(zip(cols, cells + [""] * (len(cols) - len(cells))))
            row.setdefault("value", str(len(rows)))
            row["value"] = int(row["value"] or len(rows))
            rows.append(row)
    names = [r["name"] for r in rows]
    if len(set(names)) != len(names):
        raise SystemExit(f"{path}: a name appears twice")
    return rows


# ------------------------------------------------------------------------------- rendering


def wrap(text, width):
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def comment_lines(text, indent, style):
    """A comment on lines of its own: style 'cpp' (//), 'doc' (/** */) or 'py' (#)."""
    pad = " " * indent
    if style == "doc":  # a sentence of its own, as the header writes them
        text = text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
        body = wrap(text, COLUMNS - indent - 7)
        if len(body) == 1:
            return [f"{pad}/** {body[0]} */"]
        out = [f"{pad}/** {body[0]}"] + [f"{pad} *  {b}" for b in body[1:]]
        out[-1] += " */"
        return out
    mark = "//" if style == "cpp" else "#"
    return [f"{pad}{mark} {b}" for b in wrap(text, COLUMNS - indent - len(mark) - 1)]


def with_trailing(items, indent, style, gap):
    """Lines of code, each with its comment aligned after it (clang-format's layout), or every
    comment on the line above when one line would exceed the column limit."""
    pad = " " * indent
    width = max(len(code) for code, _ in items)
    mark = "//" if style == "cpp" else "/**<"
    end = "" if style == "cpp" else " */"
    fits = all(indent + width + gap + len(mark) + 1 + len(doc) + len(end) <= COLUMNS
               for _, doc in items if doc)
    out = []
    if fits:
        if not any(doc for _, doc in items):
            return [pad + code for code, _ in items]
        for code, doc in items:
            if doc:
                out.append(f"{pad}{code.ljust(width)}{' ' * gap}{mark} {doc}{end}")
            else:
                out.append(pad + code)
        return out
    for code, doc in items:
        if doc:
            out += comment_lines(doc, indent, "cpp" if style == "cpp" else "doc")
        out.append(pad + code)
    return out


def cpp_enum(decl, entries, indent=0):
    """entries: (enumerator, value text, comment)."""
    pad = " " * indent
    one = f"{pad}{decl} {{ " + ", ".join(f"{e} = {v}" for e, v, _ in entries) + " };"
    if len(one) <= COLUMNS and not any(c for _, _, c in entries):
        return [one]
    items = [(f"{e} = {v},", c) for e, v, c in entries]
    return [f"{pad}{decl} {{"] + with_trailing(items, indent + 2, "cpp", 2) + [f"{pad}}};"]


def c_defines(entries):
    """entries: (macro, value text, doc)."""
    return with_trailing([(f"#define {m} {v}", d) for m, v, d in entries], 0, "c", 1)


def cpp_switch(signature, enum, rows, name_of, fallback):
    out = [f"{signature} {{", "  switch (s) {"]
    for r in rows:
        name = name_of(r)
        out.append(f"  case {enum}::{r['name']}: return " +
                   (f'"{name}";' if name is not None else "nullptr;"))
    out += ["  }", f"  return {fallback};", "}"]
    return out


def spoken(names, last):
    """a, b, c or d"""
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def c_status(v):
    return f"({v})" if v < 0 else str(v)


def bit(i):
    return f"0x{1 << i:x}u"


def cpp_string_list(decl, names, indent=0):
    pad = " " * indent
    one = f"{pad}{decl} = {{" + ", ".join(f'"{n}"' for n in names) + "};"
    if len(one) <= COLUMNS:
        return [one]
    return [f"{pad}{decl} = {{"] + [f'{pad}    "{n}",' for n in names] + [f"{pad}}};"]


def js_list(names):
    return "[" + ", ".join(f"'{n}'" for n in names) + "]"


def py_tuple(names):
    return "(" + ", ".join(f'"{n}"' for n in names) + ("," if len(names) == 1 else "") + ")"


def weight_text(w):
    return w  # as written in the table: 3, 1.5


def cpp_float(w):
    return f"{float(w)!r}f"  # 3.0f, 1.5f, 1.25f


# ------------------------------------------------------------------------------------ blocks


class Tables:
    def __init__(self, root):
        self.status = read_table(root, "status")
        self.flags = read_table(root, "flags")
        self.diag = read_table(root, "diag_codes")
        self.kinds = read_table(root, "article_kinds")
        self.categories = read_table(root, "categories")
        self.date_sources = read_table(root, "date_sources")
        self.sections = read_table(root, "section_kinds")
        self.facets = read_table(root, "facets")
        self.fields = read_table(root, "fields")
        if len(self.flags) > 32:
            raise SystemExit("flags.tsv: more than 32 flags do not fit Article::flags")
        if len(self.fields) > 8:
            raise SystemExit("fields.tsv: more than 8 fields do not fit the uint8_t field masks")
        for f in self.fields:
            f["query_names"] = f["query"].split()
            if not f["query_names"] or not f["weight"]:
                raise SystemExit(f"fields.tsv: {f['name']} needs query names and a weight")


def count_line(const, rows, what):
    return f"constexpr int {const} = {len(rows)};  // {what}"


def blocks(t):
    """{(path, block): lines}"""
    b = {}
    art = "core/include/caci/core/article.hpp"
    b[("core/include/caci/core/status.hpp", "status")] = cpp_enum(
        "enum class Status : int", [(r["name"], r["value"], r["doc"]) for r in t.status])
    b[(art, "article_kinds")] = cpp_enum(
        "enum class ArticleKind : uint8_t", [(r["name"], r["value"], "") for r in t.kinds]) + [
        count_line("kArticleKindCount", t.kinds, "CACI_KIND_* are 0 .. count - 1")]
    b[(art, "categories")] = cpp_enum(
        "enum class Category : uint8_t", [(r["name"], r["value"], "") for r in t.categories]) + [
        count_line("kCategoryCount", t.categories, "none included")]
    b[(art, "section_kinds")] = cpp_enum(
        "enum class SectionKind : uint8_t", [(r["name"], r["value"], "") for r in t.sections]) + [
        count_line("kSectionKindCount", t.sections, "CACI_SECTION_* are 0 .. count - 1")]
    b[(art, "flags")] = cpp_enum(
        "enum ArticleFlag : uint32_t",
        [("flag_" + r["name"], f"1u << {i}", r["doc"]) for i, r in enumerate(t.flags)]) + [
        f"constexpr int kArticleFlagCount = {len(t.flags)};",
        "constexpr uint32_t kKnownArticleFlags = (1u << kArticleFlagCount) - 1;"]
    b[(art, "diag_codes")] = cpp_enum(
        "enum class DiagCode : uint8_t", [(r["name"], r["value"], r["doc"]) for r in t.diag]) + [
        f"constexpr int kDiagCodeCount = {len(t.diag)};"]
    b[(art, "date_sources")] = cpp_enum(
        "enum class DateSource : uint8_t",
        [(r["name"], r["value"], r["doc"]) for r in t.date_sources]) + [
        f"constexpr int kDateSourceCount = {len(t.date_sources)};"]

    idx = "core/include/caci/core/index.hpp"
    b[(idx, "fields")] = cpp_enum(
        "enum class Field : uint8_t", [(r["name"], r["value"], "") for r in t.fields]) + [
        f"constexpr int kFieldCount = {len(t.fields)};",
        "// A set of fields is a mask with bit f for Field f (query leaves, the index file).",
        "constexpr uint8_t kAllFieldsMask = (1u << kFieldCount) - 1;"]
    b[(idx, "field_weights")] = [
        "  float field_weights[kFieldCount] = {" +
        ", ".join(cpp_float(r["weight"]) for r in t.fields) + "};"]
    b[(idx, "facets")] = cpp_enum(
        "enum class FacetKind : uint8_t", [(r["name"], r["value"], "") for r in t.facets]) + [
        f"constexpr int kFacetKindCount = {len(t.facets)};"]

    filters = [(n, r["name"]) for r in t.fields for n in r["query_names"]]
    b[("core/src/search/query_ast.hpp", "query_fields")] = [
        "// The field filters of the query language (title:, author:, ...); several names may name",
        "// one field. kFieldQueryName is each field's first name (how explain prints it).",
        "struct FieldFilterName {",
        "  const char *name;",
        "  Field field;",
        "};",
        "// clang-format off",
        "constexpr FieldFilterName kFieldFilterNames[] = {",
    ] + [f'    {{"{n}", Field::{f}}},' for n, f in filters] + ["};", "// clang-format on"] + cpp_string_list(
        "constexpr const char *kFieldQueryName[kFieldCount]",
        [r["query_names"][0] for r in t.fields])

    # The CLI's name of a field (caci search --explain), as the query language spells it.
    b[("cli/search_extras.cpp", "field_name")] = [
        "const char *field_name(int field) {", "  switch (field) {"] + [
        f'  case CACI_FIELD_{r["name"].upper()}: return "{r["query_names"][0]}";'
        for r in t.fields] + ['  default: return "?";', "  }", "}"]

    # Name functions (core/src/article/model.cpp).
    names = cpp_switch("const char *status_str(Status s) noexcept", "Status", t.status,
                       lambda r: "CACI_" + r["name"].upper(), '"CACI_UNKNOWN"')
    names += ["", "const char *flag_name(uint32_t flag) noexcept {", "  switch (flag) {"]
    names += [f'  case flag_{r["name"]}: return "{r["name"]}";' for r in t.flags]
    names += ["  default: return nullptr;", "  }", "}", ""]
    names += cpp_switch("const char *diag_code_name(DiagCode s) noexcept", "DiagCode", t.diag,
                        lambda r: r["name"], '"unknown"') + [""]
    names += cpp_switch("const char *kind_name(ArticleKind s) noexcept", "ArticleKind", t.kinds,
                        lambda r: r["name"], "nullptr") + [""]
    names += cpp_switch("const char *category_name(Category s) noexcept", "Category",
                        t.categories, lambda r: r["label"] or None, "nullptr") + [""]
    names += cpp_switch("const char *date_source_name(DateSource s) noexcept", "DateSource",
                        t.date_sources, lambda r: None if r["name"] == "none" else r["name"],
                        "nullptr") + [""]
    names += cpp_switch("const char *section_kind_name(SectionKind s) noexcept", "SectionKind",
                        t.sections, lambda r: r["name"], "nullptr")
    b[("core/src/article/model.cpp", "names")] = names

    # caci.h.
    h = "capi/include/caci/caci.h"
    b[(h, "status")] = c_defines(
        [("CACI_" + r["name"].upper(), c_status(r["value"]), r["doc"]) for r in t.status])
    b[(h, "article_kinds")] = c_defines(
        [("CACI_KIND_" + r["name"].upper(), r["value"], "") for r in t.kinds])
    b[(h, "section_kinds")] = c_defines(
        [("CACI_SECTION_" + r["name"].upper(), r["value"], "") for r in t.sections])
    b[(h, "flags")] = c_defines(
        [("CACI_FLAG_" + r["name"].upper(), bit(i), r["doc"]) for i, r in enumerate(t.flags)])
    b[(h, "date_sources")] = c_defines(
        [("CACI_DATE_SOURCE_" + r["name"].upper(), r["value"], r["doc"])
         for r in t.date_sources])
    b[(h, "fields")] = c_defines(
        [("CACI_FIELD_" + r["name"].upper(), r["value"],
          f"{', '.join(q + ':' for q in r['query_names'])} default weight {r['weight']}")
         for r in t.fields] + [("CACI_FIELD_COUNT", str(len(t.fields)), "")])
    b[(h, "facets")] = c_defines(
        [("CACI_FACET_" + r["name"].upper(), r["value"], r["doc"]) for r in t.facets] +
        [("CACI_FACET_COUNT", str(len(t.facets)), "")])

    # The C constants equal the core's values (capi/src/capi_status.cpp).
    checks = [f"static_assert(CACI_{r['name'].upper()} == int(caci::Status::{r['name']}));"
              for r in t.status]
    checks += [f"static_assert(CACI_KIND_{r['name'].upper()} == "
               f"int(caci::ArticleKind::{r['name']}));" for r in t.kinds]
    checks.append("static_assert(CACI_KIND_{} + 1 == caci::kArticleKindCount);".format(
        t.kinds[-1]["name"].upper()))
    checks += [f"static_assert(CACI_SECTION_{r['name'].upper()} == "
               f"int(caci::SectionKind::{r['name']}));" for r in t.sections]
    checks += [f"static_assert(CACI_FLAG_{r['name'].upper()} == caci::flag_{r['name']});"
               for r in t.flags]
    checks += [f"static_assert(CACI_DATE_SOURCE_{r['name'].upper()} == "
               f"int(caci::DateSource::{r['name']}));" for r in t.date_sources]
    checks += [f"static_assert(CACI_FIELD_{r['name'].upper()} == int(caci::Field::{r['name']}));"
               for r in t.fields]
    checks.append("static_assert(CACI_FIELD_COUNT == caci::kFieldCount);")
    checks += [f"static_assert(CACI_FACET_{r['name'].upper()} == "
               f"int(caci::FacetKind::{r['name']}));" for r in t.facets]
    checks.append("static_assert(CACI_FACET_COUNT == caci::kFacetKindCount);")
    b[("capi/src/capi_status.cpp", "checks")] = checks

    # JavaScript.
    b[("wasm/js/errors.mjs", "status")] = [
        f"export const CACI_{r['name'].upper()} = {r['value']};" for r in t.status] + [
        "", "// Names for when no module is at hand (the worker client rebuilding an error from a "
        "message).", "const STATUS_NAMES = {"] + [
        f"  [{r['value']}]: 'CACI_{r['name'].upper()}'," for r in t.status] + ["};"]
    b[("wasm/js/caci.mjs", "facets")] = [
        f"const FACETS = {js_list([r['name'] for r in t.facets])}; // CACI_FACET_* order"]
    b[("wasm/js/caci.d.ts", "kinds")] = [
        "export type ArticleKind = " + " | ".join(f"'{r['name']}'" for r in t.kinds) + ";",
        "export type SectionKind = " + " | ".join(f"'{r['name']}'" for r in t.sections) + ";"]

    # Python.
    b[("python/caci/_errors.py", "status")] = [
        f"    CACI_{r['name'].upper()} = {r['value']}" for r in t.status]
    b[("python/caci/_types.py", "kind")] = [
        "    kind: Optional[str]  # " + " | ".join(f'"{r["name"]}"' for r in t.kinds)]
    b[("python/caci/_types.py", "date_source")] = [
        "    date_source: Optional[str]  # " +
        " | ".join(f'"{r["name"]}"' for r in t.date_sources if r["name"] != "none")]
    b[("python/caci/_lib.py", "fields")] = [
        f"CACI_FIELD_COUNT = {len(t.fields)}",
        f"FIELD_NAMES = {py_tuple([r['name'] for r in t.fields])}  # CACI_FIELD_*"]
    b[("python/caci/_lib.py", "names")] = [
        f"FACET_NAMES = {py_tuple([r['name'] for r in t.facets])}  # CACI_FACET_*",
        f"SECTION_KIND_NAMES = {py_tuple([r['name'] for r in t.sections])}  # CACI_SECTION_*"]

    # Docs: the field filter rows and the default weights of the query reference.
    rows = []
    for r in t.fields:
        syntax = r["examples"] or f"`{r['query_names'][0]}:`"
        if len(r["query_names"]) > 1:
            syntax += " (" + ", ".join(f"`{q}:`" for q in r["query_names"][1:]) + " too)"
        rows.append(f"| {syntax} | {r['doc']} |")
    weights = ("Defaults: `k1 = 1.2`, `b = 0.75`, weights " +
               ", ".join(f"{r['name']} {weight_text(r['weight'])}" for r in t.fields) + ".")
    def help_row(label, text):  # a column of `caci export --help`, wrapped under itself
        body = wrap(text, COLUMNS - 12 - 1 - 27 - 3)
        return [f'            "             {label.ljust(14)}{body[0]}\\n"'] + [
            f'            "{" " * 27}{more}\\n"' for more in body[1:]]

    b[("cli/help.cpp", "help kind category")] = help_row(
        "kind", spoken([r["name"] for r in t.kinds], "or")) + help_row(
        "category", ", ".join(r["label"] for r in t.categories if r["label"]) + ", or empty")
    b[("cli/help.cpp", "help date_source")] = help_row(
        "date_source", ", ".join(r["name"] for r in t.date_sources if r["name"] != "none"))
    def md_list(rows, text):
        return [f"- {text(r)}" for r in rows]

    b[("README.md", "kinds list")] = md_list(t.kinds, lambda r: f"`{r['name']}`: {r['doc']}")
    b[("README.md", "categories list")] = md_list(
        [r for r in t.categories if r["label"]], lambda r: f"`{r['label']}`")
    b[("README.md", "date sources list")] = md_list(
        [r for r in t.date_sources if r["name"] != "none"],
        lambda r: f"`{r['name']}`: {r['doc']}")
    b[("README.md", "flags list")] = md_list(t.flags, lambda r: f"`{r['name']}`: {r['doc']}")
    b[("README.md", "diag codes list")] = md_list(t.diag, lambda r: f"`{r['name']}`: {r['doc']}")
    b[("README.md", "section kinds list")] = [
        ", ".join(f"`{r['name']}`" for r in t.sections) + "."]
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight"]
    named = [f"**{r['name']}**" + (f" ({r['what']})" if r["what"] else "") for r in t.fields]
    sentence = (f"Queries are matched against {words[len(t.fields)]} text fields of each article "
                f"\u2014 {', '.join(named[:-1])} and {named[-1]} \u2014 plus its metadata (kind, category, "
                "date).")
    b[("core/src/search/QUERY.md", "text fields")] = wrap(sentence, COLUMNS)
    b[("core/src/search/QUERY.md", "kind and category filters")] = [
        "| `kind:article` | " + spoken([f"`{r['name']}`" for r in t.kinds], "or") + " |",
        "| `category:\"Field Reports\"` | " +
        ", ".join(f'`"{r["label"]}"`' for r in t.categories if r["label"]) +
        " (case and `_`/`-` are ignored: `category:field_reports`) |"]
    b[("core/src/search/QUERY.md", "field filters")] = rows
    b[("core/src/search/QUERY.md", "field weights")] = [weights]
    return b


def readme_query_language(query_md):
    """README's copy of the query reference: QUERY.md under README's own "## Query language"
    heading, without QUERY.md's title and marker lines."""
    out = []
    for line in query_md.rstrip("\n").split("\n")[1:]:
        if re.match(r"<!-- (BEGIN|END) GENERATED: ", line):
            continue
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    return out


# ------------------------------------------------------------------------------------- files


def apply(text, block, lines, path):
    """text with the lines between the block's marker lines replaced."""
    src = text.split("\n")

    def marker(kind):
        pat = re.compile(kind + " GENERATED: " + re.escape(block) + r"(\s|$)")
        return [i for i, line in enumerate(src) if pat.search(line)]

    begin, end = marker("BEGIN"), marker("END")
    if len(begin) != 1 or len(end) != 1 or end[0] < begin[0]:
        raise SystemExit(f"{path}: needs one 'BEGIN GENERATED: {block}' ... "
                         f"'END GENERATED: {block}' pair of marker lines")
    return "\n".join(src[:begin[0] + 1] + lines + src[end[0]:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a generated block is out of date")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = ap.parse_args()
    per_file = {}
    for (path, block), lines in blocks(Tables(args.root)).items():
        per_file.setdefault(path, []).append((block, lines))
    # README repeats the query reference: copied after QUERY.md's own blocks are current.
    per_file.setdefault("README.md", []).append(("query language", None))
    stale, written = [], {}
    for path, items in sorted(per_file.items(), key=lambda kv: kv[0] == "README.md"):
        full = os.path.join(args.root, path)
        with open(full, encoding="utf-8", newline="") as f:
            old = f.read()
        new = old
        for block, lines in items:
            if lines is None:
                lines = readme_query_language(written["core/src/search/QUERY.md"])
            new = apply(new, block, lines, path)
        written[path] = new
        if new == old:
            continue
        stale.append(path)
        if not args.check:
            with open(full, "w", encoding="utf-8", newline="") as f:
                f.write(new)
    if args.check and stale:
        sys.stderr.write(
            "out of date with core/tables/*.tsv (generated blocks edited by hand, or a table "
            "changed without regenerating):\n  " + "\n  ".join(stale) +
            "\nRun: python3 tools/gen_tables.py\n")
        return 1
    if not args.check:
        for path in stale:
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
