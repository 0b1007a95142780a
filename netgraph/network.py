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

from collections.abc import Iterable
from dataclasses import replace
from os import PathLike
from typing import Any

import networkx as nx
import pandas as pd

from netgraph import importers
from netgraph.errors import InputError, NotFoundError
from netgraph.identity import company_key, name_key, similar_companies
from netgraph.io.report import ImportReport
from netgraph.merge import Tables

__all__ = ["Network"]

PathOrFrame = str | PathLike[str] | pd.DataFrame


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

    Attributes
    ----------
    people, companies, affiliations, ties, interactions, overrides : DataFrame
        The canonical tables (see :mod:`netgraph.schema`); read-only views.
    graph : networkx.Graph
        People and companies with the documented node and edge attributes.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.Network()
    >>> net
    <Network: 0 people, 0 companies, 0 ties, 0 interactions, owners: none>
    """

    def __init__(self, model: Any = None, company_model: Any = None) -> None:
        self._t = Tables.empty()
        self._model = model
        self._company_model = company_model
        self._targets: list[str] = []
        self._version = 0
        self._cache: dict[Any, Any] = {}
        self.reports: list[ImportReport] = []

    # ------------------------------------------------------------ tables
    def _set(self, tables: Tables) -> None:
        self._t = tables
        self._version += 1
        self._cache.clear()

    @property
    def tables(self) -> Tables:
        """All canonical tables at once (a frozen :class:`~netgraph.merge.Tables`)."""
        return self._t

    @property
    def people(self) -> pd.DataFrame:
        """People: one row per person (see :mod:`netgraph.schema`)."""
        return self._t.people.copy(deep=False)

    @property
    def companies(self) -> pd.DataFrame:
        """Companies: one row per employer, with every spelling seen as aliases."""
        return self._t.companies.copy(deep=False)

    @property
    def affiliations(self) -> pd.DataFrame:
        """Job history: person, company, title, start, end, current."""
        return self._t.affiliations.copy(deep=False)

    @property
    def ties(self) -> pd.DataFrame:
        """Ties: who is connected to whom, since when, from which source."""
        return self._t.ties.copy(deep=False)

    @property
    def interactions(self) -> pd.DataFrame:
        """Interactions: who contacted whom, when, how, in which direction."""
        return self._t.interactions.copy(deep=False)

    @property
    def overrides(self) -> pd.DataFrame:
        """Tie strengths set by hand (:meth:`set_strength`)."""
        return self._t.overrides.copy(deep=False)

    @property
    def owners(self) -> pd.DataFrame:
        """The owners: the people whose exports and contacts were imported."""
        p = self._t.people
        return p[p["is_owner"]].reset_index(drop=True)

    # ------------------------------------------------------------ imports
    def _run(self, func, *args) -> ImportReport:
        tables, report = func(self._t, *args)
        self._set(tables)
        self.reports.append(report)
        return report

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
        return self._run(importers.import_linkedin, path, owner, owner_url)

    def import_contacts(self, path_or_frame: PathOrFrame, owner: str | None = None
                        ) -> ImportReport:
        """Import a generic contacts CSV or DataFrame as the owner's ties.

        Columns (by name, many aliases accepted): name (or first/last name),
        email, url (profile URL), company, title, connected_on.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner="Ada").imported
        1
        """
        return self._run(importers.import_contacts, path_or_frame, owner)

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
        return self._run(importers.import_affiliations, path_or_frame)

    def import_interactions(self, path_or_frame: PathOrFrame, owner: str | None = None
                            ) -> ImportReport:
        """Import an interaction log.

        Columns: person, other (default: the owner), timestamp, channel
        (meeting, call, message, email, linkedin), direction (``out``: other
        reached out to person; ``in``: person reached out to other; empty:
        unknown), participants (people in the thread, default 2), note.

        Examples
        --------
        >>> import pandas as pd, netgraph as ng
        >>> net = ng.Network()
        >>> log = pd.DataFrame({"person": ["Grace Hopper"], "timestamp": ["2026-01-05"],
        ...                     "channel": ["call"]})
        >>> net.import_interactions(log, owner="Ada Lovelace").imported
        1
        """
        return self._run(importers.import_interactions, path_or_frame, owner)

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
        a = company_key([alias]).iloc[0]
        c = self._t.company_ids(pd.Series([company])).iloc[0]
        if not a or not c:
            raise InputError("a company alias needs two real company names",
                             hint="Placeholders such as 'Self-employed' cannot be aliased.")
        if a == c:
            return
        aliases = {k: (c if v == a else v) for k, v in self._t.aliases.items()}
        aliases[a] = c
        t = self._t
        people = t.people.copy()
        people["company_id"] = people["company_id"].replace({a: c})
        aff = t.affiliations.copy()
        aff["company_id"] = aff["company_id"].replace({a: c})
        comp = t.companies
        merged = comp[comp["company_id"].isin([a, c])]
        rest = comp[~comp["company_id"].isin([a, c])]
        names = sorted({n for al in merged["aliases"] for n in al.split("|") if n} | {alias})
        keep = merged[merged["company_id"] == c]
        name = keep["name"].iloc[0] if len(keep) else company
        row = pd.DataFrame({"company_id": [c], "name": [name], "aliases": ["|".join(names)]})
        comp = pd.concat([rest, row], ignore_index=True)
        self._set(replace(t, people=people, affiliations=aff, companies=comp, aliases=aliases))

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
        people = self._t.people
        who = str(who).strip()
        ids = people["person_id"]
        if (ids == who).any():
            return who
        low = who.lower().rstrip("/")
        if "linkedin.com/in/" in low:
            slug = low.split("linkedin.com/in/", 1)[1].split("?")[0].strip("/")
            if (ids == f"in:{slug}").any():
                return f"in:{slug}"
        if "@" in low and (people["email"] == low).any():
            return people.loc[people["email"] == low, "person_id"].iloc[0]
        key = name_key([who]).iloc[0]
        keys = self._name_keys()
        hit = people[keys == key]
        if len(hit) == 1:
            return hit["person_id"].iloc[0]
        if len(hit) > 1:
            desc = [f"{n} ({c or 'no company'}, {p})" for n, c, p in
                    zip(hit["name"], hit["company"], hit["person_id"], strict=True)]
            raise NotFoundError(f"{len(hit)} people are named {who!r}", suggestions=desc,
                                hint="Pass a profile URL or person id to choose one.")
        raise NotFoundError(f"nobody named {who!r} in the network",
                            suggestions=self._closest(who, people["name"]))

    def _name_keys(self) -> pd.Series:
        key = ("name_keys", self._version)
        if key not in self._cache:
            self._cache[key] = name_key(self._t.people["name"])
        return self._cache[key]

    @staticmethod
    def _closest(query: str, names: Iterable[str], limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        choices = sorted(set(names) - {""})
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [m[0] for m in found]

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
        key = ("graph", self._version)
        if key not in self._cache:
            from netgraph.graph import build_graph

            self._cache[key] = build_graph(self._t, *self._graph_strengths())
        return self._cache[key]

    def _graph_strengths(self) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
        return None, None

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
        import html

        return "<pre>" + html.escape(self.summary()) + "</pre>"

    # ------------------------------------------------------------ persistence
    def save(self, path: str | PathLike[str]) -> None:
        """Save the network to one SQLite file (atomically: a failed save keeps the old file).

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
        from netgraph.store import save_tables

        save_tables(path, self._t, meta=self._meta())

    def _meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"targets": list(self._targets)}
        for name, model in (("model", self._model), ("company_model", self._company_model)):
            if model is not None:
                from dataclasses import asdict

                meta[name] = asdict(model)
        return meta

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Network:
        """Load a network saved with :meth:`save`.

        Raises
        ------
        WorkspaceError
            The file is missing, not a netgraph workspace, or damaged.
        """
        from netgraph.store import load_tables

        tables, meta = load_tables(path)
        net = cls(**cls._models_from_meta(meta))
        net._t = tables
        net._targets = list(meta.get("targets", []))
        return net

    @staticmethod
    def _models_from_meta(meta: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "model" in meta:
            from netgraph.strength import StrengthModel

            out["model"] = StrengthModel(**meta["model"])
        if "company_model" in meta:
            from netgraph.paths import CompanyTieModel

            out["company_model"] = CompanyTieModel(**meta["company_model"])
        return out

    def _company_id(self, name: str) -> str:
        return self._t.company_ids(pd.Series([name])).iloc[0]
