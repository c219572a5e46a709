"""Public pages, error pages in the portal's design, size limits, CSRF expiry, headers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from inclusion import create_app
from inclusion.auth.roles import Role
from tests import production
from tests.auth.factories import UserFactory
from tests.conftest import TestSettings, app_in_test_transaction
from tests.pages import PageClient, normalised_text


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accessibility", "Accessibility statement"),
        ("/cookies", "Cookies"),
        ("/privacy", "Privacy notice"),
        ("/sign-in", "Sign in"),
    ],
)
def test_public_pages_render_for_anyone(client, url, heading):
    page = client.get(url)
    assert page.h1.get_text(strip=True) == heading


def test_pages_carry_the_councils_brand_and_never_the_crown(client):
    page = client.get("/sign-in")
    assert "Somerset Council" in page.select_one(".govuk-generic-header").get_text()
    html = str(page)
    assert "govuk-header__logotype" not in html
    assert "Crown copyright" not in html
    assert "govuk-icon-mask" not in html


def test_the_footer_links_to_accessibility_cookies_and_privacy(client):
    links = [a["href"] for a in client.get("/sign-in").select(".govuk-footer a")]
    assert links == ["/accessibility", "/cookies", "/privacy"]


def test_an_unknown_address_gets_the_designed_404_page(client):
    page = client.get("/no-such-page", status=404)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.select_one(".govuk-footer") is not None


def test_an_oversized_request_is_refused_with_413_and_a_clear_page(client, app):
    body = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    page = client.post("/sign-in", {"email": body, "password": "x"}, status=413)
    assert page.h1.get_text(strip=True) == "The request is too large"


def test_an_expired_form_gets_a_page_that_explains_and_loses_nothing_silently(app, session):
    class WithCsrf(TestSettings):
        WTF_CSRF_ENABLED = True

    page = PageClient(app_in_test_transaction(WithCsrf, app)).post(
        "/sign-in", {"email": "a@b.example.org", "password": "x"}, status=400
    )
    assert page.h1.get_text(strip=True) == "Your page has expired"
    assert "Nothing was saved" in normalised_text(page)


def test_the_health_check_reports_the_database(client):
    response = client.raw("GET", "/healthz")
    assert response.json == {"status": "ok", "database": "ok"}


def test_pages_for_signed_in_people_are_never_cached(client):
    signed_in = client.as_user(UserFactory.with_role(Role.ADMIN))
    response = signed_in.raw("GET", "/dashboard")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_an_unexpected_error_gets_the_designed_500_page(app, session):
    class Broken(TestSettings):
        """The test settings, for an app given a route that fails."""

    broken = app_in_test_transaction(Broken, app)

    @broken.get("/boom")
    def boom():
        raise RuntimeError("a fault")

    boom.permission = "public"
    page = PageClient(broken).get("/boom", status=500)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert "a fault" not in normalised_text(page)


def test_a_content_security_policy_allows_only_the_portals_scripts_and_its_nonced_snippet(client):
    response = client.raw("GET", "/sign-in")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    inline = [s for s in page.select("script") if not s.get("src")]
    assert inline and all(f"'nonce-{s['nonce']}'" in policy for s in inline)
    assert "Strict-Transport-Security" not in response.headers  # production only


def test_production_sends_hsts_and_redirects_plain_http(session):
    from inclusion.config import ProductionConfig

    class SafeProduction(ProductionConfig):
        SECRET_KEY = production.SAFE_SECRET_KEY
        PUBLIC_BASE_URL = production.PUBLIC_BASE_URL
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        ALLOW_SQLITE_IN_PRODUCTION = True

    production_client = create_app(SafeProduction).test_client()
    plain = production_client.get("/accessibility", base_url="http://portal.example")
    assert (plain.status_code, plain.location) == (302, "https://portal.example/accessibility")
    secure = production_client.get("/accessibility", base_url="https://portal.example")
    assert "max-age" in secure.headers["Strict-Transport-Security"]


def test_the_accessibility_statement_has_contacts_dates_and_its_known_problem(app, client):
    text = normalised_text(PageClient(app).get("/accessibility"))
    for heading in (
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in text
    assert "inclusion.portal@somerset.example.org" in text and "01632 960 123" in text
    assert "prepared on 20 November 2026" in text and "last reviewed on 3 December 2026" in text
    assert "1.4.10 (reflow)" in text
