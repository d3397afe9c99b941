"""caci.Index: building, searching (offsets, paging, sorting, facets), saving and opening."""
import os
import pickle

import pytest

import caci
from conftest import sample_page


@pytest.fixture()
def doc(names):
    with caci.parse(names) as d:
        yield d


@pytest.fixture()
def index(doc):
    with caci.Index(doc) as ix:
        yield ix


def test_index_copies_the_document(names):
    doc = caci.parse(names)
    ix = caci.Index(doc)
    first = doc.articles[0]
    doc.close()
    assert len(ix) == len(ix.search("", limit=1000).hits) > 0
    assert ix.article(first.id) == first
    assert ix.article(first.int_id) == first
    assert first.id in ix and "0000000000000000" not in ix and "nonsense" not in ix
    ix.close()


def test_article_errors(index):
    with pytest.raises(caci.CaciError) as e:
        index.article("0000000000000000")
    assert e.value.status == caci.Status.CACI_ENOTFOUND
    with pytest.raises(caci.CaciError) as e:
        index.article("xyz")
    assert e.value.status == caci.Status.CACI_EINVAL


def test_search_hits_snippets_and_highlights(index):
    r = index.search("china", limit=5)
    assert r.total == 2 == len(r) and r.sort == "relevance" and r.facets is None
    for rank, hit in enumerate(r, 1):
        assert hit.rank == rank and hit.title == hit.article.title and hit.id == hit.article.id
        assert hit.snippet == hit.text[hit.snippet_start:hit.snippet_end]
        assert hit.highlights
        for s, e in hit.highlights:
            assert hit.text[s:e].casefold() == "china"
        assert "[[China]]" in hit.marked_snippet()
    assert r.hits[0].score >= r.hits[1].score


def test_highlights_are_str_offsets_after_non_ascii():
    lead = "Türkiye’s Şuşa and Ağdam talks: ünïcödé everywhere before the word pipeline here."
    with caci.parse(sample_page(lead=lead).encode()) as doc, caci.Index(doc) as ix:
        hit = ix.search("pipeline").hits[0]
        found = [hit.text[s:e] for s, e in hit.highlights]
        assert found and all(w == "pipeline" for w in found)
        # Diacritics are folded: Agdam finds Ağdam, highlighted as written.
        hit = ix.search("Agdam").hits[0]
        assert [hit.text[s:e] for s, e in hit.highlights] == ["Ağdam"]
        assert "[[Ağdam]]" in hit.marked_snippet()


def test_paging_sorting_and_facets(index):
    everything = index.search("", limit=1000)
    assert everything.total == len(index) == len(everything)
    page = index.search("", limit=3, offset=2)
    assert [h.id for h in page] == [h.id for h in everything.hits[2:5]]
    assert [h.rank for h in page] == [3, 4, 5]
    dated = index.search("", limit=1000, sort="date_asc")
    dates = [h.article.date for h in dated if h.article.date]
    assert dates == sorted(dates)
    desc = index.search("", limit=1000, sort="date")
    assert desc.sort == "date_desc"
    assert [h.article.date for h in desc if h.article.date] == sorted(dates, reverse=True)
    f = index.search("", facets=True).facets
    assert set(f) == {"author", "year", "kind", "category", "country"}
    assert sum(v.count for v in f["kind"]) == len(index)
    counts = [v.count for v in f["author"]]
    assert counts == sorted(counts, reverse=True)
    assert index.search("china", snippets=False).hits[0].snippet == ""
    with pytest.raises(ValueError):
        index.search("x", sort="newest")
    with pytest.raises(ValueError):
        index.search("x", limit=-1)
    with pytest.raises(TypeError):
        index.search(b"x")


@pytest.mark.parametrize("query", ["china AND (", '"unclosed phrase', "autor:x", "Türkiye Şuşa (",
                                   "NOT", "a NEAR/x b", "~3"])
def test_malformed_query_raises_with_offset(index, query):
    with pytest.raises(caci.CaciError) as e:
        index.search(query)
    err = e.value
    assert err.status == caci.Status.CACI_EQUERY and err.status.name == "CACI_EQUERY"
    assert err.query == query
    assert isinstance(err.offset, int) and 0 <= err.offset <= len(query)
    assert err.byte_offset == len(query[:err.offset].encode())
    assert "malformed query" in str(err)
    copy = pickle.loads(pickle.dumps(err))  # crosses process boundaries (multiprocessing)
    assert (copy.status, copy.offset, copy.byte_offset, copy.query) == (
        err.status, err.offset, err.byte_offset, err.query)


def test_non_ascii_query_error_offset_is_a_str_index(index):
    with pytest.raises(caci.CaciError) as e:
        index.search("Şuşa Ağdam year:abc")
    err = e.value
    # At the value "abc": index 16 of the str, byte 19 of its UTF-8 (Ş, ş, ğ are 2 bytes each).
    assert (err.offset, err.byte_offset) == (16, 19)
    assert err.query[err.offset:] == "abc"
    with pytest.raises(caci.CaciError) as e:
        index.search('Ağdam "x')
    assert (e.value.offset, e.value.byte_offset) == (6, 7) and e.value.query[6] == '"'


def test_add_remove(names):
    with caci.Index() as ix, caci.parse(names) as doc:
        assert len(ix) == 0
        assert ix.add(doc) == len(doc.articles)
        assert ix.add(doc) == 0
        a = doc.articles[0]
        ix.remove(a.id)
        assert a.id not in ix and len(ix) == len(doc.articles) - 1
        with pytest.raises(caci.CaciError) as e:
            ix.remove(a.id)
        assert e.value.status == caci.Status.CACI_ENOTFOUND
        with pytest.raises(TypeError):
            ix.add("not a document")


def test_ranking_options(doc):
    with caci.Index(doc, field_weights={"title": 10}) as ix:
        assert ix.search("china").total == 2
    with caci.Index(doc, k1=1.5, b=0.5, field_weights=[3, 2, 1.5, 1, 0.5]) as ix:
        assert ix.search("china").total == 2
    with pytest.raises(ValueError):
        caci.Index(doc, field_weights={"titel": 1})
    with pytest.raises(ValueError):
        caci.Index(doc, field_weights=[1, 2])


def test_save_and_open_round_trip(index, tmp_path):
    path = tmp_path / "archive.caci"
    index.save(path)
    with caci.Index.open(path) as loaded:
        assert len(loaded) == len(index)
        for q in ("china", "", '"central asia"'):
            a, b = index.search(q, limit=50, facets=True), loaded.search(q, limit=50, facets=True)
            assert a == b
    assert os.listdir(tmp_path) == ["archive.caci"]  # no temporary file left
    assert path.read_bytes() == index.to_bytes()
    with caci.Index.from_bytes(index.to_bytes()) as again:
        assert len(again) == len(index)


def test_search_only_file(index, tmp_path):
    path = tmp_path / "search-only.caci"
    index.save(str(path), omit_text=True)
    assert path.stat().st_size < len(index.to_bytes())
    with caci.Index.open(str(path)) as loaded:
        a, b = index.search("china"), loaded.search("china")
        assert [h.id for h in a] == [h.id for h in b]
        assert [h.score for h in a] == [h.score for h in b]
        assert all(h.snippet == "" for h in b)
        assert "text_omitted" in b.hits[0].article.flags


def test_save_replaces_atomically(index, tmp_path, monkeypatch):
    path = tmp_path / "archive.caci"
    path.write_bytes(b"old content")
    os.chmod(path, 0o640)
    index.save(path)
    assert path.read_bytes() == index.to_bytes()
    assert (path.stat().st_mode & 0o777) == 0o640  # the replaced file's mode is kept
    # A failure half way leaves the old file intact and no temporary file behind.
    path.write_bytes(b"old content")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(caci.CaciError) as e:
        index.save(path)
    assert e.value.status == caci.Status.CACI_EIO and "unchanged" in str(e.value)
    assert path.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["archive.caci"]


def test_save_into_a_missing_directory(index, tmp_path):
    with pytest.raises(caci.CaciError) as e:
        index.save(tmp_path / "no" / "such" / "dir.caci")
    assert e.value.status == caci.Status.CACI_EIO


def test_open_bad_files(index, tmp_path):
    good = index.to_bytes()
    for name, data in [("truncated", good[: len(good) // 2]), ("header-only", good[:16]),
                       ("empty", b""), ("garbage", b"not an index at all" * 10)]:
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(caci.CaciError) as e:
            caci.Index.open(p)
        assert e.value.status in (caci.Status.CACI_ECORRUPT, caci.Status.CACI_EVERSION), name
        assert e.value.filename == p and name in str(e.value)
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0xFF
    with pytest.raises(caci.CaciError) as e:
        caci.Index.from_bytes(bytes(flipped))
    assert e.value.status == caci.Status.CACI_ECORRUPT
    with pytest.raises(caci.CaciError) as e:
        caci.Index.open(tmp_path / "missing.caci")
    assert e.value.status == caci.Status.CACI_EIO
    assert isinstance(e.value.__cause__, FileNotFoundError)
