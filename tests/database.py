"""Test databases are built by the real migrations, on SQLite or PostgreSQL."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from inclusion.extensions import db


def test_database_url() -> str:
    """TEST_DATABASE_URL, or a fresh SQLite file when it is 'sqlite://' or unset."""
    url = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    if url in ("sqlite://", "sqlite:///:memory:"):
        folder = Path(tempfile.mkdtemp(prefix="inclusion-test-"))
        return f"sqlite:///{folder / 'test.sqlite'}"
    return url


def reset_postgres_schema(url: str) -> None:
    """Start from an empty public schema, so only the migrations make the tables."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def build_schema(app: Flask) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql"):
        reset_postgres_schema(url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
