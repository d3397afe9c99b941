"""Completions, related articles, "did you mean" suggestions and explain (issue 14 items 5-8),
through the C ABI's caci_index_complete, caci_index_related, caci_results_suggestion and
caci_results_explain, checked against the CLI's JSON of the same build and against bad input."""
import json
import subprocess

import pytest

import caci
from conftest import REPO, sample_page


def cli_json(cli, args):
    out = subprocess.run([cli, *args], cwd=REPO, capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def index(names):
    with caci.parse(names) as doc, caci.Index(doc) as ix:
        yield ix


@pytest.fixture(scope="module")
def index_file(names, index, tmp_path_factory):
    path = tmp_path_factory.mktemp("discover") / "pages.caci"
    index.save(path)
    return str(path)


def test_complete_equals_the_cli(cli, index, index_file):
    for prefix in ["kaz", "pipe", "Caspian sea", "x"]:
        native = cli_json(cli, ["complete", index_file, prefix, "--json", "--limit", "7"])
        mine = index.complete(prefix, 7)
        assert [c.to_dict() for c in mine] == native["completions"], prefix
    got = index.complete("kaz", 5)
    assert 0 < len(got) <= 5
    assert all(c.term.startswith("kaz") for c in got)
    assert [c.articles for c in got] == sorted((c.articles for c in got), reverse=True)
    assert isinstance(got[0], caci.Completion)


def test_complete_edge_cases(index):
    assert index.complete("", 10) == []
    assert index.complete("kaz ", 10) == []  # ends in a space: no word to complete
    assert index.complete("kaz", 0) == []
    assert index.complete("k" * 2000, 10) == []  # over 1024 bytes
    assert len(index.complete("a", 5000)) <= 1000  # capped
    assert index.complete("Kaz", 3) == index.complete("kaz", 3)  # folded like a query word
    with pytest.raises(TypeError):
        index.complete(b"kaz")
    with pytest.raises(ValueError):
        index.complete("kaz", -1)


def test_related_equals_the_cli(cli, index, index_file):
    ids = [h.id for h in index.search("", limit=5)]
    for article_id in ids:
        native = cli_json(cli, ["related", index_file, article_id, "--json", "--limit", "6"])
        mine = index.related(article_id, 6)
        assert [h.id for h in mine] == [r["id"] for r in native["related"]], article_id
        assert [float(f"{h.score:.6g}") for h in mine] == [r["score"] for r in native["related"]]
        assert [h.article.to_dict() for h in mine] == [r["article"] for r in native["related"]]
        assert article_id not in [h.id for h in mine]
        assert all(h.snippet == "" for h in mine)
        assert mine.total >= len(mine)
    # An int id works as the hex one.
    assert [h.id for h in index.related(int(ids[0], 16), 3)] == [h.id for h in index.related(ids[0], 3)]


def test_related_bad_input(index):
    with pytest.raises(caci.CaciError) as e:
        index.related("00000000deadbeef")
    assert e.value.status == caci.Status.CACI_ENOTFOUND
    with pytest.raises(caci.CaciError):
        index.related("not an id")
    some = index.search("", limit=1).hits[0].id
    assert len(index.related(some, 0)) == 0
    with pytest.raises(ValueError):
        index.related(some, -2)


def test_suggestions_equal_the_cli(cli, names, index):
    for q in ["kazakstn", "pipline caspian", "title:tbilsi", "china", "zzzzqqq"]:
        out = subprocess.run([cli, "search", *names, q, "--json", "--limit", "3"], cwd=REPO,
                             capture_output=True, timeout=300)
        native = json.loads(out.stdout)
        mine = index.search(q, limit=3, suggest=True)
        assert [s.to_dict() for s in mine.suggestions] == native["suggestions"], q
    assert index.search("kazakstn", suggest=False).suggestions is None
    fixed = index.search("pipline", suggest=True).suggestions
    assert fixed and isinstance(fixed[0], caci.Suggestion)
    assert fixed[0].query == "pipeline"
    assert fixed[0].total == index.search("pipeline").total > 0


def test_suggestion_from_a_made_up_page():
    page = sample_page(lead="Negotiations on the Caspian pipeline resumed.").encode()
    with caci.parse(page) as doc:
        with caci.Index(doc) as ix:
            r = ix.search("pipelne caspian", suggest=True)
            assert r.total == 0
            assert [s.to_dict() for s in r.suggestions] == [{"query": "pipeline caspian", "total": 1}]


def test_explain_parts_sum_to_the_score_and_equal_the_cli(cli, names, index):
    for q in ["pipeline", '"central asia" china', "title:kazakh* OR energy"]:
        out = subprocess.run([cli, "search", *names, q, "--json", "--explain", "--limit", "5"],
                             cwd=REPO, capture_output=True, timeout=300)
        native = json.loads(out.stdout)
        mine = index.search(q, limit=5, explain=True)
        assert [h.id for h in mine] == [h["id"] for h in native["hits"]], q
        for h, n in zip(mine, native["hits"]):
            assert h.explain, q
            assert sum(p.contribution for p in h.explain) == pytest.approx(h.score, rel=1e-9)
            assert [p.to_dict() for p in h.explain] == n["explain"], q
            assert all(p.field in ("title", "author", "lead", "sections", "bio") for p in h.explain)
    assert all(h.explain == () for h in index.search("pipeline", limit=3))
