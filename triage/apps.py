from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Crisis triage"

    def ready(self) -> None:
        from triage import checks  # noqa: F401 -- registers the system check
