"""The statutory route to the council: notifications of incidents and timetables, and returns.

Since September 2022 a headteacher must tell the local authority of every suspension and
permanent exclusion without delay (School Discipline (Pupil Exclusions and Reviews) (England)
Regulations 2012, regulation 5, as amended in 2022); councils ask to be told of part-time
timetables and for half-termly returns, nil returns included (DfE "Working together to improve
school attendance", 2024). The council sees what it was told, frozen at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import Conflict, InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import (
    CouncilNotification,
    ExclusionIncident,
    PartTimeTimetable,
    TimetableReturn,
)
from inclusion.graduated_response.records import check_text
from inclusion.graduated_response.terms import HalfTerm, half_terms_ended
from inclusion.graduated_response.vocab import NotificationChange
from inclusion.schools.models import School

TOLD_FIELDS = {
    "timetable": (
        "pupil_ref", "year_group", "sen_status", "looked_after", "child_in_need",
        "child_protection", "reason", "start_date", "planned_end_date", "hours_per_week",
        "parental_agreement_date", "linked_plan", "actual_end_date",
    ),
    "exclusion": (
        "pupil_ref", "year_group", "sen_status", "looked_after", "child_in_need",
        "child_protection", "kind", "start_date", "sessions", "reasons", "misses_public_exam",
        "permanent_outcome",
    ),
}  # fmt: skip


def notifications_of(record_type: str, record_id: int) -> list[CouncilNotification]:
    query = (
        select(CouncilNotification)
        .where(
            CouncilNotification.record_type == record_type,
            CouncilNotification.record_id == record_id,
        )
        .order_by(CouncilNotification.notified_at, CouncilNotification.id)
    )
    return list(db.session.scalars(query))


def next_change(record, told: list[CouncilNotification]) -> str | None:
    """What the school can send next: new, then amendments; nothing after a cancellation."""
    if not told:
        return NotificationChange.NEW
    if told[-1].change == NotificationChange.CANCELLATION:
        return None
    return NotificationChange.AMENDMENT if told[-1].record_version < record.version else None


def notify_council(
    record, record_type: str, change: str, note: str, user: User
) -> CouncilNotification:
    told = notifications_of(record_type, record.id)
    _check_change(record, told, change)
    check_text(note, "note")
    notice = CouncilNotification(
        school_id=record.school_id,
        record_type=record_type,
        record_id=record.id,
        record_version=record.version,
        change=change,
        details=_details(record, record_type),
        note=note.strip(),
        notified_by_id=user.id,
    )
    db.session.add(notice)
    _mark_told(record, record_type)
    record_changes(record.school_id, record_type, record.id, {}, {"council_told": change}, user)
    db.session.commit()
    return notice


def _check_change(record, told: list[CouncilNotification], change: str) -> None:
    if change not in set(NotificationChange):
        raise InvalidInput("Choose what to tell the council: new, amendment or cancellation.")
    if change == NotificationChange.CANCELLATION:
        if not told or told[-1].change == NotificationChange.CANCELLATION:
            raise Conflict("There is no notification to cancel.")
        return
    expected = next_change(record, told)
    if change != expected:
        raise Conflict(
            "The council already has this version of the record. Change the record first, "
            "then send an amendment."
        )


def _details(record, record_type: str) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in TOLD_FIELDS[record_type]}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool | int | str | list) or value is None:
        return value
    return str(value)


def _mark_told(record, record_type: str) -> None:
    # The dashboards count records the council has not been told of from these columns.
    if record_type == "timetable" and record.council_notified_date is None:
        record.council_notified_date = date.today()
    if record_type == "exclusion":
        record.council_notified = True


def acknowledge(notice_id: int, user: User) -> CouncilNotification:
    notice = db.session.get(CouncilNotification, notice_id)
    if notice is None:
        raise NotFound("That notification does not exist.")
    if notice.acknowledged_at is None:
        notice.acknowledged_at = utcnow()
        notice.acknowledged_by_id = user.id
        db.session.commit()
    return notice


@dataclass(frozen=True)
class NoticeFilter:
    record_type: str = ""
    unacknowledged_only: bool = False


def notices_for_council(wanted: NoticeFilter, limit: int = 500) -> list[CouncilNotification]:
    query = (
        select(CouncilNotification).join(School).order_by(CouncilNotification.notified_at.desc())
    )
    if wanted.record_type in TOLD_FIELDS:
        query = query.where(CouncilNotification.record_type == wanted.record_type)
    if wanted.unacknowledged_only:
        query = query.where(CouncilNotification.acknowledged_at.is_(None))
    return list(db.session.scalars(query.limit(limit)))


# ---- half-termly returns of part-time timetables -------------------------------------------


def timetables_in(school: School, half_term: HalfTerm) -> int:
    """Part-time timetables running on any day of the half term."""
    return db.session.scalar(
        select(func.count())
        .select_from(PartTimeTimetable)
        .where(
            PartTimeTimetable.school_id == school.id,
            PartTimeTimetable.deleted_at.is_(None),
            PartTimeTimetable.start_date <= half_term.end,
            or_(
                PartTimeTimetable.actual_end_date.is_(None),
                PartTimeTimetable.actual_end_date >= half_term.start,
            ),
        )
    )


def submit_return(school: School, half_term: HalfTerm, user: User) -> TimetableReturn:
    if half_term.end >= date.today():
        raise InvalidInput("A return can be made once the half term has ended.")
    if _return_of(school, half_term) is not None:
        raise Conflict(f"The return for {half_term.label} has already been made.")
    made = TimetableReturn(
        school_id=school.id,
        academic_year=half_term.academic_year,
        half_term=half_term.number,
        timetables=timetables_in(school, half_term),
        submitted_by_id=user.id,
    )
    db.session.add(made)
    db.session.commit()
    return made


def _return_of(school: School, half_term: HalfTerm) -> TimetableReturn | None:
    return db.session.scalar(
        select(TimetableReturn).where(
            TimetableReturn.school_id == school.id,
            TimetableReturn.academic_year == half_term.academic_year,
            TimetableReturn.half_term == half_term.number,
        )
    )


@dataclass(frozen=True)
class ReturnStatus:
    half_term: HalfTerm
    made: TimetableReturn | None
    today: date

    @property
    def label(self) -> str:
        if self.made is not None:
            return "Nil return" if self.made.is_nil else f"{self.made.timetables} on the return"
        return "Overdue" if self.today > self.half_term.due else "Due"


def school_returns(school: School, today: date) -> list[ReturnStatus]:
    made = {
        (r.academic_year, r.half_term): r
        for r in db.session.scalars(
            select(TimetableReturn).where(TimetableReturn.school_id == school.id)
        )
    }
    return [
        ReturnStatus(h, made.get((h.academic_year, h.number)), today)
        for h in half_terms_ended(today)
    ]


def council_returns(today: date) -> tuple[list[HalfTerm], list[tuple[School, list[ReturnStatus]]]]:
    """Every open school's returns for this year's ended half terms, in two queries."""
    ended = half_terms_ended(today)
    schools = list(db.session.scalars(select(School).where(School.is_open).order_by(School.name)))
    made: dict[tuple[int, int], TimetableReturn] = {}
    if ended:
        rows = db.session.scalars(
            select(TimetableReturn).where(
                and_(
                    TimetableReturn.academic_year == ended[0].academic_year,
                    TimetableReturn.half_term.in_([h.number for h in ended]),
                )
            )
        )
        made = {(r.school_id, r.half_term): r for r in rows}
    return ended, [
        (s, [ReturnStatus(h, made.get((s.id, h.number)), today) for h in ended]) for s in schools
    ]


def pupils_near_limit(min_days: float = 35) -> list[tuple[School, str, float]]:
    """Notified pupils whose suspensions this year come near the 45-day limit (council view)."""
    from inclusion.graduated_response.exclusion_rules import days_in_year
    from inclusion.graduated_response.incidents import incidents_of
    from inclusion.graduated_response.terms import academic_year_of

    year = academic_year_of(date.today())
    told_ids = select(CouncilNotification.record_id).where(
        CouncilNotification.record_type == "exclusion"
    )
    records = db.session.scalars(
        select(ExclusionIncident).where(
            ExclusionIncident.id.in_(told_ids), ExclusionIncident.deleted_at.is_(None)
        )
    ).all()
    by_pupil: dict[tuple[int, str], list[ExclusionIncident]] = {}
    for r in records:
        by_pupil.setdefault((r.school_id, r.pupil_ref), []).append(r)
    near = []
    for (_, pupil), found in by_pupil.items():
        days = days_in_year(incidents_of(found), pupil, year)
        if days >= min_days:
            near.append((found[0].school, pupil, days))
    return sorted(near, key=lambda row: -row[2])
