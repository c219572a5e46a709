"""Importing DfE's school-level suspensions and permanent exclusions file.

Publisher: Department for Education, "Suspensions and permanent exclusions in England" on
Explore Education Statistics; the school-level file is published termly (Autumn, Spring and
Summer term rows; "Academic year" rows only in some releases). See docs/domain-rules.md.
"""

from __future__ import annotations

from pathlib import Path

from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.files import CHUNK_ROWS
from inclusion.graduated_response.imports.official import OfficialFile
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.graduated_response.imports.run import import_official
from inclusion.graduated_response.models import OfficialExclusionFigure

KIND = "dfe_exclusions"
TIME_IDENTIFIERS = ("Autumn term", "Spring term", "Summer term", "Academic year")
EXCLUSIONS = OfficialFile(
    kind=KIND,
    source="DfE school-level exclusions",
    table=OfficialExclusionFigure.__table__,
    numbers=(
        numbers.count("headcount"),
        numbers.count("perm_excl"),
        numbers.rate("perm_excl_rate"),
        numbers.count("suspension"),
        numbers.rate("susp_rate"),
        numbers.count("one_plus_susp"),
        numbers.rate("one_plus_susp_rate"),
    ),
    time_identifiers=TIME_IDENTIFIERS,
    older_names={
        "fixed_excl": "suspension",
        "fixed_excl_rate": "susp_rate",
        "one_plus_fixed": "one_plus_susp",
        "one_plus_fixed_rate": "one_plus_susp_rate",
    },
)


def import_exclusions(
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
        EXCLUSIONS,
        path,
        la_code=la_code,
        filename=filename,
        started_by_id=started_by_id,
        import_run_id=import_run_id,
        chunk_rows=chunk_rows,
    )
