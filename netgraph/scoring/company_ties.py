"""The last hop of a path: how likely a person is to get you into a company.

:class:`CompanyTieModel` reads a person's job at a company (current, or how
long ago they left) as the strength of the hop into that company;
:func:`company_links` evaluates it for every (person, company) at a date.
Sharing an employer never makes a person-person tie: these strengths only
score the hop *into* the target company.

Examples
--------
>>> from netgraph.scoring.company_ties import CompanyTieModel
>>> CompanyTieModel().current
0.9
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from netgraph._params import Range, check_ranges
from netgraph._time import as_utc, utc_column
from netgraph.errors import InputError

__all__ = ["CompanyTieModel", "company_links"]

_COMPANY_RANGES = {
    "current": Range(0, 1),
    "alumni": Range(0, 1),
    "unknown_end": Range(0, 1),
    "alumni_floor": Range(0, 1),
    "alumni_half_life_years": Range(0, math.inf, hi_inclusive=False),
}


@dataclass(frozen=True)
class CompanyTieModel:
    """How likely a person is to get you into a company they work or worked at.

    The strength of the last hop of a path (person -> company), read like a
    tie strength: the chance the person can and will get you in (refer you,
    or pass you to the right colleague). Tenure does not enter: a person who
    works there can refer you however long they have been there.

    Parameters
    ----------
    current : float, default 0.9
        A current employee (at the evaluation date): can refer you directly.
    alumni : float, default 0.5
        A former employee, right after leaving: still knows people there.
    alumni_half_life_years : float, default 3.0
        Years after leaving over which the alumni strength above the floor
        halves (former colleagues move on).
    alumni_floor : float, default 0.1
        What a long-gone alumnus keeps (a name the company still recognises).
    unknown_end : float, default 0.3
        A former employee whose end date is unknown.

    Raises
    ------
    InputError
        A strength outside (0, 1], a floor above ``alumni``, or a
        non-positive half-life.

    Examples
    --------
    >>> from netgraph.scoring.company_ties import CompanyTieModel
    >>> m = CompanyTieModel()
    >>> [round(float(x), 3) for x in m.alumni_strength([0, 3, 30])]
    [0.5, 0.3, 0.1]
    >>> CompanyTieModel(alumni=0.05)
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: alumni_floor=0.1 is above alumni=0.05. Expected 0 < alumni_floor <= alumni.
    """

    current: float = 0.9
    alumni: float = 0.5
    alumni_half_life_years: float = 3.0
    alumni_floor: float = 0.1
    unknown_end: float = 0.3

    def __post_init__(self) -> None:
        check_ranges(self, _COMPANY_RANGES, owner="CompanyTieModel")
        if not 0 < self.alumni_floor <= self.alumni:
            raise InputError(f"alumni_floor={self.alumni_floor!r} is above alumni={self.alumni!r}"
                             if self.alumni_floor > 0 else
                             f"alumni_floor={self.alumni_floor!r} is not positive",
                             expected="0 < alumni_floor <= alumni")
        if self.alumni_half_life_years <= 0:
            raise InputError(f"alumni_half_life_years={self.alumni_half_life_years!r} "
                             "is not positive", expected="a half-life in years > 0")

    def alumni_strength(self, years_since_left: Any) -> np.ndarray:
        """Strength of a former employee *years_since_left* years after leaving.

        ``floor + (alumni - floor) * 0.5 ** (years / half_life)``; negative
        years count as 0.

        Examples
        --------
        >>> from netgraph.scoring.company_ties import CompanyTieModel
        >>> float(CompanyTieModel(alumni=0.6, alumni_floor=0.2).alumni_strength(1e9))
        0.2
        """
        y = np.maximum(np.asarray(years_since_left, dtype=np.float64), 0.0)
        return self.alumni_floor + (self.alumni - self.alumni_floor) * np.exp2(
            -y / self.alumni_half_life_years)


def company_links(
    affiliations: pd.DataFrame,
    *,
    model: CompanyTieModel | None = None,
    at: Any = None,
) -> pd.DataFrame:
    """Person-to-company strengths at a date: the last hop of every path.

    One row per (person, company): the affiliation that gives the highest
    strength under *model*. Affiliations starting after *at* are ignored;
    an affiliation that ended after *at* counts as current at *at*; one with
    ``current`` set and no end date is current. Rows without a company id
    (placeholders such as "Self-employed") are left out. Never creates a
    person-person tie.

    Parameters
    ----------
    affiliations : DataFrame
        The affiliations table (``person_id``, ``company_id``, ``title``,
        ``start``, ``end``, ``current``).
    model : CompanyTieModel, optional
        Default ``CompanyTieModel()``.
    at : timestamp-like, optional
        When to evaluate (default now, UTC; naive dates are UTC).

    Returns
    -------
    pandas.DataFrame
        Columns ``person_id`` (same dtype as the input), ``company_id``,
        ``strength``, ``current`` (at *at*), ``start``, ``end``, ``title``;
        sorted by person (people order) then company id.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.scoring.company_ties import company_links
    >>> aff = pd.DataFrame({"person_id": ["in:a", "in:b", "in:b"],
    ...     "company_id": ["acme", "acme", "globex"], "title": ["CTO", "Dev", ""],
    ...     "start": ["2015-01-01", "2010-01-01", "2030-01-01"],
    ...     "end": [None, "2021-01-01", None], "current": [True, False, True]})
    >>> out = company_links(aff, at="2024-01-01")
    >>> out[["person_id", "company_id", "strength", "current"]].round(2).values.tolist()
    [['in:a', 'acme', 0.9, True], ['in:b', 'acme', 0.3, False]]
    """
    model = CompanyTieModel() if model is None else model
    when = as_utc(at, default="now", name="at")
    aff = affiliations.reset_index(drop=True)
    for col in ("person_id", "company_id"):
        if col not in aff:
            raise InputError(f"affiliations have no {col!r} column",
                             expected="the affiliations table (person_id, company_id, ...)")
    cid = aff["company_id"].astype(object).where(aff["company_id"].notna(), "")
    start = utc_column(aff, "start")
    end = utc_column(aff, "end")
    flag = aff["current"].fillna(False).astype(bool) if "current" in aff else end.isna()
    keep = (cid != "") & aff["person_id"].notna() & ~(start > when)
    current = (end > when) | (end.isna() & flag)
    years = ((when - end).dt.total_seconds() / (365.25 * 86400)).to_numpy(dtype=np.float64)
    strength = np.where(current, model.current,
                        np.where(end.isna(), model.unknown_end,
                                 model.alumni_strength(np.nan_to_num(years))))
    title = aff["title"].astype(object).where(aff["title"].notna(), "") if "title" in aff \
        else pd.Series("", index=aff.index, dtype=object)
    out = pd.DataFrame({"person_id": aff["person_id"], "company_id": cid,
                        "strength": strength, "current": current.to_numpy(dtype=bool),
                        "start": start, "end": end, "title": title})[keep.to_numpy()]
    out = out.sort_values("strength", ascending=False, kind="stable")
    out = out.drop_duplicates(["person_id", "company_id"], keep="first")
    return out.sort_values(["person_id", "company_id"], kind="stable").reset_index(drop=True)


