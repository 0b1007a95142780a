"""Engines: adding one is one class plus its registration; it must score like pandas."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph import sample
from netgraph.data import schema
from netgraph.engines import (
    Engine,
    available_engines,
    get_engine,
    register_engine,
    unregister_engine,
)
from netgraph.engines.pandas import PandasEngine
from netgraph.errors import InputError
from netgraph.scoring import StrengthModel, prepare, score

AT = pd.Timestamp("2026-03-01", tz="UTC")


# --- the whole of a new engine: one class and one register_engine call -------------------
class ToyEngine(PandasEngine):
    """Records its calls, otherwise the pandas engine."""

    name = "toy"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def prepare(self, people, ties, interactions=None, affiliations=None, overrides=None):
        self.calls.append("prepare")
        return super().prepare(people, ties, interactions, affiliations, overrides)

    def score(self, state, model, at, *, ties=None, forecast=False):
        self.calls.append("score")
        return super().score(state, model, at, ties=ties, forecast=forecast)

    def company_links(self, affiliations, company_model, at):
        self.calls.append("company_links")
        return super().company_links(affiliations, company_model, at)


@pytest.fixture
def toy():
    register_engine("toy", ToyEngine)
    yield
    unregister_engine("toy")
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """A generated pooled network with interactions, job stints and a few overrides."""
    t = sample.pooled_tables(n_people=400, n_ties=2500, owners=(120,), n_interactions=6000,
                             seed=3)
    ties = t["ties"].head(5)
    t["overrides"] = schema.conform(pd.DataFrame({
        "a": ties["a"].astype(str), "b": ties["b"].astype(str),
        "timestamp": ["2025-10-01"] * 5, "strength": [0.9, 0.5, 0.2, 0.7, 0.4]}),
        "overrides", t["people"]["person_id"])
    return t


def run(engine: Engine, t: dict[str, pd.DataFrame], **kw) -> pd.DataFrame:
    state = engine.prepare(t["people"], t["ties"], t["interactions"], t["affiliations"],
                           t["overrides"])
    return engine.score(state, StrengthModel(), AT, **kw)


def test_pandas_is_registered_by_default_and_is_the_reference(tables):
    assert "pandas" in available_engines()
    engine = get_engine("pandas")
    assert isinstance(engine, PandasEngine) and engine.name == "pandas"
    t = tables
    direct = score(prepare(t["ties"], t["interactions"], t["affiliations"], t["overrides"],
                           people=t["people"]["person_id"]), StrengthModel(), AT)
    got = run(engine, t)
    pd.testing.assert_frame_equal(got, direct)
    assert len(got) == len(t["ties"]) and (got["override"] > 0).sum() >= 1


def test_a_toy_engine_is_one_class_and_one_registration(toy, tables):
    assert "toy" in available_engines()
    engine = get_engine("toy")
    assert isinstance(engine, ToyEngine)
    ref = get_engine("pandas")
    t = tables
    pd.testing.assert_frame_equal(run(engine, t), run(ref, t))
    rows = [7, 3, 3, 0]
    pd.testing.assert_frame_equal(run(engine, t, ties=rows, forecast=True),
                                  run(ref, t, ties=rows, forecast=True))
    links = engine.company_links(t["affiliations"], ng.CompanyTieModel(), AT)
    pd.testing.assert_frame_equal(links, ref.company_links(t["affiliations"],
                                                           ng.CompanyTieModel(), AT))
    assert len(links) > 0
    assert engine.calls == ["prepare", "score", "prepare", "score", "company_links"]


def test_unknown_engine_names_the_known_ones(toy):
    with pytest.raises(InputError) as err:
        get_engine("polars")
    msg = str(err.value)
    assert "unknown engine 'polars'" in msg and "'duckdb'" in msg and "'spark'" in msg
    assert "'pandas'" in msg and "'toy'" in msg
    assert "register_engine" in msg
    assert "'toy'" in err.value.for_cli()


def test_registration_is_checked():
    with pytest.raises(InputError, match="already registered"):
        register_engine("pandas", PandasEngine)
    with pytest.raises(InputError, match="not callable"):
        register_engine("broken", "PandasEngine")
    with pytest.raises(InputError, match="non-empty"):
        register_engine("", PandasEngine)
    register_engine("not-an-engine", dict)
    try:
        with pytest.raises(InputError, match="not an Engine"):
            get_engine("not-an-engine")
    finally:
        unregister_engine("not-an-engine")
    assert available_engines() == ("duckdb", "pandas", "spark")


def test_an_engine_instance_passes_through_and_the_base_is_abstract():
    engine = ToyEngine()
    assert get_engine(engine) is engine
    with pytest.raises(TypeError):
        Engine()


def test_importing_the_registry_loads_no_engine():
    code = ("import sys, netgraph.engines as e; "
            "print(sorted(m for m in sys.modules if m.startswith(('netgraph.scoring', "
            "'netgraph.engines.pandas', 'netgraph.routing')))); "
            "e.get_engine('pandas'); print('netgraph.scoring' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "[]" and out[1] == "True"


def test_scores_are_finite_and_in_range(tables):
    s = run(get_engine("pandas"), tables)["strength"].to_numpy()
    m = StrengthModel()
    assert np.isfinite(s).all() and (s >= m.floor - 1e-12).all() and (s < 1).all()
