"""Who a request is offered to, in which order, and what happens when nobody can take it."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory.models import TaxonomyTerm
from networks.models import Team
from recruitment.models import AvailabilitySlot, HelperProfile
from support.matching import (
    eligible_helpers,
    is_available,
    loads,
    open_conversations,
    rank,
    start_matching,
)
from support.models import HelpRequest, Offer
from support.tests.helper_world import (
    CANARY,
    World,
    make_helper,
    make_networks,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)


def names(world: World, profiles: list[HelperProfile]) -> list[str]:
    by_id = {m.pk: name for name, m in world.people.items()}
    return [by_id.get(p.membership_id, str(p.membership_id)) for p in profiles]


def topic(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.create(
        code=code, name_fr=code, name_en=code, description_fr="…", description_en="…"
    )


def test_only_helpers_who_may_take_the_request_are_eligible(world: World) -> None:
    a = world.network_a
    world.people["away"] = make_helper(a, "away", away=True)
    world.people["unsigned"] = make_helper(a, "unsigned", pledge=False)
    world.people["unavailable"] = make_helper(a, "unavailable", available=False)
    world.people["english_only"] = make_helper(a, "english_only", languages=("en",))
    world.people["full"] = make_helper(a, "full", cap=0)
    world.people["supervisor"] = make_helper(a, "supervisor", supervises=world.team)
    world.people["excluded"] = make_helper(a, "excluded")
    world.people["inactive"] = make_helper(a, "inactive")
    world.people["inactive"].is_active = False
    world.people["inactive"].save()
    request = make_request(a, language="fr", team=world.team)
    request.excluded_helpers.add(world.people["excluded"])

    assert sorted(names(world, eligible_helpers(request))) == ["helper_a", "helper_a2"]


def test_a_helper_at_their_cap_is_not_eligible(world: World) -> None:
    HelperProfile.objects.filter(membership=world.people["helper_a"]).update(
        open_conversation_cap=1
    )
    busy = make_request(world.network_a)
    HelpRequest.objects.filter(pk=busy.pk).update(
        status=HelpRequest.Status.ASSIGNED, helper=world.people["helper_a"]
    )
    assert loads([world.people["helper_a"]]) == {world.people["helper_a"].pk: 1}
    assert names(world, eligible_helpers(make_request(world.network_a))) == ["helper_a2"]


def test_availability_counts_slots_opening_within_a_day_in_montreal_time() -> None:
    profile = HelperProfile()
    # Wednesday 2026-03-04, 22:00 in Montréal (03:00 UTC on Thursday).
    now = datetime.datetime(2026, 3, 5, 3, 0, tzinfo=datetime.UTC)
    thursday_evening = AvailabilitySlot(
        weekday=3, starts_at=datetime.time(18), ends_at=datetime.time(20)
    )
    friday_morning = AvailabilitySlot(
        weekday=4, starts_at=datetime.time(8), ends_at=datetime.time(9)
    )
    wednesday_night = AvailabilitySlot(
        weekday=2, starts_at=datetime.time(21), ends_at=datetime.time(23)
    )
    for slots, expected in [
        ([thursday_evening], True),
        ([friday_morning], False),
        ([wednesday_night], True),
        ([], False),
    ]:
        with mock.patch.object(HelperProfile, "slots") as manager:
            manager.all.return_value = slots
            assert is_available(profile, now) is expected, slots


def test_ranking_puts_shared_topics_then_low_load_then_longest_wait_first(world: World) -> None:
    grief, work = topic("grief-t"), topic("work-t")
    a = world.network_a
    world.people["grief"] = make_helper(a, "grief", topics=(grief,))
    world.people["both"] = make_helper(a, "both", topics=(grief, work))
    request = make_request(a, topics=(grief, work))
    ranked = names(world, rank(request, eligible_helpers(request)))
    assert ranked[:2] == ["both", "grief"]

    # Among equals, the one offered something most recently comes last.
    other = make_request(a)
    Offer.objects.create(
        request=other,
        helper=world.people["helper_a"],
        status=Offer.Status.DECLINED,
        expires_at=timezone.now(),
    )
    assert names(world, rank(request, eligible_helpers(request)))[2:] == ["helper_a2", "helper_a"]

    # A pending offer is load: it comes after, whatever the time.
    Offer.objects.create(request=other, helper=world.people["helper_a2"], expires_at=timezone.now())
    assert names(world, rank(request, eligible_helpers(request)))[2:] == ["helper_a", "helper_a2"]


def test_the_helper_the_person_chose_is_asked_first(world: World) -> None:
    request = make_request(world.network_a, chosen=world.people["helper_a2"])
    offers = start_matching(request)
    assert [o.helper for o in offers] == [world.people["helper_a2"]]


def test_a_request_is_offered_to_one_helper_for_two_hours(world: World) -> None:
    request = make_request(world.network_a, text=CANARY)
    before = timezone.now()
    offers = start_matching(request)
    assert len(offers) == 1
    assert offers[0].expires_at - before >= datetime.timedelta(hours=2)
    assert offers[0].expires_at - before < datetime.timedelta(hours=2, minutes=1)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED
    assert len(mail.outbox) == 1
    assert "A request is waiting for you on Entraide" in mail.outbox[0].subject
    assert "https://entraide.test/en/support/" in mail.outbox[0].body
    assert CANARY not in mail.outbox[0].body + mail.outbox[0].subject


@override_settings(SUPPORT_OFFER_DELAY=datetime.timedelta(minutes=45))
def test_the_offer_delay_is_a_setting(world: World) -> None:
    offer = start_matching(make_request(world.network_a))[0]
    assert offer.expires_at - timezone.now() <= datetime.timedelta(minutes=45)


def test_an_urgent_request_is_offered_to_every_eligible_helper_for_ten_minutes(
    world: World,
) -> None:
    offers = start_matching(make_request(world.network_a, urgent=True))
    assert {o.helper.user.email for o in offers} == {
        "helper_a@support.test",
        "helper_a2@support.test",
    }
    assert all(o.expires_at - timezone.now() <= datetime.timedelta(minutes=10) for o in offers)
    assert len(mail.outbox) == 2


def test_with_no_eligible_helper_the_request_is_unmatched_and_coordinators_told_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    request = make_request(world.network_a, language="zz", text=CANARY, topics=(topic("t"),))
    with django_capture_on_commit_callbacks(execute=True):
        assert start_matching(request) == []
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.UNMATCHED
    assert request.coordinator_told_at is not None
    assert [m.to for m in mail.outbox] == [["coordinator_a@support.test"]]
    email = mail.outbox[0].subject + mail.outbox[0].body
    assert CANARY not in email and "zz" not in email.split() and "t" not in email.split()
    assert f"/support/network/{world.network_a.pk}/requests/" in email

    with django_capture_on_commit_callbacks(execute=True):
        start_matching(request)  # asked again (the worker retries): no second email
    assert len(mail.outbox) == 1


# Properties, over random small worlds.

helper_strategy = st.fixed_dictionaries(
    {
        "away": st.sampled_from([False, False, True]),
        "pledge": st.sampled_from([True, True, False]),
        "available": st.sampled_from([True, True, False]),
        "cap": st.integers(0, 2),
        "languages": st.sampled_from([("fr",), ("en",), ("fr", "en")]),
        "supervises": st.sampled_from([False, True, True]),
        "assigned": st.integers(0, 2),
    }
)
request_strategy = st.fixed_dictionaries(
    {
        "language": st.sampled_from(["fr", "en"]),
        "urgent": st.booleans(),
        "in_team": st.sampled_from([False, True, True]),
        "declines": st.integers(0, 3),
    }
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    helpers=st.lists(helper_strategy, min_size=1, max_size=5),
    requests=st.lists(request_strategy, min_size=1, max_size=4),
)
def test_matching_never_offers_to_a_supervisor_an_away_helper_or_above_cap(
    helpers: list[dict], requests: list[dict]
) -> None:
    with transaction.atomic():
        network, _other, team = make_networks()
        profiles = []
        for index, spec in enumerate(helpers):
            membership = make_helper(
                network,
                f"h{index}",
                languages=spec["languages"],
                cap=spec["cap"],
                away=spec["away"],
                pledge=spec["pledge"],
                available=spec["available"],
                supervises=team if spec["supervises"] else None,
                staff=False,
            )
            for _ in range(spec["assigned"]):
                busy = make_request(network)
                HelpRequest.objects.filter(pk=busy.pk).update(
                    status=HelpRequest.Status.ASSIGNED, helper=membership
                )
            profiles.append(membership.helper_profile)
        for spec in requests:
            request = make_request(
                network,
                language=spec["language"],
                urgent=spec["urgent"],
                team=team if spec["in_team"] else None,
            )
            start_matching(request)
            for _ in range(spec["declines"]):  # helpers decline: the request moves on
                pending = request.offers.filter(status=Offer.Status.PENDING)
                for offer in pending:
                    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.DECLINED)
                start_matching(request)
            check_properties(network, team, profiles)
        transaction.set_rollback(True)


def check_properties(network: object, team: Team, profiles: list[HelperProfile]) -> None:
    conversations = open_conversations(p.membership_id for p in profiles)
    for profile in profiles:
        profile.refresh_from_db()
        offered = Offer.objects.filter(helper=profile.membership)
        if not offered.exists():
            continue
        assert not profile.is_away
        assert profile.pledge_signed_at is not None
        assert not offered.filter(request__team=team).exists() or not (
            profile.supervised_teams.filter(pk=team.pk).exists()
        )
        # The cap counts accepted conversations, never offers (an urgent request goes to every
        # helper under their cap, however many offers wait for them).
        if offered.filter(status=Offer.Status.PENDING).exists():
            assert conversations[profile.membership_id] < profile.open_conversation_cap
        for offer in offered:
            assert offer.request.language in profile.languages
