"""The council's KPIs as an XLSX workbook: one sheet per KPI table, then the notes.

The tables are `kpi_sections`' rows, suppressed as on every export; the notes give each KPI's
definition and sources, so the file can be read on its own.
"""

from __future__ import annotations

from datetime import date

from inclusion.area_partnerships.kpi_sections import kpi_sections
from inclusion.area_partnerships.kpi_types import CouncilKpis
from inclusion.area_partnerships.kpi_websites import KEY_MEASURE_ITEMS
from inclusion.spreadsheets import Book

NOTES = [
    (
        "Years",
        "DfE academic years, 1 August to 31 July; census terms, spring ending on Easter Sunday.",
    ),
    (
        "Audit participation",
        "Open schools that submitted their Inclusion Audit (or had it signed off or reviewed), "
        "over open schools. Recorded in the portal.",
    ),
    (
        "Exclusions by SEN status",
        "Suspensions (not lunchtime) and permanent exclusions (not those reinstated) recorded in "
        "the portal with the pupil's SEN status, per 100 pupils of that status in DfE's school-"
        "level SEN file for the year; both over the schools with a full SEN row.",
    ),
    (
        "Exclusions beside DfE",
        "DfE's school-level suspensions and permanent exclusions: the Academic year row, else the"
        " sum of the terms published, over the schools with every figure. No SEN breakdown at "
        "school level.",
    ),
    (
        "Part-time timetables",
        "Started in each census term and the year; pupils with one at any time in the year; "
        "weekly hours missed are the school's week less the timetable's hours. Recorded in the "
        "portal.",
    ),
    (
        "Persistent absence",
        "Persistent absentees (10% or more of sessions) over enrolments, DfE school-level absence"
        " file, Academic year rows. Not available by SEN status at school level.",
    ),
    (
        "EHC plans in mainstream",
        "Pupils with EHC plans in mainstream schools over pupils with EHC plans in all the "
        "council's schools, DfE school-level SEN file.",
    ),
    (
        "Website key measure",
        "Schools meeting every binding key item: "
        + "; ".join(f"{c} {n}" for c, n in KEY_MEASURE_ITEMS.items())
        + ". Recorded in the portal.",
    ),
    (
        "Suppression",
        "Counts from pupils' records below the threshold are shown as c, with any rate or hours "
        "built on them; where one hidden figure could be worked out from a total, the next "
        "smallest is hidden too.",
    ),
    (
        "Licence",
        "DfE figures: contains public sector information licensed under the Open Government "
        "Licence v3.0.",
    ),
]


def kpi_workbook(kpis: CouncilKpis, threshold: int) -> bytes:
    book = Book.new()
    summary = book.book.add_worksheet("Summary")
    book.pairs(
        summary,
        [
            ("Area", kpis.area),
            ("Academic years", ", ".join(kpis.years)),
            ("Produced", date.today()),
            ("Suppression threshold", threshold),
        ],
    )
    for section in kpi_sections(kpis, threshold).values():
        sheet = book.book.add_worksheet(section.title)
        book.table(sheet, 0, section.columns, section.rows)
    notes = book.book.add_worksheet("Notes")
    book.table(notes, 0, [("Topic", 26, False), ("Note", 100, True)], [list(n) for n in NOTES])
    return book.close()
