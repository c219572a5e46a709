"""Server-rendered line charts for the KPI trends: geometry here, SVG in a Jinja macro.

No script: the page draws the same on every browser and prints. Each line has its own dash
pattern and marker shape as well as its name at its end, so no line is told apart by colour
alone; the figures are always in the table beside the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 28, 40
LABEL_GAP = 14  # pixels between the names at the lines' ends, so none overlaps another
DASHES = ("", "8 4", "2 4", "12 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str  # the value as printed, for the marker's tooltip


@dataclass(frozen=True)
class Line:
    name: str
    points: list[Point]
    paths: list[str]  # one path per run of known values: a hidden or missing value is a gap
    dash: str
    marker: str
    label_y: float = 0.0  # where the line's name is written, beside its last point


@dataclass(frozen=True)
class LineChart:
    title: str
    unit: str
    width: int
    height: int
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    lines: list[Line]
    baseline: float

    @property
    def has_data(self) -> bool:
        return any(line.points for line in self.lines)


def line_chart(title: str, unit: str, years: list[str], series: dict[str, list]) -> LineChart:
    """A chart of each series over the years; values that are not numbers leave gaps."""
    top = _nice_top([v for values in series.values() for v in values if isinstance(v, int | float)])
    xs = _x_positions(len(years))

    def y_of(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)

    lines = [_line(name, values, xs, y_of, n) for n, (name, values) in enumerate(series.items())]
    ticks = [(y_of(top * i / 4), _number(top * i / 4)) for i in range(5)]
    return LineChart(
        title,
        unit,
        WIDTH,
        HEIGHT,
        list(zip(xs, years, strict=True)),
        ticks,
        _spread_labels(lines),
        y_of(0),
    )


def _spread_labels(lines: list[Line]) -> list[Line]:
    """Names beside the last points, pushed apart where lines end close together."""
    ordered = sorted((ln for ln in lines if ln.points), key=lambda ln: ln.points[-1].y)
    ys: list[float] = []
    for line in ordered:  # downwards, each at least a gap below the one above
        y = line.points[-1].y + 4
        ys.append(max(y, ys[-1] + LABEL_GAP) if ys else y)
    lowest = HEIGHT - 4
    for n in reversed(range(len(ys))):  # then back up from the bottom edge
        ys[n] = lowest = min(ys[n], lowest)
        lowest -= LABEL_GAP
    placed = {line.name: y for line, y in zip(ordered, ys, strict=True)}
    return [replace(line, label_y=placed.get(line.name, 0.0)) for line in lines]


def _line(name: str, values: list, xs: list[float], y_of, n: int) -> Line:
    points, paths, run = [], [], []
    for x, value in zip(xs, values, strict=True):
        if isinstance(value, int | float):
            point = Point(x, y_of(value), _number(value))
            points.append(point)
            run.append(point)
        else:
            paths, run = _close(paths, run), []
    paths = _close(paths, run)
    return Line(name, points, paths, DASHES[n % len(DASHES)], MARKERS[n % len(MARKERS)])


def _close(paths: list[str], run: list[Point]) -> list[str]:
    if len(run) < 2:
        return paths
    steps = " ".join(f"L {p.x:.1f} {p.y:.1f}" for p in run[1:])
    return [*paths, f"M {run[0].x:.1f} {run[0].y:.1f} {steps}"]


def _x_positions(count: int) -> list[float]:
    span = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + span / 2]
    return [LEFT + span * i / (count - 1) for i in range(count)]


def _nice_top(values: list[float]) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above the largest value."""
    largest = max(values, default=0)
    if largest <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(largest))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= largest)


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")
