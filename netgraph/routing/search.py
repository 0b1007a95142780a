"""The search kernels: hop-bounded layered relaxation over the path index.

Every query is an exact hop-bounded Bellman-Ford, vectorised with numpy over
the frontier only (:class:`Layers`), on per-person work arrays borrowed from
the index's pool (:class:`borrow`). :func:`best_from` runs it backwards from
the target's people and meets the owners' first hops (:func:`first_hops`,
kept in the index's memo); :func:`ranked` orders every first introducer by
the best path through them. The edge costs are the query's objective's
(``q.costs``, see :meth:`netgraph.routing.index.PathIndex.costs`).

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing.resolve import make_query
>>> from netgraph.routing.search import ranked
>>> q = make_query(example_index(), "Acme Robotics", None, 3, ())
>>> value, node = ranked(q)[:2]
>>> q.ix.names()[node].tolist(), [round(float(v), 3) for v in value]
(['Tom Baker', 'Ana Silva'], [0.973, 2.974])
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from netgraph._cache import Memo
from netgraph.routing.index import PathIndex
from netgraph.routing.resolve import Query

__all__ = [
    "Buffers",
    "Layers",
    "Tails",
    "best_from",
    "borrow",
    "dedupe",
    "edge_rows",
    "first_hops",
    "hop_distance",
    "loopless",
    "nodes_of",
    "pull_layer",
    "ragged",
    "ranked",
    "route_counts",
    "seg_argmin",
    "walk_many",
]


def ragged(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(starts[i], starts[i] + lens[i])`` (edge positions of CSR rows)."""
    lens = lens.astype(np.int64, copy=False)
    tot = int(lens.sum())
    if tot == 0:
        return np.empty(0, dtype=np.int64)
    offs = np.cumsum(lens) - lens
    return np.repeat(starts.astype(np.int64) - offs, lens) + np.arange(tot, dtype=np.int64)


def edge_rows(ix: PathIndex, F: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``ix.indices`` of the ties of the people *F*, and how many each has."""
    starts = ix.indptr[F]
    lens = ix.indptr[F + 1] - starts
    return ragged(starts, lens), lens


def dedupe(nodes: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """Sorted distinct values of *nodes* (a flag array over all people for big inputs)."""
    if len(nodes) * 64 < len(flag):
        s = np.sort(nodes)
        return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s
    flag[nodes] = True
    out = np.flatnonzero(flag)
    flag[out] = False
    return out


def seg_argmin(val: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per contiguous segment: min of *val* and the position of its first minimum (-1 if empty)."""
    nseg = len(lens)
    mins = np.full(nseg, np.inf)
    pos = np.full(nseg, -1, dtype=np.int64)
    ne = lens > 0
    if not ne.any():
        return mins, pos
    starts = (np.cumsum(lens) - lens)[ne]
    mins[ne] = np.minimum.reduceat(val, starts)
    seg = np.repeat(np.arange(nseg), lens)
    hit = np.flatnonzero(val == mins[seg])
    sh = seg[hit]
    first = np.r_[True, sh[1:] != sh[:-1]]
    pos[sh[first]] = hit[first]
    return mins, pos


class Buffers:
    """Dense per-person work arrays, reused across queries (fresh pages cost page faults)."""

    def __init__(self, n: int) -> None:
        self.dist = np.full(n, np.inf)
        self.succ = np.zeros(n, dtype=np.int32)
        self.sedge = np.zeros(n, dtype=np.int64)
        self.flag = np.zeros(n, dtype=bool)  # always all False between uses


class borrow:
    """``with borrow(ix) as buf``: a :class:`Buffers` from the index's pool (thread-safe:
    a buffer is never shared; the pool only keeps a few)."""

    def __init__(self, ix: PathIndex) -> None:
        self.pool: list[Buffers] = ix.derived(("buffers",), list)
        self.n = ix.n_people

    def __enter__(self) -> Buffers:
        try:
            buf = self.pool.pop()
            buf.dist.fill(np.inf)
        except IndexError:
            buf = Buffers(self.n)
        self.buf = buf
        return buf

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None and len(self.pool) < 4:
            self.pool.append(self.buf)


class Layers:
    """One hop-bounded Bellman-Ford on borrowed buffers, and its history (records)."""

    def __init__(self, buf: Buffers | None) -> None:
        if buf is not None:
            self.dist, self.succ, self.sedge, self.flag = buf.dist, buf.succ, buf.sedge, buf.flag
        # per layer: improved nodes (sorted), their successor, edge and new cost
        self.records: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def relax(self, ix: PathIndex, cost: np.ndarray, F: np.ndarray, allow: np.ndarray
              ) -> np.ndarray:
        """One layer from frontier *F* into nodes where *allow*, with edge costs *cost*;
        returns the improved nodes."""
        e, lens = edge_rows(ix, F)
        if not len(e):
            return np.empty(0, dtype=np.int64)
        dist = self.dist
        nb = ix.indices[e]
        # filter by `allow` first: the last layer only enters the first introducers
        sel = np.flatnonzero(allow[nb])
        frm = np.repeat(F, lens)[sel]
        nb, e = nb[sel], e[sel]
        cand = dist[frm] + cost[e]
        keep = np.flatnonzero(cand < dist[nb])
        if not len(keep):
            return np.empty(0, dtype=np.int64)
        nb, cand, e, frm = nb[keep], cand[keep], e[keep], frm[keep]
        np.minimum.at(dist, nb, cand)
        win = cand == dist[nb]
        nbw = nb[win]
        # several equal candidates: the first in edge order wins (assign reversed)
        self.succ[nbw[::-1]] = frm[win][::-1]
        self.sedge[nbw[::-1]] = e[win][::-1]
        out = dedupe(nbw, self.flag)
        self.records.append((out, self.succ[out], self.sedge[out], dist[out]))
        return out

    def walk(self, v: int, h: int) -> list[tuple[int, int]]:
        """The (node, edge) hops after *v* on its best path of at most *h* layers."""
        out: list[tuple[int, int]] = []
        h = min(h, len(self.records))
        while h > 0:
            for hh in range(h, 0, -1):
                nodes, succ, sedge, _ = self.records[hh - 1]
                i = int(np.searchsorted(nodes, v))
                if i < len(nodes) and nodes[i] == v:
                    break
            else:
                break
            v = int(succ[i])
            out.append((v, int(sedge[i])))
            h = hh - 1
        return out


def walk_many(lay: Layers, v: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`Layers.walk` for many start nodes at once: (nodes, edges), shape
    ``(len(v), h)``, -1 past the end of each path."""
    m = len(v)
    nodes = np.full((m, h), -1, dtype=np.int64)
    edges = np.full((m, h), -1, dtype=np.int64)
    recs = lay.records
    cur = np.asarray(v, dtype=np.int64).copy()
    hc = np.full(m, min(h, len(recs)), dtype=np.int64)
    alive = hc > 0
    for step in range(h):
        if not alive.any():
            break
        found = np.zeros(m, dtype=bool)
        nxt = np.full(m, -1, dtype=np.int64)
        for layer in range(len(recs), 0, -1):
            ln, ls, le, _ = recs[layer - 1]
            ci = np.flatnonzero(alive & ~found & (hc >= layer))
            if not len(ci) or not len(ln):
                continue
            pos = np.minimum(np.searchsorted(ln, cur[ci]), len(ln) - 1)
            hit = ln[pos] == cur[ci]
            rows, pos = ci[hit], pos[hit]
            found[rows] = True
            nxt[rows] = ls[pos]
            edges[rows, step] = le[pos]
            hc[rows] = layer - 1
        nodes[found, step] = nxt[found]
        cur = np.where(found, nxt, cur)
        alive = found & (hc > 0)
    return nodes, edges



class Tails:
    """Best cost from each first node to the target within a hop budget, and its path.

    Attributes
    ----------
    best_cost : ndarray
        Per first node, the least cost to the target within ``budget`` hops (inf: none).
    nxt, nedge : ndarray
        Per first node, the next node and edge of that path (-1: it ends at the
        first node; -2: walk the layers from the first node itself).
    layers : Layers
    budget : int
    """

    def __init__(self, best_cost: np.ndarray, nxt: np.ndarray, nedge: np.ndarray,
                 layers: Layers, budget: int) -> None:
        self.best_cost, self.nxt, self.nedge = best_cost, nxt, nedge
        self.layers, self.budget = layers, budget

    def tail(self, firsts: np.ndarray, i: int) -> list[tuple[int, int]]:
        """The (node, edge) hops after first node ``firsts[i]`` on its best path."""
        m = int(self.nxt[i])
        if m == -1:  # ends at the first node
            return []
        if m == -2:  # full backward variant: the records hold the first node itself
            return self.layers.walk(int(firsts[i]), self.budget)
        return [(m, int(self.nedge[i])), *self.layers.walk(m, self.budget - 1)]


def best_from(q: Query, firsts: np.ndarray, budget: int, blocked: np.ndarray) -> Tails:
    """For each first node n: min cost n -> target within *budget* hops avoiding *blocked*.

    Backward layers from the target people for ``budget - 1`` hops, then the
    last hop either by one more backward layer (restricted to the first
    nodes) or by scanning the first nodes' ties, whichever touches fewer
    edges. First nodes may themselves be blocked (a source).
    """
    R = q.end_cost_of(firsts)
    nxt = np.full(len(firsts), -1, dtype=np.int64)
    nedge = np.full(len(firsts), -1, dtype=np.int64)
    if budget == 0 or not len(firsts):
        return Tails(R, nxt, nedge, Layers(None), budget)
    with borrow(q.ix) as buf:
        lay = Layers(buf)
        R, nxt, nedge = best_from_layers(q, lay, firsts, budget, blocked, R, nxt, nedge)
    return Tails(R, nxt, nedge, lay, budget)


def best_from_layers(q: Query, lay: Layers, firsts: np.ndarray, budget: int,
                      blocked: np.ndarray, R: np.ndarray, nxt: np.ndarray, nedge: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The layers of :func:`best_from`, on borrowed buffers: the best cost *R*, next
    node *nxt* and edge *nedge* from each first node (updated and returned)."""
    ix = q.ix
    allow = ~blocked
    ok = allow[q.end_people]
    Tn = q.end_people[ok]
    lay.dist[Tn] = q.end_cost[ok]
    F = Tn
    for _ in range(budget - 1):
        if not len(F):
            break
        F = lay.relax(ix, q.costs.edge, F, allow)
    ip = ix.indptr
    scan = bool(blocked[firsts].any()) or \
        int((ip[firsts + 1] - ip[firsts]).sum()) <= int((ip[F + 1] - ip[F]).sum())
    if scan:
        e, lens = edge_rows(ix, firsts)
        if len(e):
            nb = ix.indices[e]
            val = q.costs.edge[e] + lay.dist[nb]
            mins, pos = seg_argmin(val, lens)
            better = mins < R
            R[better] = mins[better]
            nxt[better] = nb[pos[better]]
            nedge[better] = e[pos[better]]
    else:
        only = np.zeros(ix.n_people, dtype=bool)
        only[firsts] = True
        lay.relax(ix, q.costs.edge, F, only)
        R = lay.dist[firsts].copy()
        nxt[:] = -2
    return R, nxt, nedge


def first_hops(q: Query) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Contacts of the sources that may be introducers: node, best cost, source, edge.

    The same for every target of the same sources and exclusions, so the last
    few are cached on the index.
    """
    ix = q.ix
    key = (q.costs.objective, q.sources.tobytes(), np.flatnonzero(q.blocked).tobytes())
    cache = ix.derived(("first_hops",), lambda: Memo(maxsize=8))
    hit = cache.peek(key)
    if hit is not None:
        return hit
    e, lens = edge_rows(ix, q.sources)
    nb = ix.indices[e]
    keep = ~q.blocked[nb]
    e, nb = e[keep], nb[keep]
    c = q.costs.edge[e].astype(np.float64)
    s_of = np.repeat(q.sources, lens)[keep]
    with borrow(ix) as buf:
        # per contact: the cheapest tie from any source (first in source order on equal costs)
        np.minimum.at(buf.dist, nb, c)
        win = c == buf.dist[nb]
        buf.succ[nb[win][::-1]] = s_of[win][::-1]
        buf.sedge[nb[win][::-1]] = e[win][::-1]
        firsts = dedupe(nb[win], buf.flag).astype(np.int64)
        out = (firsts, buf.dist[firsts], buf.succ[firsts].astype(np.int64), buf.sedge[firsts])
    for a in out:
        a.flags.writeable = False
    cache.put(key, out)
    return out


def loopless(hops: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove cycles from a walk of (node, edge-into-node) pairs."""
    out: list[tuple[int, int]] = []
    pos: dict[int, int] = {}
    for v, e in hops:
        if v in pos:
            k = pos[v]
            for u, _ in out[k + 1:]:
                del pos[u]
            del out[k + 1:]
        else:
            pos[v] = len(out)
            out.append((v, e))
    return out


def hop_distance(ix: PathIndex, S: np.ndarray, targets: np.ndarray, blocked: np.ndarray,
                  cap: int) -> int:
    """Fewest person hops from S to any of *targets* avoiding *blocked* inside (-1: none)."""
    n = ix.n_people
    is_t = np.zeros(n, dtype=bool)
    is_t[targets] = True
    if is_t[S].any():
        return 0
    seen = blocked.copy()
    seen[S] = True
    seen[targets] = False
    flag = np.zeros(n, dtype=bool)
    F = S
    for h in range(1, cap + 1):
        e, _ = edge_rows(ix, F)
        nb = ix.indices[e]
        nb = nb[~seen[nb]]
        if not len(nb):
            return -1
        if is_t[nb].any():
            return h
        seen[nb] = True
        F = dedupe(nb, flag)
    return -1

def ranked(q: Query, k: int | None = None) -> tuple[np.ndarray, ...]:
    """Candidate first steps, best first (all, or the k best and their equals): value,
    first node (-1: a 0-hop path), source, position in firsts; firsts, their edges, tails."""
    firsts, fcost, fsrc, fedge = first_hops(q)
    tails = best_from(q, firsts, q.max_hops - 1, q.blocked)
    val = fcost + tails.best_cost
    zc = q.end_cost_of(q.sources)
    zs = q.sources[np.isfinite(zc)]
    allv = np.concatenate([zc[np.isfinite(zc)], val])
    node = np.concatenate([np.full(len(zs), -1, dtype=np.int64), firsts])
    src = np.concatenate([zs, fsrc]).astype(np.int64)
    idx = np.concatenate([np.full(len(zs), -1, dtype=np.int64), np.arange(len(firsts))])
    fin = np.isfinite(allv)
    if k is not None and fin.sum() > 4 * k:  # only the k best (and equals) need sorting
        kth = np.partition(allv[fin], k - 1)[k - 1]
        fin &= allv <= kth
    allv, node, src, idx = allv[fin], node[fin], src[fin], idx[fin]
    order = np.lexsort((src, node, allv))
    return allv[order], node[order], src[order], idx[order], firsts, fedge, tails


def nodes_of(node: int, src: int, i: int, firsts: np.ndarray, fedge: np.ndarray,
              tails: Tails) -> list[tuple[int, int]]:
    """The loopless path [(source, -1), (node, edge), ...] of one :func:`ranked` row."""
    if node < 0:
        return [(src, -1)]
    return loopless([(src, -1), (node, int(fedge[i])), *tails.tail(firsts, i)])


def route_counts(q: Query, firsts: np.ndarray, budget: int) -> np.ndarray:
    """Per first node: distinct target people within *budget* hops (avoiding blocked)."""
    import scipy.sparse as sp

    ix = q.ix
    n = ix.n_people
    open_ = ~q.blocked
    T = q.end_people[open_[q.end_people]]
    counts = np.zeros(n, dtype=np.int64)
    if not len(T) or not len(firsts):
        return counts[firsts]
    A = sp.csr_array((np.ones(len(ix.indices), dtype=bool), ix.indices, ix.indptr),
                     shape=(n, n))
    chunk = 512
    for lo in range(0, len(T), chunk):
        t = T[lo:lo + chunk]
        P = sp.csr_array((np.ones(len(t), dtype=bool), (np.arange(len(t)), t)),
                         shape=(len(t), n))
        for _ in range(budget):
            P = (P + P @ A).tocsr()
            P.data &= open_[P.indices]
            P.eliminate_zeros()
        counts += np.bincount(P.indices, minlength=n)
    return counts[firsts]


def pull_layer(ix: PathIndex, cost: np.ndarray, dist: np.ndarray, allow: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """One Bellman-Ford layer over every person, by rows (no scatter), in place.

    Returns the distances before the layer and the mask of improved people.
    """
    prev = dist.copy()
    ip = ix.indptr
    n = len(ip) - 1
    step = 1 << 22  # ties per chunk, to bound the temporary arrays
    bounds = np.unique(np.r_[0, np.searchsorted(ip, np.arange(step, ip[-1], step)), n])
    for r0, r1 in pairwise(bounds):
        e0, e1 = int(ip[r0]), int(ip[r1])
        if e0 == e1:
            continue
        val = prev[ix.indices[e0:e1]] + cost[e0:e1]
        lens = np.diff(ip[r0:r1 + 1])
        ne = lens > 0
        m = np.minimum.reduceat(val, (ip[r0:r1] - e0)[ne])
        rows = np.arange(r0, r1)[ne]
        dist[rows] = np.minimum(dist[rows], m)
    np.copyto(dist, prev, where=~allow)
    return prev, dist < prev

