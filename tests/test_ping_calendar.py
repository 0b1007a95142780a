"""The ping list as a DataFrame with a notebook view, and in the calendar (.ics).

Files are written to tmp_path and read back with the icalendar library; the
command line runs in-process on a real workspace file.
"""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime, timezone

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import netgraph as ng
from netgraph.cli import main
from netgraph.views.pinglist import PingList, ping_uid, write_ics

AT = "2025-06-01"
HOSTILE = '<script>alert(1)</script>, Jr; "x"'
EMAIL_NAME = "jo@example.com"


@pytest.fixture
def net(tmp_path):
    """Ada and five contacts with a rhythm of calls that stopped in spring 2025."""
    days = pd.date_range("2025-01-01", periods=8, freq="10D").strftime("%Y-%m-%d").tolist()
    rows = []
    for p in ["Grace Hopper", HOSTILE, EMAIL_NAME, "Alan Turing", "Edsger Dijkstra"]:
        rows += [(p, d, "call", "out" if i % 2 else "in") for i, d in enumerate(days)]
    path = tmp_path / "log.csv"
    pd.DataFrame(rows, columns=["person", "timestamp", "channel", "direction"]).to_csv(
        path, index=False)
    network = ng.Network()
    network.import_interactions(path, owner="Ada Lovelace", create_missing=True)
    return network


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


# ------------------------------------------------------------------ the DataFrame
def test_ping_list_is_still_a_dataframe(net):
    ping = net.ping_list(at=AT)
    assert isinstance(ping, PingList) and isinstance(ping, pd.DataFrame)
    assert len(ping) == 5 and ping.as_of == pd.Timestamp(AT, tz="UTC")
    # slicing, filtering, sorting, selecting keep the type and the data
    sub = ping[ping["person"] != "Grace Hopper"].sort_values("person")
    assert type(sub) is PingList and len(sub) == 4 and sub.as_of == ping.as_of
    assert type(ping.head(2)) is PingList and type(ping.loc[:, ["person", "reason"]]) is PingList
    assert type(ping["person"]) is pd.Series
    assert ping.iloc[0]["person"] == ping["person"].iloc[0]
    plain = pd.DataFrame(ping)
    pd.testing.assert_frame_equal(plain, ping.pipe(pd.DataFrame))
    # a selection without the ping columns displays as a plain frame
    assert ping[["strength"]]._repr_html_() == pd.DataFrame(ping[["strength"]])._repr_html_()


def test_notebook_view_escapes_names_and_shows_reasons(net):
    ping = net.ping_list(at=AT)
    markup = ping._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    for reason in ping["reason"]:
        assert reason.replace("'", "&#x27;") in markup
    assert markup.count("<tr") == len(ping) + 1
    assert "as of 2025-06-01" in markup
    empty = ping[ping["strength"] > 2]
    assert "nobody is due" in empty._repr_html_()


# ------------------------------------------------------------------ the calendar
def test_each_ping_is_an_all_day_event_with_its_reason(net, tmp_path):
    ping = net.ping_list(at=AT)
    out = ping.to_ics(tmp_path / "ping.ics")
    evs = events(out)
    assert len(evs) == len(ping)
    for row in ping.itertuples():
        ev = evs[ping_uid(row.owner, row.person_id)]
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is date and start == row.due.date()
        assert (end - start).days == 1
        assert str(ev["DESCRIPTION"]).splitlines()[0] == row.reason
        assert str(ev["TRANSP"]) == "TRANSPARENT" and int(ev["SEQUENCE"]) == 0
        assert ev.walk("VALARM")
    # names round-trip exactly, escaped by the library (commas, semicolons, quotes)
    summaries = {str(e["SUMMARY"]) for e in evs.values()}
    assert f"Ping {HOSTILE}" in summaries
    assert "\\;" in out.read_text(encoding="utf-8")


def test_no_email_addresses_unless_asked(net, tmp_path):
    ping = net.ping_list(at=AT)
    text = ping.to_ics(tmp_path / "a.ics").read_text(encoding="utf-8")
    assert EMAIL_NAME not in text and "(e-mail hidden)" in text
    assert "@" not in text.replace("@ping.netgraph", "")
    text = ping.to_ics(tmp_path / "b.ics", emails=True).read_text(encoding="utf-8")
    assert EMAIL_NAME in text


def test_reexport_updates_the_same_events(net, tmp_path):
    path = tmp_path / "ping.ics"
    first = write_ics(net.ping_list(at=AT), path,
                      now=datetime(2025, 6, 1, 8, tzinfo=timezone.utc))
    assert (first.events, first.new) == (5, 5)
    before = events(path)
    raw_before = path.read_bytes()

    # the same list again: the file does not change at all
    again = write_ics(net.ping_list(at=AT), path, now=datetime(2025, 6, 2, tzinfo=timezone.utc))
    assert (again.unchanged, again.new, again.updated) == (5, 0, 0)
    assert path.read_bytes() == raw_before

    # a call with Grace: her ping moves; the other four stay as they were
    net.log_interaction("Grace Hopper", when="2025-05-30", channel="call")
    later = write_ics(net.ping_list(at=AT), path, now=datetime(2025, 6, 3, tzinfo=timezone.utc))
    after = events(path)
    assert set(after) == set(before) and len(after) == 5  # same UIDs, nothing doubled
    grace = ping_uid(net.owners["person_id"].iloc[0], net.resolver.person_id("Grace Hopper"))
    assert int(after[grace]["SEQUENCE"]) == 1
    assert after[grace].decoded("DTSTART") != before[grace].decoded("DTSTART")
    assert after[grace].decoded("DTSTAMP") == datetime(2025, 6, 3, tzinfo=timezone.utc)
    for uid in set(before) - {grace}:
        assert int(after[uid]["SEQUENCE"]) == 0
        assert after[uid].decoded("DTSTAMP") == before[uid].decoded("DTSTAMP")
    assert (later.updated, later.unchanged, later.new) == (1, 4, 0)


def test_a_ping_no_longer_due_is_cancelled_once(net, tmp_path):
    path = tmp_path / "ping.ics"
    ping = net.ping_list(at=AT)
    ping.to_ics(path)
    dropped = ping_uid(ping["owner"].iloc[-1], ping["person_id"].iloc[-1])
    res = write_ics(ping.head(4), path)
    evs = events(path)
    assert res.cancelled == 1 and len(evs) == 5
    assert str(evs[dropped]["STATUS"]) == "CANCELLED" and int(evs[dropped]["SEQUENCE"]) == 1
    res = write_ics(ping.head(4), path)  # cancelled once is enough
    assert res.cancelled == 0 and len(events(path)) == 4


def test_refuses_to_replace_a_calendar_it_did_not_write(net, tmp_path):
    theirs = tmp_path / "personal.ics"
    theirs.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\n"
                      "END:VCALENDAR\r\n", encoding="utf-8")
    with pytest.raises(ng.InputError, match="did not write") as err:
        net.ping_list(at=AT).to_ics(theirs)
    assert err.value.hint
    assert "Someone" in theirs.read_text(encoding="utf-8")
    junk = tmp_path / "notes.ics"
    junk.write_text("just some notes", encoding="utf-8")
    with pytest.raises(ng.InputError):
        net.ping_list(at=AT).to_ics(junk)
    with pytest.raises(ng.InputError, match="lacks"):
        write_ics(pd.DataFrame({"person": ["x"]}), tmp_path / "x.ics")
    with pytest.raises(ng.InputError, match="folder"):
        net.ping_list(at=AT).to_ics(tmp_path / "missing" / "x.ics")


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(names=st.lists(_text, min_size=1, max_size=5, unique=True), reason=_text,
       days=st.lists(st.integers(0, 400), min_size=5, max_size=5))
def test_export_round_trips_and_reexport_is_stable(tmp_path_factory, names, reason, days):
    """Whatever the names and reasons, the file reads back to the same pings, and
    exporting the same list twice changes nothing (no duplicate, same bytes)."""
    path = tmp_path_factory.mktemp("ics") / "ping.ics"
    frame = pd.DataFrame({
        "person_id": [f"in:p{i}" for i in range(len(names))], "person": names,
        "due": pd.Timestamp("2026-01-01", tz="UTC")
        + pd.to_timedelta(days[:len(names)], unit="D"),
        "reason": reason, "owner": "in:me"})
    write_ics(frame, path, emails=True)
    raw = path.read_bytes()
    evs = events(path)
    assert len(evs) == len(names)
    for row in frame.itertuples():
        ev = evs[ping_uid("in:me", row.person_id)]
        assert str(ev["SUMMARY"]) == f"Ping {row.person}"
        assert str(ev["DESCRIPTION"]).split("\n")[0] == reason.replace("\r\n", "\n")
        assert ev.decoded("DTSTART") == row.due.date()
    res = write_ics(frame, path, emails=True)
    assert res.unchanged == len(names) and path.read_bytes() == raw


# ------------------------------------------------------------------ the command line
def run_cli(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_cli_ping_ics(net, tmp_path, monkeypatch):
    monkeypatch.delenv("NETGRAPH_DB", raising=False)
    db, ics = tmp_path / "net.db", tmp_path / "ping.ics"
    net.save(db)
    code, out, err = run_cli("--db", db, "ping", "--at", AT, "--ics", ics)
    assert code == 0, err
    assert "wrote 5 pings" in err and "5 new" in err
    assert "Grace Hopper" in out  # the table is still printed
    assert len(events(ics)) == 5 and EMAIL_NAME not in ics.read_text(encoding="utf-8")
    code, _, err = run_cli("--db", db, "ping", "--at", AT, "--ics", ics, "-n", "3")
    assert code == 0 and "3 unchanged" in err and "2 cancelled" in err
    assert len(events(ics)) == 5
    bad = tmp_path / "theirs.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nPRODID:x\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    code, out, err = run_cli("--db", db, "ping", "--at", AT, "--ics", bad)
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err
