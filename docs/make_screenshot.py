"""Take the README screenshot: the sample team's page, default view, as a user first sees it.

Run:  .venv/bin/python docs/make_screenshot.py [--out docs/demo.png] [--size 1400x900]

Imports the generated sample team (``sample_data/``, or written afresh by
:func:`netgraph.sample.write_sample_data`), writes the page with the warm paths to
:data:`netgraph.sample.TARGET_COMPANY` exactly as ``netgraph demo`` does, opens it in
headless Chromium (``/usr/bin/chromium`` or ``$NETGRAPH_CHROMIUM``) at 1400x900 and saves
the default view, untouched (no zoom, no hover), to ``docs/demo.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    """The Chromium binary to use, or None."""
    for cand in (os.environ.get("NETGRAPH_CHROMIUM"), "/usr/bin/chromium",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def sample_team():
    """The sample team's network (three owners), as ``netgraph demo`` builds it."""
    from netgraph.network import Network
    from netgraph.sample import OWNERS, write_sample_data

    data = ROOT / "sample_data"
    if not (data / "maya_okafor" / "Connections.csv").exists():
        data = Path(tempfile.mkdtemp(prefix="netgraph-sample-"))
        write_sample_data(data)
    net = Network()
    for folder_name, owner in OWNERS.items():
        folder = data / folder_name
        net.import_linkedin(folder, owner=owner)
        log = folder / "interactions.csv"
        if log.exists():
            net.import_interactions(log, owner=owner)
    net.import_affiliations(data / "affiliations.csv")
    return net


def sample_page(out: Path) -> Path:
    """Write the sample team's default page (warm paths to the sample target) to *out*."""
    from netgraph.sample import TARGET_COMPANY

    net = sample_team()
    paths = net.warm_paths(TARGET_COMPANY, k=5)
    return net.to_html(out, paths=paths, title=f"Warm paths to {TARGET_COMPANY}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "demo.png")
    ap.add_argument("--size", default="1400x900", help="window, WIDTHxHEIGHT")
    ap.add_argument("--html", type=Path, help="also keep the page here")
    args = ap.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found: install Debian's chromium or set NETGRAPH_CHROMIUM",
              file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    page_file = args.html or Path(tempfile.mkdtemp(prefix="ng_shot_")) / "demo.html"
    sample_page(page_file)
    width, height = (int(v) for v in args.size.split("x"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=1)
            page.goto(page_file.resolve().as_uri())
            page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
            page.wait_for_timeout(200)
            page.screenshot(path=str(args.out))
        finally:
            browser.close()
    print(f"wrote {args.out} ({page_file.stat().st_size / 1e6:.2f} MB page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
