"""Drafting the ask: a short, editable message to the first introducer of a path.

:func:`draft_intro` words a request from a :class:`~netgraph.routing.WarmPath`'s
own evidence: how you know the introducer (last contact, shared employers,
since when), whom you want to meet and why (their title and role at the
target), and a forwardable blurb the introducer can paste. It is plain text
for you to edit and send yourself: nothing is sent anywhere, and no e-mail
address is ever written into it (a name that is an address is left out).

Examples
--------
>>> from netgraph.routing.example import example_index
>>> from netgraph.routing import warm_paths
>>> from netgraph.views.draft import draft_intro
>>> print(draft_intro(warm_paths(example_index(), "Acme Robotics")[0], at="2024-06-01"))
Hi Tom,
<BLANKLINE>
I hope you are well. We last spoke 3 weeks ago.
<BLANKLINE>
I'd love an introduction to Lena Ortiz, Staff Engineer at Acme Robotics. I'm exploring engineering roles at Acme Robotics, and I would value Lena's perspective on the team and how they hire.
Would you be comfortable introducing us? If it helps, here is a note you could forward:
<BLANKLINE>
---
Lena, I'd like to introduce Maya Chen, who is exploring engineering roles at Acme Robotics. Maya would appreciate 20 minutes of your perspective on the team.
---
<BLANKLINE>
No worries at all if the timing isn't right. Thank you!
<BLANKLINE>
Maya Chen
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from netgraph._time import ago
from netgraph.errors import InputError

__all__ = ["draft_intro"]

_EMAIL = re.compile(r"\S+@\S+")


def _clean(name: str) -> str:
    """A name without any e-mail address in it ("" when nothing is left)."""
    return re.sub(r"\s+", " ", _EMAIL.sub("", str(name or ""))).strip()


def _first(name: str) -> str:
    n = _clean(name)
    return n.split(" ")[0] if n else "there"


def _how_we_know(details: dict[str, Any], at: pd.Timestamp | None) -> list[str]:
    out = []
    shared = details.get("shared_employers") or []
    if shared:
        places = [re.sub(r"\s*\(.*\)$", "", s) for s in shared]
        out.append("we worked together at " + " and ".join(places))
    last = details.get("last_contact")
    if last is not None and at is not None and not pd.isna(last):
        out.append(f"we last spoke {ago(pd.Timestamp(last), at)}")
    elif details.get("since") is not None and not pd.isna(details.get("since")):
        out.append(f"we have been connected since {pd.Timestamp(details['since']).year}")
    return out


def draft_intro(path: Any, *, me: str | None = None, why: str | None = None,
                at: Any = None) -> str:
    """A short message asking the path's first introducer for an introduction.

    Parameters
    ----------
    path : WarmPath
        One path of :func:`netgraph.routing.warm_paths` (or ``Network.warm_paths``).
    me : str, optional
        Your name to sign with (default: the path's owner).
    why : str, optional
        One sentence on why you want to meet them (default: a neutral one
        built from their role and the company).
    at : timestamp-like, optional
        The date the evidence is worded at ("we last spoke 3 weeks ago";
        default: the path index's date, or now).

    Returns
    -------
    str
        Plain text: a greeting, how you know the introducer, whom you would
        like to meet and why, a forwardable blurb between ``---`` lines, and
        your name. With a 1-hop path (the introducer works there) it asks
        them directly for a conversation or a referral.

    Raises
    ------
    InputError
        Not a WarmPath, or a path with no introducer (you are inside the
        company already).
    """
    from netgraph.routing.results import WarmPath

    if not isinstance(path, WarmPath):
        raise InputError(f"{type(path).__name__} is not a warm path",
                         expected="a WarmPath (an item of net.warm_paths(...)) or its index")
    if path.introducer is None:
        raise InputError(f"{path.source} is inside {path.company} already: no introduction "
                         "to ask for", hint="Pick a path with an introducer.")
    when = pd.Timestamp.now(tz="UTC") if at is None else pd.Timestamp(at)
    if when.tzinfo is None:
        when = when.tz_localize("UTC")
    me = _clean(me or path.source) or "me"
    intro = _clean(path.introducer) or "your contact"
    first_hop = path.hops[0]
    know = _how_we_know(first_hop.details, when)
    target = _clean(path.target_person) or "someone there"
    company = path.company
    title = path.target_title
    role = path.target_role
    former = path.hops[-1].kind == "worked_at"
    about = f"{title} at {company}" if title and company else (
        f"at {company}" if company else "")
    if former and about:
        about = "formerly " + about
    # a recruiter's or a manager's own family says nothing of the job you want
    topic = (f"{role} roles at {company}" if company and role not in ("", "recruiting",
                                                                         "leadership") else
             f"opportunities at {company}" if company else "a conversation with them")
    why = why or (f"I'm exploring {topic}, and I would value {_first(target)}'s "
                  "perspective on the team and how they hire.")
    lines = [f"Hi {_first(intro)},", ""]
    hello = "I hope you are well."
    if know:
        said = ", and ".join(know)
        hello += " " + said[0].upper() + said[1:] + "."
    lines.append(hello)
    lines.append("")
    direct = path.n_hops == 1 and company is not None
    if direct:
        if about:
            lines.append(f"I saw that you were {about.removeprefix('formerly ')}." if former
                         else f"I saw that you are {about.removeprefix('at ')}.")
        lines.append(why)
        lines.append("Would you have 20 minutes for a chat in the next couple of weeks, or "
                     "be open to referring me if a role fits?")
        blurb = None
    else:
        chain = [_clean(n) for n in path.people[2:-1]]
        via = f" (through {' and '.join(chain)})" if chain else ""
        whom = f"{target}, {about}" if about else target
        lines.append(f"I'd love an introduction to {whom}{via}. {why}")
        lines.append("Would you be comfortable introducing us? If it helps, here is a note "
                     "you could forward:")
        blurb = (f"{_first(target)}, I'd like to introduce {me}, who is exploring {topic}. "
                 f"{me.split(' ')[0]} would appreciate 20 minutes of your perspective on the "
                 "team.")
    if blurb:
        lines += ["", "---", blurb, "---"]
    lines += ["", "No worries at all if the timing isn't right. Thank you!", "", me]
    text = "\n".join(line for line in lines if line is not None)
    return _EMAIL.sub("", text)
