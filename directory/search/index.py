"""Building the search index: the vocabulary, one document per active service and its postings.

A posting's weight is the service's field-weighted frequency of one term: a word in the name
counts three times, in the keywords or a topic name twice, in the description once. French fields
are stemmed in French and English fields in English. Every change bumps SearchIndexState.version,
which tells every process that its cached vocabulary is stale.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Avg, Count, F

from directory.models import (
    Attribute,
    SearchDocument,
    SearchIndexState,
    SearchPosting,
    SearchWord,
    Service,
)
from directory.search.text import STEMMERS, search_words

NAME_WEIGHT = 3.0
KEYWORDS_WEIGHT = 2.0
TOPIC_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0
STATE_ID = 1
BATCH_SIZE = 2000
SERVICE_FIELDS = ["id", "status"] + [
    f"{field}_{language}" for field in ("name", "keywords", "description") for language in STEMMERS
]


def rebuild_index() -> None:
    """Index every active service from scratch."""
    topics = topic_names()
    with transaction.atomic():
        locked_state()
        SearchPosting.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        vocabulary: set[str] = set()
        documents, postings = [], []
        services = Service.objects.active().values(*SERVICE_FIELDS).order_by()
        for service in services.iterator(chunk_size=BATCH_SIZE):
            fields = weighted_fields(service, topics.get(service["id"], []))
            document, service_postings = index_entries(service["id"], fields, vocabulary)
            documents.append(document)
            postings.extend(service_postings)
            if len(postings) >= BATCH_SIZE * 10:
                SearchPosting.objects.bulk_create(postings, batch_size=BATCH_SIZE)
                postings = []
        SearchPosting.objects.bulk_create(postings, batch_size=BATCH_SIZE)
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
        SearchWord.objects.bulk_create(
            (SearchWord(word=word) for word in sorted(vocabulary)), batch_size=BATCH_SIZE
        )
        record_change()


def index_service(service: Service) -> None:
    """Index one service again after it changed (or drop it from the index if inactive).

    Words it no longer uses stay in the vocabulary until the next full rebuild; they can only
    suggest a correction that finds nothing.
    """
    with transaction.atomic():
        locked_state()
        SearchPosting.objects.filter(service_id=service.pk).delete()
        SearchDocument.objects.filter(service_id=service.pk).delete()
        row = Service.objects.filter(pk=service.pk).values(*SERVICE_FIELDS).first()
        if row and row["status"] == Service.Status.ACTIVE:
            vocabulary: set[str] = set()
            topics = topic_names(service_id=service.pk).get(service.pk, [])
            document, postings = index_entries(service.pk, weighted_fields(row, topics), vocabulary)
            document.save(force_insert=True)
            SearchPosting.objects.bulk_create(postings, batch_size=BATCH_SIZE)
            SearchWord.objects.bulk_create(
                [SearchWord(word=word) for word in vocabulary], ignore_conflicts=True
            )
        record_change()


def topic_names(**filters: object) -> dict[object, list[tuple[str, str]]]:
    """Each service's topic names as (French, English) pairs, from one query."""
    names = defaultdict(list)
    rows = Attribute.objects.filter(**filters).values_list(
        "service_id", "taxonomy_term__name_fr", "taxonomy_term__name_en"
    )
    for service_id, name_fr, name_en in rows:
        names[service_id].append((name_fr, name_en))
    return names


def weighted_fields(service: dict, topics: list[tuple[str, str]]) -> Iterator[tuple]:
    """(text, language, weight) for every indexed text of a service."""
    for language in STEMMERS:
        yield service[f"name_{language}"], language, NAME_WEIGHT
        yield service[f"keywords_{language}"], language, KEYWORDS_WEIGHT
        yield service[f"description_{language}"], language, DESCRIPTION_WEIGHT
    for name_fr, name_en in topics:
        yield name_fr, "fr", TOPIC_WEIGHT
        yield name_en, "en", TOPIC_WEIGHT


def index_entries(
    service_id: object, fields: Iterable[tuple], vocabulary: set[str]
) -> tuple[SearchDocument, list[SearchPosting]]:
    """The document and postings of one service; adds its words to `vocabulary`."""
    weights: Counter[str] = Counter()
    length = 0.0
    for text, language, weight in fields:
        stem = STEMMERS[language]
        for word in search_words(text or ""):
            vocabulary.add(word)
            weights[stem(word)] += weight
            length += weight
    document = SearchDocument(service_id=service_id, length=length)
    postings = [
        SearchPosting(term=term, service_id=service_id, weight=weight, length=length)
        for term, weight in weights.items()
    ]
    return document, postings


def index_state() -> SearchIndexState:
    state, _ = SearchIndexState.objects.get_or_create(pk=STATE_ID)
    return state


def locked_state() -> SearchIndexState:
    """The state row, locked until the transaction ends so index changes happen one at a time
    (PostgreSQL; SQLite already lets one writer in at a time)."""
    index_state()
    return SearchIndexState.objects.select_for_update().get(pk=STATE_ID)


def record_change() -> None:
    totals = SearchDocument.objects.aggregate(count=Count("pk"), average=Avg("length"))
    SearchIndexState.objects.filter(pk=STATE_ID).update(
        version=F("version") + 1,
        document_count=totals["count"],
        average_length=totals["average"] or 0.0,
    )
