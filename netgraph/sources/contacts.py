"""Contacts: a table of people (an address book, a CRM export, a spreadsheet).

The reader takes a CSV file (path) or a pandas DataFrame and returns a
normalised DataFrame whose ``df.attrs["report"]`` is an
:class:`~netgraph.sources.report.ImportReport`. Columns are bound by name with
aliases (case, spaces, ``_`` and ``-`` ignored), never by position; the
header may follow a preamble or blank lines. Files may be UTF-8 (with or
without BOM), UTF-16 or Windows-1252. The reader does not resolve identities.

Conventions of every reader's output frame (here and in
:mod:`~netgraph.sources.history` and :mod:`~netgraph.sources.interactions`):
``line`` (int64) is the 1-based physical line of the row's start in the
file (for a DataFrame: position + 2, as if a header line came first); text
columns are ``object`` dtype of ``str`` with ``""`` for missing, trimmed of
whitespace, NBSP, zero-width and bidi marks; timestamps are
``datetime64[ns, UTC]`` (naive times are UTC).

Registered as the ``contacts`` source: each person becomes a tie of the owner.

Examples
--------
>>> import pandas as pd
>>> from netgraph.sources.contacts import read_contacts
>>> read_contacts(pd.DataFrame({"Full Name": ["Grace Hopper"], "Employer": ["Acme"]}))[
...     ["line", "name", "company"]]
   line          name company
0     2  Grace Hopper    Acme
"""

from __future__ import annotations

from os import PathLike

import pandas as pd

from netgraph.data.identity import normalise_linkedin_url
from netgraph.sources.csvfile import (
    Spec,
    emails,
    finish_frame,
    load_table,
    no_rows,
    note_values,
    parse_dates,
    profile_urls,
)
from netgraph.sources.importers import import_contacts
from netgraph.sources.registry import Source, register_source

__all__ = ["CONTACTS", "SOURCE", "read_contacts"]

PathOrFrame = str | PathLike[str] | pd.DataFrame

#: The columns of a contacts table: canonical name -> accepted header spellings.
CONTACTS: Spec = {
    "name": ("Name", "Full Name", "Contact", "Display Name", "Contact Name"),
    "first_name": ("First Name", "Given Name", "Firstname"),
    "last_name": ("Last Name", "Family Name", "Surname", "Lastname"),
    "email": ("Email", "E-mail", "Email Address", "E-mail Address", "E-mail 1 - Value",
              "Email 1 - Value", "Primary Email", "E-mail Address 1"),
    "url": ("URL", "Profile URL", "LinkedIn", "LinkedIn URL", "LinkedIn Profile",
            "LinkedIn Profile URL", "Profile"),
    "company": ("Company", "Organization", "Organization Name", "Organization 1 - Name",
                "Employer", "Company Name"),
    # a job-title column is bound first: Outlook's "Title" is the honorific (Mr., Dr.)
    "job_title": ("Job Title", "Organization Title", "Organization 1 - Title"),
    "title": ("Title", "Position", "Role"),
    "connected_on": ("Connected On", "Since", "Date", "Connected"),
    # web pages of address-book exports: a LinkedIn profile among them is the person's URL
    "web": ("Web Page", "Website 1 - Value", "Website", "Web Site"),
    "personal_web": ("Personal Web Page", "Website 2 - Value"),
}
_CONTACTS_REQUIRED = [["name", "first_name", "last_name", "email", "url"]]


def read_contacts(path_or_frame: PathOrFrame) -> pd.DataFrame:
    """Read a generic contacts table (CSV file or DataFrame).

    Accepted columns (any case; spaces, ``_`` and ``-`` ignored):
    name (``Name``, ``Full Name``, ``Contact``), first name (``First Name``,
    ``Given Name``), last name (``Last Name``, ``Family Name``, ``Surname``),
    e-mail (``Email``, ``E-mail``, ``Email Address``, ``E-mail 1 - Value``
    of Google Contacts, where ``" ::: "``-joined values give the first),
    profile URL (``URL``, ``Profile URL``, ``LinkedIn``, ``LinkedIn URL``; else a
    LinkedIn profile in Outlook's ``Web Page`` or Google's ``Website 1 - Value``),
    company (``Company``, ``Organization``, ``Organization Name``,
    ``Employer``), title (``Job Title``, ``Organization Title``, ``Organization
    1 - Title``, else ``Title``, ``Position``: a table with both, as Outlook's,
    has the honorific in ``Title``), since (``Connected On``, ``Since``, ``Date``).
    Google's (both the older ``Name,Given Name,...,Organization 1 - Name`` and the
    newer ``First Name,Middle Name,...,Organization Name`` headers) and Outlook's
    (``First Name,Middle Name,Last Name,Title,...,E-mail Address,...,Job Title,
    Department,Company``) contacts exports import as they are; a middle name is
    left out of ``name`` (it rarely appears in other sources' names).

    Parameters
    ----------
    path_or_frame : str, path-like or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``line``, ``name`` (the name column, else first + last),
        ``first_name``, ``last_name``, ``url`` (normalised LinkedIn profile
        URL; other URLs are a warning and left out), ``email`` (lower case),
        ``company``, ``title``, ``connected_on`` (UTC; NaT when missing;
        unparseable is a warning). Rows with no name, e-mail or URL are
        skipped and reported.

    Raises
    ------
    InputError
        File not found or not decodable; none of the name/e-mail/URL
        columns; no usable rows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = read_contacts(pd.DataFrame({
    ...     "Given Name": ["Ada", ""], "Family Name": ["Lovelace", ""],
    ...     "E-mail 1 - Value": ["ADA@example.org ::: ada@work.example", ""]}))
    >>> df[["line", "name", "email"]]
       line          name            email
    0     2  Ada Lovelace  ada@example.org
    >>> df.attrs["report"].skipped[0].line
    3
    """
    t = load_table(path_or_frame, CONTACTS, "contacts", required=_CONTACTS_REQUIRED,
                   what="contacts table")
    rep, line = t.report, t.line
    first, last = t.text("first_name"), t.text("last_name")
    name = t.text("name")
    joined = [f"{a} {b}" if a and b else a or b
              for a, b in zip(first.tolist(), last.tolist(), strict=True)]
    name = name.where(name != "", pd.Series(joined, dtype=object))
    email = emails(t.text("email"))
    bad_email = ((email != "") & ~email.str.contains("@", regex=False)).to_numpy()
    note_values(rep, line, email, bad_email, "not an e-mail address {!r}: ignored")
    email = email.where(~bad_email, "")
    url = profile_urls(t, "url")
    for web in ("web", "personal_web"):  # Outlook's "Web Page", Google's "Website 1 - Value"
        if t.has(web):
            url = url.where(url != "", _linkedin_among(t.text(web)))
    date_raw = t.text("connected_on")
    connected_on, bad_date = parse_dates(t.raw("connected_on") if t.has("connected_on")
                                         else None, len(t))
    note_values(rep, line, date_raw, bad_date, "unparseable date {!r}: kept without a date")
    nobody = ((name == "") & (email == "") & (url == "")).to_numpy()
    rep.skip_many(line[nobody], "no name, e-mail or profile URL")
    keep = ~nobody
    if not keep.any():
        raise no_rows(t, "contacts table")
    return finish_frame({
        "line": line[keep],
        "name": name[keep].to_numpy(dtype=object),
        "first_name": first[keep].to_numpy(dtype=object),
        "last_name": last[keep].to_numpy(dtype=object),
        "url": url[keep].to_numpy(dtype=object),
        "email": email[keep].to_numpy(dtype=object),
        "company": t.text("company")[keep].to_numpy(dtype=object),
        "title": (t.text("job_title") if t.has("job_title") else t.text("title"))[keep]
        .to_numpy(dtype=object),
        "connected_on": connected_on[keep].reset_index(drop=True),
    }, rep)


def _linkedin_among(cells: pd.Series) -> pd.Series:
    """The first LinkedIn profile URL among each cell's ``" ::: "``-joined web pages
    (other pages, a personal site say, are not profiles and are left out silently)."""
    parts = cells.str.split(":::").explode().str.strip()
    norm = normalise_linkedin_url(parts.fillna("").astype(object))
    norm = norm[norm != ""]
    first = norm[~norm.index.duplicated()]
    return pd.Series(first.reindex(cells.index).fillna("").to_numpy(dtype=object),
                     index=cells.index, dtype=object)


#: The ``contacts`` source: ``netgraph import contacts FILE --owner NAME``.
SOURCE = register_source(Source(
    name="contacts", reader=read_contacts, yields="people", importer=import_contacts,
    help="a contacts table (.csv: name or e-mail or profile URL, company, title, ...); "
         "each person becomes a contact of the owner",
))
