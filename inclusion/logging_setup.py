"""Structured logs: one JSON object a line in production (readable text in development), every
line carrying the request id (or the job's id), one line per request, and security events.

A request id comes from a well-formed incoming `X-Request-Id` (a proxy or load balancer that
already made one) or is generated, and is returned in the response's `X-Request-Id`, so a
person reporting a problem can quote it and it finds every line of their request.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request

REQUEST_ID_HEADER = "X-Request-Id"
_WELL_FORMED = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_current_id: ContextVar[str] = ContextVar("inclusion_request_id", default="-")
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_HANDLER_MARK = "_inclusion_handler"


def current_request_id() -> str:
    return _current_id.get()


def new_request_id(offered: str | None = None) -> str:
    """The offered id when it is well formed (no spaces, quotes or newlines to forge lines)."""
    if offered and _WELL_FORMED.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line; the extras a call passes become fields of their own."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and key not in line:
                line[key] = value
        if record.exc_info:
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def configure_logging(app: Flask) -> None:
    """Send the portal's loggers ("inclusion.*", which is also app.logger) to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    json_lines = app.config.get("LOG_FORMAT", "text") == "json"
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(_RequestIdFilter())
    setattr(handler, _HANDLER_MARK, True)
    logger = logging.getLogger("inclusion")
    for old in [h for h in logger.handlers if getattr(h, _HANDLER_MARK, False)]:
        logger.removeHandler(old)  # a second app in one process replaces, never doubles
    logger.addHandler(handler)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.teardown_request(_forget_request_id)


def _start_request() -> None:
    g.request_id = new_request_id(request.headers.get(REQUEST_ID_HEADER))
    g.request_started = time.perf_counter()
    _current_id.set(g.request_id)


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", current_request_id())
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    level = logging.ERROR if response.status_code >= 500 else logging.INFO
    logging.getLogger("inclusion.request").log(
        level,
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration,
        },
    )
    return response


def _forget_request_id(_error: BaseException | None) -> None:
    _current_id.set("-")  # a worker thread's next request must not inherit this id


@contextmanager
def logged_job(name: str) -> Iterator[None]:
    """Log a job's start, end (with its duration) and failure (with the traceback), every
    line under the job's own id."""
    token = _current_id.set(f"job-{uuid.uuid4().hex[:16]}")
    logger = logging.getLogger("inclusion.jobs")
    started = time.perf_counter()
    logger.info("job %s started", name, extra={"job": name})
    try:
        yield
    except Exception:
        duration = round((time.perf_counter() - started) * 1000, 1)
        logger.exception("job %s failed", name, extra={"job": name, "duration_ms": duration})
        raise
    else:
        duration = round((time.perf_counter() - started) * 1000, 1)
        logger.info("job %s finished", name, extra={"job": name, "duration_ms": duration})
    finally:
        _current_id.reset(token)
