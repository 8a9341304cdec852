"""What a person asking for help does: send a request, write in the conversation, give feedback.
(What helpers do is in support.helper_actions.)"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

import triage
from directory.models import TaxonomyTerm
from networks.models import Membership, Network, Team
from support import conversation, floods, matching, receipts
from support.matching import lock_for_matching, offer_locked
from support.models import Feedback, HelpRequest
from support.notifications import tell_helper_the_person_wrote

OPEN_FOR_WRITING = {
    HelpRequest.Status.WAITING,
    HelpRequest.Status.OFFERED,
    HelpRequest.Status.ASSIGNED,
    HelpRequest.Status.UNMATCHED,
}
FINISHED = {HelpRequest.Status.CLOSED, HelpRequest.Status.DESTROYED}
logger = logging.getLogger(__name__)
# A request waits this long at most for a lock: then matching is left to the worker, or, if the
# request itself cannot be saved, the person is asked to send it again (never a long wait).
REQUEST_LOCK_WAIT = 2


class ConversationClosed(Exception):
    """The conversation is closed: the person can no longer write in it."""


@dataclass(frozen=True)
class Submitted:
    request: HelpRequest
    passphrase: str  # shown, never stored; "" when the same form came back too late to show it
    urgent: bool
    again: bool = False  # the same form was sent before: this is that request, not a new one


def assess(text: str, topics: Iterable[TaxonomyTerm] = ()) -> tuple[str, bool]:
    """The crisis level of a message and whether it is urgent (triage decides)."""
    assessment = triage.assess(text, [topic.code for topic in topics])
    return assessment.level[:30], assessment.urgent


def submit_request(
    network: Network,
    *,
    submission: str,
    language: str,
    contact: str,
    message: str = "",
    phone: str = "",
    topics: Iterable[TaxonomyTerm] = (),
    team: Team | None = None,
    chosen_helper: Membership | None = None,
    excluded_helpers: Iterable[Membership] = (),
) -> Submitted:
    """Records a request with its first message, and starts looking for a helper. The same form
    (the same one-use `submission` token) sent again returns the request it created."""
    earlier = sent_before(submission)
    if earlier:
        return earlier
    topics = list(topics)
    level, urgent = assess(message, topics)
    request = HelpRequest(
        network=network,
        language=language,
        contact=contact,
        team=team,
        chosen_helper=chosen_helper,
        level=level,
        urgent=urgent,
    )
    # The slow work before the transaction, which on SQLite holds the only write lock.
    passphrase = receipts.issue(request, submission, language)
    conversation.give_key(request)
    conversation.set_phone(request, phone if contact == HelpRequest.Contact.PHONE else "")
    try:
        with transaction.atomic():
            wait_for_locks_at_most(REQUEST_LOCK_WAIT)
            request.save()
            request.topics.set(topics)
            request.excluded_helpers.set(excluded_helpers)
            if message.strip():
                conversation.add_message(request, message, from_helper=False)
            floods.notice_new_request(network)
            start_matching_or_leave_to_worker(request)
    except IntegrityError:
        earlier = sent_before(submission)  # the same form, sent twice at the same moment
        if earlier is None:
            raise
        return earlier
    return Submitted(request, passphrase, urgent)


def wait_for_locks_at_most(seconds: int) -> None:
    """In this transaction, a lock held elsewhere (a report being frozen, a stalled worker)
    makes a statement fail after `seconds` instead of holding the person (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{int(seconds)}s'")


def start_matching_or_leave_to_worker(request: HelpRequest) -> None:
    """The first offer, in the transaction that creates the request. Should matching fail,
    the request and its words are kept all the same, waiting: the worker offers it."""
    try:
        with transaction.atomic():
            matching.start_matching(request)
    except DatabaseError:
        logger.exception("Matching a new request failed; the worker will offer it.")
        request.status = HelpRequest.Status.WAITING


def sent_before(submission: str) -> Submitted | None:
    """The request an earlier sending of the same form created, if any."""
    found = receipts.sent_with(submission)
    if found is None:
        return None
    request, receipt_key = found
    fresh = request.created_at > timezone.now() - receipts.SHOWN_AGAIN_FOR
    passphrase = receipts.passphrase_for(submission, request.language, receipt_key) if fresh else ""
    return Submitted(request, passphrase, request.urgent, again=True)


def person_writes(request: HelpRequest, text: str, form_token: str = "") -> bool:
    """Adds the person's message once per form; returns whether it is urgent (the request is
    then marked urgent). Raises ConversationClosed once the conversation is closed."""
    if request.status not in OPEN_FOR_WRITING:
        raise ConversationClosed
    level, urgent = assess(text)
    with transaction.atomic():
        # The locks in matching's order (network, then request) before any write, so that a
        # message never deadlocks with a worker or a helper matching in the same network; and
        # the status read again under them (the worker may have closed or destroyed it).
        locked = lock_for_matching(request.pk)
        if locked is None or locked.status not in OPEN_FOR_WRITING:
            raise ConversationClosed
        added = conversation.add_message(locked, text, from_helper=False, form_token=form_token)
        if added is None:
            return urgent
        became_urgent = urgent and not locked.urgent
        if became_urgent:
            locked.urgent, locked.level = True, level
            locked.save(update_fields=["urgent", "level"])
        # In the same transaction: a message that turns urgent is never left un-offered.
        if locked.status == HelpRequest.Status.ASSIGNED:
            tell_helper_the_person_wrote(locked)
        elif became_urgent:
            offer_locked(locked, now_urgent=True)
        elif locked.status in (HelpRequest.Status.WAITING, HelpRequest.Status.UNMATCHED):
            offer_locked(locked)  # a message moves a request that waited for a helper
    request.status, request.urgent, request.level = locked.status, locked.urgent, locked.level
    return urgent


def give_feedback(
    request: HelpRequest, *, helpful: str, would_recommend: str, got_resource: str
) -> bool:
    """Records the three answers once, after the conversation closed, with only the network and
    the month; returns False when feedback is not (or no longer) possible: never for a request
    destroyed before any helper accepted it."""
    if request.status not in FINISHED or request.never_answered:
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
