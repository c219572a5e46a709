"""The evidence pack written out: a PDF (WeasyPrint, as the governors' report) and an XLSX.

The child's name is passed in by the download view and written into the document only: the
filename, the headers and the security event carry the request number instead.
"""

from __future__ import annotations

from pathlib import Path

from flask import render_template

from inclusion.audit.governors_pdf import html_to_pdf
from inclusion.graduated_response import ehc_pack
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.ehc_pack import EvidencePack
from inclusion.graduated_response.provision_map import SCHOOL_WEEKS
from inclusion.graduated_response.sen_vocab import AssessmentSource
from inclusion.spreadsheets import Book

STYLESHEET = Path(__file__).parents[1] / "static" / "print" / "evidence-pack.css"


def pack_pdf(pack: EvidencePack, request: EhcRequest, child_name: str) -> bytes:
    html = render_template(
        "sen_support/evidence_pack_print.html",
        pack=pack,
        request=request,
        child_name=child_name,
        source_label=lambda s: AssessmentSource(s).label,
        timetable_reason=ehc_pack.timetable_reason,
        exclusion_kind=ehc_pack.exclusion_kind,
        exclusion_reasons=ehc_pack.exclusion_reasons,
        no_early_help=ehc_pack.NO_EARLY_HELP,
    )
    return html_to_pdf(html, STYLESHEET)


def pack_xlsx(pack: EvidencePack, request: EhcRequest, child_name: str) -> bytes:
    book = Book.new()
    _summary(book, pack, request, child_name)
    _cycles(book, pack)
    _provision(book, pack)
    _advice(book, pack)
    _records(book, pack)
    return book.close()


def _summary(book: Book, pack: EvidencePack, request: EhcRequest, child_name: str) -> None:
    sheet = book.book.add_worksheet("Summary")
    pairs: list[tuple[str, object]] = [
        ("Evidence pack", request.number),
        ("Child's name", child_name),
        ("School", pack.school_name),
        ("Produced on", request.produced_on),
        ("Meets the council's criteria", pack.criteria_met),
    ]
    pairs += [
        (f"Criterion: {c.label}", f"{'Met' if c.met else 'Not met'}: {c.found}")
        for c in pack.criteria
    ]
    pairs += pack.needs
    pairs += [
        ("Additional provision a year (latest cycle)", float(pack.yearly_cost)),
        ("Notional SEN budget threshold", float(pack.threshold)),
        ("Attendance", pack.attendance),
        ("Early help", "\n".join(pack.early_help) or ehc_pack.NO_EARLY_HELP),
    ]
    book.pairs(sheet, pairs)


def _cycles(book: Book, pack: EvidencePack) -> None:
    columns = [
        ("Cycle", 8, False),
        ("Started", 14, False),
        ("Reviewed", 14, False),
        ("Outcome", 40, True),
        ("Measure", 30, True),
        ("Target date", 14, False),
        ("Progress at review", 40, True),
        ("Review decision", 30, True),
        ("Child's views", 40, True),
        ("Parents' views", 40, True),
    ]
    rows = [
        [
            part.number,
            part.cycle.start_date,
            part.cycle.review_date,
            o.description,
            o.measure,
            o.target_date,
            o.progress,
            part.decision,
            part.cycle.pupil_views,
            part.cycle.parent_views,
        ]
        for part in pack.cycles
        for o in part.cycle.outcomes
    ]
    book.table(book.book.add_worksheet("Cycles and outcomes"), 0, columns, rows, "Outcomes")


def _provision(book: Book, pack: EvidencePack) -> None:
    columns = [
        ("Cycle", 8, False),
        ("Intervention", 36, True),
        ("Over and above the ordinarily available", 16, False),
        ("Group size", 10, False),
        ("Sessions a week", 10, False),
        ("Minutes a session", 10, False),
        ("Hours a week", 10, False),
        ("Staff", 24, True),
        ("Start", 14, False),
        ("End", 14, False),
        ("Cost a week", 12, False),
        (f"Cost over {SCHOOL_WEEKS} weeks", 14, False),
    ]
    rows = [
        [
            part.number,
            p.intervention,
            p.additional,
            p.group_size,
            p.sessions_per_week,
            p.minutes_per_session,
            float(p.hours_per_week),
            p.staff,
            p.start_date,
            p.end_date,
            float(p.weekly_cost),
            float(p.weekly_cost * SCHOOL_WEEKS),
        ]
        for part in pack.cycles
        for p in part.provision
    ]
    book.table(book.book.add_worksheet("Provision"), 0, columns, rows, "Provision")


def _advice(book: Book, pack: EvidencePack) -> None:
    columns = [
        ("Cycle", 8, False),
        ("Source", 30, True),
        ("Assessor", 30, True),
        ("Date", 14, False),
        ("What was assessed, and what it found", 50, True),
        ("How it was used", 60, True),
    ]
    rows = [
        [a.cycle_number, a.source, a.assessor, a.assessed_on, a.what, a.used_in]
        for a in pack.advice
    ]
    book.table(book.book.add_worksheet("Specialist advice"), 0, columns, rows, "Advice")


def _records(book: Book, pack: EvidencePack) -> None:
    columns = [
        ("Record", 30, True),
        ("From", 14, False),
        ("To", 14, False),
        ("Detail", 60, True),
    ]
    rows = [
        [
            "Part-time timetable",
            t.start_date,
            t.actual_end_date or t.planned_end_date,
            f"{t.hours_per_week} hours a week; {ehc_pack.timetable_reason(t)}",
        ]
        for t in pack.timetables
    ]
    rows += [
        [
            ehc_pack.exclusion_kind(e),
            e.start_date,
            None,
            f"{e.sessions} sessions; {ehc_pack.exclusion_reasons(e)}",
        ]
        for e in pack.exclusions
    ]
    sheet = book.book.add_worksheet("Timetables and suspensions")
    book.table(sheet, 0, columns, rows, "Records")
