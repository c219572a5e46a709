"""Small-number suppression: worked examples, then properties checked by independent means.

The recoverability checks here are written afresh (a rank test over exact fractions and a
brute-force search of every consistent table) rather than calling the module's own solver, so
a mistake in one is caught by the other.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inclusion.area_partnerships.suppression import (
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    SuppressedTable,
    recoverable_cells,
    suppress_count,
    suppress_rate,
    suppress_series,
    suppress_table,
)

C = SUPPRESSED


# Worked examples


def test_a_lone_count_below_five_is_shown_as_c_and_five_is_shown():
    assert DEFAULT_THRESHOLD == 5
    assert [suppress_count(v) for v in (1, 2, 3, 4, 5, 455)] == [C, C, C, C, 5, 455]
    assert suppress_count(None) is None


def test_the_domain_check_two_suspensions_in_455_hides_the_count_and_its_rate():
    headcount, suspensions = 455, 2
    rate = round(suspensions / headcount * 100, 5)
    assert rate == 0.43956
    assert suppress_count(headcount) == 455
    assert suppress_count(suspensions) == C
    assert suppress_rate(rate, suspensions) == C


def test_a_rate_on_a_shown_count_is_shown_and_a_rate_needs_its_numerator():
    assert suppress_rate(2.5, 12) == 2.5
    assert suppress_rate(0.0, 0) == 0.0
    assert suppress_rate(None, 3) is None
    assert suppress_rate(2.6, 12) == 2.6
    assert suppress_rate(2.6, C) == C, "a count hidden by secondary suppression takes its rate"
    with pytest.raises(ValueError, match="numerator"):
        suppress_rate(1.5, None)


def test_zero_is_shown_because_it_names_nobody_unless_the_caller_says_otherwise():
    assert suppress_count(0) == 0
    assert suppress_count(0, suppress_zero=True) == C
    assert suppress_rate(0.0, 0, suppress_zero=True) == C


def test_the_threshold_is_configurable_for_the_older_dfe_practice_of_hiding_ones_and_twos():
    assert [suppress_count(v, threshold=3) for v in (1, 2, 3, 4)] == [C, C, 3, 4]
    table = suppress_table([[3, 10], [12, 20]], threshold=3)
    assert table.suppressed == set()
    with pytest.raises(ValueError, match="threshold"):
        suppress_count(2, threshold=0)


def test_negative_and_ragged_input_is_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_count(-1)
    with pytest.raises(ValueError, match="same number of columns"):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError, match="at least one row"):
        suppress_table([])


def test_one_small_cell_forces_a_second_suppression_in_its_row_and_its_column():
    table = suppress_table([[3, 10, 12], [8, 9, 15], [20, 11, 7]])

    assert table.primary == {(0, 0)}
    assert table.secondary == {(0, 1), (1, 0), (1, 1)}
    assert table.as_rows() == [
        [C, C, 12, 25],
        [C, C, 15, 32],
        [20, 11, 7, 38],
        [31, 30, 34, 95],
    ]


def test_zeros_in_a_table_stay_shown_and_never_count_as_suppressed():
    table = suppress_table([[0, 2, 9], [0, 11, 6], [0, 7, 30]])

    assert [row[0] for row in table.cells] == [0, 0, 0]
    assert table.primary == {(0, 1)}
    assert table.column_totals == [0, 20, 45]
    assert recoverable_cells(table) == set()


def test_a_small_row_total_is_hidden_and_cannot_be_recovered_from_the_grand_total():
    table = suppress_table([[1, 2], [10, 20]])

    assert table.row_totals == [C, C]
    assert table.column_totals == [11, 22]
    assert table.grand_total == 33
    assert table.cells == [[C, C], [C, C]]


def test_a_cell_fixed_only_by_combining_lines_is_found_and_then_protected():
    rows = [[1, 2, 3, 20], [4, 1, 30, 40], [50, 60, 2, 3], [70, 80, 4, 1]]
    primary_only = with_suppressed(
        rows, {(i, j) for i, row in enumerate(rows) for j, v in enumerate(row) if v < 5}
    )

    assert recoverable_cells(primary_only) == {(0, 2)}
    table = suppress_table(rows)
    assert table.secondary
    assert recoverable_cells(table) == set()


def test_a_count_pinned_by_a_column_of_zeros_is_protected_although_algebra_leaves_it_free():
    """Hiding only the cells would show row 1 as c + c = 5 beside a column adding up to 0."""
    rows = [[0, 5], [0, 5], [0, 2]]
    table = suppress_table(rows)

    assert table.column_totals == [0, 12]
    assert table.row_totals == [C, C, C]
    for name, values in values_each_hidden_figure_can_take(table).items():
        assert len(values) > 1 or values == {true_value(rows, name)} == {0}, name


def test_hidden_totals_give_nothing_away_so_only_small_cells_are_suppressed():
    table = suppress_table([[3, 10], [8, 9]], row_totals=False, column_totals=False)

    assert table.as_rows() == [[C, 10], [8, 9]]
    assert table.row_totals is None and table.grand_total is None


def test_a_series_with_one_small_count_hides_the_next_smallest_and_keeps_zeros():
    series = suppress_series({"No SEN": 30, "SEN support": 2, "EHC plan": 7, "Unknown": 0})

    assert dict(series) == {"No SEN": 30, "SEN support": C, "EHC plan": C, "Unknown": 0}
    assert series.total == 39
    assert series["EHC plan"] == C and series.figures == dict(series)
    assert series.primary == {"SEN support"}
    assert series.secondary == {"EHC plan"}


def test_a_series_total_must_cover_every_value():
    assert suppress_series({"a": 6, "b": 7}, total=13).total == 13
    assert dict(suppress_series({})) == {}
    with pytest.raises(ValueError, match="sum of the values"):
        suppress_series({"a": 6, "b": 7}, total=20)


# Independent checks


def with_suppressed(rows: list[list[int]], hidden: set[tuple[int, int]]) -> SuppressedTable:
    """A table showing every total and hiding exactly the given cells."""
    cells = [
        [C if (i, j) in hidden else v for j, v in enumerate(row)] for i, row in enumerate(rows)
    ]
    return SuppressedTable(
        cells=cells,
        row_totals=[sum(row) for row in rows],
        column_totals=[sum(column) for column in zip(*rows, strict=True)],
        grand_total=sum(map(sum, rows)),
        suppressed=frozenset(hidden),
        primary=frozenset(hidden),
        secondary=frozenset(),
        threshold=5,
    )


def shown_lines(table: SuppressedTable) -> list[tuple[list[tuple[int, int]], int]]:
    """Every published total with the body cells it adds up."""
    height, width = len(table.cells), len(table.cells[0])
    lines = []
    for i, total in enumerate(table.row_totals or []):
        lines.append(([(i, j) for j in range(width)], total))
    for j, total in enumerate(table.column_totals or []):
        lines.append(([(i, j) for i in range(height)], total))
    everything = [(i, j) for i in range(height) for j in range(width)]
    lines.append((everything, table.grand_total))
    return [(cells, total) for cells, total in lines if isinstance(total, int)]


def suppressed_totals(table: SuppressedTable) -> dict[str, list[tuple[int, int]]]:
    """Each hidden total, named, with the body cells it adds up."""
    height, width = len(table.cells), len(table.cells[0])
    found = {}
    for i, total in enumerate(table.row_totals or []):
        if total == C:
            found[f"row {i}"] = [(i, j) for j in range(width)]
    for j, total in enumerate(table.column_totals or []):
        if total == C:
            found[f"column {j}"] = [(i, j) for i in range(height)]
    if table.grand_total == C:
        found["grand"] = [(i, j) for i in range(height) for j in range(width)]
    return found


def rank(vectors: list[list[Fraction]]) -> int:
    rows = [list(v) for v in vectors]
    found = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def solvable_by_algebra(table: SuppressedTable) -> set[str]:
    """Hidden figures whose value follows from the published totals by linear algebra.

    Unknowns are the hidden cells; each published total minus its shown cells is an equation.
    A figure is solvable when its vector of hidden cells lies in the span of the equations.
    """
    hidden = sorted(table.suppressed)
    if not hidden:
        return set()

    def vector(cells: list[tuple[int, int]]) -> list[Fraction]:
        return [Fraction(int(cell in cells)) for cell in hidden]

    equations = [vector(cells) for cells, _ in shown_lines(table)]
    targets = {f"cell {cell}": [cell] for cell in hidden}
    targets |= {f"{name} total": cells for name, cells in suppressed_totals(table).items()}
    base = rank(equations)
    return {name for name, cells in targets.items() if rank([*equations, vector(cells)]) == base}


def consistent_fillings(table: SuppressedTable) -> Iterator[dict[tuple[int, int], int]]:
    """Every non-negative filling of the hidden cells that agrees with all that is shown.

    Hidden cells that no published total mentions could be anything, so they are left out.
    """
    lines = shown_lines(table)
    residual = [total - sum(_shown(table, c) for c in cells) for cells, total in lines]
    hidden = [cell for cell in sorted(table.suppressed) if any(cell in cells for cells, _ in lines)]
    members = {cell: [k for k, (cells, _) in enumerate(lines) if cell in cells] for cell in hidden}
    left = [sum(1 for cell in hidden if cell in cells) for cells, _ in lines]
    filling: dict[tuple[int, int], int] = {}

    def fill(position: int) -> Iterator[dict[tuple[int, int], int]]:
        if position == len(hidden):
            yield dict(filling)
            return
        cell = hidden[position]
        mine = members[cell]
        high = min(residual[k] for k in mine)
        forced = {residual[k] for k in mine if left[k] == 1}
        values = forced if forced else range(high + 1)
        for value in values:
            if len(forced) > 1 or not 0 <= value <= high:
                return
            for k in mine:
                residual[k] -= value
                left[k] -= 1
            filling[cell] = value
            yield from fill(position + 1)
            for k in mine:
                residual[k] += value
                left[k] += 1

    return fill(0)


def _shown(table: SuppressedTable, cell: tuple[int, int]) -> int:
    value = table.cells[cell[0]][cell[1]]
    return 0 if value == C else value


def values_each_hidden_figure_can_take(table: SuppressedTable) -> dict[str, set[int]]:
    """Collect values until every hidden figure has shown two, or the search runs out."""
    constrained = {cell for cells, _ in shown_lines(table) for cell in cells}
    figures = {f"cell {cell}": [cell] for cell in table.suppressed if cell in constrained}
    figures |= {
        f"{name} total": cells
        for name, cells in suppressed_totals(table).items()
        if all(cell in constrained for cell in cells if cell in table.suppressed)
    }
    seen: dict[str, set[int]] = {name: set() for name in figures}
    for filling in consistent_fillings(table):
        for name, cells in figures.items():
            seen[name].add(sum(filling.get(cell, _shown(table, cell)) for cell in cells))
        if all(len(values) > 1 for values in seen.values()):
            break
    return seen


def true_value(rows: list[list[int]], name: str) -> int:
    kind, _, rest = name.partition(" ")
    if kind == "cell":
        i, j = (int(part) for part in rest.strip("()").split(","))
        return rows[i][j]
    if kind == "row":
        return sum(rows[int(rest.split()[0])])
    if kind == "column":
        return sum(row[int(rest.split()[0])] for row in rows)
    return sum(map(sum, rows))


# Properties


def tables(max_side: int, max_value: int) -> st.SearchStrategy[list[list[int]]]:
    """Grids of pupil counts, half of them zero as in real breakdowns, where the hard cases are."""
    counts = st.one_of(st.just(0), st.integers(0, max_value))
    return st.integers(1, max_side).flatmap(
        lambda width: st.lists(
            st.lists(counts, min_size=width, max_size=width),
            min_size=1,
            max_size=max_side,
        )
    )


thresholds = st.sampled_from([3, 5, 10])
bounded = settings(max_examples=200, deadline=None)


@bounded
@given(tables(5, 30), thresholds, st.booleans(), st.booleans())
def test_every_count_below_the_threshold_is_suppressed(rows, threshold, by_row, by_column):
    table = suppress_table(rows, threshold, by_row, by_column)
    small = {(i, j) for i, row in enumerate(rows) for j, v in enumerate(row) if 0 < v < threshold}

    assert small == table.primary <= table.suppressed
    for figure in [*(table.row_totals or []), *(table.column_totals or []), table.grand_total]:
        assert figure is None or figure == C or not 0 < figure < threshold


@bounded
@given(tables(5, 30), thresholds, st.booleans(), st.booleans())
def test_no_line_with_a_shown_total_hides_exactly_one_figure(rows, threshold, by_row, by_column):
    table = suppress_table(rows, threshold, by_row, by_column)

    for cells, _ in shown_lines(table):
        assert sum(1 for cell in cells if cell in table.suppressed) != 1
    if isinstance(table.grand_total, int):
        assert table.row_totals is not None and table.column_totals is not None
        assert table.row_totals.count(C) != 1
        assert table.column_totals.count(C) != 1


@bounded
@given(tables(5, 30), thresholds, st.booleans(), st.booleans())
def test_no_suppressed_figure_can_be_solved_for_from_what_is_shown(
    rows, threshold, by_row, by_column
):
    table = suppress_table(rows, threshold, by_row, by_column)

    assert solvable_by_algebra(table) == set()
    assert recoverable_cells(table) == set()


@bounded
@given(tables(3, 8), st.sampled_from([3, 5]), st.booleans(), st.booleans())
@example(rows=[[0, 5], [0, 5], [0, 2]], threshold=5, by_row=True, by_column=True)
def test_every_suppressed_figure_has_another_non_negative_value_unless_it_is_zero(
    rows, threshold, by_row, by_column
):
    table = suppress_table(rows, threshold, by_row, by_column)

    for name, values in values_each_hidden_figure_can_take(table).items():
        assert values, f"the true table should be among the fillings for {name}"
        if len(values) == 1:
            assert values == {true_value(rows, name)} == {0}, f"{name} is pinned to {values}"


@bounded
@given(tables(5, 30), thresholds, st.booleans(), st.booleans())
def test_suppression_is_deterministic_and_shows_true_figures(rows, threshold, by_row, by_column):
    before = copy.deepcopy(rows)
    table = suppress_table(rows, threshold, by_row, by_column)

    assert rows == before
    assert suppress_table(before, threshold, by_row, by_column) == table
    for cells, total in shown_lines(table):
        assert total == sum(rows[i][j] for i, j in cells)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            assert table.cells[i][j] == (C if (i, j) in table.suppressed else value)


@bounded
@given(tables(5, 30), thresholds)
def test_totals_of_the_threshold_or_more_stay_shown_in_tables_of_two_by_two_or_more(
    rows, threshold
):
    table = suppress_table(rows, threshold)
    totals = [*(sum(row) for row in rows), *(sum(col) for col in zip(*rows, strict=True))]
    if len(rows) < 2 or len(rows[0]) < 2 or min(totals) < threshold:
        return

    assert C not in [*table.row_totals, *table.column_totals, table.grand_total]


@bounded
@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 30), max_size=6), thresholds)
def test_a_series_never_hides_exactly_one_value_beside_a_shown_total(values, threshold):
    series = suppress_series(values, threshold)

    assert series.primary == {k for k, v in values.items() if 0 < v < threshold}
    if series.total != C:
        assert series.total == sum(values.values())
        assert len(series.suppressed) != 1


def series_by_the_table_rules(values: dict[str, int], threshold: int, suppress_zero: bool):
    """The general algorithm on the series' shape: one row, its total shown, no column totals."""
    labels = list(values)
    table = suppress_table(
        [[values[label] for label in labels]],
        threshold,
        column_totals=False,
        suppress_zero=suppress_zero,
    )
    return dict(zip(labels, table.cells[0], strict=True)), table.row_totals[0]


@bounded
@given(
    st.lists(st.one_of(st.just(0), st.integers(0, 12)), min_size=1, max_size=9),
    thresholds,
    st.booleans(),
)
def test_a_series_hides_exactly_what_the_general_table_rules_hide(counts, threshold, zero):
    values = {f"school {i}": n for i, n in enumerate(counts)}

    series = suppress_series(values, threshold, suppress_zero=zero)

    assert (dict(series), series.total) == series_by_the_table_rules(values, threshold, zero)


def test_a_series_as_long_as_every_school_in_england_keeps_only_the_small_counts_hidden():
    values = {str(i): (0, 0, 1, 3, 7, 12, 40)[i % 7] for i in range(24_000)}

    series = suppress_series(values)

    assert series.primary == {label for label, n in values.items() if n in (1, 3)}
    assert series.secondary == frozenset() and series.total == sum(values.values())
