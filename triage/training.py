"""Training the classifier from the labelled file, and choosing its threshold without ever
looking at the held-out file.

Each training message is read as the model reads it in use (model.pieces): a routine message
teaches that every one of its windows is routine; an urgent one teaches as a whole, since which
of its sentences carries the risk is not labelled. The threshold comes from five-fold
cross-validation on the training file: the highest that still flags NEEDED_RECALL of the
urgent training messages the lexicon misses (see the README for why not all of them).
"""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from triage.classifier import Classifier, fit, sigmoid
from triage.encoders import ENCODERS, Embed
from triage.labelled import Evaluation, Labelled, evaluate
from triage.model import pieces
from triage.rules import read_rules

FOLDS = 5
NEEDED_RECALL = 0.90
L2 = 0.3  # chosen by cross-validation on the training file (README)
URGENT_WEIGHT = 2.0


@dataclass(frozen=True)
class Embedded:
    rows: np.ndarray  # every window of every message, then the whole of long urgent messages
    owner: np.ndarray  # the message each row belongs to
    scored: np.ndarray  # whether the row is a window the model reads in use
    seconds_per_message: float


def embed_messages(messages: list[Labelled], embed: Embed) -> Embedded:
    texts, owner, scored = [], [], []
    for index, message in enumerate(messages):
        windows = pieces(message.text)
        if not windows:  # too few words for the model to read in use: it still learns from it
            texts.append(message.text)
            owner.append(index)
            scored.append(False)
        texts.extend(windows)
        owner.extend([index] * len(windows))
        scored.extend([True] * len(windows))
        if message.urgent and len(windows) > 1:  # taught whole: which window holds it is unknown
            texts.append(" ".join(message.text.split()))
            owner.append(index)
            scored.append(False)
    started = time.perf_counter()
    rows = np.vstack([embed(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    elapsed = (time.perf_counter() - started) / max(len(messages), 1)
    return Embedded(rows, np.array(owner), np.array(scored), elapsed)


def training_rows(
    embedded: Embedded, labels: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and targets for the messages in `chosen`: every window of a routine message, an
    urgent message whole."""
    label = labels[embedded.owner]
    whole = ~embedded.scored | (np.bincount(embedded.owner)[embedded.owner] == 1)
    keep = chosen[embedded.owner] & ((label == 0) | whole)
    return embedded.rows[keep], label[keep]


def message_scores(embedded: Embedded, weights: np.ndarray, bias: float) -> np.ndarray:
    """The highest window probability of each message, as the model reads it in use."""
    probabilities = sigmoid(embedded.rows @ weights + bias)
    scores = np.zeros(embedded.owner.max() + 1)
    np.maximum.at(scores, embedded.owner[embedded.scored], probabilities[embedded.scored])
    return scores


def cross_validated_scores(
    embedded: Embedded, labels: np.ndarray, *, l2: float = L2, urgent_weight: float = URGENT_WEIGHT
) -> np.ndarray:
    """Each message scored by a classifier trained on the other folds (stratified, fixed)."""
    n = len(labels)
    fold = np.zeros(n, dtype=int)
    for label in (0, 1):
        members = np.flatnonzero(labels == label)
        fold[members] = np.arange(len(members)) % FOLDS
    scores = np.zeros(n)
    for k in range(FOLDS):
        x, y = training_rows(embedded, labels, fold != k)
        weights, bias = fit(x, y, l2=l2, urgent_weight=urgent_weight)
        scores[fold == k] = message_scores(embedded, weights, bias)[fold == k]
    return scores


def choose_threshold(scores: np.ndarray, messages: list[Labelled]) -> float:
    needed = [
        score
        for score, message in zip(scores, messages, strict=True)
        if message.urgent and not read_rules(message.text).urgent
    ]
    return float(np.quantile(needed, 1 - NEEDED_RECALL)) if needed else 0.5


@dataclass(frozen=True)
class Trained:
    classifier: Classifier
    cross_validated: Evaluation  # lexicon or model on the training file
    seconds_per_message: float
    embed: Embed


def train(messages: list[Labelled], encoder_name: str, source: Path) -> Trained:
    embed = ENCODERS[encoder_name].load()
    embedded = embed_messages(messages, embed)
    labels = np.array([1 if message.urgent else 0 for message in messages])
    scores = cross_validated_scores(embedded, labels)
    threshold = choose_threshold(scores, messages)
    by_text = dict(zip((m.text for m in messages), scores, strict=True))
    cross_validated = evaluate(messages, combined(lambda text: by_text[text] >= threshold))
    every = np.ones(len(labels), dtype=bool)
    weights, bias = fit(*training_rows(embedded, labels, every), l2=L2, urgent_weight=URGENT_WEIGHT)
    classifier = Classifier(
        encoder=encoder_name,
        weights=weights,
        bias=bias,
        threshold=threshold,
        trained_on={
            "file": source.name,
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "messages": len(messages),
        },
    )
    return Trained(classifier, cross_validated, embedded.seconds_per_message, embed)


def combined(model_says: Callable[[str], bool]) -> Callable[[str], bool]:
    """Urgent when either reader says so, as triage.assess decides."""
    return lambda text: read_rules(text).urgent or model_says(text)


def held_out_reader(classifier: Classifier, embed: Embed) -> Callable[[str], bool]:
    def model_says(text: str) -> bool:
        parts = pieces(text)
        return bool(parts) and classifier.probabilities(embed(parts)).max() >= classifier.threshold

    return combined(model_says)
