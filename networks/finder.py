"""Finding a workplace's network by the names a worker knows it by: the network's, its union
local's or its employer's, typed on a phone, with typos, without accents, with "ste" for
"Sainte" or "hopital" for a "CHU".

Every name and the query are read the same way: folded words (directory.search.text), without
the little words, abbreviations spelled out ("ste" is "sainte") and long forms shortened to
their acronym ("centre hospitalier universitaire" is "chu"). A name also stands for what its
acronyms mean ("chu" is a hospital) and, for an English query, for its English words.

Each query word then matches a name's word exactly, as the start of a longer word (the person
stopped typing) or within a slip or two of it, the first letter kept. Words found in few
networks weigh more than words found in many ("Justine" says more than "syndicat"); a network
is listed when the weighted share of query words it matches is at least GOOD_ENOUGH.

Networks found only by their code are never candidates. All candidates are read on each search:
fine for thousands of networks; beyond, keep these words in an indexed table.
"""

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from lib.folding import fold, words
from networks.models import Network

MAX_RESULTS = 20
GOOD_ENOUGH = 0.5
LONGEST_QUERY = 12  # words; more is a pasted text, not a name
SHORTEST_PREFIX = 3
SHORTEST_TYPO = 4
TWO_SLIPS_FROM = 7
EXACT, PREFIX, TYPO = 1.0, 0.9, 0.8

# Not "chu" or "st": in a workplace's name they mean something. "es" is what "employé·es" leaves.
LITTLE_WORDS = frozenset(
    "a au aux d de des du en es et l la le les of the and for at inc ltee ltd".split()
)
ABBREVIATIONS = {
    "ste": "sainte",
    "st": "saint",
    "mt": "mont",
    "hop": "hopital",
    "hosp": "hopital",
    "cie": "compagnie",
    "assoc": "association",
    "sdt": "syndicat",
    "univ": "universite",
}
# Long forms (little words left out) and the acronym people use for them.
ACRONYMS = {
    "ciusss": "centre integre universitaire sante services sociaux",
    "cisss": "centre integre sante services sociaux",
    "chsld": "centre hebergement soins longue duree",
    "chu": "centre hospitalier universitaire",
    "ch": "centre hospitalier",
    "clsc": "centre local services communautaires",
    "cpe": "centre petite enfance",
    "css": "centre services scolaire",
    "cegep": "college enseignement general professionnel",
    "stm": "societe transport montreal",
    "saq": "societe alcools quebec",
    "scfp": "syndicat canadien fonction publique",
}
LONG_FORMS = sorted(
    ((tuple(long.split()), short) for short, long in ACRONYMS.items()),
    key=lambda pair: -len(pair[0]),
)
# What a name's word also stands for.
MEANS = {
    "chu": {"hopital", "ch"},
    "ch": {"hopital"},
    "hospitalier": {"hopital"},
    "hospital": {"hopital"},
    "ciusss": {"cisss"},
}
# A name's French words as an English query may give them. Only for English queries: in French
# "union" is not always a union local.
IN_ENGLISH = {
    "syndicat": {"union"},
    "hopital": {"hospital"},
    "ville": {"city"},
    "municipalite": {"municipality"},
    "ecole": {"school"},
    "universite": {"university"},
    "travailleurs": {"workers"},
    "travailleuses": {"workers"},
    "employes": {"employees"},
    "sante": {"health"},
    "entrepot": {"warehouse"},
    "centre": {"center"},
    "cols": {"collars"},
    "bleus": {"blue"},
    "blancs": {"white"},
}
EXTRA_MEANINGS = {"en": IN_ENGLISH}
DASHES = re.compile(r"[-‐‑–—_]")


def tokens(text: str) -> list[str]:
    """The words of `text` as the finder reads them, in order."""
    found = [ABBREVIATIONS.get(w, w) for w in words(DASHES.sub(" ", text))]
    found = [w for w in found if w not in LITTLE_WORDS and (len(w) > 1 or w.isdigit())]
    shortened, i = [], 0
    while i < len(found):
        for long, short in LONG_FORMS:
            if tuple(found[i : i + len(long)]) == long:
                shortened.append(short)
                i += len(long)
                break
        else:
            shortened.append(found[i])
            i += 1
    return shortened


@lru_cache(maxsize=100_000)
def name_words(name: str, language: str) -> frozenset[str]:
    """Every word a name can be found by, its meanings included."""
    found = set(tokens(name))
    extra = EXTRA_MEANINGS.get(language, {})
    for word in list(found):
        found |= MEANS.get(word, set())
    for word in list(found):
        found |= extra.get(word, set())
    return frozenset(found)


@dataclass(frozen=True)
class Candidate:
    pk: int
    names: tuple[str, ...]
    words: frozenset[str]


def candidates(language: str) -> list[Candidate]:
    rows = Network.objects.findable().values_list("pk", "name", "union__name", "employer__name")
    found = []
    for pk, *names in rows:
        names = tuple(name for name in names if name)
        known_by = frozenset().union(*(name_words(name, language) for name in names))
        found.append(Candidate(pk, names, known_by))
    return found


def slips_allowed(word: str) -> int:
    if len(word) < SHORTEST_TYPO or not word.isalpha():
        return 0
    return 2 if len(word) >= TWO_SLIPS_FROM else 1


def near_words(word: str, vocabulary: list[str]) -> dict[str, float]:
    """The vocabulary's words that `word` may stand for, with how sure that is."""
    near = {}
    slips = slips_allowed(word)
    if slips:
        same_start = [v for v in vocabulary if v[0] == word[0]]
        for match, _distance, _index in process.extract(
            word,
            same_start,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=slips,
            limit=None,
        ):
            near[match] = TYPO
    if len(word) >= SHORTEST_PREFIX:
        start = bisect.bisect_left(vocabulary, word)
        end = bisect.bisect_left(vocabulary, word + "\U0010ffff")
        near.update(dict.fromkeys(vocabulary[start:end], PREFIX))
    near[word] = EXACT
    return near


def closeness(folded_query: str, names: tuple[str, ...]) -> float:
    return max(fuzz.token_set_ratio(folded_query, fold(name)) for name in names)


def find_networks(text: str, language: str) -> list[Network]:
    """The findable networks whose names match `text`, best first, at most MAX_RESULTS."""
    query = list(dict.fromkeys(tokens(text)))[:LONGEST_QUERY]
    if not query:
        return []
    pool = candidates(language)
    if not pool:
        return []
    vocabulary = sorted(set().union(*(c.words for c in pool)))
    near = {word: near_words(word, vocabulary) for word in query}

    def match(word: str, candidate: Candidate) -> float:
        return max((near[word].get(v, 0.0) for v in candidate.words), default=0.0)

    matches = {c.pk: {w: match(w, c) for w in query} for c in pool}
    found_in = Counter(w for by_word in matches.values() for w, sure in by_word.items() if sure)
    weight = {w: math.log(1 + len(pool) / (1 + found_in[w])) for w in query}
    total = sum(weight.values())
    folded = fold(text)
    scores = {c: sum(weight[w] * sure for w, sure in matches[c.pk].items()) / total for c in pool}
    good = sorted((c for c in pool if scores[c] >= GOOD_ENOUGH), key=lambda c: -scores[c])
    # Among equal scores, the name closest to the whole query first (compared for a few only).
    ranked = sorted(
        good[: MAX_RESULTS * 5],
        key=lambda c: (-scores[c], -closeness(folded, c.names), c.names[0]),
    )
    best = [candidate.pk for candidate in ranked[:MAX_RESULTS]]
    networks = Network.objects.select_related("union", "employer", "region").in_bulk(best)
    return [networks[pk] for pk in best if pk in networks]
