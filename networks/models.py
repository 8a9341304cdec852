"""Workplace mutual-aid networks, the organisations behind them, and the people in them."""

import datetime
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import dialable
from networks.startup_steps import StepText, step_text
from regions.models import Region, RegionalCouncil

# Unambiguous characters for codes printed on posters (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_network_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Organization(models.Model):
    """A union local, an employer or a community organisation behind a network."""

    class Kind(models.TextChoices):
        UNION_LOCAL = "union_local", _("union local")
        EMPLOYER = "employer", _("employer")
        COMMUNITY = "community", _("community organisation")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class NetworkQuerySet(models.QuerySet):
    def findable(self) -> "NetworkQuerySet":
        """The networks a person may find by name or by region; the others only by their code."""
        return self.filter(findable_by_name=True)

    def in_region(self, region: Region) -> "NetworkQuerySet":
        return self.filter(region=region)


class Network(models.Model):
    """One workplace's mutual-aid network."""

    class Kind(models.TextChoices):
        UNION_ONLY = "union_only", _("union-only")
        JOINT = "joint", _("joint (union and employer)")
        CONTRACTED = "contracted", _("contracted")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("public code"), max_length=12, unique=True, default=new_network_code, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    council = models.ForeignKey(
        RegionalCouncil,
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("regional council"),
    )
    union = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="union_networks",
        verbose_name=_("union local"),
    )
    employer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employer_networks",
        verbose_name=_("employer"),
    )
    # A council can cover several regions (Montréal and Laval, Québec and Lévis): people browse
    # by the region they work in.
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("administrative region"),
    )
    findable_by_name = models.BooleanField(
        _("can be found by name"),
        default=True,
        help_text=_(
            "When off, the network is reached only by the code on its poster: it is never "
            "listed in name searches or by region."
        ),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("days personal items are kept"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Conversations and personal notes are destroyed this many days after closing."),
    )
    idle_close_days = models.PositiveSmallIntegerField(
        _("days an open conversation may go without a message"),
        default=30,
        validators=[MinValueValidator(14), MaxValueValidator(90)],
        help_text=_(
            "An open conversation in which nobody writes for this many days closes by itself; "
            "its peer helper is warned 7 days and 1 day before."
        ),
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("smallest count shown in reports"),
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(50)],
        help_text=_("Counts below this number are shown as “fewer than”."),
    )
    authorised_minutes_per_week = models.PositiveSmallIntegerField(
        _("support minutes authorised per helper per week"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__gte=1, retention_days__lte=90),
                name="retention_days_1_to_90",
            ),
            models.CheckConstraint(
                condition=Q(idle_close_days__gte=14, idle_close_days__lte=90),
                name="idle_close_days_14_to_90",
            ),
            models.CheckConstraint(condition=Q(report_threshold__gte=5), name="threshold_5_up"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_employer(self) -> bool:
        return self.kind in (self.Kind.JOINT, self.Kind.CONTRACTED)

    def other_names(self) -> list[str]:
        """Its employer's and union local's names, when they differ from its own."""
        names = [self.employer.name if self.employer_id else "", self.union.name]
        return [name for name in names if name and name != self.name]

    def public_resources(self) -> "NetworkResourceQuerySet":
        """The workplace's own resources as people asking for help see them: the EAP first,
        then the union, then the others."""
        return self.resources.in_public_order()


phone_characters = RegexValidator(
    r"^[0-9 +().#-]*(ext\.? ?[0-9]+|poste ?[0-9]+)?$",
    _("Use digits, spaces, dashes and parentheses only (and “ext.” or “poste” for an extension)."),
    flags=re.IGNORECASE,
)


def enough_digits(number: str) -> None:
    if sum(c.isdigit() for c in number) < 3:
        raise ValidationError(_("A phone number has at least three digits."))


class NetworkResourceQuerySet(models.QuerySet):
    def in_public_order(self) -> "NetworkResourceQuerySet":
        rank = Case(
            When(kind=NetworkResource.Kind.EAP, then=Value(0)),
            When(kind=NetworkResource.Kind.UNION, then=Value(1)),
            default=Value(2),
        )
        return self.alias(rank=rank).order_by("rank", "position", "name", "pk")


class NetworkResource(models.Model):
    """A resource of the workplace itself (its EAP, the union's contact, the local CLSC, the
    region's youth protection service), kept by the coordinator and shown to people asking for
    help and to helpers as referrals."""

    class Kind(models.TextChoices):
        EAP = "eap", _("employee assistance program (EAP)")
        UNION = "union", _("union contact")
        CLSC = "clsc", _("CLSC (local community service centre)")
        YOUTH_PROTECTION = "youth_protection", _("youth protection (DPJ) of the region")
        OTHER = "other", _("other resource")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example the EAP provider’s name.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        validators=[phone_characters, enough_digits],
        help_text=_("For example 514 555-0123 or 1 800 555-0123 poste 2."),
    )
    hours = models.CharField(
        _("hours"), max_length=120, help_text=_("Short, for example “24/7” or “Mon–Fri 8–16”.")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    details = models.CharField(
        _("details"),
        max_length=300,
        blank=True,
        help_text=_("Optional, short: what the resource offers, or whom to ask for."),
    )
    verified_on = models.DateField(
        _("checked on"), help_text=_("The day someone last checked this number.")
    )
    position = models.PositiveSmallIntegerField(
        _("position in the list"),
        default=0,
        help_text=_("Smaller numbers come first among resources of the same kind."),
    )

    objects = NetworkResourceQuerySet.as_manager()

    class Meta:
        ordering = ["network", "position", "name"]
        verbose_name = _("workplace resource")
        verbose_name_plural = _("workplace resources")

    def __str__(self) -> str:
        return self.name

    @property
    def tel_href(self) -> str:
        """A `tel:` link; an extension is dialled after a pause."""
        number, _ext, extension = self.phone.lower().replace("poste", "ext").partition("ext")
        extension = "".join(c for c in extension if c.isdigit())
        return f"tel:{dialable(number)}" + (f",{extension}" if extension else "")


class Team(models.Model):
    """A work team of the workplace, used so that no helper is matched with someone they
    supervise."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_team")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    HELPER = "helper", _("peer helper")
    CONTRIBUTOR = "contributor", _("contributor")
    COORDINATOR = "coordinator", _("committee coordinator")
    LIAISON = "liaison", _("executive liaison")
    REGIONAL_REP = "regional_rep", _("regional representative")
    EMPLOYER_REP = "employer_rep", _("employer representative")
    ADMIN = "admin", _("platform administrator")


NETWORK_ROLES = [Role.HELPER, Role.CONTRIBUTOR, Role.COORDINATOR, Role.LIAISON, Role.EMPLOYER_REP]
# A role's scope: a network, a council (regional representatives) or nothing (administrators).
SCOPE_FITS_ROLE = (
    Q(role__in=NETWORK_ROLES, network__isnull=False, council__isnull=True)
    | Q(role=Role.REGIONAL_REP, network__isnull=True, council__isnull=False)
    | Q(role=Role.ADMIN, network__isnull=True, council__isnull=True)
)


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    """A person's role in a network (or, for a regional representative, in a council).
    One person may hold several memberships."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    council = models.ForeignKey(
        RegionalCouncil,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=SCOPE_FITS_ROLE,
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                condition=Q(network__isnull=False),
                name="one_membership_per_role_and_network",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "council"],
                condition=Q(council__isnull=False),
                name="one_membership_per_role_and_council",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="admin"), name="one_admin_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.network or self.council or ''}".strip()


class StartupStep(models.Model):
    """One of the six start-up steps of a network (see networks.startup_steps)."""

    class Status(models.TextChoices):
        TO_DO = "to_do", _("to do")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="startup_steps")
    number = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TO_DO
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    responsible = models.CharField(_("who is responsible"), max_length=120, blank=True)
    notes = models.CharField(
        _("notes"),
        max_length=300,
        blank=True,
        help_text=_("Short and factual. Never write anything about a person who was helped."),
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["network", "number"]
        verbose_name = _("start-up step")
        verbose_name_plural = _("start-up steps")
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="one_step_per_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=6), name="startup_step_1_to_6"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.number}"

    @property
    def text(self) -> StepText:
        return step_text(self.number)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class Activity(models.Model):
    """An activity of a network's action plan."""

    class Kind(models.TextChoices):
        KIOSK = "kiosk", _("awareness kiosk")
        NEWSLETTER = "newsletter", _("newsletter article")
        GENERAL_MEETING = "general_meeting", _("talk at a general meeting")
        MUTUAL_AID_DAY = "mutual_aid_day", _("2 February mutual-aid day")
        THEMATIC_MEETING = "thematic_meeting", _("thematic meeting")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who is in charge"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["network", "date"], name="activity_network_date")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.owner_id and self.owner.network_id != self.network_id:
            raise ValidationError({"owner": _("Choose someone of this network.")})


def next_mutual_aid_day(today: datetime.date) -> datetime.date:
    """The next 2 February, the mutual-aid day (today if it is 2 February)."""
    this_year = datetime.date(today.year, 2, 2)
    return this_year if today <= this_year else datetime.date(today.year + 1, 2, 2)
