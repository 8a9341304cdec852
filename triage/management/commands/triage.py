"""Crisis triage from the command line.

    python manage.py triage < messages.txt          one JSON object per line out
    python manage.py triage --evaluate FILE         recall, specificity, misses, false alarms

Each output line has "level", "urgent", "about_other" and "matched" (rule names, "crisis_topic"
or "model"). Nothing is stored or logged: the text goes no further than this process.
"""

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import assess, model
from triage.labelled import LabelledFileError, evaluate, read_labelled


def lines_of_stdin() -> Iterator[str]:
    """The lines of standard input; bytes that are not UTF-8 are replaced, never fatal."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a StringIO in tests
        yield from sys.stdin
        return
    for raw in binary:
        yield raw.decode("utf-8", errors="replace")


class Command(BaseCommand):
    help = (
        "Reads one message per line on standard input and prints its crisis triage as JSON; "
        "with --evaluate FILE, measures triage on a labelled file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--evaluate",
            metavar="FILE",
            type=Path,
            help="a labelled TSV file (label, lang, about, kind, text; see triage/labelled.py)",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["evaluate"]:
            self.evaluate(options["evaluate"])
            return
        for line in lines_of_stdin():
            assessment = assess(line.rstrip("\r\n"))
            self.stdout.write(json.dumps(assessment.as_dict(), ensure_ascii=False))
            self.stdout.flush()

    def evaluate(self, path: Path) -> None:
        try:
            messages = read_labelled(path)
        except LabelledFileError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(f"Reading {len(messages)} labelled messages with: {model.status()}")
        evaluation = evaluate(messages, lambda text: assess(text).urgent)
        self.stdout.write("\n".join(evaluation.lines()))
