"""The first reader, the rule lexicon: its labelled cases, who is at risk, and robustness."""

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from triage import LEVELS, URGENT_LEVELS, Assessment
from triage.lexicon import DANGER_RULES, SELF_RULES
from triage.rules import read_rules as assess

CASES_FILE = Path(__file__).with_name("lexicon_cases.tsv")
RULE_NAMES = {rule.name for rule in DANGER_RULES + SELF_RULES} | {"intent_with_date", "long_ago"}


def labelled_cases() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8", newline="") as cases:
        return list(csv.DictReader(cases, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = labelled_cases()


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:40] for case in CASES])
def test_each_labelled_message_gets_its_expected_level_and_urgency(case: dict) -> None:
    assessment = assess(case["text"])

    assert (assessment.level, assessment.urgent) == (case["level"], case["urgent"] == "true")


def test_the_labelled_set_has_eighty_cases_and_reaches_every_level() -> None:
    assert len(CASES) >= 80
    assert {case["level"] for case in CASES} == set(LEVELS)
    assert all(case["urgent"] in {"true", "false"} for case in CASES)


def test_urgency_follows_the_level_with_a_wish_to_be_dead_counted_urgent() -> None:
    assert URGENT_LEVELS == set(LEVELS) - {"none", "distress"}
    for case in CASES:
        assert (case["urgent"] == "true") == (case["level"] in URGENT_LEVELS), case["text"]


@pytest.mark.parametrize(
    "text, level",
    [
        ("Mon collègue parle de se suicider.", "suicidal_thoughts"),
        ("My coworker said he wants to die.", "wish_to_be_dead"),
        ("Je pense que ma collègue veut mourir.", "wish_to_be_dead"),
        ("Mon ami a essayé de se tuer la semaine passée.", "recent_behaviour"),
        ("She told me she took a bunch of pills.", "recent_behaviour"),
        ("I'm worried my colleague wants to end his life.", "suicidal_thoughts"),
        ("Ma collègue dit que son mari va la tuer.", "danger_from_other"),
        ("My coworker's husband hits her.", "danger_from_other"),
    ],
)
def test_reported_speech_about_someone_else_is_urgent_and_about_them(text: str, level: str) -> None:
    assessment = assess(text)

    assert (assessment.level, assessment.urgent, assessment.about_other) == (level, True, True)


@pytest.mark.parametrize(
    "text",
    [
        "Je veux mourir.",
        "Since my husband left, I want to die.",
        "Il va me tuer.",
        "Mon collègue est gentil mais moi je veux en finir.",
        "I want to end my life.",
    ],
)
def test_a_person_speaking_of_themselves_is_not_about_someone_else(text: str) -> None:
    assessment = assess(text)

    assert assessment.urgent
    assert not assessment.about_other


def test_the_highest_level_across_sentences_wins() -> None:
    text = "Je suis épuisée. Ce projet me tue. J'ai acheté des pilules. Je veux mourir."

    assessment = assess(text)

    assert assessment.level == "recent_behaviour"
    assert {"distress", "preparations", "want_to_die"} <= set(assessment.matched)


def test_a_negation_in_one_sentence_does_not_cancel_the_next() -> None:
    assert assess("Je ne veux pas mourir. Mais j'ai pensé à en finir.").level == (
        "suicidal_thoughts"
    )
    assert assess("I'm not suicidal, but I want to die.").level == "wish_to_be_dead"


def test_an_attempt_years_ago_is_history_unless_the_sentence_brings_it_back_to_now() -> None:
    long_ago = assess("J'ai fait une tentative de suicide il y a dix ans.")
    recent = assess("J'ai fait une tentative de suicide le mois passé.")
    again = assess("J'ai fait une tentative en 2012 et ce soir je vais recommencer.")

    assert (long_ago.level, long_ago.urgent) == ("distress", False)
    assert "long_ago" in long_ago.matched
    assert recent.level == "recent_behaviour"
    assert again.urgent


@pytest.mark.parametrize(
    "text",
    [
        "Il me frappe depuis des semaines.",  # "depuis" is not long ago
        "je me scarifie depuis 2 semaines",
        "I am going to kill myself at 11 tonight.",
    ],
)
def test_ongoing_or_timed_risk_is_not_taken_for_history(text: str) -> None:
    assert assess(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "ça fait 5 ans que je pense à me tuer",
        "ça fait 2 ans que j'ai des idées suicidaires",
        "y a des années que je veux mourir",
        "à 45 ans je veux mourir",
        "i've wanted to die for years",
        "I want to die for real",
    ],
)
def test_a_wish_that_has_lasted_for_years_is_still_a_wish_now(text: str) -> None:
    assert assess(text).urgent


def test_matched_lists_rule_names_and_never_the_text() -> None:
    assessment = assess("zq-canary-4711 je veux mourir et I have a plan")

    assert assessment.matched and set(assessment.matched) <= RULE_NAMES
    assert "canary" not in json.dumps(assessment.as_dict())


def test_an_assessment_cannot_be_changed_once_made() -> None:
    assessment = assess("I want to die")

    with pytest.raises(AttributeError):
        assessment.level = "none"  # type: ignore[misc]


def test_empty_and_odd_inputs_give_no_crisis() -> None:
    for text in ["", "   ", "\n\n", "…", "~~~", "\x00", "😀" * 50]:
        assert assess(text) == Assessment(level="none", urgent=False, about_other=False)


def test_a_very_long_message_is_read_quickly() -> None:
    text = ("Je suis fatigué, " * 2000) + "je veux mourir. " + ("blah " * 20000)

    started = time.perf_counter()
    assessment = assess(text)

    assert assessment.level == "wish_to_be_dead"
    assert time.perf_counter() - started < 5


CRISIS_WORDS = (
    "je j ne pas plus pu veux vais me m se tuer mourir vivre en finir pont pilules balle il elle "
    "mon collègue va la ce projet tue rire i don't never not want to die kill myself himself he "
    "my husband threatened me end it all plan took pills last night tonight years ago , . ! "
    "jamais t' suicide"
).split()


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_well_formed_assessment(text: str) -> None:
    assessment = assess(text)

    assert assessment.level in LEVELS
    assert assessment.urgent == (assessment.level in URGENT_LEVELS)
    assert set(assessment.matched) <= RULE_NAMES
    if assessment.level == "none":
        assert not assessment.about_other


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(CRISIS_WORDS), max_size=25).map(" ".join),
    st.lists(st.sampled_from(CRISIS_WORDS), max_size=25).map(" ".join),
)
def test_adding_a_line_never_lowers_the_level(first: str, second: str) -> None:
    alone = [LEVELS.index(assess(text).level) for text in (first, second)]

    together = LEVELS.index(assess(first + "\n" + second).level)

    assert together >= max(alone)


def run_triage_command(monkeypatch: pytest.MonkeyPatch, lines: str) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    out = io.StringIO()
    call_command("triage", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_triage_command_prints_one_json_object_per_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = run_triage_command(
        monkeypatch,
        "je veux mourir\nBonjour, j'ai une question\nmon collègue parle de se suicider\n",
    )

    assert [(r["level"], r["urgent"], r["about_other"]) for r in results] == [
        ("wish_to_be_dead", True, False),
        ("none", False, False),
        ("suicidal_thoughts", True, True),
    ]


def test_the_triage_command_answers_an_empty_line_with_no_crisis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = run_triage_command(monkeypatch, "\n\r\nI have a plan\n")

    assert [(r["level"], r["urgent"]) for r in results] == [
        ("none", False),
        ("none", False),
        ("plan", True),
    ]
    assert results[0]["about_other"] is False


def test_the_triage_command_works_as_a_pipe_even_with_bytes_that_are_not_utf8() -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", "triage"],
        input="My husband threatened to kill me\n\nJ’veux pu vivre, j’suis épuisée\n".encode()
        + b"\xff\xfe\n",
        capture_output=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        timeout=120,
        check=True,
    )

    results = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert [(r["level"], r["urgent"]) for r in results] == [
        ("danger_from_other", True),
        ("none", False),
        ("wish_to_be_dead", True),
        ("none", False),
    ]
