"""Shared fixtures: small networks built from real files written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You will only see email addresses for connections who have allowed '
    'their connections to see or download their email address using this setting '
    'https://www.linkedin.com/psettings/privacy/email. You can learn more here: '
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections_csv(path: Path, rows: list[str], preamble: bool = True) -> Path:
    """Write a modern Connections.csv with the given data lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((PREAMBLE if preamble else "") + HEADER + "".join(r + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def write_connections():
    return connections_csv


@pytest.fixture
def ada_export(tmp_path: Path) -> Path:
    """A small modern export of Ada's: five connections, one ghost, one placeholder."""
    return connections_csv(tmp_path / "ada" / "Connections.csv", [
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Acme Robotics Inc.,CTO,16 Dec 2024",
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Globex,Researcher,02 Mar 2023",
        "Alan,Turing,https://www.linkedin.com/in/alan-turing-2,,ACME Robotics LLC,Engineer,01 Jan 2022",
        '"Katherine","Johnson, PhD",https://www.linkedin.com/in/kj,,Self-employed,Consultant,05 May 2021',
        ",,,,,,07 Jul 2020",
        "Edsger,Dijkstra,https://www.linkedin.com/in/ewd,ewd@example.org,Initech,Engineer,09 Sep 2019",
    ])
