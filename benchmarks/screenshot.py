"""Save a screenshot of the interactive HTML graph to docs/graph.png (for the README).

Run:  .venv/bin/python benchmarks/screenshot.py [--html PAGE.html] [--hover NODE_ID] [--out docs/graph.png]

Without ``--html`` it draws a small synthetic network (generated, no personal data)
with three warm paths highlighted to a company the owner knows nobody at. With ``--html`` it photographs a page
written by ``net.to_html(...)``/``write_html(...)``, e.g. from the sample data. The tooltip
of the first introducer on the first highlighted path (or of ``--hover``) is shown.
Needs Chromium (``/usr/bin/chromium`` or ``$NETGRAPH_CHROMIUM``) and playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_html import CHROMIUM_ARGS, cold_target, demo_paths, find_chromium, synthetic_graph

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", type=Path, help="an existing page to photograph")
    ap.add_argument("--hover", help="node id whose tooltip to show (default: first introducer)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "graph.png")
    ap.add_argument("--size", default="1280x800", help="viewport, WIDTHxHEIGHT")
    args = ap.parse_args(argv)

    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found: install Debian's chromium or set NETGRAPH_CHROMIUM",
              file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    page_file = args.html
    if page_file is None:
        from netgraph.views.html import write_html

        g = synthetic_graph(150, seed=7, owner_share=0.12, n_companies=18)
        target = cold_target(g)
        page_file = Path(tempfile.mkdtemp(prefix="ng_shot_")) / "graph.html"
        write_html(g, page_file, paths=demo_paths(g, target), title=f"Warm paths to {target}")
    width, height = (int(v) for v in args.size.split("x"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=1)
            page.goto(page_file.resolve().as_uri())
            page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
            # Frame the highlighted paths with their surroundings.
            page.evaluate(
                "() => { const ng = window.netgraph;"
                " const ids = ng.nodes.getIds({filter: n => n.highlighted});"
                " if (ids.length > 1) { ng.network.fit({nodes: ids, animation: false});"
                "   ng.network.moveTo({scale: ng.network.getScale() * 0.55, animation: false}); } }")
            node = page.evaluate(
                "key => { const n = window.netgraph.nodes.get({filter: n => n.node === key});"
                " return n.length ? n[0].id : null; }", args.hover) if args.hover else None
            node = node if node is not None else page.evaluate(
                "(() => { const hl = window.netgraph.nodes.get({filter: n => n.highlighted &&"
                " n.kind === 'person'}); return hl.length > 1 ? hl[1].id : null; })()")
            if node is not None:
                pos = page.evaluate(
                    "id => window.netgraph.network.canvasToDOM("
                    "window.netgraph.network.getPosition(id))", node)
                page.mouse.move(pos["x"] + 20, pos["y"] + 20)
                page.mouse.move(pos["x"], pos["y"], steps=3)
                page.wait_for_timeout(300)
            page.screenshot(path=str(args.out))
        finally:
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
