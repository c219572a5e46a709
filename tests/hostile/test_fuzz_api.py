"""Bodies and parameters the API must refuse with its JSON error, never a 5xx."""

from __future__ import annotations

import pytest

from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url

NESTED = "[" * 5000 + "]" * 5000
BODIES = {
    "not JSON": "{rating: 2,",
    "deeply nested": '{"rating": 2, "evidence": ' + NESTED + ', "version": 0}',
    "a list, not an object": "[1, 2, 3]",
    "NaN rating": '{"rating": NaN, "version": 0}',
    "infinite rating": '{"rating": Infinity, "version": 0}',
    "huge version": '{"rating": 2, "version": 1' + "0" * 40 + "}",
    "missing version": '{"rating": 2}',
    "null version": '{"rating": 2, "version": null}',
    "NUL in evidence": '{"rating": 2, "evidence": "a\\u0000b", "version": 0}',
    "huge number": '{"rating": 1' + "0" * 400 + ', "version": 0}',
}


@pytest.mark.parametrize("label", sorted(BODIES))
def test_a_broken_answer_body_gets_a_4xx_json_error(label, app, client):
    world = build_world()
    api = ApiClient(app, world.people["senco_a"])
    response = api.client.put(
        answer_url(world), data=BODIES[label], content_type="application/json"
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    assert response.json["status"] == response.status_code


@pytest.mark.parametrize("page", ["99999999999999999999", "-1", "0", "NaN", "1e9"])
def test_a_page_number_out_of_range_is_refused_or_empty_never_a_5xx(page, app, client):
    world = build_world()
    api = ApiClient(app, world.people["admin"])
    with app.app_context():
        response = api.client.get(f"/api/v1/schools?page={page}")
    assert response.status_code < 500, response.data[:300]
