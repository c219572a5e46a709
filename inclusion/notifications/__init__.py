"""Email: one sending interface (`services.send_email`), three backends, every message recorded.

`register(app)` adds the administrators' email log, the demo outbox and the CLI.
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from inclusion.notifications.cli import notifications_cli
    from inclusion.notifications.views import emails, outbox

    app.register_blueprint(emails)
    app.register_blueprint(outbox)
    app.cli.add_command(notifications_cli)
