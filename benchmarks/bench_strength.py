"""Speed of relationship-strength scoring at scale (prints numbers; not a test).

Scores 10,000,000 interactions among 1,000,000 pairs (issue 4: ``net.strengths()`` <= 1 s
and <= 3 GB peak memory), with the two stages measured separately:

* ``prepare``: tables -> packed, sorted int64 keys (done once per version of the
  tables and cached by the Network),
* ``score``: every tie's strength at a date from the prepared arrays (what
  ``net.strengths(at)`` costs once prepared; first call and warm median),

plus ``strength_history`` for one pair over 5 years weekly (<= 50 ms), ``pair_strength``
for one pair, and the forecast columns the ping list needs for one owner's ties.

Data: ``netgraph.sample.interactions_table`` (heavy-tailed contacts per pair over 5
years), ties for its pairs, and optionally two job stints per person at 20,000
employers.

Run: ``.venv/bin/python benchmarks/bench_strength.py [--interactions N] [--pairs N]``
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.sample import interactions_table
from netgraph.scoring import StrengthModel, pair_strength, prepare, score, strength_history


def ties_for(inter: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    """One tie per distinct unordered pair of *inter* (a < b as text), with a since date."""
    pdt = inter["person_id"].dtype
    ids = pdt.categories
    p = inter["person_id"].cat.codes.to_numpy().astype("int64")
    o = inter["other_id"].cat.codes.to_numpy().astype("int64")
    n = len(ids)
    key = np.unique(np.minimum(p, o) * n + np.maximum(p, o))
    lo, hi = key // n, key % n
    text_lo = ids.to_numpy()[lo] < ids.to_numpy()[hi]
    a = np.where(text_lo, lo, hi)
    b = np.where(text_lo, hi, lo)
    rng = np.random.default_rng(seed)
    since = pd.to_datetime(rng.integers(1.2e9, 1.75e9, len(a)), unit="s", utc=True)
    return pd.DataFrame({
        "a": pd.Categorical.from_codes(a, dtype=pdt),
        "b": pd.Categorical.from_codes(b, dtype=pdt),
        "since": since.as_unit("ns"),
        "source": "linkedin", "owner": ""})


def affiliations_for(ids: pd.Index, n_companies: int = 20_000, seed: int = 2) -> pd.DataFrame:
    """Two stints per person: a past one and a current one."""
    rng = np.random.default_rng(seed)
    n = len(ids)
    code = np.repeat(np.arange(n), 2)
    comp = rng.zipf(1.6, 2 * n) % n_companies
    start = rng.integers(1.0e9, 1.6e9, 2 * n)
    length = rng.integers(180, 3000, 2 * n) * 86_400
    current = np.tile([False, True], n)
    end = np.where(current, np.iinfo("int64").min, (start + length) * 10**9)
    pdt = schema.person_dtype(ids)
    return pd.DataFrame({
        "person_id": pd.Categorical.from_codes(code, dtype=pdt),
        "company_id": pd.Index([f"c{i}" for i in range(n_companies)])[comp].to_numpy(),
        "company": "", "title": "",
        "start": pd.to_datetime(start, unit="s", utc=True).as_unit("ns"),
        "end": pd.DatetimeIndex(end.view("M8[ns]")).tz_localize("UTC"),
        "current": current, "source": "bench"})


def load() -> str:
    """The 1-minute load average (2 cores here)."""
    try:
        import os

        return f"load average {os.getloadavg()[0]:.1f}"
    except OSError:
        return "load unknown"


def prepared_gb(prep) -> float:
    """Bytes held by a Prepared (its arrays)."""
    arrays = [prep.t, prep.row, prep.kind, prep.gap, prep.offsets, prep.n_channel,
              prep.n_direction, prep.a, prep.b, prep.since]
    return sum(a.nbytes for a in arrays) / 1e9


def rss_gb() -> float:
    """Peak resident memory of this process so far (GB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


_CPU: dict[float, float] = {}


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Median wall time of *repeat* calls (its CPU time is kept in ``_CPU[wall]``)."""
    times, cpus, out = [], [], None
    for _ in range(repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    wall = statistics.median(times)
    _CPU[wall] = statistics.median(cpus)
    return wall, out


def cpu(wall: float) -> str:
    return f"(cpu {_CPU.get(wall, float('nan')):.2f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--interactions", type=int, default=10_000_000)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--no-affiliations", action="store_true")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    inter = interactions_table(args.interactions, args.pairs, years=5, seed=0)
    ties = ties_for(inter)
    aff = None if args.no_affiliations else affiliations_for(inter["person_id"].cat.categories)
    t_gen = time.perf_counter() - t0
    at = inter["timestamp"].max()
    print(f"data: {len(inter):,} interactions, {len(ties):,} ties, "
          f"{len(inter['person_id'].cat.categories):,} people, "
          f"{0 if aff is None else len(aff):,} job stints; generated in {t_gen:.1f} s; "
          f"process peak so far {rss_gb():.2f} GB")
    model = StrengthModel()

    t_prep, prep = timed(lambda: prepare(ties, inter, aff))
    t_prep_i, _ = timed(lambda: prepare(ties, inter))
    t_first, out = timed(lambda: score(prep, model, at))
    t_warm, out = timed(lambda: score(prep, model, at), repeat=3)
    t_past, _ = timed(lambda: score(prep, model, at - pd.Timedelta(days=365)), repeat=3)
    print(f"\nwall time (process CPU time; other jobs share this machine: {load()})")
    print(f"prepare (interactions + ties + stints): {t_prep:6.2f} s {cpu(t_prep)}")
    print(f"prepare (interactions + ties only):     {t_prep_i:6.2f} s {cpu(t_prep_i)}")
    print(f"score, first call:                      {t_first:6.2f} s {cpu(t_first)}")
    print(f"score, warm (median of 3):              {t_warm:6.2f} s {cpu(t_warm)}  <- "
          f"net.strengths() once prepared (target <= 1 s)")
    print(f"score a year back (ignores later ones): {t_past:6.2f} s {cpu(t_past)}")
    print(f"tiers now: {out['tier'].value_counts().to_dict()}")

    # peak memory of the two stages, measured separately with tracemalloc
    del out
    gc.collect()
    tracemalloc.start()
    prep2 = prepare(ties, inter, aff)
    _, peak_prep = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    out = score(prep2, model, at)
    _, peak_score = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del prep2, out
    print(f"\npeak memory allocated by prepare:       {peak_prep / 1e9:6.2f} GB")
    print(f"peak memory allocated by score:         {peak_score / 1e9:6.2f} GB "
          f"(prepared arrays kept by the Network: {prepared_gb(prep):.2f} GB)")
    print(f"process peak RSS (including the 10M-row table itself): {rss_gb():.2f} GB "
          f"(target <= 3 GB)")

    # one pair: the busiest tie, and a typical one
    counts = np.diff(prep.offsets)
    busiest = int(np.argmax(counts))
    typical = int(np.flatnonzero(counts == int(np.median(counts)))[0])
    times = pd.date_range(at - pd.Timedelta(days=5 * 365), at, freq="W")
    print(f"\nstrength_history, 5 years weekly ({len(times)} points), median of 20:")
    for label, row in (("busiest tie", busiest), ("typical tie", typical)):
        t_h, _ = timed(lambda row=row: strength_history(prep, row, times=times, model=model),
                       repeat=20)
        t_p, _ = timed(lambda row=row: pair_strength(prep, row, at, model), repeat=20)
        print(f"  {label} ({counts[row]:,} contacts): history {t_h * 1e3:6.1f} ms "
              f"(target <= 50 ms); pair_strength {t_p * 1e3:5.2f} ms (target <= 5 ms)")
    # the ping list's forecast for one owner's ties
    rng = np.random.default_rng(3)
    mine = np.sort(rng.choice(prep.n_ties, 2_000, replace=False))
    t_f, _ = timed(lambda: score(prep, model, at, ties=mine, forecast=True), repeat=3)
    print(f"\nforecast columns (peak, next_tier_on, goes_cold_on) for 2,000 ties: "
          f"{t_f * 1e3:.0f} ms {cpu(t_f)}; {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
