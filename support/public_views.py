"""The pages of a person asking for help: the request form of a network, its receipt, and the
one page to come back to the conversation with the six words. No account, no cookie, no IP
address kept; every response is `no-store` (lib.middleware)."""

import logging
from dataclasses import replace

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.crisis_lines import CRISIS_LINES
from lib.error_views import error_page
from networks.models import Network
from recruitment.access import public_network
from support import capacity, conversation, receipts
from support.actions import (
    ConversationClosed,
    Submitted,
    give_feedback,
    person_writes,
    sent_before,
    submit_request,
)
from support.forms import FeedbackForm, MessageForm, PassphraseForm, RequestForm
from support.models import HelpRequest

RECEIPT_DAYS = receipts.RECEIPT_DAYS
BUSY_RETRY_SECONDS = 60
logger = logging.getLogger(__name__)
NOT_SAVED = gettext_lazy(
    "Your message could not be sent because of a problem on our side. It is still here: send it"
    " again in a moment."
)


# No CSRF token on these pages: they are anonymous and open no session, and a token would need
# a cookie, which they never set. A forged request form can only add a request, which anyone
# may do; the conversation page needs the words or a fresh access token, which a forging site
# does not have.
@csrf_exempt
def ask(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    if request.method == "POST" and request.POST.get("receipt"):
        return receipt_again(request, network)
    if request.method == "POST" and capacity.full(request):
        return busy(request, network)  # at once, before the form's own queries
    form = RequestForm(request.POST if request.method == "POST" else None, network=network)
    if request.method == "POST" and form.is_valid():
        fields = form.request_fields()
        try:
            with capacity.admitted(request):
                submitted = submit_request(network, **fields)
        except capacity.Busy:
            return busy(request, network, fields["submission"])
        except DatabaseError:
            # Nothing was saved (the transaction did not commit): never words for no request.
            logger.exception("A help request could not be saved.")
            return busy(request, network, fields["submission"], fault=True)
        if submitted.request.network_id != network.pk:  # a form token of another network
            raise Http404
        return show_receipt(request, network, submitted, fields["submission"])
    context = {"network": network, "form": form, "resources": public_resources(network)}
    return render(request, "support/public/ask.html", context)


def busy(
    request: HttpRequest, network: Network, token: str = "", *, fault: bool = False
) -> HttpResponse:
    """More requests than this server can take on in time: the person is asked to send the same
    form again in a minute, with the crisis lines for what cannot wait. What they typed is kept
    as it came (the form checks it when it is sent again), with the form's token, so that the
    same form can only ever make one request; a form that did make one shows its words."""
    token = token or request.POST.get("submission", "")[:64]
    earlier = sent_before(token) if token and not fault else None
    if earlier is not None:
        if earlier.request.network_id != network.pk:  # a form token of another network
            raise Http404
        return show_receipt(request, network, earlier, token)
    kept = [("submission", token or receipts.new_submission_token())] + [
        (name, value)
        for name in RequestForm.base_fields
        if name not in ("submission", "message")
        for value in request.POST.getlist(name)
    ]
    message = request.POST.get("message", "")
    context = {"network": network, "message": message, "kept": kept, "fault": fault}
    response = error_page(request, "support/public/busy.html", 503, context)
    response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    response._has_been_logged = True  # not an error line each: support.capacity counts them
    return response


def receipt_again(request: HttpRequest, network: Network) -> HttpResponse:
    """The receipt page's own buttons (the other language, saving the words as a file) send its
    form token again, which finds the same request and the same words."""
    token = request.POST.get("submission", "")
    submitted = sent_before(token) if token else None
    if submitted is None or submitted.request.network_id != network.pk:
        raise Http404
    if request.POST["receipt"] == "file" and submitted.passphrase:
        return words_file(request, submitted)
    # The same receipt page again (in the other language): not a second sending of the form.
    return show_receipt(request, network, replace(submitted, again=False), token)


def show_receipt(
    request: HttpRequest, network: Network, submitted: Submitted, token: str
) -> HttpResponse:
    # Rendered in the POST response, never behind a GET page: sending the same form again
    # shows the same words (for an hour), and no address ever holds them.
    help_request = submitted.request
    status = help_request.status
    context = {
        "network": network,
        "passphrase": submitted.passphrase,
        "submission": token,
        "again": submitted.again,
        "language": help_request.language,
        "urgent": submitted.urgent,
        "offered": status in (HelpRequest.Status.OFFERED, HelpRequest.Status.ASSIGNED),
        "in_line": status == HelpRequest.Status.WAITING,
        "unmatched": status == HelpRequest.Status.UNMATCHED,
        "resources": public_resources(network),
        "crisis_lines": CRISIS_LINES,
        "receipt_days": RECEIPT_DAYS,
    }
    return render(request, "support/public/receipt.html", context)


def words_file(request: HttpRequest, submitted: Submitted) -> HttpResponse:
    come_back = request.build_absolute_uri(reverse("support_public:conversation"))
    text = _("Your six words: %(words)s\nTo come back to your conversation: %(address)s\n") % {
        "words": submitted.passphrase,
        "address": come_back,
    }
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = _("six-words.txt")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def public_resources(network: Network) -> list:
    """The network's own resources (its EAP, union contact, local services)."""
    return list(network.public_resources())


@csrf_exempt
def conversation_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "support/public/come_back.html", {"form": PassphraseForm()})
    if "access" in request.POST:
        help_request = receipts.opened_by(request.POST["access"])
        if help_request is None:
            return come_back_again(request)
        return show_conversation(request, help_request)
    form = PassphraseForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "pending": pending_message(request)}
        return render(request, "support/public/come_back.html", context)
    help_request = receipts.find(form.cleaned_data["passphrase"])
    if help_request is None:
        # The same answer for wrong, unknown and expired words; what was typed stays, to fix.
        context = {"form": form, "not_found": True, "pending": pending_message(request)}
        return render(request, "support/public/come_back.html", context)
    return show_conversation(request, help_request)


def come_back_again(request: HttpRequest) -> HttpResponse:
    """An open conversation page left too long: the words are asked again, and a message being
    written is kept and sent once they are typed."""
    context = {"form": PassphraseForm(), "timed_out": True, "pending": pending_message(request)}
    return render(request, "support/public/come_back.html", context)


def pending_message(request: HttpRequest) -> MessageForm | None:
    """A message the person wrote but that could not be sent yet, to carry to the next page
    (even one too long: the conversation page then says so, with the text still there)."""
    if request.POST.get("action") != "write" or not request.POST.get("text", "").strip():
        return None
    return MessageForm(request.POST)


def show_conversation(request: HttpRequest, help_request: HelpRequest) -> HttpResponse:
    action = request.POST.get("action", "open")
    message_form, feedback_form = MessageForm(), FeedbackForm()
    sent = urgent = feedback_saved = closed_meanwhile = False
    if action == "write":
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            data = message_form.cleaned_data
            try:
                urgent = person_writes(help_request, data["text"], data["form_token"])
                sent, message_form = True, MessageForm()
            except ConversationClosed:
                closed_meanwhile = True
            except DatabaseError:  # a deadlock, a cut connection: nothing was saved
                logger.exception("A message of the person could not be saved.")
                message_form.add_error("text", NOT_SAVED)
    elif action == "feedback":
        feedback_form = FeedbackForm(request.POST)
        if feedback_form.is_valid():
            feedback_saved = give_feedback(help_request, **feedback_form.cleaned_data)
    context = conversation_context(help_request)
    # A closed conversation shows no form: a message written for it is shown back, to copy.
    unsent = ""
    if action == "write" and not sent and context["closed"]:
        unsent = request.POST.get("text", "")
        closed_meanwhile = closed_meanwhile or bool(unsent.strip())
    context.update(
        {
            "message_form": message_form,
            "feedback_form": feedback_form,
            "sent": sent,
            "urgent": urgent,
            "feedback_saved": feedback_saved,
            "closed_meanwhile": closed_meanwhile,
            "unsent": unsent,
            "resources": public_resources(help_request.network),
            "crisis_lines": CRISIS_LINES,
        }
    )
    return render(request, "support/public/conversation.html", context)


def conversation_context(help_request: HelpRequest) -> dict:
    status = help_request.status
    closed = status in (HelpRequest.Status.CLOSED, HelpRequest.Status.DESTROYED)
    never_answered = help_request.never_answered
    return {
        "help_request": help_request,
        "access": receipts.access_token(help_request),
        "messages_shown": conversation.read_messages(help_request),
        "waiting": status in (HelpRequest.Status.WAITING, HelpRequest.Status.OFFERED),
        "unmatched": status == HelpRequest.Status.UNMATCHED,
        "assigned": status == HelpRequest.Status.ASSIGNED,
        "closed": closed,
        "never_answered": never_answered,
        "ask_feedback": closed and not never_answered and not help_request.feedback_given,
    }


@csrf_exempt
@require_POST
def conversation_messages(request: HttpRequest) -> HttpResponse:
    """The messages alone, for the open conversation page to refresh itself."""
    help_request = receipts.opened_by(request.POST.get("access", ""))
    if help_request is None:
        raise Http404
    context = conversation_context(help_request)
    return render(request, "support/public/_messages.html", context)
