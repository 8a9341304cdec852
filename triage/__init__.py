"""Bilingual crisis triage of what a person writes: `assess(text, topics) -> Assessment`.

Two readers: the rule lexicon (lexicon.py, rules.py) and a sentence model over a multilingual
encoder (model.py, classifier.json). This app imports nothing from the domain apps.
"""

from triage.assess import CRISIS_TOPICS, assess, search_reads_like_crisis
from triage.lexicon import LEVELS, URGENT_LEVELS
from triage.rules import Assessment

__all__ = [
    "CRISIS_TOPICS",
    "LEVELS",
    "URGENT_LEVELS",
    "Assessment",
    "assess",
    "search_reads_like_crisis",
]
