"""Every API route x every kind of key: the same policy as a person with that scope."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from inclusion.api.keys import KeyAccess, create_key, revoke_key
from tests.access import World, build_world
from tests.api.helpers import answer_url, year_slug

SCOPES = ("council", "read_a", "write_a", "read_b", "revoked")
ALL = dict.fromkeys(SCOPES, 200)
READERS = ALL | {"revoked": 401}
SCHOOL_A = READERS | {"read_b": 404}
COUNCIL = dict.fromkeys(SCOPES, 403) | {"council": 200, "revoked": 401}


def school(w: World, suffix: str = "") -> str:
    return f"/api/v1/schools/{w.school_a.urn}{suffix}"


def aggregates(w: World, suffix: str = "") -> str:
    return f"/api/v1/partnerships/{w.partnership_a.code}/aggregates{suffix}"


MATRIX: dict[str, tuple[str, Callable[[World], str], dict[str, int]]] = {
    "api-docs.openapi_json": ("GET", lambda w: "/api/v1/openapi.json", ALL),
    "api_docs_page.docs": ("GET", lambda w: "/api/v1/docs", ALL),
    "api_reference.years": ("GET", lambda w: "/api/v1/years", READERS),
    "api_reference.partnerships": ("GET", lambda w: "/api/v1/partnerships", READERS),
    "api_reference.schools": ("GET", lambda w: "/api/v1/schools", READERS),
    "api_reference.school": ("GET", school, SCHOOL_A),
    "api_audits.audit_list": ("GET", lambda w: school(w, "/audits"), SCHOOL_A),
    "api_audits.audit": ("GET", lambda w: school(w, f"/audits/{year_slug(w)}"), SCHOOL_A),
    "api_audits.checklist": ("GET", lambda w: school(w, f"/checklists/{year_slug(w)}"), SCHOOL_A),
    # Only a read-write key covering the school reaches validation (no body: 422).
    "api_audits.save_answer": (
        "PUT",
        answer_url,
        SCHOOL_A | {"council": 403, "read_a": 403, "write_a": 422},
    ),
    "api_aggregates.partnership_aggregates": ("GET", aggregates, SCHOOL_A),
    "api_aggregates.partnership_csv": (
        "GET",
        lambda w: aggregates(w, "/suspensions.csv"),
        SCHOOL_A,
    ),
    "api_aggregates.council_aggregates": ("GET", lambda w: "/api/v1/council/aggregates", COUNCIL),
    "api_sen_support.partnership": (
        "GET",
        lambda w: f"/api/v1/partnerships/{w.partnership_a.code}/sen-support",
        SCHOOL_A,
    ),
    "api_sen_support.council": ("GET", lambda w: "/api/v1/council/sen-support", COUNCIL),
    "api_aggregates.council_kpis": ("GET", lambda w: "/api/v1/council/kpis", COUNCIL),
    "api_aggregates.council_kpis_csv": (
        "GET",
        lambda w: "/api/v1/council/kpis/persistent-absence.csv",
        COUNCIL,
    ),
    "api_aggregates.council_csv": (
        "GET",
        lambda w: "/api/v1/council/aggregates/suspensions.csv",
        COUNCIL,
    ),
}


def tokens(world: World) -> dict[str, str]:
    admin = world.people["admin"]
    made = {
        "council": (KeyAccess.READ, None),
        "read_a": (KeyAccess.READ, world.partnership_a),
        "write_a": (KeyAccess.READ_WRITE, world.partnership_a),
        "read_b": (KeyAccess.READ, world.partnership_b),
        "revoked": (KeyAccess.READ, None),
    }
    found = {}
    for scope, (access, partnership) in made.items():
        key, found[scope] = create_key(
            name=scope, access=access, partnership=partnership, created_by=admin
        )
        if scope == "revoked":
            revoke_key(key, admin)
    return found


def test_the_key_matrix_covers_every_api_route(app):
    routes = {r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1")}
    assert routes == set(MATRIX)


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_each_kind_of_key_gets_the_expected_status_from(endpoint, app, client):
    method, build_url, expected = MATRIX[endpoint]
    world = build_world()
    url = build_url(world)
    outcomes = {}
    for scope, token in tokens(world).items():
        with app.app_context():
            response = app.test_client().open(
                url, method=method, headers={"Authorization": f"Bearer {token}"}
            )
        outcomes[scope] = response.status_code
    assert outcomes == expected
