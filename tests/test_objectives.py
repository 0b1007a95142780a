"""Path objectives: the default is today's ranking; another objective changes what 'warmest' is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.routing import (
    Objective,
    build_index,
    company_links,
    get_objective,
    introducers,
    objectives,
    reach,
    register_objective,
    warm_paths,
)
from netgraph.routing.example import example_index

AT = pd.Timestamp("2024-06-01", tz="UTC")


@pytest.fixture(scope="module")
def fewest_hops() -> Objective:
    """A toy objective: every hop (a tie or the hop into the company) costs 1."""
    return register_objective(Objective(
        "fewest_hops_test", "fewest hops, whatever their strength",
        cost=lambda s: np.ones_like(s), score=lambda c: 1.0 / (1.0 + np.asarray(c))),
        replace=True)


def small_network(objective: str = "likely_intro"):
    """Ada knows Bob well, Bob knows Cy well, Cy works at Acme; Ada barely knows Dee,
    who once worked at Acme (end date unknown). Best chance: via Bob; fewest hops: via Dee."""
    people = pd.DataFrame({"person_id": ["in:ada", "in:bob", "in:cy", "in:dee"],
                           "name": ["Ada", "Bob", "Cy", "Dee"],
                           "is_owner": [True, False, False, False]})
    pdt = pd.CategoricalDtype(people["person_id"])
    ties = pd.DataFrame({"a": pd.Series(["in:ada", "in:bob", "in:ada"], dtype=pdt),
                         "b": pd.Series(["in:bob", "in:cy", "in:dee"], dtype=pdt),
                         "since": pd.to_datetime(["2019-01-01", "2019-01-01", None], utc=True)})
    aff = pd.DataFrame({"person_id": pd.Series(["in:cy", "in:dee"], dtype=pdt),
                        "company_id": ["acme", "acme"], "title": ["CTO", "Engineer"],
                        "start": pd.to_datetime(["2020-01-01", "2010-01-01"], utc=True),
                        "end": pd.to_datetime([None, None], utc=True),
                        "current": [True, False]})
    companies = pd.DataFrame({"company_id": ["acme"], "name": ["Acme"], "aliases": [""]})
    links = company_links(aff, at=AT)
    return build_index(people, companies, ties, [0.9, 0.9, 0.2], links, at=AT,
                       objective=objective)


def test_default_objective_is_the_most_likely_introduction():
    assert get_objective().name == "likely_intro" == get_objective("likely_intro").name
    assert "likely_intro" in objectives()
    ix = example_index()
    assert ix.objective is get_objective("likely_intro")
    a = warm_paths(ix, "Acme Robotics")
    b = warm_paths(ix, "Acme Robotics", objective="likely_intro")
    assert [p.people for p in a] == [p.people for p in b]
    assert [p.probability for p in a] == [p.probability for p in b]
    assert a.objective == "likely_intro"
    # the costs are -log(strength), exactly as before objectives existed
    expect = (-np.log(ix.tie_strength)).astype(np.float32)[ix.edge_tie]
    assert np.array_equal(ix.cost, expect)


def test_another_objective_changes_the_ranking(fewest_hops):
    ix = small_network()
    likely = warm_paths(ix, "Acme", k=2)
    assert [p.introducer for p in likely] == ["Bob", "Dee"]
    assert likely[0].probability == pytest.approx(0.9 * 0.9 * 0.9)
    short = warm_paths(ix, "Acme", k=2, objective="fewest_hops_test")
    assert short.objective == "fewest_hops_test"
    assert [p.introducer for p in short] == ["Dee", "Bob"]
    assert [p.n_hops for p in short] == [1, 2]
    # probabilities are still the products of the strengths, whatever the ranking
    assert short[0].probability == pytest.approx(0.2 * 0.3)
    assert short[1].probability == likely[0].probability
    # the query's costs are built once and kept in the index's memo
    assert ix.costs("fewest_hops_test").edge is ix.costs(fewest_hops).edge
    assert ix.cost is ix.costs().edge
    # an index built for the objective answers the same by default
    ix2 = small_network("fewest_hops_test")
    assert [p.introducer for p in warm_paths(ix2, "Acme", k=2)] == ["Dee", "Bob"]
    assert [p.introducer for p in warm_paths(ix2, "Acme", k=2, objective="likely_intro")] \
        == ["Bob", "Dee"]
    # k best loopless paths, introducers and reach follow the objective too
    assert warm_paths(ix, "Acme", k=1, distinct_introducers=False,
                      objective="fewest_hops_test")[0].introducer == "Dee"
    who = introducers(ix, "Acme", objective="fewest_hops_test")
    assert who["introducer"].tolist() == ["Dee", "Bob"]
    assert who["score"].tolist() == pytest.approx([1 / 3, 1 / 4])
    assert "score" not in introducers(ix, "Acme").columns
    row = reach(ix, objective="fewest_hops_test").iloc[0]
    assert (row["introducer"], row["hops"]) == ("Dee", 1)
    assert row["probability"] == pytest.approx(0.06) and row["score"] == pytest.approx(1 / 3)
    row = reach(ix).iloc[0]
    assert row["introducer"] == "Bob" and row["probability"] == pytest.approx(0.729, abs=1e-6)


def test_unknown_objective_is_an_input_error():
    ix = example_index()
    with pytest.raises(ng.InputError, match="no objective named 'nope'") as err:
        warm_paths(ix, "Acme", objective="nope")
    assert "likely_intro" in str(err.value)
    with pytest.raises(ng.InputError, match="no objective"):
        build_index(ix.people, ix.companies, ix.ties, ix.tie_strength, ix.links,
                    objective="nope")
    with pytest.raises(ng.InputError, match="no objective"):
        reach(ix, objective="nope")


def test_bad_objectives_are_refused():
    neg = Objective("negative_test", "gains", lambda s: np.log(s), lambda c: c)
    with pytest.raises(ng.InputError, match="non-negative"):
        example_index(objective=neg)
    with pytest.raises(ng.InputError, match="already registered"):
        register_objective(Objective("likely_intro", "other", np.ones_like, lambda c: c))
    with pytest.raises(ng.InputError, match="not an Objective"):
        register_objective("likely_intro")  # type: ignore[arg-type]
