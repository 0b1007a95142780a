"""The :class:`Network`: one person's or one team's relationship network.

The network holds the canonical tables (the source of truth) and ties the
stages together for notebook users: importers fill the tables, the strength
model scores the ties, and the NetworkX graph and the path index are built
from the tables on demand and cached until the tables change.

Examples
--------
>>> import pandas as pd
>>> import netgraph as ng
>>> net = ng.Network()
>>> contacts = pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
...                          "company": ["Acme Robotics Inc.", "Globex"]})
>>> report = net.import_contacts(contacts, owner="Ada Lovelace")
>>> report.imported, len(net.people), len(net.ties)
(2, 3, 2)
>>> sorted(net.companies["name"])
['Acme Robotics Inc.', 'Globex']
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from netgraph._cache import Memo
from netgraph._time import as_utc, today
from netgraph._util import paused_gc
from netgraph.data import schema
from netgraph.data.identity import similar_companies
from netgraph.data.merge import Tables
from netgraph.data.resolve import Resolver
from netgraph.errors import InputError, NotFoundError
from netgraph.sources.registry import get_source
from netgraph.sources.report import ImportReport

__all__ = ["Network"]

PathOrFrame = str | PathLike[str] | pd.DataFrame
#: Tables no derived value (scores, index, graph, resolver) is computed from.
_NOT_DERIVED_FROM = ("asks", "edits")


class Network:
    """A relationship network of people and companies, built from your data.

    Parameters
    ----------
    model : StrengthModel, optional
        How tie strength is scored from interactions (default:
        ``StrengthModel()``).
    company_model : CompanyTieModel, optional
        How strongly a current or former employee can get you into their
        company (default: ``CompanyTieModel()``).
    engine : str or Engine, default "pandas"
        The compute engine for the scans over the interactions: ``"pandas"`` (in
        memory), ``"duckdb"`` (embedded SQL, out of core; ``pip install
        'netgraph[duckdb]'``) or ``"spark"`` (a local or cluster SparkSession; ``pip
        install 'netgraph[spark]'``), or an engine object such as
        ``DuckDBEngine(memory_limit="4GB")`` (see :mod:`netgraph.engines`).
    engine_options : dict, optional
        Options for the named engine, e.g. ``{"memory_limit": "4GB",
        "temp_directory": "/big/disk/tmp"}`` for DuckDB or ``{"spark": session}`` for Spark.

    Attributes
    ----------
    people, companies, affiliations, ties, interactions, overrides : DataFrame
        The canonical tables (see :mod:`netgraph.data.schema`); read-only views.
    graph : networkx.Graph
        People and companies with the documented node and edge attributes.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.Network()
    >>> net
    <Network: 0 people, 0 companies, 0 ties, 0 interactions, owners: none>
    """

    def __init__(self, model: Any = None, company_model: Any = None, engine: Any = "pandas",
                 engine_options: dict[str, Any] | None = None) -> None:
        from netgraph.engines import get_engine

        self._engine = get_engine(engine, **(engine_options or {}))
        self._t = Tables.empty()
        self._model = model
        self._company_model = company_model
        self._targets: list[str] = []
        self._calibration: Any = None  # PathCalibration of the path probabilities, or None
        self._version = 0  # every change of the tables
        self._data_version = 0  # changes that derived values (scores, index) depend on
        self._fit: dict[str, Any] | None = None   # the last fit_strength report, as saved
        # derived values (prepared evidence, scores and indexes by date, the graph),
        # keyed by tables version: one bounded memo, the only cache the facade keeps
        self._memo = Memo(maxsize=24)
        self.reports: list[ImportReport] = []
        self._editing: Path | None = None  # the workspace whose lock edit() holds
        self._last_paths: tuple[Any, Any] | None = None  # the last warm_paths, for draft_intro

    # ------------------------------------------------------------ tables
    def _set(self, tables: Tables) -> None:
        old = self._t
        self._t = tables
        self._version += 1
        # derived values (scores, index, graph) depend on the data, not on the asks and
        # the journal: recording an ask keeps them
        if tables.aliases != old.aliases or any(
                tables.frames[n] is not old.frames[n] for n in tables.frames
                if n not in _NOT_DERIVED_FROM):
            self._data_version += 1
            self._memo.clear()

    @property
    def tables(self) -> Tables:
        """All canonical tables at once (a frozen :class:`~netgraph.data.merge.Tables`)."""
        return self._t

    @property
    def owners(self) -> pd.DataFrame:
        """The owners: the people whose exports and contacts were imported."""
        p = self._t.people
        return p[p["is_owner"]].reset_index(drop=True)

    # ------------------------------------------------------------ imports
    def _run(self, func, *args: Any, **kwargs: Any) -> ImportReport:
        with paused_gc():
            tables, report = func(self._t, *args, **kwargs)
        self._set(tables)
        self.reports.append(report)
        return report

    def import_source(self, kind: str, path_or_frame: Any, **options: Any) -> ImportReport:
        """Import data of any registered kind (see :mod:`netgraph.sources.registry`).

        The ``import_*`` methods are this with their kind; a source registered
        by another module (``register_source``) is imported the same way.

        Parameters
        ----------
        kind : str
            The source's name: ``"linkedin"``, ``"contacts"``,
            ``"affiliations"``, ``"interactions"``, or one registered later.
        path_or_frame : str, path-like or pandas.DataFrame
            What the source's reader takes. For a source that pools several
            owners' files (``"linkedin"``), a list of paths with a list of
            owners, one per path.
        **options
            ``owner`` (the person whose data this is, for sources that need
            one; default: the network's only owner) and the source's own
            options (``owner_url`` for ``"linkedin"``).

        Returns
        -------
        ImportReport

        Raises
        ------
        InputError
            An unknown kind (the message lists the known ones), an option the
            source does not take, or data the source cannot use. The network
            is unchanged.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> net.import_source("contacts", pd.DataFrame({"name": ["Grace Hopper"]}),
        ...                   owner="Ada").imported
        1
        >>> net.import_source("excel", "book.xlsx")
        Traceback (most recent call last):
        ...
        netgraph.errors.InputError: unknown kind of data 'excel'. Expected one of: ...
        """
        source = get_source(kind)
        if kind in ("interactions", "contacts", "affiliations"):
            from netgraph.sources.parquet import is_parquet, read_parquet

            if is_parquet(path_or_frame):   # a Parquet file, folder or glob: any engine
                path_or_frame = read_parquet(path_or_frame, kind)
        return self._run(source.run, path_or_frame, **options)

    def import_linkedin(self, path: str | PathLike[str], owner: str | None = None, *,
                        owner_url: str = "") -> ImportReport:
        """Import a LinkedIn data export.

        Parameters
        ----------
        path : str or path-like
            ``Connections.csv``, ``messages.csv``, the export ``.zip``, or the
            folder it unzips to (Connections.csv, messages.csv,
            Invitations.csv and Positions.csv are used when present).
        owner : str, optional
            The name (or profile URL) of the person whose export it is.
            Default: the network's only owner.
        owner_url : str, optional
            The owner's profile URL, when known (otherwise inferred from
            messages.csv as the most frequent sender).

        Returns
        -------
        ImportReport

        Raises
        ------
        InputError
            The file is not a LinkedIn export, has no usable rows, lacks a
            required column or cannot be decoded. The network is unchanged.

        Examples
        --------
        >>> import tempfile, pathlib, netgraph as ng
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "Connections.csv").write_text(
        ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
        ...     "Grace,Hopper,https://www.linkedin.com/in/grace,,Acme Inc,CTO,16 Dec 2024\\n")
        >>> net = ng.Network()
        >>> net.import_linkedin(d / "Connections.csv", owner="Ada Lovelace").new_people
        1
        """
        return self.import_source("linkedin", path, owner=owner, owner_url=owner_url)

    def import_team(self, exports: Mapping[str, str | PathLike[str]]
                    | Iterable[tuple[str, str | PathLike[str]]]) -> ImportReport:
        """Import several people's LinkedIn exports at once, pooled into one team network.

        The result equals importing them one by one with :meth:`import_linkedin`
        (later exports win for current company and title), but all
        connections are merged in one pass: a hundred exports import in
        seconds, not minutes.

        Parameters
        ----------
        exports : mapping of owner name to path, or (owner, path) pairs
            Each path as :meth:`import_linkedin` takes it.

        Returns
        -------
        ImportReport
            One part per export.

        Examples
        --------
        >>> import tempfile, pathlib, netgraph as ng
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> head = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
        >>> _ = (d / "a.csv").write_text(head + "Grace,Hopper,https://www.linkedin.com/in/g,,"
        ...                              "Acme,CTO,16 Dec 2024\\n")
        >>> _ = (d / "b.csv").write_text(head + "Grace,Hopper,https://www.linkedin.com/in/g,,"
        ...                              "Acme,CTO,01 Jan 2020\\n")
        >>> net = ng.Network()
        >>> report = net.import_team({"Ada": d / "a.csv", "Bob": d / "b.csv"})
        >>> len(net.people), len(net.ties), report.new_people
        (3, 2, 1)
        """
        items = list(exports.items()) if isinstance(exports, Mapping) else list(exports) \
            if isinstance(exports, Iterable) and not isinstance(exports, str | bytes) else None
        if items is None or not all(isinstance(i, list | tuple) and len(i) == 2 for i in items):
            raise InputError(f"cannot import a team from {type(exports).__name__} {exports!r:.40}",
                             expected="a mapping of owner name to export path, or "
                                      "(owner, path) pairs",
                             hint="Pass {'Owner Name': 'path/to/export.zip', ...}.")
        return self.import_source("linkedin", [path for _, path in items],
                                  owner=[owner for owner, _ in items])

    def import_contacts(self, path_or_frame: PathOrFrame, owner: str | None = None
                        ) -> ImportReport:
        """Import a generic contacts CSV, Parquet (file, folder or glob) or DataFrame as
        the owner's ties.

        Columns (by name, many aliases accepted): name (or first/last name),
        email, url (profile URL), company, title, connected_on.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada").imported
        1
        """
        return self.import_source("contacts", path_or_frame, owner=owner)

    def import_affiliations(self, path_or_frame: PathOrFrame) -> ImportReport:
        """Import job history: person, company, title, start, end.

        A row naming only a person's name matches the one known person of
        that name; several make it ambiguous (reported); none adds a person.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> rows = pd.DataFrame({"person": ["Grace Hopper"], "company": ["Acme"],
        ...                      "start": ["2019-01-01"], "end": [""]})
        >>> net.import_affiliations(rows).new_people
        1
        """
        return self.import_source("affiliations", path_or_frame)

    def import_interactions(self, path_or_frame: PathOrFrame, owner: str | None = None, *,
                            create_missing: bool = False) -> ImportReport:
        """Import an interaction log: a CSV file, Parquet (a file, a folder of them or a
        glob such as ``"logs/*.parquet"``; ``pip install 'netgraph[parquet]'``) or a
        DataFrame.

        Columns: person, other (default: the owner), timestamp, channel
        (meeting, call, message, email, linkedin), direction (``out``: other
        reached out to person; ``in``: person reached out to other; empty:
        unknown), participants (people in the thread, default 2), note.

        A row that names someone only by a name nobody in the network has (a
        typo, say) is skipped and reported with the closest names; with
        ``create_missing=True`` that person is added. Rows with a profile URL
        or an e-mail address add their person either way.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> log = pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
        ...                     "channel": ["call"]})
        >>> net.import_interactions(log, owner="Ada Lovelace", create_missing=True).imported
        1
        """
        if create_missing:
            return self.import_source("interactions", path_or_frame, owner=owner,
                                      create_missing=True)
        return self.import_source("interactions", path_or_frame, owner=owner)

    def import_email(self, path: str | PathLike[str], owner: str | None = None,
                     me: str | Iterable[str] | None = None, **options: Any) -> ImportReport:
        """Import e-mail headers (mbox, .eml, or a folder of them) as ``email`` interactions.

        Only headers are read; mailing lists, bulk, automated and duplicate
        mail are counted in the report, not imported. See
        :func:`netgraph.sources.email.read_email_headers`.

        Parameters
        ----------
        path : str or path-like
        owner : str, optional
            Whose mail this is (default: the network's only owner).
        me : str or list of str, optional
            The owner's addresses (default: inferred, and reported).
        **options
            ``keep_subjects=True`` keeps subjects in the notes.

        Examples
        --------
        >>> import pathlib, tempfile, netgraph as ng
        >>> from email.message import EmailMessage
        >>> m = EmailMessage()
        >>> m["From"], m["To"] = "Grace <grace@example.org>", "sam@example.org"
        >>> m["Date"] = "Mon, 05 Jan 2026 10:00:00 +0000"
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "m.eml"
        >>> _ = path.write_bytes(m.as_bytes())
        >>> net = ng.Network()
        >>> net.import_email(path, owner="Sam Rivera", me="sam@example.org").imported
        1
        """
        return self.import_source("email", path, owner=owner, me=me, **options)

    def import_calendar(self, path: str | PathLike[str], owner: str | None = None,
                        me: str | Iterable[str] | None = None, **options: Any) -> ImportReport:
        """Import an .ics calendar (file or folder) as ``meeting`` interactions.

        Recurring events are expanded up to today (or ``until=``); declined
        and cancelled events are counted in the report, not imported. See
        :func:`netgraph.sources.calendar.read_calendar`.

        Examples
        --------
        >>> import pathlib, tempfile, netgraph as ng
        >>> ics = ("BEGIN:VCALENDAR\\nBEGIN:VEVENT\\nUID:1\\nDTSTART:20260105T100000Z\\n"
        ...        "ATTENDEE:mailto:ada@example.org\\nATTENDEE:mailto:sam@example.org\\n"
        ...        "END:VEVENT\\nEND:VCALENDAR\\n")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.ics"
        >>> _ = path.write_text(ics)
        >>> net = ng.Network()
        >>> net.import_calendar(path, owner="Sam Rivera", me="sam@example.org").imported
        1
        """
        return self.import_source("calendar", path, owner=owner, me=me, **options)

    def import_vcard(self, path: str | PathLike[str], owner: str | None = None) -> ImportReport:
        """Import vCard contacts (.vcf, one or many cards) as the owner's ties.

        Each card links the identities it names (e-mail, LinkedIn URL, name).
        See :func:`netgraph.sources.vcard.read_vcard`.

        Examples
        --------
        >>> import pathlib, tempfile, netgraph as ng
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.vcf"
        >>> _ = path.write_text("BEGIN:VCARD\\nVERSION:3.0\\nFN:Grace Hopper\\n"
        ...                     "EMAIL:grace@example.org\\nEND:VCARD\\n")
        >>> net = ng.Network()
        >>> net.import_vcard(path, owner="Sam Rivera").imported
        1
        """
        return self.import_source("vcard", path, owner=owner)

    def add_company_alias(self, alias: str, company: str) -> None:
        """Declare *alias* another name of *company* (e.g. "Alphabet" for "Google").

        Existing rows are re-keyed and future imports fold the alias too.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["A B", "C D"],
        ...                         "company": ["Globex", "Globex Corp (EMEA)"]}), owner="Me")
        >>> net.add_company_alias("Globex Corp (EMEA)", "Globex")
        >>> net.companies["company_id"].tolist()
        ['globex']
        """
        from netgraph.data.journal import record_edit
        from netgraph.data.merge import add_company_alias

        t = add_company_alias(self._t, alias, company)
        self._set(record_edit(t, "alias", {"alias": alias, "company": company}))

    def company_suggestions(self, threshold: float = 90.0) -> pd.DataFrame:
        """Pairs of companies whose names look alike: candidates for :meth:`add_company_alias`.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["A B", "C D"],
        ...                         "company": ["Acme Robotics", "Acme Robotic"]}), owner="Me")
        >>> net.company_suggestions()[["a", "b"]].values.tolist()
        [['acme robotic', 'acme robotics']]
        """
        return similar_companies(self._t.companies["company_id"], threshold=threshold)

    # ------------------------------------------------------------ history and identity
    @property
    def imports(self) -> pd.DataFrame:
        """The import history: one row per import (see :mod:`netgraph.data.journal`).

        Columns: ``import_id``, ``file`` (as given, ``"<DataFrame>"`` for a
        frame), ``sha256`` (of the bytes read), ``kind``, ``owner``, ``time``,
        ``rows_read``, ``imported``, ``merged``, ``new_people``, ``repeat_of``
        (the earlier import of the same bytes, 0 for none).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> net.imports[["import_id", "kind", "owner", "rows_read", "new_people"]].values.tolist()
        [[1, 'contacts', 'Ada', 1, 1]]
        """
        from netgraph.data.journal import import_history

        return import_history(self._t)

    def undo_import(self, import_id: int) -> None:
        """Take an import back: the network becomes what it would be had that import
        never happened (people only it added are gone, rows it changed are as they were).

        The rest of the history (imports, identity decisions, changes by hand) is
        replayed without it, on the bytes each import read (kept in the workspace).

        Raises
        ------
        NotFoundError
            No import has that id.
        InputError
            The workspace holds data imported before netgraph kept a history.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Alan Turing"]}), owner="Ada")
        >>> net.undo_import(2)
        >>> net.people["name"].tolist(), net.imports["import_id"].tolist()
        (['Ada', 'Grace Hopper'], [1])
        """
        from netgraph.data.journal import undo_import

        with paused_gc():
            self._set(undo_import(self._t, import_id))

    def person_suggestions(self, threshold: float = 70.0) -> pd.DataFrame:
        """Pairs of people who are likely one human, with the evidence, best first.

        See :func:`netgraph.data.decisions.suggest_duplicates` for the evidence
        and scores. Merge a pair with :meth:`merge_people`, or keep it apart with
        :meth:`mark_distinct`.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee", "Jordan Lee"],
        ...     "email": ["jordan@stripe.com", ""], "company": ["Stripe", ""]}), owner="Ada")
        >>> net.person_suggestions()[["name_a", "name_b", "score"]].values.tolist()
        [['Jordan Lee', 'Jordan Lee', 80.0]]
        """
        from netgraph.data.decisions import suggest_duplicates

        return suggest_duplicates(self._t, threshold=threshold)

    def _decide(self, kind: str, a: str, b: str, note: str) -> None:
        from netgraph.data.decisions import record_decision
        from netgraph.data.journal import next_seq

        self._set(record_decision(self._t, kind, a, b, seq=next_seq(self._t), note=note))

    def merge_people(self, a: str, b: str, note: str = "") -> str:
        """Decide that *b* is *a*: b folds into a, now and after every later import.

        b's rows in every table point to a, duplicated ties and interactions
        become one, a's empty fields are filled from b, and a takes the
        strongest id its data gives (see
        :func:`netgraph.data.decisions.fold_person`). The decision is kept
        (``identity_decisions``) and undone with :meth:`split_person`.

        Parameters
        ----------
        a, b : str
            Names, profile URLs, e-mails or person ids (ids when a name is ambiguous).
        note : str, optional

        Returns
        -------
        str
            The merged person's id.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee", "J. Lee"],
        ...     "email": ["jordan@stripe.com", ""], "company": ["Stripe", "Stripe"]}), owner="Ada")
        >>> net.merge_people("jordan@stripe.com", "J. Lee")
        'email:jordan@stripe.com'
        >>> len(net.people), len(net.ties)
        (2, 1)
        """
        from netgraph.data.decisions import apply_decisions

        pa, pb = self.find_person(a), self.find_person(b)
        if pa == pb:
            raise InputError(f"{a!r} and {b!r} are one person already",
                             hint="Merge two different people.")
        self._decide("merge", pa, pb, note)
        with paused_gc():
            self._set(apply_decisions(self._t))
        dec = self._t.identity_decisions
        return str(dec["a"].iloc[-1])

    def split_person(self, person: str, other: str | None = None) -> str:
        """Undo a merge: the person merged into *person* comes back, as they would be
        had the merge never been made (the history is replayed without it).

        Parameters
        ----------
        person : str
            The person others were merged into.
        other : str, optional
            The id the merged person had (default: the latest merge into *person*).

        Returns
        -------
        str
            The id of the person restored.

        Raises
        ------
        NotFoundError
            Nobody was merged into *person* (or not *other*).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee", "J. Lee"],
        ...     "email": ["jordan@stripe.com", ""], "company": ["Stripe", "Stripe"]}), owner="Ada")
        >>> before = net.people
        >>> _ = net.merge_people("jordan@stripe.com", "J. Lee")
        >>> net.split_person("jordan@stripe.com")
        'name:j lee@stripe'
        >>> net.people.equals(before)
        True
        """
        from netgraph.data.decisions import active_merges, record_decision
        from netgraph.data.journal import next_seq, replay

        pid = self.find_person(person)
        merges = active_merges(self._t.identity_decisions)
        mine = merges[merges["a"] == pid]
        if other is not None:
            mine = mine[(mine["b0"] == other) | (mine["b"] == other)]
        if not len(mine):
            raise NotFoundError(
                f"nobody was merged into {person!r}" + (f" as {other!r}" if other else ""),
                suggestions=merges["a"].tolist()[-5:],
                hint="Split the person others were merged into (see the merge decisions).",
                cli_hint="Run `netgraph people split` on the person you merged into.")
        row = mine.iloc[-1]
        t = record_decision(self._t, "split", row["a"], row["b"], seq=next_seq(self._t))
        dec = t.identity_decisions.copy()
        dec.loc[dec.index[-1], ["a0", "b0"]] = [row["a0"], row["b0"]]
        with paused_gc():
            self._set(replay(t.replace(identity_decisions=dec)))
        return str(row["b0"])

    def mark_distinct(self, a: str, b: str, note: str = "") -> None:
        """Decide that *a* and *b* are two people: the pair is no longer suggested.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Jordan Lee", "Jordan Lee"],
        ...     "email": ["jordan@stripe.com", ""], "company": ["Stripe", ""]}), owner="Ada")
        >>> net.mark_distinct("jordan@stripe.com", "name:jordan lee@")
        >>> len(net.person_suggestions())
        0
        """
        pa, pb = self.find_person(a), self.find_person(b)
        self._decide("distinct", pa, pb, note)

    # ------------------------------------------------------------ lookup
    def find_person(self, who: str) -> str:
        """The person id of a name, profile URL, e-mail or person id.

        Raises
        ------
        NotFoundError
            Nobody matches (with the closest names as suggestions), or a name
            matches several people (listed, with their companies).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> net.find_person("grace hopper")
        'name:grace hopper@'
        """
        return self.resolver.person_id(who)

    @property
    def resolver(self) -> Resolver:
        """The one resolver of names, profile URLs, e-mails and ids (see
        :class:`~netgraph.data.resolve.Resolver`), built once per change of the tables."""
        t = self._t
        return self._memo.get(("resolver", self._data_version),
                              lambda: Resolver(t.people, t.companies))

    def _owner_ids(self, source: str | None = None) -> list[str]:
        owners = self.owners
        if source is None:
            if not len(owners):
                raise InputError("the network has no owner yet",
                                 hint="Import an export or contacts with owner='Your Name'.")
            return owners["person_id"].tolist()
        pid = self.find_person(source)
        if pid not in set(owners["person_id"]):
            raise InputError(f"{source!r} is not an owner of this network",
                             expected="one of " + ", ".join(owners["name"]),
                             hint="Paths start at an owner: pass one of their names.")
        return [pid]

    # ------------------------------------------------------------ views
    @property
    def graph(self) -> nx.Graph:
        """The network as a ``networkx.Graph`` (a new copy on each call is not made:
        it is cached until the tables change; copy it before changing it).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                                       "company": ["Acme"]}), owner="Ada")
        >>> sorted(k for _, _, k in net.graph.edges(data="kind"))
        ['knows', 'works_at']
        """
        from netgraph.views.graph import build_graph

        def make() -> nx.Graph:
            with paused_gc():
                return build_graph(self._t, *self._graph_strengths())

        return self._cached(("graph", today()), make)  # strengths are today's

    def _graph_strengths(self) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
        at = today()
        return self._scores(at), self._company_links(at)

    # ------------------------------------------------------------ models
    @property
    def model(self):
        """The :class:`~netgraph.StrengthModel` scoring tie strength."""
        if self._model is None:
            from netgraph.scoring import StrengthModel

            self._model = StrengthModel()
        return self._model

    def fit_strength(self, horizon: Any = "90D", at: Any = None):
        """Learn the strength model from this network's own history; keep it on :attr:`model`.

        Self-supervised (see :mod:`netgraph.scoring.fit`): at many past cut dates, every
        tie's evidence up to the cut is labelled by whether the two were in two-way
        contact within *horizon* after it. The fitted model replaces :attr:`model` (and
        is saved with the workspace); the report compares it on held-out cuts with
        recency-only, frequency-only and a reference heuristic, and gives its
        calibration. With too little history the documented priors are kept and the
        report says why.

        Parameters
        ----------
        horizon : duration, default "90D"
            What a strength predicts: two-way contact within this time.
        at : timestamp-like, optional
            Learn only from history up to here (default: the last interaction).

        Returns
        -------
        FitReport

        Raises
        ------
        InputError
            No interactions, a horizon that is not a duration, or *at* before the first
            interaction.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 3,
        ...     "timestamp": ["2026-01-05", "2026-02-05", "2026-03-05"],
        ...     "channel": ["meeting"] * 3}), owner="Ada", create_missing=True)
        >>> report = net.fit_strength()
        >>> report.used_priors, net.model.horizon_days
        (True, 90.0)
        """
        from netgraph.scoring import StrengthModel
        from netgraph.scoring.fit import fit_prepared

        d = StrengthModel()
        prior = self.model.with_(intercept=d.intercept, coefficients=dict(d.coefficients),
                                 horizon_days=d.horizon_days, recent_days=d.recent_days,
                                 never_days=d.never_days)
        when = None if at is None else as_utc(at, name="at")
        # the fit reads every contact's time: a pandas Prepared whatever the engine
        prep = self._engine.local_prepared(self._prepared())
        report = fit_prepared(prep, horizon=horizon, at=when, prior=prior)
        self._model = report.model
        self._fit = report.to_dict()
        self._memo.clear()
        # outcomes of recorded asks calibrate the path probabilities built on the new model
        calibration = self.calibrate_paths(at=at)
        return dataclasses.replace(report, path_calibration=calibration)

    @property
    def company_model(self):
        """The :class:`~netgraph.CompanyTieModel` scoring the hop into a company."""
        if self._company_model is None:
            from netgraph.scoring.company_ties import CompanyTieModel

            self._company_model = CompanyTieModel()
        return self._company_model

    def _cached(self, key: tuple, make):
        return self._memo.get((*key, self._data_version), make)

    @property
    def engine(self):
        """The compute engine doing the columnar scans (see :mod:`netgraph.engines`)."""
        return self._engine

    def _prepared(self):
        t = self._t
        return self._cached(("prepared",), lambda: self._engine.prepare(
            t.people, t.ties, t.interactions, t.affiliations, t.overrides))

    def _tie_prepared(self, a: str, b: str) -> tuple[Any, int]:
        """A pandas Prepared holding the tie of *a* and *b*'s interactions, and its row
        (whatever the engine: the one-tie views run on pandas)."""
        from netgraph.scoring import find_tie

        state = self._prepared()
        base = self._engine.local_prepared(state, [])
        row = find_tie(base, a, b)
        prep = base if base is state else self._engine.local_prepared(state, [row])
        return prep, row

    def _scores(self, at: pd.Timestamp) -> pd.DataFrame:
        return self._cached(("scores", at), lambda: self._engine.score(
            self._prepared(), self.model, at))

    def _company_links(self, at: pd.Timestamp) -> pd.DataFrame:
        return self._cached(("links", at), lambda: self._engine.company_links(
            self._t.affiliations, self.company_model, at))

    def _index(self, at: Any = None):
        from netgraph.routing.index import build_index

        at = as_utc(at, name="at")
        t = self._t

        def make():
            scores = self._scores(at)  # build_index drops ties made after `at`
            return build_index(t.people, t.companies, t.ties, scores["strength"].to_numpy(),
                               self._company_links(at), scores, at=at)

        return self._cached(("index", at), make)

    def _pair(self, person: str, other: str | None) -> tuple[str, str]:
        """(owner or *other*, person) ids of the tie a per-person method is about."""
        from netgraph.data.merge import tie_owner

        pid = self.find_person(person)
        if other is not None:
            return pid, self.find_person(other)
        return tie_owner(self._t, self._owner_ids(), pid, name=person), pid

    # ------------------------------------------------------------ strength
    def strengths(self, at: Any = None) -> pd.DataFrame:
        """Strength of every tie at a date, with its evidence and components.

        Parameters
        ----------
        at : timestamp-like, optional
            When to evaluate (default: now, UTC). Interactions after *at* are
            ignored.

        Returns
        -------
        pandas.DataFrame
            One row per tie: ``a``, ``b``, ``name_a``, ``name_b``,
            ``strength``, ``tier``, ``last_contact``, counts per channel, the
            components of the score (see :class:`~netgraph.StrengthModel`).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 3,
        ...     "timestamp": ["2026-01-05", "2026-02-01", "2026-03-01"],
        ...     "channel": "call", "direction": ["out", "in", "out"]}), owner="Ada",
        ...     create_missing=True)
        >>> s = net.strengths(at="2026-03-02")
        >>> s[["name_a", "name_b", "n_call"]].values.tolist()
        [['Ada', 'Grace Hopper', 3]]
        >>> bool(0 < s["strength"].iloc[0] < 1)
        True
        """
        out = self._scores(as_utc(at, name="at")).copy()
        names = pd.Series(self._t.people["name"].to_numpy(), index=self._t.people["person_id"])
        pos_a = out.columns.get_loc("b") + 1
        out.insert(pos_a, "name_a", out["a"].astype(object).map(names).to_numpy())
        out.insert(pos_a + 1, "name_b", out["b"].astype(object).map(names).to_numpy())
        return out.reset_index(drop=True)

    def strength(self, person: str, other: str | None = None, at: Any = None) -> float:
        """Strength of the tie between *person* and *other* (default: the owner), 0..1.

        Returns 0.0 when the two are not connected.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"],
        ...     "timestamp": ["2026-01-05"], "channel": ["meeting"]}), owner="Ada",
        ...     create_missing=True)
        >>> net.strength("Grace Hopper", at="2026-01-06") > net.strength(
        ...     "Grace Hopper", at="2026-06-06")
        True
        """
        from netgraph.scoring import pair_strength

        a, b = self._pair(person, other)
        try:
            prep, row = self._tie_prepared(a, b)
        except NotFoundError:
            return 0.0
        return float(pair_strength(prep, row, as_utc(at, name="at"), model=self.model))

    def strength_history(self, person: str, other: str | None = None, start: Any = None,
                         end: Any = None, freq: str = "W") -> pd.Series:
        """Strength of one tie over time (a Series on a UTC DatetimeIndex).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"],
        ...     "timestamp": ["2026-01-05"], "channel": ["meeting"]}), owner="Ada",
        ...     create_missing=True)
        >>> h = net.strength_history("Grace Hopper", start="2026-01-01", end="2026-03-01")
        >>> h.index.tz is not None and h.idxmax() < h.index[-1]
        True
        """
        from netgraph.scoring import strength_history

        a, b = self._pair(person, other)
        prep, row = self._tie_prepared(a, b)
        s = strength_history(prep, row, start=start, end=end, freq=freq,
                             model=self.model)
        s.name = f"{self._name(a)} - {self._name(b)}"
        return s

    def explain_strength(self, person: str, other: str | None = None, at: Any = None):
        """Why a tie is as strong as it is: the evidence and each component's share.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"],
        ...     "timestamp": ["2026-01-05"], "channel": ["meeting"]}), owner="Ada",
        ...     create_missing=True)
        >>> "Grace Hopper" in str(net.explain_strength("Grace Hopper", at="2026-02-01"))
        True
        """
        from netgraph.scoring import explain

        a, b = self._pair(person, other)
        prep, row = self._tie_prepared(a, b)
        return explain(prep, row, as_utc(at, name="at"), model=self.model,
                       names=(self._name(a), self._name(b)))

    def ping_list(self, at: Any = None, n: int | None = 20, source: str | None = None
                  ) -> pd.DataFrame:
        """Whom to ping before a useful tie goes cold, most at stake first.

        Parameters
        ----------
        at : timestamp-like, optional
            Default: now (UTC).
        n : int or None, default 20
            How many rows (``None``: all).
        source : str, optional
            One owner (default: every owner).

        Returns
        -------
        PingList
            A pandas DataFrame (:class:`~netgraph.views.pinglist.PingList`):
            person, strength now, tier, last contact, due date, goes-cold-on
            date, reason, priority (see :func:`netgraph.ping.ping_list`). It
            shows as a readable table in a notebook, and ``.to_ics(path)``
            puts the pings in your calendar.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_interactions(pd.DataFrame({"person": ["Grace Hopper"] * 4,
        ...     "timestamp": ["2025-01-05", "2025-02-05", "2025-03-05", "2025-04-05"],
        ...     "channel": "call", "direction": ["out", "in", "out", "in"]}), owner="Ada",
        ...     create_missing=True)
        >>> net.ping_list(at="2026-01-01")["person"].tolist()
        ['Grace Hopper']
        """
        from netgraph.ping import ping_list

        at = as_utc(at, name="at")
        owners = self._owner_ids(source)
        ties = self._t.ties
        mine = (ties["a"].isin(owners) | ties["b"].isin(owners)).to_numpy().nonzero()[0]
        scores = self._engine.score(self._prepared(), self.model, at, ties=mine, forecast=True)
        from netgraph.views.pinglist import PingList

        out = ping_list(scores, owner=owners, people=self._t.people, model=self.model, at=at,
                        n=n, targets=self._target_paths(at), asks=self._t.asks)
        # whose tie it is, by name: in a team each row is one owner's contact
        names = pd.Series(self._t.people["name"].to_numpy(), index=self._t.people["person_id"])
        out.insert(out.columns.get_loc("person") + 1, "owner_name",
                   out["owner"].map(names).fillna(out["owner"]).to_numpy(dtype=object))
        out = PingList(out)
        out.as_of = at
        return out

    def set_targets(self, companies: Iterable[str]) -> None:
        """Set the companies you are aiming for: ties on the best paths there weigh more
        in :meth:`ping_list`.

        Examples
        --------
        >>> import netgraph as ng
        >>> net = ng.Network()
        >>> net.set_targets(["Acme Robotics"])
        >>> net.targets
        ['Acme Robotics']
        """
        companies = [companies] if isinstance(companies, str) else list(companies)
        if len(self._t.companies):
            for c in companies:
                self.resolver.company_id(str(c))  # NotFoundError with suggestions
        self._targets = [str(c) for c in companies]

    @property
    def targets(self) -> list[str]:
        """The target companies set with :meth:`set_targets`."""
        return list(self._targets)

    def _target_paths(self, at: pd.Timestamp) -> pd.DataFrame | None:
        from netgraph import routing
        from netgraph.ping import target_paths

        if not self._targets:
            return None
        found = []
        last = self._last_paths  # draft_intro(i) keeps referring to the user's last query
        for target in self._targets:
            try:
                found.append(routing.warm_paths(self._index(at), target, k=5))
            except NotFoundError:
                continue
        self._last_paths = last
        return target_paths(found)

    # ------------------------------------------------------------ asks
    def ask(self, introducer: str, target: str, about: str | None = None,
            via: str | None = None, note: str | None = None, when: Any = None, *,
            source: str | None = None) -> int:
        """Record that you asked *introducer* for an introduction to *target*.

        The ask starts as ``asked`` and moves on with :meth:`update_ask`; while open
        it puts follow-ups in :meth:`ping_list` (a follow-up is due 7 days after the
        ask, or after your last contact with the introducer since). It keeps the
        probability of the best path through the introducer to the target when
        asked, which :meth:`calibrate_paths` compares with what came of it.

        Parameters
        ----------
        introducer : str
            Whom you asked (a name, profile URL, e-mail or person id).
        target : str
            A company (any spelling) or a person; a company wins over a person of
            the same name.
        about : str, optional
            What it is about ("the Staff Engineer role").
        via : str, optional
            How you asked: ``"message"``, ``"email"``, ``"call"``, ``"meeting"``,
            ``"linkedin"`` or ``"other"``.
        note : str, optional
        when : timestamp-like, optional
            When you asked (default: now, UTC).
        source : str, optional
            The owner who asked, in a team (default: the owner whose contact the
            introducer is).

        Returns
        -------
        int
            The ask's id.

        Raises
        ------
        NotFoundError
            Nobody (or no company) of that name, with the closest names.
        InputError
            An unknown *via*.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> net.ask("Grace Hopper", "Acme", about="a referral", when="2026-11-02")
        1
        >>> net.asks[["ask_id", "introducer", "target", "status"]].values.tolist()
        [[1, 'Grace Hopper', 'Acme Inc', 'asked']]
        >>> net.ask("Grace Hoper", "Acme")
        Traceback (most recent call last):
        ...
        netgraph.errors.NotFoundError: no introducer named 'Grace Hoper' in this network. Did you mean: 'Grace Hopper'? Hint: ...
        """
        from netgraph.data.asks import add_ask, ask_args, next_ask_id
        from netgraph.data.journal import record_edit
        from netgraph.data.merge import tie_owner
        from netgraph.data.schema import CHANNELS

        via = "" if via is None else str(via).strip().lower()
        if via and via not in CHANNELS:
            raise InputError(f"unknown channel via={via!r}", expected="one of "
                             + ", ".join(CHANNELS), hint="How you asked: 'message', 'email', "
                             "'call' or 'meeting'.")
        asked_on = as_utc(when, default="now", name="when")
        intro = self.resolver.person_id(introducer, what="introducer")
        kind, target_id, target_name = self._ask_target(target)
        owners = self._owner_ids(source)
        owner = owners[0] if source is not None else tie_owner(self._t, owners, intro,
                                                               name=introducer)
        prob, person_id, person = self._ask_path(intro, target, owner,
                                                 as_utc(when, name="when"))
        if kind == "person":
            person_id, person = target_id, target_name
        t = add_ask(self._t, ask_id=next_ask_id(self._t), owner_id=owner, introducer_id=intro,
                    target=target_name, target_id=target_id, target_kind=kind,
                    when=asked_on, person_id=person_id, person=person, about=about or "",
                    via=via, note=note or "", probability=prob)
        row = t.asks.iloc[-1].to_dict()
        self._set(record_edit(t, "ask", ask_args(row)))
        return int(row["ask_id"])

    def _ask_target(self, target: str) -> tuple[str, str, str]:
        """("company" | "person", id, display name) of an ask's target."""
        r = self.resolver
        if not isinstance(target, str) or not target.strip():
            raise InputError(f"target {target!r} is not a name",
                             expected="a company or a person")
        c = r.company(target)
        if c >= 0:
            comp = self._t.companies
            return "company", str(comp["company_id"].iat[c]), str(comp["name"].iat[c])
        if len(r.people_matching(target)):
            pid = r.person_id(target)
            return "person", pid, self._name(pid)
        raise NotFoundError(f"no company or person named {target.strip()!r} in this network",
                            suggestions=r.suggest(target),
                            hint="A target is a company someone in the network works or worked "
                                 "at, or a person in it.")

    def _ask_path(self, intro: str, target: str, owner: str, at: pd.Timestamp
                  ) -> tuple[float, str, str]:
        """(probability, person id, name) of the best path from *owner* through *intro*
        to *target* at *at*; (NaN, "", "") when there is none."""
        from netgraph import routing

        try:
            frame = routing.introducers(self._index(at), target, source=owner,
                                        count_routes=False)
        except NotFoundError:
            return float("nan"), "", ""
        hit = frame[frame["introducer_id"] == intro]
        if not len(hit):
            return float("nan"), "", ""
        row = hit.iloc[0]
        return float(row["probability"]), str(row["person_id"]), str(row["person"])

    def update_ask(self, ask_id: int, status: str, when: Any = None, note: str | None = None,
                   *, person: str | None = None) -> None:
        """Move an ask on: ``asked -> introduced -> met -> referred -> offer``, or end it
        as ``declined`` or ``no_reply`` (see :data:`netgraph.data.asks.NEXT`).

        Recording ``introduced`` (or a later step straight from ``asked``) makes the
        tie between you and the person introduced, dated *when*, so they are
        reachable at once: *person* (a name; someone new is added as working at
        the target company), else whom the ask named (the target person, or the
        person at the target on the best path through the introducer).

        Parameters
        ----------
        ask_id : int
        status : str
        when : timestamp-like, optional
            Default: now (UTC).
        note : str, optional
            Replaces the ask's note.
        person : str, optional
            Whom you were introduced to.

        Raises
        ------
        NotFoundError
            No ask has that id.
        InputError
            An unknown status, or a move backwards or out of a final status; the
            message lists the allowed moves.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> i = net.ask("Grace Hopper", "Acme", when="2026-11-02")
        >>> net.update_ask(i, "introduced", when="2026-11-06", person="Alan Turing")
        >>> net.strength("Alan Turing", at="2026-11-07") > 0
        True
        >>> net.update_ask(i, "asked")
        Traceback (most recent call last):
        ...
        netgraph.errors.InputError: ask 1 is introduced: it cannot become 'asked'. Expected one of met, referred, offer, declined, no_reply. Hint: ...
        """
        from netgraph.data.asks import update_ask
        from netgraph.data.journal import record_edit

        try:
            ask_id = int(ask_id)
        except (TypeError, ValueError):
            raise InputError(f"ask id {ask_id!r} is not a whole number",
                             hint="Ask ids are listed by Network.asks.") from None
        when_ts = as_utc(when, default="now", name="when")
        person_id, new_name, company = "", "", ""
        if person is not None:
            r = self.resolver
            found = r.people_matching(person)
            if len(found) == 1:
                person_id = str(r.person_ids[int(found[0])])
            elif len(found) > 1:
                person_id = r.person_id(person)  # NotFoundError listing who they could be
            else:
                new_name = str(person).strip()
                if not new_name:
                    raise InputError("person is empty", expected="a name")
        t = update_ask(self._t, ask_id, status, when=when_ts, note=note, person_id=person_id,
                       person=new_name, company=company)
        status = str(t.asks.loc[t.asks["ask_id"] == ask_id, "status"].iloc[0])
        args = {"ask_id": ask_id, "status": status, "when": when_ts.isoformat(),
                "note": note, "person_id": person_id, "person": new_name, "company": company}
        self._set(record_edit(t, "ask_update", args))

    def calibrate_paths(self, at: Any = None, *, stale_after_days: float = 30.0,
                        min_outcomes: int = 20):
        """Calibrate path probabilities to the outcomes of your recorded asks.

        Logistic (Platt) calibration of the raw path probability each ask was made
        at against whether it led to an introduction (see
        :mod:`netgraph.routing.calibration` for the method). The result is kept
        (and saved with the workspace) and applied to :meth:`warm_paths`; with
        fewer than *min_outcomes* outcomes the prior (identity) is kept, and the
        result says so.

        Parameters
        ----------
        at : timestamp-like, optional
            Today (default): asks made later are left out.
        stale_after_days : float, default 30
            An ask still ``asked`` this long after it was made counts as a failure.
        min_outcomes : int, default 20

        Returns
        -------
        PathCalibration
            ``n_outcomes`` (what it rests on), ``fitted``, the parameters, and a
            table of predicted against observed rates.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> _ = net.ask("Grace Hopper", "Acme", when="2026-09-02")
        >>> print(net.calibrate_paths(at="2026-11-29"))
        prior kept: 1 outcome, fewer than the 20 needed to calibrate path probabilities
        """
        from netgraph.routing.calibration import calibrate_paths

        at = as_utc(at, name="at")
        cal = calibrate_paths(self._t.asks, at, stale_after_days=stale_after_days,
                              min_outcomes=min_outcomes)
        self._calibration = cal if cal.fitted else None
        return cal

    @property
    def path_calibration(self):
        """The :class:`~netgraph.routing.calibration.PathCalibration` applied to
        :meth:`warm_paths` (the prior until :meth:`calibrate_paths` fits one)."""
        from netgraph.routing.calibration import PathCalibration

        return self._calibration if self._calibration is not None else PathCalibration()

    def log_interaction(self, person: str, when: Any = None, channel: str = "call",
                        direction: str = "out", note: str | None = None,
                        other: str | None = None) -> None:
        """Record that you were in touch with *person* (resets their ping clock).

        Parameters
        ----------
        person : str
            Name, profile URL, e-mail or person id.
        when : timestamp-like, optional
            Default: now (UTC).
        channel : str, default "call"
            One of :data:`netgraph.data.schema.CHANNELS` ("meeting", "call", "message",
            "email", "linkedin", "other", "recommendation", "endorsement", "invitation").
        direction : {"out", "in", ""}
            ``out``: you reached out; ``in``: they did; ``""``: unknown.
        note : str, optional
        other : str, optional
            The other person (default: the owner).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> net.log_interaction("Grace Hopper", when="2026-05-01", channel="meeting")
        >>> len(net.interactions)
        1
        """
        from netgraph.data.journal import record_edit
        from netgraph.data.merge import add_interactions
        from netgraph.data.schema import CHANNELS

        if channel not in CHANNELS:
            raise InputError(f"unknown channel {channel!r}", expected="one of " + ", ".join(
                CHANNELS), hint="Use 'meeting', 'call', 'message' or 'email'.")
        if direction not in ("out", "in", ""):
            raise InputError(f"unknown direction {direction!r}", expected="'out', 'in' or ''",
                             hint="'out' when you reached out, 'in' when they did.")
        a, b = self._pair(person, other)
        row = pd.DataFrame({"person_id": [b], "other_id": [a], "timestamp": [as_utc(when, default="now", name="when")],
                            "channel": [channel], "direction": [direction], "participants": [2],
                            "source": ["logged"], "note": [note or ""]})
        t, _ = add_interactions(self._t, row)
        self._set(record_edit(t, "log", {
            **{k: getattr(v[0], "item", lambda v=v: v[0])() for k, v in row.items()
               if k != "timestamp"},
            "timestamp": row["timestamp"].iloc[0].isoformat()}))

    def set_strength(self, person: str, strength: float, other: str | None = None,
                     when: Any = None, note: str = "") -> None:
        """Set a tie's strength by hand at a date; it then decays like any evidence.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> net.set_strength("Grace Hopper", 0.8, when="2026-01-01")
        >>> round(net.strength("Grace Hopper", at="2026-01-01"), 1)
        0.8
        """
        from netgraph.data.journal import record_edit
        from netgraph.data.merge import add_overrides, add_ties

        try:
            value = float(strength)
        except (TypeError, ValueError):
            value = float("nan")
        if not 0.0 <= value <= 1.0:
            raise InputError(f"strength {strength!r} is outside 0..1",
                             expected="a number from 0 to 1", hint="0.8 is a close tie.")
        a, b = self._pair(person, other)
        t, _ = add_ties(self._t, pd.Series([a]), pd.Series([b]), pd.Series([pd.NaT]),
                        source="manual", owner="")
        when = as_utc(when, default="now", name="when")
        t = record_edit(add_overrides(t, a, b, when, value, note), "strength", {
            "a": a, "b": b, "when": when.isoformat(), "strength": value, "note": note})
        self._set(t)

    # ------------------------------------------------------------ paths
    def warm_paths(self, target: str, source: str | None = None, k: int = 5,
                   max_hops: int = 3, at: Any = None, exclude: Iterable[str] | str = (),
                   distinct_introducers: bool = True, *, role: Any = None,
                   title: str | None = None, objective: Any = None, roles: Any = None):
        """The warmest introduction paths from you (or your team) into a company.

        A tie's strength is read as the chance the person acts on a request
        along it; a path's probability is the product of its hops'
        strengths, the last hop being the person's tie to the company
        (:class:`~netgraph.CompanyTieModel`). See :func:`netgraph.routing.warm_paths`.

        Parameters
        ----------
        target : str
            A company (any spelling or alias) or a person.
        source : str, optional
            An owner; default: every owner (each path starts at its owner).
        k : int, default 5
            Paths through *k* different first introducers.
        max_hops : int, default 3
            Person-to-person hops at most.
        at : timestamp-like, optional
            Evaluate strengths at this date (default: now).
        exclude : str or iterable of str
            People or companies not to route through.
        distinct_introducers : bool, default True
            One path per first introducer (five people to ask); ``False`` gives
            the *k* best loopless paths, however many share an introducer.
        role : str or list of str, optional
            Only paths to someone in this role at the target: ``"recruiter"``,
            ``"hiring manager"``, ``"engineering"``, a list of title words or a
            regular expression (:mod:`netgraph.routing.roles`, ``ng.ROLES``).
        title : str, optional
            A regular expression their title must match.
        objective : str, optional
            What "warmest" means: ``"likely_intro"`` (default, the most
            likely introduction) or ``"job_mobility"`` (moderately weak ties
            first, after Rajkumar et al. 2022; :mod:`netgraph.routing.objectives`).
        roles : mapping, optional
            Your own role families (family -> title words) instead of ``ng.ROLES``.

        Returns
        -------
        WarmPaths
            Ranked by probability (or by the objective's score); empty (with
            ``.reason``) when there is no route, or nobody there has the role. Once
            :meth:`calibrate_paths` has fitted your recorded asks, probabilities are
            calibrated and each path keeps the product of its strengths in
            ``raw_probability``.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> best = net.warm_paths("ACME")[0]
        >>> best.people
        ['Ada', 'Grace Hopper']
        """
        import weakref

        from netgraph import routing as paths
        from netgraph.routing.calibration import apply_calibration

        found = paths.warm_paths(self._index(at), target, source=source, k=k,
                                 max_hops=max_hops, exclude=exclude,
                                 distinct_introducers=distinct_introducers, objective=objective,
                                 role=role, title=title, roles=roles)
        found = apply_calibration(found, self._calibration)
        found._network = weakref.ref(self)  # for paths.show()
        self._last_paths = (found, at)  # what draft_intro(i) refers to
        return found

    def introducers(self, target: str, source: str | None = None, max_hops: int = 3,
                    at: Any = None, exclude: Iterable[str] | str = (),
                    count_routes: bool = True, *, role: Any = None, title: str | None = None,
                    objective: Any = None, roles: Any = None) -> pd.DataFrame:
        """Whom among your direct contacts to ask for an introduction to *target*.

        One row per introducer: the best probability through them, and
        ``routes``, how many people at the target they can reach within
        ``max_hops - 1`` hops (``count_routes=False`` skips that count, which
        costs seconds for the very largest employers). *role*, *title*,
        *objective* and *roles* are as in :meth:`warm_paths`. See
        :func:`netgraph.routing.introducers`.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> net.introducers("Acme")["introducer"].tolist()
        ['Grace Hopper']
        """
        from netgraph import routing as paths

        return paths.introducers(self._index(at), target, source=source, max_hops=max_hops,
                                 exclude=exclude, count_routes=count_routes,
                                 objective=objective, role=role, title=title, roles=roles)

    def reach(self, companies: Iterable[str] | str | None = None, source: str | None = None,
              max_hops: int = 3, at: Any = None, exclude: Iterable[str] | str = (), *,
              role: Any = None, title: str | None = None, objective: Any = None,
              roles: Any = None) -> pd.DataFrame:
        """For each company (or the given ones): how warm is my best way in?

        With *role* (or *title*), the best way in to someone in that role
        there (:meth:`warm_paths`); companies with nobody in it are left out
        unless named. See :func:`netgraph.routing.reach`.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
        ...                         "company": ["Acme Inc", "Globex"]}), owner="Ada")
        >>> sorted(net.reach()["company"])
        ['Acme Inc', 'Globex']
        """
        from netgraph import routing as paths

        return paths.reach(self._index(at), companies, source=source, max_hops=max_hops,
                           exclude=exclude, objective=objective, role=role, title=title,
                           roles=roles)

    # ------------------------------------------------------------ the job search
    def people_at(self, company: str, role: Any = None, *, title: str | None = None,
                  source: str | None = None, max_hops: int = 3, at: Any = None,
                  exclude: Iterable[str] | str = (), roles: Any = None) -> pd.DataFrame:
        """Who the network knows at *company* (current and former), warmest first.

        One row per person: ``person``, ``person_id``, ``title``, ``role``
        (its family), ``current``, ``start``, ``end``, ``probability`` of
        the best path into the company through them (0 out of reach),
        ``hops``, ``introducer`` (the first person to ask) and ``source``
        (the owner). See :func:`netgraph.routing.people_at`; *role* and
        *title* as in :meth:`warm_paths`. Empty when nobody matches, with
        ``.attrs["reason"]`` naming the people there and their titles.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper", "Alan Turing"],
        ...     "company": ["Acme", "Acme"], "title": ["Sr. Recruiter", "SWE"]}), owner="Ada")
        >>> net.people_at("Acme")[["person", "title", "role"]].values.tolist()
        [['Alan Turing', 'SWE', 'engineering'], ['Grace Hopper', 'Sr. Recruiter', 'recruiting']]
        >>> net.people_at("Acme", role="designer").attrs["reason"]
        "nobody at Acme matches role 'designer' (design); the 2 people there: Grace Hopper (Sr. Recruiter), Alan Turing (SWE)"
        """
        from netgraph import routing as paths

        return paths.people_at(self._index(at), company, role=role, title=title, roles=roles,
                               source=source, max_hops=max_hops, exclude=exclude)

    def job_changes(self, since: Any = None, at: Any = None) -> pd.DataFrame:
        """Who changed employer, as newer imports showed it, newest first.

        Importing a newer export of the same owner (or newer contacts) ends
        a mover's old job (``end`` = the newer export's date) and adds the
        new one, so both stay in the network. An older export imported
        after a newer one moves nobody back. Each export's date is its
        newest "Connected On" or message date, else the date in its file
        name, else the import time (:mod:`netgraph.sources.export_date`);
        ``date_from`` says which.

        Parameters
        ----------
        since : timestamp-like, optional
            Only moves detected on or after this date.
        at : timestamp-like, optional
            When to evaluate the new paths (default: now).

        Returns
        -------
        pandas.DataFrame
            ``person``, ``person_id``, ``from_company``, ``from_title``,
            ``to_company``, ``to_company_id``, ``to_title``, ``detected``,
            ``import_id``, ``file``, ``date_from``, ``evidence`` (see
            :func:`netgraph.data.moves.job_changes`), and ``new_way_in``
            (the move is into a target company, :meth:`set_targets`),
            ``probability`` and ``best_path`` (the best path into that
            company through the mover; NaN and ``""`` when not a target).

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...     "email": ["grace@example.com"], "company": ["Globex"]}), owner="Ada")
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...     "email": ["grace@example.com"], "company": ["Acme"]}), owner="Ada")
        >>> net.set_targets(["Acme"])
        >>> net.job_changes()[["person", "from_company", "to_company", "new_way_in",
        ...                    "best_path"]].values.tolist()
        [['Grace Hopper', 'Globex', 'Acme', True, 'Ada -> Grace Hopper -> Acme']]
        """
        import numpy as np

        from netgraph import routing as paths
        from netgraph.data.moves import job_changes

        out = job_changes(self._t, since=since)
        targets = set()
        for c in self._targets:
            with contextlib.suppress(NotFoundError):
                targets.add(self.resolver.company_id(c))
        flag = out["to_company_id"].isin(targets).to_numpy(dtype=bool)
        prob = np.full(len(out), np.nan)
        best = np.full(len(out), "", dtype=object)
        if flag.any():
            ix = self._index(at)
            for i in np.flatnonzero(flag):
                cid, pid = out["to_company_id"].iat[i], out["person_id"].iat[i]
                rows = paths.people_at(ix, cid)
                row = rows[rows["person_id"] == pid]
                if not len(row) or not row["probability"].iat[0] > 0:
                    continue
                prob[i] = float(row["probability"].iat[0])
                way = paths.warm_paths(ix, pid, k=1) if row["hops"].iat[0] else None
                company = self._name_of_company(cid)
                best[i] = (way[0].text() if way else str(row["source"].iat[0])) + \
                    f" -> {company}"
        out["new_way_in"] = flag
        out["probability"] = prob
        out["best_path"] = pd.Series(best, dtype=object)
        return out

    def _name_of_company(self, company_id: str) -> str:
        comp = self._t.companies
        hit = comp.loc[comp["company_id"] == company_id, "name"]
        return str(hit.iat[0]) if len(hit) and hit.iat[0] else company_id

    def draft_intro(self, path: Any = 0, *, me: str | None = None, why: str | None = None,
                    at: Any = None) -> str:
        """A short, editable message asking a path's introducer for an introduction.

        Built from the path's evidence: how you know the introducer (last
        contact, shared employers, since when), whom you want to meet and why
        (their title and role at the target), and a blurb they can forward.
        Plain text; nothing is sent anywhere, and it never holds an e-mail
        address. See :func:`netgraph.views.draft.draft_intro`.

        Parameters
        ----------
        path : WarmPath or int, default 0
            A path, or its index in the last :meth:`warm_paths` result.
        me : str, optional
            The name to sign with (default: the path's owner).
        why : str, optional
            Why you want to meet them, in one sentence (default: built from
            their role and the company).
        at : timestamp-like, optional
            The date the evidence is worded at (default: that of the last
            :meth:`warm_paths` call, or now).

        Raises
        ------
        InputError
            An index with no :meth:`warm_paths` result to refer to, or out of
            range; a path with no introducer.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...     "company": ["Acme"], "title": ["CTO"]}), owner="Ada Lovelace")
        >>> _ = net.warm_paths("Acme")
        >>> print(net.draft_intro(0).splitlines()[0])
        Hi Grace,
        """
        from netgraph.routing.results import WarmPaths
        from netgraph.views.draft import draft_intro

        last = getattr(self, "_last_paths", None)
        if isinstance(path, WarmPaths):
            path = path[0]
        elif isinstance(path, int) and not isinstance(path, bool):
            if last is None:
                raise InputError("no warm paths to pick from yet",
                                 hint="Call net.warm_paths(target) first, or pass a WarmPath.",
                                 cli_hint="Name the target: netgraph draft TARGET --path N.")
            found = last[0]
            if not -len(found) <= path < len(found):
                raise InputError(f"path {path} is out of range: the last warm_paths result "
                                 f"has {len(found)} path(s)" + (
                                     f" ({found.reason})" if not len(found) else ""),
                                 expected=f"an index from 0 to {max(len(found) - 1, 0)}")
            path = found[path]
        if at is None:
            at = last[1] if last is not None and last[1] is not None else None
        return draft_intro(path, me=me, why=why, at=as_utc(at, default="now", name="at"))

    # ------------------------------------------------------------ html
    def to_html(self, path: str | PathLike[str], paths: Any = None, around: Any = None,
                max_nodes: int = 1500, title: str | None = None):
        """Write an interactive, self-contained HTML graph (works offline).

        Parameters
        ----------
        path : str or path-like
        paths : WarmPaths, optional
            Paths to highlight (e.g. ``net.warm_paths("Acme")``).
        around : str or list, optional
            People or companies to centre the view on.
        max_nodes : int, default 1500
            The view shows the neighbourhood that matters up to this size.
        title : str, optional

        Returns
        -------
        pathlib.Path

        Examples
        --------
        >>> import tempfile, os, pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> out = net.to_html(os.path.join(tempfile.mkdtemp(), "g.html"))
        >>> out.read_text().count("<script") >= 1
        True
        """
        from netgraph.views.html import write_html

        return write_html(self.graph, path, paths=paths, around=around, max_nodes=max_nodes,
                          title=title, owner_ids=self.owners["person_id"].tolist())

    def summary(self) -> str:
        """A few lines: people, companies, ties, interactions, owners, imports.

        Examples
        --------
        >>> import netgraph as ng
        >>> print(ng.Network().summary().splitlines()[0])
        0 people (0 owners), 0 companies, 0 ties, 0 interactions
        """
        t = self._t
        owners = self.owners
        lines = [f"{len(t.people)} people ({len(owners)} owners), {len(t.companies)} companies, "
                 f"{len(t.ties)} ties, {len(t.interactions)} interactions"]
        if len(owners):
            deg = pd.concat([t.ties["a"].astype(object), t.ties["b"].astype(object)]).value_counts()
            lines.append("owners: " + ", ".join(
                f"{n} ({int(deg.get(p, 0))} ties)" for n, p in
                zip(owners["name"], owners["person_id"], strict=True)))
        if len(t.companies):
            emp = t.affiliations[t.affiliations["current"]].groupby("company_id").size()
            top = emp.sort_values(ascending=False, kind="stable").head(5)
            names = t.companies.set_index("company_id")["name"]
            lines.append("largest employers: " + ", ".join(
                f"{names.get(c, c)} ({n})" for c, n in top.items()))
        for r in self.reports:
            lines.append("import: " + r.summary())
        return "\n".join(lines)

    def __repr__(self) -> str:
        t = self._t
        owners = ", ".join(self.owners["name"]) or "none"
        return (f"<Network: {len(t.people)} people, {len(t.companies)} companies, "
                f"{len(t.ties)} ties, {len(t.interactions)} interactions, owners: {owners}>")

    def _repr_html_(self) -> str:
        from netgraph.views.notebook import network_card

        return network_card(self)

    def show(self, paths: Any = None, height: int | str = 600, *, around: Any = None,
             max_nodes: int | None = None, title: str | None = None,
             width: int | str = "100%"):
        """Show the interactive graph inline in a notebook (Jupyter, VS Code, Colab).

        The self-contained page goes into a sandboxed ``<iframe srcdoc=...>``:
        no file and no server are needed, and nothing is fetched.

        Parameters
        ----------
        paths : WarmPaths, optional
            Paths to highlight (e.g. ``net.warm_paths("Acme")``).
        height, width : int or str
            Frame size (numbers are pixels).
        around : str or list, optional
            People or companies to centre the view on.
        max_nodes : int, optional
            Default 100 with paths (the paths and what is nearest them) and 200
            without, so the output stays small; pass more to see more.
        title : str, optional

        Returns
        -------
        PageView
            Displays itself in a notebook; ``.save(path)`` writes the page.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"],
        ...                         "company": ["Acme Inc"]}), owner="Ada")
        >>> "<iframe srcdoc=" in net.show(paths=net.warm_paths("Acme"))._repr_html_()
        True
        """
        from netgraph.views.notebook import show

        return show(self, paths, height=height, width=width, around=around,
                    max_nodes=max_nodes, title=title)

    # ------------------------------------------------------------ persistence
    def save(self, path: str | PathLike[str]) -> None:
        """Save the network to one SQLite file (atomically: a failed save keeps the old file).

        The save holds the workspace's writer lock (see :meth:`edit`), so it
        never interleaves with another command writing the same file.

        Examples
        --------
        >>> import tempfile, os, pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> path = os.path.join(tempfile.mkdtemp(), "net.db")
        >>> net.save(path)
        >>> ng.Network.load(path).people.equals(net.people)
        True
        """
        from netgraph.store import save_tables, writing

        if self._editing is not None and Path(path).resolve() == self._editing:
            save_tables(path, self._t, meta=self._meta())  # edit() holds the lock
            return
        with writing(path):
            save_tables(path, self._t, meta=self._meta())

    @classmethod
    @contextlib.contextmanager
    def edit(cls, path: str | PathLike[str], *, create: bool = False, timeout: float = 60.0,
             on_wait: Callable[[str], None] | None = None) -> Iterator[Network]:
        """Load, change and save a workspace as one step that no other writer interleaves.

        Holds the workspace's exclusive writer lock from the load to the save, so
        two processes editing one file at once both land: the second waits (and
        *on_wait* is told) or, after *timeout* seconds, gets a
        :class:`~netgraph.WorkspaceError`. The network is saved when the block
        ends without an error and something changed; an error leaves the file as
        it was.

        Parameters
        ----------
        path : str or path-like
            The workspace file.
        create : bool, default False
            Start an empty network when the file does not exist yet.
        timeout : float, default 60
            Seconds to wait for another writer.
        on_wait : callable, optional
            Called with a message when the lock is held by another process.

        Examples
        --------
        >>> import os, tempfile, pandas as pd, netgraph as ng
        >>> path = os.path.join(tempfile.mkdtemp(), "net.db")
        >>> with ng.Network.edit(path, create=True) as net:
        ...     _ = net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada")
        >>> with ng.Network.edit(path) as net:
        ...     net.log_interaction("Grace Hopper", when="2026-05-01")
        >>> len(ng.Network.load(path).interactions)
        1
        """
        from netgraph.errors import WorkspaceError
        from netgraph.store import writing

        with writing(path, timeout=timeout, on_wait=on_wait) as p:
            if p.is_file():
                net = cls.load(p)
            elif create:
                net = cls()
            else:
                raise WorkspaceError(f"no workspace file at {p}",
                                     hint="Import data first, or pass create=True.")
            start = (net._version, id(net._model), id(net._company_model), list(net._targets),
                     net._calibration)
            net._editing = p.resolve()
            try:
                yield net
            finally:
                net._editing = None
            if not p.is_file() or start != (net._version, id(net._model),
                                            id(net._company_model), list(net._targets),
                                            net._calibration):
                net._editing = p.resolve()
                try:
                    net.save(p)
                finally:
                    net._editing = None

    def _meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"targets": list(self._targets)}
        if self._calibration is not None:
            meta["path_calibration"] = self._calibration.to_dict()
        for name, model in (("model", self._model), ("company_model", self._company_model)):
            if model is not None:
                from dataclasses import asdict

                meta[name] = asdict(model)
        if self._model is not None:
            from netgraph.scoring.model import MODEL_FORMAT

            meta["model_format"] = MODEL_FORMAT
            if getattr(self, "_fit", None):
                meta["strength_fit"] = self._fit
        return meta

    @classmethod
    def load(cls, path: str | PathLike[str], engine: Any = "pandas",
             engine_options: dict[str, Any] | None = None) -> Network:
        """Load a network saved with :meth:`save`.

        Raises
        ------
        WorkspaceError
            The file is missing, not a netgraph workspace, or damaged.
        """
        from netgraph.store import load_tables

        tables, meta = load_tables(path)
        net = cls(**cls._models_from_meta(meta), engine=engine, engine_options=engine_options)
        net._t = tables
        net._targets = list(meta.get("targets", []))
        if "path_calibration" in meta:
            import warnings

            from netgraph.routing.calibration import PathCalibration

            try:
                net._calibration = PathCalibration.from_dict(meta["path_calibration"])
            except (KeyError, TypeError, ValueError) as err:
                warnings.warn(f"{path}: the path calibration kept there cannot be read ({err}); "
                              "using raw path probabilities until `calibrate_paths()` runs "
                              "again", UserWarning, stacklevel=2)
        if meta.get("model_format") is not None:
            fit = meta.get("strength_fit")
            net._fit = fit if isinstance(fit, dict) and net._model is not None else None
        return net

    @staticmethod
    def _models_from_meta(meta: dict[str, Any]) -> dict[str, Any]:
        from netgraph._params import from_stored

        out: dict[str, Any] = {}
        if "model" in meta:
            from netgraph.scoring import StrengthModel
            from netgraph.scoring.model import MODEL_FORMAT

            fmt = meta.get("model_format", 1)
            if fmt != MODEL_FORMAT:
                import warnings

                warnings.warn(
                    f"the workspace's strength model was saved in format {fmt!r}, which this "
                    f"netgraph (format {MODEL_FORMAT}) cannot read; using the default model. "
                    "Run `netgraph fit` (or Network.fit_strength) to learn it again.",
                    UserWarning, stacklevel=3)
            else:
                out["model"] = from_stored(StrengthModel, meta["model"],
                                           what="strength model")
        if "company_model" in meta:
            from netgraph.scoring.company_ties import CompanyTieModel

            out["company_model"] = from_stored(CompanyTieModel, meta["company_model"],
                                               what="company-tie model")
        return out

    def _company_id(self, name: str) -> str:
        return self._t.company_ids(pd.Series([name])).iloc[0]

    def _name(self, pid: str) -> str:
        people = self._t.people
        hit = people.loc[people["person_id"] == pid, "name"]
        return hit.iloc[0] if len(hit) else pid


def _table_view(name: str) -> property:
    def view(self: Network) -> pd.DataFrame:
        return getattr(self._t, name).copy(deep=False)

    view.__doc__ = (schema.DESCRIPTIONS.get(name, f"The {name} table.")
                    + " A read-only view; see :mod:`netgraph.data.schema`.")
    return property(view)


# one read-only attribute per table declared in the schema (net.people, net.ties, ...)
for _name in schema.TABLES:
    if _name not in Network.__dict__:
        setattr(Network, _name, _table_view(_name))

