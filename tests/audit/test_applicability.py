"""Standards that do not bind a school's kind of setting (CFA 2014 s.67: the SENCO duty is on
mainstream and maintained nursery schools only): shown as not applying, never asked, never
required before submitting, never scored and never gating the statutory-duties area."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from inclusion.audit.exports import audit_workbook
from inclusion.audit.models import Answer, Audit, AuditAction, ScoreSnapshot, Standard
from inclusion.audit.results import results_for
from inclusion.schools.phases import Phase
from tests.api.helpers import ApiClient
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.pages import PageClient, error_summary, normalised_text

WITHOUT_SD2 = {code: rating for code, rating in ALL_ESTABLISHED.items() if code != "SD2"}


def make_special(session, world) -> None:
    world.school.phase = Phase.SPECIAL.value
    session.flush()


def sd2(session, world) -> Standard:
    return session.scalar(
        select(Standard)
        .join(Audit, Audit.framework_id == Standard.framework_id)
        .where(Audit.school_id == world.school.id, Standard.code == "SD2")
    )


def test_the_senco_standard_says_it_does_not_apply_to_a_special_school_cfa_s67(app, world, session):
    make_special(session, world)
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("standards/SD2"))
    panel = page.select_one("[data-applicability=does-not-apply]")
    text = normalised_text(panel)
    assert "Does not apply to this school" in text
    assert "mainstream schools and maintained nursery schools only" in text
    assert "Children and Families Act 2014, section 67(1)" in text
    assert page.select("input[name=rating]") == []


def test_the_senco_standard_is_asked_of_a_mainstream_school_cfa_s67(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("standards/SD2"))
    assert page.select_one("[data-applicability=does-not-apply]") is None
    assert len(page.select("input[name=rating]")) == 4


def test_an_answer_to_a_standard_that_does_not_apply_is_refused_cfa_s67(app, world, session):
    make_special(session, world)
    audit = begin(app, world)
    senco = PageClient(app, world.senco)
    page = senco.post(world.url("standards/SD2"), {"rating": "2", "then": "continue"})
    assert error_summary(page) == [
        "SD2 does not apply to this school: it applies to mainstream schools and "
        "maintained nursery schools only."
    ]
    assert session.scalar(select(Answer).where(Answer.audit_id == audit.id)) is None


def test_the_task_list_and_sections_leave_out_standards_that_do_not_apply_cfa_s67(
    app, world, session
):
    make_special(session, world)
    begin(app, world)
    senco = PageClient(app, world.senco)
    assert "You have answered 0 of 7 standards" in normalised_text(senco.get(world.url()))
    section = senco.get(world.url("sections/SD"))
    rows = {
        row.th.get_text(" ", strip=True).split(":")[0]: normalised_text(row.td)
        for row in section.select("tbody tr")
    }
    assert rows["SD2"] == "Does not apply to this school"
    assert rows["SD1"] == "Not answered"


def test_a_special_school_submits_without_answering_the_senco_standard_cfa_s67(app, world, session):
    make_special(session, world)
    audit = begin(app, world)
    answer_all(app, audit, world.senco, WITHOUT_SD2)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    session.expire_all()
    assert session.get(Audit, audit.id).status == "submitted"


def test_a_mainstream_school_must_answer_the_senco_standard_before_submitting_cfa_s67(
    app, world, session
):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, WITHOUT_SD2)
    page = PageClient(app, world.senco).post(world.url("submit"), status=400)
    links = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert links == [world.url("standards/SD2")]
    session.expire_all()
    assert session.get(Audit, audit.id).status == "in_progress"


def test_a_statutory_standard_that_no_longer_applies_neither_scores_nor_gates_cfa_s67(
    app, world, session
):
    """A school answered SD2 as mainstream, then was reclassified as special: its old rating
    of 0 on the (here statutory) SENCO standard must not cap the statutory-duties area."""
    audit = begin(app, world)
    sd2(session, world).statutory = True
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"SD1": 3, "SD2": 0, "SD3": 3})
    make_special(session, world)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    snapshot = session.scalar(select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id))
    statutory = next(a for a in snapshot.area_scores if a.area_code == "SD")
    assert (statutory.score, statutory.gated) == (3.0, False)


def test_the_same_rating_gates_the_area_while_the_school_is_mainstream_cfa_s67(app, world, session):
    audit = begin(app, world)
    sd2(session, world).statutory = True
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"SD1": 3, "SD2": 0, "SD3": 3})
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    snapshot = session.scalar(select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id))
    statutory = next(a for a in snapshot.area_scores if a.area_code == "SD")
    assert (statutory.score, statutory.gated) == (1.0, True)


def test_results_say_the_senco_standard_does_not_apply_and_leave_it_out_of_extremes_cfa_s67(
    app, world, session
):
    """A stale rating (given while the school was mainstream) is never its weakest standard."""
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"SD2": 0})
    make_special(session, world)
    page = PageClient(app, world.senco).get(world.url("results"))
    rows = {
        row.th.get_text(" ", strip=True).split(":")[0]: normalised_text(row.select("td")[0])
        for row in page.select("tr")
        if row.th and row.select("td") and ":" in row.th.get_text()
    }
    assert rows["SD2"] == "Does not apply to this school"
    with app.test_request_context():
        weakest = results_for(session.get(Audit, audit.id)).weakest
    assert "SD2" not in [line.code for line in weakest]


def test_the_audit_workbook_says_the_senco_standard_does_not_apply_with_its_source_cfa_s67(
    app, world, session
):
    make_special(session, world)
    audit = begin(app, world)
    with app.test_request_context():
        book = load_workbook(BytesIO(audit_workbook(audit)))
    lines = list(book["SD"].iter_rows(values_only=True))
    rows = {line[0]: dict(zip(lines[0], line, strict=False)) for line in lines[1:]}
    assert rows["SD2"]["Rating"] == "Does not apply to this school"
    assert rows["SD2"]["Not applicable reason"] == (
        "Applies to mainstream schools and maintained nursery schools only "
        "(Children and Families Act 2014, section 67(1))"
    )
    assert rows["SD1"]["Rating"] == "Not answered"


def test_a_stale_rating_is_neither_snapshotted_nor_turned_into_an_action_cfa_s67(
    app, world, session
):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"SD2": 0})
    make_special(session, world)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    snapshot = session.scalar(select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id))
    assert "SD2" not in snapshot.results["standards"]
    proposed = session.scalars(select(AuditAction).where(AuditAction.audit_id == audit.id))
    assert "Protect SENCO time." not in [action.description for action in proposed]


def test_the_api_refuses_an_answer_to_a_standard_that_does_not_apply_cfa_s67(app, world, session):
    make_special(session, world)
    audit = begin(app, world)
    url = f"/api/v1/schools/{world.school.urn}/audits/{world.slug}/answers/SD2"
    refused = ApiClient(app, world.senco).put(url, {"rating": 2, "version": 0}, status=422)
    assert "does not apply to this school" in refused["message"]
    assert session.scalar(select(Answer).where(Answer.audit_id == audit.id)) is None
