"""Setting-to-setting support: capacity, ranked matches, pairings, outcomes, access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from inclusion.area_partnerships import support
from inclusion.area_partnerships.models import SupportPairing
from inclusion.area_partnerships.scope import Scope
from inclusion.audit import lifecycle
from inclusion.audit.answers import AnswerInput, save_answer, start_audit
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from tests.audit.conftest import load_small_frameworks, small_years
from tests.auth.factories import UserFactory
from tests.pages import PageClient, error_summary, normalised_text
from tests.queries import counting_queries
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


@pytest.fixture
def world(app, session) -> World:
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
    support.declare_capacity(found, world.year, support.CapacityInput(codes, visits), world.admin)


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


def test_matches_put_the_same_partnership_first_then_the_nearest_then_the_same_phase(app, world):
    schools = ranked_world(app, world)
    found = support.matches(world.scope, "LG1")
    [need] = found.needing
    assert (need.school, need.rating_label) == (schools["needy"], "Emerging")
    ranked = [c.supporter.school.name for c in need.candidates]
    assert ranked == [
        "Cedar Primary",  # 5 km, same phase
        "Birch Secondary",  # 5 km, another phase
        "Alder Primary",  # 20 km
        "Damson Primary",  # no coordinates
        "Elm Primary",  # 1 km, but in another partnership
    ]
    assert [round(c.distance_km, 1) for c in need.candidates[:3]] == [5.0, 5.0, 20.0]


def test_only_embedded_schools_that_declared_capacity_are_offered_as_support(app, world):
    needy = school(world, "Needy Primary")
    submit_audit(app, world, needy, {"LG1": NOT_YET})
    quiet = school(world, "Quiet Primary")  # Embedded, but offers nothing
    submit_audit(app, world, quiet, {"LG1": EMBEDDED})
    willing = school(world, "Willing Primary")  # offers LG1, but rates it Established
    submit_audit(app, world, willing, {})
    offer(world, willing, ["LG1"])
    assert support.matches(world.scope, "LG1").supporters == []
    senco = UserFactory.with_role(Role.SENCO, school=quiet)
    staff = PageClient(app, senco)
    url = f"/schools/{quiet.urn}/support-capacity"
    staff.post(url, {"standard_codes": ["LG1", "LG2"], "visits_per_term": "3"}, status=302)
    [found] = support.matches(world.scope, "LG1").supporters
    assert (found.school, found.visits_per_term) == (quiet, 3)
    assert [n.rating_label for n in support.matches(world.scope, "LG1").needing] == [
        "Not yet in place"
    ]


def test_the_support_page_shows_each_supporting_schools_current_load(app, world):
    schools = ranked_world(app, world)
    cedar, needy = schools["cedar"], schools["needy"]
    offer(world, cedar, ["LG1"], visits=3)
    pairing(world, cedar, needy, status="planned")
    pairing(world, cedar, schools["alder"], code="LG2", status="active")
    pairing(world, cedar, needy, code="LG2", status="completed")
    pairing(world, cedar, needy, status="active", year=world.last_year)
    page = PageClient(app, world.adviser).get(world.url("support?standard=LG1"))
    row = next(r for r in page.select("#supporters ~ table tr") if "Cedar Primary" in r.text)
    assert row.select("td")[-1].get_text(strip=True) == "2 of 3 a term"
    assert "Needy Primary (Primary, rated Emerging)" in normalised_text(page)


def test_matching_takes_a_fixed_number_of_queries(app, world):
    ranked_world(app, world)
    scope = world.scope
    assert scope.year.id and scope.partnership.id  # loaded before counting
    with counting_queries(app) as counter:
        found = support.matches(scope, "LG1")
        names = [c.supporter.school.name for n in found.needing for c in n.candidates]
    assert len(names) == 5
    assert counter.count <= 4


def test_declaring_capacity_refuses_visits_outside_1_to_12_and_unknown_standards(app, world):
    found = school(world, "Offering Primary")
    senco = UserFactory.with_role(Role.SENCO, school=found)
    url = f"/schools/{found.urn}/support-capacity"
    page = PageClient(app, senco).post(url, {"standard_codes": ["LG1"], "visits_per_term": "13"})
    assert error_summary(page) == ["Enter the number of visits or sessions a term, from 1 to 12"]
    with pytest.raises(InvalidInput, match="Select standards from the 2025/26 framework"):
        offer(world, found, ["LG9"])
    assert support.capacity_of(found, world.year) == []


def test_clearing_every_standard_withdraws_the_offer(app, world):
    found = school(world, "Offering Primary")
    offer(world, found, ["LG1", "SD2"])
    senco = UserFactory.with_role(Role.SENCO, school=found)
    staff = PageClient(app, senco)
    page = staff.get(f"/schools/{found.urn}/support-capacity")
    assert [box["value"] for box in page.select("input[name=standard_codes][checked]")] == [
        "LG1",
        "SD2",
    ]
    support.remove_capacity(found, world.year, "SD2")
    assert [c.standard_code for c in support.capacity_of(found, world.year)] == ["LG1"]
    staff.post(f"/schools/{found.urn}/support-capacity", {"visits_per_term": ""}, status=302)
    assert support.capacity_of(found, world.year) == []


def test_an_adviser_records_a_pairing_then_changes_its_status(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    adviser = PageClient(app, world.adviser)
    adviser.post(world.url("pairings"), pairing_form(helper, helped), status=302)
    assert adviser.last_response.location.endswith(world.url("pairings"))
    page = adviser.get(world.url("pairings"))
    cells = [td.get_text(strip=True) for td in page.select("tbody tr td")]
    assert cells[:5] == [
        "Helper Primary",
        "Helped Primary",
        "2025/26: 1 October 2025 to 31 March 2026",
        "Planned",
        "Not yet known",
    ]
    edit = page.select_one("tbody a")["href"]
    adviser.post(edit, {"status": "active", "notes": "Started", "version": "1"}, status=302)
    assert "Active" in normalised_text(adviser.get(world.url("pairings")))


def test_a_stale_save_of_a_pairing_is_refused_with_a_clear_message(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    record = pairing(world, helper, helped)
    url = world.url(f"pairings/{record.id}")
    PageClient(app, world.adviser).post(url, {"status": "active", "version": "1"}, status=302)
    page = PageClient(app, world.admin).post(url, {"status": "ended", "version": "1"})
    assert error_summary(page) == [
        "Someone else changed this pairing while you were editing it. "
        "Reload the page to see their changes, then make yours again."
    ]
    db.session.expire_all()
    assert (record.status, record.version) == ("active", 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"supported_urn": "HELPER"},
            "The supporting school and the supported school must be different",
        ),
        (
            {"planned_end_date-year": "2025"},
            "The planned end date must be after the start date",
        ),
        ({"standard_code": "CI-U3"}, "Select a standard from the 2025/26 framework"),
        ({"status": "paused"}, "Select a status: planned, active, completed or ended"),
        (
            {"supporting_urn": "999999"},
            "There is no school with URN 999999: check the supporting school's URN",
        ),
        ({"start_date-month": "13"}, "Start date must be a real date, like 27 3 2027"),
        ({"supported_urn": "AWAY"}, "is not in"),
        ({"supporting_urn": "AWAY"}, "has not offered support on LG1 in 2025/26"),
    ],
)
def test_recording_a_pairing_explains_each_mistake(app, world, change, message):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    elsewhere = school(world, "Elsewhere Primary", away=True)
    urns = {"HELPER": helper.urn, "AWAY": elsewhere.urn}
    given = pairing_form(helper, helped) | {k: urns.get(v, v) for k, v in change.items()}
    page = PageClient(app, world.adviser).post(world.url("pairings"), given)
    [shown] = error_summary(page)
    assert message in shown
    assert support.pairings_in(world.home) == []


def test_a_school_in_another_partnership_that_offered_support_can_be_paired(app, world):
    helped = school(world, "Helped Primary")
    offering = supporter(app, world, "Offering Primary", away=True)
    adviser = PageClient(app, world.adviser)
    adviser.post(world.url("pairings"), pairing_form(offering, helped), status=302)
    [recorded] = support.pairings_in(world.home)
    assert recorded.pairing.supporting_school_id == offering.id


def test_both_schools_see_their_pairings_and_nobody_elses(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary", away=True)
    bystander = school(world, "Bystander Primary")
    pairing(world, helper, helped, code="SD2")
    for found, other in ((helper, "Helped Primary"), (helped, "Helper Primary")):
        senco = UserFactory.with_role(Role.SENCO, school=found)
        text = normalised_text(PageClient(app, senco).get(f"/schools/{found.urn}/support-capacity"))
        assert other in text and "SD2: The SENCO has time for the role" in text
    senco = UserFactory.with_role(Role.SENCO, school=bystander)
    text = normalised_text(PageClient(app, senco).get(f"/schools/{bystander.urn}/support-capacity"))
    assert "No school is supporting yours" in text and "Helped Primary" not in text


def test_the_outcome_is_the_supported_schools_rating_of_the_successor_standard_next_year(
    app, world
):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    for found in (helper, helped):
        MembershipFactory(school=found, partnership=world.home, academic_year=world.last_year)
    last_scope = Scope(world.last_year, world.home)
    for code in ("CI-U1", "CI-U3"):  # CI-U3 has no successor in 2025/26
        given = support.PairingInput(
            helper.urn, helped.urn, code, date(2024, 10, 1), date(2025, 3, 31), "completed"
        )
        support.record_pairing(last_scope, given, world.adviser)
    pairing(world, helper, helped, code="CI-U1")  # this year's: nothing to show yet

    def outcomes() -> list[tuple[str, str, str]]:
        rows = support.pairings_of(helped)
        return [(r.pairing.academic_year.label, r.pairing.standard_code, r.outcome) for r in rows]

    assert {o for _, _, o in outcomes()} == {"Not yet known"}
    submit_audit(app, world, helped, {"CI-U1": EMBEDDED})
    assert outcomes() == [
        ("2025/26", "CI-U1", "Not yet known"),
        ("2024/25", "CI-U1", "Embedded"),
        ("2024/25", "CI-U3", "Not yet known"),
    ]
    page = PageClient(app, world.adviser).get(world.url("pairings"))
    assert "Embedded" in normalised_text(page)


def test_a_partnership_lead_sees_aggregates_only_and_is_refused_the_support_page(app, world):
    page = PageClient(app, world.lead).get(world.url("support"), status=403)
    assert "Only the partnership's inclusion advisers" in normalised_text(page)
    PageClient(app, world.lead).get(world.url("pairings"), status=403)
    dashboard = PageClient(app, world.adviser).get(world.url("dashboard"))
    assert dashboard.find("a", href=world.url("support"))
    lead_dashboard = PageClient(app, world.lead).get(world.url("dashboard"))
    assert not lead_dashboard.find("a", href=world.url("support"))


def test_a_senco_of_another_school_cannot_tell_a_schools_support_page_exists(app, world):
    mine, theirs = school(world, "Mine Primary"), school(world, "Theirs Primary")
    senco = PageClient(app, UserFactory.with_role(Role.SENCO, school=mine))
    senco.get(f"/schools/{theirs.urn}/support-capacity", status=404)
    senco.get("/schools/999999/support-capacity", status=404)
    senco.get(world.url("support"), status=404)
