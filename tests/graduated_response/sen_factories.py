"""Inputs for SEN support records and cycles, with sensible defaults to override per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from inclusion.auth.models import User
from inclusion.graduated_response import cycles, sen_support
from inclusion.graduated_response.sen_support_models import SenSupportRecord, SupportCycle
from inclusion.schools.models import School

CYCLE_START = date.today() - timedelta(weeks=10)


def support_input(**changes) -> sen_support.SupportInput:
    base = sen_support.SupportInput(
        pupil_ref="SEN-001",
        year_group="5",
        sen_status="sen_support",
        primary_need="SLCN",
        secondary_need="SEMH",
        placed_on_support=date.today() - timedelta(weeks=20),
        eal=True,
    )
    return replace(base, **changes)


def outcome_input(**changes) -> cycles.OutcomeInput:
    base = cycles.OutcomeInput(
        description="Follows a two-step instruction in class",
        measure="Observed in 4 of 5 lessons a week, recorded by the class teacher",
        target_date=CYCLE_START + timedelta(weeks=8),
    )
    return replace(base, **changes)


def provision_input(**changes) -> cycles.ProvisionInput:
    base = cycles.ProvisionInput(
        intervention="Language group",
        group_size=4,
        sessions_per_week=3,
        minutes_per_session=20,
        staff="Teaching assistant",
        start_date=CYCLE_START,
        weekly_cost="12.50",
    )
    return replace(base, **changes)


def assessment_input(**changes) -> cycles.AssessmentInput:
    base = cycles.AssessmentInput(
        source="salt",
        assessor="NHS speech and language therapy service",
        what="Receptive language assessment: understanding below age expectations",
        assessed_on=CYCLE_START + timedelta(days=3),
    )
    return replace(base, **changes)


def record_with_cycle(
    school: School, user: User, **changes
) -> tuple[SenSupportRecord, SupportCycle]:
    record = sen_support.create_support_record(school, support_input(**changes), user)
    cycle = cycles.open_cycle(record, CYCLE_START, user)
    return record, cycle


def review_input(cycle: SupportCycle, **changes) -> cycles.ReviewInput:
    base = cycles.ReviewInput(
        review_date=CYCLE_START + timedelta(weeks=8),
        decision="continue",
        note="Keep the group going",
        progress={o.id: "Follows two-step instructions in 3 of 5 lessons" for o in cycle.outcomes},
    )
    return replace(base, **changes)
