"""Speed of fitting the strength model at scale (prints numbers; not a test).

Fits ``StrengthModel`` to 10,000,000 interactions among 1,000,000 pairs (issue 9:
``fit_strength`` <= 60 s and <= 4 GB peak), the same generated data as
``bench_strength.py`` (``netgraph.sample.interactions_table``: heavy-tailed contacts
per pair over 5 years). Measured separately: ``prepare`` (done once per version of the
tables and cached by the Network, so ``net.fit_strength()`` usually starts from it) and
the fit itself (cut dates, per-tie evidence at each cut, labels, L-BFGS-B twice).

Run: ``.venv/bin/python benchmarks/bench_fit.py [--interactions N] [--pairs N]``
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_strength import load, ties_for

from netgraph.sample import interactions_table
from netgraph.scoring import prepare
from netgraph.scoring.fit import fit_prepared


def rss_gb() -> float:
    """Peak resident memory of this process so far (GB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--interactions", type=int, default=10_000_000)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--horizon", default="90D")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    inter = interactions_table(args.interactions, args.pairs, years=5, seed=0)
    ties = ties_for(inter)
    print(f"data: {len(inter):,} interactions, {len(ties):,} ties; generated in "
          f"{time.perf_counter() - t0:.1f} s; process peak so far {rss_gb():.2f} GB")
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    prep = prepare(ties, inter)
    t_prep, c_prep = time.perf_counter() - t0, time.process_time() - c0
    del inter
    gc.collect()
    base_rss = rss_gb()
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    report = fit_prepared(prep, horizon=args.horizon)
    t_fit, c_fit = time.perf_counter() - t0, time.process_time() - c0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nwall time (process CPU time; other jobs share this machine: {load()})")
    print(f"prepare:                      {t_prep:6.1f} s (cpu {c_prep:.1f} s)")
    print(f"fit ({report.n_cuts} cuts, {report.n_samples:,} samples): {t_fit:6.1f} s "
          f"(cpu {c_fit:.1f} s)  <- net.fit_strength() once prepared (target <= 60 s)")
    print(f"prepare + fit:                {t_prep + t_fit:6.1f} s")
    print(f"\npeak memory allocated by the fit: {peak / 1e9:.2f} GB; process peak RSS "
          f"{rss_gb():.2f} GB (before the fit {base_rss:.2f} GB, including the generated "
          f"tables) (target <= 4 GB)")
    print()
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
