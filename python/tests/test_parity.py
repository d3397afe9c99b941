"""Parity: Python, the CLI's JSON (`caci parse|search --json` of the same build) and, when
wasm/dist is built, the wasm module agree on the same pages."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import caci
from conftest import REPO

QUERIES = ["afghanistan", "china pakistan", '"central asia"', "taliban AND uzbekistan",
           "russia OR iran", "kazakhstan NOT china", "econom*", "author:abazov", "corridor",
           "energy", "water NEAR/5 valley", "tbilsi~1", "year:2001..2004", "", "-kind:digest",
           "china AND (", "NOT", '"unclosed phrase', "autor:x"]


def run_cli(cli, args, check=True):
    out = subprocess.run([cli, *args], cwd=REPO, capture_output=True, timeout=300)
    if check and out.returncode != 0:
        raise AssertionError(f"caci {' '.join(args)}: exit {out.returncode}: {out.stderr.decode()}")
    return out


def cli_json(cli, args, check=True):
    return json.loads(run_cli(cli, args, check).stdout)


def test_parse_all_pages_equals_the_cli(cli, names):
    native = cli_json(cli, ["parse", "--format", "json", *names])
    with caci.parse(names) as doc:
        mine = doc.to_dict()
    assert len(mine["articles"]) == len(native["articles"])
    for a, n in zip(mine["articles"], native["articles"]):
        assert a == n, a["id"]
    assert mine["diagnostics"] == native["diagnostics"]
    assert mine == native


def test_parse_each_page_and_options_equal_the_cli(cli, names):
    for name in names:
        with caci.parse(name) as doc:
            assert doc.to_dict() == cli_json(cli, ["parse", "--format", "json", name]), name
    with caci.parse(names, fold_quotes=True) as doc:
        assert doc.to_dict() == cli_json(cli, ["parse", "--format", "json", "--fold-quotes", *names])


def test_unreadable_file_recorded_like_the_cli(cli, names):
    args = [names[0], "no/such/page.txt", names[1]]
    native = run_cli(cli, ["parse", "--format", "json", *args], check=False)
    assert native.returncode == 3
    with caci.parse(args, io_errors="record") as doc:
        assert doc.to_dict() == json.loads(native.stdout)


def test_invalid_utf8_under_strict_like_the_cli(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"By Jane Doe\nJanuary 29, 2025\nA lead \xff paragraph.\n")
    native = run_cli(cli, ["parse", "--strict", str(bad)], check=False)
    assert native.returncode == 1 and native.stdout == b""
    with pytest.raises(caci.CaciError) as e:
        caci.parse(str(bad), strict=True)
    assert e.value.status == caci.Status.CACI_EUTF8
    # The CLI names the same place, file:line:column.
    where = f"{bad}:3:8"
    assert where in native.stderr.decode() and where in str(e.value)


def byte_to_str(text, offset):
    return len(text.encode()[:offset].decode("utf-8", "ignore"))


def compare_search(index, cli, names, query, kwargs, cli_args):
    out = run_cli(cli, ["search", *names, query, "--json", *cli_args], check=False)
    if out.returncode == 2:  # the CLI rejected the query: so must Python
        with pytest.raises(caci.CaciError) as e:
            index.search(query, **kwargs)
        assert e.value.status == caci.Status.CACI_EQUERY, query
        assert f"at byte {e.value.byte_offset}:" in out.stderr.decode(), query
        return
    assert out.returncode == 0, out.stderr
    native = json.loads(out.stdout)
    mine = index.search(query, **kwargs)
    assert mine.total == native["total"], query
    assert [h.id for h in mine] == [h["id"] for h in native["hits"]], query
    for h, n in zip(mine.hits, native["hits"]):
        assert h.rank == n["rank"]
        assert float(f"{h.score:.6g}") == n["score"], query
        assert h.article.to_dict() == n["article"], query
        assert h.snippet == n["snippet"], query
        assert (h.snippet_start, h.snippet_end) == (byte_to_str(h.text, n["snippet_start"]),
                                                     byte_to_str(h.text, n["snippet_end"]))
        assert list(h.highlights) == [(byte_to_str(h.text, s), byte_to_str(h.text, e))
                                      for s, e in n["highlights"]], query
    if "facets" in native:
        assert {k: [{"value": v.value, "count": v.count} for v in vals]
                for k, vals in mine.facets.items()} == native["facets"], query


@pytest.fixture(scope="module")
def index(names):
    with caci.parse(names) as doc, caci.Index(doc) as ix:
        yield ix


def test_search_equals_the_cli(cli, names, index):
    for q in QUERIES:
        compare_search(index, cli, names, q, {"limit": 20, "facets": True},
                       ["--limit", "20", "--facets"])


def test_search_paging_sorting_snippets_equal_the_cli(cli, names, index):
    for q in ["china", '"central asia"', "econom*", ""]:
        compare_search(index, cli, names, q,
                       {"limit": 3, "offset": 2, "sort": "date_desc", "snippet_bytes": 80},
                       ["--limit", "3", "--offset", "2", "--sort", "date", "--snippet-bytes", "80"])
        compare_search(index, cli, names, q, {"limit": 5, "sort": "date_asc"},
                       ["--limit", "5", "--sort", "date-asc"])


def test_index_files_are_interchangeable(cli, names, index, tmp_path):
    cli_file = tmp_path / "cli.caci"
    run_cli(cli, ["index", "-o", str(cli_file), *names])
    # The same pages give the same file, whether the CLI or Python wrote it.
    assert cli_file.read_bytes() == index.to_bytes()
    py_file = tmp_path / "py.caci"
    index.save(py_file)
    for q in ["china", "water NEAR/5 valley", ""]:
        native = cli_json(cli, ["search", str(py_file), q, "--json", "--facets", "--limit", "50"])
        with caci.Index.open(cli_file) as loaded:
            mine = loaded.search(q, limit=50, facets=True)
        assert mine.total == native["total"]
        assert [h.id for h in mine] == [h["id"] for h in native["hits"]]
        assert [h.article.to_dict() for h in mine] == [h["article"] for h in native["hits"]]


WASM_SCRIPT = r"""
const [dist, ...names] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { Caci, Document, Index } = await import(dist + '/caci.mjs');
await Caci.init();
const doc = new Document();
for (const name of names) doc.parse(readFileSync(name), { file: name });
const index = new Index();
index.add(doc);
const searches = {};
for (const q of ['china', '"central asia"', 'econom*', 'water NEAR/5 valley', '']) {
  const r = index.search(q, { limit: 20, facets: true });
  searches[q] = { total: r.total, ids: r.hits.map((h) => h.id), snippets: r.hits.map((h) => h.snippet.text), facets: r.facets };
}
process.stdout.write(JSON.stringify({ doc: doc.toJSON(), searches }));
index.free();
doc.free();
"""


def test_wasm_agrees(cli, names, index):
    dist = Path(os.environ.get("CACI_WASM_DIST", REPO / "wasm" / "dist"))
    node = shutil.which("node")
    if not (dist / "caci.mjs").exists() or not node:
        pytest.skip(f"no wasm build ({dist}/caci.mjs) or no node: wasm parity not checked")
    out = subprocess.run([node, "--input-type=module", "-e", WASM_SCRIPT, "--", str(dist), *names],
                         cwd=REPO, capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    wasm = json.loads(out.stdout)
    native = cli_json(cli, ["parse", "--format", "json", *names])
    if wasm["doc"] != native:
        pytest.skip("wasm/dist differs from this build's CLI: built from other sources "
                    "(rebuild it with wasm/build.sh)")
    with caci.parse(names) as doc:
        assert doc.to_dict() == wasm["doc"]
    for q, w in wasm["searches"].items():
        mine = index.search(q, limit=20, facets=True)
        assert mine.total == w["total"], q
        assert [h.id for h in mine] == w["ids"], q
        assert [h.snippet for h in mine] == w["snippets"], q
        assert {k: [{"value": v.value, "count": v.count} for v in vals]
                for k, vals in mine.facets.items()} == w["facets"], q
