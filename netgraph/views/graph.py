"""The NetworkX view of a network, built from the tables.

Node conventions: every node has ``kind`` (``"person"`` or ``"company"``)
and ``name``. Person nodes are keyed by ``person_id`` and carry ``company``,
``title``, ``url``, ``email`` and ``is_owner``; company nodes are keyed
``"company:<company_id>"`` and carry ``company_id`` and ``aliases``.

Edge conventions: person-person edges have ``kind="knows"`` with the evidence
they rest on (``since``, ``source``, ``owner``, interaction counts
``n_interactions``, ``last_contact``) and, when strengths are given,
``strength`` (0..1] and ``cost = -log(strength)``. Person-company edges have
``kind="works_at"`` (current) or ``kind="worked_at"`` (past) with ``title``,
``start``, ``end`` and, when given, ``strength`` and ``cost``.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data.merge import Tables, upsert_people, add_ties
>>> from netgraph.views.graph import build_graph
>>> t = Tables.empty()
>>> rows = pd.DataFrame({"name": ["Ada", "Alan"], "email": ["ada@x.org", "alan@x.org"]})
>>> t, ids, _ = upsert_people(t, rows, source="doc")
>>> t, _ = add_ties(t, ids[:1], ids[1:], [pd.NaT], source="doc", owner="")
>>> G = build_graph(t)
>>> G.edges["email:ada@x.org", "email:alan@x.org"]["kind"]
'knows'
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS

__all__ = ["EDGE_EVIDENCE", "build_graph", "company_node"]

#: Columns of the strength table copied onto person-person edges (the rest, the score's
#: components, are in ``Network.strengths()``).
EDGE_EVIDENCE: tuple[str, ...] = (
    "strength", "tier", "last_contact", *(f"n_{c}" for c in CHANNELS), "n_in", "n_out",
    "cooling")


def company_node(company_id: str) -> str:
    """The node id of a company in :func:`build_graph`'s graph.

    Examples
    --------
    >>> from netgraph.views.graph import company_node
    >>> company_node("acme robotics")
    'company:acme robotics'
    """
    return f"company:{company_id}"


def _records(frame: pd.DataFrame) -> list[dict]:
    """Row dicts with native Python values (NaT/NaN -> None), faster than ``to_dict``."""
    cols = list(frame.columns)
    lists = []
    for c in cols:
        col = frame[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            lists.append([None if v is pd.NaT else v for v in col.astype(object).tolist()])
        elif pd.api.types.is_float_dtype(col):
            lists.append([None if v != v else v for v in col.tolist()])
        else:
            lists.append(col.astype(object).tolist() if isinstance(
                col.dtype, pd.CategoricalDtype) else col.tolist())
    return [dict(zip(cols, vals, strict=True)) for vals in zip(*lists, strict=True)]


def _add_nodes(G: nx.Graph, ids: list, dicts: list[dict]) -> None:
    """``G.add_nodes_from(zip(ids, dicts))`` for a new graph, without copying each dict.

    Writes NetworkX's own storage (``G._node``, ``G._adj``: a dict of attribute
    dicts and a dict of neighbour dicts, stable since NetworkX 2.0), which is what
    ``add_nodes_from`` does after copying each attribute dict; the test suite
    checks the result equals the one ``add_nodes_from``/``add_edges_from`` build.
    """
    node, adj = G._node, G._adj
    for n, d in zip(ids, dicts, strict=True):
        if n in node:
            node[n].update(d)
        else:
            node[n] = d
            adj[n] = {}


def _add_edges(G: nx.Graph, us: list, vs: list, dicts: list[dict]) -> None:
    """``G.add_edges_from(zip(us, vs, dicts))`` between existing nodes, without copies
    (an undirected edge shares one attribute dict between both directions, as in
    NetworkX). Edges to unknown nodes go through ``G.add_edge``."""
    adj = G._adj
    for u, v, d in zip(us, vs, dicts, strict=True):
        au, av = adj.get(u), adj.get(v)
        if au is None or av is None or v in au:
            G.add_edge(u, v, **d)
        else:
            au[v] = d
            av[u] = d


def build_graph(tables, strengths: pd.DataFrame | None = None,
                company_links: pd.DataFrame | None = None) -> nx.Graph:
    """Build a ``networkx.Graph`` of people and companies from the tables.

    Parameters
    ----------
    tables : netgraph.data.merge.Tables
        The canonical tables.
    strengths : DataFrame, optional
        One row per row of ``tables.ties`` (same order) with at least a
        ``strength`` column, plus evidence columns (``last_contact``, counts)
        copied onto the edges.
    company_links : DataFrame, optional
        Person-company strengths (``person_id``, ``company_id``, ``strength``)
        for the ``works_at``/``worked_at`` edges.

    Returns
    -------
    networkx.Graph
        A new graph; changing it never changes the network.

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> from netgraph.views.graph import build_graph
    >>> net = ng.Network()
    >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"], "company": ["Acme"]}),
    ...                         owner="Ada")
    >>> G = build_graph(net.tables)
    >>> sorted(G.nodes(data="kind"))
    [('company:acme', 'company'), ('name:ada@', 'person'), ('name:grace hopper@acme', 'person')]
    """
    G = nx.Graph()
    people = tables.people
    cols = ["name", "company", "company_id", "title", "url", "email", "is_owner"]
    _add_nodes(G, people["person_id"].tolist(),
               _records(people[cols].assign(kind="person")[["kind", *cols]]))
    comp = tables.companies
    cnodes = pd.DataFrame({"kind": "company", "name": comp["name"],
                           "company_id": comp["company_id"], "aliases": comp["aliases"]})
    _add_nodes(G, ["company:" + c for c in comp["company_id"].tolist()], _records(cnodes))
    ties = tables.ties
    attrs = pd.DataFrame({"kind": "knows", "since": ties["since"], "source": ties["source"],
                          "owner": ties["owner"]})
    if strengths is not None and len(strengths) == len(ties):
        extra = [c for c in EDGE_EVIDENCE if c in strengths.columns]
        for c in extra:
            attrs[c] = strengths[c].to_numpy() if c != "last_contact" else \
                strengths[c].reset_index(drop=True)
        if "strength" in attrs:
            s = np.clip(attrs["strength"].to_numpy(dtype=float), 1e-12, 1.0)
            attrs["cost"] = -np.log(s)
    _add_edges(G, ties["a"].astype(object).tolist(), ties["b"].astype(object).tolist(),
               _records(attrs))
    aff = tables.affiliations
    if len(aff):
        best = aff.sort_values(["current", "end"], ascending=[True, True], kind="stable",
                               na_position="last").drop_duplicates(["person_id", "company_id"],
                                                                   keep="last")
        best = best.reset_index(drop=True)
        edges = pd.DataFrame({
            "kind": np.where(best["current"].to_numpy(), "works_at", "worked_at").astype(object),
            "title": best["title"], "start": best["start"], "end": best["end"],
            "source": best["source"]})
        recs = _records(edges)
        if company_links is not None and len(company_links):
            key = company_links.set_index(["person_id", "company_id"])["strength"]
            idx = pd.MultiIndex.from_arrays([best["person_id"].astype(object),
                                             best["company_id"]])
            strength = key.reindex(idx).to_numpy(dtype=float)
            cost = -np.log(np.clip(strength, 1e-12, 1.0))
            for r, sv, cv in zip(recs, strength.tolist(), cost.tolist(), strict=True):
                if sv == sv:  # no strength attribute where the model gives none
                    r["strength"] = sv
                    r["cost"] = cv
        _add_edges(G, best["person_id"].astype(object).tolist(),
                   ["company:" + c for c in best["company_id"].tolist()], recs)
    return G
