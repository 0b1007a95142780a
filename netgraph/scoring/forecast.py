"""Forecasts with no further contact: a tie's peak strength and when it leaves its tier.

What :func:`~netgraph.scoring.score` adds with ``forecast=True`` (the ping list reads
it): :func:`peak_strength`, the best strength the interaction evidence reached right after
any past contact, and :func:`drop_dates`, when each tie drops out of its tier and when it
goes cold, both from a :class:`~netgraph.scoring.kernel.State` and
:func:`~netgraph.scoring.kernel.evaluate`.

Examples
--------
>>> import pandas as pd
>>> from netgraph._time import datetimes_from_days, to_days
>>> from netgraph.data import schema
>>> from netgraph.scoring import StrengthModel, prepare
>>> from netgraph.scoring.forecast import drop_dates, peak_strength
>>> from netgraph.scoring.kernel import evaluate, state_at
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2, "other_id": ["in:a"] * 2,
...     "timestamp": ["2025-06-01", "2026-01-01"], "channel": ["meeting"] * 2}),
...     "interactions", ["in:a", "in:b"])
>>> model, at = StrengthModel(), to_days("2026-01-15")
>>> prep = prepare(ties, inter)
>>> st = state_at(prep, model, at)
>>> now = evaluate(st, model)["strength"]
>>> bool(peak_strength(prep, model, st, None, at)[0] > now[0])
True
>>> next_tier, cold = drop_dates(st, model, now)
>>> datetimes_from_days(cold).strftime("%Y-%m").tolist()
['2027-02']
"""

from __future__ import annotations

import numpy as np

from netgraph.data.schema import CHANNELS
from netgraph.scoring.evidence import event_weight, gather_events, two_way_by_nature
from netgraph.scoring.features import feature_table, probability
from netgraph.scoring.kernel import State, evaluate
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import Prepared, channel_of, direction_of

__all__ = ["drop_dates", "peak_strength"]


def peak_strength(prep: Prepared, model: StrengthModel, st: State,
                  rows: np.ndarray | None, at: float) -> np.ndarray:
    """Highest strength reached right after any past contact (tie data as today).

    The evidence right after each contact is a running sum per tie (cumulative sums
    restarted per tie; the decaying activity sums with ``logaddexp.accumulate``, ties laid
    far apart in time so that the sums restart without a Python loop). Connection date
    and shared tenure are as at *at*; hand-set overrides are left out.
    """
    n_rows = len(st.until)
    t, row, kind, _ = gather_events(prep, rows)
    keep = t <= at
    t, row, kind = t[keep], row[keep], kind[keep]
    best = np.zeros(n_rows)
    if not len(t):
        return best
    w = event_weight(model, kind)
    ch = channel_of(kind)
    d = direction_of(kind)
    side = np.where((d == 2) | two_way_by_nature()[ch], 2, d)
    start = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    seg = np.repeat(start, np.diff(np.r_[start, len(row)]))

    def running(x: np.ndarray) -> np.ndarray:
        c = np.cumsum(x)
        return c - (c[seg] - x[seg])

    ev: dict[str, np.ndarray] = {
        "n_events": running(np.ones(len(t))), "first_day": t[seg], "last_day": t,
        "volume": running(w)}
    for j, name in enumerate(("w_a", "w_b", "w_both")):
        ev[name] = running(np.where(side == j, w, 0.0))
    nch = len(CHANNELS)
    mask = np.zeros(len(t))
    for c in np.unique(ch):
        mask += (running((ch == c).astype("float64")) > 0) * float(2 ** int(c))
    ev["channels_mask"] = mask
    rel = t - t[seg]
    with np.errstate(divide="ignore"):
        logw = np.log(w)
    for j, tau in enumerate(model.recent_days):
        u = rel / float(tau)
        u += row * (float(u.max()) + 745.0)      # exp(-745) underflows: sums restart per tie
        acc = np.logaddexp.accumulate(logw + u)
        with np.errstate(invalid="ignore", over="ignore"):
            ev[f"recent_{j}"] = np.nan_to_num(np.exp(acc - u))
    del nch
    feats = feature_table(ev, model, t, since=st.since[row], shared_days=st.ov_days[row],
                          shared_end=st.ov_end[row])
    p = probability(feats, model)
    np.maximum.at(best, row, p)
    return best


_AHEAD = np.unique(np.r_[0.0, np.geomspace(1.0, 3650.0, 100)])  # days ahead, ~10 % steps


def drop_dates(st: State, model: StrengthModel, strength: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Dates (days) when, with no new contact, each tie leaves its tier / goes cold.

    A search over a geometric grid of days ahead (vectorised over ties; ties drop out of
    the search once both dates are found), then bisection inside the bracketing step.
    """
    n_rows = len(st.until)
    code = model.tier_codes(strength)
    thr = np.stack([np.array([*model.thresholds, np.nan])[code],
                    np.where(code < 3, model.secondary_threshold, np.nan)], axis=1)
    first_below = np.full((n_rows, 2), -1)
    todo = np.isfinite(thr)
    rows = np.flatnonzero(todo.any(axis=1))
    sub = st.take(rows)
    for i, d in enumerate(_AHEAD[1:], start=1):
        if not len(rows):
            break
        s = evaluate(sub, model, ahead=float(d))["strength"]
        hit = todo[rows] & (s[:, None] < thr[rows])
        fb = first_below[rows]
        fb[hit] = i
        first_below[rows] = fb
        todo[rows] &= ~hit
        keep = todo[rows].any(axis=1)
        if not keep.all():
            rows, sub = rows[keep], sub.take(keep)
    out = []
    for k in range(2):
        found = np.flatnonzero(first_below[:, k] > 0)
        res = np.full(n_rows, np.nan)
        if len(found):
            sub = st.take(found)
            lo = _AHEAD[first_below[found, k] - 1]
            hi = _AHEAD[first_below[found, k]]
            t_k = thr[found, k]
            for _ in range(16):  # the grid step (<= 10 %) to within minutes
                mid = (lo + hi) / 2
                below = evaluate(sub, model, ahead=mid)["strength"] < t_k
                hi = np.where(below, mid, hi)
                lo = np.where(below, lo, mid)
            res[found] = sub.until + hi
        out.append(res)
    return out[0], out[1]
