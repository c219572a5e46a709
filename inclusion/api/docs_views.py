"""A readable page of the API, built from the OpenAPI document (no third-party scripts)."""

from __future__ import annotations

from flask import Blueprint, render_template

from inclusion.permissions import public

api_docs = Blueprint("api_docs_page", __name__)

METHODS = ("get", "put", "post", "patch", "delete")


@api_docs.route("/api/v1/docs")
@public
def docs():
    from inclusion.api import api

    spec = api.spec.to_dict()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    return render_template(
        "api/docs.html", spec=spec, operations=operations, title="Inclusion Portal API"
    )
