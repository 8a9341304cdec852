"""The limits of confidentiality are stated truthfully wherever confidentiality is promised: a
life in immediate danger, serious harm to someone else, and a child whose security may be
compromised (the Youth Protection Act obliges every person to report to the DPJ)."""

import pytest
from django.test import Client
from django.utils.html import strip_tags

from public.pages import PAGES

pytestmark = pytest.mark.django_db

LIMITS = {
    "fr": [
        "Votre vie est en danger immédiat",
        "Une autre personne pourrait subir un tort grave",
        "Un enfant n'est peut-être pas en sécurité",
        "Loi sur la protection de la jeunesse (article 39)",
        "Direction de la protection de la jeunesse (DPJ)",
        "ne transmet que ce qui est nécessaire",
        "vous en parle d'abord",
        "En dehors de ces trois limites, rien de ce que vous dites ne sort de la conversation",
    ],
    "en": [
        "Your life is in immediate danger",
        "Someone else could be seriously harmed",
        "A child may not be safe",
        "Youth Protection Act (section 39)",
        "Director of Youth Protection (DPJ)",
        "shares only what is needed",
        "tells you first",
        "Outside these three limits, nothing you say leaves your peer helper",
    ],
}
ONE_EXCEPTION = ["one exception", "only exception", "seule exception", "une exception", "one limit"]


def text_of(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_confidentiality_page_names_the_three_limits_and_what_the_helper_does(
    client: Client, language: str
) -> None:
    text = text_of(client, f"/{language}/about/confidentiality/")
    for sentence in LIMITS[language]:
        assert sentence in text
    html = client.get(f"/{language}/about/confidentiality/").content.decode()
    for link in ('href="tel:911"', 'href="tel:811"', 'href="tel:+18662773553"'):
        assert link in html


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page", ["", *(f"about/{slug}/" for slug in PAGES)])
def test_no_public_page_promises_a_single_exception(
    client: Client, language: str, page: str
) -> None:
    text = text_of(client, f"/{language}/{page}").lower()
    assert not [words for words in ONE_EXCEPTION if words in text]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_faq_answer_on_confidentiality_names_its_limits(client: Client, language: str) -> None:
    text = text_of(client, f"/{language}/about/faq/")
    assert "DPJ" in text
    assert ("trois limites" if language == "fr" else "three limits") in text
