"""Identity and ownership: whose export, typos in logs, invitations, own job history."""

from __future__ import annotations

import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.data.merge import Tables, fold_same_people, upsert_people

IN = "https://www.linkedin.com/in/"
CON_HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
MSG_HEAD = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n")


def _export(d, owner: tuple[str, str], contacts: list[tuple[str, str, str, str]],
            profile: bool = False, extra: dict[str, str] | None = None):
    """An export folder: Connections.csv, messages.csv from/to the owner, optional files."""
    d.mkdir()
    (d / "Connections.csv").write_text(CON_HEAD + "".join(
        f"{f},{la},{IN}{slug},,{co},Engineer,01 Jan 2020\n" for f, la, slug, co in contacts))
    oname, oslug = owner
    rows = []
    for i, (f, la, slug, _) in enumerate(contacts):
        rows.append(f"c{i},,{oname},{IN}{oslug},{f} {la},{IN}{slug},2025-01-0{i + 1} 10:00:00 UTC,"
                    ",hi,INBOX\n")
        rows.append(f"c{i},,{oname},{IN}{oslug},{f} {la},{IN}{slug},2025-02-0{i + 1} 10:00:00 UTC,"
                    ",again,INBOX\n")
        rows.append(f"c{i},,{f} {la},{IN}{slug},{oname},{IN}{oslug},2025-03-0{i + 1} 10:00:00 UTC,"
                    ",re,INBOX\n")
    (d / "messages.csv").write_text(MSG_HEAD + "".join(rows))
    if profile:
        first, last = oname.split()
        (d / "Profile.csv").write_text("First Name,Last Name,Headline,Public Profile URL\n"
                                       f"{first},{last},Engineer,{IN}{oslug}\n")
    for name, text in (extra or {}).items():
        (d / name).write_text(text)
    return d


@pytest.fixture()
def team(tmp_path):
    sam = _export(tmp_path / "sam", ("Sam Rivera", "sam-rivera"),
                  [("Dana", "Lee", "dana-lee", "Initech"), ("Jordan", "Lee", "jordan-lee", "Acme")])
    dana = _export(tmp_path / "dana", ("Dana Lee", "dana-lee"),
                   [("Sam", "Rivera", "sam-rivera", "Globex"), ("Kim", "Park", "kim-park", "Umbrella")])
    return sam, dana


# ---------------------------------------------------------------- 1. fold same people

def test_fold_same_name_and_employer_with_agreeing_keys_only():
    rows = pd.DataFrame({"name": ["Mei Mendes", "Mei Mendes", "Ali Khan", "Ali Khan"],
                         "url": [IN + "mei", "", IN + "ali-1", IN + "ali-2"],
                         "email": ["", "mei@example.com", "", ""],
                         "company": ["Kestrel", "Kestrel", "Acme", "Acme"]})
    ids = pd.Series(["in:mei", "email:mei@example.com", "in:ali-1", "in:ali-2"])
    t, _, _ = upsert_people(Tables.empty(), rows, source="toy", ids=ids)
    t2, folded = fold_same_people(t)
    assert folded == {"email:mei@example.com": "in:mei"}
    # two URLs at one employer: two people, never merged silently
    assert sorted(t2.people["person_id"]) == ["in:ali-1", "in:ali-2", "in:mei"]
    assert t2.people.set_index("person_id").loc["in:mei", "email"] == "mei@example.com"


def test_same_name_at_different_employers_stays_two(tmp_path):
    a = _export(tmp_path / "a", ("Ada Lovelace", "ada"), [("Bo", "Chen", "bo-chen-1", "Initech")])
    b = tmp_path / "b"
    b.mkdir()
    (b / "Connections.csv").write_text("First Name,Last Name,Email Address,Company,Position,"
                                       "Connected On\nBo,Chen,,Globex,CTO,01 Jan 2021\n")
    net = ng.Network()
    net.import_linkedin(a, owner="Ada Lovelace")
    net.import_linkedin(b, owner="Grace Hopper")
    assert (net.people["name"] == "Bo Chen").sum() == 2


# ---------------------------------------------------------------- 2. whose export

def test_colleagues_export_under_my_name_is_refused(team):
    sam, dana = team
    net = ng.Network()
    net.import_linkedin(sam, owner="Sam Rivera")
    with pytest.raises(ng.InputError) as err:
        net.import_linkedin(dana, owner="Sam Rivera")
    msg = str(err.value)
    assert "dana" in msg and "Dana Lee" in msg and "owner='Dana Lee'" in msg
    assert len(net.owners) == 1  # nothing imported
    net.import_linkedin(dana, owner="Dana Lee")
    assert sorted(net.owners["name"]) == ["Dana Lee", "Sam Rivera"]


def test_profile_csv_tells_whose_export(tmp_path):
    d = _export(tmp_path / "x", ("Dana Lee", "dana-lee"), [("Kim", "Park", "kim-park", "Umbrella")],
                profile=True)
    with pytest.raises(ng.InputError, match=r"Profile\.csv"):
        ng.Network().import_linkedin(d, owner="Sam Rivera")
    net = ng.Network()
    net.import_linkedin(d, owner="Dana Lee")
    assert net.owners["name"].tolist() == ["Dana Lee"]


def test_cli_one_owner_for_two_exports_is_refused(team, tmp_path, capsys):
    sam, dana = team
    db = str(tmp_path / "n.db")
    code = main(["--db", db, "import", "linkedin", str(sam), str(dana), "--owner", "Sam Rivera"])
    err = capsys.readouterr().err
    assert code != 0
    assert "Dana Lee" in err and "--owner 'Dana Lee'" in err


def test_sample_exports_are_their_owners(tmp_path):
    from netgraph.sample import OWNERS, write_sample_data
    from netgraph.sources.linkedin import export_owner, read_linkedin_export

    write_sample_data(tmp_path)
    for folder, owner in OWNERS.items():
        frames, _ = read_linkedin_export(tmp_path / folder)
        assert export_owner(frames)[0] == owner


# ---------------------------------------------------------------- 3. typos in logs

def test_typo_in_a_log_is_reported_not_added(team, tmp_path):
    sam, _ = team
    net = ng.Network()
    net.import_linkedin(sam, owner="Sam Rivera")
    n = len(net.people)
    log = tmp_path / "log.csv"
    log.write_text("person,timestamp,channel\nJordon Lee,2026-01-05,call\n"
                   "Dana Lee,2026-01-06,call\n")
    report = net.import_interactions(log, owner="Sam Rivera")
    assert len(net.people) == n
    skipped = report.issues().query("status == 'skipped'")
    assert skipped["line"].tolist() == [2]
    assert "did you mean 'Jordan Lee'" in skipped["reason"].iloc[0]
    net.import_interactions(log, owner="Sam Rivera", create_missing=True)
    assert len(net.people) == n + 1


def test_a_log_naming_only_unknown_people_is_an_error(team, tmp_path):
    sam, _ = team
    db = str(tmp_path / "n.db")
    assert main(["--db", db, "import", "linkedin", str(sam), "--owner", "Sam Rivera"]) == 0
    log = tmp_path / "log.csv"
    log.write_text("person,timestamp,channel\nJordon Lee,2026-01-05,call\n")
    net = ng.Network.load(db)
    with pytest.raises(ng.InputError, match="create_missing=True"):
        net.import_interactions(log, owner="Sam Rivera")
    assert main(["--db", db, "import", "interactions", str(log), "--owner", "Sam Rivera"]) != 0
    assert main(["--db", db, "import", "interactions", str(log), "--owner", "Sam Rivera",
                 "--create-missing"]) == 0
    assert "Jordon Lee" in set(ng.Network.load(db).people["name"])


# ---------------------------------------------------------------- 4. invitations

def test_pending_invitation_is_evidence_not_a_tie(tmp_path):
    inv = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
           f'Sam Rivera,Priya Shah,"3/1/25, 10:00 AM",Hi Priya,OUTGOING,{IN}sam-rivera,'
           f"{IN}priya-shah\n")
    d = _export(tmp_path / "sam", ("Sam Rivera", "sam-rivera"),
                [("Dana", "Lee", "dana-lee", "Initech")], extra={"Invitations.csv": inv})
    hist = tmp_path / "aff.csv"
    hist.write_text(f"person,url,company,title,start,end\nPriya Shah,{IN}priya-shah,Stripe,"
                    "PM,2020-01-01,\n")
    net = ng.Network()
    net.import_linkedin(d, owner="Sam Rivera")
    net.import_affiliations(hist)
    ev = net.interactions[net.interactions["person_id"] == "in:priya-shah"]
    assert ev[["channel", "direction", "note"]].values.tolist() == [["invitation", "out",
                                                                       "Hi Priya"]]
    tied = set(net.ties["a"].astype(str)) | set(net.ties["b"].astype(str))
    assert "in:priya-shah" not in tied
    assert not list(net.warm_paths("Stripe"))


# ---------------------------------------------------------------- 5. own job history

def test_own_positions_beat_a_colleagues_row(tmp_path):
    pos = ("Company Name,Title,Description,Location,Started On,Finished On\n"
           "Northwind,Engineer,,,Jan 2020,Sep 2026\nContoso,Lead,,,Oct 2026,\n")
    sam = _export(tmp_path / "sam", ("Sam Rivera", "sam-rivera"),
                  [("Dana", "Lee", "dana-lee", "Initech")], extra={"Positions.csv": pos})
    dana = _export(tmp_path / "dana", ("Dana Lee", "dana-lee"),
                   [("Sam", "Rivera", "sam-rivera", "Northwind")])
    for order in ([sam, dana], [dana, sam]):
        net = ng.Network()
        for d in order:
            net.import_linkedin(d, owner="Sam Rivera" if d is sam else "Dana Lee")
        me = net.people.set_index("person_id").loc["in:sam-rivera"]
        assert me["company"] == "Contoso"
        aff = net.affiliations[net.affiliations["person_id"] == "in:sam-rivera"]
        assert set(aff.loc[aff["current"], "company_id"]) == {"contoso"}
        reach = net.reach(source="Sam Rivera")
        assert not {"northwind", "contoso"} & set(reach["company_id"])
        assert len(net.reach(["Northwind"], source="Sam Rivera")) == 1
