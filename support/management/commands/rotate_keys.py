from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from lib.crypto import rewrap
from records.models import PrivateNote
from support.models import HelpRequest


def rewrap_all(model: type) -> int:
    """Re-wraps the key of every row of `model` that still has one, one row lock at a time."""
    count = 0
    ids = model.objects.filter(wrapped_key__isnull=False).values_list("pk", flat=True)
    for pk in ids.iterator():
        with transaction.atomic():
            row = model.objects.select_for_update().filter(pk=pk).first()
            if row is None or row.wrapped_key is None:  # destroyed meanwhile
                continue
            row.wrapped_key = rewrap(row.wrapped_key)
            row.save(update_fields=["wrapped_key"])
            count += 1
    return count


class Command(BaseCommand):
    help = (
        "Re-wrap every conversation key and private note key under the first master key of "
        "ENTRAIDE_MASTER_KEYS, so that older master keys can then be removed."
    )

    def handle(self, *args: object, **options: object) -> None:
        conversations = rewrap_all(HelpRequest)
        self.stdout.write(_("%(count)d conversation keys re-wrapped.") % {"count": conversations})
        notes = rewrap_all(PrivateNote)
        self.stdout.write(_("%(count)d private note keys re-wrapped.") % {"count": notes})
