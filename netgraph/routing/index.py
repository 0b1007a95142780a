"""The path index: compact arrays answering path queries at team scale.

:class:`PathIndex` holds the person graph as CSR arrays (both directions of
every tie) and the person-company links as a company-major CSR, built
straight from the canonical tables -- never from NetworkX. Person-id
columns of the tables are categoricals over ``people.person_id``, so their
codes are the node numbers; no string is hashed while building.

Memory (what :meth:`PathIndex.nbytes` counts): per tie, both directions of
``indices`` (int32), ``cost`` (float32, the objective's edge cost, by
default ``-log(strength)``) and
``edge_tie`` (int32, the ``ties`` row of each direction) = 24 bytes, plus
``indptr`` and the person-company arrays (21 bytes a link, both ways). A network of 1M
people and 12M ties takes about 27 bytes a tie and builds in about 2 s.

The edge costs come from a path objective (:mod:`netgraph.routing.objectives`,
default ``"likely_intro"``); costs for another objective are built on first
use and kept in the index's memo (:meth:`PathIndex.costs`). Values derived
from the index (display names, the name :attr:`~PathIndex.resolver`, work
buffers, first hops) live in its own bounded memo (:meth:`PathIndex.derived`).
:func:`build_index` is what a :class:`~netgraph.Network` calls: it drops ties
made after the evaluation date first. The search itself lives in
:mod:`netgraph.routing.search`, the queries in :mod:`netgraph.routing.queries`.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from netgraph.routing.index import PathIndex
>>> people = pd.DataFrame({"person_id": ["in:ada", "in:bob", "in:cy"],
...                        "name": ["Ada", "Bob", "Cy"], "is_owner": [True, False, False]})
>>> pdt = pd.CategoricalDtype(people["person_id"])
>>> ties = pd.DataFrame({"a": pd.Series(["in:ada", "in:bob"], dtype=pdt),
...                      "b": pd.Series(["in:bob", "in:cy"], dtype=pdt)})
>>> links = pd.DataFrame({"person_id": pd.Series(["in:cy"], dtype=pdt),
...                       "company_id": ["acme"], "strength": [0.9], "current": [True]})
>>> companies = pd.DataFrame({"company_id": ["acme"], "name": ["Acme"], "aliases": [""]})
>>> ix = PathIndex.build(people, companies, ties, np.array([0.5, 0.8]), links)
>>> ix.n_people, ix.n_ties, ix.n_companies
(3, 2, 1)
>>> sorted(ix.neighbors(1).tolist())
[0, 2]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pandas as pd

from netgraph._cache import Memo
from netgraph._time import as_utc
from netgraph.data.resolve import Resolver
from netgraph.errors import InputError
from netgraph.routing.objectives import DEFAULT_OBJECTIVE, Objective, get_objective

__all__ = ["EdgeCosts", "PathIndex", "build_index"]

V = TypeVar("V")


class EdgeCosts(NamedTuple):
    """The edge costs of one objective on an index.

    Attributes
    ----------
    objective : Objective
    edge : ndarray of float32
        Cost of every direction of every tie (aligned with ``PathIndex.indices``).
    link : ndarray of float32
        Cost of every person-company link (aligned with ``PathIndex.emp_person``).
    """

    objective: Objective
    edge: np.ndarray
    link: np.ndarray

def _csr(n_rows: int, rows: np.ndarray, cols: np.ndarray, data: np.ndarray
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counting-sort (rows, cols, data) into CSR, keeping input order inside a row."""
    nnz = len(rows)
    idx_dtype = np.int32 if nnz < 2**31 - 1 else np.int64
    try:  # scipy's linear-time counting sort (C++), ~4x faster than an argsort
        from scipy.sparse._sparsetools import coo_tocsr

        indptr = np.empty(n_rows + 1, dtype=idx_dtype)
        indices = np.empty(nnz, dtype=idx_dtype)
        out = np.empty(nnz, dtype=data.dtype)
        coo_tocsr(n_rows, 1, nnz, rows.astype(idx_dtype, copy=False),
                  cols.astype(idx_dtype, copy=False), data, indptr, indices, out)
        return indptr, indices, out
    except (ImportError, TypeError, ValueError):  # pragma: no cover - other scipy builds
        order = np.argsort(rows, kind="stable")
        indptr = np.zeros(n_rows + 1, dtype=idx_dtype)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
        return indptr, cols[order].astype(idx_dtype, copy=False), data[order]


def _codes(col: pd.Series, people_ids: pd.Index, what: str) -> np.ndarray:
    """Row positions in ``people`` of a person-id column (categorical codes when possible)."""
    if isinstance(col.dtype, pd.CategoricalDtype) and len(col.cat.categories) == len(people_ids) \
            and (col.cat.categories is people_ids or col.cat.categories.equals(people_ids)):
        codes = col.cat.codes.to_numpy()
    else:
        codes = people_ids.get_indexer(col.astype(object))
    if len(codes) and codes.min() < 0:
        bad = int(np.flatnonzero(codes < 0)[0])
        raise InputError(f"{what}: row {bad} names a person who is not in the people table "
                         f"({col.iloc[bad]!r})", expected="person ids from people.person_id",
                         hint="Build the index from the tables of one Network.")
    return codes.astype(np.int32, copy=False)


class PathIndex:
    """Compact, immutable arrays for path search over people and companies.

    Build it with :meth:`build` (or :func:`build_index`); query it with
    :func:`netgraph.routing.warm_paths`, :func:`~netgraph.routing.introducers` and
    :func:`~netgraph.routing.reach`.

    Attributes
    ----------
    people, companies, ties, links, evidence : DataFrame
        The tables the index was built from (references, not copies);
        ``companies`` gains a row for any company id found only in ``links``.
    indptr, indices, cost, edge_tie : ndarray
        Person graph, CSR over person codes (rows of ``people``), both
        directions of every tie: ``indices[indptr[p]:indptr[p + 1]]`` are
        p's neighbours, ``cost`` the objective's cost of the tie (float32;
        ``-log(strength)`` for ``"likely_intro"``) and ``edge_tie`` the
        ``ties`` row (int32). Ties of strength 0 are left out.
    tie_strength : ndarray
        float64 strength of every ``ties`` row (reported on hops, exact).
    emp_indptr, emp_person, emp_cost, emp_row, emp_current : ndarray
        Person-company links, CSR over company codes (rows of ``companies``):
        the people linked to company c, the cost of that last hop, the
        ``links`` row and whether it is a current job.
    pc_indptr, pc_company, pc_link : ndarray
        The same links, CSR over person codes (company code and ``links``
        row), used to word shared employers on a hop.
    at : pandas.Timestamp
        When the strengths were evaluated (used to word evidence, "3 weeks ago").
    objective : Objective
        The path objective ``cost`` and ``emp_cost`` were built for.
    """

    def __init__(self, **arrays: Any) -> None:
        self.__dict__.update(arrays)
        self._memo = Memo(maxsize=32)

    # ------------------------------------------------------------------ build
    @classmethod
    def build(
        cls,
        people: pd.DataFrame,
        companies: pd.DataFrame,
        ties: pd.DataFrame,
        strength: np.ndarray | pd.Series,
        company_links: pd.DataFrame,
        evidence: pd.DataFrame | None = None,
        *,
        at: pd.Timestamp | str | None = None,
        objective: str | Objective = DEFAULT_OBJECTIVE,
    ) -> PathIndex:
        """Build the index from the canonical tables and tie strengths.

        Parameters
        ----------
        people : DataFrame
            The people table (``person_id``, ``name``, ``is_owner``; other
            columns are used for display when present).
        companies : DataFrame
            The companies table (``company_id``, ``name``, ``aliases``).
        ties : DataFrame
            The ties table; ``a`` and ``b`` are categoricals over
            ``people.person_id`` (plain person-id text works too, slower).
        strength : array-like of float
            The strength in [0, 1] of every ``ties`` row, in row order
            (e.g. ``tie_strengths(...)["strength"]``). 0 drops the tie.
        company_links : DataFrame
            Person-company strengths, one row per (person, company), as
            returned by :func:`netgraph.scoring.company_ties.company_links`: ``person_id``,
            ``company_id``, ``strength`` and optionally ``current``,
            ``title``, ``start``, ``end``.
        evidence : DataFrame, optional
            One row per ``ties`` row (same order) with the evidence behind
            each strength (``last_contact``, ``n_message``, ``n_in``, ...);
            shown on the hops of a path.
        at : timestamp, optional
            When the strengths were evaluated (default: now). Ties are kept
            whatever their ``since`` (:func:`build_index` drops later ones).
        objective : str or Objective, default "likely_intro"
            The path objective the edge costs are built for (see
            :mod:`netgraph.routing.objectives`).

        Returns
        -------
        PathIndex

        Raises
        ------
        InputError
            Misaligned or out-of-range strengths, person ids that are not
            in ``people``, or an unknown objective.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from netgraph.routing.index import PathIndex
        >>> people = pd.DataFrame({"person_id": ["a", "b"], "name": ["A", "B"],
        ...                        "is_owner": [True, False]})
        >>> ties = pd.DataFrame({"a": ["a"], "b": ["b"]})
        >>> links = pd.DataFrame({"person_id": ["b"], "company_id": ["x"], "strength": [0.9]})
        >>> ix = PathIndex.build(people, pd.DataFrame({"company_id": ["x"], "name": ["X"]}),
        ...                      ties, [0.5], links)
        >>> round(float(ix.cost[0]), 4)
        0.6931
        """
        objective = get_objective(objective)
        people_ids = pd.Index(people["person_id"].astype(object), dtype=object)
        n = len(people_ids)
        strength = np.asarray(strength, dtype=np.float64)
        if strength.ndim != 1 or len(strength) != len(ties):
            raise InputError(f"strength has {strength.size} values for {len(ties)} ties",
                             expected="one strength per ties row, in row order")
        bad = ~((strength >= 0) & (strength <= 1))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"tie strength {strength[i]!r} at ties row {i} is outside [0, 1]",
                             expected="strengths between 0 and 1",
                             hint="A strength is the chance the person acts on a request.")
        if evidence is not None and len(evidence) != len(ties):
            raise InputError(f"evidence has {len(evidence)} rows for {len(ties)} ties",
                             expected="one evidence row per ties row, in row order")
        a = _codes(ties["a"], people_ids, "ties.a")
        b = _codes(ties["b"], people_ids, "ties.b")
        ok = (strength > 0) & (a != b)
        rows = np.arange(len(ties), dtype=np.int32)
        if not ok.all():
            a, b, rows = a[ok], b[ok], rows[ok]
        tie_cost = objective.edge_costs(strength).astype(np.float32)
        src = np.concatenate([a, b])
        dst = np.concatenate([b, a])
        del a, b
        indptr, indices, edge_tie = _csr(n, src, dst, np.concatenate([rows, rows]))
        del src, dst, rows
        cost = tie_cost[edge_tie]
        # ties of cost exactly 0 stay (strength 1); float32 rounding can give -0.0
        np.maximum(cost, 0, out=cost)

        # companies: the table, plus ids only found in the links
        comp = companies.reset_index(drop=True)
        links = company_links.reset_index(drop=True)
        link_cid = links["company_id"].astype(object).to_numpy() if len(links) else \
            np.empty(0, dtype=object)
        comp_ids = pd.Index(comp["company_id"].astype(object), dtype=object)
        missing = pd.unique(link_cid[comp_ids.get_indexer(link_cid) < 0]) if len(links) else []
        if len(missing):
            extra = pd.DataFrame({"company_id": list(missing), "name": list(missing),
                                  "aliases": [""] * len(missing)})
            comp = pd.concat([comp, extra], ignore_index=True)
            comp_ids = pd.Index(comp["company_id"].astype(object), dtype=object)
        if "name" not in comp:
            comp = comp.assign(name=comp["company_id"])
        if "aliases" not in comp:
            comp = comp.assign(aliases="")
        n_comp = len(comp)
        if len(links):
            lp = _codes(links["person_id"], people_ids, "company_links.person_id")
            lc = comp_ids.get_indexer(link_cid).astype(np.int32)
            ls = links["strength"].to_numpy(dtype=np.float64)
            lbad = ~((ls > 0) & (ls <= 1))
            if lbad.any():
                i = int(np.flatnonzero(lbad)[0])
                raise InputError(f"company link strength {ls[i]!r} at row {i} is outside (0, 1]",
                                 expected="person-company strengths between 0 and 1")
            current = links["current"].to_numpy(dtype=bool) if "current" in links else \
                np.ones(len(links), dtype=bool)
        else:
            lp = lc = np.empty(0, dtype=np.int32)
            ls = np.empty(0)
            current = np.empty(0, dtype=bool)
        lrow = np.arange(len(lp), dtype=np.int32)
        emp_indptr, emp_person, emp_row = _csr(n_comp, lc, lp, lrow)
        emp_cost = objective.link_costs(ls).astype(np.float32)[emp_row] if len(lp) else \
            np.empty(0, dtype=np.float32)
        np.maximum(emp_cost, 0, out=emp_cost)
        pc_indptr, pc_company, pc_link = _csr(n, lp, lc, lrow)
        at = as_utc(at, default="now", name="at")
        is_owner = people["is_owner"].to_numpy(dtype=bool) if "is_owner" in people else \
            np.zeros(n, dtype=bool)
        return cls(
            people=people, companies=comp, ties=ties, links=links, evidence=evidence,
            person_ids=people_ids, is_owner=is_owner,
            indptr=indptr, indices=indices, cost=cost, edge_tie=edge_tie,
            tie_strength=strength, link_strength=ls,
            emp_indptr=emp_indptr, emp_person=emp_person, emp_cost=emp_cost, emp_row=emp_row,
            emp_current=current[emp_row] if len(lp) else current,
            pc_indptr=pc_indptr, pc_company=pc_company, pc_link=pc_link, at=at,
            objective=objective,
        )

    # ------------------------------------------------------------ properties
    @property
    def n_people(self) -> int:
        """Number of people (nodes of the person graph)."""
        return len(self.indptr) - 1

    @property
    def n_ties(self) -> int:
        """Number of ties in the index (ties of strength 0 are left out)."""
        return len(self.indices) // 2

    @property
    def n_companies(self) -> int:
        """Number of companies."""
        return len(self.emp_indptr) - 1

    def nbytes(self) -> int:
        """Bytes held by the index's own arrays (the tables are references).

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from netgraph.routing.index import PathIndex
        >>> people = pd.DataFrame({"person_id": ["a", "b"], "name": ["A", "B"]})
        >>> ix = PathIndex.build(people, pd.DataFrame({"company_id": [], "name": []}),
        ...                      pd.DataFrame({"a": ["a"], "b": ["b"]}), [0.5],
        ...                      pd.DataFrame({"person_id": [], "company_id": [], "strength": []}))
        >>> ix.nbytes()  # indptrs 12 + 4 + 12, two directions of 4+4+4 bytes
        52
        """
        names = ("indptr", "indices", "cost", "edge_tie", "emp_indptr", "emp_person",
                 "emp_cost", "emp_row", "emp_current", "pc_indptr", "pc_company", "pc_link")
        return int(sum(getattr(self, k).nbytes for k in names))

    def bytes_per_tie(self) -> float:
        """:meth:`nbytes` divided by the number of ties."""
        return self.nbytes() / max(self.n_ties, 1)

    def degree(self) -> np.ndarray:
        """Number of ties of every person (int array over person codes)."""
        return np.diff(self.indptr)

    def neighbors(self, person: int) -> np.ndarray:
        """Person codes of *person*'s neighbours (CSR row)."""
        return self.indices[self.indptr[person]:self.indptr[person + 1]]

    def employees(self, company: int) -> np.ndarray:
        """Person codes linked to company code *company* (current and former)."""
        return self.emp_person[self.emp_indptr[company]:self.emp_indptr[company + 1]]

    def edge(self, u: int, v: int) -> int:
        """Position in ``indices`` of the cheapest u->v direction, or -1."""
        lo, hi = int(self.indptr[u]), int(self.indptr[u + 1])
        hit = np.flatnonzero(self.indices[lo:hi] == v)
        if not len(hit):
            return -1
        return lo + int(hit[np.argmin(self.cost[lo + hit])])

    def link(self, person: int, company: int) -> int:
        """Position in the company CSR of the (person, company) link, or -1."""
        lo, hi = int(self.emp_indptr[company]), int(self.emp_indptr[company + 1])
        hit = np.flatnonzero(self.emp_person[lo:hi] == person)
        if not len(hit):
            return -1
        return lo + int(hit[np.argmin(self.emp_cost[lo + hit])])

    def names(self) -> np.ndarray:
        """Display name of every person (``person_id`` where the name is empty)."""
        def make() -> np.ndarray:
            ids = self.person_ids.to_numpy()
            if "name" not in self.people:
                return ids
            nm = self.people["name"].astype(object).to_numpy()
            return np.where((nm == "") | pd.isna(nm), ids, nm)

        return self._memo.get(("names",), make)

    # ------------------------------------------------------------ derived values
    def derived(self, key: Hashable, make: Callable[[], V]) -> V:
        """A value derived from the index, made by ``make()`` once and kept in its memo.

        The index is immutable, so a derived value never goes stale; the memo
        is bounded (least recently used first), so *make* may run again.
        Callers name their values with a tuple key (``("first_hops", ...)``).

        Examples
        --------
        >>> from netgraph.routing.example import example_index
        >>> ix = example_index()
        >>> ix.derived(("degrees",), lambda: ix.degree().tolist())
        [2, 2, 2, 1, 1]
        >>> ix.derived(("degrees",), lambda: "not made again")
        [2, 2, 2, 1, 1]
        """
        return self._memo.get(key, make)

    @property
    def resolver(self) -> Resolver:
        """The :class:`~netgraph.data.resolve.Resolver` over the index's own tables:
        its person and company positions are the index's person and company codes.

        Examples
        --------
        >>> from netgraph.routing.example import example_index
        >>> ix = example_index()
        >>> ix.resolver.person("lena ortiz"), ix.resolver.company("ACME Robotics, Inc.")
        (3, 0)
        """
        return self._memo.get(("resolver",), lambda: Resolver(self.people, self.companies))

    def costs(self, objective: str | Objective | None = None) -> EdgeCosts:
        """Edge and link costs under *objective* (default: the index's own).

        Costs for another objective are computed once from the exact
        strengths (``tie_strength``, ``link_strength``) and kept in the memo.

        Raises
        ------
        InputError
            An unknown objective name.

        Examples
        --------
        >>> import numpy as np
        >>> from netgraph.routing.example import example_index
        >>> from netgraph.routing.objectives import Objective
        >>> ix = example_index()
        >>> ix.costs().edge is ix.cost
        True
        >>> flat = Objective("flat", "one per hop", np.ones_like, lambda c: -c)
        >>> ix.costs(flat).edge[:3].tolist()
        [1.0, 1.0, 1.0]
        """
        obj = self.objective if objective is None else get_objective(objective)
        if obj == self.objective:
            return EdgeCosts(obj, self.cost, self.emp_cost)

        def make() -> EdgeCosts:
            edge = obj.edge_costs(self.tie_strength).astype(np.float32)[self.edge_tie]
            np.maximum(edge, 0, out=edge)
            link = obj.link_costs(self.link_strength).astype(np.float32)[self.emp_row]
            np.maximum(link, 0, out=link)
            edge.flags.writeable = link.flags.writeable = False
            return EdgeCosts(obj, edge, link)

        return self._memo.get(("costs", obj), make)

    def __repr__(self) -> str:
        return (f"<PathIndex: {self.n_people} people, {self.n_ties} ties, "
                f"{self.n_companies} companies, {self.nbytes() / 1e6:.1f} MB>")


def build_index(
    people: pd.DataFrame,
    companies: pd.DataFrame,
    ties: pd.DataFrame,
    strength: np.ndarray | pd.Series,
    company_links: pd.DataFrame,
    evidence: pd.DataFrame | None = None,
    *,
    at: pd.Timestamp | str | None = None,
    objective: str | Objective = DEFAULT_OBJECTIVE,
) -> PathIndex:
    """The path index of a network at a date: ties made after *at* are left out.

    A tie whose ``since`` is after *at* did not exist yet, so it is dropped
    (with its strength and evidence row) before :meth:`PathIndex.build`;
    ties with no ``since`` are kept. Same parameters as :meth:`PathIndex.build`.

    Returns
    -------
    PathIndex

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.routing.index import build_index
    >>> people = pd.DataFrame({"person_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                        "is_owner": [True, False, False]})
    >>> ties = pd.DataFrame({"a": ["a", "a"], "b": ["b", "c"],
    ...                      "since": pd.to_datetime(["2020-01-01", "2025-01-01"], utc=True)})
    >>> links = pd.DataFrame({"person_id": ["b"], "company_id": ["x"], "strength": [0.9]})
    >>> ix = build_index(people, pd.DataFrame({"company_id": ["x"], "name": ["X"]}), ties,
    ...                  [0.5, 0.7], links, at="2024-06-01")
    >>> ix.n_ties, ix.neighbors(0).tolist()
    (1, [1])
    """
    at = as_utc(at, default="now", name="at")
    strength = np.asarray(strength, dtype=np.float64)
    if "since" in ties and len(strength) == len(ties) and \
            (evidence is None or len(evidence) == len(ties)):
        made = ~(ties["since"] > at).to_numpy()  # a tie made after `at` did not exist yet
        if not made.all():
            ties = ties[made].reset_index(drop=True)
            strength = strength[made]
            if evidence is not None:
                evidence = evidence[made].reset_index(drop=True)
    return PathIndex.build(people, companies, ties, strength, company_links, evidence,
                           at=at, objective=objective)
