"""Plots: headless (Agg), return the Axes, draw what the data says."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.views import plot


@pytest.fixture
def net(tmp_path):
    path = tmp_path / "interactions.csv"
    grace = pd.date_range("2025-01-06", periods=6, freq="14D")
    pd.DataFrame({
        "person": ["Grace Hopper"] * 6 + ["Alan Turing"] * 2 + ["Edsger Dijkstra"],
        "timestamp": [d.strftime("%Y-%m-%d") for d in grace]
        + ["2023-05-01", "2023-05-03", "2025-12-20"],
        "channel": ["meeting", "call", "email", "meeting", "message", "call", "email", "email",
                    "meeting"],
        "direction": ["", "out", "in", "", "in", "out", "out", "in", ""],
    }).to_csv(path, index=False)
    network = ng.Network()
    network.import_interactions(path, owner="Ada Lovelace", create_missing=True)
    yield network
    plt.close("all")


def test_strength_history_plot_marks_contacts_by_channel(net):
    ax = plot.strength_history(net, "Grace Hopper", start="2024-12-01", end="2025-06-01")
    assert isinstance(ax, matplotlib.axes.Axes)
    line = ax.get_lines()[0]
    assert len(line.get_xdata()) > 20 and max(line.get_ydata()) < 1
    labels = sorted(t.get_text() for t in ax.get_legend().get_texts())
    assert labels == ["call (2)", "email (1)", "meeting (2)", "message (1)", "strength"]
    marked = sum(len(c.get_offsets()) for c in ax.collections)
    assert marked == 6
    # the markers sit on the curve
    series = net.strength_history("Grace Hopper", start="2024-12-01", end="2025-06-01")
    assert np.nanmax(line.get_ydata()) == pytest.approx(series.max())


def test_strength_history_between_two_people_and_on_given_axes(net):
    fig, ax = plt.subplots()
    out = plot.strength_history(net, "Edsger Dijkstra", "Ada Lovelace", ax=ax,
                                end="2026-02-01")
    assert out is ax and ax.figure is fig
    assert "Edsger Dijkstra" in ax.get_title()


def test_warmth_now_counts_ties_by_tier(net):
    at = "2025-03-20"
    ax = plot.warmth(net, at=at)
    heights = [int(b.get_height()) for b in ax.patches]
    expected = net.strengths(at)["tier"].value_counts().reindex(
        ["close", "developing", "secondary", "cold"], fill_value=0).tolist()
    assert heights == expected and sum(heights) == len(net.ties)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["close", "developing",
                                                             "secondary", "cold"]


def test_warmth_over_time_stacks_monthly_counts(net):
    ax = plot.warmth(net, at="2026-01-01", over_time=True, months=12)
    polys = ax.collections
    assert len(polys) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["close", "developing",
                                                                   "secondary", "cold"]


def test_internal_helpers_take_plain_frames():
    idx = pd.date_range("2026-01-01", periods=10, freq="D", tz="UTC")
    s = pd.Series(np.linspace(0.1, 0.7, 10), index=idx, name="x")
    ev = pd.DataFrame({"timestamp": idx[[2, 5]], "channel": ["call", "call"]})
    ax = plot._plot_history(s, ev)
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["call (2)",
                                                                          "strength"]
    table = pd.DataFrame({"close": [1, 2], "cold": [3, 1]},
                         index=pd.DatetimeIndex(["2026-01-31", "2026-02-28"], tz="UTC"))
    assert plot._plot_warmth_over_time(table).get_ylabel() == "ties"
    plt.close("all")


# ---------------------------------------------------------------- honest pictures
def _inside(inner, outer, tol=1.0):
    return (inner.x0 >= outer.x0 - tol and inner.y0 >= outer.y0 - tol
            and inner.x1 <= outer.x1 + tol and inner.y1 <= outer.y1 + tol)


def _saved(ax, tmp_path):
    """Save with a plain savefig (no bbox_inches) and return the renderer it drew with."""
    fig = ax.figure
    fig.savefig(tmp_path / "plot.png")
    return fig, fig.canvas.get_renderer()


@pytest.mark.parametrize("draw", [
    lambda net: plot.strength_history(net, "Grace Hopper", start="2024-12-01", end="2025-06-01"),
    lambda net: plot.warmth(net, at="2026-01-01", over_time=True, months=12),
])
def test_plain_savefig_keeps_the_whole_legend(net, tmp_path, draw):
    ax = draw(net)
    fig, renderer = _saved(ax, tmp_path)
    legend = ax.get_legend().get_window_extent(renderer)
    assert _inside(legend, fig.bbox), (legend, fig.bbox)
    # the tier names beside the strength plot are not cut either
    for text in ax.texts:
        assert _inside(text.get_window_extent(renderer), fig.bbox), text.get_text()


def test_legacy_layout_would_have_cut_the_legend(net, tmp_path):
    """The check above can fail: the old placement (no layout engine) cut the legend."""
    fig, ax = plt.subplots(figsize=(9, 4))
    plot.strength_history(net, "Grace Hopper", start="2024-12-01", end="2025-06-01", ax=ax)
    fig.savefig(tmp_path / "old.png")
    legend = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    assert not _inside(legend, fig.bbox)


def test_bar_labels_are_inside_the_axes_and_the_figure(net, tmp_path):
    # 2035: every tie has gone cold, so one bar is as tall as the data goes
    for at in ("2025-03-20", "2035-01-01"):
        ax = plot.warmth(net, at=at)
        fig, renderer = _saved(ax, tmp_path)
        labels = [t for t in ax.texts if t.get_text()]
        assert len(labels) == 4
        heights = [int(b.get_height()) for b in ax.patches]
        assert [int(t.get_text().replace(",", "")) for t in labels] == heights
        box = ax.get_window_extent(renderer)
        for t in labels:
            extent = t.get_window_extent(renderer)
            assert _inside(extent, box) and _inside(extent, fig.bbox), t.get_text()
    assert max(heights) == len(net.ties)


def test_warmth_over_time_counts_a_tie_only_from_when_it_began(net):
    table = plot.warmth_table(net, at="2026-01-01", months=36)
    totals = table.sum(axis=1)
    assert totals.is_monotonic_increasing
    # Alan's tie began in May 2023, Grace's in January 2025, Edsger's in December 2025
    assert totals.loc[:"2023-04-30"].eq(0).all()
    assert totals.loc["2023-06-30"] == 1 and totals.loc["2025-02-28"] == 2
    assert totals.iloc[-1] == len(net.ties) == 3
    # a tie that did not exist yet is never counted as cold
    assert table.loc["2024-12-31", "cold"] <= 1


def test_warmth_over_time_grows_on_the_sample_team(tmp_path):
    from netgraph.sample import OWNERS, SAMPLE_END, write_sample_data

    data = tmp_path / "sample"
    write_sample_data(data)
    team = ng.Network()
    for folder, owner in OWNERS.items():
        team.import_linkedin(data / folder, owner=owner)
    table = plot.warmth_table(team, at=SAMPLE_END, months=24)
    totals = table.sum(axis=1)
    assert totals.is_monotonic_increasing
    assert totals.iloc[-1] == len(team.ties)
    assert totals.iloc[0] < totals.iloc[-1] - 50  # ties made over these two years
    ax = plot.warmth(team, at=SAMPLE_END, over_time=True)
    top = np.sum([c.get_paths()[0].vertices[:, 1].max() for c in ax.collections[-1:]])
    assert top == len(team.ties)
    plt.close("all")


def test_tie_began_is_the_earlier_of_connection_and_first_contact(tmp_path, write_connections):
    export = write_connections(tmp_path / "ada" / "Connections.csv", [
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Acme,CTO,16 Dec 2024",
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Globex,Researcher,02 Mar 2023"])
    log = tmp_path / "log.csv"
    pd.DataFrame({"person": ["Grace Hopper", "Alan Turing"],
                  "timestamp": ["2020-05-01", "2024-01-01"], "channel": "call"}).to_csv(log)
    n = ng.Network()
    n.import_linkedin(export, owner="Ada Lovelace")
    n.import_interactions(log, owner="Ada Lovelace")
    began = plot.tie_began(n)
    owner = n.owners["person_id"].iloc[0]
    grace, alan = (n.resolver.person_id(x) for x in ("Grace Hopper", "Alan Turing"))
    assert began.loc[(owner, grace)] == pd.Timestamp("2020-05-01", tz="UTC")  # contact first
    assert began.loc[(alan, owner)] == pd.Timestamp("2023-03-02", tz="UTC")  # connected first
    assert began.loc[(owner, alan)] == began.loc[(alan, owner)]


def test_strength_history_labels_where_cooling_starts(tmp_path):
    path = tmp_path / "log.csv"
    days = pd.date_range("2024-01-01", periods=10, freq="7D")
    pd.DataFrame({"person": "Carla Kaur", "timestamp": days.strftime("%Y-%m-%d"),
                  "channel": "call", "direction": ["in", "out"] * 5}).to_csv(path, index=False)
    n = ng.Network()
    n.import_interactions(path, owner="Priya", create_missing=True)
    ax = plot.strength_history(n, "Carla Kaur", start="2023-12-01", end="2025-01-01", freq="D")
    notes = [t for t in ax.texts if t.get_text().startswith("cooling")]
    assert len(notes) == 1
    # cooling is descriptive (it does not bend the curve): silent more than
    # COOLING_MULTIPLE x the usual gap (a week here) after the last call
    from netgraph.scoring.kernel import COOLING_MULTIPLE

    starts = days[-1] + pd.Timedelta(days=7 * COOLING_MULTIPLE)
    assert abs(pd.Timestamp(notes[0].xy[0]) - starts) <= pd.Timedelta(days=1)
    plt.close("all")


def test_paths_picture_shows_each_path_its_chance_and_weakest_link(tmp_path):
    from netgraph.routing import warm_paths
    from netgraph.routing.example import example_index

    found = warm_paths(example_index(), "Acme Robotics")
    ax = plot.paths(found)
    texts = [t.get_text() for t in ax.texts]
    chances = [t for t in texts if t.startswith("chance ")]
    assert chances == [f"chance {p.probability:.2f}" for p in found]
    assert texts.count("weakest link") == sum(len(p.hops) > 1 for p in found)
    for p in found:
        assert all(name in texts for name in p.people)
    fig, renderer = _saved(ax, tmp_path)
    for t in ax.texts:
        assert _inside(t.get_window_extent(renderer), fig.bbox), t.get_text()


def test_reach_bars_are_ranked_and_labelled_inside(tmp_path):
    net = ng.Network()
    net.import_contacts(pd.DataFrame({
        "name": ["Grace Hopper", "Alan Turing", "Katherine Johnson"],
        "company": ["Acme Robotics", "Globex", "A very long company name, Incorporated"]}),
        owner="Ada Lovelace")
    net.set_targets(["Globex"])
    frame = net.reach()
    ax = plot.reach(net)
    names = [t.get_text() for t in ax.get_yticklabels()][::-1]  # warmest at the top
    warm = frame[frame["probability"] > 0]
    assert names == warm["company"].head(15).tolist()
    fig, renderer = _saved(ax, tmp_path)
    box = ax.get_window_extent(renderer)
    for t in ax.texts:
        assert _inside(t.get_window_extent(renderer), box), t.get_text()
    for t in ax.get_yticklabels():
        assert _inside(t.get_window_extent(renderer), fig.bbox), t.get_text()
    colors = {t.get_text(): bar.get_facecolor() for t, bar in zip(ax.get_yticklabels(),
                                                                   ax.patches, strict=True)}
    assert colors["Globex"] != colors["Acme Robotics"]  # the target stands out
    plt.close("all")
