"""Messages that follow a use case, sent after the use case has committed its own work.

Each says only that something happened and links to the portal: a school's name, the year
and a standard's title at most, never a record.
"""

from __future__ import annotations

from datetime import date

from inclusion.audit.models import Audit, Standard
from inclusion.auth.roles import Role
from inclusion.auth.services import portal_url
from inclusion.notifications import kinds
from inclusion.round.notices import send_notices
from inclusion.round.recipients import advisers_of, staff_of
from inclusion.schools.models import School
from inclusion.uk_time import format_date

# An email value is one line of at most 500 characters (notifications.kinds).
COMMENT_IN_EMAIL = 400


def audit_submitted(audit: Audit) -> int:
    """The headteacher is asked to sign off."""
    heads = staff_of(audit.school, Role.HEADTEACHER)
    return send_notices(kinds.AUDIT_SUBMITTED, heads, lambda _: _audit_values(audit, "sign-off"))


def audit_returned(audit: Audit, comment: str) -> int:
    """The SENCO is told why, in the headteacher's words."""
    sencos = staff_of(audit.school, Role.SENCO)
    values = _audit_values(audit) | {"comment": _one_line(comment)}
    return send_notices(kinds.AUDIT_RETURNED, sencos, lambda _: values)


def audit_signed_off(audit: Audit) -> int:
    """The partnership's advisers are told it awaits their review."""
    advisers = advisers_of(audit.school)
    return send_notices(kinds.AUDIT_SIGNED_OFF, advisers, lambda _: _audit_values(audit))


def rating_challenged(audit: Audit, standard: Standard) -> int:
    """The school is told an adviser challenged one of its ratings."""
    staff = staff_of(audit.school)
    values = _audit_values(audit, "results") | {"standard": f"{standard.code} {standard.title}"}
    return send_notices(kinds.RATING_CHALLENGED, staff, lambda _: values)


def pairing_recorded(
    supporting: School, supported: School, standard: str, start: date | None
) -> int:
    """Both schools' SENCOs hear that setting-to-setting support is arranged."""
    sent = 0
    for school, other in ((supporting, supported), (supported, supporting)):
        values = {
            "school_name": school.name,
            "other_school": other.name,
            "standard": standard,
            "start_date": format_date(start) if start else "a date still to agree",
            "school_link": portal_url("schools.show", urn=school.urn),
        }
        sent += send_notices(
            kinds.PAIRING_RECORDED, staff_of(school, Role.SENCO), lambda _, v=values: v
        )
    return sent


def _audit_values(audit: Audit, page: str = "") -> dict[str, str]:
    year = audit.academic_year.label
    endpoints = {"": "audit.overview", "sign-off": "audit_review.sign_off"}
    endpoints["results"] = "audit_results.results"
    link = portal_url(endpoints[page], urn=audit.school.urn, year=year.replace("/", "-"))
    return {"school_name": audit.school.name, "year": year, "audit_link": link}


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= COMMENT_IN_EMAIL:
        return flat
    return flat[: COMMENT_IN_EMAIL - 1].rstrip() + "…"
