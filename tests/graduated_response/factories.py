"""Inputs for graduated-response records, with sensible defaults to override per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from inclusion.graduated_response.incidents import ExclusionInput
from inclusion.graduated_response.records import TimetableInput


def timetable_input(**changes) -> TimetableInput:
    start = date.today() - timedelta(days=7)
    base = TimetableInput(
        pupil_ref="PTT-001",
        year_group="4",
        sen_status="sen_support",
        reason="sen_gradual",
        start_date=start,
        planned_end_date=start + timedelta(weeks=6),
        hours_per_week=Decimal("15"),
        parental_agreement_date=start,
    )
    return replace(base, **changes)


def exclusion_input(**changes) -> ExclusionInput:
    base = ExclusionInput(
        pupil_ref="EX-001",
        year_group="8",
        sen_status="none",
        kind="suspension",
        start_date=date(2026, 10, 6),
        sessions=4,
        reasons=["DB"],
    )
    return replace(base, **changes)
