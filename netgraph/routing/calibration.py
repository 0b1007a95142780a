"""Calibrating path probabilities to what your introductions actually did.

A warm path's probability is the product of its hops' strengths: a model's
estimate of the chance that asking along it ends in an introduction. Once you
have recorded asks (:meth:`netgraph.Network.ask`) and what came of them
(:meth:`~netgraph.Network.update_ask`), the estimate can be checked against the
observed rate and corrected.

Method (logistic, "Platt", calibration of the path score)
---------------------------------------------------------
Each recorded outcome pairs the raw probability ``p`` of the best path
through the introducer when the ask was made with whether the ask succeeded:

- success: the ask reached ``introduced`` or beyond (``met``, ``referred``, ``offer``);
- failure: ``declined``, ``no_reply``, or still ``asked`` more than
  ``stale_after_days`` (default 30) after it was made;
- asks still waiting (``asked`` more recently) and asks with no path are left out.

The calibrated probability is::

    P(success | p) = 1 / (1 + exp(-(a + b * logit(p))))

with ``a`` and ``b`` the maximum-likelihood fit (scipy.optimize L-BFGS-B with
an exact gradient) under the bounds ``b`` in [0.01, 20] (so ``b > 0``: the
calibration never reverses the ranking of paths) and ``a`` in [-20, 20].
``a = 0, b = 1`` is the identity, the prior. With fewer than
``min_outcomes`` (default 20) outcomes the prior is kept and the result says
so; with outcomes of only one kind the fit is bounded, not infinite.

Two parameters fitted to a few dozen outcomes are stable where a per-bin
(isotonic) correction would not be; the slope corrects over- or
under-confidence of the product of strengths, the intercept the general level
(an introducer network that says yes more often than the strengths imply).

Examples
--------
>>> import numpy as np
>>> from netgraph.routing.calibration import fit_path_calibration
>>> rng = np.random.default_rng(0)
>>> p = rng.uniform(0.05, 0.9, 400)
>>> success = rng.random(400) < p / 2          # introductions work half as often as said
>>> cal = fit_path_calibration(p, success)
>>> print(cal)  # doctest: +ELLIPSIS
path probabilities calibrated on 400 outcomes (... introductions): P = 1 / (1 + exp(-(... + ... logit p)))
>>> bool(abs(cal.apply([0.6])[0] - 0.3) < 0.06)
True
>>> print(fit_path_calibration(p[:12], success[:12]))
prior kept: 12 outcomes, fewer than the 20 needed to calibrate path probabilities
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from netgraph.errors import InputError

__all__ = [
    "MIN_OUTCOMES",
    "STALE_AFTER_DAYS",
    "PathCalibration",
    "apply_calibration",
    "ask_outcomes",
    "calibrate_paths",
    "fit_path_calibration",
]

#: Fewer outcomes than this keep the prior (identity).
MIN_OUTCOMES = 20
#: An ask still ``asked`` this many days after it was made counts as a failure.
STALE_AFTER_DAYS = 30.0
_EPS = 1e-6
_SLOPE = (0.01, 20.0)
_INTERCEPT = (-20.0, 20.0)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype="float64"), _EPS, 1 - _EPS)
    return np.log(p) - np.log1p(-p)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype="float64")))


@dataclass(frozen=True)
class PathCalibration:
    """A logistic calibration of path probabilities (see :mod:`netgraph.routing.calibration`).

    Attributes
    ----------
    intercept, slope : float
        ``a`` and ``b`` of ``P = sigmoid(a + b logit(p))``; 0 and 1 (the identity)
        for the prior.
    n_outcomes, n_success : int
        How many recorded outcomes it rests on, and how many were introductions.
    fitted : bool
        False when the prior is kept (too few outcomes).
    note : str
        Why the prior was kept, or ``""``.
    table : DataFrame or None
        Raw and calibrated probability against the observed rate, by bin of the
        raw probability (``bin``, ``n``, ``raw``, ``calibrated``, ``observed``).

    Examples
    --------
    >>> PathCalibration().apply([0.2, 0.7]).tolist()
    [0.2, 0.7]
    >>> round(float(PathCalibration(intercept=1.0, slope=1.0, fitted=True).apply([0.5])[0]), 3)
    0.731
    """

    intercept: float = 0.0
    slope: float = 1.0
    n_outcomes: int = 0
    n_success: int = 0
    fitted: bool = False
    note: str = "no outcomes recorded yet: the prior (identity) is kept"
    table: pd.DataFrame | None = field(default=None, compare=False, repr=False)

    def apply(self, probability: Any) -> np.ndarray:
        """Calibrated probabilities (the raw ones unchanged when the prior is kept)."""
        p = np.asarray(probability, dtype="float64")
        if not self.fitted:
            return p.copy()
        return np.where(np.isnan(p), np.nan, _sigmoid(self.intercept + self.slope * _logit(p)))

    def __str__(self) -> str:
        if not self.fitted:
            return f"prior kept: {self.note}"
        return (f"path probabilities calibrated on {self.n_outcomes} outcomes "
                f"({self.n_success} introductions): P = 1 / (1 + exp(-({self.intercept:.2f} + "
                f"{self.slope:.2f} logit p)))")

    def _repr_html_(self) -> str:
        import html

        body = f"<p>{html.escape(str(self))}</p>"
        if self.table is not None and len(self.table):
            body += self.table.to_html(index=False, float_format=lambda v: f"{v:.3f}")
        return body

    def to_dict(self) -> dict[str, Any]:
        """JSON-able parameters (what the workspace keeps)."""
        return {"intercept": float(self.intercept), "slope": float(self.slope),
                "n_outcomes": int(self.n_outcomes), "n_success": int(self.n_success),
                "fitted": bool(self.fitted), "note": str(self.note)}

    @classmethod
    def from_dict(cls, d: Any) -> PathCalibration:
        """The calibration kept in a workspace; anything unreadable raises ``ValueError``."""
        if not isinstance(d, dict):
            raise ValueError(f"a path calibration is a mapping, not {type(d).__name__}")
        cal = cls(intercept=float(d["intercept"]), slope=float(d["slope"]),
                  n_outcomes=int(d["n_outcomes"]), n_success=int(d["n_success"]),
                  fitted=bool(d["fitted"]), note=str(d.get("note", "")))
        if not ((np.isfinite(cal.intercept) and _SLOPE[0] <= cal.slope <= _SLOPE[1])
                or not cal.fitted):
            raise ValueError("path calibration parameters out of range")
        return cal


def fit_path_calibration(probability: Any, success: Any, *, min_outcomes: int = MIN_OUTCOMES
                         ) -> PathCalibration:
    """Fit ``P(success) = sigmoid(a + b logit(p))`` to recorded outcomes (b > 0).

    Parameters
    ----------
    probability : array-like of float
        Raw path probabilities when each ask was made (NaN rows are left out).
    success : array-like of bool
        Whether each ask led to an introduction.
    min_outcomes : int, default 20
        Fewer outcomes keep the prior (identity), saying so.

    Returns
    -------
    PathCalibration

    Raises
    ------
    InputError
        The two arrays differ in length, or a probability is outside [0, 1].
    """
    from scipy.optimize import minimize

    p = np.asarray(probability, dtype="float64").ravel()
    y = np.asarray(success, dtype=bool).ravel()
    if len(p) != len(y):
        raise InputError(f"{len(p)} probabilities but {len(y)} outcomes",
                         expected="one outcome per probability")
    ok = ~np.isnan(p)
    p, y = p[ok], y[ok]
    if ((p < 0) | (p > 1)).any():
        raise InputError("a path probability is outside 0..1", expected="probabilities")
    n, k = len(p), int(y.sum())
    table = _table(p, y, PathCalibration())
    if n < min_outcomes:
        note = (f"{n} outcome{'s' if n != 1 else ''}, fewer than the {min_outcomes} needed to "
                "calibrate path probabilities")
        return PathCalibration(n_outcomes=n, n_success=k, fitted=False, note=note, table=table)
    x = _logit(p)
    yf = y.astype("float64")

    def nll(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + theta[1] * x
        # -log-likelihood: log(1 + e^z) - y z, stably
        loss = float(np.sum(np.logaddexp(0.0, z) - yf * z))
        r = _sigmoid(z) - yf
        return loss, np.array([r.sum(), (r * x).sum()])

    res = minimize(nll, x0=np.array([0.0, 1.0]), jac=True, method="L-BFGS-B",
                   bounds=[_INTERCEPT, _SLOPE])
    a, b = (float(v) for v in res.x)
    cal = PathCalibration(intercept=a, slope=b, n_outcomes=n, n_success=k, fitted=True, note="")
    return replace(cal, table=_table(p, y, cal))


def _table(p: np.ndarray, y: np.ndarray, cal: PathCalibration) -> pd.DataFrame:
    cols = ["bin", "n", "raw", "calibrated", "observed"]
    if not len(p):
        return pd.DataFrame({c: pd.Series([], dtype="float64") for c in cols})
    bins = min(10, max(1, len(p) // 10))
    edges = np.unique(np.quantile(p, np.linspace(0, 1, bins + 1)))
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, max(len(edges) - 2, 0))
    frame = pd.DataFrame({"bin": which, "raw": p, "calibrated": cal.apply(p),
                          "observed": y.astype("float64")})
    out = frame.groupby("bin").agg(n=("raw", "size"), raw=("raw", "mean"),
                                   calibrated=("calibrated", "mean"),
                                   observed=("observed", "mean")).reset_index()
    return out[cols]


def ask_outcomes(asks: pd.DataFrame, at: pd.Timestamp, *,
                 stale_after_days: float = STALE_AFTER_DAYS) -> pd.DataFrame:
    """The outcome of each ask that has one: ``ask_id``, ``probability``, ``success``, ``why``.

    Parameters
    ----------
    asks : DataFrame
        The ``asks`` table.
    at : Timestamp
        Today: asks made after *at* are left out, and a status recorded after *at*
        is not known yet (read from ``history``); an ask still ``asked`` more than
        *stale_after_days* before *at* counts as a failure.
    stale_after_days : float, default 30

    Examples
    --------
    >>> import pandas as pd
    >>> asks = pd.DataFrame({"ask_id": [1, 2, 3, 4], "probability": [0.5, 0.4, 0.3, 0.2],
    ...     "status": ["met", "declined", "asked", "asked"],
    ...     "asked_on": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-09-01",
    ...                                 "2026-11-20"], utc=True)})
    >>> ask_outcomes(asks, pd.Timestamp("2026-11-29", tz="UTC"))[["ask_id", "success", "why"]]
       ask_id  success                            why
    0       1     True                            met
    1       2    False                       declined
    2       3    False  asked, no answer in 89 days
    """
    from netgraph.data.asks import SUCCESS

    a = asks[asks["asked_on"] <= at]
    status = a["status"].astype(object)
    if "history" in a and len(a) and (a["updated_on"] > at).any():
        status = pd.Series([_status_at(h, s, at) for h, s in zip(a["history"], status,
                                                                 strict=True)],
                           index=a.index, dtype=object)
    age = (at - a["asked_on"]).dt.total_seconds() / 86400.0
    stale = (status == "asked") & (age > stale_after_days)
    done = status.isin(list(SUCCESS)) | status.isin(["declined", "no_reply"]) | stale
    a, status, age, stale = a[done], status[done], age[done], stale[done]
    why = status.where(~stale, "asked, no answer in " + age.astype("int64").astype(str)
                       + " days")
    return pd.DataFrame({"ask_id": a["ask_id"].to_numpy(),
                         "probability": a["probability"].to_numpy(dtype="float64"),
                         "success": status.isin(list(SUCCESS)).to_numpy(),
                         "why": why.to_numpy(dtype=object)})


def _status_at(history: str, status: str, at: pd.Timestamp) -> str:
    """The status an ask had at *at*, from its ``history`` (``status@date; ...``)."""
    day = at.strftime("%Y-%m-%d")
    out = "asked"
    for step in str(history).split(";"):
        name, _, when = step.strip().partition("@")
        if when and when <= day:
            out = name
    return out


def calibrate_paths(asks: pd.DataFrame, at: pd.Timestamp, *,
                    stale_after_days: float = STALE_AFTER_DAYS,
                    min_outcomes: int = MIN_OUTCOMES) -> PathCalibration:
    """Fit a :class:`PathCalibration` to the outcomes of the recorded asks at *at*.

    Asks with no path probability (no route when asked) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> asks = pd.DataFrame({"ask_id": [1], "probability": [0.5], "status": ["met"],
    ...                      "asked_on": pd.to_datetime(["2026-09-01"], utc=True)})
    >>> calibrate_paths(asks, pd.Timestamp("2026-11-29", tz="UTC")).fitted
    False
    """
    out = ask_outcomes(asks, at, stale_after_days=stale_after_days)
    out = out[out["probability"].notna()]
    return fit_path_calibration(out["probability"], out["success"], min_outcomes=min_outcomes)


def apply_calibration(paths: Any, cal: PathCalibration | None) -> Any:
    """*paths* (a :class:`~netgraph.routing.results.WarmPaths`) with calibrated
    probabilities, each path keeping its raw one in ``raw_probability``; unchanged
    when *cal* is None or the prior. The ranking does not change (``b > 0``).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import warm_paths
    >>> paths = warm_paths(example_index(), "Acme Robotics")
    >>> cal = PathCalibration(intercept=-1.0, slope=1.0, n_outcomes=30, fitted=True)
    >>> best = apply_calibration(paths, cal)[0]
    >>> round(best.raw_probability, 3), round(best.probability, 3)
    (0.378, 0.183)
    """
    from netgraph.routing.results import WarmPaths

    if cal is None or not cal.fitted or not len(paths):
        return paths
    raw = np.array([p.probability for p in paths])
    new = cal.apply(raw)
    return WarmPaths([replace(p, probability=float(q), raw_probability=float(r))
                      for p, q, r in zip(paths, new, raw, strict=True)],
                     target=paths.target, target_id=paths.target_id, kind=paths.kind,
                     source=paths.source, max_hops=paths.max_hops, reason=paths.reason,
                     objective=paths.objective)
