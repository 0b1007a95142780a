"""The ``netgraph`` command line: a thin layer over :class:`netgraph.Network`.

The network lives in a workspace file (SQLite, default ``./netgraph.db``,
``--db`` to choose). Commands that change it load it, apply the change, and
save it atomically, so an interrupted import leaves the previous state
intact. User errors print one message with a hint and exit 1 (no traceback);
usage errors exit 2.

Examples
--------
>>> import pathlib, tempfile
>>> from netgraph.cli import main
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "contacts.csv").write_text("name,company\\nGrace Hopper,Acme Inc\\n")
>>> db = str(d / "netgraph.db")
>>> main(["--db", db, "import", "contacts", str(d / "contacts.csv"), "--owner", "Ada"])
... # doctest: +ELLIPSIS
/.../contacts.csv (contacts): 1 rows read, 1 imported, 0 merged, 0 skipped, 1 new people
saved /.../netgraph.db: <Network: 2 people, 1 companies, 1 ties, 0 interactions, owners: Ada>
0
>>> main(["--db", db, "introducers", "Acme"])
introducer    source  probability  routes  hops  path
------------  ------  -----------  ------  ----  -------------------------------
Grace Hopper  Ada     0.03         1       1     Ada -> Grace Hopper -> Acme Inc
0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from netgraph.data.schema import CHANNELS

__all__ = ["main"]

DEFAULT_DB = "netgraph.db"


# ---------------------------------------------------------------- output helpers

class Progress:
    """A one-line progress bar on stderr; silent when not a terminal or when quiet."""

    def __init__(self, total: int, label: str, quiet: bool = False) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self.on = not quiet and sys.stderr.isatty()

    def step(self, what: str) -> None:
        self.done += 1
        if self.on:
            width = 24
            fill = int(width * self.done / self.total)
            sys.stderr.write(f"\r{self.label} [{'#' * fill}{'.' * (width - fill)}] "
                             f"{self.done}/{self.total} {what[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\n")


def _jsonable(v: Any) -> Any:
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.isoformat()
    if v is pd.NaT or v is None:
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return None  # JSON has no NaN or infinity
    if hasattr(v, "item"):
        return _jsonable(v.item())
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v


def _frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _jsonable(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _print_json(obj: Any) -> None:
    print(json.dumps(_jsonable(obj), indent=2, ensure_ascii=False))


def _fmt_cell(v: Any) -> str:
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else v.strftime("%Y-%m-%d")
    if v is None or v is pd.NaT or v is pd.NA:
        return ""
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.2f}"
    return str(v)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _print_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
                 max_width: int = 40) -> None:
    """Aligned columns; cells longer than *max_width* are clipped with an ellipsis,
    except in the last column, which is printed in full."""
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]]
    if not len(frame):
        print("(nothing)")
        return
    cells = [[_fmt_cell(v) for v in row] for row in frame.itertuples(index=False)]
    heads = [str(c) for c in frame.columns]
    last = len(heads) - 1
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(heads)]
    widths = [w if i == last else min(w, max_width) for i, w in enumerate(widths)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
    print("  ".join("-" * min(w, max_width) for w in widths))
    for r in cells:
        print("  ".join(_clip(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


#: Columns shown in the human tables (``--json`` gives every column).
INTRODUCER_COLUMNS = ["introducer", "source", "probability", "score", "routes", "hops", "path"]
REACH_COLUMNS = ["company", "probability", "score", "hops", "source", "introducer", "person",
                 "current", "n_current", "n_former"]
PING_COLUMNS = ["person", "strength", "tier", "last_contact", "due", "goes_cold_on", "reason"]


def _path_record(rank: int, p: Any) -> dict[str, Any]:
    return {
        "rank": rank, "probability": p.probability, "source": p.source,
        "introducer": p.introducer, "target_person": p.target_person, "company": p.company,
        "people": list(p.people), "person_ids": list(p.person_ids),
        "weakest": {"from": p.weakest.from_, "to": p.weakest.to,
                    "strength": p.weakest.strength},
        "hops": [{"from": h.from_, "to": h.to, "from_id": h.from_id, "to_id": h.to_id,
                  "strength": h.strength, "kind": h.kind, "evidence": h.evidence}
                 for h in p.hops],
    }


# ---------------------------------------------------------------- workspace

def _missing(db: str):
    from netgraph.errors import WorkspaceError

    return WorkspaceError(f"no workspace at {db}",
                          hint="Import something first, e.g. `netgraph import linkedin "
                               "export.zip --owner \"Your Name\"`, or pass --db.")


def _engine(args: argparse.Namespace) -> str:
    """The engine named by --engine, else $NETGRAPH_ENGINE, else pandas."""
    return getattr(args, "engine", None) or os.environ.get("NETGRAPH_ENGINE") or "pandas"


def _load(db: str, engine: str = "pandas"):
    from netgraph.network import Network

    if not Path(db).exists():
        raise _missing(db)
    return Network.load(db, engine=engine)


@contextlib.contextmanager
def _editing(db: str, create: bool = False):
    """The workspace, loaded, changed and saved under its writer lock: a command that
    writes never loses another's change; it waits (and says so) while one is writing."""
    from netgraph.network import Network

    if not create and not Path(db).exists():
        raise _missing(db)
    with Network.edit(db, create=create, on_wait=lambda msg: print(msg, file=sys.stderr)
                      ) as net:
        yield net


# ---------------------------------------------------------------- commands

def cmd_import(args: argparse.Namespace) -> int:
    from netgraph.errors import InputError
    from netgraph.sources.registry import get_source

    source = get_source(args.kind)
    owners = args.owner or []
    options = {name: getattr(args, name) for name in source.options
               if getattr(args, name, None) is not None}
    if len(owners) > 1 and source.pooled is None:
        raise InputError(
            f"--owner takes one name for {source.name}, not {len(owners)} ("
            + ", ".join(repr(o) for o in owners) + ")",
            hint=f"Import each person's {source.name} with its own command: netgraph import "
                 f"{source.name} FILE --owner \"Full Name\"")
    from netgraph.sources._progress import quiet

    with _editing(args.db, create=True) as net, quiet(args.quiet):
        # nothing is written unless every file imported; --quiet: no progress bars
        reports = []
        if len(owners) > 1:
            # one owner per file, pooled in one pass (a team's LinkedIn exports)
            bar = Progress(1, f"importing {len(args.paths)} {source.name} files", args.quiet)
            reports.append(net.import_source(source.name, list(args.paths), owner=owners,
                                             **options))
            bar.step("team")
        else:
            if source.needs_owner:
                options["owner"] = owners[0] if owners else None
            bar = Progress(len(args.paths), f"importing {source.name}", args.quiet)
            for path in args.paths:
                reports.append(net.import_source(source.name, path, **options))
                bar.step(Path(path).name)
        bar.close()
    if args.json:
        _print_json([{"file": r.file, "kind": r.kind, "rows_read": r.rows_read,
                      "imported": r.imported, "merged": r.merged, "new_people": r.new_people,
                      "issues": _frame_records(r.issues())} for r in reports])
    else:
        for r in reports:
            print(r)
        print(f"saved {args.db}: {net!r}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    if args.json:
        _print_json({"people": len(net.people), "companies": len(net.companies),
                     "ties": len(net.ties), "interactions": len(net.interactions),
                     "owners": net.owners["name"].tolist(), "targets": net.targets})
    else:
        print(net.summary())
    return 0


def _exclude(args: argparse.Namespace) -> list[str]:
    return list(args.exclude or [])


def _role(args: argparse.Namespace) -> dict[str, Any]:
    """The role filter and objective options of a path command, as keyword arguments."""
    roles = getattr(args, "role", None) or []
    out: dict[str, Any] = {"role": None if not roles else roles[0] if len(roles) == 1 else roles,
                           "title": getattr(args, "title", None)}
    if getattr(args, "objective", None):
        out["objective"] = args.objective
    return out


def cmd_paths(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    paths = net.warm_paths(args.target, source=args.source, k=args.k, max_hops=args.max_hops,
                           at=args.at, exclude=_exclude(args), **_role(args))
    _write_csv(args, paths.to_frame())
    if args.json:
        _print_json({"target": paths.target, "reason": paths.reason,
                     "paths": [_path_record(i + 1, p) for i, p in enumerate(paths)]})
        return 0
    if not paths:
        print(f"No warm path to {args.target}: {paths.reason}")
        return 0
    print(f"Warm paths to {paths.target}:")
    for i, p in enumerate(paths, 1):
        print(f"{i}. {p}")
    return 0


def _write_csv(args: argparse.Namespace, frame: pd.DataFrame) -> None:
    if getattr(args, "csv", None):
        from netgraph.sources.csvfile import to_safe_csv

        to_safe_csv(frame, args.csv)  # cells that a spreadsheet would run are neutralised
        print(f"wrote {args.csv}", file=sys.stderr)


def _emit(args: argparse.Namespace, frame: pd.DataFrame, columns: Sequence[str]) -> None:
    """Print *frame* as JSON or a table; also write it to ``--csv`` when asked."""
    _write_csv(args, frame)
    if args.json:
        _print_json(_frame_records(frame))
    else:
        _print_table(frame, columns)


def cmd_introducers(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    frame = net.introducers(args.target, source=args.source, max_hops=args.max_hops,
                            at=args.at, exclude=_exclude(args), **_role(args))
    _emit(args, frame, INTRODUCER_COLUMNS)
    return 0


def cmd_reach(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    frame = net.reach(args.companies or None, source=args.source, max_hops=args.max_hops,
                      at=args.at, **_role(args))
    if args.n:
        frame = frame.head(args.n)
    _emit(args, frame, REACH_COLUMNS)
    return 0


#: Columns of ``netgraph people at`` and ``netgraph changes`` (``--json``: all).
PEOPLE_AT_COLUMNS = ["person", "title", "role", "current", "start", "end", "probability", "hops",
                     "introducer", "source"]
CHANGE_COLUMNS = ["detected", "person", "from_company", "to_company", "to_title", "new_way_in",
                  "probability", "best_path", "evidence"]


def cmd_people_at(args: argparse.Namespace) -> int:
    net = _load(args.db)
    kw = _role(args)
    kw.pop("objective", None)
    frame = net.people_at(args.company, source=args.source, max_hops=args.max_hops, at=args.at,
                          **kw)
    if not len(frame) and not args.json:
        print(f"Nobody: {frame.attrs.get('reason', '')}")
        return 0
    _emit(args, frame, PEOPLE_AT_COLUMNS)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    net = _load(args.db)
    frame = net.job_changes(since=args.since, at=args.at)
    _emit(args, frame, CHANGE_COLUMNS)
    if not args.json and frame["new_way_in"].any():
        n = int(frame["new_way_in"].sum())
        print(f"\n{n} move{'s' if n != 1 else ''} into your targets: new ways in "
              "(`netgraph paths COMPANY` for every path).")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from netgraph.errors import InputError

    net = _load(args.db)
    paths = net.warm_paths(args.target, source=args.source, k=max(args.path, 5),
                           max_hops=args.max_hops, at=args.at, exclude=_exclude(args),
                           **_role(args))
    if not paths:
        raise InputError(f"no warm path to {args.target}: {paths.reason}",
                         hint="Try --max-hops 4, or another --role.")
    if args.path > len(paths):
        raise InputError(f"--path {args.path} is out of range: {len(paths)} path(s) to "
                         f"{paths.target}", expected=f"a number from 1 to {len(paths)}")
    print(f"# To {paths[args.path - 1].introducer} (path {args.path}: "
          f"{paths[args.path - 1].text()}). Edit it and send it yourself; nothing is sent.\n")
    print(net.draft_intro(args.path - 1, me=args.me, why=args.why))
    return 0


def cmd_strength(args: argparse.Namespace) -> int:
    from netgraph.errors import NotFoundError

    net = _load(args.db, _engine(args))
    value = net.strength(args.person, args.other, at=args.at)  # unknown names raise here
    try:
        exp = net.explain_strength(args.person, args.other, at=args.at)
    except NotFoundError:  # both are known but share no tie
        exp = None
    if args.json:
        _print_json({"person": args.person, "other": args.other, "strength": value,
                     "connected": exp is not None, **_explanation_record(exp)})
        return 0
    if exp is None:
        who = args.other or "any owner"
        print(f"{args.person}: no tie with {who} on record (strength 0). "
              f"Try `netgraph paths \"{args.person}\"` for a way to reach them.")
    else:
        print(exp)
    return 0


#: The fields of a strength explanation in ``netgraph strength --json``.
EXPLANATION_FIELDS = ("tier", "at", "components", "contributions", "evidence")


def _explanation_record(exp: Any) -> dict[str, Any]:
    """The fields of a :class:`~netgraph.scoring.StrengthExplanation` (None
    without a tie), and its text as ``explanation``."""
    record = {f: None if exp is None else getattr(exp, f) for f in EXPLANATION_FIELDS}
    record["explanation"] = None if exp is None else str(exp)
    return record


def cmd_fit(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        report = net.fit_strength(horizon=args.horizon, at=args.at)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(report)
    return 0


def cmd_ping(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    frame = net.ping_list(at=args.at, n=args.n or None, source=args.source)
    # a team's list says whose tie each row is (whichever owners the top rows belong to)
    team = args.source is None and len(net.owners) > 1
    _emit(args, frame, [PING_COLUMNS[0], "owner_name", *PING_COLUMNS[1:]] if team
          else PING_COLUMNS)
    if args.ics:
        from netgraph.views.pinglist import write_ics

        print(write_ics(frame, args.ics, emails=args.ics_emails), file=sys.stderr)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    direction = "" if args.direction == UNKNOWN_DIRECTION else args.direction
    with _editing(args.db) as net:
        net.log_interaction(args.person, when=args.when, channel=args.channel,
                            direction=direction, note=args.note, other=args.other)
    print(f"logged a {args.channel} with {args.person}; strength now "
          f"{net.strength(args.person, args.other):.2f}")
    return 0


#: Columns of ``netgraph asks`` (``--json``: all).
ASK_COLUMNS = ["ask_id", "status", "introducer", "target", "person", "about", "asked_on",
               "updated_on", "probability", "note"]


def cmd_ask(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        ask_id = net.ask(args.introducer, args.target, about=args.about, via=args.via,
                         note=args.note, when=args.when, source=args.source)
        row = net.asks[net.asks["ask_id"] == ask_id].iloc[0]
    chance = ("" if math.isnan(row["probability"]) else
              f" (best path through them: chance {row['probability']:.2f})")
    print(f"ask {ask_id}: asked {row['introducer']} about {row['about'] or row['target']}"
          f"{chance}; move it on with `netgraph ask-update {ask_id} introduced`")
    return 0


def cmd_ask_update(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        net.update_ask(args.ask_id, args.status, when=args.when, note=args.note,
                       person=args.person)
        row = net.asks[net.asks["ask_id"] == args.ask_id].iloc[0]
    met = f" to {row['person']}" if row["person"] and row["status"] != "asked" else ""
    print(f"ask {args.ask_id} ({row['introducer']}{met}, {row['target']}): now {row['status']}")
    return 0


def cmd_asks(args: argparse.Namespace) -> int:
    frame = _load(args.db).asks
    if args.open:
        from netgraph.data.asks import OPEN

        frame = frame[frame["status"].isin(list(OPEN))]
    _emit(args, frame, ASK_COLUMNS)
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    if args.companies:
        with _editing(args.db) as net:
            net.set_targets(args.companies)  # unknown names raise, with suggestions
    else:
        net = _load(args.db, _engine(args))
    print("targets: " + (", ".join(net.targets) or "(none)"))
    return 0


def cmd_alias(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        net.add_company_alias(args.alias, args.company)
    print(f"{args.alias!r} is now an alias of {args.company!r}")
    return 0


#: Columns of ``netgraph imports`` and ``netgraph people suggest`` (``--json``: all).
IMPORT_COLUMNS = ["import_id", "time", "kind", "owner", "rows_read", "imported", "merged",
                  "new_people", "repeat_of", "file"]
SUGGEST_COLUMNS = ["a", "b", "name_a", "company_a", "name_b", "company_b", "score", "evidence"]


def cmd_imports(args: argparse.Namespace) -> int:
    _emit(args, _load(args.db, _engine(args)).imports, IMPORT_COLUMNS)
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        row = net.imports[net.imports["import_id"] == args.import_id]
        net.undo_import(args.import_id)  # an unknown id raises, listing the ids
    print(f"undid import {args.import_id} ({row['file'].iloc[0]}); saved {args.db}: {net!r}")
    return 0


def cmd_people_suggest(args: argparse.Namespace) -> int:
    frame = _load(args.db, _engine(args)).person_suggestions(threshold=args.threshold)
    _emit(args, frame, SUGGEST_COLUMNS)
    if not args.json and len(frame):
        print("\nMerge a pair with `netgraph people merge A B` (B folds into A), or keep it "
              "apart with `netgraph people distinct A B`.")
    return 0


def cmd_people_merge(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        pid = net.merge_people(args.a, args.b, note=args.note or "")
    print(f"merged {args.b!r} into {args.a!r}: now {pid} (undo: netgraph people split {pid})")
    return 0


def cmd_people_split(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        back = net.split_person(args.person, args.other)
    print(f"split {back} from {args.person!r}; saved {args.db}: {net!r}")
    return 0


def cmd_people_distinct(args: argparse.Namespace) -> int:
    with _editing(args.db) as net:
        net.mark_distinct(args.a, args.b, note=args.note or "")
    print(f"{args.a!r} and {args.b!r} are two people: no longer suggested")
    return 0


def cmd_html(args: argparse.Namespace) -> int:
    net = _load(args.db, _engine(args))
    paths = net.warm_paths(args.target, k=args.k) if args.target else None
    out = net.to_html(args.out, paths=paths, max_nodes=args.max_nodes, title=args.title)
    from netgraph.views.html import describe_page

    print(f"wrote {out}")
    print(describe_page(out))  # what the page leaves out, and how to see it
    return 0


def _sample_dir() -> Path:
    here = Path.cwd() / "sample_data"
    if (here / "maya_okafor" / "Connections.csv").exists():
        return here
    repo = Path(__file__).resolve().parent.parent / "sample_data"
    if (repo / "maya_okafor" / "Connections.csv").exists():
        return repo
    from netgraph.sample import write_sample_data

    tmp = Path(tempfile.mkdtemp(prefix="netgraph-sample-"))
    write_sample_data(tmp)
    return tmp


def _demo_state(net: Any, target: str, at: Any, paths: Any = None) -> dict[str, Any]:
    """What the demo compares before and after the mail step: ties with evidence, the
    best path to the target, and who is on the ping list."""
    inter, ties = net.interactions, net.ties
    pa = inter["person_id"].astype(str).to_numpy()
    pb = inter["other_id"].astype(str).to_numpy()
    pairs = set(zip(*sorted_pairs(pa, pb), strict=True))
    tied = set(zip(ties["a"].astype(str), ties["b"].astype(str), strict=True))
    if paths is None:
        paths = net.warm_paths(target, k=1, at=at)
    best = next(iter(paths), None)
    return {"ties": len(tied), "evidence": len(pairs & tied),
            "best": (best.probability, str(best)) if best is not None else (0.0, "none"),
            "ping": list(net.ping_list(at=at, n=10)["person"])}


def sorted_pairs(a: Any, b: Any) -> tuple[Any, Any]:
    """Each (a, b) pair with the smaller id first (ties store ``a < b``)."""
    import numpy as np

    lo = np.where(a < b, a, b)
    hi = np.where(a < b, b, a)
    return lo, hi


def _print_demo_change(before: dict[str, Any], after: dict[str, Any]) -> None:
    more = after["evidence"] - before["evidence"]
    print(f"with e-mail and calendar: {more} more ties with evidence "
          f"({before['evidence']} -> {after['evidence']} of {after['ties']} ties)")
    print(f"top path probability {before['best'][0]:.2f} -> {after['best'][0]:.2f}")
    if before["best"][1] != after["best"][1]:
        print(f"  before: {before['best'][1]}\n  after:  {after['best'][1]}")
    came = [p for p in after["ping"] if p not in before["ping"]]
    went = [p for p in before["ping"] if p not in after["ping"]]
    print(f"ping list (top 10) changes: {len(came)} in, {len(went)} out"
          + (f"; in: {', '.join(came)}" if came else "")
          + (f"; out: {', '.join(went)}" if went else ""))


def cmd_demo(args: argparse.Namespace) -> int:
    from netgraph.network import Network
    from netgraph.sample import OWNERS, TARGET_COMPANY
    from netgraph.sample_mail import MAIL_FILES

    data = Path(args.data) if args.data else _sample_dir()
    target = args.target or TARGET_COMPANY
    net = Network(engine=_engine(args))
    print(f"== 1. Import the sample team from {data}")
    bar = Progress(len(OWNERS) * 2 + 1, "importing", args.quiet)
    for folder_name, owner in OWNERS.items():
        folder = data / folder_name
        net.import_linkedin(folder, owner=owner)
        bar.step(f"{owner}: LinkedIn export")
        log = folder / "interactions.csv"
        if log.exists():
            net.import_interactions(log, owner=owner)
        bar.step(f"{owner}: interactions")
    net.import_affiliations(data / "affiliations.csv")
    bar.step("job history")
    bar.close()
    print(net.summary())
    at = args.at
    mail = [(folder_name, owner) for folder_name, owner in OWNERS.items()
            if all((data / folder_name / f).exists() for f in MAIL_FILES)]
    paths = None
    if mail:
        print("\n== 1b. Add e-mail, calendars and address books "
              "(mail.mbox, calendar.ics, contacts.vcf)")
        before = _demo_state(net, target, at)
        bar = Progress(len(mail) * 3, "importing", args.quiet)
        for folder_name, owner in mail:
            folder = data / folder_name
            net.import_vcard(folder / "contacts.vcf", owner=owner)
            bar.step(f"{owner}: address book")
            net.import_email(folder / "mail.mbox", owner=owner)
            bar.step(f"{owner}: mailbox")
            net.import_calendar(folder / "calendar.ics", owner=owner)
            bar.step(f"{owner}: calendar")
        bar.close()
        paths = net.warm_paths(target, k=5, at=at)
        _print_demo_change(before, _demo_state(net, target, at, paths))
    print(f"\n== 2. Warm paths to {target}")
    if paths is None:
        paths = net.warm_paths(target, k=5, at=at)
    if not paths:
        print(f"No warm path: {paths.reason}")
    for i, p in enumerate(paths, 1):
        print(f"{i}. {p}")
    print(f"\n== 3. Whom to ask about {target}")
    _print_table(net.introducers(target, at=at).head(5), INTRODUCER_COLUMNS)
    print("\n== 4. Which companies are warm for the team (top 8)")
    _print_table(net.reach(at=at).head(8), REACH_COLUMNS)
    net.set_targets([target])
    print("\n== 5. Whom to ping before a useful tie goes cold (top 10)")
    _print_table(net.ping_list(at=at, n=10), [PING_COLUMNS[0], "owner_name", *PING_COLUMNS[1:]])
    out = Path(args.out)
    net.to_html(out, paths=paths, title=f"Warm paths to {target}")
    from netgraph.views.html import describe_page

    print(f"\n== 6. Interactive graph written to {out.resolve()}")
    print(describe_page(out))
    if args.db:
        net.save(args.db)
        print(f"workspace saved to {args.db}")
    return 0


# ---------------------------------------------------------------- parser

#: What ``netgraph log --direction unknown`` records: no direction.
UNKNOWN_DIRECTION = "unknown"


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default, unless it has none (or says it)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (not action.option_strings or default is None or default is False
                or default is argparse.SUPPRESS or default == [] or "(default" in text):
            return text
        return text + " (default: %(default)s)"


def _whole_number(lo: int, hi: int | None = None) -> type[argparse.Action]:
    """An argparse action taking a whole number from *lo* to *hi*; anything else is a
    usage error of the command, naming the flag as typed (``--max-hops 0: ...``)."""

    class WholeNumber(argparse.Action):
        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: Any, option_string: str | None = None) -> None:
            try:
                value = int(values)
            except ValueError:
                value = None
            if value is None or value < lo or (hi is not None and value > hi):
                span = f"from {lo} to {hi}" if hi is not None else f"of at least {lo}"
                parser.error(f"{option_string} {values}: expected a whole number {span}")
            setattr(namespace, self.dest, value)

    return WholeNumber


def _direction(text: str) -> str:
    """argparse type of ``--direction``: an empty value means unknown."""
    return text.strip().lower() or UNKNOWN_DIRECTION


#: The date options, read with :func:`netgraph._time.as_utc` before a command runs.
DATE_FLAGS = {"at": "--at", "when": "--when", "since": "--since"}


def _read_dates(args: argparse.Namespace) -> None:
    """Turn the date options into timestamps; a bad one is an error naming its flag."""
    from netgraph._time import as_utc
    from netgraph.errors import InputError

    for dest, flag in DATE_FLAGS.items():
        value = getattr(args, dest, None)
        if not isinstance(value, str):
            continue
        try:
            setattr(args, dest, as_utc(value, default=None, name=flag))
        except InputError as err:
            raise InputError(f"{flag} {value!r} is not a date", expected=err.expected,
                             hint=err.cli_hint or err.hint) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``netgraph`` command.

    Global options (``--db``, ``--quiet``) are accepted before or after the
    command. ``netgraph import KIND`` has one sub-command per registered
    source (:mod:`netgraph.sources.registry`).

    Examples
    --------
    >>> args = build_parser().parse_args(["paths", "Acme", "-k", "3", "--db", "team.db"])
    >>> args.command, args.target, args.k, args.db
    ('paths', 'Acme', 3, 'team.db')
    >>> build_parser().parse_args(["import", "contacts", "c.csv", "--owner", "Ada"]).kind
    'contacts'
    """
    from netgraph import __version__
    from netgraph.sources.registry import sources

    def global_opts(parser: argparse.ArgumentParser, default: Any) -> None:
        # accepted before or after the command: `netgraph --db x paths ...` and
        # `netgraph paths ... --db x`; the command's copy only overrides when given
        parser.add_argument("--db", default=default,
                            help=f"workspace file (default: $NETGRAPH_DB or ./{DEFAULT_DB}; "
                                 "demo: save only when given)")
        parser.add_argument("--quiet", "-q", action="store_true", default=default,
                            help="no progress bars")
        parser.add_argument("--engine", default=default, metavar="NAME",
                            help="compute engine for scoring: pandas, duckdb or spark "
                                 "(default: $NETGRAPH_ENGINE or pandas)")

    p = argparse.ArgumentParser(
        prog="netgraph", formatter_class=_HelpFormatter,
        description="Who can introduce me to someone at the company I want to work for? "
                    "Everything runs locally; nothing leaves this machine.",
        epilog="Run `netgraph demo` for a tour on the sample data, and "
               "`netgraph COMMAND --help` for a command's options.")
    global_opts(p, None)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    global_opts(common, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func, help_: str, group=sub) -> argparse.ArgumentParser:
        sp = group.add_parser(name, help=help_, description=help_, parents=[common],
                              formatter_class=_HelpFormatter)
        # the parser travels with the arguments: its usage goes with its errors
        sp.set_defaults(func=func, _parser=sp)
        return sp

    def json_flag(sp: argparse.ArgumentParser, csv: bool = False) -> None:
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        if csv:
            sp.add_argument("--csv", metavar="FILE",
                            help="also write the table to a CSV file (safe to open in a "
                                 "spreadsheet: formula-like cells are neutralised)")

    def at_opt(sp: argparse.ArgumentParser, what: str) -> None:
        sp.add_argument("--at", metavar="DATE",
                        help=f"{what} at this date, YYYY-MM-DD (default: today)")

    def path_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--source", help="start at this owner (default: every owner)")
        sp.add_argument("--max-hops", action=_whole_number(1, 20), default=3, metavar="N",
                        help="person-to-person hops at most (1 to 20)")
        at_opt(sp, "evaluate strengths")

    def exclude_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--exclude", action="append", metavar="NAME",
                        help="person or company to avoid (repeat for several)")

    def role_opts(sp: argparse.ArgumentParser, objective: bool = True) -> None:
        sp.add_argument("--role", action="append", metavar="ROLE",
                        help="only someone in this role there: recruiter, 'hiring manager', "
                             "engineering, product, design, data, sales, leadership, or a "
                             "title pattern (repeat for a list of title words)")
        sp.add_argument("--title", metavar="PATTERN",
                        help="only someone whose title matches this regular expression")
        if objective:
            sp.add_argument("--objective", metavar="NAME",
                            help="what warmest means: likely_intro (default: the most "
                                 "likely introduction) or job_mobility (moderately weak "
                                 "ties first, Rajkumar et al. 2022)")

    sp = add("demo", cmd_demo, "run the main job on the sample data and write demo.html")
    sp.add_argument("--out", default="demo.html", help="HTML file to write")
    sp.add_argument("--target", help="target company (default: Acme Robotics)")
    sp.add_argument("--data", help="sample data folder (default: the shipped sample_data)")
    at_opt(sp, "evaluate")

    sp = add("import", None, "import data into the workspace")
    kinds = sp.add_subparsers(dest="kind", required=True, metavar="KIND",
                              title="kinds of data (netgraph import KIND --help)")
    for source in sources():
        kp = add(source.name, cmd_import, source.help.replace("%", "%%"), group=kinds)
        kp.add_argument("paths", nargs="+", metavar="PATH",
                        help="what to import: " + ", ".join(
                            "folder" if k == "folder" else f".{k} file"
                            for k in source.file_kinds))
        if source.needs_owner:
            team = ("; for several files, one --owner per file, in order"
                    if source.pooled is not None else "")
            kp.add_argument("--owner", action="append", metavar="NAME",
                            help="whose data this is (a name or profile URL; default: the "
                                 f"workspace's only owner){team}")
        else:
            kp.add_argument("--owner", action="append", metavar="NAME",
                            help=f"not used: {source.name} rows name their people")
        for name, help_ in source.options.items():
            flag = ({"action": "store_true", "default": None} if name in source.switches else
                    {"action": "append"} if name in source.repeatable else {})
            kp.add_argument("--" + name.replace("_", "-"), dest=name,
                            help=help_.replace("%", "%%"), **flag)
        json_flag(kp)

    sp = add("summary", cmd_summary, "what the workspace holds")
    json_flag(sp)

    sp = add("paths", cmd_paths, "warmest introduction paths to a company or person")
    sp.add_argument("target", help="a company (any spelling) or a person")
    sp.add_argument("-k", action=_whole_number(1, 10_000), default=5, metavar="K",
                    help="paths through k different introducers")
    exclude_opt(sp)
    role_opts(sp)
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("introducers", cmd_introducers, "whom among your contacts to ask about a target")
    sp.add_argument("target", help="a company (any spelling) or a person")
    exclude_opt(sp)
    role_opts(sp)
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("draft", cmd_draft, "draft a message asking an introducer for an introduction "
             "(plain text to edit and send yourself; nothing is sent)")
    sp.add_argument("target", help="a company (any spelling) or a person")
    sp.add_argument("--path", action=_whole_number(1, 10_000), default=1, metavar="N",
                    help="which path of `netgraph paths TARGET` (1 = the best)")
    sp.add_argument("--me", help="the name to sign with (default: the path's owner)")
    sp.add_argument("--why", help="why you want to meet them, in one sentence")
    exclude_opt(sp)
    role_opts(sp)
    path_opts(sp)

    sp = add("changes", cmd_changes, "who changed employer between your imports; moves into "
             "your targets are new ways in")
    sp.add_argument("--since", metavar="DATE", help="only moves detected since this date")
    at_opt(sp, "evaluate the new paths")
    json_flag(sp, csv=True)

    sp = add("reach", cmd_reach, "which companies are warm for you")
    sp.add_argument("companies", nargs="*", help="companies (default: every company)")
    sp.add_argument("-n", action=_whole_number(0), default=20, metavar="N",
                    help="rows to show (0 = all)")
    role_opts(sp)
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("strength", cmd_strength, "how warm a tie is, and why")
    sp.add_argument("person", help="name, profile URL, e-mail or person id")
    sp.add_argument("--other", help="the other person (default: the owner)")
    at_opt(sp, "score the tie")
    json_flag(sp)

    sp = add("fit", cmd_fit, "learn what strength means from your own history")
    sp.add_argument("--horizon", default="90D", metavar="DURATION",
                    help="strength = chance of two-way contact within this time, e.g. "
                         "30D or 12h (default: 90D)")
    sp.add_argument("--at", metavar="DATE",
                    help="learn from history up to this date, YYYY-MM-DD (default: all)")
    json_flag(sp)

    sp = add("ping", cmd_ping, "whom to ping before a useful tie goes cold")
    sp.add_argument("-n", action=_whole_number(0), default=20, metavar="N",
                    help="rows to show (0 = all)")
    sp.add_argument("--source", help="one owner (default: every owner)")
    sp.add_argument("--ics", metavar="FILE",
                    help="also write the pings to an iCalendar file, one all-day event "
                         "on each due date; exporting again to the same file updates "
                         "the events instead of adding new ones")
    sp.add_argument("--ics-emails", action="store_true",
                    help="keep e-mail addresses in the calendar events (default: hidden)")
    at_opt(sp, "score the ties")
    json_flag(sp, csv=True)

    sp = add("log", cmd_log, "record an interaction (resets the ping clock)")
    sp.add_argument("person", help="name, profile URL, e-mail or person id")
    sp.add_argument("--channel", default="call",
                    choices=list(CHANNELS),
                    help="how you were in touch")
    sp.add_argument("--direction", default="out", type=_direction,
                    choices=["out", "in", UNKNOWN_DIRECTION],
                    help="out: you reached out; in: they did")
    sp.add_argument("--when", metavar="DATE",
                    help="date and time, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")
    sp.add_argument("--note", help="a note to keep with the interaction (default: none)")
    sp.add_argument("--other", help="the other person (default: the owner)")

    from netgraph.data.asks import STATUSES

    sp = add("ask", cmd_ask, "record that you asked someone for an introduction")
    sp.add_argument("introducer", help="whom you asked (name, profile URL, e-mail or id)")
    sp.add_argument("target", help="the company (any spelling) or person to be introduced to")
    sp.add_argument("--about", help="what it is about, e.g. 'the Staff Engineer role'")
    sp.add_argument("--via", choices=["meeting", "call", "message", "email", "linkedin",
                                      "other"], help="how you asked")
    sp.add_argument("--note", help="a note to keep with the ask")
    sp.add_argument("--when", metavar="DATE", help="when you asked, YYYY-MM-DD (default: now)")
    sp.add_argument("--source", help="the owner who asked, in a team (default: the owner "
                                     "whose contact the introducer is)")

    sp = add("ask-update", cmd_ask_update,
             "move an ask on: asked, introduced, met, referred, offer; or declined, no_reply")
    sp.add_argument("ask_id", type=int, metavar="ID", help="the ask's id (see `netgraph asks`)")
    sp.add_argument("status", metavar="STATUS", help="one of " + ", ".join(STATUSES))
    sp.add_argument("--person", help="whom you were introduced to (someone new is added as "
                                     "working at the target)")
    sp.add_argument("--when", metavar="DATE", help="when it happened, YYYY-MM-DD "
                                                   "(default: now)")
    sp.add_argument("--note", help="replaces the ask's note")

    sp = add("asks", cmd_asks, "the introductions you asked for, and what came of them")
    sp.add_argument("--open", action="store_true", help="only asks still in progress")
    json_flag(sp, csv=True)

    sp = add("targets", cmd_targets, "show or set the target companies")
    sp.add_argument("companies", nargs="*",
                    help="the companies to target (default: show the targets)")

    sp = add("alias", cmd_alias, "declare a company alias (e.g. Alphabet = Google)")
    sp.add_argument("alias", help="another name of the company (e.g. Alphabet)")
    sp.add_argument("company", help="the company as the workspace knows it (e.g. Google)")

    sp = add("imports", cmd_imports, "the import history (ids for `netgraph undo`)")
    json_flag(sp, csv=True)

    sp = add("undo", cmd_undo, "take an import back, as if it had never happened")
    sp.add_argument("import_id", type=int, metavar="IMPORT_ID",
                    help="the import's id (see `netgraph imports`)")

    sp = add("people", None, "duplicate people: suggestions and merge decisions")
    acts = sp.add_subparsers(dest="action", required=True, metavar="ACTION")
    ap = add("suggest", cmd_people_suggest, "pairs of people who are likely one human",
             group=acts)
    ap.add_argument("--threshold", type=float, default=70.0, metavar="SCORE",
                    help="lowest score to show (0 to 100)")
    json_flag(ap, csv=True)
    ap = add("at", cmd_people_at, "who you know at a company (current and former), warmest "
             "first", group=acts)
    ap.add_argument("company", help="a company (any spelling)")
    role_opts(ap, objective=False)
    path_opts(ap)
    json_flag(ap, csv=True)
    ap = add("merge", cmd_people_merge, "B is A: B folds into A (kept across re-imports)",
             group=acts)
    ap.add_argument("a", help="the person to keep (name, profile URL, e-mail or id)")
    ap.add_argument("b", help="the person folded into A")
    ap.add_argument("--note", help="why (kept with the decision)")
    ap = add("split", cmd_people_split, "undo a merge: the merged person comes back",
             group=acts)
    ap.add_argument("person", help="the person others were merged into")
    ap.add_argument("other", nargs="?", default=None,
                    help="the id the merged person had (default: the latest merge)")
    ap = add("distinct", cmd_people_distinct, "A and B are two people: stop suggesting them",
             group=acts)
    ap.add_argument("a", help="one person")
    ap.add_argument("b", help="the other")
    ap.add_argument("--note", help="why (kept with the decision)")

    sp = add("html", cmd_html, "write the interactive HTML graph")
    sp.add_argument("out", help="HTML file to write")
    sp.add_argument("--target", help="highlight the warm paths to this company")
    sp.add_argument("-k", action=_whole_number(1, 10_000), default=5, metavar="K",
                    help="highlight paths through k introducers")
    sp.add_argument("--max-nodes", action=_whole_number(1), default=1500, metavar="N",
                    help="show at most this many nodes: the neighbourhood that matters most")
    sp.add_argument("--title", help="page title (default: a description of the network)")
    return p


def _print_error(err: BaseException) -> None:
    """``error: <what>`` and, on its own line, ``Hint: <how to fix it>``."""
    from netgraph.errors import NetgraphError

    text = err.for_cli() if isinstance(err, NetgraphError) else str(err)
    hint = getattr(err, "cli_hint", None) or getattr(err, "hint", None)
    if hint and text.endswith(f" Hint: {hint}"):
        text = text[: -len(f" Hint: {hint}")] + f"\nHint: {hint}"
    print(f"error: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 on a user error (the message and hint go to stderr,
        without a traceback), 130 when interrupted. Usage errors and
        ``--help`` exit through :class:`SystemExit` (2 and 0), as argparse does.

    Examples
    --------
    >>> import os, tempfile
    >>> main(["--db", os.path.join(tempfile.mkdtemp(), "none.db"), "summary"])
    1
    """
    from netgraph.errors import NetgraphError

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # an unknown option of a command: that command's usage, not the top-level one
        getattr(args, "_parser", parser).error("unrecognized arguments: " + " ".join(extra))
    args.quiet = bool(args.quiet)
    if args.db is None and args.command != "demo":
        args.db = os.environ.get("NETGRAPH_DB") or DEFAULT_DB
    try:
        _read_dates(args)
        return int(args.func(args) or 0)
    except NetgraphError as err:
        _print_error(err)
        return 1
    except BrokenPipeError:  # `netgraph reach | head`: the reader left; exit quietly
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # disk full, permission denied, ...: not a bug of ours
        _print_error(err)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the workspace was not changed", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
