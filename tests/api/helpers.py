"""Calling the API as a person (session) or a machine (API key), in the test's transaction."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

from inclusion.api.keys import KeyAccess, create_key
from tests.access import World


class ApiClient:
    """JSON in and out; asserts the status and, for errors, the one error shape."""

    def __init__(self, app: Flask, user: Any = None, token: str | None = None) -> None:
        self.app = app
        self.client = app.test_client(user=user) if user else app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, url: str, status: int = 200, **kwargs: Any) -> TestResponse:
        headers = self.headers | kwargs.pop("headers", {})
        with self.app.app_context():
            response = self.client.open(url, method=method, headers=headers, **kwargs)
        assert response.status_code == status, f"{response.status_code}: {response.data[:400]}"
        if status >= 400:
            assert_error_shape(response.json, status)
        return response

    def get(self, url: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call("GET", url, status, **kwargs)
        return response.json if response.is_json else response

    def put(self, url: str, body: dict, status: int = 200, **kwargs: Any) -> Any:
        return self.call("PUT", url, status, json=body, **kwargs).json


def assert_error_shape(body: dict, status: int) -> None:
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"status", "code", "message", "errors", "current_version"}


def key_for(world: World, access: KeyAccess, partnership: Any = None) -> str:
    _, token = create_key(
        name=f"{access} key",
        access=access,
        partnership=partnership,
        created_by=world.people["admin"],
    )
    return token


def year_slug(world: World) -> str:
    return world.audit.academic_year.label.replace("/", "-")


def answer_url(world: World, code: str = "LG1") -> str:
    return f"/api/v1/schools/{world.school_a.urn}/audits/{year_slug(world)}/answers/{code}"
