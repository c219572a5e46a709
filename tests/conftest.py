"""Shared fixtures: one app per run, schema built by migrations, each test in a savepoint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask_login import FlaskLoginClient

from inclusion import create_app
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.jobs import DeferredRunner
from tests import database
from tests.pages import PageClient


class TestSettings(TestConfig):
    SQLALCHEMY_DATABASE_URI = database.test_database_url()


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    application = create_app(TestSettings)
    application.test_client_class = FlaskLoginClient
    database.build_schema(application)
    yield application


@pytest.fixture
def session(app: Flask) -> Iterator:
    """The SQLAlchemy savepoint recipe: app commits release savepoints; the test rolls back.

    Flask-SQLAlchemy picks the bind from its engine table, so the test's connection stands
    in for the engine there; every session of every request then joins its transaction.
    """
    _forget_queued_jobs(app)
    with app.app_context():
        engines = db._app_engines[app]
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        original = db.session
        engines[None] = connection
        db.session = db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            engines[None] = engine
            transaction.rollback()
            connection.close()
            _forget_queued_jobs(app)


def _forget_queued_jobs(app: Flask) -> None:
    """Jobs a test queued but did not run refer to rows its rollback removed: they must not
    reach the next test (features now email after their commits, e.g. an audit submitted)."""
    runner = app.extensions["job_runner"]
    if isinstance(runner, DeferredRunner):
        runner.pending.clear()
        runner.scheduled.clear()


@pytest.fixture
def client(app: Flask, session) -> PageClient:
    return PageClient(app)


def app_in_test_transaction(settings: type, app: Flask) -> Flask:
    """Another app (other settings) whose database work joins the running test's transaction."""
    other = create_app(settings)
    other.test_client_class = FlaskLoginClient
    db._app_engines[other][None] = db._app_engines[app][None]
    return other


@pytest.fixture(autouse=True)
def _shared_rate_limiter(request) -> Iterator[None]:
    """Flask-Limiter is one object: the last app to initialise it (a production or throttled
    app in some test) decides whether it counts, and its counts outlive the test. Every test
    starts and ends with no counts and the shared test app's setting."""
    yield
    if "app" in request.fixturenames:
        from inclusion.extensions import limiter

        if getattr(limiter, "_storage", None) is not None:  # none until an app counts
            limiter.reset()
        limiter.enabled = request.getfixturevalue("app").config["RATELIMIT_ENABLED"]
