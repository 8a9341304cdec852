"""Every change to recruiting records goes through these functions; views only call them.
Each leaves a content-free audit event."""

import datetime

from django.db import transaction
from django.utils import timezone

from audit.models import record
from networks.models import Membership, Network, Role
from recruitment.models import (
    APPLICATION_ROLES,
    Application,
    AvailabilitySlot,
    HelperProfile,
)
from recruitment.pledge import CURRENT_PLEDGE_VERSION

# At most this many applications per network per hour, counted in the database so that it holds
# across processes. Enough for a recruiting drive after a general meeting; not for a flood.
MAX_APPLICATIONS_PER_HOUR = 20


class ApplicationsPaused(Exception):
    """The network received too many applications in the last hour."""


class StatusChangeRefused(Exception):
    """The application's status does not allow this step."""


class InvitationFailed(Exception):
    """The accounts app refused the invitation; the message says why, for the coordinator."""


def submit_application(network: Network, fields: dict) -> Application:
    """Saves an application from the public form, unless the network's hourly cap is reached."""
    with transaction.atomic():
        # Locking the network row makes concurrent submissions count one after the other.
        Network.objects.select_for_update(no_key=True).filter(pk=network.pk).first()
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        recent = Application.objects.filter(network=network).received_since(an_hour_ago)
        if recent.count() >= MAX_APPLICATIONS_PER_HOUR:
            raise ApplicationsPaused
        application = Application.objects.create(network=network, **fields)
    record(None, "application.received", application)
    return application


def mark_met(application: Application, by: object) -> None:
    move(
        application, [Application.Status.NEW], status=Application.Status.MET, met_at=timezone.now()
    )
    record(by, "application.met", application)


def accept_application(application: Application, by: object) -> None:
    decide(application, Application.Status.ACCEPTED, by)
    record(by, "application.accepted", application)


def decline_application(application: Application, by: object) -> None:
    decide(application, Application.Status.DECLINED, by)
    record(by, "application.declined", application)


def decide(application: Application, status: str, by: object) -> None:
    undecided = [Application.Status.NEW, Application.Status.MET]
    move(application, undecided, status=status, decided_at=timezone.now(), decided_by=by)


def move(application: Application, allowed_from: list[str], **changes: object) -> None:
    """Applies `changes` if the application's status, read in the same statement, is one of
    `allowed_from`: two coordinators deciding at once cannot both succeed."""
    moved = Application.objects.filter(pk=application.pk, status__in=allowed_from).update(**changes)
    if not moved:
        raise StatusChangeRefused
    for field, value in changes.items():
        setattr(application, field, value)


def invite_applicant(application: Application, by: object, role: str, site: str = "") -> object:
    """Invites an accepted applicant to the network in `role`; `site` ("https://host") starts
    the emailed link. Raises StatusChangeRefused for an application that is not accepted, and
    InvitationFailed when the accounts app refuses."""
    # Imported here, not at the top, so that recruiting does not depend on accounts at import.
    from accounts.invitations import InvitationRefused, create_invitation

    if application.status != Application.Status.ACCEPTED or role not in APPLICATION_ROLES:
        raise StatusChangeRefused
    try:
        invitation = create_invitation(
            by, application.email, role, network=application.network, site=site
        )
    except InvitationRefused as refusal:
        raise InvitationFailed(str(refusal)) from refusal
    application.invited_at = timezone.now()
    application.save(update_fields=["invited_at"])
    record(by, "application.invited", application)
    return invitation


def destroy_expired_applications(now: datetime.datetime | None = None) -> int:
    """Deletes the applications decided more than DAYS_KEPT_AFTER_DECISION days ago."""
    expired = list(Application.objects.past_retention(now))
    for application in expired:
        record(None, "application.destroyed", application)
    Application.objects.filter(pk__in=[a.pk for a in expired]).delete()
    return len(expired)


def sign_pledge(membership: Membership, by: object) -> HelperProfile:
    """Records that the helper signed the current pledge, creating their profile if needed."""
    if membership.role != Role.HELPER or membership.user_id != getattr(by, "pk", None):
        raise ValueError("only a helper signs their own pledge")
    profile, _ = HelperProfile.objects.get_or_create(membership=membership)
    profile.pledge_version = CURRENT_PLEDGE_VERSION
    profile.pledge_signed_at = timezone.now()
    profile.save(update_fields=["pledge_version", "pledge_signed_at"])
    record(by, "pledge.signed", profile)
    return profile


@transaction.atomic
def update_helper_profile(profile: HelperProfile, by: object, choices: dict) -> HelperProfile:
    """Saves what the helper chose on their profile page (a form's cleaned data) and replaces
    their weekly availability with `choices["slots"]`: (weekday, from, to) triples."""
    profile.languages = choices["languages"]
    profile.open_conversation_cap = choices["open_conversation_cap"]
    profile.is_away = choices["is_away"]
    profile.save()
    profile.topics.set(choices["topics"])
    profile.supervised_teams.set(choices["supervised_teams"])
    profile.slots.all().delete()
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(profile=profile, weekday=day, starts_at=start, ends_at=end)
        for day, start, end in choices["slots"]
    )
    record(by, "helper_profile.updated", profile)
    return profile


def set_training(
    membership: Membership, by: object, training: str, trained_on: datetime.date | None
) -> HelperProfile:
    profile, _ = HelperProfile.objects.get_or_create(membership=membership)
    profile.training = training
    profile.trained_on = trained_on
    profile.save(update_fields=["training", "trained_on"])
    record(by, "helper.training_set", profile)
    return profile
