"""Behind a reverse proxy (issue 18, item 7): with TRUSTED_PROXIES set, each client has its
own sign-in limit and its own address in the security log; with 0, a forged X-Forwarded-For
changes nothing. Emailed and printed links start with PUBLIC_BASE_URL (production requires it:
tests/test_app_factory.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from inclusion.security.models import SecurityEvent
from tests.auth.conftest import ThrottledSettings, restore_limiter
from tests.auth.factories import UserFactory
from tests.conftest import TestSettings, app_in_test_transaction
from tests.pages import PageClient

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


class BehindOneProxy(ThrottledSettings):
    TRUSTED_PROXIES = 1


class NoProxy(TestSettings):
    TRUSTED_PROXIES = 0


@pytest.fixture(autouse=True)
def _limiter_restored(app) -> Iterator[None]:
    yield
    restore_limiter(app)


def attempt(browser: PageClient, client_address: str, n: int) -> int:
    return browser.raw(
        "POST",
        "/sign-in",
        data={"email": f"p{n}@x.example.org", "password": "x"},
        headers={"X-Forwarded-For": client_address},
        environ_base=PROXY,
    ).status_code


def test_behind_a_trusted_proxy_each_client_has_its_own_sign_in_limit(app, session):
    browser = PageClient(app_in_test_transaction(BehindOneProxy, app))
    limit = int(app.config["SIGN_IN_LIMIT_PER_ADDRESS"].split()[0])
    busy = [attempt(browser, "203.0.113.7", n) for n in range(limit + 1)]
    assert busy[-1] == 429
    assert attempt(browser, "198.51.100.9", 999) == 200


def latest_address(session) -> str:
    return session.scalars(select(SecurityEvent.address).order_by(SecurityEvent.id.desc())).first()


def test_the_security_log_records_the_clients_address_from_the_trusted_proxy(app, session):
    browser = PageClient(app_in_test_transaction(BehindOneProxy, app))
    attempt(browser, "203.0.113.7", 1)
    assert latest_address(session) == "203.0.113.7"


def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(app, session):
    browser = PageClient(app_in_test_transaction(NoProxy, app))
    attempt(browser, "203.0.113.7", 1)
    assert latest_address(session) == "10.0.0.2"


def test_the_printed_set_password_link_starts_with_the_public_base_url(app, session):
    class Public(TestSettings):
        PUBLIC_BASE_URL = "https://inclusion.council.example"

    user = UserFactory(email="printed@council.example.org")
    session.flush()
    public = app_in_test_transaction(Public, app)
    with public.app_context():  # the command runs in this app, not the test's
        result = public.test_cli_runner().invoke(args=["users", "link", user.email])
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("https://inclusion.council.example/set-password/")
