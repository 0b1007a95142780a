"""What a query names: the target, the sources and the people to avoid, as index codes.

Names, profile URLs, e-mails and ids are resolved by the index's one
:class:`~netgraph.data.resolve.Resolver` (:attr:`PathIndex.resolver
<netgraph.routing.index.PathIndex.resolver>`), exactly as everywhere else in
netgraph. :func:`make_query` turns the arguments of a path query into a
:class:`Query`: codes, masks and the target's people with the cost of their
last hop under the query's objective.

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing.resolve import make_query
>>> q = make_query(example_index(), "Acme", None, 3, ())
>>> q.target.kind, q.target.name, q.end_people.tolist(), q.source_label
('company', 'Acme Robotics', [3, 4], 'Maya Chen')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from netgraph.errors import InputError, NotFoundError
from netgraph.routing.index import EdgeCosts, PathIndex
from netgraph.routing.objectives import Objective
from netgraph.routing.roles import RoleMatcher, role_matcher

__all__ = [
    "Query",
    "Target",
    "check_int",
    "make_query",
    "resolve_exclude",
    "resolve_role",
    "resolve_sources",
    "resolve_target",
    "source_label",
]


class Target(NamedTuple):
    """The resolved target of a query."""

    kind: str  # "company" | "person"
    code: int  # company code or person code
    name: str
    id: str


def check_int(name: str, v: Any, lo: int, hi: int) -> int:
    """*v* as an int, or an :class:`~netgraph.InputError` unless it is one in [lo, hi].

    Examples
    --------
    >>> check_int("k", 3, 1, 10)
    3
    >>> check_int("k", 0, 1, 10)
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: k=0 is out of range. Expected an integer in [1, 10].
    """
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
        raise InputError(f"{name}={v!r} is out of range", expected=f"an integer in [{lo}, {hi}]")
    return int(v)


def resolve_target(ix: PathIndex, target: Any) -> Target:
    """The company (which wins over a person of the same name) or person *target* names.

    Raises
    ------
    InputError
        *target* is not a non-empty string.
    NotFoundError
        Nothing matches (the closest names are suggested), or a name that
        several people share.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> resolve_target(example_index(), "lena ortiz")
    Target(kind='person', code=3, name='Lena Ortiz', id='in:lena')
    """
    if not isinstance(target, str) or not target.strip():
        raise InputError(f"target {target!r} is not a name",
                         expected="a company name, alias or id, or a person's name, "
                                  "profile URL or id")
    text = target.strip()
    r = ix.resolver
    c = r.company(text)
    if c >= 0:
        cid = str(ix.companies["company_id"].iat[c])
        return Target("company", c, str(ix.companies["name"].iat[c] or cid), cid)
    if not len(r.people_matching(text)):
        raise NotFoundError(f"no company or person {text!r} in this network",
                            suggestions=r.suggest(text),
                            hint="Check the spelling, or add an alias for the company.")
    p = r.person(text)
    return Target("person", p, str(ix.names()[p]), str(ix.person_ids[p]))


def resolve_sources(ix: PathIndex, source: Any) -> np.ndarray:
    """Person codes (sorted, distinct) of the owners paths start from (None: every owner).

    Raises
    ------
    InputError
        No owner, an empty source, or someone who is not an owner.
    NotFoundError
        A source nobody matches, or a name that several people share (an
        owner among them is preferred).
    """
    owners = np.flatnonzero(ix.is_owner)
    if source is None:
        if not len(owners):
            raise InputError("this network has no owner to start paths from",
                             hint="Import your own LinkedIn export (it marks you as owner), "
                                  "or pass source= an owner.")
        return owners.astype(np.int64)
    items = [source] if isinstance(source, str) else list(source)
    if not items:
        raise InputError("source is empty", expected="an owner's name, profile URL or id")
    out = []
    names = ix.names()
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(f"source {item!r} is not a name",
                             expected="an owner's name, profile URL or id")
        code = ix.resolver.person(item.strip(), what="source", prefer=ix.is_owner)
        if not ix.is_owner[code]:
            raise InputError(f"{names[code]} ({ix.person_ids[code]}) is not an owner of this "
                             "network", expected="an owner (someone whose contacts were imported)",
                             hint="Owners: " + (", ".join(map(str, names[owners[:10]]))
                                                or "none"))
        out.append(code)
    return np.unique(np.asarray(out, dtype=np.int64))


def source_label(ix: PathIndex, sources: np.ndarray) -> str:
    """Who the paths start from, in words ("Maya Chen", "your team (3 owners)")."""
    if len(sources) == 1:
        return str(ix.names()[sources[0]])
    return f"your team ({len(sources)} owners)"


def resolve_exclude(ix: PathIndex, exclude: Any) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Who to avoid: the excluded person codes (people named, and the current
    employees of companies named), the company codes named, and a mask of the
    people named directly.

    Raises
    ------
    InputError
        An item that is not a non-empty string.
    NotFoundError
        An item that names no company and no person, or several people.
    """
    named = np.zeros(ix.n_people, dtype=bool)
    if exclude is None:
        return np.empty(0, dtype=np.int64), [], named
    items = [exclude] if isinstance(exclude, str) else list(exclude)
    people: list[np.ndarray] = []
    comps: list[int] = []
    r = ix.resolver
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(f"exclude item {item!r} is not a name",
                             expected="people or companies (names, URLs or ids)")
        text = item.strip()
        c = r.company(text)
        if c >= 0:
            comps.append(c)
            lo, hi = ix.emp_indptr[c], ix.emp_indptr[c + 1]
            people.append(ix.emp_person[lo:hi][ix.emp_current[lo:hi]].astype(np.int64))
            continue
        if not len(r.people_matching(text)):
            raise NotFoundError(f"cannot exclude {text!r}: no such company or person",
                                suggestions=r.suggest(text))
        code = r.person(text)
        named[code] = True
        people.append(np.array([code], dtype=np.int64))
    codes = np.unique(np.concatenate(people)) if people else np.empty(0, dtype=np.int64)
    return codes, comps, named


@dataclass
class Query:
    """A path query, resolved to index codes.

    Attributes
    ----------
    ix : PathIndex
    costs : EdgeCosts
        Edge and link costs under the query's objective.
    target : Target
    sources : ndarray
        Person codes of the owners paths start from (sorted).
    blocked : ndarray of bool
        Sources and excluded people: never inside a path.
    excluded : ndarray of bool
        Excluded people.
    n_excluded : int
    end_people : ndarray
        Target people who may end a path: sorted, distinct, not excluded.
    end_cost : ndarray
        The cost of their last hop (into the company; 0 for a person target).
    end_link : ndarray
        Their link's position in the company CSR (-1 for a person target).
    target_people : ndarray
        Every target person, before exclusion (in company CSR order).
    target_links : ndarray
        Their position in the company CSR (-1 for a person target).
    max_hops : int
    source_label : str
        Who the paths start from, in words.
    role : RoleMatcher or None
        The role filter of the query: only target people whose title there
        matches end a path (``target_people`` are those already).
    """

    ix: PathIndex
    costs: EdgeCosts
    target: Target
    sources: np.ndarray
    blocked: np.ndarray
    excluded: np.ndarray
    n_excluded: int
    end_people: np.ndarray
    end_cost: np.ndarray
    end_link: np.ndarray
    target_people: np.ndarray
    target_links: np.ndarray
    max_hops: int
    source_label: str
    role: RoleMatcher | None = None

    def end_cost_of(self, nodes: np.ndarray) -> np.ndarray:
        """Cost of ending a path at each of *nodes* (inf where they are not target people)."""
        nodes = np.asarray(nodes)
        if not len(self.end_people):
            return np.full(nodes.shape, np.inf)
        pos = np.minimum(np.searchsorted(self.end_people, nodes), len(self.end_people) - 1)
        return np.where(self.end_people[pos] == nodes, self.end_cost[pos], np.inf)


def resolve_role(ix: PathIndex, role: Any = None, title: Any = None, roles: Any = None
                 ) -> tuple[RoleMatcher | None, np.ndarray | None]:
    """The role filter of a query and which ``ix.links`` rows it keeps (None: all).

    The mask is computed once per index and filter (vectorised over the
    links' ``title`` column, see :mod:`netgraph.routing.roles`).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> ix = example_index()
    >>> m, keep = resolve_role(ix, "hiring manager")
    >>> m.label, ix.links["title"][keep].tolist()
    ("role 'hiring manager' (leadership outside recruiting)", ['Engineering Manager', 'CTO'])
    """
    m = role_matcher(role, title, roles)
    if m is None:
        return None, None
    links = ix.links

    def make() -> np.ndarray:
        titles = links["title"] if "title" in links else [""] * len(links)
        keep = m.match(titles)
        keep.flags.writeable = False
        return keep

    return m, ix.derived(("role", m.key), make)


def make_query(ix: PathIndex, target: Any, source: Any, max_hops: int, exclude: Any,
               objective: str | Objective | None = None, role: Any = None,
               title: Any = None, roles: Any = None) -> Query:
    """Resolve the arguments of a path query (see :func:`netgraph.routing.warm_paths`).

    *role*, *title* and *roles* keep only the target people in that role
    (:func:`resolve_role`); they need a company target.

    Raises
    ------
    InputError, NotFoundError
        As :func:`netgraph.routing.warm_paths` says.
    """
    max_hops = check_int("max_hops", max_hops, 1, 20)
    costs = ix.costs(objective)
    tgt = resolve_target(ix, target)
    matcher, keep_link = resolve_role(ix, role, title, roles)
    if matcher is not None and tgt.kind != "company":
        raise InputError(f"{matcher.label} needs a company target; {tgt.name} is a person",
                         hint="Ask for a company with role=..., or drop role=/title=.")
    explicit = source is not None
    sources = resolve_sources(ix, source)
    ex_people, ex_comp, named = resolve_exclude(ix, exclude)
    if tgt.kind == "company" and tgt.code in ex_comp:
        raise InputError(f"{tgt.name} is both the target and excluded",
                         hint="Remove it from exclude.")
    if tgt.kind == "person":
        if tgt.code in ex_people:
            raise InputError(f"{tgt.name} is both the target and excluded")
        if tgt.code in sources:
            if explicit or len(sources) == 1:
                raise InputError(f"{tgt.name} is the source of the search",
                                 hint="Search for someone else, or from another owner.")
            sources = sources[tgt.code != sources]
    n = ix.n_people
    excluded = np.zeros(n, dtype=bool)
    excluded[ex_people] = True
    drop = named[sources]
    if drop.any():
        if explicit or drop.all():
            raise InputError(f"the source {ix.names()[sources[drop][0]]} is excluded",
                             hint="Do not exclude the owner the paths start from.")
        sources = sources[~drop]
    excluded[sources] = False
    blocked = excluded.copy()
    blocked[sources] = True
    if tgt.kind == "company":
        lo, hi = int(ix.emp_indptr[tgt.code]), int(ix.emp_indptr[tgt.code + 1])
        people = ix.emp_person[lo:hi].astype(np.int64)
        cost = costs.link[lo:hi].astype(np.float64)
        links = np.arange(lo, hi, dtype=np.int64)
        if keep_link is not None:
            inrole = keep_link[ix.emp_row[lo:hi]]
            people, cost, links = people[inrole], cost[inrole], links[inrole]
    else:
        people = np.array([tgt.code], dtype=np.int64)
        cost = np.zeros(1)
        links = np.array([-1], dtype=np.int64)
    ok = ~excluded[people]
    order = np.lexsort((cost[ok], people[ok]))
    ends, end_cost, end_link = people[ok][order], cost[ok][order], links[ok][order]
    first = np.r_[True, ends[1:] != ends[:-1]] if len(ends) else np.zeros(0, dtype=bool)
    return Query(ix, costs, tgt, sources, blocked, excluded, int(excluded.sum()),
                 ends[first], end_cost[first], end_link[first], people, links, max_hops,
                 source_label(ix, sources), matcher)
