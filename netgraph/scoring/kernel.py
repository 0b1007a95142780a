"""The scoring kernel: per-tie aggregates (:class:`State`) and the formula (:func:`evaluate`).

Two ways to aggregate a :class:`~netgraph.scoring.prepare.Prepared`'s evidence into a
:class:`State`, with the same formulas: :func:`state_at` for every tie (or some tie rows)
at one date, vectorised with ``numpy.bincount`` (no per-row Python), and
:func:`state_over_time` for one tie at many dates (reading only that tie's slice of the
arrays). :func:`evaluate` turns a state into the components and the strength, optionally
some days ahead with no further contact (what :mod:`netgraph.scoring.forecast` searches).
Shared tenure is resolved here too (:func:`resolve_overlaps`, :func:`overlap_at`), as it
depends on the model.

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
>>> many, _ = state_at(prep, model, float(days[0]))
>>> one, _, _ = state_over_time(prep, model, 0, days)
>>> float(evaluate(many, model)["strength"][0]) == float(evaluate(one, model)["strength"][0])
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import NS_PER_DAY, as_utc
from netgraph.data.schema import CHANNELS
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import Prepared

__all__ = [
    "Events",
    "State",
    "as_of",
    "evaluate",
    "event_weights",
    "kind_tables",
    "overlap_at",
    "resolve_overlaps",
    "state_at",
    "state_over_time",
    "times_index",
]

_NCH = len(CHANNELS)


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
    unk = float(model.tenure_unknown_days)

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
        days[ro] = np.maximum(days[ro], float(model.tenure_unknown_days))
        emax[ro] = np.inf
    return days, np.where(np.isneginf(emax), np.nan, emax)


@dataclass
class State:
    """Per-row aggregates as of ``until`` (rows are ties, or times for one tie).

    Made by :func:`state_at` or :func:`state_over_time`; read by :func:`evaluate`. Every
    field is an array with one row per tie (or per time), as commented below.
    """

    until: np.ndarray        # (R,) days: events up to here count
    E: np.ndarray            # (R, channels or 1, 3) decayed evidence per channel, direction
    n_ch: np.ndarray         # (R, channels) contacts per channel
    n_dir: np.ndarray        # (R, 3) contacts per direction
    n_gaps: np.ndarray       # (R,) gaps >= session gap
    log_gaps: np.ndarray     # (R,) sum of log(gap days)
    first: np.ndarray        # (R,) first contact (NaN none)
    last: np.ndarray         # (R,) last contact (NaN none)
    since: np.ndarray        # (R,) tie made (NaN unknown)
    ov_days: np.ndarray      # (R,) shared-employer overlap days so far
    ov_end: np.ndarray       # (R,) overlap end (inf ongoing, NaN none)
    o_level: np.ndarray      # (R,) latest override level (NaN none)
    o_time: np.ndarray       # (R,) latest override time
    lam_mult: np.ndarray     # (R,) decay-rate multiplier of a young relationship (>= 1)

    def take(self, idx: np.ndarray) -> State:
        """The rows *idx* (integer positions or a boolean mask) of every array."""
        return State(**{f.name: getattr(self, f.name)[idx] for f in dataclasses.fields(self)})


def evaluate(st: State, model: StrengthModel, ahead: float | np.ndarray = 0.0
             ) -> dict[str, np.ndarray]:
    """Components and strength at ``until + ahead`` assuming no contact after ``until``."""
    at = st.until + ahead
    E = st.E
    if np.any(ahead != 0):
        lam = model.decay_rates()
        E = E * np.exp(-np.multiply.outer(np.asarray(ahead, "float64") * st.lam_mult,
                                          lam))[:, :, None]
    Ed = E.sum(axis=1)                      # (R, 3)
    e_ab, e_ba, e_u = Ed[:, 0], Ed[:, 1], Ed[:, 2]
    directed = e_ab + e_ba
    with np.errstate(invalid="ignore", divide="ignore"):
        balance = np.where(directed > 0, 2.0 * np.minimum(e_ab, e_ba) / directed, np.nan)
    w1 = float(model.one_way_weight)
    mult = np.where(directed > 0, w1 + (1.0 - w1) * np.nan_to_num(balance), 1.0)
    evidence = e_u + mult * directed
    interaction = -np.expm1(-evidence / model.evidence_scale)

    silence = at - st.last
    with np.errstate(invalid="ignore", divide="ignore"):
        usual = np.where(st.n_gaps > 0, np.exp(st.log_gaps / np.maximum(st.n_gaps, 1)), np.nan)
        cooling = ((st.n_gaps >= model.cooling_min_gaps)
                   & (silence > model.cooling_gap_multiple * usual))
    interaction = np.where(cooling, interaction * model.cooling_multiplier, interaction)

    # age: a small floor growing with the time since the tie was made
    tie_age = np.where(st.since <= at, at - st.since, 0.0)
    age = model.age_weight * -np.expm1(-np.nan_to_num(tie_age) / model.age_scale_days)

    ongoing = np.isinf(st.ov_end)
    ov_days = st.ov_days + np.where(ongoing, ahead, 0.0)
    after = np.where(ongoing | np.isnan(st.ov_end), 0.0, at - st.ov_end)
    tenure = (model.tenure_weight * -np.expm1(-ov_days / model.tenure_scale_days)
              * np.exp2(-np.maximum(after, 0.0) / model.tenure_half_life_days))
    tenure = np.where(np.isnan(st.ov_end), 0.0, tenure)

    has_o = np.isfinite(st.o_level)
    override = np.where(has_o, np.nan_to_num(st.o_level)
                        * np.exp2(-np.nan_to_num(at - st.o_time) / model.override_half_life_days),
                        0.0)
    age = np.where(has_o, 0.0, age)
    tenure = np.where(has_o, 0.0, tenure)

    rest = (1.0 - interaction) * (1.0 - age) * (1.0 - tenure) * (1.0 - override)
    strength = np.clip(model.floor + (1.0 - model.floor) * (1.0 - rest), model.floor,
                       model.ceiling)
    return {"strength": strength, "interaction": interaction, "reciprocity": balance,
            "evidence": evidence, "age": age, "tenure": tenure, "override": override,
            "usual_gap_days": usual, "silence_days": silence, "cooling": cooling}


def _lam_mult(model: StrengthModel, since: np.ndarray, first: np.ndarray, last: np.ndarray,
              at: np.ndarray | float) -> np.ndarray:
    """Decay-rate multiplier per row from the relationship's span (>= 1).

    The span runs from ``min(since, first contact)`` (``since`` only once it has
    happened) to the last contact.
    """
    start = np.fmin(np.where(since <= at, since, np.nan), first)
    span = np.maximum(np.nan_to_num(last - start), 0.0)
    f = float(model.new_tie_half_life_fraction)
    return 1.0 / (f + (1.0 - f) * -np.expm1(-span / model.maturity_days))


def event_weights(model: StrengthModel, gap: np.ndarray, kind: np.ndarray,
                  wtab: np.ndarray) -> np.ndarray:
    """Evidence per contact: channel weight x thread-size factor, less for a contact that
    continues the pair's conversation (within ``session_gap_days`` of its previous one)."""
    w = wtab[kind]
    if model.session_repeat_weight < 1.0 and len(gap):
        np.multiply(w, model.session_repeat_weight, out=w,
                    where=gap < model.session_gap_days)   # NaN (first contact): False
    return w


def kind_tables(model: StrengthModel) -> tuple[np.ndarray, np.ndarray]:
    """Evidence weight and decay rate per packed ``kind`` (0..1023, see ``Prepared.kind``)."""
    kind = np.arange(1024)
    ch = np.minimum(kind >> 6, _NCH - 1)
    w = model.weights.array()[ch] * model.group_table()[kind & 15]
    lam = model.decay_rates()[ch]
    return w, lam


@dataclass
class Events:
    """The scored rows' interactions, sorted by row then time (row is local)."""

    t: np.ndarray
    row: np.ndarray
    kind: np.ndarray
    gap: np.ndarray
    off: np.ndarray


def _rows_events(prep: Prepared, rows: np.ndarray | None) -> Events:
    if rows is None:
        return Events(prep.t, prep.row, prep.kind, prep.gap, prep.offsets)
    idx, local, off = _gather(prep.offsets, rows)
    return Events(prep.t[idx], local, prep.kind[idx], prep.gap[idx], off)


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
             rows: np.ndarray | None = None, per_channel: bool = False
             ) -> tuple[State, Events]:
    """Aggregate every (or the given) tie's interactions up to *at* (vectorised).

    ``per_channel`` keeps the decayed evidence per channel (needed to forecast, since
    channels decay at different rates); otherwise only per direction (less memory).
    """
    ev = _rows_events(prep, rows)
    t, row, kind, gap, off = ev.t, ev.row, ev.kind, ev.gap, ev.off
    n_rows = prep.n_ties if rows is None else len(rows)
    future = None
    if at < (prep.t_max if rows is None else (t.max() if len(t) else -np.inf)):
        future = t > at
    o_level, o_time = _override_at(prep, rows, n_rows, at)
    if future is None:
        n_ch = prep.n_channel if rows is None else prep.n_channel[rows]
        n_dir = prep.n_direction if rows is None else prep.n_direction[rows]
        n = np.diff(off)
    else:
        now = ~future
        n_ch = np.bincount(row * _NCH + (kind >> 6), weights=now,
                           minlength=_NCH * n_rows).reshape(n_rows, _NCH).astype("int64")
        n_dir = np.bincount(row * 3 + ((kind >> 4) & 3), weights=now,
                            minlength=3 * n_rows).reshape(n_rows, 3).astype("int64")
        n = n_dir.sum(axis=1)
    has = n > 0
    first = np.full(n_rows, np.nan)
    last = np.full(n_rows, np.nan)
    first[has] = t[off[:-1][has]]
    last[has] = t[off[:-1][has] + n[has] - 1]
    since = prep.since if rows is None else prep.since[rows]
    lam_mult = _lam_mult(model, since, first, last, at)

    wtab, lamtab = kind_tables(model)
    w = event_weights(model, gap, kind, wtab)
    v = lamtab[kind]
    v *= lam_mult[row]
    v *= t - at                  # -lambda * (at - t)
    with np.errstate(over="ignore"):  # events after `at` may overflow; zeroed below
        np.exp(v, out=v)
    v *= w
    del w
    if future is not None:
        v[future] = 0.0
    if np.isfinite(o_time).any():
        v[t <= o_time[row]] = 0.0
    if per_channel:
        key = row * (4 * _NCH) + (kind >> 4)          # channel * 4 + direction
        E = np.bincount(key, weights=v, minlength=4 * _NCH * n_rows).reshape(n_rows, _NCH, 4)
    else:
        key = row << 2
        key |= (kind >> 4) & 3
        E = np.bincount(key, weights=v, minlength=4 * n_rows).reshape(n_rows, 1, 4)
    E = E[:, :, :3]
    del key, v
    # usual gap: geometric mean of gaps >= the session gap, between contacts up to at
    ok = gap >= max(model.session_gap_days, 1e-9)   # NaN (a tie's first contact): False
    if future is not None:
        ok &= ~future
    lg = np.where(ok, gap, 1.0)
    np.log(lg, out=lg)
    n_gaps = np.bincount(row, weights=ok, minlength=n_rows)
    log_gaps = np.bincount(row, weights=lg, minlength=n_rows)
    del lg, ok
    iv = resolve_overlaps(prep, model, rows)
    ov_days, ov_end = overlap_at(iv, n_rows, np.full(n_rows, at), model)
    st = State(until=np.full(n_rows, at), E=E, n_ch=n_ch, n_dir=n_dir, n_gaps=n_gaps,
                log_gaps=log_gaps, first=first, last=last, since=since, ov_days=ov_days,
                ov_end=ov_end, o_level=o_level, o_time=o_time, lam_mult=lam_mult)
    return st, ev


def state_over_time(prep: Prepared, model: StrengthModel, row: int, T: np.ndarray
                    ) -> tuple[State, np.ndarray, np.ndarray]:
    """The same aggregates as :func:`state_at`, for one tie at many times (vectorised)."""
    m = len(T)
    lo, hi = prep.offsets[row], prep.offsets[row + 1]
    t, kind, gap = prep.t[lo:hi], prep.kind[lo:hi], prep.gap[lo:hi]
    n = len(t)
    wtab, lamtab = kind_tables(model)
    w = event_weights(model, gap, kind, wtab)
    lam = lamtab[kind]
    # overrides in force at each time
    o = prep.override_arrays
    olo, ohi = o["offsets"][row], o["offsets"][row + 1]
    o_level = np.full(m, np.nan)
    o_time = np.full(m, np.nan)
    if ohi > olo:
        j = np.searchsorted(o["time"][olo:ohi], T, side="right") - 1
        ok = j >= 0
        o_level[ok] = o["strength"][olo:ohi][j[ok]]
        o_time[ok] = o["time"][olo:ohi][j[ok]]
    chd = (kind >> 4).astype("int64")
    onehot = np.zeros((n, 4 * _NCH))
    onehot[np.arange(n), chd] = 1.0
    k = np.searchsorted(t, T, side="right")          # events up to each time
    km1 = np.maximum(k - 1, 0)
    has = k > 0
    first = np.where(has, t[0] if n else np.nan, np.nan)
    last = np.where(has, t[km1] if n else np.nan, np.nan)
    lam_mult = _lam_mult(model, np.full(m, prep.since[row]), first, last, T)
    E = np.zeros((m, 4 * _NCH))
    step = max(1, 2_000_000 // max(n, 1))
    for s0 in range(0, m if n else 0, step):   # chunks bound the times x events matrix
        Tc = T[s0:s0 + step]
        dt = Tc[:, None] - t[None, :]
        live = dt >= 0
        live &= ~(t[None, :] <= o_time[s0:s0 + step, None])
        M = lam[None, :] * lam_mult[s0:s0 + step, None]
        M *= -np.maximum(dt, 0.0)
        np.exp(M, out=M)
        M *= w[None, :]
        M[~live] = 0.0
        E[s0:s0 + step] = M @ onehot
    E = E.reshape(m, _NCH, 4)[:, :, :3]
    cc = np.zeros((n + 1, 4 * _NCH))
    np.cumsum(onehot, axis=0, out=cc[1:])
    C = cc[k].reshape(m, _NCH, 4)[:, :, :3]
    ok = gap >= max(model.session_gap_days, 1e-9)
    g_n = np.cumsum(ok)
    g_l = np.cumsum(np.log(np.where(ok, gap, 1.0)))
    n_gaps = np.where(has, g_n[km1], 0.0) if n else np.zeros(m)
    log_gaps = np.where(has, g_l[km1], 0.0) if n else np.zeros(m)
    iv = resolve_overlaps(prep, model, np.array([row], "int64"))
    n_iv = len(iv["row"])
    if n_iv:
        tiled = {key: np.tile(v, m) for key, v in iv.items()}
        ov_days, ov_end = overlap_at(tiled, m, T, model, row_of=np.repeat(np.arange(m), n_iv))
    else:
        ov_days, ov_end = np.zeros(m), np.full(m, np.nan)
    st = State(until=T.astype("float64"), E=E, n_ch=C.sum(axis=2), n_dir=C.sum(axis=1),
                n_gaps=n_gaps, log_gaps=log_gaps, first=first, last=last,
                since=np.full(m, prep.since[row]), ov_days=ov_days, ov_end=ov_end,
                o_level=o_level, o_time=o_time, lam_mult=lam_mult)
    return st, t, kind
