"""vCards (.vcf) -> people tied to the owner; Google's and Outlook's contacts CSVs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import InputError
from netgraph.network import Network

OWNER = "Sam Rivera"

# three versions, quoted-printable with a soft line break, folded lines, a photo,
# several e-mails, ORG with a unit, a LinkedIn URL among others, a card with no name
VCF = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=\r\n"
    "ller\r\n"
    "EMAIL;INTERNET;HOME:joerg@home.example\r\n"
    "EMAIL;INTERNET;WORK;PREF:Joerg.Mueller@Work.example\r\n"
    "ORG:Acme GmbH;Research\r\n"
    "TITLE:Head of R&D\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQ\r\n"
    " gFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBA\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Grace Brewster\r\n"
    "  Hopper\r\n"
    "N:Hopper;Grace;Brewster;;\r\n"
    "EMAIL;TYPE=INTERNET:grace@example.org\r\n"
    "item1.URL:https://grace.example.org\r\n"
    "item2.URL;type=pref:https\\://www.linkedin.com/in/Grace-Hopper/\r\n"
    "ORG:Navy\r\n"
    "TITLE:Rear Admiral\\, retired\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "EMAIL;TYPE=work:nameless@example.org\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "NOTE:nothing to key\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Alan Turing\r\n"
    "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/alan-turing\r\n"
    "END:VCARD\r\n"
)


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    p = tmp_path / "contacts.vcf"
    p.write_bytes(VCF.encode("utf-8"))
    return p


def test_read_vcard(vcf: Path) -> None:
    df = ng.read_vcard(vcf)
    assert df["name"].tolist() == ["Jörg Müller", "Grace Brewster Hopper", "", "Alan Turing"]
    assert df["line"].tolist() == [1, 14, 25, 33]
    assert df["first_name"].tolist()[:2] == ["Jörg", "Grace"]
    assert df["last_name"].tolist()[:2] == ["Müller", "Hopper"]
    assert df["email"].tolist() == ["joerg.mueller@work.example", "grace@example.org",
                                    "nameless@example.org", ""]
    assert df["emails"].iloc[0] == "joerg.mueller@work.example ::: joerg@home.example"
    assert df["url"].tolist() == ["", "https://www.linkedin.com/in/grace-hopper", "",
                                  "https://www.linkedin.com/in/alan-turing"]
    assert df["company"].tolist() == ["Acme GmbH", "Navy", "", ""]
    assert df["title"].tolist() == ["Head of R&D", "Rear Admiral, retired", "", ""]
    rep = df.attrs["report"]
    assert rep.rows_read == 5
    assert [(i.line, "without a name" in i.reason) for i in rep.skipped] == [(29, True)]
    assert [(i.line, "without a name" in i.reason) for i in rep.warnings] == [(25, True)]


def test_import_vcard_links_identities(vcf: Path) -> None:
    net = Network()
    # an e-mail log first names Grace by address only
    net.import_interactions(pd.DataFrame({"email": ["grace@example.org"],
                                          "timestamp": ["2026-01-05"], "channel": ["email"]}),
                            owner=OWNER)
    report = net.import_vcard(vcf, owner=OWNER)
    assert (report.imported, report.merged) == (3, 1)  # Grace was already a contact
    people = net.people
    grace = people[people["email"] == "grace@example.org"]
    assert len(grace) == 1  # the card joined the address to her name and LinkedIn profile
    assert grace["url"].iloc[0] == "https://www.linkedin.com/in/grace-hopper"
    assert grace["name"].iloc[0] == "Grace Brewster Hopper"
    assert grace["company"].iloc[0] == "Navy"
    again = net.import_vcard(vcf, owner=OWNER)
    assert (again.imported, again.merged, again.new_people) == (0, 4, 0)
    assert len(net.people) == len(people)


def test_not_a_vcard(tmp_path: Path) -> None:
    p = tmp_path / "c.vcf"
    p.write_text("Name,Email\nAda,ada@example.org\n")
    with pytest.raises(InputError, match="not a vCard") as exc:
        ng.read_vcard(p)
    assert str(p) in str(exc.value)
    only_bad = tmp_path / "bad.vcf"
    only_bad.write_text("BEGIN:VCARD\nVERSION:3.0\nNOTE:x\nEND:VCARD\n")
    with pytest.raises(InputError, match="no usable card"):
        ng.read_vcard(only_bad)


def test_cli_import_vcard(tmp_path: Path, vcf: Path, capsys) -> None:
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", "vcard", str(vcf), "--owner", OWNER, "--json"]) == 0
    (rep,) = json.loads(capsys.readouterr().out)
    assert rep["kind"] == "vcard" and rep["imported"] == 4
    assert len(Network.load(db).people) == 5


# ------------------------------------------------- Google's and Outlook's contacts CSVs

GOOGLE = ("Name,Given Name,Additional Name,Family Name,Nickname,E-mail 1 - Type,"
          "E-mail 1 - Value,E-mail 2 - Value,Organization 1 - Name,Organization 1 - Title,"
          "Website 1 - Value\n"
          "Grace Hopper,Grace,,Hopper,,* Work,grace@example.org ::: g@home.example,"
          "gh@other.example,Navy,Rear Admiral,https://www.linkedin.com/in/grace-hopper\n")
GOOGLE_NEW = ("First Name,Middle Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,"
              "Organization Name,Organization Title\n"
              "Alan,,Turing,Work,alan@example.org,NPL,Researcher\n")
OUTLOOK = ("First Name,Middle Name,Last Name,Title,Suffix,Company,Department,Job Title,"
           "E-mail Address,E-mail 2 Address\n"
           "Ada,,Lovelace,Countess,,Analytical Engines,,Programmer,Ada@Example.org,\n")


@pytest.mark.parametrize(("csv", "expected"), [
    (GOOGLE, ("Grace Hopper", "grace@example.org", "Navy", "Rear Admiral")),
    (GOOGLE_NEW, ("Alan Turing", "alan@example.org", "NPL", "Researcher")),
    (OUTLOOK, ("Ada Lovelace", "ada@example.org", "Analytical Engines", "Programmer")),
])
def test_google_and_outlook_contacts_csv(tmp_path: Path, csv: str, expected: tuple) -> None:
    p = tmp_path / "contacts.csv"
    p.write_text(csv)
    net = Network()
    assert net.import_contacts(p, owner=OWNER).imported == 1
    person = net.people[~net.people["is_owner"]].iloc[0]
    assert (person["name"], person["email"], person["company"], person["title"]) == expected


def test_empty_vcard_file_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "empty.vcf"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="not a vCard") as exc:
        ng.read_vcard(p)
    assert str(p) in str(exc.value) and "Hint:" in str(exc.value)


def test_cards_without_fn_are_reported_with_their_line(tmp_path: Path) -> None:
    """No FN: the name comes from N; no name at all: keyed by the e-mail, with a warning;
    nothing to key by: skipped; a card cut off at the end: warned. A failed import changes
    nothing."""
    p = tmp_path / "book.vcf"
    p.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada L\r\nEMAIL:ada@x.org\r\nEND:VCARD\r\n"
                  b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hopper;Grace;;;\r\nEND:VCARD\r\n"
                  b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:bob@x.org\r\nEND:VCARD\r\n"
                  b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing\r\nEND:VCARD\r\n"
                  b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n")
    df = ng.read_vcard(p)
    assert df["name"].tolist() == ["Ada L", "Grace Hopper", "", "Cut Off"]
    rep = df.attrs["report"]
    assert [(i.line, "no FN or N" in i.reason) for i in rep.skipped] == [(14, True)]
    assert {i.line for i in rep.warnings} >= {10, 18}
    net = Network()
    bad = tmp_path / "bad.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:x\r\nEND:VCARD\r\n")
    with pytest.raises(InputError):
        net.import_vcard(bad, owner=OWNER)
    assert len(net.people) == 0 and len(net.ties) == 0
