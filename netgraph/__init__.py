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
from netgraph.io.report import ImportReport

__version__ = "0.1.0"

# Public names loaded on first use, so `import netgraph` stays light.
_LAZY = {
    "Network": "netgraph.network",
    "read_linkedin_connections": "netgraph.io.linkedin",
    "read_linkedin_messages": "netgraph.io.linkedin",
    "read_linkedin_invitations": "netgraph.io.linkedin",
    "read_linkedin_positions": "netgraph.io.linkedin",
    "read_linkedin_export": "netgraph.io.linkedin",
    "message_interactions": "netgraph.io.linkedin",
    "read_contacts": "netgraph.io.tables",
    "read_affiliations": "netgraph.io.tables",
    "read_interactions": "netgraph.io.tables",
    "StrengthModel": "netgraph.strength",
    "CompanyTieModel": "netgraph.paths",
    "WarmPath": "netgraph.paths",
    "WarmPaths": "netgraph.paths",
    "Hop": "netgraph.paths",
}
_SUBMODULES = {"plot": "netgraph.viz.plot", "schema": "netgraph.schema", "sample": "netgraph.sample"}

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
