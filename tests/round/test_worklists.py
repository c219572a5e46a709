"""Each role's home page starts with what is waiting for them, at a fixed cost in queries."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from inclusion.audit import lifecycle, plan
from inclusion.audit.statuses import ActionStatus
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.graduated_response import records
from inclusion.notifications.models import EmailStatus, OutboundEmail
from inclusion.uk_time import uk_today
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.graduated_response.factories import timetable_input
from tests.pages import PageClient
from tests.queries import counting_queries
from tests.schools.factories import MembershipFactory


def worklist(app, person) -> list[tuple[str, str]]:
    page = PageClient(app, person).get("/dashboard")
    return [(a.get_text(" ", strip=True), a["href"]) for a in page.select("#worklist a")]


def submitted(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    return audit


def test_a_headteacher_sees_the_audit_to_sign_off(app, world):
    submitted(app, world)
    items = worklist(app, world.head)
    assert (
        f"{world.school.name}'s audit is waiting for you to sign off",
        world.url("sign-off"),
    ) in items


def test_a_senco_sees_a_returned_audit_overdue_reviews_and_actions_due(app, world):
    audit = submitted(app, world)
    lifecycle.return_to_senco(audit, world.head, "Please add evidence")
    change = plan.ActionChange("Train staff", "Sam", uk_today(), ActionStatus.NOT_STARTED)
    with app.test_request_context():
        plan.add_action(audit, change)
        started = uk_today() - timedelta(weeks=5)
        records.create_timetable(
            world.school,
            timetable_input(start_date=started, parental_agreement_date=started),
            world.senco,
        )
    texts = [text for text, _ in worklist(app, world.senco)]
    assert texts == [
        f"{world.school.name}'s audit was returned by the headteacher",
        f"{world.school.name}: 1 part-time timetable review overdue",
        f"{world.school.name}: 1 action due in the next two weeks or overdue",
    ]


def test_an_adviser_sees_audits_to_review_and_schools_to_chase_with_contacts(app, world):
    audit = submitted(app, world)
    lifecycle.sign_off(audit, world.head)
    waiting = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
    senco = UserFactory.with_role(Role.SENCO, school=waiting)
    page = PageClient(app, world.adviser).get("/dashboard")
    items = [a.get_text(" ", strip=True) for a in page.select("#worklist a")]
    assert items == [f"{world.school.name}'s audit is signed off and waiting for your review"]
    chase = page.select_one("#to-chase").find_next("table").get_text(" ", strip=True)
    assert waiting.name in chase and senco.email in chase and "None recorded" in chase
    assert world.school.name not in chase


def test_an_administrator_sees_invitations_failed_emails_and_refused_imports(app, world):
    UserFactory(password_hash=None)
    db.session.add(
        OutboundEmail(
            kind="invitation", to_address="x@example.org", status=EmailStatus.FAILED.value
        )
    )
    db.session.flush()
    texts = [text for text, _ in worklist(app, world.admin)]
    assert any("not accepted their invitation" in t for t in texts)
    assert "1 email failed to send" in texts


def test_the_inclusion_officers_notifications_waiting_are_kept(app, world):
    officer = UserFactory.with_role(Role.INCLUSION_OFFICER)
    page = PageClient(app, officer).get("/dashboard")
    assert "Notifications not yet acknowledged (0)" in page.get_text(" ", strip=True)


def test_an_advisers_home_page_costs_the_same_queries_for_more_schools(app, world):
    adviser = PageClient(app, world.adviser)
    counts = []
    for _ in range(2):
        for _ in range(3):
            school = MembershipFactory(
                academic_year=world.year, partnership=world.partnership
            ).school
            UserFactory.with_role(Role.SENCO, school=school)
            UserFactory.with_role(Role.HEADTEACHER, school=school)
        db.session.flush()
        with counting_queries(app) as counter:
            adviser.get("/dashboard")
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_a_senco_of_more_schools_costs_the_same_queries(app, world):
    senco = world.senco
    counts = []
    for _ in range(2):
        school = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
        senco.roles.append(type(senco.roles[0])(role=Role.SENCO.value, school=school))
        with current_app.test_request_context():
            started = uk_today() - timedelta(weeks=5)
            records.create_timetable(
                school, timetable_input(start_date=started, parental_agreement_date=started), senco
            )
        db.session.flush()
        visitor = PageClient(app, senco)
        with counting_queries(app) as counter:
            visitor.get("/dashboard")
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_an_administrators_and_a_headteachers_home_pages_cost_the_same_queries_as_work_grows(
    app, world
):
    counts: dict[str, list[int]] = {"admin": [], "head": []}
    for round_number in range(2):
        for n in range(3):
            UserFactory(password_hash=None)
            db.session.add(
                OutboundEmail(
                    kind="invitation",
                    to_address=f"gone{round_number}{n}@example.org",
                    status=EmailStatus.FAILED.value,
                )
            )
        if round_number == 1:
            submitted(app, world)
        db.session.flush()
        for name, person in (("admin", world.admin), ("head", world.head)):
            visitor = PageClient(app, person)  # signing in is not the page's cost
            with counting_queries(app) as counter:
                visitor.get("/dashboard")
            counts[name].append(counter.count)
    assert counts["admin"][0] == counts["admin"][1]
    assert counts["head"][0] == counts["head"][1]


def test_an_adviser_sees_pairings_ending_and_challenges_the_school_has_answered(app, world):
    from inclusion.area_partnerships.models import SupportPairing
    from inclusion.audit import moderation
    from inclusion.audit.answers import AnswerInput, answer_to, save_answer, standard_in

    audit = submitted(app, world)
    challenge = moderation.Moderation("challenge", 1, "The minutes do not show this yet")
    with app.test_request_context():
        moderation.moderate(audit, standard_in(audit, "LG1"), challenge, world.adviser)
        lifecycle.reopen(audit, world.adviser, "Please look again at LG1")
        standard = standard_in(audit, "LG1")
        given = AnswerInput(rating=1, evidence="We agree: governors are being briefed")
        save_answer(audit, standard, given, answer_to(audit, standard).version, world.senco)
    helper = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
    ending = uk_today() + timedelta(days=10)
    db.session.add(
        SupportPairing(
            academic_year_id=world.year.id,
            supporting_school_id=helper.id,
            supported_school_id=world.school.id,
            standard_code="LG1",
            start_date=uk_today() - timedelta(days=60),
            planned_end_date=ending,
        )
    )
    db.session.flush()
    texts = [text for text, _ in worklist(app, world.adviser)]
    assert f"{world.school.name} has answered your challenge to 1 rating" in texts
    assert (
        f"Support for {world.school.name} on LG1 is planned to end on "
        f"{ending.day} {ending:%B %Y}" in texts
    )
