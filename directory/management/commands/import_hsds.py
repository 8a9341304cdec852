from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.hsds.load import ImportFailed, import_dataset
from directory.hsds.read import read_path


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.1 file in one language: our JSON document or a CSV "
        "data package folder. Everything is checked first (the official schemas, references "
        "between tables, our own field rules); a single bad row and nothing changes, and every "
        "bad row is named. Records are upserted by id, in one transaction. The texts go to the "
        "--lang fields; a record new to the directory gets the same text in the other language "
        "until a file in that language translates it, so importing the French export and then "
        "the English one recreates both. Each imported service's phones, schedules, areas, "
        "languages and topics become those of the file. The search index is rebuilt. "
        "A file that gives, changes or removes a crisis rank, or changes a crisis line's phone "
        "numbers, is refused unless --allow-crisis-changes is given; each such change is "
        "printed. A file larger than 20 MB, nested too deep, not UTF-8 or holding a NUL "
        "character is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A JSON file, or a folder holding the CSV files.")
        parser.add_argument("--lang", choices=["fr", "en"], default="fr")
        parser.add_argument(
            "--allow-crisis-changes",
            action="store_true",
            help="Allow the file to change crisis ranks and crisis lines' phone numbers.",
        )

    def handle(self, *args: object, **options: str) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("%(path)s does not exist.") % {"path": path})
        dataset = read_path(path)
        self.stderr.write(
            _("Read %(count)d records from %(path)s; checking them.")
            % {"count": dataset.size, "path": path}
        )
        try:
            counts = import_dataset(
                dataset,
                options["lang"],
                progress=self.progress,
                allow_crisis_changes=bool(options["allow_crisis_changes"]),
                notify=self.stderr.write,
            )
        except ImportFailed as failure:
            count = len(failure.errors)
            message = ngettext(
                "Nothing was imported: %(count)d problem.",
                "Nothing was imported: %(count)d problems.",
                count,
            ) % {"count": count}
            raise CommandError("\n".join([message, *failure.errors])) from failure
        total = sum(counts.values())
        self.stderr.write(_("Imported %(total)d records.") % {"total": total})
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(_("Imported %(summary)s. Search index rebuilt.") % {"summary": summary})

    def progress(self, done: int, total: int) -> None:
        self.stderr.write(
            _("Imported %(done)d of %(total)d records…") % {"done": done, "total": total}
        )
