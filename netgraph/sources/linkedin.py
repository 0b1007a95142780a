"""Readers of LinkedIn data-export files: file -> normalised DataFrame + report.

Every reader is pure: it takes a file (a ``Connections.csv``, a
``messages.csv``, ... or the whole export as a ``.zip`` or folder) and returns
a pandas DataFrame whose ``df.attrs["report"]`` is an
:class:`~netgraph.sources.report.ImportReport`. Readers do not resolve identities
and never touch a :class:`~netgraph.Network`.

Conventions of every output frame:

- ``line``: int64, the 1-based physical line of the file where the row's
  record starts (quoted cells may span lines).
- text columns: ``object`` dtype of ``str``, ``""`` for missing, trimmed of
  whitespace, NBSP, zero-width and bidi marks.
- timestamps: ``datetime64[ns, UTC]``; naive times are taken as UTC.
- profile URLs: ``https://www.linkedin.com/in/<slug>``, the slug lower case
  with canonical percent-encoding (see :func:`normalise_linkedin_url`).

The headers are found by content (the ``Notes:`` preamble of modern
Connections.csv files, re-saved copies, BOMs, CRLF and blank lines are all
fine) and columns are bound by name, never by position. Files may be UTF-8
(with or without BOM), UTF-16 or Windows-1252.

Examples
--------
>>> import tempfile, pathlib
>>> import netgraph as ng
>>> p = pathlib.Path(tempfile.mkdtemp()) / "Connections.csv"
>>> _ = p.write_text('''Notes:
... "When exporting your connection data, you may notice that some of the email addresses are missing."
...
... First Name,Last Name,URL,Email Address,Company,Position,Connected On
... Ada,"Lovelace, PhD",https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Analyst,16 Dec 2024
... ,,,,,,15 Dec 2024
... ''')
>>> df = ng.read_linkedin_connections(p)
>>> df[["line", "name", "credentials", "connected_on"]]
   line          name credentials              connected_on
0     5  Ada Lovelace         PhD 2024-12-16 00:00:00+00:00
>>> df.attrs["report"].skipped[0].line
6
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph.data.identity import PROFILE_PREFIX, linkedin_slug, normalise_linkedin_url
from netgraph.errors import InputError
from netgraph.sources.csvfile import (
    ZIP_ERRORS,
    NoRowsError,
    RawTable,
    Spec,
    check_source,
    decode,
    find_header,
    finish_frame,
    head_lines,
    is_true,
    job_dates,
    load_table,
    no_rows,
    normalise_newlines,
    note_values,
    parse_dates,
    read_bytes,
    read_zip_member,
    zip_error_reason,
)
from netgraph.sources.importers import import_linkedin, import_team
from netgraph.sources.registry import Source, register_source
from netgraph.sources.report import ImportReport

__all__ = [
    "SOURCE",
    "export_owner",
    "linkedin_slug",
    "message_interactions",
    "normalise_linkedin_url",
    "read_linkedin_connections",
    "read_linkedin_education",
    "read_linkedin_endorsements",
    "read_linkedin_export",
    "read_linkedin_invitations",
    "read_linkedin_messages",
    "read_linkedin_positions",
    "read_linkedin_profile",
    "read_linkedin_recommendations",
]

FileSource = str | PathLike[str]  # a path; the readers also accept the bytes

# --------------------------------------------------------------------------- column specs

CONNECTIONS: Spec = {
    "first_name": ("First Name", "FirstName", "Given Name"),
    "last_name": ("Last Name", "LastName", "Surname", "Family Name"),
    "url": ("URL", "Profile URL", "LinkedIn URL", "Public Profile URL", "LinkedIn Profile URL"),
    "email": ("Email Address", "Email", "E-mail Address", "E-mail"),
    "company": ("Company", "Company Name"),
    "position": ("Position", "Title", "Job Title"),
    "connected_on": ("Connected On", "Connected", "Connection Date"),
}
_CONNECTIONS_REQUIRED = [["first_name", "last_name", "url"]]

MESSAGES: Spec = {
    "conversation_id": ("CONVERSATION ID",),
    "conversation_title": ("CONVERSATION TITLE",),
    "sender": ("FROM",),
    "sender_url": ("SENDER PROFILE URL",),
    "recipients": ("TO",),
    "recipient_urls": ("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL"),
    "timestamp": ("DATE",),
    "subject": ("SUBJECT",),
    "content": ("CONTENT",),
    "direction": ("DIRECTION",),
    "folder": ("FOLDER",),
    "message_draft": ("IS MESSAGE DRAFT",),
    "conversation_draft": ("IS CONVERSATION DRAFT",),
}
_MESSAGES_REQUIRED = [["sender", "sender_url"], ["timestamp"]]

INVITATIONS: Spec = {
    "from_name": ("From",),
    "to_name": ("To",),
    "sent_at": ("Sent At",),
    "message": ("Message",),
    "direction": ("Direction",),
    "from_url": ("inviterProfileUrl", "Inviter Profile URL"),
    "to_url": ("inviteeProfileUrl", "Invitee Profile URL"),
}
_INVITATIONS_REQUIRED = [["sent_at"], ["from_name", "from_url", "to_name", "to_url"]]

POSITIONS: Spec = {
    "company": ("Company Name", "Company"),
    "title": ("Title",),
    "description": ("Description",),
    "location": ("Location",),
    "start": ("Started On", "Start Date"),
    "end": ("Finished On", "End Date"),
}
_POSITIONS_REQUIRED = [["company"], ["start", "end", "title"]]

PROFILE: Spec = {
    "first_name": ("First Name", "FirstName"),
    "last_name": ("Last Name", "LastName"),
    "url": ("Public Profile URL", "Profile URL", "URL", "LinkedIn URL"),
    "headline": ("Headline",),
}
_PROFILE_REQUIRED = [["first_name", "last_name"]]

RECOMMENDATIONS: Spec = {
    "first_name": ("First Name", "FirstName"),
    "last_name": ("Last Name", "LastName"),
    "company": ("Company", "Company Name"),
    "title": ("Job Title", "Title"),
    "text": ("Text", "Recommendation"),
    "created": ("Creation Date", "Created", "Date"),
    "status": ("Status",),
}
_RECOMMENDATIONS_REQUIRED = [["first_name", "last_name"], ["created"]]

ENDORSEMENTS: Spec = {
    "date": ("Endorsement Date",),
    "skill": ("Skill Name", "Skill"),
    "endorser_first": ("Endorser First Name",),
    "endorser_last": ("Endorser Last Name",),
    "endorser_url": ("Endorser Public Url", "Endorser Public URL", "Endorser Profile URL"),
    "endorsee_first": ("Endorsee First Name",),
    "endorsee_last": ("Endorsee Last Name",),
    "endorsee_url": ("Endorsee Public Url", "Endorsee Public URL", "Endorsee Profile URL"),
    "status": ("Endorsement Status", "Status"),
}
_ENDORSEMENTS_REQUIRED = [["date"], ["endorser_first", "endorser_last", "endorser_url",
                                     "endorsee_first", "endorsee_last", "endorsee_url"]]

EDUCATION: Spec = {
    "school": ("School Name", "School"),
    "start": ("Start Date", "Started On"),
    "end": ("End Date", "Finished On"),
    "notes": ("Notes",),
    "degree": ("Degree Name", "Degree"),
    "activities": ("Activities",),
}
_EDUCATION_REQUIRED = [["school"], ["start", "end", "degree"]]

# kind -> (spec, required, what the file is called, reader name)
_KINDS: dict[str, tuple[Spec, list[list[str]], str, str]] = {
    "connections": (CONNECTIONS, _CONNECTIONS_REQUIRED, "LinkedIn Connections.csv",
                    "read_linkedin_connections"),
    "messages": (MESSAGES, _MESSAGES_REQUIRED, "LinkedIn messages.csv", "read_linkedin_messages"),
    "invitations": (INVITATIONS, _INVITATIONS_REQUIRED, "LinkedIn Invitations.csv",
                    "read_linkedin_invitations"),
    "positions": (POSITIONS, _POSITIONS_REQUIRED, "LinkedIn Positions.csv",
                  "read_linkedin_positions"),
    "profile": (PROFILE, _PROFILE_REQUIRED, "LinkedIn Profile.csv", "read_linkedin_profile"),
    "recommendations": (RECOMMENDATIONS, _RECOMMENDATIONS_REQUIRED,
                        "LinkedIn Recommendations_Received.csv or Recommendations_Given.csv",
                        "read_linkedin_recommendations"),
    "endorsements": (ENDORSEMENTS, _ENDORSEMENTS_REQUIRED,
                     "LinkedIn Endorsement_Received_Info.csv or Endorsement_Given_Info.csv",
                     "read_linkedin_endorsements"),
    "education": (EDUCATION, _EDUCATION_REQUIRED, "LinkedIn Education.csv",
                  "read_linkedin_education"),
}


def _sniff(lines: Sequence[str]) -> str | None:
    """The LinkedIn file kind whose header binds the most columns (at least 2)."""
    best, best_n = None, 1
    for kind, (spec, required, _, _) in _KINDS.items():
        head = find_header(lines, spec)
        if head is None:
            continue
        if not all(any(c in head.bound for c in g) for g in required):
            continue
        if len(head.bound) > best_n:
            best, best_n = kind, len(head.bound)
    return best


def _wrong_kind(expected_kind: str):
    """An ``on_bad_header`` callback: raise "this looks like a <other> file"."""

    def check(file: str, lines: list[str]) -> None:
        kind = _sniff(lines)
        if kind is None or kind == expected_kind:
            return
        _, _, what, reader = _KINDS[kind]
        _, _, expected_what, _ = _KINDS[expected_kind]
        raise InputError(f"this is not a {expected_what}: it looks like a {what}", file=file,
                         expected="a header with " + ", ".join(
                             repr(a[0]) for a in _KINDS[expected_kind][0].values()),
                         hint=f"Read it with {reader}(), or pass the whole export (.zip or "
                              "folder) to read_linkedin_export().",
                         cli_hint="Pass the whole export (.zip or folder) to `netgraph import "
                                  "linkedin`.")

    return check


def _load(source, kind: str, file: str | None) -> RawTable:
    spec, required, what, _ = _KINDS[kind]
    return load_table(source, spec, f"linkedin {kind}", required=required, what=what, file=file,
                      on_bad_header=_wrong_kind(kind))


# --------------------------------------------------------------------------- URLs


def _urls_keep_other(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Normalised profile URLs; non-profile URLs kept as written. Also the non-profile mask."""
    norm = normalise_linkedin_url(raw)
    other = (norm == "") & (raw != "")
    if other.any():
        norm = norm.where(~other, raw)
    return norm, other


# --------------------------------------------------------------------------- connections

_GENERATIONAL = re.compile(r"^(?:jr|sr|ii|iii|iv|v)\.?$", re.IGNORECASE)


def read_linkedin_connections(path: FileSource | bytes, *, file: str | None = None
                              ) -> pd.DataFrame:
    """Read a LinkedIn ``Connections.csv`` of any era.

    Handles the ``Notes:`` preamble (original, padded with commas, or
    absent), files with or without the ``URL`` column, the 2018 and modern
    date formats, spreadsheet re-saves (CRLF, BOM, blank lines, other date
    forms), deleted columns (only ``First Name``, ``Last Name`` or ``URL``
    is required; missing columns become ``""``) and UTF-8, UTF-8 with BOM,
    UTF-16 and Windows-1252 files.

    Parameters
    ----------
    path : str, path-like or bytes
        The file (or its bytes).
    file : str, optional
        The name to report (default: *path*).

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``first_name``, ``last_name``, ``name`` (first +
        last), ``credentials`` (what followed a comma in the last name:
        ``"Example, PhD"`` gives last name ``Example`` and credentials
        ``PhD``; ``Jr.``/``III`` stay in the name), ``url`` (normalised),
        ``email`` (lower case), ``company``, ``position``, ``connected_on``
        (UTC, NaT when missing or unparseable). ``attrs["report"]`` is the
        :class:`~netgraph.sources.report.ImportReport`: ghost rows (no name and no
        URL) are skipped with their line; unparseable dates and non-profile
        URLs are warnings.

    Raises
    ------
    InputError
        File not found or not decodable; not a Connections.csv (no header
        found; the message says what it looks like instead); a required
        column missing; no usable rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Connections.csv"
    >>> _ = p.write_bytes(b"First Name,Last Name,Email Address,Company,Position,Connected On\\r\\n"
    ...                   b'Grace,Hopper,GH@Navy.mil,US Navy,Admiral,"5/21/18, 3:33 PM"\\r\\n')
    >>> df = read_linkedin_connections(p)
    >>> df.loc[0, ["name", "email", "url"]].tolist(), str(df.loc[0, "connected_on"])
    (['Grace Hopper', 'gh@navy.mil', ''], '2018-05-21 15:33:00+00:00')
    """
    t = _load(path, "connections", file)
    rep = t.report
    line = t.line
    first = t.text("first_name")
    last_list = t.text("last_name").tolist()
    credentials = [""] * len(t)
    for i in [i for i, v in enumerate(last_list) if "," in v]:
        before, _, after = last_list[i].partition(",")
        before, after = before.strip(), after.strip()
        if before and not _GENERATIONAL.match(after):
            last_list[i], credentials[i] = before, after
    name = [f"{a} {b}" if a and b else a or b
            for a, b in zip(first.tolist(), last_list, strict=True)]
    last = pd.Series(last_list, dtype=object)
    raw_url = t.text("url")
    url = normalise_linkedin_url(raw_url)
    bad_url = (url == "") & (raw_url != "")
    note_values(rep, line, raw_url, bad_url, "not a LinkedIn profile URL {!r}: ignored")
    email = t.text("email").str.lower()
    date_raw = t.text("connected_on")
    connected_on, bad_date = parse_dates(date_raw)
    note_values(rep, line, date_raw, bad_date,
                 "unparseable Connected On date {!r}: kept without a date")
    name = pd.Series(name, dtype=object)
    ghost = ((name == "") & (url == "")).to_numpy()
    if ghost.any():
        rep.skip_many(line[ghost], "ghost row: no name and no profile URL "
                                   "(a hidden or removed member)")
    keep = ~ghost
    if not keep.any():
        raise no_rows(t, "Connections.csv", "every row is a ghost row: no name and no URL"
                      if len(t) else "")
    return finish_frame({
        "line": line[keep],
        "first_name": first[keep].to_numpy(),
        "last_name": last[keep].to_numpy(),
        "name": name[keep].to_numpy(dtype=object),
        "credentials": np.asarray(credentials, dtype=object)[keep],
        "url": url[keep].to_numpy(),
        "email": email[keep].to_numpy(dtype=object),
        "company": t.text("company")[keep].to_numpy(),
        "position": t.text("position")[keep].to_numpy(),
        "connected_on": connected_on[keep].reset_index(drop=True),
    }, rep)


# --------------------------------------------------------------------------- messages


def _joined_urls(raw: pd.Series) -> pd.Series:
    """Normalise comma-joined URL lists element-wise, keeping positions."""
    out = raw.copy()
    multi = raw.str.contains(",", regex=False)
    single = ~multi & (raw != "")
    if single.any():
        out[single] = _urls_keep_other(raw[single])[0]
    if multi.any():
        ex = raw[multi].str.split(",").explode().str.strip()
        norm = _urls_keep_other(ex)[0]
        out[multi] = norm.groupby(level=0, sort=False).agg(",".join)
    return out.astype(object)


def read_linkedin_messages(path: FileSource | bytes, *, file: str | None = None) -> pd.DataFrame:
    """Read a LinkedIn ``messages.csv`` of any era.

    Modern headers (``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER
    PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER``
    with or without ``IS MESSAGE DRAFT``/``IS CONVERSATION DRAFT``), older
    ones lacking ``RECIPIENT PROFILE URLS`` or ``CONVERSATION ID``, and the
    2018 ``From,To,Date,Subject,Content,Direction,Folder``. ``CONTENT`` is
    parsed (quote-aware: commas, quotes, newlines, HTML) but not kept.

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional
        The name to report (default: *path*).

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``conversation_id``, ``conversation_title``,
        ``sender``, ``sender_url``, ``recipients`` (the TO cell),
        ``recipient_urls`` (comma-joined normalised URLs, in TO order),
        ``timestamp`` (UTC), ``subject``, ``folder``, ``is_draft`` (bool).
        Profile URLs are normalised; a URL that is not a profile URL (the
        company page of a system sender) is kept as written. Rows whose
        DATE is missing or unparseable are skipped and reported.

    Raises
    ------
    InputError
        As :func:`read_linkedin_connections`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "messages.csv"
    >>> _ = p.write_text(
    ...     "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    ...     "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\\n"
    ...     'c1,,Ada L,https://www.linkedin.com/in/ada,Bob B,https://www.linkedin.com/in/bob,'
    ...     '2022-09-01 10:00:00 UTC,,"Hi, Bob<br>""quoted"" ok",INBOX\\n')
    >>> m = read_linkedin_messages(p)
    >>> m.loc[0, ["sender", "recipients", "folder"]].tolist(), bool(m.loc[0, "is_draft"])
    (['Ada L', 'Bob B', 'INBOX'], False)
    >>> str(m.loc[0, "timestamp"])
    '2022-09-01 10:00:00+00:00'
    """
    t = _load(path, "messages", file)
    rep = t.report
    line = t.line
    date_raw = t.text("timestamp")
    ts, bad = parse_dates(date_raw)
    empty = (date_raw == "").to_numpy()
    if empty.any():
        rep.skip_many(line[empty], "no DATE")
    note_values(rep, line, date_raw, bad, "unparseable DATE {!r}", skip=True)
    keep = ~(empty | bad.to_numpy())
    if not keep.any():
        raise no_rows(t, "messages.csv")
    sender_url = _urls_keep_other(t.text("sender_url"))[0]
    recipient_urls = _joined_urls(t.text("recipient_urls"))
    draft = is_true(t.text("message_draft")) | is_true(t.text("conversation_draft"))
    return finish_frame({
        "line": line[keep],
        "conversation_id": t.text("conversation_id")[keep].to_numpy(),
        "conversation_title": t.text("conversation_title")[keep].to_numpy(),
        "sender": t.text("sender")[keep].to_numpy(),
        "sender_url": sender_url[keep].to_numpy(),
        "recipients": t.text("recipients")[keep].to_numpy(),
        "recipient_urls": recipient_urls[keep].to_numpy(),
        "timestamp": ts[keep].reset_index(drop=True),
        "subject": t.text("subject")[keep].to_numpy(),
        "folder": t.text("folder")[keep].to_numpy(),
        "is_draft": draft[keep].to_numpy(dtype=bool),
    }, rep)


# --------------------------------------------------------------------------- interactions

#: Sender names of LinkedIn's own accounts (case-insensitive); any other name
#: starting with "LinkedIn " (but "LinkedIn Member") is a system sender too.
SYSTEM_SENDERS = frozenset({
    "linkedin", "linkedin premium", "sales solutions", "linkedin sales solutions",
    "talent solutions", "linkedin talent solutions", "linkedin sales navigator",
    "sales navigator", "linkedin learning", "linkedin recruiter", "linkedin news",
    "linkedin marketing solutions", "linkedin job alerts", "linkedin jobs", "linkedin ads",
    "linkedin help", "linkedin customer service", "linkedin member services",
    "linkedin premium team", "linkedin corporation", "linkedin team",
})
_HIDDEN = "linkedin member"
_CREDENTIAL_PIECE = re.compile(
    r"^(?:[A-Z0-9][A-Z0-9.&®™\-]{1,9}|Ph\.?\s?D\.?|Jr\.?|Sr\.?|MSc|BSc|MEng|MBA|DPhil|Esq\.?"
    r"|M\.?Sc\.?|B\.?A\.?|M\.?A\.?|M\.?D\.?)$")


def _is_system(names_cf: pd.Series, urls: pd.Series, is_profile: np.ndarray) -> np.ndarray:
    """LinkedIn's own accounts: a known system name, or a URL that is not a profile."""
    by_name = (names_cf.isin(SYSTEM_SENDERS)
               | (names_cf.str.startswith("linkedin ") & (names_cf != _HIDDEN))).to_numpy()
    by_url = (urls != "").to_numpy() & ~is_profile
    return by_name | by_url


def _mode(values: pd.Series) -> tuple[str, int]:
    """Most frequent non-empty value (ties: alphabetical first) and its count."""
    vc = values[values != ""].value_counts()
    if vc.empty:
        return "", 0
    top = vc.max()
    return sorted(vc[vc == top].index)[0], int(top)


def _most_present(s_msg: np.ndarray, s_key: pd.Series, r_msg: np.ndarray,
                  r_key: pd.Series) -> tuple[str, int]:
    """The key on the most distinct messages (ties: most sent, then alphabetical)."""
    both = pd.DataFrame({"msg": np.concatenate([s_msg, r_msg]),
                         "key": np.concatenate([s_key.to_numpy(dtype=object),
                                                r_key.to_numpy(dtype=object)])})
    if both.empty:
        return "", 0
    present = both.drop_duplicates().groupby("key").size()
    sent = pd.Series(s_key.to_numpy(dtype=object)).value_counts()
    score = pd.DataFrame({"present": present, "sent": sent.reindex(present.index).fillna(0)})
    score = score.reset_index().sort_values(["present", "sent", "key"],
                                            ascending=[False, False, True], kind="stable")
    top = score.iloc[0]
    return str(top["key"]), int(top["present"])


def _explode_commas(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Split comma-joined cells: (row of each piece, sorted stably; stripped pieces)."""
    arr = cells.to_numpy(dtype=object)
    has_comma = np.fromiter(("," in c for c in arr), dtype=bool, count=len(arr))
    single = np.flatnonzero((arr != "") & ~has_comma)
    multi = np.flatnonzero(has_comma)
    if not len(multi):
        return single.astype(np.int64), arr[single]
    ex = pd.Series(arr[multi], index=multi, dtype=object).str.split(",").explode().str.strip()
    rows = np.concatenate([single, ex.index.to_numpy(dtype=np.int64)])
    vals = np.concatenate([arr[single], ex.to_numpy(dtype=object)])
    order = np.argsort(rows, kind="stable")
    return rows[order].astype(np.int64), vals[order]


def _positions(rows: np.ndarray) -> np.ndarray:
    """0-based position of each element within its run of equal (sorted) *rows*."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    counts = np.diff(np.r_[starts, len(rows)])
    return np.arange(len(rows)) - np.repeat(starts, counts)


def _recipient_table(msgs: pd.DataFrame) -> pd.DataFrame:
    """One row per (message, recipient): msg, pos, name, url."""
    n = len(msgs)
    idx = np.arange(n)
    names_cell = msgs["recipients"].reset_index(drop=True)
    urls_cell = msgs["recipient_urls"].reset_index(drop=True)
    # URLs: split on commas (URLs hold none).
    u_msg, u_val = _explode_commas(urls_cell)
    n_urls = np.bincount(u_msg, minlength=n)
    # Names: split on commas, then glue credential pieces ("Doe, PhD") back on.
    msg, nm_val = _explode_commas(names_cell)
    nm = pd.Series(nm_val, index=msg, dtype=object)
    pos = _positions(msg)
    is_cred = np.zeros(len(msg), dtype=bool)
    later = np.flatnonzero(pos > 0)
    if len(later):
        is_cred[later] = nm.iloc[later].str.match(_CREDENTIAL_PIECE).to_numpy(dtype=bool)
    n_pieces = np.bincount(msg, minlength=n)
    # Glue only where names and URLs disagree in number (or there are no URLs).
    glue = is_cred & ((n_urls[msg] == 0) | (n_urls[msg] != n_pieces[msg]))
    if glue.any():
        grp = np.cumsum(~glue)
        pieces = pd.DataFrame({"msg": msg, "grp": grp, "piece": nm.to_numpy()})
        merged = pieces.groupby("grp", sort=False).agg(msg=("msg", "first"),
                                                       piece=("piece", ", ".join))
        msg = merged["msg"].to_numpy(dtype=np.int64)
        nm = pd.Series(merged["piece"].to_numpy(), index=msg, dtype=object)
    n_names = np.bincount(msg, minlength=n)
    names = pd.DataFrame({"msg": msg, "pos": _positions(msg), "name": nm.to_numpy()})
    urls = pd.DataFrame({"msg": u_msg, "pos": _positions(u_msg), "url": u_val})
    paired = n_urls == n_names
    one_url = (n_urls == 1) & (n_names > 1)
    # Where names and URLs pair up (or only one side exists): merge on position.
    a = names[~(one_url | ((n_urls > 0) & ~paired))[names["msg"].to_numpy()]]
    b = urls[((n_urls > 0) & (paired | (n_names == 0)))[urls["msg"].to_numpy()]]
    out = a.merge(b, on=["msg", "pos"], how="outer")
    # One URL but a TO cell with commas: one recipient, named by the whole cell.
    if one_url.any():
        rows = np.flatnonzero(one_url)
        extra = pd.DataFrame({"msg": rows, "pos": 0, "name": names_cell.iloc[rows].to_numpy(),
                              "url": urls_cell.iloc[rows].str.strip().to_numpy()})
        out = pd.concat([out, extra], ignore_index=True)
    # Several URLs that do not pair with the names: keep the URLs, names unknown.
    unpaired = (n_urls > 1) & ~paired & (n_names > 0)
    if unpaired.any():
        out = pd.concat([out, urls[unpaired[urls["msg"].to_numpy()]].assign(name="")],
                        ignore_index=True)
    out["name"] = out["name"].fillna("").astype(object)
    out["url"] = out["url"].fillna("").astype(object)
    out = out.sort_values(["msg", "pos"], kind="stable").reset_index(drop=True)
    out.attrs["unpaired"] = idx[unpaired]
    return out


def message_interactions(
    msgs: pd.DataFrame,
    *,
    owner_url: str | None = None,
    owner_name: str | None = None,
) -> pd.DataFrame:
    """Turn messages into interactions: one row per (message, counterpart).

    The owner of the export is *owner_url* / *owner_name* when given. Else
    it is inferred from the profile URLs (else, in exports without URLs,
    the names): a messages.csv is its owner's mailbox, so the owner is the
    one on the most messages as sender or recipient; ties go to the most
    frequent sender. (Counting senders alone picks a chatty contact when
    the owner mostly receives.) The inference is a report warning. For a message the owner sent, each recipient is a
    counterpart (direction ``"out"``); for a message someone else sent to
    the owner, the sender is the counterpart (direction ``"in"``); other
    recipients of a group message are not counterparts of the owner.

    Skipped and reported: drafts (``is_draft`` or folder ``DRAFT``), spam
    (folder ``SPAM``), system senders (LinkedIn, LinkedIn Premium, Sales
    Solutions, ..., or a sender URL that is not a profile), messages that do
    not involve the owner, messages without a counterpart. Hidden members
    (``"LinkedIn Member"`` without URL) are not one person: their rows are
    kept with ``hidden=True`` and ``person_name == ""``, one warning each.

    Parameters
    ----------
    msgs : pandas.DataFrame
        The output of :func:`read_linkedin_messages`.
    owner_url : str, optional
        The owner's profile URL (any spelling).
    owner_name : str, optional
        The owner's name as it appears in FROM/TO (case-insensitive).

    Returns
    -------
    pandas.DataFrame
        Columns ``line`` (of the message), ``person_name``, ``person_url``,
        ``timestamp`` (UTC), ``direction`` (``"out"``/``"in"``),
        ``participants`` (int64: distinct people of the message, sender and
        recipients, at least 2), ``conversation_id``, ``hidden`` (bool).
        ``attrs``: ``report`` (rows_read = messages, imported = messages that
        gave an interaction), ``owner_url``, ``owner_name``.

    Raises
    ------
    InputError
        A given owner appears nowhere in the messages, or no message gives
        an interaction.

    Examples
    --------
    >>> import pandas as pd
    >>> ts = pd.Timestamp("2024-01-02", tz="UTC")
    >>> msgs = pd.DataFrame({
    ...     "line": [2, 3, 4], "conversation_id": ["c1", "c1", "c2"],
    ...     "sender": ["Ada", "Bob", "Ada"],
    ...     "sender_url": ["https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/bob",
    ...                    "https://www.linkedin.com/in/ada"],
    ...     "recipients": ["Bob", "Ada", "Cy, Di"],
    ...     "recipient_urls": ["https://www.linkedin.com/in/bob", "https://www.linkedin.com/in/ada",
    ...                        "https://www.linkedin.com/in/cy,https://www.linkedin.com/in/di"],
    ...     "timestamp": [ts] * 3, "folder": ["INBOX"] * 3, "is_draft": [False] * 3})
    >>> it = message_interactions(msgs)
    >>> it[["line", "person_name", "direction", "participants"]]
       line person_name direction  participants
    0     2         Bob       out             2
    1     3         Bob        in             2
    2     4          Cy       out             3
    3     4          Di       out             3
    >>> it.attrs["owner_url"]
    'https://www.linkedin.com/in/ada'
    """
    src = msgs.attrs.get("report")
    rep = ImportReport(file=src.file if src is not None else "<DataFrame>",
                       kind="linkedin message interactions")
    m = msgs.reset_index(drop=True)
    n = len(m)
    rep.rows_read = n

    def col(name: str) -> pd.Series:
        if name not in m:
            return pd.Series([""] * n, dtype=object)
        vals = m[name].tolist()
        if not all(type(v) is str for v in vals):
            vals = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
                    for v in vals]
        return pd.Series(vals, dtype=object)

    line = m["line"].to_numpy(dtype=np.int64) if "line" in m else np.arange(2, n + 2)
    sender, sender_url = col("sender"), col("sender_url")
    sender_cf = sender.str.casefold()
    sender_profile = sender_url.str.startswith(PROFILE_PREFIX).to_numpy(dtype=bool)
    folder = col("folder").str.upper()
    is_draft = (m["is_draft"].fillna(False).astype(bool).to_numpy() if "is_draft" in m
                else np.zeros(n, dtype=bool))
    ts = parse_dates(m["timestamp"])[0] if "timestamp" in m else parse_dates(None, n)[0]

    draft = is_draft | folder.isin(["DRAFT", "DRAFTS"]).to_numpy()
    spam = folder.eq("SPAM").to_numpy() & ~draft
    system = _is_system(sender_cf, sender_url, sender_profile) & ~draft & ~spam
    sender_hidden = ((sender_cf == _HIDDEN) & (sender_url == "")).to_numpy()
    no_time = ts.isna().to_numpy() & ~draft & ~spam & ~system
    rep.skip_many(line[draft], "draft: never sent")
    rep.skip_many(line[spam], "in the SPAM folder")
    note_values(rep, line, sender, system, "system sender {!r}", skip=True)
    rep.skip_many(line[no_time], "no timestamp")
    usable = ~(draft | spam | system | no_time)

    rec = _recipient_table(m)
    r_msg = rec["msg"].to_numpy(dtype=np.int64)
    r_name, r_url = rec["name"], rec["url"]
    r_cf = r_name.str.casefold()
    r_profile = r_url.str.startswith(PROFILE_PREFIX).to_numpy(dtype=bool)
    r_hidden = ((r_cf == _HIDDEN) & (r_url == "")).to_numpy()

    # The owner.
    given_url = normalise_linkedin_url(owner_url) if owner_url else ""
    if owner_url and not given_url:
        raise InputError(f"the owner's URL {owner_url!r} is not a LinkedIn profile URL",
                         file=rep.file, expected="https://www.linkedin.com/in/<slug>",
                         hint="Pass the owner's profile URL, or owner_name.",
                         cli_hint="Pass the owner's profile URL with --owner-url, or leave it "
                                  "out: it is inferred from messages.csv.")
    o_url, o_name = str(given_url), (owner_name or "").strip()
    eligible = usable & ~sender_hidden
    if not o_url and o_name:
        named = eligible & (sender_cf == o_name.casefold()).to_numpy()
        o_url = _mode(sender_url[named & sender_profile])[0]
    elif not o_url and not o_name:
        # A messages.csv is its owner's mailbox: the owner is on (nearly) every message.
        # Count the messages each profile URL (else name) appears on, as sender or
        # recipient; ties go to the more frequent sender, then alphabetically.
        r_ok = usable[r_msg] & ~r_hidden
        s_ok = eligible & sender_profile
        rr_ok = r_ok & r_profile
        if s_ok.any():
            o_url, count = _most_present(np.flatnonzero(s_ok), sender_url[s_ok],
                                         r_msg[rr_ok], r_url[rr_ok])
            rep.warn(None, f"owner not given: inferred as {o_url} (on {count} of "
                           f"{int(usable.sum())} messages)")
        else:
            s_ok = eligible & (sender != "").to_numpy()
            rr_ok = r_ok & (r_name != "").to_numpy()
            key, count = _most_present(np.flatnonzero(s_ok), sender_cf[s_ok],
                                       r_msg[rr_ok], r_cf[rr_ok])
            if key:
                o_name = _mode(sender[s_ok & (sender_cf == key).to_numpy()])[0] \
                    or key
                rep.warn(None, f"owner not given: inferred as {o_name!r} (on {count} of "
                               f"{int(usable.sum())} messages)")
    if not o_name and o_url:
        o_name = _mode(sender[eligible & (sender_url == o_url).to_numpy()])[0]
    o_fold = o_name.casefold()

    def is_owner(names_cf: pd.Series, urls: pd.Series) -> np.ndarray:
        hit = np.zeros(len(names_cf), dtype=bool)
        if o_url:
            hit |= (urls == o_url).to_numpy()
        if o_fold:
            same = (names_cf == o_fold).to_numpy()
            hit |= same & ((urls == "").to_numpy() if o_url else True)
        return hit

    r_owner = is_owner(r_cf, r_url) & ~r_hidden
    r_system = _is_system(r_cf, r_url, r_profile) & ~r_hidden
    s_owner = is_owner(sender_cf, sender_url) & ~sender_hidden

    if (owner_url or owner_name) and not (s_owner.any() or r_owner.any()):
        top = _mode(sender_url[eligible])[0] or _mode(sender[eligible])[0]
        raise InputError(
            f"the owner {owner_url or owner_name!r} appears nowhere in the messages",
            file=rep.file, expected="the owner's name or profile URL as in FROM/TO",
            hint=f"The most frequent sender is {top!r}; pass that, or leave the owner out "
                 "to infer it.")

    # Participants: distinct sender + recipients per message (hidden members each count).
    key_r = np.where(r_url != "", r_url.to_numpy(dtype=object),
                     np.where(r_hidden | (r_name == "").to_numpy(),
                              "#" + rec.index.astype(str).to_numpy(dtype=object),
                              "n:" + r_cf.to_numpy(dtype=object)))
    key_s = np.where(sender_url != "", sender_url.to_numpy(dtype=object),
                     np.where(sender_hidden | (sender == "").to_numpy(),
                              "#s" + pd.Series(np.arange(n)).astype(str).to_numpy(dtype=object),
                              "n:" + sender_cf.to_numpy(dtype=object)))
    keys = pd.DataFrame({"msg": np.concatenate([np.arange(n), r_msg]),
                         "key": np.concatenate([key_s, key_r])}).drop_duplicates()
    participants = np.maximum(np.bincount(keys["msg"].to_numpy(dtype=np.int64), minlength=n), 2)

    has_recipients = np.bincount(r_msg, minlength=n) > 0
    owner_among_r = np.bincount(r_msg[r_owner], minlength=n) > 0

    # Outgoing: the owner sent it; one row per recipient but the owner/system accounts.
    out_msg = usable & s_owner
    keep_r = out_msg[r_msg] & ~r_owner & ~r_system
    got_out = np.bincount(r_msg[keep_r], minlength=n) > 0
    no_cp = out_msg & ~got_out
    rep.skip_many(line[no_cp], "sent by the owner to nobody else (no recipient)")
    # Incoming: someone else sent it to the owner (or the recipients are unknown).
    in_msg = usable & ~s_owner & (owner_among_r | ~has_recipients)
    not_owner = usable & ~s_owner & ~in_msg
    note_values(rep, line, sender, not_owner,
                "message does not involve the owner (from {!r})", skip=True)

    ro = rec[keep_r]
    ro_msg = r_msg[keep_r]
    out_rows = pd.DataFrame({
        "order": ro_msg, "pos": ro["pos"].to_numpy(),
        "person_name": np.where(r_hidden[keep_r], "", ro["name"].to_numpy(dtype=object)),
        "person_url": ro["url"].to_numpy(dtype=object),
        "direction": "out", "hidden": r_hidden[keep_r]})
    im = np.flatnonzero(in_msg)
    in_rows = pd.DataFrame({
        "order": im, "pos": -1,
        "person_name": np.where(sender_hidden[im], "", sender.to_numpy(dtype=object)[im]),
        "person_url": sender_url.to_numpy(dtype=object)[im],
        "direction": "in", "hidden": sender_hidden[im]})
    res = pd.concat([out_rows, in_rows], ignore_index=True).sort_values(
        ["order", "pos"], kind="stable")
    order = res["order"].to_numpy(dtype=np.int64)
    hidden_lines = line[order[res["hidden"].to_numpy(dtype=bool)]]
    rep.warn_many(hidden_lines, "hidden member ('LinkedIn Member', no profile URL): "
                                "kept as an unknown person")
    unpaired = rec.attrs.get("unpaired", np.empty(0, dtype=np.int64))
    if len(unpaired):
        rep.warn_many(line[unpaired], "recipient names and profile URLs differ in number: "
                                      "recipients kept by URL only")
    conv = col("conversation_id").to_numpy(dtype=object)
    out = finish_frame({
        "line": line[order],
        "person_name": res["person_name"].to_numpy(dtype=object),
        "person_url": res["person_url"].to_numpy(dtype=object),
        "timestamp": ts.iloc[order].reset_index(drop=True),
        "direction": res["direction"].to_numpy(dtype=object),
        "participants": participants[order].astype(np.int64),
        "conversation_id": conv[order],
        "hidden": res["hidden"].to_numpy(dtype=bool),
    }, rep)
    rep.imported = len(np.unique(order))
    out.attrs["owner_url"] = o_url
    out.attrs["owner_name"] = o_name
    if out.empty:
        raise NoRowsError(
            f"no message gives an interaction ({n} messages; "
            f"{len(rep.skipped)} skipped)", file=rep.file,
            expected="messages sent by or to the owner",
            cli_hint="Check --owner and --owner-url; the report lists why each message was "
                     "skipped.",
            hint="Check the owner (owner_url=/owner_name=); the report lists why each "
                 "message was skipped.")
    return out


# --------------------------------------------------------------------------- invitations


def read_linkedin_invitations(path: FileSource | bytes, *, file: str | None = None
                              ) -> pd.DataFrame:
    """Read a LinkedIn ``Invitations.csv`` (connection requests sent and received).

    Header ``From,To,Sent At,Message,Direction`` (plus
    ``inviterProfileUrl,inviteeProfileUrl`` since 2024); ``Sent At`` is a
    US month/day/year date with a time, no zone (taken as UTC).

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``from_name``, ``to_name``, ``from_url``,
        ``to_url`` (normalised), ``sent_at`` (UTC), ``direction`` (``"in"``
        for INCOMING, ``"out"`` for OUTGOING, else ``""``),
        ``message`` (the invitation's note, ``""`` when none),
        ``message_present`` (bool). Rows whose date is missing or
        unparseable, or that name nobody, are skipped and reported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Invitations.csv"
    >>> _ = p.write_text("From,To,Sent At,Message,Direction\\n"
    ...                  'Ada L,Bob B,"1/15/24, 10:41 AM",,OUTGOING\\n')
    >>> inv = read_linkedin_invitations(p)
    >>> inv.loc[0, "direction"], str(inv.loc[0, "sent_at"])
    ('out', '2024-01-15 10:41:00+00:00')
    """
    t = _load(path, "invitations", file)
    rep, line = t.report, t.line
    date_raw = t.text("sent_at")
    sent_at, bad = parse_dates(date_raw)
    from_name, to_name = t.text("from_name"), t.text("to_name")
    from_url = normalise_linkedin_url(t.text("from_url"))
    to_url = normalise_linkedin_url(t.text("to_url"))
    direction_raw = t.text("direction")
    direction = direction_raw.str.upper().map({"INCOMING": "in", "OUTGOING": "out"}).fillna("")
    unknown_dir = (direction == "") & (direction_raw != "")
    note_values(rep, line, direction_raw, unknown_dir, "unknown Direction {!r}: left empty")
    nobody = (((from_name == "") & (from_url == "")) | ((to_name == "") & (to_url == ""))
              ).to_numpy()
    empty = (date_raw == "").to_numpy() & ~nobody
    bad_n = bad.to_numpy() & ~nobody
    rep.skip_many(line[nobody], "no inviter or no invitee")
    rep.skip_many(line[empty], "no Sent At date")
    note_values(rep, line, date_raw, bad_n, "unparseable Sent At date {!r}", skip=True)
    keep = ~(nobody | empty | bad_n)
    if not keep.any():
        raise no_rows(t, "Invitations.csv")
    return finish_frame({
        "line": line[keep],
        "from_name": from_name[keep].to_numpy(),
        "to_name": to_name[keep].to_numpy(),
        "from_url": from_url[keep].to_numpy(),
        "to_url": to_url[keep].to_numpy(),
        "sent_at": sent_at[keep].reset_index(drop=True),
        "direction": direction[keep].to_numpy(dtype=object),
        "message": t.text("message")[keep].to_numpy(dtype=object),
        "message_present": (t.text("message") != "")[keep].to_numpy(dtype=bool),
    }, rep)


# --------------------------------------------------------------------------- positions


def read_linkedin_positions(path: FileSource | bytes, *, file: str | None = None
                            ) -> pd.DataFrame:
    """Read a LinkedIn ``Positions.csv`` (the export owner's own job history).

    Header ``Company Name,Title,Description,Location,Started On,Finished On``;
    dates like ``Jun 2018`` or a bare year (the first of the month/year);
    an empty ``Finished On`` means the position is current.

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``company``, ``title``, ``start``, ``end`` (UTC;
        NaT while current), ``current`` (bool). Rows without a company, and
        rows ending before they start, are skipped and reported; an
        unparseable date is a warning (kept as NaT).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Positions.csv"
    >>> _ = p.write_text("Company Name,Title,Description,Location,Started On,Finished On\\n"
    ...                  "Acme,Engineer,,,Jun 2018,\\nInitech,Intern,,,2016,Aug 2017\\n")
    >>> read_linkedin_positions(p)[["company", "start", "current"]]
      company                     start  current
    0    Acme 2018-06-01 00:00:00+00:00     True
    1 Initech 2016-01-01 00:00:00+00:00    False
    """
    t = _load(path, "positions", file)
    rep, line = t.report, t.line
    company = t.text("company")
    start_raw, end_raw = t.text("start"), t.text("end")
    d = job_dates(start_raw, end_raw, len(t))
    start, end, bad_start, bad_end = d.start, d.end, d.bad_start, d.bad_end
    no_company = (company == "").to_numpy()
    backwards = (end < start).to_numpy() & ~no_company
    rep.skip_many(line[no_company], "no company")
    rep.skip_many(line[backwards], "Finished On is before Started On")
    ok = ~(no_company | backwards)
    note_values(rep, line, start_raw, bad_start.to_numpy() & ok,
                 "unparseable Started On {!r}: kept without a start")
    note_values(rep, line, end_raw, bad_end.to_numpy() & ok,
                 "unparseable Finished On {!r}: kept without an end (not current)")
    if not ok.any():
        raise no_rows(t, "Positions.csv")
    return finish_frame({
        "line": line[ok],
        "company": company[ok].to_numpy(),
        "title": t.text("title")[ok].to_numpy(),
        "start": start[ok].reset_index(drop=True),
        "end": end[ok].reset_index(drop=True),
        "current": d.current[ok],
    }, rep)


# --------------------------------------------------------------------------- recommendations


def read_linkedin_recommendations(path: FileSource | bytes, *, file: str | None = None,
                                  given: bool | None = None) -> pd.DataFrame:
    """Read a LinkedIn ``Recommendations_Received.csv`` or ``Recommendations_Given.csv``.

    Both files share the header ``First Name,Last Name,Company,Job Title,Text,Creation
    Date,Status``; the names are the other person's (the recommender in the received
    file, the recommended in the given one) and ``Company``/``Job Title`` their job when
    the recommendation was written. ``Creation Date`` is a US date with a time
    (``07/21/09, 12:11 PM``; taken as UTC). A recommendation is evidence of a working
    relationship, whatever its ``Status`` (``VISIBLE``, ``HIDDEN``, ...). The text is
    not kept.

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional
        The name to report.
    given : bool, optional
        Whether these are recommendations the owner wrote. Default: from the file
        name (``given`` in it), else received.

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name``, ``first_name``, ``last_name``, ``company``,
        ``title``, ``created`` (UTC), ``status`` (upper case), ``direction`` (``"in"``:
        they wrote it for the owner; ``"out"``: the owner wrote it), ``given`` (bool).
        Rows without a name or without a parseable date are skipped and reported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Recommendations_Received.csv"
    >>> _ = p.write_text("First Name,Last Name,Company,Job Title,Text,Creation Date,Status\\n"
    ...                  'Ada,Lovelace,Acme,CTO,"Great, truly.","07/21/19, 12:11 PM",VISIBLE\\n')
    >>> rec = read_linkedin_recommendations(p)
    >>> rec.loc[0, "name"], rec.loc[0, "direction"], str(rec.loc[0, "created"])
    ('Ada Lovelace', 'in', '2019-07-21 12:11:00+00:00')
    """
    t = _load(path, "recommendations", file)
    if given is None:
        given = "given" in Path(t.file.split("::")[-1]).name.lower()
    rep, line = t.report, t.line
    rep.kind = "linkedin recommendations " + ("given" if given else "received")
    first, last = t.text("first_name"), t.text("last_name")
    name = (first + " " + last).str.strip()
    date_raw = t.text("created")
    created, bad = parse_dates(date_raw)
    nobody = (name == "").to_numpy()
    empty = (date_raw == "").to_numpy() & ~nobody
    bad_n = bad.to_numpy() & ~nobody
    rep.skip_many(line[nobody], "no first or last name")
    rep.skip_many(line[empty], "no Creation Date")
    note_values(rep, line, date_raw, bad_n, "unparseable Creation Date {!r}", skip=True)
    keep = ~(nobody | empty | bad_n)
    if not keep.any():
        raise no_rows(t, "Recommendations_Given.csv" if given else
                      "Recommendations_Received.csv")
    n = int(keep.sum())
    return finish_frame({
        "line": line[keep],
        "name": name[keep].to_numpy(dtype=object),
        "first_name": first[keep].to_numpy(dtype=object),
        "last_name": last[keep].to_numpy(dtype=object),
        "company": t.text("company")[keep].to_numpy(dtype=object),
        "title": t.text("title")[keep].to_numpy(dtype=object),
        "created": created[keep].reset_index(drop=True),
        "status": t.text("status").str.upper()[keep].to_numpy(dtype=object),
        "direction": np.full(n, "out" if given else "in", dtype=object),
        "given": np.full(n, bool(given)),
    }, rep)


# --------------------------------------------------------------------------- endorsements


def read_linkedin_endorsements(path: FileSource | bytes, *, file: str | None = None
                               ) -> pd.DataFrame:
    """Read a LinkedIn ``Endorsement_Received_Info.csv`` or ``Endorsement_Given_Info.csv``.

    Headers ``Endorsement Date,Skill Name,Endorser First Name,Endorser Last
    Name,Endorser Public Url,Endorsement Status`` (received) and the same with
    ``Endorsee`` (given); which one it is follows from the header. ``Endorsement
    Date`` is ``2023/06/05 15:47:58 UTC``; the profile URLs lack the scheme
    (``www.linkedin.com/in/<slug>``) and are normalised. Every endorsement is a
    dated piece of (weak) evidence, whatever its status.

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name``, ``url`` (the other person), ``date`` (UTC),
        ``skill``, ``status`` (upper case), ``direction`` (``"in"``: they endorsed the
        owner; ``"out"``: the owner endorsed them), ``given`` (bool). Rows naming
        nobody or without a parseable date are skipped and reported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Endorsement_Given_Info.csv"
    >>> _ = p.write_text("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
    ...                  "Endorsee Public Url,Endorsement Status\\n"
    ...                  "2023/06/05 15:47:58 UTC,Python,Ada,L,www.linkedin.com/in/ada,ACCEPTED\\n")
    >>> e = read_linkedin_endorsements(p)
    >>> e.loc[0, "url"], e.loc[0, "direction"], e.loc[0, "skill"]
    ('https://www.linkedin.com/in/ada', 'out', 'Python')
    """
    t = _load(path, "endorsements", file)
    rep, line = t.report, t.line
    given = not any(t.has(c) for c in ("endorser_first", "endorser_last", "endorser_url"))
    who = "endorsee" if given else "endorser"
    rep.kind = "linkedin endorsements " + ("given" if given else "received")
    name = (t.text(f"{who}_first") + " " + t.text(f"{who}_last")).str.strip()
    url = normalise_linkedin_url(t.text(f"{who}_url"))
    date_raw = t.text("date")
    date, bad = parse_dates(date_raw)
    nobody = ((name == "") & (url == "")).to_numpy()
    empty = (date_raw == "").to_numpy() & ~nobody
    bad_n = bad.to_numpy() & ~nobody
    rep.skip_many(line[nobody], f"no {who} name or profile URL")
    rep.skip_many(line[empty], "no Endorsement Date")
    note_values(rep, line, date_raw, bad_n, "unparseable Endorsement Date {!r}", skip=True)
    keep = ~(nobody | empty | bad_n)
    if not keep.any():
        raise no_rows(t, "Endorsement_Given_Info.csv" if given else
                      "Endorsement_Received_Info.csv")
    n = int(keep.sum())
    return finish_frame({
        "line": line[keep],
        "name": name[keep].to_numpy(dtype=object),
        "url": url[keep].to_numpy(dtype=object),
        "date": date[keep].reset_index(drop=True),
        "skill": t.text("skill")[keep].to_numpy(dtype=object),
        "status": t.text("status").str.upper()[keep].to_numpy(dtype=object),
        "direction": np.full(n, "out" if given else "in", dtype=object),
        "given": np.full(n, given),
    }, rep)


# --------------------------------------------------------------------------- education


def read_linkedin_education(path: FileSource | bytes, *, file: str | None = None
                            ) -> pd.DataFrame:
    """Read a LinkedIn ``Education.csv`` (the export owner's schools).

    Header ``School Name,Start Date,End Date,Notes,Degree Name,Activities``; dates
    are bare years or ``Sep 2010`` (the first of the year/month). A school is an
    affiliation like an employer: the owner's classmates of overlapping years are
    alumni ties. An empty ``End Date`` means the owner studies there still.

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``school``, ``degree``, ``start``, ``end`` (UTC; NaT
        while current), ``current`` (bool). Rows without a school, and rows ending
        before they start, are skipped and reported; an unparseable date is a
        warning (kept as NaT).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Education.csv"
    >>> _ = p.write_text("School Name,Start Date,End Date,Notes,Degree Name,Activities\\n"
    ...                  "Kestrel University,2008,2012,,BSc Physics,Rowing\\n")
    >>> read_linkedin_education(p)[["school", "degree", "current"]].values.tolist()
    [['Kestrel University', 'BSc Physics', False]]
    """
    t = _load(path, "education", file)
    rep, line = t.report, t.line
    school = t.text("school")
    start_raw, end_raw = t.text("start"), t.text("end")
    d = job_dates(start_raw, end_raw, len(t))
    no_school = (school == "").to_numpy()
    backwards = (d.end < d.start).to_numpy() & ~no_school
    rep.skip_many(line[no_school], "no School Name")
    rep.skip_many(line[backwards], "End Date is before Start Date")
    ok = ~(no_school | backwards)
    note_values(rep, line, start_raw, d.bad_start.to_numpy() & ok,
                "unparseable Start Date {!r}: kept without a start")
    note_values(rep, line, end_raw, d.bad_end.to_numpy() & ok,
                "unparseable End Date {!r}: kept without an end (not current)")
    if not ok.any():
        raise no_rows(t, "Education.csv")
    return finish_frame({
        "line": line[ok],
        "school": school[ok].to_numpy(dtype=object),
        "degree": t.text("degree")[ok].to_numpy(dtype=object),
        "start": d.start[ok].reset_index(drop=True),
        "end": d.end[ok].reset_index(drop=True),
        "current": d.current[ok],
    }, rep)


def read_linkedin_profile(path: FileSource | bytes, *, file: str | None = None
                          ) -> pd.DataFrame:
    """Read a LinkedIn ``Profile.csv`` (the export owner's own profile: one row).

    Parameters
    ----------
    path : str, path-like or bytes
    file : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name``, ``first_name``, ``last_name``, ``url``
        (normalised; ``""`` when the file has none).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Profile.csv"
    >>> _ = p.write_text("First Name,Last Name,Headline,Public Profile URL\\n"
    ...                  "Dana,Lee,Engineer,https://www.linkedin.com/in/Dana-Lee/\\n")
    >>> read_linkedin_profile(p)[["name", "url"]].values.tolist()
    [['Dana Lee', 'https://www.linkedin.com/in/dana-lee']]
    """
    t = _load(path, "profile", file)
    first, last = t.text("first_name"), t.text("last_name")
    name = (first + " " + last).str.strip()
    ok = (name != "").to_numpy()
    if not ok.any():
        raise no_rows(t, "Profile.csv")
    return finish_frame({
        "line": t.line[ok], "name": name[ok].to_numpy(dtype=object),
        "first_name": first[ok].to_numpy(dtype=object),
        "last_name": last[ok].to_numpy(dtype=object),
        "url": normalise_linkedin_url(t.text("url"))[ok].to_numpy(dtype=object),
    }, t.report)


def export_owner(frames: dict[str, pd.DataFrame]) -> tuple[str, str, str]:
    """Whose export this is: ``(name, profile URL, how it was found)``.

    ``Profile.csv`` when the export has one; else the most frequent sender
    of ``messages.csv`` who is not one of the connections (a mailbox's
    owner sends to their connections, and is not one of them); ``("", "",
    "")`` when neither tells.

    Parameters
    ----------
    frames : dict of DataFrame
        The frames of :func:`read_linkedin_export`.

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({"sender": ["Dana Lee", "Sam Rivera", "Dana Lee"],
    ...                      "sender_url": ["", "", ""]})
    >>> cons = pd.DataFrame({"name": ["Sam Rivera"], "url": [""]})
    >>> export_owner({"messages": msgs, "connections": cons})
    ('Dana Lee', '', 'the most frequent sender in messages.csv')
    """
    from netgraph.data.identity import name_key

    prof = frames.get("profile")
    if prof is not None and len(prof):
        return str(prof["name"].iloc[0]), str(prof["url"].iloc[0]), "Profile.csv"
    msgs = frames.get("messages")
    if msgs is None or not len(msgs) or "sender" not in msgs:
        return "", "", ""
    sender = msgs["sender"].fillna("").astype(str)
    url = (msgs["sender_url"].fillna("").astype(str) if "sender_url" in msgs
           else pd.Series("", index=msgs.index))
    cf = sender.str.casefold()
    ok = (sender != "") & ~pd.Series(_is_system(cf, url, url.str.startswith(
        PROFILE_PREFIX).to_numpy(dtype=bool)), index=msgs.index) & (cf != _HIDDEN)
    if "is_draft" in msgs:
        ok &= ~msgs["is_draft"].fillna(False).astype(bool)
    cons = frames.get("connections")
    if cons is not None and len(cons):
        known_urls = set(cons["url"]) - {""} if "url" in cons else set()
        known_names = set(name_key(cons["name"])) - {""} if "name" in cons else set()
        ok &= ~url.isin(known_urls) & ~name_key(sender).isin(known_names).to_numpy()
    if not ok.any():
        return "", "", ""
    key = url.where(url != "", "n:" + name_key(sender))[ok]
    top = key.value_counts(sort=True)
    best = top.index[0]
    who = ok & (key.reindex(msgs.index) == best)
    return (str(sender[who].mode().iloc[0]), str(url[who].iloc[0]),
            "the most frequent sender in messages.csv")


# --------------------------------------------------------------------------- the export

def _recommendations_given(path: FileSource | bytes, *, file: str | None = None
                           ) -> pd.DataFrame:
    return read_linkedin_recommendations(path, file=file, given=True)


def _recommendations_received(path: FileSource | bytes, *, file: str | None = None
                              ) -> pd.DataFrame:
    return read_linkedin_recommendations(path, file=file, given=False)


# the parts of an export, in reading order
_READERS = {
    "connections": read_linkedin_connections,
    "messages": read_linkedin_messages,
    "invitations": read_linkedin_invitations,
    "positions": read_linkedin_positions,
    "profile": read_linkedin_profile,
    "education": read_linkedin_education,
    "recommendations_received": _recommendations_received,
    "recommendations_given": _recommendations_given,
    "endorsements_received": read_linkedin_endorsements,
    "endorsements_given": read_linkedin_endorsements,
}
_FILE_NAMES = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "positions.csv": "positions",
    "profile.csv": "profile",
    "education.csv": "education",
    "recommendations_received.csv": "recommendations_received",
    "recommendations_given.csv": "recommendations_given",
    "endorsement_received_info.csv": "endorsements_received",
    "endorsement_given_info.csv": "endorsements_given",
}
_OPTIONAL = tuple(k for k in _READERS if k not in ("connections", "messages"))


def _pick_members(names: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Choose the member per kind (root first, then one folder deep).

    Returns (kind -> member name, ignored messages-like names, duplicates).
    """
    chosen: dict[str, str] = {}
    ignored: list[str] = []
    dupes: list[str] = []
    candidates = []
    for name in names:
        parts = [p for p in name.replace("\\", "/").split("/") if p]
        if not parts or len(parts) > 2 or parts[0].startswith("__MACOSX") or \
                parts[-1].startswith("._"):
            continue
        base = parts[-1].lower()
        if base in _FILE_NAMES:
            candidates.append((len(parts), name, _FILE_NAMES[base]))
        elif base.endswith("messages.csv"):
            ignored.append(name)
    for _, name, kind in sorted(candidates):
        if kind in chosen:
            dupes.append(name)
        else:
            chosen[kind] = name
    return chosen, ignored, dupes


def read_linkedin_export(path: FileSource | bytes
                         ) -> tuple[dict[str, pd.DataFrame], ImportReport]:
    """Read a LinkedIn data export: the ``.zip``, its unzipped folder, or one file.

    Finds, case-insensitively, at the root or one folder deep:
    ``Connections.csv``, ``messages.csv`` (that exact name: files such as
    ``coach_messages.csv`` or ``learning_coach_messages.csv`` share its
    header but are not conversations; they are ignored and named in the
    report's warnings), ``Invitations.csv``, ``Positions.csv``, ``Profile.csv``,
    ``Education.csv``, ``Recommendations_Received.csv``, ``Recommendations_Given.csv``,
    ``Endorsement_Received_Info.csv`` and ``Endorsement_Given_Info.csv``. Zip
    members are read in memory (nothing is extracted); a member larger than
    500 MB uncompressed is refused. A single CSV file is dispatched by its
    header.

    A part without data rows (an empty ``messages.csv`` of a new account,
    say) is a warning. A damaged optional part (any but ``Connections.csv`` and
    ``messages.csv``) is a warning too; a damaged ``Connections.csv`` or ``messages.csv``
    raises.

    Parameters
    ----------
    path : str, path-like or bytes
        The ``.zip``, the folder, or a single LinkedIn CSV file; or the bytes
        of the ``.zip`` or of the CSV file (reported as ``<bytes>``).

    Returns
    -------
    (dict, ImportReport)
        The frames by kind: keys among ``"connections"``, ``"messages"``,
        ``"invitations"``, ``"positions"``, ``"profile"``, ``"education"``,
        ``"recommendations_received"``, ``"recommendations_given"``,
        ``"endorsements_received"``, ``"endorsements_given"`` (only those present; each as
        returned by its ``read_linkedin_*`` reader, with its own
        ``attrs["report"]``), and a top-level report whose ``parts`` are
        the files' reports.

    Raises
    ------
    InputError
        Not a path or bytes; not found; not a zip/folder/LinkedIn file; a
        damaged zip (the message names the member and says to download the
        export again); neither
        ``Connections.csv`` nor ``messages.csv`` present (or both empty); a
        member too large; a damaged Connections.csv or messages.csv.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> z = pathlib.Path(tempfile.mkdtemp()) / "Basic_LinkedInDataExport.zip"
    >>> with zipfile.ZipFile(z, "w") as zf:
    ...     zf.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,"
    ...                 "Position,Connected On\\nAda,L,https://www.linkedin.com/in/ada,,,,"
    ...                 "16 Dec 2024\\n")
    ...     zf.writestr("coach_messages.csv", "CONVERSATION ID,FROM,DATE\\n")
    >>> frames, report = read_linkedin_export(z)
    >>> sorted(frames), len(frames["connections"])
    (['connections'], 1)
    >>> print(report.warnings[0].reason)
    ignored coach_messages.csv: not conversations with contacts
    """
    path = check_source(path, "LinkedIn export (.zip, folder or CSV file)", frame=False)
    if isinstance(path, bytes):
        p, label, data = None, "<bytes>", path
    else:
        p, label, data = Path(path), str(path), None
    report = ImportReport(file=label, kind="linkedin export")
    if p is not None and not p.exists():
        read_bytes(p, what="LinkedIn export")  # raises "file not found"
    sources: dict[str, tuple[bytes, str]] = {}
    if p is not None and p.is_dir():
        names = []
        for f in sorted(p.iterdir()):
            if f.is_file():
                names.append(f.name)
            elif f.is_dir():
                names += [f"{f.name}/{g.name}" for g in sorted(f.iterdir()) if g.is_file()]
        chosen, ignored, dupes = _pick_members(names)
        for kind, name in chosen.items():
            sources[kind] = (read_bytes(p / name, what=name), str(p / name))
    elif _is_zip(p if data is None else io.BytesIO(data)):
        try:
            zf = zipfile.ZipFile(p if data is None else io.BytesIO(data))
            infos = {i.filename: i for i in zf.infolist() if not i.is_dir()}
        except ZIP_ERRORS as err:
            raise InputError(f"the zip archive cannot be opened: {zip_error_reason(err)}",
                             file=label,
                             expected="a complete LinkedIn export .zip",
                             hint="Download the export again from LinkedIn (the download may "
                                  "have been cut off), or unzip it and pass the folder.") from err
        with zf:
            chosen, ignored, dupes = _pick_members(list(infos))
            for kind, name in chosen.items():
                try:
                    sources[kind] = (read_zip_member(zf, infos[name], label),
                                     f"{label}::{name}")
                except InputError as err:
                    if kind not in _OPTIONAL:
                        raise
                    report.warn(None, f"could not read {name}: {err}")
    else:
        if data is None:
            data = read_bytes(p, what="LinkedIn export file")
        if data[:4] == b"PK\x03\x04" or (p is not None and p.suffix.lower() == ".zip"):
            raise InputError(
                "the zip archive is damaged: it cannot be opened", file=label,
                expected="a complete LinkedIn export .zip",
                hint="Download the export again from LinkedIn (the download may have been cut "
                     "off), or unzip it and pass the folder.")
        text, _ = decode(data, label)
        kind = _sniff(head_lines(normalise_newlines(text)))
        if kind is None:
            raise InputError(
                "not a LinkedIn export: neither a .zip, a folder, nor a LinkedIn CSV file "
                "(Connections.csv, messages.csv, Invitations.csv, Positions.csv)", file=label,
                expected="the export .zip, its folder, or one of its CSV files",
                hint="Pass the Basic_LinkedInDataExport_*.zip LinkedIn sent you.")
        kind = _export_kind(kind, label)
        chosen, ignored, dupes = {kind: label if p is None else p.name}, [], []
        sources[kind] = (data, label)

    for name in ignored:
        report.warn(None, f"ignored {name}: not conversations with contacts")
    for name in dupes:
        report.warn(None, f"ignored {name}: another file of that kind was read")
    if "connections" not in sources and "messages" not in sources:
        raise InputError(
            "no Connections.csv and no messages.csv found in the export", file=label,
            expected="Connections.csv or messages.csv at the root of the export (or one "
                     "folder deep)",
            hint="Request the export again from LinkedIn (Settings > Data privacy > Get a "
                 "copy of your data) with Connections and Messages ticked; pass the .zip "
                 "itself or its unzipped folder.")

    frames: dict[str, pd.DataFrame] = {}
    for kind in _READERS:
        if kind not in sources:
            continue
        data, file = sources[kind]
        try:
            df = _READERS[kind](data, file=file)
        except NoRowsError as err:
            report.warn(None, f"{file}: {err.message}; not imported")
            continue
        except InputError as err:
            if kind not in _OPTIONAL:
                raise
            report.warn(None, f"could not read {file}: {err}")
            continue
        frames[kind] = df
        report.parts.append(df.attrs["report"])
    if "connections" not in frames and "messages" not in frames:
        raise NoRowsError("neither Connections.csv nor messages.csv has usable rows",
                          file=label, expected="connections or messages in the export",
                          hint="Check the export; the report warnings say what each file "
                               "held.")
    return frames, report


def _export_kind(kind: str, label: str) -> str:
    """The export part a single sniffed file is (received or given, by its name)."""
    if kind in ("recommendations", "endorsements"):
        name = Path(label).name.lower()
        return f"{kind}_given" if "given" in name else f"{kind}_received"
    return kind


def _is_zip(source: Path | io.BytesIO) -> bool:
    """True when *source* has a zip archive's end record (damaged members may follow)."""
    try:
        return zipfile.is_zipfile(source)
    except (OSError, ValueError):
        return False


#: The ``linkedin`` source: ``netgraph import linkedin EXPORT.zip --owner NAME``; with
#: several exports and one ``--owner`` each, a team's exports are pooled in one pass.
SOURCE = register_source(Source(
    name="linkedin", reader=read_linkedin_export, yields="people", importer=import_linkedin,
    pooled=import_team, file_kinds=("zip", "folder", "csv"),
    options={"owner_url": "the owner's LinkedIn profile URL (default: inferred from "
                          "messages.csv)"},
    help="a LinkedIn data export (the .zip, its folder, Connections.csv or messages.csv): "
         "connections, conversations, invitations and the owner's positions",
))
