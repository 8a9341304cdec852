"""Writing and correcting reporting sheets. A sheet can be recorded or corrected by its author
while its month is open: this month or last month. Reports cover only closed months, so a
report shows the same counts whenever it is built."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from audit.models import record
from directory.models import Service
from networks.models import Membership
from records.models import Intervention, InterventionReferral, InterventionTopic, Referral, Topic
from support.models import HelpRequest

# Directory topics a person may pick when asking for help, and the sheet topic each one fills in.
TOPIC_OF_DIRECTORY_TOPIC = {
    "crisis-suicide": Topic.PSYCHOLOGICAL_DISTRESS,
    "psychological-distress": Topic.PSYCHOLOGICAL_DISTRESS,
    "listening": Topic.PSYCHOLOGICAL_DISTRESS,
    "loneliness": Topic.PSYCHOLOGICAL_DISTRESS,
    "mental-health": Topic.MENTAL_HEALTH,
    "anxiety": Topic.MENTAL_HEALTH,
    "depression": Topic.MENTAL_HEALTH,
    "alcohol": Topic.ALCOHOL,
    "drugs": Topic.DRUGS,
    "addiction": Topic.DRUGS,
    "gambling": Topic.GAMBLING,
    "domestic-violence": Topic.DOMESTIC_VIOLENCE,
    "workplace-harassment": Topic.WORKPLACE_VIOLENCE,
    "return-to-work": Topic.RETURN_TO_WORK,
    "grief": Topic.GRIEF,
    "family-parenting": Topic.FAMILY,
    "caregivers": Topic.FAMILY,
    "financial-difficulty": Topic.MONEY,
}
CONTACT_OF_REQUEST = {
    HelpRequest.Contact.CONVERSATION: "message",
    HelpRequest.Contact.PHONE: "phone",
    HelpRequest.Contact.IN_PERSON: "in_person",
}
# How many months are open: this month and last month.
OPEN_MONTHS = 2


class SheetLocked(Exception):
    """The sheet's month is closed: it is counted in the reports and no longer changes."""


@dataclass
class SheetAnswers:
    month: datetime.date
    contact_type: str
    initiated_by: str
    time_band: str
    topics: list[str] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    follow_up: bool = False


def month_choices(today: datetime.date | None = None) -> list[datetime.date]:
    """The open months, newest first: a sheet may be dated or corrected in them."""
    month = (today or timezone.localdate()).replace(day=1)
    months = [month]
    while len(months) < OPEN_MONTHS:
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months


def is_open_month(month: datetime.date) -> bool:
    return month in month_choices()


def answers_from_request(help_request: HelpRequest) -> SheetAnswers:
    """A sheet prefilled from a closed conversation: its month, contact and topics."""
    topics = []
    for term in help_request.topics.all():
        topic = TOPIC_OF_DIRECTORY_TOPIC.get(term.code)
        if topic and topic not in topics:
            topics.append(topic)
    moment = help_request.closed_at or timezone.now()
    return SheetAnswers(
        month=timezone.localtime(moment).date().replace(day=1),
        contact_type=CONTACT_OF_REQUEST.get(help_request.contact, "message"),
        initiated_by="person",
        time_band="",
        topics=[str(t) for t in topics],
    )


def _save_choices(sheet: Intervention, answers: SheetAnswers) -> None:
    sheet.topics.all().delete()
    sheet.referrals.all().delete()
    where = {"intervention": sheet, "network_id": sheet.network_id, "month": sheet.month}
    InterventionTopic.objects.bulk_create(
        InterventionTopic(topic=topic, **where) for topic in _known(answers.topics, Topic)
    )
    referrals = set(_known(answers.referrals, Referral))
    if answers.services:
        referrals.add(Referral.DIRECTORY)
    InterventionReferral.objects.bulk_create(
        InterventionReferral(kind=kind, **where) for kind in sorted(referrals)
    )
    sheet.services.set(answers.services)


def _known(values: Iterable[str], choices: type) -> list[str]:
    return sorted(set(values) & set(choices.values))


def record_sheet(
    helper: Membership, answers: SheetAnswers, help_request: HelpRequest | None = None
) -> Intervention:
    """Saves a new sheet; raises SheetLocked when its month is closed. A conversation gets one
    sheet: for a conversation that has one already, that sheet is returned unchanged."""
    if not is_open_month(answers.month):
        raise SheetLocked
    with transaction.atomic():
        if help_request is not None:
            help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
            existing = Intervention.objects.filter(help_request=help_request).first()
            if existing is not None:
                return existing
        sheet = Intervention.objects.create(
            network=helper.network,
            helper=helper,
            month=answers.month,
            contact_type=answers.contact_type,
            initiated_by=answers.initiated_by,
            time_band=answers.time_band,
            follow_up=answers.follow_up,
            help_request=help_request,
        )
        _save_choices(sheet, answers)
    record(helper.user, "sheet.recorded", sheet)
    return sheet


def correct_sheet(sheet: Intervention, answers: SheetAnswers, by: object) -> None:
    """Replaces a sheet's answers. Raises SheetLocked when its old or new month is closed."""
    if not (is_open_month(sheet.month) and is_open_month(answers.month)):
        raise SheetLocked
    with transaction.atomic():
        sheet.month = answers.month
        sheet.contact_type = answers.contact_type
        sheet.initiated_by = answers.initiated_by
        sheet.time_band = answers.time_band
        sheet.follow_up = answers.follow_up
        sheet.save()
        _save_choices(sheet, answers)
    record(by, "sheet.corrected", sheet)
