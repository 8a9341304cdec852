"""The directory search engine, through the search page and through search_services()."""

import datetime
import html
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import (
    Attribute,
    Organization,
    SearchDocument,
    SearchIndexState,
    SearchPosting,
    SearchWord,
    Service,
    TaxonomyTerm,
)
from directory.search import index_service, rebuild_index, search_services
from directory.search import vocabulary as vocabulary_cache

pytestmark = pytest.mark.django_db

SUICIDE_LINE = "Ligne québécoise de prévention du suicide (1 866 APPELLE)"
DOMESTIC_VIOLENCE_LINE = "SOS violence conjugale"
GAMBLING_LINE = "Jeu : aide et référence"
CNESST = "CNESST (normes, équité, santé et sécurité du travail)"


@pytest.fixture(autouse=True)
def fresh_vocabulary_cache() -> Iterator[None]:
    # Each test's database is rolled back, so an index version can come back with other words.
    vocabulary_cache.forget()
    yield
    vocabulary_cache.forget()


def first_results(query: str, language: str = "fr") -> list[str]:
    response = Client().post(f"/{language}/directory/", {"q": query})
    assert response.status_code == 200
    results = re.search(r'<ul class="results".*?</ul>', response.content.decode(), re.S)
    assert results, f"no result for {query!r}"
    return [html.unescape(name) for name in re.findall(r"<h3><a [^>]*>([^<]+)</a>", results[0])]


def names(service_ids: list) -> list[str]:
    by_id = Service.objects.in_bulk(service_ids)
    return [by_id[service_id].name_fr for service_id in service_ids]


def crisis_line_names() -> list[str]:
    lines = Service.objects.filter(crisis_rank__isnull=False).order_by("crisis_rank")
    return [line.name_fr for line in lines]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("mon chum me frappe", DOMESTIC_VIOLENCE_LINE),
        ("jeu compulsif", GAMBLING_LINE),
        ("idees suicidaire", SUICIDE_LINE),
        ("gamling", GAMBLING_LINE),
        ("j'veux pu vivre", SUICIDE_LINE),
        ("my husband hits me", DOMESTIC_VIOLENCE_LINE),
        ("drinking problem", "Drogue : aide et référence"),
        ("suicidal thoughts", SUICIDE_LINE),
        ("kill myself", SUICIDE_LINE),
        ("gay", "Interligne"),
        ("anxiete", "Info-Santé et Info-Social 811"),
        ("deuil", "Info-Santé et Info-Social 811"),
        ("deuil après un suicide", SUICIDE_LINE),
        # Issue 9: searches that found nothing, or the wrong line.
        ("mon boss me harcele", CNESST),
        ("deuil de ma mère", "Info-Santé et Info-Social 811"),
        ("ma blonde est morte", "Info-Santé et Info-Social 811"),
        ("je suis en burn out", "Info-Santé et Info-Social 811"),
        ("dettes", "Info-Santé et Info-Social 811"),
        ("CNESST", CNESST),
        ("CSST", CNESST),
    ],
)
def test_the_search_page_lists_the_right_service_first(
    reference_data: None, query: str, expected: str
) -> None:
    assert first_results(query)[0] == expected


def test_the_english_page_finds_the_gambling_line_for_a_typo(reference_data: None) -> None:
    assert first_results("gamling", "en")[0] == "Gambling Help and Referral"


def test_the_page_names_the_corrected_word(reference_data: None) -> None:
    page = Client().post("/en/directory/", {"q": "gamling"}).content.decode()
    assert "Results also include:" in page and "gambling" in page


@pytest.mark.parametrize(
    "query", ["idees suicidaire", "j'veux pu vivre", "suicidal thoughts", "kill myself"]
)
def test_crisis_wording_pins_the_crisis_lines_first_in_their_order(
    reference_data: None, query: str
) -> None:
    outcome = search_services(query)
    assert outcome.crisis
    pinned = crisis_line_names()
    assert len(pinned) == 3
    assert names(outcome.service_ids)[:3] == pinned


def test_crisis_wording_shows_the_crisis_message_on_the_page(reference_data: None) -> None:
    page = Client().post("/en/directory/", {"q": "I want to die"}).content.decode()
    assert "If you are thinking of suicide or are in danger" in page


@pytest.mark.parametrize("query", ["ce projet me tue", "I'm dying to see it", "mort de rire"])
def test_idioms_are_not_a_crisis(reference_data: None, query: str) -> None:
    assert not search_services(query).crisis


def test_an_idiom_does_not_pin_the_crisis_lines(reference_data: None) -> None:
    assert search_services("ce projet me tue").service_ids == []


@pytest.mark.parametrize("query", ["mon chum me frappe", "my husband hits me", "jeu compulsif"])
def test_help_searches_that_are_not_a_crisis_do_not_pin_crisis_lines(
    reference_data: None, query: str
) -> None:
    outcome = search_services(query)
    assert not outcome.crisis
    assert names(outcome.service_ids)[0] not in crisis_line_names()


def test_it_corrects_a_typo_against_the_directory_words(reference_data: None) -> None:
    outcome = search_services("gamling")
    assert outcome.corrections == {"gamling": "gambling"}
    assert names(outcome.service_ids) == [GAMBLING_LINE]


@pytest.mark.parametrize("query", ["mon chum", "mari", "conjugal", "frapper", "jeux", "kill"])
def test_words_it_knows_are_not_corrected(reference_data: None, query: str) -> None:
    assert search_services(query).corrections == {}


def test_it_finds_services_without_accents_and_with_accents_alike(reference_data: None) -> None:
    assert search_services("harcelement").service_ids == search_services("HARCÈLEMENT").service_ids


@pytest.mark.parametrize(
    "query, expected",
    [
        ("mon chum me frap", DOMESTIC_VIOLENCE_LINE),
        ("gambl", GAMBLING_LINE),
        ("interl", "Interligne"),
    ],
)
def test_it_completes_the_word_being_typed(reference_data: None, query: str, expected: str) -> None:
    outcome = search_services(query)
    assert names(outcome.service_ids)[0] == expected
    assert outcome.corrections == {}


def test_it_returns_only_services_matching_a_word(reference_data: None) -> None:
    assert names(search_services("jeu compulsif").service_ids) == [GAMBLING_LINE]


@pytest.mark.parametrize("query", ["", "   ", "!!!", "?? ... --", "le la les de", "zzxqv wwkkp"])
def test_empty_or_meaningless_queries_find_nothing(reference_data: None, query: str) -> None:
    outcome = search_services(query)
    assert outcome.service_ids == [] and not outcome.crisis and outcome.corrections == {}


def test_topic_names_are_searched(reference_data: None) -> None:
    # "deuil" is only in the suicide line's topics, not in its own text.
    line = Service.objects.get(name_fr=SUICIDE_LINE)
    own_text = " ".join([line.name_fr, line.description_fr, line.keywords_fr]).lower()
    assert "deuil" not in own_text
    assert SUICIDE_LINE in names(search_services("deuil").service_ids)


def test_candidates_restrict_the_results(reference_data: None) -> None:
    youth = Service.objects.filter(topics__code="youth")
    outcome = search_services("ado", candidates=youth)
    assert outcome.service_ids
    assert set(outcome.service_ids) <= set(youth.values_list("id", flat=True))
    assert "LigneParents" in names(search_services("ado").service_ids)


def test_crisis_lines_outside_the_candidates_are_not_pinned(reference_data: None) -> None:
    gambling = Service.objects.filter(topics__code="gambling")
    outcome = search_services("suicide", candidates=gambling)
    assert outcome.crisis and outcome.service_ids == []


def test_a_service_made_inactive_is_never_returned(reference_data: None) -> None:
    Service.objects.filter(name_fr=GAMBLING_LINE).update(status=Service.Status.INACTIVE)
    assert search_services("jeu compulsif").service_ids == []  # even before it is reindexed
    index_service(Service.objects.get(name_fr=GAMBLING_LINE))
    gambling = Service.objects.get(name_fr=GAMBLING_LINE)
    assert not SearchPosting.objects.filter(service=gambling).exists()
    assert not SearchDocument.objects.filter(service=gambling).exists()


def test_rebuild_index_leaves_inactive_services_out(reference_data: None) -> None:
    Service.objects.filter(name_fr=GAMBLING_LINE).update(status=Service.Status.DEFUNCT)
    rebuild_index()
    state = SearchIndexState.objects.get()
    assert state.document_count == Service.objects.active().count() == 22
    assert not SearchPosting.objects.filter(service__name_fr=GAMBLING_LINE).exists()


def test_rebuild_index_records_the_counts_and_bumps_the_version(reference_data: None) -> None:
    before = SearchIndexState.objects.get()
    rebuild_index()
    after = SearchIndexState.objects.get()
    assert after.version == before.version + 1
    assert after.document_count == 23
    lengths = list(SearchDocument.objects.values_list("length", flat=True))
    assert after.average_length == pytest.approx(sum(lengths) / len(lengths))
    assert SearchWord.objects.filter(word="chum").exists()
    assert not SearchWord.objects.filter(word="le").exists()  # stop words stay out


def test_index_service_makes_new_words_findable_at_once(reference_data: None) -> None:
    assert search_services("kiosque").service_ids == []  # also caches the vocabulary
    version = SearchIndexState.objects.get().version
    Service.objects.filter(name_fr="Tel-Aide").update(keywords_fr="kiosque")  # no signal
    line = Service.objects.get(name_fr="Tel-Aide")
    index_service(line)
    assert SearchIndexState.objects.get().version == version + 1
    assert names(search_services("kiosque").service_ids) == ["Tel-Aide"]
    outcome = search_services("kiosqeu")  # the cached vocabulary was reloaded
    assert outcome.corrections == {"kiosqeu": "kiosque"}


def make_service(name: str, description: str, keywords: str = "") -> Service:
    """A service whose words are all in its French fields."""
    organization = Organization.objects.create(
        name_fr=name, name_en="Organization", description_fr="", description_en="",
        verified_on=datetime.date(2025, 1, 1),
    )  # fmt: skip
    return Service.objects.create(
        organization=organization, name_fr=name, name_en="Service",
        description_fr=description, description_en="A service.", keywords_fr=keywords,
        verified_on=datetime.date(2025, 1, 1),
    )  # fmt: skip


def test_a_word_in_the_name_outranks_the_same_word_in_a_description(db: None) -> None:
    described = make_service("Centre Alpha", "Un centre pour la randonnee et le plein air.")
    keyworded = make_service("Centre Beta", "Un centre communautaire.", keywords="randonnee")
    named = make_service("Randonnee Gamma", "Un centre communautaire.")
    rebuild_index()
    ranked = search_services("randonnée").service_ids
    assert ranked == [named.id, keyworded.id, described.id]


def test_a_topic_name_outranks_the_description(db: None) -> None:
    described = make_service("Centre Alpha", "Du soutien aux proches aidants.")
    with_topic = make_service("Centre Beta", "Un centre communautaire.")
    term = TaxonomyTerm.objects.create(
        code="caregivers", name_fr="Proches aidants", name_en="Caregivers",
        description_fr="", description_en="",
    )  # fmt: skip
    Attribute.objects.create(service=with_topic, taxonomy_term=term)
    rebuild_index()
    assert search_services("aidants").service_ids == [with_topic.id, described.id]


def test_a_search_takes_a_handful_of_queries_whatever_the_directory_size(
    reference_data: None, django_assert_max_num_queries
) -> None:
    for i in range(40):
        make_service(f"Groupe {i}", "Soutien pour le jeu compulsif et les dettes.")
    rebuild_index()
    search_services("gamling")  # loads the vocabulary once
    with django_assert_max_num_queries(4):
        assert len(search_services("gamling").service_ids) == 41
    with django_assert_max_num_queries(5):
        assert search_services("idees suicidaire").crisis


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=80))
def test_any_text_can_be_searched(reference_data: None, query: str) -> None:
    outcome = search_services(query)
    assert len(outcome.service_ids) == len(set(outcome.service_ids))
    assert all(len(typed) >= 4 for typed in outcome.corrections)
