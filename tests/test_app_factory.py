"""The app factory, configuration by environment and the production safety checks: the
configuration fails closed (issue 18, item 16) and behind proxies (item 7)."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest

from inclusion import create_app
from inclusion.config import (
    DEFAULT_SECRET_KEY,
    ConfigurationError,
    DevelopmentConfig,
    ProductionConfig,
    TestConfig,
    check_production_safety,
    config_for_environment,
)
from tests import production

POSTGRES_URL = "postgresql+psycopg://portal@db.internal/inclusion"


def production_settings(**overrides) -> dict:
    settings = {
        "ENV_NAME": "production",
        "SECRET_KEY": production.SAFE_SECRET_KEY,
        "PUBLIC_BASE_URL": production.PUBLIC_BASE_URL,
        "SQLALCHEMY_DATABASE_URI": POSTGRES_URL,
        "ALLOW_SQLITE_IN_PRODUCTION": False,
    }
    return settings | overrides


def test_inclusion_env_chooses_the_configuration(monkeypatch):
    for name, expected in [("production", ProductionConfig), ("TEST", TestConfig)]:
        monkeypatch.setenv("INCLUSION_ENV", name)
        assert config_for_environment() is expected


def test_an_unset_environment_gets_production_and_its_checks_not_development(monkeypatch):
    monkeypatch.delenv("INCLUSION_ENV", raising=False)
    assert config_for_environment() is ProductionConfig
    with pytest.raises(ConfigurationError, match="INCLUSION_ENV is unset"):
        create_app()  # no SECRET_KEY or PUBLIC_BASE_URL here: it refuses to serve
    monkeypatch.setenv("INCLUSION_ENV", "development")
    assert config_for_environment() is DevelopmentConfig


def test_make_run_and_the_commands_it_runs_choose_development_explicitly():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    flask_line = re.search(r"^FLASK := (.*)$", makefile, re.MULTILINE).group(1)
    assert "INCLUSION_ENV=development" in flask_line
    assert re.search(r"^run:.*\n\t\$\(FLASK\) run", makefile, re.MULTILINE)


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "a-long-random-secret",  # 20 characters
        DEFAULT_SECRET_KEY,
        "test-secret-key",
        "a" * 64,  # long but not random
        "abcabcabcabcabcabcabcabcabcabcabcabcabc",
    ],
)
def test_production_refuses_a_short_known_or_repetitive_secret_key(key):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        check_production_safety(production_settings(SECRET_KEY=key))


def test_production_accepts_a_key_of_32_random_bytes_or_more():
    for key in (secrets.token_urlsafe(32), secrets.token_hex(32), secrets.token_urlsafe(48)):
        check_production_safety(production_settings(SECRET_KEY=key))


def test_production_refuses_demo_mode():
    with pytest.raises(ConfigurationError, match="DEMO_MODE"):
        check_production_safety(production_settings(DEMO_MODE=True))


def test_production_requires_a_public_https_base_url_for_links():
    for url in ("", "http://inclusion.council.example", "https://"):
        with pytest.raises(ConfigurationError, match="PUBLIC_BASE_URL"):
            check_production_safety(production_settings(PUBLIC_BASE_URL=url))


def test_production_refuses_per_process_rate_limits_with_more_than_one_worker():
    several = production_settings(WEB_CONCURRENCY=4, RATELIMIT_STORAGE_URI="memory://")
    with pytest.raises(ConfigurationError, match="RATELIMIT_STORAGE_URI"):
        check_production_safety(several)
    check_production_safety(several | {"RATELIMIT_STORAGE_URI": "redis://cache:6379/0"})
    check_production_safety(several | {"WEB_CONCURRENCY": 1})


def test_an_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("INCLUSION_ENV", "staging-ish")
    with pytest.raises(ConfigurationError, match="INCLUSION_ENV must be one of"):
        config_for_environment()


def test_production_refuses_the_default_secret_key():
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        check_production_safety(production_settings(SECRET_KEY=DEFAULT_SECRET_KEY))


def test_production_refuses_sqlite_unless_explicitly_allowed():
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        check_production_safety(production_settings(SQLALCHEMY_DATABASE_URI="sqlite:///x.db"))
    check_production_safety(
        production_settings(
            SQLALCHEMY_DATABASE_URI="sqlite:///x.db", ALLOW_SQLITE_IN_PRODUCTION=True
        )
    )


def test_create_app_refuses_to_start_an_unsafe_production_app():
    class UnsafeProduction(ProductionConfig):
        SECRET_KEY = DEFAULT_SECRET_KEY
        PUBLIC_BASE_URL = production.PUBLIC_BASE_URL
        SQLALCHEMY_DATABASE_URI = POSTGRES_URL

    with pytest.raises(ConfigurationError):
        create_app(UnsafeProduction)


def test_production_cookies_are_secure_http_only_and_same_site_lax():
    class SafeProduction(ProductionConfig):
        SECRET_KEY = production.SAFE_SECRET_KEY
        PUBLIC_BASE_URL = production.PUBLIC_BASE_URL
        SQLALCHEMY_DATABASE_URI = POSTGRES_URL

    app = create_app(SafeProduction)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["DEMO_MODE"] is False


def test_the_app_caps_the_size_of_a_request(app):
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 50 * 1024 * 1024
