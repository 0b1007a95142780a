"""Query results: ranked warm paths, their hops, and why each hop is warm, in words.

:class:`WarmPaths` is the ranked answer of :func:`netgraph.routing.warm_paths`
(a sequence of :class:`WarmPath`, each a list of :class:`Hop`); an empty
answer says why (:func:`why_empty`). :func:`make_path` turns a path of index
codes into a :class:`WarmPath`, wording the evidence of every hop (last
contact, channels, since when, shared employers; the title at the company).

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing import warm_paths
>>> hop = warm_paths(example_index(), "Acme Robotics")[0].hops[0]
>>> print(hop)
Maya Chen -> Tom Baker (0.70: last contact 3 weeks ago; 2 meetings, 14 messages both ways; connected since 2019)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, overload

import numpy as np
import pandas as pd

from netgraph._time import ago
from netgraph.data.schema import CHANNELS
from netgraph.routing.index import PathIndex
from netgraph.routing.objectives import DEFAULT_OBJECTIVE
from netgraph.routing.resolve import Query
from netgraph.routing.search import hop_distance

__all__ = [
    "Hop",
    "WarmPath",
    "WarmPaths",
    "link_evidence",
    "make_path",
    "shared_employers",
    "tie_evidence",
    "why_empty",
]

_CHANNELS = CHANNELS
#: How each channel's contacts are counted in words (singular, plural).
_PLURAL = {"meeting": ("meeting", "meetings"), "call": ("call", "calls"),
           "message": ("message", "messages"), "email": ("e-mail", "e-mails"),
           "linkedin": ("LinkedIn interaction", "LinkedIn interactions"),
           "other": ("other contact", "other contacts"),
           "recommendation": ("recommendation", "recommendations"),
           "endorsement": ("endorsement", "endorsements"),
           "invitation": ("invitation", "invitations")}
assert set(_PLURAL) == set(CHANNELS), "every channel needs its words"


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
    raw_probability : float or None
        The product of the strengths when *probability* is calibrated to your
        recorded introductions (:mod:`netgraph.routing.calibration`); None when not.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import warm_paths
    >>> best = warm_paths(example_index(), "Acme Robotics")[0]
    >>> best.introducer, best.n_hops, best.weakest.strength
    ('Tom Baker', 2, 0.6)
    >>> print(best)  # doctest: +ELLIPSIS
    Maya Chen -> Tom Baker (0.70: ...) -> Lena Ortiz (0.60, weakest link: ...) -> Acme Robotics (0.90: current Staff Engineer (engineering) since 2019). Chance 0.38.
    """

    probability: float
    people: list[str]
    person_ids: list[str]
    company: str | None
    company_id: str | None
    hops: list[Hop]
    raw_probability: float | None = field(default=None, compare=False)

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
    def target_title(self) -> str:
        """The title of the person inside the company there (``""`` when unknown or
        for a person target)."""
        if self.company is None or not self.hops:
            return ""
        return str(self.hops[-1].details.get("title") or "")

    @property
    def target_role(self) -> str:
        """The role family of that title (:func:`netgraph.routing.roles.role_family`;
        ``""`` when none matches)."""
        if self.company is None or not self.hops:
            return ""
        return str(self.hops[-1].details.get("role") or "")

    def whom(self) -> str:
        """Whom the path reaches, with their role there, in words.

        Examples
        --------
        >>> from netgraph.routing.example import example_index
        >>> from netgraph.routing import warm_paths
        >>> warm_paths(example_index(), "Acme Robotics")[0].whom()
        'Lena Ortiz, Staff Engineer (engineering) at Acme Robotics'
        """
        who = self.target_person
        if self.company is None:
            return who
        t, r = self.target_title, self.target_role
        role = f"{t} ({r})" if t and r else (t or r)
        was = "" if self.hops[-1].kind == "works_at" else "formerly "
        return f"{who}, {was}{role} at {self.company}" if role else \
            f"{who}, {was}at {self.company}"

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

    def _html_body(self, rank: int | None = None) -> str:
        """This path as HTML: its names, chance, and a table of hops with their evidence."""
        from netgraph._rich import badge, esc, strength_cell, table

        weak = self.weakest if len(self.hops) > 1 else None
        names = " &rarr; ".join(esc(n) for n in
                                [*self.people, *([self.company] if self.company else [])])
        head = (f'<div style="margin:6px 0 2px">{f"<b>{rank}.</b> " if rank else ""}'
                f"<b>{names}</b> &nbsp;chance {strength_cell(self.probability)}")
        if weak is not None:
            head += (f" &nbsp;{badge('weakest link', '#fde68a')} "
                     f"{esc(weak.from_)} &rarr; {esc(weak.to)} ({weak.strength:.2f})")
        head += "</div>"
        if self.n_hops == 0 and self.company is not None:
            head += "<div>no introduction needed</div>"
        rows, styles = [], []
        for h in self.hops:
            mark = f" {badge('weakest link', '#fde68a')}" if h is weak else ""
            rows.append([f"{esc(h.from_)} &rarr; {esc(h.to)}{mark}", strength_cell(h.strength),
                         _KIND_WORDS.get(h.kind, h.kind), h.evidence])
            styles.append("background:#fffbeb" if h is weak else "")
        return head + table(["hop", "strength", "kind", "evidence"], rows,
                            raw=[True, True, False, False], row_styles=styles)

    def _repr_html_(self) -> str:
        from netgraph._rich import box

        return box(self._html_body())


_KIND_WORDS = {"knows": "knows", "works_at": "works there", "worked_at": "worked there"}


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
    objective : str
        The name of the path objective the paths were ranked by
        (:mod:`netgraph.routing.objectives`).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing import warm_paths
    >>> paths = warm_paths(example_index(), "Globex")
    >>> bool(paths), paths.reason
    (False, 'nobody in your network has worked at Globex')
    """

    def __init__(self, paths: Iterable[WarmPath], *, target: str, target_id: str,
                 kind: str, source: str, max_hops: int, reason: str = "",
                 objective: str = DEFAULT_OBJECTIVE) -> None:
        self._paths = tuple(paths)
        self.target = target
        self.target_id = target_id
        self.kind = kind
        self.source = source
        self.max_hops = max_hops
        self.reason = "" if self._paths else reason
        self.objective = objective
        #: A weak reference to the Network that found these paths (for :meth:`show`).
        self._network: Any = None

    @overload
    def __getitem__(self, i: int) -> WarmPath: ...
    @overload
    def __getitem__(self, i: slice) -> WarmPaths: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            out = WarmPaths(self._paths[i], target=self.target, target_id=self.target_id,
                             kind=self.kind, source=self.source, max_hops=self.max_hops,
                             reason=self.reason or "no path in this slice",
                             objective=self.objective)
            out._network = self._network
            return out
        return self._paths[i]

    def __len__(self) -> int:
        return len(self._paths)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_network"] = None  # a weak reference does not pickle; show() then says so
        return state

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
        >>> from netgraph.routing.example import example_index
        >>> from netgraph.routing import warm_paths
        >>> warm_paths(example_index(), "acme robotics").to_frame()[["rank", "introducer"]]
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
        if any(p.raw_probability is not None for p in self._paths):  # calibrated: keep both
            for row, p in zip(rows, self._paths, strict=True):
                row["raw_probability"] = (p.probability if p.raw_probability is None
                                          else p.raw_probability)
            cols.insert(2, "raw_probability")
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
        from netgraph._rich import box, esc

        shown = self._paths[:_HTML_MAX_PATHS]
        parts = [f'<div style="font-weight:600;font-size:14px">{esc(self._title())}</div>']
        parts += [p._html_body(i) for i, p in enumerate(shown, 1)]
        if len(self._paths) > len(shown):
            parts.append(f"<i>... and {len(self._paths) - len(shown)} more "
                         "(paths.to_frame())</i>")
        return box("".join(parts))

    def show(self, height: int | str = 600, **options: Any) -> Any:
        """Show these paths in the interactive graph, inline in a notebook.

        The same as ``net.show(paths=self, height=height, **options)`` on the
        network that found them.

        Raises
        ------
        InputError
            When the paths were not found by a :class:`~netgraph.Network`
            (e.g. built by hand), so there is no graph to draw them on.
        """
        net = self._network() if self._network is not None else None
        if net is None:
            from netgraph.errors import InputError

            raise InputError("these paths do not know the network they came from",
                             expected="paths from net.warm_paths(...)",
                             hint="call net.show(paths=paths) on the network instead")
        return net.show(paths=self, height=height, **options)


#: At most this many paths in the notebook view (the text and frame forms have all).
_HTML_MAX_PATHS = 50


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


def shared_employers(ix: PathIndex, u: int, v: int) -> list[str]:
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


def tie_evidence(ix: PathIndex, row: int, u: int, v: int) -> tuple[str, dict[str, Any]]:
    """Why the tie at ``ties`` row *row* (between person codes u and v) is warm, in
    words and as values: last contact, channels, since when, shared employers.

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> tie_evidence(example_index(), 2, 1, 3)[0]
    'last contact 5 months ago; 3 messages both ways; connected since 2021; worked together at Initech (2.4 years overlap)'
    """
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
    shared = shared_employers(ix, u, v)
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


def link_evidence(ix: PathIndex, pos: int) -> tuple[str, dict[str, Any], str]:
    """The hop into a company at position *pos* of the company CSR: its wording,
    its values and its kind (``"works_at"`` or ``"worked_at"``).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> ix = example_index()
    >>> link_evidence(ix, ix.link(4, 0))[0]
    'former Engineer (engineering), left 2020 (4 years ago)'
    """
    from netgraph.routing.roles import role_of

    row = int(ix.emp_row[pos])
    r = _row(ix.links, row, ("title", "start", "end"))
    title = _val(r, "title") or ""
    start, end = _val(r, "start"), _val(r, "end")
    current = bool(ix.emp_current[pos])
    family = role_of(title) if title else ""
    d = {"link_row": row, "title": title, "role": family, "start": start, "end": end,
         "current": current}
    if family:
        title = f"{title} ({family})"
    if current:
        text = f"current {title}" if title else "current employee"
        if start is not None:
            text += f" since {pd.Timestamp(start).year}"
    else:
        text = f"former {title}" if title else "former employee"
        text += (f", left {pd.Timestamp(end).year} ({ago(pd.Timestamp(end), ix.at)})"
                 if end is not None else ", end date unknown")
    return text, d, "works_at" if current else "worked_at"


def make_path(q: Query, nodes: list[tuple[int, int]]) -> WarmPath:
    """A WarmPath from [(source, -1), (node, edge), ...] (exact float64 strengths)."""
    ix = q.ix
    names = ix.names()
    ids = ix.person_ids
    hops = []
    for (u, _), (v, e) in pairwise(nodes):
        row = int(ix.edge_tie[e])
        text, d = tie_evidence(ix, row, u, v)
        hops.append(Hop(str(names[u]), str(names[v]), str(ids[u]), str(ids[v]),
                        float(ix.tie_strength[row]), "knows", text, d))
    last = nodes[-1][0]
    company = company_id = None
    if q.target.kind == "company":
        lo = int(ix.emp_indptr[q.target.code])
        seg = ix.emp_person[lo:int(ix.emp_indptr[q.target.code + 1])]
        k = np.flatnonzero(seg == last)
        pos = lo + int(k[np.argmin(q.costs.link[lo + k])])
        text, d, kind = link_evidence(ix, pos)
        company, company_id = q.target.name, q.target.id
        hops.append(Hop(str(names[last]), company, str(ids[last]), company_id,
                        float(ix.link_strength[ix.emp_row[pos]]), kind, text, d))
    prob = math.prod(h.strength for h in hops)
    return WarmPath(prob, [str(names[v]) for v, _ in nodes], [str(ids[v]) for v, _ in nodes],
                    company, company_id, hops)


def why_empty(q: Query) -> str:
    """Why a query has no path, in words (nobody there, all excluded, too far...).

    Examples
    --------
    >>> from netgraph.routing.example import example_index
    >>> from netgraph.routing.resolve import make_query
    >>> why_empty(make_query(example_index(), "Umbrella", None, 1, ()))
    '1 person at Umbrella (1 current, 0 former), but none within 1 hop of Maya Chen: the closest is 2 hops away (try max_hops=2)'
    """
    ix = q.ix
    tg = q.target
    H = q.max_hops
    if tg.kind == "company":
        n_all = len(q.target_people)
        if n_all == 0 and q.role is not None:
            return _nobody_in_role(q)
        if n_all == 0:
            return f"nobody in your network has worked at {tg.name}"
        cur = int(ix.emp_current[q.target_links].sum())
        in_role = f" in {q.role.label}" if q.role is not None else ""
        who = f"{n_all} {'person' if n_all == 1 else 'people'}{in_role} at {tg.name} " \
              f"({cur} current, {n_all - cur} former)"
    else:
        who = tg.name
    open_t = q.target_people[~q.excluded[q.target_people]]
    if not len(open_t):
        if tg.kind == "person":
            return f"{tg.name} is excluded"
        if len(q.target_people) == 1:
            return f"the only person at {tg.name}, {ix.names()[q.target_people[0]]}, is excluded"
        return f"all {len(q.target_people)} people at {tg.name} are excluded"
    cap = max(2 * H, H + 4)
    d = hop_distance(ix, q.sources, open_t, q.blocked, cap)
    only_src = np.zeros(ix.n_people, dtype=bool)
    only_src[q.sources] = True
    if q.n_excluded and (d < 0 or d > H):
        d0 = hop_distance(ix, q.sources, q.target_people, only_src, H)
        if 0 <= d0 <= H:
            return (f"{who}, but all routes within {_hops(H)} of {q.source_label} go through "
                    "excluded people")
    if tg.kind == "person":
        if d > H:
            return f"{who} is {_hops(d)} from {q.source_label}, more than max_hops={H}"
        return f"{who} is not connected to {q.source_label} within {_hops(cap)}"
    if d > H:
        return (f"{who}, but none within {_hops(H)} of {q.source_label}: the closest is {_hops(d)} "
                f"away (try max_hops={d})")
    return f"{who}, but none within {_hops(cap)} of {q.source_label}"


def _nobody_in_role(q: Query) -> str:
    """Nobody at the target has the role asked for: who is there, with their titles."""
    ix, tg = q.ix, q.target
    lo, hi = int(ix.emp_indptr[tg.code]), int(ix.emp_indptr[tg.code + 1])
    if hi == lo:
        return f"nobody in your network has worked at {tg.name}"
    names = ix.names()
    titles = ix.links.get("title")
    people = []
    for pos in range(lo, min(hi, lo + 10)):
        t = "" if titles is None else titles.iat[int(ix.emp_row[pos])]
        t = "" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t)
        was = "" if ix.emp_current[pos] else "former "
        people.append(f"{names[ix.emp_person[pos]]} ({was}{t or 'no title'})")
    more = f", and {hi - lo - 10} more" if hi - lo > 10 else ""
    n = hi - lo
    there = f"the {n} people there" if n != 1 else "the one person there"
    return f"nobody at {tg.name} matches {q.role.label}; {there}: " + ", ".join(people) + more


def _hops(n: int) -> str:
    return f"{n} hop" if n == 1 else f"{n} hops"

