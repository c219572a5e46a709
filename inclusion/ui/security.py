"""Security headers from a maintained library (flask-talisman), and no caching of pages
that may hold personal data."""

from __future__ import annotations

from flask import Flask, Response, g, session
from flask_talisman import Talisman

# Scripts only from the portal itself, plus the one inline snippet GOV.UK Frontend's page
# template needs, which carries a per-request nonce. No inline styles, no framing.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def register_response_headers(app: Flask) -> None:
    production = app.config.get("ENV_NAME") == "production"
    Talisman(
        app,
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        force_https=production,
        strict_transport_security=production,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )
    app.after_request(_no_store_for_signed_in)


def _no_store_for_signed_in(response: Response) -> Response:
    # Pages for signed-in people may hold personal data: never keep them in a cache. Decided
    # from the session and the API key, not current_user, so an answer to a database failure
    # never needs the database.
    if session.get("_user_id") or g.get("api_key") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response
