"""Matplotlib figures of relationship strength and warm paths (``ng.plot``).

Each function draws on *ax* (a new figure when ``None``) and returns the Axes, so it
works in notebooks, scripts and headless (``Agg``) alike. matplotlib is imported only
when a function is called. A new figure uses matplotlib's constrained layout, so a
plain ``ax.figure.savefig(path)`` keeps the legends, tier labels and bar labels
inside the picture (on an Axes you pass, the layout of your figure is yours).

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
from netgraph.scoring.kernel import COOLING_MULTIPLE

__all__ = ["paths", "reach", "strength_history", "tie_began", "warmth", "warmth_table"]

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


def _axes(ax: Any, figsize: tuple[float, float] = (9, 4)) -> Any:
    """*ax*, or the Axes of a new figure laid out so nothing is cut when saved."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _legend_below(ax: Any, ncol: int) -> Any:
    """A legend under the Axes (inside the figure: constrained layout makes room)."""
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=ncol, fontsize=8,
                     frameon=False)


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
    _mark_cooling(ax, x, series, model)
    ax.set_ylim(0, 1)
    ax.set_ylabel("strength")
    ax.set_title(title if title is not None else str(series.name or "strength over time"))
    _legend_below(ax, 7)
    _dates_axis(ax)
    return ax


def _mark_cooling(ax: Any, x: pd.DatetimeIndex, series: pd.Series,
                  model: StrengthModel) -> None:
    """Label each point where the cooling rule starts to act (the step it makes).

    Reads ``series.attrs["cooling"]`` (a bool per point, from the model's history);
    does nothing without it.
    """
    cooling = series.attrs.get("cooling")
    if cooling is None or len(cooling) != len(series) or not len(series):
        return
    on = np.asarray(cooling, dtype=bool)
    starts = np.flatnonzero(on & ~np.r_[False, on[:-1]])
    y = series.to_numpy(dtype="float64")
    for i in starts:
        ax.axvline(x[i], color="#6b7280", lw=0.8, ls=":", zorder=2)
        ax.annotate(f"cooling: silent > {COOLING_MULTIPLE:g}x the usual gap",
                    (x[i], y[i]), xytext=(6, 14), textcoords="offset points", fontsize=8,
                    color="#374151", arrowprops={"arrowstyle": "->", "color": "#6b7280"})


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
    ax.bar_label(bars, labels=[f"{int(n):,}" for n in counts.to_numpy()], padding=2,
                 fontsize=9)
    # head room for the labels above the tallest bar (inside the Axes, never clipped)
    ax.set_ylim(0, max(float(counts.max()), 1.0) * 1.15)
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
    _legend_below(ax, 4)
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
    return _plot_warmth_over_time(warmth_table(net, at_ts, months), ax)


def warmth_table(net: Any, at: Any = None, months: int = 24) -> pd.DataFrame:
    """Ties per tier at each month end over the *months* before *at* (and at *at*).

    A tie is counted from when it began (:func:`tie_began`): before that it did not
    exist, so it is neither warm nor cold, and the total grows as ties are made.

    Returns
    -------
    pandas.DataFrame
        One row per date (UTC DatetimeIndex), one column per tier.

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper", "Alan Turing"],
    ...     "timestamp": ["2026-01-05", "2025-06-05"], "channel": "meeting"}), owner="Ada",
    ...     create_missing=True)
    >>> warmth_table(net, at="2026-02-01", months=3).sum(axis=1).tolist()
    [1, 1, 2, 2]
    """
    from netgraph._time import as_utc

    at_ts = as_utc(at, default="now", name="at")
    ends = pd.date_range(end=at_ts, periods=max(int(months), 1), freq="ME")
    if not len(ends) or ends[-1] != at_ts:
        ends = ends.append(pd.DatetimeIndex([at_ts]))
    began = tie_began(net)
    rows = {}
    for when in ends:  # one vectorised scoring per date
        s = net.strengths(when)
        start = began.reindex(pd.MultiIndex.from_arrays(
            [s["a"].astype(object), s["b"].astype(object)]))
        existed = (start.isna() | (start <= when)).to_numpy()
        rows[when] = _tier_counts(s.loc[existed, "tier"])
    table = pd.DataFrame(rows).T.reindex(columns=list(TIERS), fill_value=0)
    table.index = pd.DatetimeIndex(table.index)
    return table


def tie_began(net: Any) -> pd.Series:
    """When each tie began: its connection date or its first contact, whichever is first.

    A Series on a (a, b) MultiIndex of UTC timestamps; NaT when neither is known (such
    a tie is counted as always there). Vectorised over the ties and interactions.

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 2,
    ...     "timestamp": ["2025-03-01", "2024-05-01"], "channel": "call"}), owner="Ada",
    ...     create_missing=True)
    >>> print(tie_began(net).iloc[0].date())
    2024-05-01
    """
    from netgraph._time import NS_PER_DAY, days_of

    ties, inter = net.ties, net.interactions
    a, b = ties["a"].astype(object).to_numpy(), ties["b"].astype(object).to_numpy()
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = pd.MultiIndex.from_arrays([lo, hi])
    began = days_of(ties["since"])
    if len(inter):
        p = inter["person_id"].astype(object).to_numpy()
        o = inter["other_id"].astype(object).to_numpy()
        first = pd.Series(days_of(inter["timestamp"])).groupby(
            [np.minimum(p, o), np.maximum(p, o)]).min()
        first.index = first.index.set_names([None, None])
        began = np.fmin(began, first.reindex(key).to_numpy(dtype="float64"))
    when = pd.Series(np.asarray(
        pd.to_datetime(np.rint(began * NS_PER_DAY).astype("int64", copy=False)
                       .astype("datetime64[ns]"), utc=True)), dtype="datetime64[ns, UTC]")
    when[np.isnan(began)] = pd.NaT
    # keyed both ways round, so a lookup by (a, b) works whatever the order
    both = pd.concat([pd.Series(when.to_numpy(), index=key),
                      pd.Series(when.to_numpy(), index=pd.MultiIndex.from_arrays([hi, lo]))])
    return both[~both.index.duplicated()]


def paths(paths: Any, ax: Any = None, title: str | None = None) -> Any:
    """A static picture of ranked warm paths, for reports and the README.

    One row per path, best at the top: the people left to right from the owner to
    the person inside the company, each hop drawn as thick as it is strong and
    labelled with its strength, the weakest link dashed and marked, and the path's
    chance on the right.

    Parameters
    ----------
    paths : WarmPaths or sequence of WarmPath
        E.g. ``net.warm_paths("Acme Robotics")``.
    ax : matplotlib Axes, optional
    title : str, optional
        Default: "Warm paths to <target>".

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import warm_paths
    >>> ax = paths(warm_paths(example_index(), "Acme Robotics"))
    >>> ax.get_title()
    'Warm paths to Acme Robotics'
    >>> "weakest link" in [t.get_text() for t in ax.texts]
    True
    """
    items = list(paths)
    n = max(len(items), 1)
    width = max((len(p.people) + (p.company is not None) for p in items), default=2)
    ax = _axes(ax, figsize=(min(3.2 * width + 2.5, 16), 1.1 * n + 1.2))
    target = getattr(paths, "target", None) or next(
        (p.company for p in items if p.company), None)
    ax.set_title(title if title is not None else
                 (f"Warm paths to {target}" if target else "Warm paths"))
    if not items:
        reason = getattr(paths, "reason", "") or "no path"
        ax.text(0.5, 0.5, reason, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    from matplotlib import colormaps

    cmap = colormaps["Blues"]
    for r, p in enumerate(items):
        y = -r
        names = list(p.people) + ([p.company] if p.company is not None else [])
        xs = [*range(len(names) - 1), width - 1]  # the company in the last column
        weak = p.weakest if len(p.hops) > 1 else None
        for h, x0, x1 in zip(p.hops, xs[:-1], xs[1:], strict=True):
            is_weak = h is weak
            ax.plot([x0, x1], [y, y], color="#b91c1c" if is_weak else cmap(0.35 + 0.6 * h.strength),
                    lw=1.5 + 6 * h.strength, ls="--" if is_weak else "-", zorder=1,
                    solid_capstyle="butt")
            label = f"{h.strength:.2f}"
            ax.text((x0 + x1) / 2, y + 0.12, label, ha="center", va="bottom", fontsize=9,
                    color="#b91c1c" if is_weak else "#1f2937")
            if is_weak:
                ax.text((x0 + x1) / 2, y - 0.12, "weakest link", ha="center", va="top",
                        fontsize=8, color="#b91c1c")
        for i, (name, x) in enumerate(zip(names, xs, strict=True)):
            is_company = p.company is not None and i == len(names) - 1
            ax.scatter([x], [y], s=140, zorder=2, marker="s" if is_company else "o",
                       color="#111827" if is_company else ("#d7301f" if i == 0 else "white"),
                       edgecolor="#111827", linewidth=1.2)
            ax.annotate(name, (x, y), xytext=(0, -11), textcoords="offset points",
                        ha="center", va="top", fontsize=9)
        ax.annotate(f"chance {p.probability:.2f}", (width - 1, y), xytext=(22, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=10,
                    fontweight="bold")
        ax.annotate(f"{r + 1}.", (0, y), xytext=(-22, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=10, fontweight="bold")
    ax.set_xlim(-0.6, width - 1 + 0.9)
    ax.set_ylim(-(n - 1) - 0.6, 0.5)
    ax.set_axis_off()
    return ax


def reach(net: Any, at: Any = None, n: int = 15, companies: Any = None, ax: Any = None,
          title: str | None = None) -> Any:
    """Which companies are warm for you: the best path's chance per company, ranked.

    Each bar is labelled with its chance and the first person to ask; your target
    companies (:meth:`~netgraph.Network.set_targets`) are highlighted.

    Parameters
    ----------
    net : Network
    at : timestamp-like, optional
        Default now (UTC).
    n : int, default 15
        The warmest *n* companies.
    companies : list of str, optional
        Only these companies (default: every company).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
    ...     "company": ["Acme Inc", "Globex"]}), owner="Ada")
    >>> ax = ng.plot.reach(net)
    >>> sorted(t.get_text() for t in ax.get_yticklabels())
    ['Acme Inc', 'Globex']
    """
    frame = net.reach(companies, at=at)
    frame = frame[frame["probability"] > 0].head(int(n))
    rows = max(len(frame), 1)
    ax = _axes(ax, figsize=(9, 0.38 * rows + 1.3))
    ax.set_title(title or "Where your network can get you in")
    if not len(frame):
        ax.text(0.5, 0.5, "no warm company", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    frame = frame.iloc[::-1]  # the warmest at the top
    targets = {str(t).casefold() for t in getattr(net, "targets", [])}
    colors = ["#d7301f" if str(c).casefold() in targets else "#4a90c2"
              for c in frame["company"]]
    names = frame["company"].astype(str).tolist()
    bars = ax.barh(range(len(frame)), frame["probability"].to_numpy(dtype="float64"),
                   color=colors, edgecolor="#333333", lw=0.5)
    ax.set_yticks(range(len(frame)), names)
    intro = frame["introducer"].fillna("").astype(str).to_numpy()
    labels = [f"{p:.2f}" + (f" via {i}" if i else "")
              for p, i in zip(frame["probability"].to_numpy(), intro, strict=True)]
    ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    ax.set_xlim(0, 1.45)  # room for the labels right of the bars
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("chance of the best path")
    return ax
