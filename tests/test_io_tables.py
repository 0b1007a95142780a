"""Readers of generic tables (contacts, affiliations, interactions): files and frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.sources.contacts import read_contacts
from netgraph.sources.history import read_affiliations
from netgraph.sources.interactions import read_interactions

UTC = "datetime64[ns, UTC]"
IN = "https://www.linkedin.com/in/"


def write(tmp_path: Path, name: str, text: str, *, encoding: str = "utf-8",
          newline: str = "\n", bom: bool = False) -> Path:
    raw = text.replace("\n", newline).encode(encoding)
    if bom:
        raw = "\ufeff".encode(encoding) + raw
    p = tmp_path / name
    p.write_bytes(raw)
    return p


def issues(report, kind: str = "skipped") -> list[tuple[int | None, str]]:
    return [(i.line, i.reason) for i in getattr(report, kind)]


def _raises(fn, source, where: str, *needles: str) -> str:
    with pytest.raises(InputError) as info:
        fn(source)
    msg = str(info.value)
    assert where in msg and "Hint:" in msg, msg
    for n in needles:
        assert n in msg, msg
    return msg


# --------------------------------------------------------------------------- contacts


def test_contacts_google_export(tmp_path):
    text = ("Name,Given Name,Additional Name,Family Name,Organization 1 - Name,"
            "Organization 1 - Title,E-mail 1 - Type,E-mail 1 - Value\n"
            "Ada Lovelace,Ada,,Lovelace,Acme,CEO,* Home,ADA@Example.org ::: ada@work.example\n"
            ",Alan,,Turing,,,,\n"
            ",,,,Acme,,,\n"
            "Bad Mail,,,,,,,not-an-email\n")
    df = read_contacts(write(tmp_path, "google.csv", text, newline="\r\n", bom=True))
    assert list(df.columns) == ["line", "name", "first_name", "last_name", "url", "email",
                                "company", "title", "connected_on"]
    assert df["line"].tolist() == [2, 3, 5]
    assert df["name"].tolist() == ["Ada Lovelace", "Alan Turing", "Bad Mail"]
    assert df["email"].tolist() == ["ada@example.org", "", ""]
    assert df.loc[0, ["company", "title"]].tolist() == ["Acme", "CEO"]
    assert df["connected_on"].dtype == UTC
    for c in ["name", "first_name", "last_name", "url", "email", "company", "title"]:
        assert df[c].dtype == object and all(type(v) is str for v in df[c])
    rep = df.attrs["report"]
    assert issues(rep) == [(4, "no name, e-mail or profile URL")]
    assert issues(rep, "warnings") == [(5, "not an e-mail address 'not-an-email': ignored")]
    assert (rep.rows_read, rep.imported) == (4, 3)


def test_contacts_aliases_urls_and_dates(tmp_path):
    text = ("full_name,LinkedIn URL,employer,job-title,since\n"
            "Grace Hopper,http://uk.linkedin.com/in/Grace-H/,US Navy,Admiral,16 Dec 2024\n"
            "Alan Turing,https://example.org/alan,,,sometime\n")
    df = read_contacts(write(tmp_path, "c.csv", text))
    assert df["url"].tolist() == [f"{IN}grace-h", ""]
    assert df.loc[0, ["company", "title"]].tolist() == ["US Navy", "Admiral"]
    assert df.loc[0, "connected_on"] == pd.Timestamp("2024-12-16", tz="UTC")
    warnings = issues(df.attrs["report"], "warnings")
    assert [w[0] for w in warnings] == [3, 3]
    assert any("not a LinkedIn profile URL" in r for _, r in warnings)
    assert any("'sometime'" in r for _, r in warnings)


def test_contacts_semicolon_csv_from_a_european_spreadsheet(tmp_path):
    text = "sep=;\nName;E-mail;Company\n\"Lovelace, Ada\";ada@example.org;Acme; Inc.\n"
    df = read_contacts(write(tmp_path, "c.csv", text, encoding="cp1252", newline="\r\n"))
    assert df.loc[0, ["line", "name", "email", "company"]].tolist() == [
        3, "Lovelace, Ada", "ada@example.org", "Acme"]
    # The unquoted ";" in "Acme; Inc." made an extra cell: reported, not silently shifted.
    assert [w.line for w in df.attrs["report"].warnings] == [3]


def test_contacts_from_dataframe():
    frame = pd.DataFrame({"Email": ["ada@example.org", None, "x@y.org"],
                          "Company": ["Acme", "Initech", np.nan],
                          "Connected On": pd.to_datetime(["2024-01-01", None, "2024-02-01"])},
                         index=[10, 11, 12])
    df = read_contacts(frame)
    assert df["line"].tolist() == [2, 4]  # position + 2, not the index
    assert df["company"].tolist() == ["Acme", ""]
    assert df["connected_on"].tolist() == [pd.Timestamp("2024-01-01", tz="UTC"),
                                           pd.Timestamp("2024-02-01", tz="UTC")]
    rep = df.attrs["report"]
    assert rep.file == "<DataFrame>" and issues(rep) == [(3, "no name, e-mail or profile URL")]


def test_contacts_errors(tmp_path):
    p = write(tmp_path, "c.csv", "Company,Title\nAcme,CEO\n")
    msg = _raises(read_contacts, p, str(p), "missing required column", "'Company'", "'Name'")
    assert "'Title'" in msg
    p = write(tmp_path, "empty.csv", "")
    _raises(read_contacts, p, str(p), "empty")
    p = write(tmp_path, "nobody.csv", "Name,Email\n,\n ,\n")
    _raises(read_contacts, p, str(p), "no usable rows")
    p = write(tmp_path, "broken.csv", 'Name,Email\nAda,"ada@example.org\nAlan,alan@x.org\n')
    _raises(read_contacts, p, str(p), "never closed", "line 2")
    _raises(read_contacts, tmp_path / "missing.csv", "missing.csv", "not found")
    _raises(read_contacts, pd.DataFrame({"x": [1]}), "<DataFrame>", "missing required column")
    _raises(read_contacts, pd.DataFrame({"name": []}), "<DataFrame>", "no usable rows")


# --------------------------------------------------------------------------- affiliations


def test_affiliations_dates_current_and_bad_rows(tmp_path):
    text = ("person,company,title,start,end\n"
            "Ada,Acme,CEO,Jun 2018,present\n"
            "Ada,Initech,Dev,2015,2018-05-31\n"
            "Bob,,x,2015,\n"
            ",Acme,,,\n"
            "Cy,Globex,,2019,2018\n"
            "Di,Hooli,,someday,\n"
            "Ed,Umbrella,,01/02/2016,Now\n")
    df = read_affiliations(write(tmp_path, "aff.csv", text))
    assert list(df.columns) == ["line", "name", "url", "email", "company", "title", "start",
                                "end", "current"]
    assert df["line"].tolist() == [2, 3, 7, 8]
    assert df["current"].tolist() == [True, False, True, True]
    assert df["current"].dtype == bool and df["start"].dtype == UTC and df["end"].dtype == UTC
    assert df.loc[0, "start"] == pd.Timestamp("2018-06-01", tz="UTC")
    assert df.loc[1, ["start", "end"]].tolist() == [pd.Timestamp("2015-01-01", tz="UTC"),
                                                   pd.Timestamp("2018-05-31", tz="UTC")]
    assert df.loc[3, "start"] == pd.Timestamp("2016-01-02", tz="UTC")  # US month/day
    assert pd.isna(df.loc[0, "end"]) and pd.isna(df.loc[2, "start"])
    rep = df.attrs["report"]
    assert [i[0] for i in issues(rep)] == [4, 5, 6]
    assert "no company" in issues(rep)[0][1] and "no person" in issues(rep)[1][1]
    assert "end before start" in issues(rep)[2][1]
    assert issues(rep, "warnings") == [(7, "unparseable start 'someday': kept without a start")]


def test_affiliations_from_dataframe_with_url_and_current_flag():
    frame = pd.DataFrame({
        "Profile URL": [f"{IN}Ada/", f"{IN}ada"],
        "Organization": ["Acme", "Initech"],
        "Role": ["CEO", "Dev"],
        "Start Date": pd.to_datetime(["2020-01-01", "2010-01-01"]),
        "End Date": pd.to_datetime([None, "2012-01-01"]),
        "Current": ["no", ""],
    })
    df = read_affiliations(frame)
    assert df["url"].tolist() == [f"{IN}ada", f"{IN}ada"]
    assert df["current"].tolist() == [False, False]  # the flag wins over an empty end
    assert df.loc[1, "end"] == pd.Timestamp("2012-01-01", tz="UTC")


def test_affiliations_errors(tmp_path):
    p = write(tmp_path, "a.csv", "person,title\nAda,CEO\n")
    _raises(read_affiliations, p, str(p), "missing required column", "'Company'", "'person'")
    p = write(tmp_path, "b.csv", "company,title\nAcme,CEO\n")
    _raises(read_affiliations, p, str(p), "missing required column", "'Person'")
    p = write(tmp_path, "c.csv", "")
    _raises(read_affiliations, p, str(p), "empty")
    p = write(tmp_path, "d.csv", "person,company\nAda,\n,Acme\n")
    _raises(read_affiliations, p, str(p), "no usable rows")
    p = tmp_path / "e.csv"
    p.write_bytes(b"person,company\n\x81\x8d,\x8f\x90\n")
    _raises(read_affiliations, p, str(p), "cannot decode")
    p = write(tmp_path, "f.csv", 'person,company\nAda,"Acme\nBob,Initech\n')
    _raises(read_affiliations, p, str(p), "never closed", "line 2")


# --------------------------------------------------------------------------- interactions


def test_interactions_channels_directions_participants_and_skips(tmp_path):
    text = ("person,other,date,channel,direction,participants,note\n"
            "Grace,,2024-03-01 10:00,Zoom,sent,2,hi\n"
            "Alan,,2024-03-02,carrier pigeon,,3,\n"
            "Ada,,,call,,,\n"
            "Bob,,soon,call,,,\n"
            "Owner,OWNER,2024-03-03,call,,,\n"
            ",,2024-03-03,call,,,\n"
            "Cy,,2024-03-04,in person,incoming,1.5,\n"
            'Di,Ada,"Mar 5, 2024",WhatsApp,weird,1,"note, with comma"\n'
            "Ed,,05.03.2024,E-Mail,Outgoing,,\n"
            "Fay,,2024-03-06T09:30:00+01:00,phone,received,4,\n"
            "Gus,,1709251200,endorsement,,,\n")
    df = read_interactions(write(tmp_path, "log.csv", text))
    assert list(df.columns) == ["line", "person", "person_url", "person_email", "other",
                                "timestamp", "channel", "direction", "participants", "note"]
    assert df["line"].tolist() == [2, 3, 8, 9, 10, 11, 12]
    assert df["channel"].tolist() == ["meeting", "other", "meeting", "message", "email",
                                      "call", "linkedin"]
    assert list(df["channel"].cat.categories) == list(CHANNELS)
    assert df["direction"].tolist() == ["out", "", "in", "", "out", "in", ""]
    assert df["participants"].tolist() == [2, 3, 2, 2, 2, 4, 2]
    assert df["participants"].dtype == np.int64 and df["timestamp"].dtype == UTC
    assert df["timestamp"].tolist()[3:6] == [pd.Timestamp("2024-03-05", tz="UTC"),
                                             pd.Timestamp("2024-03-05", tz="UTC"),
                                             pd.Timestamp("2024-03-06 08:30", tz="UTC")]
    assert df.loc[3, ["other", "note"]].tolist() == ["Ada", "note, with comma"]
    rep = df.attrs["report"]
    skipped = issues(rep)
    assert [s[0] for s in skipped] == [4, 5, 6, 7]
    assert skipped[0][1] == "no timestamp" and "soon" in skipped[1][1]
    assert "self-interaction" in skipped[2][1] and "no person" in skipped[3][1]
    warnings = issues(rep, "warnings")
    assert (3, "unknown channel 'carrier pigeon': recorded as 'other'") in warnings
    assert (9, "unknown direction 'weird': left empty") in warnings
    assert sorted(w[0] for w in warnings if "participants" in w[1]) == [8, 9]


def test_interactions_from_dataframe_typed_columns():
    frame = pd.DataFrame({
        "Person URL": [f"{IN}Grace-H", ""],
        "Email": ["", "ALAN@Example.org"],
        "Timestamp": pd.to_datetime(["2024-01-01 12:00", "2024-01-02 00:00"]).tz_localize(
            "Europe/Berlin"),
        "Type": ["meet", "mail"],
        "Participants": [3, np.nan],
    })
    df = read_interactions(frame)
    assert df["person_url"].tolist() == [f"{IN}grace-h", ""]
    assert df["person_email"].tolist() == ["", "alan@example.org"]
    assert df.loc[0, "timestamp"] == pd.Timestamp("2024-01-01 11:00", tz="UTC")
    assert df["channel"].tolist() == ["meeting", "email"]
    assert df["participants"].tolist() == [3, 2]
    assert df["line"].tolist() == [2, 3]


def test_interactions_without_channel_column_warns():
    df = read_interactions(pd.DataFrame({"name": ["Ada"], "when": ["2024-01-01"]}))
    assert df["channel"].tolist() == ["other"]
    assert issues(df.attrs["report"], "warnings") == [
        (None, "no channel column: every interaction recorded as 'other'")]


def test_interactions_errors(tmp_path):
    p = write(tmp_path, "i.csv", "person,channel\nAda,call\n")
    _raises(read_interactions, p, str(p), "missing required column", "'Timestamp'", "'person'")
    p = write(tmp_path, "j.csv", "")
    _raises(read_interactions, p, str(p), "empty")
    p = write(tmp_path, "k.csv", "person,date\nAda,never\nBob,\n")
    _raises(read_interactions, p, str(p), "no usable rows")
    p = write(tmp_path, "m.csv", 'person,date,note\nAda,2024-01-01,"unclosed\nBob,2024\n')
    _raises(read_interactions, p, str(p), "never closed", "line 2")
    p = write(tmp_path, "l.csv", "person,date\nAda,2024-01-01\n", encoding="utf-16")
    assert read_interactions(p)["person"].tolist() == ["Ada"]
    _raises(read_interactions, tmp_path / "nope.csv", "nope.csv", "not found")
    _raises(read_interactions, pd.DataFrame({"person": ["Ada"]}), "<DataFrame>",
            "missing required column")
