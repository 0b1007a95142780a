"""One tie over time: :func:`pair_history`, :func:`strength_history` and :func:`pair_strength`.

They read only that tie's slice of the prepared arrays
(:func:`~netgraph.scoring.kernel.state_over_time`) and use the same formulas as
:func:`~netgraph.scoring.score` (the test suite checks that they agree to 1e-12).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.history import pair_strength
>>> from netgraph.scoring.prepare import prepare
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> round(pair_strength(prepare(ties), 0, at="2026-01-01"), 3)
0.03
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import NS_PER_DAY, datetimes_from_days
from netgraph.data.schema import CHANNELS
from netgraph.scoring.kernel import (
    as_of,
    evaluate,
    resolve_overlaps,
    state_over_time,
    times_index,
)
from netgraph.scoring.model import StrengthModel, tier_column
from netgraph.scoring.prepare import (
    Prepared,
    channel_of,
    direction_of,
    participants_of,
    tie_row,
)

__all__ = ["pair_history", "pair_strength", "strength_history"]


def pair_history(prep: Prepared, pair: int | tuple[str | int, str | int], times: Any,
                 model: StrengthModel | None = None) -> pd.DataFrame:
    """One tie's strength and components at each of *times* (vectorised over times).

    Uses the same formulas as :func:`~netgraph.scoring.score`: the row for a time equals
    ``score`` at that time.

    Parameters
    ----------
    prep : Prepared
    pair : int or (person, person)
        A tie row, or two person ids (or codes) in either order.
    times : sequence of timestamp-like
    model : StrengthModel, optional

    Returns
    -------
    pandas.DataFrame
        Index: the times (UTC). Columns: strength, tier, the model's features (silence,
        activity_0, ..., shared_employer), override, usual_gap_days, silence_days,
        cooling, last_contact, n_contacts.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, pair_history
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2022-01-01"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
    ...     "timestamp": ["2026-01-01"], "channel": ["meeting"]}), "interactions",
    ...     ["in:a", "in:b"])
    >>> h = pair_history(prepare(ties, inter), ("in:a", "in:b"),
    ...                  ["2021-12-01", "2025-12-01", "2026-01-01", "2026-07-01"])
    >>> h.strength.round(3).tolist()
    [0.03, 0.03, 0.79, 0.27]
    """
    model = StrengthModel() if model is None else model
    row = tie_row(prep, pair)
    idx, T = times_index(times)
    st = state_over_time(prep, model, row, T)
    comp = evaluate(st, model)
    out = pd.DataFrame({
        "strength": comp["strength"],
        "tier": tier_column(model, comp["strength"]),
        **{k: comp[k] for k in (*model.feature_names(), "override", "usual_gap_days",
                                "silence_days", "cooling")},
        "last_contact": datetimes_from_days(st.last),
        "n_contacts": st.n_dir.sum(axis=1).astype("int64"),
    }, index=idx.rename("time"))
    return out


def _pair_events(prep: Prepared, row: int) -> pd.DataFrame:
    lo, hi = prep.offsets[row], prep.offsets[row + 1]
    t, kind = prep.t[lo:hi], prep.kind[lo:hi]
    d = direction_of(kind)
    return pd.DataFrame({
        "timestamp": datetimes_from_days(t),
        "channel": pd.Categorical.from_codes(channel_of(kind), categories=list(CHANNELS)),
        "direction": np.array(["a->b", "b->a", ""], dtype=object)[d],
        "participants": participants_of(kind),
    })


def strength_history(prep: Prepared, pair: int | tuple[str | int, str | int], *,
                     start: Any = None, end: Any = None, freq: str = "W",
                     model: StrengthModel | None = None, times: Any = None) -> pd.Series:
    """One tie's strength over time, as a Series on a UTC DatetimeIndex.

    Parameters
    ----------
    prep : Prepared
    pair : int or (person, person)
        A tie row, or two person ids (or codes) in either order.
    start, end : timestamp-like, optional
        Default: the tie's first evidence (made, first contact, first shared stint or
        override; a year before *end* if none) to now.
    freq : str, default "W"
        A pandas frequency (``"D"``, ``"W"``, ``"MS"``, ...): one point per period, on
        the period boundaries from the one at or before *start* to the last one at or
        before *end* (so never an extra point at *end*'s time of day).
    model : StrengthModel, optional
    times : sequence of timestamp-like, optional
        Exact times (overrides start/end/freq).

    Returns
    -------
    pandas.Series
        Named ``strength``. ``attrs`` holds ``a`` and ``b`` (person ids) and
        ``interactions`` (a frame of the tie's contacts: timestamp, channel, direction
        ``a->b``/``b->a``/``""``, participants) for plotting.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, strength_history
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2025-06-01"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
    ...     "timestamp": ["2026-01-01"], "channel": ["call"]}), "interactions",
    ...     ["in:a", "in:b"])
    >>> s = strength_history(prepare(ties, inter), 0, start="2025-12-01", end="2026-03-10",
    ...                      freq="MS")
    >>> s.index.strftime("%Y-%m-%d").tolist()
    ['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']
    >>> list(s.attrs["interactions"].channel)
    ['call']
    """
    model = StrengthModel() if model is None else model
    row = tie_row(prep, pair)
    if times is None:
        end_ts = as_of(end)
        if start is None:
            cands = [prep.since[row]]
            lo, hi = prep.offsets[row], prep.offsets[row + 1]
            if hi > lo:
                cands.append(float(prep.t[lo]))
            o = prep.override_arrays
            olo, ohi = o["offsets"][row], o["offsets"][row + 1]
            if ohi > olo:
                cands.append(float(o["time"][olo]))
            iv = resolve_overlaps(prep, model, np.array([row], "int64"))
            if len(iv["row"]) and np.isfinite(iv["start"]).any():
                cands.append(float(np.nanmin(iv["start"])))
            first = np.nanmin(cands) if np.isfinite(cands).any() else np.nan
            if np.isfinite(first) and first < end_ts.value / NS_PER_DAY:
                start_ts = datetimes_from_days(np.array([first]))[0]
            else:
                start_ts = end_ts - pd.Timedelta(days=365)
        else:
            start_ts = as_of(start)
        off = pd.tseries.frequencies.to_offset(freq)
        lo = off.rollback(start_ts.normalize()) if hasattr(off, "rollback") else start_ts
        idx = pd.date_range(lo, end_ts, freq=freq)
        if not len(idx):
            idx = pd.DatetimeIndex([off.rollback(end_ts.normalize())]).tz_convert("UTC")
        times = idx
    hist = pair_history(prep, row, times, model)
    s = hist["strength"].rename("strength")
    s.attrs = {"a": prep.person_ids[prep.a[row]], "b": prep.person_ids[prep.b[row]],
               "interactions": _pair_events(prep, row),
               "cooling": hist["cooling"].to_numpy(dtype=bool)}  # where the cooling rule acts
    return s


def pair_strength(prep: Prepared, pair: int | tuple[str | int, str | int], at: Any = None,
                  model: StrengthModel | None = None) -> float:
    """One tie's strength at one date (fast: reads only that tie's interactions).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, pair_strength
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> round(pair_strength(prepare(ties), ("in:b", "in:a"), at="2026-01-01"), 3)
    0.03
    """
    model = StrengthModel() if model is None else model
    row = tie_row(prep, pair)
    _, T = times_index([as_of(at)])
    st = state_over_time(prep, model, row, T)
    return float(evaluate(st, model)["strength"][0])
