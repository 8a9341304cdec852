"""The help loop's costs: the receipt's slow hash beside a plain SHA-256, and how many requests
a minute one network can absorb (submit, triage, encrypt, match), in this process."""

import hashlib
import statistics
import time

HELPERS = 20


def hash_cost(rounds: int = 20) -> tuple[float, float]:
    """Median seconds of the receipt's slow hash, and of a SHA-256 of the same words."""
    from support.receipts import HASHER, new_submission_token, passphrase_for

    words = passphrase_for(new_submission_token(), "fr")
    slow = [timed(lambda: HASHER.hash(words)) for _ in range(rounds)]
    fast = [timed(lambda: hashlib.sha256(words.encode()).hexdigest()) for _ in range(rounds)]
    return statistics.median(slow), statistics.median(fast)


def requests_per_minute(seconds: float) -> tuple[float, int]:
    """Submits requests to one network with HELPERS available helpers for `seconds`; returns
    the rate a minute and how many were submitted."""
    from support.actions import submit_request
    from support.receipts import new_submission_token

    network = bench_network()
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds and count < 100_000:
        submit_request(
            network,
            submission=new_submission_token(),
            language="fr",
            contact="conversation",
            message="J'ai besoin de parler.",
        )
        count += 1
    return count * 60 / (time.perf_counter() - started), count


def bench_network(name: str = "Bench", helpers: int = HELPERS) -> object:
    """A network with `helpers` helpers available around the clock and room for any load."""
    import datetime

    from django.utils import timezone

    from accounts.models import User
    from networks.models import Membership, Network, Organization, Role
    from recruitment.models import AvailabilitySlot, HelperProfile
    from recruitment.pledge import CURRENT_PLEDGE_VERSION
    from regions.models import RegionalCouncil

    union = Organization.objects.create(name=f"{name} local", kind=Organization.Kind.UNION_LOCAL)
    network = Network.objects.create(
        name=f"{name} network",
        kind=Network.Kind.UNION_ONLY,
        council=RegionalCouncil.objects.first(),
        union=union,
    )
    for i in range(helpers):
        email = f"helper{i}@{name.lower()}.bench.invalid"
        user = User.objects.create_user(email, None, display_name=f"H{i}")
        membership = Membership.objects.create(user=user, role=Role.HELPER, network=network)
        profile = HelperProfile.objects.create(
            membership=membership,
            languages=["fr", "en"],
            open_conversation_cap=10_000,
            pledge_version=CURRENT_PLEDGE_VERSION,
            pledge_signed_at=timezone.now(),
        )
        AvailabilitySlot.objects.bulk_create(
            AvailabilitySlot(
                profile=profile,
                weekday=day,
                starts_at=datetime.time(0),
                ends_at=datetime.time(23, 59),
            )
            for day in range(7)
        )
    return network


def timed(work: object) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
