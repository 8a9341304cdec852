"""The peer helper's side: the inbox of offers and conversations, and one conversation. And,
for a network's coordinators, the list of its requests' statuses (never their content)."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from audit.models import record
from lib.lookups import one_or_404
from networks.access import MANAGERS, network_for_user
from recruitment.access import needs_pledge, pledge_needed_by
from support import conversation
from support.access import (
    help_request_for_user,
    help_requests_for_user,
    offer_for_user,
    offers_for_user,
    request_statuses_for_user,
)
from support.forms import OneUseForm
from support.helper_actions import (
    ConversationClosed,
    OfferGone,
    accept_offer,
    close_request,
    decline_offer,
    mark_seen,
    reply,
    resource_text,
)
from support.models import HelpRequest
from support.retention import closes_soon

MAX_MESSAGE_LENGTH = 5000


class ReplyForm(OneUseForm):
    text = forms.CharField(
        label=gettext_lazy("Your reply"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def inbox_context(request: HttpRequest) -> dict:
    offers = (
        offers_for_user(request.user)
        .prefetch_related("request__topics")
        .annotate(written=Count("request__messages"))
    )
    conversations = (
        help_requests_for_user(request.user)
        .annotate(
            last_from_person=Max("messages__created_at", filter=Q(messages__from_helper=False)),
            last_message=Max("messages__created_at"),
        )
        .order_by("-urgent", "-assigned_at")
    )
    open_conversations = [c for c in conversations if c.status == HelpRequest.Status.ASSIGNED]
    for item in open_conversations:
        item.closes_soon = closes_soon(item, item.last_message)
    return {
        "pledge_needed": pledge_needed_by(request.user),
        # Urgent first, then requests that say something, then empty ones; oldest first.
        "offers": sorted(
            offers,
            key=lambda o: (not o.request.urgent, not (o.written or o.request.topics.all()), o.pk),
        ),
        "open_conversations": open_conversations,
        "closed_conversations": [c for c in conversations if c.status == HelpRequest.Status.CLOSED],
    }


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "support/helper/inbox.html", inbox_context(request))


@staff_required
def inbox_partial(request: HttpRequest) -> HttpResponse:
    """The inbox's lists alone, polled by the inbox page."""
    return render(request, "support/helper/_inbox.html", inbox_context(request))


@staff_required
@require_POST
def accept(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = offer_for_user(request.user, offer_id)
    if needs_pledge(offer.helper):
        messages.error(
            request, _("Sign the new confidentiality pledge before accepting a request.")
        )
        return redirect("recruitment:pledge")
    try:
        help_request = accept_offer(offer, request.user)
    except OfferGone:
        messages.error(request, _("This request is no longer offered to you."))
        return redirect("support:inbox")
    messages.success(request, _("Thank you. The conversation is yours."))
    return redirect("support:conversation", request_id=help_request.pk)


@staff_required
@require_POST
def decline(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = offer_for_user(request.user, offer_id)
    try:
        decline_offer(offer, request.user)
    except OfferGone:
        messages.error(request, _("This request is no longer offered to you."))
    else:
        messages.success(request, _("Declined. The request goes to another helper."))
    return redirect("support:inbox")


@staff_required
def conversation_page(request: HttpRequest, request_id: int) -> HttpResponse:
    help_request = help_request_for_user(request.user, request_id)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reply(
                help_request,
                form.cleaned_data["text"],
                request.user,
                form.cleaned_data["form_token"],
            )
        except ConversationClosed:
            messages.error(request, _("This conversation is closed: your reply was not sent."))
        else:
            messages.success(request, _("Your reply is sent."))
            return redirect("support:conversation", request_id=help_request.pk)
    # A closed conversation shows no form: a reply written for it is shown back, to copy.
    closed = help_request.status != HelpRequest.Status.ASSIGNED
    unsent = request.POST.get("text", "") if request.method == "POST" and closed else ""
    # Read first: a key that cannot be unwrapped leaves the conversation unseen and unaudited
    # (a clear page instead, lib.error_views.key_unavailable).
    messages_shown = conversation.read_messages(help_request)
    record(request.user, "help_request.opened", help_request)
    seen_before = mark_seen(help_request)
    last_message = messages_shown[-1].created_at if messages_shown else None
    context = {
        "help_request": help_request,
        "messages_shown": messages_shown,
        "seen_before": seen_before,
        "closes_soon": closes_soon(help_request, last_message),
        "phone": conversation.phone_of(help_request),
        "topics": list(help_request.topics.all()),
        "form": form,
        "unsent": unsent,
        "resources": list(help_request.network.public_resources()),
        "has_sheet": hasattr(help_request, "sheet"),
    }
    return render(request, "support/helper/conversation.html", context)


@staff_required
def conversation_messages(request: HttpRequest, request_id: int) -> HttpResponse:
    """The messages alone, polled by the conversation page."""
    help_request = help_request_for_user(request.user, request_id)
    messages_shown = conversation.read_messages(help_request)
    seen_before = mark_seen(help_request)
    context = {
        "help_request": help_request,
        "messages_shown": messages_shown,
        "seen_before": seen_before,
    }
    return render(request, "support/helper/_messages.html", context)


@staff_required
@require_POST
def share_resource(request: HttpRequest, request_id: int, resource_id: int) -> HttpResponse:
    """Sends one of the workplace's resources to the person, as a message of the helper."""
    help_request = help_request_for_user(request.user, request_id)
    resource = one_or_404(help_request.network.public_resources(), pk=resource_id)
    once = OneUseForm(request.POST)
    token = once.cleaned_data["form_token"] if once.is_valid() else ""
    try:
        reply(help_request, resource_text(resource), request.user, token)
    except ConversationClosed:
        messages.error(request, _("This conversation is closed."))
    else:
        messages.success(request, _("The resource was sent to the person."))
    return redirect("support:conversation", request_id=help_request.pk)


@staff_required
@require_POST
def close(request: HttpRequest, request_id: int) -> HttpResponse:
    help_request = help_request_for_user(request.user, request_id)
    if request.POST.get("confirmed") != "yes":
        context = {"help_request": help_request}
        return render(request, "support/helper/close_confirm.html", context)
    try:
        close_request(help_request, request.user)
    except ConversationClosed:
        messages.error(request, _("This conversation is already closed."))
    else:
        messages.success(
            request,
            _("The conversation is closed. Its reporting sheet is ready to check and save."),
        )
        return redirect(f"{reverse('records:sheet_new')}?request={help_request.pk}")
    return redirect("support:inbox")


@staff_required
def network_requests(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    rows = list(request_statuses_for_user(request.user, network))
    context = {"network": network, "rows": rows}
    return render(request, "support/helper/network_requests.html", context)
