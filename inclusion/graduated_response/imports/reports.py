"""What an import read, wrote and refused, and the ImportRun that records it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inclusion.extensions import db
from inclusion.graduated_response.models import ImportRun

ERRORS_KEPT = 1_000  # in memory, for the CLI and the page
ERRORS_RECORDED = 100  # in the ImportRun summary


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.field}: {_shown(self.old)} -> {_shown(self.new)}"


@dataclass(frozen=True)
class RecordChange:
    """One school created, updated or closed by a GIAS import, field by field."""

    key: str
    name: str
    action: str
    fields: tuple[FieldChange, ...] = ()

    def __str__(self) -> str:
        changes = "; ".join(str(change) for change in self.fields)
        return f"{self.key} {self.name}: {self.action}" + (f" ({changes})" if changes else "")


@dataclass
class ImportReport:
    kind: str
    filename: str
    dry_run: bool = False
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    set_aside: int = 0
    skipped_blank: int = 0
    outside_la: int = 0
    la_code: str | None = None
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    error_count: int = 0
    changes: list[RecordChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.error_count == 0

    @property
    def problems_text(self) -> str:
        return f"{self.error_count} problem{'' if self.error_count == 1 else 's'}"

    def add_error(self, line: int | None, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERRORS_KEPT:
            self.errors.append((line, message))

    def nothing_saved(self) -> None:
        """Forget the counts of a write that was rolled back."""
        self.inserted = self.updated = self.unchanged = self.set_aside = 0
        self.changes.clear()

    def error_lines(self) -> list[str]:
        lines = [f"Line {line}: {message}" if line else message for line, message in self.errors]
        if self.error_count > len(self.errors):
            lines.append(f"... and {self.error_count - len(self.errors)} more problems")
        return lines

    def lines(self) -> list[str]:
        """The report as short sentences, for the CLI."""
        if not self.succeeded:
            return [f"{self.filename}: rejected ({self.problems_text}). Nothing was saved."]
        would = "would be " if self.dry_run else ""
        lines = [
            f"rows read: {self.rows_read}",
            f"{would}inserted: {self.inserted}",
            f"{would}updated: {self.updated}",
            f"unchanged: {self.unchanged}",
        ]
        if self.set_aside:
            lines.append(
                f"set aside: {self.set_aside} rows for schools not in the portal (not stored; "
                "import the file again once the school is added)"
            )
        if self.skipped_blank:
            lines.append(f"skipped: {self.skipped_blank} blank lines")
        if self.la_code:
            lines.append(f"outside LA {self.la_code}: {self.outside_la} rows not imported")
        lines += self.notes
        lines += [f"  {change}" for change in self.changes]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines

    def summary(self) -> dict[str, Any]:
        """The counts and the first errors, as JSON for ImportRun.summary."""
        return {
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "set_aside": self.set_aside,
            "skipped_blank": self.skipped_blank,
            "outside_la": self.outside_la,
            "la_code": self.la_code,
            "error_count": self.error_count,
            "errors": [[line, message] for line, message in self.errors[:ERRORS_RECORDED]],
            "changes": [str(change) for change in self.changes[:ERRORS_RECORDED]],
        }


def add_run(
    report: ImportReport, started_by_id: int | None, run_id: int | None = None
) -> ImportRun:
    """Add the ImportRun to the session (or fill in `run_id`'s, recorded when the file was
    handed to a job); the caller commits it with (or without) the data."""
    run = db.session.get(ImportRun, run_id) if run_id is not None else None
    if run is None:
        run = ImportRun(started_by_id=started_by_id)
        db.session.add(run)
    run.kind = report.kind
    run.filename = report.filename[:200]
    run.dry_run = report.dry_run
    run.succeeded = report.succeeded
    run.summary = report.summary()
    return run


def queued_run(kind: str, filename: str, started_by_id: int, dry_run: bool) -> ImportRun:
    """The record of an import handed to a job, there from the start: it says "queued" until
    the job fills it in, and stays (as not succeeded) if the job never does."""
    run = ImportRun(
        kind=kind,
        filename=filename[:200],
        dry_run=dry_run,
        succeeded=False,
        summary={"status": "queued"},
        started_by_id=started_by_id,
    )
    db.session.add(run)
    return run


def report_from_run(run: ImportRun) -> ImportReport:
    """What a finished run recorded, as a report the upload page's template can show."""
    summary = run.summary or {}
    report = ImportReport(kind=run.kind, filename=run.filename, dry_run=run.dry_run)
    for name in ("rows_read", "inserted", "updated", "unchanged", "set_aside", "skipped_blank",
                 "outside_la", "error_count"):  # fmt: skip
        setattr(report, name, int(summary.get(name, 0)))
    report.la_code = summary.get("la_code")
    report.errors = [(line, message) for line, message in summary.get("errors", [])]
    report.notes = [f"Change: {change}" for change in summary.get("changes", [])]
    return report


def _shown(value: Any) -> str:
    return "(blank)" if value is None or value == "" else str(value)
