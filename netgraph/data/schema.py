"""The canonical tables: column names, dtypes, empty frames and validation.

The tables are the source of truth of a :class:`~netgraph.Network`; the
NetworkX graph and the path index are built from them. All text columns are
``object`` columns of ``str`` with ``""`` for "unknown" (never NaN), all
timestamps are ``datetime64[ns, UTC]`` with ``NaT`` for unknown, so a table
round-trips exactly through SQLite and compares with ``DataFrame.equals``.

Tables
------
people
    One row per person, keyed by ``person_id``. ``person_id`` is
    ``"in:<slug>"`` for a LinkedIn profile URL, ``"email:<address>"`` for an
    e-mail address, else ``"name:<folded name>@<company_id>"``.
    Columns: person_id, name, first_name, last_name, url (normalised profile
    URL, ``https://www.linkedin.com/in/<slug>``), email, company (current
    employer as written), company_id (folded employer key, ``""`` for none or
    a placeholder such as "Self-employed"), title, is_owner, source.
companies
    One row per employer: company_id (folded key), name (the most common
    spelling), aliases (every spelling seen and user aliases, ``"|"``-joined).
affiliations
    Job history: person_id, company_id, company (as written), title, start,
    end, current (bool), source. ``end`` is NaT while current.
ties
    Who is connected to whom: a, b (person ids, ``a < b``), since (when the
    connection was made, NaT if unknown), source (``";"``-joined sources,
    e.g. ``"linkedin"``, ``"contacts"``), owner (``";"``-joined person ids of
    the owners whose import asserted the tie).
interactions
    One row per contact event: person_id, other_id (by default the owner),
    timestamp, channel (categorical, one of :data:`CHANNELS`), direction
    (``"out"`` when *other* reached out to *person*, ``"in"`` when *person*
    reached out to *other*, ``""`` when unknown), participants (people in the
    thread or meeting, 2 for one-to-one), source, note.
overrides
    Strengths set by hand: a, b (``a < b``), timestamp (when it was set),
    strength (0..1), note. An override decays like any other evidence.
identity_decisions
    Who is who, decided by hand (see :mod:`netgraph.data.decisions`): seq
    (the step in the history, shared with ``imports.import_id`` and
    ``edits.seq``), kind (``"merge"``: b folds into a; ``"split"``: the merge of
    b into a is undone; ``"distinct"``: a and b are different people), a, b
    (their ids now: renamed along when an import re-keys them), a0, b0 (their
    ids when decided), time, note. Plain text, not person columns: b is gone
    after a merge.
imports
    The import history (see :mod:`netgraph.data.journal`): import_id (the step
    in the history), file (as given, ``"<DataFrame>"`` for a frame), sha256 (of
    the bytes imported), kind, owner (as given), options (JSON of the call, to
    replay it), time, rows_read, imported, merged, new_people, repeat_of (the
    earlier import of the same bytes, 0 for none).
import_data
    What each import read, to replay it exactly (undo, split): sha256, part
    (the file's name, relative to what was imported), data (zlib-compressed,
    base64 text). Shared by imports of the same bytes.
edits
    Changes made by hand between imports, to replay them: seq, kind
    (``"alias"``, ``"log"``, ``"strength"``, ``"ask"``, ``"ask_update"``), args
    (JSON), time.
asks
    Introductions asked for and what came of them (see :mod:`netgraph.data.asks`):
    ask_id, owner_id (who asked), introducer_id, introducer (name when asked),
    target (company or person, as shown), target_id (company id or person id),
    target_kind (``"company"`` or ``"person"``), person_id and person (whom the
    introducer would introduce you to, ``""`` when not known), about, via (how you
    asked: a channel or ``""``), note, status (``asked``, ``introduced``, ``met``,
    ``referred``, ``offer``, ``declined``, ``no_reply``), asked_on, updated_on (the
    latest move), probability (the raw probability of the best path through the
    introducer when asked; NaN when there was none), history (``";"``-joined
    ``status@date`` moves).

Examples
--------
>>> from netgraph.data import schema
>>> list(schema.empty("ties").columns)
['a', 'b', 'since', 'source', 'owner']

Person-id columns of the other tables (``ties.a``, ``ties.b``,
``interactions.person_id``, ``interactions.other_id``,
``affiliations.person_id``, ``overrides.a``, ``overrides.b``) are
``category`` columns whose categories are ``people.person_id`` in people
order. They read and compare like text, cost 4 bytes a value, and give the
path index and the strength model integer codes for free (a 12M-tie network
needs no string hashing to build its index). ``a < b`` compares the ids as
text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "CHANNELS",
    "DESCRIPTIONS",
    "DIRECTIONS",
    "PERSON_COLUMNS",
    "TABLES",
    "conform",
    "empty",
    "enforce",
    "person_dtype",
]

#: Interaction channels. The first six are deepest first; later ones are appended (the
#: position is the stored code, so the order never changes). ``linkedin`` covers other
#: LinkedIn activity; ``other`` is kept for channels netgraph does not know (reported as
#: a warning on import); ``recommendation`` is a LinkedIn recommendation written or
#: received, ``endorsement`` a skill endorsement, ``invitation`` a connection request
#: (with its note).
CHANNELS: tuple[str, ...] = ("meeting", "call", "message", "email", "linkedin", "other",
                             "recommendation", "endorsement", "invitation")

#: Interaction directions; ``""`` is unknown.
DIRECTIONS: tuple[str, ...] = ("out", "in", "")

_UTC = "datetime64[ns, UTC]"
_CHANNEL = pd.CategoricalDtype(list(CHANNELS), ordered=False)

#: Columns holding person ids, per table: categorical over people.person_id.
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "affiliations": ("person_id",),
    "ties": ("a", "b"),
    "interactions": ("person_id", "other_id"),
    "overrides": ("a", "b"),
    "asks": ("owner_id", "introducer_id"),
}

#: Column name -> dtype, per table, in column order ("person" marks a
#: person-id column, categorical over people.person_id).
TABLES: dict[str, dict[str, object]] = {
    "people": {
        "person_id": "object",
        "name": "object",
        "first_name": "object",
        "last_name": "object",
        "url": "object",
        "email": "object",
        "company": "object",
        "company_id": "object",
        "title": "object",
        "is_owner": "bool",
        "source": "object",
    },
    "companies": {
        "company_id": "object",
        "name": "object",
        "aliases": "object",
    },
    "affiliations": {
        "person_id": "person",
        "company_id": "object",
        "company": "object",
        "title": "object",
        "start": _UTC,
        "end": _UTC,
        "current": "bool",
        "source": "object",
    },
    "ties": {
        "a": "person",
        "b": "person",
        "since": _UTC,
        "source": "object",
        "owner": "object",
    },
    "interactions": {
        "person_id": "person",
        "other_id": "person",
        "timestamp": _UTC,
        "channel": _CHANNEL,
        "direction": "object",
        "participants": "int64",
        "source": "object",
        "note": "object",
    },
    "overrides": {
        "a": "person",
        "b": "person",
        "timestamp": _UTC,
        "strength": "float64",
        "note": "object",
    },
    "identity_decisions": {
        "seq": "int64",
        "kind": "object",
        "a": "object",
        "b": "object",
        "a0": "object",
        "b0": "object",
        "time": _UTC,
        "note": "object",
    },
    "imports": {
        "import_id": "int64",
        "file": "object",
        "sha256": "object",
        "kind": "object",
        "owner": "object",
        "options": "object",
        "time": _UTC,
        "rows_read": "int64",
        "imported": "int64",
        "merged": "int64",
        "new_people": "int64",
        "repeat_of": "int64",
    },
    "import_data": {
        "sha256": "object",
        "part": "object",
        "data": "object",
    },
    "edits": {
        "seq": "int64",
        "kind": "object",
        "args": "object",
        "time": _UTC,
    },
    "asks": {
        "ask_id": "int64",
        "owner_id": "person",
        "introducer_id": "person",
        "introducer": "object",
        "target": "object",
        "target_id": "object",
        "target_kind": "object",
        "person_id": "object",
        "person": "object",
        "about": "object",
        "via": "object",
        "note": "object",
        "status": "object",
        "asked_on": _UTC,
        "updated_on": _UTC,
        "probability": "float64",
        "history": "object",
    },
}


#: What each table holds, in a sentence (the ``Network`` attribute of the same name says it).
DESCRIPTIONS: dict[str, str] = {
    "people": "People: one row per person.",
    "companies": "Companies: one row per employer, with every spelling seen as aliases.",
    "affiliations": "Job history: person, company, title, start, end, current.",
    "ties": "Ties: who is connected to whom, since when, from which source, whose.",
    "interactions": "Interactions: who contacted whom, when, how, in which direction.",
    "overrides": "Tie strengths set by hand (``Network.set_strength``).",
    "asks": "Introductions asked for (``Network.ask``) and what came of them "
            "(``Network.update_ask``).",
}


def person_dtype(person_ids) -> pd.CategoricalDtype:
    """The dtype of person-id columns for a network whose people have *person_ids*.

    Examples
    --------
    >>> from netgraph.data.schema import person_dtype
    >>> list(person_dtype(["in:ada", "in:alan"]).categories)
    ['in:ada', 'in:alan']
    """
    if isinstance(person_ids, pd.CategoricalDtype):
        return person_ids
    if not isinstance(person_ids, pd.Index):
        person_ids = pd.Index(list(person_ids), dtype="object")
    return pd.CategoricalDtype(person_ids, ordered=False)


def empty(table: str, person_ids=()) -> pd.DataFrame:
    """Return an empty frame of one canonical table, with its dtypes.

    Parameters
    ----------
    table : str
        One of ``"people"``, ``"companies"``, ``"affiliations"``, ``"ties"``,
        ``"interactions"``.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from netgraph.data.schema import empty
    >>> empty("interactions").dtypes["timestamp"]
    datetime64[ns, UTC]
    """
    spec = TABLES[table]
    pdt = person_dtype(person_ids)
    return pd.DataFrame({c: pd.Series([], dtype=pdt if d == "person" else d)
                         for c, d in spec.items()})


def conform(frame: pd.DataFrame, table: str, person_ids=None) -> pd.DataFrame:
    """Return *frame* with exactly the columns and dtypes of *table*.

    Missing columns are filled with the table's "unknown" value (``""``,
    ``NaT``, ``False``, ``2`` participants), extra columns are dropped, text
    NaN becomes ``""``, and the index is reset.

    Parameters
    ----------
    frame : pandas.DataFrame
    table : str
    person_ids : sequence of str, optional
        The categories of person-id columns (``people.person_id``). Values
        outside them raise ``ValueError``. Default: the sorted distinct ids
        found in the frame.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.schema import conform
    >>> conform(pd.DataFrame({"a": ["x"], "b": ["y"]}), "ties").loc[0, "source"]
    ''
    """
    spec = TABLES[table]
    n = len(frame)
    out = {}
    if person_ids is None:
        found = [frame[c].astype("object") for c, d in spec.items() if d == "person" and c in frame]
        person_ids = sorted(set(pd.concat(found).dropna())) if found else []
    pdt = person_dtype(person_ids)
    for col, dtype in spec.items():
        s = frame[col].reset_index(drop=True) if col in frame.columns else None
        if dtype == "person":
            if s is None:
                s = pd.Series(pd.Categorical.from_codes(np.zeros(n, "int8") - 1, dtype=pdt))
            elif not (isinstance(s.dtype, pd.CategoricalDtype) and s.dtype == pdt):
                raw = s.astype("object")
                s = raw.astype(pdt)
                bad = s.isna() & raw.notna()
                if bad.any():
                    raise ValueError(f"{table}.{col}: unknown person ids, e.g. {raw[bad].iloc[0]!r}")
        elif dtype == "object":
            if s is None:
                s = pd.Series([""] * n, dtype="object")
            else:
                s = s.astype("object")
                missing = s.isna()
                if missing.any():
                    s = s.where(~missing, "")
                if pd.api.types.infer_dtype(s, skipna=False) != "string":
                    s = s.map(str)
        elif dtype == _UTC:
            if s is None:
                s = pd.Series(pd.NaT, index=range(n), dtype=_UTC)
            else:
                s = pd.to_datetime(s, utc=True)
                s = s.astype(_UTC)
        elif dtype == "bool":
            s = pd.Series(False, index=range(n)) if s is None else s.fillna(False).astype(bool)
        elif dtype == "float64":
            s = pd.Series(float("nan"), index=range(n)) if s is None else s.astype("float64")
        elif dtype == "int64":
            s = pd.Series(2, index=range(n), dtype="int64") if s is None else s.astype("int64")
        else:  # channel categorical
            if s is None:
                s = pd.Series(["other"] * n)
            s = s.astype("object").where(s.notna(), "other").astype(_CHANNEL)
        out[col] = s
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def enforce(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Cast columns of a frame that already has the right columns to the table's dtypes.

    Cheap when the dtypes are already right (only wrong columns are cast);
    used after in-place style updates, where pandas may infer its ``str``
    dtype for text columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data.schema import enforce
    >>> f = pd.DataFrame({"company_id": pd.Series(["acme"], dtype="str"), "name": ["Acme"],
    ...                   "aliases": [""]})
    >>> enforce(f, "companies").dtypes.tolist()
    [dtype('O'), dtype('O'), dtype('O')]
    """
    spec = TABLES[table]
    fixes = {}
    for col, dtype in spec.items():
        if dtype == "object" and frame[col].dtype != object:
            s = frame[col]
            fixes[col] = s.astype("object").where(s.notna(), "")
    if not fixes:
        return frame
    frame = frame.copy(deep=False)
    for col, s in fixes.items():
        frame[col] = s
    return frame
