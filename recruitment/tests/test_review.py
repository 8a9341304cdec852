"""The committee's review: the list, one application, its steps, the invitation, the deletion."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import HttpResponse
from django.utils import timezone

from accounts.models import Invitation
from audit.models import AuditEvent
from networks.models import Role
from recruitment.actions import (
    StatusChangeRefused,
    accept_application,
    decline_application,
    destroy_expired_applications,
)
from recruitment.models import DAYS_KEPT_AFTER_DECISION, Application
from recruitment.tests.conftest import World, make_application


def applications_url(world: World) -> str:
    return f"/en/recruiting/network/{world.network_a.pk}/applications/"


def test_the_list_says_what_to_do_when_there_is_no_application(world: World) -> None:
    html = world.client_for("coordinator_a").get(applications_url(world)).content.decode()
    assert "No application yet." in html
    assert "http://testserver/en/n/ALPHA2/" in html


def test_the_list_groups_applications_by_status_newest_first_with_counts(world: World) -> None:
    now = timezone.now()
    make_application(world.network_a, name="Older Person", created_at=now - datetime.timedelta(2))
    make_application(world.network_a, name="Newer Person", created_at=now)
    make_application(world.network_a, name="Met Person", status=Application.Status.MET)
    make_application(world.network_b, name="Someone Elsewhere")
    response = world.client_for("coordinator_a").get(applications_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 applications, newest first." in html
    assert "New (2)" in html and "Met (1)" in html and "Accepted (0)" in html
    assert html.index("Newer Person") < html.index("Older Person") < html.index("Met Person")
    assert "Someone Elsewhere" not in html
    assert AuditEvent.objects.filter(action="application.listed").count() == 1


def test_the_administrator_sees_the_applications_of_any_network(world: World) -> None:
    make_application(world.network_b, name="Someone Elsewhere")
    url = f"/en/recruiting/network/{world.network_b.pk}/applications/"
    assert "Someone Elsewhere" in world.client_for("admin").get(url).content.decode()


def test_opening_an_application_shows_it_and_is_audited(world: World) -> None:
    application = make_application(
        world.network_a, phone="514 555-0199", availability="Le midi", qualities=["discretion"]
    )
    user = world.user("coordinator_a")
    response = world.client_for("coordinator_a").get(
        f"/en/recruiting/application/{application.pk}/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    for shown in ["Nadia Tremblay", "nadia@example.org", "514 555-0199", "Le midi", "Discretion"]:
        assert shown in html
    event = AuditEvent.objects.get(action="application.viewed")
    assert (event.actor, event.object_id) == (user, str(application.pk))
    assert "Nadia" not in f"{event.action}{event.object_type}{event.object_id}"


def post_step(
    world: World, application: Application, step: str, user: str = "coordinator_a"
) -> HttpResponse:
    url = f"/en/recruiting/application/{application.pk}/{step}/"
    return world.client_for(user).post(url, follow=True)


def test_an_application_is_met_then_accepted(world: World) -> None:
    application = make_application(world.network_a)
    response = post_step(world, application, "met")
    assert "Marked as met." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.MET and application.met_at is not None
    response = post_step(world, application, "accept")
    assert "You can now invite this person" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.decided_by == world.user("coordinator_a")
    assert application.decided_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"application.met", "application.accepted"} <= actions


def test_an_application_can_be_declined_without_a_meeting(world: World) -> None:
    application = make_application(world.network_a)
    post_step(world, application, "decline", user="admin")
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decided_by == world.user("admin")
    assert AuditEvent.objects.filter(action="application.declined").count() == 1


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Application.Status.MET, "met"),
        (Application.Status.ACCEPTED, "met"),
        (Application.Status.ACCEPTED, "decline"),
        (Application.Status.DECLINED, "accept"),
    ],
)
def test_a_step_that_does_not_follow_is_refused_with_a_message(
    world: World, status: str, step: str
) -> None:
    application = make_application(world.network_a, status=status)
    response = post_step(world, application, step)
    assert response.status_code == 200
    assert "already past that step" in response.content.decode()
    application.refresh_from_db()
    assert application.status == status


def test_two_people_deciding_at_once_cannot_both_succeed(world: World) -> None:
    application = make_application(world.network_a)
    stale = Application.objects.get(pk=application.pk)
    decline_application(application, world.user("coordinator_a"))
    with pytest.raises(StatusChangeRefused):
        accept_application(stale, world.user("admin"))
    assert Application.objects.get(pk=application.pk).status == Application.Status.DECLINED
    assert not AuditEvent.objects.filter(action="application.accepted").exists()


def test_a_decided_application_says_when_it_will_be_deleted(world: World) -> None:
    application = make_application(world.network_a)
    html = post_step(world, application, "decline").content.decode()
    assert "This application will be deleted on" in html


def test_accepting_offers_to_invite_and_inviting_sends_the_invitation(world: World) -> None:
    application = make_application(world.network_a, roles=["contributor"])
    html = post_step(world, application, "accept").content.decode()
    assert f'action="/en/recruiting/application/{application.pk}/invite/"' in html
    assert '<option value="contributor" selected>' in html
    client = world.client_for("coordinator_a")
    response = client.post(
        f"/en/recruiting/application/{application.pk}/invite/", {"role": "contributor"}, follow=True
    )
    assert "Invitation sent to nadia@example.org." in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("nadia@example.org", Role.CONTRIBUTOR)
    assert invitation.network == world.network_a
    assert invitation.invited_by == world.user("coordinator_a")
    application.refresh_from_db()
    assert application.invited_at is not None
    assert AuditEvent.objects.filter(action="application.invited").count() == 1
    assert len(mail.outbox) == 1
    assert "http://testserver/" in mail.outbox[0].body
    assert "J'aime écouter" not in mail.outbox[0].body


def test_an_application_that_is_not_accepted_cannot_be_invited(world: World) -> None:
    application = make_application(world.network_a)
    client = world.client_for("coordinator_a")
    url = f"/en/recruiting/application/{application.pk}/invite/"
    response = client.post(url, {"role": "helper"}, follow=True)
    assert "Accept the application before inviting this person." in response.content.decode()
    assert Invitation.objects.count() == 0


def test_inviting_to_a_role_other_than_helper_or_contributor_is_an_error(world: World) -> None:
    application = make_application(world.network_a, status=Application.Status.ACCEPTED)
    client = world.client_for("coordinator_a")
    url = f"/en/recruiting/application/{application.pk}/invite/"
    response = client.post(url, {"role": "coordinator"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Invitation.objects.count() == 0


def test_a_refused_invitation_is_explained_to_the_coordinator(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accounts import invitations

    def refuse(*args: object, **kwargs: object) -> None:
        raise invitations.InvitationRefused("You may not invite someone to this role here.")

    monkeypatch.setattr(invitations, "create_invitation", refuse)
    application = make_application(world.network_a, status=Application.Status.ACCEPTED)
    client = world.client_for("coordinator_a")
    url = f"/en/recruiting/application/{application.pk}/invite/"
    response = client.post(url, {"role": "helper"}, follow=True)
    assert "You may not invite someone to this role here." in response.content.decode()
    application.refresh_from_db()
    assert application.invited_at is None


def test_applications_are_deleted_after_the_retention_period(world: World) -> None:
    now = timezone.now()
    old = now - datetime.timedelta(days=DAYS_KEPT_AFTER_DECISION, minutes=1)
    recent = now - datetime.timedelta(days=DAYS_KEPT_AFTER_DECISION - 1)
    expired = make_application(world.network_a, status="declined", decided_at=old)
    kept = make_application(world.network_a, status="accepted", decided_at=recent)
    undecided = make_application(world.network_a, created_at=old)
    assert destroy_expired_applications(now) == 1
    assert set(Application.objects.values_list("pk", flat=True)) == {kept.pk, undecided.pk}
    event = AuditEvent.objects.get(action="application.destroyed")
    assert event.object_id == str(expired.pk)


def test_the_daily_command_deletes_expired_applications(world: World) -> None:
    old = timezone.now() - datetime.timedelta(days=DAYS_KEPT_AFTER_DECISION + 1)
    make_application(world.network_a, status="declined", decided_at=old)
    output = io.StringIO()
    call_command("destroy_expired_applications", stdout=output)
    assert output.getvalue() == "1 application(s) deleted.\n"
    assert not Application.objects.exists()
