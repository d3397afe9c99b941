"""caci.Status and caci.CaciError."""
import enum


class Status(enum.IntEnum):
    """The pinned caci_status codes of caci.h. ``.name`` is the C name, ``int()`` the code."""

    # BEGIN GENERATED: status (tools/gen_tables.py; edit core/tables, not this)
    CACI_OK = 0
    CACI_DONE = 1
    CACI_EINVAL = -1
    CACI_ENOMEM = -2
    CACI_EIO = -3
    CACI_EUTF8 = -4
    CACI_ECORRUPT = -5
    CACI_EVERSION = -6
    CACI_EQUERY = -7
    CACI_EBUFS = -8
    CACI_ENOTFOUND = -9
    CACI_ERANGE = -10
    CACI_EINTERNAL = -11
    # END GENERATED: status

    @classmethod
    def _missing_(cls, value):
        # A code from a newer library: keep the number, named as caci_status_str() names it.
        if not isinstance(value, int):
            return None
        member = int.__new__(cls, value)
        member._name_ = "CACI_UNKNOWN"
        member._value_ = value
        return member


class CaciError(Exception):
    """An error reported by libcaci (or by this package on its behalf).

    Attributes:
        status: a :class:`Status`: ``e.status.name`` is the caci_status name (``"CACI_EQUERY"``),
            ``int(e.status)`` its code (-7).
        message: what went wrong, in words.
        offset: for a malformed query (CACI_EQUERY), where the problem is, as an index into the
            query ``str``; None otherwise.
        byte_offset: the same position as a byte offset into the query's UTF-8 (what the C ABI
            reports); None otherwise.
        query: the query, for CACI_EQUERY.
        filename: the file concerned (unreadable input, invalid UTF-8 under strict, an index
            file that could not be loaded or saved), or None.
    """

    def __init__(self, status, message, *, offset=None, byte_offset=None, query=None,
                 filename=None):
        self.status = Status(int(status))
        self.message = message
        self.offset = offset
        self.byte_offset = byte_offset
        self.query = query
        self.filename = filename
        super().__init__(message)

    @property
    def code(self):
        """The status as an int."""
        return int(self.status)

    @property
    def status_name(self):
        """The status's C name, e.g. ``"CACI_EQUERY"``."""
        return self.status.name

    def __reduce__(self):  # picklable (multiprocessing), keyword attributes included
        return (_rebuild, (int(self.status), self.message, self.offset, self.byte_offset,
                           self.query, self.filename))

    def __str__(self):
        return f"{self.message} [{self.status.name}]"

    def __repr__(self):
        return f"CaciError({self.status.name}, {self.message!r})"


def _rebuild(status, message, offset, byte_offset, query, filename):
    return CaciError(status, message, offset=offset, byte_offset=byte_offset, query=query,
                     filename=filename)
