"""Saving and loading a network: one SQLite file, written atomically.

The file holds one SQL table per canonical table plus a ``netgraph_meta``
table (format version, company aliases, targets, model parameters). Text is
stored as TEXT, timestamps as INTEGER nanoseconds since the epoch (UTC, NULL
for unknown), booleans as INTEGER, so a load gives back frames equal to the
saved ones (``DataFrame.equals``). A save writes a temporary file beside the
target and renames it over the target, so an interrupted save leaves the
previous file intact.

Examples
--------
>>> import tempfile, os
>>> from netgraph.data.merge import Tables
>>> from netgraph.store import save_tables, load_tables
>>> path = os.path.join(tempfile.mkdtemp(), "net.db")
>>> save_tables(path, Tables.empty(), meta={"targets": ["Acme"]})
>>> tables, meta = load_tables(path)
>>> meta["targets"], len(tables.people)
(['Acme'], 0)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.data.merge import Tables
from netgraph.errors import WorkspaceError

__all__ = ["FORMAT", "load_tables", "save_tables"]

#: Format tag written into every workspace file.
FORMAT = "netgraph-workspace"
VERSION = 1
_TABLES = ("people", "companies", "affiliations", "ties", "interactions", "overrides")


def _to_sql_frame(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    out = {}
    for col, dtype in schema.TABLES[table].items():
        s = frame[col]
        if dtype == "person" or str(dtype) == "category":
            out[col] = s.astype("object").where(s.notna(), None)
        elif dtype == "datetime64[ns, UTC]":
            v = pd.DatetimeIndex(s).asi8
            out[col] = pd.array(np.where(s.isna(), 0, v), dtype="Int64")
            out[col][s.isna().to_numpy()] = pd.NA
        elif dtype == "bool":
            out[col] = s.astype("int64")
        else:
            out[col] = s
    return pd.DataFrame(out)


def _from_sql_frame(frame: pd.DataFrame, table: str, person_ids) -> pd.DataFrame:
    out = {}
    for col, dtype in schema.TABLES[table].items():
        s = frame[col]
        if dtype == "datetime64[ns, UTC]":
            ns = pd.to_numeric(s, errors="raise").astype("Int64")
            vals = pd.to_datetime(ns.to_numpy(dtype="int64", na_value=np.iinfo(np.int64).min),
                                  unit="ns", utc=True)
            out[col] = pd.Series(vals).where(ns.notna().to_numpy(), pd.NaT).astype(dtype)
        elif dtype == "bool":
            out[col] = s.astype("int64").astype(bool)
        elif dtype == "int64":
            out[col] = s.astype("int64")
        elif dtype == "float64":
            out[col] = s.astype("float64")
        elif dtype == "object":
            out[col] = s.astype("object").where(s.notna(), "")
        else:
            out[col] = s
    f = pd.DataFrame(out)
    return schema.conform(f, table, person_ids=person_ids)


def save_tables(path: str | PathLike[str], tables: Tables, meta: dict[str, Any] | None = None
                ) -> None:
    """Write *tables* (and JSON-able *meta*) to one SQLite file, atomically.

    Parameters
    ----------
    path : str or path-like
        The workspace file; replaced if it exists.
    tables : Tables
    meta : dict, optional
        Extra JSON-serialisable settings (targets, model parameters).

    Examples
    --------
    >>> import os, tempfile
    >>> from netgraph.data.merge import Tables
    >>> from netgraph.store import save_tables
    >>> path = os.path.join(tempfile.mkdtemp(), "w.db")
    >>> save_tables(path, Tables.empty())
    >>> os.path.getsize(path) > 0
    True
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise WorkspaceError(f"cannot save to {path}: folder {folder} does not exist",
                             hint="Create the folder or choose another path.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            with con:
                for name in _TABLES:
                    _to_sql_frame(getattr(tables, name), name).to_sql(
                        name, con, index=False, if_exists="replace", chunksize=100_000)
                info = {"format": FORMAT, "version": VERSION,
                        "aliases": tables.aliases, **(meta or {})}
                con.execute("CREATE TABLE netgraph_meta (key TEXT PRIMARY KEY, value TEXT)")
                con.executemany("INSERT INTO netgraph_meta VALUES (?, ?)",
                                [(k, json.dumps(v)) for k, v in info.items()])
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_tables(path: str | PathLike[str]) -> tuple[Tables, dict[str, Any]]:
    """Read a workspace file written by :func:`save_tables`.

    Raises
    ------
    WorkspaceError
        The file is missing, not SQLite, not a netgraph workspace, of a newer
        format, or damaged.

    Examples
    --------
    >>> import os, tempfile
    >>> from netgraph.store import load_tables
    >>> path = os.path.join(tempfile.mkdtemp(), "junk.db")
    >>> _ = open(path, "wb").write(b"not a database")
    >>> load_tables(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgraph.errors.WorkspaceError: ... is not a netgraph workspace ...
    """
    path = Path(path)
    if not path.is_file():
        raise WorkspaceError(f"no workspace file at {path}",
                             hint="Import data first (netgraph import ...) or pass the right --db.")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise WorkspaceError(f"cannot open {path}: {err}") from err
    try:
        try:
            rows = con.execute("SELECT key, value FROM netgraph_meta").fetchall()
            meta = {k: json.loads(v) for k, v in rows}
        except (sqlite3.Error, ValueError) as err:
            raise WorkspaceError(
                f"{path} is not a netgraph workspace ({err})",
                hint="Load a file written by Network.save, or import your data again.") from err
        if meta.get("format") != FORMAT:
            raise WorkspaceError(f"{path} is not a netgraph workspace",
                                 hint="Load a file written by Network.save.")
        if int(meta.get("version", 0)) > VERSION:
            raise WorkspaceError(f"{path} was written by a newer netgraph (format "
                                 f"{meta.get('version')})", hint="Upgrade netgraph.")
        try:
            raw = {n: pd.read_sql_query(f"SELECT * FROM {n}", con) for n in _TABLES}
            people = _from_sql_frame(raw["people"], "people", None)
            ids = people["person_id"]
            frames = {n: (people if n == "people" else _from_sql_frame(raw[n], n, ids))
                      for n in _TABLES}
        except (sqlite3.Error, KeyError, ValueError, TypeError) as err:
            raise WorkspaceError(f"{path} is damaged: {err}",
                                 hint="Restore a backup or import your data again.") from err
    finally:
        con.close()
    aliases = meta.pop("aliases", {}) or {}
    meta.pop("format", None)
    meta.pop("version", None)
    return Tables(**frames, aliases=dict(aliases)), meta
