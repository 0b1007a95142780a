"""Parquet input for the table importers: a file, a folder of them or a glob, as one frame.

``pip install 'netgraph[parquet]'`` (pyarrow; the duckdb and spark extras include it).
:func:`is_parquet` tells a Parquet source from a CSV path; :func:`read_parquet` reads it
(every file, in name order) and checks the types of the columns the importer will read,
so a mistyped column is an :class:`~netgraph.errors.InputError` naming it rather than a
surprise three steps later.

Examples
--------
>>> from netgraph.sources.parquet import is_parquet
>>> is_parquet("logs/*.parquet"), is_parquet("log.csv")
(True, False)
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

import pandas as pd

from netgraph.errors import InputError

__all__ = ["is_parquet", "parquet_files", "read_parquet"]

_SUFFIXES = (".parquet", ".pq", ".parq")

# per importer: folded column name -> the kinds of Arrow type it may have
_TEXT = ("string",)
_WHEN = ("timestamp", "date", "string")
_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "interactions": {"timestamp": _WHEN, "date": _WHEN, "when": _WHEN, "time": _WHEN,
                     "person": _TEXT, "person_id": _TEXT, "other": _TEXT, "other_id": _TEXT,
                     "channel": _TEXT, "direction": _TEXT,
                     "participants": ("integer", "null")},
    "contacts": {"name": _TEXT, "email": _TEXT, "url": _TEXT, "company": _TEXT,
                 "connected_on": _WHEN, "connectedon": _WHEN, "since": _WHEN},
}


def is_parquet(source: Any) -> bool:
    """Whether *source* names Parquet data: a ``.parquet`` file or glob, or a folder
    holding ``.parquet`` files."""
    if not isinstance(source, (str, os.PathLike)):
        return False
    s = os.fspath(source)
    if s.lower().endswith(_SUFFIXES):
        return True
    p = Path(s)
    return p.is_dir() and any(p.rglob("*.parquet"))


def parquet_files(source: str | os.PathLike[str]) -> list[str]:
    """The Parquet files of a file, a folder (recursively) or a glob, in name order.

    Raises
    ------
    InputError
        If nothing matches.

    Examples
    --------
    >>> from netgraph.sources.parquet import parquet_files
    >>> parquet_files("no/such/*.parquet")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: no Parquet file matches 'no/such/*.parquet'...
    """
    s = os.fspath(source)
    p = Path(s)
    if p.is_dir():
        files = sorted(str(f) for f in p.rglob("*.parquet"))
    elif p.is_file():
        files = [s]
    else:
        files = sorted(glob.glob(s, recursive=True))
    if not files:
        raise InputError(f"no Parquet file matches {s!r}",
                         expected="a Parquet file, a folder of them or a glob "
                                  "such as 'logs/*.parquet'")
    return files


def _kind(t: Any) -> str:
    import pyarrow.types as pt

    if pt.is_timestamp(t):
        return "timestamp"
    if pt.is_date(t):
        return "date"
    if pt.is_string(t) or pt.is_large_string(t) or (pt.is_dictionary(t) and (
            pt.is_string(t.value_type) or pt.is_large_string(t.value_type))):
        return "string"
    if pt.is_integer(t):
        return "integer"
    if pt.is_null(t):
        return "null"
    return str(t)


def read_parquet(source: str | os.PathLike[str], what: str = "interactions") -> pd.DataFrame:
    """Read Parquet data (file, folder or glob) as one frame for the *what* importer.

    Raises
    ------
    InputError
        pyarrow missing (hint: the install command), no file, an unreadable file, or a
        column the importer reads with the wrong type (naming the column).
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading Parquet needs the pyarrow package, which is not installed",
                         hint="pip install 'netgraph[parquet]'") from None
    frames = []
    for f in parquet_files(source):
        try:
            table = pq.read_table(f)
        except Exception as e:   # pyarrow's own errors: not Parquet, damaged
            raise InputError(f"cannot read Parquet file {f!r}: {str(e).splitlines()[0]}",
                             file=f) from None
        for field in table.schema:
            folded = field.name.strip().lower().replace(" ", "_").replace("-", "_")
            allowed = _TYPES.get(what, {}).get(folded)
            kind = _kind(field.type)
            if allowed and kind not in allowed:
                raise InputError(f"column {field.name!r} is {field.type}, not "
                                 f"{' or '.join(allowed)}", file=f,
                                 expected=f"{field.name!r} as a {allowed[0]} column")
        frames.append(table.to_pandas())
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out
