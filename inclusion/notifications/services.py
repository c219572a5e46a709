"""Sending email: record the message, then a background job sends it, retrying with back-off.

`send_email` is the one way to send. It never talks to a mail service itself: it records the
message (recipient, kind, personalisation) and queues `deliver`, which runs off the request.
A transient failure is tried again after EMAIL_RETRY_BASE_SECONDS x 4^(attempt - 1); after
EMAIL_MAX_ATTEMPTS the message is marked failed for administrators to see and resend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.jobs import job_runner
from inclusion.notifications.backends import Outgoing, SendFailed, backend_for
from inclusion.notifications.kinds import EmailKind, check_personalisation, kind_named
from inclusion.notifications.models import WAITING, EmailAttempt, EmailStatus, OutboundEmail

REMOVED_LINK = "(link removed once the message was final)"


def send_email(
    kind: EmailKind, recipient: User | str, personalisation: Mapping[str, str]
) -> OutboundEmail:
    """Record a message to `recipient` (a person or an address), commit, and queue its sending.

    `personalisation` must hold exactly the keys the kind lists (`kinds.py`); the service and
    council names are added here. Raises PersonalisationRefused for anything else, so no
    caller can put pupil-level data in an email. Commits: call it after your own work is saved.
    """
    email = queue_email(kind, recipient, personalisation)
    db.session.flush()
    email_id = email.id
    db.session.commit()
    dispatch([email_id])
    return email


def queue_email(
    kind: EmailKind, recipient: User | str, personalisation: Mapping[str, str]
) -> OutboundEmail:
    """Add a message to the session without committing (for many messages in one
    transaction); flush, note their ids, commit, then `dispatch` the ids."""
    values = check_personalisation(
        kind, {**_common_values(), **personalisation}, current_app.config["PUBLIC_BASE_URL"]
    )
    user = recipient if isinstance(recipient, User) else None
    address = user.email if user is not None else recipient.strip().lower()
    email = OutboundEmail(kind=kind.name, to_address=address, user=user, personalisation=values)
    email.history.append(EmailAttempt(status=EmailStatus.QUEUED.value))
    db.session.add(email)
    return email


def dispatch(email_ids: Iterable[int]) -> None:
    """Queue the sending of committed messages (ids, so nothing is reloaded after commit)."""
    for email_id in email_ids:
        job_runner().enqueue(deliver, email_id)


def _common_values() -> dict[str, str]:
    config = current_app.config
    return {"service_name": config["SERVICE_NAME"], "council_name": config["COUNCIL_NAME"]}


def deliver(email_id: int) -> None:
    """The job: send one message once. Safe to run twice: only one run claims the message."""
    if not _claim(email_id):
        return
    email = db.session.get(OutboundEmail, email_id)
    kind = kind_named(email.kind)
    outgoing = Outgoing(email.to_address, kind, email.personalisation, f"inclusion-{email.id}")
    retry_in = None
    try:
        reference = _send(email, outgoing)
    except SendFailed as failure:
        retry_in = _record_failure(email, failure)
    else:
        _record_sent(email, reference, outgoing, keep_body=email.backend == "outbox")
    db.session.commit()
    if retry_in is not None:
        job_runner().enqueue_in(retry_in.total_seconds(), deliver, email.id)


def _send(email: OutboundEmail, outgoing: Outgoing) -> str:
    """Send through the configured backend and return its reference. Anything unexpected (a
    bad setting, a bug) counts as a failure worth retrying, so that a message is never left
    half-sent in the "sending" state."""
    try:
        backend = backend_for(current_app.config)
        email.backend = backend.name
        return backend.send(outgoing)
    except SendFailed:
        raise
    except Exception as error:
        current_app.logger.exception("Sending %s failed unexpectedly", outgoing.reference)
        raise SendFailed(f"Sending stopped unexpectedly: {type(error).__name__}") from error


def _claim(email_id: int) -> bool:
    """Compare-and-set from waiting to sending, counting the attempt; False if another run
    already has it, or it is sent or failed."""
    claimed = db.session.execute(
        update(OutboundEmail)
        .where(OutboundEmail.id == email_id, OutboundEmail.status.in_(WAITING))
        .values(status=EmailStatus.SENDING.value, attempts=OutboundEmail.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def _record_sent(email: OutboundEmail, reference: str, outgoing: Outgoing, keep_body: bool):
    email.status = EmailStatus.SENT.value
    email.provider_reference = reference[:200]
    email.sent_at = utcnow()
    email.retry_at = None
    email.error = ""
    if keep_body:
        email.subject, email.body = outgoing.rendered()
    email.history.append(EmailAttempt(status=email.status, detail=f"{email.backend}: {reference}"))
    _remove_links(email)


def _record_failure(email: OutboundEmail, failure: SendFailed) -> timedelta | None:
    """Mark the message waiting to retry (returning the delay) or failed (returning None)."""
    email.error = failure.message[:500]
    last_attempt = email.attempts >= current_app.config["EMAIL_MAX_ATTEMPTS"]
    delay = None if failure.permanent or last_attempt else retry_delay(email.attempts)
    if delay is None:
        email.status = EmailStatus.FAILED.value
        email.retry_at = None
        _remove_links(email)
    else:
        email.status = EmailStatus.RETRYING.value
        email.retry_at = utcnow() + delay
    email.history.append(EmailAttempt(status=email.status, detail=email.error))
    current_app.logger.warning(
        "Email %s attempt %s failed: %s", email.id, email.attempts, email.error
    )
    return delay


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the n-th failed attempt: base, 4 x base, 16 x base, ..."""
    return timedelta(seconds=current_app.config["EMAIL_RETRY_BASE_SECONDS"] * 4 ** (attempts - 1))


def _remove_links(email: OutboundEmail) -> None:
    """A single-use link lives in the record only while the message may still be sent."""
    secrets = kind_named(email.kind).secret_keys
    if secrets & set(email.personalisation):
        email.personalisation = {
            key: REMOVED_LINK if key in secrets else value
            for key, value in email.personalisation.items()
        }


def queue_due_retries() -> int:
    """Queue every message whose retry is due, or that was queued and never picked up (after
    a restart, timers and in-process queues are gone). Safe alongside running jobs."""
    now = utcnow()
    stale = now - timedelta(minutes=1)
    due = db.session.scalars(
        select(OutboundEmail.id).where(
            or_(
                (OutboundEmail.status == EmailStatus.RETRYING.value)
                & (OutboundEmail.retry_at <= now),
                (OutboundEmail.status == EmailStatus.QUEUED.value)
                & (OutboundEmail.created_at <= stale),
            )
        )
    ).all()
    for email_id in due:
        job_runner().enqueue(deliver, email_id)
    return len(due)


def resend(email: OutboundEmail) -> OutboundEmail:
    """Send a copy of a message again. Messages with a single-use link cannot be copied (the
    link was removed): invitations are resent with a new link, resets are asked for again."""
    kind = kind_named(email.kind)
    if kind.secret_keys:
        raise InvalidInput(
            f"A {kind.label.lower()} email held a single-use link, so it cannot be copied. "
            + _how_to_resend(kind)
        )
    personalisation = {k: v for k, v in email.personalisation.items() if k in kind.keys}
    return send_email(kind, email.user or email.to_address, personalisation)


def _how_to_resend(kind: EmailKind) -> str:
    if kind.name == "invitation":
        return "Send a new invitation from the person's account page."
    return "The person can ask for a new link from the sign-in page."
