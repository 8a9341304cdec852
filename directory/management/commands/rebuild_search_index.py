import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.models import SearchIndexState
from directory.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the directory search index from the services in the database."

    def handle(self, *args: object, **options: object) -> None:
        self.stderr.write(_("Rebuilding the search index…"))
        started = time.monotonic()
        rebuild_index()
        state = SearchIndexState.objects.get()
        seconds = round(time.monotonic() - started, 1)
        self.stdout.write(
            _("Indexed %(count)d services in %(seconds)s s.")
            % {"count": state.document_count, "seconds": seconds}
        )
