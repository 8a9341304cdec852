"""`manage.py check --deploy` says when crisis triage reads with the lexicon alone (a deploy
check, so that other commands do not load the model)."""

from django.core import checks


@checks.register("triage", deploy=True)
def triage_model_reads(**kwargs: object) -> list[checks.CheckMessage]:
    from triage import model

    if model.load():
        return []
    return [
        checks.Warning(
            f"Crisis triage reads with the lexicon alone: {model.status()}.",
            hint="Unless it was turned off on purpose, install requirements.txt and check "
            "triage/classifier.json (README, Crisis triage).",
            id="triage.W001",
        )
    ]
