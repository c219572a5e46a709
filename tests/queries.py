"""Counting the SQL statements a request issues."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from inclusion.extensions import db

# Not the page reading the database: the test's savepoints, and the turn a council-wide page
# takes (inclusion/turns.py: an advisory lock on PostgreSQL, a semaphore on SQLite).
NOT_READING = (
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "SELECT PG_TRY_ADVISORY_LOCK(",
    "SELECT PG_ADVISORY_",
)


class QueryCount:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len([s for s in self.statements if not s.lstrip().upper().startswith(NOT_READING)])


@contextmanager
def counting_queries(app) -> Iterator[QueryCount]:
    counter = QueryCount()
    with app.app_context():
        engine = db.engines[None]
    engine = getattr(engine, "engine", engine)

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", record)
