"""The bulk write of DfE files: a temporary table, then one merge that writes only changes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import inspect, select

from inclusion.extensions import db
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.staging import STAGE
from inclusion.graduated_response.models import OfficialExclusionFigure
from tests.graduated_response.imports_support import fixture_file
from tests.schools.factories import SchoolFactory

VALID = fixture_file("exclusions_valid.csv").read_text(encoding="utf-8").splitlines()


def written(tmp_path: Path, lines: list[str], name: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored() -> dict[tuple[str, str, str], OfficialExclusionFigure]:
    rows = db.session.scalars(select(OfficialExclusionFigure)).all()
    return {(row.urn, row.time_period, row.time_identifier): row for row in rows}


def test_an_unchanged_file_imported_again_writes_no_row(session, tmp_path):
    SchoolFactory(urn="123456"), SchoolFactory(urn="123457")
    import_exclusions(written(tmp_path, VALID, "first.csv"))
    again = import_exclusions(written(tmp_path, VALID, "second.csv"))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    # A rewritten row would carry the second file's name as its source.
    assert {row.source for row in stored().values()} == {"DfE school-level exclusions: first.csv"}


def test_only_the_changed_row_is_rewritten(session, tmp_path):
    SchoolFactory(urn="123456"), SchoolFactory(urn="123457")
    import_exclusions(written(tmp_path, VALID, "first.csv"))
    changed = [*VALID[:2], VALID[2].replace(",1,0.21978,1,0.21978", ",3,0.65934,2,0.43956")]
    report = import_exclusions(written(tmp_path, [*changed, *VALID[3:]], "second.csv"))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 2)
    rows = stored()
    spring = rows[("123456", "202425", "Spring term")]
    assert (spring.suspension, spring.susp_rate) == (Decimal("3.00"), Decimal("0.65934"))
    assert spring.source.endswith("second.csv")
    assert rows[("123456", "202425", "Autumn term")].source.endswith("first.csv")


def test_a_symbol_replacing_a_number_counts_as_a_change(session, tmp_path):
    SchoolFactory(urn="123456")
    import_exclusions(written(tmp_path, VALID[:2], "first.csv"))
    suppressed = VALID[1].replace(",455,0,0,2,0.43956,2,0.43956", ",455,c,c,c,c,c,c")
    report = import_exclusions(written(tmp_path, [VALID[0], suppressed], "second.csv"))
    assert (report.updated, report.unchanged) == (1, 0)
    row = stored()[("123456", "202425", "Autumn term")]
    assert row.suspension is None
    assert row.symbols == {name: "c" for name in (
        "perm_excl", "perm_excl_rate", "suspension", "susp_rate", "one_plus_susp",
        "one_plus_susp_rate")}  # fmt: skip


def test_a_thousands_separated_figure_is_stored_as_its_number(session, tmp_path):
    SchoolFactory(urn="123456")
    line = VALID[1].replace(",455,", ',"1,455",')
    import_exclusions(written(tmp_path, [VALID[0], line], "file.csv"))
    assert stored()[("123456", "202425", "Autumn term")].headcount == Decimal("1455.00")


def test_no_staging_table_is_left_behind_after_a_good_or_a_rejected_file(session, tmp_path):
    SchoolFactory(urn="123456")
    import_exclusions(written(tmp_path, VALID[:2], "good.csv"))
    rejected = import_exclusions(written(tmp_path, [*VALID[:2], "Total,,,,"], "bad.csv"))
    assert not rejected.succeeded
    connection = db.session.connection()
    assert not inspect(connection).has_table(STAGE)
    assert STAGE not in inspect(connection).get_temp_table_names()


def test_rows_staged_before_a_late_error_are_never_stored(session, tmp_path):
    SchoolFactory(urn="123456"), SchoolFactory(urn="123457")
    bad_last = VALID[3].replace(",1020,", ",lots,")
    report = import_exclusions(written(tmp_path, [*VALID[:3], bad_last], "late.csv"), chunk_rows=1)
    assert not report.succeeded
    assert report.errors[0][0] == 4
    assert stored() == {}
