"""Values and filters every template can use: service name, navigation by role, dates."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from inclusion.auth.roles import Role
from inclusion.permissions import Action, can
from inclusion.schools.settings import applies_to_text
from inclusion.ui.allowed_links import may_open
from inclusion.uk_time import format_date, format_datetime


def register_template_helpers(app: Flask) -> None:
    app.context_processor(_globals)
    # A global rather than a context value, so imported macros can ask it too.
    app.jinja_env.globals["may_open"] = may_open
    app.add_template_filter(format_date, "govuk_date")
    app.add_template_filter(format_datetime, "govuk_datetime")
    app.add_template_filter(applies_to_text, "applies_to_text")


def _globals() -> dict[str, Any]:
    return {
        "service_name": current_app.config["SERVICE_NAME"],
        "council_name": current_app.config["COUNCIL_NAME"],
        "navigation": navigation_items(),
        "asset_path": url_for("static", filename="dist/assets"),
    }


def navigation_items() -> list[dict[str, Any]]:
    """Service navigation for the signed-in person's roles, current page marked."""
    if not current_user or not current_user.is_authenticated:
        return []
    items = [("Home", "pages.dashboard", None)]
    items += _role_items()
    return [_nav_item(text, endpoint, prefix) for text, endpoint, prefix in items]


def _role_items() -> list[tuple[str, str, str | None]]:
    items: list[tuple[str, str, str | None]] = []
    # A partnership lead sees the partnership's figures, never its schools' pages.
    if current_user.school_ids() or current_user.is_admin or _advises():
        items.append(("Schools", "schools.index", "schools."))
    if current_user.partnership_ids() or current_user.is_admin:
        items.append(("Partnerships", "partnerships.index", "partnerships."))
        items.append(("Website compliance", "compliance.index", "compliance."))
    if can(current_user, Action.MANAGE_USERS):
        items.append(("Users", "users_admin.index", "users_admin."))
    if can(current_user, Action.IMPORT_DATA):
        items.append(("Imports", "imports.upload", "imports."))
    if can(current_user, Action.VIEW_NOTIFIED_RECORDS):
        items.append(("Notified records", "council_records.notices", "council_records."))
    return items


def _advises() -> bool:
    return bool(current_user.partnership_ids(Role.ADVISER))


def _nav_item(text: str, endpoint: str, prefix: str | None) -> dict[str, Any]:
    current = request.endpoint == endpoint or bool(
        prefix and (request.endpoint or "").startswith(prefix)
    )
    return {"text": text, "href": url_for(endpoint), "active": current, "current": current}
