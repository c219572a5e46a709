"""Dates and times as people in England read them: UK clock time (GMT in winter, BST in
summer), GOV.UK style. Stored times are UTC; nothing shown to people says "UTC"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")


def uk_time(value: datetime) -> datetime:
    """An aware datetime on the UK clock (a naive one is taken to be UTC, as stored)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UK_TIME)


def format_date(value: date | datetime | str | None) -> str:
    """4 June 2026 (the UK date, for a datetime; also from an ISO date kept in JSON)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = uk_time(value)
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime | None) -> str:
    """4 June 2026 at 2:05pm, in UK time."""
    if value is None:
        return ""
    local = uk_time(value)
    return f"{format_date(local)} at {format_time(local)}"


def format_time(value: datetime) -> str:
    """2:05pm in UK time; midday and midnight as words, as GOV.UK style asks."""
    local = uk_time(value)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local.minute:02d}{suffix}"


def uk_today() -> date:
    """Today's date on the UK clock (after midnight in BST it is already tomorrow)."""
    return datetime.now(UK_TIME).date()
