"""The plain Python values the package returns: frozen dataclasses, all copies of the C data, so
they stay valid after the Document or Index they came from is closed."""
from dataclasses import dataclass, field, fields
from typing import Dict, Optional, Tuple


def _plain(value):
    """A value as the CLI's JSON has it: records as dicts, tuples as lists."""
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class _Record:
    """``to_dict()``: every field by name, in declaration order, as the CLI's JSON object of the
    same name has them (the field names are the JSON keys, one list of them to keep)."""
    _not_in_json = ()

    def to_dict(self):
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)
                if f.name not in self._not_in_json}


@dataclass(frozen=True)
class Author(_Record):
    name: str
    honorifics: Tuple[str, ...] = ()
    affiliation: Optional[str] = None


@dataclass(frozen=True)
class Section(_Record):
    kind: Optional[str]  # "background" | "implications" | "conclusions"
    heading: str
    paragraphs: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Link(_Record):
    kind: str  # "pdf"
    title: str


@dataclass(frozen=True)
class Source(_Record):
    """Where an article (or a duplicate of it) is in its input: file name as given, 1-based line,
    byte range of the input."""
    file: str
    line: int
    byte_start: int
    byte_end: int


@dataclass(frozen=True)
class DateParts(_Record):
    """Whatever is known of a date: month-only ("March 2003") and year-less dates are kept."""
    year: Optional[int]
    month: int
    day: Optional[int]


@dataclass(frozen=True)
class Article(_Record):
    """One article: the caci-archive/1 fields of FORMAT.md section 3 plus the extra fields of the
    CLI's JSON. ``to_dict()`` equals the article object of ``caci parse --format json``."""
    id: str  # 16 hex digits
    # BEGIN GENERATED: kind (tools/gen_tables.py; edit core/tables, not this)
    kind: Optional[str]  # "article" | "excerpt" | "teaser" | "digest"
    # END GENERATED: kind
    category: Optional[str]  # "Analytical Articles" | "Field Reports" | "News Digest" | None
    title: Optional[str]
    authors: Tuple[Author, ...]
    date: Optional[str]  # "YYYY-MM-DD", only when year, month and day are known
    date_partial: Optional[str]  # "--MM-DD": a day without a year
    date_parts: Optional[DateParts]
    # BEGIN GENERATED: date_source (tools/gen_tables.py; edit core/tables, not this)
    date_source: Optional[str]  # "byline" | "date_line" | "header" | "issue_header" | "digest_heading"
    # END GENERATED: date_source
    lead: Tuple[str, ...]
    photo_credit: Optional[str]
    outlet: Optional[str]
    sections: Tuple[Section, ...]
    bio: Tuple[str, ...]
    links: Tuple[Link, ...]
    flags: Tuple[str, ...]
    source: Source
    duplicates: Tuple[Source, ...]
    # The article's other versions (an excerpt or teaser and its full article): id and kind each.
    versions: Tuple[Tuple[str, str], ...]
    text_bytes: int  # length in bytes of the UTF-8 article text
    #: The article text (title, lead, section and bio paragraphs, each followed by a newline):
    #: what search snippets and highlights index into.
    text: str = field(default="", repr=False)

    @property
    def year(self):
        return self.date_parts.year if self.date_parts else None

    @property
    def int_id(self):
        return int(self.id, 16)

    _not_in_json = ("text",)

    def to_dict(self):
        """The caci-archive/1 article object, exactly as the CLI's JSON (``text`` is not in it)."""
        d = super().to_dict()
        d["versions"] = [{"id": vid, "kind": vkind} for vid, vkind in self.versions]
        return d


@dataclass(frozen=True)
class Diagnostic(_Record):
    file: str
    line: int  # 1-based (0: the whole file, for io_error)
    column: int  # 1-based byte column
    severity: str  # "warning" | "error"
    code: str  # "invalid_utf8", "unclassified", "io_error", ...
    message: str
    byte_start: int
    byte_end: int


@dataclass(frozen=True)
class Stats(_Record):
    """Byte accounting: bytes == bytes_articles + bytes_boilerplate + bytes_unclassified."""
    bytes: int
    articles: int
    duplicates: int
    bytes_articles: int
    bytes_boilerplate: int
    bytes_unclassified: int


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class ExplainPart(_Record):
    """One query element's share of a hit's score in one field (caci_explain, with
    ``search(..., explain=True)``). An element (a word, a phrase, a NEAR group) scores
    ``idf * T * (k1 + 1) / (T + k1)`` with T the sum over fields of ``weight * tf / length_norm``,
    shared among its fields in proportion to ``weight * tf / length_norm``: the contributions of a
    hit add up to its score. ``to_dict()`` equals an entry of ``caci search --explain --json``."""
    element: str  # the element as query text: pipeline, "border talks", title:gas*
    field: str  # "title" | "author" | "lead" | "sections" | "bio"
    tf: float  # occurrences in the field (matches, for a phrase or NEAR group)
    idf: float
    length_norm: float  # 1 - b + b * field length / average field length
    weight: float  # the field's weight
    contribution: float  # this part of the hit's score


@dataclass(frozen=True)
class Suggestion(_Record):
    """A "did you mean" query: the whole query with its misspelled words corrected (operators
    and fields as typed) and the number of articles it matches."""
    query: str
    total: int


@dataclass(frozen=True)
class Completion(_Record):
    """An indexed term starting with the prefix given to :meth:`Index.complete`, and the number
    of live articles containing it."""
    term: str
    articles: int


@dataclass(frozen=True)
class Hit:
    """One search hit. Offsets are indexes into ``article.text`` (Python str offsets, converted
    from the C ABI's byte offsets): ``hit.text[start:end]`` is a highlighted match."""
    rank: int  # 1-based, counting from the first page
    id: str
    score: float
    title: Optional[str]
    snippet: str  # == text[snippet_start:snippet_end]; "" with snippets off or a search-only index
    snippet_start: int
    snippet_end: int
    highlights: Tuple[Tuple[int, int], ...]  # (start, end) ranges of article.text
    article: Article = field(repr=False)
    #: With ``explain=True``: the score's parts, which add up to ``score``; () otherwise.
    explain: Tuple[ExplainPart, ...] = field(default=(), repr=False)

    @property
    def text(self):
        return self.article.text

    def marked_snippet(self, open="[[", close="]]"):
        """The snippet with each highlight inside it wrapped in ``open``/``close``."""
        out, pos = [], self.snippet_start
        for start, end in self.highlights:
            if start < pos or end > self.snippet_end or start >= end:
                continue
            out += [self.text[pos:start], open, self.text[start:end], close]
            pos = end
        out.append(self.text[pos:self.snippet_end])
        return "".join(out)


@dataclass(frozen=True)
class SearchResults:
    """One page of hits. ``total`` counts every matching article; ``facets`` (with
    ``facets=True``) maps "author", "year", "kind", "category" and "country" to their values, by
    count; ``suggestions`` (with ``suggest=True``) are the "did you mean" queries, best first
    (empty when every word was found in enough articles)."""
    query: str
    total: int
    offset: int
    limit: int
    sort: str  # "relevance" | "date_desc" | "date_asc"
    hits: Tuple[Hit, ...]
    facets: Optional[Dict[str, Tuple[FacetValue, ...]]] = None
    suggestions: Optional[Tuple[Suggestion, ...]] = None

    def __len__(self):
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)

    def __getitem__(self, i):
        return self.hits[i]
