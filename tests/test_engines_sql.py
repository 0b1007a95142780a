"""Every engine (pandas, DuckDB, Spark) gives the pandas engine's answers, to 1e-9.

Parametrised over the engines: the same scores, per-tie evidence, forecasts, one-tie
views and warm paths, from pandas frames and from Parquet; bad input is a netgraph error.
Spark runs on one local session for the whole test session (local[1]).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph import sample
from netgraph.data import schema
from netgraph.data.schema import CHANNELS
from netgraph.engines import get_engine
from netgraph.engines.duckdb import DuckDBEngine
from netgraph.engines.pandas import PandasEngine
from netgraph.errors import InputError, NetgraphError
from netgraph.scoring import StrengthModel

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

AT = pd.Timestamp("2026-03-01", tz="UTC")
RTOL = 1e-9
ENGINES = ["pandas", "duckdb", "spark"]


@pytest.fixture(scope="session")
def spark_engine():
    pytest.importorskip("pyspark")
    from netgraph.engines.spark import SparkEngine, local_session

    session = local_session("local[1]", shuffle_partitions=1)
    yield SparkEngine(spark=session)
    session.stop()


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "spark":
        return request.getfixturevalue("spark_engine")
    return get_engine(request.param)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """A pooled network with interactions, job stints, overrides and odd rows."""
    t = sample.pooled_tables(n_people=400, n_ties=2500, owners=(120,), n_interactions=6000,
                             seed=5)
    ids = t["people"]["person_id"]
    ties = t["ties"].head(5)
    t["overrides"] = schema.conform(pd.DataFrame({
        "a": ties["a"].astype(str), "b": ties["b"].astype(str),
        "timestamp": ["2025-10-01"] * 5, "strength": [0.9, 0.5, 0.2, 0.7, 0.4]}),
        "overrides", ids)
    # rows the engines must leave out as pandas does: self, not a tie, no time, future
    inter = t["interactions"]
    a, b = str(ties["a"].iloc[0]), str(ties["b"].iloc[0])
    odd = schema.conform(pd.DataFrame({
        "person_id": [a, a, a, b, b, b], "other_id": [a, str(ids.iloc[-1]), b, a, a, a],
        "timestamp": pd.to_datetime(["2026-01-01", "2026-01-01", None, "2027-01-01",
                                     "2026-01-01 10:00:00.7", "2026-01-03"],
                                    format="ISO8601"),
        "channel": ["call", "call", "call", "meeting", "other", "email"],
        "direction": ["in", "in", "in", "", "out", "out"],
        "participants": [2, 2, 2, 40, 3, 1000]}),
        "interactions", ids)
    t["interactions"] = pd.concat([inter, odd], ignore_index=True)
    return t


def _prep(engine, t, interactions=None):
    return engine.prepare(t["people"], t["ties"],
                          t["interactions"] if interactions is None else interactions,
                          t["affiliations"], t["overrides"])


@pytest.fixture(scope="module")
def reference(tables):
    engine = PandasEngine()
    state = _prep(engine, tables)
    return engine, state


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, rtol=RTOL, atol=1e-12)


def test_every_engine_scores_like_pandas(engine, tables, reference):
    ref, ref_state = reference
    state = _prep(engine, tables)
    model = StrengthModel()
    # Spark: one date (each query costs seconds in local mode)
    for at in (AT,) if engine.name == "spark" else (AT, "2024-06-30", "2030-01-01"):
        _same(engine.score(state, model, at), ref.score(ref_state, model, at))
    if engine.name != "spark":
        other = model.with_(group_exponent=1.0, recent_days=(7.0, 365.0),
                            weights={**model.weights, "email": 0.9})
        _same(engine.score(state, other, AT), ref.score(ref_state, other, AT))
        _same(engine.tie_evidence(state, other, AT), ref.tie_evidence(ref_state, other, AT))
    rows = [7, 3, 3, 0, 2499]
    _same(engine.score(state, model, AT, ties=rows, forecast=True),
          ref.score(ref_state, model, AT, ties=rows, forecast=True))
    got = engine.score(state, model, AT)
    assert got["strength"].nunique() > 50 and (got["override"] > 0).sum() >= 1


def test_every_engine_gives_the_same_evidence(engine, tables, reference):
    ref, ref_state = reference
    state = _prep(engine, tables)
    for at in (AT,) if engine.name == "spark" else (AT, "2025-01-01"):
        want = ref.tie_evidence(ref_state, None, at)
        _same(engine.tie_evidence(state, None, at), want)
    rows = [5, 1, 1]
    _same(engine.tie_evidence(state, None, AT, ties=rows),
          ref.tie_evidence(ref_state, None, AT, ties=rows))
    assert want["n_events"].sum() > 1000 and (want["channels_mask"] > 0).any()


def test_the_evidence_reference_follows_the_contract(tables, reference):
    """The pandas evidence (scoring.evidence) against a direct reading of the contract."""
    ref, state = reference
    at = ref_at = 20_500.0   # days since the epoch (2026-02-16)
    ev = ref.tie_evidence(state, None, pd.Timestamp(ref_at * 86_400, unit="s", tz="UTC"))
    ties, inter = tables["ties"], tables["interactions"]
    m = StrengthModel()
    w_ch = m.weights.array()
    ge = float(m.group_exponent)
    checked = 0
    for row in (0, 1, 2, 3, 4, *range(100, 140)):   # row 0 has the 1000-person e-mail
        a, b = str(ties["a"].iloc[row]), str(ties["b"].iloc[row])
        x = inter[((inter.person_id.astype(str) == a) & (inter.other_id.astype(str) == b))
                  | ((inter.person_id.astype(str) == b) & (inter.other_id.astype(str) == a))]
        t = (x["timestamp"].astype("int64") // 10**9 // 1).to_numpy() / 86_400.0
        keep = (t <= at) & x["timestamp"].notna().to_numpy()
        x, t = x[keep], t[keep]
        ch = pd.Index(CHANNELS).get_indexer(x["channel"].astype(object))
        ch[ch < 0] = CHANNELS.index("other")
        part = np.clip(x["participants"].fillna(2).to_numpy(), 2, 255)
        w = w_ch[ch] * (np.maximum(part, 2) - 1.0) ** -ge
        started_by_a = np.where(x["direction"] == "in", x.person_id.astype(str) == a,
                                x.other_id.astype(str) == a)
        two_way = (~x["direction"].isin(["in", "out"]).to_numpy()
                   | x["channel"].astype(str).isin(["meeting", "call"]).to_numpy())
        got = ev.iloc[row]
        assert got["n_events"] == len(x)
        assert got["volume"] == pytest.approx(w.sum(), rel=1e-12)
        assert got["w_both"] == pytest.approx(w[two_way].sum(), rel=1e-12, abs=1e-15)
        assert got["w_a"] == pytest.approx(w[~two_way & started_by_a].sum(), abs=1e-12)
        assert got["w_b"] == pytest.approx(w[~two_way & ~started_by_a].sum(), abs=1e-12)
        assert got["recent_0"] == pytest.approx((w * np.exp(-(at - t) / 30.0)).sum(),
                                                rel=1e-9, abs=1e-15)
        assert got["channels_mask"] == (np.bitwise_or.reduce(1 << ch) if len(ch) else 0)
        if len(x):
            assert got["last_day"] == pytest.approx(t.max(), abs=1e-6)
            checked += 1
    assert checked > 10


def test_sql_engines_read_parquet_like_a_frame(engine, tables, reference, tmp_path):
    if engine.name == "pandas":
        pytest.skip("the pandas engine takes frames (Network imports read Parquet for it)")
    ref, ref_state = reference
    inter = tables["interactions"].copy()
    for c in ("person_id", "other_id", "channel"):
        inter[c] = inter[c].astype(str).where(inter[c].notna(), None)
    folder = tmp_path / "logs"
    folder.mkdir()
    half = len(inter) // 2
    us = {"coerce_timestamps": "us", "allow_truncated_timestamps": True}   # Spark reads us
    inter.iloc[:half].to_parquet(folder / "a.parquet", **us)
    inter.iloc[half:].to_parquet(folder / "b.parquet", **us)
    if engine.name == "spark":   # a Spark DataFrame here; a path in the spark_job test
        state = _prep(engine, tables, engine.spark.read.parquet(str(folder)))
        _same(engine.tie_evidence(state, None, AT), ref.tie_evidence(ref_state, None, AT))
        return
    state = _prep(engine, tables, str(folder / "*.parquet"))
    _same(engine.tie_evidence(state, None, AT), ref.tie_evidence(ref_state, None, AT))
    _same(engine.score(state, StrengthModel(), AT), ref.score(ref_state, StrengthModel(), AT))


@pytest.fixture(scope="module")
def sample_workspace(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("sample")
    sample.write_sample_data(data)
    net = ng.Network()
    for folder, owner in sample.OWNERS.items():
        net.import_linkedin(data / folder, owner=owner)
        if (data / folder / "interactions.csv").exists():
            net.import_interactions(data / folder / "interactions.csv", owner=owner)
    net.import_affiliations(data / "affiliations.csv")
    path = data / "team.db"
    net.save(path)
    return path


def test_the_sample_team_has_the_same_strengths_and_warm_paths(engine, sample_workspace):
    if engine.name == "spark":
        pytest.skip("the whole-network views on Spark: covered by the engine-level tests "
                    "(minutes in local mode)")
    ref = ng.Network.load(sample_workspace)
    net = ng.Network.load(sample_workspace, engine=engine)
    at = "2026-09-01"
    _same(net.strengths(at=at), ref.strengths(at=at))
    want = ref.warm_paths(sample.TARGET_COMPANY, k=5, at=at)
    got = net.warm_paths(sample.TARGET_COMPANY, k=5, at=at)
    assert [str(p) for p in got] == [str(p) for p in want] and len(want) > 0
    _same(net.ping_list(at=at), ref.ping_list(at=at))
    a = ref.strengths(at=at).iloc[3]
    pa, pb = str(a["a"]), str(a["b"])
    assert net.strength(pa, pb, at=at) == pytest.approx(ref.strength(pa, pb, at=at), rel=RTOL)
    pd.testing.assert_series_equal(net.strength_history(pa, pb, start="2026-01-01", end=at),
                                   ref.strength_history(pa, pb, start="2026-01-01", end=at))
    if engine.name == "duckdb":   # the fit runs on pandas, on the engine's events
        fitted, want_fit = net.fit_strength(at=at), ref.fit_strength(at=at)
        assert fitted.model.coefficients == pytest.approx(want_fit.model.coefficients,
                                                          rel=1e-6)


def test_a_network_imports_parquet_with_every_engine(engine, tmp_path):
    if engine.name == "spark":
        pytest.skip("reading Parquet into a Network is the same code for every engine")
    log = pd.DataFrame({"person": ["Grace Hopper", "Alan Turing", "Grace Hopper"],
                        "timestamp": pd.to_datetime(["2026-01-05", "2026-01-07", "2026-02-01"],
                                                    utc=True),
                        "channel": ["call", "meeting", "email"],
                        "direction": ["out", "", "in"]})
    (tmp_path / "logs").mkdir()
    log.iloc[:2].to_parquet(tmp_path / "logs" / "jan.parquet")
    log.iloc[2:].to_parquet(tmp_path / "logs" / "feb.parquet")
    net = ng.Network(engine=engine)
    report = net.import_interactions(tmp_path / "logs", owner="Ada Lovelace",
                                     create_missing=True)
    assert report.imported == 3 and len(net.interactions) == 3
    csv = ng.Network()
    log.to_csv(tmp_path / "log.csv", index=False)
    csv.import_interactions(tmp_path / "log.csv", owner="Ada Lovelace", create_missing=True)
    _same(net.strengths(at="2026-03-01"), csv.strengths(at="2026-03-01"))
    pd.DataFrame({"name": ["Edsger Dijkstra"], "company": ["TU Eindhoven"]}).to_parquet(
        tmp_path / "contacts.parquet")
    assert net.import_contacts(tmp_path / "contacts.parquet").imported == 1


# ------------------------------------------------------------------------ bad input
def test_parquet_with_a_missing_or_mistyped_column_is_an_input_error(tmp_path, tables):
    pd.DataFrame({"person": ["Grace Hopper"], "timestamp": [20260105]}).to_parquet(
        tmp_path / "bad.parquet")
    with pytest.raises(InputError, match="column 'timestamp' is int64") as err:
        ng.Network().import_interactions(tmp_path / "bad.parquet", owner="Ada")
    assert "bad.parquet" in str(err.value)
    with pytest.raises(InputError, match="no Parquet file matches"):
        ng.Network().import_interactions(tmp_path / "none" / "*.parquet", owner="Ada")
    ok = tables["interactions"].head(50).copy()
    for c in ("person_id", "other_id", "channel"):
        ok[c] = ok[c].astype(str)
    ok.drop(columns=["other_id"]).to_parquet(tmp_path / "no_other.parquet")
    ok.assign(participants="two").to_parquet(tmp_path / "text_part.parquet")
    engine = DuckDBEngine()
    with pytest.raises(InputError, match="no 'other_id' column"):
        _prep(engine, tables, str(tmp_path / "no_other.parquet"))
    with pytest.raises(InputError, match="'participants' is VARCHAR, not of type integer"):
        _prep(engine, tables, str(tmp_path / "text_part.parquet"))


def test_engine_options_and_unknown_ones(tmp_path):
    net = ng.Network(engine="duckdb", engine_options={"memory_limit": "512MB",
                                                      "temp_directory": str(tmp_path)})
    assert net.engine.memory_limit == "512MB"
    assert net.engine.connection.execute(
        "SELECT current_setting('memory_limit')").fetchall()[0][0].startswith("488")
    with pytest.raises(InputError, match="does not take these options"):
        ng.Network(engine="duckdb", engine_options={"memry_limit": "1GB"})
    with pytest.raises(InputError, match="unknown engine 'duck'"):
        ng.Network(engine="duck")


def test_a_memory_limit_too_small_is_a_netgraph_error(tables):
    engine = DuckDBEngine(memory_limit="1MB", threads=1)
    with pytest.raises(NetgraphError, match="out of memory") as err:
        state = _prep(engine, tables)
        engine.score(state, None, AT)
    assert "memory_limit" in err.value.hint


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=full, timeout=120)


def test_a_missing_package_names_the_pip_command():
    for mod, name, extra in (("duckdb", "duckdb", "duckdb"), ("pyspark", "spark", "spark")):
        out = _python(f"import sys; sys.modules[{mod!r}] = None\n"
                      "import netgraph as ng\n"
                      f"try:\n    ng.Network(engine={name!r})\n"
                      "except ng.InputError as e:\n    print(e)")
        assert f"pip install 'netgraph[{extra}]'" in out.stdout, out.stderr


def test_no_java_is_a_netgraph_error_with_a_hint():
    pytest.importorskip("pyspark")
    out = _python("import netgraph as ng\n"
                  "from netgraph.engines.spark import SparkEngine\n"
                  "try:\n    SparkEngine().spark\n"
                  "except ng.NetgraphError as e:\n    print(type(e).__name__, e)",
                  env={"PATH": "/nonexistent", "JAVA_HOME": ""})
    assert "needs a Java runtime" in out.stdout and "openjdk-17" in out.stdout, out.stderr


def _rounded(x):
    """JSON data with floats to 10 significant digits (sums in another order)."""
    if isinstance(x, float):
        return float(f"{x:.10g}")
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_rounded(v) for v in x]
    return x


def test_the_cli_takes_an_engine(tmp_path, sample_workspace, capsys):
    from netgraph.cli import main

    assert main(["--db", str(sample_workspace), "--engine", "duckdb", "summary"]) == 0
    capsys.readouterr()
    assert main(["paths", sample.TARGET_COMPANY, "--db", str(sample_workspace), "--engine",
                 "duckdb", "--json"]) == 0
    duck = capsys.readouterr().out
    assert main(["paths", sample.TARGET_COMPANY, "--db", str(sample_workspace), "--json"]) == 0
    pandas_out = capsys.readouterr().out
    assert _rounded(json.loads(pandas_out)) == _rounded(json.loads(duck)) and len(duck) > 100
    assert main(["--db", str(sample_workspace), "--engine", "nope", "summary"]) != 0
    assert "unknown engine 'nope'" in capsys.readouterr().err


def test_the_spark_job_writes_the_strengths_netgraph_computes(spark_engine, sample_workspace,
                                                              tmp_path):
    """The cluster recipe in local mode: Parquet log in, per-tie strengths out."""
    from netgraph.engines.spark_job import main

    ref = ng.Network.load(sample_workspace)
    inter = ref.tables.interactions.copy()
    for c in ("person_id", "other_id", "channel"):
        inter[c] = inter[c].astype(str)
    inter.to_parquet(tmp_path / "log.parquet", coerce_timestamps="us",
                     allow_truncated_timestamps=True)
    out = tmp_path / "strengths.parquet"
    assert main(["--workspace", str(sample_workspace), "--interactions",
                 str(tmp_path / "log.parquet"), "--at", "2026-09-01", "--out", str(out),
                 "--what", "both"]) == 0
    got = pd.read_parquet(out)
    people, ties = ref.tables.people, ref.tables.ties
    pandas = get_engine("pandas")
    want = pandas.score(pandas.prepare(people, ties, ref.tables.interactions,
                                       ref.tables.affiliations, ref.tables.overrides),
                        ref.model, "2026-09-01")
    np.testing.assert_allclose(got["strength"], want["strength"], rtol=RTOL)
    assert (got["a"] == want["a"].astype(str).to_numpy()).all()
    ev = pd.read_parquet(tmp_path / "strengths_evidence.parquet")
    assert len(ev) == len(got) and 0 < ev["n_events"].sum() <= len(inter)
