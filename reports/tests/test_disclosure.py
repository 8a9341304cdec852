"""Disclosure control of published counts: no small count is published, and no count that is
not published can be worked out, checked against an exhaustive attacker written here."""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reports.disclosure import Equation, Key, Status, bounds, determined, protect

PUBLISHED, SMALL, HIDDEN, WITHHELD = (
    Status.PUBLISHED,
    Status.SMALL,
    Status.HIDDEN,
    Status.WITHHELD,
)


@dataclass
class Instance:
    values: dict[Key, int]
    equations: list[Equation]
    k: int
    fixed: dict[Key, Status] = field(default_factory=dict)

    def protect(self) -> dict[Key, Status]:
        return protect(self.values, self.equations, self.k, self.fixed)


# The two shapes of report.


def network(
    single: Mapping[str, Sequence[int]],
    multi: Mapping[str, Sequence[int]],
    prefix: tuple = (),
) -> tuple[dict[Key, int], list[Equation]]:
    """One network's cells: its total, the cells of single-valued dimensions (each adds up to
    the total) and of multi-valued ones (no equation)."""
    totals = {sum(counts) for counts in single.values()}
    assert len(totals) <= 1, "every single-valued dimension adds up to the same total"
    total_key = (*prefix, "total")
    values: dict[Key, int] = {total_key: totals.pop() if totals else 0}
    equations = []
    for dim, counts in {**single, **multi}.items():
        keys = [(*prefix, dim, f"{dim}{i}") for i in range(len(counts))]
        values.update(zip(keys, counts, strict=True))
        if dim in single:
            equations.append(Equation(total_key, tuple(keys)))
    return values, equations


def council(
    networks: Sequence[tuple[Mapping[str, Sequence[int]], Mapping[str, Sequence[int]]]], k: int
) -> Instance:
    """A council report over networks already protected (and published) one by one."""
    values: dict[Key, int] = {}
    equations: list[Equation] = []
    fixed: dict[Key, Status] = {}
    for r, (single, multi) in enumerate(networks):
        own_values, own_equations = network(single, multi, ("net", r))
        values.update(own_values)
        equations.extend(own_equations)
        fixed.update(protect(own_values, own_equations, k))
    single, multi = networks[0]
    reports = range(len(networks))
    council_total = ("council", "total")
    values[council_total] = sum(values[("net", r, "total")] for r in reports)
    equations.append(Equation(council_total, tuple(("net", r, "total") for r in reports)))
    for dim, counts in {**single, **multi}.items():
        cells = []
        for i in range(len(counts)):
            cell = ("council", dim, f"{dim}{i}")
            parts = tuple(("net", r, dim, f"{dim}{i}") for r in reports)
            values[cell] = sum(values[part] for part in parts)
            equations.append(Equation(cell, parts))
            cells.append(cell)
        if dim in single:
            equations.append(Equation(council_total, tuple(cells)))
    return Instance(values, equations, k, fixed)


# The exhaustive attacker: every integer assignment of the cells that are not published,
# consistent with every equation and every status.


def knowledge(status: Status, value: int, k: int, cap: int) -> tuple[int, int]:
    """What a status says of a cell, with no upper bound capped at `cap`."""
    return {
        PUBLISHED: (value, value),
        SMALL: (1, k - 1),
        HIDDEN: (k, cap),
        WITHHELD: (0, cap),
    }[status]


def narrow(domains: dict[Key, tuple[int, int]], equations: Sequence[Equation]) -> bool:
    """Remove from each domain the values no assignment of the others allows; False if one
    empties. Only prunes the search below: any sound narrowing keeps it exhaustive."""
    changed = True
    while changed:
        changed = False
        for equation in equations:
            # total - sum(members) == 0: the range of each term given the range of the others
            terms = [(equation.total, 1)] + [(m, -1) for m in equation.members]
            ranges = [
                (domains[c][0], domains[c][1]) if s > 0 else (-domains[c][1], -domains[c][0])
                for c, s in terms
            ]
            low_sum, high_sum = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
            for (cell, sign), (low, high) in zip(terms, ranges, strict=True):
                term = (-(high_sum - high), -(low_sum - low))  # -(sum of the other terms)
                if sign < 0:
                    term = (-term[1], -term[0])
                old = domains[cell]
                new = (max(old[0], term[0]), min(old[1], term[1]))
                if new[0] > new[1]:
                    return False
                if new != old:
                    domains[cell] = new
                    changed = True
    return True


def solve(
    domains: dict[Key, tuple[int, int]], equations: Sequence[Equation]
) -> dict[Key, int] | None:
    """An integer assignment within the domains satisfying every equation, if there is one
    (backtracking: split the smallest open domain in two)."""
    domains = dict(domains)
    if not narrow(domains, equations):
        return None
    open_cells = [cell for cell, (low, high) in domains.items() if low < high]
    if not open_cells:
        assignment = {cell: low for cell, (low, _) in domains.items()}
        ok = all(assignment[e.total] == sum(assignment[m] for m in e.members) for e in equations)
        return assignment if ok else None
    cell = min(open_cells, key=lambda c: (domains[c][1] - domains[c][0], repr(c)))
    low, high = domains[cell]
    middle = (low + high) // 2
    return solve({**domains, cell: (low, middle)}, equations) or solve(
        {**domains, cell: (middle + 1, high)}, equations
    )


def linked(cell: Key, equations: Sequence[Equation]) -> list[Equation]:
    """The equations of the cell's connected component (the others are satisfied by the true
    values whatever this cell is)."""
    seen, todo, found = {cell}, [cell], []
    by_cell: dict[Key, list[Equation]] = {}
    for equation in equations:
        for c in (equation.total, *equation.members):
            by_cell.setdefault(c, []).append(equation)
    used: set[int] = set()
    while todo:
        for equation in by_cell.get(todo.pop(), []):
            if id(equation) not in used:
                used.add(id(equation))
                found.append(equation)
                for c in (equation.total, *equation.members):
                    if c not in seen:
                        seen.add(c)
                        todo.append(c)
    return found


def recoverable(
    values: Mapping[Key, int],
    statuses: Mapping[Key, Status],
    equations: Sequence[Equation],
    k: int,
) -> set[Key]:
    """The non-published cells that take a single value over all the feasible assignments (the
    true values are one of them, so: no feasible assignment gives the cell another value)."""
    # Any cap keeps this a proof of safety (fewer assignments, not more); k more than the sum of
    # all values keeps it from pinning cells of a table of zeros.
    cap = sum(values.values()) + k
    domains = {cell: knowledge(statuses[cell], values[cell], k, cap) for cell in values}
    found, moved = set(), set()
    for cell, status in statuses.items():
        if status == PUBLISHED or cell in moved:
            continue
        component = linked(cell, equations)
        cells = {c for e in component for c in (e.total, *e.members)} | {cell}
        local = {c: domains[c] for c in cells}
        low, high = local[cell]
        value = values[cell]
        for a, b in ((low, value - 1), (value + 1, high)):
            other = solve({**local, cell: (a, b)}, component) if a <= b else None
            if other is not None:
                # Every cell this assignment moves takes two values.
                moved |= {c for c, v in other.items() if v != values[c]}
                break
        else:
            found.add(cell)
    return found


# Strategies: small instances of both shapes.

counts = st.integers(0, 15)


@st.composite
def networks_of(draw: st.DrawFn, contact: int, topic: int) -> tuple[dict, dict]:
    return (
        {"contact": draw(st.lists(counts, min_size=contact, max_size=contact))},
        {"topic": draw(st.lists(counts, min_size=topic, max_size=topic))},
    )


@st.composite
def single_networks(draw: st.DrawFn) -> Instance:
    contact, topic = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    single, multi = draw(networks_of(contact, topic))
    values, equations = network(single, multi)
    return Instance(values, equations, draw(st.sampled_from([5, 6])))


@st.composite
def councils(draw: st.DrawFn) -> Instance:
    contact, topic = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    reports = draw(st.lists(networks_of(contact, topic), min_size=1, max_size=3))
    return council(reports, draw(st.sampled_from([5, 6])))


@st.composite
def two_dimension_councils(draw: st.DrawFn) -> Instance:
    """Councils whose networks have two single-valued dimensions (sharing the network total),
    as real reports do: where one equation at a time is not enough for the attacker."""
    contact, month = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    reports = []
    for _ in range(draw(st.integers(1, 3))):
        by_contact = draw(st.lists(counts, min_size=contact, max_size=contact))
        total = sum(by_contact)
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=month - 1, max_size=month - 1)))
        by_month = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        reports.append(({"contact": by_contact, "month": by_month}, {"topic": [draw(counts)]}))
    return council(reports, draw(st.sampled_from([5, 6])))


instances = st.one_of(single_networks(), councils(), two_dimension_councils())
quick = hypothesis_settings(max_examples=150, deadline=None)


# Properties.


@quick
@given(instances)
def test_no_published_cell_is_a_small_count(instance: Instance) -> None:
    result = instance.protect()
    assert set(result) == set(instance.values)
    for cell, status in result.items():
        if cell not in instance.fixed and 1 <= instance.values[cell] < instance.k:
            assert status != PUBLISHED, cell


@quick
@given(instances)
def test_no_hidden_cell_is_below_k(instance: Instance) -> None:
    result = instance.protect()
    for cell, status in result.items():
        if status == HIDDEN:
            assert instance.values[cell] >= instance.k, cell


@hypothesis_settings(max_examples=120, deadline=None)
@given(instances)
def test_no_cell_that_is_not_published_can_be_worked_out(instance: Instance) -> None:
    result = instance.protect()
    # Nothing is given up: single networks have no fixed cells, and a council's fixed cells
    # were protected by `protect` itself.
    assert determined(instance.values, result, instance.equations, instance.k) == set()
    # The real proof, for free cells and the networks' (fixed) cells alike.
    assert recoverable(instance.values, result, instance.equations, instance.k) == set()


@quick
@given(instances, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_input(
    instance: Instance, rng: random.Random
) -> None:
    result = instance.protect()
    keys = list(instance.values)
    rng.shuffle(keys)
    equations = [
        Equation(e.total, tuple(rng.sample(e.members, len(e.members)))) for e in instance.equations
    ]
    rng.shuffle(equations)
    fixed = dict(rng.sample(list(instance.fixed.items()), len(instance.fixed)))
    shuffled = protect({key: instance.values[key] for key in keys}, equations, instance.k, fixed)
    assert shuffled == result
    assert instance.protect() == result


@quick
@given(councils())
def test_a_council_keeps_the_statuses_its_networks_were_published_with(
    instance: Instance,
) -> None:
    result = instance.protect()
    assert {cell: result[cell] for cell in instance.fixed} == instance.fixed


def truthful_statuses(value: int, k: int) -> list[Status]:
    if value == 0:
        return [PUBLISHED, WITHHELD]
    if value < k:
        return [PUBLISHED, SMALL, WITHHELD]
    return [PUBLISHED, HIDDEN, WITHHELD]


@st.composite
def partly_fixed(draw: st.DrawFn) -> Instance:
    """An instance where any cells have any (true) status already."""
    instance = draw(instances)
    for cell, value in instance.values.items():
        if draw(st.booleans()):
            instance.fixed[cell] = draw(st.sampled_from(truthful_statuses(value, instance.k)))
    return instance


@quick
@given(partly_fixed())
def test_fixed_statuses_come_back_unchanged_whatever_they_are(instance: Instance) -> None:
    result = instance.protect()
    assert {cell: result[cell] for cell in instance.fixed} == instance.fixed
    for cell, status in result.items():
        if cell not in instance.fixed:
            assert status != PUBLISHED or not 1 <= instance.values[cell] < instance.k
            assert status != HIDDEN or instance.values[cell] >= instance.k
    # What is still determined is what fixed cells disclose alone: the free cells around it
    # could change no further.
    left = determined(instance.values, result, instance.equations, instance.k)
    cut = recoverable(instance.values, result, instance.equations, instance.k)
    assert left <= cut
    for cell in cut - left:
        assert cell in instance.fixed, "only fixed cells may be disclosed"


@st.composite
def any_statuses(draw: st.DrawFn) -> tuple[Instance, dict[Key, Status]]:
    instance = draw(instances)
    statuses = {
        cell: draw(st.sampled_from(truthful_statuses(value, instance.k)))
        for cell, value in instance.values.items()
    }
    return instance, statuses


@quick
@given(any_statuses())
def test_every_cell_determined_reports_can_really_be_worked_out(
    case: tuple[Instance, dict[Key, Status]],
) -> None:
    instance, statuses = case
    found = determined(instance.values, statuses, instance.equations, instance.k)
    assert all(statuses[cell] != PUBLISHED for cell in found)
    assert found <= recoverable(instance.values, statuses, instance.equations, instance.k)


# Examples.


def test_a_small_cell_and_the_smallest_other_cell_are_hidden() -> None:
    values = {"t": 19, "a": 1, "b": 9, "c": 9}
    result = protect(values, [Equation("t", ("a", "b", "c"))], 5)
    assert result == {"t": PUBLISHED, "a": SMALL, "b": HIDDEN, "c": PUBLISHED}


def test_two_small_cells_with_a_small_total_need_nothing_more() -> None:
    values = {"t": 2, "a": 1, "b": 1}
    equations = [Equation("t", ("a", "b"))]
    result = protect(values, equations, 5)
    assert result == {"t": SMALL, "a": SMALL, "b": SMALL}
    assert determined(values, result, equations, 5) == set()


def test_two_small_cells_under_a_published_total_are_withheld() -> None:
    values = {"t": 2, "a": 1, "b": 1}
    equations = [Equation("t", ("a", "b"))]
    result = protect(values, equations, 5, fixed={"t": PUBLISHED})
    assert result == {"t": PUBLISHED, "a": WITHHELD, "b": WITHHELD}
    assert determined(values, result, equations, 5) == set()


def test_a_cell_disclosed_by_fixed_cells_alone_is_given_up() -> None:
    # Withholding a would not hide it: t = a was published before.
    values = {"t": 1, "a": 1}
    equations = [Equation("t", ("a",))]
    result = protect(values, equations, 5, fixed={"t": PUBLISHED})
    assert result == {"t": PUBLISHED, "a": SMALL}
    assert determined(values, result, equations, 5) == {"a"}


def test_a_council_cell_adding_up_published_network_cells_is_not_hidden_in_vain() -> None:
    # The council's contact3 = 5 + 0 is public anyway: hiding it cannot protect network 1's
    # total (1 = 6 - 5); hiding the council's total does.
    instance = council([({"contact": [0, 0, 0, 5]}, {}), ({"contact": [0, 0, 1, 0]}, {})], 5)
    result = instance.protect()
    council_cells = {cell: result[cell] for cell in result if cell[0] == "council"}
    assert council_cells == {
        ("council", "total"): HIDDEN,
        ("council", "contact", "contact0"): PUBLISHED,
        ("council", "contact", "contact1"): PUBLISHED,
        ("council", "contact", "contact2"): SMALL,
        ("council", "contact", "contact3"): PUBLISHED,
    }
    assert recoverable(instance.values, result, instance.equations, 5) == set()


def test_a_hidden_cell_pinned_by_its_bounds_leads_to_hiding_the_total() -> None:
    # b = 5 hidden is then the only value >= 5 that leaves a = 6 - b >= 1.
    values = {"t": 6, "a": 1, "b": 5}
    result = protect(values, [Equation("t", ("a", "b"))], 5)
    assert result == {"t": HIDDEN, "a": SMALL, "b": HIDDEN}


def test_five_cells_of_one_with_no_cell_to_hide_are_withheld() -> None:
    values = {"t": 5, **{cell: 1 for cell in "abcde"}}
    equations = [Equation("t", tuple("abcde"))]
    result = protect(values, equations, 6)  # the total, 5, is small too
    assert result == {cell: WITHHELD for cell in values}
    assert determined(values, result, equations, 6) == set()


def test_five_cells_of_one_under_a_total_of_k_hide_the_total() -> None:
    values = {"t": 5, **{cell: 1 for cell in "abcde"}}
    equations = [Equation("t", tuple("abcde"))]
    result = protect(values, equations, 5)
    assert result == {"t": HIDDEN, **{cell: SMALL for cell in "abcde"}}


def test_a_council_cell_that_would_give_away_a_network_cell_is_hidden() -> None:
    # Network 1 hid y so that its x = 2 stays "< 5"; the council's x = 7 = 5 (network 0) + 2.
    instance = council([({"contact": [5, 7]}, {}), ({"contact": [2, 7]}, {})], 5)
    assert instance.fixed[("net", 1, "contact", "contact0")] == SMALL
    assert instance.fixed[("net", 1, "contact", "contact1")] == HIDDEN
    published = dict(instance.fixed)
    published.update({cell: PUBLISHED for cell in instance.values if cell[0] == "council"})
    assert ("net", 1, "contact", "contact0") in determined(
        instance.values, published, instance.equations, 5
    )

    result = instance.protect()
    assert result[("council", "contact", "contact0")] == HIDDEN
    assert result[("council", "total")] == PUBLISHED
    assert determined(instance.values, result, instance.equations, 5) == set()
    assert recoverable(instance.values, result, instance.equations, 5) == set()


def two_dimension_council() -> Instance:
    # Networks 0 and 1 have everything in one contact type and one month: a, b < 5 each.
    return council(
        [
            ({"contact": [0, 0, 3], "month": [0, 0, 3]}, {}),
            ({"contact": [0, 0, 2], "month": [0, 0, 2]}, {}),
            ({"contact": [0, 2, 0], "month": [0, 1, 1]}, {}),
        ],
        5,
    )


def test_determined_combines_bounds_across_equations() -> None:
    # The council's month2 = a + b + c = 6 (published) and its contact2 = a + b >= 5 (hidden),
    # so c = 1 and contact2 = 5: no single equation says so.
    instance = two_dimension_council()
    statuses = dict(instance.fixed)
    for cell in instance.values:
        if cell[0] == "council":
            statuses[cell] = PUBLISHED if instance.values[cell] in (0, 6) else SMALL
    statuses[("council", "total")] = statuses[("council", "contact", "contact2")] = HIDDEN
    expected = {("council", "contact", "contact2"), ("net", 2, "month", "month2")}
    assert recoverable(instance.values, statuses, instance.equations, 5) == expected
    assert determined(instance.values, statuses, instance.equations, 5) == expected


def test_a_council_of_networks_with_two_dimensions_is_protected() -> None:
    instance = two_dimension_council()
    result = instance.protect()
    assert determined(instance.values, result, instance.equations, 5) == set()
    assert recoverable(instance.values, result, instance.equations, 5) == set()


def test_determined_finds_a_cell_recoverable_by_subtracting() -> None:
    values = {"t": 10, "a": 7, "b": 3}
    statuses = {"t": PUBLISHED, "a": PUBLISHED, "b": SMALL}
    assert determined(values, statuses, [Equation("t", ("a", "b"))], 5) == {"b"}


def test_determined_combines_equations() -> None:
    # x = t - a and y = u - x: only a combination of both equations gives y.
    values = {"t": 12, "a": 9, "x": 3, "u": 10, "y": 7}
    statuses = {"t": PUBLISHED, "a": PUBLISHED, "x": SMALL, "u": PUBLISHED, "y": HIDDEN}
    equations = [Equation("t", ("a", "x")), Equation("u", ("x", "y"))]
    assert determined(values, statuses, equations, 5) == {"x", "y"}


def test_determined_propagates_bounds() -> None:
    # a and b are both "< 5" and add up to 8: each is 4, though no equation isolates them.
    values = {"t": 8, "a": 4, "b": 4}
    statuses = {"t": PUBLISHED, "a": SMALL, "b": SMALL}
    assert determined(values, statuses, [Equation("t", ("a", "b"))], 5) == {"a", "b"}


def test_bounds_say_what_a_status_tells() -> None:
    assert bounds(PUBLISHED, 7, 5) == (7, 7)
    assert bounds(PUBLISHED, 0, 5) == (0, 0)
    assert bounds(SMALL, 3, 5) == (1, 4)
    assert bounds(HIDDEN, 9, 5) == (5, None)
    assert bounds(WITHHELD, 9, 5) == (0, None)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        protect({"t": 3}, [Equation("t", ("a",))], 5)  # a has no value
    with pytest.raises(ValueError):
        protect({"t": 3, "a": 2}, [Equation("t", ("a",))], 5)  # 3 != 2
    with pytest.raises(ValueError):
        protect({"a": 2}, [], 5, fixed={"a": HIDDEN})  # a hidden cell is >= k
    with pytest.raises(ValueError):
        determined({"a": 2}, {}, [], 5)


# Size.


def big_council(reports: int, k: int, seed: int) -> Instance:
    """Networks of 40 cells (4 single-valued dimensions, 2 multi-valued ones), about 30% of the
    cells small."""
    rng = random.Random(seed)
    single_sizes = {"contact": 4, "initiated_by": 3, "follow_up": 2, "month": 12}
    multi_sizes = {"topic": 12, "referral": 6}
    networks = []
    for _ in range(reports):
        total = rng.randint(15, 90)
        single = {}
        for dim, size in single_sizes.items():
            weights = [rng.random() ** 2 for _ in range(size)]
            picks = rng.choices(range(size), weights=weights, k=total)
            single[dim] = [picks.count(i) for i in range(size)]
        multi = {
            dim: [
                rng.choice([0, 0, rng.randint(1, k - 1), rng.randint(k, 40)]) for _ in range(size)
            ]
            for dim, size in multi_sizes.items()
        }
        networks.append((single, multi))
    return council(networks, k)


def test_a_council_of_200_networks_of_40_cells_is_protected() -> None:
    instance = big_council(200, 5, seed=1)
    small = sum(1 <= v < 5 for cell, v in instance.values.items() if cell[0] == "net")
    assert 0.2 < small / len(instance.fixed) < 0.4

    result = instance.protect()
    assert {cell: result[cell] for cell in instance.fixed} == instance.fixed
    for cell, status in result.items():
        assert status != PUBLISHED or not 1 <= instance.values[cell] < 5
        assert status != HIDDEN or instance.values[cell] >= 5
    assert determined(instance.values, result, instance.equations, 5) == set()


def test_a_fixed_cell_is_read_with_the_threshold_it_was_published_with() -> None:
    # a was published as "< 5" (1..4). With k = 8, b = 7 is "< 8" (1..7): a published total of 11
    # would give a = 4 and b = 7 away, which reading a as 1..7 would miss.
    values = {"t": 11, "a": 4, "b": 7}
    fixed = {"a": Status.SMALL}
    equations = [Equation("t", ("a", "b"))]
    assert protect(values, equations, 8, fixed)["t"] == Status.PUBLISHED
    statuses = protect(values, equations, 8, fixed, thresholds={"a": 5})
    assert statuses == {"t": Status.HIDDEN, "a": Status.SMALL, "b": Status.SMALL}
    assert not determined(values, statuses, equations, 8, thresholds={"a": 5})


def test_a_threshold_below_two_is_refused() -> None:
    with pytest.raises(ValueError):
        protect({"a": 1}, [], 5, thresholds={"a": 1})
