"""Identity decisions: who is who, decided by hand, and the duplicates to decide on.

Imports key people by profile URL, e-mail or name and employer (see
:mod:`netgraph.data.merge`); when two sources key one human differently
(a contacts row with an e-mail beside the URL-keyed LinkedIn connection),
the network holds two people. This module finds such likely duplicates
(:func:`suggest_duplicates`, blocked by name, employer, e-mail domain and
profile-URL stem: never all pairs) and keeps the user's decisions in the
``identity_decisions`` table:

- ``merge`` (a, b): b folds into a (:func:`fold_person`): b's rows in every
  table point to a, duplicated ties and interactions become one, a's empty
  fields are filled from b. A standing rule: at the end of every import
  (:func:`apply_decisions`, called by
  :meth:`netgraph.sources.registry.Source.run`) a b that an import created
  again is folded into a again.
- ``split`` (a, b): the merge of b into a is undone. The network is rebuilt
  from its history without that merge (:func:`netgraph.data.journal.replay`),
  so b comes back exactly as it would be had it never been merged.
- ``distinct`` (a, b): a and b are two people; the pair is not suggested
  again (nor is a pair that was split).

Examples
--------
>>> import pandas as pd, netgraph as ng
>>> net = ng.Network()
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee"],
...                                       "email": ["jordan@stripe.com"]}), owner="Ada")
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee"], "company": ["Stripe"],
...                        "url": ["https://www.linkedin.com/in/jordanlee"]}), owner="Ada")
>>> net.person_suggestions()[["a", "b", "evidence"]].values.tolist()
[['in:jordanlee', 'email:jordan@stripe.com', 'same name, e-mail at the same employer']]
>>> net.merge_people("in:jordanlee", "email:jordan@stripe.com")
'in:jordanlee'
>>> net.people[["person_id", "email", "company"]].values.tolist()
[['name:ada@', '', ''], ['in:jordanlee', 'jordan@stripe.com', 'Stripe']]
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.data.identity import linkedin_slug
from netgraph.data.merge import Tables, canonical_ids

__all__ = [
    "DECISION_KINDS",
    "FREE_MAIL",
    "active_merges",
    "apply_decisions",
    "fold_person",
    "record_decision",
    "rename_decisions",
    "replay_decision",
    "suggest_duplicates",
    "undone_merges",
]

#: The kinds of identity decision.
DECISION_KINDS = ("merge", "split", "distinct")

#: E-mail domains shared by strangers: no evidence of a common employer.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com",
    "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru", "qq.com",
    "163.com", "fastmail.com", "hey.com", "example.org", "example.com",
})

#: While replaying a history: the merges that a later split undoes.
_UNDONE: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "netgraph_undone_merges", default=frozenset())

_FILL = ("name", "first_name", "last_name", "url", "email")
_SLUG_TAIL = re.compile(r"(?:-[0-9a-f]*\d[0-9a-f]*)+$")


# ---------------------------------------------------------------- folding one person into another
def _join(a: str, b: str) -> str:
    return ";".join(sorted({v for v in (*a.split(";"), *b.split(";")) if v}))


def fold_person(t: Tables, a: str, b: str) -> tuple[Tables, dict[str, str]]:
    """Fold person *b* into person *a*; returns the tables and the ids that changed.

    b's rows in every table point to a; a tie between a and b, and
    interactions of a with a, are dropped; ties of a and b to one person
    become one tie (earliest ``since``, sources and owners joined);
    interactions, job-history rows and overrides that became equal are kept
    once. a's empty name, URL and e-mail are filled from b, and its employer
    and title when a has none; a is an owner when either was. Then a takes
    the strongest id its data now gives (:func:`~netgraph.data.merge.canonical_ids`).

    Returns
    -------
    tables, renamed
        ``renamed`` maps b to a and, when a was re-keyed, a to its new id.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, upsert_people
    >>> t, _, _ = upsert_people(Tables.empty(), pd.DataFrame(
    ...     {"name": ["Ada L", "Ada L"], "email": ["ada@x.org", ""],
    ...      "url": ["", "https://www.linkedin.com/in/ada"]}), source="contacts")
    >>> t2, renamed = fold_person(t, "email:ada@x.org", "in:ada")
    >>> renamed, t2.people[["person_id", "email"]].values.tolist()
    ({'in:ada': 'email:ada@x.org', 'email:ada@x.org': 'in:ada'}, [['in:ada', 'ada@x.org']])
    """
    ids = t.ids
    ia, ib = int(ids.get_loc(a)), int(ids.get_loc(b))
    people = t.people.copy()
    ra, rb = people.iloc[ia], people.iloc[ib]
    row = {c: (rb[c] if ra[c] == "" else ra[c]) for c in _FILL}
    if ra["company_id"] == "" and ra["company"] == "":
        row.update(company=rb["company"], company_id=rb["company_id"])
        if ra["title"] == "":
            row["title"] = rb["title"]
    elif ra["title"] == "" and ra["company_id"] == rb["company_id"]:
        row["title"] = rb["title"]
    row["is_owner"] = bool(ra["is_owner"] or rb["is_owner"])
    row["source"] = _join(ra["source"], rb["source"])
    for col, value in row.items():
        people.iat[ia, people.columns.get_loc(col)] = value
    keep = np.ones(len(people), bool)
    keep[ib] = False
    people = people[keep].reset_index(drop=True)
    new_ids = pd.Index(people["person_id"].to_numpy(), dtype=object)
    dtype = schema.person_dtype(new_ids)
    remap = np.arange(len(ids), dtype=np.int64)
    remap[ib] = ia
    remap -= (remap > ib)
    rank = np.argsort(np.argsort(new_ids.to_numpy(dtype=object), kind="stable"), kind="stable")
    out: dict[str, pd.DataFrame] = {"people": people}
    for name, cols in schema.PERSON_COLUMNS.items():
        f = getattr(t, name)
        codes = {c: remap[f[c].cat.codes.to_numpy().astype(np.int64)] for c in cols}
        if set(cols) == {"a", "b"}:  # keep a < b as text
            ca, cb = codes["a"], codes["b"]
            swap = rank[ca] > rank[cb]
            codes = {"a": np.where(swap, cb, ca), "b": np.where(swap, ca, cb)}
        f = f.copy()
        for c in cols:
            f[c] = pd.Categorical.from_codes(codes[c], dtype=dtype, validate=False)
        if len(cols) == 2:
            c1, c2 = cols
            f = f[codes[c1] != codes[c2]]
        out[name] = f.reset_index(drop=True)
    out["ties"] = _combine_ties(out["ties"], b, a)
    inter = out["interactions"]
    out["interactions"] = inter[~pd.util.hash_pandas_object(
        inter[["person_id", "other_id", "timestamp", "channel", "direction", "source"]],
        index=False).duplicated().to_numpy()].reset_index(drop=True)
    aff = out["affiliations"]
    out["affiliations"] = aff[~aff.duplicated(["person_id", "company_id", "start"])
                              ].reset_index(drop=True)
    out["overrides"] = out["overrides"].drop_duplicates().reset_index(drop=True)
    merged = t.replace(**out)
    merged._memo.put("ids", new_ids)
    merged._memo.put("dtype", dtype)
    merged, renamed = canonical_ids(merged, [a])
    return merged, {b: a, **renamed}


def _combine_ties(ties: pd.DataFrame, b: str, a: str) -> pd.DataFrame:
    """Ties with owner *b* renamed *a*, and ties of one pair made one (the first kept,
    with the earliest ``since`` and every source and owner)."""
    if not len(ties):
        return ties
    ties = ties.copy()
    owner = ties["owner"].to_numpy(dtype=object).copy()
    hit = np.flatnonzero(ties["owner"].str.contains(b, regex=False).to_numpy())
    for i in hit:
        owner[i] = ";".join(sorted({a if o == b else o for o in owner[i].split(";") if o}))
    ties["owner"] = owner
    key = (ties["a"].cat.codes.to_numpy().astype(np.int64) << 32) | ties["b"].cat.codes.to_numpy()
    dup = pd.Series(key).duplicated(keep=False).to_numpy()
    if not dup.any():
        return ties
    groups = ties[dup].assign(_k=key[dup]).groupby("_k", sort=False)
    first = groups.head(1).index.to_numpy()
    agg = groups.agg(since=("since", "min"), source=("source", lambda s: _join(*s.tolist())
                     if len(s) == 2 else ";".join(sorted({v for x in s for v in x.split(";")
                                                          if v}))),
                     owner=("owner", lambda s: ";".join(sorted({v for x in s
                                                                for v in x.split(";") if v}))))
    for col in ("since", "source", "owner"):
        ties.loc[first, col] = agg[col].to_numpy()
    drop = np.zeros(len(ties), bool)
    drop[np.flatnonzero(dup)] = True
    drop[first] = False
    return ties[~drop].reset_index(drop=True)


# ---------------------------------------------------------------- the decisions table
def record_decision(t: Tables, kind: str, a: str, b: str, *, seq: int, note: str = "",
                    when: pd.Timestamp | None = None) -> Tables:
    """*t* with one identity decision appended (ids as decided in ``a0``/``b0``).

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> t = record_decision(Tables.empty(), "distinct", "in:a", "in:b", seq=1)
    >>> t.identity_decisions[["seq", "kind", "a", "b"]].values.tolist()
    [[1, 'distinct', 'in:a', 'in:b']]
    """
    if kind not in DECISION_KINDS:
        raise ValueError(f"unknown identity decision {kind!r}")
    row = pd.DataFrame({"seq": [int(seq)], "kind": [kind], "a": [a], "b": [b], "a0": [a],
                        "b0": [b], "time": [when if when is not None
                                            else pd.Timestamp.now(tz="UTC")],
                        "note": [note]})
    return t.replace(identity_decisions=pd.concat(
        [t.identity_decisions, schema.conform(row, "identity_decisions")], ignore_index=True))


def rename_decisions(t: Tables, renamed: dict[str, str], *, folded: Iterable[str] = ()
                     ) -> Tables:
    """*t* with the people ids in decisions renamed (people re-keyed or folded).

    A folded person (*folded*: ids that no longer exist because they were merged into
    another) is renamed in the ``a`` column only: ``b`` keeps the id the person had, so
    an import that creates them again is recognised.
    """
    dec = t.identity_decisions
    if not renamed or not len(dec):
        return t
    folded = set(folded)
    moved = {k: v for k, v in renamed.items() if k not in folded}
    dec = dec.copy()
    dec["a"] = dec["a"].map(lambda v: renamed.get(v, v)).astype(object)
    if moved:
        dec["b"] = dec["b"].map(lambda v: moved.get(v, v)).astype(object)
    return t.replace(identity_decisions=dec)


def active_merges(decisions: pd.DataFrame) -> pd.DataFrame:
    """The merge decisions in force: those not undone by a later split of the same pair.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"seq": [1, 2, 3], "kind": ["merge", "split", "merge"],
    ...                   "a0": ["x", "x", "x"], "b0": ["y", "y", "z"]})
    >>> active_merges(d)["seq"].tolist()
    [3]
    """
    merges = decisions[decisions["kind"] == "merge"]
    undone_later = _UNDONE.get()  # while replaying: merges a split yet to be replayed undoes
    if undone_later:
        merges = merges[~merges["seq"].isin(list(undone_later))]
    splits = decisions[decisions["kind"] == "split"]
    if not len(splits) or not len(merges):
        return merges
    last = splits.groupby(["a0", "b0"])["seq"].max()
    key = pd.MultiIndex.from_arrays([merges["a0"], merges["b0"]])
    undone = pd.Series(last.reindex(key).to_numpy(), index=merges.index)
    return merges[~(undone > merges["seq"])]


def _apply_merge(t: Tables, seq: int) -> Tables:
    dec = t.identity_decisions
    row = dec[dec["seq"] == seq].iloc[0]
    a, b = row["a"], row["b"]
    ids = t.ids
    if a == b or ids.get_indexer([a])[0] < 0 or ids.get_indexer([b])[0] < 0:
        return t
    t, renamed = fold_person(t, a, b)
    return rename_decisions(t, renamed, folded=[b])


def apply_decisions(t: Tables, renamed: dict[str, str] | None = None) -> Tables:
    """Apply the merge decisions in force after an import: a person an import made
    again, though merged away by hand, is folded into the one they were merged into.

    Parameters
    ----------
    t : Tables
    renamed : dict, optional
        Ids the import re-keyed (old -> new), renamed in the decisions first.

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> apply_decisions(Tables.empty()).identity_decisions.empty
    True
    """
    t = rename_decisions(t, renamed or {})
    for seq in active_merges(t.identity_decisions)["seq"].tolist():
        t = _apply_merge(t, int(seq))
    return t


@contextlib.contextmanager
def undone_merges(decisions: pd.DataFrame) -> Iterator[None]:
    """While replaying *decisions*' history: merges a later split undoes are never in
    force, not even before that split is replayed."""
    merges = decisions.loc[decisions["kind"] == "merge", "seq"]
    in_force = set(active_merges(decisions)["seq"].tolist())
    token = _UNDONE.set(frozenset(int(s) for s in merges if int(s) not in in_force))
    try:
        yield
    finally:
        _UNDONE.reset(token)


def replay_decision(t: Tables, row: dict, *, in_force: bool = True) -> Tables:
    """Make a recorded decision again during a replay (:func:`netgraph.data.journal.replay`).

    The decision is appended with the ids it was made with; a merge *in_force*
    is applied (a merge that a later split undid is recorded, not applied).
    """
    t = record_decision(t, row["kind"], row["a0"], row["b0"], seq=int(row["seq"]),
                        note=row["note"], when=row["time"])
    if row["kind"] != "merge" or not in_force:
        return t
    return _apply_merge(t, int(row["seq"]))


# ---------------------------------------------------------------- suggestions
def _domain(email: pd.Series) -> pd.Series:
    """The work e-mail domain of each address (``""`` for none or free mail)."""
    codes, uniques = pd.factorize(email.to_numpy(dtype=object))
    u = pd.Series(uniques, dtype=object).str.lower().str.rpartition("@")[2].str.strip()
    u = u.where(~u.isin(FREE_MAIL), "").to_numpy(dtype=object)
    return pd.Series(u[codes] if len(u) else np.full(len(email), "", dtype=object),
                     index=email.index, dtype=object)


def _stem(domain: pd.Series) -> pd.Series:
    """The employer a work e-mail domain names: ``"stripe"`` for ``stripe.com``."""
    codes, uniques = pd.factorize(domain.to_numpy(dtype=object))
    u = np.array([p.split(".")[-2] if p.count(".") else "" for p in uniques], dtype=object)
    return pd.Series(u[codes] if len(u) else np.full(len(domain), "", dtype=object),
                     index=domain.index, dtype=object)


def _pairs_by(key: pd.Series, max_block: int) -> pd.DataFrame:
    """All pairs (i < j) of positions sharing a non-empty *key*, in blocks of at most
    *max_block* people (a larger block is too common to be evidence)."""
    f = pd.DataFrame({"k": key.to_numpy(dtype=object), "i": np.arange(len(key))})
    f = f[f["k"] != ""]
    size = f.groupby("k")["i"].transform("size")
    f = f[(size > 1) & (size <= max_block)]
    if not len(f):
        return pd.DataFrame({"i": [], "j": []}, dtype=np.int64)
    m = f.merge(f, on="k", suffixes=("", "_j"))
    m = m[m["i"] < m["i_j"]]
    return pd.DataFrame({"i": m["i"].to_numpy(np.int64), "j": m["i_j"].to_numpy(np.int64)})


def _fuzzy_pairs(keys: np.ndarray, groups: pd.DataFrame, cutoff: float, max_block: int,
                 sub_block: int = 200) -> pd.DataFrame:
    """Pairs of people in one block (employer) whose folded names are alike (rapidfuzz).

    A block of more than *sub_block* people is compared within smaller blocks
    twice: people whose first names start alike, then whose last names do (a
    typo rarely hits both initials), so a large employer costs far less than
    all its pairs.
    """
    from rapidfuzz import fuzz, process

    pos = groups["i"].to_numpy()
    k = pd.factorize(groups["k"].to_numpy(dtype=object))[0]
    size = np.bincount(k)[k]
    first = pd.factorize(pd.Series(keys).str[:1].to_numpy(dtype=object))[0][pos]
    last = pd.factorize(pd.Series(keys).str.rsplit(" ", n=1).str[-1].str[:1]
                        .to_numpy(dtype=object))[0][pos]
    big = size > sub_block
    keyed = [(k[~big], pos[~big])]
    keyed += [(k[big] * 65536 + sub[big], pos[big]) for sub in (first, last)]
    blocks = []
    for block, members in keyed:
        order = np.argsort(block, kind="stable")
        block, members = block[order], members[order]
        cuts = np.flatnonzero(np.diff(block)) + 1
        blocks += [b for b in np.split(members, cuts) if len(b) > 1]
    out_i, out_j = [], []
    for part in blocks:
        if len(part) < 2 or len(part) > max_block:
            continue
        names = keys[part].tolist()
        sim = process.cdist(names, names, scorer=fuzz.token_sort_ratio,
                            score_cutoff=cutoff, dtype=np.uint8, workers=1)
        ii, jj = np.nonzero(np.triu(sim, 1))
        out_i.append(part[ii])
        out_j.append(part[jj])
    if not out_i:
        return pd.DataFrame({"i": [], "j": []}, dtype=np.int64)
    i, j = np.concatenate(out_i), np.concatenate(out_j)
    return pd.DataFrame({"i": np.minimum(i, j), "j": np.maximum(i, j)})


def _id_strength(pid: pd.Series) -> np.ndarray:
    return np.select([pid.str.startswith("in:"), pid.str.startswith("email:")], [0, 1], 2)


def suggest_duplicates(t: Tables, threshold: float = 70.0, *, max_block: int = 2000
                       ) -> pd.DataFrame:
    """Pairs of people who are likely one human, with the evidence, best first.

    Candidates come from blocks, never from all pairs: people of one folded
    name; people of one employer (current employer, or the employer a work
    e-mail domain names) whose names are alike (rapidfuzz
    ``token_sort_ratio``); people whose profile-URL slugs share a stem
    (``jordan-lee`` and ``jordan-lee-4b2a19``). Each pair is scored:

    ========================================  =====
    same name and employer                      100
    same name, e-mail domain of the employer     95
    shared profile-URL stem                      90
    similar name, same employer or e-mail       0.9 x similarity
    domain
    same name, one has no employer               80
    same name, no employer known                 75
    same name, different employers               55
    ========================================  =====

    less 25 when both have different profile URLs (two LinkedIn profiles),
    less 10 when both have different e-mail addresses. Pairs decided
    ``distinct`` or split are left out.

    Parameters
    ----------
    t : Tables
    threshold : float, default 70
        Lowest score shown (0..100).
    max_block : int, default 2000
        Blocks larger than this are not paired whole (a very common name).

    Returns
    -------
    pandas.DataFrame
        ``a``, ``b`` (person ids; ``a`` the one to keep: the stronger id),
        ``name_a``, ``name_b``, ``company_a``, ``company_b``, ``score``,
        ``evidence``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables, upsert_people
    >>> t, _, _ = upsert_people(Tables.empty(), pd.DataFrame(
    ...     {"name": ["Jon Smyth", "Jon Smith", "Ann Lee"], "company": ["Acme"] * 3,
    ...      "email": ["jon@acme.com", "", ""]}), source="contacts")
    >>> suggest_duplicates(t)[["name_a", "name_b", "score"]].values.tolist()
    [['Jon Smyth', 'Jon Smith', 80.0]]
    """
    p = t.people
    cols = ["a", "b", "name_a", "name_b", "company_a", "company_b", "score", "evidence"]
    if len(p) < 2:
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "score" else object)
                             for c in cols})
    keys = t.name_keys().to_numpy(dtype=object)
    comp = p["company_id"].to_numpy(dtype=object)
    dom = _domain(p["email"])
    dstem = _stem(dom).to_numpy(dtype=object)
    dom = dom.to_numpy(dtype=object)
    slug = linkedin_slug(p["url"])
    stem = slug.str.replace(_SLUG_TAIL, "", regex=True).str.replace("-", "", regex=False
                                                                    ).to_numpy(dtype=object)
    slug = slug.to_numpy(dtype=object)
    n = len(p)
    employer = pd.DataFrame({"k": np.concatenate([comp, dstem]),
                             "i": np.concatenate([np.arange(n), np.arange(n)])})
    employer = employer[employer["k"] != ""].drop_duplicates()
    cutoff = max(0.0, min(100.0, threshold / 0.9))
    cand = pd.concat([_pairs_by(pd.Series(keys), max_block),
                      _pairs_by(pd.Series(stem), max_block),
                      _fuzzy_pairs(keys, employer, min(cutoff, 100.0), max_block)],
                     ignore_index=True).drop_duplicates()
    if not len(cand):
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "score" else object)
                             for c in cols})
    i, j = cand["i"].to_numpy(), cand["j"].to_numpy()
    from rapidfuzz import fuzz, process

    sim = process.cpdist(keys[i].tolist(), keys[j].tolist(), scorer=fuzz.token_sort_ratio,
                         workers=1).astype(float)
    same_name = (keys[i] == keys[j]) & (keys[i] != "")
    same_emp = (comp[i] == comp[j]) & (comp[i] != "")
    mail_emp = ((dstem[i] != "") & ((dstem[i] == comp[j]) | (dstem[i] == dstem[j]))) | (
        (dstem[j] != "") & (dstem[j] == comp[i]))
    same_stem = (stem[i] == stem[j]) & (stem[i] != "") & (slug[i] != slug[j])
    one_empty = (comp[i] == "") != (comp[j] == "")
    url = p["url"].to_numpy(dtype=object)
    mail = p["email"].str.lower().to_numpy(dtype=object)
    two_urls = (url[i] != "") & (url[j] != "") & (url[i] != url[j])
    two_mails = (mail[i] != "") & (mail[j] != "") & (mail[i] != mail[j])
    rules = [  # (applies, score, evidence)
        (same_name & same_emp, np.full(len(i), 100.0), "same name and employer"),
        (same_name & mail_emp & ~same_emp, np.full(len(i), 95.0),
         "same name, e-mail at the same employer"),
        (same_stem, np.full(len(i), 90.0), "shared profile-URL stem"),
        (~same_name & same_emp, 0.9 * sim, "similar name at the same employer"),
        (~same_name & mail_emp & ~same_emp, 0.9 * sim, "same e-mail domain and similar name"),
        (same_name & one_empty & ~mail_emp, np.full(len(i), 80.0),
         "same name, one has no employer"),
        (same_name & (comp[i] == "") & (comp[j] == "") & ~mail_emp, np.full(len(i), 75.0),
         "same name, no employer known"),
        (same_name & (comp[i] != "") & (comp[j] != "") & ~same_emp & ~mail_emp,
         np.full(len(i), 55.0), "same name, different employers"),
    ]
    score = np.zeros(len(i))
    words = np.full(len(i), "", dtype=object)
    for applies, value, text in rules:
        score = np.where(applies, np.maximum(score, value), score)
        words = np.where(applies, np.where(words == "", text, words + "; " + text), words)
    score = score - 25.0 * two_urls - 10.0 * two_mails
    words = np.where(two_urls, words + "; but two different LinkedIn profiles", words)
    words = np.where(two_mails, words + "; but two different e-mail addresses", words)
    pid = p["person_id"]
    strong = _id_strength(pid)
    flip = (strong[j] < strong[i]) | ((strong[j] == strong[i])
                                      & p["is_owner"].to_numpy()[j] & ~p["is_owner"].to_numpy()[i])
    ka, kb = np.where(flip, j, i), np.where(flip, i, j)
    ids = pid.to_numpy(dtype=object)
    names = p["name"].to_numpy(dtype=object)
    company = p["company"].to_numpy(dtype=object)
    out = pd.DataFrame({"a": ids[ka], "b": ids[kb], "name_a": names[ka], "name_b": names[kb],
                        "company_a": company[ka], "company_b": company[kb],
                        "score": np.round(score, 1), "evidence": words})
    out = out[(out["score"] >= threshold) & (out["evidence"] != "")]
    dec = t.identity_decisions
    settled = dec[dec["kind"].isin(["distinct", "split"])]
    if len(settled) and len(out):
        pairs = {frozenset(x) for c in (("a", "b"), ("a0", "b0"))
                 for x in zip(settled[c[0]], settled[c[1]], strict=True)}
        out = out[[frozenset(x) not in pairs
                   for x in zip(out["a"], out["b"], strict=True)]]
    out = out.sort_values(["score", "name_a", "a", "b"], ascending=[False, True, True, True],
                          kind="stable")
    return out.reset_index(drop=True)[cols]
