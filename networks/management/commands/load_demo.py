from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from networks.demo import PASSWORD, TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Load the demo world (councils, networks, one account per role). Development only."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            refusal = _("The demo world is refused when DEBUG is off: it has known passwords.")
            raise CommandError(refusal)
        emails = load_demo()
        message = _(
            "Demo world loaded: %(count)d accounts, password %(password)s, TOTP %(secret)s."
        )
        self.stdout.write(
            message % {"count": len(emails), "password": PASSWORD, "secret": TOTP_SECRET}
        )
