import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape, strip_tags

from public.pages import PAGES

LANGUAGES = ["fr", "en"]
# A few very common words that only one of the two languages uses.
OWN_WORDS = {"fr": {"les", "des", "une"}, "en": {"the", "and", "you"}}

pytestmark = pytest.mark.django_db


def get_page(client: Client, language: str, slug: str) -> str:
    response = client.get(f"/{language}/about/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def fragment_of(page: str) -> str:
    """The part of the page written in templates/public/pages/: between the h1 and the menu."""
    assert "</h1>" in page and '<nav class="card"' in page
    return page.split("</h1>", 1)[1].split('<nav class="card"', 1)[0]


def words_of(fragment: str) -> set[str]:
    return set(re.findall(r"[a-zà-ÿ]+", strip_tags(fragment).lower()))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_each_page_answers_in_its_language_with_its_title(
    client: Client, slug: str, language: str
) -> None:
    page = get_page(client, language, slug)
    with translation.override(language):
        title = escape(str(PAGES[slug]))
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_each_page_has_a_substantial_plain_body(client: Client, slug: str, language: str) -> None:
    fragment = fragment_of(get_page(client, language, slug))
    text = " ".join(strip_tags(fragment).split())
    assert len(text) > 1500
    assert "<h2>" in fragment
    assert "<h1" not in fragment
    for forbidden in ("style=", "<script", "http://", "https://"):
        assert forbidden not in fragment.lower()


@pytest.mark.parametrize("slug", PAGES)
def test_the_french_page_is_written_in_french_and_the_english_page_in_english(
    client: Client, slug: str
) -> None:
    french = words_of(fragment_of(get_page(client, "fr", slug)))
    english = words_of(fragment_of(get_page(client, "en", slug)))
    assert OWN_WORDS["fr"] <= french and not OWN_WORDS["en"] & french
    assert OWN_WORDS["en"] <= english and not OWN_WORDS["fr"] & english


@pytest.mark.parametrize("language", LANGUAGES)
def test_starting_a_network_lists_the_six_steps_in_order(client: Client, language: str) -> None:
    fragment = fragment_of(get_page(client, language, "start-a-network"))
    steps = fragment.split('<ol class="steps">', 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") == 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_faq_puts_each_of_its_fourteen_questions_in_a_summary(
    client: Client, language: str
) -> None:
    fragment = fragment_of(get_page(client, language, "faq"))
    summaries = re.findall(r"<summary>(.*?)</summary>", fragment)
    assert fragment.count("<details>") == len(summaries) == 14
    assert all(summary.strip().endswith("?") for summary in summaries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_confidentiality_page_links_911_as_a_phone_number(
    client: Client, language: str
) -> None:
    fragment = fragment_of(get_page(client, language, "confidentiality"))
    assert '<a href="tel:911">911</a>' in fragment


def test_an_unknown_page_is_not_found(client: Client) -> None:
    assert client.get("/fr/about/nowhere/").status_code == 404
