"""Document and parse(): parsed pages, their articles, diagnostics and stats."""
import os
from ctypes import byref, c_void_p

from . import _lib as L
from ._errors import CaciError, Status
from ._types import Diagnostic, Stats
from ._support import (_ERRORS, _Handle, _bytes, _check, _inputs, _name_bytes, _parse_options,
                       _read_article, _req)


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

    def _reserve(self, input_bytes):
        # A hint (caci_doc_reserve): the text buffer is sized once instead of doubling as the pages
        # come, which copied it and touched fresh memory at every step. Its status is ignored.
        with self._lock:
            L.lib().caci_doc_reserve(self._handle(), input_bytes)

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


def _input_size(data, path):
    """Bytes of one input: its data, or its file's size (0 when it cannot be stat'ed: reading it
    reports the error)."""
    if path is None:
        return len(data)
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


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
        inputs = _inputs(source)
        if isinstance(source, (list, tuple)):
            inputs = list(inputs)
            doc._reserve(sum(_input_size(data, path) for _, data, path in inputs))
        for name, data, path in inputs:
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
