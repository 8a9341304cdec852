from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from lib.crypto import KeyUnavailable, rewrap
from records.models import PrivateNote
from support.models import HelpRequest


def rewrap_all(model: type) -> tuple[int, int]:
    """Re-wraps the key of every row of `model` that still has one, one row lock at a time.
    Returns how many were re-wrapped and how many none of the master keys unwraps (those are
    left as they are, and the others go on)."""
    done = failed = 0
    ids = (
        model.objects.filter(wrapped_key__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    for pk in ids.iterator():
        with transaction.atomic():
            row = model.objects.select_for_update().filter(pk=pk).first()
            if row is None or row.wrapped_key is None:  # destroyed meanwhile
                continue
            try:
                row.wrapped_key = rewrap(row.wrapped_key)
            except KeyUnavailable:
                failed += 1
                continue
            row.save(update_fields=["wrapped_key"])
            done += 1
    return done, failed


class Command(BaseCommand):
    help = (
        "Re-wrap every conversation key and private note key under the first master key of "
        "ENTRAIDE_MASTER_KEYS, so that older master keys can then be removed. Keys that no "
        "master key unwraps are counted and left as they are; the exit status is then 1."
    )

    def handle(self, *args: object, **options: object) -> None:
        conversations, lost_conversations = rewrap_all(HelpRequest)
        self.stdout.write(_("%(count)d conversation keys re-wrapped.") % {"count": conversations})
        notes, lost_notes = rewrap_all(PrivateNote)
        self.stdout.write(_("%(count)d private note keys re-wrapped.") % {"count": notes})
        if lost_conversations:
            self.stderr.write(
                _("Conversation keys that could not be re-wrapped: %(count)d.")
                % {"count": lost_conversations}
            )
        if lost_notes:
            self.stderr.write(
                _("Private note keys that could not be re-wrapped: %(count)d.")
                % {"count": lost_notes}
            )
        if lost_conversations or lost_notes:
            raise CommandError(
                _(
                    "No master key of ENTRAIDE_MASTER_KEYS unwraps these keys: put back the "
                    "master key that wrapped them (after the first one) and run rotate_keys "
                    "again. Until then their conversations and notes cannot be read."
                )
            )
