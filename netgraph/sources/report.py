"""The import report every importer returns.

Examples
--------
>>> from netgraph.sources.report import ImportReport
>>> r = ImportReport(file="Connections.csv", kind="linkedin connections")
>>> r.rows_read = 3
>>> r.skip(7, "ghost row: no name and no profile URL")
>>> r.imported = 2
>>> print(r)
Connections.csv (linkedin connections): 3 rows read, 2 imported, 0 merged, 1 skipped
  skipped line 7: ghost row: no name and no profile URL
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["ImportReport", "Issue"]


@dataclass(frozen=True)
class Issue:
    """One skipped row or one warning: where, and why."""

    line: int | None
    reason: str
    file: str = ""


@dataclass
class ImportReport:
    """What one import did: rows read, imported, merged, skipped, warnings.

    Attributes
    ----------
    file : str
        The file (or ``"<DataFrame>"``) the rows came from.
    kind : str
        What was imported (``"linkedin connections"``, ``"interactions"``, ...).
    rows_read : int
        Data rows seen (header and preamble excluded).
    imported : int
        Rows that added or updated a record.
    merged : int
        Rows that matched a record already in the network.
    new_people : int
        People added to the network by this import.
    skipped : list of Issue
        Rows not imported, with their 1-based file line and the reason.
    warnings : list of Issue
        Rows imported with a caveat (e.g. an unknown channel, an ambiguous name).
    parts : list of ImportReport
        Reports of the files of a multi-file import (an export .zip).

    Examples
    --------
    >>> import pandas as pd, netgraph as ng
    >>> net = ng.Network()
    >>> report = net.import_interactions(pd.DataFrame({
    ...     "person": ["Grace Hopper", "Grace Hopper"], "timestamp": ["2026-01-05", "soon"],
    ...     "channel": ["call", "call"]}), owner="Ada", create_missing=True)
    >>> report.imported, report.issues()[["line", "status"]].values.tolist()
    (1, [[3, 'skipped'], [2, 'warning']])
    """

    file: str = ""
    kind: str = ""
    rows_read: int = 0
    imported: int = 0
    merged: int = 0
    new_people: int = 0
    skipped: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    parts: list[ImportReport] = field(default_factory=list)
    #: When the data was true (a LinkedIn export's date), how that was determined
    #: (:mod:`netgraph.sources.export_date`) and whose export it is; None when unknown.
    as_of: Any = None
    as_of_from: str = ""
    owner_id: str = ""
    #: the rows a ``keeps_frame`` source read, for the import history (then cleared)
    kept: Any = field(default=None, repr=False, compare=False)

    def __deepcopy__(self, memo: dict) -> ImportReport:
        # A report travels in ``DataFrame.attrs``, which pandas deep-copies on
        # every operation; it describes one import, so frames derived from the
        # reader's output share it instead of copying thousands of issues.
        return self

    def skip(self, line: int | None, reason: str) -> None:
        """Record one skipped row."""
        self.skipped.append(Issue(line, reason, self.file))

    def warn(self, line: int | None, reason: str) -> None:
        """Record one warning."""
        self.warnings.append(Issue(line, reason, self.file))

    def skip_many(self, lines, reason: str) -> None:
        """Record many skipped rows sharing one reason (lines: iterable of int)."""
        self.skipped.extend(Issue(int(n), reason, self.file) for n in lines)

    def warn_many(self, lines, reason: str) -> None:
        """Record many warnings sharing one reason (lines: iterable of int)."""
        self.warnings.extend(Issue(int(n), reason, self.file) for n in lines)

    @property
    def n_skipped(self) -> int:
        """Skipped rows, this report and its parts."""
        return len(self.skipped) + sum(p.n_skipped for p in self.parts)

    @property
    def n_warnings(self) -> int:
        """Warnings, this report and its parts."""
        return len(self.warnings) + sum(p.n_warnings for p in self.parts)

    def issues(self) -> pd.DataFrame:
        """Every skipped row and warning, of this report and its parts, as a frame."""
        rows = []
        for rep in self._walk():
            rows += [(i.file, i.line, "skipped", i.reason) for i in rep.skipped]
            rows += [(i.file, i.line, "warning", i.reason) for i in rep.warnings]
        return pd.DataFrame(rows, columns=["file", "line", "status", "reason"])

    def _walk(self):
        yield self
        for p in self.parts:
            yield from p._walk()

    def summary(self) -> str:
        """One line: rows read, imported, merged, skipped."""
        if self.parts and not self.rows_read:
            read = sum(p.rows_read for p in self.parts)
            imp = sum(p.imported for p in self.parts)
            mer = sum(p.merged for p in self.parts)
        else:
            read, imp, mer = self.rows_read, self.imported, self.merged
        text = (f"{self.file} ({self.kind}): {read} rows read, {imp} imported, "
                f"{mer} merged, {self.n_skipped} skipped")
        if self.new_people:
            text += f", {self.new_people} new people"
        if self.n_warnings:
            text += f", {self.n_warnings} warnings"
        return text

    def __str__(self) -> str:
        lines = [self.summary()]
        for p in self.parts:
            lines += ["  " + s for s in str(p).splitlines()]
        lines += _issue_lines(self.skipped, "skipped")
        lines += _issue_lines(self.warnings, "warning")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from netgraph._rich import badge, box, esc, table

        head = (f'<div style="font-weight:600;font-size:14px">{esc(self.file)} '
                f'<span style="color:#6b7280;font-weight:400">({esc(self.kind)})</span></div>')
        n_skip, n_warn = self.n_skipped, self.n_warnings
        text = self.summary()
        prefix = f"{self.file} ({self.kind}): "
        counts = (f"<div>{esc(text[len(prefix):] if text.startswith(prefix) else text)} "
                  + (badge(f"{n_skip} skipped", "#fee2e2") if n_skip else "")
                  + (" " + badge(f"{n_warn} warnings", "#fef3c7") if n_warn else "") + "</div>")
        out = [head, counts]
        if self.parts:
            out.append(table(["file", "kind", "rows read", "imported", "merged", "skipped"],
                             [[p.file, p.kind, f"{p.rows_read:,}", f"{p.imported:,}",
                               f"{p.merged:,}", f"{p.n_skipped:,}"] for p in self.parts]))
        issues = self.issues()
        if len(issues):
            rows = []
            for r in issues.head(50).itertuples(index=False):
                line = "" if r.line is None or pd.isna(r.line) else str(int(r.line))
                rows.append([str(r.file), line, r.status, r.reason])
            out.append(table(["file", "line", "status", "reason"], rows))
            if len(issues) > 50:
                out.append(f"<i>... and {len(issues) - 50} more (report.issues())</i>")
        return box("".join(out))


def _issue_lines(items: list[Issue], status: str, limit: int = 20) -> list[str]:
    out = []
    for i in items[:limit]:
        where = f"line {i.line}" if i.line is not None else "no line"
        out.append(f"  {status} {where}: {i.reason}")
    if len(items) > limit:
        out.append(f"  ... and {len(items) - limit} more {status} rows (see report.issues())")
    return out
