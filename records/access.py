"""Who may see which sheet and which note: their author, and nobody else (administrators
included). Views fetch sheets and notes only through these helpers; anything else answers 404.
Above the helper, people read counts, through the reports app."""

from django.db.models import QuerySet
from django.utils import timezone

from lib.lookups import one_or_404
from records.models import Intervention, PrivateNote
from support.access import require_helper


def interventions_for_user(user: object) -> QuerySet[Intervention]:
    """The sheets the user wrote as a peer helper; 404 for anyone who is not a helper."""
    return Intervention.objects.filter(helper_id__in=require_helper(user)).select_related("network")


def intervention_for_user(user: object, sheet_id: object) -> Intervention:
    return one_or_404(interventions_for_user(user), pk=sheet_id)


def notes_for_user(user: object, *, past_their_date: bool = False) -> QuerySet[PrivateNote]:
    """The user's own private notes; 404 for anyone who is not a helper. A note past its date is
    shown to nobody, even before the worker destroys it; only destroying it may reach it."""
    notes = PrivateNote.objects.filter(author_id__in=require_helper(user))
    return notes if past_their_date else notes.filter(expires_at__gt=timezone.now())


def note_for_user(user: object, note_id: object, *, past_their_date: bool = False) -> PrivateNote:
    return one_or_404(notes_for_user(user, past_their_date=past_their_date), pk=note_id)
