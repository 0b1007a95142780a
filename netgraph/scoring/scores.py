"""Scores of many ties at one date: :func:`score` (and :func:`tie_strengths`, prepare and score).

One row per tie with its strength, tier, evidence counts and components, read from
:func:`~netgraph.scoring.kernel.state_at` and :func:`~netgraph.scoring.kernel.evaluate`;
with ``forecast=True`` also the :mod:`~netgraph.scoring.forecast` columns. This is the
frame the pandas engine (:mod:`netgraph.engines.pandas`) returns.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.scores import tie_strengths
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> list(tie_strengths(ties, at="2026-01-01").columns[:5])
['a', 'b', 'strength', 'tier', 'last_contact']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import datetimes_from_days, to_days
from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.scoring.forecast import drop_dates, peak_strength
from netgraph.scoring.kernel import State, evaluate, state_at
from netgraph.scoring.model import StrengthModel, tier_column
from netgraph.scoring.prepare import Prepared, prepare

__all__ = ["score", "score_state", "tie_strengths"]


def _frame(prep: Prepared, model: StrengthModel, st: State, comp: dict[str, np.ndarray],
           rows: np.ndarray | None) -> pd.DataFrame:
    n_rows = len(st.until)
    a_codes = prep.a if rows is None else prep.a[rows]
    b_codes = prep.b if rows is None else prep.b[rows]
    pdt = pd.CategoricalDtype(prep.person_ids, ordered=False)
    data: dict[str, Any] = {
        "a": pd.Categorical.from_codes(a_codes, dtype=pdt),
        "b": pd.Categorical.from_codes(b_codes, dtype=pdt),
        "strength": comp["strength"],
        "tier": tier_column(model, comp["strength"]),
        "last_contact": datetimes_from_days(st.last),
    }
    for i, c in enumerate(CHANNELS):
        data[f"n_{c}"] = np.ascontiguousarray(st.n_ch[:, i])
    data["n_in"] = np.ascontiguousarray(st.n_dir[:, 1])
    data["n_out"] = np.ascontiguousarray(st.n_dir[:, 0])
    for k in (*model.feature_names(), "override", "silence_days", "usual_gap_days",
              "cooling"):
        data[k] = comp[k]
    data["since"] = datetimes_from_days(st.since)
    idx = pd.RangeIndex(n_rows) if rows is None else pd.Index(rows)
    return pd.DataFrame(data, index=idx, copy=False)


def score_state(prep: Prepared, model: StrengthModel, st: State,
                rows: np.ndarray | None = None) -> pd.DataFrame:
    """The frame of :func:`score` (no forecast columns) from a :class:`State`.

    For engines that gather the per-tie aggregates themselves (see
    :func:`~netgraph.scoring.kernel.state_from_aggregates`): the shared formula
    (:func:`~netgraph.scoring.kernel.evaluate`) and the same columns as :func:`score`.
    *prep* gives the people of each tie row (it may hold no interactions); *rows* are
    the sorted unique tie rows of *st* (default every tie row).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import StrengthModel, prepare, score
    >>> from netgraph.scoring.kernel import state_at
    >>> from netgraph.scoring.scores import score_state
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> prep, m = prepare(ties), StrengthModel()
    >>> score_state(prep, m, state_at(prep, m, 20454.0)).equals(score(prep, m, "2026-01-01"))
    True
    """
    return _frame(prep, model, st, evaluate(st, model), rows)


def score(prep: Prepared, model: StrengthModel | None = None, at: Any = None, *,
          ties: Sequence[int] | np.ndarray | None = None, forecast: bool = False
          ) -> pd.DataFrame:
    """Strength of every tie (or the given tie rows) at a date, with its evidence.

    Vectorised over all interactions (``numpy.bincount`` per tie). Interactions
    after *at* are ignored.

    Parameters
    ----------
    prep : Prepared
        From :func:`~netgraph.scoring.prepare`.
    model : StrengthModel, optional
        Default ``StrengthModel()``.
    at : timestamp-like, optional
        When to evaluate (default now, UTC; naive dates are UTC).
    ties : sequence of int, optional
        Tie rows to score (positions in the ties table); default all, in order.
    forecast : bool, default False
        Also compute, assuming no further contact: ``peak`` (the highest strength
        reached right after any past contact, with today's tie data; at least today's
        strength), ``next_tier_on`` (when the tie drops
        out of its tier) and ``goes_cold_on`` (when it falls below
        ``secondary_threshold``); NaT when not within 10 years or already cold. A
        search over a day grid refined by bisection, vectorised over ties: meant for one
        owner's ties (:func:`netgraph.ping.ping_list`), not a million.

    Returns
    -------
    pandas.DataFrame
        One row per tie, index = tie row. Columns: ``a``, ``b`` (person ids),
        ``strength``, ``tier``, ``last_contact`` (UTC, NaT if none), ``n_meeting`` ..
        ``n_other`` (contacts up to *at*, one column per channel), ``n_out`` (contacts
        *a* initiated with *b*), ``n_in`` (contacts *b* initiated with *a*), the model's
        features (``silence``, ``activity_0``, ``activity_1``, ``volume``,
        ``reciprocity``, ``channels``, ``years_known``, ``shared_employer``; see
        :class:`~netgraph.scoring.StrengthModel`), ``override`` (the pull of a hand-set
        strength, 0 none), ``silence_days``, ``usual_gap_days`` (geometric mean of gaps
        of at least a day), ``cooling`` (silent more than 8x the usual gap: a description
        for the ping list, not part of the strength), ``since``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, score
    >>> ids = ["in:a", "in:b", "in:c"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a", "in:a"], "b": ["in:b", "in:c"]}),
    ...                       "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2,
    ...     "other_id": ["in:a"] * 2, "timestamp": ["2026-01-01", "2026-01-08"],
    ...     "channel": ["email", "email"], "direction": ["in", "out"]}), "interactions", ids)
    >>> out = score(prepare(ties, inter), at="2026-01-10")
    >>> print(out[["b", "n_email", "n_in", "n_out", "strength"]].round(3))
          b  n_email  n_in  n_out  strength
    0  in:b        2     1      1     0.602
    1  in:c        0     0      0     0.030
    """
    model = StrengthModel() if model is None else model
    at_days = to_days(at)
    rows_u = None
    if ties is not None:
        rows = np.asarray(ties, dtype="int64").ravel()
        if len(rows) and (rows.min() < 0 or rows.max() >= prep.n_ties):
            raise InputError("tie rows out of range",
                             expected=f"positions 0..{prep.n_ties - 1} of the ties table")
        rows_u = np.unique(rows)
    st = state_at(prep, model, at_days, rows_u)
    comp = evaluate(st, model)
    out = _frame(prep, model, st, comp, rows_u)
    if forecast:
        peak = peak_strength(prep, model, st, rows_u, at_days)
        out["peak"] = np.maximum(peak, comp["strength"])
        nxt, cold = drop_dates(st, model, comp["strength"])
        out["next_tier_on"] = datetimes_from_days(nxt)
        out["goes_cold_on"] = datetimes_from_days(cold)
    if ties is not None:
        out = out.loc[np.asarray(ties, dtype="int64").ravel()]
    return out


def tie_strengths(ties: pd.DataFrame, interactions: pd.DataFrame | None = None,
                  affiliations: pd.DataFrame | None = None,
                  overrides: pd.DataFrame | None = None, *, model: StrengthModel | None = None,
                  at: Any = None) -> pd.DataFrame:
    """Strength of every tie at *at*: :func:`~netgraph.scoring.prepare`, then :func:`score`.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import tie_strengths
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> round(float(tie_strengths(ties).strength[0]), 3)
    0.03
    """
    return score(prepare(ties, interactions, affiliations, overrides), model, at)
