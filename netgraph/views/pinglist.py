"""The ping list as a table a notebook can show and a calendar can read.

:class:`PingList` is a :class:`pandas.DataFrame` (what :meth:`Network.ping_list
<netgraph.Network.ping_list>` returns): everything a DataFrame does works on it,
and slicing, filtering or sorting it gives a ``PingList`` again. On top it has a
readable notebook view (``_repr_html_``) and :meth:`PingList.to_ics`, which writes
each ping as an all-day calendar event so your own calendar reminds you.

Why a subclass and not an accessor: ``net.ping_list()`` is displayed directly in
a notebook, which needs ``_repr_html_`` on the object itself; an accessor
(``frame.netgraph.to_ics``) cannot change how the frame displays. The subclass
keeps no state besides the date the list was made for (``as_of``), so any
DataFrame operation keeps it valid; a frame without the ping columns (after
``ping[["person"]]``) simply displays as a plain DataFrame.

Examples
--------
>>> import os, tempfile, pandas as pd
>>> ping = PingList({"person_id": ["in:grace"], "person": ["Grace <Hopper>"],
...     "strength": [0.42], "tier": ["developing"],
...     "last_contact": [pd.Timestamp("2026-01-05", tz="UTC")],
...     "due": [pd.Timestamp("2026-02-05", tz="UTC")],
...     "reason": ["due on 2026-02-05 (monthly cadence)"], "owner": ["in:ada"]})
>>> "Grace &lt;Hopper&gt;" in ping._repr_html_()
True
>>> type(ping[ping["strength"] > 0.1]).__name__
'PingList'
>>> out = ping.to_ics(os.path.join(tempfile.mkdtemp(), "ping.ics"))
>>> "BEGIN:VEVENT" in out.read_text() and "DTSTART;VALUE=DATE:20260205" in out.read_text()
True
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from netgraph._rich import TIER_COLORS, badge, box, esc, strength_cell, table
from netgraph.errors import InputError

__all__ = ["CalendarExport", "PingList", "ping_uid", "write_ics"]

#: Columns a frame needs to be shown or exported as a ping list.
REQUIRED = ("person", "due", "reason")
#: Rows shown in the notebook view (the frame itself has them all).
HTML_MAX_ROWS = 50
_PRODID = "-//netgraph//ping list//EN"
_UID_DOMAIN = "ping.netgraph"
_EMAIL_RE = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[A-Za-z]{2,}")


class PingList(pd.DataFrame):
    """Whom to ping, best first: a DataFrame with a notebook view and ``to_ics``.

    Columns are those of :func:`netgraph.ping.ping_list` (``person_id``, ``person``,
    ``strength``, ``tier``, ``last_contact``, ``due``, ``goes_cold_on``, ``reason``,
    ``priority``, ``owner``...), plus ``owner_name`` from the network.

    Attributes
    ----------
    as_of : pandas.Timestamp or None
        The date the list was made for.
    """

    _metadata: ClassVar[list[str]] = ["as_of"]

    @property
    def _constructor(self) -> type[PingList]:
        return PingList

    # ------------------------------------------------------------ notebook view
    def _repr_html_(self) -> str | None:
        if any(c not in self.columns for c in REQUIRED):
            return super()._repr_html_()
        n = len(self)
        when = getattr(self, "as_of", None)
        title = f"Whom to ping: {n} {'person' if n == 1 else 'people'}"
        if when is not None and pd.notna(when):
            title += f" (as of {pd.Timestamp(when):%Y-%m-%d})"
        head = f'<div style="font-weight:600;font-size:14px">{esc(title)}</div>'
        if not n:
            return box(head + "<div>nobody is due: every useful tie is in touch.</div>")
        shown = self.head(HTML_MAX_ROWS)
        team = "owner_name" in shown and self["owner_name"].nunique() > 1
        header = ["person", *(["whose tie"] if team else []), "tier", "strength",
                  "last contact", "due", "goes cold", "why"]
        raw = [False, *([False] if team else []), True, True, False, False, False, False]
        rows = []
        for r in shown.to_dict("records"):
            tier = str(r.get("tier", "") or "")
            cells = [r["person"]]
            if team:
                cells.append(r.get("owner_name", ""))
            cells += [badge(tier, TIER_COLORS.get(tier, "#e5e7eb")) if tier else "",
                      strength_cell(r.get("strength")), _day(r.get("last_contact")),
                      _day(r["due"]), _day(r.get("goes_cold_on")), r["reason"]]
            rows.append(["" if c is None else str(c) for c in cells])
        more = (f"<i>... and {n - len(shown)} more (it is a DataFrame: slice or filter it)</i>"
                if n > len(shown) else "")
        return box(head + table(header, rows, raw=raw) + more)

    # ------------------------------------------------------------ calendar
    def to_ics(self, path: str | os.PathLike[str], *, emails: bool = False,
               alarm_hour: int | None = 9) -> Path:
        """Write each ping as an all-day calendar event (iCalendar ``.ics``).

        Import the file into your calendar (or subscribe to it) and it reminds
        you on each due date. Exporting again to the same file updates the same
        events: each event's UID comes from the owner, the person and the kind of
        ping, so a calendar replaces the event instead of adding a second one;
        an event whose date or text changed gets a higher ``SEQUENCE`` and a new
        ``DTSTAMP``, one that did not change is written exactly as before, and a
        ping no longer on the list is written once more as ``STATUS:CANCELLED``
        so the calendar removes it.

        Events, not to-dos (``VTODO``): every calendar shows an all-day event on
        its day and can alarm for it, while to-dos are dropped on import by
        Google Calendar and live in a separate app elsewhere. The events are
        ``TRANSP:TRANSPARENT``, so they never make you look busy.

        Parameters
        ----------
        path : str or path-like
            The ``.ics`` file; replaced atomically. If it exists it must be a
            ping calendar netgraph wrote (its events are updated).
        emails : bool, default False
            Keep e-mail addresses in the event text. By default any e-mail address
            (e.g. a person known only by e-mail) is replaced by "(e-mail hidden)".
        alarm_hour : int or None, default 9
            A reminder at this hour of the due day (``None``: no alarm).

        Returns
        -------
        pathlib.Path

        Raises
        ------
        InputError
            The frame lacks the ping columns, or *path* is a calendar netgraph
            did not write, or its folder does not exist.
        """
        write_ics(self, path, emails=emails, alarm_hour=alarm_hour)
        return Path(path)


def _day(v: Any) -> str:
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        return str(v)
    try:
        return f"{pd.Timestamp(v):%Y-%m-%d}"
    except (TypeError, ValueError):
        return str(v)


def ping_uid(owner: str, person_id: str, kind: str = "ping") -> str:
    """The stable calendar UID of one ping (a hash: no name or e-mail in it).

    Examples
    --------
    >>> ping_uid("in:ada", "in:grace") == ping_uid("in:ada", "in:grace")
    True
    >>> ping_uid("in:ada", "in:grace").endswith("@ping.netgraph")
    True
    """
    digest = hashlib.sha256(f"{owner}\x1f{person_id}\x1f{kind}".encode()).hexdigest()[:32]
    return f"{digest}@{_UID_DOMAIN}"


@dataclass(frozen=True)
class CalendarExport:
    """What :func:`write_ics` did: events written, and how many were new, changed,
    unchanged, or cancelled (no longer on the list)."""

    path: Path
    events: int
    new: int
    updated: int
    unchanged: int
    cancelled: int

    def __str__(self) -> str:
        return (f"wrote {self.events} ping{'s' if self.events != 1 else ''} to {self.path} "
                f"({self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.cancelled} cancelled)")


def _hide_emails(text: str, emails: bool) -> str:
    return text if emails else _EMAIL_RE.sub("(e-mail hidden)", text)


def _fingerprint(ev: Any) -> tuple[str, ...]:
    """What a calendar shows of an event: if this changes, SEQUENCE goes up."""
    start = ev.decoded("DTSTART").isoformat() if "DTSTART" in ev else ""
    return (*(str(ev.get(k, "")) for k in ("SUMMARY", "DESCRIPTION", "STATUS")), start)


def _read_previous(target: Path) -> dict[str, Any]:
    """The events of a ping calendar netgraph wrote before, by UID."""
    if not target.exists():
        return {}
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(target.read_bytes())
    except (ValueError, IndexError, KeyError) as err:
        raise InputError(f"{target} exists and is not an iCalendar file ({err})", file=target,
                         expected="a ping calendar written by netgraph, or a new path",
                         hint="choose another file name, or delete the file first") from None
    if str(cal.get("PRODID", "")) != _PRODID:
        raise InputError(f"{target} is a calendar netgraph did not write; not replacing it",
                         file=target, expected="a ping calendar written by netgraph",
                         hint="export to a new file and import that into your calendar")
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT") if "UID" in ev}


def write_ics(frame: pd.DataFrame, path: str | os.PathLike[str], *, emails: bool = False,
              alarm_hour: int | None = 9, now: datetime | None = None) -> CalendarExport:
    """Write the pings of *frame* as all-day events; see :meth:`PingList.to_ics`.

    *now* is the ``DTSTAMP`` of new and changed events (default: the current UTC time).

    Examples
    --------
    >>> import os, tempfile, pandas as pd
    >>> frame = pd.DataFrame({"person_id": ["in:grace"], "person": ["Grace Hopper"],
    ...     "due": [pd.Timestamp("2026-02-05", tz="UTC")], "reason": ["overdue"],
    ...     "owner": ["in:ada"]})
    >>> path = os.path.join(tempfile.mkdtemp(), "ping.ics")
    >>> print(write_ics(frame, path).new, write_ics(frame, path).unchanged)
    1 1
    """
    from icalendar import Alarm, Calendar, Event

    missing = [c for c in (*REQUIRED, "person_id") if c not in frame.columns]
    if missing:
        raise InputError(f"the ping list lacks the column(s) {', '.join(missing)}",
                         expected="a frame from net.ping_list()",
                         hint="export net.ping_list(...) (filter its rows, keep its columns)")
    if alarm_hour is not None and not (isinstance(alarm_hour, int) and 0 <= alarm_hour <= 23):
        raise InputError(f"alarm_hour must be an hour 0..23 or None, got {alarm_hour!r}",
                         hint="pass alarm_hour=9")
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"the folder {str(target.parent)!r} does not exist", file=target,
                         expected="a path in an existing folder",
                         hint="create the folder first or choose another path")
    previous = _read_previous(target)
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)

    cal = Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "netgraph: whom to ping")

    counts = {"new": 0, "updated": 0, "unchanged": 0, "cancelled": 0}
    seen: set[str] = set()
    records = frame.to_dict("records")
    for r in records:
        due = r["due"]
        if due is None or pd.isna(due):
            continue
        owner = str(r.get("owner", "") or "")
        kind = str(r.get("kind", "") or "ping")
        uid = ping_uid(owner, str(r["person_id"]), kind)
        if uid in seen:  # one event per owner, person and kind
            continue
        seen.add(uid)
        day: date = pd.Timestamp(due).date()
        who = _hide_emails(str(r["person"] or "(no name)"), emails)
        lines = [_hide_emails(str(r["reason"]), emails)]
        facts = []
        if "strength" in r and pd.notna(r["strength"]):
            tier = f" ({r['tier']})" if r.get("tier") is not None and pd.notna(r["tier"]) else ""
            facts.append(f"strength {float(r['strength']):.2f}{tier}")
        if _day(r.get("last_contact")):
            facts.append(f"last contact {_day(r.get('last_contact'))}")
        if _day(r.get("goes_cold_on")):
            facts.append(f"goes cold on {_day(r.get('goes_cold_on'))}")
        if r.get("owner_name"):
            facts.append(f"whose tie: {_hide_emails(str(r['owner_name']), emails)}")
        if facts:
            lines.append("; ".join(facts))
        lines.append("From netgraph's ping list (netgraph ping).")
        ev = Event()
        ev.add("uid", uid)
        ev.add("summary", f"Ping {who}")
        ev.add("description", "\n".join(lines))
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        ev.add("status", "CONFIRMED")
        ev.add("categories", ["netgraph", "ping"])
        if alarm_hour is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Ping {who}")
            alarm.add("trigger", timedelta(hours=alarm_hour))
            ev.add_component(alarm)
        counts[_stamp(ev, previous.get(uid), stamp)] += 1
        cal.add_component(ev)
    for uid, old in previous.items():  # no longer due: cancel it once, then forget it
        if uid in seen or str(old.get("STATUS", "")).upper() == "CANCELLED":
            continue
        ev = Event()
        ev.add("uid", uid)
        ev.add("summary", str(old.get("SUMMARY", "")))
        ev.add("description", "No longer on the ping list.")
        ev.add("dtstart", old.decoded("DTSTART"))
        ev.add("dtend", old.decoded("DTSTART") + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        ev.add("status", "CANCELLED")
        _stamp(ev, old, stamp)
        counts["cancelled"] += 1
        cal.add_component(ev)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(cal.to_ical())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return CalendarExport(target, len(seen), **counts)


def _stamp(ev: Any, old: Any, stamp: datetime) -> str:
    """Set SEQUENCE and DTSTAMP: kept when nothing a calendar shows changed, else
    bumped. Returns ``"new"``, ``"unchanged"`` or ``"updated"``."""
    if old is None:
        ev.add("sequence", 0)
        ev.add("dtstamp", stamp)
        return "new"
    seq = int(old.get("SEQUENCE", 0))
    if _fingerprint(old) == _fingerprint(ev):
        ev.add("sequence", seq)
        ev.add("dtstamp", old.decoded("DTSTAMP") if "DTSTAMP" in old else stamp)
        return "unchanged"
    ev.add("sequence", seq + 1)
    ev.add("dtstamp", stamp)
    return "updated"
