"""Report periods: whole months, from a first month to a last month."""

import datetime
from dataclasses import dataclass

from django.utils import formats

from records.sheets import month_choices


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def months_before(month: datetime.date, count: int) -> datetime.date:
    for _ in range(count):
        month = previous_month(month)
    return month


class BadPeriod(ValueError):
    """A period that is not two months in order, written YYYY-MM."""


@dataclass(frozen=True)
class Period:
    start: datetime.date  # the first day of the first month
    end: datetime.date  # the last day of the last month

    @classmethod
    def of_months(cls, first: datetime.date, last: datetime.date) -> "Period":
        if last < first:
            raise BadPeriod
        return cls(month_start(first), next_month(last) - datetime.timedelta(days=1))

    @classmethod
    def parse(cls, first: str, last: str) -> "Period":
        try:
            start = datetime.date.fromisoformat(f"{first.strip()}-01")
            end = datetime.date.fromisoformat(f"{last.strip()}-01")
        except (ValueError, AttributeError):
            raise BadPeriod from None
        return cls.of_months(start, end)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def months(self) -> list[datetime.date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    def month_keys(self) -> list[str]:
        return [f"{month:%Y-%m}" for month in self.months()]

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    def previous(self) -> "Period":
        """The period of the same number of months just before this one."""
        first = months_before(self.start, len(self.months()))
        return Period.of_months(first, previous_month(self.start))

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def first_key(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def last_key(self) -> str:
        return f"{self.end:%Y-%m}"

    def label(self) -> str:
        first = formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        last = formats.date_format(self.end, "YEAR_MONTH_FORMAT")
        return first if first == last else f"{first} – {last}"


def last_reportable_month(today: datetime.date | None = None) -> datetime.date:
    """The last month a report may cover: the newest closed month. Sheets of open months can
    still be recorded, so a report of them would change later."""
    return previous_month(min(month_choices(today)))


def is_reportable(period: Period, today: datetime.date | None = None) -> bool:
    return period.end < next_month(last_reportable_month(today))
