"""Published figures as rows for pages, PDFs and CSV files: a label, what to show, and the
change from the previous period when both are published."""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from reports.dimensions import DIMENSIONS
from reports.disclosure import Status


@dataclass(frozen=True)
class Row:
    label: str
    shown: str  # "12", "< 5" or "—"
    value: int | None  # the published value, None when not shown
    status: str
    change: int | None = None

    @property
    def spoken(self) -> str:
        """What a screen reader says instead of the symbol."""
        if self.status == Status.SMALL:
            return self.shown
        if self.value is None:
            return _("hidden")
        return self.shown

    @property
    def change_shown(self) -> str:
        if self.change is None:
            return "—"
        return f"+{self.change}" if self.change > 0 else str(self.change)


@dataclass(frozen=True)
class Table:
    name: str
    title: Promise
    rows: list[Row]
    adds_up: bool


def shown(published_cell: dict, k: int) -> str:
    status = published_cell["status"]
    if status == Status.PUBLISHED:
        return formats.number_format(published_cell["value"], force_grouping=True)
    if status == Status.SMALL:
        return f"< {k}"
    return "—"


def row_of(label: str, published_cell: dict, k: int, before: dict | None = None) -> Row:
    value = published_cell.get("value")
    change = None
    if before is not None and value is not None and before.get("value") is not None:
        change = value - before["value"]
    return Row(label, shown(published_cell, k), value, published_cell["status"], change)


def category_label(dimension: object, category: str) -> str:
    if dimension.choices is None:
        month = datetime.date.fromisoformat(f"{category}-01")
        return formats.date_format(month, "YEAR_MONTH_FORMAT")
    return capfirst(str(dimension.choices(category).label))


def tables_of(published: dict, previous: dict | None = None) -> list[Table]:
    """The report's one-way tables, in reading order. Months are not compared with the previous
    period (they are other months)."""
    k = published["k"]
    tables = []
    for dimension in DIMENSIONS:
        cells = published["tables"].get(dimension.name, {})
        before = (previous or {}).get("tables", {}).get(dimension.name, {})
        compare = previous is not None and dimension.choices is not None
        rows = [
            row_of(
                category_label(dimension, category),
                cells[category],
                k,
                before.get(category) if compare else None,
            )
            for category in cells
        ]
        tables.append(Table(dimension.name, dimension.title, rows, dimension.adds_up))
    return tables


def total_row(published: dict, previous: dict | None = None) -> Row:
    before = previous["total"] if previous else None
    return row_of(_("Interventions"), published["total"], published["k"], before)
