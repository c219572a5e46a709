"""A small world for the setting-to-setting support tests: two partnerships this year, an
adviser, a lead and an administrator, and helpers that submit audits through the real services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inclusion.area_partnerships import support, support_offers
from inclusion.area_partnerships.models import SupportPairing
from inclusion.area_partnerships.scope import Scope
from inclusion.audit import lifecycle
from inclusion.audit.answers import AnswerInput, save_answer, start_audit
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from tests.audit.conftest import load_small_frameworks, small_years
from tests.auth.factories import UserFactory
from tests.schools.factories import MembershipFactory, PartnershipFactory, SchoolFactory

EMBEDDED, ESTABLISHED, EMERGING, NOT_YET = 3, 2, 1, 0


@dataclass
class World:
    last_year: AcademicYear
    year: AcademicYear
    home: AreaInclusionPartnership
    away: AreaInclusionPartnership
    adviser: User
    lead: User
    admin: User

    @property
    def scope(self) -> Scope:
        return Scope(self.year, self.home)

    def url(self, suffix: str) -> str:
        return f"/partnerships/{self.home.code}/{suffix}"


def make_world(app) -> World:
    last, this = small_years()
    load_small_frameworks(app)
    home, away = PartnershipFactory(), PartnershipFactory()
    return World(
        last_year=last,
        year=this,
        home=home,
        away=away,
        adviser=UserFactory.with_role(Role.ADVISER, partnership=home),
        lead=UserFactory.with_role(Role.PARTNERSHIP_LEAD, partnership=home),
        admin=UserFactory.with_role(Role.ADMIN),
    )


def school(world: World, name: str, phase: str = "primary", at=None, away=False) -> School:
    """A school in the home (or away) partnership this year; `at` is (easting, northing)."""
    easting, northing = at or (None, None)
    found = SchoolFactory(name=name, phase=phase, easting=easting, northing=northing)
    partnership = world.away if away else world.home
    MembershipFactory(school=found, partnership=partnership, academic_year=world.year)
    return found


def submit_audit(app, world: World, found: School, ratings: dict[str, int], year=None) -> None:
    """Answer every standard (Established unless given) and submit through the real services."""
    year = year or world.year
    with app.test_request_context():
        audit = start_audit(found, year, world.admin)
        for standard in support.standards_in(year):
            given = AnswerInput(rating=ratings.get(standard.code, ESTABLISHED), evidence="Seen")
            save_answer(audit, standard, given, None, world.admin)
        lifecycle.submit(audit, world.admin)


def offer(world: World, found: School, codes: list[str], visits: int = 2) -> None:
    given = support_offers.CapacityInput(codes, visits)
    support_offers.declare_capacity(found, world.year, given, world.admin)


def supporter(app, world: World, name: str, **where) -> School:
    found = school(world, name, **where)
    submit_audit(app, world, found, {"LG1": EMBEDDED})
    offer(world, found, ["LG1"])
    return found


def pairing(world, supporting, supported, code="LG1", status="planned", year=None):
    record = SupportPairing(
        academic_year_id=(year or world.year).id,
        supporting_school_id=supporting.id,
        supported_school_id=supported.id,
        standard_code=code,
        start_date=date(2025, 10, 1),
        planned_end_date=date(2026, 3, 31),
        status=status,
    )
    db.session.add(record)
    db.session.flush()
    return record


def pairing_form(supporting, supported, **changes) -> dict[str, str]:
    form = {
        "supporting_urn": supporting.urn,
        "supported_urn": supported.urn,
        "standard_code": "LG1",
        "start_date-day": "1",
        "start_date-month": "10",
        "start_date-year": "2025",
        "planned_end_date-day": "31",
        "planned_end_date-month": "3",
        "planned_end_date-year": "2026",
        "status": "planned",
        "notes": "Fortnightly visits from the SENCO",
    }
    return form | changes


def ranked_world(app, world: World) -> dict[str, School]:
    """One school in need at (300000, 100000) and five supporters around it."""
    needy = school(world, "Needy Primary", at=(300000, 100000))
    submit_audit(app, world, needy, {"LG1": EMERGING})
    schools = {"needy": needy}
    schools["alder"] = supporter(app, world, "Alder Primary", at=(320000, 100000))
    schools["birch"] = supporter(
        app, world, "Birch Secondary", phase="secondary", at=(305000, 100000)
    )
    schools["cedar"] = supporter(app, world, "Cedar Primary", at=(300000, 105000))
    schools["damson"] = supporter(app, world, "Damson Primary")
    schools["elm"] = supporter(app, world, "Elm Primary", at=(301000, 100000), away=True)
    return schools
