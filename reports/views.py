"""A network's reports: the list, a draft for a period, freezing, the frozen report (page, PDF,
CSV) and its submission to the executive committee and the regional representative."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from audit.models import record
from networks.access import MANAGERS, holds_role, network_for_user
from networks.navigation import network_links
from reports import exports
from reports.access import READERS, managed_report_for_user, report_for_user, reports_for_user
from reports.actions import (
    AlreadyFrozen,
    Built,
    CannotFreeze,
    build_network_report,
    built_from,
    freeze_report,
    frozen_report_of,
    submit_report,
)
from reports.charts import charted
from reports.forms import PeriodForm
from reports.models import Report
from reports.periods import is_reportable, last_reportable_month, months_before
from reports.tables import tables_of, total_row

CANNOT_FREEZE = {
    "not_ended": gettext_lazy(
        "This period is not closed yet. Sheets can be recorded until the end of the following "
        "month, so a report can be built once that month is over."
    ),
    "overlaps": gettext_lazy(
        "This period overlaps a report already frozen. Reports of a network cover separate "
        "periods, so that no small count can be found by subtracting one from another."
    ),
    "overlaps_shown": gettext_lazy(
        "This period overlaps, without being the same, a period already shown for this network. "
        "Only the same period can be shown again, so that no small count can be found by "
        "subtracting one from another."
    ),
    "busy": gettext_lazy(
        "Another freeze of this network's report is under way. Try again in a moment."
    ),
}


def report_context(network: object, built: Built) -> dict:
    tables = tables_of(built.published, built.previous)
    return {
        "network": network,
        "built": built,
        "published": built.published,
        "total": total_row(built.published, built.previous),
        "tables": charted(tables),
        "k": built.published["k"],
    }


def reports_page(
    request: HttpRequest, network: object, form: PeriodForm, status: int = 200
) -> HttpResponse:
    context = {
        "network": network,
        "links": network_links(request.user, network, "reports:network"),
        "reports": list(reports_for_user(request.user, network)),
        "form": form,
        "may_build": holds_role(request.user, network, MANAGERS),
    }
    return render(request, "reports/network_reports.html", context, status=status)


@staff_required
def network_reports(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, READERS)
    last = last_reportable_month()
    first = months_before(last, 11)
    form = PeriodForm(initial={"start": f"{first:%Y-%m}", "end": f"{last:%Y-%m}"})
    return reports_page(request, network, form)


@staff_required
def draft(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return reports_page(request, network, form, status=400)
    period = form.cleaned_data["period"]
    frozen = frozen_report_of(network, period)
    if frozen is not None:
        return redirect("reports:report", report_id=frozen.pk)
    if not is_reportable(period):
        # Months still open would show each new sheet from one draft to the next.
        messages.error(request, CANNOT_FREEZE["not_ended"])
        return redirect("reports:network", network_id=network.pk)
    built = build_network_report(network, period)
    if built is None:
        messages.error(request, CANNOT_FREEZE["overlaps_shown"])
        return redirect("reports:network", network_id=network.pk)
    record(request.user, "report.previewed", network)
    return render(request, "reports/report.html", report_context(network, built))


@staff_required
@require_POST
def freeze(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the first and last month of the period."))
        return redirect("reports:network", network_id=network.pk)
    try:
        report = freeze_report(network, form.cleaned_data["period"], request.user)
    except AlreadyFrozen as refusal:
        messages.info(request, _("This period's report is already frozen. Here it is."))
        return redirect("reports:report", report_id=refusal.report.pk)
    except CannotFreeze as refusal:
        messages.error(request, CANNOT_FREEZE[str(refusal)])
        return redirect("reports:network", network_id=network.pk)
    messages.success(request, _("The report is frozen. It will never change."))
    return redirect("reports:report", report_id=report.pk)


def frozen_context(request: HttpRequest, report: Report) -> dict:
    context = report_context(report.network, built_from(report))
    context["report"] = report
    context["may_submit"] = holds_role(request.user, report.network, MANAGERS)
    return context


@staff_required
def report_page(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_for_user(request.user, report_id)
    record(request.user, "report.viewed", report)
    return render(request, "reports/report.html", frozen_context(request, report))


@staff_required
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_for_user(request.user, report_id)
    record(request.user, "report.viewed", report)
    return exports.pdf_response(request, frozen_context(request, report), report)


@staff_required
def report_csv(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_for_user(request.user, report_id)
    record(request.user, "report.viewed", report)
    return exports.csv_response(frozen_context(request, report), report)


@staff_required
@require_POST
def submit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = managed_report_for_user(request.user, report_id)
    if submit_report(report, request.user):
        messages.success(
            request,
            _(
                "The report is submitted. The executive committee and the regional representative "
                "are told by email."
            ),
        )
    else:
        messages.info(request, _("This report was already submitted."))
    return redirect("reports:report", report_id=report.pk)
