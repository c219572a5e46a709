"""Audit lifecycle states and action statuses."""

from __future__ import annotations

from enum import StrEnum


class AuditStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def answers_locked(self) -> bool:
        """Answers are read-only once submitted, until returned or reopened."""
        return self is not AuditStatus.IN_PROGRESS


_LABELS = {
    AuditStatus.NOT_STARTED: "Not started",
    AuditStatus.IN_PROGRESS: "In progress",
    AuditStatus.SUBMITTED: "Submitted",
    AuditStatus.SIGNED_OFF: "Signed off",
    AuditStatus.REVIEWED: "Reviewed",
}


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
