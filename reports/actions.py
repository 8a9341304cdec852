"""Building, freezing and submitting a network's report; building a council's and the
province's figures from frozen reports."""

from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import record
from networks.models import Membership, Network, Role
from regions.models import RegionalCouncil
from reports.counting import count_networks, empty_counts, helper_facts
from reports.models import Report, ShownPeriod
from reports.periods import Period, is_reportable
from reports.publish import publish_council, publish_network, publish_sum
from support.notifications import send_bilingual


class CannotFreeze(Exception):
    """The period cannot be frozen now; the message says why."""


class AlreadyFrozen(CannotFreeze):
    """The period's report is frozen already (perhaps a moment ago, by someone else)."""

    def __init__(self, report: Report) -> None:
        super().__init__("already_frozen")
        self.report = report


@dataclass
class Built:
    """A report's figures, frozen or not, with the previous period's for comparison."""

    period: Period
    counts: dict
    published: dict
    previous_period: Period
    previous: dict | None
    helpers: dict
    report: Report | None = None


def authorised_hours(helpers: dict, period: Period) -> int | None:
    minutes = helpers.get("authorised_minutes_per_week")
    if not minutes:
        return None
    return round(minutes * helpers["helpers"] * period.weeks / 60)


def frozen_report_of(network: Network, period: Period) -> Report | None:
    return Report.objects.filter(
        network=network, period_start=period.start, period_end=period.end
    ).first()


def overlapping_report(network: Network, period: Period) -> Report | None:
    return Report.objects.filter(network=network).overlapping(period.start, period.end).first()


def partly_overlaps_shown(network: Network, period: Period) -> bool:
    """Whether the period overlaps, without being the same, a period already shown (in a draft
    or a frozen report) of the network."""
    same = {"period_start": period.start, "period_end": period.end}
    shown = ShownPeriod.objects.filter(
        network=network, period_start__lte=period.end, period_end__gte=period.start
    ).exclude(**same)
    frozen = Report.objects.filter(network=network).overlapping(period.start, period.end)
    return shown.exists() or frozen.exclude(**same).exists()


def show_period(network: Network, period: Period) -> bool:
    """Remembers that the network's figures of `period` are being shown, unless it partly
    overlaps a period shown before: then False, and nothing may be shown of it."""
    with transaction.atomic():
        # Two drafts at once must not both pass the check below.
        Network.objects.select_for_update(no_key=True).get(pk=network.pk)
        if partly_overlaps_shown(network, period):
            return False
        ShownPeriod.objects.get_or_create(
            network=network, period_start=period.start, period_end=period.end
        )
    return True


def published_for(network: Network, period: Period) -> tuple[dict, dict] | None:
    """(counts, published) of a period: the frozen report's when one covers exactly that
    period, else freshly counted with the network's threshold. None when the period partly
    overlaps a period shown before (a draft's or a frozen report's): subtracting one from the
    other could show small counts. A period counted here is remembered as shown."""
    frozen = frozen_report_of(network, period)
    if frozen is not None:
        return frozen.counts, frozen.published
    if not show_period(network, period):
        return None
    counts = count_networks([network.pk], period)[network.pk]
    return counts, publish_network(counts, network.report_threshold)


def built_from(report: Report) -> Built:
    """A frozen report's figures: all kept in it, the previous period's included."""
    period = report.period
    previous = report.published["previous"]
    helpers = report.counts["helpers"]
    return Built(
        period, report.counts, report.published, period.previous(), previous, helpers, report
    )


def build_network_report(network: Network, period: Period) -> Built | None:
    """A network's report of `period` (frozen, or as it would be frozen now), or None when the
    period partly overlaps one shown before. Its period and the previous one are remembered
    as shown."""
    frozen = frozen_report_of(network, period)
    if frozen is not None:
        return built_from(frozen)
    current = published_for(network, period)
    if current is None:
        return None
    counts, published = current
    helpers = helper_facts(network)
    published = {**published, "authorised_hours": authorised_hours(helpers, period)}
    previous = published_for(network, period.previous())
    if previous is not None:
        previous = {key: value for key, value in previous[1].items() if key != "previous"}
    return Built(period, counts, published, period.previous(), previous, helpers, None)


def freeze_report(network: Network, period: Period, by: object) -> Report:
    """Freezes the network's report of `period`. Refused for a period that has not ended
    (sheets may still come in) or that partly overlaps a period shown before (subtracting one
    from the other would show small counts). A period frozen already raises AlreadyFrozen,
    also when another freeze of it is under way at the same moment: never a second report."""
    if not is_reportable(period):
        raise CannotFreeze("not_ended")
    try:
        with transaction.atomic():
            # Two coordinators freezing at once: the second sees the first's report and stops.
            Network.objects.select_for_update(no_key=True).get(pk=network.pk)
            frozen = frozen_report_of(network, period)
            if frozen is not None:
                raise AlreadyFrozen(frozen)
            if overlapping_report(network, period) is not None:
                raise CannotFreeze("overlaps")
            built = build_network_report(network, period)
            if built is None:
                raise CannotFreeze("overlaps_shown")
            report = Report.objects.create(
                network=network,
                period_start=period.start,
                period_end=period.end,
                threshold=built.published["k"],
                counts={**built.counts, "helpers": built.helpers},
                published={**built.published, "previous": built.previous},
                frozen_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except (IntegrityError, OperationalError) as error:
        # SQLite has no row locks: the second writer is refused ("database is locked") or
        # meets the unique constraint. Either way the other freeze won, or is about to.
        if isinstance(error, OperationalError) and "locked" not in str(error):
            raise
        frozen = frozen_report_of(network, period)
        if frozen is not None:
            raise AlreadyFrozen(frozen) from None
        raise CannotFreeze("busy") from None
    record(by, "report.frozen", report)
    return report


def submit_report(report: Report, by: object) -> bool:
    """Sends a frozen report to the executive committee and the regional representatives (an
    email with a link, nothing of the report). Returns False when it was already submitted."""
    with transaction.atomic():  # submitted and its email queued together, or neither
        submitted = Report.objects.filter(pk=report.pk, submitted_at__isnull=True).update(
            submitted_at=timezone.now(), submitted_by=by
        )
        if not submitted:
            return False
        record(by, "report.submitted", report)
        network = report.network
        readers = Membership.objects.active().filter(
            role=Role.LIAISON, network=network
        ) | Membership.objects.active().filter(
            role=Role.REGIONAL_REP, council_id=network.council_id
        )
        emails = sorted({m.user.email for m in readers.select_related("user")})
        if emails:
            send_bilingual(
                "reports/email/submitted",
                emails,
                "reports:report",
                {"report_id": report.pk},
                {"network": network.name},
            )
    return True


@dataclass
class CouncilFigures:
    council: RegionalCouncil
    period: Period
    reports: list[Report]
    networks_count: int
    published: dict


def council_reports(council: RegionalCouncil, period: Period) -> QuerySet[Report]:
    """The council's submitted reports whose period lies within `period`."""
    return (
        Report.objects.submitted()
        .filter(
            network__council=council,
            period_start__gte=period.start,
            period_end__lte=period.end,
        )
        .select_related("network")
        .order_by("network__name", "period_start")
    )


def sum_counts(reports: list[Report], period: Period) -> dict:
    total = empty_counts(period)
    for report in reports:
        total["total"] += report.counts["total"]
        total["minutes"] += report.counts["minutes"]
        for name, table in report.counts["tables"].items():
            for category, value in table.items():
                total["tables"][name][category] = total["tables"][name].get(category, 0) + value
        for key, value in report.counts["feedback"].items():
            if key == "answers":
                total["feedback"]["answers"] += value
            else:
                for answer, n in value.items():
                    total["feedback"][key][answer] += n
    return total


def build_council_report(council: RegionalCouncil, year: int) -> CouncilFigures:
    period = Period.year(year)
    reports = list(council_reports(council, period))
    published = publish_council(reports, sum_counts(reports, period), 0)
    return CouncilFigures(council, period, reports, council.networks.count(), published)


def province_figures(year: int) -> tuple[list[CouncilFigures], dict, int]:
    """Every council's figures for the year, the province's total, and the threshold it was
    protected with (the highest of the councils')."""
    figures = [build_council_report(c, year) for c in RegionalCouncil.objects.order_by("pk")]
    parts = {
        figure.council.pk: (
            sum(r.counts["total"] for r in figure.reports),
            figure.published["total"],
            figure.published["k"],
        )
        for figure in figures
    }
    k = max([5, *[figure.published["k"] for figure in figures]])
    return figures, publish_sum(parts, k), k


def years_with_reports(reports: QuerySet[Report]) -> list[int]:
    years = {d.year for d in reports.values_list("period_start", flat=True)}
    return sorted(years) or [timezone.localdate().year - 1]
