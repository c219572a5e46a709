"""Helpers for the import tests: fixture files, apps with the imports blueprint, counts.

Apps made here share the test's connection, so their requests join its transaction and roll
back with it, as the main `app` fixture's requests do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask_login import FlaskLoginClient
from sqlalchemy import func, select

from inclusion import create_app
from inclusion.extensions import db
from inclusion.graduated_response.import_views import imports
from inclusion.graduated_response.models import ImportRun, OfficialExclusionFigure
from inclusion.schools.models import School
from tests.conftest import TestSettings

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_file(name: str) -> Path:
    return FIXTURES / name


class SmallImportsSettings(TestSettings):
    """Uploads over 2,000 bytes refused; the portal-wide limit below a small valid file."""

    MAX_IMPORT_BYTES = 2_000
    MAX_CONTENT_LENGTH = 500


class CsrfSettings(SmallImportsSettings):
    """CSRF on, as in production; the portal-wide limit still below a small valid file."""

    WTF_CSRF_ENABLED = True


def app_with_imports(settings: type[TestSettings]) -> Flask:
    """An app from `settings`, with the imports blueprint (added here until create_app has it)."""
    application = create_app(settings)
    application.test_client_class = FlaskLoginClient
    if "imports" not in application.blueprints:
        application.register_blueprint(imports)
    return application


def share_test_connection(app: Flask, other: Flask) -> Callable[[], None]:
    """Point `other`'s engine at the test's connection (as the session fixture does for `app`).

    Returns the function that puts it back.
    """
    engines = db._app_engines[other]
    original = engines[None]
    engines[None] = db._app_engines[app][None]

    def restore() -> None:
        engines[None] = original

    return restore


def default_imports_app(app: Flask) -> Flask:
    """The main app once create_app registers the blueprint; until then, one made here."""
    return app if "imports" in app.blueprints else _separate_imports_app()


@functools.cache
def _separate_imports_app() -> Flask:
    return app_with_imports(TestSettings)


def table_counts() -> dict[str, int]:
    """Rows in each table an import may touch."""
    return {
        "figures": db.session.scalar(select(func.count()).select_from(OfficialExclusionFigure)),
        "schools": db.session.scalar(select(func.count()).select_from(School)),
        "runs": db.session.scalar(select(func.count()).select_from(ImportRun)),
    }


def figure_rows() -> list[tuple]:
    """Every stored figure, as plain values, for before-and-after comparisons."""
    table = OfficialExclusionFigure.__table__
    return [tuple(row) for row in db.session.execute(select(table).order_by(table.c.id))]


def school_rows() -> list[tuple]:
    table = School.__table__
    return [tuple(row) for row in db.session.execute(select(table).order_by(table.c.id))]


def official_rows(model) -> list[tuple]:
    """Every stored row of an official figures model, as plain values."""
    table = model.__table__
    return [tuple(row) for row in db.session.execute(select(table).order_by(table.c.id))]
