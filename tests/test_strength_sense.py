"""Common sense of the strength model: the stories of issue 9, at 29 Nov 2026.

A job seeker's network is built from real CSV files through the Network API; the
promises that hold for any coefficients (monotone in contacts and silence, the future
changes nothing) are hypothesis properties on the scoring functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.data import schema
from netgraph.data.schema import CHANNELS
from netgraph.scoring import StrengthModel, prepare, score

AT = "2026-11-29"
OWNER = "Maya Okafor"


def write(path, rows, columns):
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def net(tmp_path_factory):
    d = tmp_path_factory.mktemp("sense")
    contacts = write(d / "contacts.csv", [
        ("Elena Rossi", "Talent Co", "Recruiter", "2026-11-03"),
        ("Raj Patel", "Nimbus", "Engineer", "2023-05-01"),
        ("Tom Berg", "Acme", "Engineer", "2016-02-01"),
        ("Nina Vogel", "Orbit", "Designer", "2026-11-28"),
        ("Omar One", "Orbit", "PM", "2025-01-10"),
        ("Tess Two", "Orbit", "PM", "2025-01-10"),
    ], ["name", "company", "title", "connected_on"])
    history = write(d / "affiliations.csv", [
        (OWNER, "Acme", "2018-01-01", "2022-01-01"),
        ("Tom Berg", "Acme", "2018-01-01", "2022-01-01"),
    ], ["person", "company", "start", "end"])
    # direction: "in" the person reached out to the owner, "out" the owner to the person
    log = write(d / "interactions.csv", [
        ("Elena Rossi", "2026-11-03 09:00", "message", "in"),
        ("Elena Rossi", "2026-11-03 12:00", "message", "out"),
        ("Elena Rossi", "2026-11-04 09:00", "message", "in"),
        ("Elena Rossi", "2026-11-04 12:00", "message", "out"),
        ("Elena Rossi", "2026-11-10 15:00", "call", ""),
        ("Raj Patel", "2026-03-12 08:30", "meeting", ""),
        ("Raj Patel", "2026-10-15 17:00", "call", ""),
        ("Raj Patel", "2026-10-20 10:00", "message", "in"),
        ("Raj Patel", "2026-10-21 10:00", "message", "out"),
        *[("Omar One", f"2026-10-0{i} 10:00", "message", "out") for i in range(1, 6)],
        ("Tess Two", "2026-10-01 10:00", "message", "out"),
        ("Tess Two", "2026-10-02 10:00", "message", "in"),
        ("Tess Two", "2026-10-03 10:00", "message", "out"),
        ("Tess Two", "2026-10-04 10:00", "message", "in"),
    ], ["person", "timestamp", "channel", "direction"])
    n = ng.Network()
    n.import_contacts(contacts, owner=OWNER)
    n.import_affiliations(history)
    n.import_interactions(log, owner=OWNER)
    return n


def s(net, name):
    return net.strength(name, at=AT)


def test_recruiter_three_weeks_in_is_at_least_developing(net):
    assert s(net, "Elena Rossi") >= 0.3
    frame = net.strengths(at=AT)
    row = frame[(frame.name_a == "Elena Rossi") | (frame.name_b == "Elena Rossi")]
    assert row.tier.iloc[0] in ("close", "developing")


def test_referrer_is_stronger_than_the_recruiter(net):
    assert s(net, "Raj Patel") > s(net, "Elena Rossi")


def test_old_colleague_between_a_new_connection_and_the_referrer(net):
    assert s(net, "Nina Vogel") < s(net, "Tom Berg") < s(net, "Raj Patel")


def test_new_connection_without_contact_is_at_the_floor_and_cold(net):
    assert s(net, "Nina Vogel") == pytest.approx(net.model.floor)
    assert 0.02 <= net.model.floor <= 0.05
    assert net.model.tier([s(net, "Nina Vogel")])[0] == "cold"


def test_one_way_messages_are_weaker_than_an_exchange(net):
    assert s(net, "Omar One") < s(net, "Tess Two")


def test_explanation_states_the_meaning_and_names_the_parts(net):
    text = str(net.explain_strength("Raj Patel", at=AT))
    assert "two-way contact within 3 months" in text
    for part in ("silence", "volume", "reciprocity", "channels", "years known",
                 "shared employer"):
        assert part in text
    cols = net.strengths(at=AT).columns
    assert {"silence", "volume", "reciprocity", "channels", "years_known",
            "shared_employer", "activity_0"} <= set(cols)


# --- frames: groups, the future, monotonicity ---------------------------------------
IDS = ["in:me", "in:you"]
TIES = schema.conform(pd.DataFrame({"a": ["in:me"], "b": ["in:you"],
                                    "since": ["2025-01-01"]}), "ties", IDS)
BASE = [("2026-09-01", "message", "in", 2), ("2026-09-02", "message", "out", 2)]


def strength_of(rows, at=AT, model=None):
    inter = schema.conform(pd.DataFrame(
        [("in:you", "in:me", t, c, d, p) for t, c, d, p in rows],
        columns=["person_id", "other_id", "timestamp", "channel", "direction",
                 "participants"]), "interactions", IDS)
    return float(score(prepare(TIES, inter), model, at=at).strength.iloc[0])


def test_a_40_person_thread_adds_less_than_a_one_to_one_message():
    base = strength_of(BASE)
    thread = strength_of([*BASE, ("2026-11-01", "email", "in", 40)])
    one = strength_of([*BASE, ("2026-11-01", "message", "in", 2)])
    assert base < thread < one


def test_a_four_person_meeting_still_counts_as_a_meeting():
    base = strength_of(BASE)
    meeting4 = strength_of([*BASE, ("2026-11-01", "meeting", "", 4)])
    message = strength_of([*BASE, ("2026-11-01", "message", "in", 2)])
    assert meeting4 > message > base


def test_a_contact_in_the_future_changes_nothing():
    now = strength_of(BASE)
    assert strength_of([*BASE, ("2026-11-30", "meeting", "", 2)]) == now
    assert strength_of([*BASE, ("2027-03-01", "call", "", 2)]) == now


event = st.tuples(st.integers(0, 2000), st.sampled_from(CHANNELS),
                  st.sampled_from(["in", "out", ""]), st.integers(2, 60))


def as_rows(events):
    t0 = pd.Timestamp("2021-01-01")
    return [((t0 + pd.Timedelta(days=d)).strftime("%Y-%m-%d"), c, dr, p)
            for d, c, dr, p in events]


coefficients = st.fixed_dictionaries({
    "silence": st.floats(-3, 0), "activity_0": st.floats(0, 3), "activity_1": st.floats(0, 3),
    "volume": st.floats(0, 3), "reciprocity": st.floats(0, 3), "channels": st.floats(0, 3),
    "years_known": st.floats(0, 3)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(event, max_size=12), event, coefficients)
def test_adding_a_contact_never_lowers_strength(events, extra, coef):
    model = StrengthModel(coefficients=coef)
    at = "2026-06-30"            # day 2006: every generated contact is before it
    before = strength_of(as_rows(events), at=at, model=model)
    after = strength_of(as_rows([*events, extra]), at=at, model=model)
    assert after >= before - 1e-12


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(event, min_size=0, max_size=12), st.integers(0, 3000), coefficients)
def test_more_silence_never_raises_strength(events, extra_days, coef):
    model = StrengthModel(coefficients=coef)
    at1 = pd.Timestamp("2026-06-30")
    at2 = at1 + pd.Timedelta(days=extra_days)
    one = strength_of(as_rows(events), at=at1, model=model)
    two = strength_of(as_rows(events), at=at2, model=model)
    assert two <= one + 1e-12


def test_tiers_have_probability_thresholds():
    m = StrengthModel()
    assert m.thresholds == (0.6, 0.3, 0.1)
    assert m.tier([0.65, 0.35, 0.15, 0.05]).tolist() == ["close", "developing", "secondary",
                                                         "cold"]
    assert np.isclose(m.floor, StrengthModel().floor)
