"""The small network the routing examples run on (Maya Chen is the owner).

Examples
--------
>>> from netgraph.routing.example import example_index
>>> example_index()
<PathIndex: 5 people, 4 ties, 4 companies, 0.0 MB>
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netgraph.routing.index import PathIndex
from netgraph.routing.objectives import DEFAULT_OBJECTIVE, Objective
from netgraph.scoring.company_ties import company_links

__all__ = ["example_index"]


def example_index(objective: str | Objective = DEFAULT_OBJECTIVE) -> PathIndex:
    """The small network used by the examples (Maya Chen is the owner).

    Maya knows Tom (0.7) and Ana (0.5); Tom knows Lena (0.6), a current Staff
    Engineer at Acme Robotics who worked with him at Initech; Ana knows Raj
    (0.4), who left Acme in 2020 for Umbrella. Globex is in the companies
    table, but nobody worked there. Evaluated at 2024-06-01.

    Parameters
    ----------
    objective : str or Objective, default "likely_intro"
        The path objective the index is built for.

    Returns
    -------
    PathIndex
    """
    people = pd.DataFrame({
        "person_id": ["in:maya", "in:tom", "in:ana", "in:lena", "in:raj"],
        "name": ["Maya Chen", "Tom Baker", "Ana Silva", "Lena Ortiz", "Raj Patel"],
        "company": ["", "Initech", "", "Acme Robotics", "Umbrella"],
        "is_owner": [True, False, False, False, False]})
    pdt = pd.CategoricalDtype(people["person_id"])
    ties = pd.DataFrame({
        "a": pd.Series(["in:maya", "in:ana", "in:lena", "in:ana"], dtype=pdt),
        "b": pd.Series(["in:tom", "in:maya", "in:tom", "in:raj"], dtype=pdt),
        "since": pd.to_datetime(["2019-03-01", "2015-06-01", "2021-01-10", None], utc=True),
        "source": ["linkedin", "linkedin", "linkedin", "contacts"]})
    evidence = pd.DataFrame({
        "last_contact": pd.to_datetime(["2024-05-10", None, "2024-01-05", None], utc=True),
        "n_message": [14, 0, 3, 0], "n_meeting": [2, 0, 0, 0],
        "n_in": [7, 0, 2, 0], "n_out": [9, 0, 1, 0]})
    aff = pd.DataFrame({
        "person_id": pd.Series(["in:lena", "in:raj", "in:raj", "in:tom", "in:lena"],
                               dtype=pdt),
        "company_id": ["acme robotics", "acme robotics", "umbrella", "initech", "initech"],
        "title": ["Staff Engineer", "Engineer", "CTO", "Engineering Manager", "Engineer"],
        "start": pd.to_datetime(["2019-02-01", "2012-01-01", "2020-05-01", "2016-09-01",
                                 "2015-01-01"], utc=True),
        "end": pd.to_datetime([None, "2020-04-30", None, None, "2019-01-31"], utc=True),
        "current": [True, False, True, True, False]})
    companies = pd.DataFrame({"company_id": ["acme robotics", "umbrella", "initech", "globex"],
                              "name": ["Acme Robotics", "Umbrella", "Initech", "Globex"],
                              "aliases": ["Acme Robotics Inc.|Acme", "", "", ""]})
    at = pd.Timestamp("2024-06-01", tz="UTC")
    links = company_links(aff, at=at)
    return PathIndex.build(people, companies, ties, np.array([0.7, 0.5, 0.6, 0.4]), links,
                           evidence, at=at, objective=objective)
