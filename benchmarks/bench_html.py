"""Benchmark the HTML graph: write time in Python, time to first draw in Chromium.

Run:  .venv/bin/python benchmarks/bench_html.py [--no-browser] [--sizes 500,2000,10000]
                                               [--million 1000000 | --million 0]

Prints, for synthetic networks of 500 / 2,000 / 10,000 people (plus companies):
the time :func:`netgraph.views.html.write_html` takes with warm paths and the
default ``max_nodes=1500`` (the path-first page: the paths, and the wider network
behind its toggle) and with every node (``max_nodes=None``), and the file size.
Then the path-first page of a **1,000,000-person network** (the issue's target:
written <= 1 s, drawn <= 1 s): only the paths and the people around them are
read, so writing does not grow with the network.

With a Chromium (``/usr/bin/chromium`` or ``$NETGRAPH_CHROMIUM``), the time from
navigation to the first drawn frame: the 1M network's default path view, the
10,000-node full view (<= 5 s) and a 2,000-node view. The graphs follow
``net.graph``'s conventions and are generated here; no personal data is used.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret",
         "Dennis", "Radia", "Tim", "Sophie", "Linus", "Hedy", "John", "Katherine", "Niklaus",
         "Shafi", "Leslie", "Zoë", "José", "Ngozi", "Wei", "Aiko", "Søren", "Priya", "Olu"]
LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
        "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Wilson", "Torvalds", "Lamarr",
        "McCarthy", "Johnson", "Wirth", "Goldwasser", "Lamport", "Núñez", "Okafor", "Zhang",
        "Tanaka", "Kierkegaard", "Raman", "Adeyemi"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
             "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Aperture", "Black Mesa", "Vandelay",
             "Pied Piper", "Dunder Mifflin", "Massive Dynamic", "Oscorp", "Gringotts", "Monarch"]
TITLES = ["Engineer", "Senior Engineer", "Product Manager", "Designer", "Data Scientist",
          "Recruiter", "CTO", "Head of Sales", "Researcher", "Founder"]


def synthetic_graph(n_people: int, *, seed: int = 0, owner_share: float = 0.3,
                    n_companies: int | None = None) -> nx.Graph:
    """A network graph with ``n_people`` people, one owner and (default) n/25 companies.

    Follows ``net.graph``'s conventions: person nodes ``kind``, ``name``,
    ``company``, ``company_id``, ``title``, ``url``, ``is_owner``; company nodes
    ``company:<key>``; ``knows`` edges from the owner (``owner_share`` of people)
    and among people (mostly colleagues), ``works_at``/``worked_at`` edges; every
    edge has ``strength`` and ``cost`` plus evidence.
    """
    rng = np.random.default_rng(seed)
    n_comp = n_companies or max(4, n_people // 25)
    names = [COMPANIES[i % len(COMPANIES)] + ("" if i < len(COMPANIES) else f" {i // len(COMPANIES) + 1}")
             for i in range(n_comp)]
    keys = [n.casefold() for n in names]
    g = nx.Graph()
    g.add_nodes_from((f"company:{k}", {"kind": "company", "name": n, "company_id": k, "aliases": ""})
                     for k, n in zip(keys, names, strict=True))
    w = 1.0 / np.arange(1, n_comp + 1) ** 0.9
    comp = rng.choice(n_comp, size=n_people, p=w / w.sum())
    first = rng.integers(0, len(FIRST), n_people)
    last = rng.integers(0, len(LAST), n_people)
    title = rng.integers(0, len(TITLES), n_people)
    pid = [f"in:p{i}" for i in range(n_people)]
    g.add_node("in:owner", kind="person", name="Ada Lovelace", company="Analytical Engines",
               company_id="", title="Founder", url="https://www.linkedin.com/in/owner",
               email="", is_owner=True)
    g.add_nodes_from(
        (pid[i], {"kind": "person", "name": f"{FIRST[first[i]]} {LAST[last[i]]}",
                  "company": names[comp[i]], "company_id": keys[comp[i]],
                  "title": TITLES[title[i]], "url": f"https://www.linkedin.com/in/p{i}",
                  "email": "", "is_owner": False})
        for i in range(n_people))

    def s(k: int, a: float, b: float) -> np.ndarray:
        return np.clip(rng.beta(a, b, k), 0.01, 1.0)

    ws = s(n_people, 5, 2)
    g.add_edges_from((pid[i], f"company:{keys[comp[i]]}",
                      {"kind": "works_at", "strength": float(ws[i]), "cost": float(-np.log(ws[i])),
                       "title": TITLES[title[i]], "start": "2019-03-01", "source": "linkedin"})
                     for i in range(n_people))
    past = np.flatnonzero(rng.random(n_people) < 0.25)
    old = rng.integers(0, n_comp, len(past))
    wp = s(len(past), 2, 4)
    g.add_edges_from((pid[i], f"company:{keys[c]}",
                      {"kind": "worked_at", "strength": float(x), "cost": float(-np.log(x)),
                       "start": "2012-01-01", "end": "2018-06-30", "source": "linkedin"})
                     for i, c, x in zip(past, old, wp, strict=True) if c != comp[i])
    mine = np.flatnonzero(rng.random(n_people) < owner_share)
    wo = s(len(mine), 2, 3)
    days = rng.integers(0, 900, len(mine))
    g.add_edges_from(("in:owner", pid[i],
                      {"kind": "knows", "strength": float(x), "cost": float(-np.log(x)),
                       "since": "2016-05-01", "last_contact": str(np.datetime64("2025-06-01")
                                                                 - np.timedelta64(int(d), "D")),
                       "source": "linkedin", "owner": "in:owner", "n_interactions": int(d % 40)})
                     for i, x, d in zip(mine, wo, days, strict=True))
    m = 2 * n_people
    a = rng.integers(0, n_people, m)
    b = rng.integers(0, n_people, m)
    members = {c: np.flatnonzero(comp == c) for c in range(n_comp)}
    colleague = rng.random(m) < 0.75
    pick = rng.random(m)
    for k in np.flatnonzero(colleague):
        pool = members[comp[a[k]]]
        b[k] = pool[int(pick[k] * len(pool))]
    wt = s(m, 2, 4)
    g.add_edges_from((pid[x], pid[y],
                      {"kind": "knows", "strength": float(z), "cost": float(-np.log(z)),
                       "since": "2020-01-01", "source": "contacts"})
                     for x, y, z in zip(a, b, wt, strict=True) if x != y)
    return g


def demo_paths(g: nx.Graph, company: str, k: int = 3) -> list[list[str]]:
    """Up to ``k`` best owner-to-company paths by ``cost`` (people only in between)."""
    target = f"company:{company.casefold()}"
    keep = [v for v, d in g.nodes(data=True) if d["kind"] == "person" or v == target]
    sub = g.subgraph(keep)
    return list(itertools.islice(nx.shortest_simple_paths(sub, "in:owner", target, weight="cost"), k))


def cold_target(g: nx.Graph) -> str:
    """The biggest company none of whose people the owner knows directly (else the biggest)."""
    mine = set(g.adj["in:owner"])
    companies = sorted((v for v, d in g.nodes(data=True) if d["kind"] == "company"),
                       key=lambda c: (-g.degree(c), c))
    for c in companies:
        if not mine & set(g.adj[c]):
            return g.nodes[c]["name"]
    return g.nodes[companies[0]]["name"]


def million_graph(n_people: int = 1_000_000, *, seed: int = 0, n_owner_ties: int = 2_000):
    """A lean ``n_people`` network (one owner, n/25 companies, a job each, ``n_people``
    ties among colleagues and others, ``n_owner_ties`` owner ties) and five warm paths
    (:class:`~netgraph.routing.WarmPath` objects, as ``net.warm_paths`` gives them) into
    its biggest company. About 2 GB of memory and a minute to build."""
    from netgraph.routing.results import Hop, WarmPath

    rng = np.random.default_rng(seed)
    n_comp = max(4, n_people // 25)
    w = 1.0 / np.arange(1, n_comp + 1) ** 0.9
    comp = rng.choice(n_comp, size=n_people, p=w / w.sum())
    first = rng.integers(0, len(FIRST), n_people)
    last = rng.integers(0, len(LAST), n_people)
    g = nx.Graph()
    cname = [f"Company {c}" for c in range(n_comp)]
    g.add_nodes_from((f"company:c{c}", {"kind": "company", "name": cname[c],
                                        "company_id": f"c{c}"}) for c in range(n_comp))
    g.add_node("in:owner", kind="person", name="Ada Lovelace", is_owner=True)
    g.add_nodes_from((f"in:p{i}", {"kind": "person", "name": f"{FIRST[first[i]]} {LAST[last[i]]}",
                                   "company": cname[comp[i]], "company_id": f"c{comp[i]}"})
                     for i in range(n_people))
    st = np.round(rng.uniform(0.05, 0.99, 2 * n_people + n_owner_ties), 3)
    g.add_edges_from((f"in:p{i}", f"company:c{comp[i]}", {"kind": "works_at",
                                                          "strength": float(st[i])})
                     for i in range(n_people))
    a = rng.integers(0, n_people, n_people)
    b = rng.integers(0, n_people, n_people)
    g.add_edges_from((f"in:p{x}", f"in:p{y}", {"kind": "knows", "strength": float(z)})
                     for x, y, z in zip(a, b, st[n_people:2 * n_people], strict=True) if x != y)
    mine = rng.choice(n_people, n_owner_ties, replace=False)
    g.add_edges_from(("in:owner", f"in:p{i}", {"kind": "knows", "strength": float(z)})
                     for i, z in zip(mine, st[2 * n_people:], strict=True))
    inside = np.flatnonzero(comp == 0)[:5]
    paths = []
    for f, t in zip(mine[:5], inside, strict=True):
        u, v = f"in:p{f}", f"in:p{t}"
        g.add_edge(u, v, kind="knows", strength=0.6)
        s1, s3 = g.edges["in:owner", u]["strength"], g.edges[v, "company:c0"]["strength"]
        names = [g.nodes[x]["name"] for x in ("in:owner", u, v)]
        hops = [Hop(names[0], names[1], "in:owner", u, s1, "knows", "last contact 3 weeks ago"),
                Hop(names[1], names[2], u, v, 0.6, "knows", "worked together"),
                Hop(names[2], cname[0], v, "c0", s3, "works_at", "current Engineer")]
        paths.append(WarmPath(s1 * 0.6 * s3, names, ["in:owner", u, v], cname[0], "c0", hops))
    paths.sort(key=lambda p: -p.probability)
    return g, paths


def find_chromium() -> str | None:
    """The Chromium binary to use, or None."""
    for cand in (os.environ.get("NETGRAPH_CHROMIUM"), "/usr/bin/chromium",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def best_of(fn, repeat: int = 3) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``fn()`` over *repeat* runs (CPU time tells the
    work apart from waiting on a shared machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def time_to_wider(browser, file: Path, repeat: int = 3) -> float:
    """Median seconds from a click on 'Show the wider network' to the end of its drawing."""
    out = []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(file.as_uri())
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
        # the click rebuilds the view and frames it; redraw() then draws it, synchronously
        out.append(page.evaluate("""() => { const t = performance.now();
            document.getElementById("ng-wider").click();
            window.netgraph.network.redraw();
            return (performance.now() - t) / 1000; }"""))
        page.close()
    return float(np.median(out))


def time_to_first_draw(browser, file: Path, repeat: int = 3) -> tuple[float, float, int]:
    """Median (ms since navigation start, wall s from goto) to first draw, and node count."""
    ms, wall, count = [], [], 0
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        t = time.perf_counter()
        page.goto(file.as_uri())
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
        wall.append(time.perf_counter() - t)
        ms.append(page.evaluate("window.netgraph.firstDrawMs"))
        count = page.evaluate("window.netgraph.nodes.length")
        page.close()
    return float(np.median(ms)), float(np.median(wall)), count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,10000")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--million", type=int, default=1_000_000,
                    help="people in the big network of the path-view figure (0: skip)")
    args = ap.parse_args(argv)
    from netgraph.views.html import write_html

    out = Path(tempfile.mkdtemp(prefix="bench_html_"))
    rows = []
    files: dict[tuple[int, object], Path] = {}
    for n in (int(x) for x in args.sizes.split(",")):
        g = synthetic_graph(n)
        paths = demo_paths(g, "Acme")
        # the path-first page (default max_nodes), and the full view of everything
        for max_nodes, p in ((1500, paths), (None, None)):
            f = out / f"g{n}_{max_nodes}.html"
            wall, cpu = best_of(lambda g=g, f=f, p=p, m=max_nodes: write_html(g, f, paths=p,
                                                                              max_nodes=m))
            files[(n, max_nodes)] = f
            rows.append((g.number_of_nodes(), g.number_of_edges(),
                         "paths, 1500" if p else "all, no paths", wall, cpu,
                         f.stat().st_size / 1e6))
    print("write_html (best of 3, warm process; wall and CPU seconds)")
    print(f"{'nodes':>7} {'edges':>7} {'view':>14} {'wall s':>7} {'cpu s':>6} {'MB':>6}")
    for nodes, edges, mx, sec, cpu, mb in rows:
        print(f"{nodes:>7,} {edges:>7,} {mx:>14} {sec:>7.2f} {cpu:>6.2f} {mb:>6.1f}")

    big_page = None
    if args.million:
        t = time.perf_counter()
        gm, pm = million_graph(args.million)
        built = time.perf_counter() - t
        big_page = out / "million_paths.html"
        wall, cpu = best_of(lambda: write_html(gm, big_page, paths=pm))
        print(f"\npath-first page of a {args.million:,}-person network ({gm.number_of_nodes():,}"
              f" nodes, {gm.number_of_edges():,} edges; built in {built:.0f} s):")
        print(f"  written in {wall:.2f} s wall, {cpu:.2f} s CPU (best of 3),"
              f" {big_page.stat().st_size / 1e6:.2f} MB (paths + a 1,500-node wider view)")
        del gm

    chromium = None if args.no_browser else find_chromium()
    if chromium is None:
        print("browser: skipped (no Chromium found; set NETGRAPH_CHROMIUM)")
        return 0
    from playwright.sync_api import sync_playwright

    views = []
    if big_page is not None:
        views.append((f"{args.million:,} people: default path view", big_page))
    biggest = max(n for n, _ in files)
    views.append((f"{biggest:,} people: paths + max_nodes=1500", files[(biggest, 1500)]))
    g2 = synthetic_graph(1950)
    f2 = out / "view2000.html"
    write_html(g2, f2, max_nodes=2000)
    views.append(("2,000-node view (no paths)", f2))
    if (biggest, None) in files and biggest >= 10000:
        views.append((f"all {biggest:,}+ nodes (max_nodes=None)", files[(biggest, None)]))
    wider = [(label, f) for label, f in views if "path view" in label or "paths +" in label]
    print(f"\ntime to first draw in {chromium} (median of 3; physics off, straight edges)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for label, f in views:
                ms, wall, count = time_to_first_draw(browser, f)
                print(f"  {label:<40} {count:>6,} nodes  {ms / 1000:5.2f} s from navigation"
                      f"  ({wall:.2f} s wall from goto)")
            for label, f in wider:
                print(f"  {label}: 'Show the wider network' drawn"
                      f" {time_to_wider(browser, f):.2f} s after the click")
        finally:
            browser.close()
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
