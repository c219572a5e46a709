"""The app factory, configuration by environment and the production safety checks."""

from __future__ import annotations

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

POSTGRES_URL = "postgresql+psycopg://portal@db.internal/inclusion"


def production_settings(**overrides) -> dict:
    settings = {
        "ENV_NAME": "production",
        "SECRET_KEY": "a-long-random-secret",
        "SQLALCHEMY_DATABASE_URI": POSTGRES_URL,
        "ALLOW_SQLITE_IN_PRODUCTION": False,
    }
    return settings | overrides


def test_inclusion_env_chooses_the_configuration(monkeypatch):
    for name, expected in [("production", ProductionConfig), ("TEST", TestConfig)]:
        monkeypatch.setenv("INCLUSION_ENV", name)
        assert config_for_environment() is expected


def test_development_is_the_default_configuration(monkeypatch):
    monkeypatch.delenv("INCLUSION_ENV", raising=False)
    assert config_for_environment() is DevelopmentConfig


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
        SQLALCHEMY_DATABASE_URI = POSTGRES_URL

    with pytest.raises(ConfigurationError):
        create_app(UnsafeProduction)


def test_production_cookies_are_secure_http_only_and_same_site_lax():
    class SafeProduction(ProductionConfig):
        SECRET_KEY = "a-long-random-secret"
        SQLALCHEMY_DATABASE_URI = POSTGRES_URL

    app = create_app(SafeProduction)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["DEMO_MODE"] is False


def test_the_app_caps_the_size_of_a_request(app):
    assert 0 < app.config["MAX_CONTENT_LENGTH"] <= 50 * 1024 * 1024
