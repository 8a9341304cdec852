"""Crisis triage for evaluation: one message per line in, one JSON object per line out.

    python manage.py triage < messages.txt

Each output line has "level", "urgent", "about_other" and "matched" (rule names only). Nothing is
stored or logged: the text goes no further than this process.
"""

import json
import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand

from support.triage import assess


def lines_of_stdin() -> Iterator[str]:
    """The lines of standard input; bytes that are not UTF-8 are replaced, never fatal."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # a StringIO in tests
        yield from sys.stdin
        return
    for raw in binary:
        yield raw.decode("utf-8", errors="replace")


class Command(BaseCommand):
    help = "Reads one message per line on standard input; prints its crisis triage as JSON."

    def handle(self, *args: object, **options: object) -> None:
        for line in lines_of_stdin():
            assessment = assess(line.rstrip("\r\n"))
            self.stdout.write(json.dumps(assessment.as_dict(), ensure_ascii=False))
            self.stdout.flush()
