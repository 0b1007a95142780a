"""Why a tie has its strength: :func:`explain` and :class:`StrengthExplanation`.

Each component's *share* of a strength is its ``-log(1 - component)`` over the sum of
them (the components combine as a noisy OR, see :mod:`netgraph.scoring`).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.explain import explain
>>> from netgraph.scoring.prepare import prepare
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> e = explain(prepare(ties), 0, at="2026-01-01")
>>> e.tier, e.shares["floor"]
('cold', 1.0)
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import datetimes_from_days, span_word
from netgraph.data.schema import CHANNELS
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
    >>> from netgraph.scoring import prepare, explain
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
    row = tie_row(prep, pair)
    at_ts = as_of(at)
    _, T = times_index([at_ts])
    st, _, _ = state_over_time(prep, model, row, T)
    comp = evaluate(st, model)
    vals = {k: float(comp[k][0]) for k in ("interaction", "tenure", "age", "override")}
    vals["floor"] = float(model.floor)
    logs = {k: -math.log1p(-min(v, 1 - 1e-12)) for k, v in vals.items()}
    total = sum(logs.values()) or 1.0
    shares = {k: logs[k] / total for k in _COMPONENTS}
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

