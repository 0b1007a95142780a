"""Shared helpers of the file readers: every source module reads its files with these.

This module is the one place for: decoding bytes (BOMs, UTF-16, UTF-8,
Windows-1252), finding a header line by its content, quote-aware CSV parsing
that keeps each record's physical line number, binding columns by name with
aliases, cleaning text, vectorised date parsing with explicit formats, the
rules of job-history dates ("present", a ``Current`` column), per-row report
notes, and writing CSV that is safe from formula injection.

Examples
--------
>>> from netgraph.sources.csvfile import fold, decode
>>> fold(" E-mail_Address ")
'emailaddress'
>>> decode("Zoë".encode("cp1252"), "x.csv")
('Zoë', 'cp1252')
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import lzma
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data.identity import normalise_linkedin_url
from netgraph.errors import InputError
from netgraph.sources.report import ImportReport

__all__ = [
    "CURRENT_WORDS",
    "MAX_BYTES",
    "STRIP_CHARS",
    "TRUE_WORDS",
    "UTC",
    "ZIP_ERRORS",
    "Decoded",
    "HeaderMatch",
    "JobDates",
    "NoRowsError",
    "RawTable",
    "Spec",
    "bind_columns",
    "check_source",
    "clean_series",
    "clean_text",
    "decode",
    "decode_text",
    "emails",
    "find_header",
    "finish_frame",
    "fold",
    "frame_table",
    "head_lines",
    "is_current",
    "is_true",
    "job_dates",
    "load_table",
    "no_rows",
    "normalise_newlines",
    "note_values",
    "parse_dates",
    "parse_table",
    "preview",
    "profile_urls",
    "read_bytes",
    "read_zip_member",
    "safe_csv_cell",
    "sort_issues",
    "to_safe_csv",
    "zip_error_reason",
]

#: The timestamp dtype of every reader output.
UTC = "datetime64[ns, UTC]"

#: A column spec: canonical name -> accepted header spellings (the first is
#: the spelling shown in messages). Matching folds case, spaces, ``_`` and ``-``.
Spec = Mapping[str, Sequence[str]]

# Invisible marks trimmed from the ends of every cell: zero-width and bidi
# marks, word joiners, the BOM.
_INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\ufeff"
)
# Every Unicode whitespace character (str.isspace), NBSP included.
_SPACE = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
#: Characters trimmed from both ends of every text cell.
STRIP_CHARS = _SPACE + _INVISIBLE
# Removed anywhere in a cell: invisible marks that carry no text. ZWJ and
# ZWNJ (U+200C/D) are kept inside text: they join emoji and Indic/Persian
# letters.
_DROP_INSIDE_RE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00]")
_NBSP_RE = re.compile("[\u00a0\u2007\u202f]")
_DROP_CHARS = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\ufeff\x00"
_NBSP_CHARS = "\u00a0\u2007\u202f"

#: Largest zip member or file netgraph reads (bytes): a guard against zip bombs.
MAX_BYTES = 500 * 1024 * 1024

_HEADER_SCAN_LINES = 60
# A header line is short: longer lines (a data line with a huge cell) are not split
# while searching for the header, and longer cells are never column names.
_HEADER_MAX_CHARS = 16_384
_MAX_NAME_CHARS = 200


def fold(name: str) -> str:
    """Fold a column name for matching: lower case, no spaces, ``_`` or ``-``.

    Examples
    --------
    >>> fold("Connected On"), fold("connected_on"), fold("E-mail 1 - Value")
    ('connectedon', 'connectedon', 'email1value')
    """
    name = name.strip(STRIP_CHARS).lower()
    return re.sub(r"[\s_\-\u00a0]+", "", name)


# --------------------------------------------------------------------------- decoding


def read_bytes(path: str | PathLike[str], *, what: str = "file") -> bytes:
    """Read a file's bytes, raising :class:`InputError` when it cannot be read.

    Examples
    --------
    >>> read_bytes("/no/such/Connections.csv")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: /no/such/Connections.csv: file not found. Hint: ...
    """
    p = Path(check_source(path, what, frame=False, data=False))
    try:
        exists, is_dir = p.exists(), p.is_dir()
    except (OSError, ValueError) as err:  # a name too long, a NUL in the name
        raise InputError(f"not a usable file name ({err})", file=preview(str(p), 200),
                         hint=f"Check the path of the {what}.") from err
    if not exists:
        raise InputError("file not found", file=p,
                         hint=f"Check the path of the {what}; the current folder is "
                              f"{Path.cwd()}.")
    if is_dir:
        raise InputError("this is a folder, not a file", file=p,
                         hint=f"Pass the {what} inside it, or use read_linkedin_export() "
                              "for an unzipped LinkedIn export folder.",
                         cli_hint=f"Pass the {what} inside it; import an unzipped LinkedIn "
                                  "export folder with `netgraph import linkedin FOLDER`.")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size / 1e6:.0f} MB)", file=p,
                         expected=f"at most {MAX_BYTES // 2**20} MB",
                         hint="Split the file or check that it is the right one.")
    try:
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror or err})", file=p,
                         hint="Check the file's permissions.") from err


def _looks_utf16(head: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NUL bytes show UTF-16 without BOM."""
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    arr = np.frombuffer(head[:n], dtype=np.uint8)
    even_nul = float(np.mean(arr[0::2] == 0))
    odd_nul = float(np.mean(arr[1::2] == 0))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _escape_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each undecodable byte becomes the lone surrogate U+DC00+byte."""
    if not isinstance(err, UnicodeDecodeError):  # pragma: no cover - decoding only
        raise err
    bad = err.object[err.start:err.end]
    return "".join(chr(0xDC00 + b) for b in bad), err.end


codecs.register_error("netgraph.escape", _escape_bytes)

# Undecodable bytes, escaped as lone surrogates (never found in strictly decoded text).
_ESCAPED_RE = re.compile("[\udc00-\udcff]+")
# Lines with undecodable bytes listed one by one in the report (all are counted).
_MAX_BAD_LISTED = 1000


@dataclass
class Decoded:
    """A decoded text file, as :func:`decode_text` returns it.

    Attributes
    ----------
    text : str
        The text; newlines normalised to ``\\n``; undecodable bytes replaced
        by U+FFFD.
    encoding : str
        The encoding used: ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``,
        ``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32"`` or ``"cp1252"``.
    bad : list of (int, int, str)
        The lines holding undecodable bytes (the first 1000): 1-based line,
        1-based column of the first bad byte, and the line's first bad bytes
        in hex.
    bad_lines : int
        How many lines hold undecodable bytes.
    """

    text: str
    encoding: str
    bad: list[tuple[int, int, str]] = field(default_factory=list)
    bad_lines: int = 0


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _locate_escapes(text: str, stop_at: int) -> tuple[list[tuple[int, int, str]], int]:
    """The lines of *text* holding escaped bytes (one entry per line) and their count.

    Stops counting once more than *stop_at* lines are bad (the file is refused).
    One search per bad line: the cost is O(size), also for binary garbage.
    """
    found: list[tuple[int, int, str]] = []
    count = 0
    line, pos = 1, 0
    m = _ESCAPED_RE.search(text)
    while m is not None:
        start = m.start()
        line += text.count("\n", pos, start)
        pos = start
        count += 1
        if len(found) < _MAX_BAD_LISTED:
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append((line, col, " ".join(f"0x{ord(c) - 0xDC00:02X}"
                                              for c in m.group()[:6])))
        if count > stop_at:
            break
        nl = text.find("\n", start)
        if nl < 0:
            break
        m = _ESCAPED_RE.search(text, nl)
    return found, count


def decode_text(data: bytes, file: str) -> Decoded:
    """Decode a text file's bytes, tolerating a few undecodable bytes.

    The encoding is chosen as by :func:`decode`. When a few bytes do not
    decode (a stray byte left by a spreadsheet re-save, a damaged
    character), they become U+FFFD and :attr:`Decoded.bad` lists the line
    and column of each affected line, for the import report. A file that
    is mostly undecodable (more than a quarter of its lines) is refused.

    Raises
    ------
    InputError
        The bytes are a ZIP/XLSX archive, binary, or mostly undecodable (the
        message names the first bad line).

    Examples
    --------
    >>> d = decode_text("Name\\nZoë\\nJosé\\n".encode() + b"Ren\\x81e\\n", "c.csv")
    >>> d.text.splitlines()[3], d.encoding, d.bad
    ('Ren\\ufffde', 'utf-8', [(4, 4, '0x81')])
    """
    hint = ("Open the file in a spreadsheet program and save it as 'CSV UTF-8', or "
            "export it again from LinkedIn.")
    if data[:4] == b"PK\x03\x04":
        raise InputError(
            "this is a ZIP archive (or an .xlsx workbook), not a CSV file", file=file,
            expected="a CSV text file",
            hint="Pass a LinkedIn export .zip to read_linkedin_export() or "
                 "Network.import_linkedin(); save a workbook as CSV first.",
            cli_hint="Import a LinkedIn export .zip with `netgraph import linkedin FILE.zip`; "
                     "save a workbook as CSV first.")
    enc = ""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        enc = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    else:
        enc = _looks_utf16(data[:4000]) or ""
    clean = True  # decoded strictly: no escaped bytes to look for
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text, clean = data.decode(enc, "netgraph.escape"), False
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            clean = False
            text = data.decode("utf-8", "surrogateescape")
            n_bad = len(text) - len(_ESCAPED_RE.sub("", text))
            n_high = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) >= 0x80))
            if n_high - n_bad >= n_bad:
                enc = "utf-8"  # UTF-8 with a few stray bytes
            else:
                enc = "cp1252"
                try:
                    text, clean = data.decode("cp1252"), True
                except UnicodeDecodeError:
                    text = data.decode("cp1252", "surrogateescape")
                if text.startswith("\u00ef\u00bb\u00bf"):
                    text = text[3:]
    head = text[:4000]
    if "\x00" in head and head.count("\x00") > 8:
        first = head.index("\x00")
        raise InputError("cannot decode the file: it holds binary data (NUL bytes)",
                         file=file, line=head.count("\n", 0, first) + 1,
                         expected="a CSV text file", hint=hint)
    text = _newlines(text.lstrip("\ufeff"))
    if clean or not _ESCAPED_RE.search(text):
        return Decoded(text, enc)
    n_lines = text.count("\n") + 1
    stop_at = n_lines // 4
    bad, count = _locate_escapes(text, stop_at)
    if count > stop_at:
        line, col, _ = bad[0]
        raise InputError(
            f"cannot decode the file: more than {stop_at} of its {n_lines} lines hold bytes "
            f"that are not {'UTF-8 or Windows-1252' if enc in ('utf-8', 'cp1252') else enc} "
            f"text (the first at column {col})", file=file, line=line,
            expected="a CSV text file", hint=hint)
    return Decoded(_ESCAPED_RE.sub("\ufffd", text), enc, bad, count)


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)``.

    BOMs (UTF-8, UTF-16 LE/BE, UTF-32) win; then UTF-16 without a BOM (found
    by its NUL bytes); then UTF-8 (also with a few stray bytes, when most
    non-ASCII bytes are valid UTF-8); then Windows-1252 (the caller records
    a warning when ``encoding == "cp1252"``). The BOM is removed, newlines
    become ``\\n`` and undecodable bytes U+FFFD (:func:`decode_text` says
    where they were).

    Raises
    ------
    InputError
        The bytes are a ZIP/XLSX archive, binary, or mostly undecodable.

    Examples
    --------
    >>> decode("\\ufeffFirst Name".encode("utf-8"), "c.csv")
    ('First Name', 'utf-8-sig')
    >>> decode("Zoë".encode("utf-16"), "c.csv")
    ('Zoë', 'utf-16')
    """
    d = decode_text(data, file)
    return d.text, d.encoding


# --------------------------------------------------------------------------- text cleaning


def clean_text(value: Any) -> str:
    """Clean one cell: ``""`` for missing, trim whitespace/NBSP/invisible marks.

    Examples
    --------
    >>> clean_text("\\u200b Ada\\u00a0Lovelace\\u00a0 ")
    'Ada Lovelace'
    >>> clean_text(None), clean_text(float("nan"))
    ('', '')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    s = str(value)
    s = _DROP_INSIDE_RE.sub("", s)
    s = _NBSP_RE.sub(" ", s)
    return s.strip(STRIP_CHARS)


def clean_series(s: pd.Series, *, inside: bool = True) -> pd.Series:
    """Vectorised :func:`clean_text`: object dtype of ``str``, ``""`` for missing.

    Parameters
    ----------
    s : pandas.Series
    inside : bool
        Also drop invisible marks and turn NBSP into a space inside the text
        (file readers already did this on the whole text, so they pass False).

    Examples
    --------
    >>> import pandas as pd
    >>> clean_series(pd.Series([" a\\u200b", None, 3])).tolist()
    ['a', '', '3']
    """
    s = s.astype(object)
    missing = s.isna()
    if missing.any():
        s = s.where(~missing, "")
    if not s.map(type).eq(str).all():
        s = s.map(lambda v: v if isinstance(v, str) else str(v))
    if inside:
        s = s.str.replace(_DROP_INSIDE_RE, "", regex=True).str.replace(_NBSP_RE, " ", regex=True)
    out = s.str.strip(STRIP_CHARS)
    return out.astype(object)


def preview(text: str, limit: int = 80) -> str:
    """Shorten *text* for an error message.

    Examples
    --------
    >>> preview("x" * 100, 10)
    'xxxxxxxxx…'
    """
    text = text.replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- headers & parsing


def bind_columns(cells: Sequence[str], spec: Spec) -> dict[str, int]:
    """Map canonical names of *spec* to header cell positions (first match wins).

    Cells longer than any alias cannot match and are not folded, so a huge
    cell costs nothing.

    Examples
    --------
    >>> bind_columns(["URL", "first_name", "Junk"],
    ...              {"first_name": ["First Name"], "url": ["URL", "Profile URL"]})
    {'first_name': 1, 'url': 0}
    """
    positions: dict[str, list[int]] = {}
    for i, c in enumerate(cells):
        if len(c) <= _MAX_NAME_CHARS:
            positions.setdefault(fold(c), []).append(i)
    taken: set[int] = set()
    out: dict[str, int] = {}
    for canon, aliases in spec.items():
        best = None
        for key in {fold(a) for a in aliases}:
            i = next((i for i in positions.get(key, ()) if i not in taken), None)
            if i is not None and (best is None or i < best):
                best = i
        if best is not None:
            out[canon] = best
            taken.add(best)
    return out


@dataclass
class HeaderMatch:
    """A header line found by content: its 0-based index among the normalised lines."""

    index: int
    cells: list[str]
    bound: dict[str, int]
    delimiter: str = ","


def _split_cells(line: str, delimiter: str = ",") -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


#: Delimiters tried for the header: spreadsheets in many locales save CSV with ";".
_DELIMITERS = (",", ";", "\t")


def find_header(lines: Sequence[str], spec: Spec) -> HeaderMatch | None:
    """Find the line binding the most columns of *spec* (earliest on ties).

    Blank lines, a ``Notes:`` preamble (plain or padded with commas) and any
    other line whose cells are not column names are passed over. Cells are
    split on commas, or on semicolons or tabs when that binds more columns
    (spreadsheets in many locales save CSV with ``;``). Returns None when no
    line binds any column.

    Examples
    --------
    >>> lines = ["Notes:", '"Some, text"', "", "First Name,Last Name,URL"]
    >>> find_header(lines, {"first_name": ["First Name"], "url": ["URL"]}).index
    3
    """
    best: HeaderMatch | None = None
    for i, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        if len(line) > _HEADER_MAX_CHARS or not line.strip(STRIP_CHARS + ","):
            continue  # a data line with a huge cell, not a header: never split it
        for delim in _DELIMITERS:
            if delim != "," and delim not in line:
                continue
            cells = _split_cells(line, delim)
            bound = bind_columns(cells, spec)
            if bound and (best is None or len(bound) > len(best.bound)):
                best = HeaderMatch(i, cells, bound, delim)
    return best


def head_lines(text: str) -> list[str]:
    """The first 60 lines of *text*, searched for the header.

    Each line is cut after 16,385 characters, so a huge cell is never copied
    (and :func:`find_header` passes over such a line): the cost is bounded
    whatever the file holds.

    Examples
    --------
    >>> [len(x) for x in head_lines("a,b\\n" + "x" * 10**6 + "\\nc")]
    [3, 16385, 1]
    """
    out: list[str] = []
    pos, n = 0, len(text)
    while len(out) < _HEADER_SCAN_LINES and pos <= n:
        nl = text.find("\n", pos, pos + _HEADER_MAX_CHARS + 1)
        if nl >= 0:
            out.append(text[pos:nl])
            pos = nl + 1
            continue
        out.append(text[pos:pos + _HEADER_MAX_CHARS + 1])
        if n - pos <= _HEADER_MAX_CHARS:
            break
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return out


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; invisible marks and NUL go; NBSP becomes a space.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc\\u00a0d\\u200b")
    'a\\nb\\nc d'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # str.find is fast (and instant when the text cannot hold the character).
    if any(ch in text for ch in _DROP_CHARS):
        text = _DROP_INSIDE_RE.sub("", text)
    if any(ch in text for ch in _NBSP_CHARS):
        text = _NBSP_RE.sub(" ", text)
    return text


@dataclass
class RawTable:
    """Rows of one file or frame, bound to canonical columns.

    Attributes
    ----------
    file : str
        The file name (``"<DataFrame>"`` for a frame).
    header : list of str
        The header cells as written.
    columns : dict of str to Series
        Canonical name -> raw column (object ``str`` for files; a frame's own
        column for frames, which :meth:`text` cleans).
    line : numpy.ndarray
        int64 1-based physical line of each row's start.
    """

    file: str
    header: list[str]
    columns: dict[str, pd.Series]
    line: np.ndarray
    report: ImportReport
    encoding: str = ""
    header_line: int | None = None
    cleaned: bool = False

    def __len__(self) -> int:
        return len(self.line)

    def has(self, name: str) -> bool:
        """True when the column was found."""
        return name in self.columns

    def text(self, name: str) -> pd.Series:
        """The cleaned text column (``""`` everywhere when the column is absent)."""
        if name not in self.columns:
            return pd.Series([""] * len(self.line), dtype=object)
        col = self.columns[name]
        if self.cleaned:
            return col
        return clean_series(col)

    def raw(self, name: str) -> pd.Series | None:
        """The column as read (None when absent)."""
        return self.columns.get(name)


def parse_table(
    text: str,
    file: str,
    spec: Spec,
    report: ImportReport,
    *,
    header: HeaderMatch | None = None,
    normalised: bool = False,
) -> RawTable:
    """Parse CSV *text* from its header on, RFC 4180 quote-aware.

    Each record keeps the 1-based physical line of its start, also when
    quoted cells hold newlines. Blank lines (and lines of only commas or
    spaces) are not data and are passed over silently. Short rows are padded with ``""``;
    cells beyond the header are ignored (with a warning when not empty).
    ``report.rows_read`` is set to the number of data records.

    Parameters
    ----------
    text : str
        The decoded file.
    file : str
        Its name, for messages.
    spec : mapping
        Canonical column -> accepted header spellings.
    report : ImportReport
    header : HeaderMatch, optional
        A header already found in *text*.
    normalised : bool
        *text* already went through :func:`normalise_newlines`.

    Raises
    ------
    InputError
        No header binds any column of *spec*, or a quoted cell is never closed.

    Examples
    --------
    >>> from netgraph.sources.report import ImportReport
    >>> t = parse_table('Notes:\\n\\nName,Note\\nAda,"two\\nlines"\\n\\nBob,x\\n', "f.csv",
    ...                 {"name": ["Name"], "note": ["Note"]}, ImportReport())
    >>> t.line.tolist(), t.columns["note"].tolist()
    ([4, 7], ['two\\nlines', 'x'])
    """
    if not normalised:
        text = normalise_newlines(text)
    head = header or find_header(head_lines(text), spec)
    if head is None:
        raise InputError("no header line found", file=file,
                         expected="a header with " + ", ".join(repr(a[0]) for a in spec.values()),
                         hint="Check that this is the right kind of file.")
    # Offset of the first character after the header line.
    pos = 0
    for _ in range(head.index + 1):
        nl = text.find("\n", pos)
        pos = len(text) if nl < 0 else nl + 1
    body = text[pos:]
    header_line = head.index + 1

    gc_was_on = gc.isenabled()
    gc.disable()  # tens of thousands of small lists: the cyclic GC would only slow us down
    try:
        return _parse_body(body, file, spec, report, head, header_line)
    finally:
        if gc_was_on:
            gc.enable()


def _parse_body(body: str, file: str, spec: Spec, report: ImportReport, head: HeaderMatch,
                header_line: int) -> RawTable:
    ncols = len(head.cells)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, 2**31 - 1))
    try:
        records = list(csv.reader(io.StringIO(body), delimiter=head.delimiter))
    except csv.Error as err:
        reader = csv.reader(io.StringIO(body), delimiter=head.delimiter)
        prev = 0
        try:
            for _ in reader:
                prev = reader.line_num
        except csv.Error:
            pass
        raise InputError(f"malformed CSV ({err})", file=file, line=header_line + prev + 1,
                         expected="RFC 4180 CSV",
                         hint="Export the file again, or open and re-save it as CSV.") from err
    finally:
        csv.field_size_limit(old_limit)

    # Physical lines: a record spans 1 + (newlines inside its cells) lines; blank lines
    # come back as empty records. Without multi-line cells, record i is line i.
    n_lines = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    if len(records) == n_lines:
        starts = np.arange(len(records), dtype=np.int64)
    else:
        spans = np.fromiter((1 + "".join(r).count("\n") for r in records), dtype=np.int64,
                            count=len(records))
        starts = np.concatenate([[0], np.cumsum(spans)[:-1]]) if len(records) else spans
    data = [i for i, r in enumerate(records) if r and (r[0].strip() or "".join(r).strip())]
    rows = [records[i] for i in data] if len(data) != len(records) else records
    line = starts[data] + header_line + 1 if len(data) else np.empty(0, dtype=np.int64)
    line = np.asarray(line, dtype=np.int64)
    if rows and "\n" in "".join(rows[-1]) and _unterminated(
            body, int(starts[data[-1]]), head.delimiter):
        raise InputError(
            "a quoted cell is never closed: it swallows the rest of the file",
            file=file, line=int(line[-1]),
            expected="a closing double quote (\") before the end of the cell",
            hint="Fix or remove the stray quote on that line, or export the file again.")

    lens = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    if len(rows) and (lens != ncols).any():
        if rows is records:
            rows = list(rows)
        for i in np.flatnonzero(lens < ncols):
            rows[i] = rows[i] + [""] * (ncols - len(rows[i]))
        long_rows = np.flatnonzero(lens > ncols)
        bad_long = [int(i) for i in long_rows if any(c.strip() for c in rows[i][ncols:])]
        if bad_long:
            report.warn_many(line[bad_long],
                             f"row has more cells than the header's {ncols}: extra cells "
                             "ignored (an unquoted comma?)")
        for i in long_rows:
            rows[i] = rows[i][:ncols]

    # Cells are trimmed here (invisible marks inside were dropped from the whole text).
    strip = (lambda c: c.strip(STRIP_CHARS)) if ("\u200c" in body or "\u200d" in body) \
        else str.strip
    table = list(zip(*rows, strict=True)) if rows else [()] * ncols
    columns: dict[str, pd.Series] = {}
    for canon, idx in head.bound.items():
        columns[canon] = pd.Series(list(map(strip, table[idx])), dtype=object)
    report.rows_read = len(rows)
    return RawTable(file=file, header=list(head.cells), columns=columns, line=line,
                    report=report, header_line=header_line, cleaned=True)


def _unterminated(body: str, start: int, delimiter: str) -> bool:
    """True when the record starting at 0-based line *start* runs into the end of
    *body* inside a quoted cell (an unclosed quote), checked with a strict parser."""
    off = 0
    if start:
        pos = len(body)
        for _ in range(body.count("\n") - start + 1):
            pos = body.rfind("\n", 0, pos)
        off = pos + 1
    try:
        list(csv.reader(io.StringIO(body[off:]), delimiter=delimiter, strict=True))
    except csv.Error as err:
        return "end of data" in str(err) or "EOF" in str(err)
    return False


def frame_table(frame: pd.DataFrame, spec: Spec, report: ImportReport) -> RawTable:
    """Bind a DataFrame's columns like a file's header; ``line`` is position + 2.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.sources.report import ImportReport
    >>> t = frame_table(pd.DataFrame({"Full Name": ["Ada"]}), {"name": ["Name", "Full Name"]},
    ...                 ImportReport())
    >>> t.line.tolist(), t.text("name").tolist()
    ([2], ['Ada'])
    """
    cells = [str(c) for c in frame.columns]
    bound = bind_columns(cells, spec)
    columns = {canon: frame.iloc[:, idx].reset_index(drop=True) for canon, idx in bound.items()}
    report.rows_read = len(frame)
    return RawTable(file="<DataFrame>", header=cells, columns=columns,
                    line=np.arange(2, len(frame) + 2, dtype=np.int64), report=report)


def check_source(source: Any, what: str = "file", *, frame: bool = True,
                 data: bool = True) -> str | PathLike[str] | pd.DataFrame | bytes:
    """Check what a reader was given: a path, or (where taken) bytes or a DataFrame.

    Bytes-like objects (``bytearray``, ``memoryview``) come back as ``bytes``.

    Parameters
    ----------
    source : object
        The reader's argument.
    what : str
        What the file is, for the message ("contacts table").
    frame, data : bool
        Whether a pandas DataFrame, and bytes, are accepted.

    Raises
    ------
    InputError
        *source* is of another type (None, a dict, a number, ...).

    Examples
    --------
    >>> check_source(b"a,b", "contacts table")
    b'a,b'
    >>> check_source(None, "contacts table")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: cannot read a contacts table from None. Expected a file path ...
    """
    if isinstance(source, str | PathLike):
        return source
    if data and isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if frame and isinstance(source, pd.DataFrame):
        return source
    kinds = ["a file path (str or pathlib.Path)"]
    if data:
        kinds.append("the file's bytes")
    if frame:
        kinds.append("a pandas DataFrame")
    kind = type(source).__name__
    got = "None" if source is None else f"{_a(kind)} {kind} ({preview(repr(source), 40)})"
    raise InputError(f"cannot read {_a(what)} {what} from {got}",
                     expected=", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1
                     else kinds[0],
                     hint=f"Pass the path of the {what}, e.g. 'exports/{_example(what)}'.")


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _example(what: str) -> str:
    name = what.split()[-1]
    return name if name.endswith(".csv") else "file.csv"


def load_table(
    source: str | PathLike[str] | pd.DataFrame | bytes,
    spec: Spec,
    kind: str,
    *,
    required: Sequence[Sequence[str]] = (),
    what: str = "file",
    file: str | None = None,
    on_bad_header: Callable[[str, list[str]], None] | None = None,
) -> RawTable:
    """Read a file (path or bytes) or frame into a :class:`RawTable` and check columns.

    Parameters
    ----------
    source : path, bytes or DataFrame
    spec : mapping
        Canonical column -> accepted header spellings.
    kind : str
        The report's kind.
    required : sequence of sequences of str
        Each inner sequence is a group of canonical columns of which at least
        one must be present.
    what : str
        What the file is, for hints ("Connections.csv").
    file : str, optional
        The name to report (default: the path, or ``"<DataFrame>"``).
    on_bad_header : callable, optional
        Called with ``(file, first_lines)`` when no header is found or a
        required column is missing, before the generic error; may raise a
        more specific one (e.g. "this looks like a messages file").

    Examples
    --------
    >>> t = load_table(b"name,email\\nAda,ada@example.org\\n", {"name": ["Name"]}, "people",
    ...                required=[["name"]], file="p.csv")
    >>> t.report.rows_read, t.line.tolist()
    (1, [2])
    """
    source = check_source(source, what)
    if isinstance(source, pd.DataFrame):
        report = ImportReport(file=file or "<DataFrame>", kind=kind)
        table = frame_table(source, spec, report)
    else:
        if isinstance(source, bytes):
            label = file or "<bytes>"
            data = source
        else:
            label = file or str(source)
            data = read_bytes(source, what=what)
        report = ImportReport(file=label, kind=kind)
        dec = decode_text(data, label)
        text, enc = dec.text, dec.encoding
        if enc == "cp1252":
            report.warn(None, "the file is not UTF-8: decoded as Windows-1252 (cp1252)")
        for ln, col, hexes in dec.bad:
            report.warn(ln, f"undecodable byte(s) {hexes} at column {col}: replaced with "
                            f"'\ufffd' (the rest of the line was read)")
        if dec.bad_lines > len(dec.bad):
            report.warn(None, f"{dec.bad_lines - len(dec.bad)} more lines hold undecodable "
                              "bytes (replaced with '\ufffd')")
        text = normalise_newlines(text)
        if not text.strip(STRIP_CHARS + ","):
            raise NoRowsError("the file is empty", file=label,
                              expected=f"a header line and data rows of a {what}",
                              hint="Export the file again; it may have been cut off.")
        lines = head_lines(text)
        head = find_header(lines, spec)
        if head is None:
            if on_bad_header is not None:
                on_bad_header(label, lines)
            first = next((ln for ln in lines if ln.strip()), "")
            raise InputError(
                f"no header line of a {what} found; the first line reads {preview(first)!r}",
                file=label, expected=_expected(spec, required),
                hint=f"Check that this is a {what}; column names are matched ignoring case.")
        if on_bad_header is not None and not all(
                any(c in head.bound for c in group) for group in required):
            on_bad_header(label, lines)
        table = parse_table(text, label, spec, report, header=head, normalised=True)
        table.encoding = enc
    missing = [group for group in required if not any(c in table.columns for c in group)]
    if missing:
        found = ", ".join(repr(c) for c in table.header if c.strip()) or "none"
        need = "; ".join(" or ".join(repr(spec[c][0]) for c in group) for group in missing)
        line = table.header_line
        raise InputError(f"missing required column {need}; the columns found are {found}",
                         file=table.file, line=line, expected=_expected(spec, required),
                         hint="Add or rename the column (names are matched ignoring case, "
                              "spaces, '_' and '-'); accepted names: "
                              + _aliases_text(spec, [c for g in missing for c in g]) + ".")
    return table


def _expected(spec: Spec, required: Sequence[Sequence[str]]) -> str:
    if required:
        return "columns " + "; ".join(" or ".join(repr(spec[c][0]) for c in g) for g in required)
    return "columns " + ", ".join(repr(a[0]) for a in spec.values())


def _aliases_text(spec: Spec, names: Sequence[str]) -> str:
    return "; ".join(f"{spec[n][0]}: " + ", ".join(repr(a) for a in spec[n]) for n in names)


def finish_frame(cols: Mapping[str, Any], report: ImportReport) -> pd.DataFrame:
    """Build a reader's output frame: text columns ``object``, ``line`` int64, report attached.

    pandas >= 3 infers its ``str`` dtype for text; the canonical tables use
    ``object`` columns of ``str``, so text columns are cast back.

    Examples
    --------
    >>> df = finish_frame({"line": [2], "name": ["Ada"]}, ImportReport())
    >>> df.dtypes.astype(str).tolist(), df.attrs["report"].imported
    (['int64', 'object'], 1)
    """
    series = {}
    for name, values in cols.items():
        s = values if isinstance(values, pd.Series) else pd.Series(
            values, dtype=object if _is_text(values) else None)
        s = s.reset_index(drop=True)
        if isinstance(s.dtype, pd.StringDtype) or (s.dtype == object and isinstance(
                values, pd.Series)):
            # (object arrays built by the readers hold only str; Series may hold NaN)
            s = s.astype(object)
            missing = s.isna()
            if missing.any():
                s = s.where(~missing, "")
        series[name] = s
    df = pd.DataFrame(series)
    df["line"] = df["line"].astype("int64")
    report.imported = len(df)
    sort_issues(report)
    df.attrs["report"] = report
    return df


def _is_text(values: Any) -> bool:
    if isinstance(values, np.ndarray):
        return values.dtype == object or values.dtype.kind == "U"
    if isinstance(values, list):
        return bool(values) and all(isinstance(v, str) for v in values)
    return False


def sort_issues(report: ImportReport) -> None:
    """Order a report's skipped rows and warnings by line (file-level ones first)."""
    def key(issue):
        return (-1 if issue.line is None else issue.line)

    report.skipped.sort(key=key)
    report.warnings.sort(key=key)


class NoRowsError(InputError):
    """An :class:`InputError` for a file or frame without usable rows.

    A multi-file import (an export .zip) treats it as a warning for optional
    parts (an empty messages.csv of a new account, say).
    """


def no_rows(table: RawTable, what: str, why: str = "") -> NoRowsError:
    """The error for zero usable rows of *table* (caller raises it).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.sources.report import ImportReport
    >>> t = frame_table(pd.DataFrame({"a": []}), {"a": ["A"]}, ImportReport())
    >>> print(no_rows(t, "contacts table"))
    <DataFrame>: no usable rows (0 data rows). Expected at least one row of a contacts table. Hint: ...
    """
    n = table.report.rows_read
    if n == 0:
        msg = "no usable rows (0 data rows)" if table.file == "<DataFrame>" else \
            "no usable rows: the file has a header but no data rows"
    else:
        msg = f"no usable rows: all {n} data rows were skipped"
        if why:
            msg += f" ({why})"
        elif table.report.skipped:
            first = table.report.skipped[0]
            msg += f"; first: line {first.line}: {first.reason}"
    return NoRowsError(msg, file=table.file, expected=f"at least one row of a {what}",
                       hint="Check that the file is complete and of the right kind; "
                            "the import report lists why each row was skipped.")


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_TIME = (r"(?:[ ,T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
         r"\s*(?P<p>[AaPp]\.?[Mm]\.?)?)?(?:\s*(?:UTC|GMT|Z))?")
_RE_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:$|[ T])")
# 16 Dec 2024, 16-Dec-24, 16 December 2024 10:00
_RE_DMONY = re.compile(r"^(?P<d>\d{1,2})[ \-./]*(?P<mon>[A-Za-z]{3,9})\.?[ \-./,]*"
                       r"(?P<y>\d{4}|\d{2})" + _TIME + "$")
# Dec 16, 2024; December 16th 2024
_RE_MONDY = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?[ \-]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ \-]+"
                       r"(?P<y>\d{4})" + _TIME + "$")
# Jun 2018, June-2018
_RE_MONY = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?[ \-,/]+(?P<y>\d{4})$")
_RE_YEAR = re.compile(r"^(?P<y>\d{4})$")
# 4/23/18, 10:21 AM; 04/23/2018 10:21; 23/04/2018; 12-16-2024
_RE_SLASH = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                       + _TIME + "$")
# 16.12.2024 (day first)
_RE_DOT = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})" + _TIME + "$")
# 2024/12/16
_RE_YMD = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})" + _TIME + "$")
_RE_EPOCH = re.compile(r"^(?:\d{9,10}(?:\.\d+)?|\d{12,13})$")


_NAT = np.iinfo(np.int64).min
_NS_DAY = 86_400 * 10**9


def _ns(ts: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """int64 nanoseconds since the epoch (UTC) of tz-aware or naive (UTC) datetimes."""
    arr = pd.DatetimeIndex(ts)
    if arr.tz is not None:
        arr = arr.tz_convert("UTC").tz_localize(None)
    if arr.unit != "ns":  # out of the ns range (years before 1677 or after 2262): NaT
        lo, hi = pd.Timestamp.min.as_unit(arr.unit), pd.Timestamp.max.as_unit(arr.unit)
        arr = arr.where((arr >= lo) & (arr <= hi)).as_unit("ns")
    return np.asarray(arr.asi8, dtype=np.int64)


def _extract(values: list[str], rx: re.Pattern[str]) -> tuple[np.ndarray, dict[str, list]]:
    """Match *rx* on each value: hit mask and, per named group, the hits' strings."""
    matches = [rx.match(v) for v in values]
    hit = np.fromiter((m is not None for m in matches), dtype=bool, count=len(matches))
    rows = [m.groups() for m in matches if m is not None]
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in range(rx.groups)]
    names = sorted(rx.groupindex, key=rx.groupindex.get)
    return hit, {name: list(cols[rx.groupindex[name] - 1]) for name in names}


def _f(col: list) -> np.ndarray:
    """Digit strings (or None) to float (NaN for None)."""
    return np.array([c if c else "nan" for c in col], dtype=float)


def _assemble(year: np.ndarray, month: np.ndarray, day: np.ndarray,
              g: dict[str, list] | None = None) -> np.ndarray:
    """int64 ns (UTC) from float parts; invalid combinations become NaT."""
    n = len(year)
    year = np.where(year >= 100, year, np.where(year <= 68, year + 2000, year + 1900))
    hour = np.zeros(n)
    minute = np.zeros(n)
    second = np.zeros(n)
    if g is not None and "H" in g:
        h = _f(g["H"])
        has_time = ~np.isnan(h)
        p = np.array([(x or " ")[0].lower() for x in g["p"]], dtype=object)
        bad_12h = (p != " ") & ((h > 12) | (h < 1))
        h = np.where(p == "p", np.where(h == 12, 12, h + 12), np.where(p == "a", h % 12, h))
        h = np.where(bad_12h, np.nan, h)
        hour = np.where(has_time, h, 0.0)
        minute = np.where(has_time, _f(g["M"]), 0.0)
        sec = _f(g["S"])
        second = np.where(np.isnan(sec), 0.0, sec)
    with np.errstate(invalid="ignore"):
        ok = ((year >= 1678) & (year <= 2261) & (month >= 1) & (month <= 12) & (day >= 1)
              & (day <= 31) & (hour >= 0) & (hour <= 23) & (minute >= 0) & (minute <= 59)
              & (second >= 0) & (second <= 59))
    out = np.full(n, _NAT, dtype=np.int64)
    if not ok.any():
        return out
    ym = ((year[ok] - 1970) * 12 + month[ok] - 1).astype(np.int64)
    first = ym.astype("M8[M]").astype("M8[D]")
    date = first + (day[ok] - 1).astype(np.int64).astype("m8[D]")
    fits = date.astype("M8[M]").astype(np.int64) == ym  # 31 Feb overflows into March
    ns = (date.astype(np.int64) * _NS_DAY
          + (hour[ok] * 3600 + minute[ok] * 60 + second[ok]).astype(np.int64) * 10**9)
    out[np.flatnonzero(ok)] = np.where(fits, ns, _NAT)
    return out


def _months(tok: list) -> np.ndarray:
    return np.array([_MONTHS.get((t or "").lower(), np.nan) for t in tok], dtype=float)


_FAST_MIN = 500
_FAST_WORDS = ("%d %b %Y",)
_FAST_US = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%Y %I:%M %p",
            "%m/%d/%y %I:%M %p")


def _english_time_locale() -> bool:
    """True when strptime's %b and %p are English (C/English LC_TIME): fast paths are safe."""
    import time

    t = (2000, 12, 1, 15, 0, 0, 4, 336, 0)
    return time.strftime("%b %p", t) == "Dec PM"


def _fast_formats(arr: np.ndarray, out: np.ndarray, cand: np.ndarray, formats: Sequence[str],
                  *, all_or_nothing: bool = False) -> bool:
    """Parse candidates with explicit pandas formats in turn; fill *out* in place.

    With *all_or_nothing*, results are kept only when every candidate parsed (so a
    column's month/day order is decided in one place, by the regex path, otherwise).
    """
    idx = np.flatnonzero((out == _NAT) & cand)
    if not len(idx):
        return True
    got = np.full(len(idx), _NAT, dtype=np.int64)
    for fmt in formats:
        left = np.flatnonzero(got == _NAT)
        if not len(left):
            break
        parsed = pd.to_datetime(pd.Series(arr[idx[left]], dtype=object), format=fmt,
                                errors="coerce")
        got[left] = _ns(parsed)
    complete = bool((got != _NAT).all())
    if complete or not all_or_nothing:
        keep = got != _NAT
        out[idx[keep]] = got[keep]
    return complete


def _parse_unique(values: list[str]) -> np.ndarray:
    """Parse unique, non-empty strings to int64 ns (UTC); NaT where no format fits."""
    n = len(values)
    out = np.full(n, _NAT, dtype=np.int64)
    arr = np.array(values, dtype=object)

    # ISO 8601 (with or without zone; a "UTC"/"GMT" suffix means +00:00).
    iso_hit = np.fromiter((v[4:5] == "-" and bool(_RE_ISO.match(v)) for v in values),
                          dtype=bool, count=n)
    if iso_hit.any():
        iso = [v[:-3].rstrip() if v[-3:].upper() in ("UTC", "GMT") else v
               for v in arr[iso_hit]]
        parsed = pd.to_datetime(pd.Series(iso, dtype=object), format="ISO8601", utc=True,
                                errors="coerce")
        out[iso_hit] = _ns(parsed)

    # Cheap classification, so each regex runs only on its candidates.
    has_slash = np.fromiter(("/" in v for v in values), dtype=bool, count=n)
    has_dash = np.fromiter(("-" in v for v in values), dtype=bool, count=n)
    has_dot = np.fromiter(("." in v for v in values), dtype=bool, count=n)
    has_alpha = np.fromiter((v.upper() != v.lower()
                             for v in values), dtype=bool, count=n)

    def run(rx: re.Pattern[str], cand: np.ndarray, build) -> None:
        idx = np.flatnonzero((out == _NAT) & cand)
        if not len(idx):
            return
        hit, g = _extract(list(arr[idx]), rx)
        if hit.any():
            out[idx[hit]] = build(g)

    words = has_alpha & ~has_slash
    if n >= _FAST_MIN and _english_time_locale():
        # Fast path for LinkedIn's own forms with pandas' C strptime; the regexes below
        # stay the reference (and handle whatever this leaves unparsed).
        _fast_formats(arr, out, words, _FAST_WORDS)
        slash_cand = has_slash & has_alpha  # with AM/PM: US month first
        _fast_formats(arr, out, slash_cand, _FAST_US, all_or_nothing=True)
    run(_RE_DMONY, words, lambda g: _assemble(_f(g["y"]), _months(g["mon"]), _f(g["d"]), g))
    run(_RE_MONDY, words, lambda g: _assemble(_f(g["y"]), _months(g["mon"]), _f(g["d"]), g))
    run(_RE_MONY, words,
        lambda g: _assemble(_f(g["y"]), _months(g["mon"]), np.ones(len(g["y"]))))
    short = np.fromiter((len(v) == 4 for v in values), dtype=bool, count=n)
    run(_RE_YEAR, short,
        lambda g: _assemble(_f(g["y"]), np.ones(len(g["y"])), np.ones(len(g["y"]))))

    def slash(g: dict[str, list]) -> np.ndarray:
        a, b = _f(g["a"]), _f(g["b"])
        dayfirst = bool((a > 12).any() and not (b > 12).any())
        month, day = (b, a) if dayfirst else (a, b)
        return _assemble(_f(g["y"]), month, day, g)

    run(_RE_SLASH, has_slash | has_dash, slash)
    run(_RE_DOT, has_dot, lambda g: _assemble(_f(g["y"]), _f(g["m"]), _f(g["d"]), g))
    run(_RE_YMD, has_dot | has_slash,
        lambda g: _assemble(_f(g["y"]), _f(g["m"]), _f(g["d"]), g))

    idx = np.flatnonzero(out == _NAT)
    if len(idx):
        hit, _ = _extract(list(arr[idx]), _RE_EPOCH)
        if hit.any():
            raw = arr[idx[hit]]
            v = np.array(raw, dtype=float)
            is_ms = np.array([len(x) >= 12 for x in raw])
            secs = np.where(is_ms, v / 1000.0, v)
            out[idx[hit]] = _ns(pd.to_datetime(pd.Series(secs), unit="s", utc=True,
                                               errors="coerce"))
    return out


def parse_dates(values: pd.Series | None, n: int | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse dates with explicit, locale-free formats; naive times are UTC.

    Dates outside pandas' nanosecond range (before 1678 or after 2261) are
    unparseable, also in datetime input. Accepted: ISO 8601 (with zone, ``T``, or a ``UTC`` suffix, e.g.
    ``2022-09-01 10:00:00 UTC``), ``16 Dec 2024``, ``16-Dec-24``,
    ``Dec 16, 2024``, ``Jun 2018``, ``2018``, US ``4/23/18, 10:21 AM`` and
    ``04/23/2018 22:10`` (day first, as in ``23/04/2018``, only when some
    value of the column cannot be month first and none can be day first),
    ``16.12.2024``, ``2024/12/16``, epoch seconds (9-10 digits) or
    milliseconds (12-13 digits). English month names, any case, regardless
    of the locale. Each distinct string is parsed once. Datetime input is
    converted to UTC.

    Parameters
    ----------
    values : Series or None
        Strings (``""`` = missing; surrounding whitespace is ignored) or a
        datetime Series.
    n : int, optional
        Length of the all-NaT result when *values* is None.

    Returns
    -------
    (Series, Series)
        ``datetime64[ns, UTC]`` values (NaT where empty or unparseable) and a
        boolean mask of the non-empty values that could not be parsed.

    Examples
    --------
    >>> import pandas as pd
    >>> ts, bad = parse_dates(pd.Series(["16 Dec 2024", "4/23/18, 10:21 AM",
    ...                                  "2022-09-01 10:00:00 UTC", "", "soon"]))
    >>> [str(t) for t in ts]
    ['2024-12-16 00:00:00+00:00', '2018-04-23 10:21:00+00:00', '2022-09-01 10:00:00+00:00', 'NaT', 'NaT']
    >>> bad.tolist()
    [False, False, False, False, True]
    >>> far = pd.Series(np.array(["3000-01-01", "2024-05-01"], dtype="datetime64[s]"))
    >>> [str(t) for t in parse_dates(far)[0]], parse_dates(far)[1].tolist()
    (['NaT', '2024-05-01 00:00:00+00:00'], [True, False])
    """
    if values is None:
        size = n or 0
        return (pd.Series(pd.NaT, index=range(size), dtype=UTC),
                pd.Series(np.zeros(size, dtype=bool)))
    index = values.index
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(values):
        # Any unit (datetime64[s] holds year 3000): outside the ns range is a bad date.
        ns = _ns(values)
        bad = pd.Series((ns == _NAT) & values.notna().to_numpy(), index=index)
        ts = pd.Series(ns.view("datetime64[ns]"), index=index).dt.tz_localize("UTC")
        return ts, bad
    vals = values.tolist()
    if not all(type(v) is str for v in vals):
        vals = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
                for v in vals]
    s = pd.Series([v.strip(STRIP_CHARS) for v in vals], index=index, dtype=object)
    codes, uniques = pd.factorize(s, sort=False)
    u = np.asarray(uniques, dtype=object)
    parsed_u = np.full(len(u), _NAT, dtype=np.int64)
    nonempty_u = u != ""
    if nonempty_u.any():
        parsed_u[nonempty_u] = _parse_unique(list(u[nonempty_u]))
    ns = parsed_u[codes] if len(codes) else np.empty(0, dtype=np.int64)
    ts = pd.Series(ns.view("datetime64[ns]"), index=index).dt.tz_localize("UTC")
    bad = pd.Series((ns == _NAT) & ~(u == "")[codes] if len(codes) else np.zeros(0, bool),
                    index=index)
    return ts, bad


# --------------------------------------------------------------------------- column values


def note_values(report: ImportReport, lines: np.ndarray, values: pd.Series | np.ndarray, mask,
                template: str, *, skip: bool = False) -> None:
    """Record one warning (or, with *skip*, one skipped row) per masked row, naming its value.

    Parameters
    ----------
    report : ImportReport
    lines : numpy.ndarray
        The rows' file lines.
    values : Series or array
        The value of each row, shown (shortened) as ``template.format(value)``.
    mask : array of bool
        The rows to note.
    template : str
        The reason, with ``{!r}`` or ``{}`` where the value goes.
    skip : bool, default False
        Record skipped rows instead of warnings.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rep = ImportReport()
    >>> note_values(rep, np.array([2, 3]), pd.Series(["ok", "soon"]), [False, True],
    ...             "unparseable date {!r}")
    >>> [(i.line, i.reason) for i in rep.warnings]
    [(3, "unparseable date 'soon'")]
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    add = report.skip if skip else report.warn
    vals = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    for ln, v in zip(lines[mask], vals[mask], strict=True):
        add(int(ln), template.format(preview(str(v), 60)))


def emails(raw: pd.Series) -> pd.Series:
    """E-mail addresses, lower case; the first of several ``" ::: "``-joined ones.

    (Google Contacts joins a person's addresses with ``" ::: "``.)

    Examples
    --------
    >>> import pandas as pd
    >>> emails(pd.Series(["ADA@example.org ::: ada@work.example", ""])).tolist()
    ['ada@example.org', '']
    """
    first = raw.str.split(":::", n=1).str[0].str.strip()
    return first.str.lower().astype(object)


def profile_urls(table: RawTable, column: str) -> pd.Series:
    """A column of LinkedIn profile URLs, normalised; anything else is a warning and ``""``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = frame_table(pd.DataFrame({"URL": ["linkedin.com/in/Ada", "example.org"]}),
    ...                 {"url": ["URL"]}, ImportReport())
    >>> profile_urls(t, "url").tolist(), t.report.warnings[0].line
    (['https://www.linkedin.com/in/ada', ''], 3)
    """
    raw = table.text(column)
    url = normalise_linkedin_url(raw)
    bad = ((url == "") & (raw != "")).to_numpy()
    note_values(table.report, table.line, raw, bad, "not a LinkedIn profile URL {!r}: ignored")
    return url


# --------------------------------------------------------------------------- job history

#: End-date words that mean "still in this job" (any case); an empty end means it too.
CURRENT_WORDS: frozenset[str] = frozenset({"present", "current", "now", "today", "ongoing"})
#: Cell values read as "yes" in flag columns (``Current``, ``IS MESSAGE DRAFT``), any case.
TRUE_WORDS: frozenset[str] = frozenset({"true", "yes", "y", "1", "x"})


def is_true(flags: pd.Series) -> pd.Series:
    """Which cells of a yes/no column say yes (:data:`TRUE_WORDS`, any case).

    Examples
    --------
    >>> import pandas as pd
    >>> is_true(pd.Series(["Yes", "no", "", "X"])).tolist()
    [True, False, False, True]
    """
    return flags.astype(str).str.strip(STRIP_CHARS).str.lower().isin(TRUE_WORDS)


def is_current(end: pd.Series) -> pd.Series:
    """Which end dates mean the job is current: empty, or a word of :data:`CURRENT_WORDS`.

    A datetime column is current where it is missing (NaT).

    Examples
    --------
    >>> import pandas as pd
    >>> is_current(pd.Series(["Present", "", "Jun 2020", "NOW"])).tolist()
    [True, True, False, True]
    """
    if pd.api.types.is_datetime64_any_dtype(end):
        return end.isna()
    text = clean_series(end).str.lower()
    return (text == "") | text.isin(CURRENT_WORDS)


@dataclass
class JobDates:
    """Start and end of job-history rows, read by :func:`job_dates`.

    Attributes
    ----------
    start, end : pandas.Series
        ``datetime64[ns, UTC]``; NaT when unknown (and ``end`` while current).
    bad_start, bad_end : pandas.Series
        bool: the cell holds something that is not a date.
    current : numpy.ndarray
        bool: the job is current.
    """

    start: pd.Series
    end: pd.Series
    bad_start: pd.Series
    bad_end: pd.Series
    current: np.ndarray


def job_dates(start: pd.Series | None, end: pd.Series | None, n: int,
              current: pd.Series | None = None) -> JobDates:
    """Read job-history dates: the one rule for every source of job history.

    Dates may be full dates, ``Jun 2018`` or bare years (the first day of the
    month or year). A job is current when its end is empty or a word of
    :data:`CURRENT_WORDS` (``present``, ``now``, ...); a ``current`` column,
    where not empty, decides instead (:data:`TRUE_WORDS` mean yes). An
    unparseable end is not current.

    Parameters
    ----------
    start, end : Series or None
        Text (or datetime) columns; None when the file has no such column.
    n : int
        The number of rows.
    current : Series, optional
        A yes/no column saying whether each job is current.

    Examples
    --------
    >>> import pandas as pd
    >>> d = job_dates(pd.Series(["Jun 2018", "2015", "2019"]),
    ...               pd.Series(["present", "2018-05-31", "someday"]), 3)
    >>> d.current.tolist(), d.bad_end.tolist(), str(d.start[0])
    ([True, False, False], [False, False, True], '2018-06-01 00:00:00+00:00')
    >>> job_dates(None, pd.Series(["", ""]), 2, current=pd.Series(["no", ""])).current.tolist()
    [False, True]
    """
    start_ts, bad_start = parse_dates(start, n)
    if end is not None and not pd.api.types.is_datetime64_any_dtype(end):
        end = clean_series(end).where(~is_current(end), "")  # "present" is no date
    end_ts, bad_end = parse_dates(end, n)
    now = (is_current(end_ts) & ~bad_end).to_numpy(dtype=bool)
    if current is not None:
        given = (clean_series(current) != "").to_numpy()
        now = np.where(given, is_true(current).to_numpy(dtype=bool), now)
    return JobDates(start_ts, end_ts, bad_start, bad_end, np.asarray(now, dtype=bool))


# --------------------------------------------------------------------------- safe CSV out

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection in one cell.

    Text starting with ``= + - @``, a tab or a carriage return gets a
    leading single quote; anything else is returned unchanged.

    Examples
    --------
    >>> safe_csv_cell("=HYPERLINK(\\"http://x\\")"), safe_csv_cell("Ada"), safe_csv_cell(-3)
    ('\\'=HYPERLINK("http://x")', 'Ada', -3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_safe_csv(df: pd.DataFrame, path: str | PathLike[str], **kwargs: Any) -> None:
    """Write *df* as UTF-8 CSV with every text cell passed through :func:`safe_csv_cell`.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or path-like
    **kwargs
        Passed to :meth:`pandas.DataFrame.to_csv` (``index=False`` by default).

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> to_safe_csv(pd.DataFrame({"name": ["@evil", "Ada"], "n": [1, 2]}), p)
    >>> p.read_text().splitlines()
    ['name,n', "'@evil,1", 'Ada,2']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            is_str = s.map(lambda v: isinstance(v, str))
            risky = is_str & s.where(is_str, "").astype(str).str.startswith(_FORMULA_START)
            if risky.any():
                s = s.astype(object).copy()
                s[risky] = "'" + s[risky].astype(str)
                out[col] = s
    kwargs.setdefault("index", False)
    kwargs.setdefault("encoding", "utf-8")
    out.to_csv(path, **kwargs)


#: What reading a damaged zip archive raises: bad headers or CRC (BadZipFile), corrupt
#: compressed data (zlib.error, lzma.LZMAError, OSError of bz2), a truncated member
#: (EOFError), encryption (RuntimeError), unknown compression (NotImplementedError),
#: and header fields out of range (ValueError, struct.error, OverflowError).
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, RuntimeError,
    NotImplementedError, ValueError, struct.error, OverflowError, UnicodeDecodeError)


def zip_error_reason(err: BaseException) -> str:
    """Say in words what one of :data:`ZIP_ERRORS` means.

    Examples
    --------
    >>> import zlib
    >>> zip_error_reason(zlib.error("Error -3 while decompressing data"))
    'its compressed data is corrupt (Error -3 while decompressing data)'
    """
    detail = preview(str(err), 120)
    if isinstance(err, zlib.error | lzma.LZMAError):
        what = "its compressed data is corrupt"
    elif isinstance(err, EOFError):
        what = "it is cut off (the archive is truncated)"
    elif isinstance(err, RuntimeError) and "encrypted" in str(err):
        what = "it is encrypted"
    elif isinstance(err, NotImplementedError):
        what = "it uses a compression method netgraph cannot read"
    elif isinstance(err, zipfile.BadZipFile) and "CRC" in str(err):
        what = "it is damaged (its checksum does not match)"
    else:
        what = "it is damaged"
    return f"{what} ({detail})" if detail else what


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """Read one zip member in memory, refusing members over :data:`MAX_BYTES`.

    The size is checked from the header and again while reading, since a
    crafted header can lie.

    Raises
    ------
    InputError
        The member is too large, or damaged (bad CRC, corrupt compressed
        data, truncated), encrypted or compressed with an unknown method:
        the message names the archive and the member.

    Examples
    --------
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
    ...     zf.writestr("Connections.csv", "First Name\\n" + "Ada\\n" * 1000)
    >>> raw = bytearray(buf.getvalue())
    >>> raw[60:70] = bytes(10)  # damage the compressed data
    >>> zf = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    >>> read_zip_member(zf, zf.infolist()[0], "export.zip")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: export.zip: cannot read 'Connections.csv' in the archive: ...
    """
    too_big = InputError(
        f"archive member {info.filename!r} is larger than {MAX_BYTES // 2**20} MB "
        "uncompressed", file=label, expected="a LinkedIn export",
        hint="This does not look like a LinkedIn export (a possible zip bomb); "
             "unzip it yourself and pass the CSV files.")
    if info.file_size > MAX_BYTES:
        raise too_big
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_BYTES + 1)
    except ZIP_ERRORS as err:
        raise InputError(
            f"cannot read {info.filename!r} in the archive: {zip_error_reason(err)}", file=label,
            expected="a complete, unencrypted LinkedIn export .zip",
            hint="Download the export again from LinkedIn (the download may have been cut "
                 "off or damaged), or unzip it and pass the folder.") from err
    if len(data) > MAX_BYTES:
        raise too_big
    return data
