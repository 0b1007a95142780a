"""The rest of the LinkedIn export: recommendations, endorsements, invitations and education
become evidence (channels) and the owner's own history, on real files in tmp_path."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

import netgraph as ng
from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.scoring import StrengthModel
from netgraph.sources.linkedin import (
    read_linkedin_education,
    read_linkedin_endorsements,
    read_linkedin_export,
    read_linkedin_recommendations,
)

IN = "https://www.linkedin.com/in/"
REC_HEAD = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
END_RECV_HEAD = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
                 "Endorser Public Url,Endorsement Status\n")
END_GIVEN_HEAD = END_RECV_HEAD.replace("Endorser", "Endorsee")
EDU_HEAD = "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
CONNECTIONS = (
    "Notes:\n\"Some e-mail addresses are missing, you see.\"\n\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    f"Ada,Lovelace,{IN}ada,,Analytical Engines,CTO,16 Dec 2024\n"
    f"Bob,Babbage,{IN}bob,,Difference Ltd,Engineer,10 Nov 2024\n"
    f"Sam,Lee,{IN}sam-lee-1,,Acme,Analyst,01 Oct 2024\n"
    f"Sam,Lee,{IN}sam-lee-2,,Initech,Designer,02 Oct 2024\n"
    f"Cleo,Quiet,{IN}cleo,,Acme,Analyst,03 Oct 2024\n"
)


def export(tmp_path: Path, **files: str) -> Path:
    d = tmp_path / "export"
    d.mkdir(exist_ok=True)
    (d / "Connections.csv").write_text(CONNECTIONS)
    for name, text in files.items():
        (d / name).write_text(text)
    return d


def full_export(tmp_path: Path) -> Path:
    return export(
        tmp_path,
        **{
            "Recommendations_Received.csv": REC_HEAD
            + 'Ada,Lovelace,Analytical Engines,CTO,"Brilliant, reliable.","07/21/23, 12:11 PM",VISIBLE\n'
            + 'Sam,Lee,Acme,Analyst,"Good.","08/01/23, 09:00 AM",VISIBLE\n'       # ambiguous?
            + ',,Nowhere,,"No name","08/01/23, 09:00 AM",VISIBLE\n'
            + 'Bob,Babbage,Difference Ltd,Engineer,"Kind words",someday,HIDDEN\n',
            "Recommendations_Given.csv": REC_HEAD
            + 'Bob,Babbage,Old Employer,Engineer,"Solid.","03/02/22, 10:00 AM",VISIBLE\n',
            "Endorsement_Received_Info.csv": END_RECV_HEAD
            + "2023/06/05 15:47:58 UTC,Python,Bob,Babbage,www.linkedin.com/in/bob,ACCEPTED\n"
            + "2023/06/06 15:47:58 UTC,SQL,Bob,Babbage,www.linkedin.com/in/bob,ACCEPTED\n"
            + "not a date,SQL,Ada,Lovelace,www.linkedin.com/in/ada,ACCEPTED\n",
            "Endorsement_Given_Info.csv": END_GIVEN_HEAD
            + "2024/01/05 10:00:00 UTC,Design,Sam,Lee,www.linkedin.com/in/sam-lee-2,ACCEPTED\n",
            "Invitations.csv": "From,To,Sent At,Message,Direction\n"
            + 'Owner Person,Cleo Quiet,"1/15/24, 10:41 AM","Met you at the meetup!",OUTGOING\n',
            "Education.csv": EDU_HEAD
            + "Kestrel University,2008,2012,,BSc Physics,Rowing\n"
            + ",2001,2004,,,\n",
            "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
            + "Analytical Engines,Engineer,,,Jun 2018,\n",
        },
    )


# ------------------------------------------------------------------ readers


def test_channels_are_appended_in_stored_order():
    assert CHANNELS[:6] == ("meeting", "call", "message", "email", "linkedin", "other")
    assert CHANNELS[6:] == ("recommendation", "endorsement", "invitation")
    m = StrengthModel()
    assert set(m.weights) == set(CHANNELS)
    # a recommendation counts like a meeting; an endorsement little; an invitation between
    assert m.weights["recommendation"] >= m.weights["call"]
    assert m.weights["endorsement"] <= m.weights["linkedin"]
    assert m.weights["endorsement"] < m.weights["invitation"] < m.weights["email"]


def test_recommendations_reader_received_and_given(tmp_path):
    d = full_export(tmp_path)
    rec = read_linkedin_recommendations(d / "Recommendations_Received.csv")
    assert rec["name"].tolist() == ["Ada Lovelace", "Sam Lee"]
    assert rec["direction"].tolist() == ["in", "in"]
    assert str(rec.loc[0, "created"]) == "2023-07-21 12:11:00+00:00"
    rep = rec.attrs["report"]
    skipped = [(i.line, i.reason) for i in rep.skipped]
    assert (4, "no first or last name") in skipped
    assert any(line == 5 and "unparseable Creation Date 'someday'" in why
               for line, why in skipped)
    assert "text" not in rec  # the recommendation's text is not kept
    given = read_linkedin_recommendations(d / "Recommendations_Given.csv")
    assert given["direction"].tolist() == ["out"] and given["given"].all()


def test_endorsements_reader_direction_from_header(tmp_path):
    d = full_export(tmp_path)
    recv = read_linkedin_endorsements(d / "Endorsement_Received_Info.csv")
    assert recv["url"].tolist() == [f"{IN}bob"] * 2
    assert recv["direction"].tolist() == ["in", "in"]
    assert recv["skill"].tolist() == ["Python", "SQL"]
    assert [i.line for i in recv.attrs["report"].skipped] == [4]
    given = read_linkedin_endorsements(d / "Endorsement_Given_Info.csv")
    assert given["direction"].tolist() == ["out"]
    assert given["name"].tolist() == ["Sam Lee"]


def test_education_reader(tmp_path):
    d = full_export(tmp_path)
    edu = read_linkedin_education(d / "Education.csv")
    assert edu["school"].tolist() == ["Kestrel University"]
    assert str(edu.loc[0, "start"])[:10] == "2008-01-01" and not edu.loc[0, "current"]
    assert [(i.line, i.reason) for i in edu.attrs["report"].skipped] == [(3, "no School Name")]


@pytest.mark.parametrize("reader,name", [
    (read_linkedin_recommendations, "Recommendations_Received.csv"),
    (read_linkedin_endorsements, "Endorsement_Received_Info.csv"),
    (read_linkedin_education, "Education.csv"),
])
def test_unusable_file_is_input_error_naming_the_file(tmp_path, reader, name):
    p = tmp_path / name
    p.write_text("Foo,Bar\n1,2\n")
    with pytest.raises(InputError) as e:
        reader(p)
    assert name in str(e.value) and e.value.hint


def test_connections_file_is_not_read_as_recommendations(tmp_path):
    p = tmp_path / "Recommendations_Received.csv"
    p.write_text(CONNECTIONS)
    with pytest.raises(InputError, match=r"looks like a LinkedIn Connections\.csv"):
        read_linkedin_recommendations(p)


def test_export_reads_every_part_from_folder_and_zip(tmp_path):
    d = full_export(tmp_path)
    frames, _ = read_linkedin_export(d)
    assert {"recommendations_received", "recommendations_given", "endorsements_received",
            "endorsements_given", "education", "invitations", "positions"} <= set(frames)
    z = tmp_path / "Basic_LinkedInDataExport_01-01-2026.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in d.iterdir():
            zf.write(f, f.name.lower() if f.name.startswith("E") else f.name)
    zframes, _ = read_linkedin_export(z)
    assert set(zframes) == set(frames)
    for k in frames:
        pd.testing.assert_frame_equal(frames[k], zframes[k])


def test_damaged_optional_part_is_a_warning(tmp_path):
    d = export(tmp_path, **{"Education.csv": "Foo,Bar\n1,2\n"})
    frames, report = read_linkedin_export(d)
    assert "education" not in frames
    assert any("Education.csv" in w.reason for w in report.warnings)


# ------------------------------------------------------------------ import


def test_import_turns_the_parts_into_channels(tmp_path):
    d = full_export(tmp_path)
    net = ng.Network()
    report = net.import_linkedin(d, owner="Owner Person")
    inter = net.interactions
    by = inter.groupby(inter["channel"].astype(str))["person_id"].agg(
        lambda s: sorted(map(str, s)))
    # received from Ada and from the Acme Sam Lee (name + company), given to Bob
    assert by["recommendation"] == ["in:ada", "in:bob", "in:sam-lee-1"]
    assert by["endorsement"] == ["in:bob", "in:bob", "in:sam-lee-2"]
    assert by["invitation"] == ["in:cleo"]
    rec = inter[inter["channel"] == "recommendation"]
    assert sorted(rec["direction"]) == ["in", "in", "out"]
    assert (rec["source"] == "linkedin-recommendations").all()
    # every part has its report, skipped rows with reasons
    kinds = {p.kind for p in report.parts}
    assert {"linkedin recommendations received", "linkedin endorsements received",
            "linkedin education"} <= kinds
    # the owner's school is an affiliation next to the positions; the employer stays
    aff = net.affiliations
    owner = net.people.loc[net.people["is_owner"], "person_id"].iloc[0]
    mine = aff[aff["person_id"].astype(str) == owner]
    assert set(mine["company"]) == {"Analytical Engines", "Kestrel University"}
    assert net.people.loc[net.people["is_owner"], "company"].iloc[0] == "Analytical Engines"


def test_ambiguous_name_is_skipped_with_reason_not_merged(tmp_path):
    d = export(tmp_path, **{"Recommendations_Received.csv": REC_HEAD
                            + 'Sam,Lee,Globex,Analyst,"Good.","08/01/23, 09:00 AM",VISIBLE\n'
                            + 'Ada,Lovelace,,,"x","08/01/23, 09:00 AM",VISIBLE\n'})
    net = ng.Network()
    report = net.import_linkedin(d, owner="Owner Person")
    part = next(p for p in report.parts if p.kind == "linkedin recommendations received")
    assert any(i.line == 2 and "ambiguous" in i.reason for i in part.skipped)
    assert net.people["name"].eq("Sam Lee").sum() == 2      # no third Sam, no merge
    rec = net.interactions[net.interactions["channel"] == "recommendation"]
    assert list(map(str, rec["person_id"])) == ["in:ada"]  # name only, one known Ada


def test_reimport_is_idempotent(tmp_path):
    d = full_export(tmp_path)
    net = ng.Network()
    net.import_linkedin(d, owner="Owner Person")
    before = (len(net.people), len(net.ties), len(net.interactions), len(net.affiliations))
    report = net.import_linkedin(d, owner="Owner Person")
    after = (len(net.people), len(net.ties), len(net.interactions), len(net.affiliations))
    assert after == before
    assert report.imported == 0 and report.merged > 0


def test_recommendation_strengthens_the_tie(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = ng.Network()
    plain.import_linkedin(export(tmp_path / "a"), owner="Owner Person")
    rec = ng.Network()
    rec.import_linkedin(export(tmp_path / "b", **{
        "Recommendations_Received.csv": REC_HEAD
        + 'Ada,Lovelace,Analytical Engines,CTO,"x","11/01/25, 12:11 PM",VISIBLE\n'}),
        owner="Owner Person")
    at = "2026-01-01"
    s_plain = plain.strength("Ada Lovelace", at=at)
    s_rec = rec.strength("Ada Lovelace", at=at)
    assert s_rec > s_plain
    paths = rec.warm_paths("Analytical Engines", at=at)
    assert "1 recommendation" in str(paths[0])


def test_workspace_round_trips_new_channels(tmp_path):
    net = ng.Network()
    net.import_linkedin(full_export(tmp_path), owner="Owner Person")
    net.save(tmp_path / "w.db")
    back = ng.Network.load(tmp_path / "w.db")
    pd.testing.assert_frame_equal(back.interactions, net.interactions, check_exact=True)
