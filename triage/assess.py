"""What is a crisis: the one decision, for a request, every later message and a directory search.

The lexicon reads first; it is precise and names the rule it matched. If it finds no urgent
level, a crisis topic ticked by the person makes the request urgent, and then the sentence model
may: it catches the ways of saying it that no rule lists. Either reader is enough; neither ever
blocks a message.
"""

import re
from collections.abc import Iterable

from lib.folding import words
from triage import model
from triage.lexicon import CRISIS_SUBJECTS
from triage.rules import Assessment, phrase_of, read_rules

# Topics of the request form that make a request urgent, exactly as crisis words do.
CRISIS_TOPICS = frozenset({"crisis-suicide", "emergency"})
TOPIC_LEVEL = "crisis_topic"  # the person ticked a crisis topic
MODEL_LEVEL = "model"  # the model reads a risk that no rule names
# Searches the ranking answers better than the crisis lines: the violence lines for violence
# and threats, poison control for pills swallowed.
RANKED_NOT_PINNED = frozenset(
    {"violence", "domestic_violence", "threats", "took_pills", "method_overdose"}
)
# A search that names suicide pins the suicide lines, even "mon frère s'est suicidé".
SUICIDE_NAMED = re.compile(r"\bsuicid\w*")


def assess(text: str, topics: Iterable[str] = ()) -> Assessment:
    """The crisis level of a message, with the codes of the topics the person ticked."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    by_rules = read_rules(text)
    if by_rules.urgent:
        return by_rules
    if CRISIS_TOPICS.intersection(topics):
        return Assessment(TOPIC_LEVEL, True, False, [*by_rules.matched, TOPIC_LEVEL])
    if text.strip() and model.reads_urgent(text):
        return Assessment(MODEL_LEVEL, True, False, [*by_rules.matched, MODEL_LEVEL])
    return by_rules


def search_reads_like_crisis(query: str) -> bool:
    """Whether a directory search should show the crisis lines first: the query names a crisis
    ("suicide", "self-harm", "en danger") or the lexicon reads one. The model is not asked: it
    learnt from messages written to a helper, and a search is a few words ("deuil", "ça me tue")
    that it reads badly. Violence without a threat to life ("mon chum me frappe") is left to the
    ranking (RANKED_NOT_PINNED)."""
    if SUICIDE_NAMED.search(" ".join(words(query))) or CRISIS_SUBJECTS.search(phrase_of(query)):
        return True
    assessment = read_rules(query)
    return assessment.urgent and not set(assessment.matched) <= RANKED_NOT_PINNED
