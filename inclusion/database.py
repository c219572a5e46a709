"""Engine settings that make SQLite behave like the PostgreSQL we run in production."""

from __future__ import annotations

from sqlalchemy import Engine, event


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)


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
    connection.exec_driver_sql("BEGIN")


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
