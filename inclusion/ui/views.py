"""The home dashboard, the public information pages and the health check."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from inclusion.extensions import db
from inclusion.permissions import public, signed_in
from inclusion.ui.dashboard import dashboard_for

pages = Blueprint("pages", __name__)


@pages.route("/")
@public
def home():
    if current_user.is_authenticated:
        return redirect(url_for("pages.dashboard"))
    return redirect(url_for("auth.sign_in"))


@pages.route("/dashboard")
@signed_in
def dashboard():
    return render_template(
        "ui/dashboard.html", dashboard=dashboard_for(current_user), title="Your dashboard"
    )


# The statement's own dates: change them when the statement is reviewed (at least yearly).
STATEMENT_PREPARED = date(2026, 11, 20)
STATEMENT_REVIEWED = date(2026, 12, 3)
# When the statement's known problems (wide dashboard tables, the untagged PDF) are to be fixed.
KNOWN_PROBLEMS_FIX_BY = date(2027, 1, 31)


@pages.route("/accessibility")
@public
def accessibility():
    settings = current_app.config
    return render_template(
        "ui/accessibility.html",
        title="Accessibility statement",
        contact_email=settings["ACCESSIBILITY_CONTACT_EMAIL"],
        contact_phone=settings["ACCESSIBILITY_CONTACT_PHONE"],
        contact_url=settings["COUNCIL_CONTACT_URL"],
        prepared_on=STATEMENT_PREPARED,
        reviewed_on=STATEMENT_REVIEWED,
        fix_by=KNOWN_PROBLEMS_FIX_BY,
    )


@pages.route("/cookies")
@public
def cookies():
    return render_template("ui/cookies.html", title="Cookies")


@pages.route("/privacy")
@public
def privacy():
    return render_template("ui/privacy.html", title="Privacy notice")


@pages.route("/healthz")
@public
def health():
    """For load balancers: answers 503 when the database cannot be reached, or its schema
    is not there (an empty file that replaced the SQLite database reads SELECT 1 happily)."""
    try:
        db.session.execute(text("SELECT version_num FROM alembic_version")).one()
    except Exception:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
