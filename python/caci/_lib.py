"""Finding and loading libcaci.so, and the ctypes declarations of its C ABI (caci/caci.h).

Search order (the first that exists and loads wins):

1. ``$CACI_LIBRARY``: a path to the library, or to a directory holding ``libcaci.so``. When it is
   set, nothing else is tried, so a wrong value is an error instead of a silent fallback.
2. Beside the package: ``caci/libcaci.so`` (a copy placed there before ``pip install``).
3. When running from a checkout (``python/caci`` inside the repository): the build trees
   ``build/capi/libcaci.so`` and ``build-release/capi/libcaci.so`` of that repository.
4. The system loader path: ``ctypes.util.find_library("caci")``, then ``libcaci.so.0``
   (what ``cmake --install`` puts in the library directory).

The library is loaded on first use, not at ``import caci``.
"""
import ctypes
import ctypes.util
import os
import threading
from ctypes import (POINTER, Structure, c_char_p, c_double, c_float, c_int, c_int32, c_size_t,
                    c_uint32, c_uint64, c_void_p)
from pathlib import Path

# Oldest library whose ABI this package was written against: 0.1.0 (caci_version_number()).
MIN_VERSION_NUMBER = 100
ABI_MAJOR = 0


class LibraryError(OSError):
    """libcaci.so could not be found or loaded, or is of an incompatible version."""


class caci_str(Structure):
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


class caci_diagnostic(Structure):
    _fields_ = [("file", caci_str), ("line", c_uint32), ("column", c_uint32),
                ("byte_start", c_uint64), ("byte_end", c_uint64), ("severity", c_int),
                ("code", caci_str), ("message", caci_str)]


class caci_stats(Structure):
    _fields_ = [("bytes", c_uint64), ("articles", c_uint64), ("duplicates", c_uint64),
                ("bytes_articles", c_uint64), ("bytes_boilerplate", c_uint64),
                ("bytes_unclassified", c_uint64)]


class caci_date(Structure):
    _fields_ = [("year", c_int32), ("month", c_int32), ("day", c_int32)]


class caci_source(Structure):
    _fields_ = [("file", caci_str), ("line", c_uint32), ("byte_start", c_uint64),
                ("byte_end", c_uint64)]


class caci_parse_options(Structure):
    _fields_ = [("version", c_uint32), ("flags", c_uint32)]


# BEGIN GENERATED: fields (tools/gen_tables.py; edit core/tables, not this)
CACI_FIELD_COUNT = 5
FIELD_NAMES = ("title", "authors", "lead", "sections", "bio")  # CACI_FIELD_*
# END GENERATED: fields


class caci_index_options(Structure):
    _fields_ = [("version", c_uint32), ("k1", c_float), ("b", c_float),
                ("field_weights", c_float * CACI_FIELD_COUNT)]


class caci_save_options(Structure):
    _fields_ = [("version", c_uint32), ("flags", c_uint32)]


class caci_search_options(Structure):
    _fields_ = [("version", c_uint32), ("limit", c_uint32), ("offset", c_uint32),
                ("sort", c_uint32), ("flags", c_uint32), ("snippet_bytes", c_uint32)]


class caci_explain(Structure):
    _fields_ = [("element", caci_str), ("field", c_int), ("tf", c_double), ("idf", c_double),
                ("length_norm", c_double), ("weight", c_double), ("contribution", c_double)]


# Pinned constants of caci.h.
CACI_PARSE_OPTIONS_VERSION = 1
CACI_PARSE_STRICT = 0x1
CACI_PARSE_FOLD_QUOTES = 0x2
CACI_JSON = 0
CACI_SEVERITY_ERROR = 1
CACI_INDEX_OPTIONS_VERSION = 1
CACI_SAVE_OPTIONS_VERSION = 1
CACI_SAVE_OMIT_TEXT = 0x1
CACI_SEARCH_OPTIONS_VERSION = 1
CACI_SEARCH_FACETS = 0x1
CACI_SEARCH_NO_SNIPPETS = 0x2
CACI_SEARCH_SUGGEST = 0x8
CACI_SEARCH_EXPLAIN = 0x10
CACI_SORT_RELEVANCE = 0
CACI_SORT_DATE_DESC = 1
CACI_SORT_DATE_ASC = 2
# BEGIN GENERATED: names (tools/gen_tables.py; edit core/tables, not this)
FACET_NAMES = ("author", "year", "kind", "category", "country")  # CACI_FACET_*
SECTION_KIND_NAMES = ("background", "implications", "conclusions")  # CACI_SECTION_*
# END GENERATED: names

_P = c_void_p  # opaque handles and article pointers
_S = c_size_t
_U64P = POINTER(c_uint64)

# name: (restype, argtypes)
_SIGNATURES = {
    "caci_version_number": (c_uint32, []),
    "caci_version_string": (c_char_p, []),
    "caci_unicode_version": (c_char_p, []),
    "caci_status_str": (c_char_p, [c_int]),
    # document
    "caci_parse_options_init": (c_int, [POINTER(caci_parse_options), c_uint32]),
    "caci_doc_new": (c_int, [POINTER(caci_parse_options), POINTER(_P)]),
    "caci_doc_free": (None, [_P]),
    "caci_doc_parse": (c_int, [_P, c_char_p, _S, c_char_p, _S]),
    "caci_doc_reserve": (c_int, [_P, c_uint64]),
    "caci_doc_add_io_error": (c_int, [_P, c_char_p, _S, c_char_p, _S]),
    "caci_doc_article_count": (_S, [_P]),
    "caci_doc_article": (_P, [_P, _S]),
    "caci_doc_diagnostic_count": (_S, [_P]),
    "caci_doc_diagnostic": (c_int, [_P, _S, POINTER(caci_diagnostic)]),
    "caci_doc_stats": (c_int, [_P, POINTER(caci_stats)]),
    "caci_doc_to_json": (c_int, [_P, c_int, POINTER(caci_str)]),
    # article
    "caci_article_id": (c_uint64, [_P]),
    "caci_article_kind": (c_int, [_P]),
    "caci_kind_name": (c_char_p, [c_int]),
    "caci_article_category": (caci_str, [_P]),
    "caci_article_title": (caci_str, [_P]),
    "caci_article_date": (caci_date, [_P]),
    "caci_article_date_source": (c_int, [_P]),
    "caci_date_source_name": (c_char_p, [c_int]),
    "caci_article_outlet": (caci_str, [_P]),
    "caci_article_author_count": (_S, [_P]),
    "caci_article_author_name": (caci_str, [_P, _S]),
    "caci_article_author_affiliation": (caci_str, [_P, _S]),
    "caci_article_author_honorific_count": (_S, [_P, _S]),
    "caci_article_author_honorific": (caci_str, [_P, _S, _S]),
    "caci_article_lead_count": (_S, [_P]),
    "caci_article_lead": (caci_str, [_P, _S]),
    "caci_article_photo_credit": (caci_str, [_P]),
    "caci_article_section_count": (_S, [_P]),
    "caci_article_section_kind": (c_int, [_P, _S]),
    "caci_article_section_heading": (caci_str, [_P, _S]),
    "caci_article_section_paragraph_count": (_S, [_P, _S]),
    "caci_article_section_paragraph": (caci_str, [_P, _S, _S]),
    "caci_article_bio_count": (_S, [_P]),
    "caci_article_bio": (caci_str, [_P, _S]),
    "caci_article_link_count": (_S, [_P]),
    "caci_article_link_title": (caci_str, [_P, _S]),
    "caci_article_flags": (c_uint32, [_P]),
    "caci_flag_name": (c_char_p, [c_uint32]),
    "caci_article_source": (caci_source, [_P]),
    "caci_article_duplicate_count": (_S, [_P]),
    "caci_article_version_count": (_S, [_P]),
    "caci_article_version": (_P, [_P, _S]),
    "caci_article_duplicate": (caci_source, [_P, _S]),
    "caci_article_text": (caci_str, [_P]),
    # index
    "caci_index_options_init": (c_int, [POINTER(caci_index_options), c_uint32]),
    "caci_index_new": (c_int, [POINTER(caci_index_options), POINTER(_P)]),
    "caci_index_free": (None, [_P]),
    "caci_index_add_doc": (c_int, [_P, _P, POINTER(_S)]),
    "caci_index_remove": (c_int, [_P, c_uint64]),
    "caci_index_article_count": (_S, [_P]),
    "caci_index_find": (_P, [_P, c_uint64]),
    "caci_save_options_init": (c_int, [POINTER(caci_save_options), c_uint32]),
    "caci_index_save_with": (c_int, [_P, POINTER(caci_save_options), POINTER(caci_str)]),
    "caci_index_load": (c_int, [c_char_p, _S, POINTER(caci_index_options), POINTER(_P)]),
    "caci_last_load_error": (c_char_p, []),
    "caci_index_error": (c_int, [_P, POINTER(caci_str), POINTER(_S)]),
    "caci_index_set_author_aliases": (c_int, [_P, c_char_p, _S]),
    "caci_index_author_aliases": (caci_str, [_P]),
    "caci_index_person_key": (c_int, [_P, c_char_p, _S, POINTER(caci_str)]),
    "caci_index_article_json": (c_int, [_P, c_uint64, POINTER(caci_str)]),
    # search
    "caci_search_options_init": (c_int, [POINTER(caci_search_options), c_uint32]),
    "caci_index_search": (c_int, [_P, c_char_p, _S, POINTER(caci_search_options), POINTER(_P)]),
    "caci_results_free": (None, [_P]),
    "caci_results_total": (c_uint64, [_P]),
    "caci_results_count": (_S, [_P]),
    "caci_results_article": (_P, [_P, _S]),
    "caci_results_score": (c_double, [_P, _S]),
    "caci_results_snippet": (c_int, [_P, _S, _U64P, _U64P]),
    "caci_results_highlight_count": (_S, [_P, _S]),
    "caci_results_highlight": (c_int, [_P, _S, _S, _U64P, _U64P]),
    "caci_results_facet_count": (_S, [_P, c_int]),
    "caci_results_facet": (c_int, [_P, c_int, _S, POINTER(caci_str), _U64P]),
    # suggestions, completions, related, explain
    "caci_results_suggestion_count": (_S, [_P]),
    "caci_results_suggestion": (c_int, [_P, _S, POINTER(caci_str), _U64P]),
    "caci_results_explain_count": (_S, [_P, _S]),
    "caci_results_explain": (c_int, [_P, _S, _S, POINTER(caci_explain)]),
    "caci_index_complete": (c_int, [_P, c_char_p, _S, _S, POINTER(_P)]),
    "caci_terms_free": (None, [_P]),
    "caci_terms_count": (_S, [_P]),
    "caci_terms_get": (c_int, [_P, _S, POINTER(caci_str), _U64P]),
    "caci_index_related": (c_int, [_P, c_uint64, _S, POINTER(_P)]),
}

_PACKAGE_DIR = Path(__file__).resolve().parent
_LIB_NAMES = ("libcaci.so", "libcaci.so.0", "libcaci.dylib", "caci.dll")
_lock = threading.Lock()
_lib = None
_lib_path = None


def candidates():
    """The places tried, in order, as (how, path-or-name) pairs."""
    env = os.environ.get("CACI_LIBRARY")
    if env:
        p = Path(env)
        if p.is_dir():
            return [("CACI_LIBRARY", str(p / n)) for n in _LIB_NAMES[:2]]
        return [("CACI_LIBRARY", env)]
    out = [("beside the package", str(_PACKAGE_DIR / n)) for n in _LIB_NAMES]
    repo = _PACKAGE_DIR.parent.parent
    if (repo / "capi" / "include" / "caci" / "caci.h").is_file():
        for build in ("build", "build-release"):
            out.append(("build tree of the checkout", str(repo / build / "capi" / "libcaci.so")))
    found = ctypes.util.find_library("caci")
    if found:
        out.append(("system loader path", found))
    out.append(("system loader path", "libcaci.so.0"))
    return out


def _declare(lib, path):
    for name, (restype, argtypes) in _SIGNATURES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise LibraryError(f"{path} has no symbol {name}: it is not libcaci, or too old "
                               f"for this package (set CACI_LIBRARY to the right one)") from None
        fn.restype = restype
        fn.argtypes = argtypes
    v = lib.caci_version_number()
    if v // 10000 != ABI_MAJOR or v < MIN_VERSION_NUMBER:
        raise LibraryError(f"{path} is libcaci {lib.caci_version_string().decode()}, but this "
                           f"package needs {ABI_MAJOR}.x, at least {MIN_VERSION_NUMBER // 100 % 100}."
                           f"{MIN_VERSION_NUMBER % 100}")


def lib():
    """The loaded library (ctypes.CDLL with every function declared). Raises LibraryError."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        explicit = bool(os.environ.get("CACI_LIBRARY"))
        for how, path in candidates():
            is_file_path = os.sep in path
            if is_file_path and not os.path.exists(path):
                tried.append(f"  {path} ({how}): not found")
                continue
            try:
                loaded = ctypes.CDLL(path)
            except OSError as e:
                tried.append(f"  {path} ({how}): {e}")
                continue
            _declare(loaded, path)
            _lib, _lib_path = loaded, (os.path.abspath(path) if is_file_path else path)
            return _lib
        hint = ("CACI_LIBRARY is set: point it at libcaci.so (or unset it)" if explicit else
                "build it (cmake --build build --target caci) and set CACI_LIBRARY to "
                "build/capi/libcaci.so, or install it (cmake --install)")
        raise LibraryError("caci: cannot load libcaci; tried:\n" + "\n".join(tried) + "\n" + hint)


def library_path():
    """Where the loaded library came from (loads it if needed)."""
    lib()
    return _lib_path
