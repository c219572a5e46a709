"""Importing a GIAS establishments file: create, update and close schools, never delete."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response.import_cli import imports_cli
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.graduated_response.models import ImportRun
from inclusion.schools.gias import laestab
from inclusion.schools.models import School
from tests.graduated_response.imports_support import fixture_file, school_rows, table_counts
from tests.schools.factories import SchoolFactory


def school(urn: str) -> School | None:
    return db.session.scalar(select(School).where(School.urn == urn))


def existing_schools():
    """Castle is in the portal under an old name; Mill Lane is open; Elm is not in the file."""
    castle = SchoolFactory(urn="990102", name="Castle School", laestab="9334001", phase="primary")
    mill = SchoolFactory(urn="990103", name="Mill Lane Primary School", laestab="9332110")
    elm = SchoolFactory(urn="990199", name="Elm Tree School")
    return castle, mill, elm


def test_new_schools_are_created_with_their_gias_fields(session):
    report = import_gias(fixture_file("gias_schools.csv"))
    assert report.succeeded, report.errors
    acorn = school("990101")
    assert (acorn.name, acorn.laestab, acorn.phase, acorn.is_open) == (
        "Acorn First School",
        "9332108",
        "primary",
        True,
    )
    assert school("990102").pupils_on_roll == 1100


def test_changed_schools_are_updated_and_each_change_is_reported(session):
    castle, _, _ = existing_schools()
    report = import_gias(fixture_file("gias_schools.csv"))
    assert (report.inserted, report.updated) == (1, 2)
    assert (castle.name, castle.phase) == ("Castle Secondary School", "secondary")
    [change] = [c for c in report.changes if c.key == "990102"]
    assert change.action == "updated"
    assert "name: Castle School -> Castle Secondary School" in [str(f) for f in change.fields]
    assert "phase: primary -> secondary" in [str(f) for f in change.fields]


def test_a_school_closed_in_gias_is_marked_closed(session):
    _, mill, _ = existing_schools()
    report = import_gias(fixture_file("gias_schools.csv"))
    assert mill.is_open is False
    [change] = [c for c in report.changes if c.key == "990103"]
    assert change.action == "closed"
    assert "is_open: True -> False" in [str(f) for f in change.fields]


def test_a_closed_school_the_portal_never_had_is_not_added(session):
    existing_schools()
    report = import_gias(fixture_file("gias_schools.csv"))
    assert school("990104") is None
    assert "closed schools not added (the portal never had them): 1" in report.lines()


def test_a_school_missing_from_the_file_is_never_deleted(session):
    _, _, elm = existing_schools()
    report = import_gias(fixture_file("gias_schools.csv"))
    assert school("990199") is elm and elm.is_open
    assert "schools in the portal but not in the file, left as they were: 1" in report.lines()


def test_importing_the_same_file_twice_changes_nothing(session):
    existing_schools()
    import_gias(fixture_file("gias_schools.csv"))
    rows = school_rows()
    again = import_gias(fixture_file("gias_schools.csv"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert school_rows() == rows


def test_a_dry_run_reports_the_changes_and_writes_no_school(session):
    existing_schools()
    rows = school_rows()
    report = import_gias(fixture_file("gias_schools.csv"), dry_run=True)
    assert (report.inserted, report.updated) == (1, 2)
    assert [c.action for c in report.changes] == ["created", "updated", "closed"]
    assert school_rows() == rows
    run = db.session.scalar(select(ImportRun))
    assert (run.kind, run.dry_run, run.succeeded) == ("gias", True, True)


def test_an_laestab_written_with_a_slash_is_accepted(session):
    report = import_gias(fixture_file("gias_laestab_column.csv"))
    assert report.succeeded, report.errors
    assert school("990102").laestab == "9334001"


def test_laestab_is_read_from_either_spelling_or_built_from_its_parts():
    assert laestab("933", "4001") == "9334001"
    assert laestab("933", "933/4001") == "9334001"
    assert laestab("933", "9334001") == "9334001"
    assert laestab("933", "4001", "933/4002") == "9334002"
    assert laestab("933", "") is None


def test_a_windows_1252_gias_file_keeps_its_accents(session):
    import_gias(fixture_file("gias_cp1252.csv"))
    assert school("990105").name == "Sainte-Thérèse Catholic Primary"


def test_a_missing_gias_column_is_named(session):
    report = import_gias(fixture_file("gias_missing_column.csv"))
    assert report.errors == [
        (
            1,
            "The file is missing the column: LA (code): the file has 'LA (name)' but not the "
            "code (download it with codes too).",
        )
    ]


def test_bad_gias_rows_are_reported_by_line_and_nothing_is_saved(session):
    before = table_counts()
    report = import_gias(fixture_file("gias_bad_rows.csv"))
    assert report.errors == [
        (2, "URN must be six digits, not '99010'"),
        (
            3,
            "EstablishmentNumber must be four digits (4001) or a LAESTAB (9334001 or 933/4001), "
            "not '21'",
        ),
        (4, "EstablishmentName is empty"),
        (4, "NumberOfPupils must be a whole number, not 'lots'"),
        (6, "repeats line 5: URN 990101 appears twice"),
    ]
    assert table_counts() == before | {"runs": before["runs"] + 1}


def test_the_gias_command_dry_run_prints_the_changes(app, session):
    existing_schools()
    result = app.test_cli_runner().invoke(
        imports_cli, ["gias", str(fixture_file("gias_schools.csv")), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "would be inserted: 1" in result.output
    assert "990102 Castle School: updated (name: Castle School -> Castle Secondary School" in (
        result.output
    )
    assert "Dry run: nothing was saved." in result.output
    assert school("990101") is None


def test_the_gias_command_fails_on_a_bad_file(app, session):
    result = app.test_cli_runner().invoke(
        imports_cli, ["gias", str(fixture_file("gias_missing_column.csv"))]
    )
    assert result.exit_code == 1
    assert "The file is missing the column: LA (code)" in result.output
