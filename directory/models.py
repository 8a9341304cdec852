"""The resource directory, shaped like Open Referral HSDS 3.1 with French and English text.

Table and field names follow HSDS (organization, service, phone, schedule, service_area,
language, taxonomy_term, attribute) so that export and import map one to one. Each translated
text is a `_fr` / `_en` pair; HSDS files carry one language at a time.
"""

import datetime
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.i18n import Localized
from regions.models import Region


class Organization(Localized, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"))
    description_en = models.TextField(_("description (English)"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    verified_on = models.DateField(_("verified on"))

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name_fr


class TaxonomyTerm(Localized, models.Model):
    """A topic of the bilingual taxonomy ("crisis-suicide", "gambling", ...)."""

    TAXONOMY = "entraide-topics"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_fr = models.TextField(_("description (French)"))
    description_en = models.TextField(_("description (English)"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.code


class ServiceQuerySet(models.QuerySet):
    def active(self) -> "ServiceQuerySet":
        return self.filter(status=Service.Status.ACTIVE)

    def with_details(self) -> "ServiceQuerySet":
        return self.select_related("organization").prefetch_related(
            "phones", "schedules", "service_areas__region", "languages", "topics"
        )

    def in_region(self, region: Region) -> "ServiceQuerySet":
        """Services serving `region`, including those serving the whole province or country."""
        return self.filter(
            models.Q(service_areas__region=region) | models.Q(service_areas__region__isnull=True)
        ).distinct()

    def speaking(self, language_code: str) -> "ServiceQuerySet":
        return self.filter(languages__code=language_code).distinct()


class Service(Localized, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"))
    description_en = models.TextField(_("description (English)"))
    # Everyday words people type for this service; weighted above the description in search.
    keywords_fr = models.TextField(_("search keywords (French)"), blank=True)
    keywords_en = models.TextField(_("search keywords (English)"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    # Crisis lines are pinned first when a search reads like a crisis, in this order.
    crisis_rank = models.PositiveSmallIntegerField(_("crisis rank"), null=True, blank=True)
    topics = models.ManyToManyField(
        TaxonomyTerm, through="Attribute", related_name="services", verbose_name=_("topics")
    )
    verified_on = models.DateField(_("verified on"))  # HSDS assured_date
    last_modified = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name_fr

    def is_open_at(self, moment: datetime.datetime) -> bool | None:
        """True or False from the schedules; None when no schedule is known."""
        schedules = list(self.schedules.all())
        if not schedules:
            return None
        return any(schedule.is_open_at(moment) for schedule in schedules)


class Phone(Localized, models.Model):
    class Type(models.TextChoices):
        VOICE = "voice", _("phone")
        TEXT = "text", _("text message")
        TEXTPHONE = "textphone", _("TTY")
        FAX = "fax", _("fax")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=50)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.VOICE)
    description_fr = models.CharField(_("description (French)"), max_length=200, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["-type", "number"]  # calls before texts
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number

    @property
    def href(self) -> str:
        """A `tel:` or `sms:` link; letters such as 1 866 APPELLE are dialled as digits."""
        scheme = "sms" if self.type == self.Type.TEXT else "tel"
        return f"{scheme}:{dialable(self.number)}"


KEYPAD = {
    c: str(d)
    for d, letters in enumerate(["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"])
    for c in letters
}


def dialable(number: str) -> str:
    digits = "".join(KEYPAD.get(c, c) for c in number.upper() if c.isalnum())
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    if len(digits) == 10:
        return "+1" + digits
    return digits


class Schedule(Localized, models.Model):
    """Weekly opening hours (HSDS schedule with freq WEEKLY). Closing before opening spans
    midnight; 00:00 to 00:00 means the whole day."""

    WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(_("days"), max_length=40, default="MO,TU,WE,TH,FR,SA,SU")
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    timezone = models.CharField(_("time zone"), max_length=60, default="America/Montreal")
    description_fr = models.CharField(_("description (French)"), max_length=200, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    @property
    def days(self) -> list[str]:
        return [day for day in self.byday.split(",") if day in self.WEEKDAYS]

    @property
    def is_all_day(self) -> bool:
        return self.opens_at == self.closes_at

    def is_open_at(self, moment: datetime.datetime) -> bool:
        from zoneinfo import ZoneInfo

        local = moment.astimezone(ZoneInfo(self.timezone))
        today = self.WEEKDAYS[local.weekday()]
        yesterday = self.WEEKDAYS[(local.weekday() - 1) % 7]
        now = local.time()
        if self.is_all_day:
            return today in self.days
        if self.opens_at < self.closes_at:
            return today in self.days and self.opens_at <= now < self.closes_at
        # Spans midnight: open late today, or still open from yesterday.
        return (today in self.days and now >= self.opens_at) or (
            yesterday in self.days and now < self.closes_at
        )


def open_service_ids(moment: datetime.datetime) -> set[uuid.UUID]:
    """Identifiers of the services open at `moment`, from one pass over the schedules."""
    schedules = Schedule.objects.only("service_id", "byday", "opens_at", "closes_at", "timezone")
    return {s.service_id for s in schedules if s.is_open_at(moment)}


class ServiceArea(Localized, models.Model):
    """Where a service is offered: one administrative region, or everywhere (no region)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name_fr


LANGUAGE_LABELS = {"fr": _("French"), "en": _("English")}


class Language(models.Model):
    """A language a service is offered in (ISO 639-1 code)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("code"), max_length=8)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="one_language_per_service")
        ]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return str(LANGUAGE_LABELS.get(self.code, self.name))


class Attribute(models.Model):
    """Links a service to a taxonomy term (HSDS attribute with link_entity "service")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="one_attribute")
        ]
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return f"{self.service_id} {self.taxonomy_term_id}"


class SearchWord(models.Model):
    """The index vocabulary: every folded word of the directory, for typo correction and
    completion while typing."""

    word = models.CharField(max_length=80, unique=True)

    def __str__(self) -> str:
        return self.word


class SearchDocument(models.Model):
    """A service's indexed length (sum of field weights), for BM25 length normalisation."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    length = models.FloatField()

    def __str__(self) -> str:
        return f"{self.service_id} ({self.length})"


class SearchPosting(models.Model):
    """One stemmed term of one service, with its field-weighted frequency (BM25 input).

    The service's document length is repeated here so that the database can sum BM25 scores
    without a join."""

    term = models.CharField(max_length=80, db_index=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField()
    length = models.FloatField(default=0.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "service"], name="one_posting_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.term} {self.service_id}"


class SearchIndexState(models.Model):
    """A single row whose version changes whenever the index changes, so that every process
    can tell when its cached vocabulary is stale."""

    version = models.PositiveIntegerField(default=0)
    document_count = models.PositiveIntegerField(default=0)
    average_length = models.FloatField(default=0.0)

    def __str__(self) -> str:
        return f"version {self.version}"
