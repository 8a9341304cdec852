"""A frozen report as a PDF (WeasyPrint, from the same template as the page) and as CSV (one row
per cell, as shown: "< 5" stays "< 5"; a cell a spreadsheet would read as a formula is quoted)."""

import io

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lib.pdf import html_to_pdf
from lib.spreadsheet import SafeWriter
from reports.models import Report

STYLESHEET = "reports/report-print.css"


def file_name(report: Report, extension: str) -> str:
    period = f"{report.period_start:%Y-%m}-{report.period_end:%Y-%m}"
    return f"report-{report.network.code}-{period}.{extension}"


def pdf_response(request: HttpRequest, context: dict, report: Report) -> HttpResponse:
    html = render_to_string("reports/report_print.html", context, request=request)
    try:
        pdf = html_to_pdf(html, STYLESHEET)
    except OSError:
        message = _("This server cannot make PDF files. Print the report page from your browser.")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, "pdf")}"'
    return response


def csv_response(context: dict, report: Report) -> HttpResponse:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow([_("table"), _("category"), _("count"), _("change from the previous period")])
    total = context["total"]
    writer.writerow([_("Total"), total.label, total.shown, total.change_shown])
    for table, _chart in context["tables"]:
        for row in table.rows:
            writer.writerow([str(table.title), row.label, row.shown, row.change_shown])
    published = context["published"]
    if published.get("helper_hours") is not None:
        writer.writerow([_("Time"), _("helper hours"), published["helper_hours"], ""])
    if published.get("authorised_hours") is not None:
        writer.writerow([_("Time"), _("authorised hours"), published["authorised_hours"], ""])
    response = HttpResponse(
        "\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8"
    )  # the byte-order mark lets spreadsheet programs read the accents
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, "csv")}"'
    return response
