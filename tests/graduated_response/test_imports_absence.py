"""Importing DfE's school-level pupil absence file (overall and persistent absence)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from inclusion.extensions import db
from inclusion.graduated_response.import_cli import imports_cli
from inclusion.graduated_response.imports.dfe_absence import import_absence
from inclusion.graduated_response.models import ImportRun
from inclusion.graduated_response.official_models import OfficialAbsenceFigure
from tests.graduated_response.imports_support import fixture_file, official_rows
from tests.schools.factories import SchoolFactory


def portal_schools():
    """Oak Tree and Hillside; Brookfield (123458) and Birmingham's 108001 the portal lacks."""
    return SchoolFactory(urn="123456"), SchoolFactory(urn="123457")


def stored(urn: str, period: str = "202324", identifier: str = "Academic year"):
    return db.session.scalar(
        select(OfficialAbsenceFigure).where(
            OfficialAbsenceFigure.urn == urn,
            OfficialAbsenceFigure.time_period == period,
            OfficialAbsenceFigure.time_identifier == identifier,
        )
    )


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OfficialAbsenceFigure))


def test_a_valid_file_stores_each_known_schools_absence_for_each_period(session):
    oak, hillside = portal_schools()
    report = import_absence(fixture_file("absence_valid.csv"))
    assert report.succeeded, report.errors
    assert (report.rows_read, report.inserted, report.set_aside) == (5, 3, 2)
    figure = stored("123456")
    assert figure.school_id == oak.id
    assert (figure.enrolments, figure.sess_possible, figure.sess_overall) == (430, 141900, 7095)
    assert figure.phase == "State-funded primary"
    assert stored("123457", "202425", "Autumn term").school_id == hillside.id


def test_persistent_absence_is_stored_as_published_and_agrees_with_its_counts(session):
    portal_schools()
    import_absence(fixture_file("absence_valid.csv"))
    figure = stored("123456")
    assert (figure.enrolments_pa_10_exact, figure.enrolments_pa_10_exact_percent) == (
        60,
        Decimal("13.95349"),
    )
    assert figure.sess_overall_percent == round(figure.sess_overall / figure.sess_possible * 100, 5)


def test_schools_the_portal_lacks_are_set_aside_and_attached_on_a_later_import(session):
    portal_schools()
    import_absence(fixture_file("absence_valid.csv"))
    assert stored("123458") is None
    brookfield = SchoolFactory(urn="123458")
    again = import_absence(fixture_file("absence_valid.csv"))
    assert (again.inserted, again.unchanged, again.set_aside) == (1, 3, 1)
    assert stored("123458").school_id == brookfield.id


def test_importing_the_same_file_again_changes_nothing(session):
    portal_schools()
    import_absence(fixture_file("absence_valid.csv"))
    before = official_rows(OfficialAbsenceFigure)
    again = import_absence(fixture_file("absence_valid.csv"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert official_rows(OfficialAbsenceFigure) == before


def test_dfe_symbols_become_missing_values_with_the_symbol_kept(session):
    portal_schools()
    report = import_absence(fixture_file("absence_symbols.csv"))
    assert report.succeeded, report.errors
    oak, hillside = stored("123456"), stored("123457")
    assert oak.enrolments_pa_10_exact is None and oak.enrolments == 430
    assert oak.symbols == {"enrolments_pa_10_exact": "c", "enrolments_pa_10_exact_percent": "c"}
    assert hillside.symbols == {
        "sess_overall": "x",
        "sess_overall_percent": "x",
        "enrolments_pa_10_exact_percent": "low",
    }


def test_a_totals_row_rejects_the_whole_file_naming_its_line(session):
    portal_schools()
    report = import_absence(fixture_file("absence_totals_row.csv"))
    assert [line for line, _ in report.errors] == [5]
    assert "this is a totals or notes row ('Total')" in report.errors[0][1]
    assert stored_count() == 0


def test_a_missing_column_is_named(session):
    report = import_absence(fixture_file("absence_missing_column.csv"))
    assert report.errors == [(1, "The file is missing the column: enrolments_pa_10_exact_percent.")]


def test_malformed_numbers_are_each_named_with_their_line_and_nothing_is_saved(session):
    portal_schools()
    report = import_absence(fixture_file("absence_malformed_number.csv"))
    symbols = "(c, x, z, low, u, :, ~)"
    assert report.errors == [
        (2, f"enrolments must be a number or a DfE symbol {symbols}, not 'four hundred'"),
        (
            3,
            f"enrolments_pa_10_exact_percent must be a number or a DfE symbol {symbols}, "
            "not '22,04%'",
        ),
        (4, f"sess_possible is empty; give a number or a DfE symbol {symbols}"),
    ]
    assert stored_count() == 0


def test_a_time_identifier_outside_dfes_absence_periods_is_refused(session, tmp_path):
    text = fixture_file("absence_valid.csv").read_text(encoding="utf-8")
    path = tmp_path / "winter.csv"
    path.write_text(text.replace("Autumn term", "Winter term"), encoding="utf-8")
    report = import_absence(path)
    assert report.errors == [
        (
            4,
            "time_identifier must be Autumn term, Spring term, Summer term, Autumn and spring "
            "term or Academic year, not 'Winter term'",
        )
    ]


def test_an_older_file_with_school_type_keeps_it_as_the_phase(session, tmp_path):
    portal_schools()
    text = fixture_file("absence_valid.csv").read_text(encoding="utf-8")
    path = tmp_path / "older.csv"
    path.write_text(text.replace(",education_phase,", ",school_type,", 1), encoding="utf-8")
    report = import_absence(path)
    assert report.succeeded, report.errors
    assert stored("123456").phase == "State-funded primary"


def test_each_run_is_recorded_kept_or_refused(session):
    portal_schools()
    import_absence(fixture_file("absence_valid.csv"))
    import_absence(fixture_file("absence_malformed_number.csv"))
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [(run.kind, run.succeeded) for run in runs] == [
        ("dfe_absence", True),
        ("dfe_absence", False),
    ]
    assert runs[1].summary["error_count"] == 3


def test_the_command_imports_one_councils_rows(app, session):
    portal_schools()
    result = app.test_cli_runner().invoke(
        imports_cli, ["absence", str(fixture_file("absence_valid.csv")), "--la", "933"]
    )
    assert result.exit_code == 0, result.output
    assert "inserted: 3" in result.output
    assert "set aside: 1 rows for schools not in the portal" in result.output


def test_the_command_fails_with_the_errors(app, session):
    result = app.test_cli_runner().invoke(
        imports_cli, ["absence", str(fixture_file("absence_missing_column.csv"))]
    )
    assert result.exit_code == 1
    assert "enrolments_pa_10_exact_percent" in result.output
