"""Warm paths on the path index: properties against NetworkX and brute force, names, reasons."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.routing import (
    CompanyTieModel,
    WarmPaths,
    company_links,
    introducers,
    reach,
    warm_paths,
)
from netgraph.routing.index import PathIndex

AT = pd.Timestamp("2024-06-01", tz="UTC")
COMPANIES = ["Acme Robotics", "Globex", "Initech"]
PROPS = settings(max_examples=100, deadline=None, derandomize=True)


# ----------------------------------------------------------------------------- random networks
def random_net(seed: int, n: int, p_edge: float, n_owners: int, n_links: int,
               exclude_k: int = 0):
    """A random small network as tables; returns (index, frames, excluded person codes)."""
    rng = np.random.default_rng(seed)
    ids = [f"in:p{i:03d}" for i in range(n)]
    owners = np.zeros(n, dtype=bool)
    owners[rng.choice(n, size=n_owners, replace=False)] = True
    people = pd.DataFrame({"person_id": ids, "name": [f"P{i}" for i in range(n)],
                           "company": "", "is_owner": owners})
    pdt = pd.CategoricalDtype(pd.Index(ids, dtype=object))
    iu, ju = np.triu_indices(n, k=1)
    pick = rng.random(len(iu)) < p_edge
    a, b = iu[pick], ju[pick]
    # strengths: continuous, some exact repeats and some exactly 1 (zero-cost ties)
    s = rng.uniform(0.05, 1.0, len(a))
    s[rng.random(len(a)) < 0.15] = 0.5
    s[rng.random(len(a)) < 0.05] = 1.0
    ties = pd.DataFrame({"a": pd.Categorical.from_codes(a, dtype=pdt),
                         "b": pd.Categorical.from_codes(b, dtype=pdt)})
    who = rng.integers(0, n, n_links)
    comp = rng.integers(0, len(COMPANIES), n_links)
    cur = rng.random(n_links) < 0.5
    end_years = rng.integers(2005, 2024, n_links)
    aff = pd.DataFrame({
        "person_id": pd.Categorical.from_codes(who, dtype=pdt),
        "company_id": [COMPANIES[c].lower() for c in comp],
        "title": ["Engineer"] * n_links,
        "start": pd.to_datetime(["2000-01-01"] * n_links, utc=True),
        "end": pd.to_datetime([None if c else f"{y}-06-01" for c, y in zip(cur, end_years,
                                                                            strict=True)],
                              utc=True),
        "current": cur})
    companies = pd.DataFrame({"company_id": [c.lower() for c in COMPANIES], "name": COMPANIES,
                              "aliases": ["Acme|ACME Robotics Inc.", "", ""]})
    links = company_links(aff, at=AT)
    ix = PathIndex.build(people, companies, ties, s, links, at=AT)
    non_owner = np.flatnonzero(~owners)
    excl = rng.choice(non_owner, size=min(exclude_k, len(non_owner)), replace=False)
    return ix, dict(people=people, ties=ties, strength=s, links=links, a=a, b=b), excl


def terminals(ix: PathIndex, company: str, excluded=()) -> dict[int, float]:
    """Target people of a company and the cost of their last hop."""
    c = int(np.flatnonzero(ix.companies["company_id"] == company)[0])
    lo, hi = ix.emp_indptr[c], ix.emp_indptr[c + 1]
    out = {}
    for p, r in zip(ix.emp_person[lo:hi], ix.emp_row[lo:hi], strict=True):
        if int(p) not in set(excluded):
            out[int(p)] = -math.log(ix.link_strength[r])
    return out


def adjacency(f) -> dict[int, dict[int, float]]:
    adj: dict[int, dict[int, float]] = {}
    for u, v, s in zip(f["a"], f["b"], f["strength"], strict=True):
        if s > 0:
            c = -math.log(s)
            adj.setdefault(int(u), {})[int(v)] = c
            adj.setdefault(int(v), {})[int(u)] = c
    return adj


def brute_paths(ix, f, term, H, excluded=()) -> list[tuple[float, tuple[int, ...]]]:
    """Every simple path from an owner, at most H hops, never through another owner or an
    excluded person, ending at a target person: (cost, nodes)."""
    adj = adjacency(f)
    owners = set(np.flatnonzero(ix.is_owner).tolist())
    bad = owners | set(int(x) for x in excluded)
    out = []

    def dfs(path, cost):
        v = path[-1]
        if v in term:
            out.append((cost + term[v], tuple(path)))
        if len(path) - 1 == H:
            return
        for w, c in adj.get(v, {}).items():
            if w not in path and w not in bad:
                path.append(w)
                dfs(path, cost + c)
                path.pop()

    for o in sorted(owners):
        dfs([o], 0.0)
    return out


def nx_optimum(ix, f, term, excluded=()):
    """NetworkX Dijkstra from a virtual source (cost 0 to every owner) to a company sink."""
    G = nx.Graph()
    for u, v, s in zip(f["a"], f["b"], f["strength"], strict=True):
        if s > 0:
            G.add_edge(int(u), int(v), cost=-math.log(s))
    for p, c in term.items():
        G.add_edge(p, "C", cost=c)
    for o in np.flatnonzero(ix.is_owner):
        G.add_edge("SRC", int(o), cost=0.0)
    G.remove_nodes_from([int(x) for x in excluded])
    try:
        cost, path = nx.single_source_dijkstra(G, "SRC", "C", weight="cost")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return math.inf, None
    return cost, path


def check_path_shape(ix, p, H, company="acme robotics", excluded=()):
    codes = [int(ix.person_ids.get_loc(i)) for i in p.person_ids]
    assert len(set(codes)) == len(codes), "loopless"
    assert p.n_hops <= H
    assert ix.is_owner[codes[0]]
    assert not ix.is_owner[codes[1:]].any(), "never through another owner"
    assert not set(codes) & set(int(x) for x in excluded)
    assert math.isclose(p.probability, math.prod(h.strength for h in p.hops), rel_tol=1e-12)
    assert p.hops[-1].to_id == company and p.hops[-1].kind in ("works_at", "worked_at")
    for h, u, v in zip(p.hops[:-1], codes[:-1], codes[1:], strict=True):
        assert h.kind == "knows" and ix.edge(u, v) >= 0
    assert p.weakest.strength == min(h.strength for h in p.hops)


# ----------------------------------------------------------------------------- properties
@PROPS
@given(seed=st.integers(0, 10**6), n=st.integers(3, 40), deg=st.floats(1.0, 5.0),
       owners=st.integers(1, 3), H=st.integers(1, 4), ex=st.integers(0, 2))
def test_best_path_matches_networkx_dijkstra(seed, n, deg, owners, H, ex):
    ix, f, excl = random_net(seed, n, min(1.0, deg / n), min(owners, n - 1), n, ex)
    term = terminals(ix, "acme robotics", excl)
    opt, path = nx_optimum(ix, f, term, excl)
    names = [ix.person_ids[int(x)] for x in excl]
    res = warm_paths(ix, "Acme Robotics", k=1, max_hops=H, exclude=names)
    if path is not None and len(path) - 3 <= H:
        assert res, res.reason
        assert math.isclose(res[0].probability, math.exp(-opt), rel_tol=1e-5)
    if res:
        # never better than the unbounded optimum
        assert res[0].probability <= math.exp(-opt) * (1 + 1e-5)
        check_path_shape(ix, res[0], H, excluded=excl)
    else:
        assert res.reason and len(res) == 0


@PROPS
@given(seed=st.integers(0, 10**6), n=st.integers(3, 9), deg=st.floats(1.0, 4.0),
       owners=st.integers(1, 2), H=st.integers(1, 4), k=st.integers(1, 6),
       ex=st.integers(0, 1))
def test_k_paths_match_brute_force(seed, n, deg, owners, H, k, ex):
    ix, f, excl = random_net(seed, n, min(1.0, deg / n), min(owners, n - 1), n, ex)
    term = terminals(ix, "acme robotics", excl)
    allp = brute_paths(ix, f, term, H, excl)
    names = [ix.person_ids[int(x)] for x in excl]
    # true k best loopless paths (Yen)
    res = warm_paths(ix, "acme robotics", k=k, max_hops=H, exclude=names,
                     distinct_introducers=False)
    want = sorted(c for c, _ in allp)[:k]
    assert len(res) == len(want)
    for p, c in zip(res, want, strict=True):
        assert math.isclose(p.probability, math.exp(-c), rel_tol=1e-5)
        check_path_shape(ix, p, H, excluded=excl)
    assert len({tuple(p.person_ids) for p in res}) == len(res)
    probs = [p.probability for p in res]
    assert probs == sorted(probs, reverse=True)
    # distinct first introducers: the best path through each, k best of them
    best_by: dict[object, float] = {}
    for c, nodes in allp:
        key = nodes[1] if len(nodes) > 1 else ("self", nodes[0])
        best_by[key] = min(best_by.get(key, math.inf), c)
    res = warm_paths(ix, "acme robotics", k=k, max_hops=H, exclude=names)
    want = sorted(best_by.values())[:k]
    assert len(res) == len(want)
    intro = [p.person_ids[1] if p.n_hops else ("self", p.person_ids[0]) for p in res]
    assert len(set(intro)) == len(intro)
    for p, c in zip(res, want, strict=True):
        assert math.isclose(p.probability, math.exp(-c), rel_tol=1e-5)
        check_path_shape(ix, p, H, excluded=excl)
    probs = [p.probability for p in res]
    assert probs == sorted(probs, reverse=True)
    # introducers: best probability and routes through each direct contact
    if res:
        adj = adjacency(f)
        owners_set = set(np.flatnonzero(ix.is_owner).tolist())
        bad = owners_set | set(int(x) for x in excl)
        tab = introducers(ix, "acme robotics", max_hops=H, exclude=names)
        for row in tab.itertuples():
            code = int(ix.person_ids.get_loc(row.introducer_id))
            assert math.isclose(row.probability, math.exp(-best_by[code]), rel_tol=1e-5)
            # brute-force routes: target people within H-1 hops, avoiding owners/excluded
            seen, frontier = {code}, {code}
            for _ in range(H - 1):
                frontier = {w for v in frontier for w in adj.get(v, {}) if w not in bad} - seen
                seen |= frontier
            assert row.routes == len(seen & set(term))
        assert len(tab) == sum(1 for key in best_by if not isinstance(key, tuple))


@PROPS
@given(seed=st.integers(0, 10**6), n=st.integers(3, 30), deg=st.floats(1.0, 5.0),
       owners=st.integers(1, 3), H=st.integers(1, 4))
def test_reach_agrees_with_warm_paths(seed, n, deg, owners, H):
    ix, _, _ = random_net(seed, n, min(1.0, deg / n), min(owners, n - 1), n)
    table = reach(ix, max_hops=H)
    for row in table.itertuples():
        res = warm_paths(ix, row.company_id, k=1, max_hops=H)
        if row.probability == 0:
            assert not res
            assert pd.isna(row.hops)
        else:
            assert math.isclose(row.probability, res[0].probability, rel_tol=1e-5)
            assert 0 <= row.hops <= H
            # the labels describe a real route: owner -> introducer ... person -> company
            src = ix.person_ids.get_loc(f"in:p{int(row.source[1:]):03d}")
            person = ix.person_ids.get_loc(row.person_id)
            assert ix.is_owner[src] and ix.link(person, ix.companies.index[
                ix.companies["company_id"] == row.company_id][0]) >= 0
            if row.hops == 0:
                assert person == src and row.introducer == ""
            else:
                intro = ix.person_ids.get_loc(f"in:p{int(row.introducer[1:]):03d}")
                assert ix.edge(src, intro) >= 0
                assert (intro == person) == (row.hops == 1)
    assert list(table["probability"]) == sorted(table["probability"], reverse=True)


def test_results_are_deterministic():
    a = random_net(7, 40, 0.15, 2, 40)[0]
    b = random_net(7, 40, 0.15, 2, 40)[0]
    for distinct in (True, False):
        ra = warm_paths(a, "Acme", k=6, max_hops=4, distinct_introducers=distinct)
        rb = warm_paths(b, "Acme", k=6, max_hops=4, distinct_introducers=distinct)
        assert len(ra) > 1
        pd.testing.assert_frame_equal(ra.to_frame(), rb.to_frame())
        assert [str(p) for p in ra] == [str(p) for p in rb]
    pd.testing.assert_frame_equal(reach(a), reach(b))
    pd.testing.assert_frame_equal(introducers(a, "Acme"), introducers(b, "Acme"))


# ----------------------------------------------------------------------------- example network
@pytest.fixture
def ix():
    from netgraph.routing.example import example_index

    return example_index()


def test_best_path_explains_every_hop(ix):
    paths = warm_paths(ix, "Acme Robotics")
    best = paths[0]
    assert best.people == ["Maya Chen", "Tom Baker", "Lena Ortiz"]
    assert best.introducer == "Tom Baker" and best.source == "Maya Chen"
    assert [h.kind for h in best.hops] == ["knows", "knows", "works_at"]
    assert best.hops[0].evidence.startswith("last contact 3 weeks ago; 2 meetings, 14 messages "
                                            "both ways; connected since 2019")
    assert "worked together at Initech" in best.hops[1].evidence
    assert best.hops[2].evidence == "current Staff Engineer (engineering) since 2019"
    assert best.weakest.to == "Lena Ortiz"
    assert math.isclose(best.probability, 0.7 * 0.6 * 0.9)
    text = str(best)
    assert "Lena Ortiz (0.60, weakest link:" in text and "Acme Robotics (0.90: current" in text
    alum = paths[1].hops[-1]
    assert alum.kind == "worked_at" and alum.evidence.startswith("former Engineer (engineering), left 2020")
    frame = paths.to_frame()
    assert list(frame.columns) == ["rank", "probability", "hops", "source", "introducer",
                                   "person", "person_id", "weakest", "weakest_strength", "path"]
    assert frame["rank"].tolist() == [1, 2] and frame["hops"].tolist() == [2, 2]
    assert frame.loc[0, "path"] == "Maya Chen -> Tom Baker -> Lena Ortiz -> Acme Robotics"


@pytest.mark.parametrize("spelling", ["Acme Robotics", "ACME ROBOTICS, Inc.", "acme robotics llc",
                                      "Acme", "acme robotics", "  The Acme Robotics Company "])
def test_company_spellings_and_aliases(ix, spelling):
    paths = warm_paths(ix, spelling, k=1)
    assert paths.target == "Acme Robotics" and paths.target_id == "acme robotics"
    assert paths[0].company == "Acme Robotics"


@pytest.mark.parametrize("who", ["Lena Ortiz", "lena  ORTIZ", "in:lena",
                                 "https://www.linkedin.com/in/lena/"])
def test_person_target(ix, who):
    paths = warm_paths(ix, who)
    assert paths.kind == "person"
    assert [p.people for p in paths] == [["Maya Chen", "Tom Baker", "Lena Ortiz"]]
    assert paths[0].company is None and paths[0].hops[-1].kind == "knows"
    assert math.isclose(paths[0].probability, 0.7 * 0.6)


def test_unknown_target_suggests_closest_names(ix):
    with pytest.raises(ng.NotFoundError) as err:
        warm_paths(ix, "Acme Robotcs Labs")
    assert isinstance(err.value, LookupError) and isinstance(err.value, ng.NetgraphError)
    assert "Acme Robotics" in err.value.suggestions
    with pytest.raises(LookupError) as err:
        warm_paths(ix, "Lena Ortis")
    assert "Lena Ortiz" in err.value.suggestions


def test_ambiguous_person_lists_candidates():
    people = pd.DataFrame({"person_id": ["in:me", "in:tom1", "in:tom2"],
                           "name": ["Me", "Tom Baker", "Tom Baker"],
                           "company": ["", "Acme", "Globex"], "is_owner": [True, False, False]})
    ties = pd.DataFrame({"a": ["in:me", "in:me"], "b": ["in:tom1", "in:tom2"]})
    ix = PathIndex.build(people, pd.DataFrame({"company_id": [], "name": []}), ties,
                         [0.5, 0.6], company_links(pd.DataFrame(
                             {"person_id": [], "company_id": []}), at=AT), at=AT)
    with pytest.raises(ng.NotFoundError) as err:
        warm_paths(ix, "Tom Baker")
    assert err.value.suggestions == ["in:tom1", "in:tom2"]
    assert "matches 2 people" in str(err.value) and "Acme" in str(err.value)
    assert warm_paths(ix, "in:tom2")[0].probability == 0.6


def test_bad_arguments(ix):
    with pytest.raises(ng.InputError):
        warm_paths(ix, "Acme", k=0)
    with pytest.raises(ng.InputError):
        warm_paths(ix, "Acme", max_hops=0)
    with pytest.raises(ng.InputError):
        warm_paths(ix, "")
    with pytest.raises(ng.InputError, match="both the target and excluded"):
        warm_paths(ix, "Acme", exclude=["ACME Robotics Inc."])
    with pytest.raises(ng.NotFoundError):
        warm_paths(ix, "Acme", exclude=["Nobody Atall"])


def test_exclude_people_and_companies(ix):
    assert warm_paths(ix, "Acme", exclude=["Tom Baker"])[0].introducer == "Ana Silva"
    assert warm_paths(ix, "Acme", exclude="in:lena")[0].target_person == "Raj Patel"
    # excluding Initech removes its current employees (Tom), not its alumni (Lena)
    paths = warm_paths(ix, "Acme", exclude=["Initech"])
    assert [p.introducer for p in paths] == ["Ana Silva"]


def test_empty_results_say_why(ix):
    none = warm_paths(ix, "Globex")
    assert not none and len(none) == 0
    assert none.reason == "nobody in your network has worked at Globex"
    assert "No warm path to Globex" in str(none)
    far = warm_paths(ix, "Acme", max_hops=1)
    assert far.reason == ("2 people at Acme Robotics (1 current, 1 former), but none within 1 "
                          "hop of Maya Chen: the closest is 2 hops away (try max_hops=2)")
    blocked = warm_paths(ix, "Acme", exclude=["Tom Baker", "Ana Silva"])
    assert blocked.reason.endswith("but all routes within 3 hops of Maya Chen go through "
                                   "excluded people")
    gone = warm_paths(ix, "Acme", exclude=["Lena Ortiz", "Raj Patel"])
    assert gone.reason == "all 2 people at Acme Robotics are excluded"
    assert warm_paths(ix, "Umbrella", max_hops=1).reason.startswith("1 person at Umbrella")
    assert warm_paths(ix, "Umbrella", exclude=["Raj Patel"]).reason == \
        "the only person at Umbrella, Raj Patel, is excluded"
    assert warm_paths(ix, "Raj Patel", max_hops=1).reason == \
        "Raj Patel is 2 hops from Maya Chen, more than max_hops=1"


def pooled_index():
    """Two owners; Zoe works at Globex; Maya and Zoe both know Tom."""
    people = pd.DataFrame({"person_id": ["in:maya", "in:zoe", "in:tom", "in:lena", "in:ola"],
                           "name": ["Maya", "Zoe", "Tom", "Lena", "Ola"],
                           "is_owner": [True, True, False, False, False]})
    ties = pd.DataFrame({"a": ["in:maya", "in:tom", "in:lena", "in:tom", "in:maya"],
                         "b": ["in:tom", "in:zoe", "in:tom", "in:ola", "in:zoe"]})
    s = np.array([0.4, 0.9, 0.8, 0.5, 0.99])
    aff = pd.DataFrame({"person_id": ["in:lena", "in:zoe", "in:ola"],
                        "company_id": ["acme", "globex", "acme"],
                        "end": [None, None, "2023-06-01"], "current": [True, True, False]})
    comps = pd.DataFrame({"company_id": ["acme", "globex"], "name": ["Acme", "Globex"]})
    return PathIndex.build(people, comps, ties, s, company_links(aff, at=AT), at=AT)


def test_pooled_team_source():
    ix = pooled_index()
    paths = warm_paths(ix, "Acme")
    assert paths.source == "your team (2 owners)"
    assert paths[0].people == ["Zoe", "Tom", "Lena"]  # Zoe's tie to Tom is the warmer one
    assert all(p.source in ("Maya", "Zoe") for p in paths)
    # Maya's path never runs through Zoe (Zoe's own path is shorter and likelier)
    yen = warm_paths(ix, "Acme", k=10, distinct_introducers=False)
    assert all("Zoe" not in p.people[1:] and "Maya" not in p.people[1:] for p in yen)
    assert {tuple(p.people) for p in yen} == {("Zoe", "Tom", "Lena"), ("Maya", "Tom", "Lena"),
                                              ("Zoe", "Tom", "Ola"), ("Maya", "Tom", "Ola")}
    mine = warm_paths(ix, "Acme", source="Maya")  # from Maya alone, Zoe is a teammate to ask
    assert mine.source == "Maya" and mine[0].people == ["Maya", "Zoe", "Tom", "Lena"]
    assert math.isclose(mine[0].probability, 0.99 * 0.9 * 0.8 * 0.9)
    # an owner inside the target: a 0-hop path, no introducer
    glob = warm_paths(ix, "Globex")
    assert glob[0].people == ["Zoe"] and glob[0].n_hops == 0 and glob[0].introducer is None
    assert glob[0].probability == 0.9 and "no introduction needed" in str(glob[0])
    assert len(glob) == 1  # Maya's routes all run through Zoe, who is on the team
    assert warm_paths(ix, "Globex", source="Maya")[0].people == ["Maya", "Zoe"]
    with pytest.raises(ng.InputError, match="not an owner"):
        warm_paths(ix, "Acme", source="Tom")
    with pytest.raises(ng.NotFoundError):
        warm_paths(ix, "Acme", source="Nobody")
    with pytest.raises(ng.InputError, match="excluded"):
        warm_paths(ix, "Acme", source="Maya", exclude=["Maya"])
    assert warm_paths(ix, "Acme", exclude=["Zoe"]).source == "Maya"
    table = reach(ix)
    # an owner's own employer is not a target unless named (it would always rank first)
    assert "Globex" not in set(table["company"])
    assert reach(ix, ["Globex"]).set_index("company").loc["Globex", "hops"] == 0
    assert table.set_index("company").loc["Acme", "source"] == "Zoe"


def test_alumni_decay_depends_on_at():
    aff = pd.DataFrame({"person_id": ["in:a", "in:b", "in:c", "in:d"],
                        "company_id": ["acme"] * 4,
                        "start": ["2010-01-01", "2010-01-01", "2026-01-01", "2010-01-01"],
                        "end": ["2020-01-01", None, None, "2025-01-01"],
                        "current": [False, False, True, False]})
    m = CompanyTieModel()
    early = company_links(aff, at="2020-01-02").set_index("person_id")
    late = company_links(aff, at="2029-01-01").set_index("person_id")
    assert math.isclose(early.loc["in:a", "strength"], m.alumni, rel_tol=1e-3)
    assert math.isclose(late.loc["in:a", "strength"], float(m.alumni_strength(9.0)), rel_tol=1e-3)
    assert late.loc["in:a", "strength"] < early.loc["in:a", "strength"]
    assert early.loc["in:b", "strength"] == m.unknown_end  # ended, end date unknown
    assert "in:c" not in early.index  # starts after `at`: ignored
    assert bool(early.loc["in:d", "current"]) and early.loc["in:d", "strength"] == m.current
    assert not bool(late.loc["in:d", "current"])
    # the path probability follows the date
    people = pd.DataFrame({"person_id": ["in:me", "in:a"], "name": ["Me", "A"],
                           "is_owner": [True, False]})
    ties = pd.DataFrame({"a": ["in:a"], "b": ["in:me"]})
    comps = pd.DataFrame({"company_id": ["acme"], "name": ["Acme"]})
    probs = [warm_paths(PathIndex.build(people, comps, ties, [0.8],
                                        company_links(aff[aff.person_id == "in:a"], at=at),
                                        at=at), "Acme")[0].probability
             for at in ("2021-01-01", "2024-01-01", "2040-01-01")]
    assert probs[0] > probs[1] > probs[2] >= 0.8 * m.alumni_floor


def test_company_tie_model_validates():
    with pytest.raises(ng.InputError):
        CompanyTieModel(current=1.5)
    with pytest.raises(ng.InputError):
        CompanyTieModel(alumni_half_life_years=0)
    with pytest.raises(ValueError):
        CompanyTieModel(alumni_floor=0.0)
    assert CompanyTieModel(current=1.0).current == 1.0


def test_build_rejects_bad_strengths():
    people = pd.DataFrame({"person_id": ["a", "b"], "name": ["A", "B"]})
    ties = pd.DataFrame({"a": ["a"], "b": ["b"]})
    comps = pd.DataFrame({"company_id": [], "name": []})
    links = pd.DataFrame({"person_id": [], "company_id": [], "strength": []})
    with pytest.raises(ng.InputError, match="outside"):
        PathIndex.build(people, comps, ties, [1.2], links)
    with pytest.raises(ng.InputError, match="1 ties"):
        PathIndex.build(people, comps, ties, [0.5, 0.5], links)
    with pytest.raises(ng.InputError, match="not in the people table"):
        PathIndex.build(people, comps, pd.DataFrame({"a": ["a"], "b": ["zz"]}), [0.5], links)
    ix = PathIndex.build(people, comps, ties, [0.0], links)  # strength 0: no tie
    assert ix.n_ties == 0


def test_index_is_compact():
    ix = random_net(3, 300, 0.05, 1, 300)[0]
    assert ix.indices.dtype == np.int32 and ix.cost.dtype == np.float32
    assert ix.edge_tie.dtype == np.int32
    assert ix.bytes_per_tie() < 40


def test_html_is_escaped():
    people = pd.DataFrame({"person_id": ["in:me", "in:x"],
                           "name": ["Me", "<script>alert(1)</script>"],
                           "is_owner": [True, False]})
    ties = pd.DataFrame({"a": ["in:me"], "b": ["in:x"]})
    aff = pd.DataFrame({"person_id": ["in:x"], "company_id": ["evil"], "title": ["<b>CEO</b>"],
                        "current": [True]})
    comps = pd.DataFrame({"company_id": ["evil"], "name": ["Evil & <Co>"]})
    ix = PathIndex.build(people, comps, ties, [0.5], company_links(aff, at=AT), at=AT)
    paths = warm_paths(ix, "evil")
    for out in (paths._repr_html_(), paths[0]._repr_html_()):
        assert "<script>" not in out and "<b>CEO" not in out and "<Co>" not in out
        assert "&lt;script&gt;" in out
    assert isinstance(paths, WarmPaths) and "Evil & <Co>" in str(paths)


def test_introducers_and_reach_tables(ix):
    tab = introducers(ix, "Acme")
    assert tab["introducer"].tolist() == ["Tom Baker", "Ana Silva"]
    assert tab.loc[0, "path"] == "Maya Chen -> Tom Baker -> Lena Ortiz -> Acme Robotics"
    assert tab["probability"].is_monotonic_decreasing
    assert tab["routes"].tolist() == [1, 1]
    assert introducers(ix, "Acme", count_routes=False)["routes"].isna().all()
    r = reach(ix, companies=["acme robotics inc", "Globex"])
    assert r["company"].tolist() == ["Acme Robotics", "Globex"]
    assert r.loc[0, "person"] == "Lena Ortiz" and bool(r.loc[0, "current"])
    assert r.loc[1, "probability"] == 0 and r.loc[1, "introducer"] == ""
    assert r.loc[0, "n_current"] == 1 and r.loc[0, "n_former"] == 1
    with pytest.raises(ng.NotFoundError):
        reach(ix, companies=["Nonexistent Corp"])


def test_network_resolves_a_leading_word_and_validates_targets(tmp_path):
    import pandas as pd

    import netgraph as ng

    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing", "Ann Lee"],
                                      "company": ["Acme Robotics Inc.", "Globex", "Globex Labs"]}),
                        owner="Ada")
    assert net.warm_paths("Acme")[0].company == "Acme Robotics Inc."
    with pytest.raises(ng.NotFoundError):  # "Globex" is one company, "Glob" two: ambiguous
        net.warm_paths("Glob")
    with pytest.raises(ng.NotFoundError) as err:
        net.set_targets(["Acme Robtics"])
    assert err.value.suggestions[0] == "Acme Robotics Inc."
    assert net.targets == []
    net.set_targets(["acme robotics"])
    assert net.targets == ["acme robotics"]
    paths = net.warm_paths("Globex", distinct_introducers=False, k=3)
    assert paths[0].introducer == "Alan Turing"


def test_ties_made_after_the_date_do_not_route():
    import pandas as pd

    import netgraph as ng

    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
                                      "company": ["Acme", "Acme"],
                                      "connected_on": ["2019-01-01", "2023-01-01"]}), owner="Ada")
    now = net.warm_paths("Acme", at="2024-01-01")
    assert {p.introducer for p in now} == {"Grace Hopper", "Alan Turing"}
    then = net.warm_paths("Acme", at="2020-01-01")
    assert [p.introducer for p in then] == ["Grace Hopper"]
