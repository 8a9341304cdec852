"""Figures above the network: a council's (for its regional representatives), the province's
(for administrators) and a joint network's totals and business case (for its employer
representative). All are built from submitted frozen reports, never from sheets."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from audit.models import record
from networks.access import council_for_user
from reports.access import employer_network_for_user, require_admin
from reports.actions import build_council_report, province_figures, years_with_reports
from reports.charts import bar_chart, charted
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
    by_year = {y: build_council_report(council, y) for y in {*years, year}}
    figures = by_year[year]
    k = figures.published["k"]
    trend = [row_of(str(y), by_year[y].published["total"], k) for y in years]
    record(request.user, "council_report.viewed", council)
    context = {
        "council": council,
        "figures": figures,
        "year": year,
        "years": years,
        "total": total_row(figures.published),
        "tables": charted(tables_of(figures.published)),
        "trend": trend,
        "trend_chart": bar_chart(trend, _("Interventions by year")),
        "k": k,
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
    figures, total, k = province_figures(year)
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


def employer_totals(report: Report) -> dict:
    """What an employer reads of a submitted report: totals, never a table."""
    published, k = report.published, report.published["k"]
    return {
        "report": report,
        "total": row_of(_("Interventions"), published["total"], k),
        "eap": row_of(_("Referrals to the EAP"), published["tables"]["referral"]["eap"], k),
        "hours": published["helper_hours"],
        "authorised": published["authorised_hours"],
        "feedback": published["feedback"],
    }


@staff_required
def employer(request: HttpRequest, network_id: int) -> HttpResponse:
    network = employer_network_for_user(request.user, network_id)
    reports = Report.objects.submitted().filter(network=network)
    record(request.user, "employer_page.viewed", network)
    context = {
        "network": network,
        "rows": [employer_totals(report) for report in reports],
        "case": BusinessCase.objects.filter(network=network).first(),
    }
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
        use = employer_totals(last)
        use["months"] = len(last.period.months())
        use["costs"] = case.costs_for(use["months"], Decimal(use["hours"] or 0))
        interventions = use["total"].value
        use["per_intervention"] = (
            (use["costs"] / interventions).quantize(Decimal("0.01")) if interventions else None
        )
    context = {"network": network, "form": form, "case": case, "use": use}
    return render(request, "reports/business_case.html", context)
