"""The JSON API as people use it through their session: shapes, paging, ETags, errors, saving."""

from __future__ import annotations

import json

from sqlalchemy import select

from inclusion.audit.models import Answer, AnswerChange
from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url, year_slug
from tests.pages import PageClient


def test_years_are_listed_newest_first_with_the_current_one_marked(app, client):
    world = build_world()
    years = ApiClient(app, world.people["no_role"]).get("/api/v1/years")
    assert [year["label"] for year in years] == [world.audit.academic_year.label]
    assert years[0]["is_current"] is True and set(years[0]) == {
        "label",
        "start_date",
        "end_date",
        "is_current",
    }


def test_a_senco_lists_only_their_own_school_and_an_administrator_pages_through_all(app, client):
    world = build_world()
    mine = ApiClient(app, world.people["senco_a"]).get("/api/v1/schools")
    assert [school["urn"] for school in mine] == [world.school_a.urn]

    admin = ApiClient(app, world.people["admin"])
    first = admin.call("GET", "/api/v1/schools?page=1&page_size=1")
    paging = json.loads(first.headers["X-Pagination"])
    assert paging["total"] == 2 and paging["total_pages"] == 2 and len(first.json) == 1
    second = admin.get("/api/v1/schools?page=2&page_size=1")
    assert {first.json[0]["urn"], second[0]["urn"]} == {world.school_a.urn, world.school_b.urn}


def test_schools_filter_by_partnership_membership_in_a_year(app, client):
    world = build_world()
    url = f"/api/v1/schools?partnership={world.partnership_b.code}&year={year_slug(world)}"
    found = ApiClient(app, world.people["admin"]).get(url)
    assert [school["urn"] for school in found] == [world.school_b.urn]


def test_a_read_carries_an_etag_and_an_unchanged_one_is_not_sent_again(app, client):
    world = build_world()
    api = ApiClient(app, world.people["senco_a"])
    first = api.call("GET", f"/api/v1/schools/{world.school_a.urn}")
    etag = first.headers["ETag"]
    again = api.call(
        "GET", f"/api/v1/schools/{world.school_a.urn}", 304, headers={"If-None-Match": etag}
    )
    assert again.data == b""


def test_another_schools_audit_is_a_json_404_that_names_nothing(app, client):
    world = build_world()
    api = ApiClient(app, world.people["senco_b"])
    body = api.get(f"/api/v1/schools/{world.school_a.urn}/audits/{year_slug(world)}", 404)
    assert body["code"] == "not_found" and world.school_a.name not in json.dumps(body)


def test_an_anonymous_client_gets_401_json_not_the_sign_in_page(app, client):
    body = ApiClient(app).get("/api/v1/schools", 401)
    assert body["code"] == "unauthenticated"


def test_a_senco_saves_an_answer_and_sees_it_in_the_audit(app, client, session):
    world = build_world()
    api = ApiClient(app, world.people["senco_a"])
    saved = api.put(answer_url(world), {"rating": 2, "evidence": "Plan agreed", "version": 0})
    assert (saved["code"], saved["rating"], saved["version"]) == ("LG1", 2, 1)

    audit = api.get(f"/api/v1/schools/{world.school_a.urn}/audits/{year_slug(world)}")
    assert audit["status"] == "in_progress"
    assert [(a["code"], a["evidence"]) for a in audit["answers"]] == [("LG1", "Plan agreed")]


def test_a_save_based_on_an_old_version_is_a_409_and_both_attempts_are_in_history(
    app, client, session
):
    world = build_world()
    api = ApiClient(app, world.people["senco_a"])
    api.put(answer_url(world), {"rating": 2, "version": 0})
    api.put(answer_url(world), {"rating": 3, "version": 1})

    stale = api.put(answer_url(world), {"rating": 1, "version": 1}, status=409)

    assert stale["code"] == "conflict" and stale["current_version"] == 2
    assert session.scalar(select(Answer.rating).where(Answer.audit_id == world.audit.id)) == 3
    ratings = session.execute(
        select(AnswerChange.new_value, AnswerChange.outcome)
        .where(AnswerChange.audit_id == world.audit.id, AnswerChange.field == "rating")
        .order_by(AnswerChange.id)
    ).all()
    assert ratings == [("2", "saved"), ("3", "saved"), ("1", "refused")]


def test_invalid_answers_are_422_with_the_field_named(app, client):
    world = build_world()
    api = ApiClient(app, world.people["senco_a"])
    unknown = api.put(answer_url(world), {"rating": 9, "version": 0}, status=422)
    assert list(unknown["errors"]) == ["rating"]
    wrong_type = api.put(answer_url(world), {"rating": "high", "version": 0}, status=422)
    assert "rating" in wrong_type["errors"]
    missing = api.put(answer_url(world), {"rating": 2}, status=422)
    assert "version" in missing["errors"]


def test_a_headteachers_session_may_save_but_an_advisers_may_not(app, client):
    world = build_world()
    ApiClient(app, world.people["head_a"]).put(answer_url(world), {"rating": 1, "version": 0})
    refused = ApiClient(app, world.people["adviser_a"]).put(
        answer_url(world), {"rating": 1, "version": 1}, status=403
    )
    assert refused["code"] == "forbidden"


def test_small_counts_in_the_aggregates_are_c_as_on_the_dashboard(app, client):
    world = build_world()  # school A has one suspension
    body = ApiClient(app, world.people["adviser_a"]).get(
        f"/api/v1/partnerships/{world.partnership_a.code}/aggregates"
    )
    suspensions = next(s for s in body["sections"] if s["name"] == "suspensions")
    row = next(r for r in suspensions["rows"] if r[0] == world.school_a.name)
    assert row[2:4] == ["c", "c"] and body["suppression_symbol"] == "c"


def test_a_partnership_lead_gets_aggregates_without_any_school(app, client):
    world = build_world()
    body = ApiClient(app, world.people["lead_a"]).get(
        f"/api/v1/partnerships/{world.partnership_a.code}/aggregates"
    )
    assert "audit-results" not in [s["name"] for s in body["sections"]]
    assert world.school_a.name not in json.dumps(body)


def test_the_csv_of_an_aggregate_matches_its_json_rows(app, client):
    world = build_world()
    api = ApiClient(app, world.people["admin"])
    base = f"/api/v1/partnerships/{world.partnership_a.code}/aggregates"
    sections = {s["name"]: s for s in api.get(base)["sections"]}
    text = api.call("GET", f"{base}/participation.csv").data.decode("utf-8-sig")
    lines = [line.split(",") for line in text.strip().split("\r\n")]
    expected = sections["participation"]
    assert lines[0] == expected["headers"]
    assert lines[1:] == [[str(cell) for cell in row] for row in expected["rows"]]


def test_the_openapi_document_lists_every_api_route_and_the_docs_page_reads_it(app, client):
    spec = ApiClient(app).get("/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.")
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    documented = {path.replace("{", "<").replace("}", ">") for path in spec["paths"]}
    assert routes - {"/api/v1/openapi.json", "/api/v1/docs"} == documented

    page = PageClient(app).get("/api/v1/docs")
    assert "/api/v1/schools/{urn}/audits/{year}/answers/{code}" in page.get_text()
