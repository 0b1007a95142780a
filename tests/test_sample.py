"""Tests of netgraph.sample: determinism, file formats, the mess, and the benchmark generators."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netgraph import sample
from netgraph.data import schema
from netgraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "sample_data"

MODERN = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
OLDER = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
MSG_MODERN = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT"]
MSG_2021 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE",
            "SUBJECT", "CONTENT", "FOLDER"]
MSG_2018 = ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]
INTERACTIONS = ["person", "url", "other", "timestamp", "channel", "direction", "participants",
                "note"]
PLACEHOLDERS = {"Self-employed", "Self Employed", "Freelance", "Confidential", "Stealth Mode", "N/A"}


def rows_of(path: Path) -> list[list[str]]:
    """All CSV records of a file (BOM stripped), parsed by the csv module."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def records(path: Path, header_first: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows, the header found by its content (after any preamble)."""
    rows = rows_of(path)
    at = next(i for i, r in enumerate(rows) if r and r[0] == header_first)
    header = rows[at]
    return header, [dict(zip(header, r, strict=True)) for r in rows[at + 1:]]


def is_ghost(r: dict[str, str]) -> bool:
    return all(v == "" for k, v in r.items() if k != "Connected On") and r["Connected On"] != ""


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("sample")
    return root, sample.write_sample_data(root)


@pytest.fixture(scope="module")
def conns(sample_dir) -> dict[str, list[dict[str, str]]]:
    root, _ = sample_dir
    return {o: records(root / o / "Connections.csv", "First Name")[1] for o in sample.OWNERS}


# --------------------------------------------------------------------------- determinism
def test_same_seed_gives_identical_bytes_and_another_seed_differs(sample_dir, tmp_path):
    _root, files = sample_dir
    again = sample.write_sample_data(tmp_path / "again")
    assert sorted(again) == sorted(files)
    for rel, path in files.items():
        assert again[rel].read_bytes() == path.read_bytes(), rel
    other = sample.write_sample_data(tmp_path / "other", seed=8)
    assert (other["maya_okafor/Connections.csv"].read_bytes()
            != files["maya_okafor/Connections.csv"].read_bytes())


def test_committed_sample_data_is_what_the_generator_writes(sample_dir):
    _, files = sample_dir
    for rel, path in files.items():
        committed = COMMITTED / rel
        assert committed.is_file(), f"{rel} missing: run `python -m netgraph.sample sample_data/`"
        assert committed.read_bytes() == path.read_bytes(), (
            f"sample_data/{rel} is stale: run `python -m netgraph.sample sample_data/`")


def test_sample_data_is_small(sample_dir):
    _, files = sample_dir
    assert sum(p.stat().st_size for p in files.values()) < 1_000_000


# --------------------------------------------------------------------------- formats
def test_every_file_parses_with_the_expected_header(sample_dir):
    root, files = sample_dir
    maya = root / "maya_okafor" / "Connections.csv"
    lines = maya.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "Notes:" and lines[1].startswith('"') and lines[2] == ""
    assert rows_of(maya)[2:4] == [[], MODERN]  # the csv module returns [] for the blank line
    assert rows_of(root / "jonas_lindqvist" / "Connections.csv")[3] == MODERN
    priya = (root / "priya_raman" / "Connections.csv").read_bytes()
    assert priya.startswith(b"\xef\xbb\xbfFirst Name,") and b"\r\n" in priya  # re-saved copy
    assert rows_of(root / "priya_raman" / "Connections.csv")[0] == OLDER
    assert rows_of(root / "maya_okafor" / "messages.csv")[0] == MSG_MODERN
    assert rows_of(root / "maya_okafor" / "coach_messages.csv")[0] == MSG_MODERN
    assert rows_of(root / "jonas_lindqvist" / "messages.csv")[0] == MSG_2021
    assert rows_of(root / "priya_raman" / "messages.csv")[0] == MSG_2018
    assert rows_of(root / "maya_okafor" / "Invitations.csv")[0] == [
        "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    assert rows_of(root / "affiliations.csv")[0] == ["person", "url", "company", "title", "start",
                                                     "end"]
    for owner in sample.OWNERS:
        assert rows_of(root / owner / "interactions.csv")[0] == INTERACTIONS
    for rel, path in files.items():  # rectangular: every record has its header's width
        if rel.endswith(".csv"):
            first = "First Name" if rel.endswith("Connections.csv") else rows_of(path)[0][0]
            header, rows = records(path, first)  # zip(strict=True) fails on a ragged row
            assert rows and len(header) >= 6, rel


def test_dates_have_each_eras_format(sample_dir, conns):
    root, _ = sample_dir
    modern = re.compile(r"^\d{2} [A-Z][a-z]{2} \d{4}$")
    us2018 = re.compile(r"^\d{2}/\d{2}/\d{2}, \d{1,2}:\d{2} [AP]M$")
    for owner in ("maya_okafor", "jonas_lindqvist"):
        dates = [r["Connected On"] for r in conns[owner]]
        assert all(modern.match(d) for d in dates)
        parsed = [datetime.strptime(d, "%d %b %Y") for d in dates]
        assert parsed == sorted(parsed, reverse=True)  # newest first
    priya = [r["Connected On"] for r in conns["priya_raman"]]
    assert sum(bool(us2018.match(d)) for d in priya) >= 3
    assert sum(bool(modern.match(d)) for d in priya) > len(priya) / 2
    assert all(modern.match(d) or us2018.match(d) for d in priya)
    _, msgs = records(root / "maya_okafor" / "messages.csv", "CONVERSATION ID")
    assert all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", m["DATE"]) for m in msgs)
    _, msgs = records(root / "jonas_lindqvist" / "messages.csv", "CONVERSATION ID")
    assert all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", m["DATE"]) for m in msgs)
    _, inv = records(root / "maya_okafor" / "Invitations.csv", "From")
    assert all(re.match(r"^\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M$", r["Sent At"]) for r in inv)
    assert {r["Direction"] for r in inv} == {"INCOMING", "OUTGOING"}


# --------------------------------------------------------------------------- the team
def test_three_overlapping_owners_of_a_few_hundred_connections(conns):
    urls = {}
    for owner, rows in conns.items():
        people = [r for r in rows if not is_ghost(r)]
        assert 250 <= len(people) <= 400, owner
        urls[owner] = {r["URL"] for r in people if r.get("URL")}
    both = urls["maya_okafor"] & urls["jonas_lindqvist"]
    assert len(both) >= 30
    names = {o: {(r["First Name"].strip(), r["Last Name"].strip()) for r in rows}
             for o, rows in conns.items()}
    in_all = names["maya_okafor"] & names["jonas_lindqvist"] & names["priya_raman"]
    assert len(in_all) >= 5
    # Owners are connected to each other.
    assert ("Jonas", "Lindqvist") in names["maya_okafor"]
    assert ("Maya", "Okafor") in names["priya_raman"]


def test_the_realistic_mess_is_there(conns):
    everything = [r for rows in conns.values() for r in rows]
    for owner, rows in conns.items():
        ghosts = sum(is_ghost(r) for r in rows)
        assert 0.01 <= ghosts / len(rows) <= 0.03, owner
        emails = sum(r["Email Address"] != "" for r in rows)
        assert emails / len(rows) <= 0.05
    # Duplicate full names with distinct URLs (in one file).
    maya = [r for r in conns["maya_okafor"] if not is_ghost(r)]
    seen: dict[str, set[str]] = {}
    for r in maya:
        seen.setdefault(f"{r['First Name'].strip()} {r['Last Name'].strip()}", set()).add(r["URL"])
    assert any(len(u) > 1 for u in seen.values())
    last = [r["Last Name"] for r in everything]
    assert any(x.endswith(", PhD") for x in last) and any(x.endswith(", PMP®") for x in last)
    cells = [v for r in everything for v in r.values()]
    assert any(v != v.rstrip() and v.strip() for v in cells)  # trailing whitespace
    assert sum("\u00a0" in v for v in cells) == 1
    assert sum("\u200b" in v for v in cells) == 1
    assert any(any(ord(c) > 0x1F000 for c in v) for v in cells)  # an emoji
    assert {r["Company"].strip() for r in everything} >= PLACEHOLDERS
    spellings = {r["Company"].strip() for r in everything if "acme" in r["Company"].lower()}
    assert len(spellings) >= 3


def test_target_company_is_reachable_but_not_directly_for_everyone(sample_dir, conns):
    root, _ = sample_dir
    acme = {o: [r for r in rows if "acme" in r["Company"].lower()] for o, rows in conns.items()}
    assert acme["maya_okafor"] == []  # Maya needs an introduction
    assert len(acme["jonas_lindqvist"]) >= 3
    assert len(acme["priya_raman"]) >= 1
    _, aff = records(root / "affiliations.csv", "person")
    current = {r["person"] for r in aff if "acme" in r["company"].lower() and r["end"] == ""}
    alumni = {r["person"] for r in aff if "acme" in r["company"].lower() and r["end"] != ""}
    assert len(current) >= 8 and len(alumni) >= 5
    maya_names = {f"{r['First Name'].strip()} {r['Last Name'].strip()}"
                  for r in conns["maya_okafor"]}
    assert alumni & maya_names  # an alumnus one hop from Maya


def test_affiliations_agree_with_connections(sample_dir, conns):
    root, _ = sample_dir
    _, aff = records(root / "affiliations.csv", "person")
    date_re = re.compile(r"^(\d{4}-\d\d-\d\d|[A-Z][a-z]{2} \d{4})$")
    assert all(date_re.match(r["start"]) for r in aff)
    assert all(r["end"] == "" or date_re.match(r["end"]) for r in aff)
    current = {}
    for r in aff:
        if r["end"] == "":
            assert r["person"] not in current or r["url"] == "", r["person"]  # one open job
            current[r["url"] or r["person"]] = r["company"]
    checked = 0
    for _owner, rows in conns.items():
        for r in rows:
            key = r.get("URL") or f"{r['First Name']} {r['Last Name']}"
            if key in current:
                assert current[key] == r["Company"].strip(), key
                checked += 1
    assert checked >= 200
    owners = set(sample.OWNERS.values())
    assert owners <= {r["person"] for r in aff}


def test_interaction_logs_have_cadence_and_a_few_bad_rows(sample_dir):
    root, _ = sample_dir
    end = pd.Timestamp(sample.SAMPLE_END)
    for owner, name in sample.OWNERS.items():
        df = pd.read_csv(root / owner / "interactions.csv", dtype=str, keep_default_na=False)
        assert (df["other"] == "").all()
        ts = pd.to_datetime(df["timestamp"], utc=True, errors="coerce", format="ISO8601")
        assert ts.max() <= end and ts.max() - ts.min() >= pd.Timedelta(days=730)
        assert {"meeting", "call", "message", "email"} <= set(df["channel"])
        assert {"out", "in", ""} <= set(df["direction"])
        n = df["participants"].astype(int)
        assert n.min() == 2 and n[n > 2].min() >= 3 and n.max() <= 12
        good = df[ts.notna()]
        last = pd.to_datetime(good["timestamp"], utc=True).groupby(good["person"]).max()
        count = good.groupby("person").size()
        assert (count >= 60).sum() >= 3  # close ties
        assert ((end - last) > pd.Timedelta(days=365)).sum() >= 20  # cooled or dormant
        recent = (end - last) < pd.Timedelta(days=60)
        assert recent.sum() >= 5
        if owner == "maya_okafor":
            assert ts.isna().sum() == 1
            assert (df["channel"] == "carrier pigeon").sum() == 1
            assert (df["person"] == name).sum() == 1
        else:
            assert ts.notna().all()
            assert set(df["channel"]) <= {"meeting", "call", "message", "email"}


def test_messages_carry_the_edge_cases(sample_dir):
    root, _ = sample_dir
    _, msgs = records(root / "maya_okafor" / "messages.csv", "CONVERSATION ID")
    senders = pd.Series([m["SENDER PROFILE URL"] for m in msgs])
    assert senders.value_counts().index[0] == "https://www.linkedin.com/in/maya-okafor"
    assert sum(m["IS MESSAGE DRAFT"] == "Yes" for m in msgs) == 1
    assert any(m["FROM"] == "LinkedIn Member" and m["SENDER PROFILE URL"] == "" for m in msgs)
    assert any(m["FROM"] == "LinkedIn Premium" for m in msgs)
    content = [m["CONTENT"] for m in msgs]
    assert any("\n" in c for c in content) and any('"' in c for c in content)
    assert any("," in c for c in content) and any("<p>" in c for c in content)
    groups = [m for m in msgs if m["RECIPIENT PROFILE URLS"].count("https://") >= 2]
    sizes = {len(m["TO"].split(", ")) + 1 for m in groups}
    assert sizes and min(sizes) >= 3 and max(sizes) <= 8
    _, old = records(root / "priya_raman" / "messages.csv", "From")
    assert {m["Direction"] for m in old} == {"INCOMING", "OUTGOING"}


def test_export_zip_is_deterministic_with_files_at_the_root(sample_dir):
    root, _ = sample_dir
    with zipfile.ZipFile(root / "maya_okafor_export.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert set(names) == {"Connections.csv", "messages.csv", "Invitations.csv",
                              "coach_messages.csv"}
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 1, 0, 0, 0)}
        for name in names:
            assert zf.read(name) == (root / "maya_okafor" / name).read_bytes()


def test_linkedin_readers_read_every_sample_file(sample_dir):
    linkedin = pytest.importorskip("netgraph.sources.linkedin")
    root, _ = sample_dir
    for owner in sample.OWNERS:
        df = linkedin.read_linkedin_connections(root / owner / "Connections.csv")
        rows = records(root / owner / "Connections.csv", "First Name")[1]
        assert len(df) == sum(not is_ghost(r) for r in rows), owner
        msgs = linkedin.read_linkedin_messages(root / owner / "messages.csv")
        assert len(msgs) > 100, owner


def test_main_writes_and_reports(tmp_path, capsys):
    assert sample.main([str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "maya_okafor/Connections.csv" in out and "bytes in 23 files" in out
    assert (tmp_path / "out" / "README.md").read_text().startswith("# Sample data")


# --------------------------------------------------------------------------- benchmark inputs
@pytest.mark.parametrize("fmt", ["modern", "older", "2018"])
def test_write_connections_csv_formats(tmp_path, fmt):
    path = sample.write_connections_csv(tmp_path / "c.csv", n=3000, seed=1, fmt=fmt)
    again = sample.write_connections_csv(tmp_path / "d.csv", n=3000, seed=1, fmt=fmt)
    assert path.read_bytes() == again.read_bytes()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Notes:\n") == (fmt != "2018")
    header, rows = records(path, "First Name")
    assert header == (MODERN if fmt == "modern" else OLDER)
    assert len(rows) == 3000
    # The vectorised writer quotes exactly like the csv module.
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows_of(path))
    assert buf.getvalue() == text
    ghosts = sum(is_ghost(r) for r in rows)
    assert 0.01 <= ghosts / len(rows) <= 0.035
    if fmt == "modern":
        urls = [r["URL"] for r in rows if r["URL"]]
        assert len(set(urls)) == len(urls)
        assert all(u.startswith("https://www.linkedin.com/in/") for u in urls)
        dates = [datetime.strptime(r["Connected On"], "%d %b %Y") for r in rows]
        assert dates == sorted(dates, reverse=True)
    if fmt == "2018":
        assert all(re.match(r"^\d\d/\d\d/\d\d, \d{1,2}:\d\d [AP]M$", r["Connected On"])
                   for r in rows)
    companies = [r["Company"].strip() for r in rows]
    assert any(c in PLACEHOLDERS for c in companies)
    assert any(c.endswith((", Inc.", " LLC", " GmbH", " Ltd", " S.A.")) for c in companies)


def test_pooled_exports_overlap(tmp_path):
    paths = sample.write_pooled_exports(tmp_path, n_owners=4, n_rows=300, n_people=1500, seed=3)
    urls = []
    for p in paths:
        _, rows = records(p, "First Name")
        assert len(rows) == 300
        urls.append({r["URL"] for r in rows if r["URL"]})
    assert all(len(urls[0] & u) > 10 for u in urls[1:])
    again = sample.write_pooled_exports(tmp_path / "b", n_owners=4, n_rows=300, n_people=1500,
                                        seed=3)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]


def assert_canonical(tables: dict[str, pd.DataFrame]) -> None:
    ids = tables["people"]["person_id"]
    for name, frame in tables.items():
        spec = schema.TABLES[name]
        assert list(frame.columns) == list(spec), name
        for col, dtype in spec.items():
            if dtype == "person":
                assert isinstance(frame[col].dtype, pd.CategoricalDtype), (name, col)
                assert list(frame[col].cat.categories) == list(ids), (name, col)
            else:
                assert frame[col].dtype == dtype, (name, col, frame[col].dtype)
        pd.testing.assert_frame_equal(schema.conform(frame, name, person_ids=ids), frame)


def test_pooled_tables_are_canonical_and_well_formed():
    t = sample.pooled_tables(n_people=2000, n_ties=12_000, owners=(600, 40), n_interactions=3000,
                             seed=5)
    assert_canonical(t)
    people, ties = t["people"], t["ties"]
    assert people["person_id"].is_unique and len(people) == 2000
    assert people["is_owner"].sum() == 2 and people["is_owner"].iloc[:2].all()
    assert len(ties) == 12_000
    a, b = ties["a"].astype(str), ties["b"].astype(str)
    assert (a < b).all()
    assert not ties.duplicated(["a", "b"]).any()
    codes = np.concatenate([ties["a"].cat.codes, ties["b"].cat.codes])
    degree = np.bincount(codes, minlength=len(people))
    assert degree[0] == 600 and degree[1] == 40
    assert degree[2:].max() > 5 * np.median(degree[2:])  # heavy-tailed
    assert (ties.loc[ties["a"] == "in:p0000000", "owner"].str.startswith("in:p0000000")).all()
    cid = people["company_id"].to_numpy()
    same = (cid[ties["a"].cat.codes] == cid[ties["b"].cat.codes]) & (cid[ties["a"].cat.codes] != "")
    assert same.mean() > 0.1  # communities by employer
    aff = t["affiliations"]
    assert aff.loc[aff["current"], "end"].isna().all() and aff.loc[~aff["current"], "end"].notna().all()
    assert (aff.loc[~aff["current"], "start"] < aff.loc[~aff["current"], "end"]).all()
    assert aff.loc[aff["current"]].groupby("person_id", observed=True).size().max() == 1
    assert set(aff["company_id"]) <= set(t["companies"]["company_id"])
    assert t["companies"]["company_id"].is_unique
    inter = t["interactions"]
    assert len(inter) == 3000
    pairs = set(zip(a, b, strict=True))
    p, o = inter["person_id"].astype(str), inter["other_id"].astype(str)
    assert all((min(x, y), max(x, y)) in pairs for x, y in zip(p, o, strict=True))
    again = sample.pooled_tables(n_people=2000, n_ties=12_000, owners=(600, 40),
                                 n_interactions=3000, seed=5)
    for name in t:
        pd.testing.assert_frame_equal(t[name], again[name])


def test_pooled_tables_without_interactions_has_an_empty_canonical_table():
    t = sample.pooled_tables(n_people=300, n_ties=900, owners=())
    assert_canonical(t)
    assert len(t["interactions"]) == 0 and len(t["ties"]) == 900
    assert not t["people"]["is_owner"].any()


def test_interactions_table_is_canonical():
    df = sample.interactions_table(n_interactions=5000, n_pairs=400, years=3, seed=2)
    ids = list(df["person_id"].cat.categories)
    assert ids == sorted(ids) and ids[0] == "in:p0000000" and len(ids) == 400
    assert list(df["other_id"].cat.categories) == ids
    assert len(df) == 5000
    assert df.groupby(["person_id", "other_id"], observed=True).ngroups == 400
    assert df["timestamp"].is_monotonic_increasing
    end = pd.Timestamp(sample.SAMPLE_END)
    assert df["timestamp"].max() < end and df["timestamp"].min() >= end - pd.Timedelta(days=3 * 366)
    assert str(df["channel"].dtype) == "category"
    assert list(df["channel"].cat.categories) == list(schema.CHANNELS)
    assert (df.loc[df["channel"] == "meeting", "direction"] == "").all()
    assert {"out", "in"} <= set(df["direction"])
    assert (df["participants"] >= 2).all() and (df["participants"] > 2).any()
    assert (df["person_id"].astype(str) != df["other_id"].astype(str)).all()
    for col, dtype in schema.TABLES["interactions"].items():
        if dtype != "person":
            assert df[col].dtype == dtype, col


def test_bad_parameters_raise_input_errors(tmp_path):
    with pytest.raises(InputError, match="format"):
        sample.write_connections_csv(tmp_path / "x.csv", n=10, fmt="1999")
    with pytest.raises(InputError, match="not feasible"):
        sample.pooled_tables(n_people=10, n_ties=1000, owners=())
    with pytest.raises(InputError, match="owner degrees"):
        sample.pooled_tables(n_people=100, n_ties=200, owners=(500,))
    with pytest.raises(InputError, match="distinct contacts"):
        sample.write_pooled_exports(tmp_path, n_owners=2, n_rows=100, n_people=50)
    with pytest.raises(InputError, match="distinct pairs"):
        sample.interactions_table(10, n_pairs=100, n_people=5)
