"""Warm-introduction paths: ranked, explained, answered from the path index.

The model
---------
A tie's strength in (0, 1] is read as the chance that the person will act on
a request along it (make the introduction, or refer you). A path's
probability is the product of its hops' strengths, so one weak link sinks a
path; the search minimises the sum of ``cost = -log(strength)``.

The last hop enters the company (:class:`CompanyTieModel`): a current employee
can refer you (0.9 by default); a former employee still knows people there,
less so as the years since they left go by. Sharing an employer never makes
a tie by itself: only ties in the ``ties`` table are walked; a shared
employer is shown as *evidence* on a tie that exists.

``max_hops`` counts person-to-person hops (the hop into the company is not
counted): a contact who works at the target is 1 hop away. An owner who
works at the target has a 0-hop path. Paths are loopless and never pass
through another source (with the default pooled source, another owner: that
owner's own path is shorter and at least as likely) nor through excluded
people; with one owner as ``source``, the other owners are contacts like any
other.

Ties between equally likely paths are broken by the people's order in the
tables (person codes), so equal inputs always give equal answers.

How it is searched
------------------
All queries run on :class:`netgraph.routing.index.PathIndex` (CSR arrays), not on
NetworkX. The search is an exact hop-bounded Bellman-Ford, vectorised with
numpy over the frontier only, run *backwards* from the target's people
(their person-company cost) for ``max_hops - 1`` layers and met by the
owners' first hops: for every first introducer ``n`` (a contact of an owner)
the best probability through ``n`` is ``s(owner, n) x best(n -> company within
max_hops - 1 hops)``, so the k best distinct introducers cost about as much as
the single best path. When the owners' contacts are cheaper to scan than the
last backward layer, the last layer is replaced by one scan of their ties
(meet in the middle). With ``distinct_introducers=False`` the k best loopless
paths are found by Yen's algorithm over the same hop-bounded search.

The result is the best path *within* ``max_hops``; it equals the unbounded
optimum (Dijkstra) whenever that optimum has at most ``max_hops`` hops.
:func:`reach` runs one hop-bounded search forwards from the sources over the
whole person graph (carrying the owner and first introducer of each best
path) and takes the best person-company link of every company at once;
:func:`introducers` ranks every first introducer of the backward search.

Speed (``benchmarks/bench_paths.py``, medians on a 2-core VM): 30,000 people
and 360,000 ties answer ``warm_paths`` k=5 in about 2 ms; 330,000 people and
3.6M ties, from an owner with 30,000 contacts, in about 6 ms (``reach`` over
every company 0.3 s); 1M people and 12M ties in about 8 ms (index build under
2 s, 27 bytes a tie), 10-50x faster than NetworkX's bidirectional Dijkstra.

Examples
--------
>>> from netgraph.routing.paths import _example_index, warm_paths
>>> ix = _example_index()
>>> paths = warm_paths(ix, "ACME Robotics, Inc.", k=2)
>>> [p.people for p in paths]
[['Maya Chen', 'Tom Baker', 'Lena Ortiz'], ['Maya Chen', 'Ana Silva', 'Raj Patel']]
>>> round(paths[0].probability, 3), paths[0].weakest.to
(0.378, 'Lena Ortiz')
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, NamedTuple, overload

import numpy as np
import pandas as pd

from netgraph._params import Range, check_ranges
from netgraph._time import ago, as_utc, utc_column
from netgraph.errors import InputError, NotFoundError
from netgraph.routing.index import PathIndex

__all__ = [
    "CompanyTieModel",
    "Hop",
    "WarmPath",
    "WarmPaths",
    "company_links",
    "introducers",
    "reach",
    "warm_paths",
]

_INF = np.inf
_CHANNELS = ("meeting", "call", "message", "email", "linkedin", "other")
_PLURAL = {"meeting": ("meeting", "meetings"), "call": ("call", "calls"),
           "message": ("message", "messages"), "email": ("e-mail", "e-mails"),
           "linkedin": ("LinkedIn interaction", "LinkedIn interactions"),
           "other": ("other contact", "other contacts")}


# =========================================================================== company ties
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
    >>> from netgraph.routing.paths import CompanyTieModel
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
        >>> from netgraph.routing.paths import CompanyTieModel
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
    >>> from netgraph.routing.paths import company_links
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


# =========================================================================== results
@dataclass(frozen=True)
class Hop:
    """One hop of a warm path, with why it is warm.

    Attributes
    ----------
    from_, to : str
        Names (``to`` is the company name on the last hop into a company).
    from_id, to_id : str
        Person ids (``to_id`` is the company id on a company hop).
    strength : float
        The chance the person acts along this hop (0..1].
    kind : str
        ``"knows"`` (a tie), ``"works_at"`` (current) or ``"worked_at"`` (alumnus).
    evidence : str
        Why this hop is warm, in words (last contact, channels, since when,
        shared employer; or the title at the company).
    details : dict
        The same evidence as values (``since``, ``last_contact``, counts,
        ``tie_row``, ``title``, ...).
    """

    from_: str
    to: str
    from_id: str
    to_id: str
    strength: float
    kind: str
    evidence: str
    details: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.from_} -> {self.to} ({self.strength:.2f}: {self.evidence})"


@dataclass(frozen=True)
class WarmPath:
    """A ranked route from a source (an owner) to a person inside the target.

    Attributes
    ----------
    probability : float
        Product of the hops' strengths.
    people : list of str
        Names from the source to the person inside the company (or the
        target person).
    person_ids : list of str
        Their person ids.
    company, company_id : str or None
        The target company (None for a person target).
    hops : list of Hop
        Person-person hops, then the hop into the company.

    Examples
    --------
    >>> from netgraph.routing.paths import _example_index, warm_paths
    >>> best = warm_paths(_example_index(), "Acme Robotics")[0]
    >>> best.introducer, best.n_hops, best.weakest.strength
    ('Tom Baker', 2, 0.6)
    >>> print(best)  # doctest: +ELLIPSIS
    Maya Chen -> Tom Baker (0.70: ...) -> Lena Ortiz (0.60, weakest link: ...) -> Acme Robotics (0.90: current Staff Engineer since 2019). Chance 0.38.
    """

    probability: float
    people: list[str]
    person_ids: list[str]
    company: str | None
    company_id: str | None
    hops: list[Hop]

    @property
    def source(self) -> str:
        """The owner the path starts from."""
        return self.people[0]

    @property
    def introducer(self) -> str | None:
        """The first person to ask (None when the owner is inside the company)."""
        return self.people[1] if len(self.people) > 1 else None

    @property
    def target_person(self) -> str:
        """The person inside the company (or the target person)."""
        return self.people[-1]

    @property
    def n_hops(self) -> int:
        """Person-to-person hops (the hop into the company is not counted)."""
        return len(self.people) - 1

    @property
    def weakest(self) -> Hop:
        """The weakest hop (the first one on equal strengths)."""
        return min(self.hops, key=lambda h: h.strength)

    def text(self) -> str:
        """The path as names only: ``"Maya -> Tom -> Lena -> Acme"``."""
        names = list(self.people) + ([self.company] if self.company is not None else [])
        return " -> ".join(names)

    def __str__(self) -> str:
        weak = self.weakest if len(self.hops) > 1 else None
        if self.n_hops == 0 and self.company is not None:
            h = self.hops[0]
            return (f"{self.source} is inside {self.company} ({h.strength:.2f}: {h.evidence}): "
                    f"no introduction needed. Chance {self.probability:.2f}.")
        parts = [self.people[0]]
        for h in self.hops:
            mark = ", weakest link: " if h is weak else ": "
            parts.append(f"{h.to} ({h.strength:.2f}{mark}{h.evidence})")
        return " -> ".join(parts) + f". Chance {self.probability:.2f}."

    def _repr_html_(self) -> str:
        e = html.escape
        weak = self.weakest if len(self.hops) > 1 else None
        bold = ' style="font-weight:bold"'
        rows = "".join(
            f"<tr{bold if h is weak else ''}><td>{e(h.from_)}</td>"
            f"<td>{e(h.to)}</td><td>{h.strength:.2f}</td><td>{e(h.kind)}</td>"
            f"<td>{e(h.evidence)}</td></tr>" for h in self.hops)
        return (f"<div><p><b>{e(self.text())}</b>: chance {self.probability:.2f}</p>"
                "<table><tr><th>from</th><th>to</th><th>strength</th><th>kind</th>"
                f"<th>evidence</th></tr>{rows}</table></div>")


class WarmPaths(Sequence):
    """The ranked warm paths to one target (a sequence of :class:`WarmPath`).

    An empty result is falsy and says why in :attr:`reason`.

    Attributes
    ----------
    target, target_id : str
        The resolved target's name and id (company id or person id).
    kind : str
        ``"company"`` or ``"person"``.
    source : str
        Who the paths start from ("Maya Chen", or "your team (3 owners)").
    max_hops : int
    reason : str
        Why there is no path (``""`` when there are paths).

    Examples
    --------
    >>> from netgraph.routing.paths import _example_index, warm_paths
    >>> paths = warm_paths(_example_index(), "Globex")
    >>> bool(paths), paths.reason
    (False, 'nobody in your network has worked at Globex')
    """

    def __init__(self, paths: Iterable[WarmPath], *, target: str, target_id: str,
                 kind: str, source: str, max_hops: int, reason: str = "") -> None:
        self._paths = tuple(paths)
        self.target = target
        self.target_id = target_id
        self.kind = kind
        self.source = source
        self.max_hops = max_hops
        self.reason = "" if self._paths else reason

    @overload
    def __getitem__(self, i: int) -> WarmPath: ...
    @overload
    def __getitem__(self, i: slice) -> WarmPaths: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return WarmPaths(self._paths[i], target=self.target, target_id=self.target_id,
                             kind=self.kind, source=self.source, max_hops=self.max_hops,
                             reason=self.reason or "no path in this slice")
        return self._paths[i]

    def __len__(self) -> int:
        return len(self._paths)

    def __iter__(self) -> Iterator[WarmPath]:
        return iter(self._paths)

    def to_frame(self) -> pd.DataFrame:
        """One row per path, for notebooks.

        Columns: ``rank``, ``probability``, ``hops`` (person-to-person),
        ``source``, ``introducer``, ``person`` (inside the company),
        ``person_id``, ``weakest`` (the weakest hop, "from -> to"),
        ``weakest_strength``, ``path`` (names).

        Examples
        --------
        >>> from netgraph.routing.paths import _example_index, warm_paths
        >>> warm_paths(_example_index(), "acme robotics").to_frame()[["rank", "introducer"]]
           rank introducer
        0     1  Tom Baker
        1     2  Ana Silva
        """
        rows = []
        for r, p in enumerate(self._paths, 1):
            w = p.weakest
            rows.append({"rank": r, "probability": p.probability, "hops": p.n_hops,
                         "source": p.source, "introducer": p.introducer or "",
                         "person": p.target_person, "person_id": p.person_ids[-1],
                         "weakest": f"{w.from_} -> {w.to}", "weakest_strength": w.strength,
                         "path": p.text()})
        cols = ["rank", "probability", "hops", "source", "introducer", "person", "person_id",
                "weakest", "weakest_strength", "path"]
        return pd.DataFrame(rows, columns=cols).astype(
            {"rank": "int64", "probability": "float64", "hops": "int64",
             "weakest_strength": "float64"})

    def _title(self) -> str:
        if not self._paths:
            return f"No warm path to {self.target}: {self.reason}."
        n = len(self._paths)
        return (f"{n} warm path{'s' if n != 1 else ''} to {self.target} from {self.source} "
                f"(at most {self.max_hops} hops):")

    def __str__(self) -> str:
        lines = [self._title()]
        lines += [f"{i}. {p}" for i, p in enumerate(self._paths, 1)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        if not self._paths:
            return f"<WarmPaths to {self.target!r}: none ({self.reason})>"
        return (f"<WarmPaths to {self.target!r}: {len(self)} paths, best "
                f"{self._paths[0].probability:.2f} via {self._paths[0].introducer}>")

    def _repr_html_(self) -> str:
        head = f"<p>{html.escape(self._title())}</p>"
        if not self._paths:
            return head
        return head + self.to_frame().to_html(index=False, escape=True)


# =========================================================================== name resolution
class _Target(NamedTuple):
    kind: str  # "company" | "person"
    code: int
    name: str
    id: str


def _company_lookup(ix: PathIndex) -> dict[str, int]:
    lk = ix._cache.get("company_lookup")
    if lk is None:
        from netgraph.data.identity import company_key

        comp = ix.companies
        n = len(comp)
        codes = np.arange(n)
        ids = comp["company_id"].astype(object).tolist()
        lk = {}
        for k, c in zip(ids, codes, strict=True):
            lk.setdefault(k, int(c))
        names = comp["name"].astype(object).fillna("")
        al = comp["aliases"].astype(object).fillna("").str.split("|") if "aliases" in comp \
            else pd.Series([[]] * n, dtype=object)
        al = al.explode()
        al = al[al.notna() & (al != "")]
        for col, pos in ((ids, codes), (names, codes), (al, al.index.to_numpy())):
            keys = company_key(pd.Series(list(col), dtype=object))
            for k, c in zip(keys.tolist(), pos, strict=True):
                if k:
                    lk.setdefault(k, int(c))
        ix._cache["company_lookup"] = lk
    return lk


def _company_code(ix: PathIndex, text: str) -> int:
    from netgraph.data.identity import company_key

    lk = _company_lookup(ix)
    if text in lk:
        return lk[text]
    key = company_key(pd.Series([text], dtype=object)).iloc[0]
    if not key:
        return -1
    if key in lk:
        return lk[key]
    # "Acme" for "Acme Robotics": a leading word match, when it names one company only
    codes = {c for k, c in lk.items() if k.startswith(key + " ")}
    return codes.pop() if len(codes) == 1 else -1


_URL_RE = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _person_codes(ix: PathIndex, text: str) -> np.ndarray:
    """Person codes matching an id, profile URL, e-mail or (folded) name."""
    pos = ix.person_ids.get_indexer([text])
    if pos[0] >= 0:
        return pos.astype(np.int64)
    m = _URL_RE.search(text)
    if m:
        slug = m.group(1).rstrip("/").lower()
        pos = ix.person_ids.get_indexer(["in:" + slug])
        if pos[0] < 0 and "url" in ix.people:  # known by name first, URL learnt later
            urls = ix.people["url"].astype(object).str.lower().str.rstrip("/")
            pos = np.flatnonzero((urls == "https://www.linkedin.com/in/" + slug).to_numpy())
        return pos[pos >= 0].astype(np.int64)
    if _EMAIL_RE.fullmatch(text):
        pos = ix.person_ids.get_indexer(["email:" + text.lower()])
        return pos[pos >= 0].astype(np.int64)
    from netgraph.data.identity import name_key

    keys = ix._cache.get("name_keys")
    if keys is None:
        keys = pd.Index(name_key(pd.Series(ix.names(), dtype=object)).to_numpy(), dtype=object)
        ix._cache["name_keys"] = keys
    key = name_key(pd.Series([text], dtype=object)).iloc[0]
    if not key:
        return np.empty(0, dtype=np.int64)
    pos = keys.get_indexer_for([key])
    return np.sort(pos[pos >= 0]).astype(np.int64)


def _suggest(ix: PathIndex, text: str, people: bool = True, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    ch = ix._cache.get("choices")
    if ch is None:
        comp = ix.companies
        display = comp["name"].astype(object).fillna("").tolist()
        spelled = {n: n for n in display if n}  # every spelling -> the company's name
        if "aliases" in comp:
            for name, al in zip(display, comp["aliases"].astype(object).fillna(""),
                                strict=True):
                for a in al.split("|"):
                    if a:
                        spelled.setdefault(a, name)
        pnames = list(pd.unique(pd.Series(ix.names(), dtype=object)))
        ch = (spelled, [n for n in pnames if n])
        ix._cache["choices"] = ch
    hits = [(ch[0][h[0]], h[1]) for h in process.extract(
        text, list(ch[0]), scorer=fuzz.WRatio, processor=utils.default_process,
        limit=limit * 3, score_cutoff=50)]
    if people:
        hits += process.extract(text, ch[1], scorer=fuzz.WRatio,
                                processor=utils.default_process, limit=limit, score_cutoff=50)
    hits.sort(key=lambda h: -h[1])
    return list(dict.fromkeys(h[0] for h in hits))[:limit]


def _describe(ix: PathIndex, code: int) -> str:
    p = ix.people
    comp = str(p["company"].iat[code]) if "company" in p else ""
    pid = ix.person_ids[code]
    name = ix.names()[code]
    return f"{name} ({comp + ', ' if comp else ''}{pid})"


def _one_person(ix: PathIndex, text: str, what: str, prefer: np.ndarray | None = None) -> int:
    codes = _person_codes(ix, text)
    if len(codes) > 1 and prefer is not None:
        pref = codes[prefer[codes]]
        if len(pref) == 1:
            return int(pref[0])
    if len(codes) == 1:
        return int(codes[0])
    if len(codes) == 0:
        raise NotFoundError(f"no {what} {text!r} in this network",
                            suggestions=_suggest(ix, text, people=True),
                            hint="Use a name, a LinkedIn profile URL or a person_id.")
    cands = ", ".join(_describe(ix, int(c)) for c in codes[:10])
    raise NotFoundError(f"{text!r} matches {len(codes)} people: {cands}",
                        suggestions=[ix.person_ids[int(c)] for c in codes[:10]],
                        hint="Pass the person_id or the LinkedIn profile URL of the one you mean.")


def _resolve_target(ix: PathIndex, target: Any) -> _Target:
    if not isinstance(target, str) or not target.strip():
        raise InputError(f"target {target!r} is not a name",
                         expected="a company name, alias or id, or a person's name, "
                                  "profile URL or id")
    text = target.strip()
    c = _company_code(ix, text)
    if c >= 0:
        cid = str(ix.companies["company_id"].iat[c])
        return _Target("company", c, str(ix.companies["name"].iat[c] or cid), cid)
    codes = _person_codes(ix, text)
    if len(codes) == 0:
        raise NotFoundError(f"no company or person {text!r} in this network",
                            suggestions=_suggest(ix, text),
                            hint="Check the spelling, or add an alias for the company.")
    p = _one_person(ix, text, "person")
    return _Target("person", p, str(ix.names()[p]), str(ix.person_ids[p]))


def _resolve_sources(ix: PathIndex, source: Any) -> np.ndarray:
    owners = np.flatnonzero(ix.is_owner)
    if source is None:
        if not len(owners):
            raise InputError("this network has no owner to start paths from",
                             hint="Import your own LinkedIn export (it marks you as owner), "
                                  "or pass source= an owner.")
        return owners.astype(np.int64)
    items = [source] if isinstance(source, str) else list(source)
    if not items:
        raise InputError("source is empty", expected="an owner's name, profile URL or id")
    out = []
    names = ix.names()
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(f"source {item!r} is not a name",
                             expected="an owner's name, profile URL or id")
        code = _one_person(ix, item.strip(), "source", prefer=ix.is_owner)
        if not ix.is_owner[code]:
            raise InputError(f"{names[code]} ({ix.person_ids[code]}) is not an owner of this "
                             "network", expected="an owner (someone whose contacts were imported)",
                             hint="Owners: " + (", ".join(map(str, names[owners[:10]]))
                                                or "none"))
        out.append(code)
    return np.unique(np.asarray(out, dtype=np.int64))


def _source_label(ix: PathIndex, S: np.ndarray) -> str:
    if len(S) == 1:
        return str(ix.names()[S[0]])
    return f"your team ({len(S)} owners)"


def _resolve_exclude(ix: PathIndex, exclude: Any) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Excluded people (named ones and current employees of named companies), the
    companies, and a mask of the people named directly."""
    named = np.zeros(ix.n_people, dtype=bool)
    if exclude is None:
        return np.empty(0, dtype=np.int64), [], named
    items = [exclude] if isinstance(exclude, str) else list(exclude)
    people: list[np.ndarray] = []
    comps: list[int] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InputError(f"exclude item {item!r} is not a name",
                             expected="people or companies (names, URLs or ids)")
        text = item.strip()
        c = _company_code(ix, text)
        if c >= 0:
            comps.append(c)
            lo, hi = ix.emp_indptr[c], ix.emp_indptr[c + 1]
            people.append(ix.emp_person[lo:hi][ix.emp_current[lo:hi]].astype(np.int64))
            continue
        if not len(_person_codes(ix, text)):
            raise NotFoundError(f"cannot exclude {text!r}: no such company or person",
                                suggestions=_suggest(ix, text))
        code = _one_person(ix, text, "person")
        named[code] = True
        people.append(np.array([code], dtype=np.int64))
    codes = np.unique(np.concatenate(people)) if people else np.empty(0, dtype=np.int64)
    return codes, comps, named


# =========================================================================== search kernel
def _ragged(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(starts[i], starts[i] + lens[i])`` (edge positions of CSR rows)."""
    lens = lens.astype(np.int64, copy=False)
    tot = int(lens.sum())
    if tot == 0:
        return np.empty(0, dtype=np.int64)
    offs = np.cumsum(lens) - lens
    return np.repeat(starts.astype(np.int64) - offs, lens) + np.arange(tot, dtype=np.int64)


def _rows(ix: PathIndex, F: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    starts = ix.indptr[F]
    lens = ix.indptr[F + 1] - starts
    return _ragged(starts, lens), lens


def _dedupe(nodes: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """Sorted distinct values of *nodes* (a flag array over all people for big inputs)."""
    if len(nodes) * 64 < len(flag):
        s = np.sort(nodes)
        return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s
    flag[nodes] = True
    out = np.flatnonzero(flag)
    flag[out] = False
    return out


def _seg_argmin(val: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per contiguous segment: min of *val* and the position of its first minimum (-1 if empty)."""
    nseg = len(lens)
    mins = np.full(nseg, _INF)
    pos = np.full(nseg, -1, dtype=np.int64)
    ne = lens > 0
    if not ne.any():
        return mins, pos
    starts = (np.cumsum(lens) - lens)[ne]
    mins[ne] = np.minimum.reduceat(val, starts)
    seg = np.repeat(np.arange(nseg), lens)
    hit = np.flatnonzero(val == mins[seg])
    sh = seg[hit]
    first = np.r_[True, sh[1:] != sh[:-1]]
    pos[sh[first]] = hit[first]
    return mins, pos


class _Buffers:
    """Dense per-person work arrays, reused across queries (fresh pages cost page faults)."""

    def __init__(self, n: int) -> None:
        self.dist = np.full(n, _INF)
        self.succ = np.zeros(n, dtype=np.int32)
        self.sedge = np.zeros(n, dtype=np.int64)
        self.flag = np.zeros(n, dtype=bool)  # always all False between uses


class _borrow:
    """``with _borrow(ix) as buf``: a :class:`_Buffers` from the index's pool (thread-safe:
    a buffer is never shared; the pool only keeps a few)."""

    def __init__(self, ix: PathIndex) -> None:
        self.pool: list[_Buffers] = ix._cache.setdefault("buffers", [])
        self.n = ix.n_people

    def __enter__(self) -> _Buffers:
        try:
            buf = self.pool.pop()
            buf.dist.fill(_INF)
        except IndexError:
            buf = _Buffers(self.n)
        self.buf = buf
        return buf

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None and len(self.pool) < 4:
            self.pool.append(self.buf)


class _Layers:
    """One hop-bounded Bellman-Ford on borrowed buffers, and its history (records)."""

    def __init__(self, buf: _Buffers | None) -> None:
        if buf is not None:
            self.dist, self.succ, self.sedge, self.flag = buf.dist, buf.succ, buf.sedge, buf.flag
        # per layer: improved nodes (sorted), their successor, edge and new cost
        self.records: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def relax(self, ix: PathIndex, F: np.ndarray, allow: np.ndarray) -> np.ndarray:
        """One layer from frontier *F* into nodes where *allow*; returns the improved nodes."""
        e, lens = _rows(ix, F)
        if not len(e):
            return np.empty(0, dtype=np.int64)
        dist = self.dist
        nb = ix.indices[e]
        # filter by `allow` first: the last layer only enters the first introducers
        sel = np.flatnonzero(allow[nb])
        frm = np.repeat(F, lens)[sel]
        nb, e = nb[sel], e[sel]
        cand = dist[frm] + ix.cost[e]
        keep = np.flatnonzero(cand < dist[nb])
        if not len(keep):
            return np.empty(0, dtype=np.int64)
        nb, cand, e, frm = nb[keep], cand[keep], e[keep], frm[keep]
        np.minimum.at(dist, nb, cand)
        win = cand == dist[nb]
        nbw = nb[win]
        # several equal candidates: the first in edge order wins (assign reversed)
        self.succ[nbw[::-1]] = frm[win][::-1]
        self.sedge[nbw[::-1]] = e[win][::-1]
        out = _dedupe(nbw, self.flag)
        self.records.append((out, self.succ[out], self.sedge[out], dist[out]))
        return out

    def walk(self, v: int, h: int) -> list[tuple[int, int]]:
        """The (node, edge) hops after *v* on its best path of at most *h* layers."""
        out: list[tuple[int, int]] = []
        h = min(h, len(self.records))
        while h > 0:
            for hh in range(h, 0, -1):
                nodes, succ, sedge, _ = self.records[hh - 1]
                i = int(np.searchsorted(nodes, v))
                if i < len(nodes) and nodes[i] == v:
                    break
            else:
                break
            v = int(succ[i])
            out.append((v, int(sedge[i])))
            h = hh - 1
        return out


def _walk_many(lay: _Layers, v: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`_Layers.walk` for many start nodes at once: (nodes, edges), shape
    ``(len(v), h)``, -1 past the end of each path."""
    m = len(v)
    nodes = np.full((m, h), -1, dtype=np.int64)
    edges = np.full((m, h), -1, dtype=np.int64)
    recs = lay.records
    cur = np.asarray(v, dtype=np.int64).copy()
    hc = np.full(m, min(h, len(recs)), dtype=np.int64)
    alive = hc > 0
    for step in range(h):
        if not alive.any():
            break
        found = np.zeros(m, dtype=bool)
        nxt = np.full(m, -1, dtype=np.int64)
        for layer in range(len(recs), 0, -1):
            ln, ls, le, _ = recs[layer - 1]
            ci = np.flatnonzero(alive & ~found & (hc >= layer))
            if not len(ci) or not len(ln):
                continue
            pos = np.minimum(np.searchsorted(ln, cur[ci]), len(ln) - 1)
            hit = ln[pos] == cur[ci]
            rows, pos = ci[hit], pos[hit]
            found[rows] = True
            nxt[rows] = ls[pos]
            edges[rows, step] = le[pos]
            hc[rows] = layer - 1
        nodes[found, step] = nxt[found]
        cur = np.where(found, nxt, cur)
        alive = found & (hc > 0)
    return nodes, edges


@dataclass
class _Query:
    ix: PathIndex
    target: _Target
    sources: np.ndarray
    blocked: np.ndarray  # sources | excluded: never inside a path
    excluded: np.ndarray  # excluded people (bool over people)
    n_excluded: int
    Tu: np.ndarray  # target people who may end a path (sorted, not excluded)
    Tc: np.ndarray  # the cost of their last hop (0 for a person target)
    Tp: np.ndarray  # their link's position in the company CSR (-1 for a person target)
    T: np.ndarray  # target people (all, before exclusion)
    tpos: np.ndarray  # their position in the company CSR (-1 for a person target)
    max_hops: int
    label: str

    def tcost(self, nodes: np.ndarray) -> np.ndarray:
        """Cost of ending a path at each of *nodes* (inf where they are not target people)."""
        nodes = np.asarray(nodes)
        if not len(self.Tu):
            return np.full(nodes.shape, _INF)
        pos = np.minimum(np.searchsorted(self.Tu, nodes), len(self.Tu) - 1)
        return np.where(self.Tu[pos] == nodes, self.Tc[pos], _INF)


def _check_int(name: str, v: Any, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
        raise InputError(f"{name}={v!r} is out of range", expected=f"an integer in [{lo}, {hi}]")
    return int(v)


def _query(ix: PathIndex, target: Any, source: Any, max_hops: int, exclude: Any) -> _Query:
    H = _check_int("max_hops", max_hops, 1, 20)
    tgt = _resolve_target(ix, target)
    explicit = source is not None
    S = _resolve_sources(ix, source)
    ex_people, ex_comp, named = _resolve_exclude(ix, exclude)
    if tgt.kind == "company" and tgt.code in ex_comp:
        raise InputError(f"{tgt.name} is both the target and excluded",
                         hint="Remove it from exclude.")
    if tgt.kind == "person":
        if tgt.code in ex_people:
            raise InputError(f"{tgt.name} is both the target and excluded")
        if tgt.code in S:
            if explicit or len(S) == 1:
                raise InputError(f"{tgt.name} is the source of the search",
                                 hint="Search for someone else, or from another owner.")
            S = S[tgt.code != S]
    n = ix.n_people
    excluded = np.zeros(n, dtype=bool)
    excluded[ex_people] = True
    drop = named[S]
    if drop.any():
        if explicit or drop.all():
            raise InputError(f"the source {ix.names()[S[drop][0]]} is excluded",
                             hint="Do not exclude the owner the paths start from.")
        S = S[~drop]
    excluded[S] = False
    blocked = excluded.copy()
    blocked[S] = True
    if tgt.kind == "company":
        lo, hi = int(ix.emp_indptr[tgt.code]), int(ix.emp_indptr[tgt.code + 1])
        T = ix.emp_person[lo:hi].astype(np.int64)
        tc = ix.emp_cost[lo:hi].astype(np.float64)
        tpos = np.arange(lo, hi, dtype=np.int64)
    else:
        T = np.array([tgt.code], dtype=np.int64)
        tc = np.zeros(1)
        tpos = np.array([-1], dtype=np.int64)
    ok = ~excluded[T]
    order = np.lexsort((tc[ok], T[ok]))
    Tu, Tc, Tp = T[ok][order], tc[ok][order], tpos[ok][order]
    first = np.r_[True, Tu[1:] != Tu[:-1]] if len(Tu) else np.zeros(0, dtype=bool)
    return _Query(ix, tgt, S, blocked, excluded, int(excluded.sum()), Tu[first], Tc[first],
                  Tp[first], T, tpos, H,
                  _source_label(ix, S))


class _Tails:
    """Best cost from each first node to the target within a hop budget, and its path."""

    def __init__(self, R: np.ndarray, nxt: np.ndarray, nedge: np.ndarray, layers: _Layers,
                 budget: int) -> None:
        self.R, self.nxt, self.nedge, self.layers, self.budget = R, nxt, nedge, layers, budget

    def tail(self, firsts: np.ndarray, i: int) -> list[tuple[int, int]]:
        m = int(self.nxt[i])
        if m == -1:  # ends at the first node
            return []
        if m == -2:  # full backward variant: the records hold the first node itself
            return self.layers.walk(int(firsts[i]), self.budget)
        return [(m, int(self.nedge[i])), *self.layers.walk(m, self.budget - 1)]


def _best_from(q: _Query, firsts: np.ndarray, budget: int, blocked: np.ndarray) -> _Tails:
    """For each first node n: min cost n -> target within *budget* hops avoiding *blocked*.

    Backward layers from the target people for ``budget - 1`` hops, then the
    last hop either by one more backward layer (restricted to the first
    nodes) or by scanning the first nodes' ties, whichever touches fewer
    edges. First nodes may themselves be blocked (a source).
    """
    R = q.tcost(firsts)
    nxt = np.full(len(firsts), -1, dtype=np.int64)
    nedge = np.full(len(firsts), -1, dtype=np.int64)
    if budget == 0 or not len(firsts):
        return _Tails(R, nxt, nedge, _Layers(None), budget)
    with _borrow(q.ix) as buf:
        lay = _Layers(buf)
        R, nxt, nedge = _best_from_layers(q, lay, firsts, budget, blocked, R, nxt, nedge)
    return _Tails(R, nxt, nedge, lay, budget)


def _best_from_layers(q: _Query, lay: _Layers, firsts: np.ndarray, budget: int,
                      blocked: np.ndarray, R: np.ndarray, nxt: np.ndarray, nedge: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ix = q.ix
    allow = ~blocked
    ok = allow[q.Tu]
    Tn = q.Tu[ok]
    lay.dist[Tn] = q.Tc[ok]
    F = Tn
    for _ in range(budget - 1):
        if not len(F):
            break
        F = lay.relax(ix, F, allow)
    ip = ix.indptr
    scan = bool(blocked[firsts].any()) or \
        int((ip[firsts + 1] - ip[firsts]).sum()) <= int((ip[F + 1] - ip[F]).sum())
    if scan:
        e, lens = _rows(ix, firsts)
        if len(e):
            nb = ix.indices[e]
            val = ix.cost[e] + lay.dist[nb]
            mins, pos = _seg_argmin(val, lens)
            better = mins < R
            R[better] = mins[better]
            nxt[better] = nb[pos[better]]
            nedge[better] = e[pos[better]]
    else:
        only = np.zeros(ix.n_people, dtype=bool)
        only[firsts] = True
        lay.relax(ix, F, only)
        R = lay.dist[firsts].copy()
        nxt[:] = -2
    return R, nxt, nedge


def _first_hops(q: _Query) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Contacts of the sources that may be introducers: node, best cost, source, edge.

    The same for every target of the same sources and exclusions, so the last
    few are cached on the index.
    """
    ix = q.ix
    key = ("first_hops", q.sources.tobytes(), np.flatnonzero(q.blocked).tobytes())
    cache = ix._cache.setdefault("first_hops", {})
    if key in cache:
        return cache[key]
    e, lens = _rows(ix, q.sources)
    nb = ix.indices[e]
    keep = ~q.blocked[nb]
    e, nb = e[keep], nb[keep]
    c = ix.cost[e].astype(np.float64)
    s_of = np.repeat(q.sources, lens)[keep]
    with _borrow(ix) as buf:
        # per contact: the cheapest tie from any source (first in source order on equal costs)
        np.minimum.at(buf.dist, nb, c)
        win = c == buf.dist[nb]
        buf.succ[nb[win][::-1]] = s_of[win][::-1]
        buf.sedge[nb[win][::-1]] = e[win][::-1]
        firsts = _dedupe(nb[win], buf.flag).astype(np.int64)
        out = (firsts, buf.dist[firsts], buf.succ[firsts].astype(np.int64), buf.sedge[firsts])
    for a in out:
        a.flags.writeable = False
    if len(cache) >= 8:
        cache.pop(next(iter(cache)))
    cache[key] = out
    return out


def _simple(hops: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove cycles from a walk of (node, edge-into-node) pairs."""
    out: list[tuple[int, int]] = []
    pos: dict[int, int] = {}
    for v, e in hops:
        if v in pos:
            k = pos[v]
            for u, _ in out[k + 1:]:
                del pos[u]
            del out[k + 1:]
        else:
            pos[v] = len(out)
            out.append((v, e))
    return out


# =========================================================================== evidence
_EVIDENCE_COLS = ("last_contact", *(f"n_{c}" for c in _CHANNELS), "n_in", "n_out", "since",
                  "override", "cooling", "silence_days", "tier")


def _row(frame: pd.DataFrame | None, row: int, cols: Sequence[str]) -> dict[str, Any] | None:
    """Some cells of one row (column by column: much faster than ``iloc[row]``)."""
    if frame is None:
        return None
    return {c: frame[c].iat[row] for c in cols if c in frame.columns}


def _val(row: dict[str, Any] | None, col: str) -> Any:
    if row is None or col not in row:
        return None
    v = row[col]
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _shared(ix: PathIndex, u: int, v: int) -> list[str]:
    """Employers u and v both worked at with overlapping (or undated) stints."""
    cu = ix.pc_company[ix.pc_indptr[u]:ix.pc_indptr[u + 1]]
    cv = ix.pc_company[ix.pc_indptr[v]:ix.pc_indptr[v + 1]]
    common = np.intersect1d(cu, cv)
    if not len(common):
        return []
    links = ix.links
    out = []
    for c in common[:5]:
        rows = []
        for p in (u, v):
            lo, hi = ix.pc_indptr[p], ix.pc_indptr[p + 1]
            k = lo + int(np.flatnonzero(ix.pc_company[lo:hi] == c)[0])
            rows.append(int(ix.pc_link[k]))
        name = str(ix.companies["name"].iat[int(c)] or ix.companies["company_id"].iat[int(c)])
        if "start" in links and "end" in links:
            s = [links["start"].iat[r] for r in rows]
            e = [links["end"].iat[r] for r in rows]
            if not any(pd.isna(x) for x in s):
                end = [ix.at if pd.isna(x) else x for x in e]
                overlap = (min(end) - max(s)).days / 365.25
                if overlap <= 0:
                    continue
                name += f" ({overlap:.1f} years overlap)" if overlap >= 1 else \
                    f" ({overlap * 12:.0f} months overlap)"
        out.append(name)
    return out


def _tie_evidence(ix: PathIndex, row: int, u: int, v: int) -> tuple[str, dict[str, Any]]:
    ev = _row(ix.evidence, row, _EVIDENCE_COLS)
    tie = _row(ix.ties, row, ("since", "source"))
    d: dict[str, Any] = {"tie_row": row}
    parts = []
    last = _val(ev, "last_contact")
    if last is not None:
        d["last_contact"] = last
        parts.append(f"last contact {ago(pd.Timestamp(last), ix.at)}")
    counts = {c: int(_val(ev, f"n_{c}") or 0) for c in _CHANNELS}
    d.update({f"n_{c}": k for c, k in counts.items()})
    if sum(counts.values()):
        words = [f"{k} {_PLURAL[c][k != 1]}" for c, k in counts.items() if k]
        n_in, n_out = int(_val(ev, "n_in") or 0), int(_val(ev, "n_out") or 0)
        d.update(n_in=n_in, n_out=n_out)
        way = " both ways" if n_in and n_out else (" one-way" if n_in or n_out else "")
        parts.append(", ".join(words) + way)
    since = _val(ev, "since")
    if since is None:
        since = _val(tie, "since")
    if since is not None:
        d["since"] = since
        parts.append(f"connected since {pd.Timestamp(since).year}")
    shared = _shared(ix, u, v)
    if shared:
        d["shared_employers"] = shared
        parts.append("worked together at " + ", ".join(shared))
    if (_val(ev, "override") or 0) > 0:
        parts.append("strength set by hand")
    if _val(ev, "cooling") is True:
        sd = _val(ev, "silence_days")
        parts.append(f"cooling: silent {sd:.0f} days" if sd is not None else "cooling")
    tier = _val(ev, "tier")
    if tier is not None:
        d["tier"] = tier
    src = _val(tie, "source")
    if src:
        d["source"] = src
    if not parts:
        parts.append(f"connected via {src}; no interaction on record" if src else
                     "connected; no interaction on record")
    return "; ".join(parts), d


def _link_evidence(ix: PathIndex, pos: int) -> tuple[str, dict[str, Any], str]:
    row = int(ix.emp_row[pos])
    r = _row(ix.links, row, ("title", "start", "end"))
    title = _val(r, "title") or ""
    start, end = _val(r, "start"), _val(r, "end")
    current = bool(ix.emp_current[pos])
    d = {"link_row": row, "title": title, "start": start, "end": end, "current": current}
    if current:
        text = f"current {title}" if title else "current employee"
        if start is not None:
            text += f" since {pd.Timestamp(start).year}"
    else:
        text = f"former {title}" if title else "former employee"
        text += (f", left {pd.Timestamp(end).year} ({ago(pd.Timestamp(end), ix.at)})"
                 if end is not None else ", end date unknown")
    return text, d, "works_at" if current else "worked_at"


def _make_path(q: _Query, nodes: list[tuple[int, int]]) -> WarmPath:
    """A WarmPath from [(source, -1), (node, edge), ...] (exact float64 strengths)."""
    ix = q.ix
    names = ix.names()
    ids = ix.person_ids
    hops = []
    for (u, _), (v, e) in pairwise(nodes):
        row = int(ix.edge_tie[e])
        text, d = _tie_evidence(ix, row, u, v)
        hops.append(Hop(str(names[u]), str(names[v]), str(ids[u]), str(ids[v]),
                        float(ix.tie_strength[row]), "knows", text, d))
    last = nodes[-1][0]
    company = company_id = None
    if q.target.kind == "company":
        lo = int(ix.emp_indptr[q.target.code])
        seg = ix.emp_person[lo:int(ix.emp_indptr[q.target.code + 1])]
        k = np.flatnonzero(seg == last)
        pos = lo + int(k[np.argmin(ix.emp_cost[lo + k])])
        text, d, kind = _link_evidence(ix, pos)
        company, company_id = q.target.name, q.target.id
        hops.append(Hop(str(names[last]), company, str(ids[last]), company_id,
                        float(ix.link_strength[ix.emp_row[pos]]), kind, text, d))
    prob = math.prod(h.strength for h in hops)
    return WarmPath(prob, [str(names[v]) for v, _ in nodes], [str(ids[v]) for v, _ in nodes],
                    company, company_id, hops)


def _hop_distance(ix: PathIndex, S: np.ndarray, targets: np.ndarray, blocked: np.ndarray,
                  cap: int) -> int:
    """Fewest person hops from S to any of *targets* avoiding *blocked* inside (-1: none)."""
    n = ix.n_people
    is_t = np.zeros(n, dtype=bool)
    is_t[targets] = True
    if is_t[S].any():
        return 0
    seen = blocked.copy()
    seen[S] = True
    seen[targets] = False
    flag = np.zeros(n, dtype=bool)
    F = S
    for h in range(1, cap + 1):
        e, _ = _rows(ix, F)
        nb = ix.indices[e]
        nb = nb[~seen[nb]]
        if not len(nb):
            return -1
        if is_t[nb].any():
            return h
        seen[nb] = True
        F = _dedupe(nb, flag)
    return -1


def _why_empty(q: _Query) -> str:
    ix = q.ix
    tg = q.target
    H = q.max_hops
    if tg.kind == "company":
        n_all = len(q.T)
        if n_all == 0:
            return f"nobody in your network has worked at {tg.name}"
        cur = int(ix.emp_current[q.tpos].sum())
        who = f"{n_all} {'person' if n_all == 1 else 'people'} at {tg.name} ({cur} current, " \
              f"{n_all - cur} former)"
    else:
        who = tg.name
    open_t = q.T[~q.excluded[q.T]]
    if not len(open_t):
        if tg.kind == "person":
            return f"{tg.name} is excluded"
        if len(q.T) == 1:
            return f"the only person at {tg.name}, {ix.names()[q.T[0]]}, is excluded"
        return f"all {len(q.T)} people at {tg.name} are excluded"
    cap = max(2 * H, H + 4)
    d = _hop_distance(ix, q.sources, open_t, q.blocked, cap)
    only_src = np.zeros(ix.n_people, dtype=bool)
    only_src[q.sources] = True
    if q.n_excluded and (d < 0 or d > H):
        d0 = _hop_distance(ix, q.sources, q.T, only_src, H)
        if 0 <= d0 <= H:
            return (f"{who}, but all routes within {_hops(H)} of {q.label} go through "
                    "excluded people")
    if tg.kind == "person":
        if d > H:
            return f"{who} is {_hops(d)} from {q.label}, more than max_hops={H}"
        return f"{who} is not connected to {q.label} within {_hops(cap)}"
    if d > H:
        return (f"{who}, but none within {_hops(H)} of {q.label}: the closest is {_hops(d)} "
                f"away (try max_hops={d})")
    return f"{who}, but none within {_hops(cap)} of {q.label}"


def _hops(n: int) -> str:
    return f"{n} hop" if n == 1 else f"{n} hops"


# =========================================================================== public queries
def _ranked(q: _Query, k: int | None = None) -> tuple[np.ndarray, ...]:
    """Candidate first steps, best first (all, or the k best and their equals): value,
    first node (-1: a 0-hop path), source, position in firsts; firsts, their edges, tails."""
    firsts, fcost, fsrc, fedge = _first_hops(q)
    tails = _best_from(q, firsts, q.max_hops - 1, q.blocked)
    val = fcost + tails.R
    zc = q.tcost(q.sources)
    zs = q.sources[np.isfinite(zc)]
    allv = np.concatenate([zc[np.isfinite(zc)], val])
    node = np.concatenate([np.full(len(zs), -1, dtype=np.int64), firsts])
    src = np.concatenate([zs, fsrc]).astype(np.int64)
    idx = np.concatenate([np.full(len(zs), -1, dtype=np.int64), np.arange(len(firsts))])
    fin = np.isfinite(allv)
    if k is not None and fin.sum() > 4 * k:  # only the k best (and equals) need sorting
        kth = np.partition(allv[fin], k - 1)[k - 1]
        fin &= allv <= kth
    allv, node, src, idx = allv[fin], node[fin], src[fin], idx[fin]
    order = np.lexsort((src, node, allv))
    return allv[order], node[order], src[order], idx[order], firsts, fedge, tails


def _nodes_of(node: int, src: int, i: int, firsts: np.ndarray, fedge: np.ndarray,
              tails: _Tails) -> list[tuple[int, int]]:
    if node < 0:
        return [(src, -1)]
    return _simple([(src, -1), (node, int(fedge[i])), *tails.tail(firsts, i)])


def _edge_costs(ix: PathIndex, nodes: list[tuple[int, int]]) -> float:
    return float(sum(float(ix.cost[e]) for _, e in nodes[1:]))


class _Backward:
    """A backward hop-bounded search from the target people, kept for many lookups."""

    def __init__(self, q: _Query, layers: int, blocked: np.ndarray) -> None:
        self.q = q
        with _borrow(q.ix) as buf:
            self.lay = _Layers(buf)
            allow = ~blocked
            ok = allow[q.Tu]
            F = q.Tu[ok]
            self.lay.dist[F] = q.Tc[ok]
            for _ in range(layers):
                if not len(F):
                    break
                F = self.lay.relax(q.ix, F, allow)

    def value(self, v: np.ndarray, h: int) -> np.ndarray:
        """Best cost from each (unblocked) node of *v* to the target within *h* hops."""
        out = self.q.tcost(v)
        found = np.zeros(len(v), dtype=bool)
        recs = self.lay.records
        for layer in range(min(h, len(recs)), 0, -1):
            ln, _, _, lv = recs[layer - 1]
            if not len(ln):
                continue
            pos = np.minimum(np.searchsorted(ln, v), len(ln) - 1)
            hit = (ln[pos] == v) & ~found
            out[hit] = lv[pos[hit]]
            found |= hit
        return out


def _yen(q: _Query, k: int, first: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """k best loopless paths (hop-bounded) by Yen's algorithm; paths as (node, edge) lists.

    Each spur search is first answered from one backward search that only
    avoids the sources (a relaxation: never worse than the exact answer); when
    its best spur path avoids the root path it is exact, else the spur is
    searched again with the root blocked.
    """
    ix = q.ix
    H = q.max_hops
    back = _Backward(q, H - 1, q.blocked)

    def total(p: list[tuple[int, int]]) -> float:
        return _edge_costs(ix, p) + float(q.tcost(np.array([p[-1][0]]))[0])

    def push(path: list[tuple[int, int]]) -> None:
        path = _simple(path)
        key = tuple(v for v, _ in path)
        if key not in keys:
            keys.add(key)
            heapq.heappush(heap, (total(path), key, path))

    A = [first]
    keys = {tuple(v for v, _ in first)}
    heap: list[tuple[float, tuple[int, ...], list[tuple[int, int]]]] = []
    while len(A) < k:
        prev = A[-1]
        pv = [v for v, _ in prev]
        # spur at the virtual root: another source (exact: only sources are blocked)
        banned = {p[0][0] for p in A}
        cand_src = np.array([s for s in q.sources if s not in banned], dtype=np.int64)
        if len(cand_src):
            e, lens = _rows(ix, cand_src)
            nb = ix.indices[e].astype(np.int64)
            ok = ~q.blocked[nb]
            val = np.where(ok, ix.cost[e] + back.value(nb, H - 1), _INF)
            mins, pos = _seg_argmin(val, lens)
            R = q.tcost(cand_src)
            go = mins < R
            R = np.where(go, mins, R)
            if np.isfinite(R).any():
                i = int(np.lexsort((cand_src, R))[0])
                s0 = int(cand_src[i])
                if go[i]:
                    m = int(nb[pos[i]])
                    push([(s0, -1), (m, int(e[pos[i]])), *back.lay.walk(m, H - 1)])
                else:
                    push([(s0, -1)])
        for i in range(len(prev)):
            root = prev[:i + 1]
            rv = pv[:i + 1]
            x = pv[i]
            same = [p for p in A if [v for v, _ in p[:i + 1]] == rv]
            banned_next = {p[i + 1][0] for p in same if len(p) > i + 1}
            end_cost = float(q.tcost(np.array([x]))[0])
            can_end = not any(len(p) == i + 1 for p in same) and math.isfinite(end_cost)
            budget = H - i
            blocked = q.blocked.copy()
            blocked[rv] = True
            rc = _edge_costs(ix, root)
            best: tuple[float, list[tuple[int, int]]] | None = None
            if can_end:
                best = (rc + end_cost, list(root))
            if budget >= 1:
                lo, hi = int(ix.indptr[x]), int(ix.indptr[x + 1])
                nb = ix.indices[lo:hi].astype(np.int64)
                e = np.arange(lo, hi, dtype=np.int64)
                ok = ~blocked[nb]
                if banned_next:
                    ok &= ~np.isin(nb, list(banned_next))
                nb, e = nb[ok], e[ok]
                if len(nb):
                    # one candidate per neighbour: its cheapest edge
                    c = ix.cost[e].astype(np.float64)
                    order = np.lexsort((c, nb))
                    nb, e, c = nb[order], e[order], c[order]
                    f = np.r_[True, nb[1:] != nb[:-1]]
                    nb, e, c = nb[f], e[f], c[f]
                    val = rc + c + back.value(nb, budget - 1)
                    spur = None
                    if np.isfinite(val).any():
                        j = int(np.lexsort((nb, val))[0])
                        tail = back.lay.walk(int(nb[j]), budget - 1)
                        if not any(blocked[v] for v, _ in tail):  # relaxed answer is exact
                            spur = (float(val[j]), [(int(nb[j]), int(e[j])), *tail])
                        else:
                            t = _best_from(q, nb, budget - 1, blocked)
                            val = rc + c + t.R
                            if np.isfinite(val).any():
                                j = int(np.lexsort((nb, val))[0])
                                spur = (float(val[j]), [(int(nb[j]), int(e[j])),
                                                        *t.tail(nb, j)])
                    if spur is not None and (best is None or spur[0] < best[0]):
                        best = (spur[0], [*root, *spur[1]])
            if best is not None:
                push(best[1])
        if not heap:
            break
        A.append(heapq.heappop(heap)[2])
    return A


def warm_paths(
    index: PathIndex,
    target: str,
    source: str | Sequence[str] | None = None,
    k: int = 5,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
    distinct_introducers: bool = True,
) -> WarmPaths:
    """The k warmest introduction paths to a company (or a person).

    Parameters
    ----------
    index : PathIndex
        Built by :meth:`PathIndex.build` (the ``Network`` builds and caches it).
    target : str
        A company name in any spelling or alias ("Acme", "ACME Inc."), a
        company id, or a person (name, LinkedIn profile URL or person_id):
        paths then end at that person. A company wins over a person of the
        same name.
    source : str or sequence of str, optional
        The owner(s) the paths start from (name, URL or person_id). Default:
        every owner, each path starting at the owner it comes from ("who on
        our team has the warmest path").
    k : int, default 5
        How many paths.
    max_hops : int, default 3
        Most person-to-person hops (the hop into the company is not
        counted; a contact who works there is 1 hop).
    exclude : str or iterable of str
        People (name, URL, id) nobody should ask, and companies (any
        spelling) whose *current* employees must not hear of it (your own
        employer). Owners are never removed by a company.
    distinct_introducers : bool, default True
        Give the best path through each of k different first introducers
        (the person after the owner): k people to ask, not k variants
        through one. False gives the true k best loopless paths (Yen).

    Returns
    -------
    WarmPaths
        Ranked by probability (non-increasing; equal ones by the people's
        order in the tables). Empty (and falsy) when no path exists within
        ``max_hops``, with ``.reason`` saying why. An owner who works at the
        target has a 0-hop path (no introducer).

    Raises
    ------
    NotFoundError
        Unknown target or source (with the closest names as suggestions),
        or a person name that matches several people (the candidates'
        person ids are the suggestions).
    InputError
        A source that is not an owner, a bad ``k``/``max_hops``, or a target
        that is also excluded.

    Examples
    --------
    >>> from netgraph.routing.paths import _example_index, warm_paths
    >>> ix = _example_index()
    >>> for p in warm_paths(ix, "acme robotics"):
    ...     print(round(p.probability, 3), p.text())
    0.378 Maya Chen -> Tom Baker -> Lena Ortiz -> Acme Robotics
    0.051 Maya Chen -> Ana Silva -> Raj Patel -> Acme Robotics
    >>> warm_paths(ix, "Acme Robotics", exclude=["Lena Ortiz"])[0].introducer
    'Ana Silva'
    >>> warm_paths(ix, "Acme", max_hops=1).reason
    '2 people at Acme Robotics (1 current, 1 former), but none within 1 hop of Maya Chen: the closest is 2 hops away (try max_hops=2)'
    """
    _check_int("k", k, 1, 10_000)
    q = _query(index, target, source, max_hops, exclude)
    kw = dict(target=q.target.name, target_id=q.target.id, kind=q.target.kind,
              source=q.label, max_hops=q.max_hops)
    allv, node, src, idx, firsts, fedge, tails = _ranked(q, k if distinct_introducers else 1)
    if not len(allv):
        return WarmPaths([], reason=_why_empty(q), **kw)
    if distinct_introducers:
        chosen = [_nodes_of(int(node[j]), int(src[j]), int(idx[j]), firsts, fedge, tails)
                  for j in range(min(k, len(allv)))]
    else:
        best = _nodes_of(int(node[0]), int(src[0]), int(idx[0]), firsts, fedge, tails)
        chosen = _yen(q, k, best)
    paths = [_make_path(q, p) for p in chosen]
    paths.sort(key=lambda p: -p.probability)  # stable: exact products, same order on ties
    return WarmPaths(paths, **kw)


def _route_counts(q: _Query, firsts: np.ndarray, budget: int) -> np.ndarray:
    """Per first node: distinct target people within *budget* hops (avoiding blocked)."""
    import scipy.sparse as sp

    ix = q.ix
    n = ix.n_people
    open_ = ~q.blocked
    T = q.Tu[open_[q.Tu]]
    counts = np.zeros(n, dtype=np.int64)
    if not len(T) or not len(firsts):
        return counts[firsts]
    A = sp.csr_array((np.ones(len(ix.indices), dtype=bool), ix.indices, ix.indptr),
                     shape=(n, n))
    chunk = 512
    for lo in range(0, len(T), chunk):
        t = T[lo:lo + chunk]
        P = sp.csr_array((np.ones(len(t), dtype=bool), (np.arange(len(t)), t)),
                         shape=(len(t), n))
        for _ in range(budget):
            P = (P + P @ A).tocsr()
            P.data &= open_[P.indices]
            P.eliminate_zeros()
        counts += np.bincount(P.indices, minlength=n)
    return counts[firsts]


def introducers(
    index: PathIndex,
    target: str,
    source: str | Sequence[str] | None = None,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
    count_routes: bool = True,
) -> pd.DataFrame:
    """Whom among the owners' direct contacts to ask, best first.

    Parameters
    ----------
    index, target, source, max_hops, exclude
        As in :func:`warm_paths`.
    count_routes : bool, default True
        Count ``routes``. This is the costly part for the largest employers
        of a big network (seconds for a 10,000-person company in a network
        of 330,000): False leaves ``routes`` as <NA>.

    Returns
    -------
    pandas.DataFrame
        One row per contact with a route within ``max_hops``: ``introducer``,
        ``introducer_id``, ``source`` (the owner who knows them best),
        ``probability`` (of the best path through them), ``routes`` (how many
        distinct people at the target they can reach within
        ``max_hops - 1`` hops, themselves included, avoiding owners and
        excluded people), ``hops`` and ``person`` (of the best path), and
        ``path`` (its names). Sorted by probability, then people order. An
        owner who works at the target is not an introducer (see
        :func:`warm_paths`).

    Examples
    --------
    >>> from netgraph.routing.paths import _example_index, introducers
    >>> introducers(_example_index(), "Acme Robotics")[["introducer", "routes", "person"]]
      introducer  routes      person
    0  Tom Baker       1  Lena Ortiz
    1  Ana Silva       1   Raj Patel
    """
    q = _query(index, target, source, max_hops, exclude)
    _, node, src, idx, _, fedge, tails = _ranked(q)
    sel = node >= 0
    node, src, idx = node[sel], src[sel], idx[sel]
    ix = index
    names = ix.names()
    routes = pd.array(_route_counts(q, node, q.max_hops - 1) if count_routes else
                      [pd.NA] * len(node), dtype="Int64")
    # every best path at once: source, introducer, then the tail
    b = tails.budget
    P = np.full((len(node), b + 2), -1, dtype=np.int64)
    E = np.full((len(node), b + 2), -1, dtype=np.int64)
    P[:, 0], P[:, 1], E[:, 1] = src, node, fedge[idx]
    if b > 0 and len(node):
        nx_, ne_ = tails.nxt[idx], tails.nedge[idx]
        if (nx_ == -2).any():  # full backward variant: walk from the introducer
            P[:, 2:], E[:, 2:] = _walk_many(tails.layers, node, b)
        else:
            go = nx_ >= 0
            P[go, 2], E[go, 2] = nx_[go], ne_[go]
            if b > 1:
                P[go, 3:], E[go, 3:] = _walk_many(tails.layers, nx_[go], b - 1)
    # zero-cost cycles (rare): remove them row by row
    dup = np.zeros(len(node), dtype=bool)
    for i in range(P.shape[1]):
        for j in range(i + 1, P.shape[1]):
            dup |= (P[:, i] == P[:, j]) & (P[:, i] >= 0)
    for r in np.flatnonzero(dup):
        fixed = _simple([(int(v), int(e)) for v, e in zip(P[r], E[r], strict=True) if v >= 0])
        P[r], E[r] = -1, -1
        P[r, :len(fixed)] = [v for v, _ in fixed]
        E[r, :len(fixed)] = [e for _, e in fixed]
    valid = P >= 0
    n_nodes = valid.sum(axis=1)
    last = P[np.arange(len(node)), n_nodes - 1] if len(node) else np.empty(0, dtype=np.int64)
    strength = np.where(E >= 0, ix.tie_strength[ix.edge_tie[np.maximum(E, 0)]], 1.0)
    prob = strength.prod(axis=1)
    name_of = np.append(names, "").astype(object)
    text = name_of[P[:, 0]].copy()
    for c in range(1, P.shape[1]):
        text = np.where(valid[:, c], text + " -> " + name_of[P[:, c]], text)
    if q.target.kind == "company":
        pos = np.searchsorted(q.Tu, last)
        prob = prob * ix.link_strength[ix.emp_row[q.Tp[pos]]]
        text = text + " -> " + q.target.name
    out = pd.DataFrame({
        "introducer": name_of[node], "introducer_id": ix.person_ids.to_numpy()[node],
        "source": name_of[src], "probability": prob.astype(np.float64),
        "routes": routes, "hops": (n_nodes - 1).astype(np.int64),
        "person": name_of[last], "person_id": ix.person_ids.to_numpy()[last],
        "path": text})
    return out.sort_values("probability", ascending=False, kind="stable").reset_index(drop=True)


def reach(
    index: PathIndex,
    companies: str | Iterable[str] | None = None,
    source: str | Sequence[str] | None = None,
    max_hops: int = 3,
    exclude: str | Iterable[str] = (),
) -> pd.DataFrame:
    """Which companies are warm for me: the best path's probability to each.

    One hop-bounded search from the source(s) over the person graph (with
    the first introducer and the owner carried along), then the best
    person-company link of each company, vectorised.

    Parameters
    ----------
    index : PathIndex
    companies : str or iterable of str, optional
        Companies to report (any spelling). Default: every company someone
        in the network works or worked at.
    source, max_hops, exclude
        As in :func:`warm_paths`.

    Returns
    -------
    pandas.DataFrame
        One row per company: ``company_id``, ``company``, ``probability``
        (0 when out of reach; from the index's float32 costs, within 1e-6
        of :func:`warm_paths`), ``hops`` (person hops, <NA> when out of
        reach), ``source``, ``introducer`` (``""`` for 0 hops), ``person``,
        ``person_id`` (inside the company), ``current`` (whether that person
        still works there), ``n_current`` and ``n_former`` (people linked to
        the company). Sorted by probability, then company name.

    Examples
    --------
    >>> from netgraph.routing.paths import _example_index, reach
    >>> ix = _example_index()
    >>> reach(ix)[["company", "probability", "introducer", "hops"]].round(3)
             company  probability introducer  hops
    0        Initech        0.630  Tom Baker     1
    1  Acme Robotics        0.378  Tom Baker     2
    2       Umbrella        0.180  Ana Silva     2
    >>> reach(ix, ["Globex"])[["company", "probability", "hops", "n_current"]]
      company  probability  hops  n_current
    0  Globex          0.0  <NA>          0
    """
    ix = index
    H = _check_int("max_hops", max_hops, 1, 20)
    S = _resolve_sources(ix, source)
    ex_people, _, named = _resolve_exclude(ix, exclude)
    if named[S].any():
        if source is not None or named[S].all():
            raise InputError(f"the source {ix.names()[S[named[S]][0]]} is excluded",
                             hint="Do not exclude the owner the paths start from.")
        S = S[~named[S]]
    n = ix.n_people
    allow = np.ones(n, dtype=bool)
    allow[ex_people] = False
    allow[S] = True
    dist = np.full(n, _INF)
    owner = np.full(n, -1, dtype=np.int64)
    intro = np.full(n, -1, dtype=np.int64)
    hops = np.zeros(n, dtype=np.int8)
    dist[S] = 0.0
    owner[S] = S
    flag = np.zeros(n, dtype=bool)
    F = S
    pulled = None
    for h in range(1, H + 1):
        if h == H and 3 * int((ix.indptr[F + 1] - ix.indptr[F]).sum()) > len(ix.indices):
            # the last layer touches most ties: pull it over every person instead, and
            # label only the winning people afterwards
            pulled = _pull_layer(ix, dist, allow)
            break
        e, lens = _rows(ix, F)
        if not len(e):
            break
        nb = ix.indices[e]
        cand = np.repeat(dist[F], lens) + ix.cost[e]
        keep = (cand < dist[nb]) & allow[nb]
        if not keep.any():
            break
        nb, cand = nb[keep], cand[keep]
        frm = np.repeat(F, lens)[keep]
        lab_owner = owner[frm]
        lab_intro = nb.astype(np.int64) if h == 1 else intro[frm]
        np.minimum.at(dist, nb, cand)
        win = cand == dist[nb]
        nbw = nb[win][::-1]
        owner[nbw] = lab_owner[win][::-1]
        intro[nbw] = lab_intro[win][::-1]
        hops[nbw] = h
        F = _dedupe(nb[win], flag)
    # best link per company
    val = dist[ix.emp_person] + ix.emp_cost
    lens = np.diff(ix.emp_indptr)
    mins, pos = _seg_argmin(val, lens)
    link_comp = np.repeat(np.arange(ix.n_companies), lens)
    n_cur = np.bincount(link_comp, weights=ix.emp_current, minlength=ix.n_companies
                        ).astype(np.int64)
    if companies is None:
        codes = np.flatnonzero(lens > 0)
    else:
        items = [companies] if isinstance(companies, str) else list(companies)
        codes_l = []
        for c in items:
            code = _company_code(ix, str(c).strip())
            if code < 0:
                raise NotFoundError(f"no company {c!r} in this network",
                                    suggestions=_suggest(ix, str(c), people=False))
            codes_l.append(code)
        codes = np.asarray(codes_l, dtype=np.int64)
    mins, pos = mins[codes], pos[codes]
    ok = np.isfinite(mins)
    pos = np.where(ok, pos, 0)
    emp_person = np.append(ix.emp_person, -1)  # safe gathers when there are no links
    emp_current = np.append(ix.emp_current, False)
    person = np.where(ok, emp_person[pos], -1)
    if pulled is not None:  # label the people reached in the pulled last layer
        prev, improved = pulled
        p = np.unique(person[ok])
        p = p[improved[p]]
        e, lens_p = _rows(ix, p)
        _, at_ = _seg_argmin(prev[ix.indices[e]] + ix.cost[e], lens_p)
        u = ix.indices[e[at_]]
        owner[p] = owner[u]
        intro[p] = intro[u] if H > 1 else p
        hops[p] = H
    names = np.append(ix.names(), "")
    pid = np.append(ix.person_ids.to_numpy(), "")
    ow = np.where(ok, owner[np.maximum(person, 0)], -1)
    it = np.where(ok, intro[np.maximum(person, 0)], -1)
    hp = pd.array(np.where(ok, hops[np.maximum(person, 0)], 0), dtype="Int64")
    hp[~ok] = pd.NA
    comp = ix.companies
    cname = comp["name"].astype(object).to_numpy()[codes]
    cid = comp["company_id"].astype(object).to_numpy()[codes]
    out = pd.DataFrame({
        "company_id": cid, "company": np.where(cname == "", cid, cname),
        "probability": np.where(ok, np.exp(-np.where(ok, mins, 0.0)), 0.0),
        "hops": hp, "source": names[ow], "introducer": names[it],
        "person": names[person], "person_id": pid[person],
        "current": ok & emp_current[pos],
        "n_current": n_cur[codes], "n_former": lens[codes] - n_cur[codes],
    })
    out = out.sort_values(["probability", "company"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _pull_layer(ix: PathIndex, dist: np.ndarray, allow: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """One Bellman-Ford layer over every person, by rows (no scatter), in place.

    Returns the distances before the layer and the mask of improved people.
    """
    prev = dist.copy()
    ip = ix.indptr
    n = len(ip) - 1
    step = 1 << 22  # ties per chunk, to bound the temporary arrays
    bounds = np.unique(np.r_[0, np.searchsorted(ip, np.arange(step, ip[-1], step)), n])
    for r0, r1 in pairwise(bounds):
        e0, e1 = int(ip[r0]), int(ip[r1])
        if e0 == e1:
            continue
        val = prev[ix.indices[e0:e1]] + ix.cost[e0:e1]
        lens = np.diff(ip[r0:r1 + 1])
        ne = lens > 0
        m = np.minimum.reduceat(val, (ip[r0:r1] - e0)[ne])
        rows = np.arange(r0, r1)[ne]
        dist[rows] = np.minimum(dist[rows], m)
    np.copyto(dist, prev, where=~allow)
    return prev, dist < prev


# =========================================================================== example
def _example_index() -> PathIndex:
    """The small network used by the examples (Maya Chen is the owner).

    Maya knows Tom (0.7) and Ana (0.5); Tom knows Lena (0.6), a current Staff
    Engineer at Acme Robotics who worked with him at Initech; Ana knows Raj
    (0.4), who left Acme in 2020 for Umbrella. Globex is in the companies
    table, but nobody worked there. Evaluated at 2024-06-01.
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
                           evidence, at=at)
