"""The sources seam: a new kind of data is one reader plus its registration.

A toy source ("who I met, and when": a two-column CSV) is declared here, as a
module of its own would declare it, and imported through the library and
through the command line, on real files, without touching any other module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from netgraph.cli import main
from netgraph.errors import InputError
from netgraph.network import Network
from netgraph.sources.csvfile import (
    CURRENT_WORDS,
    finish_frame,
    is_current,
    load_table,
    no_rows,
    note_values,
    parse_dates,
)
from netgraph.sources.history import read_affiliations
from netgraph.sources.linkedin import read_linkedin_positions
from netgraph.sources.registry import (
    Source,
    get_source,
    register_source,
    sources,
    unregister_source,
)

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    """Run *code* in a fresh interpreter importing this checkout; its stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120, env=env)
    return proc.stdout.strip()

# --------------------------------------------------------------------------- the toy source
# (everything a module netgraph/sources/met.py would hold)

MET = {"name": ("Name", "Who"), "met_on": ("Met On", "Date")}


def read_met(path_or_frame) -> pd.DataFrame:
    """Read a 'name,met_on' CSV: one meeting per row."""
    t = load_table(path_or_frame, MET, "met", required=[["name"], ["met_on"]],
                   what="list of meetings")
    when, bad = parse_dates(t.raw("met_on"), len(t))
    note_values(t.report, t.line, t.text("met_on"), bad, "unparseable date {!r}", skip=True)
    keep = ~bad.to_numpy() & when.notna().to_numpy()
    if not keep.any():
        raise no_rows(t, "list of meetings")
    return finish_frame({
        "line": t.line[keep],
        "person": t.text("name")[keep].to_numpy(dtype=object),
        "timestamp": when[keep].reset_index(drop=True),
        "channel": ["meeting"] * int(keep.sum()),
    }, t.report)


TOY = Source(name="toy", reader=read_met, yields="events",
             help="who I met, and when (.csv: name, met_on)")


@pytest.fixture
def toy() -> Iterator[Source]:
    register_source(TOY)
    yield TOY
    unregister_source("toy")


@pytest.fixture
def met_csv(tmp_path: Path) -> Path:
    path = tmp_path / "met.csv"
    path.write_text("name,met_on\nGrace Hopper,2026-03-01\nAlan Turing,2026-03-02\n"
                    "Grace Hopper,sometime\n", encoding="utf-8")
    return path


def _check_toy_import(net: Network) -> None:
    it = net.interactions
    assert len(it) == 2
    assert set(it["source"]) == {"toy"} and set(it["channel"].astype(str)) == {"meeting"}
    assert sorted(net.people["name"]) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert net.owners["name"].tolist() == ["Ada Lovelace"]


def test_a_toy_source_imports_through_the_library(toy: Source, met_csv: Path) -> None:
    net = Network()
    report = net.import_source("toy", met_csv, owner="Ada Lovelace")
    assert report.file == str(met_csv) and report.kind == "met"
    assert report.rows_read == 3 and report.imported == 2
    assert [(i.line, i.reason) for i in report.skipped] == [(4, "unparseable date 'sometime'")]
    _check_toy_import(net)
    assert net.reports[-1] is report


def test_a_toy_source_imports_through_the_command_line(toy: Source, met_csv: Path,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    db = tmp_path / "ws.db"
    assert main(["--db", str(db), "import", "toy", str(met_csv), "--owner", "Ada Lovelace"]) == 0
    out = capsys.readouterr().out
    assert f"{met_csv} (met): 3 rows read, 2 imported" in out
    assert "skipped line 4: unparseable date 'sometime'" in out
    _check_toy_import(Network.load(db))

    with pytest.raises(SystemExit) as exc:
        main(["import", "--help"])
    assert exc.value.code == 0
    assert "who I met, and when" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["import", "toy", "--help"])
    assert capsys.readouterr().out.startswith("usage: netgraph import toy")


def test_a_toy_source_is_gone_once_unregistered(met_csv: Path) -> None:
    assert "toy" not in [s.name for s in sources()]
    with pytest.raises(InputError, match="unknown kind of data 'toy'"):
        Network().import_source("toy", met_csv, owner="Ada")


# --------------------------------------------------------------------------- the registry

def test_builtin_sources_are_registered_by_their_modules() -> None:
    import netgraph as ng

    assert {s.name: s.reader for s in sources()} == {
        "affiliations": ng.read_affiliations, "contacts": ng.read_contacts,
        "interactions": ng.read_interactions, "linkedin": ng.read_linkedin_export,
        "email": ng.read_email_headers, "calendar": ng.read_calendar, "vcard": ng.read_vcard}
    assert {s.name: s.yields for s in sources()} == {
        "affiliations": "affiliations", "contacts": "people", "interactions": "events",
        "linkedin": "people", "email": "events", "calendar": "events", "vcard": "people"}
    assert [s.name for s in sources() if not s.needs_owner] == ["affiliations"]
    assert [s.name for s in sources() if s.pooled] == ["linkedin"]


def test_unknown_kind_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as exc:
        get_source("excel")
    msg = str(exc.value)
    assert "'excel'" in msg
    assert "affiliations, calendar, contacts, email, interactions, linkedin, vcard" in msg


def test_a_source_is_declared_with_checked_fields() -> None:
    with pytest.raises(InputError, match="yields"):
        Source("mail", read_met, "emails", "e-mail")
    with pytest.raises(InputError, match="one lower-case word"):
        Source("My Mail", read_met, "events", "e-mail")
    assert Source("jobs", read_met, "affiliations", "jobs").needs_owner is False


def test_options_a_source_does_not_take_are_errors() -> None:
    rows = pd.DataFrame({"person": ["Ada"], "company": ["Acme"]})
    with pytest.raises(InputError, match="takes no option 'owner'"):
        Network().import_source("affiliations", rows, owner="Bob")
    with pytest.raises(InputError, match="takes no option 'owner_url'"):
        Network().import_source("contacts", rows.rename(columns={"person": "name"}),
                                owner="Bob", owner_url="https://www.linkedin.com/in/bob")


def test_several_owners_need_a_pooled_source(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="takes one owner, not 2"):
        Network().import_source("contacts", [tmp_path / "a.csv", tmp_path / "b.csv"],
                                owner=["A", "B"])
    with pytest.raises(InputError, match="2 files but 3 owners"):
        Network().import_source("linkedin", [tmp_path / "a.zip", tmp_path / "b.zip"],
                                owner=["A", "B", "C"])


def test_generic_readers_do_not_load_linkedin_code() -> None:
    code = ("import sys; import netgraph.sources.contacts, netgraph.sources.history, "
            "netgraph.sources.interactions; print('netgraph.sources.linkedin' in sys.modules)")
    assert _python(code) == "False"


def test_import_netgraph_loads_no_source_module() -> None:
    code = ("import sys, netgraph; print(sorted(m for m in sys.modules "
            "if m.startswith('netgraph.sources.')))")
    assert _python(code) == "['netgraph.sources.report']"


# --------------------------------------------------------------------------- job history, once

@pytest.mark.parametrize("end, current", [
    *((w, True) for w in sorted(CURRENT_WORDS)), ("", True), ("PRESENT", True),
    ("Aug 2020", False), ("2020", False), ("someday", False),
])
def test_linkedin_positions_and_job_history_agree_on_current(tmp_path: Path, end: str,
                                                             current: bool) -> None:
    positions = tmp_path / "Positions.csv"
    positions.write_text("Company Name,Title,Description,Location,Started On,Finished On\n"
                         f"Acme,Engineer,,,Jun 2018,{end}\n", encoding="utf-8")
    history = tmp_path / "history.csv"
    history.write_text(f"person,company,start,end\nAda,Acme,Jun 2018,{end}\n",
                       encoding="utf-8")
    li, generic = read_linkedin_positions(positions), read_affiliations(history)
    assert bool(li["current"].iloc[0]) is current
    assert bool(generic["current"].iloc[0]) is current
    assert li["end"].equals(generic["end"]) and li["start"].equals(generic["start"])
    assert bool(is_current(pd.Series([end])).iloc[0]) is (end.lower() in CURRENT_WORDS
                                                         or end == "")
