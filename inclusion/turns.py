"""Council-wide pages take turns, so they cannot take every core from everyone else's pages.

A council dashboard, a council dashboard CSV or the council aggregates in the API each read and
arrange figures for every school in the council. On two cores, four of them at once left a
SENCO's question page waiting behind them (bench/contention.py: p95 630 ms, against 27 ms on a
quiet machine). So at most `COUNCIL_WIDE_AT_ONCE` of them (default 1) are worked out at a time
across all of the portal's processes; the others wait their turn asleep, using no CPU, and every
other page still finds a core. Background jobs do not take turns: they run at a lower CPU
priority instead (`inclusion.jobs`).

On PostgreSQL a turn is a session-level advisory lock held on a connection of its own (the
request may commit in between), released when the page is made, or by the server if the process
dies. On the embedded SQLite default, which is one process, a semaphore.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from flask import current_app
from sqlalchemy import Connection, text

from inclusion.extensions import db

LOCK_CLASS = 0x1C0_0C11  # the first key of our advisory locks; the second is the turn's number

_semaphores: dict[int, threading.BoundedSemaphore] = {}
_semaphores_lock = threading.Lock()


def takes_council_wide_turn(view: Callable[..., Any]) -> Callable[..., Any]:
    """The view runs (and renders) only in one of the council-wide turns."""

    @wraps(view)
    def in_turn(*args: Any, **kwargs: Any) -> Any:
        with council_wide_turn():
            return view(*args, **kwargs)

    return in_turn


@contextmanager
def council_wide_turn() -> Iterator[None]:
    at_once = max(1, int(current_app.config["COUNCIL_WIDE_AT_ONCE"]))
    turn = _advisory_turn if db.engine.dialect.name == "postgresql" else _semaphore_turn
    with turn(at_once):
        yield


@contextmanager
def _advisory_turn(at_once: int) -> Iterator[None]:
    # `.engine`: the Engine itself, also where the bind is a Connection (as in the tests)
    with db.engine.engine.connect() as connection:
        number = _free_turn(connection, at_once)
        if number is None:  # all taken: wait, asleep, for one of them
            number = random.randrange(at_once)
            connection.execute(text("SELECT pg_advisory_lock(:c, :n)"), _key(number))
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:c, :n)"), _key(number))


def _free_turn(connection: Connection, at_once: int) -> int | None:
    for number in range(at_once):
        query = text("SELECT pg_try_advisory_lock(:c, :n)")
        if connection.execute(query, _key(number)).scalar():
            return number
    return None


def _key(number: int) -> dict[str, int]:
    return {"c": LOCK_CLASS, "n": number}


@contextmanager
def _semaphore_turn(at_once: int) -> Iterator[None]:
    with _semaphores_lock:
        semaphore = _semaphores.setdefault(at_once, threading.BoundedSemaphore(at_once))
    with semaphore:
        yield
