"""The Spark engine: the scans over the interactions as Spark SQL, on a cluster or locally.

``pip install 'netgraph[spark]'`` (pyspark; Spark needs Java 17). The engine runs on a
:class:`pyspark.sql.SparkSession` you pass in (``SparkEngine(spark=session)``, a cluster's)
or on one it starts in local mode. The interactions are a pandas table, a Spark DataFrame
or a Parquet path (any URI the cluster reads: ``s3a://...``, ``hdfs://...``); the same SQL
as the DuckDB engine (:mod:`netgraph.engines._sql`) matches them to tie rows and
aggregates them per tie; only per-tie rows come back to the driver, where the shared
formula makes the frame of :func:`netgraph.scoring.score`. Paths stay on one machine.

For a cluster run that writes per-tie evidence or strengths to Parquet, see
:mod:`netgraph.engines.spark_job`.

Examples
--------
>>> from netgraph.engines.spark import SparkEngine
>>> SparkEngine(master="local[1]")    # the session starts on first use
SparkEngine(name='spark')
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from netgraph.engines import _sql
from netgraph.engines.base import Engine
from netgraph.engines.duckdb import check_columns
from netgraph.errors import InputError, NetgraphError
from netgraph.scoring import Prepared, StrengthModel, prepare
from netgraph.scoring import score as pandas_score

if TYPE_CHECKING:
    from netgraph.scoring.company_ties import CompanyTieModel

__all__ = ["SparkEngine", "SparkState", "import_pyspark", "local_session"]

_IDS = itertools.count()


def import_pyspark() -> Any:
    """The ``pyspark`` module, or an InputError with the install command."""
    try:
        import pyspark
    except ImportError:
        raise InputError("the Spark engine needs the pyspark package, which is not installed",
                         hint="pip install 'netgraph[spark]' (and a Java 17 runtime)") from None
    return pyspark


def _java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return True
    return shutil.which("java") is not None


def local_session(master: str = "local[2]", shuffle_partitions: int = 4,
                  driver_memory: str | None = None) -> Any:
    """A local-mode SparkSession for netgraph (UI off, Arrow on, few shuffle partitions).

    Raises
    ------
    NetgraphError
        If pyspark is missing, or no Java runtime is found (hint: how to install one).
    """
    import_pyspark()
    if not _java_found():
        raise NetgraphError("the Spark engine needs a Java runtime (Java 17), and none was "
                            "found (no JAVA_HOME, no java on PATH)",
                            hint="Install one, e.g. apt-get install "
                                 "openjdk-17-jre-headless, or set JAVA_HOME.")
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master).appName("netgraph")
               .config("spark.sql.shuffle.partitions", str(int(shuffle_partitions)))
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC"))
    if driver_memory:
        builder = builder.config("spark.driver.memory", driver_memory)
    try:
        return builder.getOrCreate()
    except Exception as e:
        raise NetgraphError(f"Spark could not start: {str(e).splitlines()[0][:300]}",
                            hint="Check that Java 17 works (java -version) and JAVA_HOME."
                            ) from None


@dataclass(eq=False)
class SparkState(_sql.EventsState):
    """What :meth:`SparkEngine.prepare` keeps: the cached events and the small views
    (the fields of :class:`netgraph.engines._sql.EventsState`, plus the DataFrame)."""

    views: dict[str, str] = field(default_factory=dict)
    frame: Any = field(default=None, repr=False)


class SparkEngine(Engine):
    """Spark SQL on a SparkSession (``"spark"``): yours, or a local one it starts.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession, optional
        The session to run on (a cluster's). Default: :func:`local_session` on first use.
    master : str, default "local[2]"
        For the local session.
    shuffle_partitions : int, default 4
        For the local session (``spark.sql.shuffle.partitions``).
    driver_memory : str, optional
        For the local session (``spark.driver.memory``, e.g. ``"4g"``).

    Examples
    --------
    >>> from netgraph.engines.spark import SparkEngine
    >>> SparkEngine().name
    'spark'
    """

    name = "spark"

    def __init__(self, spark: Any = None, *, master: str = "local[2]",
                 shuffle_partitions: int = 4, driver_memory: str | None = None) -> None:
        self._spark = spark
        self.master = master
        self.shuffle_partitions = shuffle_partitions
        self.driver_memory = driver_memory

    @property
    def spark(self) -> Any:
        """The SparkSession (started in local mode on first use if none was given)."""
        if self._spark is None:
            self._spark = local_session(self.master, self.shuffle_partitions,
                                        self.driver_memory)
        return self._spark

    def _call(self, fn: Any, *args: Any) -> Any:
        """Run a Spark call; Spark and Py4J errors become netgraph errors."""
        import warnings

        try:
            with warnings.catch_warnings():   # pyspark's notes on the pandas version
                warnings.simplefilter("ignore", FutureWarning)
                warnings.simplefilter("ignore", UserWarning)
                return fn(*args)
        except NetgraphError:
            raise
        except Exception as e:
            text = str(e).strip().splitlines()[0][:400] if str(e).strip() else type(e).__name__
            if "PARQUET_TYPE_ILLEGAL" in text and "NANOS" in text:
                raise InputError(f"Spark cannot read nanosecond timestamps: {text}",
                                 expected="timestamps in microseconds or milliseconds",
                                 hint="Write the Parquet with microsecond timestamps, e.g. "
                                      "pandas df.to_parquet(path, coerce_timestamps='us', "
                                      "allow_truncated_timestamps=True).") from None
            if "PATH_NOT_FOUND" in text or "Path does not exist" in text:
                raise InputError(f"Spark found no Parquet data: {text}",
                                 expected="a Parquet file, folder or glob the session "
                                          "can read") from None
            if "OutOfMemory" in text or "Java heap space" in text:
                raise NetgraphError(f"Spark ran out of memory: {text}",
                                    hint="Give the driver/executors more memory "
                                         "(driver_memory='8g') or more partitions.") from None
            raise NetgraphError(f"Spark failed: {text}",
                                hint="This is likely a netgraph bug; please report it "
                                     "with the input's schema.") from None

    def _sql(self, query: str) -> Any:
        return self._call(self.spark.sql, query)

    def _view(self, name: str, frame: pd.DataFrame) -> str:
        df = self._call(self.spark.createDataFrame, frame)
        df.createOrReplaceTempView(name)
        return name

    def _to_pandas(self, df: Any) -> pd.DataFrame:
        return self._call(df.toPandas)

    # ---------------------------------------------------------------- Engine
    def prepare(self, people: pd.DataFrame | None, ties: pd.DataFrame,
                interactions: Any = None, affiliations: pd.DataFrame | None = None,
                overrides: pd.DataFrame | None = None) -> SparkState:
        """Match the interactions to tie rows as a cached Spark DataFrame (see
        :meth:`Engine.prepare`); *interactions* may also be a Spark DataFrame or a
        Parquet path (any URI the session reads) with the canonical columns."""
        ids = None if people is None else people["person_id"]
        skel = prepare(ties, None, affiliations, overrides, people=ids)
        k = next(_IDS)
        names = {"map": f"ng_map_{k}", "people": f"ng_people_{k}",
                 "kinds": f"ng_kinds_{k}", "rows": f"ng_rows_{k}", "src": f"ng_src_{k}"}
        events = f"ng_ev_{k}"
        self._view(names["map"], _sql.tie_map(skel))
        n_in = 0
        if interactions is None or (isinstance(interactions, pd.DataFrame)
                                    and not len(interactions)):
            ev = self._sql("SELECT CAST(1 AS BIGINT) AS row, CAST(1 AS BIGINT) AS sec, "
                           "CAST(1 AS BIGINT) AS kind WHERE 1 = 0")
        elif isinstance(interactions, pd.DataFrame):
            coded = _sql.coded_events(interactions, skel.person_ids)
            n_in = len(interactions)
            self._view(names["src"], coded)
            ev = self._sql(_sql.map_codes_sql(names["src"], names["map"]))
        else:
            from pyspark.sql import DataFrame as SparkDataFrame

            if isinstance(interactions, SparkDataFrame):
                src, where = interactions, "the Spark DataFrame"
            else:
                path = os.fspath(interactions)
                src = self._call(self.spark.read.parquet, path)
                where = f"the Parquet data {path!r}"
            types = {f.name: f.dataType.simpleString() for f in src.schema.fields}
            cols = check_columns(types, where)
            src.createOrReplaceTempView(names["src"])
            self._view(names["people"], pd.DataFrame({
                "person_id": skel.person_ids.to_numpy(dtype=object).astype(str),
                "code": np.arange(len(skel.person_ids), dtype="int64")}))
            sec = ("CAST(FLOOR(unix_micros(CAST(s.timestamp AS TIMESTAMP)) / 1000000.0) "
                   "AS BIGINT)")
            ev = self._sql(_sql.map_events_sql(names["src"], names["people"], names["map"],
                                               sec, cols))
            n_in = int(self._call(src.count))
        ev = ev.persist()
        ev.createOrReplaceTempView(events)
        row = self._sql(f"SELECT COUNT(*) AS n, MIN(sec) AS lo, MAX(sec) AS hi FROM {events}"
                        ).collect()[0]
        n = int(row["n"])
        skipped = {"not matched to a tie": n_in - n} if n_in > n else {}
        return SparkState(skel=skel, events=events, n_events=n, smin=int(row["lo"] or 0),
                          smax=int(row["hi"] or 0), skipped=skipped, views=names, frame=ev)

    def score(self, state: SparkState, model: StrengthModel | None, at: Any, *,
              ties: Sequence[int] | np.ndarray | None = None,
              forecast: bool = False) -> pd.DataFrame:
        """Per-tie aggregates in Spark SQL, then the shared formula (see
        :meth:`Engine.score`); with *ties* or *forecast*, those rows' events are fetched
        and scored by the pandas code."""
        from netgraph._time import to_days

        model = StrengthModel() if model is None else model
        at_days = to_days(at)
        if ties is not None or forecast:
            rows = None if ties is None else _sql.check_rows(ties, state.skel.n_ties)
            return pandas_score(self.local_prepared(state, rows), model, at,
                                ties=ties, forecast=forecast)
        q = _sql.aggregate_sql(state.events, self._kinds(state, model), model, at_days,
                               state.tx)
        agg = self._to_pandas(self._sql(q))
        return _sql.frame_from_aggregates(state.skel, model, at_days, agg)

    def _kinds(self, state: SparkState, model: StrengthModel | None) -> str:
        """The kind table of *model*'s weights (a new view only when they change)."""
        model = StrengthModel() if model is None else model
        key = (model.weights, float(model.group_exponent))
        if state.kinds_key != key:
            self._view(state.views["kinds"], _sql.kind_table(model))
            state.kinds_key = key
        return state.views["kinds"]

    def tie_evidence(self, state: SparkState, model: StrengthModel | None, at: Any,
                     ties: Sequence[int] | np.ndarray | None = None) -> pd.DataFrame:
        """The per-tie evidence at *at* as one Spark SQL ``GROUP BY`` (see
        :meth:`Engine.tie_evidence`)."""
        from netgraph._time import to_days

        at_days = to_days(at)
        q = _sql.aggregate_sql(state.events, self._kinds(state, model), model, at_days,
                               state.tx, counts=False)
        agg = self._to_pandas(self._sql(q))
        return _sql.evidence_frame(agg, model, state.skel.n_ties, ties)

    def local_prepared(self, state: SparkState, rows: Sequence[int] | np.ndarray | None = None
                       ) -> Prepared:
        """A pandas Prepared with the events of tie *rows* (default all) fetched from
        Spark (see :meth:`Engine.local_prepared`)."""
        if rows is None:
            df = self._sql(f"SELECT row, sec, kind FROM {state.events}")
        else:
            r = _sql.check_rows(rows, state.skel.n_ties)
            self._view(state.views["rows"], pd.DataFrame({"row": r}))
            df = self._sql(f"SELECT e.row, e.sec, e.kind FROM {state.events} e "
                           f"LEFT SEMI JOIN {state.views['rows']} r ON e.row = r.row")
        ev = self._to_pandas(df)
        return _sql.local_prepared(state.skel, ev, state.base, state.smin, state.skipped)

    def company_links(self, affiliations: pd.DataFrame,
                      company_model: CompanyTieModel | None, at: Any) -> pd.DataFrame:
        """Person-to-company links: the job table is small, so the pandas code."""
        from netgraph.scoring.company_ties import company_links

        return company_links(affiliations, model=company_model, at=at)
