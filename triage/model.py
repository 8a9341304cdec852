"""The second reader: a multilingual sentence encoder and a logistic regression over its
embeddings (triage/classifier.json), loaded once per process.

A message is read whole (a long one in windows of whole sentences); it reads as urgent when any
window scores at or above the classifier's threshold. If anything fails, the model steps aside
and the lexicon alone decides: one line is logged, never any of the text, and `status()` says why.
"""

import logging
import math
import re
import threading
from dataclasses import dataclass

from django.conf import settings

from triage import classifier as classifiers
from triage.encoders import ENCODERS, Embed

logger = logging.getLogger("triage")

WINDOW = 600  # characters read at once: a message up to this long is read whole
SENTENCES_PER_WINDOW = 3  # a longer one is read three sentences at a time, so that a crisis
# sentence is not drowned in the rest
MOST_PIECES = 24  # and in at most this many windows
SENTENCE_SPLIT = re.compile(r"(?<=[.!?;…\n])\s+")


@dataclass(frozen=True)
class Reader:
    classifier: classifiers.Classifier
    embed: Embed


_lock = threading.Lock()
_reader: Reader | None = None
_failure = ""
_tried = False
_failed_on_a_message = False


def load() -> bool:
    """Loads the encoder and the classifier the first time; whether the model reads."""
    global _reader, _failure, _tried
    with _lock:
        if not _tried:
            _tried = True
            try:
                _reader = _load_reader()
            except Exception as error:  # any failure leaves the lexicon to decide alone
                _failure = f"{type(error).__name__}: {error}"[:300]
                logger.warning(
                    "Crisis triage reads with the lexicon alone: the model did not load (%s).",
                    _failure,
                )
        return _reader is not None


def _load_reader() -> Reader:
    if not settings.TRIAGE_MODEL:
        raise RuntimeError("turned off by TRIAGE_MODEL=off")
    classifier = classifiers.read(settings.TRIAGE_CLASSIFIER_FILE)
    embed = ENCODERS[classifier.encoder].load()
    if embed(["ok"]).shape != (1, len(classifier.weights)):
        raise RuntimeError("the encoder and the classifier do not have the same dimension")
    return Reader(classifier, embed)


def status() -> str:
    """ "model" when the model reads, else "lexicon only" and why."""
    return "model" if load() else f"lexicon only ({_failure})"


def urgency(text: str) -> float | None:
    """The highest probability of urgency over the pieces of `text`; None without the model."""
    global _failed_on_a_message
    if not load():
        return None
    parts = pieces(text)
    if not parts:
        return 0.0
    try:
        with _lock:  # one forward pass at a time in a process; each takes milliseconds
            embeddings = _reader.embed(parts)
        return float(_reader.classifier.probabilities(embeddings).max())
    except Exception:
        if not _failed_on_a_message:
            _failed_on_a_message = True
            logger.error("The triage model failed on a message; the lexicon alone read it.")
        return None


def reads_urgent(text: str) -> bool | None:
    probability = urgency(text)
    return None if probability is None else probability >= _reader.classifier.threshold


def pieces(text: str) -> list[str]:
    """The message whole; a long one in windows of SENTENCES_PER_WINDOW whole sentences and at
    most WINDOW characters (a run-on sentence cut between words), at most MOST_PIECES of them."""
    text = " ".join(text.split())
    if len(text) <= WINDOW:
        return [text] if any(c.isalnum() for c in text) else []
    windows, current = [], ""
    count = 0
    for sentence in _sentences(text):
        if current and (len(current) + 1 + len(sentence) > WINDOW or count == SENTENCES_PER_WINDOW):
            windows.append(current)
            current, count = "", 0
        current, count = f"{current} {sentence}".strip(), count + 1
    windows.append(current)
    if len(windows) > MOST_PIECES:
        size = math.ceil(len(windows) / MOST_PIECES)
        windows = [" ".join(windows[i : i + size]) for i in range(0, len(windows), size)]
    return windows


def _sentences(text: str) -> list[str]:
    """Sentences with their end marks, none longer than WINDOW characters."""
    sentences = []
    for sentence in SENTENCE_SPLIT.split(text):
        while len(sentence) > WINDOW:
            cut = sentence.rfind(" ", 0, WINDOW)
            cut = cut if cut > 0 else WINDOW
            sentences.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if sentence:
            sentences.append(sentence)
    return sentences


def forget() -> None:
    """Forgets the loaded model, so that the next reading loads it again (tests)."""
    global _reader, _failure, _tried, _failed_on_a_message
    with _lock:
        _reader, _failure, _tried, _failed_on_a_message = None, "", False, False
