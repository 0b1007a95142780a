"""Properties the house promises: import order does not matter, folding is idempotent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.data.identity import company_key, name_key
from netgraph.sample import OWNERS, write_sample_data

# the network's data; the history tables (imports, edits, decisions) record the order itself
DATA = ("people", "companies", "affiliations", "ties", "interactions", "overrides")


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("team")
    write_sample_data(d)
    return d


def _steps(d: Path) -> list[tuple[str, Path, str | None]]:
    steps: list[tuple[str, Path, str | None]] = []
    for folder, owner in OWNERS.items():
        steps.append(("linkedin", d / folder, owner))
        steps.append(("interactions", d / folder / "interactions.csv", owner))
    steps.append(("affiliations", d / "affiliations.csv", None))
    return steps


def _run(steps) -> ng.Network:
    net = ng.Network()
    for kind, path, owner in steps:
        if kind == "linkedin":
            net.import_linkedin(path, owner=owner)
        elif kind == "interactions":
            net.import_interactions(path, owner=owner, create_missing=True)
        else:
            net.import_affiliations(path)
    return net


def _canonical(net: ng.Network) -> dict[str, pd.DataFrame]:
    out = {}
    for name in DATA:
        f = getattr(net.tables, name).copy()
        for col in f.columns:
            if isinstance(f[col].dtype, pd.CategoricalDtype):
                f[col] = f[col].astype(object)
        f = f.astype({c: object for c in f.columns if f[c].dtype == object})
        out[name] = f.sort_values(list(f.columns), kind="stable").reset_index(drop=True)
    return out


@pytest.fixture(scope="module")
def reference(team_dir) -> dict[str, pd.DataFrame]:
    return _canonical(_run(_steps(team_dir)))


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(7)))
@example(order=[0, 1, 3, 4, 2, 5, 6])  # a log names people by URL before their export
@example(order=[1, 3, 5, 6, 0, 2, 4])  # every log and the job history first
@example(order=[2, 1, 4, 0, 3, 5, 6])  # a title written two ways in two exports
def test_import_order_does_not_change_the_tables(team_dir, reference, order):
    steps = _steps(team_dir)
    got = _canonical(_run([steps[i] for i in order]))
    for name in DATA:
        pd.testing.assert_frame_equal(got[name], reference[name], obj=name)


_NAMES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(names=st.lists(_NAMES, max_size=8))
def test_company_key_and_name_key_are_idempotent(names):
    once = company_key(names)
    assert company_key(once).tolist() == once.tolist()
    folded = name_key(names)
    assert name_key(folded).tolist() == folded.tolist()
