"""Interactive, self-contained HTML view of a network (vis-network from pyvis).

:func:`write_html` (and :func:`build_page` / :func:`page_html` for a string) turns the
people-and-companies graph (``net.graph``) into one HTML file that opens from disk with
no internet.

**With warm paths the page opens on the answer** (the path-first view): a side panel
lists the ranked paths (chance, each hop's strength and evidence in words, the weakest
link marked), and the graph shows only the people and companies on them, laid out left
to right (owners, introducers, ..., the target; one column per hop, the nodes of a
column spread apart, physics off), each path in its colour (:func:`path_color`), the
same in the panel. Clicking a path focuses it (its nodes and ties stay, the rest
fades); hovering a tie shows its evidence; a button shows the wider network around the
paths (the neighbours of the path's people, strongest tie first, then ring after ring
up to ``max_nodes``; only the adjacency of the nodes taken is read, so a path page of a
million-person network is written in a fraction of a second). Without paths the page
shows the network as before (:func:`select_nodes` chooses up to ``max_nodes``).

A search box finds a person or company by name, folded as the library folds names
(:func:`netgraph.data.identity.name_key`, computed here and embedded; the page folds
the query the same way) and focuses it. The page and :func:`describe_page` (printed by
``netgraph html`` and ``netgraph demo``) say how many nodes and ties were left out and
how to see them. Nodes are coloured by role: owners (every owner of a team, named in
the legend), the paths, the target and its people, other people, companies.

Design
------
pyvis is used for what it ships, not for how it builds pages:

* The JavaScript comes from pyvis's bundled copy of vis-network
  (``pyvis/templates/lib/vis-9.1.2``) and is **inlined** into the page (its
  stylesheet only styles widgets the page does not use: left out). We
  never call pyvis's ``Network.write_html``/``show``: with
  ``cdn_resources="local"`` they leave a ``lib/`` folder in the current
  directory, and the other modes reach a CDN.
* We never call pyvis's ``add_edge``/``from_nx``: their duplicate check makes
  them quadratic (about 267 s for 10,000 nodes), and ``from_nx`` writes into
  the caller's graph. The node and edge records are built here from arrays
  and written as one JSON block. The caller's graph is only read.
* Positions are computed in Python (:func:`layout`, a vectorised
  Fruchterman-Reingold variant: exact repulsion between near nodes through a
  k-d tree, far-field repulsion through a coarse grid, attraction along
  edges in proportion to their strength; fixed seed, so the same input gives
  the same picture). The page renders with physics off and straight edges,
  so it is drawn at once and stays responsive (``benchmarks/bench_html.py``).
  The path view's positions are the hop columns, not the force layout. The
  wider view's records share their look through a table of styles
  (``_compact``), which halves the page.
* Tooltips are our own (``textContent`` into one ``<div>``) instead of
  vis-network's ``title`` popups, which some vis versions parse as HTML.
  Edge evidence is shipped raw and formatted on hover.
* For tests and notebooks the page exposes ``window.netgraph = {network,
  nodes, edges, meta, paths, drawn, firstDrawMs, view(), setView(v),
  focusPath(k), focusNode(id), find(text), fold(text), focusedPath, found}``;
  every node record carries ``node`` (the graph's node id), ``kind``,
  ``highlighted``, ``dimmed``, ``paths`` (the numbers of its paths) and, while
  a path is focused, ``focused``.
* Large networks are cut to the part that matters (:func:`select_nodes`):
  owners, the warm paths, ``around`` and its neighbours, the target company
  and its people, the owner's strongest ties, then everybody else by how
  well the owner reaches them (the best product of strengths on a route).

Safety: every value reaches the page either HTML-escaped (title, summary, legend)
or inside a JSON block whose ``<``, ``>`` and ``&`` are written as
``\\u003c``-style escapes, so no name can close the script element. Labels
are drawn on a canvas (never parsed as HTML) and tooltips are built with
``textContent`` (so are the path panel and the search hits), so a contact named
``<img src=x onerror=alert(1)>`` shows
as exactly that text. A Content-Security-Policy meta tag forbids every
network request (``default-src 'none'``).

Examples
--------
>>> import tempfile, pathlib, networkx as nx
>>> from netgraph.views.html import write_html
>>> g = nx.Graph()
>>> g.add_node("in:ada", kind="person", name="Ada", is_owner=True)
>>> g.add_node("in:bob", kind="person", name="Bob", company="Acme", company_id="acme")
>>> g.add_node("company:acme", kind="company", name="Acme")
>>> g.add_edge("in:ada", "in:bob", kind="knows", strength=0.8, cost=0.22)
>>> g.add_edge("in:bob", "company:acme", kind="works_at", strength=0.9, cost=0.1)
>>> out = write_html(g, pathlib.Path(tempfile.mkdtemp()) / "g.html",
...                  paths=[["in:ada", "in:bob", "company:acme"]])
>>> "vis.Network" in out.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import datetime as _dt
import functools
import html as _html
import itertools
import json
import math
import os
import re
import tempfile
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from netgraph.data.resolve import Resolver
from netgraph.errors import InputError, NetgraphError, NotFoundError
from netgraph.views._page_template import PAGE

__all__ = [
    "PATH_COLORS",
    "build_page",
    "describe_page",
    "iframe",
    "layout",
    "page_html",
    "path_color",
    "select_nodes",
    "write_html",
]

#: One colour per warm path (by rank; repeats after ten): the path's nodes, ties and its
#: entry in the side panel share it.
PATH_COLORS: tuple[str, ...] = (
    "#ff3d00", "#1d4ed8", "#059669", "#9333ea", "#db2777", "#0891b2", "#b45309",
    "#4d7c0f", "#7c2d12", "#475569",
)
PATH_COLOR = PATH_COLORS[0]
OWNER_COLOR = "#111827"
TARGET_COLOR = "#0f766e"  # the target company and its current people
COMPANY_COLOR = "#64748b"  # other companies
PERSON_COLOR = "#8ea3c4"  # other people
FOCUS_COLOR = "#0f172a"  # hovered/selected elements
KNOWS_COLOR = "#64748b"
DIM_ALPHA = 0.3


def path_color(n: int) -> str:
    """The colour of warm path number *n* (1-based, by rank).

    Examples
    --------
    >>> path_color(1) == PATH_COLOR, path_color(11) == path_color(1)
    (True, True)
    """
    return PATH_COLORS[(int(n) - 1) % len(PATH_COLORS)]


_POS_SCALE = 60.0  # layout units -> vis pixels
_TOOLTIP_SKIP = frozenset({"kind", "strength", "cost"})
_NOT_NODES = "a WarmPaths result, WarmPath objects, or lists of node ids"


# --------------------------------------------------------------------------- assets


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str, str]:
    """Return ``(version, js, css)`` of the vis-network copy bundled with pyvis."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise NetgraphError(
            "the HTML graph needs pyvis (for its bundled vis-network), which is not installed",
            hint="pip install 'pyvis>=0.3.2'",
        )
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib"
    dirs = sorted(
        (d for d in lib.glob("vis-*") if (d / "vis-network.min.js").is_file()),
        key=lambda d: tuple(int(p) for p in d.name[4:].split(".") if p.isdigit()),
    )
    if not dirs:
        raise NetgraphError(
            f"pyvis is installed but its bundled vis-network was not found under {lib}",
            hint="reinstall pyvis: pip install --force-reinstall 'pyvis>=0.3.2'",
        )
    d = dirs[-1]
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    css = (d / "vis-network.css").read_text(encoding="utf-8")
    # No source-map lookups (they are requests), and nothing that could end the element early.
    # (split on "\n" only: splitlines() would also split inside string literals)
    js = "\n".join(ln for ln in js.split("\n") if not ln.startswith("//# sourceMappingURL"))
    css = "\n".join(ln for ln in css.split("\n") if "sourceMappingURL" not in ln)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return d.name[4:], js, css


# --------------------------------------------------------------------------- helpers


def _is_missing(v: Any) -> bool:
    t = type(v)
    if t is str:
        return not v.strip()
    if v is None:
        return True
    if t is float:
        return v != v
    if t is int or t is bool:
        return False
    if isinstance(v, float | np.floating):
        return bool(np.isnan(v))
    if isinstance(v, np.datetime64 | np.timedelta64):
        return bool(np.isnat(v))
    try:  # pd.NaT and its relatives compare unequal to themselves
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def _fmt(v: Any) -> str | None:
    """Plain-text form of an attribute value for a tooltip; None when missing."""
    t = type(v)
    if t is str:
        s = v.strip()
        if not s:
            return None
        return s if len(s) <= 300 else s[:299] + "…"
    if _is_missing(v):
        return None
    if isinstance(v, bool | np.bool_):
        return "yes" if v else "no"
    if isinstance(v, np.datetime64):
        return str(v.astype("datetime64[D]"))
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) < 1e6 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, _dt.datetime):
        return v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, list | tuple | set | frozenset):
        parts = [p for p in (_fmt(x) for x in v) if p]
        return ", ".join(parts) or None
    return _fmt(str(v))


@functools.lru_cache(maxsize=256)
def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha:g})"


def _json_for_script(obj: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` left)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _name(attrs: Mapping[str, Any], node: Hashable) -> str:
    n = attrs.get("name")
    if _is_missing(n) or str(n) == "":
        return "(no name)" if str(node).startswith("email:") else str(node)
    return str(n)


def public_id(node: Hashable) -> str:
    """A node's id as the page shows it: e-mail-keyed ids become a stable pseudonym, so an
    address never appears in the page (people are keyed by their address when an e-mail
    is all that is known of them).

    Examples
    --------
    >>> public_id("in:ada"), public_id("email:ada@example.org")
    ('in:ada', 'email:6cb3f567e1c3')
    """
    text = str(node)
    if text.startswith("email:"):
        import hashlib

        return "email:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return text


# --------------------------------------------------------------------------- graph arrays


@dataclass
class _Arrays:
    """The graph as arrays (read once; the graph itself is never written)."""

    nodes: list[Hashable]
    index: dict[Hashable, int]
    attrs: list[Mapping[str, Any]]
    is_company: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    strength: np.ndarray  # NaN where the edge has no strength
    current_job: np.ndarray  # edge kind == "works_at"
    edata: list[Mapping[str, Any]]
    lookup: _Lookup | None = None  # built on first use by _lookup()


@dataclass
class _Lookup:
    """The one :class:`~netgraph.data.resolve.Resolver`, over the graph's nodes."""

    resolver: Resolver
    person_nodes: np.ndarray  # node index of each resolver person position
    company_nodes: np.ndarray  # node index of each resolver company position


def _text(attrs: Mapping[str, Any], *keys: str) -> str:
    for k in keys:
        v = attrs.get(k)
        if not _is_missing(v) and str(v):
            return str(v)
    return ""


def _lookup(arr: _Arrays) -> _Lookup:
    """People and companies tables from the node attributes, and their resolver.

    Person nodes give ``person_id`` (the node id), ``name`` (or ``label``),
    ``url``, ``email`` and ``company``; company nodes (``company:<id>``) give
    ``company_id``, ``name`` and ``aliases``: the same tables the path index
    resolves on, so a name resolves here exactly as in ``warm_paths``.
    """
    if arr.lookup is None:
        import pandas as pd

        people = np.flatnonzero(~arr.is_company)
        comps = np.flatnonzero(arr.is_company)
        pa = [arr.attrs[i] for i in people]
        pframe = pd.DataFrame({
            "person_id": pd.Series([arr.nodes[i] for i in people], dtype=object),
            "name": pd.Series([_text(a, "name", "label") for a in pa], dtype=object),
            **{k: pd.Series([_text(a, k) for a in pa], dtype=object)
               for k in ("url", "email", "company")}})
        ca = [arr.attrs[i] for i in comps]
        cid = [_text(a, "company_id") or str(arr.nodes[i]).removeprefix("company:")
               for i, a in zip(comps, ca, strict=True)]
        cframe = pd.DataFrame({
            "company_id": pd.Series(cid, dtype=object),
            "name": pd.Series([_text(a, "name") or c for a, c in zip(ca, cid, strict=True)],
                              dtype=object),
            "aliases": pd.Series([_text(a, "aliases") for a in ca], dtype=object)})
        arr.lookup = _Lookup(Resolver(pframe, cframe), people, comps)
    return arr.lookup


def _raw_adj(graph: nx.Graph) -> Mapping[Hashable, Mapping[Hashable, Any]]:
    """The adjacency as plain dicts when the graph keeps them (read only, never written):
    several times faster to walk than networkx's read-only views."""
    adj = getattr(graph, "_adj", None)
    return adj if type(graph) is nx.Graph and isinstance(adj, dict) else graph.adj


def _local_edges(graph: nx.Graph, nodes: list[Hashable],
                 index: dict[Hashable, int]) -> list[tuple[Hashable, Hashable, Any]]:
    """The edges among *nodes* (each once), read from their adjacency only: the cost
    follows the degrees of these nodes, not the size of the graph."""
    out = []
    adj = _raw_adj(graph)
    for u in nodes:
        iu = index[u]
        for v, d in adj[u].items():
            j = index.get(v)
            if j is not None and j > iu:
                out.append((u, v, d))
    return out


def _arrays(graph: nx.Graph, nodes: list[Hashable] | None = None) -> _Arrays:
    local = nodes is not None
    nodes = list(graph.nodes) if nodes is None else list(dict.fromkeys(nodes))
    index = {v: i for i, v in enumerate(nodes)}
    attrs = [graph.nodes[v] for v in nodes]
    is_company = np.fromiter((a.get("kind") == "company" for a in attrs), bool, len(nodes))
    edge_list = _local_edges(graph, nodes, index) if local else None
    m = len(edge_list) if edge_list is not None else graph.number_of_edges()
    rows = np.empty(m, np.int64)
    cols = np.empty(m, np.int64)
    strength = np.empty(m, float)
    current_job = np.zeros(m, bool)
    edata: list[Mapping[str, Any]] = []
    for k, (u, v, d) in enumerate(edge_list if edge_list is not None
                                  else graph.edges(data=True)):
        rows[k] = index[u]
        cols[k] = index[v]
        s = d.get("strength")
        strength[k] = float(s) if isinstance(s, int | float | np.number) else np.nan
        current_job[k] = d.get("kind") == "works_at"
        edata.append(d)
    strength[~np.isfinite(strength)] = np.nan
    np.clip(strength, 0.0, 1.0, out=strength)  # NaN stays NaN
    return _Arrays(nodes, index, attrs, is_company, rows, cols, strength, current_job, edata)


def _owner_indices(arr: _Arrays, owner_ids: Iterable[Hashable] | None) -> np.ndarray:
    if owner_ids is not None:
        if isinstance(owner_ids, str):
            owner_ids = [owner_ids]
        out = []
        for o in owner_ids:
            if o not in arr.index:
                raise NotFoundError(
                    f"owner {o!r} is not a node of this graph",
                    suggestions=_suggest(arr, str(o)),
                    hint="pass node ids such as 'in:ada-lovelace' as owner_ids",
                )
            out.append(arr.index[o])
        return np.asarray(out, np.int64)
    flags = np.fromiter((bool(a.get("is_owner") is True or a.get("is_owner") == 1)
                         for a in arr.attrs), bool, len(arr.nodes))
    return np.flatnonzero(flags)


def _suggest(arr: _Arrays, key: str) -> list[str]:
    return _lookup(arr).resolver.suggest(key)


def _resolve(arr: _Arrays, key: Any, what: str) -> list[int]:
    """Node indices for a node id, a ``company:`` key, or what a user types for a
    company or a person, resolved like a ``warm_paths`` target (a company wins
    over a person of the same name; a name several people share is an error)."""
    if isinstance(key, Hashable) and key in arr.index:
        return [arr.index[key]]
    if isinstance(key, str) and key.strip():
        if f"company:{key}" in arr.index:
            return [arr.index[f"company:{key}"]]
        lk = _lookup(arr)
        text = key.strip()
        c = lk.resolver.company(text)
        if c >= 0:
            return [int(lk.company_nodes[c])]
        if len(lk.resolver.people_matching(text)):
            return [int(lk.person_nodes[lk.resolver.person(text)])]
        raise NotFoundError(f"no company or person {text!r} in this network",
                            suggestions=lk.resolver.suggest(text),
                            hint="Check the spelling, or add an alias for the company.")
    raise NotFoundError(
        f"{what} {key!r} is not in this graph",
        suggestions=_suggest(arr, str(key)),
        hint="use a node id (e.g. 'in:ada-lovelace', 'company:acme') or a person's or company's name",
    )


# --------------------------------------------------------------------------- warm paths


@dataclass
class _Path:
    nodes: list[int]
    edges: list[tuple[int, int, float | None]]
    probability: float | None = None
    target: int | None = None
    evidence: dict[frozenset[int], str] | None = None
    raw: Any = None  # the WarmPath (or node list) it came from


def _normalise_paths(arr: _Arrays, paths: Any) -> list[_Path]:
    if paths is None:
        return []
    if isinstance(paths, str | bytes) or not (
        hasattr(paths, "person_ids") or isinstance(paths, Iterable)
    ):
        raise InputError(f"paths must be {_NOT_NODES}, not {type(paths).__name__}",
                         expected=_NOT_NODES, hint="pass net.warm_paths('Acme')")
    items = [paths] if hasattr(paths, "person_ids") else list(paths)
    out: list[_Path] = []
    for n, p in enumerate(items, start=1):
        def idx(node: Any, n: int = n) -> int:
            if node not in arr.index:
                raise NotFoundError(
                    f"warm path #{n} goes through {node!r}, which is not in this graph",
                    suggestions=_suggest(arr, str(node)),
                    hint="draw paths computed on the same network (net.warm_paths(...))",
                )
            return arr.index[node]

        if hasattr(p, "person_ids"):
            ids = [idx(v) for v in p.person_ids]
            company = None
            for attr in ("company_node", "company_id"):
                c = getattr(p, attr, None)
                if not _is_missing(c):
                    for cand in (c, f"company:{c}"):
                        if cand in arr.index:
                            company = arr.index[cand]
                            break
                if company is not None:
                    break
            if company is None and not _is_missing(getattr(p, "company", None)):
                lk = _lookup(arr)
                c = lk.resolver.company(str(p.company))
                company = int(lk.company_nodes[c]) if c >= 0 else None
            hop_strength: dict[frozenset[int], float] = {}
            evidence: dict[frozenset[int], str] = {}
            for h in getattr(p, "hops", None) or ():
                ends = []
                for end in (getattr(h, "from_id", None), getattr(h, "to_id", None)):
                    for cand in (end, f"company:{end}"):
                        if isinstance(cand, Hashable) and cand in arr.index:
                            ends.append(arr.index[cand])
                            break
                if len(ends) != 2:
                    continue
                key = frozenset(ends)
                s = getattr(h, "strength", None)
                if isinstance(s, int | float | np.number) and math.isfinite(s):
                    hop_strength[key] = float(s)
                why = _fmt(getattr(h, "evidence", None))
                if why:
                    evidence[key] = why
            seq = ids + ([company] if company is not None and company not in ids else [])
            prob = getattr(p, "probability", None)
            prob = float(prob) if isinstance(prob, int | float | np.number) else None
        elif isinstance(p, str | bytes) or not isinstance(p, Iterable):
            raise InputError(f"warm path #{n} is a {type(p).__name__}",
                             expected=_NOT_NODES, hint="pass net.warm_paths('Acme')")
        else:
            seq = [idx(v) for v in p]
            company = seq[-1] if seq and arr.is_company[seq[-1]] else None
            hop_strength, evidence, prob = {}, {}, None
        edges = []
        for a, b in itertools.pairwise(seq):
            edges.append((a, b, hop_strength.get(frozenset((a, b)))))
        target = company if company is not None else (seq[-1] if seq else None)
        out.append(_Path(seq, edges, prob, target, evidence, p))
    return out


# --------------------------------------------------------------------------- selection


def _reach(arr: _Arrays, sources: np.ndarray) -> np.ndarray:
    """Best product of strengths from any source to each node (0 when unreachable)."""
    n = len(arr.nodes)
    if n == 0 or len(sources) == 0:
        return np.zeros(n)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    s = np.where(np.isnan(arr.strength), 0.1, arr.strength)
    cost = -np.log(np.clip(s, 1e-9, 1.0)) + 1e-9  # explicit zeros would vanish from the matrix
    mat = coo_matrix((cost, (arr.rows, arr.cols)), shape=(n, n)).tocsr()
    dist = dijkstra(mat, directed=False, indices=np.unique(sources), min_only=True)
    return np.exp(-dist)


def _max_incident(arr: _Arrays) -> np.ndarray:
    out = np.zeros(len(arr.nodes))
    s = np.nan_to_num(arr.strength, nan=0.0)
    np.maximum.at(out, arr.rows, s)
    np.maximum.at(out, arr.cols, s)
    return out


def _rank(arr: _Arrays, paths: list[_Path], around: list[int], owners: np.ndarray,
          max_nodes: int | None) -> np.ndarray:
    n = len(arr.nodes)
    tier = np.full(n, 6, np.int64)
    rows, cols = arr.rows, arr.cols

    def neighbours(ix: Iterable[int]) -> np.ndarray:
        mask = np.zeros(n, bool)
        mask[list(ix)] = True
        return np.union1d(cols[mask[rows]], rows[mask[cols]])

    owners_nb = neighbours(owners) if len(owners) else np.empty(0, np.int64)
    tier[owners_nb] = 5
    targets = [p.target for p in paths if p.target is not None]
    if targets:
        nb = neighbours(targets)
        tier[nb] = np.minimum(tier[nb], 4)
        tier[targets] = np.minimum(tier[targets], 3)
    if around:
        nb = neighbours(around)
        tier[nb] = np.minimum(tier[nb], 4)
        tier[around] = 2
    for p in paths:
        tier[p.nodes] = np.minimum(tier[p.nodes], 1)
    tier[owners] = 0
    sources = np.asarray(around, np.int64) if around else owners
    reach = _reach(arr, sources)
    strongest = _max_incident(arr)
    # A huge target company (or hub) may fill at most half the view before the owner's ties.
    crowd = np.flatnonzero(tier == 4)
    cap = (n if max_nodes is None else int(max_nodes)) // 2
    if len(crowd) > cap:
        crowd = crowd[np.lexsort((-strongest[crowd], -reach[crowd]))][cap:]
        is_owner_nb = np.zeros(n, bool)
        is_owner_nb[owners_nb] = True
        tier[crowd] = np.where(is_owner_nb[crowd], 5, 6)
    order = np.lexsort((-strongest, -reach, tier))
    if max_nodes is None or max_nodes >= n:
        return order
    keep = max(int(max_nodes), int((tier <= 2).sum()))
    return order[:keep]


def _path_seeds(graph: nx.Graph, paths: Any) -> list[Hashable] | None:
    """The graph nodes of *paths* (people, then the target company), best path first;
    None when *paths* is empty, or something is not a node (the caller then takes the
    full route, which names what is wrong)."""
    if paths is None or isinstance(paths, str | bytes) or not (
            hasattr(paths, "person_ids") or isinstance(paths, Iterable)):
        return None
    items = [paths] if hasattr(paths, "person_ids") else list(paths)
    out: list[Hashable] = []
    for p in items:
        if hasattr(p, "person_ids"):
            seq = list(p.person_ids)
            company = None
            for attr in ("company_node", "company_id"):
                c = getattr(p, attr, None)
                if not _is_missing(c):
                    for cand in (c, f"company:{c}"):
                        if isinstance(cand, Hashable) and cand in graph:
                            company = cand
                            break
                if company is not None:
                    break
            if company is None and not _is_missing(getattr(p, "company", None)):
                return None  # only a name: resolve it over the whole graph
            if company is not None:
                seq.append(company)
        elif isinstance(p, str | bytes) or not isinstance(p, Iterable):
            return None
        else:
            seq = list(p)
        for v in seq:
            if not isinstance(v, Hashable) or v not in graph:
                return None
        out.extend(seq)
    return list(dict.fromkeys(out)) or None


def _around_paths(graph: nx.Graph, seeds: list[Hashable], owners: list[Hashable],
                  max_nodes: int, *, hub: int = 5000) -> list[Hashable]:
    """The wider view of a path page: the path nodes, then the neighbours of the path's
    people (strongest tie first), then those of its companies, then ring after ring
    outwards, up to *max_nodes*. Only the adjacency of chosen nodes is read (at most
    *hub* neighbours of any one node), so the cost does not grow with the network."""
    chosen: dict[Hashable, None] = dict.fromkeys(seeds)
    for o in owners:
        chosen.setdefault(o, None)
    adj, nodes = _raw_adj(graph), graph.nodes

    def strength(d: Mapping[str, Any]) -> float:
        s = d.get("strength")
        return float(s) if isinstance(s, int | float | np.number) and s == s else 0.05

    frontier = list(chosen)
    while len(chosen) < max_nodes and frontier:
        people = [u for u in frontier if nodes[u].get("kind") != "company"]
        companies = [u for u in frontier if nodes[u].get("kind") == "company"]
        nxt: list[Hashable] = []
        for group in (people, companies):
            best: dict[Hashable, float] = {}
            for u in group:
                for v, d in itertools.islice(adj[u].items(), hub):
                    if v in chosen:
                        continue
                    st = strength(d)
                    if st > best.get(v, -1.0):
                        best[v] = st
            room = max_nodes - len(chosen)
            if room <= 0:
                break
            ranked = sorted(best, key=best.__getitem__, reverse=True)[:room]
            chosen.update(dict.fromkeys(ranked))
            nxt.extend(ranked)
        frontier = nxt
    return list(chosen)


def select_nodes(
    graph: nx.Graph,
    paths: Any = None,
    around: Any = None,
    max_nodes: int | None = 1500,
    *,
    owner_ids: Iterable[Hashable] | None = None,
) -> list[Hashable]:
    """Choose the nodes worth drawing, most important first.

    The order is: owners; the nodes of the warm paths; ``around`` (a node
    id, a name, or a list of them); the target company of the paths; the
    people of the target company and the neighbours of ``around`` (at most
    half of ``max_nodes``, the best reached first); the owner's ties; then
    everybody else. Within each group nodes come by how
    well they are reached from the owners (or from ``around`` when given):
    the best product of tie strengths along any route, then by their
    strongest tie. The list is cut at ``max_nodes``, but owners, path nodes
    and ``around`` are always kept.

    Parameters
    ----------
    graph : networkx.Graph
        The network graph (``net.graph``); only read.
    paths : WarmPaths, WarmPath, or iterable of node-id lists, optional
        Warm paths to keep in view.
    around : node id, name, or list of them, optional
        Centre the view on these nodes instead of the owners. A name, profile
        URL, e-mail or id resolves exactly like a ``warm_paths`` target (the
        one :class:`~netgraph.data.resolve.Resolver`; a company wins over a
        person of the same name, and a name several people share is an error).
    max_nodes : int or None, default 1500
        How many nodes at most (``None``: all).
    owner_ids : iterable of node ids, optional
        The owners; by default the nodes whose ``is_owner`` is true.

    Returns
    -------
    list
        Node ids, most important first.

    Raises
    ------
    NotFoundError
        When ``around``, an owner or a path node is not in the graph (with the
        closest names as suggestions), or ``around`` names several people.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("me", kind="person", name="Me", is_owner=True)
    >>> for p, s in [("a", 0.9), ("b", 0.2), ("c", 0.5)]:
    ...     g.add_node(p, kind="person", name=p.upper())
    ...     g.add_edge("me", p, kind="knows", strength=s)
    >>> select_nodes(g, max_nodes=3)
    ['me', 'a', 'c']
    >>> select_nodes(g, paths=[["me", "b"]], max_nodes=2)
    ['me', 'b']
    """
    arr = _arrays(graph)
    return _select(arr, paths, around, max_nodes, owner_ids)[0]


def _select(arr: _Arrays, paths: Any, around: Any, max_nodes: int | None,
            owner_ids: Iterable[Hashable] | None) -> tuple[list[Hashable], list[_Path],
                                                            np.ndarray, np.ndarray]:
    if max_nodes is not None and (not isinstance(max_nodes, int | np.integer) or max_nodes < 1):
        raise InputError(f"max_nodes must be a positive integer or None, not {max_nodes!r}",
                         expected="e.g. max_nodes=1500", hint="use max_nodes=None to draw all")
    owners = _owner_indices(arr, owner_ids)
    norm = _normalise_paths(arr, paths)
    around_ix: list[int] = []
    if around is not None:
        keys = [around] if isinstance(around, str) or not isinstance(around, Iterable) else around
        for k in keys:
            around_ix.extend(_resolve(arr, k, "around node"))
    order = _rank(arr, norm, around_ix, owners, max_nodes)
    return [arr.nodes[i] for i in order], norm, order, owners


# --------------------------------------------------------------------------- layout


def layout(
    n: int,
    rows: np.ndarray,
    cols: np.ndarray,
    weight: np.ndarray | None = None,
    *,
    seed: int = 0,
    iterations: int | None = None,
) -> np.ndarray:
    """Force-directed 2-D positions for ``n`` nodes joined by ``rows[i] -- cols[i]``.

    A vectorised Fruchterman-Reingold layout that places 10,000 nodes in
    about a second: repulsion is exact between nodes closer than one unit
    (pairs from a k-d tree) and, particle-mesh style, approximated beyond
    through the centres of mass of a 24 x 24 grid, evaluated at the grid
    corners and interpolated; attraction pulls along each edge in proportion
    to its weight; a pull to the centre keeps separate components on the
    rim instead of far away. The temperature falls linearly; the seed fixes
    the start, so equal inputs give equal positions.

    Parameters
    ----------
    n : int
        Number of nodes (positions are indexed 0..n-1).
    rows, cols : array of int
        Edge endpoints.
    weight : array of float, optional
        Edge weights (strengths) in (0, 1]; default 0.3 each.
    seed : int, default 0
        Seed of the random start.
    iterations : int, optional
        Default 100, or 40 above 4,000 nodes.

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` positions; neighbouring nodes end up about one unit apart.

    Examples
    --------
    >>> import numpy as np
    >>> pos = layout(3, np.array([0, 1]), np.array([1, 2]))
    >>> pos.shape
    (3, 2)
    >>> bool(np.linalg.norm(pos[0] - pos[1]) < np.linalg.norm(pos[0] - pos[2]))
    True
    """
    rng = np.random.default_rng(seed)
    rows = np.asarray(rows, np.int64)
    cols = np.asarray(cols, np.int64)
    w = np.full(len(rows), 0.3) if weight is None else np.nan_to_num(
        np.asarray(weight, float), nan=0.3)
    w = np.clip(w, 0.05, 1.0)
    if n <= 1:
        return np.zeros((n, 2))
    if iterations is None:
        iterations = 40 if n > 4000 else 100
    from scipy.spatial import cKDTree

    side = math.sqrt(n)
    x = rng.uniform(-side / 2, side / 2, size=(n, 2))
    near, grid = 1.0, 24
    t0 = side / 8 + 1
    force = np.empty_like(x)
    for it in range(iterations):
        temp = t0 * (1 - it / iterations) + 0.01
        force[:] = 0.0
        pairs = cKDTree(x).query_pairs(near, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = x[i] - x[j]
            f = d / np.maximum((d * d).sum(1), 1e-3)[:, None]
            for c in (0, 1):
                force[:, c] += np.bincount(i, f[:, c], n) - np.bincount(j, f[:, c], n)
        # Far field, particle-mesh style: the pull of every cell's centre of mass is
        # evaluated at the grid corners, then interpolated bilinearly at each node.
        lo = x.min(0)
        h = np.maximum(x.max(0) - lo, 1e-6) * (1 + 1e-9) / grid
        gpos = (x - lo) / h
        cell = np.minimum(gpos.astype(np.int64), grid - 1)
        frac = gpos - cell
        cid = cell[:, 0] * grid + cell[:, 1]
        mass = np.bincount(cid, minlength=grid * grid).astype(float)
        nz = np.flatnonzero(mass)
        cx = np.bincount(cid, x[:, 0], grid * grid)[nz] / mass[nz]
        cy = np.bincount(cid, x[:, 1], grid * grid)[nz] / mass[nz]
        px = (lo[0] + h[0] * np.arange(grid + 1))[:, None, None]
        py = (lo[1] + h[1] * np.arange(grid + 1))[None, :, None]
        dx = px - cx
        dy = py - cy
        coef = mass[nz] / np.maximum(dx * dx + dy * dy, max(near * near, float(h.max()) ** 2))
        for c, grid_force in ((0, (coef * dx).sum(2)), (1, (coef * dy).sum(2))):
            i, j = cell[:, 0], cell[:, 1]
            fx, fy = frac[:, 0], frac[:, 1]
            f = grid_force
            force[:, c] += (f[i, j] * (1 - fx) * (1 - fy) + f[i + 1, j] * fx * (1 - fy)
                            + f[i, j + 1] * (1 - fx) * fy + f[i + 1, j + 1] * fx * fy)
        if len(rows):
            d = x[rows] - x[cols]
            f = (w * np.sqrt((d * d).sum(1)))[:, None] * d
            for c in (0, 1):
                force[:, c] -= np.bincount(rows, f[:, c], n) - np.bincount(cols, f[:, c], n)
        force -= 0.2 * (x - x.mean(0))
        length = np.sqrt((force * force).sum(1)) + 1e-12
        x += force * (np.minimum(length, temp) / length)[:, None]
    return x - x.mean(0)


# --------------------------------------------------------------------------- page data


def _build_data(arr: _Arrays, order: np.ndarray, paths: list[_Path], owners: np.ndarray,
                seed: int, iterations: int | None = None
                ) -> tuple[dict[str, Any], dict[str, Any]]:
    n_all = len(arr.nodes)
    sel = np.asarray(order, np.int64)
    k = len(sel)
    pos_of = np.full(n_all, -1, np.int64)
    pos_of[sel] = np.arange(k)
    emask = (pos_of[arr.rows] >= 0) & (pos_of[arr.cols] >= 0) if len(arr.rows) else np.zeros(
        0, bool)
    eidx = np.flatnonzero(emask)
    is_owner = np.zeros(n_all, bool)
    is_owner[owners] = True

    # Strength of each node's tie to an owner (0 when none): node size, tooltip evidence.
    s = np.nan_to_num(arr.strength, nan=0.0)
    own_s = np.zeros(n_all)
    own_e = np.full(n_all, -1, np.int64)
    cand = [(m, other[m]) for ends, other in ((arr.rows, arr.cols), (arr.cols, arr.rows))
            for m in [np.flatnonzero(is_owner[ends] & ~is_owner[other])]]
    ce = np.concatenate([c[0] for c in cand])
    co = np.concatenate([c[1] for c in cand])
    if len(ce):
        by = np.lexsort((-s[ce], co))  # per node, its strongest tie to an owner first
        ce, co = ce[by], co[by]
        first = np.unique(co, return_index=True)[1]
        own_e[co[first]] = ce[first]
        own_s[co[first]] = s[ce[first]]

    # Path membership.
    on_path: dict[int, list[str]] = {}
    path_no: dict[int, list[int]] = {}
    path_edges: dict[frozenset[int], tuple[int, float | None, int, int]] = {}
    edge_no: dict[frozenset[int], list[int]] = {}
    why: dict[frozenset[int], str] = {}
    for n, p in enumerate(paths, start=1):
        for key, text in (p.evidence or {}).items():
            why.setdefault(key, text)
        prob = "" if p.probability is None else f", {p.probability:.0%}"
        for h, v in enumerate(p.nodes):
            on_path.setdefault(v, []).append(f"#{n} (step {h + 1} of {len(p.nodes)}{prob})")
            if n not in path_no.setdefault(v, []):
                path_no[v].append(n)
        for a, b, st in p.edges:
            path_edges.setdefault(frozenset((a, b)), (n, st, a, b))
            edge_no.setdefault(frozenset((a, b)), []).append(n)
    highlight = bool(paths)
    targets = {p.target for p in paths if p.target is not None}

    # Colour by role: owner, on a path (the path's colour), the target (company and its
    # current people), other people, other companies.
    works_at_target = np.zeros(n_all, bool)
    if targets:
        tmask = np.zeros(n_all, bool)
        tmask[list(targets)] = True
        m = arr.current_job
        works_at_target[arr.rows[m & tmask[arr.cols]]] = True
        works_at_target[arr.cols[m & tmask[arr.rows]]] = True
        works_at_target[list(targets)] = True

    # People of each company in view, to size company nodes.
    in_view = np.zeros(n_all, bool)
    in_view[sel] = True
    comp_people = np.zeros(n_all, np.int64)
    comp_total = np.zeros(n_all, np.int64)
    for ends, other in ((arr.rows, arr.cols), (arr.cols, arr.rows)):
        m = arr.is_company[ends] & ~arr.is_company[other]
        comp_total += np.bincount(ends[m], minlength=n_all)
        comp_people += np.bincount(ends[m & in_view[other]], minlength=n_all)

    # Layout on the induced subgraph plus the inferred path hops.
    lr = pos_of[arr.rows[eidx]]
    lc = pos_of[arr.cols[eidx]]
    lw = arr.strength[eidx]
    existing = {frozenset((int(arr.rows[e]), int(arr.cols[e]))) for e in eidx} if path_edges \
        else set()
    virtual = [(key, val) for key, val in path_edges.items() if key not in existing
               and len(key) == 2]
    if virtual:
        lr = np.concatenate([lr, [pos_of[v[2]] for _, v in virtual]])
        lc = np.concatenate([lc, [pos_of[v[3]] for _, v in virtual]])
        lw = np.concatenate([lw, [0.5 if v[1] is None else v[1] for _, v in virtual]])
    xy = layout(k, lr, lc, lw, seed=seed, iterations=iterations)
    if k and len(owners) and pos_of[owners[0]] >= 0:
        xy = xy - xy[pos_of[owners[0]]]
    xy = np.round(xy * _POS_SCALE, 1)

    names = {int(i): _name(arr.attrs[i], arr.nodes[i]) for i in sel}
    # Records share their look (colours, font, shape, flags) through a table of styles
    # ("s": its index; the page puts them back): a 900-node view is half the size.
    nstyles, estyles = _Styles(), _Styles()
    nodes_out: list[dict[str, Any]] = []
    for rank, i in enumerate(sel):
        i = int(i)
        a = arr.attrs[i]
        name = names[i]
        hl = i in on_path
        dim = highlight and not hl
        pcol = path_color(path_no[i][0]) if hl else None
        if is_owner[i]:
            color, shape, size, group = OWNER_COLOR, "dot", 30.0, "owner"
        elif arr.is_company[i]:
            color, shape, group = (TARGET_COLOR if works_at_target[i] else COMPANY_COLOR,
                                   "diamond", "company")
            size = min(12.0 + 3.0 * math.sqrt(comp_people[i]), 36.0)
        else:
            color = pcol or (TARGET_COLOR if works_at_target[i] else PERSON_COLOR)
            shape, group = "dot", "person"
            size = 7.0 + 23.0 * float(own_s[i])
        if hl:
            size = max(size, 16.0)
        alpha = DIM_ALPHA if dim else 1.0
        bg = _rgba(color, alpha)
        border = pcol if hl else _rgba("#ffffff" if not is_owner[i] else "#fbbf24", alpha)
        font_size = 22 if (hl or is_owner[i]) else (18 if arr.is_company[i] else 14)
        rows_info: list[list[str]] = []

        def add(label: str, value: Any, rows_info: list[list[str]] = rows_info) -> None:
            t = _fmt(value)
            if t is not None:
                rows_info.append([label, t])

        if is_owner[i]:
            add("Role", "owner")
        if arr.is_company[i]:
            add("Kind", "company")
            add("People shown", f"{comp_people[i]:,} of {comp_total[i]:,}")
            add("Also known as", a.get("aliases"))
        else:
            add("Company", a.get("company"))
            add("Title", a.get("title"))
            if not is_owner[i]:
                e = own_e[i]
                if e >= 0:
                    ev = arr.edata[e]
                    add("Strength to owner", None if np.isnan(arr.strength[e])
                        else float(arr.strength[e]))
                    add("Last contact", ev.get("last_contact"))
                    add("Connected since", ev.get("since"))
                    add("Interactions", ev.get("n_interactions"))
                else:
                    add("Strength to owner", "no direct tie")
            add("Profile", a.get("url"))
        for note in on_path.get(i, []):
            add("Warm path", note)
        skey = (color, bg, border, font_size, dim, shape, group, hl, pcol)
        look = nstyles.get(skey)
        if look is None:
            look = nstyles.add(skey, {
                "shape": shape, "kind": group, "highlighted": hl, "dimmed": dim,
                "borderWidth": 4 if hl else 1.5, "hex": color, "bhex": pcol or color,
                "color": {"background": bg, "border": border,
                          "highlight": {"background": color, "border": FOCUS_COLOR},
                          "hover": {"background": color, "border": FOCUS_COLOR}},
                "font": {"size": font_size, "color": _rgba("#1f2937", 0.3 if dim else 1.0),
                         "strokeColor": _rgba("#ffffff", 0.3 if dim else 1.0)}})
        rec = {"id": i, "node": public_id(arr.nodes[i]), "label": name,
               "x": float(xy[rank, 0]), "y": float(xy[rank, 1]), "size": round(size, 1),
               "info": {"head": name, "rows": rows_info}, "s": look}
        if hl:
            rec["paths"] = path_no[i]
        nodes_out.append(rec)
    # Draw order: highlighted nodes last (on top).
    nodes_out.sort(key=lambda d: "paths" in d)

    # Edge evidence goes out raw (JSON scalars); the page formats it on hover, which keeps
    # writing fast for tens of thousands of edges.
    owner_names = {arr.nodes[o]: names.get(int(o)) or _name(arr.attrs[o], arr.nodes[o])
                   for o in owners}
    edges_out: list[dict[str, Any]] = []
    for e in eidx.tolist():
        u, v = int(arr.rows[e]), int(arr.cols[e])
        d = arr.edata[e]
        kind = d.get("kind")
        st = float(arr.strength[e])
        st = st if math.isfinite(st) else math.nan
        key = frozenset((u, v))
        hl = key in path_edges
        if kind == "works_at" or kind == "worked_at":
            comp = v if arr.is_company[v] else u
            base = TARGET_COLOR if works_at_target[comp] else COMPANY_COLOR
            relation = "works at" if kind == "works_at" else "worked at"
        else:
            base, relation = KNOWS_COLOR, ("knows" if _is_missing(kind) else str(kind))
        ev: dict[str, Any] = {"Relation": relation}
        if st == st:
            ev["Strength"] = round(st, 3)
        for ak, av in d.items():
            if ak in _TOOLTIP_SKIP:
                continue
            ak = ak if type(ak) is str else str(ak)
            t = type(av)
            if t is str:
                if av:
                    ev[ak] = owner_names.get(av, av) if ak == "owner" else av
            elif t is int or (t is float and math.isfinite(av)):
                if av or not ak.startswith("n_"):  # no "N meeting 0" rows
                    ev[ak] = av
            else:
                f = _fmt(av)
                if f is not None:
                    ev[ak] = f
        if hl:
            ev["Warm path"] = f"#{path_edges[key][0]}"
            if key in why:
                ev["Why warm"] = why[key]
            base = col = path_color(edge_no[key][0])
        else:
            col = _rgba(base, DIM_ALPHA * 0.6 if highlight else 0.55)
        dashed = kind == "worked_at"
        skey = (col, hl, dashed, base, highlight)
        look = estyles.get(skey)
        if look is None:
            look = estyles.add(skey, {
                "highlighted": hl, "dimmed": highlight and not hl, "dashes": dashed,
                "hex": base,
                "color": {"color": col, "highlight": col, "hover": col} if hl else {"color": col}})
        rec = {"id": f"e{e}", "from": u, "to": v,
               "width": 7.0 if hl else round(0.5 + 4.5 * (0.1 if st != st else min(st, 1.0)),
                                             2), "ev": ev, "s": look}
        if hl:
            rec["paths"] = edge_no[key]
        edges_out.append(rec)
    for n, (vkey, (pn, st, a, b)) in enumerate(virtual):
        ev = {"Relation": "inferred hop (no direct tie in the graph)"}
        if st is not None and math.isfinite(st):
            ev["Strength"] = round(float(st), 3)
        ev["Warm path"] = f"#{pn}"
        if vkey in why:
            ev["Why warm"] = why[vkey]
        pc = path_color(pn)
        look = estyles.get(("virtual", pc))
        if look is None:
            look = estyles.add(("virtual", pc), {
                "highlighted": True, "dimmed": False, "dashes": True, "hex": pc,
                "color": {"color": pc, "highlight": pc, "hover": pc}})
        edges_out.append({"id": f"v{n}", "from": a, "to": b, "width": 7.0, "ev": ev,
                          "paths": edge_no.get(vkey, []), "s": look})
    edges_out.sort(key=lambda d: "paths" in d)

    big = len(edges_out) > 3000
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 4,
                  "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "strokeWidth": 3},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5,
                  "color": {"highlight": FOCUS_COLOR, "hover": FOCUS_COLOR, "inherit": False}},
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "tooltipDelay": 100, "keyboard": False, "navigationButtons": False},
    }
    meta = {
        "total_nodes": n_all, "shown_nodes": k, "shown_edges": len(edges_out),
        "paths": len(paths), "highlighted_nodes": len(on_path),
        "owners": sorted(owner_names.values(), key=str.casefold),
    }
    return {"nodes": {"styles": nstyles.table, "items": nodes_out},
            "edges": {"styles": estyles.table, "items": edges_out},
            "options": options, "meta": meta}, meta


# --------------------------------------------------------------------------- page


_LEVEL_DX = 300.0  # path view: canvas px between hop levels
_LEVEL_DY = 120.0  # ... and between the nodes of one level
_PATH_FONT = 18  # path view labels (drawn at >= 0.75 x this on screen)


def _path_view(arr: _Arrays, paths: list[_Path], owners: np.ndarray,
               wider: dict[int, dict[str, Any]],
               wider_edges: dict[frozenset[int], dict[str, Any]]) -> dict[str, Any]:
    """Nodes and ties of the warm paths only, laid out left to right by hop (owners, the
    introducers, ..., the target) with the nodes of one level spread top to bottom."""
    is_owner = np.zeros(len(arr.nodes), bool)
    is_owner[owners] = True
    last = max(len(p.nodes) for p in paths) - 1
    level: dict[int, int] = {}
    first_path: dict[int, int] = {}
    for n, p in enumerate(paths, start=1):
        for h, v in enumerate(p.nodes):
            lv = 0 if is_owner[v] else (last if v == p.target or (
                h == len(p.nodes) - 1 and arr.is_company[v]) else h)
            level[v] = min(level.get(v, lv), lv)
            first_path.setdefault(v, n)
    by_level: dict[int, list[int]] = {}
    for v in level:  # insertion order: best path first, then along the path
        by_level.setdefault(level[v], []).append(v)
    # Fewer crossings: each level in the order of its predecessors on the paths (then by
    # the best path through it), so an owner's introducers sit together.
    parents: dict[int, list[int]] = {}
    for p in paths:
        for a, b, _ in p.edges:
            if level.get(a, 0) < level.get(b, 0):
                parents.setdefault(b, []).append(a)
    rank: dict[int, int] = {}
    for lv in sorted(by_level):
        members = by_level[lv]
        if lv > 0:
            members.sort(key=lambda v: (min((rank[u] for u in parents.get(v, ()) if u in rank),
                                            default=len(rank)), first_path[v]))
        for j, v in enumerate(members):
            rank[v] = j
    nodes_out = []
    for lv, members in sorted(by_level.items()):
        for j, v in enumerate(members):
            base = wider[v]
            pc = path_color(first_path[v])
            if is_owner[v]:
                fill, size = OWNER_COLOR, 22
            elif arr.is_company[v]:
                fill, size = TARGET_COLOR, 24
            else:
                fill, size = pc, 16
            col = {"background": fill, "border": pc}
            nodes_out.append({
                "id": v, "node": base["node"], "label": base["label"],
                "x": lv * _LEVEL_DX, "y": round((j - (len(members) - 1) / 2) * _LEVEL_DY, 1),
                "shape": base["shape"], "size": size, "kind": base["kind"],
                "highlighted": True, "dimmed": False, "paths": base["paths"],
                "hex": fill, "bhex": pc, "borderWidth": 4,
                "color": {**col, "highlight": {"background": fill, "border": FOCUS_COLOR},
                          "hover": {"background": fill, "border": FOCUS_COLOR}},
                "font": {"size": _PATH_FONT, "color": "#111827", "strokeColor": "#ffffff",
                         "strokeWidth": 4},
                "widthConstraint": {"maximum": 230},
                "info": base["info"],
            })
    edges_out = []
    seen: dict[frozenset[int], dict[str, Any]] = {}
    for n, p in enumerate(paths, start=1):
        known = [(st, j) for j, (_, _, st) in enumerate(p.edges) if st is not None]
        weakest = min(known)[1] if len(p.edges) > 1 and known else -1
        for j, (a, b, st) in enumerate(p.edges):
            key = frozenset((a, b))
            if key in seen:
                if n not in seen[key]["paths"]:
                    seen[key]["paths"].append(n)
                continue
            w = wider_edges.get(key)
            ev = dict(w["ev"]) if w is not None else {"Relation": "inferred hop"}
            if st is None:
                s = ev.get("Strength")
                st = float(s) if isinstance(s, int | float) else None
            pc = path_color(n)
            rec = {
                "id": f"p{len(edges_out)}", "from": a, "to": b, "paths": [n], "hex": pc,
                "highlighted": True, "dimmed": False,
                "dashes": bool(w is None or w.get("dashes")),
                "width": 3.0 if st is None else round(2.0 + 6.0 * st, 2),
                "color": {"color": pc, "highlight": pc, "hover": pc},
                "ev": ev,
            }
            if st is not None:
                rec["label"] = f"{st:.2f}" + (" weakest" if j == weakest else "")
                rec["font"] = {"size": 13, "color": "#374151", "strokeColor": "#ffffff",
                               "strokeWidth": 4, "align": "top"}
            seen[key] = rec
            edges_out.append(rec)
    return {"nodes": nodes_out, "edges": edges_out}


def _panel(arr: _Arrays, paths: list[_Path], path_edge_ids: dict[frozenset[int], str]
           ) -> list[dict[str, Any]]:
    """The side panel's entries: one per path, best first, each hop in words."""
    names = {}

    def name(i: int) -> str:
        if i not in names:
            names[i] = _name(arr.attrs[i], arr.nodes[i])
        return names[i]

    out = []
    for n, p in enumerate(paths, start=1):
        hops: list[dict[str, Any]] = []
        raw = getattr(p.raw, "hops", None)
        if raw:
            for h, (a, b, _) in itertools.zip_longest(raw, p.edges, fillvalue=(None, None, None)):
                if h is None:
                    continue
                s = getattr(h, "strength", None)
                s = float(s) if isinstance(s, int | float | np.number) and math.isfinite(s) \
                    else None
                hops.append({"from": str(getattr(h, "from_", "") or (name(a) if a is not None
                                                                     else "")),
                             "to": str(getattr(h, "to", "") or (name(b) if b is not None
                                                                else "")),
                             "strength": s, "evidence": _fmt(getattr(h, "evidence", "")) or "",
                             "kind": str(getattr(h, "kind", "") or ""),
                             "edge": path_edge_ids.get(frozenset((a, b))) if a is not None
                             else None})
        else:
            for a, b, s in p.edges:
                hops.append({"from": name(a), "to": name(b), "strength": s, "evidence":
                             (p.evidence or {}).get(frozenset((a, b)), ""), "kind": "",
                             "edge": path_edge_ids.get(frozenset((a, b)))})
        known = [h["strength"] for h in hops if h["strength"] is not None]
        if len(hops) > 1 and known:
            weakest = min(range(len(hops)), key=lambda j: (
                hops[j]["strength"] if hops[j]["strength"] is not None else math.inf))
            hops[weakest]["weakest"] = True
        for h in hops:
            h.setdefault("weakest", False)
        people = [name(v) for v in p.nodes if not arr.is_company[v]]
        via = people[1:] or people  # the introducer ... the person inside
        parts = via[:1] + (["\u2026"] if len(via) > 2 else []) + via[-1:] * (len(via) > 1)
        if p.target is not None and arr.is_company[p.target]:
            parts.append(name(p.target))
        headline = " \u2192 ".join(parts)
        out.append({"rank": n, "probability": p.probability, "color": path_color(n),
                    "headline": headline, "nodes": [int(v) for v in p.nodes],
                    "text": " \u2192 ".join(name(v) for v in p.nodes), "hops": hops})
    return out


def _search_index(arr: _Arrays, ids: Iterable[int]) -> list[list[Any]]:
    """``[node, label, folded label, company]`` for the search box, folded like the
    library folds names (:func:`netgraph.data.identity.name_key`)."""
    from netgraph.data.identity import name_key

    ids = [int(i) for i in ids]
    labels = [_name(arr.attrs[i], arr.nodes[i]) for i in ids]
    keys = name_key(labels).tolist() if ids else []
    out = []
    for i, label, key in zip(ids, labels, keys, strict=True):
        extra = "company" if arr.is_company[i] else (_fmt(arr.attrs[i].get("company")) or "")
        out.append([i, label, key, extra])
    return out


def _legend(meta: dict[str, Any], has_paths: bool) -> str:
    def item(cls: str, color: str, text: str) -> str:
        return (f'<li><span class="ng-sw {cls}" style="background:{color}"></span>'
                f"{_html.escape(text)}</li>")

    owners = meta.get("owners") or []
    if len(owners) > 1:
        who = "Owners: " + ", ".join(owners[:12]) + (
            f" and {len(owners) - 12} more" if len(owners) > 12 else "")
    elif owners:
        who = f"Owner: {owners[0]}"
    else:
        who = "Owner"
    parts = [item("", OWNER_COLOR, who)]
    if has_paths:
        parts.append(item("", PATH_COLOR, "On a warm path (each path its own colour; "
                                          "numbers on ties are strengths)"))
        parts.append(item("", TARGET_COLOR, "The target, and (wider network) its people"))
    parts += [
        item("", PERSON_COLOR, "Other people; bigger = stronger tie to an owner"),
        item("ng-diamond", COMPANY_COLOR, "Company"),
        item("ng-line", KNOWS_COLOR, "Tie; thicker = stronger (dashed: past employer, "
                                     "or a hop inferred by the path search)"),
    ]
    if has_paths:
        parts.append(item("ng-dim", PERSON_COLOR, "Not on a path (faded)"))
    return "\n".join(parts)


def _default_title(arr: _Arrays, paths: list[_Path], owners: np.ndarray) -> str:
    targets = [p.target for p in paths if p.target is not None]
    if targets:
        names = list(dict.fromkeys(_name(arr.attrs[t], arr.nodes[t]) for t in targets))
        return "Warm paths to " + ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
    if len(owners) > 1:
        return f"Your team's network ({len(owners)} owners)"
    if len(owners):
        return f"{_name(arr.attrs[owners[0]], arr.nodes[owners[0]])}'s network"
    return "netgraph network"


def _notes(meta: dict[str, Any]) -> None:
    """The 'what is left out' sentences, for the page and the command line."""
    total, te = meta["total_nodes"], meta["total_edges"]
    shown, se = meta["shown_nodes"], meta["shown_edges"]
    more = ("to see more, raise --max-nodes (max_nodes=None in Python draws everything)"
            if meta.get("max_nodes") is not None else "")
    net = f"Wider network: {shown:,} of {total:,} nodes and {se:,} of {te:,} ties"
    if shown < total:
        net += f"; {total - shown:,} nodes and {te - se:,} ties omitted" + (
            f" \u2014 {more}." if more else ".")
    else:
        net += "."
    meta["note_network"] = net.replace("Wider network: ", "Showing ", 1) if not meta["paths"] \
        else net
    if meta["paths"]:
        pn = meta["path_nodes"]
        meta["note_paths"] = (
            f"Showing the {pn:,} people and companies on the {meta['paths']} warm "
            f"path{'s' if meta['paths'] != 1 else ''}, of {total:,} nodes in the network; "
            f"{total - pn:,} omitted. The 'Show the wider network' button adds the people "
            f"around them ({shown:,} nodes)" + (
                f"; {more}." if shown < total and more else "."))
    else:
        meta["note_paths"] = meta["note_network"]


class _Styles:
    """A table of looks, each stored once; :meth:`index` gives a look's position."""

    def __init__(self) -> None:
        self.table: list[dict[str, Any]] = []
        self._ix: dict[Hashable, int] = {}

    def get(self, key: Hashable) -> int | None:
        return self._ix.get(key)

    def add(self, key: Hashable, look: dict[str, Any]) -> int:
        ix = self._ix[key] = len(self.table)
        self.table.append(look)
        return ix


def _count_edges(graph: nx.Graph) -> int:
    """``graph.number_of_edges()`` without its per-node Python loop (a million nodes in
    tens of milliseconds). Self-loops, which a netgraph graph never has, are not counted."""
    adj = getattr(graph, "_adj", None)
    if type(graph) is not nx.Graph or not isinstance(adj, dict):
        return graph.number_of_edges()
    return sum(map(len, adj.values())) // 2


def _page(graph: nx.Graph, paths: Any, around: Any, max_nodes: int | None, title: str | None,
          owner_ids: Iterable[Hashable] | None, seed: int, min_height: str = "0"
          ) -> tuple[str, dict[str, Any]]:
    if not isinstance(graph, nx.Graph):
        raise InputError(f"expected a networkx graph, got {type(graph).__name__}",
                         expected="net.graph (a networkx.Graph)", hint="pass net.graph")
    if max_nodes is not None and (not isinstance(max_nodes, int | np.integer) or max_nodes < 1):
        raise InputError(f"max_nodes must be a positive integer or None, not {max_nodes!r}",
                         expected="e.g. max_nodes=1500", hint="use max_nodes=None to draw all")
    if owner_ids is not None:
        owner_ids = [owner_ids] if isinstance(owner_ids, str) else list(owner_ids)
    seeds = None
    if around is None and max_nodes is not None and not graph.is_multigraph():
        seeds = _path_seeds(graph, paths)
    if seeds is not None:
        # A path page reads only the paths and what is around them: writing does not grow
        # with the network.
        known = [o for o in owner_ids if o in graph] if owner_ids is not None else []
        missing = [o for o in owner_ids or () if o not in graph]
        if missing:
            _owner_indices(_arrays(graph), missing)  # raises NotFoundError, with suggestions
        sel = _around_paths(graph, seeds, known, max(int(max_nodes), len(seeds) + len(known)))
        if len(sel) < max_nodes and graph.number_of_nodes() <= max_nodes:  # room for all
            chosen = set(sel)
            sel += [v for v in graph if v not in chosen]
        arr = _arrays(graph, sel)
        owners = _owner_indices(arr, known if owner_ids is not None else None)
        norm = _normalise_paths(arr, paths)
        order = np.arange(len(arr.nodes))
        total_nodes, total_edges = graph.number_of_nodes(), _count_edges(graph)
    else:
        arr = _arrays(graph)
        _, norm, order, owners = _select(arr, paths, around, max_nodes, owner_ids)
        total_nodes, total_edges = len(arr.nodes), len(arr.rows)
    # The wider view of a path page is behind a button: a shorter layout run keeps writing
    # fast (the picture the user opens on is the path view).
    norm = [p for p in norm if p.nodes]  # an empty list of nodes is no path
    data, meta = _build_data(arr, order, norm, owners, seed,
                             iterations=50 if seeds is not None and len(order) > 500 else None)
    version, js, _ = _vis_assets()
    if title is None:
        title = _default_title(arr, norm, owners)
    path_view = None
    panel: list[dict[str, Any]] = []
    if norm:
        on = {v for p in norm for v in p.nodes}
        ns, es = data["nodes"]["styles"], data["edges"]["styles"]
        wider = {r["id"]: {**ns[r["s"]], "paths": [], **r} for r in data["nodes"]["items"]
                 if r["id"] in on}
        wider_edges = {frozenset((e["from"], e["to"])): {**es[e["s"]], **e}
                       for e in data["edges"]["items"] if "paths" in e}
        path_view = _path_view(arr, norm, owners, wider, wider_edges)
        ids = {frozenset((e["from"], e["to"])): e["id"] for e in path_view["edges"]}
        panel = _panel(arr, norm, ids)
    meta.update(total_nodes=total_nodes, total_edges=total_edges, max_nodes=max_nodes,
                path_nodes=len(path_view["nodes"]) if path_view else 0,
                path_edges=len(path_view["edges"]) if path_view else 0,
                view="paths" if norm else "network")
    _notes(meta)
    payload = {
        "options": data["options"], "meta": meta, "pathView": path_view,
        "network": {"nodes": data["nodes"], "edges": data["edges"]},
        "paths": panel,
        "search": _search_index(arr, order),
    }
    owners_txt = ", ".join(meta["owners"][:3]) + (
        f" and {len(meta['owners']) - 3} more" if len(meta["owners"]) > 3 else "")
    if norm:
        n = len(norm)
        summary = (f"{n} warm path{'s' if n != 1 else ''}, best first"
                   + (f", from {owners_txt}" if owners_txt else "")
                   + ". Click a path to focus it; hover a tie for its evidence.")
        buttons = ('<button type="button" id="ng-wider" aria-pressed="false">'
                   'Show the wider network</button>'
                   '<button type="button" id="ng-all">Show all paths</button>')
    else:
        summary = ((f"The network of {owners_txt}. " if owners_txt else "")
                   + "Hover or tap for the evidence; scroll to zoom.")
        reason = getattr(paths, "reason", "") if paths is not None else ""
        if isinstance(reason, str) and reason:  # an empty WarmPaths says why
            summary = f"No warm path: {reason} " + summary
        buttons = ""
    page = _fill_template(PAGE, {
        "TITLE": _html.escape(str(title), quote=True),
        "SUMMARY": _html.escape(summary),
        "BUTTONS": buttons,
        "LEGEND": _legend(meta, bool(norm)),
        "VIS_VERSION": _html.escape(version),
        # vis-network's stylesheet is only for widgets the page does not use (navigation
        # buttons, the manipulation toolbar, its popups): 0.2 MB of images left out.
        "VIS_CSS": "",
        "MIN_HEIGHT": _html.escape(min_height),
        "DATA": _json_for_script(payload),
        "VIS_JS": js,
    })
    return page, meta


def build_page(
    graph: nx.Graph,
    *,
    paths: Any = None,
    around: Any = None,
    max_nodes: int | None = 1500,
    title: str | None = None,
    owner_ids: Iterable[Hashable] | None = None,
    seed: int = 0,
) -> str:
    """Render the interactive page as one self-contained HTML string.

    Takes the same arguments as :func:`write_html` (without ``path``).

    Returns
    -------
    str
        The HTML document: vis-network JS inlined, no external reference.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("me", kind="person", name="<b>Me</b>", is_owner=True)
    >>> page = build_page(g, title="Ada & co")
    >>> "<title>Ada &amp; co</title>" in page and "<b>Me</b>" not in page
    True
    """
    return _page(graph, paths, around, max_nodes, title, owner_ids, seed)[0]


def page_html(
    network: Any,
    paths: Any = None,
    *,
    height: int | str | None = None,
    max_nodes: int | None = 300,
    title: str | None = None,
    around: Any = None,
) -> str:
    """The interactive page as a string, for embedding (notebooks: ``net.show()``).

    Parameters
    ----------
    network : Network or networkx.Graph
        A :class:`netgraph.Network` (its graph and owners are used) or ``net.graph``.
    paths : WarmPaths, WarmPath, or iterable of node-id lists, optional
        With paths the page opens on them (the path-first view).
    height : int or str, optional
        The height the page fills at least (pixels, or any CSS length), for frames
        that do not give the document a height.
    max_nodes : int or None, default 300
        Size of the wider network behind the toggle (smaller than a file's default,
        so a notebook output stays small).
    title : str, optional
    around : node id, name, or list of them, optional

    Returns
    -------
    str
        One self-contained HTML document (about 0.5 MB of it is vis-network itself).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("me", kind="person", name="Me", is_owner=True)
    >>> g.add_node("you", kind="person", name="You")
    >>> g.add_edge("me", "you", kind="knows", strength=0.5)
    >>> page = page_html(g, [["me", "you"]], height=400)
    >>> page.startswith("<!DOCTYPE html>") and "min-height:400px" in page
    True
    """
    graph, owner_ids = network, None
    if not isinstance(network, nx.Graph) and hasattr(network, "graph"):
        graph = network.graph
        owners = getattr(network, "owners", None)
        if owners is not None and "person_id" in getattr(owners, "columns", ()):
            owner_ids = owners["person_id"].tolist()
    if height is None:
        min_height = "0"
    else:
        min_height = f"{height}px" if isinstance(height, int | float) else str(height)
    return _page(graph, paths, around, max_nodes, title, owner_ids, 0, min_height)[0]


def describe_page(path_or_html: str | os.PathLike[str]) -> str:
    """What a written page shows and what it leaves out, in words (for the command line).

    Examples
    --------
    >>> import networkx as nx
    >>> print(describe_page(build_page(nx.path_graph(5), max_nodes=3)))  # doctest: +ELLIPSIS
    Showing 3 of 5 nodes and 2 of 4 ties; 2 nodes and 2 ties omitted — to see more, raise ...
    """
    if isinstance(path_or_html, str) and path_or_html.lstrip().startswith("<"):
        page = path_or_html
    else:
        page = Path(path_or_html).read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    if m is None:
        raise InputError("this is not a page written by netgraph", file=path_or_html
                         if not isinstance(path_or_html, str) or len(path_or_html) < 300
                         else None, expected="a file written by write_html / net.to_html",
                         hint="write one with netgraph html FILE")
    meta = json.loads(m.group(1))["meta"]
    if meta.get("view") == "paths":
        return meta["note_paths"] + "\n" + meta["note_network"]
    return meta["note_network"]


_PLACEHOLDER_RE = re.compile(r"@([A-Z][A-Z_]*)@")


def _fill_template(template: str, values: Mapping[str, str]) -> str:
    """Replace each ``@NAME@`` of *template* by ``values[NAME]``, in one pass.

    The values are never searched again, so a name, company or title that
    reads ``@DATA@`` (or the inlined vis-network code) stays as it is.

    Raises
    ------
    KeyError
        A placeholder of *template* without a value (a bug of the template).

    Examples
    --------
    >>> _fill_template("<p>@A@ and @B@</p>", {"A": "@B@", "B": "x"})
    '<p>@B@ and x</p>'
    """
    return _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], template)


def write_html(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    *,
    paths: Any = None,
    around: Any = None,
    max_nodes: int | None = 1500,
    title: str | None = None,
    owner_ids: Iterable[Hashable] | None = None,
) -> Path:
    """Write the network as an interactive, self-contained HTML file.

    Parameters
    ----------
    graph : networkx.Graph
        ``net.graph``: nodes with ``kind`` (person/company), ``name``,
        ``company``, ``title``, ``url``, ``is_owner``; edges with ``kind``,
        ``strength`` and evidence (``since``, ``last_contact``, counts...).
        Only read, never changed.
    path : str or path-like
        Where to write; the file is replaced atomically. Nothing else is
        written (no ``lib/`` folder).
    paths : WarmPaths, WarmPath, or iterable of node-id lists, optional
        Warm paths to highlight; everything else is dimmed.
    around : node id, name, or list of them, optional
        Centre the selection on these nodes instead of the owners.
    max_nodes : int or None, default 1500
        At most this many nodes (see :func:`select_nodes`); ``None`` draws all.
    title : str, optional
        Page title; by default from the target company or the owner.
    owner_ids : iterable of node ids, optional
        The owners; by default the nodes whose ``is_owner`` is true.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    NotFoundError
        When a path node, ``around`` or an owner is not in the graph.
    InputError
        When ``paths`` or ``max_nodes`` has the wrong type, or the folder
        does not exist.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> g = nx.path_graph(3)
    >>> out = write_html(g, pathlib.Path(tempfile.mkdtemp()) / "net.html", title="Demo")
    >>> out.suffix, sorted(p.name for p in out.parent.iterdir())
    ('.html', ['net.html'])
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"the folder {str(target.parent)!r} does not exist", file=target,
                         expected="a path in an existing folder",
                         hint="create the folder first or choose another path")
    page = build_page(graph, paths=paths, around=around, max_nodes=max_nodes, title=title,
                      owner_ids=owner_ids)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# --------------------------------------------------------------------------- notebooks


class _Snippet:
    """HTML for notebooks when IPython is not installed."""

    def __init__(self, markup: str) -> None:
        self.data = markup

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return f"<netgraph HTML iframe, {len(self.data):,} characters>"


def iframe(path_or_html: str | os.PathLike[str], height: int | str = 600,
           width: int | str = "100%") -> Any:
    """Show a page inline in a notebook (Jupyter, VS Code, Colab).

    The page goes into the iframe's ``srcdoc`` attribute (escaped), so no
    file server is needed, and the frame is sandboxed (scripts only: the
    page cannot reach the notebook).

    Parameters
    ----------
    path_or_html : str or path-like
        A file written by :func:`write_html`, or the HTML text itself.
    height, width : int or str
        Frame size; numbers are pixels.

    Returns
    -------
    IPython.display.HTML
        Or, without IPython, a small object with ``_repr_html_``.

    Examples
    --------
    >>> frame = iframe("<p>Tom & Jerry</p>", height=200)
    >>> html = frame._repr_html_() if hasattr(frame, "_repr_html_") else frame.data
    >>> 'srcdoc="&lt;p&gt;Tom &amp; Jerry&lt;/p&gt;"' in html
    True
    """
    if isinstance(path_or_html, str) and path_or_html.lstrip().startswith("<"):
        page = path_or_html
    else:
        p = Path(path_or_html)
        if not p.is_file():
            raise InputError(f"no HTML file at {str(p)!r}", file=p,
                             expected="a file written by write_html or an HTML string",
                             hint="call net.to_html(path) first")
        page = p.read_text(encoding="utf-8")

    def size(v: int | str) -> str:
        return f"{v}px" if isinstance(v, int | float) else str(v)

    markup = (
        '<div class="netgraph-frame">'
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:{_html.escape(size(width))};height:{_html.escape(size(height))};'
        'border:1px solid #e5e7eb;border-radius:6px" loading="lazy" '
        'title="netgraph network"></iframe></div>'
    )
    try:
        from IPython.display import HTML
    except ImportError:
        return _Snippet(markup)
    return HTML(markup)
