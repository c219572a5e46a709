"""Importing DfE's school-level special educational needs file: pupils by SEN provision.

Publisher: Department for Education, "Special educational needs in England" (January school
census) on Explore Education Statistics. Per school: total pupils, pupils on SEN support and
pupils with an EHC plan, as counts and percentages; the denominators for rates by SEN status
and for the "EHC plans in mainstream" measure. Columns and symbols: docs/domain-rules.md.

DfE's SEN data guidance defines x and z the other way round from DfE's usual convention (2024/25:
x not applicable, z not available; 2020/21: z not available), so they are swapped on the way in
and `symbols` always holds the portal's meaning: x not available, z not applicable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inclusion.graduated_response.imports import dfe_sen_long, numbers
from inclusion.graduated_response.imports.files import CHUNK_ROWS, ImportFileError, open_csv
from inclusion.graduated_response.imports.official import OfficialFile
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.graduated_response.imports.run import import_official
from inclusion.graduated_response.official_models import OfficialSenFigure

KIND = "dfe_sen"
SEN = OfficialFile(
    kind=KIND,
    source="DfE school-level SEN",
    table=OfficialSenFigure.__table__,
    numbers=(
        numbers.count("total_pupils"),
        numbers.count("sen_support"),
        numbers.rate("sen_support_percent"),
        numbers.count("ehc_plan"),
        numbers.rate("ehc_plan_percent"),
    ),
    time_identifiers=("Academic year",),
    older_names={"urn": "school_urn"},
    texts={"phase_type_grouping": "phase"},
    symbol_meanings={"x": "z", "z": "x"},
)


def import_sen(
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    import_run_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Validate the whole file, then upsert it in one transaction; record an ImportRun.

    Reads the wide file (a row per school) and the long one DfE publishes from 2024/25 (a row
    per school per SEN provision and need; see `dfe_sen_long`).
    """
    options: dict[str, Any] = {}
    if dfe_sen_long.is_long(_header(path)):
        options = {"reshape": dfe_sen_long.wide_frames, "stored_as": SEN}
    return import_official(
        dfe_sen_long.long_spec(SEN) if options else SEN,
        path,
        la_code=la_code,
        filename=filename,
        started_by_id=started_by_id,
        import_run_id=import_run_id,
        chunk_rows=chunk_rows,
        **options,
    )


def _header(path: Path) -> list[str]:
    """The file's column names, or none when it cannot be read (the import then says why)."""
    try:
        return open_csv(path).header
    except ImportFileError:
        return []
