"""Properties of a network report's disclosure control, on generated sheets: no published cell
is a small count, no hidden cell can be worked out from the published ones and the totals, the
comparison with the previous period adds nothing, and the same sheets give the same report."""

import datetime
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from records.models import ContactType, Initiator, Referral, TimeBand, Topic
from reports.counting import empty_counts
from reports.disclosure import Status, determined
from reports.periods import Period
from reports.publish import TOTAL, network_equations, network_values, publish_network
from reports.tables import tables_of, total_row

PERIOD = Period.of_months(datetime.date(2025, 1, 1), datetime.date(2025, 3, 1))

sheet = st.fixed_dictionaries(
    {
        "month": st.sampled_from(PERIOD.month_keys()),
        "contact_type": st.sampled_from(ContactType.values),
        "initiated_by": st.sampled_from(Initiator.values),
        "time_band": st.sampled_from(TimeBand.values),
        "follow_up": st.booleans(),
        "topics": st.sets(st.sampled_from(Topic.values[:5]), min_size=1, max_size=2),
        "referrals": st.sets(st.sampled_from(Referral.values), max_size=2),
    }
)
sheet_lists = st.lists(sheet, max_size=40)
thresholds = st.sampled_from([5, 6, 10])


def counts_of(sheets: list[dict]) -> dict:
    counts = empty_counts(PERIOD)
    tables = counts["tables"]
    for one in sheets:
        counts["total"] += 1
        tables["month"][one["month"]] += 1
        tables["contact_type"][one["contact_type"]] += 1
        tables["initiated_by"][one["initiated_by"]] += 1
        tables["follow_up"]["yes" if one["follow_up"] else "no"] += 1
        for topic in one["topics"]:
            tables["topic"][topic] += 1
        for kind in one["referrals"]:
            tables["referral"][kind] += 1
    return counts


def statuses_of(published: dict) -> dict:
    statuses = {TOTAL: Status(published["total"]["status"])}
    for name, table in published["tables"].items():
        for category, cell in table.items():
            statuses[(name, category)] = Status(cell["status"])
    return statuses


@settings(max_examples=150, deadline=None)
@given(sheet_lists, thresholds)
def test_no_published_cell_is_between_1_and_k_minus_1(sheets: list[dict], k: int) -> None:
    published = publish_network(counts_of(sheets), k)
    cells = [published["total"]] + [
        cell for table in published["tables"].values() for cell in table.values()
    ]
    for cell in cells:
        if cell["status"] == Status.PUBLISHED:
            assert not 0 < cell["value"] < k
        else:
            assert "value" not in cell


@settings(max_examples=150, deadline=None)
@given(sheet_lists, thresholds)
def test_no_hidden_cell_can_be_worked_out_from_the_published_ones(
    sheets: list[dict], k: int
) -> None:
    counts = counts_of(sheets)
    published = publish_network(counts, k)
    if published["too_small"]:
        return  # only "< k" is published
    values = network_values(counts)
    assert not determined(values, statuses_of(published), network_equations(counts), k)


@settings(max_examples=100, deadline=None)
@given(sheet_lists, thresholds, st.randoms())
def test_the_same_sheets_give_the_same_report(
    sheets: list[dict], k: int, shuffle: random.Random
) -> None:
    first = publish_network(counts_of(sheets), k)
    again = list(sheets)
    shuffle.shuffle(again)
    assert publish_network(counts_of(again), k) == first


@settings(max_examples=100, deadline=None)
@given(sheet_lists, sheet_lists, thresholds)
def test_the_change_from_the_previous_period_uses_published_numbers_only(
    before: list[dict], now: list[dict], k: int
) -> None:
    previous = publish_network(counts_of(before), k)
    current = publish_network(counts_of(now), k)
    rows = [total_row(current, previous)]
    for table in tables_of(current, previous):
        rows += table.rows
    for row in rows:
        if row.status != Status.PUBLISHED:
            assert row.change is None and row.value is None
    total = rows[0]
    if total.change is not None:
        assert total.change == current["total"]["value"] - previous["total"]["value"]
