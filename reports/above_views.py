"""Figures above the network: a council's (for its regional representatives), the province's
(for administrators) and a joint network's totals and business case (for its employer
representative). All are built from submitted frozen reports, never from sheets."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from audit.models import record
from networks.access import council_for_user
from reports.access import employer_network_for_user, require_admin
from reports.actions import (
    build_council_report,
    council_trend,
    province_figures,
    years_with_reports,
)
from reports.charts import bar_chart
from reports.forms import BusinessCaseForm
from reports.models import BusinessCase, Report
from reports.tables import row_of, tables_of, total_row


def chosen_year(request: HttpRequest, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[-1]
    return year if 1990 <= year <= 2100 else years[-1]


@staff_required
def council(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user(request.user, council_id)
    submitted = Report.objects.submitted().filter(network__council=council)
    years = years_with_reports(submitted)
    year = chosen_year(request, years)
    figures = build_council_report(council, year)
    tables = tables_of(figures.published)
    trend = [
        row_of(str(y), total, figures.published["k"]) for y, total in council_trend(council, years)
    ]
    record(request.user, "council_report.viewed", council)
    context = {
        "council": council,
        "figures": figures,
        "year": year,
        "years": years,
        "total": total_row(figures.published),
        "tables": [(table, bar_chart(table.rows, str(table.title))) for table in tables],
        "trend": trend,
        "trend_chart": bar_chart(trend, _("Interventions by year")),
        "k": figures.published["k"],
        "network_reports": submitted.select_related("network").order_by(
            "network__name", "-period_start"
        ),
    }
    return render(request, "reports/council.html", context)


@staff_required
def province(request: HttpRequest) -> HttpResponse:
    require_admin(request.user)
    years = years_with_reports(Report.objects.submitted())
    year = chosen_year(request, years)
    figures, total = province_figures(year)
    k = max([5, *[f.published["k"] for f in figures]])
    rows = [row_of(f.council.t.name, f.published["total"], k) for f in figures]
    context = {
        "year": year,
        "years": years,
        "rows": list(zip(figures, rows, strict=True)),
        "total": row_of(_("Province"), total, k),
        "chart": bar_chart(rows, _("Interventions by regional council")),
        "k": k,
    }
    return render(request, "reports/province.html", context)


def hours_of(report: Report) -> Decimal:
    return Decimal(report.published.get("helper_hours") or 0)


@staff_required
def employer(request: HttpRequest, network_id: int) -> HttpResponse:
    network = employer_network_for_user(request.user, network_id)
    case = BusinessCase.objects.filter(network=network).first()
    rows = []
    for report in Report.objects.submitted().filter(network=network):
        published, k = report.published, report.published["k"]
        rows.append(
            {
                "report": report,
                "total": row_of(_("Interventions"), published["total"], k),
                "eap": row_of(_("Referrals to the EAP"), published["tables"]["referral"]["eap"], k),
                "hours": published.get("helper_hours"),
                "authorised": published.get("authorised_hours"),
                "feedback": published["feedback"],
            }
        )
    record(request.user, "employer_page.viewed", network)
    context = {"network": network, "rows": rows, "case": case}
    return render(request, "reports/employer.html", context)


@staff_required
def business_case(request: HttpRequest, network_id: int) -> HttpResponse:
    network = employer_network_for_user(request.user, network_id)
    case = BusinessCase.objects.filter(network=network).first() or BusinessCase(network=network)
    form = BusinessCaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.updated_by = request.user
        case.save()
        record(request.user, "business_case.changed", case)
        messages.success(request, _("The business case is saved."))
        return redirect("reports:business_case", network_id=network.pk)
    last = Report.objects.submitted().filter(network=network).first()
    use = None
    if last is not None:
        months = len(last.counts["tables"]["month"])
        costs = case.costs_for(months, hours_of(last))
        interventions = last.published["total"].get("value")
        use = {
            "report": last,
            "total": row_of(_("Interventions"), last.published["total"], last.published["k"]),
            "eap": row_of(
                _("Referrals to the EAP"),
                last.published["tables"]["referral"]["eap"],
                last.published["k"],
            ),
            "hours": last.published.get("helper_hours"),
            "authorised": last.published.get("authorised_hours"),
            "costs": costs,
            "months": months,
            "per_intervention": (
                (costs / interventions).quantize(Decimal("0.01")) if interventions else None
            ),
        }
    context = {
        "network": network,
        "form": form,
        "case": case,
        "use": use,
        "today": datetime.date.today(),
    }
    return render(request, "reports/business_case.html", context)
