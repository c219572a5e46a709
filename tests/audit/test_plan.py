"""The action plan carries over unfinished actions; training needs are derived and requested."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.audit.models import ActionNote, AuditAction, TrainingNeed
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.audit.test_results import LAST_YEAR, submit_for
from tests.pages import PageClient, error_summary, normalised_text
from tests.ui.test_once_only_forms import count, sent_twice


def actions_of(session, audit) -> list[AuditAction]:
    return session.scalars(
        select(AuditAction).where(AuditAction.audit_id == audit.id).order_by(AuditAction.id)
    ).all()


def test_unfinished_actions_are_offered_again_next_year_on_the_mapped_standard(app, world, session):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    proposed = actions_of(session, old)
    done = next(a for a in proposed if a.standard.code == "LG2")
    done.status = "done"
    session.flush()
    audit = begin(app, world)
    carried = actions_of(session, audit)
    assert sorted(a.description for a in carried) == sorted(
        a.description for a in proposed if a is not done
    )
    lg1 = next(a for a in carried if a.description.startswith("Brief governors"))
    assert lg1.standard.code == "LG1" and lg1.standard.framework_id == audit.framework_id
    retired = next(a for a in carried if a.description == "Introduce help cards.")
    assert retired.standard_id is None  # CI-U3 has no successor this year


def test_a_school_edits_an_action_and_adds_a_dated_note(app, world, session):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"LG2": 0})
    submit_for(app, audit, world.senco)
    action = actions_of(session, audit)[0]
    senco = PageClient(app, world.senco)
    form = {
        "description": "Add inclusion to the plan",
        "owner": "Head",
        "due_date-day": "31",
        "due_date-month": "3",
        "due_date-year": "2026",
        "status": "in_progress",
    }
    senco.post(world.url(f"actions/{action.id}"), form, status=302)
    senco.post(
        world.url(f"actions/{action.id}/notes"), {"text": "Drafted with governors"}, status=302
    )
    text = normalised_text(senco.get(world.url("actions")))
    assert "Add inclusion to the plan" in text and "31 March 2026" in text and "In progress" in text
    assert "1 note" in text


def test_an_action_needs_a_description(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).post(
        world.url("actions/new"), {"description": "", "status": "not_started"}
    )
    assert error_summary(page) == ["Describe the action"]


def test_requested_training_is_kept_beside_derived_training(app, world, session):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"CI-U2": 1})
    submit_for(app, audit, world.senco)
    senco = PageClient(app, world.senco)
    senco.post(world.url("training"), {"topics": ["send-law", "autism-practice"]}, status=302)
    rows = session.execute(
        select(TrainingNeed.topic_code, TrainingNeed.source).where(
            TrainingNeed.audit_id == audit.id
        )
    ).all()
    assert sorted(rows) == [
        ("autism-practice", "requested"),
        ("send-law", "requested"),
        ("speech-language", "derived"),
    ]


def test_an_unknown_training_topic_is_refused(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).post(world.url("training"), {"topics": ["basket-weaving"]})
    assert error_summary(page) == ["Unknown training topics: basket-weaving"]


def test_an_action_and_a_note_sent_twice_are_each_added_once(app, world, session):
    begin(app, world)
    senco = PageClient(app, world.senco)
    form = {"description": "Train lunchtime staff", "status": "not_started"}
    sent_twice(senco, world.url("actions/new"), form)
    assert count(session, AuditAction) == 1
    action = session.scalar(select(AuditAction))
    sent_twice(senco, world.url(f"actions/{action.id}/notes"), {"text": "Booked for March"})
    assert count(session, ActionNote) == 1
