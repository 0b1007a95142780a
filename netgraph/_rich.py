"""Small HTML pieces for rich notebook output (``_repr_html_``), shared by every room.

Only the standard library: results, reports and the network render themselves
without importing the views. Every piece of text goes through :func:`esc`, and
styles are inline (notebook front ends strip ``<style>`` blocks in some modes).

Examples
--------
>>> from netgraph._rich import card, esc
>>> esc('<script>alert("x")</script>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
>>> "&lt;b&gt;" in card("Ada <b>", [("people", "3")])
True
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["TIER_COLORS", "badge", "box", "card", "esc", "strength_cell", "table"]

#: Colours per tier, warm to cold (the plots use the same).
TIER_COLORS = {"close": "#d7301f", "developing": "#fc8d59", "secondary": "#fdcc8a",
               "cold": "#74a9cf"}

_FONT = ("font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;"
         "line-height:1.4")
_CELL = "padding:3px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top"
_HEAD = _CELL + ";font-weight:600;border-bottom:2px solid #d1d5db"


def esc(value: Any) -> str:
    """*value* as text, escaped for HTML content and attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def box(inner: str, *, border: bool = True) -> str:
    """Wrap rendered *inner* HTML in netgraph's outer ``<div>``."""
    frame = "border:1px solid #e5e7eb;border-radius:6px;padding:8px 12px;" if border else ""
    return f'<div class="netgraph" style="{_FONT};{frame}max-width:100%">{inner}</div>'


def badge(text: str, color: str = "#e5e7eb", fg: str = "#111827") -> str:
    """A small rounded label (escaped)."""
    return (f'<span style="background:{esc(color)};color:{esc(fg)};border-radius:9px;'
            f'padding:0 7px;font-size:11px;white-space:nowrap">{esc(text)}</span>')


def strength_cell(x: float) -> str:
    """A strength 0..1 as its number and a proportional bar."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return ""
    if math.isnan(v):
        return ""
    w = max(0.0, min(1.0, v)) * 60
    return (f'<span style="font-variant-numeric:tabular-nums">{v:.2f}</span> '
            f'<span style="display:inline-block;width:60px;height:7px;background:#e5e7eb;'
            f'border-radius:3px;vertical-align:middle"><span style="display:block;width:{w:.0f}px;'
            'height:7px;background:#2563eb;border-radius:3px"></span></span>')


def table(header: Sequence[str], rows: Iterable[Sequence[str]], *,
          raw: Sequence[bool] | None = None, row_styles: Sequence[str] | None = None) -> str:
    """An HTML table; cells are escaped unless ``raw[i]`` says the column is markup."""
    raw = raw or [False] * len(header)
    head = "".join(f'<th style="{_HEAD}">{esc(h)}</th>' for h in header)
    body = []
    for i, row in enumerate(rows):
        style = row_styles[i] if row_styles else ""
        cells = "".join(f'<td style="{_CELL}">{c if r else esc(c)}</td>'
                        for c, r in zip(row, raw, strict=True))
        body.append(f'<tr style="{style}">{cells}</tr>')
    return ('<table style="border-collapse:collapse;margin:4px 0">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def card(title: str, rows: Sequence[tuple[str, str]], *, raw_values: bool = False) -> str:
    """A titled summary card: one line per (label, value)."""
    items = "".join(
        f'<tr><th style="{_CELL};color:#6b7280;font-weight:500;white-space:nowrap">{esc(k)}</th>'
        f'<td style="{_CELL}">{v if raw_values else esc(v)}</td></tr>' for k, v in rows)
    return box(f'<div style="font-weight:600;font-size:14px;margin-bottom:4px">{esc(title)}'
               f'</div><table style="border-collapse:collapse">{items}</table>')
