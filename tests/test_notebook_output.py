"""Rich notebook output: paths with their evidence, the network card, import reports, and
the interactive page inline (``net.show``), all escaped; the page checked in Chromium."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import netgraph as ng
from netgraph.routing.results import WarmPaths
from netgraph.sample import OWNERS, SAMPLE_END, TARGET_COMPANY, write_sample_data
from netgraph.views.notebook import PageView

XSS_SCRIPT = "<script>window.__pwned=2</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class Tags(HTMLParser):
    """Every start tag and its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Tags:
    t = Tags()
    t.feed(markup)
    return t


def assert_inert(markup: str) -> Tags:
    """No script, no image, no event handler: names from strangers stay text."""
    t = parse(markup)
    assert not [tag for tag, _ in t.tags if tag in {"script", "img", "iframe", "object"}]
    assert not [a for _, attrs in t.tags for a in attrs if a.startswith("on")]
    return t


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    data = tmp_path_factory.mktemp("sample")
    write_sample_data(data)
    net = ng.Network()
    for folder, owner in OWNERS.items():
        net.import_linkedin(data / folder, owner=owner)
        net.import_interactions(data / folder / "interactions.csv", owner=owner)
    net.import_affiliations(data / "affiliations.csv")
    net.set_targets([TARGET_COMPANY])
    return net


@pytest.fixture
def hostile(tmp_path):
    """A network whose owner, contact and company names are markup."""
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": [XSS_SCRIPT, "Grace Hopper"],
                                      "company": [XSS_IMG, XSS_IMG]}), owner="Ada <b>L</b>")
    log = tmp_path / "log.csv"
    pd.DataFrame({"person": [XSS_SCRIPT] * 3, "timestamp": ["2026-01-05", "2026-02-01",
                                                             "2026-03-01"],
                  "channel": "call", "direction": ["in", "out", "in"]}).to_csv(log, index=False)
    net.import_interactions(log, owner="Ada <b>L</b>")
    return net


# ------------------------------------------------------------------ warm paths
def test_paths_show_every_hop_with_its_evidence_and_the_weakest_link(team):
    paths = team.warm_paths(TARGET_COMPANY, at=SAMPLE_END)
    assert len(paths) == 5
    markup = paths._repr_html_()
    t = assert_inert(markup)
    text = " ".join(t.text)
    for p in paths:
        assert f"{p.probability:.2f}" in text
        for h in p.hops:
            assert h.evidence in text and f"{h.strength:.2f}" in text
    # one "weakest link" in the header and one on the hop, for each path with >1 hop
    assert text.count("weakest link") == 2 * sum(len(p.hops) > 1 for p in paths)
    # the weakest hop's row is the highlighted one
    rows = [attrs.get("style", "") for tag, attrs in t.tags if tag == "tr"]
    assert sum("background:#fffbeb" in s for s in rows) == sum(len(p.hops) > 1 for p in paths)
    # one path on its own, and the text forms are kept
    one = paths[0]._repr_html_()
    assert paths[0].hops[0].evidence in " ".join(assert_inert(one).text)
    assert str(paths[0]).startswith(paths[0].source) and repr(paths).startswith("<WarmPaths")


def test_empty_paths_say_why(team):
    none = team.warm_paths(TARGET_COMPANY, at=SAMPLE_END, max_hops=1, source="Maya Okafor",
                           exclude=list(team.warm_paths(TARGET_COMPANY, at=SAMPLE_END,
                                                        source="Maya Okafor", max_hops=1,
                                                        k=50).to_frame()["introducer"]))
    assert not none
    assert none.reason and none.reason.replace("'", "&#x27;") in none._repr_html_()


def test_hostile_names_stay_text_in_every_rich_view(hostile):
    paths = hostile.warm_paths(XSS_IMG)
    assert paths
    for markup in (paths._repr_html_(), paths[0]._repr_html_(), hostile._repr_html_(),
                   hostile.ping_list(at="2026-03-02")._repr_html_()):
        t = assert_inert(markup)
        joined = "".join(t.text)
        assert XSS_SCRIPT in joined or XSS_IMG in joined or "Ada <b>L</b>" in joined
    for report in hostile.reports:
        assert_inert(report._repr_html_())


# ------------------------------------------------------------------ the network card
def test_network_card_sums_up_the_network(team):
    markup = team._repr_html_()
    text = " ".join(assert_inert(markup).text)
    t = team.tables
    for owner in OWNERS.values():
        assert owner in text
    assert (f"{len(t.people):,} people (3 owners), {len(t.companies):,} companies, "
            f"{len(t.ties):,} ties, {len(t.interactions):,} interactions") in text
    first, last = t.interactions["timestamp"].min(), t.interactions["timestamp"].max()
    assert f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" in text
    assert TARGET_COMPANY in text
    assert f"{len(team.imports)} imports" in text and "linkedin (3)" in text
    assert repr(team).startswith("<Network: ")  # the text form stays
    assert "none yet" in ng.Network()._repr_html_()


def test_import_report_lists_parts_and_issues(team, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("person,timestamp,channel\nGrace Hopper,soon,call\n"
                   f"\"{XSS_SCRIPT}\",2026-01-01,call\n", encoding="utf-8")
    net = ng.Network()
    report = net.import_interactions(log, owner="Ada", create_missing=True)
    t = assert_inert(report._repr_html_())
    text = " ".join(t.text)
    assert "log.csv" in text and "1 skipped" in text and "rows read" in text
    assert "unparseable timestamp" in text or "timestamp" in text
    assert [tag for tag, _ in t.tags].count("tr") == len(report.issues()) + 1


# ------------------------------------------------------------------ the page inline
def test_show_is_a_small_self_contained_iframe(team):
    paths = team.warm_paths(TARGET_COMPANY, at=SAMPLE_END)
    view = team.show(paths=paths, height=600)
    assert isinstance(view, PageView)
    markup = view._repr_html_()
    # the default path view stays small (the whole page inlined, escaped)
    assert len(markup.encode("utf-8")) < 1_500_000, len(markup)
    print(f"\nnet.show(paths=...) output: {len(markup.encode('utf-8')) / 1e6:.2f} MB")
    t = parse(markup)
    frames = [attrs for tag, attrs in t.tags if tag == "iframe"]
    assert len(frames) == 1 and [tag for tag, _ in t.tags] == ["div", "iframe"]
    frame = frames[0]
    assert "src" not in frame and frame["sandbox"] == "allow-scripts"
    assert "height:600px" in frame["style"]
    page = frame["srcdoc"]  # unescaped by the parser: the page itself
    assert page == view.html and page.lstrip().lower().startswith("<!doctype html")
    inner = parse(page)
    for tag, attrs in inner.tags:  # nothing is fetched from anywhere
        assert "src" not in attrs or attrs["src"].startswith("data:"), (tag, attrs)
        assert tag != "link" or not attrs.get("href", "").startswith("http")
    for name in (TARGET_COMPANY, paths[0].introducer):
        assert name in page
    # paths.show() is the same page
    assert paths.show(height=600).html == view.html
    assert paths[:2].show().html != view.html
    # the network without paths: still bounded
    assert len(team.show()._repr_html_()) < 1_500_000


def test_show_needs_a_network_and_sane_sizes(team, tmp_path):
    paths = team.warm_paths(TARGET_COMPANY, at=SAMPLE_END)
    orphan = WarmPaths(list(paths), target=paths.target, target_id=paths.target_id,
                       kind=paths.kind, source=paths.source, max_hops=paths.max_hops)
    with pytest.raises(ng.InputError, match=r"net\.show"):
        orphan.show()
    import pickle

    again = pickle.loads(pickle.dumps(paths))  # the link to the network is not pickled
    assert [p.probability for p in again] == [p.probability for p in paths]
    with pytest.raises(ng.InputError):
        again.show()
    with pytest.raises(ng.InputError):
        team.show(paths=paths, height=[600])
    view = team.show(paths=paths, height="80vh", width=900)
    assert "height:80vh" in view._repr_html_() and "width:900px" in view._repr_html_()
    out = view.save(tmp_path / "acme.html")
    assert out.read_text(encoding="utf-8") == view.html
    assert "shown inline" in repr(view)


def _chromium() -> str | None:
    for cand in (os.environ.get("NETGRAPH_CHROMIUM"), "/usr/bin/chromium",
                 shutil.which("chromium")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def test_inline_page_draws_in_chromium_offline_and_names_stay_text(team, hostile, tmp_path):
    exe = _chromium()
    if exe is None:
        if os.environ.get("NETGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail("NETGRAPH_REQUIRE_BROWSER=1 but no Chromium found", pytrace=False)
        pytest.skip("no Chromium found (install Debian's chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    paths = team.warm_paths(TARGET_COMPANY, at=SAMPLE_END)
    host = tmp_path / "notebook.html"
    host.write_text("<!doctype html><html><body><h1>cell output</h1>"
                    + team.show(paths=paths)._repr_html_()
                    + hostile.show(paths=hostile.warm_paths(XSS_IMG))._repr_html_()
                    + "</body></html>", encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(host.as_uri())
            frames = [f for f in page.frames if f != page.main_frame]
            assert len(frames) == 2
            for f in frames:
                f.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
            n_nodes = frames[0].evaluate("window.netgraph.nodes.length")
            highlighted = frames[0].evaluate(
                "window.netgraph.nodes.get({filter: n => n.highlighted}).map(n => n.label)")
            assert 0 < n_nodes <= 100
            for p_ in paths:
                assert set(p_.people) <= set(highlighted)
            assert frames[1].evaluate("typeof window.__pwned") == "undefined"
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert errors == []
            assert all(u == host.as_uri() or u.startswith(("data:", "about:")) for u in requests
                       ), requests
        finally:
            browser.close()
