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
Grace Hopper  Ada     0.02         1       1     Ada -> Grace Hopper -> Acme Inc
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
    if isinstance(v, float) and math.isnan(v):
        return None
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
INTRODUCER_COLUMNS = ["introducer", "source", "probability", "routes", "hops", "path"]
REACH_COLUMNS = ["company", "probability", "hops", "source", "introducer", "person", "current",
                 "n_current", "n_former"]
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

def _load(db: str, must_exist: bool = True):
    from netgraph.errors import WorkspaceError
    from netgraph.network import Network

    if not Path(db).exists():
        if must_exist:
            raise WorkspaceError(f"no workspace at {db}",
                                 hint="Import something first, e.g. `netgraph import linkedin "
                                      "export.zip --owner \"Your Name\"`, or pass --db.")
        return Network()
    return Network.load(db)


# ---------------------------------------------------------------- commands

def cmd_import(args: argparse.Namespace) -> int:
    net = _load(args.db, must_exist=False)
    kind = args.kind
    paths = args.paths
    owners = args.owner or []
    reports = []
    if kind == "linkedin" and len(owners) > 1:
        # a team: one owner per export, pooled in one pass
        if len(owners) != len(paths):
            from netgraph.errors import InputError

            raise InputError(f"{len(paths)} exports but {len(owners)} owners",
                             expected="one --owner per export, in the same order",
                             hint="netgraph import linkedin a.zip b.zip --owner A --owner B")
        bar = Progress(1, f"importing {len(paths)} exports", args.quiet)
        reports.append(net.import_team(list(zip(owners, paths, strict=True))))
        bar.step("team")
        paths = []
    owner = owners[0] if owners else None
    bar = Progress(len(paths), f"importing {kind}", args.quiet)
    for p in paths:
        if kind == "linkedin":
            r = net.import_linkedin(p, owner=owner, owner_url=args.owner_url or "")
        elif kind == "contacts":
            r = net.import_contacts(p, owner=owner)
        elif kind == "affiliations":
            r = net.import_affiliations(p)
        else:
            r = net.import_interactions(p, owner=owner)
        reports.append(r)
        bar.step(Path(p).name)
    bar.close()
    net.save(args.db)  # atomic: nothing is written unless every file imported
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
    net = _load(args.db)
    if args.json:
        _print_json({"people": len(net.people), "companies": len(net.companies),
                     "ties": len(net.ties), "interactions": len(net.interactions),
                     "owners": net.owners["name"].tolist(), "targets": net.targets})
    else:
        print(net.summary())
    return 0


def _exclude(args: argparse.Namespace) -> list[str]:
    return list(args.exclude or [])


def cmd_paths(args: argparse.Namespace) -> int:
    net = _load(args.db)
    paths = net.warm_paths(args.target, source=args.source, k=args.k, max_hops=args.max_hops,
                           at=args.at, exclude=_exclude(args))
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
    net = _load(args.db)
    frame = net.introducers(args.target, source=args.source, max_hops=args.max_hops,
                            at=args.at, exclude=_exclude(args))
    _emit(args, frame, INTRODUCER_COLUMNS)
    return 0


def cmd_reach(args: argparse.Namespace) -> int:
    net = _load(args.db)
    frame = net.reach(args.companies or None, source=args.source, max_hops=args.max_hops,
                      at=args.at)
    if args.n:
        frame = frame.head(args.n)
    _emit(args, frame, REACH_COLUMNS)
    return 0


def cmd_strength(args: argparse.Namespace) -> int:
    from netgraph.errors import NotFoundError

    net = _load(args.db)
    value = net.strength(args.person, args.other, at=args.at)  # unknown names raise here
    try:
        exp = net.explain_strength(args.person, args.other, at=args.at)
    except NotFoundError:  # both are known but share no tie
        exp = None
    if args.json:
        _print_json({"person": args.person, "other": args.other, "strength": value,
                     "connected": exp is not None,
                     "explanation": str(exp) if exp is not None else None})
        return 0
    if exp is None:
        who = args.other or "any owner"
        print(f"{args.person}: no tie with {who} on record (strength 0). "
              f"Try `netgraph paths \"{args.person}\"` for a way to reach them.")
    else:
        print(exp)
    return 0


def cmd_ping(args: argparse.Namespace) -> int:
    net = _load(args.db)
    frame = net.ping_list(at=args.at, n=args.n or None, source=args.source)
    _emit(args, frame, PING_COLUMNS)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    net = _load(args.db)
    net.log_interaction(args.person, when=args.when, channel=args.channel,
                        direction=args.direction, note=args.note, other=args.other)
    net.save(args.db)
    print(f"logged a {args.channel} with {args.person}; strength now "
          f"{net.strength(args.person, args.other):.2f}")
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    net = _load(args.db)
    if args.companies:
        for company in args.companies:  # unknown names raise, with suggestions
            net.warm_paths(company, k=1, max_hops=1)
        net.set_targets(args.companies)
        net.save(args.db)
    print("targets: " + (", ".join(net.targets) or "(none)"))
    return 0


def cmd_alias(args: argparse.Namespace) -> int:
    net = _load(args.db)
    net.add_company_alias(args.alias, args.company)
    net.save(args.db)
    print(f"{args.alias!r} is now an alias of {args.company!r}")
    return 0


def cmd_html(args: argparse.Namespace) -> int:
    net = _load(args.db)
    paths = net.warm_paths(args.target, k=args.k) if args.target else None
    out = net.to_html(args.out, paths=paths, max_nodes=args.max_nodes, title=args.title)
    print(f"wrote {out}")
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


def cmd_demo(args: argparse.Namespace) -> int:
    from netgraph.network import Network
    from netgraph.sample import OWNERS, TARGET_COMPANY

    data = Path(args.data) if args.data else _sample_dir()
    target = args.target or TARGET_COMPANY
    net = Network()
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
    print(f"\n== 2. Warm paths to {target}")
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
    _print_table(net.ping_list(at=at, n=10), PING_COLUMNS)
    out = Path(args.out)
    net.to_html(out, paths=paths, title=f"Warm paths to {target}")
    print(f"\n== 6. Interactive graph written to {out.resolve()}")
    if args.db:
        net.save(args.db)
        print(f"workspace saved to {args.db}")
    return 0


# ---------------------------------------------------------------- parser

def _count(text: str) -> int:
    """argparse type: a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``netgraph`` command.

    Global options (``--db``, ``--quiet``) are accepted before or after the
    command.

    Examples
    --------
    >>> args = build_parser().parse_args(["paths", "Acme", "-k", "3", "--db", "team.db"])
    >>> args.command, args.target, args.k, args.db
    ('paths', 'Acme', 3, 'team.db')
    """
    def global_opts(parser: argparse.ArgumentParser, default: Any) -> None:
        # accepted before or after the command: `netgraph --db x paths ...` and
        # `netgraph paths ... --db x`; the command's copy only overrides when given
        parser.add_argument("--db", default=default,
                            help=f"workspace file (default: $NETGRAPH_DB or ./{DEFAULT_DB}; "
                                 "demo: save only when given)")
        parser.add_argument("--quiet", "-q", action="store_true", default=default,
                            help="no progress bars")

    p = argparse.ArgumentParser(
        prog="netgraph",
        description="Who can introduce me to someone at the company I want to work for? "
                    "Everything runs locally; nothing leaves this machine.",
        epilog="Run `netgraph demo` for a tour on the sample data, and "
               "`netgraph COMMAND --help` for a command's options.")
    global_opts(p, None)
    common = argparse.ArgumentParser(add_help=False)
    global_opts(common, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_, parents=[common])
        sp.set_defaults(func=func)
        return sp

    def json_flag(sp: argparse.ArgumentParser, csv: bool = False) -> None:
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        if csv:
            sp.add_argument("--csv", metavar="FILE",
                            help="also write the table to a CSV file (safe to open in a "
                                 "spreadsheet: formula-like cells are neutralised)")

    def path_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--source", help="start at this owner (default: every owner)")
        sp.add_argument("--max-hops", type=int, default=3, help="person-to-person hops (3)")
        sp.add_argument("--at", help="evaluate strengths at this date (default: today)")

    sp = add("demo", cmd_demo, "run the main job on the sample data and write demo.html")
    sp.add_argument("--out", default="demo.html", help="HTML file to write (demo.html)")
    sp.add_argument("--target", help="target company (default: Acme Robotics)")
    sp.add_argument("--data", help="sample data folder (default: the shipped sample_data)")
    sp.add_argument("--at", help="evaluate at this date (default: today)")

    sp = add("import", cmd_import, "import data into the workspace")
    sp.add_argument("kind", choices=["linkedin", "contacts", "affiliations", "interactions"])
    sp.add_argument("paths", nargs="+", help="files (.csv), LinkedIn export .zip or folder")
    sp.add_argument("--owner", action="append",
                    help="whose data this is (a name or profile URL); for a team's LinkedIn "
                         "exports, one --owner per export, in order")
    sp.add_argument("--owner-url", help="the owner's LinkedIn profile URL")
    json_flag(sp)

    sp = add("summary", cmd_summary, "what the workspace holds")
    json_flag(sp)

    sp = add("paths", cmd_paths, "warmest introduction paths to a company or person")
    sp.add_argument("target")
    sp.add_argument("-k", type=int, default=5, help="paths through k introducers (5)")
    sp.add_argument("--exclude", action="append", help="person or company to avoid (repeat)")
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("introducers", cmd_introducers, "whom among your contacts to ask about a target")
    sp.add_argument("target")
    sp.add_argument("--exclude", action="append", help="person or company to avoid (repeat)")
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("reach", cmd_reach, "which companies are warm for you")
    sp.add_argument("companies", nargs="*", help="companies (default: every company)")
    sp.add_argument("-n", type=_count, default=20, help="rows to show (20; 0 = all)")
    path_opts(sp)
    json_flag(sp, csv=True)

    sp = add("strength", cmd_strength, "how warm a tie is, and why")
    sp.add_argument("person")
    sp.add_argument("--other", help="the other person (default: the owner)")
    sp.add_argument("--at", help="at this date (default: today)")
    json_flag(sp)

    sp = add("ping", cmd_ping, "whom to ping before a useful tie goes cold")
    sp.add_argument("-n", type=_count, default=20, help="rows to show (20; 0 = all)")
    sp.add_argument("--source", help="one owner (default: every owner)")
    sp.add_argument("--at", help="at this date (default: today)")
    json_flag(sp, csv=True)

    sp = add("log", cmd_log, "record an interaction (resets the ping clock)")
    sp.add_argument("person")
    sp.add_argument("--channel", default="call",
                    choices=["meeting", "call", "message", "email", "linkedin", "other"])
    sp.add_argument("--direction", default="out", choices=["out", "in", ""])
    sp.add_argument("--when", help="date/time (default: now)")
    sp.add_argument("--note")
    sp.add_argument("--other", help="the other person (default: the owner)")

    sp = add("targets", cmd_targets, "show or set the target companies")
    sp.add_argument("companies", nargs="*")

    sp = add("alias", cmd_alias, "declare a company alias (e.g. Alphabet = Google)")
    sp.add_argument("alias")
    sp.add_argument("company")

    sp = add("html", cmd_html, "write the interactive HTML graph")
    sp.add_argument("out")
    sp.add_argument("--target", help="highlight the warm paths to this company")
    sp.add_argument("-k", type=int, default=5, help="highlight paths through k introducers (5)")
    sp.add_argument("--max-nodes", type=int, default=1500)
    sp.add_argument("--title")
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
    args = parser.parse_args(argv)
    args.quiet = bool(args.quiet)
    if args.db is None and args.command != "demo":
        args.db = os.environ.get("NETGRAPH_DB") or DEFAULT_DB
    try:
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
