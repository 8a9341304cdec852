from django.core.management.base import BaseCommand

from directory.reference_data import load_directory_reference
from regions.reference_data import load_regions


class Command(BaseCommand):
    help = "Load (or refresh) the reference data: regions, regional councils, topics, help lines."

    def handle(self, *args: object, **options: object) -> None:
        regions, councils = load_regions()
        self.stdout.write(f"{regions} regions, {councils} regional councils")
        terms, services = load_directory_reference()
        self.stdout.write(f"{terms} topics, {services} help lines; search index rebuilt")
