"""Why a tie has its strength: :func:`explain` and :class:`StrengthExplanation`.

A strength is the probability of two-way contact within the model's horizon (see
:class:`~netgraph.scoring.StrengthModel`): a logistic function of named features. Each
feature's *contribution* is its coefficient times how far the feature is from a tie with
no evidence at all, in log-odds, so that ``logit(strength) = logit(floor) + sum of
contributions`` (plus the pull of a hand-set strength, shown separately).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.explain import explain
>>> from netgraph.scoring.prepare import prepare
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> e = explain(prepare(ties), 0, at="2026-01-01")
>>> e.tier, e.contributions["silence"]
('cold', 0.0)
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import datetimes_from_days, span_word
from netgraph.data.schema import CHANNELS
from netgraph.scoring.features import DESCRIPTIONS
from netgraph.scoring.kernel import (
    as_of,
    evaluate,
    overlap_at,
    resolve_overlaps,
    state_over_time,
    times_index,
)
from netgraph.scoring.model import StrengthModel
from netgraph.scoring.prepare import Prepared, tie_row

__all__ = ["StrengthExplanation", "explain"]


@dataclass(frozen=True)
class StrengthExplanation:
    """Why a tie has its strength: what it means, each feature and its contribution.

    Attributes
    ----------
    a, b : str
        The two people (names when given to :func:`explain`, else ids).
    at : pandas.Timestamp
    strength : float
        The probability of two-way contact within ``horizon_days`` after *at*.
    tier : str
    horizon_days : float
    floor : float
        The strength of a tie with no evidence at all.
    components : dict of str to float
        Each feature's value (see :class:`~netgraph.scoring.StrengthModel`).
    contributions : dict of str to float
        Each feature's contribution in log-odds relative to no evidence (>= 0; they add up
        with ``logit(floor)`` to the model's log-odds).
    evidence : dict of str to object
        Counts per channel, n_out/n_in, last contact, usual gap, silence, cooling, since,
        shared stints, override.
    """

    a: str
    b: str
    at: pd.Timestamp
    strength: float
    tier: str
    horizon_days: float
    floor: float
    components: dict[str, float]
    contributions: dict[str, float]
    evidence: dict[str, Any]

    def lines(self) -> list[str]:
        """The explanation as lines of text (what ``str()`` joins)."""
        ev = self.evidence
        h = span_word(self.horizon_days)
        out = [f"{self.a} <-> {self.b}: strength {self.strength:.2f} ({self.tier}) "
               f"on {self.at:%Y-%m-%d}",
               f"  = the chance of two-way contact within {h} (a meeting or call, contact "
               "from both sides, or contact of unknown direction)",
               f"  no evidence        {self.floor:5.2f}  (any tie starts here)"]
        counts = ", ".join(f"{n} {c}{'s' if n != 1 else ''}"
                           for c, n in ev["counts"].items() if n)
        last = ev["last_contact"]
        detail = {
            "silence": (f"last {last:%Y-%m-%d} ({span_word(ev['silence_days'])} ago)"
                        if counts else "no contact on record"),
            "volume": counts or "none",
            "reciprocity": (f"{ev['n_out']} from {self.a}, {ev['n_in']} from {self.b}, "
                            f"{ev['n_both']} of unknown direction"),
            "channels": ", ".join(c for c, n in ev["counts"].items() if n) or "none",
            "years_known": (f"since {ev['known_from']:%Y-%m-%d}" if ev["known_from"]
                            is not pd.NaT else "unknown"),
            "shared_employer": ("; ".join(
                f"{d['company_id']}: {span_word(d['days'])} together"
                + ("" if d["ongoing"] else f", ended {d['end']:%Y-%m}")
                for d in ev["stints"]) or "no shared employer on record"),
        }
        for name, c in self.contributions.items():
            base = "activity" if name.startswith("activity_") else name
            label = (f"activity ({span_word(ev['recent_days'][int(name.split('_')[1])])})"
                     if base == "activity" else name.replace("_", " "))
            out.append(f"  {label:<18} {c:+5.2f}  {DESCRIPTIONS[base].format(tau='time')}"
                       + (f": {detail[base]}" if base in detail else ""))
        if ev["override"] is not None:
            lvl, when, pull = ev["override"]
            out.append(f"  set by hand to {lvl:.2f} on {when:%Y-%m-%d}; "
                       f"{pull:.0%} of that judgment still holds")
        gap = ev["usual_gap_days"]
        if np.isfinite(gap):
            out.append(f"  rhythm: usual gap {span_word(gap)}, silent "
                       f"{span_word(ev['silence_days'])}"
                       + (" - cooling (more than 8x the usual gap)" if ev["cooling"]
                          else ""))
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
    """Explain one tie's strength at *at*: its meaning, features and contributions.

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
    >>> from netgraph.scoring import prepare, explain
    >>> ids = ["in:a", "in:b"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"],
    ...                                     "since": ["2020-01-01"]}), "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 2,
    ...     "other_id": ["in:a"] * 2, "timestamp": ["2026-01-01", "2026-02-01"],
    ...     "channel": ["call", "meeting"], "direction": ["in", ""]}), "interactions", ids)
    >>> e = explain(prepare(ties, inter), 0, at="2026-02-15", names=("Ada", "Bob"))
    >>> print(e.lines()[0])
    Ada <-> Bob: strength 0.81 (close) on 2026-02-15
    >>> sorted(e.contributions, key=e.contributions.get)[-1]
    'silence'
    """
    model = StrengthModel() if model is None else model
    row = tie_row(prep, pair)
    at_ts = as_of(at)
    _, T = times_index([at_ts])
    st = state_over_time(prep, model, row, T)
    comp = evaluate(st, model)
    names_f = model.feature_names()
    vals = {k: float(comp[k][0]) for k in names_f}
    contrib = {}
    for k in names_f:
        base = model.never_silence if k == "silence" else 0.0
        contrib[k] = float(model.coefficients[k] * (vals[k] - base)) + 0.0
    strength = float(comp["strength"][0])
    counts = {c: int(n) for c, n in zip(CHANNELS, st.n_ch[0], strict=True)}
    iv = resolve_overlaps(prep, model, np.array([row], "int64"))
    stints = []
    for cid in sorted(set(iv["company_id"])):  # a handful of stints at most
        sel = {k: v[iv["company_id"] == cid] for k, v in iv.items()}
        d, e = overlap_at(sel, 1, T, model, row_of=np.zeros(len(sel["row"]), "int64"))
        if d[0] > 0:
            stints.append({"company_id": cid, "days": float(d[0]),
                           "ongoing": bool(np.isinf(e[0])),
                           "end": (datetimes_from_days(e)[0] if np.isfinite(e[0]) else pd.NaT)})
    o = None
    if np.isfinite(st.o_level[0]):
        o = (float(st.o_level[0]), datetimes_from_days(st.o_time)[0], float(comp["override"][0]))
    since = st.since[0] if st.since[0] <= T[0] else np.nan
    known = np.fmin(since, st.first[0])
    ida, idb = prep.person_ids[prep.a[row]], prep.person_ids[prep.b[row]]
    na, nb = names if names is not None else (ida, idb)
    evidence = {
        "counts": counts,
        "n_out": int(st.n_dir[0, 0]), "n_in": int(st.n_dir[0, 1]),
        "n_both": int(st.n_dir[0, 2]),
        "last_contact": datetimes_from_days(st.last)[0],
        "usual_gap_days": float(comp["usual_gap_days"][0]),
        "silence_days": float(comp["silence_days"][0]),
        "cooling": bool(comp["cooling"][0]),
        "since": datetimes_from_days(st.since)[0],
        "known_from": datetimes_from_days(np.array([known]))[0],
        "recent_days": model.recent_days,
        "stints": stints,
        "override": o,
    }
    return StrengthExplanation(a=str(na), b=str(nb), at=at_ts, strength=strength,
                               tier=str(model.tier([strength])[0]),
                               horizon_days=float(model.horizon_days), floor=model.floor,
                               components=vals, contributions=contrib, evidence=evidence)
