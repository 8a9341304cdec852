"""The first reader: one message against the crisis lexicon (triage/lexicon.py).

Each sentence is read on its own: idioms are blanked, danger from another person is looked for
first, then the person's own risk. A rule that matches right after a negation ("je ne veux pas
mourir", "I would never kill myself") does not count, nor does anything inside its words. The
message gets the highest level found in any sentence.
"""

import re
from dataclasses import dataclass, field

from lib.folding import words
from triage.lexicon import (
    ABOUT_OTHER_MARK,
    ABOUT_SELF_MARK,
    CLAUSE_BREAKS,
    DANGER_RULES,
    FIRST_PERSON,
    IDIOMS,
    LEVELS,
    LONG_AGO,
    NEGATORS,
    NOT_NEGATIONS,
    OTHER_PEOPLE,
    SELF_RULES,
    SPELLINGS,
    STILL,
    THINGS_KILL_ME,
    URGENT_LEVELS,
    VICTIM_OTHER,
    VICTIM_SELF,
    WHEN,
    Rule,
)

SENTENCE_END = re.compile(r"[.!?;\n\r…]+")
BLANK = " ~ "  # keeps the words on either side of a blanked idiom from reading as one phrase
NEGATION_REACH = 4  # words before a rule's first word
PERSON_REACH = 6  # words before a danger rule in which "il", "my husband"... must appear
SUBJECT_PRONOUNS = FIRST_PERSON | {"il", "elle", "ils", "elles", "he", "she", "they", "we"}


@dataclass(frozen=True)
class Assessment:
    level: str = "none"
    urgent: bool = False
    about_other: bool = False  # reported speech: a colleague or someone else is at risk
    matched: list[str] = field(default_factory=list)  # rule names only, never the text

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "urgent": self.urgent,
            "about_other": self.about_other,
            "matched": list(self.matched),
        }


@dataclass(frozen=True)
class Finding:
    rule: str
    level: str
    about_other: bool
    start: int
    end: int


def read_rules(text: str) -> Assessment:
    """The crisis level of a message by the rules alone; never raises, whatever the text."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    findings = [
        finding for sentence in SENTENCE_END.split(text) for finding in _read_sentence(sentence)
    ]
    if not findings:
        return Assessment()
    rank = max(LEVELS.index(finding.level) for finding in findings)
    level = LEVELS[rank]
    top = [finding for finding in findings if finding.level == level]
    return Assessment(
        level=level,
        urgent=level in URGENT_LEVELS,
        about_other=level != "none" and all(finding.about_other for finding in top),
        matched=list(dict.fromkeys(finding.rule for finding in findings)),
    )


def phrase_of(sentence: str) -> str:
    """The sentence as folded words joined by spaces, glued spellings split, idioms blanked."""
    spelled = " ".join(SPELLINGS.get(word, word) for word in words(sentence))
    return IDIOMS.sub(BLANK, spelled)


def _read_sentence(sentence: str) -> list[Finding]:
    phrase = phrase_of(sentence)
    if not phrase.strip(" ~"):
        return []
    danger = _apply(DANGER_RULES, phrase)
    # What is left for the person's own risk: not the danger words, nor "ça va me tuer".
    own = phrase
    for finding in danger:
        own = own[: finding.start] + "~" * (finding.end - finding.start) + own[finding.end :]
    own = THINGS_KILL_ME.sub(lambda match: "~" * len(match.group()), own)
    findings = danger + _apply(SELF_RULES, own)
    return _with_time_context(findings, own)


def _apply(rules: tuple[Rule, ...], phrase: str) -> list[Finding]:
    found: list[Finding] = []
    negated: list[tuple[int, int]] = []
    for rule in rules:
        for match in rule.regex.finditer(phrase):
            if rule.needs_person and not _person_before(phrase, match.start()):
                continue
            if _negated(phrase, match.start()):
                negated.append(match.span())
                continue
            found.append(
                Finding(rule.name, rule.level, _about_other(rule, phrase, match), *match.span())
            )
    return [
        finding
        for finding in found
        if not any(start <= finding.start and finding.end <= end for start, end in negated)
    ]


def _with_time_context(findings: list[Finding], phrase: str) -> list[Finding]:
    """Intent with a date or time is a plan; what happened long ago is history, not urgent,
    unless the same sentence brings it back to now."""
    extra = [
        Finding("intent_with_date", "plan", finding.about_other, finding.start, finding.end)
        for finding in findings
        if finding.level == "intent" and WHEN.search(phrase)
    ]
    findings = findings + extra[:1]
    if findings and LONG_AGO.search(phrase) and not (WHEN.search(phrase) or STILL.search(phrase)):
        findings = [
            Finding(f.rule, "distress", f.about_other, f.start, f.end)
            if f.level in URGENT_LEVELS
            else f
            for f in findings
        ] + [Finding("long_ago", "none", False, 0, 0)]
    return findings


def _negated(phrase: str, start: int) -> bool:
    before = NOT_NEGATIONS.sub(" ", phrase[:start]).split()
    for word in reversed(before[-NEGATION_REACH:]):
        if word in NEGATORS:
            return True
        if word in CLAUSE_BREAKS or word in SUBJECT_PRONOUNS:
            return False
    return False


def _person_before(phrase: str, start: int) -> bool:
    return any(word in OTHER_PEOPLE for word in phrase[:start].split()[-PERSON_REACH:])


def _about_other(rule: Rule, phrase: str, match: re.Match) -> bool:
    said = match.group()
    if rule.kind == "danger":
        return not VICTIM_SELF.search(said) and VICTIM_OTHER.search(said) is not None
    if ABOUT_OTHER_MARK.search(said):
        return True
    if ABOUT_SELF_MARK.search(said):
        return False
    # The nearest subject, counting back from the last word of the match.
    for word in reversed(phrase[: match.end()].split()):
        if word in FIRST_PERSON:
            return False
        if word in OTHER_PEOPLE:
            return True
    return False
