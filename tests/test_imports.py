"""Import history and undo: every import is recorded, and an undo is exact."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.data import schema
from netgraph.sample import OWNERS, write_sample_data
from netgraph.store import load_tables, save_tables

#: The tables an import changes; an undo must give them back exactly.
DATA = ("people", "companies", "affiliations", "ties", "interactions", "overrides",
        "identity_decisions")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("sample")
    write_sample_data(d)
    return d


def team_steps(d: Path) -> list[tuple[str, Path, str | None]]:
    steps = []
    for folder, owner in OWNERS.items():
        steps.append(("linkedin", d / folder, owner))
        steps.append(("interactions", d / folder / "interactions.csv", owner))
    steps.append(("affiliations", d / "affiliations.csv", None))
    return steps


def build(steps) -> ng.Network:
    net = ng.Network()
    for kind, path, owner in steps:
        opts = {"owner": owner} if owner else {}
        if kind == "interactions":  # a log may come before the exports naming its people
            opts["create_missing"] = True
        net.import_source(kind, path, **opts)
    return net


def assert_same_network(got: ng.Network, want: ng.Network) -> None:
    for name in DATA:
        g, w = getattr(got.tables, name), getattr(want.tables, name)
        if name == "identity_decisions":
            g, w = g.drop(columns=["time"]), w.drop(columns=["time"])
        assert g.equals(w), name
    assert got.tables.aliases == want.tables.aliases
    keep = ["file", "sha256", "kind", "owner", "rows_read", "imported", "merged", "new_people"]
    assert got.imports[keep].equals(want.imports[keep])


def test_every_import_is_recorded(tmp_path):
    csv = tmp_path / "contacts.csv"
    csv.write_text("name,company\nGrace Hopper,Acme Inc\nAlan Turing,Globex\n")
    net = ng.Network()
    net.import_contacts(csv, owner="Ada")
    net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
                                          "channel": ["call"]}), owner="Ada")
    imp = net.imports
    assert imp["import_id"].tolist() == [1, 2]
    assert imp["file"].tolist() == [str(csv), "<DataFrame>"]
    assert imp.loc[0, "sha256"] == hashlib.sha256(csv.read_bytes()).hexdigest()
    assert imp["kind"].tolist() == ["contacts", "interactions"]
    assert imp["owner"].tolist() == ["Ada", "Ada"]
    assert imp[["rows_read", "imported", "merged", "new_people"]].values.tolist() == [
        [2, 2, 0, 2], [1, 1, 0, 0]]
    assert (imp["time"].notna()).all() and imp["repeat_of"].tolist() == [0, 0]
    assert "options" not in imp.columns  # kept for replays, not shown


def test_reimport_of_the_same_bytes_is_noted_and_idempotent(tmp_path):
    csv = tmp_path / "contacts.csv"
    csv.write_text("name,company\nGrace Hopper,Acme Inc\n")
    net = ng.Network()
    net.import_contacts(csv, owner="Ada")
    before = {n: getattr(net.tables, n) for n in DATA}
    report = net.import_contacts(csv, owner="Ada")
    assert (report.imported, report.merged) == (0, 1)
    assert any("already imported (import 1)" in w.reason for w in report.warnings)
    assert net.imports["repeat_of"].tolist() == [0, 1]
    assert all(getattr(net.tables, n).equals(before[n]) for n in DATA)
    assert len(net.tables.import_data) == 1  # the bytes are kept once


def test_undo_is_exact_on_the_sample_team(sample_dir):
    steps = team_steps(sample_dir)
    net = build(steps)
    net.undo_import(3)  # Jonas's export: later imports are as they would have been
    assert_same_network(net, build(steps[:2] + steps[3:]))
    assert net.imports["import_id"].tolist() == [1, 2, 4, 5, 6, 7]


def test_undo_takes_back_people_only_it_added(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("name,company\nGrace Hopper,Acme Inc\n")
    b = tmp_path / "b.csv"
    b.write_text("name,company,title\nGrace Hopper,Acme Inc,CTO\nAlan Turing,Globex,\n")
    net = ng.Network()
    net.import_contacts(a, owner="Ada")
    only_a = {n: getattr(net.tables, n) for n in DATA}
    net.import_contacts(b, owner="Ada")
    assert "Alan Turing" in set(net.people["name"])
    net.undo_import(2)
    assert all(getattr(net.tables, n).equals(only_a[n]) for n in DATA)  # CTO is gone too
    assert net.tables.import_data["sha256"].tolist() == [hashlib.sha256(a.read_bytes()
                                                                        ).hexdigest()]


def test_undo_replays_changes_by_hand(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("name,company\nGrace Hopper,Acme Inc\nAlan Turing,Alphabet\n")
    b = tmp_path / "b.csv"
    b.write_text("name,company\nEdsger Dijkstra,Google\n")
    c = tmp_path / "c.csv"
    c.write_text("name,company\nBarbara Liskov,MIT\n")

    def run(with_b: bool) -> ng.Network:
        net = ng.Network()
        net.import_contacts(a, owner="Ada")
        if with_b:
            net.import_contacts(b, owner="Ada")
        net.log_interaction("Grace Hopper", when="2026-01-02", channel="meeting", note="hi")
        net.set_strength("Alan Turing", 0.7, when="2026-01-03")
        net.add_company_alias("Alphabet", "Google")
        net.import_contacts(c, owner="Ada")
        return net

    net = run(True)
    net.undo_import(2)
    assert_same_network(net, run(False))
    assert net.tables.edits["kind"].tolist() == ["log", "strength", "alias"]


def test_undo_of_an_unknown_import_lists_the_ids(tmp_path):
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    with pytest.raises(ng.NotFoundError, match="no import 9") as err:
        net.undo_import(9)
    assert err.value.suggestions == ["1"]


def test_history_survives_save_and_load_exactly(tmp_path, sample_dir):
    steps = team_steps(sample_dir)
    net = build(steps[:2] + steps[-1:])
    pair = net.person_suggestions().iloc[0]
    net.merge_people(pair["a"], pair["b"])
    net.log_interaction("Maya Okafor", other="Jonas Lindqvist", when="2026-01-02")
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(back.tables, name), getattr(net.tables, name),
                                      check_exact=True, obj=name)
    back.undo_import(2)
    net.undo_import(2)
    assert_same_network(back, net)


def test_version_2_workspaces_load_with_an_empty_history(tmp_path):
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    path = tmp_path / "v2.db"
    save_tables(path, net.tables)
    con = sqlite3.connect(path)
    with con:  # what netgraph 2 wrote: no history tables, version 2
        for name in ("identity_decisions", "imports", "import_data", "edits"):
            con.execute(f'DROP TABLE "{name}"')
        con.execute("UPDATE netgraph_meta SET value = '2' WHERE key = 'version'")
    con.close()
    tables, _ = load_tables(path)
    assert tables.people.equals(net.tables.people)
    assert len(tables.identity_decisions) == len(tables.import_data) == len(tables.edits) == 0
    assert tables.imports["kind"].tolist() == ["(before history)"]
    old = ng.Network.load(path)
    old.import_contacts(pd.DataFrame({"name": ["Alan Turing"]}), owner="Ada")
    assert old.imports["import_id"].tolist() == [0, 1]
    with pytest.raises(ng.InputError, match="before netgraph kept an import history"):
        old.undo_import(1)


def test_cli_imports_and_undo(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text("name,company\nGrace Hopper,Acme Inc\n")
    b = tmp_path / "b.csv"
    b.write_text("name,company\nAlan Turing,Globex\n")
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", "contacts", str(a), str(b), "--owner", "Ada"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "imports", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["import_id"], r["file"], r["new_people"]) for r in rows] == [
        (1, str(a), 1), (2, str(b), 1)]
    assert rows[0]["sha256"] == hashlib.sha256(a.read_bytes()).hexdigest()
    assert main(["--db", db, "imports"]) == 0
    assert "import_id" in capsys.readouterr().out
    assert main(["--db", db, "undo", "1"]) == 0
    assert "undid import 1" in capsys.readouterr().out
    back = ng.Network.load(db)
    assert back.people["name"].tolist() == ["Ada", "Alan Turing"]
    assert main(["--db", db, "undo", "7"]) == 1
    assert "no import 7" in capsys.readouterr().err


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_undo_equals_the_network_built_without_it(sample_dir, data):
    steps = team_steps(sample_dir)
    chosen = data.draw(st.lists(st.integers(0, len(steps) - 1), min_size=2, max_size=4,
                                unique=True).map(sorted), label="imports")
    undo = data.draw(st.integers(0, len(chosen) - 1), label="undo")
    net = build([steps[i] for i in chosen])
    net.undo_import(int(net.imports["import_id"].iloc[undo]))
    assert_same_network(net, build([steps[i] for k, i in enumerate(chosen) if k != undo]))


def test_undo_of_a_pooled_team_import(sample_dir, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("person,timestamp,channel\nGrace Hopper,2026-01-05,call\n")
    team = {"Maya Okafor": sample_dir / "maya_okafor", "Priya Raman": sample_dir / "priya_raman"}
    net = ng.Network()
    net.import_interactions(log, owner="Ada Lovelace", create_missing=True)
    net.import_team(team)
    net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-02-05"],
                                          "channel": ["meeting"]}), owner="Ada Lovelace")
    assert net.imports.loc[1, "owner"] == "Maya Okafor; Priya Raman"
    assert net.imports.loc[1, "file"] == "; ".join(str(p) for p in team.values())
    want = ng.Network()
    want.import_interactions(log, owner="Ada Lovelace", create_missing=True)
    want.import_team(team)
    net.undo_import(3)  # the frame import: the team import is replayed from kept bytes
    assert_same_network(net, want)
