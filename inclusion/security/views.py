"""Council administrators read and filter the security event log."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from inclusion.extensions import db
from inclusion.permissions import can_manage_users
from inclusion.security.events import EventKind
from inclusion.security.models import SecurityEvent

security_log = Blueprint("security_log", __name__, url_prefix="/admin/security-events")
PAGE_SIZE = 100


@security_log.route("/")
@can_manage_users
def index():
    kind = request.args.get("kind", "")
    email = request.args.get("email", "").strip().lower()[:254]
    query = (
        select(SecurityEvent)
        .options(joinedload(SecurityEvent.user))
        .order_by(SecurityEvent.id.desc())
    )
    if kind in set(EventKind):
        query = query.where(SecurityEvent.kind == kind)
    if email:
        query = query.where(SecurityEvent.email.contains(email, autoescape=True))
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "security/index.html",
        page=page,
        kinds=list(EventKind),
        kind=kind,
        email=email,
        title="Security events",
    )
