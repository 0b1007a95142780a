"""Outlook's and Google's contacts CSV exports import through ``import_contacts`` as they
are: the real header sets (Outlook; Google's older and newer formats), written to tmp_path."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import netgraph as ng
from netgraph.sources.contacts import read_contacts

OUTLOOK = ["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname",
           "Given Yomi", "Surname Yomi", "E-mail Address", "E-mail 2 Address",
           "E-mail 3 Address", "Home Phone", "Home Phone 2", "Business Phone",
           "Business Phone 2", "Mobile Phone", "Car Phone", "Other Phone", "Primary Phone",
           "Pager", "Business Fax", "Home Fax", "Other Fax", "Company Main Telephone",
           "Callback", "Radio Phone", "Telex", "TTY/TDD Phone", "IMAddress", "Job Title",
           "Department", "Company", "Office Location", "Manager's Name", "Assistant's Name",
           "Assistant's Phone", "Company Yomi", "Business Street", "Business City",
           "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
           "Home City", "Home State", "Home Postal Code", "Home Country/Region",
           "Other Street", "Other City", "Other State", "Other Postal Code",
           "Other Country/Region", "Personal Web Page", "Spouse", "Schools", "Hobby",
           "Location", "Web Page", "Birthday", "Anniversary", "Notes"]
GOOGLE_OLD = ["Name", "Given Name", "Additional Name", "Family Name", "Yomi Name",
              "Given Name Yomi", "Additional Name Yomi", "Family Name Yomi", "Name Prefix",
              "Name Suffix", "Initials", "Nickname", "Short Name", "Maiden Name", "Birthday",
              "Gender", "Location", "Billing Information", "Directory Server", "Mileage",
              "Occupation", "Hobby", "Sensitivity", "Priority", "Subject", "Notes",
              "Language", "Photo", "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value",
              "E-mail 2 - Type", "E-mail 2 - Value", "Phone 1 - Type", "Phone 1 - Value",
              "Organization 1 - Type", "Organization 1 - Name", "Organization 1 - Yomi Name",
              "Organization 1 - Title", "Organization 1 - Department",
              "Organization 1 - Symbol", "Organization 1 - Location",
              "Organization 1 - Job Description", "Website 1 - Type", "Website 1 - Value"]
GOOGLE_NEW = ["First Name", "Middle Name", "Last Name", "Phonetic First Name",
              "Phonetic Middle Name", "Phonetic Last Name", "Name Prefix", "Name Suffix",
              "Nickname", "File As", "Organization Name", "Organization Title",
              "Organization Department", "Birthday", "Notes", "Photo", "Labels",
              "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value",
              "Phone 1 - Label", "Phone 1 - Value", "Website 1 - Label", "Website 1 - Value"]
IN = "https://www.linkedin.com/in/"


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]], *,
              encoding: str = "utf-8", newline: str = "\r\n", bom: bool = False) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator=newline)
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def outlook_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "outlook_contacts.csv", OUTLOOK, [
        {"First Name": "Ada", "Middle Name": "Byron", "Last Name": "Lovelace", "Title": "Dr.",
         "E-mail Address": "Ada@Example.org", "E-mail 2 Address": "ada@home.example",
         "Job Title": "Chief Analyst", "Department": "R&D", "Company": "Analytical Engines",
         "Personal Web Page": "https://ada.example", "Web Page": f"{IN}ada-lovelace",
         "Birthday": "12/10/1815", "Notes": "Met, at the \"Engine\" show"},
        {"First Name": "Jörg", "Last Name": "Müller", "E-mail Address": "joerg@firma.example",
         "Company": "Firma GmbH", "Title": "Herr"},
        {"Notes": "an empty card"},
    ], encoding="cp1252")


def test_outlook_export(tmp_path):
    df = read_contacts(outlook_file(tmp_path))
    assert df["name"].tolist() == ["Ada Lovelace", "Jörg Müller"]  # Windows-1252 decoded
    assert df["email"].tolist() == ["ada@example.org", "joerg@firma.example"]
    assert df["title"].tolist() == ["Chief Analyst", ""]      # not the honorific "Dr."
    assert df["company"].tolist() == ["Analytical Engines", "Firma GmbH"]
    assert df["url"].tolist() == [f"{IN}ada-lovelace", ""]     # LinkedIn from "Web Page"
    assert [(i.line, i.reason) for i in df.attrs["report"].skipped] == [
        (4, "no name, e-mail or profile URL")]


@pytest.mark.parametrize("header,row", [
    (GOOGLE_OLD, {"Name": "Grace Hopper", "Given Name": "Grace", "Additional Name": "Brewster",
                  "Family Name": "Hopper", "Group Membership": "* myContacts",
                  "E-mail 1 - Type": "* Work ::: Home",
                  "E-mail 1 - Value": "Grace@Navy.example ::: grace@home.example",
                  "Organization 1 - Name": "US Navy", "Organization 1 - Title": "Rear Admiral",
                  "Website 1 - Type": "Blog ::: Profile",
                  "Website 1 - Value": f"https://grace.example ::: {IN}grace-hopper"}),
    (GOOGLE_NEW, {"First Name": "Grace", "Middle Name": "Brewster", "Last Name": "Hopper",
                  "Labels": "* myContacts", "E-mail 1 - Label": "* Work",
                  "E-mail 1 - Value": "grace@navy.example", "Organization Name": "US Navy",
                  "Organization Title": "Rear Admiral", "Organization Department": "Ops",
                  "Birthday": "1906-12-09", "Website 1 - Value": f"{IN}grace-hopper"}),
], ids=["google-older", "google-newer"])
def test_google_exports(tmp_path, header, row):
    df = read_contacts(write_csv(tmp_path / "contacts.csv", header, [row], newline="\n",
                                 bom=True))
    rec = df.drop(columns=["line", "connected_on"]).iloc[0].to_dict()
    assert rec == {"name": "Grace Hopper", "first_name": "Grace", "last_name": "Hopper",
                   "url": f"{IN}grace-hopper", "email": "grace@navy.example",
                   "company": "US Navy", "title": "Rear Admiral"}
    assert not df.attrs["report"].warnings


def test_address_book_joins_linkedin_identity(tmp_path):
    """The Outlook card with a LinkedIn URL and the LinkedIn connection are one person;
    a re-import changes nothing."""
    conns = tmp_path / "Connections.csv"
    conns.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                     f"Ada,Lovelace,{IN}ada-lovelace,,Analytical Engines,CTO,16 Dec 2024\n")
    net = ng.Network()
    net.import_linkedin(conns, owner="Sam Rivera")
    n0 = len(net.people)
    report = net.import_contacts(outlook_file(tmp_path), owner="Sam Rivera")
    assert report.imported + report.merged == 2
    assert len(net.people) == n0 + 1                      # Jörg is new, Ada is known
    ada = net.people[net.people["url"] == f"{IN}ada-lovelace"]
    assert len(ada) == 1 and ada["email"].iloc[0] == "ada@example.org"
    before = (len(net.people), len(net.ties))
    net.import_contacts(outlook_file(tmp_path), owner="Sam Rivera")
    assert (len(net.people), len(net.ties)) == before
