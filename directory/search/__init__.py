"""Bilingual directory search: French and English, typos, no accents, Quebec usage.

text.py folds and stems words, synonyms.py expands them, triage (its own app) reads crisis wording,
workplace.py reads what the workplace's own EAP and union answer best, index.py builds the index,
vocabulary.py caches its words per process, query.py ranks.
"""

from directory.search.index import index_service, rebuild_index
from directory.search.query import SearchOutcome, search_services

__all__ = ["SearchOutcome", "index_service", "rebuild_index", "search_services"]
