"""Reading and writing a request's encrypted content. Nothing else touches `wrapped_key`,
`body_encrypted` or `phone_encrypted`."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from lib import crypto
from support.models import HelpRequest, Message


@dataclass(frozen=True)
class ShownMessage:
    from_helper: bool
    text: str
    created_at: datetime.datetime
    pk: int = 0


def give_key(request: HelpRequest) -> None:
    """A new request gets its own data key (call before saving it the first time)."""
    request.wrapped_key = crypto.new_wrapped_key()


def add_message(
    request: HelpRequest, text: str, *, from_helper: bool, form_token: str = ""
) -> Message | None:
    """Adds a message; returns None when the form with this one-use token was already sent."""
    body = crypto.encrypt(request.wrapped_key, text)
    try:
        with transaction.atomic():
            return Message.objects.create(
                request=request,
                from_helper=from_helper,
                body_encrypted=body,
                form_token=form_token,
            )
    except IntegrityError:
        if form_token and request.messages.filter(form_token=form_token).exists():
            return None
        raise


def read_messages(request: HelpRequest) -> list[ShownMessage]:
    if request.wrapped_key is None:
        return []
    key = crypto.data_key(request.wrapped_key)  # KeyUnavailable even before any message
    return [
        ShownMessage(
            m.from_helper, key.decrypt(bytes(m.body_encrypted)).decode(), m.created_at, m.pk
        )
        for m in request.messages.all()
    ]


def set_phone(request: HelpRequest, phone: str) -> None:
    request.phone_encrypted = crypto.encrypt(request.wrapped_key, phone) if phone else None


def phone_of(request: HelpRequest) -> str:
    if request.wrapped_key is None or request.phone_encrypted is None:
        return ""
    return crypto.decrypt(request.wrapped_key, request.phone_encrypted)


def destroy_content(request: HelpRequest) -> None:
    """Deletes the key, the messages and the phone number: what copies remain elsewhere can no
    longer be read. The request row stays, content-free, for counts."""
    request.messages.all().delete()
    request.wrapped_key = None
    request.phone_encrypted = None
    request.status = HelpRequest.Status.DESTROYED
    request.save(update_fields=["wrapped_key", "phone_encrypted", "status"])
