"""Deterministic sample data and benchmark data.

Everything here is invented: names are drawn from lists of common first and
last names, companies are made-up names, e-mail addresses use the reserved
``example.com`` domain. The same seed always gives byte-identical files
(numpy ``Generator(PCG64(seed))``, no clock, no hash-order dependence).

Two kinds of output:

* :func:`write_sample_data` writes the small demo under ``sample_data/``: a
  team of three owners (Maya Okafor, Jonas Lindqvist, Priya Raman) with
  LinkedIn exports of three eras, a job-history CSV and interaction logs,
  including the mess real exports carry. The demo's target company is
  :data:`TARGET_COMPANY` ("Acme Robotics"). Regenerate with
  ``python -m netgraph.sample sample_data/``.
* Large inputs for benchmarks, generated vectorised:
  :func:`write_connections_csv` (one big Connections.csv),
  :func:`write_pooled_exports` (many overlapping exports),
  :func:`pooled_tables` (canonical tables of a pooled network of, say,
  1,000,000 people and 12,000,000 ties) and :func:`interactions_table`.

Examples
--------
>>> import tempfile
>>> from netgraph import sample
>>> files = sample.write_sample_data(tempfile.mkdtemp())
>>> files["maya_okafor/Connections.csv"].read_text().splitlines()[0]
'Notes:'
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import sys
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.errors import InputError

__all__ = [
    "OWNERS",
    "SAMPLE_END",
    "TARGET_COMPANY",
    "interactions_table",
    "main",
    "pooled_tables",
    "write_connections_csv",
    "write_pooled_exports",
    "write_sample_data",
]

#: Owner folder -> owner name, for the three owners of the sample team.
OWNERS: dict[str, str] = {
    "maya_okafor": "Maya Okafor",
    "jonas_lindqvist": "Jonas Lindqvist",
    "priya_raman": "Priya Raman",
}

#: The company the demo looks for warm introductions to.
TARGET_COMPANY = "Acme Robotics"

#: The sample's "now": the last interaction is before this instant (UTC).
SAMPLE_END = datetime(2026, 11, 1, tzinfo=timezone.utc)

_PROFILE = "https://www.linkedin.com/in/"
_UTC = "datetime64[ns, UTC]"

# --------------------------------------------------------------------------- names
_FIRST_NAMES: tuple[str, ...] = (
    "Aarav", "Abena", "Adriana", "Ahmed", "Aiko", "Alejandro", "Alina", "Amara", "Amir", "Ana",
    "Andrea", "Anil", "Anja", "Arjun", "Astrid", "Aylin", "Ben", "Bianca", "Bjørn", "Carla",
    "Carlos", "Chiara", "Chloe", "Chinedu", "Daniel", "Dara", "David", "Deepa", "Diego",
    "Dmitri", "Elena", "Elif", "Emeka", "Emma", "Erik", "Esther", "Fatima", "Felix", "Fiona",
    "Gabriel", "Hana", "Hannah", "Hiro", "Ines", "Ingrid", "Isaac", "Ivan", "Jamal", "Jana",
    "Javier", "Jin", "João", "Jonah", "Julia", "Kai", "Karin", "Kavya", "Kenji", "Kofi", "Lars",
    "Laura", "Leila", "Lena", "Leo", "Liam", "Lina", "Lucas", "Lucia", "Luis", "Mai", "Malik",
    "Marco", "Maria", "Mateo", "Mei", "Mia", "Miguel", "Mina", "Mohammed", "Nadia", "Naomi",
    "Nikhil", "Nina", "Noah", "Nora", "Olga", "Omar", "Oskar", "Paolo", "Pedro", "Petra",
    "Rafael", "Rahul", "Rania", "Ravi", "Rosa", "Ruth", "Sami", "Sara", "Sebastian", "Sofia",
    "Sven", "Tariq", "Tomás", "Tara", "Theo", "Uma", "Valentina", "Vikram", "Wei", "Yara",
    "Yusuf", "Zara", "Zoë",
)
_LAST_NAMES: tuple[str, ...] = (
    "Abebe", "Adeyemi", "Aguilar", "Ahmed", "Alvarez", "Andersen", "Baker", "Banerjee", "Becker",
    "Bianchi", "Brennan", "Castillo", "Chen", "Choi", "Costa", "Dahl", "Das", "Dubois",
    "Eriksen", "Fernandes", "Fischer", "Fontaine", "Garcia", "Gomez", "Gupta", "Haddad",
    "Hansen", "Hartmann", "Horvath", "Huang", "Ibrahim", "Iyer", "Jansen", "Jensen", "Kaur",
    "Kim", "Kowalski", "Kruger", "Kumar", "Larsen", "Lee", "Lindgren", "Lopez", "Mahmoud",
    "Martin", "Mendes", "Moreau", "Morales", "Müller", "Murphy", "Nakamura", "Nguyen", "Novak",
    "Nowak", "O'Brien", "Okoro", "Olsen", "Ortiz", "Osei", "Park", "Patel", "Petrov", "Popescu",
    "Quinn", "Ramos", "Reyes", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sokolov",
    "Suzuki", "Şahin", "Tanaka", "Torres", "Tran", "Vargas", "Varga", "Walsh", "Wang", "Weber",
    "Wong", "Yamamoto", "Yilmaz", "Zhang", "Zielinski",
)
# Syllables for the larger benchmark name space (invented surnames).
_PRE = (
    "Ash", "Bel", "Bran", "Cal", "Dun", "Ed", "Fair", "Gal", "Hal", "Hol", "Kel", "Lind", "Mar",
    "Mor", "Nor", "Ost", "Pen", "Ral", "Ros", "Sel", "Stan", "Tal", "Thorn", "Val", "Wes",
    "Win", "Al", "Ber", "Dal", "Fen", "Gran", "Har", "Lan", "Mel", "Ren", "Sand", "Tor", "Ul",
)
_SUF = (
    "berg", "bury", "by", "croft", "dale", "den", "ford", "gard", "ham", "holm", "ley", "lund",
    "mont", "more", "ridge", "sen", "son", "stad", "strom", "ton", "vik", "well", "wick", "wood",
)
_TITLES: tuple[str, ...] = (
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager",
    "Director of Engineering", "VP Engineering", "CTO", "Product Manager",
    "Senior Product Manager", "Head of Product", "Product Designer", "UX Researcher",
    "Data Scientist", "Data Engineer", "Machine Learning Engineer", "Robotics Engineer",
    "Mechanical Engineer", "Hardware Engineer", "Controls Engineer", "QA Lead",
    "DevOps Engineer", "Site Reliability Engineer", "Solutions Architect", "Account Executive",
    "Sales Director", "Customer Success Manager", "Marketing Manager", "Growth Lead",
    "Content Strategist", "Recruiter", "Talent Partner", "HR Business Partner",
    "Operations Manager", "Supply Chain Analyst", "Financial Analyst", "Controller", "Founder",
    "Co-founder & CEO", "Consultant", "Research Scientist", "Investor", "Partner",
)
_PLACEHOLDERS = ("Self-employed", "Self Employed", "Freelance", "Confidential", "Stealth Mode", "N/A")
_LEGAL_SUFFIXES = (" Inc.", ", Inc.", " LLC", " Ltd", " GmbH", " S.A.", " AG", " plc")

# Invented companies: base name, relative size, other spellings seen in files.
_COMPANIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Acme Robotics", 0.0, ("Acme Robotics Inc.", "ACME Robotics, Inc.", "Acme Robotics LLC")),
    ("Brightwater Labs", 9, ("Brightwater Labs, Inc.",)),
    ("Kestrel Logistics", 10, ("Kestrel Logistics GmbH", "KESTREL LOGISTICS")),
    ("Halvorsen Instruments", 9, ("Halvorsen Instruments AB",)),
    ("Bluefinch Software", 6, ("BlueFinch Software Ltd",)),
    ("Copperleaf Health", 8, ("Copperleaf Health, Inc.",)),
    ("Northgate Mobility", 5, ("Northgate Mobility S.A.",)),
    ("Tidewater Energy", 6, ("Tidewater Energy plc",)),
    ("Glasswing Cloud", 12, ("Glasswing Cloud Inc",)),
    ("Harborline Shipping", 4, ()),
    ("Juniper Vale Pharma", 7, ("Juniper Vale Pharma AG",)),
    ("Marrowlane Analytics", 3, ()),
    ("Quillbyte", 2, ()),
    ("Pinecrest Foods", 4, ()),
    ("Silverthread Payments", 6, ("Silverthread Payments Ltd.",)),
    ("Granite & Fern Design", 1.5, ()),
    ("Lumenfold", 2, ()),
    ("Riverquill Capital", 2, ()),
    ("Vantor Biosciences", 3, ()),
    ("Helix & Hart Consulting", 5, ()),
    ("Orbweave", 1.5, ()),
    ("Saltmarsh Media", 2.5, ()),
    ("Cobaltnine Security", 3, ()),
    ("Meadowlark Education", 2, ()),
    ("Thistle Insurance", 4, ()),
    ("Ironbloom Manufacturing", 3.5, ()),
    ("Zephyrgrid", 1.5, ()),
    ("Wrenfield Retail", 5, ()),
    ("Amberlight Games", 2, ()),
    ("Driftwood Hospitality", 2, ()),
    ("Fennel & Finch Law", 1.5, ()),
    ("Stellarcrest Aerospace", 4, ()),
    ("Mosswood Architecture", 1, ()),
    ("Bramblecode", 1, ()),
    ("Cinderpath Studios", 1, ()),
    ("Kilnworks", 1, ()),
    ("Lanternfish Data", 2, ()),
    ("Nimbleroot", 1, ()),
    ("Quarrystone Construction", 2.5, ()),
    ("Velvetine Fashion", 1.5, ()),
    ("Ostrander University", 6, ()),
)
# Syllables and words for the benchmark company names (invented).
_CO_A = (
    "Amber", "Ash", "Birch", "Blue", "Bright", "Cedar", "Cobalt", "Copper", "Crane", "Drift",
    "Elm", "Falcon", "Fern", "Glass", "Gold", "Granite", "Harbor", "Heron", "Iron", "Juniper",
    "Kestrel", "Lantern", "Lark", "Linden", "Maple", "Marrow", "Meadow", "Moss", "North",
    "Oak", "Orchid", "Pine", "Quarry", "Raven", "River", "Salt", "Silver", "Slate", "Stone",
    "Swift", "Thistle", "Tide", "Velvet", "Willow", "Wren", "Zephyr",
)
_CO_B = (
    "bay", "beam", "bridge", "brook", "crest", "field", "finch", "fold", "gate", "grid", "hill",
    "lane", "leaf", "light", "line", "loop", "mark", "mill", "path", "point", "quill", "ridge",
    "root", "shore", "spark", "stone", "thread", "vale", "view", "water", "wing", "works",
)
_CO_C = (
    "Analytics", "Robotics", "Labs", "Health", "Logistics", "Software", "Energy", "Capital",
    "Foods", "Media", "Security", "Systems", "Studios", "Cloud", "Data", "Pharma", "Retail",
    "Consulting", "Design", "Instruments", "Mobility", "Payments", "Insurance", "Education",
    "Manufacturing", "Aerospace", "Games", "Bank", "Networks", "Partners",
)

_NOTES_TEXT = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address, using the email visibility setting "
    "in your privacy settings. You can learn more in the Help Center, under data export."
)
_MODERN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                  "Connected On"]
_OLDER_HEADER = ["First Name", "Last Name", "Email Address", "Company", "Position",
                 "Connected On"]
_MSG_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
               "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
               "IS MESSAGE DRAFT"]
_MSG_HEADER_2021 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                    "DATE", "SUBJECT", "CONTENT", "FOLDER"]
_MSG_HEADER_2018 = ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]
_INV_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
               "inviteeProfileUrl"]
_AFF_HEADER = ["person", "url", "company", "title", "start", "end"]
_INT_HEADER = ["person", "url", "other", "timestamp", "channel", "direction", "participants",
               "note"]
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZIP_TIME = (2026, 11, 1, 0, 0, 0)


def _rng(seed: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(seed))


def _ascii(text: str) -> str:
    """Drop accents and non-ASCII letters (for e-mail local parts)."""
    folded = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("ß", "ss"))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def _slug_part(text: str) -> str:
    """A profile-URL slug part: lower case, no spaces or apostrophes, percent-encoded."""
    return quote(text.lower().replace("'", "").replace(" ", "-"), safe="-")


def _d_mon_y(d: date) -> str:
    return f"{d.day:02d} {_MONTHS[d.month - 1]} {d.year}"


def _us_2018(d: datetime) -> str:
    """2018 style: ``04/12/18, 10:23 AM``."""
    h = d.hour % 12 or 12
    return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}, {h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def _us_short(d: datetime) -> str:
    """Invitations style: ``1/5/25, 3:04 PM``."""
    h = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year % 100:02d}, {h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def _month_year(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def _csv_text(rows: Sequence[Sequence[object]], header: Sequence[str] | None = None,
              lineterminator: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=lineterminator)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _write_zip(path: Path, files: Sequence[Path]) -> Path:
    """A deterministic zip: sorted names, fixed timestamps and permissions."""
    with zipfile.ZipFile(path, "w") as zf:
        for f in sorted(files, key=lambda p: p.name):
            info = zipfile.ZipInfo(f.name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, f.read_bytes(), compresslevel=9)
    return path


# =========================================================================== sample team
@dataclass
class _Job:
    company: str  # as written
    title: str
    start: date
    end: date | None  # None while current


@dataclass(eq=False)
class _Person:
    idx: int
    first: str
    last: str
    slug: str
    company: str = ""  # current employer as written ("" = none)
    title: str = ""
    start: date | None = None  # start of the current job
    past: list[_Job] = field(default_factory=list)
    cred: str = ""  # credential shown after the last name in Connections
    groups: str = ""  # owner letters: "M", "J", "P"
    history: bool = False  # written to affiliations.csv
    role: str = ""  # "acme", "alum", "owner", ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        return _PROFILE + self.slug


@dataclass
class _Owner:
    key: str  # folder name
    letter: str
    person: _Person
    joined: date  # first connection
    export: date  # export date of the Connections file


class _Team:
    """Builds the sample team: people, jobs, who knows whom, how often they talk."""

    def __init__(self, seed: int) -> None:
        self.rng = _rng(seed)
        self.people: list[_Person] = []
        self.used_slugs: set[str] = set()
        self.names: set[tuple[str, str]] = set()
        self.weights = np.array([c[1] for c in _COMPANIES], dtype=float)
        self.owners: list[_Owner] = []
        self.tiers: dict[tuple[str, int], str] = {}
        self.namesakes: set[str] = set()
        self._build()

    # ------------------------------------------------------------------ helpers
    def rand_date(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=int(self.rng.integers(0, max(1, (hi - lo).days))))

    def pick(self, seq: Sequence[str]) -> str:
        return seq[int(self.rng.integers(0, len(seq)))]

    def written(self, base: str, variant_share: float = 0.2) -> str:
        """The base company name or, sometimes, another spelling of it."""
        variants = next(c[2] for c in _COMPANIES if c[0] == base)
        if variants and base != TARGET_COMPANY and self.rng.random() < variant_share:
            return self.pick(variants)
        return base

    def random_company(self, boost: Sequence[str] = ()) -> str:
        w = self.weights.copy()
        for i, c in enumerate(_COMPANIES):
            if c[0] in boost:
                w[i] *= 4.0
        return _COMPANIES[int(self.rng.choice(len(w), p=w / w.sum()))][0]

    def new_person(self, first: str | None = None, last: str | None = None) -> _Person:
        if first is None or last is None:
            while True:
                first = self.pick(_FIRST_NAMES)
                last = self.pick(_LAST_NAMES)
                if (first, last) not in self.names:
                    break
        self.names.add((first, last))
        base = _slug_part(f"{first}-{last}")
        slug = base
        if slug in self.used_slugs or self.rng.random() < 0.6:
            # Like LinkedIn: the name plus a short hex suffix, unique.
            while slug == base or slug in self.used_slugs:
                digits = int(self.rng.integers(6, 9))
                slug = f"{base}-{int(self.rng.integers(0, 16**digits)):0{digits}x}"
        self.used_slugs.add(slug)
        p = _Person(len(self.people), first, last, slug)
        self.people.append(p)
        return p

    def give_job(self, p: _Person, company: str, title: str | None = None,
                 start: date | None = None) -> None:
        p.company = company
        p.title = self.pick(_TITLES) if title is None else title
        p.start = start or self.rand_date(date(2012, 1, 1), date(2026, 6, 1))

    def give_past(self, p: _Person, n: int, boost: Sequence[str] = ()) -> None:
        """Add *n* past jobs before the current one, most recent last."""
        end = (p.start or date(2026, 6, 1)) - timedelta(days=int(self.rng.integers(10, 150)))
        jobs = []
        current = _base_of(p.company)
        for _ in range(n):
            tenure = int(self.rng.integers(300, 6 * 365))
            start = end - timedelta(days=tenure)
            company = current
            while company == current:
                company = self.random_company(boost)
            jobs.append(_Job(self.written(company), self.pick(_TITLES), start, end))
            end = start - timedelta(days=int(self.rng.integers(10, 200)))
        p.past = jobs[::-1] + p.past

    def overlap_job(self, p: _Person, company: str, lo: date, hi: date) -> None:
        """Give *p* a past job at *company* overlapping [lo, hi]; shift the current job if needed."""
        span = max(60, (hi - lo).days)
        start = lo + timedelta(days=int(self.rng.integers(-365, span // 2)))
        end = start + timedelta(days=int(self.rng.integers(400, 5 * 365)))
        end = max(min(end, date(2025, 12, 1)), start + timedelta(days=200))
        if p.start is not None and p.start <= end:
            p.start = end + timedelta(days=int(self.rng.integers(15, 120)))
        p.past = [j for j in p.past if j.end is not None and j.end < start] + [
            _Job(self.written(company), self.pick(_TITLES), start, end)
        ]

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        rng = self.rng
        owner_specs = (
            ("maya_okafor", "M", "Maya", "Okafor", "maya-okafor", date(2011, 9, 1),
             date(2026, 10, 28),
             [("Bluefinch Software", "Product Manager", date(2013, 9, 1), date(2017, 4, 30)),
              ("Kestrel Logistics", "Senior Product Manager", date(2017, 5, 2), date(2022, 1, 28)),
              ("Brightwater Labs", "Head of Product", date(2022, 2, 1), None)]),
            ("jonas_lindqvist", "J", "Jonas", "Lindqvist", "jonas-lindqvist-8a1f3c",
             date(2010, 4, 1), date(2026, 10, 15),
             [("Northgate Mobility", "Software Engineer", date(2011, 3, 1), date(2014, 12, 19)),
              ("Kestrel Logistics", "Engineering Manager", date(2015, 1, 5), date(2020, 7, 31)),
              ("Halvorsen Instruments", "Director of Engineering", date(2020, 8, 3), None)]),
            ("priya_raman", "P", "Priya", "Raman", "priya-raman-41b7", date(2012, 2, 1),
             date(2022, 11, 30),
             [("Tidewater Energy", "Operations Analyst", date(2012, 6, 4), date(2019, 2, 22)),
              ("Copperleaf Health", "VP Operations", date(2019, 3, 4), None)]),
        )
        for key, letter, first, last, slug, joined, export, jobs in owner_specs:
            self.names.add((first, last))
            self.used_slugs.add(slug)
            p = _Person(len(self.people), first, last, slug, role="owner", history=True)
            self.people.append(p)
            *past, cur = jobs
            p.company, p.title, p.start = cur[0], cur[1], cur[2]
            p.past = [_Job(c, t, s, e) for c, t, s, e in past]
            p.groups = "MJP".replace(letter, "")
            self.owners.append(_Owner(key, letter, p, joined, export))

        # Regular people and which owners they are connected to.
        labels = (["MJP"] * 12 + ["MJ"] * 45 + ["MP"] * 25 + ["JP"] * 30 + ["M"] * 262
                  + ["J"] * 212 + ["P"] * 200 + [""] * 60)
        order = rng.permutation(len(labels))
        regular = []
        for i in order:
            p = self.new_person()
            p.groups = labels[int(i)]
            regular.append(p)
        # Deliberate duplicate full names (distinct people, distinct URLs).
        by_label: dict[str, list[_Person]] = {}
        twins: list[tuple[_Person, _Person]] = []
        for p in regular:
            by_label.setdefault(p.groups, []).append(p)
        for src, grp in ((by_label["M"][0], "M"), (by_label["J"][0], "M"),
                         (by_label["MJ"][0], "J"), (by_label["P"][0], "P")):
            twin = self.new_person(src.first, src.last)
            twin.groups = grp
            regular.append(twin)
            twins.append((src, twin))

        owner_companies = {o.letter: [o.person.company] + [j.company for j in o.person.past]
                           for o in self.owners}
        # Current job and history for everyone.
        for p in regular:
            boost = [c for letter in p.groups for c in owner_companies[letter]]
            u = rng.random()
            if u < 0.06:
                self.give_job(p, _PLACEHOLDERS[int(rng.integers(0, len(_PLACEHOLDERS)))])
            elif u < 0.075:
                self.give_job(p, "", title="")
            else:
                self.give_job(p, self.written(self.random_company(boost)))
            self.give_past(p, int(rng.choice(3, p=[0.35, 0.4, 0.25])), boost)
            p.history = bool(p.company) and _base_of(p.company) != "" and rng.random() < 0.55

        # Namesakes work at different employers (else nothing tells them apart without a URL).
        self.namesakes = {src.name for src, _ in twins}
        for src, twin in twins:
            while _base_of(twin.company) == _base_of(src.company):
                self.give_job(twin, self.written(self.random_company()))

        # Acme Robotics: current employees A0..A9 and alumni L0..L7.
        def take(label: str) -> _Person:
            p = by_label[label].pop()
            p.history = True
            return p

        acme_spec = (
            ("J", "Acme Robotics", "Staff Robotics Engineer", date(2018, 3, 5)),
            ("J", "Acme Robotics Inc.", "Engineering Manager", date(2019, 9, 2)),
            ("J", "ACME Robotics, Inc.", "Head of Talent", date(2021, 1, 11)),
            ("J", "Acme Robotics", "Recruiter", date(2023, 6, 1)),
            ("P", "Acme Robotics LLC", "Director of Operations", date(2017, 10, 2)),
            ("JP", "Acme Robotics", "VP Engineering", date(2016, 5, 16)),
            ("", "Acme Robotics", "Controls Engineer", date(2020, 11, 2)),
            ("", "Acme Robotics", "Product Manager", date(2022, 4, 4)),
            ("", "Acme Robotics Inc.", "Mechanical Engineer", date(2021, 8, 16)),
            ("", "Acme Robotics", "Talent Partner", date(2024, 2, 5)),
        )
        acme = []
        for label, company, title, start in acme_spec:
            p = take(label)
            p.role = "acme"
            self.give_job(p, company, title, start)
            p.past = []
            self.give_past(p, int(rng.integers(1, 3)))
            acme.append(p)
        alum_spec = (
            ("M", date(2019, 1, 7), date(2024, 3, 29), "Glasswing Cloud"),
            ("M", date(2014, 2, 3), date(2019, 5, 31), "Lumenfold"),
            ("J", date(2017, 6, 5), date(2022, 8, 26), "Stellarcrest Aerospace"),
            ("J", date(2020, 2, 3), date(2025, 6, 27), "Ironbloom Manufacturing"),
            ("P", date(2016, 4, 4), date(2020, 9, 30), "Juniper Vale Pharma"),
            ("", date(2018, 9, 3), date(2023, 1, 31), "Zephyrgrid"),
            ("MJ", date(2015, 3, 2), date(2018, 12, 21), "Glasswing Cloud"),
            ("MJ", date(2021, 5, 3), date(2024, 10, 31), "Halvorsen Instruments"),
        )
        alumni = []
        for label, start, end, now in alum_spec:
            p = take(label)
            p.role = "alum"
            self.give_job(p, self.written(now), start=end + timedelta(days=int(rng.integers(20, 90))))
            p.past = []
            p.past.append(_Job(self.written(TARGET_COMPANY, 0.5), self.pick(_TITLES), start, end))
            self.give_past_before(p, start)
            alumni.append(p)
        # Affiliation-only Acme people overlap a former colleague who is in a network.
        self.overlap_job(acme[6], "Kestrel Logistics", date(2017, 5, 2), date(2020, 7, 31))
        self.overlap_job(acme[7], "Bluefinch Software", date(2014, 1, 1), date(2017, 4, 30))
        bluefinch_friend = by_label["M"].pop()
        bluefinch_friend.history = True
        bluefinch_friend.past = []
        self.overlap_job(bluefinch_friend, "Bluefinch Software", acme[7].past[-1].start,
                         acme[7].past[-1].end or date(2018, 1, 1))
        glass_friend = by_label["P"].pop()
        glass_friend.history = True
        if _base_of(glass_friend.company) in ("", "Glasswing Cloud"):
            self.give_job(glass_friend, "Thistle Insurance")
        self.overlap_job(glass_friend, "Glasswing Cloud", date(2015, 1, 1), date(2019, 1, 1))
        self.overlap_job(acme[8], "Glasswing Cloud", glass_friend.past[-1].start,
                         glass_friend.past[-1].end or date(2019, 1, 1))
        self.acme, self.alumni = acme, alumni
        self.special = [bluefinch_friend, glass_friend]

        # Former colleagues of each owner (shared tenure).
        for o in self.owners:
            jobs = [*o.person.past, _Job(o.person.company, o.person.title, o.person.start
                                         or date(2020, 1, 1), None)]
            pool = [p for p in regular if o.letter in p.groups and not p.role
                    and p not in self.special and _base_of(p.company) != ""]
            picks = rng.permutation(len(pool))[: 6 * len(jobs)]
            for k, i in enumerate(picks):
                p = pool[int(i)]
                job = jobs[k % len(jobs)]
                p.history = True
                if job.end is None:  # the owner's current employer: a current colleague
                    self.give_job(p, self.written(job.company), start=self.rand_date(
                        job.start - timedelta(days=900), date(2026, 3, 1)))
                    if not p.past:
                        self.give_past(p, 1)
                    p.past = [j for j in p.past if j.end is not None and j.end < p.start]
                else:
                    self.overlap_job(p, job.company, job.start, job.end)

        # Priya's export is from 2022: her contacts' current jobs started before it.
        for p in self.people:
            if "P" in p.groups and p.role != "owner" and p.start and p.start > date(2022, 10, 1):
                shift = p.start - self.rand_date(date(2015, 1, 1), date(2022, 10, 1))
                p.start -= shift
                p.past = [_Job(j.company, j.title, j.start - shift, j.end - shift if j.end
                               else None) for j in p.past]

        # Credentials after a comma in last names.
        creds = [p for p in regular if not p.role][:40]
        for p, cred in zip(creds[::9], (", PhD", ", PMP®", ", CFA", ", MBA"), strict=False):
            p.cred = cred
        self._assign_tiers()

    def give_past_before(self, p: _Person, before: date) -> None:
        if self.rng.random() < 0.6:
            end = before - timedelta(days=int(self.rng.integers(10, 150)))
            start = end - timedelta(days=int(self.rng.integers(400, 5 * 365)))
            p.past.insert(0, _Job(self.written(self.random_company()), self.pick(_TITLES),
                                  start, end))

    def contacts(self, owner: _Owner) -> list[_Person]:
        """The owner's connections, in population order."""
        return [p for p in self.people if owner.letter in p.groups]

    def _assign_tiers(self) -> None:
        """Relationship tiers per (owner, contact): close, developing, cooling, dormant."""
        m, j, pr = (o.person for o in self.owners)
        a, al = self.acme, self.alumni
        forced = {
            "M": {j: "close", pr: "developing", al[0]: "developing", al[1]: "dormant",
                  al[6]: "cooling", al[7]: "dormant", self.special[0]: "cooling"},
            "J": {m: "close", a[0]: "close", a[1]: "developing", a[2]: "cooling",
                  a[3]: "dormant", a[5]: "dormant", al[2]: "cooling", al[3]: "developing"},
            "P": {m: "developing", j: "dormant", a[4]: "developing", a[5]: "cooling",
                  self.special[1]: "dormant"},
        }
        quota = {"close": 5, "developing": 12, "cooling": 15, "dormant": 50}
        for o in self.owners:
            fixed = forced[o.letter]
            for p, tier in fixed.items():
                self.tiers[(o.letter, p.idx)] = tier
            left = {t: quota[t] - sum(1 for v in fixed.values() if v == t) for t in quota}
            pool = [p for p in self.contacts(o) if p not in fixed and p.role != "acme"
                    and not (o.letter == "P" and p.name in self.namesakes)]
            perm = self.rng.permutation(len(pool))
            k = 0
            for tier in ("close", "developing", "cooling", "dormant"):
                for _ in range(left[tier]):
                    self.tiers[(o.letter, pool[int(perm[k])].idx)] = tier
                    k += 1


def _base_of(company: str) -> str:
    """The base company of a written name; ``""`` for placeholders and unknown names."""
    for base, _, variants in _COMPANIES:
        if company == base or company in variants:
            return base
    return ""


# --------------------------------------------------------------------------- sample files
def _connections_rows(team: _Team, owner: _Owner, modern: bool) -> list[list[str]]:
    """Rows of one owner's Connections.csv (without header), newest first, with the mess."""
    rng = team.rng
    people = team.contacts(owner)
    lo, hi = owner.joined, owner.export
    span = (hi - lo).days
    rows: list[tuple[date, int, list[str]]] = []
    for p in people:
        when = lo + timedelta(days=int(span * (1 - rng.random() ** 1.7)))
        if p.role == "owner":
            other_start = max(p.past[0].start if p.past else lo, lo)
            when = max(when, other_start)
        first, last = p.first, p.last + p.cred
        company, title = p.company, p.title
        email = ""
        if rng.random() < 0.03:
            email = f"{_ascii(p.first)}.{_ascii(p.last)}@example.com"
        u = rng.random()
        if u < 0.015:
            first += " "
        elif u < 0.03:
            company += " "
        elif u < 0.04:
            title += " "
        url = p.url if modern else ""
        cells = [first, last, url, email, company, title] if modern else [
            first, last, email, company, title]
        rows.append((when, p.idx, cells))
    # Ghost rows: hidden or removed members, only Connected On is filled.
    n_ghost = max(3, round(len(rows) * 0.02))
    for k in range(n_ghost):
        when = lo + timedelta(days=int(span * (1 - rng.random() ** 1.7)))
        rows.append((when, 10_000 + k, [""] * (6 if modern else 5)))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    out = []
    for when, _, cells in rows:
        if modern:
            stamp = _d_mon_y(when)
        elif when.year <= 2018 and rng.random() < 0.5:
            t = datetime(when.year, when.month, when.day, int(rng.integers(7, 22)),
                         int(rng.integers(0, 60)))
            stamp = _us_2018(t)
        else:
            stamp = _d_mon_y(when)
        out.append([*cells, stamp])
    return out


def _apply_marks(rows: list[list[str]], team: _Team, owner: _Owner) -> None:
    """One NBSP, one zero-width mark and one emoji (Maya's file)."""
    url_col = 2
    by_url = {r[url_col]: r for r in rows if r[url_col]}
    candidates = [p for p in team.contacts(owner) if p.role == "" and p.url in by_url
                  and "J" in p.groups]
    if len(candidates) < 3:  # pragma: no cover - the fixed seed always has enough
        return
    r1, r2, r3 = (by_url[candidates[i].url] for i in (1, 4, 7))
    r1[1] = r1[1] + "\u00a0"  # NBSP after a last name
    r2[0] = "\u200b" + r2[0]  # zero-width space before a first name
    r3[5] = (r3[5].strip() or "Founder") + " \U0001f680"  # an emoji in a position


def _iso(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def _events(team: _Team, start: datetime, end: datetime, gap_days: float) -> list[datetime]:
    """Contact times from *start* to *end* at roughly *gap_days* apart (business hours)."""
    rng = team.rng
    out = []
    t = start
    while True:
        t = t + timedelta(days=float(rng.exponential(gap_days)) + 0.5)
        if t >= end:
            break
        day = datetime(t.year, t.month, t.day, tzinfo=timezone.utc)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        out.append(day + timedelta(hours=int(rng.integers(7, 18)),
                                   minutes=5 * int(rng.integers(0, 12))))
    return [x for x in out if x < end]


_WINDOWS = {
    # tier: (start range, end, mean gap in days)
    "close": ((date(2023, 7, 1), date(2023, 12, 1)), None, 11.0),
    "developing": ((date(2025, 1, 15), date(2025, 9, 1)), None, 24.0),
    "cooling": ((date(2023, 3, 1), date(2023, 12, 1)), (date(2024, 8, 1), date(2025, 5, 1)), 18.0),
}
_NOTES = {
    "meeting": ("coffee", "lunch", "1:1 catch-up", "walk and talk", "dinner after the meetup",
                "reviewed the roadmap, next steps"),
    "call": ("catch-up call", "intro call", "quick call about hiring", "call re: the offsite",
             "phone, 20 min"),
    "email": ("sent the deck", "re: hiring plans", "follow-up, with notes", "shared an article",
              "thanks for the intro"),
    "message": ("texted about the conference", "WhatsApp: congrats", "Signal: quick question"),
}
_GROUP_NOTES = ("quarterly product council", "team offsite", "robotics meetup", "design review",
                "alumni dinner", "board prep", "hiring committee")


def _interaction_rows(team: _Team, owner: _Owner) -> list[list[str]]:
    rng = team.rng
    end = SAMPLE_END - timedelta(hours=12)
    rows: list[tuple[datetime, list[str]]] = []
    with_url = owner.letter != "P"
    contacts = {p.idx: p for p in team.contacts(owner)}

    def row(p: _Person, t: datetime, channel: str, direction: str, n: int, note: str) -> None:
        rows.append((t, [p.name, p.url if with_url or p.role == "owner" else "", "", _iso(t),
                         channel, direction, str(n), note]))

    def one(p: _Person, t: datetime, tier: str) -> None:
        ch = str(rng.choice(["meeting", "call", "email", "message"], p=[0.3, 0.25, 0.3, 0.15]))
        if ch == "meeting":
            direction = ""
        else:
            p_out = 0.55 if tier != "dormant" else 0.85
            direction = "out" if rng.random() < p_out else "in"
        row(p, t, ch, direction, 2, team.pick(_NOTES[ch]))

    tiers = sorted((idx, tier) for (letter, idx), tier in team.tiers.items()
                   if letter == owner.letter)
    for idx, tier in tiers:
        p = contacts.get(idx) or team.people[idx]
        if tier == "dormant":
            for _ in range(int(rng.integers(1, 4))):
                d = team.rand_date(date(2022, 11, 1), date(2025, 6, 1))
                t = datetime(d.year, d.month, d.day, int(rng.integers(8, 18)),
                             5 * int(rng.integers(0, 12)), tzinfo=timezone.utc)
                one(p, t, tier)
            continue
        (lo, hi), stop, gap = _WINDOWS[tier]
        s = team.rand_date(lo, hi)
        start = datetime(s.year, s.month, s.day, tzinfo=timezone.utc)
        if stop is None:
            stop_at = end
        else:
            e = team.rand_date(*stop)
            stop_at = datetime(e.year, e.month, e.day, tzinfo=timezone.utc)
        for t in _events(team, start, stop_at, gap * float(rng.uniform(0.7, 1.3))):
            one(p, t, tier)
    # Group meetings (3..12 people, the owner included).
    pool = [contacts[i] for i in sorted(contacts) if contacts[i].role != "owner"]
    for _ in range(10):
        n = int(rng.integers(3, 13))
        d = team.rand_date(date(2023, 1, 9), date(2026, 10, 20))
        t = datetime(d.year, d.month, d.day, int(rng.integers(8, 17)), 0, tzinfo=timezone.utc)
        note = team.pick(_GROUP_NOTES)
        for i in rng.choice(len(pool), size=n - 1, replace=False):
            row(pool[int(i)], t, "meeting", "", n, note)
    rows.sort(key=lambda r: (r[0], r[1][0], r[1][4]))
    out = [r for _, r in rows]
    if owner.letter == "M":  # deliberately bad rows, for the import report
        me = owner.person
        p = pool[5]
        out.insert(len(out) // 3, [p.name, p.url, "", "sometime in March", "call", "out", "2",
                                   "date lost when the phone was replaced"])
        out.insert(len(out) // 2, [p.name, p.url, "", "2025-04-01T09:30:00Z", "carrier pigeon",
                                   "out", "2", "a joke that made it into the log"])
        out.insert(2 * len(out) // 3, [me.name, me.url, "", "2025-06-02T08:00:00Z", "email",
                                       "out", "2", "note to self"])
    return out


_ONE_TO_ONE = (
    "Hi {first}, great to see you at the meetup. Coffee next week?",
    "Thanks, {first}! That's really helpful.",
    "Sure, Tuesday works. Say 10:00?",
    'I read your post on "fleet autonomy", and loved it.',
    "Quick question: do you know anyone on the hardware team at {company}?",
    "Congrats on the new role, well deserved!",
    "<p>Here is the deck we talked about: <a href=\"https://example.com/deck\">deck</a></p>",
    "Happy to help.\nSend me the job link, and I'll pass it on.",
    "Good to hear from you, {first}. Let me check my calendar.",
    "Would you be open to a 20-minute call about your team's roadmap?",
    "Thanks for the intro, much appreciated.",
    "Ha, yes - \"move fast and fix things\", as we used to say.",
)
_GROUP_THREADS = (
    ("Robotics meetup crew", "Who is in for the demo night on Thursday?"),
    ("Kestrel alumni", "Reunion dinner, same place as last year?"),
    ("Offsite planning", "Agenda draft attached, comments welcome by Friday."),
)


def _conv_id(team: _Team) -> str:
    raw = bytes(int(b) for b in team.rng.integers(0, 256, 24))
    return "2-" + base64.b64encode(raw).decode("ascii")


def _msg_times(team: _Team, lo: datetime, hi: datetime, n: int) -> list[datetime]:
    rng = team.rng
    span = (hi - lo).total_seconds()
    secs = np.sort(rng.random(n)) * span
    out = []
    for s in secs:
        t = lo + timedelta(seconds=float(s))
        out.append(t.replace(minute=int(t.minute), second=int(rng.integers(0, 60)), microsecond=0))
    return out


def _messages_modern(team: _Team, owner: _Owner) -> list[list[str]]:
    """Maya's messages.csv: modern header, 1:1 and group threads, a draft, hidden/system senders."""
    rng = team.rng
    me = owner.person
    convs: list[list[tuple[datetime, list[str]]]] = []
    lo_all = datetime(2023, 8, 1, tzinfo=timezone.utc)
    hi_all = datetime(2026, 10, 27, tzinfo=timezone.utc)
    tiers = sorted((idx, t) for (letter, idx), t in team.tiers.items() if letter == owner.letter)
    fmt = "%Y-%m-%d %H:%M:%S UTC"
    for idx, tier in tiers:
        p = team.people[idx]
        n = {"close": 14, "developing": 8, "cooling": 6, "dormant": 1}[tier]
        if tier == "dormant" and rng.random() < 0.6:
            continue
        hi = hi_all if tier in ("close", "developing") else datetime(2024, 12, 1,
                                                                      tzinfo=timezone.utc)
        lo = lo_all if tier != "developing" else datetime(2025, 2, 1, tzinfo=timezone.utc)
        cid = _conv_id(team)
        msgs = []
        for k, t in enumerate(_msg_times(team, lo, hi, n)):
            mine = (k % 2 == 0) if rng.random() < 0.8 else bool(rng.random() < 0.5)
            text = team.pick(_ONE_TO_ONE).format(first=p.first, company=p.company or "your company")
            if mine:
                cells = [cid, "", me.name, me.url, p.name, p.url]
            else:
                cells = [cid, "", p.name, p.url, me.name, me.url]
            msgs.append((t, [*cells, t.strftime(fmt), "", text, "INBOX", "No"]))
        convs.append(msgs)
    # Group threads of 3..8 people.
    pool = [p for p in team.contacts(owner) if p.role != "owner"]
    for title, opener in _GROUP_THREADS:
        size = int(rng.integers(3, 9))
        members = [pool[int(i)] for i in rng.choice(len(pool), size - 1, replace=False)]
        everyone = [me, *members]
        cid = _conv_id(team)
        msgs = []
        times = _msg_times(team, lo_all, hi_all, int(rng.integers(3, 7)))
        for k, t in enumerate(times):
            sender = me if k == 0 else everyone[int(rng.integers(0, len(everyone)))]
            rest = [q for q in everyone if q is not sender]
            text = opener if k == 0 else team.pick(("Count me in.", "Sounds good, thanks!",
                                                    "Can't make it, sorry - next time?",
                                                    "+1, and I'll bring the prototypes."))
            msgs.append((t, [cid, title, sender.name, sender.url,
                             ", ".join(q.name for q in rest), ", ".join(q.url for q in rest),
                             t.strftime(fmt), "", text, "INBOX", "No"]))
        convs.append(msgs)
    # A draft never sent, a hidden member, a system sender.
    p = team.acme[7]
    t = datetime(2026, 10, 12, 21, 4, 11, tzinfo=timezone.utc)
    convs.append([(t, [_conv_id(team), "", me.name, me.url, p.name, p.url, t.strftime(fmt), "",
                       f"Hi {p.first}, I'm curious about the product team at Acme, and",
                       "INBOX", "Yes"])])
    t = datetime(2025, 3, 3, 16, 40, 2, tzinfo=timezone.utc)
    convs.append([(t, [_conv_id(team), "", "LinkedIn Member", "", me.name, me.url,
                       t.strftime(fmt), "", "Hi Maya, thanks for accepting, let's stay in touch.",
                       "INBOX", "No"])])
    t = datetime(2026, 9, 1, 10, 0, 0, tzinfo=timezone.utc)
    convs.append([(t, [_conv_id(team), "", "LinkedIn Premium", "", me.name, me.url,
                       t.strftime(fmt), "Your Premium free month",
                       "<p>Maya, try Premium free for 1 month. <b>Cancel anytime</b>, no "
                       "questions asked.</p>", "INBOX", "No"])])
    convs.sort(key=lambda c: max(t for t, _ in c), reverse=True)
    return [r for c in convs for _, r in sorted(c, key=lambda x: x[0], reverse=True)]


def _messages_2021(team: _Team, owner: _Owner) -> list[list[str]]:
    """Jonas's messages.csv: 2021 header, ISO dates without a zone, no draft column."""
    rng = team.rng
    me = owner.person
    lo = datetime(2019, 6, 1, tzinfo=timezone.utc)
    hi = datetime(2021, 6, 14, tzinfo=timezone.utc)
    pool = [p for p in team.contacts(owner)]
    convs = []
    for i in rng.choice(len(pool), 60, replace=False):
        p = pool[int(i)]
        cid = _conv_id(team)
        msgs = []
        for k, t in enumerate(_msg_times(team, lo, hi, int(rng.integers(1, 7)))):
            text = team.pick(_ONE_TO_ONE).format(first=p.first, company=p.company or "your company")
            a, b = (me, p) if (k % 2 == 0) == bool(rng.random() < 0.8) else (p, me)
            msgs.append((t, [cid, "", a.name, a.url, b.name, t.strftime("%Y-%m-%d %H:%M:%S"), "",
                             text, "INBOX"]))
        convs.append(msgs)
    members = [pool[int(i)] for i in rng.choice(len(pool), 4, replace=False)]
    cid = _conv_id(team)
    msgs = []
    for k, t in enumerate(_msg_times(team, lo, hi, 4)):
        sender = me if k == 0 else members[k]
        rest = [q for q in [me, *members] if q is not sender]
        msgs.append((t, [cid, "Kestrel alumni", sender.name, sender.url,
                         ", ".join(q.name for q in rest), t.strftime("%Y-%m-%d %H:%M:%S"), "",
                         "Reunion dinner, same place as last year?" if k == 0 else "Count me in.",
                         "INBOX"]))
    convs.append(msgs)
    convs.sort(key=lambda c: max(t for t, _ in c), reverse=True)
    return [r for c in convs for _, r in sorted(c, key=lambda x: x[0], reverse=True)]


def _messages_2018(team: _Team, owner: _Owner) -> list[list[str]]:
    """Priya's messages.csv: the 2018 form, names only, US dates."""
    rng = team.rng
    me = owner.person
    lo = datetime(2016, 3, 1, tzinfo=timezone.utc)
    hi = datetime(2018, 10, 30, tzinfo=timezone.utc)
    pool = [p for p in team.contacts(owner) if p.role != "owner"]
    rows = []
    for i in rng.choice(len(pool), 45, replace=False):
        p = pool[int(i)]
        for k, t in enumerate(_msg_times(team, lo, hi, int(rng.integers(1, 6)))):
            text = team.pick(_ONE_TO_ONE).format(first=p.first, company=p.company or "your company")
            out = (k % 2 == 0) == bool(rng.random() < 0.75)
            if out:
                rows.append((t, [me.name, p.name, _us_2018(t), "", text, "OUTGOING", "SENT"]))
            else:
                rows.append((t, [p.name, me.name, _us_2018(t), "", text, "INCOMING", "INBOX"]))
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]


def _invitations(team: _Team, owner: _Owner) -> list[list[str]]:
    rng = team.rng
    me = owner.person
    strangers = [p for p in team.people if p.groups == "" and p.role != "owner"]
    picks = [team.acme[7], *(strangers[int(i)] for i in rng.choice(len(strangers), 16,
                                                                   replace=False))]
    rows = []
    seen = set()
    for k, p in enumerate(picks):
        if p.idx in seen:
            continue
        seen.add(p.idx)
        d = team.rand_date(date(2025, 1, 5), date(2026, 10, 25))
        t = datetime(d.year, d.month, d.day, int(rng.integers(7, 23)), int(rng.integers(0, 60)))
        outgoing = k == 0 or rng.random() < 0.5
        note = ""
        if rng.random() < 0.35:
            note = team.pick((f"Hi {p.first}, we met at the robotics meetup, great talk!",
                              "Hello, I'd love to connect, and hear about your work.",
                              f"Hi {me.first}, a mutual friend suggested I reach out."))
        if outgoing:
            rows.append((t, [me.name, p.name, _us_short(t), note, "OUTGOING", me.url, p.url]))
        else:
            rows.append((t, [p.name, me.name, _us_short(t), note, "INCOMING", p.url, me.url]))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [r for _, r in rows]


def _coach_rows(owner: _Owner) -> list[list[str]]:
    me = owner.person
    rows = []
    texts = (
        (me.name, me.url, "How do I prepare for a product interview?"),
        ("LinkedIn Coach", "", "Start with the company's recent launches, then practise "
                               "telling three stories: a win, a failure, and a hard call."),
        (me.name, me.url, "Thanks, that helps."),
    )
    for k, (who, url, text) in enumerate(texts):
        t = datetime(2026, 5, 4, 9, 12 + k, 5)
        to, to_url = ("LinkedIn Coach", "") if who == me.name else (me.name, me.url)
        rows.append(["2-Y29hY2gtc2Vzc2lvbg==", "Career coach", who, url, to, to_url,
                     t.strftime("%Y-%m-%d %H:%M:%S UTC"), "", text, "INBOX", "No"])
    return rows[::-1]


def _affiliation_rows(team: _Team) -> list[list[str]]:
    rng = team.rng
    rows = []
    priya_only = {p.idx for p in team.people if p.groups == "P" and p.role != "owner"}
    for p in team.people:
        if not p.history:
            continue
        url = "" if p.idx in priya_only else p.url
        if not url and p.name in team.namesakes:
            continue  # a bare name shared by two people cannot be attributed
        iso = rng.random() < 0.5

        def fmt(d: date | None, iso: bool = iso) -> str:
            if d is None:
                return ""
            return d.isoformat() if iso else _month_year(d)

        for j in p.past:
            rows.append([p.name, url, j.company, j.title, fmt(j.start), fmt(j.end)])
        if p.company and _base_of(p.company):
            rows.append([p.name, url, p.company, p.title, fmt(p.start), ""])
    return rows


_README = """\
# Sample data (all invented)

Every name, company, e-mail address, message and date in this folder is invented by
`netgraph/sample.py`: people are random pairs from lists of common first and last names,
companies are made-up names, e-mail addresses use the reserved `example.com` domain.
Any resemblance to real people or companies is a coincidence. Regenerate (byte-identical
for the same seed) with:

    python -m netgraph.sample sample_data/

A team of three owners whose networks overlap (some contacts are connected to two or three
of them, with the same profile URL). The demo target is **Acme Robotics**: several people work
there now and some used to; nobody on the team is directly connected to a current employee
except Jonas and Priya, so Maya's routes run through them, through Acme alumni, or through
former colleagues.

| file | what it is |
|---|---|
| `maya_okafor/Connections.csv` | modern export (`Notes:` preamble, URL column, `16 Dec 2024` dates, newest first) |
| `maya_okafor/messages.csv` | modern messages: 1:1 and group threads, a draft, a hidden `LinkedIn Member`, a system sender (`LinkedIn Premium`), HTML, quotes, commas and a newline in `CONTENT` |
| `maya_okafor/Invitations.csv` | pending invitations, both directions (`Sent At` like `1/5/25, 3:04 PM`) |
| `maya_okafor/coach_messages.csv` | shares the messages header but is not a conversation with contacts: importers must ignore it |
| `maya_okafor/interactions.csv` | Maya's own interaction log (meetings, calls, e-mails); includes three bad rows on purpose (an unparseable timestamp, the channel "carrier pigeon", an interaction with herself) |
| `maya_okafor_export.zip` | the LinkedIn files of `maya_okafor/` (not `interactions.csv`) at the zip root, as LinkedIn delivers them |
| `jonas_lindqvist/Connections.csv` | modern export |
| `jonas_lindqvist/messages.csv` | a 2021-era messages file: no `RECIPIENT PROFILE URLS`, no draft column, ISO dates without a zone |
| `jonas_lindqvist/interactions.csv` | Jonas's interaction log |
| `priya_raman/Connections.csv` | an older export (no URL column), re-saved by a spreadsheet: no preamble, UTF-8 BOM, CRLF line ends, 2018-style dates (`04/12/18, 10:23 AM`) mixed with `16 Dec 2024` ones |
| `priya_raman/messages.csv` | the 2018 form `From,To,Date,Subject,Content,Direction,Folder` (names only) |
| `priya_raman/interactions.csv` | Priya's interaction log (names only, no URLs: matched by name) |
| `affiliations.csv` | job history `person,url,company,title,start,end` (ISO or `Jun 2018` dates; empty `end` = current job, the same company as in Connections); includes Acme alumni and shared tenure with the owners |

Interaction logs: `person,url,other,timestamp,channel,direction,participants,note`; `other`
empty means the owner of the file; `direction` `out` = the owner reached out, `in` = the
contact did, empty for meetings; `participants` counts everyone in a group meeting. The logs
run from 2022 to 2026-11-01 with a few close ties (frequent contact), ties that are developing,
ties that went quiet (cooling) and many dormant ones.

The realistic mess: ghost rows (only `Connected On`), duplicate full names with distinct URLs,
credentials after a comma in last names (`, PhD`, `, PMP®`), trailing whitespace, one
no-break space and one zero-width space, an emoji, placeholder companies (Self-employed,
Self Employed, Freelance, Confidential, Stealth Mode, N/A) and legal-suffix variants of the
same company (`Acme Robotics`, `Acme Robotics Inc.`, `ACME Robotics, Inc.`, `Acme Robotics LLC`).
"""


def write_sample_data(directory: str | Path, seed: int = 7) -> dict[str, Path]:
    """Write the sample team's files under *directory*.

    Three owners (Maya Okafor, Jonas Lindqvist, Priya Raman) with a few
    hundred overlapping connections each, LinkedIn exports of three eras,
    messages, invitations, interaction logs, a job-history file, and per
    owner a mailbox, a calendar and an address book
    (:mod:`netgraph.sample_mail`). See
    ``sample_data/README.md`` (written here too) for what each file holds.

    Parameters
    ----------
    directory : str or Path
        Output folder (created if missing). Existing files of the same
        names are overwritten.
    seed : int, default 7
        Random seed; the same seed gives byte-identical files.

    Returns
    -------
    dict of str to Path
        Relative POSIX path (e.g. ``"maya_okafor/Connections.csv"``) -> written file.

    Examples
    --------
    >>> import tempfile
    >>> from netgraph.sample import write_sample_data
    >>> files = write_sample_data(tempfile.mkdtemp())
    >>> sorted(files)[:3]
    ['README.md', 'affiliations.csv', 'jonas_lindqvist/Connections.csv']
    >>> files["priya_raman/Connections.csv"].read_bytes()[:13]
    b'\\xef\\xbb\\xbfFirst Name'
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    team = _Team(seed)
    out: dict[str, Path] = {}
    owners = {o.key: o for o in team.owners}

    def put(rel: str, text: str, **kw: object) -> Path:
        out[rel] = _write(root / rel, text, **kw)  # type: ignore[arg-type]
        return out[rel]

    preamble = "Notes:\n" + _csv_text([[_NOTES_TEXT]]) + "\n"
    # Maya: modern export.
    maya = owners["maya_okafor"]
    rows = _connections_rows(team, maya, modern=True)
    _apply_marks(rows, team, maya)
    put("maya_okafor/Connections.csv", preamble + _csv_text(rows, _MODERN_HEADER))
    put("maya_okafor/messages.csv", _csv_text(_messages_modern(team, maya), _MSG_HEADER))
    put("maya_okafor/Invitations.csv", _csv_text(_invitations(team, maya), _INV_HEADER))
    put("maya_okafor/coach_messages.csv", _csv_text(_coach_rows(maya), _MSG_HEADER))
    zip_members = [out[f"maya_okafor/{n}"] for n in
                   ("Connections.csv", "messages.csv", "Invitations.csv", "coach_messages.csv")]
    # Jonas: modern connections, 2021 messages.
    jonas = owners["jonas_lindqvist"]
    put("jonas_lindqvist/Connections.csv",
        preamble + _csv_text(_connections_rows(team, jonas, modern=True), _MODERN_HEADER))
    put("jonas_lindqvist/messages.csv", _csv_text(_messages_2021(team, jonas), _MSG_HEADER_2021))
    # Priya: older connections re-saved by a spreadsheet (BOM, CRLF), 2018 messages.
    priya = owners["priya_raman"]
    put("priya_raman/Connections.csv",
        _csv_text(_connections_rows(team, priya, modern=False), _OLDER_HEADER, "\r\n"), bom=True)
    put("priya_raman/messages.csv", _csv_text(_messages_2018(team, priya), _MSG_HEADER_2018))
    for o in team.owners:
        put(f"{o.key}/interactions.csv", _csv_text(_interaction_rows(team, o), _INT_HEADER))
    put("affiliations.csv", _csv_text(_affiliation_rows(team), _AFF_HEADER))
    from netgraph import sample_mail

    put("README.md", _README + sample_mail.README)
    out["maya_okafor_export.zip"] = _write_zip(root / "maya_okafor_export.zip", zip_members)
    out.update(sample_mail.write_mail_samples(root, team, seed))
    return dict(sorted(out.items()))


# =========================================================================== benchmark data
def _hex_table() -> np.ndarray:
    return np.array([f"{i:04x}" for i in range(65536)], dtype=object)


def _sadd(*parts: object) -> np.ndarray:
    """Element-wise string concatenation of arrays/scalars (numpy StringDType)."""
    from numpy.dtypes import StringDType

    out = None
    for part in parts:
        arr = np.asarray(part, dtype=StringDType()) if not isinstance(part, str) else part
        out = arr if out is None else np.strings.add(out, arr)
    return np.asarray(out)


def _bench_last_names() -> np.ndarray:
    gen = [a + b for a in _PRE for b in _SUF]
    return np.array(list(_LAST_NAMES) + gen, dtype=object)


def _bench_company_names(n: int, rng: np.random.Generator) -> np.ndarray:
    """*n* distinct invented company names, in random order."""
    na, nb, nc = len(_CO_A), len(_CO_B), len(_CO_C)
    total = na * nb * nc
    k = rng.choice(total, n, replace=False) if n <= total else rng.permutation(n)
    a = np.array(_CO_A, dtype=object)[k % na]
    b = np.array(_CO_B, dtype=object)[(k // na) % nb]
    c = np.array(_CO_C, dtype=object)[(k // (na * nb)) % nc]
    names = _sadd(a, b, " ", c)
    extra = k // (na * nb * nc)
    if extra.max(initial=0) > 0:
        tail = np.where(extra > 0, _sadd(" ", (extra + 1).astype(str)), "")
        names = _sadd(names, tail)
    return names.astype(object)


def _zipf_weights(n: int, offset: float = 5.0, power: float = 1.05) -> np.ndarray:
    w = (np.arange(n, dtype=float) + offset) ** -power
    return w / w.sum()


@dataclass
class _Population:
    first: np.ndarray  # object arrays, one per person
    last: np.ndarray
    slug: np.ndarray
    email: np.ndarray
    company: np.ndarray
    title: np.ndarray
    company_code: np.ndarray  # int, -1 = placeholder / none


def _population(n: int, rng: np.random.Generator, n_companies: int | None = None,
                salt: int = 0) -> _Population:
    """*n* invented people with current employers (vectorised)."""
    firsts = np.array(_FIRST_NAMES, dtype=object)
    lasts = _bench_last_names()
    fi = rng.integers(0, len(firsts), n)
    li = rng.integers(0, len(lasts), n)
    slug_f = np.array([_slug_part(x) for x in firsts], dtype=object)
    slug_l = np.array([_slug_part(x) for x in lasts], dtype=object)
    asc_f = np.array([_ascii(x) for x in firsts], dtype=object)
    asc_l = np.array([_ascii(x) for x in lasts], dtype=object)
    code = (np.arange(n, dtype=np.uint64) * np.uint64(2654435761) + np.uint64(salt * 977 + 12345)
            ) & np.uint64(0xFFFFFFFF)
    table = _hex_table()
    hexes = _sadd(table[(code >> np.uint64(16)).astype(np.int64)],
                  table[(code & np.uint64(0xFFFF)).astype(np.int64)])
    slug = _sadd(slug_f[fi], "-", slug_l[li], "-", hexes).astype(object)
    email = _const(n, "")
    has_mail = np.flatnonzero(rng.random(n) < 0.03)
    if len(has_mail):
        email[has_mail] = _sadd(asc_f[fi[has_mail]], ".", asc_l[li[has_mail]], ".",
                                hexes[has_mail][:].astype(object), "@example.com").astype(object)
    # Employers: heavy-tailed sizes, some legal-suffix variants, placeholders.
    n_co = n_companies or max(50, n // 2)
    names = _bench_company_names(n_co, rng)
    suffix = np.array(_LEGAL_SUFFIXES, dtype=object)[rng.integers(0, len(_LEGAL_SUFFIXES), n_co)]
    cc = rng.choice(n_co, size=n, p=_zipf_weights(n_co))
    written = names[cc]
    variant = np.flatnonzero(rng.random(n) < 0.12)
    written[variant] = _sadd(names[cc[variant]], suffix[cc[variant]]).astype(object)
    upper = np.flatnonzero(rng.random(n) < 0.01)
    written[upper] = np.strings.upper(_sadd(written[upper])).astype(object)
    u = rng.random(n)
    ph = np.flatnonzero(u < 0.05)
    written[ph] = np.array(_PLACEHOLDERS, dtype=object)[rng.integers(0, len(_PLACEHOLDERS),
                                                                     len(ph))]
    none = np.flatnonzero((u >= 0.05) & (u < 0.065))
    written[none] = ""
    cc = cc.astype(np.int64)
    cc[ph] = -1
    cc[none] = -1
    titles = np.array(_TITLES, dtype=object)[rng.integers(0, len(_TITLES), n)]
    titles[none] = ""
    return _Population(firsts[fi], lasts[li], slug, email, written, titles, cc)


_DAY_TEXT: list[np.ndarray] = []


def _format_days(days: np.ndarray) -> np.ndarray:
    """``16 Dec 2024`` strings for day numbers (days since 1970-01-01), from a cached table."""
    if not _DAY_TEXT:
        base = date(1970, 1, 1)
        _DAY_TEXT.append(np.array([_d_mon_y(base + timedelta(days=d)) for d in range(_END_DAY + 1)],
                                  dtype=object))
    return _DAY_TEXT[0][np.clip(days, 0, _END_DAY)]


def _quote(x: str) -> str:
    return '"' + x.replace('"', '""') + '"'


def _csv_lines(columns: Sequence[np.ndarray], quoting: Sequence[str]) -> str:
    """CSV rows (LF ends, RFC 4180 quoting, as the csv module writes them).

    ``quoting[i]`` is ``"auto"`` (quote values holding a comma, quote or line
    break), ``"always"`` or ``"never"`` (a column known to hold none of them).
    Joining with ``str.join`` over columns converted by ``tolist`` measured
    about twice as fast as numpy string concatenation (5 ms vs 9-13 ms for
    10,000 rows of seven columns).
    """
    cols = []
    for col, how in zip(columns, quoting, strict=True):
        values = np.asarray(col, dtype=object).tolist()
        if how == "always":
            values = [_quote(x) for x in values]
        elif how == "auto":
            values = [_quote(x) if ("," in x or '"' in x or "\n" in x or "\r" in x) else x
                      for x in values]
        cols.append(values)
    if not cols or not cols[0]:
        return ""
    return "\n".join(map(",".join, zip(*cols, strict=True))) + "\n"


def _format_2018(days: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``04/12/18, 10:23 AM`` strings (vectorised over parts)."""
    dt = days.astype("datetime64[D]")
    y = dt.astype("datetime64[Y]").astype(int) + 1970
    m = dt.astype("datetime64[M]").astype(int) % 12 + 1
    d = (dt - dt.astype("datetime64[M]")).astype(int) + 1
    hour = rng.integers(0, 24, len(days))
    minute = rng.integers(0, 60, len(days))
    two = np.array([f"{i:02d}" for i in range(100)], dtype=object)
    h12 = np.array([str(h % 12 or 12) for h in range(24)], dtype=object)
    ampm = np.where(hour < 12, " AM", " PM")
    return _sadd(two[m], "/", two[d], "/", two[y % 100], ", ", h12[hour], ":", two[minute],
                 ampm).astype(object)


def _mess_rows(cols: dict[str, np.ndarray], rng: np.random.Generator) -> None:
    """Apply real-export mess in place: ghosts, credentials, whitespace, invisible marks."""
    n = len(cols["First Name"])
    last = cols["Last Name"]
    u = rng.random(n)
    cred = np.flatnonzero(u < 0.007)
    creds = np.array([", PhD", ", PMP®", ", CFA", ", MBA", ", CPA"], dtype=object)
    last[cred] = _sadd(last[cred], creds[rng.integers(0, len(creds), len(cred))]).astype(object)
    for col, lo, hi in (("First Name", 0.007, 0.017), ("Company", 0.017, 0.027),
                        ("Position", 0.027, 0.032)):
        idx = np.flatnonzero((u >= lo) & (u < hi))
        cols[col][idx] = _sadd(cols[col][idx], " ").astype(object)
    idx = np.flatnonzero((u >= 0.032) & (u < 0.0325))
    last[idx] = _sadd(last[idx], "\u00a0").astype(object)
    idx = np.flatnonzero((u >= 0.0325) & (u < 0.033))
    cols["First Name"][idx] = _sadd("\u200b", cols["First Name"][idx]).astype(object)
    idx = np.flatnonzero((u >= 0.033) & (u < 0.034))
    cols["Position"][idx] = _sadd(cols["Position"][idx], " \U0001f680").astype(object)
    ghost = np.flatnonzero(rng.random(n) < 0.02)
    for col in cols:
        if col != "Connected On":
            cols[col][ghost] = ""


def _write_connections(path: Path, pop: _Population, idx: np.ndarray, days: np.ndarray,
                       rng: np.random.Generator, fmt: str) -> Path:
    order = np.argsort(-days, kind="stable") if fmt != "2018" else np.arange(len(idx))
    idx, days = idx[order], days[order]
    cols: dict[str, np.ndarray] = {
        "First Name": pop.first[idx].copy(),
        "Last Name": pop.last[idx].copy(),
    }
    if fmt == "modern":
        cols["URL"] = _sadd(_PROFILE, pop.slug[idx]).astype(object)
    cols["Email Address"] = pop.email[idx].copy()
    cols["Company"] = pop.company[idx].copy()
    cols["Position"] = pop.title[idx].copy()
    cols["Connected On"] = _format_2018(days, rng) if fmt == "2018" else _format_days(days)
    _mess_rows(cols, rng)
    # Only free-text columns can hold a comma or a quote; 2018 dates always hold a comma.
    free = {"Last Name": "auto", "Company": "auto", "Position": "auto",
            "Connected On": "always" if fmt == "2018" else "never"}
    text = ",".join(cols) + "\n" + _csv_lines(list(cols.values()),
                                                [free.get(c, "never") for c in cols])
    if fmt in ("modern", "older"):
        text = "Notes:\n" + _csv_text([[_NOTES_TEXT]]) + "\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


_END_DAY = (SAMPLE_END.date() - date(1970, 1, 1)).days
_FORMATS = ("modern", "older", "2018")


def _connected_days(n: int, rng: np.random.Generator, first: date = date(2008, 1, 1),
                    last: date | None = None) -> np.ndarray:
    """Connection days (since 1970-01-01) in [first, last), more of them recently."""
    lo = (first - date(1970, 1, 1)).days
    hi = _END_DAY if last is None else (last - date(1970, 1, 1)).days
    return (hi - 1 - ((hi - lo) * rng.random(n) ** 1.8).astype(np.int64)).astype(np.int64)


def write_connections_csv(path: str | Path, n: int = 30_000, seed: int = 0,
                          fmt: str = "modern") -> Path:
    """Write one large, realistic Connections.csv for benchmarks.

    Parameters
    ----------
    path : str or Path
        File to write (parent folders are created).
    n : int, default 30_000
        Data rows (LinkedIn caps connections at 30,000), ghost rows included.
    seed : int, default 0
    fmt : {"modern", "older", "2018"}, default "modern"
        ``"modern"``: ``Notes:`` preamble, URL column, ``16 Dec 2024`` dates,
        newest first. ``"older"`` (2020 to mid-2023): preamble, no URL column.
        ``"2018"``: no preamble, no URL, ``04/12/18, 10:23 AM`` dates, unsorted.

    Returns
    -------
    Path

    Notes
    -----
    Mess rates: about 2 % ghost rows, 3 % e-mails, 5 % placeholder
    companies, 12 % legal-suffix variants, 0.7 % credentials after a comma,
    2.5 % trailing whitespace, a few NBSP, zero-width marks and emoji;
    duplicate full names occur naturally.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netgraph.sample import write_connections_csv
    >>> p = write_connections_csv(pathlib.Path(tempfile.mkdtemp()) / "c.csv", n=50)
    >>> p.read_text().splitlines()[3]
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'
    """
    if fmt not in _FORMATS:
        raise InputError(f"unknown Connections.csv format {fmt!r}",
                         expected="one of " + ", ".join(_FORMATS))
    if n < 0:
        raise InputError(f"n must be >= 0, got {n}", expected="a row count")
    rng = _rng(seed)
    pop = _population(n, rng, salt=seed)
    first, last = {"modern": (date(2008, 1, 1), None),
                   "older": (date(2008, 1, 1), date(2023, 6, 1)),
                   "2018": (date(2004, 1, 1), date(2018, 11, 1))}[fmt]
    days = _connected_days(n, rng, first, last)
    return _write_connections(Path(path), pop, np.arange(n), days, rng, fmt)


def _gumbel_top_k(logw: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of *k* items drawn without replacement with weights ``exp(logw)``."""
    keys = logw - np.log(-np.log(rng.random(len(logw))))
    top = np.argpartition(-keys, k - 1)[:k] if k < len(keys) else np.arange(len(keys))
    return np.sort(top)


def write_pooled_exports(directory: str | Path, n_owners: int = 100, n_rows: int = 10_000,
                         n_people: int | None = None, seed: int = 0) -> list[Path]:
    """Write *n_owners* modern Connections.csv exports drawn from one shared population.

    Each export is ``<directory>/owner_NNN/Connections.csv`` with *n_rows*
    rows. Contacts overlap across owners (same person, same profile URL,
    same current company), skewed towards popular people and towards each
    owner's own employer, as in a real team.

    Parameters
    ----------
    directory : str or Path
    n_owners : int, default 100
    n_rows : int, default 10_000
        Rows per export (ghost rows included).
    n_people : int, optional
        Size of the shared population; default ``max(2 * n_rows, n_owners * n_rows // 3)``.
    seed : int, default 0

    Returns
    -------
    list of Path
        The Connections.csv files, in owner order. The owners themselves are
        people ``0..n_owners-1`` of the population.

    Examples
    --------
    >>> import tempfile
    >>> from netgraph.sample import write_pooled_exports
    >>> paths = write_pooled_exports(tempfile.mkdtemp(), n_owners=3, n_rows=40)
    >>> [p.parent.name for p in paths]
    ['owner_000', 'owner_001', 'owner_002']
    """
    n_people = n_people or max(2 * n_rows, n_owners * n_rows // 3)
    if n_rows >= n_people - n_owners or n_owners < 1:
        raise InputError(f"cannot draw {n_rows} distinct contacts from {n_people} people",
                         expected="n_people > n_rows + n_owners",
                         hint="Raise n_people or lower n_rows.")
    rng = _rng(seed)
    pop = _population(n_people, rng, salt=seed)
    popularity = np.log(rng.pareto(1.5, n_people) + 1.0)
    root = Path(directory)
    paths = []
    width = max(3, len(str(n_owners - 1)))
    for o in range(n_owners):
        logw = popularity.copy()
        home = pop.company_code[o]
        if home >= 0:
            logw[pop.company_code == home] += 3.0
        logw[o] = -np.inf
        idx = _gumbel_top_k(logw, n_rows, rng)
        idx = idx[rng.permutation(len(idx))]
        days = _connected_days(n_rows, rng)
        paths.append(_write_connections(root / f"owner_{o:0{width}d}" / "Connections.csv",
                                        pop, idx, days, rng, "modern"))
    return paths


# --------------------------------------------------------------------------- canonical tables
def _utc_ns(ns: np.ndarray) -> pd.Series:
    """int64 nanoseconds since the epoch -> Series of datetime64[ns, UTC]."""
    return pd.Series(ns.astype("datetime64[ns]"), copy=False).dt.tz_localize("UTC")


def _ids(n: int, width: int) -> np.ndarray:
    from numpy.dtypes import StringDType

    digits = np.strings.zfill(np.arange(n).astype(StringDType()), width)
    return digits


def _const(n: int, value: str) -> np.ndarray:
    """An object array of *n* references to one string (``np.full`` would copy it n times)."""
    out = np.empty(n, dtype=object)
    out.fill(value)
    return out


def _person_dtype(ids: np.ndarray) -> pd.CategoricalDtype:
    """The person-id dtype over *ids* (people order), as :func:`schema.person_dtype` builds it."""
    return schema.person_dtype(pd.Index(ids, dtype=object))


def _person_col(codes: np.ndarray, pdt: pd.CategoricalDtype) -> pd.Series:
    """A person-id column from integer codes into the people table."""
    small = codes.astype(np.int32 if len(pdt.categories) < 2**31 else np.int64)
    return pd.Series(pd.Categorical.from_codes(small, dtype=pdt), copy=False)


def _stochastic_round(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    base = np.floor(x)
    return (base + (rng.random(len(x)) < (x - base))).astype(np.int64)


def _unique_sorted(keys: np.ndarray, merge: bool = False) -> np.ndarray:
    """Sorted distinct values; ``merge=True`` when *keys* is a few sorted runs (timsort)."""
    if len(keys) == 0:
        return keys
    keys = np.sort(keys, kind="stable" if merge else None)
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def pooled_tables(n_people: int = 1_000_000, n_ties: int = 12_000_000,
                  n_companies: int | None = None, seed: int = 0,
                  owners: Sequence[int] | None = None,
                  n_interactions: int = 0) -> dict[str, pd.DataFrame]:
    """Generate the canonical tables of a large pooled network, directly.

    People have heavy-tailed activity (a few have thousands of ties, most a
    few dozen); most ties run inside a current or past employer, the rest
    across employers, so companies form communities and warm paths exist.
    Designated owners (the first people, ``is_owner=True``) have the given
    numbers of connections, drawn mostly from their own employers.

    Parameters
    ----------
    n_people : int, default 1_000_000
    n_ties : int, default 12_000_000
        Exact number of distinct ties (``a < b``, no self loops).
    n_companies : int, optional
        Default ``max(10, n_people // 40)``; sizes follow a Zipf-like law.
    seed : int, default 0
    owners : sequence of int, optional
        Degree of each designated owner; owner *k* is person ``k``
        (``"in:p0000000"``, ...). Owners are connected to each other.
        Default: one owner with ``min(30_000, n_people // 10)`` connections
        (30,000 is LinkedIn's cap); ``()`` for none.
    n_interactions : int, default 0
        Rows of the interactions table, drawn on ties (owners' ties first).

    Returns
    -------
    dict of str to DataFrame
        ``people``, ``companies``, ``affiliations``, ``ties``, ``interactions``
        with exactly the columns and dtypes of :data:`netgraph.data.schema.TABLES`.
        ``person_id`` is ``"in:p0001234"`` (zero-padded, so string order is
        numeric order), ``url`` the matching profile URL, ``company_id`` is
        :func:`netgraph.data.identity.company_key` of the company name.

    Examples
    --------
    >>> from netgraph.sample import pooled_tables
    >>> t = pooled_tables(n_people=500, n_ties=3000, owners=(200,))
    >>> ties = t["ties"]
    >>> len(ties), bool((ties["a"].astype(str) < ties["b"].astype(str)).all())
    (3000, True)
    >>> t["people"].loc[0, "person_id"], bool(t["people"].loc[0, "is_owner"])
    ('in:p0000000', True)
    """
    from netgraph.data.identity import company_key

    if owners is None:
        owners = (min(30_000, n_people // 10),) if n_people >= 20 else ()
    owners = [int(d) for d in owners]
    k_own = len(owners)
    max_ties = n_people * (n_people - 1) // 2
    if n_people < 2 or k_own >= n_people:
        raise InputError(f"n_people={n_people} is too small for {k_own} owners",
                         expected="n_people >= 2 and more people than owners")
    if any(d < k_own - 1 or d >= n_people for d in owners):
        raise InputError(f"owner degrees {owners} must lie in [owners - 1, n_people - 1]",
                         expected="each owner degree < n_people")
    owner_pairs = k_own * (k_own - 1) // 2
    if n_ties > max_ties // 2 or n_ties < sum(owners) - owner_pairs:
        raise InputError(f"n_ties={n_ties} is not feasible for {n_people} people",
                         expected=f"sum(owners) <= n_ties <= {max_ties // 2}",
                         hint="Lower n_ties or raise n_people.")
    rng = _rng(seed)
    n = n_people
    width = max(7, len(str(n - 1)))
    digits = _ids(n, width)
    ids = _sadd("in:p", digits).astype(object)
    pdt = _person_dtype(ids)

    # ---- companies and employment
    n_co = n_companies or max(10, n // 40)
    co_names = _bench_company_names(n_co, rng)
    co_key = company_key(pd.Series(co_names, dtype=object)).to_numpy(dtype=object)
    co_w = _zipf_weights(n_co, offset=5.0, power=1.0)
    has_suffix = rng.random(n_co) < 0.3
    suffix = np.array(_LEGAL_SUFFIXES, dtype=object)[rng.integers(0, len(_LEGAL_SUFFIXES), n_co)]
    co_variant = np.where(has_suffix, _sadd(co_names, suffix).astype(object), co_names)
    aliases = np.where(has_suffix, _sadd(co_names, "|", co_variant).astype(object), co_names)
    companies = pd.DataFrame({
        "company_id": pd.Series(co_key, dtype=object),
        "name": pd.Series(co_names, dtype=object),
        "aliases": pd.Series(aliases, dtype=object),
    }, copy=False)
    cur = rng.choice(n_co, size=n, p=co_w).astype(np.int64)
    u = rng.random(n)
    status = np.where(u < 0.05, 1, np.where(u < 0.07, 2, 0))  # 0 employed, 1 placeholder, 2 none
    status[:k_own] = 0
    n_past = rng.choice(3, size=n, p=[0.5, 0.35, 0.15])
    past1 = rng.choice(n_co, size=n, p=co_w).astype(np.int64)
    past2 = rng.choice(n_co, size=n, p=co_w).astype(np.int64)
    past1 = np.where(past1 == cur, (past1 + 1) % n_co, past1)
    past2 = np.where((past2 == cur) | (past2 == past1), (past2 + 2) % n_co, past2)

    # ---- people
    firsts = np.array(_FIRST_NAMES, dtype=object)
    lasts = _bench_last_names()
    fi = rng.integers(0, len(firsts), n)
    li = rng.integers(0, len(lasts), n)
    written_co = np.where(rng.random(n) < 0.15, co_variant[cur], co_names[cur])
    ph = np.array(_PLACEHOLDERS, dtype=object)[rng.integers(0, len(_PLACEHOLDERS), n)]
    person_company = np.where(status == 0, written_co, np.where(status == 1, ph, ""))
    person_cid = np.where(status == 0, co_key[cur], "")
    titles = np.array(_TITLES, dtype=object)[rng.integers(0, len(_TITLES), n)]
    titles = np.where(status == 2, "", titles)
    is_owner = np.zeros(n, dtype=bool)
    is_owner[:k_own] = True
    email = _const(n, "")
    em = np.flatnonzero(rng.random(n) < 0.03)
    asc_l = np.array([_ascii(x) for x in lasts], dtype=object)
    asc_f = np.array([_ascii(x) for x in firsts], dtype=object)
    if len(em):
        email[em] = _sadd(asc_f[fi[em]], ".", asc_l[li[em]], ".", digits[em],
                          "@example.com").astype(object)
    linkedin = _const(n, "linkedin")
    people = pd.DataFrame({
        "person_id": pd.Series(ids, dtype=object),
        "name": pd.Series(_sadd(firsts[fi], " ", lasts[li]).astype(object), dtype=object),
        "first_name": pd.Series(firsts[fi], dtype=object),
        "last_name": pd.Series(lasts[li], dtype=object),
        "url": pd.Series(_sadd(_PROFILE + "p", digits).astype(object), dtype=object),
        "email": pd.Series(email, dtype=object),
        "company": pd.Series(person_company, dtype=object),
        "company_id": pd.Series(person_cid, dtype=object),
        "title": pd.Series(titles, dtype=object),
        "is_owner": pd.Series(is_owner, dtype=bool),
        "source": pd.Series(linkedin, dtype=object),
    }, copy=False)

    # ---- affiliations: current job for the employed, 0..2 past jobs
    day = 86_400
    t_end = int(SAMPLE_END.timestamp())
    cur_start = t_end - (rng.random(n) ** 1.3 * 14 * 365 * day).astype(np.int64) - 30 * day
    p1_end = cur_start - rng.integers(5, 150, n) * day
    p1_start = p1_end - rng.integers(300, 6 * 365, n) * day
    p2_end = p1_start - rng.integers(5, 150, n) * day
    p2_start = p2_end - rng.integers(300, 6 * 365, n) * day
    emp = np.flatnonzero(status == 0)
    h1 = np.flatnonzero(n_past >= 1)
    h2 = np.flatnonzero(n_past >= 2)
    a_pid = np.concatenate([emp, h1, h2])
    a_co = np.concatenate([cur[emp], past1[h1], past2[h2]])
    a_start = np.concatenate([cur_start[emp], p1_start[h1], p2_start[h2]])
    a_end = np.concatenate([np.full(len(emp), np.iinfo(np.int64).min), p1_end[h1], p2_end[h2]])
    a_cur = np.concatenate([np.ones(len(emp), bool), np.zeros(len(h1) + len(h2), bool)])
    order = np.lexsort((a_start, a_pid))
    a_pid, a_co, a_start, a_end, a_cur = (x[order] for x in (a_pid, a_co, a_start, a_end, a_cur))
    a_company = np.where(a_cur, written_co[a_pid], co_names[a_co])
    a_src = np.array(["affiliations", "linkedin"], dtype=object)[a_cur.astype(np.int8)]
    end_ns = np.where(a_cur, np.iinfo(np.int64).min, a_end * 1_000_000_000)
    affiliations = pd.DataFrame({
        "person_id": _person_col(a_pid, pdt),
        "company_id": pd.Series(co_key[a_co], dtype=object),
        "company": pd.Series(a_company, dtype=object),
        "title": pd.Series(np.where(a_cur, titles[a_pid], np.array(_TITLES, dtype=object)[
            (a_pid * 7 + a_co) % len(_TITLES)]), dtype=object),
        "start": _utc_ns(a_start * 1_000_000_000),
        "end": _utc_ns(end_ns),
        "current": pd.Series(a_cur, dtype=bool),
        "source": pd.Series(a_src, dtype=object),
    }, copy=False)

    # ---- ties among non-owners: within employers (current and past) and across.
    # Endpoints are drawn by multinomial counts (sorted, cache-friendly) rather than
    # by random gathers; partners inside a company come from a compact stub table.
    w = np.minimum((1.0 - rng.random(n)) ** (-1.0 / 1.3), 2_000.0)  # Pareto activity
    w[:k_own] = 0.0
    n_rand = n_ties - (sum(owners) - owner_pairs)
    mem_p = np.concatenate([emp, h1, h2]).astype(np.int32)
    mem_c = np.concatenate([cur[emp], past1[h1], past2[h2]]).astype(np.int32)
    mem_w = w[mem_p] * np.concatenate([np.ones(len(emp)), np.full(len(h1) + len(h2), 0.35)])
    o = np.argsort(mem_c, kind="stable")
    mem_p, mem_c, mem_w = mem_p[o], mem_c[o], mem_w[o]
    n_mem = len(mem_p)
    stub_n = _stochastic_round(mem_w * (4.0 * n_mem / max(mem_w.sum(), 1e-9)), rng)
    stubs = np.repeat(np.arange(n_mem, dtype=np.int32), stub_n)
    seg_len = np.bincount(mem_c, weights=stub_n, minlength=n_co).astype(np.int64)
    seg_start = np.cumsum(seg_len) - seg_len
    p_mem = mem_w / mem_w.sum() if mem_w.sum() > 0 else np.full(n_mem, 1.0 / max(n_mem, 1))
    p_out = w / w.sum()
    people_idx = np.arange(n, dtype=np.int32)
    stub_out = np.repeat(people_idx, _stochastic_round(w * (4.0 * n / w.sum()), rng))

    def candidates(m: int) -> np.ndarray:
        m_in = int(m * 0.6) if n_mem else 0
        src = np.repeat(np.arange(n_mem, dtype=np.int32), rng.multinomial(m_in, p_mem))
        c = mem_c[src]
        src, c = src[seg_len[c] > 0], c[seg_len[c] > 0]
        dst = stubs[seg_start[c] + (rng.random(len(c)) * seg_len[c]).astype(np.int64)]
        a2 = np.repeat(people_idx, rng.multinomial(m - m_in, p_out))
        b2 = stub_out[rng.integers(0, len(stub_out), len(a2))]
        a = np.concatenate([mem_p[src], a2]).astype(np.int64)
        b = np.concatenate([mem_p[dst], b2]).astype(np.int64)
        keep = a != b
        a, b = a[keep], b[keep]
        return np.minimum(a, b) * n + np.maximum(a, b)

    # About a fifth of the candidates repeat a pair (heavy people, small companies).
    keys = _unique_sorted(candidates(int(n_rand * 1.3) + 16))
    for _ in range(20):
        if len(keys) >= n_rand:
            break
        extra = _unique_sorted(candidates(int((n_rand - len(keys)) * 2) + 1000))
        keys = _unique_sorted(np.concatenate([keys, extra]), merge=True)
    while len(keys) < n_rand:  # tiny, dense networks: fill uniformly at random
        a = rng.integers(k_own, n, 4 * (n_rand - len(keys)) + 100)
        b = rng.integers(k_own, n, len(a))
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys = _unique_sorted(np.concatenate([keys, (lo * n + hi)[lo != hi]]))
    if len(keys) > n_rand:
        mask = np.ones(len(keys), dtype=bool)
        mask[rng.choice(len(keys), len(keys) - n_rand, replace=False)] = False
        keys = keys[mask]

    # ---- owners' ties: a third from their own employers, the rest anyone by activity
    own_keys = []
    for k, deg in enumerate(owners):
        got = np.array([j for j in range(k_own) if j != k], dtype=np.int64)
        comps = [cur[k]] + ([past1[k]] if n_past[k] >= 1 else []) + (
            [past2[k]] if n_past[k] >= 2 else [])
        home_p = mem_p[np.isin(mem_c, comps)].astype(np.int64)
        need = deg - len(got)
        tries = 0
        while need > 0:
            m = int(need * 1.3) + 50
            m_home = min(int(m * 0.35), 3 * len(home_p))
            cand = np.concatenate([
                home_p[rng.integers(0, max(len(home_p), 1), m_home)],
                rng.choice(n, m - m_home, p=p_out) if tries < 5 else rng.integers(k_own, n, m),
            ])
            cand = np.setdiff1d(cand[cand >= k_own], got)  # sorted, distinct, new
            cand = cand[rng.permutation(len(cand))][:need]
            got = np.concatenate([got, cand])
            need = deg - len(got)
            tries += 1
        lo, hi = np.minimum(k, got), np.maximum(k, got)
        own_keys.append(lo * n + hi)
    own = _unique_sorted(np.concatenate([np.empty(0, np.int64), *own_keys]))
    all_keys = _unique_sorted(np.concatenate([own, keys]), merge=True)  # disjoint, sorted runs
    del keys, own, own_keys
    ta = (all_keys // n).astype(np.int32)
    tb = (all_keys % n).astype(np.int32)
    del all_keys
    since = t_end - (rng.random(len(ta)) ** 1.6 * 17 * 365 * day).astype(np.int64) - day
    owner_col = _const(len(ta), "")
    n_by_owner = int(np.searchsorted(ta, k_own))  # owner rows come first (a < b, owners first)
    for k in range(k_own):
        lo_i, hi_i = np.searchsorted(ta, [k, k + 1])
        owner_col[lo_i:hi_i] = ids[k]
    both = np.flatnonzero(tb[:n_by_owner] < k_own)
    for i in both:
        owner_col[i] = f"{ids[ta[i]]};{ids[tb[i]]}"
    ties = pd.DataFrame({
        "a": _person_col(ta, pdt),
        "b": _person_col(tb, pdt),
        "since": _utc_ns(since * 1_000_000_000),
        "source": pd.Series(_const(len(ta), "linkedin"), dtype=object),
        "owner": pd.Series(owner_col, dtype=object),
    }, copy=False)

    if n_interactions > 0:
        n_pairs = int(min(len(ta), max(1, n_interactions // 10)))
        own = np.flatnonzero(ta < k_own)
        rest = np.flatnonzero(ta >= k_own)
        pick = np.concatenate([own[: n_pairs], rest[rng.permutation(len(rest))[
            : max(0, n_pairs - len(own))]]])
        flip = rng.random(len(pick)) < 0.5
        person = np.where(ta[pick] < k_own, tb[pick], np.where(flip, ta[pick], tb[pick]))
        other = np.where(ta[pick] < k_own, ta[pick], np.where(flip, tb[pick], ta[pick]))
        interactions = _interactions(rng, person, other, pdt, n_interactions, 5)
    else:
        interactions = schema.empty("interactions")
        for col in schema.PERSON_COLUMNS["interactions"]:
            interactions[col] = _person_col(np.empty(0, np.int64), pdt)
    return {"people": people, "companies": companies, "affiliations": affiliations,
            "ties": ties, "interactions": interactions}


def _interactions(rng: np.random.Generator, person: np.ndarray, other: np.ndarray,
                  pdt: pd.CategoricalDtype, n_interactions: int, years: float) -> pd.DataFrame:
    """Interactions on the given (person, other) pairs: heavy-tailed counts, cooling ties."""
    n_pairs = len(person)
    day = 86_400
    t_end = int(SAMPLE_END.timestamp()) - day
    t0 = t_end - int(years * 365.25 * day)
    # Interactions per pair: at least one, heavy-tailed.
    wts = rng.lognormal(0.0, 1.2, n_pairs)
    counts = 1 + rng.multinomial(max(0, n_interactions - n_pairs), wts / wts.sum())
    if n_interactions < n_pairs:
        counts = np.zeros(n_pairs, dtype=np.int64)
        counts[rng.choice(n_pairs, n_interactions, replace=False)] = 1
    # Each pair is active in a window; 40 % went quiet before the end (cooling).
    start = t0 + (rng.random(n_pairs) * (t_end - t0) * 0.9).astype(np.int64)
    cooled = rng.random(n_pairs) < 0.4
    stop = np.where(cooled, start + (rng.random(n_pairs) * (t_end - start)).astype(np.int64),
                    t_end)
    stop = np.maximum(stop, start + day)
    p_out = rng.beta(2.0, 2.0, n_pairs)  # reciprocity per pair
    pair = np.repeat(np.arange(n_pairs), counts)
    m = len(pair)
    ts = start[pair] + (rng.random(m) * (stop - start)[pair]).astype(np.int64)
    order = np.argsort(ts, kind="stable")
    pair, ts = pair[order], ts[order]
    share = {"meeting": 0.12, "call": 0.10, "message": 0.40, "email": 0.30, "linkedin": 0.08}
    channel = rng.choice(len(schema.CHANNELS), size=m,
                         p=[share.get(c, 0.0) for c in schema.CHANNELS]).astype(np.int8)
    group = rng.random(m) < np.where(channel == 0, 0.3, 0.05)
    participants = np.where(group, 3 + np.minimum(rng.geometric(0.25, m), 47), 2).astype(np.int64)
    directions = np.array(["out", "in", ""], dtype=object)
    d = np.where(rng.random(m) < p_out[pair], 0, 1)
    d = np.where(channel == 0, 2, d)
    cat = pd.Categorical.from_codes(channel, dtype=schema.TABLES["interactions"]["channel"])
    return pd.DataFrame({
        "person_id": _person_col(person[pair], pdt),
        "other_id": _person_col(other[pair], pdt),
        "timestamp": _utc_ns(ts * 1_000_000_000),
        "channel": pd.Series(cat),
        "direction": pd.Series(directions[d], dtype=object),
        "participants": pd.Series(participants, dtype="int64"),
        "source": pd.Series(_const(m, "sample"), dtype=object),
        "note": pd.Series(_const(m, ""), dtype=object),
    }, copy=False)


def interactions_table(n_interactions: int = 10_000_000, n_pairs: int = 1_000_000,
                       years: float = 5, seed: int = 0,
                       n_people: int | None = None) -> pd.DataFrame:
    """Generate a large canonical interactions table, directly.

    Parameters
    ----------
    n_interactions : int, default 10_000_000
    n_pairs : int, default 1_000_000
        Distinct (person, other) pairs; each pair has at least one
        interaction when ``n_interactions >= n_pairs``; counts per pair are
        heavy-tailed.
    years : float, default 5
        Span of the timestamps, ending at :data:`SAMPLE_END`. Each pair is
        active in a window; about 40 % went quiet before the end.
    seed : int, default 0
    n_people : int, optional
        People the pairs are drawn from (``"in:p0001234"`` ids); default *n_pairs*.

    Returns
    -------
    DataFrame
        Columns and dtypes of ``schema.TABLES["interactions"]`` (channel
        categorical), sorted by timestamp. Channels: message 40 %, e-mail
        30 %, meeting 12 %, call 10 %, linkedin 8 %; direction ``""`` for
        meetings; 5 % (30 % of meetings) are group threads of 3-50 people.

    Examples
    --------
    >>> from netgraph.sample import interactions_table
    >>> df = interactions_table(1000, 100)
    >>> len(df), df.groupby(["person_id", "other_id"]).ngroups
    (1000, 100)
    >>> str(df["channel"].dtype)
    'category'
    """
    n_people = n_people or max(n_pairs, 2)
    if n_pairs < 1 or n_pairs > n_people * (n_people - 1) // 2 or n_interactions < 0:
        raise InputError(f"cannot draw {n_pairs} distinct pairs among {n_people} people",
                         expected="1 <= n_pairs <= n_people * (n_people - 1) / 2")
    rng = _rng(seed)
    width = max(7, len(str(n_people - 1)))
    ids = _sadd("in:p", _ids(n_people, width)).astype(object)
    keys = np.empty(0, dtype=np.int64)
    while len(keys) < n_pairs:
        m = int((n_pairs - len(keys)) * 1.1) + 100
        a = rng.integers(0, n_people, m)
        b = rng.integers(0, n_people, m)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys = _unique_sorted(np.concatenate([keys, (lo * n_people + hi)[lo != hi]]))
    keys = keys[np.sort(rng.choice(len(keys), n_pairs, replace=False))]
    a, b = keys // n_people, keys % n_people
    flip = rng.random(n_pairs) < 0.5
    person, other = np.where(flip, a, b), np.where(flip, b, a)
    return _interactions(rng, person, other, _person_dtype(ids), n_interactions, years)


# =========================================================================== command line
def main(argv: Sequence[str] | None = None) -> int:
    """``python -m netgraph.sample [DIRECTORY] [--seed N] [--quiet]``: write the sample data.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default ``sys.argv[1:]``). DIRECTORY
        defaults to ``sample_data``; the seed to 7.

    Returns
    -------
    int
        The exit status, 0. Prints each file's size unless ``--quiet``.

    Examples
    --------
    >>> import tempfile
    >>> from netgraph.sample import main
    >>> main([tempfile.mkdtemp(), "--quiet"])
    0
    """
    parser = argparse.ArgumentParser(prog="python -m netgraph.sample",
                                     description="Write netgraph's invented sample data.")
    parser.add_argument("directory", nargs="?", default="sample_data")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    files = write_sample_data(args.directory, seed=args.seed)
    if not args.quiet:
        total = sum(p.stat().st_size for p in files.values())
        for rel, p in files.items():
            print(f"{p.stat().st_size:>9,d}  {rel}")
        print(f"{total:>9,d}  bytes in {len(files)} files under {args.directory}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
