from django.contrib import messages
from django.contrib.auth import logout as end_session
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as mark_second_factor_verified
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import sign_in
from accounts.decorators import has_confirmed_device, staff_required
from accounts.forms import CodeForm, EnrolForm, SignInForm
from accounts.invitations import may_invite
from accounts.two_factor import (
    CodeCheck,
    confirm_totp_device,
    pending_totp_device,
    qr_code_data_uri,
    recovery_codes_left,
    replace_recovery_codes,
    secret_of,
    verify_second_factor,
)
from audit.models import record
from networks.access import is_admin, memberships_of
from recruitment.access import pledge_needed_by


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/home.html",
        {
            "memberships": memberships_of(request.user),
            "may_invite": may_invite(request.user),
            "is_admin": is_admin(request.user),
            "recovery_codes_left": recovery_codes_left(request.user),
            "pledge_needed": pledge_needed_by(request.user),
        },
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    end_session(request)
    return redirect("public:home")


def login(request: HttpRequest) -> HttpResponse:
    """Step 1: email and password."""
    next_url = sign_in.safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(next_url or "accounts:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, user = sign_in.check_password(
            request, form.cleaned_data["email"], form.cleaned_data["password"]
        )
        if outcome is sign_in.PasswordCheck.LOCKED:
            return locked(request)
        if outcome is sign_in.PasswordCheck.RIGHT:
            if not has_confirmed_device(user):
                sign_in.sign_in_without_second_factor(request, user)
                return redirect("accounts:enrol")
            sign_in.wait_for_code(request, user, next_url)
            return redirect("accounts:login_code")
        form.add_error(None, sign_in.WRONG_PASSWORD)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def locked(request: HttpRequest) -> HttpResponse:
    sign_in.forget_pending_sign_in(request)
    return render(
        request,
        "accounts/login.html",
        {"form": SignInForm(), "locked_message": sign_in.locked_message()},
    )


def login_code(request: HttpRequest) -> HttpResponse:
    """Step 2: a code from the app, or a recovery code."""
    user, next_url = sign_in.pending_sign_in(request)
    if user is None:
        if request.user.is_authenticated and request.user.is_verified():
            return redirect("accounts:home")
        return redirect("accounts:login")
    if user.is_locked():
        return locked(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, device = verify_second_factor(user, form.cleaned_data["code"])
        if outcome is CodeCheck.RIGHT:
            sign_in.finish_sign_in(request, user, device)
            if isinstance(device, StaticDevice):
                warn_about_recovery_codes(request)
            return redirect(next_url or "accounts:home")
        if outcome is CodeCheck.TOO_SOON:
            form.add_error(None, sign_in.TOO_SOON)
        elif sign_in.record_failure(user):
            return locked(request)
        else:
            form.add_error(None, sign_in.WRONG_CODE)
    return render(request, "accounts/login_code.html", {"form": form})


def warn_about_recovery_codes(request: HttpRequest) -> None:
    left = recovery_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "You used a recovery code. You have %(count)d left: make new ones if you lost "
            "your phone.",
            "You used a recovery code. You have %(count)d left: make new ones if you lost "
            "your phone.",
            left,
        )
        % {"count": left},
    )


def enrol(request: HttpRequest) -> HttpResponse:
    """Every account adds an authenticator app before anything else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if has_confirmed_device(request.user):
        return redirect("accounts:home")
    device = pending_totp_device(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = confirm_totp_device(device, form.cleaned_data["code"])
        if outcome is CodeCheck.RIGHT:
            device.refresh_from_db()
            request.session.cycle_key()
            mark_second_factor_verified(request, device)
            request.user.record_successful_login()
            record(request.user, "account.enrolled", device)
            codes = replace_recovery_codes(request.user)
            return render(request, "accounts/recovery_codes_shown.html", {"codes": codes})
        form.add_error(
            None, sign_in.TOO_SOON if outcome is CodeCheck.TOO_SOON else sign_in.WRONG_CODE
        )
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "secret": secret_of(device), "qr_code": qr_code_data_uri(device)},
    )


@staff_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = replace_recovery_codes(request.user)
        record(request.user, "account.recovery_codes_replaced", request.user)
        return render(request, "accounts/recovery_codes_shown.html", {"codes": codes})
    return render(
        request, "accounts/recovery_codes.html", {"left": recovery_codes_left(request.user)}
    )
