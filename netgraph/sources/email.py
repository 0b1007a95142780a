"""E-mail: who wrote to whom, from the headers of an mbox or of .eml files.

Reads an mbox (Gmail Takeout, Thunderbird, Apple Mail's ``mbox`` file), a
folder of .eml files and mbox files, or one .eml file. Only the header block
of each message is read (the mbox is streamed line by line, bodies and
attachments are skipped without being kept); subjects are dropped unless
``keep_subjects=True``. Each message becomes one ``email`` interaction
between the owner and each other person on it (From, To, Cc, and Bcc of sent
mail), keyed by e-mail address.

Mailing lists, bulk and automated mail (``List-Id``, ``List-Unsubscribe``,
``Precedence: bulk/list/junk``, ``Auto-Submitted`` other than ``no``, and
no-reply or mailer-daemon senders) are counted in the report, not turned
into relationships; so are duplicate Message-IDs (the same mail in two
folders: counted once) and messages without a usable Date.

Registered as the ``email`` source: ``netgraph import email PATH --owner NAME``.

The stdlib's :mod:`email.policy.default` header objects cost about a
millisecond per message (over a minute and a half for 100,000 messages), so
the header block is split here and only the wanted fields are decoded, with
:func:`email.utils.getaddresses` (quoted display names with commas),
:func:`email.header.decode_header` (RFC 2047 names) and
:func:`email.utils.parsedate_to_datetime`.

Examples
--------
>>> import pathlib, tempfile
>>> from email.message import EmailMessage
>>> msg = EmailMessage()
>>> msg["From"] = "Sam Rivera <sam@example.org>"
>>> msg["To"] = '"Hopper, Grace" <Grace@Example.org>'
>>> msg["Date"] = "Mon, 05 Jan 2026 10:00:00 +0000"
>>> msg["Message-ID"] = "<1@example.org>"
>>> path = pathlib.Path(tempfile.mkdtemp()) / "one.eml"
>>> _ = path.write_bytes(msg.as_bytes())
>>> df = read_email_headers(path, me="sam@example.org")
>>> df[["person", "person_email", "direction", "participants", "note"]]
          person       person_email direction  participants           note
0  Hopper, Grace  grace@example.org       out             2  1@example.org
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from netgraph.data.schema import CHANNELS
from netgraph.errors import InputError
from netgraph.sources._progress import bar
from netgraph.sources.registry import Source, register_source
from netgraph.sources.report import ImportReport, Issue

__all__ = ["AUTOMATED_SENDER", "SOURCE", "import_email", "read_email_headers"]

#: Senders whose mail is automated (matched on the local part, any case).
AUTOMATED_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster)(?:\b|[-_+.]|$)",
    re.IGNORECASE)

_WANT = frozenset({"from", "to", "cc", "bcc", "date", "message-id", "in-reply-to",
                   "references", "list-id", "list-unsubscribe", "precedence",
                   "auto-submitted", "x-gmail-labels", "subject"})
_ADDRESS_FIELDS = ("to", "cc", "bcc")
#: An mbox separator line: "From SENDER DATE" (a body line starting "From " that a
#: writer failed to escape as ">From " has no time of day, in general).
_FROM_LINE = re.compile(rb"^From \S* .*\d:\d\d")
_MSGID = re.compile(r"<([^<>\s]+)>")
_FIELD = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_MAIL_FIELDS = re.compile(rb"^(?:from|date|message-id|received|return-path|to|subject|"
                          rb"delivered-to|mime-version):", re.IGNORECASE | re.MULTILINE)
_SENT_FOLDERS = ("sent", "sent mail", "sent items", "sent messages", "gesendet", "envoy")
_MAX_HEADER = 1 << 20  # a header block longer than this is not mail
_NS = 10**9


def _decode_block(block: bytes) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:  # raw 8-bit headers of old mailers
        return block.decode("latin-1")


def _fields(text: str) -> dict[str, list[str]]:
    """The wanted fields of a header block, unfolded: name (lower case) -> values."""
    out: dict[str, list[str]] = {}
    cur: list[str] | None = None
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t":
            if cur is not None:
                cur[-1] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        name = name.strip().lower()
        if sep and name in _WANT:
            cur = out.setdefault(name, [])
            cur.append(value.strip())
        else:
            cur = None
    return out


def _decode_words(text: str) -> tuple[str, bool]:
    """RFC 2047 decoding; (text, ok). Broken encoded words keep their raw text."""
    if "=?" not in text:
        return text, True
    try:
        return str(make_header(decode_header(text))), True
    except (LookupError, ValueError, UnicodeError, AssertionError):
        return text, False


def _address(addr: str) -> str:
    """An e-mail address in its canonical form: lower case, IDN domains in Unicode."""
    addr = addr.strip().strip("<>").strip().lower()
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or " " in addr:
        return ""
    if "xn--" in domain:
        with contextlib.suppress(UnicodeError, ValueError):
            domain = domain.encode("ascii").decode("idna")
    return f"{local}@{domain.rstrip('.')}"


def _people(values: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """(address, display name) pairs of address fields; whether every name decoded."""
    out: list[tuple[str, str]] = []
    ok = True
    for v in values:
        pairs, good = _field(v)
        out.extend(pairs)
        ok &= good
    return out, ok


@functools.lru_cache(maxsize=1 << 16)
def _field(value: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """One address field (mailboxes repeat the same ones: cached)."""
    ok = True
    out = []
    for name, addr in getaddresses([value]):
        a = _address(addr)
        if not a:
            continue
        name, good = _decode_words(name)
        ok &= good
        name = " ".join(name.split()).strip("'\" ")
        out.append((a, "" if name.lower().strip("<>") == a else name))
    return tuple(out), ok


def _sniff(head: bytes) -> str:
    """``"mbox"``, ``"eml"``, or what else the file is (``"pdf"``, ``"zip"``, ...)."""
    if head.startswith(b"From "):
        return "mbox"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    body = head.lstrip(b"\xef\xbb\xbf")
    if _FIELD.match(body) and len(_MAIL_FIELDS.findall(body)) >= 2:
        return "eml"
    first = body.split(b"\n", 1)[0]
    if first.count(b",") >= 2 or first.count(b";") >= 2:
        return "csv"
    if body.upper().startswith(b"BEGIN:VCALENDAR"):
        return "calendar"
    if body.upper().startswith(b"BEGIN:VCARD"):
        return "vcard"
    return "other"


_HINTS = {
    "zip": "Unzip the archive first and pass the .mbox file inside it (Google Takeout: "
           "Takeout/Mail/*.mbox).",
    "gzip": "Decompress the file first (gunzip) and pass the mbox.",
    "pdf": "A PDF holds no mail headers; export the mailbox as mbox or .eml.",
    "csv": "A table of people or interactions imports with import_contacts or "
           "import_interactions.",
    "calendar": "A calendar imports with import_calendar.",
    "vcard": "A vCard imports with import_vcard.",
}
_CLI_HINTS = {
    "csv": "A table of people or interactions imports with `netgraph import contacts FILE` or "
           "`netgraph import interactions FILE`.",
    "calendar": "A calendar imports with `netgraph import calendar FILE`.",
    "vcard": "A vCard imports with `netgraph import vcard FILE`.",
}


def _not_mail(path: Path, kind: str) -> InputError:
    what = {"pdf": "a PDF", "zip": "a zip archive", "gzip": "a gzip file", "csv": "a CSV table",
            "calendar": "an iCalendar file", "vcard": "a vCard file"}.get(kind, "not mail")
    hint = _HINTS.get(kind, "Export the mailbox as mbox (Gmail Takeout, Thunderbird's "
                            "ImportExportTools, Apple Mail's Export Mailbox) or as .eml files.")
    return InputError(f"not an mbox or .eml file ({what})", file=path,
                      expected="an mbox (its first line starts with 'From ') or an .eml "
                               "message (a header block: From:, Date:, ...)",
                      hint=hint, cli_hint=_CLI_HINTS.get(kind, hint))


def _mbox_blocks(f: BinaryIO, progress: Any) -> Iterator[tuple[int, bytes, bool]]:
    """(line of the 'From ' line, header block, complete) for each message of an mbox.

    Streams the file: only the header lines of the current message are kept.
    """
    start = 0
    base = progress.n  # bytes of the files before this one
    header: list[bytes] | None = None  # the current message's header lines, None in the body
    size = 0
    n = 0
    for lineno, raw in enumerate(f, 1):
        if raw.startswith(b"From ") and _FROM_LINE.match(raw):
            if header is not None and start:
                yield start, b"".join(header), True  # headers only, no body
            start, header, size = lineno, [], 0
            n += 1
            if not n % 2000:
                progress.update(base + f.tell() - progress.n)
        elif header is not None:
            if raw in (b"\n", b"\r\n"):
                yield start, b"".join(header), True
                header = None
            else:
                size += len(raw)
                if size <= _MAX_HEADER:
                    header.append(raw)
    if header is not None and start:
        yield start, b"".join(header), False  # the file ends inside the headers
    progress.update(max(base + f.tell() - progress.n, 0))


def _eml_block(path: Path) -> tuple[bytes, bool]:
    """The header block of one .eml file (the body is not read)."""
    lines = []
    size = 0
    with open(path, "rb") as f:
        for raw in f:
            if raw in (b"\n", b"\r\n"):
                return b"".join(lines), True
            size += len(raw)
            if size > _MAX_HEADER:
                break
            lines.append(raw)
    return b"".join(lines), bool(lines) and size <= _MAX_HEADER


def _head(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(4096)


def _is_sent_folder(path: Path) -> bool:
    stem = path.name.lower().removesuffix(".mbox").removesuffix(".mbx").strip()
    return stem in _SENT_FOLDERS or stem.startswith("sent ") or any(
        p.lower().removesuffix(".mbox") in _SENT_FOLDERS for p in path.parts[-3:-1])


def _files(path: Path, report: ImportReport) -> list[tuple[Path, str]]:
    """The mail files of *path*: (file, "mbox" | "eml")."""
    if not path.exists():
        raise InputError("no such file or folder", file=path,
                         hint="Check the path; pass an mbox, an .eml file or a folder of them.")
    if path.is_file():
        kind = _sniff(_head(path))
        if kind not in ("mbox", "eml"):
            raise _not_mail(path, kind)
        return [(path, kind)]
    found = []
    for p in sorted(q for q in path.rglob("*") if q.is_file()):
        rel = str(p.relative_to(path))
        if any(part.startswith(".") for part in p.relative_to(path).parts):
            continue  # hidden files (.DS_Store, ...)
        kind = _sniff(_head(p))
        if kind in ("mbox", "eml"):
            found.append((p, kind))
        elif p.suffix.lower() in (".eml", ".mbox", ".mbx"):
            report.skip(None, f"{rel}: not mail ({kind}), ignored")
        else:
            report.warn(None, f"{rel}: not an mbox or .eml file, ignored")
    if not found:
        raise InputError("no mbox or .eml file in the folder", file=path,
                         expected="files of mail: an mbox, or .eml messages",
                         hint="Pass the folder holding the exported mail.")
    return found


class _Messages:
    """What pass one keeps of each usable message (columns, not objects)."""

    def __init__(self) -> None:
        self.line: list[int] = []
        self.file: list[str] = []
        self.ts: list[int] = []
        self.sender: list[str] = []
        self.people: list[list[tuple[str, str]]] = []  # sender first, then recipients
        self.thread: list[str] = []
        self.subject: list[str] = []
        self.sent: list[bool] = []


def _automated(f: dict[str, list[str]], sender: str) -> str:
    """Why a message is bulk or automated mail ("" if it is not)."""
    if "list-id" in f:
        return "mailing list (List-Id)"
    if "list-unsubscribe" in f:
        return "bulk mail (List-Unsubscribe)"
    prec = f.get("precedence", [""])[0].strip().lower()
    if prec in ("bulk", "list", "junk"):
        return f"bulk mail (Precedence: {prec})"
    auto = f.get("auto-submitted", [""])[0].split(";")[0].strip().lower()
    if auto and auto != "no":
        return f"automated mail (Auto-Submitted: {auto})"
    if sender and AUTOMATED_SENDER.match(sender.partition("@")[0]):
        return f"automated sender ({sender.partition('@')[0]}@...)"
    return ""


def _as_list(me: str | Iterable[str] | None) -> list[str]:
    if me is None:
        return []
    items = [part for x in ([me] if isinstance(me, str) else me)
             for part in re.split(r"[,;\s]+", str(x))]
    return [a for a in (_address(str(x)) for x in items) if a]


def read_email_headers(path: str | PathLike[str], me: str | Iterable[str] | None = None, *,
                       keep_subjects: bool = False) -> pd.DataFrame:
    """Read the headers of an mbox, a folder of .eml/mbox files, or one .eml file.

    Each usable message gives one row per person on it other than the owner
    (From, To, Cc; Bcc of sent mail): channel ``email``; direction ``out``
    when the owner sent it, else ``in``; ``participants`` the number of
    people on the message (the owner included); note the thread id (the root
    of ``References``, else ``In-Reply-To``, else the ``Message-ID``, without
    angle brackets).

    Parameters
    ----------
    path : str or path-like
        An mbox file, an .eml file, or a folder of them (searched
        recursively; mbox files are recognised by their ``From `` line,
        whatever their name: Thunderbird's ``Inbox``, Apple Mail's ``mbox``).
    me : str or iterable of str, optional
        The owner's e-mail addresses (a list, or one string, comma-separated).
        Default: inferred, and reported as a warning: the senders of mail
        labelled Sent (``X-Gmail-Labels``, or a folder or file named Sent),
        else the address on the most messages (as sender or recipient; in an
        inbox-only export the most frequent sender is a correspondent).
    keep_subjects : bool, default False
        Keep subjects: note is ``"subject [thread id]"``. Bodies are never read.

    Returns
    -------
    pandas.DataFrame
        Columns ``line`` (of the message's ``From`` line in an mbox; 1 for
        an .eml), ``person`` (the display name most used for the address),
        ``person_url`` (``""``), ``person_email`` (lower case; IDN domains in
        Unicode), ``other`` (``""``: the owner), ``timestamp`` (UTC),
        ``channel``, ``direction``, ``participants``, ``note``.
        ``attrs["report"]`` counts messages read and skipped (bulk,
        automated, duplicates, no or bad Date, truncated);
        ``attrs["me"]`` lists the owner's addresses.

    Raises
    ------
    InputError
        Not an mbox or .eml (a PDF, a zip, a CSV, ...); no message with
        another person on it.

    Examples
    --------
    >>> import mailbox, pathlib, tempfile
    >>> from email.message import EmailMessage
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "all.mbox"
    >>> box = mailbox.mbox(path)
    >>> for i, (frm, to) in enumerate([("sam@example.org", "ada@example.org"),
    ...                                ("Ada <ada@example.org>", "sam@example.org"),
    ...                                ("noreply@shop.example", "sam@example.org")]):
    ...     m = EmailMessage()
    ...     m["From"], m["To"], m["Message-ID"] = frm, to, f"<{i}@x>"
    ...     m["Date"] = f"Mon, 0{i + 5} Jan 2026 10:00:00 +0100"
    ...     m["X-Gmail-Labels"] = "Sent" if i == 0 else "Inbox,Important"
    ...     _ = box.add(m)
    >>> box.close()
    >>> df = read_email_headers(path)
    >>> df[["person", "person_email", "direction", "timestamp"]]
      person     person_email direction                 timestamp
    0    Ada  ada@example.org       out 2026-01-05 09:00:00+00:00
    1    Ada  ada@example.org        in 2026-01-06 09:00:00+00:00
    >>> df.attrs["me"], [i.reason for i in df.attrs["report"].skipped]
    (['sam@example.org'], ['message 3: automated sender (noreply@...)'])
    """
    path = Path(path)
    report = ImportReport(file=str(path), kind="email")
    files = _files(path, report)
    folder = path.is_dir()
    msgs = _Messages()
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    total = sum(p.stat().st_size for p, _ in files)
    msgno = 0

    def skip(file: str, line: int | None, reason: str) -> None:
        report.skipped.append(Issue(line, f"message {msgno}: {reason}", file))
        counts[reason.split(" (")[0].split(":")[0]] += 1

    with bar(total=total, desc=f"reading {path.name}", unit="B", unit_scale=True) as progress:
        for file, kind in files:
            fname = str(file.relative_to(path)) if folder else str(file)
            sent_folder = _is_sent_folder(file.relative_to(path) if folder else file)
            if kind == "eml":
                block, complete = _eml_block(file)
                blocks: Iterable[tuple[int, bytes, bool]] = [(1, block, complete)]
                progress.update(file.stat().st_size)
                handle = None
            else:
                handle = open(file, "rb")  # noqa: SIM115  (closed below)
                blocks = _mbox_blocks(handle, progress)
            try:
                for line, block, complete in blocks:
                    msgno += 1
                    report.rows_read += 1
                    if not complete:
                        skip(fname, line, "truncated: the file ends inside the message's "
                                          "headers")
                        continue
                    _one(_fields(_decode_block(block)), fname, line, sent_folder, msgs, seen,
                         skip, report, keep_subjects, msgno)
            finally:
                if handle is not None:
                    handle.close()
    return _rows(msgs, _as_list(me), report, path, counts)


def _one(f: dict[str, list[str]], fname: str, line: int, sent_folder: bool, msgs: _Messages,
         seen: set[str], skip: Any, report: ImportReport, keep_subjects: bool,
         msgno: int) -> None:
    """Pass one over one message: keep it (in *msgs*) or say why not."""
    if "from" not in f and "date" not in f and "message-id" not in f:
        skip(fname, line, "no mail headers (no From, Date or Message-ID)")
        return
    mid_raw = f.get("message-id", [""])[0]
    m = _MSGID.search(mid_raw)
    mid = m.group(1) if m else mid_raw.strip()
    if mid:
        if mid in seen:
            skip(fname, line, "duplicate Message-ID (the same mail again): counted once")
            return
        seen.add(mid)
    senders, ok_from = _people(f.get("from", []))
    sender = senders[0][0] if senders else ""
    why = _automated(f, sender)
    if why:
        skip(fname, line, why)
        return
    date = f.get("date", [""])[0]
    if not date:
        skip(fname, line, "no Date header")
        return
    try:
        dt = parsedate_to_datetime(date)
        ts = int(dt.timestamp() * _NS) if dt.tzinfo is not None else \
            int(pd.Timestamp(dt).tz_localize("UTC").value)
        pd.Timestamp(ts, tz="UTC")  # within pandas' range
    except (TypeError, ValueError, OverflowError, IndexError):
        skip(fname, line, f"unparseable Date {date[:60]!r}")
        return
    recips, ok_to = _people([v for k in _ADDRESS_FIELDS for v in f.get(k, [])])
    if not (ok_from and ok_to):
        report.warn(line, f"message {msgno}: an encoded display name could not be decoded "
                          "(kept as written)")
    if not sender:
        skip(fname, line, "no sender address (From)")
        return
    refs = _MSGID.findall(" ".join(f.get("references", [])))
    irt = _MSGID.findall(" ".join(f.get("in-reply-to", [])))
    thread = refs[0] if refs else irt[0] if irt else mid
    labels = {x.strip().lower() for x in ",".join(f.get("x-gmail-labels", [])).split(",")}
    msgs.line.append(line)
    msgs.file.append(fname)
    msgs.ts.append(ts)
    msgs.sender.append(sender)
    msgs.people.append(senders[:1] + recips)
    msgs.thread.append(thread)
    subject = ""
    if keep_subjects:
        subject = _decode_words(" ".join(f.get("subject", [""])[0].split()))[0]
    msgs.subject.append(subject)
    msgs.sent.append(sent_folder or "sent" in labels)


def _infer_me(msgs: _Messages, report: ImportReport) -> list[str]:
    sent = Counter(s for s, is_sent in zip(msgs.sender, msgs.sent, strict=True) if is_sent)
    if sent:
        me = sorted(sent)
        report.warn(None, "owner's addresses inferred from the senders of mail labelled Sent: "
                          + ", ".join(me) + " (pass me= to set them)")
        return me
    on = Counter(a for people in msgs.people for a in {a for a, _ in people})
    if not on:
        return []
    sent_by = Counter(msgs.sender)
    addr = max(on, key=lambda a: (on[a], sent_by[a]))  # ties: the more frequent sender
    n = on[addr]
    report.warn(None, f"owner's address inferred as the one on the most messages: {addr} "
                      f"({n} of {len(msgs.people)}; pass me= to set it)")
    return [addr]


def _rows(msgs: _Messages, me: list[str], report: ImportReport, path: Path,
          counts: Counter[str]) -> pd.DataFrame:
    """Pass two: one row per message and person other than the owner."""
    if not me:
        me = _infer_me(msgs, report)
    mine = set(me)
    line, ts, person, email, direction, participants, note, msg_of = [], [], [], [], [], [], [], []
    for i, people in enumerate(msgs.people):
        others: dict[str, str] = {}
        for a, name in people:
            if a not in mine and (a not in others or not others[a]):
                others[a] = name
        if not others:
            report.skip(msgs.line[i], "only the owner on the message")
            counts["only the owner"] += 1
            continue
        d = "out" if msgs.sender[i] in mine else "in"
        n = len(others) + 1
        thread = msgs.thread[i]
        text = f"{msgs.subject[i]} [{thread}]" if msgs.subject[i] else thread
        for a, name in others.items():
            line.append(msgs.line[i])
            ts.append(msgs.ts[i])
            email.append(a)
            person.append(name)
            direction.append(d)
            participants.append(n)
            note.append(text)
            msg_of.append(i)
    if not line:
        raise InputError("no message with another person on it", file=path,
                         expected="mail between the owner and other people",
                         hint="Check me= (the owner's addresses) and report.issues(): "
                              "bulk, automated and duplicate mail is not imported."
                         if report.rows_read else "The mailbox holds no messages.",
                         cli_hint="Check --me (the owner's addresses); bulk, automated and "
                                  "duplicate mail is not imported."
                         if report.rows_read else "The mailbox holds no messages.")
    frame = pd.DataFrame({"email": email, "name": person})
    # each address takes the display name it is most often shown with
    named = frame[frame["name"] != ""]
    best = named.groupby(["email", "name"], sort=False).size().sort_values(
        ascending=False, kind="stable").reset_index().drop_duplicates("email") \
        .set_index("email")["name"]
    names = frame["email"].map(best).astype(object).fillna("").to_numpy(dtype=object)
    out = pd.DataFrame({
        "line": np.asarray(line, dtype=np.int64),
        "person": pd.Series(names, dtype=object),
        "person_url": pd.Series([""] * len(line), dtype=object),
        "person_email": pd.Series(email, dtype=object),
        "other": pd.Series([""] * len(line), dtype=object),
        "timestamp": pd.to_datetime(np.asarray(ts, dtype=np.int64), utc=True),
        "channel": pd.Categorical(["email"] * len(line), categories=list(CHANNELS)),
        "direction": pd.Series(direction, dtype=object),
        "participants": np.asarray(participants, dtype=np.int64),
        "note": pd.Series(note, dtype=object),
    })
    out.attrs["report"] = report
    out.attrs["me"] = list(me)
    out.attrs["counts"] = dict(counts)
    out.attrs["messages"] = len(set(msg_of))
    return out


def import_email(t: Any, path: str | PathLike[str], owner: str | None,
                 me: str | Iterable[str] | None = None, keep_subjects: bool | str = False
                 ) -> tuple[Any, ImportReport]:
    """Import mail headers as ``email`` interactions of the owner (the ``email`` importer).

    Parameters
    ----------
    t : Tables
    path : str, path-like or pandas.DataFrame
        See :func:`read_email_headers`; or its rows, read before (what the import
        history keeps and replays).
    owner : str, optional
        Whose mail this is (default: the network's only owner).
    me, keep_subjects
        See :func:`read_email_headers` (the command line passes ``keep_subjects``
        as text: yes/true/1).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from email.message import EmailMessage
    >>> from netgraph.data.merge import Tables
    >>> m = EmailMessage()
    >>> m["From"], m["To"], m["Date"] = "ada@example.org", "sam@example.org", "5 Jan 2026 10:00 +0000"
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "m.eml"
    >>> _ = path.write_bytes(m.as_bytes())
    >>> t, report = import_email(Tables.empty(), path, "Sam Rivera", me="sam@example.org")
    >>> report.imported, t.interactions["direction"].tolist()
    (1, ['in'])
    """
    from netgraph.sources.importers import merge_events

    if isinstance(keep_subjects, str):
        from netgraph.sources.csvfile import TRUE_WORDS  # the one list of yes-words

        keep_subjects = keep_subjects.strip().lower() in TRUE_WORDS
    # a frame: rows read before (the import history replays them; see Source.keeps_frame)
    rows = path if isinstance(path, pd.DataFrame) else read_email_headers(
        path, me, keep_subjects=bool(keep_subjects))
    # every correspondent or attendee is new the first time: no caveat to warn about
    t, report = merge_events(t, rows, owner, source="email", warn_new=False, join_names=True)
    report.kept = rows  # the history keeps these headers' rows, never the mailbox
    return t, report


#: The ``email`` source: ``netgraph import email PATH --owner NAME [--me ADDRESS]``.
SOURCE = register_source(Source(
    name="email", reader=read_email_headers, yields="events", importer=import_email,
    help="e-mail headers (an mbox: Gmail Takeout, Thunderbird, Apple Mail; .eml files, or a "
         "folder of them): who wrote to whom, when; bodies are never read",
    file_kinds=("mbox", "eml", "folder"), repeatable=("me",), keeps_frame=True,
    options={"me": "the owner's e-mail address; repeat the flag (or separate with commas) "
                   "for several (default: inferred from mail labelled Sent, else the "
                   "address on the most messages)",
             "keep_subjects": "yes: keep subjects in the notes (default: no)"},
))
