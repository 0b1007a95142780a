"""The ping list: ranking by what is at stake, reasons in words, reset by any contact."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph.data import schema
from netgraph.ping import cadence_words, ping_list, span_words
from netgraph.scoring import StrengthModel, prepare, score

IDS = ["in:ada", "in:bob", "in:cy", "in:di", "in:ed", "in:flo"]
NAMES = ["Ada", "Bob", "Cy", "Di", "Ed", "Flo"]
AT = pd.Timestamp("2026-03-01", tz="UTC")


def people(owners=("in:ada",)):
    return pd.DataFrame({"person_id": IDS, "name": NAMES,
                         "is_owner": [i in owners for i in IDS]})


def contacts(person, start, n, every, channel="call", other="in:ada"):
    days = pd.Timestamp(start, tz="UTC") + pd.to_timedelta(np.arange(n) * every, unit="D")
    return [(person, other, d, channel, "out" if i % 2 else "in") for i, d in enumerate(days)]


def network_rows():
    """bob: weekly calls that stopped a year ago (cooling); cy: monthly meetings, last one
    six weeks ago (overdue); flo: met twice last week; di: never contacted; ed: one e-mail
    long ago."""
    return (contacts("in:bob", "2024-06-01", 40, 7)
            + contacts("in:cy", "2025-03-15", 11, 30, "meeting")
            + contacts("in:flo", "2026-02-20", 2, 3, "meeting")
            + [("in:ed", "in:ada", pd.Timestamp("2023-01-01", tz="UTC"), "email", "in")])


def strengths(rows, at=AT, pairs=None, since="2023-06-01"):
    pairs = pairs or [("in:ada", p) for p in IDS[1:]]
    ties = schema.conform(pd.DataFrame({"a": [min(p) for p in pairs],
                                        "b": [max(p) for p in pairs], "since": since}),
                          "ties", IDS)
    inter = schema.conform(pd.DataFrame(rows, columns=["person_id", "other_id", "timestamp",
                                                       "channel", "direction"]),
                           "interactions", IDS)
    return score(prepare(ties, inter), at=at, forecast=True)


def test_ranked_by_priority_with_reasons_and_no_cold_strangers():
    out = ping_list(strengths(network_rows()), owner="in:ada", people=people(), at=AT)
    assert list(out.columns[:9]) == ["person_id", "person", "strength", "tier", "last_contact",
                                     "due", "goes_cold_on", "reason", "priority"]
    assert out.priority.is_monotonic_decreasing
    by = out.set_index("person")
    # never contacted / one old e-mail: no evidence of a real relationship
    assert "Di" not in by.index and "Ed" not in by.index
    assert set(by.index) == {"Bob", "Cy", "Flo"}
    assert by.loc["Bob", "reason"].startswith("went cold") or "cooling: silent" in by.loc[
        "Bob", "reason"]
    assert "x its usual gap of 7 days" in by.loc["Bob", "reason"]
    assert "overdue by" in by.loc["Cy", "reason"]
    assert "will fall below" in by.loc["Flo", "reason"]
    # due: last contact + the tier's cadence, or today when overdue
    m = StrengthModel()
    cy = by.loc["Cy"]
    cadence = m.cadences[cy.tier]
    assert cy.due == max(AT, cy.last_contact + pd.Timedelta(days=cadence))
    assert all(out.due >= AT)


def test_values_weigh_in_and_can_include_an_uncontacted_tie():
    s = strengths(network_rows())
    base = ping_list(s, owner="in:ada", people=people(), at=AT)
    boosted = ping_list(s, owner="in:ada", people=people(), at=AT,
                        values={"in:di": 3.0, base.person_id.iloc[-1]: 10.0})
    assert "Di" in set(boosted.person)
    assert "never contacted" in boosted.set_index("person").loc["Di", "reason"]
    assert boosted.person_id.iloc[0] == base.person_id.iloc[-1]
    with pytest.raises(ng.InputError, match="values"):
        ping_list(s, owner="in:ada", at=AT, values={"in:bob": -1})


def test_any_contact_resets_the_clock():
    rows = network_rows()
    before = ping_list(strengths(rows), owner="in:ada", people=people(), at=AT)
    cy_before = before.set_index("person").loc["Cy"]
    logged = [*rows, ("in:cy", "in:ada", AT - pd.Timedelta(days=1), "call", "out")]
    after = ping_list(strengths(logged), owner="in:ada", people=people(), at=AT, n=None)
    cy_after = after.set_index("person").loc["Cy"]
    assert cy_after.last_contact == AT - pd.Timedelta(days=1)
    assert cy_after.due > AT and cy_after.due > cy_before.due
    assert "overdue" not in cy_after.reason
    assert cy_after.priority < cy_before.priority
    assert cy_after.strength > cy_before.strength


def test_owner_from_people_and_a_team():
    s = strengths(network_rows())
    a = ping_list(s, people=people(), at=AT)
    assert set(a.owner) == {"in:ada"}
    # a second owner: the tie between two owners lists the other side
    team = strengths(network_rows() + contacts("in:ada", "2026-01-01", 4, 7, other="in:bob"),
                     pairs=[("in:ada", p) for p in IDS[1:]])
    both = ping_list(team, owner=["in:ada", "in:bob"], at=AT, n=None)
    assert "in:ada" not in set(both.person_id)            # never ping yourself
    row = both.set_index("person_id").loc["in:bob"]       # the owners' own tie
    assert row.owner == "in:ada" and row.last_contact == pd.Timestamp("2026-01-22", tz="UTC")
    with pytest.raises(ng.InputError, match="no owner"):
        ping_list(s, at=AT)


def test_n_and_the_forecast_columns_are_required():
    s = strengths(network_rows())
    assert len(ping_list(s, owner="in:ada", at=AT, n=1)) == 1
    plain = s.drop(columns=["peak", "next_tier_on", "goes_cold_on"])
    with pytest.raises(ng.InputError, match="forecast=True"):
        ping_list(plain, owner="in:ada", at=AT)


def test_words():
    assert span_words([0.5, 3, 30, 400, 1200]).tolist() == [
        "12 hours", "3 days", "4 weeks", "13 months", "3 years"]
    assert cadence_words([14, 30, 120, 45]).tolist() == [
        "fortnightly", "monthly", "4-monthly", "45-day"]


def test_network_ping_list_resets_on_log_interaction(tmp_path):
    path = tmp_path / "log.csv"
    days = pd.date_range("2025-01-01", periods=10, freq="14D")
    pd.DataFrame({"person": ["Grace Hopper"] * 10 + ["Alan Turing"] * 3,
                  "timestamp": [d.strftime("%Y-%m-%d") for d in days]
                  + ["2025-11-01", "2025-12-01", "2026-01-10"],
                  "channel": "call", "direction": ["out", "in"] * 6 + ["out"]}
                 ).to_csv(path, index=False)
    net = ng.Network()
    net.import_interactions(path, owner="Ada Lovelace", create_missing=True)
    first = net.ping_list(at="2026-03-01")
    assert first.person.iloc[0] == "Grace Hopper"
    assert "cooling" in first.reason.iloc[0]
    net.log_interaction("Grace Hopper", when="2026-02-28", channel="meeting")
    again = net.ping_list(at="2026-03-01").set_index("person")
    assert again.loc["Grace Hopper", "last_contact"] == pd.Timestamp("2026-02-28", tz="UTC")
    assert "cooling" not in again.loc["Grace Hopper", "reason"]
