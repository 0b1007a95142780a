"""Warm-introduction paths: ranked, explained, answered from the path index.

The model
---------
A tie's strength in (0, 1] is read as the chance that the person will act on
a request along it (make the introduction, or refer you). A path's
probability is the product of its hops' strengths, so one weak link sinks a
path; the search minimises the sum of ``cost = -log(strength)`` (the default
objective, ``"likely_intro"``; another objective from
:mod:`netgraph.routing.objectives` changes what "warmest" means).

The last hop enters the company
(:class:`~netgraph.scoring.company_ties.CompanyTieModel`): a current employee
can refer you (0.9 by default); a former employee still knows people there,
less so as the years since they left go by. Sharing an employer never makes
a tie by itself: only ties in the ``ties`` table are walked; a shared
employer is shown as *evidence* on a tie that exists.

``max_hops`` counts person-to-person hops (the hop into the company is not
counted): a contact who works at the target is 1 hop away. An owner who
works at the target has a 0-hop path. Paths are loopless and never pass
through another source (with the default pooled source, another owner: that
owner's own path is shorter and at least as likely) nor through excluded
people; with one owner as ``source``, the other owners are contacts like any
other.

Ties between equally likely paths are broken by the people's order in the
tables (person codes), so equal inputs always give equal answers.

How it is searched
------------------
All queries run on :class:`netgraph.routing.index.PathIndex` (CSR arrays), not on
NetworkX. The search (:mod:`netgraph.routing.search`) is an exact hop-bounded
Bellman-Ford, vectorised with numpy over the frontier only, run *backwards*
from the target's people (their person-company cost) for ``max_hops - 1``
layers and met by the owners' first hops: for every first introducer ``n`` (a
contact of an owner) the best probability through ``n`` is ``s(owner, n) x
best(n -> company within max_hops - 1 hops)``, so the k best distinct
introducers cost about as much as the single best path. When the owners'
contacts are cheaper to scan than the last backward layer, the last layer is
replaced by one scan of their ties (meet in the middle). With
``distinct_introducers=False`` the k best loopless paths are found by Yen's
algorithm over the same hop-bounded search (:mod:`netgraph.routing.kpaths`).

The result is the best path *within* ``max_hops``; it equals the unbounded
optimum (Dijkstra) whenever that optimum has at most ``max_hops`` hops.
:func:`reach` runs one hop-bounded search forwards from the sources over the
whole person graph (carrying the owner and first introducer of each best
path) and takes the best person-company link of every company at once;
:func:`introducers` ranks every first introducer of the backward search.

Speed (``benchmarks/bench_paths.py``, medians on a 2-core VM): 30,000 people
and 360,000 ties answer ``warm_paths`` k=5 in about 2 ms; 330,000 people and
3.6M ties, from an owner with 30,000 contacts, in about 6 ms (``reach`` over
every company 0.3 s); 1M people and 12M ties in about 8 ms (index build under
2 s, 27 bytes a tie), 10-50x faster than NetworkX's bidirectional Dijkstra.

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing import warm_paths
>>> ix = example_index()
>>> paths = warm_paths(ix, "ACME Robotics, Inc.", k=2)
>>> [p.people for p in paths]
[['Maya Chen', 'Tom Baker', 'Lena Ortiz'], ['Maya Chen', 'Ana Silva', 'Raj Patel']]
>>> round(paths[0].probability, 3), paths[0].weakest.to
(0.378, 'Lena Ortiz')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from netgraph.errors import InputError, NotFoundError
from netgraph.routing.index import PathIndex
from netgraph.routing.kpaths import yen
from netgraph.routing.objectives import Objective
from netgraph.routing.resolve import (
    check_int,
    make_query,
    resolve_exclude,
    resolve_role,
    resolve_sources,
)
from netgraph.routing.results import WarmPaths, make_path, why_empty
from netgraph.routing.search import (
    dedupe,
    edge_rows,
    loopless,
    nodes_of,
    pull_layer,
    ranked,
    route_counts,
    seg_argmin,
    walk_many,
)

__all__ = ["introducers", "people_at", "reach", "warm_paths"]


def warm_paths(
    index: PathIndex,
    target: str,
    source: str | Sequence[str] | None = None,
    k: int = 5,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
    distinct_introducers: bool = True,
    objective: str | Objective | None = None,
    role: str | Sequence[str] | None = None,
    title: str | None = None,
    roles: Mapping[str, Sequence[str]] | None = None,
) -> WarmPaths:
    """The k warmest introduction paths to a company (or a person).

    Parameters
    ----------
    index : PathIndex
        Built by :meth:`PathIndex.build` (the ``Network`` builds and caches it).
    target : str
        A company name in any spelling or alias ("Acme", "ACME Inc."), a
        company id, or a person (name, LinkedIn profile URL or person_id):
        paths then end at that person. A company wins over a person of the
        same name.
    source : str or sequence of str, optional
        The owner(s) the paths start from (name, URL or person_id). Default:
        every owner, each path starting at the owner it comes from ("who on
        our team has the warmest path").
    k : int, default 5
        How many paths.
    max_hops : int, default 3
        Most person-to-person hops (the hop into the company is not
        counted; a contact who works there is 1 hop).
    exclude : str or iterable of str
        People (name, URL, id) nobody should ask, and companies (any
        spelling) whose *current* employees must not hear of it (your own
        employer). Owners are never removed by a company.
    distinct_introducers : bool, default True
        Give the best path through each of k different first introducers
        (the person after the owner): k people to ask, not k variants
        through one. False gives the true k best loopless paths (Yen).
    objective : str or Objective, optional
        What "warmest" means (:mod:`netgraph.routing.objectives`); default
        the index's own (``"likely_intro"``: the most likely introduction;
        ``"job_mobility"`` favours moderately weak ties).
    role : str or list of str, optional
        Only paths to someone in this role at the target company: a role
        family ("recruiting", "engineering", ...), a word for one
        ("recruiter"), "hiring manager", a list of title words, or a regular
        expression over their title (:mod:`netgraph.routing.roles`).
    title : str, optional
        A raw regular expression their title must match (with *role*: both).
    roles : mapping, optional
        Role family -> title words, instead of :data:`netgraph.routing.roles.ROLES`.

    Returns
    -------
    WarmPaths
        Ranked by probability (non-increasing; equal ones by the people's
        order in the tables), or by the score of another *objective*. Empty (and falsy) when no path exists within
        ``max_hops``, with ``.reason`` saying why. An owner who works at the
        target has a 0-hop path (no introducer).

    Raises
    ------
    NotFoundError
        Unknown target or source (with the closest names as suggestions),
        or a person name that matches several people (the candidates'
        person ids are the suggestions).
    InputError
        A source that is not an owner, a bad ``k``/``max_hops``, a target
        that is also excluded, an unknown objective, or a role that is
        neither a family nor a usable pattern (the families are listed).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import warm_paths
    >>> ix = example_index()
    >>> warm_paths(ix, "Acme", role="hiring manager").reason  # doctest: +NORMALIZE_WHITESPACE
    "nobody at Acme Robotics matches role 'hiring manager' (leadership outside recruiting);
    the 2 people there: Lena Ortiz (Staff Engineer), Raj Patel (former Engineer)"
    >>> for p in warm_paths(ix, "acme robotics"):
    ...     print(round(p.probability, 3), p.text())
    0.378 Maya Chen -> Tom Baker -> Lena Ortiz -> Acme Robotics
    0.051 Maya Chen -> Ana Silva -> Raj Patel -> Acme Robotics
    >>> warm_paths(ix, "Acme Robotics", exclude=["Lena Ortiz"])[0].introducer
    'Ana Silva'
    >>> warm_paths(ix, "Acme", max_hops=1).reason
    '2 people at Acme Robotics (1 current, 1 former), but none within 1 hop of Maya Chen: the closest is 2 hops away (try max_hops=2)'
    """
    check_int("k", k, 1, 10_000)
    q = make_query(index, target, source, max_hops, exclude, objective, role, title, roles)
    obj = q.costs.objective
    kw = dict(target=q.target.name, target_id=q.target.id, kind=q.target.kind,
              source=q.source_label, max_hops=q.max_hops, objective=obj.name)
    allv, node, src, idx, firsts, fedge, tails = ranked(q, k if distinct_introducers else 1)
    if not len(allv):
        return WarmPaths([], reason=why_empty(q), **kw)
    if distinct_introducers:
        chosen = [nodes_of(int(node[j]), int(src[j]), int(idx[j]), firsts, fedge, tails)
                  for j in range(min(k, len(allv)))]
    else:
        best = nodes_of(int(node[0]), int(src[0]), int(idx[0]), firsts, fedge, tails)
        chosen = yen(q, k, best)
    paths = [make_path(q, p) for p in chosen]
    # stable: exact scores (products of strengths by default), same order on ties
    paths.sort(key=lambda p: -obj.path_score(
        [h.strength for h in p.hops if h.kind == "knows"],
        link=next((h.strength for h in p.hops if h.kind != "knows"), None)))
    return WarmPaths(paths, **kw)


def introducers(
    index: PathIndex,
    target: str,
    source: str | Sequence[str] | None = None,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
    count_routes: bool = True,
    objective: str | Objective | None = None,
    role: str | Sequence[str] | None = None,
    title: str | None = None,
    roles: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Whom among the owners' direct contacts to ask, best first.

    Parameters
    ----------
    index, target, source, max_hops, exclude, objective, role, title, roles
        As in :func:`warm_paths` (with a role, only people in that role at
        the target count as routes and path ends).
    count_routes : bool, default True
        Count ``routes``. This is the costly part for the largest employers
        of a big network (seconds for a 10,000-person company in a network
        of 330,000): False leaves ``routes`` as <NA>.

    Returns
    -------
    pandas.DataFrame
        One row per contact with a route within ``max_hops``: ``introducer``,
        ``introducer_id``, ``source`` (the owner who knows them best),
        ``probability`` (of the best path through them), ``routes`` (how many
        distinct people at the target they can reach within
        ``max_hops - 1`` hops, themselves included, avoiding owners and
        excluded people), ``hops`` and ``person`` (of the best path), and
        ``path`` (its names). Sorted by probability, then people order. An
        owner who works at the target is not an introducer (see
        :func:`warm_paths`). Under an objective that is not a probability,
        a ``score`` column (the objective's score of the best path) is
        added and rows are sorted by it.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import introducers
    >>> introducers(example_index(), "Acme Robotics")[["introducer", "routes", "person"]]
      introducer  routes      person
    0  Tom Baker       1  Lena Ortiz
    1  Ana Silva       1   Raj Patel
    """
    q = make_query(index, target, source, max_hops, exclude, objective, role, title, roles)
    obj = q.costs.objective
    _, node, src, idx, _, fedge, tails = ranked(q)
    sel = node >= 0
    node, src, idx = node[sel], src[sel], idx[sel]
    ix = index
    names = ix.names()
    routes = pd.array(route_counts(q, node, q.max_hops - 1) if count_routes else
                      [pd.NA] * len(node), dtype="Int64")
    # every best path at once: source, introducer, then the tail
    b = tails.budget
    P = np.full((len(node), b + 2), -1, dtype=np.int64)
    E = np.full((len(node), b + 2), -1, dtype=np.int64)
    P[:, 0], P[:, 1], E[:, 1] = src, node, fedge[idx]
    if b > 0 and len(node):
        nx_, ne_ = tails.nxt[idx], tails.nedge[idx]
        if (nx_ == -2).any():  # full backward variant: walk from the introducer
            P[:, 2:], E[:, 2:] = walk_many(tails.layers, node, b)
        else:
            go = nx_ >= 0
            P[go, 2], E[go, 2] = nx_[go], ne_[go]
            if b > 1:
                P[go, 3:], E[go, 3:] = walk_many(tails.layers, nx_[go], b - 1)
    # zero-cost cycles (rare): remove them row by row
    dup = np.zeros(len(node), dtype=bool)
    for i in range(P.shape[1]):
        for j in range(i + 1, P.shape[1]):
            dup |= (P[:, i] == P[:, j]) & (P[:, i] >= 0)
    for r in np.flatnonzero(dup):
        fixed = loopless([(int(v), int(e)) for v, e in zip(P[r], E[r], strict=True) if v >= 0])
        P[r], E[r] = -1, -1
        P[r, :len(fixed)] = [v for v, _ in fixed]
        E[r, :len(fixed)] = [e for _, e in fixed]
    valid = P >= 0
    n_nodes = valid.sum(axis=1)
    last = P[np.arange(len(node)), n_nodes - 1] if len(node) else np.empty(0, dtype=np.int64)
    strength = np.where(E >= 0, ix.tie_strength[ix.edge_tie[np.maximum(E, 0)]], 1.0)
    prob = strength.prod(axis=1)
    name_of = np.append(names, "").astype(object)
    text = name_of[P[:, 0]].copy()
    for c in range(1, P.shape[1]):
        text = np.where(valid[:, c], text + " -> " + name_of[P[:, c]], text)
    total = np.where(E >= 0, q.costs.edge[np.maximum(E, 0)], 0.0).sum(axis=1)
    if q.target.kind == "company":
        pos = np.searchsorted(q.end_people, last)
        prob = prob * ix.link_strength[ix.emp_row[q.end_link[pos]]]
        total = total + q.costs.link[q.end_link[pos]]
        text = text + " -> " + q.target.name
    out = pd.DataFrame({
        "introducer": name_of[node], "introducer_id": ix.person_ids.to_numpy()[node],
        "source": name_of[src], "probability": prob.astype(np.float64),
        "routes": routes, "hops": (n_nodes - 1).astype(np.int64),
        "person": name_of[last], "person_id": ix.person_ids.to_numpy()[last],
        "path": text})
    key = "probability"
    if not obj.is_probability:
        out["score"] = np.asarray(obj.score(total), dtype=np.float64)
        key = "score"
    return out.sort_values(key, ascending=False, kind="stable").reset_index(drop=True)


def reach(
    index: PathIndex,
    companies: str | Iterable[str] | None = None,
    source: str | Sequence[str] | None = None,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
    objective: str | Objective | None = None,
    role: str | Sequence[str] | None = None,
    title: str | None = None,
    roles: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Which companies are warm for me: the best path's probability to each.

    One hop-bounded search from the source(s) over the person graph (with
    the first introducer and the owner carried along), then the best
    person-company link of each company, vectorised.

    Parameters
    ----------
    index : PathIndex
    companies : str or iterable of str, optional
        Companies to report (any spelling). Default: every company someone
        in the network works or worked at, but for the sources' own current
        and former employers (name one to see it).
    source, max_hops, exclude, objective, role, title, roles
        As in :func:`warm_paths`: with a role, only people in that role count
        (paths, ``n_current`` and ``n_former``).

    Returns
    -------
    pandas.DataFrame
        One row per company: ``company_id``, ``company``, ``probability``
        (0 when out of reach; from the index's float32 costs, within 1e-6
        of :func:`warm_paths`), ``hops`` (person hops, <NA> when out of
        reach), ``source``, ``introducer`` (``""`` for 0 hops), ``person``,
        ``person_id`` (inside the company), ``current`` (whether that person
        still works there), ``n_current`` and ``n_former`` (people linked to
        the company). Sorted by probability, then company name. Under an
        objective that is not a probability, the best path is the
        objective's, ``probability`` is that path's product of strengths, a
        ``score`` column is added and rows are sorted by it.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import reach
    >>> ix = example_index()
    >>> reach(ix)[["company", "probability", "introducer", "hops"]].round(3)
             company  probability introducer  hops
    0        Initech        0.630  Tom Baker     1
    1  Acme Robotics        0.378  Tom Baker     2
    2       Umbrella        0.180  Ana Silva     2
    >>> reach(ix, ["Globex"])[["company", "probability", "hops", "n_current"]]
      company  probability  hops  n_current
    0  Globex          0.0  <NA>          0
    """
    ix = index
    H = check_int("max_hops", max_hops, 1, 20)
    costs = ix.costs(objective)
    _, keep_link = resolve_role(ix, role, title, roles)
    cost, obj = costs.edge, costs.objective
    # under another objective, carry the -log(probability) of each best path along
    track = not obj.is_probability
    plog = np.zeros(ix.n_people) if track else None
    S = resolve_sources(ix, source)
    ex_people, _, named = resolve_exclude(ix, exclude)
    if named[S].any():
        if source is not None or named[S].all():
            raise InputError(f"the source {ix.names()[S[named[S]][0]]} is excluded",
                             hint="Do not exclude the owner the paths start from.")
        S = S[~named[S]]
    n = ix.n_people
    allow = np.ones(n, dtype=bool)
    allow[ex_people] = False
    allow[S] = True
    dist = np.full(n, np.inf)
    owner = np.full(n, -1, dtype=np.int64)
    intro = np.full(n, -1, dtype=np.int64)
    hops = np.zeros(n, dtype=np.int8)
    dist[S] = 0.0
    owner[S] = S
    flag = np.zeros(n, dtype=bool)
    F = S
    pulled = None
    for h in range(1, H + 1):
        if h == H and 3 * int((ix.indptr[F + 1] - ix.indptr[F]).sum()) > len(ix.indices):
            # the last layer touches most ties: pull it over every person instead, and
            # label only the winning people afterwards
            pulled = pull_layer(ix, cost, dist, allow)
            break
        e, lens = edge_rows(ix, F)
        if not len(e):
            break
        nb = ix.indices[e]
        cand = np.repeat(dist[F], lens) + cost[e]
        keep = (cand < dist[nb]) & allow[nb]
        if not keep.any():
            break
        nb, cand = nb[keep], cand[keep]
        frm = np.repeat(F, lens)[keep]
        if plog is not None:
            lab_plog = plog[frm] - np.log(ix.tie_strength[ix.edge_tie[e[keep]]])
        lab_owner = owner[frm]
        lab_intro = nb.astype(np.int64) if h == 1 else intro[frm]
        np.minimum.at(dist, nb, cand)
        win = cand == dist[nb]
        nbw = nb[win][::-1]
        owner[nbw] = lab_owner[win][::-1]
        intro[nbw] = lab_intro[win][::-1]
        hops[nbw] = h
        if plog is not None:
            plog[nbw] = lab_plog[win][::-1]
        F = dedupe(nb[win], flag)
    # best link per company
    val = dist[ix.emp_person] + costs.link
    lens = np.diff(ix.emp_indptr)
    link_comp = np.repeat(np.arange(ix.n_companies), lens)
    inrole = np.ones(len(ix.emp_person), dtype=bool)
    if keep_link is not None:
        inrole = keep_link[ix.emp_row]
        val = np.where(inrole, val, np.inf)
    mins, pos = seg_argmin(val, lens)
    n_cur = np.bincount(link_comp, weights=ix.emp_current & inrole, minlength=ix.n_companies
                        ).astype(np.int64)
    n_all = np.bincount(link_comp, weights=inrole, minlength=ix.n_companies).astype(np.int64)
    if companies is None:
        # the sources' own current and former employers are not targets unless named
        own = np.zeros(ix.n_companies, dtype=bool)
        own[link_comp[np.isin(ix.emp_person, S)]] = True
        codes = np.flatnonzero((n_all > 0) & ~own)
    else:
        items = [companies] if isinstance(companies, str) else list(companies)
        codes_l = []
        for c in items:
            code = ix.resolver.company(str(c).strip())
            if code < 0:
                raise NotFoundError(f"no company {c!r} in this network",
                                    suggestions=ix.resolver.suggest(str(c), people=False))
            codes_l.append(code)
        codes = np.asarray(codes_l, dtype=np.int64)
    mins, pos = mins[codes], pos[codes]
    ok = np.isfinite(mins)
    pos = np.where(ok, pos, 0)
    emp_person = np.append(ix.emp_person, -1)  # safe gathers when there are no links
    emp_current = np.append(ix.emp_current, False)
    person = np.where(ok, emp_person[pos], -1)
    if pulled is not None:  # label the people reached in the pulled last layer
        prev, improved = pulled
        p = np.unique(person[ok])
        p = p[improved[p]]
        e, lens_p = edge_rows(ix, p)
        _, at_ = seg_argmin(prev[ix.indices[e]] + cost[e], lens_p)
        u = ix.indices[e[at_]]
        if plog is not None:
            plog[p] = plog[u] - np.log(ix.tie_strength[ix.edge_tie[e[at_]]])
        owner[p] = owner[u]
        intro[p] = intro[u] if H > 1 else p
        hops[p] = H
    names = np.append(ix.names(), "")
    pid = np.append(ix.person_ids.to_numpy(), "")
    ow = np.where(ok, owner[np.maximum(person, 0)], -1)
    it = np.where(ok, intro[np.maximum(person, 0)], -1)
    hp = pd.array(np.where(ok, hops[np.maximum(person, 0)], 0), dtype="Int64")
    hp[~ok] = pd.NA
    comp = ix.companies
    cname = comp["name"].astype(object).to_numpy()[codes]
    cid = comp["company_id"].astype(object).to_numpy()[codes]
    out = pd.DataFrame({
        "company_id": cid, "company": np.where(cname == "", cid, cname),
        "probability": np.where(ok, np.exp(-np.where(ok, mins, 0.0)), 0.0),
        "hops": hp, "source": names[ow], "introducer": names[it],
        "person": names[person], "person_id": pid[person],
        "current": ok & emp_current[pos],
        "n_current": n_cur[codes], "n_former": n_all[codes] - n_cur[codes],
    })
    key = "probability"
    if plog is not None:
        link_plog = -np.log(np.append(ix.link_strength[ix.emp_row], 1.0)[pos])
        out["probability"] = np.where(ok, np.exp(-(plog[np.maximum(person, 0)] + link_plog)),
                                      0.0)
        out["score"] = np.where(ok, np.asarray(obj.score(np.where(ok, mins, 0.0)),
                                               dtype=np.float64), 0.0)
        key = "score"
    out = out.sort_values([key, "company"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)



def _forward(ix: PathIndex, S: np.ndarray, H: int, cost: np.ndarray, allow: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hop-bounded search forwards from the sources *S*: per person, the least cost
    within *H* hops, the owner and first introducer of that path and its hops."""
    n = ix.n_people
    dist = np.full(n, np.inf)
    owner = np.full(n, -1, dtype=np.int64)
    intro = np.full(n, -1, dtype=np.int64)
    hops = np.zeros(n, dtype=np.int64)
    dist[S] = 0.0
    owner[S] = S
    flag = np.zeros(n, dtype=bool)
    F = S
    for h in range(1, H + 1):
        e, lens = edge_rows(ix, F)
        if not len(e):
            break
        nb = ix.indices[e]
        frm = np.repeat(F, lens)
        cand = dist[frm] + cost[e]
        keep = (cand < dist[nb]) & allow[nb]
        if not keep.any():
            break
        nb, cand, frm = nb[keep], cand[keep], frm[keep]
        lab_owner = owner[frm]
        lab_intro = nb.astype(np.int64) if h == 1 else intro[frm]
        np.minimum.at(dist, nb, cand)
        win = cand == dist[nb]
        nbw = nb[win][::-1]
        owner[nbw] = lab_owner[win][::-1]
        intro[nbw] = lab_intro[win][::-1]
        hops[nbw] = h
        F = dedupe(nb[win], flag)
    return dist, owner, intro, hops


def people_at(
    index: PathIndex,
    company: str,
    role: str | Sequence[str] | None = None,
    title: str | None = None,
    roles: Mapping[str, Sequence[str]] | None = None,
    source: str | Sequence[str] | None = None,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
) -> pd.DataFrame:
    """Who the network knows at a company (current and former), and how warm the
    best path to each is.

    One hop-bounded search forwards from the sources (as :func:`reach`), read
    at every person linked to the company.

    Parameters
    ----------
    index : PathIndex
    company : str
        A company, any spelling or alias.
    role, title, roles
        Only people in that role there (as in :func:`warm_paths`).
    source, max_hops, exclude
        As in :func:`warm_paths`.

    Returns
    -------
    pandas.DataFrame
        One row per person: ``person``, ``person_id``, ``title``, ``role``
        (its family, :func:`netgraph.routing.roles.role_family`),
        ``current``, ``start``, ``end`` (of the job there), ``probability``
        (of the best path into the company through them; 0 when out of
        reach), ``hops`` (person hops from the owner; <NA> out of reach),
        ``introducer`` (the first person to ask: the person themself when
        they are a direct contact; ``""`` for an owner who works there) and
        ``source`` (the owner). Sorted warmest first, then by name.
        Empty when nobody matches; ``.attrs["reason"]`` then says why.

    Raises
    ------
    NotFoundError
        An unknown company (with suggestions).
    InputError
        A person instead of a company, or a bad role.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import people_at
    >>> people_at(example_index(), "Acme")[["person", "title", "role", "current",
    ...                                     "introducer"]]
           person           title         role  current introducer
    0  Lena Ortiz  Staff Engineer  engineering     True  Tom Baker
    1   Raj Patel        Engineer  engineering    False  Ana Silva
    """
    from netgraph.routing.resolve import resolve_target
    from netgraph.routing.roles import role_family

    ix = index
    H = check_int("max_hops", max_hops, 1, 20)
    tgt = resolve_target(ix, company)
    if tgt.kind != "company":
        raise InputError(f"{tgt.name} is a person, not a company",
                         hint="people_at lists the people at a company: pass a company name.")
    matcher, keep_link = resolve_role(ix, role, title, roles)
    S = resolve_sources(ix, source)
    ex_people, _, _ = resolve_exclude(ix, exclude)
    allow = np.ones(ix.n_people, dtype=bool)
    allow[ex_people] = False
    allow[S] = True
    costs = ix.costs()
    dist, owner, intro, hops = _forward(ix, S, H, costs.edge, allow)
    lo, hi = int(ix.emp_indptr[tgt.code]), int(ix.emp_indptr[tgt.code + 1])
    pos = np.arange(lo, hi)
    rows = ix.emp_row[pos]
    if keep_link is not None:
        sel = keep_link[rows]
        pos, rows = pos[sel], rows[sel]
    person = ix.emp_person[pos].astype(np.int64)
    d = dist[person] + costs.link[pos]
    ok = np.isfinite(d) & allow[person]
    names = np.append(ix.names(), "").astype(object)
    links = ix.links
    titles = (links["title"].astype(object).where(links["title"].notna(), "").to_numpy()[rows]
              if "title" in links else np.full(len(rows), "", dtype=object))

    def col(name: str) -> pd.Series:
        if name in links:
            return links[name].iloc[rows].reset_index(drop=True)
        return pd.Series(pd.NaT, index=range(len(rows)), dtype="datetime64[ns, UTC]")

    hp = pd.array(np.where(ok, hops[person], 0), dtype="Int64")
    hp[~ok] = pd.NA
    it = np.where(ok & (hops[person] > 0), intro[person], -1)
    ow = np.where(ok, owner[person], -1)
    out = pd.DataFrame({
        "person": names[person], "person_id": ix.person_ids.to_numpy()[person],
        "title": titles, "role": role_family(pd.Series(titles, dtype=object)).to_numpy(),
        "current": ix.emp_current[pos].astype(bool), "start": col("start"), "end": col("end"),
        "probability": np.where(ok, np.exp(-np.where(ok, d, 0.0)), 0.0),
        "hops": hp, "introducer": names[it], "source": names[ow]})
    out = out.sort_values(["probability", "person"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    if not len(out):
        if matcher is not None and hi > lo:
            from netgraph.routing.resolve import make_query
            from netgraph.routing.results import why_empty

            out.attrs["reason"] = why_empty(make_query(ix, tgt.id, source, H, exclude, None,
                                                       role, title, roles))
        else:
            out.attrs["reason"] = f"nobody in your network has worked at {tgt.name}"
    return out
