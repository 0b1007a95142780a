"""Benchmark the notebook views: size and time of ``net.show`` and the rich reprs, and
the ping list's calendar export.

Run:  .venv/bin/python benchmarks/bench_notebook.py

Prints, for the sample team (``netgraph.sample``, invented people): the bytes and the
time of ``net.show(paths=...)``'s notebook output (the default path view) and of
``net.show()`` without paths, the time of ``WarmPaths``/``Network``/ping-list
``_repr_html_``, and the time to write a ping calendar of 20 and of 5,000 pings
(first export, then the re-export that reads the file back and updates it).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import netgraph as ng
from netgraph.sample import OWNERS, SAMPLE_END, TARGET_COMPANY, write_sample_data
from netgraph.views.pinglist import write_ics


def best_of(fn, n=3):
    times = []
    out = None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-notebook-"))
    write_sample_data(tmp / "sample")
    net = ng.Network()
    for folder, owner in OWNERS.items():
        net.import_linkedin(tmp / "sample" / folder, owner=owner)
        net.import_interactions(tmp / "sample" / folder / "interactions.csv", owner=owner)
    net.import_affiliations(tmp / "sample" / "affiliations.csv")
    paths = net.warm_paths(TARGET_COMPANY, at=SAMPLE_END)
    _ = net.graph
    print(f"sample team: {net!r}")

    t, out = best_of(lambda: net.show(paths=paths)._repr_html_())
    print(f"net.show(paths=paths) output: {len(out.encode()) / 1e6:.2f} MB in {t:.2f} s")
    t, out = best_of(lambda: net.show()._repr_html_())
    print(f"net.show() output (no paths): {len(out.encode()) / 1e6:.2f} MB in {t:.2f} s")
    t, out = best_of(paths._repr_html_)
    print(f"paths._repr_html_(): {len(out) / 1e3:.1f} kB in {t * 1e3:.1f} ms")
    t, out = best_of(net._repr_html_)
    print(f"net._repr_html_(): {len(out) / 1e3:.1f} kB in {t * 1e3:.1f} ms")
    ping = net.ping_list(at=SAMPLE_END, n=None)
    t, out = best_of(ping._repr_html_)
    print(f"ping list ({len(ping)} rows) _repr_html_(): {len(out) / 1e3:.1f} kB "
          f"in {t * 1e3:.1f} ms")

    for n in (20, 5000):
        rng = np.random.default_rng(0)
        frame = pd.DataFrame({
            "person_id": [f"in:p{i}" for i in range(n)],
            "person": [f"Person {i}" for i in range(n)],
            "due": pd.Timestamp("2026-11-01", tz="UTC")
            + pd.to_timedelta(rng.integers(0, 120, n), unit="D"),
            "reason": "overdue by 3 months for a monthly cadence",
            "strength": rng.random(n), "tier": "developing", "owner": "in:me"})
        path = tmp / f"ping{n}.ics"
        t = time.perf_counter()
        write_ics(frame, path)
        first = time.perf_counter() - t
        t = time.perf_counter()
        res = write_ics(frame, path)
        again = time.perf_counter() - t
        print(f"to_ics, {n:,} pings: first export {first:.2f} s, re-export {again:.2f} s "
              f"({res.unchanged:,} unchanged), {path.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
