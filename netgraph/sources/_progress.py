"""Progress bars for long imports (tqdm): on in a terminal or notebook, off when quiet.

The ``netgraph`` command turns them off with ``--quiet`` (:func:`quiet`); a
bar is never shown when stderr is not a terminal.

Examples
--------
>>> from netgraph.sources._progress import bar, quiet
>>> with quiet(), bar(total=3, desc="reading") as b:
...     b.update(3)
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

__all__ = ["bar", "quiet"]

_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("netgraph_quiet", default=False)


@contextlib.contextmanager
def quiet(on: bool = True) -> Iterator[None]:
    """Within the block, no progress bars (``on=False``: bars as usual)."""
    token = _QUIET.set(bool(on))
    try:
        yield
    finally:
        _QUIET.reset(token)


def bar(total: float | None = None, desc: str = "", unit: str = "it", **kw: Any) -> Any:
    """A tqdm bar on stderr: disabled when quiet or when stderr is not a terminal."""
    from tqdm import tqdm as plain

    # disable=None: tqdm turns itself off when its output is not a terminal
    opts = {"total": total, "desc": desc, "unit": unit, "leave": False,
            "disable": True if _QUIET.get() else None, **kw}
    try:
        from tqdm.auto import tqdm  # a widget in a notebook

        return tqdm(**opts)
    except Exception:
        return plain(**opts)
