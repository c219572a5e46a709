"""The contents of an EHC needs assessment evidence pack, gathered from a pupil's SEN support
record (SEND Code of Practice 0 to 25, paragraphs 9.14 onwards: the evidence a council looks at
when deciding whether to assess).

The pack says what the portal holds and, where it holds nothing (attendance), says so instead of
inventing it. It holds no name: the child's name is added by the PDF and XLSX writers at download
time. Nor does it give the school's pupil reference: the request number links the pack to the
council's decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response.ehc_criteria import (
    Criteria,
    CriterionResult,
    check_criteria,
    is_additional,
    latest_yearly_cost,
)
from inclusion.graduated_response.models import (
    ExclusionIncident,
    PartTimeTimetable,
    ProvisionOffer,
)
from inclusion.graduated_response.sen_support import linked_records
from inclusion.graduated_response.sen_support_models import (
    SenSupportRecord,
    SupportCycle,
)
from inclusion.graduated_response.sen_vocab import (
    AssessmentSource,
    ReviewDecision,
    broad_area_label,
    need_label,
)
from inclusion.graduated_response.vocab import (
    ALL_EXCLUSION_REASONS,
    ExclusionKind,
    LinkedPlan,
    SenStatus,
    TimetableReason,
)
from inclusion.uk_time import format_date

NO_ATTENDANCE = (
    "The portal holds no attendance record for this pupil. Attach the school's attendance "
    "record for the last twelve months from the school's management information system."
)
NO_EARLY_HELP = "No early help involvement is recorded in the portal for this pupil."


@dataclass(frozen=True)
class ProvisionLine:
    intervention: str
    group_size: int
    sessions_per_week: int
    minutes_per_session: int
    hours_per_week: Decimal
    staff: str
    start_date: date
    end_date: date | None
    weekly_cost: Decimal
    additional: bool


@dataclass(frozen=True)
class AdviceLine:
    cycle_number: int
    source: str
    assessor: str
    assessed_on: date
    what: str
    used_in: str  # the outcomes and provision planned in the same cycle


@dataclass(frozen=True)
class CyclePart:
    number: int
    cycle: SupportCycle
    provision: list[ProvisionLine]
    decision: str

    @property
    def additional_weekly_cost(self) -> Decimal:
        return sum((p.weekly_cost for p in self.provision if p.additional), Decimal(0))


@dataclass(frozen=True)
class EvidencePack:
    school_name: str
    record: SenSupportRecord
    needs: list[tuple[str, str]]
    criteria: list[CriterionResult]
    cycles: list[CyclePart]
    advice: list[AdviceLine]
    early_help: list[str]
    timetables: list[PartTimeTimetable]
    exclusions: list[ExclusionIncident]
    yearly_cost: Decimal
    threshold: Decimal
    attendance: str = NO_ATTENDANCE

    @property
    def criteria_met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def views(self) -> list[tuple[int, str, str]]:
        return [(c.number, c.cycle.pupil_views, c.cycle.parent_views) for c in self.cycles]


def evidence_pack(record: SenSupportRecord, school_name: str, criteria: Criteria) -> EvidencePack:
    offers = offers_of_record(record)
    parts = [_cycle_part(n, c, offers) for n, c in enumerate(record.cycles, 1)]
    linked = linked_records(record)
    return EvidencePack(
        school_name=school_name,
        record=record,
        needs=_needs(record),
        criteria=check_criteria(record, criteria, offers),
        cycles=parts,
        advice=_advice(parts),
        early_help=_early_help(parts, linked.timetables),
        timetables=linked.timetables,
        exclusions=linked.exclusions,
        yearly_cost=latest_yearly_cost(record, offers),
        threshold=criteria.threshold,
    )


def offers_of_record(record: SenSupportRecord) -> dict[int, ProvisionOffer]:
    """The school's provision offers the record's provision was drawn from: one statement."""
    ids = {p.offer_id for c in record.cycles for p in c.provisions if p.offer_id}
    if not ids:
        return {}
    return {
        o.id: o
        for o in db.session.scalars(select(ProvisionOffer).where(ProvisionOffer.id.in_(ids)))
    }


def _needs(record: SenSupportRecord) -> list[tuple[str, str]]:
    flags = [
        label
        for label, on in (
            ("Looked after", record.looked_after),
            ("Child in need", record.child_in_need),
            ("Child protection plan", record.child_protection),
            ("English as an additional language", record.eal),
            ("Eligible for free school meals", record.fsm),
        )
        if on
    ]
    return [
        ("Year group", record.year_group),
        ("SEN status", SenStatus(record.sen_status).label),
        ("Primary type of need", need_label(record.primary_need)),
        ("Broad area of need", broad_area_label(record.primary_need)),
        (
            "Secondary type of need",
            need_label(record.secondary_need) if record.secondary_need else "None",
        ),
        ("Placed on SEN support", format_date(record.placed_on_support)),
        (
            "Also recorded",
            ", ".join(flags) or "None recorded",
        ),
    ]


def _cycle_part(number: int, cycle: SupportCycle, offers: dict[int, ProvisionOffer]) -> CyclePart:
    lines = [
        ProvisionLine(
            p.intervention,
            p.group_size,
            p.sessions_per_week,
            p.minutes_per_session,
            p.hours_per_week,
            p.staff,
            p.start_date,
            p.end_date,
            p.weekly_cost,
            is_additional(p, offers),
        )
        for p in cycle.provisions
    ]
    decision = ReviewDecision(cycle.review_decision).label if cycle.review_decision else ""
    return CyclePart(number, cycle, lines, decision)


def _advice(parts: list[CyclePart]) -> list[AdviceLine]:
    return [
        AdviceLine(
            part.number,
            AssessmentSource(a.source).label,
            a.assessor,
            a.assessed_on,
            a.what,
            _used_in(part),
        )
        for part in parts
        for a in part.cycle.assessments
        if AssessmentSource(a.source).is_specialist
    ]


def _used_in(part: CyclePart) -> str:
    """How the advice was used: the outcomes set and the provision put in place in its cycle."""
    outcomes = "; ".join(o.description for o in part.cycle.outcomes) or "no outcomes recorded"
    provision = "; ".join(p.intervention for p in part.provision) or "no provision recorded"
    return f"Outcomes set: {outcomes}. Provision put in place: {provision}."


def _early_help(parts: list[CyclePart], timetables: list[PartTimeTimetable]) -> list[str]:
    found = [
        f"Cycle {part.number}: {a.assessor}, {format_date(a.assessed_on)}: {a.what}"
        for part in parts
        for a in part.cycle.assessments
        if a.source == AssessmentSource.EARLY_HELP
    ]
    found += [
        f"Part-time timetable from {format_date(t.start_date)} linked to an early help assessment"
        for t in timetables
        if t.linked_plan == LinkedPlan.EARLY_HELP
    ]
    return found


def timetable_reason(timetable: PartTimeTimetable) -> str:
    reason = TimetableReason(timetable.reason).label
    return f"{reason}: {timetable.reason_other}" if timetable.reason_other else reason


def exclusion_kind(incident: ExclusionIncident) -> str:
    return ExclusionKind(incident.kind).label


def exclusion_reasons(incident: ExclusionIncident) -> str:
    return ", ".join(ALL_EXCLUSION_REASONS.get(code, code) for code in incident.reasons)
