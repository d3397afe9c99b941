"""Shared by Document and Index: text and id conversions, status checks, the article reader
that copies C data into the dataclasses of _types, and the handle base class."""
import codecs
import os
import threading
import weakref
from ctypes import byref, string_at

from . import _lib as L
from ._errors import CaciError, Status
from ._types import (Article, Author, DateParts, Link, Section, Source)

# One U+FFFD per invalid byte, as the library's JSON writer does (only file names given by the
# user can be invalid UTF-8; the parser's output never is).
_ERRORS = "caci.replace_per_byte"


def _replace_per_byte(exc):
    return ("\ufffd", exc.start + 1)


codecs.register_error(_ERRORS, _replace_per_byte)
_CONTINUATION = bytes(range(0x80, 0xC0))


def _bytes(s):
    return string_at(s.ptr, s.len) if s.ptr and s.len else b""


def _opt(s):
    """A caci_str that may be null."""
    if not s.ptr:
        return None
    return string_at(s.ptr, s.len).decode("utf-8", _ERRORS) if s.len else ""


def _req(s):
    """A caci_str that is always present ("" if the library returned null)."""
    return string_at(s.ptr, s.len).decode("utf-8", _ERRORS) if s.ptr and s.len else ""


def _cstr(p):
    return p.decode("utf-8", _ERRORS) if p is not None else None


def _check(status, message, **kw):
    if status < 0:
        raise CaciError(status, message, **kw)
    return status


def _format_id(i):
    return format(i, "016x")


def _parse_id(article_id):
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        if 0 <= article_id < 1 << 64:
            return article_id
    elif isinstance(article_id, str) and len(article_id) == 16:
        try:
            return int(article_id, 16)
        except ValueError:
            pass
    raise CaciError(Status.CACI_EINVAL,
                    f"an article id is 16 hex digits (or its int), got {article_id!r}")


def _source(s):
    return Source(_req(s.file), s.line, s.byte_start, s.byte_end)


def _version(lib, v):
    return (_format_id(lib.caci_article_id(v)),
            _cstr(lib.caci_kind_name(lib.caci_article_kind(v))))


def _read_article(lib, a):
    """Copies the article at pointer a into an Article; also returns its text as UTF-8 bytes."""
    aid = lib.caci_article_id(a)
    kind = _cstr(lib.caci_kind_name(lib.caci_article_kind(a)))
    authors = []
    for i in range(lib.caci_article_author_count(a)):
        hons = tuple(_req(lib.caci_article_author_honorific(a, i, j))
                     for j in range(lib.caci_article_author_honorific_count(a, i)))
        authors.append(Author(_req(lib.caci_article_author_name(a, i)), hons,
                              _opt(lib.caci_article_author_affiliation(a, i))))
    d = lib.caci_article_date(a)
    date = f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year and d.month and d.day else None
    partial = f"--{d.month:02d}-{d.day:02d}" if not d.year and d.month and d.day else None
    parts = DateParts(d.year or None, d.month, d.day or None) if d.month else None
    sections = []
    for i in range(lib.caci_article_section_count(a)):
        k = lib.caci_article_section_kind(a, i)
        paragraphs = tuple(_req(lib.caci_article_section_paragraph(a, i, j))
                           for j in range(lib.caci_article_section_paragraph_count(a, i)))
        sections.append(Section(L.SECTION_KIND_NAMES[k] if 0 <= k < len(L.SECTION_KIND_NAMES)
                                else None, _req(lib.caci_article_section_heading(a, i)),
                                paragraphs))
    flags_word = lib.caci_article_flags(a)
    flags = []
    for bit in range(32):
        if flags_word & (1 << bit):
            name = lib.caci_flag_name(1 << bit)
            if name is not None:  # unknown bits are not part of the contract
                flags.append(name.decode())
    text = _bytes(lib.caci_article_text(a))
    article = Article(
        id=_format_id(aid),
        kind=kind,
        category=_opt(lib.caci_article_category(a)),
        title=_opt(lib.caci_article_title(a)),
        authors=tuple(authors),
        date=date,
        date_partial=partial,
        date_parts=parts,
        date_source=_cstr(lib.caci_date_source_name(lib.caci_article_date_source(a))),
        lead=tuple(_req(lib.caci_article_lead(a, i))
                   for i in range(lib.caci_article_lead_count(a))),
        photo_credit=_opt(lib.caci_article_photo_credit(a)),
        outlet=_opt(lib.caci_article_outlet(a)),
        sections=tuple(sections),
        bio=tuple(_req(lib.caci_article_bio(a, i)) for i in range(lib.caci_article_bio_count(a))),
        links=tuple(Link("pdf", _req(lib.caci_article_link_title(a, i)))
                    for i in range(lib.caci_article_link_count(a))),
        flags=tuple(flags),
        source=_source(lib.caci_article_source(a)),
        duplicates=tuple(_source(lib.caci_article_duplicate(a, i))
                         for i in range(lib.caci_article_duplicate_count(a))),
        versions=tuple(_version(lib, lib.caci_article_version(a, i))
                       for i in range(lib.caci_article_version_count(a))),
        text_bytes=len(text),
        text=text.decode("utf-8", _ERRORS),
    )
    return article, text


def _char_offsets(data, offsets):
    """Maps byte offsets into UTF-8 `data` to str offsets (an offset inside a character maps to
    the end of that character)."""
    out = {}
    prev_b = prev_c = 0
    for o in sorted(set(offsets)):
        o = min(o, len(data))
        prev_c += len(data[prev_b:o].translate(None, _CONTINUATION))
        prev_b = o
        out[o] = prev_c
    return out


class _Handle:
    """A C handle owned by a Python object: freed once, by close() or by the finalizer."""

    _kind = "handle"

    def _adopt(self, handle, free):
        self._lock = threading.RLock()
        self._h = handle
        self._finalizer = weakref.finalize(self, free, handle)

    def _handle(self):
        h = getattr(self, "_h", None)
        if not h:
            raise CaciError(Status.CACI_EINVAL, f"the {self._kind} is closed")
        return h

    @property
    def closed(self):
        return not getattr(self, "_h", None)

    def close(self):
        """Frees the C handle now. Idempotent; afterwards every use raises CaciError (EINVAL).
        Values already returned (articles, hits) are copies and stay valid."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            self._h = None
            self._finalizer()  # runs the free at most once

    def __enter__(self):
        self._handle()
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _parse_options(strict, fold_quotes):
    lib = L.lib()
    opts = L.caci_parse_options()
    _check(lib.caci_parse_options_init(byref(opts), L.CACI_PARSE_OPTIONS_VERSION), "parse options")
    opts.flags = (L.CACI_PARSE_STRICT if strict else 0) | (L.CACI_PARSE_FOLD_QUOTES if fold_quotes else 0)
    return opts


def _is_bytes_like(x):
    return isinstance(x, (bytes, bytearray, memoryview))


def _inputs(source):
    """Yields (name, data or None, path or None) for every page of `source`."""
    def one(item, position):
        if _is_bytes_like(item):
            return ("<bytes>" if position is None else f"<bytes #{position}>"), bytes(item), None
        if isinstance(item, tuple) and len(item) == 2 and _is_bytes_like(item[1]):
            name = item[0]
            if not isinstance(name, (str, bytes, os.PathLike)):
                raise TypeError(f"caci.parse: a (name, bytes) page needs a str name, got {name!r}")
            return os.fspath(name), bytes(item[1]), None
        if isinstance(item, (str, os.PathLike)):
            return os.fspath(item), None, os.fspath(item)
        raise TypeError("caci.parse takes a path, bytes, a (name, bytes) pair, or an iterable of "
                        f"those; got {type(item).__name__}")

    if _is_bytes_like(source) or isinstance(source, (str, os.PathLike)) or (
            isinstance(source, tuple) and len(source) == 2 and _is_bytes_like(source[1])):
        yield one(source, None)
        return
    try:
        items = iter(source)
    except TypeError:
        raise TypeError("caci.parse takes a path, bytes, a (name, bytes) pair, or an iterable of "
                        f"those; got {type(source).__name__}") from None
    for n, item in enumerate(items, 1):
        yield one(item, n)


def _name_bytes(name):
    return name if isinstance(name, bytes) else os.fsencode(name)
