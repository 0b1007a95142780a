"""Relationship strength over time: the :class:`StrengthModel`, its fit and vectorised scoring.

What a strength means
---------------------
The strength of a tie at a date is the probability that the two people are in *two-way
contact* (a meeting or call, contacts from both sides, or contact of unknown direction)
within the model's horizon (default 90 days), given everything known up to that date. The
warm-path search multiplies strengths along a path (``cost = -log(strength)``).

How a strength is made
----------------------
Two stages, so that every engine can do the heavy one:

evidence
    :func:`~netgraph.scoring.evidence.tie_evidence`: per-tie sums of the contacts up to the
    date (count, first and last contact, volume, the volume split by who reached out,
    exponentially decaying activity sums, channels used).
formula
    :mod:`~netgraph.scoring.features`: named features of the evidence and the tie data
    (silence, activity, volume, reciprocity, channels, years known, shared employer), then
    ``strength = logistic(intercept + sum of coefficient x feature)`` with sign constraints
    (see :class:`StrengthModel`). A hand-set strength (the ``overrides`` table) holds at
    its date and returns to the model's value with ``override_half_life_days``.

:func:`fit_strength` (and ``Network.fit_strength``) learns the coefficients from a
network's own history (:mod:`~netgraph.scoring.fit`).

Stages and modules
------------------
Dependencies flow one way, top to bottom:

:mod:`~netgraph.scoring.model`
    :class:`StrengthModel` (parameters, defaults, ranges, tiers).
:mod:`~netgraph.scoring.evidence`, :mod:`~netgraph.scoring.features`
    The two stages above; :mod:`~netgraph.scoring.fit` learns the coefficients.
:mod:`~netgraph.scoring.prepare`
    :func:`prepare` turns the canonical tables into compact arrays (:class:`Prepared`:
    interactions matched to tie rows by a hash of their unordered pair of person codes,
    sorted by tie then time with one packed ``int64`` sort; about 26 bytes per
    interaction), cached by the :class:`~netgraph.Network` until the tables change.
:mod:`~netgraph.scoring.kernel`
    Per-tie aggregates and the formula above, vectorised with ``numpy.bincount`` (no
    per-row Python).
:mod:`~netgraph.scoring.forecast`
    Peak strength and the dates a tie leaves its tier or goes cold with no contact.
:mod:`~netgraph.scoring.scores`
    :func:`score` evaluates every tie at a date.
:mod:`~netgraph.scoring.history`, :mod:`~netgraph.scoring.explain`
    :func:`strength_history`, :func:`pair_strength` and :func:`explain` evaluate one tie
    at many dates (or one) from that tie's slice of the same arrays, with the same
    formulas (the test suite checks that they agree with :func:`score` to 1e-12).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring import StrengthModel, prepare, score
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
(0.82, 'close', 1, 1, 1)
"""

from netgraph.scoring.evidence import tie_evidence
from netgraph.scoring.explain import StrengthExplanation, explain
from netgraph.scoring.fit import FitReport, fit_strength
from netgraph.scoring.history import pair_history, pair_strength, strength_history
from netgraph.scoring.model import TIERS, ChannelValues, StrengthModel
from netgraph.scoring.prepare import Prepared, find_tie, prepare
from netgraph.scoring.scores import score, tie_strengths

__all__ = [
    "TIERS",
    "ChannelValues",
    "FitReport",
    "Prepared",
    "StrengthExplanation",
    "StrengthModel",
    "explain",
    "find_tie",
    "fit_strength",
    "pair_history",
    "pair_strength",
    "prepare",
    "score",
    "strength_history",
    "tie_evidence",
    "tie_strengths",
]
