"""The chart geometry (inclusion/ui/charts.py): gaps for hidden figures, a summary in words,
series told apart by more than colour, and the chart macros rendering it as plain SVG."""

from __future__ import annotations

from itertools import pairwise

from flask import render_template_string

from inclusion.ui.charts import HEIGHT, bar_chart, line_chart, nice_top, summary


def test_a_chart_leaves_a_gap_for_a_hidden_or_missing_figure():
    chart = line_chart("t", "%", ["a", "b", "c", "d"], {"s": [1.0, "c", 2.0, 3.0]})
    (line,) = chart.lines
    assert [p.text for p in line.points] == ["1", "2", "3"]
    assert len(line.paths) == 1 and line.paths[0].count("L") == 1  # from b's gap to c, d
    assert chart.y_ticks[-1][1] == "5"


def test_names_at_the_ends_of_close_lines_are_kept_apart_and_inside_the_chart():
    chart = line_chart("t", "x", ["a", "b"], {"one": [0, 0], "two": [0, 0], "three": [0, 0]})
    ys = sorted(line.label_y for line in chart.lines)
    assert all(b - a >= 14 for a, b in pairwise(ys))
    assert ys[-1] <= chart.height


def test_the_top_of_the_scale_is_a_round_number_at_or_above_the_largest_value():
    assert [nice_top([v]) for v in (0, 7, 12, 24, 30, 0.4)] == [1.0, 10, 20, 25, 50, 0.5]


def test_bars_stand_on_the_baseline_with_heights_in_proportion():
    chart = bar_chart("t", "n", ["a", "b"], {"s": [10, 5]})
    tall, short = chart.bars
    assert tall.y + tall.height == chart.baseline == short.y + short.height
    assert abs(tall.height - 2 * short.height) < 0.01
    assert tall.x < short.x


def test_a_suppressed_bar_is_a_gap_that_keeps_its_symbol_and_draws_nothing():
    chart = bar_chart("t", "n", ["a", "b", "c"], {"s": [10, "c", None]})
    assert [(b.known, b.text, b.height) for b in chart.bars[1:]] == [
        (False, "c", 0.0),
        (False, "-", 0.0),
    ]


def test_grouped_bars_sit_side_by_side_and_each_series_has_its_own_fill_pattern():
    chart = bar_chart("t", "n", ["a"], {"one": [1], "two": [2], "three": [3]})
    xs = [bar.x for bar in chart.bars]
    assert xs == sorted(xs) and all(b - a >= chart.bars[0].width - 0.01 for a, b in pairwise(xs))
    assert len({s.fill for s in chart.series}) == 3
    assert len({s.key for s in chart.series}) == 3


def test_lines_differ_in_dash_and_marker_not_only_colour():
    chart = line_chart("t", "n", ["a", "b"], {"one": [1, 2], "two": [2, 3]})
    assert len({(ln.dash, ln.marker) for ln in chart.lines}) == 2
    assert len({ln.key for ln in chart.lines}) == 2


def test_the_summary_gives_each_value_and_says_which_are_not_shown():
    text = summary("Suspensions", ["2024/25", "2025/26"], {"Recorded": [12, "c"]})
    assert text == (
        "Suspensions. Recorded: 12 in 2024/25; not shown (hidden to protect pupils, or not"
        " held) for 2025/26."
    )


def test_a_chart_with_nothing_to_draw_says_so():
    assert not bar_chart("t", "n", ["a"], {"s": ["c"]}).has_data
    assert bar_chart("t", "n", ["a"], {"s": [0]}).has_data


def test_the_macros_draw_svg_with_no_style_attribute_or_script_and_a_table(app):
    chart = bar_chart("Suspensions by term", "n", ["Autumn", "Spring"], {"All": [4, "c"]})
    source = (
        '{% from "macros/charts.html" import chart_with_table %}'
        '{{ chart_with_table(chart, "chart-t", "Term") }}'
    )
    with app.test_request_context():
        html = render_template_string(source, chart=chart)
    assert "<svg" in html and "style=" not in html and "<script" not in html
    assert 'aria-labelledby="chart-t-title chart-t-desc"' in html
    assert 'id="chart-t-caption"' in html and 'data-gap="All"' in html
    assert "not shown (hidden to protect pupils, or not held) for Spring" in html
    assert chart.height == HEIGHT
