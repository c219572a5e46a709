"""A file the portal hands out: one place for the download headers."""

from __future__ import annotations

from flask import Response


def attachment(body: str | bytes, mimetype: str, filename: str, private: bool = False) -> Response:
    """`body` as a download named `filename`; `private` files (a school's own data) are never
    kept by a browser's or proxy's cache."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if private:
        headers["Cache-Control"] = "no-store"
    return Response(body, mimetype=mimetype, headers=headers)
