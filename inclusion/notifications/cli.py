"""`flask --app inclusion notifications ...`: the sweep that survives restarts."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from inclusion.jobs import ThreadRunner, job_runner
from inclusion.notifications.services import queue_due_retries
from inclusion.uk_time import uk_today

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


@notifications_cli.command("send-due")
def send_due() -> None:
    """Send the round's notices that are due today (audit opening, reminders, overdue audits,
    records needing attention, SEND Information Report reviews). Each notice goes once to
    each person, so run it every few minutes from cron or a scheduler."""
    from inclusion.round.due import send_due as work_out_and_send

    run = work_out_and_send(uk_today())
    finish_sending()
    click.echo(f"Queued {run.total} notice(s).")


def finish_sending() -> None:
    """Without Redis the jobs run in this process: wait for them before the command exits."""
    runner = job_runner()
    if isinstance(runner, ThreadRunner):
        runner.wait(timeout=600)  # no Redis: the command itself does the sending
