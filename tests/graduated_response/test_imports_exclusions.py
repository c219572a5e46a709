"""Importing DfE's school-level suspensions and permanent exclusions file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response.import_cli import imports_cli
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.models import ImportRun, OfficialExclusionFigure
from tests.graduated_response.imports_support import (
    figure_rows,
    fixture_file,
    table_counts,
)
from tests.schools.factories import SchoolFactory

HEADER = fixture_file("exclusions_valid.csv").read_text(encoding="utf-8").splitlines()[0]
OAK_AUTUMN = fixture_file("exclusions_valid.csv").read_text(encoding="utf-8").splitlines()[1]


def portal_schools():
    """The two schools of the fixtures that the portal knows; 123458 and 108001 it does not."""
    return SchoolFactory(urn="123456"), SchoolFactory(urn="123457")


def every_fixture_school():
    """Every school the fixtures name, so that all their rows are stored."""
    return [SchoolFactory(urn=urn) for urn in ("123456", "123457", "123458", "123459", "108001")]


def figure(urn: str, period: str = "202425", identifier: str = "Autumn term"):
    return db.session.scalar(
        select(OfficialExclusionFigure).where(
            OfficialExclusionFigure.urn == urn,
            OfficialExclusionFigure.time_period == period,
            OfficialExclusionFigure.time_identifier == identifier,
        )
    )


def import_fixture(name: str, **options):
    return import_exclusions(fixture_file(name), **options)


def written(tmp_path: Path, lines: list[str], name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_valid_file_is_stored_with_each_row_linked_to_its_school(session):
    oak, *_ = every_fixture_school()
    report = import_fixture("exclusions_valid.csv")
    assert report.succeeded, report.errors
    assert (report.rows_read, report.inserted, report.updated, report.unchanged) == (5, 5, 0, 0)
    stored = figure("123456")
    assert stored.school_id == oak.id
    assert stored.la_code == "933"
    assert stored.school_name == "Oak Tree Primary School"
    assert stored.symbols == {}


def test_the_domain_check_row_keeps_its_rate_of_0_43956(session):
    every_fixture_school()
    import_fixture("exclusions_valid.csv")
    stored = figure("123456")
    assert (stored.headcount, stored.suspension) == (Decimal("455"), Decimal("2"))
    assert stored.susp_rate == Decimal("0.43956")
    assert round(stored.suspension / stored.headcount * 100, 5) == stored.susp_rate


def test_older_files_fixed_excl_columns_are_stored_as_suspensions(session):
    every_fixture_school()
    report = import_fixture("exclusions_older_names.csv")
    assert report.succeeded, report.errors
    stored = figure("123456", identifier="Spring term")
    assert (stored.suspension, stored.susp_rate) == (Decimal("1"), Decimal("0.21978"))
    assert (stored.one_plus_susp, stored.one_plus_susp_rate) == (Decimal("1"), Decimal("0.21978"))


def test_a_windows_1252_file_keeps_its_accented_school_name(session):
    every_fixture_school()
    report = import_fixture("exclusions_cp1252.csv")
    assert report.succeeded, report.errors
    assert figure("123459").school_name == "École Sainte-Thérèse Primary"


def test_a_utf8_file_with_a_byte_order_mark_is_read_from_its_first_column(session):
    every_fixture_school()
    report = import_fixture("exclusions_bom.csv")
    assert report.succeeded, report.errors
    assert figure("123456").time_identifier == "Autumn term"


def test_a_semicolon_separated_file_is_refused_with_how_to_fix_it(session):
    report = import_fixture("exclusions_semicolon.csv")
    assert report.errors == [
        (1, "The file uses ';' between columns; save it as comma-separated (CSV).")
    ]


def test_a_tab_separated_file_is_refused_with_how_to_fix_it(session):
    report = import_fixture("exclusions_tabs.csv")
    assert report.errors == [
        (1, "The file uses tabs between columns; save it as comma-separated (CSV).")
    ]


def test_a_missing_column_is_named_with_its_older_name(session):
    report = import_fixture("exclusions_missing_column.csv")
    assert report.errors == [
        (1, "The file is missing the column: susp_rate (or its older name fixed_excl_rate).")
    ]


def test_a_renamed_column_is_named_with_the_column_it_was_probably_renamed_to(session):
    report = import_fixture("exclusions_renamed_column.csv")
    [(line, message)] = report.errors
    assert line == 1
    assert "school_urn, perhaps renamed as 'URN'" in message
    assert "one_plus_susp_rate (or its older name one_plus_fixed_rate), perhaps renamed as" in (
        message
    )
    assert "'one_plus_suspension_rate'" in message


def test_a_key_repeated_in_one_file_is_an_error_naming_both_lines(session):
    report = import_fixture("exclusions_duplicate_keys.csv")
    assert report.errors == [
        (5, "repeats line 2: URN 123456, Autumn term 202425 appears twice"),
    ]


def test_duplicates_are_found_across_chunks(session):
    report = import_fixture("exclusions_duplicate_keys.csv", chunk_rows=2)
    assert report.errors == [
        (5, "repeats line 2: URN 123456, Autumn term 202425 appears twice"),
    ]


def test_blank_lines_are_skipped_and_counted(session):
    report = import_fixture("exclusions_blank_lines.csv")
    assert report.succeeded, report.errors
    assert (report.rows_read, report.skipped_blank, report.set_aside) == (6, 4, 2)
    assert "skipped: 4 blank lines" in report.lines()


def test_line_numbers_count_blank_lines(session, tmp_path):
    path = written(tmp_path, [HEADER, "", "", OAK_AUTUMN.replace("123456", "12345")])
    report = import_exclusions(path)
    assert report.errors == [(4, "school_urn must be a six-digit URN, not '12345'")]


def test_a_file_with_totals_and_notes_appended_is_rejected_whole_naming_each_line(session):
    portal_schools()
    report = import_fixture("exclusions_trailing_totals.csv")
    assert [line for line, _ in report.errors] == [4, 6, 7]
    assert report.errors[0][1].startswith(
        "this is a totals or notes row ('Total'), which DfE's files never have: the file was "
        "edited after it was published, so none of it was imported."
    )
    assert "('Source: Department for Education')" in report.errors[1][1]
    assert (report.inserted, table_counts()["figures"]) == (0, 0)


def test_a_totals_row_is_reported_even_when_importing_one_councils_rows(session):
    report = import_fixture("exclusions_trailing_totals.csv", la_code="933")
    assert [line for line, _ in report.errors] == [4, 6, 7]


def test_a_school_row_without_an_la_code_is_outside_the_la_filter(session, tmp_path):
    portal_schools()
    no_la = OAK_AUTUMN.replace(",933,E10000027,", ",,E10000027,")
    report = import_exclusions(written(tmp_path, [HEADER, no_la]), la_code="933")
    assert (report.succeeded, report.inserted, report.outside_la) == (True, 0, 1)


def test_a_row_of_another_geographic_level_is_refused_naming_the_level(session, tmp_path):
    national = OAK_AUTUMN.replace(",School,", ",National,")
    report = import_exclusions(written(tmp_path, [HEADER, OAK_AUTUMN, national]))
    assert (3, "geographic_level is 'National': this import takes DfE's school-level file, "
            "whose rows are all 'School'") in report.errors  # fmt: skip


def test_a_totals_row_in_the_middle_of_the_file_is_named_by_its_line(session, tmp_path):
    total = "Total,,,,,,,,,,,,,,,,,,910,0,0,3,0.32967,3,0.32967"
    report = import_exclusions(written(tmp_path, [HEADER, total, OAK_AUTUMN]))
    assert [line for line, _ in report.errors] == [2]


def test_numbers_mangled_by_excel_are_accepted(session):
    every_fixture_school()
    report = import_fixture("exclusions_excel_numbers.csv")
    assert report.succeeded, report.errors
    stored = figure("123457")
    assert (stored.headcount, stored.perm_excl, stored.suspension) == (1234, 1, 12)
    assert stored.one_plus_susp == 10


def test_dfe_symbols_become_missing_values_with_the_symbol_kept(session):
    every_fixture_school()
    report = import_fixture("exclusions_symbols.csv")
    assert report.succeeded, report.errors
    autumn = figure("123456")
    assert autumn.headcount == 455
    assert autumn.perm_excl is None and autumn.one_plus_susp_rate is None
    assert autumn.symbols == {
        "perm_excl": "c",
        "perm_excl_rate": "x",
        "suspension": "z",
        "susp_rate": "low",
        "one_plus_susp": "u",
        "one_plus_susp_rate": ":",
    }
    spring = figure("123456", identifier="Spring term")
    assert spring.symbols == {
        "suspension": "~",
        "susp_rate": "c",
        "one_plus_susp": "low",
        "one_plus_susp_rate": "x",
    }


def test_every_bad_row_is_reported_with_its_line_number(session):
    report = import_fixture("exclusions_bad_rows.csv")
    assert report.errors == [
        (2, "school_urn must be a six-digit URN, not '12345'"),
        (3, "time_period 202426 is not an academic year: the year after 2024 ends in 25, not 26"),
        (
            4,
            "time_identifier must be Autumn term, Spring term, Summer term or Academic year, "
            "not 'Winter term'",
        ),
        (5, "suspension must be a number or a DfE symbol (c, x, z, low, u, :, ~), not 'two'"),
        (
            5,
            "one_plus_susp_rate must be a number or a DfE symbol (c, x, z, low, u, :, ~), not '-1'",
        ),
        (6, "time_period must be six digits, like 202425 for 2024/25, not '2024/25'"),
        (6, "headcount must be a whole number, not '45.5'"),
    ]


def test_an_empty_figure_is_an_error_not_a_silent_gap(session, tmp_path):
    path = written(tmp_path, [HEADER, OAK_AUTUMN.replace(",455,", ",,")])
    report = import_exclusions(path)
    assert report.errors == [
        (2, "headcount is empty; give a number or a DfE symbol (c, x, z, low, u, :, ~)")
    ]


def test_a_row_with_more_values_than_the_header_is_refused(session):
    report = import_fixture("exclusions_too_many_values.csv")
    assert report.errors == [
        (
            3,
            "this line has 26 values but the header names 25 columns; check for a stray comma "
            "or an unquoted value with a comma in it.",
        )
    ]


def test_a_rejected_file_leaves_the_data_exactly_as_before(session):
    portal_schools()
    import_fixture("exclusions_valid.csv")
    counts, rows = table_counts(), figure_rows()
    report = import_fixture("exclusions_bad_rows.csv")
    assert not report.succeeded
    assert (report.inserted, report.updated) == (0, 0)
    assert figure_rows() == rows
    assert table_counts() == counts | {"runs": counts["runs"] + 1}


def test_a_file_rejected_on_its_last_row_writes_none_of_the_good_rows_before_it(session, tmp_path):
    every_fixture_school()
    good = fixture_file("exclusions_valid.csv").read_text(encoding="utf-8").splitlines()
    path = written(tmp_path, [*good, good[1].replace("202425", "202525")])
    report = import_exclusions(path, chunk_rows=2)
    assert report.errors == [
        (7, "time_period 202525 is not an academic year: the year after 2025 ends in 26, not 25")
    ]
    assert table_counts()["figures"] == 0


def test_a_rejected_import_is_recorded_with_its_first_errors(session, tmp_path):
    bad_rows = [OAK_AUTUMN.replace("123456", f"{n:05d}") for n in range(150)]
    report = import_exclusions(written(tmp_path, [HEADER, *bad_rows]))
    run = db.session.scalar(select(ImportRun))
    assert (run.kind, run.succeeded, run.dry_run) == ("dfe_exclusions", False, False)
    assert run.summary["error_count"] == report.error_count == 150
    assert len(run.summary["errors"]) == 100
    assert run.summary["errors"][0] == [2, "school_urn must be a six-digit URN, not '00000'"]


def test_importing_the_same_file_twice_changes_nothing(session):
    portal_schools()
    import_fixture("exclusions_valid.csv")
    rows = figure_rows()
    again = import_fixture("exclusions_valid.csv")
    assert (again.inserted, again.updated, again.unchanged, again.set_aside) == (0, 0, 3, 2)
    assert figure_rows() == rows


def test_a_changed_figure_updates_its_row_in_place(session, tmp_path):
    every_fixture_school()
    import_fixture("exclusions_valid.csv")
    first_id = figure("123456").id
    report = import_exclusions(
        written(tmp_path, [HEADER, OAK_AUTUMN.replace("455,0,0,2,", "456,0,0,2,")])
    )
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
    assert (figure("123456").id, figure("123456").headcount) == (first_id, 456)


def test_a_school_added_to_the_portal_later_gets_its_rows_on_the_next_import(session):
    first = import_fixture("exclusions_valid.csv")
    assert (first.inserted, first.set_aside, table_counts()["figures"]) == (0, 5, 0)
    oak = SchoolFactory(urn="123456")
    again = import_fixture("exclusions_valid.csv")
    assert (again.inserted, again.updated, again.set_aside) == (2, 0, 3)
    assert figure("123456").school_id == oak.id


def test_the_la_filter_imports_only_that_councils_rows(session):
    portal_schools()
    report = import_fixture("exclusions_valid.csv", la_code="933")
    assert (report.inserted, report.set_aside, report.outside_la) == (3, 1, 1)
    assert figure("108001") is None
    assert "outside LA 933: 1 rows not imported" in report.lines()


def test_an_la_code_that_is_not_three_digits_is_refused(session):
    report = import_fixture("exclusions_valid.csv", la_code="Somerset")
    assert report.errors == [(None, "The LA code must be three digits, like 933, not 'Somerset'.")]


def test_rows_for_schools_not_in_the_portal_are_counted_as_set_aside_and_not_stored(session):
    portal_schools()
    report = import_fixture("exclusions_valid.csv")
    assert (report.inserted, report.set_aside) == (3, 2)
    assert figure("123458", "202324", "Academic year") is None
    assert table_counts()["figures"] == 3
    assert (
        "set aside: 2 rows for schools not in the portal (not stored; import the file again "
        "once the school is added)"
    ) in report.lines()


def test_a_successful_import_is_recorded_with_its_counts(session):
    portal_schools()
    import_fixture("exclusions_valid.csv")
    run = db.session.scalar(select(ImportRun))
    assert (run.kind, run.filename, run.succeeded) == (
        "dfe_exclusions",
        "exclusions_valid.csv",
        True,
    )
    assert {"inserted": 3, "set_aside": 2, "error_count": 0}.items() <= run.summary.items()


def test_the_command_prints_the_report(app, session):
    portal_schools()
    result = app.test_cli_runner().invoke(
        imports_cli, ["exclusions", str(fixture_file("exclusions_valid.csv")), "--la", "933"]
    )
    assert result.exit_code == 0, result.output
    assert "inserted: 3" in result.output
    assert "set aside: 1 rows for schools not in the portal" in result.output


def test_the_command_fails_with_the_errors_when_the_file_is_rejected(app, session):
    result = app.test_cli_runner().invoke(
        imports_cli, ["exclusions", str(fixture_file("exclusions_duplicate_keys.csv"))]
    )
    assert result.exit_code == 1
    assert "rejected (1 problem). Nothing was saved." in result.output
    assert "Line 5: repeats line 2" in result.output
    assert table_counts()["figures"] == 0
