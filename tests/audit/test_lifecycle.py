"""Submit, sign off or return, review, reopen: with snapshots, actions and clear refusals."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.audit.models import Audit, AuditAction, ScoreSnapshot, TrainingNeed
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.pages import PageClient, normalised_text

SIGN_OFF = {"decision": "sign_off", "declaration": "y"}


def submitted(app, world, ratings=None) -> Audit:
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ratings or ALL_ESTABLISHED)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    return audit


def status_of(session, audit: Audit) -> str:
    session.expire_all()
    return session.get(Audit, audit.id).status


def test_submitting_with_unanswered_standards_lists_each_with_a_link(app, world, session):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, {"LG1": 2, "LG2": 2})
    page = PageClient(app, world.senco).post(world.url("submit"), status=400)
    links = [a["href"] for a in page.select(".govuk-error-summary a")]
    missing = ("CI-U1", "CI-U2", "CI-U4", "SD1", "SD2", "SD3")
    assert links == [world.url(f"standards/{code}") for code in missing]
    assert page.title.get_text().startswith("Error: ")
    assert status_of(session, audit) == "in_progress"


def test_submission_takes_a_snapshot_proposes_actions_and_derives_training(app, world, session):
    ratings = ALL_ESTABLISHED | {"LG1": 3, "LG2": 1, "CI-U1": "na", "CI-U2": 0}
    audit = submitted(app, world, ratings)
    assert status_of(session, audit) == "submitted"
    snapshot = session.scalar(select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id))
    assert snapshot.stage == "submitted"
    assert [(a.area_code, a.score) for a in snapshot.area_scores] == [
        ("LG", 2.0),
        ("CI-U", 1.0),
        ("SD", 2.0),
    ]
    actions = session.scalars(select(AuditAction).where(AuditAction.audit_id == audit.id)).all()
    assert sorted(a.description for a in actions) == [
        "Put inclusion in the development plan.",
        "Train staff in adapting language.",
    ]
    needs = session.scalars(
        select(TrainingNeed.topic_code).where(TrainingNeed.audit_id == audit.id)
    )
    assert sorted(needs) == ["autism-practice", "speech-language"]


def test_answers_are_read_only_after_submission(app, world):
    submitted(app, world)
    senco = PageClient(app, world.senco)
    page = senco.post(world.url("standards/LG1"), {"rating": "3"}, status=400)
    assert "read-only" in normalised_text(page)


def test_only_the_headteacher_can_sign_off_and_a_senco_is_told_why(app, world, session):
    audit = submitted(app, world)
    page = PageClient(app, world.senco).post(
        world.url("sign-off"), {"decision": "sign_off"}, status=403
    )
    assert "Only the school's headteacher can sign off its audit" in normalised_text(page)
    PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF, status=302)
    assert status_of(session, audit) == "signed_off"
    stages = session.scalars(select(ScoreSnapshot.stage).where(ScoreSnapshot.audit_id == audit.id))
    assert sorted(stages) == ["signed_off", "submitted"]


def test_a_headteacher_returns_the_audit_with_a_comment_the_senco_sees(app, world, session):
    audit = submitted(app, world)
    head = PageClient(app, world.head)
    page = head.post(world.url("sign-off"), {"decision": "return", "comment": ""}, status=200)
    assert "Enter a comment" in normalised_text(page)
    head.post(
        world.url("sign-off"), {"decision": "return", "comment": "Add evidence to LG2"}, status=302
    )
    assert status_of(session, audit) == "in_progress"
    assert "Add evidence to LG2" in normalised_text(PageClient(app, world.senco).get(world.url()))


def test_an_adviser_reviews_a_signed_off_audit_and_can_reopen_it_with_a_reason(app, world, session):
    audit = submitted(app, world)
    PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF, status=302)
    adviser = PageClient(app, world.adviser)
    adviser.post(world.url("review"), status=302)
    assert status_of(session, audit) == "reviewed"
    page = adviser.post(world.url("reopen"), {"reason": ""}, status=200)
    assert "Enter a reason for reopening" in normalised_text(page)
    adviser.post(world.url("reopen"), {"reason": "Evidence for CI-U2 missing"}, status=302)
    assert status_of(session, audit) == "in_progress"


def test_a_senco_cannot_reopen_or_review(app, world):
    submitted(app, world)
    senco = PageClient(app, world.senco)
    senco.post(world.url("reopen"), {"reason": "Please"}, status=403)
    senco.post(world.url("review"), status=403)


def test_signing_off_an_audit_that_is_not_submitted_changes_nothing(app, world, session):
    audit = begin(app, world)
    page = PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF)
    assert "Only an audit that is submitted can be signed off" in normalised_text(page)
    assert status_of(session, audit) == "in_progress"


def test_resubmission_after_reopening_keeps_the_earlier_snapshot(app, world, session):
    audit = submitted(app, world)
    PageClient(app, world.adviser).post(world.url("reopen"), {"reason": "Recheck"}, status=302)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    snapshots = session.scalars(
        select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id)
    ).all()
    assert [s.stage for s in snapshots] == ["submitted", "submitted"]
    session.expire_all()
    assert session.get(Audit, audit.id).latest_snapshot_id == snapshots[-1].id


def test_an_adviser_challenges_a_rating_and_both_ratings_are_kept(app, world, session):
    submitted(app, world)
    adviser = PageClient(app, world.adviser)
    page = adviser.post(
        world.url("moderate/LG2"), {"decision": "challenge", "comment": ""}, status=200
    )
    assert "Select the rating you think is right" in normalised_text(page)
    form = {"decision": "challenge", "moderated_rating": "1", "comment": "No evidence seen"}
    adviser.post(world.url("moderate/LG2"), form, status=302)
    text = normalised_text(PageClient(app, world.senco).get(world.url("standards/LG2")))
    assert "challenged the rating and suggests Emerging" in text
    assert "No evidence seen" in text


def test_the_headteacher_cannot_moderate(app, world):
    submitted(app, world)
    PageClient(app, world.head).post(world.url("moderate/LG2"), {"decision": "agree"}, status=403)
