"""The ping list: whom to get back in touch with before a useful tie goes cold.

Each of the owner's ties gets a tier from its strength today (close, developing,
secondary, cold; :meth:`~netgraph.scoring.StrengthModel.tier`) and the tier's cadence
(:attr:`~netgraph.scoring.StrengthModel.cadences`; Ferrazzi's "pinging": developing
relationships about monthly, secondary ones two or three times a year). From the
strengths and their forecast (no further contact) the list ranks ties by what is at
stake::

    priority = value x urgency
    value    = peak x values[person] + 2 x stake
        peak   = the tie's best strength (or today's if higher)
        stake  = for a person on a path to a target company (set_targets): that
                 path's probability over the best path's to the target (1 on the
                 best path); 1 for a person an open ask waits on (see below)
    urgency  = max(due, drop, cooling, 0.5 if stake > 0)
        due     = q / (1 + q), q = silence / cadence       (0.5 when due, 0.75 at 3x)
        drop    = exp(-days until it leaves its tier / cadence)
        cooling = 0.75 while silent more than 8x its usual gap (Navarro et al. 2017)

so the introducers of the best paths to your targets and the people your asks wait
on come first (a stake of 1 outweighs any tie's own value), and the rest follows by
what it risks.

**Due dates.** A ping is due one cadence after the last contact, but never later
than :data:`DUE_MARGIN_DAYS` days before the tie would drop a tier or go cold
(``next_tier_on``, ``goes_cold_on``): ``due = min(last contact + cadence,
next_tier_on - margin, goes_cold_on - margin)``. A ping already late is due *at*
(today), and its row says by how much (``overdue_days``, "overdue by 3 weeks").

**Asks** (:mod:`netgraph.data.asks`), while open, add follow-ups (any contact with the
person resets their clock, as for every ping):

- ``asked``: follow up with the introducer :data:`FOLLOW_UP_DAYS` (7) days after the
  ask or the last contact since ("follow up on your ask to Yara about the Staff
  Engineer role, asked 9 days ago");
- ``introduced``: thank the introducer (due at once, until a contact after the
  introduction), and follow up with the person introduced 7 days after the
  introduction or your last contact;
- ``met``, ``referred``: keep in touch with the person at the target every 7 days.

A person on a path to a target with no open ask there is due today: "ask for an
introduction". Ties with no evidence of a real relationship (their strength never
reached the secondary tier: a connection never contacted, a single old e-mail) are
left out unless they have a stake or ``values`` weighs them above 1.

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
Di: secondary, due 2026-03-01. overdue by 9 months (4-monthly cadence); cooling: silent 13 months, 58x its usual gap of 7 days; will fall below 'secondary' on 2026-04-10
Bob: close, due 2026-03-01. overdue by 10 days (fortnightly cadence); will fall below 'close' on 2026-04-15
Cy: secondary, due 2026-03-01. overdue by 4 months (4-monthly cadence); will fall below 'secondary' on 2026-06-19
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

__all__ = ["DUE_MARGIN_DAYS", "FOLLOW_UP_DAYS", "STAKE_WEIGHT", "cadence_words", "path_values",
           "ping_list", "span_words", "target_paths"]

_NEEDED = ("a", "b", "strength", "tier", "last_contact", "cooling", "usual_gap_days",
           "silence_days", "peak", "next_tier_on", "goes_cold_on")
_COOLING_URGENCY = 0.75
#: Urgency of a row with something at stake (a path to a target, an open ask): as pressing
#: as a ping that is due.
_STAKE_URGENCY = 0.5
#: How much a stake of 1 adds to a tie's value (a tie's own value is at most ~1).
STAKE_WEIGHT = 2.0
#: A ping is due at least this many days before the tie drops a tier or goes cold.
DUE_MARGIN_DAYS = 7.0
#: Days after an ask (or an introduction, or the last contact since) a follow-up is due.
FOLLOW_UP_DAYS = 7.0


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
              values: Mapping[str, float] | pd.Series | None = None,
              targets: pd.DataFrame | None = None,
              asks: pd.DataFrame | None = None) -> pd.DataFrame:
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
        Weight of a tie's own value per person (default 1). Weights above 1 also keep
        ties that would be left out for lack of evidence.
    targets : pandas.DataFrame, optional
        :func:`target_paths` of the warm paths to the target companies: who is on
        them and how good their path is.
    asks : pandas.DataFrame, optional
        The ``asks`` table (:mod:`netgraph.data.asks`); open asks made by *at* add
        follow-ups.

    Returns
    -------
    pandas.DataFrame
        Best first: person_id, person (name), strength, tier, last_contact, due (when
        to ping; *at* when overdue), goes_cold_on (when the strength falls below the
        cold threshold with no contact; NaT if never or already cold), reason (in
        words), priority, next_tier_on (when it leaves its tier), peak, owner,
        overdue_days (0 when not overdue), stake (see the module), target (the target
        company the row matters for, ``""`` for none), ask_id (the open ask it
        follows up, <NA> for none).

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
    overdue by 3 months (monthly cadence); cooling: silent 4 months, 17x its usual gap of 7 days; will fall below 'developing' on 2025-08-19
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

    names = _names(people)
    last_of = pd.Series(s["last_contact"].to_numpy(),
                        index=pd.MultiIndex.from_arrays([own, person]))
    last_of = last_of[~last_of.index.duplicated()]
    stakes = _stakes(targets, asks, owners, at_ts, last_of, names)

    weight = np.ones(len(s))
    if values is not None:
        v = pd.Series(values, dtype="float64")
        if (v < 0).any() or v.isna().any():
            raise InputError("values must be numbers >= 0", expected="a weight per person id")
        weight = v.reindex(person).fillna(1.0).to_numpy()
    key = pd.MultiIndex.from_arrays([own.astype(object), person.astype(object)])
    has_stake = key.isin(stakes.index) if len(stakes) else np.zeros(len(s), bool)
    strength = s["strength"].to_numpy(dtype="float64")
    peak = np.fmax(s["peak"].to_numpy(dtype="float64"), strength)
    # a real relationship: it reached the secondary tier with some two-way contact
    two_way = (s["reciprocity"].to_numpy(dtype="float64") > 0 if "reciprocity" in s
               else np.ones(len(s), bool))
    real = ((peak >= model.secondary_threshold) & two_way) | (weight > 1.0) | has_stake
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
    nxt = s["next_tier_on"]
    nxt_days = _days(nxt)
    cold_days = _days(s["goes_cold_on"])
    # due: a cadence after the last contact, but a margin before it drops a tier / goes cold
    due_cadence = np.where(has_last, last + cadence, at_days)
    before_drop = np.fmin(nxt_days, cold_days) - DUE_MARGIN_DAYS
    capped = np.isfinite(before_drop) & (before_drop < due_cadence)
    due_raw = np.where(capped, before_drop, due_cadence)
    overdue = np.maximum(at_days - due_raw, 0.0)
    overdue = np.where(overdue >= 1.0, overdue, 0.0)  # a day late at least
    due = np.maximum(due_raw, at_days)

    q = np.where(np.isfinite(silence), silence / cadence, 3.0)
    u_due = q / (1.0 + q)
    until_drop = nxt_days - at_days
    u_drop = np.where(np.isfinite(until_drop), np.exp(-np.maximum(until_drop, 0) / cadence), 0.0)
    cooling = s["cooling"].to_numpy(dtype=bool)
    u_cool = np.where(cooling, _COOLING_URGENCY, 0.0)

    if n is not None and len(s) > int(n):
        # rank first, then word the reasons of the rows that can make the list only
        stake_all = np.zeros(len(s))
        if len(stakes):
            k = pd.MultiIndex.from_arrays([own.astype(object), person.astype(object)])
            stake_all = stakes["stake"].reindex(k).fillna(0.0).to_numpy(dtype="float64")
        u = np.maximum.reduce([u_due, u_drop, u_cool,
                               np.where(stake_all > 0, _STAKE_URGENCY, 0.0)])
        prio = (peak * weight + STAKE_WEIGHT * stake_all) * u
        top = pd.DataFrame({"p": -prio, "id": person.astype(object)}).sort_values(
            ["p", "id"], kind="stable").index.to_numpy()[:int(n)]
        sel = np.sort(top)
        s = s.iloc[sel].reset_index(drop=True)
        (person, own, weight, strength, peak, code, cadence, has_last, silence, capped,
         due_raw, overdue, due, u_due, until_drop, u_drop, cooling, u_cool) = (
            x[sel] for x in (person, own, weight, strength, peak, code, cadence, has_last,
                             silence, capped, due_raw, overdue, due, u_due, until_drop,
                             u_drop, cooling, u_cool))
        nxt = s["next_tier_on"]

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
    why_due = np.where(capped, "before it drops a tier or goes cold",
                       cadence_words(cadence) + " cadence")
    r_due = np.where(cold_now,
                     "went cold: was " + tiers[model.tier_codes(peak)] + " at its best, silent "
                     + span_words(silence)
                     + np.where(overdue > 0, " (overdue by " + span_words(overdue) + ")", ""),
                     np.where(overdue > 0,
                              "overdue by " + span_words(overdue) + " ("
                              + why_due + ")",
                              "due on " + _dates(pd.Series(datetimes_from_days(due_raw))) + " ("
                              + why_due + ")"))
    r_due = np.where(has_last, r_due, "never contacted: "
                     + np.where(weight > 1, "on a path you want", "worth a first ping"))
    parts = np.stack([r_cool, r_drop, r_due], axis=1).astype(object)
    rank = np.argsort(-np.stack([u_cool, u_drop, u_due], axis=1), axis=1, kind="stable")
    ordered = np.take_along_axis(parts, rank, axis=1)
    reason = pd.Series(["; ".join(x for x in row if x) for row in ordered.tolist()],
                       dtype=object) if len(ordered) else pd.Series([], dtype=object)
    # without the cadence clause: for a row whose schedule an open ask sets
    other = np.where(ordered == r_due[:, None], "", ordered) if len(ordered) else ordered
    reason_rest = [("; ".join(x for x in row if x)) for row in other.tolist()]

    names_col = pd.Series(person, dtype=object)
    mapped = names_col.map(names) if len(names) else pd.Series([np.nan] * len(names_col))
    names_col = mapped.where(mapped.notna() & (mapped != ""), names_col)
    out = pd.DataFrame({
        "person_id": person.astype(object),
        "person": names_col.to_numpy(dtype=object),
        "strength": strength,
        "tier": pd.Categorical(tiers[code], categories=list(TIERS)),
        "last_contact": s["last_contact"].array,
        "due": datetimes_from_days(due),
        "goes_cold_on": s["goes_cold_on"].array,
        "reason": reason.to_numpy(dtype=object),
        "priority": peak * weight * np.maximum.reduce([u_due, u_drop, u_cool]),
        "next_tier_on": s["next_tier_on"].array,
        "peak": peak,
        "owner": own.astype(object),
        "overdue_days": overdue,
        "stake": np.zeros(len(s)),
        "target": pd.Series([""] * len(s), dtype=object).to_numpy(),
        "ask_id": pd.array([pd.NA] * len(s), dtype="Int64"),
    })
    if len(stakes):
        out = _with_stakes(out, stakes, reason_rest, at_ts, weight, u_due, u_drop, u_cool)
    out = out.sort_values(["priority", "person_id"], ascending=[False, True], kind="stable")
    if n is not None:
        out = out.head(int(n))
    return out.reset_index(drop=True)


def _names(people: pd.DataFrame | None) -> pd.Series:
    if people is None or "name" not in people:
        return pd.Series([], dtype=object)
    return people.drop_duplicates("person_id").set_index("person_id")["name"]


def _days(col: pd.Series) -> np.ndarray:
    """Float days since the epoch of a UTC datetime column (NaN for NaT)."""
    return np.where(col.notna().to_numpy(), col.astype("int64").to_numpy() / _NS_PER_DAY,
                    np.nan)


def _with_stakes(out: pd.DataFrame, stakes: pd.DataFrame, reason_rest: list[str],
                 at: pd.Timestamp, weight: np.ndarray, u_due: np.ndarray, u_drop: np.ndarray,
                 u_cool: np.ndarray) -> pd.DataFrame:
    """The tie rows with the stakes (paths to targets, open asks) folded in, plus a row
    for each person at stake who is not one of the listed ties. An open ask sets its
    row's schedule (asking was a contact); a path to a target makes the row due now."""
    key = pd.MultiIndex.from_arrays([out["owner"].to_numpy(object),
                                     out["person_id"].to_numpy(object)])
    st = stakes.reindex(key)
    hit = st["stake"].notna().to_numpy()
    ask = hit & st["ask_id"].notna().to_numpy()
    out = out.copy()
    stake = np.where(hit, st["stake"].to_numpy(dtype="float64"), 0.0)
    out["stake"] = stake
    u = np.maximum.reduce([u_due, u_drop, u_cool, np.where(stake > 0, _STAKE_URGENCY, 0.0)])
    out["priority"] = (out["peak"].to_numpy() * weight + STAKE_WEIGHT * stake) * u
    sd = pd.Series(st["due"].array, index=out.index)           # the follow-up, unclipped
    late = ((at - sd).dt.total_seconds() / 86400.0).fillna(0.0).to_numpy()
    late = np.where(late >= 1.0, late, 0.0)
    sd = sd.where(sd.isna() | (sd >= at), at)
    due = out["due"].mask(sd.notna() & (sd < out["due"]), sd)
    out["due"] = due.mask(pd.Series(ask, index=out.index), sd)
    out["overdue_days"] = np.where(ask, late, out["overdue_days"].to_numpy())
    text = st["reason"].fillna("").to_numpy(object)
    text = np.where(late > 0, text + " (overdue by " + span_words(late) + ")", text)
    rest = np.asarray(reason_rest, dtype=object)
    rest = np.where(rest == "", "", "; " + rest)
    out["reason"] = np.where(ask, text + rest,
                             np.where(hit, text + "; " + out["reason"].to_numpy(object),
                                      out["reason"].to_numpy(object)))
    out["target"] = np.where(hit, st["target"].fillna("").to_numpy(object), out["target"])
    out["ask_id"] = pd.array(np.where(hit, st["ask_id"].to_numpy(object), pd.NA), dtype="Int64")
    missing = stakes[~stakes.index.isin(key)]
    if len(missing):
        nat = pd.Series(pd.NaT, index=range(len(missing)), dtype="datetime64[ns, UTC]").array
        extra = pd.DataFrame({
            "person_id": missing.index.get_level_values(1).to_numpy(object),
            "person": missing["person"].to_numpy(object),
            "strength": 0.0,
            "tier": pd.Categorical(["cold"] * len(missing), categories=list(TIERS)),
            "last_contact": nat,
            "due": missing["due"].fillna(at).array,
            "goes_cold_on": nat,
            "reason": (missing["reason"] + "; not a contact of yours yet").to_numpy(object),
            "priority": STAKE_WEIGHT * missing["stake"].to_numpy(dtype="float64")
            * _STAKE_URGENCY,
            "next_tier_on": nat,
            "peak": 0.0,
            "owner": missing.index.get_level_values(0).to_numpy(object),
            "overdue_days": 0.0,
            "stake": missing["stake"].to_numpy(dtype="float64"),
            "target": missing["target"].to_numpy(object),
            "ask_id": pd.array(missing["ask_id"].to_numpy(object), dtype="Int64"),
        })
        out = pd.concat([out, extra], ignore_index=True)
        out["tier"] = pd.Categorical(out["tier"].astype(object), categories=list(TIERS))
    return out


def _stakes(targets: pd.DataFrame | None, asks: pd.DataFrame | None, owners: set[str],
            at: pd.Timestamp, last_of: pd.Series, names: pd.Series) -> pd.DataFrame:
    """One row per (owner, person) with something at stake: ``stake`` (0..1),
    ``due`` (the soonest follow-up, NaT for none), ``reason``, ``target``, ``ask_id``
    and ``person`` (the name), indexed by (owner, person id). Small: a row per open
    ask and per person on a target path."""
    rows: list[dict[str, Any]] = []

    def last(owner: str, pid: str) -> pd.Timestamp:
        v = last_of.get((owner, pid), pd.NaT)
        return pd.NaT if v is None or pd.isna(v) or v > at else pd.Timestamp(v)

    def name(pid: str, fallback: str = "") -> str:
        v = names.get(pid, "") if len(names) else ""
        return str(v or fallback or pid)

    asked_targets: set[tuple[str, str]] = set()
    if asks is not None and len(asks):
        from netgraph.data.asks import OPEN

        open_ = asks[asks["status"].isin(list(OPEN)) & (asks["asked_on"] <= at)
                     & asks["owner_id"].astype(object).isin(list(owners))]
        for r in open_.to_dict("records"):
            owner, intro = str(r["owner_id"]), str(r["introducer_id"])
            who, target = (r["person_id"] or ""), r["target"]
            about = r["about"] or target
            since = pd.Timestamp(r["updated_on"])
            asked_targets.add((owner, intro))
            if who:
                asked_targets.add((owner, who))
            ask_id = int(r["ask_id"])
            iname, wname = name(intro, r["introducer"]), name(who, r["person"])
            if r["status"] == "asked":
                touch = max(since, last(owner, intro)) if pd.notna(last(owner, intro)) else since
                age = _ago(at - pd.Timestamp(r["asked_on"]))
                text = f"follow up on your ask to {iname} about {about}, asked {age}"
                if (at - pd.Timestamp(r["asked_on"])).days > 30:
                    text += " (no answer yet: ask once more, or record it as no_reply)"
                rows.append(dict(owner=owner, pid=intro, stake=1.0, ask_id=ask_id, target=target,
                                 due=touch + pd.Timedelta(days=FOLLOW_UP_DAYS), reason=text,
                                 person=iname))
                continue
            when_words = _ago(at - since)
            if r["status"] == "introduced":
                thanked = pd.notna(last(owner, intro)) and last(owner, intro) > since
                if not thanked and intro != who:
                    rows.append(dict(owner=owner, pid=intro, stake=1.0, ask_id=ask_id,
                                     target=target, due=max(since, at),
                                     reason=f"thank {iname} for introducing you to "
                                            f"{wname or target} ({when_words})",
                                     person=iname))
            contact = who or intro
            if r["status"] == "introduced" and not who:
                continue
            seen = last(owner, contact)
            touch = max(since, seen) if pd.notna(seen) else since
            cname = wname if who else iname
            text = {"introduced": f"follow up with {cname} ({target}): introduced "
                                  f"{when_words}",
                    "met": f"you met {cname} about {about} {when_words}: keep them posted",
                    "referred": f"referral in progress at {target} ({cname} referred you "
                                f"{when_words}): check in"}[r["status"]]
            rows.append(dict(owner=owner, pid=contact, stake=1.0, ask_id=ask_id, target=target,
                             due=touch + pd.Timedelta(days=FOLLOW_UP_DAYS), reason=text,
                             person=cname))
    if targets is not None and len(targets):
        t = targets[targets["owner"].isin(list(owners))]
        for r in t.to_dict("records"):
            owner, pid = str(r["owner"]), str(r["person_id"])
            if (owner, pid) in asked_targets:
                continue
            chance = f"chance {r['probability']:.2f}"
            best = ", your best way in)" if r["stake"] >= 1 else ")"
            if r["inside"] and r["current"]:
                text = f"works at {r['target']}: ask for a referral ({chance}{best}"
            elif r["inside"]:
                text = f"used to work at {r['target']}: ask for an introduction ({chance}{best}"
            elif r["first"]:
                text = (f"on {'the best' if r['stake'] >= 1 else 'a'} path to {r['target']} "
                        f"({chance}): ask for an introduction")
            else:
                text = f"on a path to {r['target']} ({chance})"
            rows.append(dict(owner=owner, pid=pid, stake=float(r["stake"]), ask_id=pd.NA,
                             target=r["target"], due=at if r["first"] else pd.NaT,
                             reason=text, person=name(pid)))
    cols = ["stake", "due", "reason", "target", "ask_id", "person"]
    if not rows:
        return pd.DataFrame({c: [] for c in cols},
                            index=pd.MultiIndex.from_arrays([[], []], names=["owner", "pid"]))
    f = pd.DataFrame(rows)
    f["due"] = pd.to_datetime(f["due"], utc=True)
    f = f.sort_values(["stake", "due"], ascending=[False, True], kind="stable")
    g = f.groupby(["owner", "pid"], sort=False)
    out = g.agg(stake=("stake", "max"), due=("due", "min"),
                reason=("reason", lambda x: "; ".join(dict.fromkeys(x))),
                target=("target", "first"), ask_id=("ask_id", "first"), person=("person", "first"))
    return out[cols]


def _ago(span: pd.Timedelta) -> str:
    """'today', or '9 days ago'."""
    days = span.total_seconds() / 86400.0
    return "today" if days < 1 else f"{span_words([days])[0]} ago"


def target_paths(paths_per_target: Iterable[Any]) -> pd.DataFrame:
    """Who is on the warm paths to the target companies, and how good their path is.

    For each target, every person on a path after its owner gets ``stake`` = that
    path's probability over the best path's (1 on the best path); a person on
    paths to several targets keeps their best.

    Parameters
    ----------
    paths_per_target : iterable of WarmPaths
        For each target company, its ranked paths (objects with ``person_ids``,
        ``probability``, ``company``).

    Returns
    -------
    pandas.DataFrame
        ``owner``, ``person_id``, ``target``, ``probability`` (of their best path),
        ``stake``, ``first`` (the first introducer on it), ``inside`` (the path's
        last person, at the target), ``current`` (inside and still working there).

    Examples
    --------
    >>> from types import SimpleNamespace as P
    >>> hops = [P(kind="knows"), P(kind="works_at")]
    >>> paths = [P(person_ids=["me", "jo", "al"], probability=0.5, company="Acme", hops=hops),
    ...          P(person_ids=["me", "al"], probability=0.25, company="Acme", hops=hops)]
    >>> target_paths([paths])[["person_id", "stake", "first", "inside"]].values.tolist()
    [['jo', 1.0, True, False], ['al', 1.0, False, True]]
    """
    rows = []
    for paths in paths_per_target:
        paths = list(paths)
        if not paths:
            continue
        best = max(p.probability for p in paths)
        for p in paths:
            ids = list(p.person_ids)
            for i, pid in enumerate(ids[1:], 1):
                rows.append({"owner": ids[0], "person_id": pid,
                             "target": p.company or ids[-1], "probability": p.probability,
                             "stake": p.probability / best if best > 0 else 0.0,
                             "first": i == 1,
                             "inside": i == len(ids) - 1 and p.company is not None,
                             "current": i == len(ids) - 1 and p.company is not None
                             and getattr(p.hops[-1], "kind", "works_at") == "works_at"})
    cols = ["owner", "person_id", "target", "probability", "stake", "first", "inside", "current"]
    if not rows:
        return pd.DataFrame({c: [] for c in cols})
    f = pd.DataFrame(rows, columns=cols).sort_values(["stake", "first"], ascending=False,
                                                      kind="stable")
    return f.drop_duplicates(["owner", "person_id"]).reset_index(drop=True)


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

