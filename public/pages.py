"""The public information pages. Each page is written whole in each language, in
`templates/public/pages/<slug>.<language>.html`, rather than sentence by sentence."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PAGES: dict[str, Promise] = {
    "networks": _("What is a mutual-aid network?"),
    "peer-helpers": _("What a peer helper does, and does not do"),
    "confidentiality": _("Confidentiality"),
    "start-a-network": _("Starting a network in your workplace"),
    "faq": _("Questions about mutual-aid networks"),
    "quick-exit": _("Quick exit: what it can and cannot hide"),
}
