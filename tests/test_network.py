"""Network: imports, identity across imports and owners, graph, persistence."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

import netgraph as ng


def test_import_linkedin_connections(ada_export):
    net = ng.Network()
    report = net.import_linkedin(ada_export, owner="Ada Lovelace")
    assert isinstance(report, ng.ImportReport)
    people = net.people
    assert people["is_owner"].sum() == 1
    # ghost row skipped and reported with its line (preamble 3 lines + header = line 4)
    issues = report.issues()
    assert (issues["status"] == "skipped").sum() == 1
    assert issues.loc[issues["status"] == "skipped", "line"].tolist() == [9]
    # duplicate names with distinct URLs are two people
    assert (people["name"] == "Alan Turing").sum() == 2
    # credentials do not break the name
    kj = people[people["url"].str.endswith("/kj")].iloc[0]
    assert kj["name"] == "Katherine Johnson"
    # placeholder kept as text, not a company
    assert kj["company"] == "Self-employed" and kj["company_id"] == ""
    assert "" not in set(net.companies["company_id"])
    # legal-suffix variants are one company
    acme = net.companies[net.companies["company_id"] == "acme robotics"]
    assert len(acme) == 1
    assert set(acme["aliases"].iloc[0].split("|")) == {"Acme Robotics Inc.", "ACME Robotics LLC"}
    assert len(net.ties) == 5


def test_reimport_is_idempotent(ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    before = {n: getattr(net, n).copy() for n in ("people", "companies", "affiliations", "ties")}
    report = net.import_linkedin(ada_export, owner="Ada Lovelace")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(net, name), frame)
    assert report.new_people == 0


def test_newer_export_updates_company_and_keeps_history(tmp_path, ada_export, write_connections):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    newer = write_connections(tmp_path / "new" / "Connections.csv", [
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Globex,VP,16 Dec 2024",
        "Edsger,Dijkstra,https://www.linkedin.com/in/ewd,,Initech,Engineer,03 Mar 2026",
    ])
    net.import_linkedin(newer, owner="Ada Lovelace")
    grace = net.people.set_index("person_id").loc["in:grace-hopper"]
    assert (grace["company"], grace["title"]) == ("Globex", "VP")
    aff = net.affiliations
    aff = aff[aff["person_id"] == "in:grace-hopper"].set_index("company_id")
    assert not aff.loc["acme robotics", "current"]
    assert aff.loc["acme robotics", "end"] == pd.Timestamp("2026-03-03", tz="UTC")
    assert aff.loc["globex", "current"]


def test_team_exports_pool_into_one_network(tmp_path, ada_export, write_connections):
    bob = write_connections(tmp_path / "bob" / "Connections.csv", [
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper/,,Acme Robotics,CTO,01 Jan 2020",
        "Barbara,Liskov,https://www.linkedin.com/in/liskov,,Globex Corp,Engineer,01 Feb 2021",
    ], preamble=False)
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    net.import_linkedin(bob, owner="Bob Kahn")
    assert net.owners["name"].tolist() == ["Ada Lovelace", "Bob Kahn"]
    assert (net.people["url"] == "https://www.linkedin.com/in/grace-hopper").sum() == 1
    grace_ties = net.ties[(net.ties["a"] == "in:grace-hopper") | (net.ties["b"] == "in:grace-hopper")]
    assert len(grace_ties) == 2
    assert net.companies["company_id"].isin(["globex"]).sum() == 1


def test_interactions_match_names_and_report_ambiguity(ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    log = pd.DataFrame({
        "person": ["Grace Hopper", "Alan Turing", "Margaret Hamilton"],
        "timestamp": ["2026-01-05T10:00:00Z", "2026-01-06", "2026-01-07"],
        "channel": ["call", "email", "meeting"],
        "direction": ["out", "in", ""],
    })
    # Margaret Hamilton is nobody yet: added only when asked (see test_identity_fixes)
    report = net.import_interactions(log, owner="Ada Lovelace", create_missing=True)
    inter = net.interactions
    assert len(inter) == 2
    assert set(inter["person_id"].astype(str)) == {"in:grace-hopper", "name:margaret hamilton@"}
    issues = report.issues()
    amb = issues[issues["reason"].str.contains("ambiguous")]
    assert amb["line"].tolist() == [3]
    assert report.new_people == 1
    # every interacting pair is a tie
    assert ((net.ties["a"] == "name:margaret hamilton@") | (net.ties["b"] == "name:margaret hamilton@")).any()
    assert str(inter["timestamp"].dtype) == "datetime64[ns, UTC]"


def test_failed_import_leaves_network_unchanged(tmp_path, ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    before = net.people.copy()
    bad = tmp_path / "bad.csv"
    bad.write_text("hello,world\n1,2\n")
    with pytest.raises(ng.InputError) as err:
        net.import_linkedin(bad, owner="Ada Lovelace")
    assert "bad.csv" in str(err.value) and "Hint:" in str(err.value)
    pd.testing.assert_frame_equal(net.people, before)


def test_owner_is_required_when_ambiguous(ada_export, tmp_path, write_connections):
    net = ng.Network()
    with pytest.raises(ng.InputError, match="owner"):
        net.import_linkedin(ada_export)


def test_graph_conventions(ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    G = net.graph
    kinds = {d["kind"] for _, d in G.nodes(data=True)}
    assert kinds == {"person", "company"}
    assert all("name" in d for _, d in G.nodes(data=True))
    owners = [n for n, d in G.nodes(data=True) if d.get("is_owner")]
    assert len(owners) == 1
    edge_kinds = {d["kind"] for *_, d in G.edges(data=True)}
    assert edge_kinds == {"knows", "works_at"}
    assert G.has_edge("in:grace-hopper", "company:acme robotics")
    # the placeholder company is not a node
    assert not any(d.get("name") == "Self-employed" for _, d in G.nodes(data=True))
    knows = G.edges[owners[0], "in:grace-hopper"]
    assert knows["since"] == pd.Timestamp("2024-12-16", tz="UTC")
    assert "linkedin" in knows["source"]


def test_save_load_round_trip_is_exact(tmp_path, ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
                                          "channel": ["call"], "note": ["coffee ☕"]}))
    net.import_affiliations(pd.DataFrame({"person": ["Grace Hopper"], "company": ["Navy"],
                                          "start": ["1943-01-01"], "end": ["1986-08-14"]}))
    path = tmp_path / "net.db"
    net.save(path)
    back = ng.Network.load(path)
    for name in ("people", "companies", "affiliations", "ties", "interactions", "overrides"):
        a, b = getattr(net, name), getattr(back, name)
        pd.testing.assert_frame_equal(a, b, check_categorical=True)
        assert a.equals(b)


def test_load_rejects_corrupt_and_foreign_files(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ng.WorkspaceError):
        ng.Network.load(junk)
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    with pytest.raises(ng.WorkspaceError, match="not a netgraph workspace"):
        ng.Network.load(foreign)
    with pytest.raises(ng.NetgraphError):
        ng.Network.load(tmp_path / "missing.db")


def test_company_alias_merges_companies(ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    net.add_company_alias("Initech", "Globex")
    assert "initech" not in set(net.companies["company_id"])
    assert (net.people["company_id"] == "globex").sum() == 2
    assert net.graph.has_edge("in:ewd", "company:globex")


def test_find_person_suggests(ada_export):
    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    assert net.find_person("https://linkedin.com/in/Grace-Hopper/") == "in:grace-hopper"
    with pytest.raises(ng.NotFoundError) as err:
        net.find_person("Grace Hoper")
    assert "Grace Hopper" in err.value.suggestions
    assert isinstance(err.value, LookupError)
    with pytest.raises(ng.NotFoundError, match="2 people"):
        net.find_person("Alan Turing")


def test_export_whose_messages_are_all_drafts_still_imports(tmp_path, write_connections):
    folder = tmp_path / "export"
    write_connections(folder / "Connections.csv", [
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Acme,CTO,16 Dec 2024"])
    (folder / "messages.csv").write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
        "c1,,Ada Lovelace,https://www.linkedin.com/in/ada,Grace Hopper,"
        "https://www.linkedin.com/in/grace-hopper,2025-01-01 10:00:00 UTC,,hi,INBOX,Yes\n")
    net = ng.Network()
    report = net.import_linkedin(folder, owner="Ada Lovelace")
    assert len(net.ties) == 1
    assert len(net.interactions) == 0
    assert report.n_warnings >= 1


def test_export_with_no_usable_rows_is_an_error(tmp_path, write_connections):
    path = write_connections(tmp_path / "Connections.csv", [",,,,,,07 Jul 2020"])
    net = ng.Network()
    with pytest.raises(ng.InputError) as err:
        net.import_linkedin(path, owner="Ada Lovelace")
    assert "Connections.csv" in str(err.value)
    assert len(net.people) == 0


def _canon(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object)
    return out.sort_values(key).reset_index(drop=True)


def test_import_team_equals_one_by_one(tmp_path, write_connections):
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "sample_data"
    owners = {"Maya Okafor": data / "maya_okafor", "Jonas Lindqvist": data / "jonas_lindqvist",
              "Priya Raman": data / "priya_raman"}
    # a newer export of Jonas's that moves someone to another company
    one = ng.Network()
    for owner, path in owners.items():
        one.import_linkedin(path, owner=owner)
    team = ng.Network()
    report = team.import_team(owners)
    assert len(report.parts) == 3
    assert report.new_people == len(team.people) - 3 + 0 or report.new_people > 0
    pd.testing.assert_frame_equal(_canon(one.people, ["person_id"]).drop(columns="source"),
                                  _canon(team.people, ["person_id"]).drop(columns="source"))
    pd.testing.assert_frame_equal(_canon(one.ties, ["a", "b"]), _canon(team.ties, ["a", "b"]))
    pd.testing.assert_frame_equal(
        _canon(one.interactions, ["person_id", "other_id", "timestamp", "source"]),
        _canon(team.interactions, ["person_id", "other_id", "timestamp", "source"]))
    assert set(one.companies["company_id"]) == set(team.companies["company_id"])
    # per-export counts add up
    assert report.rows_read == sum(p.rows_read for p in report.parts)
    # re-importing the team merges everything
    again = team.import_team(owners)
    assert again.new_people == 0
    assert sum(p.parts[0].imported for p in again.parts) == 0


def test_import_team_with_a_bad_export_changes_nothing(tmp_path, ada_export):
    bad = tmp_path / "bob" / "Connections.csv"
    bad.parent.mkdir()
    bad.write_text("First Name,Last Name\n", encoding="utf-8")  # header only: no rows
    net = ng.Network()
    with pytest.raises(ng.InputError) as err:
        net.import_team({"Ada Lovelace": ada_export, "Bob Kahn": bad})
    assert "Connections.csv" in str(err.value) and "Hint:" in str(err.value)
    assert len(net.people) == 0 and len(net.ties) == 0
    with pytest.raises(ng.InputError, match="no exports"):
        net.import_team({})


def test_graph_equals_one_built_with_networkx_api(ada_export):
    import networkx as nx

    net = ng.Network()
    net.import_linkedin(ada_export, owner="Ada Lovelace")
    net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
                                          "channel": ["call"]}))
    net.import_affiliations(pd.DataFrame({"person": ["Grace Hopper"], "company": ["Navy"],
                                          "start": ["1943-01-01"], "end": ["1986-08-14"]}))
    G = net.graph
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, dict(d)) for u, v, d in G.edges(data=True))
    assert nx.utils.graphs_equal(G, H)
    assert G.number_of_edges() == len(net.ties) + len(
        net.affiliations.drop_duplicates(["person_id", "company_id"]))
    for u, v, d in G.edges(data=True):
        assert G.adj[v][u] is d  # one attribute dict per undirected edge
        assert "strength" in d and d["kind"] in {"knows", "works_at", "worked_at"}
    navy = G.edges["name:grace hopper@", "company:navy"] if G.has_edge(
        "name:grace hopper@", "company:navy") else G.edges["in:grace-hopper", "company:navy"]
    assert navy["kind"] == "worked_at" and navy["end"] == pd.Timestamp("1986-08-14", tz="UTC")


def _csv(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("order", ["name first", "url first", "team"])
def test_one_person_whatever_the_import_order(tmp_path, order):
    a = _csv(tmp_path / "a" / "Connections.csv", [
        "Alan,Turing,,,Globex,Eng,01 Jan 2023", "Bob,Smith,,bob@y.com,Initech,PM,02 Feb 2022"])
    b = _csv(tmp_path / "b" / "Connections.csv", [
        "Alan,Turing,https://www.linkedin.com/in/alan,,Globex,Eng,01 Jan 2021",
        "Bob,Smith,https://www.linkedin.com/in/bob,bob@y.com,Initech,PM,02 Feb 2021"])
    net = ng.Network()
    if order == "name first":
        net.import_linkedin(a, owner="Ada")
        net.import_linkedin(b, owner="Bea")
    elif order == "url first":
        net.import_linkedin(b, owner="Bea")
        net.import_linkedin(a, owner="Ada")
    else:
        net.import_team({"Ada": a, "Bea": b})
    people = net.people
    assert (people["name"] == "Alan Turing").sum() == 1
    assert (people["name"] == "Bob Smith").sum() == 1
    alan = people[people["name"] == "Alan Turing"].iloc[0]
    assert alan["url"] == "https://www.linkedin.com/in/alan"
    assert net.find_person("https://www.linkedin.com/in/alan") == alan["person_id"]
    assert len(net.ties) == 4


def test_owner_named_in_a_colleagues_export_is_one_person(tmp_path):
    maya = _csv(tmp_path / "m" / "Connections.csv", [
        "Priya,Raman,https://www.linkedin.com/in/priya-r,,Globex,Eng,01 Jan 2021",
        "Grace,Hopper,https://www.linkedin.com/in/grace,,Acme,CTO,01 Jan 2021"])
    priya = tmp_path / "p" / "Connections.csv"
    priya.parent.mkdir()
    priya.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                     "Grace,Hopper,,Acme,CTO,01 Jan 2019\n", encoding="utf-8")
    for how in ("one by one", "team"):
        net = ng.Network()
        if how == "team":
            net.import_team({"Maya Okafor": maya, "Priya Raman": priya})
        else:
            net.import_linkedin(maya, owner="Maya Okafor")
            net.import_linkedin(priya, owner="Priya Raman")
        assert (net.people["name"] == "Priya Raman").sum() == 1, how
        assert (net.people["name"] == "Grace Hopper").sum() == 1, how
        assert sorted(net.owners["name"]) == ["Maya Okafor", "Priya Raman"]
        paths = net.warm_paths("Acme", source="Maya Okafor", k=5, distinct_introducers=False)
        assert len({p.introducer for p in paths}) == len({tuple(p.person_ids) for p in paths
                                                            if p.n_hops == 1}) or paths


def test_export_without_owner_uses_the_only_owner(tmp_path):
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Someone Else"]}), owner="Maya Okafor")
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "sample_data"
    net.import_linkedin(data / "maya_okafor_export.zip")
    assert net.owners["name"].tolist() == ["Maya Okafor"]
    assert net.owners["url"].iloc[0] == "https://www.linkedin.com/in/maya-okafor"


def test_contact_row_naming_the_owner_is_reported():
    net = ng.Network()
    report = net.import_contacts(pd.DataFrame({"name": ["Ada", "Grace"],
                                               "company": ["", "Acme"]}), owner="Ada")
    assert report.imported == 1 and report.merged == 0
    issues = report.issues()
    assert issues["reason"].str.contains("owner").any()
    assert issues["line"].tolist() == [2]


def test_reimporting_a_team_keeps_owner_lists_clean(tmp_path):
    a = _csv(tmp_path / "a" / "Connections.csv", [
        "Bea,B,https://www.linkedin.com/in/bea,,X,Y,01 Jan 2021",
        "Cy,C,https://www.linkedin.com/in/cy,,X,Y,01 Jan 2021"])
    b = _csv(tmp_path / "b" / "Connections.csv", [
        "Ada,A,https://www.linkedin.com/in/ada,,X,Y,01 Jan 2021",
        "Cy,C,https://www.linkedin.com/in/cy,,X,Y,01 Jan 2021"])
    net = ng.Network()
    net.import_team([("https://www.linkedin.com/in/ada", a), ("https://www.linkedin.com/in/bea", b)])
    before = net.ties.copy()
    net.import_team([("https://www.linkedin.com/in/ada", a), ("https://www.linkedin.com/in/bea", b)])
    pd.testing.assert_frame_equal(net.ties, before)
    assert all(len(o.split(";")) == len(set(o.split(";"))) for o in net.ties["owner"])


def test_alternating_exports_do_not_pile_up_affiliations(tmp_path):
    a = _csv(tmp_path / "a" / "Connections.csv",
             ["Grace,Hopper,https://www.linkedin.com/in/grace,,Acme,CTO,16 Dec 2024"])
    b = _csv(tmp_path / "b" / "Connections.csv",
             ["Grace,Hopper,https://www.linkedin.com/in/grace,,Umbrella,CEO,01 Jan 2025"])
    net = ng.Network()
    counts = []
    for path in (a, b, a, b, a):
        net.import_linkedin(path, owner="Ada")
        counts.append(len(net.affiliations))
    assert counts == [1, 2, 2, 2, 2]
    # b is the newer export (Jan 2025): re-importing the older a moves nobody back (issue 12)
    aff = net.affiliations.set_index("company_id")
    assert aff.loc["umbrella", "current"] and not aff.loc["acme", "current"]
    assert net.people.set_index("person_id").loc["in:grace", "company"] == "Umbrella"


def test_import_team_keeps_the_previous_job(tmp_path):
    a = _csv(tmp_path / "a" / "Connections.csv",
             ["Grace,Hopper,https://www.linkedin.com/in/grace,,Acme,CTO,16 Dec 2024"])
    b = _csv(tmp_path / "b" / "Connections.csv",
             ["Grace,Hopper,https://www.linkedin.com/in/grace,,Umbrella,CEO,01 Jan 2025",
              "Alan,Turing,https://www.linkedin.com/in/alan,,Globex,Eng,01 Mar 2025"])
    one = ng.Network()
    one.import_linkedin(a, owner="Ada")
    one.import_linkedin(b, owner="Bea")
    team = ng.Network()
    team.import_team({"Ada": a, "Bea": b})
    for net in (one, team):
        aff = net.affiliations
        grace = aff[aff["person_id"] == "in:grace"].set_index("company_id")
        assert set(grace.index) == {"acme", "umbrella"}
        assert grace.loc["umbrella", "current"] and not grace.loc["acme", "current"]
        assert grace.loc["acme", "end"] == pd.Timestamp("2025-03-01", tz="UTC")


def test_team_answers_say_whose_tie(tmp_path):
    net = ng.Network()
    log = pd.DataFrame({"person": ["Grace Hopper"] * 4,
                        "timestamp": ["2025-01-05", "2025-02-05", "2025-03-05", "2025-04-05"],
                        "channel": "call", "direction": ["out", "in", "out", "in"]})
    net.import_interactions(log, owner="Ada", create_missing=True)
    net.import_interactions(log.assign(person="Alan Turing"), owner="Bob", create_missing=True)
    ping = net.ping_list(at="2026-01-01")
    assert dict(zip(ping["person"], ping["owner_name"], strict=True)) == {
        "Grace Hopper": "Ada", "Alan Turing": "Bob"}
    page = net.to_html(tmp_path / "team.html").read_text()
    assert "Owners: Ada, Bob" in page and "Owner (you)" not in page
    net.log_interaction("Grace Hopper", when="2026-01-02")  # only Ada's contact: Ada's tie
    assert net.interactions["other_id"].astype(object).iloc[-1] == net.find_person("Ada")
    net.import_affiliations(pd.DataFrame({"name": ["Carol Shaw"], "company": ["Atari"]}))
    with pytest.raises(ng.NotFoundError, match="not a contact of any of the 2 owners") as err:
        net.log_interaction("Carol Shaw")  # whose tie? it asks instead of guessing
    assert err.value.suggestions == ["Ada", "Bob"]
    assert "--other" in err.value.for_cli()
