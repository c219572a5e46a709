"""Soft-deleted records, listed for council administrators: no pupil details but the reference."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from inclusion.extensions import db
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.permissions import can_view_deleted_records

deleted_records = Blueprint("deleted_records", __name__, url_prefix="/admin/deleted-records")


@deleted_records.route("/")
@can_view_deleted_records
def index():
    rows = []
    for label, model in (
        ("Part-time timetable", PartTimeTimetable),
        ("Suspension or exclusion", ExclusionIncident),
    ):
        query = (
            select(model)
            .where(model.deleted_at.is_not(None))
            .options(joinedload(model.school))
            .order_by(model.deleted_at.desc())
            .limit(500)
        )
        rows += [(label, record) for record in db.session.scalars(query)]
    rows.sort(key=lambda pair: pair[1].deleted_at, reverse=True)
    return render_template("records/deleted.html", rows=rows, title="Deleted records")
