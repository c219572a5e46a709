"""SEN support figures for a partnership or the council: counts only, never a pupil.

Five breakdowns, each a dict of counts for `suppression.suppress_series`: pupils on SEN support
by primary need; this year's reviews by timeliness; this year's review decisions (requests for
an EHC needs assessment among them); pupils by yearly spend on their current provision, banded
around the notional SEN threshold; this year's requests for an EHC needs assessment (evidence
packs produced) by the council's decision. Five statements however many schools. Then the KPI
"EHC needs assessments refused" by school (a partnership) or by partnership (the council), one
statement. Sources and definitions in docs/domain-rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func, select

from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.ehc_requests import EhcDecision
from inclusion.graduated_response.provision_map import SCHOOL_WEEKS
from inclusion.graduated_response.sen_support_models import (
    CycleOutcome,
    CycleProvision,
    SenSupportRecord,
    SupportCycle,
)
from inclusion.graduated_response.sen_vocab import NEED_CODES, ReviewDecision, need_label
from inclusion.schools.models import AreaInclusionPartnership, PartnershipMembership, School

ON_TIME = "Reviewed by the outcomes' target date"
LATE = "Reviewed after the outcomes' target date"
OVERDUE = "Not reviewed, past the outcomes' target date"
WAITING = "Waiting for the council's decision"


@dataclass(frozen=True)
class SenSupportFigures:
    by_need: dict[str, int]
    reviews: dict[str, int]
    decisions: dict[str, int]
    spend: dict[str, int]
    requests: dict[str, int]


def sen_support_figures(scope: Scope, today: date, threshold: Decimal) -> SenSupportFigures:
    return SenSupportFigures(
        by_need=_by_need(scope),
        reviews=_reviews(scope, today),
        decisions=_decisions(scope),
        spend=_spend(scope, today, threshold),
        requests=_requests(scope),
    )


def _live(scope: Scope):
    return and_(
        SenSupportRecord.school_id.in_(scope.school_ids()), SenSupportRecord.deleted_at.is_(None)
    )


def _by_need(scope: Scope) -> dict[str, int]:
    rows = db.session.execute(
        select(SenSupportRecord.primary_need, func.count(SenSupportRecord.id))
        .where(_live(scope), SenSupportRecord.sen_status == "sen_support")
        .group_by(SenSupportRecord.primary_need)
    )
    found = dict(rows.tuples().all())
    return {need_label(code): found.get(code, 0) for code in NEED_CODES}


def _in_year(scope: Scope):
    return SupportCycle.review_date.between(scope.year.start_date, scope.year.end_date)


def _reviews(scope: Scope, today: date) -> dict[str, int]:
    target = (
        select(CycleOutcome.cycle_id, func.max(CycleOutcome.target_date).label("due"))
        .group_by(CycleOutcome.cycle_id)
        .subquery()
    )
    reviewed = SupportCycle.reviewed_at.is_not(None)
    kind = case(
        (and_(reviewed, SupportCycle.review_date <= target.c.due), ON_TIME),
        (reviewed, LATE),
        else_=OVERDUE,
    )
    rows = db.session.execute(
        select(kind, func.count(SupportCycle.id))
        .join(SenSupportRecord, SenSupportRecord.id == SupportCycle.record_id)
        .join(target, target.c.cycle_id == SupportCycle.id)
        .where(_live(scope))
        .where(_in_year(scope) | (~reviewed & (target.c.due < today)))
        .group_by(kind)
    )
    found = dict(rows.tuples().all())
    return {label: found.get(label, 0) for label in (ON_TIME, LATE, OVERDUE)}


def _decisions(scope: Scope) -> dict[str, int]:
    rows = db.session.execute(
        select(SupportCycle.review_decision, func.count(SupportCycle.id))
        .join(SenSupportRecord, SenSupportRecord.id == SupportCycle.record_id)
        .where(_live(scope), _in_year(scope), SupportCycle.reviewed_at.is_not(None))
        .group_by(SupportCycle.review_decision)
    )
    found = dict(rows.tuples().all())
    return {decision.label: found.get(decision.value, 0) for decision in ReviewDecision}


def spend_bands(threshold: Decimal) -> tuple[str, ...]:
    return (
        "No current provision recorded",
        "Under £1,000 a year",
        f"£1,000 to under £{threshold:,.0f} a year",
        f"£{threshold:,.0f} a year or more",
    )


def band_of(yearly: Decimal, threshold: Decimal) -> str:
    bands = spend_bands(threshold)
    if yearly <= 0:
        return bands[0]
    if yearly < 1000:
        return bands[1]
    return bands[2] if yearly < threshold else bands[3]


def _spend(scope: Scope, today: date, threshold: Decimal) -> dict[str, int]:
    """Each pupil's current provision (in an open cycle, started, not ended) over a year."""
    current = and_(
        CycleProvision.cycle_id == SupportCycle.id,
        SupportCycle.reviewed_at.is_(None),
        CycleProvision.start_date <= today,
        (CycleProvision.end_date.is_(None)) | (CycleProvision.end_date >= today),
    )
    weekly = func.coalesce(func.sum(CycleProvision.weekly_cost), 0)
    rows = db.session.execute(
        select(SenSupportRecord.id, weekly)
        .outerjoin(SupportCycle, SupportCycle.record_id == SenSupportRecord.id)
        .outerjoin(CycleProvision, current)
        .where(_live(scope))
        .group_by(SenSupportRecord.id)
    )
    counts = dict.fromkeys(spend_bands(threshold), 0)
    for _, cost in rows.tuples():
        counts[band_of(Decimal(str(cost)) * SCHOOL_WEEKS, threshold)] += 1
    return counts


def _requests(scope: Scope) -> dict[str, int]:
    """Evidence packs produced this year (one request each), by what the council decided."""
    rows = db.session.execute(
        select(EhcRequest.decision, func.count(EhcRequest.id))
        .join(SenSupportRecord, SenSupportRecord.id == EhcRequest.record_id)
        .where(
            _live(scope),
            EhcRequest.produced_on.between(scope.year.start_date, scope.year.end_date),
        )
        .group_by(EhcRequest.decision)
    )
    found = dict(rows.tuples().all())
    return {WAITING: found.get("", 0)} | {d.label: found.get(d.value, 0) for d in EhcDecision}


def refused_by_area(scope: Scope) -> dict[str, int]:
    """The KPI "EHC needs assessments refused": refusals dated this year, by school for a
    partnership and by partnership for the council, every school or partnership listed."""
    refused = and_(
        EhcRequest.decision == EhcDecision.REFUSED.value,
        EhcRequest.decided_on.between(scope.year.start_date, scope.year.end_date),
    )
    live = select(SenSupportRecord.id).where(SenSupportRecord.deleted_at.is_(None))
    counted = (
        select(EhcRequest.school_id, func.count(EhcRequest.id).label("refused"))
        .where(refused, EhcRequest.record_id.in_(live))
        .group_by(EhcRequest.school_id)
        .subquery()
    )
    if scope.partnership is not None:
        area = select(School.name, func.coalesce(counted.c.refused, 0)).where(
            School.id.in_(scope.school_ids())
        )
        rows = area.outerjoin(counted, counted.c.school_id == School.id).order_by(School.name)
    else:
        rows = (
            select(AreaInclusionPartnership.name, func.coalesce(func.sum(counted.c.refused), 0))
            .join(
                PartnershipMembership,
                PartnershipMembership.partnership_id == AreaInclusionPartnership.id,
            )
            .outerjoin(counted, counted.c.school_id == PartnershipMembership.school_id)
            .where(
                PartnershipMembership.academic_year_id == scope.year.id,
                PartnershipMembership.school_id.in_(scope.school_ids()),
            )
            .group_by(AreaInclusionPartnership.id, AreaInclusionPartnership.name)
            .order_by(AreaInclusionPartnership.name)
        )
    return {name: int(count) for name, count in db.session.execute(rows).tuples()}
