"""Council-wide pages take turns across threads and processes, so they leave cores for others."""

from __future__ import annotations

import threading
import time

import pytest

from inclusion.errors import Busy
from inclusion.turns import council_wide_turn
from tests.access import build_world
from tests.pages import PageClient

WAIT = 0.5  # long enough for a second thread to have entered if nothing stopped it


def enter_in_thread(app, entered: threading.Event, leave: threading.Event) -> threading.Thread:
    def run() -> None:
        with app.app_context(), council_wide_turn():
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_council_wide_page_waits_until_the_first_has_finished(app):
    first_in, first_out = threading.Event(), threading.Event()
    second_in, second_out = threading.Event(), threading.Event()
    first = enter_in_thread(app, first_in, first_out)
    assert first_in.wait(5)
    second = enter_in_thread(app, second_in, second_out)
    assert not second_in.wait(WAIT)
    first_out.set()
    assert second_in.wait(5)
    second_out.set()
    for thread in (first, second):
        thread.join(5)


@pytest.mark.parametrize("at_once", [2])
def test_as_many_council_wide_pages_as_configured_run_at_once(app, at_once):
    app.config["COUNCIL_WIDE_AT_ONCE"] = at_once
    try:
        events = [(threading.Event(), threading.Event()) for _ in range(at_once + 1)]
        threads = [enter_in_thread(app, *pair) for pair in events[:at_once]]
        assert all(entered.wait(5) for entered, _ in events[:at_once])
        threads.append(enter_in_thread(app, *events[at_once]))
        assert not events[at_once][0].wait(WAIT)
        events[0][1].set()
        assert events[at_once][0].wait(5)
    finally:
        for _, leave in events:
            leave.set()
        for thread in threads:
            thread.join(5)
        app.config["COUNCIL_WIDE_AT_ONCE"] = 1


def test_a_turn_is_given_back_when_the_page_fails(app):
    with app.app_context():
        with pytest.raises(RuntimeError), council_wide_turn():
            raise RuntimeError("the page failed")
        started = time.perf_counter()
        with council_wide_turn():
            assert time.perf_counter() - started < WAIT


@pytest.mark.parametrize(
    "endpoint",
    ["area.council_dashboard", "area.council_csv", "api_aggregates.council_aggregates"],
)
def test_council_wide_pages_take_a_turn_and_partnership_pages_do_not(app, endpoint):
    assert takes_turn(app.view_functions[endpoint])
    assert not takes_turn(app.view_functions["area.partnership_dashboard"])


def takes_turn(view) -> bool:
    while view is not None:
        if view.__name__ == "in_turn" or "council_wide_turn" in view.__code__.co_names:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_someone_who_has_waited_too_long_for_a_turn_is_told_the_figures_are_busy(app):
    app.config["COUNCIL_WIDE_WAIT_SECONDS"] = 0.2
    held, leave = threading.Event(), threading.Event()
    holder = enter_in_thread(app, held, leave)
    try:
        assert held.wait(5)
        with app.app_context(), pytest.raises(Busy) as refused, council_wide_turn():
            pytest.fail("entered while another page held the only turn")
        assert refused.value.status_code == 503
        assert "Try again in a minute" in refused.value.message
    finally:
        leave.set()
        holder.join(5)
        app.config["COUNCIL_WIDE_WAIT_SECONDS"] = 60


def test_the_council_dashboard_says_the_figures_are_busy_when_no_turn_comes(app, session):
    world = build_world()
    app.config["COUNCIL_WIDE_WAIT_SECONDS"] = 0.2
    held, leave = threading.Event(), threading.Event()
    holder = enter_in_thread(app, held, leave)
    try:
        assert held.wait(5)
        page = PageClient(app, world.people["admin"]).get("/council/dashboard", status=503)
        assert "worked out for other people" in page.select_one("[data-message]").text
    finally:
        leave.set()
        holder.join(5)
        app.config["COUNCIL_WIDE_WAIT_SECONDS"] = 60
