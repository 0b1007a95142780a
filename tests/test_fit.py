"""Fitting the strength model to a network's own history: report, storage, CLI, bad input."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.scoring import StrengthModel
from netgraph.scoring.fit import auc, calibration_table

OWNER = "Maya Okafor"


def history_csv(path, n_people=60, seed=1):
    """Two years of a log where each contact's activity comes and goes in spells."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2024-01-01")
    for i in range(n_people):
        name = f"Person {i:02d}"
        rate = rng.gamma(0.6, 0.08)          # contacts per day while active
        t = 0.0
        while t < 730:
            spell = rng.exponential(90)      # active spell, then a silence
            end = min(t + spell, 730)
            n = rng.poisson(rate * (end - t))
            for d in np.sort(rng.uniform(t, end, n)):
                ch = rng.choice(["meeting", "call", "message", "email"], p=[.2, .2, .4, .2])
                dr = "" if ch in ("meeting", "call") else rng.choice(["in", "out"])
                rows.append((name, (start + pd.Timedelta(days=float(d))).isoformat(), ch, dr))
            t = end + rng.exponential(120)
    pd.DataFrame(rows, columns=["person", "timestamp", "channel", "direction"]).to_csv(
        path, index=False)
    return path


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    d = tmp_path_factory.mktemp("fit")
    net = ng.Network()
    net.import_interactions(history_csv(d / "log.csv"), owner=OWNER, create_missing=True)
    report = net.fit_strength(horizon="30D")
    return d, net, report


def test_fit_learns_from_own_history_and_beats_the_baselines(fitted):
    _, net, report = fitted
    assert not report.used_priors and report.reason == ""
    assert report.n_cuts >= 10 and report.n_holdout_cuts >= 1
    assert report.n_samples > report.n_positives > 20
    assert report.n_pairs <= 60
    for k in ("fitted", "default", "recency", "frequency", "reference"):
        assert 0.5 < report.auc[k] <= 1.0
    assert report.auc["fitted"] > report.auc["frequency"]
    assert report.auc["fitted"] >= report.auc["recency"] - 0.02
    assert report.ece < 0.1
    assert list(report.calibration.columns) == ["bin", "n", "predicted", "observed"]
    # the fitted model is the network's, with the promised signs and horizon
    m = net.model
    assert m is report.model and m.horizon_days == 30.0
    assert m.coefficients["silence"] <= 0
    assert all(v >= 0 for k, v in m.coefficients.items() if k != "silence")
    assert m != StrengthModel()
    text = str(report)
    assert "held-out ROC AUC" in text and "calibration error" in text


def test_fitted_model_is_saved_and_loaded_with_the_workspace(fitted, tmp_path):
    _, net, report = fitted
    path = tmp_path / "ws.db"
    net.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = ng.Network.load(path)
    assert back.model == report.model
    assert back.strength("Person 03", at="2026-01-01") == net.strength("Person 03",
                                                                       at="2026-01-01")


def test_a_stored_model_of_another_format_falls_back_to_defaults_with_a_warning(tmp_path):
    from netgraph.store import load_tables, save_tables

    net = ng.Network(model=StrengthModel().with_(group_exponent=0.7))
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner=OWNER)
    path = tmp_path / "old.db"
    net.save(path)
    tables, meta = load_tables(path)
    meta["model"] = {"half_lives": {"meeting": 180}, "new_tie_half_life_fraction": 0.02}
    meta.pop("model_format")
    save_tables(path, tables, meta=meta)
    with pytest.warns(UserWarning, match="format 1"):
        back = ng.Network.load(path)
    assert back.model == StrengthModel()
    # a future format too
    meta["model_format"] = 99
    save_tables(path, tables, meta=meta)
    with pytest.warns(UserWarning, match="format 99"):
        assert ng.Network.load(path).model == StrengthModel()


def test_too_little_history_keeps_the_priors_and_says_why():
    net = ng.Network()
    net.import_interactions(pd.DataFrame({
        "person": ["Grace Hopper"] * 4, "channel": ["call"] * 4,
        "timestamp": ["2025-01-05", "2025-03-05", "2025-06-05", "2025-09-05"]}),
        owner=OWNER, create_missing=True)
    report = net.fit_strength()
    assert report.used_priors and "too little history" in report.reason
    assert net.model == StrengthModel()
    assert "kept the priors" in str(report)


@pytest.mark.parametrize("kwargs, words", [
    ({"horizon": "soon"}, "not a duration"),
    ({"horizon": "-5D"}, "not a duration"),
    ({"at": "2001-01-01"}, "before the first interaction"),
])
def test_bad_input_is_an_input_error_with_a_hint(fitted, kwargs, words):
    _, net, _ = fitted
    with pytest.raises(ng.InputError, match=words) as err:
        net.fit_strength(**kwargs)
    assert err.value.hint


def test_no_interactions_is_an_input_error():
    net = ng.Network()
    net.import_contacts(pd.DataFrame({"name": ["Grace Hopper"]}), owner=OWNER)
    with pytest.raises(ng.InputError, match="no interactions") as err:
        net.fit_strength()
    assert "import" in err.value.hint
    with pytest.raises(ng.InputError, match="no interactions"):
        StrengthModel.fit(pd.DataFrame(columns=["person_id", "other_id", "timestamp"]))


def test_fit_on_frames_is_the_same_as_on_the_network(fitted):
    _, net, report = fitted
    t = net._t
    frames = StrengthModel.fit(t.interactions, t.ties, horizon="30D",
                               people=t.people["person_id"])
    assert frames.model == report.model


def test_cli_fit_prints_the_report_and_keeps_the_model(fitted, tmp_path, capsys):
    d, _, report = fitted
    db = tmp_path / "ws.db"
    assert main(["--db", str(db), "import", "interactions", str(d / "log.csv"),
                 "--owner", OWNER, "--create-missing"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "fit", "--horizon", "30D", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["auc"]["fitted"] == pytest.approx(report.auc["fitted"], abs=1e-4)
    assert set(out["auc"]) == {"fitted", "default", "recency", "frequency", "reference"}
    assert not out["used_priors"] and len(out["calibration"]) == 10
    assert ng.Network.load(db).model.horizon_days == 30.0
    assert main(["--db", str(db), "fit", "--horizon", "often"]) != 0
    err = capsys.readouterr()
    assert "not a duration" in err.err + err.out


def test_auc_and_calibration_helpers():
    y = np.array([0, 0, 1, 1, 1, 0])
    assert auc(np.array([1, 2, 3, 4, 5, 0]), y) == 1.0
    assert auc(np.zeros(6), y) == 0.5
    assert math.isnan(auc(np.ones(3), np.ones(3)))
    table, ece = calibration_table(np.full(6, 0.5), y)
    assert ece == pytest.approx(table.eval("abs(predicted - observed) * n").sum() / 6)


def test_incremental_evidence_equals_the_reference_scan(fitted):
    """The fit's evidence (each contact added once, decaying sums carried over) is
    tie_evidence at every cut."""
    from netgraph.scoring.evidence import tie_evidence
    from netgraph.scoring.fit import evidence_at_cuts

    _, net, _ = fitted
    prep = net._prepared()
    model = StrengthModel().with_horizon(30)
    cuts = np.sort(np.r_[np.linspace(prep.t.min() - 5, prep.t_max + 5, 7), prep.t[3]])
    for c, ev in zip(cuts, evidence_at_cuts(prep, model, cuts), strict=True):
        ref = tie_evidence(prep, model, float(c))
        for col in ref.columns:
            np.testing.assert_allclose(ev[col], ref[col].to_numpy(), rtol=1e-9, atol=1e-12,
                                       err_msg=col)


def test_evidence_after_the_last_contact_comes_from_the_kept_sums(fitted):
    """After the last contact only the decay changes: the kept sums give the scan's values."""
    from netgraph.scoring.evidence import _tie_evidence, tie_evidence

    _, net, _ = fitted
    prep = net._prepared()
    model = StrengthModel()
    for at in (prep.t_max, prep.t_max + 0.5, prep.t_max + 400.0):
        kept = tie_evidence(prep, model, at)
        kept.iloc[0, 0] = -1.0                   # callers may change what they get
        again = tie_evidence(prep, model, at)
        scan = _tie_evidence(prep, model, at, None)
        pd.testing.assert_frame_equal(again, scan, rtol=1e-12)
