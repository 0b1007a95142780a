"""Per-tie evidence at a date: :func:`tie_evidence` (the pandas reference of the scan).

The first of the strength model's two stages (the second, the formula, is
:mod:`netgraph.scoring.features`). For each tie and evaluation time ``at`` it sums the
tie's interactions with timestamp ``<= at`` (a contact after ``at`` changes nothing) into
sufficient statistics that every engine can compute (pandas here; DuckDB and Spark mirror
it), all float64, times in days since the Unix epoch (UTC):

``n_events``
    number of contacts;
``first_day``, ``last_day``
    first and last contact time (NaN when none);
``volume``
    sum of ``w`` over contacts, ``w = weight[channel] x group_factor(participants)`` with
    ``group_factor(p) = (max(p, 2) - 1) ** -group_exponent`` (participants are capped at
    255 when prepared);
``w_a``, ``w_b``, ``w_both``
    the same sum split by who reached out: from side *a* of the tie, from side *b*, and
    two-way by nature or of unknown direction (meetings, calls, rows with no direction);
``recent_0``, ``recent_1``, ...
    ``sum w x exp(-(at - t) / tau_k)`` for each ``tau_k`` in ``model.recent_days``;
``channels_mask``
    bitwise OR over contacts of ``1 << channel code`` (the channel's position in
    :data:`~netgraph.data.schema.CHANNELS`), as an exact float.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring import StrengthModel, prepare
>>> from netgraph.scoring.evidence import tie_evidence
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> inter = schema.conform(pd.DataFrame({"person_id": ["in:a", "in:b", "in:a"],
...     "other_id": ["in:b", "in:a", "in:b"],
...     "timestamp": ["2026-01-01", "2026-01-02", "2026-03-01"],
...     "channel": ["message", "message", "call"], "direction": ["out", "out", ""]}),
...     "interactions", ["in:a", "in:b"])
>>> ev = tie_evidence(prepare(ties, inter), StrengthModel(), at=pd.Timestamp("2026-02-01").value / 864e11)
>>> ev[["n_events", "volume", "w_a", "w_b", "w_both", "channels_mask"]].round(2)
   n_events  volume  w_a  w_b  w_both  channels_mask
0       2.0     0.8  0.4  0.4     0.0            4.0
"""

from __future__ import annotations

import math
import weakref

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import (
    Prepared,
    channel_of,
    direction_of,
    participants_of,
)

__all__ = [
    "EVIDENCE_COLUMNS",
    "event_weight",
    "evidence_columns",
    "gather_events",
    "tie_evidence",
    "two_way_by_nature",
]

#: The evidence columns that do not depend on the model's decay scales (then
#: ``recent_0``, ``recent_1``, ... one per ``StrengthModel.recent_days``, and
#: ``channels_mask``; see :func:`evidence_columns`).
EVIDENCE_COLUMNS: tuple[str, ...] = ("n_events", "first_day", "last_day", "volume", "w_a",
                                     "w_b", "w_both")

#: Channels that are two-way by nature (a contact on them counts to ``w_both``).
_TWO_WAY = ("meeting", "call")


def evidence_columns(model: StrengthModel) -> list[str]:
    """Names of :func:`tie_evidence`'s columns for *model*, in order.

    Examples
    --------
    >>> from netgraph.scoring import StrengthModel
    >>> from netgraph.scoring.evidence import evidence_columns
    >>> evidence_columns(StrengthModel())[-3:]
    ['recent_0', 'recent_1', 'channels_mask']
    """
    return [*EVIDENCE_COLUMNS, *(f"recent_{k}" for k in range(len(model.recent_days))),
            "channels_mask"]


def two_way_by_nature() -> np.ndarray:
    """Boolean per channel code: True for the channels that are two-way by nature."""
    return np.array([c in _TWO_WAY for c in CHANNELS])


def event_weight(model: StrengthModel, kind: np.ndarray) -> np.ndarray:
    """``w`` of packed events: channel weight x group factor (see the module text).

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.scoring import StrengthModel
    >>> from netgraph.scoring.evidence import event_weight
    >>> m = StrengthModel()
    >>> k = np.array([(0 << 10) | (2 << 8) | 2, (0 << 10) | (2 << 8) | 5], "int16")
    >>> event_weight(m, k).round(3).tolist()
    [1.0, 0.5]
    """
    return _kind_tables(model)[0][np.asarray(kind)]


def _kind_tables(model: StrengthModel) -> tuple[np.ndarray, np.ndarray]:
    """``w`` and the side (0 a, 1 b, 2 two-way or unknown) per packed kind value."""
    key = (model.weights, float(model.group_exponent))
    hit = _TABLES.get(key)
    if hit is None:
        kind = np.arange(1 << 14)
        p = participants_of(kind).astype("float64")
        g = np.power(np.maximum(p, 2.0) - 1.0, -float(model.group_exponent))
        ch = np.minimum(channel_of(kind), len(CHANNELS) - 1)
        d = direction_of(kind)
        w = model.weights.array()[ch] * g
        side = np.where((d == 2) | two_way_by_nature()[ch], 2, d).astype("int64")
        hit = _TABLES[key] = (w, side)
        if len(_TABLES) > 8:
            _TABLES.pop(next(iter(_TABLES)))
    return hit


_TABLES: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
# each Prepared's evidence with every contact counted, by model (see tie_evidence)
_LATEST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def gather_events(prep: Prepared, rows: np.ndarray | None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The interactions of *rows* (or all): times, local row, kind, number of rows."""
    if rows is None:
        return prep.t, prep.row, prep.kind, prep.n_ties
    rows = np.asarray(rows, dtype="int64")
    starts = prep.offsets[rows]
    lens = prep.offsets[rows + 1] - starts
    off = np.zeros(len(rows) + 1, "int64")
    np.cumsum(lens, out=off[1:])
    idx = np.arange(int(off[-1]), dtype="int64") + np.repeat(starts - off[:-1], lens)
    local = np.repeat(np.arange(len(rows), dtype="int64"), lens)
    return prep.t[idx], local, prep.kind[idx], len(rows)


def tie_evidence(prep: Prepared, model: StrengthModel, at: float,
                 rows: np.ndarray | None = None) -> pd.DataFrame:
    """Sufficient statistics of each tie's contacts up to *at* (see the module text).

    Vectorised with ``numpy.bincount`` over the prepared arrays (no per-tie Python).

    Parameters
    ----------
    prep : Prepared
        From :func:`~netgraph.scoring.prepare`.
    model : StrengthModel
        Gives the channel weights, ``group_exponent`` and ``recent_days``.
    at : float
        Evaluation time in days since the Unix epoch (UTC); contacts at ``t <= at`` count.
    rows : array-like of int, optional
        Tie rows to report, in this order (repeats allowed); default every tie row.

    Returns
    -------
    pandas.DataFrame
        One row per tie row (index 0..n-1), the columns of :func:`evidence_columns`, all
        float64.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import StrengthModel, prepare
    >>> from netgraph.scoring.evidence import tie_evidence
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a", "in:a"], "b": ["in:b", "in:c"]}),
    ...                       "ties")
    >>> tie_evidence(prepare(ties), StrengthModel(), 20000.0, rows=[1]).n_events.tolist()
    [0.0]
    """
    everything = rows is None and at >= prep.t_max
    if everything and len(prep.t):
        # every contact counts: the sums do not depend on `at` but through the decay,
        # recent_k(at) = recent_k(t_max) x exp(-(at - t_max) / tau_k); kept per tables
        key = (model.weights, float(model.group_exponent), tuple(model.recent_days))
        per_prep = _LATEST.setdefault(prep, {})
        base = per_prep.get(key)
        if base is None:
            base = per_prep[key] = _tie_evidence(prep, model, prep.t_max, None)
            if len(per_prep) > 4:
                per_prep.pop(next(iter(per_prep)))
        out = {c: base[c].to_numpy(copy=True) for c in base.columns}
        for k, tau in enumerate(model.recent_days):
            out[f"recent_{k}"] *= math.exp(-(at - prep.t_max) / float(tau))
        return pd.DataFrame(out, columns=evidence_columns(model))
    return _tie_evidence(prep, model, at, rows)


def _tie_evidence(prep: Prepared, model: StrengthModel, at: float,
                  rows: np.ndarray | None) -> pd.DataFrame:
    t, row, kind, n_rows = gather_events(prep, rows)
    everything = rows is None and at >= prep.t_max
    if not everything:
        now = t <= at
        if not now.all():
            t, row, kind = t[now], row[now], kind[now]
    wtab, stab = _kind_tables(model)
    w = wtab[kind]
    out: dict[str, np.ndarray] = {}
    if everything:
        out["n_events"] = np.diff(prep.offsets).astype("float64")
    else:
        out["n_events"] = np.bincount(row, minlength=n_rows).astype("float64")
    # events are sorted by (local) row, then time: a row's block starts with its first
    first = np.full(n_rows, np.nan)
    last = np.full(n_rows, np.nan)
    if everything:
        has = out["n_events"] > 0
        first[has] = t[prep.offsets[:-1][has]]
        last[has] = t[prep.offsets[1:][has] - 1]
    elif len(t):
        start = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
        first[row[start]] = t[start]
        last[row[start]] = t[np.r_[start[1:], len(row)] - 1]
    out["first_day"] = first
    out["last_day"] = last
    out["volume"] = np.bincount(row, weights=w, minlength=n_rows)
    key = row * 3
    key += stab[kind]
    split = np.bincount(key, weights=w, minlength=3 * n_rows).reshape(n_rows, 3)
    del key
    out["w_a"] = np.ascontiguousarray(split[:, 0])
    out["w_b"] = np.ascontiguousarray(split[:, 1])
    out["w_both"] = np.ascontiguousarray(split[:, 2])
    dt = t - at
    v = np.empty_like(dt)
    for k, tau in enumerate(model.recent_days):
        np.divide(dt, float(tau), out=v)
        np.exp(v, out=v)
        v *= w
        out[f"recent_{k}"] = np.bincount(row, weights=v, minlength=n_rows)
    del dt, v
    nch = len(CHANNELS)
    if everything:
        seen = prep.n_channel > 0
    else:
        seen = np.bincount(row * nch + channel_of(kind), minlength=nch * n_rows
                           ).reshape(n_rows, nch) > 0
    out["channels_mask"] = (seen * (2.0 ** np.arange(nch))).sum(axis=1)
    return pd.DataFrame(out, columns=evidence_columns(model))

