"""The ping list: whom to get back in touch with before a useful tie goes cold.

Each of the owner's ties gets a tier from its strength today (close, developing,
secondary, cold; :meth:`~netgraph.scoring.StrengthModel.tier`) and the tier's cadence
(Ferrazzi's "pinging": developing relationships about monthly, secondary ones two or
three times a year). From the strengths and their forecast (no further contact) the
list ranks ties by what is at stake::

    priority = value x urgency
    value    = the tie's peak strength (its best, or today's if higher) x values[person]
    urgency  = max(due, drop, cooling)
        due     = q / (1 + q), q = silence / cadence       (0.5 when due, 0.75 at 3x)
        drop    = exp(-days until it leaves its tier / cadence)
        cooling = 0.75 while silent more than 8x its usual gap (Navarro et al. 2017)

Any contact resets the clock: it moves ``last_contact`` and raises the strength.
Ties with no evidence of a real relationship (their strength never reached the
secondary tier: a connection never contacted, a single old e-mail) are left out unless
``values`` weighs them above 1 (e.g. they are on the best path to a target company).

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring import prepare, score
>>> from netgraph.ping import ping_list
>>> ids = ["in:ada", "in:bob", "in:cy", "in:di"]
>>> ties = schema.conform(pd.DataFrame({"a": ["in:ada"] * 3, "b": ids[1:],
...                                     "since": "2024-01-01"}), "ties", ids)
>>> inter = schema.conform(pd.DataFrame({
...     "person_id": ["in:bob"] * 3 + ["in:cy"] * 2 + ["in:di"] * 4, "other_id": "in:ada",
...     "timestamp": ["2025-11-01", "2025-12-01", "2026-02-05", "2025-06-20", "2025-07-01",
...                   "2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22"],
...     "channel": ["meeting", "call", "meeting", "email", "email"] + ["call"] * 4,
...     "direction": ["", "out", "", "in", "out", "in", "out", "in", "out"]}),
...     "interactions", ids)
>>> s = score(prepare(ties, inter), at="2026-03-01", forecast=True)
>>> people = pd.DataFrame({"person_id": ids, "name": ["Ada", "Bob", "Cy", "Di"]})
>>> out = ping_list(s, owner="in:ada", people=people, at="2026-03-01")
>>> for row in out.itertuples():
...     print(f"{row.person}: {row.tier}, due {row.due:%Y-%m-%d}. {row.reason}")
Di: secondary, due 2026-03-01. overdue by 9 months for a 4-monthly cadence; cooling: silent 13 months, 58x its usual gap of 7 days; will fall below 'secondary' on 2026-10-04
Bob: close, due 2026-03-01. overdue by 10 days for a fortnightly cadence; will fall below 'close' on 2026-04-24
Cy: secondary, due 2026-03-01. overdue by 4 months for a 4-monthly cadence; will fall below 'secondary' on 2026-08-21
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import NS_PER_DAY as _NS_PER_DAY
from netgraph._time import as_utc, datetimes_from_days, span_words
from netgraph.errors import InputError
from netgraph.scoring import TIERS, StrengthModel

__all__ = ["cadence_words", "path_values", "ping_list", "span_words"]

_NEEDED = ("a", "b", "strength", "tier", "last_contact", "cooling", "usual_gap_days",
           "silence_days", "peak", "next_tier_on", "goes_cold_on")
_COOLING_URGENCY = 0.75


_CADENCE_NAMES = {7: "weekly", 14: "fortnightly", 30: "monthly", 31: "monthly", 91: "quarterly",
                  90: "quarterly", 182: "half-yearly", 365: "yearly"}


def cadence_words(days: Any) -> np.ndarray:
    """A cadence as an adjective: 'monthly', 'fortnightly', '4-monthly', '10-day'.

    Examples
    --------
    >>> from netgraph.ping import cadence_words
    >>> cadence_words([30, 14, 120, 10]).tolist()
    ['monthly', 'fortnightly', '4-monthly', '10-day']
    """
    d = np.nan_to_num(np.asarray(days, dtype="float64"))
    r = np.rint(d).astype("int64")
    named = pd.Series(r).map(_CADENCE_NAMES).to_numpy(dtype=object)
    months = np.rint(d / 30.44).astype("int64")
    generic = np.where((d >= 56) & (np.abs(d - months * 30.44) < 5),
                       np.char.add(months.astype(str), "-monthly"),
                       np.char.add(r.astype(str), "-day")).astype(object)
    return np.where(pd.isna(named), generic, named)


def _dates(col: pd.Series) -> np.ndarray:
    s = pd.Series(pd.to_datetime(col, utc=True))
    return s.dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object)


def ping_list(strengths: pd.DataFrame, *, owner: str | Sequence[str] | None = None,
              people: pd.DataFrame | None = None, model: StrengthModel | None = None,
              at: Any = None, n: int | None = 20,
              values: Mapping[str, float] | pd.Series | None = None) -> pd.DataFrame:
    """Rank the owner's ties by what is at stake if they go cold.

    Parameters
    ----------
    strengths : pandas.DataFrame
        :func:`netgraph.scoring.score` of the owner's ties **with** ``forecast=True``
        (it needs ``peak``, ``next_tier_on`` and ``goes_cold_on``), evaluated at *at*.
    owner : str or sequence of str, optional
        Person id(s) of the owner(s); the other side of each tie is the person to ping.
        Default: ``people.person_id`` where ``people.is_owner``.
    people : pandas.DataFrame, optional
        ``person_id`` and ``name`` (and ``is_owner``) for display names.
    model : StrengthModel, optional
        Tiers, cadences and thresholds (default ``StrengthModel()``); the same model
        that scored *strengths*.
    at : timestamp-like, optional
        The date *strengths* was scored at (default now, UTC).
    n : int or None, default 20
        How many to return (``None``: all).
    values : mapping or Series of person id to float, optional
        Weight per person (default 1), e.g. higher for people on the best path to a
        target company. Weights above 1 also keep ties that would be left out for
        lack of evidence.

    Returns
    -------
    pandas.DataFrame
        Best first: person_id, person (name), strength, tier, last_contact, due (when
        the tier's cadence says to ping; *at* when overdue), goes_cold_on (when the
        strength falls below the cold threshold with no contact; NaT if never or
        already cold), reason (in words), priority, next_tier_on (when it leaves its
        tier), peak, owner.

    Raises
    ------
    InputError
        If *strengths* lacks the forecast columns or no owner is known.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, score
    >>> from netgraph.ping import ping_list
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b"] * 6, "other_id": ["in:a"] * 6,
    ...     "timestamp": pd.date_range("2025-01-01", periods=6, freq="7D"),
    ...     "channel": "call", "direction": ["in", "out"] * 3}), "interactions", ["in:a", "in:b"])
    >>> s = score(prepare(ties, inter), at="2025-06-01", forecast=True)
    >>> print(ping_list(s, owner="in:a", at="2025-06-01").reason[0])
    overdue by 3 months for a monthly cadence; cooling: silent 4 months, 17x its usual gap of 7 days; will fall below 'developing' on 2025-09-28
    """
    missing = [c for c in _NEEDED if c not in strengths.columns]
    if missing:
        raise InputError(f"the strengths frame lacks {', '.join(missing)}",
                         expected="netgraph.scoring.score(..., forecast=True) output",
                         hint="score the owner's ties with forecast=True")
    model = StrengthModel() if model is None else model
    at_ts = as_utc(at, default="now", name="at")
    at_days = at_ts.value / _NS_PER_DAY
    if owner is None:
        if people is None or "is_owner" not in people:
            raise InputError("no owner given", hint="pass owner= (a person id) or people "
                             "with an is_owner column")
        owners = set(people.loc[people["is_owner"].astype(bool), "person_id"])
    else:
        owners = {owner} if isinstance(owner, str) else set(owner)
    if not owners:
        raise InputError("the network has no owner", hint="import an export with owner=...")

    s = strengths.reset_index(drop=True)
    a = s["a"].astype(object).to_numpy()
    b = s["b"].astype(object).to_numpy()
    a_own = pd.Index(a).isin(list(owners))
    b_own = pd.Index(b).isin(list(owners))
    keep = a_own | b_own
    s, a, b, a_own = s[keep].reset_index(drop=True), a[keep], b[keep], a_own[keep]
    person = np.where(a_own, b, a)
    own = np.where(a_own, a, b)

    weight = np.ones(len(s))
    if values is not None:
        v = pd.Series(values, dtype="float64")
        if (v < 0).any() or v.isna().any():
            raise InputError("values must be numbers >= 0", expected="a weight per person id")
        weight = v.reindex(person).fillna(1.0).to_numpy()
    strength = s["strength"].to_numpy(dtype="float64")
    peak = np.fmax(s["peak"].to_numpy(dtype="float64"), strength)
    # a real relationship: it reached the secondary tier with some two-way contact
    two_way = (s["reciprocity"].to_numpy(dtype="float64") > 0 if "reciprocity" in s
               else np.ones(len(s), bool))
    real = ((peak >= model.secondary_threshold) & two_way) | (weight > 1.0)
    s, person, own, weight, strength, peak = (s[real].reset_index(drop=True), person[real],
                                              own[real], weight[real], strength[real],
                                              peak[real])

    code = model.tier_codes(strength)
    cad_by_tier = np.array([model.close_cadence_days, model.developing_cadence_days,
                            model.secondary_cadence_days, model.secondary_cadence_days])
    cadence = cad_by_tier[code]
    last_ns = s["last_contact"].astype("int64").to_numpy()
    has_last = s["last_contact"].notna().to_numpy()
    last = np.where(has_last, last_ns / _NS_PER_DAY, np.nan)
    silence = np.where(has_last, at_days - last, np.inf)
    due_raw = np.where(has_last, last + cadence, at_days)
    overdue = at_days - due_raw
    due = np.maximum(due_raw, at_days)

    q = np.where(np.isfinite(silence), silence / cadence, 3.0)
    u_due = q / (1.0 + q)
    nxt = s["next_tier_on"]
    nxt_days = np.where(nxt.notna(), nxt.astype("int64").to_numpy() / _NS_PER_DAY, np.nan)
    until_drop = nxt_days - at_days
    u_drop = np.where(np.isfinite(until_drop), np.exp(-np.maximum(until_drop, 0) / cadence), 0.0)
    cooling = s["cooling"].to_numpy(dtype=bool)
    u_cool = np.where(cooling, _COOLING_URGENCY, 0.0)
    urgency = np.maximum.reduce([u_due, u_drop, u_cool])
    value = peak * weight
    priority = value * urgency

    # reasons, most urgent first (vectorised over rows)
    tiers = np.asarray(TIERS, dtype=object)
    gap = s["usual_gap_days"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        multiple = np.rint(silence / gap)
    r_cool = np.where(cooling, "cooling: silent " + span_words(silence) + ", "
                      + pd.Series(multiple).fillna(0).astype("int64").astype(str).to_numpy()
                      + "x its usual gap of " + span_words(gap), "")
    r_drop = np.where(np.isfinite(until_drop),
                      "will fall below '" + tiers[code] + "' on " + _dates(nxt), "")
    cold_now = code == 3
    r_due = np.where(cold_now,
                     "went cold: was " + tiers[model.tier_codes(peak)] + " at its best, silent "
                     + span_words(silence),
                     np.where(overdue > 0,
                              "overdue by " + span_words(overdue) + " for a "
                              + cadence_words(cadence) + " cadence",
                              "due on " + _dates(pd.Series(datetimes_from_days(due_raw))) + " ("
                              + cadence_words(cadence) + " cadence)"))
    r_due = np.where(has_last, r_due, "never contacted: "
                     + np.where(weight > 1, "on a path you want", "worth a first ping"))
    parts = np.stack([r_cool, r_drop, r_due], axis=1).astype(object)
    rank = np.argsort(-np.stack([u_cool, u_drop, u_due], axis=1), axis=1, kind="stable")
    ordered = np.take_along_axis(parts, rank, axis=1)
    reason = pd.Series(["; ".join(x for x in row if x) for row in ordered.tolist()],
                       dtype=object) if len(ordered) else pd.Series([], dtype=object)

    names = pd.Series(person, dtype=object)
    if people is not None and "name" in people:
        lookup = people.drop_duplicates("person_id").set_index("person_id")["name"]
        mapped = names.map(lookup)
        names = mapped.where(mapped.notna() & (mapped != ""), names)
    out = pd.DataFrame({
        "person_id": person.astype(object),
        "person": names.to_numpy(dtype=object),
        "strength": strength,
        "tier": pd.Categorical(tiers[code], categories=list(TIERS)),
        "last_contact": s["last_contact"].to_numpy(),
        "due": datetimes_from_days(due),
        "goes_cold_on": s["goes_cold_on"].to_numpy(),
        "reason": reason.to_numpy(dtype=object),
        "priority": priority,
        "next_tier_on": s["next_tier_on"].to_numpy(),
        "peak": peak,
        "owner": own.astype(object),
    })
    out = out.sort_values(["priority", "person_id"], ascending=[False, True], kind="stable")
    if n is not None:
        out = out.head(int(n))
    return out.reset_index(drop=True)


def path_values(paths_per_target: Iterable[Iterable[Any]]) -> dict[str, float] | None:
    """Weights for :func:`ping_list`'s ``values`` from the warm paths to target companies.

    Everyone on a path after its owner weighs ``1 + 2 * probability`` of
    the best path they are on (so a hop on a likely path to a target is worth
    up to three times a tie of the same strength elsewhere).

    Parameters
    ----------
    paths_per_target : iterable of WarmPaths
        For each target company, its ranked paths (objects with ``person_ids``
        and ``probability``).

    Returns
    -------
    dict or None
        Person id to weight; ``None`` when there are no paths.

    Examples
    --------
    >>> from types import SimpleNamespace as P
    >>> path_values([[P(person_ids=["me", "jo", "al"], probability=0.5)]])
    {'jo': 2.0, 'al': 2.0}
    """
    values: dict[str, float] = {}
    for paths in paths_per_target:
        for p in paths:
            for pid in p.person_ids[1:]:
                values[pid] = max(values.get(pid, 1.0), 1.0 + 2.0 * p.probability)
    return values or None

