"""E-mail headers (mbox, .eml, folders) -> ``email`` interactions of the owner.

The mail is written with the stdlib's ``email`` and ``mailbox`` modules, then
imported into a real :class:`~netgraph.Network`.
"""

from __future__ import annotations

import json
import mailbox
import zipfile
from email.message import EmailMessage, Message
from pathlib import Path

import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import InputError
from netgraph.network import Network

SAM = "sam@example.org"
OWNER = "Sam Rivera"


def _msg(frm: str, to: str, date: str | None, mid: str | None, *, cc: str = "",
         bcc: str = "", labels: str = "", subject: str = "hi", compat: bool = False,
         **extra: str) -> Message:
    """A message; *compat*: a legacy Message that keeps broken headers as written."""
    m = Message() if compat else EmailMessage()
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    if bcc:
        m["Bcc"] = bcc
    if date is not None:
        m["Date"] = date
    if mid is not None:
        m["Message-ID"] = mid
    m["Subject"] = subject
    if labels:
        m["X-Gmail-Labels"] = labels
    for k, v in extra.items():
        m[k.replace("_", "-")] = v
    if isinstance(m, EmailMessage):
        m.set_content("Body text that must never be stored.\nFrom the body, a line.\n")
        m.add_attachment(b"\x00" * 2000, maintype="application", subtype="octet-stream",
                         filename="a.bin")
    else:
        m.set_payload("Body text that must never be stored.\n")
    return m


def _messages() -> list[Message]:
    return [
        # 1: the owner writes to Grace, Cc Alan (labelled Sent)
        _msg(f"Sam Rivera <{SAM}>", "Grace Hopper <grace@example.org>",
             "Mon, 05 Jan 2026 10:00:00 +0100", "<t1@example.org>",
             cc="Alan Turing <ALAN@Example.org>", labels="Sent"),
        # 2: Grace replies to all
        _msg("Grace Hopper <grace@example.org>", f"Sam Rivera <{SAM}>",
             "Mon, 05 Jan 2026 12:00:00 +0100", "<t2@example.org>",
             cc="alan@example.org", labels="Inbox,Important",
             In_Reply_To="<t1@example.org>", References="<t1@example.org>"),
        # 3: a mailing list
        _msg("Bob <bob@example.org>", "dev@lists.example.org",
             "Tue, 06 Jan 2026 09:00:00 +0000", "<l1@example.org>",
             List_Id="<dev.lists.example.org>", labels="Inbox"),
        # 4: a newsletter
        _msg("Shop News <news@shop.example>", SAM, "Tue, 06 Jan 2026 10:00:00 +0000",
             "<n1@shop.example>", List_Unsubscribe="<mailto:unsub@shop.example>",
             Precedence="bulk", labels="Inbox"),
        # 5: no-reply mail
        _msg("GitHub <noreply@github.com>", SAM, "Tue, 06 Jan 2026 11:00:00 +0000",
             "<g1@github.com>", labels="Inbox"),
        # 6: an encoded name, a quoted name with a comma, upper-case and IDN addresses
        _msg("=?utf-8?q?J=C3=B6rg_M=C3=BCller?= <JOERG@Example.DE>",
             f'"Lovelace, Ada" <Ada@Example.org>, {SAM}, user@xn--bcher-kva.example',
             "Wed, 07 Jan 2026 08:30:00 -0500", "<e1@example.de>", labels="Inbox",
             compat=True),
        # 7: message 2 again, in another folder
        _msg("Grace Hopper <grace@example.org>", f"Sam Rivera <{SAM}>",
             "Mon, 05 Jan 2026 12:00:00 +0100", "<t2@example.org>", labels="Important"),
        # 8: no Date
        _msg("Hedy Lamarr <hedy@example.org>", SAM, None, "<d1@example.org>", labels="Inbox"),
        # 9: a Date nobody can read
        _msg("Hedy Lamarr <hedy@example.org>", SAM, "the day after tomorrow",
             "<d2@example.org>", labels="Inbox", compat=True),
        # 10: sent with a Bcc
        _msg(SAM, "grace@example.org", "Thu, 08 Jan 2026 10:00:00 +0000", "<t3@example.org>",
             bcc="Hedy Lamarr <hedy@example.org>", labels="Sent",
             References="<t1@example.org> <t2@example.org>"),
        # 11: an auto-reply
        _msg("Linus <linus@example.org>", SAM, "Thu, 08 Jan 2026 11:00:00 +0000",
             "<a1@example.org>", Auto_Submitted="auto-replied", labels="Inbox"),
        # 12: a broken encoded word in a name
        _msg("=?bogus-charset?q?Kat=ZZ?= <kat@example.org>", SAM,
             "Fri, 09 Jan 2026 10:00:00 +0000", "<k1@example.org>", labels="Inbox",
             compat=True),
    ]


@pytest.fixture
def mbox_path(tmp_path: Path) -> Path:
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    box = mailbox.mbox(path)
    for m in _messages():
        box.add(m)
    box.close()
    return path


def test_read_mbox_rows_directions_participants_and_report(mbox_path: Path) -> None:
    df = ng.read_email_headers(mbox_path)
    assert df.attrs["me"] == [SAM]  # inferred: the sender of mail labelled Sent
    rep = df.attrs["report"]
    assert any("labelled Sent" in w.reason and SAM in w.reason for w in rep.warnings)
    assert rep.rows_read == 12
    got = sorted(zip(df["person_email"], df["direction"], df["participants"], df["note"],
                     strict=True))
    assert got == sorted([
        ("grace@example.org", "out", 3, "t1@example.org"),
        ("alan@example.org", "out", 3, "t1@example.org"),
        ("grace@example.org", "in", 3, "t1@example.org"),  # thread root from References
        ("alan@example.org", "in", 3, "t1@example.org"),
        ("joerg@example.de", "in", 4, "e1@example.de"),
        ("ada@example.org", "in", 4, "e1@example.de"),
        ("user@bücher.example", "in", 4, "e1@example.de"),
        ("grace@example.org", "out", 3, "t1@example.org"),
        ("hedy@example.org", "out", 3, "t1@example.org"),  # Bcc of sent mail
        ("kat@example.org", "in", 2, "k1@example.org"),
    ])
    names = dict(zip(df["person_email"], df["person"], strict=True))
    assert names["joerg@example.de"] == "Jörg Müller"
    assert names["ada@example.org"] == "Lovelace, Ada"
    assert names["kat@example.org"] == "=?bogus-charset?q?Kat=ZZ?="  # kept as written
    assert any("could not be decoded" in w.reason for w in rep.warnings)
    assert str(df["timestamp"].dtype) == "datetime64[ns, UTC]"
    assert df.loc[df["person_email"] == "joerg@example.de", "timestamp"].iloc[0] == \
        pd.Timestamp("2026-01-07 13:30", tz="UTC")
    reasons = [i.reason for i in rep.skipped]
    for why in ("mailing list (List-Id)", "bulk mail (List-Unsubscribe)",
                "automated sender (noreply@...)", "duplicate Message-ID",
                "no Date header", "unparseable Date 'the day after tomorrow'",
                "automated mail (Auto-Submitted: auto-replied)"):
        assert sum(why in r for r in reasons) == 1, why
    assert len(rep.skipped) == 7
    assert all(i.line is not None and i.line >= 1 for i in rep.skipped)
    assert df.attrs["counts"]["duplicate Message-ID"] == 1
    # never a body or a subject
    assert not df.astype(str).apply(lambda c: c.str.contains("Body|hi$")).any().any()


def test_keep_subjects(mbox_path: Path) -> None:
    df = ng.read_email_headers(mbox_path, me=SAM, keep_subjects=True)
    assert (df["note"].str.startswith("hi [")).all()


def test_import_email_into_network_and_reimport_is_idempotent(mbox_path: Path) -> None:
    net = Network()
    report = net.import_email(mbox_path, owner=OWNER)
    assert report.imported == 10 and report.merged == 0
    assert report.new_people == 7
    inter = net.interactions
    assert len(inter) == 10 and set(inter["channel"]) == {"email"}
    assert set(inter["source"]) == {"email"}
    people = net.people.set_index("email")
    assert people.loc["grace@example.org", "name"] == "Grace Hopper"
    assert OWNER in set(net.owners["name"])
    assert SAM not in set(net.people["email"])  # the owner's address is no correspondent
    # the owner is the other side of every interaction
    owner_id = net.owners["person_id"].iloc[0]
    assert set(inter["other_id"].astype(str)) == {owner_id}
    again = net.import_email(mbox_path, owner=OWNER)
    assert again.imported == 0 and again.merged == 10 and again.new_people == 0
    assert len(net.interactions) == 10 and len(net.people) == 8


def test_explicit_me_several_addresses(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    box.add(_msg("ada@example.org", "sam@work.example", "Mon, 05 Jan 2026 10:00 +0000", "<1@x>"))
    box.add(_msg("sam@home.example", "ada@example.org", "Mon, 05 Jan 2026 11:00 +0000", "<2@x>",
                 cc="sam@work.example"))
    box.close()
    df = ng.read_email_headers(path, me="Sam@Home.example, sam@work.example")
    assert df[["person_email", "direction", "participants"]].values.tolist() == [
        ["ada@example.org", "in", 2], ["ada@example.org", "out", 2]]
    assert not df.attrs["report"].warnings


def test_owner_inferred_without_sent_label(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for i, frm in enumerate(["ada@example.org", "bob@example.org", "ada@example.org"]):
        box.add(_msg(frm, SAM, f"Mon, 0{i + 5} Jan 2026 10:00 +0000", f"<{i}@x>"))
    box.close()
    df = ng.read_email_headers(path)
    assert df.attrs["me"] == [SAM]
    assert set(df["direction"]) == {"in"}
    assert any("on the most messages" in w.reason for w in df.attrs["report"].warnings)


def test_folder_of_eml_and_mbox_files(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (folder / "Sent").mkdir(parents=True)
    (folder / "Inbox").mkdir()
    (folder / "Sent" / "1.eml").write_bytes(
        _msg(SAM, "ada@example.org", "Mon, 05 Jan 2026 10:00 +0000", "<1@x>").as_bytes())
    (folder / "Inbox" / "2.eml").write_bytes(
        _msg("ada@example.org", SAM, "Mon, 05 Jan 2026 11:00 +0000", "<2@x>").as_bytes())
    # the same mail, as .eml and in an mbox: counted once
    box = mailbox.mbox(folder / "Archive")  # Thunderbird: no extension
    box.add(_msg("ada@example.org", SAM, "Mon, 05 Jan 2026 11:00 +0000", "<2@x>"))
    box.add(_msg("bob@example.org", SAM, "Tue, 06 Jan 2026 11:00 +0000", "<3@x>"))
    box.close()
    (folder / "Archive.msf").write_text("// index file\n")
    df = ng.read_email_headers(folder)
    assert df.attrs["me"] == [SAM]  # the Sent folder
    assert sorted(zip(df["person_email"], df["direction"], strict=True)) == [
        ("ada@example.org", "in"), ("ada@example.org", "out"), ("bob@example.org", "in")]
    rep = df.attrs["report"]
    dup = [i for i in rep.skipped if "duplicate" in i.reason]
    assert len(dup) == 1 and dup[0].file.endswith("Inbox/2.eml")
    assert any("Archive.msf" in w.reason for w in rep.warnings)


def test_single_eml(tmp_path: Path) -> None:
    p = tmp_path / "m.eml"
    p.write_bytes(_msg("Ada <ada@example.org>", SAM, "Mon, 05 Jan 2026 10:00 +0000",
                       "<1@x>").as_bytes())
    df = ng.read_email_headers(p, me=SAM)
    assert df[["line", "person", "direction"]].values.tolist() == [[1, "Ada", "in"]]


def test_truncated_last_message(tmp_path: Path) -> None:
    path = tmp_path / "cut.mbox"
    box = mailbox.mbox(path)
    box.add(_msg("ada@example.org", SAM, "Mon, 05 Jan 2026 10:00 +0000", "<1@x>"))
    box.close()
    n_lines = path.read_bytes().count(b"\n")
    with open(path, "ab") as f:
        f.write(b"\nFrom MAILER-DAEMON Mon Jan  5 10:00:00 2026\nFrom: bob@example.org\n"
                b"To: sam@exa")
    df = ng.read_email_headers(path, me=SAM)
    assert df["person_email"].tolist() == ["ada@example.org"]
    (issue,) = df.attrs["report"].skipped
    assert "truncated" in issue.reason and "message 2" in issue.reason
    assert issue.line == n_lines + 2


@pytest.mark.parametrize(("content", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF"),
    (None, "a zip archive"),
    (b"Name,Email,Company\nAda,ada@example.org,Acme\n", "a CSV table"),
    (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "an iCalendar file"),
])
def test_not_mail_is_an_input_error_naming_the_file(tmp_path: Path, content: bytes | None,
                                                     what: str) -> None:
    p = tmp_path / "mail.mbox"
    if content is None:
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("Takeout/Mail/All mail.mbox", "From x\n")
    else:
        p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        ng.read_email_headers(p)
    assert str(p) in str(exc.value) and what in str(exc.value)
    assert exc.value.hint


def test_failed_import_changes_nothing(tmp_path: Path, mbox_path: Path) -> None:
    net = Network()
    net.import_email(mbox_path, owner=OWNER)
    before = (len(net.people), len(net.interactions), len(net.ties))
    bad = tmp_path / "bad.mbox"
    bad.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError):
        net.import_email(bad, owner=OWNER)
    only_lists = tmp_path / "lists.mbox"
    box = mailbox.mbox(only_lists)
    box.add(_msg("bob@example.org", SAM, "Mon, 05 Jan 2026 10:00 +0000", "<z@x>", List_Id="<l>"))
    box.close()
    with pytest.raises(InputError, match="no message with another person"):
        net.import_email(only_lists, owner=OWNER, me=SAM)
    assert (len(net.people), len(net.interactions), len(net.ties)) == before


def test_cli_import_email(tmp_path: Path, mbox_path: Path, capsys) -> None:
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", "email", str(mbox_path), "--owner", OWNER,
                 "--me", SAM, "--json"]) == 0
    (rep,) = json.loads(capsys.readouterr().out)
    assert rep["kind"] == "email" and rep["imported"] == 10 and rep["rows_read"] == 12
    assert sum(i["status"] == "skipped" for i in rep["issues"]) == 7
    net = Network.load(db)
    assert len(net.interactions) == 10
    # again: nothing new
    assert main(["--db", db, "--quiet", "import", "email", str(mbox_path), "--owner", OWNER,
                 "--me", SAM]) == 0
    assert "0 imported, 10 merged" in capsys.readouterr().out
    assert len(Network.load(db).interactions) == 10


def test_cli_bad_mail_file_exits_with_message(tmp_path: Path, capsys) -> None:
    p = tmp_path / "contacts.csv"
    p.write_text("Name,Email,Company\nAda,ada@example.org,Acme\n")
    code = main(["--db", str(tmp_path / "ws.db"), "import", "email", str(p), "--owner", OWNER])
    assert code != 0
    err = capsys.readouterr().err
    assert "not an mbox" in err and "netgraph import contacts" in err
    assert not (tmp_path / "ws.db").exists()


def test_cli_me_flag_repeats(tmp_path: Path, capsys) -> None:
    """``--me a --me b``: both addresses are the owner's (argparse kept only the last)."""
    work, home = "sam@work.example", "sam@home.example"
    p = tmp_path / "two.mbox"
    box = mailbox.mbox(p)
    box.add(_msg(f"Sam <{work}>", "Grace Hopper <grace@example.org>",
                 "Mon, 05 Jan 2026 10:00:00 +0000", "<a1@x>"))
    box.add(_msg(f"Sam <{home}>", "Alan Turing <alan@example.org>",
                 "Mon, 05 Jan 2026 11:00:00 +0000", "<a2@x>"))
    box.add(_msg("Grace Hopper <grace@example.org>", f"Sam <{home}>",
                 "Mon, 05 Jan 2026 12:00:00 +0000", "<a3@x>"))
    box.close()
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", "email", str(p), "--owner", OWNER,
                 "--me", work, "--me", home, "--json"]) == 0
    (rep,) = json.loads(capsys.readouterr().out)
    assert rep["imported"] == 3
    net = Network.load(db)
    emails = set(net.people["email"]) - {""}
    assert emails == {"grace@example.org", "alan@example.org"}  # neither of Sam's is a person
    assert set(net.interactions["direction"]) == {"out", "in"}
    # one flag with a comma-separated list works the same
    db2 = str(tmp_path / "ws2.db")
    assert main(["--db", db2, "--quiet", "import", "email", str(p), "--owner", OWNER,
                 "--me", f"{work},{home}"]) == 0
    assert set(Network.load(db2).people["email"]) - {""} == emails


def test_display_name_joins_the_one_known_person_never_an_ambiguous_one(tmp_path: Path
                                                                        ) -> None:
    """Grace (one connection of that name) is joined by her display name; 'Sam Lee' (two
    connections) is kept apart with a warning, and offered as a duplicate suggestion."""
    conns = tmp_path / "Connections.csv"
    conns.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                     "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2024\n"
                     "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,Analyst,1 Jan 2024\n"
                     "Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Initech,PM,1 Jan 2024\n")
    net = Network()
    net.import_linkedin(conns, owner="Ada Owner")
    p = tmp_path / "box.mbox"
    box = mailbox.mbox(p)
    box.add(_msg("Grace Hopper <grace@navy.example>", "Ada Owner <ada@x.example>",
                 "Mon, 05 Jan 2026 10:00:00 +0000", "<j1@x>"))
    box.add(_msg("Sam Lee <sam@somewhere.example>", "Ada Owner <ada@x.example>",
                 "Mon, 05 Jan 2026 11:00:00 +0000", "<j2@x>"))
    box.close()
    n0 = len(net.people)
    rep = net.import_email(p, owner="Ada Owner", me="ada@x.example")
    inter = net.interactions
    assert set(inter["person_id"].astype(str)) == {"in:grace", "email:sam@somewhere.example"}
    assert len(net.people) == n0 + 1
    assert any("2 people have that name" in w.reason for w in rep.warnings)
    sugg = net.person_suggestions()
    assert "email:sam@somewhere.example" in set(sugg.astype(str).to_numpy().ravel())


def test_workspace_keeps_the_headers_rows_never_the_mailbox(tmp_path: Path,
                                                            mbox_path: Path) -> None:
    # the import history keeps what was imported (headers' rows), not the bodies and
    # attachments of the mailbox; an undo of an earlier import replays those rows exactly
    contacts = tmp_path / "contacts.csv"
    pd.DataFrame({"name": ["Grace Hopper"], "company": ["Navy"]}).to_csv(contacts, index=False)
    net = Network()
    net.import_contacts(contacts, owner=OWNER)
    net.import_email(mbox_path, owner=OWNER)
    db = tmp_path / "w.db"
    net.save(db)
    raw = db.read_bytes()
    assert b"Body text that must never be stored" not in raw
    assert b"must never be stored" not in raw
    kept = net._t.import_data
    assert len(kept) == 2
    email_import = net.imports.iloc[-1]
    assert email_import["file"] == str(mbox_path) and email_import["kind"] == "email"
    parts = kept.loc[kept["sha256"] == email_import["sha256"], "part"].tolist()
    assert parts == ["<rows read>.json"]
    # undo the contacts: the same as importing the mailbox alone
    net.undo_import(1)
    alone = Network()
    alone.import_email(mbox_path, owner=OWNER)
    for name in ("people", "ties", "interactions"):
        assert getattr(net, name).reset_index(drop=True).equals(
            getattr(alone, name).reset_index(drop=True)), name
    # and the workspace loads back and undoes the same way
    back = Network.load(db)
    back.undo_import(1)
    assert back.interactions.reset_index(drop=True).equals(
        alone.interactions.reset_index(drop=True))
