"""Relationship strength: the model's parameters, its monotonic properties, history and
explanation agreeing with the vectorised score, forecasts, and bad input."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.data import schema
from netgraph.scoring import (
    StrengthModel,
    explain,
    find_tie,
    pair_history,
    pair_strength,
    prepare,
    score,
    strength_history,
    tie_strengths,
)

IDS = ["in:ada", "in:bob", "in:cy", "in:di"]
AT = pd.Timestamp("2026-06-01", tz="UTC")


def ties_of(pairs, since=None, ids=IDS):
    frame = pd.DataFrame({"a": [min(p) for p in pairs], "b": [max(p) for p in pairs]})
    if since is not None:
        frame["since"] = since
    return schema.conform(frame, "ties", ids)


def events(rows, ids=IDS):
    """rows: (person, other, timestamp, channel, direction[, participants])."""
    cols = ["person_id", "other_id", "timestamp", "channel", "direction", "participants"]
    full = [tuple(r) + (2,) * (6 - len(r)) for r in rows]
    return schema.conform(pd.DataFrame(full, columns=cols), "interactions", ids)


def strength_of(rows, at=AT, pairs=(("in:ada", "in:bob"),), model=None, **kw):
    out = tie_strengths(ties_of(pairs, kw.pop("since", None)), events(rows), model=model,
                        at=at, **kw)
    return float(out.strength.iloc[0])


def calls(n, start="2026-01-01", every=7, direction="out", channel="call", participants=2):
    days = pd.Timestamp(start, tz="UTC") + pd.to_timedelta(np.arange(n) * every, unit="D")
    return [("in:bob", "in:ada", d, channel, direction, participants) for d in days]


# ---------------------------------------------------------------------------- the model
class TestModel:
    @pytest.mark.parametrize(("kwargs", "words"), [
        ({"coefficients": {"silence": 0.5}}, "coefficients['silence'] must be <= 0"),
        ({"coefficients": {"volume": -1}}, "coefficients['volume'] must be >= 0"),
        ({"coefficients": {"charm": 1}}, "unknown feature"),
        ({"coefficients": {"volume": float("nan")}}, "coefficients['volume'] must be a finite"),
        ({"weights": {"call": 1.5}}, "weights['call'] must be in [0, 1]"),
        ({"weights": {"call": float("nan")}}, "weights['call']"),
        ({"horizon_days": float("nan")}, "horizon_days must be in (0, 36500]"),
        ({"recent_days": (0.0,)}, "recent_days must be 1 to 4 numbers"),
        ({"group_exponent": -0.1}, "group_exponent must be in [0, 5]"),
        ({"close_threshold": 0.2}, "thresholds must satisfy"),
        ({"weights": {"fax": 0.5}}, "unknown channel"),
        ({"horizon_days": "big"}, "horizon_days must be a number"),
    ])
    def test_invalid_parameters_raise_input_error(self, kwargs, words):
        with pytest.raises(ng.InputError) as err:
            StrengthModel(**kwargs)
        assert words in str(err.value)

    def test_with_merges_partial_channel_dicts(self):
        m = StrengthModel().with_(weights={"email": 0.5}, coefficients={"volume": 0.4})
        assert m.weights["email"] == 0.5 and m.weights["meeting"] == 1.0
        assert m.coefficients["volume"] == 0.4 and m.coefficients["silence"] == -1.5
        assert dataclasses.replace(StrengthModel(), group_exponent=1.0).group_exponent == 1.0
        # another horizon scales the decay scales with it
        assert StrengthModel().with_horizon(9).recent_days == (3.0, 18.0)

    def test_model_is_immutable_hashable_and_round_trips_through_json(self):
        m = StrengthModel(weights={"email": 0.5})
        with pytest.raises(dataclasses.FrozenInstanceError):
            m.floor = 0.1
        with pytest.raises(TypeError):
            m.weights["email"] = 1.0
        back = StrengthModel(**json.loads(json.dumps(dataclasses.asdict(m))))
        assert back == m and hash(back) == hash(m)
        assert {m: 1}[back] == 1

    def test_channel_order_is_deepest_first(self):
        w = StrengthModel().weights
        assert w["meeting"] > w["call"] > w["message"] > w["email"] > w["linkedin"]
        assert w["other"] <= w["email"]

    def test_tiers_and_cadences(self):
        m = StrengthModel()
        assert m.tier([0.95, 0.6, 0.59, 0.3, 0.1, 0.099]).tolist() == [
            "close", "close", "developing", "developing", "secondary", "cold"]
        assert m.cadences["developing"] == 30 and m.cadences["secondary"] == 120


# ---------------------------------------------------------------------------- properties
class TestProperties:
    def test_a_tie_with_no_evidence_sits_on_the_floor(self):
        assert strength_of([]) == pytest.approx(StrengthModel().floor)

    def test_more_contact_is_stronger(self):
        assert strength_of(calls(2)) < strength_of(calls(4)) < strength_of(calls(8))

    def test_older_contact_is_weaker(self):
        rows = calls(4)
        later = [strength_of(rows, at=AT + pd.Timedelta(days=d)) for d in (0, 30, 90, 365)]
        assert later == sorted(later, reverse=True) and later[0] > later[-1]

    def test_two_way_counts_more_than_one_way(self):
        one_way = calls(6, direction="out", channel="message")
        two_way = [(*r[:4], "out" if i % 2 else "in")
                   for i, r in enumerate(calls(6, channel="message"))]
        assert strength_of(two_way) > strength_of(one_way)
        # and one-way contact still counts a little
        assert strength_of(one_way) > strength_of([])

    def test_group_threads_count_less_the_larger_they_are(self):
        one_to_one = strength_of(calls(4, channel="message"))
        three = strength_of(calls(4, channel="message", participants=3))
        big = strength_of(calls(4, channel="message", participants=6))
        huge = strength_of(calls(4, channel="message", participants=200))
        assert one_to_one > three > big > huge > StrengthModel().floor

    def test_deeper_channels_count_more(self):
        by = {c: strength_of(calls(3, channel=c, direction="")) for c in schema.CHANNELS}
        assert by["meeting"] > by["call"] > by["message"] > by["email"] > by["linkedin"]

    def test_strength_saturates_below_one(self):
        rows = calls(400, start="2025-05-01", every=0.9, channel="meeting", direction="")
        s = strength_of(rows)
        assert StrengthModel().close_threshold < s < 1

    def test_strength_stays_within_floor_and_ceiling(self):
        rng = np.random.default_rng(5)
        n = 300
        rows = [("in:bob", "in:ada", pd.Timestamp("2024-01-01", tz="UTC")
                 + pd.Timedelta(days=float(d)), str(c), str(dr), int(p))
                for d, c, dr, p in zip(rng.uniform(0, 880, n), rng.choice(schema.CHANNELS, n),
                                       rng.choice(["in", "out", ""], n),
                                       rng.choice([2, 2, 3, 7], n), strict=True)]
        prep = prepare(ties_of([("in:ada", "in:bob")]), events(rows))
        h = pair_history(prep, 0, pd.date_range("2023-12-01", "2026-12-01", freq="5D"))
        m = StrengthModel()
        assert (h.strength >= m.floor - 1e-12).all() and (h.strength < 1).all()

    def test_a_long_relationship_is_stronger_than_a_new_one(self):
        # same last contacts; one pair has known each other for years
        recent = calls(3, start="2026-01-01")
        old = calls(3, start="2023-01-01", every=180) + recent
        at = pd.Timestamp("2026-04-01", tz="UTC")
        m = StrengthModel()
        s_new = score(prepare(ties_of([("in:ada", "in:bob")]), events(recent)), m, at)
        s_old = score(prepare(ties_of([("in:ada", "in:bob")]), events(old)), m, at)
        assert s_old.years_known[0] > s_new.years_known[0]
        assert s_old.volume[0] > s_new.volume[0]
        assert s_old.strength[0] > s_new.strength[0]
        # years known run to the last contact: silence never adds to them
        later = score(prepare(ties_of([("in:ada", "in:bob")]), events(old)), m,
                      at + pd.Timedelta(days=900))
        assert later.years_known[0] <= s_old.years_known[0]

    def test_old_connection_never_contacted_reads_cold(self):
        s = strength_of([], since="2015-01-01")
        m = StrengthModel()
        assert s == pytest.approx(m.floor) and m.tier([s])[0] == "cold"

    def test_shared_tenure_gives_strength_that_decays_after_it_ends(self):
        ties = ties_of([("in:ada", "in:bob"), ("in:ada", "in:cy")])
        aff = schema.conform(pd.DataFrame({
            "person_id": ["in:ada", "in:bob", "in:bob", "in:cy"],
            "company_id": ["acme", "acme", "acme", "globex"],
            "start": ["2018-01-01", "2019-01-01", "2019-01-01", "2018-01-01"],
            "end": ["2024-01-01", "2023-01-01", "2023-01-01", "2024-01-01"]}),
            "affiliations", IDS)
        prep = prepare(ties, None, aff)
        during = score(prep, at="2022-12-31")
        after = score(prep, at="2025-01-01")
        # decays after the overlap ends
        assert during.shared_employer[0] > after.shared_employer[0] > 0
        assert during.shared_employer[1] == 0                 # different employers
        assert after.strength[0] > after.strength[1]
        # the duplicated stint of bob's does not count twice: 4 years together
        ex = explain(prep, 0, at="2025-01-01")
        assert ex.evidence["stints"][0]["days"] == pytest.approx(1461, abs=1)
        longer = prepare(ties, None, aff.assign(start=pd.Timestamp("2010-01-01", tz="UTC")))
        assert score(longer, at="2025-01-01").shared_employer[0] > after.shared_employer[0]

    def test_undated_current_colleagues_count_an_assumed_overlap(self):
        aff = schema.conform(pd.DataFrame({"person_id": ["in:ada", "in:bob"],
                                           "company_id": ["acme", "acme"],
                                           "current": [True, True]}), "affiliations", IDS)
        m = StrengthModel()
        out = score(prepare(ties_of([("in:ada", "in:bob")]), None, aff), m, AT)
        assert out.shared_employer[0] == pytest.approx(math.log1p(180 / 365.25))
        assert out.strength[0] > m.floor

    def test_union_of_unsorted_overlapping_intervals(self):
        from netgraph.scoring.kernel import _union

        row = np.array([1, 0, 1, 0, 1])
        start = np.array([5.0, 0.0, 0.0, 2.0, 20.0])
        end = np.array([9.0, 3.0, 6.0, 4.0, 21.0])
        r, s, e = _union(row, start, end)
        assert r.tolist() == [0, 1, 1] and s.tolist() == [0.0, 0.0, 20.0]
        assert e.tolist() == [4.0, 9.0, 21.0]

    def test_future_interactions_are_ignored(self):
        past = calls(5, start="2026-01-01")
        future = calls(5, start="2026-07-01", channel="meeting")
        prep_all = prepare(ties_of([("in:ada", "in:bob")]), events(past + future))
        prep_past = prepare(ties_of([("in:ada", "in:bob")]), events(past))
        a = score(prep_all, at=AT)
        b = score(prep_past, at=AT)
        pd.testing.assert_frame_equal(a, b)
        assert a.n_call[0] == 5 and a.n_meeting[0] == 0

    def test_pairs_match_in_either_order(self):
        rows = [("in:ada", "in:bob", "2026-05-01", "call", "out"),
                ("in:bob", "in:ada", "2026-05-02", "call", "in")]
        out = score(prepare(ties_of([("in:bob", "in:ada")]), events(rows)), at=AT)
        assert out.n_call[0] == 2
        # a = in:ada; first row: other (bob) reached out to ada; second: bob reached out
        assert (out.n_in[0], out.n_out[0]) == (2, 0)

    def test_cooling_after_eight_times_the_usual_gap(self):
        rows = calls(6, start="2026-01-01", every=7)      # usual gap 7 days
        last = pd.Timestamp("2026-02-05", tz="UTC")
        prep = prepare(ties_of([("in:ada", "in:bob")]), events(rows))
        before = score(prep, at=last + pd.Timedelta(days=55))
        after = score(prep, at=last + pd.Timedelta(days=57))
        assert before.usual_gap_days[0] == pytest.approx(7)
        assert not before.cooling[0] and after.cooling[0]
        assert after.silence_days[0] == pytest.approx(57)

    def test_override_sets_the_level_then_decays(self):
        ties = ties_of([("in:ada", "in:bob")])
        rows = calls(10, start="2025-01-01")             # evidence before the override
        ov = schema.conform(pd.DataFrame({"a": ["in:ada"], "b": ["in:bob"],
                                          "timestamp": ["2026-01-01"], "strength": [0.9]}),
                            "overrides", IDS)
        m = StrengthModel()
        prep = prepare(ties, events(rows), None, ov)
        at0 = score(prep, m, "2026-01-01")
        assert at0.override[0] == pytest.approx(1.0)
        assert at0.strength[0] == pytest.approx(0.9)          # the user's judgment, then
        when = pd.Timestamp("2026-01-01") + pd.Timedelta(days=m.override_half_life_days)
        half = score(prep, m, when)
        assert half.override[0] == pytest.approx(0.5)
        plain = score(prepare(ties, events(rows)), m, when).strength[0]
        assert half.strength[0] == pytest.approx(0.5 * 0.9 + 0.5 * plain)
        # a later contact adds to it
        prep2 = prepare(ties, events(rows + calls(1, start="2026-03-01")), None, ov)
        assert score(prep2, m, "2026-03-02").strength[0] > score(prep, m, "2026-03-02").strength[0]
        # before the override, the evidence counts as usual
        assert score(prep, m, "2025-12-31").override[0] == 0


# ---------------------------------------------------------------------------- history
def random_tables(seed=0, n_people=12, n_ties=25, n_events=1500):
    rng = np.random.default_rng(seed)
    ids = [f"in:p{i:02d}" for i in range(n_people)]
    pairs = set()
    while len(pairs) < n_ties:
        a, b = rng.choice(n_people, 2, replace=False)
        pairs.add((ids[min(a, b)], ids[max(a, b)]))
    pairs = sorted(pairs)
    since = pd.to_datetime(rng.integers(1.3e9, 1.7e9, n_ties), unit="s", utc=True)
    ties = schema.conform(pd.DataFrame({"a": [p[0] for p in pairs], "b": [p[1] for p in pairs],
                                        "since": since}), "ties", ids)
    k = rng.integers(0, n_ties, n_events)
    flip = rng.random(n_events) < 0.5
    inter = schema.conform(pd.DataFrame({
        "person_id": [pairs[i][int(f)] for i, f in zip(k, flip, strict=True)],
        "other_id": [pairs[i][1 - int(f)] for i, f in zip(k, flip, strict=True)],
        "timestamp": pd.to_datetime(rng.integers(1.5e9, 1.78e9, n_events), unit="s", utc=True),
        "channel": rng.choice(schema.CHANNELS, n_events),
        "direction": rng.choice(["in", "out", ""], n_events),
        "participants": rng.choice([2, 2, 3, 9], n_events)}), "interactions", ids)
    n_aff = 40
    start = pd.to_datetime(rng.integers(1.2e9, 1.6e9, n_aff), unit="s", utc=True)
    aff = schema.conform(pd.DataFrame({
        "person_id": rng.choice(ids, n_aff), "company_id": rng.choice(["acme", "globex"], n_aff),
        "start": start, "end": start + pd.to_timedelta(rng.integers(100, 2000, n_aff), unit="D")}),
        "affiliations", ids)
    ov = schema.conform(pd.DataFrame({"a": [pairs[1][0], pairs[2][0]],
                                      "b": [pairs[1][1], pairs[2][1]],
                                      "timestamp": ["2024-01-01", "2025-06-01"],
                                      "strength": [0.9, 0.05]}), "overrides", ids)
    return ties, inter, aff, ov


class TestHistory:
    @pytest.mark.parametrize("seed", [0, 1])
    def test_history_equals_score_at_the_same_times(self, seed):
        prep = prepare(*random_tables(seed))
        times = pd.to_datetime(["2019-01-01", "2024-01-01", "2024-03-01", "2025-06-01",
                                "2026-05-01"], utc=True)
        cols = ["strength", *StrengthModel().feature_names(), "override", "usual_gap_days",
                "silence_days", "cooling", "last_contact"]
        for row in range(prep.n_ties):
            h = pair_history(prep, row, times)
            for when in times:
                s = score(prep, at=when, ties=[row]).iloc[0]
                got = h.loc[when]
                for c in cols:
                    if isinstance(s[c], float) and math.isnan(s[c]):
                        assert pd.isna(got[c]), (row, when, c)
                    elif c == "last_contact":
                        assert got[c] == s[c] or (pd.isna(got[c]) and pd.isna(s[c]))
                    else:
                        assert got[c] == pytest.approx(s[c], abs=1e-12), (row, when, c)

    def test_scoring_a_subset_equals_scoring_everything(self):
        prep = prepare(*random_tables(2))
        full = score(prep, at="2026-01-01")
        sub = score(prep, at="2026-01-01", ties=[7, 3, 3])
        assert list(sub.index) == [7, 3, 3]
        pd.testing.assert_frame_equal(sub.loc[[7]], full.loc[[7]])

    def test_pair_strength_and_lookup(self):
        ties, inter, aff, ov = random_tables(3)
        prep = prepare(ties, inter, aff, ov)
        a, b = ties.a[4], ties.b[4]
        assert find_tie(prep, b, a) == 4
        s = pair_strength(prep, (a, b), at="2025-02-02")
        assert s == pytest.approx(score(prep, at="2025-02-02").strength[4])
        with pytest.raises(ng.NotFoundError):
            find_tie(prep, "in:p00", "in:nobody")

    def test_strength_history_series(self):
        rows = calls(3, start="2026-01-01", channel="meeting", direction="")
        prep = prepare(ties_of([("in:ada", "in:bob")], since="2025-01-01"), events(rows))
        end = pd.Timestamp("2026-04-01 15:37", tz="UTC")          # a time of day
        s = strength_history(prep, ("in:bob", "in:ada"), start="2025-12-01", end=end)
        assert isinstance(s.index, pd.DatetimeIndex) and str(s.index.tz) == "UTC"
        # one point per week, on the week boundaries; no extra point at end's time of day
        assert (s.index.day_of_week == 6).all() and (s.index.normalize() == s.index).all()
        assert set(np.diff(s.index.asi8)) == {7 * 86_400 * 10**9}
        assert s.index[0] <= pd.Timestamp("2025-12-01", tz="UTC") < s.index[1]
        assert end - pd.Timedelta(days=7) < s.index[-1] <= end
        assert s.idxmax() > pd.Timestamp("2026-01-01", tz="UTC")
        assert s.iloc[-1] == pytest.approx(pair_strength(prep, 0, s.index[-1]))
        monthly = strength_history(prep, 0, start="2025-12-01", end=end, freq="MS")
        assert monthly.index.strftime("%m-%d").tolist() == ["12-01", "01-01", "02-01", "03-01",
                                                            "04-01"]
        # no cliffs: between contacts the strength changes smoothly week to week
        daily = strength_history(prep, 0, start="2026-02-01", end="2026-06-01", freq="D")
        assert daily.diff().abs().max() < 0.05
        ev = s.attrs["interactions"]
        assert list(ev.channel) == ["meeting"] * 3 and s.attrs["a"] == "in:ada"
        # default window: from just before the first evidence
        d = strength_history(prep, 0, end="2026-04-01")
        assert d.index[0] <= pd.Timestamp("2025-01-01", tz="UTC") < d.index[1]


# ---------------------------------------------------------------------------- forecasts
class TestForecast:
    def test_goes_cold_on_is_when_the_strength_crosses_the_threshold(self):
        rows = calls(8, start="2025-11-01", every=7)
        prep = prepare(ties_of([("in:ada", "in:bob")]), events(rows))
        m = StrengthModel()
        f = score(prep, m, "2026-01-01", forecast=True)
        cold, nxt = f.goes_cold_on[0], f.next_tier_on[0]
        assert pd.Timestamp("2026-01-01", tz="UTC") < nxt <= cold
        eps = pd.Timedelta(hours=2)
        assert score(prep, m, cold - eps).strength[0] >= m.secondary_threshold
        assert score(prep, m, cold + eps).strength[0] < m.secondary_threshold
        low = m.thresholds[m.tier_codes(np.array([f.strength[0]]))[0]]
        assert score(prep, m, nxt + eps).strength[0] < low <= score(prep, m, nxt - eps).strength[0]

    def test_peak_is_the_best_past_strength(self):
        rows = calls(6, start="2025-01-01", every=3, channel="meeting", direction="")
        prep = prepare(ties_of([("in:ada", "in:bob")]), events(rows))
        f = score(prep, at="2026-01-01", forecast=True)
        h = pair_history(prep, 0, pd.date_range("2024-12-01", "2026-01-01", freq="6h"))
        assert f.peak[0] == pytest.approx(h.strength.max(), abs=0.01)
        assert f.peak[0] >= f.strength[0]

    def test_cold_ties_have_no_goes_cold_date(self):
        f = score(prepare(ties_of([("in:ada", "in:bob")])), at=AT, forecast=True)
        assert pd.isna(f.goes_cold_on[0]) and f.tier[0] == "cold"


# ---------------------------------------------------------------------------- input
class TestInput:
    def test_unusable_interactions_are_counted_not_fatal(self):
        ties = ties_of([("in:ada", "in:bob")])
        inter = events([("in:bob", "in:ada", "2026-01-01", "call", "out"),
                        ("in:bob", "in:bob", "2026-01-01", "call", "out"),
                        ("in:cy", "in:ada", "2026-01-01", "call", "out"),
                        ("in:bob", "in:ada", None, "call", "out")])
        inter.loc[3, "timestamp"] = pd.NaT
        prep = prepare(ties, inter)
        assert prep.n_events == 1
        assert prep.skipped == {"self-interaction": 1, "not a tie": 1, "missing timestamp": 1}
        assert score(prep, at=AT).n_call[0] == 1

    def test_unknown_channel_counts_as_other(self):
        inter = events([("in:bob", "in:ada", "2026-05-01", "call", "out")])
        inter["channel"] = pd.Series(["fax"], dtype=object)
        out = tie_strengths(ties_of([("in:ada", "in:bob")]), inter, at=AT)
        assert out.n_other[0] == 1

    def test_bad_dates_and_rows(self):
        prep = prepare(ties_of([("in:ada", "in:bob")]))
        with pytest.raises(ng.InputError, match="cannot read"):
            score(prep, at="not a date")
        with pytest.raises(ng.InputError, match="out of range"):
            score(prep, at=AT, ties=[5])
        with pytest.raises(ng.InputError, match="no 'b' column"):
            prepare(pd.DataFrame({"a": ["x"]}))


# ---------------------------------------------------------------------------- explain
class TestExplain:
    def test_explanation_in_words_numbers_and_escaped_html(self):
        rows = calls(4, start="2026-04-01", direction="in")
        prep = prepare(ties_of([("in:ada", "in:bob")], since="2020-01-01"), events(rows))
        e = explain(prep, 0, at=AT, names=("Ada", "<b>Bob</b>"))
        text = str(e)
        assert "strength" in text and "4 calls" in text and "since 2020-01-01" in text
        assert "two-way contact within 3 months" in text
        assert e.strength == pytest.approx(score(prep, at=AT).strength[0])
        # the contributions add up, in log-odds, from the no-evidence floor
        logit = lambda p: math.log(p / (1 - p))  # noqa: E731
        assert logit(e.floor) + sum(e.contributions.values()) == pytest.approx(
            logit(e.strength))
        assert e.contributions["silence"] > 0 and e.contributions["years_known"] > 0
        assert e.contributions["shared_employer"] == 0
        html = e._repr_html_()
        assert "<b>Bob</b>" not in html and "&lt;b&gt;Bob&lt;/b&gt;" in html
