"""The job search, end to end, on the sample team (issue 12).

The story test plays the whole search in numbered steps: targets, paths to a recruiter, an
ask followed up and answered with an introduction, a job move that opens a new way in. The sample team is imported once per
module and saved; every test loads its own copy of the workspace.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.sample import OWNERS, TARGET_COMPANY, write_sample_data
from netgraph.sources.export_date import (
    BY_CONNECTIONS,
    BY_IMPORT,
    BY_MESSAGES,
    BY_NAME,
    export_date,
)

AT = "2026-11-01"
NEWER = "Basic_LinkedInDataExport_11-29-2026"


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> tuple[Path, Path]:
    """(sample data folder, workspace of the imported sample team)."""
    root = tmp_path_factory.mktemp("team")
    data = root / "sample"
    write_sample_data(data)
    net = ng.Network()
    for folder, owner in OWNERS.items():
        net.import_linkedin(data / folder, owner=owner)
        net.import_interactions(data / folder / "interactions.csv", owner=owner)
    net.import_affiliations(data / "affiliations.csv")
    db = root / "team.db"
    net.save(db)
    return data, db


def load(team) -> ng.Network:
    return ng.Network.load(team[1])


def read_connections(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(preamble lines, header, rows) of a Connections.csv."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    rows = list(csv.reader(io.StringIO("".join(lines[start:]))))
    return lines[:start], rows[0], rows[1:]


def write_connections(path: Path, pre: list[str], header: list[str], rows: list[list[str]]
                      ) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text("".join(pre) + out.getvalue(), encoding="utf-8")


def newer_export(data: Path, dest: Path, mover: str, company: str, title: str) -> Path:
    """Maya's export a month later: *mover* now works at *company* as *title*, and one new
    connection (dated 28 Nov 2026) makes the export newer."""
    folder = dest / NEWER
    shutil.copytree(data / "maya_okafor", folder)
    (folder / "interactions.csv").unlink()  # not part of a LinkedIn export
    pre, header, rows = read_connections(folder / "Connections.csv")
    col = {h: i for i, h in enumerate(header)}
    hit = 0
    for r in rows:
        if f"{r[col['First Name']].strip()} {r[col['Last Name']].strip()}" == mover:
            r[col["Company"]], r[col["Position"]] = company, title
            hit += 1
    assert hit == 1, f"{mover} is not one row of Maya's connections"
    new = [""] * len(header)
    new[col["First Name"]], new[col["Last Name"]] = "Tomasz", "Newcomb"
    new[col["URL"]] = "https://www.linkedin.com/in/tomasz-newcomb"
    new[col["Company"]], new[col["Position"]] = "Brightwater Labs", "Analyst"
    new[col["Connected On"]] = "28 Nov 2026"
    write_connections(folder / "Connections.csv", pre, header, [new, *rows])
    return folder


def mover_for(net: ng.Network) -> str:
    """A warm contact of Maya's (only hers) who does not work at the target."""
    s = net.strengths(at=AT)
    maya = net.find_person("Maya Okafor")
    mine = s[(s["a"].astype(object) == maya) | (s["b"].astype(object) == maya)]
    other = np.where(mine["a"].astype(object) == maya, mine["name_b"], mine["name_a"])
    mine = mine.assign(other=other).sort_values("strength", ascending=False)
    people = net.people.set_index("name")
    for name, strength in zip(mine["other"], mine["strength"], strict=True):
        if 0.5 < strength < 0.95 and name in people.index and \
                people.loc[[name], "company"].iat[0] not in ("", TARGET_COMPANY) and \
                (net.people["name"] == name).sum() == 1:
            return str(name)
    raise AssertionError("no warm contact of Maya's to move")


# ---------------------------------------------------------------- the story
def test_job_search_story(team, tmp_path):
    data, _ = team
    net = load(team)

    # Step 1: set the targets
    net.set_targets([TARGET_COMPANY])

    # Step 2: paths to a recruiter at the target; each names the recruiter's role there
    everyone = net.warm_paths(TARGET_COMPANY, at=AT, k=50)
    paths = net.warm_paths(TARGET_COMPANY, role="recruiter", at=AT)
    assert paths, paths.reason
    for p in paths:
        assert p.target_role == "recruiting"
        assert "(recruiting)" in str(p)
        assert p.whom().endswith(f"(recruiting) at {TARGET_COMPANY}")
    assert {p.target_role for p in everyone} > {"recruiting"}  # the role did filter

    # Step 3: who do we know there (recruiters), warmest first
    there = net.people_at(TARGET_COMPANY, role="recruiter", at=AT)
    assert set(there["role"]) == {"recruiting"}
    assert there["probability"].is_monotonic_decreasing
    assert there["person"].iat[0] == paths[0].target_person
    assert np.isclose(there["probability"].iat[0], paths[0].probability, atol=1e-6)

    # Step 4: draft the ask to the best path's introducer
    text = net.draft_intro(0)
    best = paths[0]
    assert text.startswith(f"Hi {best.introducer.split()[0]},")
    assert best.target_title in text and TARGET_COMPANY in text
    assert text.rstrip().endswith(best.source)
    assert "@" not in text

    # Step 4b: nobody knows one of the recruiters there; ask the best introducer into the
    # target for an introduction to them (issue 12: introductions asked and tracked).
    # A week on, the ask is a follow-up in the ping list.
    unknown = there.loc[there["hops"].isna(), "person"]
    assert len(unknown), there
    recruiter = unknown.iat[0]
    owner, introducer = everyone[0].source, everyone[0].introducer
    ask_id = net.ask(introducer, TARGET_COMPANY, about=f"meeting {recruiter}", when=AT,
                     source=owner)
    assert net.asks.set_index("ask_id").loc[ask_id, "status"] == "asked"
    week_on = pd.Timestamp(AT, tz="UTC") + pd.Timedelta(days=8)
    pings = net.ping_list(at=week_on, n=None, source=owner)
    follow = pings[pings["ask_id"] == ask_id]
    assert len(follow) == 1 and follow["person"].iat[0] == introducer
    assert f"follow up on your ask to {introducer}" in follow["reason"].iat[0]

    # Step 4c: the introduction is made: a new, dated tie, and a direct path to them
    def direct():
        return [p for p in net.warm_paths(TARGET_COMPANY, role="recruiter", source=owner,
                                          at=week_on, k=50) if p.people == [owner, recruiter]]
    assert not direct()
    net.update_ask(ask_id, "introduced", when=week_on, person=recruiter)
    assert len(direct()) == 1
    thanks = net.ping_list(at=week_on, n=None, source=owner)
    assert any(f"thank {introducer}" in r for r in thanks["reason"])

    # Step 5: a newer export of Maya's: a warm contact of hers moved to the target
    mover = mover_for(net)
    old_company = net.people.loc[net.people["name"] == mover, "company"].iat[0]
    assert mover not in set(net.people_at(TARGET_COMPANY)["person"])
    folder = newer_export(data, tmp_path, mover, "Acme Robotics, Inc.", "Technical Recruiter")
    net.import_linkedin(folder, owner="Maya Okafor")

    # Step 6: the job change, with its evidence, flagged as a new way in
    changes = net.job_changes(at=AT)
    row = changes[changes["person"] == mover]
    assert len(row) == 1, changes
    r = row.iloc[0]
    assert r["to_company"] == TARGET_COMPANY and r["to_title"] == "Technical Recruiter"
    assert r["from_company"] == old_company
    assert r["detected"] == pd.Timestamp("2026-11-28", tz="UTC")
    assert r["date_from"] == "newest Connected On date"
    assert r["file"].endswith(NEWER) and r["import_id"] == net.imports["import_id"].max()
    assert f"import {r['import_id']} ({NEWER})" in r["evidence"]
    assert bool(r["new_way_in"]) and r["best_path"] == f"Maya Okafor -> {mover} -> " \
        f"{TARGET_COMPANY}"
    assert 0 < r["probability"] <= 0.9
    assert not changes.loc[changes["person"] != mover, "new_way_in"].any() or \
        set(changes.loc[changes["new_way_in"], "to_company"]) == {TARGET_COMPANY}

    # Step 7: the new path to a recruiter, through the mover, and the old job kept
    paths = net.warm_paths(TARGET_COMPANY, role="recruiter", at=AT)
    assert paths[0].target_person == mover and paths[0].people == ["Maya Okafor", mover]
    assert paths[0].probability > 0.4
    assert "current Technical Recruiter (recruiting)" in str(paths[0])
    alumni = net.people_at(old_company, at="2026-12-01")  # after the move
    was = alumni[alumni["person"] == mover]
    assert len(was) == 1 and not was["current"].iat[0]
    assert was["end"].iat[0] == pd.Timestamp("2026-11-28", tz="UTC")

    # Step 8: an older export imported after the newer one moves nobody back
    net.import_linkedin(data / "maya_okafor", owner="Maya Okafor")
    assert net.people.loc[net.people["name"] == mover, "company"].iat[0] == \
        "Acme Robotics, Inc."
    assert net.warm_paths(TARGET_COMPANY, role="recruiter", at=AT)[0].target_person == mover
    assert any("older than one already imported" in w.reason
               for w in net.reports[-1].warnings)

    # Step 9: the workspace keeps it all
    db = tmp_path / "after.db"
    net.save(db)
    again = ng.Network.load(db)
    pd.testing.assert_frame_equal(again.job_changes(at=AT), net.job_changes(at=AT))


def test_undo_of_the_newer_export_takes_the_move_back(team, tmp_path):
    data, _ = team
    net = load(team)
    mover = mover_for(net)
    net.import_linkedin(newer_export(data, tmp_path, mover, "Acme Robotics", "Recruiter"),
                        owner="Maya Okafor")
    assert mover in set(net.job_changes()["person"])
    net.undo_import(int(net.imports["import_id"].max()))
    assert mover not in set(net.job_changes()["person"])


# ---------------------------------------------------------------- whom at the target
def test_role_matching_no_one_says_who_is_there(team):
    net = load(team)
    paths = net.warm_paths(TARGET_COMPANY, role="designer", at=AT)
    assert not paths
    assert paths.reason.startswith(f"nobody at {TARGET_COMPANY} matches role 'designer' "
                                   "(design); the ")
    assert "Sara Alvarez (Head of Talent)" in paths.reason
    frame = net.people_at(TARGET_COMPANY, role="designer")
    assert frame.empty and frame.attrs["reason"] == paths.reason
    assert net.introducers(TARGET_COMPANY, role="designer", at=AT).empty


def test_unusable_role_is_an_input_error_listing_the_families(team):
    net = load(team)
    with pytest.raises(ng.InputError) as err:
        net.warm_paths(TARGET_COMPANY, role="c++ (")
    for fam in ("recruiting", "engineering", "product", "design", "data", "sales",
                "leadership"):
        assert fam in str(err.value)
    with pytest.raises(ng.InputError, match="not a role family"):
        net.warm_paths(TARGET_COMPANY, role="astronaut hiring manager")
    with pytest.raises(ng.InputError, match="needs a company target"):
        net.warm_paths("Sara Alvarez", role="recruiter")


def test_role_title_and_lists_filter_the_path_ends(team):
    net = load(team)
    hm = net.warm_paths(TARGET_COMPANY, role="hiring manager", at=AT, k=20)
    assert hm and all(p.target_role != "recruiting" for p in hm)
    eng = net.people_at(TARGET_COMPANY, role="engineering hiring manager")
    assert set(eng["title"]) <= {"Engineering Manager", "VP Engineering", "CTO"}
    assert "Engineering Manager" in set(eng["title"])
    words = net.people_at(TARGET_COMPANY, role=["talent", "recruiter"])
    assert set(words["title"]) == {"Head of Talent", "Recruiter", "Talent Partner"}
    raw = net.people_at(TARGET_COMPANY, title=r"^(mechanical|controls) engineer$")
    assert set(raw["title"]) == {"Mechanical Engineer", "Controls Engineer"}
    both = net.people_at(TARGET_COMPANY, role="engineering", title="mechanical")
    assert set(both["title"]) == {"Mechanical Engineer"}
    intro = net.introducers(TARGET_COMPANY, role="recruiter", at=AT)
    assert set(intro["person"]) <= set(net.people_at(TARGET_COMPANY, role="recruiter")["person"])
    reach = net.reach(role="recruiter", at=AT)
    row = reach[reach["company"] == TARGET_COMPANY].iloc[0]
    assert row["person"] == net.warm_paths(TARGET_COMPANY, role="recruiter", at=AT)[0] \
        .target_person
    assert row["n_current"] + row["n_former"] == len(net.people_at(TARGET_COMPANY,
                                                                   role="recruiter"))


def test_your_own_role_mapping(team):
    net = load(team)
    mine = {"robots": [r"robotics?"], "people": ["talent", "recruit\\w*"]}
    got = net.people_at(TARGET_COMPANY, role="robots", roles=mine)
    assert set(got["title"]) == {"Staff Robotics Engineer"}
    ng.ROLES["design"].append("operations")  # the shared mapping is editable in place
    try:
        assert "Director of Operations" in set(net.people_at(TARGET_COMPANY,
                                                             role="design")["title"])
    finally:
        ng.ROLES["design"].remove("operations")
    assert net.people_at(TARGET_COMPANY, role="design").empty


# ---------------------------------------------------------------- weak ties
def test_job_mobility_prefers_a_moderately_weak_tie_where_likely_intro_does_not():
    net = ng.Network()
    net.import_contacts(pd.DataFrame({
        "name": ["Bo Strong", "Cy Middle"], "company": ["Acme", "Acme"],
        "title": ["Engineer", "Engineer"]}), owner="Ada")
    net.set_strength("Bo Strong", 0.95, when=AT)
    net.set_strength("Cy Middle", 0.35, when=AT)
    likely = net.warm_paths("Acme", at=AT)
    mobile = net.warm_paths("Acme", at=AT, objective="job_mobility")
    assert [p.introducer for p in likely] == ["Bo Strong", "Cy Middle"]
    assert [p.introducer for p in mobile] == ["Cy Middle", "Bo Strong"]
    assert mobile.objective == "job_mobility"
    intro = net.introducers("Acme", at=AT, objective="job_mobility")
    assert intro["introducer"].tolist() == ["Cy Middle", "Bo Strong"]
    assert intro["score"].is_monotonic_decreasing
    assert net.reach(at=AT, objective="job_mobility")["introducer"].iat[0] == "Cy Middle"


# ---------------------------------------------------------------- export dates
def test_export_date_prefers_connections_then_messages_then_name_then_import_time():
    con = pd.DataFrame({"connected_on": pd.to_datetime(["2026-01-02", "2026-03-04"], utc=True)})
    msg = pd.DataFrame({"timestamp": pd.to_datetime(["2026-05-06T10:00"], utc=True)})
    name = f"exports/{NEWER}.zip"
    assert export_date({"connections": con}, name) == (pd.Timestamp("2026-03-04", tz="UTC"),
                                                       BY_CONNECTIONS)
    assert export_date({"connections": con, "messages": msg}, name)[1] == BY_MESSAGES
    assert export_date({}, name) == (pd.Timestamp("2026-11-29", tz="UTC"), BY_NAME)
    assert export_date({}, "Complete_LinkedInDataExport_01-15-2027/Connections.csv") == \
        (pd.Timestamp("2027-01-15", tz="UTC"), BY_NAME)
    assert export_date({}, "export.zip", now="2026-12-01T08:00Z") == \
        (pd.Timestamp("2026-12-01T08:00", tz="UTC"), BY_IMPORT)


def _export(folder: Path, company: str, connected: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Grace,Hopper,https://www.linkedin.com/in/grace,,{company},Engineer,01 Jan 2020\n"
        f"Alan,Turing,https://www.linkedin.com/in/alan,,Globex,Analyst,{connected}\n",
        encoding="utf-8")
    return folder


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.lists(st.integers(0, 3000), min_size=2, max_size=3, unique=True),
       order=st.permutations(range(3)))
def test_the_newest_export_says_where_people_work_whatever_the_import_order(
        tmp_path_factory, days, order):
    root = tmp_path_factory.mktemp("orders")
    companies = ["Acme", "Initech", "Umbrella"][:len(days)]
    dates = [pd.Timestamp("2020-06-01") + pd.Timedelta(days=d) for d in days]
    exports = [_export(root / f"e{i}", c, f"{d:%d %b %Y}")
               for i, (c, d) in enumerate(zip(companies, dates, strict=True))]
    net = ng.Network()
    for i in [o for o in order if o < len(exports)]:
        net.import_linkedin(exports[i], owner="Ada")
    newest = companies[int(np.argmax(days))]
    grace = net.people[net.people["name"] == "Grace Hopper"]
    assert grace["company"].iat[0] == newest
    aff = net.affiliations[net.affiliations["person_id"].astype(object) == "in:grace"]
    assert aff.loc[aff["current"], "company"].tolist() == [newest]
    # the moves seen are real moves towards the newest employer
    moves = net.job_changes()
    assert set(moves["to_company"]) <= set(companies)
    if len(moves):
        assert moves["to_company"].iat[0] == newest


# ---------------------------------------------------------------- drafting and the CLI
def test_draft_intro_names_the_right_people_and_facts_and_no_email():
    net = ng.Network()
    net.import_contacts(pd.DataFrame({
        "name": ["Tom Baker", "Lena Ortiz"], "email": ["tom@example.com", "lena@example.com"],
        "company": ["Initech", "Acme"], "title": ["Engineer", "Technical Recruiter"]}),
        owner="Maya Chen")
    net.import_affiliations(pd.DataFrame({
        "person": ["Maya Chen", "Tom Baker"], "company": ["Initech", "Initech"],
        "title": ["Engineer", "Engineer"], "start": ["2019-01-01", "2018-01-01"],
        "end": ["2023-01-01", ""]}))
    net.log_interaction("Tom Baker", when="2026-10-10", channel="meeting")
    paths = net.warm_paths("Acme", at=AT, k=5, role="recruiter")
    text = net.draft_intro(paths[0], at=AT)
    assert text.startswith("Hi Lena,") and "Technical Recruiter at Acme" in text
    assert "@" not in text and "example.com" not in text
    # Tom is not at Acme: the recruiter is the target; the path is direct (1 hop)
    assert paths[0].people == ["Maya Chen", "Lena Ortiz"]
    with pytest.raises(ng.InputError, match="out of range"):
        net.draft_intro(7)


def test_draft_of_a_two_hop_path_has_a_forwardable_blurb():
    from netgraph.routing import warm_paths
    from netgraph.routing.example import example_index
    from netgraph.views.draft import draft_intro

    two = warm_paths(example_index(), "Acme Robotics")[0]
    assert two.n_hops == 2
    text = draft_intro(two, at="2024-06-01")
    assert text.startswith("Hi Tom,")
    assert "introduction to Lena Ortiz, Staff Engineer at Acme Robotics" in text
    blurb = text.split("---\n")[1]
    assert blurb.startswith("Lena, I'd like to introduce Maya Chen")
    assert "last spoke 3 weeks ago" in text  # the first hop's evidence
    alum = warm_paths(example_index(), "Acme Robotics")[1]
    assert "Raj Patel, formerly Engineer at Acme Robotics" in draft_intro(alum)
    with pytest.raises(ng.InputError, match="not a warm path"):
        draft_intro("Tom Baker")


def test_cli_role_objective_draft_people_at_and_changes(team, tmp_path, capsys):
    data, db0 = team
    db = tmp_path / "cli.db"
    shutil.copy(db0, db)
    d = ["--db", str(db)]
    assert main([*d, "paths", TARGET_COMPANY, "--role", "recruiter", "--at", AT, "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert "(recruiting)" in out and out.count("Chance") == 2
    assert main([*d, "introducers", TARGET_COMPANY, "--objective", "job_mobility",
                 "--at", AT]) == 0
    assert "score" in capsys.readouterr().out
    assert main([*d, "people", "at", TARGET_COMPANY, "--role", "talent", "--role",
                 "recruiter", "--json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert {r["role"] for r in rows} == {"recruiting"}
    assert main([*d, "draft", TARGET_COMPANY, "--role", "recruiter", "--path", "1",
                 "--at", AT]) == 0
    out = capsys.readouterr().out
    assert "nothing is sent" in out and "Hi " in out
    assert main([*d, "paths", TARGET_COMPANY, "--role", "c++ ("]) == 1
    err = capsys.readouterr().err
    assert "recruiting, data, design" in err and "Traceback" not in err
    assert main([*d, "paths", TARGET_COMPANY, "--objective", "shortest"]) == 1
    assert "likely_intro" in capsys.readouterr().err
    # a move into a target: `changes` flags it
    net = ng.Network.load(db)
    mover = mover_for(net)
    folder = newer_export(data, tmp_path, mover, TARGET_COMPANY, "Recruiter")
    assert main([*d, "targets", TARGET_COMPANY]) == 0
    assert main([*d, "-q", "import", "linkedin", str(folder), "--owner", "Maya Okafor"]) == 0
    capsys.readouterr()
    assert main([*d, "changes", "--since", "2026-11-01", "--at", AT]) == 0
    out = capsys.readouterr().out
    assert mover in out and "into your targets" in out
    assert main([*d, "changes", "--since", "2026-12-01"]) == 0
    assert "(nothing)" in capsys.readouterr().out
