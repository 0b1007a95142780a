"""Calendars (.ics): meetings with the people invited to them.

Parsed with :mod:`icalendar` (time zones: ``TZID`` with the file's
``VTIMEZONE``s or the IANA database) and expanded with
:mod:`recurring_ical_events` (``RRULE``, ``EXDATE``, ``RDATE`` and moved or
cancelled occurrences). Each occurrence of an event with at least one other
attendee becomes a ``meeting`` interaction between the owner and each other
attendee (the organizer included); ``participants`` counts the attendees who
did not decline, the organizer included.

Skipped and counted in the report: cancelled events and occurrences
(``STATUS:CANCELLED``), events the owner declined, attendees who declined
(``PARTSTAT=DECLINED``; rooms and resources are not people), events with no
other attendee, and occurrences beyond the expansion bounds (at most
:data:`MAX_YEARS_BACK` years before the import date or *until*, and
:data:`MAX_OCCURRENCES` occurrences per event). All-day events count at
midnight UTC of their date; floating times are read in the calendar's
``X-WR-TIMEZONE``, else as UTC.

Registered as the ``calendar`` source: ``netgraph import calendar FILE.ics --owner NAME``.

Examples
--------
>>> import pathlib, tempfile
>>> ics = '''BEGIN:VCALENDAR
... VERSION:2.0
... PRODID:-//example//EN
... BEGIN:VEVENT
... UID:1@example.org
... DTSTART:20260105T100000Z
... DTEND:20260105T103000Z
... ORGANIZER;CN=Sam Rivera:mailto:sam@example.org
... ATTENDEE;CN=Grace Hopper;PARTSTAT=ACCEPTED:mailto:grace@example.org
... ATTENDEE;CN=Sam Rivera;PARTSTAT=ACCEPTED:mailto:sam@example.org
... END:VEVENT
... END:VCALENDAR
... '''
>>> path = pathlib.Path(tempfile.mkdtemp()) / "cal.ics"
>>> _ = path.write_text(ics)
>>> df = read_calendar(path, me="sam@example.org", until="2026-02-01")
>>> df[["line", "person_email", "timestamp", "direction", "participants"]]
   line       person_email                 timestamp direction  participants
0     4  grace@example.org 2026-01-05 10:00:00+00:00       out             2
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.sources._progress import bar
from netgraph.sources.registry import Source, register_source
from netgraph.sources.report import ImportReport, Issue

__all__ = ["MAX_OCCURRENCES", "MAX_YEARS_BACK", "SOURCE", "import_calendar", "read_calendar"]

#: Recurring events are expanded at most this many years back from the import date.
MAX_YEARS_BACK = 5
#: At most this many occurrences of one recurring event are expanded.
MAX_OCCURRENCES = 10_000

_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})
#: The properties icalendar and recurring-ical-events are given (the times of an event).
_TIME_PROPS = ("UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
               "RECURRENCE-ID", "STATUS", "SEQUENCE")


def _address(value: Any) -> str:
    a = str(value).strip()
    if a[:7].lower() == "mailto:":
        a = a[7:]
    a = a.strip().lower()
    return a if "@" in a else ""


def _people(comp: Any) -> tuple[list[tuple[str, str, str]], str]:
    """(address, name, partstat) of the organizer and attendees; the organizer's address."""
    out: dict[str, tuple[str, str, str]] = {}
    org = comp.get("ORGANIZER")
    organizer = ""
    if org is not None:
        organizer = _address(org)
        if organizer:
            out[organizer] = (organizer, str(org.params.get("CN", "")).strip(), "ACCEPTED")
    att = comp.get("ATTENDEE")
    if att is None:
        att = []
    elif not isinstance(att, list):
        att = [att]
    for a in att:
        params = getattr(a, "params", {})
        if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE or \
                str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        addr = _address(a)
        if not addr:
            continue
        name = str(params.get("CN", "")).strip() or (out[addr][1] if addr in out else "")
        out[addr] = (addr, name, str(params.get("PARTSTAT", "")).upper())
    return list(out.values()), organizer


def _ns(value: Any, floating: Any) -> int | None:
    """DTSTART (icalendar's value) as UTC nanoseconds: all-day at midnight UTC, floating
    in *floating* (a tzinfo)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=floating)
        return _to_ns(value)
    if isinstance(value, dt.date):
        return _to_ns(dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc))
    return None


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _to_ns(value: dt.datetime) -> int:
    d = value - _EPOCH
    return (d.days * 86_400 + d.seconds) * _S + d.microseconds * 1_000


_S = 10**9


def _zone(name: str) -> Any:
    """An IANA time zone by name, or None."""
    if not name or name in _NO_ZONE:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        _NO_ZONE.add(name)
        return None


_NO_ZONE: set[str] = set()


def _prop(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;PARAM=V;PARAM="a:b":value`` -> (NAME, params with upper-case keys, value)."""
    colon = line.find(":")
    semi = line.find(";")
    if semi < 0 or colon < semi:  # no parameters: the common case
        return line[:colon].upper(), {}, line[colon + 1:]
    if '"' not in line[:colon]:  # parameters, none quoted
        parts = line[:colon].split(";")
        return parts[0].upper(), {k.upper(): v for k, _, v in
                                  (p.partition("=") for p in parts[1:])}, line[colon + 1:]
    params: dict[str, str] = {}
    name = line[:semi].upper()
    i, n = semi + 1, len(line)
    while i < n:
        eq = line.find("=", i)
        if eq < 0:
            return name, params, ""
        key = line[i:eq].strip().upper()
        j = eq + 1
        if j < n and line[j] == '"':
            end = line.find('"', j + 1)
            end = n if end < 0 else end
            val, j = line[j + 1:end], end + 1
        else:
            k = j
            while k < n and line[k] not in ";:":
                k += 1
            val, j = line[j:k], k
        params[key] = val
        if j >= n:
            return name, params, ""
        if line[j] == ":":
            return name, params, line[j + 1:]
        i = j + 1
    return name, params, ""


class _Block:
    """One VEVENT as written: its first line and its (unfolded) property lines."""

    __slots__ = ("line", "lines", "recurring", "tzids", "uid")

    def __init__(self, line: int) -> None:
        self.line = line
        self.lines: list[str] = []
        self.uid = ""
        self.recurring = False
        self.tzids: set[str] = set()


def _split(text: str, path: Path, report: ImportReport) -> tuple[list[_Block], dict[str, str],
                                                                   str]:
    """The VEVENTs, the VTIMEZONEs (TZID -> text) and the X-WR-TIMEZONE of a calendar."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    events: list[_Block] = []
    zones: dict[str, str] = {}
    wr_tz = ""
    depth: list[str] = []
    block: _Block | None = None
    zone: list[str] | None = None
    zone_id = ""
    cur = ""
    cur_no = 0
    for no, line in enumerate([*raw, ""], 1):
        if line[:1] in (" ", "\t"):  # a folded line continues the previous one
            cur += line[1:]
            continue
        if cur:
            up = cur[:16].upper()
            if up.startswith("BEGIN:"):
                what = cur[6:].strip().upper()
                depth.append(what)
                if what == "VEVENT" and block is None:
                    block = _Block(cur_no)
                elif what == "VTIMEZONE":
                    zone, zone_id = [cur], ""
            elif up.startswith("END:"):
                what = cur[4:].strip().upper()
                if depth and depth[-1] == what:
                    depth.pop()
                if what == "VEVENT" and block is not None and "VEVENT" not in depth:
                    events.append(block)
                    block = None
                elif what == "VTIMEZONE" and zone is not None:
                    zone.append(cur)
                    if zone_id:
                        zones[zone_id] = "\r\n".join(zone)
                    zone = None
            elif zone is not None:
                zone.append(cur)
                if up.startswith("TZID"):
                    zone_id = cur.partition(":")[2].strip()
            elif block is not None:
                if depth[-1] == "VEVENT":  # not in a VALARM
                    block.lines.append(cur)
                    if up.startswith(("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "EXRULE")):
                        block.recurring = True
                    elif up.startswith("UID"):
                        block.uid = cur.partition(":")[2].strip()
                    if "TZID=" in cur[:60].upper() and up.startswith(("DTSTART", "DTEND")):
                        block.tzids.add(_prop(cur)[1].get("TZID", ""))
            elif up.startswith("X-WR-TIMEZONE") and not wr_tz:
                wr_tz = cur.partition(":")[2].strip()
        cur, cur_no = line, no
    if block is not None:
        report.skip(block.line, "event not ended (no END:VEVENT): the file is truncated")
    return events, zones, wr_tz


def _read_block(block: _Block) -> tuple[str, str, dict[str, str], str,
                                         list[tuple[str, str, str]]]:
    """STATUS, DTSTART (value, params), organizer and people of one VEVENT, as written."""
    status = start = organizer = ""
    start_params: dict[str, str] = {}
    people: dict[str, tuple[str, str, str]] = {}
    for line in block.lines:
        c = line[:1].upper()
        if c not in "SDOA":
            continue
        name, params, value = _prop(line)
        if name == "STATUS":
            status = value.strip().upper()
        elif name == "DTSTART":
            start, start_params = value.strip(), params
        elif name in ("ORGANIZER", "ATTENDEE"):
            if params.get("CUTYPE", "").upper() in _NOT_PEOPLE or \
                    params.get("ROLE", "").upper() == "NON-PARTICIPANT":
                continue
            addr = _address(value)
            if not addr:
                continue
            cn = params.get("CN", "").strip()
            if name == "ORGANIZER":
                organizer = addr
                people.setdefault(addr, (addr, cn, "ACCEPTED"))
            else:
                people[addr] = (addr, cn or (people[addr][1] if addr in people else ""),
                                params.get("PARTSTAT", "").upper())
    return status, start, start_params, organizer, list(people.values())


def _simple(block: _Block, floating: Any, fname: str, occ: list, skip: Any) -> None:
    """An event without recurrence whose time zones are IANA names: read here, fast."""
    status, start, start_params, organizer, people = _read_block(block)
    uid = block.uid or f"line {block.line}"
    if status == "CANCELLED":
        skip(fname, block.line, f"cancelled event {uid}", "cancelled")
        return
    ns = _parse_start(start, start_params, floating)
    if ns is None:
        skip(fname, block.line, f"event {uid}: no or unreadable start (DTSTART {start!r})",
             "no start")
        return
    occ.append((block.line, uid, ns, organizer, people, fname))


def _parse_start(value: str, params: dict[str, str], floating: Any) -> int | None:
    try:
        if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
            return _to_ns(dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]),
                                      tzinfo=dt.timezone.utc))
        if len(value) < 15 or value[8] not in "Tt":
            return None
        d = dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]),
                        int(value[11:13]), int(value[13:15]))
    except ValueError:
        return None
    if value.endswith(("Z", "z")):
        tz: Any = dt.timezone.utc
    elif params.get("TZID"):
        tz = _zone(params["TZID"].strip())
    else:
        tz = floating
    return _to_ns(d.replace(tzinfo=tz))


def _aware_start(value: str, params: dict[str, str], floating: Any
                 ) -> dt.datetime | None:
    """DTSTART as written -> a datetime in its own zone (wall-clock time kept, so a
    rule repeats at the same local time across daylight-saving changes); all-day: a
    naive midnight. None when not readable here."""
    try:
        if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
            return dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]))
        if len(value) < 15 or value[8] not in "Tt":
            return None
        d = dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]),
                        int(value[11:13]), int(value[13:15]))
    except ValueError:
        return None
    if value.endswith(("Z", "z")):
        return d.replace(tzinfo=dt.timezone.utc)
    if params.get("TZID"):
        tz = _zone(params["TZID"].strip())
        return None if tz is None else d.replace(tzinfo=tz)
    return d.replace(tzinfo=floating)


def _series(block: _Block, floating: Any, start: pd.Timestamp, end: pd.Timestamp,
            fname: str, occ: list, skip: Any, report: ImportReport) -> bool:
    """Expand a series written as one VEVENT with one RRULE (and EXDATEs) with dateutil
    directly, over the import window: the common case (weekly 1:1s), without building
    icalendar components per event. False (nothing done): the series has moved or
    extra occurrences, several rules, or values read only by recurring-ical-events."""
    from dateutil.rrule import rrulestr

    rule = None
    exdates: list[tuple[dict[str, str], str]] = []
    for ln in block.lines:
        up = ln[:14].upper()
        if up.startswith("RRULE"):
            name, params, value = _prop(ln)
            if rule is not None or params or name != "RRULE":
                return False
            rule = value.strip()
        elif up.startswith("EXDATE"):
            _, params, value = _prop(ln)
            exdates.append((params, value))
        elif up.startswith(("RDATE", "EXRULE", "RECURRENCE-ID")):
            return False
    if not rule:
        return False
    status, start_v, start_params, organizer, people = _read_block(block)
    first = _aware_start(start_v.strip(), start_params, floating)
    if first is None:
        return False
    all_day = first.tzinfo is None
    skipped: set[int] = set()
    for params, value in exdates:
        for v in value.split(","):
            v = v.strip()
            if not v:
                continue
            is_date = params.get("VALUE", "").upper() == "DATE" or len(v) == 8
            if is_date != all_day:
                return False  # a date excluding a timed occurrence: leave it to the library
            ns = _parse_start(v, params, floating)
            if ns is None:
                return False
            skipped.add(ns)
    uid = block.uid or f"line {block.line}"
    line = block.line
    if status == "CANCELLED":
        skip(fname, line, f"cancelled event {uid}", "cancelled")
        return True
    lo = start.to_pydatetime()
    hi = end.to_pydatetime()
    if all_day:
        lo, hi = lo.replace(tzinfo=None), hi.replace(tzinfo=None)
    try:
        rr = rrulestr(rule, dtstart=first)
        times = []
        for when in rr.xafter(lo, inc=True):
            if when >= hi:
                break
            if len(times) > MAX_OCCURRENCES + len(skipped):
                break
            times.append(when)
        until = getattr(rr, "_until", None)
        if lo <= first < hi and (not times or times[0] != first) and (
                until is None or first <= until):
            # DTSTART is an occurrence even off the rule (as recurring-ical-events has it),
            # unless the rule ended before it
            times.insert(0, first)
    except (ValueError, TypeError, OverflowError):
        return False  # e.g. UNTIL a date while DTSTART has a time: the library decides
    n = 0
    for when in times:
        ns = _to_ns(when.replace(tzinfo=dt.timezone.utc) if all_day else when)
        if ns in skipped:
            continue
        if n >= MAX_OCCURRENCES:
            report.warn(line, f"recurring event {uid}: expanded to its first "
                              f"{MAX_OCCURRENCES:,} occurrences only")
            break
        n += 1
        occ.append((line, uid, ns, organizer, people, fname))
    s0 = _to_ns(first.replace(tzinfo=dt.timezone.utc) if all_day else first)
    if s0 < start.value:
        report.warn(line, f"recurring event {uid} began {pd.Timestamp(s0, tz='UTC').date()}: "
                          f"expanded from {start.date()} only ({MAX_YEARS_BACK} years back)")
    if n == 0:
        skip(fname, line, f"recurring event {uid}: no occurrence between {start.date()} and "
                          f"{end.date()}", "outside the window")
    return True


def _ics_text(groups: list[tuple[str, list[_Block]]], zones: dict[str, str]) -> str:
    """A calendar of the time properties of *groups* (icalendar reads only these; the
    people are read here, faster), with the VTIMEZONEs they use."""
    tzids = sorted({z for _, g in groups for b in g for z in b.tzids if z in zones})
    events = []
    for key, blocks in groups:
        for b in blocks:
            lines = [ln for ln in b.lines if ln[:16].upper().startswith(_TIME_PROPS)]
            if not b.uid:
                lines.append(f"UID:{key}")
            events.append("BEGIN:VEVENT\r\n" + "\r\n".join(lines) + "\r\nEND:VEVENT")
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *(zones[z] for z in tzids),
                        *events, "END:VCALENDAR", ""])


def _expand(groups: list[tuple[str, list[_Block]]], zones: dict[str, str], floating: Any,
            start: pd.Timestamp, end: pd.Timestamp, fname: str, occ: list, skip: Any,
            report: ImportReport) -> None:
    """The occurrences of events read with icalendar and recurring-ical-events: series
    with their moved occurrences, and events in time zones only the file defines.

    All *groups* (one per UID) are read in one pass; should that fail, one by one, so
    that only the broken event is reported.
    """
    import icalendar
    import recurring_ical_events

    if not groups:
        return
    comps: list[Any] = []
    by_uid: dict[str, list[Any]] = {}
    try:
        cal = icalendar.Calendar.from_ical(_ics_text(groups, zones))
        comps = cal.walk("VEVENT")
        if len(comps) != sum(len(g) for _, g in groups):
            raise ValueError("the events could not be told apart")
        query = recurring_ical_events.of(cal)
        for one in query.series:
            by_uid.setdefault(str(one.uid), []).append(one)
        lo = query.to_datetime(start.to_pydatetime())
        hi = query.to_datetime(end.to_pydatetime())
    except Exception as err:  # a broken event: find it
        if len(groups) > 1:
            for g in groups:
                _expand([g], zones, floating, start, end, fname, occ, skip, report)
            return
        uid, blocks = groups[0]
        skip(fname, blocks[0].line, f"event {uid} could not be read: {err}", "unreadable")
        return
    i = 0
    for uid, blocks in groups:
        _occurrences(uid, blocks, comps[i:i + len(blocks)], by_uid.get(uid, []), lo, hi,
                     floating, start, end, fname, occ, skip, report)
        i += len(blocks)


def _occurrences(uid: str, blocks: list[_Block], comps: list[Any], series: list[Any],
                 lo: Any, hi: Any, floating: Any, start: pd.Timestamp, end: pd.Timestamp,
                 fname: str, occ: list, skip: Any, report: ImportReport) -> None:
    """The occurrences of one event (its blocks, read by icalendar as *comps*)."""
    info = [_read_block(b) for b in blocks]
    of = {id(c): i for i, c in enumerate(comps)}
    line = blocks[0].line
    master = next((c for c in comps if "RECURRENCE-ID" not in c), comps[0])
    if str(master.get("STATUS", "")).upper() == "CANCELLED":
        skip(fname, line, f"cancelled event {uid}", "cancelled")
        return
    if not any("RRULE" in c or "RDATE" in c for c in comps):
        for comp, b in zip(comps, blocks, strict=False):
            if str(comp.get("STATUS", "")).upper() == "CANCELLED":
                skip(fname, b.line, f"cancelled event {uid}", "cancelled")
                continue
            dtstart = comp.get("DTSTART")
            ns = _ns(dtstart.dt, floating) if dtstart is not None else None
            if ns is None:
                skip(fname, b.line, f"event {uid} has no start (DTSTART)", "no start")
                continue
            _, _, _, organizer, people = info[of[id(comp)]]
            occ.append((b.line, uid, ns, organizer, people, fname))
        return
    n = 0
    try:
        for one in series:
            for o in one.between(lo, hi):
                if n >= MAX_OCCURRENCES:
                    report.warn(line, f"recurring event {uid}: expanded to its first "
                                      f"{MAX_OCCURRENCES:,} occurrences only")
                    break
                n += 1
                adapter = getattr(o, "_adapter", None)
                comp = getattr(adapter, "_component", None)
                if comp is None:  # another version of recurring-ical-events
                    comp = o.as_component(False)
                i = of.get(id(comp))
                if i is None:
                    people, organizer = _people(comp)
                    status = str(comp.get("STATUS", "")).upper()
                else:
                    status, _, _, organizer, people = info[i]
                if status == "CANCELLED":
                    skip(fname, line, f"cancelled occurrence of {uid}", "cancelled")
                    continue
                occ.append((line, uid, _ns(o.start, floating), organizer, people, fname))
    except Exception as err:
        skip(fname, line, f"recurring event {uid} could not be expanded: {err}", "bad rule")
        return
    dtstart = master.get("DTSTART")
    s0 = _ns(dtstart.dt, floating) if dtstart is not None else None
    if s0 is not None and s0 < start.value:
        report.warn(line, f"recurring event {uid} began {pd.Timestamp(s0, tz='UTC').date()}: "
                          f"expanded from {start.date()} only ({MAX_YEARS_BACK} years back)")
    if n == 0:
        skip(fname, line, f"recurring event {uid}: no occurrence between {start.date()} and "
                          f"{end.date()}", "outside the window")


def read_calendar(path: str | PathLike[str], me: str | Iterable[str] | None = None, *,
                  until: Any = None) -> pd.DataFrame:
    """Read an .ics file (or a folder of them): one row per meeting and other attendee.

    Parameters
    ----------
    path : str or path-like
        An .ics file or a folder of .ics files.
    me : str or iterable of str, optional
        The owner's e-mail addresses (comma-separated or a list). Default:
        inferred (reported): the address on the most events.
    until : date-like, optional
        Recurring events are expanded up to this date (default: now);
        single events are read whatever their date.

    Returns
    -------
    pandas.DataFrame
        Columns ``line`` (of the event's ``BEGIN:VEVENT``), ``person`` (the
        attendee's ``CN``), ``person_url``, ``person_email``, ``other``
        (``""``: the owner), ``timestamp`` (UTC start of the occurrence),
        ``channel`` (``meeting``), ``direction`` (``out`` when the owner
        organised it, ``in`` when someone else did, else ``""``),
        ``participants``, ``note`` (the event's UID). ``attrs["report"]``,
        ``attrs["me"]``.

    Raises
    ------
    InputError
        Not an .ics file; no VEVENT; no event with another attendee.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> ics = '''BEGIN:VCALENDAR
    ... BEGIN:VEVENT
    ... UID:weekly@example.org
    ... DTSTART;TZID=Europe/Berlin:20260105T090000
    ... RRULE:FREQ=WEEKLY;COUNT=3
    ... EXDATE;TZID=Europe/Berlin:20260112T090000
    ... ORGANIZER:mailto:ada@example.org
    ... ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@example.org
    ... END:VEVENT
    ... END:VCALENDAR
    ... '''
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cal.ics"
    >>> _ = path.write_text(ics)
    >>> df = read_calendar(path, me="sam@example.org", until="2026-06-01")
    >>> df[["person_email", "timestamp", "direction"]]
          person_email                 timestamp direction
    0  ada@example.org 2026-01-05 08:00:00+00:00        in
    1  ada@example.org 2026-01-19 08:00:00+00:00        in
    """
    from netgraph._time import as_utc

    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", file=path, hint="Check the path.")
    files = sorted(p for p in path.rglob("*.ics") if p.is_file()) if path.is_dir() else [path]
    if not files:
        raise InputError("no .ics file in the folder", file=path,
                         hint="Pass an .ics file or a folder of them.")
    report = ImportReport(file=str(path), kind="calendar")
    end = as_utc(until, default="now", name="until")
    start = end - pd.DateOffset(years=MAX_YEARS_BACK)
    counts: Counter[str] = Counter()
    # occurrences: (line, uid, UTC ns, organizer, [(address, name, partstat)], file)
    occ: list[tuple[int, str, int, str, list[tuple[str, str, str]], str]] = []
    n_events = 0

    def skip(file: str, line: int | None, reason: str, key: str) -> None:
        report.skipped.append(Issue(line, reason, file))
        counts[key] += 1

    for f in files:
        fname = str(f)
        blocks, zones, wr_tz = _split(_text(f), f, report)
        n_events += len(blocks)
        floating: Any = dt.timezone.utc
        if wr_tz:
            floating = _zone(wr_tz)
            if floating is None:
                report.warn(None, f"unknown X-WR-TIMEZONE {wr_tz!r}: floating times as UTC")
                floating = dt.timezone.utc
        series: dict[str, list[_Block]] = {}
        for b in blocks:
            series.setdefault(b.uid or f"#{b.line}", []).append(b)
        with bar(total=len(blocks), desc=f"reading {f.name}", unit="event") as progress:
            hard = []
            for uid, group in series.items():
                if len(group) > 1 or any(_zone(z) is None for b in group for z in b.tzids):
                    hard.append((uid, group))
                elif not group[0].recurring:
                    _simple(group[0], floating, fname, occ, skip)
                    progress.update(1)
                elif _series(group[0], floating, start, end, fname, occ, skip, report):
                    progress.update(1)
                else:
                    hard.append((uid, group))
            _expand(hard, zones, floating, start, end, fname, occ, skip, report)
            progress.update(sum(len(g) for _, g in hard))
    report.rows_read = n_events
    if not n_events:
        raise InputError("no events (VEVENT) in the calendar", file=path,
                         expected="an .ics file with VEVENT entries",
                         hint="Export the calendar with its events (not only to-dos or "
                              "free/busy).")
    return _rows(occ, me, report, path, counts)


def _text(path: Path) -> str:
    """The text of an .ics file; an error naming it when it is no calendar."""
    data = path.read_bytes()
    head = data[:64].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        what = ("a PDF" if data.startswith(b"%PDF") else "a zip archive"
                if data.startswith(b"PK\x03\x04") else "a vCard"
                if head.startswith(b"BEGIN:VCARD") else "not iCalendar")
        raise InputError(f"not an iCalendar file ({what})", file=path,
                         expected="an .ics file starting with BEGIN:VCALENDAR",
                         hint="Export the calendar as .ics (Google Calendar: Settings > "
                              "Import & export; Outlook: Save Calendar).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _when(ns: int) -> str:
    return pd.Timestamp(ns, tz="UTC").strftime("%Y-%m-%d %H:%M UTC")


def _as_list(me: Any) -> list[str]:
    if me is None:
        return []
    items = [part for x in ([me] if isinstance(me, str) else me)
             for part in re.split(r"[,;\s]+", str(x))]
    return [a for a in (_address(x) for x in items) if a]


def _rows(occ: list, me: Any, report: ImportReport, path: Path, counts: Counter[str]
          ) -> pd.DataFrame:
    mine = set(_as_list(me))
    if not mine:
        on = Counter(a for o in occ for a, _, _ in o[4])
        if on:
            addr = max(on, key=lambda a: (on[a], a))
            mine = {addr}
            report.warn(None, f"owner's address inferred as the one on the most events: {addr} "
                              f"({on[addr]} of {len(occ)}; pass me= to set it)")
    line, ts, person, email, direction, participants, note = [], [], [], [], [], [], []
    for ln, uid, t, organizer, people, fname in occ:
        if any(a in mine and ps == "DECLINED" for a, _, ps in people):
            report.skipped.append(Issue(ln, f"event {uid} at {_when(t)}: declined by the owner",
                                        fname))
            counts["declined by the owner"] += 1
            continue
        going = [(a, n) for a, n, ps in people if ps != "DECLINED"]
        for a, _, ps in people:
            if ps == "DECLINED" and a not in mine:
                report.skipped.append(Issue(ln, f"event {uid} at {_when(t)}: {a} declined", fname))
                counts["attendee declined"] += 1
        others = [(a, n) for a, n in going if a not in mine]
        if not others:
            report.skipped.append(Issue(ln, f"event {uid} at {_when(t)}: no other attendee", fname))
            counts["no other attendee"] += 1
            continue
        d = "out" if organizer in mine else "in" if organizer else ""
        size = len(others) + 1
        for a, n in others:
            line.append(ln if ln is not None else 0)
            ts.append(t)
            person.append(n)
            email.append(a)
            direction.append(d)
            participants.append(size)
            note.append(uid)
    if not line:
        raise InputError("no meeting with another attendee in the calendar", file=path,
                         expected="events with attendees (ATTENDEE) other than the owner",
                         hint="Check me= (the owner's addresses) and report.issues().",
                         cli_hint="Check --me (the owner's addresses).")
    k = len(line)
    out = pd.DataFrame({
        "line": np.asarray(line, dtype=np.int64),
        "person": pd.Series(person, dtype=object),
        "person_url": pd.Series([""] * k, dtype=object),
        "person_email": pd.Series(email, dtype=object),
        "other": pd.Series([""] * k, dtype=object),
        "timestamp": pd.to_datetime(np.asarray(ts, dtype=np.int64), utc=True),
        "channel": pd.Categorical(["meeting"] * k, categories=list(CHANNELS)),
        "direction": pd.Series(direction, dtype=object),
        "participants": np.asarray(participants, dtype=np.int64),
        "note": pd.Series(note, dtype=object),
    })
    out.attrs["report"] = report
    out.attrs["me"] = sorted(mine)
    out.attrs["counts"] = dict(counts)
    return out


def import_calendar(t: Any, path: str | PathLike[str], owner: str | None,
                    me: str | Iterable[str] | None = None, until: Any = None
                    ) -> tuple[Any, ImportReport]:
    """Import an .ics calendar as ``meeting`` interactions of the owner (the ``calendar`` importer).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netgraph.data.merge import Tables
    >>> ics = ("BEGIN:VCALENDAR\\nBEGIN:VEVENT\\nUID:1\\nDTSTART;VALUE=DATE:20260105\\n"
    ...        "ATTENDEE:mailto:ada@example.org\\nATTENDEE:mailto:sam@example.org\\n"
    ...        "END:VEVENT\\nEND:VCALENDAR\\n")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.ics"
    >>> _ = path.write_text(ics)
    >>> t, report = import_calendar(Tables.empty(), path, "Sam Rivera", me="sam@example.org")
    >>> report.imported, str(t.interactions["timestamp"].iloc[0])
    (1, '2026-01-05 00:00:00+00:00')
    """
    from netgraph.sources.importers import merge_events

    # a frame: rows read before (the import history replays them; see Source.keeps_frame)
    rows = path if isinstance(path, pd.DataFrame) else read_calendar(path, me, until=until)
    # every correspondent or attendee is new the first time: no caveat to warn about
    t, report = merge_events(t, rows, owner, source="calendar", warn_new=False,
                             join_names=True)
    report.kept = rows  # the history keeps these rows: an undo expands nothing again
    return t, report


#: The ``calendar`` source: ``netgraph import calendar FILE.ics --owner NAME``.
SOURCE = register_source(Source(
    name="calendar", reader=read_calendar, yields="events", importer=import_calendar,
    help="a calendar (.ics: Google, Outlook, Apple): meetings with their attendees; recurring "
         "events expanded up to today",
    file_kinds=("ics", "folder"), repeatable=("me",), keeps_frame=True,
    options={"me": "the owner's e-mail address; repeat the flag (or separate with commas) "
                   "for several (default: the address on the most events)",
             "until": "expand recurring events up to this date (default: today)"},
))
