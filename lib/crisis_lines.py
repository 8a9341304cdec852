"""The crisis numbers shown on every public page. Fixed facts, kept in code so the strip renders
even when the database is empty or unreachable; the directory carries the same lines in full."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CrisisLine:
    label: Promise
    display: str
    href: str
    kind: str  # "voice" or "text"


CRISIS_LINES = [
    CrisisLine(_("Emergency"), "911", "tel:911", "voice"),
    CrisisLine(_("Suicide prevention"), "1 866 APPELLE (277-3553)", "tel:+18662773553", "voice"),
    CrisisLine(_("Text"), "535353", "sms:535353", "text"),
    CrisisLine(_("Suicide crisis line"), "9-8-8", "tel:988", "voice"),
]
