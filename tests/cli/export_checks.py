#!/usr/bin/python3
"""End-to-end checks of `caci export` and `caci stats`, one ctest each (tests/cli/tests.cmake).

Each check runs the CLI on the bundled samples (samples/*.txt) plus tests/cli/data/export.txt (a
page with LaTeX special characters, commas, quotes, non-ASCII names, month-only and year-less
dates, untitled entries) and reads the output back with a real consumer: Python's csv and json
modules, the sqlite3 command-line shell, python3-bibtexparser. Run with Debian's /usr/bin/python3
(bibtexparser is a Debian package).

usage: export_checks.py CHECK --caci EXE --samples DIR --data DIR --work DIR
"""
import argparse
import csv
import glob
import io
import json
import os
import shutil
import stat
import struct
import subprocess
import sys

CSV_COLUMNS = ["id", "kind", "category", "title", "authors", "date", "year", "date_partial",
               "date_source", "lead", "text", "source_file", "source_line", "byte_start",
               "byte_end", "duplicates"]
JOURNAL = "Central Asia-Caucasus Analyst"


class Failure(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


class Env:
    def __init__(self, args):
        self.caci = args.caci
        self.work = args.work
        self.data = args.data
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.pages = sorted(glob.glob(os.path.join(args.samples, "*.txt")))
        self.pages.append(os.path.join(args.data, "export.txt"))
        expect(len(self.pages) > 5, "no sample pages found in " + args.samples)

    def run(self, *args, expect_exit=0, env=None):
        p = subprocess.run([self.caci, *args], capture_output=True, env=env)
        if expect_exit is not None and p.returncode != expect_exit:
            raise Failure("caci %s: exit %d, expected %d\nstderr: %s" % (
                " ".join(map(str, args)), p.returncode, expect_exit,
                p.stderr.decode(errors="replace")))
        return p

    def path(self, name):
        return os.path.join(self.work, name)

    def parsed(self):
        """The articles and diagnostics as `caci parse` gives them (the reference)."""
        doc = json.loads(self.run("parse", *self.pages).stdout)
        return doc["articles"], doc["diagnostics"]

    def export(self, fmt, inputs=None, name=None):
        out = self.path(name or ("out." + fmt))
        self.run("export", "--format", fmt, "-o", out, *(inputs or self.pages))
        return out


def article_text(a):
    parts = [a["title"]] if a["title"] else []
    parts += a["lead"]
    for s in a["sections"]:
        parts += s["paragraphs"]
    parts += a["bio"]
    return "\n".join(parts)


def leftovers(directory, keep):
    return sorted(set(os.listdir(directory)) - set(keep))


# ----------------------------------------------------------------------------------------- CSV

def check_csv(env):
    articles, _ = env.parsed()
    out = env.export("csv")
    raw = open(out, "rb").read()
    expect(raw.endswith(b"\r\n"), "CSV records must end with CRLF")
    expect(raw.startswith((",".join(CSV_COLUMNS) + "\r\n").encode()), "header row differs")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    expect(rows[0] == CSV_COLUMNS, "columns %r" % rows[0])
    rows = rows[1:]
    expect(len(rows) == len(articles), "%d rows for %d articles" % (len(rows), len(articles)))
    by_id = {a["id"]: a for a in articles}
    tricky = 0
    for row in rows:
        r = dict(zip(CSV_COLUMNS, row))
        expect(len(row) == len(CSV_COLUMNS), "row of %d fields" % len(row))
        a = by_id[r["id"]]
        expect(r["kind"] == a["kind"], "kind of " + r["id"])
        expect(r["title"] == (a["title"] or ""), "title of %s: %r" % (r["id"], r["title"]))
        expect(r["authors"] == "; ".join(x["name"] for x in a["authors"]), "authors " + r["id"])
        expect(r["lead"] == "\n\n".join(a["lead"]), "lead of " + r["id"])
        expect(r["text"] == article_text(a), "text of %s: %r" % (r["id"], r["text"][:80]))
        expect(r["date"] == (a["date"] or ""), "date of " + r["id"])
        parts = a.get("date_parts")
        expect(r["year"] == (str(parts["year"]) if parts and parts["year"] else ""),
               "year of " + r["id"])
        expect(r["source_file"] == a["source"]["file"], "source_file of " + r["id"])
        expect(int(r["source_line"]) == a["source"]["line"], "source_line of " + r["id"])
        expect(int(r["byte_start"]) == a["source"]["byte_start"], "byte_start of " + r["id"])
        expect(int(r["duplicates"]) == len(a["duplicates"]), "duplicates of " + r["id"])
        if parts and not a["date"]:
            expect(r["date_partial"] != "", "partial date missing for " + r["id"])
        if any(c in r["title"] + r["lead"] for c in ',"') and "\n" in r["text"]:
            tricky += 1
    expect(tricky >= 1, "no article with commas, quotes and newlines was checked")
    # The month-only paper and the year-less entry keep their partial dates.
    partial = {r[7] for r in rows}
    expect("2024-03" in partial and "--12-02" in partial, "partial dates: %r" % partial)
    print("csv: %d rows, %d with commas/quotes and newlines round-tripped" % (len(rows), tricky))


# -------------------------------------------------------------------------------------- SQLite

def sqlite(db, sql):
    p = subprocess.run(["sqlite3", "-batch", "-bail", db, sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure("sqlite3 %r: %s" % (sql, p.stderr))
    return p.stdout.strip()


def check_sqlite(env):
    articles, diagnostics = env.parsed()
    db = env.export("sqlite")
    expect(open(db, "rb").read(16) == b"SQLite format 3\0", "not a SQLite file")
    expect(sqlite(db, "PRAGMA integrity_check") == "ok", "integrity_check failed")
    expect(int(sqlite(db, "SELECT count(*) FROM articles")) == len(articles), "article count")
    expect(int(sqlite(db, "SELECT count(*) FROM diagnostics")) == len(diagnostics),
           "diagnostic count")
    n_authors = sum(len(a["authors"]) for a in articles)
    expect(int(sqlite(db, "SELECT count(*) FROM authors")) == n_authors, "author count")
    n_links = sum(len(a["links"]) for a in articles)
    expect(int(sqlite(db, "SELECT count(*) FROM links")) == n_links, "link count")
    expect(sqlite(db, "SELECT DISTINCT typeof(year) FROM articles WHERE year IS NOT NULL")
           == "integer", "year is not an INTEGER column")
    # Full-text search at once: FTS5 MATCH joined to the articles (diacritics removed, stemmed).
    hits = sqlite(db, "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = "
                      "articles_fts.rowid WHERE articles_fts MATCH 'swanstrom' ORDER BY rank")
    expected = {a["id"] for a in articles
                if any("Swanstr" in x["name"] for x in a["authors"])
                or "Swanstr" in article_text(a)}
    expect(set(hits.split()) == expected, "MATCH 'swanstrom': %r, expected %r" % (hits, expected))
    pipeline = sqlite(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                          "'title:pipeline'")
    expect(int(pipeline) >= 1, "porter stemming: title:pipeline found nothing")
    expect(sqlite(db, "SELECT id FROM articles WHERE id IN (SELECT a.id FROM articles a JOIN "
                      "articles_fts f ON f.rowid = a.rowid WHERE articles_fts MATCH "
                      "'authors:agaoglu')") != "", "authors column not searchable")
    sqlite(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
    key = sqlite(db, "SELECT canonical_key || '|' || honorifics || '|' || affiliation FROM authors "
                     "WHERE name = 'Zoë Ağaoğlu-Smith'")
    expect(key == "zoe agaoglu-smith|Dr.|Baku", "authors row: %r" % key)
    partial = sqlite(db, "SELECT date_partial FROM articles WHERE date IS NULL AND "
                         "date_partial IS NOT NULL ORDER BY 1")
    expect("2024-03" in partial.split() and "--12-02" in partial.split(),
           "partial dates: %r" % partial)
    print("sqlite: %d articles, FTS5 MATCH 'swanstrom' -> %d hits" % (len(articles),
                                                                      len(expected)))


# -------------------------------------------------------------------------------------- BibTeX

def check_bibtex(env):
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    articles, _ = env.parsed()
    out = env.export("bibtex")
    parser = BibTexParser(common_strings=False)
    db = bibtexparser.loads(open(out, encoding="utf-8").read(), parser=parser)
    entries = db.entries
    expect(len(entries) == len(articles), "%d entries for %d articles" % (len(entries),
                                                                          len(articles)))
    ids = [e["ID"] for e in entries]
    expect(len(set(ids)) == len(ids), "duplicate keys: %r" % ids)
    for e, a in zip(entries, articles):
        expect(e["ENTRYTYPE"] == "article", "entry type " + e["ENTRYTYPE"])
        expect(e["journal"] == JOURNAL, "journal " + e.get("journal", ""))
        for field in ("title", "note"):
            expect(field in e, "%s has no %s" % (e["ID"], field))
        expect(a["id"] in e["note"], "note of %s lacks the content id" % e["ID"])
        expect(a["source"]["file"] in e["note"], "note of %s lacks the source" % e["ID"])
        parts = a.get("date_parts") or {}
        expect(("year" in e) == bool(parts.get("year")), "year of %s" % e["ID"])
        expect(("month" in e) == bool(parts.get("month")), "month of %s" % e["ID"])
        if parts.get("month"):
            expect(e["month"] == str(parts["month"]), "month of %s" % e["ID"])
        expect(("author" in e) == bool(a["authors"]), "author of %s" % e["ID"])
        if a["authors"]:
            expect(len(e["author"].split(" and ")) == len(a["authors"]), "authors " + e["ID"])
        if not a["title"]:
            expect(e["title"].startswith("[Untitled]"), "untitled: %r" % e["title"])
        else:
            expect(e["title"].startswith(a["title"][:3]), "title of %s" % e["ID"])
    special = [e for e in entries if "COST" in e["title"]]
    expect(len(special) == 1, "the LaTeX-special entry is missing")
    t = special[0]["title"]
    for escaped in ("\\&", "\\%", "\\{BRACES\\}", "\\$", "COST\\_OF", "\\#TRANSIT",
                    "\\textasciitilde{}", "\\textasciicircum{}", "\\textbackslash{}"):
        expect(escaped in t, "title lacks %s: %r" % (escaped, t))
    expect(special[0]["author"] == "Ağaoğlu-Smith, Zoë", "UTF-8 author: %r" %
           special[0]["author"])
    expect(special[0]["ID"] == "agaoglusmith2021georgia", "key " + special[0]["ID"])
    suffixed = [i for i in ids if i.startswith("karimovandexporters")]
    expect(suffixed == ["karimovandexporters" + c for c in "abc"[:len(suffixed)]]
           and len(suffixed) >= 2, "deduplicated keys: %r" % suffixed)
    n_fields = sum(len(e) - 2 for e in entries)  # minus ENTRYTYPE and ID
    print("bibtex: %d entries, %d fields, keys unique" % (len(entries), n_fields))


# ----------------------------------------------------------------------------------------- RIS

def parse_ris(text):
    records, current = [], None
    for line in text.split("\r\n"):
        if not line:
            continue
        expect(len(line) >= 6 and line[2:6] == "  - ", "bad RIS line %r" % line)
        tag, value = line[:2], line[6:]
        if tag == "TY":
            expect(current is None, "TY inside a record")
            current = []
        expect(current is not None, "line outside a record: %r" % line)
        current.append((tag, value))
        if tag == "ER":
            records.append(current)
            current = None
    expect(current is None, "unterminated RIS record")
    return records


def check_ris(env):
    articles, _ = env.parsed()
    out = env.export("ris")
    text = open(out, encoding="utf-8", newline="").read()
    records = parse_ris(text)
    expect(len(records) == len(articles), "%d records for %d articles" % (len(records),
                                                                          len(articles)))
    for rec, a in zip(records, articles):
        tags = dict(rec)
        expect(tags["TY"] == "JOUR", "TY " + tags["TY"])
        expect(tags.get("T2") == JOURNAL, "journal")
        expect(a["id"] in tags.get("N1", ""), "N1 lacks the content id")
        parts = a.get("date_parts") or {}
        expect(("PY" in tags) == bool(parts.get("year")), "PY of " + a["id"])
        if parts:
            y = str(parts["year"]) if parts["year"] else ""
            d = "%02d" % parts["day"] if parts["day"] else ""
            expect(tags["DA"] == "%s/%02d/%s/" % (y, parts["month"], d), "DA " + tags["DA"])
        expect(sum(1 for t, _ in rec if t == "AU") == len(a["authors"]), "AU of " + a["id"])
    print("ris: %d records" % len(records))


# ------------------------------------------------------------------------------------ CSL-JSON

def check_csljson(env):
    articles, _ = env.parsed()
    out = env.export("csljson")
    items = json.load(open(out, encoding="utf-8"))
    expect(isinstance(items, list) and len(items) == len(articles), "item count")
    ids = [i["id"] for i in items]
    expect(len(set(ids)) == len(ids), "ids not unique")
    month_only = year_less = 0
    for item, a in zip(items, articles):
        expect(item["type"] == "article-journal", "type " + item["type"])
        expect(item["container-title"] == JOURNAL, "container-title")
        expect(isinstance(item["title"], str) and item["title"], "title")
        expect(a["id"] in item["note"] and a["source"]["file"] in item["note"], "note")
        for person in item.get("author", []):
            expect(set(person) <= {"family", "given"} and person["family"], "author %r" % person)
        parts = a.get("date_parts")
        if not parts:
            expect("issued" not in item, "a date was invented for " + a["id"])
        elif parts["year"]:
            known = [parts["year"], parts["month"]] + ([parts["day"]] if parts["day"] else [])
            expect(item["issued"] == {"date-parts": [known]},
                   "issued %r, expected %r" % (item["issued"], known))
            month_only += parts["day"] is None
        else:
            expect("date-parts" not in item["issued"] and item["issued"]["literal"],
                   "year-less date: %r" % item["issued"])
            year_less += 1
    expect(month_only >= 2 and year_less >= 2, "partial dates not covered")
    print("csljson: %d items, %d month-only, %d year-less" % (len(items), month_only, year_less))


# ------------------------------------------------------------------------ index equals pages

def check_index_equals_pages(env):
    index = env.path("pages.caci")
    env.run("index", "-o", index, *env.pages)
    for fmt in ("csv", "bibtex", "ris", "csljson"):
        a = open(env.export(fmt, name="pages." + fmt), "rb").read()
        b = open(env.export(fmt, inputs=[index], name="index." + fmt), "rb").read()
        expect(a == b, "export --format %s differs between the index and the pages" % fmt)
    pa, pb = env.export("sqlite", name="pages.sqlite"), env.export("sqlite", inputs=[index],
                                                                  name="index.sqlite")
    for table in ("articles", "authors", "links"):
        q = "SELECT * FROM %s ORDER BY rowid" % table
        expect(sqlite(pa, q) == sqlite(pb, q), "sqlite table %s differs" % table)
    q = "SELECT id FROM articles a JOIN articles_fts f ON f.rowid = a.rowid " \
        "WHERE articles_fts MATCH 'pipeline' ORDER BY rank"
    expect(sqlite(pa, q) == sqlite(pb, q) != "", "FTS results differ")
    print("index = pages for csv, bibtex, ris, csljson and the sqlite tables")


# --------------------------------------------------------------------------------------- stats

def check_stats(env):
    articles, _ = env.parsed()
    for by in ("year", "kind", "category", "author"):
        out = json.loads(env.run("stats", "--by", by, "--json", *env.pages).stdout)
        expect(out["articles"] == len(articles), "stats articles")
        s = out["stats"]
        expect(s["bytes"] == s["bytes_articles"] + s["bytes_boilerplate"] +
               s["bytes_unclassified"], "byte accounting does not add up")
        total = sum(r["articles"] for r in out["rows"])
        if by != "author":
            expect(total == len(articles), "--by %s rows add up to %d, not %d" % (
                by, total, len(articles)))
    years = json.loads(env.run("stats", "--json", *env.pages).stdout)
    undated = [r for r in years["rows"] if r["key"] == "undated"]
    n_undated = sum(1 for a in articles if not (a.get("date_parts") or {}).get("year"))
    expect(undated and undated[0]["articles"] == n_undated, "undated row %r" % undated)
    text = env.run("stats", *env.pages).stdout.decode()
    for needle in ("bytes ", "boilerplate", "unclassified", "duplicate", "undated", "total"):
        expect(needle in text, "stats table lacks %r:\n%s" % (needle, text))
    index = env.path("stats.caci")
    env.run("index", "-o", index, *env.pages)
    from_index = json.loads(env.run("stats", "--json", index).stdout)
    expect(from_index["rows"] == years["rows"], "stats of the index differ from the pages")
    expect(from_index["stats"] is None, "an index has no byte accounting")
    # By author, people are counted (the library's person key), exactly as the search's author
    # facet counts them, whether from the pages or from their index.
    people = json.loads(env.run("stats", "--by", "author", "--json", *env.pages).stdout)["rows"]
    people_index = json.loads(env.run("stats", "--by", "author", "--json", index).stdout)["rows"]
    expect(people == people_index, "stats --by author of the index differ from the pages")
    facet = json.loads(env.run("search", index, "", "--facets", "--json", "--limit", "0")
                       .stdout)["facets"]["author"]
    expect({r["key"]: r["articles"] for r in people if r["key"] != "(no author)"} ==
           {f["value"]: f["count"] for f in facet},
           "stats --by author differs from the author facet:\n%r\n%r" % (people, facet))
    print("stats: rows add up, undated = %d, %d people" % (n_undated, len(people)))


# ----------------------------------------------------------------------------------- bad input

def check_bad_input(env):
    page = env.pages[-1]
    out = env.path("bad.csv")
    # An unknown format or --by key, a missing -o: usage errors (2), no file.
    p = env.run("export", "--format", "xls", "-o", out, page, expect_exit=2)
    expect(b"unknown format 'xls'" in p.stderr, p.stderr)
    env.run("export", "--format", "csv", page, expect_exit=2)
    p = env.run("stats", "--by", "colour", page, expect_exit=2)
    expect(b"unknown --by key 'colour'" in p.stderr, p.stderr)
    expect(not os.path.exists(out), "a usage error wrote a file")

    # Unwritable output: a missing directory, a directory; exit 3, nothing left behind.
    missing = env.path("no-such-dir/out.csv")
    p = env.run("export", "--format", "csv", "-o", missing, page, expect_exit=3)
    expect(b"cannot write" in p.stderr, p.stderr)
    expect(not os.path.exists(os.path.dirname(missing)), "the missing directory appeared")
    target_dir = env.path("a-directory")
    os.mkdir(target_dir)
    env.run("export", "--format", "sqlite", "-o", target_dir, page, expect_exit=3)
    expect(os.listdir(target_dir) == [], "something was written into the directory")

    # An existing output is replaced atomically, keeping its mode; no temporary file remains.
    for fmt in ("csv", "sqlite"):
        existing = env.path("existing." + fmt)
        with open(existing, "wb") as f:
            f.write(b"old content")
        os.chmod(existing, 0o640)
        before = os.stat(existing).st_ino
        env.run("export", "--format", fmt, "-o", existing, page)
        data = open(existing, "rb").read()
        expect(data != b"old content" and len(data) > 100, "%s not replaced" % fmt)
        expect(stat.S_IMODE(os.stat(existing).st_mode) == 0o640, "mode not kept")
        expect(os.stat(existing).st_ino != before, "%s was rewritten in place" % fmt)
    expect(not [n for n in os.listdir(env.work) if ".tmp-" in n], "temporary file left behind")

    # The output may not be one of the inputs.
    copy = env.path("copy.txt")
    shutil.copy(page, copy)
    env.run("export", "--format", "csv", "-o", copy, copy, expect_exit=2)
    expect(open(copy, "rb").read() == open(page, "rb").read(), "an input was overwritten")

    # An index of an unknown version: a clear error naming the rebuild command (exit 4).
    index = env.path("good.caci")
    env.run("index", "-o", index, page)
    raw = bytearray(open(index, "rb").read())
    struct.pack_into("<II", raw, 8, 99, 99)  # format version, minimum reader version
    future = env.path("future.caci")
    open(future, "wb").write(raw)
    for cmd in (["export", "--format", "csv", "-o", out], ["stats"]):
        p = env.run(*cmd, future, expect_exit=4)
        expect(b"caci index -o" in p.stderr and b"version" in p.stderr, p.stderr)
    expect(not os.path.exists(out), "a failed export wrote a file")
    # A damaged index: exit 4 as well.
    raw = bytearray(open(index, "rb").read())
    raw[-1] ^= 0xFF
    damaged = env.path("damaged.caci")
    open(damaged, "wb").write(raw)
    env.run("export", "--format", "csv", "-o", out, damaged, expect_exit=4)
    # caci verify: the good file is ok (0); the damaged one names the damaged piece and the
    # rebuild command (4), while a search of it still opens (opening checks only small sections).
    p = env.run("verify", index)
    expect(b"ok" in p.stdout, p.stdout)
    p = env.run("verify", damaged, expect_exit=4)
    expect(b"damaged" in p.stderr and b"caci index -o" in p.stderr, p.stderr)
    p = env.run("verify", env.path("missing.caci"), expect_exit=3)
    expect(b"missing.caci" in p.stderr, p.stderr)
    # An index mixed with pages: usage error.
    env.run("export", "--format", "csv", "-o", out, index, page, expect_exit=2)

    # A file name that is not UTF-8: a usage error naming it with \xE9; nothing written.
    bad_name = os.path.join(env.work.encode(), b"caf\xe9.txt")
    shutil.copy(page, bad_name)
    for cmd in (["export", "--format", "csv", "-o", out], ["stats"]):
        p = subprocess.run([env.caci.encode(), *[c.encode() for c in cmd], bad_name],
                           capture_output=True)
        expect(p.returncode == 2, "non-UTF-8 name: exit %d" % p.returncode)
        expect(b"caf\\xE9.txt" in p.stderr and b"not valid UTF-8" in p.stderr, p.stderr)
    expect(not os.path.exists(out), "a non-UTF-8 name still wrote a file")

    # An unreadable page among readable ones: exit 3, the readable pages are still exported.
    p = env.run("export", "--format", "csv", "-o", out, page, env.path("missing.txt"),
                expect_exit=3)
    expect(b"cannot read" in p.stderr, p.stderr)
    expect(os.path.exists(out), "the readable pages were not exported")
    print("bad input: exit codes and no partial files")


CHECKS = {
    "csv": check_csv,
    "sqlite": check_sqlite,
    "bibtex": check_bibtex,
    "ris": check_ris,
    "csljson": check_csljson,
    "index_equals_pages": check_index_equals_pages,
    "stats": check_stats,
    "bad_input": check_bad_input,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("check", choices=sorted(CHECKS))
    ap.add_argument("--caci", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    try:
        CHECKS[args.check](Env(args))
    except Failure as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
