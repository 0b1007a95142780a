"""vCard contacts (.vcf): people with their e-mail, LinkedIn profile, employer and title.

A small, careful parser of vCard 2.1, 3.0 and 4.0: folded lines (a line
starting with a space or tab continues the previous one), quoted-printable
values with soft line breaks (2.1) and their ``CHARSET``, escaped ``\\,``
``\\;`` ``\\n``, property groups (``item1.EMAIL``), several cards per file
and several e-mails per card. Photos, logos, sounds and keys are skipped
without being decoded.

Registered as the ``vcard`` source: each card becomes a person tied to the
owner, keyed by LinkedIn profile URL, else e-mail, else name, so a card links
the identities it names (e-mail, LinkedIn URL and name) as one person.

Examples
--------
>>> from netgraph.sources.vcard import parse_vcards
>>> text = ("BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Grace Hopper\\r\\nN:Hopper;Grace;;;\\r\\n"
...         "EMAIL;TYPE=work:GRACE@example.org\\r\\nORG:Acme Corp;R&D\\r\\n"
...         "URL:https://www.linkedin.com/in/grace-hopper\\r\\nEND:VCARD\\r\\n")
>>> df = parse_vcards(text)
>>> df[["line", "name", "email", "company"]]
   line          name              email    company
0     1  Grace Hopper  grace@example.org  Acme Corp
"""

from __future__ import annotations

import quopri
import re
from os import PathLike
from pathlib import Path

import pandas as pd

from netgraph.data.identity import normalise_linkedin_url
from netgraph.errors import InputError
from netgraph.sources._progress import bar
from netgraph.sources.csvfile import finish_frame
from netgraph.sources.registry import Source, register_source
from netgraph.sources.report import ImportReport

__all__ = ["SOURCE", "parse_vcards", "read_vcard"]

_SKIP_PROPS = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_WANT = frozenset({"FN", "N", "EMAIL", "ORG", "TITLE", "URL", "X-SOCIALPROFILE"})
_SPLIT = re.compile(r"(?<!\\);")


_ESCAPED = re.compile(r"\\(.)")


def _unescape(value: str) -> str:
    """vCard escapes: ``\\n`` a new line, ``\\,`` ``\\;`` ``\\\\`` the character."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_prop(line: str) -> tuple[str, dict[str, str], str]:
    """``group.NAME;PARAM=V;FLAG:value`` -> (NAME, params (upper-case keys), raw value)."""
    colon = line.find(":")
    if colon < 0:
        return "", {}, ""
    if '"' in line[:colon]:  # a quoted parameter value may hold a colon
        quoted = False
        for i, c in enumerate(line):
            if c == '"':
                quoted = not quoted
            elif c == ":" and not quoted:
                colon = i
                break
    head, value = line[:colon], line[colon + 1:]
    if ";" not in head:
        return head.rpartition(".")[2].strip().upper(), {}, value
    parts = head.split(";")
    name = parts[0].rpartition(".")[2].strip().upper()
    params: dict[str, str] = {}
    for p in parts[1:]:
        k, eq, v = p.partition("=")
        if eq:
            params[k.strip().upper()] = v.strip().strip('"')
        else:  # vCard 2.1 bare parameters: QUOTED-PRINTABLE, WORK, PREF, ...
            bare = k.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "B"):
                params["ENCODING"] = bare
            else:
                params["TYPE"] = (params.get("TYPE", "") + "," + bare).strip(",")
    return name, params, value


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _logical_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Unfold: (1-based line of the start, text) per property."""
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(lines, 1):
        if out and out[-1][1].endswith("=") and _is_qp(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1][:-1] + raw.lstrip(" \t"))  # QP soft break
        elif raw[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        elif raw.strip():
            out.append((n, raw))
    return out


def _value(params: dict[str, str], raw: str) -> str:
    if params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
        data = quopri.decodestring(raw.encode("utf-8", "surrogateescape"))
        charset = params.get("CHARSET", "utf-8")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return data.decode("latin-1")
    return raw


def parse_vcards(text: str, file: str = "<text>") -> pd.DataFrame:
    """Parse the text of a .vcf file: one row per card.

    Parameters
    ----------
    text : str
        The file's text (any line endings).
    file : str, optional
        The file name, for the report.

    Returns
    -------
    pandas.DataFrame
        Columns ``line`` (of the card's ``BEGIN:VCARD``), ``name``,
        ``first_name``, ``last_name``, ``email`` (the preferred, else the
        first; lower case), ``emails`` (all, ``" ::: "``-joined), ``url``
        (the LinkedIn profile, normalised, else ``""``), ``company`` (the first
        ``ORG`` component), ``title``; ``attrs["report"]``.

    Raises
    ------
    InputError
        No ``BEGIN:VCARD`` in the text.

    Examples
    --------
    >>> vcf = '''BEGIN:VCARD
    ... VERSION:2.1
    ... N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;
    ... EMAIL;INTERNET:joerg@example.de
    ... EMAIL;INTERNET;PREF:j.mueller@example.de
    ... END:VCARD
    ... BEGIN:VCARD
    ... VERSION:4.0
    ... EMAIL:nobody@example.org
    ... END:VCARD'''
    >>> df = parse_vcards(vcf, "c.vcf")
    >>> df[["line", "name", "email"]]
       line         name                 email
    0     1  Jörg Müller  j.mueller@example.de
    1     7                 nobody@example.org
    >>> [(i.line, i.reason) for i in df.attrs["report"].warnings]
    [(7, 'card without a name (no FN or N): keyed by its e-mail or profile URL')]
    """
    report = ImportReport(file=file, kind="vcard")
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cards: list[dict[str, object]] = []
    card: dict[str, object] | None = None
    for n, line in _logical_lines(lines):
        name, params, raw = _split_prop(line)
        if name == "BEGIN" and raw.strip().upper() == "VCARD":
            if card is not None:
                report.warn(int(card["line"]), "card not ended (no END:VCARD): read to the "
                                               "next BEGIN:VCARD")
                cards.append(card)
            card = {"line": n, "emails": [], "urls": []}
            continue
        if card is None or name in _SKIP_PROPS:
            continue
        if name == "END" and raw.strip().upper() == "VCARD":
            cards.append(card)
            card = None
            continue
        if name not in _WANT:
            continue
        value = _value(params, raw)
        if name == "EMAIL":
            addr = _unescape(value).strip().removeprefix("mailto:").strip().lower()
            if "@" in addr:
                pref = "PREF" in params or "pref" in params.get("TYPE", "").lower()
                emails = card["emails"]
                assert isinstance(emails, list)
                emails.insert(0, addr) if pref and not card.get("pref") else emails.append(addr)
                card["pref"] = card.get("pref") or pref
        elif name in ("URL", "X-SOCIALPROFILE"):
            urls = card["urls"]
            assert isinstance(urls, list)
            urls.append(_unescape(value).strip())
        elif name == "N":
            parts = [_unescape(p).strip() for p in _SPLIT.split(value)] + [""] * 5
            card["last_name"], card["first_name"] = parts[0], parts[1]
        elif name == "ORG":
            card["company"] = _unescape(_SPLIT.split(value)[0]).strip()
        else:  # FN, TITLE
            card[name.lower()] = " ".join(_unescape(value).split())
    if card is not None:
        report.warn(int(card["line"]), "card not ended (no END:VCARD) at the end of the file")
        cards.append(card)
    if not cards:
        raise InputError("not a vCard file (no BEGIN:VCARD)", file=file,
                         expected="a .vcf file: BEGIN:VCARD ... END:VCARD",
                         hint="Export the contacts as vCard (.vcf), or a contacts table as "
                              "CSV for import_contacts.",
                         cli_hint="Export the contacts as vCard (.vcf), or import a contacts "
                                  "CSV with `netgraph import contacts FILE`.")
    report.rows_read = len(cards)
    rows = []
    for c in cards:
        first, last = str(c.get("first_name", "")), str(c.get("last_name", ""))
        name = str(c.get("fn", "")) or " ".join(p for p in (first, last) if p)
        emails = list(dict.fromkeys(c["emails"]))  # type: ignore[call-overload]
        urls = [u for u in c["urls"] if "linkedin.com/" in u.lower()]  # type: ignore[attr-defined]
        url = ""
        for u in urls:
            url = normalise_linkedin_url(u)
            if url:
                break
        line = int(c["line"])  # type: ignore[call-overload]
        if not name:
            if not emails and not url:
                report.skip(line, "card without a name (no FN or N), e-mail or LinkedIn URL")
                continue
            report.warn(line, "card without a name (no FN or N): keyed by its e-mail or "
                              "profile URL")
        rows.append((line, name, first, last, emails[0] if emails else "",
                     " ::: ".join(emails), url, str(c.get("company", "")),
                     str(c.get("title", ""))))
    cols = ["line", "name", "first_name", "last_name", "email", "emails", "url", "company",
            "title"]
    frame = pd.DataFrame(rows, columns=cols)
    return finish_frame({c: frame[c].astype(object) if c != "line" else frame[c]
                         for c in cols}, report)


def read_vcard(path: str | PathLike[str]) -> pd.DataFrame:
    """Read a .vcf file (one or many cards) or a folder of them.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    pandas.DataFrame
        As :func:`parse_vcards`; for a folder, the cards of every ``.vcf``
        file (``line`` is then the line within its own file).

    Raises
    ------
    InputError
        No such file; not a vCard; no usable card.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.vcf"
    >>> _ = p.write_text("BEGIN:VCARD\\nVERSION:3.0\\nFN:Ada Lovelace\\n"
    ...                  "EMAIL:ada@example.org\\nEND:VCARD\\n")
    >>> read_vcard(p)[["name", "email"]]
               name            email
    0  Ada Lovelace  ada@example.org
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", file=path, hint="Check the path.")
    files = sorted(path.rglob("*.vcf")) if path.is_dir() else [path]
    if not files:
        raise InputError("no .vcf file in the folder", file=path,
                         hint="Pass a .vcf file or a folder of them.")
    frames = []
    report = ImportReport(file=str(path), kind="vcard")
    with bar(total=len(files), desc="reading vCards", unit="file") as progress:
        for f in files:
            data = f.read_bytes()
            if data[:5] in (b"%PDF-",) or data[:4] == b"PK\x03\x04":
                raise InputError("not a vCard file", file=f,
                                 expected="a .vcf file: BEGIN:VCARD ... END:VCARD",
                                 hint="Unzip an archive first; pass the .vcf file.")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
            df = parse_vcards(text, str(f))
            part = df.attrs["report"]
            report.rows_read += part.rows_read
            report.skipped += part.skipped
            report.warnings += part.warnings
            frames.append(df)
            progress.update(1)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if not len(out):
        raise InputError("no usable card", file=path,
                         expected="cards with a name, e-mail or LinkedIn URL",
                         hint="See the skipped cards of the report.")
    out.attrs = {"report": report}
    return out


#: The ``vcard`` source: ``netgraph import vcard FILE.vcf --owner NAME``.
SOURCE = register_source(Source(
    name="vcard", reader=read_vcard, yields="people",
    help="contacts as vCards (.vcf, one or many cards; vCard 2.1/3.0/4.0): name, e-mail, "
         "LinkedIn URL, employer, title",
    file_kinds=("vcf", "folder"),
))
