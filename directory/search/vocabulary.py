"""The index vocabulary, cached in each process and reloaded whenever the index changed.

The cache is keyed by the index state (its version above all), which every search reads anyway,
so several processes and servers each notice a change made by another one.
"""

import bisect
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from directory.models import SearchIndexState, SearchWord
from directory.search.synonyms import TYPED_WORDS

SHORTEST_TYPO = 4  # "pu", "gai" or "ado" are words, not typos
TWO_SLIPS_FROM = 7  # letters from which a word may hold two slips (one before)
SHORTEST_PREFIX = 3
COMPLETIONS = 10


@dataclass(frozen=True)
class Vocabulary:
    key: tuple
    words: list[str]  # sorted, for completion
    known: frozenset[str]  # the directory's words and the synonym table's typed words
    targets: dict[str, list[str]]  # what a typo may be corrected to, by first letter

    def correction(self, word: str) -> str | None:
        """The known word `word` was most likely meant to be, if it is a typo of one.

        A typo is one slip (a letter missing, added, changed, or two letters swapped), two in a
        long word, never in the first letter: people seldom miss it, and "kill" is not "ill".
        """
        if len(word) < SHORTEST_TYPO or not word.isalpha() or word in self.known:
            return None
        slips = 2 if len(word) >= TWO_SLIPS_FROM else 1
        candidates = process.extract(
            word,
            self.targets.get(word[0], []),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=slips,
            limit=None,
        )
        if not candidates:
            return None
        closest = min(
            candidates, key=lambda match: (match[1], -fuzz.ratio(word, match[0]), match[0])
        )
        return closest[0]

    def completions(self, prefix: str) -> list[str]:
        """The shortest directory words that start with `prefix` (the word being typed)."""
        if len(prefix) < SHORTEST_PREFIX:
            return []
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        found = [word for word in self.words[start:end] if word != prefix]
        return sorted(found, key=lambda word: (len(word), word))[:COMPLETIONS]


_cached: Vocabulary | None = None
_lock = threading.Lock()


def state_key(state: SearchIndexState) -> tuple:
    # The counts guard against a version seen before with other contents (a database restored
    # from a backup, or the test database rolled back between tests).
    return (state.version, state.document_count, state.average_length)


def vocabulary(state: SearchIndexState) -> Vocabulary:
    global _cached
    key = state_key(state)
    cached = _cached
    if cached is not None and cached.key == key:
        return cached
    with _lock:
        if _cached is None or _cached.key != key:
            words = sorted(SearchWord.objects.values_list("word", flat=True))
            known = frozenset(words) | TYPED_WORDS
            _cached = Vocabulary(key, words, known, by_first_letter(known))
        return _cached


def by_first_letter(known: frozenset[str]) -> dict[str, list[str]]:
    targets: dict[str, list[str]] = {}
    for word in sorted(known):
        targets.setdefault(word[0], []).append(word)
    return targets


def forget() -> None:
    """Drop the cached vocabulary (tests that rebuild the index with the same counts)."""
    global _cached
    _cached = None
