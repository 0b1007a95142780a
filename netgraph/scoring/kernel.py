"""The scoring kernel: per-tie state (:class:`State`) and the strength (:func:`evaluate`).

Two ways to gather a :class:`~netgraph.scoring.prepare.Prepared`'s evidence into a
:class:`State`: :func:`state_at` for every tie (or some tie rows) at one date (the
evidence stage :func:`~netgraph.scoring.evidence.tie_evidence`, vectorised with
``numpy.bincount``), and :func:`state_over_time` for one tie at many dates (reading only
that tie's slice of the arrays). :func:`evaluate` applies the formula stage
(:mod:`netgraph.scoring.features`) and hand-set overrides, optionally some days ahead
with no further contact (what :mod:`netgraph.scoring.forecast` searches). Shared tenure
is resolved here too (:func:`resolve_overlaps`, :func:`overlap_at`).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring import StrengthModel, prepare
>>> from netgraph.scoring.kernel import evaluate, state_at, state_over_time, times_index
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
...     "timestamp": ["2026-01-01"], "channel": ["meeting"]}), "interactions",
...     ["in:a", "in:b"])
>>> prep, model = prepare(ties, inter), StrengthModel()
>>> _, days = times_index(["2026-01-02"])
>>> many = state_at(prep, model, float(days[0]))
>>> one = state_over_time(prep, model, 0, days)
>>> float(evaluate(many, model)["strength"][0]) == float(evaluate(one, model)["strength"][0])
True
"""

from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import NS_PER_DAY, as_utc
from netgraph.data.schema import CHANNELS
from netgraph.scoring.evidence import (
    event_weight,
    evidence_columns,
    gather_events,
    tie_evidence,
    two_way_by_nature,
)
from netgraph.scoring.features import feature_table, linear_predictor, sigmoid
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import Prepared, channel_of, direction_of

__all__ = [
    "COOLING_MULTIPLE",
    "State",
    "as_of",
    "evaluate",
    "overlap_at",
    "resolve_overlaps",
    "state_at",
    "state_from_aggregates",
    "state_over_time",
    "times_index",
]

#: Length assumed for a job stint whose start (or, when not current, end) is unknown.
_UNKNOWN_STINT_DAYS = 180.0
#: Gaps between contacts shorter than this continue one conversation (left out of the
#: usual gap) and a tie is *cooling* once silent this many times its usual gap (a
#: description for the ping list, Navarro et al. 2017; it does not change the strength).
_SESSION_GAP_DAYS = 1.0
#: A tie is *cooling* once silent more than this many times its usual gap.
COOLING_MULTIPLE = 8.0
_COOLING_MULTIPLE = COOLING_MULTIPLE
_COOLING_MIN_GAPS = 2
# each Prepared's usual-gap sums over all its contacts (what every later date reads)
_GAPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def as_of(when: Any) -> pd.Timestamp:
    """An ``at=`` date as a UTC timestamp (``None`` means now)."""
    return as_utc(when, default="now", name="at")


def times_index(times: Any) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Dates as a UTC :class:`pandas.DatetimeIndex` and as float days since the epoch."""
    idx = pd.DatetimeIndex(times)
    idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
    idx = idx.as_unit("ns")
    return idx, idx.asi8 / NS_PER_DAY


def _gather(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices of the blocks of *rows*, the local row of each, and the local offsets."""
    starts = offsets[rows]
    lens = offsets[rows + 1] - starts
    off = np.zeros(len(rows) + 1, "int64")
    np.cumsum(lens, out=off[1:])
    idx = np.arange(int(off[-1]), dtype="int64") + np.repeat(starts - off[:-1], lens)
    local = np.repeat(np.arange(len(rows), dtype="int64"), lens)
    return idx, local, off


def resolve_overlaps(prep: Prepared, model: StrengthModel, rows: np.ndarray | None
                     ) -> dict[str, np.ndarray]:
    """Shared tenure as intervals: row, company_id, start, end (days; inf = ongoing), open.

    ``rows`` (sorted unique tie rows) restricts and renumbers them to 0..len(rows)-1.
    ``open`` marks two current stints with unknown starts (overlap of unknown length).
    """
    ov = prep.overlap_arrays
    if rows is None:
        sel = {k: v for k, v in ov.items() if k != "offsets"}
    else:
        idx, local, _ = _gather(ov["offsets"], rows)
        sel = {k: v[idx] for k, v in ov.items() if k != "offsets"}
        sel["row"] = local
    unk = _UNKNOWN_STINT_DAYS

    def stint(s: np.ndarray, e: np.ndarray, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        e = np.where(cur & np.isnan(e), np.inf, e)
        s2 = np.where(np.isnan(s), np.where(np.isfinite(e), e - unk, np.nan), s)
        e2 = np.where(np.isnan(e), s2 + unk, e)
        return s2, e2

    sa, ea = stint(sel["start_a"], sel["end_a"], sel["current_a"])
    sb, eb = stint(sel["start_b"], sel["end_b"], sel["current_b"])
    s = np.fmax(sa, sb)
    e = np.fmin(ea, eb)
    open_ = np.isnan(s) & np.isinf(ea) & np.isinf(eb)
    keep = (e > s) | open_
    return {"row": sel["row"][keep], "company_id": sel["company_id"][keep],
            "start": s[keep], "end": e[keep], "open": open_[keep]}


def _union(row: np.ndarray, start: np.ndarray, end: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge intervals per row into disjoint ones (so duplicates never count twice).

    Returns them sorted by row, then start.
    """
    if not len(row):
        return row, start, end
    ordered = (row[1:] > row[:-1]) | ((row[1:] == row[:-1]) & (start[1:] >= start[:-1]))
    if not ordered.all():
        order = np.lexsort((start, row))
        row, start, end = row[order], start[order], end[order]
    # running max of end within each row: offset rows apart so one accumulate suffices
    shift = row * 2e7
    reach = np.maximum.accumulate(np.minimum(end, 1e7) + shift) - shift
    new = np.empty(len(row), bool)
    new[0] = True
    new[1:] = (row[1:] != row[:-1]) | (start[1:] > reach[:-1])
    starts = np.flatnonzero(new)
    return row[new], start[new], np.maximum.reduceat(end, starts)


def overlap_at(iv: dict[str, np.ndarray], n_rows: int, at: np.ndarray, model: StrengthModel,
               row_of: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Days of shared tenure so far and when it ended (inf ongoing, NaN none), per row.

    Stints with both starts unknown and both current count ``tenure_unknown_days``,
    ongoing; dated overlaps count their union up to *at*.
    """
    days = np.zeros(n_rows)
    if not len(iv["row"]):
        return days, np.full(n_rows, np.nan)
    r = iv["row"] if row_of is None else row_of
    open_ = iv["open"]
    kr, ks, ke = _union(r[~open_], iv["start"][~open_], iv["end"][~open_])
    tk = at[kr]
    live = ks < tk
    kr, ks, ke, tk = kr[live], ks[live], ke[live], tk[live]
    days += np.bincount(kr, weights=np.minimum(ke, tk) - ks, minlength=n_rows)
    emax = np.full(n_rows, -np.inf)
    if len(kr):       # kr is sorted: the max per row over its block
        first = np.flatnonzero(np.r_[True, kr[1:] != kr[:-1]])
        emax[kr[first]] = np.maximum.reduceat(np.where(ke >= tk, np.inf, ke), first)
    if open_.any():
        ro = r[open_]
        days[ro] = np.maximum(days[ro], _UNKNOWN_STINT_DAYS)
        emax[ro] = np.inf
    return days, np.where(np.isneginf(emax), np.nan, emax)


@dataclass
class State:
    """Per-row evidence as of ``until`` (rows are ties, or times for one tie).

    Made by :func:`state_at` or :func:`state_over_time`; read by :func:`evaluate`.
    """

    until: np.ndarray        # (R,) days: events up to here count
    ev: dict[str, np.ndarray]  # the tie_evidence columns, (R,) each
    n_ch: np.ndarray         # (R, len(CHANNELS)) contacts per channel
    n_dir: np.ndarray        # (R, 3) contacts per direction (a->b, b->a, unknown)
    n_gaps: np.ndarray       # (R,) gaps >= a day between contacts
    log_gaps: np.ndarray     # (R,) sum of log(gap days)
    since: np.ndarray        # (R,) tie made (NaN unknown)
    ov_days: np.ndarray      # (R,) shared-employer overlap days so far
    ov_end: np.ndarray       # (R,) overlap end (inf ongoing, NaN none)
    o_level: np.ndarray      # (R,) latest override level (NaN none)
    o_time: np.ndarray       # (R,) latest override time

    def take(self, idx: np.ndarray) -> State:
        """The rows *idx* (integer positions or a boolean mask) of every array."""
        kw: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            kw[f.name] = {k: a[idx] for k, a in v.items()} if isinstance(v, dict) else v[idx]
        return State(**kw)

    @property
    def last(self) -> np.ndarray:
        """Last contact (days; NaN none)."""
        return self.ev["last_day"]

    @property
    def first(self) -> np.ndarray:
        """First contact (days; NaN none)."""
        return self.ev["first_day"]


def features_of(st: State, model: StrengthModel, ahead: float | np.ndarray = 0.0
                ) -> dict[str, np.ndarray]:
    """The model's features for a state (see :func:`~netgraph.scoring.features.feature_table`)."""
    return feature_table(st.ev, model, st.until, since=st.since, shared_days=st.ov_days,
                         shared_end=st.ov_end, ahead=ahead)


def evaluate(st: State, model: StrengthModel, ahead: float | np.ndarray = 0.0
             ) -> dict[str, np.ndarray]:
    """Features and strength at ``until + ahead`` assuming no contact after ``until``.

    Returns the features (by name), ``model_strength`` (the logistic value),
    ``override`` (the pull of a hand-set strength, 0..1: the strength is ``override x
    level + (1 - override) x model_strength``), ``strength``, ``silence_days``,
    ``usual_gap_days`` and ``cooling`` (descriptive only).
    """
    at = st.until + ahead
    feats = features_of(st, model, ahead)
    p = sigmoid(linear_predictor(feats, model))
    has_o = np.isfinite(st.o_level)
    pull = np.where(has_o, np.exp2(-np.maximum(np.nan_to_num(at - st.o_time), 0.0)
                                   / model.override_half_life_days), 0.0)
    strength = pull * np.nan_to_num(st.o_level) + (1.0 - pull) * p
    silence = at - st.last
    with np.errstate(invalid="ignore", divide="ignore"):
        usual = np.where(st.n_gaps > 0, np.exp(st.log_gaps / np.maximum(st.n_gaps, 1)), np.nan)
        cooling = (st.n_gaps >= _COOLING_MIN_GAPS) & (silence > _COOLING_MULTIPLE * usual)
    return {**feats, "model_strength": p, "override": pull, "strength": strength,
            "silence_days": silence, "usual_gap_days": usual, "cooling": cooling}


def _override_at(prep: Prepared, rows: np.ndarray | None, n_rows: int, at: float
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Latest hand-set strength (level, time) at or before *at* per row (NaN none)."""
    level = np.full(n_rows, np.nan)
    time = np.full(n_rows, np.nan)
    o = prep.override_arrays
    if not len(o["row"]):
        return level, time
    if rows is None:
        r, ot, os_ = o["row"], o["time"], o["strength"]
    else:
        idx, r, _ = _gather(o["offsets"], rows)
        ot, os_ = o["time"][idx], o["strength"][idx]
    ok = ot <= at
    r, ot, os_ = r[ok], ot[ok], os_[ok]
    if not len(r):
        return level, time
    last = np.r_[r[1:] != r[:-1], True]
    level[r[last]] = os_[last]
    time[r[last]] = ot[last]
    return level, time


def state_at(prep: Prepared, model: StrengthModel, at: float,
             rows: np.ndarray | None = None) -> State:
    """Every (or the given, sorted unique) tie's evidence up to *at* (vectorised)."""
    n_rows = prep.n_ties if rows is None else len(rows)
    ev_frame = tie_evidence(prep, model, at, rows)
    ev = {c: ev_frame[c].to_numpy() for c in ev_frame.columns}
    t, row, kind, _ = gather_events(prep, rows)
    gap = prep.gap if rows is None else prep.gap[_gather(prep.offsets, rows)[0]]
    nch = len(CHANNELS)
    ok = None
    if at >= (prep.t_max if rows is None else (t.max() if len(t) else -np.inf)):
        n_ch = prep.n_channel if rows is None else prep.n_channel[rows]
        n_dir = prep.n_direction if rows is None else prep.n_direction[rows]
        if rows is None and prep in _GAPS:
            n_gaps, log_gaps = _GAPS[prep]
        else:
            ok = gap >= _SESSION_GAP_DAYS
    else:
        now = t <= at
        n_ch = np.bincount(row * nch + channel_of(kind), weights=now,
                           minlength=nch * n_rows).reshape(n_rows, nch).astype("int64")
        n_dir = np.bincount(row * 3 + direction_of(kind), weights=now,
                            minlength=3 * n_rows).reshape(n_rows, 3).astype("int64")
        ok = (gap >= _SESSION_GAP_DAYS) & now      # NaN (a tie's first contact): False
    if ok is not None:
        lg = np.where(ok, gap, 1.0)
        np.log(lg, out=lg)
        n_gaps = np.bincount(row, weights=ok, minlength=n_rows)
        log_gaps = np.bincount(row, weights=lg, minlength=n_rows)
        del lg
        if rows is None and at >= prep.t_max:
            _GAPS[prep] = (n_gaps, log_gaps)      # the same at any later date
    return state_from_aggregates(prep, model, at, ev, n_ch, n_dir, n_gaps, log_gaps, rows)


def state_from_aggregates(prep: Prepared, model: StrengthModel, at: float,
                          ev: Any, n_ch: np.ndarray, n_dir: np.ndarray,
                          n_gaps: np.ndarray, log_gaps: np.ndarray,
                          rows: np.ndarray | None = None) -> State:
    """A :class:`State` at *at* from per-tie aggregates of the interactions.

    The aggregates are what any engine computes in one scan of the interactions with
    time ``<= at`` (see :func:`state_at`, the pandas version); the tie data (``since``),
    shared tenure and hand-set overrides are read from *prep*, which may hold no
    interactions at all (an SQL engine's Prepared of the small tables).

    Parameters
    ----------
    prep : Prepared
        Gives ``since``, the shared job stints and the overrides of the tie rows.
    model : StrengthModel
    at : float
        Days since the epoch.
    ev : mapping of str to array (or a DataFrame)
        The :func:`~netgraph.scoring.evidence.tie_evidence` columns, one row per tie row.
    n_ch : numpy.ndarray
        (R, len(CHANNELS)) contacts per channel code.
    n_dir : numpy.ndarray
        (R, 3) contacts per direction code (0 *a* reached out, 1 *b*, 2 unknown).
    n_gaps, log_gaps : numpy.ndarray
        Per tie row: the number of gaps of at least ``_SESSION_GAP_DAYS`` (1 day)
        between consecutive contacts (in time order), and the sum of their logarithms.
    rows : numpy.ndarray, optional
        Sorted unique tie rows the aggregates are for; default every tie row.

    Returns
    -------
    State

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import StrengthModel, prepare
    >>> from netgraph.scoring.evidence import tie_evidence
    >>> from netgraph.scoring.kernel import evaluate, state_at, state_from_aggregates
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2,
    ...     "other_id": ["in:a"] * 2, "timestamp": ["2026-01-01", "2026-01-05"],
    ...     "channel": ["call"] * 2}), "interactions", ["in:a", "in:b"])
    >>> prep, m, at = prepare(ties, inter), StrengthModel(), 20460.0
    >>> ev = tie_evidence(prep, m, at)
    >>> st = state_from_aggregates(prepare(ties), m, at, ev, prep.n_channel,
    ...     prep.n_direction, np.array([1.0]), np.log([4.0]))
    >>> float(evaluate(st, m)["strength"][0]) == float(evaluate(state_at(prep, m, at), m)["strength"][0])
    True
    """
    n_rows = prep.n_ties if rows is None else len(rows)
    if not isinstance(ev, dict):
        ev = {c: np.asarray(ev[c], dtype="float64") for c in evidence_columns(model)}
    o_level, o_time = _override_at(prep, rows, n_rows, at)
    since = prep.since if rows is None else prep.since[rows]
    iv = resolve_overlaps(prep, model, rows)
    ov_days, ov_end = overlap_at(iv, n_rows, np.full(n_rows, at), model)
    return State(until=np.full(n_rows, float(at)), ev=ev, n_ch=n_ch, n_dir=n_dir,
                 n_gaps=n_gaps, log_gaps=log_gaps, since=since, ov_days=ov_days,
                 ov_end=ov_end, o_level=o_level, o_time=o_time)


def state_over_time(prep: Prepared, model: StrengthModel, row: int, T: np.ndarray
                    ) -> State:
    """The same evidence as :func:`state_at`, for one tie at many times (vectorised)."""
    T = np.asarray(T, dtype="float64")
    m = len(T)
    lo, hi = prep.offsets[row], prep.offsets[row + 1]
    t, kind, gap = prep.t[lo:hi], prep.kind[lo:hi], prep.gap[lo:hi]
    n = len(t)
    nch = len(CHANNELS)
    w = event_weight(model, kind)
    ch = channel_of(kind)
    d = direction_of(kind)
    side = np.where((d == 2) | two_way_by_nature()[ch], 2, d)
    k = np.searchsorted(t, T, side="right")          # events up to each time
    km1 = np.maximum(k - 1, 0)
    has = k > 0
    cols = evidence_columns(model)
    ev = {c: np.zeros(m) for c in cols}
    ev["n_events"] = k.astype("float64")
    ev["first_day"] = np.where(has, t[0] if n else np.nan, np.nan)
    ev["last_day"] = np.where(has, t[km1] if n else np.nan, np.nan)

    def cum(x: np.ndarray) -> np.ndarray:
        c = np.zeros(n + 1)
        np.cumsum(x, out=c[1:])
        return c[k]

    ev["volume"] = cum(w)
    for j, name in enumerate(("w_a", "w_b", "w_both")):
        ev[name] = cum(np.where(side == j, w, 0.0))
    onehot = np.zeros((n + 1, nch))
    if n:
        onehot[np.arange(1, n + 1), ch] = 1.0
    cc = np.cumsum(onehot, axis=0)
    C = cc[k]                                        # (m, nch) contacts per channel
    ev["channels_mask"] = (C > 0) @ (2.0 ** np.arange(nch))
    step = max(1, 2_000_000 // max(n, 1))
    for j, tau in enumerate(model.recent_days):
        r = np.zeros(m)
        for s0 in range(0, m if n else 0, step):    # chunks bound the times x events matrix
            dt = t[None, :] - T[s0:s0 + step, None]
            M = np.exp(np.minimum(dt, 0.0) / float(tau))
            M[dt > 0] = 0.0
            r[s0:s0 + step] = M @ w
        ev[f"recent_{j}"] = r
    dcount = np.zeros((n + 1, 3))
    if n:
        dcount[np.arange(1, n + 1), d] = 1.0
    n_dir = np.cumsum(dcount, axis=0)[k]
    ok = gap >= _SESSION_GAP_DAYS
    g_n = np.r_[0.0, np.cumsum(ok)]
    g_l = np.r_[0.0, np.cumsum(np.log(np.where(ok, gap, 1.0)))]
    o = prep.override_arrays
    olo, ohi = o["offsets"][row], o["offsets"][row + 1]
    o_level = np.full(m, np.nan)
    o_time = np.full(m, np.nan)
    if ohi > olo:
        j = np.searchsorted(o["time"][olo:ohi], T, side="right") - 1
        okj = j >= 0
        o_level[okj] = o["strength"][olo:ohi][j[okj]]
        o_time[okj] = o["time"][olo:ohi][j[okj]]
    iv = resolve_overlaps(prep, model, np.array([row], "int64"))
    n_iv = len(iv["row"])
    if n_iv:
        tiled = {key: np.tile(v, m) for key, v in iv.items()}
        ov_days, ov_end = overlap_at(tiled, m, T, model, row_of=np.repeat(np.arange(m), n_iv))
    else:
        ov_days, ov_end = np.zeros(m), np.full(m, np.nan)
    return State(until=T, ev=ev, n_ch=C.astype("int64"), n_dir=n_dir.astype("int64"),
                 n_gaps=g_n[k], log_gaps=g_l[k], since=np.full(m, prep.since[row]),
                 ov_days=ov_days, ov_end=ov_end, o_level=o_level, o_time=o_time)
