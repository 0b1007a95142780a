"""Import orchestration: reader output -> identity resolution -> new tables.

Each function takes the current :class:`~netgraph.data.merge.Tables` and returns
new tables and an :class:`~netgraph.ImportReport`; nothing is changed in
place, so an import that raises leaves the network as it was. The sources
(:mod:`netgraph.sources.registry`) name these as their importers.

Three mergers take a reader's normalised frame, whatever file it came from:
:func:`merge_people` (people, each tied to the owner), :func:`merge_events`
(interaction events) and :func:`merge_history` (job history). A new source
whose reader gives such a frame needs no importer of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

import numpy as np
import pandas as pd

from netgraph.data.identity import name_key
from netgraph.data.merge import (
    OWN_HISTORY,
    Tables,
    add_affiliations,
    add_interactions,
    add_ties,
    fold_same_people,
    note_source,
    resolve_people,
    upsert_people,
)
from netgraph.errors import InputError
from netgraph.sources.csvfile import UTC, NoRowsError
from netgraph.sources.report import ImportReport

__all__ = [
    "ensure_owner",
    "ensure_owners",
    "import_affiliations",
    "import_contacts",
    "import_interactions",
    "import_linkedin",
    "import_team",
    "merge_events",
    "merge_history",
    "merge_people",
]

PathOrFrame = str | PathLike[str] | pd.DataFrame


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    return " ".join(parts[:-1]), parts[-1]


def ensure_owner(t: Tables, owner: str | None, url: str = "", inferred_name: str = ""
                 ) -> tuple[Tables, str]:
    """Find or add the owner (a name, profile URL or person id); mark them as owner.

    ``owner=None`` means the network's single owner, or, with the *url* found in
    an export's messages, the person with that URL.
    """
    t, ids = ensure_owners(t, [(owner, url, inferred_name)])
    return t, ids[0]


def ensure_owners(t: Tables, owners: Sequence[tuple]) -> tuple[Tables, list[str]]:
    """:func:`ensure_owner` for several (owner, url[, inferred name]) tuples, one update."""
    pids, rows = [], []
    for item in owners:
        owner, url, inferred = (*item, "")[:3]
        pid, row = _owner_id(t, owner, url, inferred)
        pids.append(pid)
        if row is not None:
            rows.append(row)
    if rows:
        frame = pd.DataFrame(rows).drop_duplicates("person_id")
        t, _, _ = upsert_people(t, frame, source="owner", ids=frame["person_id"], update=False)
    return t, pids


def _owner_id(t: Tables, owner: str | None, url: str, inferred_name: str = ""
              ) -> tuple[str, dict | None]:
    people = t.people
    owners = people[people["is_owner"]]
    if owner is None or str(owner).strip() == "":
        if not url:
            if len(owners) == 1:
                return owners["person_id"].iloc[0], None
            raise InputError(
                "no owner given" if len(owners) == 0 else
                f"the network has {len(owners)} owners; say whose data this is",
                expected="the name (or profile URL) of the person whose data this is",
                hint="Pass owner='Full Name' with the name of the person whose export or "
                     "contacts these are.",
                cli_hint="Pass --owner \"Full Name\" with the name of the person whose export "
                         "or contacts these are.")
        # the export's messages name its owner by URL: that person, else the only owner
        ids, _, _ = resolve_people(t, pd.DataFrame({"name": [inferred_name], "url": [url]}),
                                   match_name_only=False)
        pid = ids.iloc[0]
        if t.ids.get_indexer([pid])[0] < 0 and len(owners) == 1 and owners["url"].iloc[0] == "":
            pid = owners["person_id"].iloc[0]
        return pid, {"person_id": pid, "name": inferred_name, "url": url, "is_owner": True}
    owner = str(owner).strip()
    if t.ids.get_indexer([owner])[0] >= 0:
        pid = owner
    else:
        if "linkedin.com/in/" in owner.lower():
            url, owner = owner, ""
        # an owner already known by name keeps their id
        key = name_key(pd.Series([owner])).iloc[0] if owner else ""
        same = owners[name_key(owners["name"]) == key] if key and len(owners) else owners.iloc[:0]
        if len(same) == 1:
            pid = same["person_id"].iloc[0]
        else:
            # else the one person of that name (a colleague's export may list the owner)
            rows = pd.DataFrame({"name": [owner], "url": [url]})
            ids, _, _ = resolve_people(t, rows, match_name_only=True)
            pid = ids.iloc[0]
            if not pid:  # nobody, or several of that name: a person of their own
                ids, _, _ = resolve_people(t, rows, match_name_only=False)
                pid = ids.iloc[0]
            if not pid:
                raise InputError("the owner has neither a name nor a profile URL",
                                 hint="Pass owner='Full Name'.",
                                 cli_hint="Pass --owner \"Full Name\".")
    first, last = _split_name(owner) if owner else ("", "")
    return pid, {"person_id": pid, "name": owner, "first_name": first, "last_name": last,
                 "url": url, "is_owner": True}


def _as_of(dates: pd.Series) -> pd.Timestamp | None:
    d = pd.to_datetime(dates, utc=True).max() if len(dates) else pd.NaT
    return None if pd.isna(d) else d


def _import_people_and_ties(t: Tables, rows: pd.DataFrame, owner_id, source: str,
                            report: ImportReport | list[ImportReport],
                            since_col: str, as_of: pd.Timestamp | None = None,
                            stale: bool = False) -> Tables:
    """Upsert the people of *rows* and tie each to its owner.

    *owner_id* is the owner's id, a Series of owner ids (one per row), or a
    function ``tables -> (tables, Series of owner ids)`` called once the people
    are in (a team's owners are then matched to the colleagues' rows that name
    them, as they would be if the exports were imported one by one). With
    several exports at once, *report* is a list of reports indexed by the
    ``part`` column of *rows*.

    *as_of* is when the rows were true (the export's date; default: the
    newest *since_col* date of each batch); *stale* says a newer export of
    the same owner was imported already, so known people keep their employer
    and title (an older export never moves anyone back).
    """
    reports = report if isinstance(report, list) else [report]
    for rep in reports:
        rep.imported = rep.merged = rep.new_people = 0
    rows = rows.reset_index(drop=True)
    n = len(rows)
    # rows keyed by URL first, then by e-mail, then by name, so that rows of older exports can
    # match the people they name, as they would had the exports been imported one by one
    url = rows["url"] if "url" in rows else pd.Series("", index=rows.index)
    email = rows["email"] if "email" in rows else pd.Series("", index=rows.index)
    has_url = (url.fillna("") != "").to_numpy()
    has_email = (email.fillna("") != "").to_numpy() & ~has_url
    ids = np.full(n, "", dtype=object)
    new_person = np.zeros(n, dtype=bool)
    for group in (has_url, has_email, ~has_url & ~has_email):
        if group.any():
            t, ids[group], new_person[group] = _people_batch(t, rows[group], source, reports,
                                                             since_col, as_of, stale)
    # records this batch placed at the employer of a same-named record are one person
    # before anything else is resolved against them (whatever order the data came in)
    t, folded = fold_same_people(t, pd.unique(ids[ids != ""]))
    if folded:
        def fold(v: np.ndarray) -> np.ndarray:
            return pd.Series(v, dtype=object).map(folded).fillna(
                pd.Series(v, dtype=object)).to_numpy(dtype=object)

        ids = fold(ids)
        if isinstance(owner_id, pd.Series):
            owner_id = pd.Series(fold(owner_id.to_numpy(dtype=object)), index=owner_id.index)
        elif isinstance(owner_id, str):
            owner_id = folded.get(owner_id, owner_id)
    if callable(owner_id):
        t, owner_id = owner_id(t)
    if not isinstance(owner_id, pd.Series):
        owner_id = pd.Series(owner_id, index=rows.index, dtype=object)
    return _ties_batch(t, rows, ids, new_person, owner_id.reset_index(drop=True), source,
                       reports, since_col)


def _people_batch(t: Tables, rows: pd.DataFrame, source: str, reports: list[ImportReport],
                  since_col: str, export_as_of: pd.Timestamp | None = None,
                  stale: bool = False) -> tuple[Tables, np.ndarray, np.ndarray]:
    """Upsert the people of *rows*; their ids, and whether each row added its person."""
    n = len(rows)
    part = rows["part"].to_numpy() if "part" in rows else np.zeros(n, dtype=np.int64)
    # one row per person first: pooled exports name the same people again and again,
    # so identity and the people table are worked out once per distinct person
    key = _row_keys(rows)
    codes, _ = pd.factorize(key.to_numpy(dtype=object), use_na_sentinel=False)
    rev = np.arange(n)[::-1]
    _, first = np.unique(codes[rev], return_index=True)
    rep = rev[first]  # the last row of each person: a later export wins
    persons = rows.iloc[rep].reset_index(drop=True)
    if "email" in rows:
        # an e-mail address that only another export shows is kept
        mail = rows["email"].to_numpy(dtype=object)
        has = np.flatnonzero(mail != "")
        if len(has):
            found = pd.Series(mail[has]).groupby(codes[has], sort=False).first()
            cur = persons["email"].to_numpy(dtype=object).copy()
            fill = (cur[found.index.to_numpy()] == "")
            cur[found.index.to_numpy()[fill]] = found.to_numpy()[fill]
            persons["email"] = pd.Series(cur, dtype=object)
    ids_u, _is_new, _ = resolve_people(t, persons, match_name_only=False)
    ids = ids_u.to_numpy(dtype=object)[codes]
    empty = ids == ""
    for i, rep_i in enumerate(reports):
        bad = empty & (part == i)
        if bad.any():
            rep_i.skip_many(rows["line"].to_numpy()[bad],
                            "no name, e-mail or profile URL to key the person")
    as_of = export_as_of if export_as_of is not None else (
        _as_of(rows[since_col]) if since_col in rows else None)
    ok_u = (ids_u != "").to_numpy()
    t, _, stats = upsert_people(t, persons[ok_u], source=source, ids=ids_u[ok_u], as_of=as_of,
                                stale=stale)
    if "company" in rows and len(reports) > 1:
        t = _earlier_jobs(t, rows, codes, ids, part, source, since_col)
    first_seen = np.zeros(n, dtype=bool)
    first_seen[np.unique(codes, return_index=True)[1]] = True
    is_new = first_seen & ~empty & pd.Series(ids, dtype=object).isin(
        stats["new_ids"]).to_numpy()
    return t, ids, is_new


def _earlier_jobs(t: Tables, rows: pd.DataFrame, codes: np.ndarray, ids: np.ndarray,
                  part: np.ndarray, source: str, since_col: str) -> Tables:
    """Past jobs that a team's earlier exports show and a later one replaced.

    Importing the exports one by one records the replaced employer as a past
    affiliation, ended when the later export shows the new one; so does this.
    """
    n = len(rows)
    order = np.lexsort((np.arange(n), codes))  # each person's rows, in export order
    c = codes[order]
    company = rows["company"].to_numpy(dtype=object)[order]
    change = (c[1:] == c[:-1]) & (company[1:] != company[:-1])
    if not change.any():
        return t
    prev, nxt = order[:-1][change], order[1:][change]
    comp = rows["company"].to_numpy(dtype=object)
    was = t.company_ids(pd.Series(comp[prev], dtype=object)).to_numpy(dtype=object)
    now = t.company_ids(pd.Series(comp[nxt], dtype=object)).to_numpy(dtype=object)
    real = (was != now) & (was != "") & (ids[prev] != "")
    if not real.any():
        return t
    if since_col in rows:
        as_of = pd.to_datetime(rows[since_col], utc=True).groupby(part).max()
        end = as_of.reindex(part[nxt][real]).to_numpy()
    else:
        end = pd.NaT
    title = rows["title"].to_numpy(dtype=object) if "title" in rows else np.full(n, "", object)
    past = pd.DataFrame({"person_id": ids[prev][real], "company": comp[prev][real],
                         "title": title[prev][real], "start": pd.NaT, "end": end,
                         "current": False})
    past["start"] = pd.to_datetime(past["start"], utc=True)
    past["end"] = pd.to_datetime(past["end"], utc=True)
    t, _ = add_affiliations(t, past, source=source)
    return t


def _ties_batch(t: Tables, rows: pd.DataFrame, ids: np.ndarray, new_person: np.ndarray,
                owner_id: pd.Series, source: str, reports: list[ImportReport],
                since_col: str) -> Tables:
    """Tie each row's person to its owner; count per report what was new."""
    n = len(rows)
    part = rows["part"].to_numpy() if "part" in rows else np.zeros(n, dtype=np.int64)
    keep = ids != ""
    self_tie = keep & (ids == owner_id.to_numpy(dtype=object))
    for i, rep_i in enumerate(reports):
        mine = self_tie & (part == i)
        if mine.any():
            rep_i.skip_many(rows["line"].to_numpy()[mine],
                            "the row names the owner: nobody is connected to themself")
    keep &= ~self_tie
    person_codes = t.ids.get_indexer(pd.Series(ids, dtype=object))
    owners = owner_id.to_numpy(dtype=object)
    distinct = pd.unique(owners)
    owner_codes = t.ids.get_indexer(distinct)[pd.Index(distinct).get_indexer(owners)]
    since = rows[since_col] if since_col in rows else pd.Series(pd.NaT, index=rows.index)
    t, tstats = add_ties(t, owner_codes[keep], person_codes[keep],
                         since.reset_index(drop=True)[keep], source=source,
                         owner=pd.Series(owners[keep], dtype=object))
    row_new = np.zeros(n, dtype=bool)
    row_new[keep] = tstats["row_new"]
    for i, rep_i in enumerate(reports):
        mine = (part == i) & keep
        added = int((row_new & mine).sum())
        rep_i.imported += added
        rep_i.merged += int(mine.sum()) - added
        rep_i.new_people += int((new_person & (part == i)).sum())
    return t


def _row_keys(rows: pd.DataFrame) -> pd.Series:
    """A text key per row that is equal for rows naming the same person (URL, else
    e-mail, else name and company as written)."""
    def col(c: str) -> pd.Series:
        return rows[c].astype(object) if c in rows else pd.Series("", index=rows.index,
                                                                  dtype=object)
    url, email = col("url"), col("email")
    if (url != "").all():
        return url
    named = col("name") + "\x1f" + col("first_name") + "\x1f" + col("last_name") + "\x1f" \
        + col("company")
    return url.where(url != "", ("\x1e" + email).where(email != "", "\x1d" + named))


def _check_owner(t: Tables | None, path, owner: str | None, owner_url: str,
                 frames: dict) -> None:
    """Refuse an export filed under someone it does not belong to.

    Whose export it is comes from Profile.csv, else from messages.csv (the most
    frequent sender who is not a connection); when neither tells, the given owner
    stands.
    """
    from netgraph.sources import linkedin as li

    if not owner and not owner_url:
        return
    name, url, how = li.export_owner(frames)
    if not name and not url:
        return
    given = str(owner or "").strip()
    given_url = li.normalise_linkedin_url(owner_url) if owner_url else ""
    if t is not None and given and t.ids.get_indexer([given])[0] >= 0:  # a person id
        row = t.people.iloc[t.ids.get_indexer([given])[0]]
        given, given_url = str(row["name"]), given_url or str(row["url"])
    elif "linkedin.com/in/" in given.lower():
        given, given_url = "", li.normalise_linkedin_url(given)
    if given_url and url:
        if given_url == url:
            return
    elif given and name:
        a = set(name_key(pd.Series([given])).iloc[0].split())
        b = set(name_key(pd.Series([name])).iloc[0].split())
        if a and b and (a <= b or b <= a):  # "Ada" for "Ada Lovelace" is fine
            return
    else:
        return
    who = name or url
    shown = owner or owner_url
    raise InputError(
        f"this looks like {who}'s export ({how}), not {shown}'s", file=str(path),
        expected=f"the export of {shown}, or the owner whose export this is",
        hint=f"Pass owner={who!r} for this export (one owner per export: "
             "owner=[...] with one name per path for a team).",
        cli_hint=f"Pass --owner {who!r} for this file; for several exports, one --owner per "
                 "file, in the same order.")


def _read_export(path, owner: str | None, owner_url: str, t: Tables | None = None):
    """Read one export (checking it is *owner*'s); infer the owner's URL from
    messages.csv when possible."""
    from netgraph.sources import linkedin as li

    frames, report = li.read_linkedin_export(path)
    report.kind = report.kind or "linkedin export"
    _check_owner(t, path, owner, owner_url, frames)
    msgs_int = None
    owner_name = ""
    if "messages" in frames:
        try:
            msgs_int = li.message_interactions(frames["messages"], owner_url=owner_url or None,
                                               owner_name=owner or None)
        except NoRowsError as err:
            # e.g. only drafts and system mail: the rest of the export still counts
            part = frames["messages"].attrs.get("report")
            (part or report).warn(None, f"no conversation with a contact: {err.message}")
            if part is not None and not any(p is part for p in report.parts):
                report.parts.append(part)
        else:
            owner_url = owner_url or msgs_int.attrs.get("owner_url", "") or ""
            owner_name = msgs_int.attrs.get("owner_name", "") or ""
    return frames, msgs_int, report, owner_url, owner_name


def import_linkedin(t: Tables, path: str | PathLike[str], owner: str | None,
                    owner_url: str = "") -> tuple[Tables, ImportReport]:
    """Import a LinkedIn export: Connections.csv, messages.csv, the .zip or its folder."""
    from netgraph.data.journal import export_dates, import_time
    from netgraph.sources.export_date import export_date

    frames, msgs_int, report, owner_url, owner_name = _read_export(path, owner, owner_url, t)
    t, owner_id = ensure_owner(t, owner, owner_url, owner_name)
    # when the export was made: an older export of this owner imported after a newer one
    # adds what it knows but moves nobody back to an earlier employer
    as_of, how = export_date(frames, path, now=import_time())
    known = export_dates(t)
    known = known[known["owner_id"] == owner_id]
    stale = bool(len(known)) and bool(as_of < known["as_of"].max())
    report.as_of, report.as_of_from, report.owner_id = as_of, how, owner_id
    if stale:
        report.warn(None, f"this export ({as_of:%Y-%m-%d}, by its {how}) is older than one "
                          f"already imported ({known['as_of'].max():%Y-%m-%d}): employers and "
                          "titles of known people are kept")
    if "connections" in frames:
        con = frames["connections"]
        rep = con.attrs.get("report") or ImportReport(kind="linkedin connections")
        rows = con.rename(columns={"position": "title"})
        t = _import_people_and_ties(t, rows, owner_id, "linkedin", rep, "connected_on",
                                    as_of=as_of, stale=stale)
        _adopt(report, rep)
    t = _import_export_events(t, frames, msgs_int, owner_id, report)
    _check_usable(report, path)
    return t, report


def import_team(t: Tables, exports: Sequence[tuple[str, str | PathLike[str]]]
                ) -> tuple[Tables, ImportReport]:
    """Import several owners' LinkedIn exports at once, pooled into one network.

    The same result as importing them one by one (in the given order), but the
    connections of all exports are merged in one vectorised pass, so pooling
    a hundred exports costs about what one big import does.
    """
    exports = list(exports)
    if not exports:
        raise InputError("no exports given", expected="(owner, path) pairs",
                         hint="Pass {'Owner Name': 'path/to/export.zip', ...}.",
                         cli_hint="netgraph import linkedin a.zip b.zip --owner A --owner B")
    report = ImportReport(file=f"{len(exports)} exports", kind="linkedin team")
    read = [(path, *_read_export(path, owner, "", t)) for owner, path in exports]
    report.parts.extend(rep for _, _, _, rep, _, _ in read)
    owner_ids: list[str] = []

    def ensure_team(tables: Tables) -> tuple[Tables, list[str]]:
        tables, ids = ensure_owners(tables, [(owner, url, name) for (owner, _), (*_, url, name)
                                             in zip(exports, read, strict=True)])
        owner_ids.extend(ids)
        return tables, ids

    cons, parts, owners_of, export_of = [], [], [], []
    for i, (_, frames, _, rep, _, _) in enumerate(read):
        if "connections" in frames:
            con = frames["connections"]
            parts.append(con.attrs.get("report") or ImportReport(kind="linkedin connections"))
            owners_of.append(rep)
            cons.append(con.rename(columns={"position": "title"}).assign(part=len(parts) - 1))
            export_of.append(np.full(len(con), i))
    if cons:
        rows = pd.concat(cons, ignore_index=True)
        export = np.concatenate(export_of)

        def owners_per_row(tables: Tables) -> tuple[Tables, pd.Series]:
            tables, ids = ensure_team(tables)
            return tables, pd.Series(np.asarray(ids, dtype=object)[export], dtype=object)

        t = _import_people_and_ties(t, rows, owners_per_row, "linkedin", parts, "connected_on")
        for rep, part in zip(owners_of, parts, strict=True):
            _adopt(rep, part)
    else:
        t, _ = ensure_team(t)
    read = [(path, frames, msgs_int, rep, oid) for (path, frames, msgs_int, rep, _, _), oid in
            zip(read, owner_ids, strict=True)]
    for path, frames, msgs_int, rep, owner_id in read:
        t = _import_export_events(t, frames, msgs_int, owner_id, rep)
        _check_usable(rep, path)
    for rep in report.parts:
        report.rows_read += rep.rows_read
        report.imported += rep.imported
        report.merged += rep.merged
        report.new_people += rep.new_people
    return t, report


def _import_export_events(t: Tables, frames: dict, msgs_int, owner_id: str,
                          report: ImportReport) -> Tables:
    """Positions, messages and invitations of one export."""
    if "positions" in frames:
        pos = frames["positions"]
        rep = pos.attrs.get("report") or ImportReport(kind="linkedin positions")
        rows = pos.assign(person_id=owner_id, end=pos["end"].where(~pos["current"], pd.NaT))
        t, st = add_affiliations(t, rows, source=OWN_HISTORY)
        t = _own_history_wins(t, owner_id)
        rep.imported, rep.merged = st["new"], st["merged"]
        _adopt(report, rep)
    if msgs_int is not None:
        # one report for messages.csv: the reader's, plus what turning it into events found
        rep = frames["messages"].attrs.get("report") or ImportReport(kind="linkedin messages")
        conv = msgs_int.attrs.get("report")
        rows = msgs_int.rename(columns={"person_name": "name", "person_url": "url"})
        hidden = rows["hidden"].astype(bool) if "hidden" in rows else pd.Series(False, rows.index)
        if conv is not None:
            rep.skipped.extend(conv.skipped)
            rep.warnings.extend(w for w in conv.warnings if "hidden member" not in w.reason)
        if hidden.any():
            rep.skip_many(rows.loc[hidden, "line"],
                          "hidden member ('LinkedIn Member'): counted as unknown, not one person")
        rows = rows[~hidden]
        t = _import_events(t, rows, owner_id, rep, channel="message", source="linkedin-messages")
        _adopt(report, rep)
    if "invitations" in frames:
        inv = frames["invitations"]
        rep = inv.attrs.get("report") or ImportReport(kind="linkedin invitations")
        d = inv["direction"]
        rows = pd.DataFrame({
            "line": inv["line"],
            "name": inv["to_name"].where(d == "out", inv["from_name"]),
            "url": inv["to_url"].where(d == "out", inv["from_url"]),
            "timestamp": inv["sent_at"], "direction": d,
            "note": inv.get("message", ""),
        })
        # an invitation is evidence, not a connection: no tie unless Connections.csv has one
        t = _import_events(t, rows, owner_id, rep, channel="invitation",
                           source="linkedin-invitations", new_ties=False)
        _adopt(report, rep)
    if "education" in frames:
        edu = frames["education"]
        rep = edu.attrs.get("report") or ImportReport(kind="linkedin education")
        rows = edu.rename(columns={"school": "company", "degree": "title"}).assign(
            person_id=owner_id)
        rows["end"] = rows["end"].where(~rows["current"], pd.NaT)
        t, st = add_affiliations(t, rows, source=OWN_EDUCATION)
        rep.imported, rep.merged = st["new"], st["merged"]
        _adopt(report, rep)
    for kind in ("recommendations_received", "recommendations_given"):
        if kind in frames:
            rec = frames[kind]
            rep = rec.attrs.get("report") or ImportReport(kind=f"linkedin {kind}")
            rows = rec[["line", "name", "company", "title", "direction"]].assign(
                timestamp=rec["created"],
                note="recommendation " + ("given" if kind.endswith("given") else "received"))
            # a recommendation is a working relationship: it makes a tie like a meeting
            t = _import_events(t, rows, owner_id, rep, channel="recommendation",
                               source="linkedin-recommendations")
            _adopt(report, rep)
    for kind in ("endorsements_received", "endorsements_given"):
        if kind in frames:
            end = frames[kind]
            rep = end.attrs.get("report") or ImportReport(kind=f"linkedin {kind}")
            rows = end[["line", "name", "url", "direction"]].assign(
                timestamp=end["date"], note="endorsed: " + end["skill"])
            # one click: evidence on a tie, never a tie by itself
            t = _import_events(t, rows, owner_id, rep, channel="endorsement",
                               source="linkedin-endorsements", new_ties=False)
            _adopt(report, rep)
    return t


#: The source of the owner's schools (Education.csv): affiliations, never an employer.
OWN_EDUCATION = "linkedin-education"


def _own_history_wins(t: Tables, person_id: str) -> Tables:
    """The person's own job history (Positions.csv) beats what others' rows said: the
    employer snapshots other exports recorded for them are dropped, and their employer
    and title are those of their latest current position (none: no employer)."""
    aff = t.affiliations
    mine = (aff["person_id"].astype(object) == person_id).to_numpy()
    own = mine & aff["source"].str.contains(OWN_HISTORY, regex=False).to_numpy()
    if not own.any():
        return t
    snap = mine & ~own & aff["start"].isna().to_numpy() & ~aff["source"].str.contains(
        "history", regex=False).to_numpy() & ~aff["source"].str.contains(
        OWN_EDUCATION, regex=False).to_numpy()
    if snap.any():
        aff = aff[~snap].reset_index(drop=True)
    cur = aff[own[~snap] & aff["current"].to_numpy()].sort_values("start", kind="stable")
    company, title = (cur["company"].iloc[-1], cur["title"].iloc[-1]) if len(cur) else ("", "")
    people = t.people.copy()
    at = t.ids.get_indexer([person_id])[0]
    for col, val in (("company", company), ("company_id", t.company_ids(
            pd.Series([company])).iloc[0]), ("title", title)):
        vals = people[col].to_numpy(dtype=object).copy()
        vals[at] = val
        people[col] = vals
    return t.replace(affiliations=aff).with_people(people)


def _adopt(report: ImportReport, part: ImportReport) -> None:
    if not any(p is part for p in report.parts):
        report.parts.append(part)
    report.rows_read = sum(p.rows_read for p in report.parts)
    report.imported = sum(p.imported for p in report.parts)
    report.merged = sum(p.merged for p in report.parts)
    report.new_people = sum(p.new_people for p in report.parts)


def _check_usable(report: ImportReport, path) -> None:
    if report.imported + report.merged == 0:
        raise InputError("no usable rows in the export", file=path,
                         expected="Connections.csv or messages.csv with at least one usable row",
                         hint="Check that this is the LinkedIn data export (Settings > Data "
                              "privacy > Get a copy of your data).")


def _import_events(t: Tables, rows: pd.DataFrame, owner_id: str, report: ImportReport, *,
                   channel: str | None, source: str, new_ties: bool = True) -> Tables:
    """Resolve counterparts of owner-centred events and add them as interactions
    (``new_ties=False``: no tie to a counterpart who is not tied to the owner yet)."""
    report.imported = report.merged = 0
    ids, is_new, ambiguous = _resolve_once(t, rows)
    amb = ambiguous != ""
    if amb.any():
        for line, why in zip(rows.loc[amb, "line"], ambiguous[amb], strict=True):
            report.skip(int(line), f"ambiguous name: {why}")
    none = (ids == "") & ~amb
    if none.any():
        report.skip_many(rows.loc[none, "line"], "no name, e-mail or profile URL for the person")
    ok = ids != ""
    rows, ids, is_new = rows[ok], ids[ok], is_new[ok]
    t = note_source(t, ids[~is_new], source)  # known people: this source names them too
    if not len(rows):
        return t
    n_new = int(ids[is_new].nunique())
    if n_new:
        newrows = rows[is_new.to_numpy()]
        t, _, _ = upsert_people(t, newrows, source=source, ids=ids[is_new], update=False)
        report.new_people += n_new
    self_rows = ids == owner_id
    if self_rows.any():
        report.skip_many(rows.loc[self_rows, "line"], "self-interaction: the person is the owner")
        rows, ids = rows[~self_rows], ids[~self_rows]
    events = pd.DataFrame({
        "person_id": ids.to_numpy(), "other_id": owner_id,
        "timestamp": pd.to_datetime(rows["timestamp"], utc=True).array,
        "channel": channel if channel else rows["channel"].to_numpy(),
        "direction": rows["direction"].to_numpy() if "direction" in rows else "",
        "participants": rows["participants"].to_numpy() if "participants" in rows else 2,
        "source": source,
        "note": rows["note"].to_numpy() if "note" in rows else "",
    })
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    t, st = add_interactions(t, events, new_ties=new_ties)
    report.imported += st["new"]
    report.merged += st["merged"]
    return t


def _resolve_once(t: Tables, rows: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """:func:`resolve_people` of each distinct person of *rows* once (a mailbox or a
    calendar names the same people thousands of times), given back per row."""
    cols = [c for c in ("name", "url", "email", "company") if c in rows]
    if len(rows) < 1000 or not cols:
        return resolve_people(t, rows)
    keys = rows[cols].astype(object).fillna("")
    codes = keys.groupby(cols, sort=False).ngroup().to_numpy()
    first = rows[~keys.duplicated().to_numpy()]
    ids, is_new, ambiguous = resolve_people(t, first)
    return tuple(pd.Series(s.to_numpy()[codes], index=rows.index, dtype=s.dtype)
                 for s in (ids, is_new, ambiguous))  # type: ignore[return-value]


def _join_by_name(t: Tables, rows: pd.DataFrame, ids: pd.Series, is_new: pd.Series,
                  report: ImportReport) -> tuple[pd.Series, pd.Series]:
    """Rows keyed by a new e-mail address whose display name is exactly one known
    person's: that person. Names several people share: kept apart, with a warning."""
    if not len(t.people):
        return ids, is_new
    email = rows["email"].astype(object).fillna("") if "email" in rows else None
    if email is None:
        return ids, is_new
    url = rows["url"].astype(object).fillna("") if "url" in rows else ""
    cand = (is_new & (email != "") & (url == "") & (rows["name"] != "")).to_numpy()
    if not cand.any():
        return ids, is_new
    nk = name_key(rows.loc[cand, "name"])
    keys = t.name_keys()
    counts = keys.value_counts()
    n_same = nk.map(counts).fillna(0).astype(int).to_numpy()
    first = pd.Series(t.people["person_id"].to_numpy(dtype=object), index=keys.to_numpy())
    first = first[~first.index.duplicated()]
    one = n_same == 1
    ids, is_new = ids.copy(), is_new.copy()
    idx = np.flatnonzero(cand)
    ids.iloc[idx[one]] = nk[one].map(first).to_numpy()
    is_new.iloc[idx[one]] = False
    several = idx[n_same > 1]
    if len(several):
        seen = rows.iloc[several].drop_duplicates("email")
        for line, name, addr, n in zip(seen["line"], seen["name"], seen["email"],
                                       nk[n_same > 1].loc[seen.index].map(counts), strict=True):
            report.warn(int(line), f"{name} <{addr}>: {int(n)} people have that name, so the "
                                   "address is kept as its own person (see person "
                                   "suggestions to merge it)")
    return ids, is_new


def _report_of(rows: pd.DataFrame, kind: str) -> ImportReport:
    """The reader's report of *rows*, its counts reset (they are counted against the network)."""
    report = rows.attrs.get("report") or ImportReport(kind=kind)
    report.imported = report.merged = 0
    return report


def _with_lines(rows: pd.DataFrame) -> pd.DataFrame:
    """*rows* with a ``line`` column (position + 2 when the reader gave none)."""
    if "line" in rows:
        return rows
    return rows.assign(line=np.arange(2, len(rows) + 2, dtype=np.int64))


def merge_people(t: Tables, rows: pd.DataFrame, owner: str | None = None, *,
                 source: str = "contacts") -> tuple[Tables, ImportReport]:
    """Merge people into the network, each tied to the owner.

    Parameters
    ----------
    t : Tables
    rows : pandas.DataFrame
        A reader's output: ``line`` and any of ``name``, ``first_name``,
        ``last_name``, ``url``, ``email``, ``company``, ``title``,
        ``connected_on`` (see :func:`netgraph.sources.contacts.read_contacts`);
        ``attrs["report"]`` is the report to fill.
    owner : str, optional
        Whose contacts these are (default: the network's only owner).
    source : str, default "contacts"
        The source label recorded on new people and ties.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables
    >>> t, report = merge_people(Tables.empty(), pd.DataFrame({"name": ["Grace Hopper"]}),
    ...                          "Ada", source="toy")
    >>> report.imported, sorted(t.people["name"])
    (1, ['Ada', 'Grace Hopper'])
    """
    report = _report_of(rows, source)
    t, owner_id = ensure_owner(t, owner)
    t = _import_people_and_ties(t, _with_lines(rows), owner_id, source, report, "connected_on")
    return t, report


def merge_history(t: Tables, rows: pd.DataFrame, *, source: str = "history",
                  people_source: str | None = None) -> tuple[Tables, ImportReport]:
    """Merge job history: person, company, title, start, end, current.

    A row naming only a person's name matches the one known person of that
    name; several make it ambiguous (reported); none adds a person. A
    current row becomes the person's employer when they have none yet.

    Parameters
    ----------
    t : Tables
    rows : pandas.DataFrame
        A reader's output, as :func:`netgraph.sources.history.read_affiliations`
        gives it (``current`` may be left out: an open end is current).
    source : str, default "history"
        The source label recorded on the affiliations.
    people_source : str, optional
        The label recorded on people the history adds (default: *source*).

    Raises
    ------
    InputError
        No row could be merged.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables
    >>> rows = pd.DataFrame({"name": ["Grace Hopper"], "company": ["Acme"],
    ...                      "start": pd.to_datetime(["2020-01-01"], utc=True)})
    >>> t, report = merge_history(Tables.empty(), rows)
    >>> report.imported, t.people["company"].tolist()
    (1, ['Acme'])
    """
    report = _report_of(rows, "affiliations")
    rows = _with_lines(rows)
    for col in ("name", "title"):
        if col not in rows:
            rows = rows.assign(**{col: ""})
    for col in ("start", "end"):
        if col not in rows:
            rows = rows.assign(**{col: pd.Series(pd.NaT, index=rows.index, dtype=UTC)})
    if "current" not in rows:
        rows = rows.assign(current=rows["end"].isna())
    # people are keyed with the company of their current (open) row when they are new
    cur = rows.sort_values(["current", "start"], ascending=[False, False], kind="stable")
    ids, is_new, ambiguous = resolve_people(t, rows.assign(company=""))
    amb = ambiguous != ""
    for line, why in zip(rows.loc[amb, "line"], ambiguous[amb], strict=True):
        report.skip(int(line), f"ambiguous name: {why}")
    t = note_source(t, ids[(ids != "") & ~is_new], people_source or source)
    if is_new.any():
        newrows = rows[is_new]
        keyco = cur.drop_duplicates("name").set_index("name")["company"]
        newrows = newrows.assign(company=newrows["name"].map(keyco).fillna(""),
                                 title="")
        nid, _, _ = resolve_people(t, newrows, match_name_only=False)
        ids[is_new] = nid
        t, _, st = upsert_people(t, newrows, source=people_source or source, ids=nid,
                                 update=False)
        report.new_people += st["new"]
    ok = ids != ""
    rows = rows[ok].assign(person_id=ids[ok])
    t, st = add_affiliations(t, rows, source=source)
    report.imported += st["new"]
    report.merged += st["merged"]
    # the current row of the history is the person's current employer
    cur_rows = rows[rows["current"].astype(bool)].drop_duplicates("person_id", keep="last")
    if len(cur_rows):
        people = t.people.copy()
        pos = t.ids.get_indexer(cur_rows["person_id"])
        emp = people["company"].to_numpy().copy()
        cid = people["company_id"].to_numpy().copy()
        title = people["title"].to_numpy().copy()
        blank = emp[pos] == ""
        row_cid = t.company_ids(cur_rows["company"]).to_numpy()
        emp[pos[blank]] = cur_rows["company"].to_numpy()[blank]
        cid[pos[blank]] = row_cid[blank]
        # the title of the current job, unless another source already gave one there
        no_title = blank | ((title[pos] == "") & (cid[pos] == row_cid))
        title[pos[no_title]] = cur_rows["title"].to_numpy()[no_title]
        people["company"], people["company_id"], people["title"] = emp, cid, title
        t = t.with_people(people)
    if report.imported + report.merged == 0:
        raise InputError("no usable rows", file=report.file or None,
                         expected="rows with a person and a company",
                         hint="Each row needs a person (name, URL or e-mail) and a company.")
    return t, report


def _report_unknown(t: Tables, rows: pd.DataFrame, report: ImportReport) -> None:
    """Skip rows naming someone unknown, each with the closest known names."""
    from netgraph.data.resolve import Resolver

    resolver = Resolver(t.people, t.companies)
    hints: dict[str, str] = {}
    for name in pd.unique(rows["name"]):
        close = resolver.suggest(str(name), companies=False, limit=3)
        hints[name] = (f"; did you mean {' or '.join(repr(c) for c in close)}?" if close
                       else "")
    for line, name in zip(rows["line"], rows["name"], strict=True):
        report.skip(int(line), f"nobody named {name!r} in the network{hints[name]} (not added: "
                               "pass create_missing=True / --create-missing to add them)")


#: Defaults of the optional columns of interaction events.
_EVENT_DEFAULTS = {"person": "", "person_url": "", "person_email": "", "other": "",
                   "channel": "other", "direction": "", "participants": 2, "note": ""}


def merge_events(t: Tables, rows: pd.DataFrame, owner: str | None = None, *,
                 source: str = "interactions", create_missing: bool = True,
                 warn_new: bool = True, join_names: bool = False
                 ) -> tuple[Tables, ImportReport]:
    """Merge interaction events: who was in touch with whom, when, how.

    Parameters
    ----------
    t : Tables
    rows : pandas.DataFrame
        A reader's output, as :func:`netgraph.sources.interactions.read_interactions`
        gives it: ``timestamp`` (UTC) and any of ``person``, ``person_url``,
        ``person_email`` are needed; ``other`` (default ``""``: the owner),
        ``channel`` (one of :data:`netgraph.data.schema.CHANNELS`, default
        ``"other"``), ``direction``, ``participants`` (default 2) and
        ``note`` may be left out.
    owner : str, optional
        Whose events these are (default: the network's only owner); needed
        when some row has no ``other``.
    source : str, default "interactions"
        The source label recorded on the events and on new people.
    create_missing : bool, default True
        Add the people rows name only by a name nobody in the network has.
        False: such rows are skipped and reported with the closest known
        names (a typo must not make a person); rows with a profile URL or
        e-mail address add their person either way.
    warn_new : bool, default True
        Warn per row that added a person. Sources whose people are new by
        nature (every correspondent of a mailbox, every attendee of a
        calendar) turn it off.
    join_names : bool, default False
        A row keyed by an e-mail address nobody has yet joins the one known
        person whose name is the row's display name (mailboxes and calendars:
        ``Grace Hopper <grace@navy.example>`` is the LinkedIn connection Grace
        Hopper). When several known people have that name, the row is kept
        apart (a new person, warned about; :meth:`Network.person_suggestions`
        lists the pair), never merged silently.

    Raises
    ------
    InputError
        No row could be merged (with ``create_missing=False``: every row
        names someone unknown).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.merge import Tables
    >>> rows = pd.DataFrame({"person": ["Grace Hopper"],
    ...                      "timestamp": pd.to_datetime(["2026-01-05"], utc=True)})
    >>> t, report = merge_events(Tables.empty(), rows, "Ada", source="toy")
    >>> report.imported, t.interactions["source"].tolist()
    (1, ['toy'])
    """
    report = _report_of(rows, source)
    rows = _with_lines(rows).assign(**{c: v for c, v in _EVENT_DEFAULTS.items()
                                       if c not in rows})
    rows = rows.rename(columns={"person": "name", "person_url": "url", "person_email": "email"})
    needs_owner = (rows["other"] == "").any()
    owner_id = None
    if needs_owner or owner is not None:
        t, owner_id = ensure_owner(t, owner)
    # rows with an explicit other: resolve it
    other_ids = pd.Series(owner_id or "", index=rows.index, dtype="object")
    has_other = rows["other"] != ""
    if has_other.any():
        oid, onew, oamb = resolve_people(t, pd.DataFrame({"name": rows.loc[has_other, "other"]}))
        bad = (oamb != "") | (oid == "")
        for line, why in zip(rows.loc[has_other].loc[bad.to_numpy(), "line"],
                             oamb[bad], strict=True):
            report.skip(int(line), f"ambiguous or empty 'other': {why}")
        if (onew & ~bad).any():
            nr = pd.DataFrame({"name": rows.loc[has_other, "other"]})[(onew & ~bad).to_numpy()]
            t, _, st = upsert_people(t, nr, source=source, ids=oid[onew & ~bad], update=False)
            report.new_people += st["new"]
        other_ids.loc[has_other] = oid.where(~bad, "").to_numpy()
        rows = rows[(other_ids != "").to_numpy()]
        other_ids = other_ids[other_ids != ""]
    ids, is_new, ambiguous = _resolve_once(t, rows)
    if join_names and is_new.any():
        ids, is_new = _join_by_name(t, rows, ids, is_new, report)
    amb = ambiguous != ""
    for line, why in zip(rows.loc[amb, "line"], ambiguous[amb], strict=True):
        report.skip(int(line), f"ambiguous name: {why}")
    ok = ids != ""
    unknown = pd.Series(False, index=rows.index)
    if not create_missing:
        # a name nobody has (a typo?) does not make a person unless asked
        unknown = is_new & ok & (rows["url"] == "") & (rows["email"] == "")
        if unknown.any():
            _report_unknown(t, rows[unknown], report)
            ok &= ~unknown
            ids = ids.where(ok, "")
            is_new &= ok
    all_unknown = bool(unknown.any()) and not (ok & ~amb).any()
    unknown_names = list(dict.fromkeys(rows.loc[unknown, "name"].tolist()))
    t = note_source(t, ids[ok & ~is_new], source)  # known people: this source names them too
    if is_new.any():
        nr = rows[is_new & ok]
        t, _, st = upsert_people(t, nr, source=source, ids=ids[is_new & ok], update=False)
        report.new_people += st["new"]
        if warn_new:
            report.warn_many(nr["line"], "person not in the network yet: added")
    self_rows = ok & (ids == other_ids)
    if self_rows.any():
        report.skip_many(rows.loc[self_rows, "line"], "self-interaction: person and other are the "
                                                      "same")
    ok &= ~self_rows
    rows, ids, other_ids = rows[ok], ids[ok], other_ids[ok]
    events = pd.DataFrame({
        "person_id": ids.to_numpy(), "other_id": other_ids.to_numpy(),
        # .array: a tz-aware column's to_numpy() is one Timestamp object per row (slow)
        "timestamp": pd.to_datetime(rows["timestamp"], utc=True).array,
        "channel": rows["channel"].to_numpy(),
        "direction": rows["direction"].to_numpy(), "participants": rows["participants"].to_numpy(),
        "source": source, "note": rows["note"].to_numpy(),
    })
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    if len(events):
        t, st = add_interactions(t, events)
        report.imported += st["new"]
        report.merged += st["merged"]
    if report.imported + report.merged == 0 and all_unknown:
        names = unknown_names
        shown = ", ".join(repr(n) for n in names[:3]) + (" ..." if len(names) > 3 else "")
        raise InputError(f"every row names someone not in the network ({shown})",
                         file=report.file or None,
                         expected="people the network knows (import the exports first), or "
                                  "a profile URL or e-mail address per row",
                         hint="Check the names (report.issues() lists suggestions), or pass "
                              "create_missing=True to add them as new people.",
                         cli_hint="Check the names, or pass --create-missing to add them as "
                                  "new people.")
    if report.imported + report.merged == 0:
        raise InputError("no usable rows", file=report.file or None,
                         expected="rows with a person and a timestamp",
                         hint="See report.issues() of a partial import, or check the columns.",
                         cli_hint="Each row needs a person (name, URL or e-mail) and a "
                                  "timestamp; check the columns and the dates.")
    return t, report


def import_contacts(t: Tables, path_or_frame: PathOrFrame, owner: str | None
                    ) -> tuple[Tables, ImportReport]:
    """Import a generic contacts CSV/DataFrame as the owner's ties."""
    from netgraph.sources.contacts import read_contacts

    return merge_people(t, read_contacts(path_or_frame), owner, source="contacts")


def import_affiliations(t: Tables, path_or_frame: PathOrFrame) -> tuple[Tables, ImportReport]:
    """Import job history: person, company, title, start, end."""
    from netgraph.sources.history import read_affiliations

    return merge_history(t, read_affiliations(path_or_frame), source="history",
                         people_source="affiliations")


def import_interactions(t: Tables, path_or_frame: PathOrFrame, owner: str | None,
                        create_missing: bool | None = None) -> tuple[Tables, ImportReport]:
    """Import an interaction log: person, other (default: the owner), timestamp, channel...

    A row naming, by name only, someone the network does not know is reported with
    suggestions and skipped, unless *create_missing*.
    """
    from netgraph.sources.interactions import read_interactions

    return merge_events(t, read_interactions(path_or_frame), owner, source="interactions",
                        create_missing=bool(create_missing))
