"""Matplotlib figures of relationship strength (``ng.plot``).

Each function draws on *ax* (a new figure when ``None``) and returns the Axes, so it
works in notebooks, scripts and headless (``Agg``) alike. matplotlib is imported only
when a function is called.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd, netgraph as ng
>>> net = ng.Network()
>>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 3,
...     "timestamp": ["2026-01-05", "2026-02-01", "2026-03-01"], "channel": "call",
...     "direction": ["out", "in", "out"]}), owner="Ada", create_missing=True)
>>> ax = ng.plot.strength_history(net, "Grace Hopper", start="2025-12-01", end="2026-06-01")
>>> ax.get_ylabel()
'strength'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.scoring import TIERS, StrengthModel

__all__ = ["strength_history", "warmth"]

#: Colours per tier, warm to cold.
TIER_COLORS = {"close": "#d7301f", "developing": "#fc8d59", "secondary": "#fdcc8a",
               "cold": "#74a9cf"}
_MARKERS = {"meeting": "o", "call": "s", "message": "^", "email": "v", "linkedin": "D",
            "other": "x", "recommendation": "*", "endorsement": "+", "invitation": "P"}


def _dates_axis(ax: Any) -> None:
    """Compact date ticks on this Axes only (never touches other subplots)."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(9, 4))
    return ax


def _plot_history(series: pd.Series, events: pd.DataFrame | None = None,
                  model: StrengthModel | None = None, ax: Any = None,
                  title: str | None = None) -> Any:
    """Draw a strength Series with tier bands and its contacts marked by channel."""
    model = StrengthModel() if model is None else model
    ax = _axes(ax)
    x = series.index.tz_convert("UTC").tz_localize(None) if series.index.tz is not None \
        else series.index
    ax.plot(x, series.to_numpy(), color="#333333", lw=1.8, label="strength", zorder=3)
    lows = [*model.thresholds[::-1]]
    bounds = [0.0, *lows, 1.0]
    for tier, lo, hi in zip(TIERS[::-1], bounds[:-1], bounds[1:], strict=True):
        ax.axhspan(lo, hi, color=TIER_COLORS[tier], alpha=0.12, lw=0)
        ax.text(1.005, (lo + hi) / 2, tier, transform=ax.get_yaxis_transform(), va="center",
                fontsize=8, color="#555555")
    if events is not None and len(events) and len(series):
        ts = pd.DatetimeIndex(events["timestamp"])
        ts = ts.tz_convert("UTC").tz_localize(None) if ts.tz is not None else ts
        lo_t, hi_t = x.min(), x.max()
        inside = (ts >= lo_t) & (ts <= hi_t)
        y = np.interp(ts[inside].asi8.astype("float64"), x.asi8.astype("float64"),
                      series.to_numpy(dtype="float64"))
        channels = pd.Series(events["channel"].astype(object).to_numpy()[inside])
        for ch in CHANNELS:
            m = (channels == ch).to_numpy()
            if m.any():
                ax.scatter(ts[inside][m], y[m], marker=_MARKERS[ch], s=36, zorder=4,
                           edgecolor="black", facecolor="white", linewidth=0.8,
                           label=f"{ch} ({int(m.sum())})")
    ax.set_ylim(0, 1)
    ax.set_ylabel("strength")
    ax.set_title(title if title is not None else str(series.name or "strength over time"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=7, fontsize=8,
              frameon=False)
    _dates_axis(ax)
    return ax


def strength_history(net: Any, person: str, other: str | None = None, start: Any = None,
                     end: Any = None, freq: str = "W", ax: Any = None) -> Any:
    """Plot one tie's strength over time, with its contacts marked by channel.

    Parameters
    ----------
    net : Network
    person : str
        A name, profile URL, e-mail or person id.
    other : str, optional
        The other person (default: the owner).
    start, end : timestamp-like, optional
        Default: from the tie's first evidence to now.
    freq : str, default "W"
        Sampling frequency of the curve (a pandas frequency).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 2,
    ...     "timestamp": ["2026-01-05", "2026-02-01"], "channel": ["meeting", "email"]}),
    ...     owner="Ada", create_missing=True)
    >>> ax = ng.plot.strength_history(net, "Grace Hopper", end="2026-05-01")
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())
    ['email (1)', 'meeting (1)', 'strength']
    """
    series = net.strength_history(person, other, start=start, end=end, freq=freq)
    return _plot_history(series, series.attrs.get("interactions"), net.model, ax)


def _tier_counts(tiers: pd.Series) -> pd.Series:
    return pd.Series(tiers.astype(object)).value_counts().reindex(list(TIERS), fill_value=0)


def _plot_warmth_now(counts: pd.Series, ax: Any = None, title: str | None = None) -> Any:
    ax = _axes(ax)
    counts = counts.reindex(list(TIERS), fill_value=0)
    bars = ax.bar(list(counts.index), counts.to_numpy(),
                  color=[TIER_COLORS[t] for t in counts.index], edgecolor="#333333", lw=0.6)
    for bar, n in zip(bars, counts.to_numpy(), strict=True):
        ax.annotate(f"{int(n):,}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=9, xytext=(0, 2),
                    textcoords="offset points")
    ax.set_ylabel("ties")
    ax.set_title(title or "ties by warmth")
    return ax


def _plot_warmth_over_time(table: pd.DataFrame, ax: Any = None, title: str | None = None
                           ) -> Any:
    ax = _axes(ax)
    table = table.reindex(columns=list(TIERS), fill_value=0)
    x = table.index.tz_convert("UTC").tz_localize(None) if table.index.tz is not None \
        else table.index
    ax.stackplot(x, *[table[t].to_numpy() for t in TIERS], labels=list(TIERS),
                 colors=[TIER_COLORS[t] for t in TIERS], alpha=0.9)
    ax.set_ylabel("ties")
    ax.set_title(title or "ties by warmth over time")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4, fontsize=8,
              frameon=False)
    _dates_axis(ax)
    return ax


def warmth(net: Any, at: Any = None, over_time: bool = False, ax: Any = None,
           months: int = 24) -> Any:
    """Plot how many ties are close, developing, secondary or cold.

    Parameters
    ----------
    net : Network
    at : timestamp-like, optional
        Default now (UTC).
    over_time : bool, default False
        ``False``: a bar per tier at *at*. ``True``: a stacked area of the tier counts at
        each month end over the *months* before *at* (one vectorised scoring per month).
    ax : matplotlib Axes, optional
    months : int, default 24

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper", "Alan Turing"],
    ...     "timestamp": ["2026-01-05", "2024-01-05"], "channel": "meeting"}), owner="Ada",
    ...     create_missing=True)
    >>> ax = ng.plot.warmth(net, at="2026-01-10")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['close', 'developing', 'secondary', 'cold']
    >>> ax = ng.plot.warmth(net, at="2026-01-10", over_time=True, months=6)
    >>> ax.get_legend() is not None
    True
    """
    from netgraph._time import as_utc

    at_ts = as_utc(at, default="now", name="at")
    if not over_time:
        counts = _tier_counts(net.strengths(at_ts)["tier"])
        return _plot_warmth_now(counts, ax, title=f"ties by warmth on {at_ts:%Y-%m-%d}")
    ends = pd.date_range(end=at_ts, periods=max(int(months), 1), freq="ME")
    if not len(ends) or ends[-1] != at_ts:
        ends = ends.append(pd.DatetimeIndex([at_ts]))
    rows = {when: _tier_counts(net.strengths(when)["tier"]) for when in ends}
    table = pd.DataFrame(rows).T
    table.index = pd.DatetimeIndex(table.index)
    return _plot_warmth_over_time(table, ax)
