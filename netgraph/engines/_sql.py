"""What the SQL engines (DuckDB, Spark) share: the SQL text, the tie map, the assembly.

Both engines turn the interactions into one narrow *events* relation ``(row, sec, kind)``:
the tie row (matched on the tie's two people, as :func:`netgraph.scoring.prepare` does),
the time in whole seconds since the epoch and the packed ``kind`` of
:attr:`netgraph.scoring.Prepared.kind` (``channel << 6 | direction << 4 |
participants``). The aggregations below read only that relation and a few small lookup
tables, in SQL both engines run unchanged (integer and double columns only, ``LAG`` /
``MIN`` / ``MAX`` windows, ``EXP`` / ``LN``, ``BIT_OR``). Their per-tie results come back
to Python and go through the same numpy code as the pandas engine:

* :func:`score_sql` gives the per-tie aggregates of
  :class:`netgraph.scoring.kernel.State` (decayed evidence by direction, counts, gaps,
  first and last contact) and :func:`frame_from_aggregates` turns them into exactly the
  frame of :func:`netgraph.scoring.score`;
* :func:`evidence_sql` gives the per-tie evidence of the shared contract
  (:func:`evidence_reference` is its pandas reference on a Prepared).

Examples
--------
>>> from netgraph.engines._sql import time_base
>>> time_base(0, 86_400, 10)
(0.0, 1.1574074074074073e-05, 1)
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import _T_SHIFT, Prepared, _offsets

__all__ = [
    "EVENT_SOURCE_COLUMNS",
    "evidence_columns",
    "evidence_params",
    "evidence_reference",
    "evidence_sql",
    "frame_from_aggregates",
    "local_prepared",
    "score_sql",
    "time_base",
]

_NCH = len(CHANNELS)

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


def evidence_params(model: StrengthModel | None) -> tuple[np.ndarray, float, tuple[float, ...]]:
    """Channel weights, ``group_exponent`` and ``recent_days`` of *model* for the evidence.

    The one place that reads the contract's parameters (defaults where the model does
    not have them yet: ``recent_days=(30.0, 180.0)``, ``group_exponent=0.5``).
    """
    model = StrengthModel() if model is None else model
    weights = model.weights.array()
    ge = float(getattr(model, "group_exponent", 0.5))
    recent = tuple(float(d) for d in getattr(model, "recent_days", (30.0, 180.0)))
    return weights, ge, recent


def evidence_columns(model: StrengthModel | None) -> list[str]:
    """Column names of the per-tie evidence frame, in order."""
    _, _, recent = evidence_params(model)
    return (["n_events", "first_day", "last_day", "volume", "w_a", "w_b", "w_both"]
            + [f"recent_{k}" for k in range(len(recent))] + ["channels_mask"])


def _evidence_kind_table(model: StrengthModel | None) -> pd.DataFrame:
    """Per packed kind 0..511: the contract's weight w, the side d and the channel bit."""
    weights, ge, _ = evidence_params(model)
    kind = np.arange(512)
    ch = np.minimum(kind >> 6, _NCH - 1)
    part = np.maximum(kind & 15, 2)
    w = weights[ch] * (part - 1.0) ** (-ge)
    return pd.DataFrame({"kind": kind.astype("int64"), "w": w,
                         "d": ((kind >> 4) & 3).astype("int64"),
                         "mask": (np.int64(1) << ch).astype("int64")})


def evidence_reference(prep: Prepared, model: StrengthModel | None, at: float,
                       rows: np.ndarray | None = None) -> pd.DataFrame:
    """The per-tie evidence of the shared contract, on a Prepared (numpy ``bincount``).

    A small, plain reference for the SQL engines to be tested against; the strength
    model's own ``netgraph.scoring.evidence.tie_evidence`` replaces it when it lands.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare
    >>> from netgraph.engines._sql import evidence_reference
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b", "in:b"],
    ...     "other_id": ["in:a", "in:a"], "timestamp": ["2026-01-01", "2026-02-01"],
    ...     "channel": ["call", "email"], "direction": ["in", ""]}), "interactions",
    ...     ["in:a", "in:b"])
    >>> ev = evidence_reference(prepare(ties, inter), None, 20455.0)   # 2026-01-02
    >>> ev[["n_events", "volume", "w_a", "w_b", "channels_mask"]]
       n_events  volume  w_a  w_b  channels_mask
    0         1     0.7  0.0  0.7              2
    """
    _, _, recent = evidence_params(model)
    kt = _evidence_kind_table(model)
    n = prep.n_ties
    t, row, kind = prep.t, prep.row, prep.kind.astype("int64")
    now = t <= at
    t, row, kind = t[now], row[now], kind[now]
    w = kt["w"].to_numpy()[kind]
    d = kt["d"].to_numpy()[kind]
    out: dict[str, np.ndarray] = {}
    cnt = np.bincount(row, minlength=n)
    out["n_events"] = cnt.astype("int64")
    first = np.full(n, np.nan)
    last = np.full(n, np.nan)
    has = cnt > 0
    # rows are sorted by (row, t): the block ends are the first and last contacts
    off = np.zeros(n + 1, "int64")
    np.cumsum(cnt, out=off[1:])
    first[has] = t[off[:-1][has]]
    last[has] = t[off[1:][has] - 1]
    out["first_day"], out["last_day"] = first, last
    out["volume"] = np.bincount(row, weights=w, minlength=n)
    for name, side in (("w_a", 0), ("w_b", 1), ("w_both", 2)):
        out[name] = np.bincount(row, weights=np.where(d == side, w, 0.0), minlength=n)
    for k, tau in enumerate(recent):
        out[f"recent_{k}"] = np.bincount(row, weights=w * np.exp(-(at - t) / tau),
                                         minlength=n)
    mask = np.zeros(n, "int64")
    ch = np.minimum(kind >> 6, _NCH - 1)
    for c in range(_NCH):
        hit = np.bincount(row, weights=(ch == c), minlength=n) > 0
        mask[hit] |= 1 << c
    out["channels_mask"] = mask
    frame = pd.DataFrame(out, columns=evidence_columns(model))
    if rows is not None:
        frame = frame.iloc[np.asarray(rows, "int64")].reset_index(drop=True)
    return frame


def time_base(smin: int, smax: int, n_ties: int) -> tuple[float, float, int]:
    """``(origin, tick, tick_seconds)``: how :func:`netgraph.scoring.prepare` turns
    whole seconds into float days (``t = (sec - smin) // tick_seconds * tick + origin``),
    so that the SQL engines' times are bit-for-bit the pandas engine's."""
    row_bits = max(1, int(n_ties).bit_length())
    t_bits = 63 - _T_SHIFT - row_bits
    span = int(smax) - int(smin)
    tick_s = 1
    for tick_s in (1, 60, 3600, 86_400):
        if span // tick_s < 2 ** t_bits:
            break
    return int(smin) / 86_400.0, tick_s / 86_400.0, tick_s


def t_expr(base: tuple[float, float, int], smin: int, col: str = "sec") -> str:
    """SQL for the float day of whole seconds *col* (see :func:`time_base`)."""
    origin, tick, tick_s = base
    steps = f"({col} - {int(smin)})" if tick_s == 1 else \
        f"FLOOR(({col} - {int(smin)}) / {int(tick_s)})"
    return f"(CAST({steps} AS DOUBLE) * {lit(tick)} + {lit(origin)})"


def kind_table(model: StrengthModel) -> pd.DataFrame:
    """Per packed kind 0..511: scoring weight, decay rate, channel and direction."""
    from netgraph.scoring.kernel import kind_tables

    w, lam = kind_tables(model)
    kind = np.arange(512)
    return pd.DataFrame({"kind": kind.astype("int64"), "w": w, "lam": lam,
                         "ch": np.minimum(kind >> 6, _NCH - 1).astype("int64"),
                         "d": ((kind >> 4) & 3).astype("int64")})


def tie_map(prep: Prepared) -> pd.DataFrame:
    """The tie lookup: one row per unordered pair (its first tie row) with the tie's *a*."""
    lo = np.minimum(prep.a, prep.b)
    hi = np.maximum(prep.a, prep.b)
    m = pd.DataFrame({"row": np.arange(prep.n_ties, dtype="int64"), "a": prep.a,
                      "lo": lo, "hi": hi})
    return m.drop_duplicates(["lo", "hi"], keep="first").reset_index(drop=True)


def ties_since(prep: Prepared) -> pd.DataFrame:
    """Tie rows with ``since`` in days (NULL unknown)."""
    since = pd.Series(prep.since, dtype="Float64")
    since[np.isnan(prep.since)] = pd.NA
    return pd.DataFrame({"row": np.arange(prep.n_ties, dtype="int64"), "since": since})


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
    part = ("LEAST(GREATEST(COALESCE(CAST(s.participants AS BIGINT), 2), 2), 15)"
            if "participants" in cols else "2")
    return f"""
SELECT t.row AS row, x.sec AS sec,
       CAST(x.ch * 64 + (CASE WHEN x.dn = 2 THEN 2
                              WHEN (CASE WHEN x.dn = 0 THEN x.p ELSE x.o END) = t.a THEN 0
                              ELSE 1 END) * 16 + x.part AS BIGINT) AS kind
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
       CAST(x.ch * 64 + (CASE WHEN x.dn = 2 THEN 2
                              WHEN (CASE WHEN x.dn = 0 THEN x.p ELSE x.o END) = t.a THEN 0
                              ELSE 1 END) * 16 + x.part AS BIGINT) AS kind
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
                         "part": np.clip(part[ok], 2, 15)})


def score_sql(events: str, kinds: str, ties: str, otime: str, model: StrengthModel,
              at: float, tx: str) -> str:
    """SQL: per-tie aggregates of :class:`netgraph.scoring.kernel.State` at *at*.

    *events* ``(row, sec, kind)``, *kinds* :func:`kind_table`, *ties*
    :func:`ties_since`, *otime* ``(row, o_time)`` (the latest override in force, only
    rows that have one); *tx* the SQL of an event's float day (:func:`t_expr`).
    """
    sg = float(model.session_gap_days)
    rep = float(model.session_repeat_weight)
    f = float(model.new_tie_half_life_fraction)
    gap_ok = f"g.gap >= {lit(max(sg, 1e-9))}"
    w = "k.w"
    if rep < 1.0:
        w = f"(k.w * (CASE WHEN g.gap < {lit(sg)} THEN {lit(rep)} ELSE {lit(1.0)} END))"
    counts = ",\n".join(
        [f"SUM(CASE WHEN k.ch = {c} THEN 1 ELSE 0 END) AS n_ch{c}" for c in range(_NCH)]
        + [f"SUM(CASE WHEN k.d = {d} THEN 1 ELSE 0 END) AS n_d{d}" for d in range(3)])
    live = "(o.o_time IS NULL OR g.t > o.o_time)"
    decayed = f"{w} * EXP(k.lam * m.lm * (g.t - {lit(at)}))"
    es = ",\n".join(
        f"SUM(CASE WHEN k.d = {d} AND {live} THEN {decayed} ELSE {lit(0.0)} END) AS e{d}"
        for d in range(3))
    return f"""
WITH f AS (
  SELECT row, kind, {tx} AS t FROM {events} WHERE {tx} <= {lit(at)}
), g AS (
  SELECT row, kind, t,
         t - LAG(t) OVER (PARTITION BY row ORDER BY t, kind) AS gap
  FROM f
), fl AS (
  SELECT row, MIN(t) AS first_t, MAX(t) AS last_t FROM f GROUP BY row
), m AS (
  SELECT fl.row, fl.first_t, fl.last_t,
         {lit(1.0)} / ({lit(f)} + {lit(1.0 - f)} * ({lit(1.0)} - EXP(-GREATEST(COALESCE(
           fl.last_t - LEAST(CASE WHEN s.since <= {lit(at)} THEN s.since END, fl.first_t),
           {lit(0.0)}), {lit(0.0)}) / {lit(float(model.maturity_days))}))) AS lm
  FROM fl JOIN {ties} s ON s.row = fl.row
)
SELECT g.row AS row, MIN(m.first_t) AS first_t, MAX(m.last_t) AS last_t,
{counts},
SUM(CASE WHEN {gap_ok} THEN 1 ELSE 0 END) AS n_gaps,
SUM(CASE WHEN {gap_ok} THEN LN(g.gap) ELSE {lit(0.0)} END) AS log_gaps,
{es}
FROM g JOIN {kinds} k ON k.kind = g.kind
JOIN m ON m.row = g.row
LEFT JOIN {otime} o ON o.row = g.row
GROUP BY g.row
"""


def evidence_sql(events: str, ekinds: str, model: StrengthModel | None, at: float,
                 tx: str) -> str:
    """SQL: the per-tie evidence of the shared contract at *at* (rows with contacts)."""
    _, _, recent = evidence_params(model)
    rec = ",\n".join(f"SUM(k.w * EXP((f.t - {lit(at)}) / {lit(tau)})) AS recent_{i}"
                     for i, tau in enumerate(recent))
    rec = (rec + ",") if rec else ""
    return f"""
SELECT f.row AS row, COUNT(*) AS n_events, MIN(f.t) AS first_day, MAX(f.t) AS last_day,
       SUM(k.w) AS volume,
       SUM(CASE WHEN k.d = 0 THEN k.w ELSE {lit(0.0)} END) AS w_a,
       SUM(CASE WHEN k.d = 1 THEN k.w ELSE {lit(0.0)} END) AS w_b,
       SUM(CASE WHEN k.d = 2 THEN k.w ELSE {lit(0.0)} END) AS w_both,
       {rec}
       BIT_OR(k.mask) AS channels_mask
FROM (SELECT row, kind, {tx} AS t FROM {events} WHERE {tx} <= {lit(at)}) f
JOIN {ekinds} k ON k.kind = f.kind
GROUP BY f.row
"""


def evidence_frame(agg: pd.DataFrame, model: StrengthModel | None, n_ties: int,
                   rows: np.ndarray | None) -> pd.DataFrame:
    """Scatter the per-tie evidence rows of :func:`evidence_sql` into tie-row order."""
    cols = evidence_columns(model)
    r = agg["row"].to_numpy("int64")
    out: dict[str, np.ndarray] = {}
    for c in cols:
        if c in ("n_events", "channels_mask"):
            a = np.zeros(n_ties, "int64")
        elif c in ("first_day", "last_day"):
            a = np.full(n_ties, np.nan)
        else:
            a = np.zeros(n_ties)
        a[r] = agg[c].to_numpy(a.dtype)
        out[c] = a
    frame = pd.DataFrame(out, columns=cols)
    if rows is not None:
        frame = frame.iloc[np.asarray(rows, "int64")].reset_index(drop=True)
    return frame


def frame_from_aggregates(skel: Prepared, model: StrengthModel, at: float,
                          agg: pd.DataFrame) -> pd.DataFrame:
    """The frame of :func:`netgraph.scoring.score` for all ties from :func:`score_sql` rows.

    *skel* is the engine's Prepared of the tables without interactions (ties, shared
    stints, overrides); the interaction aggregates come from *agg*.
    """
    from netgraph.scoring.kernel import (
        State,
        _lam_mult,
        _override_at,
        evaluate,
        overlap_at,
        resolve_overlaps,
    )
    from netgraph.scoring.scores import _frame

    n = skel.n_ties
    r = agg["row"].to_numpy("int64")
    first = np.full(n, np.nan)
    last = np.full(n, np.nan)
    first[r] = agg["first_t"].to_numpy("float64")
    last[r] = agg["last_t"].to_numpy("float64")
    n_ch = np.zeros((n, 6), "int64")
    for c in range(_NCH):
        n_ch[r, c] = agg[f"n_ch{c}"].to_numpy("int64")
    n_dir = np.zeros((n, 3), "int64")
    E = np.zeros((n, 1, 3))
    for d in range(3):
        n_dir[r, d] = agg[f"n_d{d}"].to_numpy("int64")
        E[r, 0, d] = agg[f"e{d}"].to_numpy("float64")
    n_gaps = np.zeros(n)
    log_gaps = np.zeros(n)
    n_gaps[r] = agg["n_gaps"].to_numpy("float64")
    log_gaps[r] = agg["log_gaps"].to_numpy("float64")
    o_level, o_time = _override_at(skel, None, n, at)
    iv = resolve_overlaps(skel, model, None)
    ov_days, ov_end = overlap_at(iv, n, np.full(n, at), model)
    st = State(until=np.full(n, at), E=E, n_ch=n_ch, n_dir=n_dir, n_gaps=n_gaps,
               log_gaps=log_gaps, first=first, last=last, since=skel.since, ov_days=ov_days,
               ov_end=ov_end, o_level=o_level, o_time=o_time,
               lam_mult=_lam_mult(model, skel.since, first, last, at))
    return _frame(skel, model, st, evaluate(st, model), None)


def override_times(skel: Prepared, at: float) -> pd.DataFrame:
    """``(row, o_time)``: the time of the latest override in force at *at*, per tie."""
    from netgraph.scoring.kernel import _override_at

    _, o_time = _override_at(skel, None, skel.n_ties, at)
    has = np.flatnonzero(np.isfinite(o_time))
    return pd.DataFrame({"row": has.astype("int64"), "o_time": o_time[has]})


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
    offsets = _offsets(row, n)
    gap = np.empty(len(t))
    if len(t):
        np.subtract(t[1:], t[:-1], out=gap[1:])
        gap[offsets[:-1][np.diff(offsets) > 0]] = np.nan
    n_channel = np.bincount(row * 6 + (kind >> 6), minlength=6 * n).reshape(n, 6)
    n_direction = np.bincount(row * 3 + ((kind >> 4) & 3), minlength=3 * n).reshape(n, 3)
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
