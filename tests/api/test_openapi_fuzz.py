"""Schemathesis against the OpenAPI document, with a key of each scope: no 5xx, no off-schema reply.

Bounded: a few generated requests per operation and scope, so it stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from inclusion.api.keys import KeyAccess
from tests.access import build_world
from tests.api.helpers import key_for

SCOPES = {
    "read, council-wide": (KeyAccess.READ, False),
    "read, partnership A": (KeyAccess.READ, True),
    "read-write, partnership A": (KeyAccess.READ_WRITE, True),
}
bounded = settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_no_generated_request_breaks_the_api_or_gets_an_undocumented_reply(scope, app, client):
    world = build_world()
    access, one_partnership = SCOPES[scope]
    token = key_for(world, access, world.partnership_a if one_partnership else None)
    for operation in operations(app):

        @bounded
        @given(case=operation.as_strategy())
        def check(case):
            with app.app_context():
                response = case.call(headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, (case.path, response.text[:300])
            case.operation.validate_response(response)

        check()


def test_the_openapi_document_validates_against_the_openapi_3_schema(app, client):
    schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).validate()


def test_the_validation_would_catch_a_broken_document(app, client):
    spec = app.test_client().get("/api/v1/openapi.json").json
    del spec["info"]
    with pytest.raises(Exception, match="info"):
        schemathesis.openapi.from_dict(spec).validate()
