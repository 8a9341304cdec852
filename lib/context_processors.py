from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from lib.crisis_lines import CRISIS_LINES


def site(request: HttpRequest) -> dict:
    """What every page's frame needs: the crisis strip, the quick exit and the language switch."""
    language = (get_language() or "fr")[:2]
    other = "en" if language == "fr" else "fr"
    return {
        "crisis_lines": CRISIS_LINES,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }
