"""A network's start-up checklist and action plan."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from networks.access import (
    MANAGERS,
    OVERSEERS,
    STARTUP_EDITORS,
    activities_for_user,
    activity_for_user,
    holds_role,
    network_for_user,
    network_memberships_for_user,
    startup_step_for_user,
    startup_steps_for_user,
)
from networks.actions import (
    cancel_activity,
    change_activity,
    ensure_startup_steps,
    mark_activity_done,
    plan_activity,
    update_startup_step,
)
from networks.forms import ActivityEditForm, ActivityForm, StartupStepForm, activity_initial
from networks.models import Activity, next_mutual_aid_day
from networks.navigation import network_links


@staff_required
def startup(request: HttpRequest, network_id: int) -> HttpResponse:
    """The six start-up steps; the coordinator, the regional representative and administrators
    update one step at a time."""
    network = network_for_user(request.user, network_id, OVERSEERS)
    ensure_startup_steps(network)
    failed = None
    if request.method == "POST":
        step = startup_step_for_user(request.user, network, request.POST.get("step"))
        form = StartupStepForm.for_step(step, request.POST)
        if form.is_valid():
            update_startup_step(step, **form.cleaned_data)
            messages.success(request, _("Step %(number)s was saved.") % {"number": step.number})
            url = reverse("networks:startup", args=[network.pk])
            return redirect(f"{url}#step-{step.number}")
        failed = form
    may_edit = holds_role(request.user, network, STARTUP_EDITORS)
    steps = list(startup_steps_for_user(request.user, network))
    rows = []
    for step in steps:
        form = None
        if failed is not None and failed.prefix == f"step-{step.number}":
            form = failed
        elif may_edit:
            form = StartupStepForm.for_step(step)
        rows.append((step, form))
    return render(
        request,
        "networks/startup.html",
        {
            "network": network,
            "rows": rows,
            "current": next((step for step in steps if not step.is_done), None),
            "links": network_links(request.user, network, "networks:startup"),
        },
    )


@staff_required
def plan(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, OVERSEERS)
    today = timezone.localdate()
    activities = activities_for_user(request.user, network).select_related("owner__user")
    suggested_day = next_mutual_aid_day(today)
    day_is_planned = (
        activities.filter(kind=Activity.Kind.MUTUAL_AID_DAY, date=suggested_day)
        .exclude(status=Activity.Status.CANCELLED)
        .exists()
    )
    return render(
        request,
        "networks/plan.html",
        {
            "network": network,
            "upcoming": activities.filter(date__gte=today).order_by("date", "pk"),
            "past": activities.filter(date__lt=today).order_by("-date", "-pk"),
            "suggested_day": None if day_is_planned else suggested_day,
            "may_manage": holds_role(request.user, network, MANAGERS),
            "links": network_links(request.user, network, "networks:plan"),
        },
    )


@staff_required
def activity_new(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    owners = network_memberships_for_user(request.user, network, MANAGERS)
    initial = activity_initial(request.GET.get("kind"), next_mutual_aid_day(timezone.localdate()))
    form = ActivityForm(
        request.POST or None, instance=Activity(network=network), owners=owners, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        plan_activity(network, **form.cleaned_data)
        messages.success(request, _("The activity was added to the plan."))
        return redirect("networks:plan", network_id=network.pk)
    return render(
        request,
        "networks/activity_form.html",
        {"network": network, "form": form, "activity": None},
    )


@staff_required
def activity_edit(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    activity = activity_for_user(request.user, network, activity_id)
    owners = network_memberships_for_user(request.user, network, MANAGERS)
    form = ActivityEditForm(request.POST or None, instance=activity, owners=owners)
    if request.method == "POST" and form.is_valid():
        change_activity(activity, **form.cleaned_data)
        messages.success(request, _("The activity was saved."))
        return redirect("networks:plan", network_id=network.pk)
    return render(
        request,
        "networks/activity_form.html",
        {"network": network, "form": form, "activity": activity},
    )


@staff_required
@require_POST
def activity_done(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    activity = mark_activity_done(activity_for_user(request.user, network, activity_id))
    messages.success(request, _("“%(title)s” is marked done.") % {"title": activity.title})
    return redirect("networks:plan", network_id=network.pk)


@staff_required
@require_POST
def activity_cancel(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    activity = cancel_activity(activity_for_user(request.user, network, activity_id))
    messages.success(request, _("“%(title)s” is cancelled.") % {"title": activity.title})
    return redirect("networks:plan", network_id=network.pk)
