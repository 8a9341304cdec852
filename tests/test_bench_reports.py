"""The reports step of `make bench` (bench/reports.py) on a tiny council: it generates what was
asked, the same for the same seed on any database, its plain SQL baseline computes exactly
count_networks()'s counts, and the council report it times publishes every sheet."""

import datetime

import pytest
from django.db.models import Count, F

from bench.reports import (
    SHEET_COLUMNS,
    Bench,
    Plan,
    measure_council,
    measure_network,
    network_sizes,
    plain_counts,
    prepare,
    referral_rows,
    report_year,
    sheet_row,
    topic_rows,
)
from records.models import Intervention, InterventionReferral, InterventionTopic
from reports.counting import count_networks
from reports.models import Report

SHEETS, NETWORKS, SEED = 2_000, 5, 7
YEAR = report_year()


@pytest.fixture
def bench(db: None) -> Bench:
    return prepare(SHEETS, NETWORKS, SEED, YEAR)


def per_sheet(model: type) -> dict[int, int]:
    rows = model.objects.values_list("intervention_id").annotate(n=Count("id"))
    return dict(rows)


def test_it_generates_the_sheets_asked_with_one_large_network(bench: Bench) -> None:
    sizes = dict(Intervention.objects.values_list("network_id").annotate(n=Count("id")))
    assert Intervention.objects.count() == SHEETS
    assert [sizes[network.pk] for network in bench.networks] == [200, 450, 450, 450, 450]
    assert network_sizes(SHEETS, NETWORKS) == [200, 450, 450, 450, 450]
    assert network_sizes(1_000_000, 100)[0] == 100_000
    assert sum(network_sizes(1_001, 7)) == 1_001
    assert set(per_sheet(InterventionTopic).values()) == {1, 2}
    assert set(per_sheet(InterventionReferral).values()) == {1, 2}
    assert len(per_sheet(InterventionReferral)) < SHEETS  # some sheets have no referral
    months = set(Intervention.objects.values_list("month", flat=True))
    assert months == {datetime.date(YEAR, m, 1) for m in range(1, 13)}
    for field in ("contact_type", "initiated_by", "time_band"):
        used = set(Intervention.objects.values_list(field, flat=True))
        assert used == {value for value, _ in Intervention._meta.get_field(field).choices}


def test_the_sheets_written_are_the_ones_the_seed_describes(bench: Bench) -> None:
    # On PostgreSQL the rows come from generate_series(): the same as the Python path's.
    plan = bench.plan
    expected = [sheet_row(plan, i, None)[:8] for i in range(SHEETS)]
    written = Intervention.objects.order_by("id").values_list(*SHEET_COLUMNS[:8])
    assert [(*row[:3], str(row[3]), *row[4:]) for row in written] == [
        (*row[:3], str(row[3]), *row[4:]) for row in expected
    ]
    topics = sorted(InterventionTopic.objects.values_list("intervention_id", "topic"))
    assert topics == sorted(row for i in range(SHEETS) for row in topic_rows(plan, i))
    referrals = sorted(InterventionReferral.objects.values_list("intervention_id", "kind"))
    assert referrals == sorted(row for i in range(SHEETS) for row in referral_rows(plan, i))
    for model in (InterventionTopic, InterventionReferral):
        assert not model.objects.exclude(
            network_id=F("intervention__network_id"), month=F("intervention__month")
        ).exists(), "each choice row carries its sheet's network and month"


def test_the_same_seed_gives_the_same_sheets() -> None:
    def rows(seed: int) -> list[tuple]:
        plan = Plan(300, seed, 2024, (1, 2, 3), (4, 5, 6), 1)
        return [
            (sheet_row(plan, i, None), topic_rows(plan, i), referral_rows(plan, i))
            for i in range(300)
        ]

    assert rows(1) == rows(1)
    assert rows(1) != rows(2)


def test_the_plain_sql_counts_are_the_counts_of_count_networks(bench: Bench) -> None:
    ids = [network.pk for network in bench.networks]
    every = plain_counts(ids, bench.period)
    assert every == count_networks(ids, bench.period)
    largest = plain_counts(ids[:1], bench.period)
    assert largest == count_networks(ids[:1], bench.period)
    assert largest[ids[0]]["total"] == 200
    assert sum(largest[ids[0]]["tables"]["month"].values()) == 200
    assert sum(counts["total"] for counts in every.values()) == SHEETS
    assert sum(sum(c["tables"]["topic"].values()) for c in every.values()) == sum(
        per_sheet(InterventionTopic).values()
    )
    # Nothing is counted outside the year.
    assert plain_counts(ids, bench.period.previous())[ids[0]]["total"] == 0


def test_the_network_report_is_timed_beside_its_baseline(bench: Bench) -> None:
    times = measure_network(bench, rounds=1)
    assert times.sheets == 200
    assert times.report > 0 and times.counting > 0 and times.plain > 0
    assert not Report.objects.exists()  # a draft: nothing is frozen


def test_the_council_report_publishes_every_sheet(bench: Bench) -> None:
    times = measure_council(bench, rounds=1)
    assert Report.objects.submitted().filter(network__council=bench.council).count() == NETWORKS
    assert times.published_total == {"status": "published", "value": SHEETS}
    assert times.sheets == SHEETS and times.networks == NETWORKS
    assert times.freeze > 0 and times.report > 0 and times.plain > 0
