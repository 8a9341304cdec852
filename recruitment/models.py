"""Peer helpers' profiles; applications to join a network (see the views)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from networks.models import Membership, Team


class HelperProfile(models.Model):
    """What matching needs to know about a peer helper, and the helper's own limits."""

    class Training(models.TextChoices):
        NONE = "none", _("not trained yet")
        REGISTERED = "registered", _("registered for training")
        TRAINED = "trained", _("trained")

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="helper_profile"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ["fr", "en"]
    topics = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="+",
        verbose_name=_("lived-experience topics (optional)"),
    )
    open_conversation_cap = models.PositiveSmallIntegerField(
        _("most open conversations at once"), default=3
    )
    is_away = models.BooleanField(_("away"), default=False)
    supervised_teams = models.ManyToManyField(
        Team, blank=True, related_name="+", verbose_name=_("teams I supervise")
    )
    training = models.CharField(
        _("training"), max_length=20, choices=Training.choices, default=Training.NONE
    )
    trained_on = models.DateField(_("trained on"), null=True, blank=True)
    pledge_version = models.CharField(_("pledge version"), max_length=20, blank=True)
    pledge_signed_at = models.DateTimeField(_("pledge signed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("helper profile")
        verbose_name_plural = _("helper profiles")

    def __str__(self) -> str:
        return str(self.membership)

    @property
    def has_signed_pledge(self) -> bool:
        return self.pledge_signed_at is not None

    @property
    def is_trained(self) -> bool:
        return self.training == self.Training.TRAINED


class AvailabilitySlot(models.Model):
    """A weekly window in which a helper accepts to be offered requests (local time)."""

    profile = models.ForeignKey(HelperProfile, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"))  # 0 = Monday
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6")
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"
