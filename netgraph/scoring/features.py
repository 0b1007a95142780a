"""The formula stage: features from a tie's evidence, and the logistic strength.

The second of the strength model's two stages (the first is
:func:`netgraph.scoring.evidence.tie_evidence`, or an engine's version of it). Pure numpy,
the same for every engine: :func:`feature_table` turns evidence columns plus tie and
affiliation data (connection date, shared tenure) into the named features of
:class:`~netgraph.scoring.StrengthModel`; :func:`probability` applies the coefficients.
``ahead`` evaluates the same tie some days later with no further contact (for the
forecasts).

Examples
--------
>>> import numpy as np
>>> from netgraph.scoring import StrengthModel
>>> from netgraph.scoring.features import feature_table, probability
>>> m = StrengthModel()
>>> none = {"n_events": np.zeros(1), "first_day": np.full(1, np.nan),
...         "last_day": np.full(1, np.nan), "volume": np.zeros(1), "w_a": np.zeros(1),
...         "w_b": np.zeros(1), "w_both": np.zeros(1), "recent_0": np.zeros(1),
...         "recent_1": np.zeros(1), "channels_mask": np.zeros(1)}
>>> f = feature_table(none, m, at=20000.0)
>>> float(probability(f, m)[0]) == m.floor
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from netgraph.scoring.model import StrengthModel

__all__ = ["DESCRIPTIONS", "feature_table", "linear_predictor", "probability", "sigmoid"]

_YEAR = 365.25

#: What each feature is, in words (``explain_strength`` shows these).
DESCRIPTIONS: dict[str, str] = {
    "silence": "time since the last contact (recency; lowers strength)",
    "activity": "recent contact, decaying over {tau}",
    "volume": "all contacts ever (historical depth; fades after long silence)",
    "reciprocity": "contact from both sides or two-way by nature",
    "channels": "number of distinct channels used",
    "years_known": "years from first knowing each other to the last contact",
    "shared_employer": "years at the same employer, fading since the stint ended",
}


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))`` (overflow-safe)."""
    from scipy.special import expit

    return expit(np.asarray(z, dtype="float64"))


def _popcount(mask: np.ndarray) -> np.ndarray:
    m = np.nan_to_num(np.asarray(mask, dtype="float64")).astype("int64")
    n = np.zeros(len(m), "float64")
    while m.any():
        n += m & 1
        m >>= 1
    return n


def feature_table(ev: Mapping[str, Any], model: StrengthModel, at: Any, *,
                  since: Any = None, shared_days: Any = None, shared_end: Any = None,
                  ahead: Any = 0.0) -> dict[str, np.ndarray]:
    """The model's features per tie, from evidence columns and tie/affiliation data.

    Parameters
    ----------
    ev : mapping of str to array (or a DataFrame)
        The :func:`~netgraph.scoring.evidence.tie_evidence` columns at *at*.
    model : StrengthModel
    at : float or array of float
        The evidence's time (days since the epoch).
    since : array of float, optional
        When each tie was made (days; NaN unknown; ignored when after *at*).
    shared_days, shared_end : array of float, optional
        Days of shared tenure at the same employer up to *at*, and when it ended
        (``inf`` ongoing, NaN none).
    ahead : float or array of float, default 0
        Evaluate this many days after *at* with no further contact.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per :meth:`StrengthModel.feature_names`, in order.
    """
    n = len(np.asarray(ev["n_events"]))
    H = float(model.horizon_days)
    at = np.asarray(at, dtype="float64")
    ahead = np.asarray(ahead, dtype="float64")
    when = at + ahead
    first = np.asarray(ev["first_day"], dtype="float64")
    last = np.asarray(ev["last_day"], dtype="float64")
    out: dict[str, np.ndarray] = {}
    silence = np.minimum(np.where(np.isnan(last), np.inf, when - last), model.never_days)
    out["silence"] = np.log1p(np.maximum(silence, 0.0) / H)
    for k, tau in enumerate(model.recent_days):
        r = np.asarray(ev[f"recent_{k}"], dtype="float64")
        if np.any(ahead != 0):
            r = r * np.exp(-ahead / float(tau))
        out[f"activity_{k}"] = np.log1p(np.maximum(r, 0.0))
    # depth fades with silence (e-folding depth_memory_days): a deep tie can be revived
    # after a quiet year, hardly after six; no contact: no depth to fade
    quiet = np.where(np.isnan(last), 0.0, np.maximum(when - last, 0.0))
    memory = np.exp(-quiet / float(model.depth_memory_days))
    out["volume"] = memory * np.log1p(np.maximum(np.asarray(ev["volume"], "float64"), 0.0))
    w_a, w_b = np.asarray(ev["w_a"], "float64"), np.asarray(ev["w_b"], "float64")
    out["reciprocity"] = memory * np.log1p(np.maximum(
        np.minimum(w_a, w_b) + np.asarray(ev["w_both"], "float64"), 0.0))
    out["channels"] = memory * _popcount(ev["channels_mask"])
    s = np.full(n, np.nan) if since is None else np.asarray(since, dtype="float64")
    s = np.where(s <= at, s, np.nan)
    start = np.fmin(s, first)
    span = np.where(np.isnan(last), 0.0, np.nan_to_num(last - start))
    out["years_known"] = memory * np.log1p(np.maximum(span, 0.0) / _YEAR)
    if shared_days is None:
        out["shared_employer"] = np.zeros(n)
    else:
        d = np.asarray(shared_days, dtype="float64")
        end = np.asarray(shared_end, dtype="float64")
        ongoing = np.isinf(end)
        d = d + np.where(ongoing, ahead, 0.0)
        after = np.where(ongoing | np.isnan(end), 0.0, np.maximum(when - end, 0.0))
        val = np.log1p(np.maximum(d, 0.0) / _YEAR) * np.exp(
            -after / (_YEAR * model.employer_memory_years))
        out["shared_employer"] = np.where(np.isnan(end), 0.0, val)
    return out


def linear_predictor(feats: Mapping[str, np.ndarray], model: StrengthModel) -> np.ndarray:
    """``intercept + sum of coefficient x feature`` per tie."""
    z = np.full(len(next(iter(feats.values()))), float(model.intercept))
    for name, c in model.coefficients.items():
        if c:
            z = z + c * feats[name]
    return z


def probability(feats: Mapping[str, np.ndarray], model: StrengthModel) -> np.ndarray:
    """The model's strength: the probability of two-way contact within the horizon."""
    return sigmoid(linear_predictor(feats, model))
