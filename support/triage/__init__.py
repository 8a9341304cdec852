"""Bilingual crisis triage of what a person writes: `assess(text) -> Assessment`."""

from support.triage.assess import Assessment, assess
from support.triage.lexicon import LEVELS, URGENT_LEVELS

__all__ = ["LEVELS", "URGENT_LEVELS", "Assessment", "assess"]
