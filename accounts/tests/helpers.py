"""Signing in through the real pages, as a person would."""

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

PASSWORD = "a long test passphrase"


def current_code(user: User) -> str:
    """The code the user's app shows now. The device's memory of the last code used is reset
    first, so a test may sign the same person in twice within 30 seconds."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key):06d}"


def enter_password(client: Client, email: str, password: str = PASSWORD, **extra: str) -> object:
    return client.post("/en/account/login/", {"email": email, "password": password, **extra})


def enter_code(client: Client, code: str) -> object:
    return client.post("/en/account/login/code/", {"code": code})


def sign_in_through_pages(client: Client, user: User, **extra: str) -> object:
    """Both steps through the real pages; returns the answer to the code."""
    enter_password(client, user.email, **extra)
    return enter_code(client, current_code(user))


def is_signed_in(client: Client) -> bool:
    return client.get("/en/account/").status_code == 200
