"""Engine settings that make SQLite behave like the PostgreSQL we run in production."""

from __future__ import annotations

import os
from pathlib import Path

from flask import has_request_context, request
from sqlalchemy import Engine, event

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class DatabaseFileMissing(RuntimeError):
    """The SQLite file was deleted or replaced while the portal ran: saves would be lost."""


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            _watch_file(engine, Path(database))


def _watch_file(engine: Engine, path: Path) -> None:
    """Refuse every checkout once the file is not the one the portal opened.

    A connection open on a deleted file keeps "saving" into it, and a new connection would
    make a new, empty file; either way people's work would vanish without an error."""
    opened: dict[str, tuple[int, int]] = {}

    def check(dbapi_connection, connection_record, connection_proxy) -> None:
        identity = file_identity(path)
        if identity is None or opened.setdefault("identity", identity) != identity:
            raise DatabaseFileMissing(f"The database file {path} is missing or was replaced.")

    event.listen(engine, "checkout", check)


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _sqlite_on_connect(dbapi_connection, connection_record) -> None:
    # Let SQLAlchemy, not the driver, start transactions, so savepoints work
    # (the pysqlite recipe in SQLAlchemy's SQLite dialect documentation).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # Readers never block the background job thread's writes (and the other way round).
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _sqlite_on_begin(connection) -> None:
    # A deferred BEGIN takes the write lock only at the first write, and when another
    # connection wrote in between SQLite answers "database is locked" at once, without
    # waiting (busy_timeout cannot help a read snapshot that is out of date). Requests that
    # may write, jobs and commands take the lock at BEGIN instead, so they queue for up to
    # busy_timeout; pages that only read keep the deferred BEGIN and never wait.
    connection.exec_driver_sql("BEGIN" if _reads_only() else "BEGIN IMMEDIATE")


def _reads_only() -> bool:
    return has_request_context() and request.method in READ_ONLY_METHODS


def release_session(error: BaseException | None = None) -> None:
    """End the request's session even when the database dropped its connection.

    Closing rolls back over the wire, which fails on a dead connection; invalidating lets the
    pool replace it instead (pool_pre_ping then checks the next one out). Registered after
    Flask-SQLAlchemy's own teardown, so it runs first and leaves that one nothing to do.
    """
    from inclusion.extensions import db

    try:
        db.session.remove()
    except Exception:  # psycopg's own OperationalError escapes the pool's reset unwrapped
        db.session().invalidate()
        db.session.registry.clear()
