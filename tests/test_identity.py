import pandas as pd
import pytest

from netgraph.data.identity import (
    company_key,
    is_placeholder_company,
    name_key,
    person_ids,
    similar_companies,
)


@pytest.mark.parametrize(
    "names",
    [
        ["Acme", "Acme Inc.", "Acme, Inc.", "ACME LLC", "acme ltd", "Acme GmbH", "The Acme Company"],
        ["Globex S.A.", "Globex SA", "GLOBEX", "Globex Corp."],
        ["Müller & Söhne AG", "Muller and Sohne"],
    ],
)
def test_company_spellings_fold_to_one_key(names):
    assert company_key(names).nunique() == 1


@pytest.mark.parametrize(
    "placeholder",
    ["Self-employed", "Self Employed", "self-employed ", "Freelance", "Confidential",
     "Stealth Mode", "Stealth", "N/A", "n/a", "None", "Stealth Startup"],
)
def test_placeholders_are_not_employers(placeholder):
    assert company_key([placeholder]).iloc[0] == ""
    assert is_placeholder_company([placeholder]).iloc[0]


def test_distinct_companies_stay_distinct():
    keys = company_key(["Acme", "Acme Robotics", "Globex", "Co"])
    assert keys.nunique() == 4
    assert keys.iloc[3] == "co"


def test_name_key_trims_invisible_marks():
    assert name_key(["Ada\u00a0Lovelace\u200b ", " ada  lovelace"]).nunique() == 1


def test_person_ids_priority():
    ids = person_ids(
        pd.Series(["https://www.linkedin.com/in/Ada-L/", "", "", ""]),
        pd.Series(["x@y.org", "Grace@Navy.mil", "", ""]),
        pd.Series(["Ada", "Grace", "Alan Turing", ""]),
        pd.Series(["", "", "bletchley", ""]),
    )
    assert ids.tolist() == ["in:ada-l", "email:grace@navy.mil", "name:alan turing@bletchley", ""]


def test_similar_companies_suggests_but_does_not_merge():
    s = similar_companies(["Initech Systems", "Initech System", "Initek", "Umbrella"])
    pairs = {tuple(sorted(p)) for p in s[["a", "b"]].values.tolist()}
    assert pairs == {("initech system", "initech systems")}
    assert company_key(["Initech System"]).iloc[0] != company_key(["Initech Systems"]).iloc[0]
