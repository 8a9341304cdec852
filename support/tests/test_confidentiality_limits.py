"""The limits of confidentiality where help happens: a scannable box for the helper's conversation
page, and one or two sentences for the request form and the person's conversation."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

HELPER = "support/helper/_limits.html"
PUBLIC = "support/public/_limits.html"


def rendered(template: str, language: str) -> tuple[str, str]:
    """The partial's HTML and its text with whitespace collapsed."""
    with translation.override(language):
        html = render_to_string(template)
    return html, " ".join(strip_tags(html).split())


def test_the_helper_box_names_the_three_limits_and_what_to_do_in_each() -> None:
    html, text = rendered(HELPER, "en")
    for limit in (
        "A life in immediate danger",
        "Serious harm to someone else",
        "A child whose security may be compromised",
    ):
        assert limit in text
    assert 'href="tel:911"' in html and 'href="tel:+18662773553"' in html
    assert "1 866 APPELLE" in text
    assert "DPJ of the region" in text and 'href="tel:811"' in html
    assert "share only what is needed" in text and "tell the person first" in text


def test_the_helper_box_is_short_enough_to_scan() -> None:
    html, text = rendered(HELPER, "en")
    assert html.count("<li>") == 3
    assert len(text.split()) < 130


def test_the_public_sentence_names_the_three_limits_and_links_to_the_whole_page() -> None:
    html, text = rendered(PUBLIC, "en")
    for limit in ("a life in immediate danger", "serious harm to someone else", "a child"):
        assert limit in text
    assert "DPJ" in text and "tells you first" in text
    assert 'href="/en/about/confidentiality/"' in html
    assert text.count(".") <= 3  # one or two sentences, and the link


@pytest.mark.parametrize("template", [HELPER, PUBLIC])
def test_the_limits_are_in_french_for_a_french_page(template: str) -> None:
    # Needs the compiled French catalogue with locale/pending/confidentiality.po merged.
    html, text = rendered(template, "fr")
    assert "danger immédiat" in text and "tort grave à une autre personne" in text
    assert "DPJ" in text
    assert "immediate danger" not in text
    if template == PUBLIC:
        assert 'href="/fr/about/confidentiality/"' in html
