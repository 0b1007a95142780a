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
>>> st, ev = state_at(prepare(ties, inter), model, at, per_channel=True)
>>> now = evaluate(st, model)["strength"]
>>> bool(peak_strength(model, st, ev, at)[0] > now[0])
True
>>> next_tier, cold = drop_dates(st, model, now)
>>> datetimes_from_days(cold).strftime("%Y-%m").tolist()
['2026-08']
"""

from __future__ import annotations

import numpy as np

from netgraph.scoring.kernel import Events, State, evaluate, event_weights, kind_tables
from netgraph.scoring.model import StrengthModel

__all__ = ["drop_dates", "peak_strength"]


def peak_strength(model: StrengthModel, st: State, ev: Events, at: float) -> np.ndarray:
    """Highest strength reached right after any past contact (other components as today).

    The decayed evidence right after each contact is a running sum, done per channel and
    direction with ``logaddexp.accumulate``; ties are laid far apart in time so that the
    sums restart per tie without a Python loop.
    """
    n_rows = len(st.until)
    t, row, kind = ev.t, ev.row, ev.kind
    wtab, _ = kind_tables(model)
    w = event_weights(model, ev.gap, kind, wtab)
    keep = t <= at
    if np.isfinite(st.o_time).any():
        keep &= ~(t <= st.o_time[row])
    t, row, kind, w = t[keep], row[keep], kind[keep], w[keep]
    best = np.zeros(n_rows)
    if not len(t):
        return best
    lam = model.decay_rates()
    ch = kind >> 6
    d = (kind >> 4) & 3
    first = np.full(n_rows, np.inf)
    np.minimum.at(first, row, t)
    rel = t - first[row]
    Ed = np.zeros((len(t), 3))
    with np.errstate(divide="ignore"):
        logw = np.log(w)
    for c in np.unique(ch):
        # time in units of this channel's decay, per tie (its young-tie rate as of today)
        u = lam[c] * st.lam_mult[row] * rel
        u += row * (float(u.max()) + 745.0)      # exp(-745) underflows: sums restart per tie
        for dd in range(3):
            m = (ch == c) & (d == dd)
            if not m.any():
                continue
            acc = np.logaddexp.accumulate(np.where(m, logw + u, -np.inf))
            with np.errstate(invalid="ignore"):
                Ed[:, dd] += np.nan_to_num(np.exp(acc - u))
    directed = Ed[:, 0] + Ed[:, 1]
    w1 = float(model.one_way_weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        bal = np.where(directed > 0, 2.0 * np.minimum(Ed[:, 0], Ed[:, 1]) / directed, 0.0)
    evidence = Ed[:, 2] + (w1 + (1 - w1) * bal) * directed
    inter = -np.expm1(-evidence / model.evidence_scale)
    np.maximum.at(best, row, inter)
    comp = evaluate(st, model)
    rest = (1.0 - best) * (1.0 - comp["age"]) * (1.0 - comp["tenure"]) * (1.0 - comp["override"])
    return np.clip(model.floor + (1.0 - model.floor) * (1.0 - rest), model.floor, model.ceiling)


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
