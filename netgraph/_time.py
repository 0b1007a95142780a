"""Time, once: reading a date as UTC, day arithmetic, durations in words.

Every module that takes a date from a user (``at=``, ``when=``, ``start=``)
reads it with :func:`as_utc`, so one rule decides what a date is and one
error says what is wrong with it. Columns become nanoseconds or days with
:func:`ns_of` / :func:`days_of`; durations become words with
:func:`span_words` (vectorised) and :func:`ago`.

Examples
--------
>>> from netgraph._time import as_utc, span_words
>>> as_utc("2026-05-01")
Timestamp('2026-05-01 00:00:00+0000', tz='UTC')
>>> span_words([0.2, 1, 20, 270, 800]).tolist()
['5 hours', '1 day', '3 weeks', '9 months', '2 years']
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from netgraph.errors import InputError

__all__ = [
    "NS_PER_DAY",
    "UTC",
    "ago",
    "as_utc",
    "datetimes_from_days",
    "days_of",
    "now",
    "ns_of",
    "span_word",
    "span_words",
    "to_days",
    "today",
    "utc_column",
]

NS_PER_DAY = 86_400 * 10**9
UTC = "datetime64[ns, UTC]"
_NAT = np.iinfo("int64").min


def now() -> pd.Timestamp:
    """The current time, UTC, in nanoseconds."""
    return pd.Timestamp.now(tz="UTC").as_unit("ns")


def today() -> pd.Timestamp:
    """Now, rounded down to the day (UTC): a date that holds all day, for caches."""
    return now().floor("D")


def as_utc(when: Any, *, default: Literal["now", "today"] | None = "today",
           name: str = "date") -> pd.Timestamp:
    """Read a timestamp-like as a UTC :class:`pandas.Timestamp` (naive means UTC).

    Parameters
    ----------
    when : str, datetime, date, numpy.datetime64, pandas.Timestamp or None
        The date. ``None`` takes *default*.
    default : {"today", "now"} or None, default "today"
        What ``None`` means: midnight today (UTC), the current instant, or
        (``None``) an error.
    name : str, default "date"
        What the value is called in the error message (``"at"``, ``"when"``).

    Raises
    ------
    InputError
        The value is not a date, or is missing (NaT, or ``None`` with no default).

    Examples
    --------
    >>> as_utc("2026-05-01T12:00+02:00")
    Timestamp('2026-05-01 10:00:00+0000', tz='UTC')
    >>> as_utc("yesterdayish", name="at")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: cannot read at='yesterdayish' as a date. Expected a date such as '2026-05-01'. Hint: ...
    """
    if when is None:
        if default == "today":
            return today()
        if default == "now":
            return now()
    try:
        ts = None if when is None else pd.Timestamp(when)
    except (TypeError, ValueError, OverflowError) as err:
        raise _bad_date(when, name) from err
    if ts is None or pd.isna(ts):
        raise _bad_date(when, name)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    try:
        return ts.as_unit("ns")
    except (ValueError, OverflowError) as err:  # beyond 1677..2262
        raise _bad_date(when, name) from err


def _bad_date(when: Any, name: str) -> InputError:
    return InputError(
        f"cannot read {name}={when!r} as a date", expected="a date such as '2026-05-01'",
        hint="Pass an ISO date string ('2026-05-01'), a datetime or a pandas Timestamp "
             "between the years 1678 and 2261.",
        cli_hint="Write the date as YYYY-MM-DD (for example 2026-05-01), optionally with a "
                 "time: 2026-05-01T14:30.")


def to_days(when: Any) -> float:
    """Days since 1970-01-01 UTC (float) of a timestamp-like; ``None`` means now.

    Examples
    --------
    >>> to_days("1970-01-02T12:00")
    1.5
    """
    return as_utc(when, default="now").value / NS_PER_DAY


def ns_of(values: Any) -> np.ndarray:
    """int64 nanoseconds since the epoch of a datetime column (NaT -> min int64).

    Naive values are read as UTC; any unit (s, ms, us, ns) is accepted.

    Examples
    --------
    >>> import pandas as pd
    >>> ns_of(pd.Series(pd.to_datetime(["1970-01-01T00:00:01", None]))).tolist()
    [1000000000, -9223372036854775808]
    """
    s = values if isinstance(values, (pd.Series, pd.Index)) else pd.Series(values)
    if not isinstance(s.dtype, pd.DatetimeTZDtype) and s.dtype.kind != "M":
        s = pd.to_datetime(s, utc=True)
    arr = s.array if isinstance(s, pd.Series) else s._data
    vals = np.asarray(arr.asi8)
    unit = getattr(arr, "unit", "ns")
    if unit == "ns":
        return vals
    mult = {"s": 10**9, "ms": 10**6, "us": 10**3}[unit]
    nat = vals == _NAT
    out = vals * mult
    out[nat] = _NAT
    return out


def days_of(values: Any) -> np.ndarray:
    """float64 days since the epoch of a datetime column; NaT -> NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> days_of(pd.Series(pd.to_datetime(["1970-01-03", None], utc=True))).tolist()
    [2.0, nan]
    """
    ns = ns_of(values)
    out = ns / NS_PER_DAY
    out[ns == _NAT] = np.nan
    return out


def datetimes_from_days(days: Any) -> pd.DatetimeIndex:
    """UTC datetimes (to the second) from float days since the epoch; NaN -> NaT.

    Examples
    --------
    >>> datetimes_from_days([1.5, float("nan")]).strftime("%Y-%m-%d %H:%M").tolist()
    ['1970-01-02 12:00', nan]
    """
    days = np.asarray(days, dtype="float64")
    ok = np.isfinite(days)
    ns = np.full(days.shape, _NAT, dtype="int64")
    ns[ok] = np.rint(days[ok] * 86_400.0).astype("int64") * 10**9  # whole seconds
    return pd.DatetimeIndex(ns.view("M8[ns]")).tz_localize("UTC")


def utc_column(frame: pd.DataFrame, col: str) -> pd.Series:
    """Column *col* of *frame* as ``datetime64[ns, UTC]`` (all NaT when it is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> utc_column(pd.DataFrame({"d": ["2026-01-01"]}), "d").dtype
    datetime64[ns, UTC]
    >>> utc_column(pd.DataFrame({"d": [1]}), "other").isna().all()
    np.True_
    """
    if col not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype=UTC)
    s = frame[col]
    if not isinstance(s.dtype, pd.DatetimeTZDtype):
        s = pd.to_datetime(s, utc=True)
    return s.dt.tz_convert("UTC").astype(UTC)


def span_words(days: Any) -> np.ndarray:
    """Durations in words, vectorised: '5 hours', '3 days', '5 weeks', '9 months', '2 years'.

    Negative durations read as zero; missing ones (NaN) as "unknown".

    Examples
    --------
    >>> span_words([0.2, 1, 20, 270, 800, float("nan")]).tolist()
    ['5 hours', '1 day', '3 weeks', '9 months', '2 years', 'unknown']
    """
    d = np.atleast_1d(np.asarray(days, dtype="float64"))
    known = np.isfinite(d)
    d = np.where(known, np.maximum(d, 0.0), 0.0)
    conds = [d < 1, d < 14, d < 60, d < 730]
    num = np.select(conds, [np.rint(d * 24), np.rint(d), np.rint(d / 7), np.rint(d / 30.44)],
                    np.rint(d / 365.25)).astype("int64")
    unit = np.select(conds, ["hour", "day", "week", "month"], "year")
    plural = np.where(num == 1, "", "s")
    words = np.char.add(np.char.add(num.astype(str), " "), np.char.add(unit, plural))
    return np.where(known, words, "unknown").astype(object)


def span_word(days: float) -> str:
    """One duration in words (see :func:`span_words`).

    Examples
    --------
    >>> span_word(45)
    '6 weeks'
    """
    return str(span_words([days])[0])


def ago(ts: pd.Timestamp, at: pd.Timestamp) -> str:
    """How long before *at* the moment *ts* was: 'today', 'yesterday', '3 weeks ago'.

    A moment after *at* is given as its date.

    Examples
    --------
    >>> import pandas as pd
    >>> at = pd.Timestamp("2026-05-30", tz="UTC")
    >>> [ago(pd.Timestamp(d, tz="UTC"), at) for d in ["2026-05-30", "2026-05-29",
    ...                                                 "2026-05-09", "2026-06-02"]]
    ['today', 'yesterday', '3 weeks ago', 'on 2026-06-02']
    """
    days = (at - ts).total_seconds() / 86400
    if days < 0:
        return f"on {ts:%Y-%m-%d}"
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    return f"{span_word(days)} ago"
