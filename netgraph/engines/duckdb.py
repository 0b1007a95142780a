"""The DuckDB engine: the scans over the interactions as SQL, embedded and out of core.

``pip install 'netgraph[duckdb]'``. The interactions are a pandas table, a Parquet file,
folder or glob, or a DuckDB relation; they are matched to tie rows in SQL (joined on the
tie's two people, as :func:`netgraph.scoring.prepare` does) into one narrow table of
``(row, sec, kind)`` inside DuckDB, which spills to disk beyond ``memory_limit``. Scores
and per-tie evidence are ``GROUP BY`` queries over it (:mod:`netgraph.engines._sql`);
only per-tie rows come back to Python, where the shared formula makes the frame of
:func:`netgraph.scoring.score`.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.engines.duckdb import DuckDBEngine
>>> ids = ["in:a", "in:b"]
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties", ids)
>>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
...     "timestamp": ["2026-01-01"], "channel": ["call"]}), "interactions", ids)
>>> engine = DuckDBEngine(memory_limit="1GB")
>>> state = engine.prepare(pd.DataFrame({"person_id": ids}), ties, inter)
>>> engine.score(state, None, "2026-01-02")[["a", "b", "n_call"]]
      a     b  n_call
0  in:a  in:b       1
"""

from __future__ import annotations

import contextlib
import itertools
import os
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from netgraph.engines import _sql
from netgraph.engines.base import Engine
from netgraph.errors import InputError, NetgraphError
from netgraph.scoring import Prepared, StrengthModel, prepare
from netgraph.scoring import score as pandas_score
from netgraph.sources.parquet import parquet_files

if TYPE_CHECKING:
    from netgraph.scoring.company_ties import CompanyTieModel

__all__ = ["DuckDBEngine", "DuckDBState", "import_duckdb"]

_IDS = itertools.count()


def import_duckdb() -> Any:
    """The ``duckdb`` module, or an InputError with the install command."""
    try:
        import duckdb
    except ImportError:
        raise InputError("the DuckDB engine needs the duckdb package, which is not installed",
                         hint="pip install 'netgraph[duckdb]'") from None
    return duckdb


def _type_kind(t: str) -> str:
    t = t.upper()
    if t.startswith(("TIMESTAMP", "DATE")):
        return "timestamp"
    if t in ("VARCHAR", "STRING") or t.startswith(("VARCHAR", "ENUM")):
        return "string"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT", "INT", "LONG", "SHORT", "BYTE"):
        return "integer"
    if t == "NULL" or t == "VOID":
        return "null"
    return t.lower()


def check_columns(types: dict[str, str], where: str) -> set[str]:
    """Check an interactions source's column types (name -> SQL type); its column names.

    Raises
    ------
    InputError
        Naming the first column that is missing or of the wrong type.
    """
    lower = {k.lower(): v for k, v in types.items()}
    need = {**_sql.EVENT_SOURCE_COLUMNS}
    for col, kind in {**need, **_sql.EVENT_OPTIONAL_COLUMNS}.items():
        if col not in lower:
            if col in need:
                raise InputError(f"{where} has no {col!r} column",
                                 expected="the interactions columns person_id, other_id, "
                                          "timestamp (and optionally channel, direction, "
                                          "participants)",
                                 hint=f"Rename the column that holds it to {col!r}.")
            continue
        got = _type_kind(lower[col])
        if got not in (kind, "null"):
            raise InputError(f"{where}: column {col!r} is {lower[col]}, not of type {kind}",
                             expected=f"{col!r} as a {kind} column")
    return set(lower)


@dataclass(eq=False)
class DuckDBState(_sql.EventsState):
    """What :meth:`DuckDBEngine.prepare` keeps: the events table and the small tables
    (the fields of :class:`netgraph.engines._sql.EventsState`, plus the connection)."""

    tables: dict[str, str] = field(default_factory=dict)
    con: Any = field(default=None, repr=False)


def _drop(con: Any, names: list[str]) -> None:
    for n in names:
        with contextlib.suppress(Exception):
            con.execute(f"DROP TABLE IF EXISTS {n}")


class DuckDBEngine(Engine):
    """SQL in an embedded DuckDB database (``"duckdb"``), out of core past its memory limit.

    Parameters
    ----------
    database : str, default ":memory:"
        The DuckDB database file to work in (``":memory:"``: none; DuckDB still spills
        to *temp_directory*).
    memory_limit : str, optional
        DuckDB's ``memory_limit`` (``"4GB"``); default DuckDB's (80 % of RAM).
    temp_directory : str, optional
        Where DuckDB spills; default DuckDB's.
    threads : int, optional
        Worker threads; default all cores.
    connection : duckdb.DuckDBPyConnection, optional
        Use this connection instead of opening one (the settings above are applied to it).

    Examples
    --------
    >>> from netgraph.engines.duckdb import DuckDBEngine
    >>> DuckDBEngine(memory_limit="2GB")
    DuckDBEngine(name='duckdb')
    """

    name = "duckdb"

    def __init__(self, database: str | os.PathLike[str] = ":memory:", *,
                 memory_limit: str | None = None,
                 temp_directory: str | os.PathLike[str] | None = None,
                 threads: int | None = None, connection: Any = None) -> None:
        self.database = os.fspath(database)
        self.memory_limit = memory_limit
        self.temp_directory = None if temp_directory is None else os.fspath(temp_directory)
        self.threads = threads
        self._con = connection

    # ---------------------------------------------------------------- connection
    @property
    def connection(self) -> Any:
        """The DuckDB connection (opened on first use)."""
        if self._con is None:
            duckdb = import_duckdb()
            self._con = duckdb.connect(self.database)
        if not getattr(self, "_configured", False):
            self._configured = True
            for key, val in (("memory_limit", self.memory_limit),
                             ("temp_directory", self.temp_directory),
                             ("threads", self.threads)):
                if val is not None:
                    self._run(f"SET {key} = '{val}'" if key != "threads"
                              else f"SET threads = {int(val)}")
            self._run("SET preserve_insertion_order = false")
        return self._con

    def _sql(self, query: str, params: Any = None) -> Any:
        duckdb = import_duckdb()
        con = self._con if self._con is not None else self.connection
        try:
            return con.execute(query, params) if params is not None else con.execute(query)
        except duckdb.OutOfMemoryException as e:
            raise NetgraphError(
                f"DuckDB ran out of memory (memory_limit={self.memory_limit or 'default'}): "
                f"{str(e).splitlines()[0]}",
                hint="Raise memory_limit (DuckDBEngine(memory_limit='8GB')) or give DuckDB a "
                     "spill folder on a disk with room (temp_directory=...).") from None
        except duckdb.IOException as e:
            raise InputError(f"DuckDB could not read the input: {str(e).splitlines()[0]}"
                             ) from None
        except duckdb.Error as e:
            raise NetgraphError(f"DuckDB failed: {str(e).splitlines()[0]}",
                                hint="This is likely a netgraph bug; please report it with "
                                     "the input's column types.") from None

    def _run(self, query: str) -> None:
        """Execute a statement and consume its result."""
        self._sql(query).fetchall()

    def _register(self, name: str, frame: pd.DataFrame) -> str:
        con = self.connection
        con.register(f"{name}_v", frame)
        self._run(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_v")
        con.unregister(f"{name}_v")
        return name

    def _source(self, interactions: Any) -> tuple[str, set[str], str]:
        """A SQL relation of the interactions, its column names and how to name it."""
        duckdb = import_duckdb()
        if isinstance(interactions, duckdb.DuckDBPyRelation):
            view = f"ng_src_{next(_IDS)}"
            interactions.create_view(view, replace=True) if hasattr(
                interactions, "create_view") else interactions.to_view(view)
            types = dict(zip(interactions.columns, map(str, interactions.types), strict=True))
            return view, check_columns(types, "the DuckDB relation"), view
        files = parquet_files(interactions)
        flist = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
        rel = f"read_parquet({flist}, union_by_name = true)"
        desc = self._sql(f"DESCRIBE SELECT * FROM {rel}").fetchall()
        where = f"the Parquet set {os.fspath(interactions)!r}"
        return rel, check_columns({r[0]: r[1] for r in desc}, where), where

    # ---------------------------------------------------------------- Engine
    def prepare(self, people: pd.DataFrame | None, ties: pd.DataFrame,
                interactions: Any = None, affiliations: pd.DataFrame | None = None,
                overrides: pd.DataFrame | None = None) -> DuckDBState:
        """Match the interactions to tie rows into a DuckDB table (see
        :meth:`Engine.prepare`); *interactions* may also be a Parquet file, folder or
        glob, or a DuckDB relation, with the canonical interactions columns."""
        ids = None if people is None else people["person_id"]
        skel = prepare(ties, None, affiliations, overrides, people=ids)
        k = next(_IDS)
        names = {"map": f"ng_map_{k}", "people": f"ng_people_{k}",
                 "kinds": f"ng_kinds_{k}", "rows": f"ng_rows_{k}"}
        events = f"ng_ev_{k}"
        self._register(names["map"], _sql.tie_map(skel))
        n_in = 0
        if interactions is None or (isinstance(interactions, pd.DataFrame)
                                    and not len(interactions)):
            self._run(f"CREATE OR REPLACE TEMP TABLE {events} "
                      "(row BIGINT, sec BIGINT, kind BIGINT)")
        elif isinstance(interactions, pd.DataFrame):
            coded = _sql.coded_events(interactions, skel.person_ids)
            n_in = len(interactions)
            self.connection.register(f"{events}_c", coded)
            self._run(f"CREATE OR REPLACE TEMP TABLE {events} AS "
                      + _sql.map_codes_sql(f"{events}_c", names["map"]))
            self.connection.unregister(f"{events}_c")
            del coded
        else:
            src, cols, _ = self._source(interactions)
            self._register(names["people"], pd.DataFrame({
                "person_id": skel.person_ids.to_numpy(dtype=object).astype(str),
                "code": np.arange(len(skel.person_ids), dtype="int64")}))
            sec = "CAST(FLOOR(epoch_us(CAST(s.timestamp AS TIMESTAMPTZ)) / 1000000.0) AS BIGINT)"
            self._run(f"CREATE OR REPLACE TEMP TABLE {events} AS "
                      + _sql.map_events_sql(src, names["people"], names["map"], sec, cols))
            n_in = int(self._sql(f"SELECT COUNT(*) FROM {src}").fetchall()[0][0])
        n, smin, smax = self._sql(f"SELECT COUNT(*), MIN(sec), MAX(sec) FROM {events}"
                                  ).fetchall()[0]
        n = int(n)
        skipped = {"not matched to a tie": n_in - n} if n_in > n else {}
        state = DuckDBState(skel=skel, events=events, n_events=n,
                            smin=int(smin or 0), smax=int(smax or 0), skipped=skipped,
                            tables=names, con=self.connection)
        weakref.finalize(state, _drop, self.connection, [events, *names.values()])
        return state

    def score(self, state: DuckDBState, model: StrengthModel | None, at: Any, *,
              ties: Sequence[int] | np.ndarray | None = None,
              forecast: bool = False) -> pd.DataFrame:
        """Per-tie aggregates in SQL, then the shared formula (see :meth:`Engine.score`).

        With *ties* or *forecast*, the events of those tie rows are fetched and scored
        by the pandas code (a few ties: one owner's ping list, one pair)."""
        from netgraph._time import to_days

        model = StrengthModel() if model is None else model
        at_days = to_days(at)
        if ties is not None or forecast:
            rows = None if ties is None else _sql.check_rows(ties, state.skel.n_ties)
            return pandas_score(self.local_prepared(state, rows), model, at,
                                ties=ties, forecast=forecast)
        q = _sql.aggregate_sql(state.events, self._kinds(state, model), model, at_days,
                               state.tx)
        return _sql.frame_from_aggregates(state.skel, model, at_days, self._sql(q).df())

    def _kinds(self, state: DuckDBState, model: StrengthModel | None) -> str:
        """The kind table of *model*'s weights (registered again only when they change)."""
        model = StrengthModel() if model is None else model
        key = (model.weights, float(model.group_exponent))
        if state.kinds_key != key:
            self._register(state.tables["kinds"], _sql.kind_table(model))
            state.kinds_key = key
        return state.tables["kinds"]

    def tie_evidence(self, state: DuckDBState, model: StrengthModel | None, at: Any,
                     ties: Sequence[int] | np.ndarray | None = None) -> pd.DataFrame:
        """The per-tie evidence at *at* as one SQL ``GROUP BY`` (see
        :meth:`Engine.tie_evidence`)."""
        from netgraph._time import to_days

        at_days = to_days(at)
        q = _sql.aggregate_sql(state.events, self._kinds(state, model), model, at_days,
                               state.tx, counts=False)
        return _sql.evidence_frame(self._sql(q).df(), model, state.skel.n_ties, ties)

    def local_prepared(self, state: DuckDBState, rows: Sequence[int] | np.ndarray | None = None
                       ) -> Prepared:
        """A pandas Prepared with the events of tie *rows* (default all) fetched from
        DuckDB (see :meth:`Engine.local_prepared`)."""
        if rows is None:
            ev = self._sql(f"SELECT row, sec, kind FROM {state.events}").df()
        else:
            r = _sql.check_rows(rows, state.skel.n_ties)
            self._register(state.tables["rows"], pd.DataFrame({"row": r}))
            ev = self._sql(f"SELECT e.row, e.sec, e.kind FROM {state.events} e "
                           f"SEMI JOIN {state.tables['rows']} r ON e.row = r.row").df()
        return _sql.local_prepared(state.skel, ev, state.base, state.smin, state.skipped)

    def company_links(self, affiliations: pd.DataFrame,
                      company_model: CompanyTieModel | None, at: Any) -> pd.DataFrame:
        """Person-to-company links: the job table is small, so the pandas code (see
        :meth:`Engine.company_links`)."""
        from netgraph.scoring.company_ties import company_links

        return company_links(affiliations, model=company_model, at=at)
