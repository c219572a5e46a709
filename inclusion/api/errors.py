"""JSON errors for /api/v1: status, a stable code, a message fit to show, and field errors."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    428: "precondition_required",
    429: "too_many_requests",
    500: "server_error",
    503: "unavailable",
}

MESSAGES = {
    401: "Sign in, or send an API key as 'Authorization: Bearer <key>'.",
    403: "Your account or key does not allow this.",
    404: "Not found, or not yours to see.",
    413: "The request is too large.",
    422: "Some of what was sent is not valid.",
    500: "Sorry, there is a problem with the service. Try again later.",
    503: "Sorry, the service is unavailable. Try again in a moment.",
}


def json_error(status: int, message: str | None = None, errors: dict | None = None, **extra: Any):
    body: dict[str, Any] = {
        "status": status,
        "code": CODES.get(status, "error"),
        "message": message or MESSAGES.get(status, "Sorry, there is a problem with the request."),
    }
    if errors:
        body["errors"] = errors
    return jsonify(body | extra), status


def field_errors(error: HTTPException) -> dict[str, list[str]] | None:
    """webargs puts messages under their location ({"json": {"rating": [...]}}): flatten."""
    messages = (getattr(error, "data", None) or {}).get("messages")
    if not messages:
        return None
    found: dict[str, list[str]] = {}
    for by_field in messages.values():
        for name, problems in by_field.items():
            found[name] = problems if isinstance(problems, list) else [str(problems)]
    return found


class ApiErrorSchema(Schema):
    """Every error the API answers (the OpenAPI document's default response)."""

    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    current_version = fields.Integer()
