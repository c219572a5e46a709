"""The JSON API under /api/v1 (flask-smorest), for councils' own reporting and the autosave.

Views use the same permission decorators as the pages; an API key becomes a principal that
the one permission policy understands (inclusion/api/keys.py). Errors on /api/v1 are JSON,
answered by inclusion/ui/error_pages.py like every other error.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from flask_smorest import Api

from inclusion.api.errors import ApiErrorSchema
from inclusion.extensions import csrf
from inclusion.permissions import public

API_PREFIX = "/api/v1"


class PortalApi(Api):
    """flask-smorest answers every HTTP error of the whole app with JSON; ours stay in one place."""

    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self) -> None:
        return None


api = PortalApi()


def register_api(app: Flask) -> None:
    from inclusion.api.aggregates import aggregates
    from inclusion.api.audits import audits
    from inclusion.api.docs_views import api_docs
    from inclusion.api.key_views import api_keys
    from inclusion.api.keys import register_key_loader
    from inclusion.api.reference import reference
    from inclusion.api.sen_support import sen_support_api

    api.init_app(app)
    api.spec.components.security_scheme("apiKey", {"type": "http", "scheme": "bearer"})
    for blueprint in (reference, audits, aggregates, sen_support_api):
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)  # checked in _csrf_for_sessions, since keys carry no cookie
    app.register_blueprint(api_docs)
    app.register_blueprint(api_keys)
    _declare_spec_public(app)
    register_key_loader(app)
    app.before_request(_csrf_for_sessions)
    app.after_request(_no_cookie_for_keys)


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def _csrf_for_sessions() -> None:
    """A write on the strength of a session cookie needs the CSRF token; a key needs none.

    Reading current_user runs the key loader, which is what sets g.api_key.
    """
    if not is_api_request() or request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if current_user.is_authenticated and g.get("api_key") is None:
        csrf.protect()


def _no_cookie_for_keys(response: Response) -> Response:
    """A key request must never leave with a session cookie (Flask-Login touches the session)."""
    if g.get("api_key") is not None:
        session.modified = False
        session.clear()
        session.modified = False
    return response


def _declare_spec_public(app: Flask) -> None:
    """The OpenAPI document describes the API; it holds no data, so anyone may read it."""
    endpoint = "api-docs.openapi_json"
    view = app.view_functions[endpoint]

    @wraps(view)
    def openapi_json(*args, **kwargs):
        return view(*args, **kwargs)

    app.view_functions[endpoint] = public(openapi_json)
