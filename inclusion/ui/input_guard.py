"""Input no field can hold is refused before any view sees it, with a message that says why.

A NUL character (often pasted from another program) cannot be stored in PostgreSQL text, and
JSON nested hundreds deep or not JSON at all must not reach a handler that expects an object:
each answered 5xx before this guard."""

from __future__ import annotations

import json

from flask import Flask, request
from werkzeug.exceptions import BadRequest

NUL = "\x00"
MAX_JSON_DEPTH = 20
NUL_MESSAGE = (
    "What you sent contains a null character, which cannot be saved. It often comes with "
    "text pasted from another program: type that text again, then send it."
)


class RefusedInput(BadRequest):
    """A 400 whose description is safe and useful to show the person who sent it."""


def register_input_guard(app: Flask) -> None:
    app.before_request(refuse_unstorable_input)


def refuse_unstorable_input() -> None:
    if _has_nul(request.args) or (_is_plain_form() and _has_nul(request.form)):
        raise RefusedInput(NUL_MESSAGE)
    if request.is_json and request.content_length:
        _check_json(request.get_data(cache=True, as_text=True))


def _is_plain_form() -> bool:
    """URL-encoded forms only: an upload (multipart) is parsed by its own view, under the
    larger size limit that view sets, and its file is checked by the importer."""
    return request.mimetype == "application/x-www-form-urlencoded"


def _has_nul(values) -> bool:
    return any(NUL in key or NUL in value for key, value in values.items(multi=True))


def _check_json(text: str) -> None:
    if NUL in text or "\\u0000" in text:
        raise RefusedInput(NUL_MESSAGE)
    if _depth(text) > MAX_JSON_DEPTH:
        raise RefusedInput(f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
    try:
        json.loads(text)
    except ValueError as error:
        raise RefusedInput(f"The body is not valid JSON: {error.args[0]}.") from None


def _depth(text: str) -> int:
    """The deepest nesting of brackets, counted without parsing (strings may hold brackets,
    which can only overstate the depth of a body that is itself far too deep)."""
    deepest = depth = 0
    for character in text:
        if character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest
