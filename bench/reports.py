"""Reports over many sheets: a network's annual report and a council's, built from generated
reporting sheets, each timed beside plain SQL GROUP BY queries that compute the same counts.

The sheets are always the same for the same seed, whatever the database: a row's fields come
from the MD5 of the seed, a salt and its row number, computed in SQL on PostgreSQL (fast) and in
Python elsewhere (the two are checked against each other in tests/test_bench_reports.py)."""

import datetime
import functools
import hashlib
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from networks.models import Membership, Network, Organization, Role
from records.models import (
    BAND_MINUTES,
    ContactType,
    Initiator,
    Intervention,
    InterventionReferral,
    InterventionTopic,
    Referral,
    TimeBand,
    Topic,
)
from regions.models import RegionalCouncil
from reports.actions import (
    build_council_report,
    build_network_report,
    freeze_report,
    submit_report,
)
from reports.counting import count_networks, empty_counts
from reports.periods import Period

# (value, percent of the sheets): each tuple's percents add up to 100.
Weights = tuple[tuple[str, int], ...]

CONTACTS: Weights = (
    (ContactType.IN_PERSON, 45),
    (ContactType.PHONE, 30),
    (ContactType.MESSAGE, 20),
    (ContactType.GROUP, 5),
)
INITIATORS: Weights = ((Initiator.PERSON, 60), (Initiator.HELPER, 25), (Initiator.COLLEAGUE, 15))
BANDS: Weights = (
    (TimeBand.UNDER_15, 20),
    (TimeBand.FROM_15_TO_30, 35),
    (TimeBand.FROM_30_TO_60, 30),
    (TimeBand.FROM_1_TO_2_HOURS, 12),
    (TimeBand.OVER_2_HOURS, 3),
)
TOPICS: Weights = (
    (Topic.PSYCHOLOGICAL_DISTRESS, 18),
    (Topic.MENTAL_HEALTH, 12),
    (Topic.ALCOHOL, 8),
    (Topic.DRUGS, 6),
    (Topic.GAMBLING, 3),
    (Topic.DOMESTIC_VIOLENCE, 4),
    (Topic.WORKPLACE_VIOLENCE, 9),
    (Topic.RETURN_TO_WORK, 7),
    (Topic.GRIEF, 8),
    (Topic.FAMILY, 10),
    (Topic.MONEY, 6),
    (Topic.WORKLOAD, 7),
    (Topic.OTHER, 2),
)
REFERRALS: Weights = (
    (Referral.EAP, 40),
    (Referral.DOCTOR, 20),
    (Referral.INFO_SOCIAL, 15),
    (Referral.UNION, 15),
    (Referral.DIRECTORY, 10),
)
REFERRAL_COUNTS: Weights = (("0", 50), ("1", 35), ("2", 15))  # sheets with 0, 1 or 2 referrals
FOLLOW_UP_PERCENT = 30
SECOND_TOPIC_PERCENT = 40
BIG_EVERY = 10  # every tenth sheet is the first network's: the largest, 10 % of the sheets
CHUNK = 20_000  # rows per executemany() on the Python path
NETWORK_ROUNDS = 5  # the median of this many timings
COUNCIL_ROUNDS = 3  # fewer: its baseline reads every sheet of the council


@dataclass(frozen=True)
class Plan:
    """`count` sheets of `year` with ids from `first_id`, spread over the networks (the first
    is the largest); each network's sheets are written by its one helper."""

    count: int
    seed: int
    year: int
    network_ids: tuple[int, ...]
    helper_ids: tuple[int, ...]
    first_id: int


@dataclass
class Bench:
    council: RegionalCouncil
    networks: list[Network]  # the largest first
    plan: Plan

    @property
    def period(self) -> Period:
        return Period.year(self.plan.year)


@dataclass
class NetworkTimes:
    sheets: int
    report: float  # build_network_report(), median seconds
    counting: float  # count_networks() alone
    plain: float  # the plain SQL GROUP BY


@dataclass
class CouncilTimes:
    sheets: int
    networks: int
    freeze: float  # freezing and submitting every network's report, once
    report: float  # build_council_report(), median seconds
    plain: float  # the plain SQL GROUP BY network_id, <column>
    published_total: dict


def report_year(today: datetime.date | None = None) -> int:
    """Two years ago: long closed, so every network may freeze its report of it."""
    return (today or datetime.date.today()).year - 2


def prepare(count: int, networks: int, seed: int, year: int) -> Bench:
    """A council of `networks` networks and `count` generated sheets of `year`."""
    council, members = make_council(networks)
    first_id = (Intervention.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    plan = Plan(
        count=count,
        seed=seed,
        year=year,
        network_ids=tuple(m.network_id for m in members),
        helper_ids=tuple(m.pk for m in members),
        first_id=first_id,
    )
    write_sheets(plan)
    analyze()
    return Bench(council, [m.network for m in members], plan)


def make_council(networks: int) -> tuple[RegionalCouncil, list[Membership]]:
    """A new council and its networks, each with one helper (the largest network first)."""
    council = RegionalCouncil.objects.create(
        slug="bench-reports", name_fr="Conseil du banc d'essai", name_en="Bench council"
    )
    union = Organization.objects.create(name="Bench union", kind=Organization.Kind.UNION_LOCAL)
    members = []
    for n in range(networks):
        network = Network.objects.create(
            name=f"Bench reports {n:03d}",
            kind=Network.Kind.UNION_ONLY,
            council=council,
            union=union,
        )
        user = User.objects.create_user(f"sheets{n}@bench.invalid", None, display_name=f"S{n}")
        members.append(Membership.objects.create(user=user, role=Role.HELPER, network=network))
    return council, members


@transaction.atomic
def write_sheets(plan: Plan) -> None:
    """Writes the plan's sheets with their topics and referrals, then lets later ORM inserts
    continue after the explicit ids."""
    if connection.vendor == "postgresql":
        write_with_sql(plan)
    else:
        write_with_python(plan)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Intervention]):
            cursor.execute(statement)


def analyze() -> None:
    """On PostgreSQL, fresh planner statistics and visibility map, as autovacuum would leave
    them on tables this size (and so that it does not start in the middle of the timings)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(table(m) for m in (Intervention, InterventionTopic, InterventionReferral))
    with connection.cursor() as cursor:
        # VACUUM cannot run in a transaction (the tests run in one): ANALYZE alone there.
        cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {tables}")


# The deterministic draws, in Python and in PostgreSQL's SQL. A draw is 60 bits of an MD5; a
# field uses two decimal digits of it (a percent), so one draw serves several fields.


def draw(seed: int, salt: str, i: int) -> int:
    return int(hashlib.md5(f"{seed}:{salt}:{i}".encode()).hexdigest()[:15], 16)


def draw_sql(seed: int, salt: str) -> str:
    return f"('x' || substr(md5('{int(seed)}:{salt}:' || i), 1, 15))::bit(60)::bigint"


def digit(value: int, place: int) -> int:
    return value // 100**place % 100


def digit_sql(value: str, place: int) -> str:
    return f"mod({value} / {100**place}, 100)"


def pick(weights: Weights, percent: int) -> int:
    """The index of the value whose share of 0..99 holds `percent`."""
    return percent_table(weights)[percent]


@functools.cache
def percent_table(weights: Weights) -> tuple[int, ...]:
    table = tuple(index for index, (_, weight) in enumerate(weights) for _ in range(weight))
    assert len(table) == 100, weights
    return table


@functools.cache
def values(weights: Weights) -> tuple[str, ...]:
    return tuple(str(value) for value, _ in weights)


def pick_sql(weights: Weights, percent: str) -> str:
    cases, below = [], 0
    for index, (_, weight) in enumerate(weights[:-1]):
        below += weight
        cases.append(f"WHEN {percent} < {below} THEN {index}")
    return f"(CASE {' '.join(cases)} ELSE {len(weights) - 1} END)"


def network_index(i: int, networks: int) -> int:
    if networks == 1 or i % BIG_EVERY == 0:
        return 0
    return 1 + (i - i // BIG_EVERY - 1) % (networks - 1)


def network_index_sql(networks: int) -> str:
    if networks == 1:
        return "0"
    others = f"1 + mod(i - i / {BIG_EVERY} - 1, {networks - 1})"
    return f"CASE WHEN mod(i, {BIG_EVERY}) = 0 THEN 0 ELSE {others} END"


def network_sizes(count: int, networks: int) -> list[int]:
    """How many sheets each network gets, the largest first."""
    if networks == 1:
        return [count]
    big = (count + BIG_EVERY - 1) // BIG_EVERY
    share, extra = divmod(count - big, networks - 1)
    return [big] + [share + (n < extra) for n in range(networks - 1)]


def month_index(i: int, count: int) -> int:
    """Sheets come in month by month, as they are recorded."""
    return i * 12 // count


def shifted(first: int, percent: int, size: int) -> int:
    """Another index than `first`, for a sheet's second topic or referral."""
    return (first + 1 + percent % (size - 1)) % size


# The Python path.


def sheet_row(plan: Plan, i: int, now: object) -> tuple:
    n = network_index(i, len(plan.network_ids))
    h = draw(plan.seed, "sheet", i)
    month = datetime.date(plan.year, 1 + month_index(i, plan.count), 1)
    return (
        plan.first_id + i,
        plan.network_ids[n],
        plan.helper_ids[n],
        month,
        values(CONTACTS)[pick(CONTACTS, digit(h, 0))],
        values(INITIATORS)[pick(INITIATORS, digit(h, 1))],
        values(BANDS)[pick(BANDS, digit(h, 2))],
        digit(h, 3) < FOLLOW_UP_PERCENT,
        now,
        now,
    )


def topic_rows(plan: Plan, i: int) -> list[tuple[int, str]]:
    h = draw(plan.seed, "topics", i)
    first = pick(TOPICS, digit(h, 0))
    chosen = [first]
    if digit(h, 1) < SECOND_TOPIC_PERCENT:
        chosen.append(shifted(first, digit(h, 2), len(TOPICS)))
    return [(plan.first_id + i, values(TOPICS)[t]) for t in chosen]


def referral_rows(plan: Plan, i: int) -> list[tuple[int, str]]:
    h = draw(plan.seed, "referrals", i)
    how_many = pick(REFERRAL_COUNTS, digit(h, 0))
    first = pick(REFERRALS, digit(h, 1))
    chosen = [first, shifted(first, digit(h, 2), len(REFERRALS))][:how_many]
    return [(plan.first_id + i, values(REFERRALS)[r]) for r in chosen]


def write_with_python(plan: Plan) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sheets = insert_sql(Intervention, SHEET_COLUMNS)
    columns = ("intervention_id", "network_id", "month")
    topics = insert_sql(InterventionTopic, (*columns, "topic"))
    referrals = insert_sql(InterventionReferral, (*columns, "kind"))
    with connection.cursor() as cursor:
        for start in range(0, plan.count, CHUNK):
            rows = range(start, min(start + CHUNK, plan.count))
            sheet_rows = [sheet_row(plan, i, now) for i in rows]
            place = {row[0]: (row[1], row[3]) for row in sheet_rows}  # id: network, month
            cursor.executemany(sheets, sheet_rows)
            cursor.executemany(
                topics, [(r[0], *place[r[0]], r[1]) for i in rows for r in topic_rows(plan, i)]
            )
            cursor.executemany(
                referrals,
                [(r[0], *place[r[0]], r[1]) for i in rows for r in referral_rows(plan, i)],
            )


SHEET_COLUMNS = (
    "id",
    "network_id",
    "helper_id",
    "month",
    "contact_type",
    "initiated_by",
    "time_band",
    "follow_up",
    "created_at",
    "updated_at",
)


def table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert_sql(model: type, columns: Sequence[str]) -> str:
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {table(model)} ({', '.join(columns)}) VALUES ({marks})"


# The PostgreSQL path: the same rows from generate_series(), in three statements.


def literal_array(weights: Weights) -> str:
    names = values(weights)
    assert all(re.fullmatch(r"[a-z0-9_]+", v) for v in names), names  # safe to inline
    return "ARRAY[" + ", ".join(f"'{v}'" for v in names) + "]"


def numbered(plan: Plan, salt: str) -> str:
    """Every row number i with its draw h, as a subquery. OFFSET 0 keeps PostgreSQL from
    inlining it, which would compute the MD5 again for every use of h (ten times slower)."""
    return (
        f"(SELECT i, {draw_sql(plan.seed, salt)} AS h "
        f"FROM generate_series(0::bigint, {plan.count - 1}) AS i OFFSET 0) AS numbered"
    )


def write_with_sql(plan: Plan) -> None:
    networks = ", ".join(str(int(pk)) for pk in plan.network_ids)
    helpers = ", ".join(str(int(pk)) for pk in plan.helper_ids)
    first = int(plan.first_id)

    def chosen(weights: Weights, place: int) -> str:
        return f"({literal_array(weights)})[{pick_sql(weights, digit_sql('h', place))} + 1]"

    sheets = f"""
        INSERT INTO {table(Intervention)} ({", ".join(SHEET_COLUMNS)})
        SELECT {first} + i, (ARRAY[{networks}]::bigint[])[n + 1],
            (ARRAY[{helpers}]::bigint[])[n + 1],
            make_date({int(plan.year)}, 1 + (i * 12 / {max(plan.count, 1)})::int, 1),
            {chosen(CONTACTS, 0)}, {chosen(INITIATORS, 1)}, {chosen(BANDS, 2)},
            {digit_sql("h", 3)} < {FOLLOW_UP_PERCENT}, now(), now()
        FROM (
            SELECT i, ({network_index_sql(len(plan.network_ids))})::int AS n, h
            FROM {numbered(plan, "sheet")}
        ) AS sheets
    """
    topics = f"""
        WITH drawn AS (
            SELECT i, {pick_sql(TOPICS, digit_sql("h", 0))} AS one,
                {digit_sql("h", 1)} AS two, {digit_sql("h", 2)} AS shift
            FROM {numbered(plan, "topics")}
        )
        INSERT INTO {table(InterventionTopic)} (intervention_id, network_id, month, topic)
        SELECT c.sheet, s.network_id, s.month, c.choice FROM (
            SELECT {first} + i AS sheet, ({literal_array(TOPICS)})[one + 1] AS choice FROM drawn
            UNION ALL
            SELECT {first} + i,
                ({literal_array(TOPICS)})[mod(one + 1 + mod(shift, {len(TOPICS) - 1}),
                    {len(TOPICS)}) + 1]
            FROM drawn WHERE two < {SECOND_TOPIC_PERCENT}
        ) AS c JOIN {table(Intervention)} s ON s.id = c.sheet
    """
    referrals = f"""
        WITH drawn AS (
            SELECT i, {pick_sql(REFERRAL_COUNTS, digit_sql("h", 0))} AS how_many,
                {pick_sql(REFERRALS, digit_sql("h", 1))} AS one, {digit_sql("h", 2)} AS shift
            FROM {numbered(plan, "referrals")}
        )
        INSERT INTO {table(InterventionReferral)} (intervention_id, network_id, month, kind)
        SELECT c.sheet, s.network_id, s.month, c.choice FROM (
            SELECT {first} + i AS sheet, ({literal_array(REFERRALS)})[one + 1] AS choice
            FROM drawn WHERE how_many >= 1
            UNION ALL
            SELECT {first} + i,
                ({literal_array(REFERRALS)})[mod(one + 1 + mod(shift, {len(REFERRALS) - 1}),
                    {len(REFERRALS)}) + 1]
            FROM drawn WHERE how_many = 2
        ) AS c JOIN {table(Intervention)} s ON s.id = c.sheet
    """
    with connection.cursor() as cursor:
        skip_foreign_key_checks = is_superuser(cursor)
        if skip_foreign_key_checks:
            cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            for statement in (sheets, topics, referrals):
                cursor.execute(statement)
        finally:
            if skip_foreign_key_checks:
                cursor.execute("SET LOCAL session_replication_role = origin")


def is_superuser(cursor: object) -> bool:
    """Whether the foreign key checks may be skipped, as pg_restore --disable-triggers does: the
    rows are consistent by construction, and checking the 3 million references one by one at
    COMMIT takes about as long as inserting them. Only a superuser may; others wait longer."""
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    return cursor.fetchone()[0]


# The baseline: the counts of reports.counting.count_networks(), in plain SQL.


def plain_counts(network_ids: Sequence[int], period: Period) -> dict[int, dict]:
    """count_networks()'s counts of the sheets, topics and referrals (not of the feedback: the
    bench generates none), one GROUP BY network_id, <column> per table and column."""
    ids = list(network_ids)
    counts = {network_id: empty_counts(period) for network_id in ids}
    sheets, topics, referrals = (
        table(m) for m in (Intervention, InterventionTopic, InterventionReferral)
    )
    where = f"s.network_id IN ({', '.join(['%s'] * len(ids))}) AND s.month >= %s AND s.month <= %s"
    params = [
        *ids,
        connection.ops.adapt_datefield_value(period.start),
        connection.ops.adapt_datefield_value(period.end),
    ]
    minutes = " ".join(f"WHEN '{band.value}' THEN {m}" for band, m in BAND_MINUTES.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.network_id, COUNT(*), SUM(CASE s.time_band {minutes} ELSE 0 END) "
            f"FROM {sheets} s WHERE {where} GROUP BY s.network_id",
            params,
        )
        for network_id, n, total_minutes in cursor.fetchall():
            counts[network_id]["total"] = n
            counts[network_id]["minutes"] = total_minutes or 0
        for column in ("contact_type", "initiated_by", "follow_up", "month"):
            cursor.execute(
                f"SELECT s.network_id, s.{column}, COUNT(*) FROM {sheets} s WHERE {where} "
                f"GROUP BY s.network_id, s.{column}",
                params,
            )
            for network_id, value, n in cursor.fetchall():
                counts[network_id]["tables"][column][category(column, value)] = n
        for name, child, column in ((topics, "topic", "topic"), (referrals, "referral", "kind")):
            # Each choice row carries its sheet's network and month.
            cursor.execute(
                f"SELECT c.network_id, c.{column}, COUNT(*) FROM {name} c "
                f"WHERE {where.replace('s.', 'c.')} GROUP BY c.network_id, c.{column}",
                params,
            )
            for network_id, value, n in cursor.fetchall():
                counts[network_id]["tables"][child][value] = n
    return counts


def category(column: str, value: object) -> str:
    """A raw column value as count_networks() names its category."""
    if column == "follow_up":
        return "yes" if value else "no"
    if column == "month":
        return str(value)[:7]  # a date on PostgreSQL, "YYYY-MM-DD" on SQLite
    return value


# The measurements.


def medians(works: Sequence[Callable[[], object]], rounds: int) -> list[float]:
    """Each work's median time over `rounds` rounds, taking turns so that a slow moment of the
    machine falls on all of them."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for work, spent in zip(works, times, strict=True):
            started = time.perf_counter()
            work()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in times]


def measure_network(bench: Bench, rounds: int) -> NetworkTimes:
    """The largest network's annual report (a draft: nothing is frozen yet)."""
    network, period = bench.networks[0], bench.period
    report, counting, plain = medians(
        [
            lambda: build_network_report(network, period),
            lambda: count_networks([network.pk], period),
            lambda: plain_counts([network.pk], period),
        ],
        rounds,
    )
    sheets = network_sizes(bench.plan.count, len(bench.networks))[0]
    return NetworkTimes(sheets, report, counting, plain)


def freeze_all(bench: Bench) -> None:
    """Every network freezes and submits its report of the year, as its coordinator would."""
    for network in bench.networks:
        submit_report(freeze_report(network, bench.period, None), None)


def measure_council(bench: Bench, rounds: int) -> CouncilTimes:
    """Freezes every network's report (timed once), then times the council report."""
    started = time.perf_counter()
    freeze_all(bench)
    freeze = time.perf_counter() - started
    ids = [network.pk for network in bench.networks]
    report, plain = medians(
        [
            lambda: build_council_report(bench.council, bench.plan.year),
            lambda: plain_counts(ids, bench.period),
        ],
        rounds,
    )
    published = build_council_report(bench.council, bench.plan.year).published["total"]
    return CouncilTimes(bench.plan.count, len(ids), freeze, report, plain, published)
