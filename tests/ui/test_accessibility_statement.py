"""The accessibility statement is complete: contacts from the settings, how to report a
problem, both enforcement bodies, how the service was tested and its known problems."""

from __future__ import annotations

from tests.pages import PageClient, normalised_text


def statement(app) -> str:
    return normalised_text(PageClient(app).get("/accessibility"))


def test_the_contact_email_is_the_councils_from_the_settings(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ACCESSIBILITY_CONTACT_EMAIL", "access@council.example.org")
    page = PageClient(app).get("/accessibility")
    mailtos = {a["href"] for a in page.select("main a[href^='mailto:']")}
    assert mailtos == {"mailto:access@council.example.org"}


def test_it_says_how_to_report_a_problem_and_who_enforces_the_regulations(app, client):
    text = statement(app)
    assert "Reporting accessibility problems with this service" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text


def test_it_describes_how_the_service_is_tested(app, client):
    text = statement(app)
    for method in ("axe-core", "Chromium", "320 CSS pixels wide", "keyboard only", "JavaScript"):
        assert method in text, method


def test_it_states_its_known_problems_with_the_criteria_they_fail(app, client):
    text = statement(app)
    assert "partially compliant" in text
    assert "1.4.10 (reflow)" in text and "1.3.1 (info and relationships)" in text
    assert "scroll sideways inside their own box" in text
