"""The roles a person can hold, and what each is attached to."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SENCO = "senco"
    HEADTEACHER = "headteacher"
    ADVISER = "adviser"
    PARTNERSHIP_LEAD = "partnership_lead"
    ADMIN = "admin"
    INCLUSION_OFFICER = "inclusion_officer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def scope(self) -> str:
        """What an assignment of this role is attached to: a school, a partnership or nothing."""
        if self in SCHOOL_ROLES:
            return "school"
        if self in PARTNERSHIP_ROLES:
            return "partnership"
        return "council"


ROLE_LABELS = {
    Role.SENCO: "SENCO",
    Role.HEADTEACHER: "Headteacher",
    Role.ADVISER: "Inclusion adviser",
    Role.PARTNERSHIP_LEAD: "Partnership lead",
    Role.ADMIN: "Council administrator",
    Role.INCLUSION_OFFICER: "Council inclusion officer",
}
SCHOOL_ROLES = frozenset({Role.SENCO, Role.HEADTEACHER})
PARTNERSHIP_ROLES = frozenset({Role.ADVISER, Role.PARTNERSHIP_LEAD})
