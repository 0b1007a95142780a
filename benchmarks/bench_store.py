"""Concurrent writes to one workspace: N processes each log M interactions through
``Network.edit`` (the same path every writing CLI command takes); count what landed.

Usage: .venv/bin/python benchmarks/bench_store.py [--writers 4] [--each 250]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

import pandas as pd

import netgraph as ng


def _writer(args: tuple[str, int, int]) -> int:
    path, who, n = args
    for i in range(n):
        with ng.Network.edit(path, timeout=3600) as net:
            net.log_interaction("Grace Hopper", when=pd.Timestamp("2026-01-01", tz="UTC")
                                + pd.Timedelta(minutes=who * 10_000 + i), note=f"{who}-{i}")
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--each", type=int, default=250)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ws.db"
        with ng.Network.edit(path, create=True) as net:
            net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        t0 = time.perf_counter()
        with mp.get_context("fork").Pool(a.writers) as pool:
            said = sum(pool.map(_writer, [(str(path), w, a.each) for w in range(a.writers)]))
        took = time.perf_counter() - t0
        notes = set(ng.Network.load(path).interactions["note"])
        want = {f"{w}-{i}" for w in range(a.writers) for i in range(a.each)}
        litter = [p.name for p in Path(d).iterdir() if p.name != "ws.db"]
    print(f"concurrent writes: {a.writers} processes x {a.each} = {said} writes in {took:.1f} s "
          f"({took / said * 1000:.0f} ms each, serialised); landed {len(notes & want)}, "
          f"lost {len(want - notes)}; litter left: {litter or 'none'}")


if __name__ == "__main__":
    main()
