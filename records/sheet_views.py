"""The peer helper's reporting sheets: record one after an intervention (or from a closed
conversation), and see and correct one's own sheets while their month is open."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import staff_required
from records.access import intervention_for_user, interventions_for_user
from records.forms import SheetForm, initial_from
from records.sheets import (
    SheetAnswers,
    SheetLocked,
    answers_from_request,
    correct_sheet,
    is_open_month,
    month_choices,
    record_sheet,
)
from support.access import help_request_for_user, helper_memberships
from support.models import HelpRequest

# The form offers open months only; a month can close between showing the form and saving it.
CLOSED_MONTH = gettext_lazy("This month is now closed: choose this month or last month.")


def sheet_answers(sheet: object) -> SheetAnswers:
    return SheetAnswers(
        month=sheet.month,
        contact_type=sheet.contact_type,
        initiated_by=sheet.initiated_by,
        time_band=sheet.time_band,
        topics=sheet.topic_values(),
        referrals=sheet.referral_values(),
        services=list(sheet.services.all()),
        follow_up=sheet.follow_up,
    )


@staff_required
def sheet_list(request: HttpRequest) -> HttpResponse:
    sheets = interventions_for_user(request.user)
    current = list(sheets.filter(month__in=month_choices()).prefetch_related("topics"))
    context = {"sheets": current, "older_count": sheets.count() - len(current)}
    return render(request, "records/sheets.html", context)


@staff_required
def sheet_new(request: HttpRequest) -> HttpResponse:
    helpers = helper_memberships(request.user)
    help_request = None
    request_id = request.POST.get("request") or request.GET.get("request")
    if request_id:
        help_request = help_request_for_user(request.user, request_id)
        if help_request.status not in (HelpRequest.Status.CLOSED, HelpRequest.Status.DESTROYED):
            help_request = None
        elif hasattr(help_request, "sheet"):
            messages.info(request, _("This conversation already has its reporting sheet."))
            return redirect("records:sheet_edit", sheet_id=help_request.sheet.pk)
        else:
            helpers = [m for m in helpers if m.pk == help_request.helper_id]
    initial = initial_from(answers_from_request(help_request)) if help_request else {}
    if help_request is None:
        initial["initiated_by"] = "person"
    form = SheetForm(request.POST or None, helpers=helpers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_sheet(form.cleaned_data["helper"], form.answers(), help_request)
        except SheetLocked:
            form.add_error("month", CLOSED_MONTH)
        else:
            messages.success(request, _("Thank you. The sheet is recorded."))
            return redirect("records:sheets")
    context = {"form": form, "help_request": help_request}
    return render(request, "records/sheet_form.html", context)


@staff_required
def sheet_edit(request: HttpRequest, sheet_id: int) -> HttpResponse:
    sheet = intervention_for_user(request.user, sheet_id)
    if not is_open_month(sheet.month):
        return render(request, "records/sheet_locked.html", {"sheet": sheet}, status=409)
    helpers = [sheet.helper] if sheet.helper else []
    form = SheetForm(
        request.POST or None, helpers=helpers, initial=initial_from(sheet_answers(sheet))
    )
    if request.method == "POST" and form.is_valid():
        try:
            correct_sheet(sheet, form.answers(), request.user)
        except SheetLocked:
            form.add_error("month", CLOSED_MONTH)
        else:
            messages.success(request, _("The sheet is corrected."))
            return redirect("records:sheets")
    return render(request, "records/sheet_form.html", {"form": form, "sheet": sheet})
