"""Engines side by side: score every tie at a date from a Parquet interaction log.

Generates a synthetic log as Parquet in chunks (numpy + pyarrow; never the whole log in
pandas): ``n`` interactions over ``n / 10`` ties among ``n / 10`` people, 5 years, the
canonical interactions columns. Then, each in a fresh process (its peak RSS measured),
``prepare`` + ``score`` of every tie at one date with the engines asked for, and the
pandas engine's bytes per interaction. ``--check`` compares every engine's evidence and
scores with pandas (1e-9) instead of timing.

Usage::

    python benchmarks/bench_engines.py --n 10000000 --engines duckdb,pandas,spark --repeat 3
    python benchmarks/bench_engines.py --n 100000000 --engines duckdb --memory-limit 4GB
    python benchmarks/bench_engines.py --n 1000000 --check
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

AT = "2026-01-01"
CHANNELS = ["meeting", "call", "message", "email", "linkedin"]


def generate(folder: Path, n: int, seed: int = 0, chunk: int = 5_000_000) -> Path:
    """Write ``n`` interactions as Parquet files under *folder* (skipped if present)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = folder / f"log_{n}"
    if (out / "_done").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    n_ties = max(n // 10, 10)
    rng = np.random.default_rng(seed)
    # tie k joins people lo[k] < hi[k]
    lo = rng.integers(0, n_ties - 1, n_ties)
    hi = np.minimum(lo + 1 + rng.integers(0, 50, n_ties), n_ties - 1)
    hi = np.where(hi == lo, lo + 1, hi)
    np.save(out / "ties.npy", np.stack([lo, hi]))
    ids = np.char.add("in:p", np.char.zfill(np.arange(n_ties).astype(str), 8))
    end = np.datetime64("2026-01-01T00:00:00", "us").astype("int64")
    span = int(5 * 365.25 * 86_400 * 1_000_000)
    for i, start in enumerate(range(0, n, chunk)):
        m = min(chunk, n - start)
        k = np.minimum((rng.pareto(1.2, m) * n_ties / 20).astype("int64"), n_ties - 1)
        k = rng.permutation(n_ties)[k] if i == 0 else k
        flip = rng.random(m) < 0.5
        p = np.where(flip, lo[k], hi[k])
        o = np.where(flip, hi[k], lo[k])
        ts = end - rng.integers(0, span, m)
        ch = rng.choice(5, m, p=[0.12, 0.10, 0.40, 0.30, 0.08])
        d = rng.choice(np.array(["out", "in", ""], dtype=object), m, p=[0.45, 0.45, 0.10])
        part = np.where(rng.random(m) < 0.05, rng.integers(3, 50, m), 2)
        table = pa.table({
            "person_id": pa.array(ids[p]), "other_id": pa.array(ids[o]),
            "timestamp": pa.array(ts.astype("datetime64[us]"), pa.timestamp("us", "UTC")),
            "channel": pa.DictionaryArray.from_arrays(ch.astype("int32"), CHANNELS),
            "direction": pa.array(d, pa.string()), "participants": pa.array(part)})
        pq.write_table(table, out / f"part_{i:04d}.parquet")
        del table, p, o, ts, ch, d, part, k
    (out / "_done").write_text("ok")
    return out


def _tables(folder: Path):
    import pandas as pd

    lo, hi = np.load(folder / "ties.npy")
    n = len(lo)
    ids = pd.Index(np.char.add("in:p", np.char.zfill(np.arange(n).astype(str), 8)),
                   dtype=object)
    dtype = pd.CategoricalDtype(ids)
    ties = pd.DataFrame({"a": pd.Categorical.from_codes(lo, dtype=dtype),
                         "b": pd.Categorical.from_codes(hi, dtype=dtype),
                         "since": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns, UTC]")})
    return pd.DataFrame({"person_id": ids}), ties


def _read_pandas(folder: Path):
    """The log as the canonical interactions table, read file by file."""
    import pandas as pd
    import pyarrow.parquet as pq

    from netgraph.data.schema import CHANNELS as ALL

    ids = _tables(folder)[0]["person_id"]
    dtype = pd.CategoricalDtype(pd.Index(ids))
    parts = []
    for f in sorted(folder.glob("part_*.parquet")):
        df = pq.read_table(f).to_pandas()
        df["person_id"] = pd.Categorical(df["person_id"], dtype=dtype)
        df["other_id"] = pd.Categorical(df["other_id"], dtype=dtype)
        df["channel"] = pd.Categorical(df["channel"].astype(str), categories=list(ALL))
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


def run_one(engine: str, folder: Path, memory_limit: str | None, what: str) -> dict:
    """One measurement in this process: prepare and score every tie (or the check)."""
    from netgraph.scoring import StrengthModel

    people, ties = _tables(folder)
    t0 = time.perf_counter()
    stages: dict[str, float] = {}
    if engine == "duckdb":
        from netgraph.engines.duckdb import DuckDBEngine

        eng = DuckDBEngine(memory_limit=memory_limit,
                           temp_directory=str(folder.parent / "duckdb_tmp"))
        state = eng.prepare(people, ties, str(folder / "part_*.parquet"))
    elif engine == "spark":
        from netgraph.engines.spark import SparkEngine, local_session

        session = local_session("local[2]", shuffle_partitions=8, driver_memory="6g")
        stages["session"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        eng = SparkEngine(spark=session)
        state = eng.prepare(people, ties, str(folder / "part_*.parquet"))
    else:
        from netgraph.engines.pandas import PandasEngine

        inter = _read_pandas(folder)
        stages["read"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        eng = PandasEngine()
        state = eng.prepare(people, ties, inter)
        del inter
    stages["prepare"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    if what == "check":
        ev = eng.tie_evidence(state, None, AT)
        sc = eng.score(state, StrengthModel(), AT)
        out = {"evidence": ev, "score": sc.drop(columns=["a", "b", "tier"])}
        import pickle

        with open(folder.parent / f"check_{engine}.pkl", "wb") as fh:
            pickle.dump(out, fh)
    else:
        eng.score(state, StrengthModel(), AT)
    stages["score"] = time.perf_counter() - t1
    if what != "check":   # the contract's per-tie evidence: one GROUP BY, no window
        t1 = time.perf_counter()
        eng.tie_evidence(state, None, AT)
        stages["evidence"] = time.perf_counter() - t1
    ru = resource.getrusage(resource.RUSAGE_SELF)
    peak = ru.ru_maxrss / 1024**2  # GB (kB units)
    cpu = ru.ru_utime + ru.ru_stime   # the whole process (the JVM's is not in it)
    n_events = state.n_events
    return {"engine": engine, "stages": stages,
            "total": sum(v for k, v in stages.items() if k != "evidence"),
            "peak_gb": peak, "cpu": cpu, "n_events": int(n_events)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--engines", default="duckdb,pandas,spark")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--memory-limit", default=None)
    ap.add_argument("--data", default="/tmp/netgraph_bench_engines")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    folder = Path(args.data)
    if args.one:   # the child process
        res = run_one(args.one, folder / f"log_{args.n}", args.memory_limit,
                      "check" if args.check else "time")
        print(json.dumps(res))
        return 0
    t0 = time.perf_counter()
    data = generate(folder, args.n)
    size = sum(f.stat().st_size for f in data.glob("*.parquet")) / 1e9
    print(f"{args.n:,} interactions, {args.n // 10:,} ties: {size:.2f} GB of Parquet "
          f"(generated or found in {time.perf_counter() - t0:.0f} s)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    results = {}
    for engine in args.engines.split(","):
        runs = []
        for _ in range(1 if args.check else args.repeat):
            cmd = [sys.executable, __file__, "--n", str(args.n), "--data", str(folder),
                   "--one", engine] + (["--check"] if args.check else []) + (
                ["--memory-limit", args.memory_limit] if args.memory_limit else [])
            out = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if out.returncode:
                print(f"{engine}: failed\n{out.stderr[-2000:]}")
                break
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        if not runs:
            continue
        results[engine] = runs
        tot = statistics.median(r["total"] for r in runs)
        peak = max(r["peak_gb"] for r in runs)
        st = {k: round(statistics.median(r["stages"][k] for r in runs), 1)
              for k in runs[0]["stages"]}
        per = peak * 1024**3 / max(runs[0]["n_events"], 1)
        cpu = statistics.median(r.get("cpu", float("nan")) for r in runs)
        print(f"{engine:7s} median of {len(runs)}: {tot:6.1f} s (process CPU {cpu:.0f} s)  "
              f"peak {peak:5.2f} GB "
              f"({per:.0f} bytes/interaction)  stages {st}  "
              f"{runs[0]['n_events']:,} interactions scored")
    if args.check:

        import pandas as pd

        ref = pd.read_pickle(folder / "check_pandas.pkl")
        for engine in results:
            got = pd.read_pickle(folder / f"check_{engine}.pkl")
            for part in ("evidence", "score"):
                pd.testing.assert_frame_equal(got[part], ref[part], rtol=1e-9, atol=1e-12)
            print(f"{engine}: evidence and scores equal pandas's to 1e-9 "
                  f"({len(ref['score']):,} ties)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
