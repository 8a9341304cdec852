"""Folding, splitting, stemming, and synonyms: the plain functions of search."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.search.stop_words import STOP_WORDS
from directory.search.synonyms import ROWS, SETTING_WORDS, synonyms
from directory.search.text import search_words, stem_en, stem_fr, stems
from lib.folding import fold, words


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Anxiété", "anxiete"),
        ("HARCÈLEMENT", "harcelement"),
        ("Œuvre d'aînés", "oeuvre d'aines"),
        ("Ça déprime", "ca deprime"),
        ("Straße", "strasse"),
    ],
)
def test_folding_drops_accents_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_every_word_is_folded_and_has_no_apostrophe_or_space(text: str) -> None:
    for word in words(text):
        assert word and fold(word) == word
        assert not any(c in word for c in "'’ -")


def test_apostrophes_split_words_as_quebec_speech_writes_them() -> None:
    assert words("J’veux pu vivre") == ["j", "veux", "pu", "vivre"]
    assert words("j'ai pu l'goût d'vivre") == ["j", "ai", "pu", "l", "gout", "d", "vivre"]


def test_numbers_written_with_dashes_are_one_word() -> None:
    assert words("9-8-8 ou 1 866 277-3553") == ["988", "ou", "1", "866", "2773553"]


def test_dotted_acronyms_are_one_word() -> None:
    assert words("mon P.A.E. ou le C.L.S.C.") == ["mon", "pae", "ou", "le", "clsc"]
    assert words("etc. a.b") == ["etc", "ab"]


def test_stop_words_are_dropped_from_the_search_words() -> None:
    assert search_words("mon chum me frappe") == ["chum", "frappe"]
    assert search_words("my husband hits me") == ["husband", "hits"]
    assert search_words("j'veux pu vivre") == ["vivre"]  # Quebec "pu" is "plus"


def test_stop_words_are_folded() -> None:
    assert all(fold(word) == word for word in STOP_WORDS)


def test_a_query_word_is_stemmed_in_both_languages() -> None:
    assert stems("suicidal") == {stem_fr("suicidal"), stem_en("suicidal")}
    assert stem_en("suicidal") == stem_fr("suicide")
    assert stem_fr("jeunes") == stem_fr("jeune") != stem_fr("jeu")


def test_synonym_words_are_folded_and_meaningful() -> None:
    for typed, meant in ROWS:
        for word in (typed + " " + meant).split():
            assert fold(word) == word, word
            assert word not in STOP_WORDS, word


def test_words_that_say_who_or_where_are_folded_and_meaningful() -> None:
    assert all(fold(word) == word and word not in STOP_WORDS for word in SETTING_WORDS)


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("chum", "conjugale"),
        ("husband", "domestic"),
        ("frappait", "violence"),
        ("hits", "violence"),
        ("saoul", "alcool"),
        ("drinking", "alcohol"),
        ("casino", "gambling"),
        ("gageure", "jeu"),
        ("ado", "jeune"),
        ("teen", "youth"),
        ("gai", "lgbtq"),
        ("queer", "lgbtq"),
        ("money", "debt"),
        ("aine", "elderly"),
        ("boss", "harcelement"),
        ("bullying", "harassment"),
        ("lonely", "solitude"),
        ("grieving", "deuil"),
        ("angoisse", "anxiete"),
        ("panique", "anxiety"),
        ("decouragee", "depression"),
        ("morte", "deuil"),
        ("passed", "grief"),
        ("brule", "burnout"),
        ("boutte", "epuisement"),
        ("exhausted", "burnout"),
        ("endettee", "debt"),
        ("pae", "psychosocial"),
        ("eap", "counselling"),
        ("csst", "cnesst"),
        ("pression", "stress"),
        ("file", "detresse"),
        ("bleach", "poisoning"),
    ],
)
def test_everyday_words_lead_to_the_directory_wording(typed: str, meant: str) -> None:
    assert meant in synonyms(typed)


def test_short_stems_do_not_match_unrelated_words() -> None:
    assert synonyms("mars") == set()  # "mari" is in the table; its stem "mar" is too short
