"""One resolver: a person typed anywhere resolves to the same person, or fails the same way."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.data.resolve import Resolver
from netgraph.views.html import select_nodes

NAMES = ["José Núñez", "jose nunez", "JOSÉ NÚÑEZ", "Zoë Ng", "Zoe Ng", "Grace Hopper",
         "Alan Turing", "Åsa Berg"]
COMPANIES = ["Acme Robotics", "Globex", "Initech", ""]
SLUGS = ["jose-n", "zoe-ng", "grace", "alan-t", "asa-b"]


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


contact = st.fixed_dictionaries({
    "name": st.sampled_from(NAMES),
    "company": st.sampled_from(COMPANIES),
    "url": st.one_of(st.just(""), st.sampled_from(SLUGS).map(
        lambda s: f"https://www.linkedin.com/in/{s}")),
    "email": st.one_of(st.just(""), st.sampled_from(["jn", "zn", "gh", "at"]).map(
        lambda s: f"{s}@example.org")),
})


@st.composite
def network_and_queries(draw):
    rows = draw(st.lists(contact, min_size=1, max_size=6))
    net = ng.Network()
    net.import_contacts(pd.DataFrame(rows), owner="Owner Person")
    people = net.people[~net.people["is_owner"]]
    queries = []
    for r in people.itertuples():
        queries += [r.person_id, r.name, r.name.upper(), _plain(r.name).lower(),
                    f"  {r.name.swapcase()} "]
        if r.url:
            queries += [r.url.replace("https://www.", ""), r.url.upper() + "/"]
        if r.email:
            queries.append(r.email.upper())
    queries += [n + "x" for n in NAMES[:2]]  # misspellings: nobody, with suggestions
    return net, draw(st.lists(st.sampled_from(queries), min_size=1, max_size=4))


def _answer(call):
    """("id", person id) or ("error", message, suggestions)."""
    try:
        return ("id", call())
    except ng.NotFoundError as err:
        return ("error", err.message, tuple(err.suggestions))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(network_and_queries())
def test_every_entry_point_resolves_a_person_the_same_way(tmp_path, case):
    net, queries = case
    owners = set(net.owners["person_id"])
    index_resolver = Resolver(net.people, net.companies)  # the tables the path index uses
    for q in queries:
        found = _answer(lambda q=q: net.find_person(q))
        by_index = _answer(lambda q=q: index_resolver.person_id(q))
        target = _answer(lambda q=q: net.warm_paths(target=q).target_id)
        view = _answer(lambda q=q: net.to_html(tmp_path / "v.html", around=q).name)
        around = _answer(lambda q=q: next(
            n for n in select_nodes(net.graph, around=q, max_nodes=1) if n not in owners))
        event("found" if found[0] == "id" else
              "several" if "matches" in found[1] else "nobody")
        assert found == by_index, q
        if found[0] == "id":
            assert target == around == found, q
            assert view == ("id", "v.html")
        elif "matches" in found[1]:  # a name several people share: the same error everywhere
            assert target == around == view == found, q
        else:  # nobody: warm_paths and the view say the same (companies are suggested too)
            assert target == around == view, q
            assert target[0] == "error" and target[1].startswith("no company or person")


def test_view_resolves_companies_and_node_ids_like_warm_paths(tmp_path):
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
                                      "company": ["Acme Robotics Inc.", "Globex"]}), owner="Ada")
    owners = set(net.owners["person_id"])
    for q, node in [("acme", "company:acme robotics"), ("GLOBEX", "company:globex"),
                    ("grace  hopper", net.find_person("Grace Hopper")),
                    ("company:globex", "company:globex")]:
        assert [n for n in select_nodes(net.graph, around=q, max_nodes=1)
                if n not in owners] == [node]
    with pytest.raises(ng.NotFoundError) as view:
        net.to_html(tmp_path / "x.html", around="Grace Hoper")
    with pytest.raises(ng.NotFoundError) as paths:
        net.warm_paths("Grace Hoper")
    assert view.value.message == paths.value.message
    assert view.value.suggestions == paths.value.suggestions
    assert view.value.suggestions[0] == "Grace Hopper"
