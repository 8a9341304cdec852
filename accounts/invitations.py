"""Invitations: who may invite whom to which role, and the actions that send and accept them.

- A coordinator of a network (or an administrator) invites helpers, contributors, coordinators
  and executive liaisons to it, and employer representatives when the network is joint or
  contracted.
- A regional representative of a council (or an administrator) invites coordinators and
  executive liaisons to any network of the council, and other representatives of the council.
- An administrator may invite anyone to anything, administrators included.
"""

import secrets

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import INVITATION_LIFETIME, Invitation, User, hash_token
from audit.models import record
from lib.mail import queue_email
from networks.access import councils_for_user, is_admin, memberships_of, networks_for_user
from networks.models import NETWORK_ROLES, Membership, Network, Role
from recruitment.models import HelperProfile
from regions.models import RegionalCouncil

COORDINATOR_MAY_GRANT = {Role.HELPER, Role.CONTRIBUTOR, Role.COORDINATOR, Role.LIAISON}
REPRESENTATIVE_MAY_GRANT_IN_NETWORK = {Role.COORDINATOR, Role.LIAISON}


class InvitationRefused(Exception):
    """The inviter may not give this role here, or the invitation can no longer be used. The
    message is translated and safe to show."""


def roles_the_inviter_may_grant(
    inviter: User, network: Network | None = None, council: RegionalCouncil | None = None
) -> set[str]:
    """The roles `inviter` may give in `network`, or in `council`, or platform-wide when both
    are None (only the administrator role lives there)."""
    memberships = memberships_of(inviter)
    admin = is_admin(inviter)
    if network is not None:
        roles: set[str] = set()
        coordinates = any(
            m.role == Role.COORDINATOR and m.network_id == network.pk for m in memberships
        )
        represents = any(
            m.role == Role.REGIONAL_REP and m.council_id == network.council_id for m in memberships
        )
        if admin or coordinates:
            roles |= COORDINATOR_MAY_GRANT
            if network.has_employer:
                roles.add(Role.EMPLOYER_REP)
        if represents:
            roles |= REPRESENTATIVE_MAY_GRANT_IN_NETWORK
        return roles
    if council is not None:
        represents = any(
            m.role == Role.REGIONAL_REP and m.council_id == council.pk for m in memberships
        )
        return {Role.REGIONAL_REP} if admin or represents else set()
    return {Role.ADMIN} if admin else set()


def networks_the_inviter_may_invite_to(inviter: User) -> QuerySet[Network]:
    return networks_for_user(inviter, {Role.COORDINATOR, Role.REGIONAL_REP, Role.ADMIN})


def councils_the_inviter_may_invite_to(inviter: User) -> QuerySet[RegionalCouncil]:
    """Councils whose representatives the inviter may invite: their own, or all for an admin."""
    return councils_for_user(inviter)


def roles_offered_to(inviter: User) -> list[str]:
    """Every role the inviter may give somewhere, in the order of `Role`: the choices of the
    invite form. The exact place is checked by `roles_the_inviter_may_grant`."""
    if is_admin(inviter):
        return list(Role.values)
    offered: set[str] = set()
    for membership in memberships_of(inviter):
        if membership.role == Role.COORDINATOR:
            offered |= COORDINATOR_MAY_GRANT
            if membership.network.has_employer:
                offered.add(Role.EMPLOYER_REP)
        elif membership.role == Role.REGIONAL_REP:
            offered |= REPRESENTATIVE_MAY_GRANT_IN_NETWORK | {Role.REGIONAL_REP}
    return [role for role in Role.values if role in offered]


def may_invite(inviter: User) -> bool:
    return bool(roles_offered_to(inviter))


def check_may_grant(
    inviter: User, role: str, network: Network | None, council: RegionalCouncil | None
) -> None:
    """Raises InvitationRefused, with the reason, unless `inviter` may give `role` there."""
    if role not in Role.values:
        raise InvitationRefused(_("Choose a role."))
    if role in NETWORK_ROLES and (network is None or council is not None):
        raise InvitationRefused(_("Choose the network this role is in."))
    if role == Role.REGIONAL_REP and (council is None or network is not None):
        raise InvitationRefused(_("Choose the regional council this role is in."))
    if role == Role.ADMIN and (network is not None or council is not None):
        raise InvitationRefused(_("A platform administrator has no network or council."))
    if role == Role.EMPLOYER_REP and not network.has_employer:
        raise InvitationRefused(
            _("Only a joint or contracted network has employer representatives.")
        )
    if role not in roles_the_inviter_may_grant(inviter, network, council):
        raise InvitationRefused(_("You may not invite someone to this role here."))


def create_invitation(
    inviter: User,
    email: str,
    role: str,
    network: Network | None = None,
    council: RegionalCouncil | None = None,
    *,
    site: str = "",
) -> Invitation:
    """Checks that `inviter` may give the role, records the invitation and emails its link.
    `site` is the scheme and host the link starts with (e.g. "https://entraide.example").

    The returned invitation carries the link's token in `invitation.token`; only its hash is
    stored (the queued email holds the link until it is sent, then forgets it)."""
    check_may_grant(inviter, role, network, council)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=User.objects.normalize_email(email).lower(),
            role=role,
            network=network,
            council=council,
            invited_by=inviter,
            token_hash=hash_token(token),
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        record(inviter, "invitation.created", invitation)
        send_invitation_email(invitation, token, site)  # queued: it goes only if this commits
    invitation.token = token
    return invitation


def send_invitation_email(invitation: Invitation, token: str, site: str) -> None:
    """In French and in English, since we do not know the invited person's language yet. It
    says only that there is an invitation and where to accept it: no role, no workplace."""
    subjects, bodies = [], []
    for language in ("fr", "en"):
        with translation.override(language):
            context = {
                "link": site + reverse("accounts:invitation", args=[token]),
                "days": INVITATION_LIFETIME.days,
            }
            subjects.append(
                render_to_string("accounts/email/invitation_subject.txt", context).strip()
            )
            bodies.append(render_to_string("accounts/email/invitation.txt", context).strip())
    queue_email(
        EmailMessage(
            " / ".join(subjects),
            "\n\n-----\n\n".join(bodies) + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
        )
    )


def usable_invitation(token: str) -> Invitation | None:
    """The invitation a link opens, if it is not used, not expired and its inviter may still
    give the role; None otherwise (the caller shows one "not valid" page for every case)."""
    invitation = (
        Invitation.objects.usable()
        .select_related("network__council", "council", "invited_by")
        .for_token(token)
    )
    if invitation is None or invitation.invited_by is None:
        return None
    if invitation.role not in roles_the_inviter_may_grant(
        invitation.invited_by, invitation.network, invitation.council
    ):
        return None
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Gives `user` the invitation's role (a helper also gets a helper profile) and marks the
    invitation used. The row is locked so a link opened twice at once is used only once."""
    locked = Invitation.objects.select_for_update().usable().filter(pk=invitation.pk).first()
    if locked is None or locked.email.lower() != user.email.lower():
        raise InvitationRefused(_("This invitation is not valid."))
    membership, _created = Membership.objects.get_or_create(
        user=user, role=locked.role, network=locked.network, council=locked.council
    )
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    if membership.role == Role.HELPER:
        HelperProfile.objects.get_or_create(membership=membership)
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    invitation.accepted_at = locked.accepted_at
    record(user, "invitation.accepted", locked)
    return membership


@transaction.atomic
def create_account_from_invitation(
    invitation: Invitation, display_name: str, password: str
) -> User:
    """A new account for the invited email, with its membership. The person enrols a TOTP
    device next; until then no staff page opens."""
    user = User.objects.create_user(invitation.email, password, display_name=display_name)
    record(user, "account.created", user)
    accept_invitation(invitation, user)
    return user
