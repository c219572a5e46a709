"""Reference data and demo data. Every loader is idempotent: running it twice changes nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.passwords import hash_password
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.gias import read_gias_csv
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SCHOOLS_FILE = SEEDS_DIR / "somerset_schools.csv"
PARTNERSHIPS_FILE = SEEDS_DIR / "partnerships.csv"
FRAMEWORKS_DIR = SEEDS_DIR / "frameworks"
DEMO_PASSWORD = "demo-inclusion-portal-2026"
FIRST_SEEDED_YEAR = 2022


@dataclass
class SeedReport:
    schools_added: int = 0
    years_added: int = 0
    partnerships_added: int = 0
    memberships_added: int = 0

    def lines(self) -> list[str]:
        return [f"{name.replace('_', ' ')}: {count}" for name, count in vars(self).items()]


def framework_files() -> list[Path]:
    """Framework files, oldest academic year first (their names sort by year)."""
    return sorted(FRAMEWORKS_DIR.glob("*.yaml"))


def academic_year_containing(day: date) -> int:
    """The starting calendar year of the academic year (1 September to 31 August)."""
    return day.year if day.month >= 9 else day.year - 1


def seed_reference_data(today: date | None = None) -> SeedReport:
    report = SeedReport()
    report.years_added = _seed_years(today or date.today())
    report.schools_added = _seed_schools()
    report.partnerships_added = _seed_partnerships()
    report.memberships_added = _seed_memberships()
    db.session.commit()
    return report


def _seed_years(today: date) -> int:
    current_start = academic_year_containing(today)
    existing = {y.label: y for y in db.session.scalars(select(AcademicYear))}
    added = 0
    for start in range(FIRST_SEEDED_YEAR, current_start + 1):
        label = f"{start}/{(start + 1) % 100:02d}"
        if label not in existing:
            existing[label] = AcademicYear(
                label=label, start_date=date(start, 9, 1), end_date=date(start + 1, 8, 31)
            )
            db.session.add(existing[label])
            added += 1
    if not any(y.is_current for y in existing.values()):
        db.session.flush()
        existing[f"{current_start}/{(current_start + 1) % 100:02d}"].is_current = True
    return added


def _seed_schools() -> int:
    known = set(db.session.scalars(select(School.urn)))
    new_rows = [row for row in read_gias_csv(SCHOOLS_FILE) if row["urn"] not in known]
    db.session.add_all(School(**row) for row in new_rows)
    return len(new_rows)


def _seed_partnerships() -> int:
    known = set(db.session.scalars(select(AreaInclusionPartnership.code)))
    rows = [row for row in _partnership_rows() if row["code"] not in known]
    db.session.add_all(AreaInclusionPartnership(code=r["code"], name=r["name"]) for r in rows)
    db.session.flush()
    return len(rows)


def _partnership_rows() -> list[dict[str, str]]:
    with PARTNERSHIPS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _seed_memberships() -> int:
    """Default membership by former district, for each year a school has none yet."""
    by_district = _partnerships_by_district()
    placed = set(
        db.session.execute(
            select(PartnershipMembership.school_id, PartnershipMembership.academic_year_id)
        ).tuples()
    )
    added = 0
    for year in db.session.scalars(select(AcademicYear)):
        for school in db.session.scalars(select(School).where(School.is_open)):
            partnership = by_district.get(school.district_code or "")
            if partnership and (school.id, year.id) not in placed:
                db.session.add(
                    PartnershipMembership(
                        school=school, partnership=partnership, academic_year=year
                    )
                )
                added += 1
    return added


def _partnerships_by_district() -> dict[str, AreaInclusionPartnership]:
    codes = {row["district_code"]: row["code"] for row in _partnership_rows()}
    partnerships = {p.code: p for p in db.session.scalars(select(AreaInclusionPartnership))}
    return {
        district: partnerships[code] for district, code in codes.items() if code in partnerships
    }


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    scope: str | None  # a URN for school roles, a partnership code for partnership roles


def demo_users() -> list[DemoUser]:
    """One person per role, attached to the first open schools and partnership."""
    first_schools = db.session.scalars(
        select(School.urn).where(School.is_open).order_by(School.urn).limit(2)
    ).all()
    first_partnership = db.session.scalar(
        select(AreaInclusionPartnership.code).order_by(AreaInclusionPartnership.code)
    )
    return [
        DemoUser("senco@demo.example.org", "Sam Senco", Role.SENCO, first_schools[0]),
        DemoUser("head@demo.example.org", "Harriet Head", Role.HEADTEACHER, first_schools[0]),
        DemoUser("senco2@demo.example.org", "Sunita Senco", Role.SENCO, first_schools[1]),
        DemoUser("adviser@demo.example.org", "Adam Adviser", Role.ADVISER, first_partnership),
        DemoUser("lead@demo.example.org", "Layla Lead", Role.PARTNERSHIP_LEAD, first_partnership),
        DemoUser("admin@demo.example.org", "Alex Admin", Role.ADMIN, None),
        DemoUser("officer@demo.example.org", "Olu Officer", Role.INCLUSION_OFFICER, None),
    ]


def seed_demo_users() -> int:
    added = 0
    for demo in demo_users():
        if db.session.scalar(select(User).where(User.email == demo.email)):
            continue
        user = User(
            email=demo.email, display_name=demo.name, password_hash=hash_password(DEMO_PASSWORD)
        )
        user.roles.append(_demo_assignment(demo))
        db.session.add(user)
        added += 1
    db.session.commit()
    return added


def _demo_assignment(demo: DemoUser) -> RoleAssignment:
    assignment = RoleAssignment(role=demo.role.value)
    if demo.role.scope == "school":
        assignment.school = db.session.scalar(select(School).where(School.urn == demo.scope))
    elif demo.role.scope == "partnership":
        assignment.partnership = db.session.scalar(
            select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == demo.scope)
        )
    return assignment


def seed_demo_audits() -> int:
    from inclusion.demo import DemoCast
    from inclusion.demo import seed_demo_audits as seed_audits

    def person(email: str) -> User:
        return db.session.scalar(select(User).where(User.email == email))

    cast = DemoCast(
        senco=person("senco@demo.example.org"),
        head=person("head@demo.example.org"),
        adviser=person("adviser@demo.example.org"),
    )
    return seed_audits(cast)
