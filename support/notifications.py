"""Emails to helpers and coordinators. They say only that something waits and where: never a
message, a topic, a language or anything else about the person.

Each function queues its emails (lib/mail.py) and returns at once: safe inside a transaction
(the emails go only if it commits) and outside one."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lib.mail import queue_email
from networks.models import Membership, Network, Role
from support.models import HelpRequest, Offer


def site_url() -> str:
    """The scheme and host links in emails start with (e.g. "https://entraide.example")."""
    return getattr(settings, "ENTRAIDE_SITE_URL", "").rstrip("/")


def tell_helpers_of_offers(offers: list[Offer]) -> None:
    """One email to each helper."""
    send_all(
        [
            bilingual_message("support/helper/email/offer", [o.helper.user.email], "support:inbox")
            for o in offers
        ]
    )


def tell_helper_the_person_wrote(request: HelpRequest) -> None:
    """For the public side: the person wrote in the conversation."""
    if request.helper is None:
        return
    send_bilingual("support/helper/email/new_message", [request.helper.user.email], "support:inbox")


def coordinator_emails(network_id: int) -> list[str]:
    coordinators = Membership.objects.active().filter(network_id=network_id, role=Role.COORDINATOR)
    return sorted({m.user.email for m in coordinators.select_related("user")})


def tell_coordinators_a_request_waits(request: HelpRequest) -> None:
    """At most once an hour for a network, however many requests wait."""
    from support.floods import may_tell_a_request_waits

    emails = coordinator_emails(request.network_id)
    if emails and may_tell_a_request_waits(request.network_id):
        send_bilingual(
            "support/helper/email/unmatched",
            emails,
            "support:network_requests",
            {"network_id": request.network_id},
            {"network": request.network.name},
        )


def tell_coordinators_of_a_flood(network: Network) -> None:
    emails = coordinator_emails(network.pk)
    if emails:
        send_bilingual(
            "support/helper/email/flood",
            emails,
            "support:network_requests",
            {"network_id": network.pk},
            {"network": network.name},
        )


def send_bilingual(
    template: str,
    recipients: list[str],
    url_name: str,
    url_kwargs: dict | None = None,
    extra: dict | None = None,
) -> None:
    send_all([bilingual_message(template, recipients, url_name, url_kwargs, extra)])


def bilingual_message(
    template: str,
    recipients: list[str],
    url_name: str,
    url_kwargs: dict | None = None,
    extra: dict | None = None,
) -> EmailMessage:
    """One email in French then English (we do not know the reader's language)."""
    subjects, bodies = [], []
    for language in ("fr", "en"):
        with translation.override(language):
            context = {"link": site_url() + reverse(url_name, kwargs=url_kwargs), **(extra or {})}
            subjects.append(render_to_string(f"{template}_subject.txt", context).strip())
            bodies.append(render_to_string(f"{template}.txt", context).strip())
    return EmailMessage(
        " / ".join(subjects),
        "\n\n-----\n\n".join(bodies) + "\n",
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def send_all(messages: list[EmailMessage]) -> None:
    """Queues the emails, one task each: the task worker sends them after the commit, with
    retries, so a slow mail server holds neither a person's request nor a worker pass."""
    for message in messages:
        queue_email(message)
