"""Self-service password reset by email.

The request does the same work whatever address is given: it records the request and queues
a job, and looks nothing up. The job finds the account, applies the per-account limit, makes
a single-use link (PASSWORD_RESET_LINK_MINUTES) and sends it. Unknown or deactivated
addresses get no email, and the person asking cannot tell the difference.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from inclusion.auth.models import SetPasswordLink, User
from inclusion.auth.services import new_link, normalise_email, portal_url, user_by_email
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.jobs import job_runner
from inclusion.notifications.kinds import PASSWORD_RESET
from inclusion.notifications.services import send_email
from inclusion.security import events
from inclusion.security.events import EventKind
from inclusion.uk_time import format_datetime


def request_password_reset(email: str) -> None:
    """Record the request and queue the job; the same statements for every address."""
    address = normalise_email(email)[:254]
    events.record(EventKind.PASSWORD_RESET_REQUESTED, None, email=address)
    db.session.commit()
    job_runner().enqueue(send_reset_link, address)


def send_reset_link(address: str) -> None:
    """The job: email a reset link to the account with this address, if there is one."""
    user = user_by_email(address)
    if user is None or not user.active:
        return
    if _resets_in_the_last_hour(user) >= current_app.config["RESET_EMAILS_PER_ACCOUNT_PER_HOUR"]:
        events.record(EventKind.PASSWORD_RESET_LIMITED, user)
        db.session.commit()
        return
    token = new_link(user, purpose="reset")
    events.record(EventKind.LINK_ISSUED, user, purpose="reset")
    db.session.commit()
    link = db.session.scalar(
        select(SetPasswordLink).where(
            SetPasswordLink.user_id == user.id, SetPasswordLink.revoked.is_(False)
        )
    )
    personalisation = {
        "name": user.display_name,
        "link": portal_url("auth.set_password", token=token),
        "expires": format_datetime(link.expires_at),
    }
    send_email(PASSWORD_RESET, user, personalisation)


def _resets_in_the_last_hour(user: User) -> int:
    return db.session.scalar(
        select(func.count(SetPasswordLink.id)).where(
            SetPasswordLink.user_id == user.id,
            SetPasswordLink.purpose == "reset",
            SetPasswordLink.created_at > utcnow() - timedelta(hours=1),
        )
    )
