"""Job history: who worked where, as what, from when to when (affiliations).

The reader takes a CSV file (path) or a pandas DataFrame; the output follows
the conventions of :mod:`netgraph.sources.contacts`. What "current" means
(an empty end, ``present``, a ``Current`` column) is the one rule of
:func:`netgraph.sources.csvfile.job_dates`, shared with LinkedIn's
``Positions.csv``.

Registered as the ``affiliations`` source: shared employers make ties
between colleagues.

Examples
--------
>>> import pandas as pd
>>> from netgraph.sources.history import read_affiliations
>>> read_affiliations(pd.DataFrame({"person": ["Ada"], "company": ["Acme"],
...                                 "end": ["Present"]}))[["name", "company", "current"]]
  name company  current
0  Ada    Acme     True
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd

from netgraph.sources.csvfile import (
    Spec,
    emails,
    finish_frame,
    job_dates,
    load_table,
    no_rows,
    note_values,
    profile_urls,
)
from netgraph.sources.importers import import_affiliations
from netgraph.sources.registry import Source, register_source

__all__ = ["AFFILIATIONS", "SOURCE", "read_affiliations"]

PathOrFrame = str | PathLike[str] | pd.DataFrame

#: The columns of a job-history table: canonical name -> accepted header spellings.
AFFILIATIONS: Spec = {
    "name": ("Person", "Name", "Full Name", "Contact"),
    "url": ("URL", "Profile URL", "LinkedIn", "LinkedIn URL", "Person URL"),
    "email": ("Email", "E-mail", "Email Address", "Person Email"),
    "company": ("Company", "Employer", "Organization", "Organisation", "Company Name"),
    "title": ("Title", "Position", "Role", "Job Title"),
    "start": ("Start", "Start Date", "From", "Started On", "Started", "Since"),
    "end": ("End", "End Date", "To", "Finished On", "Until", "Ended"),
    "current": ("Current", "Is Current"),
}
_AFFILIATIONS_REQUIRED = [["company"], ["name", "url", "email"]]


def read_affiliations(path_or_frame: PathOrFrame) -> pd.DataFrame:
    """Read a job-history table: who worked where, as what, from when to when.

    Accepted columns: person (``Person``, ``Name``, ``Full Name``) and/or
    ``URL``/``Profile URL`` and/or ``Email``; company (``Company``,
    ``Employer``, ``Organization``); title (``Title``, ``Position``,
    ``Role``); start (``Start``, ``Start Date``, ``From``, ``Started On``);
    end (``End``, ``End Date``, ``To``, ``Finished On``); optionally
    ``Current`` (yes/true/1). Dates may be full dates, ``Jun 2018`` or bare
    years (taken as the first day of the month/year).

    Parameters
    ----------
    path_or_frame : str, path-like or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name``, ``url``, ``email``, ``company``,
        ``title``, ``start``, ``end`` (UTC; NaT when unknown or current),
        ``current`` (bool: end empty or ``present``/``current``/``now``, or
        the Current column says so). Skipped and reported: rows with no
        company or no person; rows whose end is before their start (they
        are not swapped: a reversed range is more likely a typo in one of
        the two dates than a swap). Unparseable dates are warnings (NaT;
        an unparseable end is not current).

    Raises
    ------
    InputError
        File not found or not decodable; no company column or no person
        column; no usable rows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_affiliations(pd.DataFrame({
    ...     "person": ["Ada Lovelace", "Ada Lovelace"], "employer": ["Acme", "Initech"],
    ...     "from": ["Jun 2018", "2015"], "to": ["present", "2018-05-31"]}))
    >>> df[["company", "start", "current"]]
       company                     start  current
    0     Acme 2018-06-01 00:00:00+00:00     True
    1  Initech 2015-01-01 00:00:00+00:00    False
    """
    what = "job-history (affiliations) table"
    t = load_table(path_or_frame, AFFILIATIONS, "affiliations",
                   required=_AFFILIATIONS_REQUIRED, what=what)
    rep, line = t.report, t.line
    name, company = t.text("name"), t.text("company")
    email = emails(t.text("email"))
    url = profile_urls(t, "url")
    start_raw, end_raw = t.text("start"), t.text("end")
    d = job_dates(t.raw("start"), t.raw("end"), len(t),
                  t.text("current") if t.has("current") else None)
    nobody = ((name == "") & (url == "") & (email == "")).to_numpy()
    no_company = (company == "").to_numpy()
    backwards = (d.end < d.start).to_numpy() & ~nobody & ~no_company
    rep.skip_many(line[nobody], "no person (name, URL or e-mail)")
    rep.skip_many(line[no_company & ~nobody], "no company")
    note_values(rep, line, start_raw + " > " + end_raw, backwards,
                "end before start ({}): skipped, fix one of the dates", skip=True)
    ok = ~(nobody | no_company | backwards)
    note_values(rep, line, start_raw, d.bad_start.to_numpy() & ok,
                "unparseable start {!r}: kept without a start")
    note_values(rep, line, end_raw, d.bad_end.to_numpy() & ok,
                "unparseable end {!r}: kept without an end (not current)")
    if not ok.any():
        raise no_rows(t, what)
    return finish_frame({
        "line": line[ok],
        "name": name[ok].to_numpy(dtype=object),
        "url": url[ok].to_numpy(dtype=object),
        "email": email[ok].to_numpy(dtype=object),
        "company": company[ok].to_numpy(dtype=object),
        "title": t.text("title")[ok].to_numpy(dtype=object),
        "start": d.start[ok].reset_index(drop=True),
        "end": d.end[ok].reset_index(drop=True),
        "current": np.asarray(d.current, dtype=bool)[ok],
    }, rep)


#: The ``affiliations`` source: ``netgraph import affiliations FILE``.
SOURCE = register_source(Source(
    name="affiliations", reader=read_affiliations, yields="affiliations",
    importer=import_affiliations, needs_owner=False,
    help="job history (.csv: person, company, title, start, end); shared employers "
         "connect colleagues",
))
