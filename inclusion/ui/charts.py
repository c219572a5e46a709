"""Server-rendered charts: the geometry here, the SVG in `macros/charts.html`.

No script: a chart draws the same in every browser, prints, and needs no CSP exception. No
series is told apart by colour alone: each line has its own dash pattern and marker shape and
each bar series its own fill pattern, all named in a key. A value that is not a number (a
suppressed "c", DfE's "x", or nothing) is drawn as a gap, never as a zero, and the chart's
summary says which values are missing. The figures are always in a table beside the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 28, 40
BAR_RIGHT = 16  # bar charts have a key below them, not names at the right
LABEL_GAP = 14  # pixels between the names at the lines' ends, so none overlaps another
DASHES = ("", "8 4", "2 4", "12 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond")
MARKER_WORDS = {
    "circle": "solid line, dots",
    "square": "dashed line, squares",
    "triangle": "dotted line, triangles",
    "diamond": "dash-dot line, diamonds",
}
FILLS = ("solid", "outline", "hatched", "dotted")
FILL_WORDS = {
    "solid": "solid black bars",
    "outline": "white bars with a black edge",
    "hatched": "hatched bars",
    "dotted": "dotted bars",
}


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

    @property
    def key(self) -> str:
        return MARKER_WORDS[self.marker]


@dataclass(frozen=True)
class Bar:
    series: str
    category: str
    x: float
    y: float
    width: float
    height: float
    text: str  # the value as printed; for a gap, what is shown instead ("c", "x" or "-")
    known: bool


@dataclass(frozen=True)
class Series:
    name: str
    fill: str

    @property
    def key(self) -> str:
        return FILL_WORDS[self.fill]


@dataclass(frozen=True)
class Chart:
    """What both kinds share: title, axes, the values as given, and a summary in words."""

    title: str
    unit: str
    categories: list[str]
    values: dict[str, list]  # series name -> one value per category, as shown in the table
    width: int
    height: int
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    baseline: float
    summary: str
    plot_right: float = WIDTH - RIGHT

    @property
    def has_data(self) -> bool:
        return any(_known(v) for values in self.values.values() for v in values)


@dataclass(frozen=True)
class LineChart(Chart):
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class BarChart(Chart):
    series: list[Series] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)


def line_chart(title: str, unit: str, categories: list[str], values: dict[str, list]) -> LineChart:
    """Each series over the categories (usually years); values that are not numbers are gaps."""
    top = nice_top(_numbers(values))
    xs = _line_xs(len(categories))
    lines = [_line(name, vals, xs, top, n) for n, (name, vals) in enumerate(values.items())]
    return LineChart(
        **_frame(title, unit, categories, values, xs, top, WIDTH - RIGHT),
        lines=_spread_labels(lines),
    )


def bar_chart(
    title: str,
    unit: str,
    categories: list[str],
    values: dict[str, list],
    labels: list[str] | None = None,
) -> BarChart:
    """A group of bars per category, one bar per series; values that are not numbers are gaps.

    `labels` are shorter names for the axis (area codes), where the categories' are long."""
    top = nice_top(_numbers(values))
    slot = (WIDTH - LEFT - BAR_RIGHT) / max(len(categories), 1)
    xs = [LEFT + slot * (i + 0.5) for i in range(len(categories))]
    series = [Series(name, FILLS[n % len(FILLS)]) for n, name in enumerate(values)]
    bar_width = slot * 0.8 / max(len(series), 1)
    bars = [
        _bar(s.name, categories[i], value, xs[i] - slot * 0.4 + bar_width * n, bar_width, top)
        for n, s in enumerate(series)
        for i, value in enumerate(values[s.name])
    ]
    frame = _frame(title, unit, categories, values, xs, top, WIDTH - BAR_RIGHT)
    frame["x_labels"] = list(zip(xs, labels or categories, strict=True))
    return BarChart(**frame, series=series, bars=bars)


def summary(title: str, categories: list[str], values: dict[str, list]) -> str:
    """The chart in words: each series' values, and which are hidden or missing (the gaps)."""
    parts = []
    for name, vals in values.items():
        shown = [f"{_text(v)} in {c}" for c, v in zip(categories, vals, strict=True) if _known(v)]
        gaps = [c for c, v in zip(categories, vals, strict=True) if not _known(v)]
        text = f"{name}: {', '.join(shown) if shown else 'no figures shown'}"
        if gaps:
            text += f"; not shown (hidden to protect pupils, or not held) for {', '.join(gaps)}"
        parts.append(text)
    return f"{title}. " + ". ".join(parts) + "."


def nice_top(values: list[float]) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above the largest value."""
    largest = max(values, default=0)
    if largest <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(largest))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= largest)


def _frame(title, unit, categories, values, xs, top, plot_right) -> dict:
    """The parts both kinds of chart share, as keyword arguments."""
    ticks = [(_y_of(top * i / 4, top), _text(top * i / 4)) for i in range(5)]
    return {
        "title": title,
        "unit": unit,
        "categories": list(categories),
        "values": {name: list(vals) for name, vals in values.items()},
        "width": WIDTH,
        "height": HEIGHT,
        "x_labels": list(zip(xs, categories, strict=True)),
        "y_ticks": ticks,
        "baseline": _y_of(0, top),
        "summary": summary(title, categories, values),
        "plot_right": plot_right,
    }


def _y_of(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _known(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers(values: dict[str, list]) -> list[float]:
    return [v for vals in values.values() for v in vals if _known(v)]


def _bar(series: str, category: str, value, x: float, width: float, top: float) -> Bar:
    if not _known(value):  # a gap: nothing drawn, its symbol written on the baseline
        text = "-" if value is None else str(value)
        return Bar(series, category, x, _y_of(0, top), width, 0.0, text, False)
    y = _y_of(value, top)
    return Bar(series, category, x, y, width, _y_of(0, top) - y, _text(value), True)


def _line(name: str, values: list, xs: list[float], top: float, n: int) -> Line:
    points, paths, run = [], [], []
    for x, value in zip(xs, values, strict=True):
        if _known(value):
            point = Point(x, _y_of(value, top), _text(value))
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


def _line_xs(count: int) -> list[float]:
    span = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + span / 2]
    return [LEFT + span * i / (count - 1) for i in range(count)]


def _text(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")
