"""Introductions asked for, and what came of them: the ``asks`` table.

An *ask* is a request to an introducer ("could you introduce me to someone at
Acme?"). It moves forward through::

    asked -> introduced -> met -> referred -> offer

and may end early as ``declined`` (the introducer, or the person, said no) or
``no_reply``. A move may skip steps (``asked -> met``) but never goes back
(``offer -> asked``) and nothing follows an end (``offer``, ``declined``,
``no_reply``); :data:`NEXT` lists the allowed moves. Setting the status an ask
already has only updates its date and note.

The functions here are pure: they take and return
:class:`~netgraph.data.merge.Tables`. Recording an ``introduced`` move makes
the tie between the owner and the person introduced (source ``"ask"``, dated
the day of the introduction) and an introduction (a 3-person ``message``
thread) as its first contact, so the new person is reachable at once.
:class:`~netgraph.Network` journals both kinds of change (``edits`` kinds
``"ask"`` and ``"ask_update"``), so undoing an import or splitting a person
replays them.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data.asks import add_ask, update_ask
>>> from netgraph.data.merge import Tables, upsert_people
>>> t, ids, _ = upsert_people(Tables.empty(), pd.DataFrame(
...     {"name": ["Ada", "Grace Hopper"], "company": ["", "Acme"]}), source="contacts")
>>> t = add_ask(t, ask_id=1, owner_id=ids[0], introducer_id=ids[1], target="Acme",
...             target_id="acme", target_kind="company", when=pd.Timestamp("2026-11-01", tz="UTC"))
>>> t = update_ask(t, 1, "declined", when=pd.Timestamp("2026-11-05", tz="UTC"))
>>> t.asks[["ask_id", "introducer", "status", "history"]].values.tolist()
[[1, 'Grace Hopper', 'declined', 'asked@2026-11-01; declined@2026-11-05']]
>>> update_ask(t, 1, "asked")
Traceback (most recent call last):
...
netgraph.errors.InputError: ask 1 is declined: it cannot become 'asked'. Expected no further move (declined is final). Hint: ...
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.data.merge import Tables, add_interactions, add_ties, append_rows, upsert_people
from netgraph.errors import InputError, NotFoundError

__all__ = [
    "CLOSED",
    "NEXT",
    "OPEN",
    "STATUSES",
    "SUCCESS",
    "add_ask",
    "ask_args",
    "introduce",
    "next_ask_id",
    "update_ask",
]

#: Every status, in the order an ask moves through them; the last two end it early.
STATUSES: tuple[str, ...] = ("asked", "introduced", "met", "referred", "offer", "declined",
                             "no_reply")
#: Statuses after which nothing follows.
CLOSED: tuple[str, ...] = ("offer", "declined", "no_reply")
#: Statuses of an ask still in progress (follow-ups are due on these).
OPEN: tuple[str, ...] = ("asked", "introduced", "met", "referred")
#: Statuses that count as a successful ask (the introduction happened) for calibration.
SUCCESS: tuple[str, ...] = ("introduced", "met", "referred", "offer")

#: The allowed moves from each status: forward (skipping steps is fine) or to an early
#: end. Setting the status an ask already has is allowed too (it updates the date).
NEXT: dict[str, tuple[str, ...]] = {
    "asked": ("introduced", "met", "referred", "offer", "declined", "no_reply"),
    "introduced": ("met", "referred", "offer", "declined", "no_reply"),
    "met": ("referred", "offer", "declined", "no_reply"),
    "referred": ("offer", "declined", "no_reply"),
    "offer": (),
    "declined": (),
    "no_reply": (),
}


def next_ask_id(t: Tables) -> int:
    """The id the next ask gets (ids are never reused).

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> next_ask_id(Tables.empty())
    1
    """
    return int(t.asks["ask_id"].max()) + 1 if len(t.asks) else 1


def _day(when: pd.Timestamp) -> str:
    return when.strftime("%Y-%m-%d")


def add_ask(t: Tables, *, ask_id: int, owner_id: str, introducer_id: str, target: str,
            target_id: str, target_kind: str, when: pd.Timestamp, person_id: str = "",
            person: str = "", about: str = "", via: str = "", note: str = "",
            probability: float = float("nan")) -> Tables:
    """*t* with a new ask (status ``asked``) recorded.

    Parameters
    ----------
    t : Tables
    ask_id : int
        Its id (:func:`next_ask_id`).
    owner_id, introducer_id : str
        Person ids of who asked and whom.
    target, target_id, target_kind : str
        The target as shown, its company id or person id, ``"company"`` or ``"person"``.
    when : Timestamp
        When it was asked (UTC).
    person_id, person : str
        Whom the introducer would introduce you to, when known.
    about, via, note : str
        What it is about (a role), how you asked (a channel), a note.
    probability : float
        The raw probability of the best path through the introducer when asked.

    Returns
    -------
    Tables

    Raises
    ------
    InputError
        *ask_id* is taken.
    """
    if (t.asks["ask_id"] == ask_id).any():
        raise InputError(f"ask {ask_id} exists already", hint="Use the next free ask id.")
    names = pd.Series(t.people["name"].to_numpy(), index=t.people["person_id"].to_numpy())
    row = pd.DataFrame({
        "ask_id": [int(ask_id)], "owner_id": [owner_id], "introducer_id": [introducer_id],
        "introducer": [str(names.get(introducer_id, introducer_id))], "target": [target],
        "target_id": [target_id], "target_kind": [target_kind], "person_id": [person_id],
        "person": [person], "about": [about], "via": [via], "note": [note],
        "status": ["asked"], "asked_on": [when], "updated_on": [when],
        "probability": [float(probability)], "history": [f"asked@{_day(when)}"]})
    return t.replace(asks=append_rows(t, "asks", row))


def _check_move(ask_id: int, old: str, new: str) -> None:
    if new not in STATUSES:
        raise InputError(f"unknown status {new!r} for ask {ask_id}",
                         expected="one of " + ", ".join(STATUSES),
                         hint=f"From {old!r} an ask can move to: "
                              + (", ".join(NEXT[old]) or "nothing (it is closed)") + ".")
    if new == old or new in NEXT[old]:
        return
    allowed = ", ".join(NEXT[old])
    raise InputError(
        f"ask {ask_id} is {old}: it cannot become {new!r}",
        expected=(f"one of {allowed}" if allowed else f"no further move ({old} is final)"),
        hint="An ask moves forward through asked, introduced, met, referred, offer, or ends "
             "as declined or no_reply; record a new ask to start again.")


def update_ask(t: Tables, ask_id: int, status: str, *, when: pd.Timestamp | None = None,
               note: str | None = None, person_id: str = "", person: str = "",
               company: str = "") -> Tables:
    """*t* with ask *ask_id* moved to *status* (see :data:`NEXT` for the allowed moves).

    A move to ``introduced`` (or later, from ``asked``) makes the tie owner -
    person introduced, dated *when*, with an introduction as its first contact.
    The person is *person_id* when known (a person in the network), else a new
    person named *person* working at *company* (the target), else the person
    recorded on the ask. Without anybody to introduce (a company target and no
    name), the status is recorded and no tie is made.

    Parameters
    ----------
    t : Tables
    ask_id : int
    status : str
        One of :data:`STATUSES`.
    when : Timestamp, optional
        When it happened (default: now).
    note : str, optional
        Replaces the ask's note when given.
    person_id, person, company : str
        Whom you were introduced to (see above).

    Returns
    -------
    Tables

    Raises
    ------
    NotFoundError
        No ask has that id.
    InputError
        An unknown status or a move the list does not allow (the message lists
        the allowed ones).
    """
    asks = t.asks
    hit = np.flatnonzero((asks["ask_id"] == ask_id).to_numpy())
    if not len(hit):
        raise NotFoundError(f"no ask {ask_id}", suggestions=[str(i) for i in asks["ask_id"]][-10:],
                            hint="Ask ids are listed by Network.asks.",
                            cli_hint="Run `netgraph asks` for the ids.")
    i = int(hit[0])
    old = str(asks["status"].iat[i])
    status = str(status).strip().lower().replace(" ", "_").replace("-", "_")
    _check_move(ask_id, old, status)
    when = pd.Timestamp.now(tz="UTC") if when is None else when
    asks = asks.copy()
    if status != old or person_id or person:
        asks.iat[i, asks.columns.get_loc("history")] = (
            asks["history"].iat[i] + f"; {status}@{_day(when)}")
    asks.iat[i, asks.columns.get_loc("status")] = status
    asks.iat[i, asks.columns.get_loc("updated_on")] = when
    if note is not None:
        asks.iat[i, asks.columns.get_loc("note")] = note
    introduced_now = old == "asked" and status in SUCCESS
    if not introduced_now:
        return t.replace(asks=asks)
    owner = str(asks["owner_id"].iat[i])
    if not person_id and person:
        company = company or (str(asks["target"].iat[i])
                              if asks["target_kind"].iat[i] == "company" else "")
        t, ids, _ = upsert_people(t, pd.DataFrame({"name": [person], "company": [company]}),
                                  source="ask", as_of=when)
        person_id = str(ids.iloc[0])
        asks = schema.conform(asks, "asks", person_ids=t.person_dtype)
    if not person_id:
        person_id = str(asks["person_id"].iat[i])
    if person_id and person_id in set(t.ids):
        names = pd.Series(t.people["name"].to_numpy(), index=t.people["person_id"].to_numpy())
        asks.iat[i, asks.columns.get_loc("person_id")] = person_id
        asks.iat[i, asks.columns.get_loc("person")] = str(names.get(person_id, person_id))
        t = t.replace(asks=asks)
        intro = str(asks["introducer_id"].iat[i])
        if person_id not in (owner, intro):  # an introducer who refers you makes no new tie
            t = introduce(t, owner, person_id, intro, when)
        return t
    return t.replace(asks=asks)


def introduce(t: Tables, owner_id: str, person_id: str, introducer_id: str,
              when: pd.Timestamp) -> Tables:
    """*t* with the tie *owner_id* - *person_id* made by an introduction at *when*:
    the tie (source ``"ask"``, since *when*) and the introduction as its first
    contact (a 3-person ``message`` thread, no direction, source ``"ask"``).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, upsert_people
    >>> t, ids, _ = upsert_people(Tables.empty(), pd.DataFrame(
    ...     {"name": ["Ada", "Grace", "Alan"]}), source="contacts")
    >>> t = introduce(t, ids[0], ids[2], ids[1], pd.Timestamp("2026-11-10", tz="UTC"))
    >>> t.ties[["a", "b", "source"]].astype(str).values.tolist()
    [['name:ada@', 'name:alan@', 'ask;interactions']]
    """
    names = pd.Series(t.people["name"].to_numpy(), index=t.people["person_id"].to_numpy())
    t, _ = add_ties(t, pd.Series([owner_id]), pd.Series([person_id]), pd.Series([when]),
                    source="ask", owner=owner_id)
    row = pd.DataFrame({"person_id": [person_id], "other_id": [owner_id], "timestamp": [when],
                        "channel": ["message"], "direction": [""], "participants": [3],
                        "source": ["ask"],
                        "note": [f"introduced by {names.get(introducer_id, introducer_id)}"]})
    t, _ = add_interactions(t, row, new_ties=False)  # the tie is made above
    return t


def ask_args(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON-able arguments of :func:`add_ask` for one asks row (to journal it)."""
    keys = ("ask_id", "owner_id", "introducer_id", "target", "target_id", "target_kind",
            "person_id", "person", "about", "via", "note", "probability")
    out = {k: row[k] for k in keys}
    out["ask_id"] = int(out["ask_id"])
    out["probability"] = None if pd.isna(out["probability"]) else float(out["probability"])
    out["when"] = pd.Timestamp(row["asked_on"]).isoformat()
    return out
