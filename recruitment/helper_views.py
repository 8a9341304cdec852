"""Peer helpers: the confidentiality pledge, their own profile, and the committee's list of
helpers (training, pledge, away; never the helper's lived-experience topics)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from networks.access import network_for_user
from networks.models import Membership
from recruitment.access import (
    REVIEWERS,
    helper_memberships_for_user,
    memberships_awaiting_pledge,
    own_helper_profile,
)
from recruitment.actions import set_training, sign_pledge, update_helper_profile
from recruitment.forms import HelperProfileForm, PledgeForm, TrainingForm, slot_formset, slots_from
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION, changes_template, pledge_template


@staff_required
def pledge(request: HttpRequest) -> HttpResponse:
    awaiting = memberships_awaiting_pledge(request.user)
    form = PledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and awaiting and form.is_valid():
        for membership in awaiting:
            sign_pledge(membership, request.user)
        messages.success(request, _("Thank you. Your pledge is recorded."))
        return redirect("accounts:home")
    signed_before = (
        HelperProfile.objects.filter(membership__in=awaiting).signed_an_older_pledge().exists()
    )
    context = {
        "awaiting": awaiting,
        "signed_before": signed_before,
        "form": form,
        "pledge_text": pledge_template(),
        "changes_text": changes_template(),
        "version": CURRENT_PLEDGE_VERSION,
    }
    return render(request, "recruitment/pledge.html", context)


@staff_required
def profile(request: HttpRequest, membership_id: int) -> HttpResponse:
    helper_profile = own_helper_profile(request.user, membership_id)
    data = request.POST if request.method == "POST" else None
    form = HelperProfileForm(data, profile=helper_profile)
    slots = slot_formset(helper_profile, data)
    if request.method == "POST" and form.is_valid() and slots.is_valid():
        choices = {**form.cleaned_data, "slots": slots_from(slots)}
        update_helper_profile(helper_profile, request.user, choices)
        messages.success(request, _("Your profile is saved."))
        return redirect("recruitment:profile", membership_id=membership_id)
    context = {
        "profile": helper_profile,
        "network": helper_profile.membership.network,
        "form": form,
        "slots": slots,
    }
    return render(request, "recruitment/profile.html", context)


@staff_required
def helpers(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, REVIEWERS)
    memberships = list(helper_memberships_for_user(request.user, network))
    posted = None
    if request.method == "POST":
        row = request.POST.get("membership", "")
        posted = TrainingForm(request.POST, auto_id=f"id_%s_{row}" if row.isdigit() else "id_%s")
    if posted is not None and posted.is_valid():
        chosen = next((m for m in memberships if m.pk == posted.cleaned_data["membership"]), None)
        if chosen is None:
            messages.error(request, _("This person is not a helper of this network."))
        else:
            data = posted.cleaned_data
            set_training(chosen, request.user, data["training"], data["trained_on"])
            messages.success(
                request,
                _("Training updated for %(name)s.") % {"name": chosen.user.display_name},
            )
        return redirect("recruitment:helpers", network_id=network.pk)
    rows = [(m, profile_or_none(m), training_form(m, posted)) for m in memberships]
    return render(request, "recruitment/helpers.html", {"network": network, "rows": rows})


def profile_or_none(membership: Membership) -> HelperProfile | None:
    try:
        return membership.helper_profile
    except HelperProfile.DoesNotExist:
        return None


def training_form(membership: Membership, posted: TrainingForm | None) -> TrainingForm:
    """The row's form: the one just posted with its errors, or one showing the current state."""
    if posted is not None and str(membership.pk) == str(posted.data.get("membership")):
        return posted
    profile = profile_or_none(membership)
    return TrainingForm(
        initial={
            "membership": membership.pk,
            "training": profile.training if profile else HelperProfile.Training.NONE,
            "trained_on": profile.trained_on if profile else None,
        },
        auto_id=f"id_%s_{membership.pk}",
    )
