"""Advisers remind schools on their "to chase" list: at most once a day per school."""

from __future__ import annotations

from inclusion.audit import lifecycle
from inclusion.auth.roles import Role
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.round.helpers import emails
from tests.schools.factories import MembershipFactory


def test_a_reminder_reaches_the_senco_and_head_once_a_day_however_often_pressed(app, world):
    adviser = PageClient(app, world.adviser)
    adviser.post(f"/schools/{world.school.urn}/remind", {"next": "/dashboard"}, status=302)
    adviser.post(f"/schools/{world.school.urn}/remind", {"next": "/dashboard"}, status=302)
    page = adviser.get("/dashboard")
    told = sorted(e.to_address for e in emails("adviser_reminder"))
    assert told == sorted([world.senco.email, world.head.email])
    assert "was already reminded today" in normalised_text(page)
    assert (
        emails("adviser_reminder")[0].personalisation["adviser_name"] == world.adviser.display_name
    )


def test_remind_all_skips_schools_already_reminded_and_those_that_submitted(app, world):
    done = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
    waiting = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
    done_senco = UserFactory.with_role(Role.SENCO, school=done)
    waiting_senco = UserFactory.with_role(Role.SENCO, school=waiting)
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    adviser = PageClient(app, world.adviser)
    adviser.post(f"/schools/{waiting.urn}/remind", status=302)
    adviser.post(f"/partnerships/{world.partnership.code}/remind", status=302)
    told = sorted(e.to_address for e in emails("adviser_reminder"))
    assert told == sorted([waiting_senco.email, done_senco.email])
    assert world.senco.email not in told


def test_a_school_that_has_submitted_cannot_be_reminded(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    adviser = PageClient(app, world.adviser)
    adviser.post(f"/schools/{world.school.urn}/remind", status=302)
    assert emails("adviser_reminder") == []
    assert "has already submitted its 2025/26 audit" in normalised_text(adviser.get("/dashboard"))


def test_the_partnership_dashboards_schools_to_chase_have_remind_buttons_for_advisers_only(
    app, world
):
    lead = UserFactory.with_role(Role.PARTNERSHIP_LEAD, partnership=world.partnership)
    url = f"/partnerships/{world.partnership.code}/dashboard"
    adviser_page = PageClient(app, world.adviser).get(url)
    buttons = [b.get_text(" ", strip=True) for b in adviser_page.select("form button")]
    assert f"Remind {world.school.name}" in buttons
    assert "Remind every school to chase" in buttons
    lead_page = PageClient(app, lead).get(url)
    assert not [b for b in lead_page.select("form button") if "Remind" in b.get_text()]
