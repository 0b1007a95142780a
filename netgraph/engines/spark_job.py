"""A ``spark-submit`` job: per-tie evidence (and strengths) of a big log, written to Parquet.

The cluster recipe: the interactions (``person_id, other_id, timestamp, channel,
direction, participants``) are Parquet on storage the cluster reads; the people and ties
are a netgraph workspace (small: ``netgraph import ...`` on one machine). The job
aggregates the interactions per tie on the cluster with :class:`~netgraph.engines.spark.
SparkEngine` and writes one row per tie, which netgraph (or pandas) loads on one machine::

    spark-submit --master yarn --py-files netgraph.zip \\
        -m netgraph.engines.spark_job \\
        --workspace team.db --interactions s3a://bucket/logs/ \\
        --at 2026-11-30 --out strengths.parquet

    # (or: spark-submit .../netgraph/engines/spark_job.py --workspace ...)

Then, on one machine::

    import pandas as pd
    strengths = pd.read_parquet("strengths.parquet")   # a, b, strength, tier, evidence ...

``--what evidence`` writes the per-tie evidence of the engines' contract instead (the
input of the strength formula); ``--what both`` writes both (``<out>`` and
``<out-stem>_evidence.parquet``). The per-tie result is about a tenth of the log; the path
index handles millions of ties on one machine, so paths do not need the cluster.

Examples
--------
>>> from netgraph.engines.spark_job import parse_args
>>> parse_args(["--workspace", "team.db", "--interactions", "logs/", "--out", "s.parquet"]).what
'strengths'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main", "parse_args"]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The job's command line."""
    ap = argparse.ArgumentParser(prog="spark_job", description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", required=True, help="netgraph workspace (people, ties)")
    ap.add_argument("--interactions", required=True,
                    help="Parquet file, folder or glob (any URI the cluster reads)")
    ap.add_argument("--at", default=None, help="evaluation date (default: now, UTC)")
    ap.add_argument("--out", required=True, help="Parquet file to write (local path)")
    ap.add_argument("--what", choices=("strengths", "evidence", "both"), default="strengths")
    ap.add_argument("--master", default=None,
                    help="only without spark-submit: e.g. local[4] (default: the session's)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job; 0 on success."""
    args = parse_args(argv)
    import pandas as pd

    from netgraph.engines.spark import SparkEngine, local_session
    from netgraph.network import Network

    if args.master:
        spark = local_session(args.master)
    else:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("netgraph").getOrCreate()
    net = Network.load(args.workspace)
    t = net.tables
    engine = SparkEngine(spark=spark)
    state = engine.prepare(t.people, t.ties, args.interactions, t.affiliations, t.overrides)
    at = pd.Timestamp.now(tz="UTC") if args.at is None else args.at
    out = Path(args.out)
    if args.what in ("strengths", "both"):
        frame = engine.score(state, net.model, at)
        frame.assign(a=frame["a"].astype(str), b=frame["b"].astype(str),
                     tier=frame["tier"].astype(str)).to_parquet(out)
    if args.what in ("evidence", "both"):
        ev = engine.tie_evidence(state, net.model, at)
        ties = t.ties
        ev.insert(0, "b", ties["b"].astype(str).to_numpy())
        ev.insert(0, "a", ties["a"].astype(str).to_numpy())
        target = out if args.what == "evidence" else out.with_name(f"{out.stem}_evidence.parquet")
        ev.to_parquet(target)
    print(f"{state.n_events:,} interactions over {len(t.ties):,} ties -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
