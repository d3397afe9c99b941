"""Shared fixtures: the repository, the pages, the CLI of the same build as the library."""
import os
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The package of this checkout, unless CACI_TEST_INSTALLED=1 asks for the installed one.
if os.environ.get("CACI_TEST_INSTALLED") != "1":
    sys.path.insert(0, str(REPO / "python"))

import caci  # noqa: E402
UNDER_CI = re.fullmatch(r"(?i)true|1", os.environ.get("CI", "")) is not None


def page_names():
    """samples/*.txt and tests/data/fixtures/*.txt, relative to the repository (as the CLI is
    run from there)."""
    names = []
    for d in ("samples", "tests/data/fixtures"):
        names += sorted(str(p.relative_to(REPO)) for p in (REPO / d).glob("*.txt"))
    return names


def require(condition, reason):
    """Skips without `condition`; under CI=true a missing prerequisite fails instead."""
    if condition:
        return
    if UNDER_CI:
        pytest.fail(f"{reason}; under CI=true this test must run, not skip")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    # Pages are named as given: run from the repository root, like the CLI in the parity tests.
    monkeypatch.chdir(REPO)


@pytest.fixture(scope="session")
def names():
    n = page_names()
    assert n, "no pages under samples/ and tests/data/fixtures/"
    return n


@pytest.fixture(scope="session")
def cli():
    """The caci CLI of the build whose libcaci.so is loaded ($CACI_CLI overrides)."""
    if os.environ.get("CACI_CLI"):
        path = Path(os.environ["CACI_CLI"])
    else:
        path = Path(caci.library_path()).resolve().parent.parent / "cli" / "caci"
        if not path.exists():
            path = REPO / "build" / "cli" / "caci"
    require(path.exists(), f"the caci CLI is not built ({path})")
    return str(path)


def sample_page(author="Jane Doe", date="January 29, 2025", lead="A lead paragraph about Caspian pipelines.",
                background="Background text on energy corridors across the region.",
                implications="Implications for Kazakhstan and Azerbaijan.",
                conclusion="A conclusion about regional trade.", bio=None, title=None):
    """A made-up page in the 2025 layout (FORMAT.md section 1), as wasm/test/helpers.mjs."""
    bio = bio or f"{author} is a researcher."
    head = f"{title}\n" if title else ""
    return (f"{head}By {author}\n{date}\n{lead}\nBACKGROUND: {background}\n"
            f"IMPLICATIONS: {implications}\nCONCLUSION: {conclusion}\nAUTHOR BIO: {bio}\n")
