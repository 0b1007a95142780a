"""Speed of the ping list for one owner with many ties (prints numbers; not a test).

The ping list's own computation (:func:`netgraph.ping.ping_list`: tiers, due dates, the
stakes of target paths and open asks, reasons in words) for an owner with 30,000 ties
and 300,000 interactions, scored once with the forecast columns; then the same with 25
people on target paths and 200 open asks. Scoring is measured by ``bench_strength.py``.

Run: ``.venv/bin/python benchmarks/bench_ping.py [--ties N] [--interactions N]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.ping import ping_list
from netgraph.scoring import prepare, score


def network(n_ties: int, n_inter: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    ids = ["in:owner", *(f"in:p{i:06d}" for i in range(n_ties))]
    ties = schema.conform(pd.DataFrame({"a": "in:owner", "b": ids[1:],
                                        "since": "2020-01-01"}), "ties", ids)
    who = rng.integers(1, n_ties + 1, n_inter)
    days = rng.uniform(0, 5 * 365, n_inter)
    inter = schema.conform(pd.DataFrame({
        "person_id": np.asarray(ids, dtype=object)[who], "other_id": "in:owner",
        "timestamp": pd.Timestamp("2021-11-29", tz="UTC") + pd.to_timedelta(days, unit="D"),
        "channel": rng.choice(["meeting", "call", "message", "email"], n_inter),
        "direction": rng.choice(["in", "out", ""], n_inter)}), "interactions", ids)
    return ids, ties, inter


def stakes(ids: list[str], at: pd.Timestamp, n_paths: int = 25, n_asks: int = 200):
    rng = np.random.default_rng(1)
    on_path = rng.choice(ids[1:], n_paths, replace=False)
    targets = pd.DataFrame({"owner": "in:owner", "person_id": on_path, "target": "Acme",
                            "probability": rng.uniform(0.05, 0.9, n_paths),
                            "stake": rng.uniform(0.1, 1.0, n_paths), "first": True,
                            "inside": False, "current": False})
    asked = rng.choice(ids[1:], n_asks, replace=False)
    status = rng.choice(["asked", "introduced", "met", "referred"], n_asks)
    when = at - pd.to_timedelta(rng.uniform(1, 60, n_asks), unit="D")
    asks = schema.conform(pd.DataFrame({
        "ask_id": np.arange(1, n_asks + 1), "owner_id": "in:owner", "introducer_id": asked,
        "introducer": asked, "target": "Acme", "target_id": "acme", "target_kind": "company",
        "person_id": np.where(status == "asked", "", asked[::-1]), "status": status,
        "asked_on": when, "updated_on": when + pd.Timedelta(days=1)}), "asks", ids)
    return targets, asks


def timed(fn, repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ties", type=int, default=30_000)
    ap.add_argument("--interactions", type=int, default=300_000)
    args = ap.parse_args()
    at = pd.Timestamp("2026-11-29", tz="UTC")
    ids, ties, inter = network(args.ties, args.interactions)
    t = time.perf_counter()
    s = score(prepare(ties, inter), at=at, forecast=True)
    print(f"score with forecast, {args.ties:,} ties / {args.interactions:,} interactions: "
          f"{time.perf_counter() - t:.2f} s")
    targets, asks = stakes(ids, at)
    first, med = timed(lambda: ping_list(s, owner="in:owner", at=at, n=20))
    print(f"ping_list, no targets or asks: first {first * 1000:.0f} ms, median {med * 1000:.0f} ms")
    first, med = timed(lambda: ping_list(s, owner="in:owner", at=at, n=20, targets=targets,
                                         asks=asks))
    print(f"ping_list, 25 people on target paths, 200 open asks: first {first * 1000:.0f} ms, "
          f"median {med * 1000:.0f} ms")


if __name__ == "__main__":
    main()
