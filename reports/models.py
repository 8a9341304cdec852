"""Frozen reports and the inputs of a joint network's business case.

A report is a release of counts for one network and one period, made by the committee
coordinator. Once frozen it never changes: it keeps the counts it was built from (`counts`, never
shown to anyone) and what may be shown of them after disclosure control (`published`), with the
threshold it used. Council and province figures are built from frozen reports only.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from reports.periods import Period


class FrozenReportChanged(Exception):
    """A frozen report cannot be changed."""


class ReportQuerySet(models.QuerySet):
    def submitted(self) -> "ReportQuerySet":
        return self.filter(submitted_at__isnull=False)

    def overlapping(self, start: object, end: object) -> "ReportQuerySet":
        return self.filter(period_start__lte=end, period_end__gte=start)


class Report(models.Model):
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("from"))  # the first day of a month
    period_end = models.DateField(_("to"))  # the last day of a month
    threshold = models.PositiveSmallIntegerField(_("smallest count shown"))
    counts = models.JSONField()
    published = models.JSONField()
    frozen_at = models.DateTimeField(_("frozen on"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"
            ),
            # Two freezes of one period at once: the second fails here, never makes a twin.
            models.UniqueConstraint(
                fields=["network", "period_start", "period_end"], name="report_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.period_start:%Y-%m} {self.period_end:%Y-%m}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise FrozenReportChanged
        super().save(*args, **kwargs)

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ShownPeriod(models.Model):
    """A period whose figures a network's draft has shown (or a frozen report holds). A period
    that partly overlaps one already shown is never shown: subtracting the two would give the
    months that differ, small counts included."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="shown_periods")
    period_start = models.DateField()
    period_end = models.DateField()
    first_shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "period_start", "period_end"], name="shown_period_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.period_start:%Y-%m} {self.period_end:%Y-%m}"


def money(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )


class BusinessCase(models.Model):
    """What a joint network's program costs in a year, as the employer and the committee
    estimate it (seed 002's list of costs). Editable; never tied to a person."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="business_case")
    training_per_helper = money(_("training, per new helper"))
    certification_per_helper = money(_("certification, per new helper"))
    new_helpers_per_year = models.PositiveSmallIntegerField(
        _("new helpers trained per year"), default=0
    )
    supervision_per_year = money(_("supervision of the helpers, per year"))
    management_per_year = money(_("program management, per year"))
    travel_per_year = money(_("travel and meeting expenses, per year"))
    helper_hourly_cost = money(_("cost of an hour of a helper's work time"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self) -> str:
        return f"business case {self.network_id}"

    @property
    def training_costs(self) -> Decimal:
        per_helper = self.training_per_helper + self.certification_per_helper
        return per_helper * self.new_helpers_per_year

    def costs_for(self, months: int, helper_hours: Decimal) -> Decimal:
        """What the program cost over `months` months in which helpers gave `helper_hours`."""
        yearly = (
            self.training_costs
            + self.supervision_per_year
            + self.management_per_year
            + self.travel_per_year
        )
        total = yearly * months / 12 + self.helper_hourly_cost * helper_hours
        return total.quantize(Decimal("0.01"))
