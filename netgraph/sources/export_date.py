"""When was a LinkedIn export made? No export carries its own date.

An export says where every contact worked *when it was made*, so comparing
two exports of one owner shows who changed employer, and between them (an
older export imported after a newer one must not move people back). The
date is read, in this order of preference:

1. the newest "Connected On" date or message date in the export
   (``"newest Connected On date"`` / ``"newest message date"``): an export
   is at least as new as the last connection or message it holds;
2. the date in the file or folder name LinkedIn gives it
   (``Basic_LinkedInDataExport_11-29-2026.zip``,
   ``Complete_LinkedInDataExport_11-29-2026``, month-day-year):
   ``"file name"``;
3. the time of the import (``"import time"``).

:func:`export_date` returns the date and which of these gave it; the import
history keeps both (:func:`netgraph.data.journal.export_dates`).

Examples
--------
>>> import pandas as pd
>>> from netgraph.sources.export_date import export_date, date_in_name
>>> date_in_name("Basic_LinkedInDataExport_11-29-2026.zip")
Timestamp('2026-11-29 00:00:00+0000', tz='UTC')
>>> con = pd.DataFrame({"connected_on": pd.to_datetime(["2026-03-01", "2026-05-02"], utc=True)})
>>> export_date({"connections": con}, "Basic_LinkedInDataExport_11-29-2026.zip")
(Timestamp('2026-05-02 00:00:00+0000', tz='UTC'), 'newest Connected On date')
>>> export_date({}, "Complete_LinkedInDataExport_01-15-2027", now="2027-02-01")
(Timestamp('2027-01-15 00:00:00+0000', tz='UTC'), 'file name')
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["BY_CONNECTIONS", "BY_IMPORT", "BY_MESSAGES", "BY_NAME", "date_in_name",
           "export_date"]

BY_CONNECTIONS = "newest Connected On date"
BY_MESSAGES = "newest message date"
BY_NAME = "file name"
BY_IMPORT = "import time"

_NAME = re.compile(r"(?:Basic|Complete)?_?LinkedInDataExport_(\d{1,2})-(\d{1,2})-(\d{4})",
                   re.IGNORECASE)


def date_in_name(path: str | PathLike[str] | None) -> pd.Timestamp | None:
    """The date in a LinkedIn export's file or folder name (month-day-year), or None.

    Examples
    --------
    >>> date_in_name("exports/Complete_LinkedInDataExport_02-30-2026.zip") is None
    True
    """
    if path is None:
        return None
    for part in reversed(Path(str(path)).parts):
        m = _NAME.search(part)
        if m:
            month, day, year = (int(g) for g in m.groups())
            try:
                return pd.Timestamp(year=year, month=month, day=day, tz="UTC")
            except ValueError:
                return None
    return None


def _newest(frame: Any, col: str) -> pd.Timestamp | None:
    if frame is None or col not in getattr(frame, "columns", ()) or not len(frame):
        return None
    d = pd.to_datetime(frame[col], utc=True, errors="coerce").max()
    return None if pd.isna(d) else pd.Timestamp(d)


def export_date(frames: dict[str, Any], path: str | PathLike[str] | None, now: Any = None
                ) -> tuple[pd.Timestamp, str]:
    """When an export was made, and how that was determined (see the module docstring).

    Parameters
    ----------
    frames : dict
        The export's frames (``"connections"`` with ``connected_on``,
        ``"messages"`` with ``timestamp``).
    path : str or path-like
        What was imported (its name may carry the date).
    now : timestamp-like, optional
        The import time (default: now, UTC).

    Returns
    -------
    (Timestamp, str)
        The date (UTC) and one of ``"newest Connected On date"``,
        ``"newest message date"``, ``"file name"``, ``"import time"``.
    """
    con = _newest(frames.get("connections"), "connected_on")
    msg = _newest(frames.get("messages"), "timestamp")
    if con is not None or msg is not None:
        if msg is not None and (con is None or msg > con):
            return msg, BY_MESSAGES
        return con, BY_CONNECTIONS
    named = date_in_name(path)
    if named is not None:
        return named, BY_NAME
    when = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    when = when.tz_localize("UTC") if when.tzinfo is None else when.tz_convert("UTC")
    return when, BY_IMPORT
