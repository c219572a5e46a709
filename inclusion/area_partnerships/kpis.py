"""The council's KPIs (issue 16), for the council or one partnership, for every year held.

Each KPI is one aggregate statement (two for the website measure, which first reads which
checklist items make it), however many schools and years there are. A school counts in a
year when it was an open member of the council (or the partnership) that year. Definitions,
numerators, denominators and sources are in docs/domain-rules.md ("Council KPIs").
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import (
    CTE,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)

from inclusion.area_partnerships import kpi_years, official_exclusions
from inclusion.area_partnerships.kpi_types import (
    ALL,
    AuditParticipation,
    CouncilKpis,
    EhcInMainstream,
    ExclusionRates,
    PersistentAbsence,
    TimetableYear,
    dfe_source,
)
from inclusion.area_partnerships.kpi_websites import website_key_measure
from inclusion.area_partnerships.kpi_years import HeldYear, in_scope, within
from inclusion.area_partnerships.record_figures import _counted_permanent
from inclusion.audit.models import Audit
from inclusion.audit.statuses import AuditStatus
from inclusion.extensions import db
from inclusion.graduated_response.models import (
    ExclusionIncident,
    OfficialExclusionFigure,
    PartTimeTimetable,
)
from inclusion.graduated_response.official_models import OfficialAbsenceFigure, OfficialSenFigure
from inclusion.graduated_response.vocab import ExclusionKind, SenStatus
from inclusion.schools.models import AreaInclusionPartnership, PartnershipMembership, School
from inclusion.schools.phases import Phase
from inclusion.schools.settings import SettingKind, setting_of

WHOLE_YEAR = "Academic year"
TAKING_PART = (AuditStatus.SUBMITTED, AuditStatus.SIGNED_OFF, AuditStatus.REVIEWED)
MAINSTREAM_PHASES = [p.value for p in Phase if setting_of(p) == SettingKind.MAINSTREAM]


def council_kpis(partnership: AreaInclusionPartnership | None = None) -> CouncilKpis:
    """Every KPI for every academic year held, for the council (or one partnership)."""
    years = kpi_years.held_years()
    area = partnership.name if partnership else "Whole council"
    if not years:
        return CouncilKpis(area, [], [], [], [], [], [], [])
    table = kpi_years.years_table(years)
    pid = partnership.id if partnership else None
    participation = audit_participation(years, pid)
    return CouncilKpis(
        area=area,
        years=[y.label for y in years],
        participation=participation,
        exclusions=exclusion_rates(years, table, pid),
        timetables=timetable_figures(years, table, pid),
        absence=persistent_absence(years, table, pid),
        ehc_mainstream=ehc_in_mainstream(years, table, pid),
        websites=website_key_measure(years, pid, {p.year: p.schools for p in participation}),
    )


def audit_participation(years: list[HeldYear], pid: int | None) -> list[AuditParticipation]:
    """Schools in scope each year, and those that submitted their audit (or went further)."""
    done = case((Audit.status.in_([s.value for s in TAKING_PART]), 1), else_=0)
    query = (
        select(PartnershipMembership.academic_year_id, func.count(), func.sum(done))
        .join(School, School.id == PartnershipMembership.school_id)
        .outerjoin(
            Audit,
            (Audit.school_id == PartnershipMembership.school_id)
            & (Audit.academic_year_id == PartnershipMembership.academic_year_id),
        )
        .where(School.is_open)
        .group_by(PartnershipMembership.academic_year_id)
    )
    if pid is not None:
        query = query.where(PartnershipMembership.partnership_id == pid)
    found = {year_id: (int(n), int(t or 0)) for year_id, n, t in db.session.execute(query)}
    return [AuditParticipation(y.label, *found.get(y.id, (0, 0))) for y in years]


def _complete_sen_row():
    """A SEN file row with all three counts known (a DfE symbol leaves a count missing)."""
    return and_(
        OfficialSenFigure.time_identifier == WHOLE_YEAR,
        OfficialSenFigure.total_pupils.is_not(None),
        OfficialSenFigure.sen_support.is_not(None),
        OfficialSenFigure.ehc_plan.is_not(None),
    )


def exclusion_rates(years: list[HeldYear], table: CTE, pid: int | None) -> list[ExclusionRates]:
    found = {y.id: ExclusionRates(y.label) for y in years}
    _add_sen_pupils(found, table, pid)
    _add_recorded_exclusions(found, table, pid)
    _add_official_exclusions(found, years, table, pid)
    return list(found.values())


def _add_sen_pupils(found: dict[int, ExclusionRates], table: CTE, pid: int | None) -> None:
    query = (
        select(
            table.c.id,
            func.count(),
            func.sum(OfficialSenFigure.total_pupils),
            func.sum(OfficialSenFigure.sen_support),
            func.sum(OfficialSenFigure.ehc_plan),
        )
        .select_from(OfficialSenFigure)
        .join(table, OfficialSenFigure.time_period == table.c.code)
        .where(_complete_sen_row(), in_scope(OfficialSenFigure.school_id, table.c.id, pid))
        .group_by(table.c.id)
    )
    for year_id, schools, total, support, ehc in db.session.execute(query):
        total, support, ehc = int(total), int(support), int(ehc)
        line = found[year_id]
        line.schools_with_sen_figures = int(schools)
        line.pupils = {
            ALL: total,
            SenStatus.SEN_SUPPORT.value: support,
            SenStatus.EHC_PLAN.value: ehc,
            SenStatus.NONE.value: total - support - ehc,
        }
    for line in found.values():
        line.source_pupils = dfe_source("SEN", line.year, bool(line.schools_with_sen_figures))


def _add_recorded_exclusions(found: dict[int, ExclusionRates], table: CTE, pid) -> None:
    # Lunchtime suspensions are not in DfE's suspension counts, so not in these either.
    suspension = ExclusionIncident.kind == ExclusionKind.SUSPENSION
    permanent = _counted_permanent()
    has_sen_row = exists(
        select(OfficialSenFigure.id).where(
            OfficialSenFigure.school_id == ExclusionIncident.school_id,
            OfficialSenFigure.time_period == table.c.code,
            _complete_sen_row(),
        )
    )

    def counted(condition):
        return func.sum(case((condition, 1), else_=0))

    query = (
        select(
            table.c.id,
            ExclusionIncident.sen_status,
            counted(and_(suspension, has_sen_row)),
            counted(and_(permanent, has_sen_row)),
            counted(suspension),
            counted(permanent),
        )
        .select_from(ExclusionIncident)
        .join(table, within(ExclusionIncident.start_date, table))
        .where(
            ExclusionIncident.deleted_at.is_(None),
            in_scope(ExclusionIncident.school_id, table.c.id, pid),
        )
        .group_by(table.c.id, ExclusionIncident.sen_status)
    )
    for year_id, status, susp, perm, all_susp, all_perm in db.session.execute(query):
        line = found[year_id]
        for counts, value in ((line.suspensions, susp), (line.permanent, perm)):
            counts[status] = int(value)
            counts[ALL] = counts.get(ALL, 0) + int(value)
        line.recorded_suspensions_all_schools += int(all_susp)
        line.recorded_permanent_all_schools += int(all_perm)


def _add_official_exclusions(
    found: dict[int, ExclusionRates], years: list[HeldYear], table: CTE, pid: int | None
) -> None:
    """DfE's figures: each school's year from its rows (official_exclusions.yearly), summed
    over the schools whose suspensions, permanent exclusions and headcount are all known."""
    query = (
        select(table.c.id, OfficialExclusionFigure)
        .join(table, OfficialExclusionFigure.time_period == table.c.code)
        .where(
            OfficialExclusionFigure.time_identifier.in_(
                (WHOLE_YEAR, *official_exclusions.TERM_ORDER)
            ),
            in_scope(OfficialExclusionFigure.school_id, table.c.id, pid),
        )
    )
    rows: dict[tuple[int, int], list[OfficialExclusionFigure]] = defaultdict(list)
    for year_id, figure in db.session.execute(query):
        rows[(year_id, figure.school_id)].append(figure)
    for (year_id, _), figures in rows.items():
        _add_school_official(found[year_id], figures)
    for line in found.values():
        line.source_official = dfe_source("exclusions", line.year, bool(line.official_schools))


def _add_school_official(line: ExclusionRates, figures: list[OfficialExclusionFigure]) -> None:
    yearly = official_exclusions.yearly(figures)
    headcount = _official_headcount(figures)
    if yearly.suspensions is None or yearly.permanent is None or headcount is None:
        return
    line.official_schools += 1
    line.official_suspensions = (line.official_suspensions or 0) + round(yearly.suspensions)
    line.official_permanent = (line.official_permanent or 0) + round(yearly.permanent)
    line.official_headcount = (line.official_headcount or 0) + headcount


def _official_headcount(figures: list[OfficialExclusionFigure]) -> int | None:
    """The "Academic year" row's headcount, else the largest term's (each term counts the
    same school roll; the largest is the one least affected by a suppressed term)."""
    by_identifier = {f.time_identifier: f for f in figures}
    whole = by_identifier.get(WHOLE_YEAR)
    counts = [f.headcount for f in ([whole] if whole else figures) if f.headcount is not None]
    return round(max(counts)) if counts else None


def timetable_figures(years: list[HeldYear], table: CTE, pid: int | None) -> list[TimetableYear]:
    found = {y.id: TimetableYear(y.label) for y in years}
    _add_timetables_started(found, table, pid)
    _add_pupils_on_timetables(found, table, pid)
    return list(found.values())


def _add_timetables_started(found: dict[int, TimetableYear], table: CTE, pid) -> None:
    start = PartTimeTimetable.start_date
    term = case(
        (start <= table.c.autumn_end, "autumn"), (start <= table.c.easter, "spring"), else_="summer"
    )
    short = School.weekly_hours - PartTimeTimetable.hours_per_week
    missed = case((short > 0, short), else_=0)  # as TimetableFacts.hours_missed: never negative
    query = (
        select(table.c.id, term, PartTimeTimetable.sen_status, func.count(), func.sum(missed))
        .select_from(PartTimeTimetable)
        .join(School, School.id == PartTimeTimetable.school_id)
        .join(table, within(start, table))
        .where(
            PartTimeTimetable.deleted_at.is_(None),
            in_scope(PartTimeTimetable.school_id, table.c.id, pid),
        )
        .group_by(table.c.id, term, PartTimeTimetable.sen_status)
    )
    for year_id, term_name, status, count, hours in db.session.execute(query):
        line = found[year_id]
        in_term = line.started_by_term.setdefault(term_name, {})
        for key in (status, ALL):
            in_term[key] = in_term.get(key, 0) + int(count)
            line.started[key] = line.started.get(key, 0) + int(count)
            line.hours_missed[key] = line.hours_missed.get(key, Decimal(0)) + Decimal(str(hours))


def _add_pupils_on_timetables(found: dict[int, TimetableYear], table: CTE, pid) -> None:
    """Pupils with a part-time timetable at any time in the year: started by its last day and
    not ended before its first. A pupil is their school and reference."""
    school = cast(PartTimeTimetable.school_id, String)
    pupil = school.concat("/").concat(PartTimeTimetable.pupil_ref)
    ended = PartTimeTimetable.actual_end_date
    running = and_(
        PartTimeTimetable.start_date <= table.c.last_day,
        or_(ended.is_(None), ended >= table.c.first_day),
    )

    def pupils(status_column):
        return (
            select(table.c.id, status_column.label("status"), func.count(distinct(pupil)))
            .select_from(PartTimeTimetable)
            .join(table, running)
            .where(
                PartTimeTimetable.deleted_at.is_(None),
                in_scope(PartTimeTimetable.school_id, table.c.id, pid),
            )
            .group_by(table.c.id, status_column)
        )

    query = union_all(pupils(PartTimeTimetable.sen_status), pupils(literal(ALL)))
    for year_id, status, count in db.session.execute(query):
        found[year_id].pupils[status] = int(count)


def persistent_absence(
    years: list[HeldYear], table: CTE, pid: int | None
) -> list[PersistentAbsence]:
    """From "Academic year" rows only: persistent absentees cannot be added over terms."""
    query = (
        select(
            table.c.id,
            func.count(),
            func.sum(OfficialAbsenceFigure.enrolments),
            func.sum(OfficialAbsenceFigure.enrolments_pa_10_exact),
        )
        .select_from(OfficialAbsenceFigure)
        .join(table, OfficialAbsenceFigure.time_period == table.c.code)
        .where(
            OfficialAbsenceFigure.time_identifier == WHOLE_YEAR,
            OfficialAbsenceFigure.enrolments.is_not(None),
            OfficialAbsenceFigure.enrolments_pa_10_exact.is_not(None),
            in_scope(OfficialAbsenceFigure.school_id, table.c.id, pid),
        )
        .group_by(table.c.id)
    )
    found = {year_id: (int(n), int(e), int(pa)) for year_id, n, e, pa in db.session.execute(query)}
    result = []
    for y in years:
        schools, enrolments, absentees = found.get(y.id, (0, 0, 0))
        source = dfe_source("absence", y.label, bool(schools))
        result.append(PersistentAbsence(y.label, enrolments, absentees, schools, source))
    return result


def ehc_in_mainstream(years: list[HeldYear], table: CTE, pid: int | None) -> list[EhcInMainstream]:
    mainstream = case((School.phase.in_(MAINSTREAM_PHASES), OfficialSenFigure.ehc_plan), else_=0)
    query = (
        select(
            table.c.id,
            func.count(),
            func.sum(OfficialSenFigure.ehc_plan),
            func.sum(mainstream),
        )
        .select_from(OfficialSenFigure)
        .join(School, School.id == OfficialSenFigure.school_id)
        .join(table, OfficialSenFigure.time_period == table.c.code)
        .where(
            OfficialSenFigure.time_identifier == WHOLE_YEAR,
            OfficialSenFigure.ehc_plan.is_not(None),
            in_scope(OfficialSenFigure.school_id, table.c.id, pid),
        )
        .group_by(table.c.id)
    )
    found = {year_id: (int(n), int(e), int(m)) for year_id, n, e, m in db.session.execute(query)}
    result = []
    for y in years:
        schools, plans, in_mainstream = found.get(y.id, (0, 0, 0))
        source = dfe_source("SEN", y.label, bool(schools))
        result.append(EhcInMainstream(y.label, plans, in_mainstream, schools, source))
    return result
