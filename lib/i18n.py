"""Bilingual model fields: each translated text is stored as a `<field>_fr` / `<field>_en` pair."""

from django.utils.translation import get_language

LANGUAGE_CODES = ("fr", "en")


def current_language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in LANGUAGE_CODES else "fr"


def localized(obj: object, field: str, language: str | None = None) -> str:
    """The text of `field` in `language` (default: the active one), falling back to French."""
    language = language or current_language()
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fr", "")


class Localized:
    """Mixin giving `obj.t.name` for the active language's `name_fr` / `name_en`."""

    @property
    def t(self) -> "_LocalizedView":
        return _LocalizedView(self)


class _LocalizedView:
    def __init__(self, obj: object) -> None:
        self._obj = obj

    def __getattr__(self, field: str) -> str:
        return localized(self._obj, field)
