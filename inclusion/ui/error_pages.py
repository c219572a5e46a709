"""Domain errors and HTTP errors mapped to pages in the portal's own design, in one place."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from inclusion.api import is_api_request
from inclusion.api.errors import field_errors, json_error
from inclusion.database import DatabaseFileMissing
from inclusion.errors import DomainError, InvalidInput
from inclusion.ui.input_guard import RefusedInput

ERROR_PAGES = {
    400: ("Sorry, there is a problem with the request", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    405: ("Sorry, there is a problem with the request", "errors/400.html"),
    413: ("The request is too large", "errors/413.html"),
    429: ("Too many attempts", "errors/429.html"),
    500: ("Sorry, there is a problem with the service", "errors/500.html"),
    503: ("Sorry, the service is unavailable", "errors/500.html"),
}


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_expired)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def render_error(status: int, message: str | None = None):
    title, template = ERROR_PAGES.get(status, ERROR_PAGES[400])
    return render_template(template, title=title, message=message), status


def _csrf_expired(error: CSRFError):
    if is_api_request():
        return json_error(400, "The CSRF token is missing or wrong: send it as X-CSRFToken.")
    page = render_template("errors/csrf.html", title="Your page has expired", retry_url=request.url)
    return page, 400


def _domain_error(error: DomainError):
    if is_api_request():
        # Field errors are 422 in the API, as for invalid JSON; the pages show them on a form.
        status = 422 if isinstance(error, InvalidInput) else error.status_code
        errors = {error.field: [error.message]} if error.field else None
        return json_error(status, error.message, errors, **error.details)
    return render_error(error.status_code, error.message)


def _http_error(error: HTTPException):
    message = error.description if isinstance(error, RefusedInput) else None
    if is_api_request():
        return json_error(error.code or 500, message, field_errors(error))
    return render_error(error.code or 500, message)


def _unexpected_error(error: Exception):
    from flask import current_app

    _discard_transaction()
    current_app.logger.exception("Unhandled error on %s", request.path)
    status = 503 if isinstance(error, DBAPIError | DatabaseFileMissing) else 500
    if is_api_request():
        return json_error(status)
    try:
        return render_error(status)
    except Exception:  # the page itself needed the database (the signed-in person's name)
        current_app.logger.exception("The error page could not be rendered")
        return BARE_PAGE, status, {"Content-Type": "text/html; charset=utf-8"}


def _discard_transaction() -> None:
    """Roll back; a connection the database has dropped cannot even do that, so let it go."""
    from inclusion.database import release_session
    from inclusion.extensions import db

    try:
        db.session.rollback()
    except DBAPIError:
        release_session()


BARE_PAGE = (
    "<!doctype html><html lang=en><head><title>Sorry, the service is unavailable</title></head>"
    "<body><h1>Sorry, the service is unavailable</h1><p>Try again in a moment. If you were "
    "saving something, check whether it was saved before entering it again.</p></body></html>"
)
