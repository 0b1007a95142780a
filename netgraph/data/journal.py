"""The history of a network: every import and every change by hand, replayable.

A network's tables are a fold over its history: imports (the ``imports``
table, with what each read kept in ``import_data``), identity decisions
(``identity_decisions``, see :mod:`netgraph.data.decisions`) and changes made
by hand (``edits``: company aliases, logged interactions, strengths set by
hand). All three share one step counter, so the history has one order.

Undo is exact by construction: :func:`undo_import` replays the history
without that import from empty tables, running the same importers on the
same bytes in the same order, so the result is the network that would exist
had the import never happened (``DataFrame.equals``), whatever later imports,
merges or re-keyings it influenced. Keeping row-level attributions instead
(an ``import_id`` per row) could not undo what an import changed in rows it
did not add: a tie's earliest date and sources, a person's filled-in
employer, a re-keyed id, a job snapshot a history row replaced.

The price is that the workspace keeps what each import read (zlib-compressed,
once per distinct content) and that an undo costs a re-import of the rest.

Examples
--------
>>> import pandas as pd, netgraph as ng
>>> net = ng.Network()
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
>>> _ = net.import_contacts(pd.DataFrame({"name": ["Alan Turing"]}), owner="Ada")
>>> net.imports[["import_id", "file", "imported", "new_people"]].values.tolist()
[[1, '<DataFrame>', 1, 1], [2, '<DataFrame>', 1, 1]]
>>> net.undo_import(1)
>>> net.people["name"].tolist()
['Ada', 'Alan Turing']
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import hashlib
import io
import json
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from netgraph.data import schema
from netgraph.errors import InputError, NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from netgraph.data.merge import Tables
    from netgraph.sources.report import ImportReport

__all__ = [
    "FRAME_FILE",
    "LEGACY_KIND",
    "apply_edit",
    "export_dates",
    "import_history",
    "import_time",
    "legacy_imports",
    "next_seq",
    "record_edit",
    "record_import",
    "replay",
    "undo_import",
]

#: ``imports.file`` of an import from a DataFrame.
FRAME_FILE = "<DataFrame>"
#: ``imports.kind`` of the row standing for data imported before the history was kept.
LEGACY_KIND = "(before history)"
_FRAME_PART = "frame.json"
_KEPT_PART = "<rows read>.json"  # the rows a keeps_frame source read (see record_import)
#: While replaying: the original imports row of the import being replayed.
_REPLAYING: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "netgraph_replaying", default=None)


def _now() -> pd.Timestamp:
    return pd.Timestamp.now(tz="UTC")


def import_time() -> pd.Timestamp:
    """The time of the import running now: now, or the original time while replaying
    (so a replayed import decides as the original did)."""
    replaying = _REPLAYING.get()
    if replaying is not None and not pd.isna(replaying.get("time")):
        return pd.Timestamp(replaying["time"])
    return _now()


#: Key of the export date in ``imports.options`` (not an importer option: dropped on replay).
EXPORT_KEY = "_export"


def export_dates(t: Tables) -> pd.DataFrame:
    """The date of every export imported, as the import recorded it.

    Returns
    -------
    pandas.DataFrame
        One row per import that recorded an export date: ``import_id``,
        ``file``, ``kind``, ``owner_id``, ``as_of`` (UTC) and ``as_of_from``
        (how it was determined, see :mod:`netgraph.sources.export_date`).

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> list(export_dates(Tables.empty()).columns)
    ['import_id', 'file', 'kind', 'owner_id', 'as_of', 'as_of_from']
    """
    rows = []
    imp = t.imports
    for iid, file, kind, opts in zip(imp["import_id"], imp["file"], imp["kind"],
                                     imp["options"], strict=True):
        try:
            got = json.loads(opts or "{}").get(EXPORT_KEY)
        except (ValueError, AttributeError):
            got = None
        if isinstance(got, dict) and got.get("date"):
            rows.append({"import_id": int(iid), "file": file, "kind": kind,
                         "owner_id": str(got.get("owner_id") or ""),
                         "as_of": pd.Timestamp(got["date"]), "as_of_from": got.get("from", "")})
    out = pd.DataFrame(rows, columns=["import_id", "file", "kind", "owner_id", "as_of",
                                      "as_of_from"])
    out["as_of"] = pd.to_datetime(out["as_of"], utc=True)
    out["import_id"] = out["import_id"].astype("int64")
    return out


def next_seq(t: Tables) -> int:
    """The next step number of *t*'s history (imports, decisions and edits share it).

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> next_seq(Tables.empty())
    1
    """
    last = [int(f[c].max()) for f, c in ((t.imports, "import_id"),
                                         (t.identity_decisions, "seq"), (t.edits, "seq"))
            if len(f)]
    return max(last, default=0) + 1


def legacy_imports() -> pd.DataFrame:
    """The ``imports`` table of a workspace written before the history was kept:
    one row saying its data cannot be replayed (so undo says why it cannot).

    Examples
    --------
    >>> legacy_imports()[["import_id", "kind"]].values.tolist()
    [[0, '(before history)']]
    """
    row = {"import_id": [0], "file": ["(imported before netgraph kept an import history)"],
           "kind": [LEGACY_KIND], "time": [pd.NaT]}
    row.update({c: [0] for c in ("rows_read", "imported", "merged", "new_people", "repeat_of")})
    return schema.conform(pd.DataFrame(row), "imports")


# ---------------------------------------------------------------- what an import read
def _files_of(path: Path) -> list[tuple[str, bytes]]:
    if path.is_dir():
        return [(f"{path.name}/{p.relative_to(path).as_posix()}", p.read_bytes())
                for p in sorted(path.rglob("*")) if p.is_file()]
    return [(path.name, path.read_bytes())]


def _read_parts(what: Any) -> tuple[str, str, list[tuple[str, bytes]]]:
    """(file as given, sha256, [(part name, bytes)]) of what an import reads."""
    if isinstance(what, pd.DataFrame):
        digest = hashlib.sha256(what.to_csv(index=False).encode("utf-8")).hexdigest()
        return FRAME_FILE, digest, [(_FRAME_PART, _frame_bytes(what))]
    if isinstance(what, str | PathLike):
        path = Path(what)
        if not path.exists():  # the importer reports it; nothing to keep
            return str(what), "", []
        parts = _files_of(path)
        if path.is_file():
            return str(what), hashlib.sha256(parts[0][1]).hexdigest(), parts
    else:  # several paths (a team's exports): one part folder per path, in order
        items = list(what)
        parts = []
        for i, p in enumerate(items):
            if isinstance(p, pd.DataFrame) or not Path(p).exists():
                return "; ".join(map(str, items)), "", []
            parts += [(f"{i}/{name}", data) for name, data in _files_of(Path(p))]
        what = "; ".join(str(p) for p in items)
    h = hashlib.sha256()
    for name, data in parts:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return str(what), h.hexdigest(), parts


def _digest_of(what: Any) -> str:
    """sha256 of a file or folder's bytes, read in chunks (never whole into memory)."""
    path = Path(what)
    if not path.exists():
        return ""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    h = hashlib.sha256()
    for f in files:
        part = hashlib.sha256()
        with open(f, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                part.update(chunk)
        name = f.name if f == path else f"{path.name}/{f.relative_to(path).as_posix()}"
        h.update(name.encode("utf-8") + b"\0" + part.digest())
    return h.hexdigest()


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_json(orient="table", date_unit="ns", index=False).encode("utf-8")


def _pack(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 1)).decode("ascii")


def _unpack(text: str) -> bytes:
    return zlib.decompress(base64.b64decode(text))


def _jsonable_option(v: Any) -> Any:
    if isinstance(v, PathLike):
        return str(v)
    if isinstance(v, list | tuple):
        return [_jsonable_option(x) for x in v]
    return v


def record_import(t: Tables, report: ImportReport, what: Any, *, kind: str,
                  options: dict[str, Any], kept: pd.DataFrame | None = None) -> Tables:
    """*t* with the import that made it recorded in ``imports`` (and what it read kept).

    Called by :meth:`netgraph.sources.registry.Source.run` after every import.
    An import of bytes already imported is recorded too (imports are
    idempotent: it merges what is known), with ``repeat_of`` naming the first
    import of those bytes and a warning in *report*.

    Parameters
    ----------
    t : Tables
        The tables after the import.
    report : ImportReport
    what : path, DataFrame or list of paths
        What the importer read.
    kind : str
        The source's name.
    options : dict
        The importer's options (``owner`` and the source's own), to replay it.
    kept : pandas.DataFrame, optional
        For sources that keep the rows they read, not the file (see
        ``Source.keeps_frame``): the rows to keep. The import is still known by
        the file it read (its name, and the sha256 of its bytes, read in chunks).

    Returns
    -------
    Tables
    """
    replaying = _REPLAYING.get()
    stats = {"rows_read": report.rows_read, "imported": report.imported,
             "merged": report.merged, "new_people": report.new_people}
    if report.parts and not report.rows_read:
        for key in ("rows_read", "imported", "merged"):
            stats[key] = sum(getattr(p, key) for p in report.parts)
    if replaying is not None:
        file, digest, parts = replaying["file"], replaying["sha256"], []
        seq, when = int(replaying["import_id"]), replaying["time"]
    elif kept is not None and isinstance(what, str | PathLike):
        file, digest = str(what), _digest_of(what)
        parts = [(_KEPT_PART, _frame_bytes(kept))] if digest else []
        seq, when = next_seq(t), _now()
    else:
        file, digest, parts = _read_parts(what)
        seq, when = next_seq(t), _now()
    old = t.imports
    earlier = old.loc[(old["sha256"] == digest) & (digest != ""), "import_id"]
    repeat_of = int(earlier.iloc[0]) if len(earlier) else 0
    if repeat_of and replaying is None:
        report.warn(None, f"these bytes were already imported (import {repeat_of}): "
                          "nothing new unless the network changed since")
    owner = options.get("owner")
    owner_text = "; ".join(map(str, owner)) if isinstance(owner, list | tuple) else (
        "" if owner is None else str(owner))
    as_of = getattr(report, "as_of", None)
    if as_of is not None:  # when the export was made, and how that was determined
        options = {**options, EXPORT_KEY: {"date": pd.Timestamp(as_of).isoformat(),
                                           "from": getattr(report, "as_of_from", ""),
                                           "owner_id": getattr(report, "owner_id", "")}}
    row = pd.DataFrame({"import_id": [seq], "file": [file], "sha256": [digest], "kind": [kind],
                        "owner": [owner_text],
                        "options": [json.dumps({k: _jsonable_option(v)
                                                for k, v in options.items()}, sort_keys=True)],
                        "time": [when], **{k: [int(v)] for k, v in stats.items()},
                        "repeat_of": [repeat_of]})
    changes = {"imports": pd.concat([old, schema.conform(row, "imports")], ignore_index=True)}
    if parts and not (t.import_data["sha256"] == digest).any():
        data = pd.DataFrame({"sha256": digest, "part": [n for n, _ in parts],
                             "data": [_pack(b) for _, b in parts]})
        changes["import_data"] = pd.concat([t.import_data, schema.conform(data, "import_data")],
                                           ignore_index=True)
    return t.replace(**changes)


def import_history(t: Tables) -> pd.DataFrame:
    """The ``imports`` table as shown to users (without the replay options).

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> list(import_history(Tables.empty()).columns)[:4]
    ['import_id', 'file', 'sha256', 'kind']
    """
    return t.imports.drop(columns=["options"]).reset_index(drop=True)


# ---------------------------------------------------------------- edits by hand
def record_edit(t: Tables, kind: str, args: dict[str, Any]) -> Tables:
    """*t* with a change by hand (``"alias"``, ``"log"``, ``"strength"``, ``"ask"``,
    ``"ask_update"``) recorded, so
    a replay (undo, split) makes it again at the same step.

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> t = record_edit(Tables.empty(), "alias", {"alias": "Alphabet", "company": "Google"})
    >>> t.edits[["seq", "kind"]].values.tolist()
    [[1, 'alias']]
    """
    row = pd.DataFrame({"seq": [next_seq(t)], "kind": [kind],
                        "args": [json.dumps(args, sort_keys=True, default=str)],
                        "time": [_now()]})
    return t.replace(edits=pd.concat([t.edits, schema.conform(row, "edits")],
                                     ignore_index=True))


def apply_edit(t: Tables, kind: str, args: dict[str, Any]) -> Tables:
    """Make a recorded change by hand again (during a replay). A change about a person
    the replayed network does not have is left out, as it could not have been made.

    Examples
    --------
    >>> from netgraph.data.merge import Tables
    >>> apply_edit(Tables.empty(), "alias", {"alias": "Alphabet", "company": "Google"}).aliases
    {'alphabet': 'google'}
    """
    from netgraph.data import merge

    if kind == "alias":
        return merge.add_company_alias(t, args["alias"], args["company"])
    if kind == "log":
        if not {args["person_id"], args["other_id"]} <= set(t.ids):
            return t
        row = pd.DataFrame({k: [v] for k, v in args.items()})
        row["timestamp"] = pd.to_datetime(row["timestamp"], utc=True)
        return merge.add_interactions(t, row)[0]
    if kind == "strength":
        a, b = args["a"], args["b"]
        if not {a, b} <= set(t.ids):
            return t
        t, _ = merge.add_ties(t, pd.Series([a]), pd.Series([b]), pd.Series([pd.NaT]),
                              source="manual", owner="")
        return merge.add_overrides(t, a, b, pd.Timestamp(args["when"]), float(args["strength"]),
                                   args.get("note", ""))
    if kind == "ask":
        from netgraph.data.asks import add_ask

        if not {args["owner_id"], args["introducer_id"]} <= set(t.ids):
            return t
        args = dict(args)
        when = pd.Timestamp(args.pop("when"))
        prob = args.pop("probability", None)
        return add_ask(t, when=when, probability=float("nan") if prob is None else float(prob),
                       **args)
    if kind == "ask_update":
        from netgraph.data.asks import update_ask

        if not (t.asks["ask_id"] == args["ask_id"]).any():
            return t  # its ask was about someone the replayed network does not have
        person_id = args.get("person_id", "")
        return update_ask(t, int(args["ask_id"]), args["status"],
                          when=pd.Timestamp(args["when"]), note=args.get("note"),
                          person_id=person_id if person_id in set(t.ids) else "",
                          person=args.get("person", ""), company=args.get("company", ""))
    raise ValueError(f"unknown edit {kind!r}")


# ---------------------------------------------------------------- replay and undo
@contextlib.contextmanager
def _restored(t: Tables, digest: str) -> Iterator[Path]:
    """The parts of one import written back to a temporary folder; yields the path to
    import (the file, the folder, or the folder of several paths)."""
    rows = t.import_data[t.import_data["sha256"] == digest]
    with tempfile.TemporaryDirectory(prefix="netgraph-replay-") as tmp:
        root = Path(tmp)
        for name, data in zip(rows["part"], rows["data"], strict=True):
            out = root / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(_unpack(data))
        yield root


def _replay_import(t: Tables, row: dict[str, Any], source_tables: Tables) -> Tables:
    from netgraph.sources.registry import get_source

    options = {k: v for k, v in json.loads(row["options"]).items() if k != EXPORT_KEY}
    source = get_source(row["kind"])
    token = _REPLAYING.set(row)
    try:
        data = source_tables.import_data
        mine = data.loc[data["sha256"] == row["sha256"]]
        if row["file"] == FRAME_FILE or mine["part"].tolist() == [_KEPT_PART]:
            text = mine["data"].iloc[0]
            frame = pd.read_json(io.StringIO(_unpack(text).decode("utf-8")), orient="table")
            return source.run(t, frame, **options)[0]
        with _restored(source_tables, row["sha256"]) as root:
            top = sorted({n.split("/")[0] for n in source_tables.import_data.loc[
                source_tables.import_data["sha256"] == row["sha256"], "part"]})
            if isinstance(options.get("owner"), list):  # several paths, one folder each
                paths = []
                for i in range(len(options["owner"])):
                    inner = sorted((root / str(i)).iterdir())
                    paths.append(str(inner[0]))
                return source.run(t, paths, **options)[0]
            return source.run(t, str(root / top[0]), **options)[0]
    finally:
        _REPLAYING.reset(token)


def _check_replayable(t: Tables, skip: set[int]) -> None:
    imp = t.imports
    have = set(t.import_data["sha256"])
    bad = imp[~imp["import_id"].isin(list(skip)) & ~imp["sha256"].isin(list(have))]
    if len(bad):
        r = bad.iloc[0]
        why = ("this workspace holds data imported before netgraph kept an import history"
               if r["kind"] == LEGACY_KIND else
               f"what import {r['import_id']} ({r['file']}) read is not kept")
        raise InputError(f"cannot rebuild the network: {why}",
                         hint="Import your files again into a new workspace to be able to "
                              "undo imports and split people.")


def replay(t: Tables, *, skip_imports: Sequence[int] = (),
           skip_decisions: Sequence[int] = ()) -> Tables:
    """Rebuild *t* from its history, leaving out some imports or identity decisions.

    Every import is run again on the bytes it read, with its options, and
    every decision and change by hand is made again, in their original
    order. Left out, an import or a decision is as if it had never been made.

    Parameters
    ----------
    t : Tables
    skip_imports : sequence of int
        ``import_id`` values to leave out.
    skip_decisions : sequence of int
        ``identity_decisions.seq`` values to leave out.

    Returns
    -------
    Tables

    Raises
    ------
    InputError
        What an import read is not kept (data from before the history).

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    >>> replay(net.tables).people.equals(net.people)
    True
    """
    from netgraph.data import decisions
    from netgraph.data.merge import Tables

    skip_i, skip_d = {int(i) for i in skip_imports}, {int(s) for s in skip_decisions}
    _check_replayable(t, skip_i)
    steps: list[tuple[int, str, dict[str, Any]]] = []
    steps += [(int(r["import_id"]), "import", r) for r in t.imports.to_dict("records")
              if int(r["import_id"]) not in skip_i]
    steps += [(int(r["seq"]), "decision", r) for r in t.identity_decisions.to_dict("records")
              if int(r["seq"]) not in skip_d]
    steps += [(int(r["seq"]), "edit", r) for r in t.edits.to_dict("records")]
    steps.sort(key=lambda s: s[0])
    in_force = set(decisions.active_merges(t.identity_decisions)["seq"].tolist())
    out = Tables.empty()
    with decisions.undone_merges(t.identity_decisions):
        for seq, what, row in steps:
            if what == "import":
                out = _replay_import(out, row, t)
            elif what == "decision":
                out = decisions.replay_decision(out, row, in_force=seq in in_force)
            else:
                out = apply_edit(out, row["kind"], json.loads(row["args"]))
                out = out.replace(edits=pd.concat(
                    [out.edits, schema.conform(pd.DataFrame([row]), "edits")],
                    ignore_index=True))
    used = set(out.imports["sha256"])
    data = t.import_data[t.import_data["sha256"].isin(list(used))].reset_index(drop=True)
    return out.replace(import_data=data)


def undo_import(t: Tables, import_id: int) -> Tables:
    """*t* as if import *import_id* had never happened (see :func:`replay`).

    People only that import added are gone, rows it changed are as they
    were, later imports are as they would have been without it, and the
    import leaves the history (what it read too, unless another import read
    the same bytes).

    Raises
    ------
    NotFoundError
        No import has that id (the message lists the ids).
    InputError
        The history cannot be replayed (data from before the history).

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
    >>> len(undo_import(net.tables, 1).people)
    0
    """
    ids = t.imports["import_id"]
    try:
        import_id = int(import_id)
    except (TypeError, ValueError):
        import_id = -1
    if import_id not in set(ids.tolist()) or import_id == 0:
        known = [str(i) for i in ids if i]
        raise NotFoundError(f"no import {import_id}" if import_id >= 0 else
                            "an import id is a whole number", suggestions=known[-10:],
                            hint="Import ids are listed by Network.imports.",
                            cli_hint="Run `netgraph imports` for the ids.")
    return replay(t, skip_imports=[import_id])
