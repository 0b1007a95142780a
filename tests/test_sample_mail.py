"""The sample mailboxes, calendars and address books: realistic headers, and they join
the LinkedIn identities of the sample team when imported."""

from __future__ import annotations

import mailbox
from pathlib import Path

import icalendar
import pytest

import netgraph as ng
from netgraph.sample import OWNERS

DATA = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.mark.parametrize("folder", list(OWNERS))
def test_mailbox_has_the_promised_headers(folder):
    msgs = list(mailbox.mbox(DATA / folder / "mail.mbox"))
    assert len(msgs) > 50
    heads = [{k.lower(): str(v) for k, v in m.items()} for m in msgs]
    assert any("in-reply-to" in h and "references" in h for h in heads)      # threads
    assert any("cc" in h for h in heads)
    assert any("list-id" in h for h in heads)                                # mailing list
    assert any(h.get("precedence") == "bulk" and "list-unsubscribe" in h for h in heads)
    assert any(h["from"].startswith(("no-reply", "Calendar Service")) for h in heads)
    assert any("Sent" in h["x-gmail-labels"] for h in heads)
    raw = (DATA / folder / "mail.mbox").read_bytes()
    assert b"=?utf-8?q?" in raw                                              # RFC 2047 names
    assert len({h["message-id"] for h in heads}) == len(heads)


@pytest.mark.parametrize("folder", list(OWNERS))
def test_calendar_has_the_promised_events(folder):
    cal = icalendar.Calendar.from_ical((DATA / folder / "calendar.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert cal.walk("VTIMEZONE") and cal.get("X-WR-TIMEZONE")
    assert any("RRULE" in e and "EXDATE" in e for e in events)
    assert any(str(e.get("STATUS", "")) == "CANCELLED" for e in events)

    def attendees(e):
        a = e.get("ATTENDEE", [])
        return a if isinstance(a, list) else [a]

    assert any(a.params.get("PARTSTAT") == "DECLINED" for e in events for a in attendees(e))
    assert max(len(attendees(e)) for e in events) > 40                      # an all-hands
    assert any(not hasattr(e.decoded("DTSTART"), "hour") for e in events)   # all-day
    assert any("TZID" in e["DTSTART"].params for e in events)


@pytest.mark.parametrize("folder", list(OWNERS))
def test_address_book_has_the_promised_cards(folder):
    text = (DATA / folder / "contacts.vcf").read_bytes().decode()
    assert "VERSION:3.0" in text and "VERSION:4.0" in text and "VERSION:2.1" in text
    assert "linkedin.com/in/" in text and "ORG:" in text and "TITLE:" in text
    cards = text.split("END:VCARD")
    assert any(c.count("EMAIL") >= 2 for c in cards)
    assert "\r\n " in text                                                  # a folded line


def test_mail_calendar_and_cards_join_the_linkedin_people():
    owner, folder = "Maya Okafor", DATA / "maya_okafor"
    net = ng.Network()
    net.import_linkedin(folder, owner=owner)
    n0 = len(net.people)
    net.import_vcard(folder / "contacts.vcf", owner=owner)
    assert len(net.people) == n0                     # every card is a connection
    rep = net.import_email(folder / "mail.mbox", owner=owner)
    assert rep.imported > 50
    # bulk, list and automated mail is counted, not a relationship
    assert sum("bulk" in i.reason or "automated" in i.reason or "mailing list" in i.reason
               for i in rep.skipped) >= 5
    assert len(net.people) - n0 <= 2                 # correspondents are the connections
    rep = net.import_calendar(folder / "calendar.ics", owner=owner, until="2026-11-01")
    assert any("declined" in i.reason for i in rep.skipped)
    assert any("cancelled" in i.reason for i in rep.skipped)
    meetings = net.interactions[net.interactions["channel"] == "meeting"]
    linked = meetings["person_id"].astype(str).str.startswith("in:").mean()
    assert linked > 0.9                             # attendees are the LinkedIn people
