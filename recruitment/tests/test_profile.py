"""A helper's own profile, and the committee's list of helpers (which never shows topics)."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory.models import TaxonomyTerm
from networks.models import Team
from recruitment.models import AvailabilitySlot, HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from recruitment.tests.conftest import World


@pytest.fixture
def topic(db: None) -> TaxonomyTerm:
    return TaxonomyTerm.objects.create(
        code="deuil-test",
        name_fr="Deuil vécu",
        name_en="Lived bereavement",
        description_fr="…",
        description_en="…",
    )


@pytest.fixture
def teams(world: World) -> dict[str, Team]:
    return {
        "kitchen": Team.objects.create(network=world.network_a, name="Cuisine"),
        "elsewhere": Team.objects.create(network=world.network_b, name="Travaux publics"),
    }


def profile_url(world: World, name: str = "helper_a") -> str:
    return f"/en/recruiting/profile/{world.people[name].pk}/"


def profile_form(**changes: object) -> dict:
    data = {
        "languages": ["fr", "en"],
        "open_conversation_cap": "4",
        "slots-TOTAL_FORMS": "7",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "7",
        "slots-0-weekday": "0",
        "slots-0-starts_at": "08:00",
        "slots-0-ends_at": "12:00",
        "slots-1-weekday": "2",
        "slots-1-starts_at": "13:00",
        "slots-1-ends_at": "17:30",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_profile_offers_the_teams_of_the_helpers_network_only(
    world: World, teams: dict, topic: TaxonomyTerm
) -> None:
    html = world.client_for("helper_a").get(profile_url(world)).content.decode()
    assert "Cuisine" in html and "Travaux publics" not in html
    assert "Lived bereavement" in html
    assert "confidentiality pledge" in html  # not signed yet


def test_topics_are_shown_in_the_current_language(world: World, topic: TaxonomyTerm) -> None:
    url = f"/fr/recruiting/profile/{world.people['helper_a'].pk}/"
    assert "Deuil vécu" in world.client_for("helper_a").get(url).content.decode()


def test_a_helper_saves_their_profile(world: World, teams: dict, topic: TaxonomyTerm) -> None:
    data = profile_form(
        topics=[str(topic.pk)], supervised_teams=[str(teams["kitchen"].pk)], is_away="on"
    )
    response = world.client_for("helper_a").post(profile_url(world), data, follow=True)
    assert "Your profile is saved." in response.content.decode()
    profile = HelperProfile.objects.get(membership=world.people["helper_a"])
    assert profile.languages == ["fr", "en"]
    assert profile.open_conversation_cap == 4
    assert profile.is_away
    assert list(profile.topics.all()) == [topic]
    assert list(profile.supervised_teams.all()) == [teams["kitchen"]]
    slots = [(s.weekday, s.starts_at, s.ends_at) for s in profile.slots.all()]
    assert slots == [
        (0, datetime.time(8), datetime.time(12)),
        (2, datetime.time(13), datetime.time(17, 30)),
    ]
    assert AuditEvent.objects.filter(action="helper_profile.updated").count() == 1


def test_saved_slots_come_back_and_a_cleared_row_is_removed(world: World) -> None:
    client = world.client_for("helper_a")
    client.post(profile_url(world), profile_form())
    html = client.get(profile_url(world)).content.decode()
    assert 'value="08:00' in html and 'value="17:30' in html
    client.post(
        profile_url(world),
        profile_form(**{"slots-0-weekday": "", "slots-0-starts_at": "", "slots-0-ends_at": ""}),
    )
    assert list(AvailabilitySlot.objects.values_list("weekday", flat=True)) == [2]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"open_conversation_cap": "0"}, "greater than or equal to 1"),
        ({"open_conversation_cap": "11"}, "less than or equal to 10"),
        ({"open_conversation_cap": "lots"}, "Enter a whole number."),
        ({"languages": None}, "Choose at least one language."),
        ({"slots-0-ends_at": "07:00"}, "The end must be later than the start."),
        ({"slots-0-ends_at": "08:00"}, "The end must be later than the start."),
        ({"slots-0-ends_at": ""}, "Give the day, the start and the end"),
        ({"slots-0-starts_at": "25:99"}, "Enter a valid time."),
        ({"slots-0-weekday": "7"}, "Select a valid choice."),
        ({"slots-TOTAL_FORMS": "8"}, "Please submit at most 7 forms."),
        ({"slots-TOTAL_FORMS": None}, "ManagementForm data is missing"),
        ({"supervised_teams": ["999999"]}, "Select a valid choice."),
    ],
)
def test_a_wrong_profile_answer_is_shown_and_nothing_is_saved(
    world: World, changes: dict, message: str
) -> None:
    response = world.client_for("helper_a").post(profile_url(world), profile_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HelperProfile.objects.exists()


def test_a_team_of_another_network_cannot_be_supervised(world: World, teams: dict) -> None:
    data = profile_form(supervised_teams=[str(teams["elsewhere"].pk)])
    response = world.client_for("helper_a").post(profile_url(world), data)
    assert "Select a valid choice." in response.content.decode()
    assert not HelperProfile.objects.exists()


def test_a_helper_cannot_open_another_helpers_profile(world: World) -> None:
    response = world.client_for("helper_b").get(profile_url(world, "helper_a"))
    assert response.status_code == 404


def helpers_url(world: World) -> str:
    return f"/en/recruiting/network/{world.network_a.pk}/helpers/"


def test_the_coordinator_sees_helpers_but_never_their_topics(
    world: World, topic: TaxonomyTerm
) -> None:
    profile = HelperProfile.objects.create(
        membership=world.people["helper_a"],
        is_away=True,
        pledge_version=CURRENT_PLEDGE_VERSION,
        pledge_signed_at=timezone.now(),
    )
    profile.topics.add(topic)
    for who in ("coordinator_a", "admin"):
        html = world.client_for(who).get(helpers_url(world)).content.decode()
        assert "Helper A" in html and "Helper B" not in html
        assert "Signed on" in html and "Away" in html
        assert "Lived bereavement" not in html and "bereavement" not in html.lower()
        assert "deuil" not in html.lower()


def test_the_helpers_page_says_what_to_do_when_there_is_none(world: World) -> None:
    url = f"/en/recruiting/network/{world.network_b.pk}/helpers/"
    world.people["helper_b"].delete()
    html = world.client_for("admin").get(url).content.decode()
    assert "No peer helper yet." in html


def test_the_coordinator_records_a_training(world: World) -> None:
    membership = world.people["helper_a"]
    data = {"membership": membership.pk, "training": "trained", "trained_on": "2026-03-12"}
    response = world.client_for("coordinator_a").post(helpers_url(world), data, follow=True)
    assert "Training updated for Helper A." in response.content.decode()
    profile = HelperProfile.objects.get(membership=membership)
    assert profile.is_trained and profile.trained_on == datetime.date(2026, 3, 12)
    assert AuditEvent.objects.filter(action="helper.training_set").count() == 1


def test_registering_for_training_clears_the_training_date(world: World) -> None:
    membership = world.people["helper_a"]
    HelperProfile.objects.create(
        membership=membership, training="trained", trained_on=datetime.date(2026, 1, 1)
    )
    data = {"membership": membership.pk, "training": "registered", "trained_on": "2026-03-12"}
    world.client_for("coordinator_a").post(helpers_url(world), data)
    profile = HelperProfile.objects.get(membership=membership)
    assert profile.training == "registered" and profile.trained_on is None


@pytest.mark.parametrize(
    ("trained_on", "message"),
    [
        ("", "Give the date the training ended."),
        ("2999-01-01", "The training date cannot be in the future."),
        ("not a date", "Enter a valid date."),
    ],
)
def test_a_wrong_training_is_shown_in_its_row(world: World, trained_on: str, message: str) -> None:
    membership = world.people["helper_a"]
    data = {"membership": membership.pk, "training": "trained", "trained_on": trained_on}
    response = world.client_for("coordinator_a").post(helpers_url(world), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HelperProfile.objects.filter(training="trained").exists()


def test_the_coordinator_cannot_set_the_training_of_another_networks_helper(
    world: World,
) -> None:
    other = world.people["helper_b"]
    data = {"membership": other.pk, "training": "trained", "trained_on": "2026-03-12"}
    response = world.client_for("coordinator_a").post(helpers_url(world), data, follow=True)
    assert "This person is not a helper of this network." in response.content.decode()
    assert not HelperProfile.objects.filter(membership=other).exists()
