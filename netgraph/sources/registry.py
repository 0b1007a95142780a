"""The sources seam: every kind of data netgraph imports, declared once.

A data source (a LinkedIn export, a contacts table, job history, an
interaction log, e-mail, a calendar, vCards) is one module of
:mod:`netgraph.sources` that defines its reader and registers a
:class:`Source`: its name (the ``KIND`` of ``netgraph import KIND``), the
reader, what the rows are (people and ties, interaction events, or job
history), the importer that merges them into the network, and the help the
command line shows. :meth:`netgraph.Network.import_source`, the
``Network.import_*`` methods and ``netgraph import`` all look sources up
here, so a new source needs no edit anywhere else.

The modules of :mod:`netgraph.sources` register themselves when first
imported; the registry imports them the first time it is asked (not at
``import netgraph``). Other packages register their own sources with
:func:`register_source`.

Examples
--------
>>> from netgraph.sources.registry import get_source, sources
>>> [s.name for s in sources()]
['affiliations', 'calendar', 'contacts', 'email', 'interactions', 'linkedin', 'vcard']
>>> get_source("contacts").yields
'people'
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

from netgraph.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from netgraph.data.merge import Tables
    from netgraph.sources.report import ImportReport

__all__ = ["YIELDS", "Source", "get_source", "register_source", "sources", "unregister_source"]

#: What a source's rows are: people (each tied to the owner), interaction events
#: (with the owner, or with the person an ``other`` column names), or job history.
YIELDS = ("people", "events", "affiliations")

Importer = Callable[..., "tuple[Tables, ImportReport]"]


@dataclass(frozen=True)
class Source:
    """One kind of data netgraph imports.

    Parameters
    ----------
    name : str
        The kind, as typed in ``netgraph import KIND`` and passed to
        :meth:`~netgraph.Network.import_source` (lower case, no spaces).
    reader : callable
        The public ``read_*`` function: a path (or a DataFrame, where the
        source takes one) to a normalised DataFrame whose
        ``attrs["report"]`` is an :class:`~netgraph.ImportReport` (a
        multi-file source, such as a LinkedIn export, gives what its
        *importer* reads).
    yields : {"people", "events", "affiliations"}
        What the reader's rows are. Without an *importer*, the rows are
        merged by the importer of that kind (see
        :mod:`netgraph.sources.importers`), so the reader's columns must be
        those of :func:`~netgraph.sources.contacts.read_contacts`,
        :func:`~netgraph.sources.interactions.read_interactions` or
        :func:`~netgraph.sources.history.read_affiliations` (only the
        person columns and, for events, ``timestamp`` are required).
    help : str
        One line for ``netgraph import --help``.
    importer : callable, optional
        ``importer(tables, path_or_frame, **options) -> (tables, report)``;
        default: read with *reader*, merge by *yields*.
    needs_owner : bool, optional
        The rows belong to an owner (whose contacts, whose conversations):
        the importer takes ``owner=``. Default: True, but for job history.
    file_kinds : sequence of str, default ("csv",)
        What the source reads (``"csv"``, ``"zip"``, ``"folder"``, ...),
        shown in the command line's help.
    options : mapping of str to str, optional
        Further keyword options of the importer and their help, e.g.
        ``{"owner_url": "the owner's LinkedIn profile URL"}``; the command
        line offers each as a flag (``--owner-url``).
    switches : sequence of str, default ()
        The *options* that are on/off (``True`` when given): the command line
        offers them as flags without a value (``--create-missing``).
    repeatable : sequence of str, default ()
        The *options* that may be given several times on the command line
        (``--me a@x --me b@y``); the importer then gets the list of values.
    pooled : callable, optional
        ``pooled(tables, [(owner, path), ...]) -> (tables, report)``: import
        several owners' files in one pass (a team's LinkedIn exports).
    keeps_frame : bool, default False
        The import history keeps the rows the reader produced (the importer sets
        ``report.kept``; it then also takes such a frame instead of a path), not the
        bytes of the file. For personal sources whose files hold more than netgraph
        reads (a mailbox's bodies and attachments, a calendar's descriptions): the
        workspace never stores what was not imported, a 1 GB mailbox costs its
        headers' rows, and an undo replays the same rows (a calendar's recurrences
        are not expanded again to a later date).

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.sources.registry import Source
    >>> def read_names(path_or_frame):
    ...     return pd.DataFrame({"line": [2], "name": ["Grace Hopper"]})
    >>> s = Source("names", read_names, "people", "a list of names")
    >>> s.needs_owner, s.file_kinds
    (True, ('csv',))
    """

    name: str
    reader: Callable[..., Any]
    yields: str
    help: str
    importer: Importer | None = None
    needs_owner: bool | None = None
    file_kinds: tuple[str, ...] = ("csv",)
    options: Mapping[str, str] = field(default_factory=dict, hash=False)
    pooled: Importer | None = None
    switches: tuple[str, ...] = ()
    repeatable: tuple[str, ...] = ()
    keeps_frame: bool = False

    def __post_init__(self) -> None:
        if not self.name or not self.name.replace("-", "").replace("_", "").isalnum() \
                or self.name != self.name.lower():
            raise InputError(f"a source name must be one lower-case word, not {self.name!r}",
                             expected="a name such as 'contacts' or 'calendar'")
        if self.yields not in YIELDS:
            raise InputError(f"source {self.name!r} yields {self.yields!r}",
                             expected="one of " + ", ".join(repr(y) for y in YIELDS))
        if self.needs_owner is None:
            object.__setattr__(self, "needs_owner", self.yields != "affiliations")
        object.__setattr__(self, "file_kinds", tuple(self.file_kinds))
        object.__setattr__(self, "options", dict(self.options))
        object.__setattr__(self, "switches", tuple(self.switches))
        object.__setattr__(self, "repeatable", tuple(self.repeatable))
        odd = sorted((set(self.switches) | set(self.repeatable)) - set(self.options))
        if odd:
            raise InputError(f"source {self.name!r}: switch or repeatable option {odd[0]!r} is "
                             "not one of its options",
                             expected="switches and repeatable options among the options")

    def run(self, tables: Tables, path_or_frame: str | PathLike[str] | pd.DataFrame | Sequence,
            **options: Any) -> tuple[Tables, ImportReport]:
        """Import *path_or_frame* into *tables*; returns new tables and the report.

        Parameters
        ----------
        tables : Tables
        path_or_frame : path, DataFrame, or a list of paths
            What the reader takes; a list of paths with a list of owners (one
            per path) when the source is *pooled*.
        **options
            ``owner`` (when the source needs one) and the source's *options*.

        Raises
        ------
        InputError
            An option the source does not take, or owners and paths that do
            not pair up.

        Examples
        --------
        >>> import pandas as pd
        >>> from netgraph.data.merge import Tables
        >>> from netgraph.sources.registry import get_source
        >>> t, report = get_source("contacts").run(
        ...     Tables.empty(), pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> report.imported, len(t.people)
        (1, 2)
        """
        allowed = {*self.options, *(("owner",) if self.needs_owner else ())}
        unknown = sorted(set(options) - allowed)
        if unknown:
            takes = ", ".join(sorted(allowed)) or "no options"
            raise InputError(
                f"the {self.name} source takes no option {unknown[0]!r}",
                expected=f"options: {takes}",
                hint=f"Leave {unknown[0]} out for {self.name}.",
                cli_hint=f"Leave --{unknown[0].replace('_', '-')} out for {self.name}.")
        given = dict(options)  # the call, kept in the import history to replay it
        owner = options.pop("owner", None)
        if isinstance(owner, list | tuple):
            if options:
                name = next(iter(options))
                raise InputError(
                    f"{name} applies to one owner's file, not to {len(owner)} owners' files",
                    hint=f"Import the files one by one to pass {name}.",
                    cli_hint=f"Import the files one by one to pass --{name.replace('_', '-')}.")
            given["owner"] = list(owner)
            return self._settle(*self._run_pooled(tables, path_or_frame, list(owner)),
                                path_or_frame, given)
        if self.needs_owner:
            options["owner"] = owner
        if self.importer is not None:
            tables, report = self.importer(tables, path_or_frame, **options)
        else:
            from netgraph.sources import importers

            merge = {"people": importers.merge_people, "events": importers.merge_events,
                     "affiliations": importers.merge_history}[self.yields]
            tables, report = merge(tables, self.reader(path_or_frame), source=self.name,
                                   **options)
        report.kind = report.kind or self.name
        return self._settle(tables, report, path_or_frame, given)

    def _settle(self, tables: Tables, report: ImportReport, what: Any,
                given: dict[str, Any]) -> tuple[Tables, ImportReport]:
        """After any import: people whose data now gives a stronger key take it, so
        ids do not depend on the order sources were imported in; merges decided by
        hand are applied again (:mod:`netgraph.data.decisions`); the import is
        recorded in the history (:mod:`netgraph.data.journal`)."""
        from netgraph.data.decisions import apply_decisions
        from netgraph.data.journal import record_import
        from netgraph.data.merge import canonical_ids

        tables, renamed = canonical_ids(tables)
        tables = apply_decisions(tables, renamed)
        kept = getattr(report, "kept", None) if self.keeps_frame else None
        if kept is not None:
            report.kept = None  # the report is the user's: it need not hold the rows
        return record_import(tables, report, what, kind=self.name, options=given,
                             kept=kept), report

    def _run_pooled(self, tables: Tables, paths: Any, owners: list[Any]
                    ) -> tuple[Tables, ImportReport]:
        if self.pooled is None:
            raise InputError(
                f"the {self.name} source takes one owner, not {len(owners)}",
                expected="one owner: the person whose data this is",
                hint=f"Import each person's {self.name} on its own.",
                cli_hint=f"--owner takes one name for {self.name} (got {len(owners)}); import "
                         f"each person's file with its own `netgraph import {self.name} FILE "
                         "--owner NAME`.")
        paths = [paths] if isinstance(paths, str | PathLike) else list(paths)
        if len(owners) != len(paths):
            raise InputError(
                f"{len(paths)} files but {len(owners)} owners",
                expected="one owner per file, in the same order",
                hint="Pass owner=[...] with one name per path.",
                cli_hint=f"Pass one --owner per file, in the same order: netgraph import "
                         f"{self.name} a.zip b.zip --owner A --owner B")
        return self.pooled(tables, list(zip(owners, paths, strict=True)))


_SOURCES: dict[str, Source] = {}
_LOADED = False


def _load_builtin() -> None:
    """Import the modules of :mod:`netgraph.sources` once: each registers its source."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import netgraph.sources as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


def register_source(source: Source) -> Source:
    """Make *source* importable by name; a source of the same name is replaced.

    Parameters
    ----------
    source : Source

    Returns
    -------
    Source
        *source*, so a module can write ``SOURCE = register_source(Source(...))``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.sources.registry import Source, get_source, register_source
    >>> def read_names(path_or_frame):
    ...     return pd.DataFrame({"line": [2], "name": ["Grace Hopper"]})
    >>> _ = register_source(Source("names", read_names, "people", "a list of names"))
    >>> get_source("names").help
    'a list of names'
    >>> _ = unregister_source("names")
    """
    if not isinstance(source, Source):
        raise InputError(f"not a Source: {source!r}",
                         hint="Declare it with netgraph.sources.registry.Source(...).")
    _SOURCES[source.name] = source
    return source


def unregister_source(name: str) -> Source:
    """Remove the source registered as *name* (a plugin's, or a test's); returns it.

    Raises
    ------
    InputError
        No source of that name.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.sources.registry import Source, register_source, unregister_source
    >>> _ = register_source(Source("names", lambda p: pd.DataFrame(), "people", "names"))
    >>> unregister_source("names").name
    'names'
    """
    source = get_source(name)
    del _SOURCES[source.name]
    return source


def get_source(name: str) -> Source:
    """The source registered as *name*.

    Raises
    ------
    InputError
        No source of that name; the message lists the known ones.

    Examples
    --------
    >>> from netgraph.sources.registry import get_source
    >>> get_source("linkedin").pooled is not None
    True
    >>> get_source("excel")
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: unknown kind of data 'excel'. Expected one of: affiliations, ...
    """
    _load_builtin()
    try:
        return _SOURCES[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_SOURCES))
        raise InputError(f"unknown kind of data {name!r}", expected=f"one of: {known}",
                         hint="Register a new kind with "
                              "netgraph.sources.registry.register_source().",
                         cli_hint="Run `netgraph import --help` for the kinds.") from None


def sources() -> list[Source]:
    """Every registered source, by name.

    Examples
    --------
    >>> from netgraph.sources.registry import sources
    >>> "interactions" in [s.name for s in sources()]
    True
    """
    _load_builtin()
    return [_SOURCES[k] for k in sorted(_SOURCES)]
