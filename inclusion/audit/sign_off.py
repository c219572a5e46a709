"""The headteacher's sign-off: the summary read first, the declaration, and who signed off when.

The summary is read from the same results the results page shows (`results.results_for`), so
the head signs off exactly what governors and advisers will see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from inclusion.audit import lifecycle, scoring
from inclusion.audit.models import Audit, AuditEvent, ScoreSnapshot, Standard
from inclusion.audit.results import AreaLine, Results, StandardLine, results_for
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.uk_time import format_datetime

DECLARATION = "I have read the audit and confirm it is an accurate account of our provision"
DECLARATION_MISSING = "Confirm that you have read the audit and that it is accurate"
SIGNED_OFF_STATUSES = (AuditStatus.SIGNED_OFF, AuditStatus.REVIEWED)


@dataclass(frozen=True)
class GateOutcome:
    """The statutory gate: which sections it capped, and the statutory standards that did it."""

    capped: list[AreaLine]
    standards: list[StandardLine]
    threshold_label: str

    @property
    def passed(self) -> bool:
        return not self.capped and not self.standards


@dataclass(frozen=True)
class SignOffSummary:
    results: Results
    weak_sections: list[AreaLine]
    gate: GateOutcome
    top_band_label: str


@dataclass(frozen=True)
class SignOffRecord:
    """Who signed the audit off, and when (stored in UTC, shown on the UK clock)."""

    name: str
    at: datetime

    @property
    def when(self) -> str:
        return format_datetime(self.at)

    @property
    def sentence(self) -> str:
        return f"Signed off by {self.name} on {self.when}"


def summary_for(audit: Audit) -> SignOffSummary:
    results = results_for(audit)
    rules = scoring.ScoringRules.from_settings(audit.framework.settings)
    return SignOffSummary(
        results=results,
        weak_sections=weak_sections(results, rules),
        gate=gate_outcome(audit, results, rules),
        top_band_label=rules.bands[-1].label,
    )


def weak_sections(results: Results, rules: scoring.ScoringRules) -> list[AreaLine]:
    """Sections scored below the framework's top band, weakest first."""
    top = rules.bands[-1].band
    weak = [a for a in results.areas if a.score is not None and a.band != top]
    return sorted(weak, key=lambda area: area.score)


def gate_outcome(audit: Audit, results: Results, rules: scoring.ScoringRules) -> GateOutcome:
    threshold = rules.gate.statutory_rating_at_or_below
    statutory = set(
        db.session.scalars(
            select(Standard.code).where(
                Standard.framework_id == audit.framework_id, Standard.statutory
            )
        )
    )
    failing = [
        line
        for line in results.standards
        if line.code in statutory
        and line.applies
        and isinstance(line.rating, int)
        and line.rating <= threshold
    ]
    capped = [area for area in results.areas if area.gated]
    return GateOutcome(capped, failing, rules.scale[threshold])


def sign_off(audit: Audit, user: User, declared: bool) -> ScoreSnapshot:
    """Sign off only with the declaration made; the lifecycle checks the status and commits."""
    if not declared:
        raise InvalidInput(DECLARATION_MISSING, field="declaration")
    return lifecycle.sign_off(audit, user)


def signed_off_record(audit: Audit) -> SignOffRecord | None:
    """The sign-off that stands: None unless the audit is signed off (or reviewed since)."""
    if audit.status_enum not in SIGNED_OFF_STATUSES:
        return None
    event = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.audit_id == audit.id, AuditEvent.event == "signed_off")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()
    if event is None:
        return None
    name = event.actor.display_name if event.actor is not None else "a former member of staff"
    return SignOffRecord(name, event.at)
