"""The one cache policy: derived values of immutable inputs, computed once, bounded.

Tables are the source of truth; everything built from them (prepared evidence,
scores at a date, the path index, the NetworkX graph, name look-ups) is a
derived value. Each holder of derived values (the :class:`~netgraph.Network`,
the :class:`~netgraph.data.merge.Tables` container, the path index) keeps them
in a :class:`Memo`: a small least-recently-used map whose keys name what the
value was derived from (a tables version, a date). A holder never reads or
writes another holder's memo.

Examples
--------
>>> from netgraph._cache import Memo
>>> memo = Memo(maxsize=2)
>>> memo.get(("scores", 1), lambda: "s1"), memo.get(("scores", 1), lambda: "again")
('s1', 's1')
>>> _ = memo.get(("scores", 2), lambda: "s2"); _ = memo.get(("scores", 3), lambda: "s3")
>>> ("scores", 1) in memo, len(memo)
(False, 2)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

__all__ = ["Memo"]

V = TypeVar("V")


class Memo:
    """A bounded least-recently-used map of derived values.

    Parameters
    ----------
    maxsize : int, default 32
        How many values are kept; the least recently used goes first.
    """

    def __init__(self, maxsize: int = 32) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for *key*, made by ``make()`` the first time."""
        try:
            self._data.move_to_end(key)
            return self._data[key]
        except KeyError:
            value = make()
            self.put(key, value)
            return value

    def peek(self, key: Hashable, default: Any = None) -> Any:
        """The value for *key* if it is there (without making it), else *default*."""
        return self._data.get(key, default)

    def put(self, key: Hashable, value: Any) -> None:
        """Keep *value* for *key* (evicting the least recently used beyond ``maxsize``)."""
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def copy_from(self, other: Memo, keys: Iterable[Hashable] | None = None) -> None:
        """Take *other*'s values (those for *keys* only, when given) that are still valid."""
        for k, v in other._data.items():
            if keys is None or k in keys:
                self.put(k, v)

    def clear(self) -> None:
        """Forget every value."""
        self._data.clear()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"<Memo {len(self._data)}/{self.maxsize}: {list(self._data)!r}>"
