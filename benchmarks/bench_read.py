"""Time the file readers on generated LinkedIn files (prints numbers; not a test).

Run: ``.venv/bin/python benchmarks/bench_read.py [rows]`` (default 30,000 rows,
LinkedIn's cap on connections). Prints the median of several reads of

- a modern Connections.csv (Notes preamble, URL column, ``16 Dec 2024`` dates),
- a 2018-style Connections.csv (no URL, ``"5/21/18, 3:33 PM"`` dates, CRLF, BOM),
- a modern messages.csv with HTML content, and its interactions.

Target: a 30,000-row Connections.csv reads in well under 0.3 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from netgraph.sources.linkedin import (
    message_interactions,
    read_linkedin_connections,
    read_linkedin_messages,
)

NOTES = ('Notes:\n"When exporting your connection data, you may notice that some of the email '
         'addresses are missing. You will only see email addresses for connections who have '
         'allowed their connections to see or download their email address using this setting '
         'https://www.linkedin.com/psettings/privacy/email. You can learn more about exporting '
         'your data here https://www.linkedin.com/help/linkedin/answer/66844"\n\n')
FIRST = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "Tim",
         "Margaret", "José", "Zoë", "Łukasz", "Søren", "Anaïs"]
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen",
        "Berners-Lee", "Hamilton", '"Example, PhD"', "García", "Nowak"]
COMPANIES = ["Acme", "Acme Inc.", '"Acme, Inc."', "Initech", "Globex LLC", "Self-employed",
             "Freelance", "Umbrella Corp", "Hooli", "Stark Industries", ""]
TITLES = ["Engineer", "Senior Engineer", "CTO", '"Head of Growth, EMEA"', "Recruiter", ""]


def connections_text(n: int, modern: bool, rng: np.random.Generator) -> str:
    days = pd.date_range("2010-01-01", "2025-12-31", freq="D")
    when = days[rng.integers(0, len(days), n)] + pd.to_timedelta(
        rng.integers(0, 86400, n), unit="s")
    first = np.array(FIRST)[rng.integers(0, len(FIRST), n)]
    last = np.array(LAST)[rng.integers(0, len(LAST), n)]
    comp = np.array(COMPANIES)[rng.integers(0, len(COMPANIES), n)]
    title = np.array(TITLES)[rng.integers(0, len(TITLES), n)]
    if modern:
        dates = when.strftime("%d %b %Y")
        # LinkedIn ASCII-fies most vanity slugs and percent-encodes the rest (~3 %).
        ascii_first = [f.encode("ascii", "ignore").decode().lower() or "x" for f in first]
        encoded = rng.random(n) < 0.03
        slugs = [(quote(f.lower()) if enc else a) + f"-{i:x}"
                 for i, (f, a, enc) in enumerate(zip(first, ascii_first, encoded, strict=True))]
        rows = [f"{f},{la},https://www.linkedin.com/in/{s},,{c},{t},{d}"
                for f, la, s, c, t, d in zip(first, last, slugs, comp, title, dates, strict=True)]
        head = NOTES + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        return head + "\n".join(rows) + "\n"
    dates = when.strftime("%m/%d/%y, %I:%M %p")
    rows = [f'{f},{la},,{c},{t},"{d}"'
            for f, la, c, t, d in zip(first, last, comp, title, dates, strict=True)]
    head = "\ufeffFirst Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    return head + "\r\n".join(rows) + "\r\n"


def messages_text(n: int, rng: np.random.Generator) -> str:
    owner = "https://www.linkedin.com/in/owner"
    people = [f"https://www.linkedin.com/in/p{i}" for i in range(2000)]
    when = pd.Timestamp("2020-01-01") + pd.to_timedelta(
        np.sort(rng.integers(0, 5 * 365 * 86400, n)), unit="s")
    out = ["CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
           "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT"]
    for i in range(n):
        p = people[rng.integers(0, len(people))]
        content = '"<p>Hi, how are you?</p>\n<p>Let\'s talk ""soon"", ok?</p>"'
        date = when[i].strftime("%Y-%m-%d %H:%M:%S UTC")
        if rng.random() < 0.5:
            out.append(f"c{i % 3000},,Owner O,{owner},Person {p[-4:]},{p},{date},,{content},"
                       "INBOX,No")
        else:
            out.append(f"c{i % 3000},,Person {p[-4:]},{p},Owner O,{owner},{date},,{content},"
                       "INBOX,No")
    return "\n".join(out) + "\n"


def timed(fn, repeat: int = 7) -> str:
    """Median wall time and median CPU time of the process, in ms."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return (f"{statistics.median(wall) * 1000:7.1f} ms wall, "
            f"{statistics.median(cpu) * 1000:7.1f} ms CPU")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    rng = np.random.default_rng(42)
    tmp = Path(tempfile.mkdtemp())
    modern = tmp / "Connections.csv"
    modern.write_text(connections_text(n, True, rng), encoding="utf-8")
    old = tmp / "Connections_2018.csv"
    old.write_text(connections_text(n, False, rng), encoding="utf-8", newline="")
    msgs = tmp / "messages.csv"
    msgs.write_text(messages_text(n, rng), encoding="utf-8")

    df = read_linkedin_connections(modern)
    assert len(df) == n, len(df)
    print(f"rows: {n:,}")
    print("(medians of 7 runs; CPU time is steadier than wall time on a busy machine)")
    print(f"read_linkedin_connections, modern (preamble, URL, '16 Dec 2024'): "
          f"{timed(lambda: read_linkedin_connections(modern))}   (target < 300 ms)")
    print(f"read_linkedin_connections, 2018 (BOM, CRLF, '5/21/18, 3:33 PM'):   "
          f"{timed(lambda: read_linkedin_connections(old))}")
    print(f"read_linkedin_messages ({n:,} messages, multi-line HTML content):  "
          f"{timed(lambda: read_linkedin_messages(msgs))}")
    m = read_linkedin_messages(msgs)
    print(f"message_interactions:                                            "
          f"{timed(lambda: message_interactions(m))}")


if __name__ == "__main__":
    main()
