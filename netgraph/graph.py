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
>>> from netgraph.merge import Tables, upsert_people, add_ties
>>> from netgraph.graph import build_graph
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

__all__ = ["EDGE_EVIDENCE", "build_graph", "company_node"]

#: Columns of the strength table copied onto person-person edges (the rest, the score's
#: components, are in ``Network.strengths()``).
EDGE_EVIDENCE: tuple[str, ...] = (
    "strength", "tier", "last_contact", "n_meeting", "n_call", "n_message", "n_email",
    "n_linkedin", "n_other", "n_in", "n_out", "cooling")


def company_node(company_id: str) -> str:
    """The node id of a company in :func:`build_graph`'s graph.

    Examples
    --------
    >>> from netgraph.graph import company_node
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


def build_graph(tables, strengths: pd.DataFrame | None = None,
                company_links: pd.DataFrame | None = None) -> nx.Graph:
    """Build a ``networkx.Graph`` of people and companies from the tables.

    Parameters
    ----------
    tables : netgraph.merge.Tables
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
    >>> from netgraph.graph import build_graph
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
    records = _records(people[cols])
    G.add_nodes_from((pid, {"kind": "person", **r})
                     for pid, r in zip(people["person_id"], records, strict=True))
    comp = tables.companies
    G.add_nodes_from((company_node(c), {"kind": "company", "name": n, "company_id": c,
                                        "aliases": a})
                     for c, n, a in zip(comp["company_id"], comp["name"], comp["aliases"],
                                        strict=True))
    ties = tables.ties
    attrs = pd.DataFrame({"since": ties["since"], "source": ties["source"],
                          "owner": ties["owner"]})
    if strengths is not None and len(strengths) == len(ties):
        extra = [c for c in EDGE_EVIDENCE if c in strengths.columns]
        for c in extra:
            attrs[c] = strengths[c].reset_index(drop=True)
        if "strength" in attrs:
            s = np.clip(attrs["strength"].to_numpy(dtype=float), 1e-12, 1.0)
            attrs["cost"] = -np.log(s)
    recs = _records(attrs)
    G.add_edges_from((a, b, {"kind": "knows", **r}) for a, b, r in zip(
        ties["a"].astype(object), ties["b"].astype(object), recs, strict=True))
    aff = tables.affiliations
    if len(aff):
        best = aff.sort_values(["current", "end"], ascending=[True, True], kind="stable",
                               na_position="last").drop_duplicates(["person_id", "company_id"],
                                                                   keep="last")
        edges = pd.DataFrame({
            "kind": np.where(best["current"].to_numpy(), "works_at", "worked_at").astype(object),
            "title": best["title"].to_numpy(), "start": best["start"].to_numpy(),
            "end": best["end"].to_numpy(), "source": best["source"].to_numpy()})
        edges["start"] = best["start"].to_numpy()
        edges["end"] = best["end"].to_numpy()
        if company_links is not None and len(company_links):
            key = company_links.set_index(["person_id", "company_id"])["strength"]
            idx = pd.MultiIndex.from_arrays([best["person_id"].astype(object),
                                             best["company_id"]])
            strength = key.reindex(idx).to_numpy(dtype=float)
            edges["strength"] = strength
            edges["cost"] = -np.log(np.clip(strength, 1e-12, 1.0))
        recs = _records(edges)
        if "strength" in edges:  # no strength attribute where the model gives none
            recs = [r if r["strength"] is not None else
                    {k: v for k, v in r.items() if k not in ("strength", "cost")} for r in recs]
        G.add_edges_from(zip(best["person_id"].astype(object).tolist(),
                             ["company:" + c for c in best["company_id"].tolist()], recs,
                             strict=True))
    return G
