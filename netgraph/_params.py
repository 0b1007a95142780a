"""One rule for validating a model's numeric parameters (strength model, company-tie model).

A model declares, per parameter, the interval it must lie in; :func:`check_ranges`
checks every one the same way and raises the same :class:`~netgraph.InputError`.
:func:`from_stored` rebuilds a model from stored parameters without failing on
names a newer or older netgraph wrote.

Examples
--------
>>> from netgraph._params import Range, check_ranges
>>> class M:
...     x = 2.0
>>> check_ranges(M(), {"x": Range(0, 1)}, owner="M")
Traceback (most recent call last):
...
netgraph.errors.InputError: M.x must be in (0, 1], got 2.0.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple, TypeVar

import numpy as np

from netgraph.errors import InputError

__all__ = ["Range", "check_ranges", "from_stored"]

T = TypeVar("T")


class Range(NamedTuple):
    """An interval a parameter must lie in (``(lo, hi]`` by default)."""

    lo: float
    hi: float
    lo_inclusive: bool = False
    hi_inclusive: bool = True
    whole: bool = False

    def text(self) -> str:
        hi = "inf" if math.isinf(self.hi) else self.hi
        return (f"{'[' if self.lo_inclusive else '('}{self.lo}, {hi}"
                f"{']' if self.hi_inclusive and not math.isinf(self.hi) else ')'}")

    def holds(self, v: float) -> bool:
        # NaN fails every comparison
        return ((v >= self.lo if self.lo_inclusive else v > self.lo)
                and (v <= self.hi if self.hi_inclusive else v < self.hi))


def check_ranges(model: Any, ranges: Mapping[str, Range], *, owner: str,
                 defaults: Mapping[str, Any] | None = None) -> None:
    """Raise :class:`~netgraph.InputError` unless every parameter in *ranges* is in range.

    Parameters
    ----------
    model : object
        Holds the parameters as attributes.
    ranges : mapping of name to :class:`Range`
    owner : str
        The model's name in messages (``"StrengthModel"``).
    defaults : mapping, optional
        Each parameter's default, named in the hint.
    """
    for name, rng in ranges.items():
        v = getattr(model, name)
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise InputError(f"{owner}.{name} must be a number, got {v!r}",
                             expected=f"a number in {rng.text()}")
        if not rng.holds(v):
            hint = None if defaults is None else f"the default is {defaults[name]!r}"
            raise InputError(f"{owner}.{name} must be in {rng.text()}, got {v!r}", hint=hint)
        if rng.whole and int(v) != v:
            raise InputError(f"{owner}.{name} must be a whole number, got {v!r}")


def from_stored(cls: type[T], stored: Mapping[str, Any] | None, *, what: str) -> T:
    """Build model *cls* from stored parameters, or its defaults with a warning.

    Unknown names (written by another netgraph version) are dropped, and
    parameters that no longer validate fall back to the defaults; each is
    said in a :class:`UserWarning`, never a traceback.

    Examples
    --------
    >>> import warnings
    >>> from netgraph import StrengthModel
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     m = from_stored(StrengthModel, {"group_exponent": 0.7, "future_knob": 3},
    ...                     what="model")
    >>> m.group_exponent, len(w)
    (0.7, 1)
    """
    if not stored:
        return cls()
    if not isinstance(stored, Mapping):
        warnings.warn(f"the stored {what} is not readable ({type(stored).__name__}); "
                      "using the defaults", UserWarning, stacklevel=2)
        return cls()
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(stored) - known)
    if unknown:
        warnings.warn(f"the stored {what} has parameters this netgraph does not know "
                      f"({', '.join(unknown)}); they are ignored", UserWarning, stacklevel=2)
    try:
        return cls(**{k: v for k, v in stored.items() if k in known})
    except (InputError, TypeError, ValueError) as err:
        warnings.warn(f"the stored {what} is not valid here ({err}); using the defaults",
                      UserWarning, stacklevel=2)
        return cls()
