"""Introductions asked and tracked, outcomes that calibrate path probabilities, and a ping
list that follows the job search (targets, open asks, due dates that make sense).

The network is built from real files (a Connections.csv, an interaction log, a job
history) written to tmp_path; the workspace is a real SQLite file.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.cli import main
from netgraph.data import schema
from netgraph.data.asks import NEXT, STATUSES
from netgraph.data.journal import replay
from netgraph.ping import DUE_MARGIN_DAYS, ping_list
from netgraph.routing.calibration import fit_path_calibration
from netgraph.scoring import prepare, score

AT = pd.Timestamp("2026-11-29", tz="UTC")
OWNER = "Maya Okafor"
ACME = "Acme Robotics"

CONNECTIONS = [
    # name, company, title, connected
    ("Yara", "Silva", ACME, "Site Reliability Engineer", "12 Mar 2019"),
    ("Hana", "Kim", ACME, "Engineering Manager", "02 Feb 2021"),
    ("Ben", "Okoye", "Globex", "Product Manager", "05 May 2018"),
    ("Cleo", "Park", "Initech", "Designer", "06 Jun 2018"),
    ("Dev", "Rao", "Umbrella", "Data Scientist", "07 Jul 2018"),
    ("Eli", "Moss", "Hooli", "Engineer", "08 Aug 2018"),
    ("Fay", "Lin", "Wayne Enterprises", "Analyst", "09 Sep 2018"),
    ("Gus", "Tan", "Stark Industries", "Engineer", "10 Oct 2018"),
    ("Ivo", "Berg", "Globex", "Recruiter", "11 Nov 2018"),
]


def _slug(first: str, last: str) -> str:
    return f"{first}-{last}".lower()


def _calls(name: str, start: str, n: int, every: int, channel: str = "call") -> list[dict]:
    days = pd.Timestamp(start) + pd.to_timedelta(np.arange(n) * every, unit="D")
    return [{"person": name, "timestamp": d.strftime("%Y-%m-%d"), "channel": channel,
             "direction": "out" if i % 2 else "in"} for i, d in enumerate(days)]


def write_files(folder: Path) -> dict[str, Path]:
    """Maya's export, her interaction log and a job history, as files."""
    from conftest import connections_csv

    folder.mkdir(parents=True, exist_ok=True)
    rows = [f"{f},{last},https://www.linkedin.com/in/{_slug(f, last)},,{c},{t},{d}"
            for f, last, c, t, d in CONNECTIONS]
    conn = connections_csv(folder / "Connections.csv", rows)
    log = []
    # six good friends, monthly calls that stopped two months ago: overdue, high peaks
    for first, last in [("Ben", "Okoye"), ("Cleo", "Park"), ("Dev", "Rao"), ("Eli", "Moss"),
                        ("Fay", "Lin"), ("Gus", "Tan")]:
        log += _calls(f"{first} {last}", "2025-06-01", 16, 28)
    # Yara: two messages each way in the summer, nothing since
    log += _calls("Yara Silva", "2026-06-10", 4, 3, "message")
    # Hana: met once this year, and a call yesterday (not due: she was just contacted)
    log += _calls("Hana Kim", "2026-03-01", 1, 1, "meeting")
    log += [{"person": "Hana Kim", "timestamp": "2026-11-28", "channel": "call",
             "direction": "in"}]
    inter = folder / "interactions.csv"
    pd.DataFrame(log).to_csv(inter, index=False)
    jobs = folder / "job_history.csv"
    pd.DataFrame({"person": ["Yara Silva", "Hana Kim"], "company": [ACME, ACME],
                  "title": ["Site Reliability Engineer", "Engineering Manager"],
                  "start": ["2019-01-01", "2020-06-01"], "end": ["", ""]}).to_csv(jobs,
                                                                                  index=False)
    return {"connections": conn, "interactions": inter, "jobs": jobs}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Maya's network imported from the files once, kept in a workspace file."""
    folder = tmp_path_factory.mktemp("asks")
    files = write_files(folder / "maya")
    net = ng.Network()
    net.import_linkedin(files["connections"], owner=OWNER)
    net.import_interactions(files["interactions"], owner=OWNER)
    net.import_affiliations(files["jobs"])
    net.save(folder / "maya.db")
    return folder / "maya.db"


@pytest.fixture
def files(saved: Path) -> Path:
    return saved


def build(saved: Path) -> ng.Network:
    """A fresh copy of the network (loaded from the workspace: the same tables)."""
    return ng.Network.load(saved)


def rank(frame: pd.DataFrame, person: str) -> int:
    hit = np.flatnonzero(frame["person"].to_numpy() == person)
    return int(hit[0]) if len(hit) else 10**6


def row(frame: pd.DataFrame, person: str) -> pd.Series:
    return frame.set_index("person").loc[person]


# ----------------------------------------------------------------------------- the story

def test_a_job_search_story(files: Path, tmp_path: Path) -> None:
    net = build(files)
    base = net.ping_list(at=AT, n=None)
    # setting the target moves the list: the people on the best paths in come first
    net.set_targets([ACME])
    targeted = net.ping_list(at=AT, n=None)
    assert rank(base, "Yara Silva") >= 6 and rank(base, "Hana Kim") >= 6
    assert {rank(targeted, "Yara Silva"), rank(targeted, "Hana Kim")} == {0, 1}
    assert "works at Acme Robotics: ask for a referral" in row(targeted, "Hana Kim").reason
    assert row(targeted, "Hana Kim").due == AT  # the ask for an introduction is due now

    # record an ask; unanswered, it is due for a follow-up 7 days later
    asked_on = AT - pd.Timedelta(days=9)
    ask_id = net.ask("Yara Silva", ACME, about="the Staff Engineer role", via="message",
                     when=asked_on)
    ask = net.asks.set_index("ask_id").loc[ask_id]
    assert (ask.status, ask.target, ask.target_kind, ask.introducer) == (
        "asked", ACME, "company", "Yara Silva")
    assert 0 < ask.probability < 1  # the raw chance of the best path through Yara, then
    early = net.ping_list(at=asked_on + pd.Timedelta(days=3), n=None)
    assert row(early, "Yara Silva").due == asked_on + pd.Timedelta(days=7)
    assert "follow up on your ask" in row(early, "Yara Silva").reason
    late = net.ping_list(at=AT, n=None)
    yara = row(late, "Yara Silva")
    assert yara.reason.startswith("follow up on your ask to Yara Silva about the Staff "
                                  "Engineer role, asked 9 days ago")
    assert yara.due == AT and yara.ask_id == ask_id and yara.target == ACME
    assert rank(late, "Yara Silva") <= 1
    # any contact with her resets the follow-up clock
    net.log_interaction("Yara Silva", when=AT - pd.Timedelta(days=3), channel="message")
    assert row(net.ping_list(at=AT, n=None), "Yara Silva").due == AT + pd.Timedelta(days=4)

    # the introduction: a new tie, dated, and a path through it
    assert "Sam Lee" not in set(net.people["name"])
    met_on = AT - pd.Timedelta(days=2)
    net.update_ask(ask_id, "introduced", when=met_on, person="Sam Lee")
    sam = net.find_person("Sam Lee")
    tie = net.ties[(net.ties["a"] == sam) | (net.ties["b"] == sam)]
    assert len(tie) == 1 and "ask" in tie["source"].iloc[0] and tie["since"].iloc[0] == met_on
    assert net.strength("Sam Lee", at=AT) > 0
    paths = net.warm_paths(ACME, at=AT, k=10)
    assert any(p.person_ids[1] == sam for p in paths)
    after = net.ping_list(at=AT, n=None)
    assert row(after, "Yara Silva").reason.startswith(
        "thank Yara Silva for introducing you to Sam Lee (2 days ago)")
    assert row(after, "Sam Lee").reason.startswith("follow up with Sam Lee (Acme Robotics)")
    assert row(after, "Sam Lee").due == met_on + pd.Timedelta(days=7)

    # decline another; a backwards move or an unknown status lists the allowed moves
    other = net.ask("Ben Okoye", "Globex", when=AT - pd.Timedelta(days=20))
    net.update_ask(other, "declined", when=AT - pd.Timedelta(days=3))
    with pytest.raises(ng.InputError, match="declined is final"):
        net.update_ask(other, "asked")
    with pytest.raises(ng.InputError, match=r"cannot become 'asked'.*met, referred, offer"):
        net.update_ask(ask_id, "asked")
    with pytest.raises(ng.InputError, match=r"unknown status 'hired'.*asked, introduced"):
        net.update_ask(ask_id, "hired")
    with pytest.raises(ng.NotFoundError, match="no ask 99"):
        net.update_ask(99, "met")
    assert "Ben Okoye" not in set(net.ping_list(at=AT, n=None).query("stake > 0")["person"])

    # an ask naming nobody known: suggestions
    with pytest.raises(ng.NotFoundError, match="Did you mean: 'Yara Silva'"):
        net.ask("Yara Silvia", ACME)
    with pytest.raises(ng.NotFoundError, match=r"no company or person named 'Acme Robtics'.*"
                                               r"Did you mean: 'Acme Robotics'"):
        net.ask("Yara Silva", "Acme Robtics")

    # two outcomes: too few to calibrate, the prior is kept and said so
    cal = net.calibrate_paths(at=AT)
    assert not cal.fitted and cal.n_outcomes == 2
    assert str(cal) == ("prior kept: 2 outcomes, fewer than the 20 needed to calibrate path "
                        "probabilities")
    assert all(p.raw_probability is None for p in net.warm_paths(ACME, at=AT))

    # the asks round-trip through the workspace, and are journaled: a replay rebuilds them
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    pd.testing.assert_frame_equal(back.asks, net.asks, check_exact=True)
    assert set(net.edits["kind"]) >= {"ask", "ask_update"}
    again = replay(net.tables)
    for name in ("asks", "people", "ties", "interactions"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(net.tables, name), obj=name)


def test_undoing_the_import_that_made_the_introducer_drops_their_asks(files) -> None:
    net = build(files)
    net.import_contacts(pd.DataFrame({"name": ["Ola Berg"], "company": [ACME]}), owner=OWNER)
    net.ask("Ola Berg", ACME, when="2026-11-01")
    net.ask("Ben Okoye", "Globex", when="2026-11-02")
    net.update_ask(2, "met", when="2026-11-10", person="Ivo Berg")
    net.update_ask(1, "declined", when="2026-11-12")
    assert net.asks["status"].tolist() == ["declined", "met"]
    net.undo_import(int(net.imports["import_id"].iloc[2]))  # the job history: asks stay
    assert net.asks["status"].tolist() == ["declined", "met"]
    net.undo_import(int(net.imports["import_id"].iloc[-1]))  # the contacts: Ola goes
    assert "Ola Berg" not in set(net.people["name"])
    assert net.asks[["ask_id", "status"]].values.tolist() == [[2, "met"]]


def test_asks_follow_merges_of_people(files) -> None:
    net = build(files)
    net.import_contacts(pd.DataFrame({"name": ["Y. Silva"], "email": ["yara@acme.example"],
                                      "company": [ACME]}), owner=OWNER)
    net.ask("Y. Silva", ACME, when="2026-11-01")
    keep = net.merge_people("Yara Silva", "Y. Silva")
    assert net.asks["introducer_id"].astype(str).tolist() == [keep]


def test_status_list_and_moves_are_documented() -> None:
    assert STATUSES == ("asked", "introduced", "met", "referred", "offer", "declined",
                        "no_reply")
    forward = STATUSES[:5]
    for i, s in enumerate(forward):
        assert set(NEXT[s]) == set(forward[i + 1:]) | ({"declined", "no_reply"}
                                                        if s != "offer" else set())
    assert NEXT["declined"] == NEXT["no_reply"] == NEXT["offer"] == ()


def test_via_must_be_a_channel(files) -> None:
    net = build(files)
    with pytest.raises(ng.InputError, match="unknown channel via='pigeon'"):
        net.ask("Yara Silva", ACME, via="pigeon")
    assert len(net.asks) == 0


def test_a_person_target_and_a_referral_by_the_introducer(files) -> None:
    net = build(files)
    i = net.ask("Yara Silva", "Hana Kim", when="2026-11-01")
    a = net.asks.set_index("ask_id").loc[i]
    assert (a.target_kind, a.person) == ("person", "Hana Kim")
    n_ties = len(net.ties)
    net.update_ask(i, "introduced", when="2026-11-05")  # Hana was already a contact
    assert len(net.ties) == n_ties
    j = net.ask("Hana Kim", ACME, about="a referral", when="2026-11-01")
    assert net.asks.set_index("ask_id").loc[j, "person"] == "Hana Kim"  # she is inside
    net.update_ask(j, "referred", when="2026-11-20")
    assert len(net.ties) == n_ties  # she refers you herself: no new tie


# ----------------------------------------------------------------------------- ping list

def test_mid_referral_at_a_target_ranks_at_the_top(files) -> None:
    """Issue 9: a person mid-referral at a target company stayed 7th."""
    net = build(files)
    net.set_targets([ACME])
    i = net.ask("Hana Kim", ACME, about="a referral", when="2026-11-10")
    net.update_ask(i, "referred", when="2026-11-20")
    out = net.ping_list(at=AT, n=None)
    assert rank(out, "Hana Kim") <= 1
    hana = row(out, "Hana Kim")
    assert hana.reason.startswith("referral in progress at Acme Robotics")
    # her call yesterday resets the clock: the next check-in is a week after it
    assert hana.due == pd.Timestamp("2026-11-28", tz="UTC") + pd.Timedelta(days=7)


def test_without_targets_open_asks_still_lead(files) -> None:
    net = build(files)
    net.ask("Cleo Park", "Initech", when="2026-11-15")
    out = net.ping_list(at=AT, n=3)
    assert out["person"].iloc[0] == "Cleo Park"
    assert "asked 2 weeks ago" in out["reason"].iloc[0]


def test_overdue_rows_are_due_today_and_say_by_how_much(files) -> None:
    out = build(files).ping_list(at=AT, n=None)
    late = out[out["overdue_days"] > 0]
    assert len(late) >= 6
    assert (late["due"] == AT).all()
    assert late["reason"].str.contains("overdue by").all()
    assert (out.loc[out["overdue_days"] == 0, "reason"].str.contains("overdue").sum() == 0)
    assert (out["due"] >= AT).all()


def test_a_team_keeps_whose_tie_it_is(files, tmp_path) -> None:
    net = build(files)
    net.import_contacts(pd.DataFrame({"name": ["Ola Berg"], "company": [ACME]}),
                        owner="Jonas Lindqvist")
    net.ask("Ola Berg", ACME, when="2026-11-10")
    out = net.ping_list(at=AT, n=None)
    ola = row(out, "Ola Berg")
    assert ola.owner_name == "Jonas Lindqvist" and "follow up on your ask" in ola.reason
    assert set(out["owner_name"]) == {OWNER, "Jonas Lindqvist"}


_DAY = st.integers(0, 900)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(st.tuples(st.sampled_from(["b", "c", "d"]), _DAY,
                                 st.sampled_from(["meeting", "call", "message", "email"]),
                                 st.sampled_from(["in", "out", ""])), min_size=1, max_size=30),
       at_day=st.integers(0, 1100))
def test_due_never_falls_after_a_drop_or_going_cold(events, at_day) -> None:
    """Issue 9: due dates fell after the goes-cold date."""
    ids = ["a", "b", "c", "d"]
    start = pd.Timestamp("2024-01-01", tz="UTC")
    at = start + pd.Timedelta(days=at_day)
    ties = schema.conform(pd.DataFrame({"a": ["a"] * 3, "b": ["b", "c", "d"],
                                        "since": "2023-06-01"}), "ties", ids)
    inter = schema.conform(pd.DataFrame({
        "person_id": [e[0] for e in events], "other_id": "a",
        "timestamp": [start + pd.Timedelta(days=e[1]) for e in events],
        "channel": [e[2] for e in events], "direction": [e[3] for e in events]}),
        "interactions", ids)
    s = score(prepare(ties, inter), at=at, forecast=True)
    out = ping_list(s, owner="a", at=at, n=None)
    assert (out["due"] >= at).all()
    for col in ("goes_cold_on", "next_tier_on"):
        limit = out[col]
        bound = (limit - pd.Timedelta(days=DUE_MARGIN_DAYS)).where(lambda x: x > at, at)
        bad = limit.notna() & (out["due"] > bound + pd.Timedelta(seconds=1))
        assert not bad.any(), out.loc[bad, ["due", col, "reason"]]
    late = out["overdue_days"] > 0
    assert (out.loc[late, "due"] == at).all()


# ----------------------------------------------------------------------------- calibration

def test_calibration_recovers_a_known_rate_from_500_outcomes() -> None:
    """A simulated history: introductions succeed at sigmoid(-0.6 + 0.7 logit p)."""
    rng = np.random.default_rng(12)
    p = rng.uniform(0.03, 0.95, 500)
    true = 1 / (1 + np.exp(-(-0.6 + 0.7 * np.log(p / (1 - p)))))
    success = rng.random(500) < true
    cal = fit_path_calibration(p, success)
    assert cal.fitted and cal.n_outcomes == 500 and cal.n_success == int(success.sum())
    grid = np.quantile(p, np.linspace(0.05, 0.95, 19))
    truth = 1 / (1 + np.exp(-(-0.6 + 0.7 * np.log(grid / (1 - grid)))))
    assert np.abs(cal.apply(grid) - truth).max() < 0.05
    # the raw probabilities were off by far more than that
    assert np.abs(grid - truth).max() > 0.15
    table = cal.table
    assert table["n"].sum() == 500 and (np.abs(table["calibrated"] - table["observed"]) < 0.15).all()


def test_calibration_keeps_the_order_and_handles_one_kind_of_outcome() -> None:
    p = np.linspace(0.1, 0.9, 30)
    cal = fit_path_calibration(p, np.zeros(30, bool))
    out = cal.apply(p)
    assert cal.fitted and (np.diff(out) > 0).all() and (out < p).all()
    assert 0.01 <= cal.slope <= 20
    with pytest.raises(ng.InputError, match="30 probabilities but 2 outcomes"):
        fit_path_calibration(p, [True, False])


def test_calibrate_paths_on_recorded_asks_is_saved_and_applied(files, tmp_path) -> None:
    net = build(files)
    intros = ["Yara Silva", "Hana Kim", "Ben Okoye", "Ivo Berg"]
    # 24 asks in September, all declined or unanswered: the paths promised too much
    for i in range(24):
        who = intros[i % 4]
        target = ACME if i % 4 < 2 else "Globex"
        ask_id = net.ask(who, target, when=AT - pd.Timedelta(days=60))
        if i % 3:
            net.update_ask(ask_id, "declined", when=AT - pd.Timedelta(days=40))
    usable = net.asks["probability"].notna().sum()
    cal = net.calibrate_paths(at=AT)
    assert cal.n_outcomes == usable >= 20 and cal.fitted and cal.n_success == 0
    paths = net.warm_paths(ACME, at=AT)
    assert paths[0].raw_probability is not None
    assert all(p.probability < p.raw_probability for p in paths)
    assert "raw_probability" in paths.to_frame().columns
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    assert back.path_calibration == net.path_calibration
    assert back.warm_paths(ACME, at=AT)[0].probability == paths[0].probability
    # statuses recorded later are not known yet; unanswered asks wait 30 days
    assert net.calibrate_paths(at=AT - pd.Timedelta(days=45)).n_outcomes == 0
    assert net.calibrate_paths(at=AT - pd.Timedelta(days=35)).n_outcomes == 16


def test_an_unreadable_stored_calibration_falls_back_with_a_warning(files, tmp_path) -> None:
    import sqlite3

    net = build(files)
    path = tmp_path / "ws.db"
    net.save(path)
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO netgraph_meta VALUES ('path_calibration', ?)",
                    (json.dumps({"slope": "steep"}),))
    con.close()
    with pytest.warns(UserWarning, match="path calibration"):
        back = ng.Network.load(path)
    assert not back.path_calibration.fitted


# ----------------------------------------------------------------------------- CLI

def cli(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_cli_ask_update_and_list(files, tmp_path) -> None:
    db = tmp_path / "ws.db"
    build(files).save(db)
    code, out, err = cli("--db", db, "ask", "Yara Silva", ACME, "--about", "a referral",
                         "--via", "email", "--when", "2026-11-01")
    assert code == 0, err
    assert out.startswith("ask 1: asked Yara Silva about a referral (best path through them: "
                          "chance 0.")
    code, out, err = cli("--db", db, "ask-update", "1", "introduced", "--person", "Sam Lee",
                         "--when", "2026-11-10")
    assert code == 0, err
    assert out.strip() == "ask 1 (Yara Silva to Sam Lee, Acme Robotics): now introduced"
    code, out, err = cli("--db", db, "asks", "--json")
    rows = json.loads(out)
    assert [(r["ask_id"], r["status"], r["person"], r["via"]) for r in rows] == [
        (1, "introduced", "Sam Lee", "email")]
    code, out, err = cli("--db", db, "asks", "--csv", tmp_path / "asks.csv")
    assert code == 0 and "introduced" in out
    assert pd.read_csv(tmp_path / "asks.csv")["status"].tolist() == ["introduced"]
    # user errors: one message, a hint, exit 1, the workspace unchanged
    before = db.read_bytes()
    code, out, err = cli("--db", db, "ask-update", "1", "asked")
    assert code == 1 and err.startswith("error: ask 1 is introduced: it cannot become 'asked'")
    assert "Hint:" in err and "Traceback" not in err
    code, out, err = cli("--db", db, "ask", "Nobody Known", ACME)
    assert code == 1 and "no introducer named 'Nobody Known'" in err
    assert db.read_bytes() == before
    code, out, err = cli("--db", db, "asks", "--open")
    assert code == 0 and "Sam Lee" in out
