"""The council's KPIs as named tables, suppressed: one source for the page, CSV, XLSX and API.

Counts of pupils from the portal's records (suspensions, exclusions, part-time timetables and
the pupils on them) go through `suppression`; a rate or an hours figure built on a hidden count
is hidden with it, and a DfE figure beside a hidden recorded count is hidden too (S3). Counts
of schools and DfE's own published counts are not pupil records of the portal and are shown.
"""

from __future__ import annotations

from typing import Any

from inclusion.area_partnerships import suppression
from inclusion.area_partnerships.kpi_types import (
    ALL,
    STATUS_LABELS,
    STATUSES,
    CouncilKpis,
    ExclusionRates,
    TimetableYear,
)
from inclusion.area_partnerships.kpi_websites import KEY_MEASURE_ITEMS
from inclusion.area_partnerships.presentation import Shown, official_beside
from inclusion.area_partnerships.sections import Section
from inclusion.graduated_response.terms import TERM_NAMES

BY_STATUS = STATUSES[1:]  # SEN support, EHC plan, no SEN: they add up to all pupils
KPI_SECTION_NAMES = (
    "audit-participation",
    "exclusion-rates",
    "dfe-exclusions",
    "part-time-timetables",
    "persistent-absence",
    "ehc-mainstream",
    "website-key-measure",
)


def kpi_sections(kpis: CouncilKpis, threshold: int) -> dict[str, Section]:
    found = [
        participation(kpis),
        exclusion_rates(kpis, threshold),
        dfe_exclusions(kpis, threshold),
        part_time_timetables(kpis, threshold),
        persistent_absence(kpis),
        ehc_mainstream(kpis),
        website_key_measure(kpis),
    ]
    return {section.name: section for section in found}


def participation(kpis: CouncilKpis) -> Section:
    columns = [("Academic year", 14, False), ("Schools", 10, False), ("Taking part", 12, False)]
    columns += [("Share taking part (%)", 20, False), ("Source", 30, True)]
    rows = [[p.year, p.schools, p.taking_part, p.share, p.source] for p in kpis.participation]
    return Section("audit-participation", "Audit participation", columns, rows)


def _by_status(counts: dict[str, int], threshold: int) -> dict[str, Shown]:
    """One year's counts by SEN status, with the all-pupils total, suppressed as a series."""
    shown = suppression.suppress_series(
        {status: counts.get(status, 0) for status in BY_STATUS}, threshold
    )
    return {ALL: shown.total, **shown.figures}


def exclusion_rates(kpis: CouncilKpis, threshold: int) -> Section:
    columns = [
        ("Academic year", 14, False),
        ("SEN status", 18, False),
        ("Pupils (DfE SEN file)", 20, False),
        ("Suspensions (recorded)", 22, False),
        ("Suspensions per 100 pupils", 24, False),
        ("Permanent exclusions (recorded)", 28, False),
        ("Permanent exclusions per 100 pupils", 30, False),
        ("Schools with SEN figures", 22, False),
        ("Source of pupils", 34, True),
        ("Source of suspensions and exclusions", 34, True),
    ]
    rows = [row for line in kpis.exclusions for row in _exclusion_rows(line, threshold)]
    return Section("exclusion-rates", "Exclusions by SEN status", columns, rows)


def _exclusion_rows(line: ExclusionRates, threshold: int) -> list[list[Any]]:
    suspensions = _by_status(line.suspensions, threshold)
    permanent = _by_status(line.permanent, threshold)
    rows = []
    for status in STATUSES:
        pupils = line.pupils.get(status)
        rows.append(
            [
                line.year,
                STATUS_LABELS[status],
                pupils,
                suspensions[status] if pupils is not None else None,
                _rate(line.suspension_rate(status), suspensions[status], threshold),
                permanent[status] if pupils is not None else None,
                _rate(line.permanent_rate(status), permanent[status], threshold),
                line.schools_with_sen_figures,
                line.source_pupils,
                line.source_recorded,
            ]
        )
    return rows


def _rate(rate: float | None, shown_count: Shown, threshold: int) -> Shown:
    if rate is None:
        return None
    return suppression.suppress_rate(rate, shown_count, threshold)


def dfe_exclusions(kpis: CouncilKpis, threshold: int) -> Section:
    columns = [
        ("Academic year", 14, False),
        ("Suspensions recorded in the portal (all schools)", 30, False),
        ("Permanent exclusions recorded in the portal (all schools)", 34, False),
        ("DfE: schools with figures", 22, False),
        ("DfE: pupils (headcount)", 20, False),
        ("DfE: suspensions", 16, False),
        ("DfE: suspensions per 100 pupils", 26, False),
        ("DfE: permanent exclusions", 22, False),
        ("DfE: permanent exclusions per 100 pupils", 32, False),
        ("Source", 34, True),
    ]
    rows = []
    for line in kpis.exclusions:
        recorded = suppression.suppress_count(line.recorded_suspensions_all_schools, threshold)
        recorded_perm = suppression.suppress_count(line.recorded_permanent_all_schools, threshold)
        official = official_beside(None, line.official_suspensions, recorded)
        official_perm = official_beside(None, line.official_permanent, recorded_perm)
        rows.append(
            [
                line.year,
                recorded,
                recorded_perm,
                line.official_schools,
                line.official_headcount,
                official,
                _dfe_rate(line.official_suspension_rate, official),
                official_perm,
                _dfe_rate(line.official_permanent_rate, official_perm),
                line.source_official,
            ]
        )
    return Section("dfe-exclusions", "Exclusions beside DfE", columns, rows)


def _dfe_rate(rate: float | None, shown: Shown) -> Shown:
    return suppression.SUPPRESSED if shown == suppression.SUPPRESSED else rate


def part_time_timetables(kpis: CouncilKpis, threshold: int) -> Section:
    columns = [("Academic year", 14, False), ("SEN status", 18, False)]
    columns += [(f"Started in the {term} term", 22, False) for term in TERM_NAMES]
    columns += [
        ("Started in the year", 18, False),
        ("Pupils on a part-time timetable in the year", 30, False),
        ("Weekly hours missed (all timetables started)", 30, False),
        ("Weekly hours missed per timetable", 28, False),
        ("Source", 24, True),
    ]
    rows = [row for line in kpis.timetables for row in _timetable_rows(line, threshold)]
    return Section("part-time-timetables", "Part-time timetables", columns, rows)


def _timetable_rows(line: TimetableYear, threshold: int) -> list[list[Any]]:
    terms = {t: _by_status(line.started_by_term.get(t, {}), threshold) for t in TERM_NAMES}
    started = _by_status(line.started, threshold)
    pupils = _pupils(line.pupils, threshold)
    rows = []
    for status in STATUSES:
        hidden = started[status] == suppression.SUPPRESSED
        hours = float(line.hours_missed.get(status, 0))
        rows.append(
            [line.year, STATUS_LABELS[status]]
            + [terms[t][status] for t in TERM_NAMES]
            + [
                started[status],
                pupils[status],
                suppression.SUPPRESSED if hidden else round(hours, 1),
                suppression.SUPPRESSED if hidden else line.average_hours_missed(status),
                line.source,
            ]
        )
    return rows


def _pupils(counts: dict[str, int], threshold: int) -> dict[str, Shown]:
    """Pupils by status: a pupil whose records differ in SEN status is in two statuses but once
    in all pupils, so the statuses need not add up to the total, and then no hidden figure can
    be worked out by subtraction; where they do add up, they are suppressed as a series."""
    by_status = {status: counts.get(status, 0) for status in BY_STATUS}
    if sum(by_status.values()) == counts.get(ALL, 0):
        return _by_status(counts, threshold)
    shown = {s: suppression.suppress_count(n, threshold) for s, n in by_status.items()}
    return {ALL: suppression.suppress_count(counts.get(ALL, 0), threshold), **shown}


def persistent_absence(kpis: CouncilKpis) -> Section:
    columns = [
        ("Academic year", 14, False),
        ("Schools with figures", 18, False),
        ("Enrolments", 12, False),
        ("Persistent absentees", 20, False),
        ("Persistent absence rate (%)", 24, False),
        ("By SEN status", 30, True),
        ("Source", 34, True),
    ]
    rows = [
        [a.year, a.schools, a.enrolments, a.persistent_absentees, a.rate, a.by_sen_status, a.source]
        for a in kpis.absence
    ]
    return Section("persistent-absence", "Persistent absence", columns, rows)


def ehc_mainstream(kpis: CouncilKpis) -> Section:
    columns = [
        ("Academic year", 14, False),
        ("Schools with figures", 18, False),
        ("Pupils with EHC plans", 20, False),
        ("In mainstream schools", 20, False),
        ("Share in mainstream (%)", 22, False),
        ("Source", 34, True),
    ]
    rows = [
        [e.year, e.schools, e.ehc_plans, e.in_mainstream, e.share, e.source]
        for e in kpis.ehc_mainstream
    ]
    return Section("ehc-mainstream", "EHC plans in mainstream", columns, rows)


def website_key_measure(kpis: CouncilKpis) -> Section:
    columns = [
        ("Academic year", 14, False),
        ("Schools", 10, False),
        ("Meeting the key measure", 22, False),
        ("Share (%)", 10, False),
        ("Checklist items", 40, True),
        ("Source", 24, True),
    ]
    rows = [
        [w.year, w.schools, w.meeting, w.share, _items(w.items), w.source] for w in kpis.websites
    ]
    return Section("website-key-measure", "Website key measure", columns, rows)


def _items(codes: tuple[str, ...]) -> str:
    if not codes:
        return "no checklist for the year"
    return "; ".join(f"{code} {KEY_MEASURE_ITEMS[code]}" for code in codes)
