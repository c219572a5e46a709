"""`flask --app inclusion notifications ...`: the sweep that survives restarts."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from inclusion.jobs import ThreadRunner, job_runner
from inclusion.notifications.services import queue_due_retries

notifications_cli = AppGroup("notifications", help="Email sending.")


@notifications_cli.command("retry-due")
def retry_due() -> None:
    """Queue every email whose retry is due, or that was queued but never sent (run it from
    cron, or after a restart: in-process timers do not survive one)."""
    count = queue_due_retries()
    runner = job_runner()
    if isinstance(runner, ThreadRunner):
        runner.wait(timeout=600)  # no Redis: the command itself does the sending
    click.echo(f"Queued {count} email(s).")
