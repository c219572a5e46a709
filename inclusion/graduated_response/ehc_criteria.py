"""The council's criteria for an EHC needs assessment evidence pack, checked against a pupil's
SEN support record.

The council sets them (EHC_MIN_REVIEWED_CYCLES, EHC_MIN_SPECIALIST_CYCLES,
EHC_PROVISION_AT_THRESHOLD); by default: at least two reviewed cycles, one of them with
specialist advice, and the provision of the latest cycle costing the notional SEN budget
threshold a year or more. Sources in docs/domain-rules.md ("EHC needs assessment requests").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import current_app

from inclusion.graduated_response.models import ProvisionOffer
from inclusion.graduated_response.provision_map import SCHOOL_WEEKS, notional_threshold
from inclusion.graduated_response.sen_support_models import (
    CycleProvision,
    SenSupportRecord,
    SupportCycle,
)
from inclusion.graduated_response.sen_vocab import AssessmentSource
from inclusion.graduated_response.vocab import Level


@dataclass(frozen=True)
class Criteria:
    reviewed_cycles: int
    specialist_cycles: int
    at_threshold: bool
    threshold: Decimal


@dataclass(frozen=True)
class CriterionResult:
    label: str
    met: bool
    found: str


def council_criteria() -> Criteria:
    config = current_app.config
    return Criteria(
        reviewed_cycles=int(config.get("EHC_MIN_REVIEWED_CYCLES", 2)),
        specialist_cycles=int(config.get("EHC_MIN_SPECIALIST_CYCLES", 1)),
        at_threshold=bool(config.get("EHC_PROVISION_AT_THRESHOLD", True)),
        threshold=notional_threshold(),
    )


def is_additional(provision: CycleProvision, offers: dict[int, ProvisionOffer]) -> bool:
    """Over and above what is ordinarily available: not drawn from the school's universal offer."""
    offer = offers.get(provision.offer_id) if provision.offer_id else None
    return offer is None or offer.level != Level.UNIVERSAL


def has_specialist_advice(cycle: SupportCycle) -> bool:
    return any(AssessmentSource(a.source).is_specialist for a in cycle.assessments)


def latest_yearly_cost(record: SenSupportRecord, offers: dict[int, ProvisionOffer]) -> Decimal:
    """The additional provision of the pupil's latest cycle, a week's cost over a school year."""
    if not record.cycles:
        return Decimal(0)
    latest = record.cycles[-1]
    weekly = sum((p.weekly_cost for p in latest.provisions if is_additional(p, offers)), Decimal(0))
    return weekly * SCHOOL_WEEKS


def check_criteria(
    record: SenSupportRecord, criteria: Criteria, offers: dict[int, ProvisionOffer]
) -> list[CriterionResult]:
    reviewed = [c for c in record.cycles if c.is_reviewed]
    with_advice = [c for c in reviewed if has_specialist_advice(c)]
    results = [
        CriterionResult(
            f"At least {criteria.reviewed_cycles} reviewed assess-plan-do-review cycles",
            len(reviewed) >= criteria.reviewed_cycles,
            f"{len(reviewed)} reviewed",
        ),
        CriterionResult(
            f"At least {criteria.specialist_cycles} of them with specialist advice",
            len(with_advice) >= criteria.specialist_cycles,
            f"{len(with_advice)} with specialist advice",
        ),
    ]
    if criteria.at_threshold:
        yearly = latest_yearly_cost(record, offers)
        results.append(
            CriterionResult(
                f"Provision over and above the ordinarily available costing at least "
                f"£{criteria.threshold:,.0f} a year (the notional SEN budget threshold)",
                yearly >= criteria.threshold,
                f"£{yearly:,.2f} a year in the latest cycle",
            )
        )
    return results


def unmet(results: list[CriterionResult]) -> list[CriterionResult]:
    return [r for r in results if not r.met]
