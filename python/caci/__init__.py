"""caci: parse and search the Central Asia-Caucasus Analyst archive from Python.

A pure-Python binding (ctypes) over libcaci.so, the library's stable C ABI (caci/caci.h)::

    import caci
    with caci.parse(["pages/2003-1.txt", "pages/2003-2.txt"]) as doc:
        for a in doc.articles:
            print(a.date, a.title, [au.name for au in a.authors])
        with caci.Index(doc) as index:
            for hit in index.search('"border talks" year:2001..2004', limit=5):
                print(hit.score, hit.title, hit.marked_snippet())

Where the library is looked for: ``$CACI_LIBRARY``, beside this package, the build trees of the
checkout this package sits in, then the system loader path (see ``caci._lib``).
Every value returned (articles, diagnostics, hits) is a Python copy; only :class:`Document` and
:class:`Index` hold C handles, released by ``close()``, by ``with``, or by the garbage collector.
"""
from ._document import RECORD_COLUMNS, Document, parse
from ._index import Index
from ._errors import CaciError, Status
from ._lib import LibraryError, library_path
from ._types import (Article, Author, Completion, DateParts, Diagnostic, ExplainPart, FacetValue,
                     Hit, Link, SearchResults, Section, Source, Stats, Suggestion)

__version__ = "0.1.0"

__all__ = [
    "parse", "Document", "Index", "CaciError", "Status", "LibraryError", "RECORD_COLUMNS",
    "Article", "Author", "Completion", "DateParts", "Diagnostic", "ExplainPart", "FacetValue",
    "Hit", "Link", "SearchResults", "Section", "Source", "Stats", "Suggestion", "library_path", "library_version", "unicode_version",
    "__version__",
]


def library_version():
    """Version of the loaded libcaci, e.g. "0.1.0" (caci_version_string())."""
    from . import _lib
    return _lib.lib().caci_version_string().decode()


def unicode_version():
    """Unicode version of the library's normaliser and tokenizer (caci_unicode_version())."""
    from . import _lib
    return _lib.lib().caci_unicode_version().decode()
