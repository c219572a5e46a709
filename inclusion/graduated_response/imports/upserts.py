"""Bulk upserts with the dialect's own INSERT ... ON CONFLICT DO UPDATE (PostgreSQL, SQLite)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from inclusion.extensions import db

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert(table: Table, key: Sequence[str]) -> Insert:
    """INSERT that updates every other column when a row with the same key exists.

    Execute it with a list of dicts: one executemany per batch, which SQLAlchemy sends as
    multi-row VALUES statements within each database's parameter limit.
    """
    dialect = db.session.get_bind().dialect.name
    if dialect not in _INSERTS:
        raise RuntimeError(f"Imports support PostgreSQL and SQLite, not {dialect}")
    statement = _INSERTS[dialect](table)
    updated = {
        column.name: statement.excluded[column.name]
        for column in table.columns
        if column.name not in key and not column.primary_key
    }
    return statement.on_conflict_do_update(index_elements=list(key), set_=updated)
