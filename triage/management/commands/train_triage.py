"""Trains the triage classifier from the labelled file and writes triage/classifier.json.

    python manage.py train_triage             retrain on triage/data/train.tsv
    python manage.py train_triage --compare   cross-validate every installed encoder, write nothing

The held-out file is read only to report on it, after training: nothing about it changes the
weights or the threshold, and --compare, which chooses between encoders, never reads it.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import classifier as classifiers
from triage import model
from triage.encoders import ENCODERS
from triage.labelled import (
    HELD_OUT_FILE,
    TRAINING_FILE,
    Labelled,
    LabelledFileError,
    evaluate,
    read_labelled,
)
from triage.training import Trained, held_out_reader, train


def current_encoder() -> str:
    """The encoder of the classifier in use, or the default one before any was trained."""
    try:
        return classifiers.read(settings.TRIAGE_CLASSIFIER_FILE).encoder
    except (OSError, ValueError, KeyError):
        return "use-multilingual"


class Command(BaseCommand):
    help = "Trains the triage classifier on the labelled file and reports on the held-out file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=TRAINING_FILE, help="labelled TSV file")
        parser.add_argument("--held-out", type=Path, default=HELD_OUT_FILE)
        parser.add_argument("--encoder", choices=sorted(ENCODERS), default=None)
        parser.add_argument(
            "--compare", action="store_true", help="cross-validate every installed encoder only"
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            messages = read_labelled(options["file"])
            held_out = read_labelled(options["held_out"])
        except LabelledFileError as error:
            raise CommandError(str(error)) from error
        if options["compare"]:
            names = sorted(ENCODERS)
        else:
            names = [options["encoder"] or current_encoder()]
        for name in names:
            self.stdout.write(f"== {name}: embedding {len(messages)} training messages…")
            try:
                trained = train(messages, name, options["file"])
            except ImportError as error:
                self.stdout.write(f"   not installed ({error})")
                continue
            self.report(trained)
            if not options["compare"]:
                self.report_held_out(trained, held_out)
                target = Path(settings.TRIAGE_CLASSIFIER_FILE)
                target.write_text(trained.classifier.as_json() + "\n", encoding="utf-8")
                model.forget()
                self.stdout.write(f"Wrote {target}.")

    def report(self, trained: Trained) -> None:
        classifier = trained.classifier
        self.stdout.write(
            f"   {trained.seconds_per_message * 1000:.1f} ms a message to embed; "
            f"threshold {classifier.threshold:.3f}"
        )
        self.stdout.write("-- training file, five-fold cross-validation (lexicon or model):")
        self.stdout.write("\n".join(trained.cross_validated.lines()[:2]))

    def report_held_out(self, trained: Trained, held_out: list[Labelled]) -> None:
        classifier = trained.classifier
        evaluation = evaluate(held_out, held_out_reader(classifier, trained.embed))
        self.stdout.write(f"-- held-out file ({len(held_out)} messages, never trained on):")
        self.stdout.write("\n".join(evaluation.lines()))
