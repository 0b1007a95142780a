"""Sample mailboxes, calendars and address books of the sample team (all invented).

For each owner of :mod:`netgraph.sample`'s team, :func:`write_mail_samples` writes:

- ``mail.mbox``: an mbox with realistic headers (written with :mod:`email` and
  :mod:`mailbox`): threads with ``In-Reply-To``/``References``, CCs, a mailing
  list (``List-Id``), newsletters (``List-Unsubscribe``, ``Precedence: bulk``),
  no-reply mail, RFC 2047 encoded names, Gmail's ``X-Gmail-Labels`` with the
  owner's own mail labelled ``Sent``;
- ``calendar.ics``: a calendar (written with :mod:`icalendar`): weekly 1:1s
  (``RRULE`` + ``EXDATE``), a meeting the owner declined and one an attendee
  declined, a cancelled meeting, an all-hands with many attendees, time zones
  with their ``VTIMEZONE`` and an all-day event;
- ``contacts.vcf``: an address book of vCard 3.0 and 4.0 cards (and one 2.1 card
  with quoted-printable), with LinkedIn URLs, several e-mails, ``ORG`` and ``TITLE``.

The people are the owner's LinkedIn connections (the same names, employers and
profile URLs), so the identities join across sources. The same seed gives the same
bytes.

Examples
--------
>>> import tempfile
>>> from netgraph.sample import write_sample_data
>>> files = write_sample_data(tempfile.mkdtemp())
>>> sorted(k for k in files if k.startswith("maya_okafor/") and "." in k.rsplit("/")[-1]
...        and not k.endswith(".csv"))
['maya_okafor/calendar.ics', 'maya_okafor/contacts.vcf', 'maya_okafor/mail.mbox']
"""

from __future__ import annotations

import email.policy
import mailbox
import quopri
from datetime import date, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import numpy as np

if TYPE_CHECKING:  # the sample team's classes
    from netgraph.sample import _Owner, _Person, _Team

__all__ = ["MAIL_FILES", "README", "write_mail_samples"]

#: The files written per owner folder.
MAIL_FILES = ("mail.mbox", "calendar.ics", "contacts.vcf")

_ZONES = {"maya_okafor": "Europe/Berlin", "jonas_lindqvist": "Europe/Stockholm",
          "priya_raman": "America/New_York"}

# VTIMEZONEs written out (as Outlook does), so the file does not depend on the
# machine's time-zone database
_VTIMEZONES = {
    "Europe/Berlin": ("+0100", "+0200", "CET", "CEST"),
    "Europe/Stockholm": ("+0100", "+0200", "CET", "CEST"),
}
_VTZ_EU = """BEGIN:VTIMEZONE
TZID:{tz}
BEGIN:DAYLIGHT
TZOFFSETFROM:{std}
TZOFFSETTO:{dst}
TZNAME:{dname}
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:{dst}
TZOFFSETTO:{std}
TZNAME:{sname}
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""
_VTZ_NY = """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE"""

_SUBJECTS = ("Quick question about the roadmap", "Coffee next week?", "Intro: hiring plans",
             "Notes from today", "Re-connecting", "Draft for review", "Conference panel",
             "Your feedback on the spec", "Thank you!", "Following up")
_LIST_SUBJECTS = ("[robotics-forum] Meetup in November", "[robotics-forum] Job: controls lead",
                  "[robotics-forum] Slides from the last talk")
_LO, _HI = datetime(2025, 6, 2, tzinfo=timezone.utc), datetime(2026, 10, 28, tzinfo=timezone.utc)


def _ascii(text: str) -> str:
    from netgraph.sample import _ascii as fold

    return fold(text)


def _domain(company: str) -> str:
    from netgraph.sample import _base_of

    base = _base_of(company)
    return (_ascii(base) or "mail") + ".example"


def _address(p: _Person) -> str:
    return f"{_ascii(p.first)}.{_ascii(p.last)}@{_domain(p.company)}"


def _owner_addresses(o: _Owner) -> tuple[str, str]:
    p = o.person
    return _address(p), f"{_ascii(p.first)}{_ascii(p.last)}@mail.example"


class _Picks:
    """Who the owner e-mails and meets: close ties, developing ones, and connections
    with no evidence yet (whose ties the mailbox and calendar reveal)."""

    def __init__(self, team: _Team, o: _Owner, rng: np.random.Generator) -> None:
        contacts = [p for p in team.contacts(o) if p.role != "owner" or p is not o.person]
        tier = {p.idx: team.tiers.get((o.letter, p.idx), "") for p in contacts}
        plain = [p for p in contacts if p.name not in team.namesakes and p.company]
        close = [p for p in plain if tier[p.idx] in ("close", "developing")]
        silent = [p for p in plain if tier[p.idx] in ("", "dormant")]
        order = rng.permutation(len(silent))
        self.close = close[:10]
        self.silent = [silent[int(i)] for i in order[:24]]
        # an Acme Robotics alumnus or employee the owner now meets weekly
        acme = [p for p in plain if p.role in ("alum", "acme")]
        self.weekly = acme[:1] + self.close[:1]
        self.all = list(dict.fromkeys([*self.close, *self.silent, *self.weekly]))
        self.namesake = next((p for p in contacts if p.name in team.namesakes), None)


def _when(rng: np.random.Generator, lo: datetime = _LO, hi: datetime = _HI) -> datetime:
    s = int(rng.integers(0, int((hi - lo).total_seconds())))
    t = lo + timedelta(seconds=s)
    return t.replace(hour=int(rng.integers(7, 20)), second=0, microsecond=0)


def _mail(frm: Address, to: list[Address], when: datetime, mid: str, subject: str, *,
          cc: list[Address] = (), labels: str = "Inbox", reply_to: list[str] = (),
          extra: dict[str, str] | None = None, body: str = "") -> mailbox.mboxMessage:
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Date"] = format_datetime(when)
    m["Message-ID"] = mid
    if reply_to:
        m["In-Reply-To"] = reply_to[-1]
        m["References"] = " ".join(reply_to)
    m["Subject"] = subject
    m["X-Gmail-Labels"] = labels
    for k, v in (extra or {}).items():
        m[k] = v
    m.set_content(body or "Hello, an invented message.\n")
    box = mailbox.mboxMessage(m)
    box.set_from(frm.addr_spec, when.astimezone(timezone.utc).timetuple())
    return box


def _mailbox(team: _Team, o: _Owner, picks: _Picks, rng: np.random.Generator
             ) -> list[tuple[datetime, mailbox.mboxMessage]]:
    work, home = _owner_addresses(o)
    me = Address(o.person.name, addr_spec=work)
    me_home = Address(o.person.name, addr_spec=home)
    out: list[tuple[datetime, mailbox.mboxMessage]] = []
    n = 0

    def mid() -> str:
        nonlocal n
        n += 1
        return f"<{o.letter.lower()}{n:04d}.sample@{work.partition('@')[2]}>"

    def who(p: _Person) -> Address:
        return Address(p.name, addr_spec=_address(p))

    # threads with close ties and with connections the logs never mention
    for k, p in enumerate(picks.all):
        for _ in range(1 + int(rng.integers(0, 2 if p in picks.close else 1))):
            t = _when(rng)
            subject = _SUBJECTS[int(rng.integers(len(_SUBJECTS)))]
            refs: list[str] = []
            sender_is_me = rng.random() < 0.5
            cc = [who(picks.all[int(rng.integers(len(picks.all)))])] if rng.random() < 0.25 \
                else []
            cc = [c for c in cc if c.addr_spec != _address(p)]
            for step in range(1 + int(rng.integers(0, 3))):
                m = mid()
                mine = sender_is_me == (step % 2 == 0)
                own = me_home if (mine and k % 5 == 4) else me
                frm, to = (own, [who(p)]) if mine else (who(p), [own])
                out.append((t, _mail(frm, to, t, m, ("Re: " if step else "") + subject,
                                     cc=cc, labels="Sent" if mine else "Inbox,Important",
                                     reply_to=refs)))
                refs.append(m)
                t += timedelta(hours=float(rng.integers(1, 72)))
    # a mailing list: members write to the list, never to the owner
    members = picks.silent[-4:]
    for k, subject in enumerate(_LIST_SUBJECTS):
        p = members[k % len(members)]
        t = _when(rng)
        out.append((t, _mail(who(p), [Address("Robotics Forum", "robotics-forum",
                                              "lists.example")], t, mid(), subject,
                             extra={"List-Id": "Robotics Forum <robotics-forum.lists.example>",
                                    "Precedence": "list"}, labels="Inbox,Forums")))
    # newsletters (one sender name needs RFC 2047 encoding) and no-reply mail
    for k in range(4):
        t = _when(rng)
        frm = Address("Zoë's Robotics Digest" if k % 2 else "Gadget Weekly",
                      "news", "digest.example" if k % 2 else "gadgets.example")
        out.append((t, _mail(frm, [me], t, mid(), f"Issue #{40 + k}: what's new",
                             extra={"List-Unsubscribe": "<mailto:unsubscribe@digest.example>",
                                    "Precedence": "bulk"}, labels="Inbox,Promotions")))
    for _ in range(3):
        t = _when(rng)
        out.append((t, _mail(Address("Calendar Service", "no-reply", "calendar.example"),
                             [me], t, mid(), f"Reminder: meeting on {t:%b %d}",
                             extra={"Auto-Submitted": "auto-generated"})))
    # an accented correspondent (encoded name) who is a connection
    if picks.namesake is not None:  # a name two connections share: the e-mail cannot tell
        p = picks.namesake
        t = _when(rng)
        out.append((t, _mail(Address(p.name, "contact", "someplace.example"), [me], t, mid(),
                             "Hello from an old colleague")))
    out.sort(key=lambda x: x[0])
    return out


def _calendar(team: _Team, o: _Owner, picks: _Picks, rng: np.random.Generator) -> bytes:
    import icalendar

    zone = _ZONES[o.key]
    tz = ZoneInfo(zone)
    work, _ = _owner_addresses(o)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//netgraph sample//calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", zone)
    stamp = datetime(2026, 10, 31, 12, 0, tzinfo=timezone.utc)

    def addr(a: str, name: str = "", **params: str) -> Any:
        v = icalendar.vCalAddress(f"mailto:{a}")
        if name:
            v.params["CN"] = name
        for k, val in params.items():
            v.params[k.upper()] = val
        return v

    def event(uid: str, summary: str, start: Any, end: Any, people: list[_Person], *,
              organizer: tuple[str, str] | None = None, partstat: dict[str, str] | None = None,
              **props: Any) -> Any:
        e = icalendar.Event()
        e.add("uid", f"{uid}@sample.example")
        e.add("dtstamp", stamp)
        e.add("summary", summary)
        e.add("dtstart", start)
        e.add("dtend", end)
        org = organizer or (work, o.person.name)
        e.add("organizer", addr(org[0], org[1]))
        partstat = partstat or {}
        e.add("attendee", addr(work, o.person.name, partstat=partstat.get(work, "ACCEPTED")),
              encode=0)
        for p in people:
            a = _address(p)
            e.add("attendee", addr(a, p.name, partstat=partstat.get(a, "ACCEPTED"),
                                   role="REQ-PARTICIPANT"), encode=0)
        for k, v in props.items():
            e.add(k.replace("_", "-"), v)
        cal.add_component(e)
        return e

    # weekly 1:1s, skipped once (EXDATE), until the end of October 2026
    for k, p in enumerate(picks.weekly):
        first = datetime(2026, 3, 2 + k, 9 + k, 30, tzinfo=tz)
        event(f"{o.letter}-1on1-{k}", f"1:1 {o.person.first} / {p.first}", first,
              first + timedelta(minutes=30), [p],
              rrule={"FREQ": "WEEKLY", "UNTIL": datetime(2026, 10, 31, tzinfo=timezone.utc)},
              exdate=first + timedelta(weeks=6))
    # single meetings in the owner's zone, and one in New York time
    for k, p in enumerate(picks.all[:20]):
        s = _when(rng).astimezone(tz).replace(tzinfo=None)
        local = tz if k % 6 else ZoneInfo("America/New_York")
        start = s.replace(tzinfo=local)
        event(f"{o.letter}-meet-{k}", "Catch-up", start, start + timedelta(hours=1), [p],
              organizer=(_address(p), p.name) if k % 3 == 0 else None)
    # declined: by the owner, and by one attendee of a three-person meeting
    a, b = picks.all[0], picks.all[1]
    s = datetime(2026, 9, 15, 14, 0, tzinfo=tz)
    event(f"{o.letter}-declined", "Vendor pitch", s, s + timedelta(hours=1), [a],
          organizer=(_address(a), a.name), partstat={work: "DECLINED"})
    s = datetime(2026, 9, 22, 11, 0, tzinfo=tz)
    event(f"{o.letter}-partly", "Design review", s, s + timedelta(hours=1), [a, b],
          partstat={_address(b): "DECLINED"})
    s = datetime(2026, 8, 4, 16, 0, tzinfo=tz)
    event(f"{o.letter}-cancelled", "Planning (moved)", s, s + timedelta(hours=1), [b],
          status="CANCELLED")
    # an all-hands with many attendees (a big meeting counts little per person)
    crowd = [p for p in team.contacts(o) if p.company][:45]
    s = datetime(2026, 10, 1, 17, 0, tzinfo=tz)
    event(f"{o.letter}-allhands", "All-hands", s, s + timedelta(hours=1), crowd,
          organizer=("ceo@company.example", "The CEO"))
    # an all-day offsite with two people
    event(f"{o.letter}-offsite", "Offsite", date(2026, 6, 18), date(2026, 6, 19),
          picks.close[2:4])
    text = cal.to_ical().decode()
    zones = sorted({zone, "America/New_York"})
    vtz = [(_VTZ_NY if z == "America/New_York" else _VTZ_EU.format(
        tz=z, std=_VTIMEZONES[z][0], dst=_VTIMEZONES[z][1], sname=_VTIMEZONES[z][2],
        dname=_VTIMEZONES[z][3])).replace("\n", "\r\n") for z in zones]
    head, sep, rest = text.partition("BEGIN:VEVENT")
    return (head + "\r\n".join(vtz) + "\r\n" + sep + rest).encode()


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350: continuation lines start with a space)."""
    out, cur = [], ""
    for ch in line:
        if len((cur + ch).encode()) > 75:
            out.append(cur)
            cur = " " + ch
        else:
            cur += ch
    out.append(cur)
    return "\r\n".join(out)


def _vcards(team: _Team, o: _Owner, picks: _Picks, rng: np.random.Generator) -> bytes:
    cards = []
    people = [p for p in picks.all if rng.random() < 0.7]
    for k, p in enumerate(people):
        home = f"{_ascii(p.first)}{int(rng.integers(10, 99))}@mail.example"
        if k == 0 or (not p.first.isascii() and k < 6):
            qp = quopri.encodestring(p.name.encode()).decode()
            cards.append("\r\n".join([
                "BEGIN:VCARD", "VERSION:2.1",
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
                f"{quopri.encodestring(p.last.encode()).decode()};"
                f"{quopri.encodestring(p.first.encode()).decode()};;;",
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp}",
                f"EMAIL;INTERNET;PREF:{_address(p)}", f"ORG:{p.company}",
                "END:VCARD"]))
            continue
        v4 = k % 2 == 0
        lines = ["BEGIN:VCARD", "VERSION:4.0" if v4 else "VERSION:3.0", f"FN:{p.name}",
                 f"N:{p.last};{p.first};;;",
                 f"EMAIL;TYPE={'work' if v4 else 'INTERNET,WORK'}:{_address(p)}"]
        if k % 3 == 0:
            lines.append(f"EMAIL;TYPE={'home' if v4 else 'INTERNET,HOME'}:{home}")
        lines += [f"ORG:{p.company.replace(',', chr(92) + ',')}", f"TITLE:{p.title}"
                  if p.title else "TITLE:"]
        lines.append(f"URL{';TYPE=linkedin' if v4 else ''}:{p.url}")
        lines.append(f"TEL;TYPE=cell:+1 555 01{k:02d}")
        if k % 4 == 1:
            lines.append(f"NOTE:Met {p.first} at the robotics meetup; talked about hiring, "
                         "the new controls stack and a possible joint workshop next spring.")
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(ln) for ln in lines if not ln.endswith(":")))
    return ("\r\n".join(cards) + "\r\n").encode()


def write_mail_samples(root: Path, team: _Team, seed: int) -> dict[str, Path]:
    """Write each owner's ``mail.mbox``, ``calendar.ics`` and ``contacts.vcf`` under *root*.

    Parameters
    ----------
    root : Path
        The sample folder (owner folders inside).
    team : netgraph.sample._Team
        The sample team (after the LinkedIn files were written).
    seed : int
        The sample's seed (these files use their own random stream from it).

    Returns
    -------
    dict of str to Path
        Relative POSIX path -> written file.
    """
    from netgraph.sample import _rng

    out: dict[str, Path] = {}
    for o in team.owners:
        rng = _rng(seed * 1000 + ord(o.letter))
        picks = _Picks(team, o, rng)
        folder = root / o.key
        folder.mkdir(parents=True, exist_ok=True)
        box_path = folder / "mail.mbox"
        if box_path.exists():
            box_path.unlink()
        box = mailbox.mbox(box_path, create=True)
        try:
            for _, m in _mailbox(team, o, picks, rng):
                box.add(m)
            box.flush()
        finally:
            box.close()
        out[f"{o.key}/mail.mbox"] = box_path
        ics = folder / "calendar.ics"
        ics.write_bytes(_calendar(team, o, picks, rng))
        out[f"{o.key}/calendar.ics"] = ics
        vcf = folder / "contacts.vcf"
        vcf.write_bytes(_vcards(team, o, picks, rng))
        out[f"{o.key}/contacts.vcf"] = vcf
    return out


#: What the README of the sample folder says about these files.
README = """
## Mail, calendar and address book (per owner folder)

| file | what it is |
|---|---|
| `mail.mbox` | an mbox (Gmail Takeout style, `X-Gmail-Labels`): threads with the owner's close ties and with connections the logs never mention (`In-Reply-To`/`References`), CCs, mail from the owner's second address, a mailing list (`List-Id`), newsletters (`List-Unsubscribe`, `Precedence: bulk`, one sender name RFC 2047 encoded), no-reply mail (`Auto-Submitted`), and one message from a name two connections share (reported as ambiguous, not merged) |
| `calendar.ics` | a calendar in the owner's time zone (`X-WR-TIMEZONE`, `VTIMEZONE`s, one meeting in New York time): weekly 1:1s (`RRULE` with `UNTIL`, one `EXDATE`), single catch-ups, a meeting the owner declined, one an attendee declined, a cancelled one, an all-hands of 45 and an all-day offsite |
| `contacts.vcf` | an address book: vCard 3.0 and 4.0 cards (several e-mails, `ORG`, `TITLE`, the LinkedIn `URL`, folded lines) and a vCard 2.1 card with quoted-printable; the cards link e-mail addresses to LinkedIn profiles |

E-mail addresses are `first.last@<employer>.example` (the owners: a work and a `mail.example`
address). `netgraph demo` imports the address book, the mailbox and the calendar after the
LinkedIn exports and shows what they change.
"""
