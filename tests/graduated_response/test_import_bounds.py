"""Every reader of an uploaded CSV is bounded: width, line and value length, line count."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from inclusion.graduated_response.imports.bounds import Bounds, TooLarge, check_bounds
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.schools.gias import GiasFileError, read_gias_csv
from tests.graduated_response.imports_support import fixture_file

GIAS_HEADER = (
    "URN,LA (code),EstablishmentNumber,EstablishmentName,EstablishmentStatus (name),"
    "OpenDate,CloseDate,TypeOfEstablishment (code),PhaseOfEducation (code)"
)


def wide_file(tmp_path: Path, first_line: str) -> Path:
    """About 2 MB: one line of a million commas after (or as) the first line."""
    path = tmp_path / "wide.csv"
    path.write_text(first_line + "\n" + "," * 1_000_000 + "\n", encoding="utf-8")
    return path


def test_a_2_mb_gias_file_with_one_very_wide_header_is_refused_in_seconds(session, tmp_path):
    path = tmp_path / "gias.csv"
    path.write_text(",".join(f"c{n}" for n in range(300_000)) + "\n1,2\n", encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    started = time.perf_counter()
    report = import_gias(path)
    assert time.perf_counter() - started < 5.0  # it took ten minutes before
    assert not report.succeeded
    assert report.errors == [
        (
            1,
            "this line is longer than 100,000 characters, far longer than a row of an "
            "official file; check it is the right file",
        )
    ]


def test_a_gias_row_with_more_values_than_any_official_file_is_refused_naming_its_line(
    session, tmp_path
):
    path = tmp_path / "gias.csv"
    path.write_text(GIAS_HEADER + "\n" + "," * 5_000 + "\n", encoding="utf-8")
    report = import_gias(path)
    assert report.errors[0][0] == 2
    assert "more than 1,000 values" in report.errors[0][1]


def test_a_dfe_file_with_a_very_wide_row_is_refused_and_nothing_is_saved(session, tmp_path):
    header = fixture_file("exclusions_valid.csv").read_text(encoding="utf-8").splitlines()[0]
    report = import_exclusions(wide_file(tmp_path, header))
    assert not report.succeeded
    assert report.errors[0][0] == 2
    assert (report.inserted, report.updated) == (0, 0)


def test_a_single_huge_value_is_refused(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("a,b\n1," + "x" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(TooLarge, match="a value on this line is longer than 10,000"):
        check_bounds(path)


def test_a_file_with_more_lines_than_the_bound_is_refused_at_the_first_line_over(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("a,b\n" + "1,2\n" * 10, encoding="utf-8")
    with pytest.raises(TooLarge) as refused:
        check_bounds(path, Bounds(lines=5))
    assert refused.value.line == 6
    assert check_bounds(path) == 11


def test_the_seeding_reader_of_gias_files_is_bounded_too(tmp_path):
    with pytest.raises(GiasFileError, match=r"wide\.csv, line 2: this line is longer than"):
        read_gias_csv(wide_file(tmp_path, GIAS_HEADER))
