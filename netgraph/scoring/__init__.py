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

Stages and modules
------------------
Dependencies flow one way, top to bottom:

:mod:`~netgraph.scoring.model`
    :class:`StrengthModel` (parameters, defaults, ranges, tiers).
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
