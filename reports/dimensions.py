"""The one-way tables of a report: what each counts and whether its cells add up to the number
of interventions (a sheet has one contact type, but may have several topics)."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from records.models import ContactType, Initiator, Referral, Topic


class FollowUp(models.TextChoices):
    YES = "yes", _("follow-up planned")
    NO = "no", _("no follow-up planned")


@dataclass(frozen=True)
class Dimension:
    name: str
    title: Promise
    choices: type[models.TextChoices] | None  # None: the months of the period
    adds_up: bool  # the cells add up to the number of interventions

    def categories(self, months: list[str]) -> list[str]:
        return list(self.choices.values) if self.choices else list(months)


DIMENSIONS = [
    Dimension("topic", _("Topics"), Topic, adds_up=False),
    Dimension("contact_type", _("Contact"), ContactType, adds_up=True),
    Dimension("initiated_by", _("Who initiated"), Initiator, adds_up=True),
    Dimension("referral", _("Referrals"), Referral, adds_up=False),
    Dimension("follow_up", _("Follow-up"), FollowUp, adds_up=True),
    Dimension("month", _("Month"), None, adds_up=True),
]
BY_NAME = {dimension.name: dimension for dimension in DIMENSIONS}
