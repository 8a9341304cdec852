"""A directory search pins the crisis lines when triage reads a crisis or the query names one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage import search_reads_like_crisis as reads_like_crisis


@pytest.mark.parametrize(
    "text",
    [
        "idees suicidaire",
        "Idées noires",
        "j'veux pu vivre",
        "J’ai pu l’goût d’vivre",
        "aucune raison de vivre",
        "je veux mourir",
        "je ne veux pas mourir",  # negation is not read: the safe mistake
        "je veux en finir",
        "je vais m'tuer",
        "mon chum va me tuer",
        "je suis en danger",
        "mettre fin à mes jours",
        "suicidal thoughts",
        "kill myself",
        "I want to die",
        "i dont want to live anymore",
        "I'm in danger",
        "self-harm",
    ],
)
def test_crisis_wording_is_recognised(text: str) -> None:
    assert reads_like_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "ce projet me tue",
        "ça me tue",
        "mort de rire",
        "je meurs de faim",
        "belle à mourir",
        "I'm dying to see it",
        "this job is killing me",
        "bored to death",
        "a dress to die for",
        "mon chum me frappe",
        "my husband hits me",
        "vivre seul",
        "deuil",
    ],
)
def test_idioms_and_other_troubles_are_not_a_crisis(text: str) -> None:
    assert not reads_like_crisis(text)


@given(st.text())
def test_reading_any_text_for_crisis_wording_never_fails(text: str) -> None:
    assert reads_like_crisis(text) in (True, False)
