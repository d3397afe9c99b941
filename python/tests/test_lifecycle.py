"""Handles: context managers, close(), finalizers, use after free, threads."""
import gc
import os
import subprocess
import sys
import threading
import weakref

import pytest

import caci
from conftest import REPO, sample_page


def test_context_manager_closes_the_document(names):
    with caci.parse(names) as doc:
        articles = doc.articles
        assert not doc.closed
    assert doc.closed and "closed" in repr(doc)
    # Values already read are copies and stay valid.
    assert articles[0].title is not None or articles[0].lead
    for use in (lambda: doc.articles, lambda: len(doc), lambda: doc.diagnostics,
                lambda: doc.stats, lambda: doc.to_json(), lambda: doc.to_records(),
                lambda: caci.Index(doc), lambda: doc.__enter__()):
        with pytest.raises(caci.CaciError) as e:
            use()
        assert e.value.status == caci.Status.CACI_EINVAL and "closed" in str(e.value)
    doc.close()  # idempotent


def test_using_a_freed_document_in_an_index(names):
    doc = caci.parse(names)
    ix = caci.Index()
    doc.close()
    with pytest.raises(caci.CaciError) as e:
        ix.add(doc)
    assert e.value.status == caci.Status.CACI_EINVAL
    assert len(ix) == 0  # unchanged
    ix.close()


def test_closed_index_raises(names):
    with caci.parse(names) as doc:
        ix = caci.Index(doc)
    hits = ix.search("china")
    with ix:
        pass
    assert ix.closed
    for use in (lambda: ix.search("china"), lambda: len(ix), lambda: ix.article(hits.hits[0].id),
                lambda: ix.save("never.caci"), lambda: ix.to_bytes(), lambda: ix.remove(hits.hits[0].id)):
        with pytest.raises(caci.CaciError) as e:
            use()
        assert e.value.status == caci.Status.CACI_EINVAL
    assert not os.path.exists("never.caci")
    assert hits.hits[0].article.text and hits.hits[0].snippet  # results are copies
    ix.close()


def test_finalizers_free_handles_once(names):
    doc = caci.parse(names)
    ix = caci.Index(doc)
    fd, fi = doc._finalizer, ix._finalizer
    assert fd.alive and fi.alive
    doc.close()
    assert not fd.alive
    ref = weakref.ref(ix)
    del doc, ix
    gc.collect()
    assert ref() is None and not fi.alive


def test_failed_parse_frees_its_document(monkeypatch):
    made = []
    real = caci.Document.__init__

    def spy(self, **kw):
        real(self, **kw)
        made.append(self)

    monkeypatch.setattr(caci.Document, "__init__", spy)
    with pytest.raises(caci.CaciError):
        caci.parse([sample_page().encode(), "no/such/file.txt"])
    assert made and made[0].closed


def test_many_handles_in_a_fresh_interpreter():
    """Create, close, drop and leave handles to the finalizers and to interpreter exit; any
    double free or use after free would crash the child."""
    code = r"""
import gc, caci
page = open("samples/2025-analytical-articles-p1.txt", "rb").read()
keep = []
for i in range(200):
    doc = caci.parse(page)
    ix = caci.Index(doc)
    if i % 3 == 0:
        doc.close(); doc.close()
    if i % 5 == 0:
        with ix: ix.search("water")
    if i % 7 == 0:
        keep.append((doc, ix))   # left for interpreter exit
    try:
        ix.search("(")
    except caci.CaciError:
        pass
    del doc, ix
    if i % 50 == 0:
        gc.collect()
print("ok")
"""
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_one_index_from_many_threads(names):
    with caci.parse(names) as doc, caci.Index(doc) as ix:
        queries = ["china", '"central asia"', "", "water OR pipeline", "econom*"]
        expected = {q: ix.search(q, facets=True) for q in queries}
        errors = []

        def work():
            try:
                for _ in range(20):
                    for q in queries:
                        assert ix.search(q, facets=True) == expected[q]
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
