"""Whom at the target: job titles read as role families, in several languages.

A path query can ask for someone *in a role* at the target company
(``warm_paths("Stripe", role="recruiter")``): only the people whose title
there matches the role end a path. :data:`ROLES` is the mapping that reads
titles: a role family (``recruiting``, ``engineering``, ``product``,
``design``, ``data``, ``sales``, ``leadership``) to the title words that
say it, as regular expressions over *folded* titles (accents removed, case
folded: "Ingénieure Logiciel" reads as "ingenieure logiciel"). Each word is
matched as a whole word; ``\\w*`` lets it grow
("recruit\\w*" is recruiter, recruiting, recruitment).

The words cover English, German, French, Spanish, Portuguese, Italian and
Dutch for the common titles, and LinkedIn's abbreviations (Sr., Eng., SWE,
SDE, SRE, TA, HR, HRBP, PM, VP, SVP, Dir., Mgr, CTO, ...). The mapping is
a plain dict: edit it in place (``ng.ROLES["data"].append("quant\\w*")``)
or pass your own to any query (``roles={...}``).

What a ``role=`` names (:func:`role_matcher`):

* a family, or a word for it ("recruiter", "engineer", "designer", "sales",
  "executive", ...: :data:`ROLE_WORDS`): the titles of that family;
* ``"hiring manager"``: someone who manages a team and is not in
  recruiting/HR (a title with a leadership word: manager, head, lead,
  director, VP, chief, founder, Leiter, directeur, jefe, ...). With a family
  (``"engineering hiring manager"``, ``"hiring manager engineering"``): a
  leadership title of that family ("Engineering Manager", "VP Engineering",
  "Head of Platform Engineering");
* a list of words (``["staff", "principal"]``): titles with any of them,
  each a whole word (a family name in the list stands for its family);
* anything else: a regular expression searched in the folded title
  (``"back.?end|platform"``). One that does not compile is an
  :class:`~netgraph.InputError` listing the families.

``title=`` is always a raw regular expression; with ``role=`` both must match.

:func:`role_family` names the family of each title (the first family in
:data:`ROLES` order that matches, so "Technical Recruiter" is recruiting and
"Data Engineer" is data), vectorised over a column.

Examples
--------
>>> import pandas as pd
>>> from netgraph.routing.roles import role_family, role_matcher
>>> titles = pd.Series(["Sr. Technical Recruiter", "Ingénieure Logiciel", "VP Eng.",
...                     "Personalreferentin", "Gerente de Producto", ""])
>>> role_family(titles).tolist()
['recruiting', 'engineering', 'engineering', 'recruiting', 'product', '']
>>> role_matcher("recruiter").match(titles).tolist()
[True, False, False, True, False, False]
>>> role_matcher("engineering hiring manager").match(titles).tolist()
[False, False, True, False, False, False]
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from netgraph.errors import InputError

__all__ = [
    "HIRING_MANAGER",
    "ROLES",
    "ROLE_WORDS",
    "RoleMatcher",
    "fold_titles",
    "role_family",
    "role_matcher",
    "role_of",
]

#: Role family -> title words (regular expressions over folded titles, matched as whole
#: words). Order matters for :func:`role_family`: the first family that matches names a
#: title. Editable in place.
ROLES: dict[str, list[str]] = {
    "recruiting": [
        # English and LinkedIn abbreviations
        r"recruit\w*", r"talent", r"ta", r"sourc(?:er|ing)", r"hr", r"hrbp",
        r"human resources?", r"people (?:partner|operations|ops)", r"headhunter\w*",
        r"staffing",
        # German, French, Spanish, Portuguese, Italian, Dutch
        r"personal(?:referent|berater|entwickler|wesen|leiter)\w*", r"recrut\w*",
        r"ressources humaines", r"rh", r"reclut\w*", r"recursos humanos", r"rrhh",
        r"selezion\w*", r"risorse umane", r"werving\w*", r"personeelszaken",
    ],
    "data": [
        r"data", r"analyst\w*", r"analytics?", r"machine learning", r"ml", r"ai",
        r"statistic\w*", r"bi", r"business intelligence", r"data scientist",
        r"daten\w*", r"donnees", r"analyste", r"datos", r"analista", r"dados", r"dati",
        r"analist", r"gegevens",
    ],
    "design": [
        r"design\w*", r"ux", r"ui", r"user experience", r"user research\w*",
        r"illustrat\w*", r"gestalter\w*", r"graphiste", r"concept(?:eur|rice)",
        r"disenador\w*", r"progettista", r"grafic[oa]", r"ontwerper\w*",
    ],
    "product": [
        r"product", r"pm", r"po", r"gpm", r"cpo", r"produkt\w*", r"chef de produit",
        r"responsable produit", r"produit", r"producto", r"produto", r"prodotto",
        r"(?:gerente|jefe|jefa|director[a]?) de producto",
        r"(?:gerente|diretor[a]?) de produto", r"product ?(?:manager|owner|eigenaar)",
        r"(?:responsabile|manager) (?:di )?prodotto", r"producteigenaar",
    ],
    "sales": [
        r"sales", r"account (?:executive|manager|director)", r"ae", r"sdr", r"bdr",
        r"business development", r"customer success", r"partnerships?",
        r"vertrieb\w*", r"verkauf\w*", r"kundenberater\w*", r"commercia\w*", r"ventes?",
        r"ventas", r"vendedor\w*", r"vendas", r"vendite", r"verkoop\w*",
        r"accountmanager",
    ],
    "engineering": [
        r"engineer\w*", r"eng", r"engineering", r"developer\w*", r"dev", r"devops",
        r"swe", r"sde", r"sre", r"programmer", r"software", r"architect\w*",
        r"back-?end", r"front-?end", r"full-?stack", r"firmware", r"qa", r"tester",
        r"cto", r"\w*ingenieu?r\w*", r"\w*entwickler\w*", r"informatiker\w*",
        r"developpeu(?:r|se)\w*", r"ingenier[oa]s?", r"desarrollador\w*",
        r"programador\w*", r"engenheir[oa]s?", r"desenvolvedor\w*", r"ingegner[ei]",
        r"svilupp\w*", r"programmatore", r"ontwikkelaar\w*",
    ],
    "leadership": [
        r"chief", r"ceo", r"cto", r"cfo", r"coo", r"cmo", r"cio", r"cpo", r"founder",
        r"co-?founder", r"president", r"vp", r"svp", r"evp", r"vice president",
        r"director", r"dir", r"head(?: of)?", r"manager", r"mgr", r"lead", r"leader",
        r"managing", r"\w*leiter\w*", r"\w*leitung", r"geschaftsfuhr\w*", r"grunder\w*",
        r"vorstand", r"directeur", r"directrice", r"responsable", r"chef", r"fondat\w*",
        r"gerente", r"pdg", r"director[a]?", r"jef[ea]", r"fundador[a]?",
        r"diretor[a]?", r"chefe", r"coordenador[a]?", r"direttore", r"direttrice",
        r"responsabile", r"capo", r"amministratore delegato", r"hoofd", r"oprichter",
        r"leidinggevende", r"teamleider", r"directeur",
    ],
}

#: Words for a family (folded), accepted as ``role=`` besides the family names.
ROLE_WORDS: dict[str, str] = {
    "recruiter": "recruiting", "recruiters": "recruiting", "recruitment": "recruiting",
    "talent": "recruiting", "hr": "recruiting", "ta": "recruiting",
    "engineer": "engineering", "engineers": "engineering", "eng": "engineering",
    "developer": "engineering", "developers": "engineering", "swe": "engineering",
    "designer": "design", "designers": "design", "ux": "design",
    "pm": "product", "product manager": "product", "product management": "product",
    "data scientist": "data", "analyst": "data", "analytics": "data",
    "sales": "sales", "seller": "sales", "account executive": "sales",
    "leader": "leadership", "leaders": "leadership", "executive": "leadership",
    "executives": "leadership", "management": "leadership", "manager": "leadership",
    "managers": "leadership",
}

#: The role name meaning "someone who manages a team and is not in recruiting".
HIRING_MANAGER = "hiring manager"

_COMBINING = r"[\u0300-\u036f]"


def fold_titles(titles: pd.Series | Iterable[str]) -> pd.Series:
    """Titles with accents removed and case folded (vectorised), ``""`` for missing.

    Examples
    --------
    >>> fold_titles(["Ingénieure", "Geschäftsführer", None]).tolist()
    ['ingenieure', 'geschaftsfuhrer', '']
    """
    s = titles if isinstance(titles, pd.Series) else pd.Series(list(titles), dtype=object)
    s = s.astype(object).where(s.notna(), "").astype(str)
    out = s.str.casefold()
    plain = s.str.isascii().to_numpy(dtype=bool)
    if not plain.all():  # accents: only the titles that have any are decomposed
        odd = s[~plain]
        out[~plain] = (odd.str.normalize("NFKD").str.replace(_COMBINING, "", regex=True)
                       .str.casefold())
    return out


def _fold(text: str) -> str:
    """One title folded (accents removed, case folded), in plain Python."""
    text = "" if text is None else str(text)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return text.casefold().strip()


#: Up to this many distinct titles are matched in plain Python (pandas' string methods
#: cost tens of milliseconds a call however short the column: a path's few hops are many
#: calls); more are matched with pandas, vectorised.
_SMALL = 256


def _contains(folded: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    if len(folded) <= _SMALL:
        return np.fromiter((pattern.search(t) is not None for t in folded), dtype=bool,
                           count=len(folded))
    return folded.str.contains(pattern, regex=True).to_numpy(dtype=bool).copy()


_COMPILED: dict[tuple, list[tuple[str, re.Pattern[str]]]] = {}


def _compiled_families(fams: Mapping[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    """The families' compiled patterns, in order (kept per content: ROLES may be edited)."""
    key = tuple((k, tuple(v)) for k, v in fams.items())
    hit = _COMPILED.get(key)
    if hit is None:
        hit = [(k, re.compile(_family_regex(v))) for k, v in fams.items()]
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        _COMPILED[key] = hit
    return hit


def _family_regex(words: Iterable[str]) -> str:
    words = [w for w in words if w]
    if not words:
        return r"(?!x)x"  # matches nothing
    # a word part inside any word ("\w*entwickler\w*": Softwareentwickler) is a plain search
    inside = [w[3:-3] for w in words if w.startswith(r"\w*") and w.endswith(r"\w*")]
    whole = [w for w in words if not (w.startswith(r"\w*") and w.endswith(r"\w*"))]
    # whole words; lookarounds rather than \b so that "c++" or "r&d" work too
    parts = [r"(?<!\w)(?:" + "|".join(f"(?:{w})" for w in whole) + r")(?!\w)"] if whole else []
    parts += [f"(?:{w})" for w in inside]
    return "|".join(parts)


def _families(roles: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    roles = ROLES if roles is None else roles
    if not isinstance(roles, Mapping) or not all(isinstance(k, str) for k in roles):
        raise InputError(f"roles={type(roles).__name__} is not a mapping of role families",
                         expected="a dict: family name -> list of title words or regexes")
    out: dict[str, list[str]] = {}
    for k, v in roles.items():
        words = [v] if isinstance(v, str) else list(v)
        if not all(isinstance(w, str) for w in words):
            raise InputError(f"role family {k!r} has a title word that is not text",
                             expected="a list of title words or regular expressions")
        out[_fold(k)] = words
    return out


def _compile(pattern: str, what: str, families: Iterable[str]) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise InputError(f"{what} is neither a role family nor a usable pattern ({err})",
                         expected="one of the role families: " + ", ".join(families)
                         + "; 'hiring manager'; a list of title words; or a regular expression",
                         hint="e.g. role='recruiter', role=['staff', 'principal'] or "
                              "title='back.?end'.") from None


@dataclass(frozen=True)
class RoleMatcher:
    """A compiled role filter over job titles.

    Attributes
    ----------
    label : str
        The role in words (for explanations: ``"role 'recruiter' (recruiting)"``).
    include : re.Pattern
        What a folded title must contain.
    exclude : re.Pattern or None
        What it must not contain (for ``"hiring manager"``: recruiting words).
    also : re.Pattern or None
        A second pattern it must contain too (a family with ``"hiring manager"``,
        or ``title=`` with ``role=``).
    """

    label: str
    include: re.Pattern[str]
    exclude: re.Pattern[str] | None = None
    also: re.Pattern[str] | None = None

    @property
    def key(self) -> tuple:
        """A hashable key of what the matcher matches (for caches)."""
        return tuple(None if p is None else p.pattern
                     for p in (self.include, self.exclude, self.also))

    def match(self, titles: pd.Series | Iterable[str]) -> np.ndarray:
        """Whether each title matches (vectorised over a column).

        Examples
        --------
        >>> role_matcher(["staff", "principal"]).match(["Staff Engineer", "Engineer"]).tolist()
        [True, False]
        """
        codes, folded = _distinct_folded(titles)
        with warnings.catch_warnings():  # a user's pattern may have groups: only a match counts
            warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)
            ok = _contains(folded, self.include)
            if self.also is not None:
                ok &= _contains(folded, self.also)
            if self.exclude is not None:
                ok &= ~_contains(folded, self.exclude)
        return ok[codes]


def role_matcher(role: str | Iterable[str] | None = None, title: str | None = None,
                 roles: Mapping[str, Iterable[str]] | None = None) -> RoleMatcher | None:
    """The filter a ``role=`` / ``title=`` argument names (None: no filter).

    Parameters
    ----------
    role : str or list of str, optional
        A family, a word for one, ``"hiring manager"`` (optionally with a
        family), a list of title words, or a regular expression (see the
        module docstring).
    title : str, optional
        A raw regular expression over the folded title.
    roles : mapping, optional
        Family -> title words, instead of :data:`ROLES`.

    Raises
    ------
    InputError
        A role that is neither a family nor a usable pattern (the families
        are listed), an empty list, or a *title* that does not compile.

    Examples
    --------
    >>> role_matcher("Recruiter").label
    "role 'Recruiter' (recruiting)"
    >>> role_matcher("hiring manager").match(["Engineering Manager", "HR Manager"]).tolist()
    [True, False]
    >>> role_matcher("c++ (")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: role 'c++ (' is neither a role family nor a usable pattern ...
    """
    fams = _families(roles)
    names = list(fams)
    if role is None and title is None:
        return None
    include = exclude = also = None
    label = ""
    if role is not None:
        if isinstance(role, str):
            if not role.strip():
                raise InputError("role is empty", expected="one of the role families: "
                                 + ", ".join(names))
            key = re.sub(r"\s+", " ", _fold(role))
            fam = _family_of_word(key, fams)
            hm = HIRING_MANAGER in key
            if hm:
                rest = key.replace(HIRING_MANAGER, " ").strip()
                fam_rest = _family_of_word(rest, fams) if rest else None
                if rest and fam_rest is None:
                    raise InputError(f"role {role!r}: {rest!r} is not a role family",
                                     expected="'hiring manager', optionally with one of: "
                                     + ", ".join(names))
                lead = fams.get("leadership", ROLES["leadership"])
                include = re.compile(_family_regex(lead))
                exclude = re.compile(_family_regex(fams.get("recruiting", [])))
                if fam_rest is not None:
                    also = re.compile(_family_regex(fams[fam_rest]))
                    label = f"role {role!r} (leadership in {fam_rest})"
                else:
                    label = f"role {role!r} (leadership outside recruiting)"
            elif fam is not None:
                include = re.compile(_family_regex(fams[fam]))
                label = f"role {role!r} ({fam})"
            else:
                include = _compile(key, f"role {role!r}", names)
                label = f"role {role!r}"
        else:
            items = list(role)
            if not items or not all(isinstance(w, str) and w.strip() for w in items):
                raise InputError(f"role {items!r} is not a list of title words",
                                 expected="title words, e.g. ['staff', 'principal'], or one "
                                 "of the role families: " + ", ".join(names))
            parts = []
            for w in items:
                k = re.sub(r"\s+", " ", _fold(w))
                fam = _family_of_word(k, fams)
                parts.extend(fams[fam] if fam is not None else [re.escape(k)])
            include = re.compile(_family_regex(parts))
            label = "role " + " or ".join(repr(w) for w in items)
    if title is not None:
        if not isinstance(title, str) or not title.strip():
            raise InputError(f"title {title!r} is not a pattern",
                             expected="a regular expression over job titles")
        pat = _compile(_fold(title), f"title {title!r}", names)
        if include is None:
            include = pat
            label = f"title {title!r}"
        else:
            # a role and a title: both must match
            also = pat if also is None else re.compile(
                f"(?=.*(?:{also.pattern}))(?=.*(?:{pat.pattern}))")
            label += f" and title {title!r}"
    return RoleMatcher(label, include, exclude, also)


def _family_of_word(key: str, fams: Mapping[str, list[str]]) -> str | None:
    if key in fams:
        return key
    alias = ROLE_WORDS.get(key)
    if alias in fams:
        return alias
    if key.endswith("s") and key[:-1] in fams:
        return key[:-1]
    return None


def role_family(titles: pd.Series | Iterable[str],
                roles: Mapping[str, Iterable[str]] | None = None) -> pd.Series:
    """The role family of each title (``""`` when none matches), vectorised.

    The first family of *roles* (default :data:`ROLES`) in order that matches.

    Examples
    --------
    >>> role_family(["Talent Acquisition Partner", "Diseñadora UX", "Head of Sales",
    ...              "CEO"]).tolist()
    ['recruiting', 'design', 'sales', 'leadership']
    """
    fams = _families(roles)
    index = titles.index if isinstance(titles, pd.Series) else None
    codes, folded = _distinct_folded(titles)
    out = np.full(len(folded), "", dtype=object)
    todo = np.ones(len(folded), dtype=bool)
    for fam, pattern in _compiled_families(fams):
        if not todo.any():
            break
        hit = _contains(folded[todo], pattern)
        idx = np.flatnonzero(todo)[hit]
        out[idx] = fam
        todo[idx] = False
    return pd.Series(out[codes], index=index, dtype=object)


def role_of(title: str | None, roles: Mapping[str, Iterable[str]] | None = None) -> str:
    """The role family of one title (``""`` when none matches): :func:`role_family`
    for a single value, in plain Python.

    Examples
    --------
    >>> role_of("Sr. Technical Recruiter"), role_of("Gardener")
    ('recruiting', '')
    """
    folded = _fold(title)
    if not folded:
        return ""
    for fam, pattern in _compiled_families(_families(roles)):
        if pattern.search(folded):
            return fam
    return ""


def _distinct_folded(titles: pd.Series | Iterable[str]) -> tuple[np.ndarray, pd.Series]:
    """Codes of each title into its distinct values, and those values folded: titles
    repeat a lot, so each distinct one is folded and matched once."""
    s = titles if isinstance(titles, pd.Series) else pd.Series(list(titles), dtype=object)
    codes, uniques = pd.factorize(s.astype(object).where(s.notna(), ""), use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=object)
    if len(uniques) <= _SMALL:
        return codes, pd.Series([_fold(t) for t in uniques], dtype=object)
    return codes, fold_titles(pd.Series(uniques, dtype=object))
