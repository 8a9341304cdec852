from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from lib.crypto import rewrap
from support.models import HelpRequest


class Command(BaseCommand):
    help = (
        "Re-wrap every conversation key under the first master key of ENTRAIDE_MASTER_KEYS, "
        "so that older master keys can then be removed."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = 0
        ids = HelpRequest.objects.filter(wrapped_key__isnull=False).values_list("pk", flat=True)
        for pk in ids.iterator():
            with transaction.atomic():
                request = HelpRequest.objects.select_for_update().get(pk=pk)
                if request.wrapped_key is None:  # destroyed meanwhile
                    continue
                request.wrapped_key = rewrap(request.wrapped_key)
                request.save(update_fields=["wrapped_key"])
                count += 1
        self.stdout.write(_("%(count)d conversation keys re-wrapped.") % {"count": count})
