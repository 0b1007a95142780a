"""Benchmark the role filter ("whom at the target") on a pooled network.

Usage::

    .venv/bin/python benchmarks/bench_roles.py                  # 330k people, 3.6M ties
    .venv/bin/python benchmarks/bench_roles.py --people 30000 --ties 360000

Prints, for a network from :func:`netgraph.sample.pooled_tables` (its titles
are drawn from a few dozen; a second pass gives every link its own title, the
worst case for the regular expressions):

* the first role query on an index (the role mask over every person-company
  link, matched once per distinct title, then kept in the index's memo);
* ``warm_paths(..., role="recruiter")`` k=5 once the mask is kept, against
  the same query without a role;
* ``people_at`` of the largest company, with and without a role;
* ``role_family`` over every link's title.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from netgraph.routing import company_links, people_at, warm_paths
from netgraph.routing.index import PathIndex
from netgraph.routing.resolve import resolve_role
from netgraph.routing.roles import role_family
from netgraph.sample import pooled_tables

AT = pd.Timestamp("2025-01-01", tz="UTC")


def timed(fn, *a, **kw):
    t = time.perf_counter()
    out = fn(*a, **kw)
    return time.perf_counter() - t, out


def best_of(n: int, fn, *a, **kw) -> float:
    return min(timed(fn, *a, **kw)[0] for _ in range(n))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=330_000)
    ap.add_argument("--ties", type=int, default=3_600_000)
    args = ap.parse_args()
    tabs = pooled_tables(args.people, args.ties, seed=0, owners=(min(30_000, args.people // 10),))
    links = company_links(tabs["affiliations"], at=AT)
    rng = np.random.default_rng(0)
    strength = rng.beta(2, 5, len(tabs["ties"]))
    for label, lk in (("titles as generated", links),
                      ("every title distinct", links.assign(
                          title=links["title"].astype(str) + " " + pd.Series(
                              np.arange(len(links)).astype(str), index=links.index)))):
        ix = PathIndex.build(tabs["people"], tabs["companies"], tabs["ties"], strength, lk,
                             at=AT)
        big = int(np.argmax(np.diff(ix.emp_indptr)))
        company = str(ix.companies["company_id"].iat[big])
        n_titles = lk["title"].nunique()
        print(f"{args.people:,} people, {len(tabs['ties']):,} ties, {len(lk):,} links, "
              f"{n_titles:,} distinct titles ({label})")
        t_mask, _ = timed(resolve_role, ix, "recruiter")
        print(f"  first role query: role mask over every link   {t_mask * 1e3:9.1f} ms")
        t_plain = best_of(3, warm_paths, ix, company, k=5)
        t_role = best_of(3, warm_paths, ix, company, k=5, role="recruiter")
        print(f"  warm_paths k=5, no role / role='recruiter'    {t_plain * 1e3:9.1f} / "
              f"{t_role * 1e3:.1f} ms")
        t_pa = best_of(3, people_at, ix, company)
        t_par = best_of(3, people_at, ix, company, role="recruiter")
        print(f"  people_at (largest company, {np.diff(ix.emp_indptr)[big]:,} people), "
              f"no role / role  {t_pa * 1e3:.1f} / {t_par * 1e3:.1f} ms")
        t_fam, _ = timed(role_family, lk["title"])
        print(f"  role_family over every link's title            {t_fam * 1e3:9.1f} ms")


if __name__ == "__main__":
    main()
