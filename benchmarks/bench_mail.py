"""Mail, calendar and vCard import speed and memory.

Generates, in a temporary folder:
- an mbox of 100,000 messages (~1 GB: each with a ~10 KB base64 attachment; threads, CCs,
  mailing lists, newsletters, no-reply mail, duplicates; target: import <= 60 s and peak
  RSS <= 1 GB);
- a calendar of 20,000 events, 1,000 of them weekly series with an EXDATE (target <= 10 s);
- 50,000 vCards, vCard 2.1 (quoted-printable) and 3.0 (folded lines) (target <= 10 s).

Each import runs in a fresh process (``Network().import_*``, read and merge), which
prints its wall time, its CPU time (a fairer figure on a shared machine) and its own peak
RSS (``resource.getrusage``).

Run: .venv/bin/python benchmarks/bench_mail.py [--messages 100000] [--events 20000]
     [--cards 50000]
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

OWNER, ME = "Bench Owner", "owner@example.org"


def write_mbox(path: Path, n: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    people = [(f"Person {i}", f"person{i}@corp{i % 50}.example") for i in range(2_000)]
    blob = base64.encodebytes(rng.randbytes(7_500))  # ~10 KB of base64 lines
    with open(path, "wb", buffering=1 << 20) as f:
        for i in range(n):
            name, addr = people[rng.randrange(len(people))]
            others = rng.sample(people, rng.randint(0, 3))
            cc = ", ".join(f'"{o[0]}" <{o[1]}>' for o in others)
            sent = rng.random() < 0.3
            frm, to = (f"Bench Owner <{ME}>", f"{name} <{addr}>") if sent else \
                (f"{name} <{addr}>", f"Bench Owner <{ME}>")
            kind = rng.random()
            extra = ""
            if kind < 0.08:
                extra = "List-Id: <dev.lists.example>\n"
            elif kind < 0.12:
                frm, extra = "Shop <news@shop.example>", "List-Unsubscribe: <mailto:u@x>\n" \
                                                         "Precedence: bulk\n"
            elif kind < 0.15:
                frm = "Service <no-reply@service.example>"
            mid = i - 1 if (i and rng.random() < 0.02) else i  # duplicates
            day = 1 + i % 28
            thread = f"References: <m{i - i % 5}@bench>\n" if i % 5 else ""
            f.write((
                f"From {addr} Mon Jan {day:2d} 10:00:00 2026\n"
                f"From: {frm}\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "")
                + f"Date: Mon, {day:02d} Jan 2026 {i % 24:02d}:{i % 60:02d}:00 +0100\n"
                f"Message-ID: <m{mid}@bench>\n{thread}{extra}"
                f"Subject: message {i}\n"
                f"X-Gmail-Labels: {'Sent' if sent else 'Inbox'}\n"
                "MIME-Version: 1.0\n"
                'Content-Type: multipart/mixed; boundary="b"\n\n'
                "--b\nContent-Type: text/plain\n\nHello,\n"
                "From here on, the body (unescaped, as some writers leave it).\n"
                ">From an escaped line.\n\n"
                "--b\nContent-Type: application/octet-stream\n"
                "Content-Transfer-Encoding: base64\n\n").encode()
            )
            f.write(blob)
            f.write(b"--b--\n\n")
    return path.stat().st_size


def write_ics(path: Path, n: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    zones = ["Europe/Berlin", "America/New_York", "UTC"]
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        tz = zones[i % 3]
        out += ["BEGIN:VEVENT", f"UID:e{i}@bench",
                f"DTSTART;TZID={tz}:2025{month:02d}{day:02d}T{9 + i % 8:02d}0000",
                f"DTEND;TZID={tz}:2025{month:02d}{day:02d}T{10 + i % 8:02d}0000",
                f"SUMMARY:event {i}", f"ORGANIZER;CN=Bench Owner:mailto:{ME}",
                f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}"]
        for k in rng.sample(range(3_000), rng.randint(1, 6)):
            ps = "DECLINED" if rng.random() < 0.05 else "ACCEPTED"
            out.append(f"ATTENDEE;CN=Person {k};PARTSTAT={ps}:mailto:person{k}@example.org")
        if i % 20 == 0:  # 1 in 20: a weekly series for a year, one week skipped
            out += ["RRULE:FREQ=WEEKLY;COUNT=52",
                    f"EXDATE;TZID={tz}:2025{month:02d}{day:02d}T{9 + i % 8:02d}0000"]
        if i % 97 == 0:
            out.append("STATUS:CANCELLED")
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n")


def write_vcf(path: Path, n: int) -> None:
    out = []
    for i in range(n):
        if i % 2:
            out += ["BEGIN:VCARD", "VERSION:2.1",
                    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller" + str(i) + ";J=C3=B6rg;;;",
                    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=",
                    f"ller{i}",
                    f"EMAIL;INTERNET;PREF:joerg{i}@example.de", "ORG:Acme GmbH;R&D",
                    "END:VCARD"]
        else:
            out += ["BEGIN:VCARD", "VERSION:3.0", f"FN:Person {i}", f"N:{i};Person;;;",
                    f"EMAIL;TYPE=work:person{i}@example.org",
                    f"EMAIL;TYPE=home:p{i}@home.example",
                    f"URL:https://www.linkedin.com/in/person-{i}", f"ORG:Corp {i % 300}",
                    "TITLE:Engineer", "NOTE:a long note that is folded over more than one li",
                    " ne of the file", "END:VCARD"]
    path.write_text("\r\n".join(out) + "\r\n")


def _child(kind: str, path: str, q) -> None:
    import netgraph as ng
    from netgraph.sources._progress import quiet

    with quiet():
        net = ng.Network()
        t0, c0 = time.perf_counter(), time.process_time()
        if kind == "email":
            rep = net.import_email(path, owner=OWNER)
        elif kind == "calendar":
            rep = net.import_calendar(path, owner=OWNER, until="2026-01-01")
        else:
            rep = net.import_vcard(path, owner=OWNER)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
    q.put((dt, cpu, rss, rep.rows_read, rep.imported, rep.n_skipped, len(net.interactions),
           len(net.people)))


def run(kind: str, path: Path) -> tuple:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(kind, str(path), q))
    p.start()
    out = q.get()
    p.join()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--cards", type=int, default=50_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        jobs = []
        if args.messages:
            t0 = time.perf_counter()
            size = write_mbox(d / "all.mbox", args.messages)
            print(f"generated mbox: {args.messages:,} messages, {size / 1e9:.2f} GB "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
            jobs.append(("email", d / "all.mbox", 60, f"mbox of {args.messages:,} messages"))
        if args.events:
            write_ics(d / "cal.ics", args.events)
            jobs.append(("calendar", d / "cal.ics", 10, f"calendar of {args.events:,} events"))
        if args.cards:
            write_vcf(d / "cards.vcf", args.cards)
            jobs.append(("vcard", d / "cards.vcf", 10, f"{args.cards:,} vCards"))
        for kind, path, target, label in jobs:
            dt, cpu, rss, read, imported, skipped, n_int, n_people = run(kind, path)
            ok = "ok" if dt <= target and (kind != "email" or rss <= 1024) else "OVER TARGET"
            print(f"{label}: {dt:.1f} s ({cpu:.1f} s CPU), peak RSS {rss:,.0f} MiB (target <= {target} s"
                  + (", <= 1 GB" if kind == "email" else "") + f") {ok}; "
                  f"{read:,} read, {imported:,} imported, {skipped:,} skipped; "
                  f"{n_int:,} interactions, {n_people:,} people", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
