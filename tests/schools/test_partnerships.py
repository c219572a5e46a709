"""Partnership membership changes between academic years; administrators edit it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.schools.services import members_of
from tests.auth.factories import UserFactory
from tests.pages import error_summary, normalised_text
from tests.schools.factories import (
    AcademicYearFactory,
    MembershipFactory,
    PartnershipFactory,
    SchoolFactory,
)


def admin_client(client):
    return client.as_user(UserFactory.with_role(Role.ADMIN))


def test_moving_a_school_changes_this_year_and_keeps_last_year(client, session):
    last_year = AcademicYearFactory(
        label="2025/26", start_date=date(2025, 9, 1), end_date=date(2026, 8, 31), is_current=False
    )
    this_year = AcademicYearFactory()
    old = MembershipFactory(academic_year=last_year)
    MembershipFactory(school=old.school, partnership=old.partnership, academic_year=this_year)
    new_partnership = PartnershipFactory()
    admin_client(client).post(
        f"/partnerships/{new_partnership.code}/members", {"school": old.school.urn}, status=302
    )
    session.expire_all()
    assert members_of(new_partnership, this_year) == [old.school]
    assert members_of(old.partnership, this_year) == []
    assert members_of(old.partnership, last_year) == [old.school]


def test_the_partnership_page_lists_members_for_a_chosen_year(client):
    last_year = AcademicYearFactory(
        label="2025/26", start_date=date(2025, 9, 1), end_date=date(2026, 8, 31), is_current=False
    )
    AcademicYearFactory()
    old = MembershipFactory(academic_year=last_year, school__name="Moved Away School")
    admin = admin_client(client)
    assert "Moved Away School" in normalised_text(
        admin.get(f"/partnerships/{old.partnership.code}?year=2025/26")
    )
    assert "Moved Away School" not in normalised_text(
        admin.get(f"/partnerships/{old.partnership.code}")
    )


def test_an_unknown_year_is_a_404(client):
    partnership = PartnershipFactory()
    AcademicYearFactory()
    admin_client(client).get(f"/partnerships/{partnership.code}?year=1999/00", status=404)


def test_an_administrator_adds_a_partnership_with_a_tidy_code(client, session):
    admin_client(client).post("/partnerships/new", {"code": "frome", "name": "Frome AIP"}, 302)
    found = session.scalar(
        select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == "FROME")
    )
    assert found.name == "Frome AIP"


def test_a_duplicate_or_malformed_partnership_code_is_refused(client):
    PartnershipFactory(code="MEN")
    admin = admin_client(client)
    assert error_summary(admin.post("/partnerships/new", {"code": "men", "name": "Again"})) == [
        "A partnership with the code MEN already exists"
    ]
    assert error_summary(admin.post("/partnerships/new", {"code": "a b!", "name": "Bad"})) == [
        "Enter a code of 2 to 20 capital letters, digits or hyphens"
    ]


def test_renaming_a_partnership(client, session):
    partnership = PartnershipFactory()
    admin_client(client).post(f"/partnerships/{partnership.code}/edit", {"name": "Renamed"}, 302)
    session.expire_all()
    assert session.get(AreaInclusionPartnership, partnership.id).name == "Renamed"


def test_adding_an_unknown_school_is_refused_with_a_message(client):
    partnership = PartnershipFactory()
    AcademicYearFactory()
    SchoolFactory()
    page = admin_client(client).post(
        f"/partnerships/{partnership.code}/members", {"school": "000000"}
    )
    assert error_summary(page) == ["Select a school from the list"]
