"""Setting-to-setting support, shared by its three verbs: the framework's standards, the rating
scale's words, the checks every form shares and the latest submitted ratings.

Offering is in `support_offers.py`, matching in `support_matching.py`, pairing in
`support_pairings.py`. Every read is a fixed number of queries; every change one transaction.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from inclusion.audit.models import Audit, Framework, FrameworkArea, SnapshotRating, Standard
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear

STATUSES = {"planned": "Planned", "active": "Active", "completed": "Completed", "ended": "Ended"}
OPEN_STATUSES = ("planned", "active")
# The framework's rating scale (seeds/frameworks/*.yaml `rating_scale`): Embedded is the top.
RATING_LABELS = {0: "Not yet in place", 1: "Emerging", 2: "Established", 3: "Embedded"}
EMBEDDED = 3
NEEDS_SUPPORT = (0, 1)
MIN_VISITS, MAX_VISITS = 1, 12
TEXT_LIMIT = 2000
NOT_YET_KNOWN = "Not yet known"


def rating_label(rating: int | None, not_applicable: bool = False) -> str:
    if not_applicable:
        return "Not applicable"
    return RATING_LABELS.get(rating, NOT_YET_KNOWN) if rating is not None else NOT_YET_KNOWN


def standards_in(year: AcademicYear) -> list[Standard]:
    """The year's standards in framework order."""
    query = (
        select(Standard)
        .join(Framework, Framework.id == Standard.framework_id)
        .join(FrameworkArea, FrameworkArea.id == Standard.area_id)
        .where(Framework.academic_year_id == year.id)
        .order_by(FrameworkArea.position, Standard.position)
    )
    return list(db.session.scalars(query))


def standard_in_year(year: AcademicYear, code: str) -> Standard:
    query = (
        select(Standard)
        .join(Framework, Framework.id == Standard.framework_id)
        .where(Framework.academic_year_id == year.id, Standard.code == (code or "").strip())
    )
    standard = db.session.scalar(query)
    if standard is None:
        raise NotFound(f"{code} is not a standard in the {year.label} framework.")
    return standard


def latest_ratings(year: AcademicYear) -> Select:
    """(school id, standard id, rating, not applicable) from each school's latest submitted
    audit of the year: a snapshot exists only once the audit is submitted."""
    return (
        select(
            Audit.school_id,
            SnapshotRating.standard_id,
            SnapshotRating.rating,
            SnapshotRating.not_applicable,
        )
        .join(SnapshotRating, SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
        .where(Audit.academic_year_id == year.id)
    )


def check_standard(year: AcademicYear, code: str) -> None:
    try:
        standard_in_year(year, code)
    except NotFound:
        raise InvalidInput(
            f"Select a standard from the {year.label} framework", field="standard_code"
        ) from None


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise InvalidInput("Select a status: planned, active, completed or ended", field="status")


def check_text(value: str, field: str, label: str) -> None:
    if len((value or "").strip()) > TEXT_LIMIT:
        raise InvalidInput(f"{label} must be {TEXT_LIMIT:,} characters or fewer", field=field)
