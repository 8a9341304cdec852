"""The second factor: a TOTP device in an authenticator app, and ten single-use recovery codes.

Codes are checked by django-otp's devices, which also slow down guesses (1, 2, 4, 8 … seconds
between failures); the account lockout counts failures across devices and processes.
"""

import base64
import enum
import io
import re

import segno
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

RECOVERY_CODE_COUNT = 10


class CodeCheck(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    TOO_SOON = "too_soon"  # the device refuses to check before its back-off delay is over


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled: the same one until it is confirmed, so that
    reloading the page does not change the secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The enrolment link as a QR code, for an `<img src>`: the CSP forbids inline SVG styles,
    and a data: image carries none into the page."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=4, dark="#000", light="#fff", xmldecl=False
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def _check(device: Device, code: str) -> CodeCheck:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return CodeCheck.TOO_SOON
    return CodeCheck.RIGHT if device.verify_token(code) else CodeCheck.WRONG


def confirm_totp_device(device: TOTPDevice, code: str) -> CodeCheck:
    """Checks the first code from the app; a right one confirms the device and removes any
    other unconfirmed one."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        outcome = _check(device, normalise(code))
        if outcome is CodeCheck.RIGHT:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return outcome


def verify_second_factor(user: User, code: str) -> tuple[CodeCheck, Device | None]:
    """Checks a sign-in code: six digits against the app, anything else against the recovery
    codes (each works once). Returns the outcome and the device that accepted the code."""
    code = normalise(code)
    is_totp = len(code) == 6 and code.isdigit()
    model = TOTPDevice if is_totp else StaticDevice
    outcomes = set()
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update():
            outcome = _check(device, code)
            if outcome is CodeCheck.RIGHT:
                return outcome, device
            outcomes.add(outcome)
    if outcomes == {CodeCheck.TOO_SOON}:
        return CodeCheck.TOO_SOON, None
    return CodeCheck.WRONG, None


def replace_recovery_codes(user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Shown once: only django-otp's own
    table keeps them."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="recovery", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
