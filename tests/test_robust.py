"""Input robustness: damaged archives, wrong argument types, absurd values, huge cells,
stray bytes. Every case is a real file written to tmp_path; each raises only InputError
(with the file, what was expected and a hint) or reads with the problem in the report."""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import InputError
from netgraph.sources.contacts import read_contacts
from netgraph.sources.history import read_affiliations
from netgraph.sources.interactions import read_interactions
from netgraph.sources.linkedin import (
    read_linkedin_connections,
    read_linkedin_export,
    read_linkedin_invitations,
    read_linkedin_messages,
    read_linkedin_positions,
)

IN = "https://www.linkedin.com/in/"
MAX_PARTICIPANTS = 100_000  # netgraph.sources.interactions.MAX_PARTICIPANTS
CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               + "".join(f"Person{i},Example{i},{IN}p{i},,Acme {i % 7},Engineer,16 Dec 2024\n"
                         for i in range(300)))
MESSAGES = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            + "".join(f"c{i},,Ada L,{IN}ada,Person{i} Example{i},{IN}p{i},"
                      f"2024-01-{1 + i % 28:02d} 10:00:00 UTC,,Hello {i},INBOX\n"
                      for i in range(200)))


def _export_zip(path: Path, **members: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


def _data_offset(raw: bytes, name: str) -> tuple[int, int]:
    """Where the compressed data of member *name* starts, and its length."""
    zf = zipfile.ZipFile(io.BytesIO(raw))
    info = zf.getinfo(name)
    start = info.header_offset
    n_name = int.from_bytes(raw[start + 26:start + 28], "little")
    n_extra = int.from_bytes(raw[start + 28:start + 30], "little")
    return start + 30 + n_name + n_extra, info.compress_size


def _damaged(tmp_path: Path, how: str) -> Path:
    good = _export_zip(tmp_path / "good.zip", **{"Connections.csv": CONNECTIONS,
                                                "messages.csv": MESSAGES})
    raw = bytearray(good.read_bytes())
    off, size = _data_offset(bytes(raw), "Connections.csv")
    if how == "flip":  # corrupt deflate stream: zlib.error
        for k in range(off + size // 3, off + size // 3 + 40):
            raw[k] ^= 0xFF
    elif how == "crc":  # valid deflate stream, wrong checksum: BadZipFile (Bad CRC-32)
        zf = zipfile.ZipFile(io.BytesIO(bytes(raw)))
        assert zf.infolist()[0].filename == "Connections.csv"
        raw[zf.start_dir + 16] ^= 0xFF  # its central directory entry's CRC-32
    elif how == "truncated_member":  # the data ends early: end of stream missing
        off2, _ = _data_offset(bytes(raw), "messages.csv")
        raw[off + size // 2:off2 - 30] = b"\x00" * (off2 - 30 - off - size // 2)
    elif how == "truncated_file":
        raw = raw[: len(raw) // 2]
    elif how == "bad_header":  # the local header's signature is gone: BadZipFile
        raw[0:4] = b"XXXX"
    p = tmp_path / f"damaged_{how}.zip"
    p.write_bytes(bytes(raw))
    return p


@pytest.mark.parametrize("how", ["flip", "crc", "truncated_member", "truncated_file",
                                 "bad_header"])
def test_damaged_export_zip_is_an_input_error_naming_the_member(tmp_path, how):
    p = _damaged(tmp_path, how)
    with pytest.raises(InputError) as info:
        read_linkedin_export(p)
    msg = str(info.value)
    assert str(p) in msg and "download" in msg.lower() and "Hint:" in msg, msg
    if how in ("flip", "crc", "truncated_member"):
        assert "'Connections.csv'" in msg, msg
    with pytest.raises(InputError):
        read_linkedin_export(p.read_bytes())
    with pytest.raises(InputError):
        ng.Network().import_linkedin(p, owner="Ada")


def test_damaged_optional_member_is_a_warning(tmp_path):
    good = _export_zip(tmp_path / "good.zip", **{
        "Connections.csv": CONNECTIONS, "Invitations.csv": "From,To,Sent At,Message,Direction\n"
        + "".join(f'Ada L,P{i},"1/15/24, 10:41 AM",,OUTGOING\n' for i in range(300))})
    raw = bytearray(good.read_bytes())
    off, size = _data_offset(bytes(raw), "Invitations.csv")
    for k in range(off + size // 3, off + size // 3 + 30):
        raw[k] ^= 0xFF
    p = tmp_path / "bad_invitations.zip"
    p.write_bytes(bytes(raw))
    frames, report = read_linkedin_export(p)
    assert sorted(frames) == ["connections"]
    assert any("Invitations.csv" in w.reason for w in report.warnings)


def test_cli_damaged_zip_exits_1_without_traceback(tmp_path):
    p = _damaged(tmp_path, "flip")
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["--db", str(tmp_path / "net.db"), "import", "linkedin", str(p),
                     "--owner", "X"])
    assert code == 1
    text = err.getvalue()
    assert "error:" in text and "Traceback" not in text and "Connections.csv" in text, text
    assert "download the export again" in text.lower(), text


# --------------------------------------------------------------------------- argument types

READERS = [read_linkedin_connections, read_linkedin_messages, read_linkedin_invitations,
           read_linkedin_positions, read_linkedin_export, read_contacts, read_affiliations,
           read_interactions]


@pytest.mark.parametrize("bad", [None, {"a": 1}, 3, 2.5, ["x.csv"], object()],
                         ids=["None", "dict", "int", "float", "list", "object"])
@pytest.mark.parametrize("reader", READERS, ids=lambda f: f.__name__)
def test_wrong_argument_type_is_an_input_error(reader, bad):
    with pytest.raises(InputError) as info:
        reader(bad)
    msg = str(info.value)
    assert "cannot read" in msg and "Expected a file path" in msg and "Hint:" in msg, msg
    assert type(bad).__name__ in msg or "None" in msg, msg


@pytest.mark.parametrize("bad", [None, {"a": 1}, 3])
@pytest.mark.parametrize("method", ["import_linkedin", "import_contacts",
                                    "import_affiliations", "import_interactions"])
def test_network_imports_check_the_argument_type(method, bad):
    net = ng.Network()
    options = {} if method == "import_affiliations" else {"owner": "Ada"}
    with pytest.raises(InputError, match="Expected a file path"):
        getattr(net, method)(bad, **options)
    assert len(net.people) == 0


@pytest.mark.parametrize("bad", [None, 3, "a.zip", [("Ada",)]])
def test_import_team_checks_its_argument(bad):
    with pytest.raises(InputError, match="owner"):
        ng.Network().import_team(bad)


def test_bytes_are_read_where_supported(tmp_path):
    z = _export_zip(tmp_path / "e.zip", **{"Connections.csv": CONNECTIONS})
    frames, _ = read_linkedin_export(bytearray(z.read_bytes()))
    assert len(frames["connections"]) == 300
    assert len(read_contacts(memoryview(b"name\nAda\n"))) == 1


# --------------------------------------------------------------------------- absurd values


def test_huge_participants_are_clamped_and_reported_never_wrapped(tmp_path):
    p = tmp_path / "log.csv"
    p.write_text("person,date,participants\n"
                 "Ada,2024-01-01,1e19\nBob,2024-01-02,3\nCy,2024-01-03,inf\n"
                 "Di,2024-01-04,9223372036854775808\nEd,2024-01-05,2.5\nFay,2024-01-06,-1e30\n")
    df = read_interactions(p)
    assert df["participants"].tolist() == [MAX_PARTICIPANTS, 3, MAX_PARTICIPANTS,
                                           MAX_PARTICIPANTS, 2, 2]
    assert (df["participants"] >= 2).all()
    warned = {i.line: i.reason for i in df.attrs["report"].warnings}
    assert {2, 4, 5, 6, 7} <= set(warned)
    assert "1e19" in warned[2] and "100,000" in warned[2]
    net = ng.Network()
    net.import_interactions(p, owner="Me", create_missing=True)
    assert (net.interactions["participants"] >= 2).all()


def test_far_future_datetime_column_is_reported_per_row():
    when = np.array(["3000-01-01", "2024-05-01", "1500-06-01", "NaT"], dtype="datetime64[s]")
    frame = pd.DataFrame({"person": ["Ada", "Bob", "Cy", "Di"], "date": when})
    df = read_interactions(frame)
    assert df["person"].tolist() == ["Bob"]
    assert str(df["timestamp"].dtype) == "datetime64[ns, UTC]"
    skipped = {i.line: i.reason for i in df.attrs["report"].skipped}
    assert set(skipped) == {2, 4, 5}
    assert "3000-01-01" in skipped[2] and "1678-2261" in skipped[2]
    assert skipped[5] == "no timestamp"
    report = ng.Network().import_interactions(frame, owner="Me", create_missing=True)
    assert report.imported == 1
    with pytest.raises(InputError, match="no usable rows"):
        read_interactions(frame.iloc[[0]])
    # the other readers taking datetime columns
    c = read_contacts(pd.DataFrame({"name": ["Ada"], "connected on": when[:1]}))
    assert c["connected_on"].isna().all() and c.attrs["report"].warnings
    a = read_affiliations(pd.DataFrame({"person": ["Ada"], "company": ["Acme"],
                                        "start": when[:1]}))
    assert a["start"].isna().all() and a.attrs["report"].warnings


# --------------------------------------------------------------------------- huge cells


@pytest.mark.parametrize("filler", ["a,", "a;", "a\t", "x", '"q",'])
def test_huge_cell_near_the_top_reads_quickly(tmp_path, filler):
    cell = (filler * (2_000_000 // len(filler))).replace('"', '""')
    p = tmp_path / "contacts.csv"
    p.write_text("Name,Email,Company,Note\nAda,ada@x.org,Acme,hi\n"
                 f'Bob,bob@x.org,Acme,"{cell}"\n'
                 + "".join(f"P{i},p{i}@x.org,Acme,n\n" for i in range(100)))
    t = time.perf_counter()
    df = read_contacts(p)
    assert time.perf_counter() - t < 3
    assert len(df) == 102 and df.loc[1, "name"] == "Bob"


def test_huge_unquoted_first_line_fails_quickly(tmp_path):
    p = tmp_path / "junk.csv"
    p.write_text("x," * 1_000_000 + "\nName,Email\nAda,a@x.org\n")
    t = time.perf_counter()
    df = read_contacts(p)  # the header is on line 2
    assert time.perf_counter() - t < 3
    assert df["line"].tolist() == [3]
    p.write_text(("junk," * 200_000 + "\n") * 10)
    t = time.perf_counter()
    with pytest.raises(InputError, match="no header"):
        read_contacts(p)
    assert time.perf_counter() - t < 3


# --------------------------------------------------------------------------- stray bytes


def test_one_stray_byte_is_reported_by_line_and_the_rest_read(tmp_path):
    rows = [f"Zoë {i},zoe{i}@example.org,Café {i}" for i in range(50)]
    raw = ("name,email,company\n" + "\n".join(rows) + "\n").encode("utf-8")
    bad_at = raw.index(b"Zo\xc3\xab 17") + 2  # the first byte of 'ë' on line 19
    raw = raw[:bad_at] + b"\x81" + raw[bad_at + 2:]  # Excel-style damage: ë -> 0x81
    p = tmp_path / "c.csv"
    p.write_bytes(raw)
    df = read_contacts(p)
    assert len(df) == 50
    assert df.loc[0, "name"] == "Zoë 0" and df.loc[17, "name"] == "Zo\ufffd 17"
    warned = [(i.line, i.reason) for i in df.attrs["report"].warnings]
    assert warned == [(19, "undecodable byte(s) 0x81 at column 3: replaced with '\ufffd' "
                           "(the rest of the line was read)")]
    # the same with a BOM and CRLF, and in an ASCII file (not UTF-8 at all: cp1252)
    p.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    assert [i.line for i in read_contacts(p).attrs["report"].warnings] == [19]
    p.write_bytes(b"name,email\nAda,a@x.org\nB\x81b,b@x.org\nCy,c@x.org\nDi,d@x.org\n")
    df = read_contacts(p)
    assert df["name"].tolist() == ["Ada", "B\ufffdb", "Cy", "Di"]
    assert [i.line for i in df.attrs["report"].warnings if i.line] == [3]


def test_mostly_undecodable_file_names_the_first_bad_line(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"name,email\nAda,a@x.org\n" + b"\x81\x8d\x8f,\x90\x9d\n" * 20)
    with pytest.raises(InputError) as info:
        read_contacts(p)
    err = info.value
    assert err.line == 3 and err.file == str(p) and "cannot decode" in str(err)
    # UTF-16 with a broken surrogate: the line is named too
    text = "name,email\n" + "".join(f"P{i},p{i}@x.org\n" for i in range(20))
    raw = bytearray(text.encode("utf-16-le"))
    at = text.index("P7") * 2
    raw[at:at + 2] = "\ud800".encode("utf-16-le", "surrogatepass")
    p.write_bytes(b"\xff\xfe" + bytes(raw))
    df = read_contacts(p)
    assert [i.line for i in df.attrs["report"].warnings] == [9]
