"""Saving and loading a network: one SQLite file, written atomically, one writer at a time.

The file holds one SQL table per canonical table (every table declared in
:data:`netgraph.data.schema.TABLES`, nothing listed twice) plus a
``netgraph_meta`` table (format, version, company aliases, targets, model
parameters). Text is stored as TEXT, timestamps as INTEGER nanoseconds since
the epoch (UTC; NULL for unknown), booleans as INTEGER, so a load gives back
exactly the saved values (``DataFrame.equals``), NULLs included.

Safety:

- **Atomic**: a save writes a temporary file beside the target and renames it
  over the target, so an interrupted save leaves the previous file intact;
  temporary files and stray journals that an interrupted run left are removed
  by the next writer (:func:`clean_litter`).
- **One writer at a time**: :func:`writing` holds an exclusive lock on the
  workspace (a hidden ``.<name>.lock`` file beside it, removed when done) for a whole
  load-change-save, so two commands writing one workspace at once both land;
  the second waits (and says so) or, after *timeout* seconds, is refused with a
  :class:`~netgraph.WorkspaceError`.
- **Validated**: a file that is not a workspace, is damaged, or was written by
  a newer netgraph raises :class:`~netgraph.WorkspaceError` saying what is
  wrong; workspaces of earlier format versions are migrated on load.

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
import time
from collections.abc import Callable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.data.merge import Tables
from netgraph.errors import WorkspaceError

__all__ = ["FORMAT", "VERSION", "clean_litter", "load_tables", "save_tables", "writing"]

#: Format tag written into every workspace file.
FORMAT = "netgraph-workspace"
#: Current format version. 1: wave 1 (timestamps as INTEGER ns, read back
#: through float for columns with NULLs); 2: the same layout, read exactly;
#: 3: adds identity_decisions, imports, import_data and edits (the history);
#: 4: adds asks (introductions asked for, and what came of them).
VERSION = 4
#: The tables of format versions 1 and 2 (later tables are empty when migrating).
_V2_TABLES = ("people", "companies", "affiliations", "ties", "interactions", "overrides")
#: The tables of format version 3.
_V3_TABLES = (*_V2_TABLES, "identity_decisions", "imports", "import_data", "edits")
_UTC = "datetime64[ns, UTC]"
_NAT = np.iinfo(np.int64).min


# --------------------------------------------------------------------------- writing
def _to_sql_frame(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    out = {}
    for col, dtype in schema.TABLES[table].items():
        s = frame[col]
        if dtype == "person" or str(dtype) == "category":
            out[col] = s.astype("object").where(s.notna(), None)
        elif dtype == _UTC:
            ns = pd.DatetimeIndex(s).asi8
            out[col] = pd.array(np.where(s.isna().to_numpy(), 0, ns), dtype="Int64")
            out[col][s.isna().to_numpy()] = pd.NA
        elif dtype == "bool":
            out[col] = s.astype("int64")
        else:
            out[col] = s
    return pd.DataFrame(out)


def _litter(path: Path) -> list[Path]:
    folder = path.parent
    return [*folder.glob(f".{path.name}.*.tmp"), *folder.glob(f".{path.name}.*.tmp-journal"),
            *folder.glob(f"{path.name}-journal")]


def clean_litter(path: str | PathLike[str]) -> list[Path]:
    """Remove what interrupted writes of workspace *path* left beside it.

    Temporary files (``.<name>.*.tmp`` and their journals) of a save that was
    killed, and a stray ``<name>-journal``: netgraph never writes a workspace in
    place, so such a journal is not its own and rolling it back onto the file
    could only damage it. Call it only while holding :func:`writing`'s lock
    (as :func:`save_tables` and :func:`load_tables` do when they clean).

    Returns
    -------
    list of pathlib.Path
        The files removed.
    """
    removed = []
    for p in _litter(Path(path)):
        with contextlib.suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


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
                for name in schema.TABLES:
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
        with contextlib.suppress(OSError):
            os.unlink(tmp + "-journal")
        raise


# --------------------------------------------------------------------------- locking
def _lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextlib.contextmanager
def writing(path: str | PathLike[str], *, timeout: float = 60.0,
            on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the exclusive writer lock of workspace *path* for a load-change-save.

    Parameters
    ----------
    path : str or path-like
        The workspace file (it need not exist yet).
    timeout : float, default 60
        Seconds to wait for another writer before giving up.
    on_wait : callable, optional
        Called once with a message when another writer holds the lock.

    Raises
    ------
    WorkspaceError
        The lock was not free within *timeout* seconds.

    Examples
    --------
    >>> import os, tempfile
    >>> from netgraph.store import writing
    >>> path = os.path.join(tempfile.mkdtemp(), "w.db")
    >>> with writing(path) as p:
    ...     p.name
    'w.db'
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise WorkspaceError(f"cannot write {path}: folder {folder} does not exist",
                             hint="Create the folder or choose another path.")
    lock = _lock_path(path)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        if _try_lock(fd):
            try:  # the holder before us may have removed the file: then lock the new one
                if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                    break
            except FileNotFoundError:
                pass
        os.close(fd)
        if not told and on_wait is not None:
            on_wait(f"waiting for another netgraph command to finish writing {path} ...")
            told = True
        if time.monotonic() >= deadline:
            raise WorkspaceError(
                f"{path} is busy: another netgraph command has been writing it for "
                f"{timeout:g} s", hint="Wait for it to finish, then run this again.")
        time.sleep(0.02)
    try:
        clean_litter(path)  # we are the only writer: what is left over is litter
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)  # before the release, so a waiter re-checks the file
        os.close(fd)  # releases the lock


# --------------------------------------------------------------------------- reading
def _damaged(path: Path, what: str) -> WorkspaceError:
    return WorkspaceError(f"{path} is damaged: {what}",
                          hint="Restore a backup, or import your data again into a new file.")


def _column(raw: pd.DataFrame, table: str, col: str, dtype: Any, path: Path) -> pd.Series:
    s = raw[col]
    na = s.isna().to_numpy()
    try:
        if dtype == _UTC:
            ns = pd.to_numeric(s, errors="raise").astype("Int64")
            vals = ns.to_numpy(dtype="int64", na_value=_NAT)
            if (vals[~na] == _NAT).any():
                raise ValueError("a timestamp out of range")
            return pd.Series(pd.DatetimeIndex(vals.view("M8[ns]")).tz_localize("UTC"),
                             dtype=_UTC)
        if dtype == "bool":
            if na.any():
                raise ValueError("an empty value")
            v = pd.to_numeric(s, errors="raise").astype("int64")
            if not v.isin([0, 1]).all():
                raise ValueError("a value other than 0 and 1")
            return v.astype(bool).reset_index(drop=True)
        if dtype == "int64":
            if na.any():
                raise ValueError("an empty value")
            return pd.to_numeric(s, errors="raise").astype("int64").reset_index(drop=True)
        if dtype == "float64":
            return pd.to_numeric(s, errors="raise").astype("float64").reset_index(drop=True)
        if isinstance(dtype, pd.CategoricalDtype):
            text = s.astype(object).where(~na, None)
            bad = ~text.isin(list(dtype.categories)) & ~na
            if bad.any():
                row = int(np.flatnonzero(bad.to_numpy())[0])
                raise ValueError(f"{text.iloc[row]!r} (row {row + 1}) is not one of "
                                 + ", ".join(map(str, dtype.categories)))
            return text.astype(dtype).reset_index(drop=True)
        if dtype == "person":
            if na.any():
                raise ValueError("an empty person id")
            return s.astype(object).reset_index(drop=True)
        return s.astype(object).where(~na, "").reset_index(drop=True)
    except (ValueError, TypeError, OverflowError) as err:
        raise _damaged(path, f"column {table}.{col} has {err}") from err


def _read_table(con: sqlite3.Connection, table: str, path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_sql_query(f'SELECT * FROM "{table}"', con, dtype_backend="numpy_nullable")
    except Exception as err:  # pandas wraps sqlite3 errors in its own DatabaseError
        raise _damaged(path, f"table {table!r} cannot be read ({err})") from err
    missing = [c for c in schema.TABLES[table] if c not in raw]
    if missing:
        raise _damaged(path, f"table {table!r} lacks column(s) {', '.join(missing)}")
    return pd.DataFrame({c: _column(raw, table, c, d, path)
                         for c, d in schema.TABLES[table].items()})


def _check_meta(meta: dict[str, Any], path: Path) -> int:
    if meta.get("format") != FORMAT:
        raise WorkspaceError(f"{path} is not a netgraph workspace",
                             hint="Load a file written by Network.save.")
    version = meta.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise WorkspaceError(f"{path} has an unknown format version {version!r}",
                             hint="It was not written by netgraph; import your data again.")
    if version > VERSION:
        raise WorkspaceError(f"{path} was written by a newer netgraph (format {version}; "
                             f"this one reads up to {VERSION})",
                             hint="Upgrade netgraph: pip install -U netgraph.")
    targets = meta.get("targets", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise _damaged(path, f"targets are {targets!r}, not a list of company names")
    aliases = meta.get("aliases", {}) or {}
    if not isinstance(aliases, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise _damaged(path, f"company aliases are {aliases!r}, not names to company ids")
    return version


def _migrate(frames: dict[str, pd.DataFrame], meta: dict[str, Any], version: int
             ) -> dict[str, pd.DataFrame]:
    """Bring tables of format *version* up to :data:`VERSION` (one step per version)."""
    # 1 -> 2: same layout; version 1 files are read exactly by this reader.
    if version < 3:  # 2 -> 3: no history yet; say so when there is data it cannot replay
        from netgraph.data.journal import legacy_imports

        for name in schema.TABLES:
            frames.setdefault(name, schema.empty(name))
        if len(frames["people"]):
            frames["imports"] = legacy_imports()
    if version < 4:  # 3 -> 4: no asks yet
        frames.setdefault("asks", schema.empty("asks"))
    return frames


def load_tables(path: str | PathLike[str]) -> tuple[Tables, dict[str, Any]]:
    """Read a workspace file written by :func:`save_tables` (of this or an earlier version).

    Raises
    ------
    WorkspaceError
        The file is missing, not SQLite, not a netgraph workspace, of a newer
        format, or damaged (a table or column missing, a value of the wrong
        kind, a channel netgraph does not know).

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
    # A stray journal beside the file is not ours (saves never write in place);
    # SQLite would try to roll it back onto the file, so read the file without it.
    uri = f"file:{path}?mode=ro" + ("&immutable=1" if _litter(path) else "")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as err:
        raise WorkspaceError(f"cannot open {path}: {err}") from err
    try:
        try:
            rows = con.execute("SELECT key, value FROM netgraph_meta").fetchall()
            meta = {str(k): json.loads(v) for k, v in rows}
        except (sqlite3.Error, ValueError, TypeError) as err:
            raise WorkspaceError(
                f"{path} is not a netgraph workspace ({err})",
                hint="Load a file written by Network.save, or import your data again.") from err
        version = _check_meta(meta, path)
        frames = {name: _read_table(con, name, path) for name in schema.TABLES
                  if version >= 4 or name in (_V3_TABLES if version == 3 else _V2_TABLES)}
    finally:
        con.close()
    frames = _migrate(frames, meta, version)
    try:
        people = schema.conform(frames["people"], "people", person_ids=None)
        if people["person_id"].duplicated().any():
            raise _damaged(path, "a person id appears twice in people")
        ids = people["person_id"]
        for name in schema.TABLES:
            if name == "people":
                continue
            for col in schema.PERSON_COLUMNS.get(name, ()):
                unknown = ~frames[name][col].isin(ids)
                if unknown.any():
                    raise _damaged(path, f"{name}.{col} names a person who is not in people "
                                         f"({frames[name][col][unknown].iloc[0]!r})")
        tables = Tables(**{n: (people if n == "people" else
                               schema.conform(frames[n], n, person_ids=ids))
                           for n in schema.TABLES},
                        aliases=dict(meta.get("aliases") or {}))
    except WorkspaceError:
        raise
    except (KeyError, ValueError, TypeError) as err:
        raise _damaged(path, str(err)) from err
    for key in ("aliases", "format", "version"):
        meta.pop(key, None)
    return tables, meta
