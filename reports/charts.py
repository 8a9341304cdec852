"""Bar charts drawn on the server as SVG: black bars with their numbers written beside them,
so that they read in black and white and print well. The same numbers are always given as a
table next to the chart, which is what screen readers read (the SVG is hidden from them)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.tables import Row, Table

ROW_HEIGHT = 26
LABEL_WIDTH = 250
BAR_WIDTH = 300
VALUE_WIDTH = 70


def bar_chart(rows: list[Row], title: str) -> SafeString:
    """Horizontal bars, one per row; a row that is not shown gets no bar, only its symbol."""
    largest = max([row.value or 0 for row in rows] + [1])
    height = ROW_HEIGHT * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-hidden="true" focusable="false" font-size="13" '
        f'font-family="system-ui, sans-serif"><title>{escape(title)}</title>'
    ]
    for index, row in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        text_y = y + ROW_HEIGHT / 2 + 4
        bar = round(BAR_WIDTH * (row.value or 0) / largest)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end" fill="#1b1b1f">'
            f"{escape(row.label)}</text>"
        )
        if row.value:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{bar}" height="{ROW_HEIGHT - 8}" '
                f'fill="#1b1b1f"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{text_y}" fill="#1b1b1f">'
            f"{escape(row.shown)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def charted(tables: list[Table]) -> list[tuple[Table, SafeString]]:
    """Each table with its chart, as the report templates show them."""
    return [(table, bar_chart(table.rows, str(table.title))) for table in tables]
