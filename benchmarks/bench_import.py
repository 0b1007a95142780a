"""Import speed (issue: foundation).

Prints, for generated LinkedIn exports:
- one 30,000-row Connections.csv (LinkedIn's cap) imported into a Network, graph included
  (target <= 1 s);
- 100 exports of 10,000 rows each pooled into one Network with ``Network.import_team``
  (target <= 20 s); for comparison, the first exports imported one by one.

Run: .venv/bin/python benchmarks/bench_import.py [--owners 100] [--rows 10000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import netgraph as ng
from netgraph import sample


def bench_single(tmp: Path, repeats: int = 5) -> None:
    path = sample.write_connections_csv(tmp / "big" / "Connections.csv", n=30_000, seed=1)
    read, imp, graph = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ng.read_linkedin_connections(path)
        t1 = time.perf_counter()
        net = ng.Network()
        net.import_linkedin(path, owner="Bench Owner")
        t2 = time.perf_counter()
        G = net.graph
        t3 = time.perf_counter()
        read.append(t1 - t0)
        imp.append(t2 - t1)
        graph.append(t3 - t2)
    total = [a + b for a, b in zip(imp, graph, strict=True)]
    print(f"30,000-row Connections.csv: read {statistics.median(read):.3f} s, "
          f"import {statistics.median(imp):.3f} s, graph {statistics.median(graph):.3f} s, "
          f"import + graph {statistics.median(total):.3f} s (median of {repeats}; target <= 1 s); "
          f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")


def bench_pooled(tmp: Path, owners: int, rows: int, seq: int) -> None:
    t0 = time.perf_counter()
    paths = sample.write_pooled_exports(tmp / "pool", n_owners=owners, n_rows=rows, seed=2)
    t1 = time.perf_counter()
    net = ng.Network()
    net.import_team({f"Owner {i:03d}": p for i, p in enumerate(paths)})
    t2 = time.perf_counter()
    index = net._index()
    t3 = time.perf_counter()
    print(f"pooling {owners} exports x {rows:,} rows with import_team: generate {t1 - t0:.1f} s, "
          f"import {t2 - t1:.2f} s (target <= 20 s), then strengths + path index "
          f"{t3 - t2:.2f} s; {len(net.people):,} people, {len(net.ties):,} ties, "
          f"{index.n_ties:,} indexed")
    n_seq = min(owners, seq)
    if n_seq:
        one = ng.Network()
        t4 = time.perf_counter()
        for i, p in enumerate(paths[:n_seq]):
            one.import_linkedin(p, owner=f"Owner {i:03d}")
        t5 = time.perf_counter()
        print(f"  for comparison, the first {n_seq} exports one by one with import_linkedin: "
              f"{t5 - t4:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--owners", type=int, default=100)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--sequential", type=int, default=20,
                    help="also import this many exports one by one, for comparison")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench_single(Path(d))
        bench_pooled(Path(d), args.owners, args.rows, args.sequential)


if __name__ == "__main__":
    main()
