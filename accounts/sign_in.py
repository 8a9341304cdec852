"""Signing in takes two steps: the password, then a code. Between them the session holds only
the id of the account waiting for its code; the person is signed in after the code.

Five failures in a row, passwords and codes together, lock the account for 30 minutes. The
count lives on the account's row, so every process sees it.
"""

import datetime
import enum

from django.contrib.auth import authenticate
from django.contrib.auth import login as start_session
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as mark_second_factor_verified
from django_otp.models import Device

from accounts.models import LOCKOUT_DURATION, LOCKOUT_THRESHOLD, User
from accounts.throttles import count_event, events_in_window, key_for
from audit.models import record

PENDING_KEY = "accounts_pending_sign_in"
PENDING_LIFETIME = datetime.timedelta(minutes=10)
BACKEND = "django.contrib.auth.backends.ModelBackend"

WRONG_PASSWORD = _("The email or password is not right.")
WRONG_CODE = _("This code is not right. Check that your phone’s clock is on time, then try again.")
TOO_SOON = _("Too many tries in a short time. Wait a few seconds, then try again.")
LOCKED = _(
    "This account is locked for %(minutes)s minutes after too many failed attempts. "
    "Try again later, or set a new password through “Forgot your password?”."
)


def locked_message() -> str:
    return LOCKED % {"minutes": int(LOCKOUT_DURATION.total_seconds() // 60)}


class PasswordCheck(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    LOCKED = "locked"


def check_password(
    request: HttpRequest, email: str, password: str
) -> tuple[PasswordCheck, User | None]:
    """The first step. A locked account answers LOCKED whatever the password, so the lock
    tells nothing about it; an unknown email and a wrong password both answer WRONG."""
    account = User.objects.filter(email__iexact=email.strip()).first()
    unknown = key_for("sign-in", email)
    if account is not None and account.is_locked():
        return PasswordCheck.LOCKED, account
    if account is None and events_in_window(unknown, LOCKOUT_DURATION) >= LOCKOUT_THRESHOLD:
        return PasswordCheck.LOCKED, None
    user = authenticate(request, username=account.email if account else email, password=password)
    if user is not None:
        return PasswordCheck.RIGHT, user
    if account is None:
        # Counted like an account's failures, so that a lock never tells whether the email
        # has an account.
        record(None, "account.login_failed")
        locked = count_event(unknown, LOCKOUT_DURATION) >= LOCKOUT_THRESHOLD
        return (PasswordCheck.LOCKED if locked else PasswordCheck.WRONG), None
    return (PasswordCheck.LOCKED if record_failure(account) else PasswordCheck.WRONG), account


def record_failure(account: User) -> bool:
    """Counts a wrong password or code; returns whether the account is now locked."""
    record(account, "account.login_failed", account)
    if account.record_failed_login():
        record(account, "account.locked", account)
        return True
    return False


def safe_next(request: HttpRequest, url: str) -> str:
    """`url` if it is a path on this site, else ""."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def wait_for_code(request: HttpRequest, user: User, next_url: str) -> None:
    """After a right password: remember who is signing in, not yet signed in."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "since": timezone.now().isoformat(),
        "next": next_url,
    }


def pending_sign_in(request: HttpRequest) -> tuple[User | None, str]:
    """The account waiting for its code (if its password was given in the last ten minutes),
    and where to go afterwards."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None, ""
    since = datetime.datetime.fromisoformat(pending.get("since", "2000-01-01T00:00:00+00:00"))
    if timezone.now() - since > PENDING_LIFETIME:
        forget_pending_sign_in(request)
        return None, ""
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending.get("next", "")


def forget_pending_sign_in(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def finish_sign_in(request: HttpRequest, user: User, device: Device) -> None:
    """The code was right: sign in, with the second factor marked as verified."""
    forget_pending_sign_in(request)
    start_session(request, user, backend=BACKEND)
    mark_second_factor_verified(request, device)
    user.record_successful_login()
    record(user, "account.signed_in", user)


def sign_in_without_second_factor(request: HttpRequest, user: User) -> None:
    """Only for an account with no device yet: the session can reach nothing but enrolment
    (see `staff_required`)."""
    forget_pending_sign_in(request)
    start_session(request, user, backend=BACKEND)
