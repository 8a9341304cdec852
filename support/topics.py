"""The topics a person may tick on the request form."""

from django.utils.translation import gettext_lazy as _

# Topics of the request form, in groups a person can scan on a phone. A topic in
# triage.CRISIS_TOPICS makes the request urgent, exactly as crisis words do.
TOPIC_GROUPS = [
    (
        _("Safety and crisis"),
        ["crisis-suicide", "emergency", "domestic-violence", "sexual-violence"],
    ),
    (
        _("Mind and health"),
        ["psychological-distress", "anxiety", "depression", "mental-health", "loneliness"],
    ),
    (_("Alcohol, drugs, gambling"), ["alcohol", "drugs", "gambling", "addiction"]),
    (_("Work"), ["workplace-harassment", "return-to-work", "legal-help"]),
    (
        _("Life and family"),
        ["grief", "family-parenting", "financial-difficulty", "caregivers", "lgbtq", "seniors"],
    ),
]
