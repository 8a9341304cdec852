"""What a person asking for help does: send a request, write in the conversation, give feedback.
(What helpers do is in support.helper_actions.)"""

import datetime
import types
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from directory.models import TaxonomyTerm
from networks.models import Membership, Network, Team
from support import conversation, matching, receipts
from support.matching import offer_to_next
from support.models import Feedback, HelpRequest
from support.notifications import tell_helper_the_person_wrote

OPEN_FOR_WRITING = {
    HelpRequest.Status.WAITING,
    HelpRequest.Status.OFFERED,
    HelpRequest.Status.ASSIGNED,
    HelpRequest.Status.UNMATCHED,
}
FINISHED = {HelpRequest.Status.CLOSED, HelpRequest.Status.DESTROYED}


class ConversationClosed(Exception):
    """The conversation is closed: the person can no longer write in it."""


@dataclass(frozen=True)
class Submitted:
    request: HelpRequest
    passphrase: str  # shown once, never stored
    urgent: bool


def assess(text: str) -> tuple[str, bool]:
    """The crisis level of a text and whether it is urgent (none, False before triage exists)."""
    if not text.strip():
        return "none", False
    try:
        from support.triage import assess as triage_assess
    except ImportError:
        return "none", False
    if isinstance(triage_assess, types.ModuleType):  # support/triage/ is a package
        triage_assess = triage_assess.assess
    assessment = triage_assess(text)
    return str(assessment.level)[:30], bool(assessment.urgent)


def submit_request(
    network: Network,
    *,
    language: str,
    contact: str,
    message: str = "",
    phone: str = "",
    topics: Iterable[TaxonomyTerm] = (),
    team: Team | None = None,
    chosen_helper: Membership | None = None,
    excluded_helpers: Iterable[Membership] = (),
) -> Submitted:
    """Records a request with its first message, and starts looking for a helper."""
    level, urgent = assess(message)
    with transaction.atomic():
        request = HelpRequest(
            network=network,
            language=language,
            contact=contact,
            team=team,
            chosen_helper=chosen_helper,
            level=level,
            urgent=urgent,
        )
        conversation.give_key(request)
        conversation.set_phone(request, phone if contact == HelpRequest.Contact.PHONE else "")
        passphrase = receipts.issue(request, language)
        request.save()
        request.topics.set(topics)
        request.excluded_helpers.set(excluded_helpers)
        if message.strip():
            conversation.add_message(request, message, from_helper=False)
    matching.start_matching(request)
    return Submitted(request, passphrase, urgent)


def person_writes(request: HelpRequest, text: str) -> bool:
    """Adds the person's message; returns whether it is urgent (the request is then marked
    urgent). Raises ConversationClosed once the conversation is closed."""
    if request.status not in OPEN_FOR_WRITING:
        raise ConversationClosed
    level, urgent = assess(text)
    became_urgent = urgent and not request.urgent
    with transaction.atomic():
        conversation.add_message(request, text, from_helper=False)
        if became_urgent:
            request.urgent, request.level = True, level
            request.save(update_fields=["urgent", "level"])
    if request.status == HelpRequest.Status.ASSIGNED:
        tell_helper_the_person_wrote(request)
    elif became_urgent:
        offer_to_next(request, now_urgent=True)
    return urgent


def give_feedback(
    request: HelpRequest, *, helpful: str, would_recommend: str, got_resource: str
) -> bool:
    """Records the three answers once, after the conversation closed, with only the network and
    the month; returns False when feedback is not (or no longer) possible."""
    if request.status not in FINISHED:
        return False
    with transaction.atomic():
        first = HelpRequest.objects.filter(pk=request.pk, feedback_given=False).update(
            feedback_given=True
        )
        if not first:
            return False
        today = timezone.localdate()
        Feedback.objects.create(
            network_id=request.network_id,
            month=datetime.date(today.year, today.month, 1),
            helpful=helpful,
            would_recommend=would_recommend,
            got_resource=got_resource,
        )
    request.feedback_given = True
    return True
