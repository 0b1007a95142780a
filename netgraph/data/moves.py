"""Job moves: who changed employer between two imports, and how we know.

A LinkedIn export (or a contacts file) says where each contact works *when it
was made*. When a newer one says a known person works elsewhere, the import
closes their old job (``current`` False, ``end`` = the newer export's date)
and opens the new one (:func:`netgraph.data.merge.upsert_people`), so the
history keeps both and former colleagues still count as alumni. An older
export imported after a newer one moves nobody back (its date is older; see
:mod:`netgraph.sources.export_date`).

:func:`job_changes` reads those moves back from the tables: every job closed
by a newer snapshot (marked ``job-change`` in ``affiliations.source``; an
open-ended job from a job-history file is closed the same way), paired with
the job that followed it, and the import that showed the move, with
how that import's date was determined.

Examples
--------
>>> import pandas as pd, netgraph as ng
>>> from netgraph.data.moves import job_changes
>>> net = ng.Network()
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"], "company": ["Globex"],
...                                       "email": ["grace@example.com"]}), owner="Ada")
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"], "company": ["Acme"],
...                                       "email": ["grace@example.com"]}), owner="Ada")
>>> job_changes(net.tables)[["person", "from_company", "to_company"]].values.tolist()
[['Grace Hopper', 'Globex', 'Acme']]
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from netgraph._time import as_utc

if TYPE_CHECKING:  # pragma: no cover
    from netgraph.data.merge import Tables

__all__ = ["CHANGE_COLUMNS", "job_changes"]

#: Columns of :func:`job_changes`.
CHANGE_COLUMNS = ["person", "person_id", "from_company", "from_title", "to_company",
                  "to_company_id", "to_title", "detected", "import_id", "file", "date_from",
                  "evidence"]


def job_changes(t: Tables, since: Any = None) -> pd.DataFrame:
    """Who changed employer, as the imports showed it, newest first.

    Parameters
    ----------
    t : Tables
    since : timestamp-like, optional
        Only moves detected on or after this date.

    Returns
    -------
    pandas.DataFrame
        :data:`CHANGE_COLUMNS`: the person (name and id), the company and
        title they left and the ones they moved to, ``detected`` (the date
        of the export that first showed the move), ``import_id`` and
        ``file`` of that import (<NA> and ``""`` when no recorded import has
        that date), ``date_from`` (how the export's date was determined:
        ``"newest Connected On date"``, ``"newest message date"``, ``"file
        name"`` or ``"import time"``) and ``evidence`` in words.
    """
    from netgraph.data.journal import export_dates
    from netgraph.data.merge import JOB_CHANGE

    aff = t.affiliations
    src = aff["source"].astype(object).fillna("")
    has_company = (aff["company_id"].astype(object).fillna("") != "").to_numpy()
    marked = src.str.contains(JOB_CHANGE, regex=False).to_numpy()
    # snapshot rows: jobs as exports and contact files state them (no start date)
    snap = (aff["start"].isna() & ~src.str.contains("history", regex=False)
            & ~src.str.contains("positions", regex=False)).to_numpy()
    rows = aff[has_company & (snap | marked)]
    marked_r = marked[has_company & (snap | marked)]
    closed = (~rows["current"].to_numpy(dtype=bool)) & rows["end"].notna().to_numpy()
    # a closed job-history row ended by its own end date is no detected move
    closed &= marked_r | rows["start"].isna().to_numpy()
    movers = rows["person_id"].astype(object).to_numpy()[closed]
    out = pd.DataFrame(columns=CHANGE_COLUMNS)
    if not len(movers):
        return _typed(out)
    # each mover's snapshot jobs in time order: closed ones by end date, the current one last
    mine = rows[rows["person_id"].astype(object).isin(set(movers)).to_numpy()]
    order_end = mine["end"].fillna(pd.Timestamp.max.tz_localize("UTC"))
    mine = mine.assign(_pid=mine["person_id"].astype(object).to_numpy(), _end=order_end)
    mine = mine.sort_values(["_pid", "_end"], kind="stable").reset_index(drop=True)
    pid = mine["_pid"].to_numpy()
    nxt = np.r_[pid[1:] == pid[:-1], False]
    mine_src = mine["source"].astype(object).fillna("")
    was_closed = ((~mine["current"].to_numpy(dtype=bool)) & mine["end"].notna().to_numpy()
                  & (mine_src.str.contains(JOB_CHANGE, regex=False).to_numpy()
                     | mine["start"].isna().to_numpy()))
    i = np.flatnonzero(was_closed & nxt)
    j = i + 1
    comp = mine["company"].astype(object).to_numpy()
    cid = mine["company_id"].astype(object).to_numpy()
    title = mine["title"].astype(object).fillna("").to_numpy()
    moved = cid[i] != cid[j]
    i, j = i[moved], j[moved]
    names = pd.Series(t.people["name"].to_numpy(dtype=object),
                      index=t.people["person_id"].astype(object).to_numpy())
    companies = pd.Series(t.companies["name"].to_numpy(dtype=object),
                          index=t.companies["company_id"].astype(object).to_numpy())

    def company_name(k: np.ndarray) -> np.ndarray:
        shown = pd.Series(cid[k], dtype=object).map(companies).to_numpy(dtype=object)
        return np.where(pd.isna(shown) | (shown == ""), comp[k], shown)

    detected = mine["end"].to_numpy()[i]
    out = pd.DataFrame({
        "person": pd.Series(pid[i], dtype=object).map(names).fillna("").to_numpy(dtype=object),
        "person_id": pid[i], "from_company": company_name(i), "from_title": title[i],
        "to_company": company_name(j), "to_company_id": cid[j], "to_title": title[j],
        "detected": pd.to_datetime(pd.Series(detected), utc=True)})
    # the import that showed it: the first export of that date
    dates = export_dates(t).sort_values("import_id", kind="stable")
    dates = dates.drop_duplicates("as_of", keep="first").set_index("as_of")
    hit = out["detected"].map(dates["import_id"]) if len(dates) else \
        pd.Series(np.nan, index=out.index)
    out["import_id"] = pd.array(hit, dtype="Int64")
    out["file"] = out["detected"].map(dates["file"]).fillna("").astype(object) if len(dates) \
        else ""
    out["date_from"] = out["detected"].map(dates["as_of_from"]).fillna("").astype(object) \
        if len(dates) else ""
    out["evidence"] = [_evidence(r) for r in out.itertuples(index=False)]
    if since is not None:
        out = out[out["detected"] >= as_utc(since, name="since")]
    out = out.sort_values(["detected", "person"], ascending=[False, True], kind="stable")
    return _typed(out.reset_index(drop=True)[CHANGE_COLUMNS])


def _evidence(r: Any) -> str:
    when = f"{r.detected:%Y-%m-%d}"
    if pd.isna(r.import_id):
        return (f"a newer import showed {r.to_company} instead of {r.from_company} "
                f"(as of {when})")
    return (f"import {int(r.import_id)} ({PurePath(str(r.file)).name}) lists {r.to_company} "
            f"instead of "
            f"{r.from_company}; that export is dated {when} by its {r.date_from}")


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    out = out.copy()
    for c in CHANGE_COLUMNS:
        if c == "detected":
            out[c] = pd.to_datetime(out[c], utc=True)
        elif c == "import_id":
            out[c] = pd.array(out[c], dtype="Int64")
        else:
            out[c] = out[c].astype(object)
    return out
