"""Identity: person keys, company-name folding, and near-duplicate suggestions.

A person is keyed by their normalised LinkedIn profile URL, else their e-mail
address, else their folded name and current employer (see
:func:`person_ids`). A company is keyed by its folded name
(:func:`company_key`): case, accents, punctuation and legal suffixes
("Inc", "LLC", "GmbH", "S.A.", ...) are folded together, so "Acme Inc." and
"ACME, LLC" are one employer. Placeholders such as "Self-employed" or
"Confidential" fold to ``""``: they are kept as text on the person but never
become a company that connects people. Names that are only *similar*
("Acme" and "Acme Robotics") are offered by :func:`similar_companies`, never
merged blindly.

All functions are vectorised over pandas Series and fold each distinct
value once.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data.identity import company_key
>>> company_key(pd.Series(["Acme Robotics, Inc.", "ACME robotics LLC", "Self-Employed"])).tolist()
['acme robotics', 'acme robotics', '']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "PLACEHOLDER_COMPANIES",
    "company_key",
    "is_placeholder_company",
    "name_key",
    "person_ids",
    "similar_companies",
]

#: Folded company names that are not employers (they never connect people).
PLACEHOLDER_COMPANIES: frozenset[str] = frozenset(
    {
        "", "self employed", "selfemployed", "self", "freelance", "freelancer", "freelancing",
        "confidential", "confidential company", "stealth", "stealth mode", "stealth startup",
        "stealth mode startup", "stealth company", "n a", "na", "none", "not applicable", "nil",
        "unemployed", "retired", "independent", "independent consultant", "consultant",
        "various", "private", "open to work", "looking for opportunities", "seeking opportunities",
        "student", "tbd", "unknown", "undisclosed", "my own company", "own business",
        "entrepreneur", "career break", "sabbatical", "home", "x", "na na",
    }
)

_LEGAL = (
    "incorporated|inc|corporation|corp|company|co|limited|ltd|llc|l l c|llp|lp|plc|pllc|pc|"
    "gmbh|gmbh co kg|co kg|kg|ag|se|sa|s a|sas|sarl|srl|spa|s p a|bv|b v|nv|n v|oy|oyj|ab|as|a s|"
    "asa|aps|kk|k k|pty|pty ltd|pte|pte ltd|sdn bhd|bhd|ltda|s de rl|sl|s l|sro|s r o|sp z o o|"
    "zrt|kft|doo|d o o|ug|ohg|eurl|sasu|lda|sprl|bvba|group holdings|holdings"
)
_LEGAL_RE = re.compile(rf"(?:\s(?:{_LEGAL}))+$")
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")
_INVISIBLE_RE = re.compile("[\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _fold_text(value: str) -> str:
    if value.isascii():
        return value.lower()
    value = _INVISIBLE_RE.sub(" ", value)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    return value.casefold()


def _fold_company(value: str) -> str:
    v = _fold_text(value).replace("&", " and ").replace("'", "")
    v = _PUNCT_RE.sub(" ", v)
    v = _SPACE_RE.sub(" ", v).strip()
    if v in PLACEHOLDER_COMPANIES or v.replace(" ", "") in PLACEHOLDER_COMPANIES:
        return ""
    if v.startswith("the "):
        v = v[4:]
    stripped = _LEGAL_RE.sub("", " " + v).strip()
    v = stripped or v  # "Co" alone stays "co"
    if v in PLACEHOLDER_COMPANIES:
        return ""
    return v


def _fold_name(value: str) -> str:
    v = _PUNCT_RE.sub(" ", _fold_text(value).replace("'", ""))
    return _SPACE_RE.sub(" ", v).strip()


def _map_unique(values: pd.Series, func) -> pd.Series:
    """``func`` (one string to one string) applied once per distinct value."""
    values = pd.Series(values, dtype="object").fillna("")
    return _per_unique(values, lambda u: pd.Series([func(str(v)) for v in u], index=u.index,
                                                   dtype=object))


def company_key(names: pd.Series | Iterable[str]) -> pd.Series:
    """Fold company names into employer keys.

    Parameters
    ----------
    names : Series or iterable of str
        Company names as written.

    Returns
    -------
    pandas.Series
        One key per name (object dtype); ``""`` for empty names and
        placeholders ("Self-employed", "Freelance", "N/A", ...).

    Examples
    --------
    >>> from netgraph.data.identity import company_key
    >>> company_key(["The Acme Company", "Acme GmbH", "Café Müller S.A.", "N/A"]).tolist()
    ['acme', 'acme', 'cafe muller', '']
    """
    return _map_unique(pd.Series(names, dtype="object"), _fold_company)


def is_placeholder_company(names: pd.Series | Iterable[str]) -> pd.Series:
    """True where a non-empty company name is a placeholder, not an employer.

    Examples
    --------
    >>> from netgraph.data.identity import is_placeholder_company
    >>> is_placeholder_company(["Self Employed", "Stealth Mode", "Acme", ""]).tolist()
    [True, True, False, False]
    """
    s = pd.Series(names, dtype="object").fillna("")
    return (company_key(s) == "") & (s.str.strip() != "")


def name_key(names: pd.Series | Iterable[str]) -> pd.Series:
    """Fold person names for matching: case, accents, punctuation, spacing.

    Examples
    --------
    >>> from netgraph.data.identity import name_key
    >>> name_key(["  José  O'Neil ", "JOSE ONEIL"]).tolist()
    ['jose oneil', 'jose oneil']
    """
    return _map_unique(pd.Series(names, dtype="object"), _fold_name)


def person_ids(
    url: pd.Series, email: pd.Series, name: pd.Series, company_id: pd.Series
) -> pd.Series:
    """Key people: profile URL, else e-mail, else folded name and employer.

    Parameters
    ----------
    url : Series of str
        Normalised LinkedIn profile URLs (``https://www.linkedin.com/in/<slug>``) or ``""``.
    email : Series of str
        E-mail addresses or ``""``.
    name : Series of str
        Full names.
    company_id : Series of str
        Folded current employer (:func:`company_key`) or ``""``.

    Returns
    -------
    pandas.Series
        ``"in:<slug>"``, ``"email:<address>"`` or ``"name:<folded name>@<company_id>"``;
        ``""`` where there is nothing to key on.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.identity import person_ids
    >>> s = lambda *v: pd.Series(list(v), dtype="object")
    >>> person_ids(s("https://www.linkedin.com/in/ada-l", "", ""),
    ...            s("", "Ada@Example.org", ""), s("Ada", "Ada", "Ada L."),
    ...            s("", "", "acme")).tolist()
    ['in:ada-l', 'email:ada@example.org', 'name:ada l@acme']
    """
    url = pd.Series(url, dtype="object").fillna("")
    email = _per_unique(pd.Series(email, dtype="object").fillna(""),
                        lambda u: u.str.strip().str.lower())
    comp = pd.Series(company_id, dtype="object").fillna("").to_numpy()
    need = ((url == "") & (email == "")).to_numpy()
    nk = np.full(len(url), "", dtype=object)
    if need.any():
        nk[need] = name_key(pd.Series(name, dtype="object").fillna("").to_numpy()[need]).to_numpy()
    key = _per_unique(url, _url_keys)
    out = np.where(
        url.to_numpy() != "",
        key.to_numpy(),
        np.where(email.to_numpy() != "", "email:" + email.to_numpy().astype(object),
                 np.where(nk != "", "name:" + nk + "@" + comp, "")),
    )
    return pd.Series(out, index=url.index, dtype="object")


def _per_unique(values: pd.Series, func) -> pd.Series:
    """``func(values)`` computed once per distinct value (exports repeat people a lot)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    if len(uniques) == len(values):
        return pd.Series(func(values).to_numpy(dtype=object), index=values.index, dtype=object)
    done = func(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=object)


def _url_keys(url: pd.Series) -> pd.Series:
    """``"in:<slug>"`` of profile URLs (any form; the readers give the canonical one)."""
    canonical = "https://www.linkedin.com/in/"
    if url.str.startswith(canonical).sum() == (url != "").sum():
        slug = url.str.slice(len(canonical)).str.rstrip("/").str.lower()
    else:
        slug = linkedin_slug(url).str.lower()
    return ("in:" + slug).astype(object)


def similar_companies(
    names: pd.Series | Iterable[str], *, threshold: float = 90.0, limit: int = 200
) -> pd.DataFrame:
    """Suggest pairs of distinct employer keys that look like the same company.

    Suggestions only: netgraph never merges them by itself; merge with
    ``Network.add_company_alias`` when they are the same.

    Parameters
    ----------
    names : Series or iterable of str
        Company names (any spelling) or keys.
    threshold : float, default 90
        rapidfuzz ``token_sort_ratio`` score (0-100) at or above which a pair
        is suggested.
    limit : int, default 200
        At most this many pairs, best first.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b``, ``score``.

    Examples
    --------
    >>> from netgraph.data.identity import similar_companies
    >>> similar_companies(["Acme Robotics", "Acme Robotic", "Globex"]).values.tolist()
    [['acme robotic', 'acme robotics', 96.0]]
    """
    from rapidfuzz import fuzz, process

    keys = sorted(set(company_key(names)) - {""})
    if len(keys) < 2:
        return pd.DataFrame({"a": [], "b": [], "score": []})
    scores = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold,
                           dtype=np.uint8 if threshold >= 1 else None)
    i, j = np.nonzero(np.triu(np.asarray(scores), k=1))
    frame = pd.DataFrame({"a": np.array(keys, dtype=object)[i],
                          "b": np.array(keys, dtype=object)[j],
                          "score": np.asarray(scores)[i, j].astype(float)})
    return frame.sort_values(["score", "a", "b"], ascending=[False, True, True],
                             kind="stable").head(limit).reset_index(drop=True)


# --------------------------------------------------------------------------- LinkedIn URLs
# (profile URLs are identity: every reader normalises them with these)

__all__ += ["PROFILE_PREFIX", "linkedin_slug", "normalise_linkedin_url"]

#: The canonical form of a profile URL is this prefix and the slug.
PROFILE_PREFIX = "https://www.linkedin.com/in/"

_PROFILE_URL_RE = re.compile(
    r"^(?:https?://)?(?:[a-z0-9\-]+\.)*linkedin\.com(?::\d+)?/(?:mwlite/)?in/([^/?#\s]+)",
    re.IGNORECASE)


def _canonical_slug(slug: str) -> str:
    from urllib.parse import quote, unquote

    low = slug.lower()
    if low.isascii() and "%" not in low and low.replace("-", "").replace("_", "").isalnum():
        return low
    return quote(unquote(slug).lower(), safe="-._~")


def _slug_list(values: list[str]) -> list[str]:
    """Canonical slugs of a list of cleaned strings (``""`` when not a profile URL)."""
    cache: dict[str, str] = {}
    out = []
    match = _PROFILE_URL_RE.match
    prefix, n_prefix = PROFILE_PREFIX, len(PROFILE_PREFIX)
    for v in values:
        # Fast path: the canonical form with a plain ASCII slug.
        if v.startswith(prefix):
            s = v[n_prefix:]
            if s.endswith("/"):
                s = s[:-1]
            if s.isascii() and s.replace("-", "").isalnum():
                out.append(s.lower())
                continue
        m = match(v) if v else None
        if m is None:
            out.append("")
            continue
        s = m.group(1)
        c = cache.get(s)
        if c is None:
            c = cache[s] = _canonical_slug(s)
        out.append(c)
    return out


def _as_str_list(s: pd.Series) -> list[str]:
    vals = s.tolist()
    if all(type(v) is str for v in vals):
        return [v.strip() for v in vals]
    return [v.strip() if isinstance(v, str) else ("" if v is None or pd.isna(v) else str(v))
            for v in vals]


def linkedin_slug(url: str | pd.Series) -> str | pd.Series:
    """The profile slug of LinkedIn profile URL(s); ``""`` when not a profile URL.

    The slug is lower case with canonical percent-encoding (decoded, lower
    cased, re-encoded with upper-case hex), so every spelling of one profile
    URL gives one slug.

    Parameters
    ----------
    url : str or pandas.Series

    Returns
    -------
    str or pandas.Series (object dtype)

    Examples
    --------
    >>> from netgraph.data.identity import linkedin_slug
    >>> linkedin_slug("http://uk.linkedin.com/in/Jose-Garcia/?trk=x")
    'jose-garcia'
    >>> linkedin_slug("https://www.linkedin.com/in/jos%c3%a9")
    'jos%C3%A9'
    >>> linkedin_slug("https://www.linkedin.com/company/acme")
    ''
    """
    if isinstance(url, pd.Series):
        return pd.Series(_slug_list(_as_str_list(url)), index=url.index, dtype=object)
    if url is None or (not isinstance(url, str) and pd.isna(url)):
        return ""
    return _slug_list([str(url).strip()])[0]


def normalise_linkedin_url(urls: pd.Series | str) -> pd.Series | str:
    """Normalise LinkedIn profile URL(s) to ``https://www.linkedin.com/in/<slug>``.

    Accepts ``http``, no scheme, no or country subdomains
    (``uk.linkedin.com``), trailing slashes, query strings and fragments.
    Anything that is not a profile URL (a company page, empty, NaN) gives
    ``""``. Vectorised over a Series.

    Parameters
    ----------
    urls : pandas.Series or str

    Returns
    -------
    pandas.Series (object dtype) or str

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.identity import normalise_linkedin_url
    >>> normalise_linkedin_url(pd.Series(["linkedin.com/in/Ada-L/", None,
    ...     "https://de.linkedin.com/in/j%c3%bcrgen?originalSubdomain=de"])).tolist()
    ['https://www.linkedin.com/in/ada-l', '', 'https://www.linkedin.com/in/j%C3%BCrgen']
    """
    if isinstance(urls, pd.Series):
        slugs = _slug_list(_as_str_list(urls))
        return pd.Series([PROFILE_PREFIX + s if s else "" for s in slugs], index=urls.index,
                         dtype=object)
    slug = linkedin_slug(urls)
    return PROFILE_PREFIX + slug if slug else ""
