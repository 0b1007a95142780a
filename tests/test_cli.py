"""The ``netgraph`` command line, run in-process (``main([...])``) and as a real subprocess.

One workspace per module is built from the sample data through the CLI's own
``import`` commands; tests that change a workspace work on a copy of it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netgraph.cli import build_parser, main
from netgraph.network import Network
from netgraph.sample import TARGET_COMPANY, write_sample_data
from netgraph.scoring import TIERS

ROOT = Path(__file__).resolve().parent.parent
AT = "2026-11-01"  # the sample's "today" (netgraph.sample.SAMPLE_END)
MAYA, JONAS = "Maya Okafor", "Jonas Lindqvist"

PATHS_KEYS = {"target", "reason", "paths"}
PATH_KEYS = {"rank", "probability", "source", "introducer", "target_person", "company", "people",
             "person_ids", "weakest", "hops"}
HOP_KEYS = {"from", "to", "from_id", "to_id", "strength", "kind", "evidence"}
SUMMARY_KEYS = {"people", "companies", "ties", "interactions", "owners", "targets"}
PING_KEYS = {"person", "strength", "tier", "last_contact", "due", "goes_cold_on", "reason"}
REACH_KEYS = {"company", "company_id", "probability", "hops", "source", "introducer", "person"}
IMPORT_KEYS = {"file", "kind", "rows_read", "imported", "merged", "new_people", "issues"}
STRENGTH_KEYS = {"person", "other", "strength", "connected", "tier", "at", "components",
                 "contributions", "evidence", "explanation"}


# --------------------------------------------------------------------------- helpers

def run_cli(*args: str) -> tuple[int, str, str]:
    """``main(args)`` in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def run_proc(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a separate process (``python -m netgraph.cli``), output captured."""
    env = {k: v for k, v in os.environ.items() if k != "NETGRAPH_DB"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "netgraph.cli", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)


def as_json(text: str):
    return json.loads(text)


def assert_user_error(code: int, out: str, err: str, *needles: str) -> None:
    """Exit 1, nothing on stdout, one 'error:' message on stderr, no traceback."""
    assert code == 1, (out, err)
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("error: ") == 1
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(autouse=True)
def _no_env_db(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETGRAPH_DB", raising=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data shipped in the repository (regenerated if it is missing)."""
    shipped = ROOT / "sample_data"
    if (shipped / "maya_okafor_export.zip").exists():
        return shipped
    folder = tmp_path_factory.mktemp("sample_data")
    write_sample_data(folder)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sample: Path) -> dict:
    """A workspace with Maya's and Jonas's data, built with the CLI's import commands."""
    db = tmp_path_factory.mktemp("workspace") / "team.db"
    runs = {
        "zip": run_cli("--db", db, "import", "linkedin", sample / "maya_okafor_export.zip",
                       "--owner", MAYA),
        "log": run_cli("--db", db, "import", "interactions",
                       sample / "maya_okafor" / "interactions.csv", "--owner", MAYA),
        # options after the command work too, and --json reports the import
        "jonas": run_cli("import", "linkedin", sample / "jonas_lindqvist", "--owner", JONAS,
                         "--db", db, "--json", "--quiet"),
        "jonas_log": run_cli("--db", db, "-q", "import", "interactions",
                             sample / "jonas_lindqvist" / "interactions.csv", "--owner", JONAS),
        "jobs": run_cli("--db", db, "import", "affiliations", sample / "affiliations.csv"),
    }
    for name, (code, _, err) in runs.items():
        assert code == 0, (name, err)
    return {"db": db, "runs": runs}


@pytest.fixture(scope="module")
def db(built: dict) -> Path:
    return built["db"]


@pytest.fixture
def db_copy(db: Path, tmp_path: Path) -> Path:
    """A private copy of the module workspace, for tests that change it."""
    return Path(shutil.copy2(db, tmp_path / "copy.db"))


# --------------------------------------------------------------------------- import

def test_import_prints_the_report_and_saves(built: dict, db: Path) -> None:
    _, out, err = built["runs"]["zip"]
    assert err == ""  # no progress bar when stderr is not a terminal
    assert "rows read" in out and "new people" in out
    assert "skipped line" in out and "ghost row" in out  # what was skipped, and why
    assert f"saved {db}" in out
    _, log_out, _ = built["runs"]["log"]
    assert "unparseable timestamp" in log_out and "line " in log_out
    assert db.exists() and db.stat().st_size > 0


def test_import_json_has_stable_keys(built: dict) -> None:
    _, out, _ = built["runs"]["jonas"]
    reports = as_json(out)
    assert isinstance(reports, list) and len(reports) == 1
    rep = reports[0]
    assert set(rep) == IMPORT_KEYS
    assert rep["kind"].startswith("linkedin")
    assert rep["rows_read"] > 0 and rep["imported"] > 0
    assert all({"line", "reason"} <= set(issue) for issue in rep["issues"])


def test_import_of_several_files_is_all_or_nothing(db_copy: Path, tmp_path: Path,
                                                   sample: Path) -> None:
    """A failing file leaves the workspace byte-identical, even after a good one."""
    bad = tmp_path / "contacts.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    before = db_copy.read_bytes()
    code, out, err = run_cli("--db", db_copy, "import", "contacts",
                             sample / "maya_okafor" / "Connections.csv", bad, "--owner", MAYA)
    assert_user_error(code, out, err, "contacts.csv", "Expected", "Hint:")
    assert db_copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv", "copy.db"]


def test_missing_file_is_a_clear_error(db_copy: Path, tmp_path: Path) -> None:
    before = db_copy.read_bytes()
    missing = tmp_path / "nope.zip"
    code, out, err = run_cli("--db", db_copy, "import", "linkedin", missing, "--owner", MAYA)
    assert_user_error(code, out, err, "nope.zip", "Hint:")
    assert db_copy.read_bytes() == before


@pytest.mark.parametrize("kind, text, needle", [
    ("contacts", "a,b\n1,2\n", "Expected"),
    ("interactions", "person,timestamp,channel\nGrace Hopper,sometime,call\n", "timestamp"),
    ("affiliations", "", "bad.csv"),
    ("linkedin", "x,y\n1,2\n", "LinkedIn"),
])
def test_bad_csv_is_a_clear_error(db_copy: Path, tmp_path: Path, kind: str, text: str,
                                  needle: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    before = db_copy.read_bytes()
    code, out, err = run_cli("--db", db_copy, "import", kind, bad, "--owner", MAYA)
    assert_user_error(code, out, err, "bad.csv", needle)
    assert db_copy.read_bytes() == before


def test_first_import_creates_the_workspace(tmp_path: Path, sample: Path) -> None:
    ws = tmp_path / "new.db"
    code, out, _ = run_cli("--db", ws, "import", "affiliations", sample / "affiliations.csv")
    assert code == 0 and ws.exists()
    assert "882 rows read" in out


# --------------------------------------------------------------------------- queries

def test_summary(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "summary")
    assert code == 0
    assert out.splitlines()[0].endswith("interactions")
    assert f"owners: {MAYA}" in out and JONAS in out

    code, out, _ = run_cli("summary", "--json", "--db", db)
    data = as_json(out)
    assert code == 0 and set(data) == SUMMARY_KEYS
    assert data["owners"] == [MAYA, JONAS]
    net = Network.load(db)
    assert data["people"] == len(net.people) and data["ties"] == len(net.ties)
    assert data["interactions"] == len(net.interactions)


def test_paths_json(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "paths", TARGET_COMPANY, "--json", "--at", AT)
    assert code == 0
    data = as_json(out)
    assert set(data) == PATHS_KEYS
    assert data["target"] == TARGET_COMPANY and data["reason"] == ""
    paths = data["paths"]
    assert 1 <= len(paths) <= 5
    probs = [p["probability"] for p in paths]
    assert probs == sorted(probs, reverse=True) and all(0 < p <= 1 for p in probs)
    assert [p["rank"] for p in paths] == list(range(1, len(paths) + 1))
    for p in paths:
        assert set(p) == PATH_KEYS
        assert p["people"][0] in (MAYA, JONAS)
        assert p["hops"] and all(set(h) == HOP_KEYS for h in p["hops"])
        # the hops chain from the owner into the company
        assert p["hops"][0]["from"] == p["people"][0]
        assert all(a["to_id"] == b["from_id"] for a, b in zip(p["hops"], p["hops"][1:],
                                                            strict=False))
        assert p["hops"][-1]["to"] == TARGET_COMPANY
        # the path's chance is the product of its hops' strengths
        assert math.isclose(p["probability"], math.prod(h["strength"] for h in p["hops"]),
                            rel_tol=1e-6)
        assert p["weakest"]["strength"] == min(h["strength"] for h in p["hops"])


def test_paths_human(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "paths", TARGET_COMPANY, "-k", "2", "--at", AT)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"Warm paths to {TARGET_COMPANY}:"
    assert len(lines) == 3
    assert lines[1].startswith("1. ") and lines[2].startswith("2. ")
    assert "Chance" in lines[1] and " -> " in lines[1]


def test_paths_with_another_spelling_of_the_company(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "paths", "ACME Robotics, Inc.", "--json", "--at", AT)
    assert code == 0
    assert as_json(out)["paths"]


def test_unknown_company_suggests_names(db: Path) -> None:
    code, out, err = run_cli("--db", db, "paths", "Acme Robotcs")
    assert_user_error(code, out, err, "'Acme Robotcs'", "Did you mean", f"'{TARGET_COMPANY}'",
                      "\nHint: ")


def test_introducers_agree_with_paths(db: Path) -> None:
    _, out, _ = run_cli("--db", db, "paths", TARGET_COMPANY, "--json", "--at", AT)
    best = as_json(out)["paths"][0]
    code, out, _ = run_cli("--db", db, "introducers", TARGET_COMPANY, "--json", "--at", AT)
    rows = as_json(out)
    assert code == 0 and rows
    assert rows[0]["introducer"] == best["introducer"]
    assert math.isclose(rows[0]["probability"], best["probability"], rel_tol=1e-9)

    code, out, _ = run_cli("--db", db, "introducers", TARGET_COMPANY, "--at", AT)
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["introducer", "source", "probability", "routes", "hops", "path"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].startswith(best["introducer"])


def test_reach(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "reach", "--json", "-n", "0", "--at", AT)
    rows = as_json(out)
    assert code == 0 and rows
    assert all(set(r) >= REACH_KEYS for r in rows)
    probs = [r["probability"] for r in rows]
    assert probs == sorted(probs, reverse=True)
    assert TARGET_COMPANY in {r["company"] for r in rows}

    code, out, _ = run_cli("--db", db, "reach", TARGET_COMPANY, "--json", "--at", AT)
    assert [r["company"] for r in as_json(out)] == [TARGET_COMPANY]

    code, out, _ = run_cli("--db", db, "reach", "-n", "3", "--at", AT)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 + 3
    assert lines[0].split()[:3] == ["company", "probability", "hops"]
    assert "person_id" not in lines[0]  # ids stay in --json


def test_strength_of_a_contact(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "strength", "Yara Silva", "--at", AT)
    assert code == 0
    assert out.startswith(f"{MAYA} <-> Yara Silva: strength 0.")
    assert "contacts" in out and "last 2026-" in out

    code, out, _ = run_cli("--db", db, "strength", "Yara Silva", "--at", AT, "--json")
    data = as_json(out)
    assert code == 0 and set(data) == STRENGTH_KEYS
    assert data["connected"] is True and 0 < data["strength"] <= 1
    assert data["explanation"].startswith(f"{MAYA} <-> Yara Silva")


def test_strength_without_a_tie_says_so(db: Path) -> None:
    net = Network.load(db)
    people, ties = net.people, net.ties
    maya = people.loc[people["name"] == MAYA, "person_id"].item()
    linked = set(ties.loc[ties["a"] == maya, "b"].astype(str)) | set(
        ties.loc[ties["b"] == maya, "a"].astype(str))
    unique = people["name"].map(people["name"].value_counts()) == 1
    strangers = people[unique & ~people["is_owner"] & ~people["person_id"].isin(linked)]
    name = strangers["name"].iloc[0]

    code, out, _ = run_cli("--db", db, "strength", name, "--other", MAYA, "--json")
    data = as_json(out)
    assert code == 0 and data["connected"] is False and data["strength"] == 0
    code, out, _ = run_cli("--db", db, "strength", name, "--other", MAYA)
    assert code == 0 and "no tie with Maya Okafor" in out


def test_unknown_person(db: Path) -> None:
    code, out, err = run_cli("--db", db, "strength", "Yara Silvaa")
    assert_user_error(code, out, err, "'Yara Silvaa'", "'Yara Silva'")


def test_ping(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "ping", "--json", "-n", "5", "--at", AT)
    rows = as_json(out)
    assert code == 0 and len(rows) == 5
    assert all(set(r) >= PING_KEYS for r in rows)
    assert all(r["last_contact"] is None or r["last_contact"].startswith("20") for r in rows)

    code, out, _ = run_cli("--db", db, "ping", "-n", "3", "--at", AT)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 + 3
    # a team's ping list says whose tie each row is
    assert lines[0].split() == ["person", "owner_name", "strength", "tier", "last_contact",
                                "due", "goes_cold_on", "reason"]
    assert lines[2].split()[0] in rows[0]["person"]
    # the last column (the reason) is printed in full, not clipped
    assert rows[0]["reason"] in lines[2]

    code, out, _ = run_cli("--db", db, "ping", "-n", "0", "--json", "--at", AT)
    assert len(as_json(out)) > 5  # 0 = all


def test_log_warms_the_tie_and_moves_last_contact(db_copy: Path) -> None:
    def strength() -> dict:
        code, out, _ = run_cli("--db", db_copy, "strength", "Yara Silva", "--at", AT, "--json")
        assert code == 0
        return as_json(out)

    def count() -> int:
        return as_json(run_cli("--db", db_copy, "summary", "--json")[1])["interactions"]

    before, n_before = strength(), count()
    assert "last 2026-10-31" not in before["explanation"]
    code, out, err = run_cli("--db", db_copy, "log", "Yara Silva", "--channel", "call",
                             "--note", "coffee & a walk", "--when", "2026-10-31T10:00Z")
    assert code == 0, err
    assert out.startswith("logged a call with Yara Silva; strength now ")
    after = strength()
    assert after["strength"] > before["strength"]
    assert "last 2026-10-31" in after["explanation"]
    assert count() == n_before + 1


def test_log_rejects_an_unknown_channel() -> None:
    with pytest.raises(SystemExit) as exc, contextlib.redirect_stderr(io.StringIO()):
        main(["log", "Yara Silva", "--channel", "carrier pigeon"])
    assert exc.value.code == 2


def test_targets_are_checked_and_saved(db_copy: Path) -> None:
    before = db_copy.read_bytes()
    code, out, err = run_cli("--db", db_copy, "targets", "Acme Robtics")
    assert_user_error(code, out, err, "Did you mean", f"'{TARGET_COMPANY}'")
    assert db_copy.read_bytes() == before

    code, out, _ = run_cli("--db", db_copy, "targets", TARGET_COMPANY)
    assert code == 0 and out.strip() == f"targets: {TARGET_COMPANY}"
    assert as_json(run_cli("--db", db_copy, "summary", "--json")[1])["targets"] == [
        TARGET_COMPANY]


def test_html(db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "out.html"
    code, out, _ = run_cli("--db", db, "html", out_file, "--target", TARGET_COMPANY)
    assert code == 0
    first, *rest = out.strip().splitlines()
    assert first == f"wrote {out_file}"
    assert "warm paths" in rest[0] and "omitted" in rest[0]  # what the page leaves out
    page = out_file.read_text(encoding="utf-8")
    assert "<script" in page and TARGET_COMPANY in page


def test_html_into_a_missing_folder(db: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("--db", db, "html", tmp_path / "no" / "such" / "out.html")
    assert_user_error(code, out, err, "does not exist")


# --------------------------------------------------------------------------- workspace

def test_missing_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "nope.db"
    for command in (["summary"], ["paths", TARGET_COMPANY], ["ping"], ["log", "Yara Silva"]):
        code, out, err = run_cli("--db", ws, *command)
        assert_user_error(code, out, err, "no workspace", "Hint:")
    assert not ws.exists()


def test_default_workspace_is_in_the_current_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("summary")
    assert_user_error(code, out, err, "netgraph.db")
    monkeypatch.setenv("NETGRAPH_DB", str(tmp_path / "env.db"))
    code, out, err = run_cli("summary")
    assert_user_error(code, out, err, "env.db")


def test_not_a_workspace(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("this is not SQLite", encoding="utf-8")
    code, out, err = run_cli("--db", junk, "summary")
    assert_user_error(code, out, err, "junk.db", "Hint:")


def test_bad_date(db: Path) -> None:
    code, out, err = run_cli("--db", db, "paths", TARGET_COMPANY, "--at", "someday")
    assert_user_error(code, out, err, "'someday'", "Expected")


# --------------------------------------------------------------------------- help

SUBCOMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def test_every_command_is_covered() -> None:
    assert set(SUBCOMMANDS) == {"demo", "import", "summary", "paths", "introducers", "reach",
                                "strength", "ping", "log", "targets", "alias", "html",
                                "imports", "undo", "people",  # tests/test_imports, test_people
                                "ask", "ask-update", "asks",  # tests/test_asks
                                "changes", "draft",  # tests/test_job_search
                                "fit"}  # tests/test_fit


@pytest.mark.parametrize("command", [[], *([c] for c in SUBCOMMANDS)])
def test_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: netgraph" + "".join(f" {c}" for c in command))
    assert "--db" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["frobnicate"], [], ["paths"], ["import", "excel", "x.csv"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
        assert "usage: netgraph" in capsys.readouterr().err


# --------------------------------------------------------------------------- subprocess

def test_demo_as_a_subprocess(tmp_path: Path) -> None:
    """`netgraph demo` writes demo.html into the current folder and nothing else."""
    script = Path(sys.executable).with_name("netgraph")
    if script.exists():  # the installed console script
        argv = [str(script), "demo", "--at", AT]
        env = {k: v for k, v in os.environ.items() if k != "NETGRAPH_DB"}
        proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True,
                              encoding="utf-8", timeout=120, check=False,
                              env={**env, "PYTHONIOENCODING": "utf-8"})
    else:
        proc = run_proc("demo", "--at", AT, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    assert f"Warm paths to {TARGET_COMPANY}" in out
    assert "\n1. " in out and "Chance" in out
    assert out.count("(linkedin export)") == 3  # each import listed once
    # the mail step: e-mail, calendars and address books add evidence to ties
    more = re.search(r"with e-mail and calendar: (\d+) more ties with evidence", out)
    assert more and int(more.group(1)) > 50, out
    assert "top path probability" in out and "ping list (top 10) changes" in out
    assert "Whom to ping" in out
    assert (tmp_path / "demo.html").stat().st_size > 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.html"]  # no workspace


def test_demo_saves_a_workspace_when_asked(tmp_path: Path) -> None:
    ws = tmp_path / "demo.db"
    code, out, _ = run_cli("--db", ws, "demo", "--at", AT, "--out", tmp_path / "d.html")
    assert code == 0 and f"workspace saved to {ws}" in out
    data = as_json(run_cli("--db", ws, "summary", "--json")[1])
    assert len(data["owners"]) == 3 and data["targets"] == [TARGET_COMPANY]


def test_subprocess_import_query_and_errors(tmp_path: Path, sample: Path) -> None:
    ws = tmp_path / "ws.db"
    proc = run_proc("--db", ws, "import", "linkedin", sample / "maya_okafor_export.zip",
                    "--owner", MAYA, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress bar when not a terminal
    before = ws.read_bytes()
    proc = run_proc("--db", ws, "import", "contacts", tmp_path / "missing.csv", cwd=tmp_path)
    assert_user_error(proc.returncode, proc.stdout, proc.stderr, "missing.csv", "Hint:")
    assert ws.read_bytes() == before
    proc = run_proc("--db", ws, "reach", "--json", "-n", "3", cwd=tmp_path)
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)) == 3
    proc = run_proc("--db", tmp_path / "none.db", "summary", cwd=tmp_path)
    assert_user_error(proc.returncode, proc.stdout, proc.stderr, "no workspace")


def test_subprocess_help(tmp_path: Path) -> None:
    proc = run_proc("--help", cwd=tmp_path)
    assert proc.returncode == 0
    for command in SUBCOMMANDS:
        assert command in proc.stdout


def test_import_team_from_the_command_line(tmp_path):
    from pathlib import Path

    from netgraph.cli import main

    data = Path(__file__).resolve().parent.parent / "sample_data"
    db = str(tmp_path / "team.db")
    code = main(["--quiet", "--db", db, "import", "linkedin", str(data / "maya_okafor"),
                 str(data / "jonas_lindqvist"), "--owner", "Maya Okafor",
                 "--owner", "Jonas Lindqvist"])
    assert code == 0
    import netgraph as ng

    net = ng.Network.load(db)
    assert sorted(net.owners["name"]) == ["Jonas Lindqvist", "Maya Okafor"]
    bad = main(["--quiet", "--db", db, "import", "linkedin", str(data / "maya_okafor"),
                str(data / "jonas_lindqvist"), "--owner", "A", "--owner", "B",
                "--owner", "C"])
    assert bad == 1


def test_csv_output_is_safe_from_formula_injection(tmp_path):
    import csv

    import pandas as pd

    import netgraph as ng
    from netgraph.cli import main

    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["=HYPERLINK(\"http://evil\")", "Grace Hopper"],
                                      "company": ["Acme", "Acme"]}), owner="Ada")
    db = tmp_path / "w.db"
    net.save(db)
    out = tmp_path / "intro.csv"
    assert main(["--quiet", "--db", str(db), "introducers", "Acme", "--csv", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["introducer"] for r in rows}
    assert "Grace Hopper" in names
    assert not any(n.startswith("=") for r in rows for n in r.values())
    assert "'=HYPERLINK(\"http://evil\")" in names


# --------------------------------------------------------------------------- errors speak CLI

def test_two_owners_of_contacts_is_a_cli_sentence(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("name,company\nGrace Hopper,Acme\n", encoding="utf-8")
    ws = tmp_path / "ws.db"
    code, out, err = run_cli("--db", ws, "import", "contacts", contacts, "--owner", "Ada",
                             "--owner", "Bob")
    assert_user_error(code, out, err, "--owner takes one name for contacts", "Hint:")
    assert "owner=" not in err
    assert not ws.exists()


def test_missing_owner_hint_names_the_flag(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("name,company\nGrace Hopper,Acme\n", encoding="utf-8")
    code, out, err = run_cli("--db", tmp_path / "ws.db", "import", "contacts", contacts)
    assert_user_error(code, out, err, "no owner given", "--owner")
    assert "owner=" not in err


@pytest.mark.parametrize("command", [["paths", TARGET_COMPANY, "--at", "yesterdayish"],
                                     ["log", "Yara Silva", "--when", "yesterdayish"]])
def test_bad_date_names_the_flag_and_gives_the_cli_hint(db_copy: Path,
                                                        command: list[str]) -> None:
    code, out, err = run_cli("--db", db_copy, *command)
    flag = command[-2]
    assert_user_error(code, out, err, f"{flag} 'yesterdayish'", "Hint: Write the date as YYYY-MM-DD")
    assert "pandas Timestamp" not in err and "at=" not in err and "when=" not in err


@pytest.mark.parametrize("argv, flag", [
    (["paths", TARGET_COMPANY, "--max-hops", "0"], "--max-hops 0"),
    (["introducers", TARGET_COMPANY, "--max-hops", "21"], "--max-hops 21"),
    (["reach", "--max-hops", "two"], "--max-hops two"),
    (["paths", TARGET_COMPANY, "-k", "0"], "-k 0"),
    (["ping", "-n", "-1"], "-n -1"),
    (["html", "out.html", "--max-nodes", "0"], "--max-nodes 0"),
])
def test_out_of_range_flag_is_a_usage_error_naming_the_flag(
        argv: list[str], flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: netgraph {argv[0]}")  # the command's usage
    assert f"error: {flag}: expected a whole number" in err
    assert "max_hops=" not in err


@pytest.mark.parametrize("kind, name", [("linkedin", "export.zip"), ("contacts", "book.csv")])
def test_damaged_zip_hint_speaks_cli(tmp_path: Path, kind: str, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)  # a zip cut off after its header
    code, out, err = run_cli("--db", tmp_path / "ws.db", "import", kind, bad, "--owner", MAYA)
    assert_user_error(code, out, err, name, "Hint:")
    assert "read_linkedin_export()" not in err and "Network." not in err
    if kind == "linkedin":
        assert "damaged" in err
    else:
        assert "netgraph import linkedin" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import netgraph

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"netgraph {netgraph.__version__}"


@pytest.mark.parametrize("argv", [["paths", "Acme", "--bogus"], ["summary", "--frob", "1"],
                                  ["import", "contacts", "c.csv", "--owner-url", "x"]])
def test_unknown_flag_shows_the_command_usage(argv: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    command = " ".join(argv[:2] if argv[0] == "import" else argv[:1])
    assert err.startswith(f"usage: netgraph {command} ")
    assert f"netgraph {command}: error: unrecognized arguments: " in err


def test_direction_choices_have_no_empty_one(db_copy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["log", "--help"])
    help_text = capsys.readouterr().out
    assert "{out,in,unknown}" in help_text and '""' not in help_text and "''" not in help_text
    code, _, err = run_cli("--db", db_copy, "log", "Yara Silva", "--direction", "unknown",
                           "--when", "2026-10-30")
    assert code == 0, err
    net = Network.load(db_copy)
    logged = net.interactions[net.interactions["source"] == "logged"]
    assert logged["direction"].tolist() == [""]


def _parsers() -> list[argparse.ArgumentParser]:
    """Every (sub)parser of the command line, nested ones included."""
    found, todo = [], [build_parser()]
    while todo:
        parser = todo.pop()
        found.append(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
    return found


def test_help_shows_every_option_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    for parser in _parsers():
        text = parser.format_help()
        for action in parser._actions:
            if not action.option_strings or action.help == "==SUPPRESS==":
                continue
            assert action.help, (parser.prog, action.option_strings)
            if action.default not in (None, False, "==SUPPRESS==") and action.nargs != 0:
                assert f"(default: {action.default})" in " ".join(text.split()), (
                    parser.prog, action.option_strings)
    with pytest.raises(SystemExit):
        main(["log", "--help"])
    assert "(default: call)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["html", "--help"])
    assert "(default: 1500)" in " ".join(capsys.readouterr().out.split())


def test_strength_json_has_the_explanation_fields(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "strength", "Yara Silva", "--at", AT, "--json")
    data = as_json(out)
    assert code == 0
    assert data["tier"] in TIERS
    assert data["at"].startswith(AT)
    assert set(data["components"]) >= {"silence", "activity_0", "volume", "reciprocity",
                                       "channels", "years_known", "shared_employer"}
    assert set(data["contributions"]) == set(data["components"])
    assert all(v >= 0 for v in data["contributions"].values())
    ev = data["evidence"]
    assert ev["counts"] and ev["last_contact"].startswith("2026-")
    assert isinstance(ev["n_out"], int) and isinstance(ev["stints"], list)
