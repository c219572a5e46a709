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

KINDS: dict[str, EmailKind] = {k.name: k for k in (INVITATION, PASSWORD_RESET, PASSWORD_CHANGED)}


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
