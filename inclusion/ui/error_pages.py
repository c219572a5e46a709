"""Domain errors and HTTP errors mapped to pages in the portal's own design, in one place."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from inclusion.errors import DomainError

ERROR_PAGES = {
    400: ("Sorry, there is a problem with the request", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    405: ("Sorry, there is a problem with the request", "errors/400.html"),
    413: ("The request is too large", "errors/413.html"),
    429: ("Too many attempts", "errors/429.html"),
    500: ("Sorry, there is a problem with the service", "errors/500.html"),
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
    page = render_template("errors/csrf.html", title="Your page has expired", retry_url=request.url)
    return page, 400


def _domain_error(error: DomainError):
    return render_error(error.status_code, error.message)


def _http_error(error: HTTPException):
    return render_error(error.code or 500)


def _unexpected_error(error: Exception):
    from flask import current_app

    from inclusion.extensions import db

    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s", request.path)
    return render_error(500)
