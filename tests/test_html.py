"""The interactive HTML graph: selection, safety, and behaviour in a real headless browser.

Browser tests use Debian's Chromium through playwright (``/usr/bin/chromium``, or
``$NETGRAPH_CHROMIUM``). Without a browser they are skipped with the reason, unless
``NETGRAPH_REQUIRE_BROWSER=1`` (set by ``.ci/run``), which turns the skip into a failure.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from netgraph.errors import InputError, NotFoundError
from netgraph.views.html import PATH_COLOR, build_page, iframe, layout, select_nodes, write_html

XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_SCRIPT = "<script>window.__pwned=2</script>"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# --------------------------------------------------------------------------- graphs


def _person(g, pid, name, company="", company_id="", title="", owner=False):
    g.add_node(pid, kind="person", name=name, company=company, company_id=company_id,
               title=title, url=f"https://www.linkedin.com/in/{pid[3:]}", email="",
               is_owner=owner)


def _tie(g, a, b, s, **evidence):
    g.add_edge(a, b, kind="knows", strength=s, cost=float(-np.log(s)), **evidence)


def _job(g, pid, key, s, current=True):
    g.add_edge(pid, f"company:{key}", kind="works_at" if current else "worked_at", strength=s,
               cost=float(-np.log(s)), title="", source="linkedin")


def small_graph(dan_name: str = "Dan Brown", acme_name: str = "Acme") -> nx.Graph:
    """Ada (owner) -> Cat -> Dan, who works at Acme: the warm path. Bob also works at Acme."""
    g = nx.Graph()
    for key, name in [("acme", acme_name), ("globex", "Globex"), ("initech", "Initech")]:
        g.add_node(f"company:{key}", kind="company", name=name, company_id=key, aliases="")
    _person(g, "in:ada", "Ada Lovelace", "Analytical", "", "Founder", owner=True)
    _person(g, "in:bob", "Bob Stone", acme_name, "acme", "Engineer")
    _person(g, "in:cat", "Cat Ng", "Globex", "globex", "Designer")
    _person(g, "in:dan", dan_name, acme_name, "acme", "Head of Sales")
    _person(g, "in:eve", "Eve Park", "Initech", "initech", "Recruiter")
    _person(g, "in:fay", "Fay Wu", "", "", "")
    _tie(g, "in:ada", "in:bob", 0.2, since="2015-01-01", last_contact="2019-02-03", source="linkedin")
    _tie(g, "in:ada", "in:cat", 0.9, since="2018-04-01", last_contact="2025-05-30",
         source="linkedin", n_interactions=42)
    _tie(g, "in:ada", "in:eve", 0.5, since="2020-01-01", source="contacts")
    _tie(g, "in:cat", "in:dan", 0.7, since="2021-06-01", source="contacts")
    _tie(g, "in:eve", "in:fay", 0.4, source="contacts")
    _job(g, "in:bob", "acme", 0.8)
    _job(g, "in:dan", "acme", 0.9)
    _job(g, "in:cat", "globex", 0.8)
    _job(g, "in:cat", "acme", 0.3, current=False)
    _job(g, "in:eve", "initech", 0.7)
    return g


WARM = ["in:ada", "in:cat", "in:dan", "company:acme"]


def big_graph(n_people: int, seed: int = 1) -> nx.Graph:
    """A synthetic network: one owner, n/25 companies, 30% owner ties, 2n other ties."""
    rng = np.random.default_rng(seed)
    g = nx.Graph()
    n_comp = max(4, n_people // 25)
    g.add_nodes_from((f"company:c{c}", {"kind": "company", "name": f"Company {c}",
                                        "company_id": f"c{c}"}) for c in range(n_comp))
    g.add_node("in:owner", kind="person", name="Owner", is_owner=True)
    comp = rng.integers(0, n_comp, n_people)
    g.add_nodes_from((f"in:p{i}", {"kind": "person", "name": f"Person {i}", "is_owner": False,
                                   "company": f"Company {comp[i]}", "company_id": f"c{comp[i]}"})
                     for i in range(n_people))
    s = rng.uniform(0.05, 0.95, 4 * n_people)
    g.add_edges_from((f"in:p{i}", f"company:c{comp[i]}", {"kind": "works_at", "strength": s[i]})
                     for i in range(n_people))
    mine = np.flatnonzero(rng.random(n_people) < 0.3)
    g.add_edges_from(("in:owner", f"in:p{i}", {"kind": "knows", "strength": s[n_people + i]})
                     for i in mine)
    a, b = rng.integers(0, n_people, (2, 2 * n_people))
    g.add_edges_from((f"in:p{x}", f"in:p{y}", {"kind": "knows", "strength": s[2 * n_people + k]})
                     for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
    return g


@dataclass
class Hop:
    from_id: str
    to_id: str  # a company id (not its node id) on the hop into the company
    strength: float
    evidence: str = ""


@dataclass
class FakeWarmPath:
    """Duck-typed like netgraph.routing.WarmPath (only what the adapter reads)."""

    person_ids: list[str]
    company: str
    company_id: str | None
    probability: float
    hops: list[Hop] = field(default_factory=list)


def snapshot(g: nx.Graph):
    return (copy.deepcopy(dict(g.graph)), copy.deepcopy(list(g.nodes(data=True))),
            copy.deepcopy(list(g.edges(data=True))))


# --------------------------------------------------------------------------- Python side


def test_write_html_never_mutates_the_callers_graph(tmp_path):
    g = small_graph(dan_name=XSS_IMG)
    g.graph["note"] = "unchanged"
    before = snapshot(g)
    write_html(g, tmp_path / "a.html", paths=[WARM], around="Eve Park", max_nodes=5)
    select_nodes(g, [WARM], None, 3)
    assert snapshot(g) == before


def test_page_is_self_contained_and_leaves_no_lib_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = write_html(small_graph(), "graph.html", paths=[WARM])
    assert out == Path("graph.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert "sourceMappingURL" not in page
    assert "vis.Network" in page and "new vis.DataSet" in page
    tags = _tags(page)
    # No element loads anything: no src/href/srcset/data attribute anywhere, no <link>.
    assert not [(t, a) for t, attrs in tags for a, _ in attrs
                if a in ("src", "href", "srcset", "data", "action", "poster")]
    assert "link" not in {t for t, _ in tags}
    # Exactly the trusted script elements: the JSON data, vis-network, our glue.
    assert [dict(a).get("type") for t, a in tags if t == "script"] == [
        "application/json", None, None]


def test_hostile_names_are_escaped_in_the_page_source(tmp_path):
    g = small_graph(dan_name=XSS_IMG, acme_name=XSS_SCRIPT)
    page = build_page(g, paths=[WARM], title=f"Paths {XSS_SCRIPT}")
    for raw in (XSS_IMG, XSS_SCRIPT, "<img", "<script>window"):
        assert raw not in page
    assert "<title>Paths &lt;script&gt;window.__pwned=2&lt;/script&gt;</title>" in page
    # The legend lists companies in view: escaped text, not markup.
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in page.split('id="ng-legend"')[1]


def test_select_nodes_orders_by_what_matters():
    g = small_graph()
    order = select_nodes(g, [WARM], None, None)
    assert order[0] == "in:ada"  # owner first
    assert set(order[1:4]) == {"in:cat", "in:dan", "company:acme"}  # then the path
    assert order.index("in:bob") < order.index("in:fay")  # target's people before strangers
    assert sorted(order) == sorted(g.nodes)
    assert select_nodes(g, None, None, 3) == ["in:ada", "in:cat", "in:eve"]  # strongest ties
    # Owners, paths and `around` are kept even when max_nodes is smaller.
    assert select_nodes(g, [WARM], None, 1) == ["in:ada", "in:cat", "in:dan", "company:acme"]
    assert select_nodes(g, None, "fay wu", 2) == ["in:ada", "in:fay"]


def test_select_nodes_on_a_large_graph_keeps_max_nodes():
    g = big_graph(5000)
    order = select_nodes(g, None, None, 1500)
    assert len(order) == 1500 and len(set(order)) == 1500
    owner_ties = set(g.adj["in:owner"])
    # The owner's ties are all there (about 1,500 of them, the strongest first).
    assert len(owner_ties & set(order)) > 1000


def test_warm_path_objects_are_highlighted_with_inferred_hops(tmp_path):
    g = small_graph()
    path = FakeWarmPath(["in:ada", "in:eve", "in:bob"], "Acme", "acme", 0.12,
                        [Hop("in:ada", "in:eve", 0.5), Hop("in:eve", "in:bob", 0.3, "<i>both at</i>"),
                         Hop("in:bob", "acme", 0.8, "current Engineer")])
    page = build_page(g, paths=path)
    data = _page_data(page)
    hl = {n["id"] for n in data["nodes"] if n["highlighted"]}
    ids = {n["id"]: n for n in data["nodes"]}
    names = {ids[i]["label"] for i in hl}
    assert names == {"Ada Lovelace", "Eve Park", "Bob Stone", "Acme"}
    # Eve and Bob have no tie in the graph: the hop is drawn as an inferred, dashed edge.
    virtual = [e for e in data["edges"] if e["id"].startswith("v")]
    assert len(virtual) == 1 and virtual[0]["dashes"] and virtual[0]["ev"]["Strength"] == 0.3
    assert virtual[0]["ev"]["Why warm"] == "<i>both at</i>"  # JSON-escaped in the page
    into = [e for e in data["edges"] if e["highlighted"] and e["ev"]["Relation"] == "works at"]
    assert [e["ev"]["Why warm"] for e in into] == ["current Engineer"]
    dimmed = [n for n in data["nodes"] if not n["highlighted"]]
    assert dimmed and all(n["dimmed"] for n in dimmed)
    assert all(n["color"]["border"] == PATH_COLOR for n in data["nodes"] if n["highlighted"])
    assert "<title>Warm paths to Acme</title>" in page
    assert "12%" in str([r for n in data["nodes"] for r in n["info"]["rows"]])


def test_team_networks_size_people_by_their_strongest_owner_tie():
    g = small_graph()
    _person(g, "in:gus", "Gus Team", owner=True)
    _tie(g, "in:gus", "in:bob", 0.95, last_contact="2025-01-02")  # Ada-Bob is only 0.2
    nodes = {n["node"]: n for n in _page_data(build_page(g))["nodes"]}
    assert nodes["in:gus"]["kind"] == nodes["in:ada"]["kind"] == "owner"
    assert ["Strength to owner", "0.95"] in nodes["in:bob"]["info"]["rows"]
    assert ["Last contact", "2025-01-02"] in nodes["in:bob"]["info"]["rows"]
    assert nodes["in:bob"]["size"] > nodes["in:eve"]["size"] > nodes["in:fay"]["size"]
    # owner_ids overrides is_owner: now only Fay is an owner.
    nodes = {n["node"]: n for n in _page_data(build_page(g, owner_ids=["in:fay"]))["nodes"]}
    assert [k for k, n in nodes.items() if n["kind"] == "owner"] == ["in:fay"]
    assert ["Strength to owner", "0.40"] in nodes["in:eve"]["info"]["rows"]


def test_bad_input_gives_clear_errors(tmp_path):
    g = small_graph()
    with pytest.raises(NotFoundError, match="in:nobody") as err:
        write_html(g, tmp_path / "x.html", paths=[["in:ada", "in:nobody"]])
    assert "warm path #1" in str(err.value)
    with pytest.raises(NotFoundError, match="Did you mean") as err:
        build_page(g, around="Eve Prak")
    assert "Eve Park" in err.value.suggestions
    with pytest.raises(InputError, match="paths must be"):
        build_page(g, paths="in:ada")
    with pytest.raises(InputError, match="max_nodes"):
        build_page(g, max_nodes=0)
    with pytest.raises(InputError, match="does not exist"):
        write_html(g, tmp_path / "missing" / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_layout_is_deterministic_and_spreads_nodes():
    g = big_graph(300)
    nodes = list(g)
    ix = {v: i for i, v in enumerate(nodes)}
    rows = np.array([ix[u] for u, _ in g.edges])
    cols = np.array([ix[v] for _, v in g.edges])
    a = layout(len(nodes), rows, cols, seed=3)
    b = layout(len(nodes), rows, cols, seed=3)
    assert np.array_equal(a, b)
    d = np.sqrt(((a[:, None] - a[None]) ** 2).sum(-1))[np.triu_indices(len(a), 1)]
    assert np.quantile(d, 0.01) > 0.3  # no pile-up: 99% of pairs well apart
    edge_len = np.linalg.norm(a[rows] - a[cols], axis=1)
    assert np.median(edge_len) < np.median(d)  # neighbours sit closer than random pairs


def test_empty_and_plain_graphs_render():
    assert _page_data(build_page(nx.Graph()))["nodes"] == []
    data = _page_data(build_page(nx.path_graph(4)))  # no attributes at all
    assert [n["label"] for n in sorted(data["nodes"], key=lambda n: n["id"])] == list("0123")


def test_iframe_embeds_the_page_escaped(tmp_path, monkeypatch):
    out = write_html(small_graph(dan_name=XSS_IMG), tmp_path / "g.html")
    frame = iframe(out, height=480)
    markup = frame._repr_html_() if hasattr(frame, "_repr_html_") else frame.data
    assert markup.count("<iframe") == 1 and 'sandbox="allow-scripts"' in markup
    assert "height:480px" in markup
    srcdoc = re.search(r'srcdoc="([^"]*)"', markup).group(1)
    import html

    assert html.unescape(srcdoc) == out.read_text(encoding="utf-8")
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # as if IPython were missing
    plain = iframe(out.read_text(encoding="utf-8"))
    assert plain._repr_html_().startswith('<div class="netgraph-frame"><iframe srcdoc="')
    with pytest.raises(InputError, match="no HTML file"):
        iframe(tmp_path / "nope.html")


def _tags(page: str) -> list[tuple[str, list]]:
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, attrs))

    c = Collect()
    c.feed(page)
    return c.tags


def _expand(compact: dict) -> list[dict]:
    """The records of a view, their shared look put back (as the page's script does)."""
    out = []
    for r in compact["items"]:
        rec = {**compact["styles"][r["s"]], **r}
        rec.setdefault("paths", [])
        rec.setdefault("highlighted", False)
        rec.setdefault("dimmed", False)
        out.append(rec)
    return out


def _page_data(page: str) -> dict:
    """The page's data block; ``nodes``/``edges`` are those of the network view."""
    import json

    m = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    data = json.loads(m.group(1))
    data["nodes"] = _expand(data["network"]["nodes"])
    data["edges"] = _expand(data["network"]["edges"])
    return data


# --------------------------------------------------------------------------- browser


def _chromium() -> str | None:
    for cand in (os.environ.get("NETGRAPH_CHROMIUM"), "/usr/bin/chromium",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def _no_browser(reason: str):
    if os.environ.get("NETGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NETGRAPH_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (install Debian's chromium, "
                "or set NETGRAPH_CHROMIUM=/path/to/chromium)")


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        _no_browser("no Chromium found ($NETGRAPH_CHROMIUM, /usr/bin/chromium, PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, browser, file: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = file.resolve().as_uri()
        t = time.perf_counter()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
        self.wall = time.perf_counter() - t
        self.first_draw_ms = self.page.evaluate("window.netgraph.firstDrawMs")

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def hover_node(self, node_id) -> str:
        """Centre the view on a node, hover it, return the tooltip's text."""
        self.page.evaluate(
            "id => { const n = window.netgraph.network;"
            " n.moveTo({position: n.getPosition(id), scale: 1.2, animation: false}); }", node_id)
        box = self.page.locator("#ng-graph").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert self.page.evaluate(
            f"window.netgraph.network.getNodeAt({{x: {box['width'] / 2}, "
            f"y: {box['height'] / 2}}})") == node_id
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=4)
        tip = self.page.locator("#ng-tip")
        tip.wait_for(state="visible", timeout=5_000)
        return tip.text_content()

    def close(self):
        self.page.close()


def test_page_loads_offline_with_path_highlighted(browser, tmp_path):
    g = small_graph()
    out = write_html(g, tmp_path / "warm.html", paths=[WARM])
    view = Opened(browser, out)
    try:
        assert view.errors == []
        assert all(u == view.url or u.startswith("data:") for u in view.requests), view.requests
        # The first view is the answer: the path's nodes and hops only.
        assert view.js("window.netgraph.view()") == "paths"
        assert view.js("window.netgraph.nodes.get().map(n => n.label).sort()") == sorted(
            ["Ada Lovelace", "Cat Ng", "Dan Brown", "Acme"])
        assert view.js("window.netgraph.edges.length") == 3
        # Left to right: owner, introducer, the person inside, the company.
        xs = view.js("window.netgraph.nodes.get().sort((a, b) => a.x - b.x).map(n => n.label)")
        assert xs == ["Ada Lovelace", "Cat Ng", "Dan Brown", "Acme"]
        view.page.click("#ng-wider")
        assert view.js("window.netgraph.view()") == "network"
        assert view.js("window.netgraph.nodes.length") == g.number_of_nodes()
        assert view.js("window.netgraph.edges.length") == g.number_of_edges()
        labels = view.js("window.netgraph.nodes.get({filter: n => n.highlighted})"
                         ".map(n => n.label).sort()")
        assert labels == sorted(["Ada Lovelace", "Cat Ng", "Dan Brown", "Acme"])
        styles = view.js("window.netgraph.nodes.get().map(n => [n.highlighted, n.color.border,"
                         " n.color.background, n.borderWidth])")
        for hl, border, background, width in styles:
            if hl:
                assert border == PATH_COLOR and width == 4 and "0.3)" not in background
            else:
                assert border != PATH_COLOR and background.endswith(",0.3)")
        path_edges = view.js("window.netgraph.edges.get({filter: e => e.highlighted}).length")
        assert path_edges == 3
        assert "omitted" not in view.page.text_content("#ng-omitted")  # all 9 are shown
        # The canvas really shows the path colour (an opaque pixel of #ff3d00 somewhere).
        assert view.js(
            "(() => { const c = document.querySelector('#ng-graph canvas');"
            " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            " for (let i = 0; i < d.length; i += 4) {"
            "   if (d[i] === 255 && d[i+1] === 61 && d[i+2] === 0 && d[i+3] === 255) return true; }"
            " return false; })()")
        text = view.hover_node(view.js("window.netgraph.nodes.get({filter: n => n.label === "
                                       "'Cat Ng'})[0].id"))
        assert "Cat Ng" in text and "Strength to owner0.90" in text
        assert "Last contact2025-05-30" in text and "Warm path#1" in text
        print(f"\nsmall page: first draw {view.first_draw_ms:.0f} ms after navigation")
    finally:
        view.close()


def test_injected_markup_is_shown_as_text_and_never_runs(browser, tmp_path):
    g = small_graph(dan_name=XSS_IMG, acme_name=XSS_SCRIPT)
    g.nodes["in:cat"]["title"] = "<b onmouseover=window.__pwned=3>x</b>"
    out = write_html(g, tmp_path / "xss.html", paths=[WARM], title=XSS_IMG)
    view = Opened(browser, out)
    try:
        assert view.js("typeof window.__pwned") == "undefined"
        assert view.js("document.images.length") == 0
        assert view.js("document.title") == XSS_IMG
        assert view.js("document.querySelector('#ng-side h1').textContent") == XSS_IMG
        panel = view.page.text_content("#ng-paths")
        assert XSS_IMG in panel and XSS_SCRIPT in panel  # the path's names, as text
        assert view.js("document.querySelectorAll('#ng-side img, #ng-side b').length") == 0
        view.page.fill("#ng-q", "onerror")  # the search list shows names as text too
        assert XSS_IMG in view.page.text_content("#ng-hits")
        view.page.click("#ng-wider")
        dan = view.js("window.netgraph.nodes.get({filter: n => n.label === "
                      f"{XSS_IMG!r}}})[0].id")
        assert XSS_IMG in view.hover_node(dan)
        cat = view.js("window.netgraph.nodes.get({filter: n => n.label === 'Cat Ng'})[0].id")
        assert "<b onmouseover=window.__pwned=3>x</b>" in view.hover_node(cat)
        assert view.js("document.querySelectorAll('#ng-tip b, #ng-tip img, #ng-tip script')"
                       ".length") == 0
        assert view.js("typeof window.__pwned") == "undefined"
        assert view.errors == []
    finally:
        view.close()


def test_edge_tooltip_shows_the_evidence(browser, tmp_path):
    out = write_html(small_graph(), tmp_path / "edges.html")
    view = Opened(browser, out)
    try:
        point = view.js("""(() => {
            const n = window.netgraph.network, E = window.netgraph.edges;
            const e = E.get({filter: e => e.ev.since === '2018-04-01'})[0];
            n.fit({nodes: [e.from, e.to], animation: false});
            const a = n.canvasToDOM(n.getPosition(e.from)), b = n.canvasToDOM(n.getPosition(e.to));
            const p = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
            const r = document.getElementById("ng-graph").getBoundingClientRect();
            return [p.x + r.left, p.y + r.top, n.getEdgeAt(p) === e.id];
        })()""")
        x, y, on_edge = point
        assert on_edge
        view.page.mouse.move(x + 30, y + 30)
        view.page.mouse.move(x, y, steps=4)
        tip = view.page.locator("#ng-tip")
        tip.wait_for(state="visible", timeout=5_000)
        text = tip.text_content()
        assert "Ada Lovelace — Cat Ng" in text
        assert "Strength0.90" in text and "Last contact2025-05-30" in text
        assert "N interactions42" in text and "Since2018-04-01" in text
    finally:
        view.close()


@pytest.mark.parametrize(("n_people", "max_nodes", "limit_s"), [(10_000, 1500, 3.0),
                                                                (2_100, 2000, 5.0)])
def test_large_views_draw_quickly(browser, tmp_path, n_people, max_nodes, limit_s):
    g = big_graph(n_people)
    t = time.perf_counter()
    out = write_html(g, tmp_path / "big.html", max_nodes=max_nodes)
    write_s = time.perf_counter() - t
    view = Opened(browser, out)
    try:
        shown = view.js("window.netgraph.nodes.length")
        assert shown == max_nodes
        assert view.errors == []
        print(f"\n{g.number_of_nodes():,}-node graph, {shown:,} shown: written in {write_s:.2f} s,"
              f" first draw {view.first_draw_ms / 1000:.2f} s after navigation"
              f" ({view.wall:.2f} s wall)")
        assert view.first_draw_ms / 1000 < limit_s
    finally:
        view.close()


@pytest.mark.parametrize("word", ["@DATA@", "@VIS_CSS@", "@VIS_JS@", "@TITLE@", "@SUMMARY@",
                                  "@LEGEND@", "@VIS_VERSION@", "@DATA@@VIS_JS@", "@@"])
def test_placeholder_words_in_names_are_kept_as_text(word):
    # Template placeholders in a name, company, title or the page title must not be
    # substituted (nor crash the page): the template is filled in one pass.
    g = small_graph(dan_name=f"Dan {word}", acme_name=f"Acme {word}")
    g.nodes["in:bob"]["title"] = word
    g.nodes["in:ada"]["name"] = f"Ada {word}"
    page = build_page(g, paths=[WARM], title=f"Paths {word}")
    assert page.count("<script>") == 3 and page.count('id="ng-data"') == 1
    assert f"<title>Paths {word}</title>" in page
    assert f"<h1>Paths {word}</h1>" in page
    assert f"Acme {word}" in page.split('id="ng-legend"')[1]
    data = page.split('id="ng-data">', 1)[1].split("</script>", 1)[0]
    assert f"Dan {word}" in data and f"Ada {word}" in data
    assert "@VIS_JS@" not in page.split("<script>")[1].split("</script>")[0][:100]


def test_page_never_shows_an_email_address(tmp_path):
    import pandas as pd

    import netgraph as ng

    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["", "Grace Hopper"],
                                      "email": ["secret.person@example.org", "grace@navy.mil"],
                                      "company": ["Acme", "Navy"]}), owner="Ada")
    page = net.to_html(tmp_path / "p.html").read_text()
    assert "secret.person@example.org" not in page and "grace@navy.mil" not in page
    assert "(no name)" in page and "Grace Hopper" in page
