"""Warm introduction paths: the path index, target resolution, search and results.

The modules, each depending only on those before it:

* :mod:`~netgraph.routing.objectives`: what "warmest" means (the edge cost), by name.
* :mod:`~netgraph.routing.roles`: job titles read as role families (whom at the target).
* :mod:`~netgraph.routing.index`: :class:`PathIndex`, CSR arrays built from the tables.
* :mod:`~netgraph.routing.resolve`: the target, sources and exclusions of a query.
* :mod:`~netgraph.routing.search`: hop-bounded layered relaxation, first hops.
* :mod:`~netgraph.routing.kpaths`: the k best loopless paths (Yen).
* :mod:`~netgraph.routing.results`: :class:`WarmPaths`, :class:`WarmPath`, :class:`Hop`.
* :mod:`~netgraph.routing.queries`: :func:`warm_paths`, :func:`introducers`, :func:`reach`,
  :func:`people_at`.

The last hop into a company is scored by
:class:`~netgraph.scoring.company_ties.CompanyTieModel` (re-exported here).

Examples
--------
>>> from netgraph.routing import warm_paths
>>> from netgraph.routing.example import example_index
>>> print(warm_paths(example_index(), "Acme", k=1))  # doctest: +ELLIPSIS
1 warm path to Acme Robotics from Maya Chen (at most 3 hops):
1. Maya Chen -> Tom Baker (0.70: ...) -> Lena Ortiz (0.60, weakest link: ...) -> Acme Robotics (0.90: ...). Chance 0.38.
"""

from netgraph.routing.index import PathIndex, build_index
from netgraph.routing.objectives import (
    DEFAULT_OBJECTIVE,
    Objective,
    get_objective,
    objectives,
    register_objective,
)
from netgraph.routing.queries import introducers, people_at, reach, warm_paths
from netgraph.routing.results import Hop, WarmPath, WarmPaths
from netgraph.routing.roles import ROLES, role_family, role_matcher
from netgraph.scoring.company_ties import CompanyTieModel, company_links

__all__ = [
    "DEFAULT_OBJECTIVE",
    "ROLES",
    "CompanyTieModel",
    "Hop",
    "Objective",
    "PathIndex",
    "WarmPath",
    "WarmPaths",
    "build_index",
    "company_links",
    "get_objective",
    "introducers",
    "objectives",
    "people_at",
    "reach",
    "register_objective",
    "role_family",
    "role_matcher",
    "warm_paths",
]
