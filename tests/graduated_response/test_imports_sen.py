"""Importing DfE's school-level special educational needs file (pupils by SEN provision)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from inclusion.extensions import db
from inclusion.graduated_response.import_cli import imports_cli
from inclusion.graduated_response.imports.dfe_sen import import_sen
from inclusion.graduated_response.models import ImportRun
from inclusion.graduated_response.official_models import OfficialSenFigure
from tests.graduated_response.imports_support import fixture_file, official_rows
from tests.schools.factories import SchoolFactory


def portal_schools():
    """Oak Tree and Hillside; Brookfield (123458) and Birmingham's 108001 the portal lacks."""
    return SchoolFactory(urn="123456"), SchoolFactory(urn="123457")


def stored(urn: str) -> OfficialSenFigure | None:
    return db.session.scalar(select(OfficialSenFigure).where(OfficialSenFigure.urn == urn))


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OfficialSenFigure))


def test_a_valid_file_stores_each_known_schools_pupils_by_sen_provision(session):
    oak, _ = portal_schools()
    report = import_sen(fixture_file("sen_valid.csv"))
    assert report.succeeded, report.errors
    assert (report.rows_read, report.inserted, report.set_aside) == (4, 2, 2)
    figure = stored("123456")
    assert (figure.school_id, figure.time_period, figure.time_identifier) == (
        oak.id,
        "202425",
        "Academic year",
    )
    assert (figure.total_pupils, figure.sen_support, figure.ehc_plan) == (455, 60, 9)
    assert figure.phase == "State-funded primary"
    assert figure.source == "DfE school-level SEN: sen_valid.csv"


def test_the_stored_percentages_are_the_counts_over_total_pupils(session):
    portal_schools()
    import_sen(fixture_file("sen_valid.csv"))
    figure = stored("123456")
    assert figure.sen_support_percent == Decimal("13.18681")
    assert round(figure.ehc_plan / figure.total_pupils * 100, 5) == figure.ehc_plan_percent


def test_schools_the_portal_lacks_are_set_aside_and_attached_on_a_later_import(session):
    portal_schools()
    import_sen(fixture_file("sen_valid.csv"))
    assert stored("123458") is None
    brookfield = SchoolFactory(urn="123458")
    again = import_sen(fixture_file("sen_valid.csv"))
    assert (again.inserted, again.unchanged, again.set_aside) == (1, 2, 1)
    assert stored("123458").school_id == brookfield.id


def test_importing_the_same_file_again_changes_nothing(session):
    portal_schools()
    import_sen(fixture_file("sen_valid.csv"))
    before = official_rows(OfficialSenFigure)
    again = import_sen(fixture_file("sen_valid.csv"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert official_rows(OfficialSenFigure) == before


def test_the_sen_files_x_and_z_are_stored_with_the_portals_meaning(session):
    """The SEN guidance has x for not applicable and z for not available: the reverse of DfE's
    usual convention, which the portal keeps (x not available, z not applicable)."""
    portal_schools()
    report = import_sen(fixture_file("sen_symbols.csv"))
    assert report.succeeded, report.errors
    oak, hillside = stored("123456"), stored("123457")
    assert oak.sen_support is None and oak.ehc_plan is None
    assert oak.symbols == {
        "sen_support": "c",
        "sen_support_percent": "c",
        "ehc_plan": "z",
        "ehc_plan_percent": "z",
    }
    assert hillside.symbols == {"ehc_plan": "x", "ehc_plan_percent": "x"}
    assert hillside.total_pupils == 1020


def test_a_totals_row_rejects_the_whole_file_naming_its_line(session):
    portal_schools()
    report = import_sen(fixture_file("sen_totals_row.csv"))
    assert [line for line, _ in report.errors] == [4, 5]
    assert "this is a totals or notes row ('Total')" in report.errors[0][1]
    assert stored_count() == 0


def test_a_missing_column_is_named(session):
    report = import_sen(fixture_file("sen_missing_column.csv"))
    assert report.errors == [(1, "The file is missing the column: ehc_plan_percent.")]


def test_malformed_numbers_are_each_named_with_their_line_and_nothing_is_saved(session):
    portal_schools()
    report = import_sen(fixture_file("sen_malformed_number.csv"))
    assert report.errors == [
        (
            2,
            "sen_support must be a number or a DfE symbol (c, x, z, low, u, :, ~), not 'sixty'",
        ),
        (3, "ehc_plan must be a number or a DfE symbol (c, x, z, low, u, :, ~), not '-3'"),
        (4, "total_pupils must be a whole number, not '210.5'"),
    ]
    assert stored_count() == 0


def test_a_rejected_file_leaves_earlier_figures_as_they_were(session):
    portal_schools()
    import_sen(fixture_file("sen_valid.csv"))
    before = official_rows(OfficialSenFigure)
    import_sen(fixture_file("sen_malformed_number.csv"))
    assert official_rows(OfficialSenFigure) == before


def test_each_run_is_recorded_kept_or_refused(session):
    portal_schools()
    import_sen(fixture_file("sen_valid.csv"))
    import_sen(fixture_file("sen_totals_row.csv"))
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [(run.kind, run.succeeded) for run in runs] == [("dfe_sen", True), ("dfe_sen", False)]
    assert runs[0].summary["set_aside"] == 2


def test_the_older_urn_column_name_is_read_as_school_urn(session, tmp_path):
    portal_schools()
    text = fixture_file("sen_valid.csv").read_text(encoding="utf-8")
    path = tmp_path / "older.csv"
    path.write_text(text.replace(",school_urn,", ",urn,", 1), encoding="utf-8")
    report = import_sen(path)
    assert (report.succeeded, report.inserted) == (True, 2)


def test_the_command_imports_one_councils_rows(app, session):
    portal_schools()
    result = app.test_cli_runner().invoke(
        imports_cli, ["sen", str(fixture_file("sen_valid.csv")), "--la", "933"]
    )
    assert result.exit_code == 0, result.output
    assert "inserted: 2" in result.output
    assert "outside LA 933: 1 rows not imported" in result.output


def test_the_command_fails_naming_the_totals_row(app, session):
    result = app.test_cli_runner().invoke(
        imports_cli, ["sen", str(fixture_file("sen_totals_row.csv"))]
    )
    assert result.exit_code == 1
    assert "Line 4: this is a totals or notes row" in result.output


# ---- the long file DfE publishes from 2024/25: a row per school per provision and need ----


def test_the_long_file_is_stored_as_one_row_per_school_from_its_all_needs_rows(session):
    oak, _ = portal_schools()
    report = import_sen(fixture_file("sen_long_valid.csv"))
    assert report.succeeded, report.errors
    assert (report.rows_read, report.inserted, report.set_aside) == (17, 2, 2)
    figure = stored("123456")
    assert figure.school_id == oak.id
    assert (figure.total_pupils, figure.sen_support, figure.ehc_plan) == (455, 60, 9)
    assert (figure.sen_support_percent, figure.ehc_plan_percent) == (
        Decimal("13.18681"),
        Decimal("1.97802"),
    )
    assert figure.phase == "State-funded primary"


def test_the_long_file_ignores_rows_for_one_need_or_one_unit_type(session):
    """Hillside's 12 pupils in its SEN unit are already among its 131 on SEN support."""
    portal_schools()
    import_sen(fixture_file("sen_long_valid.csv"))
    assert stored("123457").sen_support == 131


def test_a_suppressed_count_in_the_long_file_suppresses_its_percentage_too(session):
    portal_schools()
    import_sen(fixture_file("sen_long_valid.csv"))
    hillside = stored("123457")
    assert hillside.ehc_plan is None and hillside.ehc_plan_percent is None
    assert hillside.symbols == {"ehc_plan": "c", "ehc_plan_percent": "c"}


def test_a_provision_the_long_file_does_not_give_is_not_available_never_zero(session):
    portal_schools()
    SchoolFactory(urn="123458")
    import_sen(fixture_file("sen_long_valid.csv"))
    brookfield = stored("123458")
    assert (brookfield.total_pupils, brookfield.sen_support, brookfield.ehc_plan) == (210, 25, None)
    assert brookfield.symbols == {"ehc_plan": "x", "ehc_plan_percent": "x"}


def test_a_provision_repeated_for_a_school_in_the_long_file_names_both_lines(session):
    portal_schools()
    report = import_sen(fixture_file("sen_long_duplicate.csv"))
    assert report.errors == [
        (
            8,
            "repeats line 7: URN 123456, Academic year 202425, sen_provision 'EHC plan' for all "
            "needs appears twice",
        )
    ]
    assert stored_count() == 0


def test_importing_the_long_file_again_changes_nothing(session):
    portal_schools()
    import_sen(fixture_file("sen_long_valid.csv"))
    before = official_rows(OfficialSenFigure)
    again = import_sen(fixture_file("sen_long_valid.csv"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert official_rows(OfficialSenFigure) == before


def test_a_totals_row_in_the_long_file_rejects_it_whole(session, tmp_path):
    path = tmp_path / "long.csv"
    text = fixture_file("sen_long_valid.csv").read_text(encoding="utf-8")
    path.write_text(text + "Total" + "," * 47 + "2000\n", encoding="utf-8")
    report = import_sen(path)
    assert [line for line, _ in report.errors] == [19]
    assert stored_count() == 0
