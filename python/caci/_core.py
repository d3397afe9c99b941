"""Document, Index and parse(): the handles over libcaci and the readers that copy C data into
the dataclasses of _types."""
import codecs
import os
import stat
import tempfile
import threading
import weakref
from ctypes import byref, c_size_t, c_uint64, c_void_p, string_at

from . import _lib as L
from ._errors import CaciError, Status
from ._types import (Article, Author, DateParts, Diagnostic, FacetValue, Hit, Link,
                     SearchResults, Section, Source, Stats)

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


class Document(_Handle):
    """Parsed pages (a caci_doc): articles with duplicates merged across pages, diagnostics and
    byte accounting. Made by :func:`caci.parse`. Close it with ``close()`` or ``with``; the
    garbage collector frees it otherwise."""

    _kind = "document"

    def __init__(self, *, strict=False, fold_quotes=False):
        lib = L.lib()
        opts = _parse_options(strict, fold_quotes)
        h = c_void_p()
        _check(lib.caci_doc_new(byref(opts), byref(h)), "cannot create a document")
        self._adopt(h.value, lib.caci_doc_free)
        self.strict = bool(strict)
        self.fold_quotes = bool(fold_quotes)
        self._articles = None
        self._texts = None

    # -- building (used by caci.parse)
    def _add_page(self, name, data):
        lib = L.lib()
        nb = _name_bytes(name)
        with self._lock:
            h = self._handle()
            self._articles = None
            st = lib.caci_doc_parse(h, nb, len(nb), data, len(data))
            if st == Status.CACI_EUTF8:
                where = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in self._diagnostics()
                         if d.code == "invalid_utf8" and d.file == nb.decode("utf-8", _ERRORS)]
                raise CaciError(st, f"invalid UTF-8 in '{name}' (rejected by strict=True)"
                                + ("".join("\n  " + w for w in where[:5])), filename=name)
            _check(st, f"cannot parse '{name}'", filename=name)

    def _add_io_error(self, name, message):
        lib = L.lib()
        nb, mb = _name_bytes(name), message.encode("utf-8", "replace")
        with self._lock:
            self._articles = None
            _check(lib.caci_doc_add_io_error(self._handle(), nb, len(nb), mb, len(mb)),
                   f"cannot record the I/O error of '{name}'", filename=name)

    # -- reading
    @property
    def articles(self):
        """The articles (a tuple of :class:`Article`), in archive order."""
        lib = L.lib()
        with self._lock:
            h = self._handle()
            if self._articles is None:
                self._articles = tuple(_read_article(lib, lib.caci_doc_article(h, i))[0]
                                       for i in range(lib.caci_doc_article_count(h)))
            return self._articles

    def __len__(self):
        with self._lock:
            return L.lib().caci_doc_article_count(self._handle())

    def __iter__(self):
        return iter(self.articles)

    def _diagnostics(self):
        lib = L.lib()
        h = self._handle()
        out = []
        d = L.caci_diagnostic()
        for i in range(lib.caci_doc_diagnostic_count(h)):
            _check(lib.caci_doc_diagnostic(h, i, byref(d)), "diagnostic")
            out.append(Diagnostic(
                _req(d.file), d.line, d.column,
                "error" if d.severity == L.CACI_SEVERITY_ERROR else "warning",
                _req(d.code), _req(d.message), d.byte_start, d.byte_end))
        return tuple(out)

    @property
    def diagnostics(self):
        """A tuple of :class:`Diagnostic`: invalid UTF-8, unclassified spans, unreadable files..."""
        with self._lock:
            return self._diagnostics()

    @property
    def stats(self):
        """:class:`Stats`: the byte accounting of every input."""
        s = L.caci_stats()
        with self._lock:
            _check(L.lib().caci_doc_stats(self._handle(), byref(s)), "stats")
        return Stats(s.bytes, s.articles, s.duplicates, s.bytes_articles, s.bytes_boilerplate,
                     s.bytes_unclassified)

    def to_json(self):
        """The caci-archive/1 JSON text, exactly as ``caci parse --format json`` prints it."""
        out = L.caci_str()
        with self._lock:
            _check(L.lib().caci_doc_to_json(self._handle(), L.CACI_JSON, byref(out)),
                   "cannot serialise the document")
            return _bytes(out).decode("utf-8")

    def to_dict(self):
        """The caci-archive/1 document as Python values (equal to ``json.loads(to_json())``)."""
        with self._lock:
            return {"schema": "caci-archive/1",
                    "articles": [a.to_dict() for a in self.articles],
                    "diagnostics": [d.to_dict() for d in self.diagnostics],
                    "stats": self.stats.to_dict()}

    def to_records(self):
        """One flat dict per article (columns: :data:`caci.RECORD_COLUMNS`), for csv or pandas."""
        return [_record(a) for a in self.articles]

    def to_pandas(self):
        """A pandas DataFrame of :meth:`to_records` (columns :data:`caci.RECORD_COLUMNS`).
        Raises ImportError when pandas is not installed."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError("caci: Document.to_pandas() needs pandas, which is not installed "
                              "(pip install pandas, or apt-get install python3-pandas); "
                              "Document.to_records() gives the same rows as dicts") from e
        df = pandas.DataFrame.from_records(self.to_records(), columns=list(RECORD_COLUMNS))
        for column in ("year", "month", "day"):  # integers with gaps: nullable, not float
            df[column] = df[column].astype("Int64")
        return df

    def __repr__(self):
        if self.closed:
            return "<caci.Document closed>"
        return f"<caci.Document {len(self)} articles>"


RECORD_COLUMNS = (
    "id", "kind", "category", "title", "authors", "affiliations", "date", "date_partial", "year",
    "month", "day", "date_source", "outlet", "photo_credit", "lead", "text", "links", "flags",
    "source_file", "source_line", "source_byte_start", "source_byte_end", "duplicates",
    "text_bytes",
)


def _record(a):
    p = a.date_parts
    return {
        "id": a.id, "kind": a.kind, "category": a.category, "title": a.title,
        "authors": "; ".join(x.name for x in a.authors),
        "affiliations": "; ".join(x.affiliation or "" for x in a.authors) if any(
            x.affiliation for x in a.authors) else "",
        "date": a.date, "date_partial": a.date_partial,
        "year": p.year if p else None, "month": p.month if p else None,
        "day": p.day if p else None, "date_source": a.date_source, "outlet": a.outlet,
        "photo_credit": a.photo_credit, "lead": "\n\n".join(a.lead), "text": a.text,
        "links": "; ".join(link.title for link in a.links), "flags": ",".join(a.flags),
        "source_file": a.source.file, "source_line": a.source.line,
        "source_byte_start": a.source.byte_start, "source_byte_end": a.source.byte_end,
        "duplicates": len(a.duplicates), "text_bytes": a.text_bytes,
    }


def parse(source, *, strict=False, fold_quotes=False, io_errors="raise"):
    """Parses archive pages into one :class:`Document` (duplicates are merged across pages).

    source: a path (str or os.PathLike), the bytes of one page, a ``(name, bytes)`` pair, or an
        iterable of those. Paths are named in the output as given (like the CLI); bytes are named
        ``<bytes>`` (``<bytes #N>`` for the N-th item of a list) unless given as a pair.
    strict: invalid UTF-8 raises CaciError (CACI_EUTF8) naming file, line and column, instead of
        becoming U+FFFD with a warning.
    fold_quotes: fold typographic quotes and apostrophes to ASCII.
    io_errors: "raise" (default): an unreadable file raises CaciError (CACI_EIO) whose
        ``__cause__`` is the OSError; "record": record it as an ``io_error`` diagnostic and go
        on, as ``caci parse`` does.
    """
    if io_errors not in ("raise", "record"):
        raise ValueError(f"io_errors must be 'raise' or 'record', got {io_errors!r}")
    doc = Document(strict=strict, fold_quotes=fold_quotes)
    try:
        for name, data, path in _inputs(source):
            if path is not None:
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError as e:
                    reason = e.strerror or str(e)
                    if io_errors == "record":
                        doc._add_io_error(name, "cannot read file: " + reason)
                        continue
                    raise CaciError(Status.CACI_EIO, f"cannot read '{os.fsdecode(name)}': {reason}",
                                    filename=name) from e
            doc._add_page(name, data)
    except BaseException:
        doc.close()
        raise
    return doc


_SORTS = {"relevance": L.CACI_SORT_RELEVANCE, "date_desc": L.CACI_SORT_DATE_DESC,
          "date-desc": L.CACI_SORT_DATE_DESC, "date": L.CACI_SORT_DATE_DESC,
          "date_asc": L.CACI_SORT_DATE_ASC, "date-asc": L.CACI_SORT_DATE_ASC}
_SORT_NAMES = {L.CACI_SORT_RELEVANCE: "relevance", L.CACI_SORT_DATE_DESC: "date_desc",
               L.CACI_SORT_DATE_ASC: "date_asc"}
_U32 = (1 << 32) - 1


def _u32(name, v):
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= _U32:
        raise ValueError(f"{name} must be an int in 0..{_U32}, got {v!r}")
    return v


def _index_options(k1, b, field_weights):
    if k1 is None and b is None and field_weights is None:
        return None
    lib = L.lib()
    opts = L.caci_index_options()
    _check(lib.caci_index_options_init(byref(opts), L.CACI_INDEX_OPTIONS_VERSION), "index options")
    if k1 is not None:
        opts.k1 = float(k1)
    if b is not None:
        opts.b = float(b)
    if field_weights is not None:
        if hasattr(field_weights, "items"):
            for key, w in field_weights.items():
                if key not in L.FIELD_NAMES:
                    raise ValueError(f"unknown field {key!r} (one of {', '.join(L.FIELD_NAMES)})")
                opts.field_weights[L.FIELD_NAMES.index(key)] = float(w)
        else:
            weights = [float(w) for w in field_weights]
            if len(weights) != L.CACI_FIELD_COUNT:
                raise ValueError(f"field_weights needs {L.CACI_FIELD_COUNT} values "
                                 f"({', '.join(L.FIELD_NAMES)})")
            for i, w in enumerate(weights):
                opts.field_weights[i] = w
    return opts


def _write_atomically(path, data):
    """Writes data to path through a temporary file in the same directory: write, fsync,
    os.replace, fsync of the directory. The old file (if any) stays intact on any failure."""
    target = os.path.realpath(path) if os.path.islink(path) else os.fspath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise CaciError(Status.CACI_EIO, f"cannot write '{path}': {e.strerror}", filename=path) from e
    if st is not None and not stat.S_ISREG(st.st_mode):
        # /dev/null, a FIFO: nothing to keep, written in place.
        try:
            with open(target, "wb") as f:
                f.write(data)
            return
        except OSError as e:
            raise CaciError(Status.CACI_EIO, f"cannot write '{path}': {e.strerror}",
                            filename=path) from e
    directory = os.path.dirname(target) or "."
    unchanged = "; the existing file is unchanged" if st else "; nothing was written"
    try:
        fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp",
                                    dir=directory)
    except OSError as e:
        raise CaciError(Status.CACI_EIO, f"cannot write '{path}': cannot create a temporary file "
                        f"in {directory}: {e.strerror}{unchanged}", filename=path) from e
    try:
        try:
            os.fchmod(fd, (st.st_mode & 0o7777) if st else (0o666 & ~_umask()))
        except OSError:
            pass  # best effort, as the CLI
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException as e:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise CaciError(Status.CACI_EIO, f"cannot write '{path}': {e.strerror or e}{unchanged}",
                            filename=path) from e
        raise
    try:  # make the rename durable; best effort
        dfd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _umask():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


class Index(_Handle):
    """A search index (a caci_index): BM25F ranking, the query language of the README, exact
    totals, facets, snippets and highlights.

    ``Index(doc)`` copies the articles of a :class:`Document` (which can be closed afterwards);
    ``Index()`` is empty. ``k1``, ``b`` and ``field_weights`` (a mapping over "title",
    "authors", "lead", "sections", "bio", or five numbers in that order) tune the ranking;
    unset values keep the library's defaults.
    """

    _kind = "index"

    def __init__(self, doc=None, *, k1=None, b=None, field_weights=None):
        lib = L.lib()
        opts = _index_options(k1, b, field_weights)
        h = c_void_p()
        _check(lib.caci_index_new(byref(opts) if opts is not None else None, byref(h)),
               "cannot create an index")
        self._adopt(h.value, lib.caci_index_free)
        if doc is not None:
            try:
                self.add(doc)
            except BaseException:
                self.close()
                raise

    @classmethod
    def _from_handle(cls, handle):
        self = cls.__new__(cls)
        self._adopt(handle, L.lib().caci_index_free)
        return self

    @classmethod
    def open(cls, path, *, k1=None, b=None, field_weights=None):
        """Loads an index file written by :meth:`save` or ``caci index``.

        The file is read into memory and handed to caci_index_load(), which copies what it needs:
        the C ABI has no memory-mapped open yet, so this costs the file's size in memory once
        while loading. Ranking options given here replace all of those saved in the file (k1, b
        and the five weights, unset ones at their defaults); without any, the file's are kept.
        Raises CaciError: CACI_EIO (unreadable), CACI_ECORRUPT (truncated, checksum, structure),
        CACI_EVERSION (format too new or too old).
        """
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise CaciError(Status.CACI_EIO, f"cannot read '{os.fsdecode(path)}': {e.strerror or e}",
                            filename=path) from e
        return cls.from_bytes(data, k1=k1, b=b, field_weights=field_weights, _name=path)

    @classmethod
    def from_bytes(cls, data, *, k1=None, b=None, field_weights=None, _name=None):
        """Loads an index from the bytes of an index file (see :meth:`open`)."""
        lib = L.lib()
        data = bytes(data)
        opts = _index_options(k1, b, field_weights)
        h = c_void_p()
        st = lib.caci_index_load(data, len(data), byref(opts) if opts is not None else None,
                                 byref(h))
        if st != Status.CACI_OK:
            what = f"'{os.fsdecode(_name)}'" if _name is not None else "the index"
            reason = _cstr(lib.caci_last_load_error()) or ""
            if h.value:  # never on failure, by contract; do not leak if it happens
                lib.caci_index_free(h)
            raise CaciError(st if st < 0 else Status.CACI_EINTERNAL,
                            f"cannot load {what}: {reason}", filename=_name)
        return cls._from_handle(h.value)

    def add(self, doc):
        """Adds every article of ``doc`` not already in the index; returns how many were added."""
        if not isinstance(doc, Document):
            raise TypeError(f"Index.add takes a caci.Document, got {type(doc).__name__}")
        added = c_size_t()
        with self._lock, doc._lock:
            _check(L.lib().caci_index_add_doc(self._handle(), doc._handle(), byref(added)),
                   "cannot add the document")
        return added.value

    def remove(self, article_id):
        """Removes an article by id (16 hex digits or its int). CaciError CACI_ENOTFOUND if absent."""
        i = _parse_id(article_id)
        with self._lock:
            _check(L.lib().caci_index_remove(self._handle(), i),
                   f"no article {_format_id(i)} in the index")

    def __len__(self):
        with self._lock:
            return L.lib().caci_index_article_count(self._handle())

    def __contains__(self, article_id):
        try:
            i = _parse_id(article_id)
        except CaciError:
            return False
        with self._lock:
            return bool(L.lib().caci_index_find(self._handle(), i))

    def article(self, article_id):
        """The stored :class:`Article` with this id (16 hex digits or its int). Raises CaciError
        CACI_ENOTFOUND if there is none."""
        i = _parse_id(article_id)
        lib = L.lib()
        with self._lock:
            a = lib.caci_index_find(self._handle(), i)
            if not a:
                raise CaciError(Status.CACI_ENOTFOUND, f"no article {_format_id(i)} in the index")
            return _read_article(lib, a)[0]

    def to_bytes(self, *, omit_text=False):
        """The index file's bytes (versioned, checksummed, little-endian). ``omit_text=True``
        writes a search-only file: same hits, totals, scores and facets; no paragraphs, empty
        snippets."""
        lib = L.lib()
        so = L.caci_save_options()
        _check(lib.caci_save_options_init(byref(so), L.CACI_SAVE_OPTIONS_VERSION), "save options")
        so.flags = L.CACI_SAVE_OMIT_TEXT if omit_text else 0
        out = L.caci_str()
        with self._lock:
            _check(lib.caci_index_save_with(self._handle(), byref(so), byref(out)),
                   "cannot serialise the index")
            return string_at(out.ptr, out.len) if out.ptr else b""

    def save(self, path, *, omit_text=False):
        """Writes the index file atomically: a temporary file in the same directory, fsync, then
        os.replace over ``path`` (an existing file is intact if anything fails)."""
        _write_atomically(path, self.to_bytes(omit_text=omit_text))

    def search(self, query="", limit=10, offset=0, sort="relevance", facets=False, *,
               snippet_bytes=200, snippets=True):
        """Runs a query (the README's query language) and returns :class:`SearchResults`.

        limit/offset page through the hits; sort is "relevance", "date_desc" (or "date") or
        "date_asc"; facets=True also counts all hits by author, year, kind and category.
        Snippet and highlight offsets are str offsets into ``hit.article.text``.
        A malformed query raises CaciError (CACI_EQUERY) with ``.offset`` (str index into the
        query) and ``.byte_offset``.
        """
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, got {type(query).__name__}")
        if sort not in _SORTS:
            raise ValueError(f"unknown sort {sort!r} (relevance, date_desc, date_asc)")
        lib = L.lib()
        opts = L.caci_search_options()
        _check(lib.caci_search_options_init(byref(opts), L.CACI_SEARCH_OPTIONS_VERSION),
               "search options")
        opts.limit = _u32("limit", limit)
        opts.offset = _u32("offset", offset)
        opts.sort = _SORTS[sort]
        opts.snippet_bytes = _u32("snippet_bytes", snippet_bytes)
        opts.flags = (L.CACI_SEARCH_FACETS if facets else 0) | (
            0 if snippets else L.CACI_SEARCH_NO_SNIPPETS)
        qb = query.encode("utf-8")
        res = c_void_p()
        with self._lock:
            h = self._handle()
            st = lib.caci_index_search(h, qb, len(qb), byref(opts), byref(res))
            if st == Status.CACI_EQUERY:
                msg, at = L.caci_str(), c_size_t()
                lib.caci_index_error(h, byref(msg), byref(at))
                byte_at = at.value
                char_at = len(qb[:byte_at].translate(None, _CONTINUATION))
                raise CaciError(st, f"malformed query at {char_at}: {_req(msg)}", offset=char_at,
                                byte_offset=byte_at, query=query)
            _check(st, "search failed", query=query)
            try:
                return self._read_results(lib, res.value, query, opts, facets)
            finally:
                lib.caci_results_free(res.value)

    @staticmethod
    def _read_results(lib, r, query, opts, facets):
        hits = []
        s, e = c_uint64(), c_uint64()
        for i in range(lib.caci_results_count(r)):
            article, text = _read_article(lib, lib.caci_results_article(r, i))
            if lib.caci_results_snippet(r, i, byref(s), byref(e)) != Status.CACI_OK or \
                    s.value > e.value or e.value > len(text):
                s.value = e.value = 0
            spans = [(s.value, e.value)]
            for j in range(lib.caci_results_highlight_count(r, i)):
                hs, he = c_uint64(), c_uint64()
                if lib.caci_results_highlight(r, i, j, byref(hs), byref(he)) == Status.CACI_OK:
                    spans.append((hs.value, he.value))
            to_char = _char_offsets(text, [o for span in spans for o in span])
            (ss, se), highlights = spans[0], spans[1:]
            hits.append(Hit(
                rank=opts.offset + i + 1, id=article.id, score=lib.caci_results_score(r, i),
                title=article.title, snippet=text[ss:se].decode("utf-8", _ERRORS),
                snippet_start=to_char[min(ss, len(text))], snippet_end=to_char[min(se, len(text))],
                highlights=tuple((to_char[min(a, len(text))], to_char[min(b, len(text))])
                                 for a, b in highlights),
                article=article))
        facet_map = None
        if facets:
            facet_map = {}
            v, count = L.caci_str(), c_uint64()
            for f, fname in enumerate(L.FACET_NAMES):
                values = []
                for j in range(lib.caci_results_facet_count(r, f)):
                    if lib.caci_results_facet(r, f, j, byref(v), byref(count)) == Status.CACI_OK:
                        values.append(FacetValue(_req(v), count.value))
                facet_map[fname] = tuple(values)
        return SearchResults(query=query, total=lib.caci_results_total(r), offset=opts.offset,
                             limit=opts.limit, sort=_SORT_NAMES[opts.sort], hits=tuple(hits),
                             facets=facet_map)

    def __repr__(self):
        if self.closed:
            return "<caci.Index closed>"
        return f"<caci.Index {len(self)} articles>"
