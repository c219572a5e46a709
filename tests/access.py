"""A small world of schools, partnerships and one person per role, for access tests."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from inclusion.audit import plan
from inclusion.audit.answers import start_audit
from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.models import Audit
from inclusion.audit.statuses import ActionStatus
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.graduated_response import incidents, records
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.send_report.checklist_files import load_checklist_file
from tests.auth.factories import UserFactory
from tests.graduated_response.factories import exclusion_input, timetable_input
from tests.schools.factories import AcademicYearFactory, MembershipFactory

SMALL_FRAMEWORK = Path(__file__).parent / "audit" / "fixtures" / "small-2024-25.yaml"
CHECKLIST = Path(__file__).parents[1] / "seeds" / "send_report" / "checklist-2026-27.yaml"
PERSONAS = (
    "anonymous",
    "senco_a",
    "head_a",
    "senco_b",
    "adviser_a",
    "adviser_b",
    "lead_a",
    "admin",
    "officer",
    "no_role",
)


@dataclass
class World:
    school_a: School
    school_b: School
    partnership_a: AreaInclusionPartnership
    partnership_b: AreaInclusionPartnership
    people: dict[str, User | None]
    audit: Audit | None = None
    action_id: int | None = None
    timetable_id: int | None = None
    exclusion_id: int | None = None

    def report_url(self, suffix: str) -> str:
        slug = self.audit.academic_year.label.replace("/", "-")
        return f"/schools/{self.school_a.urn}/send-report/{slug}/{suffix}"

    def school_url(self, suffix: str) -> str:
        ids = {"timetable": self.timetable_id, "exclusion": self.exclusion_id}
        return f"/schools/{self.school_a.urn}/{suffix.format(**ids)}"

    def audit_url(self, suffix: str = "") -> str:
        slug = self.audit.academic_year.label.replace("/", "-")
        return f"/schools/{self.school_a.urn}/audits/{slug}/{suffix}"


def build_world() -> World:
    year = AcademicYearFactory()
    member_a = MembershipFactory(academic_year=year)
    member_b = MembershipFactory(academic_year=year)
    school_a, school_b = member_a.school, member_b.school
    p_a, p_b = member_a.partnership, member_b.partnership
    people: dict[str, User | None] = {
        "anonymous": None,
        "senco_a": UserFactory.with_role(Role.SENCO, school=school_a),
        "head_a": UserFactory.with_role(Role.HEADTEACHER, school=school_a),
        "senco_b": UserFactory.with_role(Role.SENCO, school=school_b),
        "adviser_a": UserFactory.with_role(Role.ADVISER, partnership=p_a),
        "adviser_b": UserFactory.with_role(Role.ADVISER, partnership=p_b),
        "lead_a": UserFactory.with_role(Role.PARTNERSHIP_LEAD, partnership=p_a),
        "admin": UserFactory.with_role(Role.ADMIN),
        "officer": UserFactory.with_role(Role.INCLUSION_OFFICER),
        "no_role": UserFactory(),
    }
    world = World(school_a, school_b, p_a, p_b, people)
    _add_audit(world, year)
    _add_records(world)
    return world


def _add_records(world: World) -> None:
    """School A keeps one part-time timetable and one suspension."""
    senco = world.people["senco_a"]
    with current_app.test_request_context():
        timetable = records.create_timetable(world.school_a, timetable_input(), senco)
        exclusion = incidents.create_exclusion(world.school_a, exclusion_input(), senco)
    world.timetable_id, world.exclusion_id = timetable.id, exclusion.id


def _add_audit(world: World, year) -> None:
    """School A has started this year's audit on a small framework, with one action."""
    text = SMALL_FRAMEWORK.read_text(encoding="utf-8").replace('"2024/25"', f'"{year.label}"')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "framework.yaml"
        path.write_text(text, encoding="utf-8")
        checklist = CHECKLIST.read_text(encoding="utf-8").replace("2026/27", year.label)
        (Path(folder) / "checklist.yaml").write_text(checklist.replace("  previous: 2025/26\n", ""))
        with current_app.test_request_context():
            load_framework_file(path)
            load_checklist_file(Path(folder) / "checklist.yaml")
            world.audit = start_audit(world.school_a, year, world.people["senco_a"])
            change = plan.ActionChange("Train staff", "Sam", None, ActionStatus.NOT_STARTED)
            world.action_id = plan.add_action(world.audit, change).id
