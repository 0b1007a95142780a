"""The strength model's parameters: :class:`StrengthModel`, its channel values and tiers.

Everything here is model-only (no tables): the parameters with their defaults and allowed
ranges (checked by :func:`netgraph._params.check_ranges`), the coefficients of the
logistic formula (:data:`FEATURES`), the tier rule and the per-channel weights. How the
features are computed from a tie's evidence is in :mod:`netgraph.scoring.features`; how
the coefficients are learnt from a network's own history is in :mod:`netgraph.scoring.fit`.

Examples
--------
>>> from netgraph.scoring.model import TIERS, StrengthModel
>>> TIERS
('close', 'developing', 'secondary', 'cold')
>>> StrengthModel().tier_codes([0.7, 0.05]).tolist()
[0, 3]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from netgraph._params import Range, check_ranges
from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError

__all__ = ["FEATURES", "MODEL_FORMAT", "TIERS", "ChannelValues", "Coefficients", "StrengthModel",
           "tier_column"]

#: Version of the stored model parameters (the workspace keeps it beside them; a stored
#: model of another format falls back to the defaults with a warning). 1: the
#: decay-and-noisy-OR model before issue 9; 2: the logistic model.
MODEL_FORMAT = 2

#: Tier names, warmest first (see :meth:`StrengthModel.tier`).
TIERS: tuple[str, ...] = ("close", "developing", "secondary", "cold")

#: The model's features, in order (``activity`` is one feature per decay scale in
#: ``StrengthModel.recent_days``: ``activity_0``, ``activity_1``, ...; see
#: :mod:`netgraph.scoring.features`).
FEATURES: tuple[str, ...] = ("silence", "activity", "volume", "reciprocity", "channels",
                             "years_known", "shared_employer")

# Defaults for channels that may not be in CHANNELS yet are ignored (see ChannelValues).
_DEFAULT_WEIGHTS = {"meeting": 1.0, "call": 0.8, "message": 0.4, "email": 0.3,
                    "linkedin": 0.1, "other": 0.1, "recommendation": 1.0,
                    "endorsement": 0.1, "invitation": 0.2}

# Priors (see StrengthModel's docstring for how they were chosen).
_DEFAULT_INTERCEPT = -0.16
_DEFAULT_COEFFICIENTS = {"silence": -1.5, "activity_0": 0.5, "activity_1": 0.3,
                         "volume": 0.15, "reciprocity": 0.35, "channels": 0.1,
                         "years_known": 0.3, "shared_employer": 1.5}


class _ReadOnlyDict(dict):
    """A ``dict`` that refuses changes (hashable, copied as itself): the model's tables.

    A ``dict`` so :func:`dataclasses.asdict` and ``json`` handle it; read-only so
    :class:`StrengthModel` stays immutable and hashable. Subclasses name what they hold
    in ``_WHAT`` (for the error).
    """

    __slots__ = ()
    _WHAT = "values"

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"StrengthModel {self._WHAT} are read-only; "
                        "use StrengthModel.with_(...)")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _readonly
    __ior__ = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> _ReadOnlyDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _ReadOnlyDict:
        return self


class ChannelValues(_ReadOnlyDict):
    """A read-only ``channel -> float`` dict over :data:`~netgraph.data.schema.CHANNELS`.

    Names not in ``CHANNELS`` are ignored; a channel not given counts 0.1. A ``dict`` (so
    :func:`dataclasses.asdict` and ``json`` handle it) that refuses changes, keeping
    :class:`StrengthModel` immutable and hashable.

    Examples
    --------
    >>> from netgraph.scoring import ChannelValues
    >>> v = ChannelValues({"meeting": 1.0, "call": 0.5, "message": 0.4, "email": 0.3,
    ...                    "linkedin": 0.1, "other": 0.1, "future channel": 0.2})
    >>> v["call"], list(v)[:2]
    (0.5, ['meeting', 'call'])
    >>> v["call"] = 1.0
    Traceback (most recent call last):
    ...
    TypeError: StrengthModel channel values are read-only; use StrengthModel.with_(...)
    """

    __slots__ = ()
    _WHAT = "channel values"

    def __init__(self, values: Mapping[str, float] | Iterable[tuple[str, float]] = ()) -> None:
        given = dict(values)
        super().__init__((c, float(given.get(c, 0.1))) for c in CHANNELS)

    def array(self) -> np.ndarray:
        """The values in :data:`~netgraph.data.schema.CHANNELS` order, as a float64 array."""
        return np.array([self[c] for c in CHANNELS], dtype="float64")


def _channel_values(name: str, given: Mapping[str, float] | None,
                    default: Mapping[str, float]) -> ChannelValues:
    if given is None:
        return ChannelValues(default)
    if not isinstance(given, Mapping):
        raise InputError(f"StrengthModel.{name} must be a mapping of channel to number",
                         expected=f"a dict over the channels {', '.join(CHANNELS)}")
    unknown = sorted(set(given) - set(CHANNELS) - set(default))
    if unknown:
        raise InputError(f"StrengthModel.{name} has unknown channel(s) {unknown}",
                         expected=f"channels among {', '.join(CHANNELS)}")
    merged = dict(default)
    for k, v in given.items():
        try:
            merged[k] = float(v)
        except (TypeError, ValueError):
            raise InputError(f"StrengthModel.{name}[{k!r}] must be a number, got {v!r}") from None
    return ChannelValues(merged)


class Coefficients(_ReadOnlyDict):
    """A read-only ``feature -> coefficient`` dict (see :data:`FEATURES`).

    Examples
    --------
    >>> from netgraph.scoring import StrengthModel
    >>> c = StrengthModel().coefficients
    >>> list(c)[:3]
    ['silence', 'activity_0', 'activity_1']
    >>> c["silence"] = 0.0
    Traceback (most recent call last):
    ...
    TypeError: StrengthModel coefficients are read-only; use StrengthModel.with_(...)
    """

    __slots__ = ()
    _WHAT = "coefficients"


def feature_names(n_recent: int) -> list[str]:
    """The feature names for ``n_recent`` activity decay scales, in order.

    Examples
    --------
    >>> from netgraph.scoring.model import feature_names
    >>> feature_names(2)
    ['silence', 'activity_0', 'activity_1', 'volume', 'reciprocity', 'channels', 'years_known', 'shared_employer']
    """
    return ["silence", *(f"activity_{k}" for k in range(n_recent)), *FEATURES[2:]]


def _coefficients(given: Mapping[str, float] | None, n_recent: int) -> Coefficients:
    names = feature_names(n_recent)
    if given is not None and not isinstance(given, Mapping):
        raise InputError("StrengthModel.coefficients must be a mapping of feature to number",
                         expected=f"a dict over the features {', '.join(names)}")
    given = dict(given or {})
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise InputError(f"StrengthModel.coefficients has unknown feature(s) {unknown}",
                         expected=f"features among {', '.join(names)}")
    out = {}
    for n in names:
        v = given.get(n, _DEFAULT_COEFFICIENTS.get(n, 0.3))
        try:
            v = float(v)
        except (TypeError, ValueError):
            raise InputError(f"StrengthModel.coefficients[{n!r}] must be a number, "
                             f"got {v!r}") from None
        if not math.isfinite(v) or abs(v) > 100:
            raise InputError(f"StrengthModel.coefficients[{n!r}] must be a finite number "
                             f"in [-100, 100], got {v!r}")
        if n == "silence" and v > 0:
            raise InputError(f"StrengthModel.coefficients['silence'] must be <= 0, got {v!r}",
                             hint="more silence may never raise a strength")
        if n != "silence" and v < 0:
            raise InputError(f"StrengthModel.coefficients[{n!r}] must be >= 0, got {v!r}",
                             hint="more evidence may never lower a strength")
        out[n] = v
    return Coefficients(out)


# the interval each scalar parameter must lie in
_RANGES = {
    "group_exponent": Range(0, 5, True),
    "horizon_days": Range(0, 36500),
    "never_days": Range(0, 36500),
    "employer_memory_years": Range(0, 100),
    "depth_memory_days": Range(0, 36500),
    "intercept": Range(-50, 50, True),
    "override_half_life_days": Range(0, 36500),
    "close_threshold": Range(0, 1, False, False),
    "developing_threshold": Range(0, 1, False, False),
    "secondary_threshold": Range(0, 1, False, False),
    "close_cadence_days": Range(0, 3650),
    "developing_cadence_days": Range(0, 3650),
    "secondary_cadence_days": Range(0, 3650),
}


@dataclass(frozen=True)
class StrengthModel:
    """The relationship-strength model: what a strength means and its parameters.

    **What a strength means.** The strength of a tie at a date ``at`` is the probability
    that the two people are in *two-way contact* within the horizon (``horizon_days``,
    default 90 days) after ``at``, given everything known up to ``at``. Two-way contact
    is a meeting or a call, contacts initiated from both sides, or any contact whose
    direction is unknown. It is a logistic model::

        strength = 1 / (1 + exp(-(intercept + sum of coefficient x feature)))

    over named features of the tie's evidence up to ``at`` (see
    :mod:`netgraph.scoring.features`; ``explain_strength`` shows each one):

    ``silence`` (coefficient <= 0, *recency*)
        ``log1p(min(days since the last contact, never_days) / horizon)``; a tie with no
        contact has the "never" value ``log1p(never_days / horizon)``.
    ``activity_k`` (>= 0, *recently active*)
        ``log1p(sum of w x exp(-age / recent_days[k]))`` for each decay scale.
    ``volume`` (>= 0, *historically deep*)
        ``log1p(sum of w)`` over all contacts, times the depth memory (see
        ``depth_memory_days``).
    ``reciprocity`` (>= 0)
        ``log1p(min(w_a, w_b) + w_both)``: contact from both sides, or two-way by nature
        (times the depth memory).
    ``channels`` (>= 0)
        number of distinct channels used (times the depth memory).
    ``years_known`` (>= 0)
        ``log1p(years from min(connected on, first contact) to the last contact)``
        (to the last contact, not to ``at``: silence never raises it), times the depth
        memory.
    ``shared_employer`` (>= 0)
        ``log1p(years of overlap at the same employer) x exp(-years since the shared
        stint ended / employer_memory_years)``.

    Each contact weighs ``w = weights[channel] x (max(p, 2) - 1) ** -group_exponent`` for
    ``p`` participants. The sign constraints make two promises true for any
    coefficients: adding a contact never lowers a strength at that date, and more
    silence never raises it. A tie with no evidence at all has strength :attr:`floor`
    (0.03 with the defaults).

    The defaults are *priors*; :meth:`fit` (and ``Network.fit_strength``) learns the
    intercept and coefficients from a network's own history. A strength set by hand
    (the ``overrides`` table) is the user's judgment at its date: the strength equals it
    then and returns to the model's value with ``override_half_life_days``.

    Parameters
    ----------
    weights : dict of str to float, default meeting 1.0, call 0.8, message 0.4, email 0.3, recommendation 1.0, invitation 0.2, linkedin / endorsement / other 0.1
        Evidence one contact adds relative to a one-to-one meeting, per channel; range
        ``[0, 1]``: the "depth of channel" order meeting > call > message > e-mail >
        LinkedIn of the strength scores of Affinity, Village and Nudge. A LinkedIn
        recommendation (written or received) is evidence of working together and counts
        like a meeting; an invitation with its note counts a little less than an e-mail;
        an endorsement is one click and counts like any LinkedIn interaction. A partial dict
        is merged with the defaults; defaults for channels netgraph does not know are
        ignored.
    group_exponent : float, default 0.5
        A thread or meeting of ``p`` people counts ``(p - 1) ** -group_exponent`` of a
        one-to-one contact; range ``[0, 5]``. With 0.5 a 4-person meeting counts 0.58 of
        a one-to-one meeting (still more than a one-to-one call or message: a meeting
        is a meeting) and a 40-person e-mail thread 0.16 of a one-to-one e-mail (the
        attention a person gives each member of a group falls roughly with the square
        root of its size, not with its size: 1 would make a 4-person meeting worth a
        third of a 1:1 and leave group-heavy face-to-face data with no signal; 0 would
        make a mailing list as deep as a letter).
    horizon_days : float, default 90
        The horizon of the meaning above (days); range ``(0, 36500]``. Features are
        scaled by it; :meth:`with_horizon` changes it with ``recent_days``.
    recent_days : tuple of float, default (30, 180)
        Decay scales (days) of the activity features: a third of the horizon ("active
        lately") and two horizons ("active this half-year").
    never_days : float, default 730
        Silence of a tie with no contact, and the cap on silence (two years: after two
        years of silence a tie is as good as never contacted).
    employer_memory_years : float, default 5
        How fast shared tenure fades after the shared stint ends (years, e-folding).
    depth_memory_days : float, default 730
        How fast the depth features (volume, reciprocity, channels, years known) fade
        with silence (days, e-folding): each is multiplied by ``exp(-silence /
        depth_memory_days)``. Depth says a quiet tie can be revived, but only for so
        long: without it a deep tie silent for six years would read as likely to be in
        contact this quarter as one silent for six weeks. With 730 days (the horizon of
        ``never_days``), depth counts 60 % after a year of silence, 37 % after two, 5 %
        after six.
        Adding a contact still never lowers strength (more depth, less silence) and
        silence still never raises it.
    intercept : float, default -0.16
        The logistic intercept: with the silence coefficient it puts the strength of a
        tie with no evidence (:attr:`floor`) at 0.03 (about one LinkedIn connection in
        thirty, never contacted, is in two-way contact within three months).
    coefficients : dict of str to float
        One per feature (:meth:`feature_names`); defaults silence -1.5, activity_0 0.5,
        activity_1 0.3, volume 0.15, reciprocity 0.35, channels 0.1, years_known 0.3,
        shared_employer 1.5. ``silence`` must be <= 0, the others >= 0.
    override_half_life_days : float, default 180
        Half-life of a hand-set strength's pull; range ``(0, 36500]``.
    close_threshold, developing_threshold, secondary_threshold : float, default 0.6, 0.3, 0.1
        Tier lower bounds in probability: *close* = more likely than not (>= 0.6) to be
        in two-way contact within the horizon; *developing* = a fair chance (>= 0.3, about
        one horizon in three); *secondary* = some chance (>= 0.1); below it *cold* (the
        level of a tie with no evidence and a few stale contacts). Strictly decreasing
        in ``(0, 1)``.
    close_cadence_days, developing_cadence_days, secondary_cadence_days : float, default 14, 30, 120
        How often to ping a tie of that tier (days): Ferrazzi ("pinging") - developing
        relationships about monthly, secondary ones two or three times a year; close
        ones fortnightly. Range ``(0, 3650]``.

    Notes
    -----
    How the priors were chosen: their shape follows the fit on the training cuts of one
    public data set (CollegeMsg; ``benchmarks/eval_strength.py --choose-priors``):
    recency and recent activity carry most of the signal, volume and reciprocity
    little. The level is set by the floor (0.03: public data sets have no
    never-contacted ties to learn it from), and the coefficients that public data
    cannot inform (shared employer, channels, years known) by the common-sense
    stories of ``tests/test_strength_sense.py`` (a recruiter in contact three weeks ago
    is at least *developing*; a long-standing referrer is stronger; an old colleague is
    stronger than a connection accepted yesterday). A handful of rounded candidates
    were compared; the chosen one beats recency and frequency on all three data sets of
    the benchmark (CollegeMsg, two SocioPatterns face-to-face sets).

    Examples
    --------
    >>> from netgraph.scoring import StrengthModel
    >>> m = StrengthModel()
    >>> round(m.floor, 3), m.tier([0.7, 0.05]).tolist()
    (0.03, ['close', 'cold'])
    >>> m.with_(coefficients={"volume": 0.5}).coefficients["volume"]
    0.5
    >>> StrengthModel(coefficients={"silence": 1.0})
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: StrengthModel.coefficients['silence'] must be <= 0, got 1.0...
    """

    weights: Mapping[str, float] = field(default_factory=lambda: ChannelValues(_DEFAULT_WEIGHTS))
    group_exponent: float = 0.5
    horizon_days: float = 90.0
    recent_days: tuple[float, ...] = (30.0, 180.0)
    never_days: float = 730.0
    employer_memory_years: float = 5.0
    depth_memory_days: float = 730.0
    intercept: float = _DEFAULT_INTERCEPT
    coefficients: Mapping[str, float] = field(
        default_factory=lambda: Coefficients(_DEFAULT_COEFFICIENTS))
    override_half_life_days: float = 180.0
    close_threshold: float = 0.6
    developing_threshold: float = 0.3
    secondary_threshold: float = 0.1
    close_cadence_days: float = 14.0
    developing_cadence_days: float = 30.0
    secondary_cadence_days: float = 120.0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "weights", _channel_values("weights", self.weights, _DEFAULT_WEIGHTS))
        for c, v in self.weights.items():
            if not (0.0 <= v <= 1.0):  # also catches NaN
                raise InputError(f"StrengthModel.weights[{c!r}] must be in [0, 1], got {v!r}",
                                 hint="weights are relative to one one-to-one meeting (1.0)")
        rd = self.recent_days
        if isinstance(rd, (int, float)):
            rd = (rd,)
        try:
            rd = tuple(float(x) for x in rd)
        except (TypeError, ValueError):
            raise InputError(f"StrengthModel.recent_days must be a tuple of days, got {rd!r}"
                             ) from None
        if not 1 <= len(rd) <= 4 or not all(0 < x <= 36500 for x in rd):
            raise InputError(f"StrengthModel.recent_days must be 1 to 4 numbers of days in "
                             f"(0, 36500], got {rd!r}", hint="the default is (30.0, 180.0)")
        set_(self, "recent_days", rd)
        set_(self, "coefficients", _coefficients(self.coefficients, len(rd)))
        check_ranges(self, _RANGES, owner="StrengthModel",
                     defaults={n: self._default(n) for n in _RANGES})
        if not (0 < self.secondary_threshold < self.developing_threshold
                < self.close_threshold < 1):
            raise InputError(
                "StrengthModel tier thresholds must satisfy 0 < secondary_threshold < "
                "developing_threshold < close_threshold < 1, got "
                f"{self.secondary_threshold} < {self.developing_threshold} < "
                f"{self.close_threshold}")

    @classmethod
    def _default(cls, name: str) -> Any:
        return cls.__dataclass_fields__[name].default

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in dataclasses.fields(self)))

    def with_(self, **changes: Any) -> StrengthModel:
        """Return a copy with *changes*; ``weights``/``coefficients`` dicts may be partial.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().with_(weights={"email": 0.5}).weights["meeting"]
        1.0
        """
        for key in ("weights", "coefficients"):
            if key in changes and isinstance(changes[key], Mapping):
                changes[key] = {**getattr(self, key), **changes[key]}
        if "recent_days" in changes and "coefficients" not in changes:
            n = len(tuple(np.atleast_1d(changes["recent_days"])))
            keep = {k: v for k, v in self.coefficients.items()
                    if not k.startswith("activity_") or int(k.split("_")[1]) < n}
            changes["coefficients"] = keep
        return dataclasses.replace(self, **changes)

    def with_horizon(self, days: float) -> StrengthModel:
        """A copy for another horizon, with ``recent_days`` scaled in proportion.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().with_horizon(30).recent_days
        (10.0, 60.0)
        """
        f = float(days) / self.horizon_days
        return self.with_(horizon_days=float(days),
                          recent_days=tuple(x * f for x in self.recent_days))

    @classmethod
    def fit(cls, interactions: pd.DataFrame, ties: pd.DataFrame | None = None, *,
            horizon: Any = "90D", at: Any = None, affiliations: pd.DataFrame | None = None,
            people: Any = None, prior: StrengthModel | None = None, **kwargs: Any) -> Any:
        """Learn the coefficients from interaction history (see :func:`netgraph.scoring.fit.fit_strength`).

        Returns a :class:`~netgraph.scoring.fit.FitReport` whose ``model`` is the fitted
        model.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> callable(StrengthModel.fit)
        True
        """
        from netgraph.scoring.fit import fit_strength

        return fit_strength(interactions, ties, horizon=horizon, at=at,
                            affiliations=affiliations, people=people, prior=prior, **kwargs)

    # --- derived values -------------------------------------------------------------
    def feature_names(self) -> list[str]:
        """The model's feature names, in coefficient order.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().feature_names()[:2]
        ['silence', 'activity_0']
        """
        return feature_names(len(self.recent_days))

    def coef_array(self) -> np.ndarray:
        """The coefficients in :meth:`feature_names` order, as a float64 array."""
        return np.array([self.coefficients[n] for n in self.feature_names()], "float64")

    @property
    def never_silence(self) -> float:
        """The ``silence`` feature of a tie with no contact."""
        return math.log1p(self.never_days / self.horizon_days)

    @property
    def floor(self) -> float:
        """Strength of a tie with no evidence at all (the logistic value at no evidence).

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> 0.02 < StrengthModel().floor < 0.05
        True
        """
        z = self.intercept + self.coefficients["silence"] * self.never_silence
        return 1.0 / (1.0 + math.exp(-z))

    @property
    def thresholds(self) -> tuple[float, float, float]:
        """Tier lower bounds ``(close, developing, secondary)``."""
        return (self.close_threshold, self.developing_threshold, self.secondary_threshold)

    @property
    def cadences(self) -> dict[str, float]:
        """Ping cadence in days per tier (``cold`` has none: NaN).

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().cadences["developing"]
        30.0
        """
        return {"close": float(self.close_cadence_days),
                "developing": float(self.developing_cadence_days),
                "secondary": float(self.secondary_cadence_days), "cold": float("nan")}

    def tier(self, strength: Any) -> np.ndarray:
        """Tier name per strength: close, developing, secondary or cold.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().tier([0.9, 0.4, 0.2, 0.02]).tolist()
        ['close', 'developing', 'secondary', 'cold']
        """
        s = np.asarray(strength, dtype="float64")
        return np.asarray(TIERS, dtype=object)[self.tier_codes(s)]

    def tier_codes(self, strength: Any) -> np.ndarray:
        """Tier code per strength: 0 close, 1 developing, 2 secondary, 3 cold.

        The position in :data:`TIERS` (so ``TIERS[code]`` is the name :meth:`tier` gives);
        a strength equal to a threshold is in the tier above it.

        Parameters
        ----------
        strength : array-like of float

        Returns
        -------
        numpy.ndarray of int64

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().tier_codes([0.9, 0.6, 0.3, 0.1, 0.02]).tolist()
        [0, 0, 1, 2, 3]
        """
        s = np.asarray(strength, dtype="float64")
        return 3 - np.searchsorted(np.array(self.thresholds[::-1]), s, side="right")


def tier_column(model: StrengthModel, strength: Any) -> pd.Categorical:
    """The tiers of *strength* as a categorical over :data:`TIERS` (a ``tier`` column).

    Examples
    --------
    >>> from netgraph.scoring import StrengthModel
    >>> from netgraph.scoring.model import tier_column
    >>> list(tier_column(StrengthModel(), [0.7, 0.05]))
    ['close', 'cold']
    """
    return pd.Categorical.from_codes(model.tier_codes(strength), categories=list(TIERS))
