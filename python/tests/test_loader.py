"""How the package finds libcaci, and what it says when it cannot."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import caci
from caci import _lib
from conftest import REPO

PACKAGE = REPO / "python" / "caci"


def run(code, env_changes, cwd=REPO, pythonpath=REPO / "python"):
    env = {k: v for k, v in os.environ.items() if k != "CACI_LIBRARY"}
    env["PYTHONPATH"] = str(pythonpath)
    env.update(env_changes)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60)


def test_version_and_status_names():
    assert caci.library_version().split(".")[0] == caci.__version__.split(".")[0]
    assert caci.unicode_version().count(".") == 2
    lib = _lib.lib()
    for status in caci.Status:
        assert lib.caci_status_str(int(status)).decode() == status.name
    assert caci.Status(-99).name == "CACI_UNKNOWN" and int(caci.Status(-99)) == -99


def test_caci_library_env_wins_and_a_wrong_one_is_an_error(tmp_path):
    out = run("import caci; caci.parse(b'')", {"CACI_LIBRARY": str(tmp_path / "nope.so")})
    assert out.returncode != 0
    assert "LibraryError" in out.stderr and "nope.so" in out.stderr and "CACI_LIBRARY" in out.stderr
    # `import caci` itself does not need the library.
    assert run("import caci", {"CACI_LIBRARY": str(tmp_path / "nope.so")}).returncode == 0


def test_caci_library_may_name_a_directory():
    lib_dir = Path(caci.library_path()).resolve().parent
    out = run("import caci; print(caci.library_path())", {"CACI_LIBRARY": str(lib_dir)})
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).parent == lib_dir


def test_not_a_libcaci(tmp_path):
    libc = "libc.so.6"
    out = run("import caci; caci.parse(b'')", {"CACI_LIBRARY": libc})
    assert out.returncode != 0 and "has no symbol caci_" in out.stderr


def test_library_beside_the_package(tmp_path):
    copy = tmp_path / "caci"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(Path(caci.library_path()).resolve(), copy / "libcaci.so")
    out = run("import caci; print(caci.library_path()); print(len(caci.parse(open(%r,'rb').read())))"
              % str(REPO / "samples" / "2002-news-digest.txt"), {}, cwd=tmp_path, pythonpath=tmp_path)
    assert out.returncode == 0, out.stderr
    path, count = out.stdout.split()
    assert Path(path) == copy / "libcaci.so" and int(count) == 3


def test_search_order(monkeypatch):
    monkeypatch.delenv("CACI_LIBRARY", raising=False)
    order = [how for how, _ in _lib.candidates()]
    first_build = order.index("build tree of the checkout")
    assert order[0] == "beside the package"
    assert max(i for i, h in enumerate(order) if h == "beside the package") < first_build
    assert order[-1] == "system loader path"
    builds = [p for how, p in _lib.candidates() if how == "build tree of the checkout"]
    assert builds[0] == str(REPO / "build" / "capi" / "libcaci.so")
    monkeypatch.setenv("CACI_LIBRARY", "/some/where/libcaci.so")
    assert _lib.candidates() == [("CACI_LIBRARY", "/some/where/libcaci.so")]
