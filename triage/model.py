"""The second reader: a multilingual sentence encoder and a logistic regression over its
embeddings (triage/classifier.json), loaded once per process.

A message is read whole (a long one three sentences at a time); it reads as urgent when any
window scores at or above the classifier's threshold. If anything fails, the model steps aside
and the lexicon alone decides: a line is logged, never any of the text, and `status()` says why.
numpy and the encoder are imported only when the model loads, so that a missing package leaves
the lexicon working instead of stopping the site.
"""

import logging
import math
import re
import threading
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger("triage")

WINDOW = 600  # characters read at once: a message up to this long is read whole
SENTENCES_PER_WINDOW = 3  # a longer one three sentences at a time, so that a crisis sentence is
# not drowned in the rest
MOST_PIECES = 60  # and in at most this many windows
# Reading costs about 0.1 ms a token on one core: past this many characters, the windows at the
# start and at the end are read (a person often says it first or last), so that a request stays
# under 100 ms. The lexicon still reads every word.
BUDGET = 2400
SENTENCE_SPLIT = re.compile(r"(?<=[.!?;…\n])\s+")
# A window needs a few real words to be read: a wall of emoji, digits or "haha" is not a message
# the model learnt from, and must not page every helper.
WORD = re.compile(r"[^\W\d_]{2,}")
FEWEST_WORDS = 3
LOG_EVERY = 60  # seconds between two log lines about a model failing on messages


@dataclass(frozen=True)
class Reader:
    classifier: object  # triage.classifier.Classifier
    embed: object  # texts -> embeddings


_load_lock = threading.Lock()
_read_lock = threading.Lock()
_reader: Reader | None = None
_failure = ""
_tried = False
_last_read_failed = False
_last_logged = 0.0


def load() -> bool:
    """Loads the encoder and the classifier the first time; whether the model reads."""
    global _reader, _failure, _tried
    if _tried:
        return _reader is not None
    with _load_lock:
        if not _tried:
            try:
                _reader = _load_reader()
            except Exception as error:  # any failure leaves the lexicon to decide alone
                _failure = f"{type(error).__name__}: {error}"[:300]
                logger.warning(
                    "Crisis triage reads with the lexicon alone: the model did not load (%s).",
                    _failure,
                )
            _tried = True
        return _reader is not None


def _load_reader() -> Reader:
    if not settings.TRIAGE_MODEL:
        raise RuntimeError("turned off by the setting TRIAGE_MODEL")
    from triage import classifier as classifiers
    from triage.encoders import ENCODERS

    classifier = classifiers.read(settings.TRIAGE_CLASSIFIER_FILE)
    embed = ENCODERS[classifier.encoder].load()
    if embed(["ok"]).shape != (1, len(classifier.weights)):
        raise RuntimeError("the encoder and the classifier do not have the same dimension")
    return Reader(classifier, embed)


def status() -> str:
    """ "model" when the model reads, else "lexicon only" and why."""
    if not load():
        return f"lexicon only ({_failure})"
    if _last_read_failed:
        return "lexicon only (the model failed on the last message)"
    return "model"


def urgency(text: str) -> float | None:
    """The highest probability of urgency over the windows of `text`; None without the model."""
    reader = _reader if load() else None
    return None if reader is None else _probability(reader, text)


def reads_urgent(text: str) -> bool | None:
    reader = _reader if load() else None
    if reader is None:
        return None
    probability = _probability(reader, text)
    return None if probability is None else probability >= reader.classifier.threshold


def _probability(reader: Reader, text: str) -> float | None:
    global _last_read_failed, _last_logged
    parts = pieces(text)
    if not parts:
        return 0.0
    try:
        with _read_lock:  # one forward pass at a time in a process; each takes milliseconds
            embeddings = reader.embed(parts)
        probability = float(reader.classifier.probabilities(embeddings).max())
        _last_read_failed = False
        return probability
    except Exception:
        _last_read_failed = True
        if time.monotonic() - _last_logged > LOG_EVERY:
            _last_logged = time.monotonic()
            logger.error("The triage model failed on a message; the lexicon alone read it.")
        return None


def pieces(text: str) -> list[str]:
    """The windows the model reads: the message whole, or a long one SENTENCES_PER_WINDOW
    sentences at a time (at most WINDOW characters, a run-on sentence cut between words), at
    most MOST_PIECES of them; windows with fewer than FEWEST_WORDS words are left out."""
    text = " ".join(_readable(text).split())
    if len(text) <= WINDOW:
        windows = [text]
    else:
        sentences = _sentences(text)
        per_window = max(SENTENCES_PER_WINDOW, math.ceil(len(sentences) / MOST_PIECES))
        windows, current, count = [], "", 0
        for sentence in sentences:
            if current and (len(current) + 1 + len(sentence) > WINDOW or count == per_window):
                windows.append(current)
                current, count = "", 0
            current, count = f"{current} {sentence}".strip(), count + 1
        windows.append(current)
    windows = [window for window in windows if len(WORD.findall(window)) >= FEWEST_WORDS]
    return _within_budget(windows[:MOST_PIECES])


def _within_budget(windows: list[str]) -> list[str]:
    """Windows taken from the start and the end in turn, while they fit in BUDGET characters."""
    if sum(len(window) for window in windows) <= BUDGET:
        return windows
    chosen, used, first, last = [], 0, 0, len(windows) - 1
    while first <= last:
        index = first if len(chosen) % 2 == 0 else last
        if used + len(windows[index]) > BUDGET:
            break
        chosen.append(windows[index])
        used += len(windows[index])
        first, last = (first + 1, last) if index == first else (first, last - 1)
    return chosen


def _readable(text: str) -> str:
    """Compatibility forms spelled out ("ﷺ" would otherwise cost eighteen characters), and
    anything that is not valid text replaced."""
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    return unicodedata.normalize("NFKC", text)


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
    global _reader, _failure, _tried, _last_read_failed, _last_logged
    with _load_lock:
        _reader, _failure, _last_read_failed, _last_logged = None, "", False, 0.0
        _tried = False
