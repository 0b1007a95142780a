"""netgraph: who can introduce me to someone at the company I want to work for?

netgraph imports a person's (or a team's) LinkedIn export and contact data,
builds a NetworkX graph of people and companies, scores relationship strength
over time, and finds the warmest introduction paths to a target company.
Everything runs locally; netgraph makes no network calls.

Examples
--------
>>> import netgraph as ng
>>> net = ng.Network()
>>> len(net.people)
0
"""

from __future__ import annotations

import importlib
from typing import Any

from netgraph.errors import InputError, NetgraphError, NotFoundError, WorkspaceError
from netgraph.sources.report import ImportReport

__version__ = "0.1.0"

# Public names loaded on first use, so `import netgraph` stays light.
_LAZY = {
    "Network": "netgraph.network",
    "read_linkedin_connections": "netgraph.sources.linkedin",
    "read_linkedin_messages": "netgraph.sources.linkedin",
    "read_linkedin_invitations": "netgraph.sources.linkedin",
    "read_linkedin_positions": "netgraph.sources.linkedin",
    "read_linkedin_recommendations": "netgraph.sources.linkedin",
    "read_linkedin_endorsements": "netgraph.sources.linkedin",
    "read_linkedin_education": "netgraph.sources.linkedin",
    "read_linkedin_export": "netgraph.sources.linkedin",
    "message_interactions": "netgraph.sources.linkedin",
    "read_contacts": "netgraph.sources.contacts",
    "read_affiliations": "netgraph.sources.history",
    "read_interactions": "netgraph.sources.interactions",
    "read_email_headers": "netgraph.sources.email",
    "read_calendar": "netgraph.sources.calendar",
    "read_vcard": "netgraph.sources.vcard",
    "StrengthModel": "netgraph.scoring",
    "FitReport": "netgraph.scoring.fit",
    "CompanyTieModel": "netgraph.scoring.company_ties",
    "WarmPath": "netgraph.routing",
    "WarmPaths": "netgraph.routing",
    "Hop": "netgraph.routing",
    "ROLES": "netgraph.routing.roles",
    "role_family": "netgraph.routing.roles",
}
_SUBMODULES = {"plot": "netgraph.views.plot", "schema": "netgraph.data.schema", "sample": "netgraph.sample"}

__all__ = [
    "ImportReport",
    "InputError",
    "NetgraphError",
    "NotFoundError",
    "WorkspaceError",
    *_LAZY,
    *_SUBMODULES,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(_SUBMODULES[name])
    raise AttributeError(f"module 'netgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
