import datetime
import hashlib
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.invitations import InvitationRefused, accept_invitation, create_invitation
from accounts.models import Invitation, User
from accounts.tests.conftest import World
from accounts.tests.helpers import enter_code, enter_password, is_signed_in
from audit.models import AuditEvent
from conftest import sign_in
from networks.models import Membership, Role
from recruitment.models import HelperProfile

NEW_PASSWORD = "a long and fresh passphrase"


def invite(world: World, inviter: str, role: str, place: str | None = None) -> Invitation:
    """`place` names a network or council of the world (joint_a, union_b, montreal, …)."""
    where = getattr(world, place) if place else None
    network = where if place in ("joint_a", "union_b", "union_c") else None
    council = where if place in ("montreal", "quebec") else None
    return create_invitation(
        world[inviter], "invited@elsewhere.test", role, network=network, council=council
    )


ALLOWED = [
    ("coordinator_a", Role.HELPER, "joint_a"),
    ("coordinator_a", Role.CONTRIBUTOR, "joint_a"),
    ("coordinator_a", Role.COORDINATOR, "joint_a"),
    ("coordinator_a", Role.LIAISON, "joint_a"),
    ("coordinator_a", Role.EMPLOYER_REP, "joint_a"),
    ("coordinator_b", Role.HELPER, "union_b"),
    ("rep_montreal", Role.COORDINATOR, "joint_a"),
    ("rep_montreal", Role.LIAISON, "union_b"),
    ("rep_montreal", Role.REGIONAL_REP, "montreal"),
    ("rep_quebec", Role.COORDINATOR, "union_c"),
    ("admin", Role.HELPER, "union_c"),
    ("admin", Role.EMPLOYER_REP, "joint_a"),
    ("admin", Role.REGIONAL_REP, "quebec"),
    ("admin", Role.ADMIN, None),
]

REFUSED = [
    # a coordinator: only in their own network, never above it
    ("coordinator_b", Role.EMPLOYER_REP, "union_b"),  # union-only: no employer representative
    ("coordinator_a", Role.HELPER, "union_b"),
    ("coordinator_a", Role.REGIONAL_REP, "montreal"),
    ("coordinator_a", Role.ADMIN, None),
    # people who do not invite
    ("helper_a", Role.HELPER, "joint_a"),
    ("liaison_a", Role.HELPER, "joint_a"),
    ("employer_a", Role.EMPLOYER_REP, "joint_a"),
    # a representative: committee leads of their council's networks and fellow representatives
    ("rep_montreal", Role.HELPER, "joint_a"),
    ("rep_montreal", Role.CONTRIBUTOR, "union_b"),
    ("rep_montreal", Role.EMPLOYER_REP, "joint_a"),
    ("rep_montreal", Role.COORDINATOR, "union_c"),
    ("rep_montreal", Role.REGIONAL_REP, "quebec"),
    ("rep_montreal", Role.ADMIN, None),
    # not even an administrator makes an employer representative in a union-only network
    ("admin", Role.EMPLOYER_REP, "union_b"),
    # the place must fit the role
    ("admin", Role.HELPER, None),
    ("admin", Role.HELPER, "montreal"),
    ("admin", Role.REGIONAL_REP, "joint_a"),
    ("admin", Role.ADMIN, "joint_a"),
]


@pytest.mark.parametrize("inviter, role, place", ALLOWED)
def test_who_may_invite_whom(world: World, inviter: str, role: str, place: str | None) -> None:
    invitation = invite(world, inviter, role, place)
    assert invitation.pk and invitation.role == role
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("inviter, role, place", REFUSED)
def test_who_may_not_invite_whom(world: World, inviter: str, role: str, place: str | None) -> None:
    with pytest.raises(InvitationRefused):
        invite(world, inviter, role, place)
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_refusal_says_why_in_the_persons_language(world: World) -> None:
    for language, why in [
        ("en", "Only a joint or contracted network has employer representatives."),
        ("fr", "Seul un réseau paritaire ou conventionné compte des représentant·es"),
    ]:
        with translation.override(language):
            with pytest.raises(InvitationRefused) as refusal:
                invite(world, "coordinator_b", Role.EMPLOYER_REP, "union_b")
            assert why in str(refusal.value)


def test_only_the_tokens_hash_is_stored(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.token_hash == hashlib.sha256(invitation.token.encode()).hexdigest()
    assert invitation.token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert stored.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)


def test_the_invitation_email_holds_the_link_and_nothing_sensitive(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.EMPLOYER_REP, "joint_a")
    message = mail.outbox[0]
    assert message.to == ["invited@elsewhere.test"]
    assert f"/fr/account/invitation/{invitation.token}/" in message.body
    assert f"/en/account/invitation/{invitation.token}/" in message.body
    assert "You are invited to join Entraide" in message.body
    for secret in ["Joint network A", "employer", "coordinator_a", "Employer 1"]:
        assert secret not in message.body
        assert secret not in message.subject


def test_sending_an_invitation_writes_an_audit_event_without_content(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    event = AuditEvent.objects.get(action="invitation.created")
    assert event.actor == world["coordinator_a"]
    assert (event.object_type, event.object_id) == ("accounts.invitation", str(invitation.pk))
    for field in ("action", "object_type", "object_id"):
        assert "invited@elsewhere.test" not in getattr(event, field)
        assert invitation.token not in getattr(event, field)


# The invite page


INVITERS = ["coordinator_a", "coordinator_b", "rep_montreal", "rep_quebec", "admin"]
NOT_INVITERS = ["helper_a", "liaison_a", "employer_a"]


def test_the_invite_page_sends_an_anonymous_visitor_to_sign_in(db: None) -> None:
    response = Client().get("/en/account/invite/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


@pytest.mark.parametrize("name", INVITERS)
def test_the_invite_page_opens_for_those_who_may_invite(world: World, name: str) -> None:
    assert sign_in(Client(), world[name]).get("/en/account/invite/").status_code == 200


@pytest.mark.parametrize("name", NOT_INVITERS)
def test_the_invite_page_is_not_found_for_anyone_else(world: World, name: str) -> None:
    client = sign_in(Client(), world[name])
    for response in (
        client.get("/en/account/invite/"),
        client.post("/en/account/invite/", {"email": "x@y.test", "role": "helper"}),
    ):
        assert response.status_code == 404
        assert "Joint network A" not in response.content.decode()
    assert not Invitation.objects.exists()


def options(html: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}".*?</select>', html, re.S)
    return re.findall(r">([^<]+)</option>", select.group(0)) if select else []


def test_a_coordinator_is_offered_only_their_network_and_its_roles(world: World) -> None:
    html = sign_in(Client(), world["coordinator_a"]).get("/en/account/invite/").content.decode()
    assert options(html, "network") == ["---------", "Joint network A"]
    assert options(html, "role") == [
        "peer helper",
        "contributor",
        "committee coordinator",
        "executive liaison",
        "employer representative",
    ]
    assert options(html, "council") == []


def test_a_coordinator_of_a_union_only_network_is_not_offered_employer_representatives(
    world: World,
) -> None:
    html = sign_in(Client(), world["coordinator_b"]).get("/en/account/invite/").content.decode()
    assert "employer representative" not in options(html, "role")


def test_a_representative_is_offered_their_councils_networks_and_their_council(
    world: World,
) -> None:
    html = sign_in(Client(), world["rep_montreal"]).get("/en/account/invite/").content.decode()
    assert options(html, "network") == ["---------", "Joint network A", "Union network B"]
    assert options(html, "council") == ["---------", "Montreal (test)"]
    assert options(html, "role") == [
        "committee coordinator",
        "executive liaison",
        "regional representative",
    ]


def test_an_invitation_sent_from_the_page(world: World) -> None:
    client = sign_in(Client(), world["coordinator_a"])
    response = client.post(
        "/en/account/invite/",
        {"email": "New.Helper@Elsewhere.test", "role": "helper", "network": world.joint_a.pk},
    )
    assert response["Location"] == "/en/account/invite/"
    assert "Invitation sent to" in client.get("/en/account/invite/").content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.network) == (
        "new.helper@elsewhere.test",
        "helper",
        world.joint_a,
    )
    assert invitation.invited_by == world["coordinator_a"]
    assert mail.outbox[0].to == ["new.helper@elsewhere.test"]
    assert "http://testserver/en/account/invitation/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "data, error",
    [
        ({"role": "helper", "network": "union_b"}, "Select a valid choice."),
        ({"role": "regional_rep", "network": "joint_a"}, "Select a valid choice."),
        ({"role": "helper"}, "Choose the network this role is in."),
        ({"role": "coordinator", "network": "joint_a"}, None),
    ],
)
def test_the_invite_form_refuses_what_the_inviter_may_not_give(
    world: World, data: dict, error: str | None
) -> None:
    client = sign_in(Client(), world["coordinator_a"])
    if "network" in data:
        data = {**data, "network": getattr(world, data["network"]).pk}
    response = client.post("/en/account/invite/", {"email": "someone@elsewhere.test", **data})
    if error is None:
        assert response.status_code == 302
        assert Invitation.objects.count() == 1
    else:
        assert response.status_code == 200
        assert error in response.content.decode()
        assert not Invitation.objects.exists()
        assert not mail.outbox


def test_a_representative_cannot_pick_a_network_of_another_council(world: World) -> None:
    client = sign_in(Client(), world["rep_montreal"])
    response = client.post(
        "/en/account/invite/",
        {"email": "someone@elsewhere.test", "role": "coordinator", "network": world.union_c.pk},
    )
    assert "Select a valid choice." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_representative_may_not_invite_a_helper_even_in_their_council(world: World) -> None:
    client = sign_in(Client(), world["rep_montreal"])
    response = client.post(
        "/en/account/invite/",
        {"email": "someone@elsewhere.test", "role": "helper", "network": world.joint_a.pk},
    )
    assert "Select a valid choice." in response.content.decode()  # not even offered
    assert not Invitation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_invitation_is_kept_and_its_email_sent_by_the_task_worker_after_the_commit(
    world: World, settings: object
) -> None:
    from support.tests.mail_servers import DATABASE_BACKEND, run_task_worker

    settings.TASKS = DATABASE_BACKEND
    client = sign_in(Client(), world["coordinator_a"])
    response = client.post(
        "/en/account/invite/",
        {"email": "someone@elsewhere.test", "role": "helper", "network": world.joint_a.pk},
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(email="someone@elsewhere.test").exists()
    assert mail.outbox == []  # the page never waits for the mail server
    run_task_worker()
    (message,) = mail.outbox
    assert message.to == ["someone@elsewhere.test"] and "/account/invitation/" in message.body


# Accepting


def test_a_new_person_accepts_an_invitation_and_enrols(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    link = f"/en/account/invitation/{invitation.token}/"
    client = Client()

    page = client.get(link)
    assert page.status_code == 200
    assert "peer helper in Joint network A" in page.content.decode()

    weak = client.post(link, {"display_name": "Sam", "password1": "short", "password2": "short"})
    assert "at least 12 characters" in weak.content.decode()
    assert not User.objects.filter(email="invited@elsewhere.test").exists()

    response = client.post(
        link, {"display_name": "Sam", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/en/account/enrol/"
    user = User.objects.get(email="invited@elsewhere.test")
    assert user.display_name == "Sam" and user.check_password(NEW_PASSWORD)
    assert client.get("/en/account/")["Location"] == "/en/account/enrol/"  # not before the app

    client.get("/en/account/enrol/")
    device = TOTPDevice.objects.get(user=user)
    shown = client.post("/en/account/enrol/", {"code": f"{totp(device.bin_key):06d}"})
    assert shown.content.decode().count("<li><code>") == 10

    home = client.get("/en/account/")
    assert home.status_code == 200
    assert "Joint network A" in home.content.decode()
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.network) == (Role.HELPER, world.joint_a)
    assert HelperProfile.objects.filter(membership=membership).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None
    assert AuditEvent.objects.filter(actor=user, action="invitation.accepted").exists()

    # the link is used up
    assert Client().get(link).status_code == 404


def test_a_person_with_an_account_signs_in_then_accepts(world: World) -> None:
    invitation = create_invitation(
        world["coordinator_a"], "Liaison_A@accounts.test", Role.COORDINATOR, network=world.joint_a
    )
    link = f"/en/account/invitation/{invitation.token}/"
    client = Client()

    to_sign_in = client.get(link)
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"].startswith("/en/account/login/?next=")
    assert not Membership.objects.filter(user=world["liaison_a"], role=Role.COORDINATOR).exists()

    enter_password(client, "liaison_a@accounts.test", next=link)
    device = TOTPDevice.objects.get(user=world["liaison_a"])
    back = enter_code(client, f"{totp(device.bin_key):06d}")
    assert back["Location"] == link

    page = client.get(link)
    assert "committee coordinator in Joint network A" in page.content.decode()
    accepted = client.post(link)
    assert accepted["Location"] == "/en/account/"
    assert Membership.objects.filter(
        user=world["liaison_a"], role=Role.COORDINATOR, network=world.joint_a
    ).exists()
    assert not HelperProfile.objects.exists()
    assert client.get(link).status_code == 404


def test_an_invitation_is_not_accepted_by_another_signed_in_account(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    User.objects.create_user("invited@elsewhere.test", NEW_PASSWORD, display_name="I")
    client = sign_in(Client(), world["helper_a"])
    link = f"/en/account/invitation/{invitation.token}/"
    assert "for another account" in client.get(link).content.decode()
    client.post(link)
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    assert Membership.objects.filter(user__email="invited@elsewhere.test").count() == 0


def not_valid_page(client: Client, token: str) -> str:
    response = client.get(f"/en/account/invitation/{token}/")
    assert response.status_code == 404
    assert "This invitation is not valid" in response.content.decode()
    return response.content.decode().replace(token, "TOKEN")  # the language switch keeps it


def test_unknown_used_and_expired_links_get_the_same_page(world: World) -> None:
    used = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    accept_invitation(used, User.objects.create_user("invited@elsewhere.test", NEW_PASSWORD))
    expired = invite(world, "coordinator_a", Role.CONTRIBUTOR, "joint_a")
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    client = Client()
    pages = {
        not_valid_page(client, token) for token in ("no-such-token", used.token, expired.token)
    }
    assert len(pages) == 1


def test_a_new_account_form_posted_with_an_expired_link_creates_nothing(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = Client().post(
        f"/en/account/invitation/{invitation.token}/",
        {"display_name": "Sam", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="invited@elsewhere.test").exists()


def test_an_invitation_dies_when_its_inviter_loses_the_right_to_give_it(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    Membership.objects.filter(user=world["coordinator_a"]).update(is_active=False)
    not_valid_page(Client(), invitation.token)


def test_an_invitation_is_accepted_only_once(world: World) -> None:
    invitation = invite(world, "admin", Role.ADMIN)
    user = User.objects.create_user("invited@elsewhere.test", NEW_PASSWORD)
    accept_invitation(invitation, user)
    with pytest.raises(InvitationRefused):
        accept_invitation(invitation, user)
    assert Membership.objects.filter(user=user, role=Role.ADMIN).count() == 1


def test_the_invitation_pages_sign_no_one_in(world: World) -> None:
    invitation = invite(world, "coordinator_a", Role.HELPER, "joint_a")
    client = Client()
    client.get(f"/en/account/invitation/{invitation.token}/")
    assert not is_signed_in(client)
