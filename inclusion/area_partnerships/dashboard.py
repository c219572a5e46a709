"""Everything a partnership or council dashboard shows, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inclusion.area_partnerships import (
    audit_figures,
    figures_compliance,
    figures_read,
    record_figures,
)
from inclusion.area_partnerships.prompts import Prompt, triangulation_prompts
from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear


@dataclass
class Dashboard:
    scope: Scope
    participation: audit_figures.Participation
    heatmap: audit_figures.Heatmap
    distribution: list[audit_figures.StandardDistribution]
    training: list[audit_figures.TrainingNeedLine]
    exclusions: list[record_figures.ExclusionLine]
    exclusions_by_sen: dict[str, int]
    timetables: record_figures.TimetableFigures
    compliance: figures_compliance.ComplianceSummary
    prompts: list[Prompt]
    changes: list[audit_figures.StandardChange]
    sessions: list[audit_figures.TrainingSession]
    trend: list[tuple[str, int, int]]
    lists_schools: bool = True  # False: totals and medians only, no school read
    total: record_figures.ExclusionLine | None = None

    @property
    def totals(self) -> record_figures.ExclusionLine:
        """The whole scope as one line (the partnership or the council)."""
        if self.total is not None:
            return self.total
        total = record_figures.ExclusionLine(
            self.scope.label, sum(line.headcount for line in self.exclusions)
        )
        for line in self.exclusions:
            total.suspensions += line.suspensions
            total.pupils_suspended += line.pupils_suspended
            total.permanent += line.permanent
            for term, count in line.by_term.items():
                total.by_term[term] = total.by_term.get(term, 0) + count
        return total


def dashboard_for(scope: Scope, today: date, school_limit: int | None = None) -> Dashboard:
    """The scope's figures; school by school only up to `school_limit` schools (None: always).

    Totals, medians and counts come from the maintained figures, so a council-wide page reads
    hundreds of rows; a school list reads the scope's own schools.
    """
    participation = audit_figures.participation(scope, lists=False)
    lists = school_limit is None or participation.schools <= school_limit
    if lists:
        participation = audit_figures.participation(scope)
    heatmap = audit_figures.heatmap(scope, lists)
    exclusions = record_figures.exclusion_lines(scope) if lists else []
    training = audit_figures.training_needs(scope, lists)
    prompts = (
        triangulation_prompts(
            heatmap, exclusions, record_figures.timetables_by_school(scope, today)
        )
        if lists
        else []
    )
    return Dashboard(
        scope=scope,
        participation=participation,
        heatmap=heatmap,
        distribution=audit_figures.standard_distribution(scope),
        training=training,
        exclusions=exclusions,
        exclusions_by_sen=record_figures.by_sen_status(scope),
        timetables=record_figures.timetable_figures(scope, today),
        compliance=figures_read.compliance_summary(scope),
        prompts=prompts,
        changes=audit_figures.standard_changes(scope, _previous_year_id(scope)),
        sessions=audit_figures.suggested_sessions(training),
        trend=record_figures.exclusion_trend(scope),
        lists_schools=lists,
        total=None if lists else record_figures.exclusion_total(scope),
    )


def _previous_year_id(scope: Scope) -> int | None:
    query = (
        select(AcademicYear.id)
        .where(AcademicYear.start_date < scope.year.start_date)
        .order_by(AcademicYear.start_date.desc())
        .limit(1)
    )
    return db.session.scalar(query)
