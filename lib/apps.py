from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"
    verbose_name = "Shared helpers"

    def ready(self) -> None:
        from lib import checks  # noqa: F401 (registers the deploy checks)
