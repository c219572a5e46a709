"""GIAS extracts as people download them: any columns beyond the needed ones, new schools
placed in their partnership by district."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.schools.models import PartnershipMembership, School
from tests.graduated_response.imports_support import fixture_file
from tests.schools.factories import (
    AcademicYearFactory,
    MembershipFactory,
    PartnershipFactory,
    SchoolFactory,
)

NEEDED_ONLY = "gias_needed_columns_only.csv"


def school(urn: str) -> School | None:
    return db.session.scalar(select(School).where(School.urn == urn))


def partnership_of(urn: str, year) -> str | None:
    return db.session.scalar(
        select(PartnershipMembership)
        .join(School, School.id == PartnershipMembership.school_id)
        .where(School.urn == urn, PartnershipMembership.academic_year_id == year.id)
    ).partnership.code


def with_header(tmp_path: Path, old: str, new: str) -> Path:
    text = fixture_file(NEEDED_ONLY).read_text(encoding="utf-8")
    path = tmp_path / "extract.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_extract_with_only_the_needed_columns_is_imported(session):
    report = import_gias(fixture_file(NEEDED_ONLY))
    assert report.succeeded, report.errors
    assert report.inserted == 4  # Mill Lane is closed and was never in the portal
    acorn = school("990101")
    assert (acorn.name, acorn.laestab, acorn.phase, acorn.district_code) == (
        "Acorn First School",
        "9332108",
        "primary",
        "E07000188",
    )


def test_type_and_phase_are_read_from_their_names_when_the_codes_are_absent(session):
    import_gias(fixture_file(NEEDED_ONLY))
    fairmead = school("990106")
    assert (fairmead.phase, fairmead.establishment_type_code) == ("special", 12)
    assert school("990102").phase == "secondary"


def test_a_school_proposed_to_close_stays_open_until_its_close_date(session):
    import_gias(fixture_file(NEEDED_ONLY))
    assert school("990102").is_open is True


def test_a_column_the_extract_lacks_is_left_as_it_was_never_blanked(session):
    SchoolFactory(urn="990101", name="Acorn First School", website="https://acorn.example")
    import_gias(fixture_file(NEEDED_ONLY))
    assert school("990101").website == "https://acorn.example"


def test_a_malformed_date_is_named_by_line_and_column(session, tmp_path):
    path = with_header(tmp_path, "01-09-1975", "1st Sept 1975")
    report = import_gias(path)
    assert report.errors == [(2, "OpenDate must be a date like 01-09-2024, not '1st Sept 1975'")]


def test_a_renamed_needed_column_is_named_with_the_column_that_replaced_it(session, tmp_path):
    report = import_gias(with_header(tmp_path, "EstablishmentNumber", "EstablishmentNo"))
    assert report.errors == [
        (1, "The file is missing the column: EstablishmentNumber, perhaps renamed as "
         "'EstablishmentNo'.")
    ]  # fmt: skip


def test_a_missing_type_needs_either_its_code_or_its_name(session, tmp_path):
    report = import_gias(with_header(tmp_path, "TypeOfEstablishment (name)", "Kind"))
    assert report.errors == [
        (
            1,
            "The file is missing the column: TypeOfEstablishment (code) or "
            "TypeOfEstablishment (name).",
        )
    ]


def test_missing_dates_are_named_together(session, tmp_path):
    path = with_header(tmp_path, "OpenDate,CloseDate", "Opened,Closed")
    [(line, message)] = import_gias(path).errors
    assert line == 1
    assert message.startswith("The file is missing the columns: OpenDate")
    assert "CloseDate" in message


# ---- placing new schools in their partnership by district ----


def partnerships_and_year():
    """This year: Sedgemoor's school in SED, a Taunton school moved by hand to MEN."""
    year = AcademicYearFactory(label="2026/27", is_current=True)
    sed = PartnershipFactory(code="SED", name="Sedgemoor")
    PartnershipFactory(code="SWT", name="Somerset West and Taunton")
    men = PartnershipFactory(code="MEN", name="Mendip")
    MembershipFactory(
        school=SchoolFactory(district_code="E07000188"), partnership=sed, academic_year=year
    )
    MembershipFactory(
        school=SchoolFactory(district_code="E07000246"), partnership=men, academic_year=year
    )
    return year


def test_a_new_school_is_placed_in_the_partnership_of_its_district(session):
    year = partnerships_and_year()
    report = import_gias(fixture_file(NEEDED_ONLY))
    assert partnership_of("990101", year) == "SED"
    assert "new schools placed in their partnership by district: 2" in report.lines()
    assert any("partnership: (blank) -> SED" in line for line in report.lines())


def test_a_district_follows_where_the_council_moved_its_schools(session):
    """The seed puts Somerset West and Taunton in SWT; this year its schools are in MEN."""
    year = partnerships_and_year()
    import_gias(fixture_file(NEEDED_ONLY))
    assert partnership_of("990102", year) == "MEN"


def test_a_district_with_no_school_placed_yet_takes_the_seeded_partnership(session):
    year = partnerships_and_year()
    PartnershipFactory(code="SSO", name="South Somerset")
    import_gias(fixture_file(NEEDED_ONLY))
    assert partnership_of("990106", year) == "SSO"


def test_a_school_whose_district_has_no_partnership_is_named_for_placing_by_hand(session):
    partnerships_and_year()
    report = import_gias(fixture_file(NEEDED_ONLY))
    assert (
        "new schools whose district has no partnership (place them by hand): 990106, 990107"
        in report.lines()
    )


def test_a_dry_run_says_where_new_schools_would_go_and_places_none(session):
    partnerships_and_year()
    before = db.session.scalar(select(db.func.count()).select_from(PartnershipMembership))
    report = import_gias(fixture_file(NEEDED_ONLY), dry_run=True)
    assert "new schools placed in their partnership by district: 2" in report.lines()
    after = db.session.scalar(select(db.func.count()).select_from(PartnershipMembership))
    assert after == before
