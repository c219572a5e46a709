"""Response headers every page gets."""

from __future__ import annotations

from flask import Flask, Response
from flask_login import current_user


def register_response_headers(app: Flask) -> None:
    app.after_request(_add_headers)


def _add_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    # Pages for signed-in people may hold personal data: never keep them in a cache.
    if current_user and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response
