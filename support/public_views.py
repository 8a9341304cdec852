"""The pages of a person asking for help: the request form of a network, and the one page to
come back to the conversation with the receipt passphrase. No account, no cookie, no IP address
kept; every response is `no-store` (lib.middleware)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from lib.crisis_lines import CRISIS_LINES
from recruitment.access import public_network
from support import conversation, receipts
from support.actions import ConversationClosed, give_feedback, person_writes, submit_request
from support.forms import FeedbackForm, MessageForm, PassphraseForm, RequestForm
from support.models import HelpRequest

RECEIPT_DAYS = receipts.RECEIPT_DAYS


# No CSRF token on these pages: they are anonymous and open no session, and a token would need
# a cookie, which they never set. A forged request form can only add a request, which anyone
# may do; the conversation page needs the passphrase, which a forging site does not have.
@csrf_exempt
def ask(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    form = RequestForm(request.POST if request.method == "POST" else None, network=network)
    if request.method == "POST" and form.is_valid():
        submitted = submit_request(network, **form.request_fields())
        # Rendered in the POST response, never behind a GET page that could be reloaded.
        context = {
            "network": network,
            "passphrase": submitted.passphrase,
            "language": submitted.request.language,
            "urgent": submitted.urgent,
            "crisis_lines": CRISIS_LINES,
            "receipt_days": RECEIPT_DAYS,
        }
        return render(request, "support/public/receipt.html", context)
    return render(request, "support/public/ask.html", {"network": network, "form": form})


@csrf_exempt
def conversation_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "support/public/come_back.html", {"form": PassphraseForm()})
    form = PassphraseForm(request.POST)
    if not form.is_valid():
        return render(request, "support/public/come_back.html", {"form": form})
    wait = receipts.reserve_guess()
    if wait:
        return render(request, "support/public/too_many.html", {"wait": wait}, status=429)
    help_request = receipts.find(form.cleaned_data["passphrase"])
    if help_request is None:
        # The same answer for a wrong, an unknown and an expired passphrase.
        context = {"form": PassphraseForm(), "not_found": True}
        return render(request, "support/public/come_back.html", context)
    receipts.forgive_guess()
    passphrase = receipts.normalise(form.cleaned_data["passphrase"])
    return show_conversation(request, help_request, passphrase)


def show_conversation(
    request: HttpRequest, help_request: HelpRequest, passphrase: str
) -> HttpResponse:
    action = request.POST.get("action", "open")
    message_form, feedback_form = MessageForm(), FeedbackForm()
    sent = urgent = feedback_saved = False
    if action == "write":
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            try:
                urgent = person_writes(help_request, message_form.cleaned_data["text"])
                sent, message_form = True, MessageForm()
            except ConversationClosed:
                pass
    elif action == "feedback":
        feedback_form = FeedbackForm(request.POST)
        if feedback_form.is_valid():
            feedback_saved = give_feedback(help_request, **feedback_form.cleaned_data)
    status = help_request.status
    closed = status in (HelpRequest.Status.CLOSED, HelpRequest.Status.DESTROYED)
    context = {
        "help_request": help_request,
        "messages_shown": conversation.read_messages(help_request),
        "waiting": status in (HelpRequest.Status.WAITING, HelpRequest.Status.OFFERED),
        "unmatched": status == HelpRequest.Status.UNMATCHED,
        "assigned": status == HelpRequest.Status.ASSIGNED,
        "closed": closed,
        "passphrase": passphrase,
        "message_form": message_form,
        "feedback_form": feedback_form,
        "ask_feedback": closed and not help_request.feedback_given,
        "sent": sent,
        "urgent": urgent,
        "feedback_saved": feedback_saved,
        "crisis_lines": CRISIS_LINES,
    }
    return render(request, "support/public/conversation.html", context)
