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
dies. On the embedded SQLite default, which is one process, a semaphore. Nobody waits longer than
`COUNCIL_WIDE_WAIT_SECONDS`: then the page says the figures are busy and to try again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from flask import current_app
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from inclusion.errors import Busy
from inclusion.extensions import db

LOOK_AGAIN_SECONDS = 0.05
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


BUSY = (
    "The council's figures are being worked out for other people just now. Try again in a minute."
)


@contextmanager
def council_wide_turn() -> Iterator[None]:
    """Wait for a turn (raising `Busy` after the configured wait), then hold it."""
    at_once = max(1, int(current_app.config["COUNCIL_WIDE_AT_ONCE"]))
    wait = float(current_app.config["COUNCIL_WIDE_WAIT_SECONDS"])
    turn = _advisory_turn if db.engine.dialect.name == "postgresql" else _semaphore_turn
    with turn(at_once, wait):
        yield


@contextmanager
def _advisory_turn(at_once: int, wait: float) -> Iterator[None]:
    # `.engine`: the Engine itself, also where the bind is a Connection (as in the tests)
    with db.engine.engine.connect() as connection:
        number = _free_turn(connection, at_once)
        if number is None:  # all taken: wait, asleep, for one of them
            number = _wait_for_turn(connection, at_once, wait)
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:c, :n)"), _key(number))


def _wait_for_turn(connection: Connection, at_once: int, wait: float) -> int:
    """With one turn, queue for it (PostgreSQL serves waiters in order); with several, look
    again every little while for whichever is given back first."""
    if at_once == 1:
        return _queue_for_the_turn(connection, wait)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(LOOK_AGAIN_SECONDS)
        number = _free_turn(connection, at_once)
        if number is not None:
            return number
    raise Busy(BUSY)


def _queue_for_the_turn(connection: Connection, wait: float) -> int:
    timeout = {"t": f"{max(1, round(wait * 1000))}ms"}
    connection.execute(text("SELECT set_config('lock_timeout', :t, true)"), timeout)
    try:
        connection.execute(text("SELECT pg_advisory_lock(:c, :n)"), _key(0))
    except OperationalError as error:  # lock_timeout: waited as long as anyone should
        raise Busy(BUSY) from error
    return 0


def _free_turn(connection: Connection, at_once: int) -> int | None:
    for number in range(at_once):
        query = text("SELECT pg_try_advisory_lock(:c, :n)")
        if connection.execute(query, _key(number)).scalar():
            return number
    return None


def _key(number: int) -> dict[str, int]:
    return {"c": LOCK_CLASS, "n": number}


@contextmanager
def _semaphore_turn(at_once: int, wait: float) -> Iterator[None]:
    with _semaphores_lock:
        semaphore = _semaphores.setdefault(at_once, threading.BoundedSemaphore(at_once))
    if not semaphore.acquire(timeout=wait):
        raise Busy(BUSY)
    try:
        yield
    finally:
        semaphore.release()
