"""Reading a CSV of people to invite, checked in full before anything is saved.

Columns: email, name, role, school_urn, partnership_code (any order, any case). A role for a
school needs a URN; one for a partnership needs a partnership code. Every problem is reported
with its line (the header is line 1) and nothing is saved unless there are none; people who
already have an account are reported and left out, not refused.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.auth.services import NewUser, normalise_email
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership, School

COLUMNS = ("email", "name", "role", "school_urn", "partnership_code")
REQUIRED_COLUMNS = ("email", "name", "role")
MAX_ROWS = 2000
MAX_BYTES = 250_000  # the preview sends the file back in a form field, under the form limit
ROLE_NAMES = {r.value: r for r in Role} | {r.label.lower(): r for r in Role}


@dataclass
class InvitationPlan:
    to_invite: list[tuple[int, NewUser]] = field(default_factory=list)
    existing: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.to_invite)

    def people(self) -> list[NewUser]:
        return [details for _, details in self.to_invite]


def read_invitations(data: bytes) -> InvitationPlan:
    plan = InvitationPlan()
    rows = _rows(data, plan)
    if plan.errors:
        return plan
    lookups = _Lookups.for_rows(rows)
    first_line_of: dict[str, int] = {}
    for line, row in rows:
        _check_row(line, row, lookups, first_line_of, plan)
    if not plan.errors and not plan.to_invite:
        plan.errors.append((None, "The file has nobody new to invite"))
    return plan


def _rows(data: bytes, plan: InvitationPlan) -> list[tuple[int, dict[str, str]]]:
    if len(data) > MAX_BYTES:
        plan.errors.append((None, f"The file must be smaller than {MAX_BYTES // 1000} KB"))
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan.errors.append((None, "The file must be saved as CSV UTF-8"))
        return []
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or not {"school_urn", "partnership_code"} & set(header):
        wanted = ", ".join(COLUMNS)
        plan.errors.append((1, f"The first line must name the columns {wanted}"))
        return []
    rows = [
        (number, {name: value.strip() for name, value in zip(header, values, strict=False)})
        for number, values in enumerate(reader, start=2)
        if any(value.strip() for value in values)
    ]
    if len(rows) > MAX_ROWS:
        plan.errors.append((None, f"The file has {len(rows)} people: at most {MAX_ROWS}"))
        return []
    return rows


@dataclass
class _Lookups:
    schools: dict[str, School]
    partnerships: dict[str, AreaInclusionPartnership]
    existing_emails: set[str]

    @classmethod
    def for_rows(cls, rows: list[tuple[int, dict[str, str]]]) -> _Lookups:
        urns = {row.get("school_urn", "") for _, row in rows} - {""}
        codes = {row.get("partnership_code", "").upper() for _, row in rows} - {""}
        emails = {normalise_email(row.get("email", "")) for _, row in rows}
        schools = db.session.scalars(select(School).where(School.urn.in_(urns)))
        partnerships = db.session.scalars(
            select(AreaInclusionPartnership).where(AreaInclusionPartnership.code.in_(codes))
        )
        existing = db.session.scalars(select(User.email).where(User.email.in_(emails)))
        return cls(
            schools={s.urn: s for s in schools},
            partnerships={p.code: p for p in partnerships},
            existing_emails=set(existing),
        )


def _check_row(
    line: int,
    row: dict[str, str],
    lookups: _Lookups,
    first_line_of: dict[str, int],
    plan: InvitationPlan,
) -> None:
    problems: list[str] = []
    email = _email(row.get("email", ""), problems)
    name = _name(row.get("name", ""), problems)
    role = ROLE_NAMES.get(row.get("role", "").lower())
    if role is None:
        problems.append(f"The role must be one of: {', '.join(r.label for r in Role)}")
    school, partnership = _scope(role, row, lookups, problems) if role else (None, None)
    if email and email in first_line_of:
        problems.append(f"{email} is also on line {first_line_of[email]}")
    elif email:
        first_line_of[email] = line
    if problems:
        plan.errors.extend((line, problem) for problem in problems)
    elif email in lookups.existing_emails:
        plan.existing.append((line, email))
    else:
        plan.to_invite.append((line, NewUser(email, name, role, school, partnership)))


def _name(value: str, problems: list[str]) -> str:
    if not value:
        problems.append("Enter the person's name")
    elif len(value) > 120:
        problems.append("The name must be 120 characters or fewer")
    elif any(ord(character) < 32 for character in value):
        problems.append("The name must be on one line")
    return value


def _email(value: str, problems: list[str]) -> str:
    if not value:
        problems.append("Enter an email address")
        return ""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        problems.append(f"{value} is not an email address in the correct format")
        return ""
    if len(value) > 254:
        problems.append("The email address must be 254 characters or fewer")
        return ""
    return normalise_email(value)


def _scope(
    role: Role, row: dict[str, str], lookups: _Lookups, problems: list[str]
) -> tuple[School | None, AreaInclusionPartnership | None]:
    urn, code = row.get("school_urn", ""), row.get("partnership_code", "").upper()
    if role.scope == "school":
        school = _one_scope(role, (urn, "school", "URN"), code, lookups.schools, problems)
        return school, None
    if role.scope == "partnership":
        known = lookups.partnerships
        return None, _one_scope(role, (code, "partnership", "code"), urn, known, problems)
    if urn or code:
        problems.append(f"A {role.label} covers the whole council: leave URN and code blank")
    return None, None


def _one_scope(role: Role, given: tuple[str, str, str], other: str, known: dict, problems: list):
    """The school or partnership named on the row, given as (value, noun, key name)."""
    value, noun, key_name = given
    if other:
        other_column = "partnership code" if noun == "school" else "school URN"
        problems.append(f"A {role.label} belongs to a {noun}: leave the {other_column} blank")
    if not value:
        problems.append(f"A {role.label} needs the {noun}'s {key_name}")
    elif value not in known:
        problems.append(f"There is no {noun} with {key_name} {value}")
    return known.get(value)
