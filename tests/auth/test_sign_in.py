"""Signing in and out: one message for any bad pair, throttling, safe redirects.
The back-off after failures is in test_back_off.py, equal work in test_enumeration.py."""

from __future__ import annotations

from inclusion.auth.roles import Role
from inclusion.auth.sign_in import SIGN_IN_FAILED
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import error_summary, normalised_text


def sign_in(client, email: str, password: str, status: int = 200, **kwargs):
    return client.post("/sign-in", {"email": email, "password": password}, status, **kwargs)


def test_a_person_signs_in_with_their_email_in_any_case_and_reaches_their_dashboard(client):
    user = UserFactory.with_role(Role.ADMIN, email="alex@council.example.org")
    sign_in(client, "  Alex@Council.Example.org ", PASSWORD, status=302)
    assert client.last_response.location == "/dashboard"
    page = client.get("/dashboard")
    assert user.display_name in normalised_text(page)


def test_an_unknown_email_and_a_wrong_password_get_the_same_message(client):
    UserFactory(email="known@school.example.org")
    unknown = sign_in(client, "nobody@school.example.org", PASSWORD)
    wrong = sign_in(client, "known@school.example.org", "not the password at all")
    assert error_summary(unknown) == error_summary(wrong) == [SIGN_IN_FAILED]
    assert unknown.title.get_text().startswith("Error: ")


def test_an_empty_form_names_each_missing_field(client):
    page = sign_in(client, "", "")
    assert error_summary(page) == ["Enter your email address", "Enter your password"]


def test_a_deactivated_account_cannot_sign_in(client):
    UserFactory(email="gone@school.example.org", active=False)
    page = sign_in(client, "gone@school.example.org", PASSWORD)
    assert error_summary(page) == [SIGN_IN_FAILED]


def test_after_sign_in_only_a_local_next_address_is_followed(client):
    UserFactory(email="next@school.example.org")
    sign_in(
        client, "next@school.example.org", PASSWORD, status=302, query_string={"next": "/schools/"}
    )
    assert client.last_response.location == "/schools/"


def test_after_sign_in_an_outside_next_address_is_ignored(client):
    UserFactory(email="phish@school.example.org")
    for target in ("https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"):
        fresh = client.as_user(None)
        sign_in(
            fresh, "phish@school.example.org", PASSWORD, status=302, query_string={"next": target}
        )
        assert fresh.last_response.location == "/dashboard"


def test_signing_out_ends_the_session(app, client):
    user = UserFactory.with_role(Role.ADMIN)
    signed_in = client.as_user(user)
    signed_in.post("/sign-out", status=302)
    signed_in.get("/dashboard", status=302)
    assert signed_in.last_response.location.startswith("/sign-in")


def test_a_signed_out_visitor_is_sent_to_sign_in_and_brought_back(client):
    client.get("/schools/", status=302)
    assert client.last_response.location == "/sign-in?next=%2Fschools%2F"


def test_sign_in_is_throttled_per_address_with_a_friendly_page(throttled_client):
    responses = [
        throttled_client.raw(
            "POST", "/sign-in", data={"email": f"p{n}@x.example.org", "password": "x"}
        )
        for n in range(22)
    ]
    assert [r.status_code for r in responses] == [200] * 20 + [429, 429]
    assert "Too many attempts" in responses[-1].get_data(as_text=True)


def test_sign_in_is_throttled_per_account_whatever_the_address(throttled_client):
    statuses = [
        throttled_client.raw(
            "POST",
            "/sign-in",
            data={"email": "victim@x.example.org", "password": "x"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        ).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
