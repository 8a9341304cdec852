"""The confidential help loop: a worker's anonymous request to a network, the offers made to
its peer helpers, and the encrypted conversation with the helper who accepts.

A request IS the conversation: its messages and the phone number a person may give are
encrypted with the request's own data key (`wrapped_key`, see lib.crypto). Destroying a
request deletes that key and the messages, leaving only content-free facts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from networks.models import Membership, Network, Team


class HelpRequest(models.Model):
    class Contact(models.TextChoices):
        CONVERSATION = "conversation", _("a confidential conversation here")
        PHONE = "phone", _("a phone call")
        IN_PERSON = "in_person", _("a meeting in person")

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for a helper")
        OFFERED = "offered", _("offered to a helper")
        ASSIGNED = "assigned", _("in conversation")
        UNMATCHED = "unmatched", _("no helper available")
        CLOSED = "closed", _("closed")
        DESTROYED = "destroyed", _("destroyed")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="help_requests")
    language = models.CharField(_("language"), max_length=2, default="fr")
    topics = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="+")
    contact = models.CharField(
        _("contact"), max_length=20, choices=Contact.choices, default=Contact.CONVERSATION
    )
    phone_encrypted = models.BinaryField(null=True, blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_helper = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    excluded_helpers = models.ManyToManyField(Membership, blank=True, related_name="+")
    helper = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    level = models.CharField(_("triage level"), max_length=30, default="none")
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    # The receipt: a keyed hash to find the request, and a slow hash to check the passphrase.
    receipt_locator = models.CharField(max_length=64, unique=True)
    receipt_hash = models.CharField(max_length=200)
    receipt_expires_at = models.DateTimeField()
    wrapped_key = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    destroy_after = models.DateTimeField(null=True, blank=True, db_index=True)
    coordinator_told_at = models.DateTimeField(null=True, blank=True)
    feedback_given = models.BooleanField(default=False)
    # A keyed hash of the request form's one-use token: sending the same form again (a reload,
    # Back, a double tap) finds this request instead of creating another.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # When the assigned helper last opened the conversation, to mark the person's new messages.
    helper_seen_at = models.DateTimeField(null=True, blank=True)
    # When matching last found no helper for it; cleared when something changes in its network
    # (a helper became available, a cap freed), so a worker pass re-checks only those.
    matching_checked_at = models.DateTimeField(null=True, blank=True)
    # An open conversation nobody writes in closes by itself (support.retention): when its
    # helper was last warned of it. A message written since makes that warning stale.
    idle_warned_at = models.DateTimeField(null=True, blank=True)
    closed_for_inactivity = models.BooleanField(default=False)

    class Meta:
        ordering = ["-urgent", "created_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self) -> str:
        return f"request {self.pk} ({self.status})"

    @property
    def never_answered(self) -> bool:
        """Destroyed before any helper accepted it (support.retention): no conversation."""
        return self.status == self.Status.DESTROYED and self.assigned_at is None


class Offer(models.Model):
    """A request offered to one helper, waiting for an answer until `expires_at`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("unanswered")
        WITHDRAWN = "withdrawn", _("withdrawn")

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="offers")
    helper = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    offered_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "helper"], name="one_offer_per_helper")
        ]

    def __str__(self) -> str:
        return f"offer {self.pk} ({self.status})"


class Message(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="messages")
    from_helper = models.BooleanField()
    body_encrypted = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    # The one-use token of the form that sent it: the same form sent twice adds one message.
    form_token = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "form_token"],
                condition=~models.Q(form_token=""),
                name="one_message_per_form",
            )
        ]

    def __str__(self) -> str:
        return f"message {self.pk}"


class Feedback(models.Model):
    """The person's three anonymous answers after a conversation closed; kept apart from the
    request so that it outlives its destruction and cannot be tied back to it."""

    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month it was given
    helpful = models.CharField(max_length=10, choices=Answer.choices)
    would_recommend = models.CharField(max_length=10, choices=Answer.choices)
    got_resource = models.CharField(max_length=10, choices=Answer.choices)

    def __str__(self) -> str:
        return f"feedback {self.pk}"


class WorkerHeartbeat(models.Model):
    """One row per worker process, stamped after each pass: a monitor asks whether any worker
    passed recently (`manage.py worker_health`, `/health/`)."""

    name = models.CharField(max_length=200, unique=True)  # host and process id
    started_at = models.DateTimeField()
    passed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.name}"
