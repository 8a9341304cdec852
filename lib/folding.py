"""Folded words: the one way Entraide reads what a person typed, for search and for triage.

A *word* is folded (no accents, no case) and split on anything that is not a letter or a digit,
apostrophes included, so "J’veux" gives "j" and "veux".
"""

import re
import sys
import unicodedata

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
