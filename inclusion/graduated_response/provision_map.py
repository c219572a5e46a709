"""A school's provision map: every current intervention with the pupils on it (references
only), hours and cost a week, and each pupil's yearly spend against the notional SEN threshold.

Current provision is provision in an open cycle of a live record, started and not yet ended.
One statement however many pupils.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response.sen_support_models import (
    CycleProvision,
    SenSupportRecord,
    SupportCycle,
)
from inclusion.schools.models import School

# The school year is 190 days (380 sessions): 38 weeks of a weekly cost make a year's spend.
SCHOOL_WEEKS = 38
DEFAULT_THRESHOLD = Decimal(6000)


def notional_threshold() -> Decimal:
    """The notional SEN budget threshold a council sets (£6,000 unless SEN_NOTIONAL_THRESHOLD)."""
    return Decimal(str(current_app.config.get("SEN_NOTIONAL_THRESHOLD", DEFAULT_THRESHOLD)))


@dataclass(frozen=True)
class MapLine:
    pupil_ref: str
    record_id: int
    cycle_id: int
    provision: CycleProvision


@dataclass
class Intervention:
    name: str
    lines: list[MapLine] = field(default_factory=list)

    @property
    def pupils(self) -> list[str]:
        return sorted({line.pupil_ref for line in self.lines})

    @property
    def weekly_cost(self) -> Decimal:
        return sum((line.provision.weekly_cost for line in self.lines), Decimal(0))

    @property
    def weekly_hours(self) -> Decimal:
        return sum((line.provision.hours_per_week for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class PupilSpend:
    pupil_ref: str
    record_id: int
    weekly_cost: Decimal
    weekly_hours: Decimal

    @property
    def yearly_cost(self) -> Decimal:
        return self.weekly_cost * SCHOOL_WEEKS


@dataclass(frozen=True)
class ProvisionMap:
    interventions: list[Intervention]
    pupils: list[PupilSpend]
    threshold: Decimal

    @property
    def weekly_cost(self) -> Decimal:
        return sum((i.weekly_cost for i in self.interventions), Decimal(0))

    def above_threshold(self) -> list[PupilSpend]:
        return [p for p in self.pupils if p.yearly_cost >= self.threshold]


def provision_map(school: School, today: date, threshold: Decimal) -> ProvisionMap:
    lines = _current_lines(school, today)
    grouped: dict[str, Intervention] = {}
    for line in lines:
        name = line.provision.intervention
        grouped.setdefault(name.casefold(), Intervention(name)).lines.append(line)
    interventions = sorted(grouped.values(), key=lambda i: i.name.casefold())
    return ProvisionMap(interventions, _per_pupil(lines), threshold)


def _current_lines(school: School, today: date) -> list[MapLine]:
    query = (
        select(SenSupportRecord.pupil_ref, SenSupportRecord.id, SupportCycle.id, CycleProvision)
        .join(SupportCycle, SupportCycle.id == CycleProvision.cycle_id)
        .join(SenSupportRecord, SenSupportRecord.id == SupportCycle.record_id)
        .where(
            SenSupportRecord.school_id == school.id,
            SenSupportRecord.deleted_at.is_(None),
            SupportCycle.reviewed_at.is_(None),
            CycleProvision.start_date <= today,
            CycleProvision.end_date.is_(None) | (CycleProvision.end_date >= today),
        )
        .order_by(SenSupportRecord.pupil_ref, CycleProvision.id)
    )
    return [MapLine(*row) for row in db.session.execute(query).tuples()]


def _per_pupil(lines: list[MapLine]) -> list[PupilSpend]:
    cost: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    hours: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for line in lines:
        key = (line.pupil_ref, line.record_id)
        cost[key] += line.provision.weekly_cost
        hours[key] += line.provision.hours_per_week
    return [
        PupilSpend(ref, record_id, cost[(ref, record_id)], hours[(ref, record_id)])
        for ref, record_id in cost
    ]
