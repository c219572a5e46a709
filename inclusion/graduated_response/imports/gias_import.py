"""Importing a GIAS establishments file: create and update schools by URN, never delete.

Any extract with the columns the portal needs is accepted (`schools.gias.REQUIRED_COLUMNS`,
and type and phase by code or by name); every other known column is read when present, and a
column the extract lacks leaves that field as it was. New schools are placed in their Area
Inclusion Partnership by district (`schools.placement`).

A school marked closed in the file is updated to closed; a closed school the portal has never
had is not added. Every change is reported field by field (old -> new). A dry run checks and
reports everything but writes no school, only its ImportRun.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from inclusion.extensions import db
from inclusion.graduated_response.imports.columns import resolve_columns
from inclusion.graduated_response.imports.files import (
    CHUNK_ROWS,
    LINE,
    ImportFileError,
    iter_chunks,
    open_csv,
)
from inclusion.graduated_response.imports.reports import (
    FieldChange,
    ImportReport,
    RecordChange,
    add_run,
)
from inclusion.schools import placement as placement_by_district
from inclusion.schools.gias import (
    GIAS_COLUMNS,
    LAESTAB_COLUMN,
    ONE_OF_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    row_problems,
    school_fields,
)
from inclusion.schools.models import School

KIND = "gias"
_FIELDS = {**GIAS_COLUMNS, LAESTAB_COLUMN: "laestab"}


@dataclass(frozen=True)
class _Row:
    line: int
    fields: dict[str, Any]


def import_gias(
    path: Path,
    *,
    dry_run: bool = False,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    import_run_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Check every row, then create and update schools in one transaction (unless a dry run)."""
    report = ImportReport(
        kind=KIND, filename=filename or path.name, dry_run=dry_run, la_code=la_code or None
    )
    try:
        rows = _read(path, report, chunk_rows)
        if report.succeeded:
            with db.session.begin_nested():  # a savepoint: all of the rows or none of them
                _apply(rows, report)
    except ImportFileError as error:
        report.add_error(error.line, error.message)
        report.nothing_saved()
    add_run(report, started_by_id, import_run_id)
    db.session.commit()
    return report


def _read(path: Path, report: ImportReport, chunk_rows: int) -> list[_Row]:
    source = open_csv(path)
    columns = resolve_columns(
        source.header, REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS, one_of=ONE_OF_COLUMNS
    )
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for chunk in iter_chunks(source, list(columns.values()), chunk_rows):
        for record in chunk.to_dict("records"):
            values = {_FIELDS[name]: record[actual] for name, actual in columns.items()}
            row = _checked(int(record[LINE]), values, report, seen)
            if row is not None:
                rows.append(row)
    return rows


def _checked(
    line: int, values: dict[str, str], report: ImportReport, seen: dict[str, int]
) -> _Row | None:
    report.rows_read += 1
    if not any(values.values()):
        report.skipped_blank += 1
        return None
    if report.la_code and values["la_code"] != report.la_code:
        report.outside_la += 1
        return None
    problems = row_problems(values)
    earlier = seen.setdefault(values["urn"], line)
    if earlier != line:
        problems.append(f"repeats line {earlier}: URN {values['urn']} appears twice")
    for problem in problems:
        report.add_error(line, problem)
    return None if problems else _Row(line, school_fields(values))


def _apply(rows: list[_Row], report: ImportReport) -> None:
    existing = {school.urn: school for school in db.session.scalars(select(School))}
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    closed_not_added = 0
    for row in rows:
        school = existing.get(row.fields["urn"])
        if school is None and not row.fields["is_open"]:
            closed_not_added += 1
        elif school is None:
            new.append(row.fields)
            report.changes.append(RecordChange(row.fields["urn"], row.fields["name"], "created"))
        else:
            changed += _changed(school, row.fields, report)
    report.inserted, report.updated = len(new), len(changed)
    report.unchanged = len(rows) - len(new) - len(changed) - closed_not_added
    _notes(report, closed_not_added, len(existing) - (report.updated + report.unchanged))
    if new and not report.dry_run:
        db.session.execute(insert(School), new)
    if changed and not report.dry_run:
        db.session.execute(update(School), changed)
    if new:
        _place(new, report)


def _place(new: list[dict[str, Any]], report: ImportReport) -> None:
    """Put new schools in their partnership by district (for the current and later years)."""
    if report.dry_run:
        schools = [School(**fields) for fields in new]
    else:
        urns = [fields["urn"] for fields in new]
        schools = list(db.session.scalars(select(School).where(School.urn.in_(urns))))
    placement = placement_by_district.place(schools, write=not report.dry_run)
    for position, change in enumerate(report.changes):
        code = placement.placed.get(change.key)
        if change.action == "created" and code:
            partnership = FieldChange("partnership", None, code)
            report.changes[position] = replace(change, fields=(*change.fields, partnership))
    if placement.placed:
        report.notes.append(
            f"new schools placed in their partnership by district: {len(placement.placed)}"
        )
    if placement.unplaced:
        report.notes.append(
            "new schools whose district has no partnership (place them by hand): "
            + ", ".join(sorted(placement.unplaced))
        )


def _changed(school: School, fields: dict[str, Any], report: ImportReport) -> list[dict]:
    diffs = tuple(
        FieldChange(name, getattr(school, name), value)
        for name, value in fields.items()
        if name != "urn" and getattr(school, name) != value
    )
    if not diffs:
        return []
    report.changes.append(RecordChange(school.urn, school.name, _action(school, fields), diffs))
    return [{"id": school.id, **{change.field: change.new for change in diffs}}]


def _action(school: School, fields: dict[str, Any]) -> str:
    if school.is_open and not fields["is_open"]:
        return "closed"
    if not school.is_open and fields["is_open"]:
        return "reopened"
    return "updated"


def _notes(report: ImportReport, closed_not_added: int, not_in_file: int) -> None:
    if closed_not_added:
        report.notes.append(
            f"closed schools not added (the portal never had them): {closed_not_added}"
        )
    if not_in_file:
        report.notes.append(
            f"schools in the portal but not in the file, left as they were: {not_in_file}"
        )
