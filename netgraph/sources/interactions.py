"""Interaction logs: who was in contact with whom, when, and how.

The reader takes a CSV file (path) or a pandas DataFrame; the output follows
the conventions of :mod:`netgraph.sources.contacts`.

Registered as the ``interactions`` source: each row becomes an interaction
event between the person and the owner (or the person the ``other`` column
names).

Examples
--------
>>> import pandas as pd
>>> from netgraph.sources.interactions import read_interactions
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
    Spec,
    emails,
    finish_frame,
    load_table,
    no_rows,
    note_values,
    parse_dates,
    profile_urls,
)
from netgraph.sources.importers import import_interactions
from netgraph.sources.registry import Source, register_source

__all__ = ["CHANNEL_ALIASES", "DIRECTIONS", "INTERACTIONS", "MAX_PARTICIPANTS", "SOURCE",
           "read_interactions"]

#: The largest ``participants`` count taken as written; larger counts (``1e19``,
#: ``inf``) are clamped to it with a warning.
MAX_PARTICIPANTS = 100_000

PathOrFrame = str | PathLike[str] | pd.DataFrame

#: The columns of an interaction log: canonical name -> accepted header spellings.
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
#: Direction spellings accepted in interaction logs (lower case).
DIRECTIONS: dict[str, str] = {
    "out": "out", "outgoing": "out", "sent": "out", "outbound": "out",
    "in": "in", "incoming": "in", "received": "in", "inbound": "in",
}


def _fold_word(s: pd.Series) -> pd.Series:
    return s.str.lower().str.replace(r"[\s_]+", "", regex=True)


def read_interactions(path_or_frame: PathOrFrame | bytes) -> pd.DataFrame:
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
    path_or_frame : str, path-like, bytes or pandas.DataFrame
        The file, its bytes, or a frame with such columns.

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``person``, ``person_url`` (normalised),
        ``person_email`` (lower case), ``other`` (``""`` = the owner),
        ``timestamp`` (UTC), ``channel`` (categorical over
        :data:`netgraph.data.schema.CHANNELS`), ``direction``, ``participants``
        (int64, default 2; below 2 or not a whole number is a warning and 2;
        above :data:`MAX_PARTICIPANTS` (100,000) a warning and clamped to it),
        ``note``. Skipped and reported: missing or unparseable timestamp,
        no person, self-interaction (person equal to other, ignoring case).

    Raises
    ------
    InputError
        Not a path, bytes or DataFrame; file not found or not decodable; no
        person or no timestamp column; no usable rows. (A timestamp outside
        1678-2261, also in a ``datetime64[s]`` column, is an unparseable
        timestamp: the row is skipped and reported.)

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
    t = load_table(path_or_frame, INTERACTIONS, "interactions",
                   required=_INTERACTIONS_REQUIRED, what="interactions log")
    rep, line = t.report, t.line
    n = len(t)
    person, other = t.text("person"), t.text("other")
    email = emails(t.text("person_email"))
    url = profile_urls(t, "person_url")
    ts_raw = t.text("timestamp")
    ts, bad_ts = parse_dates(t.raw("timestamp"), n)
    nobody = ((person == "") & (url == "") & (email == "")).to_numpy()
    no_ts = ts.isna().to_numpy() & ~bad_ts.to_numpy() & ~nobody
    bad_ts = bad_ts.to_numpy() & ~nobody
    self_ = ((person != "") & (person.str.casefold() == other.str.casefold())).to_numpy() \
        & ~nobody & ~no_ts & ~bad_ts
    typed = t.raw("timestamp") is not None and pd.api.types.is_datetime64_any_dtype(
        t.raw("timestamp"))  # a datetime column is bad only out of range
    note_values(rep, line, ts_raw, bad_ts, "timestamp {!r} is outside the years 1678-2261 "
                "pandas can hold" if typed else "unparseable timestamp {!r}", skip=True)
    rep.skip_many(line[no_ts], "no timestamp")
    rep.skip_many(line[nobody], "no person (name, URL or e-mail)")
    note_values(rep, line, person, self_, "self-interaction: {!r} with themselves", skip=True)
    keep = ~(nobody | no_ts | bad_ts | self_)

    # Channel.
    ch_raw = t.text("channel")
    folded = _fold_word(ch_raw)
    channel = folded.map(CHANNEL_ALIASES)
    unknown = (channel.isna() & (folded != "")).to_numpy()
    note_values(rep, line, ch_raw, unknown & keep, "unknown channel {!r}: recorded as 'other'")
    if not t.has("channel"):
        rep.warn(None, "no channel column: every interaction recorded as 'other'")
    channel = channel.fillna("other")

    # Direction.
    d_raw = t.text("direction")
    direction = d_raw.str.lower().map(DIRECTIONS)
    bad_dir = (direction.isna() & (d_raw != "")).to_numpy()
    note_values(rep, line, d_raw, bad_dir & keep, "unknown direction {!r}: left empty")
    direction = direction.fillna("").astype(object)

    # Participants.
    p_raw = t.text("participants")
    p_num = pd.to_numeric(p_raw.where(p_raw != "", np.nan), errors="coerce").astype(float)
    p_arr = p_num.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        is_int = np.isfinite(p_arr) & (p_arr == np.floor(np.nan_to_num(p_arr)))
        huge = ~np.isnan(p_arr) & (p_arr > MAX_PARTICIPANTS)  # also inf, 1e19
        bad_p = (p_raw != "").to_numpy() & ~huge & (~is_int | (p_arr < 2))
    note_values(rep, line, p_raw, bad_p & keep,
                "participants {!r} is not a whole number of at least 2: taken as 2")
    note_values(rep, line, p_raw, huge & keep,
                f"participants {{!r}} is more than {MAX_PARTICIPANTS:,}: taken as "
                f"{MAX_PARTICIPANTS:,} (a very large group, a weak tie)")
    participants = np.full(n, 2, dtype=np.int64)
    ok_p = is_int & ~bad_p & ~huge
    participants[ok_p] = p_arr[ok_p].astype(np.int64)
    participants[huge] = MAX_PARTICIPANTS

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


#: The ``interactions`` source: ``netgraph import interactions FILE --owner NAME``.
SOURCE = register_source(Source(
    name="interactions", reader=read_interactions, yields="events",
    importer=import_interactions,
    options={"create_missing": "add the people a row names only by a name nobody in the "
                               "network has (default: report them, with suggestions)"},
    switches=("create_missing",),
    help="an interaction log (.csv: person, timestamp, channel, direction, note, ...); "
         "rows without an 'other' are the owner's",
))
