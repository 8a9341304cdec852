"""Statistical disclosure control for published counts.

A count between 1 and k-1 is never published ("< k" is shown instead), and no count that is not
published may be worked out from what is: the published values, the equations between cells
(cells that add up to a total) and what each status says of a cell. `protect` decides the
statuses, `determined` is the attacker it protects against. Pure Python, no Django.
"""

import heapq
import random
from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

Key = Hashable  # cells are keyed by tuples, e.g. ("net", 3, "contact_type", "phone")
Number = int | Fraction
Row = dict[int, Number]  # a linear form over cell indexes: {index: coefficient}


class Status(StrEnum):
    PUBLISHED = "published"  # the value is shown (0 is published as 0)
    SMALL = "small"  # primary suppression: 1..k-1, shown as "< k"
    HIDDEN = "hidden"  # secondary suppression: a value >= k hidden so a small one stays unknown
    WITHHELD = "withheld"  # last resort: cell not shown at all, nothing said about its value


@dataclass(frozen=True)
class Equation:
    """value(total) == sum(value(m) for m in members)."""

    total: Key
    members: tuple[Key, ...]


def bounds(status: Status, value: int, k: int) -> tuple[int, int | None]:
    """What the attacker knows of one cell from its status alone (None: no upper bound)."""
    if status == Status.PUBLISHED:
        return value, value
    if status == Status.SMALL:
        return 1, k - 1
    if status == Status.HIDDEN:
        return k, None
    if status == Status.WITHHELD:
        return 0, None
    raise ValueError(f"unknown status {status!r}")


def protect(
    values: Mapping[Key, int],
    equations: Sequence[Equation],
    k: int,
    fixed: Mapping[Key, Status] | None = None,
    thresholds: Mapping[Key, int] | None = None,
    keep: Iterable[Key] = (),
) -> dict[Key, Status]:
    """A status for every key of `values`. Keys in `fixed` keep their status (they were published
    before); only the other ("free") cells are decided. `thresholds` gives the k a fixed cell
    was published with, when it is not `k` (a network report inside a council's). Cells in
    `keep` (a table's totals) are never suppressed to protect another: a total hidden to
    protect one small cell hides the whole report; withholding the table's cells is enough."""
    fixed = dict(fixed or {})
    keep = set(keep)
    order, vals, eqs = _index(values, equations, k)
    ks = _thresholds(order, k, thresholds)
    position = {key: i for i, key in enumerate(order)}
    for key, status in fixed.items():
        if key not in position:
            raise ValueError(f"fixed cell {key!r} has no value")
        _check_truthful(key, Status(status), values[key], ks[position[key]])
    status = [
        Status(fixed[key]) if key in fixed else _primary(vals[i], k) for i, key in enumerate(order)
    ]
    by_cell = _equations_by_cell(len(order), eqs)

    # Only free cells published at the start can become unknown; the rest of the linear
    # system (cells unknown from the start) is eliminated once, not at every step.
    free = [key not in fixed for key in order]
    flexible = {i for i in range(len(order)) if free[i] and status[i] == Status.PUBLISHED}
    static = {i for i in range(len(order)) if status[i] != Status.PUBLISHED}
    linear = _prepare(_rows(eqs, static | flexible), static)

    # What fixed cells disclose alone: determined even with every free cell withheld, so
    # determined whatever we do. Hiding or withholding these cells protects nothing (a
    # council cell adding up published network cells), so they are left as they are.
    loosest = [Status.WITHHELD if free[i] else s for i, s in enumerate(status)]
    disclosed = _linear_determined(linear, flexible) | _pinned(eqs, by_cell, vals, loosest, ks)
    disclosed |= _jointly_pinned(eqs, vals, loosest, ks)
    changeable = [
        free[i] and i not in disclosed and order[i] not in keep for i in range(len(order))
    ]

    given_up = set(disclosed)
    while True:
        unknown_flexible = {i for i in flexible if status[i] != Status.PUBLISHED}
        found = _linear_determined(linear, unknown_flexible)
        found |= _pinned(eqs, by_cell, vals, status, ks)
        found |= _jointly_pinned(eqs, vals, status, ks)
        found -= given_up
        if not found:
            break
        cell = min(found)  # indexes follow the repr order of the keys
        # The equations containing the cell first (usually enough); when nothing can change
        # there, those one equation further, and so on.
        for around in _rings(cell, by_cell, eqs):
            pick = _secondary_candidate(around, eqs, vals, status, changeable, k)
            if pick is not None:
                status[pick] = Status.HIDDEN
                break
            changed = False
            for i in {cell}.union(*((eqs[e][0], *eqs[e][1]) for e in around)):
                if changeable[i] and status[i] != Status.WITHHELD:
                    status[i] = Status.WITHHELD
                    changed = True
            if changed:
                break
        else:
            # Every changeable cell of its component is withheld: nothing left to try.
            given_up.add(cell)
    return {key: status[position[key]] for key in values}


def determined(
    values: Mapping[Key, int],
    statuses: Mapping[Key, Status],
    equations: Sequence[Equation],
    k: int,
    thresholds: Mapping[Key, int] | None = None,
) -> set[Key]:
    """The non-published cells whose exact value an attacker can work out: by the equations alone
    (exact rational elimination), by propagating every cell's bounds through the equations one
    at a time, or because no other value fits all the equations and bounds together (an exact
    linear programme, which also catches what only combined equations give away)."""
    order, vals, eqs = _index(values, equations, k)
    ks = _thresholds(order, k, thresholds)
    if set(statuses) != set(values):
        raise ValueError("statuses and values must have the same keys")
    status = [Status(statuses[key]) for key in order]
    for i, key in enumerate(order):
        _check_truthful(key, status[i], vals[i], ks[i])
    static = {i for i in range(len(order)) if status[i] != Status.PUBLISHED}
    found = _linear_determined(_prepare(_rows(eqs, static), static), set())
    found |= _pinned(eqs, _equations_by_cell(len(order), eqs), vals, status, ks)
    found |= _jointly_pinned(eqs, vals, status, ks)
    return {order[i] for i in found}


# Input checks and indexing.

IndexedEquation = tuple[int, list[int]]


def _index(
    values: Mapping[Key, int], equations: Sequence[Equation], k: int
) -> tuple[list[Key], list[int], list[IndexedEquation]]:
    """Cells in repr order (the deterministic order of every decision), their values and the
    equations over their indexes, sorted so that the input order does not matter."""
    if not isinstance(k, int) or k < 2:
        raise ValueError(f"k must be an integer >= 2, not {k!r}")
    for key, value in values.items():
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"cell {key!r} has value {value!r}: counts are integers >= 0")
    order = sorted(values, key=repr)
    position = {key: i for i, key in enumerate(order)}
    eqs: list[IndexedEquation] = []
    for equation in equations:
        for key in (equation.total, *equation.members):
            if key not in position:
                raise ValueError(f"cell {key!r} of {equation!r} has no value")
        if values[equation.total] != sum(values[m] for m in equation.members):
            raise ValueError(f"the values do not satisfy {equation!r}")
        eqs.append((position[equation.total], sorted(position[m] for m in equation.members)))
    eqs.sort()
    return order, [values[key] for key in order], eqs


def _thresholds(order: list[Key], k: int, thresholds: Mapping[Key, int] | None) -> list[int]:
    """The k that each cell's status speaks of."""
    thresholds = thresholds or {}
    for key, value in thresholds.items():
        if not isinstance(value, int) or value < 2:
            raise ValueError(f"threshold of {key!r} must be an integer >= 2, not {value!r}")
    return [thresholds.get(key, k) for key in order]


def _check_truthful(key: Key, status: Status, value: int, k: int) -> None:
    low, high = bounds(status, value, k)
    if value < low or (high is not None and value > high):
        raise ValueError(f"cell {key!r} = {value} cannot be {status.value} with k = {k}")


def _primary(value: int, k: int) -> Status:
    return Status.SMALL if 1 <= value <= k - 1 else Status.PUBLISHED


def _equations_by_cell(n: int, eqs: list[IndexedEquation]) -> list[list[int]]:
    by_cell: list[list[int]] = [[] for _ in range(n)]
    for e, (total, members) in enumerate(eqs):
        for i in sorted({total, *members}):
            by_cell[i].append(e)
    return by_cell


def _secondary_candidate(
    around: list[int],
    eqs: list[IndexedEquation],
    vals: list[int],
    status: list[Status],
    changeable: list[bool],
    k: int,
) -> int | None:
    """The changeable published cell >= k to hide: members before totals, then the smallest value,
    then the smallest repr (index). Never a zero: HIDDEN tells the attacker the value is >= k."""
    role: dict[int, int] = {}  # 0: a member of one of the equations, 1: only ever their total
    for e in around:
        total, members = eqs[e]
        for i, r in ((total, 1), *((m, 0) for m in members)):
            if changeable[i] and status[i] == Status.PUBLISHED and vals[i] >= k:
                role[i] = min(r, role.get(i, 1))
    if not role:
        return None
    return min(role, key=lambda i: (role[i], vals[i], i))


def _rings(cell: int, by_cell: list[list[int]], eqs: list[IndexedEquation]) -> Iterable[list[int]]:
    """The equations containing the cell, then also those sharing a cell with them, and so on
    (each time all of them, in order) until the connected component is exhausted."""
    seen_cells = {cell}
    seen = layer = set(by_cell[cell])
    while True:
        yield sorted(seen)
        cells = {i for e in layer for i in (eqs[e][0], *eqs[e][1])} - seen_cells
        seen_cells |= cells
        layer = {e for i in cells for e in by_cell[i]} - seen
        if not layer:
            return
        seen = seen | layer


# Bounds propagation.


def _pinned(
    eqs: list[IndexedEquation],
    by_cell: list[list[int]],
    vals: list[int],
    status: list[Status],
    ks: list[int],
) -> set[int]:
    """Non-published cells whose bounds, tightened through the equations until nothing changes,
    leave a single value."""
    lo: list[int] = []
    hi: list[int | None] = []
    for i, value in enumerate(vals):
        low, high = bounds(status[i], value, ks[i])
        lo.append(low)
        hi.append(high)
    known = [s == Status.PUBLISHED for s in status]
    queue = deque(range(len(eqs)))
    queued = [True] * len(eqs)
    while queue:
        e = queue.popleft()
        queued[e] = False
        total, members = eqs[e]
        changed: list[int] = []
        sum_lo = sum_hi = infinite = 0
        for m in members:
            sum_lo += lo[m]
            high = hi[m]
            if high is None:
                infinite += 1
            else:
                sum_hi += high
        if not known[total]:
            high = sum_hi if infinite == 0 else None
            if sum_lo > lo[total]:
                lo[total] = sum_lo
                changed.append(total)
            if high is not None and (hi[total] is None or high < hi[total]):
                hi[total] = high
                changed.append(total)
        total_lo, total_hi = lo[total], hi[total]
        # The sums above may be looser than the members' current bounds: still sound.
        for m in members:
            if known[m]:
                continue
            low, high = lo[m], hi[m]
            if high is None:
                others_infinite, others_hi = infinite - 1, sum_hi
            else:
                others_infinite, others_hi = infinite, sum_hi - high
            if others_infinite == 0 and total_lo - others_hi > low:
                lo[m] = total_lo - others_hi
                changed.append(m)
            if total_hi is not None:
                new_hi = total_hi - (sum_lo - low)
                if high is None or new_hi < high:
                    hi[m] = new_hi
                    changed.append(m)
        for i in changed:
            for other in by_cell[i]:
                if not queued[other]:
                    queued[other] = True
                    queue.append(other)
    return {i for i in range(len(vals)) if not known[i] and lo[i] == hi[i]}


# Linear determination.
#
# Substituting the published values leaves a linear system over the unknown cells; cell j is
# determined iff the unit vector e_j lies in the row space of its coefficient matrix. The
# matrix over a set U of unknowns is the full matrix with the other columns dropped, so e_j is
# in its row space iff some combination of the equations is e_j on U (anything elsewhere).
#
# `protect` changes the set of unknowns at every step, but only by free cells that were
# published at the start ("flexible" cells); the cells unknown from the start ("static")
# are unknown throughout. So the static columns are eliminated once (`_prepare`), leaving:
# - residual rows: combinations of the equations that are zero on every static cell;
# - for each static cell j that some combination isolates on the static cells, the flexible
#   part u_j of that combination (unique up to the residual rows).
# For a given set U of unknown flexible cells, a flexible j is determined iff e_j is in the
# row space of the residual rows restricted to U, and a static j iff it is isolated and u_j
# restricted to U is in that row space (`_linear_determined`). Both are small systems.


@dataclass(frozen=True)
class _Linear:
    residual: list[Row]
    isolated: dict[int, Row]


def _rows(eqs: list[IndexedEquation], unknown: set[int]) -> list[Row]:
    """Each equation as total - sum(members) over the unknown cells (published ones substituted)."""
    rows: list[Row] = []
    for total, members in eqs:
        row: Row = {}
        for i, coefficient in ((total, 1), *((m, -1) for m in members)):
            if i in unknown:
                row[i] = row.get(i, 0) + coefficient
        row = {i: a for i, a in row.items() if a}
        if row:
            rows.append(row)
    return rows


def _components(rows: list[Row]) -> list[list[Row]]:
    """The rows grouped by connected component of the cells they link."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        first, *rest = row
        for i in rest:
            a, b = find(first), find(i)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Row]] = {}
    for row in rows:
        groups.setdefault(find(next(iter(row))), []).append(row)
    return [groups[root] for root in sorted(groups)]


def _prepare(rows: list[Row], static: set[int]) -> _Linear:
    """Eliminate the static columns of each component (see above)."""
    residual: list[Row] = []
    isolated: dict[int, Row] = {}
    for component in _components(rows):
        pivots, rest = _eliminate(component, static)
        residual.extend(rest)
        isolated.update(_isolated(pivots, static))
    return _Linear(residual, isolated)


def _div(a: Number, b: Number) -> Number:
    """a / b, exact, kept an int when it is one (the common case, and much faster)."""
    if isinstance(a, int) and isinstance(b, int):
        q, r = divmod(a, b)
        return q if r == 0 else Fraction(a, b)
    x = Fraction(a) / b
    return x.numerator if x.denominator == 1 else x


def _eliminate(rows: list[Row], static: set[int]) -> tuple[list[tuple[int, Row]], list[Row]]:
    """Sparse forward elimination on the static columns, in row echelon form (not reduced: the
    back substitution is where the fill-in is). Pivots go to the static column in the fewest
    rows, in the shortest of them (Markowitz-like, to limit fill-in). Returns the pivots in
    order (each row is zero on the earlier pivot columns) and the rows left, which are zero on
    every static column."""
    active = {r: dict(row) for r, row in enumerate(rows)}
    rows_of: dict[int, set[int]] = {}
    for r, row in active.items():
        for c in row:
            if c in static:
                rows_of.setdefault(c, set()).add(r)
    heap = [(len(rs), c) for c, rs in rows_of.items()]
    heapq.heapify(heap)
    pivots: list[tuple[int, Row]] = []
    while heap:
        count, col = heapq.heappop(heap)
        rs = rows_of.get(col)
        if not rs or len(rs) != count:
            continue  # stale heap entry
        del rows_of[col]
        r = min(rs, key=lambda r: (len(active[r]), r))
        prow = active.pop(r)
        touched = set()
        for c in prow:
            if c in rows_of:
                rows_of[c].discard(r)
                touched.add(c)
        a = prow[col]
        for other in sorted(rs - {r}):
            row = active[other]
            f = _div(row[col], a)
            for c, b in prow.items():
                x = row.get(c, 0) - f * b
                if isinstance(x, Fraction) and x.denominator == 1:
                    x = x.numerator
                if x:
                    if c not in row and c in rows_of:
                        rows_of[c].add(other)
                        touched.add(c)
                    row[c] = x
                elif c in row:
                    del row[c]
                    if c in rows_of:
                        rows_of[c].discard(other)
                        touched.add(c)
        for c in touched:
            heapq.heappush(heap, (len(rows_of[c]), c))
        pivots.append((col, prow))
    return pivots, [row for row in active.values() if row]


def _isolated(pivots: list[tuple[int, Row]], static: set[int]) -> dict[int, Row]:
    """For each static cell isolated by a combination of the rows (on the static cells), the
    flexible part of that combination."""
    # A kernel vector with random values on the free columns is non-zero, with overwhelming
    # probability, on every column that is not isolated: an exact certificate for those. Only
    # the columns where it is zero are checked exactly. The seed only affects speed.
    rng = random.Random(0)
    columns = sorted({c for _, row in pivots for c in row if c in static})
    pivot_of = {col: i for i, (col, _) in enumerate(pivots)}
    v: dict[int, Number] = {c: rng.randrange(1, 1 << 30) for c in columns if c not in pivot_of}
    for col, row in reversed(pivots):
        s = sum(b * v[c] for c, b in row.items() if c != col and c in static)
        v[col] = _div(-s, row[col])
    isolated: dict[int, Row] = {}
    for col, _ in pivots:
        if v[col] == 0:
            part = _isolate(col, pivots, pivot_of, static)
            if part is not None:
                isolated[col] = part
    return isolated


def _isolate(
    col: int, pivots: list[tuple[int, Row]], pivot_of: dict[int, int], static: set[int]
) -> Row | None:
    """Reduce e_col by the echelon rows: if nothing static is left, e_col = combination +
    remainder, and the combination's flexible part is minus the remainder."""
    vec: Row = {col: 1}
    heap = [pivot_of[col]]
    queued = set(heap)
    while heap:
        i = heapq.heappop(heap)
        pc, row = pivots[i]
        a = vec.get(pc)
        if not a:
            continue
        f = _div(a, row[pc])
        for c, b in row.items():
            x = vec.get(c, 0) - f * b
            if x:
                vec[c] = x
                j = pivot_of.get(c)
                if j is not None and j not in queued:  # always a later row (echelon form)
                    queued.add(j)
                    heapq.heappush(heap, j)
            else:
                vec.pop(c, None)
    if any(c in static for c in vec):
        return None
    return {c: -x for c, x in vec.items()}


def _rref(rows: Iterable[Row]) -> dict[int, Row]:
    """Reduced row echelon form as {pivot column: row with 1 there and 0 on other pivots}."""
    pivots: dict[int, Row] = {}
    for row in rows:
        row = _reduce(dict(row), pivots)
        if not row:
            continue
        p = min(row)
        a = row[p]
        row = {c: _div(x, a) for c, x in row.items()}
        for q, other in pivots.items():
            f = other.get(p)
            if f:
                pivots[q] = _combine(other, f, row)
        pivots[p] = row
    return pivots


def _combine(row: Row, f: Number, other: Row) -> Row:
    """row - f * other."""
    result = dict(row)
    for c, b in other.items():
        x = result.get(c, 0) - f * b
        if x:
            result[c] = x
        else:
            result.pop(c, None)
    return result


def _reduce(row: Row, pivots: dict[int, Row]) -> Row:
    """row minus its components along the RREF rows (zero iff row is in their span)."""
    for p in [c for c in row if c in pivots]:
        f = row.get(p)
        if f:
            row = _combine(row, f, pivots[p])
    return row


def _linear_determined(linear: _Linear, unknown_flexible: set[int]) -> set[int]:
    """The unknown cells isolated by the equations when these flexible cells are unknown too."""
    space = _rref(
        {c: a for c, a in row.items() if c in unknown_flexible} for row in linear.residual
    )
    found = {p for p, row in space.items() if len(row) == 1}
    for col, part in linear.isolated.items():
        if not _reduce({c: a for c, a in part.items() if c in unknown_flexible}, space):
            found.add(col)
    return found


# All the equations and bounds together.
#
# Propagation reads one equation at a time, and some things only show when equations are
# combined: a council's month cell says a + b + c = 6 while its contact cell, hidden, says
# a + b >= 5, so c = 1. The exact test (over the reals): at the true values x, another value of
# cell j fits iff some direction d moves j: A d = 0 over the unknowns, d_i >= 0 where x_i is at
# its lower bound, d_i <= 0 where it is at its upper one. Negating the columns of the cells at an
# upper bound makes every constrained d_i >= 0; the cells strictly inside their bounds are free.
# Eliminating the inside columns leaves residual rows Q over the cells at a bound. Those moved
# by some d >= 0 with Q d = 0 can move, and then move either way (add a large multiple of that
# d), so they join the inside cells and the search repeats. The cells at a bound that never move
# are pinned; a cell that can move is pinned iff the equations isolate it among those cells.


def _jointly_pinned(
    eqs: list[IndexedEquation], vals: list[int], status: list[Status], ks: list[int]
) -> set[int]:
    """Non-published cells no other value fits, all equations and bounds taken together."""
    unknown = {i for i, s in enumerate(status) if s != Status.PUBLISHED}
    pinned: set[int] = set()
    sign: dict[int, int] = {}
    for i in unknown:
        low, high = bounds(status[i], vals[i], ks[i])
        if vals[i] == low == high:
            pinned.add(i)
        elif vals[i] == low:
            sign[i] = 1
        elif vals[i] == high:
            sign[i] = -1
    for component in _components(_rows(eqs, unknown - pinned)):
        columns = {c for row in component for c in row}
        at_bound = {c for c in columns if c in sign}
        oriented = [{c: a * sign.get(c, 1) for c, a in row.items()} for row in component]
        while at_bound:
            _, residual = _eliminate(oriented, columns - at_bound)
            moving = at_bound - {c for row in residual for c in row}  # nothing holds them
            if not moving:
                moving = _opposed(residual)
            if not moving:
                moving = _nonnegative_support(residual)
            if not moving:
                break
            at_bound -= moving
        pinned |= at_bound
        movable = columns - at_bound
        rows = [{c: a for c, a in row.items() if c in movable} for row in component]
        pinned |= _linear_determined(_prepare([row for row in rows if row], movable), set())
    return pinned


def _opposed(rows: list[Row]) -> set[int]:
    """Columns with an opposite column (Q_c2 = -t Q_c1, t > 0): t e_c1 + e_c2 moves both. The
    usual case (a cell at 1 and one at k-1 in the same equation), found without an LP."""
    columns: dict[int, list[tuple[int, Number]]] = {}
    for r, row in enumerate(rows):
        for c, a in row.items():
            columns.setdefault(c, []).append((r, a))
    sides: dict[tuple, tuple[list[int], list[int]]] = {}
    for c, entries in columns.items():
        first = entries[0][1]
        direction = tuple((r, _div(a, first)) for r, a in entries)
        sides.setdefault(direction, ([], []))[first > 0].append(c)
    return {c for down, up in sides.values() if down and up for c in down + up}


def _nonnegative_support(rows: list[Row]) -> set[int]:
    """The columns positive in a d >= 0 with row . d = 0 for every row, one maximising sum(d)
    with 0 <= d <= 1 (empty if d = 0 is the only one). Exact bounded simplex from d = 0, with
    Bland's rule (smallest index first) against cycling."""
    # A row whose entries all have one sign holds its columns at 0: leave them out.
    rows = [dict(row) for row in rows]
    held: set[int] = set()
    while True:
        new = {c for row in rows if row for c in row if _one_sign(row)}
        if not new:
            break
        held |= new
        rows = [{c: a for c, a in row.items() if c not in held} for row in rows]
    rows = [row for row in rows if row]
    columns = sorted({c for row in rows for c in row})
    # Basic cells: d_b = -sum(tableau[b][n] * d_n) over the non-basic cells, which sit at 0 or
    # 1; the objective sum(d) is sum(cost[n] * d_n) (+ a constant).
    tableau = {b: {c: a for c, a in row.items() if c != b} for b, row in _rref(rows).items()}
    cost: Row = {n: 1 for n in columns if n not in tableau}
    for row in tableau.values():
        for n, a in row.items():
            cost[n] = cost.get(n, 0) - a
    value: dict[int, Number] = dict.fromkeys(columns, 0)
    while True:
        entering = next(
            (
                n
                for n in columns
                if n not in tableau
                and (c := cost.get(n, 0))
                and ((value[n] == 0 and c > 0) or (value[n] == 1 and c < 0))
            ),
            None,
        )
        if entering is None:
            return {c for c in columns if value[c] > 0}
        direction = 1 if value[entering] == 0 else -1
        step: Number = 1  # as far as its other bound...
        leaving = None
        for b in sorted(b for b, row in tableau.items() if entering in row):
            # ...unless a basic cell reaches one of its bounds first
            g = -tableau[b][entering] * direction
            limit = _div(1 - value[b], g) if g > 0 else _div(value[b], -g)
            if limit < step or (limit == step and leaving is not None and b < leaving):
                step, leaving = limit, b
        value[entering] += direction * step
        for b, row in tableau.items():
            if entering in row:
                value[b] -= row[entering] * direction * step
        if leaving is None:
            continue
        row = tableau.pop(leaving)
        a = row.pop(entering)
        new = {c: _div(x, a) for c, x in row.items()}
        new[leaving] = _div(1, a)
        for b, other in tableau.items():
            f = other.pop(entering, 0)
            if f:
                tableau[b] = _combine(other, f, new)
        f = cost.pop(entering, 0)
        cost = _combine(cost, f, new)  # d_entering = -sum(new[m] * d_m)
        tableau[entering] = new


def _one_sign(row: Row) -> bool:
    return all(a > 0 for a in row.values()) or all(a < 0 for a in row.values())
