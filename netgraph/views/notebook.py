"""Rich notebook output: the interactive page inline, and the network's summary card.

``net.show(paths=...)`` (and ``paths.show()``) return a :class:`PageView`: the
self-contained interactive page inside an ``<iframe srcdoc=...>``, so it shows in
Jupyter, VS Code and Colab without a file or a server. The page is made by one
function, :func:`_page_html`, the only call site of the page builder here.

Examples
--------
>>> import pandas as pd, netgraph as ng
>>> net = ng.Network()
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace <b>Hopper</b>"],
...                                       "company": ["Acme Inc"]}), owner="Ada")
>>> view = net.show(paths=net.warm_paths("Acme"), height=400)
>>> markup = view._repr_html_()
>>> markup.startswith('<div class="netgraph-frame"><iframe srcdoc="')
True
>>> "<b>Hopper</b>" in markup, "height:400px" in markup
(False, True)
"""

from __future__ import annotations

import html as _html
import os
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from netgraph._rich import card, esc
from netgraph.errors import InputError

__all__ = ["DEFAULT_MAX_NODES", "DEFAULT_PATH_MAX_NODES", "PageView", "network_card"]

#: Nodes drawn by default in a notebook when paths are given (keeps the output < 1.5 MB).
DEFAULT_PATH_MAX_NODES = 100
#: Nodes drawn by default in a notebook without paths.
DEFAULT_MAX_NODES = 200


def _page_html(graph: Any, *, paths: Any = None, around: Any = None,
               max_nodes: int | None = None, title: str | None = None,
               owner_ids: Iterable[Hashable] | None = None) -> str:
    """The interactive page as one HTML string (the single call site of the page builder)."""
    from netgraph.views.html import build_page

    return build_page(graph, paths=paths, around=around, max_nodes=max_nodes, title=title,
                      owner_ids=owner_ids)


def _size(v: int | float | str) -> str:
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise InputError(f"a frame size must be a number of pixels or a CSS length, got "
                         f"{v!r}", expected="e.g. 600 or '80vh'", hint="pass height=600")
    return f"{v:g}px" if isinstance(v, int | float) else str(v)


class PageView:
    """The interactive page, displayed inline in a notebook as a sandboxed iframe.

    Attributes
    ----------
    html : str
        The whole self-contained page (what :meth:`save` writes).
    height, width : str
        The frame's CSS size.

    Examples
    --------
    >>> view = PageView("<p>Tom & Jerry</p>", height=200)
    >>> 'srcdoc="&lt;p&gt;Tom &amp; Jerry&lt;/p&gt;"' in view._repr_html_()
    True
    >>> view
    <netgraph page: 18 characters, shown inline in a notebook; .save(path) writes it>
    """

    def __init__(self, page: str, height: int | str = 600, width: int | str = "100%") -> None:
        self.html = page
        self.height = _size(height)
        self.width = _size(width)

    def _repr_html_(self) -> str:
        return ('<div class="netgraph-frame">'
                f'<iframe srcdoc="{_html.escape(self.html, quote=True)}" '
                'sandbox="allow-scripts" '
                f'style="width:{esc(self.width)};height:{esc(self.height)};'
                'border:1px solid #e5e7eb;border-radius:6px" '
                'title="netgraph network"></iframe></div>')

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to an HTML file (it works offline); returns the path."""
        target = Path(path)
        if not target.parent.is_dir():
            raise InputError(f"the folder {str(target.parent)!r} does not exist", file=target,
                             expected="a path in an existing folder",
                             hint="create the folder first or choose another path")
        target.write_text(self.html, encoding="utf-8", newline="\n")
        return target

    def __repr__(self) -> str:
        return (f"<netgraph page: {len(self.html):,} characters, shown inline in a notebook; "
                ".save(path) writes it>")


def show(net: Any, paths: Any = None, *, height: int | str = 600, width: int | str = "100%",
         around: Any = None, max_nodes: int | None = None, title: str | None = None
         ) -> PageView:
    """The page of *net* (with *paths* highlighted) as a :class:`PageView`.

    *max_nodes* defaults to :data:`DEFAULT_PATH_MAX_NODES` with paths (the paths and
    what is around them) and :data:`DEFAULT_MAX_NODES` without, so the notebook
    output stays small; pass a larger number to see more.
    """
    if max_nodes is None:
        max_nodes = DEFAULT_PATH_MAX_NODES if paths is not None else DEFAULT_MAX_NODES
    page = _page_html(net.graph, paths=paths, around=around, max_nodes=max_nodes, title=title,
                      owner_ids=net.owners["person_id"].tolist())
    return PageView(page, height=height, width=width)


def _date(ts: Any) -> str:
    return "" if ts is None or pd.isna(ts) else f"{pd.Timestamp(ts):%Y-%m-%d}"


def network_card(net: Any) -> str:
    """The network at a glance, as HTML: owners, counts, date range, targets, imports.

    Examples
    --------
    >>> import netgraph as ng
    >>> "0 people" in network_card(ng.Network())
    True
    """
    t = net.tables
    owners = net.owners
    n_owners = len(owners)
    rows = [("owners", ", ".join(owners["name"].astype(str)) or "none yet"),
            ("size", f"{len(t.people):,} people ({n_owners} owner{'s' if n_owners != 1 else ''}),"
                     f" {len(t.companies):,} companies, {len(t.ties):,} ties, "
                     f"{len(t.interactions):,} interactions")]
    if len(t.interactions):
        ts = t.interactions["timestamp"]
        rows.append(("interactions from", f"{_date(ts.min())} to {_date(ts.max())}"))
    if len(t.ties) and "since" in t.ties and t.ties["since"].notna().any():
        rows.append(("connected since", _date(t.ties["since"].min())))
    rows.append(("targets", ", ".join(net.targets) or "none (net.set_targets([...]))"))
    imports = getattr(t, "imports", None)
    if imports is not None and len(imports):
        kinds = imports.groupby("kind", sort=True).size()
        rows.append(("imported", f"{len(imports)} imports: " + ", ".join(
            f"{k} ({n})" for k, n in kinds.items())))
        last = imports["time"].max()
        if pd.notna(last):
            rows.append(("last import", _date(last)))
    elif net.reports:
        rows.append(("imported", f"{len(net.reports)} imports"))
    if len(t.companies) and len(t.affiliations):
        cur = t.affiliations[t.affiliations["current"]].groupby("company_id").size()
        top = cur.sort_values(ascending=False, kind="stable").head(5)
        names = t.companies.set_index("company_id")["name"]
        if len(top):
            rows.append(("largest employers", ", ".join(f"{names.get(c, c)} ({n})"
                                                        for c, n in top.items())))
    return card("netgraph network", rows)
