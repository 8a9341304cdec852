"""The anonymous reporting sheet a peer helper fills after each intervention, and the helper's
private notes.

A sheet holds coded fields only: no name, no free text, nothing that points to a person. Only
its author ever sees it one by one; everyone else sees counts (see the reports app).

A private note is encrypted with its own data key (see lib.crypto) and destroyed, key and row
together, when it expires.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Service
from networks.models import Membership, Network
from support.models import HelpRequest


class Topic(models.TextChoices):
    PSYCHOLOGICAL_DISTRESS = "psychological_distress", _("psychological distress")
    MENTAL_HEALTH = "mental_health", _("mental health")
    ALCOHOL = "alcohol", _("alcohol")
    DRUGS = "drugs", _("drugs")
    GAMBLING = "gambling", _("gambling")
    DOMESTIC_VIOLENCE = "domestic_violence", _("domestic violence")
    WORKPLACE_VIOLENCE = "workplace_violence", _("violence or harassment at work")
    RETURN_TO_WORK = "return_to_work", _("return to work")
    GRIEF = "grief", _("grief")
    FAMILY = "family", _("family")
    MONEY = "money", _("money")
    WORKLOAD = "workload", _("workload and work organisation")
    OTHER = "other", _("other")


class ContactType(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    MESSAGE = "message", _("by message here")
    GROUP = "group", _("in a group")


class Initiator(models.TextChoices):
    PERSON = "person", _("the person asked")
    HELPER = "helper", _("the helper noticed")
    COLLEAGUE = "colleague", _("a colleague pointed them to a helper")


class TimeBand(models.TextChoices):
    UNDER_15 = "under_15", _("under 15 minutes")
    FROM_15_TO_30 = "15_to_30", _("15 to 30 minutes")
    FROM_30_TO_60 = "30_to_60", _("30 minutes to 1 hour")
    FROM_1_TO_2_HOURS = "1_to_2_hours", _("1 to 2 hours")
    OVER_2_HOURS = "over_2_hours", _("over 2 hours")


# The minutes a band counts for in helper hours: about its middle.
BAND_MINUTES = {
    TimeBand.UNDER_15: 10,
    TimeBand.FROM_15_TO_30: 22,
    TimeBand.FROM_30_TO_60: 45,
    TimeBand.FROM_1_TO_2_HOURS: 90,
    TimeBand.OVER_2_HOURS: 150,
}


class Referral(models.TextChoices):
    EAP = "eap", _("the employee assistance program (EAP)")
    DOCTOR = "doctor", _("a doctor")
    INFO_SOCIAL = "info_social", _("Info-Social 811")
    UNION = "union", _("the union")
    DIRECTORY = "directory", _("a service of the directory")


class InterventionQuerySet(models.QuerySet):
    def in_months(self, start: datetime.date, end: datetime.date) -> "InterventionQuerySet":
        """Sheets whose month lies between `start` and `end` (both included)."""
        return self.filter(month__gte=start.replace(day=1), month__lte=end)


class Intervention(models.Model):
    """One reporting sheet: what kind of help was given, never to whom."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="interventions")
    # The author, so that they can correct their own sheets; nobody else reads it.
    helper = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="interventions"
    )
    month = models.DateField(_("month"))  # the first day of the month
    contact_type = models.CharField(_("contact"), max_length=20, choices=ContactType.choices)
    initiated_by = models.CharField(_("who initiated"), max_length=20, choices=Initiator.choices)
    time_band = models.CharField(_("time spent"), max_length=20, choices=TimeBand.choices)
    follow_up = models.BooleanField(_("follow-up planned"), default=False)
    services = models.ManyToManyField(
        Service, blank=True, related_name="+", verbose_name=_("services of the directory")
    )
    # The conversation the sheet was filled from, so that it is filled only once.
    help_request = models.OneToOneField(
        HelpRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="sheet"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-pk"]
        verbose_name = _("reporting sheet")
        verbose_name_plural = _("reporting sheets")
        indexes = [models.Index(fields=["network", "month"], name="intervention_network_month")]

    def __str__(self) -> str:
        return f"sheet {self.pk}"

    def topic_values(self) -> list[str]:
        return [row.topic for row in self.topics.all()]

    def referral_values(self) -> list[str]:
        return [row.kind for row in self.referrals.all()]


class SheetChoice(models.Model):
    """A topic or referral of a sheet. The sheet's network and month are copied here so that a
    report counts these rows by an index of their own, without reading every sheet."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        abstract = True


class InterventionTopic(SheetChoice):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=30, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["intervention", "topic"], name="one_row_per_topic")
        ]
        indexes = [models.Index(fields=["network", "month", "topic"], name="topic_network_month")]

    def __str__(self) -> str:
        return self.topic


class InterventionReferral(SheetChoice):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="referrals"
    )
    kind = models.CharField(max_length=20, choices=Referral.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["intervention", "kind"], name="one_row_per_referral")
        ]
        indexes = [models.Index(fields=["network", "month", "kind"], name="referral_network_month")]

    def __str__(self) -> str:
        return self.kind


# Notes are kept at most this long, whatever the network's policy; a helper is warned this
# many days before a note is destroyed.
NOTE_MAX_DAYS = 90
NOTE_WARNING_DAYS = 3


class PrivateNoteQuerySet(models.QuerySet):
    def expired(self, now: datetime.datetime | None = None) -> "PrivateNoteQuerySet":
        return self.filter(expires_at__lte=now or timezone.now())

    def expiring_soon(self, now: datetime.datetime | None = None) -> "PrivateNoteQuerySet":
        now = now or timezone.now()
        soon = now + datetime.timedelta(days=NOTE_WARNING_DAYS)
        return self.filter(expires_at__gt=now, expires_at__lte=soon)


class PrivateNote(models.Model):
    """A helper's own note, readable by its author only. Its text is encrypted with the note's
    own data key; destroying the note deletes the key with the row."""

    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="private_notes")
    wrapped_key = models.BinaryField()
    body_encrypted = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    warned_at = models.DateTimeField(null=True, blank=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        ordering = ["expires_at", "pk"]
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")

    def __str__(self) -> str:
        return f"note {self.pk}"
