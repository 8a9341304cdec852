from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import sign_in
from accounts.decorators import has_confirmed_device, staff_required
from accounts.forms import InviteForm, NewAccountForm
from accounts.invitations import (
    InvitationRefused,
    accept_invitation,
    create_account_from_invitation,
    create_invitation,
    may_invite,
    usable_invitation,
)
from accounts.models import INVITATION_LIFETIME, Invitation, User


@staff_required
def invite(request: HttpRequest) -> HttpResponse:
    if not may_invite(request.user):
        raise Http404
    form = InviteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_invitation(
                request.user,
                data["email"],
                data["role"],
                network=data["network"],
                council=data.get("council"),
                site=f"{request.scheme}://{request.get_host()}",
            )
        except InvitationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works for %(days)s days.")
                % {"email": data["email"], "days": INVITATION_LIFETIME.days},
            )
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form, "days": INVITATION_LIFETIME.days})


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link from the invitation email. Unknown, used and expired links all get the
    same page."""
    found = usable_invitation(token)
    if found is None:
        return not_valid(request)
    account = User.objects.filter(email__iexact=found.email).first()
    if account is None:
        return accept_with_new_account(request, found)
    return accept_with_existing_account(request, found, account)


def not_valid(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_not_valid.html",
        {"days": INVITATION_LIFETIME.days},
        status=404,
    )


def accept_with_new_account(request: HttpRequest, found: Invitation) -> HttpResponse:
    form = NewAccountForm(found.email, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_account_from_invitation(
                found, form.cleaned_data["display_name"], form.cleaned_data["password1"]
            )
        except InvitationRefused:
            return not_valid(request)
        sign_in.sign_in_without_second_factor(request, user)
        return redirect("accounts:enrol")
    return render(
        request, "accounts/invitation_new_account.html", {"invitation": found, "form": form}
    )


def accept_with_existing_account(
    request: HttpRequest, found: Invitation, account: User
) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        messages.info(request, _("You already have an account: sign in to accept the invitation."))
        return redirect_to_login(request.get_full_path())
    if user.pk != account.pk:
        return render(request, "accounts/invitation_other_account.html")
    if not user.is_verified():
        if not has_confirmed_device(user):
            return redirect("accounts:enrol")
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            accept_invitation(found, user)
        except InvitationRefused:
            return not_valid(request)
        messages.success(request, _("Invitation accepted: your new role is in your space."))
        return redirect("accounts:home")
    return render(request, "accounts/invitation_accept.html", {"invitation": found})
