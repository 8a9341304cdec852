from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.reference_data import load_directory_reference
from regions.reference_data import load_regions


class Command(BaseCommand):
    help = "Load (or refresh) the reference data: regions, regional councils, topics, help lines."

    def handle(self, *args: object, **options: object) -> None:
        regions, councils = load_regions()
        message = _("%(regions)d regions and %(councils)d regional councils loaded.")
        self.stdout.write(message % {"regions": regions, "councils": councils})
        terms, services = load_directory_reference()
        message = _("%(terms)d topics and %(services)d help lines loaded; search index rebuilt.")
        self.stdout.write(message % {"terms": terms, "services": services})
