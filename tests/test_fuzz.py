"""Fuzzing the readers: mutated real sample files raise only InputError, or read with a
report whose counts add up.

The seeds are the files :func:`netgraph.sample.write_sample_data` writes (generated once
per module); hypothesis mutates them (byte flips, truncation, re-encoding, a huge field,
swapped/duplicated columns, a deleted header, junk lines, NULs) and each reader must
either return a frame (``rows_read == imported + skipped``) or raise
:class:`netgraph.InputError`. Sized to run in well under a minute on two cores.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import netgraph as ng  # noqa: E402
from netgraph.sample import write_sample_data  # noqa: E402
from netgraph.sources.contacts import read_contacts  # noqa: E402
from netgraph.sources.history import read_affiliations  # noqa: E402
from netgraph.sources.interactions import read_interactions  # noqa: E402
from netgraph.sources.linkedin import (  # noqa: E402
    read_linkedin_connections,
    read_linkedin_export,
    read_linkedin_invitations,
    read_linkedin_messages,
    read_linkedin_positions,
)

#: Examples per reader (8 readers, 720 cases): about 45 s on two cores. A longer, randomised hunt:
#: NETGRAPH_FUZZ_EXAMPLES=2000 NETGRAPH_FUZZ_RANDOM=1 pytest tests/test_fuzz.py -s
EXAMPLES = int(os.environ.get("NETGRAPH_FUZZ_EXAMPLES", "90"))
#: Cases tried, by reader (printed by the last test).
TRIED: dict[str, int] = {}
#: Seed bytes kept small so each case is quick: the first lines of each sample file.
MAX_SEED_LINES = 120


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("sample")
    write_sample_data(root)

    def head(path: Path) -> bytes:
        text = path.read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        pre = text.split("\n")
        if rows and len(rows[0]) <= 1:  # a Notes: preamble: keep the raw lines
            return "\n".join(pre[:MAX_SEED_LINES]).encode()
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows[:MAX_SEED_LINES])
        return out.getvalue().encode()

    maya = root / "maya_okafor"
    positions = (b"Company Name,Title,Description,Location,Started On,Finished On\n"
                 b"Acme,Engineer,,,Jun 2018,\nInitech,Intern,,,2016,Aug 2017\n"
                 b"Globex,Lead,\"Built, things\",Paris,Jan 2015,Dec 2015\n")
    out = {
        "connections": head(maya / "Connections.csv"),
        "messages": head(maya / "messages.csv"),
        "invitations": head(maya / "Invitations.csv"),
        "positions": positions,
        "contacts": head(root / "priya_raman" / "Connections.csv"),
        "affiliations": head(root / "affiliations.csv"),
        "interactions": head(maya / "interactions.csv"),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, key in [("Connections.csv", "connections"), ("messages.csv", "messages"),
                          ("Invitations.csv", "invitations"), ("Positions.csv", "positions")]:
            zf.writestr(name, out[key])
    out["export"] = buf.getvalue()
    return out


# --------------------------------------------------------------------------- mutations


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutations(draw, seed: bytes) -> bytes:
    """One to three mutations of *seed*, chosen by hypothesis."""
    data = seed
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from([
            "flip", "truncate", "reencode", "huge", "swap", "dup", "nohead", "junk", "nul",
            "quote", "delete_line", "crlf"]))
        n = len(data)
        if kind == "flip" and n:
            raw = bytearray(data)
            for _ in range(draw(st.integers(1, 8))):
                i = draw(st.integers(0, n - 1))
                raw[i] = draw(st.integers(0, 255))
            data = bytes(raw)
        elif kind == "truncate" and n:
            data = data[:draw(st.integers(0, n))]
        elif kind == "reencode":
            enc = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "latin-1",
                                        "cp1252", "utf-8-sig", "utf-32"]))
            text = data.decode("utf-8", "replace")
            data = text.encode(enc, "replace")
        elif kind == "huge":
            lines = _lines(data)
            at = draw(st.integers(0, max(len(lines) - 1, 0)))
            size = draw(st.sampled_from([70_000, 200_000, 1_500_000]))
            filler = draw(st.sampled_from([b"x", b"a,", b'"q",', b"a;b\t", b"\xc3\xa9"]))
            cell = b'"' + (filler * (size // len(filler))).replace(b'"', b'""') + b'"' \
                if draw(st.booleans()) else filler * (size // len(filler))
            lines[at] = lines[at] + b"," + cell
            data = b"\n".join(lines)
        elif kind in ("swap", "dup") and n < 100_000:  # (csv.reader: cells up to 128 KB)
            try:
                rows = list(csv.reader(io.StringIO(data.decode("utf-8", "replace"),
                                                   newline="")))
            except csv.Error:  # (a lone quote or CR the mutations left): no swap
                rows = []
            width = max((len(r) for r in rows), default=0)
            if width >= 2:
                i, j = draw(st.integers(0, width - 1)), draw(st.integers(0, width - 1))
                out = []
                for r in rows:
                    r = r + [""] * (width - len(r))
                    if kind == "swap":
                        r[i], r[j] = r[j], r[i]
                    else:
                        r.insert(j, r[i])
                    out.append(r)
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(out)
                data = buf.getvalue().encode()
        elif kind == "nohead":
            lines = _lines(data)
            idx = next((k for k, ln in enumerate(lines) if ln.count(b",") >= 1
                        and not ln.startswith(b'"')), 0)
            data = b"\n".join(lines[:idx] + lines[idx + 1:])
        elif kind == "junk":
            lines = _lines(data)
            for _ in range(draw(st.integers(1, 5))):
                at = draw(st.integers(0, len(lines)))
                lines.insert(at, draw(st.binary(max_size=60)))
            data = b"\n".join(lines)
        elif kind == "nul" and n:
            raw = bytearray(data)
            for _ in range(draw(st.integers(1, 20))):
                raw.insert(draw(st.integers(0, len(raw))), 0)
            data = bytes(raw)
        elif kind == "quote" and n:
            at = draw(st.integers(0, n))
            data = data[:at] + b'"' + data[at:]
        elif kind == "delete_line":
            lines = _lines(data)
            if lines:
                del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "crlf":
            data = data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n"])))
    return data


@st.composite
def zip_mutations(draw, seed: bytes) -> bytes:
    """A mutated export .zip: its members mutated, or the archive bytes damaged."""
    if draw(st.booleans()):
        src = zipfile.ZipFile(io.BytesIO(seed))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in src.infolist():
                data = src.read(info)
                if draw(st.booleans()):
                    data = draw(mutations(data))
                if draw(st.integers(0, 9)):  # sometimes a member is left out
                    zf.writestr(info.filename, data)
        return buf.getvalue()
    raw = bytearray(seed)
    how = draw(st.sampled_from(["flip", "truncate", "zero"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 16))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    elif how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    else:
        at = draw(st.integers(0, len(raw) - 1))
        raw[at:at + draw(st.integers(1, 200))] = bytes(min(200, len(raw) - at))
    return bytes(raw)


# --------------------------------------------------------------------------- invariants


def _check_frame(df: pd.DataFrame) -> None:
    rep = df.attrs["report"]
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    assert rep.imported == len(df)
    assert rep.rows_read == rep.imported + len(rep.skipped), str(rep)
    assert df["line"].dtype == "int64"
    lines = df["line"].to_numpy()
    assert (lines >= 1).all()
    skipped = {i.line for i in rep.skipped}
    assert not skipped & set(lines.tolist())


def _check_export(result) -> None:
    frames, report = result
    assert set(frames) <= {"connections", "messages", "invitations", "positions", "profile",
                           "education", "recommendations_received", "recommendations_given",
                           "endorsements_received", "endorsements_given"}
    assert "connections" in frames or "messages" in frames
    for df in frames.values():
        _check_frame(df)
    assert all(any(p is df.attrs["report"] for p in report.parts) for df in frames.values())


READERS = {
    "connections": read_linkedin_connections,
    "messages": read_linkedin_messages,
    "invitations": read_linkedin_invitations,
    "positions": read_linkedin_positions,
    "contacts": read_contacts,
    "affiliations": read_affiliations,
    "interactions": read_interactions,
}

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=not os.environ.get("NETGRAPH_FUZZ_RANDOM"),
                suppress_health_check=list(HealthCheck))


def _run(name: str, call, check) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1
    try:
        result = call()
    except ng.InputError as err:
        assert str(err) and err.message
        return
    check(result)


@pytest.mark.parametrize("name", sorted(READERS))
def test_fuzz_reader(seeds, name, tmp_path):
    reader = READERS[name]
    path = tmp_path / f"{name}.csv"

    @FUZZ
    @given(data=st.data())
    def run(data):
        mutated = data.draw(mutations(seeds[name]))
        if data.draw(st.booleans()):  # a real file, as users pass it
            path.write_bytes(mutated)
            _run(name, lambda: reader(path), _check_frame)
        else:
            _run(name, lambda: reader(mutated), _check_frame)

    run()


def test_fuzz_export_zip(seeds, tmp_path):
    @FUZZ
    @given(data=st.data())
    def run(data):
        mutated = data.draw(zip_mutations(seeds["export"]))
        _run("export", lambda: read_linkedin_export(mutated), _check_export)

    run()
    p = tmp_path / "export.zip"  # and once through a file, as the command line reads it
    p.write_bytes(seeds["export"])
    _check_export(read_linkedin_export(p))


def test_fuzz_counts():
    total = sum(TRIED.values())
    per = ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()))
    print(f"\nfuzz cases tried: {total} ({per})")
