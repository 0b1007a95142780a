"""Role families over job titles: several languages, LinkedIn's abbreviations, folding."""

from __future__ import annotations

import pandas as pd
import pytest

import netgraph as ng
from netgraph.routing.roles import ROLES, fold_titles, role_family, role_matcher

TITLES = [
    # English and abbreviations
    ("Sr. Technical Recruiter", "recruiting"), ("TA Partner", "recruiting"),
    ("HRBP", "recruiting"), ("Head of Talent", "recruiting"), ("Sr. SWE", "engineering"),
    ("Staff Eng.", "engineering"), ("SDE II", "engineering"), ("SRE", "engineering"),
    ("Sr. PM", "product"), ("Product Owner", "product"), ("UX Designer", "design"),
    ("Data Scientist", "data"), ("BI Analyst", "data"), ("ML Engineer", "data"),
    ("Account Executive", "sales"), ("SDR", "sales"), ("VP Sales", "sales"),
    ("VP Eng", "engineering"), ("Dir. of Operations", "leadership"), ("CEO", "leadership"),
    ("Co-Founder", "leadership"), ("Mgr, Finance", "leadership"),
    # German, French, Spanish, Portuguese, Italian, Dutch
    ("Personalreferentin", "recruiting"), ("Softwareentwicklerin", "engineering"),
    ("Geschäftsführer", "leadership"), ("Produktmanagerin", "product"),
    ("Chargée de recrutement", "recruiting"), ("Ingénieure logiciel", "engineering"),
    ("Développeur Full-Stack", "engineering"), ("Directrice Commerciale", "sales"),
    ("Reclutadora IT", "recruiting"), ("Ingeniero de Software", "engineering"),
    ("Diseñadora UX", "design"), ("Gerente de Producto", "product"),
    ("Recrutadora", "recruiting"), ("Engenheira de Dados", "data"),
    ("Desenvolvedor Backend", "engineering"), ("Analista de Dados", "data"),
    ("Selezionatore del personale", "recruiting"), ("Sviluppatore Java", "engineering"),
    ("Responsabile Vendite", "sales"), ("Ontwikkelaar", "engineering"),
    ("Wervingsspecialist", "recruiting"), ("Verkoopadviseur", "sales"),
    ("Ontwerper", "design"),
    # nothing
    ("", ""), ("Chef de cuisine", "leadership"), ("Gardener", ""),
]


@pytest.mark.parametrize(("title", "family"), TITLES)
def test_role_family_reads_titles_in_several_languages(title, family):
    assert role_family([title]).tolist() == [family]


def test_role_family_is_vectorised_and_keeps_the_index():
    titles = pd.Series([t for t, _ in TITLES], index=range(100, 100 + len(TITLES)))
    got = role_family(titles)
    assert got.index.equals(titles.index)
    assert got.tolist() == [f for _, f in TITLES]


def test_folding_removes_accents_and_case():
    assert fold_titles(["ÉQUIPE Ñandú", None, "Straße"]).tolist() == ["equipe nandu", "", "strasse"]
    assert role_matcher("INGENIEURE").match(["Ingénieure"]).tolist() == [True]


def test_words_for_families_and_hiring_manager():
    titles = ["Technical Recruiter", "Engineering Manager", "HR Manager", "Head of Design",
              "Staff Engineer", "Directrice Produit"]
    assert role_matcher("recruiters").match(titles).tolist() == [True, False, True, False,
                                                                 False, False]
    assert role_matcher("hiring manager").match(titles).tolist() == [False, True, False, True,
                                                                     False, True]
    assert role_matcher("hiring manager product").match(titles).tolist() == [
        False, False, False, False, False, True]
    assert role_matcher(["staff", "design"]).match(titles).tolist() == [
        False, False, False, True, True, False]


def test_a_list_word_is_literal_and_a_string_is_a_pattern():
    assert role_matcher(["c++"]).match(["C++ Developer", "C Developer"]).tolist() == [True, False]
    assert role_matcher("^staff").match(["Staff Engineer", "Chief of Staff"]).tolist() == [
        True, False]


@pytest.mark.parametrize("bad", ["c++ (", "[unclosed"])
def test_a_role_that_is_not_a_usable_pattern_lists_the_families(bad):
    with pytest.raises(ng.InputError) as err:
        role_matcher(bad)
    for fam in ROLES:
        assert fam in str(err.value)


@pytest.mark.parametrize("bad", [[], [""], "   ", [3]])
def test_empty_or_odd_roles_are_input_errors(bad):
    with pytest.raises(ng.InputError):
        role_matcher(bad)


def test_a_bad_title_pattern_and_a_bad_mapping_are_input_errors():
    with pytest.raises(ng.InputError, match="title"):
        role_matcher(title="(")
    with pytest.raises(ng.InputError, match="mapping"):
        role_matcher("x", roles=["recruiting"])
    with pytest.raises(ng.InputError, match="not text"):
        role_matcher("x", roles={"recruiting": [3]})


def test_no_role_and_no_title_is_no_filter():
    assert role_matcher() is None
