"""The path-first page in a real browser: the sample team's warm paths, read off the page.

The page is built from the generated sample team (written to a temporary folder and imported as
``netgraph demo`` does), opened in Debian's Chromium through playwright (skipped with a reason
without a browser, a failure under ``NETGRAPH_REQUIRE_BROWSER=1``; see ``tests/test_html.py``).
"""

from __future__ import annotations

import json
import re
import time

import networkx as nx
import pytest
import test_html
from test_html import WARM, XSS_IMG, XSS_SCRIPT, Opened, small_graph

from netgraph.cli import main
from netgraph.data.identity import name_key
from netgraph.views.html import build_page, describe_page, page_html, path_color, write_html

browser = test_html.browser  # the module-scoped headless Chromium (or a skip with the reason)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """The sample team's network and its warm paths to the sample target."""
    from netgraph.network import Network
    from netgraph.sample import OWNERS, TARGET_COMPANY, write_sample_data

    data = tmp_path_factory.mktemp("sample")
    write_sample_data(data)
    net = Network()
    for folder, owner in OWNERS.items():
        net.import_linkedin(data / folder, owner=owner)
        if (data / folder / "interactions.csv").exists():
            net.import_interactions(data / folder / "interactions.csv", owner=owner)
    net.import_affiliations(data / "affiliations.csv")
    paths = net.warm_paths(TARGET_COMPANY, k=5)
    assert len(paths) == 5
    out = net.to_html(data / "team.html", paths=paths, title=f"Warm paths to {TARGET_COMPANY}")
    return net, paths, out


@pytest.fixture
def team_view(browser, team):
    view = Opened(browser, team[2])
    yield view
    view.close()


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


# --------------------------------------------------------------------------- Python side


def test_sample_team_page_is_small_and_names_every_owner(team):
    net, paths, out = team
    assert out.stat().st_size <= 1_500_000
    page = out.read_text(encoding="utf-8")
    legend = page.split('id="ng-legend"')[1]
    for owner in net.owners["name"]:
        assert owner in legend
    assert "Owner (you)" not in page
    data = _data(page)
    assert [p["probability"] for p in data["paths"]] == [p.probability for p in paths]
    assert [p["color"] for p in data["paths"]] == [path_color(n) for n in range(1, 6)]
    # The path view holds exactly the people and the company on the paths.
    on_paths = {pid for p in paths for pid in p.person_ids} | {f"company:{paths[0].company_id}"}
    assert {n["node"] for n in data["pathView"]["nodes"]} == on_paths


def test_describe_page_and_the_cli_say_what_is_left_out(team, tmp_path, capsys):
    net, paths, out = team
    text = describe_page(out)
    total = net.graph.number_of_nodes()
    n_path = len({pid for p in paths for pid in p.person_ids}) + 1
    assert f"Showing the {n_path} people and companies on the 5 warm paths, of {total:,}" in text
    assert f"{total - n_path:,} omitted" in text
    # A small wider view: the CLI says how many were left out and how to see them.
    db = tmp_path / "team.db"
    net.save(db)
    from netgraph.sample import TARGET_COMPANY

    assert main(["--db", str(db), "html", str(tmp_path / "t.html"), "--target", TARGET_COMPANY,
                 "--max-nodes", "40"]) == 0
    said = capsys.readouterr().out
    assert f"wrote {tmp_path / 't.html'}" in said
    assert f"Wider network: 40 of {total:,} nodes" in said
    assert f"{total - 40:,} nodes and" in said and "omitted" in said and "--max-nodes" in said
    assert main(["--db", str(db), "html", str(tmp_path / "all.html")]) == 0
    said = capsys.readouterr().out
    assert f"Showing {total:,} of {total:,} nodes" in said and "omitted" not in said


def test_search_keys_are_the_librarys_name_folding():
    g = small_graph()
    g.add_node("in:jose", kind="person", name="José  Núñez-O'Brien", company="Acme")
    g.add_edge("in:ada", "in:jose", kind="knows", strength=0.4)
    data = _data(build_page(g, paths=[WARM]))
    keys = {row[1]: row[2] for row in data["search"]}
    assert keys["José  Núñez-O'Brien"] == name_key(["José  Núñez-O'Brien"])[0] == "jose nunez obrien"


def test_path_page_of_a_big_network_reads_only_around_the_paths():
    # 20,000 people; the path view still holds the paths only, the wider view max_nodes.
    from test_html import big_graph

    g = big_graph(20_000)
    owner_friend = next(iter(g.adj["in:owner"]))
    colleague = next(v for v in g.adj[owner_friend] if v.startswith("company:"))
    path = ["in:owner", owner_friend, colleague]
    t = time.perf_counter()
    data = _data(build_page(g, paths=[path], max_nodes=200))
    took = time.perf_counter() - t
    assert [n["node"] for n in data["pathView"]["nodes"]] == path
    assert data["meta"]["shown_nodes"] == 200
    assert data["meta"]["total_nodes"] == g.number_of_nodes()
    assert took < 2.0, took


def test_page_html_for_notebooks_is_one_document(team):
    net, paths, _ = team
    page = page_html(net, paths, height=500)
    assert page.startswith("<!DOCTYPE html>") and "min-height:500px" in page
    data = _data(page)
    assert data["meta"]["shown_nodes"] <= 300 and len(data["paths"]) == 5
    assert len(page) < 800_000  # vis-network itself is about 470 kB of it
    with pytest.raises(Exception, match="max_nodes"):
        page_html(net.graph, paths, max_nodes=0)


# --------------------------------------------------------------------------- browser


def test_panel_lists_the_paths_warm_paths_returned(team, team_view):
    _, paths, _ = team
    view = team_view
    assert view.errors == []
    assert view.js("window.netgraph.view()") == "paths"
    entries = view.js("""[...document.querySelectorAll('#ng-paths > li')].map(li => ({
        rank: li.dataset.rank, p: Number(li.dataset.probability),
        text: li.textContent, colour: getComputedStyle(li).borderLeftColor}))""")
    assert [e["rank"] for e in entries] == ["1", "2", "3", "4", "5"]
    assert [e["p"] for e in entries] == [p.probability for p in paths]
    for e, p in zip(entries, paths, strict=True):
        assert f"chance {p.probability:.2f}" in e["text"]
        for h in p.hops:
            assert h.evidence in e["text"] and f"{h.strength:.2f}" in e["text"]
        if len(p.hops) > 1:
            assert "weakest link" in e["text"].lower()
    # each path's colour in the panel is the colour of its ties in the graph
    for n, e in enumerate(entries, start=1):
        r, g, b = (int(path_color(n)[i:i + 2], 16) for i in (1, 3, 5))
        assert e["colour"] == f"rgb({r}, {g}, {b})"
        tie_colours = view.js(f"window.netgraph.edges.get({{filter: e => e.paths[0] === {n}}})"
                              ".map(e => e.color.color)")
        assert tie_colours and set(tie_colours) == {path_color(n)}


def test_clicking_a_path_focuses_it(team, team_view):
    _, paths, _ = team
    view = team_view
    view.page.click("#ng-paths > li:nth-child(2)")
    focused = view.js("window.netgraph.nodes.get({filter: n => n.focused}).map(n => n.node)")
    second = set(paths[1].person_ids) | {f"company:{paths[1].company_id}"}
    assert set(focused) == second
    faded = view.js("window.netgraph.nodes.get({filter: n => !n.focused})"
                    ".map(n => n.color.background)")
    assert faded and all(c.endswith(",0.15)") for c in faded)
    assert view.js("document.querySelector('#ng-paths > li:nth-child(2)')"
                   ".getAttribute('aria-pressed')") == "true"
    # The wider network keeps the focus; clicking again shows every path.
    view.page.click("#ng-wider")
    assert set(view.js("window.netgraph.nodes.get({filter: n => n.focused}).map(n => n.node)")
               ) == second
    view.page.click("#ng-paths > li:nth-child(2)")
    assert view.js("window.netgraph.nodes.get({filter: n => n.focused}).length") == 0


def test_default_view_labels_are_readable_and_apart(team_view):
    view = team_view
    boxes = view.js("""(() => {
        const ng = window.netgraph, net = ng.network, scale = net.getScale();
        const r = document.getElementById('ng-graph').getBoundingClientRect();
        return ng.nodes.getIds().map(id => {
            const b = net.body.nodes[id].labelModule.size;   // canvas units, as drawn
            const a = net.canvasToDOM({x: b.left, y: b.top});
            const z = net.canvasToDOM({x: b.left + b.width, y: b.top + b.height});
            return {id, px: ng.nodes.get(id).font.size * scale,
                    l: a.x, t: a.y, r: z.x, b: z.y, w: r.width, h: r.height};
        });
    })()""")
    assert len(boxes) == 9
    for b in boxes:
        assert b["px"] >= 12, b  # font size x zoom
        assert b["l"] >= 0 and b["r"] <= b["w"] and b["t"] >= 0 and b["b"] <= b["h"], b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"]
            assert apart, (a, b)


def test_search_focuses_a_person_by_a_folded_name(browser, tmp_path):
    g = small_graph()
    g.add_node("in:jose", kind="person", name="José Núñez", company="Globex")
    g.add_edge("in:eve", "in:jose", kind="knows", strength=0.4)
    out = write_html(g, tmp_path / "s.html", paths=[WARM])
    view = Opened(browser, out)
    try:
        assert view.js("window.netgraph.find('NUNEZ')") == view.js(
            "window.netgraph.find('jose  núñez')")
        view.page.fill("#ng-q", "JOSÉ nunez")
        assert view.page.text_content("#ng-hits li").startswith("José Núñez")
        view.page.press("#ng-q", "Enter")
        # José is not on the path: the page switches to the wider network and centres him.
        assert view.js("window.netgraph.view()") == "network"
        found = view.js("window.netgraph.found")
        assert view.js(f"window.netgraph.nodes.get({found}).label") == "José Núñez"
        assert view.js("window.netgraph.network.getSelectedNodes()") == [found]
        centre = view.js(f"""(() => {{ const n = window.netgraph.network;
            const p = n.canvasToDOM(n.getPosition({found}));
            const r = document.getElementById('ng-graph').getBoundingClientRect();
            return [p.x - r.width / 2, p.y - r.height / 2]; }})()""")
        assert abs(centre[0]) < 5 and abs(centre[1]) < 5
        assert "José Núñez" in view.page.text_content("#ng-tip")
        # A person on the path is found in the path view.
        view.page.click("#ng-wider")
        view.page.fill("#ng-q", "cat")
        view.page.press("#ng-q", "Enter")
        assert view.js("window.netgraph.view()") == "paths"
        assert view.js("window.netgraph.nodes.get(window.netgraph.found).label") == "Cat Ng"
        assert view.errors == []
    finally:
        view.close()


def test_layout_legend_beside_the_graph_and_no_requests(team, browser):
    view = Opened(browser, team[2])
    try:
        view.page.set_viewport_size({"width": 1280, "height": 720})
        legend = view.page.locator("#ng-legend").bounding_box()
        side = view.page.locator("#ng-side").bounding_box()
        stage = view.page.locator("#ng-graph").bounding_box()
        assert legend["x"] + legend["width"] <= stage["x"] and side["x"] + side["width"] <= \
            stage["x"] + 1
        assert stage["width"] >= 800
        assert view.js("document.getElementById('ng-legend').open")
        view.page.click("#ng-legend summary")  # collapsible
        assert not view.js("document.getElementById('ng-legend').open")
        view.page.click("#ng-wider")
        view.page.fill("#ng-q", "acme")
        view.page.press("#ng-q", "Enter")
        assert all(u == view.url or u.startswith("data:") for u in view.requests), view.requests
        assert view.errors == []
    finally:
        view.close()


def test_team_owners_are_coloured_as_owners(team, team_view):
    net, _, _ = team
    owners = view_owners = team_view.js(
        "window.netgraph.nodes.get({filter: n => n.kind === 'owner'}).map(n => n.label)")
    assert set(view_owners) <= set(net.owners["name"]) and len(owners) >= 2
    team_view.page.click("#ng-wider")
    shown = team_view.js("window.netgraph.nodes.get({filter: n => n.kind === 'owner'})"
                         ".map(n => [n.label, n.hex])")
    assert sorted(n for n, _ in shown) == sorted(net.owners["name"])
    assert {c for _, c in shown} == {"#111827"}


def test_hostile_names_in_the_path_view_stay_text(browser, tmp_path):
    g = small_graph(dan_name=XSS_IMG, acme_name=XSS_SCRIPT)
    g.add_node("x", kind="person", name="</script><script>window.__pwned=4</script>")
    g.add_edge("in:ada", "x", kind="knows", strength=0.3)
    out = write_html(g, tmp_path / "h.html", paths=[WARM, ["in:ada", "x"]])
    view = Opened(browser, out)
    try:
        labels = view.js("window.netgraph.nodes.get().map(n => n.label)")
        assert XSS_IMG in labels and "</script><script>window.__pwned=4</script>" in labels
        assert "</script><script>window.__pwned=4</script>" in view.page.text_content("#ng-paths")
        view.page.fill("#ng-q", "pwned")
        view.page.press("#ng-q", "Enter")
        assert view.js("typeof window.__pwned") == "undefined"
        assert view.js("document.querySelectorAll('script').length") == 3
        assert view.errors == []
    finally:
        view.close()


def test_a_plain_graph_without_paths_has_no_path_panel(browser, tmp_path):
    out = write_html(nx.path_graph(5), tmp_path / "p.html")
    view = Opened(browser, out)
    try:
        assert view.js("window.netgraph.view()") == "network"
        assert view.js("document.querySelectorAll('#ng-paths > li').length") == 0
        assert view.js("document.getElementById('ng-wider')") is None
        assert view.page.text_content("#ng-omitted") == "Showing 5 of 5 nodes and 4 of 4 ties."
    finally:
        view.close()


def test_an_empty_answer_says_why_on_the_page():
    from netgraph.routing.results import WarmPaths

    none = WarmPaths([], target="Initech", target_id="initech", kind="company", source="Ada",
                     max_hops=2, reason="nobody within 2 hops works there <b>now</b>.")
    page = build_page(small_graph(), paths=none)
    data = _data(page)
    assert data["meta"]["view"] == "network" and data["pathView"] is None
    assert "No warm path: nobody within 2 hops works there &lt;b&gt;now&lt;/b&gt;." in page
