"""The one resolver: what a user types → one person or one company.

Every entry point that takes a person or company from a user (``Network.strength``,
``warm_paths``, ``to_html(around=...)``, the CLI) resolves it here, so the same
text gives the same person, or the same :class:`~netgraph.NotFoundError` with
the same suggestions, wherever it is typed.

A person matches, in this order: their ``person_id``; a LinkedIn profile URL
(any form: ``linkedin.com/in/<slug>``, with or without ``https://www.``); an
e-mail address; their name folded like :func:`~netgraph.data.identity.name_key`
(case, accents, punctuation and spacing ignored). A company matches its
``company_id``, its name or any alias folded like
:func:`~netgraph.data.identity.company_key`, or a leading word of exactly one
company's name ("Acme" for "Acme Robotics").

Examples
--------
>>> import pandas as pd
>>> from netgraph.data.resolve import Resolver
>>> people = pd.DataFrame({"person_id": ["in:grace", "name:alan turing@"],
...                        "name": ["Grace Hopper", "Alan Turing"],
...                        "url": ["https://www.linkedin.com/in/grace", ""],
...                        "email": ["", ""], "company": ["Navy", ""]})
>>> companies = pd.DataFrame({"company_id": ["navy"], "name": ["Navy"], "aliases": ["US Navy"]})
>>> r = Resolver(people, companies)
>>> r.person_id("GRACE  hopper"), r.person_id("linkedin.com/in/grace/")
('in:grace', 'in:grace')
>>> r.company("us navy")
0
>>> r.person_id("Grace Hoper")
Traceback (most recent call last):
...
netgraph.errors.NotFoundError: nobody named 'Grace Hoper' in this network. Did you mean: 'Grace Hopper'? Hint: ...
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from netgraph.data.identity import PROFILE_PREFIX, company_key, linkedin_slug, name_key
from netgraph.errors import InputError, NotFoundError

__all__ = ["Resolver", "profile_slug"]

_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PROFILE_RE = re.compile(r"linkedin\.com/in/", re.IGNORECASE)


def profile_slug(text: str) -> str | None:
    """The lower-case profile slug of a LinkedIn profile URL (as person ids carry it), or
    ``None``.

    Uses :func:`~netgraph.data.identity.linkedin_slug`, the one rule for profile URLs.

    Examples
    --------
    >>> profile_slug("https://www.linkedin.com/in/Ada-L/?trk=x"), profile_slug("Ada")
    ('ada-l', None)
    """
    if not _PROFILE_RE.search(text):
        return None
    return linkedin_slug(text).lower() or None  # person ids carry it in lower case


def _column(frame: pd.DataFrame, col: str) -> pd.Series:
    if col in frame:
        return frame[col].astype(object).fillna("").astype(str)
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


class Resolver:
    """Resolve names, profile URLs, e-mails and ids to rows of the people and companies tables.

    Positions returned are row positions in *people* / *companies* as given
    (the path index builds its resolver on its own tables, so positions are its
    person and company codes). Look-up structures are built on first use.

    Parameters
    ----------
    people : DataFrame
        ``person_id`` and ``name``; ``url``, ``email`` and ``company`` when known.
    companies : DataFrame, optional
        ``company_id`` and ``name``; ``aliases`` (``|``-separated) when known.
    """

    def __init__(self, people: pd.DataFrame, companies: pd.DataFrame | None = None) -> None:
        self.people = people
        self.companies = companies if companies is not None else pd.DataFrame(
            {"company_id": pd.Series([], dtype=object), "name": pd.Series([], dtype=object)})
        self.person_ids = pd.Index(people["person_id"].astype(object).to_numpy(), dtype=object)
        self._names = _column(people, "name").to_numpy(dtype=object)
        self._name_keys: pd.Index | None = None
        self._urls: pd.Series | None = None
        self._emails: pd.Series | None = None
        self._company_keys: dict[str, int] | None = None
        self._choices: tuple[dict[str, str], list[str]] | None = None

    # ----------------------------------------------------------------- people
    @property
    def names(self) -> np.ndarray:
        """People's display names, by position."""
        return self._names

    def people_matching(self, text: str) -> np.ndarray:
        """Positions of every person *text* names (empty when nobody; several when a
        name is shared).

        Examples
        --------
        >>> import pandas as pd
        >>> r = Resolver(pd.DataFrame({"person_id": ["a", "b"], "name": ["Jo Lee", "JO LEE"]}))
        >>> r.people_matching("jo lee").tolist()
        [0, 1]
        """
        text = str(text).strip()
        pos = self.person_ids.get_indexer([text])
        if pos[0] >= 0:
            return pos.astype(np.int64)
        slug = profile_slug(text)
        if slug is not None:
            pos = self.person_ids.get_indexer(["in:" + slug])
            if pos[0] >= 0:
                return pos.astype(np.int64)
            if self._urls is None:  # a person known by name first, whose URL came later
                self._urls = _column(self.people, "url").str.lower().str.rstrip("/")
            return np.flatnonzero((self._urls == (PROFILE_PREFIX + slug).lower()).to_numpy())
        if _EMAIL_RE.fullmatch(text):
            low = text.lower()
            pos = self.person_ids.get_indexer(["email:" + low])
            if pos[0] >= 0:
                return pos.astype(np.int64)
            if self._emails is None:
                self._emails = _column(self.people, "email").str.strip().str.lower()
            return np.flatnonzero((self._emails == low).to_numpy())
        key = name_key([text]).iloc[0]
        if not key:
            return np.empty(0, dtype=np.int64)
        if self._name_keys is None:
            self._name_keys = pd.Index(name_key(pd.Series(self._names, dtype=object)).to_numpy(),
                                       dtype=object)
        pos = self._name_keys.get_indexer_for([key])
        return np.sort(pos[pos >= 0]).astype(np.int64)

    def person(self, text: Any, *, what: str = "person", prefer: np.ndarray | None = None
               ) -> int:
        """The position of the one person *text* names.

        Parameters
        ----------
        text : str
            A name, LinkedIn profile URL, e-mail address or person id.
        what : str, default "person"
            What the person is in the error message ("owner", "introducer").
        prefer : boolean array, optional
            Breaks a tie between people of the same name when it holds for
            exactly one of them (e.g. "is an owner").

        Raises
        ------
        InputError
            *text* is not a non-empty string.
        NotFoundError
            Nobody matches (with the closest names as suggestions), or several
            people do (listed with their companies; their ids as suggestions).
        """
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{what} {text!r} is not a name",
                             expected="a name, a LinkedIn profile URL, an e-mail or a person id")
        codes = self.people_matching(text)
        if len(codes) > 1 and prefer is not None:
            pref = codes[np.asarray(prefer)[codes]]
            if len(pref) == 1:
                return int(pref[0])
        if len(codes) == 1:
            return int(codes[0])
        text = text.strip()
        if len(codes) == 0:
            article = "nobody" if what == "person" else f"no {what}"
            raise NotFoundError(
                f"{article} named {text!r} in this network",
                suggestions=self.suggest(text, companies=False),
                hint="Use a name, a LinkedIn profile URL, an e-mail address or a person id.")
        cands = ", ".join(self.describe(int(c)) for c in codes[:10])
        raise NotFoundError(
            f"{text!r} matches {len(codes)} people: {cands}",
            suggestions=[str(self.person_ids[int(c)]) for c in codes[:10]],
            hint="Pass the person id or the LinkedIn profile URL of the one you mean.")

    def person_id(self, text: Any, *, what: str = "person") -> str:
        """The ``person_id`` of the one person *text* names (see :meth:`person`)."""
        return str(self.person_ids[self.person(text, what=what)])

    def describe(self, pos: int) -> str:
        """'Name (company, person_id)' of the person at *pos*."""
        comp = str(self.people["company"].iat[pos] or "") if "company" in self.people else ""
        return f"{self._names[pos]} ({comp + ', ' if comp else ''}{self.person_ids[pos]})"

    # -------------------------------------------------------------- companies
    def _company_lookup(self) -> dict[str, int]:
        if self._company_keys is None:
            comp = self.companies
            n = len(comp)
            codes = np.arange(n)
            ids = comp["company_id"].astype(object).tolist()
            lk: dict[str, int] = {}
            for k, c in zip(ids, codes, strict=True):
                lk.setdefault(k, int(c))
            names = _column(comp, "name")
            al = _column(comp, "aliases").str.split("|").explode()
            al = al[al.notna() & (al != "")]
            for col, pos in ((ids, codes), (names, codes), (al, al.index.to_numpy())):
                keys = company_key(pd.Series(list(col), dtype=object))
                for k, c in zip(keys.tolist(), pos, strict=True):
                    if k:
                        lk.setdefault(k, int(c))
            self._company_keys = lk
        return self._company_keys

    def company(self, text: str) -> int:
        """The position of the company *text* names, or -1.

        Examples
        --------
        >>> import pandas as pd
        >>> r = Resolver(pd.DataFrame({"person_id": [], "name": []}),
        ...              pd.DataFrame({"company_id": ["acme robotics", "globex"],
        ...                            "name": ["Acme Robotics", "Globex"]}))
        >>> r.company("ACME"), r.company("Globex Inc."), r.company("Initech")
        (0, 1, -1)
        """
        text = str(text).strip()
        lk = self._company_lookup()
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

    def company_id(self, text: str) -> str:
        """The ``company_id`` of the company *text* names.

        Raises
        ------
        NotFoundError
            No company matches (with the closest company names as suggestions).
        """
        c = self.company(text)
        if c < 0:
            raise NotFoundError(f"no company {str(text).strip()!r} in the network",
                                suggestions=self.suggest(str(text), people=False),
                                hint="Companies are those someone in the network works or "
                                     "worked at; add an alias for another spelling.")
        return str(self.companies["company_id"].iat[c])

    # ------------------------------------------------------------- suggestions
    def suggest(self, text: str, *, people: bool = True, companies: bool = True,
                limit: int = 5) -> list[str]:
        """The closest names to *text*, best first (rapidfuzz WRatio >= 50).

        Examples
        --------
        >>> import pandas as pd
        >>> r = Resolver(pd.DataFrame({"person_id": ["a"], "name": ["Grace Hopper"]}))
        >>> r.suggest("grace hoper")
        ['Grace Hopper']
        """
        from rapidfuzz import fuzz, process, utils

        if self._choices is None:
            comp = self.companies
            display = _column(comp, "name").tolist()
            spelled = {n: n for n in display if n}  # every spelling -> the company's name
            for name, al in zip(display, _column(comp, "aliases"), strict=True):
                for a in al.split("|"):
                    if a:
                        spelled.setdefault(a, name)
            pnames = [n for n in pd.unique(pd.Series(self._names, dtype=object)) if n]
            self._choices = (spelled, pnames)
        spelled, pnames = self._choices
        hits: list[tuple[str, float]] = []
        if companies:
            hits += [(spelled[h[0]], h[1]) for h in process.extract(
                text, list(spelled), scorer=fuzz.WRatio, processor=utils.default_process,
                limit=limit * 3, score_cutoff=50)]
        if people:
            hits += [(h[0], h[1]) for h in process.extract(
                text, pnames, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit,
                score_cutoff=50)]
        hits.sort(key=lambda h: -h[1])
        return list(dict.fromkeys(h[0] for h in hits))[:limit]
