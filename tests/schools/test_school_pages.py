"""School lists show only what a person may see; bad URNs are 404, never a stack trace."""

from __future__ import annotations

from inclusion.auth.roles import Role
from tests.access import build_world
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.schools.factories import AcademicYearFactory, MembershipFactory, SchoolFactory


def school_names(page) -> list[str]:
    return [row.th.get_text(" ", strip=True) for row in page.select("tbody tr")]


def test_a_senco_sees_only_their_own_school_in_the_list(app, client):
    world = build_world()
    names = school_names(PageClient(app, world.people["senco_a"]).get("/schools/"))
    assert names == [world.school_a.name]


def test_an_adviser_sees_the_schools_of_their_partnership(app, client):
    world = build_world()
    extra = MembershipFactory(partnership=world.partnership_a, academic_year=AcademicYearFactory())
    names = school_names(PageClient(app, world.people["adviser_a"]).get("/schools/"))
    assert sorted(names) == sorted([world.school_a.name, extra.school.name])


def test_a_partnership_lead_sees_no_school_pages(app, client):
    world = build_world()
    page = PageClient(app, world.people["lead_a"]).get("/schools/")
    assert school_names(page) == []


def test_the_list_filters_by_name_phase_and_closed_status(client):
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    SchoolFactory(name="Levels Primary School", phase="primary")
    SchoolFactory(name="Levels Academy", phase="secondary")
    SchoolFactory(name="Levels Old School", phase="primary", is_open=False)
    assert school_names(admin.get("/schools/?q=levels&phase=primary")) == ["Levels Primary School"]
    with_closed = school_names(admin.get("/schools/?q=levels&phase=primary&closed=1"))
    assert with_closed == ["Levels Old School Closed", "Levels Primary School"]


def test_an_unknown_phase_filter_is_ignored_rather_than_failing(client):
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    SchoolFactory(name="Any Phase School")
    assert "Any Phase School" in school_names(admin.get("/schools/?phase=<script>"))


def test_a_malformed_or_missing_urn_is_a_404_page_in_the_portal_design(client):
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    for urn in ("12345", "abcdef", "1234567", "999999", "../../etc"):
        page = admin.get(f"/schools/{urn}", status=404)
        assert page.h1.get_text(strip=True) == "Page not found"


def test_a_school_page_shows_its_details_and_current_partnership(client):
    membership = MembershipFactory(school__website="https://example.sch.uk")
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    text = normalised_text(admin.get(f"/schools/{membership.school.urn}"))
    assert membership.partnership.name in text
    assert "https://example.sch.uk" in text


def test_the_website_row_is_a_working_link_not_escaped_html(client):
    membership = MembershipFactory(school__website="https://example.sch.uk/?a=1&b=2")
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    page = admin.get(f"/schools/{membership.school.urn}")
    link = page.select_one("main .govuk-summary-list a[href^='https://example.sch.uk']")
    assert link["href"] == "https://example.sch.uk/?a=1&b=2"
    assert "<a" not in normalised_text(page)


def test_a_website_that_is_not_a_web_address_is_shown_as_text_never_as_a_link(client):
    membership = MembershipFactory(school__website="javascript:alert(1)")
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    page = admin.get(f"/schools/{membership.school.urn}")
    assert not page.select("a[href^='javascript']")
    assert "javascript:alert(1)" in normalised_text(page)
