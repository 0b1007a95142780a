"""The strength model's parameters: :class:`StrengthModel`, its channel values and tiers.

Everything here is model-only (no tables): the parameters with their defaults and allowed
ranges (checked by :func:`netgraph._params.check_ranges`), the tier rule and the per-channel
tables the scoring kernel reads (:meth:`StrengthModel.group_table`,
:meth:`StrengthModel.decay_rates`). How the parameters combine into a strength is described
in :mod:`netgraph.scoring`.

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

__all__ = ["TIERS", "ChannelValues", "StrengthModel", "tier_column"]

#: Tier names, warmest first (see :meth:`StrengthModel.tier`).
TIERS: tuple[str, ...] = ("close", "developing", "secondary", "cold")

_LN2 = math.log(2.0)

_DEFAULT_WEIGHTS = {"meeting": 1.0, "call": 0.7, "message": 0.4, "email": 0.3,
                    "linkedin": 0.1, "other": 0.1,
                    # a written recommendation: someone vouches for your work, like a meeting
                    "recommendation": 1.0,
                    # a skill endorsement: one click, weak evidence
                    "endorsement": 0.1,
                    # a connection request: a deliberate reach-out, often with a note
                    "invitation": 0.25}
_DEFAULT_HALF_LIVES = {"meeting": 180.0, "call": 120.0, "message": 90.0, "email": 90.0,
                       "linkedin": 60.0, "other": 60.0,
                       # working together is remembered long
                       "recommendation": 365.0,
                       "endorsement": 60.0,
                       "invitation": 90.0}


class ChannelValues(dict):
    """A read-only ``channel -> float`` dict over :data:`~netgraph.data.schema.CHANNELS`.

    A ``dict`` (so :func:`dataclasses.asdict` and ``json`` handle it) that refuses
    changes, keeping :class:`StrengthModel` immutable and hashable.

    Examples
    --------
    >>> from netgraph.scoring import ChannelValues
    >>> from netgraph.data.schema import CHANNELS
    >>> v = ChannelValues(dict.fromkeys(CHANNELS, 0.1) | {"meeting": 1.0, "call": 0.5})
    >>> v["call"], list(v)[:2]
    (0.5, ['meeting', 'call'])
    >>> v["call"] = 1.0
    Traceback (most recent call last):
    ...
    TypeError: StrengthModel channel values are read-only; use StrengthModel.with_(...)
    """

    __slots__ = ()

    def __init__(self, values: Mapping[str, float] | Iterable[tuple[str, float]] = ()) -> None:
        given = dict(values)
        super().__init__((c, float(given[c])) for c in CHANNELS)

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("StrengthModel channel values are read-only; "
                        "use StrengthModel.with_(...)")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _readonly
    __ior__ = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (ChannelValues, (dict(self),))

    def __copy__(self) -> ChannelValues:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ChannelValues:
        return self

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
    unknown = sorted(set(given) - set(CHANNELS))
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


# the interval each scalar parameter must lie in
_RANGES = {
    "new_tie_half_life_fraction": Range(0, 1),
    "maturity_days": Range(0, 36500),
    "evidence_scale": Range(0, 1000),
    "one_way_weight": Range(0, 1, True),
    "group_exponent": Range(0, 5, True),
    "max_participants": Range(3, 15, True, whole=True),
    "floor": Range(0, 0.5, False, False),
    "ceiling": Range(0.5, 1, False, False),
    "age_weight": Range(0, 1, True, False),
    "age_scale_days": Range(0, 36500),
    "tenure_weight": Range(0, 1, True, False),
    "tenure_scale_days": Range(0, 36500),
    "tenure_half_life_days": Range(0, 36500),
    "tenure_unknown_days": Range(0, 36500, True),
    "override_half_life_days": Range(0, 36500),
    "cooling_gap_multiple": Range(1, 1000, True),
    "cooling_multiplier": Range(0, 1, True),
    "cooling_min_gaps": Range(1, 1000, True, whole=True),
    "session_gap_days": Range(0, 365, True),
    "session_repeat_weight": Range(0, 1, True),
    "close_threshold": Range(0, 1, False, False),
    "developing_threshold": Range(0, 1, False, False),
    "secondary_threshold": Range(0, 1, False, False),
    "close_cadence_days": Range(0, 3650),
    "developing_cadence_days": Range(0, 3650),
    "secondary_cadence_days": Range(0, 3650),
}


@dataclass(frozen=True)
class StrengthModel:
    """Parameters of the relationship-strength model (immutable; every one has a default).

    Change parameters with :meth:`with_` (or :func:`dataclasses.replace`); a partial
    ``weights`` or ``half_lives`` dict is merged with the defaults. Invalid values raise
    :class:`~netgraph.InputError` naming the parameter and its allowed range.

    Parameters
    ----------
    weights : dict of str to float, default meeting 1.0, call 0.7, message 0.4, email 0.3, linkedin 0.1, other 0.1, recommendation 1.0, endorsement 0.1, invitation 0.25
        Evidence one contact adds, relative to a one-to-one meeting, per channel; range
        ``[0, 1]``. The order meeting > call > message > e-mail > LinkedIn is the
        "depth of channel" that the strength scores of Affinity, Village and Nudge use
        (field notes); ``other`` (an unknown channel) counts little. A LinkedIn
        ``recommendation`` (written or received) is evidence of a working relationship
        and counts like a meeting; an ``endorsement`` is one click and counts little; an
        ``invitation`` (a connection request, often with a note) is a deliberate
        reach-out, between an e-mail and a LinkedIn interaction.
    half_lives : dict of str to float, default meeting 180, call 120, message 90, email 90, linkedin 60, other 60, recommendation 365, endorsement 60, invitation 90
        Days after which a contact's evidence has halved, per channel; range
        ``(0, 36500]``. The tie-decay model ``exp(-ln 2 x t / half_life)``; deeper
        contacts are remembered longer, and with these values a single contact fades
        within about a year (Burt: most bridges decay within a year). Checked on real
        data by ``benchmarks/eval_strength.py``.
    new_tie_half_life_fraction : float, default 0.02
        The half-lives above are for a mature relationship; a new one's contacts fade
        faster ("long relationships weaken slowly; new ones that stop weaken fast",
        field notes). The effective half-life is ``half_life x (f + (1 - f)(1 -
        exp(-span / maturity_days)))`` where *span* runs from when the two met
        (``min(since, first contact)``) to their last contact, as of the evaluation date,
        and *f* is this fraction; range ``(0, 1]`` (1 turns the adaptation off). So with
        no connection date a single meeting fades with a half-life of about 4 days, and
        a relationship of a year (or a connection a year old) with about 115 days.
        Chosen on the "tune" half of the CollegeMsg pairs in
        ``benchmarks/eval_strength.py`` (0.02 did best of 0.01 / 0.02 / 0.03 / 0.05 / 0.1
        there; with 1, i.e. no adaptation, the model loses to recency) and checked on the
        held-out half.
    maturity_days : float, default 365
        Contact span that makes a relationship ``1 - 1/e`` mature (a year: Burt's
        "most bridges decay within a year" is about ties that did not last that long);
        range ``(0, 36500]``.
    evidence_scale : float, default 2.0
        Saturation: ``interaction = 1 - exp(-evidence / evidence_scale)``; range
        ``(0, 1000]``. With 2.0, two recent meetings (or about five recent two-way
        messages) make a close tie (0.6); many contacts never exceed 1.
    one_way_weight : float, default 0.25
        Share of one-way contact that counts, range ``[0, 1]``: the reciprocity multiplier
        goes from this (all contact one way) to 1 (an even exchange). Affinity and
        Village count two-way exchange; one-way contact "counts for little"; Raeder et
        al. (2011) found reciprocity predicts whether a tie survives.
    group_exponent : float, default 1.0
        A thread or meeting of ``p`` people counts ``(p - 1) ** -group_exponent`` of a
        one-to-one contact; range ``[0, 5]``.
    max_participants : int, default 5
        Threads or meetings of this many people or more count nothing (4Degrees and
        Connect The Dots ignore threads of five or more); range ``[3, 15]``.
    floor : float, default 0.02
        Strength of any existing tie with no other evidence (a LinkedIn connection never
        contacted "reads as cold"); range ``(0, 0.5)``. Must be > 0 so that a tie always
        has a finite path cost ``-log(strength)``.
    ceiling : float, default 0.99
        Highest strength (nobody acts with certainty); range ``(0.5, 1)``.
    age_weight : float, default 0.05
        Largest age component, range ``[0, 1)``: a tie's age gives a small floor (tie
        age predicts whether a tie survives, Raeder et al. 2011), kept below the cold
        threshold with the floor so that "a LinkedIn connection never e-mailed in years
        reads as cold" (field notes).
    age_scale_days : float, default 1095
        Time since the tie was made (``since``) that gives ``1 - 1/e`` of
        ``age_weight``; three years; range ``(0, 36500]``.
    tenure_weight : float, default 0.3
        Largest shared-employer component, range ``[0, 1)``: overlapping tenure at the
        same employer is evidence of a tie, longer overlap stronger (The Swarm,
        Village; field notes). It applies only to existing ties, never creating one.
    tenure_scale_days : float, default 730
        Overlap that gives ``1 - 1/e`` of ``tenure_weight`` (two years); range
        ``(0, 36500]``.
    tenure_half_life_days : float, default 730
        Half-life of the tenure component after the overlap ends; range ``(0, 36500]``.
    tenure_unknown_days : float, default 180
        Length assumed for a stint whose start (or, when not current, end) is unknown;
        range ``[0, 36500]``.
    override_half_life_days : float, default 180
        Half-life of a strength set by hand ("decays like any other evidence": the
        half-life of a meeting); range ``(0, 36500]``.
    cooling_gap_multiple : float, default 8.0
        A tie is *cooling* once its silence exceeds this many times its usual gap
        between contacts (Navarro et al. 2017: a tie is likely dead after a silence of
        about 8x its usual gap); range ``[1, 1000]``.
    cooling_multiplier : float, default 0.5
        Factor on the interaction component while cooling; range ``[0, 1]``.
    cooling_min_gaps : int, default 2
        Gaps needed before a tie has a "usual gap" and can be cooling; range
        ``[1, 1000]``.
    session_gap_days : float, default 1.0
        Contacts closer than this to the pair's previous contact continue one
        conversation: they count ``session_repeat_weight`` of a contact and their gaps
        are left out of the usual gap; range ``[0, 365]``.
    session_repeat_weight : float, default 0.1
        Evidence of a contact that continues a conversation (fifty chat lines in an
        evening are one conversation, not fifty meetings); range ``[0, 1]``. Chosen with
        ``new_tie_half_life_fraction`` on the "tune" half of the CollegeMsg pairs (best of
        1 / 0.3 / 0.1) and checked on the held-out half (``benchmarks/eval_strength.py``).
    close_threshold, developing_threshold, secondary_threshold : float, default 0.6, 0.3, 0.1
        Tier lower bounds (``close``, ``developing``, ``secondary``; below the last,
        ``cold``); strictly decreasing within ``(floor, ceiling)``. Three warm layers
        as in Dunbar's nested layers (about 5 / 15 / 50 / 150 people).
    close_cadence_days, developing_cadence_days, secondary_cadence_days : float, default 14, 30, 120
        How often to ping a tie of that tier (days): Ferrazzi ("pinging") - developing
        relationships about monthly, secondary ones two or three times a year; close
        ones fortnightly. Range ``(0, 3650]``.

    Examples
    --------
    >>> from netgraph.scoring import StrengthModel
    >>> m = StrengthModel()
    >>> m.half_lives["meeting"], m.tier([0.7, 0.05]).tolist()
    (180.0, ['close', 'cold'])
    >>> m.with_(half_lives={"email": 60}).half_lives["email"]
    60.0
    >>> StrengthModel(floor=0)
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: StrengthModel.floor must be in (0, 0.5), got 0. ...
    """

    weights: Mapping[str, float] = field(default_factory=lambda: ChannelValues(_DEFAULT_WEIGHTS))
    half_lives: Mapping[str, float] = field(
        default_factory=lambda: ChannelValues(_DEFAULT_HALF_LIVES))
    new_tie_half_life_fraction: float = 0.02
    maturity_days: float = 365.0
    evidence_scale: float = 2.0
    one_way_weight: float = 0.25
    group_exponent: float = 1.0
    max_participants: int = 5
    floor: float = 0.02
    ceiling: float = 0.99
    age_weight: float = 0.05
    age_scale_days: float = 1095.0
    tenure_weight: float = 0.3
    tenure_scale_days: float = 730.0
    tenure_half_life_days: float = 730.0
    tenure_unknown_days: float = 180.0
    override_half_life_days: float = 180.0
    cooling_gap_multiple: float = 8.0
    cooling_multiplier: float = 0.5
    cooling_min_gaps: int = 2
    session_gap_days: float = 1.0
    session_repeat_weight: float = 0.1
    close_threshold: float = 0.6
    developing_threshold: float = 0.3
    secondary_threshold: float = 0.1
    close_cadence_days: float = 14.0
    developing_cadence_days: float = 30.0
    secondary_cadence_days: float = 120.0


    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "weights", _channel_values("weights", self.weights, _DEFAULT_WEIGHTS))
        set_(self, "half_lives",
             _channel_values("half_lives", self.half_lives, _DEFAULT_HALF_LIVES))
        for c, v in self.weights.items():
            if not (0.0 <= v <= 1.0):  # also catches NaN
                raise InputError(f"StrengthModel.weights[{c!r}] must be in [0, 1], got {v!r}",
                                 hint="weights are relative to one one-to-one meeting (1.0)")
        for c, v in self.half_lives.items():
            if not (0.0 < v <= 36500.0):
                raise InputError(
                    f"StrengthModel.half_lives[{c!r}] must be in (0, 36500] days, got {v!r}")
        check_ranges(self, _RANGES, owner="StrengthModel",
                      defaults={n: self._default(n) for n in _RANGES})
        if not (self.floor < self.secondary_threshold < self.developing_threshold
                < self.close_threshold < self.ceiling):
            raise InputError(
                "StrengthModel tier thresholds must satisfy floor < secondary_threshold < "
                "developing_threshold < close_threshold < ceiling, got "
                f"{self.floor} < {self.secondary_threshold} < {self.developing_threshold} < "
                f"{self.close_threshold} < {self.ceiling}")

    @classmethod
    def _default(cls, name: str) -> Any:
        return cls.__dataclass_fields__[name].default

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in dataclasses.fields(self)))

    def with_(self, **changes: Any) -> StrengthModel:
        """Return a copy with *changes*; ``weights``/``half_lives`` dicts may be partial.

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().with_(weights={"email": 0.5}).weights["meeting"]
        1.0
        """
        for key in ("weights", "half_lives"):
            if key in changes and isinstance(changes[key], Mapping):
                changes[key] = {**getattr(self, key), **changes[key]}
        return dataclasses.replace(self, **changes)

    # --- derived values -------------------------------------------------------------
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

    def group_table(self) -> np.ndarray:
        """Factor on a contact's evidence per participants bucket 0..15.

        A thread or meeting of ``p`` people counts ``(p - 1) ** -group_exponent``; from
        ``max_participants`` people on it counts nothing (buckets below 2 are never used).

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> StrengthModel().group_table()[2:7].round(3).tolist()
        [1.0, 0.5, 0.333, 0.0, 0.0]
        """
        p = np.arange(16, dtype="float64")
        g = np.power(np.maximum(p - 1.0, 1.0), -float(self.group_exponent))
        g[p >= self.max_participants] = 0.0
        return g

    def decay_rates(self) -> np.ndarray:
        """Evidence decay rate per channel, ``ln 2 / half_life`` (per day), in
        :data:`~netgraph.data.schema.CHANNELS` order (for a mature relationship).

        Examples
        --------
        >>> from netgraph.scoring import StrengthModel
        >>> float(StrengthModel(half_lives={"meeting": 10}).decay_rates()[0].round(4))
        0.0693
        """
        return _LN2 / self.half_lives.array()


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
