"""Small-number suppression for figures built from pupil-level records.

Pages, exports and the API all publish counts about a handful of pupils (suspensions by SEN
status, part-time timetables by school). A small count can identify a child, so every such
figure goes through this one module, and the three outputs can never disagree about what is
hidden.

The rules, in DfE's vocabulary (DOMAIN.md section 5):

* Primary suppression: a count with ``0 < value < threshold`` (default: fewer than 5 pupils)
  is shown as the DfE symbol ``c``; a rate built on a suppressed count is suppressed too.
* Zero is shown. It says "nobody", not who, and DfE publishes zeros; callers who disagree pass
  ``suppress_zero=True``.
* Secondary suppression: a hidden count must not be recoverable from what is shown. A line
  (row or column) whose total is shown may not hide exactly one cell, and no hidden cell may be
  determined by combining several lines (checked with exact linear algebra). Nor may a hidden
  non-zero count be the only value that keeps every hidden count non-negative; a hidden zero
  pinned that way is let be, since it gives away only a 0, which is shown anyway.
* Totals are counts too: a total below the threshold is suppressed like any other figure. The
  totals are handled as one more row and column of the grid, whose lines add up to the grand
  total, so the same rules protect them. A total of the threshold or more is hidden only when
  showing it would give a hidden figure away: a small total beside the grand total, or a
  column total that is its only cell in a one-row table.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, TypeAlias

SUPPRESSED: Final = "c"
DEFAULT_THRESHOLD: Final = 5

Cell: TypeAlias = int | float | str | None
"""One published figure: a count (int), a rate (float), missing (None) or ``SUPPRESSED``."""

Shown: TypeAlias = int | str
"""A published count: the count itself or ``SUPPRESSED``."""

Position: TypeAlias = tuple[int, int]


def suppress_count(
    value: int | None, threshold: int = DEFAULT_THRESHOLD, *, suppress_zero: bool = False
) -> int | str | None:
    """One figure on its own, such as a school's suspension count beside its headcount."""
    _check_threshold(threshold)
    if value is None:
        return None
    return SUPPRESSED if _is_small(value, threshold, suppress_zero) else value


def suppress_rate(
    rate: float | None,
    numerator: int | str | None,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    suppress_zero: bool = False,
) -> float | str | None:
    """A rate gives its numerator back (rate x headcount), so it goes when the numerator does.

    Pass the numerator as published where it came out of a table or series: a count hidden by
    secondary suppression is ``SUPPRESSED`` there, and its rate has to go with it.
    """
    if rate is None:
        return None
    if numerator is None:
        raise ValueError("a rate cannot be checked for disclosure without its numerator")
    if numerator == SUPPRESSED:
        return SUPPRESSED
    if suppress_count(int(numerator), threshold, suppress_zero=suppress_zero) == SUPPRESSED:
        return SUPPRESSED
    return rate


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish: every figure is a count or ``SUPPRESSED``.

    Totals that were not asked for are ``None``; the grand total is shown only with both row
    and column totals. It holds no suppressed value, so nothing downstream can leak one.
    ``suppressed``, ``primary`` and ``secondary`` name body cells; totals show ``c`` in place.
    """

    cells: list[list[Shown]]
    row_totals: list[Shown] | None
    column_totals: list[Shown] | None
    grand_total: Shown | None
    suppressed: frozenset[Position]
    primary: frozenset[Position]
    secondary: frozenset[Position]
    threshold: int

    def as_rows(self) -> list[list[Shown]]:
        """Rows for a template or spreadsheet: row totals last, then a totals row if shown."""
        rows = [list(cells) for cells in self.cells]
        if self.row_totals is not None:
            rows = [[*cells, total] for cells, total in zip(rows, self.row_totals, strict=True)]
        if self.column_totals is not None:
            grand = [] if self.grand_total is None else [self.grand_total]
            rows.append([*self.column_totals, *grand])
        return rows

    def augmented(self) -> list[list[Shown | None]]:
        """Body, totals column, totals row and grand total as one grid, None where not shown."""
        width = len(self.cells[0])
        row_totals = self.row_totals or [None] * len(self.cells)
        column_totals = self.column_totals or [None] * width
        body = [[*cells, total] for cells, total in zip(self.cells, row_totals, strict=True)]
        return [*body, [*column_totals, self.grand_total]]


@dataclass(frozen=True)
class SuppressedSeries(Mapping[str, Shown]):
    """A one-way breakdown (say, suspensions by SEN status) ready to publish with its total.

    It is a mapping from label to published figure (also kept as ``figures``), so templates
    and exports can loop over it like the dict of counts that went in.
    """

    figures: dict[str, Shown]
    total: Shown
    suppressed: frozenset[str]
    primary: frozenset[str]
    secondary: frozenset[str]

    def __getitem__(self, label: str) -> Shown:
        return self.figures[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self.figures)

    def __len__(self) -> int:
        return len(self.figures)


def suppress_table(
    rows: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
    row_totals: bool = True,
    column_totals: bool = True,
    *,
    suppress_zero: bool = False,
) -> SuppressedTable:
    """Suppress a grid of pupil counts so no hidden count can be worked out from the rest.

    Shown totals are the true totals: they are never reduced to the sum of the shown cells,
    because a reader comparing the two would find the hidden part.
    """
    _check_threshold(threshold)
    grid = _Grid(
        _augment(_validated(rows)), _hidden(len(rows), len(rows[0]), row_totals, column_totals)
    )
    primary = {
        position
        for position in grid.positions()
        if position not in grid.hidden and _is_small(grid.value(position), threshold, suppress_zero)
    }
    return _render(grid, frozenset(primary), _protect(grid, primary), threshold)


def suppress_series(
    values: Mapping[str, int],
    threshold: int = DEFAULT_THRESHOLD,
    total: int | None = None,
    *,
    suppress_zero: bool = False,
) -> SuppressedSeries:
    """Suppress a breakdown published with its total (None: the sum of the values).

    The total must cover exactly these values: a category left out (such as "unknown") has to
    be passed in, or a reader could take its size for part of a hidden one.

    A series is a one-row table with only its row total shown, and for that shape the table
    rules come down to one: a shown total beside exactly one hidden value gives it away, so the
    next smallest value goes too (or the total, if there is no other value). No other
    combination pins anything: with two hidden values either can move against the other, and a
    hidden total moves with any hidden value. Working it out directly keeps a council-wide
    column of 24,000 schools linear; `suppress_table` gives the same answer, and a property test
    holds the two together.
    """
    _check_threshold(threshold)
    counts = dict(values)
    if total is not None and total != sum(counts.values()):
        raise ValueError(f"total {total} is not the sum of the values ({sum(counts.values())})")
    if not counts:
        nobody = SUPPRESSED if suppress_zero else 0
        return SuppressedSeries({}, nobody, frozenset(), frozenset(), frozenset())
    primary = {label for label, n in counts.items() if _is_small(n, threshold, suppress_zero)}
    total_hidden = _is_small(sum(counts.values()), threshold, suppress_zero)
    suppressed = set(primary)
    if not total_hidden and len(primary) == 1:
        partner = _next_smallest(counts, primary)
        total_hidden = partner is None
        suppressed |= {partner} - {None}
    return _series(counts, frozenset(primary), frozenset(suppressed), total_hidden)


def _next_smallest(counts: dict[str, int], hidden: set[str]) -> str | None:
    """The table rule's choice: a non-zero value before a zero, then the smallest, then first."""
    order = {label: position for position, label in enumerate(counts)}
    shown = [label for label in counts if label not in hidden]
    return min(
        shown, key=lambda label: (counts[label] == 0, counts[label], order[label]), default=None
    )


def _series(
    counts: dict[str, int],
    primary: frozenset[str],
    suppressed: frozenset[str],
    total_hidden: bool,
) -> SuppressedSeries:
    return SuppressedSeries(
        figures={label: SUPPRESSED if label in suppressed else n for label, n in counts.items()},
        total=SUPPRESSED if total_hidden else sum(counts.values()),
        suppressed=suppressed,
        primary=primary,
        secondary=suppressed - primary,
    )


def recoverable_cells(table: SuppressedTable) -> set[Position]:
    """Suppressed figures that a reader could solve for exactly from what the table shows.

    Positions are on ``table.augmented()``: body cells keep their place, row totals sit in the
    last column and column totals in the last row. Empty for every table this module makes.
    """
    grid = table.augmented()
    unknown = [
        (row, column)
        for row, line in enumerate(grid)
        for column, value in enumerate(line)
        if value in (SUPPRESSED, None)
    ]
    determined = _determined(unknown, len(grid), len(grid[0]))
    return {(row, column) for row, column in determined if grid[row][column] == SUPPRESSED}


# The grid: body, row totals in the last column, column totals in the last row, grand total in
# the corner. Each line of it adds up to its last entry, so totals are protected like cells.


@dataclass(frozen=True)
class _Grid:
    values: tuple[tuple[int, ...], ...]
    hidden: frozenset[Position]

    @property
    def height(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return len(self.values[0])

    def value(self, position: Position) -> int:
        return self.values[position[0]][position[1]]

    def in_empty_line(self, position: Position) -> bool:
        row, column = position
        return self.values[row][-1] == 0 or self.values[-1][column] == 0

    def positions(self) -> list[Position]:
        return [(row, column) for row in range(self.height) for column in range(self.width)]

    def margin_rank(self, position: Position) -> int:
        """0 for a body cell, 1 for a row or column total, 2 for the grand total."""
        return (position[0] == self.height - 1) + (position[1] == self.width - 1)


def _check_threshold(threshold: int) -> None:
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")


def _is_small(value: int, threshold: int, suppress_zero: bool) -> bool:
    if value < 0:
        raise ValueError(f"counts cannot be negative: {value}")
    return value < threshold and (value > 0 or suppress_zero)


def _validated(rows: Sequence[Sequence[int]]) -> list[list[int]]:
    if not rows or not rows[0]:
        raise ValueError("a table needs at least one row and one column")
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("every row of a table needs the same number of columns")
    return [list(row) for row in rows]


def _augment(rows: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    row_sums = [sum(row) for row in rows]
    column_sums = [sum(column) for column in zip(*rows, strict=True)]
    body = [(*row, total) for row, total in zip(rows, row_sums, strict=True)]
    return (*body, (*column_sums, sum(row_sums)))


def _hidden(height: int, width: int, row_totals: bool, column_totals: bool) -> frozenset[Position]:
    """Totals not published: unknown to a reader, but nothing to protect."""
    hidden = set()
    if not row_totals:
        hidden |= {(row, width) for row in range(height)}
    if not column_totals:
        hidden |= {(height, column) for column in range(width)}
    if not (row_totals and column_totals):
        hidden.add((height, width))
    return frozenset(hidden)


def _lines(height: int, width: int) -> list[tuple[list[Position], Position]]:
    """Each row and column of the grid as (the entries that add up, the entry they add up to)."""
    rows = [([(row, c) for c in range(width - 1)], (row, width - 1)) for row in range(height)]
    columns = [
        ([(r, column) for r in range(height - 1)], (height - 1, column)) for column in range(width)
    ]
    return rows + columns


def _protect(grid: _Grid, primary: set[Position]) -> frozenset[Position]:
    """Suppress one more figure at a time until nothing hidden can be recovered."""
    suppressed = set(primary)
    while (target := _next_suppression(grid, suppressed)) is not None:
        suppressed.add(target)
    return frozenset(suppressed)


def _next_suppression(grid: _Grid, suppressed: set[Position]) -> Position | None:
    unknown = suppressed | grid.hidden
    gap = _lone_suppression(grid, unknown)
    if gap is not None:
        return gap
    exposed = _exposed(grid, unknown)
    return None if exposed is None else _cover(grid, unknown, exposed)


def _lone_suppression(grid: _Grid, unknown: set[Position]) -> Position | None:
    """A line with a shown total and one hidden entry gives it away: hide its next smallest.

    Where there is a choice, take a figure that also settles another such line, so one extra
    suppression does the work of two.
    """
    lonely = [
        (entries, total)
        for entries, total in _lines(grid.height, grid.width)
        if total not in unknown and _hides_one(grid, entries, unknown)
    ]
    if not lonely:
        return None
    (entries, total), others = lonely[0], lonely[1:]
    crossing = {position for line, _ in others for position in line}
    shown = (position for position in entries if position not in unknown)
    return _pick(grid, shown, crossing) or total


def _hides_one(grid: _Grid, entries: list[Position], unknown: set[Position]) -> bool:
    hidden = [position for position in entries if position in unknown]
    return len(hidden) == 1 and hidden[0] not in grid.hidden


def _pick(
    grid: _Grid, candidates: Iterable[Position], preferred: set[Position] | None = None
) -> Position | None:
    """Body cells before totals, non-zero before zero, preferred ones, then the smallest count.

    A zero in a row or column that adds up to zero comes last: it can never be anything but 0,
    so hiding it protects nothing.
    """
    preferred = preferred or set()

    def cost(position: Position) -> tuple[int, bool, bool, bool, int, Position]:
        value = grid.value(position)
        stuck = value == 0 and grid.margin_rank(position) == 0 and grid.in_empty_line(position)
        rank = grid.margin_rank(position)
        return rank, value == 0, position not in preferred, stuck, value, position

    return min(candidates, key=cost, default=None)


def _exposed(grid: _Grid, unknown: set[Position]) -> Position | None:
    """The first suppressed figure a reader could pin down, if any.

    A zero pinned only by non-negativity is let through: it is 0, and zeros are shown anyway.
    """
    ordered = sorted(unknown)
    determined = _determined(ordered, grid.height, grid.width)
    for position in ordered:
        if position in grid.hidden:
            continue
        if position in determined or (
            grid.value(position) and not _movable(grid, unknown, position)
        ):
            return position
    return None


def _cover(grid: _Grid, unknown: set[Position], exposed: Position) -> Position:
    """Hide the next smallest figure beside an exposed one, in its own row or column.

    A body cell takes any body cell of its row or column before a total; a total takes one of
    the totals it adds up with, since only they can make it ambiguous.
    """
    row, column = exposed
    row_line = [(row, c) for c in range(grid.width)]
    column_line = [(r, column) for r in range(grid.height)]
    if grid.margin_rank(exposed) == 0:
        searches = [row_line + column_line]
    elif column == grid.width - 1:
        searches = [column_line, row_line]
    else:
        searches = [row_line, column_line]
    for line in [*searches, grid.positions()]:
        choice = _pick(grid, (position for position in line if position not in unknown))
        if choice is not None:
            return choice
    raise RuntimeError("every figure is suppressed yet one is still exposed")


def _determined(unknown: Sequence[Position], height: int, width: int) -> set[Position]:
    """Unknowns fixed by the line equations: those whose unit vector is in the row space.

    Each line says (its entries) - (its total) = a known number, so unknowns get coefficient
    +1 as an entry and -1 as a total; exact fractions keep the elimination honest.
    """
    index = {position: k for k, position in enumerate(unknown)}
    equations = []
    for entries, total in _lines(height, width):
        coefficients = [Fraction(0)] * len(unknown)
        for position in entries:
            if position in index:
                coefficients[index[position]] += 1
        if total in index:
            coefficients[index[total]] -= 1
        equations.append(coefficients)
    basis = _row_reduce(equations)
    return {unknown[_pivot(row)] for row in basis if sum(1 for x in row if x) == 1}


def _row_reduce(equations: list[list[Fraction]]) -> list[list[Fraction]]:
    """Reduced row echelon form: a unit vector is in the row space only as one of these rows."""
    basis: list[list[Fraction]] = []
    for equation in equations:
        row = equation
        for done in basis:
            row = _eliminate(row, done, _pivot(done))
        if not any(row):
            continue
        pivot = _pivot(row)
        row = [x / row[pivot] for x in row]
        basis = [_eliminate(done, row, pivot) for done in basis]
        basis.append(row)
    return basis


def _pivot(row: list[Fraction]) -> int:
    return next(k for k, x in enumerate(row) if x)


def _eliminate(row: list[Fraction], by: list[Fraction], pivot: int) -> list[Fraction]:
    factor = row[pivot]
    return [x - factor * y for x, y in zip(row, by, strict=True)] if factor else row


# Non-negativity. With the sign of the totals flipped, every line of the grid sums to zero, so
# the ways to change hidden figures while keeping what is shown are cycles through hidden
# entries that alternate between rows and columns (+1, -1, +1, ...). A hidden figure can take
# another value exactly when such a cycle passes through it without taking any count below 0.


def _movable(grid: _Grid, unknown: set[Position], position: Position) -> bool:
    """Whether another non-negative table shows the same figures but a different value here."""
    arcs = _arcs(grid, unknown - {position})
    forward, backward = _directions(grid, position)
    row, column = ("row", position[0]), ("column", position[1])
    return (forward and _reaches(arcs, column, row)) or (backward and _reaches(arcs, row, column))


def _directions(grid: _Grid, position: Position) -> tuple[bool, bool]:
    """Whether the entry may be crossed row-to-column (+1) and column-to-row (-1).

    +1 raises a body cell or the grand total but lowers a row or column total (its sign is
    flipped); lowering needs a count of at least 1.
    """
    has_room = grid.value(position) > 0
    if grid.margin_rank(position) == 1:
        return has_room, True
    return True, has_room


def _arcs(grid: _Grid, entries: Iterable[Position]) -> dict[tuple[str, int], list[tuple[str, int]]]:
    arcs: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for position in entries:
        row, column = ("row", position[0]), ("column", position[1])
        forward, backward = _directions(grid, position)
        if forward:
            arcs.setdefault(row, []).append(column)
        if backward:
            arcs.setdefault(column, []).append(row)
    return arcs


def _reaches(arcs: dict[tuple[str, int], list[tuple[str, int]]], start, goal) -> bool:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for neighbour in arcs.get(node, []):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return False


def _render(
    grid: _Grid, primary: frozenset[Position], suppressed: frozenset[Position], threshold: int
) -> SuppressedTable:
    def shown(row: int, column: int) -> Shown | None:
        if (row, column) in grid.hidden:
            return None
        return SUPPRESSED if (row, column) in suppressed else grid.value((row, column))

    height, width = grid.height - 1, grid.width - 1
    body = {(row, column) for row in range(height) for column in range(width)}
    row_totals = [shown(row, width) for row in range(height)]
    column_totals = [shown(height, column) for column in range(width)]
    return SuppressedTable(
        cells=[[shown(row, column) for column in range(width)] for row in range(height)],
        row_totals=None if None in row_totals else row_totals,
        column_totals=None if None in column_totals else column_totals,
        grand_total=shown(height, width),
        suppressed=suppressed & body,
        primary=primary & body,
        secondary=(suppressed - primary) & body,
        threshold=threshold,
    )
