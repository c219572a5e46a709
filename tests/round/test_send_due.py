"""`flask notifications send-due`: what falls due is sent once, however often it runs."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app

from inclusion.audit import lifecycle
from inclusion.extensions import db
from inclusion.graduated_response import incidents, records
from inclusion.notifications.kinds import kind_named
from inclusion.round.due import send_due as work_out_due
from inclusion.round.models import SentNotice
from inclusion.round.preferences import save_preferences
from inclusion.uk_time import uk_today
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.graduated_response.factories import exclusion_input, timetable_input
from tests.round.helpers import emails, round_school, send_due


def test_running_send_due_twice_sends_each_reminder_once(smtp_app, smtp_server):
    world = round_school(opens_days_ago=7, due_in_days=7)
    first = send_due(smtp_app)
    second = send_due(smtp_app)
    assert "Queued 2 notice(s)" in first
    assert "Queued 0 notice(s)" in second
    received = smtp_server.wait_for(world.senco.email) + smtp_server.wait_for(world.head.email)
    assert len(smtp_server.received) == 2
    assert {r.recipients[0] for r in received} == {world.senco.email, world.head.email}
    assert "due in 7 days" in received[0].message["Subject"]


def test_the_notice_due_moves_from_opening_to_each_reminder_to_overdue(app, session):
    world = round_school(opens_days_ago=1, due_in_days=30)
    sent_on = {}
    for days_left in (30, 14, 9, 7, 1, 0, -1, -5):
        day = world.year.audit_due_on - timedelta(days=days_left)
        sent_on[days_left] = sorted(work_out_due(day).sent.items())
    assert sent_on == {
        30: [("audit_opened", 2)],
        14: [("audit_due_soon", 2)],
        9: [("audit_due_soon", 0)],  # the 14-day reminder has gone already
        7: [("audit_due_soon", 2)],
        1: [("audit_due_soon", 2)],
        0: [("audit_due_soon", 0)],
        -1: [("audit_overdue", 2)],
        -5: [("audit_overdue", 0)],
    }


def test_a_day_missed_by_cron_is_caught_up_once(app, session):
    world = round_school(opens_days_ago=30, due_in_days=5)
    run = work_out_due(world.year.audit_due_on - timedelta(days=5))
    next_day = work_out_due(world.year.audit_due_on - timedelta(days=4))
    keys = sorted(db.session.scalars(db.select(SentNotice.subject_key)))
    assert run.sent["audit_due_soon"] == 2 and next_day.total == 0
    assert len(keys) == 2 and all(key.endswith(":due-7") for key in keys)


def test_a_school_that_has_submitted_is_not_reminded(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    world.year.audit_opens_on = uk_today() - timedelta(days=20)
    world.year.audit_due_on = uk_today() + timedelta(days=1)
    other = round_school()  # the same current year: a school still to submit
    work_out_due(uk_today())
    reminded = {e.to_address for e in emails("audit_due_soon")}
    assert reminded == {other.senco.email, other.head.email}


def test_a_person_who_turned_reminders_off_is_not_sent_them(app, session):
    world = round_school()
    save_preferences(world.head, [])
    work_out_due(uk_today())
    assert [e.to_address for e in emails("audit_due_soon")] == [world.senco.email]


def test_nobody_is_reminded_before_the_audit_opens(app, session):
    world = round_school(opens_days_ago=-3, due_in_days=40)
    assert work_out_due(uk_today()).total == 0
    assert world.year.audit_opens_on > uk_today()


def test_an_overdue_timetable_review_tells_the_senco_without_pupil_details(smtp_app, smtp_server):
    world = round_school(opens_days_ago=-10, due_in_days=60)  # no audit notices today
    started = uk_today() - timedelta(weeks=5)
    with current_app.test_request_context():
        records.create_timetable(
            world.school,
            timetable_input(
                pupil_ref="PTT-4242", start_date=started, parental_agreement_date=started
            ),
            world.senco,
        )
    send_due(smtp_app)
    send_due(smtp_app)
    [message] = smtp_server.wait_for(world.senco.email)
    assert len(smtp_server.received) == 1
    assert "part-time timetable reviews need attention" in message.body
    assert f"/schools/{world.school.urn}/records/" in message.body
    assert "PTT-4242" not in message.message.as_string()


def test_suspensions_nearing_the_yearly_limit_tell_the_senco_without_pupil_details(
    smtp_app, smtp_server
):
    world = round_school(opens_days_ago=-10, due_in_days=60)
    starts = [date(2026, 9, 7), date(2026, 9, 21), date(2026, 10, 5), date(2026, 11, 2)]
    with current_app.test_request_context():
        for start in starts:
            incidents.create_exclusion(
                world.school,
                exclusion_input(pupil_ref="EX-9191", start_date=start, sessions=18),
                world.senco,
            )
    send_due(smtp_app)
    send_due(smtp_app)
    [message] = smtp_server.wait_for(world.senco.email)
    assert len(smtp_server.received) == 1
    assert "suspension records need attention" in message.body
    assert "EX-9191" not in message.message.as_string()


def test_no_email_body_holds_a_pupil_reference(app, world):
    """Records exist for pupils; every email the round sends, rendered, names none of them."""
    world.year.audit_opens_on = uk_today() - timedelta(days=40)
    world.year.audit_due_on = uk_today() - timedelta(days=1)
    started = uk_today() - timedelta(weeks=5)
    with current_app.test_request_context():
        records.create_timetable(
            world.school,
            timetable_input(
                pupil_ref="PTT-5150", start_date=started, parental_agreement_date=started
            ),
            world.senco,
        )
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    lifecycle.return_to_senco(audit, world.head, "Please add the PTT-5150 plan evidence")
    work_out_due(uk_today())
    sent = emails()
    assert {e.kind for e in sent} >= {"audit_submitted", "audit_returned", "audit_overdue"}
    assert "records_need_attention" in {e.kind for e in sent}
    for email in sent:
        if email.kind == "audit_returned":
            continue  # the headteacher's own words about the audit, checked below
        subject, body = kind_named(email.kind).render(email.personalisation)
        assert "PTT-5150" not in subject + body


def test_a_send_report_nearly_a_year_old_reminds_the_senco_once(smtp_app, smtp_server):
    from inclusion.send_report.models import WebsiteCheck

    world = round_school(opens_days_ago=-10, due_in_days=60)
    report_date = uk_today() - timedelta(days=365 - 20)
    db.session.add(
        WebsiteCheck(school_id=world.school.id, status="completed", report_date=report_date)
    )
    db.session.add(
        WebsiteCheck(
            school_id=round_school(-10, 60).school.id,
            status="completed",
            report_date=uk_today() - timedelta(days=100),
        )
    )
    db.session.flush()
    send_due(smtp_app)
    send_due(smtp_app)
    [message] = smtp_server.wait_for(world.senco.email)
    assert len(smtp_server.received) == 1
    assert "due for its annual review" in " ".join(str(message.message["Subject"]).split())
    assert f"/schools/{world.school.urn}/send-report/" in message.body
