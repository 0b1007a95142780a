"""What the SQL engines (DuckDB, Spark) share: the SQL text, the tie map, the assembly.

Both engines turn the interactions into one narrow *events* relation ``(row, sec, kind)``:
the tie row (matched on the tie's two people, as :func:`netgraph.scoring.prepare` does),
the time in whole seconds since the epoch and the packed ``kind`` of
:attr:`netgraph.scoring.Prepared.kind` (``channel << 10 | direction << 8 |
participants``, :func:`netgraph.scoring.prepare.pack_kind`). The aggregation below reads
only that relation and a small lookup table of kinds, in SQL both engines run unchanged
(integer and double columns only, one ``LAG`` window, ``EXP`` / ``LN``, ``BIT_OR``). Its
per-tie rows come back to Python and go through the same numpy code as the pandas engine:

* :func:`aggregate_sql` gives the per-tie evidence of the shared contract
  (:func:`netgraph.scoring.evidence.tie_evidence` is the pandas version) and, for scores,
  the contacts per channel and direction and the gap statistics that
  :func:`netgraph.scoring.kernel.state_at` gathers;
* :func:`evidence_frame` puts the evidence in tie-row order, and :func:`frame_from_aggregates`
  builds the :class:`~netgraph.scoring.kernel.State`
  (:func:`~netgraph.scoring.kernel.state_from_aggregates`) and exactly the frame of
  :func:`netgraph.scoring.score` (:func:`~netgraph.scoring.scores.score_state`).

Examples
--------
>>> from netgraph.engines._sql import kind_table
>>> from netgraph.scoring import StrengthModel
>>> from netgraph.scoring.prepare import pack_kind
>>> kt = kind_table(StrengthModel()).set_index("kind")
>>> list(kt.columns)
['w', 'side', 'ch', 'd', 'mask']
>>> kt.loc[pack_kind(0, 1, 5), ["w", "side"]].tolist()   # a 5-person meeting
[0.5, 2.0]
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.scoring.evidence import event_weight, evidence_columns, two_way_by_nature
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import (
    MAX_PARTICIPANTS,
    Prepared,
    channel_of,
    direction_of,
    pack_kind,
    time_base,
)

__all__ = [
    "EVENT_SOURCE_COLUMNS",
    "EventsState",
    "aggregate_sql",
    "evidence_frame",
    "frame_from_aggregates",
    "kind_table",
    "local_prepared",
    "time_base",
]

_NCH = len(CHANNELS)
#: gaps between contacts shorter than this are one conversation (as in the kernel)
_SESSION_GAP_DAYS = 1.0
#: the SQL multipliers of the packed kind
_CH_MUL, _D_MUL = int(pack_kind(1, 0, 0)), int(pack_kind(0, 1, 0))

#: columns an interactions source must have (name -> kind of type); others are optional
EVENT_SOURCE_COLUMNS = {"person_id": "string", "other_id": "string",
                        "timestamp": "timestamp"}
#: optional columns and their kind of type
EVENT_OPTIONAL_COLUMNS = {"channel": "string", "direction": "string",
                          "participants": "integer"}


def lit(x: float) -> str:
    """A float64 as an exact SQL literal both DuckDB and Spark read as DOUBLE."""
    x = float(x)
    if np.isnan(x):
        return "CAST('NaN' AS DOUBLE)"
    if np.isinf(x):
        return f"CAST('{'-' if x < 0 else ''}Infinity' AS DOUBLE)"
    return f"CAST('{x!r}' AS DOUBLE)"


def _model(model: StrengthModel | None) -> StrengthModel:
    return StrengthModel() if model is None else model


def kind_table(model: StrengthModel | None) -> pd.DataFrame:
    """Per packed kind: the contract's weight ``w``, the side (0 *a*, 1 *b*, 2 two-way or
    unknown), the channel and direction codes and the channel's bit.

    ``w = weight[channel] x (max(p, 2) - 1) ** -group_exponent`` as the pandas evidence
    computes it (:func:`netgraph.scoring.evidence.event_weight`), for every packed value.
    """
    model = _model(model)
    kind = np.arange(int(pack_kind(_NCH - 1, 3, MAX_PARTICIPANTS)) + 1, dtype="int64")
    ch = np.minimum(channel_of(kind), _NCH - 1)
    d = direction_of(kind)
    side = np.where((d == 2) | two_way_by_nature()[ch], 2, d)
    return pd.DataFrame({"kind": kind, "w": event_weight(model, kind),
                         "side": side.astype("int64"), "ch": ch.astype("int64"),
                         "d": d.astype("int64"), "mask": (np.int64(1) << ch).astype("int64")})


def t_expr(base: tuple[float, float, int], smin: int, col: str = "sec") -> str:
    """SQL for the float day of whole seconds *col* (see :func:`time_base`)."""
    origin, tick, tick_s = base
    steps = f"({col} - {int(smin)})" if tick_s == 1 else \
        f"FLOOR(({col} - {int(smin)}) / {int(tick_s)})"
    return f"(CAST({steps} AS DOUBLE) * {lit(tick)} + {lit(origin)})"


def tie_map(prep: Prepared) -> pd.DataFrame:
    """The tie lookup: one row per unordered pair (its first tie row) with the tie's *a*."""
    lo = np.minimum(prep.a, prep.b)
    hi = np.maximum(prep.a, prep.b)
    m = pd.DataFrame({"row": np.arange(prep.n_ties, dtype="int64"), "a": prep.a,
                      "lo": lo, "hi": hi})
    return m.drop_duplicates(["lo", "hi"], keep="first").reset_index(drop=True)


def channel_case(col: str) -> str:
    """SQL: channel name -> code (unknown or missing: ``other``)."""
    whens = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CHANNELS))
    return f"(CASE {col} {whens} ELSE {CHANNELS.index('other')} END)"


def map_events_sql(src: str, people: str, ties: str, sec: str, cols: set[str]) -> str:
    """SQL: the interactions relation *src* as events ``(row, sec, kind)``.

    *people* has ``(person_id, code)``, *ties* is :func:`tie_map`; *sec* is the SQL of
    the whole seconds of ``timestamp``; *cols* the source's column names.
    """
    ch = channel_case("s.channel") if "channel" in cols else str(CHANNELS.index("other"))
    dn = ("(CASE s.direction WHEN 'in' THEN 0 WHEN 'out' THEN 1 ELSE 2 END)"
          if "direction" in cols else "2")
    part = ("LEAST(GREATEST(COALESCE(CAST(s.participants AS BIGINT), 2), 2), "
            f"{MAX_PARTICIPANTS})"
            if "participants" in cols else "2")
    return f"""
SELECT t.row AS row, x.sec AS sec,
       CAST(x.ch * {_CH_MUL} + (CASE WHEN x.dn = 2 THEN 2
                              WHEN (CASE WHEN x.dn = 0 THEN x.p ELSE x.o END) = t.a THEN 0
                              ELSE 1 END) * {_D_MUL} + x.part AS BIGINT) AS kind
FROM (SELECT pp.code AS p, po.code AS o, {sec} AS sec, {ch} AS ch, {dn} AS dn,
             {part} AS part
      FROM {src} s
      JOIN {people} pp ON s.person_id = pp.person_id
      JOIN {people} po ON s.other_id = po.person_id
      WHERE s.timestamp IS NOT NULL) x
JOIN {ties} t ON t.lo = LEAST(x.p, x.o) AND t.hi = GREATEST(x.p, x.o)
WHERE x.p <> x.o
"""


def map_codes_sql(src: str, ties: str) -> str:
    """SQL: already-coded events ``(p, o, sec, ch, dn, part)`` as ``(row, sec, kind)``."""
    return f"""
SELECT t.row AS row, x.sec AS sec,
       CAST(x.ch * {_CH_MUL} + (CASE WHEN x.dn = 2 THEN 2
                              WHEN (CASE WHEN x.dn = 0 THEN x.p ELSE x.o END) = t.a THEN 0
                              ELSE 1 END) * {_D_MUL} + x.part AS BIGINT) AS kind
FROM {src} x
JOIN {ties} t ON t.lo = LEAST(x.p, x.o) AND t.hi = GREATEST(x.p, x.o)
WHERE x.p <> x.o
"""


def coded_events(interactions: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """A pandas interactions table as coded events ``(p, o, sec, ch, dn, part)``."""
    from netgraph._time import ns_of
    from netgraph.scoring.prepare import person_codes

    p = person_codes(interactions["person_id"], ids)
    o = person_codes(interactions["other_id"], ids)
    ns = ns_of(interactions["timestamp"])
    ok = (p >= 0) & (o >= 0) & (ns != np.iinfo("int64").min)
    ch_col = interactions.get("channel", None)
    if ch_col is None:
        ch = np.full(len(p), CHANNELS.index("other"))
    elif isinstance(ch_col.dtype, pd.CategoricalDtype) and list(ch_col.cat.categories) == list(
            CHANNELS):
        ch = ch_col.cat.codes.to_numpy().astype("int64")
    else:
        ch = pd.Index(CHANNELS).get_indexer(ch_col.astype("object")).astype("int64")
    ch[ch < 0] = CHANNELS.index("other")
    if "direction" in interactions:
        dv = interactions["direction"].to_numpy(dtype=object)
        dn = np.where(dv == "in", 0, np.where(dv == "out", 1, 2))
    else:
        dn = np.full(len(p), 2)
    if "participants" in interactions:
        part = interactions["participants"].to_numpy().astype("int64")
    else:
        part = np.full(len(p), 2, "int64")
    return pd.DataFrame({"p": p[ok], "o": o[ok], "sec": ns[ok] // 10**9,
                         "ch": ch[ok].astype("int64"), "dn": dn[ok].astype("int64"),
                         "part": np.clip(part[ok], 2, MAX_PARTICIPANTS)})


def aggregate_sql(events: str, kinds: str, model: StrengthModel | None, at: float,
                  tx: str, *, counts: bool = True) -> str:
    """SQL: per-tie aggregates of the contacts up to *at* (one row per tie with contacts).

    The contract's evidence columns (:func:`~netgraph.scoring.evidence.evidence_columns`)
    and, with *counts*, what a :class:`~netgraph.scoring.kernel.State` needs beside them:
    ``n_ch0`` .. contacts per channel code, ``n_d0`` .. ``n_d2`` per direction code,
    ``n_gaps`` and ``log_gaps`` (gaps of at least a day between a tie's consecutive
    contacts, and the sum of their logs: one ``LAG`` window, as
    :func:`~netgraph.scoring.kernel.state_at` reads ``Prepared.gap``).

    *events* ``(row, sec, kind)``, *kinds* :func:`kind_table`, *tx* the SQL of an event's
    float day (:func:`t_expr`).
    """
    model = _model(model)
    rec = "".join(f"SUM(k.w * EXP((f.t - {lit(at)}) / {lit(float(tau))})) AS recent_{i},\n"
                  for i, tau in enumerate(model.recent_days))
    extra, src = "", f"(SELECT row, kind, {tx} AS t FROM {events} WHERE {tx} <= {lit(at)}) f"
    if counts:
        gap_ok = f"f.gap >= {lit(_SESSION_GAP_DAYS)}"
        extra = "".join(
            [f"CAST(SUM(CASE WHEN k.ch = {c} THEN 1 ELSE 0 END) AS BIGINT) AS n_ch{c},\n"
             for c in range(_NCH)]
            + [f"CAST(SUM(CASE WHEN k.d = {d} THEN 1 ELSE 0 END) AS BIGINT) AS n_d{d},\n"
               for d in range(3)]
            + [f"CAST(SUM(CASE WHEN {gap_ok} THEN 1 ELSE 0 END) AS BIGINT) AS n_gaps,\n",
               f"SUM(CASE WHEN {gap_ok} THEN LN(f.gap) ELSE {lit(0.0)} END) AS log_gaps,\n"])
        src = f"""(SELECT row, kind, t, t - LAG(t) OVER (PARTITION BY row ORDER BY t) AS gap
      FROM (SELECT row, kind, {tx} AS t FROM {events} WHERE {tx} <= {lit(at)}) e) f"""
    return f"""
SELECT f.row AS row, COUNT(*) AS n_events, MIN(f.t) AS first_day, MAX(f.t) AS last_day,
       SUM(k.w) AS volume,
       SUM(CASE WHEN k.side = 0 THEN k.w ELSE {lit(0.0)} END) AS w_a,
       SUM(CASE WHEN k.side = 1 THEN k.w ELSE {lit(0.0)} END) AS w_b,
       SUM(CASE WHEN k.side = 2 THEN k.w ELSE {lit(0.0)} END) AS w_both,
       {rec}{extra}BIT_OR(k.mask) AS channels_mask
FROM {src}
JOIN {kinds} k ON k.kind = f.kind
GROUP BY f.row
"""


def evidence_frame(agg: pd.DataFrame, model: StrengthModel | None, n_ties: int,
                   rows: Any = None) -> pd.DataFrame:
    """Scatter the per-tie rows of :func:`aggregate_sql` into tie-row order.

    The frame of :func:`netgraph.scoring.evidence.tie_evidence`: one row per tie row (or
    per entry of *rows*, repeats allowed), every column float64.
    """
    cols = evidence_columns(_model(model))
    r = agg["row"].to_numpy("int64")
    out: dict[str, np.ndarray] = {}
    for c in cols:
        a = np.full(n_ties, np.nan) if c in ("first_day", "last_day") else np.zeros(n_ties)
        a[r] = agg[c].to_numpy("float64")
        out[c] = a if rows is None else a[np.asarray(rows, "int64").ravel()]
    return pd.DataFrame(out, columns=cols)


def frame_from_aggregates(skel: Prepared, model: StrengthModel, at: float,
                          agg: pd.DataFrame) -> pd.DataFrame:
    """The frame of :func:`netgraph.scoring.score` for all ties from :func:`aggregate_sql`
    rows (with ``counts``).

    *skel* is the engine's Prepared of the tables without interactions (ties, shared
    stints, overrides); the interaction aggregates come from *agg*.
    """
    from netgraph.scoring.kernel import state_from_aggregates
    from netgraph.scoring.scores import score_state

    n = skel.n_ties
    r = agg["row"].to_numpy("int64")
    ev = evidence_frame(agg, model, n)
    n_ch = np.zeros((n, _NCH), "int64")
    for c in range(_NCH):
        n_ch[r, c] = agg[f"n_ch{c}"].to_numpy("int64")
    n_dir = np.zeros((n, 3), "int64")
    for d in range(3):
        n_dir[r, d] = agg[f"n_d{d}"].to_numpy("int64")
    n_gaps = np.zeros(n)
    log_gaps = np.zeros(n)
    n_gaps[r] = agg["n_gaps"].to_numpy("float64")
    log_gaps[r] = agg["log_gaps"].to_numpy("float64")
    st = state_from_aggregates(skel, model, at, {c: ev[c].to_numpy() for c in ev.columns},
                               n_ch, n_dir, n_gaps, log_gaps)
    return score_state(skel, model, st)


def local_prepared(skel: Prepared, events: pd.DataFrame, base: tuple[float, float, int],
                   smin: int, skipped: dict[str, int]) -> Prepared:
    """A pandas Prepared of *skel* with the events ``(row, sec, kind)`` fetched from an
    engine (all of them, or the ones of the tie rows a caller needs).

    Times, gaps and counts are computed as :func:`netgraph.scoring.prepare` does, so the
    pandas scoring code gives the same answers on it for those tie rows.
    """
    origin, tick, tick_s = base
    n = skel.n_ties
    row = events["row"].to_numpy("int64")
    steps = events["sec"].to_numpy("int64") - int(smin)
    if tick_s > 1:
        steps //= tick_s
    kind = events["kind"].to_numpy("int64")
    order = np.lexsort((kind, steps, row))
    row, steps, kind = row[order], steps[order], kind[order]
    t = steps * tick
    t += origin
    offsets = np.zeros(n + 1, "int64")
    np.cumsum(np.bincount(row, minlength=n), out=offsets[1:])
    gap = np.empty(len(t))
    if len(t):
        np.subtract(t[1:], t[:-1], out=gap[1:])
        gap[offsets[:-1][np.diff(offsets) > 0]] = np.nan
    n_channel = np.bincount(row * _NCH + channel_of(kind), minlength=_NCH * n
                            ).reshape(n, _NCH)
    n_direction = np.bincount(row * 3 + direction_of(kind), minlength=3 * n).reshape(n, 3)
    return dataclasses.replace(
        skel, t=t, row=row, kind=kind.astype("int16"), gap=gap, offsets=offsets,
        n_channel=n_channel, n_direction=n_direction,
        t_max=float(t.max()) if len(t) else -np.inf, skipped=dict(skipped))


def check_rows(rows: Any, n_ties: int) -> np.ndarray:
    """Tie rows as a sorted unique int64 array (an InputError when out of range)."""
    r = np.asarray(rows, dtype="int64").ravel()
    if len(r) and (r.min() < 0 or r.max() >= n_ties):
        raise InputError("tie rows out of range",
                         expected=f"positions 0..{n_ties - 1} of the ties table")
    return np.unique(r)


@dataclasses.dataclass(eq=False)
class EventsState:
    """What a SQL engine's ``prepare`` keeps (the DuckDB and Spark states extend it).

    Attributes
    ----------
    skel : Prepared
        The pandas Prepared of ties, shared stints and overrides (no interactions).
    events : str
        The engine's table (or view) of ``(row, sec, kind)``.
    n_events : int
        Interactions matched to a tie.
    smin, smax : int
        First and last contact, whole seconds since the epoch.
    skipped : dict of str to int
        Interactions not matched to a tie.
    """

    skel: Any
    events: str
    n_events: int
    smin: int
    smax: int
    skipped: dict[str, int]
    kinds_key: Any = dataclasses.field(default=None, repr=False)

    @property
    def base(self) -> tuple[float, float, int]:
        """The time base of the packed events (see :func:`time_base`)."""
        return time_base(self.smin, self.smax, self.skel.n_ties)

    @property
    def tx(self) -> str:
        """The SQL expression of an event's time in days (see :func:`t_expr`)."""
        return t_expr(self.base, self.smin)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.skel.n_ties} ties, {self.n_events} interactions)"
