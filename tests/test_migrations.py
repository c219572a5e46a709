"""The schema is made only by migrations, and they match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from inclusion.extensions import db


def test_the_models_and_the_migrations_describe_the_same_schema(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_the_migrations_recorded_their_head_revision(app):
    with app.app_context(), db.engine.connect() as connection:
        assert "alembic_version" in inspect(connection).get_table_names()
        version = MigrationContext.configure(connection).get_current_revision()
    assert version is not None
