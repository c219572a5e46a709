"""Academic years, partnerships and schools: what a client needs to ask for everything else."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy import select

from inclusion.extensions import db
from inclusion.permissions import (
    can_view_school,
    partnerships_visible_to,
    schools_visible_to,
    signed_in,
)
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.schools.schemas import (
    AcademicYearSchema,
    PartnershipSchema,
    SchoolFilterSchema,
    SchoolSchema,
)
from inclusion.schools.services import current_year

reference = Blueprint(
    "api_reference", __name__, url_prefix="/api/v1", description="Years, partnerships, schools"
)


@reference.route("/years")
@signed_in
@reference.etag
@reference.response(200, AcademicYearSchema(many=True))
def years():
    """Academic years, newest first."""
    return db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date.desc())).all()


@reference.route("/partnerships")
@signed_in
@reference.etag
@reference.response(200, PartnershipSchema(many=True))
def partnerships():
    """The Area Inclusion Partnerships this person or key may see."""
    return db.session.scalars(partnerships_visible_to(current_user)).all()


@reference.route("/schools")
@signed_in
@reference.etag
@reference.arguments(SchoolFilterSchema, location="query", as_kwargs=True)
@reference.response(200, SchoolSchema(many=True))
@reference.paginate()
def schools(pagination_parameters, partnership: str | None = None, year: str | None = None):
    """Schools this person or key may see, by name; filter by partnership membership in a year."""
    query = schools_visible_to(current_user)
    if partnership or year:
        query = query.where(School.id.in_(_members(partnership, year)))
    pagination_parameters.item_count = db.session.scalar(
        select(db.func.count()).select_from(query.order_by(None).subquery())
    )
    page = pagination_parameters
    if page.first_item >= page.item_count:
        # Past the end: nothing to fetch, and an offset beyond 2**63 overflows SQLite.
        return []
    return db.session.scalars(query.offset(page.first_item).limit(page.page_size)).all()


@reference.route("/schools/<urn>")
@can_view_school
@reference.etag
@reference.response(200, SchoolSchema)
def school(school: School):
    """One school."""
    return school


def _members(partnership_code: str | None, year_slug: str | None):
    from inclusion.audit.context import year_from_slug

    year = year_from_slug(year_slug) if year_slug else current_year()
    query = select(PartnershipMembership.school_id).where(
        PartnershipMembership.academic_year_id == (year.id if year else None)
    )
    if partnership_code:
        query = query.join(AreaInclusionPartnership).where(
            AreaInclusionPartnership.code == partnership_code
        )
    return query
