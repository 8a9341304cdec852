import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from directory.hsds.export import export_document, write_package


class Command(BaseCommand):
    help = (
        "Export the directory as Open Referral HSDS 3.1, in one language: a JSON document "
        "(organizations, fully nested services, taxonomy terms; see directory/hsds/export.py) "
        "or the CSV tabular data package (a folder with datapackage.json and one CSV per table)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--lang", choices=["fr", "en"], default="fr")
        parser.add_argument(
            "--output",
            required=True,
            help="The JSON file to write ('-' for standard output), or the folder for CSV.",
        )

    def handle(self, *args: object, **options: str) -> None:
        lang, output = options["lang"], options["output"]
        if options["format"] == "csv":
            counts = write_package(Path(output), lang)
            summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
            self.stderr.write(
                _("Wrote %(path)s (%(summary)s).") % {"path": output, "summary": summary}
            )
            return
        text = json.dumps(export_document(lang), ensure_ascii=False, indent=1) + "\n"
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(_("Wrote %(path)s.") % {"path": output})
