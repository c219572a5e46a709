"""The dashboard's charts, drawn from the figures the dashboard has already read.

Every count that comes from pupils' records is suppressed here exactly as in the tables
(`presentation`), so a hidden figure is a gap in its chart, never a bar. The one extra read,
compliance year by year, is of the maintained figures (a row per partnership and phase per
year, or the council's own rows): a fixed single statement, whatever the council's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from inclusion.area_partnerships import presentation
from inclusion.area_partnerships.dashboard import Dashboard
from inclusion.area_partnerships.figures_models import COUNCIL_TABLES, FiguresComplianceSchools
from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear
from inclusion.ui.charts import BarChart, LineChart, bar_chart, line_chart

SEN_LABELS = {"none": "No SEN", "sen_support": "SEN support", "ehc_plan": "EHC plan"}
TERMS = {"autumn": "Autumn", "spring": "Spring", "summer": "Summer"}


@dataclass(frozen=True)
class DashboardCharts:
    participation: BarChart
    medians: BarChart
    trend: LineChart
    by_term: BarChart
    by_sen: BarChart
    timetables_by_sen: BarChart
    compliance: LineChart


def dashboard_charts(board: Dashboard, threshold: int) -> DashboardCharts:
    return DashboardCharts(
        participation=participation_chart(board),
        medians=medians_chart(board),
        trend=trend_chart(board, threshold),
        by_term=term_chart(board, threshold),
        by_sen=sen_chart(
            "Suspensions by SEN status", "suspensions", board.exclusions_by_sen, threshold
        ),
        timetables_by_sen=sen_chart(
            "Part-time timetables running today, by SEN status",
            "timetables",
            board.timetables.by_sen_status,
            threshold,
        ),
        compliance=compliance_chart(compliance_by_year(board.scope)),
    )


def participation_chart(board: Dashboard) -> BarChart:
    # Schools, not pupils: counts of schools are not suppressed (rule S1 is about pupils).
    counts = board.participation.counts
    return bar_chart(
        "Schools by audit status",
        "schools",
        [s.label for s in counts],
        {"Schools": [*counts.values()]},
    )


def medians_chart(board: Dashboard) -> BarChart:
    """The scope's median in each area beside the council's (one series on the council's page)."""
    heatmap = board.heatmap
    codes = [code for code, _ in heatmap.areas]
    series = {"Council": [heatmap.council_medians.get(code) for code in codes]}
    if board.scope.partnership is not None:
        mine = [heatmap.partnership_medians.get(code) for code in codes]
        series = {board.scope.label: mine, **series}
    titles = [title for _, title in heatmap.areas]
    return bar_chart("Median score by area (0 to 3)", "score", titles, series, labels=codes)


def trend_chart(board: Dashboard, threshold: int) -> LineChart:
    years = [label for label, _, _ in board.trend]
    suspensions = [presentation.count(s, threshold) for _, s, _ in board.trend]
    permanent = [presentation.count(p, threshold) for _, _, p in board.trend]
    values = {"Suspensions": suspensions, "Permanent exclusions": permanent}
    return line_chart("Suspensions and permanent exclusions, year by year", "number", years, values)


def term_chart(board: Dashboard, threshold: int) -> BarChart:
    by_term = {term: board.totals.by_term.get(term, 0) for term in TERMS}
    shown = presentation.series(by_term, threshold)
    values = {"Suspensions": [shown[term] for term in TERMS]}
    return bar_chart("Suspensions by term", "suspensions", [*TERMS.values()], values)


def sen_chart(title: str, unit: str, counts: dict[str, int], threshold: int) -> BarChart:
    shown = presentation.series(counts, threshold)
    statuses = [status for status in SEN_LABELS if status in shown]
    values = {unit.capitalize(): [shown[status] for status in statuses]}
    return bar_chart(title, unit, [SEN_LABELS[s] for s in statuses], values)


def compliance_chart(years: list[tuple[str, int, int]]) -> LineChart:
    shares = [round(100 * fully / schools) if schools else None for _, schools, fully in years]
    return line_chart(
        "Schools fully compliant on their website, year by year",
        "%",
        [label for label, _, _ in years],
        {"Fully compliant (%)": shares},
    )


def compliance_by_year(scope: Scope) -> list[tuple[str, int, int]]:
    """(year, schools, fully compliant) up to the scope's year, from the maintained rows."""
    council = scope.partnership is None
    table = COUNCIL_TABLES[FiguresComplianceSchools] if council else FiguresComplianceSchools
    filters = [AcademicYear.start_date <= scope.year.start_date]
    if not council:
        filters.append(table.partnership_id == scope.partnership.id)
    if scope.phase:
        filters.append(table.phase == scope.phase)
    query = (
        select(AcademicYear.label, func.sum(table.schools), func.sum(table.fully_compliant))
        .join(AcademicYear, AcademicYear.id == table.academic_year_id)
        .where(*filters)
        .group_by(AcademicYear.label, AcademicYear.start_date)
        .order_by(AcademicYear.start_date)
    )
    return [(label, int(s), int(f)) for label, s, f in db.session.execute(query)]
