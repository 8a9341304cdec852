"""Answering a search: words to weighted terms, typo corrections, BM25 ranking, crisis pins.

A search reads the index state, the document frequencies of its terms (twice when a typo was
corrected), the matching postings with their document lengths, and the crisis lines when the
words read like a crisis: a handful of queries whatever the size of the directory.
"""

import math
import uuid
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, FloatField, QuerySet, Sum, Value, When

from directory.models import SearchIndexState, SearchPosting, Service
from directory.search.index import STATE_ID
from directory.search.synonyms import SETTING_WORDS, synonyms
from directory.search.text import is_search_word, search_words, stems
from directory.search.vocabulary import Vocabulary, vocabulary
from directory.search.workplace import reads_like_workplace
from lib.folding import words
from triage import search_reads_like_crisis

K1 = 1.2
B = 0.75
# How much a term counts, by where it came from.
TYPED = 1.0
SYNONYM = 0.6
COMPLETION = 0.5
SETTING = 0.5  # times the weight of a word that says who or where (SETTING_WORDS)
MOST_WORDS = 20  # a pasted paragraph is not a search


@dataclass
class SearchOutcome:
    service_ids: list[uuid.UUID]  # best first; crisis lines pinned first when crisis is True
    crisis: bool = False  # the query reads like a suicidal/danger crisis
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> corrected word
    # The query reads like the EAP, the union, the employer, money or burnout: the workplace's
    # own resources (on its network's page) may help best.
    workplace: bool = False


def search_services(query: str, *, candidates: QuerySet[Service] | None = None) -> SearchOutcome:
    """Active services matching `query` (within `candidates` if given), best first."""
    services = Service.objects.all() if candidates is None else candidates
    services = services.filter(status=Service.Status.ACTIVE)
    crisis = search_reads_like_crisis(query)
    workplace = reads_like_workplace(query)
    pinned = crisis_lines(services) if crisis else []
    typed = list(dict.fromkeys(search_words(query)))[:MOST_WORDS]
    state = SearchIndexState.objects.filter(pk=STATE_ID).first()
    if not typed or state is None or not state.document_count:
        return SearchOutcome(pinned, crisis, workplace=workplace)
    known_words = vocabulary(state)
    being_typed = last_word_being_typed(query)
    completions = known_words.completions(being_typed) if being_typed else []
    terms = weighted_terms(typed, TYPED)
    add_terms(terms, weighted_terms(completions, COMPLETION, with_synonyms=False))
    frequencies = document_frequencies(terms)
    unfinished = being_typed if completions else None
    corrections = typo_corrections(typed, frequencies, known_words, unfinished=unfinished)
    if corrections:
        corrected = " ".join(corrections.get(word, word) for word in words(query))
        workplace = workplace or reads_like_workplace(corrected)
        more = weighted_terms(list(corrections.values()), TYPED)
        frequencies |= document_frequencies({t: w for t, w in more.items() if t not in terms})
        add_terms(terms, more)
    ranked = bm25_ranking(terms, frequencies, state)
    if candidates is not None:
        allowed = set(services.values_list("pk", flat=True))
        ranked = [service_id for service_id in ranked if service_id in allowed]
    pinned_set = set(pinned)
    ranked = pinned + [i for i in ranked if i not in pinned_set]
    return SearchOutcome(ranked, crisis, corrections, workplace)


def crisis_lines(services: QuerySet[Service]) -> list[uuid.UUID]:
    lines = services.filter(crisis_rank__isnull=False).order_by("crisis_rank", "name_fr")
    return list(dict.fromkeys(lines.values_list("pk", flat=True)))


def last_word_being_typed(query: str) -> str | None:
    """The query's last word, which may be unfinished, unless it is a stop word."""
    every_word = words(query)
    if every_word and is_search_word(every_word[-1]) and every_word[-1].isalpha():
        return every_word[-1]
    return None


def weighted_terms(
    typed: list[str], weight: float, *, with_synonyms: bool = True
) -> dict[str, float]:
    """Each word's stems at `weight` (less for a word that says who or where), and the stems of
    its synonyms at a lower weight."""
    terms: dict[str, float] = {}
    for word in typed:
        word_weight = weight * SETTING if word in SETTING_WORDS else weight
        if with_synonyms:
            for synonym in synonyms(word):
                add_terms(terms, dict.fromkeys(stems(synonym), word_weight * SYNONYM))
        add_terms(terms, dict.fromkeys(stems(word), word_weight))
    return terms


def add_terms(terms: dict[str, float], more: dict[str, float]) -> None:
    for term, weight in more.items():
        terms[term] = max(weight, terms.get(term, 0.0))


def document_frequencies(terms: dict[str, float]) -> dict[str, int]:
    """How many indexed services hold each term (terms held by none are left out)."""
    if not terms:
        return {}
    rows = (
        SearchPosting.objects.filter(term__in=list(terms))
        .values("term")
        .annotate(services=Count("pk"))
        .values_list("term", "services")
        .order_by()
    )
    return dict(rows)


def typo_corrections(
    typed: list[str],
    frequencies: dict[str, int],
    known_words: Vocabulary,
    *,
    unfinished: str | None,
) -> dict[str, str]:
    """Typed words found nowhere in the index, mapped to the known word they look like.

    The `unfinished` word being typed is completed instead ("frap" is "frappe" unfinished).
    """
    corrections = {}
    for word in typed:
        if word == unfinished or stems(word) & frequencies.keys():
            continue
        corrected = known_words.correction(word)
        if corrected:
            corrections[word] = corrected
    return corrections


def bm25_ranking(
    terms: dict[str, float], frequencies: dict[str, int], state: SearchIndexState
) -> list[uuid.UUID]:
    """Active services holding at least one term, by Okapi BM25 score, summed by the database
    so that only one row per service comes back. (A join on the service, not a subquery of
    candidates: SQLite would then walk every service instead of the term index.)"""
    count = state.document_count
    average_length = state.average_length or 1.0
    coefficients = [
        When(
            term=term,
            then=Value(terms[term] * math.log(1 + (count - held + 0.5) / (held + 0.5)) * (K1 + 1)),
        )
        for term, held in frequencies.items()
    ]
    if not coefficients:
        return []
    coefficient = Case(*coefficients, default=Value(0.0), output_field=FloatField())
    norm = Value(K1 * (1 - B)) + Value(K1 * B / average_length) * F("length")
    score = Sum(coefficient * F("weight") / (F("weight") + norm), output_field=FloatField())
    rows = (
        SearchPosting.objects.filter(
            term__in=list(frequencies), service__status=Service.Status.ACTIVE
        )
        .values("service_id")
        .annotate(score=score)
        .order_by("-score", "service_id")
        .values_list("service_id", flat=True)
    )
    return list(rows)
