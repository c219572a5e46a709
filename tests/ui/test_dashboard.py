"""Each role's home dashboard shows what they can do next."""

from __future__ import annotations

from tests.access import build_world
from tests.pages import PageClient, normalised_text


def dashboard_text(app, person) -> str:
    return normalised_text(PageClient(app, person).get("/dashboard"))


def test_a_senco_sees_their_school_and_their_role(app, client):
    world = build_world()
    text = dashboard_text(app, world.people["senco_a"])
    assert world.school_a.name in text
    assert "you are SENCO" in text
    assert world.school_b.name not in text


def test_an_adviser_sees_their_partnerships_only(app, client):
    world = build_world()
    text = dashboard_text(app, world.people["adviser_a"])
    assert world.partnership_a.name in text
    assert world.partnership_b.name not in text


def test_an_administrator_sees_council_administration(app, client):
    world = build_world()
    text = dashboard_text(app, world.people["admin"])
    assert "Council administration" in text
    assert "Add a user" in text


def test_a_person_without_a_role_is_told_how_to_get_one(app, client):
    world = build_world()
    assert "Your account has no role yet" in dashboard_text(app, world.people["no_role"])


def test_the_service_navigation_matches_the_role(app, client):
    world = build_world()
    senco_nav = PageClient(app, world.people["senco_a"]).get("/dashboard")
    admin_nav = PageClient(app, world.people["admin"]).get("/dashboard")
    assert _nav(senco_nav) == ["Home", "Schools", "Your account", "Sign out"]
    assert _nav(admin_nav) == [
        "Home",
        "Schools",
        "Partnerships",
        "Website compliance",
        "Users",
        "Imports",
        "Your account",
        "Sign out",
    ]


def _nav(page) -> list[str]:
    return [item.get_text(strip=True) for item in page.select(".govuk-service-navigation__item")]
