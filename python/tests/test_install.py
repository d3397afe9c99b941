"""`pip install ./python` works offline with Debian's setuptools (no build isolation, no index)."""
import os
import shutil
import subprocess
import sys

from conftest import REPO, require


def test_pip_install_offline(tmp_path):
    have_pip = subprocess.run([sys.executable, "-m", "pip", "--version"],
                              capture_output=True).returncode == 0
    require(have_pip, "pip is not installed for this python (Debian: python3-pip)")
    target = tmp_path / "site"
    # From a copy, so that pip's in-tree build leaves nothing in the checkout.
    source = tmp_path / "src"
    shutil.copytree(REPO / "python", source, ignore=shutil.ignore_patterns(
        "__pycache__", "build", "*.egg-info", ".pytest_cache", "libcaci.so*"))
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation",
                          "--no-index", "--no-deps", "--disable-pip-version-check", "--quiet",
                          "--target", str(target), str(source)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (target / "caci" / "__init__.py").exists() and (target / "caci" / "py.typed").exists()
    assert not (target / "tests").exists()
    import caci
    env = dict(os.environ, PYTHONPATH=str(target), CACI_LIBRARY=caci.library_path())
    code = ("import caci, sys; assert caci.__file__.startswith(sys.argv[1]), caci.__file__; "
            "print(len(caci.parse(sys.argv[2]).articles))")
    run = subprocess.run([sys.executable, "-c", code, str(target),
                          str(REPO / "samples" / "2002-news-digest.txt")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "3"
