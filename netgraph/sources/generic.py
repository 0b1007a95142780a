"""Readers of generic tables: contacts, job history (affiliations), interaction logs.

Each reader takes a CSV file (path) or a pandas DataFrame and returns a
normalised DataFrame whose ``df.attrs["report"]`` is an
:class:`~netgraph.sources.report.ImportReport`. Columns are bound by name with
aliases (case, spaces, ``_`` and ``-`` ignored), never by position; the
header may follow a preamble or blank lines. Files may be UTF-8 (with or
without BOM), UTF-16 or Windows-1252. Readers do not resolve identities.

Conventions of every output frame: ``line`` (int64) is the 1-based physical
line of the row's start in the file (for a DataFrame: position + 2, as if a
header line came first); text columns are ``object`` dtype of ``str`` with
``""`` for missing, trimmed of whitespace, NBSP, zero-width and bidi marks;
timestamps are ``datetime64[ns, UTC]`` (naive times are UTC).

Examples
--------
>>> import pandas as pd
>>> from netgraph.sources.generic import read_interactions
>>> log = pd.DataFrame({"person": ["Grace Hopper"], "date": ["2024-03-01"],
...                     "type": ["coffee"]})
>>> df = read_interactions(log)
>>> df[["line", "person", "channel", "participants"]]
   line        person  channel  participants
0     2  Grace Hopper  meeting             2
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.sources.csvfile import (
    RawTable,
    Spec,
    finish_frame,
    load_table,
    no_rows,
    parse_dates,
    preview,
)
from netgraph.sources.linkedin import normalise_linkedin_url
from netgraph.sources.report import ImportReport

__all__ = ["read_affiliations", "read_contacts", "read_interactions"]

Source = str | PathLike[str] | pd.DataFrame

CONTACTS: Spec = {
    "name": ("Name", "Full Name", "Contact", "Display Name", "Contact Name"),
    "first_name": ("First Name", "Given Name", "Firstname"),
    "last_name": ("Last Name", "Family Name", "Surname", "Lastname"),
    "email": ("Email", "E-mail", "Email Address", "E-mail Address", "E-mail 1 - Value",
              "Email 1 - Value", "Primary Email", "E-mail Address 1"),
    "url": ("URL", "Profile URL", "LinkedIn", "LinkedIn URL", "LinkedIn Profile",
            "LinkedIn Profile URL", "Profile"),
    "company": ("Company", "Organization", "Organization Name", "Organization 1 - Name",
                "Employer", "Company Name"),
    "title": ("Title", "Position", "Job Title", "Organization Title", "Organization 1 - Title",
              "Role"),
    "connected_on": ("Connected On", "Since", "Date", "Connected"),
}
_CONTACTS_REQUIRED = [["name", "first_name", "last_name", "email", "url"]]

AFFILIATIONS: Spec = {
    "name": ("Person", "Name", "Full Name", "Contact"),
    "url": ("URL", "Profile URL", "LinkedIn", "LinkedIn URL", "Person URL"),
    "email": ("Email", "E-mail", "Email Address", "Person Email"),
    "company": ("Company", "Employer", "Organization", "Organisation", "Company Name"),
    "title": ("Title", "Position", "Role", "Job Title"),
    "start": ("Start", "Start Date", "From", "Started On", "Started", "Since"),
    "end": ("End", "End Date", "To", "Finished On", "Until", "Ended"),
    "current": ("Current", "Is Current"),
}
_AFFILIATIONS_REQUIRED = [["company"], ["name", "url", "email"]]

INTERACTIONS: Spec = {
    "person": ("Person", "Name", "Contact", "Full Name", "With", "Who"),
    "person_url": ("Person URL", "URL", "Profile URL", "LinkedIn", "LinkedIn URL"),
    "person_email": ("Person Email", "Email", "E-mail", "Email Address"),
    "other": ("Other", "Owner", "Other Person", "By"),
    "timestamp": ("Timestamp", "Date", "When", "Time", "Datetime", "Date Time", "Occurred At"),
    "channel": ("Channel", "Type", "Kind", "Medium", "Via"),
    "direction": ("Direction",),
    "participants": ("Participants", "People", "Thread Size", "Attendees", "Size"),
    "note": ("Note", "Notes", "Comment", "Summary", "Subject"),
}
_INTERACTIONS_REQUIRED = [["person", "person_url", "person_email"], ["timestamp"]]

#: Channel spellings accepted in interaction logs (folded: lower case, no spaces).
CHANNEL_ALIASES: dict[str, str] = {
    **{k: "meeting" for k in ("meeting", "meet", "inperson", "in-person", "coffee", "lunch",
                              "dinner", "video", "videocall", "zoom", "teams", "visit",
                              "event", "f2f", "facetoface")},
    **{k: "call" for k in ("call", "phone", "phonecall", "telephone", "voice")},
    **{k: "message" for k in ("message", "msg", "chat", "sms", "text", "dm", "whatsapp",
                              "signal", "telegram", "imessage", "slack")},
    **{k: "email" for k in ("email", "e-mail", "mail")},
    **{k: "linkedin" for k in ("linkedin", "connection", "invitation", "invite",
                               "endorsement", "recommendation")},
    "other": "other",
}
_DIRECTIONS = {
    "out": "out", "outgoing": "out", "sent": "out", "outbound": "out",
    "in": "in", "incoming": "in", "received": "in", "inbound": "in",
}
_CURRENT_WORDS = frozenset({"present", "current", "now", "today", "ongoing"})
_TRUE = frozenset({"true", "yes", "y", "1", "x"})


def _load(source: Source, spec: Spec, kind: str, required, what: str) -> RawTable:
    return load_table(source, spec, kind, required=required, what=what)


def _warn_values(report: ImportReport, lines: np.ndarray, values: pd.Series, mask,
                 template: str, skip: bool = False) -> None:
    mask = np.asarray(mask, dtype=bool)
    add = report.skip if skip else report.warn
    for ln, v in zip(lines[mask], values.to_numpy()[mask], strict=True):
        add(int(ln), template.format(preview(str(v), 60)))


def _emails(raw: pd.Series) -> pd.Series:
    """First of several ``" ::: "``-joined addresses (Google Contacts), lower case."""
    first = raw.str.split(":::", n=1).str[0].str.strip()
    return first.str.lower().astype(object)


def _urls(t: RawTable, col: str) -> tuple[pd.Series, np.ndarray]:
    raw = t.text(col)
    url = normalise_linkedin_url(raw)
    bad = ((url == "") & (raw != "")).to_numpy()
    _warn_values(t.report, t.line, raw, bad, "not a LinkedIn profile URL {!r}: ignored")
    return url, bad


# --------------------------------------------------------------------------- contacts


def read_contacts(path_or_frame: Source) -> pd.DataFrame:
    """Read a generic contacts table (CSV file or DataFrame).

    Accepted columns (any case; spaces, ``_`` and ``-`` ignored):
    name (``Name``, ``Full Name``, ``Contact``), first name (``First Name``,
    ``Given Name``), last name (``Last Name``, ``Family Name``, ``Surname``),
    e-mail (``Email``, ``E-mail``, ``Email Address``, ``E-mail 1 - Value``
    of Google Contacts, where ``" ::: "``-joined values give the first),
    profile URL (``URL``, ``Profile URL``, ``LinkedIn``, ``LinkedIn URL``),
    company (``Company``, ``Organization``, ``Organization Name``,
    ``Employer``), title (``Title``, ``Position``, ``Job Title``,
    ``Organization Title``), since (``Connected On``, ``Since``, ``Date``).

    Parameters
    ----------
    path_or_frame : str, path-like or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name`` (the name column, else first + last),
        ``first_name``, ``last_name``, ``url`` (normalised LinkedIn profile
        URL; other URLs are a warning and left out), ``email`` (lower case),
        ``company``, ``title``, ``connected_on`` (UTC; NaT when missing;
        unparseable is a warning). Rows with no name, e-mail or URL are
        skipped and reported.

    Raises
    ------
    InputError
        File not found or not decodable; none of the name/e-mail/URL
        columns; no usable rows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_contacts(pd.DataFrame({
    ...     "Given Name": ["Ada", ""], "Family Name": ["Lovelace", ""],
    ...     "E-mail 1 - Value": ["ADA@example.org ::: ada@work.example", ""]}))
    >>> df[["line", "name", "email"]]
       line          name            email
    0     2  Ada Lovelace  ada@example.org
    >>> df.attrs["report"].skipped[0].line
    3
    """
    t = _load(path_or_frame, CONTACTS, "contacts", _CONTACTS_REQUIRED, "contacts table")
    rep, line = t.report, t.line
    first, last = t.text("first_name"), t.text("last_name")
    name = t.text("name")
    joined = [f"{a} {b}" if a and b else a or b
              for a, b in zip(first.tolist(), last.tolist(), strict=True)]
    name = name.where(name != "", pd.Series(joined, dtype=object))
    email = _emails(t.text("email"))
    bad_email = ((email != "") & ~email.str.contains("@", regex=False)).to_numpy()
    _warn_values(rep, line, email, bad_email, "not an e-mail address {!r}: ignored")
    email = email.where(~bad_email, "")
    url, _ = _urls(t, "url")
    date_raw = t.text("connected_on")
    connected_on, bad_date = parse_dates(t.raw("connected_on") if t.has("connected_on")
                                         else None, len(t))
    _warn_values(rep, line, date_raw, bad_date, "unparseable date {!r}: kept without a date")
    nobody = ((name == "") & (email == "") & (url == "")).to_numpy()
    rep.skip_many(line[nobody], "no name, e-mail or profile URL")
    keep = ~nobody
    if not keep.any():
        raise no_rows(t, "contacts table")
    return finish_frame({
        "line": line[keep],
        "name": name[keep].to_numpy(dtype=object),
        "first_name": first[keep].to_numpy(dtype=object),
        "last_name": last[keep].to_numpy(dtype=object),
        "url": url[keep].to_numpy(dtype=object),
        "email": email[keep].to_numpy(dtype=object),
        "company": t.text("company")[keep].to_numpy(dtype=object),
        "title": t.text("title")[keep].to_numpy(dtype=object),
        "connected_on": connected_on[keep].reset_index(drop=True),
    }, rep)


# --------------------------------------------------------------------------- affiliations


def read_affiliations(path_or_frame: Source) -> pd.DataFrame:
    """Read a job-history table: who worked where, as what, from when to when.

    Accepted columns: person (``Person``, ``Name``, ``Full Name``) and/or
    ``URL``/``Profile URL`` and/or ``Email``; company (``Company``,
    ``Employer``, ``Organization``); title (``Title``, ``Position``,
    ``Role``); start (``Start``, ``Start Date``, ``From``, ``Started On``);
    end (``End``, ``End Date``, ``To``, ``Finished On``); optionally
    ``Current`` (yes/true/1). Dates may be full dates, ``Jun 2018`` or bare
    years (taken as the first day of the month/year).

    Parameters
    ----------
    path_or_frame : str, path-like or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name``, ``url``, ``email``, ``company``,
        ``title``, ``start``, ``end`` (UTC; NaT when unknown or current),
        ``current`` (bool: end empty or ``present``/``current``/``now``, or
        the Current column says so). Skipped and reported: rows with no
        company or no person; rows whose end is before their start (they
        are not swapped: a reversed range is more likely a typo in one of
        the two dates than a swap). Unparseable dates are warnings (NaT;
        an unparseable end is not current).

    Raises
    ------
    InputError
        File not found or not decodable; no company column or no person
        column; no usable rows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_affiliations(pd.DataFrame({
    ...     "person": ["Ada Lovelace", "Ada Lovelace"], "employer": ["Acme", "Initech"],
    ...     "from": ["Jun 2018", "2015"], "to": ["present", "2018-05-31"]}))
    >>> df[["company", "start", "current"]]
       company                     start  current
    0     Acme 2018-06-01 00:00:00+00:00     True
    1  Initech 2015-01-01 00:00:00+00:00    False
    """
    t = _load(path_or_frame, AFFILIATIONS, "affiliations", _AFFILIATIONS_REQUIRED,
              "job-history (affiliations) table")
    rep, line = t.report, t.line
    name, company = t.text("name"), t.text("company")
    email = _emails(t.text("email"))
    url, _ = _urls(t, "url")
    start_raw, end_raw = t.text("start"), t.text("end")
    end_word = end_raw.str.lower().isin(_CURRENT_WORDS)
    start, bad_start = parse_dates(t.raw("start") if t.has("start") else None, len(t))
    end_src = t.raw("end") if t.has("end") else None
    if end_src is not None and not pd.api.types.is_datetime64_any_dtype(end_src):
        end_src = end_raw.where(~end_word, "")
    end, bad_end = parse_dates(end_src, len(t))
    current = (end.isna() & ~bad_end).to_numpy()
    if t.has("current"):
        flag = t.text("current").str.lower()
        given = (flag != "").to_numpy()
        current = np.where(given, flag.isin(_TRUE).to_numpy(), current)
    nobody = ((name == "") & (url == "") & (email == "")).to_numpy()
    no_company = (company == "").to_numpy()
    backwards = (end < start).to_numpy() & ~nobody & ~no_company
    rep.skip_many(line[nobody], "no person (name, URL or e-mail)")
    rep.skip_many(line[no_company & ~nobody], "no company")
    _warn_values(rep, line, start_raw + " > " + end_raw, backwards,
                 "end before start ({}): skipped, fix one of the dates", skip=True)
    ok = ~(nobody | no_company | backwards)
    _warn_values(rep, line, start_raw, bad_start.to_numpy() & ok,
                 "unparseable start {!r}: kept without a start")
    _warn_values(rep, line, end_raw, bad_end.to_numpy() & ok,
                 "unparseable end {!r}: kept without an end (not current)")
    if not ok.any():
        raise no_rows(t, "job-history (affiliations) table")
    return finish_frame({
        "line": line[ok],
        "name": name[ok].to_numpy(dtype=object),
        "url": url[ok].to_numpy(dtype=object),
        "email": email[ok].to_numpy(dtype=object),
        "company": company[ok].to_numpy(dtype=object),
        "title": t.text("title")[ok].to_numpy(dtype=object),
        "start": start[ok].reset_index(drop=True),
        "end": end[ok].reset_index(drop=True),
        "current": np.asarray(current, dtype=bool)[ok],
    }, rep)


# --------------------------------------------------------------------------- interactions


def _fold_word(s: pd.Series) -> pd.Series:
    return s.str.lower().str.replace(r"[\s_]+", "", regex=True)


def read_interactions(path_or_frame: Source) -> pd.DataFrame:
    """Read an interaction log: who was in contact with whom, when, how.

    Accepted columns: person (``Person``, ``Name``, ``Contact``, ``With``)
    and/or ``Person URL``/``URL``/``LinkedIn`` and/or ``Email``; other
    (``Other``, ``Owner``, ``By``; empty = the owner); timestamp
    (``Timestamp``, ``Date``, ``When``, ``Time``); channel (``Channel``,
    ``Type``, ``Medium``); ``Direction``; participants (``Participants``,
    ``People``, ``Attendees``); note (``Note``, ``Notes``, ``Comment``).

    Channels are folded to one of ``meeting``, ``call``, ``message``,
    ``email``, ``linkedin``, ``other``: meet/meeting/in person/coffee/
    lunch/video/zoom -> meeting; call/phone -> call; message/chat/sms/text/
    dm/whatsapp -> message; email/e-mail/mail -> email; linkedin/connection/
    invitation/endorsement -> linkedin; an unknown channel -> ``other`` with
    a warning naming it. Directions: out/outgoing/sent -> ``"out"`` (other
    reached out to person), in/incoming/received -> ``"in"``; empty stays
    ``""``.

    Parameters
    ----------
    path_or_frame : str, path-like or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``person``, ``person_url`` (normalised),
        ``person_email`` (lower case), ``other`` (``""`` = the owner),
        ``timestamp`` (UTC), ``channel`` (categorical over
        :data:`netgraph.data.schema.CHANNELS`), ``direction``, ``participants``
        (int64, default 2; below 2 or not an integer is a warning and 2),
        ``note``. Skipped and reported: missing or unparseable timestamp,
        no person, self-interaction (person equal to other, ignoring case).

    Raises
    ------
    InputError
        File not found or not decodable; no person or no timestamp column;
        no usable rows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_interactions(pd.DataFrame({
    ...     "with": ["Grace Hopper", "Alan Turing", ""], "when": ["2024-03-01 10:00", "soon",
    ...     "2024-03-02"], "channel": ["Zoom", "call", "call"], "direction": ["sent", "", ""]}))
    >>> df[["line", "person", "channel", "direction"]]
       line        person  channel direction
    0     2  Grace Hopper  meeting       out
    >>> [(i.line, i.reason) for i in df.attrs["report"].skipped]
    [(3, "unparseable timestamp 'soon'"), (4, 'no person (name, URL or e-mail)')]
    """
    t = _load(path_or_frame, INTERACTIONS, "interactions", _INTERACTIONS_REQUIRED,
              "interactions log")
    rep, line = t.report, t.line
    n = len(t)
    person, other = t.text("person"), t.text("other")
    email = _emails(t.text("person_email"))
    url, _ = _urls(t, "person_url")
    ts_raw = t.text("timestamp")
    ts, bad_ts = parse_dates(t.raw("timestamp"), n)
    nobody = ((person == "") & (url == "") & (email == "")).to_numpy()
    no_ts = ts.isna().to_numpy() & ~bad_ts.to_numpy() & ~nobody
    bad_ts = bad_ts.to_numpy() & ~nobody
    self_ = ((person != "") & (person.str.casefold() == other.str.casefold())).to_numpy() \
        & ~nobody & ~no_ts & ~bad_ts
    _warn_values(rep, line, ts_raw, bad_ts, "unparseable timestamp {!r}", skip=True)
    rep.skip_many(line[no_ts], "no timestamp")
    rep.skip_many(line[nobody], "no person (name, URL or e-mail)")
    _warn_values(rep, line, person, self_, "self-interaction: {!r} with themselves", skip=True)
    keep = ~(nobody | no_ts | bad_ts | self_)

    # Channel.
    ch_raw = t.text("channel")
    folded = _fold_word(ch_raw)
    channel = folded.map(CHANNEL_ALIASES)
    unknown = (channel.isna() & (folded != "")).to_numpy()
    _warn_values(rep, line, ch_raw, unknown & keep, "unknown channel {!r}: recorded as 'other'")
    if not t.has("channel"):
        rep.warn(None, "no channel column: every interaction recorded as 'other'")
    channel = channel.fillna("other")

    # Direction.
    d_raw = t.text("direction")
    direction = d_raw.str.lower().map(_DIRECTIONS)
    bad_dir = (direction.isna() & (d_raw != "")).to_numpy()
    _warn_values(rep, line, d_raw, bad_dir & keep, "unknown direction {!r}: left empty")
    direction = direction.fillna("").astype(object)

    # Participants.
    p_raw = t.text("participants")
    p_num = pd.to_numeric(p_raw.where(p_raw != "", np.nan), errors="coerce")
    is_int = p_num.notna() & (p_num == np.floor(p_num.fillna(0)))
    bad_p = ((p_raw != "") & (~is_int | (p_num < 2))).to_numpy()
    _warn_values(rep, line, p_raw, bad_p & keep,
                 "participants {!r} is not a whole number of at least 2: taken as 2")
    participants = np.where(is_int.to_numpy() & ~bad_p, p_num.fillna(2).to_numpy(), 2)

    if not keep.any():
        raise no_rows(t, "interactions log")
    return finish_frame({
        "line": line[keep],
        "person": person[keep].to_numpy(dtype=object),
        "person_url": url[keep].to_numpy(dtype=object),
        "person_email": email[keep].to_numpy(dtype=object),
        "other": other[keep].to_numpy(dtype=object),
        "timestamp": ts[keep].reset_index(drop=True),
        "channel": pd.Categorical(channel[keep].to_numpy(dtype=object),
                                  categories=list(CHANNELS)),
        "direction": direction[keep].to_numpy(dtype=object),
        "participants": participants[keep].astype(np.int64),
        "note": t.text("note")[keep].to_numpy(dtype=object),
    }, rep)

