"""Demo reporting sheets and reports: a year of made-up sheets for networks a and b, and their
frozen, submitted report, so that every reports page has something to show."""

import datetime
import random

from networks.models import Membership, Network, Role
from records.models import (
    ContactType,
    Initiator,
    Intervention,
    InterventionReferral,
    InterventionTopic,
    Referral,
    TimeBand,
    Topic,
)
from reports.actions import freeze_report, frozen_report_of, submit_report
from reports.periods import Period

SHEETS_PER_YEAR = {"DEMOAA": 64, "DEMOBB": 41}


def demo_year() -> int:
    return datetime.date.today().year - 1


def demo_sheets(network: Network, count: int, year: int, seed: int) -> None:
    """Made-up sheets spread over the year (none when the network already has sheets)."""
    helper = Membership.objects.filter(network=network, role=Role.HELPER).first()
    if helper is None or Intervention.objects.filter(network=network).exists():
        return
    chance = random.Random(seed)
    for _ in range(count):
        sheet = Intervention.objects.create(
            network=network,
            helper=helper,
            month=datetime.date(year, chance.randint(1, 12), 1),
            contact_type=chance.choice(ContactType.values),
            initiated_by=chance.choices(Initiator.values, weights=[6, 3, 2])[0],
            time_band=chance.choice(TimeBand.values),
            follow_up=chance.random() < 0.4,
        )
        topics = chance.sample(Topic.values, chance.randint(1, 2))
        InterventionTopic.objects.bulk_create(
            InterventionTopic(intervention=sheet, network=network, month=sheet.month, topic=t)
            for t in topics
        )
        referrals = chance.sample(Referral.values, chance.randint(0, 2))
        InterventionReferral.objects.bulk_create(
            InterventionReferral(intervention=sheet, network=network, month=sheet.month, kind=k)
            for k in referrals
        )


def load_demo_reports(networks: dict[str, Network]) -> None:
    year = demo_year()
    period = Period.year(year)
    for seed, network in enumerate(networks.values()):
        count = SHEETS_PER_YEAR.get(network.code)
        if count is None:
            continue
        demo_sheets(network, count, year, seed)
        if frozen_report_of(network, period) is None:
            coordinator = Membership.objects.filter(network=network, role=Role.COORDINATOR).first()
            by = coordinator.user if coordinator else None
            submit_report(freeze_report(network, period, by), by)
