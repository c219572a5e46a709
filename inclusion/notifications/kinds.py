"""The kinds of email the portal sends: wording for SMTP and the outbox, the Notify template.

Each kind lists the only personalisation keys it accepts. Emails link to the portal and never
carry pupil-level data: a kind cannot be given a key it does not list (`check_personalisation`),
so a caller cannot slip a pupil reference, a record or a figure into a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from string import Template

# Added by the service to every message, so templates may always use them.
COMMON_KEYS = frozenset({"service_name", "council_name"})
MAX_VALUE_LENGTH = 500
# The shape of a unique pupil number (as graduated_response.records refuses for references).
LOOKS_LIKE_UPN = re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$")


class PersonalisationRefused(ValueError):
    """A message was given personalisation its kind does not allow."""


@dataclass(frozen=True)
class EmailKind:
    name: str
    label: str
    subject: str
    body: str
    keys: frozenset[str]
    # Keys holding single-use links: removed from the record once the message is final.
    secret_keys: frozenset[str] = frozenset()
    # Whether a person may turn this kind off. Account and security emails are always on.
    optional: bool = False

    @property
    def notify_template_setting(self) -> str:
        """The configuration setting holding this kind's GOV.UK Notify template id."""
        return f"NOTIFY_TEMPLATE_{self.name.upper()}"

    @property
    def allowed_keys(self) -> frozenset[str]:
        return self.keys | COMMON_KEYS

    def render(self, personalisation: Mapping[str, str]) -> tuple[str, str]:
        """Subject and plain-text body for SMTP and the outbox."""
        values = dict(personalisation)
        return Template(self.subject).substitute(values), Template(self.body).substitute(values)


INVITATION = EmailKind(
    name="invitation",
    label="Invitation",
    subject="You have been invited to the ${service_name}",
    body=(
        "Dear ${name},\n\n"
        "${council_name} has given you an account on the ${service_name} as ${role}.\n\n"
        "Set your password with this link. It works once and expires on ${expires}:\n\n"
        "${link}\n\n"
        "Then sign in with this email address. If the link has expired, ask the council's "
        "inclusion team for a new one.\n\n"
        "If you were not expecting this email, you can ignore it.\n"
    ),
    keys=frozenset({"name", "role", "link", "expires"}),
    secret_keys=frozenset({"link"}),
)

PASSWORD_RESET = EmailKind(
    name="password_reset",
    label="Password reset",
    subject="Reset your ${service_name} password",
    body=(
        "Dear ${name},\n\n"
        "Someone asked to reset the password for your ${service_name} account.\n\n"
        "Reset it with this link. It works once and expires on ${expires}:\n\n"
        "${link}\n\n"
        "If you did not ask for this, you can ignore this email: your password has not "
        "changed.\n"
    ),
    keys=frozenset({"name", "link", "expires"}),
    secret_keys=frozenset({"link"}),
)

PASSWORD_CHANGED = EmailKind(
    name="password_changed",
    label="Password changed",
    subject="Your ${service_name} password has been changed",
    body=(
        "Dear ${name},\n\n"
        "The password for your ${service_name} account was changed on ${changed_at}, and "
        "you were signed out everywhere else.\n\n"
        "If you did not do this, contact ${council_name}'s inclusion team straight away.\n\n"
        "Sign in: ${sign_in_link}\n"
    ),
    keys=frozenset({"name", "changed_at", "sign_in_link"}),
)


def _round_kind(name: str, label: str, subject: str, body: str, keys: set[str]) -> EmailKind:
    """A message about the annual round: a person may turn it off; it ends by saying how."""
    footer = "\nYou can turn this kind of email off in Email settings: ${settings_link}\n"
    return EmailKind(
        name=name,
        label=label,
        subject=subject,
        body="Dear ${name},\n\n" + body + footer,
        keys=frozenset(keys | {"name", "settings_link"}),
        optional=True,
    )


_AUDIT_KEYS = {"school_name", "year", "audit_link"}
AUDIT_OPENED = _round_kind(
    "audit_opened",
    "The audit opens",
    "The ${year} Inclusion Audit is open for ${school_name}",
    "The ${year} Inclusion Audit is open. It is due on ${due_date}.\n\n"
    "The SENCO completes it and the headteacher signs it off. Start here:\n\n${audit_link}\n",
    _AUDIT_KEYS | {"due_date"},
)
AUDIT_DUE_SOON = _round_kind(
    "audit_due_soon",
    "Reminders before the audit is due",
    "${school_name}'s Inclusion Audit is due in ${days_left}",
    "${school_name}'s ${year} Inclusion Audit is due on ${due_date}, in ${days_left}, and "
    "has not been submitted yet.\n\nContinue it here:\n\n${audit_link}\n",
    _AUDIT_KEYS | {"due_date", "days_left"},
)
AUDIT_OVERDUE = _round_kind(
    "audit_overdue",
    "The audit is overdue",
    "${school_name}'s Inclusion Audit is overdue",
    "${school_name}'s ${year} Inclusion Audit was due on ${due_date} and has not been "
    "submitted yet.\n\nContinue it here:\n\n${audit_link}\n",
    _AUDIT_KEYS | {"due_date"},
)
ADVISER_REMINDER = _round_kind(
    "adviser_reminder",
    "Reminders from your inclusion adviser",
    "A reminder about ${school_name}'s Inclusion Audit",
    "${adviser_name}, your inclusion adviser, reminds you that ${school_name}'s ${year} "
    "Inclusion Audit is due on ${due_date} and has not been submitted yet.\n\n${audit_link}\n",
    _AUDIT_KEYS | {"due_date", "adviser_name"},
)
AUDIT_SUBMITTED = _round_kind(
    "audit_submitted",
    "An audit is ready to sign off",
    "${school_name}'s Inclusion Audit is ready for you to sign off",
    "${school_name}'s SENCO has submitted the ${year} Inclusion Audit. As headteacher, "
    "read it and sign it off, or return it with a comment:\n\n${audit_link}\n",
    _AUDIT_KEYS,
)
AUDIT_RETURNED = _round_kind(
    "audit_returned",
    "An audit is returned",
    "${school_name}'s Inclusion Audit has been returned to you",
    "The headteacher returned the ${year} Inclusion Audit with this comment:\n\n"
    "${comment}\n\nMake the changes and submit it again:\n\n${audit_link}\n",
    _AUDIT_KEYS | {"comment"},
)
AUDIT_SIGNED_OFF = _round_kind(
    "audit_signed_off",
    "An audit awaits your review",
    "${school_name}'s Inclusion Audit is signed off and awaits your review",
    "${school_name}'s headteacher has signed off the ${year} Inclusion Audit. "
    "It is waiting for your review:\n\n${audit_link}\n",
    _AUDIT_KEYS,
)
RATING_CHALLENGED = _round_kind(
    "rating_challenged",
    "A rating is challenged in moderation",
    "An adviser has challenged a rating in ${school_name}'s Inclusion Audit",
    "Your inclusion adviser has challenged the school's rating of ${standard} in the ${year} "
    "Inclusion Audit. Read their comment in the audit:\n\n${audit_link}\n",
    _AUDIT_KEYS | {"standard"},
)
PAIRING_RECORDED = _round_kind(
    "pairing_recorded",
    "Setting-to-setting support is arranged",
    "Setting-to-setting support between ${school_name} and ${other_school}",
    "${school_name} is paired with ${other_school} on ${standard}, starting on ${start_date}. "
    "The school's support pages say more:\n\n${school_link}\n",
    {"school_name", "other_school", "standard", "start_date", "school_link"},
)
RECORDS_NEED_ATTENTION = _round_kind(
    "records_need_attention",
    "Records that need attention",
    "${school_name}: ${what} need attention",
    "${school_name}'s ${what} need attention. Sign in to see which:\n\n${records_link}\n",
    {"school_name", "what", "records_link"},
)
REPORT_REVIEW_DUE = _round_kind(
    "report_review_due",
    "The SEND Information Report review is due",
    "${school_name}'s SEND Information Report is due for its annual review",
    "${school_name}'s SEND Information Report should be reviewed by ${review_date}. "
    "The checklist is here:\n\n${report_link}\n",
    {"school_name", "review_date", "report_link"},
)

ROUND_KINDS = (
    AUDIT_OPENED,
    AUDIT_DUE_SOON,
    AUDIT_OVERDUE,
    ADVISER_REMINDER,
    AUDIT_SUBMITTED,
    AUDIT_RETURNED,
    AUDIT_SIGNED_OFF,
    RATING_CHALLENGED,
    PAIRING_RECORDED,
    RECORDS_NEED_ATTENTION,
    REPORT_REVIEW_DUE,
)
KINDS: dict[str, EmailKind] = {
    k.name: k for k in (INVITATION, PASSWORD_RESET, PASSWORD_CHANGED, *ROUND_KINDS)
}


def kind_named(name: str) -> EmailKind:
    try:
        return KINDS[name]
    except KeyError:
        raise PersonalisationRefused(f"There is no kind of email called {name!r}") from None


def check_personalisation(
    kind: EmailKind, personalisation: Mapping[str, object], portal_url: str
) -> dict[str, str]:
    """The personalisation as plain strings, or PersonalisationRefused.

    Refused: keys the kind does not list, values that are not short text, anything shaped like
    a unique pupil number, and links that lead anywhere but the portal.
    """
    unknown = set(personalisation) - kind.allowed_keys
    if unknown:
        raise PersonalisationRefused(
            f"A {kind.name} email cannot carry {', '.join(sorted(unknown))}: "
            "emails link to the portal and never hold pupil-level data"
        )
    missing = kind.allowed_keys - set(personalisation)
    if missing:
        raise PersonalisationRefused(f"A {kind.name} email needs {', '.join(sorted(missing))}")
    return {key: _checked_value(key, value, portal_url) for key, value in personalisation.items()}


def _checked_value(key: str, value: object, portal_url: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
        raise PersonalisationRefused(f"{key} must be text of at most {MAX_VALUE_LENGTH} characters")
    if any(ord(character) < 32 for character in value):
        raise PersonalisationRefused(f"{key} must be one line of text, without control characters")
    if any(LOOKS_LIKE_UPN.match(word) for word in value.split()):
        raise PersonalisationRefused(f"{key} looks like it holds a unique pupil number")
    if key.endswith("link") and not value.startswith(portal_url.rstrip("/") + "/"):
        raise PersonalisationRefused(f"{key} must be a link to the portal")
    return value
