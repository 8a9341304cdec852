"""A peer helper's private notes: written, read and destroyed only through these functions.
Nothing else touches a note's `wrapped_key` or `body_encrypted`.

Each note is encrypted with its own data key, kept in the note's own row: destroying a note
deletes the row, so the copies left in backups and the write-ahead log can no longer be read.
A note lives for its network's retention days (NOTE_MAX_DAYS at most); its author is warned
NOTE_WARNING_DAYS before, then the worker destroys it. Audit events name the note's id only.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.models import record
from lib import crypto
from networks.models import Membership, Network
from records.models import NOTE_MAX_DAYS, NOTE_WARNING_DAYS, PrivateNote
from support.matching import claim
from support.notifications import send_bilingual

DESTROYED = "private_note.destroyed"


def note_lifetime(network: Network) -> datetime.timedelta:
    return datetime.timedelta(days=min(network.retention_days, NOTE_MAX_DAYS))


def write_note(
    membership: Membership, text: str, now: datetime.datetime | None = None
) -> PrivateNote:
    """A new note by a helper, destroyed after their network's retention days."""
    now = now or timezone.now()
    wrapped = crypto.new_wrapped_key()
    return PrivateNote.objects.create(
        author=membership,
        wrapped_key=wrapped,
        body_encrypted=crypto.encrypt(wrapped, text),
        created_at=now,
        expires_at=now + note_lifetime(membership.network),
    )


def read_note(note: PrivateNote) -> str:
    return crypto.decrypt(note.wrapped_key, note.body_encrypted)


def destroy_note(note: PrivateNote, by: object) -> None:
    """Deletes the note with its key. A note the worker destroyed meanwhile leaves no second
    audit event."""
    with transaction.atomic():
        deleted, _ = PrivateNote.objects.filter(pk=note.pk).delete()
        if deleted:
            record(by, DESTROYED, note)


def destroy_expired_notes() -> int:
    """The worker's pass: destroys every note past its expiry. Returns how many."""
    with transaction.atomic():
        due = list(claim(PrivateNote.objects.expired(timezone.now()).only("pk")))
        for note in due:
            record(None, DESTROYED, note)
        PrivateNote.objects.filter(pk__in=[note.pk for note in due]).delete()
    return len(due)


def warn_expiring_notes() -> int:
    """The worker's pass: tells each author whose notes entered the warning window, in one
    email that says nothing of the notes. Returns the number of emails sent.

    A note written inside the window (a network keeping notes only a few days) gets no warning:
    its author saw the date when writing it. An author who left the network is not written to.
    """
    now = timezone.now()
    window = datetime.timedelta(days=NOTE_WARNING_DAYS)
    with transaction.atomic():
        due = list(
            claim(
                PrivateNote.objects.expiring_soon(now).filter(
                    warned_at__isnull=True, created_at__lte=F("expires_at") - window
                )
            ).only("pk", "author_id")
        )
        PrivateNote.objects.filter(pk__in=[note.pk for note in due]).update(warned_at=now)
        # Queued with the notes marked warned: each warning goes once, after the commit.
        authors = Membership.objects.active().filter(pk__in={note.author_id for note in due})
        emails = sorted(set(authors.values_list("user__email", flat=True)))
        for email in emails:
            send_bilingual("records/notes/warning_email", [email], "records:notes")
    return len(emails)
