"""Calendars (.ics) -> ``meeting`` interactions, written with the ``icalendar`` library."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import InputError
from netgraph.network import Network
from netgraph.sources.calendar import MAX_OCCURRENCES, MAX_YEARS_BACK

SAM = "sam@example.org"
OWNER = "Sam Rivera"
UNTIL = "2026-03-01"
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def _who(addr: str, name: str = "", **params: str) -> icalendar.vCalAddress:
    a = icalendar.vCalAddress(f"mailto:{addr}")
    if name:
        a.params["CN"] = name
    for k, v in params.items():
        a.params[k.upper()] = v
    return a


def _event(uid: str, start, *, organizer: str | None = SAM, attendees=(), **props) -> icalendar.Event:
    e = icalendar.Event()
    e.add("uid", uid)
    e.add("summary", f"secret subject {uid}")
    e.add("dtstart", start)
    if isinstance(start, datetime):
        e.add("dtend", start + timedelta(minutes=30))
    if organizer:
        e.add("organizer", _who(organizer, "Organizer"))
    for a in attendees:
        e.add("attendee", a)
    for k, v in props.items():
        e.add(k.replace("_", "-"), v)
    return e


def _calendar(events, **props) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netgraph tests//EN")
    cal.add("version", "2.0")
    for k, v in props.items():
        cal.add(k.replace("_", "-"), v)
    for e in events:
        cal.add_component(e)
    cal.add_missing_timezones()
    return cal


def _main_calendar() -> icalendar.Calendar:
    me = _who(SAM, "Sam Rivera", PARTSTAT="ACCEPTED")
    grace = _who("Grace@Example.org", "Grace Hopper", PARTSTAT="ACCEPTED")
    weekly = _event("weekly-1on1", datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN),
                    attendees=[me, grace], rrule={"FREQ": "WEEKLY", "COUNT": 6})
    weekly.add("exdate", datetime(2026, 1, 19, 9, 0, tzinfo=BERLIN))
    moved = _event("weekly-1on1", datetime(2026, 1, 26, 11, 0, tzinfo=BERLIN),
                   attendees=[me, grace],
                   recurrence_id=datetime(2026, 1, 26, 9, 0, tzinfo=BERLIN))
    return _calendar([
        weekly, moved,
        _event("declined", datetime(2026, 1, 6, 15, 0, tzinfo=BERLIN), organizer="alan@example.org",
               attendees=[_who(SAM, PARTSTAT="DECLINED"), _who("alan@example.org")]),
        _event("half-declined", datetime(2026, 1, 7, 15, 0, tzinfo=BERLIN),
               attendees=[me, _who("alan@example.org", PARTSTAT="DECLINED"),
                          _who("hedy@example.org", "Hedy Lamarr", PARTSTAT="ACCEPTED")]),
        _event("cancelled", datetime(2026, 1, 8, 15, 0, tzinfo=BERLIN),
               attendees=[me, _who("ada@example.org")], status="CANCELLED"),
        _event("all-hands", date(2026, 2, 2), organizer="ceo@example.org",
               attendees=[me, grace, _who("alan@example.org"), _who("hedy@example.org"),
                          _who("ada@example.org", "Ada Lovelace"),
                          _who("room-1@resource.example", CUTYPE="ROOM")]),
        _event("floating", datetime(2026, 1, 9, 12, 0), attendees=[me, _who("ada@example.org")]),
        _event("new-york", datetime(2026, 1, 12, 9, 0, tzinfo=NEW_YORK),
               organizer="ada@example.org", attendees=[me]),
        _event("alone", datetime(2026, 1, 13, 9, 0, tzinfo=BERLIN), attendees=[me]),
    ])


@pytest.fixture
def ics(tmp_path: Path) -> Path:
    p = tmp_path / "calendar.ics"
    p.write_bytes(_main_calendar().to_ical())
    return p


def test_read_calendar(ics: Path) -> None:
    df = ng.read_calendar(ics, until=UNTIL)
    assert df.attrs["me"] == [SAM]  # inferred: on the most events
    rep = df.attrs["report"]
    assert rep.rows_read == 9  # VEVENTs in the file (the moved occurrence is one)
    by = df.groupby("note")
    weekly = by.get_group("weekly-1on1")
    assert weekly["timestamp"].tolist() == [  # EXDATE left out, one occurrence moved
        pd.Timestamp("2026-01-05 08:00", tz="UTC"), pd.Timestamp("2026-01-12 08:00", tz="UTC"),
        pd.Timestamp("2026-01-26 10:00", tz="UTC"), pd.Timestamp("2026-02-02 08:00", tz="UTC"),
        pd.Timestamp("2026-02-09 08:00", tz="UTC")]
    assert set(weekly["person_email"]) == {"grace@example.org"}
    assert set(weekly["direction"]) == {"out"} and set(weekly["participants"]) == {2}
    half = by.get_group("half-declined")
    assert half[["person_email", "participants"]].values.tolist() == [["hedy@example.org", 2]]
    allh = by.get_group("all-hands")
    assert sorted(allh["person_email"]) == ["ada@example.org", "alan@example.org",
                                            "ceo@example.org", "grace@example.org",
                                            "hedy@example.org"]
    assert set(allh["participants"]) == {6} and set(allh["direction"]) == {"in"}
    assert set(allh["timestamp"]) == {pd.Timestamp("2026-02-02", tz="UTC")}  # all-day
    assert by.get_group("floating")["timestamp"].tolist() == [
        pd.Timestamp("2026-01-09 12:00", tz="UTC")]
    assert by.get_group("new-york")[["timestamp", "direction"]].values.tolist() == [
        [pd.Timestamp("2026-01-12 14:00", tz="UTC"), "in"]]
    assert len(df) == 5 + 1 + 5 + 1 + 1
    assert set(df["note"]) == {"weekly-1on1", "half-declined", "all-hands", "floating",
                               "new-york"}
    assert not df["note"].str.contains("secret").any()  # no subjects
    counts = df.attrs["counts"]
    assert counts == {"declined by the owner": 1, "attendee declined": 1, "cancelled": 1,
                      "no other attendee": 1}
    assert all(i.line for i in rep.skipped)
    assert df["person"][df["person_email"] == "grace@example.org"].iloc[0] == "Grace Hopper"


def test_floating_times_in_the_calendar_time_zone(tmp_path: Path) -> None:
    cal = _calendar([_event("f", datetime(2026, 1, 9, 12, 0),
                            attendees=[_who(SAM), _who("ada@example.org")])],
                    x_wr_timezone="Europe/Berlin")
    p = tmp_path / "c.ics"
    p.write_bytes(cal.to_ical())
    df = ng.read_calendar(p, me=SAM, until=UNTIL)
    assert df["timestamp"].tolist() == [pd.Timestamp("2026-01-09 11:00", tz="UTC")]


def test_recurrence_bounds(tmp_path: Path) -> None:
    daily = _event("daily", datetime(2015, 1, 1, 9, 0, tzinfo=timezone.utc),
                   attendees=[_who(SAM), _who("ada@example.org")], rrule={"FREQ": "DAILY"})
    minutely = _event("minutely", datetime(2026, 2, 20, 0, 0, tzinfo=timezone.utc),
                      attendees=[_who(SAM), _who("bob@example.org")],
                      rrule={"FREQ": "MINUTELY"})
    p = tmp_path / "c.ics"
    p.write_bytes(_calendar([daily, minutely]).to_ical())
    df = ng.read_calendar(p, me=SAM, until=UNTIL)
    d = df[df["note"] == "daily"]["timestamp"]
    assert d.min() >= pd.Timestamp(UNTIL, tz="UTC") - pd.DateOffset(years=MAX_YEARS_BACK)
    assert d.max() < pd.Timestamp(UNTIL, tz="UTC")
    assert 1800 < len(d) < 1830
    assert (df["note"] == "minutely").sum() == MAX_OCCURRENCES
    warnings = [w.reason for w in df.attrs["report"].warnings]
    assert any("began 2015-01-01" in w for w in warnings)
    assert any(f"first {MAX_OCCURRENCES:,} occurrences" in w for w in warnings)


def test_import_calendar_idempotent(ics: Path) -> None:
    net = Network()
    report = net.import_calendar(ics, owner=OWNER, me=SAM, until=UNTIL)
    assert report.imported == 13 and report.new_people == 5
    inter = net.interactions
    assert set(inter["channel"]) == {"meeting"} and set(inter["source"]) == {"calendar"}
    again = net.import_calendar(ics, owner=OWNER, me=SAM, until=UNTIL)
    assert (again.imported, again.merged) == (0, 13)
    assert len(net.interactions) == 13


def test_bad_calendars(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ics"
    empty.write_bytes(_calendar([]).to_ical())
    with pytest.raises(InputError, match="no events") as exc:
        ng.read_calendar(empty)
    assert str(empty) in str(exc.value)
    pdf = tmp_path / "cal.ics"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError, match="not an iCalendar file"):
        ng.read_calendar(pdf)
    alone = tmp_path / "alone.ics"
    alone.write_bytes(_calendar([_event("x", datetime(2026, 1, 1, tzinfo=timezone.utc),
                                        attendees=[_who(SAM)])]).to_ical())
    net = Network()
    with pytest.raises(InputError, match="no meeting with another attendee"):
        net.import_calendar(alone, owner=OWNER, me=SAM)
    assert len(net.people) == 0


def test_cli_import_calendar(tmp_path: Path, ics: Path, capsys) -> None:
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", "calendar", str(ics), "--owner", OWNER, "--me", SAM,
                 "--until", UNTIL, "--json"]) == 0
    (rep,) = json.loads(capsys.readouterr().out)
    assert rep["kind"] == "calendar" and rep["imported"] == 13
    assert len(Network.load(db).interactions) == 13


def test_a_broken_rule_is_reported_and_the_rest_expanded(tmp_path: Path) -> None:
    good = _event("good", datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN),
                  attendees=[_who(SAM), _who("ada@example.org")],
                  rrule={"FREQ": "WEEKLY", "COUNT": 3})
    text = _calendar([good]).to_ical().decode().replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20260105T090000Z\r\nRRULE:FREQ=SOMETIMES\r\n"
        "ATTENDEE:mailto:sam@example.org\r\nATTENDEE:mailto:bob@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR")
    p = tmp_path / "c.ics"
    p.write_text(text)
    df = ng.read_calendar(p, me=SAM, until=UNTIL)
    assert df["note"].tolist() == ["good"] * 3
    (issue,) = df.attrs["report"].skipped
    assert issue.reason.startswith("event bad could not be read") and issue.line > 1


def test_truncated_calendar_reports_the_cut_event(tmp_path: Path) -> None:
    """An .ics cut off inside its last VEVENT: the complete events are read, the cut one is
    reported with its line."""
    whole = _calendar([_event("a", datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
                              attendees=[_who("ada@example.org", "Ada")])]).to_ical()
    cut = whole.replace(b"END:VCALENDAR\r\n", b"") + (
        b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260106T090000Z\r\n")
    p = tmp_path / "cut.ics"
    p.write_bytes(cut)
    df = ng.read_calendar(p, me=SAM, until=UNTIL)
    assert df["person_email"].tolist() == ["ada@example.org"]
    line = cut.count(b"\n") - 2
    issues = [(i.line, i.reason) for i in df.attrs["report"].skipped]
    assert (line, "event not ended (no END:VEVENT): the file is truncated") in issues
