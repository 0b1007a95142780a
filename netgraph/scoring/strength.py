"""Relationship strength over time: the :class:`StrengthModel` and pure, vectorised scoring.

A tie's strength in ``(0, 1)`` is read as *the chance that this person will act on a
request along the tie* (the warm-path search uses ``cost = -log(strength)``), so every
existing tie scores at least :attr:`StrengthModel.floor` and at most
:attr:`StrengthModel.ceiling`.

How a strength is made
----------------------
Five components, each in ``[0, 1)``, are combined as independent reasons for the person
to act (a "noisy OR")::

    strength = 1 - (1 - floor) (1 - interaction) (1 - age) (1 - tenure) (1 - override)

clipped to ``[floor, ceiling]``. Each component's *share* of a strength (used by
:func:`explain`) is its ``-log(1 - component)`` over the sum of them.

interaction
    Every contact adds evidence ``weight[channel] x group(participants)`` that decays as
    ``exp(-ln 2 x age / half_life)`` (the tie-decay model). The half-life is the
    channel's for a mature relationship and shorter for a young one (see
    ``new_tie_half_life_fraction``); a contact within ``session_gap_days`` of the
    pair's previous one continues the same conversation and counts
    ``session_repeat_weight`` of a contact. Evidence is summed
    per direction: ``E = E_undirected + m x (E_a->b + E_b->a)`` where the reciprocity
    multiplier ``m = one_way_weight + (1 - one_way_weight) x balance`` and
    ``balance = 2 min(E_a->b, E_b->a) / (E_a->b + E_b->a)`` (1 for an even exchange,
    0 for one-way). It saturates: ``interaction = 1 - exp(-E / evidence_scale)``, times
    ``cooling_multiplier`` while the tie is *cooling* (silent for more than
    ``cooling_gap_multiple`` times its usual gap between contacts).
age
    A small floor that grows with how long the two have been connected (``since``,
    e.g. the LinkedIn connection date): at most ``age_weight``, so a connection never
    contacted still reads cold. (That long relationships weaken slowly is carried by
    the interaction half-lives, which lengthen as a relationship matures.)
tenure
    Overlap of the two people's stints at the same employer (``company_id``): longer
    overlap is stronger; after the overlap ends it decays with ``tenure_half_life_days``.
override
    A strength set by hand at a date (the ``overrides`` table) is the user's judgment of
    everything known then: it replaces the interaction evidence before that date and the
    age and tenure components, and then decays with ``override_half_life_days``; later
    contacts add to it as usual.

Two stages, for speed
---------------------
:func:`prepare` turns the canonical tables into compact arrays (interactions matched
to tie rows by a hash of their unordered pair of person codes, sorted by tie then time
with one packed ``int64`` sort; about 26 bytes per interaction) and is cached by the
:class:`~netgraph.Network` until the tables change. :func:`score` evaluates every tie
at a date from them with ``numpy.bincount`` (no per-row Python).
:func:`strength_history` and :func:`pair_strength` evaluate one tie at many dates (or
one) from that tie's slice of the same arrays, with the same formulas (the test suite
checks that they agree with :func:`score` to 1e-12).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.strength import StrengthModel, prepare, score
>>> ids = ["in:ada", "in:grace"]
>>> ties = schema.conform(pd.DataFrame({"a": ["in:ada"], "b": ["in:grace"],
...                                     "since": ["2023-06-01"]}), "ties", ids)
>>> inter = schema.conform(pd.DataFrame({
...     "person_id": ["in:grace"] * 3, "other_id": ["in:ada"] * 3,
...     "timestamp": ["2026-01-05", "2026-02-02", "2026-03-02"],
...     "channel": ["meeting", "call", "message"], "direction": ["", "out", "in"]}),
...     "interactions", ids)
>>> prep = prepare(ties, inter)
>>> row = score(prep, StrengthModel(), at="2026-03-10").iloc[0]
>>> float(round(row.strength, 2)), row.tier, int(row.n_meeting), int(row.n_in), int(row.n_out)
(0.57, 'developing', 1, 1, 1)
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from netgraph._params import Range, check_ranges
from netgraph._time import NS_PER_DAY as _NS_PER_DAY
from netgraph._time import as_utc, datetimes_from_days, days_of, ns_of, span_word, to_days
from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError, NotFoundError

__all__ = [
    "TIERS",
    "Prepared",
    "StrengthExplanation",
    "StrengthModel",
    "explain",
    "find_tie",
    "pair_history",
    "pair_strength",
    "prepare",
    "score",
    "strength_history",
    "tie_strengths",
    "to_days",
]

#: Tier names, warmest first (see :meth:`StrengthModel.tier`).
TIERS: tuple[str, ...] = ("close", "developing", "secondary", "cold")

_LN2 = math.log(2.0)
_NCH = len(CHANNELS)

_DEFAULT_WEIGHTS = {"meeting": 1.0, "call": 0.7, "message": 0.4, "email": 0.3,
                    "linkedin": 0.1, "other": 0.1}
_DEFAULT_HALF_LIVES = {"meeting": 180.0, "call": 120.0, "message": 90.0, "email": 90.0,
                       "linkedin": 60.0, "other": 60.0}


class ChannelValues(dict):
    """A read-only ``channel -> float`` dict over :data:`~netgraph.data.schema.CHANNELS`.

    A ``dict`` (so :func:`dataclasses.asdict` and ``json`` handle it) that refuses
    changes, keeping :class:`StrengthModel` immutable and hashable.

    Examples
    --------
    >>> from netgraph.scoring.strength import ChannelValues
    >>> v = ChannelValues({"meeting": 1.0, "call": 0.5, "message": 0.4, "email": 0.3,
    ...                    "linkedin": 0.1, "other": 0.1})
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
    weights : dict of str to float, default meeting 1.0, call 0.7, message 0.4, email 0.3, linkedin 0.1, other 0.1
        Evidence one contact adds, relative to a one-to-one meeting, per channel; range
        ``[0, 1]``. The order meeting > call > message > e-mail > LinkedIn is the
        "depth of channel" that the strength scores of Affinity, Village and Nudge use
        (field notes); ``other`` (an unknown channel) counts little.
    half_lives : dict of str to float, default meeting 180, call 120, message 90, email 90, linkedin 60, other 60
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
    >>> from netgraph.scoring.strength import StrengthModel
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
        >>> from netgraph.scoring.strength import StrengthModel
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
        >>> from netgraph.scoring.strength import StrengthModel
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
        >>> from netgraph.scoring.strength import StrengthModel
        >>> StrengthModel().tier([0.9, 0.4, 0.2, 0.02]).tolist()
        ['close', 'developing', 'secondary', 'cold']
        """
        s = np.asarray(strength, dtype="float64")
        return np.asarray(TIERS, dtype=object)[self._tier_codes(s)]

    def _tier_codes(self, s: np.ndarray) -> np.ndarray:
        # 0 close .. 3 cold
        return 3 - np.searchsorted(np.array(self.thresholds[::-1]), s, side="right")

    def _group_table(self) -> np.ndarray:
        """Factor per participants bucket 0..15 (buckets < 2 are never used)."""
        p = np.arange(16, dtype="float64")
        g = np.power(np.maximum(p - 1.0, 1.0), -float(self.group_exponent))
        g[p >= self.max_participants] = 0.0
        return g


# ---------------------------------------------------------------------------------------
# time helpers

def _at(when: Any) -> pd.Timestamp:
    return as_utc(when, default="now", name="at")


_T_SHIFT = 9  # low 9 bits of a packed event: channel (3) | direction (2) | participants (4)
_INT64_MIN = np.iinfo("int64").min


@dataclass(frozen=True, eq=False)
class Prepared:
    """Compact, model-independent arrays for scoring (made by :func:`prepare`).

    Interactions are kept as parallel arrays sorted by tie row, then time (about 26
    bytes per interaction); per-tie arrays are in ties-table order.

    Attributes
    ----------
    person_ids : pandas.Index
        The people (categories of the person-id columns); codes index into it.
    a, b : numpy.ndarray of int64
        Person codes of each tie row.
    since : numpy.ndarray of float64
        Days since the epoch when each tie was made (NaN unknown).
    t : numpy.ndarray of float64
        Each usable interaction's time, in days since the epoch (to the second).
    row : numpy.ndarray of int64
        Its tie row.
    kind : numpy.ndarray of int16
        ``channel << 6 | direction << 4 | participants`` (channel: position in
        :data:`~netgraph.data.schema.CHANNELS`; direction 0: *a* reached out to *b*, 1: *b*
        to *a*, 2: unknown; participants clipped to 2..15).
    gap : numpy.ndarray of float64
        Days since the same tie's previous interaction (NaN for its first).
    offsets : numpy.ndarray of int64
        ``t[offsets[i]:offsets[i + 1]]`` are tie row *i*'s interactions.
    n_channel, n_direction : numpy.ndarray of int64
        Interactions per tie and channel (n_ties x 6) and direction (n_ties x 3).
    t_max : float
        Time of the last interaction (scores at later dates need no masking).
    overlaps : pandas.DataFrame
        Pairs of job stints of a tie's two people at the same company: row,
        company_id, start_a, end_a, current_a, start_b, end_b, current_b (days), sorted
        by row.
    overrides : pandas.DataFrame
        Hand-set strengths: row, time (days), strength, sorted by row then time.
    skipped : dict of str to int
        Interactions left out of scoring, by reason (the importer reports them with
        line numbers; scoring never crashes on them).
    """

    person_ids: pd.Index
    a: np.ndarray
    b: np.ndarray
    since: np.ndarray
    t: np.ndarray
    row: np.ndarray
    kind: np.ndarray
    gap: np.ndarray
    offsets: np.ndarray
    n_channel: np.ndarray
    n_direction: np.ndarray
    t_max: float
    overlaps: pd.DataFrame
    overrides: pd.DataFrame
    skipped: dict[str, int]
    _tie_keys: np.ndarray = field(repr=False)
    _tie_order: np.ndarray = field(repr=False)
    _ov: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    _or: dict[str, np.ndarray] = field(repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        ov, orr = self.overlaps, self.overrides
        cols = ("row", "company_id", "start_a", "end_a", "current_a", "start_b", "end_b",
                "current_b")
        arrays = {c: ov[c].to_numpy() for c in cols}
        arrays["offsets"] = _offsets(arrays["row"], self.n_ties)
        object.__setattr__(self, "_ov", arrays)
        o = {c: orr[c].to_numpy() for c in ("row", "time", "strength")}
        o["offsets"] = _offsets(o["row"], self.n_ties)
        object.__setattr__(self, "_or", o)

    @property
    def n_ties(self) -> int:
        """Number of tie rows."""
        return len(self.a)

    @property
    def n_events(self) -> int:
        """Number of usable interactions."""
        return len(self.t)

    def __repr__(self) -> str:
        return (f"Prepared({self.n_ties} ties, {self.n_events} interactions, "
                f"{len(self.overlaps)} shared stints, {len(self.overrides)} overrides)")


def _offsets(row: np.ndarray, n: int) -> np.ndarray:
    """Block starts of a row-sorted array (length n + 1)."""
    off = np.zeros(n + 1, "int64")
    if len(row):
        np.cumsum(np.bincount(row.astype("int64"), minlength=n), out=off[1:])
    return off


def _person_codes(col: pd.Series, ids: pd.Index) -> np.ndarray:
    """int64 codes of a person-id column in *ids* (-1 for missing/unknown)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy().astype("int64")
        cats = col.cat.categories
        if cats is ids or cats.equals(ids):
            return codes
        remap = ids.get_indexer(cats).astype("int64")
        return np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
    vals = col.astype("object").where(col.notna(), None)
    return ids.get_indexer(vals).astype("int64")


def _ids_of(ties: pd.DataFrame, people: Sequence[str] | pd.Index | None) -> pd.Index:
    if people is not None:
        return pd.Index(people, dtype="object")
    col = ties.get("a", None)
    if col is not None and isinstance(col.dtype, pd.CategoricalDtype):
        return pd.Index(col.cat.categories, dtype="object")
    found = pd.concat([ties["a"].astype("object"), ties["b"].astype("object")]).dropna()
    return pd.Index(sorted(set(found)), dtype="object")


def _tie_rows(sorted_keys: np.ndarray, order: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Tie row of each pair key (-1 when the pair is not a tie): a hash lookup."""
    if not len(sorted_keys):
        return np.full(len(key), -1, "int64")
    uniq = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    index = pd.Index(sorted_keys[uniq])
    pos = index.get_indexer(key)
    return np.where(pos >= 0, order[uniq][np.maximum(pos, 0)], -1)


def prepare(ties: pd.DataFrame, interactions: pd.DataFrame | None = None,
            affiliations: pd.DataFrame | None = None, overrides: pd.DataFrame | None = None,
            *, people: Sequence[str] | pd.Index | None = None) -> Prepared:
    """Turn the canonical tables into the compact arrays that :func:`score` reads.

    Model-independent: prepare once per version of the tables, score at any date with any
    :class:`StrengthModel`. Interactions are matched to tie rows by their unordered pair
    of people; rows with a missing person or timestamp, a person talking to themself, or
    a pair that is not a tie are left out and counted in :attr:`Prepared.skipped`.

    Parameters
    ----------
    ties : pandas.DataFrame
        The ``ties`` table (a, b, since, ...): one output row per tie row, in order.
    interactions, affiliations, overrides : pandas.DataFrame, optional
        The canonical tables of those names (see :mod:`netgraph.data.schema`).
    people : sequence of str, optional
        ``people.person_id``; default: the categories of ``ties.a``.

    Returns
    -------
    Prepared

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare
    >>> ids = ["in:a", "in:b", "in:c"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b", "in:c"],
    ...     "other_id": ["in:a", "in:a"], "timestamp": ["2026-01-01", "2026-01-02"]}),
    ...     "interactions", ids)
    >>> prep = prepare(ties, inter)
    >>> prep.n_events, prep.skipped
    (1, {'not a tie': 1})
    """
    for col in ("a", "b"):
        if col not in ties:
            raise InputError(f"the ties table has no {col!r} column",
                             expected="the canonical ties table (a, b, since, ...)")
    ids = _ids_of(ties, people)
    n_people = len(ids)
    ta = _person_codes(ties["a"], ids)
    tb = _person_codes(ties["b"], ids)
    if (ta < 0).any() or (tb < 0).any():
        bad = int(np.flatnonzero((ta < 0) | (tb < 0))[0])
        raise InputError(f"tie row {bad} names a person who is not in the network",
                         expected="ties between people of the people table")
    n_ties = len(ta)
    since = days_of(ties["since"]) if "since" in ties else np.full(n_ties, np.nan)
    tie_key = np.minimum(ta, tb) * n_people + np.maximum(ta, tb)
    order = np.argsort(tie_key, kind="stable")
    sorted_keys = tie_key[order]

    skipped: dict[str, int] = {}
    keys = np.zeros(0, dtype="int64")
    origin, tick, row_shift = 0.0, 1.0 / 86_400, 63
    if interactions is not None and len(interactions):
        p = _person_codes(interactions["person_id"], ids)
        o = _person_codes(interactions["other_id"], ids)
        ns = ns_of(interactions["timestamp"])
        bad_person = (p < 0) | (o < 0)
        self_ = (p == o) & ~bad_person
        no_time = (ns == _INT64_MIN) & ~bad_person & ~self_
        ekey = np.minimum(p, o)
        ekey *= n_people
        ekey += np.maximum(p, o)
        row = _tie_rows(sorted_keys, order, ekey)
        del ekey
        ok = ~(bad_person | self_ | no_time)
        not_tie = ok & (row < 0)
        for reason, mask in (("unknown person", bad_person), ("self-interaction", self_),
                             ("missing timestamp", no_time), ("not a tie", not_tie)):
            cnt = int(mask.sum())
            if cnt:
                skipped[reason] = cnt
        ok &= row >= 0
        del bad_person, self_, no_time, not_tie
        sel = None if ok.all() else np.flatnonzero(ok)

        def take(x: np.ndarray) -> np.ndarray:
            return x if sel is None else x[sel]

        row = take(row)
        # channel code (unknown -> other), direction relative to the tie's a
        ch_col = interactions["channel"]
        if isinstance(ch_col.dtype, pd.CategoricalDtype) and list(
                ch_col.cat.categories) == list(CHANNELS):
            ch = ch_col.cat.codes.to_numpy()
        else:
            ch = pd.Index(CHANNELS).get_indexer(ch_col.astype("object"))
        ch = take(ch).astype("int64")
        ch[ch < 0] = CHANNELS.index("other")
        if "direction" in interactions:
            dvals = interactions["direction"].to_numpy(dtype=object)
            d_in = take(dvals == "in")      # person reached out to other
            d_out = take(dvals == "out")    # other reached out to person
            del dvals
        else:
            d_in = d_out = np.zeros(len(row), bool)
        initiator = np.where(d_in, take(p), take(o))
        del p, o
        d = (initiator != ta[row]).astype("int64")
        d[~(d_in | d_out)] = 2
        del initiator, d_in, d_out
        if "participants" in interactions:
            part = take(interactions["participants"].to_numpy()).astype("int64")
        else:
            part = np.full(len(row), 2, "int64")
        np.clip(part, 2, 15, out=part)
        # pack (row, time, kind) into one int64 and sort once: seconds unless the span
        # does not fit in the bits left by the row count
        row_bits = max(1, int(n_ties).bit_length())
        t_bits = 63 - _T_SHIFT - row_bits
        if t_bits < 20:
            raise InputError(f"too many ties to score at once ({n_ties:,})",
                             hint="score the network in parts")
        sec = take(ns) // 10**9
        del ns
        smin = int(sec.min()) if len(sec) else 0
        span = int(sec.max()) - smin if len(sec) else 0
        tick_s = 1
        for tick_s in (1, 60, 3600, 86_400):
            if span // tick_s < 2 ** t_bits:
                break
        sec -= smin
        if tick_s > 1:
            sec //= tick_s
        origin, tick = smin / 86_400.0, tick_s / 86_400.0
        row_shift = _T_SHIFT + t_bits
        keys = row << row_shift
        keys |= sec << _T_SHIFT
        keys |= (ch << 6) | (d << 4) | part
        del row, sec, ch, d, part
        keys.sort()
    t = ((keys >> _T_SHIFT) & ((1 << (row_shift - _T_SHIFT)) - 1)) * tick
    t += origin
    row = keys >> row_shift
    kind = (keys & 511).astype("int16")
    del keys
    offsets = _offsets(row, n_ties)
    gap = np.empty(len(t))
    if len(t):
        np.subtract(t[1:], t[:-1], out=gap[1:])
        gap[offsets[:-1][np.diff(offsets) > 0]] = np.nan
    ch = (kind >> 6).astype("int64")
    n_channel = np.bincount(row * 6 + ch, minlength=6 * n_ties).reshape(n_ties, 6)
    n_direction = np.bincount(row * 3 + ((kind >> 4) & 3), minlength=3 * n_ties
                              ).reshape(n_ties, 3)
    ov = _prepare_overlaps(ta, tb, ids, affiliations)
    orr = _prepare_overrides(sorted_keys, order, ids, n_people, overrides)
    return Prepared(person_ids=ids, a=ta, b=tb, since=since, t=t, row=row, kind=kind,
                    gap=gap, offsets=offsets, n_channel=n_channel, n_direction=n_direction,
                    t_max=float(t.max()) if len(t) else -np.inf, overlaps=ov, overrides=orr,
                    skipped=skipped, _tie_keys=sorted_keys, _tie_order=order)


_OV_COLS = {"row": "int64", "company_id": "object", "start_a": "float64", "end_a": "float64",
            "current_a": "bool", "start_b": "float64", "end_b": "float64", "current_b": "bool"}


def _prepare_overlaps(ta: np.ndarray, tb: np.ndarray, ids: pd.Index,
                      affiliations: pd.DataFrame | None) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _OV_COLS.items()})
    if affiliations is None or not len(affiliations) or not len(ta):
        return empty
    aff = affiliations
    code = _person_codes(aff["person_id"], ids)
    comp = aff["company_id"].astype("object").fillna("").to_numpy()
    keep = (code >= 0) & (comp != "")
    if not keep.any():
        return empty
    start = days_of(aff["start"]) if "start" in aff else np.full(len(aff), np.nan)
    end = days_of(aff["end"]) if "end" in aff else np.full(len(aff), np.nan)
    cur = (aff["current"].to_numpy(dtype=bool) if "current" in aff
           else np.zeros(len(aff), bool))
    st = pd.DataFrame({"code": code[keep], "company_id": comp[keep], "start": start[keep],
                       "end": end[keep], "current": cur[keep]})
    st["cid"] = pd.factorize(st["company_id"])[0]
    # tie rows x a's stints, then b's stints at the same company
    ties = pd.DataFrame({"row": np.arange(len(ta)), "a": ta, "b": tb})
    sa = ties.merge(st, left_on="a", right_on="code")[["row", "b", "cid", "company_id",
                                                        "start", "end", "current"]]
    if not len(sa):
        return empty
    sb = st[st["code"].isin(np.unique(sa["b"]))]
    m = sa.merge(sb[["code", "cid", "start", "end", "current"]], left_on=["b", "cid"],
                 right_on=["code", "cid"], suffixes=("_a", "_b"))
    if not len(m):
        return empty
    m["_start"] = np.fmax(m["start_a"].to_numpy(), m["start_b"].to_numpy())
    m = m.sort_values(["row", "_start"], kind="stable")   # the order _union needs, mostly
    return m[list(_OV_COLS)].reset_index(drop=True).astype(_OV_COLS)


def _prepare_overrides(sorted_keys: np.ndarray, order: np.ndarray, ids: pd.Index,
                       n_people: int, overrides: pd.DataFrame | None) -> pd.DataFrame:
    empty = pd.DataFrame({"row": pd.Series([], dtype="int64"),
                          "time": pd.Series([], dtype="float64"),
                          "strength": pd.Series([], dtype="float64")})
    if overrides is None or not len(overrides) or not len(sorted_keys):
        return empty
    a = _person_codes(overrides["a"], ids)
    b = _person_codes(overrides["b"], ids)
    t = days_of(overrides["timestamp"])
    s = overrides["strength"].to_numpy(dtype="float64")
    row = _tie_rows(sorted_keys, order, np.minimum(a, b) * n_people + np.maximum(a, b))
    ok = (a >= 0) & (b >= 0) & np.isfinite(t) & np.isfinite(s) & (row >= 0)
    out = pd.DataFrame({"row": row[ok].astype("int64"), "time": t[ok],
                        "strength": np.clip(s[ok], 0.0, 1.0)})
    return out.sort_values(["row", "time"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# shared evaluation


def _gather(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices of the blocks of *rows*, the local row of each, and the local offsets."""
    starts = offsets[rows]
    lens = offsets[rows + 1] - starts
    off = np.zeros(len(rows) + 1, "int64")
    np.cumsum(lens, out=off[1:])
    idx = np.arange(int(off[-1]), dtype="int64") + np.repeat(starts - off[:-1], lens)
    local = np.repeat(np.arange(len(rows), dtype="int64"), lens)
    return idx, local, off


def _resolve_overlaps(prep: Prepared, model: StrengthModel, rows: np.ndarray | None
                      ) -> dict[str, np.ndarray]:
    """Shared tenure as intervals: row, company_id, start, end (days; inf = ongoing), open.

    ``rows`` (sorted unique tie rows) restricts and renumbers them to 0..len(rows)-1.
    ``open`` marks two current stints with unknown starts (overlap of unknown length).
    """
    ov = prep._ov
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


def _overlap_at(iv: dict[str, np.ndarray], n_rows: int, at: np.ndarray, model: StrengthModel,
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
class _State:
    """Per-row aggregates as of ``until`` (rows are ties, or times for one tie)."""

    until: np.ndarray        # (R,) days: events up to here count
    E: np.ndarray            # (R, 6 or 1, 3) decayed evidence per channel, direction
    n_ch: np.ndarray         # (R, 6) contacts per channel
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


def _evaluate(st: _State, model: StrengthModel, ahead: float | np.ndarray = 0.0
              ) -> dict[str, np.ndarray]:
    """Components and strength at ``until + ahead`` assuming no contact after ``until``."""
    at = st.until + ahead
    E = st.E
    if np.any(ahead != 0):
        lam = _LN2 / model.half_lives.array()
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


def _event_weights(model: StrengthModel, gap: np.ndarray, kind: np.ndarray,
                   wtab: np.ndarray) -> np.ndarray:
    """Evidence per contact: channel weight x thread-size factor, less for a contact that
    continues the pair's conversation (within ``session_gap_days`` of its previous one)."""
    w = wtab[kind]
    if model.session_repeat_weight < 1.0 and len(gap):
        np.multiply(w, model.session_repeat_weight, out=w,
                    where=gap < model.session_gap_days)   # NaN (first contact): False
    return w


def _kind_tables(model: StrengthModel) -> tuple[np.ndarray, np.ndarray]:
    kind = np.arange(512)
    ch = np.minimum(kind >> 6, _NCH - 1)
    w = model.weights.array()[ch] * model._group_table()[kind & 15]
    lam = (_LN2 / model.half_lives.array())[ch]
    return w, lam


@dataclass
class _Events:
    """The scored rows' interactions, sorted by row then time (row is local)."""

    t: np.ndarray
    row: np.ndarray
    kind: np.ndarray
    gap: np.ndarray
    off: np.ndarray


def _rows_events(prep: Prepared, rows: np.ndarray | None) -> _Events:
    if rows is None:
        return _Events(prep.t, prep.row, prep.kind, prep.gap, prep.offsets)
    idx, local, off = _gather(prep.offsets, rows)
    return _Events(prep.t[idx], local, prep.kind[idx], prep.gap[idx], off)


def _override_at(prep: Prepared, rows: np.ndarray | None, n_rows: int, at: float
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Latest hand-set strength (level, time) at or before *at* per row (NaN none)."""
    level = np.full(n_rows, np.nan)
    time = np.full(n_rows, np.nan)
    o = prep._or
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


def _state_at(prep: Prepared, model: StrengthModel, at: float,
              rows: np.ndarray | None = None, per_channel: bool = False
              ) -> tuple[_State, _Events]:
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
        n_ch = np.bincount(row * 6 + (kind >> 6), weights=now,
                           minlength=6 * n_rows).reshape(n_rows, 6).astype("int64")
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

    wtab, lamtab = _kind_tables(model)
    w = _event_weights(model, gap, kind, wtab)
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
        key = row * 24 + (kind >> 4)          # channel * 4 + direction
        E = np.bincount(key, weights=v, minlength=24 * n_rows).reshape(n_rows, 6, 4)
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
    iv = _resolve_overlaps(prep, model, rows)
    ov_days, ov_end = _overlap_at(iv, n_rows, np.full(n_rows, at), model)
    st = _State(until=np.full(n_rows, at), E=E, n_ch=n_ch, n_dir=n_dir, n_gaps=n_gaps,
                log_gaps=log_gaps, first=first, last=last, since=since, ov_days=ov_days,
                ov_end=ov_end, o_level=o_level, o_time=o_time, lam_mult=lam_mult)
    return st, ev


# ---------------------------------------------------------------------------------------
# public scoring


def _frame(prep: Prepared, model: StrengthModel, st: _State, comp: dict[str, np.ndarray],
           rows: np.ndarray | None) -> pd.DataFrame:
    n_rows = len(st.until)
    a_codes = prep.a if rows is None else prep.a[rows]
    b_codes = prep.b if rows is None else prep.b[rows]
    pdt = pd.CategoricalDtype(prep.person_ids, ordered=False)
    data: dict[str, Any] = {
        "a": pd.Categorical.from_codes(a_codes, dtype=pdt),
        "b": pd.Categorical.from_codes(b_codes, dtype=pdt),
        "strength": comp["strength"],
        "tier": pd.Categorical.from_codes(model._tier_codes(comp["strength"]),
                                          categories=list(TIERS)),
        "last_contact": datetimes_from_days(st.last),
    }
    for i, c in enumerate(CHANNELS):
        data[f"n_{c}"] = np.ascontiguousarray(st.n_ch[:, i])
    data["n_in"] = np.ascontiguousarray(st.n_dir[:, 1])
    data["n_out"] = np.ascontiguousarray(st.n_dir[:, 0])
    for k in ("interaction", "reciprocity", "tenure", "age", "override", "usual_gap_days",
              "silence_days", "cooling"):
        data[k] = comp[k]
    data["since"] = datetimes_from_days(st.since)
    idx = pd.RangeIndex(n_rows) if rows is None else pd.Index(rows)
    return pd.DataFrame(data, index=idx, copy=False)


def score(prep: Prepared, model: StrengthModel | None = None, at: Any = None, *,
          ties: Sequence[int] | np.ndarray | None = None, forecast: bool = False
          ) -> pd.DataFrame:
    """Strength of every tie (or the given tie rows) at a date, with its evidence.

    Vectorised over all interactions (``numpy.bincount`` per tie). Interactions
    after *at* are ignored.

    Parameters
    ----------
    prep : Prepared
        From :func:`prepare`.
    model : StrengthModel, optional
        Default ``StrengthModel()``.
    at : timestamp-like, optional
        When to evaluate (default now, UTC; naive dates are UTC).
    ties : sequence of int, optional
        Tie rows to score (positions in the ties table); default all, in order.
    forecast : bool, default False
        Also compute, assuming no further contact: ``peak`` (the highest strength the
        interaction evidence reached right after any past contact, with today's other
        components; at least today's strength), ``next_tier_on`` (when the tie drops
        out of its tier) and ``goes_cold_on`` (when it falls below
        ``secondary_threshold``); NaT when not within 10 years or already cold. A
        search over a day grid refined by bisection, vectorised over ties: meant for one
        owner's ties (:func:`netgraph.ping.ping_list`), not a million.

    Returns
    -------
    pandas.DataFrame
        One row per tie, index = tie row. Columns: ``a``, ``b`` (person ids),
        ``strength``, ``tier``, ``last_contact`` (UTC, NaT if none), ``n_meeting`` ..
        ``n_other`` (contacts up to *at*), ``n_out`` (contacts *a* initiated with *b*),
        ``n_in`` (contacts *b* initiated with *a*), the components ``interaction``,
        ``reciprocity`` (balance of the directed evidence, 1 = even exchange, NaN when
        no directed contact), ``tenure``, ``age``, ``override``, ``usual_gap_days``
        (geometric mean of gaps of at least ``session_gap_days``), ``silence_days``,
        ``cooling`` (bool), ``since``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare, score
    >>> ids = ["in:a", "in:b", "in:c"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a", "in:a"], "b": ["in:b", "in:c"]}),
    ...                       "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2,
    ...     "other_id": ["in:a"] * 2, "timestamp": ["2026-01-01", "2026-01-08"],
    ...     "channel": ["email", "email"], "direction": ["in", "out"]}), "interactions", ids)
    >>> out = score(prepare(ties, inter), at="2026-01-10")
    >>> print(out[["b", "n_email", "n_in", "n_out", "strength"]].round(3))
          b  n_email  n_in  n_out  strength
    0  in:b        2     1      1     0.085
    1  in:c        0     0      0     0.020
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
    st, ev = _state_at(prep, model, at_days, rows_u, per_channel=forecast)
    comp = _evaluate(st, model)
    out = _frame(prep, model, st, comp, rows_u)
    if forecast:
        peak = _peak(model, st, ev, at_days)
        out["peak"] = np.maximum(peak, comp["strength"])
        nxt, cold = _drop_dates(st, model, comp["strength"])
        out["next_tier_on"] = datetimes_from_days(nxt)
        out["goes_cold_on"] = datetimes_from_days(cold)
    if ties is not None:
        out = out.loc[np.asarray(ties, dtype="int64").ravel()]
    return out


def tie_strengths(ties: pd.DataFrame, interactions: pd.DataFrame | None = None,
                  affiliations: pd.DataFrame | None = None,
                  overrides: pd.DataFrame | None = None, *, model: StrengthModel | None = None,
                  at: Any = None) -> pd.DataFrame:
    """Strength of every tie at *at*: :func:`prepare` then :func:`score` in one call.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import tie_strengths
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> float(tie_strengths(ties).strength[0])
    0.02
    """
    return score(prepare(ties, interactions, affiliations, overrides), model, at)


def _peak(model: StrengthModel, st: _State, ev: _Events, at: float) -> np.ndarray:
    """Highest strength reached right after any past contact (other components as today).

    The decayed evidence right after each contact is a running sum, done per channel and
    direction with ``logaddexp.accumulate``; ties are laid far apart in time so that the
    sums restart per tie without a Python loop.
    """
    n_rows = len(st.until)
    t, row, kind = ev.t, ev.row, ev.kind
    wtab, _ = _kind_tables(model)
    w = _event_weights(model, ev.gap, kind, wtab)
    keep = t <= at
    if np.isfinite(st.o_time).any():
        keep &= ~(t <= st.o_time[row])
    t, row, kind, w = t[keep], row[keep], kind[keep], w[keep]
    best = np.zeros(n_rows)
    if not len(t):
        return best
    lam = _LN2 / model.half_lives.array()
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
    comp = _evaluate(st, model)
    rest = (1.0 - best) * (1.0 - comp["age"]) * (1.0 - comp["tenure"]) * (1.0 - comp["override"])
    return np.clip(model.floor + (1.0 - model.floor) * (1.0 - rest), model.floor, model.ceiling)


_AHEAD = np.unique(np.r_[0.0, np.geomspace(1.0, 3650.0, 100)])  # days ahead, ~10 % steps


def _take(st: _State, idx: np.ndarray) -> _State:
    return _State(**{f.name: getattr(st, f.name)[idx] for f in dataclasses.fields(st)})


def _drop_dates(st: _State, model: StrengthModel, strength: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Dates (days) when, with no new contact, each tie leaves its tier / goes cold.

    A search over a geometric grid of days ahead (vectorised over ties; ties drop out of
    the search once both dates are found), then bisection inside the bracketing step.
    """
    n_rows = len(st.until)
    code = model._tier_codes(strength)
    thr = np.stack([np.array([*model.thresholds, np.nan])[code],
                    np.where(code < 3, model.secondary_threshold, np.nan)], axis=1)
    first_below = np.full((n_rows, 2), -1)
    todo = np.isfinite(thr)
    rows = np.flatnonzero(todo.any(axis=1))
    sub = _take(st, rows)
    for i, d in enumerate(_AHEAD[1:], start=1):
        if not len(rows):
            break
        s = _evaluate(sub, model, ahead=float(d))["strength"]
        hit = todo[rows] & (s[:, None] < thr[rows])
        fb = first_below[rows]
        fb[hit] = i
        first_below[rows] = fb
        todo[rows] &= ~hit
        keep = todo[rows].any(axis=1)
        if not keep.all():
            rows, sub = rows[keep], _take(sub, keep)
    out = []
    for k in range(2):
        found = np.flatnonzero(first_below[:, k] > 0)
        res = np.full(n_rows, np.nan)
        if len(found):
            sub = _take(st, found)
            lo = _AHEAD[first_below[found, k] - 1]
            hi = _AHEAD[first_below[found, k]]
            t_k = thr[found, k]
            for _ in range(16):  # the grid step (<= 10 %) to within minutes
                mid = (lo + hi) / 2
                below = _evaluate(sub, model, ahead=mid)["strength"] < t_k
                hi = np.where(below, mid, hi)
                lo = np.where(below, lo, mid)
            res[found] = sub.until + hi
        out.append(res)
    return out[0], out[1]


# ---------------------------------------------------------------------------------------
# one tie: lookup, history, explanation


def find_tie(prep: Prepared, a: str | int, b: str | int) -> int:
    """Row of the tie between *a* and *b* (person ids or codes, either order).

    Raises
    ------
    NotFoundError
        If either person is unknown or they have no tie.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare, find_tie
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a", "in:a"], "b": ["in:b", "in:c"]}),
    ...                       "ties")
    >>> find_tie(prepare(ties), "in:c", "in:a")
    1
    """
    codes = []
    for p in (a, b):
        if isinstance(p, (int, np.integer)):
            if not 0 <= int(p) < len(prep.person_ids):
                raise NotFoundError(f"no person with code {p}")
            codes.append(int(p))
        else:
            c = prep.person_ids.get_indexer([p])[0]
            if c < 0:
                raise NotFoundError(f"no person {p!r} in the network")
            codes.append(int(c))
    lo, hi = min(codes), max(codes)
    key = lo * len(prep.person_ids) + hi
    pos = int(np.searchsorted(prep._tie_keys, key))
    if pos >= len(prep._tie_keys) or prep._tie_keys[pos] != key:
        ida, idb = prep.person_ids[codes[0]], prep.person_ids[codes[1]]
        raise NotFoundError(f"{ida!r} and {idb!r} have no tie",
                            hint="strength is defined for connected people only")
    return int(prep._tie_order[pos])


def _row_of(prep: Prepared, pair: int | tuple[str | int, str | int]) -> int:
    if isinstance(pair, (int, np.integer)):
        if not 0 <= int(pair) < prep.n_ties:
            raise NotFoundError(f"no tie row {pair}")
        return int(pair)
    a, b = pair
    return find_tie(prep, a, b)


def _times_index(times: Any) -> tuple[pd.DatetimeIndex, np.ndarray]:
    idx = pd.DatetimeIndex(times)
    idx = idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")
    idx = idx.as_unit("ns")
    return idx, idx.asi8 / _NS_PER_DAY


def _history_state(prep: Prepared, model: StrengthModel, row: int, T: np.ndarray
                   ) -> tuple[_State, np.ndarray, np.ndarray]:
    """The same aggregates as :func:`_state_at`, for one tie at many times (vectorised)."""
    m = len(T)
    lo, hi = prep.offsets[row], prep.offsets[row + 1]
    t, kind, gap = prep.t[lo:hi], prep.kind[lo:hi], prep.gap[lo:hi]
    n = len(t)
    wtab, lamtab = _kind_tables(model)
    w = _event_weights(model, gap, kind, wtab)
    lam = lamtab[kind]
    # overrides in force at each time
    o = prep._or
    olo, ohi = o["offsets"][row], o["offsets"][row + 1]
    o_level = np.full(m, np.nan)
    o_time = np.full(m, np.nan)
    if ohi > olo:
        j = np.searchsorted(o["time"][olo:ohi], T, side="right") - 1
        ok = j >= 0
        o_level[ok] = o["strength"][olo:ohi][j[ok]]
        o_time[ok] = o["time"][olo:ohi][j[ok]]
    chd = (kind >> 4).astype("int64")
    onehot = np.zeros((n, 24))
    onehot[np.arange(n), chd] = 1.0
    k = np.searchsorted(t, T, side="right")          # events up to each time
    km1 = np.maximum(k - 1, 0)
    has = k > 0
    first = np.where(has, t[0] if n else np.nan, np.nan)
    last = np.where(has, t[km1] if n else np.nan, np.nan)
    lam_mult = _lam_mult(model, np.full(m, prep.since[row]), first, last, T)
    E = np.zeros((m, 24))
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
    E = E.reshape(m, 6, 4)[:, :, :3]
    cc = np.zeros((n + 1, 24))
    np.cumsum(onehot, axis=0, out=cc[1:])
    C = cc[k].reshape(m, 6, 4)[:, :, :3]
    ok = gap >= max(model.session_gap_days, 1e-9)
    g_n = np.cumsum(ok)
    g_l = np.cumsum(np.log(np.where(ok, gap, 1.0)))
    n_gaps = np.where(has, g_n[km1], 0.0) if n else np.zeros(m)
    log_gaps = np.where(has, g_l[km1], 0.0) if n else np.zeros(m)
    iv = _resolve_overlaps(prep, model, np.array([row], "int64"))
    n_iv = len(iv["row"])
    if n_iv:
        tiled = {key: np.tile(v, m) for key, v in iv.items()}
        ov_days, ov_end = _overlap_at(tiled, m, T, model, row_of=np.repeat(np.arange(m), n_iv))
    else:
        ov_days, ov_end = np.zeros(m), np.full(m, np.nan)
    st = _State(until=T.astype("float64"), E=E, n_ch=C.sum(axis=2), n_dir=C.sum(axis=1),
                n_gaps=n_gaps, log_gaps=log_gaps, first=first, last=last,
                since=np.full(m, prep.since[row]), ov_days=ov_days, ov_end=ov_end,
                o_level=o_level, o_time=o_time, lam_mult=lam_mult)
    return st, t, kind


def pair_history(prep: Prepared, pair: int | tuple[str | int, str | int], times: Any,
                 model: StrengthModel | None = None) -> pd.DataFrame:
    """One tie's strength and components at each of *times* (vectorised over times).

    Uses the same formulas as :func:`score`: the row for a time equals ``score`` at that
    time.

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
        Index: the times (UTC). Columns: strength, tier, interaction, reciprocity,
        tenure, age, override, usual_gap_days, silence_days, cooling, last_contact,
        n_contacts.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare, pair_history
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2022-01-01"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
    ...     "timestamp": ["2026-01-01"], "channel": ["meeting"]}), "interactions",
    ...     ["in:a", "in:b"])
    >>> h = pair_history(prepare(ties, inter), ("in:a", "in:b"),
    ...                  ["2021-12-01", "2025-12-01", "2026-01-01", "2026-07-01"])
    >>> h.strength.round(3).tolist()
    [0.02, 0.056, 0.427, 0.263]
    """
    model = StrengthModel() if model is None else model
    row = _row_of(prep, pair)
    idx, T = _times_index(times)
    st, _, _ = _history_state(prep, model, row, T)
    comp = _evaluate(st, model)
    out = pd.DataFrame({
        "strength": comp["strength"],
        "tier": pd.Categorical.from_codes(model._tier_codes(comp["strength"]),
                                          categories=list(TIERS)),
        **{k: comp[k] for k in ("interaction", "reciprocity", "tenure", "age", "override",
                                "usual_gap_days", "silence_days", "cooling")},
        "last_contact": datetimes_from_days(st.last),
        "n_contacts": st.n_dir.sum(axis=1).astype("int64"),
    }, index=idx.rename("time"))
    return out


def _pair_events(prep: Prepared, row: int) -> pd.DataFrame:
    lo, hi = prep.offsets[row], prep.offsets[row + 1]
    t, kind = prep.t[lo:hi], prep.kind[lo:hi]
    d = (kind >> 4) & 3
    return pd.DataFrame({
        "timestamp": datetimes_from_days(t),
        "channel": pd.Categorical.from_codes((kind >> 6).astype("int64"),
                                             categories=list(CHANNELS)),
        "direction": np.array(["a->b", "b->a", ""], dtype=object)[d],
        "participants": (kind & 15).astype("int64"),
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
        Default: a day before the tie's first evidence (made, first contact, first
        shared stint or override; a year before *end* if none) to now. *start* and *end*
        are always the first and last points.
    freq : str, default "W"
        A pandas frequency (``"D"``, ``"W"``, ``"MS"``, ...).
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
    >>> from netgraph.scoring.strength import prepare, strength_history
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2025-06-01"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"], "other_id": ["in:a"],
    ...     "timestamp": ["2026-01-01"], "channel": ["call"]}), "interactions",
    ...     ["in:a", "in:b"])
    >>> s = strength_history(prepare(ties, inter), 0, start="2025-12-01", end="2026-03-01",
    ...                      freq="MS")
    >>> s.round(3).tolist()
    [0.028, 0.316, 0.234, 0.179]
    >>> list(s.attrs["interactions"].channel)
    ['call']
    """
    model = StrengthModel() if model is None else model
    row = _row_of(prep, pair)
    if times is None:
        end_ts = _at(end)
        if start is None:
            cands = [prep.since[row]]
            lo, hi = prep.offsets[row], prep.offsets[row + 1]
            if hi > lo:
                cands.append(float(prep.t[lo]))
            o = prep._or
            olo, ohi = o["offsets"][row], o["offsets"][row + 1]
            if ohi > olo:
                cands.append(float(o["time"][olo]))
            iv = _resolve_overlaps(prep, model, np.array([row], "int64"))
            if len(iv["row"]) and np.isfinite(iv["start"]).any():
                cands.append(float(np.nanmin(iv["start"])))
            first = np.nanmin(cands) if np.isfinite(cands).any() else np.nan
            if np.isfinite(first) and first < end_ts.value / _NS_PER_DAY:
                start_ts = datetimes_from_days(np.array([first - 1.0]))[0]  # a day before
            else:
                start_ts = end_ts - pd.Timedelta(days=365)
        else:
            start_ts = _at(start)
        idx = pd.date_range(start_ts, end_ts, freq=freq)
        if not len(idx) or idx[-1] != end_ts:
            idx = idx.append(pd.DatetimeIndex([end_ts]))
        if start_ts not in idx and start_ts < end_ts:
            idx = pd.DatetimeIndex([start_ts]).append(idx)
        times = idx
    hist = pair_history(prep, row, times, model)
    s = hist["strength"].rename("strength")
    s.attrs = {"a": prep.person_ids[prep.a[row]], "b": prep.person_ids[prep.b[row]],
               "interactions": _pair_events(prep, row)}
    return s


def pair_strength(prep: Prepared, pair: int | tuple[str | int, str | int], at: Any = None,
                  model: StrengthModel | None = None) -> float:
    """One tie's strength at one date (fast: reads only that tie's interactions).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare, pair_strength
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> pair_strength(prepare(ties), ("in:b", "in:a"), at="2026-01-01")
    0.02
    """
    model = StrengthModel() if model is None else model
    row = _row_of(prep, pair)
    _, T = _times_index([_at(at)])
    st, _, _ = _history_state(prep, model, row, T)
    return float(_evaluate(st, model)["strength"][0])


_COMPONENTS = ("interaction", "tenure", "age", "override", "floor")


@dataclass(frozen=True)
class StrengthExplanation:
    """Why a tie has its strength: evidence and each component's share.

    Attributes
    ----------
    a, b : str
        The two people (names when given to :func:`explain`, else ids).
    at : pandas.Timestamp
    strength : float
    tier : str
    components : dict of str to float
        interaction, tenure, age, override, floor (each in ``[0, 1)``).
    shares : dict of str to float
        Each component's share of the strength (sums to 1): its ``-log(1 - value)``
        over the total.
    evidence : dict of str to object
        Counts per channel, n_out/n_in, reciprocity, last contact, usual gap, silence,
        cooling, since, shared stints, override.
    """

    a: str
    b: str
    at: pd.Timestamp
    strength: float
    tier: str
    components: dict[str, float]
    shares: dict[str, float]
    evidence: dict[str, Any]

    def lines(self) -> list[str]:
        """The explanation as lines of text (what ``str()`` joins)."""
        ev = self.evidence
        out = [f"{self.a} <-> {self.b}: strength {self.strength:.2f} ({self.tier}) "
               f"on {self.at:%Y-%m-%d}"]

        def comp(name: str, label: str, detail: str) -> str:
            v, sh = self.components[name], self.shares[name]
            return f"  {label:<12} {v:5.2f}  ({sh:4.0%} of the strength)  {detail}"

        counts = ", ".join(f"{n} {c}{'s' if n != 1 else ''}"
                           for c, n in ev["counts"].items() if n)
        if counts:
            recip = ev["reciprocity"]
            two = ("no directed contact" if not np.isfinite(recip)
                   else f"two-way balance {recip:.2f} ({ev['n_out']} from {self.a}, "
                        f"{ev['n_in']} from {self.b})")
            last = ev["last_contact"]
            detail = (f"{counts}; last {last:%Y-%m-%d} ({span_word(ev['silence_days'])} ago); "
                      f"{two}")
        else:
            detail = "no contact on record"
        out.append(comp("interaction", "contacts", detail))
        if ev["stints"]:
            st = "; ".join(f"{d['company_id']}: {span_word(d['days'])} together"
                           + ("" if d["ongoing"] else f", ended {d['end']:%Y-%m}")
                           for d in ev["stints"])
        else:
            st = "no shared employer on record"
        out.append(comp("tenure", "shared job", st))
        since = ev["since"]
        age_txt = (f"connected since {since:%Y-%m-%d}" if since is not pd.NaT
                   else "connection date unknown")
        out.append(comp("age", "tie age", age_txt))
        if ev["override"] is not None:
            lvl, when = ev["override"]
            otxt = f"set by hand to {lvl:.2f} on {when:%Y-%m-%d}, decaying since"
        else:
            otxt = "none"
        out.append(comp("override", "override", otxt))
        out.append(comp("floor", "floor", "any existing tie"))
        gap = ev["usual_gap_days"]
        if np.isfinite(gap):
            rhythm = (f"  rhythm: usual gap {span_word(gap)}, silent {span_word(ev['silence_days'])}"
                      + (f" - cooling (more than {ev['cooling_multiple']:g}x the usual gap)"
                         if ev["cooling"] else " - not cooling"))
            out.append(rhythm)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        lines = self.lines()
        head = html.escape(lines[0])
        rows = "".join(f"<tr><td><pre style='margin:0'>{html.escape(x.strip())}</pre></td></tr>"
                       for x in lines[1:])
        return f"<div><b>{head}</b><table>{rows}</table></div>"


def explain(prep: Prepared, pair: int | tuple[str | int, str | int], at: Any = None,
            model: StrengthModel | None = None, names: tuple[str, str] | None = None
            ) -> StrengthExplanation:
    """Explain one tie's strength at *at*: evidence and each component's share.

    Parameters
    ----------
    prep : Prepared
    pair : int or (person, person)
    at : timestamp-like, optional
        Default now.
    model : StrengthModel, optional
    names : (str, str), optional
        Display names of the tie's ``a`` and ``b`` (default their ids).

    Returns
    -------
    StrengthExplanation
        ``str()`` gives readable lines, ``_repr_html_`` an escaped HTML table.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.strength import prepare, explain
    >>> ids = ["in:a", "in:b"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2020-01-01"]}), "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2,
    ...     "other_id": ["in:a"] * 2, "timestamp": ["2026-01-01", "2026-02-01"],
    ...     "channel": ["call", "meeting"], "direction": ["in", ""]}), "interactions", ids)
    >>> e = explain(prepare(ties, inter), 0, at="2026-02-15", names=("Ada", "Bob"))
    >>> print(e)  # doctest: +NORMALIZE_WHITESPACE
    Ada <-> Bob: strength 0.45 (developing) on 2026-02-15
      contacts      0.42  ( 89% of the strength)  1 meeting, 1 call; last 2026-02-01 (2 weeks ago); two-way balance 0.00 (0 from Ada, 1 from Bob)
      shared job    0.00  (  0% of the strength)  no shared employer on record
      tie age       0.04  (  7% of the strength)  connected since 2020-01-01
      override      0.00  (  0% of the strength)  none
      floor         0.02  (  3% of the strength)  any existing tie
      rhythm: usual gap 4 weeks, silent 2 weeks - not cooling
    """
    model = StrengthModel() if model is None else model
    row = _row_of(prep, pair)
    at_ts = _at(at)
    _, T = _times_index([at_ts])
    st, _, _ = _history_state(prep, model, row, T)
    comp = _evaluate(st, model)
    vals = {k: float(comp[k][0]) for k in ("interaction", "tenure", "age", "override")}
    vals["floor"] = float(model.floor)
    logs = {k: -math.log1p(-min(v, 1 - 1e-12)) for k, v in vals.items()}
    total = sum(logs.values()) or 1.0
    shares = {k: logs[k] / total for k in _COMPONENTS}
    strength = float(comp["strength"][0])
    counts = {c: int(n) for c, n in zip(CHANNELS, st.n_ch[0], strict=True)}
    iv = _resolve_overlaps(prep, model, np.array([row], "int64"))
    stints = []
    for cid in sorted(set(iv["company_id"])):  # a handful of stints at most
        sel = {k: v[iv["company_id"] == cid] for k, v in iv.items()}
        d, e = _overlap_at(sel, 1, T, model, row_of=np.zeros(len(sel["row"]), "int64"))
        if d[0] > 0:
            stints.append({"company_id": cid, "days": float(d[0]),
                           "ongoing": bool(np.isinf(e[0])),
                           "end": (datetimes_from_days(e)[0] if np.isfinite(e[0]) else pd.NaT)})
    o = None
    if np.isfinite(st.o_level[0]):
        o = (float(st.o_level[0]), datetimes_from_days(st.o_time)[0])
    ida, idb = prep.person_ids[prep.a[row]], prep.person_ids[prep.b[row]]
    na, nb = names if names is not None else (ida, idb)
    evidence = {
        "counts": counts,
        "n_out": int(st.n_dir[0, 0]), "n_in": int(st.n_dir[0, 1]),
        "reciprocity": float(comp["reciprocity"][0]),
        "last_contact": datetimes_from_days(st.last)[0],
        "usual_gap_days": float(comp["usual_gap_days"][0]),
        "silence_days": float(comp["silence_days"][0]),
        "cooling": bool(comp["cooling"][0]),
        "cooling_multiple": float(model.cooling_gap_multiple),
        "since": datetimes_from_days(st.since)[0],
        "stints": stints,
        "override": o,
    }
    return StrengthExplanation(a=str(na), b=str(nb), at=at_ts, strength=strength,
                               tier=str(model.tier([strength])[0]), components=vals,
                               shares=shares, evidence=evidence)
