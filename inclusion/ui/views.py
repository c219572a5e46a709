"""The home dashboard, the public information pages and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for
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


@pages.route("/accessibility")
@public
def accessibility():
    return render_template("ui/accessibility.html", title="Accessibility statement")


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
