"""Turning text into search words and terms, the same way for the directory and for a query.

Words are folded as in lib/folding.py. A *term* is a stemmed word: French fields
are stemmed in French, English fields in English, and a query word both ways.
"""

from functools import lru_cache

import snowballstemmer

from directory.search.stop_words import STOP_WORDS
from lib.folding import words

LONGEST_WORD = 40  # longer "words" are noise (pasted links, keyboard mashing)


def is_search_word(word: str) -> bool:
    return 2 <= len(word) <= LONGEST_WORD and word not in STOP_WORDS


def search_words(text: str) -> list[str]:
    """The folded words of `text` that carry meaning for a search."""
    return [word for word in words(text) if is_search_word(word)]


_FRENCH = snowballstemmer.stemmer("french")
_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem_fr(word: str) -> str:
    return _FRENCH.stemWord(word)


@lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    return _ENGLISH.stemWord(word)


STEMMERS = {"fr": stem_fr, "en": stem_en}


def stems(word: str) -> set[str]:
    """A query word's terms: stemmed in French and in English, since a query has no language."""
    return {stem_fr(word), stem_en(word)}
