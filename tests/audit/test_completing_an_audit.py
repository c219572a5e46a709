"""A SENCO completes an audit: task list, one page per standard, history, conflicts, errors."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.audit.models import Answer, AnswerChange, Audit
from tests.audit.conftest import begin
from tests.pages import PageClient, error_summary, normalised_text


def answer(client: PageClient, world, code: str, status: int = 302, **fields):
    data = {
        "rating": "2",
        "evidence": "Seen in lessons",
        "note": "",
        "evidence_links": "",
        "then": "continue",
    }
    return client.post(world.url(f"standards/{code}"), data | fields, status)


def test_a_senco_starts_the_audit_and_sees_the_task_list(app, world):
    senco = PageClient(app, world.senco)
    page = senco.get(world.url())
    assert "Start the 2025/26 audit" in normalised_text(page)
    senco.post(world.url("start"), status=302)
    page = senco.get(world.url())
    sections = [t.get_text(strip=True) for t in page.select(".govuk-task-list__name-and-hint a")]
    assert sections == [
        "Leadership and governance",
        "Communication and interaction: Universal",
        "Statutory duties",
    ]
    assert "You have answered 0 of 8 standards" in normalised_text(page)


def test_save_and_continue_moves_to_the_next_standard_and_counts_it(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG1")
    assert senco.last_response.location.endswith("/standards/LG2")
    text = normalised_text(senco.get(world.url()))
    assert "You have answered 1 of 8 standards" in text


def test_save_and_come_back_later_returns_to_the_task_list_with_a_message(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG1", then="later")
    assert senco.last_response.location.endswith("/audits/2025-26/")
    assert "You can come back to it at any time" in normalised_text(senco.get(world.url()))


def test_each_rating_shows_what_it_looks_like_for_that_standard(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("standards/LG1"))
    hints = [h.get_text(strip=True) for h in page.select(".govuk-radios__hint")]
    assert hints == ["No", "Starting", "Mostly", "Fully"]
    assert "statutory standard" in normalised_text(page)


def test_every_change_is_kept_in_the_history_with_who_and_the_old_value(app, world, session):
    audit = begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG2", rating="1")
    version = session.scalar(select(Answer.version).where(Answer.audit_id == audit.id))
    answer(senco, world, "LG2", rating="3", version=str(version))
    changes = session.scalars(
        select(AnswerChange).where(
            AnswerChange.audit_id == audit.id, AnswerChange.field == "rating"
        )
    ).all()
    assert [(c.old_value, c.new_value, c.changed_by_id) for c in changes] == [
        (None, "1", world.senco.id),
        ("1", "3", world.senco.id),
    ]
    history = normalised_text(PageClient(app, world.adviser).get(world.url("history")))
    assert world.senco.display_name in history


def test_a_second_save_based_on_an_old_version_is_refused_with_both_versions_shown(
    app, world, session
):
    audit = begin(app, world)
    senco, head = PageClient(app, world.senco), PageClient(app, world.head)
    answer(senco, world, "LG2", rating="1", evidence="SENCO's evidence")
    stale = session.scalar(select(Answer.version).where(Answer.audit_id == audit.id))
    answer(senco, world, "LG2", rating="2", evidence="SENCO's second thoughts", version=str(stale))
    page = answer(
        head, world, "LG2", status=200, rating="3", evidence="Head's view", version=str(stale)
    )
    assert "Someone else saved this standard" in error_summary(page)[0]
    comparison = normalised_text(page.select_one("table"))
    assert "SENCO's second thoughts" in comparison and "Head's view" in comparison
    session.expire_all()
    saved = session.scalar(select(Answer).where(Answer.audit_id == audit.id))
    assert (saved.rating, saved.evidence) == (2, "SENCO's second thoughts")
    refused = session.scalars(select(AnswerChange).where(AnswerChange.outcome == "refused")).all()
    assert {c.new_value for c in refused} >= {"3", "Head's view"}


def test_an_unknown_rating_is_refused_and_changes_nothing(app, world, session):
    audit = begin(app, world)
    page = answer(PageClient(app, world.senco), world, "LG1", status=200, rating="7")
    assert error_summary(page) == ["Select one of the ratings shown"]
    assert session.scalar(select(Answer).where(Answer.audit_id == audit.id)) is None


def test_oversized_evidence_is_refused_with_the_limit(app, world):
    begin(app, world)
    page = answer(PageClient(app, world.senco), world, "LG1", status=200, evidence="x" * 5001)
    assert error_summary(page) == ["Evidence must be 5,000 characters or fewer"]


def test_not_applicable_needs_a_reason_and_only_where_the_framework_allows_it(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    page = answer(senco, world, "CI-U1", status=200, rating="na", not_applicable_reason="")
    assert error_summary(page) == ["Explain why this standard does not apply to your school"]
    answer(senco, world, "CI-U1", rating="na", not_applicable_reason="No pupils with this need")
    page = answer(senco, world, "LG1", status=200, rating="na", not_applicable_reason="Why not")
    assert error_summary(page) == ["This standard applies to every school: select a rating"]


def test_a_standard_not_in_this_years_framework_is_not_found(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    senco.get(world.url("standards/CI-U3"), status=404)
    answer(senco, world, "CI-U3", status=404)


def test_bad_evidence_links_are_refused(app, world):
    begin(app, world)
    page = answer(
        PageClient(app, world.senco), world, "LG1", status=200, evidence_links="javascript:alert(1)"
    )
    assert "full web address" in error_summary(page)[0]


def test_an_adviser_can_read_answers_but_not_change_them(app, world):
    begin(app, world)
    adviser = PageClient(app, world.adviser)
    page = adviser.get(world.url("standards/LG1"))
    assert page.select_one("form[data-autosave-url]") is None
    adviser.post(world.url("standards/LG1"), {"rating": "3"}, status=403)


def test_the_audit_cannot_be_started_twice(app, world, session):
    begin(app, world)
    PageClient(app, world.senco).post(world.url("start"), status=302)
    assert len(session.scalars(select(Audit)).all()) == 1
