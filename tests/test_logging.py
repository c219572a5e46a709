"""Structured logs (issue 18, item 17): JSON lines in production, a request id on every line
and in the response, every 5xx with its traceback, each job's start, end and failure, and
security events in the log as well as the table."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from flask import Flask

from inclusion.jobs import DeferredRunner
from inclusion.permissions import public
from tests.auth.factories import UserFactory
from tests.conftest import TestSettings, app_in_test_transaction
from tests.pages import PageClient


class JsonLogs(TestSettings):
    LOG_FORMAT = "json"


class TextLogs(TestSettings):
    LOG_FORMAT = "text"


def _explode():
    raise RuntimeError("a fault nobody expected")


def _job_that_fails(reason: str) -> None:
    raise ValueError(reason)


def _job_that_works() -> None:
    logging.getLogger("inclusion.test").info("working")


def _capture(app: Flask) -> io.StringIO:
    """Point the portal's log handler (which create_app installed) at a buffer."""
    buffer = io.StringIO()
    handler = next(h for h in logging.getLogger("inclusion").handlers if hasattr(h, "setStream"))
    handler.setStream(buffer)
    return buffer


@pytest.fixture
def json_app(app, session) -> Iterator[tuple[Flask, io.StringIO]]:
    logged = app_in_test_transaction(JsonLogs, app)
    logged.add_url_rule("/explode", "explode", public(_explode))
    yield logged, _capture(logged)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_each_line_is_json_with_the_request_id_the_response_returns(json_app):
    logged, buffer = json_app
    UserFactory(email="someone@x.example.org")
    response = PageClient(logged).raw(
        "POST", "/sign-in", data={"email": "someone@x.example.org", "password": "wrong guess"}
    )
    request_id = response.headers["X-Request-Id"]
    records = lines(buffer)
    assert {r["logger"] for r in records} >= {"inclusion.security", "inclusion.request"}
    assert all(r["request_id"] == request_id for r in records)
    security = next(r for r in records if r["logger"] == "inclusion.security")
    assert (security["event"], security["account"]) == ("sign_in_failed", "someone@x.example.org")
    assert "wrong guess" not in buffer.getvalue()


def test_a_well_formed_incoming_request_id_is_kept_and_a_forged_one_replaced(json_app):
    logged, buffer = json_app
    browser = PageClient(logged)
    kept = browser.raw("GET", "/accessibility", headers={"X-Request-Id": "lb-7f3a9c21-0001"})
    assert kept.headers["X-Request-Id"] == "lb-7f3a9c21-0001"
    forged = browser.raw("GET", "/accessibility", headers={"X-Request-Id": 'x" level=OK'})
    assert forged.headers["X-Request-Id"] != 'x" level=OK'
    assert len(forged.headers["X-Request-Id"]) == 32
    assert [r["request_id"] for r in lines(buffer)] == [
        "lb-7f3a9c21-0001",
        forged.headers["X-Request-Id"],
    ]


def test_every_5xx_is_logged_with_its_traceback_and_request_id(json_app):
    logged, buffer = json_app
    response = PageClient(logged).raw("GET", "/explode")
    assert response.status_code == 500
    errors = [r for r in lines(buffer) if r["level"] == "ERROR"]
    assert any("RuntimeError: a fault nobody expected" in r.get("traceback", "") for r in errors)
    assert {r["request_id"] for r in errors} == {response.headers["X-Request-Id"]}
    assert any(r.get("status") == 500 for r in errors)


def test_each_job_logs_its_start_and_end_or_its_failure_with_the_traceback(json_app):
    logged, buffer = json_app
    runner = DeferredRunner()
    runner.enqueue(_job_that_works)
    runner.enqueue(_job_that_fails, "the relay said no")
    with logged.app_context(), pytest.raises(ValueError):
        runner.run_pending()
    records = lines(buffer)
    messages = [r["message"] for r in records]
    assert messages == [
        "job tests.test_logging._job_that_works started",
        "working",
        "job tests.test_logging._job_that_works finished",
        "job tests.test_logging._job_that_fails started",
        "job tests.test_logging._job_that_fails failed",
    ]
    assert "ValueError: the relay said no" in records[-1]["traceback"]
    first_job = {r["request_id"] for r in records[:3]}
    assert len(first_job) == 1 and first_job.pop().startswith("job-")


def test_development_logs_are_readable_text_with_the_request_id(app, session):
    readable = app_in_test_transaction(TextLogs, app)
    buffer = _capture(readable)
    response = PageClient(readable).raw("GET", "/accessibility")
    line = buffer.getvalue().strip().splitlines()[-1]
    assert f"[{response.headers['X-Request-Id']}] inclusion.request: GET /accessibility 200" in line
