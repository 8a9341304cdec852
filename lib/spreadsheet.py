"""CSV cells that a spreadsheet program cannot run as formulas.

Excel, LibreOffice and Google Sheets read a cell starting with =, +, -, @, a tab or a carriage
return as a formula ("CSV injection"). Such a cell gets a leading single quote, which shows it
as text. Plain numbers and phone numbers ("-3", "+2", "1 234", "12.5", "+1 866 277-3553") are left
as they are: at worst a spreadsheet does arithmetic on them, which runs nothing.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d  \u202f,.()-]*%?")


def safe_cell(value: Any) -> Any:
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def unquoted_cell(value: str) -> str:
    """The cell `safe_cell` quoted, as it was: for reading back files we wrote."""
    if value.startswith("'") and safe_cell(value[1:]) == value:
        return value[1:]
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer whose cells are quoted where they start like a formula."""

    def __init__(self, file: Any, **options: Any) -> None:
        self.writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self.writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
