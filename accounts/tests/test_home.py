import pytest
from django.test import Client

from accounts.tests.conftest import World
from accounts.tests.helpers import enter_password
from audit.models import AuditEvent
from conftest import sign_in


def test_my_space_sends_an_anonymous_visitor_to_sign_in(db: None) -> None:
    response = Client().get("/en/account/")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/?next=/en/account/"


@pytest.mark.parametrize(
    "name, invite, audit",
    [
        ("helper_a", False, False),
        ("employer_a", False, False),
        ("coordinator_a", True, False),
        ("rep_montreal", True, False),
        ("admin", True, True),
    ],
)
def test_my_space_links_to_what_the_person_may_use(
    world: World, name: str, invite: bool, audit: bool
) -> None:
    html = sign_in(Client(), world[name]).get("/en/account/").content.decode()
    assert 'href="/en/account/recovery-codes/"' in html
    assert ('href="/en/account/invite/"' in html) is invite
    assert ('href="/en/audit/"' in html) is audit


def test_sign_in_events_hold_no_content(world: World) -> None:
    enter_password(Client(), "helper_a@accounts.test", "my typed secret")
    enter_password(Client(), "nobody@accounts.test", "my typed secret")
    for event in AuditEvent.objects.all():
        text = " ".join([event.action, event.object_type, event.object_id])
        assert "secret" not in text and "@" not in text
    assert AuditEvent.objects.count() == 2
