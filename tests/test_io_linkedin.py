"""Readers of LinkedIn export files: every era and mess, on real files in tmp_path."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netgraph.data.identity import linkedin_slug, normalise_linkedin_url
from netgraph.errors import InputError
from netgraph.sources.csvfile import decode, parse_dates, to_safe_csv
from netgraph.sources.linkedin import (
    message_interactions,
    read_linkedin_connections,
    read_linkedin_export,
    read_linkedin_invitations,
    read_linkedin_messages,
    read_linkedin_positions,
)

UTC = "datetime64[ns, UTC]"
NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about exporting "
    'your data here https://www.linkedin.com/help/linkedin/answer/66844"\n'
    "\n"
)
HEAD_MODERN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
HEAD_2020 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
IN = "https://www.linkedin.com/in/"


def write(tmp_path: Path, name: str, text: str, *, encoding: str = "utf-8",
          newline: str = "\n", bom: bool = False) -> Path:
    """Write *text* byte-exact: the given line ending, encoding and BOM."""
    data = text.replace("\n", newline)
    raw = data.encode(encoding)
    if bom:
        raw = "\ufeff".encode(encoding) + raw
    p = tmp_path / name
    p.write_bytes(raw)
    return p


def lines(df: pd.DataFrame) -> list[int]:
    return df["line"].tolist()


def reasons(report, kind: str = "skipped") -> list[tuple[int | None, str]]:
    return [(i.line, i.reason) for i in getattr(report, kind)]


def assert_text_columns(df: pd.DataFrame, cols: list[str]) -> None:
    for c in cols:
        assert df[c].dtype == object, c
        assert all(type(v) is str for v in df[c]), c


# --------------------------------------------------------------------------- connections


def test_modern_with_notes_preamble_lines_and_dtypes(tmp_path):
    p = write(tmp_path, "Connections.csv", NOTES + HEAD_MODERN
              + f"Ada,Lovelace,{IN}ada-lovelace,,Analytical Engines,Analyst,16 Dec 2024\n"
              + f"Grace,Hopper,{IN}grace-hopper,,US Navy,Rear Admiral,05 Jan 2019\n")
    df = read_linkedin_connections(p)
    assert list(df.columns) == ["line", "first_name", "last_name", "name", "credentials", "url",
                                "email", "company", "position", "connected_on"]
    assert lines(df) == [5, 6]  # Notes:, paragraph, blank, header = lines 1-4
    assert df["line"].dtype == np.int64
    assert df["connected_on"].dtype == UTC
    assert_text_columns(df, ["first_name", "last_name", "name", "credentials", "url", "email",
                             "company", "position"])
    assert df["name"].tolist() == ["Ada Lovelace", "Grace Hopper"]
    assert df["connected_on"].tolist() == [pd.Timestamp("2024-12-16", tz="UTC"),
                                           pd.Timestamp("2019-01-05", tz="UTC")]
    rep = df.attrs["report"]
    assert (rep.file, rep.rows_read, rep.imported, rep.skipped) == (str(p), 2, 2, [])


def test_no_preamble_no_url_column_2020_header(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_2020
              + "Ada,Lovelace,ada@example.org,Analytical Engines,Analyst,16 Dec 2020\n")
    df = read_linkedin_connections(p)
    assert lines(df) == [2]
    assert df.loc[0, "url"] == "" and df.loc[0, "email"] == "ada@example.org"


def test_padded_preamble_from_spreadsheet(tmp_path):
    padded = ("Notes:,,,,,,\n"
              '"When exporting your connection data, you may notice that some of the email '
              'addresses are missing.",,,,,,\n'
              ",,,,,,\n")
    p = write(tmp_path, "Connections.csv", padded + HEAD_MODERN
              + f"Ada,Lovelace,{IN}ada,,Acme,CEO,16 Dec 2024\n", newline="\r\n", bom=True)
    df = read_linkedin_connections(p)
    assert lines(df) == [5]
    assert df.loc[0, "first_name"] == "Ada"  # no BOM glued to the header or the value


def test_2018_export_us_dates_with_time(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_2020
              + 'Ada,Lovelace,,Acme,CEO,"5/21/18, 3:33 PM"\n'
              + 'Alan,Turing,,Bletchley,,"12/1/18, 12:05 AM"\n')
    df = read_linkedin_connections(p)
    assert df["connected_on"].tolist() == [pd.Timestamp("2018-05-21 15:33", tz="UTC"),
                                           pd.Timestamp("2018-12-01 00:05", tz="UTC")]


def test_crlf_bom_blank_lines_and_resaved_dates(tmp_path):
    text = ("\n\n" + HEAD_MODERN
            + f"Ada,Lovelace,{IN}ada,,Acme,CEO,12/16/2024\n"
            + "\n"
            + f"Alan,Turing,{IN}alan,,Acme,CTO,2024-12-16\n"
            + "\n\n"
            + f"Grace,Hopper,{IN}grace,,Navy,,16-Dec-24\n"
            + f"Edsger,Dijkstra,{IN}ewd,,UT,,\"Dec 16, 2024\"\n")
    p = write(tmp_path, "Connections.csv", text, newline="\r\n", bom=True)
    df = read_linkedin_connections(p)
    assert lines(df) == [4, 6, 9, 10]
    assert (df["connected_on"] == pd.Timestamp("2024-12-16", tz="UTC")).all()
    rep = df.attrs["report"]
    assert rep.rows_read == 4 and rep.skipped == [] and rep.warnings == []


def test_deleted_columns_only_a_name_column(tmp_path):
    p = write(tmp_path, "Connections.csv", "Last Name,Company\nLovelace,Acme\nTuring,\n")
    df = read_linkedin_connections(p)
    assert df["name"].tolist() == ["Lovelace", "Turing"]
    assert df["url"].tolist() == ["", ""] and df["position"].tolist() == ["", ""]
    assert df["connected_on"].isna().all() and df["connected_on"].dtype == UTC


def test_deleted_columns_only_url(tmp_path):
    p = write(tmp_path, "Connections.csv", f"URL\n{IN}Ada-L/\n")
    df = read_linkedin_connections(p)
    assert df["url"].tolist() == [f"{IN}ada-l"] and df["name"].tolist() == [""]


def test_columns_bound_by_name_not_position(tmp_path):
    p = write(tmp_path, "Connections.csv",
              "connected_on,POSITION,company,url,last_name,first_name\n"
              f"16 Dec 2024,CEO,Acme,{IN}ada,Lovelace,Ada\n")
    df = read_linkedin_connections(p)
    assert df.loc[0, ["first_name", "company", "position"]].tolist() == ["Ada", "Acme", "CEO"]


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", True), ("utf-16-be", True),
                                          ("utf-16-le", False), ("utf-8", True)])
def test_utf16_and_utf8_bom(tmp_path, encoding, bom):
    p = write(tmp_path, "Connections.csv", NOTES + HEAD_MODERN
              + f"Zoë,Ñúñez,{IN}zoe,,Café Ltd,Chef,16 Dec 2024\n", encoding=encoding, bom=bom)
    df = read_linkedin_connections(p)
    assert df.loc[0, ["first_name", "last_name", "company"]].tolist() == ["Zoë", "Ñúñez",
                                                                          "Café Ltd"]
    assert lines(df) == [5]
    assert df.attrs["report"].warnings == []


def test_cp1252_with_accented_name_warns(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f"José,Müller,{IN}jose,,Société Générale,Analyst – Risk,16 Dec 2024\n",
              encoding="cp1252")
    df = read_linkedin_connections(p)
    assert df.loc[0, "name"] == "José Müller"
    assert df.loc[0, "position"] == "Analyst – Risk"
    assert any("Windows-1252" in w.reason for w in df.attrs["report"].warnings)


def test_ghost_rows_skipped_with_line_numbers(tmp_path):
    p = write(tmp_path, "Connections.csv", NOTES + HEAD_MODERN
              + f"Ada,Lovelace,{IN}ada,,Acme,CEO,16 Dec 2024\n"
              + ",,,,,,15 Dec 2024\n"
              + f"Alan,Turing,{IN}alan,,,,14 Dec 2024\n"
              + ",,,,,,13 Dec 2024\n")
    df = read_linkedin_connections(p)
    rep = df.attrs["report"]
    assert lines(df) == [5, 7]
    assert [i.line for i in rep.skipped] == [6, 8]
    assert all("ghost" in i.reason for i in rep.skipped)
    assert (rep.rows_read, rep.imported) == (4, 2)


def test_duplicate_names_with_distinct_urls_are_kept(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f"John,Smith,{IN}john-smith-1,,Acme,,16 Dec 2024\n"
              + f"John,Smith,{IN}john-smith-2,,Initech,,16 Dec 2024\n")
    df = read_linkedin_connections(p)
    assert df["name"].tolist() == ["John Smith", "John Smith"]
    assert df["url"].nunique() == 2


def test_credentials_after_comma_in_last_name(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f'Jane,"Example, PhD",{IN}jane,,,,\n'
              + f'Sam,"Smith, PMP®",{IN}sam,,,,\n'
              + f'Lee,"Park, MBA, CFA",{IN}lee,,,,\n'
              + f'Bob,"Jones, Jr.",{IN}bob,,,,\n')
    df = read_linkedin_connections(p)
    assert df["last_name"].tolist() == ["Example", "Smith", "Park", "Jones, Jr."]
    assert df["name"].tolist() == ["Jane Example", "Sam Smith", "Lee Park", "Bob Jones, Jr."]
    assert df["credentials"].tolist() == ["PhD", "PMP®", "MBA, CFA", ""]


def test_nbsp_zero_width_bidi_trimmed_emoji_kept(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f"\u200bAda\u00a0 ,\u202aLovelace\u202c\u200f,{IN}ada ,,\ufeffAcme\u2060,"
                "CEO 🚀,16 Dec 2024\u00a0\n"
              + f"Zoë 👩‍👩‍👧,Ng,{IN}zoe,,,,\n")
    df = read_linkedin_connections(p)
    assert df.loc[0, ["first_name", "last_name", "company", "position"]].tolist() == [
        "Ada", "Lovelace", "Acme", "CEO 🚀"]
    assert df.loc[0, "connected_on"] == pd.Timestamp("2024-12-16", tz="UTC")
    assert df.loc[1, "first_name"] == "Zoë 👩\u200d👩\u200d👧"  # ZWJ inside emoji kept


def test_urls_normalised(tmp_path):
    raw = [f"{IN}Ada-Lovelace", "http://www.linkedin.com/in/ada-lovelace/",
           "linkedin.com/in/ada-lovelace?trk=public", "https://uk.linkedin.com/in/ada-lovelace",
           "www.linkedin.com/in/ada-lovelace#about"]
    p = write(tmp_path, "Connections.csv", "First Name,URL\n"
              + "".join(f"Ada,{u}\n" for u in raw))
    df = read_linkedin_connections(p)
    assert set(df["url"]) == {f"{IN}ada-lovelace"}


def test_non_profile_url_is_a_warning(tmp_path):
    p = write(tmp_path, "Connections.csv",
              "First Name,Last Name,URL\nAda,L,https://www.linkedin.com/company/acme\n")
    df = read_linkedin_connections(p)
    assert df.loc[0, "url"] == ""
    assert reasons(df.attrs["report"], "warnings")[0][0] == 2


def test_unparseable_date_kept_with_warning(tmp_path):
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f"Ada,L,{IN}ada,,,,someday\n" + f"Alan,T,{IN}alan,,,,16 Dec 2024\n")
    df = read_linkedin_connections(p)
    assert len(df) == 2 and pd.isna(df.loc[0, "connected_on"])
    (line, reason), = reasons(df.attrs["report"], "warnings")
    assert line == 2 and "someday" in reason


def test_multiline_quoted_cell_keeps_physical_line_numbers(tmp_path):
    p = write(tmp_path, "Connections.csv", NOTES + HEAD_MODERN
              + f'Ada,L,{IN}ada,,Acme,"Chief\nof\nStaff",16 Dec 2024\n'
              + ",,,,,,16 Dec 2024\n"
              + f"Alan,T,{IN}alan,,,,16 Dec 2024\n", newline="\r\n")
    df = read_linkedin_connections(p)
    assert df.loc[0, "position"] == "Chief\nof\nStaff"
    assert lines(df) == [5, 9]
    assert [i.line for i in df.attrs["report"].skipped] == [8]


def test_stray_quote_and_multiline_last_record_is_not_an_error(tmp_path):
    # An odd number of quotes in the file (a literal " inside an unquoted cell) and a
    # last record spanning lines: valid RFC 4180 as parsed, not an unclosed quote.
    p = write(tmp_path, "Connections.csv", HEAD_MODERN
              + f'Ada,L,{IN}ada,,Acme,Tall 5\'11" Engineer,16 Dec 2024\n'
              + f'Alan,T,{IN}alan,,,"Multi\nline",16 Dec 2024\n')
    df = read_linkedin_connections(p)
    assert df["position"].tolist() == ["Tall 5'11\" Engineer", "Multi\nline"]
    assert lines(df) == [2, 3]


def test_extra_cells_warn(tmp_path):
    p = write(tmp_path, "Connections.csv", "First Name,Last Name\nAda,Lovelace,oops\nAlan,T,\n")
    df = read_linkedin_connections(p)
    assert df["last_name"].tolist() == ["Lovelace", "T"]
    assert [i.line for i in df.attrs["report"].warnings] == [2]


def test_slug_and_url_helpers():
    s = pd.Series([f"{IN}JOS%c3%a9", f"{IN}jos%C3%A9/", f"{IN}José", None, "",
                   "https://www.linkedin.com/company/x"])
    assert normalise_linkedin_url(s).tolist() == [f"{IN}jos%C3%A9"] * 3 + ["", "", ""]
    assert linkedin_slug(f"{IN}Ada_L-1") == "ada_l-1"
    assert normalise_linkedin_url("nonsense") == ""


# --------------------------------------------------------------------------- connection errors


def _raises(fn, path, *needles: str) -> str:
    with pytest.raises(InputError) as info:
        fn(path)
    msg = str(info.value)
    assert str(path) in msg and "Hint:" in msg, msg
    for n in needles:
        assert n in msg, msg
    return msg


def test_connections_errors(tmp_path):
    msgs = write(tmp_path, "messages.csv",
                 "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
                 "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n")
    _raises(read_linkedin_connections, msgs, "messages.csv", "read_linkedin_messages")
    empty = write(tmp_path, "empty.csv", "")
    _raises(read_linkedin_connections, empty, "empty")
    only_header = write(tmp_path, "header.csv", NOTES + HEAD_MODERN)
    _raises(read_linkedin_connections, only_header, "no usable rows")
    ghosts = write(tmp_path, "ghosts.csv", HEAD_MODERN + ",,,,,,16 Dec 2024\n")
    _raises(read_linkedin_connections, ghosts, "no usable rows", "ghost")
    missing = write(tmp_path, "missing.csv", "Email Address,Company\nx@y.org,Acme\n")
    msg = _raises(read_linkedin_connections, missing, "missing required column",
                  "'Email Address'", "'First Name'", "line 1")
    assert "'Company'" in msg
    malformed = write(tmp_path, "malformed.csv",
                      HEAD_MODERN + 'Ada,"Lovelace,,,,,\nAlan,Turing,,,,,\n')
    _raises(read_linkedin_connections, malformed, "line 2", "never closed")
    undecodable = tmp_path / "binary.csv"
    undecodable.write_bytes(b"First Name,Last Name\n\x81\x8d\x8f,\x90\x9d\n")
    _raises(read_linkedin_connections, undecodable, "cannot decode")
    not_csv = write(tmp_path, "notes.txt", "Dear diary,\nToday I met Ada.\n")
    _raises(read_linkedin_connections, not_csv, "no header", "Dear diary")
    _raises(read_linkedin_connections, tmp_path / "nope.csv", "not found")


# --------------------------------------------------------------------------- messages

OWNER, BOB, CY, DI = (f"{IN}owner-o", f"{IN}bob-b", f"{IN}cy-c", f"{IN}di-d")
HEAD_MSG = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,"
            "IS CONVERSATION DRAFT\n")


def modern_messages(tmp_path: Path) -> Path:
    rows = [
        # line 2-5: HTML with commas, quotes and newlines
        f'c1,,Owner O,{OWNER},Bob B,{BOB},2022-09-01 10:00:00 UTC,Hi,"<p>Hello, Bob '
        f'""friend""</p>\n<p>a, b</p>\n<a href=""x"">x</a>",INBOX,No,No\n',
        f"c1,,Bob B,{BOB},Owner O,{OWNER},2022-09-02 10:00:00 UTC,,Thanks,INBOX,No,No\n",
        f'c2,Team,Owner O,{OWNER},"Bob B,Cy C,Di D","{BOB},{CY},{DI}",'
        "2022-09-03 10:00:00 UTC,,group,INBOX,No,No\n",
        f'c2,Team,Cy C,{CY},"Owner O,Bob B,Di D","{OWNER},{BOB},{DI}",'
        "2022-09-04 10:00:00 UTC,,reply all,INBOX,No,No\n",
        f"c3,,Owner O,{OWNER},Bob B,{BOB},2022-09-05 10:00:00 UTC,,draft,INBOX,Yes,No\n",
        "c4,,LinkedIn Premium,https://www.linkedin.com/company/linkedin-premium/,Owner O,"
        f"{OWNER},2022-09-06 10:00:00 UTC,,upgrade!,INBOX,No,No\n",
        f"c5,,LinkedIn Member,,Owner O,{OWNER},2022-09-07 10:00:00 UTC,,hi,INBOX,No,No\n",
        f'c6,,Owner O,{OWNER},"LinkedIn Member,LinkedIn Member",",",2022-09-08 10:00:00 UTC,,'
        "hello both,INBOX,No,No\n",
        f"c7,,Owner O,{OWNER},Bob B,{BOB},not a date,,x,INBOX,No,No\n",
        f'c8,,Owner O,{OWNER},"Jane Doe, PhD",{IN}jane,2022-09-09 10:00:00 UTC,,x,INBOX,No,No\n',
        f"c9,,Cy C,{CY},Bob B,{BOB},2022-09-10 10:00:00 UTC,,not mine,INBOX,No,No\n",
        f"c10,,Sales Solutions,,Owner O,{OWNER},2022-09-11 10:00:00 UTC,,buy,INBOX,No,No\n",
    ]
    return write(tmp_path, "messages.csv", HEAD_MSG + "".join(rows))


def test_modern_messages_parse_and_line_numbers(tmp_path):
    m = read_linkedin_messages(modern_messages(tmp_path))
    assert list(m.columns) == ["line", "conversation_id", "conversation_title", "sender",
                               "sender_url", "recipients", "recipient_urls", "timestamp",
                               "subject", "folder", "is_draft"]
    assert "content" not in m.columns
    assert lines(m)[:4] == [2, 5, 6, 7]  # the first record spans lines 2-4
    assert m["timestamp"].dtype == UTC and m["is_draft"].dtype == bool
    assert m.loc[0, "timestamp"] == pd.Timestamp("2022-09-01 10:00", tz="UTC")
    assert m.loc[2, "recipient_urls"] == f"{BOB},{CY},{DI}"
    assert m["is_draft"].tolist().count(True) == 1
    assert m.loc[5, "sender_url"] == "https://www.linkedin.com/company/linkedin-premium/"
    assert_text_columns(m, ["conversation_id", "sender", "sender_url", "recipients",
                            "recipient_urls", "subject", "folder"])
    rep = m.attrs["report"]
    assert reasons(rep) == [(12, "unparseable DATE 'not a date'")]
    assert (rep.rows_read, rep.imported) == (12, 11)


def test_message_interactions_modern(tmp_path):
    m = read_linkedin_messages(modern_messages(tmp_path))
    it = message_interactions(m)
    assert list(it.columns) == ["line", "person_name", "person_url", "timestamp", "direction",
                                "participants", "conversation_id", "hidden"]
    assert it.attrs["owner_url"] == OWNER and it.attrs["owner_name"] == "Owner O"
    rows = list(it[["line", "person_name", "direction", "participants", "hidden"]]
                .itertuples(index=False, name=None))
    assert rows == [
        (2, "Bob B", "out", 2, False),
        (5, "Bob B", "in", 2, False),
        (6, "Bob B", "out", 4, False), (6, "Cy C", "out", 4, False),
        (6, "Di D", "out", 4, False),
        (7, "Cy C", "in", 4, False),  # Bob and Di are not the owner's counterparts here
        (10, "", "in", 2, True),
        (11, "", "out", 3, True), (11, "", "out", 3, True),  # two hidden people, not one
        (13, "Jane Doe, PhD", "out", 2, False),
    ]
    assert it["person_url"].tolist()[:2] == [BOB, BOB]
    assert it["participants"].dtype == np.int64 and it["hidden"].dtype == bool
    rep = it.attrs["report"]
    skipped = dict(reasons(rep))
    assert skipped[8] == "draft: never sent"
    assert "system sender" in skipped[9] and "system sender" in skipped[15]
    assert "does not involve the owner" in skipped[14]
    hidden_warnings = [i.line for i in rep.warnings if "hidden member" in i.reason]
    assert hidden_warnings == [10, 11, 11]
    assert rep.imported == 7


def test_owner_given_explicitly_any_url_spelling(tmp_path):
    m = read_linkedin_messages(modern_messages(tmp_path))
    it = message_interactions(m, owner_url="http://linkedin.com/in/OWNER-O/")
    assert it.attrs["owner_url"] == OWNER and len(it) == 10
    # Seen from Cy's side: Cy's mailbox would show Owner O as an "in" counterpart.
    cy = message_interactions(m, owner_url=CY)
    assert ("Owner O", "in") in set(zip(cy["person_name"], cy["direction"], strict=True))
    with pytest.raises(InputError, match="appears nowhere"):
        message_interactions(m, owner_name="Nobody Here")


def test_owner_inferred_when_owner_mostly_receives(tmp_path):
    # A chatty contact sends more than the owner; the owner is still on every message.
    rows = [f"c{i},,Bob B,{BOB},Owner O,{OWNER},2022-09-0{i} 10:00:00 UTC,,x,INBOX\n"
            for i in range(1, 5)]
    rows += [f"c9,,Owner O,{OWNER},Cy C,{CY},2022-09-09 10:00:00 UTC,,x,INBOX\n"]
    head = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n")
    m = read_linkedin_messages(write(tmp_path, "messages.csv", head + "".join(rows)))
    it = message_interactions(m)
    assert it.attrs["owner_url"] == OWNER
    assert it["direction"].tolist() == ["in"] * 4 + ["out"]


def test_messages_without_recipient_urls_and_conversation_id(tmp_path):
    text = ("CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
            f",Ada Owner,{IN}ada,Bob B,2020-05-01T10:00:00,,x,INBOX\n"
            f",Bob B,{IN}bob,Ada Owner,2020-05-02 11:00:00,,\"y, z\",INBOX\n"
            f",Ada Owner,{IN}ada,Bob B,2020-05-03 12:00:00,,w,SENT\n")
    m = read_linkedin_messages(write(tmp_path, "messages.csv", text))
    assert m["conversation_id"].tolist() == ["", "", ""]
    assert m["recipient_urls"].tolist() == ["", "", ""]
    assert m["timestamp"].tolist() == [pd.Timestamp("2020-05-01 10:00", tz="UTC"),
                                       pd.Timestamp("2020-05-02 11:00", tz="UTC"),
                                       pd.Timestamp("2020-05-03 12:00", tz="UTC")]
    it = message_interactions(m)
    assert it.attrs["owner_url"] == f"{IN}ada" and it.attrs["owner_name"] == "Ada Owner"
    assert it["direction"].tolist() == ["out", "in", "out"]
    assert it["person_name"].tolist() == ["Bob B"] * 3


def test_messages_2018_format(tmp_path):
    text = ("From,To,Date,Subject,Content,Direction,Folder\n"
            'Ada Owner,Bob B,"4/23/18, 10:21 AM",Hello,"Hi Bob, ""how""\nare you?",OUTGOING,'
            "INBOX\n"
            'Bob B,Ada Owner,"4/24/18, 9:05 PM",Re: Hello,Fine,INCOMING,INBOX\n'
            'Ada Owner,"Cy C, Di D","4/25/18, 1:00 PM",,group,OUTGOING,INBOX\n'
            'Ada Owner,"Jane Doe, PhD","4/26/18, 1:00 PM",,x,OUTGOING,INBOX\n')
    p = write(tmp_path, "Messages.csv", text, newline="\r\n")
    m = read_linkedin_messages(p)
    assert lines(m) == [2, 4, 5, 6]
    assert m.loc[1, "timestamp"] == pd.Timestamp("2018-04-24 21:05", tz="UTC")
    it = message_interactions(m)
    assert it.attrs["owner_name"] == "Ada Owner" and it.attrs["owner_url"] == ""
    assert list(zip(it["person_name"], it["direction"], it["participants"], strict=True)) == [
        ("Bob B", "out", 2), ("Bob B", "in", 2), ("Cy C", "out", 3), ("Di D", "out", 3),
        ("Jane Doe, PhD", "out", 2)]


def test_messages_errors(tmp_path):
    conn = write(tmp_path, "Connections.csv", NOTES + HEAD_MODERN + "Ada,L,,,,,\n")
    _raises(read_linkedin_messages, conn, "Connections.csv", "read_linkedin_connections")
    _raises(read_linkedin_messages, write(tmp_path, "m.csv", ""), "empty")
    _raises(read_linkedin_messages, write(tmp_path, "h.csv", HEAD_MSG), "no usable rows")
    _raises(read_linkedin_messages,
            write(tmp_path, "nodate.csv", "FROM,TO,SUBJECT,CONTENT\nA,B,x,y\n"),
            "missing required column", "'DATE'")
    _raises(read_linkedin_messages,
            write(tmp_path, "bad.csv", HEAD_MSG + f'c1,,A,{IN}a,B,{IN}b,2022-09-01,,"x\n'
                                                  "still open\n"),
            "never closed", "line 2")
    _raises(read_linkedin_messages,
            write(tmp_path, "dates.csv", HEAD_MSG + f"c1,,A,{IN}a,B,{IN}b,yesterday,,x,INBOX\n"),
            "no usable rows", "unparseable DATE")


# --------------------------------------------------------------------------- invitations, positions


def test_invitations(tmp_path):
    text = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
            f'Ada L,Bob B,"1/15/24, 10:41 AM",,OUTGOING,{IN}ada,{IN}Bob/\n'
            f'Cy C,Ada L,"12/3/23, 7:21 PM","Hi Ada, let\'s connect",INCOMING,{IN}cy,{IN}ada\n'
            f"Di D,Ada L,never,,INCOMING,{IN}di,{IN}ada\n")
    inv = read_linkedin_invitations(write(tmp_path, "Invitations.csv", text))
    assert list(inv.columns) == ["line", "from_name", "to_name", "from_url", "to_url",
                                 "sent_at", "direction", "message", "message_present"]
    assert inv["direction"].tolist() == ["out", "in"]
    assert inv["message_present"].tolist() == [False, True]
    assert inv["to_url"].tolist() == [f"{IN}bob", f"{IN}ada"]
    assert inv["sent_at"].tolist() == [pd.Timestamp("2024-01-15 10:41", tz="UTC"),
                                       pd.Timestamp("2023-12-03 19:21", tz="UTC")]
    assert reasons(inv.attrs["report"]) == [(4, "unparseable Sent At date 'never'")]


def test_invitations_errors(tmp_path):
    _raises(read_linkedin_invitations, write(tmp_path, "i.csv", ""), "empty")
    _raises(read_linkedin_invitations,
            write(tmp_path, "j.csv", "From,To,Message,Direction\nA,B,,OUTGOING\n"),
            "missing required column", "'Sent At'")
    _raises(read_linkedin_invitations,
            write(tmp_path, "k.csv", "From,To,Sent At,Message,Direction\nA,B,yesterday,,x\n"),
            "no usable rows")
    _raises(read_linkedin_invitations,
            write(tmp_path, "l.csv", 'From,To,Sent At,Message,Direction\n'
                                     'A,B,"1/15/24, 10:41 AM","Hi,OUTGOING\nC,D,,,\n'),
            "never closed", "line 2")


def test_positions(tmp_path):
    text = ("Company Name,Title,Description,Location,Started On,Finished On\n"
            'Acme,Engineer,"Built things, many\nthings",Berlin,Jun 2018,\n'
            "Initech,Intern,,,2016,Aug 2017\n"
            ",Volunteer,,,2015,2016\n"
            "Globex,Analyst,,,2019,2018\n")
    pos = read_linkedin_positions(write(tmp_path, "Positions.csv", text))
    assert list(pos.columns) == ["line", "company", "title", "start", "end", "current"]
    assert lines(pos) == [2, 4]
    assert pos["current"].tolist() == [True, False]
    assert pos["start"].tolist() == [pd.Timestamp("2018-06-01", tz="UTC"),
                                     pd.Timestamp("2016-01-01", tz="UTC")]
    assert pd.isna(pos.loc[0, "end"]) and pos.loc[1, "end"] == pd.Timestamp("2017-08-01",
                                                                             tz="UTC")
    assert [i.line for i in pos.attrs["report"].skipped] == [5, 6]


def test_positions_errors(tmp_path):
    _raises(read_linkedin_positions, write(tmp_path, "p.csv", ""), "empty")
    _raises(read_linkedin_positions, write(tmp_path, "q.csv", "Title,Started On\nX,2018\n"),
            "missing required column", "'Company Name'")
    _raises(read_linkedin_positions, write(tmp_path, "r.csv",
                                           "Company Name,Title,Started On\n,X,2018\n"),
            "no usable rows")
    _raises(read_linkedin_positions, write(tmp_path, "s.csv",
                                           'Company Name,Title,Started On\nAcme,"X,2018\n\n'),
            "never closed", "line 2")


# --------------------------------------------------------------------------- the export


def _export_files(tmp_path: Path) -> dict[str, bytes]:
    modern_messages(tmp_path)
    return {
        "Connections.csv": (NOTES + HEAD_MODERN + f"Bob,B,{BOB},,Acme,,16 Dec 2024\n").encode(),
        "messages.csv": (tmp_path / "messages.csv").read_bytes(),
        "coach_messages.csv": (HEAD_MSG + f"c1,,Coach,,Owner O,{OWNER},2022-09-01,,hi,INBOX,"
                                          "No,No\n").encode(),
        "learning_coach_messages.csv": HEAD_MSG.encode(),
        "Invitations.csv": b'From,To,Sent At,Message,Direction\nA,B,"1/15/24, 10:41 AM",,'
                           b"OUTGOING\n",
        "Positions.csv": b"Company Name,Title,Started On,Finished On\nAcme,CEO,2020,\n",
        "Profile.csv": b"First Name,Last Name\nOwner,O\n",
    }


def test_export_zip_reads_in_memory_and_ignores_coach_messages(tmp_path):
    files = _export_files(tmp_path)
    z = tmp_path / "Basic_LinkedInDataExport_01-02-2025.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    frames, report = read_linkedin_export(z)
    assert sorted(frames) == ["connections", "invitations", "messages", "positions", "profile"]
    assert len(frames["messages"]) == 11 and len(frames["connections"]) == 1
    ignored = sorted(w.reason for w in report.warnings)
    assert ignored == ["ignored coach_messages.csv: not conversations with contacts",
                       "ignored learning_coach_messages.csv: not conversations with contacts"]
    assert [p.kind for p in report.parts] == ["linkedin connections", "linkedin messages",
                                              "linkedin invitations", "linkedin positions",
                                              "linkedin profile"]
    assert frames["messages"].attrs["report"].file.endswith("::messages.csv")
    assert not (tmp_path / "Connections.csv").exists()  # nothing extracted


def test_export_folder_one_deep_and_case_insensitive(tmp_path):
    files = _export_files(tmp_path)
    folder = tmp_path / "export" / "Basic_LinkedInDataExport"
    folder.mkdir(parents=True)
    for name, data in files.items():
        if name == "messages.csv":
            name = "MESSAGES.CSV"
        (folder / name).write_bytes(data)
    frames, _ = read_linkedin_export(tmp_path / "export")
    assert {"connections", "messages"} <= set(frames)
    assert len(message_interactions(frames["messages"])) == 10


def test_export_single_file_dispatches_by_header(tmp_path):
    p = modern_messages(tmp_path)
    renamed = tmp_path / "whatever.csv"
    renamed.write_bytes(p.read_bytes())
    frames, _ = read_linkedin_export(renamed)
    assert list(frames) == ["messages"]


def test_export_empty_messages_is_a_warning(tmp_path):
    z = tmp_path / "new_account.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("Connections.csv", HEAD_MODERN + f"Bob,B,{BOB},,,,16 Dec 2024\n")
        zf.writestr("messages.csv", HEAD_MSG)
    frames, report = read_linkedin_export(z)
    assert list(frames) == ["connections"]
    assert any("messages.csv" in w.reason and "no usable rows" in w.reason
               for w in report.warnings)


def test_export_errors(tmp_path):
    z = tmp_path / "other.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("Profile.csv", "First Name,Last Name\nA,B\n")
        zf.writestr("coach_messages.csv", HEAD_MSG)
    _raises(read_linkedin_export, z, "no Connections.csv and no messages.csv")
    _raises(read_linkedin_export, tmp_path / "missing.zip", "not found")
    junk = write(tmp_path, "junk.txt", "hello\n")
    _raises(read_linkedin_export, junk, "not a LinkedIn export")


def test_export_refuses_zip_bomb_member(tmp_path):
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", HEAD_MODERN + "Ada,L,,,,,\n")
    data = bytearray(z.read_bytes())
    # Make the central directory claim 4 GB uncompressed (a crafted archive).
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24: cd + 28] = struct.pack("<I", 0xFFFFFFF0)
    z.write_bytes(bytes(data))
    _raises(read_linkedin_export, z, "larger than 500 MB")


# --------------------------------------------------------------------------- shared helpers


def test_decode_variants():
    assert decode("a,é".encode("utf-16-le"), "f") == ("a,é", "utf-16-le")
    assert decode(b"\xef\xbb\xbfa", "f") == ("a", "utf-8-sig")
    assert decode("é".encode("cp1252"), "f") == ("é", "cp1252")


def test_parse_dates_locale_free_formats():
    vals = pd.Series(["16 Dec 2024", "Dec 16, 2024", "16-Dec-24", "16.12.2024", "2024/12/16",
                      "2024-12-16T00:00:00Z", "2024-12-16 02:00:00+02:00", "1734307200",
                      "12/16/2024 12:00 AM", "31 Feb 2024", "", "16 Dez 2024"])
    ts, bad = parse_dates(vals)
    day = pd.Timestamp("2024-12-16", tz="UTC")
    assert ts[:7].eq(day).all()
    assert ts[7] == pd.Timestamp("2024-12-16", tz="UTC")
    assert ts[8] == day
    assert bad.tolist() == [False] * 9 + [True, False, True]
    # Day first only when the column cannot be month first.
    ts2, bad2 = parse_dates(pd.Series(["23/04/2018", "01/02/2018"]))
    assert ts2.tolist() == [pd.Timestamp("2018-04-23", tz="UTC"),
                            pd.Timestamp("2018-02-01", tz="UTC")]
    assert not bad2.any()


def test_to_safe_csv_neutralises_formulas(tmp_path):
    df = pd.DataFrame({"name": ["=1+1", "+49 30", "-x", "@SUM(A1)", "\tTab", "Ada"],
                       "n": [1, -2, 3, 4, 5, 6]})
    out = tmp_path / "out.csv"
    to_safe_csv(df, out)
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert back["name"].tolist() == ["'=1+1", "'+49 30", "'-x", "'@SUM(A1)", "'\tTab", "Ada"]
    assert back["n"].tolist()[1] == "-2"  # numbers are not text cells
