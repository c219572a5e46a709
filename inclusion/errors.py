"""Domain errors raised by services, mapped to responses in one place (register_error_handlers)."""

from __future__ import annotations


class DomainError(Exception):
    """A use case refused; the message is safe to show to the person who asked."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def details(self) -> dict:
        """Anything more a machine client needs to act on the refusal (JSON errors only)."""
        return {}


class NotFound(DomainError):
    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class InvalidInput(DomainError):
    status_code = 400


class Busy(DomainError):
    """Too many people are asking for the same heavy work: try again shortly."""

    status_code = 503
