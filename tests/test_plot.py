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
