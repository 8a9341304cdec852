"""The committee's review of applications: the coordinator of the network and administrators."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from audit.models import record
from networks.access import network_for_user
from recruitment.access import REVIEWERS, application_for_user, applications_for_user
from recruitment.actions import (
    InvitationFailed,
    StatusChangeRefused,
    accept_application,
    decline_application,
    invite_applicant,
    mark_met,
)
from recruitment.forms import ROLE_CHOICES, InviteForm
from recruitment.models import DAYS_KEPT_AFTER_DECISION, Application
from recruitment.poster import public_page_url


@staff_required
def application_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, REVIEWERS)
    applications = list(applications_for_user(request.user, network))
    sections = [
        (status, label, [a for a in applications if a.status == status])
        for status, label in Application.Status.choices
    ]
    record(request.user, "application.listed", network)
    context = {
        "network": network,
        "sections": sections,
        "total": len(applications),
        "public_url": public_page_url(request, network),
        "days_kept": DAYS_KEPT_AFTER_DECISION,
    }
    return render(request, "recruitment/review/list.html", context)


@staff_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = application_for_user(request.user, application_id)
    record(request.user, "application.viewed", application)
    return render(request, "recruitment/review/detail.html", detail_context(application))


def detail_context(application: Application, invite_form: InviteForm | None = None) -> dict:
    if invite_form is None:
        wanted = [role for role in application.roles if role in dict(ROLE_CHOICES)]
        invite_form = InviteForm(initial={"role": wanted[0] if wanted else None})
    return {
        "application": application,
        "network": application.network,
        "invite_form": invite_form,
    }


def step_view(
    change: Callable[[Application, object], None], done: Promise
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST-only view that moves an application one step (met, accepted, declined)."""

    @staff_required
    @require_POST
    def view(request: HttpRequest, application_id: int) -> HttpResponse:
        application = application_for_user(request.user, application_id)
        try:
            change(application, request.user)
        except StatusChangeRefused:
            messages.error(request, _("This application is already past that step."))
        else:
            messages.success(request, str(done))
        return redirect("recruitment:application", application_id=application.pk)

    return view


mark_met_view = step_view(mark_met, gettext_lazy("Marked as met."))
accept_view = step_view(
    accept_application, gettext_lazy("Accepted. You can now invite this person to the network.")
)
decline_view = step_view(decline_application, gettext_lazy("Declined."))


@staff_required
@require_POST
def invite_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = application_for_user(request.user, application_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return render(request, "recruitment/review/detail.html", detail_context(application, form))
    try:
        site = f"{request.scheme}://{request.get_host()}"
        invite_applicant(application, request.user, form.cleaned_data["role"], site)
    except StatusChangeRefused:
        messages.error(request, _("Accept the application before inviting this person."))
    except InvitationFailed as failure:
        messages.error(request, str(failure) or _("The invitation could not be sent."))
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s.") % {"email": application.email},
        )
    return redirect("recruitment:application", application_id=application.pk)
