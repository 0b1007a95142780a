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
_BEGIN_EVENT = re.compile(rb"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)


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


def _utc(value: Any, floating: Any) -> pd.Timestamp | None:
    """DTSTART as UTC: all-day at midnight UTC, floating in *floating* (a tz) or UTC."""
    if isinstance(value, dt.datetime):
        ts = pd.Timestamp(value)
        if ts.tzinfo is None:
            ts = ts.tz_localize(floating or "UTC", ambiguous=False, nonexistent="shift_forward")
        return ts.tz_convert("UTC")
    if isinstance(value, dt.date):
        return pd.Timestamp(value.year, value.month, value.day, tz="UTC")
    return None


def _load(path: Path) -> tuple[list[Any], list[bytes]]:
    """The calendars of a file, and its raw bytes (for line numbers)."""
    import icalendar

    data = path.read_bytes()
    head = data[:64].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        what = ("a PDF" if data.startswith(b"%PDF") else "a zip archive"
                if data.startswith(b"PK\x03\x04") else "a vCard" if head.startswith(b"BEGIN:VCARD")
                else "not iCalendar")
        raise InputError(f"not an iCalendar file ({what})", file=path,
                         expected="an .ics file starting with BEGIN:VCALENDAR",
                         hint="Export the calendar as .ics (Google Calendar: Settings > "
                              "Import & export; Outlook: Save Calendar).")
    try:
        cals = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError) as err:
        raise InputError(f"the calendar could not be parsed: {err}", file=path,
                         expected="a valid .ics file (RFC 5545)",
                         hint="Export the calendar again; the file may be truncated.") from None
    return list(cals), [data]


def read_calendar(path: str | PathLike[str], me: str | Iterable[str] | None = None, *,
                  until: Any = None) -> pd.DataFrame:
    """Read an .ics file (or a folder of them): one row per meeting and other attendee.

    Parameters
    ----------
    path : str or path-like
        An .ics file or a folder of .ics files.
    me : str or iterable of str, optional
        The owner's e-mail addresses (comma-separated or a list). Default:
        inferred (reported): the calendar's ``X-WR-CALNAME`` when it is an
        address on its events, else the address on the most events.
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
    import recurring_ical_events

    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", file=path, hint="Check the path.")
    files = sorted(p for p in path.rglob("*.ics") if p.is_file()) if path.is_dir() else [path]
    if not files:
        raise InputError("no .ics file in the folder", file=path,
                         hint="Pass an .ics file or a folder of them.")
    report = ImportReport(file=str(path), kind="calendar")
    from netgraph._time import as_utc

    end = as_utc(until, default="now", name="until")
    start = end - pd.DateOffset(years=MAX_YEARS_BACK)
    counts: Counter[str] = Counter()
    # occurrences: (line, uid, ts, organizer, people)
    occ: list[tuple[int, str, pd.Timestamp, str, list[tuple[str, str, str]], str]] = []
    n_events = 0

    def skip(file: str, line: int | None, reason: str, key: str) -> None:
        report.skipped.append(Issue(line, reason, file))
        counts[key] += 1

    for f in files:
        fname = str(f)
        cals, (data,) = _load(f)
        lines = [data.count(b"\n", 0, m.start()) + 1 for m in _BEGIN_EVENT.finditer(data)]
        comps = [c for cal in cals for c in cal.walk("VEVENT")]
        line_of = {id(c): (lines[i] if i < len(lines) else None) for i, c in enumerate(comps)}
        n_events += len(comps)
        for cal in cals:
            tzname = str(cal.get("X-WR-TIMEZONE", "")).strip()
            try:
                floating = dt.timezone.utc if not tzname else __import__(
                    "zoneinfo").ZoneInfo(tzname)
            except Exception:
                report.warn(None, f"unknown X-WR-TIMEZONE {tzname!r}: floating times as UTC")
                floating = dt.timezone.utc
            series: dict[str, list[Any]] = {}
            for comp in cal.walk("VEVENT"):
                uid = str(comp.get("UID", "")) or f"#{id(comp)}"
                series.setdefault(uid, []).append(comp)
            zones = cal.walk("VTIMEZONE")
            with bar(total=len(series), desc=f"reading {f.name}", unit="event") as progress:
                for uid, group in series.items():
                    _expand(uid, group, zones, floating, start, end, line_of, fname, occ, skip,
                            report, recurring_ical_events)
                    progress.update(1)
    report.rows_read = n_events
    if not n_events:
        raise InputError("no events (VEVENT) in the calendar", file=path,
                         expected="an .ics file with VEVENT entries",
                         hint="Export the calendar with its events (not only to-dos or "
                              "free/busy).")
    return _rows(occ, me, report, path, counts)


def _expand(uid: str, group: list[Any], zones: list[Any], floating: Any, start: pd.Timestamp,
            end: pd.Timestamp, line_of: dict[int, int | None], fname: str, occ: list,
            skip: Any, report: ImportReport, rie: Any) -> None:
    """The occurrences of one event (a series with its moved occurrences, or a single one)."""
    import icalendar

    master = next((c for c in group if "RECURRENCE-ID" not in c), group[0])
    line = line_of.get(id(master))
    recurring = any("RRULE" in c or "RDATE" in c for c in group)
    if str(master.get("STATUS", "")).upper() == "CANCELLED":
        skip(fname, line, f"cancelled event {uid}", "cancelled")
        return
    if not recurring:
        for comp in group:
            ln = line_of.get(id(comp))
            if str(comp.get("STATUS", "")).upper() == "CANCELLED":
                skip(fname, ln, f"cancelled event {uid}", "cancelled")
                continue
            dtstart = comp.get("DTSTART")
            ts = _utc(dtstart.dt, floating) if dtstart is not None else None
            if ts is None:
                skip(fname, ln, f"event {uid} has no start (DTSTART)", "no start")
                continue
            people, organizer = _people(comp)
            occ.append((ln, uid, ts, organizer, people, fname))
        return
    cal = icalendar.Calendar()
    for z in zones:
        cal.add_component(z)
    for c in group:
        cal.add_component(c)
    n = 0
    try:
        query = rie.of(cal)
        first = None
        for comp in query.between(start.to_pydatetime(), end.to_pydatetime()):
            if n >= MAX_OCCURRENCES:
                report.warn(line, f"recurring event {uid}: expanded to its first "
                                  f"{MAX_OCCURRENCES:,} occurrences only")
                break
            n += 1
            if str(comp.get("STATUS", "")).upper() == "CANCELLED":
                skip(fname, line, f"cancelled occurrence of {uid}", "cancelled")
                continue
            ts = _utc(comp["DTSTART"].dt, floating)
            first = ts if first is None else first
            people, organizer = _people(comp)
            occ.append((line, uid, ts, organizer, people, fname))
    except Exception as err:
        skip(fname, line, f"recurring event {uid} could not be expanded: {err}", "bad rule")
        return
    dtstart = master.get("DTSTART")
    s0 = _utc(dtstart.dt, floating) if dtstart is not None else None
    if s0 is not None and s0 < start:
        report.warn(line, f"recurring event {uid} began {s0.date()}: expanded from "
                          f"{start.date()} only ({MAX_YEARS_BACK} years back)")
    if n == 0:
        skip(fname, line, f"recurring event {uid}: no occurrence between {start.date()} and "
                          f"{end.date()}", "outside the window")


def _as_list(me: Any) -> list[str]:
    if me is None:
        return []
    items = re.split(r"[,;\s]+", me) if isinstance(me, str) else list(me)
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
            report.skipped.append(Issue(ln, f"event {uid} at {t}: declined by the owner",
                                        fname))
            counts["declined by the owner"] += 1
            continue
        going = [(a, n) for a, n, ps in people if ps != "DECLINED"]
        for a, _, ps in people:
            if ps == "DECLINED" and a not in mine:
                report.skipped.append(Issue(ln, f"event {uid} at {t}: {a} declined", fname))
                counts["attendee declined"] += 1
        others = [(a, n) for a, n in going if a not in mine]
        if not others:
            report.skipped.append(Issue(ln, f"event {uid} at {t}: no other attendee", fname))
            counts["no other attendee"] += 1
            continue
        d = "out" if organizer in mine else "in" if organizer else ""
        size = len(others) + 1
        for a, n in others:
            line.append(ln if ln is not None else 0)
            ts.append(t.value)
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

    rows = read_calendar(path, me, until=until)
    t, report = merge_events(t, rows, owner, source="calendar")
    report.warnings = [w for w in report.warnings
                       if w.reason != "person not in the network yet: added"]
    return t, report


#: The ``calendar`` source: ``netgraph import calendar FILE.ics --owner NAME``.
SOURCE = register_source(Source(
    name="calendar", reader=read_calendar, yields="events", importer=import_calendar,
    help="a calendar (.ics: Google, Outlook, Apple): meetings with their attendees; recurring "
         "events expanded up to today",
    file_kinds=("ics", "folder"),
    options={"me": "the owner's e-mail addresses, comma-separated (default: the address on "
                   "the most events)",
             "until": "expand recurring events up to this date (default: today)"},
))
