"""Index: build, save, load and search."""
import os
import stat
import tempfile
from ctypes import byref, c_size_t, c_uint64, c_void_p, string_at

from . import _lib as L
from ._errors import CaciError, Status
from ._types import Completion, ExplainPart, FacetValue, Hit, SearchResults, Suggestion
from ._document import Document
from ._support import (_CONTINUATION, _ERRORS, _Handle, _char_offsets, _check, _cstr, _format_id,
                       _parse_id, _read_article, _req)

_SORTS = {"relevance": L.CACI_SORT_RELEVANCE, "date_desc": L.CACI_SORT_DATE_DESC,
          "date-desc": L.CACI_SORT_DATE_DESC, "date": L.CACI_SORT_DATE_DESC,
          "date_asc": L.CACI_SORT_DATE_ASC, "date-asc": L.CACI_SORT_DATE_ASC}
_SORT_NAMES = {L.CACI_SORT_RELEVANCE: "relevance", L.CACI_SORT_DATE_DESC: "date_desc",
               L.CACI_SORT_DATE_ASC: "date_asc"}
_U32 = (1 << 32) - 1
# caci_explain.field (CACI_FIELD_*) as `caci search --explain --json` names it.
_EXPLAIN_FIELDS = ("title", "author", "lead", "sections", "bio")
# caci_index_complete and caci_index_related cap n at this (caci.h).
_MAX_N = 1000


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
    ``Index()`` is empty. ``k1``, ``b`` and ``field_weights`` (a mapping over the field names
    "title", "authors", ..., or one number per field in that order) tune the ranking;
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
        and the field weights, unset ones at their defaults); without any, the file's are kept.
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

    def set_author_aliases(self, text):
        """Sets the author alias table (lines ``Name = Other Name``, ``#`` comments; caci.h
        "People"): the author facet and ``author:"Name"`` then treat the names of a line as one
        person. A malformed line raises CaciError CACI_EINVAL ("aliases line N: ...") and keeps
        the previous table."""
        if not isinstance(text, str):
            raise TypeError(f"set_author_aliases takes a str, got {type(text).__name__}")
        data = text.encode("utf-8")
        lib = L.lib()
        with self._lock:
            h = self._handle()
            st = lib.caci_index_set_author_aliases(h, data, len(data))
            if st == Status.CACI_EINVAL:
                msg = L.caci_str()
                lib.caci_index_error(h, byref(msg), None)
                raise CaciError(st, _req(msg) or "malformed author alias table")
            _check(st, "cannot set the author aliases")

    @property
    def author_aliases(self):
        """The alias text last set ("" if none)."""
        with self._lock:
            s = L.lib().caci_index_author_aliases(self._handle())
            return string_at(s.ptr, s.len).decode("utf-8") if s.ptr else ""

    def person_key(self, name):
        """The person key of an author name ("Dr. S. Frederick Starr" -> "frederick starr"),
        after the alias table: two names are one person when their keys are equal."""
        if not isinstance(name, str):
            raise TypeError(f"person_key takes a str, got {type(name).__name__}")
        data = name.encode("utf-8")
        out = L.caci_str()
        with self._lock:
            _check(L.lib().caci_index_person_key(self._handle(), data, len(data), byref(out)),
                   "person key")
            return string_at(out.ptr, out.len).decode("utf-8") if out.ptr else ""

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
               snippet_bytes=200, snippets=True, suggest=False, explain=False):
        """Runs a query (the README's query language) and returns :class:`SearchResults`.

        limit/offset page through the hits; sort is "relevance", "date_desc" (or "date") or
        "date_asc"; facets=True also counts all hits by author, year, kind, category and country.
        suggest=True fills ``results.suggestions`` with "did you mean" queries and their totals
        when a query word has no or few hits (CACI_SEARCH_SUGGEST; what ``caci search`` prints);
        explain=True gives each hit ``hit.explain``, its score broken down by query element and
        field (CACI_SEARCH_EXPLAIN; ``caci search --explain``).
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
        opts.flags = ((L.CACI_SEARCH_FACETS if facets else 0) |
                      (0 if snippets else L.CACI_SEARCH_NO_SNIPPETS) |
                      (L.CACI_SEARCH_SUGGEST if suggest else 0) |
                      (L.CACI_SEARCH_EXPLAIN if explain else 0))
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
                return self._read_results(lib, res.value, query, opts, facets, suggest, explain)
            finally:
                lib.caci_results_free(res.value)

    def complete(self, prefix, n=10):
        """Completions (caci_index_complete): up to ``n`` indexed terms starting with the last
        word of ``prefix`` (folded like a query word), most frequent first, as
        :class:`Completion` (term, articles). A prefix that is empty, ends in a space or
        punctuation, or is over 1024 bytes, and n == 0, give []. n is capped at 1000."""
        if not isinstance(prefix, str):
            raise TypeError(f"complete takes a str prefix, got {type(prefix).__name__}")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"n must be a non-negative int, got {n!r}")
        data = prefix.encode("utf-8")
        lib = L.lib()
        terms = c_void_p()
        with self._lock:
            _check(lib.caci_index_complete(self._handle(), data, len(data), min(n, _MAX_N),
                                           byref(terms)), "completion failed")
            try:
                out = []
                term, docs = L.caci_str(), c_uint64()
                for i in range(lib.caci_terms_count(terms.value)):
                    if lib.caci_terms_get(terms.value, i, byref(term), byref(docs)) == Status.CACI_OK:
                        out.append(Completion(_req(term), docs.value))
                return out
            finally:
                lib.caci_terms_free(terms.value)

    def related(self, article_id, n=10):
        """Related articles (caci_index_related, more like this): up to ``n`` articles sharing the
        top tf-idf terms of the article with this id (16 hex digits or its int), best first, as
        :class:`SearchResults` without snippets (``query`` is ""). Never the article itself nor
        another copy of it (a teaser and its full text). ``total`` is the number of articles
        sharing any of those terms. n is capped at 1000. Raises CaciError CACI_ENOTFOUND when
        no live article has that id."""
        i = _parse_id(article_id)
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"n must be a non-negative int, got {n!r}")
        lib = L.lib()
        opts = L.caci_search_options()
        _check(lib.caci_search_options_init(byref(opts), L.CACI_SEARCH_OPTIONS_VERSION),
               "search options")
        opts.limit = min(n, _MAX_N)
        res = c_void_p()
        with self._lock:
            st = lib.caci_index_related(self._handle(), i, min(n, _MAX_N), byref(res))
            if st == Status.CACI_ENOTFOUND:
                raise CaciError(st, f"no article {_format_id(i)} in the index")
            _check(st, "related articles failed")
            try:
                return self._read_results(lib, res.value, "", opts, False, False, False)
            finally:
                lib.caci_results_free(res.value)

    @staticmethod
    def _read_explain(lib, r, i):
        parts = []
        e = L.caci_explain()
        for j in range(lib.caci_results_explain_count(r, i)):
            if lib.caci_results_explain(r, i, j, byref(e)) != Status.CACI_OK:
                continue
            field = _EXPLAIN_FIELDS[e.field] if 0 <= e.field < len(_EXPLAIN_FIELDS) else "?"
            parts.append(ExplainPart(_req(e.element), field, e.tf, e.idf, e.length_norm, e.weight,
                                     e.contribution))
        return tuple(parts)

    @staticmethod
    def _read_results(lib, r, query, opts, facets, suggest=False, explain=False):
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
                article=article, explain=Index._read_explain(lib, r, i) if explain else ()))
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
        suggestions = None
        if suggest:
            q, total = L.caci_str(), c_uint64()
            suggestions = tuple(
                Suggestion(_req(q), total.value)
                for j in range(lib.caci_results_suggestion_count(r))
                if lib.caci_results_suggestion(r, j, byref(q), byref(total)) == Status.CACI_OK)
        return SearchResults(query=query, total=lib.caci_results_total(r), offset=opts.offset,
                             limit=opts.limit, sort=_SORT_NAMES[opts.sort], hits=tuple(hits),
                             facets=facet_map, suggestions=suggestions)

    def __repr__(self):
        if self.closed:
            return "<caci.Index closed>"
        return f"<caci.Index {len(self)} articles>"
