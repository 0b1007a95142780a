"""Fit the strength model to a network's own history: :func:`fit_strength` and :class:`FitReport`.

Self-supervised: at many past cut dates ``t_j`` (all at least one horizon before ``at``),
every tie that existed or had a contact by ``t_j`` is a sample; its features are computed
from the evidence up to ``t_j`` only, and its label is whether the two were in *two-way
contact* within ``(t_j, t_j + horizon]`` (a meeting or call, contacts initiated from both
sides, or any contact of unknown direction; the meaning of a strength, see
:class:`~netgraph.scoring.StrengthModel`). The last cuts are held out (a time-based
split) to measure the fitted model against simple baselines and its calibration.

The coefficients are fitted by maximum likelihood with ``scipy.optimize.minimize``
(L-BFGS-B): its bounds keep the signs that make the model's promises true (recency
coefficient <= 0, every evidence coefficient >= 0), and a small L2 penalty pulls toward
the priors (the defaults), so a network with little history stays close to them.
scikit-learn's ``LogisticRegression`` cannot constrain signs, hence scipy (already a
dependency). With fewer than 200 labelled samples or 20 positives the priors are kept
and the report says so.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from netgraph.scoring import StrengthModel
>>> rng = np.random.default_rng(0)
>>> ids = [f"in:p{i}" for i in range(40)]
>>> n = 4000
>>> pairs = rng.integers(1, 40, n)
>>> frame = pd.DataFrame({"person_id": "in:p0", "other_id": [ids[i] for i in pairs],
...     "timestamp": pd.Timestamp("2024-01-01", tz="UTC")
...                  + pd.to_timedelta(rng.uniform(0, 700, n) * (pairs / 40), unit="D"),
...     "channel": "meeting"})
>>> report = StrengthModel.fit(frame, horizon="30D", at="2026-01-01")
>>> report.used_priors, report.n_cuts > 2
(False, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import to_days
from netgraph.errors import InputError
from netgraph.scoring.evidence import event_weight, two_way_by_nature
from netgraph.scoring.features import feature_table, sigmoid
from netgraph.scoring.kernel import overlap_at, resolve_overlaps
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import Prepared, channel_of, direction_of

__all__ = ["FitReport", "auc", "calibration_table", "evidence_at_cuts", "fit_prepared",
           "fit_strength", "parse_horizon", "samples"]

#: Below these, the priors are kept.
MIN_SAMPLES, MIN_POSITIVES = 200, 20
#: The baselines the fitted model is compared with (scores from the evidence at a cut).
BASELINES = ("recency", "frequency", "reference")


def parse_horizon(horizon: Any) -> float:
    """A horizon (``"90D"``, ``"12h"``, a Timedelta, or a number of days) in days.

    Examples
    --------
    >>> from netgraph.scoring.fit import parse_horizon
    >>> parse_horizon("90D"), parse_horizon("12h"), parse_horizon(30)
    (90.0, 0.5, 30.0)
    >>> parse_horizon("soon")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: the horizon 'soon' is not a duration...
    """
    try:
        if isinstance(horizon, (int, float, np.integer, np.floating)) and not isinstance(
                horizon, bool):
            days = float(horizon)
        else:
            days = pd.Timedelta(horizon).total_seconds() / 86_400.0
    except (TypeError, ValueError):
        days = float("nan")
    if not (math.isfinite(days) and 0 < days <= 36500):
        raise InputError(f"the horizon {horizon!r} is not a duration",
                         expected="a positive duration up to 100 years",
                         hint='e.g. "90D" (90 days), "30D", "12h" or a number of days')
    return days


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """ROC AUC (Mann-Whitney, ties count half); NaN unless both classes occur.

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.scoring.fit import auc
    >>> auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    0.75
    """
    from scipy.stats import rankdata

    y = np.asarray(label, dtype=bool)
    n1, n0 = int(y.sum()), int((~y).sum())
    if not n1 or not n0:
        return float("nan")
    r = rankdata(np.asarray(score, dtype="float64"))
    return float((r[y].sum() - n1 * (n1 + 1) / 2.0) / (n1 * n0))


def calibration_table(p: np.ndarray, y: np.ndarray, bins: int = 10
                      ) -> tuple[pd.DataFrame, float]:
    """Predicted vs observed rate by decile of the prediction, and the expected
    calibration error (the n-weighted mean of ``|predicted - observed|``).

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.scoring.fit import calibration_table
    >>> table, ece = calibration_table(np.array([0.1, 0.1, 0.9, 0.9]), np.array([0, 0, 1, 1]), 2)
    >>> table.observed.tolist(), round(ece, 2)
    ([0.0, 1.0], 0.1)
    """
    p = np.asarray(p, dtype="float64")
    y = np.asarray(y, dtype="float64")
    if not len(p):
        return pd.DataFrame(columns=["bin", "n", "predicted", "observed"]), float("nan")
    order = np.argsort(p, kind="stable")
    b = np.empty(len(p), "int64")
    b[order] = np.arange(len(p)) * bins // len(p)
    n = np.bincount(b, minlength=bins)
    ok = n > 0
    pred = np.bincount(b, weights=p, minlength=bins)[ok] / n[ok]
    obs = np.bincount(b, weights=y, minlength=bins)[ok] / n[ok]
    table = pd.DataFrame({"bin": np.arange(bins)[ok] + 1, "n": n[ok], "predicted": pred,
                          "observed": obs})
    ece = float(np.sum(n[ok] * np.abs(pred - obs)) / len(p))
    return table, ece


@dataclass(frozen=True)
class FitReport:
    """What :func:`fit_strength` learnt and how well it does on held-out cuts.

    Attributes
    ----------
    model : StrengthModel
        The fitted model (or the priors, when ``used_priors``).
    horizon_days : float
    at : pandas.Timestamp
        Only history up to here was used.
    n_pairs, n_samples, n_positives, n_cuts, n_holdout_cuts : int
        Distinct ties, (tie, cut) samples, samples with two-way contact in the horizon,
        cut dates, of which held out.
    auc : dict of str to float
        Held-out ROC AUC of ``fitted``, ``default`` (the priors), ``recency`` (days since
        the last contact), ``frequency`` (number of past contacts) and ``reference``
        (``-log(1 + days since last) + 0.5 log(1 + n past contacts)``); NaN when the
        held-out cuts have one class only.
    calibration : pandas.DataFrame
        Held-out predicted vs observed rate by decile of the fitted strength.
    ece : float
        Expected calibration error of the fitted model on the held-out cuts.
    used_priors : bool
    reason : str
        Why the priors were kept ("" when fitted).
    path_calibration : netgraph.routing.calibration.PathCalibration or None
        When fitted through :meth:`netgraph.Network.fit_strength`: the calibration of
        path probabilities to the outcomes of recorded asks (the prior when there are
        fewer than 20 outcomes; its ``note`` says so).
    """

    model: StrengthModel
    horizon_days: float
    at: pd.Timestamp
    n_pairs: int
    n_samples: int
    n_positives: int
    n_cuts: int
    n_holdout_cuts: int
    auc: dict[str, float]
    calibration: pd.DataFrame = field(repr=False)
    ece: float
    used_priors: bool
    reason: str
    path_calibration: Any = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (``model`` as its coefficients and intercept)."""
        return {"horizon_days": self.horizon_days, "at": self.at.isoformat(),
                "n_pairs": self.n_pairs, "n_samples": self.n_samples,
                "n_positives": self.n_positives, "n_cuts": self.n_cuts,
                "n_holdout_cuts": self.n_holdout_cuts,
                "auc": {k: (None if not math.isfinite(v) else round(v, 4))
                        for k, v in self.auc.items()},
                "ece": None if not math.isfinite(self.ece) else round(self.ece, 4),
                "calibration": [{k: (int(v) if k in ("bin", "n") else round(float(v), 4))
                                 for k, v in r.items()}
                                for r in self.calibration.to_dict(orient="records")],
                "used_priors": self.used_priors, "reason": self.reason,
                "intercept": float(self.model.intercept),
                "coefficients": {k: float(v) for k, v in self.model.coefficients.items()}}

    def lines(self) -> list[str]:
        """The report as lines of text."""
        def f(v: float) -> str:
            return "  n/a" if not math.isfinite(v) else f"{v:.3f}"

        out = [f"strength fitted for a {self.horizon_days:g}-day horizon on history up to "
               f"{self.at:%Y-%m-%d}"]
        if self.used_priors:
            out.append(f"  kept the priors: {self.reason}")
        out.append(f"  {self.n_samples:,} samples of {self.n_pairs:,} ties at {self.n_cuts} "
                   f"cut dates ({self.n_holdout_cuts} held out), {self.n_positives:,} with "
                   "two-way contact in the horizon")
        out.append("  held-out ROC AUC: " + ", ".join(f"{k} {f(v)}" for k, v in self.auc.items()))
        out.append(f"  calibration error (held out): {f(self.ece)}")
        coef = ", ".join(f"{k} {v:+.2f}" for k, v in self.model.coefficients.items())
        out.append(f"  intercept {self.model.intercept:+.2f}; {coef}")
        pc = self.path_calibration
        if pc is not None:
            out.append(f"  path probabilities: {pc.note}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _cuts(t_min: float, at: float, H: float, n_cuts: int | None, n_events: int = 0
          ) -> np.ndarray:
    last = at - H
    first = t_min + H                 # some history before the first cut
    if last < first:
        first = min(t_min + H / 2.0, last)
    if last < t_min:
        return np.zeros(0)
    if n_cuts is None:    # every half horizon; fewer on big data (each cut is one scan)
        most = int(np.clip(2e8 // max(n_events, 1), 8, 48))
        n_cuts = int(np.clip(np.floor((last - first) / (H / 2.0)) + 1, 1, most))
    return np.unique(np.linspace(first, last, max(int(n_cuts), 1)))


def evidence_at_cuts(prep: Prepared, model: StrengthModel, cuts: np.ndarray,
                     order: np.ndarray | None = None) -> Iterator[dict[str, np.ndarray]]:
    """:func:`~netgraph.scoring.evidence.tie_evidence` of every tie at each of *cuts*
    (increasing), incrementally: the interactions are sorted by time once and each one is
    added once; the decaying sums carry over, ``recent_k(c2) = recent_k(c1) x
    exp(-(c2 - c1) / tau_k) + new contacts``. The same columns and values as
    :func:`~netgraph.scoring.evidence.tie_evidence` (to rounding).
    """
    n = prep.n_ties
    if order is None:      # the contacts in time order
        order = np.argsort(prep.t, kind="stable")
    t = prep.t[order]
    row = prep.row[order]
    kind = prep.kind[order]
    w = event_weight(model, kind)
    ch = channel_of(kind)
    d = direction_of(kind)
    side = np.where((d == 2) | two_way_by_nature()[ch], 2, d)
    del kind, d
    bit = (1 << ch).astype("int64")
    n_ev = np.zeros(n)
    vol = np.zeros(n)
    split = np.zeros(3 * n)
    last = np.full(n, -np.inf)
    mask = np.zeros(n, "int64")
    recent = [np.zeros(n) for _ in model.recent_days]
    first_all = np.full(n, np.nan)
    has = np.diff(prep.offsets) > 0
    first_all[has] = prep.t[prep.offsets[:-1][has]]
    prev, lo = -np.inf, 0
    for c in cuts:
        c = float(c)
        hi = int(np.searchsorted(t, c, side="right"))
        r, ww = row[lo:hi], w[lo:hi]
        if hi > lo:
            n_ev += np.bincount(r, minlength=n)
            vol += np.bincount(r, weights=ww, minlength=n)
            split += np.bincount(r * 3 + side[lo:hi], weights=ww, minlength=3 * n)
            np.maximum.at(last, r, t[lo:hi])
            np.bitwise_or.at(mask, r, bit[lo:hi])
        for k, tau in enumerate(model.recent_days):
            if np.isfinite(prev):
                recent[k] *= math.exp(-(c - prev) / float(tau))
            if hi > lo:
                recent[k] += np.bincount(r, weights=ww * np.exp((t[lo:hi] - c) / float(tau)),
                                         minlength=n)
        prev, lo = c, hi
        seen = n_ev > 0
        sp = split.reshape(n, 3)
        ev = {"n_events": n_ev.copy(), "first_day": np.where(seen, first_all, np.nan),
              "last_day": np.where(seen, last, np.nan), "volume": vol.copy(),
              "w_a": sp[:, 0].copy(), "w_b": sp[:, 1].copy(), "w_both": sp[:, 2].copy()}
        for k in range(len(model.recent_days)):
            ev[f"recent_{k}"] = recent[k].copy()
        ev["channels_mask"] = mask.astype("float64")
        yield ev


def _window_labels(t: np.ndarray, row: np.ndarray, side: np.ndarray, n_rows: int,
                   lo: float, hi: float) -> np.ndarray:
    """Two-way contact per tie row within ``(lo, hi]`` (*t* sorted)."""
    a = int(np.searchsorted(t, lo, side="right"))
    b = int(np.searchsorted(t, hi, side="right"))
    c = np.bincount(row[a:b] * 3 + side[a:b], minlength=3 * n_rows).reshape(n_rows, 3) > 0
    return c[:, 2] | (c[:, 0] & c[:, 1])


def samples(prep: Prepared, model: StrengthModel, cuts: np.ndarray, *,
            max_samples: int = 300_000, seed: int = 0) -> pd.DataFrame:
    """Features, baselines and labels of every (tie, cut) sample (see the module text).

    At most ``max_samples`` rows, the same share drawn at random from each cut.
    """
    rng = np.random.default_rng(seed)
    H = model.horizon_days
    n = prep.n_ties
    order = np.argsort(prep.t, kind="stable")
    t_s, row_s = prep.t[order], prep.row[order]
    k_s = prep.kind[order]
    ch_s, d_s = channel_of(k_s), direction_of(k_s)
    side_s = np.where((d_s == 2) | two_way_by_nature()[ch_s], 2, d_s)
    del k_s, ch_s, d_s
    iv = resolve_overlaps(prep, model, None)
    per_cut = max(1, max_samples // max(len(cuts), 1))
    parts = []
    cuts = np.sort(np.asarray(cuts, dtype="float64"))
    scan = evidence_at_cuts(prep, model, cuts, order)
    for j, (c, ev) in enumerate(zip(cuts, scan, strict=True)):
        alive = (ev["n_events"] > 0) | (prep.since <= c)
        idx = np.flatnonzero(alive)
        if len(idx) > per_cut:
            idx = np.sort(rng.choice(idx, per_cut, replace=False))
        if not len(idx):
            continue
        e = {k: v[idx] for k, v in ev.items()}
        del ev
        if len(iv["row"]):
            ov_days, ov_end = overlap_at(iv, n, np.full(n, float(c)), model)
            shared = {"shared_days": ov_days[idx], "shared_end": ov_end[idx]}
        else:
            shared = {}
        feats = feature_table(e, model, float(c), since=prep.since[idx], **shared)
        y = _window_labels(t_s, row_s, side_s, n, float(c), float(c) + H)[idx]
        days = np.where(np.isnan(e["last_day"]), 1e5, c - e["last_day"])
        frame = pd.DataFrame(feats)
        frame["recency"] = -days
        frame["frequency"] = e["n_events"]
        frame["reference"] = -np.log1p(days) + 0.5 * np.log1p(e["n_events"])
        frame["label"] = y
        frame["cut"] = j
        frame["tie"] = idx
        parts.append(frame)
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True)


def _optimise(X: np.ndarray, y: np.ndarray, prior: StrengthModel, names: list[str],
              l2: float, floor: float | None = None) -> tuple[float, np.ndarray]:
    from scipy.optimize import minimize

    b_prior = np.r_[prior.intercept, [prior.coefficients[k] for k in names]]
    Xa = np.column_stack([np.ones(len(X)), X])
    if floor is not None:
        # logit(strength) = logit(floor) + b_s (silence - never) + ...: fix the first term
        Xa[:, 1 + names.index("silence")] -= prior.never_silence
        b_prior[0] = math.log(floor / (1.0 - floor))
    n = len(y)
    lam = l2 / n

    def loss(b: np.ndarray) -> tuple[float, np.ndarray]:
        z = Xa @ b
        # mean log-loss, stable: log(1 + e^z) - y z
        nll = (np.logaddexp(0.0, z).sum() - y @ z) / n
        g = Xa.T @ (sigmoid(z) - y) / n
        dv = b - b_prior
        dv[0] = 0.0                      # the intercept is not pulled
        return float(nll + 0.5 * lam * dv @ dv), g + lam * dv

    bounds = [(None, None) if floor is None else (b_prior[0], b_prior[0])] + [
        ((None, 0.0) if k == "silence" else (0.0, None)) for k in names]
    x0 = np.clip(b_prior, [-np.inf if lo is None else lo for lo, _ in bounds],
                 [np.inf if hi is None else hi for _, hi in bounds])
    res = minimize(loss, x0, jac=True, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 500})
    b0 = float(res.x[0])
    if floor is not None:
        b0 -= float(res.x[1 + names.index("silence")]) * prior.never_silence
    return b0, res.x[1:]


def fit_prepared(prep: Prepared, *, horizon: Any = "90D", at: Any = None,
                 prior: StrengthModel | None = None, n_cuts: int | None = None,
                 holdout: float = 0.25, max_samples: int = 300_000, l2: float = 10.0,
                 floor: float | None = None, seed: int = 0) -> FitReport:
    """:func:`fit_strength` on prepared arrays (see the module text).

    Parameters
    ----------
    prep : Prepared
    horizon : duration, default "90D"
    at : timestamp-like, optional
        Use only history up to here (default: the last interaction).
    prior : StrengthModel, optional
        The priors (default ``StrengthModel()``); weights, decay scales (scaled to the
        horizon) and tiers are kept from it.
    n_cuts : int, optional
        Number of cut dates (default: every half horizon, at most 48, and fewer on
        big data: at most 2e8 / number of interactions, at least 8).
    holdout : float, default 0.25
        Share of the last cuts held out for the AUC and calibration (at least one).
    max_samples : int, default 300000
        Bound on (tie, cut) samples (subsampled evenly per cut).
    l2 : float, default 10
        Strength of the pull toward the priors (in samples' worth).
    floor : float, optional
        Keep the strength of a tie with no evidence at this value (fit the rest); by
        default it is learnt too (from ties that existed before a cut with no contact).
    seed : int, default 0
    """
    H = parse_horizon(horizon)
    prior = StrengthModel() if prior is None else prior
    base = prior.with_horizon(H) if prior.horizon_days != H else prior
    if not prep.n_events:
        raise InputError("there are no interactions to learn from",
                         hint="import interaction logs, e-mail or a calendar first "
                              "(netgraph import ...)")
    t_min = float(prep.t.min())
    at_days = float(prep.t_max) if at is None else to_days(at)
    at_ts = pd.Timestamp(round(at_days * 86_400e9), tz="UTC")
    if at_days < t_min:
        first = pd.Timestamp(round(t_min * 86_400e9), tz="UTC")
        raise InputError(f"at={at_ts:%Y-%m-%d} is before the first interaction "
                         f"({first:%Y-%m-%d})",
                         hint="fit on history up to a date after the first interaction")
    cuts = _cuts(t_min, at_days, H, n_cuts, prep.n_events)
    names = base.feature_names()
    empty_auc = {k: float("nan") for k in ("fitted", "default", *BASELINES)}

    def report(model: StrengthModel, frame: pd.DataFrame, n_hold: int, aucs: dict[str, float],
               cal: pd.DataFrame, ece: float, used: bool, reason: str) -> FitReport:
        return FitReport(model=model, horizon_days=H, at=at_ts,
                         n_pairs=int(frame["tie"].nunique()) if len(frame) else 0,
                         n_samples=len(frame),
                         n_positives=int(frame["label"].sum()) if len(frame) else 0,
                         n_cuts=len(cuts), n_holdout_cuts=n_hold, auc=aucs,
                         calibration=cal, ece=ece, used_priors=used, reason=reason)

    if not len(cuts):
        return report(base, pd.DataFrame(), 0, empty_auc, calibration_table([], [])[0],
                      float("nan"), True, f"less than one horizon ({H:g} days) of history "
                      "before at")
    frame = samples(prep, base, cuts, max_samples=max_samples, seed=seed)
    if not len(frame) or len(frame) < MIN_SAMPLES or frame["label"].sum() < MIN_POSITIVES \
            or (~frame["label"]).sum() < MIN_POSITIVES:
        npos = int(frame["label"].sum()) if len(frame) else 0
        return report(base, frame, 0, empty_auc, calibration_table([], [])[0], float("nan"),
                      True, f"too little history: {len(frame)} samples, {npos} with two-way "
                      f"contact in the horizon (need {MIN_SAMPLES} and {MIN_POSITIVES})")
    n_hold = max(1, round(len(cuts) * holdout)) if len(cuts) > 1 else 0
    test = frame["cut"].to_numpy() >= len(cuts) - n_hold if n_hold else np.ones(len(frame),
                                                                                 bool)
    train = ~test if n_hold else np.ones(len(frame), bool)
    X = frame[names].to_numpy(dtype="float64")
    y = frame["label"].to_numpy(dtype="float64")
    ok_train = train.sum() >= MIN_SAMPLES and y[train].sum() >= MIN_POSITIVES
    if not ok_train:
        train = np.ones(len(frame), bool)
    b0, b = _optimise(X[train], y[train], base, names, l2, floor)
    held = base.with_(intercept=b0, coefficients=dict(zip(names, b.tolist(), strict=True)))
    p_fit = sigmoid(b0 + X[test] @ b)
    p_def = sigmoid(base.intercept + X[test] @ base.coef_array())
    aucs = {"fitted": auc(p_fit, y[test]), "default": auc(p_def, y[test])}
    for k in BASELINES:
        aucs[k] = auc(frame.loc[test, k].to_numpy(), y[test])
    cal, ece = calibration_table(p_fit, y[test])
    # the model kept: fitted on every cut
    b0, b = _optimise(X, y, base, names, l2, floor)
    model = base.with_(intercept=float(b0),
                       coefficients={k: float(v) + 0.0 for k, v in zip(names, b, strict=True)})
    del held
    return report(model, frame, n_hold if ok_train else 0, aucs, cal, ece, False,
                  "" if ok_train else "too few samples to hold cuts out: AUC in-sample")


def fit_strength(interactions: pd.DataFrame, ties: pd.DataFrame | None = None, *,
                 horizon: Any = "90D", at: Any = None,
                 affiliations: pd.DataFrame | None = None, people: Any = None,
                 prior: StrengthModel | None = None, **kwargs: Any) -> FitReport:
    """Fit the strength model to interaction history (frames; see the module text).

    Parameters
    ----------
    interactions : pandas.DataFrame
        The ``interactions`` table (person_id, other_id, timestamp, channel, direction,
        participants); other frames with those columns are conformed first.
    ties : pandas.DataFrame, optional
        The ``ties`` table; default: one tie per pair that interacted.
    horizon : duration, default "90D"
    at : timestamp-like, optional
        Use history up to here only (default: the last interaction).
    affiliations : pandas.DataFrame, optional
        Job stints (for the shared-employer feature).
    people : sequence of str, optional
    prior : StrengthModel, optional
    **kwargs
        Passed to :func:`fit_prepared` (n_cuts, holdout, max_samples, l2, seed).

    Returns
    -------
    FitReport
        ``report.model`` is the fitted :class:`~netgraph.scoring.StrengthModel`.

    Raises
    ------
    InputError
        No interactions, a horizon that is not a duration, or *at* before the first
        interaction.
    """
    from netgraph.data import schema
    from netgraph.scoring.prepare import prepare

    if interactions is None or not len(interactions):
        raise InputError("there are no interactions to learn from",
                         hint="pass the interactions table (person_id, other_id, timestamp)")
    parse_horizon(horizon)
    inter = interactions
    if ties is None:
        a = inter["person_id"].astype("object")
        b = inter["other_id"].astype("object")
        lo = np.where(a.to_numpy() < b.to_numpy(), a, b)
        hi = np.where(a.to_numpy() < b.to_numpy(), b, a)
        pairs = pd.DataFrame({"a": lo, "b": hi}).dropna().drop_duplicates()
        pairs = pairs[pairs["a"] != pairs["b"]]
        ids = sorted(set(pairs["a"]) | set(pairs["b"])) if people is None else list(people)
        ties = schema.conform(pairs.reset_index(drop=True), "ties", ids)
        people = ids
    if not isinstance(inter["timestamp"].dtype, pd.DatetimeTZDtype) or "channel" not in inter:
        ids = people if people is not None else None
        inter = schema.conform(inter, "interactions", ids)
    prep = prepare(ties, inter, affiliations, people=people)
    return fit_prepared(prep, horizon=horizon, at=at, prior=prior, **kwargs)
