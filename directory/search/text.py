"""Turning text into search words and terms, the same way for the directory and for a query.

A *word* is folded (no accents, no case) and split on anything that is not a letter or a digit,
apostrophes included, so "J’veux" gives "j" and "veux". A *term* is a stemmed word: French fields
are stemmed in French, English fields in English, and a query word both ways.
"""

import re
import sys
import unicodedata
from functools import lru_cache

import snowballstemmer

from directory.search.stop_words import STOP_WORDS

LONGEST_WORD = 40  # longer "words" are noise (pasted links, keyboard mashing)
# Accents left over once letters are decomposed are dropped; letters that do not decompose are
# spelled out.
UNACCENTED = dict.fromkeys(
    code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))
) | str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})
WORD = re.compile(r"[^\W_]+")
# "9-8-8" and "277-3553" are one number to the person typing "988".
DIGIT_JOINER = re.compile(r"(?<=\d)[-.‐‑](?=\d)")
# "P.A.E." and "C.L.S.C." are the acronyms "pae" and "clsc".
DOTTED_ACRONYM = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\.?(?!\w)")


def fold(text: str) -> str:
    """Lower case without accents: "Anxiété" -> "anxiete". Folding twice changes nothing."""
    if text.isascii():
        return text.lower()
    previous = None
    while text != previous:  # a second pass settles the rare characters whose fold decomposes
        previous = text
        text = unicodedata.normalize("NFKD", text.casefold()).translate(UNACCENTED)
    return text


def words(text: str) -> list[str]:
    """Every folded word of `text`, stop words included (crisis wording needs them)."""
    text = DOTTED_ACRONYM.sub(lambda acronym: acronym[0].replace(".", ""), fold(text))
    return WORD.findall(DIGIT_JOINER.sub("", text))


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
