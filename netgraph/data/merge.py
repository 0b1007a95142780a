"""Merging imported rows into the canonical tables (identity resolution).

Pure functions over a :class:`Tables` value: they take the current tables
and normalised reader output, and return new tables plus counts. Nothing is
changed in place, so a failed import leaves the network as it was.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data.merge import Tables, upsert_people
>>> t = Tables.empty()
>>> rows = pd.DataFrame({"name": ["Ada Lovelace"], "url": ["https://www.linkedin.com/in/ada"],
...                      "company": ["Analytical Engines Ltd"]})
>>> t2, ids, stats = upsert_people(t, rows, source="contacts")
>>> ids.tolist(), t2.people.loc[0, "company_id"]
(['in:ada'], 'analytical engines')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from netgraph._cache import Memo
from netgraph.data import schema
from netgraph.data.identity import company_key, name_key, person_ids
from netgraph.errors import InputError, NotFoundError

__all__ = [
    "Tables",
    "add_affiliations",
    "add_company_alias",
    "add_interactions",
    "add_overrides",
    "add_ties",
    "canonical_ids",
    "display_name",
    "fold_same_people",
    "note_source",
    "pair_key",
    "rename_people",
    "resolve_people",
    "tie_owner",
    "upsert_people",
]

class Tables:
    """The canonical tables of one network, plus the company alias map (immutable).

    One attribute per table declared in :data:`netgraph.data.schema.TABLES`
    (``people``, ``companies``, ``affiliations``, ``ties``, ``interactions``,
    ``overrides``, and any table declared there later): a table declared in
    the schema is held, conformed, stored and loaded without a second list.
    Tables not given are empty. ``aliases`` maps a folded alias
    (``company_key``) to the company id it stands for; it is applied whenever
    company names are folded.

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> t = Tables.empty()
    >>> sorted(t.names) == sorted(t.frames)
    True
    >>> len(t.replace(people=t.people).people)
    0
    """

    people: pd.DataFrame
    companies: pd.DataFrame
    affiliations: pd.DataFrame
    ties: pd.DataFrame
    interactions: pd.DataFrame
    overrides: pd.DataFrame

    def __init__(self, aliases: dict[str, str] | None = None, **frames: pd.DataFrame) -> None:
        unknown = sorted(set(frames) - set(schema.TABLES))
        if unknown:
            raise TypeError(f"no table named {', '.join(unknown)} in netgraph.data.schema")
        data = {n: schema.enforce(frames[n], n) if n in frames else schema.empty(n)
                for n in schema.TABLES}
        object.__setattr__(self, "frames", data)
        object.__setattr__(self, "aliases", dict(aliases or {}))
        # derived values of `people` (id index, person dtype, name keys), computed once
        object.__setattr__(self, "_memo", Memo())

    names: tuple[str, ...] = tuple(schema.TABLES)

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"Tables has no table or attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Tables are immutable: use .replace(...)")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(f)}" for n, f in self.frames.items())
        return f"Tables({sizes})"

    def _copy(self, frames: dict[str, pd.DataFrame], aliases: dict[str, str]) -> Tables:
        new = object.__new__(Tables)
        object.__setattr__(new, "frames", frames)
        object.__setattr__(new, "aliases", aliases)
        object.__setattr__(new, "_memo", Memo())
        return new

    def replace(self, aliases: dict[str, str] | None = None, **changes: pd.DataFrame) -> Tables:
        """A copy with some tables (or the alias map) replaced; derived people values are
        kept when people is not replaced."""
        unknown = sorted(set(changes) - set(schema.TABLES))
        if unknown:
            raise TypeError(f"no table named {', '.join(unknown)} in netgraph.data.schema")
        frames = dict(self.frames)
        frames.update({n: schema.enforce(f, n) for n, f in changes.items()})
        new = self._copy(frames, dict(self.aliases if aliases is None else aliases))
        if "people" not in changes:
            new._memo.copy_from(self._memo)
        return new

    @property
    def ids(self) -> pd.Index:
        """``people.person_id`` as an index (hash table built once)."""
        return self._memo.get("ids", lambda: pd.Index(self.people["person_id"].to_numpy(),
                                                         dtype=object))

    @property
    def person_dtype(self) -> pd.CategoricalDtype:
        """The dtype of person-id columns for these people."""
        return self._memo.get("dtype", lambda: schema.person_dtype(self.ids))

    def people_named(self, keys: pd.Series) -> np.ndarray:
        """Row positions of the people whose folded name is among *keys* (sorted)."""
        def make() -> tuple[pd.Index, np.ndarray, np.ndarray]:
            codes, uniques = pd.factorize(self.name_keys().to_numpy(dtype=object))
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
            return pd.Index(uniques), order, bounds

        uniques, order, bounds = self._memo.get("name_groups", make)
        at = uniques.get_indexer(pd.unique(pd.Series(keys, dtype=object)))
        at = at[at >= 0]
        if not len(at):
            return np.zeros(0, dtype=np.int64)
        return np.sort(np.concatenate([order[bounds[i]:bounds[i + 1]] for i in at]))

    def lookups(self) -> tuple[pd.Series, pd.Series, np.ndarray]:
        """Person ids by stored URL (people keyed otherwise) and by e-mail address, and
        which people are keyed by name with no URL yet (see ``_match_known``)."""
        def make() -> tuple[pd.Series, pd.Series, np.ndarray]:
            people = self.people
            pid = people["person_id"].to_numpy(dtype=object)
            purl = people["url"].to_numpy(dtype=object)
            pmail = people["email"].to_numpy(dtype=object)
            keyed = people["person_id"].str.startswith("in:").to_numpy()
            ok = ~keyed & (purl != "")
            by_url = pd.Series(pid[ok], index=purl[ok], dtype=object)
            ok = pmail != ""
            by_mail = pd.Series(pid[ok], index=pmail[ok], dtype=object)
            by_name = people["person_id"].str.startswith("name:").to_numpy() & (purl == "")
            return (by_url[~by_url.index.duplicated()], by_mail[~by_mail.index.duplicated()],
                    by_name)

        return self._memo.get("lookups", make)

    def text_rank(self) -> np.ndarray:
        """Position of each person id in text order (to order tie ends, ``a < b``)."""
        def make() -> np.ndarray:
            order = np.argsort(self.ids.to_numpy(dtype=object), kind="stable")
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            return rank

        return self._memo.get("text_rank", make)

    def name_keys(self) -> pd.Series:
        """Folded names of the people (:func:`~netgraph.data.identity.name_key`), cached."""
        return self._memo.get("name_keys", lambda: name_key(self.people["name"]))

    @classmethod
    def empty(cls) -> Tables:
        """Tables of an empty network."""
        return cls()

    def company_ids(self, names: pd.Series) -> pd.Series:
        """Fold company names to company ids, applying the alias map."""
        keys = company_key(names)
        if self.aliases:
            keys = keys.map(lambda k: self.aliases.get(k, k)) if len(keys) < 50 else keys.replace(
                self.aliases)
        return keys

    def with_people(self, people: pd.DataFrame) -> Tables:
        """Replace people and extend the person-id categories of every table."""
        people = schema.enforce(people.reset_index(drop=True), "people")
        old_ids = self.people["person_id"].to_numpy()
        if len(people) == len(old_ids) and np.array_equal(people["person_id"].to_numpy(), old_ids):
            # same people, other values: ids, dtypes and codes stay valid
            new = self.replace(people=people)
            new._memo.copy_from(self._memo, keys=("ids", "dtype", "text_rank"))
            return new
        ids = pd.Index(people["person_id"].to_numpy(), dtype=object)
        dtype = schema.person_dtype(ids)
        out = {"people": people}
        for name, cols in schema.PERSON_COLUMNS.items():
            frame = getattr(self, name)
            frame = frame.copy(deep=False)
            for col in cols:
                frame[col] = _recategorise(frame[col], ids, dtype)
            out[name] = frame
        new = self.replace(**out)
        new._memo.put("ids", ids)
        new._memo.put("dtype", dtype)
        old_keys = self._memo.peek("name_keys")
        if old_keys is not None and len(old_keys) <= len(people):
            # fold only the names that are new or changed
            n = len(old_keys)
            old_names = self.people["name"].to_numpy()
            new_names = people["name"].to_numpy()
            if n and (ids[:n] == self.ids[:n]).all():
                keys = old_keys.to_numpy().copy()
                changed = np.flatnonzero(old_names[:n] != new_names[:n])
                if len(changed):
                    keys[changed] = name_key(new_names[changed]).to_numpy()
                tail = name_key(new_names[n:]).to_numpy()
                new._memo.put("name_keys", pd.Series(np.concatenate([keys, tail]), dtype=object))
        return new


def _recategorise(col: pd.Series, ids: pd.Index, dtype: pd.CategoricalDtype) -> pd.Series:
    cats = col.cat.categories
    n = len(cats)
    if n <= len(ids) and (n == 0 or (ids[n - 1] == cats[-1] and ids[0] == cats[0])):
        # people are append-only: the old categories are a prefix of the new ones
        return pd.Series(pd.Categorical.from_codes(col.cat.codes.to_numpy(), dtype=dtype,
                                                   validate=False),
                         index=col.index, name=col.name)
    return col.astype("object").astype(dtype)


def append_rows(t: Tables, table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """``getattr(t, table)`` with *rows* appended (conformed to the table).

    Person-id columns are appended as codes (``pd.concat`` would hash the
    categories of every categorical column to check that they match).
    """
    old = getattr(t, table)
    new = schema.conform(rows, table, person_ids=t.person_dtype)
    if not len(old):
        return new
    if not len(new):
        return old
    person = set(schema.PERSON_COLUMNS.get(table, ()))
    out = {}
    for col in old.columns:
        if col in person:
            codes = np.concatenate([old[col].cat.codes.to_numpy(), new[col].cat.codes.to_numpy()])
            out[col] = pd.Categorical.from_codes(codes, dtype=t.person_dtype, validate=False)
        else:
            out[col] = pd.concat([old[col], new[col]], ignore_index=True)
    return pd.DataFrame(out)


def _codes_of(col: pd.Series) -> np.ndarray:
    return col.cat.codes.to_numpy().astype(np.int64)


def pair_key(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unordered pair key of two int code arrays (int64).

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.data.merge import pair_key
    >>> pair_key(np.array([1, 5]), np.array([5, 1])).tolist()
    [4294967301, 4294967301]
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    return (np.minimum(a, b) << 32) | np.maximum(a, b)


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype="object")
    s = frame[col].astype("object")
    missing = s.isna()
    return s.where(~missing, "") if missing.any() else s


# ---------------------------------------------------------------- people

def resolve_people(
    t: Tables, rows: pd.DataFrame, *, match_name_only: bool = True
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Find the person id of each row: URL, else e-mail, else name (+ company).

    Parameters
    ----------
    t : Tables
    rows : DataFrame
        Columns ``name``, ``url``, ``email``, ``company`` (any may be missing).
    match_name_only : bool, default True
        A row with only a name matches the one known person with that name
        (and company, when given). With several, the row is ambiguous.

    Returns
    -------
    ids : Series of str
        The resolved or new person id per row (``""`` when ambiguous or empty).
    is_new : Series of bool
        True where the id is not in the network yet.
    ambiguous : Series of str
        ``""``, or the reason a name matched several people.
    """
    url, email = _text(rows, "url"), _text(rows, "email").str.strip().str.lower()
    name, company = _text(rows, "name"), _text(rows, "company")
    comp = pd.Series("", index=rows.index, dtype=object)
    keyless = ((url == "") & (email == "")).to_numpy()
    if keyless.any():  # the employer only keys people with neither URL nor e-mail
        comp[keyless] = t.company_ids(company[keyless]).to_numpy()
    ids = person_ids(url, email, name, comp)
    people = t.people
    known = t.ids
    unknown = (known.get_indexer(ids) < 0) & (ids != "").to_numpy()
    if unknown.any() and len(people):
        ids = _match_known(t, ids, unknown, url, email, name, company)
    ambiguous = pd.Series("", index=rows.index, dtype="object")
    name_only = (url == "") & (email == "") & (name.str.strip() != "")
    name_only &= known.get_indexer(ids) < 0
    if name_only.any() and len(people):
        nk = name_key(name[name_only])
        cand = t.people_named(nk)  # only people sharing a queried name
        people = people.iloc[cand]
        pkeys = t.name_keys().iloc[cand]
        counts = pkeys.value_counts()
        first = pd.Series(people["person_id"].to_numpy(), index=pkeys.to_numpy())
        first = first[~first.index.duplicated()]
        # name + company first
        pk2 = pkeys + "@" + people["company_id"]
        c2 = pk2.value_counts()
        f2 = pd.Series(people["person_id"].to_numpy(), index=pk2.to_numpy())
        f2 = f2[~f2.index.duplicated()]
        k2 = nk + "@" + comp[name_only]
        hit2 = k2.map(f2).where(k2.map(c2) == 1)
        n_same = nk.map(counts).fillna(0)
        hit1 = nk.map(first).where(n_same == 1)
        if match_name_only:
            hit = hit2.where(hit2.notna(), hit1.where(comp[name_only] == ""))
            hit = hit.where(hit.notna(), hit1.where(comp[name_only] != ""))
        else:
            # the one person of that name, known only by name (a log named them
            # before any export placed them): whichever came first, one person
            loose = (people["company_id"] == "") & (people["url"] == "") & (
                people["email"] == "")
            is_loose = pd.Series(loose.to_numpy(), index=people["person_id"].to_numpy())
            is_loose = is_loose[~is_loose.index.duplicated()]
            hit_loose = hit1.where(hit1.map(is_loose).eq(True))
            hit = hit2.where(hit2.notna(), hit_loose)
        ids.loc[name_only] = hit.where(hit.notna(), ids[name_only])
        amb = name_only.copy()
        amb.loc[name_only] = (hit.isna() & (n_same > 1)).to_numpy() if match_name_only else False
        ambiguous[amb] = "matches " + nk[amb[name_only].to_numpy()].map(
            counts).astype(int).astype(str) + " people named " + name[amb] + "; give a URL or e-mail"
        ids[amb] = ""
    is_new = (ids != "") & (known.get_indexer(ids) < 0)
    return ids, is_new, ambiguous


def _match_known(t: Tables, ids: pd.Series, unknown: np.ndarray, url: pd.Series,
                 email: pd.Series, name: pd.Series, company: pd.Series) -> pd.Series:
    """Give rows whose own key is new the id of a known person they name.

    Whatever order exports arrive in, one person stays one person: a row with a
    profile URL matches a known person who has that URL or e-mail address but was
    keyed otherwise, or a known person keyed by name (no URL yet) with the same
    name and employer (an owner: the same name); an e-mail row matches a known
    person with that address.
    """
    people = t.people
    ids = ids.copy()
    pid = people["person_id"].to_numpy(dtype=object)
    by_url, by_mail, by_name = t.lookups()
    # the same URL or e-mail on a person keyed otherwise
    for col, lookup in ((url, by_url), (email, by_mail)):
        if not len(lookup):
            continue
        want = unknown & (col != "").to_numpy()
        if want.any():
            hit = col[want].map(lookup)
            found = hit.notna().to_numpy()
            idx = np.flatnonzero(want)[found]
            ids.iloc[idx] = hit.to_numpy()[found]
            unknown[idx] = False
    # a URL or e-mail row and a person known by name only (no URL yet)
    want = unknown & ((url != "") | (email != "")).to_numpy()
    if by_name.any() and want.any():
        # cheap gate first: only rows whose name, case aside, is one of those people's
        names = {str(v).casefold() for v in people["name"].to_numpy(dtype=object)[by_name]}
        want &= name.str.casefold().isin(names).to_numpy()
    if by_name.any() and want.any():
        keys = t.name_keys().to_numpy(dtype=object)
        nk = name_key(name[want]).to_numpy(dtype=object)
        comp = t.company_ids(company[want]).to_numpy(dtype=object)
        owner = people["is_owner"].to_numpy()
        known_keys = pd.Series(keys[by_name] + "@" + people["company_id"].to_numpy(
            dtype=object)[by_name])
        owner_keys = pd.Series(keys[by_name & owner])
        # a person a log named before any export placed them (no employer, no URL,
        # no e-mail): the one row of that name in this batch is them
        placed = people["company_id"].to_numpy(dtype=object) != ""
        loose = by_name & ~placed & (people["email"].to_numpy(dtype=object) == "")
        loose_keys = pd.Series(keys[loose])
        for mode in ("employer", "owner", "loose"):
            if mode == "employer":
                lookup_keys, ids_of, query = known_keys, pid[by_name], nk + "@" + comp
            elif mode == "owner":
                lookup_keys, ids_of, query = owner_keys, pid[by_name & owner], nk
            else:
                lookup_keys, ids_of, query = loose_keys, pid[loose], nk
                query = np.where(pd.Series(nk).duplicated(keep=False).to_numpy(), "", nk)
            once = ~lookup_keys.duplicated(keep=False).to_numpy()
            lookup = pd.Series(ids_of[once], index=lookup_keys.to_numpy()[once])
            hit = pd.Series(query).map(lookup).to_numpy()
            found = pd.notna(hit)
            idx = np.flatnonzero(want)[found]
            ids.iloc[idx] = hit[found]
            unknown[idx] = False
            want[idx] = False
            nk, comp = nk[~found], comp[~found]
            if not want.any():
                break
    return _same_name_and_employer(t, ids, unknown, url, email, name, company)


def _same_name_and_employer(t: Tables, ids: pd.Series, unknown: np.ndarray, url: pd.Series,
                            email: pd.Series, name: pd.Series, company: pd.Series) -> pd.Series:
    """Rows keyed by a URL or e-mail that no one has yet, and the one known person with
    the same name and current employer whose keys do not conflict (an e-mail in one
    export, a profile URL in another): one person, whatever the import order."""
    people = t.people
    want = unknown & ((url != "") | (email != "")).to_numpy()
    if not want.any() or not len(people):
        return ids
    names = {str(v).casefold() for v in people["name"].to_numpy(dtype=object)}
    want &= name.str.casefold().isin(names).to_numpy()
    if not want.any():
        return ids
    nk = name_key(name[want]).to_numpy(dtype=object)
    comp = t.company_ids(company[want]).to_numpy(dtype=object)
    query = np.where(comp != "", nk + "@" + comp, "")
    query = np.where(pd.Series(query).duplicated(keep=False).to_numpy(), "", query)
    row_url = (url != "").to_numpy()[want]
    pid = people["person_id"].to_numpy(dtype=object)
    pcomp = people["company_id"].to_numpy(dtype=object)
    pkey = t.name_keys().to_numpy(dtype=object) + "@" + pcomp
    free = {True: (people["url"] == "").to_numpy(),  # a URL row: someone with no URL
            False: (people["email"] == "").to_numpy()}  # an e-mail row: no e-mail
    idx_want = np.flatnonzero(want)
    for with_url in (True, False):
        cand = (pcomp != "") & free[with_url]
        keys = pd.Series(pkey[cand])
        once = ~keys.duplicated(keep=False).to_numpy()
        lookup = pd.Series(pid[cand][once], index=keys.to_numpy()[once])
        sel = row_url == with_url
        hit = pd.Series(np.where(sel, query, "")).map(lookup).to_numpy()
        found = pd.notna(hit)
        ids.iloc[idx_want[found]] = hit[found]
        unknown[idx_want[found]] = False
    return ids


#: The source of a person's own job history (an owner's Positions.csv): it beats
#: what other people's rows say about their employer.
OWN_HISTORY = "linkedin-positions"
#: Marks (in ``affiliations.source``) a job ended because a newer snapshot showed another
#: employer (see :mod:`netgraph.data.moves`).
JOB_CHANGE = "job-change"


def _has_own_history(t: Tables) -> np.ndarray:
    """Per person (row of ``people``): whether their own job history is imported."""
    aff = t.affiliations
    out = np.zeros(len(t.people), dtype=bool)
    if len(aff):
        mine = aff["source"].str.contains(OWN_HISTORY, regex=False).to_numpy()
        codes = aff["person_id"].cat.codes.to_numpy()[mine]
        out[codes[codes >= 0]] = True
    return out


def upsert_people(
    t: Tables,
    rows: pd.DataFrame,
    *,
    source: str,
    ids: pd.Series | None = None,
    as_of: pd.Timestamp | None = None,
    update: bool = True,
    stale: bool = False,
) -> tuple[Tables, pd.Series, dict[str, int]]:
    """Add new people and update known ones from *rows*.

    Known people get their non-empty fields updated (a newer export brings a
    new company and title); a changed current employer closes the previous
    snapshot affiliation (``end = as_of``) and opens the new one. A person
    whose own job history is imported (an owner's Positions.csv) keeps the
    employer and title it gives: other people's rows about them change
    neither.

    Parameters
    ----------
    t : Tables
    rows : DataFrame
        Columns among name, first_name, last_name, url, email, company, title.
    source : str
        Source label recorded on new people and affiliations.
    ids : Series, optional
        Person ids already resolved (:func:`resolve_people`); ``""`` skips a row.
    as_of : Timestamp, optional
        When the rows were true (end date of replaced affiliations).
    update : bool, default True
        Update fields of people already known.
    stale : bool, default False
        The rows are older than what is known (an older export imported
        after a newer one): known people keep their employer and title; new
        people are added with theirs.

    Returns
    -------
    tables, ids, stats
        ``stats`` has ``new`` (people added) and ``merged`` (rows that matched
        a known person or an earlier row).
    """
    if ids is None:
        ids, _, _ = resolve_people(t, rows)
    rows = rows.copy(deep=False)
    rows["person_id"] = ids.to_numpy()
    rows = rows[rows["person_id"] != ""]
    name = _text(rows, "name")
    first, last = _text(rows, "first_name"), _text(rows, "last_name")
    name = name.where(name != "", (first + " " + last).str.strip())
    company = _text(rows, "company")
    def obj(values) -> pd.Series:
        return pd.Series(np.asarray(values, dtype=object), dtype=object)

    new = pd.DataFrame({
        "person_id": obj(rows["person_id"]),
        "name": obj(name), "first_name": obj(first), "last_name": obj(last),
        "url": obj(_text(rows, "url")),
        "email": obj(_text(rows, "email").str.strip().str.lower()),
        "company": obj(company),
        "title": obj(_text(rows, "title")),
        "is_owner": rows["is_owner"].to_numpy().astype(bool) if "is_owner" in rows
        else np.zeros(len(rows), dtype=bool),
    })
    n_rows = len(new)
    new = _combine_duplicates(new)
    new.insert(new.columns.get_loc("company") + 1, "company_id", obj(t.company_ids(new["company"])))
    new["source"] = source
    people = t.people
    known = t.ids
    pos = known.get_indexer(new["person_id"])
    is_known = pos >= 0
    stats = {"new": int((~is_known).sum()), "merged": int(n_rows - (~is_known).sum()),
             "new_ids": set(new["person_id"].to_numpy()[~is_known])}
    old_company = pd.Series([], dtype="object")
    kept = np.zeros(len(new), dtype=bool)  # their own job history says where they work
    if is_known.any() and update:
        kept[is_known] = _has_own_history(t)[pos[is_known]]
    if stale:
        kept[is_known] = True
    if is_known.any():
        people = people.copy()
        upd = new[is_known]
        p = pos[is_known]
        cols = ["name", "first_name", "last_name", "url", "email"]
        if update:
            cols += ["company", "company_id", "title"]
            old_company = pd.DataFrame({
                "person_id": upd["person_id"].to_numpy(),
                "company_id": people["company_id"].to_numpy()[p],
                "new_company_id": upd["company_id"].to_numpy(),
            })
        for col in cols:
            vals = upd[col].to_numpy()
            cur = people[col].to_numpy().copy()
            fill = vals != "" if col not in ("company", "company_id", "title") else (
                (upd["company"].to_numpy() != "") & ~kept[is_known])
            if col == "title" and fill.any():
                # one title written two ways (an emoji, case, punctuation): the plainer
                # spelling, whichever export came first; a new title replaces the old
                old_t, new_t = cur[p[fill]], vals[fill]
                same = ((name_key(old_t) == name_key(new_t)).to_numpy()
                        & (people["company_id"].to_numpy()[p[fill]]
                           == upd["company_id"].to_numpy()[fill]))
                vals = vals.copy()
                vals[np.flatnonzero(fill)[same]] = [
                    min(x, y, key=lambda v: (len(v), v)) for x, y in
                    zip(old_t[same], new_t[same], strict=True)]
            cur[p[fill]] = vals[fill]
            people[col] = cur
        if "is_owner" in rows:
            own = people["is_owner"].to_numpy().copy()
            own[p] |= upd["is_owner"].to_numpy().astype(bool)
            people["is_owner"] = own
        srcs = people["source"].to_numpy().copy()
        srcs[p] = [_join_sets(s, source) for s in srcs[p]]
        people["source"] = srcs
    added = new[~is_known]
    if len(added):
        people = pd.concat([people, schema.conform(added, "people")], ignore_index=True)
    t2 = t.with_people(people) if len(added) or is_known.any() else t
    t2 = _refresh_companies(t2, new[["company_id", "company"]])
    # current-employer affiliations from the snapshot
    snap = new[(new["company_id"] != "").to_numpy() & ~kept]
    if update and len(snap):
        t2 = _snapshot_affiliations(t2, snap, old_company, source, as_of)
    return t2, ids, stats


def _combine_duplicates(new: pd.DataFrame) -> pd.DataFrame:
    """One row per person: the first row's values, plus an e-mail address that only a
    later row shows (exports differ in what a contact shares); owner if any row says so."""
    if not new["person_id"].duplicated().any():
        return new
    out = new.drop_duplicates("person_id", keep="first").reset_index(drop=True)
    no_mail = (out["email"] == "").to_numpy()
    if no_mail.any():
        mails = new[new["email"] != ""].drop_duplicates("person_id")
        found = out["person_id"].map(pd.Series(mails["email"].to_numpy(),
                                               index=mails["person_id"].to_numpy()))
        fill = no_mail & found.notna().to_numpy()
        if fill.any():
            email = out["email"].to_numpy().copy()
            email[fill] = found.to_numpy()[fill]
            out["email"] = pd.Series(email, dtype=object)
    owners = set(new.loc[new["is_owner"], "person_id"])
    if owners:
        out["is_owner"] = out["is_owner"].to_numpy() | out["person_id"].isin(owners).to_numpy()
    return out


def _snapshot_affiliations(t: Tables, snap: pd.DataFrame, changed: pd.DataFrame, source: str,
                           as_of: pd.Timestamp | None) -> Tables:
    aff = t.affiliations
    codes = _codes_of(aff["person_id"])
    # only the rows of the people in this snapshot matter
    snap_codes = t.ids.get_indexer(snap["person_id"])
    mine = np.zeros(len(t.ids), dtype=bool)
    mine[snap_codes] = True
    rel = np.flatnonzero(mine[codes]) if len(codes) else np.zeros(0, dtype=np.int64)
    sub = aff.iloc[rel]
    # close snapshot rows of people whose employer changed
    if len(changed) and len(sub):
        moved = changed[(changed["company_id"] != changed["new_company_id"])
                        & (changed["new_company_id"] != "")]
        if len(moved):
            old_pair = set(zip(moved["person_id"], moved["company_id"], strict=True))
            end = as_of if as_of is not None else pd.Timestamp.now(tz="UTC")
            src = sub["source"].astype(object).fillna("")
            # the old job ends: its snapshot row, or an open-ended job-history row (not the
            # owner's own Positions.csv, and not one that starts after this snapshot)
            snap_row = sub["start"].isna() & ~src.str.contains("history", regex=False)
            open_row = (sub["end"].isna() & ~src.str.contains(OWN_HISTORY, regex=False)
                        & ~(sub["start"] > end))
            close = (sub["current"] & (snap_row | open_row)).to_numpy()
            close = close & np.array([(p, c) in old_pair for p, c in zip(
                sub["person_id"].astype(object), sub["company_id"], strict=True)], dtype=bool)
            if close.any():
                aff = aff.copy()
                rows = rel[close]
                cur = aff["current"].to_numpy().copy()
                cur[rows] = False
                aff["current"] = cur
                aff.loc[aff.index[rows], "end"] = end
                # say why it ended: a newer snapshot showed another employer
                marks = aff["source"].to_numpy(dtype=object).copy()
                marks[rows] = [_join_sets(m, JOB_CHANGE) for m in marks[rows]]
                aff["source"] = marks
                sub = aff.iloc[rel]
    cur = sub["current"].to_numpy()
    existing = set(zip(sub["person_id"].astype(object)[cur], sub["company_id"][cur], strict=True))
    keep = np.array([(p, c) not in existing for p, c in zip(
        snap["person_id"], snap["company_id"], strict=True)], dtype=bool)
    rows = snap[keep]
    if len(rows) and len(sub):
        # back at an employer whose snapshot row was closed: reopen that row, not a new one
        closed = ~cur & sub["start"].isna().to_numpy() & ~sub["source"].str.contains(
            "history", regex=False).to_numpy()
        where = {pc: r for pc, r in zip(zip(sub["person_id"].astype(object)[closed],
                                            sub["company_id"][closed], strict=True),
                                        rel[closed], strict=True)}
        back = np.array([(p, c) in where for p, c in zip(rows["person_id"], rows["company_id"],
                                                          strict=True)], dtype=bool)
        if back.any():
            reopen = [where[(p, c)] for p, c in zip(rows["person_id"][back],
                                                     rows["company_id"][back], strict=True)]
            aff = aff.copy()
            cur_col = aff["current"].to_numpy().copy()
            cur_col[reopen] = True
            aff["current"] = cur_col
            aff.loc[aff.index[reopen], "end"] = pd.NaT
            aff.loc[aff.index[reopen], "title"] = rows["title"].to_numpy()[back]
            rows = rows[~back]
    if len(rows):
        add = pd.DataFrame({"person_id": rows["person_id"].to_numpy(),
                            "company_id": rows["company_id"].to_numpy(),
                            "company": rows["company"].to_numpy(),
                            "title": rows["title"].to_numpy(), "current": True,
                            "source": source})
        aff = append_rows(t.replace(affiliations=aff), "affiliations", add)
    return t.replace(affiliations=aff)


def display_name(spellings: Iterable[str]) -> str:
    """The name a company is shown by, chosen from every spelling seen (so it does not
    depend on the order imports came in): the shortest, written in mixed case if one is,
    then the first in alphabetical order.

    Examples
    --------
    >>> display_name(["Glasswing Cloud Inc", "GLASSWING CLOUD", "Glasswing Cloud"])
    'Glasswing Cloud'
    """
    names = [s for s in spellings if s]
    return min(names, key=lambda s: (len(s), s.isupper() or s.islower(), s)) if names else ""


def _refresh_companies(t: Tables, pairs: pd.DataFrame) -> Tables:
    """Add unseen company ids and spellings to the companies table."""
    pairs = pairs[(pairs["company_id"] != "") & (pairs["company"] != "")]
    if not len(pairs):
        return t
    comp = t.companies
    spell = pairs.groupby(["company_id", "company"], sort=False).size().reset_index(name="n")
    known = pd.Index(comp["company_id"])
    new_ids = spell[~spell["company_id"].isin(known)]
    frames = [comp]
    if len(new_ids):
        best = new_ids.sort_values(["company_id", "n", "company"], ascending=[True, False, True],
                                   kind="stable")
        names = best.drop_duplicates("company_id").copy()
        # most companies have one spelling: join only the few with several
        by_name = best.sort_values(["company_id", "company"], kind="stable")
        many = by_name["company_id"].duplicated(keep=False)
        aliases = pd.Series(by_name.loc[~many, "company"].to_numpy(),
                            index=by_name.loc[~many, "company_id"].to_numpy(), dtype=object)
        if many.any():
            joined = by_name[many].groupby("company_id", sort=False)["company"].agg("|".join)
            aliases = pd.concat([aliases, joined.astype(object)])
        if many.any():  # several spellings: the one display_name picks from the set
            chosen = by_name[many].groupby("company_id", sort=False)["company"].agg(display_name)
            names["company"] = names["company_id"].map(chosen).fillna(names["company"])
        frames.append(pd.DataFrame({"company_id": names["company_id"].to_numpy(),
                                    "name": names["company"].to_numpy(),
                                    "aliases": aliases.reindex(names["company_id"]).to_numpy()}))
    old = spell[spell["company_id"].isin(known)]
    if len(old):
        comp = comp.copy()
        pos = known.get_indexer(old["company_id"])
        al = comp["aliases"].to_numpy().copy()
        nm = comp["name"].to_numpy().copy()
        for p, name in zip(pos, old["company"], strict=True):
            if name not in al[p].split("|"):
                al[p] = "|".join(sorted({*filter(None, al[p].split("|")), name}))
                nm[p] = display_name(al[p].split("|"))
        comp["aliases"] = al
        comp["name"] = nm
        frames[0] = comp
    companies = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return t.replace(companies=companies)


# ---------------------------------------------------------------- ties, affiliations, events

def _join_sets(old: str, new: str) -> str:
    """``"a;b"`` joined with ``"c;b"`` -> ``"a;b;c"`` (sorted, each once, so the result
    does not depend on the order imports came in)."""
    if not new or new == old:
        return old
    return ";".join(sorted({v for v in (*old.split(";"), *new.split(";")) if v}))


def _is_codes(values) -> bool:
    return isinstance(values, np.ndarray) and values.dtype.kind in "iu"


def _codes(t: Tables, ids: pd.Series) -> np.ndarray:
    return t.ids.get_indexer(pd.Series(ids, dtype="object"))


def add_ties(t: Tables, a: pd.Series, b: pd.Series, since: pd.Series, *, source: str,
             owner: str | pd.Series) -> tuple[Tables, dict]:
    """Add ties between *a* and *b* (person ids), merging with known ties.

    A known tie keeps the earliest ``since`` and gains the source and owner.

    Parameters
    ----------
    owner : str or Series
        The owner whose data asserts each tie (one for all rows, or one per row).

    Returns
    -------
    tables, stats
        ``stats``: ``new`` ties, ``merged`` (already known), and ``row_new``:
        a boolean array, per input row, true where that row added a tie.
    """
    # person codes (row positions in people); ids may be given as codes already
    ca = np.asarray(a) if _is_codes(a) else _codes(t, a)
    cb = np.asarray(b) if _is_codes(b) else _codes(t, b)
    n = len(ca)
    since = pd.to_datetime(pd.Series(since).reset_index(drop=True), utc=True)
    owner = (pd.Series(owner, dtype="object").reset_index(drop=True)
             if not isinstance(owner, str) else pd.Series(owner, index=range(n), dtype="object"))
    keep = (ca != cb) & (ca >= 0) & (cb >= 0)
    ca, cb, since, owner = ca[keep], cb[keep], since[keep], owner[keep]
    rank = t.text_rank()  # a < b compares the ids as text
    swap = rank[ca] > rank[cb]
    ca, cb = np.where(swap, cb, ca), np.where(swap, ca, cb)
    key = pair_key(ca, cb)
    new = pd.DataFrame({"key": key, "ca": ca, "cb": cb,
                        "since": since.to_numpy(), "owner": owner.to_numpy()})
    ties = t.ties
    old_key = pair_key(ties["a"].cat.codes.to_numpy(), ties["b"].cat.codes.to_numpy())
    row_new = np.zeros(len(keep), dtype=bool)
    row_new[keep] = ~np.isin(key, old_key) & ~new["key"].duplicated().to_numpy()
    twice = new["key"].duplicated(keep=False).to_numpy()
    if twice.any():  # one tie asserted by several owners in this batch: keep them all
        # each distinct (tie, owner) once: a mailbox repeats the same pair thousands of times
        pairs = new.loc[twice, ["key", "owner"]].drop_duplicates()
        several = pairs["key"].duplicated(keep=False).to_numpy()
        norm = {v: ";".join(sorted({o for o in v.split(";") if o}))
                for v in pd.unique(pairs.loc[~several, "owner"])}
        owners = pd.Series([norm[v] for v in pairs.loc[~several, "owner"]],
                           index=pairs.loc[~several, "key"].to_numpy(), dtype=object)
        if several.any():
            owners = pd.concat([owners, pairs[several].groupby("key", sort=False)["owner"].agg(
                lambda s: ";".join(sorted({o for v in s for o in v.split(";") if o})))])
        col = new["owner"].to_numpy().copy()
        col[twice] = new.loc[twice, "key"].map(owners).to_numpy()
        new["owner"] = col
    new = new.sort_values("since", kind="stable").drop_duplicates("key", keep="first")
    order = np.argsort(old_key, kind="stable")
    pos = np.searchsorted(old_key[order], new["key"].to_numpy())
    pos = np.minimum(pos, max(len(old_key) - 1, 0))
    hit = (len(old_key) > 0) & (old_key[order][pos] == new["key"].to_numpy()) if len(old_key) \
        else np.zeros(len(new), bool)
    stats = {"new": int((~hit).sum()), "merged": int(hit.sum()), "row_new": row_new}
    if hit.any():
        rows = order[pos[hit]]
        ties = ties.copy()
        s_old = pd.DatetimeIndex(ties["since"]).asi8.copy()
        s_new = pd.DatetimeIndex(new["since"]).asi8[hit]
        nat = np.iinfo(np.int64).min
        cur = s_old[rows]
        better = (s_new != nat) & ((cur == nat) | (s_new < cur))
        s_old[rows[better]] = s_new[better]
        ties["since"] = pd.to_datetime(np.where(s_old == nat, np.datetime64("NaT", "ns"),
                                                s_old.astype("datetime64[ns]")), utc=True)
        vals = {"source": np.full(len(rows), source, dtype=object),
                "owner": new["owner"].to_numpy()[hit]}
        for col, val in vals.items():
            v = ties[col].to_numpy().copy()
            v[rows] = [_join_sets(x, y) for x, y in zip(v[rows], val, strict=True)]
            ties[col] = v
    add = new[~hit]
    if len(add):
        dtype = t.person_dtype  # person columns from codes: no hashing of ids again
        add = add.assign(
            a=pd.Categorical.from_codes(add["ca"].to_numpy(), dtype=dtype, validate=False),
            b=pd.Categorical.from_codes(add["cb"].to_numpy(), dtype=dtype, validate=False),
            source=source)
        ties = append_rows(t.replace(ties=ties), "ties", add)
    return t.replace(ties=ties), stats


def add_affiliations(t: Tables, rows: pd.DataFrame, *, source: str) -> tuple[Tables, dict]:
    """Add job-history rows (person_id, company, title, start, end, current).

    A row equal to a known one (person, company, start) is merged; a current
    history row replaces a known current snapshot row (no start date) at the
    same company.
    """
    rows = rows.reset_index(drop=True)
    comp_ids = t.company_ids(_text(rows, "company"))
    new = pd.DataFrame({"person_id": rows["person_id"].to_numpy(),
                        "company_id": comp_ids.to_numpy(), "company": _text(rows, "company"),
                        "title": _text(rows, "title"), "start": rows["start"].to_numpy(),
                        "end": rows["end"].to_numpy(), "current": rows["current"].to_numpy(),
                        "source": source})
    new = new[new["company_id"] != ""]
    t = _refresh_companies(t, new[["company_id", "company"]])
    aff = t.affiliations
    # nanoseconds both (object Timestamps convert to microseconds); "\x1f" joins: a NUL is
    # lost when object strings are added
    k_old = (aff["person_id"].astype("object") + "\x1f" + aff["company_id"] + "\x1f"
             + aff["start"].dt.as_unit("ns").astype("int64").astype(str))
    k_new = (new["person_id"] + "\x1f" + new["company_id"] + "\x1f"
             + pd.to_datetime(new["start"], utc=True).dt.as_unit("ns").astype("int64")
             .astype(str))
    dup = k_new.isin(set(k_old)) | k_new.duplicated()
    stats = {"new": int((~dup).sum()), "merged": int(dup.sum())}
    new = new[~dup]
    # history supersedes snapshot rows (no start) at the same company
    cur = new[new["current"].astype(bool)]
    if len(cur) and len(aff):
        pc = set(zip(cur["person_id"], cur["company_id"], strict=True))
        snap = aff["start"].isna() & aff["current"]
        drop = snap & pd.Series([(p, c) in pc for p, c in zip(
            aff["person_id"].astype("object"), aff["company_id"], strict=True)], index=aff.index)
        if drop.any():
            aff = aff[~drop].reset_index(drop=True)
    if len(new):
        aff = append_rows(t.replace(affiliations=aff), "affiliations", new)
    return t.replace(affiliations=aff), stats


def add_interactions(t: Tables, rows: pd.DataFrame, *, new_ties: bool = True
                     ) -> tuple[Tables, dict[str, int]]:
    """Add interaction rows (canonical columns); exact duplicates are merged.

    Every interacting pair also gets a tie (source ``interactions``); with
    ``new_ties=False`` (invitations never accepted) the events are kept as
    evidence but only pairs already tied are marked, no tie is made.
    """
    new = schema.conform(rows, "interactions", person_ids=t.person_dtype)
    inter = t.interactions
    cols = ["person_id", "other_id", "timestamp", "channel", "direction", "source"]

    def keys(f: pd.DataFrame) -> pd.Series:
        return pd.util.hash_pandas_object(f[cols], index=False)

    kn = keys(new)
    dup = kn.duplicated().to_numpy()
    if len(inter):
        dup = dup | kn.isin(keys(inter)).to_numpy()
    stats = {"new": int((~dup).sum()), "merged": int(dup.sum())}
    new = new[~dup]
    if len(new):
        inter = append_rows(t, "interactions", new)
        first = new.sort_values("timestamp", kind="stable")
        if not new_ties:
            ties = t.ties
            known = pair_key(ties["a"].cat.codes.to_numpy(), ties["b"].cat.codes.to_numpy())
            mine = pair_key(_codes_of(first["person_id"]), _codes_of(first["other_id"]))
            first = first[np.isin(mine, known)]
        t, _ = add_ties(t.replace(interactions=inter), first["person_id"].astype("object"),
                        first["other_id"].astype("object"),
                        pd.Series(pd.NaT, index=first.index, dtype="datetime64[ns, UTC]"),
                        source="interactions", owner="")
        return t, stats
    return t, stats


def add_overrides(t: Tables, a: str, b: str, when: pd.Timestamp, strength: float,
                  note: str = "") -> Tables:
    """Record a strength set by hand for the tie a-b at *when*."""
    lo, hi = sorted((a, b))
    row = pd.DataFrame({"a": [lo], "b": [hi], "timestamp": [when], "strength": [strength],
                        "note": [note]})
    ov = pd.concat([t.overrides, schema.conform(row, "overrides",
                                                person_ids=t.person_dtype)],
                   ignore_index=True)
    return t.replace(overrides=ov)


def add_company_alias(t: Tables, alias: str, company: str) -> Tables:
    """*t* with *alias* declared another name of *company* (e.g. "Alphabet" for "Google").

    Rows keyed by the alias are re-keyed to the company, the two company rows
    become one (keeping every spelling in ``aliases``), and the alias map makes
    future imports fold the alias too.

    Raises
    ------
    InputError
        Either name folds to nothing (a placeholder such as "Self-employed").

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, add_company_alias
    >>> t = Tables.empty()
    >>> add_company_alias(t, "Alphabet", "Google").aliases
    {'alphabet': 'google'}
    """
    a = company_key([alias]).iloc[0]
    c = t.company_ids(pd.Series([company])).iloc[0]
    if not a or not c:
        raise InputError("a company alias needs two real company names",
                         hint="Placeholders such as 'Self-employed' cannot be aliased.")
    if a == c:
        return t
    aliases = {k: (c if v == a else v) for k, v in t.aliases.items()}
    aliases[a] = c
    people = t.people.copy()
    people["company_id"] = people["company_id"].replace({a: c})
    aff = t.affiliations.copy()
    aff["company_id"] = aff["company_id"].replace({a: c})
    comp = t.companies
    merged = comp[comp["company_id"].isin([a, c])]
    rest = comp[~comp["company_id"].isin([a, c])]
    names = sorted({n for al in merged["aliases"] for n in al.split("|") if n} | {alias})
    keep = merged[merged["company_id"] == c]
    name = keep["name"].iloc[0] if len(keep) else company
    row = pd.DataFrame({"company_id": [c], "name": [name], "aliases": ["|".join(names)]})
    comp = pd.concat([rest, row], ignore_index=True)
    return t.with_people(people).replace(affiliations=aff, companies=comp, aliases=aliases)


def tie_owner(t: Tables, owners: Sequence[str], person: str, *, name: str | None = None) -> str:
    """The owner whose tie to *person* a per-person question is about.

    With one owner, that owner. With several, the one owner who has a tie
    to *person*; when several owners (or none of them) do, the question is
    ambiguous and the error lists the owners to choose from.

    Raises
    ------
    NotFoundError
        Several owners could be meant.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, tie_owner
    >>> tie_owner(Tables.empty(), ["in:ada"], "in:grace")
    'in:ada'
    """
    owners = list(dict.fromkeys(owners))
    if len(owners) == 1:
        return owners[0]
    ties = t.ties
    a = ties["a"].astype(object).to_numpy()
    b = ties["b"].astype(object).to_numpy()
    linked = set(b[a == person]) | set(a[b == person])
    mine = [o for o in owners if o in linked]
    if len(mine) == 1:
        return mine[0]
    names = pd.Series(t.people["name"].to_numpy(), index=t.people["person_id"].to_numpy())
    choices = [str(names.get(o, o)) for o in (mine or owners)]
    who = name or str(names.get(person, person))
    why = (f"{who!r} is a contact of {len(mine)} owners" if mine
           else f"{who!r} is not a contact of any of the {len(owners)} owners")
    raise NotFoundError(f"{why}: say whose tie you mean", suggestions=choices,
                        hint=f"Pass other={choices[0]!r}.",
                        cli_hint=f"Pass --other {choices[0]!r}.")


def fold_same_people(t: Tables, people: Iterable[str] | None = None
                     ) -> tuple[Tables, dict[str, str]]:
    """Fold records that are one person by name and current employer.

    Records with the same folded name and the same current employer whose
    keys agree (at most one profile URL, one e-mail address and one owner
    among them) are one person: had they arrived in another order, the
    import would have matched them. The strongest id survives (URL, then
    e-mail, then name); the other tables are re-pointed and rows that become
    one (a tie asserted twice, an interaction logged twice) are combined.
    Records whose keys conflict (two URLs) stay apart.

    Parameters
    ----------
    t : Tables
    people : iterable of str, optional
        Only groups that include one of these person ids (default: all).

    Returns
    -------
    tables, folded
        The new tables and the folded id -> surviving id map.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, fold_same_people, upsert_people
    >>> rows = pd.DataFrame({"name": ["Mei Mendes", "Mei Mendes"],
    ...                      "url": ["https://www.linkedin.com/in/mei", ""],
    ...                      "email": ["", "mei@example.com"], "company": ["Kestrel"] * 2})
    >>> t, _, _ = upsert_people(Tables.empty(), rows, source="toy",
    ...                         ids=pd.Series(["in:mei", "email:mei@example.com"]))
    >>> t2, folded = fold_same_people(t)
    >>> folded, t2.people[["person_id", "email"]].values.tolist()
    ({'email:mei@example.com': 'in:mei'}, [['in:mei', 'mei@example.com']])
    """
    consider = np.ones(len(t.people), bool) if people is None else t.people["person_id"].isin(
        pd.Series(list(people), dtype=object)).to_numpy()
    folded = _same_person_groups(t, consider)
    return (_fold_people(t, folded), folded) if folded else (t, {})


def _same_person_groups(t: Tables, consider: np.ndarray) -> dict[str, str]:
    """Old -> surviving id of people who are one person by name and employer.

    Two records with the same folded name and the same current employer whose
    keys do not conflict (at most one profile URL and one e-mail address among
    them, at most one owner) are one person: had they arrived in the other
    order, the import would have matched them. A group with two URLs or two
    addresses is left alone (an ambiguous name is never merged silently).
    """
    p = t.people
    comp = p["company_id"].to_numpy(dtype=object)
    names = t.name_keys().to_numpy(dtype=object)
    cand = np.flatnonzero((comp != "") & (names != ""))
    if len(cand) < 2:
        return {}
    key = pd.Series(names[cand] + "\x00" + comp[cand], dtype=object)
    dup = key.duplicated(keep=False).to_numpy()
    if not dup.any():
        return {}
    pos = cand[dup]
    g = pd.DataFrame({"key": key.to_numpy()[dup], "pid": p["person_id"].to_numpy(object)[pos],
                      "url": p["url"].to_numpy(object)[pos],
                      "email": p["email"].to_numpy(object)[pos],
                      "owner": p["is_owner"].to_numpy()[pos], "consider": consider[pos]})
    g["url"] = g["url"].where(g["url"] != "", None)
    g["email"] = g["email"].where(g["email"] != "", None)
    per = g.groupby("key", sort=False).agg(urls=("url", "nunique"), mails=("email", "nunique"),
                                           owners=("owner", "sum"), asked=("consider", "any"))
    ok = per.index[(per["urls"] <= 1) & (per["mails"] <= 1) & (per["owners"] <= 1)
                   & per["asked"]]
    g = g[g["key"].isin(ok)]
    if not len(g):
        return {}
    # an owner keeps their id (it is held by the import under way), then URL, e-mail, name
    rank = np.select([g["owner"].to_numpy(bool), g["pid"].str.startswith("in:"),
                      g["pid"].str.startswith("email:")], [0, 1, 2], 3)
    g = g.assign(rank=rank).sort_values(["key", "rank", "pid"], kind="stable")
    keep = g.drop_duplicates("key").set_index("key")["pid"]
    gone = g[g["key"].duplicated()]
    return dict(zip(gone["pid"].tolist(), gone["key"].map(keep).tolist(), strict=True))


def _fold_people(t: Tables, mapping: dict[str, str]) -> Tables:
    """*t* with each person of *mapping* folded into the person it maps to.

    The survivor keeps its values and gains what only the folded record had
    (URL, e-mail, names, title), the union of sources and owner flags; rows of
    the other tables are re-pointed, and rows that become the same (one tie
    asserted twice, one interaction logged twice, one job) are combined as an
    import would have combined them.
    """
    p = t.people
    pid = p["person_id"].to_numpy(dtype=object)
    old = pd.Index(pid, dtype=object)
    target = pd.Series(pid, dtype=object).map(lambda v: mapping.get(v, v)).to_numpy(dtype=object)
    gone = np.array([v in mapping for v in pid], dtype=bool)
    tpos = old.get_indexer(target)
    people = p.copy()
    cols = ["name", "first_name", "last_name", "url", "email", "title"]
    for col in cols:
        vals = people[col].to_numpy(dtype=object).copy()
        src = np.flatnonzero(gone & (vals != ""))
        dst = tpos[src]
        fill = vals[dst] == ""
        vals[dst[fill]] = vals[src[fill]]
        people[col] = vals
    own = people["is_owner"].to_numpy().copy()
    np.logical_or.at(own, tpos[gone], own[gone])
    people["is_owner"] = own
    srcs = people["source"].to_numpy(dtype=object).copy()
    for s, d in zip(np.flatnonzero(gone), tpos[gone], strict=True):
        srcs[d] = _join_sets(srcs[d], srcs[s])
    people["source"] = srcs
    people = people[~gone].reset_index(drop=True)
    ids = pd.Index(people["person_id"].to_numpy(), dtype=object)
    dtype = schema.person_dtype(ids)
    remap = ids.get_indexer(target)  # old code -> new code
    out: dict[str, pd.DataFrame] = {"people": people}
    for name, pcols in schema.PERSON_COLUMNS.items():
        f = getattr(t, name).copy(deep=False)
        for col in pcols:
            codes = f[col].cat.codes.to_numpy()
            f[col] = pd.Categorical.from_codes(np.where(codes >= 0, remap[codes], -1),
                                               dtype=dtype, validate=False)
        if set(pcols) == {"a", "b"} and len(f):
            a, b = f["a"].astype(object).to_numpy(), f["b"].astype(object).to_numpy()
            swap = a > b
            ca, cb = f["a"].cat.codes.to_numpy(), f["b"].cat.codes.to_numpy()
            f["a"] = pd.Categorical.from_codes(np.where(swap, cb, ca), dtype=dtype,
                                               validate=False)
            f["b"] = pd.Categorical.from_codes(np.where(swap, ca, cb), dtype=dtype,
                                               validate=False)
        out[name] = f.reset_index(drop=True)
    ties = out["ties"]
    if len(ties):
        ties = ties[ties["a"].cat.codes.to_numpy() != ties["b"].cat.codes.to_numpy()]
        ties = ties.assign(owner=ties["owner"].map(lambda v: ";".join(sorted(
            {mapping.get(o, o) for o in v.split(";") if o}))).astype(object))
        key = pair_key(ties["a"].cat.codes.to_numpy(), ties["b"].cat.codes.to_numpy())
        twice = pd.Series(key).duplicated(keep=False).to_numpy()
        if twice.any():
            many = ties[twice].assign(key=key[twice])
            comb = many.groupby("key", sort=False).agg(
                since=("since", "min"),
                source=("source", lambda s: ";".join(sorted({v for x in s for v in x.split(";")
                                                             if v}))),
                owner=("owner", lambda s: ";".join(sorted({v for x in s for v in x.split(";")
                                                           if v}))))
            keep = ~pd.Series(key).duplicated().to_numpy()
            k = pd.Series(key[keep])
            ties = ties[keep].copy()
            hit = twice[keep]
            for col in ("since", "source", "owner"):
                vals = ties[col].to_numpy().copy()
                vals[hit] = k[hit].map(comb[col]).to_numpy()
                ties[col] = vals
        out["ties"] = ties.reset_index(drop=True)
    inter = out["interactions"]
    if len(inter):
        inter = inter[inter["person_id"].cat.codes.to_numpy()
                      != inter["other_id"].cat.codes.to_numpy()]
        icols = ["person_id", "other_id", "timestamp", "channel", "direction", "source"]
        out["interactions"] = inter[~pd.util.hash_pandas_object(
            inter[icols], index=False).duplicated().to_numpy()].reset_index(drop=True)
    aff = out["affiliations"]
    if len(aff):
        pc = aff["person_id"].cat.codes.to_numpy()
        k = pd.DataFrame({"p": pc, "c": aff["company_id"].to_numpy(object),
                          "s": aff["start"].astype("int64").to_numpy()})
        dup = k.duplicated().to_numpy().copy()
        # a current job with a start date supersedes a snapshot row (no start) there
        dated = set(zip(pc[aff["current"].to_numpy() & aff["start"].notna().to_numpy()],
                        aff["company_id"].to_numpy(object)[aff["current"].to_numpy()
                                                           & aff["start"].notna().to_numpy()],
                        strict=True))
        snap = (aff["current"] & aff["start"].isna()).to_numpy().copy()
        if dated and snap.any():
            snap &= np.array([(a, c) in dated for a, c in zip(
                pc, aff["company_id"].to_numpy(object), strict=True)], dtype=bool)
            dup |= snap
        out["affiliations"] = aff[~dup].reset_index(drop=True)
    new = t.replace(**out)
    new._memo.put("ids", ids)
    new._memo.put("dtype", dtype)
    return new


def canonical_ids(t: Tables, people: Iterable[str] | None = None
                  ) -> tuple[Tables, dict[str, str]]:
    """Re-key people whose id is weaker than what is now known about them.

    A person first keyed by name (a log, a contacts row) or by e-mail who has
    since gained a LinkedIn profile URL (or, keyed by name, an e-mail or a first
    employer) takes the
    id that key gives (:func:`~netgraph.data.identity.person_ids`), so a person's
    id does not depend on the order their data arrived in. An id already taken
    by someone else is left alone (that pair is a duplicate to suggest).

    First, records with the same folded name and current employer whose keys
    agree (at most one profile URL, one e-mail address and one owner among
    them) are folded into one person: a log that named someone by URL before
    any export placed them, then an export that lists them by name or e-mail
    only, gives the same person as the other order. Records whose keys
    conflict (two URLs) stay apart.

    Parameters
    ----------
    t : Tables
    people : iterable of str, optional
        Only these person ids are considered (default: everyone).

    Returns
    -------
    tables, renamed
        The re-keyed tables and the old -> new id map (folded records map to
        the person they were folded into).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, canonical_ids, upsert_people
    >>> t, ids, _ = upsert_people(Tables.empty(), pd.DataFrame({"name": ["Ada L"]}),
    ...                           source="log")
    >>> people = t.people.assign(url=["https://www.linkedin.com/in/ada-l"])
    >>> t2, renamed = canonical_ids(t.with_people(people))
    >>> renamed, t2.people["person_id"].tolist()
    ({'name:ada l@': 'in:ada-l'}, ['in:ada-l'])
    """
    people = None if people is None else list(people)
    p = t.people
    consider = np.ones(len(p), bool) if people is None else p["person_id"].isin(
        pd.Series(people, dtype=object)).to_numpy()
    t, folded = fold_same_people(t, people)
    if folded:  # one person by name and employer, keys that agree: folded first
        p = t.people
        consider = np.ones(len(p), bool) if people is None else p["person_id"].isin(
            pd.Series([folded.get(v, v) for v in people], dtype=object)).to_numpy()
    pid = p["person_id"].to_numpy(dtype=object)
    by_name = p["person_id"].str.startswith("name:").to_numpy()
    no_employer = p["person_id"].str.endswith("@").to_numpy()
    by_mail = p["person_id"].str.startswith("email:").to_numpy()
    has_url = (p["url"] != "").to_numpy()
    weak = consider & ((by_name & (has_url | (p["email"] != "").to_numpy()))
                       | (by_name & no_employer & (p["company_id"] != "").to_numpy())
                       | (by_mail & has_url))
    if not weak.any():
        return t, folded
    rows = p[weak]
    strong = person_ids(rows["url"], rows["email"], rows["name"], rows["company_id"]).to_numpy()
    old = pid[weak]
    ok = (strong != "") & (strong != old) & (t.ids.get_indexer(strong) < 0)
    ok &= ~pd.Series(strong).duplicated(keep=False).to_numpy()
    mapping = dict(zip(old[ok].tolist(), strong[ok].tolist(), strict=True))
    renamed = {k: mapping.get(v, v) for k, v in folded.items()} | mapping
    return (rename_people(t, mapping), renamed) if mapping else (t, renamed)


def rename_people(t: Tables, mapping: dict[str, str]) -> Tables:
    """*t* with person ids renamed (old -> new) in every table, codes kept.

    Tie and override ends stay ordered ``a < b`` as text, and owner ids
    recorded on ties are renamed too.
    """
    if not mapping:
        return t
    people = t.people.copy()
    people["person_id"] = people["person_id"].map(lambda v: mapping.get(v, v)).astype(object)
    ids = pd.Index(people["person_id"].to_numpy(), dtype=object)
    if ids.has_duplicates:
        raise ValueError("renaming would give two people one id")
    dtype = schema.person_dtype(ids)
    out: dict[str, pd.DataFrame] = {"people": people}
    for name, cols in schema.PERSON_COLUMNS.items():
        f = getattr(t, name).copy(deep=False)
        for col in cols:
            f[col] = pd.Categorical.from_codes(f[col].cat.codes.to_numpy(), dtype=dtype,
                                               validate=False)
        if set(cols) == {"a", "b"} and len(f):
            a = f["a"].astype(object).to_numpy()
            b = f["b"].astype(object).to_numpy()
            swap = a > b
            if swap.any():
                ca, cb = f["a"].cat.codes.to_numpy(), f["b"].cat.codes.to_numpy()
                f["a"] = pd.Categorical.from_codes(np.where(swap, cb, ca), dtype=dtype,
                                                   validate=False)
                f["b"] = pd.Categorical.from_codes(np.where(swap, ca, cb), dtype=dtype,
                                                   validate=False)
        out[name] = f
    ties = out["ties"]
    if len(ties):
        ties = ties.copy()
        ties["owner"] = ties["owner"].map(lambda v: ";".join(sorted(
            {mapping.get(o, o) for o in v.split(";") if o}))).astype(object)
        out["ties"] = ties
    new = t.replace(**out)
    new._memo.put("ids", ids)
    new._memo.put("dtype", dtype)
    return new


def note_source(t: Tables, ids: pd.Series, source: str) -> Tables:
    """*t* with *source* added to the ``source`` of the known people *ids* (each once).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, note_source, upsert_people
    >>> t, ids, _ = upsert_people(Tables.empty(), pd.DataFrame({"name": ["Ada"]}),
    ...                           source="linkedin")
    >>> note_source(t, ids, "interactions").people["source"].tolist()
    ['interactions;linkedin']
    """
    pos = t.ids.get_indexer(pd.unique(pd.Series(ids, dtype=object)))
    pos = pos[pos >= 0]
    if not len(pos):
        return t
    people = t.people.copy()
    srcs = people["source"].to_numpy().copy()
    srcs[pos] = [_join_sets(v, source) for v in srcs[pos]]
    if (srcs == people["source"].to_numpy()).all():
        return t
    people["source"] = srcs
    return t.with_people(people)

