"""Peer helpers' profiles; applications to join a network (see the views)."""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from networks.models import Membership, Network, Role, Team
from recruitment.pledge import CURRENT_PLEDGE_VERSION


class HelperProfileQuerySet(models.QuerySet):
    def active(self) -> "HelperProfileQuerySet":
        """Helpers who may be offered requests: an active membership, the current pledge signed,
        not away."""
        return self.signed_current_pledge().filter(
            membership__is_active=True,
            membership__user__is_active=True,
            is_away=False,
        )

    def signed_current_pledge(self) -> "HelperProfileQuerySet":
        return self.filter(pledge_signed_at__isnull=False, pledge_version=CURRENT_PLEDGE_VERSION)

    def signed_an_older_pledge(self) -> "HelperProfileQuerySet":
        return self.filter(pledge_signed_at__isnull=False).exclude(
            pledge_version=CURRENT_PLEDGE_VERSION
        )


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

    objects = HelperProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("helper profile")
        verbose_name_plural = _("helper profiles")

    def __str__(self) -> str:
        return str(self.membership)

    @property
    def has_signed_pledge(self) -> bool:
        """Whether the helper signed a pledge, of any version (see needs_pledge)."""
        return self.pledge_signed_at is not None

    @property
    def is_trained(self) -> bool:
        return self.training == self.Training.TRAINED

    @property
    def needs_pledge(self) -> bool:
        """True until the helper has signed the current version of the pledge: a helper who
        signed an older one signs again before being offered any request."""
        return not self.has_signed_pledge or self.pledge_version != CURRENT_PLEDGE_VERSION

    @property
    def is_active(self) -> bool:
        """The same rule as `HelperProfile.objects.active()`, for one profile in hand."""
        membership = self.membership
        return (
            membership.is_active
            and membership.user.is_active
            and not self.needs_pledge
            and not self.is_away
        )


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


# An application is deleted this many days after the committee's decision (the applicant is told
# so before they send it).
DAYS_KEPT_AFTER_DECISION = 180


class Quality(models.TextChoices):
    """What seed 000 asks of a peer helper, then what a contributor can bring instead."""

    CARING = "caring", _("An outgoing, caring attitude")
    LISTENING = "listening", _("Ability to listen")
    DISCRETION = "discretion", _("Discretion")
    TEAMWORK = "teamwork", _("Working in and with a team")
    LEADERSHIP = "leadership", _("Positive leadership (no gossip, calm, leading by example)")
    ORGANISING = "organising", _("Organising (kiosks, committee meetings, promotion)")
    PUBLIC_SPEAKING = "public_speaking", _("Public speaking (general meetings, the employer)")
    WRITING = "writing", _("Writing (newsletter articles, a resource list)")
    SOCIAL_MEDIA = "social_media", _("Social media (a page, a confidential group chat)")


HELPER_QUALITIES = [Quality.CARING, Quality.LISTENING, Quality.DISCRETION]
CONTRIBUTOR_SKILLS = [q for q in Quality if q not in HELPER_QUALITIES]

# The roles a person may apply for.
APPLICATION_ROLES = [Role.HELPER, Role.CONTRIBUTOR]


class ApplicationQuerySet(models.QuerySet):
    def received_since(self, moment: datetime.datetime) -> "ApplicationQuerySet":
        return self.filter(created_at__gte=moment)

    def past_retention(self, now: datetime.datetime | None = None) -> "ApplicationQuerySet":
        """Decided applications whose time is up."""
        limit = (now or timezone.now()) - datetime.timedelta(days=DAYS_KEPT_AFTER_DECISION)
        return self.filter(decided_at__isnull=False, decided_at__lte=limit)


class Application(models.Model):
    """Someone asking a network to become a peer helper or a contributor. Only the network's
    committee coordinator (and platform administrators) read it."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        MET = "met", _("met")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="applications")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fr")
    roles = models.JSONField(_("roles of interest"), default=list)  # ["helper", "contributor"]
    motivation = models.TextField(_("motivation"), validators=[MaxLengthValidator(2000)])
    qualities = models.JSONField(_("qualities"), default=list, blank=True)  # Quality values
    availability = models.TextField(
        _("availability"), blank=True, validators=[MaxLengthValidator(500)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("received on"), default=timezone.now)
    met_at = models.DateTimeField(_("met on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    invited_at = models.DateTimeField(_("invited on"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["network", "created_at"], name="application_by_network")]

    def __str__(self) -> str:
        return f"{self.network_id} {self.created_at:%Y-%m-%d} {self.status}"

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.DECLINED)

    @property
    def deleted_after(self) -> datetime.datetime | None:
        """When the application is due for deletion (None while no decision is made)."""
        if self.decided_at is None:
            return None
        return self.decided_at + datetime.timedelta(days=DAYS_KEPT_AFTER_DECISION)

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles if role in Role.values]

    def quality_labels(self) -> list[str]:
        return [str(Quality(q).label) for q in self.qualities if q in Quality.values]
