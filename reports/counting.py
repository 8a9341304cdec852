"""Counting the sheets of one or many networks over a period: one GROUP BY query per table,
whatever the number of sheets. The counts are raw: they are never shown before disclosure
control (reports.publish)."""

from collections.abc import Iterable

from django.db.models import Case, Count, IntegerField, Sum, Value, When

from networks.models import Network
from records.models import BAND_MINUTES, Intervention, InterventionReferral, InterventionTopic
from recruitment.models import HelperProfile
from reports.dimensions import DIMENSIONS
from reports.periods import Period
from support.models import Feedback

MINUTES = Case(
    *[When(time_band=band, then=Value(minutes)) for band, minutes in BAND_MINUTES.items()],
    default=Value(0),
    output_field=IntegerField(),
)
FEEDBACK_QUESTIONS = ["helpful", "would_recommend", "got_resource"]
FEEDBACK_ANSWERS = [answer.value for answer in Feedback.Answer]


def empty_counts(period: Period) -> dict:
    months = period.month_keys()
    return {
        "total": 0,
        "minutes": 0,
        "tables": {d.name: dict.fromkeys(d.categories(months), 0) for d in DIMENSIONS},
        "feedback": {
            "answers": 0,
            **{q: dict.fromkeys(FEEDBACK_ANSWERS, 0) for q in FEEDBACK_QUESTIONS},
        },
    }


def count_networks(network_ids: Iterable[int], period: Period) -> dict[int, dict]:
    """The raw counts of each network's sheets and feedback in the period."""
    ids = list(network_ids)
    counts = {network_id: empty_counts(period) for network_id in ids}
    sheets = Intervention.objects.filter(network_id__in=ids).in_months(period.start, period.end)

    for row in sheets.values("network_id").annotate(n=Count("*"), minutes=Sum(MINUTES)):
        counts[row["network_id"]]["total"] = row["n"]
        counts[row["network_id"]]["minutes"] = row["minutes"] or 0
    for field in ["contact_type", "initiated_by"]:
        for row in sheets.values("network_id", field).annotate(n=Count("*")):
            counts[row["network_id"]]["tables"][field][row[field]] = row["n"]
    for row in sheets.values("network_id", "follow_up").annotate(n=Count("*")):
        counts[row["network_id"]]["tables"]["follow_up"]["yes" if row["follow_up"] else "no"] = row[
            "n"
        ]
    for row in sheets.values("network_id", "month").annotate(n=Count("*")):
        counts[row["network_id"]]["tables"]["month"][f"{row['month']:%Y-%m}"] = row["n"]

    in_period = {"network_id__in": ids, "month__gte": period.start, "month__lte": period.end}
    topics = InterventionTopic.objects.filter(**in_period)
    for row in topics.values("network_id", "topic").annotate(n=Count("*")):
        counts[row["network_id"]]["tables"]["topic"][row["topic"]] = row["n"]
    referrals = InterventionReferral.objects.filter(**in_period)
    for row in referrals.values("network_id", "kind").annotate(n=Count("*")):
        counts[row["network_id"]]["tables"]["referral"][row["kind"]] = row["n"]

    feedback = Feedback.objects.filter(
        network_id__in=ids, month__gte=period.start, month__lte=period.end
    )
    for row in feedback.values("network_id").annotate(n=Count("*")):
        counts[row["network_id"]]["feedback"]["answers"] = row["n"]
    for question in FEEDBACK_QUESTIONS:
        for row in feedback.values("network_id", question).annotate(n=Count("*")):
            counts[row["network_id"]]["feedback"][question][row[question]] = row["n"]
    return counts


def helper_facts(network: Network) -> dict:
    """The network's active helpers and their training, and the support time authorised."""
    profiles = HelperProfile.objects.filter(
        membership__network=network,
        membership__is_active=True,
        membership__user__is_active=True,
    )
    training = dict.fromkeys(HelperProfile.Training.values, 0)
    for row in profiles.values("training").annotate(n=Count("*")):
        training[row["training"]] = row["n"]
    return {
        "helpers": sum(training.values()),
        "training": training,
        "authorised_minutes_per_week": network.authorised_minutes_per_week,
    }
