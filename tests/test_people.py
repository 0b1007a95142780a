"""One person per human: duplicate suggestions and identity decisions (merge, split,
distinct), kept across re-imports and workspace round trips."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import connections_csv

import netgraph as ng
from netgraph import sample
from netgraph.cli import main
from netgraph.data import schema
from netgraph.data.decisions import fold_person, suggest_duplicates
from netgraph.data.merge import Tables

DATA = ("people", "companies", "affiliations", "ties", "interactions", "overrides")
JORDAN_IN = "in:jordan-lee-4a5b"
JORDAN_MAIL = "email:jordan@stripe.com"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Jordan Lee twice: a contacts row keyed by e-mail, a LinkedIn connection keyed by URL
    (with another e-mail), and a log naming him."""
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("name,email\nJordan Lee,jordan@stripe.com\nAlan Turing,\n")
    export = connections_csv(tmp_path / "ada" / "Connections.csv", [
        "Jordan,Lee,https://www.linkedin.com/in/jordan-lee-4a5b,jl@stripe.com,Stripe,Engineer,"
        "16 Dec 2024",
        "Grace,Hopper,https://www.linkedin.com/in/grace,,Acme,CTO,16 Dec 2024",
    ])
    log = tmp_path / "log.csv"
    log.write_text("person,email,url,timestamp,channel,direction\n"
                   "Jordan Lee,jordan@stripe.com,,2026-01-05,call,out\n"
                   "Jordan Lee,,https://www.linkedin.com/in/jordan-lee-4a5b,2026-01-05,call,out\n"
                   "Jordan Lee,,https://www.linkedin.com/in/jordan-lee-4a5b,2026-02-05,meeting,"
                   "in\n")
    return {"contacts": contacts, "linkedin": export, "interactions": log}


def two_jordans(files: dict[str, Path]) -> ng.Network:
    net = ng.Network()
    for kind in ("contacts", "linkedin", "interactions"):
        net.import_source(kind, files[kind], owner="Ada Lovelace")
    return net


def data_of(net: ng.Network) -> dict[str, pd.DataFrame]:
    return {n: getattr(net.tables, n) for n in DATA}


def same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    return all(a[n].equals(b[n]) for n in DATA)


def test_duplicate_is_suggested_with_its_evidence(files):
    net = two_jordans(files)
    assert {JORDAN_IN, JORDAN_MAIL} <= set(net.people["person_id"])
    with pytest.raises(ng.NotFoundError, match="2 people"):
        net.strength("Jordan Lee")
    s = net.person_suggestions()
    assert s.columns.tolist() == ["a", "b", "name_a", "name_b", "company_a", "company_b",
                                  "score", "evidence"]
    top = s.iloc[0]
    assert (top["a"], top["b"]) == (JORDAN_IN, JORDAN_MAIL)  # keep the stronger id
    assert top["score"] == 85.0
    assert top["evidence"] == ("same name, e-mail at the same employer; "
                               "but two different e-mail addresses")
    assert s["score"].is_monotonic_decreasing


def test_merge_folds_every_table(files):
    net = two_jordans(files)
    n_people = len(net.people)
    assert net.merge_people(JORDAN_IN, JORDAN_MAIL, note="same Jordan") == JORDAN_IN
    p = net.people.set_index("person_id")
    assert len(p) == n_people - 1 and JORDAN_MAIL not in p.index
    assert p.loc[JORDAN_IN, "email"] == "jl@stripe.com"  # a's own fields win
    assert set(p.loc[JORDAN_IN, "source"].split(";")) >= {"contacts", "linkedin"}
    ties = net.ties
    ends = pd.concat([ties["a"], ties["b"]]).astype(object)
    assert (ends == JORDAN_IN).sum() == 1  # one tie to the owner, not two
    inter = net.interactions
    assert (inter["person_id"] == JORDAN_IN).sum() == 2  # the two 5 Jan calls are one
    for name in schema.PERSON_COLUMNS:  # person columns are over the new people
        for col in schema.PERSON_COLUMNS[name]:
            assert list(getattr(net.tables, name)[col].cat.categories) == list(p.index)
    assert net.strength("Jordan Lee", at="2026-02-06") > 0
    dec = net.tables.identity_decisions
    assert dec[["kind", "a", "b", "note"]].values.tolist() == [
        ["merge", JORDAN_IN, JORDAN_MAIL, "same Jordan"]]
    assert len(net.person_suggestions()) == 0


def test_merge_is_kept_across_reimports(files):
    net = two_jordans(files)
    net.merge_people(JORDAN_IN, JORDAN_MAIL)
    merged = data_of(net)
    for kind in ("contacts", "linkedin", "interactions"):  # would make two Jordans again
        net.import_source(kind, files[kind], owner="Ada Lovelace")
        assert same(data_of(net), merged), kind
    assert net.imports["repeat_of"].tolist() == [0, 0, 0, 1, 2, 3]


def test_a_merge_into_a_weaker_id_takes_the_strongest(files):
    net = two_jordans(files)
    assert net.merge_people(JORDAN_MAIL, JORDAN_IN) == JORDAN_IN  # re-keyed to the URL
    p = net.people.set_index("person_id")
    assert p.loc[JORDAN_IN, "email"] == "jordan@stripe.com"
    dec = net.tables.identity_decisions
    assert dec[["a", "b", "a0", "b0"]].values.tolist() == [
        [JORDAN_IN, JORDAN_IN, JORDAN_MAIL, JORDAN_IN]]


def test_split_restores_the_person_exactly(files):
    net = two_jordans(files)
    before = data_of(net)
    net.merge_people(JORDAN_IN, JORDAN_MAIL)
    assert net.split_person("Jordan Lee") == JORDAN_MAIL
    assert same(data_of(net), before)
    assert net.tables.identity_decisions["kind"].tolist() == ["merge", "split"]
    assert len(net.person_suggestions()) == 0 or JORDAN_MAIL not in set(
        net.person_suggestions()[["a", "b"]].values.ravel())  # split pairs are settled
    net.import_source("contacts", files["contacts"], owner="Ada Lovelace")
    assert same(data_of(net), before)  # the merge is no longer applied
    with pytest.raises(ng.NotFoundError, match="nobody was merged"):
        net.split_person(JORDAN_IN)


def test_split_after_later_imports_is_as_if_never_merged(files, tmp_path):
    more = tmp_path / "more.csv"
    more.write_text("name,email,company\nJordan Lee,jordan@stripe.com,Stripe\n"
                    "Barbara Liskov,,MIT\n")
    net = two_jordans(files)
    net.merge_people(JORDAN_IN, JORDAN_MAIL)
    net.import_contacts(more, owner="Ada Lovelace")
    net.split_person(JORDAN_IN)
    ref = two_jordans(files)
    ref.import_contacts(more, owner="Ada Lovelace")
    assert same(data_of(net), data_of(ref))


def test_distinct_pairs_are_not_suggested(files, tmp_path):
    net = two_jordans(files)
    net.mark_distinct(JORDAN_MAIL, JORDAN_IN, note="two Jordans")
    assert not ((net.person_suggestions()["a"] == JORDAN_IN)
                & (net.person_suggestions()["b"] == JORDAN_MAIL)).any()
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    pd.testing.assert_frame_equal(back.tables.identity_decisions,
                                  net.tables.identity_decisions, check_exact=True)
    assert back.person_suggestions().equals(net.person_suggestions())


def test_decisions_survive_a_workspace_round_trip(files, tmp_path):
    net = two_jordans(files)
    net.merge_people(JORDAN_IN, JORDAN_MAIL)
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(back.tables, name), getattr(net.tables, name),
                                      check_exact=True, obj=name)
    back.import_source("contacts", files["contacts"], owner="Ada Lovelace")
    assert same(data_of(back), data_of(net))
    back.split_person(JORDAN_IN)
    assert same(data_of(back), data_of(two_jordans(files)))


def test_fold_person_fills_and_dedupes():
    people = pd.DataFrame({"name": ["Ada L", "Ada L", "Bob"],
                           "email": ["ada@x.org", "", ""],
                           "url": ["", "https://www.linkedin.com/in/ada", ""],
                           "company": ["", "Acme", ""], "title": ["", "CTO", ""]})
    from netgraph.data.merge import add_affiliations, add_ties, upsert_people

    t, ids, _ = upsert_people(Tables.empty(), people, source="contacts")
    t, _ = add_ties(t, ids.iloc[[0, 1, 0]], ids.iloc[[2, 2, 1]],
                    pd.Series(pd.to_datetime(["2024-01-01", "2020-01-01", None], utc=True)),
                    source="contacts", owner=ids.iloc[0])
    rows = pd.DataFrame({"person_id": ids.iloc[[0, 1]].tolist(), "company": ["Acme", "Acme"],
                         "title": ["", ""], "start": pd.to_datetime(["2020-01-01"] * 2, utc=True),
                         "end": pd.NaT, "current": True})
    t, _ = add_affiliations(t, rows, source="history")
    a, b = ids.iloc[0], ids.iloc[1]
    t2, renamed = fold_person(t, a, b)
    assert renamed == {b: a, a: b}  # a took b's URL, so a's id is now the URL's
    row = t2.people.iloc[0]
    assert (row["person_id"], row["email"], row["company"], row["title"]) == (
        "in:ada", "ada@x.org", "Acme", "CTO")
    assert len(t2.ties) == 1  # the a-b tie is gone, the two ties to Bob are one
    tie = t2.ties.iloc[0]
    assert tie["since"] == pd.Timestamp("2020-01-01", tz="UTC")
    assert len(t2.affiliations) == 1


def test_suggestions_are_blocked_at_scale():
    f = sample.pooled_tables(n_people=100_000, n_ties=150_000, owners=(600, 40),
                             n_interactions=500, seed=5)
    t = Tables(**f)
    start = time.perf_counter()
    s = suggest_duplicates(t)
    assert time.perf_counter() - start < 60  # blocked: a few seconds, never 5e9 pairs
    assert len(s) and (s["score"] >= 70).all()
    assert s["a"].ne(s["b"]).all()


def test_suggestions_see_fuzzy_names_and_url_stems():
    people = pd.DataFrame({
        "name": ["Jonathan Smyth", "Jonathon Smyth", "Mia Wong", "Mia Wong"],
        "company": ["Acme", "Acme", "", ""],
        "url": ["", "", "https://www.linkedin.com/in/mia-wong",
                "https://www.linkedin.com/in/mia-wong-7f3a2b1"]})
    from netgraph.data.merge import upsert_people

    t, _, _ = upsert_people(Tables.empty(), people, source="contacts")
    s = suggest_duplicates(t, threshold=60)
    words = dict(zip(s["name_a"], s["evidence"], strict=True))
    assert words["Jonathan Smyth"] == "similar name at the same employer"
    assert words["Mia Wong"] == ("shared profile-URL stem; same name, no employer known; "
                                 "but two different LinkedIn profiles")
    assert s.loc[s["name_a"] == "Mia Wong", "score"].iloc[0] == 65.0


def test_cli_people_commands(files, tmp_path, capsys):
    db = str(tmp_path / "ws.db")
    for kind in ("contacts", "linkedin", "interactions"):
        assert main(["--db", db, "import", kind, str(files[kind]), "--owner",
                     "Ada Lovelace"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "strength", "Jordan Lee"]) == 1
    assert "2 people" in capsys.readouterr().err
    assert main(["--db", db, "people", "suggest", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert (rows[0]["a"], rows[0]["b"]) == (JORDAN_IN, JORDAN_MAIL)
    assert main(["--db", db, "people", "suggest"]) == 0
    assert "people merge A B" in capsys.readouterr().out
    assert main(["--db", db, "people", "merge", JORDAN_IN, JORDAN_MAIL]) == 0
    assert "now in:jordan-lee-4a5b" in capsys.readouterr().out
    assert main(["--db", db, "strength", "Jordan Lee", "--at", "2026-02-06"]) == 0
    capsys.readouterr()
    assert ng.Network.load(db).tables.identity_decisions["kind"].tolist() == ["merge"]
    assert main(["--db", db, "people", "split", "Jordan Lee"]) == 0
    assert f"split {JORDAN_MAIL}" in capsys.readouterr().out
    assert main(["--db", db, "people", "distinct", JORDAN_IN, JORDAN_MAIL]) == 0
    capsys.readouterr()
    net = ng.Network.load(db)
    assert net.tables.identity_decisions["kind"].tolist() == ["merge", "split", "distinct"]
    assert len(net.people) == 5
    assert main(["--db", db, "people", "merge", "Nobody", "Jordan Lee"]) == 1
