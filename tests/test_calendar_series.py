"""The fast expansion of one-rule series (dateutil, used for most recurring events) gives the
same occurrences as recurring-ical-events (used for everything else), on generated rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from netgraph.sources import calendar as cal
from netgraph.sources.report import ImportReport

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", ""]
START, END = pd.Timestamp("2021-03-01", tz="UTC"), pd.Timestamp("2026-03-01", tz="UTC")


def _block(text: str) -> cal._Block:
    (block,), _, _ = cal._split(text, Path("x.ics"), ImportReport())
    return block


def _both(text: str) -> tuple[list[int], list[int], bool]:
    block = _block(text)
    fast: list = []
    slow: list = []
    floating = dt.timezone.utc
    ok = cal._series(block, floating, START, END, "x.ics", fast, lambda *a: None,
                     ImportReport())
    cal._expand([(block.uid, [block])], {}, floating, START, END, "x.ics", slow,
                lambda *a: None, ImportReport())
    return sorted(o[2] for o in fast), sorted(o[2] for o in slow), ok


@st.composite
def series(draw) -> str:
    zone = draw(st.sampled_from(ZONES))
    y = draw(st.integers(2019, 2026))
    m, d = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    hh = draw(st.integers(0, 23))
    all_day = draw(st.booleans()) and zone == ""
    if all_day:
        start = f"DTSTART;VALUE=DATE:{y}{m:02d}{d:02d}"
        stamp = f"{y}{m:02d}{d:02d}"
    else:
        stamp = f"{y}{m:02d}{d:02d}T{hh:02d}3000"
        start = (f"DTSTART;TZID={zone}:{stamp}" if zone not in ("", "UTC")
                 else f"DTSTART:{stamp}{'Z' if zone == 'UTC' else ''}")
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    rule = f"FREQ={freq};INTERVAL={draw(st.integers(1, 3))}"
    if freq == "WEEKLY" and draw(st.booleans()):
        rule += ";BYDAY=" + ",".join(draw(st.lists(st.sampled_from(
            ["MO", "TU", "WE", "TH", "FR"]), min_size=1, max_size=3, unique=True)))
    end = draw(st.sampled_from(["count", "until", "none"]))
    if end == "count":
        rule += f";COUNT={draw(st.integers(1, 200))}"
    elif end == "until":
        rule += f";UNTIL={draw(st.integers(2020, 2027))}0601T000000Z" if not all_day else \
            f";UNTIL={draw(st.integers(2020, 2027))}0601"
    lines = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:s@x", start, f"RRULE:{rule}",
             "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org"]
    if draw(st.booleans()):  # exclude the first occurrence
        lines.append(start.replace("DTSTART", "EXDATE"))
    return "\r\n".join([*lines, "END:VEVENT", "END:VCALENDAR", ""])


@settings(max_examples=60, deadline=None)
@given(series())
def test_fast_series_matches_recurring_ical_events(text):
    fast, slow, ok = _both(text)
    assert ok
    assert fast == slow


def test_series_the_fast_path_leaves_to_the_library():
    """A moved occurrence (RECURRENCE-ID), an RDATE or two rules: not the fast path."""
    base = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:s@x\r\nDTSTART:20250106T090000Z\r\n"
            "RRULE:FREQ=WEEKLY;COUNT=5\r\n{extra}ATTENDEE:mailto:a@example.org\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    for extra in ("RDATE:20250301T090000Z\r\n", "RRULE:FREQ=DAILY;COUNT=2\r\n",
                  "EXDATE;VALUE=DATE:20250113\r\n"):
        assert not cal._series(_block(base.format(extra=extra)), dt.timezone.utc, START, END,
                               "x.ics", [], lambda *a: None, ImportReport())
    fast, slow, ok = _both(base.format(extra="EXDATE:20250113T090000Z\r\n"))
    assert ok and fast == slow and len(fast) == 4
