"""The k best loopless paths: Yen's algorithm over the hop-bounded search.

Used by ``warm_paths(..., distinct_introducers=False)``. One backward search
from the target's people (:class:`Backward`) bounds every spur search; a
spur is searched again, exactly, only when its relaxed answer crosses the
root path.

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing.kpaths import yen
>>> from netgraph.routing.resolve import make_query
>>> from netgraph.routing.search import nodes_of, ranked
>>> q = make_query(example_index(), "Acme Robotics", None, 3, ())
>>> _, node, src, idx, firsts, fedge, tails = ranked(q, 1)
>>> best = nodes_of(int(node[0]), int(src[0]), int(idx[0]), firsts, fedge, tails)
>>> [[q.ix.names()[v] for v, _ in p] for p in yen(q, 2, best)]
[['Maya Chen', 'Tom Baker', 'Lena Ortiz'], ['Maya Chen', 'Ana Silva', 'Raj Patel']]
"""

from __future__ import annotations

import heapq
import math

import numpy as np

from netgraph.routing.resolve import Query
from netgraph.routing.search import Layers, best_from, borrow, edge_rows, loopless, seg_argmin

__all__ = ["Backward", "path_cost", "yen"]


def path_cost(cost: np.ndarray, nodes: list[tuple[int, int]]) -> float:
    """Sum of the edge costs of a path given as [(source, -1), (node, edge), ...]."""
    return float(sum(float(cost[e]) for _, e in nodes[1:]))


class Backward:
    """A backward hop-bounded search from the target people, kept for many lookups."""

    def __init__(self, q: Query, layers: int, blocked: np.ndarray) -> None:
        self.q = q
        with borrow(q.ix) as buf:
            self.lay = Layers(buf)
            allow = ~blocked
            ok = allow[q.end_people]
            F = q.end_people[ok]
            self.lay.dist[F] = q.end_cost[ok]
            for _ in range(layers):
                if not len(F):
                    break
                F = self.lay.relax(q.ix, q.costs.edge, F, allow)

    def value(self, v: np.ndarray, h: int) -> np.ndarray:
        """Best cost from each (unblocked) node of *v* to the target within *h* hops."""
        out = self.q.end_cost_of(v)
        found = np.zeros(len(v), dtype=bool)
        recs = self.lay.records
        for layer in range(min(h, len(recs)), 0, -1):
            ln, _, _, lv = recs[layer - 1]
            if not len(ln):
                continue
            pos = np.minimum(np.searchsorted(ln, v), len(ln) - 1)
            hit = (ln[pos] == v) & ~found
            out[hit] = lv[pos[hit]]
            found |= hit
        return out


def yen(q: Query, k: int, first: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """k best loopless paths (hop-bounded) by Yen's algorithm; paths as (node, edge) lists.

    Each spur search is first answered from one backward search that only
    avoids the sources (a relaxation: never worse than the exact answer); when
    its best spur path avoids the root path it is exact, else the spur is
    searched again with the root blocked.
    """
    ix = q.ix
    cost = q.costs.edge
    H = q.max_hops
    back = Backward(q, H - 1, q.blocked)

    def total(p: list[tuple[int, int]]) -> float:
        return path_cost(cost, p) + float(q.end_cost_of(np.array([p[-1][0]]))[0])

    def push(path: list[tuple[int, int]]) -> None:
        path = loopless(path)
        key = tuple(v for v, _ in path)
        if key not in keys:
            keys.add(key)
            heapq.heappush(heap, (total(path), key, path))

    A = [first]
    keys = {tuple(v for v, _ in first)}
    heap: list[tuple[float, tuple[int, ...], list[tuple[int, int]]]] = []
    while len(A) < k:
        prev = A[-1]
        pv = [v for v, _ in prev]
        # spur at the virtual root: another source (exact: only sources are blocked)
        banned = {p[0][0] for p in A}
        cand_src = np.array([s for s in q.sources if s not in banned], dtype=np.int64)
        if len(cand_src):
            e, lens = edge_rows(ix, cand_src)
            nb = ix.indices[e].astype(np.int64)
            ok = ~q.blocked[nb]
            val = np.where(ok, cost[e] + back.value(nb, H - 1), np.inf)
            mins, pos = seg_argmin(val, lens)
            R = q.end_cost_of(cand_src)
            go = mins < R
            R = np.where(go, mins, R)
            if np.isfinite(R).any():
                i = int(np.lexsort((cand_src, R))[0])
                s0 = int(cand_src[i])
                if go[i]:
                    m = int(nb[pos[i]])
                    push([(s0, -1), (m, int(e[pos[i]])), *back.lay.walk(m, H - 1)])
                else:
                    push([(s0, -1)])
        for i in range(len(prev)):
            root = prev[:i + 1]
            rv = pv[:i + 1]
            x = pv[i]
            same = [p for p in A if [v for v, _ in p[:i + 1]] == rv]
            banned_next = {p[i + 1][0] for p in same if len(p) > i + 1}
            end_cost = float(q.end_cost_of(np.array([x]))[0])
            can_end = not any(len(p) == i + 1 for p in same) and math.isfinite(end_cost)
            budget = H - i
            blocked = q.blocked.copy()
            blocked[rv] = True
            rc = path_cost(cost, root)
            best: tuple[float, list[tuple[int, int]]] | None = None
            if can_end:
                best = (rc + end_cost, list(root))
            if budget >= 1:
                lo, hi = int(ix.indptr[x]), int(ix.indptr[x + 1])
                nb = ix.indices[lo:hi].astype(np.int64)
                e = np.arange(lo, hi, dtype=np.int64)
                ok = ~blocked[nb]
                if banned_next:
                    ok &= ~np.isin(nb, list(banned_next))
                nb, e = nb[ok], e[ok]
                if len(nb):
                    # one candidate per neighbour: its cheapest edge
                    c = cost[e].astype(np.float64)
                    order = np.lexsort((c, nb))
                    nb, e, c = nb[order], e[order], c[order]
                    f = np.r_[True, nb[1:] != nb[:-1]]
                    nb, e, c = nb[f], e[f], c[f]
                    val = rc + c + back.value(nb, budget - 1)
                    spur = None
                    if np.isfinite(val).any():
                        j = int(np.lexsort((nb, val))[0])
                        tail = back.lay.walk(int(nb[j]), budget - 1)
                        if not any(blocked[v] for v, _ in tail):  # relaxed answer is exact
                            spur = (float(val[j]), [(int(nb[j]), int(e[j])), *tail])
                        else:
                            t = best_from(q, nb, budget - 1, blocked)
                            val = rc + c + t.best_cost
                            if np.isfinite(val).any():
                                j = int(np.lexsort((nb, val))[0])
                                spur = (float(val[j]), [(int(nb[j]), int(e[j])),
                                                        *t.tail(nb, j)])
                    if spur is not None and (best is None or spur[0] < best[0]):
                        best = (spur[0], [*root, *spur[1]])
            if best is not None:
                push(best[1])
        if not heap:
            break
        A.append(heapq.heappop(heap)[2])
    return A

