"""Per-tie evidence, prepared once: :func:`prepare` makes a :class:`Prepared` of the tables.

Model-independent: interactions are matched to tie rows by a hash of their unordered pair
of person codes and sorted by tie then time with one packed ``int64`` sort (about 26 bytes
per interaction); shared job stints and hand-set overrides are matched to tie rows too.
:func:`person_codes` is the one place where a person id becomes an integer
``person_code`` (a position in :attr:`Prepared.person_ids`); :func:`find_tie` and
:func:`tie_row` look a tie up by its people.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.scoring.prepare import find_tie, prepare
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
>>> prep = prepare(ties)
>>> prep
Prepared(1 ties, 0 interactions, 0 shared stints, 0 overrides)
>>> find_tie(prep, "in:b", "in:a")
0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from netgraph._time import days_of, ns_of
from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError, NotFoundError

__all__ = ["MAX_PARTICIPANTS", "Prepared", "channel_of", "direction_of", "find_tie",
           "pack_kind", "participants_of", "person_codes", "prepare", "tie_row",
           "time_base"]

# A packed event's low 14 bits: channel (4) | direction (2) | participants (8, 2..255)
_CH_SHIFT, _D_SHIFT, _P_MASK = 10, 8, 255
_T_SHIFT = 14
_MAX_PARTICIPANTS = 255
#: Participants are clipped to 2..MAX_PARTICIPANTS when packed (a missing count is 2).
MAX_PARTICIPANTS = _MAX_PARTICIPANTS
_INT64_MIN = np.iinfo("int64").min


@dataclass(frozen=True, eq=False)
class Prepared:
    """Compact, model-independent arrays for scoring (made by :func:`prepare`).

    Interactions are kept as parallel arrays sorted by tie row, then time (about 26
    bytes per interaction); per-tie arrays are in ties-table order.

    Attributes
    ----------
    person_ids : pandas.Index
        The people (categories of the person-id columns); codes index into it.
    a, b : numpy.ndarray of int64
        Person codes of each tie row.
    since : numpy.ndarray of float64
        Days since the epoch when each tie was made (NaN unknown).
    t : numpy.ndarray of float64
        Each usable interaction's time, in days since the epoch (to the second).
    row : numpy.ndarray of int64
        Its tie row.
    kind : numpy.ndarray of int16
        ``channel << 10 | direction << 8 | participants`` (channel: position in
        :data:`~netgraph.data.schema.CHANNELS`; direction 0: *a* reached out to *b*, 1: *b*
        to *a*, 2: unknown; participants clipped to 2..255). Read it with
        :func:`channel_of`, :func:`direction_of` and :func:`participants_of`.
    gap : numpy.ndarray of float64
        Days since the same tie's previous interaction (NaN for its first).
    offsets : numpy.ndarray of int64
        ``t[offsets[i]:offsets[i + 1]]`` are tie row *i*'s interactions.
    n_channel, n_direction : numpy.ndarray of int64
        Interactions per tie and channel (n_ties x 6) and direction (n_ties x 3).
    t_max : float
        Time of the last interaction (scores at later dates need no masking).
    overlaps : pandas.DataFrame
        Pairs of job stints of a tie's two people at the same company: row,
        company_id, start_a, end_a, current_a, start_b, end_b, current_b (days), sorted
        by row.
    overrides : pandas.DataFrame
        Hand-set strengths: row, time (days), strength, sorted by row then time.
    skipped : dict of str to int
        Interactions left out of scoring, by reason (the importer reports them with
        line numbers; scoring never crashes on them).
    overlap_arrays, override_arrays : dict of str to numpy.ndarray
        The two tables above as arrays with per-tie block offsets (for the kernel).
    """

    person_ids: pd.Index
    a: np.ndarray
    b: np.ndarray
    since: np.ndarray
    t: np.ndarray
    row: np.ndarray
    kind: np.ndarray
    gap: np.ndarray
    offsets: np.ndarray
    n_channel: np.ndarray
    n_direction: np.ndarray
    t_max: float
    overlaps: pd.DataFrame
    overrides: pd.DataFrame
    skipped: dict[str, int]
    _tie_keys: np.ndarray = field(repr=False)
    _tie_order: np.ndarray = field(repr=False)
    _ov: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    _or: dict[str, np.ndarray] = field(repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        ov, orr = self.overlaps, self.overrides
        cols = ("row", "company_id", "start_a", "end_a", "current_a", "start_b", "end_b",
                "current_b")
        arrays = {c: ov[c].to_numpy() for c in cols}
        arrays["offsets"] = _offsets(arrays["row"], self.n_ties)
        object.__setattr__(self, "_ov", arrays)
        o = {c: orr[c].to_numpy() for c in ("row", "time", "strength")}
        o["offsets"] = _offsets(o["row"], self.n_ties)
        object.__setattr__(self, "_or", o)

    @property
    def n_ties(self) -> int:
        """Number of tie rows."""
        return len(self.a)

    @property
    def n_events(self) -> int:
        """Number of usable interactions."""
        return len(self.t)

    @property
    def overlap_arrays(self) -> dict[str, np.ndarray]:
        """:attr:`overlaps` as arrays (one per column) plus ``offsets``.

        ``offsets[i]:offsets[i + 1]`` are tie row *i*'s shared stints (as in
        :attr:`offsets` for interactions). Read-only by convention: the scoring kernel
        reads it, nothing writes it.
        """
        return self._ov

    @property
    def override_arrays(self) -> dict[str, np.ndarray]:
        """:attr:`overrides` as arrays ``row``, ``time``, ``strength`` plus ``offsets``.

        ``offsets[i]:offsets[i + 1]`` are tie row *i*'s overrides, oldest first.
        Read-only by convention.
        """
        return self._or

    def __repr__(self) -> str:
        return (f"Prepared({self.n_ties} ties, {self.n_events} interactions, "
                f"{len(self.overlaps)} shared stints, {len(self.overrides)} overrides)")


def channel_of(kind: np.ndarray) -> np.ndarray:
    """Channel code (position in :data:`~netgraph.data.schema.CHANNELS`) of packed events.

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.scoring.prepare import channel_of, direction_of, participants_of
    >>> k = np.array([(1 << 10) | (2 << 8) | 40], dtype="int16")
    >>> channel_of(k).tolist(), direction_of(k).tolist(), participants_of(k).tolist()
    ([1], [2], [40])
    """
    return (np.asarray(kind).astype("int64") >> _CH_SHIFT)


def direction_of(kind: np.ndarray) -> np.ndarray:
    """Direction of packed events: 0 *a* reached out to *b*, 1 *b* to *a*, 2 unknown."""
    return (np.asarray(kind).astype("int64") >> _D_SHIFT) & 3


def participants_of(kind: np.ndarray) -> np.ndarray:
    """Participants of packed events (2..255; a missing count is 2)."""
    return np.asarray(kind).astype("int64") & _P_MASK


def pack_kind(channel: Any, direction: Any, participants: Any) -> Any:
    """The packed ``kind`` of events (the inverse of :func:`channel_of` and friends).

    Participants must already be clipped to 2..:data:`MAX_PARTICIPANTS`. Works on
    integers and integer arrays (the SQL engines read the multipliers off it).

    Examples
    --------
    >>> from netgraph.scoring.prepare import channel_of, pack_kind
    >>> pack_kind(1, 0, 0), pack_kind(0, 1, 0), int(channel_of(pack_kind(3, 2, 40)))
    (1024, 256, 3)
    """
    return (channel << _CH_SHIFT) | (direction << _D_SHIFT) | participants


def time_base(smin: int, smax: int, n_ties: int) -> tuple[float, float, int]:
    """How :func:`prepare` turns whole seconds into float days: ``(origin, tick, tick_s)``.

    ``t = (sec - smin) // tick_s * tick + origin`` where *smin*, *smax* are the first and
    last contact (whole seconds since the epoch): seconds unless the span does not fit
    in the bits the packed sort key leaves beside the tie row.

    Raises
    ------
    InputError
        If there are too many ties to pack.

    Examples
    --------
    >>> from netgraph.scoring.prepare import time_base
    >>> time_base(0, 86_400, 10)
    (0.0, 1.1574074074074073e-05, 1)
    """
    row_bits = max(1, int(n_ties).bit_length())
    t_bits = 63 - _T_SHIFT - row_bits
    if t_bits < 20:
        raise InputError(f"too many ties to score at once ({n_ties:,})",
                         hint="score the network in parts")
    span = int(smax) - int(smin)
    tick_s = 1
    for tick_s in (1, 60, 3600, 86_400):
        if span // tick_s < 2 ** t_bits:
            break
    return int(smin) / 86_400.0, tick_s / 86_400.0, tick_s


def _offsets(row: np.ndarray, n: int) -> np.ndarray:
    """Block starts of a row-sorted array (length n + 1)."""
    off = np.zeros(n + 1, "int64")
    if len(row):
        np.cumsum(np.bincount(row.astype("int64"), minlength=n), out=off[1:])
    return off


def person_codes(col: pd.Series, ids: pd.Index) -> np.ndarray:
    """Integer ``person_code`` of each person id in *col*: its position in *ids*.

    The one place where a person's identity (a ``person_id`` string) becomes the integer
    code that scoring arrays hold (:attr:`Prepared.a`, :attr:`Prepared.b`, pair keys).
    A categorical column whose categories are *ids* gives its pandas codes as they are
    (no hashing); other categories are remapped once per category; any other column is
    looked up value by value.

    Parameters
    ----------
    col : pandas.Series
        Person ids (categorical or object).
    ids : pandas.Index
        All people, in code order (``people.person_id``).

    Returns
    -------
    numpy.ndarray of int64
        -1 where the id is missing or not in *ids*.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.scoring.prepare import person_codes
    >>> ids = pd.Index(["in:a", "in:b", "in:c"])
    >>> person_codes(pd.Series(["in:c", None, "in:x"]), ids).tolist()
    [2, -1, -1]
    >>> person_codes(pd.Series(["in:b", "in:a"], dtype="category"), ids).tolist()
    [1, 0]
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy().astype("int64")
        cats = col.cat.categories
        if cats is ids or cats.equals(ids):
            return codes
        remap = ids.get_indexer(cats).astype("int64")
        return np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
    vals = col.astype("object").where(col.notna(), None)
    return ids.get_indexer(vals).astype("int64")


def _ids_of(ties: pd.DataFrame, people: Sequence[str] | pd.Index | None) -> pd.Index:
    if people is not None:
        return pd.Index(people, dtype="object")
    col = ties.get("a", None)
    if col is not None and isinstance(col.dtype, pd.CategoricalDtype):
        return pd.Index(col.cat.categories, dtype="object")
    found = pd.concat([ties["a"].astype("object"), ties["b"].astype("object")]).dropna()
    return pd.Index(sorted(set(found)), dtype="object")


def _tie_rows(sorted_keys: np.ndarray, order: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Tie row of each pair key (-1 when the pair is not a tie): a hash lookup."""
    if not len(sorted_keys):
        return np.full(len(key), -1, "int64")
    uniq = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    index = pd.Index(sorted_keys[uniq])
    pos = index.get_indexer(key)
    return np.where(pos >= 0, order[uniq][np.maximum(pos, 0)], -1)


def prepare(ties: pd.DataFrame, interactions: pd.DataFrame | None = None,
            affiliations: pd.DataFrame | None = None, overrides: pd.DataFrame | None = None,
            *, people: Sequence[str] | pd.Index | None = None) -> Prepared:
    """Turn the canonical tables into the compact arrays that scoring reads.

    Model-independent: prepare once per version of the tables, then
    :func:`~netgraph.scoring.score` at any date with any
    :class:`~netgraph.scoring.StrengthModel`. Interactions are matched to tie rows by their
    unordered pair of people; rows with a missing person or timestamp, a person talking to
    themself, or a pair that is not a tie are left out and counted in
    :attr:`Prepared.skipped`.

    Parameters
    ----------
    ties : pandas.DataFrame
        The ``ties`` table (a, b, since, ...): one output row per tie row, in order.
    interactions, affiliations, overrides : pandas.DataFrame, optional
        The canonical tables of those names (see :mod:`netgraph.data.schema`).
    people : sequence of str, optional
        ``people.person_id``; default: the categories of ``ties.a``.

    Returns
    -------
    Prepared

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare
    >>> ids = ["in:a", "in:b", "in:c"]
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties", ids)
    >>> inter = schema.conform(pd.DataFrame({"person_id": ["in:b", "in:c"],
    ...     "other_id": ["in:a", "in:a"], "timestamp": ["2026-01-01", "2026-01-02"]}),
    ...     "interactions", ids)
    >>> prep = prepare(ties, inter)
    >>> prep.n_events, prep.skipped
    (1, {'not a tie': 1})
    """
    for col in ("a", "b"):
        if col not in ties:
            raise InputError(f"the ties table has no {col!r} column",
                             expected="the canonical ties table (a, b, since, ...)")
    ids = _ids_of(ties, people)
    n_people = len(ids)
    ta = person_codes(ties["a"], ids)
    tb = person_codes(ties["b"], ids)
    if (ta < 0).any() or (tb < 0).any():
        bad = int(np.flatnonzero((ta < 0) | (tb < 0))[0])
        raise InputError(f"tie row {bad} names a person who is not in the network",
                         expected="ties between people of the people table")
    n_ties = len(ta)
    since = days_of(ties["since"]) if "since" in ties else np.full(n_ties, np.nan)
    tie_key = np.minimum(ta, tb) * n_people + np.maximum(ta, tb)
    order = np.argsort(tie_key, kind="stable")
    sorted_keys = tie_key[order]

    skipped: dict[str, int] = {}
    keys = np.zeros(0, dtype="int64")
    origin, tick, row_shift = 0.0, 1.0 / 86_400, 63
    if interactions is not None and len(interactions):
        p = person_codes(interactions["person_id"], ids)
        o = person_codes(interactions["other_id"], ids)
        ns = ns_of(interactions["timestamp"])
        bad_person = (p < 0) | (o < 0)
        self_ = (p == o) & ~bad_person
        no_time = (ns == _INT64_MIN) & ~bad_person & ~self_
        ekey = np.minimum(p, o)
        ekey *= n_people
        ekey += np.maximum(p, o)
        row = _tie_rows(sorted_keys, order, ekey)
        del ekey
        ok = ~(bad_person | self_ | no_time)
        not_tie = ok & (row < 0)
        for reason, mask in (("unknown person", bad_person), ("self-interaction", self_),
                             ("missing timestamp", no_time), ("not a tie", not_tie)):
            cnt = int(mask.sum())
            if cnt:
                skipped[reason] = cnt
        ok &= row >= 0
        del bad_person, self_, no_time, not_tie
        sel = None if ok.all() else np.flatnonzero(ok)

        def take(x: np.ndarray) -> np.ndarray:
            return x if sel is None else x[sel]

        row = take(row)
        # channel code (unknown -> other), direction relative to the tie's a
        ch_col = interactions["channel"]
        if isinstance(ch_col.dtype, pd.CategoricalDtype) and list(
                ch_col.cat.categories) == list(CHANNELS):
            ch = ch_col.cat.codes.to_numpy()
        else:
            ch = pd.Index(CHANNELS).get_indexer(ch_col.astype("object"))
        ch = take(ch).astype("int64")
        ch[ch < 0] = CHANNELS.index("other")
        if "direction" in interactions:
            dvals = interactions["direction"].to_numpy(dtype=object)
            d_in = take(dvals == "in")      # person reached out to other
            d_out = take(dvals == "out")    # other reached out to person
            del dvals
        else:
            d_in = d_out = np.zeros(len(row), bool)
        initiator = np.where(d_in, take(p), take(o))
        del p, o
        d = (initiator != ta[row]).astype("int64")
        d[~(d_in | d_out)] = 2
        del initiator, d_in, d_out
        if "participants" in interactions:
            part = take(interactions["participants"].to_numpy()).astype("int64")
        else:
            part = np.full(len(row), 2, "int64")
        np.clip(part, 2, _MAX_PARTICIPANTS, out=part)
        # pack (row, time, kind) into one int64 and sort once: seconds unless the span
        # does not fit in the bits left by the row count
        row_bits = max(1, int(n_ties).bit_length())
        t_bits = 63 - _T_SHIFT - row_bits
        sec = take(ns) // 10**9
        del ns
        smin = int(sec.min()) if len(sec) else 0
        origin, tick, tick_s = time_base(smin, int(sec.max()) if len(sec) else 0, n_ties)
        sec -= smin
        if tick_s > 1:
            sec //= tick_s
        row_shift = _T_SHIFT + t_bits
        keys = row << row_shift
        keys |= sec << _T_SHIFT
        keys |= pack_kind(ch, d, part)
        del row, sec, ch, d, part
        keys.sort()
    t = ((keys >> _T_SHIFT) & ((1 << (row_shift - _T_SHIFT)) - 1)) * tick
    t += origin
    row = keys >> row_shift
    kind = (keys & ((1 << _T_SHIFT) - 1)).astype("int16")
    del keys
    offsets = _offsets(row, n_ties)
    gap = np.empty(len(t))
    if len(t):
        np.subtract(t[1:], t[:-1], out=gap[1:])
        gap[offsets[:-1][np.diff(offsets) > 0]] = np.nan
    nch = len(CHANNELS)
    n_channel = np.bincount(row * nch + channel_of(kind), minlength=nch * n_ties
                            ).reshape(n_ties, nch)
    n_direction = np.bincount(row * 3 + direction_of(kind), minlength=3 * n_ties
                              ).reshape(n_ties, 3)
    ov = _prepare_overlaps(ta, tb, ids, affiliations)
    orr = _prepare_overrides(sorted_keys, order, ids, n_people, overrides)
    return Prepared(person_ids=ids, a=ta, b=tb, since=since, t=t, row=row, kind=kind,
                    gap=gap, offsets=offsets, n_channel=n_channel, n_direction=n_direction,
                    t_max=float(t.max()) if len(t) else -np.inf, overlaps=ov, overrides=orr,
                    skipped=skipped, _tie_keys=sorted_keys, _tie_order=order)


_OV_COLS = {"row": "int64", "company_id": "object", "start_a": "float64", "end_a": "float64",
            "current_a": "bool", "start_b": "float64", "end_b": "float64", "current_b": "bool"}


def _prepare_overlaps(ta: np.ndarray, tb: np.ndarray, ids: pd.Index,
                      affiliations: pd.DataFrame | None) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _OV_COLS.items()})
    if affiliations is None or not len(affiliations) or not len(ta):
        return empty
    aff = affiliations
    code = person_codes(aff["person_id"], ids)
    comp = aff["company_id"].astype("object").fillna("").to_numpy()
    keep = (code >= 0) & (comp != "")
    if not keep.any():
        return empty
    start = days_of(aff["start"]) if "start" in aff else np.full(len(aff), np.nan)
    end = days_of(aff["end"]) if "end" in aff else np.full(len(aff), np.nan)
    cur = (aff["current"].to_numpy(dtype=bool) if "current" in aff
           else np.zeros(len(aff), bool))
    st = pd.DataFrame({"code": code[keep], "company_id": comp[keep], "start": start[keep],
                       "end": end[keep], "current": cur[keep]})
    st["cid"] = pd.factorize(st["company_id"])[0]
    # tie rows x a's stints, then b's stints at the same company
    ties = pd.DataFrame({"row": np.arange(len(ta)), "a": ta, "b": tb})
    sa = ties.merge(st, left_on="a", right_on="code")[["row", "b", "cid", "company_id",
                                                        "start", "end", "current"]]
    if not len(sa):
        return empty
    sb = st[st["code"].isin(np.unique(sa["b"]))]
    m = sa.merge(sb[["code", "cid", "start", "end", "current"]], left_on=["b", "cid"],
                 right_on=["code", "cid"], suffixes=("_a", "_b"))
    if not len(m):
        return empty
    m["_start"] = np.fmax(m["start_a"].to_numpy(), m["start_b"].to_numpy())
    m = m.sort_values(["row", "_start"], kind="stable")   # the order _union needs, mostly
    return m[list(_OV_COLS)].reset_index(drop=True).astype(_OV_COLS)


def _prepare_overrides(sorted_keys: np.ndarray, order: np.ndarray, ids: pd.Index,
                       n_people: int, overrides: pd.DataFrame | None) -> pd.DataFrame:
    empty = pd.DataFrame({"row": pd.Series([], dtype="int64"),
                          "time": pd.Series([], dtype="float64"),
                          "strength": pd.Series([], dtype="float64")})
    if overrides is None or not len(overrides) or not len(sorted_keys):
        return empty
    a = person_codes(overrides["a"], ids)
    b = person_codes(overrides["b"], ids)
    t = days_of(overrides["timestamp"])
    s = overrides["strength"].to_numpy(dtype="float64")
    row = _tie_rows(sorted_keys, order, np.minimum(a, b) * n_people + np.maximum(a, b))
    ok = (a >= 0) & (b >= 0) & np.isfinite(t) & np.isfinite(s) & (row >= 0)
    out = pd.DataFrame({"row": row[ok].astype("int64"), "time": t[ok],
                        "strength": np.clip(s[ok], 0.0, 1.0)})
    return out.sort_values(["row", "time"], kind="stable").reset_index(drop=True)


def find_tie(prep: Prepared, a: str | int, b: str | int) -> int:
    """Row of the tie between *a* and *b* (person ids or codes, either order).

    Raises
    ------
    NotFoundError
        If either person is unknown or they have no tie.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring import prepare, find_tie
    >>> ties = schema.conform(pd.DataFrame({"a": ["in:a", "in:a"], "b": ["in:b", "in:c"]}),
    ...                       "ties")
    >>> find_tie(prepare(ties), "in:c", "in:a")
    1
    """
    codes = []
    for p in (a, b):
        if isinstance(p, (int, np.integer)):
            if not 0 <= int(p) < len(prep.person_ids):
                raise NotFoundError(f"no person with code {p}")
            codes.append(int(p))
        else:
            c = prep.person_ids.get_indexer([p])[0]
            if c < 0:
                raise NotFoundError(f"no person {p!r} in the network")
            codes.append(int(c))
    lo, hi = min(codes), max(codes)
    key = lo * len(prep.person_ids) + hi
    pos = int(np.searchsorted(prep._tie_keys, key))
    if pos >= len(prep._tie_keys) or prep._tie_keys[pos] != key:
        ida, idb = prep.person_ids[codes[0]], prep.person_ids[codes[1]]
        raise NotFoundError(f"{ida!r} and {idb!r} have no tie",
                            hint="strength is defined for connected people only")
    return int(prep._tie_order[pos])


def tie_row(prep: Prepared, pair: int | tuple[str | int, str | int]) -> int:
    """Row of a tie given as a row number or as two people (see :func:`find_tie`).

    Raises
    ------
    NotFoundError
        If the row is out of range, a person is unknown or the two have no tie.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.data import schema
    >>> from netgraph.scoring.prepare import prepare, tie_row
    >>> prep = prepare(schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties"))
    >>> tie_row(prep, 0), tie_row(prep, ("in:b", "in:a"))
    (0, 0)
    """
    if isinstance(pair, (int, np.integer)):
        if not 0 <= int(pair) < prep.n_ties:
            raise NotFoundError(f"no tie row {pair}")
        return int(pair)
    a, b = pair
    return find_tie(prep, a, b)
