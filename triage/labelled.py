"""Labelled messages (triage/data/*.tsv) and how well triage reads them.

A labelled file is UTF-8 TSV with the header `label lang about kind text`: `label` is `urgent` or
`routine`, `lang` is `fr` or `en`, `about` is `self` or `other`, `kind` says what the message is
(wish_dead, ideation, method, intent, plan, behaviour, danger; idiom, past, negation, training,
grief, stress, other).
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data")
TRAINING_FILE = DATA / "train.tsv"
HELD_OUT_FILE = DATA / "held_out.tsv"  # never trained on
COLUMNS = ["label", "lang", "about", "kind", "text"]
LABELS = {"urgent", "routine"}


class LabelledFileError(ValueError):
    """A labelled file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Labelled:
    label: str
    lang: str
    about: str
    kind: str
    text: str

    @property
    def urgent(self) -> bool:
        return self.label == "urgent"


@dataclass
class Evaluation:
    urgent: int = 0
    routine: int = 0
    misses: list[Labelled] = field(default_factory=list)  # urgent, read as routine
    false_alarms: list[Labelled] = field(default_factory=list)  # routine, read as urgent

    @property
    def recall(self) -> float:
        return 1 - len(self.misses) / self.urgent if self.urgent else 1.0

    @property
    def specificity(self) -> float:
        return 1 - len(self.false_alarms) / self.routine if self.routine else 1.0

    def lines(self) -> list[str]:
        caught, kept = self.urgent - len(self.misses), self.routine - len(self.false_alarms)
        lines = [
            f"recall {self.recall:.1%} ({caught} of {self.urgent} urgent messages flagged)",
            f"specificity {self.specificity:.1%} ({kept} of {self.routine} routine messages "
            "left routine)",
            f"misses: {len(self.misses)}",
            *(f"  miss\t{m.lang}\t{m.about}\t{m.kind}\t{m.text}" for m in self.misses),
            f"false alarms: {len(self.false_alarms)}",
            *(f"  false alarm\t{m.lang}\t{m.about}\t{m.kind}\t{m.text}" for m in self.false_alarms),
        ]
        return lines


def read_labelled(path: Path) -> list[Labelled]:
    """The messages of a labelled file; LabelledFileError names the first bad line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:  # a BOM is allowed
            rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LabelledFileError(f"{path}: cannot be read ({error})") from error
    if not rows or rows[0] != COLUMNS:
        raise LabelledFileError(f"{path}: the first line must be: {' '.join(COLUMNS)}")
    messages = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(COLUMNS) or row[0] not in LABELS or not row[4].strip():
            raise LabelledFileError(
                f"{path}, line {number}: expected five tab-separated columns, the label "
                "urgent or routine and a text"
            )
        messages.append(Labelled(*row))
    if not messages:
        raise LabelledFileError(f"{path}: no labelled message after the first line")
    return messages


def evaluate(messages: list[Labelled], reads_urgent: Callable[[str], bool]) -> Evaluation:
    evaluation = Evaluation()
    for message in messages:
        flagged = reads_urgent(message.text)
        if message.urgent:
            evaluation.urgent += 1
            if not flagged:
                evaluation.misses.append(message)
        else:
            evaluation.routine += 1
            if flagged:
                evaluation.false_alarms.append(message)
    return evaluation
