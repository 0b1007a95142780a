"""The workspace file: exact round trips, one writer at a time, no litter, clear errors."""

from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.data import schema
from netgraph.data.merge import Tables
from netgraph.store import VERSION, load_tables, save_tables

# every nanosecond a pandas Timestamp can hold
_NS = st.integers(min_value=pd.Timestamp.min.value, max_value=pd.Timestamp.max.value)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def tables(draw) -> Tables:
    n = draw(st.integers(1, 5))
    ids = [f"p{i}:" + draw(_TEXT) for i in range(n)]
    people = pd.DataFrame({
        "person_id": ids, "name": [draw(_TEXT) for _ in ids],
        "is_owner": [draw(st.booleans()) for _ in ids]})
    m = draw(st.integers(0, 6))
    ts = [draw(st.one_of(st.none(), _NS)) for _ in range(m)]
    stamps = pd.Series([pd.NaT if v is None else pd.Timestamp(v, unit="ns", tz="UTC")
                        for v in ts], dtype="datetime64[ns, UTC]")
    pick = st.sampled_from(ids)
    inter = pd.DataFrame({
        "person_id": [draw(pick) for _ in range(m)], "other_id": [draw(pick) for _ in range(m)],
        "timestamp": stamps, "channel": [draw(st.sampled_from(schema.CHANNELS))
                                         for _ in range(m)],
        "direction": [draw(st.sampled_from(schema.DIRECTIONS)) for _ in range(m)],
        "participants": [draw(st.integers(0, 2**62)) for _ in range(m)],
        "note": [draw(_TEXT) for _ in range(m)]})
    k = draw(st.integers(0, 4))
    ties = pd.DataFrame({
        "a": [draw(pick) for _ in range(k)], "b": [draw(pick) for _ in range(k)],
        "since": pd.Series([pd.NaT if v is None else pd.Timestamp(v, unit="ns", tz="UTC")
                            for v in (draw(st.one_of(st.none(), _NS)) for _ in range(k))],
                           dtype="datetime64[ns, UTC]"),
        "owner": [draw(_TEXT) for _ in range(k)]})
    over = pd.DataFrame({
        "a": [draw(pick) for _ in range(k)], "b": [draw(pick) for _ in range(k)],
        "timestamp": pd.Series([pd.Timestamp(draw(_NS), unit="ns", tz="UTC") for _ in range(k)],
                               dtype="datetime64[ns, UTC]"),
        "strength": [draw(st.floats(0, 1)) for _ in range(k)]})
    j = draw(st.integers(0, 3))
    asks = pd.DataFrame({
        "ask_id": [draw(st.integers(-2**63, 2**63 - 1)) for _ in range(j)],
        "owner_id": [draw(pick) for _ in range(j)],
        "introducer_id": [draw(pick) for _ in range(j)],
        **{c: [draw(_TEXT) for _ in range(j)] for c in (
            "introducer", "target", "target_id", "target_kind", "person_id", "person", "about",
            "via", "note", "status", "history")},
        **{c: pd.Series([pd.NaT if v is None else pd.Timestamp(v, unit="ns", tz="UTC")
                         for v in (draw(st.one_of(st.none(), _NS)) for _ in range(j))],
                        dtype="datetime64[ns, UTC]") for c in ("asked_on", "updated_on")},
        "probability": [draw(st.one_of(st.just(float("nan")), st.floats(0, 1)))
                        for _ in range(j)]})
    aliases = draw(st.dictionaries(_TEXT, _TEXT, max_size=3))
    ids_index = pd.Index(ids, dtype=object)
    frames = {name: schema.empty(name) for name in schema.TABLES}
    frames.update({"people": people, "interactions": inter, "ties": ties, "overrides": over,
                   "asks": asks})
    return Tables(**{name: schema.conform(f, name, person_ids=None if name == "people"
                                          else ids_index) for name, f in frames.items()},
                  aliases=aliases)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(t=tables())
def test_save_load_is_exact_for_every_value(tmp_path, t):
    path = tmp_path / "ws.db"
    save_tables(path, t, meta={"targets": ["Acme"]})
    back, meta = load_tables(path)
    for name in schema.TABLES:
        got, want = getattr(back, name), getattr(t, name)
        pd.testing.assert_frame_equal(got, want, check_exact=True, obj=name)
    assert back.aliases == t.aliases and meta == {"targets": ["Acme"]}


def test_reported_round_trip_defects(tmp_path):
    """Nanoseconds beside NULLs, the last representable instant, an open-ended job."""
    net = ng.Network()
    log = pd.DataFrame({"person": ["Grace Hopper", "Grace Hopper", "Alan Turing"],
                        "timestamp": ["2024-01-01T00:00:00.123456789Z",
                                      "2262-04-11 23:47:16.854775807", "2024-02-01"],
                        "channel": "call"})
    net.import_interactions(log, owner="Ada", create_missing=True)
    net.import_affiliations(pd.DataFrame({"name": ["Grace Hopper"], "company": ["Navy"],
                                          "start": ["2020-01-01"], "end": [""]}))
    path = tmp_path / "ws.db"
    net.save(path)
    back = ng.Network.load(path)
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(back.tables, name), getattr(net.tables, name),
                                      check_exact=True)
    assert back.interactions["timestamp"].max().value == pd.Timestamp.max.value


def _writer(args):
    path, who, n = args
    for i in range(n):
        with ng.Network.edit(path) as net:
            net.log_interaction("Grace Hopper", when=f"2026-01-01T00:{who:02d}:{i:02d}",
                                note=f"{who}-{i}")
    return n


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "ws.db"
    with ng.Network.edit(path, create=True) as net:
        net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    writers, each = 4, 8
    with mp.get_context("fork").Pool(writers) as pool:
        done = sum(pool.map(_writer, [(str(path), w, each) for w in range(writers)]))
    notes = set(ng.Network.load(path).interactions["note"])
    assert done == writers * each
    assert notes == {f"{w}-{i}" for w in range(writers) for i in range(each)}
    assert not list(tmp_path.glob(".ws.db.*.tmp*"))


def _try_writing(path, q):
    from netgraph.store import writing

    said = []
    try:
        with writing(path, timeout=0.3, on_wait=said.append):
            q.put((said, None))
    except ng.WorkspaceError as err:
        q.put((said, str(err)))


def _writer_in_child(path):
    """Take the lock from another process (flock locks are per open file)."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_try_writing, args=(str(path), q))
    p.start()
    out = q.get(timeout=30)
    p.join(30)
    return out


def test_busy_workspace_waits_then_is_refused(tmp_path):
    from netgraph.store import writing

    path = tmp_path / "ws.db"
    with writing(path):
        said, err = _writer_in_child(path)
    assert err is not None and "busy" in err
    assert said == [f"waiting for another netgraph command to finish writing {path} ..."]
    said, err = _writer_in_child(path)  # released: the next writer goes straight in
    assert (said, err) == ([], None)


def test_litter_of_killed_writes_is_cleaned_and_journal_is_harmless(tmp_path):
    path = tmp_path / "ws.db"
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    net.save(path)
    (tmp_path / ".ws.db.abc123.tmp").write_bytes(b"half a database")
    (tmp_path / ".ws.db.abc123.tmp-journal").write_bytes(b"x")
    (tmp_path / "ws.db-journal").write_bytes(b"\xd9\xd5\x05\xf9 \xa1c\xd7" + b"\0" * 600)
    assert len(ng.Network.load(path).people) == 2  # the stray journal is not rolled back
    with ng.Network.edit(path) as net:
        net.log_interaction("Grace Hopper", when="2026-01-01")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.db"]
    assert len(ng.Network.load(path).interactions) == 1


def _saved(tmp_path):
    path = tmp_path / "ws.db"
    net = ng.Network()
    net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
                                          "channel": ["call"]}), owner="Ada", create_missing=True)
    net.save(path)
    return path


def _set_meta(path, key, value):
    with sqlite3.connect(path) as con:
        con.execute("UPDATE netgraph_meta SET value = ? WHERE key = ?", (json.dumps(value), key))
        if not con.execute("SELECT 1 FROM netgraph_meta WHERE key = ?", (key,)).fetchone():
            con.execute("INSERT INTO netgraph_meta VALUES (?, ?)", (key, json.dumps(value)))
    con.close()


@pytest.mark.parametrize("damage, message", [
    (lambda con: con.execute("DROP TABLE ties"), "table 'ties' cannot be read"),
    (lambda con: con.execute("ALTER TABLE people DROP COLUMN name"), "lacks column"),
    (lambda con: con.execute("UPDATE interactions SET channel = 'pigeon'"), "'pigeon'"),
    (lambda con: con.execute("UPDATE interactions SET participants = NULL"), "participants"),
    (lambda con: con.execute("UPDATE interactions SET timestamp = 'soon'"), "timestamp"),
    (lambda con: con.execute("UPDATE ties SET a = 'in:ghost'"), "not in people"),
])
def test_damaged_workspace_says_what_is_wrong(tmp_path, damage, message):
    path = _saved(tmp_path)
    with sqlite3.connect(path) as con:
        damage(con)
    con.close()
    with pytest.raises(ng.WorkspaceError, match="damaged") as err:
        ng.Network.load(path)
    assert message in str(err.value)


@pytest.mark.parametrize("key, value, message", [
    ("version", "1.5-beta", "unknown format version"),
    ("version", None, "unknown format version"),
    ("version", 99, "newer netgraph"),
    ("targets", 5, "targets are 5"),
    ("aliases", ["x"], "company aliases"),
    ("format", "something-else", "not a netgraph workspace"),
])
def test_foreign_or_future_meta_is_a_workspace_error(tmp_path, key, value, message):
    path = _saved(tmp_path)
    _set_meta(path, key, value)
    with pytest.raises(ng.WorkspaceError, match=message):
        ng.Network.load(path)


def test_unreadable_stored_model_loads_defaults_with_a_warning(tmp_path):
    path = _saved(tmp_path)
    from netgraph.scoring.model import MODEL_FORMAT

    _set_meta(path, "model_format", MODEL_FORMAT)
    _set_meta(path, "model", {"group_exponent": 0.7, "knob_from_the_future": 1})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = ng.Network.load(path)
    assert net.model.group_exponent == 0.7
    assert any("knob_from_the_future" in str(w.message) for w in caught)
    _set_meta(path, "model", {"group_exponent": "high"})
    with pytest.warns(UserWarning, match="using the defaults"):
        assert ng.Network.load(path).model == ng.StrengthModel()
    # a model stored by the netgraph before the logistic model (no format): defaults
    _set_meta(path, "model_format", None)
    _set_meta(path, "model", {"floor": 0.05, "half_lives": {"meeting": 180}})
    with pytest.warns(UserWarning, match="cannot read; using the default model"):
        assert ng.Network.load(path).model == ng.StrengthModel()


def test_version_1_workspace_is_migrated(tmp_path):
    path = _saved(tmp_path)
    _set_meta(path, "version", 1)
    net = ng.Network.load(path)
    assert len(net.interactions) == 1
    net.save(path)
    with sqlite3.connect(path) as con:
        v = con.execute("SELECT value FROM netgraph_meta WHERE key = 'version'").fetchone()[0]
    con.close()
    assert json.loads(v) == VERSION


def test_version_3_workspace_gains_an_empty_asks_table(tmp_path):
    path = _saved(tmp_path)
    _set_meta(path, "version", 3)
    with sqlite3.connect(path) as con:
        con.execute("DROP TABLE asks")
    con.close()
    net = ng.Network.load(path)
    assert len(net.interactions) == 1
    pd.testing.assert_frame_equal(net.asks, schema.empty("asks", net.people["person_id"]))
    net.save(path)
    assert len(ng.Network.load(path).asks) == 0


def test_failed_edit_changes_nothing(tmp_path):
    path = _saved(tmp_path)
    before = path.read_bytes()
    with pytest.raises(ng.InputError), ng.Network.edit(path) as net:
        net.log_interaction("Grace Hopper", when="2026-02-01")
        net.log_interaction("Grace Hopper", channel="carrier pigeon")
    assert path.read_bytes() == before
    assert np.array_equal(ng.Network.load(path).interactions["timestamp"].to_numpy(),
                          net.interactions["timestamp"].to_numpy()[:1])


def test_concurrent_cli_logs_both_land(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "ws.db"
    with ng.Network.edit(db, create=True) as net:
        net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    script = ("import sys\nfrom netgraph.cli import main\n"
              "for i in range(3):\n"
              "    assert main(['--db', sys.argv[1], '--quiet', 'log', 'Grace Hopper', '--when',"
              " f'2026-03-0{i + 1}T0{sys.argv[2]}:00', '--note', f'{sys.argv[2]}-{i}']) == 0\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db), str(w)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for w in range(2)]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    notes = set(ng.Network.load(db).interactions["note"])
    assert notes == {f"{w}-{i}" for w in range(2) for i in range(3)}
