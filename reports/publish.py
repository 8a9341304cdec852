"""Disclosure control applied to a network's counts, and to a council's and the province's
figures built from frozen reports.

What is published is kept as plain JSON: each cell is {"status": "published", "value": n} or
{"status": "small" | "hidden" | "withheld"} without its value. A network with fewer than k
interventions publishes only its total as "< k".
"""

from collections.abc import Sequence

from reports.dimensions import DIMENSIONS
from reports.disclosure import Equation, Status, determined, protect

MIN_THRESHOLD = 5
TOTAL = ("total",)


def cell(status: Status, value: int) -> dict:
    if status == Status.PUBLISHED:
        return {"status": str(status), "value": value}
    return {"status": str(status)}


def status_of(published_cell: dict) -> Status:
    return Status(published_cell["status"])


def single_cell(value: int, k: int) -> dict:
    """A count shown alone (no table around it)."""
    return cell(Status.SMALL if 0 < value < k else Status.PUBLISHED, value)


def network_equations(counts: dict, prefix: tuple = ()) -> list[Equation]:
    equations = []
    for dimension in DIMENSIONS:
        if dimension.adds_up:
            members = tuple(prefix + (dimension.name, c) for c in counts["tables"][dimension.name])
            equations.append(Equation(prefix + TOTAL, members))
    return equations


def network_values(counts: dict, prefix: tuple = ()) -> dict:
    values = {prefix + TOTAL: counts["total"]}
    for name, table in counts["tables"].items():
        for category, value in table.items():
            values[prefix + (name, category)] = value
    return values


def assemble(counts: dict, statuses: dict, k: int, prefix: tuple = ()) -> dict:
    """The published form of counts whose cells have the given statuses."""
    total_status = statuses[prefix + TOTAL]
    visible = total_status == Status.PUBLISHED
    tables = {
        name: {c: cell(statuses[prefix + (name, c)], v) for c, v in table.items()}
        for name, table in counts["tables"].items()
    }
    return {
        "k": k,
        "too_small": not visible,
        "total": cell(total_status, counts["total"]),
        "tables": tables,
        "helper_hours": round(counts["minutes"] / 60) if visible else None,
        "feedback": publish_feedback(counts["feedback"], k),
    }


def publish_feedback(feedback: dict, k: int) -> dict:
    """How many answered, and, when at least k did, the share of each question's answers that
    were yes (a partly counting half)."""
    answers = feedback["answers"]
    shares = None
    if answers >= k:
        shares = {
            question: round(100 * (counts["yes"] + counts["partly"] / 2) / answers)
            for question, counts in feedback.items()
            if question != "answers"
        }
    return {"answers": single_cell(answers, k), "shares": shares}


def publish_network(counts: dict, k: int) -> dict:
    """A network's counts after disclosure control with threshold k."""
    k = max(k, MIN_THRESHOLD)
    values = network_values(counts)
    if 0 < counts["total"] < k:
        statuses = dict.fromkeys(values, Status.WITHHELD)
        statuses[TOTAL] = Status.SMALL
    else:
        equations = network_equations(counts)
        statuses = protect(values, equations, k, keep={TOTAL})
        if determined(values, statuses, equations, k):  # never seen; safety over usefulness
            statuses = protect(values, equations, k)
    return assemble(counts, statuses, k)


def publish_council(reports: Sequence[object], council_counts: dict, k: int) -> dict:
    """A council's figures, the sum of frozen network reports, protected so that no network's
    hidden cell can be worked out by subtracting the published ones from the council's.
    `reports` have `.pk`, `.counts` and `.published`; `council_counts` is their sum."""
    k = max([k, MIN_THRESHOLD, *[r.threshold for r in reports]])
    council = ("council",)
    values = network_values(council_counts, council)
    fixed, thresholds = {}, {}
    equations = network_equations(council_counts, council)
    for report in reports:
        prefix = (report.pk,)
        values.update(network_values(report.counts, prefix))
        fixed[prefix + TOTAL] = status_of(report.published["total"])
        for name, table in report.published["tables"].items():
            for category, published_cell in table.items():
                fixed[prefix + (name, category)] = status_of(published_cell)
        # A network's "< k" speaks of its own k, which may be lower than the council's.
        thresholds.update(dict.fromkeys(network_values(report.counts, prefix), report.threshold))
        equations += network_equations(report.counts, prefix)
    equations.append(Equation(council + TOTAL, tuple((r.pk,) + TOTAL for r in reports)))
    for name, table in council_counts["tables"].items():
        for category in table:
            members = tuple(
                (r.pk, name, category) for r in reports if category in r.counts["tables"][name]
            )
            if members:
                equations.append(Equation(council + (name, category), members))
    if 0 < council_counts["total"] < k:
        statuses = dict.fromkeys(values, Status.WITHHELD)
        statuses[council + TOTAL] = Status.SMALL
        statuses.update(fixed)
    else:
        statuses = protect(values, equations, k, fixed, thresholds)
    published = assemble(council_counts, statuses, k, council)
    # Hours: the sum of what the networks published, never more.
    published["helper_hours"] = sum(r.published.get("helper_hours") or 0 for r in reports)
    return published


def publish_sum(parts: dict[object, tuple[int, dict, int]], k: int) -> dict:
    """The sum of already published totals (the councils of the province), hidden when it would
    give away a hidden part. `parts` maps a key to (true value, published cell, its k)."""
    values = {key: value for key, (value, _, _) in parts.items()}
    values[TOTAL] = sum(values.values())
    fixed = {key: status_of(published_cell) for key, (_, published_cell, _) in parts.items()}
    thresholds = {key: part_k for key, (_, _, part_k) in parts.items()}
    if 0 < values[TOTAL] < k:
        return cell(Status.SMALL, values[TOTAL])
    statuses = protect(values, [Equation(TOTAL, tuple(parts))], k, fixed, thresholds)
    return cell(statuses[TOTAL], values[TOTAL])
