"""The load test's ceiling: the same people, pacing and gunicorn settings, against a route that
does nothing. What the portal reaches under load is read against what this reaches, so the
figure says how much of the harness's offered load the portal serves, not how fast the machine
is. Served as `bench.ceiling:app`; driven by `bench/locustfile_ceiling.py`."""

from __future__ import annotations

import json


def app(environ, start_response):
    """Answers every request at once: a page-sized reply to GET, an acknowledgement to PUT."""
    if environ["REQUEST_METHOD"] == "PUT":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"].read(length)
        body = json.dumps({"version": 1}).encode()
        content_type = "application/json"
    else:
        body = b"<!DOCTYPE html><title>ceiling</title>" + b" " * 20_000
        content_type = "text/html"
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
