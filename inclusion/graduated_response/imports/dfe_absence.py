"""Importing DfE's school-level pupil absence file: overall and persistent absence per school.

Publisher: Department for Education, "Pupil absence in schools in England" on Explore
Education Statistics (data set "Absence by school level"; pupils aged 5 to 15). Termly and
yearly releases: rows are "Autumn term", "Autumn and spring term" or "Academic year" (and the
single later terms where published). Persistent absentees are enrolments missing 10% or more
of their possible sessions. The school-level file has no breakdown by SEN status (DfE publishes
that by pupil characteristic at national and LA level only). See docs/domain-rules.md.
"""

from __future__ import annotations

from pathlib import Path

from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.files import CHUNK_ROWS
from inclusion.graduated_response.imports.official import OfficialFile
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.graduated_response.imports.run import import_official
from inclusion.graduated_response.official_models import OfficialAbsenceFigure

KIND = "dfe_absence"
ABSENCE = OfficialFile(
    kind=KIND,
    source="DfE school-level absence",
    table=OfficialAbsenceFigure.__table__,
    numbers=(
        numbers.count("enrolments"),
        numbers.count("sess_possible"),
        numbers.count("sess_overall"),
        numbers.rate("sess_overall_percent"),
        numbers.count("enrolments_pa_10_exact"),
        numbers.rate("enrolments_pa_10_exact_percent"),
    ),
    time_identifiers=(
        "Autumn term",
        "Spring term",
        "Summer term",
        "Autumn and spring term",
        "Academic year",
    ),
    texts={"education_phase": "phase"},
    older_names={"school_type": "education_phase"},
)


def import_absence(
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    import_run_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Validate the whole file, then upsert it in one transaction; record an ImportRun."""
    return import_official(
        ABSENCE,
        path,
        la_code=la_code,
        filename=filename,
        started_by_id=started_by_id,
        import_run_id=import_run_id,
        chunk_rows=chunk_rows,
    )
