"""caci.parse and Document: inputs, the article dataclasses, records, pandas, bad input."""
import dataclasses
import json
import sys

import pytest

import caci
from conftest import sample_page

# FORMAT.md section 3 (the contract) plus the extra fields the CLI's JSON carries.
CONTRACT_FIELDS = {"id", "kind", "category", "title", "authors", "date", "date_partial", "lead",
                   "photo_credit", "sections", "bio", "links", "flags", "source", "duplicates"}
EXTRA_FIELDS = {"date_parts", "date_source", "outlet", "versions", "text_bytes"}


def test_article_fields_cover_the_contract():
    names = {f.name for f in dataclasses.fields(caci.Article)}
    assert CONTRACT_FIELDS | EXTRA_FIELDS <= names
    assert names - (CONTRACT_FIELDS | EXTRA_FIELDS) == {"text"}


def test_parse_one_path(names):
    with caci.parse("samples/2025-analytical-articles-p1.txt") as doc:
        arts = doc.articles
        assert len(arts) == len(doc) == 3
        a = arts[0]
        assert isinstance(a, caci.Article)
        assert a.authors[0].name == "Dilnoza Karimova"
        assert a.source.file == "samples/2025-analytical-articles-p1.txt"
        assert a.source.line == 1
        assert len(a.id) == 16 and int(a.id, 16) == a.int_id
        assert [s.kind for s in a.sections] == ["background", "implications", "conclusions"]
        assert "email_redacted" in a.flags
        assert len(a.text.encode()) == a.text_bytes
        assert a.text.startswith(a.lead[0]) or a.text.startswith(a.title or "")
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.title = "changed"
        assert list(doc) == list(arts)


def test_parse_bytes_pairs_and_lists():
    page = sample_page().encode()
    with caci.parse(page) as doc:
        assert doc.articles[0].source.file == "<bytes>"
        assert doc.articles[0].date == "2025-01-29"
        assert doc.articles[0].date_parts == caci.DateParts(2025, 1, 29)
    with caci.parse(("mine.txt", bytearray(page))) as doc:
        assert doc.articles[0].source.file == "mine.txt"
    other = sample_page(author="John Roe", lead="Another lead about Tbilisi.").encode()
    with caci.parse([("a.txt", page), memoryview(other), "samples/2002-news-digest.txt"]) as doc:
        files = [a.source.file for a in doc.articles]
        assert files[:2] == ["a.txt", "<bytes #2>"]
        assert files[2:] == ["samples/2002-news-digest.txt"] * (len(files) - 2)


def test_duplicates_are_merged_across_pages():
    page = sample_page().encode()
    with caci.parse([("one.txt", page), ("two.txt", page)]) as doc:
        assert len(doc.articles) == 1
        a = doc.articles[0]
        assert [d.file for d in a.duplicates] == ["two.txt"]
        assert doc.stats.duplicates == 1


def test_to_dict_equals_the_json_and_stats_add_up(names):
    with caci.parse(names) as doc:
        d = doc.to_dict()
        assert d == json.loads(doc.to_json())
        s = doc.stats
        assert s.bytes == s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified
        assert s.articles == len(doc.articles)
        assert any(diag.code == "unclassified" for diag in doc.diagnostics)


def test_nul_bytes_and_empty_input():
    with caci.parse(b"") as doc:
        assert doc.articles == () and doc.stats.bytes == 0
    with caci.parse(sample_page().encode() + b"\0tail\n") as doc:
        assert doc.stats.bytes == len(sample_page()) + 6


def test_fold_quotes():
    page = sample_page(lead="Kazakhstan\u2019s \u201cnew\u201d pipeline policy.").encode()
    with caci.parse(page) as doc:
        assert "\u2019" in doc.articles[0].lead[0]
    with caci.parse(page, fold_quotes=True) as doc:
        assert doc.articles[0].lead[0] == "Kazakhstan's \"new\" pipeline policy."
        assert "quotes_folded" in doc.articles[0].flags


def test_records(names):
    with caci.parse(names) as doc:
        records = doc.to_records()
        assert len(records) == len(doc.articles)
        assert all(list(r) == list(caci.RECORD_COLUMNS) for r in records)
        r, a = records[0], doc.articles[0]
        assert r["id"] == a.id and r["text"] == a.text and r["source_file"] == a.source.file
        assert r["authors"] == "; ".join(x.name for x in a.authors)
        assert all(isinstance(r["duplicates"], int) for r in records)


def test_to_pandas_or_a_clear_import_error(names, monkeypatch):
    with caci.parse(names) as doc:
        try:
            import pandas  # noqa: F401
        except ImportError:
            pass
        else:
            df = doc.to_pandas()
            assert list(df.columns) == list(caci.RECORD_COLUMNS)
            assert len(df) == len(doc.articles)
            assert str(df["year"].dtype) == "Int64"
            assert df["year"].tolist() == [r["year"] if r["year"] is not None else pandas.NA
                                           for r in doc.to_records()]
        monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
        with pytest.raises(ImportError, match="needs pandas"):
            doc.to_pandas()


def test_invalid_utf8_is_replaced_with_a_diagnostic():
    page = sample_page(lead="Bad byte \xff here in the lead.").encode("latin-1")
    with caci.parse(("bad.txt", page)) as doc:
        diags = [d for d in doc.diagnostics if d.code == "invalid_utf8"]
        assert diags and diags[0].file == "bad.txt" and diags[0].line == 3 and diags[0].column == 10
        assert "\ufffd" in doc.articles[0].lead[0]
        assert "invalid_utf8" in doc.articles[0].flags


def test_invalid_utf8_under_strict_raises():
    page = sample_page(lead="Bad byte \xff here in the lead.").encode("latin-1")
    with pytest.raises(caci.CaciError) as e:
        caci.parse(("bad.txt", page), strict=True)
    assert e.value.status == caci.Status.CACI_EUTF8 and e.value.status.name == "CACI_EUTF8"
    assert int(e.value.status) == -4 == e.value.code
    assert e.value.filename == "bad.txt"
    assert "bad.txt:3:10" in str(e.value)
    # Valid UTF-8 passes strict.
    with caci.parse(sample_page().encode(), strict=True) as doc:
        assert len(doc.articles) == 1


def test_nonexistent_path_raises():
    with pytest.raises(caci.CaciError) as e:
        caci.parse(["samples/2002-news-digest.txt", "no/such/page.txt"])
    assert e.value.status == caci.Status.CACI_EIO
    assert e.value.filename == "no/such/page.txt"
    assert isinstance(e.value.__cause__, FileNotFoundError)
    assert "no/such/page.txt" in str(e.value)


def test_nonexistent_path_recorded_like_the_cli():
    with caci.parse(["no/such/page.txt", "samples/2002-news-digest.txt"], io_errors="record") as doc:
        io = [d for d in doc.diagnostics if d.code == "io_error"]
        assert len(io) == 1
        assert io[0].file == "no/such/page.txt" and io[0].severity == "error"
        assert io[0].message == "cannot read file: No such file or directory"
        assert len(doc.articles) == 3


def test_bad_arguments():
    with pytest.raises(TypeError):
        caci.parse(42)
    with pytest.raises(TypeError):
        caci.parse([b"page", 3.5])
    with pytest.raises(ValueError):
        caci.parse(b"", io_errors="ignore")


def test_non_utf8_file_name_is_replaced_per_byte(tmp_path):
    with caci.parse((b"caf\xe9.txt", sample_page().encode())) as doc:
        assert doc.articles[0].source.file == "caf\ufffd.txt"
        assert doc.to_dict() == json.loads(doc.to_json())
